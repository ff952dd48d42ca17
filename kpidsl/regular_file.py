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

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegular(Exception):
    """The path is a folder (``folder`` True) or a FIFO, a device, a socket."""

    def __init__(self, folder: bool) -> None:
        super().__init__("a folder" if folder else "not a regular file")
        self.folder = folder


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


def open_regular(path: Path | str, *, follow_links: bool = True, owner: int | None = None):
    """``path`` open for reading as bytes, once it is known to be a regular file (read_regular's
    checks, without reading it: a file read a block at a time). Raises NotRegular, NotOwned or
    OSError."""
    flags = _FLAGS if follow_links else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
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
