"""Working inside a folder kpidsl writes into from the folder opened, never by its path again.

A folder is looked at (kpidsl/output_folder.py check_the_way: no link on the way to an
output), then acted in: files written, moved in, removed. On a shared drive anyone who may
write in the folder can, between the look and the act, move a folder inside it away and put
a link to somewhere else (`~/`) at its name; an act by path would then write, move or remove
at the link's target. So the top folder is opened once (its own name never a link), and
each folder below it is opened from the one above, name by name, never through a link
(O_NOFOLLOW | O_DIRECTORY, as shutil.rmtree's walk by descriptors does): a link met is
refused (O005) where the look would have refused it, and every mkdir, open, rename and unlink
takes the open folder (``dir_fd``), so it acts in that very folder whatever its path leads
to by then.

Linux and the BSDs have what this needs; a system without it (os.supports_dir_fd) is told
so (O001 at the output), never written to by path instead.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics.phrases import phrase
from .output_errors import refused

# Each folder opened to be worked in: a folder, the name itself never followed if a link.
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
SUPPORTED = (hasattr(os, "O_DIRECTORY") and hasattr(os, "O_NOFOLLOW")
             and {os.open, os.mkdir, os.rename, os.unlink, os.rmdir, os.stat, os.link, os.symlink,
                  os.readlink, os.access} <= os.supports_dir_fd)


def require(shown: Path | str) -> None:
    """O001 at ``shown`` when this system cannot work in a folder by its descriptor."""
    if not SUPPORTED:
        raise refused("O001", shown, reason=phrase("no-folder-descriptors"))


def open_folder(name: Path | str, shown: Path | str, dir_fd: int | None = None, make: bool = False) -> int:
    """The folder ``name`` (in the open folder ``dir_fd``; else as a path, whose folders above
    are followed as the user's way to it) opened, the name itself no link (O005 at ``shown``).
    ``make``: made first when missing (the umask applies, as to every folder kpidsl makes);
    a link put there meanwhile is refused all the same. Other trouble is the OSError met."""
    require(shown)
    try:
        return os.open(name, _FOLDER, dir_fd=dir_fd)
    except FileNotFoundError:
        if not make:
            raise
    except OSError as e:
        # Linux says ELOOP of a link opened O_NOFOLLOW, ENOTDIR when O_DIRECTORY is asked too.
        if e.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(name, dir_fd):
            raise refused("O005", shown) from None
        raise
    try:
        os.mkdir(name, 0o777, dir_fd=dir_fd)
    except FileExistsError:
        pass  # made meanwhile: taken when it is a folder, refused when a link
    return open_folder(name, shown, dir_fd)


def _is_link(name: Path | str, dir_fd: int | None) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def exists(name: str, dir_fd: int) -> bool:
    """Whether the open folder ``dir_fd`` holds anything named ``name`` (a link too)."""
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


class Tree:
    """A folder opened once (:func:`open_folder`), and the folders below it each reached from
    it name by name (:meth:`folder`). Refusals are told at ``shown``, the name the user knows
    the folder by, joined with the names below. The folder last reached is kept open: a
    folder's files come one after another (a render's forms, by agreement), and the
    descriptors held stay two, however many folders (20,000 people's)."""

    def __init__(self, path: Path | str, shown: Path | str, dir_fd: int | None = None) -> None:
        self.shown = Path(shown)
        self.fd = open_folder(path, shown, dir_fd)
        self._last: tuple[str, int] | None = None

    def folder(self, rel: str, make: bool = False) -> int:
        """The open folder ``rel`` ("a/b"; "" the top) below the top, each name on the way
        opened in the one before, no link followed (O005); ``make``: those missing made."""
        if not rel:
            return self.fd
        if self._last is not None and self._last[0] == rel:
            return self._last[1]
        fd, shown = self.fd, self.shown
        try:
            for name in rel.split("/"):
                shown = shown / name
                below = open_folder(name, shown, fd, make)
                if fd != self.fd:
                    os.close(fd)
                fd = below
        except BaseException:
            if fd != self.fd:
                os.close(fd)
            raise
        self._forget()
        self._last = (rel, fd)
        return fd

    def entry(self, rel: str, make: bool = False) -> tuple[int, str]:
        """The open folder ``rel`` lies in, and its last name."""
        folder, _, name = rel.rpartition("/")
        return self.folder(folder, make), name

    def _forget(self) -> None:
        if self._last is not None:
            os.close(self._last[1])
            self._last = None

    def close(self) -> None:
        self._forget()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> "Tree":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# The hidden folders a run keeps its working files in (kpidsl/working_folders.py: a workbook's
# sheets, sorted rows, DuckDB's spill) are made beside the output, in a folder others may write
# in; their files are made and read by paths, some by another library (openpyxl's sheet
# writer, DuckDB). Linux names each open descriptor as a path (/proc/self/fd/N), which leads
# into the very folder opened whatever its name leads to since: the files are reached by it.
_BY_DESCRIPTOR = "/proc/self/fd"


def through_descriptor(fd: int) -> Path:
    """The path the system names the open folder ``fd`` by (its files reached by it lie in
    that very folder); a path that leads nowhere where the system names none (no /proc: a
    container without it, another system), which the caller must look at (os.path.isdir)."""
    return Path(_BY_DESCRIPTOR, str(fd))


def same_folder(path: Path | str, fd: int, dir_fd: int | None = None) -> bool:
    """Whether ``path`` (with ``dir_fd``, a name in that open folder) is still the folder open
    as ``fd`` (not a link, nor another, put at its name)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path, dir_fd=dir_fd, follow_symlinks=False))
    except OSError:
        return False


def first_link(fd: int, allowed: frozenset[str] | set[str] = frozenset(), rel: str = "") -> str | None:
    """The first symbolic link in the open folder ``fd`` or a folder below it, by its path
    below ``fd`` ("a/b"), that is not one of ``allowed``; None when there is none. A folder
    that turns out a link as it is opened is that link."""
    with os.scandir(fd) as found:
        entries = [(entry.name, entry.is_symlink(), entry.is_dir(follow_symlinks=False)) for entry in found]
    for name, is_link, is_dir in entries:
        here = rel + name
        if is_link:
            if here not in allowed:
                return here
            continue
        if not is_dir:
            continue
        try:
            below = os.open(name, _FOLDER, dir_fd=fd)
        except OSError as e:
            if e.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(name, fd):
                return here
            raise
        try:
            met = first_link(below, allowed, here + "/")
        finally:
            os.close(below)
        if met is not None:
            return met
    return None
