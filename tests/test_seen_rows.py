"""The table of evaluations met so far (kpidsl/score/seen_rows.py) answers as a dict would."""

from __future__ import annotations

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
def test_a_key_sets_its_bits_in_one_word(key):
    # The false-suspect rate of MaybeSeenRows (benchmarks/seen_rows_rate.py) rests on these
    # bits: word key & mask gets the bits of WORD_BITS at bits 22-33 and 34-45 of the key
    # (Python's hash, so negative keys too).
    maybe = MaybeSeenRows(1 << 16)  # 1,024 words: the rule is the same at any size
    maybe.add_all([key], [7])
    i = key & maybe.mask
    expected = seen_rows.WORD_BITS[key >> 22 & 4095] | seen_rows.WORD_BITS[key >> 34 & 4095]
    assert maybe.words[i] == expected
    assert sum(bin(w).count("1") for w in maybe.words) == bin(expected).count("1")
    assert not maybe.suspects
    maybe.add_all([key], [9])  # the same key again: a suspect, at its second line
    assert maybe.suspects == {key: [9]}


def test_six_bits_by_each_twelve():
    # each entry of the table has six bits drawn (a repeat leaves fewer), and the entries are
    # not alike: two keys share their bits only when their 24 bits' look-ups do
    counts = [bin(bits).count("1") for bits in seen_rows.WORD_BITS]
    assert max(counts) == 6 and min(counts) >= 3 and sum(counts) / len(counts) > 5.5
    assert len(set(seen_rows.WORD_BITS)) > 4000
