"""The table of evaluations met so far (kpidsl/score/seen_rows.py) answers as a dict would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.score.seen_rows import SeenRows, row_key

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
