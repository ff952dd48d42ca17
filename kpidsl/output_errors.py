"""A write refused or failed: the error every output writer raises, holding a located O-code
diagnostic that the command group shows with exit 2 (kpidsl/files.py, kpidsl/output_links.py,
kpidsl/output_folder.py raise it)."""

from __future__ import annotations

from pathlib import Path

from .diagnostics.model import Diagnostic
from .diagnostics.registry import CODES
from .diagnostics.span import Span


class OutputError(Exception):
    """Writing failed or was refused; ``diagnostic`` says where and why (exit 2)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message_en)
        self.diagnostic = diagnostic


def refused(code: str, path: Path | str, **fields) -> OutputError:
    """An O-code diagnostic located at ``path``, raised by the caller."""
    return OutputError(CODES[code].at(Span.whole_file(str(path)), path=str(path), **fields))
