"""Names across a rule set: where each framework, agreement, bands table,
calendar, round, band, activity and indicator is declared, and every place
that names it — for go to definition and find references.

An agreement's `ตัวชี้วัด 8` names the framework's indicator 8 (the framework
the agreement's `กรอบ` line names); an id the framework does not have is the
agreement's own indicator. A framework's limits (`ข้อกำหนด สัดส่วน achievement …`,
`ข้อกำหนด ระดับผล fair …`) name a component of it and a band of its bands table; a
heading (`หมวด "…" ตัวชี้วัด 2 3`) names the indicators under it, a raise pool
(`วงเงิน 3% ณ 1 มี.ค. รอบ 1`) a round of it. A cascade (`ถ่ายทอด … จาก AGREEMENT KPI`) names an
agreement and an indicator of it; an example names its agreement, a round
and the indicators of its results.

A framework's scale (`มาตรวัด competency_scale "…" { … }`) is named by the indicators that
score on it (`มาตรวัด competency_scale` in a component's block), a salary grade
(`ระดับตำแหน่ง k_professional "…" { … }` in its salary rules) by the agreements that give a
salary in it (`เงินเดือน 20,000 ระดับตำแหน่ง k_professional`, or `ระดับตำแหน่ง …` alone). A part of
an indicator (`ส่วน survey "…" สัดส่วน 50% { … }`) is named, as its inputs are, in an example's
results of the indicator (`ตัวชี้วัด 11 survey 4 checklist 3`) and by a `ส่วน survey …` line there.
"""

from __future__ import annotations

from typing import Iterable

import attrs

from ..diagnostics.span import Span
from ..syntax import cst
from ..syntax.keywords import canonical
from .outline import NODE_KINDS, Entry, arg_text, entries, head_key

# A name's key: (kind, scope, id). The scope is the framework of an indicator
# or round, the agreement of an agreement's own indicator, the bands table of
# a band, the calendar of an activity, and "" for declarations.
Key = tuple[str, str, str]

# An indicator's input (X1 of `ข้อมูล X1 X2 …`) is ("input", input_scope(indicator), "X1"), its
# part (`ส่วน survey …`) ("part", input_scope(indicator), "survey"); a framework's scale and
# salary grade are ("scale", framework, id) and ("grade", framework, id).
DECLARATIONS = {"framework", "agreement", "bands", "calendar", "example"}


@attrs.frozen
class Site:
    key: Key
    span: Span


@attrs.define
class NameIndex:
    definitions: dict[Key, Span] = attrs.Factory(dict)
    references: list[Site] = attrs.Factory(list)
    titles: dict[Key, str] = attrs.Factory(dict)
    optional: set[Key] = attrs.Factory(set)  # the nodes a framework lets an agreement omit (`ถ้ามี`)
    # a framework's node → its kind (kpi, dimension …) and the framework node it is written in
    # (None at the framework's top): what an agreement may write where (A024, A025)
    kinds: dict[Key, str] = attrs.Factory(dict)
    parents: dict[Key, Key | None] = attrs.Factory(dict)
    # what a name takes its scope from: an agreement's framework (its `กรอบ` line), an example's
    # agreement, a framework's bands table (its `ระดับผลการประเมิน` line)
    framework_of: dict[str, str] = attrs.Factory(dict)
    agreement_of: dict[str, str] = attrs.Factory(dict)
    bands_of: dict[str, str] = attrs.Factory(dict)

    def define(self, key: Key, span: Span | None, title: str | None = None) -> None:
        if span is not None:
            self.definitions.setdefault(key, span)
            if title:
                self.titles.setdefault(key, title)

    def refer(self, key: Key, span: Span | None) -> None:
        if span is not None:
            self.references.append(Site(key, span))

    def key_at(self, path: str, line: int, column: int) -> Key | None:
        """The name at a point: a reference to it, or its declaration."""
        for site in self.references:
            if _inside(site.span, path, line, column):
                return site.key
        for key, span in self.definitions.items():
            if _inside(span, path, line, column):
                return key
        return None

    def uses(self, key: Key) -> list[Span]:
        return [s.span for s in self.references if s.key == key]

    def names(self, kind: str, scope: str = "") -> list[tuple[str, str]]:
        """(id, title) of every declared name of a kind in a scope, in the order written."""
        return [(k[2], self.titles.get(k, "")) for k in self.definitions if k[0] == kind and k[1] == scope]

    def under(self, key: Key, ancestor: Key) -> bool:
        """Whether a framework's node ``key`` is written, at any depth, inside ``ancestor``."""
        seen = set()
        parent = self.parents.get(key)
        while parent is not None and parent not in seen:
            if parent == ancestor:
                return True
            seen.add(parent)
            parent = self.parents.get(parent)
        return False

    def omittable(self, framework: str) -> list[tuple[str, str]]:
        """(id, title) of each of a framework's nodes marked `ถ้ามี`, in the order written: the
        ones an agreement's `ยกเว้น` may name (any other is A005 there)."""
        return [(ident, title) for ident, title in self.names("node", framework)
                if ("node", framework, ident) in self.optional]


def _inside(span: Span, path: str, line: int, column: int) -> bool:
    return span.path == path and (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def _optional(st: cst.Statement) -> bool:
    """Whether a node's statement marks it `ถ้ามี`, on its line or on a line of its block."""
    if any(isinstance(arg, cst.Name) and canonical(arg.text) == "optional" for arg in st.args):
        return True
    own = st.block.statements if st.block is not None else ()
    return any(isinstance(line, cst.Statement) and canonical(line.head.text) == "optional" for line in own)


def _title(st: cst.Statement) -> str | None:
    for arg in st.args[1:]:
        if isinstance(arg, cst.Text):
            return arg.value
    return None


def _child(entry: Entry, key: str, all_entries: list[Entry]) -> Entry | None:
    for e in all_entries:
        if e.parents and e.parents[-1] is entry and e.key == key:
            return e
    return None


def input_scope(node: Key) -> str:
    """The scope of an indicator's inputs in their keys: the indicator's key as one text."""
    return f"{node[1]}/{node[2]}"


def _grouped(st: cst.Statement) -> list[cst.Arg]:
    """The indicators a heading names: `หมวด "TITLE" ตัวชี้วัด 1 2 3` (the ids after the keyword)."""
    return [a for a in st.args if isinstance(a, (cst.Name, cst.Number, cst.Dotted)) and arg_text(a)
            and canonical(arg_text(a)) is None]


def build(documents: Iterable[cst.Document]) -> NameIndex:
    index = NameIndex()
    docs = [list(entries(doc)) for doc in documents]
    # Which framework each agreement names, and which agreement each example names,
    # before any reference is read (they may be in other files).
    framework_of, agreement_of, bands_of = index.framework_of, index.agreement_of, index.bands_of
    for ents in docs:
        for e in ents:
            if e.context == "framework" and e.key == "bands" and e.ident:
                owner = e.enclosing("framework")
                if owner and owner.ident:
                    bands_of.setdefault(owner.ident, e.ident)
            if e.context == "agreement" and e.key == "framework":
                owner = e.enclosing("agreement")
                if owner and owner.ident and e.ident:
                    framework_of.setdefault(owner.ident, e.ident)
            if e.context == "example" and e.key == "agreement":
                owner = e.enclosing("example")
                if owner and owner.ident and e.ident:
                    agreement_of.setdefault(owner.ident, e.ident)

    # Declarations first, so that an agreement's indicator can tell whether the
    # framework has it.
    for ents in docs:
        for e in ents:
            ident, span = e.ident, e.ident_span
            if ident is None:
                continue
            if e.context == "file" and e.key in DECLARATIONS:
                index.define((e.key, "", ident), span, _title(e.stmt))
            elif e.key in NODE_KINDS and e.enclosing("framework") and e.enclosing("framework").context == "file":
                fw_id = e.enclosing("framework").ident or ""
                key = ("node", fw_id, ident)
                index.define(key, span, _title(e.stmt))
                index.kinds.setdefault(key, e.key)
                parent = e.enclosing(*NODE_KINDS)
                index.parents.setdefault(key, ("node", fw_id, parent.ident or "") if parent else None)
                if _optional(e.stmt):
                    index.optional.add(key)
            elif e.key == "round" and e.context == "framework":
                index.define(("round", e.parents[-1].ident or "", ident), span, _title(e.stmt))
            elif e.key == "scale" and e.context == "framework" and e.stmt.block is not None:
                index.define(("scale", e.parents[-1].ident or "", ident), span, _title(e.stmt))
            elif e.key == "grade" and e.context == "salary" and e.enclosing("framework"):
                index.define(("grade", e.enclosing("framework").ident or "", ident), span, _title(e.stmt))
            elif e.key == "band" and e.context == "bands":
                index.define(("band", e.parents[-1].ident or "", ident), span, _title(e.stmt))
            elif e.key == "activity" and e.context == "calendar":
                index.define(("activity", e.parents[-1].ident or "", ident), span, _title(e.stmt))

    fields: list[tuple[str, str, Span]] = []  # (indicator's scope, name, span) of an example's results
    part_lines: list[tuple[str, str, str, Span]] = []  # (framework, agreement scope, part, span)

    def node_key(framework: str | None, agreement: str | None, ident: str) -> Key:
        if framework and ("node", framework, ident) in index.definitions:
            return ("node", framework, ident)
        return ("node", "agreement:" + (agreement or ""), ident)

    for ents in docs:
        for e in ents:
            st, ident, span = e.stmt, e.ident, e.ident_span
            agreement = e.enclosing("agreement")
            example = e.enclosing("example")
            framework = e.enclosing("framework")
            if agreement is not None and agreement.context == "file":
                fw = framework_of.get(agreement.ident or "")
                if e.key == "framework" and e.context == "agreement" and ident:
                    index.refer(("framework", "", ident), span)
                elif e.key in NODE_KINDS and ident:
                    key = node_key(fw, agreement.ident, ident)
                    if key[1].startswith("agreement:"):
                        index.define(key, span, _title(st))
                    else:
                        index.refer(key, span)
                elif e.key == "omit" and fw:
                    for arg in st.args:
                        if arg_text(arg):
                            index.refer(("node", fw, arg_text(arg)), arg.span)
                elif e.key == "round" and e.context == "agreement" and ident and fw:
                    index.refer(("round", fw, ident), span)
                elif e.key == "group":
                    for arg in _grouped(st):
                        index.refer(node_key(fw, agreement.ident, arg_text(arg)), arg.span)
                elif e.key == "scale" and e.context == "node" and ident and fw:
                    index.refer(("scale", fw, ident), span)
                elif e.key == "grade" and e.context == "agreement" and ident and fw:
                    index.refer(("grade", fw, ident), span)
                elif e.key == "salary" and e.context == "agreement" and fw:
                    # เงินเดือน 20,000 ระดับตำแหน่ง k_professional: the grade the salary is in
                    for word, named in zip(st.args, st.args[1:]):
                        if isinstance(word, cst.Name) and canonical(word.text) == "grade" and arg_text(named):
                            index.refer(("grade", fw, arg_text(named)), named.span)
            if framework is not None and framework.context == "file":
                fw_id = framework.ident or ""
                if e.context == "framework" and e.key in ("bands", "calendar") and ident:
                    index.refer((e.key, "", ident), span)
                if e.context == "node" and e.key == "scale" and ident:
                    index.refer(("scale", fw_id, ident), span)
                for arg in st.args:
                    if e.key in NODE_KINDS and isinstance(arg, cst.Arrow) and arg_text(arg.target):
                        index.refer(("node", fw_id, arg_text(arg.target)), arg.target.span)
                if e.key == "group":
                    for arg in _grouped(st):
                        index.refer(("node", fw_id, arg_text(arg)), arg.span)
                if e.key == "pool" and e.context == "salary":
                    # วงเงิน 3% ณ 1 มี.ค. รอบ 1: the round whose raise pool it is
                    for word, named in zip(st.args, st.args[1:]):
                        if isinstance(word, cst.Name) and canonical(word.text) == "round" and arg_text(named):
                            index.refer(("round", fw_id, arg_text(named)), named.span)
                if e.key == "limit" and e.context == "framework" and len(st.args) >= 2 and arg_text(st.args[1]):
                    # ข้อกำหนด สัดส่วน COMPONENT … / ข้อกำหนด ระดับผล BAND …: the limit's subject
                    subject, named = canonical(arg_text(st.args[0]) or ""), st.args[1]
                    if subject == "share":
                        index.refer(("node", fw_id, arg_text(named)), named.span)
                    elif subject == "band" and fw_id in bands_of:
                        index.refer(("band", bands_of[fw_id], arg_text(named)), named.span)
            if e.key == "cascade":
                named = [a for a in st.args if isinstance(a, (cst.Name, cst.Number, cst.Dotted))]
                # ถ่ายทอด MODE จาก AGREEMENT KPI: the last two words are the agreement and its indicator.
                if len(named) >= 2:
                    target, kpi = named[-2], named[-1]
                    index.refer(("agreement", "", target.text), target.span)
                    fw = framework_of.get(target.text)
                    index.refer(node_key(fw, target.text, arg_text(kpi) or ""), kpi.span)
            if example is not None and example.context == "file":
                agreement_id = agreement_of.get(example.ident or "", "")
                fw = framework_of.get(agreement_id)
                if e.context == "example" and e.key == "agreement" and ident:
                    index.refer(("agreement", "", ident), span)
                elif e.context == "example" and e.key == "round" and ident and fw:
                    index.refer(("round", fw, ident), span)
                elif e.context in ("given", "expect") and e.key in NODE_KINDS and ident:
                    key = node_key(fw, agreement_id, ident)
                    index.refer(key, span)
                    if e.context == "given":  # `ตัวชี้วัด 8 X1 90 Y1 100 …`: the results of its inputs or parts
                        for arg in st.args[1:]:
                            if isinstance(arg, cst.Name) and canonical(arg.text) is None:
                                fields.append((input_scope(key), arg.text, arg.span))
                elif e.context in ("given", "expect") and e.key == "part" and ident:
                    # ส่วน survey …: the part of whichever indicator of the agreement has it
                    # (kpidsl/check/names.py looks it up so), once the parts are declared
                    part_lines.append((fw or "", "agreement:" + agreement_id, ident, span))
                elif e.context == "expect" and e.key == "band" and ident:
                    # the band of the table the example's framework rates with; of any table
                    # of the id while that framework or its table is not known
                    table = bands_of.get(fw or "")
                    for key in [("band", table, ident)] if table else list(index.definitions):
                        if key[0] == "band" and key[2] == ident:
                            index.refer(key, span)
    # An indicator's inputs: `ข้อมูล X1 X2 …` in its block declares them, its formula
    # (`คำนวณ เฉลี่ย(X1 / Y1, …)`) names them. An agreement may restate a framework's
    # indicator's inputs or parts in its own block: the framework's declare them (read
    # first, whichever file comes first), the agreement's name them, so that each is found,
    # and renamed, with them.
    blocks: list[tuple[bool, Key, Entry]] = []  # (an agreement's, the indicator's key, its entry)
    for ents in docs:
        for e in ents:
            if e.key not in NODE_KINDS or not e.ident or e.stmt.block is None:
                continue
            agreement, framework = e.enclosing("agreement"), e.enclosing("framework")
            if agreement is not None and agreement.context == "file":
                blocks.append((True, node_key(framework_of.get(agreement.ident or ""), agreement.ident, e.ident), e))
            elif framework is not None and framework.context == "file":
                blocks.append((False, ("node", framework.ident or "", e.ident), e))
    for _, key, e in sorted(blocks, key=lambda b: b[0]):  # stable: in the order written otherwise
        scope = input_scope(key)

        def declare(name_key: Key, span: Span | None, title: str | None = None) -> None:
            if name_key in index.definitions:
                index.refer(name_key, span)  # a restatement of it (or a second declaration, N001)
            else:
                index.define(name_key, span, title)

        for st in e.stmt.block.statements:
            if isinstance(st, cst.Formula):
                for sub in cst.subexpressions(st.expr):
                    if isinstance(sub, cst.Var):
                        index.refer(("input", scope, sub.name), sub.span)
            elif head_key(st.head) == "part" and st.args and arg_text(st.args[0]):
                declare(("part", scope, arg_text(st.args[0])), st.args[0].span, _title(st))
            elif head_key(st.head) == "input":
                for arg in st.args:
                    if not isinstance(arg, cst.Name):
                        break  # the names come first, then the title
                    if canonical(arg.text) is None:
                        declare(("input", scope, arg.text), arg.span)
    # An example's `ตัวชี้วัด 11 survey 4`: the indicator's part when it has one of the name, else its input.
    for scope, name, span in fields:
        part = ("part", scope, name)
        index.refer(part if part in index.definitions else ("input", scope, name), span)
    for fw, agreement_scope, name, span in part_lines:
        for key in list(index.definitions):
            if key[0] == "part" and key[2] == name and key[1].rpartition("/")[0] in (fw, agreement_scope):
                index.refer(key, span)
    return index
