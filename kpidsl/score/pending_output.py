"""Output that appears whole or not at all, written as it is made (memory flat in rows).

`-o FILE` is written by kpidsl's one writer (kpidsl/files.py): to a hidden temporary
file beside it, removed when the run finds a mistake, fails, is interrupted (Ctrl-C) or
terminated (SIGTERM, SIGHUP: see ``stopped_by_signals``; only SIGKILL, which no program
can catch, leaves it). Once whole it takes FILE's place in one rename, with FILE's mode
if FILE was there, else the mode the umask gives a new file; a symbolic link is written
through, a read-only file refused, a FIFO or device written directly.

Standard output is spooled (in memory up to SPOOL_CHARS, then in an unnamed temporary
file) and copied out at the end, so a run that finds a mistake in its last row has
printed nothing.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
from pathlib import Path
from typing import Callable, Iterator, TextIO

from ..files import StreamingWriter

SPOOL_CHARS = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


class PendingOutput:
    """``file`` to write text to; then ``commit()`` (the output appears) or ``discard()``.
    A named file is kpidsl's one writer of files (kpidsl/files.py, StreamingWriter):
    the same rules as every other output; standard output is spooled here."""

    def __init__(self, path: Path | None, emit: Callable[[str], None] | None = None):
        self.path = path
        self.emit = emit
        self.writer: StreamingWriter | None = None
        if path is None:
            self.file: TextIO = tempfile.SpooledTemporaryFile(max_size=SPOOL_CHARS, mode="w+", encoding="utf-8",
                                                              newline="")
            return
        self.writer = StreamingWriter(path)
        self.file = self.writer.stream

    def commit(self) -> str | None:
        """Make the output appear; for standard output without ``emit``, return its text."""
        if self.writer is not None:
            self.writer.commit()
            return None
        self.file.flush()
        self.file.seek(0)
        if self.emit is None:
            text = self.file.read()
            self.file.close()
            return text
        while chunk := self.file.read(_CHUNK):
            self.emit(chunk)
        self.file.close()
        return None

    def discard(self) -> None:
        """Nothing appears; whatever was written is gone."""
        if self.writer is not None:
            self.writer.discard()
            return
        with contextlib.suppress(OSError, ValueError):
            self.file.close()


class Stopped(BaseException):
    """The run was told to stop by a signal (SIGTERM, SIGHUP): its output is discarded."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Stopped (as Ctrl-C raises KeyboardInterrupt),
    so that the cleanup of PendingOutput runs; once out, the signal is raised again as it
    would have been without us (by default the process ends by that signal, as a killed
    process does, and says nothing more). Outside the main thread nothing changes."""
    signums = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {}

    def stop(signum, frame):
        raise Stopped(signum)

    try:
        for s in signums:
            if signal.getsignal(s) is not signal.SIG_IGN:  # under nohup, SIGHUP stays ignored
                previous[s] = signal.signal(s, stop)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    except Stopped as stopped:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        previous = {}
        signal.raise_signal(stopped.signum)
        raise SystemExit(128 + stopped.signum) from None  # the signal was ignored where we came from
    finally:
        for s, handler in previous.items():  # None: a handler set outside Python, taken as the default
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
