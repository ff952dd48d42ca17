"""A workbook's shared strings (the text of its cells, as Excel and LibreOffice save every
one), read as the spreadsheet shows them, in place of openpyxl's reading.

openpyxl reads each string into objects of its own (openpyxl/reader/strings.py, Text.from_tree:
6.5 s of CPU for a million strings, 16 MB) and then removes every ``x005F_`` whatever comes
before it; here each is read from the parser's elements (1.6 s for the same million), its
ST_Xstring escapes decoded (kpidsl/xlsx/xstring.py: Excel writes a literal ``_x0041_`` typed
in a cell as ``_x005F_x0041_``, a carriage return as ``_x000D_``), its runs joined and its
phonetic guide left out, as openpyxl's Text.content gives it otherwise. The part is read
through the XML guard (kpidsl/xlsx/xml_guard.py), which kpidsl/xlsx/read.py has run over it
already to say why it is refused before openpyxl opens the workbook.
"""

from __future__ import annotations

from typing import BinaryIO

from openpyxl.xml.functions import iterparse

from .xml_guard import Guarded
from .xstring import unescaped

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRING_TAG, _TEXT_TAG, _RUN_TAG = f"{_MAIN}si", f"{_MAIN}t", f"{_MAIN}r"


def read_strings(src: BinaryIO) -> list[str]:
    """Each shared string of the part ``src`` (its binary stream), in order, as the spreadsheet
    shows it. Raises what the parser raises on XML that is broken, and Refused
    (kpidsl/xlsx/xml_guard.py) on XML no spreadsheet writes."""
    strings: list[str] = []
    append = strings.append
    events = iterparse(Guarded(src), events=("start", "end"))
    _, root = next(events)
    for event, node in events:
        if event == "end" and node.tag == _STRING_TAG:
            if len(node) == 1 and node[0].tag == _TEXT_TAG:  # plain text, as nearly every one is
                text = node[0].text or ""
            else:
                text = _joined(node)
            append(unescaped(text))
            node.clear()
            # and dropped from the tree: 3 million strings of `<si/>` (15 MB) held 300 MB there
            root.clear()
    return strings


def _joined(string) -> str:
    """A shared string's text as openpyxl's Text.content gives it (openpyxl/cell/text.py): its
    plain text, then each run's, its phonetic guide (``rPh``) left out."""
    parts = []
    for child in string:
        if child.tag == _TEXT_TAG:
            parts.append(child.text or "")
        elif child.tag == _RUN_TAG:
            text = child.find(_TEXT_TAG)
            if text is not None:
                parts.append(text.text or "")
    return "".join(parts)
