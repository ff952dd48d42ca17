"""The folders a run keeps its working files in inside kpidsl's cache folder, when its output
is standard output and so has no folder beside it: `score --engine sql` lets DuckDB spill
there (kpidsl/sql/run.py), and `score --format xlsx` keeps its sheets' rows and zips the
workbook there before it is copied out (kpidsl/xlsx/scores.py), `diff --rescore` sorts its
review there and `render --results` keeps the rows it fills forms from there
(kpidsl/sorted_spill.py). One folder is made for each
run and removed after it; those a killed run left (SIGKILL: no `finally` runs) are removed
by the next run that makes one, once their process is provably gone.

A folder's name says who made it: ``<kind>-<pid>-<where>-<token>``, ``kind`` one of KINDS,
``where`` naming the machine, its boot and the pid namespace the pid is counted in (a cache
folder may be shared by containers or, on a network home, by machines: a pid means nothing
elsewhere). A folder is removed only when kpidsl/left_behind.py provably_left proves it: of
that exact pattern, counted here, a real folder (never a link, never followed), the user's,
and no process has its pid. The same proof removes what a killed run left beside an output.
No name of this pattern is one the cache gives an entry or a version folder (kpidsl/syntax/cache.py),
so the cache never deletes a folder under a running command."""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from .left_behind import Made, mark, marked, remove

SQL_SPILL, XLSX_SHEETS, DIFF_REVIEW, FORMS_FILLS = "sql-spill", "xlsx-sheets", "diff-review", "forms-fills"
KINDS = (SQL_SPILL, XLSX_SHEETS, DIFF_REVIEW, FORMS_FILLS)
IN_CACHE = Made(re.compile(marked(r"(?:" + "|".join(map(re.escape, KINDS)) + r")-{mark}-[0-9a-f]{16}")), folder=True)


def run_folder_name(kind: str, pid: int) -> str:
    """A fresh folder name for a run of process ``pid`` (``kind`` one of KINDS)."""
    return f"{kind}-{mark(pid)}-{secrets.token_hex(8)}"


def in_cache(kind: str) -> Path | None:
    """A fresh folder for this run inside kpidsl's cache folder (kpidsl/syntax/cache.py
    own_folder: made 0700 and checked to be the user's alone, the only place kpidsl writes
    besides the output), or None when the cache is off (KPIDSL_NO_CACHE), not the user's
    alone, or cannot be written: the caller then does without one, as it would without a cache."""
    from .syntax import cache

    root = cache.own_folder(create=True)
    if root is None:
        return None
    return run_folder(root, kind)


def run_folder(root: Path, kind: str) -> Path | None:
    """A fresh folder in kpidsl's cache folder ``root`` (made 0700; None if it cannot be),
    after the folders killed runs left there are removed."""
    if kind not in KINDS:
        raise ValueError(f"not a kind of run folder: {kind!r}")
    remove_left_behind(root)
    folder = root / run_folder_name(kind, os.getpid())
    try:
        os.mkdir(folder, 0o700)  # never one that was there: only a folder made here is removed
    except OSError:
        return None
    return folder


def remove_left_behind(root: Path) -> None:
    """Remove each run folder in ``root`` whose run is provably gone (see the module's doc)."""
    remove(root, (IN_CACHE,))
