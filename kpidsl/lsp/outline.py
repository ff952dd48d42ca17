"""The statements of a file with the block each stands in.

The editor features ask "which block is this line in, and what does its
head word mean": this walks the statement tree once and answers with the
canonical keyword of each statement and the context (kpidsl/syntax/contexts.py)
whose keys may stand in its block."""

from __future__ import annotations

from typing import Iterator

import attrs

from ..syntax import cst
from ..syntax.keywords import canonical
from ..thai import to_arabic
from ..vocabulary import NODE_KINDS

# The context a statement's block opens, by the statement's keyword.
BLOCK_CONTEXT: dict[str, str] = {
    **{kind: "node" for kind in NODE_KINDS},
    **{name: name for name in (
        "framework", "agreement", "bands", "band", "calendar", "activity", "example", "policy", "holidays",
        "round", "salary", "grade", "scale", "milestones", "weighted_average", "part", "given", "expect",
    )},
}


@attrs.frozen
class Entry:
    stmt: cst.Statement
    key: str | None  # the head's canonical keyword; "#" for a numbered line
    context: str  # the context the statement stands in
    parents: tuple["Entry", ...]

    @property
    def ident(self) -> str | None:
        """The id the statement declares or names: its first argument."""
        return arg_text(self.stmt.args[0]) if self.stmt.args else None

    @property
    def ident_span(self):
        return self.stmt.args[0].span if self.stmt.args else None

    def inner_context(self) -> str:
        if self.key == "#":
            return "milestone" if self.context == "milestones" else self.context
        return BLOCK_CONTEXT.get(self.key or "", self.context)

    def enclosing(self, *keys: str) -> "Entry | None":
        for parent in reversed(self.parents):
            if parent.key in keys:
                return parent
        return None


def arg_text(arg: cst.Arg) -> str | None:
    if isinstance(arg, (cst.Name, cst.Dotted)):
        return arg.text
    if isinstance(arg, cst.Number):
        return arg.text
    if isinstance(arg, cst.Text):
        return arg.value
    return None


def head_key(head: cst.Head) -> str | None:
    if to_arabic(head.text).replace(".", "").isdigit():
        return "#"
    return canonical(head.text)


def entries(doc: cst.Document) -> Iterator[Entry]:
    """Every statement of the document, depth first, in the order written."""

    def walk(stmts, context: str, parents: tuple[Entry, ...]) -> Iterator[Entry]:
        for st in stmts:
            if not isinstance(st, cst.Statement):
                continue
            entry = Entry(st, head_key(st.head), context, parents)
            yield entry
            if st.block is not None:
                yield from walk(st.block.statements, entry.inner_context(), parents + (entry,))

    yield from walk(doc.statements, "file", ())


def enclosing_block(doc: cst.Document | None, line: int, column: int) -> Entry | None:
    """The innermost statement whose block holds the 1-based point (inside its braces)."""
    if doc is None:
        return None
    found = None
    for entry in entries(doc):
        block = entry.stmt.block
        if block is None or block.span is None:
            continue
        s = block.span
        if (s.line, s.column) < (line, column) < (s.end_line, s.end_column):
            found = entry  # later entries are nested deeper
    return found


def statement_at(doc: cst.Document | None, line: int) -> Entry | None:
    """The innermost statement that starts on a line."""
    if doc is None:
        return None
    found = None
    for entry in entries(doc):
        if entry.stmt.head.span and entry.stmt.head.span.line == line:
            found = entry
    return found
