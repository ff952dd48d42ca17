"""The year-over-year commands: fmt, diff and new-year (issue E)."""

from __future__ import annotations

from .common import main  # noqa: F401
