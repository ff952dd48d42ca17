"""Scoring a results file or folder: one evaluation or 400,000, streamed.

Records are scored as they are read and written out one by one (memory flat in the
number of rows, in every format) to output that appears whole or not at all
(kpidsl.score.pending_output): if any record has a problem, or the run is interrupted,
the diagnostics are reported and no output is left behind, so a half-scored batch never
exists.
"""

from __future__ import annotations

import bisect
import decimal
import gc
import json
import sys
from itertools import islice
from pathlib import Path
from typing import Callable

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES, Bi
from ..plan.read import plan_of
from ..diagnostics.span import Span
from ..source import display_path
from ..outputs.cells import CsvRows
from ..results_unreadable import stopped_reading
from .engine import explain as explain_evaluation
from .evaluate import PlanEvaluator, Run
from .numbers import CONTEXT
from .pending_output import PendingOutput, changed, fingerprint, read_again, stopped_by_signals
from .pool import PoolLedger, pool_text
from .json_text import JsonTexts
from .report import CSV_HEADER, as_dict, csv_row, evaluation_line, evaluation_lines, evaluation_row, text
from .results import OthersRow, ReadingAt, Record, Scored, read_results, results_files, results_folder
from .results.one_person import OnePerson

MAX_DIAGNOSTICS = 200


@attrs.define
class Outcome:
    text: str = ""
    count: int = 0
    files: int = 0
    # The first MAX_DIAGNOSTICS problems found, and how many there were in all.
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    problems: int = 0
    # seedrules hook: the raise pools of the batch (kpidsl/score/pool.py), per group
    pools: list = attrs.Factory(list)
    # `--format xlsx` to standard output: the workbook, as bytes or spooled (kpidsl/xlsx/scores.py SpooledBook)
    data: object = b""
    # Where each of the diagnostics kept came from: (file number, the line of its row).
    origins: list = attrs.Factory(list)
    # A results file changed while it was scored (Q045, Q046), or that could not be read on
    # (kpidsl/results_unreadable.py: an entry made a link out of its folder during the run):
    # trouble with a file, not with its content (the command exits 2, not 1).
    trouble: bool = False
    # Warnings about the output written (`--format xlsx`: cells cut at a cell's limit, J011),
    # the first of them, and how many there were in all.
    warnings: list[Diagnostic] = attrs.Factory(list)
    warned: int = 0
    # The numbers of the files that gave at least one evaluation, and (set once the batch is
    # written) the files of a folder that gave none, each told at its file (Q052).
    scored_files: set[int] = attrs.Factory(set)
    unscored: list[Path] = attrs.Factory(list)
    # `--person`: other people's rows' problems, counted only (one_person.py OnePerson); what is
    # said of them (Q062), once the person's rows are written (kpidsl/cli/commands.py score).
    others_errors: int = 0
    others: Diagnostic | None = None

    def report(self, diagnostic: Diagnostic, origin: tuple = (0, 0)) -> None:
        self.problems += 1
        self.trouble = self.trouble or stopped_reading(diagnostic)
        if len(self.diagnostics) < MAX_DIAGNOSTICS:
            self.diagnostics.append(diagnostic)
            self.origins.append(origin)

    def put_back(self, diagnostic: Diagnostic, origin: tuple) -> None:
        """A diagnostic found after the rows that follow its own (a row given twice,
        kpidsl/score/seen_rows.py MaybeSeenRows): put where its row's would have come,
        after every other of the same row, so the order is the same as if told at once."""
        self.problems += 1
        self.trouble = self.trouble or stopped_reading(diagnostic)
        at = bisect.bisect_right(self.origins, origin)
        if at < MAX_DIAGNOSTICS:
            self.diagnostics.insert(at, diagnostic)
            self.origins.insert(at, origin)
            del self.diagnostics[MAX_DIAGNOSTICS:], self.origins[MAX_DIAGNOSTICS:]


def quiet_formats(fast: bool, explain: bool, output_format: str) -> bool:
    """Whether the evaluations are written as figures alone, without explanations."""
    return fast and not explain and output_format in ("csv", "json")


def _progress(total_bytes: int):
    """A rich progress bar on a terminal, nothing elsewhere."""
    if not sys.stderr.isatty() or total_bytes < 1_000_000:
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("scoring"), BarColumn(), TextColumn("{task.completed:,} evaluations"),
                        TimeRemainingColumn(), transient=True)
    return progress


BATCH_GC_EVERY = 100_000


def score_records(plan: dict, root: str, results: Path, agreement: str | None, round_: str | None, output_format: str,
                  explain: bool, lang: str, output: Path | None, *, fast: bool = True,
                  emit: Callable[[str], None] | None = None, bom: bool = False, parts=None,
                  person: str | None = None) -> Outcome:
    """Score every evaluation of ``results`` with the evaluator (kpidsl/score/evaluate), each
    agreement compiled once. Without --explain, the CSV and JSON formats ask for no trace
    (and CSV rows are evaluated straight from their cells, kpidsl/score/evaluate/rows.py);
    an evaluation with something missing or wrong, the text format, --explain and
    ``fast=False`` are explained, and the explanation says what is wrong. The output goes
    to ``output``, else to ``emit`` piece by piece, else to Outcome.text; nothing is written
    anywhere when a record has a problem. ``bom``: a CSV starts with a byte-order mark, for
    Excel to read it as UTF-8. ``parts``: the batch scored by several processes
    (kpidsl/score/parts.py Parts, `--jobs`), with the same output; not for `--format xlsx`.
    ``person`` (`--person`): that person's rows alone (kpidsl/score/results/one_person.py),
    without the raise pools, which are the whole unit's."""
    # Run at CONTEXT's digits whatever the caller's context says. The cyclic garbage
    # collector stays on (reports hold cycles; with it off a batch kept every report), but
    # runs every BATCH_GC_EVERY new containers instead of 700: a row makes a few dozen, and
    # at 700 a fifth of a batch's time went to collections that found little
    # (benchmarks/bench_score.py: 2.55 → 2.07 s CPU for 100 k rows); memory stays flat.
    thresholds = gc.get_threshold()
    gc.set_threshold(BATCH_GC_EVERY, *thresholds[1:])
    try:
        with decimal.localcontext(CONTEXT), stopped_by_signals():
            return _score_records(plan, root, results, agreement, round_, output_format, explain, lang, output, fast,
                                  emit, bom, parts, person)
    finally:
        gc.set_threshold(*thresholds)


def _score_records(plan: dict, root: str, results: Path, agreement: str | None, round_: str | None, output_format: str,
                   explain: bool, lang: str, output: Path | None, fast: bool,
                   emit: Callable[[str], None] | None, bom: bool = False, parts=None,
                   person: str | None = None) -> Outcome:
    files, folder = results_files(results), results_folder(results)
    evaluators = PlanEvaluator(plan)
    # one person's rows are read as records (each with its person), never as rows scored in bulk
    quiet = quiet_formats(fast, explain, output_format) and person is None
    outcome = Outcome(files=len(files))
    if output_format == "xlsx":
        from ..xlsx.scores import PendingScores  # the optional extra `xlsx`: the command checks it is there

        pending = PendingScores(output, lang, len(plan_of(plan).reviews))  # a draft's sheets say so
    else:
        pending = PendingOutput(output, emit, read_again(files))  # a pipe is read once
    read_as = fingerprint(files)
    try:
        if bom and output_format == "csv":
            pending.file.write("\ufeff")
        _write_all(plan, root, files, agreement, round_, output_format, explain, lang, evaluators, quiet, outcome,
                   pending.file, parts, folder, person, results)
    except BaseException:
        pending.discard()
        raise
    if outcome.diagnostics:
        pending.discard()
    elif getattr(pending, "too_big", False):
        # Standard output past what is held in memory, the batch clean: scored again, straight out
        # (kpidsl/score/pending_output.py: no temporary file).
        pending.discard()
        outcome = Outcome(files=len(files))
        moved = changed(files, read_as)
        if moved is not None:  # the first pass checked another file than the second would print
            outcome.report(changed_while_scored("Q045", moved))
            outcome.trouble = True
            return outcome
        gc.collect()  # the first pass's cycles (collected rarely: BATCH_GC_EVERY), before the second's
        sink = pending.stream()
        if bom and output_format == "csv":
            sink.write("\ufeff")
        _write_all(plan, root, files, agreement, round_, output_format, explain, lang, evaluators, quiet, outcome,
                   sink, parts, folder, person, results)
        sink.flush()
        moved = changed(files, read_as)
        if moved is not None:
            outcome.report(changed_while_scored("Q046", moved), (len(files), 0))
            outcome.trouble = True
    else:
        made = pending.commit()
        if output_format == "xlsx":
            outcome.warnings, outcome.warned = pending.cut_cells()
        if made is None or isinstance(made, str):
            outcome.text = made or ""
        else:  # a workbook for standard output
            outcome.data = made
    return outcome


def changed_while_scored(code: str, path: Path) -> Diagnostic:
    """A results file that changed between the two passes of a big standard output (Q045:
    found before anything was printed) or during the second (Q046)."""
    shown = display_path(path)
    return CODES[code].at(Span.whole_file(shown), path=shown)


def _write_all(plan: dict, root: str, files: list[Path], agreement: str | None, round_: str | None, output_format: str,
               explain: bool, lang: str, evaluators: PlanEvaluator, quiet: bool, outcome: Outcome, sink,
               parts=None, folder: Path | None = None, person: str | None = None,
               results: Path | None = None) -> None:
    """The whole output: its head, every file's evaluations (read here, or by the workers
    of ``parts``, kpidsl/score/parts.py), the raise pools, its end. ``folder``: the results
    folder named, ``files`` its entries (read_results)."""
    w = Writing(output_format, explain, lang, root, quiet, evaluators, sink)
    w.pick = OnePerson(person) if person is not None else None
    if w.writer:
        w.writer.writerow(CSV_HEADER)
    if output_format == "json":
        sink.write("[\n")
    total_bytes = sum(f.stat().st_size for f in files)
    progress = _progress(total_bytes) if parts is None else None
    w.task = progress.add_task("score", total=None) if progress else None
    w.progress = progress
    if progress:
        progress.start()
    try:
        if parts is None:
            for number, path in enumerate(files):
                at = ReadingAt()
                before, met = outcome.count, w.met
                w.write(read_results(path, plan, agreement, round_, evaluators if quiet else None, seen="maybe",
                                     at=at, folder=folder, person=person), outcome, number, at)
                # with --person, a file of other people's rows holds evaluations, none of them the person's
                if outcome.count > before or w.met > met:
                    outcome.scored_files.add(number)
        else:
            parts.write(w, outcome)
        if w.pick is not None:  # no row of the person: told at the results named
            missing = w.pick.missing(results) if not outcome.diagnostics else None
            if missing is not None:
                outcome.report(missing, (len(files), 0))
            outcome.others = w.pick.others_said(results)
            outcome.others_errors = w.pick.others_errors
            if outcome.others is not None:  # said after the person's own problems, or after their rows written
                if outcome.diagnostics:  # one line, its errors counted in the summary
                    outcome.report(outcome.others, (len(files), 0))
                    outcome.problems += outcome.others_errors - 1
        # ---- seedrules hook: the raise pools, per group (kpidsl/score/pool.py) ----
        # (not of one person's rows: a pool is the whole group's)
        outcome.pools, over = w.ledger.finish() if w.pick is None else ([], [])
        for d in over:
            outcome.report(d, (len(files), 0))
        if output_format == "text" and outcome.pools:
            sink.write("\n" + pool_text(outcome.pools, lang))
        elif output_format == "xlsx":  # a sheet of their own (kpidsl/xlsx/scores.py)
            sink.add_pools(outcome.pools)
        # ---- end of hook ----
        if output_format == "json":
            sink.write("\n]\n")
        if len(files) > 1 and outcome.count:  # none scored at all: the whole batch's Q051 says it
            outcome.unscored = [path for number, path in enumerate(files) if number not in outcome.scored_files]
    finally:
        if progress:
            progress.stop()


# What is written between two evaluations, per format (`csv`: each row ends its line).
SEPARATOR = {"csv": "", "json": ",\n", "text": "\n"}


class Writing:
    """The evaluations of a batch as they are written to ``sink``: one after the other
    (``first``: none written yet), the raise pools filled (``ledger``)."""

    def __init__(self, output_format: str, explain: bool, lang: str, root: str, quiet: bool, evaluators: PlanEvaluator,
                 sink) -> None:
        self.output_format, self.explain, self.lang, self.root, self.quiet = output_format, explain, lang, root, quiet
        self.evaluators, self.sink = evaluators, sink
        self.writer = CsvRows(sink) if output_format == "csv" else None  # a CR quoted (kpidsl/outputs/cells.py)
        self.first = True
        self.json_texts = JsonTexts()  # the JSON templates of the agreements met
        self.ledger = PoolLedger()  # seedrules hook (kpidsl/score/pool.py)
        self.progress = self.task = None
        self.pick = None  # `--person`: kpidsl/score/results/one_person.py OnePerson
        self.met = 0  # `--person`: the rows read, anyone's (a file of others' rows is no file without any, Q052)

    def write(self, items, outcome: Outcome, number: int, at: ReadingAt) -> None:
        """The items of one file (read_results with ``at``, file ``number`` of the batch)."""
        output_format, explain, lang = self.output_format, self.explain, self.lang
        root, sink, writer = self.root, self.sink, self.writer
        evaluators, quiet, ledger, progress = self.evaluators, self.quiet, self.ledger, self.progress
        pick = self.pick
        for item in items:
            if isinstance(item, Diagnostic):
                if at.late:
                    outcome.put_back(item, (number, at.line))
                else:
                    outcome.report(item, (number, at.line))
                continue
            if pick is not None:  # `--person`: another's row is passed over; a second of theirs told
                self.met += 1
                if type(item) is OthersRow:  # another's row the reader found problems in: counted
                    pick.count_others(item.errors, item.person)
                    continue
                taken = pick.takes(item)
                if isinstance(taken, Diagnostic):
                    outcome.report(taken, (number, at.line))
                if taken is False and type(item) is not Scored:
                    # its scoring problems counted too: the exit code says whether the results
                    # hold errors, as without --person
                    pick.count_others(scoring_problems(evaluators, item).problems)
                if taken is not True:
                    continue
            if outcome.diagnostics:
                # nothing more is written, but every record is still scored for its own problems
                # (a value missing, a raise outside its band, a pool group): an officer with 250
                # rows mends them all at once, not one scoring problem a run
                if type(item) is not Scored:
                    _problems_only(evaluators, item, outcome, root, (number, at.line))
                continue
            scored = item if type(item) is Scored else _quiet(evaluators, item) if quiet else None
            if scored is not None:
                outcome.count += len(scored)
                if progress:
                    progress.update(self.task, completed=outcome.count)
                if output_format == "csv":
                    _write_csv(sink, writer, scored)
                elif scored:  # each json.dumps(evaluation_dict(e)), written by kpidsl/score/json_text.py
                    _write_json(sink, self.json_texts.each(scored), self.first)
                self.first = self.first and not scored  # an empty run wrote nothing: no comma owed
                continue
            report = _score(evaluators, item, outcome, root, (number, at.line))
            if report is None:
                continue
            for d in _pooled(ledger, report, item):  # seedrules hook (pool.py)
                outcome.report(d, (number, at.line))
            outcome.count += 1
            if progress and outcome.count % 1000 == 0:
                progress.update(self.task, completed=outcome.count)
            if output_format == "csv":
                writer.writerow(csv_row(report, item.person, item.round))
            elif output_format == "json":
                sink.write(("" if self.first else ",\n") + json.dumps(as_dict(report, explain, item.person,
                                                                              item.round), ensure_ascii=False))
            elif output_format == "xlsx":  # kpidsl/xlsx/scores.py: the figures, and the explanation --explain gives
                sink.add(as_dict(report, False, item.person, item.round),
                         text(report, root, lang, True, item.person, item.round))
            else:
                sink.write(("" if self.first else "\n") + text(report, root, lang, explain, item.person, item.round))
            self.first = False


JSON_PIECE = 32  # documents joined per write: not a run's whole text, megabytes made and freed per run


def _write_json(sink, texts, first: bool) -> None:
    """Documents after the ones written (none when ``first``), each after ",\\n"."""
    texts = iter(texts)
    piece = list(islice(texts, JSON_PIECE))
    while piece:
        sink.write(("" if first else ",\n") + ",\n".join(piece))
        first = False
        piece = list(islice(texts, JSON_PIECE))


def _quiet(evaluators: PlanEvaluator, record: Record) -> Scored | None:
    """A record (from JSON, or a CSV row the row path left to the reader) evaluated without
    a trace; None when it has something missing or wrong (then it is explained), or when it
    carries the seeds' rules that are reported with the figures (steps one by one, the survey
    sample size, a salary or pool group for the raise pool)."""
    inputs = record.inputs
    if inputs.steps_done or inputs.population is not None or inputs.salary is not None or inputs.grade \
            or inputs.group or getattr(evaluators.agreements.get(record.agreement), "population", None) is not None:
        return None
    evaluator = evaluators.get(record.agreement)
    run = Run()
    evaluation = evaluator.evaluate({k: e.fields for k, e in inputs.entries.items()}, inputs.round,
                                    inputs.submitted, inputs.raise_percent, run, record.person)
    return Scored([evaluation]) if run.clean else None


def _write_csv(sink, writer, scored: Scored) -> None:
    """The rows of evaluations: as csv.writer writes them, joined, or through it when a
    cell needs quoting or neutralising."""
    joined = evaluation_lines(scored)
    if joined is not None:
        sink.write(joined)
        return
    lines = [evaluation_line(e) for e in scored]
    if None not in lines:
        sink.write("".join(lines))
        return
    for evaluation, line in zip(scored, lines):
        if line is None:
            writer.writerow(evaluation_row(evaluation))
        else:
            sink.write(line)


def _pooled(ledger: PoolLedger, report, record: Record) -> list[Diagnostic]:
    """A scored record counted in its raise pool, when its results give a salary or a group;
    what is wrong with its pool (Q041, Q043, Q054)."""
    inputs = record.inputs
    if inputs.salary is None and not inputs.group:
        return []
    salary = inputs.salary if inputs.salary is not None else report.agreement.salary
    return ledger.add(report.framework, report.agreement, record.round, salary, inputs.group, report.amount,
                      record.span, record.cell_span("group"))


def _problems_only(evaluators: PlanEvaluator, record: Record, outcome: Outcome, root: str, origin: tuple,
                   ledger: PoolLedger | None = None) -> None:
    """A record's scoring problems, after a problem told (nothing is written): the quick
    evaluation first, the explained one only for a record it does not find clean. Its pool is
    checked in a ledger of its own, the batch's pools staying as they stood at the first
    problem, or in ``ledger`` (a record with a salary or a group is never quick)."""
    if _quiet(evaluators, record) is not None:
        return
    report = _score(evaluators, record, outcome, root, origin)
    if report is not None:
        for d in _pooled(PoolLedger() if ledger is None else ledger, report, record):
            outcome.report(d, origin)


def scoring_problems(evaluators: PlanEvaluator, record: Record, root: str = "",
                     ledger: PoolLedger | None = None) -> Outcome:
    """The problems scoring ``record`` finds (a value missing, a raise outside its band, its
    pool's), each told at its cell as `score` tells it (``root``: the rule set's name, for the
    hint naming a rule's line), the first MAX_DIAGNOSTICS kept and every one counted
    (``problems``): what `--person` counts of another person's row the reader took (Q062,
    kpidsl/score/results/one_person.py), in `score` and `render` alike, and what stops a
    row's forms in `render` (kpidsl/forms/fills.py). ``ledger``: the raise pools the record
    is counted in, whose finish() tells what `score` tells of the whole file's."""
    found = Outcome()
    with decimal.localcontext(CONTEXT):
        _problems_only(evaluators, record, found, root, (0, 0), ledger)
    return found


def _score(evaluators: PlanEvaluator, record: Record, outcome: Outcome, root: str, origin: tuple):
    report = explain_evaluation(evaluators.get(record.agreement), record.inputs)
    if len(outcome.diagnostics) >= MAX_DIAGNOSTICS:  # counted, not kept: as Outcome.report does
        outcome.problems += 1 if report.missing else len(report.problems)
        return None if report.missing or report.problems else report
    if report.missing:
        # at the first lacking cell the row has (left blank), else at the row (a column the file lacks)
        outcome.report(CODES["Q007"].at(record.blank_span(report.missing_columns), agreement=record.agreement,
                                        missing=Bi("; ".join(report.missing), "; ".join(report.missing_th)),
                                        columns=", ".join(f"`{c}`" for c in report.missing_columns)),
                       origin)
        return None
    for problem in report.problems:
        rule = f"{root}/{problem.source['path']}:{problem.source['line']}" if problem.source else root
        outcome.report(CODES[problem.code].at(record.cell_span(problem.column), rule=rule, **problem.fields), origin)
    return None if report.problems else report
