"""Reading a file that must be a regular file, never more than a limit: the one way kpidsl
reads a whole file it was pointed at (a rule file, a plan, a results file checked or quoted,
its own cache's entries).

The file is opened first, without waiting (a FIFO another user left on a shared drive would
wait for a writer for ever; a terminal is not made the controlling one), and what it is is
asked of the open file: a name looked at, then opened, may be another file by then. At most
``limit + 1`` bytes are read: the size the system gives can lie (a file under /proc says 0,
a file still being written grows), so a file is too big when more than the limit was read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# Each flag 0 where the system has none (Windows: no O_NONBLOCK, O_NOCTTY, O_NOFOLLOW, O_DIRECTORY).
_CLOEXEC, _NOFOLLOW, _DIRECTORY = (getattr(os, name, 0) for name in ("O_CLOEXEC", "O_NOFOLLOW", "O_DIRECTORY"))
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | _CLOEXEC
# a folder walked through (open_beneath), each opened as a folder; those below the first, through no link
_FOLDER = os.O_RDONLY | _DIRECTORY | _CLOEXEC


class NotRegular(Exception):
    """The path is a folder (``folder`` True) or a FIFO, a device, a socket."""

    def __init__(self, folder: bool) -> None:
        super().__init__("a folder" if folder else "not a regular file")
        self.folder = folder


class LinkOut(NotRegular):
    """An entry of a folder that is, or has become, a symbolic link to a file outside the
    folder (or meets one on its way): refused where a file that is no regular file is."""

    def __init__(self) -> None:
        Exception.__init__(self, "a link out of the folder")
        self.folder = False


class Unproven(NotRegular):
    """An entry of a folder opened by its whole path (where a folder cannot be walked name by
    name: open_beneath) that cannot be shown to be the folder's own file: the drive gives no
    file number to compare. Refused, as a link out is, rather than read on trust."""

    def __init__(self) -> None:
        Exception.__init__(self, "not proven to be the folder's file")
        self.folder = False


class TooBig(Exception):
    """More than the limit: ``size`` is the larger of the size the system gives and what was read."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


class NotOwned(Exception):
    """A regular file another user owns, where only the user's own will do."""


def read_regular(path: Path | str, limit: int | None, *, follow_links: bool = True,
                 owner: int | None = None) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (None: no limit).
    ``follow_links`` False refuses a symbolic link (OSError, ELOOP); ``owner`` a user id the
    file must belong to. Raises NotRegular, TooBig, NotOwned, or OSError when the file cannot
    be opened or read."""
    with open_regular(path, follow_links=follow_links, owner=owner) as f:
        size = os.fstat(f.fileno()).st_size
        if limit is not None and size > limit:
            raise TooBig(size)
        data = f.read() if limit is None else f.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise TooBig(max(size, len(data)))
    return data


def open_regular(path: Path | str, *, follow_links: bool = True, owner: int | None = None,
                 dir_fd: int | None = None):
    """``path`` open for reading as bytes, once it is known to be a regular file (read_regular's
    checks, without reading it: a file read a block at a time); ``dir_fd``: the open folder a
    relative ``path`` is in. Raises NotRegular, NotOwned or OSError."""
    flags = _FLAGS if follow_links else _FLAGS | _NOFOLLOW
    fd = os.open(path, flags, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(stat.S_ISDIR(st.st_mode))
        if owner is not None and st.st_uid != owner:
            raise NotOwned(str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def inside(folder: Path | str, path: Path | str) -> tuple[str, ...] | None:
    """The names leading from ``folder``'s real path to ``path``'s, every link on the way
    followed (none is left in them); None when ``path`` lies outside ``folder``."""
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    return real.relative_to(top).parts if real.is_relative_to(top) else None


# Walking a folder name by name, each opened in the one before without following a link,
# needs os.open's dir_fd (not on Windows, where the names found are opened as one path:
# _opened_by_path). _NOFOLLOW (0 where the system has none): a last name that is a link is refused by the open itself.
WALKS = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY")


def _leads_elsewhere(st: os.stat_result) -> bool:
    """A link, or on Windows any reparse point (a junction leads elsewhere as a link does)."""
    return stat.S_ISLNK(st.st_mode) or bool(getattr(st, "st_reparse_tag", 0))


def _opened_by_path(top: str, parts: tuple[str, ...]):
    """The entry ``parts`` of the folder ``top`` (its real path) opened by its whole path, then
    proven to be the file found (open_beneath, where a folder cannot be walked name by name):
    once it is open, no name on its way is a link (none was: inside followed them all) and
    the path leads to the very file opened (device and file number). An entry or a folder
    on its way swapped for a link, even swapped back, is refused (LinkOut); a drive that
    numbers no file cannot prove it (Unproven). Never followed on trust."""
    path = os.path.join(top, *parts)
    f = open_regular(path, follow_links=not _NOFOLLOW)
    try:
        opened = os.fstat(f.fileno())
        where = top
        for name in parts:
            where = os.path.join(where, name)
            found = os.stat(where, follow_symlinks=False)
            if _leads_elsewhere(found):
                raise LinkOut()
        if not opened.st_ino or not found.st_ino:
            raise Unproven()
        if (opened.st_dev, opened.st_ino) != (found.st_dev, found.st_ino):
            raise LinkOut()  # not the file the path leads to now: it led elsewhere when opened
        return f
    except BaseException:
        f.close()
        raise


def open_beneath(folder: Path | str, path: Path | str):
    """``path``, an entry of ``folder``, open as open_regular opens it, when it is a file in
    ``folder`` or a link to one: the check and the open are one act. Where the entry leads is
    found first (inside), then opened name by name from the folder, no link followed: an
    entry, or a folder on its way, made a link since is refused (LinkOut), never followed to
    a file elsewhere. Where names cannot be opened one in another (Windows), the whole path
    is opened and the file then proven to be the one found (_opened_by_path), else refused
    (LinkOut, Unproven). Raises LinkOut, NotRegular, NotOwned or OSError."""
    parts = inside(folder, path)
    if parts is None:
        raise LinkOut()
    if not parts:  # a link to the folder itself
        raise NotRegular(True)
    top = os.path.realpath(folder)
    try:
        if not WALKS:
            return _opened_by_path(top, parts)
        return _walked(top, parts)
    except OSError as e:
        if e.errno == errno.ELOOP:  # a link where inside found none: made since
            raise LinkOut() from e
        raise


def _walked(top: str, parts: tuple[str, ...]):
    """parts[-1] opened as open_regular opens it, each folder before it opened in the one before
    from ``top``, no link followed."""
    fd = os.open(top, _FOLDER)
    try:
        for name in parts[:-1]:
            try:
                below = os.open(name, _FOLDER | _NOFOLLOW, dir_fd=fd)
            except NotADirectoryError:  # Linux says so of a link opened as a folder, not followed
                if stat.S_ISLNK(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
                    raise LinkOut() from None
                raise
            os.close(fd)
            fd = below
        return open_regular(parts[-1], follow_links=False, dir_fd=fd)
    finally:
        os.close(fd)


def open_results(path: Path | str, folder: Path | str | None):
    """A results file open for reading: an entry of the results ``folder`` named, beneath it
    (open_beneath); the file named itself (``folder`` None), as open_regular opens it."""
    return open_regular(path) if folder is None else open_beneath(folder, path)
