"""Output that appears whole or not at all, written as it is made (memory flat in rows).

`-o FILE` is written by kpidsl's one writer (kpidsl/files.py): to a hidden temporary
file beside it, removed when the run finds a mistake, fails, is interrupted (Ctrl-C) or
terminated (SIGTERM, SIGHUP: see ``stopped_by_signals``; only SIGKILL, which no program
can catch, leaves it). Once whole it takes FILE's place in one rename, with FILE's mode
if FILE was there, else the mode the umask gives a new file; a symbolic link is written
through, a read-only file refused, a FIFO or device written directly.

Standard output is held in memory up to SPOOL_CHARS and copied out at the end, so a run
that finds a mistake in its last row has printed nothing. Past SPOOL_CHARS nothing more
is kept (``too_big``) and no temporary file is made (kpidsl writes nothing but the output
the user named): the caller, once the batch is known clean, makes the output again
straight to standard output (``stream()``). The results are files, read again as they
were; scoring twice costs a second pass of CPU, never memory or disk. Results that cannot
be read twice (`--results /dev/stdin`, a pipe: ``read_again`` false) have their output
held in memory whatever its size: the one place it can wait without a file. Standard output
that is a regular file (`> scores.csv`, `>> log`) is written as the output is made and,
should the run find a mistake or be stopped, cut back to where it stood before the run
(``standard_output_start``): one pass, and the file the user named is the only one.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import signal
import stat
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterator, TextIO

from ..files import StreamingWriter

SPOOL_CHARS = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


class PendingOutput:
    """``file`` to write text to; then ``commit()`` (the output appears) or ``discard()``.
    A named file is kpidsl's one writer of files (kpidsl/files.py, StreamingWriter):
    the same rules as every other output; standard output is spooled here."""

    def __init__(self, path: Path | None, emit: Callable[[str], None] | None = None, read_again: bool = True):
        self.path = path
        self.emit = emit
        self.writer: StreamingWriter | None = None
        self.start: int | None = None  # standard output a regular file: where it is cut back to
        self.kept: int | None = None  # that file, held open here: standard output may be silenced
        if path is None and emit is not None:
            self.start = standard_output_start()
            if self.start is not None:
                self.kept = _kept_open(sys.stdout.fileno())
                self.file = Emitting(emit)
                return
        if path is None:
            # without ``emit`` the caller takes the whole text (a test, the SQL engine's rows)
            self.file: TextIO = HeldText(SPOOL_CHARS if emit is not None and read_again else None)
            return
        self.writer = StreamingWriter(path)
        self.file = self.writer.stream

    def commit(self) -> str | None:
        """Make the output appear; for standard output without ``emit``, return its text.
        A signal that came while the run was at work (stopped_by_signals) and whose exception
        something swallowed (a finaliser run by the collector, where Python prints "Exception
        ignored" and goes on) still stops it here: nothing appears."""
        told = stop_told()
        if told is not None:
            self.discard()
            raise told
        if self.writer is not None:
            self.writer.commit()
            return None
        if isinstance(self.file, Emitting):
            try:
                self.file.flush()
            except BaseException:  # refused part-way (a full disk): cut back, as a mistake is
                self.discard()
                raise
            self._let_go()
            return None
        text = self.file.text()
        if self.emit is None:
            return text
        for start in range(0, len(text), _CHUNK):
            self.emit(text[start:start + _CHUNK])
        return None

    @property
    def too_big(self) -> bool:
        """Standard output past SPOOL_CHARS: nothing of it was kept; once the batch is
        known clean, the caller writes it again to ``stream()``."""
        return isinstance(self.file, HeldText) and self.file.too_big

    def stream(self) -> "Emitting":
        """Standard output written as it is made (the second pass after ``too_big``)."""
        assert self.emit is not None
        return Emitting(self.emit)

    def discard(self) -> None:
        """Nothing appears; whatever was written is gone."""
        if self.writer is not None:
            self.writer.discard()
            return
        self.file.close()
        if self.start is not None:
            cut_back(self.start, self.kept)
        self._let_go()

    def _let_go(self) -> None:
        if self.kept is not None:
            with contextlib.suppress(OSError):
                os.close(self.kept)
            self.kept = None


def read_again(paths: list[Path]) -> bool:
    """Whether every one of ``paths`` is a regular file, which a second pass reads as the first."""
    try:
        return all(stat.S_ISREG(os.stat(p).st_mode) for p in paths)
    except OSError:
        return False


def fingerprint(paths: list[Path]) -> tuple:
    """What says a file is still the one a first pass read: its device, inode, size and time
    of last change, per path (None for a path that cannot be looked at). A second pass that
    finds another fingerprint would print figures the first pass never checked."""
    def one(path: Path):
        try:
            st = os.stat(path)
        except OSError:
            return None
        return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns

    return tuple(one(p) for p in paths)


def changed(paths: list[Path], before: tuple) -> Path | None:
    """The first of ``paths`` whose fingerprint is no longer ``before``'s, else None."""
    for path, was, now in zip(paths, before, fingerprint(paths)):
        if was != now:
            return path
    return None


def standard_output_start() -> int | None:
    """Where the output will begin in standard output when that is a regular file (the
    end of one opened to append, else its offset); None for a pipe, a terminal, a device."""
    try:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:
            return st.st_size
        return os.lseek(fd, 0, os.SEEK_CUR)
    except (AttributeError, OSError, ValueError):  # no file behind it (a test's capture)
        return None


def _kept_open(fd: int) -> int | None:
    """A second descriptor of ``fd``'s open file: a write to standard output that fails has
    it pointed at /dev/null (kpidsl/cli/common.py), and the file must still be cut back."""
    try:
        return os.dup(fd)
    except OSError:
        return None


def cut_back(start: int, kept: int | None = None) -> None:
    """Standard output, a regular file (``kept``: a descriptor of it, else standard output's
    own), as it was before the run: cut at ``start`` and written on from there (what is told
    on stderr after, into the same file, lands there: the two share its offset)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stdout.flush()  # what the run left in the buffer: refused again by a full disk, or cut below
    try:
        fd = kept if kept is not None else sys.stdout.fileno()
        os.ftruncate(fd, start)
        os.lseek(fd, start, os.SEEK_SET)
    except (AttributeError, OSError, ValueError):
        pass


class HeldText:
    """Text written to memory, up to ``limit`` characters (None: no limit); past it, what
    was held is dropped and the rest not kept (``too_big``)."""

    def __init__(self, limit: int | None):
        self.limit = limit
        self.pieces: list[str] = []
        self.size = 0
        self.too_big = False

    def write(self, text: str) -> int:
        if not self.too_big:
            self.pieces.append(text)
            self.size += len(text)
            if self.limit is not None and self.size > self.limit:
                self.pieces, self.too_big = [], True
        return len(text)

    def text(self) -> str:
        return "".join(self.pieces)

    def close(self) -> None:
        self.pieces = []


class Emitting:
    """Text handed to ``emit`` in pieces of about _CHUNK characters, as it is written."""

    def __init__(self, emit: Callable[[str], None]):
        self.emit = emit
        self.pieces: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.pieces.append(text)
        self.size += len(text)
        if self.size >= _CHUNK:
            self.flush()
        return len(text)

    def close(self) -> None:
        self.pieces, self.size = [], 0

    def flush(self) -> None:
        if self.pieces:
            self.emit("".join(self.pieces))
        self.pieces, self.size = [], 0


class Stopped(BaseException):
    """The run was told to stop by a signal (SIGTERM, SIGHUP): its output is discarded."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def let_go(error: BaseException) -> None:
    """Let go of what the frames ``error`` unwound (and those of the errors it came from)
    still hold, before the process ends by a signal: a process that ends so runs no exit
    handlers, so a pool of processes (`score --jobs`, kpidsl/score/parts.py) must let go of
    its queues here for their semaphores to be released, or Python's resource tracker finds
    them left over and warns ("leaked semaphore objects"). The pool and its results hold one
    another: a collection frees them once no frame does."""
    errors, seen = [error], set()
    while errors:
        e = errors.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)  # a frame still running is left as it is
        errors += [e.__cause__, e.__context__]
    gc.collect()


# The signals each stopped_by_signals we are inside has received (an inner one sets no handler
# of its own where an outer one has: the outer's list gets them), for stop_told.
_RECEIVED: list[list[int]] = []


def stop_told() -> BaseException | None:
    """What a signal received inside stopped_by_signals raises (Stopped, or KeyboardInterrupt
    for Ctrl-C), or None: none came, or we are outside."""
    received = [s for each in _RECEIVED for s in each]
    if not received:
        return None
    stopping = [s for s in received if s != signal.SIGINT]
    return Stopped(stopping[0]) if stopping else KeyboardInterrupt()


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Stopped (as Ctrl-C raises KeyboardInterrupt),
    so that the cleanup of PendingOutput runs; once out, the signal is raised again as it
    would have been without us (by default the process ends by that signal, as a killed
    process does, and says nothing more). Outside the main thread nothing changes."""
    signums = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {}
    # An engine that runs outside Python (DuckDB) takes the exception a handler raises and
    # raises its own (RuntimeError: Query interrupted): the signals that came are kept, so that
    # the run still stops as they say.
    received: list[int] = []

    def stop(signum, frame):
        received.append(signum)
        raise Stopped(signum)

    def interrupt(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    try:
        for s in signums:
            if signal.getsignal(s) is not signal.SIG_IGN:  # under nohup, SIGHUP stays ignored
                previous[s] = signal.signal(s, stop)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # Ctrl-C as before, but kept
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, interrupt)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    _RECEIVED.append(received)
    try:
        try:
            yield
        except (Stopped, KeyboardInterrupt):
            raise
        except BaseException:
            told = stop_told()
            if told is not None:
                raise told from None
            raise
    except Stopped as stopped:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        previous = {}
        let_go(stopped)
        signal.raise_signal(stopped.signum)
        raise SystemExit(128 + stopped.signum) from None  # the signal was ignored where we came from
    finally:
        _RECEIVED.pop()
        for s, handler in previous.items():  # None: a handler set outside Python, taken as the default
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
