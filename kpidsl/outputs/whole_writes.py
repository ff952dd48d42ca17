"""Standard output that writes every byte it is given, or says why not.

A write the system takes only part of (the disk fills, or a quota is passed, part-way
through it) returns a short count, and the next write is the one refused. Python's own
standard output leaves it there: its buffer counts the part as the whole, so a run ends
with its output cut off and exit 0 (`kpidsl --version > v.txt` on a full disk: 8 bytes of
23, nothing said). :func:`install` puts standard output on a writer that writes the rest
again, so the refusal comes as an OSError, which the command line tells as O001 at `-`
(kpidsl/cli/common.py)."""

from __future__ import annotations

import errno
import io
import os
import sys


class WholeWrites(io.RawIOBase):
    """The file descriptor ``fd``, each write taken whole or refused by an OSError."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data) -> int:
        rest = memoryview(data).cast("B")
        size = len(rest)
        while rest:
            taken = os.write(self.fd, rest)
            if not taken:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            rest = rest[taken:]
        return size

    def close(self) -> None:  # standard output stays open for the interpreter's own end
        if not self.closed:
            super().close()


def install() -> None:
    """Put ``sys.stdout`` on WholeWrites, its encoding, errors and buffering kept; left as it
    is when it has no file descriptor (a test's capture) or is already on one."""
    stream = sys.stdout
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    if isinstance(getattr(getattr(stream, "buffer", None), "raw", None), WholeWrites):
        return
    try:
        stream.flush()
    except (OSError, ValueError):
        return  # already refused: left for the command line to tell
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(WholeWrites(fd)), encoding=stream.encoding,
                                  errors=stream.errors, line_buffering=stream.line_buffering)
