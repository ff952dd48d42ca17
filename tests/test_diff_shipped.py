"""`kpidsl diff` on the shipped rule sets: rules/2554 → rules/2555 as reviewable
snapshots, a rule set against itself, determinism, and Markdown that a `|` in a
title cannot break."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diff import KINDS
from kpidsl.diff.render import md_cell, md_code

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["diff", *map(str, args), "--lang", lang])


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_2554_to_2555_snapshot(fmt, lang, monkeypatch, snapshot):
    monkeypatch.chdir(ROOT)
    result = run("rules/2554", "rules/2555", "--format", fmt, lang=lang)
    assert result.exit_code == 0, result.output
    assert str(ROOT) not in result.stdout
    assert result.stdout == snapshot


def test_thai_is_the_default_and_speaks_the_rule_files_words(monkeypatch):
    """Without --lang (and no KPIDSL_LANG) the review is in Thai: headings, the words of the
    rule files for what changed (รอบ, ระยะเวลา, ปีงบประมาณ), the year shift, the meaning of each kind.
    Kinds, ids, figures and locations are the same as in English."""
    from kpidsl.diff.model import KINDS_TH
    from kpidsl.syntax.keywords import spell

    monkeypatch.chdir(ROOT)
    doc = json.loads(run("rules/2554", "rules/2555", "--format", "json").stdout)
    n = len(doc["changes"])
    th = CliRunner().invoke(main, ["diff", "rules/2554", "rules/2555"], env={"KPIDSL_LANG": ""}).stdout
    en = run("rules/2554", "rules/2555").stdout
    assert th.splitlines()[0] == f"kpidsl diff rules/2554 → rules/2555: เปลี่ยน {n} รายการ"
    assert en.splitlines()[0] == f"kpidsl diff rules/2554 → rules/2555: {n} changes"
    for english in ("added and removed", "by kind", "(+1 year)", "fiscal_year", "round 1", "framework individual"):
        assert english in en and english not in th, english
    assert "เพิ่มและลบ" in th and "แยกตามชนิด" in th
    r1 = next(c for c in doc["changes"] if c["path"] == "framework:individual/round:1/period")
    assert r1["note"] == "+1 year"  # JSON keeps its words; the Thai report says ปี
    assert f"{spell('round', 'th')} 1 / {spell('period', 'th')}" in th and "(+1 ปี)" in th
    assert f"{spell('framework', 'th')} individual" in th and f"  framework-changed  {spell('fiscal_year', 'th')}" in th
    for kind in doc["summary"]["by_kind"]:
        assert KINDS_TH[kind] in th and kind in th
    for c in doc["changes"]:  # every location is in both reports
        for loc in (c["old_location"], c["new_location"]):
            assert loc is None or (loc in th and loc in en)
    md = run("rules/2554", "rules/2555", "--format", "md", lang="th").stdout
    assert f"**เปลี่ยน {n} รายการ**" in md and "| ชนิด | รายการ | เดิม | ใหม่ | บรรทัด |" in md
    assert "#### เพิ่มและลบ" in md and "| change |" not in md


def test_json_is_the_same_in_both_languages(monkeypatch):
    monkeypatch.chdir(ROOT)
    th = run("rules/2554", "rules/2555", "--format", "json", lang="th").stdout
    assert th == run("rules/2554", "rules/2555", "--format", "json").stdout
    for c in json.loads(th)["changes"]:
        assert c["description"] == KINDS[c["kind"]] and c["description_th"]


def test_2554_to_2555_facts(monkeypatch):
    """What the two years' rules say, independent of the snapshot: the individual framework is
    carried over with its fiscal year and both rounds moved by exactly one year (individual.kpi),
    the department framework of seed 003 is new, the provincial ones of seed 002 are gone."""
    monkeypatch.chdir(ROOT)
    doc = json.loads(run("rules/2554", "rules/2555", "--format", "json").stdout)
    changes = {(c["kind"], c["path"]): c for c in doc["changes"]}
    assert ("framework-added", "framework:department") in changes
    for fw in ("province", "rayong_agency", "work_group_2553"):
        assert ("framework-removed", f"framework:{fw}") in changes
    fy = changes[("framework-changed", "framework:individual/fiscal_year")]
    assert (fy["old"], fy["new"]) == ("2554", "2555")
    r1 = changes[("round-moved", "framework:individual/round:1/period")]
    assert (r1["old"], r1["new"], r1["note"]) == ("2010-10-01 – 2011-03-31", "2011-10-01 – 2012-03-31", "+1 year")
    assert r1["old_location"].startswith("rules/2554/individual.kpi:")
    assert r1["new_location"].startswith("rules/2555/individual.kpi:")
    # the band table is carried over unchanged: nothing about it is listed
    assert not any(c["path"].startswith("bands:") for c in doc["changes"])
    assert doc["summary"]["changes"] == len(doc["changes"])
    assert set(doc["summary"]["by_kind"]) <= set(KINDS)


def test_reverse_mirrors(monkeypatch):
    monkeypatch.chdir(ROOT)
    forward = json.loads(run("rules/2554", "rules/2555", "--format", "json").stdout)["summary"]["by_kind"]
    backward = json.loads(run("rules/2555", "rules/2554", "--format", "json").stdout)["summary"]["by_kind"]
    swap = {"added": "removed", "removed": "added"}
    mirrored = {re.sub(r"(added|removed)$", lambda m: swap[m.group(1)], k): v for k, v in forward.items()}
    assert mirrored == backward


@pytest.mark.parametrize("year", ["2554", "2555"])
def test_same_rule_set_has_no_changes(year, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    shutil.copytree(ROOT / "rules" / year, tmp_path / year)
    for fmt in ("text", "md", "json"):
        result = run(f"rules/{year}", tmp_path / year, "--format", fmt, "--exit-code")
        assert result.exit_code == 0, result.output
    doc = json.loads(run(f"rules/{year}", f"rules/{year}", "--format", "json").stdout)
    assert doc["changes"] == [] and doc["summary"] == {"changes": 0, "by_kind": {}}
    assert "no changes" in run(f"rules/{year}", f"rules/{year}").stdout


@pytest.mark.parametrize("old, new", [
    ("rules/2555/bands.kpi", "rules/2555/calendar.kpi"),
    ("rules/2555/department.kpi", "rules/2555/agreements/individual_example.kpi"),
    ("rules/2555", "rules/2555/individual.kpi"),
])
def test_two_paths_of_one_rule_set_are_refused(old, new, monkeypatch):
    """A file named alone stands for the rule set it belongs to, so two files of one rule set
    are one rule set twice: "no changes", exit 0, would tell a reviewer comparing them that they
    agree. It is a usage error (exit 2) naming the rule set, in either language."""
    monkeypatch.chdir(ROOT)
    for lang in ("en", "th"):
        result = run(old, new, lang=lang)
        assert result.exit_code == 2, result.output
        assert "rules/2555" in result.output and "Traceback" not in result.output
        assert result.stdout == ""


def test_deterministic(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    for fmt in ("text", "md", "json"):
        first = run("rules/2554", "rules/2555", "--format", fmt).stdout
        assert run("rules/2554", "rules/2555", "--format", fmt).stdout == first
    out = tmp_path / "review.md"
    result = run("rules/2554", "rules/2555", "--format", "md", "-o", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == run("rules/2554", "rules/2555", "--format", "md").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["review.md"]  # written atomically, nothing left beside


def test_json_shape(monkeypatch):
    monkeypatch.chdir(ROOT)
    doc = json.loads(run("rules/2554", "rules/2555", "--format", "json").stdout)
    assert doc["version"] == 1 and doc["old"] == "rules/2554" and doc["new"] == "rules/2555"
    for c in doc["changes"]:
        assert {"kind", "path", "old", "new", "old_location", "new_location"} <= set(c)
        assert c["kind"] in KINDS


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def _retitled(tmp_path: Path, title: str) -> tuple[Path, Path]:
    """The diff fixtures' base as old, and as new with the satisfaction indicator's title
    written ``title``."""
    base = ROOT / "tests" / "fixtures" / "diff" / "base"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(base, old)
    shutil.copytree(base, new)
    path = new / "framework.kpi"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ร้อยละของระดับความพึงพอใจของผู้รับบริการ", title), encoding="utf-8")
    return old, new


def test_markdown_cells_hold_pipes(tmp_path):
    old, new = _retitled(tmp_path, "ความพึงพอใจ | ผู้รับบริการ `หลัก` <b>*ทั้งหมด*</b>")
    result = run(old, new, "--format", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    first_group = next(k for k, line in enumerate(lines) if line.startswith("#### "))
    summary = [line for line in lines[:first_group] if line.startswith("| `")]
    rows = [line for line in lines[first_group:] if line.startswith("| `")]
    assert rows and summary
    for line in summary:  # kind, count, meaning
        assert _unescaped_pipes(line) == 4, line
    for line in rows:  # kind, what, old, new, where
        assert _unescaped_pipes(line) == 6, line
    assert "<b>" not in result.stdout and "&lt;b&gt;" in result.stdout


def test_markdown_shows_a_control_character_or_bidi_override_of_a_title_escaped(tmp_path):
    """A review comment to paste (a pull request, a ticket): an ESC or a bidi override pasted
    with a title (S014) was written as it is, so that the comment read otherwise than the file
    (U+202E turns the rest of the line around) or drove the terminal `cat` showed it on. The
    text review and the forms show it escaped (kpidsl/outputs/terminal.py); Markdown does too."""
    old, new = _retitled(tmp_path, "ความพึงพอใจ\x1b[2J\u202eของผู้รับบริการ")
    for fmt in ("md", "text"):
        result = run(old, new, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, fmt
        row = next(line for line in result.stdout.splitlines() if "ความพึงพอใจ" in line)
        assert "\\x1b" in row and "\\u202e" in row, row


def test_md_escapes():
    assert md_cell("a | b") == "a \\| b"
    assert md_cell("<=65 *x*") == "&lt;=65 \\*x\\*"
    assert md_cell(None) == ""
    assert md_code("a|b") == "`a\\|b`"
    assert md_code("x`y") == "``x`y``"
    assert md_cell("a\x1bb\u202e") == "a\\\\x1bb\\\\u202e"  # shown as \x1b, \u202e
    assert md_code("a\x07") == "`a\\x07`"


def test_a_framework_renamed_to_a_title_of_240_000_characters_is_cut_in_its_heading(monkeypatch, tmp_path):
    # The heading's cut dropped one character at a time and measured the rest: at this length
    # `kpidsl diff` ran for minutes (kpidsl/diagnostics/render.py cut_to_cells is linear).
    monkeypatch.chdir(ROOT)
    shutil.copytree(ROOT / "rules" / "2554", tmp_path / "2554")
    individual = tmp_path / "2554" / "individual.kpi"
    title = "การประเมินผลการปฏิบัติราชการของข้าราชการพลเรือนสามัญ ประจำปีงบประมาณ พ.ศ. 2554"
    text = individual.read_text(encoding="utf-8")
    assert f'"{title}"' in text
    individual.write_text(text.replace(f'"{title}"', '"' + "การประเมินผล" * 20_000 + '"', 1), encoding="utf-8")
    result = run("rules/2554", tmp_path / "2554", lang="th")
    assert result.exit_code == 0, result.output
    heading = next(line for line in result.stdout.splitlines() if line.startswith("กรอบ individual — "))
    # a heading's title takes 80 cells at most: การประเมินผล is 11 (the vowel ิ takes none), so
    # seven of it (77) and "กา" (79), then "…"
    assert heading == "กรอบ individual — " + "การประเมินผล" * 7 + "กา…"


def test_thai_review_writes_dates_as_the_rule_files_do(monkeypatch):
    """The rule files write `1 ต.ค. 2554` (Buddhist era); a Thai review showing `2011-10-01`
    made staff convert every moved date in their heads. The Thai text and Markdown write the
    date as the rule files do, the English review and JSON keep ISO dates."""
    monkeypatch.chdir(ROOT)
    iso = re.compile(r"\b\d{4}-\d\d-\d\d\b")
    moved = "1 ต.ค. 2553 – 31 มี.ค. 2554 → 1 ต.ค. 2554 – 31 มี.ค. 2555  (+1 ปี)"
    th = run("rules/2554", "rules/2555", lang="th").stdout
    assert moved in th
    md = run("rules/2554", "rules/2555", "--format", "md", lang="th").stdout
    assert "| 1 ต.ค. 2553 – 31 มี.ค. 2554 | 1 ต.ค. 2554 – 31 มี.ค. 2555 (+1 ปี) |" in md
    for out in (th, md):
        assert not iso.search(out), iso.search(out)
    en = run("rules/2554", "rules/2555").stdout
    assert "2010-10-01 – 2011-03-31 → 2011-10-01 – 2012-03-31  (+1 year)" in en
    doc = json.loads(run("rules/2554", "rules/2555", "--format", "json", lang="th").stdout)
    r1 = next(c for c in doc["changes"] if c["path"] == "framework:individual/round:1/period")
    assert r1["old"] == "2010-10-01 – 2011-03-31"
