"""An output written into the folder of results the run reads becomes one of them.

`score --results FOLDER -o FOLDER/scores.csv` worked once, and the next run read its own
scores as results (a Q002 for each of their columns). Refused, as an output that is the
results file is (O017): O020, exit 2, nothing written. A name no results reader takes
(`FOLDER/report.txt`) and a folder elsewhere are written as asked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
JANYA = ROOT / "examples/janya.csv"


def score(*args):
    return CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), *map(str, args), "--lang", "en"])


@pytest.fixture
def folder(tmp_path) -> Path:
    here = tmp_path / "results"
    here.mkdir()
    shutil.copy(JANYA, here / "janya.csv")
    return here


@pytest.mark.parametrize("name, fmt", [("scores.csv", "csv"), ("scores.json", "json"), ("S.CSV", "csv")])
def test_an_output_among_the_results_is_refused(folder, name, fmt):
    result = score("--results", folder, "--format", fmt, "-o", folder / name)
    assert result.exit_code == 2, result.output
    assert ": O020 " in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["janya.csv"]


def test_diff_rescore_json_among_the_results_is_refused(folder):
    result = CliRunner().invoke(main, ["diff", str(ROOT / "rules/2554"), str(ROOT / "rules/2554"), "--rescore",
                                       str(folder), "--format", "json", "-o", str(folder / "d.json"), "--lang", "en"])
    assert result.exit_code == 2 and ": O020 " in result.stderr, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["janya.csv"]


def test_a_name_no_reader_takes_and_a_folder_elsewhere_are_written(folder, tmp_path):
    assert score("--results", folder, "--format", "text", "-o", folder / "report.txt").exit_code == 0
    assert score("--results", folder, "--format", "csv", "-o", tmp_path / "scores.csv").exit_code == 0
    assert score("--results", folder, "--format", "csv", "-o", tmp_path / "scores.csv").exit_code == 0
