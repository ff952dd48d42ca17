"""The table of evaluations met so far (kpidsl/score/seen_rows.py) answers as a dict would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.score import seen_rows
from kpidsl.score.seen_rows import MaybeSeenRows, SeenRows, row_key, rows_at_most

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
    # these bits: word key & mask gets bits 42-47, 48-53, 54-59 of the key as bit numbers, word
    # key >> 21 & mask gets bits 0-5, 6-11, 12-17 (Python's hash, so negative keys too).
    maybe = MaybeSeenRows(1 << 16)  # 1,024 words: the rule is the same at any size
    maybe.add_all([key], [7])
    mask = maybe.mask
    i, j = key & mask, key >> 21 & mask
    first = (1 << (key >> 42 & 63)) | (1 << (key >> 48 & 63)) | (1 << (key >> 54 & 63))
    second = (1 << (key & 63)) | (1 << (key >> 6 & 63)) | (1 << (key >> 12 & 63))
    expected = {i: first} if i != j else {i: first | second}
    if i != j:
        expected[j] = second
    assert {w: maybe.words[w] for w in expected} == expected
    assert sum(bin(w).count("1") for w in maybe.words) == sum(bin(w).count("1") for w in expected.values())
    assert not maybe.suspects
    maybe.add_all([key], [9])  # the same key again: a suspect, at its second line
    assert maybe.suspects == {key: [9]}


def test_the_second_pass_reads_no_further_than_the_last_suspect():
    # a duplicate near the top of a big file: the rows after it are neither suspects nor firsts
    maybe = MaybeSeenRows(bits=64 * 1024)
    ident = ("a", "p1", "1")
    for line, who in [(2, ident), (3, ("a", "p2", "1")), (4, ident), (5, ("a", "p3", "1"))]:
        maybe.add(hash(who), line)
    assert maybe.suspects == {hash(ident): [4]}
    read = []

    def rows():
        for line, who in [(2, ident), (3, ("a", "p2", "1")), (4, ident), (5, ("a", "p3", "1")),
                          (6, ("a", "p4", "1"))]:
            read.append(line)
            yield hash(who), line, who

    assert maybe.confirm(rows()) == [(4, 2, ident)]
    assert read == [2, 3, 4, 5]  # line 5 shows the pass is past the last suspect; 6 is never read


# A file of few rows keeps its rows' keys themselves (a set, in C), not the filter.

@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), max_size=300), st.integers(min_value=1, max_value=7))
def test_keys_kept_suspect_exactly_the_keys_met_before(keys, run):
    maybe, met, expected = MaybeSeenRows(rows_at_most=len(keys) + 1), set(), {}
    assert maybe.exact is not None and not hasattr(maybe, "words")  # no 16 MiB filter for a small file
    for start in range(0, len(keys), run):  # in runs, as a batch adds them
        part = keys[start:start + run]
        lines = range(start + 2, start + 2 + len(part))
        maybe.add_all(iter(part), lines)
        for key, line in zip(part, lines):
            if key in met:
                expected.setdefault(key, []).append(line)
            met.add(key)
    assert maybe.suspects == expected


def test_more_rows_than_the_file_was_said_to_hold_go_to_the_filter(monkeypatch):
    monkeypatch.setattr(seen_rows, "EXACT_ROWS", 4)
    maybe = MaybeSeenRows(rows_at_most=4)
    maybe.add_all([1, 2, 1], [2, 3, 4])  # a duplicate met while the keys are kept
    assert maybe.exact == {1, 2} and maybe.suspects == {1: [4]}
    maybe.add_all([3, 4, 5], [5, 6, 7])  # one key past what was said: the filter, from then on
    assert maybe.exact is None and len(maybe.bits) == 16 * 1024 * 1024
    assert maybe.suspects == {1: [4]}  # the keys moved to the filter are no suspects of their own
    maybe.add_all([6, 4], [8, 9])
    assert maybe.suspects == {1: [4], 4: [9]}


@pytest.mark.parametrize(("text", "most"), [
    (b"", 1), (b"h\n", 2), (b"h\na\nb", 3), (b"h\r\na\r\n", 5), (b"h\ra\rb\r", 4), (b'h\n"a\nb"\n', 4)])
def test_the_rows_a_file_can_hold_are_counted_by_its_line_ends(tmp_path, text, most):
    path = tmp_path / "r.csv"
    path.write_bytes(text)
    with path.open("rb") as f:
        f.read(1)
        assert rows_at_most(f, 10) == most
        assert f.tell() == 0
        assert rows_at_most(f, most - 1) is None if most > 1 else rows_at_most(f, 0) is None


def test_a_big_file_is_read_no_further_than_the_limit(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"x\n" * (3 << 20))  # 6 MiB: past the limit within the first block
    reads = []

    class Counted:
        def __init__(self, f):
            self.f = f

        def readinto(self, block):
            reads.append(len(block))
            return self.f.readinto(block)

        def seek(self, n):
            return self.f.seek(n)

    with path.open("rb") as f:
        assert rows_at_most(Counted(f), 1000) is None
    assert len(reads) == 1
