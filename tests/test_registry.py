"""Every diagnostic message in the registry renders, in both languages."""

import re
import string

import pytest

from kpidsl.diagnostics.registry import CODES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CODES))
def test_message_renders_with_its_arguments(code):
    c = CODES[code]
    names = set()
    for template in (c.en, c.th, c.hint_en, c.hint_th):
        names |= _fields(template)
    diag = c.at(None, **{name: f"<{name}>" for name in names})
    assert diag.message_en and diag.message_th
    assert "{" not in diag.message_en.replace("`{`", "").replace("{ … }", "")
    assert diag.severity in ("error", "warning")


def test_codes_are_unique_and_well_formed():
    for code in CODES.values():
        assert len(code.code) == 4 and code.code[0].isupper() and code.code[1:].isdigit()
    names = [c.name for c in CODES.values()]
    assert len(names) == len(set(names))


def test_a_long_quoted_value_is_cut_in_both_languages_and_cut_once():
    long_id = "\x1b[31m" + "ก" * 200
    diag = CODES["Q001"].at(None, id=long_id, rule_set="2555", hint="", hint_th="")
    start = long_id[:80]
    assert diag.message_en == f"no agreement `{start}… (205 characters)` in rule set 2555"
    assert diag.message_th == f"ไม่มีคำรับรอง `{start}… (205 อักขระ)` ในชุดกฎ 2555"
    # the escape is left for the report to show escaped, as a short value's is (kpidsl/diagnostics/render.py)
    assert "\x1b" in diag.message_en
    again = CODES["Q001"].at(None, id=f"{start}… (205 characters)", rule_set="2555", hint="", hint_th="")
    assert again.message_en == diag.message_en  # a value cut already is not cut again
    short = "ก" * 120
    assert short in CODES["Q001"].at(None, id=short, rule_set="2555", hint="", hint_th="").message_th
    # a kpidsl sentence in a field that is not a quoted value is never cut
    hint = "it takes: " + ", ".join(f"k{i}" for i in range(100))
    assert CODES["Q009"].at(None, field="f", kind="kpi", id="1", fields=hint).hint_en.endswith("k99")


def test_every_sentence_a_user_reads_divides_with_the_rule_files_sign():
    # the seeds, the rule files and the forms write a division "/" (X1 / Y1, 2.5080 × 100 / 70):
    # a message, a hint, a phrase or a command's sentence writing "÷" said it a second way
    # (the parser still reads ÷ as / — grammar/kpi.lark DIVIDE — it is never written back)
    from kpidsl.diagnostics.cli_texts import SAID
    from kpidsl.diagnostics.phrases import PHRASES
    from kpidsl.mutate.operators import OPERATORS
    from kpidsl.syntax.parser import parse

    written = [(c.code, t) for c in CODES.values() for t in (c.en, c.th, c.hint_en, c.hint_th)]
    written += [(k, t) for k, texts in SAID.items() for t in texts]
    written += [(k, t) for k, texts in PHRASES.items() for t in texts]
    written += [(k, t) for k, texts in OPERATORS.items() for t in texts]
    # a parse error listing what may come after a name in a formula: an operator among them
    (error,) = parse('กรอบ a "t" {\n ตัวชี้วัด 1 "x" น้ำหนัก 10 {\n  คำนวณ (X1 Y1)\n }\n}\n', "a.kpi").diagnostics
    written += [(error.code, error.message_en), (error.code, error.message_th)]
    assert "(+ − × /)" in error.message_en and "(+ − × /)" in error.message_th
    assert [(k, t) for k, t in written if "÷" in t] == []
    assert "X / Y" in CODES["K015"].hint_en and "X / Y" in CODES["K015"].hint_th


# An English sentence may carry Thai only where an English reader is shown it as such: in
# backticks (what a rule file or a results cell holds, typed as shown), in quotes (a title), in
# a parenthesis holding Thai alone after its English meaning ("a percentage (ร้อยละ)"), or as
# the number of a circular a seed is (ว 28/52: a name, not a word to translate).
_THAI = re.compile("[\u0e01-\u0e5b]")
_DOCUMENT_NUMBERS = ("ว 20/52", "ว 28/52")


def _bare(text: str) -> str:
    text = re.sub(r"`[^`]*`|“[^”]*”|\"[^\"]*\"|\{\w*\}", "", text)
    text = re.sub(r"\([^()A-Za-z]*\)", "", text)
    for number in _DOCUMENT_NUMBERS:
        text = text.replace(number, "")
    return text


def _english_texts() -> list[tuple[str, str]]:
    from kpidsl.diagnostics.cli_texts import SAID
    from kpidsl.diagnostics.hints import HINTS
    from kpidsl.diagnostics.phrases import PHRASES

    texts = [(c.code, t) for c in CODES.values() for t in (c.en, c.hint_en)]
    texts += [(f"hint {k}", en) for k, (en, _) in HINTS.items()]
    texts += [(f"phrase {k}", en) for k, (en, _) in PHRASES.items()]
    return texts + [(f"said {k}", t) for k, texts_ in SAID.items() for t in texts_[:2]]


def test_every_english_sentence_is_free_of_thai_but_its_quoted_terms():
    thai = [(where, text) for where, text in _english_texts() if _THAI.search(_bare(text))]
    assert thai == [], "give the English meaning, the Thai term in parentheses once after it"


def test_the_thai_scan_sees_thai_outside_a_quoted_term():
    assert [bool(_THAI.search(_bare(t))) for t in (
        "seed 001: round 1 on the salaries held on 1 มี.ค.", "ranks the bands: ดีเด่น 4.5–5%",
        "(seed 002 ข้อ 1.4.2 (2))", "like `1 ต.ค. 2553`", "starts in October (ต.ค.)",
        "named “รอบ 12 เดือน”", "seed 001 (ว 28/52 clause 1)")] == [True, True, True, False, False, False, False]


@pytest.mark.parametrize("code, english", [
    ("D012", "1 Oct – 31 Mar, 1 Apr – 30 Sep"), ("D015", "1 Oct – 31 Mar, 1 Apr – 30 Sep"),
    ("D016", "all from 1 Oct"), ("D017", "on 1 Mar, round 2 on 1 Sep"), ("R005", "by 2011-10-31"),
    ("B013", "outstanding (ดีเด่น) 4.5–5%"), ("A012", "seed 002 clause 1.4.2 (2)")])
def test_an_english_hint_gives_the_seeds_dates_and_terms_in_english(code, english):
    hint_en = CODES[code].hint_en
    assert english in hint_en and not _THAI.search(_bare(hint_en))
