"""Reading rule files from disk, whatever editor saved them.

UTF-8 with or without a byte-order mark and with any line ends reads as plain
text. Everything else gets one clear diagnostic: the old Thai Windows encoding
(TIS-620 / cp874) is recognised and named, as are UTF-16, binary files, empty
files and files too large to be rule files.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from .diagnostics.model import Diagnostic
from .diagnostics.registry import CODES
from .diagnostics.span import Span

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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [CODES["F005"].at(here, offset=nul)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if _looks_cp874(data):
            return None, [CODES["F003"].at(here, name=name)]
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return None, [CODES["F008"].at(Span.point(shown, line, column), byte=f"{data[e.start]:02X}")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _control_heavy(text):
        return None, [CODES["F005"].at(here, offset=0)]
    diags = [CODES["F006"].at(here)] if not text.strip() else []
    return text, diags


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: every other byte is zero (ASCII) or
    0x0E (Thai, U+0E00–U+0E7F)."""
    sample = data[:400]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    for half in (evens, odds):
        share = sum(1 for b in half if b in (0x00, 0x0E)) / max(1, len(half))
        if share > 0.9:
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


def _control_heavy(text: str) -> bool:
    sample = text[:2000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f")
    return controls > max(3, len(sample) // 100)


def read_file(path: Path, shown: str | None = None) -> tuple[SourceFile | None, list[Diagnostic]]:
    shown = shown or display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [CODES["F007"].at(Span.whole_file(shown), size=f"{size / 1048576:.1f}",
                                           limit=MAX_BYTES // 1048576)]
        data = path.read_bytes()
    except OSError as e:
        return None, [CODES["F009"].at(Span.whole_file(shown), path=shown, reason=e.strerror or str(e))]
    text, diags = decode(data, shown)
    return (SourceFile(shown, text) if text is not None else None), diags


def collect(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The .kpi files named or found under ``paths`` (folders recursively), in a
    stable order, and a diagnostic for each path that yields none."""
    files: list[Path] = []
    diags: list[Diagnostic] = []
    for path in paths:
        shown = display_path(path)
        if not path.exists():
            diags.append(CODES["F001"].at(None, path=shown))
        elif path.is_dir():
            found = sorted(p for p in path.rglob(f"*{RULE_SUFFIX}") if p.is_file())
            if not found:
                diags.append(CODES["F002"].at(None, path=shown))
            files.extend(found)
        else:
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, diags
