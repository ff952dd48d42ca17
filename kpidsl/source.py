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
from .regular_file import LinkOut, NotRegular, TooBig, Unproven, read_regular

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


TEXT_BLOCK = 1 << 20  # bytes read at a time by text_errors


def text_errors(f, shown: str, block: int | None = None) -> list[Diagnostic]:
    """The errors decode() finds in the binary file ``f`` (the same codes at the same places),
    read ``block`` bytes at a time (at least 400): memory stays flat however big the file (a
    results file checked before it is read row by row). What decode() looks for in the whole
    file (the first NUL, the first byte that is not UTF-8, the old Thai encoding's share of
    the high bytes, the first control character) is followed block by block; what it looks
    at in the head (UTF-16, Latin-1 letters, the share of control characters), in the same head."""
    block = block or TEXT_BLOCK
    head = f.read(block)
    if len(head) < block:  # the whole file: decode() itself
        return [d for d in decode(head, shown)[1] if d.is_error]
    here = Span.whole_file(shown)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(head):
        return [CODES["F004"].at(here)]
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    seen = _Seen(bom)
    seen.read(head[bom:])
    rest, eof = head[bom:], False
    while not eof:
        more = f.read(block)
        eof = not more
        seen.read(more)
        data = rest + more
        # a piece ending at a line end, or before its last character, decodes as its part of the whole
        cut = len(data) if eof else data.rfind(b"\n") + 1 or _char_start(data)
        seen.decode(data[:cut])
        rest = data[cut:]
    name = Path(shown).name
    if seen.nul is not None:
        return [CODES["F005"].at(here, offset=seen.nul)]
    if seen.bad is not None:
        line, column, byte = seen.bad
        at_byte = Span.point(shown, line, column)
        if looks_latin1(seen.latin):
            return [CODES["F011"].at(at_byte, name=name, byte=f"{byte:02X}")]
        if seen.cp874 and seen.high and seen.thai / seen.high > 0.9:  # _looks_cp874 of the whole body
            return [CODES["F003"].at(here, name=name)]
        return [CODES["F008"].at(at_byte, byte=f"{byte:02X}")]
    if _control_heavy(seen.sample.replace("\r\n", "\n").replace("\r", "\n")):
        return [CODES["F005"].at(here, offset=seen.control if seen.control is not None else bom)]
    return []


def not_text(f, head: int = 64 * 1024, block: int | None = None) -> bool:
    """True when the results reader would refuse the binary file ``f`` before it scores a row:
    decode() finds an error in its first ``head`` bytes (binary, UTF-16, the old Thai
    encoding …; cut at a line end, as the reader's head is: csv_input.decode_head), or a NUL
    comes further on (F005; looked for a block at a time, memory flat: about 10 ms for 100 MB
    already cached). For an engine that reads the file with a reader of its own (DuckDB,
    kpidsl/sql/run.py), which takes a NUL for a character of a cell."""
    start = f.read(head)
    whole = start
    if len(start) == head:
        cut = start.rfind(b"\n")
        start = start[: cut + 1] if cut > 0 else start[:-4].decode("utf-8", errors="ignore").encode("utf-8")
    if b"\x00" in whole or any(d.is_error for d in decode(start, "")[1]):
        return True
    block = block or TEXT_BLOCK
    while more := f.read(block):
        if b"\x00" in more:
            return True
    return False


_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


class _Seen:
    """What text_errors has found so far in a file's body (after a byte-order mark of
    ``bom`` bytes): ``read`` takes its bytes once each, in order; ``decode`` its pieces."""

    def __init__(self, bom: int) -> None:
        self.offset = bom  # bytes of the file taken by read()
        self.nul: int | None = None  # the first NUL's offset in the file
        self.control: int | None = None  # the first control character's (decode()'s F005 offset)
        self.high = self.thai = 0  # the body's bytes past ASCII, and those cp874 maps to Thai letters
        self.cp874 = True  # every byte of the body so far decodes as cp874
        self.latin = b""  # the body's first 64 KiB, as looks_latin1 reads it
        self.line, self.column = 1, 0  # where the next piece starts: its line (LF counted), code points before it
        self.bad: tuple | None = None  # the first byte not UTF-8: (line, column, byte)
        self.sample = ""  # the text's first characters (decode()'s _control_heavy reads 2,000 after line ends)

    def read(self, data: bytes) -> None:
        if self.nul is None and (at := data.find(b"\x00")) >= 0:
            self.nul = self.offset + at
        if self.control is None and (found := _CONTROL_BYTE.search(data)):
            self.control = self.offset + found.start()
        high = data.translate(None, _ASCII)
        self.high += len(high)
        self.thai += len(high) - len(high.translate(None, _THAI_CP874))
        if self.cp874 and high:
            try:
                high.decode("cp874")
            except UnicodeDecodeError:
                self.cp874 = False
        if len(self.latin) < 65536:
            self.latin += data[:65536 - len(self.latin)]
        self.offset += len(data)

    def decode(self, piece: bytes) -> None:
        if self.bad is None:
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError as e:
                start = piece.rfind(b"\n", 0, e.start) + 1
                before = self.column if start == 0 else 0
                self.bad = (self.line + piece.count(b"\n", 0, e.start),
                            before + len(piece[start:e.start].decode("utf-8", errors="replace")) + 1, piece[e.start])
            else:
                if len(self.sample) < 4002:  # 2,000 characters at least once CR LF and CR are LF
                    self.sample += text[:4002]
                last = text.rfind("\n")
                self.column = (self.column if last < 0 else 0) + len(text) - (last + 1)
        self.line += piece.count(b"\n")


_ASCII = bytes(range(0x80))
_THAI_CP874 = bytes(range(0xA1, 0xFC))


def _char_start(data: bytes) -> int:
    """Where the last character of ``data`` starts (its last byte that is no UTF-8
    continuation byte, among the last four), so that a piece cut there is whole."""
    for back in range(1, min(4, len(data)) + 1):
        if not 0x80 <= data[-back] <= 0xBF:
            return len(data) - back
    return len(data)


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


def reason(e: OSError | NotRegular) -> Bi:
    """Why the system refused, in both languages; for a path that is no regular file
    (regular_file.NotRegular), what it is."""
    if isinstance(e, Unproven):
        return phrase("not-proven-in-folder")
    if isinstance(e, LinkOut):
        return phrase("link-out-of-folder")
    if isinstance(e, NotRegular):
        return phrase("is-a-folder" if e.folder else "not-a-regular-file")
    en = e.strerror or str(e)
    return Bi(en, _REASONS_TH.get(e.errno or 0, en))


def _unreadable(shown: str, why: Bi) -> Diagnostic:
    return CODES["F009"].at(Span.whole_file(shown), path=shown, reason=why)


def read_file(path: Path, shown: str | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
    shown = shown or display_path(path)
    data, diags = read_rule_bytes(path, shown)
    if data is None:
        return None, diags
    text, diags = decode(data, shown)
    return (SourceFile(shown, text) if text is not None else None), diags


def read_rule_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A rule file's bytes as saved (a regular file of at most MAX_BYTES), or None and why:
    read once, by read_file, and by `fmt`, which keeps the file's line ends and byte-order mark."""
    try:
        return read_regular(path, MAX_BYTES), []
    except NotRegular as e:
        # A folder, a FIFO or a device: reading it would fail or block forever.
        return None, [_unreadable(shown, reason(e))]
    except TooBig as e:
        return None, [CODES["F007"].at(Span.whole_file(shown), size=f"{e.size / 1048576:.1f}",
                                       limit=MAX_BYTES // 1048576)]
    except OSError as e:
        return None, [_unreadable(shown, reason(e))]


def written_too_large(size: int, at: str, path: str) -> Diagnostic | None:
    """O024 at ``at`` when ``size`` bytes about to be written as the rule file ``path`` are
    more than read_rule_bytes reads back (F007): fmt and new-year make a file longer, and a
    file no command reads is not written."""
    if size <= MAX_BYTES:
        return None
    return CODES["O024"].at(Span.whole_file(at), path=path, size=f"{size / 1048576:.1f}",
                            limit=MAX_BYTES // 1048576)


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
