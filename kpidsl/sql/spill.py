"""The folders `score --engine sql` lets DuckDB spill into inside kpidsl's cache folder
(kpidsl/sql/run.py _spill_folder, with standard output as the output): one made for each
run and removed after it, and those a killed run left (SIGKILL: no `finally` runs) removed
by the next run that spills, once their process is provably gone.

A folder's name says who made it: ``sql-spill-<pid>-<where>-<token>``, ``where`` naming
the machine, its boot and the pid namespace the pid is counted in (a cache folder may be
shared by containers or, on a network home, by machines: a pid means nothing elsewhere).
A folder is removed only when it is of that exact pattern, counted here, a real folder
(never a link, never followed), the user's, and no process has its pid. A live process
that took a dead one's pid keeps its folder a while longer: never the other way round."""

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

SPILL_PREFIX = "sql-spill-"
_NAME = re.compile(re.escape(SPILL_PREFIX) + r"(?P<pid>[1-9][0-9]{0,9})-(?P<where>[0-9a-f]{12})-[0-9a-f]{16}")


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


def spill_name(pid: int) -> str:
    """A fresh folder name for a run of process ``pid``."""
    return f"{SPILL_PREFIX}{pid}-{where_pids_are_counted()}-{secrets.token_hex(8)}"


def cache_spill_folder(root: Path) -> Path | None:
    """A fresh folder in kpidsl's cache folder ``root`` (made 0700; None if it cannot be),
    after the folders killed runs left there are removed."""
    remove_left_behind(root)
    folder = root / spill_name(os.getpid())
    try:
        os.mkdir(folder, 0o700)  # never one that was there: only a folder made here is removed
    except OSError:
        return None
    return folder


def remove_left_behind(root: Path) -> None:
    """Remove each spill folder in ``root`` whose run is provably gone (see the module's doc)."""
    here, uid = where_pids_are_counted(), os.geteuid()
    try:
        found = list(os.scandir(root))
    except OSError:
        return
    for entry in found:
        name = _NAME.fullmatch(entry.name)
        if name is None or name["where"] != here or int(name["pid"]) == os.getpid():
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid or _alive(int(name["pid"])):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)  # a real folder: rmtree never follows a link in it


def _alive(pid: int) -> bool:
    """Whether a process has ``pid`` (another user's too); only "no such process" is gone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # PermissionError: someone else's, alive
    return True
