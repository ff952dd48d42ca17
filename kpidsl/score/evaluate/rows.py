"""Rows of a results CSV evaluated straight from their cells, each distinct text
evaluated once.

A node scored from its own results (a ladder, a formula, milestones, a composite, a
given score) depends on its cells alone: its (value, score, weighted) is kept by the
texts of those cells, and a batch of 400,000 rows, whose cells repeat, evaluates each
text once. A node computed from its children (a component, a group) depends on the
cells below it alone: it is kept by their texts while that pays (Memo). It is the
evaluator's own node functions that run on a miss (AgreementEvaluator.steps): nothing
here knows a scoring rule. Whatever the evaluator records as missing or wrong, and any
cell that does not read as a number, gives None: the caller then reads the row the long
way, which says what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Callable

from .agreement import AgreementEvaluator, Evaluation
from .run import Run
from .shapes import fill_misses

MEMO_LIMIT = 100_000  # texts remembered per node before starting afresh


class Unclear(Exception):
    """A cell or a node the row path cannot take: the row is read the long way."""


class Memo(dict):
    """A computed node's result by the texts of the cells below it. It stays while it earns
    its keep: a hit spares a dozen Decimal operations, a miss costs a little, so it goes when
    fewer than one look-up in sixteen found its figures over the last WINDOW misses (five
    competencies scored 1–5 repeat often; ten measured results hardly ever)."""

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


def _key_of(cols: list[int]) -> Callable[[list[str]], object]:
    """A node's key in a row: its one cell's text, or the tuple of its cells' texts."""
    if len(cols) == 1:
        return itemgetter(cols[0])
    if cols:
        return itemgetter(*cols)
    return lambda row: ()


class RowEvaluator:
    """The rows of one CSV header for one agreement.

    ``cells``: node id → [(column, field, check)] of the columns that feed it (``check``:
    what the reader checks the number for, kpidsl/score/results/); ``other``: columns
    whose cells are read and checked but feed no scored node (``check`` "rejected" for a
    column the reader rejects); ``read(check, text)``: a cell as the reader reads it (None
    when blank), raising Unclear for anything the reader would report."""

    def __init__(self, evaluator: AgreementEvaluator, cells: dict[str, list[tuple[int, str, str]]],
                 other: list[tuple[int, str]], read: Callable[[str, str], Decimal | None]):
        self.evaluator = evaluator
        self.read = read
        self.run = Run()  # a clean run records nothing: one serves every clean row
        own_count = evaluator.own_count  # the own nodes come first (AgreementEvaluator)
        self.own = []  # per own node: (memo, fields' checks, one cell?, function)
        columns = []
        fed = set()
        for node_id, function in evaluator.steps[:own_count]:
            cols = cells.get(node_id, [])
            fed.add(node_id)
            columns.append([c for c, _, _ in cols])
            self.own.append(({}, tuple((f, check) for _, f, check in cols), len(cols) == 1, function))
        self.memos = [memo for memo, _, _, _ in self.own]
        self.columns = columns  # per own node: the columns of its cells (many())
        if all(len(cols) == 1 for cols in columns) and columns:
            singles = [cols[0] for cols in columns]
            self.keys_of = itemgetter(*singles) if len(singles) > 1 else (lambda row, i=singles[0]: (row[i],))
        else:
            key_fns = [_key_of(cols) for cols in columns]
            self.keys_of = lambda row: tuple(k(row) for k in key_fns)
        # the computed nodes, each with a Memo by the keys of the own nodes below it (a slice of
        # the row's keys), but an omitted one (its figures are nothing whatever the row)
        self.derived = []
        below = self._own_below(own_count)
        for index in range(own_count, len(evaluator.steps)):
            memo = None if evaluator.nodes[index].omitted else Memo()
            self.derived.append((evaluator.computed(index), memo) + below[index])
        # per computed node: its results for a run of rows at once, when its kind's rule is
        # run-shaped (many())
        self.derived_many = [evaluator.computed_many(index) for index in range(own_count, len(evaluator.steps))]
        self.finish = evaluator.finish
        # the cells of nodes not scored (omitted ones), and rejected columns: read for the
        # reader's checks alone
        self.other = [(col, check, set()) for col, check in other]
        self.other += [(col, check, set()) for node_id, cols in cells.items() if node_id not in fed
                       for col, _, check in cols]

    def _own_below(self, own_count: int) -> dict[int, tuple[int, int]]:
        """Computed node → (first, stop): the own nodes in its subtree are own nodes
        first..stop−1, (0, 0) when it has none. A run always: a subtree is a run of the
        evaluator's children-before-parents order, and so its own nodes are a run of the own
        nodes, which keep that order (AgreementEvaluator)."""
        ev = self.evaluator
        out = {}

        def own_in(index: int) -> list[int]:
            found = [index] if index < own_count else []
            for c in ev.children.get(index, ()):
                found += own_in(c)
            return found

        for index in range(own_count, len(ev.steps)):
            found = own_in(index)
            out[index] = (min(found), max(found) + 1) if found else (0, 0)  # (0, 0): depends on no cell
        return out

    def _fill(self, i: int, key) -> tuple:
        memo, checks, single, function = self.own[i]
        texts = (key,) if single else key
        fields: dict[str, Decimal] = {}
        for (field, check), text in zip(checks, texts):
            value = self.read(check, text)
            if value is not None:
                fields[field] = value
        run = Run()
        result = function(fields, (), run)
        if not run.clean:
            raise Unclear("the evaluator has something to say")
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = result
        return result

    def _others(self, row: list[str]) -> None:
        for col, check, seen in self.other:
            text = row[col]
            if text not in seen:
                self.read(check, text)
                if len(seen) < MEMO_LIMIT:
                    seen.add(text)

    def __call__(self, row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                 raise_percent: Decimal | None) -> Evaluation | None:
        """The evaluation of a row (padded to the header's width), or None when the row must
        be read the long way. The caller runs it under ``decimal.localcontext(CONTEXT)``
        (kpidsl/score/batch.py does, once for the batch: a context per row costs more than
        the row)."""
        try:
            if self.other:
                self._others(row)
            keys = self.keys_of(row)
            results = list(map(_get, self.memos, keys))
            if None in results:
                results = [self._fill(i, key) if r is None else r for i, (r, key) in enumerate(zip(results, keys))]
            run = self.run
            if run.missing or run.problems:  # the last row's: it went the long way
                run = self.run = Run()
            append = results.append
            for figure, memo, first, stop in self.derived:  # the computed nodes, children before parents
                if memo is None or not memo.on:
                    append(figure(results, run))
                    continue
                key = keys[first:stop]
                result = memo.get(key)
                if result is None:
                    result = figure(results, run)
                    if not run.problems:
                        memo.keep(key, result)
                else:
                    memo.hits += 1
                append(result)
            evaluation = self.finish(results, round_, submitted, raise_percent, run, person)
        except (Unclear, ArithmeticError):
            return None
        return None if run.missing or run.problems else evaluation

    def many(self, cols: list[tuple], count: int, persons: list, rounds: list, submitted, raises) -> list | None:
        """The evaluations of ``count`` rows at once, or None when any of them must be read
        the long way (then the caller takes each row by __call__, which finds which).
        ``cols``: the rows' cells column by column (each padded to the header's width);
        ``persons``, ``rounds``, ``submitted``, ``raises``: each row's, as __call__ takes
        them. The same functions as __call__, node by node over the rows: an own node's
        results looked up by its cells' texts for every row in one pass, a computed node's
        rule run-shaped over the run (AgreementEvaluator.computed_many; else its function
        row by row), and finish_many() once; one Run for the rows (a clean run records
        nothing)."""
        try:
            for col, check, seen in self.other:
                for text in set(cols[col]):
                    if text not in seen:
                        self.read(check, text)
                        if len(seen) < MEMO_LIMIT:
                            seen.add(text)
            keys_by_node, columns = [], []
            for i, (node_cols, own) in enumerate(zip(self.columns, self.own)):
                memo = own[0]
                if len(node_cols) == 1:
                    keys = cols[node_cols[0]]
                elif node_cols:
                    keys = list(zip(*[cols[c] for c in node_cols]))
                else:
                    keys = [()] * count
                found = list(map(memo.get, keys))
                if not all(found):  # a miss (a result is a non-empty tuple): cheaper to ask than None in
                    get = memo.get
                    fill_misses(found, lambda j: get(keys[j]) or self._fill(i, keys[j]))
                keys_by_node.append(keys)
                columns.append(found)
            run = Run()
            for (figure, memo, first, stop), figures in zip(self.derived, self.derived_many):
                # the computed nodes, children before parents: column by column when the kind's
                # rule is run-shaped, else row by row
                column = figures(columns) if figures is not None else None
                if column is None:
                    column = self._row_by_row(figure, memo, first, stop, columns, keys_by_node, count, run)
                    if column is None:
                        return None
                columns.append(column)
            rows = list(zip(*columns)) if columns else [()] * count
            evaluations = self.evaluator.finish_many(rows, rounds, submitted, raises, run, persons, columns)
        except (Unclear, ArithmeticError):
            return None
        return None if run.missing or run.problems else evaluations

    def _row_by_row(self, figure, memo: Memo | None, first: int, stop: int, columns: list, keys_by_node: list,
                    count: int, run: Run) -> list | None:
        """A computed node's results for a run of rows, row by row (its figure() with the rows'
        results so far), kept by the keys of the cells below it while that pays (Memo); None
        when a row has a problem."""
        rows = list(zip(*columns)) if columns else [()] * count
        if memo is None or not memo.on:
            return list(map(figure, rows, repeat(run)))
        keys = list(zip(*keys_by_node[first:stop])) if stop > first else [()] * count
        found = list(map(memo.get, keys))
        misses = found.count(None)
        if misses:
            get = memo.get
            for j in compress(range(count), map(is_, found, repeat(None))):  # the misses, in order
                key = keys[j]
                result = get(key)
                if result is None:
                    result = figure(rows[j], run)
                    if run.problems:
                        return None
                    memo.keep(key, result)
                found[j] = result
        memo.hits += count - misses
        return found


_get = dict.get
