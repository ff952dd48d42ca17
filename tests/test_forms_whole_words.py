"""The forms' terms kept on one line (kpidsl/forms/whole_words.py): where a span goes and where
a line may still break beside it, on the text of the forms, without laying a page out
(tests/test_forms_sar.py lays the forms out and finds no term cut)."""

from __future__ import annotations

import re

import pytest

from kpidsl.forms.whole_words import keep_words_whole

W = '<span class="whole">'


@pytest.mark.parametrize("page, kept", [
    # the SAR's header: a break allowed where the dictionary would have made one, between Thai letters
    ("<th>ผลการดำเนินงาน</th>", f"<th>ผลการ<wbr>{W}ดำเนินงาน</span></th>"),
    ("<th>คะแนนถ่วงน้ำหนัก</th>", f"<th>คะแนน<wbr>{W}ถ่วงน้ำหนัก</span></th>"),  # the longest word, one span
    # a word that starts the text, then Thai: no <wbr> before it (the text's last letter is no neighbour)
    ("ดำเนินงานดี", f"{W}ดำเนินงาน</span><wbr>ดี"),
    # one Thai letter before it: its neighbour
    ("ณระยะเวลา", f"ณ<wbr>{W}ระยะเวลา</span>"),
    # a word that ends the text after Thai: none after it (the first letter is no neighbour either)
    ("แผนได้รับ", f"แผน<wbr>{W}ได้รับ</span>"),
    # beside what is not a Thai letter: no <wbr> (no line ends on a "(" or a step's "3.")
    # a step's number kept with its first word (its space no break: the number never stands alone)
    ("<td>3. ดำเนินการตาม (ตัวชี้วัด)</td>", f"<td>{W}3. </span>{W}ดำเนินการ</span><wbr>ตาม ({W}ตัวชี้วัด</span>)</td>"),
    ("<td>70 หรือน้อยกว่า</td>", f"<td>70 หรือ<wbr>{W}น้อยกว่า</span></td>"),
    # a policy's own words in quotation marks, one span with its marks
    ("<p>(“ปัดที่ คะแนนรวม”)</p>", f"<p>({W}“ปัดที่ คะแนนรวม”</span>)</p>"),
])
def test_each_term_is_one_span_with_a_break_beside_it_only_between_thai_letters(page, kept):
    assert keep_words_whole(page) == kept


_MARKS = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"  # vowel signs, tone marks and the like: never a line's first letter


@pytest.mark.parametrize("quoted", ["“ปัดที่คะแนนรวมของส่วนราชการทั้งหมด”", "“การปฏิบัติราชการที่ได้รับมอบหมายทั้งสิ้น”",
                                    "“ผลการดำเนินงานตามแผนปฏิบัติราชการประจำปี”"])
def test_a_long_quotation_s_runs_begin_and_end_where_a_syllable_may(quoted):
    # the last run of 16 letters had begun on a tone mark ("งส<wbr>่วน…"), a break allowed before it
    page = keep_words_whole(f"<p>ตามหลักเกณฑ์ {quoted} ที่ประกาศไว้</p>")
    assert re.sub(r"<[^>]*>", "", page) == f"ตามหลักเกณฑ์ {quoted} ที่ประกาศไว้"
    assert not re.search(rf"<wbr>(?:<[^>]*>)*[{_MARKS}]", page), page
    assert not re.search(r"[เ-ไ](?:<[^>]*>)*<wbr>", page), page
    assert page.count('class="whole"') >= 2  # each end still held with its mark


def test_style_title_code_comments_and_tags_are_not_the_form_s_text():
    page = ('<title>ตัวชี้วัด</title><style>.x{content:"น้ำหนัก"}</style><code>ได้รับ</code><!-- มากกว่า -->'
            '<td class="ตัวชี้วัด">ตัวชี้วัด</td>')
    assert keep_words_whole(page) == ('<title>ตัวชี้วัด</title><style>.x{content:"น้ำหนัก"}</style><code>ได้รับ</code>'
                                      f'<!-- มากกว่า --><td class="ตัวชี้วัด">{W}ตัวชี้วัด</span></td>')


def _printed_lines(html_text: str) -> list[str]:
    """The lines WeasyPrint makes of ``html_text`` in a box 1 px wide: one at each place it may break."""
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint lays the page out: pip install 'kpidsl[pdf]'")
    from weasyprint.formatting_structure import boxes

    style = '<style>.whole { white-space: nowrap; }</style>'  # as templates/base.html.j2 holds a span
    page = weasyprint.HTML(string=f'{style}<p style="width:1px">{html_text}</p>').render().pages[0]
    lines = []
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox):
            lines.append("".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)))
        else:
            stack.extend(reversed(getattr(box, "children", None) or []))
    return lines


def test_the_kinds_of_node_the_forms_name_are_never_cut():
    # the score report heads its first column "องค์ประกอบ / ตัวชี้วัด / สมรรถนะ", a group's mean is
    # "ของ 2 ตัวชี้วัดย่อย": the printer's dictionary cuts "ตัว | ชี้ | วัด | ย่อย" and "องค์ | ประกอบ"
    from kpidsl.forms.view import KIND_TH

    for name in [*KIND_TH.values(), "ตัวชี้วัดย่อย"]:
        assert _printed_lines(keep_words_whole(name)) == [name], name
    # the check can fail: laid out bare, the printer cuts them
    assert _printed_lines("ตัวชี้วัดย่อย") == ["ตัว", "ชี้", "วัด", "ย่อย"]
    assert _printed_lines("องค์ประกอบ") == ["องค์", "ประกอบ"]
