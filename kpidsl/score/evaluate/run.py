"""What one evaluation records as it goes: what the results lack, what is wrong, and
(when asked for) the trace of every rule applied."""

from __future__ import annotations

from .trace import Lacking


class Run:
    __slots__ = ("missing", "problems", "trace")

    def __init__(self, traced: bool = False):
        self.missing: list[Lacking] = []
        self.problems: list = []
        # per node index: its NodeTrace; then "total", "penalty", "band", "amount"
        self.trace: dict | None = {} if traced else None

    def lack(self, node, what: str, detail=None) -> None:
        self.missing.append(Lacking(node, what, detail))

    @property
    def clean(self) -> bool:
        return not self.missing and not self.problems
