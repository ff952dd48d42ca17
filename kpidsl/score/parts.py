"""`kpidsl score --jobs N`: a batch scored by N processes, with the same bytes out as one.

Each CSV file of the results is cut at line ends (LF, CR LF or a CR alone, as the reader
ends a line; never inside a quoted cell) into N parts of about the same size, or more of
about PART_BYTES each; JSON files, workbooks and CSV files that cannot be cut safely (not
UTF-8 at their head, fewer rows than parts) are one part each, and so is every file under an
interpreter that ignores the environment (`python -E`, `-I`: no hash seed reaches the
workers, below). Each worker is handed, once as it starts (the pool's initializer,
take_plan), the plan this process compiled, as its JSON text (kpidsl.plan.dumps, as
`kpidsl compile` writes it), and the rule set's name its diagnostics point into: it reads
the plan's typed model (kpidsl/plan/read.py typed_plan) and never reads, checks or
compiles the rule files, nor loads the checker or the parser. A task is only plain values
— the file's path, the part's byte range and first line — and the worker reads its rows
under the file's header, and hands back plain values:
their evaluations as the output's text, how many it scored, its diagnostics with the line
of their row, what it put in the raise pools, its rows' keys. Nothing is
written to a file (kpidsl writes only the output the user named), and only a few parts
a process are given out ahead of the one being copied out (WINDOW), so the memory stays
flat in the rows.

The workers are spawned with one hash seed of the run (shared_hash_pool), so the key a
worker gives a row (seen_rows.identity_key) is the key any other would: each hands back,
with a part's output, the keys and lines of the rows it keyed, as one process keys them
(seen_rows.PartKeys: 12 bytes a row, a part at a time). This process adds them to the
file's one MaybeSeenRows, part after part in file order, as one process adds them while
it reads; it never reads the file itself. Only when the filter has suspects, at the file's
end, does a worker read the file again (confirm_part) and say which rows were given twice
(Q006, put back in place as one process puts them). Part by part, in file order, this
process copies the parts' output into the one output, joined as one process joins
evaluations, reports their diagnostics (a column told at the header once, not once per
part) and merges the raise pools (PoolLedger.merge), so the pools, the diagnostics and
their order are as with one process.
"""

from __future__ import annotations

import collections
import contextlib
import decimal
import gc
import io
import json
import multiprocessing
import os
import re
import sys
from array import array
from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.span import Span
from ..plan import dumps
from ..regular_file import NotRegular, open_results
from .batch import BATCH_GC_EVERY, SEPARATOR, Outcome, Writing
from .numbers import CONTEXT
from .results import (MAX_CSV_BYTES, WORKBOOK_SUFFIXES, Part, ReadingAt, confirm_twice, given_twice, read_results)
from .results.header import line_ends_in_bytes
from .seen_rows import MaybeSeenRows, PartKeys

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


def cut_csv(path: Path, parts: int, folder: Path | None = None) -> list[Part] | None:
    """``path`` cut into at most ``parts`` Parts at line ends outside quotes, or None when it
    is not a CSV that can be cut (then it is read whole, as one part). ``folder``: the
    results folder named, ``path`` one of its entries (read_results)."""
    if path.suffix.lower() == ".json" or path.suffix.lower() in WORKBOOK_SUFFIXES or parts < 2:
        return None
    try:
        with open_results(path, folder) as f:  # a FIFO is not waited on: read whole, its reader tells it
            size = os.fstat(f.fileno()).st_size
            if size > MAX_CSV_BYTES:
                return None
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
    except (OSError, NotRegular):
        return None


_LINE_END = re.compile(rb"\n|\r(?!\n)")  # the last byte of a line end (a CR ending a chunk is read on)


def _line_ends(f, size: int, parts: int) -> list[Part] | None:
    """One pass over the bytes: the header's end, then for each of the ``parts - 1`` targets
    (size × i / parts) the first line end after it at which the quotes are all closed (an
    even number of `"` before it: a doubled quote inside a cell counts two). A line ends at
    LF, CR LF or a CR alone, as the reader ends it (kpidsl/score/results/csv_input.py): a
    chunk never ends between the CR and the LF of one."""
    targets = [size * i // parts for i in range(1, parts)]
    ends: list[tuple[int, int]] = []  # (the byte after a line end, the lines before it)
    want: int | None = 0  # the header's end first
    offset, quotes, lines = 0, 0, 0
    while chunk := f.read(_CHUNK):
        while chunk.endswith(b"\r") and (after := f.read(1)):
            chunk += after  # whether a LF follows it: a CR LF is one line end, never cut
        while want is not None:
            m = _LINE_END.search(chunk, max(want - offset, 0))
            while m is not None and (quotes + chunk.count(b'"', 0, m.start())) % 2:
                m = _LINE_END.search(chunk, m.end())
            if m is None:
                break
            ends.append((offset + m.end(), lines + line_ends_in_bytes(chunk[:m.end()])))
            want = max(targets[len(ends) - 1], ends[-1][0]) if len(ends) <= len(targets) else None
        quotes += chunk.count(b'"')
        lines += line_ends_in_bytes(chunk)
        offset += len(chunk)
    starts = [e for e in ends if e[0] < size]
    if len(starts) < 2:
        return None
    bounds = [s[0] for s in starts] + [size]
    return [Part(bounds[i], bounds[i + 1], starts[0][0], starts[i][1] + 1) for i in range(len(starts))]


@attrs.define
class Parts:
    """What `score --jobs` needs to have a batch scored by ``jobs`` processes (given to
    kpidsl.score.batch.score_records as ``parts``): ``root`` is the rule set's name, which
    the diagnostics of the plan's rules point into (``rule``: root/path:line)."""

    root: str
    plan: dict
    files: list[Path]
    agreement: str | None
    round: str | None
    output_format: str
    explain: bool
    lang: str
    fast: bool
    jobs: int
    # The results folder named, ``files`` its entries, each opened beneath it; None: a file named
    folder: Path | None = None

    def write(self, w: Writing, outcome: Outcome) -> None:
        units: list[tuple[int, Path, Part | None]] = []
        for number, path in enumerate(self.files):
            # A worker's keys mean something here only when every worker hashes alike: an
            # interpreter that ignores the environment (-E, -I) cannot be given the seed.
            cut = cut_csv(path, parts_of(path, self.jobs), self.folder) if hash_seed_passes() else None
            units += [(number, path, part) for part in cut] if cut else [(number, path, None)]
        tasks = [self.task(path, part) for _, path, part in units]
        # No fork: a worker starts clean, with the plan (sent once to each) and its tasks alone.
        with shared_hash_pool(min(self.jobs, len(units)), take_plan, (dumps(self.plan), self.root)) as pool:
            # At most WINDOW parts a process are given out ahead of the one copied out: the
            # output waiting here stays a few parts long whatever the size of the batch.
            ahead = iter(tasks)
            given: collections.deque = collections.deque()

            def give() -> None:
                while len(given) < WINDOW * self.jobs and (task := next(ahead, None)) is not None:
                    given.append(pool.apply_async(score_part, (task,)))

            give()
            told: dict[int, set] = {}
            stopped: set[int] = set()
            probe = _Probe()
            maybe: MaybeSeenRows | None = None  # the rows seen of the file being copied out, when cut
            for i, (number, path, part) in enumerate(units):
                result = given.popleft().get()
                give()
                if part is not None:  # a file not cut keeps its keys to itself
                    probe.check(result["probe"])
                    if maybe is None:
                        maybe = MaybeSeenRows()
                if number not in stopped:
                    self._take(w, outcome, number, part, result, told.setdefault(number, set()))
                    if result["stopped"]:
                        stopped.add(number)
                    elif maybe is not None:  # in file order: a key's first line is its first row's
                        maybe.add_all(_array("q", result["keys"]), _array("I", result["lines"]))
                del result
                if i + 1 < len(units) and units[i + 1][0] == number:
                    continue
                if maybe is not None and maybe.suspects and number not in stopped:
                    self._put_back_twice(pool, probe, outcome, number, path, maybe)
                maybe = None

    def task(self, path: Path, part: Part | None) -> dict:
        """What a worker is given to score ``part`` of ``path`` (the whole file: None)."""
        return {"agreement": self.agreement, "round": self.round, "output_format": self.output_format,
                "explain": self.explain, "lang": self.lang, "fast": self.fast, "path": str(path),
                "folder": _named(self.folder), "part": attrs.asdict(part) if part else None}

    def _put_back_twice(self, pool, probe: "_Probe", outcome: Outcome, number: int, path: Path,
                        maybe: MaybeSeenRows) -> None:
        """The rows of a cut file given twice, found at its end by a worker's second pass
        over it among the filter's suspects (confirm_part), put back in place as one process
        puts them (Outcome.put_back)."""
        keys, lines = _array("q", maybe.suspects), maybe.suspect_lines()
        lines = None if lines is None else _array("I", lines).tobytes()  # None: not known, every line
        result = pool.apply(confirm_part, ({"agreement": self.agreement, "round": self.round, "path": str(path),
                                            "folder": _named(self.folder), "keys": keys.tobytes(), "lines": lines},))
        probe.check(result["probe"])
        for line, d in given_twice(path, self.plan, result["twice"]):
            outcome.put_back(d, (number, line))

    @staticmethod
    def _take(w: Writing, outcome: Outcome, number: int, part: Part | None, result: dict, told: set) -> None:
        """One part's diagnostics, pools and evaluations, after the parts before it. Every
        record's problems count, as one process tells them (Writing.write scores on after a
        problem, writing nothing); after a problem told, none of this part's evaluations or
        raise pools do."""
        scored = not outcome.diagnostics
        kept = 0
        for line, plain in result["diagnostics"]:
            kept += 1
            d = _diagnostic(plain)
            if part is not None and d.span is not None and d.span.line < part.first_line:
                if d in told:  # a column told at the header by an earlier part already
                    continue
                told.add(d)
            outcome.report(d, (number, line))
        outcome.problems += result["problems"] - kept  # those a worker counted and did not keep
        if not scored:
            return
        w.ledger.merge(result["ledger"])
        outcome.count += result["count"]
        if result["count"]:
            outcome.scored_files.add(number)
        if outcome.diagnostics or result["empty"]:
            return
        if not w.first:
            w.sink.write(SEPARATOR[w.output_format])
        w.sink.write(result["body"])
        w.first = False


def _named(folder: Path | None) -> str | None:
    return None if folder is None else str(folder)


def _path(named: str | None) -> Path | None:
    return None if named is None else Path(named)


def _diagnostic(plain: dict) -> Diagnostic:
    span = plain.get("span")
    return Diagnostic(**{**plain, "span": Span(**span) if span else None})


def hash_seed_passes() -> bool:
    """Whether spawned workers can be given a hash seed through the environment (not under
    `python -E` or `-I`, which multiprocessing passes on to them)."""
    return not sys.flags.ignore_environment


@contextlib.contextmanager
def shared_hash_pool(processes: int, initializer=None, initargs: tuple = ()):
    """A pool of ``processes`` spawned workers that all hash alike: a seed of this run
    (random, as Python's own) set as PYTHONHASHSEED while the pool starts them, each
    inheriting this process's environment, then put back. Their identity_key is one
    function, so the keys of a part's rows mean the same whichever worker read it. Each
    worker runs ``initializer(*initargs)`` as it starts (take_plan)."""
    before = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = str(int.from_bytes(os.urandom(4), "little"))
    try:
        pool = multiprocessing.get_context("spawn").Pool(processes, initializer, initargs)  # starts every worker now
    finally:
        if before is None:
            del os.environ["PYTHONHASHSEED"]
        else:
            os.environ["PYTHONHASHSEED"] = before
    with pool:
        yield pool


def _probe() -> int:
    """What a worker's hash makes of a fixed text: the same in every worker of one seed."""
    return hash("kpidsl score --jobs")


class _Probe:
    """The hash of the first worker heard from: every other must hash alike (one the pool
    started again, after the seed was put back, would not, and its keys would mean nothing)."""

    def __init__(self) -> None:
        self.seen: int | None = None

    def check(self, probe: int) -> None:
        if self.seen is None:
            self.seen = probe
        if probe != self.seen:  # not an assert: `python -O` would drop it, and duplicates go unseen
            raise RuntimeError("the workers of score --jobs hash apart")


def _array(kind: str, values) -> array:
    """An array of ``kind`` from a worker's bytes, or from values."""
    made = array(kind)
    if isinstance(values, bytes):
        made.frombytes(values)
    else:
        made.extend(values)
    return made


# A worker's plan (typed) and the rule set's name, as take_plan was handed them.
_GIVEN: dict = {}


def take_plan(text: str, root: str) -> None:
    """A worker's start (the pool's initializer): the plan the command compiled, from its
    JSON text, read once into the typed model (trusted: the command compiled it from a rule
    set it checked clean), and ``root``, the rule set's name its diagnostics point into.
    The worker collects its garbage as one process does while it scores a batch (every
    BATCH_GC_EVERY new containers, kpidsl/score/batch.py score_records): it does nothing else."""
    from ..plan.read import typed_plan

    gc.set_threshold(BATCH_GC_EVERY, *gc.get_threshold()[1:])
    _GIVEN["plan"], _GIVEN["root"] = typed_plan(json.loads(text)), root


def _plan_of() -> tuple:
    """This worker's plan and rule set name (take_plan)."""
    return _GIVEN["plan"], _GIVEN["root"]


def score_part(task: dict) -> dict:
    """A worker: one part (or one whole file) scored, its output handed back as text
    (``body``): nothing is written to a file, so nothing is left anywhere, and no garbage
    either. The worker collects as one process scoring a batch does (every BATCH_GC_EVERY
    new containers, take_plan), and the cycles a part leaves (its reports, its evaluators)
    once the part is done: a worker's memory stays flat in the number of parts, as one
    process's in the rows (without, a worker of `--jobs 2` on 1.6 million rows reached
    73 MB where a part's collection keeps it at 42)."""
    result = _scored_part(task)
    gc.collect()
    return result


def _scored_part(task: dict) -> dict:
    from .batch import quiet_formats
    from .evaluate import PlanEvaluator

    plan, root = _plan_of()
    output_format, path = task["output_format"], Path(task["path"])
    with decimal.localcontext(CONTEXT):
        evaluators = PlanEvaluator(plan)
        quiet = quiet_formats(task["fast"], task["explain"], output_format)
        outcome = Outcome()
        at = ReadingAt()
        part = Part(**task["part"]) if task["part"] else None
        sink = io.StringIO(newline="")
        w = Writing(output_format, task["explain"], task["lang"], root, quiet, evaluators, sink)
        keys = PartKeys()
        w.write(read_results(path, plan, task["agreement"], task["round"], evaluators if quiet else None,
                             seen="maybe", at=at, part=part, keys=keys, folder=_path(task["folder"])), outcome, 0, at)
    return {"count": outcome.count, "empty": w.first, "body": sink.getvalue(), "problems": outcome.problems,
            "stopped": at.stopped, "keys": keys.keys.tobytes(), "lines": keys.lines.tobytes(), "probe": _probe(),
            "diagnostics": [[origin[1], attrs.asdict(d)] for d, origin in zip(outcome.diagnostics, outcome.origins)],
            "ledger": w.ledger.state()}


def confirm_part(task: dict) -> dict:
    """A worker: the rows of a cut CSV file given twice among its filter's suspects (keys
    made by this seed's hash), as (line, first line, identity), by line (confirm_twice)."""
    plan, _ = _plan_of()
    keys = _array("q", task["keys"])
    lines = None if task["lines"] is None else set(_array("I", task["lines"]))
    twice = confirm_twice(Path(task["path"]), plan, task["agreement"], task["round"], set(keys), lines,
                          _path(task["folder"]))
    return {"twice": twice, "probe": _probe()}
