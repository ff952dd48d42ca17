"""Where the grammar is: read by the parser (kpidsl/syntax/parser.py) and hashed into the
parse cache's key (kpidsl/syntax/cache.py), so neither imports the other for it."""

from __future__ import annotations

from pathlib import Path


def grammar_path() -> Path:
    """grammar/kpi.lark: inside the installed package, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "grammar" / "kpi.lark", package.parent / "grammar" / "kpi.lark"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("grammar/kpi.lark is missing from the kpidsl installation")
