"""The letters each Thai glyph of the forms' fonts says it draws in a PDF (kpidsl/forms/pdf_text.py),
glyph by glyph, without printing a form: the font's own glyph names, and a ToUnicode map as
WeasyPrint writes it (weasyprint/pdf/fonts.py: ``<gid> <utf-16-be hex>`` a line) changed only in
the lines of Sarabun's Thai glyphs (tests/test_forms_pdf.py reads a printed form back)."""

from __future__ import annotations

import io
from importlib import resources

import pytest

from kpidsl.forms.pdf_text import thai_glyph_letters, thai_text_finisher

pydyf = pytest.importorskip("pydyf", reason="WeasyPrint writes the PDF with pydyf: pip install 'kpidsl[pdf]'")
TTFont = pytest.importorskip("fontTools.ttLib", reason="fontTools comes with WeasyPrint").TTFont

FONTS = ("Sarabun-Regular.woff2", "Sarabun-Bold.woff2")


def glyph_ids(font_file: str) -> dict[str, int]:
    data = resources.files("kpidsl.forms").joinpath("fonts", font_file).read_bytes()
    return {name: gid for gid, name in enumerate(TTFont(io.BytesIO(data)).getGlyphOrder())}


@pytest.mark.parametrize("font_file", FONTS)
def test_each_thai_glyph_draws_the_letters_its_name_says_in_the_order_they_are_typed(font_file):
    letters, ids = thai_glyph_letters(font_file), glyph_ids(font_file)
    assert letters[ids["uni0E01"]] == "ก"
    assert letters[ids["uni0E32"]] == "า"  # the glyph ำ is drawn with: า, never ำ
    assert letters[ids["uni0E33"]] == "ำ"
    assert letters[ids["uni0E4D"]] == "\u0e4d"  # nikhahit alone
    # nikhahit drawn with a tone under it: typed after the tone (น้ำ is น, ้, ำ); each of the four tones
    for tone in "\u0e48\u0e49\u0e4a\u0e4b":
        assert letters[ids[f"uni0E4D{ord(tone):04X}"]] == tone + "\u0e4d"
        assert letters[ids[f"uni0E4D{ord(tone):04X}.narrow"]] == tone + "\u0e4d"  # a variant: the same letters
    assert letters[ids["uni0E49.small"]] == "\u0e49"
    # a Latin letter, and a name of another script that holds `0E`, draw no Thai
    assert ids["A"] not in letters and ids["uni1E0E"] not in letters
    # every Thai letter, mark and digit of the font, and nothing else (Sarabun's 119)
    assert len(letters) == 119 and all(set(t) <= set(map(chr, range(0x0E00, 0x0E80))) for t in letters.values())


def _entry(gid: int, text: str) -> bytes:
    return f"<{gid:04x}> <{text.encode('utf-16-be').hex()}>".encode()


def test_only_the_sarabun_fonts_thai_lines_of_a_pdf_s_maps_are_changed():
    ids = glyph_ids("Sarabun-Bold.woff2")
    aa, nikhahit_tone, latin = ids["uni0E32"], ids["uni0E4D0E49"], ids["A"]
    pdf = pydyf.PDF()

    def font(base_font: bytes, subtype: str = "/Type0") -> pydyf.Stream:
        # WeasyPrint's map: the glyph า says ำ (its first word drew ำ), the nikhahit glyph nothing;
        # a line of a pydyf stream may be text as well as bytes (pydyf writes either)
        stream = pydyf.Stream([b"3 beginbfchar", _entry(aa, "ำ"), _entry(nikhahit_tone, ""), _entry(latin, "A"),
                               b"endbfchar", "% text"])
        pdf.add_object(stream)
        pdf.add_object(pydyf.Dictionary({"Type": "/Font", "Subtype": subtype, "BaseFont": base_font,
                                         "ToUnicode": stream.reference}))
        return stream

    # the font's name is bytes, a subset tag and `+` before it, as WeasyPrint names it
    # (``b"/" + tag + b"+" + name``); another font before the forms' own is passed over, not the end
    other = font(b"/MNOPQR+DejaVuSans")
    bold, regular, type3 = (font(b"/ABCDEF+Sarabun-Bold"), font(b"/GHIJKL+Sarabun-Regular"),
                            font(b"/STUVWX+Sarabun-Bold", "/Type3"))
    pdf.add_object(pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "BaseFont": b"/Sarabun-Bold"}))  # no map
    whole, named = font(b"/Sarabun-Bold"), font("/UVWXYZ+Sarabun-Regular")  # embedded whole, no tag; a str name
    nameless = pydyf.Stream([b"1 beginbfchar", _entry(aa, "ำ"), b"endbfchar"])  # a font of no name is not Sarabun
    pdf.add_object(nameless)
    pdf.add_object(pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type0", "ToUnicode": nameless.reference}))
    thai_text_finisher(None, pdf)
    fixed = [b"3 beginbfchar", _entry(aa, "า"), _entry(nikhahit_tone, "\u0e49\u0e4d"), _entry(latin, "A"),
             b"endbfchar", "% text"]
    assert bold.stream == fixed and whole.stream == fixed and named.stream == fixed
    # the regular face's glyph ids are the bold's: its own map read for it gives the same letters
    assert glyph_ids("Sarabun-Regular.woff2")["uni0E32"] == aa and regular.stream == fixed
    untouched = [b"3 beginbfchar", _entry(aa, "ำ"), _entry(nikhahit_tone, ""), _entry(latin, "A"), b"endbfchar",
                 "% text"]
    assert other.stream == untouched and type3.stream == untouched
    assert nameless.stream == [b"1 beginbfchar", _entry(aa, "ำ"), b"endbfchar"]


def test_the_regular_and_bold_faces_draw_the_same_letters_with_the_same_glyphs():
    # why the regular face's letters serve the bold's maps (kpidsl/forms/pdf_text.py _forms_font)
    assert thai_glyph_letters("Sarabun-Regular.woff2") == thai_glyph_letters("Sarabun-Bold.woff2")
