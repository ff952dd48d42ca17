"""A results folder's entry checked to lie in the folder, then swapped for a link to a file
elsewhere (a colleague's on a shared drive, between kpidsl's check and its read) is never
read: each reader opens an entry beneath its folder, and that open is the check
(kpidsl/regular_file.py open_beneath). The swap is made by a hook between the check and
the open, never by a race: each test is the same every run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl import regular_file
from kpidsl.cli import commands, diff, forms, main
from kpidsl.diagnostics.phrases import phrase
from kpidsl.regular_file import LinkOut, NotRegular, open_beneath

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "O_NOFOLLOW"), reason="POSIX links")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = (ROOT / "examples" / "results_2555.csv").read_bytes()
SECRET = "agreement,5\nTOP-SECRET-LINE,78\n"


def _folder(tmp_path: Path, entry: str = "plain") -> tuple[Path, Path]:
    """A results folder with results_2555.csv (a file, or a link to kept/r.csv inside the
    folder) and a secret outside it."""
    folder = tmp_path / "results"
    (folder / "kept").mkdir(parents=True)
    if entry == "plain":
        (folder / "results_2555.csv").write_bytes(SHIPPED)
    else:
        (folder / "kept" / "r.csv").write_bytes(SHIPPED)
        (folder / "results_2555.csv").symlink_to(Path("kept") / "r.csv")
    secret = tmp_path / "elsewhere" / "secret.csv"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return folder, secret


def _swap(folder: Path, secret: Path) -> None:
    entry = folder / "results_2555.csv"
    entry.unlink()
    entry.symlink_to(secret)


def _run(args: list[str]):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


@pytest.mark.parametrize("command", ["score", "score --jobs 2", "score -o", "render", "diff --rescore"])
def test_an_entry_swapped_for_a_link_out_after_the_commands_check_is_not_read(tmp_path, monkeypatch, command):
    """The command checks the folder (require_results), then its reader opens each entry: an
    entry swapped in between for a link to a file outside is one Q008 at the entry, not a
    line of the file read, nothing written. Exit 2: trouble with a file, not its content, as
    require_results' own refusal of the same link is (ruff's exit codes: 1 the input has
    errors, 2 the command could not do its work)."""
    monkeypatch.chdir(ROOT)
    folder, secret = _folder(tmp_path)
    module = {"render": forms, "diff --rescore": diff}.get(command, commands)
    checked = module.require_results

    def then_swapped(*args, **kwargs):
        checked(*args, **kwargs)
        _swap(folder, secret)

    monkeypatch.setattr(module, "require_results", then_swapped)
    out = tmp_path / "out"
    if command == "render":
        args = ["render", "rules/2555", "--form", "individual", "-o", str(out)]
    elif command == "diff --rescore":
        args = ["diff", "rules/2555", "rules/2555", "-o", str(out)]
    else:
        args = ["score", "rules/2555", "--format", "csv", *(["-o", str(out)] if command == "score -o" else []),
                *(command.split()[1:] if "jobs" in command else [])]
    done = _run([*args, "--results", str(folder)] if command != "diff --rescore" else [*args, "--rescore", str(folder)])
    assert done.exit_code == 2, done.output
    assert done.output.count("Q008") == 1, done.output
    assert f"{folder / 'results_2555.csv'}:" in done.output, done.output
    assert "TOP-SECRET" not in done.output
    assert not out.exists()


def _read(path) -> bytes:
    with path as f:
        return f.read()


def _swap_after_the_check(monkeypatch, folder, secret) -> None:
    """The entry swapped for a link to ``secret`` once regular_file.inside has found its way."""
    found = regular_file.inside

    def then_swapped(top, path):
        parts = found(top, path)
        _swap(folder, secret)
        return parts

    monkeypatch.setattr(regular_file, "inside", then_swapped)


def test_a_plain_entry_swapped_between_the_check_and_the_open_is_refused(tmp_path, monkeypatch):
    folder, secret = _folder(tmp_path)
    _swap_after_the_check(monkeypatch, folder, secret)
    with pytest.raises(LinkOut) as e:
        open_beneath(folder, folder / "results_2555.csv")
    assert isinstance(e.value, NotRegular)  # caught, and told, wherever a file that is no regular file is


def test_a_link_inside_swapped_between_the_check_and_the_open_reads_the_file_checked(tmp_path, monkeypatch):
    folder, secret = _folder(tmp_path, "link inside")
    _swap_after_the_check(monkeypatch, folder, secret)
    assert _read(open_beneath(folder, folder / "results_2555.csv")) == SHIPPED


@pytest.mark.parametrize("walked", [True, False], ids=["walked", "by path"])
def test_a_folder_inside_swapped_for_a_link_out_is_refused(tmp_path, monkeypatch, walked):
    """The entry links to kept/r.csv; `kept` becomes a link to the secret's folder between
    the check and the open: no folder on the way is followed out, whether the folder is walked
    name by name or, as on Windows, opened by its whole path and the file proven (by_path)."""
    if not walked:
        monkeypatch.setattr(regular_file, "WALKS", False)
        monkeypatch.setattr(regular_file, "_NOFOLLOW", False, raising=False)
    folder, secret = _folder(tmp_path, "link inside")
    (secret.parent / "r.csv").write_text(SECRET, encoding="utf-8")
    found = regular_file.inside

    def then_swapped(top, path):
        parts = found(top, path)
        (folder / "kept" / "r.csv").unlink()
        (folder / "kept").rmdir()
        (folder / "kept").symlink_to(secret.parent)
        return parts

    monkeypatch.setattr(regular_file, "inside", then_swapped)
    with pytest.raises(LinkOut):
        open_beneath(folder, folder / "results_2555.csv")


@pytest.mark.parametrize("entry", ["plain", "link inside"])
def test_an_entry_in_the_folder_opens(tmp_path, entry):
    folder, _ = _folder(tmp_path, entry)
    assert _read(open_beneath(folder, folder / "results_2555.csv")) == SHIPPED


def test_a_link_out_is_refused_and_a_link_to_the_folder_is_a_folder(tmp_path):
    folder, secret = _folder(tmp_path)
    (folder / "out.csv").symlink_to(secret)
    (folder / "self.csv").symlink_to(".")
    with pytest.raises(LinkOut):
        open_beneath(folder, folder / "out.csv")
    with pytest.raises(NotRegular) as e:
        open_beneath(folder, folder / "self.csv")
    assert e.value.folder and not isinstance(e.value, LinkOut)


def test_a_workbook_swapped_between_the_check_and_the_open_is_refused(tmp_path, monkeypatch):
    """A workbook is opened once, beneath its folder, and openpyxl reads that opening: the
    swap is Q008 at the entry, as a CSV's (kpidsl/results_unreadable.py: exit 2; it was J003,
    which says a file is no workbook, exit 1), the secret workbook never opened."""
    pytest.importorskip("openpyxl", reason="the extra `xlsx`")
    from openpyxl import Workbook

    from kpidsl.xlsx.read import open_tables

    folder = tmp_path / "results"
    folder.mkdir()
    book = Workbook()
    book.active.append(["agreement", "5"])
    book.active.append(["TOP-SECRET-LINE", 78])
    book.save(tmp_path / "secret.xlsx")
    book.save(folder / "r.xlsx")
    found = regular_file.inside

    def then_swapped(top, path):
        parts = found(top, path)
        (folder / "r.xlsx").unlink()
        (folder / "r.xlsx").symlink_to(tmp_path / "secret.xlsx")
        return parts

    monkeypatch.setattr(regular_file, "inside", then_swapped)
    wb, tables, diags = open_tables(folder / "r.xlsx", folder)
    assert wb is None and tables == [] and [(d.code, d.io) for d in diags] == [("Q008", True)]
    assert phrase("link-out-of-folder").en in diags[0].message_en
    monkeypatch.setattr(regular_file, "inside", found)
    wb, tables, diags = open_tables(folder / "r.xlsx")  # the file named itself: its link followed
    try:
        assert diags == [] and [list(t.header) for t in tables] == [["agreement", "5"]]
    finally:
        wb.close()


# Where a folder cannot be walked name by name (Windows: no dir_fd, no O_NOFOLLOW),
# open_beneath opens the whole path and then proves the file opened is the one found
# (kpidsl/regular_file.py _opened_by_path). Forced here, on a system that could walk.


@pytest.fixture
def by_path(monkeypatch):
    monkeypatch.setattr(regular_file, "WALKS", False)
    monkeypatch.setattr(regular_file, "_NOFOLLOW", False, raising=False)  # as Windows: the last link followed too


@pytest.mark.parametrize("entry", ["plain", "link inside"])
def test_by_path_an_entry_in_the_folder_opens(tmp_path, by_path, entry):
    folder, _ = _folder(tmp_path, entry)
    assert _read(open_beneath(folder, folder / "results_2555.csv")) == SHIPPED


def test_by_path_a_link_out_is_refused(tmp_path, by_path):
    folder, secret = _folder(tmp_path)
    (folder / "out.csv").symlink_to(secret)
    with pytest.raises(LinkOut):
        open_beneath(folder, folder / "out.csv")


def test_by_path_an_entry_swapped_after_the_check_is_refused_not_followed(tmp_path, monkeypatch, by_path):
    folder, secret = _folder(tmp_path)
    _swap_after_the_check(monkeypatch, folder, secret)
    with pytest.raises(LinkOut):
        open_beneath(folder, folder / "results_2555.csv")


def test_by_path_an_entry_swapped_and_back_during_the_open_is_refused(tmp_path, monkeypatch, by_path):
    """The link out is in place while the file is opened, the entry back once it is: the file
    opened (the secret) is not the one the path leads to when proven."""
    folder, secret = _folder(tmp_path)
    entry = folder / "results_2555.csv"
    entry.rename(tmp_path / "kept.csv")
    entry.symlink_to(secret)
    opened = regular_file.open_regular

    def then_back(*args, **kwargs):
        f = opened(*args, **kwargs)
        entry.unlink()
        (tmp_path / "kept.csv").rename(entry)
        return f

    found = regular_file.inside
    monkeypatch.setattr(regular_file, "inside", lambda top, path: found(top, path.parent) + (path.name,))
    monkeypatch.setattr(regular_file, "open_regular", then_back)
    with pytest.raises(LinkOut):
        open_beneath(folder, entry)


def _unnumbered(monkeypatch) -> None:
    """A drive that numbers no file (st_ino 0, as some network shares on Windows)."""
    real = os.fstat

    def fstat(fd):
        st = real(fd)
        return os.stat_result((st.st_mode, 0, *tuple(st)[2:10]))

    monkeypatch.setattr(os, "fstat", fstat)


def test_by_path_a_file_that_cannot_be_proven_is_refused(tmp_path, monkeypatch, by_path):
    folder, _ = _folder(tmp_path)
    _unnumbered(monkeypatch)
    with pytest.raises(regular_file.Unproven) as e:
        open_beneath(folder, folder / "results_2555.csv")
    assert isinstance(e.value, NotRegular)


def test_by_path_a_file_that_cannot_be_proven_is_one_message_exit_2(tmp_path, monkeypatch, by_path):
    monkeypatch.chdir(ROOT)
    folder, _ = _folder(tmp_path)
    _unnumbered(monkeypatch)
    out = tmp_path / "out.csv"
    done = _run(["score", "rules/2555", "--format", "csv", "-o", str(out), "--results", str(folder)])
    assert done.exit_code == 2, done.output
    assert done.output.count("Q008") == 1 and f"{folder / 'results_2555.csv'}:1:1: Q008" in done.output
    assert "numbers no file" in done.output  # phrase "not-proven-in-folder", not the link-out one
    assert not out.exists()


def test_a_workbook_entry_swapped_after_the_commands_check_is_one_q008_exit_2(tmp_path, monkeypatch):
    """As a CSV entry's (kpidsl/results_unreadable.py): the workbook reader's refusal of the
    link is trouble with the file, not a workbook's problem (J003 had been exit 1)."""
    pytest.importorskip("openpyxl", reason="the extra `xlsx`")
    import csv

    from openpyxl import Workbook

    monkeypatch.chdir(ROOT)
    folder = tmp_path / "results"
    folder.mkdir()
    book = Workbook()
    for row in csv.reader(SHIPPED.decode("utf-8").splitlines()):
        book.active.append(row)
    book.save(folder / "r.xlsx")
    book.save(tmp_path / "secret.xlsx")
    checked = commands.require_results

    def then_swapped(*args, **kwargs):
        checked(*args, **kwargs)
        (folder / "r.xlsx").unlink()
        (folder / "r.xlsx").symlink_to(tmp_path / "secret.xlsx")

    monkeypatch.setattr(commands, "require_results", then_swapped)
    out = tmp_path / "out.csv"
    done = _run(["score", "rules/2555", "--format", "csv", "-o", str(out), "--results", str(folder)])
    assert done.exit_code == 2, done.output
    assert done.output.count("Q008") == 1 and f"{folder / 'r.xlsx'}:1:1: Q008" in done.output, done.output
    assert not out.exists()


# Where a folder cannot be walked name by name (os.open without dir_fd: Windows), the entry is opened
# by its whole path beneath the folder's real path; here the same cases on that path.
@pytest.mark.parametrize("entry", ["plain", "link inside"])
def test_without_a_walk_an_entry_in_the_folder_opens(tmp_path, monkeypatch, entry):
    monkeypatch.setattr(regular_file, "WALKS", False)
    folder, _ = _folder(tmp_path, entry)
    assert _read(open_beneath(folder, folder / "results_2555.csv")) == SHIPPED
    assert _read(open_beneath(folder, folder / "kept" / ".." / "results_2555.csv")) == SHIPPED


def test_without_a_walk_a_link_out_is_refused_and_an_entry_swapped_for_one_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(regular_file, "WALKS", False)
    folder, secret = _folder(tmp_path)
    (folder / "out.csv").symlink_to(secret)
    with pytest.raises(LinkOut) as e:
        open_beneath(folder, folder / "out.csv")
    assert e.value.folder is False  # told as no folder wherever a NotRegular's `folder` is read
    _swap_after_the_check(monkeypatch, folder, secret)
    with pytest.raises(LinkOut):  # the entry itself is not followed (O_NOFOLLOW), told as a link out
        open_beneath(folder, folder / "results_2555.csv")
