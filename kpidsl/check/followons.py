"""Quiet the semantic errors that a syntax error makes up.

Recovery drops a statement it cannot read (S00x) and leaves a glued keyword
(K011, `ปีงบประมาณ๒๕๕๕`) or a misspelt one (K001, `เกณฑ 65 70 …`) unread, then the
semantic passes run on what is left.
The block that held the lost line then looks incomplete: its weights fall short
(W001), a key it has seems missing (K003 `value`), the framework seems to have
no fiscal year (R003). Those reports would send the author after something they
did write. So a "something is missing or does not add up" error reported on the
header of the block that directly held a lost line, or on the lost line itself, is left out (and a "needs
`value`" reported on one of that block's own lines, where the lowering puts
it); the syntax
error itself is reported, and once it is fixed the next run says whether the
block really is incomplete. Errors of other kinds, and errors elsewhere in the
file, are kept.

A file with an unclosed `{` or `(` (S004, S007) is not read at all: a name another file of
the rule set gives it (`กรอบ department` in an agreement) is then not found (N002). Such an
N002 is left out when the unread file holds the name as a word: it is most likely declared
there, and once the bracket is closed the next run says whether it is. So is one whose name
a lost line holds (`ตัวชี้วัด 5 "…" น้ำหนัก 6,5 {`: the agreements and examples naming
indicator 5).

A sum an agreement checks (W003) is reported in the agreement, away from the framework's
block that lost the line: the check passes get ``lost_headers`` and leave out a sum over
a block that lost one (kpidsl/check/agreements.py ``_weights``). So is an example's given
figure (X002) for an indicator whose block, or whose parent's, lost a line: `ผล 78` for an
indicator whose ladder was lost (`เกณฑ์ 65 67,5 75 80 85`) looked like a figure it does not take
(kpidsl/check/examples.py ``_fact``).
"""

from __future__ import annotations

import re

from ..diagnostics.model import Diagnostic

# Where a statement was lost or left unread (K005: a value not of its kind, not read: a
# milestone's step `2.5`, which M001 would then count missing).
LOST = frozenset({"S001", "S002", "S003", "S006", "S007", "K011", "K001", "K005"})
# What a lost statement can fake in the block around it.
FOLLOW_ON = frozenset({
    "K003", "K008", "K010", "W001", "W002", "W003", "W004", "W005", "W009", "W011", "R001", "R003",
    "A003", "A004", "A007", "A008", "A010", "A011", "C001", "C002", "L001", "M001", "I002",
})

# An unclosed bracket: the parser lowers nothing of the file (kpidsl/syntax/parser.py _brackets_match).
UNREAD = frozenset({"S004", "S007"})
# What a name another file declares, unread, looks like: not found.
NOT_FOUND = "N002"
# What separates the words of a rule file (a name holds no space, bracket, quote or comment).
_BETWEEN_WORDS = re.compile(r'[\s{}()"#;]+')

# Reported on a line of the block itself rather than on its header.
ON_A_LINE_OF_THE_BLOCK = frozenset({"K003", "K008", "K010"})

_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]++|\\.)*+"?|#.*')


def braces(line: str) -> tuple[int, int]:
    """How many `{` and `}` a line holds outside strings and comments."""
    bare = _STRING_OR_COMMENT.sub("", line)
    return bare.count("{"), bare.count("}")


def enclosing_header(lines: list[str], line: int) -> int | None:
    """The line (1-based) whose `{` opens the block that holds ``line``, if any."""
    depth = 0
    for number in range(line - 1, 0, -1):
        opens, closes = braces(lines[number - 1])
        depth += closes - opens
        if depth < 0:
            return number
    return None


def own_lines(lines: list[str], header: int) -> list[int]:
    """The lines of the block opened on ``header`` that are its own statements (not
    inside a nested block)."""
    out, depth = [], 0
    for number in range(header, len(lines) + 1):
        if number > header and depth == 1:
            out.append(number)
        opens, closes = braces(lines[number - 1])
        depth += opens - closes
        if depth <= 0 and number > header:
            break
    return out


class Blocks:
    """``enclosing_header`` and ``own_lines`` for every line of a text at once, in one pass:
    asked line by line, a file whose every line is lost (an open string and a `{` on each of
    10,000 lines) cost 10,000 walks to its end, minutes.

    With ``depth[n]`` the braces open before line n, the header of the block holding line n
    is the last line before it whose depth is lower (each line between is at least as
    deep), and line n is one of that header's own lines when it is exactly one deeper."""

    def __init__(self, lines: list[str]) -> None:
        depth = [0, 0]  # depth[n]: 1-based, before line n
        for line in lines:
            opens, closes = braces(line)
            depth.append(depth[-1] + opens - closes)
        self.depth = depth
        self.header: list[int | None] = [None] * (len(lines) + 1)
        shallower: list[int] = []  # lines whose depth rises along the stack
        for number in range(1, len(lines) + 1):
            while shallower and depth[shallower[-1]] >= depth[number]:
                shallower.pop()
            self.header[number] = shallower[-1] if shallower else None
            shallower.append(number)

    def own(self, number: int) -> int | None:
        """The header whose own line ``number`` is, if any."""
        header = self.header[number]
        if header is not None and self.depth[number] == self.depth[header] + 1:
            return header
        return None


def lost_headers(diags: list[Diagnostic], texts: dict[str, str]) -> frozenset[tuple[str, int]]:
    """(path, line) of the header of each block that directly held a line lost (LOST)."""
    return frozenset(_lost_blocks(diags, texts)[0])


def _lost_blocks(diags: list[Diagnostic], texts: dict[str, str]) -> tuple[set[tuple[str, int]], dict[str, Blocks]]:
    headers: set[tuple[str, int]] = set()
    blocks: dict[str, Blocks] = {}
    for path, line in {(d.span.path, d.span.line) for d in diags if d.code in LOST and d.span is not None}:
        text = texts.get(path)
        if text is None:
            continue
        if path not in blocks:
            blocks[path] = Blocks(text.split("\n"))
        found = blocks[path]
        header = found.header[line] if 0 < line < len(found.header) else None
        if header is not None:
            headers.add((path, header))
    return headers, blocks


def quiet(diags: list[Diagnostic], texts: dict[str, str]) -> list[Diagnostic]:
    diags = _declared_unread(diags, texts)
    if not any(d.code in LOST for d in diags):
        return diags
    headers, blocks = _lost_blocks(diags, texts)
    # a line that lost a part of itself: a field glued to its keyword on a node's header line
    # (`ตัวชี้วัด 6 "…" น้ำหนัก3 {`, K011) leaves the node there with no weight (W004)
    lost = {(d.span.path, d.span.line) for d in diags if d.code in LOST and d.span is not None}
    inside: set[tuple[str, int]] = set()
    for path, found in blocks.items():
        inside.update((path, n) for n in range(1, len(found.header)) if (path, found.own(n)) in headers)

    def made_up(d: Diagnostic) -> bool:
        if d.span is None or d.code not in FOLLOW_ON:
            return False
        where = (d.span.path, d.span.line)
        return where in headers or where in lost or (d.code in ON_A_LINE_OF_THE_BLOCK and where in inside)

    return [d for d in diags if not made_up(d)]


def _declared_unread(diags: list[Diagnostic], texts: dict[str, str]) -> list[Diagnostic]:
    """``diags`` without the N002s of names that a file left unread (UNREAD) or a line lost
    (LOST: `ตัวชี้วัด 5 "…" น้ำหนัก 6,5 {`, whose indicator the agreements name) holds as words."""
    unread = {d.span.path for d in diags if d.code in UNREAD and d.span is not None}
    lost = {(d.span.path, d.span.line) for d in diags if d.code in LOST and d.span is not None}
    if not unread and not lost:
        return diags
    words: set[str] = set()
    for path in unread:
        words.update(_BETWEEN_WORDS.split(texts.get(path, "")))
    for path, number in lost:
        if path not in unread:
            lines = texts.get(path, "").split("\n")
            words.update(_BETWEEN_WORDS.split(lines[number - 1] if 0 < number <= len(lines) else ""))
    words.discard("")

    def named_there(d: Diagnostic) -> bool:
        if d.code != NOT_FOUND or d.span is None or d.span.path in unread or d.span.line != d.span.end_line:
            return False
        lines = texts.get(d.span.path, "").split("\n")
        line = lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else ""
        return line[d.span.column - 1:d.span.end_column - 1] in words

    return [d for d in diags if not named_there(d)]
