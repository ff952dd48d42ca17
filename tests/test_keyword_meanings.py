"""Every keyword says what it means in Thai and in English (kpidsl/syntax/keywords.py),
and the editor's hover on it shows both meanings and where the word may stand."""

from __future__ import annotations

import pytest

from kpidsl.syntax.contexts import places
from kpidsl.syntax.keywords import KEYWORDS, is_thai

pytest.importorskip("lsprotocol", reason="the lsp extra is not installed: pip install 'kpidsl[lsp]'")
from kpidsl.lsp import completion, names  # noqa: E402
from kpidsl.lsp.hover import keyword  # noqa: E402

IDS = [kw.canonical for kw in KEYWORDS]


@pytest.mark.parametrize("kw", KEYWORDS, ids=IDS)
def test_every_keyword_has_a_meaning_in_both_languages(kw):
    assert kw.doc.strip() and not is_thai(kw.doc), f"{kw.canonical}: no English meaning"
    assert kw.doc_th.strip() and is_thai(kw.doc_th), f"{kw.canonical}: no Thai meaning"
    assert (kw.meaning("th"), kw.meaning("en")) == (kw.doc_th, kw.doc)


@pytest.mark.parametrize("kw", KEYWORDS, ids=IDS)
def test_hover_on_every_spelling_gives_both_meanings_and_where_it_may_stand(kw):
    en, th = places(kw.canonical)
    for spelling in kw.spellings:
        lines = keyword(spelling).split("\n")
        assert kw.doc_th in lines and kw.doc in lines
        if en:
            assert f"ใช้ได้ใน: {th}" in lines and f"allowed in: {en}" in lines
        else:  # a value word stands after a keyword, in no block of its own
            assert "คำค่า (ใช้หลังคำสั่ง) · a value word (written after a keyword)" in lines


def test_hover_on_weight_names_its_meanings_and_its_blocks():
    assert keyword("น้ำหนัก").split("\n") == [
        "**น้ำหนัก** · `weight`", "",
        "น้ำหนัก (ร้อยละของคะแนนรวม)", "weight (% of the total)", "",
        "ใช้ได้ใน: ตัวชี้วัดหรือมิติ", "allowed in: an indicator or dimension",
    ]
    assert keyword("น้ำหนัก20") is None  # a glued word is no keyword (keywords.py)


def test_completion_describes_each_spelling_in_its_own_language():
    text = 'กรอบ f "ก" {\n    ตัวชี้วัด 1 "ก" {\n        \n    }\n}\n'
    items = {item.label: item.detail for item in completion.complete(text, names.NameIndex(), 3, 9)}
    assert items["น้ำหนัก"] == "weight — น้ำหนัก (ร้อยละของคะแนนรวม)"
    assert items["weight"] == "น้ำหนัก — weight (% of the total)"
