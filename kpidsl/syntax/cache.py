"""A cache of parsed rule files, as ruff and mypy keep one.

Parsing is most of what `kpidsl check` does (Lark's LALR parser over every
token), and most runs see files that did not change since the last one. Each
file's result — its rule AST and diagnostics — is kept as a pickle under
``$KPIDSL_CACHE_DIR`` (default ``$XDG_CACHE_HOME/kpidsl`` or
``~/.cache/kpidsl``), named by a hash of the file's path and text and of the
code that parsed it: every source file of the package and the grammar (path,
size, modification time), kpidsl's version and Python's. Any change to either
side is a miss; a cache that cannot be read or written is passed over in
silence (the file is parsed as always). Set ``KPIDSL_NO_CACHE=1`` to neither
read nor write it.

Reading a pickle is safe only from a folder the user alone writes: the default
is the user's own cache folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..files import write_atomic

CACHE_ENV = "KPIDSL_CACHE_DIR"
NO_CACHE_ENV = "KPIDSL_NO_CACHE"
_PACKAGE = Path(__file__).resolve().parent.parent


def folder() -> Path | None:
    """Where this code's entries live, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get(CACHE_ENV)
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "kpidsl")
    return Path(base) / code_key()[:16]


@lru_cache(maxsize=None)
def code_key() -> str:
    """A hash of the code that makes a parse result."""
    from .. import __version__
    from .parser import grammar_path

    h = hashlib.sha256(f"{__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    files = sorted(_PACKAGE.rglob("*.py"))
    files.append(grammar_path())
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        h.update(f"{f.relative_to(_PACKAGE) if f.is_relative_to(_PACKAGE) else f.name}|{st.st_size}|"
                 f"{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _entry(where: Path, path: str, text: str) -> Path:
    key = hashlib.sha256(f"{path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return where / key[:2] / f"{key}.pickle"


def load(path: str, text: str) -> Any | None:
    where = folder()
    if where is None:
        return None
    try:
        with open(_entry(where, path, text), "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, unreadable, written by other code: parse again
        return None


def store(path: str, text: str, value: Any) -> None:
    where = folder()
    if where is None:
        return
    entry = _entry(where, path, text)
    try:
        fresh = not where.exists()
        entry.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            _drop_other_versions(where)
        write_atomic(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a read-only home, a full disk: run without the cache
        return


def _drop_other_versions(where: Path) -> None:
    """A new version of the code starts a new folder; the old ones will not be read again."""
    for other in where.parent.iterdir():
        if other != where and other.is_dir() and len(other.name) == 16:
            shutil.rmtree(other, ignore_errors=True)
