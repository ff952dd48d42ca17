"""Test-wide settings and the shipped rule sets' plans."""

from __future__ import annotations

import copy
import shutil
import signal
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_as_at_a_terminal():
    """A shell runs a job it puts in the background with Ctrl-C (SIGINT) ignored, and a process
    started with it ignored keeps it so (Python then installs no KeyboardInterrupt): the tests
    that send SIGINT to a `kpidsl` they start (test_stopped_by_signals.py, test_score_output.py,
    test_score_jobs_signals.py) would see it pass unheard. As at a terminal, whatever started
    pytest: the processes it starts begin with SIGINT's default, and Python's handler."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_in_a_temporary_folder(tmp_path_factory):
    """The parse cache (kpidsl/syntax/cache.py) is on, as for users, but in a folder of
    the test session's own rather than the user's ~/.cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KPIDSL_CACHE_DIR", str(tmp_path_factory.mktemp("kpidsl-cache")))
    mp.delenv("KPIDSL_NO_CACHE", raising=False)
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _each_test_reads_its_own_cells():
    """The results reader keeps the texts of number cells it has read, with their numbers,
    for the life of the process (kpidsl/score/number_cells.py NUMBERS_READ): emptied before
    each test, so a test reads its cells through the reader, not through what an earlier
    test left (a mutated reader went unnoticed by every test after the first: mutation
    testing, benchmarks/mutation_scores.py)."""
    from kpidsl.score.number_cells import NUMBERS_READ

    NUMBERS_READ.clear()


@pytest.fixture(scope="session")
def shipped_plan():
    """``shipped_plan("2555")``: the plan of rules/2555, checked clean and compiled once per
    test session; each call gets its own copy, so a test cannot change another's plan.
    ``root`` is the rule-set path the plan's paths are relative to (its name by default)."""
    plans: dict[tuple[str, str | None], dict] = {}

    def plan(year: str, root: str | None = None) -> dict:
        if (year, root) not in plans:
            result = check_paths([ROOT / "rules" / year])
            assert not result.errors and not result.io_trouble
            (rs,) = result.rule_sets
            plans[year, root] = compile_plan(rs, Path(root or rs.name))
        return copy.deepcopy(plans[year, root])

    return plan


@pytest.fixture
def ruleset(tmp_path) -> Path:
    """A copy of rules/2555 to edit (the editor tests open and change its files)."""
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    return tmp_path / "2555"


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """A working folder holding a copy of rules/2554, as the current directory. A test file
    that needs other rule sets there defines its own ``work``."""
    shutil.copytree(ROOT / "rules" / "2554", tmp_path / "2554")
    monkeypatch.chdir(tmp_path)
    return tmp_path
