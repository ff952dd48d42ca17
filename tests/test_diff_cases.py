"""Golden cases of `kpidsl diff`: one edit of a small rule set per case
(tests/fixtures/diff/cases.toml), and the exact changes it must give."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diff import KINDS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures" / "diff"
CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))["case"]


def _apply(folder: Path, edits: list[dict]) -> None:
    for edit in edits:
        path = folder / edit["file"]
        if "old" not in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as f:
                f.write(edit["new"])
            continue
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["old"]) == 1, f"{edit['file']}: the edit's old text must occur once: {edit['old']!r}"
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")


def build(tmp_path: Path, case: dict) -> tuple[Path, Path]:
    base = ROOT / case["base"] if "base" in case else FIXTURES / "base"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(base, old)
    shutil.copytree(base, new)
    _apply(old if case.get("reverse") else new, case["edits"])
    return old, new


def run_diff(old: Path, new: Path, *more: str):
    return CliRunner().invoke(main, ["diff", str(old), str(new), "--lang", "en", *more])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, tmp_path):
    old, new = build(tmp_path, case)
    result = run_diff(old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    got = [[c["kind"], c["path"], c["old"] or "", c["new"] or ""] for c in doc["changes"]]
    assert got == case["expect"]
    def shown(c: dict) -> list[str]:
        return [(loc or "").replace(f"{side}/", "", 1) for loc, side in
                ((c["old_location"], old), (c["new_location"], new))]

    if "where" in case:
        assert shown(doc["changes"][0]) == case["where"]
    if "lines" in case:
        assert [shown(c) for c in doc["changes"]] == case["lines"]
    for c in doc["changes"]:  # every location is a real line of the rule file it names
        for loc in (c["old_location"], c["new_location"]):
            if loc:
                file, line = loc.rsplit(":", 1)
                assert 1 <= int(line) <= len(Path(file).read_text(encoding="utf-8").splitlines())


def test_every_kind_has_a_case():
    """Each declared kind is met by a golden case here or by the rules/2554 → rules/2555
    snapshot (test_diff_shipped.py); node kinds other than indicators and dimensions run
    the same code as theirs, and are listed here when no case has them yet."""
    seen = {kind for case in CASES for kind, *_ in case["expect"]}
    same_code_as_indicators = {f"{n}-{what}" for n in ("perspective", "component", "competency")
                               for what in ("added", "removed", "renumbered", "moved")} \
        | {"dimension-renumbered", "dimension-moved", "perspective-renamed"}
    in_shipped = {"salary-changed"}
    missing = set(KINDS) - seen - same_code_as_indicators - in_shipped
    assert not missing, f"no golden case for {sorted(missing)}"


def test_exit_code_flag(tmp_path):
    case = next(c for c in CASES if c["name"] == "weights changed")
    old, new = build(tmp_path, case)
    assert run_diff(old, new, "--exit-code").exit_code == 1
    assert run_diff(old, old, "--exit-code").exit_code == 0
    assert run_diff(old, new).exit_code == 0


def test_long_texts_that_differ_late_are_shown_from_near_the_difference():
    from kpidsl.diff.render import _cut_pair

    old = "จัดทำบัญชีต้นทุนต่อหน่วยผลผลิต " * 5 + "ประจำปีงบประมาณ พ.ศ. 2554 ตามหลักเกณฑ์"
    new = old.replace("2554", "2555")
    a, b = _cut_pair(old, new, 60)
    assert a.startswith("…") and b.startswith("…")
    assert "2554" in a and "2555" in b
    assert _cut_pair("ร้อยละ 80", "ร้อยละ 85", 60) == ("ร้อยละ 80", "ร้อยละ 85")


def test_every_kind_is_described_in_thai():
    from kpidsl.diff.model import KINDS_TH

    assert set(KINDS_TH) == set(KINDS)
    assert all(any("\u0e01" <= ch <= "\u0e5b" for ch in text) for text in KINDS_TH.values())


def test_every_path_word_of_the_cases_has_a_thai_word():
    """Each part of a changed thing's path (kinds of node, fields) reads in Thai; only ids stay."""
    from kpidsl.diff.words import word

    parts = {p.partition(":")[0] for case in CASES for _, path, *_ in case["expect"] for p in path.split("/")}
    untranslated = sorted(p for p in parts if word(p, "th") == p)
    assert not untranslated


def test_thai_report_of_a_moved_step_names_its_own_line(tmp_path):
    """The Thai text report shows the step as ขั้น with the line of the step itself."""
    from kpidsl.syntax.keywords import spell

    case = next(c for c in CASES if c["name"] == "milestone text changed and step moved")
    old, new = build(tmp_path, case)
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--lang", "th"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = next(k for k, line in enumerate(lines) if line.lstrip().startswith("milestone-moved"))
    assert f"{spell('kpi', 'th')} 4 / ขั้น 4" in lines[at]
    assert lines[at + 1].split() == ["31", "ต.ค.", "2555", "→", "30", "ก.ย.", "2555"]  # as the rule files write dates
    old_line, new_line = case["lines"][1]
    assert lines[at + 2].split() == [f"{old}/{old_line}", "→", f"{new}/{new_line}"]


@pytest.mark.parametrize("shown, th", [
    ("2012-03-01", "1 มี.ค. 2555"),
    ("2011-10-01 – 2012-03-31", "1 ต.ค. 2554 – 31 มี.ค. 2555"),
    ("3% on 2012-09-01", "3% ณ 1 ก.ย. 2555"),
    ("2012-04-13 – 2012-04-15; 2012-12-05", "13 เม.ย. 2555 – 15 เม.ย. 2555; 5 ธ.ค. 2555"),
    # a rule file's own text is shown as written, whatever it holds
    ("ส่งภายใน 2012-02-29 ตามหนังสือ", "ส่งภายใน 2012-02-29 ตามหนังสือ"),
    ("2012-03-01 onwards", "2012-03-01 onwards"),
])
def test_thai_review_writes_the_differs_dates_in_buddhist_era(shown, th):
    from kpidsl.diff.words import value

    assert value(shown, "th") == th
    assert value(shown, "en") == shown
