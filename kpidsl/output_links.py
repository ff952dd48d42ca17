"""Symbolic links on the way to an output: an output named by a link, and a dangling link
among the folders an output needs made, are refused (O023), never followed.

On a shared drive anyone who may write in a folder can put `scored.csv -> ~boss/.profile`
there, or a dangling `reports -> /other/office/new`: written through, the run would
overwrite the target, or make folders at it. So the name the user gives must itself be the
file (or folder) written, and every folder kpidsl makes on the way to it is made one at a
time (os.mkdir, which never follows a link it finds at the name).

Links higher up, in the part of the path that exists (a home on another disk, a mounted
share), are the user's own way to the folder and are followed, as kpidsl/output_folder.py
real_folder follows them. Not every one: the folder of a file written (`-o out/x/scores.csv`)
is reached name by name (:func:`open_way`), and a link met on the way is followed only when
it is the user's own choice: the first name the user typed (whoever made it, the user chose
to go there), or a link the user or the administrator made. A link anyone else made, in a
folder they may write in (`out/x -> ~boss`), is refused (O023): the user named `out/x`, not
its target. The folder is then held open while it is written (kpidsl/folder_fds.py), so a
folder on the way swapped for a link after the look sends nothing elsewhere.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .folder_fds import require
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


# Each folder on the way opened only to be gone through (Linux's O_PATH: no right to read it is
# needed, as a path needs none), never through a link: a link met is looked at first.
_WAY = (getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0))
_MAX_LINKS = 40  # as Linux follows at most 40 links in one path (ELOOP)


def _yours(st: os.stat_result) -> bool:
    """Whether a link was made by the user running kpidsl or by the administrator (root)."""
    return st.st_uid in (os.geteuid(), 0)


def open_way(folder: Path | str, make: bool = False) -> int | None:
    """``folder`` opened, each name on the way opened in the one before (from the root, or the
    working folder), a link met followed only as the module's doc says (O023 at the link, told
    by the names typed up to it). ``make``: the folders missing made (the umask applies); else
    None when one is missing. Other trouble (a file where a folder should be, no permission)
    is the OSError met. The folder is open to read where that is allowed (its leftovers
    cleared, kpidsl/left_behind.py), else only to work in."""
    require(folder)
    fd = _walk(os.fspath(folder), None, make, [0], None)
    if fd is None:
        return None
    try:
        readable = os.open(".", os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0), dir_fd=fd)
    except PermissionError:
        return fd
    os.close(fd)
    return readable


def _walk(path: str, shown: Path | None, make: bool, hops: list[int], start: int | None) -> int | None:
    """``path`` opened from ``start`` (an open folder; None: the working folder) or, when it
    begins with `/`, from the root. ``shown`` None: the path the user typed, each link on it
    told by the names up to it, its first name the user's to choose; else the link whose
    target ``path`` is, as the user knows it."""
    fd = os.open("/" if path.startswith("/") else ".", _WAY, dir_fd=start)
    names = [name for name in path.split("/") if name not in ("", ".")]
    chosen = shown is None  # until the first name that is not `..`
    try:
        for i, name in enumerate(names):
            told = Path("/" if path.startswith("/") else "", *names[:i + 1]) if shown is None else shown
            below = _step(fd, name, told, make, hops, chosen)
            os.close(fd)
            fd = below
            if fd is None:
                return None
            chosen = chosen and name == ".."
        return fd
    except BaseException:
        if fd is not None:
            os.close(fd)
        raise


def _step(fd: int, name: str, shown: Path, make: bool, hops: list[int], chosen: bool) -> int | None:
    """The folder ``name`` of the open folder ``fd``, opened (made first when missing, ``make``)."""
    for attempt in (1, 2):
        try:
            return os.open(name, _WAY, dir_fd=fd)
        except FileNotFoundError:
            if not make or attempt == 2:
                return None
            try:
                os.mkdir(name, 0o777, dir_fd=fd)
            except FileExistsError:
                pass  # made meanwhile: taken when it is a folder, looked at when a link
        except OSError as e:
            if e.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            try:
                st = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except OSError:
                raise e from None
            if not stat.S_ISLNK(st.st_mode):
                raise  # a file where a folder should be
            if not (chosen or _yours(st)):
                raise through_link(name, shown, fd) from None
            hops[0] += 1
            if hops[0] > _MAX_LINKS:
                raise
            below = _walk(os.readlink(name, dir_fd=fd), shown, False, hops, fd)
            if below is None:  # dangling: what would be made is at its target
                raise through_link(name, shown, fd)
            return below
    return None
