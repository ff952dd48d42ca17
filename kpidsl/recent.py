"""What was made from each of the last few objects, remembered by the object's identity.

A backend is handed the compiler's plan dict and reads it typed (kpidsl/plan/read.py) or
compiles its evaluators (kpidsl/score/engine.py) once for as long as that same dict is in
use; the dict is kept beside its value so that a new object at a recycled id is never
taken for the old one. A plan dict is not changed once read (kpidsl mutate changes copies)."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """``recent.of(obj, make)``: ``make(obj)``, made once while ``obj`` is among the last ``size``."""

    def __init__(self, size: int):
        self.size = size
        self._made: dict[int, tuple[K, V]] = {}

    def of(self, obj: K, make: Callable[[K], V]) -> V:
        found = self._made.get(id(obj))
        if found is None or found[0] is not obj:
            while len(self._made) >= self.size:
                self._made.pop(next(iter(self._made)))
            found = self._made[id(obj)] = (obj, make(obj))
        return found[1]
