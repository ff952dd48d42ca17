"""File names made from what rule sets and results files say (agreement ids, people's
names), and the check every output name passes before anything is written.

An id may be any length and hold any character a rule file allows; a file name may
not: at most 255 bytes a component on ext4, APFS and NTFS, no separators, no
characters Windows refuses, no device names such as CON. :func:`safe_name` turns
any text into a name that is all of that, deterministically (the same id always
gives the same name, so rebuilds and links agree); a name it had to shorten ends
in a hash of the whole text so that two long ids stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .diagnostics.phrases import phrase
from .diagnostics.registry import Bi

# A name made from an id leaves room, within the 255-byte limit, for a form's
# prefix and suffix ("score-report-…-filled.html") and for the writer's temp names.
SAFE_BYTES = 120
MAX_COMPONENT_BYTES = 255
MAX_RELATIVE_BYTES = 1024
RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                      *(f"LPT{i}" for i in range(1, 10))})
UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def _reserved(name: str) -> bool:
    return name.split(".", 1)[0].upper() in RESERVED


# Characters a file manager does not show as themselves: C1 controls, and format characters
# (a bidi override turns `\u202efdp..exe.html` into what reads `lmth.exe..pdf`; a zero-width
# space or byte-order mark makes a name no one can type). Each is a blank, as a space is.
_UNSEEN = ("Cc", "Cf")


def _seen(text: str) -> str:
    return "".join(" " if unicodedata.category(ch) in _UNSEEN else ch for ch in text)


def safe_name(text: str, fallback: str = "results") -> str:
    """A label usable as a file name on every system; Thai letters are kept."""
    cleaned = UNSAFE.sub("-", _seen(text).strip()).strip("-.") or fallback
    if _reserved(cleaned):
        cleaned += "_"
    raw = cleaned.encode("utf-8")
    if len(raw) > SAFE_BYTES:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        cut = raw[:SAFE_BYTES - len(digest) - 1].decode("utf-8", "ignore").rstrip("-.")
        cleaned = f"{cut}-{digest}"
    return cleaned


def name_problem(rel: str) -> Bi | None:
    """Why ``rel`` (a relative output path, parts joined by "/") cannot be written, or None."""
    if not rel or rel.startswith("/"):
        return phrase("not-a-relative-path")
    if len(rel.encode("utf-8")) > MAX_RELATIVE_BYTES:
        return phrase("longer-than-bytes", limit=MAX_RELATIVE_BYTES)
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return phrase("not-a-name", part=part)
        if len(part.encode("utf-8")) > MAX_COMPONENT_BYTES:
            return phrase("part-longer-than-bytes", limit=MAX_COMPONENT_BYTES)
        if _FORBIDDEN.search(part):
            return phrase("forbidden-character")
        if _reserved(part):
            return phrase("windows-device-name", part=part)
    return None
