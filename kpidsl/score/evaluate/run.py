"""What one evaluation records as it goes: what the results lack, what is wrong, and
(when asked for) the trace of every rule applied."""

from __future__ import annotations

from .trace import Lacking


class Run:
    __slots__ = ("missing", "problems", "trace", "entries")

    def __init__(self, traced: bool = False, entries: dict | None = None):
        self.missing: list[Lacking] = []
        self.problems: list = []
        # per node index: its NodeTrace; then "total", "penalty", "band", "amount"
        self.trace: dict | None = {} if traced else None
        self.entries = entries  # node id → kpidsl.score.engine.Entry, for the results' locations

    def lack(self, node, what: str, detail=None) -> None:
        self.missing.append(Lacking(node, what, detail))

    def where(self, node_id: str) -> str | None:
        """Where the node's results were read (a file and line), if known."""
        entry = self.entries.get(node_id) if self.entries else None
        return entry.where if entry is not None else None

    @property
    def clean(self) -> bool:
        return not self.missing and not self.problems
