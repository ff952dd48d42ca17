"""A band's raise range as tables and forms write it (kpidsl/raise_words.py): seed 001 ขั้นตอนที่ 9
"ดีเด่น 4.5 - 5 ดีมาก 3.5 - 4 ดี 2.5 - 3 พอใช้ 1.5 - 2 ต้องปรับปรุง ไม่ได้เลื่อนเงินเดือน"
(rules/2555/bands.kpi); only a range of 0 to 0 is no raise, never "0–0%"."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kpidsl.raise_words import is_none, raise_range_text


def test_only_zero_to_zero_is_no_raise():
    assert is_none(D(0), D(0))
    assert is_none(D("0.00"), D("0"))
    assert not is_none(D(0), D("1.5"))  # a range from nothing up is a raise
    assert not is_none(D("1.5"), D(0))
    assert not is_none(D("4.5"), D(5))


@pytest.mark.parametrize("low, high, written", [("4.5", "5", "4.5–5%"), ("2.5", "3", "2.5–3%"), ("0", "1.5", "0–1.5%")])
def test_a_range_with_a_raise_by_its_bounds(low, high, written):
    assert raise_range_text(D(low), D(high), "th", str) == written
    assert raise_range_text(D(low), D(high), "en", str) == written


def test_each_bound_written_by_the_callers_figure():
    assert raise_range_text(D("1.5"), D(2), "en", lambda d: f"{d:.2f}") == "1.50–2.00%"


@pytest.mark.parametrize("lang, words", [("en", "no raise"), ("th", "ไม่ได้เลื่อนเงินเดือน")])
def test_no_raise_in_words(lang, words):
    assert raise_range_text(D(0), D(0), lang, str) == words
