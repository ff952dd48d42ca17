"""Pairing the things of OLD with those of NEW: by id first, then by title.

An indicator re-numbered from 2.1 to 3.1 keeps (nearly) its title: whatever is
left unpaired after the ids are matched is paired by title similarity — the
ratio of difflib's SequenceMatcher, at least TITLE_SIMILARITY — best pairs
first, so the result never depends on dictionary order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

import attrs

T = TypeVar("T")

# Re-numbering an indicator may come with a small edit of its title (a year, a
# word); two different indicators of one framework share less than this.
TITLE_SIMILARITY = 0.8

# The year an id carries: four digits, no digit either side (od_2555, janya_2554_r1).
# `kpidsl new-year` renames such an id with its year (kpidsl/newyear.py); the diff pairs
# the two by it.
YEAR_IN_ID = re.compile(r"(?<![0-9\u0E50-\u0E59])([0-9\u0E50-\u0E59]{4})(?![0-9\u0E50-\u0E59])")


def id_without_years(ident: str) -> str:
    """An id with each year it carries replaced by one mark: od_2555 and od_2556 agree."""
    return YEAR_IN_ID.sub("\u2026", ident)


def by_id_then_year(old: Sequence[T], new: Sequence[T], ident: Callable[[T], str]) -> Matched:
    """Pair by id, then what is left by id with its years taken out (an id renamed with its
    year by `kpidsl new-year`), only where that is unique on both sides."""
    first = match(old, new, ident)
    rest = match([old[i] for i in first.removed], [new[j] for j in first.added],
                 lambda x: id_without_years(ident(x)))
    pairs = first.pairs + [(first.removed[i], first.added[j], "year") for i, j, _ in rest.pairs]
    pairs.sort(key=lambda p: p[1])
    return Matched(pairs, [first.removed[i] for i in rest.removed], [first.added[j] for j in rest.added])


@attrs.frozen
class Matched:
    pairs: list[tuple[int, int, str]]  # (old index, new index, "id" or "title")
    removed: list[int]
    added: list[int]


def similarity(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable],
          title: Callable[[T], str | None] | None = None, *,
          same_sort: Callable[[T], Hashable] = lambda _: None) -> Matched:
    """Pair ``old`` and ``new`` by ``key`` (only keys unique on both sides), then by
    ``title`` among the rest whose ``same_sort`` agrees (an indicator is never paired
    with a dimension)."""
    old_keys: dict[Hashable, list[int]] = {}
    new_keys: dict[Hashable, list[int]] = {}
    for i, x in enumerate(old):
        old_keys.setdefault(key(x), []).append(i)
    for j, y in enumerate(new):
        new_keys.setdefault(key(y), []).append(j)
    pairs: list[tuple[int, int, str]] = []
    for k, olds in old_keys.items():
        news = new_keys.get(k, [])
        if len(olds) == 1 and len(news) == 1:
            pairs.append((olds[0], news[0], "id"))
    taken_old = {p[0] for p in pairs}
    taken_new = {p[1] for p in pairs}
    if title is not None:
        candidates = []
        for i, x in enumerate(old):
            if i in taken_old:
                continue
            for j, y in enumerate(new):
                if j in taken_new or same_sort(x) != same_sort(y):
                    continue
                ratio = similarity(title(x), title(y))
                if ratio >= TITLE_SIMILARITY:
                    candidates.append((-ratio, i, j))
        for _, i, j in sorted(candidates):
            if i in taken_old or j in taken_new:
                continue
            pairs.append((i, j, "title"))
            taken_old.add(i)
            taken_new.add(j)
    pairs.sort(key=lambda p: p[1])
    return Matched(pairs, [i for i in range(len(old)) if i not in taken_old],
                   [j for j in range(len(new)) if j not in taken_new])


def out_of_order(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The new indexes of the pairs that moved: all but a longest run that kept its
    relative order (so one indicator moved up is one move, not a shift of all)."""
    ordered = sorted(pairs, key=lambda p: p[1])
    olds = [p[0] for p in ordered]
    n = len(olds)
    if n < 2:
        return set()
    best = [1] * n
    back = [-1] * n
    for b in range(n):
        for a in range(b):
            if olds[a] < olds[b] and best[a] + 1 > best[b]:
                best[b], back[b] = best[a] + 1, a
    end = max(range(n), key=lambda k: (best[k], -k))
    keep = set()
    while end != -1:
        keep.add(end)
        end = back[end]
    return {ordered[k][1] for k in range(n) if k not in keep}
