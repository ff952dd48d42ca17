"""How fast can DuckDB score bench_sql.py's rows at all? The floor under `score --engine sql`.

    python benchmarks/bench_sql_floor.py [--rows 400000] [--keep DIR] [--runs 3] [--kinds ...]
                                         [--pycache DIR] [--print checked|bare]

The rule set and rows are bench_sql.py's (bench_score.py's one agreement). Each kind runs in a
process of its own, timed as bench_sql.py times its engines (wall, CPU of all threads, VmHWM),
`import duckdb` inside the timing, the plan compiled outside it; the kinds in turn, --runs times:

- read: DuckDB reading the CSV, every cell touched (bench_sql.py's read);
- kpidsl: kpidsl.sql.run.score_into, `score --engine sql -o FILE`'s path (bench_sql.py's sql);
- kquery: the lines query score_into runs (built outside the timing), COPY'd to a file alone:
  no duplicates' pass, no Python copy of the lines;
- checked: SQL written by hand for this one rule set (checked_query), COPY'd to a file, then
  the header and that file copied to the output: the same bytes as kpidsl, and for every row
  a `sure` decision at least as strict as kpidsl's (the person and the 16 figure cells PLAIN
  by one regular expression over them joined, the agreement and round exactly a name the rule
  set knows, the competencies in their scale, the raise in its band's range); a row not sure
  is a MARK line of its cells for the evaluator, as kpidsl's (bench_sql.py's rows have none);
- checked+pass: the same, and kpidsl's duplicates' pass (its own query, run.py _agreements):
  the whole-file step the evaluator's Q006 needs whatever the query;
- bare: the same scoring with no check (the issue's hand-written SQL): the figure columns typed
  DECIMAL(15, 6) in DuckDB's CSV reader, no regular expression, no `sure`.

Every kind that writes lines must give kpidsl's bytes (sha256), or the script fails. What the
hand query does that the compiler does not: each ladder's level, weight, multiplier and
component share folded into one constant a branch (one product a row a ladder, no level,
component or weighted-sum column), the ladders' sum left in DuckDB's own types (a balanced
tree: 64 bits throughout, no narrowing cast between), each cell read by TRY_CAST (no CASE),
one CASE for the line.

Session 34 (issue 17): is the 2x goal out of reach because every cell must be checked as the
reader reads it (the lead's note)? Measured on a loaded machine (load 6.5-10: other sessions
on both cores; wall times 3-8x the CPU, not comparable), so CPU and instructions are the figures.
The tables are of the code before this session's change to the compiler (below: -2.6 % of the
query's per-row instructions, less than these figures' noise). 400 k rows, three runs each, the
kinds in turn (--pycache: kpidsl's modules compiled once, as
installed; without it the kpidsl column is 1.82-2.06 s, each run compiling them again):

| kind | CPU (all threads) | peak | least / read's least |
|---|---|---|---|
| read | 0.40-0.57 s | 120-121 MiB | 1 |
| kpidsl | 1.66-1.80 s | 182-186 MiB | 4.2x |
| kquery (its lines query alone) | 1.27-1.42 s | 199-202 MiB | 3.2x |
| checked (hand, every cell checked) | 1.03-1.13 s | 171-176 MiB | 2.6x |
| checked+pass (and the duplicates' pass) | 1.34-1.50 s | 188-197 MiB | 3.4x |
| bare (hand, no check: the issue's) | 0.69-0.86 s | 162-173 MiB | 1.7x |

4 M rows, two runs each, load 8.7-10.4 (--pycache):

| kind | CPU (all threads) | peak | least / read's least |
|---|---|---|---|
| read | 2.36-2.38 s | 237-267 MiB | 1 |
| kpidsl | 15.07-15.10 s | 241-248 MiB | 6.4x |
| kquery | 11.59-11.81 s | 245-248 MiB | 4.9x |
| checked | 9.98-10.29 s | 219 MiB | 4.2x |
| checked+pass | 13.13-13.58 s | 255-264 MiB | 5.6x |
| bare | 5.94-6.79 s | 223-231 MiB | 2.5x |

Per row, the start (~0.15 s) taken off: the read 0.55 us, bare 1.5, checked 2.5, kpidsl 3.7. The
ratios grow from 400 k to 4 M as the fixed part each shares with the read weighs less: at scale
even the bare hand query, no check at all, is 2.5-2.8x the read.

The queries alone, one DuckDB thread, COPY'd to a file in one warm process, least-most of three
(load 4-8): the read's every cell min() 0.22-0.29 s; bare 0.55-0.64; checked 0.91-1.13; kquery
1.10-1.25. Instructions (`valgrind --tool=callgrind python bench_sql_floor.py --one KIND
RESULTS.CSV`: one thread, the first 40 k rows, the 677 M of `--one nothing` taken off):

| query | per 40 k rows | / read |
|---|---|---|
| read (every cell's min()) | 301 M | 1 |
| bare | 709 M | 2.4x |
| checked | 1,037 M | 3.4x |
| kquery | 1,478 M | 4.9x |

What kquery spends above checked (441 M), each of its parts put in the hand query's form in
turn (kquery's text edited by hand, one part at a time; the same lines, compared at 2,000 rows): the arithmetic (levels, sums, shares: the hand
query's one folded constant a ladder) -181 M; the cells read by CASE WHEN "p#0" THEN CAST …
(TRY_CAST instead, as attribution only: it would read " 5", "1e5" without their tests) -77 M;
the `sure` OR-chain (TRUE instead) -77 M; the line's three-branch CASE and `care` (the first
branch alone) -74 M; together 409 M (these four counted in an earlier harness whose kquery
and checked differed from the table's by 12 and 5 M). DuckDB's CASE is the common part: some 100-120
instructions a row each even when every row takes its first branch (16 in the cells alone).

What this says:
- The lead's claim holds, and for a reason beside the checks: no query that writes the lines
  comes within 2x of the read at one thread, checked or not. The bare hand query is 2.4x the
  read's per-row instructions: the figure cells cast (~0.2 s at 400 k rows, one thread; DuckDB's
  CSV reader typing them costs the same) and the lines made as text and written (~0.2 s) cost as
  much as the read itself. The checks add 1.1x the read more (the row's cells joined and matched
  by one regular expression ~0.15 s, `sure`, the line's CASE), so the checked floor is 3.4x per
  row; as whole processes (Python's and DuckDB's start shared with the read) 2.6x the read's
  CPU, 3.4x with the duplicates' pass, which exactness needs too (least against least).
- kpidsl's generated query is 1.43x the checked floor per row (1.2-1.3x in CPU); the whole run
  1.1-1.3x checked+pass's CPU (kpidsl's imports, Python's copy of the lines, the MARK test).
  The query brought down to the floor (-0.24-0.29 s at 400 k rows, -1.6 s at 4 M) would leave
  kpidsl about where checked+pass is, 3.4x the read's CPU at 400 k and 5.6x at 4 M: not 2x.
  A goal to measure against instead: the checked floor with the pass, run beside kpidsl at the
  same load (this script).
- Brought into the compiler: of the arithmetic's 181 M, the part one exact.py function can
  take, a weighted term's weight / 100 as one product (kpidsl/sql/exact.py times_over: each
  ladder's and competency's weight, each component's share, the raise's mid-point / 100; 17
  products and their narrowing casts a row fewer here). Measured first on kquery's text by
  hand (-35.0 M), then as compiled: kquery 1,478 -> 1,440 M per 40 k rows (-38.5 M, -2.6 %;
  ~0.03 s CPU at 400 k rows, one thread: within this machine's noise), the same bytes at 400 k
  rows (this script: kpidsl's == checked's). Of the rest, parts put in the floor's form on
  kquery's text (attribution, same lines): the competencies' range CASE as TRY_CAST -15 M.
- Not done (each a change of the compiler's structure, for a part of the remaining ~400 M):
  constant factors kept lazy in exact.py's Val, so that weight x multiplier x share is folded
  into each ladder's branches and no level or component column is made (the rest of the 181
  M); the usual row's cells read without a CASE (it needs a reading of the non-PLAIN cell that
  stays exact without its own branch: TRY_CAST reads "1e5" and "1_000" and rounds "5.1234567");
  `sure` and the line's CASE (77 and 74 M) have no single cause.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIGS = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10",
        "c1:score", "c2:score", "c3:score", "c4:score", "c5:score"]
HEADER = "agreement,person,round,total,penalty,final,band,raise_percent,amount"

# The ladders of agreements/bench.kpi (bench_score.py): thresholds of levels 1..5, whether lower
# is better, the weight (%); k5's level 1 is "> 35" (no slope below level 2). Each level's
# contribution to the total is folded into one constant: weight % x 20 (the multiplier) x 70 %.
LADDERS = [("k1", (60, 65, 70, 75, 80), False, 5), ("k2", (65, 70, 75, 80, 85), False, 5),
           ("k3", (70, 75, 80, 90, 95), False, 10), ("k4", (35, 30, 25, 20, 15), True, 10),
           ("k5", (None, 35, 30, 25, 20), True, 10), ("k6", (75, 77.5, 80, 82.5, 85), False, 10),
           ("k7", (50, 60, 70, 80, 90), False, 10), ("k8", (84, 88, 92, 96, 100), False, 10),
           ("k9", (10, 8, 6, 4, 2), True, 15), ("k10", (70, 72.5, 75, 77.5, 80), False, 15)]


def _dec(x) -> str:
    from decimal import Decimal

    d = Decimal(str(x)).normalize()
    return format(d, "f")


def _ladder(cell: str, t, lower: bool, weight: int) -> str:
    """The ladder's weighted contribution, exact: level x weight x 0.14 (20 x 70 % / 100)."""
    from decimal import Decimal

    coef = Decimal(weight) * Decimal("0.14")
    cmp = "<=" if lower else ">="
    parts = [f"WHEN {cell} {cmp} {_dec(t[4])} THEN {_dec(5 * coef)}"]
    for level in (4, 3, 2, 1):
        lo = t[level - 1]
        if lo is None:
            continue
        step = 1 / (abs(Decimal(str(t[level])) - Decimal(str(lo))))
        gap = abs(Decimal(str(t[level])) - Decimal(str(lo)))
        # |v - lo| < gap in this branch: DECIMAL(8, 6) holds it (64-bit products)
        diff = f"CAST(abs({cell} - {_dec(lo)}) AS DECIMAL(8, 6))"
        assert gap < 100
        parts.append(f"WHEN {cell} {cmp} {_dec(lo)} THEN {_dec(level * coef)} + {diff} * {_dec(step * coef)}")
    return f"CAST(CASE {' '.join(parts)} ELSE {_dec(coef)} END AS DECIMAL(10, 8))"


def _sum(terms: list[str]) -> str:
    """A balanced sum: DuckDB widens a DECIMAL sum by a digit an addition, and past 18 digits
    computes in 128 bits; ten terms in a chain would reach 19, in a tree 4 more than each."""
    while len(terms) > 1:
        terms = [f"({a} + {b})" for a, b in zip(terms[::2], terms[1::2])] + (terms[-1:] if len(terms) % 2 else [])
    return terms[0]


def _total(v) -> str:
    """The total (before rounding) from each cell's value expression ``v(name)``."""
    terms = [_ladder(v(k), t, lower, w) for k, t, lower, w in LADDERS]
    # competencies: c x 20 % x 20 x 30 % = c x 1.2; each c in [1, 5] in a sure row: DECIMAL(7, 6)
    comp = " + ".join(f"TRY_CAST({v(c)} AS DECIMAL(7, 6))" for c in FIGS[10:])
    return f"CAST({_sum(terms)} + ({comp}) * 1.2 AS DECIMAL(16, 8))"


BANDS = [("outstanding", 90, 100, 4.5, 5), ("very_good", 80, 90, 3.5, 4), ("good", 70, 80, 2.5, 3),
         ("fair", 60, 70, 1.5, 2), ("improve", 0, 60, 0, 0)]


def _scored(source: str, v, raise_v: str, checked: bool) -> str:
    """The lines query over ``source`` (a SELECT giving agreement, person, round, the figure
    cells and raise), the value of a figure cell given by ``v(name)``."""
    band = "CASE " + " ".join(
        f"WHEN final >= {lo} AND final {'<=' if hi == 100 else '<'} {hi} THEN '{b}'" for b, lo, hi, _, _ in BANDS) + " END"
    in_band = "CASE " + " ".join(
        f"WHEN band = '{b}' THEN r BETWEEN {rlo} AND {rhi}" for b, _, _, rlo, rhi in BANDS) + " END"
    line = ("concat(agreement, ',', person, ',', round, ',', CAST(final AS VARCHAR), ',,', CAST(final AS VARCHAR), "
            "',', band, ',', CASE WHEN contains(CAST(r AS VARCHAR), '.') THEN rtrim(rtrim(CAST(r AS VARCHAR), '0'), '.') "
            "ELSE CAST(r AS VARCHAR) END, ',', CAST(CEIL(TRY_CAST(r AS DECIMAL(7, 6)) * 30.6) * 10 AS VARCHAR))")
    if not checked:
        return (f"WITH s AS (SELECT *, {raise_v} AS r, CAST(round({_total(v)}, 4) AS DECIMAL(7, 4)) AS final FROM {source}), "
                f"b AS (SELECT *, {band} AS band FROM s) SELECT {line} AS line FROM b")
    sure = ("coalesce(ok AND agreement = 'bench_individual' AND round IN ('1', '2') AND "
            + " AND ".join(f"{v(c)} BETWEEN 1 AND 5" for c in FIGS[10:]) + f" AND {in_band}, false)")
    cells = ", ',', ".join(f"coalesce(hex(\"{c}\"), 'N')" for c in ["agreement", "person", "round"] + FIGS + ["raise"])
    return (f"WITH s AS (SELECT *, {raise_v} AS r, CAST(round({_total(v)}, 4) AS DECIMAL(7, 4)) AS final FROM {source}), "
            f"b AS (SELECT *, {band} AS band FROM s) "
            f"SELECT CASE WHEN {sure} THEN {line} ELSE concat(chr(0), 'U', {cells}) END AS line FROM b")


def _plain_pattern() -> str:
    """kpidsl's joined PLAIN pattern (kpidsl/sql/cells.py): the person (LEAD: no blank at an
    end, nothing to quote or neutralise), then the figure cells and the raise, each
    [0-9]{1,9}([.][0-9]{1,6})?, joined by commas; as one full match."""
    blanks = ("\\s\u000b\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085\u001c-\u001f")
    lead = f'([^{blanks},"=+@-]([^,"\\r\\n]*[^{blanks},"])?)?'
    n = "[0-9]{1,9}([.][0-9]{1,6})?"
    return lead + "," + n + ("," + n) * 15


def checked_query(results: Path, reader: str) -> str:
    joined = "concat(person, " + ", ".join(f"',', \"{c}\"" for c in FIGS + ["raise"]) + ")"
    pat = _plain_pattern().replace("'", "''")
    src = (f"(SELECT *, regexp_full_match({joined}, '{pat}') AS ok FROM {reader})")

    # a cell's value: DECIMAL(15, 6) when its row is PLAIN (TRY_CAST: an unsure row's cell may not read)
    def v(c: str) -> str:
        return f"TRY_CAST(\"{c}\" AS DECIMAL(15, 6))"
    return _scored(src, v, "TRY_CAST(raise AS DECIMAL(15, 6))", True)


def bare_query(results: Path) -> str:
    cols = {"agreement": "VARCHAR", "person": "VARCHAR", "round": "VARCHAR",
            **{c: "DECIMAL(15, 6)" for c in FIGS}, "raise": "DECIMAL(15, 6)"}
    spec = "{" + ", ".join(f"'{k}': '{t}'" for k, t in cols.items()) + "}"
    src = f"read_csv('{results}', header=true, auto_detect=false, columns={spec})"
    return _scored(src, lambda c: f'"{c}"', "raise", False)


def reader(results: Path) -> str:
    """The CSV as score_into reads it (kpidsl/sql/run.py): every cell text, strict."""
    cols = ["agreement", "person", "round"] + FIGS + ["raise"]
    spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in cols) + "}"
    return (f"read_csv('{results}', header=true, auto_detect=false, columns={spec}, "
            "delim=',', quote='\"', escape='\"', null_padding=true, strict_mode=true)")


def _copy(con, query: str, out: Path, folder: Path) -> None:
    """COPY the query's lines to a file in ``folder`` as score_into does (run.py _copied), then
    the header and the lines to ``out``; a MARK line would go to the evaluator (none here)."""
    lines = folder / "lines.txt"
    con.execute("SET memory_limit = '200MB'")
    con.execute(f"COPY ({query}) TO '{lines}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', NEW_LINE '\\n')")
    with lines.open("rb") as f, out.open("wb") as o:
        o.write((HEADER + "\n").encode())
        while chunk := f.read(1 << 20):
            if b"\x00" in chunk:
                raise SystemExit("a row the hand query is not sure of: this script hands none to the evaluator")
            o.write(chunk)
    lines.unlink()


def one(kind: str, results: Path) -> None:
    """Run one kind's query alone on one DuckDB thread, its lines COPY'd beside ``results``
    (for callgrind: the instructions of the query, Python's start and DuckDB's load the same
    in every kind, and ``nothing`` gives them alone)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 1")
    text = reader(results)
    if kind == "kquery":
        # the query's text kept beside the results: the first run builds it (sqlglot, the plan),
        # the next ones only read it, so that their instructions are the query's
        kept = results.with_name(results.name + ".kquery.sql")
        if not kept.exists():
            sys.path.insert(0, str(HERE.parent))
            from kpidsl.check import check_paths
            from kpidsl.plan import compile_plan
            from kpidsl.plan.read import plan_of
            from kpidsl.sql import run

            (rs,) = check_paths([results.parent / "rules"]).rule_sets
            kept.write_text(run._csv_queries(plan_of(compile_plan(rs, Path(rs.name))), ["bench_individual"],
                                             run._header(results), None, None, False)[0], encoding="utf-8")
        lines = kept.read_text(encoding="utf-8")
        con.execute(f"CREATE VIEW given AS SELECT * FROM {text}")
        con.execute("CREATE VIEW results AS SELECT row_number() OVER () AS __row, * FROM given")
        query = f"SELECT q.line FROM ({lines}) AS q"
    else:
        cols = ["agreement", "person", "round"] + FIGS + ["raise"]
        query = {"read": "SELECT " + ", ".join(f'min("{c}")' for c in cols) + f" FROM {text}",
                 "checked": checked_query(results, text), "bare": bare_query(results), "nothing": "SELECT 1"}[kind]
    out = results.with_name(results.name + f".{kind}.one")
    con.execute(f"COPY ({query}) TO '{out}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', NEW_LINE '\\n')")
    out.unlink()


def _child(kind: str, rules: Path, results: Path) -> None:
    sys.path[:0] = [str(HERE.parent), str(HERE)]
    from bench_sql import digest_of, peak_mib  # the same figures as bench_sql.py's engines
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan

    (rs,) = check_paths([rules]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    out = results.with_name(results.name + f".{kind}.out")
    folder = Path(tempfile.mkdtemp(dir=results.parent))
    prepared = None
    if kind in ("kquery", "checked+pass"):
        from kpidsl.plan.read import plan_of
        from kpidsl.sql import run

        header = run._header(results)
        prepared = (run._csv_queries(plan_of(plan), ["bench_individual"], header, None, None, False)[0],
                    run._agreements(header, None, None))
    start, cpu = time.perf_counter(), time.process_time()
    digest = ""
    if kind == "read":
        import duckdb

        con = duckdb.connect()
        source = f"read_csv('{results}', all_varchar=true)"
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        con.execute("SELECT " + ", ".join(f'min("{c}")' for c in cols) + f" FROM {source}").fetchall()
    elif kind == "kpidsl":
        from kpidsl.sql.run import score_into

        with out.open("w", encoding="utf-8", newline="") as f:
            done = score_into(plan, results, None, None, f, beside=out)
        if not isinstance(done, int):
            sys.exit(f"the SQL engine did not score {results}: {done}")
    else:
        import duckdb

        con = duckdb.connect()
        con.execute(f"SET temp_directory = '{folder}'")
        if kind == "kquery":
            con.execute(f"CREATE VIEW given AS SELECT * FROM {reader(results)}")
            con.execute("CREATE VIEW results AS SELECT row_number() OVER () AS __row, * FROM given")
            _copy(con, f"SELECT q.line FROM ({prepared[0]}) AS q", out, folder)
        elif kind in ("checked", "checked+pass"):
            if kind == "checked+pass":
                con.execute(f"CREATE VIEW given AS SELECT * FROM {reader(results)}")
                con.execute("SET memory_limit = '160MB'")
                found = con.execute(prepared[1]).fetchall()
                con.execute("RESET memory_limit")
                assert found == [("bench_individual", False)], found
            _copy(con, checked_query(results, reader(results)), out, folder)
        elif kind == "bare":
            _copy(con, bare_query(results), out, folder)
        else:
            raise SystemExit(f"no kind {kind}")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if out.exists():
        digest = digest_of(out)
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak_mib(), "digest": digest}))


KINDS = ["read", "kpidsl", "kquery", "checked", "checked+pass", "bare"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=400_000)
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--kinds", nargs="*", default=KINDS)
    ap.add_argument("--print", choices=["checked", "bare"], help="print that hand query and stop")
    ap.add_argument("--pycache", type=Path, help="let the timed processes keep compiled modules in this folder "
                    "(PYTHONPYCACHEPREFIX), PYTHONDONTWRITEBYTECODE unset: kpidsl's imports as an installed "
                    "package's, not compiled again in every run (+0.25-0.3 s CPU)")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "RESULTS"),
                    help="run one query (read, bare, checked, kquery, nothing) on one thread, for callgrind; "
                         "RESULTS beside --keep's rules folder; run kquery once before counting (it keeps its text)")
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.one or args.child:
        if args.one:
            one(args.one[0], Path(args.one[1]).resolve())
        else:
            _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        return _bench(args, args.keep or Path(tmp))


def _bench(args, folder: Path) -> int:
    """Every kind --runs times in turn over bench_sql.py's rule set and rows in ``folder``."""
    sys.path.insert(0, str(HERE))
    from bench_score import write_results, write_rule_set

    folder.mkdir(parents=True, exist_ok=True)
    rules, results = folder / "rules", folder / "results.csv"
    if args.print:
        print(checked_query(results, reader(results)) if args.print == "checked" else bare_query(results))
        return 0
    write_rule_set(rules)
    if not results.exists():
        write_results(results, args.rows, args.seed)
    env = dict(os.environ)
    if args.pycache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(args.pycache.resolve())
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "kpidsl"), __file__],
                       check=True, capture_output=True, env=env)  # compiled once, outside the figures
    figures: dict[str, list[dict]] = {k: [] for k in args.kinds}
    for _ in range(args.runs):  # the kinds in turn, so that the machine's load falls on each alike
        for kind in args.kinds:
            load = os.getloadavg()[0]
            out = subprocess.run([sys.executable, __file__, "--child", kind, str(rules), str(results)],
                                 check=True, capture_output=True, text=True, env=env)
            f = json.loads(out.stdout.strip().splitlines()[-1])
            f["load"] = load
            figures[kind].append(f)
    digests = {f["digest"] for k in args.kinds if k != "read" for f in figures[k]}
    for kind in args.kinds:
        fs = figures[kind]

        def span(key: str, unit: str, fs=fs) -> str:
            lo, hi = min(f[key] for f in fs), max(f[key] for f in fs)
            return f"{lo:.2f}-{hi:.2f}{unit}" if unit != " MiB" else f"{lo:.0f}-{hi:.0f}{unit}"
        print(f"{kind:13} {span('seconds', ' s wall'):>18} {span('cpu', ' s CPU'):>17} "
              f"{span('peak_mib', ' MiB'):>12}  load {span('load', '')}")
    same = len(digests) <= 1
    print("every kind gives the same bytes" if same else "the kinds DIFFER: " + repr(
        {k: [f["digest"][:8] for f in figures[k]] for k in args.kinds}))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
