"""Items sorted with memory flat in their number: an external merge sort.

The items are taken RUN_ROWS at a time, each run sorted in memory and written as text
lines (one JSON value a line, ASCII: a lone surrogate of a results cell is written as its
escape) into a folder made for the run; reading them merges the runs (heapq.merge, stable:
equal keys keep the order they came in). Nothing written is code: the lines are parsed back
by the caller's ``decode`` from plain JSON values (no pickle).

Where the folder is: hidden beside the output file (kpidsl/working_folders.py: made in the
output's folder as opened, never by its path),
or for standard output one made for the run in kpidsl's cache folder (kpidsl/run_folders.py,
removed after the run and, when a killed run left it, by the next). With no folder (the
cache off with KPIDSL_NO_CACHE=1, or one that cannot be made) the items are held in memory,
as the same lines, and sorted there: the same order, the same bytes out.

`kpidsl diff --rescore` sorts its review by the largest change with it (kpidsl/diff/rescore.py);
`kpidsl render --results` its rows by agreement (kpidsl/forms/fills.py).
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

# Items sorted in memory before a run is written: up to this many, nothing is written at all.
# A name looked up at each sort, so that a test may make it tiny and take the merge's path
# on small data (tests/test_sorted_spill.py).
RUN_ROWS = 10_000
# Runs merged at once at most: each open run holds a file's buffers (some 16 kB) and a
# descriptor, so when there are this many they are merged into one run first (a long input's
# memory stays flat in its runs too, and its descriptors under the system's limit).
FAN_IN = 64


class SpillFolder:
    """A folder of kpidsl's own for one run's sorted runs, removed with everything in it by
    :meth:`remove` (a ``with`` block's end, a failing run's too). ``path`` is None when there
    is none: the items are then held in memory."""

    def __init__(self, path: Path | None, working=None) -> None:
        self.path = path  # where its files are made: a folder in the cache, or ``working``'s
        self._working = working  # made beside the output (kpidsl/working_folders.py), or None
        self.made = path if working is None else working.made  # only a folder made here is removed
        self._count = 0

    @classmethod
    def for_output(cls, output: Path | None, kind: str) -> "SpillFolder":
        """Hidden beside the output ``output`` (a file or a folder), or, for standard output
        (None), made for the run in kpidsl's cache folder (``kind`` one of run_folders.KINDS)."""
        if output is None:
            from .run_folders import in_cache

            return cls(in_cache(kind))
        from .working_folders import made_beside_path

        # beside the output, in a folder others may write in: made in that folder as it is
        # opened now, its files in the folder made, never through a link put at a name since
        working = made_beside_path(output, kind)
        return cls(None) if working is None else cls(working.path, working)

    def next_file(self) -> Path:
        self._count += 1
        return self.path / f"run{self._count}.jsonl"

    def remove(self) -> None:
        if self._working is not None:
            self._working.remove(whole=True)
        elif self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)  # the cache's: a real folder, no link followed in it
        self.path = self.made = self._working = None

    def __enter__(self) -> "SpillFolder":
        return self

    def __exit__(self, *exc) -> None:
        self.remove()


class Sorted:
    """``items`` sorted by ``key`` (stable), read as often as asked (each reading merges
    the runs again). ``encode`` makes an item a JSON value, ``decode`` the item again: a
    decoded item must sort and read as the one encoded."""

    def __init__(self, items: Iterable, key: Callable[[Any], Any], encode: Callable[[Any], Any],
                 decode: Callable[[Any], Any], folder: SpillFolder | None) -> None:
        self.key, self._decode = key, decode
        self._runs: list[Path] = []
        self.count = 0
        run_rows = RUN_ROWS
        # Each item waits as its line (a row's record: 1.3 kB where the record took 8.9 kB),
        # beside its key: the runs and the items held are the same text, read back the same way.
        dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode
        buffer: list[tuple[Any, str]] = []
        spill = folder is not None and folder.path is not None
        for item in items:
            buffer.append((key(item), dumps(encode(item))))
            self.count += 1
            if spill and len(buffer) >= run_rows:
                self._add_run(folder, buffer)
                buffer = []
        if self._runs and buffer:
            self._add_run(folder, buffer)
            buffer = []
        buffer.sort(key=_first)
        self._held = buffer

    def _add_run(self, folder: SpillFolder, buffer: list[tuple[Any, str]]) -> None:
        buffer.sort(key=_first)
        self._runs.append(_write_run(folder.next_file(), (line for _, line in buffer)))
        if len(self._runs) >= FAN_IN:  # merged into one: the earlier runs' order first, as heapq.merge keeps it
            merged = _write_run(folder.next_file(), (line for _, _, line in self._merged()))
            self.discard()
            self._runs = [merged]

    @property
    def spilled(self) -> bool:
        return bool(self._runs)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator:
        if not self._runs:
            return (self._decode(json.loads(line)) for _, line in self._held)
        return (item for _, item, _ in self._merged())

    def with_lines(self) -> Iterator[tuple[Any, str]]:
        """Each item in order with its line (a JSON text ending in a newline), to be kept as it is."""
        if not self._runs:
            return ((self._decode(json.loads(line)), line + "\n") for _, line in self._held)
        return ((item, line) for _, item, line in self._merged())

    def _merged(self) -> Iterator[tuple[Any, Any, str]]:
        return heapq.merge(*(self._read(path) for path in self._runs), key=_first)

    def _read(self, path: Path) -> Iterator[tuple[Any, Any, str]]:
        with open(path, encoding="ascii", newline="\n") as f:
            for line in f:
                item = self._decode(json.loads(line))
                yield self.key(item), item, line

    def discard(self) -> None:
        """Its runs removed now, before the folder is (a pass that reads them once)."""
        for path in self._runs:
            try:
                os.unlink(path)
            except OSError:
                pass
        self._runs = []


def _first(pair: tuple) -> Any:
    return pair[0]


def _write_run(path: Path, lines: Iterable[str]) -> Path:
    """``lines`` (sorted; a merged run's end in a newline already) as a new file's lines."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    with open(fd, "w", encoding="ascii", newline="\n") as f:
        f.writelines(line if line.endswith("\n") else line + "\n" for line in lines)
    return path
