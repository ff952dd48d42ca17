"""Text in both languages (kpidsl/bilingual.py): the language KPIDSL_LANG asks for, read the one
way every command and the language server read it (tests/test_cli.py runs commands under it)."""

from __future__ import annotations

import pytest

from kpidsl.bilingual import Bi, lang_from_env


@pytest.mark.parametrize("value, lang", [("en", "en"), ("EN", "en"), (" en_US.UTF-8 ", "en"), ("en-GB", "en"),
                                         ("en.UTF-8", "en"), ("en@euro", "en"), ("th_TH", "th"), ("th", "th"),
                                         ("xx", "th"), ("", "th"), ("english", "th"), ("_en", "th")])
def test_the_language_asked_for(monkeypatch, value, lang):
    monkeypatch.setenv("KPIDSL_LANG", value)
    assert lang_from_env() == lang


def test_no_language_asked_for_is_thai(monkeypatch):
    monkeypatch.delenv("KPIDSL_LANG", raising=False)
    assert lang_from_env() == "th"


def test_a_pair_reads_in_either_language_and_is_english_as_text():
    node = Bi("kpi `5`", "ตัวชี้วัด `5`")
    assert (node.in_lang("th"), node.in_lang("en"), node.in_lang("fr"), str(node)) == (
        "ตัวชี้วัด `5`", "kpi `5`", "kpi `5`", "kpi `5`")
