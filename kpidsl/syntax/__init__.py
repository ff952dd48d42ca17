"""The syntax layer: grammar, statement tree, lowering to the rule AST."""

from __future__ import annotations

import importlib

# Where the layer's functions live, loaded when first asked for: the parser loads lark and
# its grammar, which a program that only reads a plan (a worker of `score --jobs`,
# kpidsl/score/parts.py) has no need of, though it spells keywords (kpidsl/syntax/keywords.py).
# The lowering function is kpidsl.syntax.lower.lower (``lower`` here is its package).
_FROM = {"parse_source": "read", "parse_uncached": "read", "parse_and_lower": "read", "parse": "parser"}


def __getattr__(name: str):
    if name in _FROM:
        return getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["parse", "parse_and_lower", "parse_source", "parse_uncached"]
