"""Scoring a results file or folder: one evaluation or 400,000, streamed.

Records are scored as they are read and written out one by one (memory flat in the
number of rows, in every format) to output that appears whole or not at all
(kpidsl.score.pending_output): if any record has a problem, or the run is interrupted,
the diagnostics are reported and no output is left behind, so a half-scored batch never
exists.
"""

from __future__ import annotations

import csv
import decimal
import json
import sys
from pathlib import Path
from typing import Callable

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES, Bi
from .compiled import Compiled, Slow
from .engine import score_agreement
from .numbers import CONTEXT
from .pending_output import PendingOutput, stopped_by_signals
from .report import CSV_HEADER, as_dict, csv_row, text
from .results import Record, Scored, read_results, results_files

MAX_DIAGNOSTICS = 200


@attrs.define
class Outcome:
    text: str = ""
    count: int = 0
    files: int = 0
    # The first MAX_DIAGNOSTICS problems found, and how many there were in all.
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    problems: int = 0
    data: bytes = b""  # `--format xlsx` to standard output: the workbook

    def report(self, diagnostic: Diagnostic) -> None:
        self.problems += 1
        if len(self.diagnostics) < MAX_DIAGNOSTICS:
            self.diagnostics.append(diagnostic)


def _progress(total_bytes: int):
    """A rich progress bar on a terminal, nothing elsewhere."""
    if not sys.stderr.isatty() or total_bytes < 1_000_000:
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("scoring"), BarColumn(), TextColumn("{task.completed:,} evaluations"),
                        TimeRemainingColumn(), transient=True)
    return progress


def score_records(plan: dict, root: str, results: Path, agreement: str | None, round_: str | None, fmt: str,
                  explain: bool, lang: str, output: Path | None, *, fast: bool = True,
                  emit: Callable[[str], None] | None = None, bom: bool = False) -> Outcome:
    """Score every evaluation of ``results``. Without --explain, the CSV and JSON formats use
    the compiled scorer (kpidsl.score.compiled), which gives the engine's figures without its
    explanations; an evaluation it is not sure of, and ``fast=False``, go through the engine.
    The output goes to ``output``, else to ``emit`` piece by piece, else to Outcome.text;
    nothing is written anywhere when a record has a problem. ``bom``: a CSV starts with a
    byte-order mark, for Excel to read it as UTF-8."""
    # The compiled scorer adds with + and sum(), which take the thread's context: run at
    # CONTEXT's digits, as the engine does, whatever the caller's context says. (The cyclic
    # garbage collector stays on: the engine's reports hold cycles, and with it off a batch
    # kept every report it made.)
    with decimal.localcontext(CONTEXT), stopped_by_signals():
        return _score_records(plan, root, results, agreement, round_, fmt, explain, lang, output, fast, emit, bom)


def _score_records(plan: dict, root: str, results: Path, agreement: str | None, round_: str | None, fmt: str,
                   explain: bool, lang: str, output: Path | None, fast: bool,
                   emit: Callable[[str], None] | None, bom: bool = False) -> Outcome:
    files = results_files(results)
    compiled = Compiled(plan) if fast and not explain and fmt in ("csv", "json") else None
    outcome = Outcome(files=len(files))
    if fmt == "xlsx":
        from ..xlsx.scores import PendingScores  # the optional extra `xlsx`: the command checks it is there

        pending = PendingScores(output, lang)
    else:
        pending = PendingOutput(output, emit)
    try:
        if bom and fmt == "csv":
            pending.file.write("\ufeff")
        _write_all(plan, root, files, agreement, round_, fmt, explain, lang, compiled, outcome, pending.file)
    except BaseException:
        pending.discard()
        raise
    if outcome.diagnostics:
        pending.discard()
    else:
        made = pending.commit()
        if isinstance(made, bytes):
            outcome.data = made
        else:
            outcome.text = made or ""
    return outcome


def _write_all(plan: dict, root: str, files: list[Path], agreement: str | None, round_: str | None, fmt: str,
               explain: bool, lang: str, compiled: Compiled | None, outcome: Outcome, sink) -> None:
    writer = csv.writer(sink, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writerow(CSV_HEADER)
    if fmt == "json":
        sink.write("[\n")
    total_bytes = sum(f.stat().st_size for f in files)
    progress = _progress(total_bytes)
    task = progress.add_task("score", total=None) if progress else None
    if progress:
        progress.start()
    first = True
    try:
        for path in files:
            for item in read_results(path, plan, agreement, round_, compiled):
                if isinstance(item, Diagnostic):
                    outcome.report(item)
                    continue
                if outcome.diagnostics:
                    continue  # keep reading to report every problem, but write nothing more
                scored = item if type(item) is Scored else _compiled(compiled, item)
                if scored is not None:
                    outcome.count += len(scored)
                    if progress:
                        progress.update(task, completed=outcome.count)
                    if fmt == "csv":
                        _write_csv(sink, writer, scored)
                    else:
                        for figures in scored:
                            sink.write(("" if first else ",\n") + json.dumps(figures.compiled.as_dict(figures),
                                                                             ensure_ascii=False))
                            first = False
                    first = False
                    continue
                report = _score(plan, item, outcome, root)
                if report is None:
                    continue
                outcome.count += 1
                if progress and outcome.count % 1000 == 0:
                    progress.update(task, completed=outcome.count)
                if fmt == "csv":
                    writer.writerow(csv_row(report, item.person, item.round))
                elif fmt == "json":
                    sink.write(("" if first else ",\n") + json.dumps(as_dict(report, explain, item.person, item.round),
                                                                     ensure_ascii=False))
                elif fmt == "xlsx":  # kpidsl/xlsx/scores.py: the figures, and the explanation --explain gives
                    sink.add(as_dict(report, False, item.person, item.round), text(report, root, lang, True))
                else:
                    sink.write(("" if first else "\n") + text(report, root, lang, explain))
                first = False
        if fmt == "json":
            sink.write("\n]\n")
    finally:
        if progress:
            progress.stop()


def _compiled(compiled: Compiled | None, record: Record) -> Scored | None:
    """A record (from JSON, or a CSV row the fast reader left to the reader) scored by the
    compiled scorer; None when the engine must see it."""
    if compiled is None:
        return None
    ca = compiled.get(record.agreement)
    if ca is None:
        return None
    try:
        return Scored([ca.score(record.inputs, record.person)])
    except Slow:
        return None


def _write_csv(sink, writer, scored: Scored) -> None:
    """The rows of the compiled scorer: as csv.writer writes them, joined, or through it
    when a cell needs quoting."""
    lines = [figures[0].csv_line(figures) for figures in scored]
    if None not in lines:
        sink.write("".join(lines))
        return
    for figures, line in zip(scored, lines):
        if line is None:
            writer.writerow(figures[0].csv_row(figures))
        else:
            sink.write(line)


def _score(plan: dict, record: Record, outcome: Outcome, root: str):
    report = score_agreement(plan, record.agreement, record.inputs)
    if len(outcome.diagnostics) >= MAX_DIAGNOSTICS:
        return None if report.missing or report.problems else report
    if report.missing:
        outcome.report(CODES["Q007"].at(record.span, agreement=record.agreement,  # each language its own words
                                        missing=Bi("; ".join(report.missing), "; ".join(report.missing_th))))
        return None
    for problem in report.problems:
        where = f"{root}/{problem.source['path']}:{problem.source['line']}" if problem.source else ""
        outcome.report(CODES["Q011"].at(record.span, message=problem.message_en,
                                                    message_th=problem.message_th,
                                                    hint=f"the rule is at {where}" if where else "",
                                                    hint_th=f"กฎอยู่ที่ {where}" if where else ""))
    return None if report.problems else report
