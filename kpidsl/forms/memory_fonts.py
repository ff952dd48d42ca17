"""The fonts a PDF form carries kept in memory, not in the system's temporary folder.

WeasyPrint gives Fontconfig each ``@font-face`` font of a page (the inline Sarabun of
kpidsl/forms/env.py ``font_css``) as a file: it makes a folder of the system's temporary
folder (weasyprint/text/fonts.py, ``FontConfiguration.add_font_face``), writes the font
there, and removes the folder when the configuration is collected — a write outside the
output the user named. The configuration made here has, in place of that folder, one
whose fonts are anonymous in-memory files (Linux memfd), named by their descriptors,
which Fontconfig and FreeType open as any file.

One in-memory file per distinct font, for the life of the process: Cairo keeps the
faces it has loaded by file name, so a name must always mean the same bytes (a closed
descriptor's number is given out again). Two fonts: some 200 kB.

Where there is no memfd, or WeasyPrint has moved its folder, WeasyPrint's own is used."""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache

_fonts: dict[str, str] = {}  # sha256 of a font's bytes -> the name of its in-memory file
_lock = threading.Lock()


def _named(font: bytes) -> str:
    """``/proc/self/fd/N``, an in-memory file holding ``font`` (the same one for the same bytes)."""
    key = hashlib.sha256(font).hexdigest()
    with _lock:
        if key not in _fonts:
            fd = os.memfd_create("kpidsl-font", getattr(os, "MFD_CLOEXEC", 0))
            os.write(fd, font)  # a memfd takes the whole write at once
            _fonts[key] = f"/proc/self/fd/{fd}"
        return _fonts[key]


class _MemoryFont:
    """What WeasyPrint's ``add_font_face`` does with a path in its folder: asks whether it
    exists, writes the font's bytes, and gives Fontconfig its name."""

    def __init__(self) -> None:
        self.name: str | None = None

    def exists(self) -> bool:
        return False  # each configuration registers its fonts with its own Fontconfig

    def write_bytes(self, font: bytes) -> int:
        self.name = _named(font)
        return len(font)

    def as_posix(self) -> str:
        if self.name is None:
            raise ValueError("a font is named only once written")
        return self.name


class _MemoryFolder:
    def __truediv__(self, name: str) -> _MemoryFont:
        return _MemoryFont()


def font_config():
    """A WeasyPrint FontConfiguration whose ``@font-face`` fonts are in memory, or None
    (WeasyPrint then makes its own, with its temporary folder)."""
    kind = _configuration()
    return kind() if kind is not None else None


@lru_cache(maxsize=1)
def _configuration():
    if not (hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")):
        return None
    try:  # WeasyPrint's own module (its folder is not public): without it, WeasyPrint as it is
        from weasyprint.text.fonts import FontConfiguration
    except ImportError:  # pragma: no cover - a WeasyPrint that moved it
        return None
    if "_folder" not in vars(FontConfiguration) or not hasattr(FontConfiguration, "add_font_face"):
        return None  # pragma: no cover - a WeasyPrint whose folder is no longer this attribute

    class InMemoryFonts(FontConfiguration):
        def __init__(self) -> None:
            super().__init__()
            self._folder = _MemoryFolder()

        def __del__(self) -> None:
            self._folder = None  # nothing on disk for WeasyPrint to remove

    return InMemoryFonts
