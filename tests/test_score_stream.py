"""A batch streams: the rows given twice are found by a fixed-size
filter and a second pass over the file (kpidsl/score/seen_rows.py MaybeSeenRows), told
with the same code, place and order as the exact check (SeenRows) tells them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score import seen_rows
from kpidsl.score.batch import score_records
from kpidsl.score.results import collect, read_results
from kpidsl.score.seen_rows import MaybeSeenRows, row_key

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,person,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score,66")
CELLS = "82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"


def line(person: str, col66: str = "", agreement: str = "dept_example_2555", six: str = "88") -> str:
    return f"{agreement},{person},{CELLS.replace(',88,', f',{six},')},{col66}"


@pytest.fixture(scope="module")
def plan():
    (rs,) = check_paths([ROOT / "rules" / "2555"]).rule_sets
    return compile_plan(rs, Path(rs.name))


def keeping(monkeypatch, mode) -> None:
    """How the rows' keys are kept (kpidsl/score/seen_rows.py): "kept" (in a set, told as
    they come), "arrays" (past two keys, narrowed in arrays, asked at the end), "moved" (past
    three keys, into the 16 MiB filter), or an int: the filter from the start, of that many
    bits (0: 16 MiB; 64: every key a suspect)."""
    if mode == "arrays":
        monkeypatch.setattr(seen_rows, "SET_KEYS", 2)
    elif mode == "moved":
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 3)
    elif mode != "kept":
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 0)
        monkeypatch.setattr(seen_rows, "_BLOOM_BITS", mode or seen_rows._BLOOM_BITS)


KEEPING = ["kept", "arrays", "moved", 0, 64]


def found(plan, path: Path, monkeypatch=None, mode="kept") -> list[tuple]:
    """The diagnostics of scoring ``path``, its rows' keys kept as ``mode`` says (keeping)."""
    if monkeypatch:
        keeping(monkeypatch, mode)
    outcome = score_records(plan, "2555", path, None, None, "csv", False, "en", None)
    return [(d.code, d.span.line, d.span.column) for d in outcome.diagnostics]


def exact(plan, path: Path) -> list[tuple]:
    _, diags = collect(read_results(path, plan))
    return [(d.code, d.span.line, d.span.column) for d in diags]


CASES = {
    # a row given twice, a column told once at its header by a later row, another twice
    "told-late-in-place": [line("P1"), line("P1"), line("P2", "1"), line("P1"), line("P3")],
    # a row with a bad cell, then the same person again (its Q006 after the row's Q003)
    "bad-cell-then-twice": [line("P1", six="abc"), line("P2"), line("P1"), line("P2")],
    # an unknown agreement is no row of anyone's; the default person (none) twice
    "unknown-and-none": [line("P1", agreement="nope"), line(""), line("P1"), line("")],
    "clean": [line(f"P{n}") for n in range(30)],
}


@pytest.mark.parametrize("mode", KEEPING)
@pytest.mark.parametrize("case", sorted(CASES))
def test_rows_given_twice_are_told_as_the_exact_check_tells_them(plan, tmp_path, monkeypatch, case, mode):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, *CASES[case]]) + "\n", encoding="utf-8")
    expected = exact(plan, path)
    assert found(plan, path, monkeypatch, mode) == expected
    if case == "told-late-in-place":
        assert expected == [("Q006", 3, 1), ("Q002", 1, len(HEADER) - 1), ("Q006", 5, 1)]
    if case == "clean":
        assert expected == []


def test_the_first_line_is_named(plan, tmp_path, monkeypatch):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, line("P1"), line("P2"), line("P1"), line("P1")]) + "\n", encoding="utf-8")
    keeping(monkeypatch, 64)
    outcome = score_records(plan, "2555", path, None, None, "csv", False, "en", None)
    assert [(d.code, d.span.line, d.hint_en) for d in outcome.diagnostics] == [
        ("Q006", 4, "the first is at line 2"), ("Q006", 5, "the first is at line 2")]
    assert outcome.problems == 2


rows = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.one_of(st.none(), st.text(max_size=3)),
                          st.one_of(st.none(), st.sampled_from(["1", "2"]))), max_size=400)


@settings(max_examples=60, deadline=None)
@given(rows, st.sampled_from([None, 64, 1024, 1 << 20]), st.sampled_from([1 << 17, 5, -1]))
def test_confirmed_duplicates_are_the_dicts(given_rows, bits, set_keys):
    maybe, model, twice = MaybeSeenRows(bits), {}, []
    saved, seen_rows.SET_KEYS = seen_rows.SET_KEYS, set_keys  # the set, then the arrays past it
    try:
        for number, row in enumerate(given_rows, start=2):
            maybe.add(maybe.key(*row), number)
            if row in model:
                twice.append((number, model[row], row))
            model.setdefault(row, number)
    finally:
        seen_rows.SET_KEYS = saved
    again = ((maybe.key(*row), number, row) for number, row in enumerate(given_rows, start=2))
    assert maybe.confirm(again) == twice
    assert maybe.get(maybe.key("a", None, None)) is None and maybe.key("a", None, None) not in maybe


def test_the_filter_is_the_same_size_whatever_the_rows():
    maybe = MaybeSeenRows(seen_rows._BLOOM_BITS)
    for n in range(50_000):
        maybe.add(row_key("a", f"P{n}", None), n + 2)
    assert len(maybe.bits) == 16 * 1024 * 1024
    assert len(maybe.suspects) <= 1  # at 50,000 keys about one in 10¹⁰ is wrongly "maybe seen"


def test_rows_that_share_a_key_are_told_apart_by_their_identity():
    # Every row given the same key (as two evaluations whose hashes meet would be): only the
    # row whose (agreement, person, round) came before is given twice, named at its first line.
    rows = [("a", "P1", None), ("a", "P2", None), ("b", "P1", "1"), ("a", "P1", None), ("a", "P2", "1")]
    maybe = MaybeSeenRows(64)
    for number, _ in enumerate(rows, start=2):
        maybe.add(7, number)
    again = ((7, number, row) for number, row in enumerate(rows, start=2))
    assert maybe.confirm(again) == [(5, 2, ("a", "P1", None))]


def test_a_row_given_twice_in_the_set_and_again_past_it_is_told_each_time():
    """hypothesis's case (SET_KEYS 5): b given at lines 4, 7 (both while the keys were in the
    set, which kept line 7) and 9 (once they were in the arrays): line 9 went untold, the
    second pass reading no further than the line the set kept."""
    given_rows = [("a", None, None), ("a", None, "1"), ("b", None, None), ("a", "0", None), ("b", None, "1"),
                  ("b", None, None), ("a", None, "2"), ("b", None, None)]
    maybe = MaybeSeenRows()
    saved, seen_rows.SET_KEYS = seen_rows.SET_KEYS, 5
    try:
        for number, row in enumerate(given_rows, start=2):
            maybe.add(maybe.key(*row), number)
    finally:
        seen_rows.SET_KEYS = saved
    again = ((maybe.key(*row), number, row) for number, row in enumerate(given_rows, start=2))
    assert maybe.confirm(again) == [(7, 4, ("b", None, None)), (9, 4, ("b", None, None))]
