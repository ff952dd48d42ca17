"""Every command against the adversarial corpus.

The corpus is generated, not committed: tests/adversarial/make_corpus.py writes the
big rule files (deep nesting, long formulas, numbers of thousands of digits, a Latin-1
file, 40 KB of unknown statements) and this module adds the hostile contents (titles
and results cells that carry terminal escapes, bidi overrides and spreadsheet
formulas; numbers in other scripts and layouts; JSON nested too deep or with a key
given twice). Each command runs on each case in-process, as a user would run it from
a terminal. Whatever the case, a command:

- answers with its documented exit code (0, 1 the input has errors, 2 trouble) and
  never with a traceback or an internal error;
- prints no character a terminal would obey (ESC, other controls, bidi overrides);
- leaves the case's own files byte for byte as they were, and writes nothing but
  into the output it was given.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.outputs.terminal import hidden

sys.path.insert(0, str(Path(__file__).resolve().parent / "adversarial"))
from make_corpus import framework, write_corpus  # noqa: E402

# A framework whose titles carry escapes (a few: a file thick with control characters
# is refused as binary, F005); it checks clean, so every command runs it.
ESC_TITLE = "\x1b]0;owned\x07งาน\u202eตัวอย่าง"
HOSTILE_TITLE = framework(1).replace('framework f "F"', f'framework f "{ESC_TITLE}"').replace(
    'agreement a "A"', 'agreement a "\x1b[2Jคำรับรอง\u2066"')

# Results that a person or another program wrote: cells for a spreadsheet to run,
# escapes for a terminal to obey, numbers in layouts kpidsl must refuse by name.
HOSTILE_RESULTS = {
    "formula_person.csv": ("agreement,person,round,k0\n"
                           "a,=cmd|' /C calc'!A0,,78\n"
                           "a,=HYPERLINK(\"http://x\"),,79\n"
                           "a,@SUM(A1),,80\n"
                           "a,\x1b]0;owned\x07,,81\n"),
    "comma_decimal.csv": "agreement,round,k0\na,,\"1.000,5\"\n",
    "fullwidth.csv": "agreement,round,k0\na,,１２\n",
    "arabic_indic.csv": "agreement,round,k0\na,,١٢\n",
    "escape_cell.csv": "agreement,round,k0\na,,7\x1b[2J8\n",
    "duplicate_key.json": '{"agreement": "a", "results": {"k0": 78, "k0": 12}}',
    "deep.json": "[" * 100_000 + "]" * 100_000,
}

# What each case is expected to do: 0 when it checks clean, else 1 (the rule files
# have errors). The commands that read no rule file content of their own (none) would
# differ; every command below first checks the rule set.
CLEAN = {"at_limits", "hostile_title"}


def _tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` by its relative path: its sha256 and mode."""
    seen = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            seen[path.relative_to(root).as_posix()] = (
                f"{hashlib.sha256(path.read_bytes()).hexdigest()} {oct(path.stat().st_mode & 0o7777)}")
    return seen


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    cases = write_corpus(root)
    hostile = root / "hostile_title"
    hostile.mkdir()
    (hostile / "rules.kpi").write_text(HOSTILE_TITLE, encoding="utf-8")
    for name, text in HOSTILE_RESULTS.items():
        (hostile / name).write_text(text, encoding="utf-8")
    cases["hostile_title"] = hostile
    return cases


def _commands(case: Path, out: Path) -> dict[str, list[str]]:
    rs = str(case)
    return {
        "check": ["check", rs],
        "check-en": ["check", rs, "--lang", "en"],
        "compile": ["compile", rs, "-o", str(out / "plan.json")],
        "test": ["test", rs],
        "build": ["build", rs, "-o", str(out / "build")],
        "render": ["render", rs, "-o", str(out / "forms")],
        "fmt": ["fmt", "--check", rs],
        "diff": ["diff", rs, rs],
        "new-year": ["new-year", rs, "2556", "-o", str(out / "next")],
    }


def _run(args: list[str]):
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    return result.exit_code, result.output, result.exception


def _assert_answered(args: list[str], status: int, output: str, exception, allowed: set[int]) -> None:
    shown = " ".join(args)
    assert exception is None or isinstance(exception, SystemExit), f"{shown}: {exception!r}"
    assert status in allowed, f"{shown}: exit {status}\n{output[-2000:]}"
    assert "Traceback" not in output and "internal error" not in output, f"{shown}:\n{output[-2000:]}"
    bad = sorted({f"U+{ord(ch):04X}" for ch in output if ch != "\n" and hidden(ch)})
    assert not bad, f"{shown}: printed {bad}"


CASES = ["blocks_1000", "blocks_at_limit", "framework_500", "framework_over_limit", "at_limits", "formula_500",
         "formula_1000", "parens_deep", "year_4301", "milestone_4301", "ladder_100000", "number_over_limit",
         "weight_nines", "latin1", "statements_40kb", "hostile_title"]


@pytest.mark.parametrize("case", CASES)
def test_every_command_answers_every_case(corpus, case, tmp_path):
    folder = corpus[case]
    before = _tree(folder.parent)
    out = tmp_path / "out"
    out.mkdir()
    for name, args in _commands(folder, out).items():
        status, output, exception = _run(args)
        if name == "fmt":  # fmt asks only that a file parse; an unreadable file is its exit 2
            allowed = {2} if case == "latin1" else {0, 1}
        elif case in CLEAN:
            allowed = {0}
        else:
            allowed = {1}
        _assert_answered(args, status, output, exception, allowed)
    assert _tree(folder.parent) == before, "a command changed the corpus"
    made = {p.relative_to(tmp_path).parts[0] for p in tmp_path.iterdir()}
    assert made == {"out"}, f"written outside the output: {made}"


@pytest.mark.parametrize("results", sorted(HOSTILE_RESULTS))
@pytest.mark.parametrize("fmt", ["text", "csv", "json", "explain"])
def test_score_answers_hostile_results(corpus, results, fmt, tmp_path):
    folder = corpus["hostile_title"]
    before = _tree(folder)
    args = ["score", str(folder), "--results", str(folder / results)]
    args += ["--explain"] if fmt == "explain" else ["--format", fmt]
    status, output, exception = _run(args + ["-o", str(tmp_path / "scores")])
    allowed = {0} if results == "formula_person.csv" else {1}
    _assert_answered(args, status, output, exception, allowed)
    assert _tree(folder) == before
    if status != 0:
        assert not (tmp_path / "scores").exists(), "a refused run left an output file"
        assert list(tmp_path.iterdir()) == [], "a refused run left a file beside the output"


def test_score_csv_neutralises_every_formula_cell(corpus, tmp_path):
    folder = corpus["hostile_title"]
    out = tmp_path / "scores.csv"
    status, output, exception = _run(["score", str(folder), "--results", str(folder / "formula_person.csv"),
                                      "--format", "csv", "-o", str(out)])
    assert status == 0, output
    rows = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    people = [row.split(",")[1] for row in rows]
    assert len(people) == 4
    for cell in people:
        assert cell.lstrip('"')[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def test_text_outputs_of_a_hostile_title_show_its_escapes(corpus):
    folder = corpus["hostile_title"]
    status, output, _ = _run(["score", str(folder), "--results", str(folder / "formula_person.csv"), "--explain"])
    assert status == 0, output
    assert "\\x1b[2Jคำรับรอง\\u2066" in output


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_corpus_generation_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_corpus(a)
    write_corpus(b)
    assert _tree(a) == _tree(b)
