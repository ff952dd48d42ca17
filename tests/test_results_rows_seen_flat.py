"""`render --results` and `diff --rescore` keep the rows they have seen as `score` keeps
them (MaybeSeenRows, kpidsl/score/seen_rows.py: memory flat in the rows; SeenRows took 16
bytes a slot, benchmarks/bench_results_seen_rows.py measures both), and still tell a row
given twice (Q006) at its own line, in its place among the other rows' problems (render
names the line it was first given on), and the review of `diff --rescore` does not score it:
as when SeenRows told it at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kpidsl.score.seen_rows as seen_rows
from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEAD = "agreement,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1,c2,c3,c4,c5\n"
JANYA = "janya_2554_r1,จรรยา เรียบร้อย,3.5,3,4.5,3,4.5,4,3,4,3,3\n"  # seed 001: 70.8
OTHER = "janya_2554_r1,ผู้รับการประเมินสมมติ,5,3,4.5,2,4.5,4,3,4,3,3\n"
BAD = "janya_2554_r1,คนที่สาม,9,3,4.5,2,4.5,4,3,4,3,3\n"  # a score past the ladder's 5


@pytest.fixture
def results(tmp_path):
    """Janya's row on line 2 given again on line 4, a row with a mistake on line 5."""
    path = tmp_path / "r.csv"
    path.write_text(HEAD + JANYA + OTHER + JANYA + BAD, encoding="utf-8")
    return path


@pytest.fixture(params=["set", "filter"])
def no_seen_rows(request, monkeypatch):
    """SeenRows fed no row; with "filter", MaybeSeenRows' Bloom filter from the first row
    (as past KEPT_KEYS rows), not its set of keys."""
    def refuse(self, key, line):
        raise AssertionError("a row kept in SeenRows: 16 bytes a row")

    monkeypatch.setattr(seen_rows.SeenRows, "add", refuse)
    if request.param == "filter":
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 0)


def run(*args):
    return CliRunner().invoke(main, [*map(str, args), "--lang", "en"])


def located(output: str) -> list[tuple[str, str]]:
    """(place, code) of each located diagnostic, in the order shown."""
    return [(line.split(": ")[0], line.split()[1]) for line in output.splitlines()
            if ": " in line and line.split()[1:2] and line.split()[1][:1] in "QO" and line.split()[1][1:].isdigit()]


def test_render_tells_a_row_given_twice_in_its_place(results, no_seen_rows, tmp_path):
    out = run("render", ROOT / "rules" / "2554", "--results", results, "-o", tmp_path / "forms")
    assert out.exit_code == 1, out.output
    places = located(out.output)
    assert [code for _, code in places][:1] == ["Q006"]
    assert places[0][0] == f"{results}:4:1"
    assert all(int(place.split(":")[1]) >= 5 for place, _ in places[1:])  # line 5's mistakes after it
    assert len(places) > 1
    assert "line 2" in out.output  # where it was first given (the hint)
    assert not (tmp_path / "forms").exists()


def test_diff_rescore_does_not_score_a_row_given_twice(results, no_seen_rows, tmp_path):
    rules = tmp_path / "2554"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    out = run("diff", rules, rules, "--rescore", results, "--format", "json")
    doc = json.loads(out.stdout)
    rows = {row["row"].rsplit(":", 1)[-1]: row for row in doc["rescore"]["rows"]}
    assert sorted(rows) == ["2", "3", "4", "5"]
    assert rows["2"]["old"]["total"] == rows["2"]["new"]["total"] == "70.8000"
    assert rows["3"]["old"]["total"] == "69.7500"
    for side in ("old", "new"):
        assert rows["4"][side]["total"] is None
        assert rows["4"][side]["error"].startswith(f"{results}:4:1: ")
        assert rows["5"][side]["total"] is None and f"{results}:5" in rows["5"][side]["error"]
