"""The raise pool (seed 001, ว 28/52 ข้อ 1 and 3): 3 % of the salaries held
on the round's date, per declared pool group (วิชาการ + ทั่วไป, บริหาร, อำนวยการ), against the
raises given; "ใช้วงเงินในแต่ละกลุ่มก่อน หากมีเหลือค่อยเกลี่ย" is `leftover spread`, the default.
A batch whose raises exceed its pool is Q042 at the last row that gave the pool a raise (the
ledger keeps sums, not rows: kpidsl/score/pool.py says why)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tracemalloc
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.diagnostics.cli_texts import both
from kpidsl.diagnostics.hints import hint
from kpidsl.diagnostics.registry import CODES, Bi
from kpidsl.diagnostics.span import Span
from kpidsl.plan import compile_plan
from kpidsl.plan.model import Agreement, Framework, Source
from kpidsl.plan.read import typed_plan
from kpidsl.score.pool import PoolLedger, baht, pool_rule, pool_text

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score")
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: achievement 72, competency 68 → 70.8, ดี


def row(person: str, raise_: str, salary: str, group: str, round_: str = "1") -> str:
    return f'janya_2554_r1,{round_},{person},{raise_},"{salary}",{group},{SCORES}'


@pytest.fixture(scope="module")
def plan():
    result = check_paths([ROOT / "rules" / "2554"])
    assert not result.errors
    return compile_plan(result.rule_sets[0], ROOT / "rules" / "2554")


def _framework(plan: dict) -> Framework:
    return typed_plan(plan).framework("individual")


def _agreement(framework: Framework) -> Agreement:
    """An agreement of the framework that names no round of its own."""
    return Agreement("a", None, framework, None, None, None, None, (), None, None, None, (), None, None,
                     Source("a.kpi", 1), None, (), ())


def test_the_shipped_salary_rules_declare_the_seeds_groups(plan):
    salary = _framework(plan).salary
    assert [g.id for g in salary.groups] == ["academic_general", "executive", "director"]
    assert salary.leftover == "spread"
    assert (pool_rule(salary, "1").percent, pool_rule(salary, "1").on.end) == (Decimal(3), dt.date(2011, 3, 1))
    assert pool_rule(salary, "2").on.end == dt.date(2011, 9, 1)


def _span(line: int) -> Span:
    return Span("r.csv", line, 1, line, 2)


def test_pool_is_3_percent_of_the_groups_salaries(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = PoolLedger()
    for line, (salary, amount) in enumerate([(28_000, 920), (36_020, 1_080), (20_000, 0)], start=2):
        assert ledger.add(fw, agreement, "1", Decimal(salary), "academic_general", Decimal(amount), _span(line)) == []
    lines, diags = ledger.finish()
    assert diags == []
    (only,) = lines
    # 3% × (28,000 + 36,020 + 20,000) = 3% × 84,020 = 2,520.60; given 2,000; left 520.60
    assert (only.people, only.salaries, only.pool, only.given, only.left) == (
        3, Decimal(84_020), Decimal("2520.60"), Decimal(2_000), Decimal("520.60"))


def test_a_group_over_its_pool_is_covered_by_what_another_leaves(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = PoolLedger()
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(920), _span(2))
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(920), _span(3))
    ledger.add(fw, agreement, "1", Decimal(40_000), "executive", None, _span(4))
    lines, diags = ledger.finish()
    assert diags == []  # 1,840 > 1,680 in the group, but the round's pools hold 2,880
    assert [ln.left for ln in lines] == [Decimal(-160), Decimal(1_200)]


def test_keep_checks_each_group_and_locates_its_last_raise(plan):
    fw = _framework(plan)
    fw = attrs.evolve(fw, salary=attrs.evolve(fw.salary, leftover="keep"))
    ledger = PoolLedger()
    agreement = _agreement(fw)
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(920), _span(2))
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(920), _span(3))
    ledger.add(fw, agreement, "1", Decimal(40_000), "executive", None, _span(4))
    _, diags = ledger.finish()
    assert [(d.code, d.span.line) for d in diags] == [("Q042", 3)]


def test_the_error_is_at_the_last_row_that_gave_a_raise(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = PoolLedger()
    # 3% × 28,000 = 840: row 2 alone (2,000) is over already; rows 3 and 5 give nothing
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(2_000), _span(2))
    ledger.add(fw, agreement, "1", Decimal(1), "academic_general", None, _span(3))
    ledger.add(fw, agreement, "1", Decimal(1), "academic_general", Decimal(10), _span(4))
    ledger.add(fw, agreement, "1", Decimal(1), "academic_general", Decimal(0), _span(5))
    lines, diags = ledger.finish()
    assert [ln.given for ln in lines] == [Decimal(2_010)]
    assert [(d.code, d.span.line) for d in diags] == [("Q042", 4)]


def _ledger(fw, agreement, rows) -> PoolLedger:
    ledger = PoolLedger()
    for line, group, salary, amount in rows:
        ledger.add(fw, agreement, "1", Decimal(salary), group, Decimal(amount), _span(line))
    return ledger


@pytest.mark.parametrize("leftover", ["spread", "keep"])
def test_ledgers_of_consecutive_parts_merge_into_the_one_ledger(plan, leftover):
    fw = _framework(plan)
    fw = attrs.evolve(fw, salary=attrs.evolve(fw.salary, leftover=leftover))
    agreement = _agreement(fw)
    rows = [(2, "academic_general", 28_000, 920), (3, "executive", 40_000, 2_000), (4, "academic_general", 28_000, 0),
            (5, "academic_general", 28_000, 900), (6, "executive", 40_000, 500)]
    whole = _ledger(fw, agreement, rows)
    first, second = _ledger(fw, agreement, rows[:2]), _ledger(fw, agreement, rows[2:])
    first.merge(json.loads(json.dumps(second.state())))  # as a worker of `score --jobs` hands it over
    assert first.finish() == whole.finish()
    _, diags = whole.finish()
    # spread: given 4,320 ≤ 3% × 164,000 = 4,920; keep: executive gives 2,500 > 3% × 80,000 = 2,400,
    # located at its last raise (row 6)
    assert [(d.code, d.span.line) for d in diags] == ([] if leftover == "spread" else [("Q042", 6)])


def test_a_ledger_merged_into_an_empty_one_keeps_every_pool_as_it_was(plan):
    # a worker's ledger handed to a parent that has not met the pools yet: the share, the title of
    # the group, the date the salaries are held on (none for a pool that names none) and the last
    # raise (none for a group that gave none) are carried over, not only the sums
    fw = _framework(plan)
    undated = attrs.evolve(fw.salary, pools=tuple(attrs.evolve(p, on=None) if p.round == "2" else p
                                                  for p in fw.salary.pools))
    fw_undated = attrs.evolve(fw, salary=undated)
    agreement = _agreement(fw)
    worker = _ledger(fw, agreement, [(2, "academic_general", 28_000, 920), (3, "director", 30_000, 0)])
    worker.add(fw_undated, agreement, "2", Decimal(40_000), "executive", Decimal(1_300), _span(4))
    parent = PoolLedger()
    parent.merge(json.loads(json.dumps(worker.state())))
    assert parent.finish() == worker.finish()
    assert [(ln.title, ln.percent, ln.on) for ln in parent.lines()] == [
        ("ประเภทวิชาการ + ทั่วไป", Decimal(3), dt.date(2011, 3, 1)), ("ประเภทอำนวยการ", Decimal(3), dt.date(2011, 3, 1)),
        ("ประเภทบริหาร", Decimal(3), None)]
    # the executive's 1,300 is over 3% × 40,000 = 1,200, told at its row (4) after the merge too
    assert [(d.code, d.span.line) for d in parent.finish()[1]] == [("Q042", 4)]


def test_totals_join_rows_already_counted(plan):
    # the evaluator's rows and the query's totals of the same group add up; totals that gave no
    # raise keep the last row that did; no people, or no salary rules, count nothing
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = _ledger(fw, agreement, [(7, "academic_general", 28_000, 920)])
    ledger.add_totals(fw, "1", "academic_general", 2, Decimal(56_000), Decimal(0), None)
    ledger.add_totals(fw, "1", "executive", 0, Decimal(0), Decimal(0), None)
    ledger.add_totals(attrs.evolve(fw, salary=None), "1", None, 3, Decimal(90_000), Decimal(2_700), _span(9))
    (line,) = ledger.lines()
    assert (line.group, line.people, line.salaries, line.given) == ("academic_general", 3, Decimal(84_000),
                                                                    Decimal(920))
    ledger.add_totals(fw, "1", "academic_general", 1, Decimal(1), Decimal(2_000), _span(5))
    (line,) = ledger.lines()
    assert (line.people, line.salaries, line.given) == (4, Decimal(84_001), Decimal(2_920))
    # over by 3% × 84,001 = 2,520.03 < 2,920: told at row 7, the later of the two that gave a raise
    assert [(d.code, d.span.line) for d in ledger.finish()[1]] == [("Q042", 7)]


@pytest.mark.parametrize("leftover, what, advice", [
    ("keep", Bi(*both("pool-group", group="executive")), hint()),
    ("spread", Bi(*both("pool-round-together", round="1")), hint("pool-leftover-spread"))])
def test_an_over_pool_is_told_with_its_figures(plan, leftover, what, advice):
    fw = _framework(plan)
    fw = attrs.evolve(fw, salary=attrs.evolve(fw.salary, leftover=leftover))
    ledger = _ledger(fw, _agreement(fw), [(2, "academic_general", 28_000, 840), (3, "executive", 40_000, 3_000)])
    # keep: the executive gives 3,000 of 3% × 40,000 = 1,200; spread: the round gives 3,840 of
    # 3% × 68,000 = 2,040
    given, pool, salaries = ("3,000", "1,200", "40,000") if leftover == "keep" else (
        "3,840", "2,040", "68,000")
    assert ledger.finish()[1] == [CODES["Q042"].at(_span(3), what=what, given=given, pool=pool, percent="3",
                                                   salaries=salaries, **advice)]


def test_baht_are_rounded_half_up_to_satang_and_written_as_a_salary_is():
    # numbers.money's way, as the amounts a pool sums are written: satang only when there are any
    assert [baht(Decimal(v)) for v in ("1.005", "1234567.894", "0", "3900.004", "-20.00", "2520.6")] == [
        "1.01", "1,234,567.89", "0", "3,900", "-20", "2,520.60"]


def test_the_pools_as_lines_for_people(plan):
    fw = _framework(plan)
    ungrouped = attrs.evolve(fw, salary=attrs.evolve(fw.salary, groups=(), pools=tuple(
        attrs.evolve(p, on=None, round=None) for p in fw.salary.pools[:1])))
    ledger = _ledger(fw, _agreement(fw), [(2, "executive", 40_000, 1_000)])
    ledger.add(ungrouped, attrs.evolve(_agreement(ungrouped), id="b"), None, Decimal(20_000), None, Decimal(500),
               _span(3))
    lines = sorted(ledger.lines(), key=lambda ln: ln.group or "")
    assert pool_text(lines) == pool_text(lines, "th")
    assert pool_text(lines, "th").startswith("วงเงินเลื่อนเงินเดือน\n  individual ")
    assert pool_text(lines, "en") == (
        "raise pool\n"
        "  individual round —, group —: 1 people, salaries 20,000 × 3% = pool 600; raises given 500; "
        "left 100\n"
        "  individual round 1, group executive ประเภทบริหาร: 1 people, salaries on 2011-03-01 40,000 × 3% = "
        "pool 1,200; raises given 1,000; left 200\n")
    assert pool_text([], "en") == ""
    assert ledger.finish()[1] == []  # a round named and a round not named, in one batch


def test_the_ledger_keeps_no_row(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)

    def held(rows: int) -> int:
        tracemalloc.start()
        try:
            ledger = PoolLedger()
            before = tracemalloc.get_traced_memory()[0]
            for line in range(2, rows + 2):
                ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(840), _span(line))
            return tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()

    small, large = held(5_000), held(50_000)
    # a kept (amount, row) is about 300 bytes: 45,000 more rows would hold some 13 MB
    assert large < small + 64 * 1024, (small, large)


def test_rounds_have_pools_of_their_own(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = PoolLedger()
    ledger.add(fw, agreement, "1", Decimal(28_000), "academic_general", Decimal(840), _span(2))
    ledger.add(fw, agreement, "2", Decimal(28_000), "academic_general", Decimal(920), _span(3))
    lines, diags = ledger.finish()
    assert [(ln.round, ln.left) for ln in lines] == [("1", Decimal(0)), ("2", Decimal(-80))]
    assert [(d.code, d.span.line) for d in diags] == [("Q042", 3)]


@pytest.mark.parametrize("leftover", ["spread", "keep"])
def test_totals_per_group_give_the_rows_ledger(plan, leftover):
    """The SQL engine's grouped sums (kpidsl/sql/run.py) hand each group's people, salaries,
    raises and last raise row over at once: the same pools and errors as row by row."""
    fw = _framework(plan)
    fw = attrs.evolve(fw, salary=attrs.evolve(fw.salary, leftover=leftover))
    agreement = _agreement(fw)
    rows = [(2, "academic_general", 28_000, 920), (3, "executive", 40_000, 2_000), (4, "academic_general", 28_000, 0),
            (5, "academic_general", 28_000, 900), (6, "executive", 40_000, 500), (7, "director", 30_000, 0)]
    by_rows = _ledger(fw, agreement, rows)
    by_totals = PoolLedger()
    for group in ("director", "executive", "academic_general"):
        mine = [r for r in rows if r[1] == group]
        last = max((r[0] for r in mine if r[3]), default=None)
        by_totals.add_totals(fw, "1", group, len(mine), sum(Decimal(r[2]) for r in mine),
                             sum(Decimal(r[3]) for r in mine), _span(last) if last else None)
    rows_lines, rows_diags = by_rows.finish()
    totals_lines, totals_diags = by_totals.finish()
    assert totals_lines == rows_lines
    assert [(d.code, d.span.line, d.message_en) for d in totals_diags] == \
        [(d.code, d.span.line, d.message_en) for d in rows_diags]
    # 3% of 84,000 = 2,520 against 1,820; 3% of 80,000 = 2,400 against 2,500: over in keep, not in spread
    assert [(d.code, d.span.line) for d in totals_diags] == ([("Q042", 6)] if leftover == "keep" else [])


def test_unknown_group_and_missing_salary(plan):
    fw = _framework(plan)
    agreement = _agreement(fw)
    ledger = PoolLedger()
    groups = "academic_general, executive, director"
    assert ledger.add(fw, agreement, "1", Decimal(1), "teachers", None, _span(2)) == [
        CODES["Q041"].at(_span(2), group="teachers", framework="individual", groups=groups)]
    # a group left blank is Q054 (Q041 said "`` is not a pool group"), at the group's cell when given
    assert ledger.add(fw, agreement, "1", Decimal(1), None, None, _span(3)) == [
        CODES["Q054"].at(_span(3), framework="individual", groups=groups)]
    assert ledger.add(fw, agreement, "1", Decimal(1), None, None, _span(3), _span(5)) == [
        CODES["Q054"].at(_span(5), framework="individual", groups=groups)]
    assert ledger.add(fw, agreement, "1", None, "executive", None, _span(4)) == [
        CODES["Q043"].at(_span(4), what=Bi(*both("pool-agreement", agreement="a")))]


def test_one_pool_for_all_when_no_group_is_declared(plan):
    # no groups: a row's group is not asked for, and one pool (any round's, where it names none)
    # takes every row; given exactly the pool is not over it; one baht more is, told as "the pool"
    fw = _framework(plan)
    pools = (attrs.evolve(fw.salary.pools[0], round=None),)
    fw = attrs.evolve(fw, salary=attrs.evolve(fw.salary, groups=(), pools=pools, leftover=None))
    assert pool_rule(fw.salary, "3") is pools[0]
    ledger = _ledger(fw, _agreement(fw), [(2, "executive", 28_000, 840)])
    assert [(ln.group, ln.pool, ln.given) for ln in ledger.lines()] == [(None, Decimal(840), Decimal(840))]
    assert ledger.finish()[1] == []
    ledger.add(fw, _agreement(fw), "1", Decimal(0), None, Decimal(1), _span(3))
    assert ledger.finish()[1] == [CODES["Q042"].at(_span(3), what=Bi(*both("pool-the-pool")), given="841",
                                                   pool="840", percent="3", salaries="28,000", **hint())]


def test_a_round_with_no_pool_of_its_own_takes_none(plan):
    salary = _framework(plan).salary
    assert pool_rule(salary, "3") is None and pool_rule(salary, None) is None


def score(results: str, *extra: str):
    Path("r.csv").write_text(results, encoding="utf-8")
    return CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--lang", "en", *extra])


def test_score_reports_each_groups_pool(work):
    out = score("\n".join([HEADER, row("จรรยา เรียบร้อย", "3%", "28,000", "academic_general"),
                           row("สมชาย ใจดี", "3%", "28,000", "academic_general"),
                           row("สมหญิง ดีใจ", "", "36,000", "executive")]) + "\n")
    assert out.exit_code == 0, out.output
    # 28,000 is in the upper half of ชำนาญการ (split at 25,190): 30,600 × 3% = 918 → 920 (up to 10 baht)
    assert "raise pool" in out.stdout
    assert ("group academic_general ประเภทวิชาการ + ทั่วไป: 2 people, salaries on 2011-03-01 56,000 × 3% = "
            "pool 1,680; raises given 1,840; left -160") in out.stdout
    assert "group executive ประเภทบริหาร: 1 people, salaries on 2011-03-01 36,000 × 3% = pool 1,080" in out.stdout
    thai = score(Path("r.csv").read_text(encoding="utf-8"), "--lang", "th")
    assert "เงินเดือนรวม ณ 1 มี.ค. 2554 56,000 × 3% = วงเงิน 1,680" in thai.stdout
    # csv rows on standard output, the pools beside them on standard error: 30,600 × 2.5% = 765 → 770
    as_csv = score("\n".join([HEADER, row("จรรยา เรียบร้อย", "2.5%", "28,000", "academic_general")]) + "\n",
                   "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.stdout.splitlines()[1].endswith(",good,2.5,770")
    assert "pool" not in as_csv.stdout and "pool 840; raises given 770; left 70" in as_csv.stderr


def test_a_batch_over_its_pool_is_an_error_at_the_row(work):
    out = score("\n".join([HEADER, row("จรรยา เรียบร้อย", "3%", "28,000", "academic_general"),
                           row("สมชาย ใจดี", "3%", "28,000", "academic_general")]) + "\n", "-o", "out.txt")
    assert out.exit_code == 1
    assert "r.csv:3:1: Q042 error" in out.stderr and "1,840" in out.stderr and "1,680" in out.stderr
    assert not Path("out.txt").exists()


def test_a_row_naming_no_declared_group_is_located(work):
    line = row("จรรยา เรียบร้อย", "3%", "28,000", "teachers")
    out = score("\n".join([HEADER, line]) + "\n")
    # at the group's cell, the one to mend
    assert out.exit_code == 1 and f"r.csv:2:{line.index('teachers') + 1}: Q041 error" in out.stderr


def test_a_grade_the_framework_does_not_declare_is_located(work):
    header = HEADER.replace(",group,", ",group,grade,")
    line = row("จรรยา เรียบร้อย", "3%", "28,000", "academic_general").replace(",academic_general,",
                                                                            ",academic_general,k_expert,")
    out = score(header + "\n" + line + "\n")
    assert out.exit_code == 1 and "r.csv:2:" in out.stderr and "Q044" in out.stderr


def test_the_grade_column_sets_the_raise_base(work):
    # the lower half of ชำนาญการ (below 25,190): base 20,350 × 2.5% = 508.75 → 510 (up to 10 baht)
    header = HEADER.replace(",group,", ",group,grade,")
    line = row("จรรยา เรียบร้อย", "2.5%", "20,000", "academic_general").replace(",academic_general,",
                                                                            ",academic_general,k_professional,")
    out = score(header + "\n" + line + "\n", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1].endswith(",good,2.5,510")


@pytest.mark.parametrize("salary, grade", [("40,000", ""), ("12,529.99", ""), ("36,020.01", "k_professional")])
def test_a_salary_outside_its_grade_is_located_at_its_cell(work, salary, grade):
    # ชำนาญการ runs 12,530–36,020 (seed 001): 40,000 is in neither half, yet its raise was
    # worked from the upper mid-point (30,600 × 3% = 918 → 920). The grade is the row's, else
    # the agreement's (janya's k_professional); the error is at the salary's cell.
    header = HEADER.replace(",group,", ",group,grade,")
    line = row("จรรยา เรียบร้อย", "3%", salary, "academic_general").replace(",academic_general,",
                                                                          f",academic_general,{grade},")
    out = score(header + "\n" + line + "\n", "--format", "csv", "-o", "out.csv")
    assert out.exit_code == 1, out.output
    column = line.index(f'"{salary}"') + 1
    assert f"r.csv:2:{column}: Q047 error" in out.stderr
    assert "k_professional" in out.stderr and "12530 to 36020" in out.stderr
    assert not Path("out.csv").exists()
    thai = score(header + "\n" + line + "\n", "--lang", "th")
    assert "Q047" in thai.stderr and "ขั้นต่ำ 12530 ถึงขั้นสูง 36020" in thai.stderr


@pytest.mark.parametrize("salary, amount", [("12,530", "620"), ("36,020", "920"), ("25,190", "920"),
                                            ("25,189.99", "620")])
def test_a_salary_at_its_grade_s_bounds_is_worked_from_its_half(work, salary, amount):
    # the minimum is in the lower half (20,350 × 3% = 610.5 → 620), the maximum and the split in
    # the upper (30,600 × 3% = 918 → 920); a second salary with no raise keeps the pool above it
    out = score("\n".join([HEADER, row("จรรยา เรียบร้อย", "3%", salary, "academic_general"),
                            row("สมชาย ใจดี", "", "36,020", "academic_general")]) + "\n", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1].endswith(f",good,3,{amount}")


@pytest.mark.parametrize("salary, grade", [("40,000", ""), ("12,529.99", ""), ("36,020.01", "k_professional")])
def test_a_salary_outside_its_grade_without_a_raise_is_refused_at_its_cell_too(work, salary, grade):
    # No raise % given, no raise worked: but a grade's salaries run from its minimum to its
    # maximum (seed 001: ชำนาญการ 12,530–36,020), so the salary or the grade is wrong, as an
    # agreement's salary outside its grade is (A019); and the salary would count in the raise
    # pool as given (3 % of the salaries held, seed 001 ว 28/52 ข้อ 1), which every raise of its
    # group is held to. It had counted there without a word.
    header = HEADER.replace(",group,", ",group,grade,")
    line = row("สมหญิง ดีใจ", "", salary, "executive").replace(",executive,", f",executive,{grade},")
    out = score(header + "\n" + line + "\n", "-o", "out.txt")
    assert out.exit_code == 1, out.output
    column = line.index(f'"{salary}"') + 1
    assert re.findall(r"^(\S+: Q\d{3}) error", out.stderr, re.M) == [f"r.csv:2:{column}: Q047"]
    assert "k_professional" in out.stderr and "12530 to 36020" in out.stderr
    assert not Path("out.txt").exists()


def test_diff_sees_pool_groups_and_leftover(tmp_path):
    for name in ("old", "new"):
        shutil.copytree(ROOT / "rules" / "2554", tmp_path / name)
    individual = tmp_path / "new" / "individual.kpi"
    text = individual.read_text(encoding="utf-8").replace("วงเงินที่เหลือ เกลี่ย", "วงเงินที่เหลือ ไม่เกลี่ย")
    individual.write_text("\n".join(line for line in text.split("\n") if "กลุ่มวงเงิน director" not in line),
                          encoding="utf-8")
    out = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--lang", "en"])
    assert "salary / leftover" in out.stdout and "spread → keep" in out.stdout
    assert "salary / pool_group director" in out.stdout and "2 changes" in out.stdout


def test_a_row_s_own_salary_is_not_the_raise_met_before_at_the_agreement_s(plan):
    # seed 001's janya (70.8, ดี) at 3%: her agreement's salary is in the upper half of ชำนาญการ,
    # 30,600 × 3% = 918 → 920; a results row's salary of 20,000 is in the lower half, 20,350 × 3%
    # = 610.5 → 620, whichever was met first (the evaluator remembers a % of a band fitted at the
    # agreement's salary only)
    from kpidsl.score.evaluate import PlanEvaluator

    nodes = [f"{k}{n}" for k in "jc" for n in range(1, 6)]
    fields = {node: {"score": Decimal(s)} for node, s in zip(nodes, SCORES.split(","))}
    for order in ((None, (Decimal(20_000), None)), ((Decimal(20_000), None), None)):
        evaluator = PlanEvaluator(plan).get("janya_2554_r1")
        amounts = [evaluator.evaluate(fields, raise_percent=Decimal(3), pay=pay).amount for pay in order * 2]
        assert amounts == [920 if pay is None else 620 for pay in order * 2]


def test_a_raise_needs_a_salary_and_a_grade(plan):
    # seed 001's somsak, whose agreement names neither salary nor grade: 92 and 88 on his
    # ladders and 4 on each competency give 87, ดีมาก (3.5–4%); at 3.5% a row's grade alone
    # gives no amount, nor its salary alone; both: the lower half of ชำนาญการ, 20,350 × 3.5%
    # = 712.25 → 720
    from kpidsl.score.evaluate import PlanEvaluator

    evaluator = PlanEvaluator(plan).get("somsak_2554_r1")
    fields = {"s1": {"result": Decimal(92)}, "s2": {"result": Decimal(88)},
              **{f"c{n}": {"score": Decimal(4)} for n in range(1, 6)}}
    pays = [None, (None, "k_professional"), (Decimal(20_000), None), (Decimal(20_000), "k_professional")]
    found = [evaluator.evaluate(fields, raise_percent=Decimal("3.5"), pay=pay) for pay in pays]
    assert [(e.total, e.band.id, e.run.problems) for e in found] == [(Decimal(87), "very_good", [])] * 4
    assert [e.amount for e in found] == [None, None, None, 720]


def test_an_agreement_s_grade_without_its_salary_gives_no_amount(plan):
    # somsak's agreement (seed 001, 87, ดีมาก) naming a grade, ชำนาญการ, but no salary: at 3.5%
    # the grade alone gives no amount, and no crash; a row's salary of 20,000 with it gives the
    # lower half's 20,350 × 3.5% = 712.25 → 720
    from kpidsl.score.evaluate import AgreementEvaluator

    typed = typed_plan(plan)
    somsak = attrs.evolve(typed.agreements_by_id["somsak_2554_r1"], grade_id="k_professional")
    assert somsak.salary is None and somsak.grade.id == "k_professional"
    evaluator = AgreementEvaluator(somsak, typed.holidays)
    fields = {"s1": {"result": Decimal(92)}, "s2": {"result": Decimal(88)},
              **{f"c{n}": {"score": Decimal(4)} for n in range(1, 6)}}
    pays = [None, (Decimal(20_000), None)]
    found = [evaluator.evaluate(fields, raise_percent=Decimal("3.5"), pay=pay) for pay in pays]
    assert [(e.total, e.band.id, e.run.problems, e.amount) for e in found] == [
        (Decimal(87), "very_good", [], None), (Decimal(87), "very_good", [], 720)]
