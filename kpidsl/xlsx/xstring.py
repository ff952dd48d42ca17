"""Text in a workbook's XML as a spreadsheet reads it: the ``_xHHHH_`` escapes of ECMA-376's
ST_Xstring, the type of a cell's text (inline and shared strings, a formula's text value), a
sheet's name, a data validation's prompt and a formula.

Inside such text ``_xHHHH_`` (four hexadecimal digits, either case) is the character U+HHHH:
Excel shows ``_x0041_`` as "A" and ``_x000A_`` as a new line. A literal ``_xHHHH_`` is written
with its first underscore escaped, ``_x005F_xHHHH_``, and Excel accepts ``_x005F_`` nowhere
else (a plain underscore written so is a workbook it repairs). openpyxl 3.1 does neither when
it writes a cell (kpidsl/xlsx/write.py hands it text already escaped here); when it reads,
it leaves inline strings as they are, and of shared strings removes every ``x005F_``, whatever
comes before it (kpidsl/xlsx/shared_strings.py reads them instead).

:func:`escaped` is the only writer of the escape (kpidsl/xlsx/sheet_xml.py ``xml_text``, and
write.py's cells, sheet names, prompts and list formulas), applied to text already cut at a
cell's limit (kpidsl/xlsx/cell_limit.py counts what Excel shows, never the escapes);
:func:`unescaped` the only reader (kpidsl/xlsx/read.py: cells and sheet names;
kpidsl/xlsx/shared_strings.py)."""

from __future__ import annotations

import bisect
import re

# An underscore that opens ``_xHHHH_``: looked ahead, not taken, so that in ``_x0041_x0042_``
# the underscore closing the first opens the second too, and both are escaped.
_OPENER = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNDERSCORE = "_x005F_"
# What escaping adds to a literal ``_xHHHH_``: its opener written as seven characters for one.
GROWTH = len(_UNDERSCORE) - 1


def escaped(text: str) -> str:
    """``text`` as an ST_Xstring holds it: each underscore that would open an escape written as
    ``_x005F_``, nothing else changed."""
    if "_x" not in text:
        return text
    return _OPENER.sub(_UNDERSCORE, text)


def stored_within(text: str, limit: int) -> int:
    """The length (code points) of the longest start of ``text`` that :func:`escaped` writes in
    at most ``limit`` characters: a literal escape counts six characters more, and only
    when it is whole in that start."""
    ends = [m.start() + len("_xHHHH_") for m in _OPENER.finditer(text)] if "_x" in text else []
    low, high = 0, min(len(text), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if middle + GROWTH * bisect.bisect_right(ends, middle) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def _character(match: re.Match) -> str:
    return chr(int(match.group(1), 16))


def unescaped(text: str) -> str:
    """``text`` as a spreadsheet shows an ST_Xstring holding it: each ``_xHHHH_``, read from the
    left and none overlapping, as its character; a UTF-16 surrogate pair written as two escapes
    (``_xD83D__xDE00_``) as the one character it makes. The inverse of :func:`escaped`."""
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(_character, text)
    if any("\ud800" <= ch <= "\udbff" for ch in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return text
