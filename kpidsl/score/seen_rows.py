"""The evaluations a results file has given so far, to tell one given twice.

It is the one thing a reader keeps for every row, so it is kept small: each
(agreement, person, round) is a 96-bit digest in an open-addressing table of arrays
(16 bytes a slot, at most 3/4 full) with the line it was first given on; a dict of the
texts would take about 300 bytes a row. Two different evaluations share a digest with
a chance of about n² / 2⁹⁷ (for a million rows, 1 in 10¹⁶).
"""

from __future__ import annotations

from array import array
from hashlib import blake2b

_FIRST_SLOTS = 1024


def row_key(agreement: str, person: str | None, round_: str | None) -> int:
    """An evaluation's identity as a 96-bit number."""
    digest = blake2b(repr((agreement, person, round_)).encode("utf-8"), digest_size=12).digest()
    return int.from_bytes(digest, "little")


class SeenRows:
    """``get(key)``: the line an evaluation was first given on, or None; ``add(key, line)``."""

    __slots__ = ("count", "mask", "high", "low", "lines")

    def __init__(self) -> None:
        self.count = 0
        self._allocate(_FIRST_SLOTS)

    def _allocate(self, slots: int) -> None:
        self.mask = slots - 1
        self.high = array("Q", bytes(8 * slots))
        self.low = array("I", bytes(array("I").itemsize * slots))
        self.lines = array("I", bytes(array("I").itemsize * slots))  # 0: an empty slot (lines count from 1)

    def _slot(self, key: int) -> int:
        high, low = key >> 32, key & 0xFFFFFFFF
        highs, lows, lines, mask = self.high, self.low, self.lines, self.mask
        i = high & mask
        while lines[i] and (highs[i] != high or lows[i] != low):
            i = (i + 1) & mask
        return i

    def get(self, key: int) -> int | None:
        return self.lines[self._slot(key)] or None

    def __contains__(self, key: int) -> bool:
        return self.lines[self._slot(key)] != 0

    def add(self, key: int, line: int) -> None:
        """Remember the first line of ``key`` (a later one is not kept)."""
        i = self._slot(key)
        if self.lines[i]:
            return
        self.high[i], self.low[i], self.lines[i] = key >> 32, key & 0xFFFFFFFF, max(line, 1)
        self.count += 1
        if self.count * 4 > (self.mask + 1) * 3:
            self._grow()

    def _grow(self) -> None:
        highs, lows, lines = self.high, self.low, self.lines
        self._allocate(2 * (self.mask + 1))
        self.count = 0
        for high, low, line in zip(highs, lows, lines):
            if line:
                self.add((high << 32) | low, line)

    def __len__(self) -> int:
        return self.count
