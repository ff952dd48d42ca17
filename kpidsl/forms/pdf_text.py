"""The text a PDF form gives back when a reader copies it or searches it: its own words.

A PDF says the text of each glyph it draws in its font's ToUnicode map, one text per glyph.
WeasyPrint gives a glyph the text of the first place it draws it (weasyprint/draw/text.py),
which is right for a glyph that stands for one letter and wrong for Sarabun's Thai: ำ is
drawn as two glyphs, nikhahit and the glyph of า (น้ำ as a nikhahit-and-tone glyph and the
า glyph), so

* the า glyph read ำ in every word of its font once its first word with an า had ำ
  (a bold title "… อำเภอ … ผลการประเมิน" came back "ผลกำรประเมิน"), and
* the nikhahit glyphs read nothing, which readers show as nothing or as a stray sign
  ("น˺าหนัก" for น้ำหนัก).

Here, before the PDF is written (WeasyPrint's ``finisher``), each Thai glyph of the forms'
own font is given the letters its name in the font says it draws: ``uni0E32`` า,
``uni0E4D`` ํ (nikhahit), ``uni0E4D0E49`` the tone ้ then ํ, ``uni0E49.small`` ้. ำ then
reads as nikhahit and า, its compatibility form (NFKC), the same word to a search that
compares the forms of letters; the one-glyph-one-text map cannot say ำ itself for a glyph
it shares with า. Glyphs of any other font are left as WeasyPrint wrote them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
import io
import re

# A glyph's name in Sarabun: ``uni`` and the code points it draws, four hex digits each, then
# a variant (``.small``, ``.narrow``, ``.short``) that draws the same letters.
_NAME = re.compile(r"uni((?:0E[0-9A-F]{2})+)(?:\..*)?")
_CODE = re.compile(r"0E[0-9A-F]{2}")
_NIKHAHIT = "\u0e4d"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_ENTRY = re.compile(rb"<([0-9a-f]{4})> <([0-9a-f]*)>")


def _letters(name: str) -> str | None:
    """The Thai letters a glyph named ``name`` draws, in the order they are typed: a nikhahit
    drawn under a tone (``uni0E4D0E49``) is typed after it (น้ำ is น, ้, ำ)."""
    m = _NAME.fullmatch(name)
    if m is None:
        return None
    text = "".join(chr(int(code, 16)) for code in _CODE.findall(m.group(1)))
    if len(text) == 2 and text[0] == _NIKHAHIT and text[1] in _TONES:
        text = text[1] + text[0]
    return text


@lru_cache(maxsize=None)
def thai_glyph_letters(font_file: str) -> dict[int, str]:
    """Glyph id → the letters it draws, for the Thai glyphs of one of the forms' fonts."""
    from fontTools.ttLib import TTFont

    data = resources.files("kpidsl.forms").joinpath("fonts", font_file).read_bytes()
    font = TTFont(io.BytesIO(data))
    return {gid: text for gid, name in enumerate(font.getGlyphOrder()) if (text := _letters(name))}


def _forms_font(base_font: bytes | str) -> bool:
    """Whether a PDF font is one of the forms' own, Sarabun (``/ABCDEF+Sarabun-Bold``: a subset
    tag and the name, bytes as WeasyPrint names it, any of whose bytes latin-1 decodes). Either
    face, and the oblique (WeasyPrint's slant of the regular face), draws the same letters with
    the same glyph ids (tests/test_forms_pdf_text.py holds the two faces to it), so the
    regular face's letters serve each."""
    if isinstance(base_font, bytes):
        base_font = base_font.decode("latin-1")
    return base_font.lstrip("/").split("+", 1)[-1].startswith("Sarabun")


def _fixed(line: bytes, letters: dict[int, str]) -> bytes:
    m = _ENTRY.fullmatch(line)
    if m is None:
        return line
    text = letters.get(int(m.group(1), 16))
    if text is None:
        return line
    return b"<%s> <%s>" % (m.group(1), text.encode("utf-16-be").hex().encode())


def thai_text_finisher(document, pdf) -> None:
    """WeasyPrint's ``finisher``: each Sarabun font's ToUnicode map says the letters its Thai
    glyphs draw (module docstring)."""
    import pydyf

    objects = pdf.objects
    for obj in objects:
        if not isinstance(obj, pydyf.Dictionary) or obj.get("Subtype") != "/Type0":
            continue
        reference = obj.get("ToUnicode")
        if reference is None or not _forms_font(obj.get("BaseFont", "")):
            continue
        stream = objects[int(reference.split()[0])]  # pydyf's reference: b"29 0 R", the object numbered 29
        letters = thai_glyph_letters("Sarabun-Regular.woff2")
        stream.stream[:] = [_fixed(line, letters) if isinstance(line, bytes) else line for line in stream.stream]


__all__ = ["thai_glyph_letters", "thai_text_finisher"]
