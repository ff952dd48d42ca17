"""A JSON results file may escape what is no character: a lone surrogate (`"\\ud800"`),
which no UTF-8 output can hold. It is told at its string (Q027, exit 1), as any other
JSON that is not text; it ended in 'internal error: UnicodeEncodeError' when the person's
name was written out. A surrogate pair (`"\\ud83d\\ude00"`, one emoji) is a character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RESULTS = {"j1": {"score": 3.5}, "j2": {"score": 3}, "j3": {"score": 4.5}, "j4": {"score": 3}, "j5": {"score": 4.5},
           "c1": 4, "c2": 3, "c3": 4, "c4": 3, "c5": 3}


def results(tmp_path: Path, person: str) -> Path:
    text = json.dumps({"agreement": "janya_2554_r1", "person": "PERSON", "results": RESULTS}, indent=1)
    path = tmp_path / "r.json"
    path.write_text(text.replace("PERSON", person), encoding="utf-8")
    return path


@pytest.mark.parametrize("person", ["\\ud800x", "a\\uDFFF", "\\udc00\\ud800", "\\\\\\ud800"])
@pytest.mark.parametrize("fmt", ["csv", "text", "json"])
def test_a_lone_surrogate_is_told_at_its_string(tmp_path, person, fmt):
    path = results(tmp_path, person)
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", fmt,
                                       "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{path}:3:" in result.stderr and ": Q027 " in result.stderr, result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("person", ["\\ud83d\\ude00", "\\\\ud800", "a\\u0e01"])
def test_a_pair_or_no_escape_at_all_is_read(tmp_path, person):
    path = results(tmp_path, person)
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("janya_2554_r1," + json.loads(f'"{person}"') + ",")


def test_render_and_rescore_tell_it_too(tmp_path):
    path = results(tmp_path, "\\ud800x")
    for args in (["render", str(ROOT / "rules/2554"), "--form", "individual", "--results", str(path), "-o",
                  str(tmp_path / "out")],
                 ["diff", str(ROOT / "rules/2554"), str(ROOT / "rules/2554"), "--rescore", str(path)]):
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert "internal error" not in result.output and "Q027" in result.output or "not valid JSON" in result.output, \
            result.output
