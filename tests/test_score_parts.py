"""`kpidsl score --jobs N` (kpidsl/score/parts.py) with its pool run in this process: the
same cutting, tasks, workers' functions (take_plan, score_part, confirm_part) and joining
as the spawned pool, so that a wrong line of parts.py changes what these tests see (the
spawned workers of tests/test_score_jobs*.py import their own copy of the package, out of
reach of benchmarks/mutation_scores.py). The same bytes and diagnostics as one process:
rows given twice within and across parts, a column told once at the header, raise pools
merged, a problem in an earlier part or file stopping the scoring of later ones."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score import parts
from kpidsl.score.batch import BATCH_GC_EVERY
from kpidsl.score.parts import cut_csv, parts_of
from kpidsl.score.results import Part

HEADER = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score")
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี


class _Done:
    def __init__(self, value, pool) -> None:
        self.value, self.pool = value, pool

    def get(self):
        self.pool.waiting -= 1
        return self.value


class InProcessPool:
    """multiprocessing.Pool's calls that parts.py makes, run here and now; each task and
    result goes through JSON-like plain values as a spawned worker's would (pickled)."""

    instances: list = []

    def __init__(self, processes: int, initializer, initargs: tuple) -> None:
        self.processes, self.tasks, self.confirmed = processes, [], []
        self.waiting = self.most_waiting = 0  # parts given out and not yet copied out
        gc.set_threshold(700, *gc.get_threshold()[1:])  # a new process's, which the initializer sets
        initializer(*initargs)
        self.threshold = gc.get_threshold()[0]
        InProcessPool.instances.append(self)

    def apply_async(self, function, args: tuple) -> _Done:
        self.tasks.append(args[0])
        self.waiting += 1
        self.most_waiting = max(self.most_waiting, self.waiting)
        return _Done(function(*args), self)

    def apply(self, function, args: tuple):
        self.confirmed.append(args[0])
        return function(*args)


@pytest.fixture
def in_process(monkeypatch):
    threshold = gc.get_threshold()  # take_plan sets a worker's; this process keeps its own
    InProcessPool.instances = []

    def pool(processes, initializer=None, initargs=()):
        import contextlib

        @contextlib.contextmanager
        def made():
            yield InProcessPool(processes, initializer, initargs)
        return made()

    monkeypatch.setattr(parts, "shared_hash_pool", pool)
    yield InProcessPool.instances
    gc.set_threshold(*threshold)
    parts._GIVEN.clear()


def score(*args: str):
    return CliRunner().invoke(main, ["score", "2554", *args, "--lang", "en"])


def same_with_jobs(*args: str, jobs: int = 3):
    one = score(*args)
    many = score(*args, "--jobs", str(jobs))
    assert (many.exit_code, many.stdout_bytes, many.stderr) == (one.exit_code, one.stdout_bytes, one.stderr)
    return one


def write(name: str, rows: int, bad: dict[int, str] | None = None, salary: bool = False) -> str:
    lines = [HEADER]
    for n in range(rows):
        pay = f'"{20_000 + n % 17 * 1000:,}",academic_general' if salary else ","
        lines.append((bad or {}).get(n) or f"janya_2554_r1,1,P{n},{'3%' if salary else ''},{pay},{SCORES}")
    Path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def told(out, name: str = "r.csv") -> list[str]:
    return [line.split(" error")[0] for line in out.stderr.splitlines() if line.startswith(f"{name}:")]


@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
def test_parts_give_the_bytes_of_one_process(work, in_process, fmt):
    write("r.csv", 300)
    one = same_with_jobs("--results", "r.csv", "--format", fmt)
    assert one.exit_code == 0 and one.stdout.count("janya_2554_r1") == 300
    (pool,) = in_process
    assert pool.processes == 3 and [t["part"]["first_line"] for t in pool.tasks] == [2, 102, 202]
    assert {(t["path"], t["output_format"], t["agreement"], t["round"], t["lang"]) for t in pool.tasks} == {
        ("r.csv", fmt, None, None, "en")}
    assert not pool.confirmed  # no row given twice: no file read again


def test_a_task_carries_the_command_s_choices(work, in_process):
    write("r.csv", 300)
    out = score("--results", "r.csv", "--format", "text", "--explain", "--agreement", "janya_2554_r1",
                "--round", "1", "--jobs", "2")
    assert out.exit_code == 0, out.output
    (pool,) = in_process
    (task, *_) = pool.tasks
    assert (task["agreement"], task["round"], task["explain"], task["output_format"]) == (
        "janya_2554_r1", "1", True, "text")
    assert out.stdout.count("70.8") >= 300  # each person's total, explained
    # JSON explained: each document with its explanations, as one process writes them
    explained = same_with_jobs("--results", "r.csv", "--format", "json", "--explain")
    assert explained.stdout.count('"rule_th": "72 × 70% + 68 × 30% = 70.8"') == 300
    # text explained in Thai, each line pointing into the rule set (its name, 2554)
    thai = [CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--explain", "--lang", "th", *jobs])
            for jobs in ((), ("--jobs", "2"))]
    assert thai[0].stdout == thai[1].stdout and thai[0].exit_code == thai[1].exit_code == 0
    assert thai[0].stdout.count("= 72 × 70% + 68 × 30% = 70.8  [2554/individual.kpi:") == 300
    assert "คะแนนรวม" in thai[0].stdout and "total" not in thai[0].stdout


def test_mistakes_in_several_parts_are_told_in_order(work, in_process):
    first = f"janya_2554_r1,1,P10,,,,{SCORES}"
    write("r.csv", 300, {
        5: f"janya_2554_r1,1,P5,,,,abc,{SCORES.split(',', 1)[1]}",  # not a number (Q003)
        120: first,  # P10 given twice, in another part
        150: "janya_2554_r1,9,P150,,,," + SCORES,  # no round 9 (Q005)
        299: first,  # and a third time, in the last part
    })
    one = same_with_jobs("--results", "r.csv", "--format", "csv")
    assert one.exit_code == 1
    assert told(one) == ["r.csv:7:23: Q003", "r.csv:122:1: Q006", "r.csv:152:15: Q005", "r.csv:301:1: Q006"]
    assert one.stderr.count("the first is at line 12") == 2
    (pool,) = in_process
    (confirm,) = pool.confirmed  # the suspects confirmed by a worker, once, at the file's end
    assert confirm["path"] == "r.csv"


def test_a_column_told_once_at_the_header_whatever_the_parts(work, in_process):
    # and a cell that is not a number in the last part, told after it
    bad = {250: f"janya_2554_r1,1,P250,,,,abc,{SCORES.split(',', 1)[1]}"}
    text = Path(write("r.csv", 300, bad)).read_text(encoding="utf-8").replace("c5:score", "c9:score", 1)
    Path("r.csv").write_text(text, encoding="utf-8")
    one = same_with_jobs("--results", "r.csv", "--format", "csv", jobs=4)
    assert one.exit_code == 1 and told(one) == ["r.csv:1:124: Q002", "r.csv:252:25: Q003"]


def test_raise_pools_are_merged_across_parts(work, in_process):
    write("r.csv", 600, salary=True)
    for fmt in ("text", "csv"):
        one = same_with_jobs("--results", "r.csv", "--format", fmt)
        assert "600 people" in one.stdout + one.stderr


def test_every_records_problems_are_told_in_every_part_and_file(work, in_process, monkeypatch):
    # Nothing is written after a problem, but every record is still scored for its own problems,
    # so an officer mends them all in one run: before, a Q007 or Q023 after a first problem was
    # told nowhere (one run for each). One process and parts alike.
    rest = SCORES.split(",", 1)[1]
    missing = {290: f"janya_2554_r1,1,P290,,,,,{rest}"}  # no j1 (Q007 at its cell), in the last part
    alone = same_with_jobs("--results", write("r.csv", 300, missing), "--format", "csv")
    assert told(alone) == ["r.csv:292:25: Q007"]
    after = same_with_jobs("--results", write("r.csv", 300, {5: f"janya_2554_r1,1,P5,,,,abc,{rest}", **missing}),
                           "--format", "csv")
    assert told(after) == ["r.csv:7:23: Q003", "r.csv:292:25: Q007"]
    assert "checked 1 file: 2 errors, 0 warnings" in after.stderr
    # a row with two scoring problems, a raise of 6.5% outside ดี's range (Q023) and over the cap
    # (Q024), in the last part: both told after the first part's Q003
    both = {5: f"janya_2554_r1,1,P5,,,,abc,{rest}", 290: f"janya_2554_r1,1,P290,6.5,,,{SCORES}"}
    after = same_with_jobs("--results", write("r.csv", 300, both), "--format", "csv")
    assert [t.split(": ")[1] for t in told(after)] == ["Q003", "Q023", "Q024"]
    assert "checked 1 file: 3 errors, 0 warnings" in after.stderr
    # and with one diagnostic kept (the others only counted): Q023 and Q024 counted all the same,
    # by the one process and by the parts' workers
    from kpidsl.score import batch
    kept = batch.MAX_DIAGNOSTICS
    monkeypatch.setattr(batch, "MAX_DIAGNOSTICS", 1)
    after = same_with_jobs("--results", "r.csv", "--format", "csv")
    assert told(after) == ["r.csv:7:23: Q003"] and "3 errors" in after.stderr
    monkeypatch.setattr(batch, "MAX_DIAGNOSTICS", kept)
    bad = {5: f"janya_2554_r1,1,P5,,,,abc,{rest}", **missing, 295: f"janya_2554_r1,1,P295,,,,abc,{rest}"}
    after = same_with_jobs("--results", write("r.csv", 300, bad), "--format", "csv")
    assert told(after) == ["r.csv:7:23: Q003", "r.csv:292:25: Q007", "r.csv:297:25: Q003"]
    Path("all").mkdir()
    Path("r.csv").rename("all/a.csv")
    Path("all/b.json").write_text('[{"agreement": "janya_2554_r1", "round": "1", "person": "J", "results": {}}]',
                                  encoding="utf-8")
    files = same_with_jobs("--results", "all", "--format", "csv")
    assert "Q003" in files.stderr and "b.json" in files.stderr and files.stderr.count("Q007") == 2


def test_several_files_cut_and_not(work, in_process, monkeypatch):
    Path("all").mkdir()
    write("all/a.csv", 500, {499: f"janya_2554_r1,1,P7,,,,{SCORES}"})
    write("all/b.csv", 500, {0: f"janya_2554_r1,1,P499,,,,{SCORES}", 2: f"janya_2554_r1,1,P1,,,,{SCORES}"})
    scores = dict(zip([f"{k}{n}" for k in "jc" for n in range(1, 6)], map(float, SCORES.split(","))))
    record = {"agreement": "janya_2554_r1", "round": "1", "person": "J",
              "results": {node: {"score": value} for node, value in scores.items()}}
    Path("all/c.json").write_text(json.dumps([record, record]), encoding="utf-8")  # JSON: one part, exact
    monkeypatch.setattr(parts, "PART_BYTES", 8 * 1024)
    assert parts_of(Path("all/b.csv"), 2) == 4  # 25,024 bytes in parts of 8 kB
    one = same_with_jobs("--results", "all", "--format", "csv", jobs=2)
    assert told(one, "all/a.csv") == ["all/a.csv:501:1: Q006"]
    assert told(one, "all/b.csv") == ["all/b.csv:4:1: Q006", "all/b.csv:501:1: Q006"] and told(one, "all/c.json")[0].endswith("Q006")
    (pool,) = in_process
    assert [t["path"] for t in pool.tasks] == ["all/a.csv"] * 4 + ["all/b.csv"] * 4 + ["all/c.json"]
    assert pool.tasks[-1]["part"] is None
    assert [c["path"] for c in pool.confirmed] == ["all/a.csv", "all/b.csv"]  # each file's own, at its end


def test_a_file_stopped_in_a_part_gives_no_more(work, in_process):
    # a cell the reader cannot take (a NUL byte past the head, parts.py's _HEAD_BYTES, so that the
    # file is cut) stops the file where it is, in the second of three parts: the third part's
    # rows are not read (no Q003), nor its diagnostics told
    write("r.csv", 3000, {2900: f"janya_2554_r1,1,P2900,,,,abc,{SCORES.split(',', 1)[1]}"})
    data = Path("r.csv").read_bytes()
    cut = data.index(b"P1500,")
    assert cut > parts._HEAD_BYTES
    Path("r.csv").write_bytes(data[:cut] + b"\x00" + data[cut:])
    one = same_with_jobs("--results", "r.csv", "--format", "csv")
    assert one.exit_code == 1 and told(one) == ["r.csv:1:1: F005"]  # the last part tells it not again
    (pool,) = in_process
    first, second, third = (t["part"]["first_line"] for t in pool.tasks)
    assert first < second <= 1502 < third <= 2902  # the NUL's line (P1500) and the Q003's (P2900)


def test_workers_that_hash_apart_are_refused():
    probe = parts._Probe()
    probe.check(7)
    probe.check(7)
    with pytest.raises(RuntimeError, match="hash apart"):
        probe.check(8)


def test_arrays_from_bytes_and_from_values():
    made = parts._array("q", [3, -1])
    assert list(made) == [3, -1] and list(parts._array("q", made.tobytes())) == [3, -1]


def test_parts_of_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 100)
    (tmp_path / "a.csv").write_bytes(b"x" * 1001)
    assert parts_of(tmp_path / "a.csv", 2) == 11  # ⌈1001 / 100⌉
    assert parts_of(tmp_path / "a.csv", 20) == 20
    assert parts_of(tmp_path / "gone.csv", 3) == 3


def test_csv_cut_at_line_ends(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"h\n" + b"".join(b"row%d\n" % n for n in range(10)))  # 2 + 10 x 5 bytes
    assert cut_csv(path, 2) == [Part(2, 27, 2, 2), Part(27, 52, 2, 7)]
    assert cut_csv(path, 1) is None
    assert cut_csv(path, 100) == [Part(2 + 5 * n, 7 + 5 * n, 2, 2 + n) for n in range(10)]
    path.write_bytes(b"h\n" + b"row\n")
    assert cut_csv(path, 2) is None  # one row: no two parts
    path.write_bytes(b"h\r\nrow1\r\nrow2\r\n")
    assert cut_csv(path, 2) == [Part(3, 9, 3, 2), Part(9, 15, 3, 3)]  # \r\n: a line end


@pytest.mark.parametrize("data", [b'{"a": 1}\n\n\n', b'  [1,\n2,\n3]\n', b"h\n\x00\nb\nc\n", b"h\n\xff\nb\nc\n"])
def test_what_is_not_cut(tmp_path, data):
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    assert cut_csv(path, 2) is None


@pytest.mark.parametrize("data, cut", [
    (b"h\rrow1\rrow2\r", [Part(2, 7, 2, 2), Part(7, 12, 2, 3)]),
    (b"h\nrow1\rrow2\nrow3\n", [Part(2, 12, 2, 2), Part(12, 17, 2, 4)]),
    (b"h\nrow1\nrow2\nrow3\r", [Part(2, 12, 2, 2), Part(12, 17, 2, 4)]),
])
def test_a_lone_cr_is_a_line_end_as_the_reader_reads_it(tmp_path, data, cut):
    # cut where the reader (newline="") ends its lines, a CR alone among them: each part's first
    # line counted as the reader counts it (one process read such a file whole before)
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    assert cut_csv(path, 2) == cut


@pytest.mark.parametrize("name", ["r.json", "r.JSON", "r.xlsx"])
def test_json_and_workbooks_are_not_cut(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"h\nrow1\nrow2\nrow3\n")
    assert cut_csv(path, 2) is None
    assert cut_csv(tmp_path / "r.csv", 2) is None  # not there: read whole, its reader tells it


@pytest.mark.parametrize("before", [None, "77"])
def test_the_pool_starts_under_one_seed_and_the_environment_is_put_back(monkeypatch, before):
    seen = []

    class Started:
        def __init__(self, processes, initializer, initargs) -> None:
            seen.append((processes, initializer, initargs, os.environ.get("PYTHONHASHSEED")))

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            seen.append("closed")

    monkeypatch.setattr(parts.multiprocessing, "get_context",
                        lambda method: SimpleNamespace(Pool=Started) if method == "spawn" else None)
    if before is None:
        monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    else:
        monkeypatch.setenv("PYTHONHASHSEED", before)
    with parts.shared_hash_pool(2, print, ("x",)) as pool:
        assert isinstance(pool, Started) and os.environ.get("PYTHONHASHSEED") == before
    (processes, initializer, initargs, seed), closed = seen
    assert (processes, initializer, initargs, closed) == (2, print, ("x",), "closed")
    assert seed.isdigit() and int(seed) < 2 ** 32 and seed != before  # what PYTHONHASHSEED takes


def test_an_interpreter_that_ignores_the_environment_cuts_no_file(work, in_process, monkeypatch):
    # `python -E` (tests/test_score_jobs_keys.py runs it): no seed reaches the workers
    monkeypatch.setattr(parts, "sys", SimpleNamespace(flags=SimpleNamespace(ignore_environment=1)))
    assert not parts.hash_seed_passes()
    write("r.csv", 300)
    same_with_jobs("--results", "r.csv", "--format", "csv")
    (pool,) = in_process
    assert [t["part"] for t in pool.tasks] == [None] and pool.processes == 1


def test_a_worker_collects_as_one_process_does(work, in_process):
    write("r.csv", 300)
    score("--results", "r.csv", "--jobs", "2")
    (pool,) = in_process
    assert pool.threshold == BATCH_GC_EVERY  # set by take_plan, the worker's start


@pytest.mark.parametrize("mode", ["kept", "arrays", "moved", 0, 64])
def test_rows_given_twice_in_and_across_parts(work, in_process, monkeypatch, mode):
    # as tests/test_score_jobs_keys.py, in this process: the keys of the process that made the
    # parts kept in a set, in arrays past 1,500, moved to the filter past 2,500, or the filter
    # from the start (64 bits: every key a suspect)
    from kpidsl.score import seen_rows

    if mode == "arrays":
        monkeypatch.setattr(seen_rows, "SET_KEYS", 1500)
    elif mode == "moved":
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 2500)
    elif mode != "kept":
        monkeypatch.setattr(seen_rows, "_BLOOM_BITS", mode or seen_rows._BLOOM_BITS)
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 0)
    # P0 … P39 again in the last part: 40 keys, of either sign (a key is a hash)
    again = {5_000 + n: f"janya_2554_r1,1,P{n},,,,{SCORES}" for n in range(40)}
    write("r.csv", 6_000, {11: f"janya_2554_r1,1,P10,,,,{SCORES}", 20: f"janya_2554_r1,1,,,,,{SCORES}",
                           3_000: f"janya_2554_r1,2,P30,,,,{SCORES}", 5_999: f"janya_2554_r1,1,,,,,{SCORES}", **again})
    one = same_with_jobs("--results", "r.csv", "--round", "1", "--format", "csv")
    # (rows 11 and 20 are no longer P11 and P20: their second is the first)
    assert told(one) == (["r.csv:13:1: Q006", "r.csv:3002:15: Q032"]
                         + [f"r.csv:{5_002 + n}:1: Q006" for n in range(40) if n not in (11, 20)]
                         + ["r.csv:6001:1: Q006"])


def test_rows_given_twice_under_the_command_s_agreement_and_round(work, in_process):
    # rows that name neither agreement nor round are keyed by --agreement and --round: so are
    # they by the worker that confirms the suspects
    lines = [HEADER] + [f",,P{n},,,,{SCORES}" for n in range(300)]
    lines[296] = f",,P5,,,,{SCORES}"  # line 297, in the last part: P5's second
    Path("r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = same_with_jobs("--results", "r.csv", "--agreement", "janya_2554_r1", "--round", "1", "--format", "csv")
    assert told(one) == ["r.csv:297:1: Q006"] and "the first is at line 7" in one.stderr


def test_a_worker_s_diagnostic_comes_back_as_it_was():
    import attrs

    from kpidsl.diagnostics.model import Diagnostic
    from kpidsl.diagnostics.span import Span

    located = Diagnostic("Q006", "error", Span("r.csv", 13, 1, 13, 2), "", "")  # the fields, not the texts
    for d in (located, attrs.evolve(located, span=None)):
        assert parts._diagnostic(attrs.asdict(d)) == d


CRLF = b"h,i\r\n" + b"".join(b'a%d,"x\r\ny"\r\n' % n for n in range(12))  # a quoted line end in every row


@pytest.mark.parametrize("chunk", range(1, 14))
def test_line_ends_found_whatever_the_chunks(tmp_path, monkeypatch, chunk):
    # the bytes are read _CHUNK at a time: a \r\n cut between two chunks is one line end, a
    # lone \r at a chunk's end (or in the next) another, wherever the chunks fall
    path = tmp_path / "r.csv"
    path.write_bytes(CRLF)
    whole = cut_csv(path, 4)
    assert [(p.start, p.first_line) for p in whole] == [(5, 2), (38, 8), (71, 14), (115, 22)]  # rows of 2 lines
    lone = (b"h\nrow1\rrow2\nrow3\rrow4\n" * 3, CRLF.replace(b"a5,", b"a\r5,").replace(b"a9,", b"a\r9,"),
            CRLF + b"a\r", b"h\nab\rc\rd\n" + b"row\n" * 6)  # (chunks of 5: a \r ends one, the next has one)
    cuts = []
    for data in lone:  # a lone \r is a line end too, wherever the chunks fall
        path.write_bytes(data)
        cuts.append(cut_csv(path, 2))
    monkeypatch.setattr(parts, "_CHUNK", chunk)
    path.write_bytes(CRLF)
    assert cut_csv(path, 4) == whole
    for data, cut in zip(lone, cuts):
        path.write_bytes(data)
        assert cut is not None and cut_csv(path, 2) == cut


def test_a_blank_first_line(work, in_process):
    # the header's end is the first line end, even at the first byte
    write("r.csv", 300)
    Path("r.csv").write_bytes(b"\n" + Path("r.csv").read_bytes())
    assert cut_csv(Path("r.csv"), 3)[0].header_end == 1
    same_with_jobs("--results", "r.csv", "--format", "csv")


def test_a_file_over_the_csv_limit_is_not_cut(tmp_path, monkeypatch):
    # read whole, as one part: its reader tells it is too big, as with one process
    path = tmp_path / "r.csv"
    path.write_bytes(b"h\nrow1\nrow2\nrow3\n")
    monkeypatch.setattr(parts, "MAX_CSV_BYTES", 17)  # its size: at the limit, cut
    assert len(cut_csv(path, 2)) == 2
    monkeypatch.setattr(parts, "MAX_CSV_BYTES", 16)
    assert cut_csv(path, 2) is None


@pytest.mark.parametrize("data, cut", [
    ("h\nabก\nกก\nrow\nrow\n".encode(), True),  # the head (9 bytes) ends inside ก: decoded to its last line end
    (b"h\na\n\xff\nb\nrow\nrow\nrow\n", False),  # not UTF-8 on the head's third line
    (b"h\nab\nrow\nrow\n\xffrow\n", True),  # not UTF-8 past the head: found by the reader, which tells it
    (b"h\nrow\n\xff", False),  # all of it in the head, its last line not UTF-8
])
def test_the_head_tells_whether_a_file_is_cut(tmp_path, monkeypatch, data, cut):
    monkeypatch.setattr(parts, "_HEAD_BYTES", 9 if len(data) > 9 else 64)
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    assert (cut_csv(path, 2) is not None) is cut


def test_at_most_two_parts_a_process_wait_to_be_copied_out(work, in_process, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 1024)
    write("r.csv", 300)  # 14.6 kB: 15 parts of 1 kB
    same_with_jobs("--results", "r.csv", "--format", "csv", jobs=2)
    (pool,) = in_process
    assert len(pool.tasks) == 15 and pool.most_waiting == parts.WINDOW * 2 == 4


def test_a_part_without_a_row_to_score_adds_nothing_between_its_neighbours(work, in_process):
    # the middle part of three only blank rows (skipped, as one process skips them): no
    # separator owed for it, in JSON (",\n") nor text
    write("r.csv", 300, {n: ",".join(['""'] * 16) for n in range(80, 220)})
    for fmt in ("json", "text"):
        one = same_with_jobs("--results", "r.csv", "--format", fmt)
        assert one.exit_code == 0 and one.stdout.count("janya_2554_r1") == 160
    first, second, third = (t["part"]["first_line"] for t in in_process[0].tasks[:3])
    assert first < 82 <= second < third <= 222  # the middle part's rows all blank
    # the rows counted are every part's
    written = same_with_jobs("--results", "r.csv", "--format", "csv", "-o", "out.csv")
    assert "wrote out.csv (160 scored)" in written.stderr


PLAIN = "agreement,round,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score"


@pytest.mark.parametrize("fmt, quick", [("csv", True), ("json", True), ("text", False)])
def test_a_worker_takes_rows_the_quick_way_as_one_process_does(work, in_process, monkeypatch, fmt, quick):
    # rows without a raise or salary (no raise pool to fill): CSV and JSON without explanations
    # are read a run at a time and scored on the spot (kpidsl/score/evaluate/rows.py
    # RowEvaluator.many) by each worker as by one process; text never is
    from kpidsl.score.evaluate import rows

    Path("r.csv").write_text("\n".join([PLAIN] + [f"janya_2554_r1,1,P{n},{SCORES}" for n in range(300)]) + "\n",
                             encoding="utf-8")
    taken = []
    many = rows.RowEvaluator.many

    def counted(self, cols, count, *rest):
        taken.append(count)
        return many(self, cols, count, *rest)

    monkeypatch.setattr(rows.RowEvaluator, "many", counted)
    one = same_with_jobs("--results", "r.csv", "--format", fmt)
    assert one.exit_code == 0 and one.stdout.count("janya_2554_r1") == 300 and "70.8" in one.stdout
    assert sum(taken) == (2 * 300 if quick else 0)  # one process's, then the three parts'
