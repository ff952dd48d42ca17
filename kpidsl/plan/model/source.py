"""Where a plan value comes from: the rule file line (``source``); seed citations are
kept beside it as text (``citation``) by each class that has one."""

from __future__ import annotations

import attrs

from .fields import Field


@attrs.frozen
class Source:
    """A path relative to the rule-set folder, and a line."""

    path: str
    line: int

    @classmethod
    def read(cls, f: Field) -> "Source":
        o = f.obj("path", "line")
        return cls(o["path"].id(), o["line"].integer(low=1))

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line}

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def read_source(f: Field) -> Source | None:
    """A source or null."""
    return f.maybe(Source.read)


def source_json(source: Source | None) -> dict | None:
    return None if source is None else source.to_json()
