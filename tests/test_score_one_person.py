"""`--person` picks one person's rows, by the person column a workbook carries: `kpidsl score
--explain --person ID` explains that person alone, and `kpidsl render --results … --person ID`
fills that person's forms alone. An id no row carries is an error at the results file (Q060,
exit 1); an id two rows of the same agreement and round carry is an error at the second row,
naming the first (Q061, exit 1): which of them to explain or sign is not kpidsl's to guess.

The rows: rules/2555's unit agreement (individual_example.kpi naming no one). ข's row is that
of individual_example.kpi's somchai_raise: (3.5 × 50% + 4 × 50%) × 20 = 75, competencies
4 3 4 3 4 → 72, 75 × 70% + 72 × 30% = 74.1, ดี (seed 001's forms, rules/2555/bands.kpi); ค's, 3s
throughout, 60, พอใช้, its raise of 2% within the band's 1.5–2%: the rows are clean.

Other people's rows with errors do not stop one person's scores, nor their forms: they are
counted in one line at the results (Q062), and the run exits 1, as without --person (the input,
the file, has errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

from unnamed_person import SOMCHAI_RAISE, unit_rules, unit_workbook

ROOT = Path(__file__).resolve().parent.parent
HEAD = "agreement,person,round,raise,i1:score,i2:score,c1,c2,c3,c4,c5\n"
ROWS = ("somchai_2555_r1,ก,1,0,1,1,1,1,1,1,1\n"
        "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n"
        "somchai_2555_r1,ค,1,2,3,3,3,3,3,3,3\n")


@pytest.fixture
def unit(tmp_path):
    rules = unit_rules(tmp_path)
    results = tmp_path / "unit.csv"
    results.write_text(HEAD + ROWS, encoding="utf-8")
    return rules, results


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_score_explains_one_person(unit, fmt):
    rules, results = unit
    args = ("--explain",) if fmt != "csv" else ()
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", fmt, *args, "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "74.1000" in out.stdout
    assert all(other not in out.stdout for other in (",ก,", ",ค,", "person: ก", "person: ค", '"ก"', '"ค"'))
    assert "60.0000" not in out.stdout  # ค's: 3s throughout, 60 × 70% + 60 × 30%
    if fmt == "csv":
        assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]


def test_the_sql_engine_picks_the_same_person(unit):
    rules, results = unit
    python = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv")
    sql = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--engine", "sql")
    assert python.exit_code == sql.exit_code == 0, sql.output
    assert python.stdout_bytes == sql.stdout_bytes


@pytest.mark.parametrize("lang", ["en", "th"])
def test_an_unknown_person_is_an_error_at_the_results(unit, lang):
    rules, results = unit
    out = _run("score", rules, "--results", results, "--person", "ง", "--explain", "--lang", lang)
    assert out.exit_code == 1, out.output
    assert f"{results}:1:1: Q060 error: " in out.output and "`ง`" in out.output
    assert "`ก`" in out.output  # the hint names people the file does hold
    assert "Traceback" not in out.output and out.stdout == ""


def test_a_person_twice_in_a_round_is_an_error_at_the_second_row(unit):
    # written alike but for a doubled space (the reader's own Q006 takes rows written alike):
    # the same person to whoever reads the form
    rules, results = unit
    results.write_text(HEAD + ROWS.replace(",ข,", ",ข ข,") + "somchai_2555_r1,ข  ข,1,3,3,3,3,3,3,3,3\n",
                       encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข ข", "--explain", "--lang", "en")
    assert out.exit_code == 1, out.output
    assert f"{results}:5:17: Q061 error: " in out.output and f"{results}:3" in out.output
    assert out.stdout == ""
    out = _run("render", rules, "--results", results, "--person", "ข ข", "--form", "individual", "--format", "md",
               "-o", results.parent / "forms", "--lang", "en")
    assert out.exit_code == 1 and f"{results}:5:17: Q061 error: " in out.output, out.output
    assert not (results.parent / "forms").exists()


def test_render_fills_one_persons_forms(unit, tmp_path):
    rules, results = unit
    out = _run("render", rules, "--results", results, "--person", "ข", "--form", "individual", "--format", "md",
               "-o", tmp_path / "forms")
    assert out.exit_code == 0, out.output
    names = sorted(p.name for p in (tmp_path / "forms" / "somchai_2555_r1").iterdir())
    assert names == ["individual-ข.md"]
    assert "74.1" in (tmp_path / "forms" / "somchai_2555_r1" / "individual-ข.md").read_text(encoding="utf-8")


def test_render_of_an_unknown_person_writes_nothing(unit, tmp_path):
    rules, results = unit
    out = _run("render", rules, "--results", results, "--person", "ง", "--form", "individual", "--format", "md",
               "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 1 and "Q060" in out.output, out.output
    assert not (tmp_path / "forms").exists()


def test_person_without_results_is_a_usage_error(unit, tmp_path):
    rules, _ = unit
    out = _run("render", rules, "--person", "ข", "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 2, out.output


# ก's row: a score that is no number (Q003, the reader's); ค's: i2 left blank (Q007, the scorer's)
BROKEN = ROWS.replace("ก,1,0,1,", "ก,1,0,abc,").replace("ค,1,2,3,3,", "ค,1,2,3,,")


@pytest.mark.parametrize("lang, says", [
    ("en", "Q062 error: 2 other row(s) of {results} have errors (2 in all), not shown with --person `ข`"),
    ("th", "Q062 error: แถวอื่นใน {results} อีก 2 แถวมีข้อผิดพลาด (รวม 2 รายการ) ซึ่งไม่แสดงเมื่อระบุ --person `ข`")])
def test_other_peoples_errors_do_not_stop_one_persons_scores(unit, lang, says):
    # an HR officer rescoring ข got nothing because ก's and ค's rows were broken
    rules, results = unit
    results.write_text(HEAD + BROKEN, encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", lang)
    assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]
    # the results hold errors: exit 1, said in one line at the file, not each of them
    assert out.exit_code == 1
    assert f"{results}:1:1: " + says.format(results=results) in out.stderr
    assert "Q003" not in out.stderr and "Q007" not in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.splitlines()[-1] in ("checked 1 file: 2 errors, 0 warnings (1 shown of 2)",
                                           "ตรวจ 1 ไฟล์: พบข้อผิดพลาด 2 รายการ คำเตือน 0 รายการ (แสดง 1 จาก 2 รายการ)")


def test_one_persons_scores_written_to_a_file_whole_though_others_rows_have_errors(unit, tmp_path):
    rules, results = unit
    results.write_text(HEAD + BROKEN, encoding="utf-8")
    scored = tmp_path / "ข.csv"
    out = _run("score", rules, "--results", results, "--person", "ข", "-o", scored, "--no-bom", "--lang", "en")
    assert out.exit_code == 1 and "Q062" in out.stderr, out.output
    assert scored.read_text(encoding="utf-8").splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]


def test_clean_results_exit_0_with_one_person(unit):
    rules, results = unit
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.exit_code == 0 and "Q062" not in out.stderr, out.output


def test_the_persons_own_error_is_told_and_others_counted(unit):
    rules, results = unit
    results.write_text(HEAD + BROKEN, encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ก", "--format", "csv", "--lang", "en")
    assert out.exit_code == 1 and out.stdout == ""
    assert f"{results}:2:23: Q003 error: " in out.stderr
    assert "Q062 error: 1 other row(s)" in out.stderr and "Q007" not in out.stderr
    assert out.stderr.splitlines()[-1] == "checked 1 file: 2 errors, 0 warnings"


def test_a_wrong_column_met_first_in_anothers_row_is_the_files(unit):
    # told at its header, once: the person's row lacks the column too, so nothing of theirs is scored
    rules, results = unit
    results.write_text(HEAD.replace(",c5\n", ",c5,i9:score\n") + ROWS.replace("ก,1,0,1,1,1,1,1,1,1\n",
                                                                              "ก,1,0,1,1,1,1,1,1,1,4\n"),
                       encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.exit_code == 1 and out.stdout == ""
    assert f"{results}:1:63: Q002 error: " in out.stderr and "Q062" not in out.stderr


def test_a_results_file_that_cannot_be_read_still_stops(unit):
    rules, results = unit
    results.write_bytes((HEAD + ROWS).encode("utf-16"))
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.exit_code == 1 and out.stdout == "" and "Q062" not in out.stderr and "Traceback" not in out.stderr


def test_other_peoples_errors_in_a_workbook_do_not_stop_one_persons_scores(unit, tmp_path):
    # the rows of `kpidsl workbook --people 4`, filled: ก's score not a number (Q003), ข's as
    # individual_example.kpi's somchai_raise, ค's row typed twice (Q006, found at the end)
    pytest.importorskip("openpyxl")
    rules, _ = unit
    book = tmp_path / "unit.xlsx"
    good = SOMCHAI_RAISE
    unit_workbook(rules, book, [dict(good, person="ก", **{"i1:score": "abc"}), dict(good, person="ข"),
                                dict(good, person="ค"), dict(good, person="ค")])
    out = _run("score", rules, "--results", book, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]
    assert out.exit_code == 1
    assert f"{book}:1:1: Q062 error: 2 other row(s) of {book} have errors (2 in all)" in out.stderr
    assert "Q003" not in out.stderr and "Q006" not in out.stderr
    out = _run("score", rules, "--results", book, "--format", "csv", "--lang", "en")  # each told without --person
    assert out.exit_code == 1 and "Q003" in out.stderr and "Q006" in out.stderr and out.stdout == ""
    # render counts them alike (ค's second row found only once the book is read): ข's form written
    out = _run("render", rules, "--results", book, "--person", "ข", "--form", "individual", "--format", "md",
               "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 1
    assert f"{book}:1:1: Q062 error: 2 other row(s) of {book} have errors (2 in all)" in out.stderr
    assert "Q003" not in out.stderr and "Q006" not in out.stderr
    assert "74.1" in (tmp_path / "forms" / "somchai_2555_r1" / "individual-ข.md").read_text(encoding="utf-8")


def test_anothers_row_given_twice_in_a_csv_is_counted_not_told(unit):
    rules, results = unit
    results.write_text(HEAD + ROWS + "somchai_2555_r1,ค,1,2,3,3,3,3,3,3,3\n", encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]
    assert out.exit_code == 1 and "Q062 error: 1 other row(s)" in out.stderr and "Q006" not in out.stderr


def test_a_person_no_row_carries_among_broken_rows_is_told_with_them_counted(unit):
    rules, results = unit
    results.write_text(HEAD + BROKEN, encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ง", "--format", "csv", "--lang", "en")
    assert out.exit_code == 1 and out.stdout == ""
    assert f"{results}:1:1: Q060 error: " in out.stderr and "Q062 error: 2 other row(s)" in out.stderr
    assert out.stderr.splitlines()[-1] == "checked 1 file: 3 errors, 0 warnings (2 shown of 3)"


# `render --results … --person` as `score --person`: the person's forms are written, the other
# rows' errors counted in the one Q062 line, and counted as score counts them (Q062's hint sends
# the officer to `score` to see each): the reader's (ก's `abc`, Q003) and scoring's (a blank cell,
# ค's i2, Q007), though render itself fills a form with a blank cell left blank to fill in by hand
# (tests/test_render_results_of_agreement.py).
RENDER_BROKEN = BROKEN.replace("ค,1,2,3,,3,3,3,3,3", "ค,1,2,3,,3,3,3,3,x")  # and ค's c5 no number (Q003)


def _render_person(rules, results, person, out, lang="en", *extra):
    return _run("render", rules, "--results", results, "--person", person, "--form", "individual", "--format", "md",
                "-o", out, "--lang", lang, *extra)


@pytest.mark.parametrize("lang, says", [
    ("en", "Q062 error: 2 other row(s) of {results} have errors (2 in all), not shown with --person `ข`"),
    ("th", "Q062 error: แถวอื่นใน {results} อีก 2 แถวมีข้อผิดพลาด (รวม 2 รายการ) ซึ่งไม่แสดงเมื่อระบุ --person `ข`")])
def test_other_peoples_errors_do_not_stop_one_persons_forms(unit, tmp_path, lang, says):
    # an HR officer printing ข's forms got nothing because ก's and ค's rows were broken
    rules, results = unit
    results.write_text(HEAD + RENDER_BROKEN, encoding="utf-8")
    out = _render_person(rules, results, "ข", tmp_path / "forms", lang)
    form = tmp_path / "forms" / "somchai_2555_r1" / "individual-ข.md"
    assert sorted(p.name for p in form.parent.iterdir()) == ["individual-ข.md"], out.output
    assert "74.1" in form.read_text(encoding="utf-8")  # (3.5 × 50% + 4 × 50%) × 20 × 70% + 72 × 30%
    assert out.exit_code == 1  # the results hold errors, as score says
    assert f"{results}:1:1: " + says.format(results=results) in out.stderr
    assert "Q003" not in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.splitlines()[-1] in ("checked 1 file: 2 errors, 0 warnings (1 shown of 2)",
                                           "ตรวจ 1 ไฟล์: พบข้อผิดพลาด 2 รายการ คำเตือน 0 รายการ (แสดง 1 จาก 2 รายการ)")
    assert out.stdout.splitlines() == [str(form)]


def test_one_persons_form_to_standard_output_though_others_rows_have_errors(unit):
    rules, results = unit
    results.write_text(HEAD + RENDER_BROKEN, encoding="utf-8")
    out = _render_person(rules, results, "ข", "-")
    assert out.exit_code == 1 and "74.1" in out.stdout, out.output
    assert f"{results}:1:1: Q062 error: 2 other row(s)" in out.stderr and "Q003" not in out.stderr


def test_the_persons_own_error_stops_their_forms_and_others_are_counted(unit, tmp_path):
    rules, results = unit
    results.write_text(HEAD + RENDER_BROKEN, encoding="utf-8")
    out = _render_person(rules, results, "ก", tmp_path / "forms")
    assert out.exit_code == 1 and out.stdout == ""
    assert f"{results}:2:23: Q003 error: " in out.stderr
    assert f"{results}:1:1: Q062 error: 1 other row(s) of {results} have errors (1 in all)" in out.stderr
    assert f"{results}:4:" not in out.stderr  # ค's c5, counted only
    assert out.stderr.splitlines()[-1] == "checked 1 file: 2 errors, 0 warnings"
    assert not (tmp_path / "forms").exists()


def test_render_of_a_person_no_row_carries_among_broken_rows(unit, tmp_path):
    rules, results = unit
    results.write_text(HEAD + RENDER_BROKEN, encoding="utf-8")
    out = _render_person(rules, results, "ง", tmp_path / "forms")
    assert out.exit_code == 1 and out.stdout == ""
    assert f"{results}:1:1: Q060 error: " in out.stderr and "Q062 error: 2 other row(s)" in out.stderr
    assert out.stderr.splitlines()[-1] == "checked 1 file: 3 errors, 0 warnings (2 shown of 3)"
    assert not (tmp_path / "forms").exists()


def test_render_of_one_person_from_a_file_that_cannot_be_read_still_stops(unit, tmp_path):
    rules, results = unit
    results.write_bytes((HEAD + RENDER_BROKEN).encode("utf-16"))
    out = _render_person(rules, results, "ข", tmp_path / "forms")
    assert out.exit_code == 1 and "Q062" not in out.stderr and "Traceback" not in out.stderr, out.output
    assert not (tmp_path / "forms").exists()


def test_render_of_one_persons_clean_rows_exits_0_without_q062(unit, tmp_path):
    rules, results = unit
    out = _render_person(rules, results, "ข", tmp_path / "forms")
    assert out.exit_code == 0 and "Q062" not in out.stderr, out.output


def test_render_counts_a_blank_cell_of_anothers_row_as_score_does(unit, tmp_path):
    # ค's blank i2 (Q007 of score's) was no error of render's: exit 0, where score --person said 1
    rules, results = unit
    results.write_text(HEAD + BROKEN.replace("ก,1,0,abc,", "ก,1,0,1,"), encoding="utf-8")
    for out in (_render_person(rules, results, "ข", tmp_path / "forms"),
                _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")):
        assert out.exit_code == 1, out.output
        assert f"{results}:1:1: Q062 error: 1 other row(s) of {results} have errors (1 in all)" in out.stderr


def test_render_of_one_person_of_one_agreement_among_others_rows(tmp_path):
    # rules/2554: จรรยา's agreement; สมศักดิ์'s row is another agreement's, passed over in silence
    # with --agreement (tests/test_render_results_of_agreement.py), so not counted; ประภา's row of
    # จรรยา's agreement has a score of 7 (Q004, past the ladder's 5): counted
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    results = tmp_path / "r.csv"
    results.write_text("agreement,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1,c2,c3,c4,c5,s1,s2\n"
                       "janya_2554_r1,จรรยา,3.5,3,4.5,3,4.5,4,3,4,3,3,,\n"
                       "somsak_2554_r1,สมศักดิ์,,,,,,3,3,3,3,3,90,สามสิบ\n", encoding="utf-8")
    args = ("--agreement", "janya_2554_r1")
    out = _render_person(root / "rules/2554", results, "จรรยา", tmp_path / "forms", "en", *args)
    assert out.exit_code == 0 and "Q062" not in out.stderr, out.output
    with results.open("a", encoding="utf-8") as f:
        f.write("janya_2554_r1,ประภา,7,3,4.5,3,4.5,4,3,4,3,3,,\n")
    out = _render_person(root / "rules/2554", results, "จรรยา", tmp_path / "forms2", "en", *args)
    assert out.exit_code == 1, out.output
    assert f"{results}:1:1: Q062 error: 1 other row(s) of {results} have errors (1 in all)" in out.stderr
    assert (tmp_path / "forms2" / "janya_2554_r1").is_dir()


# Rows the reader takes and scoring refuses: ค's i2 left blank (Q007), ง's raise of 9% (Q023, outside
# พอใช้'s 1.5–2%; Q024, past the 6% cap, rules/2555/individual.kpi); ก's `abc` is the reader's (Q003).
SCORING_BROKEN = BROKEN + "somchai_2555_r1,ง,1,9,3,3,3,3,3,3,3\n"


def test_render_counts_other_rows_errors_as_score_does(unit, tmp_path):
    # render counted ก's Q003 alone (1 row, 1 error) where score counted 3 rows, 4 errors
    rules, results = unit
    results.write_text(HEAD + SCORING_BROKEN, encoding="utf-8")
    says = f"{results}:1:1: Q062 error: 3 other row(s) of {results} have errors (4 in all), not shown with --person `ข`"
    scored = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    rendered = _render_person(rules, results, "ข", tmp_path / "forms")
    for out in (scored, rendered):
        assert out.exit_code == 1, out.output
        assert says in out.stderr
        assert out.stderr.splitlines()[-1] == "checked 1 file: 4 errors, 0 warnings (1 shown of 4)"
    assert "74.1" in (tmp_path / "forms" / "somchai_2555_r1" / "individual-ข.md").read_text(encoding="utf-8")
    # the hint's `score` without --person tells the same 4, each at its cell
    every = _run("score", rules, "--results", results, "--format", "csv", "--lang", "en")
    told = [line.split(": ")[0:2] for line in every.stderr.splitlines() if " error: " in line]
    assert told == [[f"{results}:2:23", "Q003 error"], [f"{results}:4:25", "Q007 error"],
                    [f"{results}:5:21", "Q023 error"], [f"{results}:5:21", "Q024 error"]]


def test_render_of_a_person_no_row_carries_counts_scoring_errors_too(unit, tmp_path):
    rules, results = unit
    results.write_text(HEAD + SCORING_BROKEN, encoding="utf-8")
    for out in (_run("score", rules, "--results", results, "--person", "จ", "--format", "csv", "--lang", "en"),
                _render_person(rules, results, "จ", tmp_path / "forms")):
        assert out.exit_code == 1 and out.stdout == "", out.output
        assert f"{results}:1:1: Q060 error: " in out.stderr
        assert f"Q062 error: 3 other row(s) of {results} have errors (4 in all)" in out.stderr
        assert out.stderr.splitlines()[-1] == "checked 1 file: 5 errors, 0 warnings (2 shown of 5)"
    assert not (tmp_path / "forms").exists()


@pytest.mark.parametrize("command", ["score", "render"])
@pytest.mark.parametrize("lang, such_as", [("en", "(such as `ก`, `ข`, `ค`)"), ("th", "(เช่น `ก`, `ข`, `ค`)")])
def test_q060_names_the_people_of_rows_with_errors_too(unit, tmp_path, command, lang, such_as):
    # ก's and ค's rows have a cell that is no number (Q003): the hint named ข alone, the one clean
    # row, though the officer finds ก and ค in the person column as well; ข's cell is " ข  ",
    # named as --person matches it
    rules, results = unit
    results.write_text(HEAD + RENDER_BROKEN.replace(",ข,", ", ข  ,"), encoding="utf-8")
    out = (_run("score", rules, "--results", results, "--person", "ง", "--lang", lang) if command == "score"
           else _render_person(rules, results, "ง", tmp_path / "forms", lang))
    assert out.exit_code == 1, out.output
    (q060,) = [i for i, line in enumerate(out.stderr.splitlines()) if " Q060 error: " in line]
    assert out.stderr.splitlines()[q060].startswith(f"{results}:1:1: Q060 error: ")
    assert out.stderr.splitlines()[q060 + 3].endswith(such_as)


# The person's own row that scoring refuses: no form is written, as for a mistake the reader
# finds in it (a form staff sign must not show ง's raise of 9%, outside พอใช้'s 1.5–2% and past
# the 6% cap, nor the 1,840 baht it came to, nor ค's total left blank for a score with no i2).
# Told at the cells as `score --person` tells them, the other rows' counted beside them (Q062).
@pytest.mark.parametrize("person, told, summary", [
    ("ง", [("5:21", "Q023"), ("5:21", "Q024")], "3 errors, 0 warnings"),  # ค's one Q007 counted in Q062
    ("ค", [("4:25", "Q007")], "3 errors, 0 warnings (2 shown of 3)")])  # ง's Q023 and Q024 counted
def test_the_persons_own_scoring_errors_stop_their_forms(unit, tmp_path, person, told, summary):
    rules, results = unit
    results.write_text(HEAD + ROWS.replace("ค,1,2,3,3,", "ค,1,2,3,,") + "somchai_2555_r1,ง,1,9,3,3,3,3,3,3,3\n",
                       encoding="utf-8")
    rendered = _render_person(rules, results, person, tmp_path / "forms")
    scored = _run("score", rules, "--results", results, "--person", person, "--format", "csv", "--lang", "en")
    assert rendered.exit_code == 1 and rendered.stdout == "", rendered.output
    errors = [line.split(": ")[0:2] for line in rendered.stderr.splitlines() if " error: " in line]
    assert errors == [[f"{results}:{at}", f"{code} error"] for at, code in told] + [[f"{results}:1:1", "Q062 error"]]
    assert rendered.stderr.splitlines()[-1] == f"checked 1 file: {summary}"
    assert rendered.stderr == scored.stderr
    assert not (tmp_path / "forms").exists()


@pytest.mark.parametrize("output, extra", [("-", ()), ("one.md", ()), ("forms", ("--agreement", "somchai_2555_r1"))])
def test_the_persons_own_scoring_error_stops_their_form_wherever_it_goes(unit, tmp_path, output, extra):
    # standard output, one file named, and --agreement (read first by require_rows_for)
    rules, results = unit
    results.write_text(HEAD + ROWS + "somchai_2555_r1,ง,1,9,3,3,3,3,3,3,3\n", encoding="utf-8")
    out = _render_person(rules, results, "ง", "-" if output == "-" else tmp_path / output, "en", *extra)
    assert out.exit_code == 1 and out.stdout == "", out.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2555", "unit.csv"]
    assert f"{results}:5:21: Q023 error: raise 9% is outside the range of band fair (1.5–2%)" in out.stderr
    assert "Q062" not in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.splitlines()[-1] == "checked 1 file: 2 errors, 0 warnings"


@pytest.mark.parametrize("bad, told", [
    ("somchai_2555_r1,ง,1,9,3,3,3,3,3,3,3\n", [("5:21", "Q023"), ("5:21", "Q024")]),  # a raise past its band and cap
    ("somchai_2555_r1,ง,1,2,3,,3,3,3,3,3\n", [("5:25", "Q007")])])  # a figure left blank
def test_every_rows_scoring_errors_stop_render_as_they_stop_score(unit, tmp_path, bad, told):
    # Without --person, render wrote ง's forms with a 9% raise the band does not allow (and its
    # score report), and exited 0, where `score` of the same file exits 1 and writes nothing.
    rules, results = unit
    results.write_text(HEAD + ROWS + bad, encoding="utf-8")
    rendered = _run("render", rules, "--results", results, "--format", "md", "-o", tmp_path / "forms", "--lang", "en")
    scored = _run("score", rules, "--results", results, "--format", "csv", "-o", tmp_path / "scored.csv",
                  "--lang", "en")
    assert scored.exit_code == 1 and rendered.exit_code == 1, rendered.output
    errors = [line.split(": ")[0:2] for line in rendered.stderr.splitlines() if " error: " in line]
    assert errors == [[f"{results}:{at}", f"{code} error"] for at, code in told]
    assert rendered.stderr == scored.stderr  # told as `score` tells them, word for word
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2555", "unit.csv"]  # no form, nothing half written


def test_a_pool_the_raises_run_over_stops_render_as_it_stops_score(tmp_path):
    # Two raises of 3% on 28,000 (920 baht each) against the group's pool of 3% × 56,000 = 1,680:
    # `score` said Q042 at the second row and wrote nothing; `render` wrote both people's forms
    # with their raises, and exited 0.
    head = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
            "c1:score,c2:score,c3:score,c4:score,c5:score\n")
    rows = "".join(f'janya_2554_r1,1,{p},3%,"28,000",academic_general,3.5,3,4.5,3,4.5,4,3,4,3,3\n'
                   for p in ("จรรยา เรียบร้อย", "สมชาย ใจดี"))
    results = tmp_path / "pool.csv"
    results.write_text(head + rows, encoding="utf-8")
    rules = ROOT / "rules" / "2554"
    rendered = _run("render", rules, "--results", results, "--format", "md", "-o", tmp_path / "forms", "--lang", "en")
    scored = _run("score", rules, "--results", results, "-o", tmp_path / "scored.txt", "--lang", "en")
    assert scored.exit_code == 1 and rendered.exit_code == 1, rendered.output
    assert f"{results}:3:1: Q042 error" in rendered.stderr and "1,840" in rendered.stderr
    assert rendered.stderr == scored.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pool.csv"]
    # one person's forms are not stopped by the group's pool (`score --person` leaves it too)
    one = _run("render", rules, "--results", results, "--person", "สมชาย ใจดี", "--format", "md",
               "-o", tmp_path / "forms", "--lang", "en")
    assert one.exit_code == 0, one.output
