"""Text changed only between the matches of a pattern (kpidsl/forms/between.py): the forms'
figures in Thai digits outside tags, their terms kept whole outside style and code."""

from __future__ import annotations

import re

import pytest

from kpidsl.forms.between import converted_between
from kpidsl.thai import to_thai_digits

TAG = re.compile(r"<[^>]*>")


@pytest.mark.parametrize("text, converted", [
    ('<td class="n2">3.5282</td>', '<td class="n2">๓.๕๒๘๒</td>'),        # seed 003's total, the tag kept
    ("คะแนน 70.8 <b>4</b> จาก 5", "คะแนน ๗๐.๘ <b>๔</b> จาก ๕"),           # before, between and after tags
    ("<br/><br/>", "<br/><br/>"), ("78", "๗๘"), ("", ""),
    ('<a href="x1.html">1</a>', '<a href="x1.html">๑</a>'),
])
def test_only_the_text_between_the_tags_is_converted(text, converted):
    assert converted_between(text, TAG, to_thai_digits) == converted


def test_each_piece_between_is_converted_once_in_order():
    pieces = []
    assert converted_between("a<1>b<2>", TAG, lambda s: pieces.append(s) or s.upper()) == "A<1>B<2>"
    assert pieces == ["a", "b", ""]
