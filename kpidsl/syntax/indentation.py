"""How far a line stands in from the margin, as an editor shows it.

A `}` that starts its line closes the block whose header stands as far in
(kpidsl/syntax/parser.py), and the editor's tree of a text with a `{` left open closes it where
its lines stop standing further in (kpidsl/syntax/recover.py). A tab reaches the next multiple
of TAB_STOP: counted as one blank, three tabs stood left of four spaces, and a header indented
with tabs among lines indented with spaces was read as the parent of its siblings.
"""

from __future__ import annotations

TAB_STOP = 4  # kpidsl fmt's step (kpidsl/syntax/printer.py INDENT), and most editors' tab width


def indentation(row: str) -> int:
    """The column a row's first word stands at, 0 at the margin (a blank row: its width)."""
    width = 0
    for char in row:
        if char == "\t":
            width += TAB_STOP - width % TAB_STOP
        elif char == " " or char == "\f":
            width += 1
        else:
            break
    return width
