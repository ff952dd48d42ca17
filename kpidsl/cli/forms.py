"""The form commands: render and build (issue D)."""

from __future__ import annotations

from .common import main  # noqa: F401
