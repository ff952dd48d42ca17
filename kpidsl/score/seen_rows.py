"""The evaluations a results file has given so far, to tell one given twice.

Two ways. ``MaybeSeenRows`` (a CSV file scored by `kpidsl score`): a fixed-size Bloom
filter of the rows' keys, 16 MiB whatever the number of rows (memory flat in the number
of rows; a file of at most EXACT_ROWS rows keeps the keys themselves instead, in less),
and the few keys it says "maybe seen" kept with their lines; those are
confirmed, and their first line found, by a second pass over the file
(kpidsl/score/results/, ``csv_identities``). A CSV is always a named file there, so it
can be read again; a stream that cannot be (none is read today) would need ``SeenRows``.
A CSV cut into parts (`score --jobs`, kpidsl/score/parts.py): each worker keeps its part's
keys (``PartKeys``) and the process that made the parts adds them to the file's one
MaybeSeenRows in file order; only when it has suspects is the file read again, by a worker.
``SeenRows`` (JSON files, workbooks, and every other reader of results): exact, and
tells a row given twice at once.

``SeenRows`` keeps something for every row, so it is kept small: each
(agreement, person, round) is a 96-bit digest in an open-addressing table of arrays
(16 bytes a slot, at most 3/4 full) with the line it was first given on; a dict of the
texts would take about 300 bytes a row. Two different evaluations share a digest with
a chance of about n² / 2⁹⁷ (for a million rows, 1 in 10¹⁶).
"""

from __future__ import annotations

from array import array
from hashlib import blake2b
from itertools import repeat

_FIRST_SLOTS = 1024


def row_key(agreement: str, person: str | None, round_: str | None) -> int:
    """An evaluation's identity as a 96-bit number."""
    digest = blake2b(repr((agreement, person, round_)).encode("utf-8"), digest_size=12).digest()
    return int.from_bytes(digest, "little")


class SeenRows:
    """``get(key)``: the line an evaluation was first given on, or None; ``add(key, line)``;
    ``key`` makes a row's key (row_key: the same key is the same evaluation)."""

    __slots__ = ("count", "mask", "high", "low", "lines")

    key = staticmethod(row_key)

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

    def adder(self):
        return self.add

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


# 2²⁷ bits (16 MiB) as 2²¹ words of 64 bits; a key sets three bits in each of two words
# (a blocked filter: two word reads a key, not six byte reads). A key is "maybe seen"
# without being so about once in 6.9·10⁹ at 100,000 rows, 1.5·10⁸ at 400,000, 10⁶ at 1.6
# million and 330 at 10 million (a CSV of MAX_CSV_BYTES), worked out by the words' Poisson
# fill and checked by simulation within 7 %. The rate grows as the filter fills: over a
# file of 1.6 million distinct rows 0.32 suspects are expected (a second pass in about a
# quarter of runs; 3 of 12 simulated), and the second pass (confirmed) reads up to the last.
_BLOOM_BITS = 1 << 27
_BIT = [1 << k for k in range(64)]  # a word's bit k, made once (a shift makes a new number each time)
# bits x & 63 and x >> 6 & 63 of a word together, by the 12 bits x: two of a key's three bits in
# one look-up (the same bits as one at a time, a third fewer operations a key)
_BIT_PAIR = [_BIT[x & 63] | _BIT[x >> 6 & 63] for x in range(1 << 12)]


def identity_key(agreement: str, person: str | None, round_: str | None) -> int:
    """An evaluation's identity as Python's hash of it: 64 bits, cheap. The same in every
    process of one hash seed (PYTHONHASHSEED): the `--jobs` workers, spawned with the seed
    of their run, hand their rows' keys to the process that made the parts
    (kpidsl/score/parts.py). So no None is hashed: on Python 3.11 hash(None) is None's
    address, another in each process; a blank person or round is "" here (person_given and
    round_given never give ""). A shared hash only makes a suspect, which the second pass
    tells apart by the identity itself."""
    return hash((agreement, person or "", round_ or ""))


# A file of at most this many rows keeps its rows' keys themselves (a set, in C: about 78
# bytes a key, 15.5 MB at 200,000 keys and 18.2 MB while the set last grows, about the
# filter's 16 MiB), not the filter (a loop in Python a key, about 0.8 us, a third of it
# cache misses in 16 MiB): its only suspects are keys met before (a duplicate, or two
# evaluations whose 64-bit hashes meet).
EXACT_ROWS = 200_000


def rows_at_most(f, limit: int) -> int | None:
    """How many rows the binary file ``f`` can hold at most (its line ends, LF and CR each
    counted, plus one), read from the start in blocks; None once past ``limit``. ``f`` is
    left at its start."""
    count = 1
    block = bytearray(1 << 16)  # one block read into again and again: no fresh memory a block
    f.seek(0)
    try:
        while count <= limit:
            size = f.readinto(block)
            if not size:
                return count
            count += block.count(b"\n", 0, size)
            if block.find(b"\r", 0, size) >= 0:  # rare: a line ended by CR (alone or before LF)
                count += block.count(b"\r", 0, size)
        return None
    finally:
        f.seek(0)


class MaybeSeenRows:
    """The keys of a file's rows, kept so that memory stays flat in the rows: ``add(key,
    line)`` never answers at once (``get`` is always None, ``in`` always False, so each row
    is read as a first); the keys it may have met before are kept in ``suspects`` with every
    line they were added at, for ``confirm`` to tell which are real duplicates. ``key`` makes
    a row's key. A file known to hold at most EXACT_ROWS rows (``rows_at_most``) keeps its
    keys in a set; any other, in a Bloom filter of ``bits`` (16 MiB)."""

    __slots__ = ("bits", "words", "mask", "suspects", "exact")

    key = staticmethod(identity_key)

    def __init__(self, bits: int | None = None, rows_at_most: int | None = None) -> None:
        self.suspects: dict[int, list[int]] = {}
        self.exact: set[int] | None = None
        if bits is None and rows_at_most is not None and rows_at_most <= EXACT_ROWS:
            self.exact = set()
        else:
            self._make_filter(bits)

    @classmethod
    def of_file(cls, f) -> "MaybeSeenRows":
        """For the rows of the binary file ``f`` (read for its line ends when it may hold few
        enough rows to keep their keys; left at its start)."""
        return cls(rows_at_most=rows_at_most(f, EXACT_ROWS))

    def _make_filter(self, bits: int | None) -> None:
        bits = bits or _BLOOM_BITS
        self.bits = bytearray(max(bits, 64) >> 3)
        self.words = memoryview(self.bits).cast("Q")
        self.mask = len(self.words) - 1

    def __contains__(self, key: int) -> bool:
        return False

    def get(self, key: int) -> int | None:
        return None

    def add(self, key: int, line: int) -> None:
        self.add_all((key,), (line,))

    def adder(self):
        """``add`` as a function of its own (the rows taken one at a time add a key each)."""
        add_all = self.add_all
        return lambda key, line: add_all((key,), (line,))

    def add_all(self, keys, lines) -> None:
        """``add`` of each key with its line, in order: the keys of a run of rows in one loop,
        the filter at hand (the only place a key's bits are chosen)."""
        if self.exact is not None:
            self._add_exact(keys if type(keys) is list else list(keys), lines)
            return
        words, mask, suspects, bit, pair = self.words, self.mask, self.suspects, _BIT, _BIT_PAIR
        for key, line in zip(keys, lines):
            # Two words, each chosen by bits of the key that do not choose its three bits
            # (the key is a hash: every bit of it as random as the next): bits 42-47, 48-53
            # and 54-59 in the first, 0-5, 6-11 and 12-17 in the second.
            i, j = key & mask, key >> 21 & mask
            m = pair[key >> 42 & 4095] | bit[key >> 54 & 63]
            n = pair[key & 4095] | bit[key >> 12 & 63]
            a = words[i]
            if a & m == m and words[j] & n == n:
                suspects.setdefault(key, []).append(line)
                continue
            words[i] = a | m
            words[j] |= n

    def _add_exact(self, keys: list[int], lines) -> None:
        """add_all of keys kept themselves: a run of keys none of which was met before, nor
        twice in the run, is taken in C; any other, key by key."""
        exact = self.exact
        new = set(keys)
        if len(new) == len(keys) and exact.isdisjoint(new):
            exact |= new
        else:
            suspects = self.suspects
            for key, line in zip(keys, lines):
                if key in exact:
                    suspects.setdefault(key, []).append(line)
                else:
                    exact.add(key)
        if len(exact) > EXACT_ROWS:  # more rows than the file was said to hold: the filter
            self.exact = None
            self._make_filter(None)
            found, self.suspects = self.suspects, {}
            self.add_all(list(exact), repeat(0))  # the keys met so far, no suspects of their own
            self.suspects = found

    def confirm(self, rows) -> list[tuple[int, int, tuple]]:
        """The rows given twice, as (line, first line, identity), by line: ``rows`` gives
        (key, line, identity) for every row of the file again, in order (confirmed)."""
        if not self.suspects:
            return []
        return confirmed(self.suspects, {line for found in self.suspects.values() for line in found}, rows)


def confirmed(keys, lines: set[int], rows) -> list[tuple[int, int, tuple]]:
    """The rows given twice among the suspects of a MaybeSeenRows (``keys``: their keys;
    ``lines``: the lines they were added at), as (line, first line, identity), by line;
    ``rows`` gives (key, line, identity) for every row of the file again, in order. The
    identities are compared, not the keys: two evaluations that share a key are not one.
    ``rows`` is read no further than the last of ``lines``: a row after it is no suspect,
    and no suspect's first (a duplicate near the top of a big file costs only its top)."""
    firsts: dict[tuple, int] = {}
    out = []
    last = max(lines, default=0)
    for key, line, identity in rows:
        if line > last:
            break
        if key in keys:
            first = firsts.setdefault(identity, line)
            if line in lines and first != line:
                out.append((line, first, identity))
    return sorted(out)


class PartKeys:
    """The keys of a Part's rows, kept in order (a part of a CSV file scored by a `--jobs`
    worker): nothing is told here (``get`` is always None, ``in`` always False); the worker
    hands ``keys`` and ``lines`` back, and the process that made the parts adds them to the
    file's MaybeSeenRows, part after part in file order (kpidsl/score/parts.py). Two
    compact arrays: 12 bytes a row, a part at a time."""

    __slots__ = ("keys", "lines")

    key = staticmethod(identity_key)

    def __init__(self) -> None:
        self.keys = array("q")
        self.lines = array("I")

    def __contains__(self, key: int) -> bool:
        return False

    def get(self, key: int) -> int | None:
        return None

    def add(self, key: int, line: int) -> None:
        self.keys.append(key)
        self.lines.append(line)

    def adder(self):
        return self.add

    def add_all(self, keys, lines) -> None:
        self.keys.extend(keys)
        self.lines.extend(lines)
