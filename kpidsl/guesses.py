"""'Did you mean …' for an unknown id, within a budget of comparisons.

difflib compares a word with each candidate (5-30 µs a pair, the more alike the ids the
dearer), so guessing for each of n unknown ids among n known ones grows as n²: 4,000 of
each in a rule file took 27 s of `check`, and 2,000 results rows naming last year's
agreement ids, among 2,000 agreements, 99 s of `score`. A check or a results file compares
at most GUESS_PAIRS pairs (a rule set or a file with a few typos meets a few thousand);
past them an unknown id is still reported, without a guess.
"""

from __future__ import annotations

import difflib
from typing import Collection

GUESS_PAIRS = 100_000  # a few seconds at most


class Guesses:
    """The closest candidate to a word, while the budget lasts."""

    def __init__(self, pairs: int = GUESS_PAIRS):
        self.left = pairs

    def closest(self, word: str, candidates: Collection[str]) -> str | None:
        if len(candidates) > self.left:
            return None
        self.left -= len(candidates)
        match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.5)
        return match[0] if match else None
