"""Writing output files: whole or not at all, and never by putting something else
where the path was.

Every command that writes a file goes through :func:`write_file` (a text made in
memory) or :class:`StreamingWriter` (`score -o`, row by row). What the path names
decides how:

- nothing yet: a temporary file beside it is renamed into place; a new file takes
  the umask (it is created with 0666 and the kernel applies the umask);
- a regular file: the same, and the new file keeps the old one's mode (and owner,
  when allowed);
- a symbolic link, live or dangling: refused (O023), never written through: on a shared
  drive anyone who may write in the folder can put one there (kpidsl/output_links.py);
  the folders it needs made are made one by one, never at a dangling link's target;
- in any case, its folder is reached name by name and held open while the file is written
  (kpidsl/output_links.py open_way): a link another user put on the way is refused (O023),
  and the temporary file is made, and renamed into place, in that very folder;
- a regular file with several hard links: rewritten in place through the shared
  inode, so every name sees the new text (the one case that is not atomic): the new
  text is written beside first, then room made for it in the file (_into_shared), so a
  disk that fills leaves the old text whole;
- a read-only file (no write bit, or not writable by us): refused (O002);
- a device, a fifo, a socket, or `/dev/stdout` and the like (OPEN_FILE_ALIASES):
  opened by the name given and written directly, never replaced;
- a folder: refused (O001).

Any OSError on the way becomes :class:`OutputError` holding a located O001
diagnostic, which the command group shows with exit 2.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

from .diagnostics.phrases import phrase
from .diagnostics.registry import Bi
from .left_behind import TEMP_FILE, clear, temp_name
from .output_errors import OutputError, refused
from .output_links import not_a_link, open_way, through_link
from .results_layout import RESULTS_SUFFIXES
from .working_folders import Beside

STDOUT = "-"


# Why the system refused a write, in Thai (kpidsl/source.py words the reasons of reading).
_WRITE_REASONS_TH = {
    errno.EACCES: "ไม่มีสิทธิ์เขียน",
    errno.EPERM: "ไม่มีสิทธิ์เขียน",
    errno.ENOENT: "ไม่มีโฟลเดอร์นี้",
    errno.ENOTDIR: "ส่วนหนึ่งของเส้นทางเป็นไฟล์ ไม่ใช่โฟลเดอร์",
    errno.EISDIR: "เป็นโฟลเดอร์",
    errno.ENOSPC: "ดิสก์เต็ม",
    errno.EROFS: "ระบบไฟล์นี้อ่านได้อย่างเดียว",
    errno.ENAMETOOLONG: "ชื่อยาวเกินไป",
    errno.ELOOP: "ลิงก์ชี้วนกันเอง",
    errno.EEXIST: "มีสิ่งอื่นอยู่ที่ชื่อนี้แล้ว",
    errno.EIO: "เขียนลงดิสก์ไม่ได้",
    errno.EFBIG: "ไฟล์ใหญ่เกินกว่าที่ระบบไฟล์รับได้",
    errno.EDQUOT: "เกินโควตาพื้นที่ดิสก์ของผู้ใช้",
}


def cannot_write(path: Path | str, err: OSError) -> OutputError:
    """O001 for an OSError met while writing ``path`` (named as the user knows it, never
    by the writer's temporary name), its reason in both languages."""
    en = err.strerror or str(err)
    return refused("O001", path, reason=Bi(en, _WRITE_REASONS_TH.get(err.errno or 0, en)))


RULE_SUFFIX = ".kpi"


def output_file(path: Path | str) -> Path:
    """``path`` as the one output file of a command (compile, score, diff, render of one
    form): never a rule file (O012), which only `kpidsl fmt` rewrites; never a symbolic link,
    nor under a dangling one (O023), refused here before any work is done (a run's spill
    folder is made beside the output)."""
    path = Path(path)
    if not is_open_file(path):
        not_a_link(path)
        _look_at_the_way(path.parent)
    real = Path(os.path.realpath(path))
    if path.suffix.lower() == RULE_SUFFIX or real.suffix.lower() == RULE_SUFFIX:
        raise refused("O012", path)
    return path


def _look_at_the_way(folder: Path) -> None:
    """O023 for a link on the way to ``folder`` that is not the user's (open_way), before any
    work is done; the folders missing are made when the file is written. Other trouble is
    left to the writer, which meets it again and tells it."""
    try:
        fd = open_way(folder)
    except OSError:
        return
    if fd is not None:
        os.close(fd)


def _open_parent(path: Path, shown: Path) -> int:
    """The folder ``path`` is written in, reached name by name and opened (its folders missing
    made): O023 at a link on the way that is not the user's (kpidsl/output_links.py open_way)."""
    fd = open_way(path.parent, make=True)
    if fd is None:  # removed again as soon as made: told as the mkdir would have told it
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(shown.parent))
    return fd


def not_an_input(output: Path, given: Path | None) -> None:
    """Refuse (O017) an output that is the results file ``given`` the run reads: an
    atomic write would replace the user's results with the scores. Refuse (O020) one that a
    results reader would take, written into the results folder ``given``: the next run
    would read it as results."""
    if given is None or is_stdout(output):
        return
    if os.path.isdir(given) and _among(output, given):
        raise refused("O020", output, folder=str(given))
    try:
        same = os.path.samefile(output, given)
    except OSError:
        return  # one of them is not there yet: not the same file
    if same:
        raise refused("O017", output, input=str(given))


def _among(output: Path, folder: Path) -> bool:
    """Whether ``output`` lies in ``folder`` under a name the results reader takes from a
    folder (kpidsl/score/results/__init__.py results_files: by its suffix)."""
    try:
        inside = os.path.samefile(Path(output).parent, folder)
    except OSError:
        return False
    if not inside:
        return False
    return Path(output).suffix.lower() in RESULTS_SUFFIXES


def is_stdout(path: Path | str | None) -> bool:
    """`-o -`: standard output, as for most command-line tools."""
    return path is not None and str(path) == STDOUT


# Names of a process's open files (`-o /dev/stdout`): what they name is written through
# them, appending, so that `>> log` keeps the log; it is never replaced.
OPEN_FILE_ALIASES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")

# Opening a file kpidsl did not just make: never through a link put there since it looked.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def is_open_file(path: Path | str) -> bool:
    """Whether ``path`` is one of OPEN_FILE_ALIASES, links the system keeps (/dev/stdout is one)."""
    return os.path.abspath(path).startswith(OPEN_FILE_ALIASES)


def _target(path: Path, shown: Path, dir_fd: int | None = None) -> tuple[str, Path, os.stat_result | None]:
    """How ``path`` is written: ("new" | "replace" | "in-place" | "direct", the file, its stat).
    Refusals are told at ``shown``. ``dir_fd``: the open folder ``path``, a name, is in."""
    alias = dir_fd is None and is_open_file(path)
    try:
        st = os.stat(path, dir_fd=dir_fd, follow_symlinks=alias)  # only an alias is followed: what it names is written
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise through_link(path, shown, dir_fd)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise refused("O001", shown, reason=phrase("is-a-folder"))
    if st is not None and (not stat.S_ISREG(st.st_mode) or alias):
        return "direct", path, st  # opened by the name given: a pipe behind /dev/stdout has no other
    if st is None:
        return "new", path, None
    # root may write anything: the mode bits say what the owner meant.
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK, dir_fd=dir_fd):
        raise refused("O002", shown)
    return ("in-place" if st.st_nlink > 1 else "replace"), path, st


def _open_direct(path: Path, st: os.stat_result, dir_fd: int | None = None) -> int:
    """A device, a fifo or an alias, opened to write as the name given (an alias through
    the system's link; anything else never through a link put there since; with ``dir_fd``,
    a name in that open folder)."""
    alias = dir_fd is None and is_open_file(path)
    return os.open(path, os.O_WRONLY | _append(st) | (0 if alias else _NOFOLLOW), dir_fd=dir_fd)


# The name of the hidden file an output is written into before it is renamed into place:
# what a run killed outright (SIGKILL) leaves behind, until the next run that writes into its
# folder proves its run gone and removes it (kpidsl/left_behind.py). The parse cache
# (kpidsl/syntax/cache.py) deletes those in its old version folders.
TEMP_NAME = TEMP_FILE.name


def _temp_beside(real: Path, st: os.stat_result | None, dir_fd: int | None = None) -> tuple[Path, int]:
    """A new hidden file in ``real``'s folder (``dir_fd``, when open; a short name: ``real``'s
    own may be 255 bytes), once what killed runs left in that folder is removed."""
    clear(real.parent if dir_fd is None else dir_fd)
    tmp = real.parent / temp_name(os.getpid())  # TEMP_NAME
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666, dir_fd=dir_fd)
    if st is not None:
        try:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed to give it away: the file is ours, with the old mode
    return tmp, fd


_COPY_BYTES = 1 << 20


def _into_shared(tmp: Path, real: Path, dir_fd: int | None = None) -> None:
    """The whole text of ``tmp`` (written beside already: the disk held it) into ``real``'s
    inode, which several hard links share, so that every name sees it. Room for it is made
    in the file first (posix_fallocate): a disk that cannot hold it leaves the old text as
    it was (ENOSPC, the file cut back to its old length). Only then is it written over,
    into blocks the file holds, and cut to its length: it was cut to nothing first, and a
    disk that filled part-way left the file cut short."""
    with open(os.open(tmp, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd), "rb") as src:
        fd = os.open(real, os.O_WRONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
        try:
            size, old = os.fstat(src.fileno()).st_size, os.fstat(fd).st_size
            if size > old and hasattr(os, "posix_fallocate"):
                try:
                    os.posix_fallocate(fd, old, size - old)
                except OSError as e:
                    if e.errno not in (errno.EINVAL, errno.EOPNOTSUPP, errno.ENOSYS):
                        os.ftruncate(fd, old)  # what it may have taken of the room asked
                        raise
            os.lseek(fd, 0, os.SEEK_SET)  # os.write, not os.pwrite: Windows has hard links too
            while chunk := src.read(_COPY_BYTES):
                while chunk:
                    chunk = chunk[os.write(fd, chunk):]
            os.ftruncate(fd, size)
        finally:
            os.close(fd)


def _unlink_quietly(path: Path, dir_fd: int | None = None) -> None:
    try:
        os.unlink(path, dir_fd=dir_fd)
    except OSError:
        pass


def _append(st: os.stat_result) -> int:
    """A regular file reached directly is one of OPEN_FILE_ALIASES: append to it."""
    return os.O_APPEND if stat.S_ISREG(st.st_mode) else 0


# A character UTF-8 cannot hold: a byte of a name on an old Thai shared drive (TIS-620),
# which Python keeps as a lone surrogate (``\udce1``), written as that escape, never a failure.
UNWRITABLE = "backslashreplace"


def as_utf8(text: str) -> bytes:
    """``text`` as the UTF-8 of an output, what UTF-8 cannot hold escaped (UNWRITABLE)."""
    return text.encode("utf-8", UNWRITABLE)


def _still_as_read(real: Path, as_read: bytes, st: os.stat_result | None, shown: Path,
                   dir_fd: int | None = None) -> None:
    """Refuse (O025) to put a result in place of ``real`` unless it still holds the bytes
    ``as_read`` it was made from, and is still the file ``st`` saw: an editor that saved it
    meanwhile (written over, or a new file renamed onto it, or removed) keeps its edit.
    The bytes are compared, not only the size and times: a rule file is at most 4 MB
    (kpidsl/source.py MAX_BYTES), and two saves within one tick of a coarse clock (a shared
    drive's) keep the mtime. What lands between this look and the swap, microseconds, no
    system call can exclude: the rename has no compare-and-swap."""
    try:
        fd = os.open(real, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
    except FileNotFoundError:
        raise refused("O025", shown) from None
    with os.fdopen(fd, "rb") as f:
        now = os.fstat(f.fileno())
        same = st is not None and (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == \
            (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) and \
            now.st_size == len(as_read) and f.read(len(as_read) + 1) == as_read
    if not same:
        raise refused("O025", shown)


def write_file(path: Path | str, data: str | bytes, shown: Path | str | None = None, *,
               as_read: bytes | None = None, dir_fd: int | None = None) -> None:
    """Write ``data`` to ``path`` as the module docstring says; raises OutputError, at
    ``shown`` when given: the name the user knows a file by that is written into a hidden
    folder first (kpidsl/output_folder.py), not that folder's. ``as_read``: the bytes a
    rewrite was made from (`kpidsl fmt`); the file must hold them still when the result is
    put in its place, else nothing is written (O025, _still_as_read). ``dir_fd``: the folder
    ``path``, one name, is written in, open (kpidsl/folder_fds.py: never reached again by
    a path, where a folder may have been swapped for a link since it was looked at)."""
    path = Path(path)
    if dir_fd is None and not is_open_file(path):
        try:
            parent = _open_parent(path, path if shown is None else Path(shown))
        except OSError as e:
            raise cannot_write(path if shown is None else shown, e) from None
        try:
            return write_file(path.name, data, path if shown is None else shown, as_read=as_read, dir_fd=parent)
        finally:
            os.close(parent)
    raw = as_utf8(data) if isinstance(data, str) else data
    try:
        kind, real, st = _target(path, path if shown is None else Path(shown), dir_fd)
        if as_read is not None and kind not in ("replace", "in-place"):  # removed since it was read
            raise refused("O025", path if shown is None else shown)
        if kind == "direct":
            with os.fdopen(_open_direct(real, st, dir_fd), "wb") as f:
                f.write(raw)
            return
        tmp, fd = _temp_beside(real, st if kind == "replace" else None, dir_fd)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
            if as_read is not None:  # the last look before the swap: the result beside, whole
                _still_as_read(real, as_read, st, path if shown is None else Path(shown), dir_fd)
            if kind == "in-place":  # keep the hard links: into the shared inode, once the disk held it
                _into_shared(tmp, real, dir_fd)
                _unlink_quietly(tmp, dir_fd)
            else:
                os.replace(tmp, real, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            _unlink_quietly(tmp, dir_fd)
            raise
    except BrokenPipeError:
        raise  # `-o /dev/stdout | head`: the reader left (kpidsl/cli/common.py says nothing)
    except OSError as e:
        raise cannot_write(path if shown is None else shown, e) from None


# The name the parse cache (kpidsl/syntax/cache.py) calls it by; the same writer.
write_atomic = write_file


def told_at(path: Path | str, call, *args):
    """``call(*args)``, an OSError it meets told as O001 at ``path`` (cannot_write): a write
    part-way through an output (a disk that fills, a quota passed on a shared drive), not an
    OSError no caller expects. BrokenPipeError stays itself (kpidsl/cli/common.py says
    nothing when a reader leaves)."""
    try:
        return call(*args)
    except BrokenPipeError:
        raise
    except OSError as e:
        raise cannot_write(path, e) from None


class Told:
    """A file open for writing whose failures are told at the output the user named
    (``path``; :func:`told_at`). What a file offers besides is passed through."""

    def __init__(self, file, path: Path) -> None:
        self.file = file
        self.path = path

    def write(self, data):
        return told_at(self.path, self.file.write, data)

    def flush(self) -> None:
        told_at(self.path, self.file.flush)

    def close(self) -> None:
        told_at(self.path, self.file.close)

    def seek(self, *args):
        return told_at(self.path, self.file.seek, *args)

    def tell(self):
        return told_at(self.path, self.file.tell)

    def __getattr__(self, name: str):
        return getattr(self.file, name)


class StreamingWriter:
    """A text file (or with ``binary``, a file of bytes) written piece by piece, that
    appears only on :meth:`commit` (:meth:`discard` leaves the path as it was). The same
    rules as :func:`write_file`; a device or fifo is written as the pieces come. Its folder
    is held open from the start (a run writes for minutes): the file is put in place in
    that folder, and only while its path still leads there (O026 at the folder if not)."""

    def __init__(self, path: Path | str, binary: bool = False):
        self.path = Path(path)
        self._tmp: Path | None = None
        self._dir_fd: int | None = None
        try:
            name = self.path
            if not is_open_file(self.path):
                self._dir_fd = _open_parent(self.path, self.path)
                name = Path(self.path.name)
            self._kind, self._name, st = _target(name, self.path, self._dir_fd)
            self._real = self.path
            if self._kind == "direct":
                fd = _open_direct(self._name, st, self._dir_fd)
            else:
                self._tmp, fd = _temp_beside(self._name, st if self._kind == "replace" else None, self._dir_fd)
            self._raw = open(fd, "wb") if binary else open(fd, "w", encoding="utf-8", errors=UNWRITABLE, newline="")
            self.stream: TextIO | BinaryIO = Told(self._raw, self.path)
        except BaseException as e:
            if self._tmp is not None:
                _unlink_quietly(self._tmp, self._dir_fd)
            self._close_folder()
            if isinstance(e, OSError):
                raise cannot_write(self.path, e) from None
            raise

    @property
    def beside(self) -> Beside | None:
        """The file the output takes the place of and the folder it is written in, held open,
        where its hidden temporary file is and a run's working folders are made
        (kpidsl/working_folders.py); None: written directly, a device or a fifo."""
        if self._tmp is None or self._dir_fd is None:
            return None
        return Beside(self._real, self._dir_fd)

    def commit(self) -> None:
        try:
            self._raw.close()  # its OSError told below, the temporary file removed
            if self._tmp is None:
                return
            self._still_the_way()
            if self._kind == "in-place":  # keep the hard links: copy into the shared inode
                _into_shared(self._tmp, self._name, self._dir_fd)
                _unlink_quietly(self._tmp, self._dir_fd)
            else:
                os.replace(self._tmp, self._name, src_dir_fd=self._dir_fd, dst_dir_fd=self._dir_fd)
        except BaseException as e:
            if self._tmp is not None:
                _unlink_quietly(self._tmp, self._dir_fd)
            if isinstance(e, OSError):
                raise cannot_write(self.path, e) from None
            raise
        finally:
            self._close_folder()

    def _still_the_way(self) -> None:
        """O026 at the folder written in unless the path the user named still leads to it:
        moved away and a link put at its name meanwhile, the file would be where it was not
        named (and another's link where it was). Rows are never written through the link."""
        if self._dir_fd is None:
            return
        try:
            now = open_way(self.path.parent)
        except (OSError, OutputError):  # another's link at its name (O023), gone: not the folder written in
            now = None
        try:
            same = now is not None and os.path.samestat(os.fstat(now), os.fstat(self._dir_fd))
        finally:
            if now is not None:
                os.close(now)
        if not same:
            raise refused("O026", self.path.parent)

    def _close_folder(self) -> None:
        if self._dir_fd is not None:
            os.close(self._dir_fd)
            self._dir_fd = None

    def discard(self) -> None:
        try:
            self._raw.close()
        except OSError:
            pass
        if self._tmp is not None:
            _unlink_quietly(self._tmp, self._dir_fd)
        self._close_folder()
