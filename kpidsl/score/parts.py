"""`kpidsl score --jobs N`: a batch scored by N processes, with the same bytes out as one.

Each CSV file of the results is cut at line ends (never inside a quoted cell) into N
parts of about the same size, or more of about PART_BYTES each; JSON files, workbooks
and CSV files that cannot be cut safely (not UTF-8 at their head, a lone carriage return
ending lines, fewer rows than parts) are one part each. A worker is given only plain values — the rule set's path,
the file's path, the part's byte range and first line — and checks and compiles the rule
set itself (once per process), reads its rows under the file's header, and hands back
plain JSON-shaped values: their evaluations as the output's text, how many it scored,
its diagnostics with the line of their row, what it put in the raise pools. Nothing is
written to a file (kpidsl writes only the output the user named), and only a few parts
a process are given out ahead of the one being copied out (WINDOW), so the memory stays
flat in the rows.

This process meanwhile reads the keys of every row of each cut file (kpidsl/score/results/
``rows_given_twice``: the same filter and second pass as one process uses), for the rows
given twice across parts; then, part by part in file order, it copies the parts' output
into the one output, joined as one process joins evaluations, reports their diagnostics
(a column told at the header once, not once per part) and merges the raise pools
(PoolLedger.merge), so the pools, the diagnostics and their order are as with one process.
"""

from __future__ import annotations

import collections
import decimal
import io
import multiprocessing
from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.span import Span
from .batch import SEPARATOR, Outcome, Writing
from .numbers import CONTEXT
from .results import (MAX_CSV_BYTES, WORKBOOK_SUFFIXES, Part, ReadingAt, read_results, rows_given_twice)

_CHUNK = 1 << 20
_HEAD_BYTES = 64 * 1024
# A CSV file is cut into parts of about this many bytes (at least one a process): a
# worker hands its part's output back through the pool, and WINDOW parts a process wait
# at most, so the memory taken stays flat in the number of rows.
PART_BYTES = 2 * 1024 * 1024
WINDOW = 2


def parts_of(path: Path, jobs: int) -> int:
    """How many parts ``path`` is cut into for ``jobs`` processes."""
    try:
        size = path.stat().st_size
    except OSError:
        return jobs
    return max(jobs, -(-size // PART_BYTES))


def cut_csv(path: Path, parts: int) -> list[Part] | None:
    """``path`` cut into at most ``parts`` Parts at line ends outside quotes, or None when it
    is not a CSV that can be cut (then it is read whole, as one part)."""
    if path.suffix.lower() == ".json" or path.suffix.lower() in WORKBOOK_SUFFIXES or parts < 2:
        return None
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            return None
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
            cut = head.rfind(b"\n") + 1 if len(head) < size else len(head)
            try:
                text = head[:cut].decode("utf-8-sig")
            except UnicodeDecodeError:
                return None
            if "\x00" in text or text.lstrip().startswith(("{", "[")):
                return None
            f.seek(0)
            return _line_ends(f, size, parts)
    except OSError:
        return None


def _line_ends(f, size: int, parts: int) -> list[Part] | None:
    """One pass over the bytes: the header's end, then for each of the ``parts - 1`` targets
    (size × i / parts) the first line end after it at which the quotes are all closed (an
    even number of `"` before it: a doubled quote inside a cell counts two)."""
    targets = [size * i // parts for i in range(1, parts)]
    ends: list[tuple[int, int]] = []  # (the byte after a line end, the lines before it)
    want: int | None = 0  # the header's end first
    offset, quotes, lines, last = 0, 0, 0, b""
    while chunk := f.read(_CHUNK):
        lone = chunk.count(b"\r") - chunk.count(b"\r\n")
        lone -= 1 if chunk.endswith(b"\r") else 0  # the next chunk tells whether a \n follows it
        lone += 1 if last == b"\r" and not chunk.startswith(b"\n") else 0
        if lone:
            return None  # lines ended by a carriage return alone: the reader counts them otherwise
        while want is not None:
            p = chunk.find(b"\n", max(want - offset, 0))
            while p != -1 and (quotes + chunk.count(b'"', 0, p)) % 2:
                p = chunk.find(b"\n", p + 1)
            if p == -1:
                break
            ends.append((offset + p + 1, lines + chunk.count(b"\n", 0, p + 1)))
            want = max(targets[len(ends) - 1], ends[-1][0]) if len(ends) <= len(targets) else None
        quotes += chunk.count(b'"')
        lines += chunk.count(b"\n")
        offset += len(chunk)
        last = chunk[-1:]
    if last == b"\r":
        return None
    starts = [e for e in ends if e[0] < size]
    if len(starts) < 2:
        return None
    bounds = [s[0] for s in starts] + [size]
    return [Part(bounds[i], bounds[i + 1], starts[0][0], starts[i][1] + 1) for i in range(len(starts))]


@attrs.define
class Parts:
    """What `score --jobs` needs to have a batch scored by ``jobs`` processes (given to
    kpidsl.score.batch.score_records as ``parts``)."""

    ruleset: Path
    plan: dict
    files: list[Path]
    agreement: str | None
    round: str | None
    output_format: str
    explain: bool
    lang: str
    fast: bool
    jobs: int

    def write(self, w: Writing, outcome: Outcome) -> None:
        units: list[tuple[int, Path, Part | None]] = []
        cut_files = []
        for number, path in enumerate(self.files):
            cut = cut_csv(path, parts_of(path, self.jobs))
            if cut:
                cut_files.append((number, path))
            units += [(number, path, part) for part in cut] if cut else [(number, path, None)]
        tasks = [{"ruleset": str(self.ruleset), "agreement": self.agreement, "round": self.round,
                  "output_format": self.output_format, "explain": self.explain, "lang": self.lang,
                  "fast": self.fast, "path": str(path), "part": attrs.asdict(part) if part else None}
                 for _, path, part in units]
        # No fork: a worker starts clean and reads what it needs from the task alone.
        with multiprocessing.get_context("spawn").Pool(min(self.jobs, len(units))) as pool:
            # At most WINDOW parts a process are given out ahead of the one copied out: the
            # output waiting here stays a few parts long whatever the size of the batch.
            ahead = iter(tasks)
            given: collections.deque = collections.deque()

            def give() -> None:
                while len(given) < WINDOW * self.jobs and (task := next(ahead, None)) is not None:
                    given.append(pool.apply_async(score_part, (task,)))

            give()
            twice = {number: rows_given_twice(path, self.plan, self.agreement, self.round)
                     for number, path in cut_files}
            told: dict[int, set] = {}
            stopped: set[int] = set()
            for i, (number, path, part) in enumerate(units):
                result = given.popleft().get()
                give()
                if number not in stopped:
                    self._take(w, outcome, number, part, result, told.setdefault(number, set()))
                    if result["stopped"]:
                        stopped.add(number)
                del result
                if (i + 1 == len(units) or units[i + 1][0] != number) and number not in stopped:
                    for line, d in twice.get(number, ()):
                        outcome.put_back(d, (number, line))

    @staticmethod
    def _take(w: Writing, outcome: Outcome, number: int, part: Part | None, result: dict, told: set) -> None:
        """One part's diagnostics, pools and evaluations, after the parts before it."""
        kept = 0
        for line, plain in result["diagnostics"]:
            d = _diagnostic(plain)
            kept += 1
            if part is not None and d.span is not None and d.span.line < part.first_line:
                if d in told:  # a column told at the header by an earlier part already
                    continue
                told.add(d)
            outcome.report(d, (number, line))
        outcome.problems += result["problems"] - kept  # those a worker counted and did not keep
        w.ledger.merge(result["ledger"])
        outcome.count += result["count"]
        if outcome.diagnostics or result["empty"]:
            return
        if not w.first:
            w.sink.write(SEPARATOR[w.output_format])
        w.sink.write(result["body"])
        w.first = False


def _diagnostic(plain: dict) -> Diagnostic:
    span = plain.get("span")
    return Diagnostic(**{**plain, "span": Span(**span) if span else None})


_PLANS: dict[str, tuple[dict, str]] = {}


def _plan_of(ruleset: str) -> tuple[dict, str]:
    """The plan of a rule set (checked clean by the command already), compiled once a process."""
    if ruleset not in _PLANS:
        from ..check import check_paths
        from ..plan import compile_plan

        (rs,) = check_paths([Path(ruleset)]).rule_sets
        _PLANS[ruleset] = (compile_plan(rs, Path(rs.name)), rs.name)
    return _PLANS[ruleset]


def score_part(task: dict) -> dict:
    """A worker: one part (or one whole file) scored, its output handed back as text
    (``body``): nothing is written to a file, so nothing is left anywhere."""
    from .batch import quiet_formats
    from .evaluate import PlanEvaluator

    plan, root = _plan_of(task["ruleset"])
    output_format, path = task["output_format"], Path(task["path"])
    with decimal.localcontext(CONTEXT):
        evaluators = PlanEvaluator(plan)
        quiet = quiet_formats(task["fast"], task["explain"], output_format)
        outcome = Outcome()
        at = ReadingAt()
        part = Part(**task["part"]) if task["part"] else None
        sink = io.StringIO(newline="")
        w = Writing(output_format, task["explain"], task["lang"], root, quiet, evaluators, sink)
        w.write(read_results(path, plan, task["agreement"], task["round"], evaluators if quiet else None,
                             seen="maybe", at=at, part=part), outcome, 0, at)
    return {"count": outcome.count, "empty": w.first, "body": sink.getvalue(), "problems": outcome.problems,
            "stopped": at.stopped,
            "diagnostics": [[origin[1], attrs.asdict(d)] for d, origin in zip(outcome.diagnostics, outcome.origins)],
            "ledger": w.ledger.state()}
