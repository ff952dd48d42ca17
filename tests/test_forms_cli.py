"""`kpidsl render` and `kpidsl build` end to end: what they write, exit codes,
usage errors with "did you mean", determinism, and nothing written when the
rules have errors or a form fails to render."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from kpidsl import forms as forms_pkg
from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
BROKEN = 'framework f "x" {\n  fiscal_year 2555\n  dimension a "ก" weight 60\n  dimension b "ข" weight 30\n}\n'


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def build2555(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = run("build", "rules/2555", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_plan_forms_and_index(build2555):
    files = tree(build2555)
    compiled = CliRunner().invoke(main, ["compile", str(ROOT / "rules" / "2555")])
    assert files["plan.json"].decode() == compiled.stdout
    for name in ("framework-department/overview", "dept_example_2555/agreement",
                 "dept_example_2555/indicator-template", "framework-department/indicator-template", "calendar"):
        assert f"{name}.html" in files and f"{name}.md" in files, name
    # Every form D2 registered for an agreement is built too (blank, and filled from the examples).
    for form in forms_pkg.forms():
        if "agreement" in form.scopes and form.applies is None:
            assert any(p.startswith("dept_example_2555/") and form.name in p for p in files), form.name
    index = files["index.html"].decode()
    links = set(re.findall(r'href="([^"]+)"', index))
    assert links == set(files) - {"index.html", ".kpidsl-build"}
    assert [line.split("  ", 1)[1] for line in files[".kpidsl-build"].decode().splitlines()] == \
        sorted(set(files) - {".kpidsl-build"})
    assert "กรอบการประเมิน" in index and "framework" in index and "คำรับรอง" in index
    html5lib.HTMLParser(strict=True).parse(index)


def test_build_is_byte_identical_when_run_again(build2555, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    again = tmp_path / "again"
    assert run("build", "rules/2555", "-o", str(again)).exit_code == 0
    assert tree(again) == tree(build2555)


def test_a_rebuild_takes_away_what_it_no_longer_makes_and_nothing_else(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", rules)
    agreement = (rules / "agreements" / "department_example.kpi").read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", str(rules), "-o", str(out)).exit_code == 0
    assert (out / "dept_example_2555" / "agreement.html").exists()
    (out / "notes.txt").write_text("staff notes", encoding="utf-8")  # not the build's: stays
    (rules / "agreements" / "department_example.kpi").write_text(agreement.replace("dept_example_2555", "dept_renamed_2555"),
                                         encoding="utf-8")
    result = run("build", str(rules), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not (out / "dept_example_2555").exists()
    assert (out / "dept_renamed_2555" / "agreement.html").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "staff notes"
    assert "removed" in result.stderr


def test_build_stops_on_errors_and_writes_nothing(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "f.kpi").write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(rules), "-o", str(out))
    assert result.exit_code == 1
    assert "W00" in result.output  # the weights diagnostic, by code
    assert not out.exists()


def test_build_leaves_nothing_when_a_form_fails(tmp_path, monkeypatch):
    forms_pkg.forms()  # registry loaded

    def boom(request):
        raise RuntimeError("template trouble")

    monkeypatch.setitem(forms_pkg.FORMS, "calendar", dataclasses.replace(forms_pkg.FORMS["calendar"], build=boom))
    out = tmp_path / "out"
    result = run("build", str(ROOT / "rules" / "2555"), "-o", str(out), "--lang", "en")
    assert result.exit_code == 2
    assert "internal error" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_render_one_form_of_one_agreement(tmp_path):
    out = tmp_path / "forms"
    result = run("render", str(ROOT / "rules" / "2554"), "--agreement", "rayong_agri_2554", "--form", "agreement",
                 "--format", "md", "-o", str(out), "--digits", "thai")
    assert result.exit_code == 0, result.output
    assert tree(out).keys() == {"rayong_agri_2554/agreement.md"}
    assert str(out / "rayong_agri_2554" / "agreement.md") in result.stdout
    md = (out / "rayong_agri_2554" / "agreement.md").read_text(encoding="utf-8")
    assert "| ๕๐ |" in md or "๕๐" in md  # dimension 1 weighs 50 (seed 000)
    # every figure in Thai digits; names keep theirs (indicator r1 of seed 000)
    assert re.search(r"[0-9]", re.sub(r"[A-Za-z_][A-Za-z_0-9]*", "", md)) is None
    assert "r1" not in md  # indicator r1 of seed 000 is shown by its title, without the rule file's id
    assert "| ร้อยละของเกษตรกรที่ได้รับการรับรองมาตรฐาน GAP (ตามที่ตกลง) |" in md


def test_render_without_filters_writes_every_form(tmp_path):
    out = tmp_path / "forms"
    result = run("render", str(ROOT / "rules" / "2555"), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = tree(out)
    assert "calendar.html" in written and "dept_example_2555/agreement.html" in written
    assert all(p.endswith(".html") for p in written)


@pytest.mark.parametrize("args, expected", [
    (["--agreement", "dept_exampel_2555"], "did you mean `dept_example_2555`"),
    (["--form", "agrement"], "did you mean `agreement`"),
    (["--form", "nothing-like-it"], "forms: "),
    (["--format", "pdf"], "pdf"),
    (["--digits", "roman"], "roman"),
])
def test_render_usage_errors_exit_2(args, expected, tmp_path):
    out = tmp_path / "forms"
    result = run("render", str(ROOT / "rules" / "2555"), "-o", str(out), *args, "--lang", "en")
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_render_missing_results_file_exits_2(tmp_path):
    result = run("render", str(ROOT / "rules" / "2555"), "--results", str(tmp_path / "none.csv"),
                 "-o", str(tmp_path / "forms"))
    assert result.exit_code == 2
    assert not (tmp_path / "forms").exists()


def test_render_fills_forms_from_a_results_file(tmp_path):
    blank, filled = tmp_path / "blank", tmp_path / "filled"
    assert run("render", str(ROOT / "rules" / "2555"), "-o", str(blank)).exit_code == 0
    result = run("render", str(ROOT / "rules" / "2555"), "--results", str(ROOT / "examples" / "results_2555.csv"),
                 "-o", str(filled))
    assert result.exit_code == 0, result.output
    assert len(tree(filled)) > len(tree(blank))


def test_render_rule_set_errors_exit_1(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "f.kpi").write_text(BROKEN, encoding="utf-8")
    result = run("render", str(rules), "-o", str(tmp_path / "forms"))
    assert result.exit_code == 1
    assert not (tmp_path / "forms").exists()


def test_sources_are_printed_only_when_asked(tmp_path, monkeypatch):
    """A reviewer's `--sources` adds where each figure comes from (rule line, seed and slide);
    the forms staff sign carry none of it."""
    monkeypatch.chdir(ROOT)
    args = ["render", "rules/2555", "--form", "score-report", "--results", "examples/results_2555.csv"]
    plain = run(*args, "-o", str(tmp_path / "plain"))
    shown = run(*args, "--sources", "-o", str(tmp_path / "shown"))
    assert plain.exit_code == 0 and shown.exit_code == 0, plain.output + shown.output
    plain_text = "".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "plain").rglob("*.html")))
    shown_text = "".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "shown").rglob("*.html")))
    assert "department.kpi:102" not in plain_text and "003 สไลด์ 23–24" not in plain_text
    assert "department.kpi:102" in shown_text and "003 สไลด์ 23–24" in shown_text  # indicator 5's ladder
