"""Invisible characters pasted from Word or a web page into a rule file, and each one
pasted inside a number or a date (`weight 2\u200b0`, `>= 9\u200c0`, `2554-10-\u200b01`):
one S013 at it, and the number rejoined, as kpidsl/syntax/parser.py does for a name."""

from __future__ import annotations

import re
import unicodedata

from ..bilingual import Bi
from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from ..thai import THAI_DIGITS

# Word puts U+200B between Thai words: the grammar reads it as a space (WS), so that a
# keyword and what follows may be glued by it. Inside a name it would split the name in two.
ZERO_WIDTH_SPACE = "\u200b"

# The other invisible characters Word and web pages paste into Thai text (zero-width
# non-joiner and joiner, word joiner, a byte-order mark mid-file, a soft hyphen): the
# grammar takes none of them; inside a name each is told as S013, not as S001 and the
# unknown halves of the name that follow from it.
INVISIBLE_JOINERS = frozenset("\u200c\u200d\u2060\ufeff\u00ad")

INVISIBLE = ZERO_WIDTH_SPACE + "".join(sorted(INVISIBLE_JOINERS))

# What S013 says the character splits.
A_NAME, A_NUMBER, A_DATE = phrase("split-name"), phrase("split-number"), phrase("split-date")

_DIGITS = "0123456789" + THAI_DIGITS
_IN_NUMBER = _DIGITS + "."
# A number as the grammar writes one, or a dotted id (grammar/kpi.lark: NUMBER, DOTTED).
_ONE_NUMBER = re.compile(r"[0-9\u0E50-\u0E59]+(?:\.[0-9\u0E50-\u0E59]+)*")
# An ISO date (grammar/kpi.lark: DATE); a Thai date's year or day is a number of its own.
_ISO_DATE = re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])")
# Text and comments as the grammar reads them (grammar/kpi.lark: LONG_STRING, STRING,
# COMMENT), passed over whole; or an invisible character outside them.
_SCAN = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]++|\\.)*+"|“[^”\n]*”|#[^\n]*|[' + INVISIBLE + "]")


def numbers_rejoined(text: str, path: str) -> tuple[str, list[Diagnostic]]:
    """Each invisible character inside a number or an ISO date (not in a text or a
    comment): one S013 at it, and the text with the number rejoined, a space put after
    it so that every later column on the line stays. A digit glued to a name (`k1\u200b2`)
    is left to the name's rule (parser.py); a number's neighbour is never rejoined to it
    (`65\u200b70` is one number split, told: the hint says to type a space for two)."""
    found: list[tuple[int, int, Diagnostic]] = []  # (offset of the character, where the space goes, S013)
    line, counted = 1, 0  # the line of offset ``counted``: the matches come in order, so each
    # newline is counted once (linear in the text however many characters are found)
    for match in _SCAN.finditer(text):
        if len(match.group()) != 1 or match.group() not in INVISIBLE:
            continue  # a text or a comment
        at = match.start()
        split = _date_split(text, at) or _number_split(text, at)
        if split is None:
            continue
        left, right, what = split
        line += text.count("\n", counted, at)
        counted = at
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        diag = CODES["S013"].at(Span.point(path, line, column), char=f"\\u{ord(text[at]):04x}", left=left,
                                right=right, what=what)
        found.append((at, at + 1 + len(right), diag))
    if not found:
        return text, []
    pieces, done = [], 0
    for at, end, _ in found:  # in order, each piece of the text copied once
        pieces += [text[done:at], text[at + 1:end], " "]
        done = end
    pieces.append(text[done:])
    return "".join(pieces), [diag for _, _, diag in found]


def _date_split(text: str, at: int) -> tuple[str, str, Bi] | None:
    """(left, right, A_DATE) when the character at ``at`` is inside an ISO date."""
    before, after = text[max(0, at - 10):at], text[at + 1:at + 11]
    for match in _ISO_DATE.finditer(before + after):
        if match.start() < len(before) < match.end():
            return before[match.start():], after[:match.end() - len(before)], A_DATE
    return None


def _number_split(text: str, at: int) -> tuple[str, str, Bi] | None:
    """(left, right, A_NUMBER) when the character at ``at`` is between two parts of one
    number (`2\u200b0`, `100.\u200b5`, `1\u200b.5`), not glued to a name's letters."""
    start = at
    while start > 0 and text[start - 1] in _IN_NUMBER:
        start -= 1
    end = at + 1
    while end < len(text) and text[end] in _IN_NUMBER:
        end += 1
    if _letter(text, start - 1) or _letter(text, end):
        return None
    left, right = text[start:at], text[at + 1:end]
    if not left or not right or not _ONE_NUMBER.fullmatch(left + right):
        return None
    return left, right, A_NUMBER


def _letter(text: str, i: int) -> bool:
    """Whether a name's letter, mark (a Thai vowel) or `_` is at ``i``: the digits next to it are the name's."""
    return 0 <= i < len(text) and (text[i] == "_" or unicodedata.category(text[i])[0] in "LM")
