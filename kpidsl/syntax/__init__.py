"""The syntax layer: grammar, statement tree, lowering to the rule AST."""

from __future__ import annotations

# The layer's functions, loaded when first asked for: the parser loads lark and its grammar,
# which a program that only reads a plan (a worker of `score --jobs`, kpidsl/score/parts.py)
# has no need of, though it spells keywords (kpidsl/syntax/keywords.py). The lowering
# function is kpidsl.syntax.lower.lower (``lower`` here is its package).
_READ = ("parse_source", "parse_uncached", "parse_and_lower")


def __getattr__(name: str):
    if name == "parse":
        from .parser import parse

        return parse
    if name in _READ:
        from . import read

        return getattr(read, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["parse", "parse_and_lower", "parse_source", "parse_uncached"]
