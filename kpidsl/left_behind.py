"""What a killed kpidsl run leaves behind, and the proof that lets a later run remove it.

A run killed outright (SIGKILL, the OOM killer, a session lost with a closed laptop, a power
cut) runs no `finally`: what it was writing stays. Beside an output that is its hidden
temporary file (kpidsl/files.py, named by :func:`temp_name`) and the hidden folders a run
keeps its working files in beside its output (named by :func:`sibling`: DuckDB's spill,
kpidsl/sql/run.py; a workbook's sheets, kpidsl/xlsx/sheet_storage.py; a review's or a
render's sorted rows, kpidsl/sorted_spill.py; a render's forms before they are moved in,
kpidsl/output_folder.py); in kpidsl's cache folder, a run's folder (kpidsl/run_folders.py).

Each such name says who made it: the pid of the run and ``where`` that pid is counted (the
machine, its boot and the pid namespace: a folder may be shared by containers or, on a
network drive, by machines, and a pid means nothing elsewhere). :func:`provably_left` is the
one proof, for every kind: a name of the exact pattern, counted here, not this process's, a
real file or folder as the pattern says (never a link, never followed), the user's, and no
process with that pid. A live process that took a dead one's pid keeps the leftover a while
longer: never the other way round. A name without a pid (what an older kpidsl left) is never
proved, and stays.

Each run removes the provable leftovers of a folder before it first writes into it
(:func:`clear`): one look into each folder a run writes into, however many files it writes
there (`render` of 40,000 forms). It says nothing: they are kpidsl's own, and no output of
the user's changes."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
from functools import lru_cache
from pathlib import Path

import attrs

_MARK = r"(?P<pid>[1-9][0-9]{0,9})-(?P<where>[0-9a-f]{12})"


@attrs.frozen
class Made:
    """A pattern of the names kpidsl gives what it makes for one run (with the groups
    ``pid`` and ``where``), and whether what it names is a folder (else a regular file)."""

    name: re.Pattern
    folder: bool

    def run_of(self, name: str) -> int | None:
        """The pid of the run here that made ``name``, or None (not of the pattern, or elsewhere)."""
        found = self.name.fullmatch(name)
        if found is None or found["where"] != where_pids_are_counted():
            return None
        return int(found["pid"])


def marked(pattern: str) -> str:
    """``pattern`` with ``{mark}`` standing for ``<pid>-<where>``, as a regular expression."""
    return pattern.replace("{mark}", _MARK)


# The hidden temporary file an output is written into before it is renamed into place (short:
# the output's own name may be 255 bytes).
TEMP_FILE = Made(re.compile(marked(r"\.kpidsl-{mark}-[0-9a-f]{12}\.tmp")), folder=False)
# The kinds of hidden folder a run keeps beside an output (a file's or a folder's); not a
# build's swap folders (kpidsl/output_folder.py), which hold the user's files: the next
# build clears one a killed build left by its manifest, and the temporary file in it by
# provably_left.
SQL, SHEETS, DIFF_REVIEW, FORMS_FILLS, RENDER = "sql", "sheets", "diff-review", "forms-fills", "render"
SIBLING_KINDS = (SQL, SHEETS, DIFF_REVIEW, FORMS_FILLS, RENDER)
SIBLING = Made(re.compile(marked(r"\.(?s:.*)\.kpidsl-(?:" + "|".join(map(re.escape, SIBLING_KINDS))
                                 + r")-{mark}-[0-9a-f]{8}")), folder=True)
BESIDE_OUTPUT = (TEMP_FILE, SIBLING)
_NAME_BYTES = 160  # of an output's name in a hidden sibling's: the whole stays under 255 bytes


@lru_cache(maxsize=1)
def where_pids_are_counted() -> str:
    """12 hex digits naming this machine's boot and this process's pid namespace (Linux's
    boot_id and the namespace's inode); elsewhere, the host's name."""
    parts = [socket.gethostname()]
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            parts.append(f.read().strip())
        parts.append(str(os.stat("/proc/self/ns/pid").st_ino))
    except OSError:
        pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]


def mark(pid: int) -> str:
    """``<pid>-<where>``: what a name made for process ``pid``'s run carries as proof."""
    return f"{pid}-{where_pids_are_counted()}"


def temp_name(pid: int) -> str:
    """A fresh name for a temporary file of process ``pid`` (TEMP_FILE)."""
    return f".kpidsl-{mark(pid)}-{secrets.token_hex(6)}.tmp"


def hidden_name(name: str, tag: str) -> str:
    """``.<name>.kpidsl-<tag>``: hidden beside the file or folder ``name`` (cut to fit)."""
    return f".{os.fsencode(name)[:_NAME_BYTES].decode('utf-8', 'ignore')}.kpidsl-{tag}"


def sibling_name(name: str, kind: str, pid: int) -> str:
    """A fresh name for a hidden folder of process ``pid`` beside ``name`` (SIBLING)."""
    if kind not in SIBLING_KINDS:
        raise ValueError(f"not a kind of hidden folder: {kind!r}")
    return hidden_name(name, f"{kind}-{mark(pid)}-{secrets.token_hex(4)}")


def sibling(out: Path, kind: str) -> Path:
    """A fresh name for this run's hidden folder of ``kind`` beside ``out`` (made by the
    caller, never one that was there), once the leftovers of ``out``'s folder are removed."""
    clear(out.parent)
    return out.parent / sibling_name(out.name, kind, os.getpid())


def run_of(name: str) -> int | None:
    """The pid of the run here whose temporary file or hidden folder ``name`` names, or None."""
    for made in BESIDE_OUTPUT:
        pid = made.run_of(name)
        if pid is not None:
            return pid
    return None


def provably_left(path: os.PathLike | str, made: Made, dir_fd: int | None = None) -> bool:
    """Whether ``path`` (a folder's entry; with ``dir_fd``, a name in that open folder) is
    provably what a dead kpidsl run here made, as ``made`` names it (see the module's doc)."""
    if not hasattr(os, "geteuid"):
        return False  # no owner to prove, and os.kill would end the process (Windows)
    pid = made.run_of(os.path.basename(os.fspath(path)))
    if pid is None or pid == os.getpid():
        return False
    try:
        st = os.lstat(path, dir_fd=dir_fd)
    except OSError:
        return False
    kind = stat.S_ISDIR if made.folder else stat.S_ISREG
    return kind(st.st_mode) and st.st_uid == os.geteuid() and not _alive(pid)


def remove(folder: Path | str | int, kinds: tuple[Made, ...]) -> None:
    """Remove each entry of ``folder`` (a path, or a folder open: kpidsl/folder_fds.py) that
    provably_left proves for one of ``kinds``."""
    dir_fd = folder if isinstance(folder, int) else None
    try:
        with os.scandir(folder) as found:
            entries = [entry.name if dir_fd is not None else entry.path for entry in found]
    except OSError:
        return
    for entry in entries:
        for made in kinds:
            if provably_left(entry, made, dir_fd):
                if made.folder:  # a real folder: rmtree never follows a link in it
                    shutil.rmtree(entry, ignore_errors=True, dir_fd=dir_fd)
                else:
                    try:
                        os.unlink(entry, dir_fd=dir_fd)
                    except OSError:
                        pass
                break


# The folders this run has cleared, as they were named: each is looked into once a run (the
# name as given, not its real path, which takes a look at each folder on the way: 50 µs a
# write, 2 s of a render of 40,000 forms; a folder named two ways is looked into twice).
_cleared: set[str] = set()


def clear(folder: Path | str | int) -> None:
    """Before this run first writes into ``folder`` (a path, or a folder open, known by its
    device and file number): remove the temporary files and hidden folders dead runs left
    there (only there, never in a folder inside)."""
    if isinstance(folder, int):
        st = os.fstat(folder)
        key = f"\0{st.st_dev}:{st.st_ino}"  # no path holds a NUL
    else:
        key = os.fspath(folder)
    if key in _cleared:
        return
    _cleared.add(key)
    remove(folder if isinstance(folder, int) else key, BESIDE_OUTPUT)


def new_run() -> None:
    """A command begins (kpidsl/cli/common.py): it looks into each folder again."""
    _cleared.clear()


def _alive(pid: int) -> bool:
    """Whether a process has ``pid`` (another user's too); only "no such process" is gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # PermissionError: someone else's, alive
    return True
