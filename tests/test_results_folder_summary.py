"""The summary under a results folder's problems counts the files read, whichever command read
them: `score` said "checked 2 files" of a folder of two where `render --results` said "checked 1
file" (ตรวจ 1 ไฟล์) of the same folder, its mistakes found in either file.

The folder: a.csv holds ก's row, whose i1 is no number (Q003, at a.csv:2:23), and ข's, clean;
b.csv holds ค's, clean (tests/test_score_one_person.py's rows, rules/2555's unit agreement)."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from kpidsl.cli import commands, diff, forms, main

from unnamed_person import SOMCHAI_RAISE, unit_rules, unit_workbook

HEAD = "agreement,person,round,raise,i1:score,i2:score,c1,c2,c3,c4,c5\n"
SUMMARY = {"en": "checked 2 files: {n} error{s}, 0 warnings", "th": "ตรวจ 2 ไฟล์: พบข้อผิดพลาด {n} รายการ คำเตือน 0 รายการ"}


@pytest.fixture
def folder(tmp_path):
    rules = unit_rules(tmp_path)
    results = tmp_path / "results"
    results.mkdir()
    (results / "a.csv").write_text(HEAD + "somchai_2555_r1,ก,1,0,abc,1,1,1,1,1,1\n"
                                          "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n", encoding="utf-8")
    (results / "b.csv").write_text(HEAD + "somchai_2555_r1,ค,1,2,3,3,3,3,3,3,3\n", encoding="utf-8")
    return rules, results


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


def _summary(lang: str, n: int) -> str:
    return SUMMARY[lang].format(n=n, s="" if n == 1 else "s")


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("command", ["score", "render"])
def test_a_folders_mistake_is_summed_up_over_the_files_read(folder, tmp_path, lang, command):
    rules, results = folder
    args = ("--format", "csv") if command == "score" else ("--form", "individual", "--format", "md",
                                                           "-o", tmp_path / "forms")
    out = _run(command, rules, "--results", results, *args, "--lang", lang)
    assert out.exit_code == 1, out.output
    assert f"{results / 'a.csv'}:2:23: Q003 error: " in out.stderr
    assert out.stderr.splitlines()[-1] == _summary(lang, 1)
    assert not (tmp_path / "forms").exists()


@pytest.mark.parametrize("person, errors", [("ก", 1), ("ง", 2)])  # ก's own Q003; ง no one's (Q060, ก's counted: Q062)
def test_one_persons_forms_stopped_are_summed_up_over_the_files_read(folder, tmp_path, person, errors):
    rules, results = folder
    for out in (_run("score", rules, "--results", results, "--person", person, "--format", "csv", "--lang", "en"),
                _run("render", rules, "--results", results, "--person", person, "--form", "individual",
                     "--format", "md", "-o", tmp_path / "forms", "--lang", "en")):
        assert out.exit_code == 1, out.output
        assert out.stderr.splitlines()[-1].startswith(_summary("en", errors))
    assert not (tmp_path / "forms").exists()


def test_one_persons_forms_written_are_summed_up_over_the_files_read(folder, tmp_path):
    # ข's form written; ก's row counted (Q062) under the summary of both files, as score says it
    rules, results = folder
    for out in (_run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en"),
                _run("render", rules, "--results", results, "--person", "ข", "--form", "individual",
                     "--format", "md", "-o", tmp_path / "forms", "--lang", "en")):
        assert out.exit_code == 1, out.output
        assert f"{results}:1:1: Q062 error: 1 other row(s) of {results}" in out.stderr
        assert out.stderr.splitlines()[-1] == _summary("en", 1)


def test_a_folder_without_the_agreements_rows_is_summed_up_over_the_files_read(folder, tmp_path):
    # Q033: no row of either file is the agreement's; rules/2555's department agreement
    rules, results = folder
    (results / "a.csv").write_text(HEAD + "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n", encoding="utf-8")
    out = _run("render", rules, "--results", results, "--agreement", "dept_example_2555", "--format", "md",
               "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 1 and f"{results}:1:1: Q033 error: " in out.stderr, out.output
    assert out.stderr.splitlines()[-1] == _summary("en", 1)


@pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")
@pytest.mark.parametrize("command", ["score", "render", "diff --rescore"])
def test_an_entry_unreadable_once_checked_is_summed_up_over_the_files_read(folder, tmp_path, monkeypatch, command):
    # b.csv made a link out of the folder once the command checked it (as
    # tests/test_results_link_swapped.py swaps it): Q008 at b.csv, exit 2; `diff --rescore` said
    # "checked 1 file" of the folder's two
    rules, results = folder
    (results / "a.csv").write_text(HEAD + "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n", encoding="utf-8")
    secret = tmp_path / "secret.csv"
    secret.write_text(HEAD, encoding="utf-8")
    module = {"render": forms, "diff --rescore": diff}.get(command, commands)
    checked = module.require_results

    def then_swapped(*args, **kwargs):
        checked(*args, **kwargs)
        (results / "b.csv").unlink()
        (results / "b.csv").symlink_to(secret)

    monkeypatch.setattr(module, "require_results", then_swapped)
    out = tmp_path / "out"
    args = {"score": ["score", rules, "--format", "csv", "--results", results],
            "render": ["render", rules, "--form", "individual", "-o", out, "--results", results],
            "diff --rescore": ["diff", rules, rules, "-o", out, "--rescore", results]}[command]
    done = _run(*args, "--lang", "en")
    assert done.exit_code == 2, done.output
    assert f"{results / 'b.csv'}:1:1: Q008 error: " in done.stderr
    assert done.stderr.splitlines()[-1] == _summary("en", 1)
    assert not out.exists()


def test_a_file_of_other_peoples_rows_is_no_file_without_evaluations(folder):
    # score --person ข said of b.csv, ค's row, "this results file holds no evaluation" (Q052):
    # it holds one, not ข's; a file of nothing but its header is still told
    rules, results = folder
    (results / "a.csv").write_text(HEAD + "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n", encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.exit_code == 0 and out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]
    assert "Q052" not in out.stderr, out.stderr
    (results / "c.csv").write_text(HEAD, encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--lang", "en")
    assert out.exit_code == 0
    assert [line.split(": ")[:2] for line in out.stderr.splitlines() if "Q052" in line] == \
        [[f"{results / 'c.csv'}:1:1", "Q052 warning"]]
    assert out.stderr.splitlines()[-1] == "checked 3 files: 0 errors, 1 warning"


@pytest.mark.parametrize("command", ["score", "render"])
def test_a_folder_of_a_workbook_and_a_csv_is_summed_up_over_both(folder, tmp_path, command):
    # a.csv made a workbook (`kpidsl workbook --people 2`, filled): ก's i1 no number (Q003, at its cell)
    pytest.importorskip("openpyxl")
    rules, results = folder
    (results / "a.csv").unlink()
    book = results / "a.xlsx"
    unit_workbook(rules, book, [dict(SOMCHAI_RAISE, person="ก", **{"i1:score": "abc"}), dict(SOMCHAI_RAISE, person="ข")])
    args = ("--format", "csv") if command == "score" else ("--form", "individual", "--format", "md",
                                                           "-o", tmp_path / "forms")
    for lang in ("en", "th"):
        out = _run(command, rules, "--results", results, *args, "--lang", lang)
        assert out.exit_code == 1, out.output
        assert f"{book} › somchai_2555_r1!" in out.stderr and ": Q003 error: " in out.stderr
        assert out.stderr.splitlines()[-1] == _summary(lang, 1)
