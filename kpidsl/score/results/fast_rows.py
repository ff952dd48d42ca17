"""The CSV rows that need no word from the reader, evaluated straight from their cells
(FastRows): the batch's path, with the reader's own checks and no per-cell objects."""

from __future__ import annotations

from decimal import Decimal
from itertools import repeat
from typing import Iterator

from ..evaluate import PlanEvaluator
from ..evaluate.rows import RowEvaluator, Unclear
from ..number_cells import parse_number
from ..seen_rows import identity_key, SeenRows
from .agreement_rows import AgreementRows, UNREAD
from .cells import field_check, value_fault
from .reader import Reader


SCORED_RUN = 1000  # rows scored on the spot, handed on together


class Scored(list):
    """Consecutive CSV rows evaluated on the spot (kpidsl/score/evaluate/rows.py): their
    Evaluations, in file order. Each holds the figures the reader's record would have
    given for that row, without the explanations."""

    __slots__ = ()


class _Bound:
    """One agreement as the rows of one CSV header use it: its checks, and its rows'
    evaluator (kpidsl/score/evaluate/rows.py)."""

    __slots__ = ("id", "checks", "score")

    def __init__(self, checks: AgreementRows, score):
        self.id = checks.id
        self.checks = checks
        self.score = score


def _read_cell(check: str, text: str) -> Decimal | None:
    """A cell as build() reads it, for the row path: None when blank; Unclear for whatever
    build() would report (a column it rejects, not a number, out of range)."""
    if not text.strip():
        return None
    if check == "rejected":
        raise Unclear("a column the reader rejects")
    value = parse_number(text)
    if value is None or value_fault(check, value) is not None:
        raise Unclear("a cell the reader reports")
    return value


class FastRows:
    """The CSV rows that need no word from the reader: each evaluated from its cells
    (kpidsl/score/evaluate/rows.py: no spans, no per-row dictionaries, each distinct cell
    text read once). ``row(cells, line)`` gives the row's Evaluation, or None for any row
    it is not sure of (a blank row, a cell too many, an unknown agreement or round, a date
    or number it cannot read, a duplicate, a missing value, a problem): build() and the
    explaining path then take that row and say what is wrong. Its checks are build()'s
    own (AgreementRows, value_fault, field_check, the seen rows' key): the last column of
    a name, blank cells as absent, `--agreement` and `--round` as defaults. Nothing is
    made per cell, and a row's place is only its line: build() makes the spans of a row
    that has something to say."""

    def __init__(self, reader: Reader, parsed: list[tuple[str | None, str, str]], evaluators: PlanEvaluator):
        self.reader = reader
        self.evaluators = evaluators
        meta: dict[str, int] = {}
        self.values: list[tuple[int, str, str]] = []
        for i, (name, node_id, field) in enumerate(parsed):
            if name:
                meta[name] = i  # the last column of a name is the one the reader keeps
            else:
                self.values.append((i, node_id, field))
        self.bound: dict[str, _Bound | None] = {}
        self.raises: dict[str, Decimal | None] = {}
        self.row, self.rows = self._row(len(parsed), meta)

    def bind(self, ident: str) -> _Bound | None:
        """The agreement ``ident`` for this header's rows, once; None when its rows are not
        for this path."""
        bound = self.bound.get(ident, False)
        if bound is False:
            bound = self.bound[ident] = self._bind(ident)
        return bound

    def _bind(self, ident: str) -> _Bound | None:
        agreement = self.reader.agreements.get(ident)
        if agreement is not None and agreement.population is not None:
            return None  # the survey sample size (sample_size.py) is reported with the figures
        evaluator = self.evaluators.get(ident) if agreement is not None else None
        if evaluator is None:
            return None
        index = self.reader.index_of(agreement)
        cells: dict[str, list[tuple[int, str, str]]] = {}
        other: list[tuple[int, str]] = []
        for col, node_id, field in self.values:
            node = index.get(node_id)
            field = field or (node.default if node else "") or ""
            if node is None or field not in node.fields:
                other.append((col, "rejected"))
            else:
                cells.setdefault(node_id, []).append((col, field, field_check(node, field)))
        return _Bound(self.reader.rows_of(agreement), RowEvaluator(evaluator, cells, other, _read_cell))

    def _row(self, width: int, meta: dict[str, int]):
        reader, bind, raises = self.reader, self.bind, self.raises
        seen = reader.seen_rows
        exact = isinstance(seen, SeenRows)  # else never "in" (MaybeSeenRows, PartKeys): not asked
        assert exact or seen.key is identity_key
        key_of, seen_add = seen.key, seen.adder()
        default_agreement, default_round = reader.default_agreement, reader.round or None
        another = reader.names_another_agreement  # an agreement cell naming another: the reader's (Q031)
        agreement_col, person_col = meta.get("agreement"), meta.get("person")
        round_col, submitted_col, raise_col = meta.get("round"), meta.get("submitted"), meta.get("raise")
        by_text: dict[str, _Bound | None | bool] = {}  # an agreement cell's text: its _Bound; True: blank

        def of_text(text: str) -> _Bound | None | bool:
            found = by_text.get(text, False)
            if found is False:
                ident = text.strip()
                found = (None if another(ident) else bind(ident)) if ident else True
                if len(by_text) < AgreementRows.TEXTS_KEPT:
                    by_text[text] = found
            return found

        def row(cells: list[str], line: int):
            if len(cells) != width:
                if len(cells) > width:
                    return None
                cells = cells + [""] * (width - len(cells))
            if agreement_col is not None:
                bound = by_text.get(cells[agreement_col], False)
                if bound is False:
                    bound = of_text(cells[agreement_col])
            else:
                bound = True
            if bound is True:  # no agreement named: --agreement's, unless the row is blank
                if not any(cell.strip() for cell in cells) or not default_agreement:
                    return None
                bound = bind(default_agreement)
            if bound is None:
                return None
            checks = bound.checks
            if round_col is not None:
                rnd = checks.round_texts.get(cells[round_col], UNREAD)
                if rnd is UNREAD:
                    rnd = checks.known_round(cells[round_col], default_round)
                if rnd is False:
                    return None
            else:
                rnd = default_round
                if not checks.round_known(rnd):
                    return None
            submitted = None
            if submitted_col is not None:
                text = cells[submitted_col]
                if text.strip():
                    submitted = checks.date(text)
                    if submitted is None or (rnd is None and checks.penalised) \
                            or checks.early(submitted, rnd) is not None:  # Q010, Q055, Q058: the reader's
                        return None
            pct = None
            if raise_col is not None:
                text = cells[raise_col]
                if text.strip():
                    pct = raises.get(text)
                    if pct is None:
                        pct = parse_number(text)
                        if pct is None:
                            return None
                        if len(raises) < AgreementRows.TEXTS_KEPT:
                            raises[text] = pct
            person = (cells[person_col].strip() or None) if person_col is not None else None  # person_given
            # identity_key, written out: a call a row costs more than the hash
            key = key_of(bound.id, person, rnd) if exact else hash((bound.id, person or "", rnd or ""))
            if exact and key in seen:
                return None
            evaluation = bound.score(cells, person, rnd, submitted, pct)
            if evaluation is None:
                return None
            seen_add(key, line)
            return evaluation

        def rows(batch: list[list[str]], lines: list[int]) -> Scored | None:
            """The evaluations of consecutive rows (``lines``: the line of each) naming one
            agreement the same way, all at once (RowEvaluator.many), their keys added to the
            seen rows in order; or None, and nothing added, when any row is not for this path
            (then row() takes each: it finds which, and says nothing of the others). row()'s
            checks, each distinct text of a column read once."""
            if exact:
                return None  # a row given twice is told at once: row by row
            count = len(batch)
            widths = set(map(len, batch))
            if widths != {width}:
                if max(widths) > width:
                    return None
                batch = [cells if len(cells) == width else cells + [""] * (width - len(cells)) for cells in batch]
            cols = list(zip(*batch))
            if agreement_col is not None:
                texts = cols[agreement_col]
                if texts.count(texts[0]) != count:
                    return None
                bound = by_text.get(texts[0], False)
                if bound is False:
                    bound = of_text(texts[0])
            elif default_agreement and all(map(str.strip, map("".join, batch))):  # no row blank: --agreement's
                bound = bind(default_agreement)
            else:
                return None
            if bound is None or bound is True:
                return None
            checks = bound.checks
            if round_col is not None:
                known = {text: checks.known_round(text, default_round) for text in set(cols[round_col])}
                if any(rnd is False for rnd in known.values()):
                    return None
                rnds = list(map(known.__getitem__, cols[round_col]))
            else:
                if not checks.round_known(default_round):
                    return None
                rnds = [default_round] * count
            submitted = repeat(None)
            if submitted_col is not None:
                if checks.penalised and None in rnds:
                    return None  # a date with no round, maybe (Q055): row() finds which
                submitted = _read_column(cols[submitted_col], checks.date)
                if submitted is None:
                    return None
                submitted = list(submitted)
                early = checks.early
                if any(day is not None and early(day, r) is not None for day, r in zip(submitted, rnds)):
                    return None  # a report dated before its round (Q058): the reader's to tell
            pcts = repeat(None)
            if raise_col is not None:

                def raise_of(text: str) -> Decimal | None:
                    pct = raises.get(text)
                    if pct is None:
                        pct = parse_number(text)
                        if pct is not None and len(raises) < AgreementRows.TEXTS_KEPT:
                            raises[text] = pct
                    return pct

                pcts = _read_column(cols[raise_col], raise_of)
                if pcts is None:
                    return None
            # person_given, as row() reads it; identity_key keys a blank one as "" (stripped)
            if person_col is None:
                persons = [None] * count
                person_keys = repeat("")
            else:
                persons = person_keys = list(map(str.strip, cols[person_col]))
                if not all(persons):  # a blank person: None (all() in C spares a loop a row)
                    persons = [person or None for person in persons]
            evaluations = bound.score.many(cols, count, persons, rnds, submitted, pcts)
            if evaluations is None:
                return None
            # identity_key of each row, in order, as row() adds them
            round_keys = [rnd or "" for rnd in rnds] if None in rnds else rnds
            seen.add_all(map(hash, zip(repeat(bound.id), person_keys, round_keys)), lines)
            return Scored(evaluations)

        return row, rows


def _read_column(texts: list[str], read) -> Iterator | None:
    """A column's values, each distinct text read once by ``read`` (a blank cell is None),
    or None when ``read`` cannot read one of them (the run then goes row by row)."""
    values = {}
    for text in set(texts):
        value = None
        if text.strip():
            value = read(text)
            if value is None:
                return None
        values[text] = value
    return map(values.__getitem__, texts)
