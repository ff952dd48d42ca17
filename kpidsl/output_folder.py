"""Writing a folder of outputs (`kpidsl build`, `kpidsl render`) without writing or
deleting anything kpidsl cannot prove is its own.

Before anything is written: every output name is checked (kpidsl/filenames.py); the
output may not be, hold or lie inside the rule folder; no symbolic link may stand on
the way to an output (links are never followed out of the folder); and a file a
build would overwrite must be one the last build wrote, unchanged, or hold the same
bytes already. A folder that holds anything but has no manifest is no build's: `build`
refuses it whole (O014) rather than remake it.

`build` writes the whole new output into a fresh hidden sibling folder, with a
manifest (:data:`MANIFEST`) giving each file's SHA-256, then hard-links into it
everything of the old folder that is not provably the old build's (a person's notes,
links, folders, a form edited since), and swaps the two folders in one step
(``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames). Killed at any
instant, the output folder is the old one or the new one, never a mix; what is left
is at most a hidden sibling. From the old folder, now hidden, kpidsl then deletes
only what it proves it wrote (its hash matches the old manifest, the same bytes as the
new file, or a link carried over) and says what it left.

Both commands hold :class:`OutputLock` while they work: a second kpidsl writing to
the same folder is told so (O007) and stops.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

import attrs

from . import files as writer
from .diagnostics.model import Diagnostic
from .diagnostics.phrases import phrase
from .diagnostics.registry import CODES, Bi
from .diagnostics.span import Span
from .filenames import name_problem
from .files import OutputError, as_utf8, cannot_write, refused
from .folder_fds import Tree, exists as exists_in, first_link, require, same_folder, through_descriptor
from .left_behind import RENDER, TEMP_FILE, hidden_name, provably_left, sibling
from .output_links import missing_folders, open_way
from .regular_file import NotRegular, TooBig, open_regular, read_regular

# What the last build wrote, one "<sha256>  <relative path>" line a file, so that the
# next build can take away what it no longer makes, and nothing else.
MANIFEST = ".kpidsl-build"
_MANIFEST_LIMIT = 16 * 1024 * 1024
_PATH_MAX = 4000  # bytes of a whole path, under Linux's 4096 with room for temp names


@attrs.frozen
class Written:
    """What a folder write did: the files written, the old files removed, and warnings
    (O009 kept, O011 left behind) to show."""

    written: tuple[Path, ...]
    removed: int
    warnings: tuple[Diagnostic, ...]


def two_documents(path: str) -> str:
    """What a builder that makes two documents of one path is told (a mistake of kpidsl's own)."""
    return f"two documents would be written to {path}"


def real_folder(outdir: Path) -> Path:
    """The output folder as an absolute path. The folder named must not itself be a link
    (O005): a build swaps the whole folder, and through `out -> /etc` it would rebuild
    whatever the link points at. Links higher up the path (a linked home) are followed, but
    not a dangling one among the folders that would be made for it (O023): they would be
    made at its target (kpidsl/output_links.py)."""
    if os.path.islink(outdir):
        raise refused("O005", Path(outdir))
    missing_folders(Path(outdir).parent)
    return Path(os.path.realpath(outdir))


def hidden_sibling(out: Path, tag: str) -> Path:
    """``.<name>.kpidsl-<tag>`` beside ``out`` (the name cut so the whole stays under 255 bytes):
    the lock, and a build's swap folders. A run's working folders beside an output carry
    the proof that lets the next run remove them should it be killed (kpidsl/left_behind.py sibling)."""
    return out.parent / hidden_name(out.name, tag)


class OutputLock:
    """An advisory lock (flock, not waiting) on a hidden file beside the output folder;
    the file is removed on release. Raises OutputError O007 when another holds it.

    A run killed outright leaves the file, but not the lock: the kernel lets go of a dead
    process's flock, so the next run takes the file as it finds it and removes it on release.
    The file left may be another user's (staff sharing a drive), which this user may not
    open to write: a flock is taken as well on a file open to read. The file takes the
    umask, as every file kpidsl makes: under 022 another user's run can open it to read; one
    that cannot be opened at all (a umask of 077) is O001 at the file itself, not at the folder."""

    def __init__(self, outdir: Path):
        self.outdir = Path(outdir)
        self.path = hidden_sibling(real_folder(self.outdir), "lock")
        self.fd: int | None = None
        self._parent: int | None = None  # the folder the lock file is in, held open

    def __enter__(self) -> "OutputLock":
        require(self.outdir)  # told at what the user named
        try:
            # The folder the file is in, reached name by name (another's link on the way is
            # O023) and held: the file is made, looked at and removed in it, never by its path,
            # which a folder swapped for a link since would lead to another's lock of that name.
            self._parent = open_way(self.path.parent, make=True)
            if self._parent is None:  # removed again as soon as made: told as the open would tell it
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self.path.parent))
            while True:
                fd = self._open()
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    raise refused("O007", self.outdir) from None
                # A holder removes the file as it lets go: lock again if ours was removed meanwhile.
                if same_folder(self.path.name, fd, self._parent):  # the same file, as it compares any two
                    self.fd = fd
                    return self
                os.close(fd)
        except BaseException as e:
            self._let_go()
            if isinstance(e, OSError):
                # The lock, and a build's swap, live in the folder that holds the output.
                raise cannot_write(self.path.parent, e) from None
            raise

    def _open(self) -> int:
        """The lock file open, made if none is there (the class docstring)."""
        flags = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.path.name, os.O_RDWR | os.O_CREAT | flags, 0o666, dir_fd=self._parent)
        except PermissionError as e:
            try:  # another user's file, in a folder this user may write in
                return os.open(self.path.name, os.O_RDONLY | flags, dir_fd=self._parent)
            except FileNotFoundError:
                raise e from None  # no file: the folder is not this user's to write in
            except PermissionError:
                raise cannot_write(self.path, e) from None

    def __exit__(self, *exc) -> None:
        if self.fd is not None and same_folder(self.path.name, self.fd, self._parent):
            try:
                os.unlink(self.path.name, dir_fd=self._parent)
            except OSError:
                pass
        self._let_go()

    def _let_go(self) -> None:
        for fd in (self.fd, self._parent):
            if fd is not None:
                os.close(fd)
        self.fd = self._parent = None


def sha256_of(path: Path | str, dir_fd: int | None = None) -> str | None:
    """The SHA-256 of a regular file (never through a link; with ``dir_fd``, a name in that
    open folder), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return hashlib.file_digest(f, "sha256").hexdigest()


def manifest_text(data: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(raw).hexdigest()}  {rel}\n" for rel, raw in sorted(data.items()))


def read_manifest(out: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of the last build; lines without a hash prove nothing."""
    path = out / MANIFEST
    try:
        text = read_regular(path, _MANIFEST_LIMIT, follow_links=False).decode("utf-8")
    except (OSError, NotRegular, TooBig, UnicodeDecodeError):
        return {}
    listed: dict[str, str] = {}
    for line in text.splitlines():
        digest, sep, rel = line.partition("  ")
        if sep and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest) and name_problem(rel) is None:
            listed[rel] = digest
    return listed


def scan(out: Path) -> dict[str, str]:
    """Every entry under ``out`` by relative path: "dir", "file", "link" or "other" (links not
    followed: each folder looked into is opened in the one before, kpidsl/folder_fds.py)."""
    def unreadable(err: OSError) -> None:
        raise err  # a folder not seen into could not be carried over: stop before writing

    found: dict[str, str] = {}
    for dirpath, dirnames, filenames, dir_fd in os.fwalk(out, onerror=unreadable, follow_symlinks=False):
        base = Path(dirpath)
        for name in dirnames + filenames:
            mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
            kind = ("link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode)
                    else "file" if stat.S_ISREG(mode) else "other")
            found[(base / name).relative_to(out).as_posix()] = kind
    return found


def check_names(out: Path, rels) -> None:
    """O003 for the first output name that cannot be written, before anything is."""
    for rel in rels:
        why = name_problem(rel)
        if why is None and len(os.fsencode(str(out / rel))) > _PATH_MAX:
            why = phrase("path-longer-than-bytes", limit=_PATH_MAX)
        if why is not None:
            raise OutputError(CODES["O003"].at(Span.whole_file(str(out)), name=rel, reason=why))


def check_case_apart(shown: Path, rels: Iterable[str], seen: dict[str, str]) -> None:
    """O022 for the first of ``rels`` that another name (one of ``seen``, its letter case
    folded → the name, which this fills) equals but for letter case: ids `Somchai_2555_r1` and
    `somchai_2555_r1` are two agreements, but one folder on NTFS, SMB or APFS, where the
    second's forms would replace the first's (as new-year's O021 tells of two files)."""
    for rel in rels:
        other = seen.setdefault(rel.casefold(), rel)
        if other != rel:
            raise OutputError(CODES["O022"].at(Span.whole_file(str(shown)), path=rel, other=other))


def files_case_apart(shown: Path, rels: Iterable[str], spill=None) -> None:
    """check_case_apart for many names, memory flat in their number: ``rels`` sorted by
    their folded names (kpidsl/sorted_spill.py, in runs on disk in ``spill``'s folder when
    it has one; stable, so the first written comes first), each compared with the one before
    it. O022 for the first name found that an earlier one equals but for letter case."""
    from .sorted_spill import Sorted

    ordered = Sorted(rels, str.casefold, _same, _same, spill)
    try:
        before, folded_before = None, None
        for rel in ordered:
            folded = rel.casefold()
            if folded == folded_before and rel != before:
                raise OutputError(CODES["O022"].at(Span.whole_file(str(shown)), path=rel, other=before))
            if folded != folded_before:
                before, folded_before = rel, folded
    finally:
        ordered.discard()


def _same(name: str) -> str:
    return name


def _folders_of(rel: str) -> list[str]:
    """The folders a relative name lies in, each as `a/`, `a/b/`."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:i + 1]) + "/" for i in range(len(parts))]


def check_rule_folder(out: Path, shown: Path, rules: Path) -> None:
    """O004 when the output is, holds or lies inside the rule folder (of a file: its folder)."""
    rules = Path(os.path.realpath(rules))
    if not rules.is_dir():
        rules = rules.parent
    if out == rules:
        relation = phrase("output-is")
    elif rules in out.parents:
        relation = phrase("output-is-inside")
    elif out in rules.parents:
        relation = phrase("output-holds")
    else:
        return
    raise OutputError(CODES["O004"].at(Span.whole_file(str(shown)), path=str(shown), rules=str(rules),
                                       relation=relation))


def _check_folder(out: Path, shown: Path) -> bool:
    """Whether ``out`` exists (as a folder; anything else is O008)."""
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return False
    except OSError as e:
        raise cannot_write(shown, e) from None
    if not stat.S_ISDIR(st.st_mode):
        raise refused("O008", shown)
    return True


def _not_ours(path: Path, why: Bi) -> OutputError:
    return refused("O006", path, why=why)


def check_the_way(out: Path, data: dict[str, bytes], proven: set[str] | None, shown: Path | None = None) -> None:
    """Nothing on the way to an output is a link (O005), and what an output replaces may
    be replaced (O006). ``proven`` None: render, which overwrites files of its names.
    Told at ``shown`` (the folder as the user named it; else ``out``) joined with the names below."""
    shown = out if shown is None else Path(shown)
    for rel, raw in data.items():
        parts = rel.split("/")
        path = out
        for i, part in enumerate(parts):
            path = path / part
            here = "/".join(parts[:i + 1])
            told = shown / here
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break
            except OSError as e:
                raise cannot_write(told, e) from None
            if stat.S_ISLNK(mode):
                raise refused("O005", told)
            last = i == len(parts) - 1
            if not last:
                if stat.S_ISDIR(mode):
                    continue
                if proven is not None and here in proven:
                    continue  # the old build's file, where this build makes a folder: it goes
                raise _not_ours(told, phrase("file-where-folder"))
            if stat.S_ISDIR(mode):
                raise _not_ours(told, phrase("folder-where-file"))
            if not stat.S_ISREG(mode):
                raise _not_ours(told, phrase("output-not-regular"))
            if proven is None or here in proven:
                continue
            try:  # no more than the bytes it is compared with, and never through a link put there since
                same = read_regular(path, len(raw), follow_links=False) == raw
            except TooBig:
                same = False
            except NotRegular:
                raise _not_ours(told, phrase("output-not-regular")) from None
            except OSError as e:
                raise cannot_write(told, e) from None
            if not same:
                raise _not_ours(told, phrase("not-from-last-build"))


def as_bytes(files: dict[str, str | bytes]) -> dict[str, bytes]:
    """Texts as UTF-8; what is already bytes (a PDF) as it is."""
    return {rel: raw if isinstance(raw, bytes) else as_utf8(raw) for rel, raw in files.items()}


def write_render(outdir: Path, files: Iterable[tuple[str, str | bytes]], rules: Path,
                 spill=None) -> Iterable[Path]:
    """Write rendered forms into ``outdir`` (overwriting files of the same names) as they
    come, holding one at a time: each name and the way to it checked, then written into a
    hidden sibling folder; only when the last has come are they moved in (a new folder
    whole, in one rename). A failure or refusal part-way (a results file with mistakes
    found late, O003, O005; two names apart only by letter case, O022) leaves ``outdir`` as
    it was. The paths written, in the order
    written: their names wait in a file of ``spill`` (a kpidsl/sorted_spill.py SpillFolder,
    read while it is there) when it has a folder, else they are held."""
    out = real_folder(outdir)
    check_rule_folder(out, outdir, rules)
    with OutputLock(outdir):
        exists = _check_folder(out, outdir)
        stage = sibling(out, RENDER).name
        parent = _open_parent(out, outdir)
        try:
            os.mkdir(stage, 0o777, dir_fd=parent)  # the umask applies, as to every folder kpidsl makes
        except OSError as e:  # outside the clean-up below: a folder this call did not make is never removed
            os.close(parent)
            raise cannot_write(outdir, e) from None
        rels = _Names(spill)  # the names only: the texts are on disk
        # The folders written, by their folded names, told as they come: a folder is an
        # agreement's or a framework's id. Few: memory stays flat in the forms. The forms'
        # own names are compared once all are staged (files_case_apart).
        folders: dict[str, str] = {}
        try:
            with Tree(stage, outdir, parent) as staged:  # the hidden folder, beside the output: anyone's to swap
                for rel, raw in files:
                    check_names(out, [rel])
                    check_case_apart(outdir, _folders_of(rel), folders)
                    if exists:
                        check_the_way(out, {rel: b""}, None, outdir)  # render overwrites its names: no bytes compared
                    dir_fd, name = _entry(staged, rel, outdir)
                    if exists_in(name, dir_fd):  # what the forms' paths hold is on disk (render_outputs distinct)
                        raise ValueError(two_documents(rel))
                    writer.write_file(name, raw if isinstance(raw, bytes) else as_utf8(raw), outdir / rel,
                                      dir_fd=dir_fd)
                    rels.append(rel)
                files_case_apart(outdir, rels, spill)
                if exists:
                    _no_link_in(staged, outdir)
                    _move_in(staged, out, outdir, rels)
                else:
                    _swap_in(parent, stage, out.name, staged, outdir, exchange=False)
        except OSError as e:
            raise cannot_write(outdir, e) from None
        finally:
            shutil.rmtree(stage, ignore_errors=True, dir_fd=parent)  # never a link: rmtree refuses one
            os.close(parent)
            rels.close()
    return (outdir / rel for rel in rels)


class _Names:
    """Names in the order added, read as often as asked: in a file of JSON lines in the
    run's folder when there is one (memory flat in the forms written), else in a list."""

    def __init__(self, spill) -> None:
        self._held: list[str] = []
        self._path: Path | None = None
        self._file = None
        if spill is not None and spill.path is not None:
            self._path = spill.next_file()
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            self._file = open(fd, "w", encoding="ascii", newline="\n")

    def append(self, name: str) -> None:
        if self._file is None:
            self._held.append(name)
        else:
            self._file.write(json.dumps(name, ensure_ascii=True) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __iter__(self):
        if self._path is None:
            yield from self._held
            return
        self.close()
        with open(self._path, encoding="ascii", newline="\n") as f:
            for line in f:
                yield json.loads(line)


def _entry(tree: Tree, rel: str, outdir: Path, make: bool = True) -> tuple[int, str]:
    """The open folder of ``tree`` that ``rel`` lies in (made when missing), and its last name;
    trouble told at ``outdir / rel``, a link on the way as O005 (kpidsl/folder_fds.py)."""
    try:
        return tree.entry(rel, make)
    except OSError as e:
        raise cannot_write(outdir / rel, e) from None


def _write_in(tree: Tree, rel: str, raw: bytes | str, outdir: Path) -> None:
    """``raw`` written to ``rel`` in ``tree``, told at ``outdir / rel``."""
    dir_fd, name = _entry(tree, rel, outdir)
    writer.write_file(name, raw, outdir / rel, dir_fd=dir_fd)


def _move_in(staged: Tree, out: Path, outdir: Path, rels: list[str]) -> None:
    """Each staged file into ``out``: renamed where nothing stands, else written over the file
    there as kpidsl/files.py writes (its mode kept, a hard-linked file rewritten in place).
    Each folder of ``out`` is opened from the one above, no link followed: one swapped for a
    link since check_the_way looked is refused (O005), never moved into."""
    with Tree(out, outdir) as dest:
        for rel in rels:
            src_fd, name = _entry(staged, rel, outdir, make=False)
            dst_fd, _ = _entry(dest, rel, outdir)
            if exists_in(name, dst_fd):
                try:
                    with open_regular(name, follow_links=False, dir_fd=src_fd) as f:
                        raw = f.read()
                except NotRegular:
                    raise _not_ours(outdir / rel, phrase("output-not-regular")) from None
                writer.write_file(name, raw, outdir / rel, dir_fd=dst_fd)
            else:
                os.rename(name, name, src_dir_fd=src_fd, dst_dir_fd=dst_fd)


def write_new_files(outdir: Path, files: dict[str, str | bytes], rules: Path) -> list[Path]:
    """Write a new rule set (`kpidsl new-year`) into ``outdir``: never over a file that is
    there (O015), never through a link (O005), never into, around or inside the rule set
    it came from (O004). A new or empty folder gets the whole set at once (written into a
    hidden sibling and swapped in); a folder holding other things gets it file by file."""
    out = real_folder(outdir)
    data = as_bytes(files)
    check_names(out, data)
    check_rule_folder(out, outdir, rules)
    with OutputLock(outdir):
        exists = _check_folder(out, outdir)
        if exists:
            check_the_way(out, data, None, outdir)
            for rel in data:
                if os.path.lexists(out / rel):
                    raise refused("O015", outdir / rel)
        try:
            empty = not exists or not os.listdir(out)
        except OSError as e:
            raise cannot_write(outdir, e) from None
        if not empty:
            with Tree(out, outdir) as tree:  # each folder opened in the one above: none swapped for a link since
                for rel, raw in data.items():
                    _write_in(tree, rel, raw, outdir)
            return [outdir / rel for rel in data]

        def fill(new: Tree) -> None:
            for rel, raw in data.items():
                _write_in(new, rel, raw, outdir)

        was = _fill_and_swap(outdir, out, exists, fill)
        if exists:
            try:
                os.rmdir(was)  # the empty folder that stood there; should it have filled meanwhile, it stays
            except OSError:
                pass
    return [outdir / rel for rel in data]


def write_build(outdir: Path, files: dict[str, str | bytes], rules: Path) -> Written:
    """Replace the build in ``outdir`` by ``files`` as the module docstring says."""
    out = real_folder(outdir)
    data = as_bytes(files)
    check_names(out, [*data, MANIFEST])
    check_case_apart(outdir, [folder for rel in data for folder in _folders_of(rel)] + list(data), {})
    check_rule_folder(out, outdir, rules)
    with OutputLock(outdir):
        exists = _check_folder(out, outdir)
        try:
            manifest = read_manifest(out) if exists else {}
            old = scan(out) if exists else {}
        except OSError as e:
            raise cannot_write(outdir, e) from None
        if old and old.get(MANIFEST) != "file":
            # A folder kpidsl never built (a home, a shared drive's root): a build swaps the whole
            # folder, so it would remake every folder of it and carry each file over by a link.
            raise OutputError(CODES["O014"].at(Span.whole_file(str(outdir)), path=str(outdir)))
        proven = {rel for rel, digest in manifest.items() if old.get(rel) == "file" and sha256_of(out / rel) == digest}
        check_the_way(out, data, proven, outdir)
        # the folder holding the output, held from here on: what killed builds left is cleared,
        # the new build swapped in and the old one cleared in it, never through a link put since
        parent = _open_parent(out, outdir)
        try:
            return _build_in(parent, outdir, out, data, exists, old, manifest, proven)
        finally:
            os.close(parent)


def _build_in(parent: int, outdir: Path, out: Path, data: dict[str, bytes], exists: bool, old: dict[str, str],
              manifest: dict[str, str], proven: set[str]) -> Written:
    """write_build's work once its look is done, in ``parent``, the folder holding ``out``, open."""
    _clear_leftovers(parent, out)
    kept: list[str] = []

    def fill(new: Tree) -> None:
        # The manifest first: should this build be killed, the next one proves from it
        # what of the hidden folder it may clear (see _clear_leftovers).
        _write_in(new, MANIFEST, manifest_text(data), outdir)
        for rel, raw in data.items():
            _write_in(new, rel, raw, outdir)
            if old.get(rel) == "file":  # a rewritten file keeps its mode
                _set_mode(new, rel, outdir, os.lstat(out / rel).st_mode)
        kept.extend(_carry_over(out, outdir, new, old, data, proven, manifest))

    carried_links = frozenset(rel for rel, kind in old.items() if kind == "link")  # a person's own, kept
    new = _fill_and_swap(outdir, out, exists, fill, carried_links, parent)
    warnings = [CODES["O009"].at(Span.whole_file(str(outdir / rel)), path=str(outdir / rel)) for rel in kept]
    removed = 0
    if exists:
        removed, left = _clear_old(parent, new.name, out, old, data, manifest)
        if left is not None:
            warnings.append(CODES["O011"].at(Span.whole_file(str(new)), path=str(new), reason=left))
    return Written(tuple(outdir / rel for rel in data), removed, tuple(warnings))


def _set_mode(tree: Tree, rel: str, outdir: Path, mode: int) -> None:
    """``rel`` in ``tree``, a file just written, given ``mode``'s permissions: opened, never
    through a link put at its name since (a chmod by name would follow it)."""
    dir_fd, name = _entry(tree, rel, outdir)
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), dir_fd=dir_fd)
    try:
        os.fchmod(fd, stat.S_IMODE(mode))
    finally:
        os.close(fd)


def _fill_and_swap(outdir: Path, out: Path, exists: bool, fill, links: frozenset[str] = frozenset(),
                   held: int | None = None) -> Path:
    """Have ``fill`` write into a fresh hidden sibling of ``out`` (a kpidsl/folder_fds.py
    Tree, opened once: the sibling is in a folder others may write in), then put that folder in
    ``out``'s place in one step (_swap_in: ``links``, those ``fill`` carried over, may be in
    it); where ``out`` existed, the hidden sibling's name is where the old folder now is
    (returned). A fresh folder takes the umask; a folder written again keeps its mode and
    group. On any failure before the swap the hidden folder, which holds only what ``fill``
    wrote or linked, is removed. ``held``: the folder holding ``out``, open already (its
    caller's, left open); else it is opened here."""
    new = hidden_sibling(out, f"new-{secrets.token_hex(4)}")
    parent = _open_parent(out, outdir) if held is None else held
    try:
        try:
            os.mkdir(new.name, 0o777, dir_fd=parent)  # the umask applies, as to every folder kpidsl makes
        except OSError as e:  # outside the clean-up below: a folder this call did not make is never removed
            raise cannot_write(outdir, e) from None
        try:
            with Tree(new.name, outdir, parent) as tree:
                if exists:
                    was = os.stat(out.name, dir_fd=parent)
                    try:
                        os.fchown(tree.fd, -1, was.st_gid)
                    except OSError:
                        pass  # not a group of ours: the folder's own group
                    os.fchmod(tree.fd, stat.S_IMODE(was.st_mode))
                fill(tree)
                _swap_in(parent, new.name, out.name, tree, outdir, exists, links)
        except BaseException as e:
            shutil.rmtree(new.name, ignore_errors=True, dir_fd=parent)  # never a link: rmtree refuses one
            if isinstance(e, OSError):
                raise cannot_write(outdir, e) from None
            raise
    finally:
        if held is None:
            os.close(parent)
    return new


def _open_parent(out: Path, outdir: Path) -> int:
    """The folder holding ``out`` (its real path: no link on it when it was looked at), opened
    name by name (kpidsl/output_links.py open_way: a link another put on it since is O023): a
    run's hidden folders are made in it, and swapped into ``out``'s place, by their names in
    it, never by a path that may lead elsewhere since."""
    require(outdir)  # told at what the user named
    try:
        fd = open_way(out.parent)
    except OSError as e:
        raise cannot_write(outdir, e) from None
    if fd is None:  # removed since the lock was taken in it
        raise cannot_write(outdir, FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(out.parent)))
    return fd


def _no_link_in(tree: Tree, shown: Path, links: frozenset[str] = frozenset()) -> None:
    """O026 at the first folder of ``tree`` (told as in ``shown``) that is a link, but for
    ``links``: one of its folders swapped for a link while it was filled (the files after it
    went where the folder went), which the output must not take in."""
    met = first_link(tree.fd, links)
    if met is not None:
        raise refused("O026", shown / met)


def _swap_in(parent: int, name: str, out_name: str, tree: Tree, shown: Path, exchange: bool,
             links: frozenset[str] = frozenset()) -> None:
    """The folder filled (``tree``, at ``name`` in the open folder ``parent``) put at
    ``out_name`` there: exchanged with the folder there (``exchange``), else renamed. The
    folder holding it is others' to write in, so its name may be swapped for a link between
    any look and the rename (no rename compares what it moves): what the rename moved is
    looked at after it, and when it is not the folder filled, it is put back, O026 at
    ``shown``. The link was at most an instant at ``out_name``, where any who may write
    there may put one; kpidsl wrote nothing through it."""
    _no_link_in(tree, shown, links)
    if not same_folder(name, tree.fd, parent):  # swapped since it was filled
        raise refused("O026", shown)
    if exchange:
        _exchange(parent, name, out_name)
    else:
        os.rename(name, out_name, src_dir_fd=parent, dst_dir_fd=parent)
    if not same_folder(out_name, tree.fd, parent):  # swapped between the look above and the rename
        if exchange:
            _exchange(parent, name, out_name)
        else:
            os.rename(out_name, name, src_dir_fd=parent, dst_dir_fd=parent)
        raise refused("O026", shown)


def _carry_over(out: Path, outdir: Path, new: Tree, old: dict[str, str], data: dict[str, bytes],
                proven: set[str], manifest: dict[str, str]) -> list[str]:
    """Hard-link into ``new`` every entry of ``out`` that is not the old build's own;
    the paths the old manifest listed but that changed since (kept, and said so). Each
    folder of ``out`` is opened from the one above: one swapped for a link since scan
    looked is refused (O005), nothing of its target taken in."""
    kept: list[str] = []
    if not old:
        return kept  # nothing there (a new folder): none to open
    holding = {rel.rpartition("/")[0] for rel in old}
    with Tree(out, outdir) as source:
        for rel, kind in sorted(old.items()):
            if rel == MANIFEST or rel in data or rel in proven:
                continue
            if kind == "dir":
                if rel not in holding:  # a person's empty folder; the others come with what they hold
                    _entry(new, rel + "/", outdir)  # the folder itself ("a/b/": its last name empty), made
                continue
            src_fd, name = _entry(source, rel, outdir, make=False)
            dst_fd, _ = _entry(new, rel, outdir)
            try:
                os.link(name, name, src_dir_fd=src_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
            except OSError:
                if kind == "link":
                    os.symlink(os.readlink(name, dir_fd=src_fd), name, dir_fd=dst_fd)
                elif kind == "file":
                    _copy(name, src_fd, dst_fd, outdir / rel)  # the original then stays behind, said so
                else:
                    raise
            if rel in manifest:
                kept.append(rel)
    return kept


def _copy(name: str, src_fd: int, dst_fd: int, shown: Path) -> None:
    """The regular file ``name`` of the open folder ``src_fd`` copied into ``dst_fd``, its
    permissions and times kept (as shutil.copy2), neither end through a link."""
    try:
        src = open_regular(name, follow_links=False, dir_fd=src_fd)
    except NotRegular:
        raise _not_ours(shown, phrase("output-not-regular")) from None
    with src:
        st = os.fstat(src.fileno())
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(name, flags, 0o600, dir_fd=dst_fd), "wb") as dst:
            shutil.copyfileobj(src, dst)
            os.fchmod(dst.fileno(), stat.S_IMODE(st.st_mode))
            os.utime(dst.fileno(), ns=(st.st_atime_ns, st.st_mtime_ns))


def _clear_leftovers(parent: int, out: Path) -> None:
    """The hidden folders of builds killed before their swap, in ``parent`` (the folder holding
    ``out``, open): what their own manifest proves kpidsl wrote, the links they took of files
    still in ``out``, and the temporary file a killed build was writing (kpidsl/left_behind.py
    proves its run gone), go; a folder holding anything else stays. Each is read through the
    folder held (through_descriptor), never by a path a swap since may lead elsewhere."""
    prefix = hidden_sibling(out, "new-").name
    try:
        names = [n for n in os.listdir(parent) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        folder = through_descriptor(parent) / name
        try:
            if not stat.S_ISDIR(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode):
                continue
            _clear_old(parent, name, out, scan(folder), {}, read_manifest(folder))
        except OSError:
            continue


_RENAME_EXCHANGE = 2


def _exchange(parent: int, new: str, out: str) -> None:
    """Swap two folders of the open folder ``parent`` in one step where the system can; else
    two renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if renameat2(parent, os.fsencode(new), parent, os.fsencode(out), _RENAME_EXCHANGE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), out)
    aside = hidden_name(out, f"old-{secrets.token_hex(4)}")
    os.rename(out, aside, src_dir_fd=parent, dst_dir_fd=parent)
    try:
        os.rename(new, out, src_dir_fd=parent, dst_dir_fd=parent)
    except BaseException:
        os.rename(aside, out, src_dir_fd=parent, dst_dir_fd=parent)
        raise
    os.rename(aside, new, src_dir_fd=parent, dst_dir_fd=parent)  # as after an exchange: the old folder at the hidden name


def _clear_old(parent: int, old_dir: str, out: Path, old: dict[str, str], data: dict[str, bytes],
               manifest: dict[str, str]) -> tuple[int, Bi | None]:
    """Delete from the swapped-out folder ``old_dir``, a name in ``parent`` (the folder holding
    ``out``, open), what kpidsl proves is its own; how many of the old build's files no longer
    exist, and what was left (empty when all went)."""
    removed = 0
    carried_in = through_descriptor(parent) / out.name  # the output as it is in the folder held
    try:
        tree = Tree(old_dir, out.parent / old_dir, parent)
    except (OSError, OutputError):
        return removed, phrase("holds-unproven-files")
    with tree:
        for rel, kind in sorted(old.items(), reverse=True):
            # Each folder opened in the one above, no link followed: one of the hidden folder's
            # (others may write beside the output) swapped for a link since scan stays, untouched.
            try:
                dir_fd, name = tree.entry(rel)
                if kind == "dir":
                    os.rmdir(name, dir_fd=dir_fd)
                    continue
                st = os.lstat(name, dir_fd=dir_fd)
                try:
                    carried = os.lstat(carried_in / rel)
                    same_inode = (carried.st_dev, carried.st_ino) == (st.st_dev, st.st_ino)
                except OSError:
                    same_inode = False
                digest = sha256_of(name, dir_fd) if stat.S_ISREG(st.st_mode) else None
                if same_inode or rel == MANIFEST or provably_left(name, TEMP_FILE, dir_fd):  # the last: a killed build's
                    os.unlink(name, dir_fd=dir_fd)
                elif digest is not None and rel in data and digest == hashlib.sha256(data[rel]).hexdigest():
                    os.unlink(name, dir_fd=dir_fd)
                elif digest is not None and manifest.get(rel) == digest:
                    os.unlink(name, dir_fd=dir_fd)
                    removed += rel not in data
            except (OSError, OutputError):
                continue
    try:
        os.rmdir(old_dir, dir_fd=parent)
    except FileNotFoundError:
        pass
    except OSError:
        return removed, phrase("holds-unproven-files")
    return removed, None
