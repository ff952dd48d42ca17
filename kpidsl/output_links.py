"""Symbolic links on the way to an output: an output named by a link, and a dangling link
among the folders an output needs made, are refused (O023), never followed.

On a shared drive anyone who may write in a folder can put `scored.csv -> ~boss/.profile`
there, or a dangling `reports -> /other/office/new`: written through, the run would
overwrite the target, or make folders at it. So the name the user gives must itself be the
file (or folder) written, and every folder kpidsl makes on the way to it is made one at a
time (os.mkdir, which never follows a link it finds at the name).

Links higher up, in the part of the path that exists (a home on another disk, a mounted
share), are the user's own way to the folder and are followed, as kpidsl/output_folder.py
real_folder follows them.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .output_errors import refused


def through_link(path: Path | str, shown: Path | str | None = None, dir_fd: int | None = None):
    """O023 at ``path``, a symbolic link (with ``dir_fd``, a name in that open folder; or at
    ``shown``, the name the user knows it by), naming what it points at, as seen from where
    the command runs (an OutputError)."""
    shown = path if shown is None else shown
    try:
        target = os.path.join(os.path.dirname(shown), os.readlink(path, dir_fd=dir_fd))
    except OSError:  # gone meanwhile: the name is what is told
        target = str(shown)
    return refused("O023", shown, target=target)


def not_a_link(path: Path | str) -> None:
    """Refuse (O023) ``path`` when it is a symbolic link, live or dangling."""
    if os.path.islink(path):
        raise through_link(path)


def missing_folders(folder: Path | str) -> list[Path]:
    """The folders that must be made for ``folder`` to exist, the outermost first; O023 at a
    link met on the way up (it points at nothing there: what would be made is at its
    target). Other trouble (a file where a folder should be, no permission) is left to the
    mkdir that meets it."""
    path = Path(folder)
    missing: list[Path] = []
    while True:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            missing.append(path)
            if path.parent == path:
                break
            path = path.parent
            continue
        except OSError:
            break
        if stat.S_ISLNK(mode) and not os.path.exists(path):
            raise through_link(path)
        break
    missing.reverse()
    return missing


def make_folders(folder: Path | str) -> None:
    """Make ``folder`` and the folders above it that are missing (they take the umask),
    never at a link's target (O023). One that appears meanwhile is taken when it is a folder;
    a link put there meanwhile is refused."""
    for path in missing_folders(folder):
        try:
            os.mkdir(path, 0o777)
        except FileExistsError:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                raise through_link(path) from None
            if not os.path.isdir(path):
                raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path)) from None
