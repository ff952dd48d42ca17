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
from kpidsl.cli import commands, forms, main
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


@pytest.mark.parametrize("command", ["score", "score --jobs 2", "render"])
def test_an_entry_swapped_for_a_link_out_after_the_commands_check_is_not_read(tmp_path, monkeypatch, command):
    """The command checks the folder (require_results), then its reader opens each entry: an
    entry swapped in between for a link to a file outside is Q008 at the entry, exit 2, not a
    line of the file read, nothing written. Exit 1, as for any results file that stops being
    readable once the run has begun (require_results' own refusal, before, is exit 2)."""
    monkeypatch.chdir(ROOT)
    folder, secret = _folder(tmp_path)
    module = forms if command == "render" else commands
    checked = module.require_results

    def then_swapped(*args, **kwargs):
        checked(*args, **kwargs)
        _swap(folder, secret)

    monkeypatch.setattr(module, "require_results", then_swapped)
    out = tmp_path / "out"
    args = (["render", "rules/2555", "--form", "individual", "-o", str(out)] if command == "render" else
            ["score", "rules/2555", "--format", "csv", "-o", str(out), *command.split()[1:]])
    done = _run([*args, "--results", str(folder)])
    assert done.exit_code == 1, done.output
    assert "Q008" in done.output and f"{folder / 'results_2555.csv'}:" in done.output, done.output
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


def test_a_folder_inside_swapped_for_a_link_out_is_refused(tmp_path, monkeypatch):
    """The entry links to kept/r.csv; `kept` becomes a link to the secret's folder between
    the check and the open: no folder on the way is followed out."""
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
    swap is J003 at the entry, the secret workbook never opened."""
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
    assert wb is None and tables == [] and [d.code for d in diags] == ["J003"]
    assert phrase("link-out-of-folder").en in diags[0].message_en
    monkeypatch.setattr(regular_file, "inside", found)
    wb, tables, diags = open_tables(folder / "r.xlsx")  # the file named itself: its link followed
    try:
        assert diags == [] and [list(t.header) for t in tables] == [["agreement", "5"]]
    finally:
        wb.close()


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
