"""How fast is `kpidsl score` on a big batch? A script, not a test.

    python benchmarks/bench_score.py [--rows 400000] [--runs 3] [--seed 2554]
                                     [--engine] [--subprocess] [--profile] [--keep DIR]

1. Generates, in a temporary folder, a rule set for individual evaluation in
   the shape of rules/2554 (the individual framework: achievement 70 % and
   competency 30 %, multiplier 20, five rating bands, salary rules with one
   grade) with ONE agreement: 10 achievement indicators on five-level ladders
   (higher and lower is better, levels written with comparisons, a target and
   step ladder; weights adding to 100 %) and 5 competencies of 20 % each. The
   script stops if the rule set does not check clean.
2. Writes a CSV of --rows synthetic evaluations with a fixed seed: agreement,
   person, round, 10 results, 5 competency scores (`cK:score`) and the raise %
   decided, chosen inside the range of the band the evaluation earns (the
   band is worked out here, independently of kpidsl, so that every row
   scores; the script stops if kpidsl disagrees).
3. Prints (a) the CPU time (user + sys of this process, the least of --runs:
   the machine may be shared) to read that CSV with the stdlib csv module alone
   (every row, every cell touched), (b) `kpidsl score --format csv -o` done
   in-process (kpidsl.score.batch.score_records, the plan compiled once,
   outside the timing), rows/s, and the ratio (b)/(a) (goal <= 4, issue 12).
   Then the explaining path (the one --explain and the text format take: every
   row read into a record and explained, the explanations made from the trace)
   on the first --explain-rows rows: (d) end to end, score_records(fast=False),
   its output checked against (b)'s; (e) the evaluations alone (engine.explain of
   records already read, and the CSV row of each report), in evaluations/s
   (goal >= 15,000, issue 12).
   --engine also times the explaining path on every row (slow: minutes for
   400,000 rows).
   --subprocess also times the whole command `kpidsl score RULES --results
   CSV --format csv -o OUT` (start-up, check and compile included).
4. --profile: cProfile of the in-process batch (of the engine path as well
   with --engine), self time by function.

(a) and (b) are timed in turns, (a) then (b), --runs times: on a shared machine both meet
the same load, and each turn's ratio is printed (least, greatest, median) beside the ratio
of the least times.

Session 22 (issue G): the duplicate rows' keys. Before, a file of over 200,000 rows went
through the 16 MiB filter, a Python step a key that costs about 2 us among a run's other work
(its words miss the cache): the same 400,000 rows scored with the set forced (EXACT_ROWS
raised) gave 4.21 against 5.40 with the filter, in the same minutes. Now
(kpidsl/score/seen_rows.py) the first SET_KEYS (131,072) keys are kept in a set as before (a
run's keys checked in C; no line ends counted first), the rest narrowed to 44 bits, 4 bytes
a key, in 4,096 arrays by their low 12 bits (a run's keys sorted into them by C-level maps,
about 2,000 instructions a key, the set's ~600 plus its cache misses), asked at the end which
came twice, an array at a time; the filter only past KEPT_KEYS (two million rows).
Instructions (callgrind, 20,000 rows, as below): 1,437.4 M before, 1,426.0 M after (the line
ends no longer counted; the arrays alone, from the first key: 1,480.2 M). Alternated with the
code before (0523ff9), load 0.8-1.1, --runs 5 / 3: 100,000 rows 3.48-3.86 before (medians of
turns 3.84-4.22), 3.52-4.03 after (3.65-4.27): the same; 400,000 rows 4.16-5.41 before (4.53-
5.34), 3.65-4.00 after (3.70-4.00). Peak memory (bench_score_memory.py, csv -o file): 100 k
47.9 -> 48.1 MB, 400 k 54.3 -> 49.6, 1.6 M 54.2 -> 50.4 (1.05x; json 50.4, 52.2, 53.7). Two
evaluations share a narrowed key about once in 14 files of 1.6 million rows: a second pass
then reads the whole file and tells them apart by their identity. Tried on the way: 8-byte
keys in arrays of 64 Ki keys moved into parts by their low bits at the end (1.34x at 1.6 M
rows: the keys 12.8 MB and the moving 9 MB more at the end); the arrays from the first key
(100 k 39.9 MB, 1.6 M 47.6 MB, 1.19x, but 3 % more instructions at 20,000 rows).

Session 21's figures (issue G, goal (b)/(a) <= 4), 100,000 rows, --runs 8, three runs
alternated with the code before it (9e55417), another process loading one of the two
cores (load 1.6): ratio 4.46-4.75 before (medians of turns 4.69-4.92), 3.55-3.88 after
(medians 3.70-3.88). In instructions (callgrind, one score_records of 20,000 rows, as
below): 1.624 G before, 1.450 G after (a csv-only read of the same rows: 0.484 G). What
paid:
- the duplicate rows' keys of a file of at most 200,000 rows kept in a set, checked a run
  at a time in C, instead of the 16 MiB filter (a Python loop a key, two cache misses):
  EXACT_ROWS, the file's line ends counted first (1 % of a run; session 22 keeps the keys of
  any file of up to two million rows instead, and counts no line ends);
- a run's look-ups with a few misses no longer rebuilt the whole run's list in Python
  (shapes.fill_misses): a zero raise amount, never remembered, made every run do so;
- the band of a total placed by two bisections in a table made once from the band rule
  (kpidsl/score/evaluate/band_pieces.py), not looked up by the total's text in a memo
  that grew with the totals (27,000 texts at 100,000 rows, a cache miss a row).
At 400,000 rows (the filter, not the set) the ratio is 4.4 at load 2.9: the filter's loop
is about 0.8 us a key (0.3 s of 2.9 s), a third of it cache misses (a 1 MiB filter: 0.57
us). Tried and left: a derived node's memo by its cells' texts ahead of its run-shaped
rule (the competencies of these rows repeat too little: +10 % instructions); the filter's
loop rewritten to read the second word only when the first has the bits (the same time).

Figures of the round before (issue G, "Measure": goal (b)/(a) <= 4), 100,000 rows, --runs 5, three runs
alternated with the commit before (57ffec2), on 2 cores shared with other work (load
2.3-2.7): (a) 0.162-0.178 s; (b) 1.077, 1.077, 1.188 s before, 0.954, 1.046, 1.141 s
after; ratio 6.0-7.3 before, 5.9-7.0 after. The goal is not met. CPU seconds on that
machine vary by 10 % run to run, more than any one change below, so each was judged by
the instructions of one score_records of 20,000 of these rows (valgrind --tool=callgrind,
PYTHONHASHSEED=0, a run's count as two runs' less one run's): 1.664 G before, 1.624 G
after (-2.4 %); about 81,000 instructions a row, of which the decimal module 15 %,
allocation and freeing 16 %, C-level map/zip/list iteration 11 %, the csv module 7 %,
string hashing and dict look-ups 7 %, the interpreter loop 7 %: no single place holds
enough to take 40 % off.

Paid: a run's steps written as CONTEXT's methods (CONTEXT.multiply, .divide: the
individual total's terms, a component's multiplier) mapped as the operators
(kpidsl/score/evaluate/shapes.py apply_all, under a context that computes as CONTEXT
does): the methods parse their arguments as a tuple, about 70 ns a figure more.

Did not pay (measured, left out):
- MaybeSeenRows with a key's bits in one word (twelve bits, two look-ups, 32 MiB): its
  loop does a third of the work a key (-3.7 % of the instructions), but a 32 MiB filter
  is a fresh mapping written zero whole every time (glibc reuses 16 MiB from the heap,
  not 32): +8 ms a file (17 against 9 ms for 100 rows), +56 ms each further run in one
  process, +16 MB peak; and its one random access a key in 32 MiB costs what two in
  16 MiB did, so CPU time did not move. Made lazily (an anonymous mmap) it was slower
  still: a page fault at each first touch, 286 against 129 ms for 100,000 keys. In one
  word of the 16 MiB filter the keys would be 10-20 times likelier to be suspects at
  400,000-1.6 million rows (a suspect costs a second pass over the file). The same
  filter's two words done by C-level maps over a run of keys: slower (1.8 against 1.35
  us a key; every operation on a 64-bit int allocates one).
- The band looked up by the published total itself, not its text: +5 % instructions
  (a new Decimal's hash is a modular power; its text is cheaper).
- Σ column by column (operator.add mapped over a component's columns) instead of sum()
  of each row's tuple: the same time (the additions are the cost, not the tuples); a
  weighted column taken by transposing rather than itemgetter: 2.5 times slower.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records
from kpidsl.score.engine import explain
from kpidsl.score.evaluate import PlanEvaluator
from kpidsl.score.report import csv_row
from kpidsl.score.results import Record, read_results
from listing import print_top  # benchmarks/listing.py, beside this script

AGREEMENT = "bench_individual"

# ---- the synthetic rule set -----------------------------------------------------------------

FRAMEWORK = """\
กรอบ individual "การประเมินผลการปฏิบัติราชการของข้าราชการ (สังเคราะห์สำหรับวัดความเร็ว)" {
    ระดับ บุคคล
    ปีงบประมาณ 2554
    ระดับผลการประเมิน individual_bands

    หลักเกณฑ์ {
        เทียบสัดส่วน เชิงเส้น
        คะแนนต่ำสุด 1
        เพดาน 5
        ทศนิยม 4
        การปัดเศษ ปัดครึ่งขึ้น
        ปัดที่ คะแนนรวม
        คะแนนมาตรวัด ระหว่างระดับ  # the rows' competencies have halves (2.5, 3.5, 4.5): the seed's whole levels would refuse them
    }

    รอบ 1 "รอบที่ 1" ระยะเวลา 1 ต.ค. ถึง 31 มี.ค.
    รอบ 2 "รอบที่ 2" ระยะเวลา 1 เม.ย. ถึง 30 ก.ย.

    องค์ประกอบ achievement "ผลสัมฤทธิ์ของงาน" สัดส่วน 70% {
        ตัวคูณ 20
        ตัวชี้วัดตามคำรับรอง
    }
    องค์ประกอบ competency "พฤติกรรมการปฏิบัติราชการหรือสมรรถนะ" สัดส่วน 30% {
        ตัวคูณ 20
        มาตรวัด competency_scale
        ตัวชี้วัดตามคำรับรอง
    }

    ข้อกำหนด สัดส่วน achievement >= 70% "ผลสัมฤทธิ์ของงานต้องไม่น้อยกว่าร้อยละ 70"
    ข้อกำหนด จำนวนตัวชี้วัด <= 10 คำเตือน "ตัวชี้วัดโดยหลักการไม่ควรเกิน 10 ตัว"
    ข้อกำหนด ระดับผลการประเมิน >= 5 "อย่างน้อย 5 ระดับ"
    ข้อกำหนด ระดับผล fair >= 60 "พอใช้ ต้อง 60 ขึ้นไป"

    มาตรวัด competency_scale "นิยามคะแนนสมรรถนะ" {
        1 "จำเป็นต้องได้รับการพัฒนาอย่างยิ่ง"
        2 "ต้องได้รับการพัฒนา"
        3 "อยู่ในระดับใช้งานได้"
        4 "อยู่ในระดับที่ใช้งานได้ดี"
        5 "อยู่ในระดับดีเยี่ยม"
    }

    การเลื่อนเงินเดือน {
        วงเงิน 3% ณ 1 มี.ค. รอบ 1
        วงเงิน 3% ณ 1 ก.ย. รอบ 2
        เพดาน 6%
        ฐาน ค่ากลาง
        การปัดเศษ ปัดขึ้น 10
        ระดับตำแหน่ง k_professional "ประเภทวิชาการ ระดับชำนาญการ" {
            ขั้นต่ำ 12,530
            ค่ากลางล่าง 20,350
            แบ่งช่วงที่ 25,190
            ค่ากลางบน 30,600
            ขั้นสูง 36,020
        }
    }
}
"""

BANDS = """\
ระดับผลการประเมิน individual_bands "ระดับผลการประเมินการปฏิบัติราชการ" {
    ช่วงคะแนน 0 100
    ระดับผล outstanding "ดีเด่น" >= 90 <= 100 ร้อยละการเลื่อน 4.5% - 5%
    ระดับผล very_good "ดีมาก" >= 80 < 90 ร้อยละการเลื่อน 3.5% - 4%
    ระดับผล good "ดี" >= 70 < 80 ร้อยละการเลื่อน 2.5% - 3%
    ระดับผล fair "พอใช้" >= 60 < 70 ร้อยละการเลื่อน 1.5% - 2%
    ระดับผล improve "ต้องปรับปรุง" >= 0 < 60 ร้อยละการเลื่อน ไม่เลื่อน
}
"""
# (id, lower bound, raise % choices); every lower bound is ">=" and the table covers 0–100.
BAND_TABLE = [("outstanding", 90, ["4.5", "4.6", "4.7", "4.8", "4.9", "5"]),
              ("very_good", 80, ["3.5", "3.6", "3.75", "3.8", "4"]),
              ("good", 70, ["2.5", "2.6", "2.75", "3"]),
              ("fair", 60, ["1.5", "1.8", "2"]),
              ("improve", 0, ["0"])]

# The ten indicators: (weight %, ladder as written, direction, thresholds, level-1 op, open level 1).
# Steps of 2, 2.5, 4, 5 and 10 keep every interpolation exact at one decimal place.
KPIS = [
    (5, "60 65 70 75 80", "higher", [60, 65, 70, 75, 80], None, False),
    (5, "<=65 70 75 80 85", "higher", [65, 70, 75, 80, 85], "<=", False),
    (10, "<=70 75 80 90 >=95", "higher", [70, 75, 80, 90, 95], "<=", False),
    (10, "น้อยดี 35 30 25 20 15", "lower", [35, 30, 25, 20, 15], None, False),
    (10, "น้อยดี >35 <=35 <=30 <=25 <=20", "lower", [35, 35, 30, 25, 20], ">", True),
    (10, "เป้าหมาย 80 ช่วงปรับ 2.5", "higher", [75, 77.5, 80, 82.5, 85], None, False),
    (10, "50 60 70 80 90", "higher", [50, 60, 70, 80, 90], None, False),
    (10, "84 88 92 96 100", "higher", [84, 88, 92, 96, 100], None, False),
    (15, "น้อยดี 10 8 6 4 2", "lower", [10, 8, 6, 4, 2], None, False),
    (15, "70 72.5 75 77.5 80", "higher", [70, 72.5, 75, 77.5, 80], None, False),
]
COMPETENCIES = 5


def agreement_text() -> str:
    out = [f'คำรับรอง {AGREEMENT} "แบบประเมินผลการปฏิบัติราชการรายบุคคล (สังเคราะห์)" {{',
           "    กรอบ individual 2554",
           '    ผู้ประเมิน "ผู้บังคับบัญชา"',
           "    เงินเดือน 28,000 ระดับตำแหน่ง k_professional",
           "    องค์ประกอบ achievement {"]
    for n, (weight, ladder, *_rest) in enumerate(KPIS, start=1):
        out.append(f'        ตัวชี้วัด k{n} "ตัวชี้วัดที่ {n}" น้ำหนัก {weight}% {{ เกณฑ์ {ladder} }}')
    out += ["    }", "    องค์ประกอบ competency {"]
    for n in range(1, COMPETENCIES + 1):
        out.append(f'        สมรรถนะ c{n} "สมรรถนะหลักที่ {n}" น้ำหนัก {100 // COMPETENCIES}%')
    out += ["    }", "}"]
    return "\n".join(out) + "\n"


def write_rule_set(folder: Path) -> None:
    (folder / "agreements").mkdir(parents=True, exist_ok=True)
    (folder / "individual.kpi").write_text(FRAMEWORK, encoding="utf-8")
    (folder / "bands.kpi").write_text(BANDS, encoding="utf-8")
    (folder / "agreements" / "bench.kpi").write_text(agreement_text(), encoding="utf-8")


# ---- the synthetic evaluations ---------------------------------------------------------------


def _ladder_score(value: Decimal, direction: str, points: list[Decimal], op1: str | None, open1: bool) -> Decimal:
    """docs/scoring.md, rules 1 and 2, for the ladders above (floor 1, cap 5, linear)."""
    better = (lambda a, b: a >= b) if direction == "higher" else (lambda a, b: a <= b)
    if better(value, points[4]):
        return Decimal(5)
    for k in (4, 3, 2, 1):
        if better(value, points[k - 1]) and not (k == 1 and op1 and (open1 or not better(value, points[0]))):
            return k + abs(value - points[k - 1]) / abs(points[k] - points[k - 1])
    return Decimal(1)  # below level 1 (the floor) or "65 or less"


def _band(final: Decimal) -> tuple[str, list[str]]:
    return next((ident, choices) for ident, low, choices in BAND_TABLE if final >= low)


def write_inputs(folder: Path, rows: list[int], seed: int) -> tuple[Path, dict[int, Path]]:
    """The rule set (``folder/rules``) and a results CSV per row count (``results_N.csv``), each
    written unless a kept folder (--keep) has it already; (the rule set, the CSVs by count)."""
    rules = folder / "rules"
    if not rules.exists():
        write_rule_set(rules)
    csvs = {n: folder / f"results_{n}.csv" for n in rows}
    for n, path in csvs.items():
        if not path.exists():
            write_results(path, n, seed)
    return rules, csvs


def write_results(path: Path, rows: int, seed: int) -> dict[str, int]:
    """The CSV; returns how many rows fall in each band (worked out here, not by kpidsl)."""
    rng = random.Random(seed)
    ladders = [(direction, [Decimal(str(t)) for t in points], op1, open1, Decimal(weight))
               for weight, _, direction, points, op1, open1 in KPIS]
    # each indicator's results: one decimal place, from a step short of level 1 to a step past level 5
    # (never below 0), leaning towards the better end as real results do
    spans = []
    for direction, points, *_ in ladders:
        lo, hi = min(points[0], points[4]), max(points[0], points[4])
        step = abs(points[1] - points[2])
        spans.append((int(max(lo - step, 0) * 10), int((hi + step) * 10), direction == "higher"))
    contribution: list[dict[str, Decimal]] = [{} for _ in ladders]
    scores = ["1", "2", "2.5", "3", "3", "3.5", "3.5", "4", "4", "4", "4.5", "4.5", "5", "5"]
    counts = {ident: 0 for ident, _, _ in BAND_TABLE}
    header = ["agreement", "person", "round", *(f"k{n}" for n in range(1, len(KPIS) + 1)),
              *(f"c{n}:score" for n in range(1, COMPETENCIES + 1)), "raise"]
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for i in range(rows):
            cells = []
            achievement = Decimal(0)
            for k, (low, high, up) in enumerate(spans):
                pick = (max if up else min)(rng.randrange(low, high + 1), rng.randrange(low, high + 1))
                text = str(Decimal(pick) / 10)
                c = contribution[k].get(text)
                if c is None:
                    direction, points, op1, open1, weight = ladders[k]
                    c = contribution[k][text] = _ladder_score(Decimal(text), direction, points, op1, open1) \
                        * weight / 100
                achievement += c
                cells.append(text)
            competency = Decimal(0)
            for _ in range(COMPETENCIES):
                s = rng.choice(scores)
                competency += Decimal(s) * Decimal(100 // COMPETENCIES) / 100
                cells.append(s)
            total = achievement * 20 * Decimal("0.7") + competency * 20 * Decimal("0.3")
            band, choices = _band(total.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
            counts[band] += 1
            out.writerow([AGREEMENT, f"P{i + 1:07d}", str(1 + i % 2), *cells, rng.choice(choices)])
    return counts


# ---- timing ----------------------------------------------------------------------------------------


def csv_only(path: Path) -> int:
    """The yardstick: read every row with the stdlib csv module and touch every cell."""
    cells = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            for cell in row:
                cells += len(cell) > 0
    return cells


def cpu_time(fn, runs: int) -> tuple[float, object]:
    """The least CPU time (user + sys of this process) of ``runs`` calls, and the last result:
    a shared machine slows a run down, never speeds it up."""
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def explained(plan: dict, records: list) -> int:
    """The explaining path's evaluations alone: each record (read beforehand) evaluated with a
    trace, its report made, and the report's CSV row written."""
    evaluators = PlanEvaluator(plan)
    for record in records:
        report = explain(evaluators.get(record.agreement), record.inputs)
        csv_row(report, record.person, record.round)
    return len(records)


def kpidsl_command() -> list[str]:
    script = Path(sys.executable).with_name("kpidsl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kpidsl"]


def batch(plan: dict, rules: Path, results: Path, output: Path, engine: bool):
    extra = {"fast": False} if engine else {}
    outcome = score_records(plan, str(rules), results, None, None, "csv", False, "en", output, **extra)
    if outcome.diagnostics:
        for d in outcome.diagnostics[:10]:
            print(f"  {d.span}: {d.code} {d.message_en}")
        raise SystemExit("kpidsl reported problems on the synthetic results: fix the generator")
    return outcome


def profile(label: str, fn, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())
    print(f"\n---- cProfile of {label}: {total:.2f} s self time under the profiler ----")
    print_top(stats, top, f"\n-- top {top} by {{order}} --")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=400_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--engine", action="store_true", help="also time the explaining path on every row (slow)")
    ap.add_argument("--explain-rows", type=int, default=10_000, help="rows the explaining path is timed on")
    ap.add_argument("--subprocess", action="store_true", help="also time the whole `kpidsl score` command")
    ap.add_argument("--profile", action="store_true", help="cProfile of the batch")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--keep", type=Path, help="write the rule set, the CSV and the output here and keep them")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules, results, output = folder / "rules", folder / "results.csv", folder / "out.csv"
        write_rule_set(rules)
        checked = check_paths([rules])
        if checked.errors or len(checked.rule_sets) != 1:
            for d in checked.diagnostics[:10]:
                print(f"  {d.span}: {d.code} {d.message_en}")
            print("the synthetic rule set does not check clean: fix the generator")
            return 1
        plan = compile_plan(checked.rule_sets[0], rules)
        start = time.perf_counter()
        bands = write_results(results, args.rows, args.seed)
        made = time.perf_counter() - start
        size = results.stat().st_size
        print(f"synthetic results: {args.rows:,} rows, {size / 1e6:.1f} MB, seed {args.seed} "
              f"(generated in {made:.1f} s); bands: " + ", ".join(f"{k} {v:,}" for k, v in bands.items()))

        # (a) and (b) taken in turns, so that both meet the same load on a shared machine
        csv_times, fast_times = [], []
        for _ in range(args.runs):
            csv_time, cells = cpu_time(lambda: csv_only(results), 1)
            fast_time, outcome = cpu_time(lambda: batch(plan, rules, results, output, False), 1)
            csv_times.append(csv_time)
            fast_times.append(fast_time)
        assert outcome.count == args.rows, outcome.count
        csv_time, fast_time = min(csv_times), min(fast_times)
        pairs = sorted(b / a for a, b in zip(csv_times, fast_times))
        print(f"(a) stdlib csv alone, every cell touched:   {csv_time:7.3f} s  "
              f"{args.rows / csv_time:12,.0f} rows/s  ({cells:,} cells; CPU, least of {args.runs})")
        print(f"(b) score_records --format csv -o:          {fast_time:7.3f} s  "
              f"{args.rows / fast_time:12,.0f} rows/s  (least of {args.runs}, in turns with (a))")
        print(f"    ratio (b) / (a), CPU time:              {fast_time / csv_time:7.2f}   (goal <= 4; "
              f"each turn's: {pairs[0]:.2f} to {pairs[-1]:.2f}, median {statistics.median(pairs):.2f})")
        # the explaining path, on the first rows
        few = min(args.explain_rows, args.rows)
        head = folder / "results_head.csv"
        with results.open(encoding="utf-8") as f:
            head.write_text("".join(line for _, line in zip(range(few + 1), f)), encoding="utf-8")
        slow_out = folder / "out_explained.csv"
        slow_time, _ = cpu_time(lambda: batch(plan, rules, head, slow_out, True), args.runs)
        with output.open(encoding="utf-8") as f:
            same = slow_out.read_text(encoding="utf-8") == "".join(line for _, line in zip(range(few + 1), f))
        print(f"(d) explaining path, end to end:            {slow_time:7.3f} s  {few / slow_time:12,.0f} rows/s  "
              f"({few:,} rows; output {'byte-identical to (b)' if same else 'DIFFERS from (b)'})")
        records = [r for r in read_results(head, plan, None, None, None) if isinstance(r, Record)]
        assert len(records) == few, len(records)
        read_time, _ = cpu_time(lambda: [r for r in read_results(head, plan, None, None, None)], args.runs)
        eval_time, _ = cpu_time(lambda: explained(plan, records), args.runs)
        print(f"(e) explaining path, evaluations alone:     {eval_time:7.3f} s  {few / eval_time:12,.0f} /s  "
              f"(goal >= 15,000; reading those rows into records: {few / read_time:,.0f} rows/s)")
        if not same:
            return 1
        if args.engine:
            engine_out = folder / "out_engine.csv"
            engine_time, _ = cpu_time(lambda: batch(plan, rules, results, engine_out, True), 1)
            same = engine_out.read_bytes() == output.read_bytes()
            print(f"    the explaining engine, same rows:       {engine_time:7.3f} s  "
                  f"{args.rows / engine_time:12,.0f} rows/s  ratio {engine_time / csv_time:.1f}; "
                  f"output {'byte-identical' if same else 'DIFFERS'}")
            if not same:
                return 1
        if args.subprocess:
            cmd = [*kpidsl_command(), "score", str(rules), "--results", str(results), "--format", "csv",
                   "-o", str(output)]
            walls = []
            for _ in range(args.runs):
                start = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, text=True)
                walls.append(time.perf_counter() - start)
                if done.returncode:
                    print(done.stderr)
                    return 1
            wall = statistics.median(walls)
            print(f"(c) `kpidsl score ... --format csv -o`:     {wall:7.3f} s  {args.rows / wall:12,.0f} rows/s  "
                  f"(whole process, median of {args.runs}); ratio to (a) {wall / csv_time:.2f}")
        if args.profile:
            profile("score_records (csv)", lambda: batch(plan, rules, results, output, False), args.top)
            if args.engine:
                profile("score_records (engine)", lambda: batch(plan, rules, results, output, True), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
