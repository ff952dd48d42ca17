"""Reading rule files from disk, whatever editor saved them.

UTF-8 with or without a byte-order mark and with any line ends reads as plain
text. Everything else gets one clear diagnostic: the old Thai Windows encoding
(TIS-620 / cp874) is recognised and named, as are UTF-16, binary files, empty
files and files too large to be rule files.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import attrs

from .diagnostics.model import Diagnostic
from .diagnostics.phrases import phrase
from .diagnostics.registry import CODES, Bi
from .diagnostics.span import Span
from .regular_file import NotRegular, TooBig, read_regular

MAX_BYTES = 4 * 1024 * 1024
RULE_SUFFIX = ".kpi"


@attrs.frozen
class SourceFile:
    path: str  # as shown in diagnostics
    text: str


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, with forward slashes."""
    try:
        rel = os.path.relpath(path)
        shown = rel if not rel.startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    return shown.replace(os.sep, "/")


def decode(data: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes → text with LF line ends, or None and the reason."""
    here = Span.whole_file(shown)
    name = Path(shown).name
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return None, [CODES["F004"].at(here)]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [CODES["F005"].at(here, offset=nul)]
    # A byte-order mark is dropped so that columns on line 1 count from the first real character.
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        line_start = body.rfind(b"\n", 0, e.start) + 1
        line = body.count(b"\n", 0, e.start) + 1
        # Columns count code points, as everywhere else: decode the line up to the bad byte.
        column = len(body[line_start : e.start].decode("utf-8", errors="replace")) + 1
        at_byte = Span.point(shown, line, column)
        # Western European first: its accented letters are bytes cp874 would read as Thai.
        if looks_latin1(body):
            return None, [CODES["F011"].at(at_byte, name=name, byte=f"{body[e.start]:02X}")]
        if _looks_cp874(body):
            return None, [CODES["F003"].at(here, name=name)]
        return None, [CODES["F008"].at(at_byte, byte=f"{body[e.start]:02X}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_heavy(text):
        # The byte offset in the file as saved (a CR of CRLF is not a control here).
        first = re.search(rb"[\x00-\x08\x0b\x0e-\x1f]", body)
        offset = (first.start() if first else 0) + len(data) - len(body)
        return None, [CODES["F005"].at(here, offset=offset)]
    diags = [CODES["F006"].at(here)] if not text.strip() else []
    return text, diags


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte is zero (ASCII) or
    0x0E (Thai, U+0E00–U+0E7F), while the bytes between are mostly not zero
    (which tells it from a binary file full of zeros)."""
    sample = data[:400]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    for half, other in ((evens, odds), (odds, evens)):
        share = sum(1 for b in half if b in (0x00, 0x0E)) / len(half)
        other_zero = other.count(0) / max(1, len(other))
        if share > 0.9 and other_zero < 0.1:
            return True
    return False


def _looks_cp874(data: bytes) -> bool:
    """Mostly bytes 0xA1–0xFB, which cp874 maps to Thai letters."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    thai = sum(1 for b in high if 0xA1 <= b <= 0xFB)
    try:
        data.decode("cp874")
    except UnicodeDecodeError:
        return False
    return thai / len(high) > 0.9


def _ascii_letter(b: int) -> bool:
    return 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A


def looks_latin1(data: bytes) -> bool:
    """Latin-1 / Windows-1252 rather than TIS-620: an accented letter (é, ü, ç) stands
    alone inside a Latin word, next to an ASCII letter, while Thai letters come in runs
    of high bytes between spaces and quotes. Most high bytes next to an ASCII letter
    says Latin."""
    high = in_word = 0
    data = data[:65536]  # enough to tell; a 4 MB file is not walked byte by byte
    for i, b in enumerate(data):
        if b < 0x80:
            continue
        high += 1
        before = data[i - 1] if i else 0
        after = data[i + 1] if i + 1 < len(data) else 0
        if _ascii_letter(before) or _ascii_letter(after):
            in_word += 1
    return high > 0 and in_word / high > 0.5


_CONTROLS = re.compile("[\x00-\x08\x0b\x0d-\x1f]")  # C0 controls but \t \n \f, as before


def _control_heavy(text: str) -> bool:
    sample = text[:2000]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(3, len(sample) // 100)


_REASONS_TH = {
    errno.EACCES: "ไม่มีสิทธิ์อ่าน",
    errno.EPERM: "ไม่มีสิทธิ์อ่าน",
    errno.ENOENT: "ไม่พบ",
    errno.ELOOP: "ลิงก์ชี้วนกันเอง",
    errno.ENAMETOOLONG: "ชื่อยาวเกินไป",
    errno.EISDIR: "เป็นโฟลเดอร์",
    errno.EIO: "อ่านจากดิสก์ไม่ได้",
}


def reason(e: OSError) -> Bi:
    """Why the system refused, in both languages."""
    en = e.strerror or str(e)
    return Bi(en, _REASONS_TH.get(e.errno or 0, en))


def _unreadable(shown: str, why: Bi) -> Diagnostic:
    return CODES["F009"].at(Span.whole_file(shown), path=shown, reason=why)


def read_file(path: Path, shown: str | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
    shown = shown or display_path(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotRegular as e:
        # A folder, a FIFO or a device: reading it would fail or block forever.
        return None, [_unreadable(shown, phrase("is-a-folder" if e.folder else "not-a-regular-file"))]
    except TooBig as e:
        return None, [CODES["F007"].at(Span.whole_file(shown), size=f"{e.size / 1048576:.1f}",
                                       limit=MAX_BYTES // 1048576)]
    except OSError as e:
        return None, [_unreadable(shown, reason(e))]
    text, diags = decode(data, shown)
    return (SourceFile(shown, text) if text is not None else None), diags


def classify(path: Path) -> str | Diagnostic:
    """"file", "folder", or the diagnostic saying why the path cannot be used."""
    shown = display_path(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.lexists(path):  # a symbolic link to nowhere
            return CODES["F009"].at(Span.whole_file(shown), path=shown,
                                    reason=phrase("broken-link"))
        return CODES["F001"].at(Span.whole_file(shown), path=shown)
    except OSError as e:  # a symbolic-link loop, no permission to look, a name too long
        return CODES["F009"].at(Span.whole_file(shown), path=shown, reason=reason(e))
    return "folder" if stat.S_ISDIR(st.st_mode) else "file"


def find_rule_files(folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every .kpi file under ``folder``, sorted, and a diagnostic for each
    subfolder that cannot be listed. Links to folders are not followed (no
    loops); a link named *.kpi is returned, so that reading it says what is
    wrong. Hidden folders (.git, .venv) are not entered."""
    found: list[Path] = []
    diags: list[Diagnostic] = []

    def trouble(e: OSError) -> None:
        where = display_path(Path(e.filename)) if e.filename else display_path(folder)
        diags.append(CODES["F009"].at(Span.whole_file(where), path=where, reason=reason(e)))

    for here, dirs, names in os.walk(folder, onerror=trouble):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(here) / n for n in sorted(names) if n.endswith(RULE_SUFFIX))
    return found, diags


def find_rule_set_files(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The .kpi files of the rule set whose top folder is ``root``, sorted: those
    ``root`` holds and those of each subfolder that holds .kpi files itself,
    reached through such folders. A folder beside them is looked into once, never
    walked, so a rule set inside a large tree costs its own folders. Links to
    folders and hidden folders are not entered, as ``find_rule_files``; a
    subfolder that cannot be listed holds no rules (as ``holds_rules`` says)."""
    found: list[Path] = []
    shown = display_path(root)
    try:
        members = [(root, _listing(root))]
    except OSError as e:
        where = display_path(Path(e.filename)) if e.filename else shown
        return [], [CODES["F009"].at(Span.whole_file(where), path=where, reason=reason(e))]
    while members:
        folder, (names, subfolders) = members.pop()
        found.extend(folder / n for n in names)
        for sub in subfolders:
            try:
                listing = _listing(folder / sub)
            except OSError:
                continue
            if listing[0]:
                members.append((folder / sub, listing))
    # as find_rule_files lists them: a folder's files, then each subfolder's, by name
    return sorted(found, key=lambda p: [(1, d) for d in p.relative_to(root).parts[:-1]] + [(0, p.name)]), []


def _listing(folder: Path) -> tuple[list[str], list[str]]:
    """The rule files ``folder`` directly holds and the subfolders a rule set may
    go on into (neither hidden nor a link)."""
    names: list[str] = []
    subfolders: list[str] = []
    with os.scandir(folder) as entries:
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                if e.name.endswith(RULE_SUFFIX):
                    names.append(e.name)
            elif not e.name.startswith(".") and not e.is_symlink():
                subfolders.append(e.name)
    return names, subfolders


def holds_rules(folder: Path) -> bool:
    """Whether ``folder`` directly holds a .kpi file (not a folder named *.kpi)."""
    try:
        with os.scandir(folder) as entries:
            return any(e.name.endswith(RULE_SUFFIX) and not e.is_dir() for e in entries)
    except OSError:
        return False


def rule_set_root(file: Path) -> Path:
    """The top folder of the rule set a file named alone belongs to (``kpidsl check FILE``,
    the editor's open file): climb while the parent folder holds .kpi files. Absolute, so
    that climbing from ``a.kpi`` (whose parent is ``.``) ends."""
    root = Path(os.path.abspath(file)).parent
    while root.parent != root and holds_rules(root.parent):
        root = root.parent
    return root
