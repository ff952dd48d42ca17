"""A results file that cannot be opened, or read on, once a command has begun (gone, made a
link out of its folder, a read error): trouble with the file, not with what it says. It is
Q008 at the file, marked ``io``, and a command that meets one exits 2, as require_results
(kpidsl/cli/common.py) does for the same file before the run (ruff's exit codes: 1 the input
has errors, 2 the command could not do its work). Q008 is otherwise the content's (a line
past its limit, a text the csv module cannot read: exit 1), and other codes are marked
``io`` in the registry for what they say elsewhere (J003 of a file that is no workbook), so
a command asks stopped_reading, not ``io`` alone."""

from __future__ import annotations

import attrs

from .diagnostics.model import Diagnostic
from .diagnostics.registry import CODES
from .diagnostics.span import Span
from .regular_file import NotRegular
from .source import reason


def cannot_read(shown: str, e: OSError | NotRegular) -> Diagnostic:
    """Q008 at the whole file ``shown``, why ``e`` says, marked ``io``."""
    return attrs.evolve(CODES["Q008"].at(Span.whole_file(shown), reason=reason(e), hint="", hint_th=""), io=True)


def stopped_reading(diagnostic: Diagnostic) -> bool:
    """Whether ``diagnostic`` is cannot_read's: the command exits 2."""
    return diagnostic.io and diagnostic.code == "Q008"
