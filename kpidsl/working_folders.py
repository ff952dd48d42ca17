"""The hidden folders a run keeps its working files in beside an output (DuckDB's spill,
kpidsl/sql/run.py; a workbook's sheets, kpidsl/xlsx/sheet_storage.py; sorted rows,
kpidsl/sorted_spill.py), made and removed in the output's folder held open, never by a path.

The output's folder is anyone's to write in on a shared drive: between the look at it and the
mkdir, it may be moved away and a link to another's folder put at its name. Made by the
output's path, the 0700 folder (and the rows in it) would be at the link's target. So the
folder is made with ``dir_fd`` in the output's folder as it was opened: the one the writer
holds (kpidsl/files.py StreamingWriter, :class:`Beside`), or, for an output written later,
the one reached name by name now (kpidsl/output_links.py open_way: another's link on the way
is O023). Its files are then reached through its own descriptor (kpidsl/folder_fds.py through_descriptor),
and it is removed by its name in the held folder, only while that name is still it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import attrs

from .folder_fds import open_folder, same_folder, through_descriptor
from .left_behind import clear, sibling_name
from .output_links import open_way


@attrs.frozen
class Beside:
    """An output file being written: its path as the user named it, and the folder it is
    written in, held open by its writer (kpidsl/files.py StreamingWriter.beside)."""

    path: Path
    folder: int


class WorkingFolder:
    """A hidden folder made for this run in an open folder: ``path`` is where its files are
    made and read (through its descriptor), ``made`` its name as the user knows the output's
    folder (what a look by path finds, while nobody swapped that folder)."""

    def __init__(self, path: Path, made: Path, name: str, parent: int, fd: int) -> None:
        self.path = path
        self.made = made
        self._name, self._parent, self._fd = name, parent, fd

    def remove(self, whole: bool) -> None:
        """Removed (with what it holds, ``whole``; else only when empty) from the folder it was
        made in, when its name there is still this folder, never another put at its name since."""
        if self._fd < 0:
            return
        try:
            if same_folder(self._name, self._fd, self._parent):
                if whole:  # a real folder: rmtree never follows a link in it
                    shutil.rmtree(self._name, ignore_errors=True, dir_fd=self._parent)
                else:
                    os.rmdir(self._name, dir_fd=self._parent)
        except OSError:
            pass
        finally:
            os.close(self._fd)
            os.close(self._parent)
            self._fd = self._parent = -1


def made_beside(beside: Beside, kind: str) -> WorkingFolder | None:
    """A fresh hidden folder of ``kind`` (kpidsl/left_behind.py SIBLING_KINDS) beside the output
    being written, in its folder held open, once what dead runs left there is removed; None when
    it cannot be made or reached by its descriptor (the caller then works in memory)."""
    parent = os.dup(beside.folder)  # the writer may close its own first (xlsx/scores.py commits, then removes)
    name = sibling_name(beside.path.name, kind, os.getpid())
    try:
        clear(parent)
        os.mkdir(name, 0o700, dir_fd=parent)  # never one that was there: only a folder made here is removed
        fd = open_folder(name, beside.path.parent / name, parent)
    except OSError:
        os.close(parent)
        return None
    except BaseException:
        os.close(parent)
        raise
    folder = WorkingFolder(through_descriptor(fd), beside.path.parent / name, name, parent, fd)
    if not os.path.isdir(folder.path):  # no /proc: its files could be reached only by a path
        folder.remove(whole=False)
        return None
    return folder


def made_beside_path(output: Path | str, kind: str) -> WorkingFolder | None:
    """:func:`made_beside` for an output (a file or a folder) not yet being written: its folder
    reached name by name now (open_way: another's link on the way is O023, raised); None when
    that folder is missing or cannot be opened."""
    output = Path(output)
    if output.name in ("", ".."):  # `-o .`, `-o ..`: the folder they name, by its own name
        output = Path(os.path.realpath(output))
    try:
        folder = open_way(output.parent)
    except OSError:
        return None
    if folder is None:
        return None
    try:
        return made_beside(Beside(output, folder), kind)
    finally:
        os.close(folder)
