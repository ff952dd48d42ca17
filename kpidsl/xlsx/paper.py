"""How a sheet kpidsl writes falls on paper: A4 landscape, which columns share a page, and how
many lines a wrapped text takes, so that what staff print and sign is whole.

A spreadsheet program prints a sheet page by page across its columns, cutting a text at the
page's edge and a wrapped text at its row's height. Session 34 printed the workbooks and saw a
node's title over its three columns cut (a row one line high, a page that ended inside the
node's columns) and a draft's sentence cut at the page's columns. Here, measured as Excel
measures (a column of width w, in digit widths of the default font Calibri 11, takes 7w + 5
dots at 96 dots an inch) and as kpidsl/xlsx/scores.py sizes its columns (Sarabun 14 a third
wider than a column's unit, kpidsl/diagnostics/render.py's cell_width):

- :func:`pages`: a sheet narrow enough is fitted to the page's width (shrunk to half at the
  most); a wider one is split into pages at column breaks that keep each group of columns
  (a node's three) on one page;
- :func:`lines`: the lines a text takes wrapped in a given width, for its row's height.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..diagnostics.render import cell_width
from .sheet_xml import ROW_HEIGHT

# A4 landscape less the 0.75-inch side margins (kpidsl/xlsx/sheet_xml.py's pageMargins), in dots.
PAGE_DOTS = round((297 / 25.4 - 1.5) * 96)
# A sheet at most this many pages wide is shrunk to the page's width: at half it is still read.
FIT_PAGES = 2


DIGIT_DOTS = 9.5  # a column's unit on paper, the widest measured (see above)


def dots(width: float) -> int:
    """The dots a column of ``width`` takes on the page, at the most."""
    return math.ceil(width * DIGIT_DOTS + 5)


def fits(widths: Sequence[float]) -> bool:
    """Whether columns of ``widths`` are printed on one page across, shrunk to it."""
    return sum(map(dots, widths)) <= PAGE_DOTS * FIT_PAGES


def breaks(widths: Sequence[float], groups: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The columns (1-based) after which a page ends, for columns of ``widths`` too wide to fit:
    each page as full as it goes, never ending inside one of ``groups`` ((first, last) columns
    kept together; a group wider than a page is not one: its columns are split as they come)."""
    group_of = {first: last for first, last in groups}
    out: list[int] = []
    used = 0
    column = 1
    while column <= len(widths):
        last = group_of.get(column, column)
        wide = sum(dots(w) for w in widths[column - 1:last])
        if wide > PAGE_DOTS:
            last, wide = column, dots(widths[column - 1])
        if used and used + wide > PAGE_DOTS:
            out.append(column - 1)
            used = 0
        used += wide
        column = last + 1
    return out


def first_page(widths: Sequence[float], page_breaks: Sequence[int]) -> int:
    """The last column of the first printed page."""
    return page_breaks[0] if page_breaks else len(widths)


def text_width(text: str) -> float:
    """``text``'s width in a column's units (kpidsl/xlsx/scores.py's ``_width`` of one text)."""
    return cell_width(text) * 1.3 + 2


def lines(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a cell ``width`` wide (at least one)."""
    return max(1, math.ceil(text_width(text) / max(width, 1)))


def height(text: str, width: float) -> int:
    """The height, in points, of a row whose cell ``width`` wide shows ``text`` wrapped."""
    return ROW_HEIGHT * lines(text, width)
