"""The kpidsl command line.

Exit codes, as ruff's: 0 nothing wrong (warnings allowed), 1 the input has
errors, 2 usage or I/O trouble (a bad option, a missing path, a folder without
rule files, an unreadable file) or an internal error.
"""

from . import commands, diff, forms, lsp, mutate, sql, workbook, years  # noqa: F401  (each registers its commands on main)
from .common import EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, main

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_TROUBLE", "main"]
