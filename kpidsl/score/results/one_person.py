"""`--person`: one person's rows of a results file or folder (`kpidsl score`, `kpidsl render
--results`), by the person column a workbook carries. An id no row carries is Q060, at the
results named; two rows of that person in one agreement and round are Q061, at the second.
Every row is still read: the id is known absent only at the end. Another person's row's
problems do not stop the person's rows: `score` and `render` count them alike (the reader's as
OthersRow, kpidsl/score/results/reader.py record_of; scoring's by kpidsl/score/batch.py
scoring_problems) and say how many in one line (Q062, OnePerson.others_said), exit 1."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ...diagnostics.model import Diagnostic
from ...diagnostics.registry import CODES
from ...diagnostics.span import SHEET_MARK, Span
from ...source import display_path

_SHOWN_NAMES = 3  # people the hint of Q060 names, from the rows read


def person_key(text: str | None) -> str:
    """A person as rows are matched: NFC, runs of spaces as one, none at the ends (a name typed
    with a stray space in one cell is the same person)."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def _place(span: Span) -> str:
    return span.path if SHEET_MARK in span.path else f"{span.path}:{span.line}"


class OnePerson:
    """Which records are ``person``'s, and what is wrong with asking for them."""

    def __init__(self, person: str) -> None:
        self.person = person
        self.key = person_key(person)
        self.found = 0
        self._first: dict[tuple, Span] = {}  # (agreement, round) → the first row's place
        self._others: list[str] = []
        # other people's rows with problems, and their problems: counted, said in one line (Q062)
        self.others_rows = 0
        self.others_errors = 0

    def takes(self, record) -> Diagnostic | bool:
        """True for a record of the person; Q061 for their second row of an agreement and round;
        False for anyone else's."""
        key = person_key(record.person)
        if key != self.key:
            self._note(key)
            return False
        self.found += 1
        seen = (record.agreement, record.round)
        first = self._first.get(seen)
        if first is None:
            self._first[seen] = record.span
            return True
        return CODES["Q061"].at(record.cell_span("person"), person=self.person, agreement=record.agreement,
                                round=record.round or "–", first=_place(first))

    def missing(self, results: Path) -> Diagnostic | None:
        """Q060 when no row read was the person's."""
        if self.found:
            return None
        shown = display_path(Path(results))
        found = ", ".join(f"`{p}`" for p in self._others) or "–"
        return CODES["Q060"].at(Span.whole_file(shown), path=shown, person=self.person, found=found)

    def _note(self, key: str) -> None:
        """Another person met, for Q060's hint: the first few, in the order the rows give them."""
        if key and len(self._others) < _SHOWN_NAMES and key not in self._others:
            self._others.append(key)

    def count_others(self, errors: int, person: str | None = None) -> None:
        """Another person's row with ``errors`` problems, counted in place of being told;
        ``person``: its person cell, when the reader kept no record of the row (an OthersRow),
        named by Q060's hint all the same: the officer finds it in the person column."""
        if errors:
            self._note(person_key(person))
            self.others_rows += 1
            self.others_errors += errors

    def others_said(self, results: Path) -> Diagnostic | None:
        """Q062, at the results named, when other people's rows had problems: how many rows and
        problems, not the problems themselves."""
        if not self.others_rows:
            return None
        shown = display_path(Path(results))
        return CODES["Q062"].at(Span.whole_file(shown), path=shown, person=self.person, rows=self.others_rows,
                                errors=self.others_errors)
