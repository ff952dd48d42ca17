"""Where the figures of a filled form come from: a results file (the format of
``kpidsl score --results``) or the example blocks of the rule set.

A :class:`Fill` is one evaluation scored: the agreement, the round, the results
given and the engine's report. Blank forms have none.
"""

from __future__ import annotations

import bisect
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import SHEET_MARK, Span
from ..filenames import safe_name
from ..plan.model import Plan
from ..plan.read import plan_of
from ..score.batch import scoring_problems
from ..score.engine import Inputs, Report, score_agreement
from ..score.evaluate import PlanEvaluator
from ..score.examples import inputs_of
from ..score.pool import PoolLedger
from ..score.results import OthersRow, ReadingAt, read_results, results_files, results_folder
from ..score.results.one_person import OnePerson
from ..score.results.record_lines import record_of, record_value
from ..sorted_spill import Sorted, SpillFolder
from ..source import display_path


@attrs.frozen
class Fill:
    agreement: str
    name: str  # a file-name-safe label: the example id, the person or the row
    round: str | None
    inputs: Inputs
    report: Report
    origin: str  # where the results were read: "example dept_all_kinds (agreements/…:70)", "results.csv:2"
    # the person a results row names: one agreement may serve a whole unit, each row a person,
    # and the form is that person's (printed blank before: the agreement names no one)
    person: str | None = None


def _round(plan: Plan | dict, agreement_id: str, given: str | None) -> str | None:
    return given or plan_of(plan).agreement(agreement_id).round_id


def from_examples(plan: Plan | dict) -> list[Fill]:
    """Every example of the rule set whose agreement exists, scored, except those that give
    one indicator's results only: such an example pins a boundary (a ladder's level 5, for
    `kpidsl test` and `kpidsl mutate`), and a form filled from it would be blank but one row."""
    out = []
    for example in plan_of(plan).examples:
        if example.agreement is None or len({fact.id for fact in example.given}) < 2:
            continue
        agreement = example.agreement.id
        inputs = inputs_of(example)
        where = f" ({example.source})"
        out.append(Fill(agreement, safe_name(example.id), _round(plan, agreement, inputs.round), inputs,
                        score_agreement(plan, agreement, inputs), f"example {example.id}{where}"))
    return out


def from_records(plan: Plan | dict, records: Iterable) -> Iterator[Fill]:
    """Records read by kpidsl.score.results (already free of diagnostics), each scored as it
    is asked for: a form per person written as it comes never holds every report.

    A record is named after its person, else its agreement, numbered when several
    share a name, so that two rows for the same agreement give two files: numbered on until
    the name is free ("p-9", "p 9" and a person named "p-9-2": p-9, p-9-2, p-9-2-2; "John Smith"
    and "JOHN SMITH": John-Smith, JOHN-SMITH-2)."""
    # Names are compared with their letter case folded: on a shared drive (NTFS, SMB, APFS)
    # "John-Smith" and "JOHN-SMITH" are one file, and the second form would replace the first.
    seen: dict[str, int] = {}
    given: set[str] = set()  # the names given, folded: a name numbered may be another person's own
    for rec in records:
        base = safe_name(rec.person or rec.agreement)
        key = base.casefold()
        seen[key] = seen.get(key, 0) + 1
        name = base if seen[key] == 1 else f"{base}-{seen[key]}"
        while name.casefold() in given:
            seen[key] += 1
            name = f"{base}-{seen[key]}"
        given.add(name.casefold())
        # a workbook row is named by its cell (`book.xlsx › sheet!A15`), a CSV's by its line
        origin = Path(rec.span.path).name if SHEET_MARK in rec.span.path else f"{Path(rec.span.path).name}:{rec.span.line}"
        rnd = _round(plan, rec.agreement, rec.round or rec.inputs.round)
        yield Fill(rec.agreement, name, rnd, rec.inputs, score_agreement(plan, rec.agreement, rec.inputs), origin,
                   rec.person)


class ResultsError(ValueError):
    """A results file with mistakes: its located diagnostics, and no form is filled.
    ``problems``: how many there are, when some are counted in one of them (Q062)."""

    def __init__(self, diagnostics: list, problems: int | None = None) -> None:
        self.problems = len(diagnostics) if problems is None else problems
        super().__init__(f"{self.problems} problem(s) in the results")
        self.diagnostics = diagnostics


def read(plan: Plan | dict, path: Path, agreement: str | None = None, person: str | None = None,
         root: str = "") -> Iterator[Fill]:
    """The fills of a results file or folder of them, scored as they are asked for (every
    row is read and checked first: ResultsError at once); ``agreement`` is the agreement of
    rows that do not name one, and the only one read when given.

    --agreement X picks the forms: the rows of another agreement of the rule set are left
    out, and so are their mistakes (a colleague's unfinished row is not X's to mend, and
    does not stop X's forms). The reader is held to X, so it reads no further than the
    agreement cell of such a row (Q031), and that Q031 is passed over here in silence. A row
    naming an agreement the rule set does not have may be X's, mistyped: still told.

    Memory flat in the rows: read once to be checked, keeping nothing, and again as the
    fills are asked for."""
    for _ in _checked_records(plan, path, agreement, _pick(person), root):
        pass
    return from_records(plan, _checked_records(plan, path, agreement, _pick(person), root))


def _pick(person: str | None) -> OnePerson | None:
    return OnePerson(person) if person is not None else None


def _checked_records(plan: Plan | dict, path: Path, agreement: str | None, pick: OnePerson | None = None,
                     root: str = "") -> Iterator:
    """The records :func:`read` scores, as they are read; ResultsError once every row is
    read, when any has a mistake (after the records before it were given). What scoring finds
    in a record taken is a mistake too (a value missing, a raise outside its band: told at its
    cell as `score` tells it, ``root`` the rule set's name its hint gives): a form to be signed
    never shows figures its row cannot be scored to, and `render` writes none where `score`
    of the same file writes nothing. ``pick``
    (`--person`, kpidsl/score/results/one_person.py): that person's records alone; none of
    theirs, or two of one round, is a mistake; another person's row's mistakes, the reader's and
    scoring's (as `score --person` counts them, the count Q062's hint sends to `score` for), are
    counted in ``pick``, not told, and do not stop the person's: said in one line (Q062) with
    the person's own mistakes, else by the caller once the forms are written (ReadOnce.others).

    The rows seen are kept as `score` keeps them (seen="maybe": memory flat in the rows,
    benchmarks/bench_results_seen_rows.py): a row given twice is a record here and its Q006
    comes once the file is read, put back among the others where its row's would have come
    (as kpidsl/score/batch.py Outcome.put_back), so the mistakes read as if told at once."""
    diags: list[Diagnostic] = []
    origins: list[tuple[int, int]] = []  # (file, line) of each of diags, to put a late one back
    untold = 0  # the person's scoring problems past the MAX_DIAGNOSTICS of a row kept (counted)
    others = _rows_of_other_agreements(plan, agreement)
    folder = results_folder(Path(path))
    person = pick.person if pick is not None else None
    known = plan_of(plan).agreements_by_id  # the agreements of the rule set
    evaluators = PlanEvaluator(plan)  # what scoring finds in a row taken (and, with --person, in another's)
    pools = PoolLedger() if pick is None else None  # the raise pools, as `score` fills them (not of one person's)
    for number, file in enumerate(results_files(Path(path))):
        at = ReadingAt()
        for item in read_results(file, plan, agreement, defaults_only=agreement is None, folder=folder,
                                 seen="maybe", at=at, person=person):
            if type(item) is OthersRow:  # `--person`: another's row with mistakes, counted
                # its Q031 passed over as below, when it names another agreement of the rule set
                pick.count_others(item.errors - (item.elsewhere in known), item.person)
            elif isinstance(item, Diagnostic):
                if not (item.code == "Q031" and item.message_en in others):
                    where = bisect.bisect_right(origins, (number, at.line)) if at.late else len(diags)
                    diags.insert(where, item)
                    origins.insert(where, (number, at.line))
            elif agreement is None or item.agreement == agreement:
                taken = True if pick is None else pick.takes(item)
                own = scoring_problems(evaluators, item, root, pools) if taken is True else None
                if isinstance(taken, Diagnostic):
                    diags.append(taken)
                    origins.append((number, at.line))
                elif own is not None and own.problems:  # a row scoring refuses: no form of it, nor of any
                    diags.extend(own.diagnostics)
                    origins.extend([(number, at.line)] * len(own.diagnostics))
                    untold += own.problems - len(own.diagnostics)
                elif taken:
                    yield item
                else:  # another's row the reader took: what scoring it finds counted, as `score` counts it
                    pick.count_others(scoring_problems(evaluators, item).problems)
    if pools is not None:  # a pool the raises run over (Q042), told once every row is in, as `score` tells it
        over = pools.finish()[1]
        diags.extend(over)
    missing = pick.missing(Path(path)) if pick is not None and not diags else None
    if missing is not None:
        diags.append(missing)
    counted = pick.others_said(Path(path)) if pick is not None and diags else None
    if counted is not None:  # the person's own mistakes stop their forms; the others' counted beside them
        raise ResultsError(diags + [counted], len(diags) + untold + pick.others_errors)
    if diags:
        raise ResultsError(diags, len(diags) + untold)


class ReadOnce:
    """A results file or folder read once for a whole `kpidsl render` run, when the first
    form it fills asks for it, its records kept by agreement: each form of each agreement
    takes its own from here (read for each agreement and form, a big workbook took 57.6 s
    where one reading takes 1.5 s). ``agreement`` is what :func:`read` takes: the run's
    --agreement, or None (every row names its agreement).

    With ``folder`` (kpidsl/sorted_spill.py) the records wait there, sorted by agreement as
    plain JSON lines (kpidsl/score/results/record_lines.py), each agreement's found by where
    its lines start and end (memory flat in the rows: held, 20,000 people's records took
    6.2 kB each); without, the same lines are held (1.3 kB a row)."""

    def __init__(self, plan: Plan | dict, path: Path, agreement: str | None = None,
                 folder: SpillFolder | None = None, person: str | None = None, root: str = "") -> None:
        self.plan = plan
        self.root = root  # the rule set's name, in the hint of a scoring problem of the person's row
        self.path = Path(path)
        self.agreement = agreement
        self.person = person
        self.pick = _pick(person)
        self.folder = folder
        self._by_agreement: dict[str, list] | None = None
        self._lines: Path | None = None
        self._spans: dict[str, tuple[int, int]] = {}  # agreement → (first byte, end) of its lines

    def fills(self, agreement: str) -> Iterator[Fill]:
        """The fills of ``agreement``'s rows, scored as they are asked for."""
        if self._by_agreement is None:
            self._read()
        if self._lines is not None:
            return from_records(self.plan, self._lines_of(*self._spans.get(agreement, (0, 0))))
        return from_records(self.plan, (_numbered_record(json.loads(line))[2]
                                        for line in self._by_agreement.get(agreement, ())))

    def _read(self) -> None:
        ids = list(plan_of(self.plan).agreements_by_id)
        order = {a: k for k, a in enumerate(ids)}
        checked = _checked_records(self.plan, self.path, self.agreement, self.pick, self.root)
        numbered = ((order.get(rec.agreement, len(ids)), k, rec) for k, rec in enumerate(checked))
        records = Sorted(numbered, _by_agreement, _record_line, _numbered_record, self.folder)
        by: dict[str, list[str]] = {}  # with no folder, each agreement's rows as their lines (1.3 kB a row)
        if self.folder is None or self.folder.path is None:
            for (_, _, rec), line in records.with_lines():
                by.setdefault(rec.agreement, []).append(line)
            self._by_agreement = by
            return
        self._lines = self.folder.next_file()
        fd = os.open(self._lines, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with open(fd, "wb") as f:
            for (_, _, rec), line in records.with_lines():
                start = f.tell()
                f.write(line.encode("ascii"))
                first = self._spans.get(rec.agreement, (start, 0))[0]
                self._spans[rec.agreement] = (first, f.tell())
        records.discard()
        self._by_agreement = by

    @property
    def others(self) -> Diagnostic | None:
        """`--person`, once read: Q062 when other people's rows had mistakes (counted, not
        told), to be said after the person's forms are written; None otherwise."""
        if self.pick is None or self._by_agreement is None:
            return None
        return self.pick.others_said(self.path)

    @property
    def others_errors(self) -> int:
        return self.pick.others_errors if self.pick is not None else 0

    def _lines_of(self, start: int, end: int) -> Iterator:
        with open(self._lines, "rb") as f:
            f.seek(start)
            while f.tell() < end:
                yield _numbered_record(json.loads(f.readline()))[2]


def _by_agreement(item: tuple) -> tuple[int, int]:
    return item[0], item[1]


def _record_line(item: tuple) -> list:
    return [item[0], item[1], record_value(item[2])]


def _numbered_record(value: list) -> tuple:
    return value[0], value[1], record_of(value[2])


def _rows_of_other_agreements(plan: Plan | dict, agreement: str | None) -> frozenset[str]:
    """What the reader held to ``agreement`` says (Q031's sentence) at a row naming another
    agreement of the rule set."""
    if agreement is None:
        return frozenset()
    return frozenset(CODES["Q031"].at(None, id=other, given=agreement).message_en
                     for other in plan_of(plan).agreements_by_id if other != agreement)


def require_rows_for(plan: Plan | dict, path: Path, agreement: str, person: str | None = None,
                     root: str = "") -> None:
    """ResultsError (Q033) when no row of the results ``path`` is for ``agreement``: the forms a
    person asked to have filled from them (`render --agreement X --results FILE`) would be
    printed blank, to be signed. Read as :func:`read` reads, keeping nothing of the rows (with
    ``person``, `--person`, other people's mistakes counted, not stopping: Q060 when the
    person has no row)."""
    found_one = False
    for _ in _checked_records(plan, path, agreement, _pick(person), root):
        found_one = True
    if found_one:
        return
    folder = results_folder(Path(path))
    agreements = {r.agreement for file in results_files(Path(path))
                  for r in read_results(file, plan, agreement, defaults_only=True, folder=folder, seen="maybe")
                  if not isinstance(r, Diagnostic)}
    shown = display_path(Path(path))
    found = ", ".join(f"`{a}`" for a in sorted(agreements)) or "–"
    raise ResultsError([CODES["Q033"].at(Span.whole_file(shown), path=shown, agreement=agreement, found=found)])


def fills_for(plan: Plan | dict, results, agreement: str | None = None) -> Iterable[Fill]:
    """The fills a form request asks for: none (blank forms), the rule set's examples
    (``kpidsl.forms.EXAMPLES``), a results file or folder (a path), or one read once for a run
    (:class:`ReadOnce`)."""
    if results is None:
        return []
    if isinstance(results, ReadOnce):
        return results.fills(agreement)
    if isinstance(results, (str, Path)):
        return read(plan, Path(results), agreement)
    fills = from_examples(plan)
    return [f for f in fills if agreement is None or f.agreement == agreement]
