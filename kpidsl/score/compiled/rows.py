"""Rows of a results CSV scored straight from their cells, by the text of each cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from operator import itemgetter
from typing import Callable

from ..engine import HUNDRED
from ..numbers import CONTEXT, D
from .agreement import CompiledAgreement
from .parts import _WEIGHTED, CACHE_LIMIT, ZERO, Figures, Slow


class RowScorer:
    """Scores the rows of one CSV header for one agreement, each distinct cell text read once.

    The columns feeding each measured node are known; the texts of those cells
    key a cache of the node's (value, score, weighted). A miss reads the cells
    exactly as the results reader does (blank cells skipped, the last value of
    a field kept, numbers as parse_number reads them, scores 0–5, steps whole
    0–5) and raises Slow for anything the reader would report. Columns of
    nodes that are not scored (omitted ones) are read for the same reasons;
    a column the reader rejects sends any row that fills it to the reader."""

    def __init__(self, compiled: CompiledAgreement, columns: list[tuple[int, str, str]],
                 parse_number: Callable[[str], Decimal | None]):
        self.compiled = compiled
        self.parse_number = parse_number
        accepted = compiled.accepted
        self.rejected: list[int] = []
        # per node: (column, field, what the reader checks the number for)
        by_node: dict[str, list[tuple[int, str, str]]] = {}
        for col, node_id, field in columns:
            node = accepted.get(node_id)
            field = field or (node.default if node else "") or ""
            if node is None or field not in node.fields:
                self.rejected.append(col)
            else:
                check = "score" if field == "score" or field in node.scores else field
                by_node.setdefault(node_id, []).append((col, field, check))
        measured_ids = {n.plan["id"] for n in compiled.measured}
        # cells of nodes that are not scored (omitted ones): read, then left aside
        self.unused = [(col, check, set()) for node_id, cols in by_node.items() if node_id not in measured_ids
                       for col, _, check in cols]
        self.lookups = []
        for n in compiled.measured:
            cols = by_node.get(n.plan["id"], [])
            getter = itemgetter(*(c for c, _, _ in cols)) if cols else _no_cells
            self.lookups.append(({}, getter, n, tuple((f, check) for _, f, check in cols)))
        self.caches = [(cache, getter) for cache, getter, _, _ in self.lookups]
        # When every measured node reads one column, one itemgetter takes all the keys of a row
        # and map() looks them up.
        self.cache_list = [cache for cache, _, _, _ in self.lookups]
        singles = [cols[0][0] for n in compiled.measured for cols in [by_node.get(n.plan["id"], [])]
                   if len(cols) == 1]
        self.keys = None
        if len(singles) == len(compiled.measured) and singles:
            self.keys = itemgetter(*singles) if len(singles) > 1 else (lambda row, i=singles[0]: (row[i],))
        self.constants = compiled.constants
        self.raises: dict[str, tuple | None] = {}
        self.flat = self._flat()
        self.score = self._general if self.flat is None else self._flat_scorer()

    def _flat(self) -> list[tuple] | None:
        """The plan of an individual evaluation in its usual shape (components whose children
        are all scored from one column each, and nothing else), for the straight path of
        _flat_scorer: per component (first, stop, multiplier, share, weighted, cache), its
        children being results[first:stop]."""
        c = self.compiled
        if not c.individual or self.keys is None or c.constants or len(c.derived) != len(c.roots):
            return None
        plan, stop = [], 0
        shares = dict(c.components)
        for root in c.roots:
            kids = root.children
            if root.omitted or root.kind != "component" or root.scoring_kind != "component" or not kids \
                    or any(k.children or k.omitted or k.weight is None or k.own is None for k in kids):
                return None
            first = kids[0].index
            if first != stop or [k.index for k in kids] != list(range(first, first + len(kids))):
                return None
            stop = first + len(kids)
            plan.append((first, stop, D(root.plan["multiplier"]) or Decimal(1), shares[root.index],
                         None if root.weight is None else c._weighted(root), _PartCache()))
        return plan if stop == len(c.measured) else None

    def read(self, check: str, text: str) -> Decimal | None:
        """One cell as the results reader reads it; None for a blank one. ``check`` is "score"
        for a field that holds a score (a composite's part without a ladder too), "steps" for
        milestone steps."""
        if not text.strip():
            return None
        value = self.parse_number(text)
        if value is None:
            raise Slow("not a number")
        if check == "score" and not 0 <= value <= 5:
            raise Slow("score out of range")
        if check == "steps" and (value != value.to_integral_value() or not 0 <= value <= 5):
            raise Slow("steps out of range")
        return value

    def _fill(self, row: list[str]) -> list[tuple]:
        """The results of a row with a text not met before."""
        results = []
        for cache, getter, n, fields in self.lookups:
            key = getter(row)
            result = cache.get(key)
            if result is None:
                texts = (key,) if len(fields) == 1 else key
                given: dict[str, Decimal] = {}
                for (field, check), text in zip(fields, texts):
                    value = self.read(check, text)
                    if value is not None:
                        given[field] = value
                result = n.own(given)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[key] = result
            results.append(result)
        return results

    def _raise(self, text: str) -> tuple | None:
        pct = self.read("raise", text)
        info = None if pct is None else self.compiled.raise_info(pct, text)
        if len(self.raises) < CACHE_LIMIT:
            self.raises[text] = info
        return info

    def _others(self, row: list[str]) -> None:
        """The cells that score nothing: a column the reader rejects must be blank, a cell of
        a node not scored (an omitted one) must read as a number."""
        for col in self.rejected:
            if row[col].strip():
                raise Slow("a column the reader rejects")
        for col, check, seen in self.unused:
            text = row[col]
            if text not in seen:
                self.read(check, text)
                if len(seen) < CACHE_LIMIT:
                    seen.add(text)

    def __call__(self, row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                 raise_text: str) -> Figures:
        """The figures of a row (padded to the header's width); Slow when the reader or the
        engine would have something to say about it."""
        return self.score(row, person, round_, submitted, raise_text)

    def _general(self, row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                 raise_text: str) -> Figures:
        try:
            if self.keys is not None:
                results = list(map(_lookup, self.cache_list, self.keys(row)))
            else:
                results = [cache[getter(row)] for cache, getter in self.caches]
        except KeyError:
            results = self._fill(row)
        if self.rejected or self.unused:
            self._others(row)
        if raise_text:
            raise_ = self.raises.get(raise_text, False)
            if raise_ is False:
                raise_ = self._raise(raise_text)
        else:
            raise_ = None
        results += self.constants
        try:
            return self.compiled.finish(results, person, round_, submitted, raise_)
        except (ArithmeticError, TypeError):
            raise Slow("arithmetic") from None

    def _flat_scorer(self) -> Callable[..., Figures]:
        """_general for the usual individual evaluation (see _flat), with everything it needs
        at hand: engine._component for each component, then engine._total_individual."""
        keys_of, caches, fill = self.keys, self.cache_list, self._fill
        raises, raise_of = self.raises, self._raise
        report, general = self.compiled.report, self._general
        others = self._others if self.rejected or self.unused else None
        parts = self.flat
        multiply, divide = CONTEXT.multiply, CONTEXT.divide
        weighted_of, lookup, hundred, zero = _WEIGHTED, _lookup, HUNDRED, ZERO

        def score(row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                  raise_text: str) -> Figures:
            keys = keys_of(row)
            try:
                results = list(map(lookup, caches, keys))
            except KeyError:
                results = fill(row)
            if others is not None:
                others(row)
            raise_ = raises.get(raise_text, _UNREAD) if raise_text else None
            if raise_ is _UNREAD:
                raise_ = raise_of(raise_text)
            total = zero
            try:
                for first, stop, multiplier, share, weighted, cache in parts:
                    if cache.on:
                        key = keys[first:stop]
                        got = cache.get(key)
                        if got is not None:
                            cache.hits += 1
                            results.append(got[0])
                            total += got[1]
                            continue
                    score = multiply(sum(map(weighted_of, results[first:stop]), zero), multiplier)
                    result = (None, score, None if weighted is None else weighted(score))
                    term = divide(multiply(score, share), hundred)
                    if cache.on:
                        cache.keep(key, (result, term))
                    results.append(result)
                    total += term
                return report(results, total, person, round_, submitted, raise_)
            except TypeError:  # a child without a score (the engine waits for it): the general path
                pass
            except ArithmeticError:
                raise Slow("arithmetic") from None
            return general(row, person, round_, submitted, raise_text)

        return score


class _PartCache(dict):
    """A component's (result, term of the total) by the texts of its children's cells: its
    score depends on them alone. It stays while it earns its keep: a hit spares a dozen
    Decimal operations, a miss costs a little, so it goes when fewer than one lookup in
    sixteen found its figures over the last WINDOW misses (five competencies scored 1–5
    repeat often; ten measured results hardly ever)."""

    __slots__ = ("on", "hits", "misses")
    WINDOW = 4096
    # Entries kept (about 400 bytes each): enough for the usual competency scores, few
    # enough that a batch's memory stays flat however many rows it has.
    LIMIT = 16_384

    def __init__(self):
        super().__init__()
        self.on = True
        self.hits = 0
        self.misses = 0

    def keep(self, key: tuple, value: tuple) -> None:
        self.misses += 1
        if self.misses == self.WINDOW:
            if self.hits * 16 < self.misses:
                self.on = False
                self.clear()
                return
            self.hits = self.misses = 0
        if len(self) < self.LIMIT:
            self[key] = value


_UNREAD = object()


_lookup = dict.__getitem__


def _no_cells(row: list[str]) -> tuple:
    return ()
