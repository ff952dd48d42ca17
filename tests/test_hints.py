"""Every hint a user sees comes from kpidsl/diagnostics/hints.py: no call site writes a
``hint=``/``hint_th=`` sentence itself, every hint has both languages (but the few kept in
English alone, named there), and every hint is used."""

from __future__ import annotations

import ast
import datetime as dt
import string
from pathlib import Path

import pytest

import kpidsl
from keyed_texts import keys_named, written_in_place as _written
from kpidsl.check import check_paths
from kpidsl.diagnostics.hints import ENGLISH_ONLY, HINTS, NO_HINT, WITHOUT_HINT, guess_hint, hint
from kpidsl.diagnostics.registry import CODES

PACKAGE = Path(kpidsl.__file__).parent


def test_no_call_site_writes_a_hint():
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg in ("hint", "hint_th") and _written(node.value):
                written.append(f"{path.relative_to(PACKAGE).as_posix()}:{node.value.lineno}")
    assert written == []


def test_the_scan_sees_a_written_hint():
    call = ast.parse('CODES["K001"].at(None, hint=f"did you mean `{guess}`?", hint_th="")').body[0].value
    assert [_written(k.value) for k in call.keywords] == [True, False]


@pytest.mark.parametrize("key", sorted(HINTS))
def test_every_hint_has_both_languages_and_the_same_fields(key):
    en, th = HINTS[key]
    assert en
    assert bool(th) != (key in ENGLISH_ONLY)
    fields = [{name for _, name, _, _ in string.Formatter().parse(t) if name} for t in (en, th)]
    assert fields[1] <= fields[0] | {f"{name}_th" for name in fields[0]}
    filled = hint(key, **{name: f"<{name}>" for name in fields[0] | fields[1]})
    assert all(f"<{name}>" in filled["hint"] for name in fields[0])


def test_every_hint_is_used():
    named = keys_named("hint", HINTS)
    assert named - set(HINTS) == set()  # a key named in the code and missing here
    assert set(HINTS) - named == set()


def test_no_key_is_the_empty_hint():
    assert hint() == dict(NO_HINT) == guess_hint(None) == {"hint": "", "hint_th": ""}
    given = guess_hint("weight")
    diag = CODES["K001"].at(None, word="x", context="c", context_th="c", **given)
    assert (diag.hint_en, diag.hint_th) == (given["hint"], given["hint_th"]) and "`weight`" in diag.hint_th


def test_every_error_code_has_a_hint_but_those_kept_without():
    lacking = {c.code for c in CODES.values() if c.severity == "error" and not (c.hint_en and c.hint_th)}
    assert lacking == set(WITHOUT_HINT)


def test_those_kept_without_a_hint_are_error_codes_without_one():
    kept = [CODES[code] for code in sorted(WITHOUT_HINT)]
    assert [(c.code, c.severity, c.hint_en, c.hint_th) for c in kept] == [(c.code, "error", "", "") for c in kept]


def test_a_period_outside_the_year_is_told_the_years_first_and_last_days(tmp_path):
    # fiscal year 2555 runs 1 ต.ค. 2554 – 30 ก.ย. 2555 (kpidsl/thai.py fiscal_year_bounds); round 1 typed 1 ก.ย.
    (tmp_path / "f.kpi").write_text(
        (PACKAGE.parent / "tests/fixtures/check/D003/bad_round_starts_before_year.kpi").read_text(encoding="utf-8"),
        encoding="utf-8")
    (d,) = [d for d in check_paths([tmp_path]).diagnostics if d.code == "D003"]
    assert (d.span.line, d.span.column) == (4, 31)
    assert "1 ต.ค. 2554" in d.hint_en and "30 ก.ย. 2555" in d.hint_en
    assert "1 ต.ค. 2554" in d.hint_th and "30 ก.ย. 2555" in d.hint_th


FIXTURES = PACKAGE.parent / "tests" / "fixtures" / "check"


def _told(tmp_path: Path, code: str, fixture: str) -> list:
    (tmp_path / fixture).write_text((FIXTURES / code / fixture).read_text(encoding="utf-8"), encoding="utf-8")
    return [d for d in check_paths([tmp_path]).diagnostics if d.code == code]


@pytest.mark.parametrize("fixture, key", [
    ("bad_decimals_12.kpi", "decimals"), ("bad_multiplier_zero.kpi", "multiplier"),
    ("bad_floor_above_5_thai.kpi", "คะแนนต่ำสุด"), ("bad_salary_rounding_unit_zero_thai.kpi", "การปัดเศษ"),
])
def test_a_value_out_of_range_has_one_hint_whatever_its_call_site(tmp_path, fixture, key):
    # K013 is told by six call sites in kpidsl/syntax/lower, each with its own {reason}; the
    # hint is the registry's one sentence, naming the key as the file spells it, in each language
    (d,) = _told(tmp_path, "K013", fixture)
    said = CODES["K013"].at(None, key=key, value=0, reason="")
    assert (d.hint_en, d.hint_th) == (said.hint_en, said.hint_th)
    assert f"`{key}`" in d.hint_en and f"`{key}`" in d.hint_th


def _examples(sentence: str) -> list[str]:
    return sentence.split("`")[1::2]


@pytest.mark.parametrize("fixture", ["bad_iso_month_13.kpi", "bad_31_feb.kpi", "bad_29_feb_not_leap_thai.kpi"])
def test_a_date_that_is_none_is_shown_both_ways_a_date_is_written_in_either_language(tmp_path, fixture):
    # an English file writes its dates year-month-day (CE), a Thai one day, Thai month and BE year
    # (kpidsl/syntax/dates.py): D001's hint shows both, in English as in Thai, and its examples
    # are one day (1 ต.ค. 2553 = 2010-10-01) that the reader takes
    from kpidsl.syntax.dates import read, resolve

    (d,) = _told(tmp_path, "D001", fixture)
    for sentence in (d.hint_en, d.hint_th):
        examples = _examples(sentence)
        assert len(examples) == 2, sentence
        assert {resolve(read(e), None) for e in examples} == {(dt.date(2010, 10, 1), dt.date(2010, 10, 1))}
    assert _examples(d.hint_en) == _examples(d.hint_th)


def test_a_christian_era_day_that_is_none_is_told_in_its_own_era(tmp_path):
    # 2011-02-30 (year-month-day, CE): month 2 of 2011 has 28 days, not "of 2554"
    (tmp_path / "c.kpi").write_text('calendar c "x" {\n    fiscal_year 2554\n    activity 1 "a" when 2011-02-30\n}\n',
                                    encoding="utf-8")
    (d,) = [d for d in check_paths([tmp_path]).diagnostics if d.code == "D001"]
    assert (d.span.line, d.span.column) == (3, 25)
    assert "month 2 of 2011 has 28 days" in d.message_en and "ปี 2011 มี 28 วัน" in d.message_th


ROUND_WITHOUT_PERIOD = FIXTURES / "R001" / "bad_round_without_period.kpi"


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_period_hint_shows_the_date_in_the_language_asked_and_both_forms_check_clean(tmp_path, lang):
    # R001's hint gave `period 1 ต.ค. 2552 – 31 มี.ค. 2553` alone in English too; like D001's, it gives
    # the CE form (the English reader's) and the Thai one, its own language's first, and each, written
    # on the round's line it is told at, is a period the checker takes
    (d,) = _told(tmp_path, "R001", ROUND_WITHOUT_PERIOD.name)
    import re

    said_hint = d.hint_en if lang == "en" else d.hint_th
    examples = re.findall(r"`((?:period|ระยะเวลา) \d[^`]*)`", said_hint)
    assert len(examples) == 2, said_hint
    assert ("2009-10-01 – 2010-03-31" in examples[0]) is (lang == "en")
    assert ("1 ต.ค. 2552 – 31 มี.ค. 2553" in examples[0]) is (lang == "th")
    for example in examples:
        # the hint's example is of fiscal year 2553 (seed 001's first round): the fixture's 2555 made so
        text = ROUND_WITHOUT_PERIOD.read_text(encoding="utf-8").replace("2555", "2553").replace(
            'round r6 "รอบ 6 เดือน" {', f'round r6 "รอบ 6 เดือน" {example.replace("ระยะเวลา", "period")} {{')
        (tmp_path / ROUND_WITHOUT_PERIOD.name).write_text(text, encoding="utf-8")
        codes = {d.code for d in check_paths([tmp_path]).diagnostics}
        assert not codes & {"R001", "D001", "D002", "D003", "S001"}, (example, codes)


def test_the_fiscal_year_hints_show_the_years_days_in_the_language_asked(tmp_path):
    # fiscal year 2555: 1 ต.ค. 2554 – 30 ก.ย. 2555 (2011-10-01 – 2012-09-30); a date is far from it
    # before 1 ต.ค. 2553 (2010-10-01) or after 30 ก.ย. 2556 (2013-09-30). English gave the Thai dates alone
    (bounds,) = _told(tmp_path, "D003", "bad_round_starts_before_year.kpi")
    assert "2011-10-01" in bounds.hint_en and "2012-09-30" in bounds.hint_en
    assert "1 ต.ค. 2554" in bounds.hint_th and "30 ก.ย. 2555" in bounds.hint_th and "2011" not in bounds.hint_th
    far = _told(tmp_path, "D002", "bad_a_day_past_a_year_either_side.kpi")
    assert far and all("2010-10-01" in d.hint_en and "2013-09-30" in d.hint_en for d in far)
    assert all("1 ต.ค. 2553" in d.hint_th and "30 ก.ย. 2556" in d.hint_th and "2010" not in d.hint_th for d in far)


def test_a_byte_order_mark_inside_a_file_is_told_as_two_files_joined(tmp_path):
    """`copy a.kpi+b.kpi all.kpi` (or `cat`) of two files Notepad saved leaves the second's
    byte-order mark at the start of its first line: invisible, so S001 at column 1 pointed at
    nothing the author could see. The hint names it and what to do."""
    path = tmp_path / "all.kpi"
    path.write_bytes(b"\xef\xbb\xbf# a\n" + b"\xef\xbb\xbf" + 'กรอบ f "x" {\n    ปีงบประมาณ 2555\n}\n'.encode())
    diags = check_paths([path]).diagnostics
    assert [(d.code, d.span.line, d.span.column) for d in diags] == [("S001", 2, 1)]
    assert diags[0].hint_en == hint("byte-order-mark-inside")["hint"] != ""
