"""`kpidsl score --jobs N` (kpidsl/score/parts.py): a worker is handed the plan the command
compiled (its JSON text, once, by the pool's initializer) and never reads, checks or
compiles the rule set: it scores with the rule files gone, imports neither the checker
nor the parser, and its diagnostics keep their results file and line and the rule file
and line they point to (the rule set's name, sent with the plan)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from kpidsl.cli import commands, main
from kpidsl.plan import dumps
from kpidsl.score import parts
from kpidsl.score.batch import BATCH_GC_EVERY
from kpidsl.score.parts import Parts, cut_csv, shared_hash_pool

HEADER = "agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score"
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"
# What a worker has no need of to score: the checker, the parser (lark, the statement tree,
# the rule AST, its lowering) and the compiler.
NOT_FOR_SCORING = ("kpidsl.check", "kpidsl.syntax.parser", "kpidsl.syntax.cst", "kpidsl.syntax.ast",
                   "kpidsl.syntax.lower", "lark", "kpidsl.plan.compile")


def write(name: str, rows: int, bad: dict[int, str]) -> str:
    lines = [HEADER] + [bad.get(n) or f"janya_2554_r1,1,P{n},,{SCORES}" for n in range(rows)]
    Path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def test_workers_score_with_the_rule_files_gone(work, monkeypatch):
    # The rule set is moved away once the command has compiled it: the workers score from
    # the plan they are handed. A raise outside its band and over the cap in the second
    # part (Q023, Q024) is told at its results line, pointing at its rules' files and lines,
    # as one process tells it.
    name = write("r.csv", 6_000, {3_100: f"janya_2554_r1,1,P3100,9%,{SCORES}"})
    assert len(cut_csv(Path(name), 3)) == 3
    real = commands.load_plan

    def compiled_then_gone(ruleset, lang):
        loaded = real(ruleset, lang)
        shutil.move(str(ruleset), "gone")
        return loaded

    monkeypatch.setattr(commands, "load_plan", compiled_then_gone)
    runs = []
    for jobs in ("1", "3"):
        runs.append(CliRunner().invoke(main, ["score", "2554", "--results", name, "--lang", "en", "--format", "csv",
                                              "--jobs", jobs]))
        shutil.move("gone", "2554")
    one, many = runs
    assert (many.exit_code, many.stdout_bytes, many.stderr) == (one.exit_code, one.stdout_bytes, one.stderr)
    told = [line.split(" error")[0] for line in one.stderr.splitlines() if line.startswith("r.csv:")]
    assert one.exit_code == 1 and told == ["r.csv:3102:23: Q023", "r.csv:3102:23: Q024"]
    assert "the rule is at 2554/bands.kpi:" in one.stderr and "the rule is at 2554/individual.kpi:" in one.stderr


def test_a_worker_imports_no_checker_nor_parser(work, shipped_plan):
    plan = shipped_plan("2554")
    name = write("r.csv", 100, {})
    task = Parts("2554", plan, [Path(name)], None, None, "csv", False, "en", True, 2).task(Path(name), None)
    with shared_hash_pool(1, parts.take_plan, (dumps(plan), "2554")) as pool:
        result = pool.apply(parts.score_part, (task,))
        # eval is a builtin: asking the worker for its modules imports nothing more there
        modules = pool.apply(eval, ("sorted(__import__('sys').modules)",))
    assert result["count"] == 100 and not result["diagnostics"]
    assert "kpidsl.score.evaluate" in modules
    assert [m for m in modules if m.startswith(NOT_FOR_SCORING)] == []


def test_a_worker_collects_its_garbage_as_one_process_does(shipped_plan):
    # score_records collects every BATCH_GC_EVERY new containers, not Python's 700; a worker
    # that kept 700 spent about 0.4 s of CPU more on 200,000 rows.
    with shared_hash_pool(1, parts.take_plan, (dumps(shipped_plan("2554")), "2554")) as pool:
        assert pool.apply(eval, ("__import__('gc').get_threshold()[0]",)) == BATCH_GC_EVERY


def test_a_part_leaves_no_garbage_in_its_worker(work, shipped_plan):
    # Collected every BATCH_GC_EVERY containers only, the cycles of part after part
    # (reports, evaluators) piled up: a worker's memory grew with the parts it scored.
    plan = shipped_plan("2554")
    name = write("r.csv", 3_000, {})
    task = Parts("2554", plan, [Path(name)], None, None, "text", False, "en", True, 2).task(Path(name), None)
    with shared_hash_pool(1, parts.take_plan, (dumps(plan), "2554")) as pool:
        assert pool.apply(parts.score_part, (task,))["count"] == 3_000
        assert pool.apply(eval, ("__import__('gc').collect()",)) < 100
