"""The evaluations a results file has given so far, to tell one given twice.

Two ways. ``MaybeSeenRows`` (a CSV file scored by `kpidsl score`): the rows' keys (hashes
narrowed to 44 bits) kept in arrays, 4 bytes a row, and asked once at the end which were
given twice; past KEPT_KEYS rows, a fixed-size Bloom filter of 16 MiB
whatever the number of rows (memory flat in the number of rows), which keeps the keys it
says "maybe seen" with their lines. Those suspects are confirmed, and their first line
found, by a second pass over the file (kpidsl/score/results/, ``csv_identities``). A CSV is
always a named file there, so it can be read again; a stream that cannot be (none is read
today) would need ``SeenRows``.
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
from collections import deque
from itertools import repeat
from operator import and_, call, rshift

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


# A file's keys are kept themselves, up to KEPT_KEYS (8 MB). The first SET_KEYS in a set: a
# run's keys checked against it in C as they come (isdisjoint, then |=), their duplicates
# told with their lines; about 8 MB at most. Past SET_KEYS the keys move to arrays, asked
# once, at the end, which were given twice: a key narrowed to its low SHORT_BITS (44) bits,
# kept as 32 bits in one of 4,096 arrays chosen by its low 12 (a run's keys sorted into them
# by C-level maps, a few more instructions a key than the set; 4 bytes a key, where the set
# takes 60-80: memory flat within 1.3 times from 100,000 rows to 1.6 million). Two
# evaluations share a narrowed key with a chance of about n² / 2⁴⁵ (0.005 at 400,000 rows,
# 0.07 at 1.6 million): a suspect the second pass tells apart by the identity, over the whole
# file. Past KEPT_KEYS (a CSV of more than two million rows) the keys move to the Bloom filter,
# which holds any number in 16 MiB. The filter's loop costs 0.8 us a key alone and about 2 us
# among a run's other work (its 16 MiB miss the cache): at 400,000 rows it was a fifth of a
# run (benchmarks/bench_score.py).
KEPT_KEYS = 2_000_000
SET_KEYS = 1 << 17
SHORT_BITS = 44
SHORT = (1 << SHORT_BITS) - 1
_GROUP_BITS = 12


def mixed(short: int) -> int:
    """A narrowed key's 44 bits spread over 64 (the filter chooses its words and bits by
    bits up to 59): Python's hash of a 1-tuple, a mixing of its bits in C."""
    return hash((short,))


def twice_among(groups: list[array]) -> set[int]:
    """The narrowed keys found more than once in ``groups`` (4,096 arrays: in array g, each
    key's bits 12-43, its bits 0-11 being g), which are emptied as they are read."""
    twice: set[int] = set()
    for g, group in enumerate(groups):
        if len(set(group)) < len(group):  # rare: a key given twice (or two that share 44 bits)
            met: set[int] = set()
            for word in group:
                if word in met:
                    twice.add(word << _GROUP_BITS | g)
                met.add(word)
        groups[g] = None
    groups.clear()
    return twice


class MaybeSeenRows:
    """The keys of a file's rows, kept so that memory stays flat in the rows: ``add(key,
    line)`` never answers at once (``get`` is always None, ``in`` always False, so each row
    is read as a first). Once every row is added, ``suspects`` are the narrowed keys (SHORT)
    it may have met before, with the lines they were met again at where known, for
    ``confirm`` to tell which are real duplicates. ``key`` makes a row's key. The keys are
    kept themselves: in a set (SET_KEYS; its suspects with their lines), then in arrays
    (KEPT_KEYS; their suspects the keys given twice, lines not known); or, past that many or
    given ``bits``, in a Bloom filter of ``bits`` (16 MiB)."""

    __slots__ = ("bits", "words", "mask", "found", "exact", "kept", "appends", "kept_count", "asked")

    key = staticmethod(identity_key)

    def __init__(self, bits: int | None = None) -> None:
        self.found: dict[int, list[int]] = {}  # the set's and filter's suspects: the lines met again at (0: not known)
        self.exact: set[int] | None = None
        self.kept: list[array] | None = None
        self.kept_count = 0
        self.asked: dict[int, list[int]] | None = None
        self.words = None
        if bits is None and KEPT_KEYS > 0:
            self.exact = set()
        else:
            self._make_filter(bits)

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
        if self.exact is not None or self.kept is not None:
            keys = keys if type(keys) in (list, array) else list(keys)
            if self.exact is not None:
                self._add_exact(keys, lines)
            else:
                self._add_kept(keys)
            self.kept_count += len(keys)
            if self.kept_count > KEPT_KEYS:
                self._to_filter()
            return
        if self.words is None:
            raise RuntimeError("a key added after the suspects were asked")
        words, mask, found, bit, pair = self.words, self.mask, self.found, _BIT, _BIT_PAIR
        for key, line in zip(keys, lines):
            short = key & SHORT
            key = mixed(short)
            # Two words, each chosen by bits of the key that do not choose its three bits
            # (the key mixed: every bit of it as random as the next): bits 42-47, 48-53
            # and 54-59 in the first, 0-5, 6-11 and 12-17 in the second.
            i, j = key & mask, key >> 21 & mask
            m = pair[key >> 42 & 4095] | bit[key >> 54 & 63]
            n = pair[key & 4095] | bit[key >> 12 & 63]
            a = words[i]
            if a & m == m and words[j] & n == n:
                found.setdefault(short, []).append(line)
                continue
            words[i] = a | m
            words[j] |= n

    def _add_exact(self, keys, lines) -> None:
        """add_all of keys kept in the set: a run of keys none of which was met before, nor
        twice in the run, is taken in C; any other, key by key. Past SET_KEYS, the arrays."""
        exact = self.exact
        new = set(keys)
        if len(new) == len(keys) and exact.isdisjoint(new):
            exact |= new
        else:
            found = self.found
            for key, line in zip(keys, lines):
                if key in exact:
                    found.setdefault(key & SHORT, []).append(line)
                else:
                    exact.add(key)
        if len(exact) > SET_KEYS:
            self.exact = None
            self.kept = [array("I") for _ in range(1 << _GROUP_BITS)]
            self.appends = [group.append for group in self.kept]
            self._add_kept(exact)  # each once: the duplicates among them are told already

    def _add_kept(self, keys) -> None:
        """Each key's bits 12-43 appended to the array of its bits 0-11, in C (the operator
        module's functions: a third cheaper than bound methods such as (4095).__and__);
        ``keys`` is read twice."""
        groups = map(and_, keys, repeat((1 << _GROUP_BITS) - 1))
        words = map(and_, map(rshift, keys, repeat(_GROUP_BITS)), repeat(0xFFFFFFFF))
        deque(map(call, map(self.appends.__getitem__, groups), words), maxlen=0)

    def _to_filter(self) -> None:
        """More keys than KEPT_KEYS: those kept go into the filter (an array at a time, each
        let go once in), the ones it takes for met before suspects whose lines are not known."""
        exact, kept, self.exact, self.kept, self.appends = self.exact, self.kept, None, None, None
        self._make_filter(None)
        if exact is not None:
            self.add_all(exact, repeat(0))
        for g, group in enumerate(kept or ()):
            kept[g] = None
            self.add_all([word << _GROUP_BITS | g for word in group], repeat(0))

    @property
    def suspects(self) -> dict[int, list[int]]:
        """The keys that may have been met before, each with the lines it was met again at
        (empty, or 0, where not known): asked once every row is added."""
        if self.asked is None:
            asked = self.found
            self.exact = None
            if self.kept is not None:
                kept, self.kept, self.appends = self.kept, None, None
                for key in twice_among(kept):
                    # met again among the arrays, at a line not known (none, or 0 beside the
                    # line the set met it again at: else confirmed read no further than that
                    # line, and a row given again past SET_KEYS rows went untold)
                    lines = asked.setdefault(key, [])
                    if lines:
                        lines.append(0)
            self.asked = asked
        return self.asked

    def suspect_lines(self) -> set[int] | None:
        """The lines the suspects were met again at, or None when some are not known (a key
        kept given twice): then confirmed reads every line."""
        suspects = self.suspects
        if any(not found or 0 in found for found in suspects.values()):
            return None
        return {line for found in suspects.values() for line in found}

    def confirm(self, rows) -> list[tuple[int, int, tuple]]:
        """The rows given twice, as (line, first line, identity), by line: ``rows`` gives
        (key, line, identity) for every row of the file again, in order (confirmed)."""
        if not self.suspects:
            return []
        return confirmed(self.suspects, self.suspect_lines(), rows)


def confirmed(keys, lines: set[int] | None, rows) -> list[tuple[int, int, tuple]]:
    """The rows given twice among the suspects of a MaybeSeenRows (``keys``: their narrowed keys;
    ``lines``: the lines they were met again at, None when not known), as (line, first line,
    identity), by line; ``rows`` gives (key, line, identity) for every row of the file again,
    in order. The identities are compared, not the keys: two evaluations that share a key are
    not one. With ``lines``, ``rows`` is read no further than the last of them: a row after
    it is no suspect, and no suspect's first (a duplicate near the top of a big file costs
    only its top)."""
    firsts: dict[tuple, int] = {}
    out = []
    last = max(lines, default=0) if lines is not None else None
    for key, line, identity in rows:
        if last is not None and line > last:
            break
        if key & SHORT in keys:
            first = firsts.setdefault(identity, line)
            if first != line and (lines is None or line in lines):
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
