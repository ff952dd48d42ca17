"""Diagnostics: the registry of codes, located problems, and their output formats."""

from .model import Diagnostic
from .registry import CODES, ERROR, WARNING, Bi, Code
from .span import Span

__all__ = ["Bi", "CODES", "Code", "Diagnostic", "ERROR", "Span", "WARNING"]
