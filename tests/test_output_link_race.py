"""A folder inside an output folder swapped for a link between kpidsl's look and its act
(anyone who may write in a shared folder can do it): nothing is written, moved or removed
at the link's target. Each race is made deterministic by wrapping the step that looks, so
the swap happens right after it (kpidsl/folder_fds.py: the act works from the folder opened,
never by the path again)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl import files, output_folder
from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"
VICTIM = "export PATH=/usr/bin\n"


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


def codes(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if ": O0" in line]


def everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def work(tmp_path, monkeypatch):
    """The folder the commands run in, and a victim's folder outside it."""
    here = tmp_path / "here"
    here.mkdir()
    boss = tmp_path / "boss"
    boss.mkdir()
    (boss / ".profile").write_text(VICTIM, encoding="utf-8")
    monkeypatch.chdir(here)
    return tmp_path


def swap_for_link(folder: Path, target: Path) -> None:
    """What another user does: the folder moved away and a link to ``target`` put at its name."""
    os.rename(folder, folder.with_name(folder.name + ".moved"))
    os.symlink(target, folder)


def swap_after(monkeypatch, module, name: str, folder, target: Path, when=lambda *a, **k: True) -> list[int]:
    """``module.name`` wrapped: once its original has run (the look), ``folder()`` (a Path, or
    None: not yet) is swapped for a link to ``target``, once. How many swaps were made."""
    original = getattr(module, name)
    swapped: list[int] = []

    def wrapped(*args, **kwargs):
        result = original(*args, **kwargs)
        path = folder()
        if not swapped and path is not None and when(*args, **kwargs):
            swap_for_link(path, target)
            swapped.append(1)
        return result

    monkeypatch.setattr(module, name, wrapped)
    return swapped


def test_new_year_force_writes_nothing_through_a_folder_swapped_after_its_check(work, monkeypatch):
    out = Path("out")
    (out / "agreements").mkdir(parents=True)
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    swapped = swap_after(monkeypatch, output_folder, "check_the_way", lambda: out / "agreements", work / "boss")
    result = run("new-year", str(RULES), "2556", "-o", "out", "--force")
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert result.output.startswith("out/agreements:1:1: O005"), result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    assert "Traceback" not in result.output


def _hidden_new(name: str) -> Path | None:
    found = sorted(Path(".").glob(f".{name}.kpidsl-new-*/agreements"))
    return found[0] if found and not found[0].is_symlink() else None


def test_new_year_into_a_new_folder_writes_nothing_through_its_hidden_folder_swapped(work, monkeypatch):
    """A new folder is filled hidden beside it first: a folder made there swapped for a link
    after the first file is written into it."""
    swapped = swap_after(monkeypatch, files, "write_file", lambda: _hidden_new("out"), work / "boss")
    result = run("new-year", str(RULES), "2556", "-o", "out")
    assert swapped
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    either_written_or_refused(result, Path("out"), "agreements/department_example.kpi")


def either_written_or_refused(result, out: Path, rel: str) -> None:
    """The files already going into the folder swapped kept going into it, the folder it was
    (moved aside): the output would hold the other's link where the folder was, and lack
    the files. Refused (O026) at the folder, as the user knows it, before it is put in place."""
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O026"], result.output
    assert result.output.startswith(f"{out / Path(rel).parent}:1:1: O026"), result.output
    assert not (out / Path(rel).parent).is_symlink()


def _rendered_once() -> list[str]:
    first = run("render", str(RULES), "-o", "out")
    assert first.exit_code == 0, first.output
    return everything(Path("out"))


def test_render_moves_nothing_through_a_folder_swapped_after_its_check(work, monkeypatch):
    """The forms are staged, every way checked; then a folder of the old run's forms is
    swapped for a link before they are moved in."""
    before = _rendered_once()
    assert "dept_example_2555/score-report.html" in before
    swapped = swap_after(monkeypatch, output_folder, "files_case_apart", lambda: Path("out/dept_example_2555"),
                         work / "boss")
    result = run("render", str(RULES), "-o", "out")
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert result.output.startswith("out/dept_example_2555:1:1: O005"), result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")


def test_render_makes_no_folder_through_a_link_put_where_it_would_make_one(work, monkeypatch):
    """A folder the run makes (the old run had none there) taken by a link meanwhile."""
    _rendered_once()
    shutil.rmtree("out/dept_example_2555")
    planted = Path("out/dept_example_2555")

    def plant(*args, **kwargs):
        os.symlink(work / "boss", planted)

    original = output_folder.files_case_apart
    monkeypatch.setattr(output_folder, "files_case_apart", lambda *a, **k: (original(*a, **k), plant()))
    result = run("render", str(RULES), "-o", "out")
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert everything(work / "boss") == [".profile"], everything(work / "boss")


def test_render_stages_nothing_through_its_hidden_folder_swapped(work, monkeypatch):
    _rendered_once()

    def hidden() -> Path | None:
        found = sorted(Path(".").glob(".out.kpidsl-render-*/dept_example_2555"))
        return found[0] if found and not found[0].is_symlink() else None

    swapped = swap_after(monkeypatch, files, "write_file", hidden, work / "boss")
    result = run("render", str(RULES), "-o", "out")
    assert swapped
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    either_written_or_refused(result, Path("out"), "dept_example_2555/score-report.html")


def test_build_removes_nothing_through_a_folder_of_the_old_build_swapped(work, monkeypatch):
    """After the swap the old build is cleared from the hidden folder it now has: one of its
    folders made a link to a folder holding the same files (the manifest, in a shared folder,
    is anyone's to write: its hashes prove nothing about another folder)."""
    first = run("build", str(RULES), "-o", "out")
    assert first.exit_code == 0, first.output
    copy = work / "boss" / "copy"
    shutil.copytree("out/dept_example_2555", copy)
    kept = everything(copy)
    seen: list[Path] = []
    original = output_folder._exchange

    def exchange(parent, new, out):  # names in the open folder that holds the output: here
        original(parent, new, out)
        seen.append(Path(new))
        swap_for_link(Path(new) / "dept_example_2555", copy)

    monkeypatch.setattr(output_folder, "_exchange", exchange)
    result = run("build", str(RULES), "-o", "out")
    assert result.exit_code == 0, result.output
    assert everything(copy) == kept
    assert seen, "the build swapped no folder"
    assert Path("out/dept_example_2555/score-report.html").is_file()


def test_build_carries_nothing_over_through_a_folder_swapped_after_its_look(work, monkeypatch):
    """A person's folder in the old build, looked at, then swapped for a link to a folder of
    someone else's files: none of them is hard-linked into the new build."""
    first = run("build", str(RULES), "-o", "out")
    assert first.exit_code == 0, first.output
    Path("out/notes").mkdir()
    Path("out/notes/mine.txt").write_text("mine\n", encoding="utf-8")
    secret = work / "boss" / "secret"
    secret.mkdir()
    (secret / "mine.txt").write_text("not yours\n", encoding="utf-8")
    swapped = swap_after(monkeypatch, output_folder, "check_the_way", lambda: Path("out/notes"), secret)
    result = run("build", str(RULES), "-o", "out")
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert os.stat(secret / "mine.txt").st_nlink == 1
    assert everything(work / "boss") == [".profile", "secret", "secret/mine.txt"]


# ---- the hidden folders a run keeps its working files in, beside its output ----------------------------

def keep_working_files(monkeypatch) -> None:
    """Nothing a run made in its hidden folder removed: where it went is what is looked at."""
    from kpidsl import sorted_spill
    from kpidsl.xlsx import sheet_storage

    monkeypatch.setattr(sheet_storage.InFolderSheetWriter, "cleanup", lambda self: None)
    monkeypatch.setattr(sheet_storage.SheetSpool, "remove", lambda self: None)
    monkeypatch.setattr(sheet_storage.SheetsFolder, "remove", lambda self: None)
    monkeypatch.setattr(sorted_spill.SpillFolder, "remove", lambda self: None)
    monkeypatch.setattr(sorted_spill.Sorted, "discard", lambda self: None)


def swap_made(monkeypatch, cls, name: str, target: Path) -> list[Path]:
    """``cls.name``, a constructor of a hidden folder, wrapped: the folder it made is swapped
    for a link to ``target`` as soon as it is made. The folders swapped."""
    original = getattr(cls, name).__func__
    swapped: list[Path] = []

    def made(klass, *args, **kwargs):
        folder = original(klass, *args, **kwargs)
        path = getattr(folder, "made", folder.path)
        if path is not None and not swapped:
            swap_for_link(Path(path), target)
            swapped.append(Path(path))
        return folder

    monkeypatch.setattr(cls, name, classmethod(made))
    return swapped


def test_workbook_writes_no_sheet_through_its_hidden_folder_swapped(work, monkeypatch):
    from kpidsl.xlsx.sheet_storage import SheetsFolder

    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    keep_working_files(monkeypatch)
    swapped = swap_made(monkeypatch, SheetsFolder, "beside", work / "boss")
    result = run("workbook", str(RULES), "--agreement", "dept_example_2555", "-o", "wb.xlsx")
    assert swapped
    assert result.exit_code == 0, result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    assert any(Path(str(swapped[0]) + ".moved").iterdir())  # the sheets went where the folder went
    assert Path("wb.xlsx").stat().st_size > 0


def test_render_results_keeps_no_rows_through_its_hidden_folder_swapped(work, monkeypatch):
    from kpidsl.sorted_spill import SpillFolder

    keep_working_files(monkeypatch)
    swapped = swap_made(monkeypatch, SpillFolder, "for_output", work / "boss")
    result = run("render", str(ROOT / "rules" / "2554"), "--results", str(ROOT / "examples" / "janya.csv"),
                 "--format", "md", "-o", "forms")
    assert swapped
    assert result.exit_code == 0, result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")


@pytest.mark.parametrize("command", [["build", str(RULES), "-o", "out"], ["render", str(RULES), "-o", "out"],
                                     ["new-year", str(RULES), "2556", "-o", "out"]])
def test_a_system_that_cannot_work_in_a_folder_by_its_descriptor_is_told_so(work, monkeypatch, command):
    """Never written by path instead: one located O001 saying why, exit 2, nothing left."""
    from kpidsl import folder_fds

    monkeypatch.setattr(folder_fds, "SUPPORTED", False)
    result = run(*command)
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O001"]
    assert result.output.startswith("out:1:1: O001"), result.output
    assert "os.supports_dir_fd" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in Path(".").iterdir()) == []


def test_score_sql_spills_nothing_through_its_hidden_folder_swapped(work, monkeypatch):
    pytest.importorskip("sqlglot", reason="the sql extra is not installed")
    pytest.importorskip("duckdb", reason="the sql extra is not installed")
    from kpidsl.sql import run as sql_run

    made = sql_run._spill_folder

    def swapped_once_made(beside):
        folder = made(beside)
        (hidden,) = [p for p in Path(".").glob(".scores.csv.kpidsl-sql-*") if not p.is_symlink()]
        swap_for_link(hidden, work / "boss")
        return folder

    seen: list[list[str]] = []
    marked = sql_run._marked
    monkeypatch.setattr(sql_run, "_spill_folder", swapped_once_made)
    monkeypatch.setattr(sql_run, "_marked", lambda *a: seen.append(everything(work / "boss")) or marked(*a))
    result = run("score", str(RULES), "--results", str(ROOT / "examples" / "results_2555.csv"), "--engine", "sql",
                 "--format", "csv", "-o", "scores.csv")
    assert result.exit_code == 0, result.output
    assert seen, "DuckDB wrote the rows into its folder, and they were read back"
    assert all(listing == [".profile"] for listing in seen), seen
    assert everything(work / "boss") == [".profile"]


# ---- the last step: the folder filled put in the output's place ----------------------------------------

def test_new_year_into_a_new_folder_puts_no_link_of_another_in_the_output(work, monkeypatch):
    """A folder inside the hidden one swapped for a link once a file is written into it: the
    files after it still go where it went, but the link must not become part of the output
    (`out/agreements -> ~boss`): a located refusal at the folder as the user knows it."""
    swapped = swap_after(monkeypatch, files, "write_file", lambda: _hidden_new("out"), work / "boss")
    result = run("new-year", str(RULES), "2556", "-o", "out")
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O026"]
    assert result.output.startswith("out/agreements:1:1: O026"), result.output
    assert not Path("out").exists()
    assert everything(work / "boss") == [".profile"]
    assert not list(Path(".").glob(".out.kpidsl-new-*"))


def _hidden(pattern: str):
    """A finder of this run's hidden folder (the first not yet swapped), for swap_after."""
    def found() -> Path | None:
        folders = [p for p in Path(".").glob(pattern) if not p.is_symlink() and not p.name.endswith(".moved")]
        return folders[0] if folders else None
    return found


def told_swapped(result, swapped: list[int]) -> None:
    """The swap was made, and told (O026) at the folder the user named."""
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O026"]
    assert result.output.startswith("out:1:1: O026"), result.output


@pytest.mark.parametrize("after", ["_carry_over", "same_folder"])
def test_build_puts_no_link_in_its_output_s_place_when_its_hidden_folder_is_swapped(work, monkeypatch, after):
    """The new build, filled in its hidden folder, swapped for a link before it takes the
    output's place: once filled (_carry_over), or right after the last look (same_folder),
    the swap itself must find the folder it filled. The output stays the old build's folder,
    never a link to elsewhere, told at what the user named, not the hidden folder."""
    first = run("build", str(RULES), "-o", "out")
    assert first.exit_code == 0, first.output
    before = everything(Path("out"))
    elsewhere = work / "boss" / "site"
    elsewhere.mkdir()
    swapped = swap_after(monkeypatch, output_folder, after, _hidden(".out.kpidsl-new-*"), elsewhere)
    result = run("build", str(RULES), "-o", "out")
    told_swapped(result, swapped)
    assert not Path("out").is_symlink() and everything(Path("out")) == before
    assert everything(work / "boss") == [".profile", "site"]


@pytest.mark.parametrize("after", ["files_case_apart", "same_folder"])
def test_render_into_a_new_folder_puts_no_link_in_its_place_when_its_hidden_folder_is_swapped(work, monkeypatch,
                                                                                                after):
    """The forms staged in the hidden folder; it is swapped for a link before the rename that
    makes it the output: `out` must not become a link to another's folder."""
    elsewhere = work / "boss" / "site"
    elsewhere.mkdir()
    swapped = swap_after(monkeypatch, output_folder, after, _hidden(".out.kpidsl-render-*"), elsewhere)
    result = run("render", str(RULES), "-o", "out")
    told_swapped(result, swapped)
    assert not os.path.lexists("out")
    assert everything(work / "boss") == [".profile", "site"]


def test_a_build_is_swapped_in_by_two_renames_where_the_system_cannot_exchange(work, monkeypatch):
    """No renameat2 (another libc, another system): the old folder renamed aside and the new
    one into its place, both in the folder held open; the old build then cleared as ever."""
    first = run("build", str(RULES), "-o", "out")
    assert first.exit_code == 0, first.output
    Path("out/notes.txt").write_text("mine\n", encoding="utf-8")

    def no_libc(*args, **kwargs):
        raise OSError("no libc here")

    monkeypatch.setattr(output_folder.ctypes, "CDLL", no_libc)
    result = run("build", str(RULES), "-o", "out")
    assert result.exit_code == 0, result.output
    assert Path("out/notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert Path("out/dept_example_2555/score-report.html").is_file()
    assert sorted(p.name for p in Path(".").iterdir()) == ["out"]


# ---- fmt: the rule file rewritten in the folder it was read from ----------------------------------------

UNTIDY = 'framework f "x" {\n  fiscal_year   2555 # year\n}\n'
TIDY = 'framework f "x" {\n    fiscal_year 2555  # year\n}\n'


def test_fmt_rewrites_the_file_in_the_folder_it_read_even_when_that_is_swapped_after_its_last_look(work, monkeypatch):
    """The rule folder moved away and a link put at its name right after fmt's last look
    (O025's): the result is put in place of the file read, in the folder held open; the link's
    target (another's copy) is not touched, nor is the swap told as a failure to write."""
    Path("rules").mkdir()
    Path("rules/a.kpi").write_text(UNTIDY, encoding="utf-8")
    theirs = work / "boss" / "rules"
    theirs.mkdir()
    (theirs / "a.kpi").write_text(UNTIDY, encoding="utf-8")
    swapped = swap_after(monkeypatch, files, "_still_as_read", lambda: Path("rules"), theirs)
    result = run("fmt", "rules")
    assert swapped
    assert result.exit_code == 0, result.output
    assert Path("rules.moved/a.kpi").read_text(encoding="utf-8") == TIDY
    assert (theirs / "a.kpi").read_text(encoding="utf-8") == UNTIDY
    assert everything(theirs) == ["a.kpi"]


# ---- a system that names no open folder as a path (no /proc) ---------------------------------------------

def test_without_proc_no_working_file_is_made_by_a_path_that_a_swap_leads_elsewhere(work, monkeypatch):
    """Where /proc/self/fd is not there (a container without /proc, another system), the
    hidden folder's files could only be reached by its name, which a swap leads elsewhere:
    the run does without it (its sheets in memory), as without a folder it could not make,
    and leaves none behind."""
    from kpidsl import folder_fds
    from kpidsl.xlsx.sheet_storage import SheetsFolder

    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    monkeypatch.setattr(folder_fds, "_BY_DESCRIPTOR", str(work / "no-proc" / "self" / "fd"))  # the probe finds none
    keep_working_files(monkeypatch)
    swap_made(monkeypatch, SheetsFolder, "beside", work / "boss")
    result = run("workbook", str(RULES), "--agreement", "dept_example_2555", "-o", "wb.xlsx")
    assert result.exit_code == 0, result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    assert sorted(p.name for p in Path(".").iterdir()) == ["wb.xlsx"]
    assert Path("wb.xlsx").stat().st_size > 0


def test_without_proc_a_score_s_rows_wait_in_no_folder_reached_by_its_name(work, monkeypatch):
    from kpidsl import folder_fds
    from kpidsl.sorted_spill import SpillFolder

    monkeypatch.setattr(folder_fds, "_BY_DESCRIPTOR", str(work / "no-proc" / "self" / "fd"))
    keep_working_files(monkeypatch)
    swap_made(monkeypatch, SpillFolder, "for_output", work / "boss")
    result = run("render", str(ROOT / "rules" / "2554"), "--results", str(ROOT / "examples" / "janya.csv"),
                 "--format", "md", "-o", "forms")
    assert result.exit_code == 0, result.output
    assert everything(work / "boss") == [".profile"], everything(work / "boss")
    assert not [p for p in Path(".").iterdir() if p.name.startswith(".")]


# ---- the hidden working folders, made in the output's folder held open ----------------------------------

WORKING = {  # each command that keeps working files beside its output, as the marker of its hidden folder
    "score-xlsx": (["score", str(RULES), "--results", str(ROOT / "examples" / "results_2555.csv"), "--format",
                    "xlsx", "-o", "sub/scores.xlsx"], ".kpidsl-sheets-", "openpyxl"),
    "score-sql": (["score", str(RULES), "--results", str(ROOT / "examples" / "results_2555.csv"), "--engine",
                   "sql", "-o", "sub/scores.csv"], ".kpidsl-sql-", "duckdb"),
    "workbook": (["workbook", str(RULES), "--agreement", "dept_example_2555", "-o", "sub/wb.xlsx"],
                 ".kpidsl-sheets-", "openpyxl"),
    "rescore": (["diff", str(ROOT / "rules" / "2554"), str(RULES), "--rescore", str(ROOT / "examples" / "janya.csv"),
                 "-o", "sub/review.txt"], ".kpidsl-diff-review-", None),
    "render-results": (["render", str(ROOT / "rules" / "2554"), "--results", str(ROOT / "examples" / "janya.csv"),
                        "--format", "md", "-o", "sub/forms"], ".kpidsl-forms-fills-", None),
}


HELD = {"score-xlsx", "score-sql", "workbook"}  # its folder made in the output's, held by its writer


@pytest.mark.parametrize("command", sorted(WORKING))
def test_no_working_folder_is_made_at_a_link_the_output_s_folder_was_swapped_for(work, monkeypatch, command):
    """The output's folder swapped for a link to another's folder just before the run makes its
    hidden working folder there (the worst moment: it has been looked at and held open): the
    folder is made in the folder held, never at the link's target."""
    args, marker, extra = WORKING[command]
    if extra:
        pytest.importorskip(extra, reason="the extra is not installed")
    Path("sub").mkdir()
    real_mkdir = os.mkdir
    seen: list[list[str]] = []

    def mkdir(path, *a, **k):
        if marker in os.fsdecode(path) and not seen:
            swap_for_link(Path("sub"), work / "boss")
            real_mkdir(path, *a, **k)
            seen.append(everything(work / "boss"))
            return None
        return real_mkdir(path, *a, **k)

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "supports_dir_fd", os.supports_dir_fd | {mkdir})
    result = run(*args)
    assert seen, result.output
    assert seen == [[".profile"]], seen
    assert not [p for p in (work / "boss").iterdir() if ".kpidsl-" in p.name]
    # a file written by a writer holding its folder since before the swap is not put in place
    # (O026); one written after it goes by the way the user's own link leads (same user here)
    assert (result.exit_code, codes(result.output)) == ((2, ["O026"]) if command in HELD else (0, [])), result.output
    assert everything(work / "here") == ["sub", "sub.moved"]  # the working folder removed, where it was made


@pytest.mark.parametrize("command", [["build", str(RULES), "-o", "sub/out"], ["render", str(RULES), "-o", "sub/out"]])
def test_the_lock_is_taken_in_the_folder_held_never_at_a_link_put_there(work, monkeypatch, command):
    """The folder holding the output swapped for a link to another's folder once the lock's way
    is made: the lock file is made, and removed, in the folder held, never at the link's target
    (there it would remove a file of that name another's run holds)."""
    Path("sub").mkdir()
    swapped = swap_after(monkeypatch, output_folder, "open_way", lambda: Path("sub"), work / "boss",
                         when=lambda folder, *a, **k: os.path.basename(folder) == "sub")
    seen: list[list[str]] = []
    taken = output_folder.OutputLock.__enter__
    monkeypatch.setattr(output_folder.OutputLock, "__enter__",
                        lambda self: (taken(self), seen.append(everything(work / "boss")))[0])
    run(*command)
    assert swapped and seen == [[".profile"]], seen
    assert not [p for p in (work / "boss").iterdir() if ".kpidsl-lock" in p.name]
    assert [p.name for p in Path("sub.moved").iterdir()] == []  # taken there, and let go


def test_the_old_build_is_cleared_in_the_folder_held_never_through_a_link_put_there(work, monkeypatch):
    """The folder holding the output swapped for a link, after the new build was swapped in, to
    another's folder holding a folder of the old build's hidden name: the old build is cleared
    where the swap put it, and the other's manifest of that name stays."""
    Path("sub").mkdir()
    assert run("build", str(RULES), "-o", "sub/out").exit_code == 0
    original = output_folder._exchange
    theirs: list[Path] = []

    def exchange(parent, new, out):  # names in the open folder that holds the output
        original(parent, new, out)
        swap_for_link(Path("sub"), work / "boss")
        (work / "boss" / new).mkdir()
        (work / "boss" / new / output_folder.MANIFEST).write_text("mine\n", encoding="utf-8")
        theirs.append(work / "boss" / new / output_folder.MANIFEST)

    monkeypatch.setattr(output_folder, "_exchange", exchange)
    result = run("build", str(RULES), "-o", "sub/out")
    assert theirs, result.output
    assert theirs[0].read_text(encoding="utf-8") == "mine\n"
    assert result.exit_code == 0, result.output
    assert [p.name for p in Path("sub.moved").iterdir()] == ["out"]  # the old build cleared where it was
