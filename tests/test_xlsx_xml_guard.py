"""The guard a workbook's XML is read through (kpidsl/xlsx/xml_guard.py): its limits at
their boundaries, whatever the sizes the parser reads in, and the XML it passes."""

from __future__ import annotations

import io

import pytest

from kpidsl.xlsx import xml_guard
from kpidsl.xlsx.xml_guard import CHUNK, DOCTYPE, MAX_DEPTH, MAX_MARKUP, TOO_DEEP, TOO_LONG, Guarded, Refused, check

# the sizes a parser may read in: ElementTree's iterparse reads 16 kB, a chunk ends anywhere
SIZES = [16 * 1024, CHUNK, 4099]


def _read(data: bytes, size: int) -> bytes:
    """All of ``data`` read through the guard ``size`` bytes at a time."""
    guarded = Guarded(io.BytesIO(data))
    out = []
    while chunk := guarded.read(size):
        out.append(chunk)
    return b"".join(out)


def _reason(data: bytes, size: int) -> str | None:
    try:
        assert _read(data, size) == data  # what it passes, it passes whole and unchanged
    except Refused as e:
        return e.reason
    return None


@pytest.mark.parametrize("size", SIZES)
def test_text_between_two_tags_as_long_as_allowed_passes_one_more_is_refused(size):
    # `a>` and the x's are the bytes between the two `<`
    assert _reason(b"<a>" + b"x" * (MAX_MARKUP - 2) + b"</a>", size) is None
    assert _reason(b"<a>" + b"x" * (MAX_MARKUP - 1) + b"</a>", size) == TOO_LONG


@pytest.mark.parametrize("size", SIZES)
def test_text_before_the_first_tag_is_counted_from_the_part_s_first_byte(size):
    assert _reason(b" " * MAX_MARKUP + b"<a/>", size) is None
    assert _reason(b" " * (MAX_MARKUP + 1) + b"<a/>", size) == TOO_LONG


@pytest.mark.parametrize("size", SIZES)
def test_a_tag_of_a_long_attribute_is_refused(size):
    assert _reason(b'<a v="' + b"x" * MAX_MARKUP + b'"/>', size) == TOO_LONG


@pytest.mark.parametrize("opener, closer", [(b"<!--", b"-->"), (b"<?", b"?>"), (b"<![CDATA[", b"]]>")])
@pytest.mark.parametrize("size", SIZES)
def test_a_comment_pi_or_cdata_section_is_held_to_the_limit_whatever_it_holds(opener, closer, size):
    body = (b"<" + b"x" * 1023) * (MAX_MARKUP // 1024)  # its `<` (a comment may hold them) do not end it
    assert _reason(b"<a>" + opener + body + closer + b"</a>", size) is None
    assert _reason(b"<a>" + opener + body + b"x" + closer + b"</a>", size) == TOO_LONG


@pytest.mark.parametrize("size", SIZES + list(range(1, 13)))
def test_a_doctype_is_refused_but_not_its_text_in_a_cdata_section_or_comment(size):
    assert _reason(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', size) == DOCTYPE
    assert _reason(b"<a><![CDATA[<!DOCTYPE a>]]><!-- <!DOCTYPE a> --></a>", size) is None


@pytest.mark.parametrize("size", SIZES)
def test_nesting_deeper_than_allowed_across_chunks_is_refused(size):
    gap = b"y" * (CHUNK + 100)  # the closing tags in another chunk than the opening ones
    assert _reason(b"<x>" * MAX_DEPTH + gap + b"</x>" * MAX_DEPTH, size) is None
    assert _reason(b"<x>" * (MAX_DEPTH + 1) + gap + b"</x>" * (MAX_DEPTH + 1), size) == TOO_DEEP
    # elements closed as they open (`<x/>`, `</x>`) never add up
    assert _reason(b"<a>" + b"<x/><y></y>" * 200_000 + b"</a>", size) is None


@pytest.mark.parametrize("size", SIZES)
def test_empty_elements_each_alone_in_its_read_are_closed(size):
    # `<b v="…"/>` between long text: the piece of a parser's read that holds its `/>` holds no
    # `<`, whose end was not counted; a thousand such refused as too deep a part nested 2 deep
    element = b'<b v="' + b"x" * 20_000 + b'"/>' + b"y" * 20_000
    assert _reason(b"<a>" + element * (MAX_DEPTH + 1) + b"</a>", size) is None


@pytest.mark.parametrize("size", range(1, 13))
def test_an_empty_element_s_end_split_between_two_reads_is_counted_whole(size):
    # read a byte or two at a time, nearly every `/>` would end one read and start the next:
    # each one missed would leave an element open, and a thousand of them refuse the part
    assert _reason(b"<a>" + b"<x/>" * (MAX_DEPTH + 5) + b"</a>", size) is None


def test_a_part_in_utf16_is_checked_in_its_characters():
    declared = '<?xml version="1.0" encoding="UTF-16"?>'
    assert _reason((declared + "<a>ก</a>").encode("utf-16"), CHUNK) is None
    assert _reason((declared + '<!DOCTYPE a [<!ENTITY x "y">]><a/>').encode("utf-16"), CHUNK) == DOCTYPE
    assert _reason((declared + "<a>" + "x" * MAX_MARKUP + "</a>").encode("utf-16-le"), CHUNK) == TOO_LONG


def test_the_chunk_that_is_refused_is_given_then_the_next_read_raises():
    # the rows before what is refused are read, and told at the row after them
    guarded = Guarded(io.BytesIO(b"<a>" + b"x" * (2 * MAX_MARKUP) + b"</a>"))
    given = 0
    with pytest.raises(Refused):
        while chunk := guarded.read(CHUNK):
            given += len(chunk)
    assert MAX_MARKUP < given <= MAX_MARKUP + CHUNK


def test_check_reads_a_whole_part_and_counts_its_tags():
    # the count kpidsl/xlsx/read.py holds a part read whole to (MAX_TAGS_WHOLE): start, end and
    # empty tags, a part shorter than the bytes kept back for an opener counted at its end
    assert check(io.BytesIO(b"<a><b/></a>")) == 3
    assert check(io.BytesIO(b"<a></a>")) == 2
    assert check(io.BytesIO(b"<a>" + b"<b/>" * 5000 + b"</a>")) == 5002
    with pytest.raises(Refused) as caught:
        check(io.BytesIO(b"<a>" + b"x" * (MAX_MARKUP + 1)))
    assert caught.value.reason == TOO_LONG


def test_each_reason_is_a_sentence_with_its_limit():
    assert f"{MAX_MARKUP:,}" in xml_guard.refusal(TOO_LONG).en and f"{MAX_DEPTH:,}" in xml_guard.refusal(TOO_DEEP).th
    assert xml_guard.refusal(DOCTYPE).th
