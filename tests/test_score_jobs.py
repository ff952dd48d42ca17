"""`kpidsl score --jobs N` (kpidsl/score/parts.py): the same bytes out as one process, on
every shipped results file and on generated ones of 20,000 rows — rows given twice across
parts, a column told once at the header, the raise pools merged, diagnostics in order."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score.parts import cut_csv

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [("2555", "examples/results_2555.csv"), ("2554", "examples/province_late_2554.csv"),
           ("2554", "examples/janya.csv"), ("2554", "tests/data/score/individuals_2554.csv"),
           ("2555", "tests/data/score/dept_example_2555.csv"), ("2555", "tests/data/score/dept_example_2555.json")]
HEADER = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score")
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี


@pytest.fixture
def work(tmp_path, monkeypatch):
    for year in ("2554", "2555"):
        shutil.copytree(ROOT / "rules" / year, tmp_path / year)
    for _, results in SHIPPED:
        (tmp_path / results).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / results, tmp_path / results)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def score(*args: str):
    return CliRunner().invoke(main, ["score", *args, "--lang", "en"])


def same_with_jobs(rules: str, results: str, *extra: str, jobs: int = 3):
    one = score(rules, "--results", results, *extra)
    many = score(rules, "--results", results, *extra, "--jobs", str(jobs))
    assert (many.exit_code, many.stdout_bytes, many.stderr) == (one.exit_code, one.stdout_bytes, one.stderr)
    return one


@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
@pytest.mark.parametrize("rules,results", SHIPPED, ids=[r for _, r in SHIPPED])
def test_shipped_results_give_the_same_bytes(work, rules, results, fmt):
    one = same_with_jobs(rules, results, "--format", fmt)
    assert one.exit_code == 0 and one.stdout


def generated(rows: int, bad: dict[int, str] | None = None, salary: bool = False) -> str:
    """``rows`` evaluations of seed 001's form, each its own person; ``bad``: rows replaced."""
    lines = [HEADER]
    for n in range(rows):
        pay = f'"{20_000 + n % 17 * 1000:,}",academic_general' if salary else ","
        lines.append((bad or {}).get(n) or f"janya_2554_r1,1,P{n},{'3%' if salary else ''},{pay},{SCORES}")
    Path("big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "big.csv"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_20000_rows_give_the_same_bytes(work, fmt):
    results = generated(20_000)
    assert len(cut_csv(Path(results), 3)) == 3
    one = same_with_jobs("2554", results, "--format", fmt, "-o", "-")
    assert one.stdout.count("janya_2554_r1") == 20_000
    written = {}
    for jobs in ("1", "2"):  # -o FILE: written by kpidsl's one writer whatever the number of processes
        out = score("2554", "--results", results, "--format", fmt, "-o", f"out{jobs}.{fmt}", "--jobs", jobs)
        assert out.exit_code == 0, out.output
        written[jobs] = Path(f"out{jobs}.{fmt}").read_bytes()
    assert written["1"] == written["2"] and written["1"].count(b"janya_2554_r1") == 20_000


def test_20000_rows_with_mistakes_give_the_same_diagnostics_in_order(work):
    first = f"janya_2554_r1,1,P10,,,,{SCORES}"
    results = generated(20_000, {
        5: f"janya_2554_r1,1,P5,,,,abc,{SCORES.split(',', 1)[1]}",  # not a number (Q003)
        7_000: first,  # P10 given twice, in another part
        13_500: "janya_2554_r1,9,P13500,,,," + SCORES,  # no round 9 (Q005)
        19_999: first,  # and a third time, in the last part
    })
    one = same_with_jobs("2554", results, "--format", "csv")
    assert one.exit_code == 1
    lines = [line.split(" error")[0] for line in one.stderr.splitlines() if line.startswith("big.csv:")]
    assert lines == ["big.csv:7:23: Q003", "big.csv:7002:1: Q006", "big.csv:13502:15: Q005", "big.csv:20001:1: Q006"]
    assert one.stderr.count("the first is at line 12") == 2


def test_a_column_told_once_at_the_header_whatever_the_parts(work):
    text = Path(generated(3_000)).read_text(encoding="utf-8").replace("c5:score", "c9:score", 1)
    Path("big.csv").write_text(text, encoding="utf-8")
    one = same_with_jobs("2554", "big.csv", "--format", "csv", jobs=4)
    assert one.exit_code == 1 and one.stderr.count("Q002 error") == 1


def test_raise_pools_are_merged_across_parts(work):
    results = generated(6_000, salary=True)
    for fmt in ("text", "csv"):
        one = same_with_jobs("2554", results, "--format", fmt)
        assert "raise pool" in one.stdout + one.stderr
        assert "6000 people" in one.stdout + one.stderr


def test_quoted_line_ends_are_not_cut(work, tmp_path):
    lines = [HEADER] + [f'janya_2554_r1,1,"P{n}\nline two",,,,{SCORES}' for n in range(200)]
    Path("q.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = cut_csv(Path("q.csv"), 4)
    data = Path("q.csv").read_bytes()
    assert len(parts) == 4 and all(data[p.start:p.start + 14] == b"janya_2554_r1," for p in parts)
    assert [p.first_line for p in parts] == [2 + 2 * data[parts[0].start:p.start].count(b"janya") for p in parts]
    same_with_jobs("2554", "q.csv", "--format", "csv", jobs=4)


@pytest.mark.parametrize("jobs", ["0", "-2"])
def test_jobs_below_one_is_a_usage_error(work, jobs):
    out = score("2554", "--results", "examples/janya.csv", "--jobs", jobs)
    assert out.exit_code == 2 and "--jobs" in out.stderr


def test_every_records_problems_are_told_in_every_part_and_file(work):
    # Nothing is written once a problem is found, but every record is still scored for its own
    # problems: a record of a later part or file that cannot be scored (Q007) is told too, by
    # one process and by several alike (it was told nowhere: one scoring problem a run).
    rest = SCORES.split(",", 1)[1]
    missing = {19_000: f"janya_2554_r1,1,P19000,,,,,{rest}"}
    alone = same_with_jobs("2554", generated(20_000, missing), "--format", "csv")
    assert alone.stderr.count("Q007") == 1
    after = same_with_jobs("2554", generated(20_000, {5: f"janya_2554_r1,1,P5,,,,abc,{rest}", **missing}),
                           "--format", "csv")
    assert after.stderr.index("Q003") < after.stderr.index("Q007") and after.stderr.count("Q007") == 1
    Path("all").mkdir()
    Path("big.csv").rename("all/a.csv")
    Path("all/b.json").write_text('[{"agreement": "janya_2554_r1", "round": "1", "person": "J", "results": {}}]',
                                  encoding="utf-8")
    files = same_with_jobs("2554", "all", "--format", "csv")
    assert "Q003" in files.stderr and files.stderr.count("Q007") == 2 and "b.json" in files.stderr


def _ended(ends: list[str]) -> bytes:
    """big.csv with its lines ended by ``ends`` in turn."""
    lines = re.split("(?<!\r)\n", Path("big.csv").read_bytes().decode("utf-8"))  # a quoted CR LF kept
    data = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines[:-1])).encode("utf-8")
    Path("big.csv").write_bytes(data)
    return data


@pytest.mark.parametrize("ends", [["\r"], ["\n", "\r", "\r\n"]], ids=["cr", "lf-cr-crlf"])
def test_lines_ended_by_a_carriage_return_alone_are_cut_and_give_the_same_bytes(work, ends):
    # a file saved with a CR alone ending its lines (or some of them) was read whole, by one
    # process: the reader (newline="") ends a line there too, and so may a part
    quoted = {2_500: f'janya_2554_r1,1,"P2500\rสอง",,,,{SCORES}',  # a quoted CR: the cell's
              2_501: f'janya_2554_r1,1,"P2501\r\nสอง",,,,{SCORES}'}
    generated(6_000, quoted)
    data = _ended(ends)
    parts = cut_csv(Path("big.csv"), 3)
    assert parts is not None and len(parts) == 3
    line_ends = re.compile(rb"\r\n|\r|\n")
    for part in parts:
        assert data[part.start - 1:part.start] in (b"\r", b"\n") and data[part.start:part.start + 1] == b"j"
        assert part.first_line == len(line_ends.findall(data, 0, part.start)) + 1
    one = same_with_jobs("2554", "big.csv", "--format", "csv")
    assert one.exit_code == 0 and one.stdout.count("janya_2554_r1") == 6_000
    assert '"P2500\rสอง"'.encode() in one.stdout_bytes and '"P2501\r\nสอง"'.encode() in one.stdout_bytes
    # the mistakes told at the lines one process tells: the two quoted line ends are lines of
    # their own, the rows after them one line further on
    rest = SCORES.split(",", 1)[1]
    first = f"janya_2554_r1,1,P10,,,,{SCORES}"
    generated(6_000, {**quoted, 5: f"janya_2554_r1,1,P5,,,,abc,{rest}", 4_000: first, 5_999: first})
    _ended(ends)
    one = same_with_jobs("2554", "big.csv", "--format", "csv")
    told = [line.split(" error")[0] for line in one.stderr.splitlines() if line.startswith("big.csv:")]
    assert told == ["big.csv:7:23: Q003", "big.csv:4004:1: Q006", "big.csv:6003:1: Q006"]


def test_a_cr_lf_is_one_line_end_wherever_the_reading_cuts_the_bytes(work, monkeypatch):
    import kpidsl.score.parts as parts_module

    # rows ended by CR, CR LF and LF, blank lines between (CR then CR LF: two ends), a quoted CR
    rows = [HEADER] + [f'janya_2554_r1,1,"P{n}\r{n}",,,,{SCORES}' for n in range(40)]
    data = "".join(row + ("\r", "\r\r\n", "\n", "\r\n\r")[n % 4] for n, row in enumerate(rows)).encode("utf-8")
    Path("mixed.csv").write_bytes(data)
    whole = cut_csv(Path("mixed.csv"), 5)
    line_ends = re.compile(rb"\r\n|\r|\n")
    assert whole is not None and len(whole) == 5
    assert [p.first_line for p in whole] == [len(line_ends.findall(data, 0, p.start)) + 1 for p in whole]
    for chunk in (1, 2, 3, 7, 64):  # a chunk ending between a CR and its LF, or between two CRs
        monkeypatch.setattr(parts_module, "_CHUNK", chunk)
        assert cut_csv(Path("mixed.csv"), 5) == whole, chunk
    monkeypatch.undo()
    same_with_jobs("2554", "mixed.csv", "--format", "csv", jobs=5)
