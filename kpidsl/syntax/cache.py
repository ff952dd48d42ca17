"""A cache of parsed rule files, as ruff and mypy keep one.

Parsing is most of what `kpidsl check` does (Lark's LALR parser over every
token), and most runs see files that did not change since the last one. Each
file's result — its rule AST and diagnostics — is kept as JSON (ast_json.py:
reading it runs no code and builds only AST classes, every value checked
against its field's type).

Where: a folder of its own, ``kpidsl-cache``, made 0700 and tagged with a
``CACHEDIR.TAG`` naming kpidsl, inside the folder ``$KPIDSL_CACHE_DIR`` names
(default ``$XDG_CACHE_HOME``, else ``~/.cache``). A ``KPIDSL_CACHE_DIR`` that is
itself such a tagged folder is used as it is. Inside, one folder per version
of the code (named by ``code_key``, marked by a ``kpidsl-version`` file) holds
the entries; a new version drops the older version folders, deleting only
entry files it would have written and folders they leave empty.

It is not used — in silence, or with one line on stderr under KPIDSL_DEBUG —
when the folder is not the user's alone: owned by another user, writable by
group or others, a symbolic link another user owns, a folder of that name
without kpidsl's tag, or held in a folder another user could rename it out of
(any folder above it, up to /, that is theirs, or writable by group or others without
the sticky bit). An entry is used only when its recorded code key, path,
sha256 of the source text and sha256 of its own body all match; anything else
(unreadable, another user's, truncated, the wrong shape or types) is passed
over and the file parsed as always. Set ``KPIDSL_NO_CACHE=1`` to neither read
nor write it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from ..diagnostics.model import Diagnostic
from ..files import TEMP_NAME, OutputError, write_atomic
from ..regular_file import NotOwned, NotRegular, TooBig, read_regular
from . import ast, ast_json

CACHE_ENV = "KPIDSL_CACHE_DIR"
NO_CACHE_ENV = "KPIDSL_NO_CACHE"
DEBUG_ENV = "KPIDSL_DEBUG"
FOLDER_NAME = "kpidsl-cache"
TAG_NAME = "CACHEDIR.TAG"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"
TAG_TEXT = (f"{TAG_SIGNATURE}\n"
            "# This file is a cache directory tag created by kpidsl: parsed rule files,\n"
            "# safe to delete (kpidsl parses the files again).\n")
VERSION_MARKER = "kpidsl-version"
ENTRY_FORMAT = "kpidsl parse cache 1"

Parse = tuple[ast.RuleFile | None, tuple[Diagnostic, ...]]

_PACKAGE = Path(__file__).resolve().parent.parent
_VERSION_NAME = re.compile(r"[0-9a-f]{16}")
_SHARD_NAME = re.compile(r"[0-9a-f]{2}")
# An entry, or what an older write_atomic left of one when killed mid-write (today's is
# TEMP_NAME, kpidsl/files.py; the one before it had no pid: ``.kpidsl-<12 hex>.tmp``).
_ENTRY_FILE = re.compile(r"(?P<key>[0-9a-f]{64})\.json|\.[0-9a-f]{64}\.json\.[^/]+\.tmp|\.kpidsl-[0-9a-f]{12}\.tmp")
_HEADER_LIMIT = 64 * 1024
_ENTRY_SLACK = 4 * 1024 * 1024
_told: set[str] = set()


class Unusable(Exception):
    """Why the cache folder is passed over."""


def _debug(what: str) -> None:
    """One line per reason and run, only for whoever debugs kpidsl itself."""
    if os.environ.get(DEBUG_ENV, "") not in ("", "0") and what not in _told:
        _told.add(what)
        print(f"kpidsl: parse cache not used: {what}", file=sys.stderr)


@lru_cache(maxsize=None)
def code_key() -> str:
    """A hash of the code that makes a parse result."""
    from ..version import __version__
    from .grammar_file import grammar_path

    h = hashlib.sha256(f"{__version__}|{sys.version}|{ENTRY_FORMAT}".encode())
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


# ---- the folder ------------------------------------------------------------------------------


def parent_folder() -> Path | None:
    """The folder the user chose for the cache, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get(CACHE_ENV)
    if not base:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base)


def _private_folder(path: Path) -> None:
    """Raise Unusable unless ``path`` is a folder the user alone controls (a
    symbolic link the user owns to such a folder will do)."""
    uid = os.geteuid()
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        if st.st_uid != uid:
            raise Unusable(f"{path} is a link another user owns")
        st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise Unusable(f"{path} is not a folder")
    if st.st_uid != uid:
        raise Unusable(f"{path} belongs to another user")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise Unusable(f"{path} can be written by others")


def _held_safely(path: Path) -> None:
    """Raise Unusable when another user could rename ``path`` (or a folder above it) away
    and put a folder of their own in its place between kpidsl's look at it and its use: a
    folder above it, up to / (above the link, and above where the link leads), owned by
    another user (root aside), or writable by group or others without the sticky bit (in
    /tmp, 1777, only an entry's owner may rename it). ssh's StrictModes looks as far up."""
    uid = os.geteuid()
    holders = [Path(os.path.abspath(path)).parent, Path(os.path.realpath(path)).parent]
    for holder in dict.fromkeys(folder for h in holders for folder in (h, *h.parents)):
        st = os.stat(holder)
        if st.st_uid not in (uid, 0):
            raise Unusable(f"{holder}, which holds the cache, belongs to another user")
        if st.st_mode & stat.S_ISVTX:
            continue
        if st.st_mode & stat.S_IWOTH or (st.st_mode & stat.S_IWGRP and not _own_group(st.st_gid)):
            raise Unusable(f"{holder}, which holds the cache, can be written by others")


def _own_group(gid: int) -> bool:
    """Whether group ``gid`` is the user's own: a user private group (named as the user, no
    other member), which Debian and Ubuntu make for each user and write with umask 002, so
    that ~/.cache is 0775. A folder only that group may write is the user's alone."""
    try:
        import grp
        import pwd

        user, group = pwd.getpwuid(os.geteuid()), grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return gid == user.pw_gid and group.gr_name == user.pw_name and set(group.gr_mem) <= {user.pw_name}


def read_own_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file the user owns (not through a link) of at most ``limit``
    bytes, or None: a folder, a device, someone else's file is looked at, never read."""
    try:
        return read_regular(path, limit, follow_links=False, owner=os.geteuid())
    except (OSError, NotRegular, NotOwned, TooBig):
        return None


def _tagged(path: Path) -> bool:
    tag = read_own_file(path / TAG_NAME, 4096)
    return tag is not None and tag.startswith(f"{TAG_SIGNATURE}\n".encode()) and b"kpidsl" in tag


def _make_tagged(parent: Path, target: Path) -> None:
    """``target``, made 0700 with its tag, appearing whole (made aside, renamed into place)."""
    parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))  # mode 0700
    try:
        (aside / TAG_NAME).write_text(TAG_TEXT, encoding="ascii")
        os.rename(aside, target)
    except OSError:
        _remove_aside(aside, TAG_NAME)
        if not target.is_dir():
            raise


def _remove_aside(aside: Path, *names: str) -> None:
    for name in names:
        try:
            os.unlink(aside / name)
        except OSError:
            pass
    try:
        os.rmdir(aside)
    except OSError:
        pass


def own_folder(create: bool) -> Path | None:
    """kpidsl's tagged cache folder, checked to be the user's alone; with ``create``,
    made when missing. None (after saying why under KPIDSL_DEBUG) when it cannot be used."""
    parent = parent_folder()
    if parent is None:
        return None
    try:
        if _tagged(parent):
            _private_folder(parent)
            _held_safely(parent)
            return parent
        folder = parent / FOLDER_NAME
        if not os.path.lexists(folder):
            if not create:
                return None
            _make_tagged(parent, folder)
        _private_folder(folder)
        _held_safely(folder)
        if not _tagged(folder):
            if not (create and not os.listdir(folder)):
                raise Unusable(f"{folder} is not tagged as kpidsl's ({TAG_NAME})")
            write_atomic(folder / TAG_NAME, TAG_TEXT)
        return folder
    except Unusable as e:
        _debug(str(e))
    except OSError as e:
        _debug(f"{parent}: {e.strerror or e}")
    return None


def version_folder(create: bool) -> Path | None:
    """The folder of this version of the code's entries, inside kpidsl's own folder."""
    root = own_folder(create)
    if root is None:
        return None
    key = code_key()
    where = root / key[:16]
    try:
        st = os.lstat(where)
    except FileNotFoundError:
        if not create:
            return None
        _make_version(root, where, key)
        return where
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        _debug(f"{where} is not a folder of the user's")
        return None
    return where


def _make_version(root: Path, where: Path, key: str) -> None:
    aside = Path(tempfile.mkdtemp(prefix=".version.", dir=root))
    try:
        (aside / VERSION_MARKER).write_text(key + "\n", encoding="ascii")
        os.rename(aside, where)
    except OSError:
        _remove_aside(aside, VERSION_MARKER)
        if not where.is_dir():
            raise
        return  # another kpidsl made it first; it drops the old ones
    drop_other_versions(root, where.name)


def drop_other_versions(root: Path, keep: str) -> None:
    """Old versions of the code's entries will not be read again: delete the entry
    files of each marked version folder, then the folders they leave empty.
    Anything else in them stays, and so do unmarked folders."""
    for version in os.scandir(root):
        if (version.name != keep and _VERSION_NAME.fullmatch(version.name)
                and version.is_dir(follow_symlinks=False)
                and read_own_file(Path(version.path) / VERSION_MARKER, 4096) is not None):
            try:
                _drop_version(version.path)
            except OSError as e:  # in use or changed meanwhile: tried again by the next version
                _debug(f"{version.path}: {e.strerror or e}")


def _drop_version(version: str) -> None:
    for shard in os.scandir(version):
        if _SHARD_NAME.fullmatch(shard.name) and shard.is_dir(follow_symlinks=False):
            for entry in os.scandir(shard.path):
                if ((_ENTRY_FILE.fullmatch(entry.name) or TEMP_NAME.fullmatch(entry.name))
                        and entry.is_file(follow_symlinks=False)):
                    os.unlink(entry.path)
            _rmdir_if_empty(shard.path)
    if all(name == VERSION_MARKER for name in os.listdir(version)):
        os.unlink(os.path.join(version, VERSION_MARKER))
        _rmdir_if_empty(version)


def _rmdir_if_empty(path: str) -> None:
    try:
        os.rmdir(path)
    except OSError:  # something else is in it: not ours to delete
        pass


# ---- entries -------------------------------------------------------------------------------


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _entry(where: Path, path: str, text: str) -> Path:
    key = _sha256(f"{path}\0{text}")
    return where / key[:2] / f"{key}.json"


def _header(path: str, text: str, body: bytes) -> dict:
    return {"format": ENTRY_FORMAT, "code": code_key(), "path": path, "source": _sha256(text),
            "body": hashlib.sha256(body).hexdigest()}


def load(path: str, text: str) -> Parse | None:
    """The kept parse of this text at this path, or None (a miss, or an entry not to trust)."""
    where = version_folder(create=False)
    if where is None:
        return None
    entry = _entry(where, path, text)
    # An entry is about as big as its source (1.35× for rules/), more with many diagnostics.
    data = read_own_file(entry, 64 * len(text) + _ENTRY_SLACK)
    if data is None:
        return None
    try:
        cut = data.index(b"\n", 0, _HEADER_LIMIT)
        body = data[cut + 1:]
        if json.loads(data[:cut]) != _header(path, text, body):
            raise ast_json.BadData("recorded for other text, code or body")
        return ast_json.decode(json.loads(body.decode("utf-8", "surrogatepass")), Parse)
    except Exception as e:  # whatever is wrong with it, the file is parsed again
        _debug(f"{entry}: {type(e).__name__}: {e}")
        return None


def store(path: str, text: str, value: Parse) -> None:
    """Keep a parse; a cache that cannot be written is passed over (the next run parses again)."""
    try:
        body = json.dumps(ast_json.encode(value), ensure_ascii=False, separators=(",", ":"),
                          check_circular=False).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):  # a huge number or very deep file: not kept
        return
    try:
        where = version_folder(create=True)
        if where is None:
            return
        entry = _entry(where, path, text)
        entry.parent.mkdir(mode=0o700, exist_ok=True)
        header = json.dumps(_header(path, text, body), ensure_ascii=False).encode("utf-8", "surrogatepass")
        write_atomic(entry, header + b"\n" + body)
    except OSError as e:  # a read-only home, a full disk: run without the cache
        _debug(f"{e.filename or path}: {e.strerror or e}")
    except OutputError as e:  # kpidsl's writer refused or failed (a folder in the way, a full disk)
        _debug(e.diagnostic.message_en)
