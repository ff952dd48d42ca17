"""`kpidsl diff --rescore`: the same results scored under OLD and NEW.

OLD is rules/2554; NEW a copy where Janya's indicator weights moved (j1 15% → 25%,
j4 30% → 20%) and Somsak's indicator s2 was re-numbered s3. The expected figures
are worked by hand from the rules (individual.kpi: achievement × 20 × 70% +
competency × 20 × 30%; bands.kpi: ดี 70–80, พอใช้ 60–70), Janya's scores are those of
seed 001's forms (3.5 3 4.5 3 4.5; competencies 4 3 4 3 3 → 70.8)."""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = "agreements/individual_001.kpi"

JANYA = {"j1": "3.5", "j2": "3", "j3": "4.5", "j4": "3", "j5": "4.5"}  # seed 001 แบบประเมินผลสัมฤทธิ์
OTHER = {"j1": "5", "j2": "3", "j3": "4.5", "j4": "2", "j5": "4.5"}
COMPETENCIES = ["4", "3", "4", "3", "3"]  # seed 001 แบบประเมินสมรรถนะ: 3.4 → 68
OLD_WEIGHTS = {"j1": 15, "j2": 20, "j3": 15, "j4": 30, "j5": 20}
NEW_WEIGHTS = {**OLD_WEIGHTS, "j1": 25, "j4": 20}


def total(scores: dict[str, str], weights: dict[str, int]) -> Decimal:
    achievement = sum(Decimal(scores[k]) * weights[k] for k in scores) / 100 * 20
    competency = sum(Decimal(c) for c in COMPETENCIES) / 5 * 20
    return (achievement * Decimal("0.7") + competency * Decimal("0.3")).quantize(Decimal("0.0001"))


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sets(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "rules" / "2554", old)
    shutil.copytree(ROOT / "rules" / "2554", new)
    _edit(new / AGREEMENTS, "ตัวชี้วัด j1 \"ตัวชี้วัดที่ 1\" น้ำหนัก 15%",
          "ตัวชี้วัด j1 \"ตัวชี้วัดที่ 1\" น้ำหนัก 25%")
    _edit(new / AGREEMENTS, "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 30%",
          "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 20%")
    _edit(new / AGREEMENTS, "ตัวชี้วัด s2 ", "ตัวชี้วัด s3 ", count=4)
    results = tmp_path / "results"
    results.mkdir()
    head = "agreement,person," + ",".join(f"{k}:score" for k in JANYA) + ",c1,c2,c3,c4,c5\n"
    rows = [f"janya_2554_r1,{who}," + ",".join(s.values()) + "," + ",".join(COMPETENCIES) + "\n"
            for who, s in (("จรรยา เรียบร้อย", JANYA), ("ผู้รับการประเมินสมมติ", OTHER))]
    (results / "janya.csv").write_text(head + "".join(rows), encoding="utf-8")
    (results / "somsak.csv").write_text("agreement,person,s1,s2,c1,c2,c3,c4,c5\n"
                                        "somsak_2554_r1,สมศักดิ์ สุขใจ,90,80,3,3,3,3,3\n", encoding="utf-8")
    return old, new, results


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *map(str, args), "--lang", "en"])


def test_hand_worked_figures(sets):
    old, new, results = sets
    assert total(JANYA, OLD_WEIGHTS) == Decimal("70.8000")  # seed 001's แบบสรุป
    result = run(old, new, "--rescore", results, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(c["kind"], c["path"].rsplit("/", 1)[-1]) for c in doc["changes"]][:2] == [
        ("agreed-weight-changed", "kpi:j1"), ("agreed-weight-changed", "kpi:j4")]
    rows = doc["rescore"]["rows"]
    # largest change first: the second person gains 4.2 and crosses from พอใช้ into ดี
    other, janya, somsak = rows
    assert other["person"] == "ผู้รับการประเมินสมมติ"
    assert Decimal(other["old"]["total"]) == total(OTHER, OLD_WEIGHTS) == Decimal("69.7500")
    assert Decimal(other["new"]["total"]) == total(OTHER, NEW_WEIGHTS) == Decimal("73.9500")
    assert other["change"] == "+4.2000"
    assert (other["old"]["band"], other["new"]["band"]) == ("fair", "good")
    assert (other["old"]["raise"], other["new"]["raise"]) == ("1.5–2%", "2.5–3%")
    assert janya["person"] == "จรรยา เรียบร้อย"
    assert Decimal(janya["old"]["total"]) == Decimal("70.8000")
    assert Decimal(janya["new"]["total"]) == total(JANYA, NEW_WEIGHTS) == Decimal("71.5000")
    assert janya["change"] == "+0.7000"
    assert janya["old"]["band"] == janya["new"]["band"] == "good"
    assert janya["row"].endswith("janya.csv:2") and other["row"].endswith("janya.csv:3")
    # s2 is s3 in NEW: that row is reported, not a crash, and OLD still scores it (70 × 70% + 60 × 30%)
    assert somsak["change"] is None
    assert Decimal(somsak["old"]["total"]) == Decimal("67.0000") and somsak["old"]["band"] == "fair"
    assert somsak["new"]["total"] is None and "s2" in somsak["new"]["error"]


def test_text_and_markdown(sets):
    old, new, results = sets
    text = run(old, new, "--rescore", results)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("rescore "))
    assert "3 rows, 2 scored under both, 2 with a different total, band or raise" in lines[start]
    assert "69.7500" in lines[start + 2] and "73.9500" in lines[start + 2] and "fair → good" in lines[start + 2]
    assert "70.8000" in lines[start + 3] and "71.5000" in lines[start + 3]
    assert "not scored under both" in lines[start + 4]
    md = run(old, new, "--rescore", results, "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| total " in md.stdout and "| +4.2000 | fair → good |" in md.stdout


def test_text_and_markdown_in_thai(sets):
    """The same rows with Thai labels (the default); figures and band ids are unchanged."""
    old, new, results = sets
    text = CliRunner().invoke(main, ["diff", str(old), str(new), "--rescore", str(results)], env={"KPIDSL_LANG": ""})
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("คำนวณคะแนนใหม่ "))
    assert "3 แถว คำนวณได้ทั้งสองชุด 2 แถว" in lines[start] and "ต่างกัน 2 แถว" in lines[start]
    assert lines[start + 1].split()[:3] == ["แถว", "คำรับรอง", "ผู้รับการประเมิน"]
    assert f"{total(OTHER, OLD_WEIGHTS)}" in lines[start + 2] and f"{total(OTHER, NEW_WEIGHTS)}" in lines[start + 2]
    # "not under both", never "under neither" (คำนวณไม่ได้ทั้งสองชุด), above a row OLD scores
    assert "คำนวณได้ไม่ครบทั้งสองชุด" in lines[start + 4] and "คำนวณไม่ได้ทั้งสองชุด" not in text.stdout
    assert lines[start + 5].split()[1:] == ["คะแนนรวม", "67.0000", "ระดับผล", "fair"]  # OLD still scores Somsak
    assert "`s2`" in lines[start + 6]
    md = CliRunner().invoke(main, ["diff", str(old), str(new), "--rescore", str(results), "--format", "md",
                                   "--lang", "th"])
    assert md.exit_code == 0, md.output
    assert "#### คำนวณคะแนนใหม่" in md.stdout and "| คะแนนรวม " in md.stdout and "| +4.2000 | fair → good |" in md.stdout
    assert "Rescored" not in md.stdout and "not scored" not in md.stdout

def test_missing_results_is_usage_trouble(sets, tmp_path):
    old, new, _ = sets
    result = run(old, new, "--rescore", tmp_path / "nowhere.csv")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name, text", [
    ("csv.xlsx", b"not a workbook"),  # the whole file unreadable: one row, scored by neither
    ("x.csv", "agreement,person\nnobody,x\n".encode()),  # an agreement neither rule set has
    ("j.csv", "agreement,person,j1:score\njanya_2554_r1,a,9\n".encode()),  # a score out of 0-5 in both
])
def test_results_neither_rule_set_can_score_exit_1(sets, tmp_path, name, text):
    """A row that one side cannot score is a difference (exit 0, as for Somsak above); one that
    neither can is an error of the results, as `kpidsl score` would say (exit 1), listed all the
    same."""
    old, new, _ = sets
    path = tmp_path / name
    path.write_bytes(text)
    result = run(old, new, "--rescore", path)
    assert result.exit_code == 1, result.output
    assert "not scored under both" in result.stdout and "Traceback" not in result.output


def test_rule_set_with_errors_exits_1(sets):
    old, new, results = sets
    _edit(new / AGREEMENTS, "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 20%",
          "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 21%")
    result = run(old, new, "--rescore", results)
    assert result.exit_code == 1
    assert "W00" in result.stderr and "individual_001.kpi" in result.stderr


def test_json_results_give_the_same_figures(sets, tmp_path):
    old, new, _ = sets
    records = [{"agreement": "janya_2554_r1", "person": who,
                "results": {**{k: {"score": v} for k, v in scores.items()},
                            **{f"c{i + 1}": c for i, c in enumerate(COMPETENCIES)}}}
               for who, scores in (("จรรยา เรียบร้อย", JANYA), ("ผู้รับการประเมินสมมติ", OTHER))]
    path = tmp_path / "janya.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run(old, new, "--rescore", path, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rescore"]["rows"]
    assert [(r["person"], r["old"]["total"], r["new"]["total"]) for r in rows] == [
        ("ผู้รับการประเมินสมมติ", str(total(OTHER, OLD_WEIGHTS)), str(total(OTHER, NEW_WEIGHTS))),
        ("จรรยา เรียบร้อย", str(total(JANYA, OLD_WEIGHTS)), str(total(JANYA, NEW_WEIGHTS))),
    ]


def _many(folder: Path, people: int, name: str = "many.csv") -> Path:
    """``people`` rows of Janya's agreement whose totals differ: j1 and j4 (the weights NEW
    moves) vary row by row (changes from -5.6 to +5.6, many equal), so the review's order
    is not the file's; every 11th row gives a raise of 9%, over the 6% cap: scored under
    neither rule set (exit 1)."""
    head = "agreement,person,raise," + ",".join(f"{k}:score" for k in JANYA) + ",c1,c2,c3,c4,c5\n"
    lines = []
    for k in range(people):
        j1, j4 = 1 + k % 5, 1 + (k // 5) % 5
        scores = {**JANYA, "j1": str(j1), "j4": str(j4)}
        raise_ = "9" if k % 11 == 0 else ""
        cells = ",".join(scores.values())
        lines.append(f"janya_2554_r1,person {k},{raise_},{cells}," + ",".join(COMPETENCIES) + "\n")
    path = folder / name
    path.write_text(head + "".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_a_review_sorted_on_disk_is_the_one_sorted_in_memory(sets, tmp_path, monkeypatch, fmt):
    """Runs of 3 rows written and merged (kpidsl/sorted_spill.py) give the bytes of the
    review sorted in memory (KPIDSL_NO_CACHE=1 to standard output: nowhere to spill), ties
    of change kept in file order, over two files, with rows one side cannot score."""
    import kpidsl.sorted_spill as spill

    old, new, results = sets
    _many(results, 60)
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    held = run(old, new, "--rescore", results, "--format", fmt)
    monkeypatch.delenv("KPIDSL_NO_CACHE")
    written = []
    real = spill._write_run
    # each run as its real path: it is made through the folder opened (kpidsl/working_folders.py)
    monkeypatch.setattr(spill, "_write_run", lambda path, *a: written.append(Path(os.path.realpath(path))) or real(path, *a))
    monkeypatch.setattr(spill, "RUN_ROWS", 3)
    out = tmp_path / "out" / f"review.{fmt}"
    out.parent.mkdir()
    spilled = run(old, new, "--rescore", results, "--format", fmt, "-o", out)
    assert held.exit_code == spilled.exit_code == 1, spilled.output  # the rows of a 9% raise
    assert len(written) > 40  # 63 rows read twice, then reviewed: runs of 3
    assert all(path.parent.parent == out.parent for path in written)  # beside the output, hidden
    assert out.read_bytes() == held.stdout_bytes
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # its runs' folder gone
    if fmt == "json":
        rows = json.loads(held.stdout)["rescore"]["rows"]
        # person 4: j1 5 (weight +10%) and j4 1 (-10%): (5 - 1) × 10% × 20 × 70% = 5.6
        assert len(rows) == 63 and (rows[0]["person"], rows[0]["change"]) == ("person 4", "+5.6000")
        scored = [r for r in rows if r["change"] is not None]
        assert [r["row"] for r in scored] == [r["row"] for r in sorted(
            scored, key=lambda r: (-abs(Decimal(r["change"])), r["row"].split("/")[-1].split(":")[0],
                                   int(r["row"].rsplit(":", 1)[1])))]
        assert len({r["change"] for r in scored}) < len(scored) / 3  # many ties, kept in file order
        assert [r["person"] for r in rows if r["change"] is None] == [
            *(f"person {k}" for k in range(0, 60, 11)), "สมศักดิ์ สุขใจ"]  # then in file order


def test_json_pieces_are_the_document_json_dumps_writes(sets):
    """The JSON written row by row is json.dumps(indent=2) of the whole document."""
    from kpidsl.cli.common import load_plan
    from kpidsl.diff import diff_plans
    from kpidsl.diff.render import as_json
    from kpidsl.diff.rescore import rescore

    old, new, results = sets
    (o, o_rs), (n, n_rs) = load_plan(old, "en"), load_plan(new, "en")
    diff = diff_plans(o, n, o_rs.name, n_rs.name)
    rows = list(rescore(o, n, results))
    doc = json.loads(as_json(diff, rows, "r"))
    assert len(doc["rescore"]["rows"]) == 3
    assert as_json(diff, rows, "r") == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert json.loads(as_json(diff, [], "r"))["rescore"]["rows"] == []
    assert "rescore" not in json.loads(as_json(diff, None, None))


def _review_peak(plans, path: Path, folder) -> int:
    """Python's peak allocation while ``path`` is rescored and its review written as text
    (the pieces thrown away as a reader of a pipe would)."""
    import tracemalloc

    from kpidsl.diff.render import text_pieces
    from kpidsl.diff.rescore import rescore

    tracemalloc.start()
    rows = rescore(*plans, path, folder=folder)
    for _ in text_pieces(_NO_CHANGES, rows, str(path)):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(rows) == path.read_text(encoding="utf-8").count("\n") - 1
    return peak


class _NoChanges:
    old = new = "rules"
    changes: list = []
    groups: list = []

    def summary(self):
        return {"by_kind": {}}


_NO_CHANGES = _NoChanges()


def test_the_memory_a_review_holds_is_flat_in_its_rows(sets, tmp_path, monkeypatch):
    """Four times the rows, no more held than the reading of the file holds (the keys of
    the rows it has seen, to tell a row given twice: kpidsl/score/seen_rows.py): the review
    sorted by the largest change waits on disk in runs of 100 rows, 8 merged at most at once
    (kpidsl/sorted_spill.py), the pairing of OLD's and NEW's readings too, and the text is
    written as it is made. Held in memory, 2,000 rows' review and text took over 1 kB a row
    more than 500's. Python's allocations, not a timing: the same on every machine."""
    import tracemalloc

    import kpidsl.sorted_spill as spill
    from kpidsl.cli.common import load_plan
    from kpidsl.score.results import read_results

    old, new, _ = sets
    monkeypatch.setattr(spill, "RUN_ROWS", 100)
    monkeypatch.setattr(spill, "FAN_IN", 8)
    plans = load_plan(old, "en")[0], load_plan(new, "en")[0]
    small, big = _many(tmp_path, 500, "small.csv"), _many(tmp_path, 2_000, "big.csv")

    def folder() -> spill.SpillFolder:
        path = tmp_path / f"spill{len(list(tmp_path.glob('spill*')))}"
        path.mkdir()
        return spill.SpillFolder(path)

    _review_peak(plans, small, folder())  # what is read once for a run (the plan's evaluators)
    peaks = [_review_peak(plans, path, folder()) for path in (small, big)]
    reading = []
    for path in (small, big):
        tracemalloc.start()
        for _ in read_results(path, plans[0], None, per_row=True, defaults_only=True):
            pass
        reading.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] - peaks[0] < reading[1] - reading[0] + 30_000, (peaks, reading)  # 20 bytes a row at most
    held = _review_peak(plans, big, None)  # no folder: held in memory, as with KPIDSL_NO_CACHE=1
    assert held - peaks[1] > 1_500_000, (held, peaks)


def test_the_review_s_folder_is_gone_after_a_failing_run(sets, tmp_path, monkeypatch):
    """A run that fails after its runs were written (here scoring fails at the 50th row)
    leaves no folder, beside the output or in the cache, and no output."""
    import os

    import kpidsl.diff.rescore as rescore_module
    import kpidsl.sorted_spill as spill

    old, new, results = sets
    _many(results, 60)
    monkeypatch.setattr(spill, "RUN_ROWS", 3)
    real, calls = rescore_module._side, []

    def failing(*args):
        calls.append(1)
        if len(calls) == 50:
            raise RuntimeError("scoring failed")
        return real(*args)

    monkeypatch.setattr(rescore_module, "_side", failing)
    out = tmp_path / "out" / "review.txt"
    out.parent.mkdir()
    cache = Path(os.environ["KPIDSL_CACHE_DIR"])
    for target in (["-o", out], ["-o", "-"]):
        calls.clear()
        result = run(old, new, "--rescore", results, *target)
        assert result.exit_code == 2 and "RuntimeError" in result.output and len(calls) == 50  # internal error
        assert list(out.parent.iterdir()) == []
        assert [p for p in cache.rglob("diff-review-*")] == []


def test_standard_output_s_review_waits_in_the_cache(sets, tmp_path, monkeypatch):
    """With `-o -` the runs are in a folder of the run inside kpidsl's cache folder
    (kpidsl/run_folders.py), removed after; with KPIDSL_NO_CACHE=1 nothing is written: the
    review is held in memory."""
    import os

    import kpidsl.sorted_spill as spill

    old, new, results = sets
    _many(results, 30)
    written = []
    real = spill._write_run
    # each run as its real path: it is made through the folder opened (kpidsl/working_folders.py)
    monkeypatch.setattr(spill, "_write_run", lambda path, *a: written.append(Path(os.path.realpath(path))) or real(path, *a))
    monkeypatch.setattr(spill, "RUN_ROWS", 3)
    cache = Path(os.environ["KPIDSL_CACHE_DIR"]).resolve()
    result = run(old, new, "--rescore", results, "-o", "-")
    assert result.exit_code == 1, result.output  # the rows of a 9% raise
    assert written and all(p.parent.name.startswith("diff-review-") and cache in p.resolve().parents
                           for p in written)
    assert not any(p.parent.exists() for p in written)
    written.clear()
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    assert run(old, new, "--rescore", results, "-o", "-").stdout_bytes == result.stdout_bytes
    assert written == []
