"""The evaluations a results file has given so far, to tell one given twice.

Two ways. ``MaybeSeenRows`` (a CSV file scored by `kpidsl score`): a fixed-size Bloom
filter of the rows' keys, 32 MiB whatever the number of rows (memory flat in the number
of rows), and the few keys it says "maybe seen" kept with their lines; those are
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


# 2²⁸ bits (32 MiB) as 2²² words of 64 bits; a key sets twelve bits in one word (a blocked
# filter: one word read a key), chosen by two look-ups in WORD_BITS (bits 22-33 and 34-45 of the
# key; bits 0-21 choose the word). Twelve bits in one word, not three in each of two: half
# the work a key (benchmarks/bench_score.py). The chance that a key is "maybe seen" without
# being so (benchmarks/seen_rows_rate.py works it out; its figures are checked there by
# simulation): at 100,000 rows one in 2·10⁹, at 400,000 one in 6·10⁷, at 1.6 million
# one in 10⁶ (then about 2 suspects a file: only a second pass over the file finds which),
# at 10 million rows (a CSV of MAX_CSV_BYTES) one in 950. The filter it replaced (16 MiB,
# three bits in each of two words) gave one in 7·10⁹, 1.5·10⁸, 10⁶ and 330.
_BLOOM_BITS = 1 << 28
_BIT = [1 << k for k in range(64)]  # a word's bit k, made once (a shift makes a new number each time)


def _six_bits(x: int) -> int:
    """Six bits of a word for the 12 bits ``x``, spread by a multiplicative hash (Fibonacci
    hashing: x times 2⁶⁴ / φ, its top 36 bits six bit numbers), the same in every process."""
    y = (x + 1) * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF
    return _BIT[y >> 28 & 63] | _BIT[y >> 34 & 63] | _BIT[y >> 40 & 63] | _BIT[y >> 46 & 63] \
        | _BIT[y >> 52 & 63] | _BIT[y >> 58 & 63]


# six of a key's twelve bits by 12 bits of it, made once: a look-up, not six shifts
WORD_BITS = [_six_bits(x) for x in range(1 << 12)]


def identity_key(agreement: str, person: str | None, round_: str | None) -> int:
    """An evaluation's identity as Python's hash of it: 64 bits, cheap. The same in every
    process of one hash seed (PYTHONHASHSEED): the `--jobs` workers, spawned with the seed
    of their run, hand their rows' keys to the process that made the parts
    (kpidsl/score/parts.py). So no None is hashed: on Python 3.11 hash(None) is None's
    address, another in each process; a blank person or round is "" here (person_given and
    round_given never give ""). A shared hash only makes a suspect, which the second pass
    tells apart by the identity itself."""
    return hash((agreement, person or "", round_ or ""))


class MaybeSeenRows:
    """The keys of a file's rows in a Bloom filter: ``add(key, line)`` never answers at
    once (``get`` is always None, ``in`` always False, so each row is read as a first);
    the keys it may have met before are kept in ``suspects`` with every line they were
    added at, for ``confirm`` to tell which are real duplicates. ``key`` makes a row's key."""

    __slots__ = ("bits", "words", "mask", "suspects")

    key = staticmethod(identity_key)

    def __init__(self, bits: int | None = None) -> None:
        bits = bits or _BLOOM_BITS
        self.bits = bytearray(max(bits, 64) >> 3)
        self.words = memoryview(self.bits).cast("Q")
        self.mask = len(self.words) - 1
        self.suspects: dict[int, list[int]] = {}

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
        words, mask, suspects, table = self.words, self.mask, self.suspects, WORD_BITS
        for key, line in zip(keys, lines):
            # The word by bits 0-21 of the key, its twelve bits by bits 22-45 (the key is a
            # hash: every bit of it as random as the next).
            i = key & mask
            m = table[key >> 22 & 4095] | table[key >> 34 & 4095]
            a = words[i]
            if a & m == m:
                suspects.setdefault(key, []).append(line)
                continue
            words[i] = a | m

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
    identities are compared, not the keys: two evaluations that share a key are not one."""
    firsts: dict[tuple, int] = {}
    out = []
    for key, line, identity in rows:
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
