"""The table of evaluations met so far (kpidsl/score/seen_rows.py) answers as a dict would."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.score import seen_rows
from kpidsl.score.seen_rows import MaybeSeenRows, SeenRows, row_key

rows = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.one_of(st.none(), st.text(max_size=4)),
                          st.one_of(st.none(), st.sampled_from(["1", "2"]))), max_size=3000)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_first_lines_as_a_dict_keeps_them(given_rows):
    seen, model = SeenRows(), {}
    for line, row in enumerate(given_rows, start=1):
        key = row_key(*row)
        assert seen.get(key) == model.get(row)
        assert (key in seen) == (row in model)
        seen.add(key, line)
        model.setdefault(row, line)
    assert len(seen) == len(model)
    assert all(seen.get(row_key(*row)) == line for row, line in model.items())


def test_it_grows_past_its_first_slots_and_tells_none_from_empty():
    seen = SeenRows()
    for n in range(10_000):
        seen.add(row_key("a", f"P{n}", None), n + 2)
    assert len(seen) == 10_000
    assert seen.get(row_key("a", "P9999", None)) == 10_001
    assert seen.get(row_key("a", "P9999", "1")) is None
    assert seen.get(row_key("a", None, None)) is None
    assert seen.get(row_key("a", "None", None)) is None
    # at most 3/4 full: 10,000 rows take 16,384 slots of 16 bytes (a dict of the texts: ~300 bytes a row)
    assert len(seen.high) == len(seen.low) == len(seen.lines) == 16_384
    assert seen.high.itemsize + seen.low.itemsize + seen.lines.itemsize == 16


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(2 ** 63), max_value=2 ** 63 - 1))
def test_a_key_sets_its_three_bits_in_each_of_its_two_words(key):
    # The false-suspect rate of MaybeSeenRows (its comment: one in 10^7 at 1.6 M rows) rests on
    # these bits of the key narrowed and mixed (seen_rows.mixed): word key & mask gets bits
    # 42-47, 48-53, 54-59 as bit numbers, word key >> 21 & mask gets bits 0-5, 6-11, 12-17
    # (Python's hash, so negative keys too).
    maybe = MaybeSeenRows(1 << 16)  # 1,024 words: the rule is the same at any size
    maybe.add_all([key], [7])
    mask, short = maybe.mask, key & seen_rows.SHORT
    spread = seen_rows.mixed(short)  # the narrowed key's bits spread over 64
    i, j = spread & mask, spread >> 21 & mask
    first = (1 << (spread >> 42 & 63)) | (1 << (spread >> 48 & 63)) | (1 << (spread >> 54 & 63))
    second = (1 << (spread & 63)) | (1 << (spread >> 6 & 63)) | (1 << (spread >> 12 & 63))
    expected = {i: first} if i != j else {i: first | second}
    if i != j:
        expected[j] = second
    assert {w: maybe.words[w] for w in expected} == expected
    assert sum(bin(w).count("1") for w in maybe.words) == sum(bin(w).count("1") for w in expected.values())
    assert not maybe.suspects
    maybe.add_all([key], [9])  # the same key again: a suspect, at its second line
    assert maybe.suspects == {short: [9]}


def test_the_second_pass_reads_no_further_than_the_last_suspect():
    # a duplicate near the top of a big file: the rows after it are neither suspects nor firsts
    maybe = MaybeSeenRows(bits=64 * 1024)
    ident = ("a", "p1", "1")
    for line, who in [(2, ident), (3, ("a", "p2", "1")), (4, ident), (5, ("a", "p3", "1"))]:
        maybe.add(hash(who), line)
    assert maybe.suspects == {hash(ident) & seen_rows.SHORT: [4]}
    read = []

    def rows():
        for line, who in [(2, ident), (3, ("a", "p2", "1")), (4, ident), (5, ("a", "p3", "1")),
                          (6, ("a", "p4", "1"))]:
            read.append(line)
            yield hash(who), line, who

    assert maybe.confirm(rows()) == [(4, 2, ident)]
    assert read == [2, 3, 4, 5]  # line 5 shows the pass is past the last suspect; 6 is never read


# The keys kept themselves (up to KEPT_KEYS): in a set (SET_KEYS), told as they come with
# their lines; then narrowed to 44 bits in arrays, asked at the end which were given twice.

KEYS = st.lists(st.integers(min_value=-(2 ** 63), max_value=2 ** 63 - 1) | st.integers(min_value=0, max_value=40)
                | st.sampled_from([5, 5 + (1 << 44), -(1 << 63) + 5, 5 + (1 << 12)]), max_size=300)


def _added(maybe: MaybeSeenRows, keys: list[int], run: int) -> None:
    for start in range(0, len(keys), run):  # in runs, as a batch adds them
        part = keys[start:start + run]
        maybe.add_all(iter(part), range(start + 2, start + 2 + len(part)))


@settings(max_examples=80, deadline=None)
@given(KEYS, st.integers(min_value=1, max_value=7))
def test_keys_in_the_set_suspect_exactly_the_keys_met_before_at_their_lines(keys, run):
    maybe, met, expected = MaybeSeenRows(), set(), {}
    assert maybe.exact == set() and not hasattr(maybe, "bits")  # no 16 MiB filter
    _added(maybe, keys, run)
    for line, key in enumerate(keys, start=2):
        if key in met:  # the whole key: 5 and 5 + 2⁴⁴ are two
            expected.setdefault(key & seen_rows.SHORT, []).append(line)
        met.add(key)
    assert maybe.suspects == expected
    assert maybe.suspect_lines() == {line for lines in expected.values() for line in lines}
    assert maybe.exact is None  # asked once: the set is let go


@settings(max_examples=80, deadline=None)
@given(KEYS, st.integers(min_value=1, max_value=7))
def test_keys_in_arrays_suspect_exactly_the_narrowed_keys_given_twice(keys, run):
    saved = seen_rows.SET_KEYS
    seen_rows.SET_KEYS = -1  # past it at the first run: the arrays from then on
    try:
        maybe = MaybeSeenRows()
        maybe.add_all([], [])
        assert maybe.exact is None and maybe.kept is not None
        _added(maybe, keys, run)
    finally:
        seen_rows.SET_KEYS = saved
    narrowed = [key & seen_rows.SHORT for key in keys]  # 5 + 2⁴⁴ is 5; 5 + 2¹² is not
    twice = {key for key in narrowed if narrowed.count(key) > 1}
    assert maybe.suspects == {key: [] for key in twice}
    assert maybe.suspect_lines() == (None if twice else set())
    assert maybe.kept is None  # asked once: the arrays are let go


def test_the_set_moves_to_the_arrays_past_set_keys(monkeypatch):
    monkeypatch.setattr(seen_rows, "SET_KEYS", 3)
    maybe = MaybeSeenRows()
    maybe.add_all([1, 2, 1], [2, 3, 4])  # a duplicate met in the set: told with its line
    assert maybe.exact == {1, 2} and maybe.found == {1: [4]}
    maybe.add_all([3, 4], [5, 6])  # four keys: past SET_KEYS, into the arrays
    assert maybe.exact is None and sum(map(len, maybe.kept)) == 4
    maybe.add_all([2, 5], [7, 8])  # 2 again, met in the set before: found at the end
    assert maybe.suspects == {1: [4], 2: []}
    assert maybe.suspect_lines() is None


def test_twice_among_reads_a_key_as_its_array_and_its_32_bits():
    groups = [array("I") for _ in range(4096)]
    groups[5].extend([1, 2, 1])  # the key 1 << 12 | 5 twice
    groups[4095].extend([0xFFFFFFFF, 0xFFFFFFFF, 0])
    assert seen_rows.twice_among(groups) == {1 << 12 | 5, seen_rows.SHORT}
    assert groups == []


def test_a_key_added_after_the_suspects_were_asked_is_a_fault():
    maybe = MaybeSeenRows()
    maybe.add_all([1, 2], [2, 3])
    assert maybe.suspects == {}
    with pytest.raises(RuntimeError):
        maybe.add(3, 4)


@pytest.mark.parametrize("set_keys", [1 << 17, 1], ids=["from-the-set", "from-the-arrays"])
def test_more_keys_than_kept_go_to_the_filter(monkeypatch, set_keys):
    monkeypatch.setattr(seen_rows, "KEPT_KEYS", 5)
    monkeypatch.setattr(seen_rows, "SET_KEYS", set_keys)
    maybe = MaybeSeenRows()
    maybe.add_all([1, 2, 7, 1], [2, 3, 4, 5])  # a duplicate met while the keys are kept
    assert not hasattr(maybe, "bits")
    maybe.add_all([3, 4], [6, 7])  # past five keys: the filter, from then on
    assert maybe.exact is None and maybe.kept is None and len(maybe.bits) == 16 * 1024 * 1024
    maybe.add_all([6, 4], [8, 9])
    assert maybe.suspects == {1: [5], 4: [9]}  # the set told its duplicate at its line


def test_the_second_pass_reads_every_line_when_a_suspects_lines_are_not_known(monkeypatch):
    ident, other = ("a", "p1", "1"), ("a", "p2", "1")
    monkeypatch.setattr(seen_rows, "SET_KEYS", -1)  # the arrays: a key's lines not known
    maybe = MaybeSeenRows()
    for line, who in [(2, ident), (3, other), (4, ident), (5, other)]:
        maybe.add(hash(who), line)
    rows = [(hash(who), line, who) for line, who in [(2, ident), (3, other), (4, ident), (5, other), (6, ident)]]
    assert maybe.confirm(iter(rows)) == [(4, 2, ident), (5, 3, other), (6, 2, ident)]
