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


def test_a_doctype_is_refused_in_the_read_that_meets_it_none_of_it_given():
    # its entities never reach the parser: not the chunk that holds it either (another refusal
    # gives its chunk, the next read raises)
    guarded = Guarded(io.BytesIO(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))
    with pytest.raises(Refused) as caught:
        guarded.read(16 * 1024)
    assert caught.value.reason == DOCTYPE
    with pytest.raises(Refused):  # and it stays refused
        guarded.read(16 * 1024)


@pytest.mark.parametrize("size", [-1, None])
def test_a_read_of_no_size_is_the_whole_part_through_the_check(size):
    part = b"<a>" + b"<b/>" * (CHUNK // 2) + b"</a>"  # two chunks and more
    assert Guarded(io.BytesIO(part)).read(size) == part
    with pytest.raises(Refused) as caught:
        Guarded(io.BytesIO(b"<a>" + b"x" * (MAX_MARKUP + 1) + b"</a>")).read(size)
    assert caught.value.reason == TOO_LONG


def test_a_read_of_nothing_gives_nothing_and_ends_nothing():
    # a comment's opener cut by the read: had a read of 0 bytes ended the part, `<!-` would be a declaration
    guarded = Guarded(io.BytesIO(b"<a><!-- x --><b/></a>"))
    assert guarded.read(6) == b"<a><!-"
    assert guarded.read(0) == b""
    assert guarded.read(100) == b"- x --><b/></a>" and guarded.read(100) == b""
    assert guarded.scan.tags == 3  # the part's end met once, its last tags counted


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b""), ("utf-16-be", b""),
                                           ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_a_part_in_utf16_of_either_byte_order_with_or_without_its_mark_is_read_in_its_characters(encoding, bom):
    def part(text: str) -> bytes:
        return bom + text.encode(encoding)

    assert _reason(part('<a v="ก">' + "x" * (MAX_MARKUP - 8) + "</a>"), CHUNK) is None  # characters, not bytes
    assert _reason(part('<a v="ก">' + "x" * (MAX_MARKUP - 7) + "</a>"), CHUNK) == TOO_LONG
    assert _reason(part('<!DOCTYPE a [<!ENTITY x "y">]><a/>'), CHUNK) == DOCTYPE
    # a lone surrogate (no character) is the parser's to tell, not a failure of the check
    assert _reason(part("<a>") + "\ud800".encode(encoding, "surrogatepass") + part("</a>")[len(bom):], CHUNK) is None


@pytest.mark.parametrize("size", [64, 100, 150])
def test_empty_elements_alone_in_small_reads_are_closed_however_many(size):
    # each `/>` in a read that holds no `<`: twice MAX_DEPTH of them, so that one end of each
    # left uncounted would refuse the part, not leave it just at the limit
    element = b'<b v="' + b"x" * 200 + b'"/>' + b"y" * 200
    assert _reason(b"<a>" + element * (2 * MAX_DEPTH) + b"</a>", size) is None


@pytest.mark.parametrize("size", [16 * 1024, 4099, 64])
def test_nesting_is_counted_on_across_reads_that_hold_no_tag(size):
    gap = b"y" * (CHUNK + 100)  # reads of text alone between the opening tags
    half = MAX_DEPTH // 2
    opened = b"<x>" * half + gap + b"<x>" * half + gap
    assert _reason(opened + b"</x>" * MAX_DEPTH, size) is None
    assert _reason(opened + b"<x>" + gap + b"</x>" * (MAX_DEPTH + 1), size) == TOO_DEEP


def test_tags_between_and_after_comments_are_each_counted():
    # several comments in one read: each ends at its own `-->`, and what follows it is read on
    part = b"<a>" + b"<!-- c --><b/>" * 3 + b"<?pi x?><c></c></a>"
    assert check(io.BytesIO(part)) == 7


@pytest.mark.parametrize("size", SIZES)
def test_text_after_a_comment_is_counted_from_the_comment_s_end(size):
    # a comment's `-->` late in a read, then text across reads to the next `<`
    head = b"<a>" + b"y" * (CHUNK - 20) + b"<!-- c -->"
    assert _reason(head + b"x" * MAX_MARKUP + b"</a>", size) is None
    assert _reason(head + b"x" * (MAX_MARKUP + 1) + b"</a>", size) == TOO_LONG


# 24 reads of 43,691 bytes end 6 bytes after the `<` of `</a>` below: that `<` is kept back
# for the next read with the bytes that may be an opener
HELD_BACK = 43_691


def test_text_whose_closing_tag_is_held_back_at_a_read_s_end_is_counted_whole():
    assert 24 * HELD_BACK - 6 == len(b"<a>") + MAX_MARKUP - 1
    assert _reason(b"<a>" + b"x" * (MAX_MARKUP - 2) + b"</a>", HELD_BACK) is None
    assert _reason(b"<a>" + b"x" * (MAX_MARKUP - 1) + b"</a>", HELD_BACK) == TOO_LONG


@pytest.mark.parametrize("size", [16 * 1024, 64])
@pytest.mark.parametrize("element", [b"<x><y></y><!-- c --><e/>", b"<x><y><!-- c --></y>", b"<x><e/><!-- c -->"])
def test_nesting_among_comments_is_counted_from_each_tag_once(element, size):
    # each element leaves one <x> open (a <y> in the last one is one deeper): its tags before a
    # comment, and after it, counted once each, whatever a read holds (64 bytes: the y's fill
    # each read after its comment)
    element += b"y" * (64 - len(element))
    assert _reason(element * (MAX_DEPTH - 1) + b"</x>" * (MAX_DEPTH - 1), size) is None
    assert _reason(element * (MAX_DEPTH + 1) + b"</x>" * (MAX_DEPTH + 1), size) == TOO_DEEP


@pytest.mark.parametrize("size", SIZES)
def test_text_after_a_tag_late_in_a_read_is_counted_from_that_tag(size):
    head = b"<a>" + b"y" * (CHUNK - 20) + b"<b>"
    assert _reason(head + b"x" * (MAX_MARKUP - 2) + b"</b></a>", size) is None
    assert _reason(head + b"x" * (MAX_MARKUP - 1) + b"</b></a>", size) == TOO_LONG


def test_an_empty_element_s_end_held_back_at_a_read_s_end_is_counted_once():
    # two reads of 64 bytes each: the second holds no `<`, and its `/>` is in the bytes kept
    # back for the next read; counted twice, each would close one element more than it opened (a hundred of them)
    element = b'<b v="' + b"x" * 115 + b'"/>yyyy'
    assert len(element) == 2 * 64 and element.index(b"/>") > 2 * 64 - 9
    assert _reason(element * 100 + b"<x>" * MAX_DEPTH + b"</x>" * MAX_DEPTH, 64) is None
    # (depth is counted a read at a time: the opening tags past the limit fill a read of their own)
    assert _reason(element * 100 + b"<x>" * (MAX_DEPTH + 30) + b"</x>" * (MAX_DEPTH + 30), 64) == TOO_DEEP
