"""Markdown a person can read in a text editor: no line of thousands of characters.

A GFM table row cannot wrap, and a form's cell may hold a whole ladder of milestones
in words. :func:`readable` therefore moves the long cells of a long row (the longest
first, until the row fits) out of the table into numbered notes right under it
(``[^3]`` in the cell, ``[^3]: …`` below: GitHub shows them as footnotes, an editor
as text a few lines down), and wraps
long paragraphs, list items and notes at spaces into lines of about :data:`WIDTH`
columns. Only whitespace changes in wrapped text: Markdown reads a line break inside
a paragraph as a space, and a break is made only where the text already has one.
Headings, table rows with short cells, code and HTML lines are left as they are.
"""

from __future__ import annotations

import re
import unicodedata

WIDTH = 100  # columns a line of text may take before it is wrapped
ROW_WIDTH = 200  # a table row longer than this has its longest cells moved to notes until it fits
CELL_WIDTH = 40  # ... a cell of this width or less stays
_NOTE_INDENT = "    "
# A word that would open a block (heading, list item, quote, table row, rule) at the start
# of a line: a wrapped line never starts with one.
_BLOCK_START = re.compile(r"^(#{1,6}|[-+*]|\d+[.)]|>|\||=+|-+|`{3,}|~{3,})$|^[|>]")
_LIST_ITEM = re.compile(r"^(\s*)([-+*]|\d+[.)])(\s+)")


def width(text: str) -> int:
    """Columns ``text`` takes on screen: Thai vowel and tone marks above or below take none."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1 for ch in text)


def wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    """``text`` as lines of about :data:`WIDTH` columns, broken only at its spaces, never
    before a word that would start a Markdown block; ``first`` and ``rest`` prefix them."""
    words = text.split(" ")
    lines: list[str] = []
    line = first + words[0]
    for word in words[1:]:
        if width(line) + 1 + width(word) > WIDTH and width(line.strip()) and word and not _BLOCK_START.match(word):
            lines.append(line.rstrip())
            line = rest + word
        else:
            line += " " + word
    lines.append(line)
    return lines


def _cells(row: str) -> list[str] | None:
    """The cells of a GFM table row (escaped pipes stay in their cell), or None."""
    if not (row.startswith("|") and row.rstrip().endswith("|")):
        return None
    cells, cell, i = [], [], 1
    body = row.rstrip()
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cell.append(body[i:i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(ch)
        i += 1
    return cells if not "".join(cell).strip() else None


def _is_text(line: str) -> bool:
    """A line of running text (a paragraph or list item) that may be wrapped."""
    s = line.lstrip()
    return bool(s) and not s.startswith(("#", "|", "<", "```", "~~~", "    ", "\t", "[^")) and line == line.rstrip("\n")


def readable(text: str) -> str:
    """``text`` (Markdown) with long table cells moved to notes and long lines wrapped."""
    out: list[str] = []
    notes: list[str] = []
    count = 0
    fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        cells = None if fence else _cells(line)
        if cells is None and notes:
            out.append("")
            out.extend(notes)
            notes = []
            if line.strip():
                out.append("")
        if fence or width(line) <= (ROW_WIDTH if cells is not None else WIDTH):
            out.append(line)
            continue
        if cells is not None:
            # The longest cells go first, only as many as it takes for the row to fit.
            moved, row = set(), width(line)
            for i in sorted(range(len(cells)), key=lambda i: -width(cells[i])):
                if row <= ROW_WIDTH or width(cells[i].strip()) <= CELL_WIDTH:
                    break
                moved.add(i)
                row -= width(cells[i]) - 6
            kept = []
            for i, cell in enumerate(cells):
                if i in moved:
                    count += 1
                    notes.extend(wrap(cell.strip(), f"[^{count}]: ", _NOTE_INDENT))
                    kept.append(f" [^{count}] ")
                else:
                    kept.append(cell)
            out.append("|" + "|".join(kept) + "|")
            continue
        if not _is_text(line) or line.endswith(("  ", "\\")):
            out.append(line)  # a heading, HTML, or a line ending in a hard break: as written
            continue
        item = _LIST_ITEM.match(line)
        lead = item.group(0) if item else re.match(r"\s*", line).group(0)
        indent = " " * len(lead)
        out.extend(wrap(line[len(lead):], lead, indent))
    if notes:
        out.append("")
        out.extend(notes)
    return "\n".join(out)
