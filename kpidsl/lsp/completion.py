"""Completion: the keywords the current block allows, the names a keyword
takes (frameworks, an agreement's framework's indicators, bands, rounds,
calendars, agreements), and a snippet for a whole indicator with its ladder.

The block is found from the text's braces, not from the parse, so completion
works on a line that is still being typed (and does not parse yet)."""

from __future__ import annotations

import re
from typing import Iterator

import attrs

from ..check.followons import braces, enclosing_header
from ..diagnostics.cli_texts import said
from ..syntax import cst
from ..syntax.contexts import CONTEXTS
from ..syntax.keywords import BY_CANONICAL, canonical, is_thai
from ..syntax.parser import lexed
from ..thai import to_arabic
from .names import NameIndex
from .outline import BLOCK_CONTEXT, NODE_KINDS, head_key

_WORD = re.compile(r"[^\s{};\"#]+")
_THRESHOLDS = 5  # a ladder's, one a level 1 to 5 (kpidsl/syntax/ast.py Ladder; L001 for another count)


@attrs.frozen
class Item:
    label: str
    kind: str  # "keyword", "name", "snippet"
    detail: str = ""
    insert: str | None = None  # snippet text
    sort: str = ""


def _first_word(line: str) -> str:
    m = _WORD.search(line)
    return m.group(0) if m else ""


def block_chain(lines: list[str], line: int) -> list[int]:
    """The header lines of the blocks holding ``line`` (1-based), outermost first."""
    chain = []
    here = line
    while True:
        header = enclosing_header(lines, here)
        if header is None:
            break
        chain.append(header)
        here = header
    return chain[::-1]


def context_at(lines: list[str], line: int) -> tuple[str, list[str]]:
    """The context name at a line and the head keywords of its enclosing blocks."""
    context, keys = "file", []
    for header in block_chain(lines, line):
        key = head_key_text(_first_word(lines[header - 1]))
        keys.append(key or "")
        if key == "#":
            context = "milestone" if context == "milestones" else context
        else:
            context = BLOCK_CONTEXT.get(key or "", context)
    return context, keys


def head_key_text(word: str) -> str | None:
    from ..syntax import cst

    return head_key(cst.Head(word)) if word else None


def file_language(text: str) -> str:
    """"th" or "en": the language most of the file's head keywords are written in."""
    th = en = 0
    for line in text.split("\n"):
        word = _first_word(line)
        if not word or word.startswith("#"):
            continue
        if head_key_text(word) not in (None, "#"):
            if is_thai(word):
                th += 1
            else:
                en += 1
    return "en" if en > th else "th"


def _keywords(context: str, lang: str) -> list[Item]:
    ctx = CONTEXTS.get(context)
    return _spelt(ctx.keys, lang) if ctx is not None else []


def _spelt(keys, lang: str) -> list[Item]:
    """Every spelling of ``keys``, those of ``lang`` first."""
    items = []
    for key in sorted(keys):
        kw = BY_CANONICAL[key]
        first, second = (kw.th, kw.en) if lang == "th" else (kw.en, kw.th)
        for rank, spellings in ((0, first), (1, second)):
            for spelling in spellings:
                other = kw.en[0] if is_thai(spelling) else kw.th[0]
                meaning = kw.meaning("th" if is_thai(spelling) else "en")
                items.append(Item(spelling, "keyword", f"{other} — {meaning}", sort=f"{rank}{key}"))
    return items


def _agreement_framework(lines: list[str], chain: list[int]) -> str | None:
    """The framework the agreement around the cursor names (its `กรอบ`/`framework` line)."""
    if not chain:
        return None
    header = chain[0]
    if head_key_text(_first_word(lines[header - 1])) != "agreement":
        return None
    depth = 0
    for number in range(header, len(lines) + 1):
        text = lines[number - 1]
        words = _WORD.findall(text.split("#", 1)[0])
        if number > header and depth == 1 and len(words) >= 2 and head_key_text(words[0]) == "framework":
            return words[1]
        opens, closes = braces(text)  # not those in a comment or in quotes
        depth += opens - closes
        if depth <= 0 and number > header:
            break
    return None


def _in_long_text(text: str, line: int, column: int, tree: cst.Document | None) -> bool:
    """Whether a 1-based point is inside a text in triple quotes: its lines after the first
    hold no quote to count, and a word typed there is the text's, no keyword. The texts are
    the statement tree's when there is one (the lexer takes ~10 ms over department.kpi)."""
    if '"""' not in text:
        return False
    if tree is not None:
        return any(_inside(arg.span, line, column) for arg in _texts(tree.statements))
    return any(tok.type == "LONG_STRING" and (tok.line, tok.column) < (line, column) < (tok.end_line, tok.end_column)
               for tok in lexed(text) or ())


def _texts(stmts) -> Iterator[cst.Text]:
    for st in stmts:
        if isinstance(st, cst.Statement):
            yield from (arg for arg in st.args if isinstance(arg, cst.Text))
            if st.block is not None:
                yield from _texts(st.block.statements)


def _inside(span, line: int, column: int) -> bool:
    return span is not None and (span.line, span.column) < (line, column) < (span.end_line, span.end_column)


def complete(text: str, index: NameIndex, line: int, column: int, tree: cst.Document | None = None) -> list[Item]:
    """Completion items at a 1-based point (``tree``: the text's statement tree, if there is one)."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return []
    before = lines[line - 1][: column - 1]
    if "#" in before or before.count('"') % 2 or _in_long_text(text, line, column, tree):
        return []  # in a comment or a string
    lang = file_language(text)
    context, keys = context_at(lines, line)
    words = _WORD.findall(before.split(";")[-1])
    typing_head = not words or (len(words) == 1 and not before.endswith((" ", "\t")))
    if typing_head:
        items = _keywords(context, lang)
        if context in ("framework", "node"):
            items.append(_snippet(lang, _free_id(index, lines, line)))
        return items
    head = head_key_text(words[0])
    if head == "ladder":
        return _spelt(_after_ladder(words[1:] if before.endswith((" ", "\t")) else words[1:-1]), lang)
    if len(words) == 1 or (len(words) == 2 and not before.endswith((" ", "\t"))):
        return _names(index, head, context, lines, keys, line)
    if head == "limit" and context == "framework" and head_key_text(words[1]) == "band" and (
            len(words) == 2 or (len(words) == 3 and not before.endswith((" ", "\t")))):
        # ข้อกำหนด ระดับผล BAND …: a band of the framework's own table
        table = index.bands_of.get(_top_ident(lines, line, "framework"))
        return [Item(ident, "name", title) for ident, title in index.names("band", table)] if table else []
    return []


def _after_ladder(args: list[str]) -> set[str]:
    """The words that may follow a ladder's keyword and ``args`` (kpidsl/syntax/lower/scoring.py
    ``ladder``): a direction or `target` first, `target` after a direction, `step` after a
    target's figure or the five thresholds; a figure anywhere else."""
    keys = [canonical(arg) for arg in args]
    if keys and keys[0] in ("higher", "lower"):
        keys = keys[1:]
    if "step" in keys:
        return set()
    if not keys:
        return {"target"} if args else {"higher", "lower", "target"}
    if keys[0] == "target":
        return {"step"} if len(keys) == 2 else set()
    return {"step"} if len(keys) == _THRESHOLDS else set()


def _names(index: NameIndex, head: str | None, context: str, lines: list[str], keys: list[str],
           line: int) -> list[Item]:
    def of(kind: str, scope: str = "") -> list[Item]:
        return [Item(ident, "name", title) for ident, title in index.names(kind, scope)]

    if head == "framework" and context == "agreement":
        return of("framework")
    if head in ("bands",) and context == "framework":
        return of("bands")
    if head == "calendar" and context == "framework":
        return of("calendar")
    if head == "agreement" and context == "example":
        return of("agreement")
    chain = block_chain(lines, line)
    fw = _agreement_framework(lines, chain)
    if head in NODE_KINDS and context in ("agreement", "node") and keys and keys[0] == "agreement" and fw:
        return _agreement_nodes(index, fw, head, [lines[h - 1] for h in chain[1:]])
    if head == "omit" and fw:
        return [Item(ident, "name", title) for ident, title in index.omittable(fw)]
    if head == "round" and context == "agreement" and fw:
        return of("round", fw)
    if context in ("example", "given", "expect") and (head in NODE_KINDS or head == "round"):
        # an example's results name its agreement's indicators (the framework's, then the
        # agreement's own), its `รอบ` a round of that framework (names.py reads them so)
        agreement = index.agreement_of.get(_top_ident(lines, line, "example"), "")
        framework = index.framework_of.get(agreement, "")
        if head == "round":
            return of("round", framework) if context == "example" and framework else []
        if context != "example" and agreement:
            # a given result is an indicator's: a perspective or dimension takes none (X002, its
            # score comes from the indicators under it), though its score may be expected
            offered = [item for item in of("node", framework) if context != "given"
                       or index.kinds.get(("node", framework, item.label)) not in ("perspective", "dimension")]
            return offered + of("node", "agreement:" + agreement)
        return []
    if head == "band" and context == "expect":
        # the bands of the table the example's agreement's framework rates with (every table's
        # while that is not known: an example typed before its agreement line)
        table = index.bands_of.get(index.framework_of.get(index.agreement_of.get(_top_ident(lines, line, "example"),
                                                                                 ""), ""))
        return [Item(k[2], "name", index.titles.get(k, "")) for k in index.definitions
                if k[0] == "band" and (table is None or k[1] == table)]
    return []


def _agreement_nodes(index: NameIndex, fw: str, head: str, headers: list[str]) -> list[Item]:
    """The framework's nodes an agreement may write with the keyword ``head`` under the block
    headers ``headers`` (the agreement's own header left out, outermost first): those of the
    keyword's kind (`ตัวชี้วัด quality` is A024), and inside a framework node the agreement
    writes, only the nodes the framework has under it (`ตัวชี้วัด 1 { ตัวชี้วัด 5 }` is A025;
    check/agreements.py). Inside a node of the agreement's own, its nearest framework node rules."""
    inside = None
    for header in headers:
        words = _WORD.findall(header.split("#", 1)[0])
        if len(words) >= 2 and head_key_text(words[0]) in NODE_KINDS and ("node", fw, words[1]) in index.kinds:
            inside = ("node", fw, words[1])
    return [Item(ident, "name", title) for ident, title in index.names("node", fw)
            if index.kinds.get(("node", fw, ident)) == head and (inside is None or index.under(("node", fw, ident), inside))]


def _top_ident(lines: list[str], line: int, key: str) -> str:
    """The id of the outermost block around a 1-based line when its head keyword is ``key``
    (`ตัวอย่าง janya_2554_r1 … {`: janya_2554_r1), else ""."""
    chain = block_chain(lines, line)
    words = _WORD.findall(lines[chain[0] - 1].split("#", 1)[0]) if chain else []
    return words[1] if len(words) >= 2 and head_key_text(words[0]) == key else ""


def _placeholder(text: str) -> str:
    """``text`` as a snippet placeholder's default: its $, } and \\ escaped (LSP snippet syntax)."""
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


_NUMBERED = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def _free_id(index: NameIndex, lines: list[str], line: int) -> str:
    """The id a new indicator at a 1-based line takes: the next after its numbered siblings' last
    (5, 6 → 7; 1.1, 1.2 → 1.3), its parent's first (4 → 4.1) or 1, past each id its framework
    has (kpidsl/check/names.py tells an id twice in a framework N001, in any block)."""
    chain = block_chain(lines, line)
    if not chain:
        return "1"
    siblings, taken = [], set()
    opened: list[int] = []
    for number in range(chain[0], len(lines) + 1):
        words = _WORD.findall(lines[number - 1].split("#", 1)[0])
        if number != line and len(words) >= 2 and head_key_text(words[0]) in NODE_KINDS:
            ident = to_arabic(words[1])
            taken.add(ident)
            if opened and opened[-1] == chain[-1]:
                siblings.append(ident)
        opens, closes = braces(lines[number - 1])
        opened.extend([number] * opens)
        del opened[max(len(opened) - closes, 0):]
        if not opened:
            break
    fw = _agreement_framework(lines, chain)
    if fw:  # an agreement's own indicator is not one of its framework's
        taken.update(to_arabic(ident) for ident, _ in index.names("node", fw))
    numbered = [s for s in siblings if _NUMBERED.fullmatch(s)]
    if numbered:
        prefix, _, last = max(numbered, key=lambda s: tuple(int(p) for p in s.split("."))).rpartition(".")
        n = int(last)
    else:
        header = _WORD.findall(lines[chain[-1] - 1].split("#", 1)[0])
        parent = to_arabic(header[1]) if len(header) >= 2 and head_key_text(header[0]) in NODE_KINDS else ""
        prefix, n = (parent if _NUMBERED.fullmatch(parent) else ""), 0
    while True:
        n += 1
        ident = f"{prefix}.{n}" if prefix else str(n)
        if ident not in taken:
            return ident


def _snippet(lang: str, ident: str = "1") -> Item:
    """An indicator with a ladder, its keywords spelt as the keyword table spells them in
    ``lang``, its placeholders and detail told from the catalogue (cli_texts.py); ``ident``
    its id's default."""
    kw = {key: BY_CANONICAL[key].spelling(lang) for key in ("kpi", "weight", "source", "unit", "ladder", "step")}
    title, source, unit = (_placeholder(said(f"lsp-snippet-{what}", lang)) for what in ("title", "source", "unit"))
    body = (f'{kw["kpi"]} ${{1:{ident}}} "${{2:{title}}}" {kw["weight"]} ${{3:10}} {{\n'
            f'\t{kw["source"]} "${{4:{source}}}"\n'
            f'\t{kw["unit"]} "${{5:{unit}}}"\n'
            f'\t{kw["ladder"]} ${{6:65}} ${{7:70}} ${{8:75}} ${{9:80}} ${{10:85}} {kw["step"]} ${{11:5}}\n}}')
    label = f'{kw["kpi"]} … {{ {kw["ladder"]} … }}'
    return Item(label, "snippet", said("lsp-snippet-kpi", lang), insert=body, sort="2")
