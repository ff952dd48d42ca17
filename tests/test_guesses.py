"""'Did you mean …' within a budget of comparisons (kpidsl/guesses.py): the closest id while the
budget lasts, at most GUESS_PAIRS pairs a check or a results file (tests/test_limits.py and
tests/test_score_results.py hold the check and the reader to it)."""

from __future__ import annotations

from kpidsl.guesses import GUESS_PAIRS, Guesses


def test_the_closest_candidate_is_guessed():
    # one letter off: the results file's `dept_exampel_2555` for the shipped dept_example_2555
    assert Guesses().closest("dept_exampel_2555", ["somchai_2555_r1", "dept_example_2555"]) == "dept_example_2555"
    assert Guesses().closest("66", ["5", "6", "7.1"]) == "6"


def test_half_alike_is_a_guess_and_less_is_none():
    # difflib's ratio: 2 × the letters in common / the letters of both; 0.5 is alike enough
    assert Guesses().closest("abcd", ["abxy"]) == "abxy"  # 2 × 2 / 8
    assert Guesses().closest("abcd", ["axyz"]) is None  # 2 × 1 / 8
    assert Guesses().closest("kpi", []) is None


def test_the_budget_is_spent_by_the_candidates_compared_and_never_overrun():
    guesses = Guesses(pairs=5)
    assert guesses.closest("6", ["5", "6", "7"]) == "6"  # 3 of 5
    assert guesses.left == 2
    assert guesses.closest("7", ["7", "8", "9"]) is None  # 3 more than the 2 left: not compared
    assert guesses.left == 2
    assert guesses.closest("8", ["7", "8"]) == "8"  # the 2 left, exactly
    assert guesses.left == 0 and guesses.closest("8", ["8"]) is None
    assert Guesses().left == GUESS_PAIRS == 100_000
