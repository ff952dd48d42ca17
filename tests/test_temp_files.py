"""kpidsl writes nothing outside the output the user named: no file in the system's
temporary folder, none anywhere else, for `score --jobs`, `score --engine sql` (DuckDB's
spill, a workbook's rows, the rows left to the evaluator) and standard output.

Every write this process makes is seen by an audit hook (``open`` with a write mode or
flag, ``os.mkdir``, ``tempfile.*``), while the system's temporary folder is an empty one
of the test's (TMPDIR and tempfile.tempdir): a write outside the output's folder fails
the test, even one removed a moment later. What DuckDB does itself (C++, no audit event)
is checked by the folder it is told to spill into.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score\n")
SCORES = "3,3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี
# a row the SQL query leaves to the evaluator (a Thai digit), which scores it without a word
THAI = "๓,3.5,3,4.5,3,4.5,4,3,4,3,3"

_WRITES = (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
_watching: list[list[str]] = []  # where a test's commands' writes go (a hook cannot be removed)
_seen: list[list[str]] = []  # that, while a command runs


def _hook(event: str, args: tuple) -> None:
    if not _seen:
        return
    path = None
    if event == "open":
        path, mode, flags = args
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITES)
        if not writes or isinstance(path, int):
            return
    elif event in ("os.mkdir", "tempfile.mkdtemp", "tempfile.mkstemp", "os.rename", "os.symlink", "os.link"):
        path = args[0]
    else:
        return
    name = os.fsdecode(path)
    if os.sep not in name:
        return  # a name in a folder opened (kpidsl/folder_fds.py dir_fd), which "open" does not give: see run
    if name.startswith("/proc/self/fd/") and name.count("/") > 4:  # in a folder pinned (kpidsl/working_folders.py)
        name = os.path.join(os.path.realpath(os.path.dirname(name)), os.path.basename(name))
    for watch in _seen:
        watch.append(name)


sys.addaudithook(_hook)


@pytest.fixture
def watched(tmp_path, monkeypatch):
    """(the input folder, the output folder, the writes seen): the writes a test makes
    outside the output folder and the parse cache are a mistake (bytecode aside)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    given, out = tmp_path / "in", tmp_path / "out"
    given.mkdir()
    out.mkdir()
    shutil.copytree(ROOT / "rules" / "2554", given / "2554")
    monkeypatch.chdir(given)  # DuckDB's own default spill folder is `.tmp` here
    writes: list[str] = []
    _watching.append(writes)
    yield given, out, writes
    _watching.remove(writes)
    # /proc/self/fd/N: an anonymous in-memory file of this process (kpidsl/xlsx/sheet_storage.py)
    allowed = (str(out) + os.sep, os.environ["KPIDSL_CACHE_DIR"] + os.sep, "/proc/self/fd/")
    outside = [p for p in writes if not (os.path.abspath(p) + os.sep).startswith(allowed)
               and "__pycache__" not in p]  # bytecode Python writes as it imports
    assert outside == []
    assert list(tmp.iterdir()) == [] and not (given / ".tmp").exists()
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def results(folder: Path, rows: int, unsure_every: int = 0) -> Path:
    lines = [HEADER] + [f"janya_2554_r1,1,P{n},{THAI if unsure_every and n % unsure_every == 0 else SCORES}\n"
                        for n in range(rows)]
    path = folder / "big.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run(*args: str, **invoke):
    """A command, its writes seen (the test's own writes, its input, are not)."""
    before = set(os.listdir("."))
    _seen.extend(_watching)
    try:
        return CliRunner().invoke(main, [*args, "--lang", "en"], **invoke)
    finally:
        _seen.clear()
        for watch in _watching:  # what a bare name left where the command runs (_hook passes bare names)
            watch.extend(os.path.abspath(name) for name in set(os.listdir(".")) - before)


def score(given: Path, path: Path, *args: str):
    return run("score", str(given / "2554"), "--results", str(path), *args)


@pytest.mark.parametrize("to", ["file", "stdout"])
def test_jobs_write_no_part_outside_the_output(watched, to, monkeypatch):
    import kpidsl.score.parts as parts

    given, out, _ = watched
    monkeypatch.setattr(parts, "PART_BYTES", 20_000)  # 180 kB: more parts than processes, given out a few at a time
    path = results(given, 3_000)
    assert len(parts.cut_csv(path, parts.parts_of(path, 2))) > 2 * parts.WINDOW
    target = ["-o", str(out / "scores.csv")] if to == "file" else ["-o", "-"]
    one = score(given, path, "--format", "csv", *target)
    first = (out / "scores.csv").read_bytes() if to == "file" else one.stdout_bytes
    two = score(given, path, "--format", "csv", "--jobs", "2", *target)
    assert one.exit_code == two.exit_code == 0, two.output
    assert ((out / "scores.csv").read_bytes() if to == "file" else two.stdout_bytes) == first
    assert first.count(b"janya_2554_r1,P") == 3_000


def test_standard_output_past_the_spool_writes_no_temporary_file(watched, monkeypatch):
    import kpidsl.score.pending_output as pending

    given, _, _ = watched
    monkeypatch.setattr(pending, "SPOOL_CHARS", 10_000)  # 3,000 rows of CSV: far past it
    path = results(given, 3_000)
    done = score(given, path, "--format", "csv", "-o", "-")
    assert done.exit_code == 0, done.output
    assert done.stdout.count("janya_2554_r1,P") == 3_000


def test_standard_output_past_the_spool_with_a_mistake_prints_nothing(watched, monkeypatch):
    import kpidsl.score.pending_output as pending

    given, _, _ = watched
    monkeypatch.setattr(pending, "SPOOL_CHARS", 10_000)
    path = results(given, 3_000)
    path.write_text(path.read_text(encoding="utf-8") + f"janya_2554_r1,1,late,{SCORES[:-2]},x\n", encoding="utf-8")
    done = score(given, path, "--format", "csv", "-o", "-")
    assert done.exit_code == 1 and done.stdout == "" and ": Q003 " in done.stderr


sql = pytest.mark.skipif(not all(__import__("importlib").util.find_spec(m) for m in ("duckdb", "sqlglot")),
                         reason="the sql extra is not installed")


@sql
@pytest.mark.parametrize("to", ["file", "stdout"])
def test_sql_engine_writes_nothing_outside_the_output(watched, to, monkeypatch):
    import kpidsl.sql.run as run

    given, out, _ = watched
    import kpidsl.score.pending_output as pending

    monkeypatch.setattr(run, "UNSURE", 7)  # several batches of rows left to the evaluator
    monkeypatch.setattr(pending, "SPOOL_CHARS", 10_000)  # standard output past what is held in memory
    path = results(given, 400, unsure_every=9)
    target = ["-o", str(out / "scores.csv")] if to == "file" else ["-o", "-"]
    by_python = score(given, path, "--format", "csv", "--engine", "python", "--no-bom", "-o", "-")
    by_sql = score(given, path, "--format", "csv", "--engine", "sql", "--no-bom", *target)
    assert by_sql.exit_code == by_python.exit_code == 0, by_sql.output
    got = (out / "scores.csv").read_bytes() if to == "file" else by_sql.stdout_bytes
    assert got == by_python.stdout_bytes and got.count(b"janya_2554_r1,P") == 400


@sql
def test_sql_engine_reads_a_workbook_without_a_temporary_csv(watched):
    openpyxl = pytest.importorskip("openpyxl")
    given, out, _ = watched
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for n in range(40):
        ws.append(f"janya_2554_r1,1,P{n},{THAI if n % 5 == 0 else SCORES}".split(","))
    book = given / "results.xlsx"
    wb.save(book)
    by_python = score(given, book, "--format", "csv", "--engine", "python", "-o", "-")
    by_sql = score(given, book, "--format", "csv", "--engine", "sql", "-o", "-")
    assert by_sql.exit_code == by_python.exit_code == 0, by_sql.output
    assert by_sql.stdout_bytes == by_python.stdout_bytes and by_sql.stdout.count("janya_2554_r1,P") == 40


@sql
@pytest.mark.parametrize("to", ["file", "stdout", "stdout-no-cache"])
def test_sql_engine_spills_only_beside_the_output_or_in_the_cache(watched, to, monkeypatch):
    """DuckDB writes its spill files itself: every folder it is told to spill into is one
    kpidsl made for the run and removes after it: a hidden one beside the output file, or,
    on standard output, one inside kpidsl's cache folder; with the cache off, none ('')."""
    import duckdb

    from kpidsl.syntax import cache

    given, out, _ = watched
    if to == "stdout-no-cache":
        monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    told: list[tuple[str, bool]] = []  # each folder told, and whether it was then a folder of the user's alone
    real = duckdb.connect

    class Watched:
        def __init__(self, con):
            self.con = con

        def execute(self, query, *args):
            if "temp_directory" in query.lower():
                folder = query.split("'")[1]
                if folder.startswith("/proc/self/fd/"):  # told by its descriptor's path (kpidsl/working_folders.py)
                    folder = os.path.realpath(folder)
                told.append((folder, bool(folder) and os.path.isdir(folder) and not os.path.islink(folder)
                             and os.stat(folder).st_mode & 0o777 == 0o700))
            return self.con.execute(query, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Watched(real(*a, **k)))
    path = results(given, 200)
    target = ["-o", str(out / "scores.csv")] if to == "file" else ["-o", "-"]
    done = score(given, path, "--format", "csv", "--engine", "sql", *target)
    assert done.exit_code == 0, done.output
    assert told, "DuckDB's spill folder is always set (its default is `.tmp` in the working folder)"
    for folder, made in told:
        if to == "stdout-no-cache":
            assert folder == ""
            continue
        where = Path(folder)
        if to == "file":
            assert where.parent == out and where.name.startswith(".")
        else:  # the cache folder the conftest gives the session, never its parent or the working folder
            assert where.parent == cache.own_folder(create=False) and where.name.startswith("sql-spill-")
        assert made and not where.exists()  # made for the run, 0700; removed after it


def _to_file(given: Path, path: Path, target: Path, append: bool, stderr_too: bool = False):
    """The command run with its standard output a regular file (a shell's `>` or `>>`)."""
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(target, "ab" if append else "wb") as out:
        return subprocess.run([sys.executable, "-m", "kpidsl", "score", str(given / "2554"), "--results", str(path),
                               "--format", "csv", "--lang", "en", "-o", "-"], stdout=out,
                              stderr=out if stderr_too else subprocess.PIPE, env=env, text=True)


@pytest.mark.parametrize("append", [False, True])
def test_standard_output_a_file_is_written_once_or_cut_back(watched, append):
    """`> scores.csv` / `>> log`: one pass, written as made; a batch with a mistake leaves
    the file as it was before the run (empty, or the log's old lines)."""
    given, out, _ = watched
    path = results(given, 100_000)  # many 1 MiB pieces of output, written before the mistake is met
    target = out / "scores.csv"
    before = b"an earlier line\n" if append else b""
    target.write_bytes(before)
    done = _to_file(given, path, target, append)
    assert done.returncode == 0, done.stderr
    clean = target.read_bytes()
    assert clean.startswith(before) and clean.count(b"janya_2554_r1,P") == 100_000
    target.write_bytes(before)
    path.write_text(path.read_text(encoding="utf-8") + f"janya_2554_r1,1,late,{SCORES[:-2]},x\n", encoding="utf-8")
    done = _to_file(given, path, target, append)
    assert done.returncode == 1 and ": Q003 " in done.stderr
    assert target.read_bytes() == before


def test_standard_and_error_output_one_file_holds_only_the_diagnostics(watched):
    """`> all.txt 2>&1`: the output cut back, the diagnostics written from its start (no hole)."""
    given, out, _ = watched
    path = results(given, 100_000)  # many 1 MiB pieces of output, written before the mistake is met
    path.write_text(path.read_text(encoding="utf-8") + f"janya_2554_r1,1,late,{SCORES[:-2]},x\n", encoding="utf-8")
    target = out / "all.txt"
    done = _to_file(given, path, target, False, stderr_too=True)
    text = target.read_text(encoding="utf-8")
    assert done.returncode == 1 and ": Q003 " in text and "\x00" not in text and "janya_2554_r1,P" not in text


@pytest.mark.parametrize("to", ["file", "stdout", "stdout, the cache off"])
def test_a_scores_workbook_keeps_its_sheets_on_disk_never_in_memory(watched, to, monkeypatch):
    """A scores workbook's sheets are written as the evaluations come, zipped at the end. Held
    in memory (an anonymous in-memory file, then the workbook's bytes), 100,000 evaluations
    took 1.2 GB of memory the process's size did not show. With a file to write, they wait in
    a hidden folder beside it, and the workbook is zipped straight into the file. Standard
    output has no folder beside it: they wait in a folder made for the run in kpidsl's cache
    folder, where the workbook is zipped too and then copied out; only with the cache off do
    they stay in memory. Either folder is removed after."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    from openpyxl import load_workbook

    from kpidsl.run_folders import XLSX_SHEETS

    if to.endswith("off"):
        monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    in_memory = []
    real_memfd = os.memfd_create
    monkeypatch.setattr(os, "memfd_create", lambda *a: in_memory.append(a) or real_memfd(*a))
    given, out, writes = watched
    path = results(given, 300)
    target = ["-o", str(out / "scores.xlsx")] if to == "file" else ["-o", "-"]
    done = score(given, path, "--format", "xlsx", *target)
    assert done.exit_code == 0, done.output
    data = (out / "scores.xlsx").read_bytes() if to == "file" else done.stdout_bytes
    import io

    summary = load_workbook(io.BytesIO(data)).worksheets[0]
    assert (summary.max_row, summary.freeze_panes, summary.column_dimensions["A"].width) == (301, "D2", 24)
    beside = {Path(w).name for w in writes if Path(w).parent.name.startswith(".scores.xlsx.kpidsl-sheets-")}
    cache = os.environ["KPIDSL_CACHE_DIR"]
    in_cache = [Path(w) for w in writes if w.startswith(cache + os.sep) and Path(w).parent.name.startswith(XLSX_SHEETS)]
    if to == "file":
        assert in_memory == [] and in_cache == [] and sorted(beside) == ["sheet1.xml", "sheet2.xml", "sheet3.xml"]
    elif to == "stdout":
        assert in_memory == [] and not beside
        assert sorted({w.name for w in in_cache}) == ["sheet1.xml", "sheet2.xml", "sheet3.xml", "sheet4.xlsx"]
        assert len({w.parent for w in in_cache}) == 1 and not in_cache[0].parent.exists()  # one folder, removed
    else:
        assert len(in_memory) == 3 and not beside and in_cache == []


def test_a_scores_workbook_for_standard_output_is_the_one_a_file_gets(watched):
    """The workbook copied out of kpidsl's cache is the one `-o FILE` writes, sheet for sheet
    (only the time it was made may differ)."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    import io
    import zipfile

    given, out, _ = watched
    path = results(given, 300)
    assert score(given, path, "--format", "xlsx", "-o", str(out / "scores.xlsx")).exit_code == 0
    done = score(given, path, "--format", "xlsx", "-o", "-")
    assert done.exit_code == 0, done.output
    by_file, by_stdout = zipfile.ZipFile(out / "scores.xlsx"), zipfile.ZipFile(io.BytesIO(done.stdout_bytes))
    assert by_file.namelist() == by_stdout.namelist()
    # the time it was made, to the second: the same when both runs fall in one second
    assert [n for n in by_file.namelist() if by_file.read(n) != by_stdout.read(n)] in ([], ["docProps/core.xml"])


@pytest.mark.parametrize("to", ["file", "stdout"])
def test_a_scores_workbook_of_a_batch_with_a_mistake_leaves_nothing(watched, to):
    """The mistake is met after the sheets began beside the output (or in kpidsl's cache,
    for standard output): neither they, their folder nor the workbook's stand-in are left,
    and no workbook appears."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    from kpidsl.run_folders import XLSX_SHEETS

    given, out, writes = watched
    path = results(given, 300)
    path.write_text(path.read_text(encoding="utf-8") + f"janya_2554_r1,1,late,{SCORES[:-2]},x\n", encoding="utf-8")
    done = score(given, path, "--format", "xlsx", "-o", str(out / "scores.xlsx") if to == "file" else "-")
    assert done.exit_code == 1 and ": Q003 " in done.output
    assert list(out.iterdir()) == [] and done.stdout_bytes == b""
    folders = {Path(w).parent for w in writes if Path(w).parent.name.startswith(XLSX_SHEETS)}
    assert len(folders) == (to == "stdout") and not any(f.exists() for f in folders)


@pytest.mark.parametrize("to", ["file", "stdout"])
def test_a_results_entry_workbook_keeps_its_sheets_in_memory(watched, to):
    """`kpidsl workbook` (an ordinary openpyxl workbook: openpyxl writes each sheet into a
    temporary file of the system's folder as it saves) writes nothing but its output (for
    standard output, its sheets wait in kpidsl's cache folder: the test below)."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    import io

    from openpyxl import load_workbook

    given, out, _ = watched
    target = ["-o", str(out / "entry.xlsx")] if to == "file" else ["-o", "-"]
    done = run("workbook", str(given / "2554"), "--agreement", "janya_2554_r1", "--agreement", "district_agri",
               *target)
    assert done.exit_code == 0, done.output
    data = (out / "entry.xlsx").read_bytes() if to == "file" else done.stdout_bytes
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["janya_2554_r1", "district_agri", "คำอธิบาย"]
    janya = book["janya_2554_r1"]
    assert janya.protection.sheet and janya.freeze_panes == "D15"


@pytest.mark.parametrize("to", ["stdout", "stdout, the cache off"])
def test_a_results_entry_workbook_for_standard_output_is_copied_out_of_kpidsls_cache(watched, to, monkeypatch):
    """`kpidsl workbook -o -` made the whole workbook in memory (its sheets in anonymous
    in-memory files, then its bytes) before writing it: `--people` in the hundreds of
    thousands took memory as the rows grew. Its sheets wait in a folder made for the run in
    kpidsl's cache folder, as a scores workbook's do, where the workbook is zipped and then
    copied out a chunk at a time, the folder removed; with the cache off, in memory as before."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    import io

    from openpyxl import load_workbook

    from kpidsl.cli import common
    from kpidsl.run_folders import XLSX_SHEETS
    from kpidsl.xlsx import sheet_storage

    monkeypatch.setattr(sheet_storage, "COPY_CHUNK", 1 << 16)  # a workbook of some 400 kB in several
    if to.endswith("off"):
        monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    in_memory = []
    real_memfd = os.memfd_create
    monkeypatch.setattr(os, "memfd_create", lambda *a: in_memory.append(a) or real_memfd(*a))
    chunks: list[int] = []
    real_write = common.write_stdout_bytes
    monkeypatch.setattr(common, "write_stdout_bytes", lambda data: chunks.append(len(data)) or real_write(data))
    given, out, writes = watched
    done = run("workbook", str(given / "2554"), "--agreement", "rayong_agri_2554", "--people", "3000", "-o", "-")
    assert done.exit_code == 0, done.output
    book = load_workbook(io.BytesIO(done.stdout_bytes), read_only=True)
    assert book.sheetnames == ["rayong_agri_2554", "คำอธิบาย"]
    assert sum(1 for _ in book["rayong_agri_2554"].iter_rows(min_col=1, max_col=1, values_only=True)) == 14 + 3 * 3000
    assert sum(chunks) == len(done.stdout_bytes) > 4 * sheet_storage.COPY_CHUNK  # its three rounds' rows
    cache = os.environ["KPIDSL_CACHE_DIR"]
    in_cache = [Path(w) for w in writes if w.startswith(cache + os.sep) and Path(w).parent.name.startswith(XLSX_SHEETS)]
    if to == "stdout":
        assert in_memory == [] and sorted({w.name for w in in_cache}) == ["sheet1.xlsx", "sheet2.xml", "sheet3.xml"]
        assert len({w.parent for w in in_cache}) == 1 and not in_cache[0].parent.exists()  # one folder, removed
        assert max(chunks) <= sheet_storage.COPY_CHUNK  # copied out a chunk at a time, never held whole
    else:
        assert len(in_memory) == 2 and in_cache == [] and chunks == [len(done.stdout_bytes)]


def test_pdf_forms_keep_their_font_in_memory(watched):
    """`render --pdf` (as `build --pdf`): WeasyPrint writes each inline font of a page into a
    folder of the system's temporary folder for Fontconfig to load; kpidsl's are in memory."""
    from kpidsl.forms import pdf

    if not pdf.available():
        pytest.skip("the pdf extra (WeasyPrint) is not installed")
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDFs back: pip install 'kpidsl[test]'")
    import io

    given, out, _ = watched
    done = run("render", str(given / "2554"), "--agreement", "janya_2554_r1", "--form", "individual", "--pdf",
               "-o", str(out / "forms"))
    assert done.exit_code == 0, done.output
    printed = sorted((out / "forms").rglob("*.pdf"))
    assert len(printed) == 1
    fonts = set()
    for page in pypdf.PdfReader(io.BytesIO(printed[0].read_bytes())).pages:
        for ref in ((page.get("/Resources") or {}).get("/Font") or {}).values():
            fonts.add(str(ref.get_object().get("/BaseFont")).split("+")[-1])
    assert fonts == {"Sarabun", "Sarabun-Bold"}


def _results_file(given: Path) -> Path:
    shutil.copy(ROOT / "examples" / "janya.csv", given / "janya.csv")
    return given / "janya.csv"


# Every command of kpidsl/cli, its output (if any) in the output folder: (its arguments made
# from the input and output folders). A command that rewrites rule files (fmt) is given a
# copy in the output folder, which is then what the user named.
COMMANDS = {
    "check": lambda g, o: ["check", f"{g}/2554"],
    "check-sarif": lambda g, o: ["check", f"{g}/2554", "--format", "sarif"],
    "compile": lambda g, o: ["compile", f"{g}/2554", "-o", f"{o}/plan.json"],
    "compile-stdout": lambda g, o: ["compile", f"{g}/2554", "-o", "-"],
    "build": lambda g, o: ["build", f"{g}/2554", "-o", f"{o}/build"],
    "render-md": lambda g, o: ["render", f"{g}/2554", "--format", "md", "-o", f"{o}/md"],
    "render-results": lambda g, o: ["render", f"{g}/2554", "--results", str(_results_file(g)), "-o", f"{o}/forms"],
    "fmt": lambda g, o: ["fmt", str(shutil.copytree(f"{g}/2554", f"{o}/2554"))],
    "fmt-diff": lambda g, o: ["fmt", "--diff", f"{g}/2554"],
    "diff": lambda g, o: ["diff", f"{g}/2554", f"{g}/2555", "--format", "md", "-o", f"{o}/diff.md"],
    "rescore": lambda g, o: ["diff", f"{g}/2554", f"{g}/2555", "--rescore", str(_results_file(g)),
                             "-o", f"{o}/rescore.txt"],
    "new-year": lambda g, o: ["new-year", f"{g}/2554", "2555", "-o", f"{o}/2555"],
    "test": lambda g, o: ["test", f"{g}/2554"],
    "mutate": lambda g, o: ["mutate", f"{g}/2554/bands.kpi", "--jobs", "2", "--only", "share-plus-one"],
    "sql": lambda g, o: ["sql", f"{g}/2554", "--agreement", "janya_2554_r1"],
    "score-explain": lambda g, o: ["score", f"{g}/2554", "--results", str(_results_file(g)), "--explain",
                                   "--format", "json", "-o", f"{o}/scores.json"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_writes_only_its_output(watched, command):
    """What this process writes (the audit hook); a worker's or a library's own writes are
    seen by test_every_command_under_strace."""
    given, out, _ = watched
    shutil.copytree(ROOT / "rules" / "2555", given / "2555")
    done = run(*COMMANDS[command](given, out))
    assert done.exit_code in (0, 1), done.output  # a mutant caught, a test failing: still no stray write


# The same commands and a few more, as a separate process seen by strace: the writes of its
# workers (`mutate --jobs`: forked; `score --jobs`: spawned) and of the libraries' own C code
# (DuckDB, Fontconfig, Cairo) too. What is allowed besides the output and kpidsl's cache:
# a POSIX semaphore (/dev/shm/sem.*: multiprocessing's locks, unlinked as soon as made),
# /dev/null, and Fontconfig's own cache in the user's cache folder (a system library's,
# written by any program that lays text out; kpidsl cannot turn it off but by HOME).
STRACED = {
    **COMMANDS,
    "score-jobs": lambda g, o: ["score", f"{g}/2554", "--results", str(_results_file(g)), "--jobs", "2",
                                "--format", "csv", "-o", f"{o}/scores.csv"],
    "score-sql": lambda g, o: ["score", f"{g}/2554", "--results", str(_results_file(g)), "--engine", "sql",
                               "--format", "csv", "-o", f"{o}/scores.csv"],
    # standard output: DuckDB may spill only into kpidsl's cache folder (kpidsl/sql/run.py _spill_folder)
    "score-sql-stdout": lambda g, o: ["score", f"{g}/2554", "--results", str(_results_file(g)), "--engine", "sql",
                                      "--format", "csv", "-o", "-"],
    "score-xlsx": lambda g, o: ["score", f"{g}/2554", "--results", str(_results_file(g)), "--format", "xlsx",
                                "-o", f"{o}/scores.xlsx"],
    "workbook": lambda g, o: ["workbook", f"{g}/2554", "--agreement", "janya_2554_r1", "-o", f"{o}/entry.xlsx"],
    "render-pdf": lambda g, o: ["render", f"{g}/2554", "--agreement", "janya_2554_r1", "--form", "individual",
                                "--pdf", "-o", f"{o}/forms"],
}
_NEEDS = {"score-sql": ("duckdb", "sqlglot"), "score-sql-stdout": ("duckdb", "sqlglot"), "score-xlsx": ("openpyxl",),
          "workbook": ("openpyxl",), "render-pdf": ("weasyprint",)}
_SYSCALLS = ("openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,link,linkat,"
             "symlink,symlinkat,truncate")
_ARG = __import__("re").compile(r'(?:(?:(\d+)<([^>]*)>|AT_FDCWD), )?"((?:[^"\\]|\\.)*)"')


def _strace_works() -> bool:
    import subprocess

    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"], capture_output=True).returncode == 0


def _written(trace: Path, cwd: Path) -> list[str]:
    """Each path a traced process wrote, made, renamed, linked or removed (a failed call aside)."""
    seen = []
    for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
        call = line.split(None, 1)[-1].split("(", 1)[0]
        if not call or " = -1 " in line or call not in _SYSCALLS.split(","):
            continue
        if call in ("open", "openat") and not any(f in line for f in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")):
            continue
        args = line.split("(", 1)[1].rsplit(") = ", 1)[0]
        for _, folder, name in _ARG.findall(args):
            seen.append(os.path.normpath(os.path.join(folder or str(cwd), name)))
    return seen


def _under_strace(tmp_path: Path, args, stdin: bytes | None = None) -> tuple[list[str], bytes]:
    """Run kpidsl with ``args(input folder, output folder)`` under strace: each path it wrote
    outside the output and the allowed places, and its standard output."""
    import subprocess

    given, out, tmp, home, cache = (tmp_path / n for n in ("in", "out", "tmp", "home", "cache"))
    for folder in (given, out, tmp, home, cache):
        folder.mkdir()
    shutil.copytree(ROOT / "rules" / "2554", given / "2554")
    shutil.copytree(ROOT / "rules" / "2555", given / "2555")
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "HOME": str(home), "TMPDIR": str(tmp),
           "KPIDSL_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
    trace = tmp_path / "trace"
    done = subprocess.run(["strace", "-f", "-qq", "-y", "-s", "4096", "-e", "signal=none", "-e", f"trace={_SYSCALLS}",
                           "-o", str(trace), sys.executable, "-m", "kpidsl", *args(given, out), "--lang", "en"],
                          env=env, cwd=given, input=stdin, capture_output=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    allowed = (f"{out}{os.sep}", f"{cache}{os.sep}", f"{home}/.cache/fontconfig{os.sep}", "/proc/self/fd/",
               "/dev/shm/sem.", "/dev/null")
    assert list(tmp.iterdir()) == [] and [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    return sorted({p for p in _written(trace, given) if not (p + os.sep).startswith(allowed)}), done.stdout


straced = pytest.mark.skipif(not _strace_works(), reason="strace is not installed or may not trace here")


@straced
@pytest.mark.parametrize("command", sorted(STRACED))
def test_every_command_under_strace(tmp_path, command):
    for module in _NEEDS.get(command, ()):
        pytest.importorskip(module, reason=f"{module} (an optional extra) is not installed")
    assert _under_strace(tmp_path, STRACED[command])[0] == []


@straced
def test_the_language_server_under_strace(tmp_path):
    """`kpidsl lsp` as an editor drives it: a rule file opened, formatted, hovered, saved."""
    pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
    import json

    rules = tmp_path / "in" / "2554"  # where _under_strace copies the rule set
    text = (ROOT / "rules" / "2554" / "bands.kpi").read_text(encoding="utf-8")
    uri, doc = (rules / "bands.kpi").as_uri(), {"uri": (rules / "bands.kpi").as_uri()}
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": rules.as_uri(), "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {**doc, "languageId": "kpi", "version": 1,
                                                                      "text": text}}},
        {"id": 2, "method": "textDocument/formatting", "params": {"textDocument": doc,
                                                                  "options": {"tabSize": 4, "insertSpaces": True}}},
        {"id": 3, "method": "textDocument/hover", "params": {"textDocument": doc,
                                                             "position": {"line": 3, "character": 5}}},
        {"method": "textDocument/didSave", "params": {"textDocument": doc}},
        {"id": 4, "method": "shutdown"},
        {"method": "exit"},
    ]
    bodies = [json.dumps({"jsonrpc": "2.0", **m}).encode("utf-8") for m in messages]
    stdin = b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(b), b) for b in bodies)
    outside, said = _under_strace(tmp_path, lambda g, o: ["lsp"], stdin)
    assert outside == []
    assert b'"id": 2' in said and b'"id": 4' in said and uri.encode() in said  # answered; diagnostics published


@pytest.mark.parametrize("to", ["file", "stdout", "stdout-cache-off"])
def test_a_rescore_s_review_waits_only_beside_the_output_or_in_the_cache(watched, to, monkeypatch):
    """`diff --rescore` sorts its review in runs on disk (kpidsl/sorted_spill.py, runs of 7
    rows here): with `-o FILE`, in a hidden folder beside it; for standard output, in a
    folder made for the run in kpidsl's cache folder; with the cache off, in memory. Either
    folder is removed after, and the bytes are those of the review held in memory."""
    import kpidsl.sorted_spill as spill
    from kpidsl.run_folders import DIFF_REVIEW

    given, out, writes = watched
    path = results(given, 40)
    new = given / "new"
    shutil.copytree(given / "2554", new)
    agreements = new / "agreements" / "individual_001.kpi"
    text = agreements.read_text(encoding="utf-8")
    agreements.write_text(text.replace('น้ำหนัก 15%', 'น้ำหนัก 25%', 1).replace('น้ำหนัก 30%', 'น้ำหนัก 20%', 1),
                          encoding="utf-8")
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    held = run("diff", str(given / "2554"), str(new), "--rescore", str(path), "--format", "json")
    if not to.endswith("off"):
        monkeypatch.delenv("KPIDSL_NO_CACHE")
    writes.clear()
    monkeypatch.setattr(spill, "RUN_ROWS", 7)
    target = ["-o", str(out / "review.json")] if to == "file" else ["-o", "-"]
    done = run("diff", str(given / "2554"), str(new), "--rescore", str(path), "--format", "json", *target)
    assert held.exit_code == done.exit_code == 0, done.output
    assert ((out / "review.json").read_bytes() if to == "file" else done.stdout_bytes) == held.stdout_bytes
    runs = [Path(w) for w in writes if Path(w).name.startswith("run")]
    cache = os.environ["KPIDSL_CACHE_DIR"]
    if to == "file":
        assert runs and all(r.parent.parent == out and r.parent.name.startswith(".review.json.kpidsl-diff-review-")
                            for r in runs)
    elif to == "stdout":
        assert runs and all(str(r).startswith(cache + os.sep) and r.parent.name.startswith(DIFF_REVIEW + "-")
                            for r in runs)
    else:
        assert runs == []
    assert not any(r.parent.exists() for r in runs)


@pytest.mark.parametrize("to", ["folder", "stdout"])
def test_a_render_s_rows_wait_only_beside_the_output_or_in_the_cache(watched, to, monkeypatch):
    """`render --results` keeps the rows it fills forms from in runs on disk, sorted by
    agreement (runs of 1 row here): beside the output folder, or for `-o -` in kpidsl's
    cache folder; removed after, a refused run's too (`-o -` for the blank form and the
    filled one: O010, once the rows were read)."""
    import kpidsl.sorted_spill as spill
    from kpidsl.run_folders import FORMS_FILLS

    given, out, writes = watched
    path = results(given, 5)
    monkeypatch.setattr(spill, "RUN_ROWS", 1)
    target = str(out / "forms") if to == "folder" else "-"
    done = run("render", str(given / "2554"), "--agreement", "janya_2554_r1", "--form", "individual",
               "--format", "md", "--results", str(path), "-o", target)
    assert done.exit_code == (0 if to == "folder" else 2), done.output
    runs = [Path(w) for w in writes if Path(w).name.startswith("run")]
    if to == "folder":
        assert len(list((out / "forms" / "janya_2554_r1").iterdir())) == 6  # the blank form and 5 filled
        assert runs and all(r.parent.parent == out and r.parent.name.startswith(".forms.kpidsl-forms-fills-")
                            for r in runs)
    else:
        assert "O010" in done.stderr and done.stdout == ""
        cache = os.environ["KPIDSL_CACHE_DIR"]
        assert runs and all(str(r).startswith(cache + os.sep) and r.parent.name.startswith(FORMS_FILLS + "-")
                            for r in runs)
    assert not any(r.parent.exists() for r in runs)
