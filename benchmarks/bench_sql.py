"""`kpidsl score --engine sql` against the Python evaluator and DuckDB reading the CSV alone.

    python benchmarks/bench_sql.py [--rows 400000] [--seed 2554] [--keep DIR] [--no-python]

The rule set and the results are bench_score.py's (one individual agreement: 10 ladders,
5 competencies, 70/30, bands, raises; every row scores). Each engine runs in a process
of its own, the plan compiled outside the timing, and reports its wall time and its peak
resident memory (the process's, Python and its imports included), and the CPU time of all
its threads (the fairer figure on a shared machine):

- duckdb read: DuckDB reading the CSV, every cell touched (min of each column);
- sql: kpidsl.sql.run.score_into, the compiled query on embedded DuckDB, the CSV streamed to a file;
- python: kpidsl.score.batch.score_records, `kpidsl score --format csv -o FILE`'s path.

It checks that sql and python give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(kind: str, rules: Path, results: Path) -> None:
    sys.path.insert(0, str(HERE))
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan

    (rs,) = check_paths([rules]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "read":
        import duckdb

        con = duckdb.connect()
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_csv('{results}', all_varchar=true)").fetchall()]
        con.execute("SELECT " + ", ".join(f'min("{c}")' for c in cols) +
                    f" FROM read_csv('{results}', all_varchar=true)").fetchall()
        digest = ""
    elif kind == "sql":
        from kpidsl.sql.run import score_into

        out = results.with_suffix(".sql.out")
        with out.open("w", encoding="utf-8", newline="") as f:  # streamed, as `-o FILE` is
            done = score_into(plan, results, None, None, f)
        assert isinstance(done, int), done
        digest = _digest(out)
    else:
        from kpidsl.score.batch import score_records

        out = results.with_suffix(".python.out")
        outcome = score_records(plan, rs.name, results, None, None, "csv", False, "en", out)
        assert not outcome.diagnostics
        digest = _digest(out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak, "digest": digest}))


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    path.unlink()
    return h.hexdigest()


def run(kind: str, rules: Path, results: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(rules), str(results)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=400_000)
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--no-python", action="store_true", help="time DuckDB and the SQL engine only")
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    sys.path.insert(0, str(HERE))
    from bench_score import write_results, write_rule_set

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules = folder / "rules"
        rules.mkdir(parents=True, exist_ok=True)
        write_rule_set(rules)
        results = folder / "results.csv"
        write_results(results, args.rows, args.seed)
        print(f"{args.rows:,} evaluations, {results.stat().st_size / 1048576:.1f} MiB of CSV")
        kinds = ("read", "sql") if args.no_python else ("read", "sql", "python")
        figures = {kind: run(kind, rules, results) for kind in kinds}
        for kind, label in (("read", "DuckDB reading the CSV alone"), ("sql", "kpidsl score --engine sql"),
                            ("python", "kpidsl score (python)")):
            if kind not in figures:
                continue
            f = figures[kind]
            print(f"{label:32} {f['seconds']:7.2f} s wall {f['cpu']:7.2f} s CPU  {f['peak_mib']:7.0f} MiB peak")
        read = figures["read"]["seconds"]
        print(f"sql / read = {figures['sql']['seconds'] / read:.1f}x" + (
            "" if args.no_python else f", python / read = {figures['python']['seconds'] / read:.1f}x"))
        if args.no_python:
            return 0
        same = figures["sql"]["digest"] == figures["python"]["digest"]
        print("sql and python give the same bytes" if same else "sql and python DIFFER")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
