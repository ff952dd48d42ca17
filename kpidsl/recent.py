"""What was made from each of the last few objects, remembered by the object's identity.

A backend is handed the compiler's plan dict and reads it typed (kpidsl/plan/read.py) or
compiles its evaluators (kpidsl/score/engine.py) once for as long as that same dict is in
use; the dict is kept beside its value so that a new object at a recycled id is never
taken for the old one. A plan dict is not changed once read (kpidsl mutate changes copies)."""

from __future__ import annotations

import weakref
from typing import Callable, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# every Recent made, so that forget_all() can empty them
_ALL: "weakref.WeakSet[Recent]" = weakref.WeakSet()


class Recent(Generic[K, V]):
    """``recent.of(obj, make)``: ``make(obj)``, made once while ``obj`` is among the last ``size``."""

    def __init__(self, size: int):
        self.size = size
        self._made: dict[int, tuple[K, V]] = {}
        _ALL.add(self)

    def of(self, obj: K, make: Callable[[K], V]) -> V:
        found = self._made.get(id(obj))
        if found is None or found[0] is not obj:
            while len(self._made) >= self.size:
                self._made.pop(next(iter(self._made)))
            found = self._made[id(obj)] = (obj, make(obj))
        return found[1]


def forget_all() -> None:
    """Empty every Recent: what is asked for next is made again. For mutation testing
    (benchmarks/mutation_scores.py), whose mutants would otherwise be handed evaluators an
    earlier test made with the unmutated code."""
    for recent in list(_ALL):
        recent._made.clear()
