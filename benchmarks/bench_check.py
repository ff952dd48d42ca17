"""How fast is `kpidsl check`? A script, not a test.

    python benchmarks/bench_check.py [--indicators 5000] [--runs 5] [--profile]

1. Generates a synthetic rule set into a temporary folder: one framework of
   perspectives → dimensions → indicators (ladders, target/step ladders,
   milestones, formulas over inputs, template fields, all in the fiscal year),
   a bands table and a calendar, with weights that add up so it checks clean
   (the script stops if it does not).
2. Prints (a) the Lark parse time alone for the same text (the parser without
   the transformer), (b) the full in-process check (kpidsl.check.check_paths),
   and their ratio (target ≤ 2).
   Both without the parse cache (KPIDSL_NO_CACHE=1): every file is parsed.
3. Prints the wall time of `kpidsl check rules/` as a subprocess against
   `python -c "import kpidsl"` (target ≤ 1.5×), medians of --runs runs: with the
   parse cache warm (an ordinary run: the files did not change since the last
   one) and without it (every file parsed). When rules/ holds no rule files a
   small generated rule set is checked instead.
4. Prints (d), in-process: every rule file of rules/ parsed, against the same
   files read back from a warm parse cache (JSON decoded into the AST).
5. With --profile, where the full check's time goes: its stages timed
   without the profiler, the share of garbage collection, then cProfile's
   self time by area and the top functions outside Lark.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from kpidsl.check import PASSES, Checker, check_paths, discover, load
from kpidsl.source import read_file
from kpidsl.syntax import cache, parse_source, parse_uncached
from kpidsl.syntax.lower import lower
from kpidsl.syntax.parser import lark_parser
from kpidsl.syntax.parser import parse as parse_text
from listing import print_top  # benchmarks/listing.py, beside this script

REPO = Path(__file__).resolve().parent.parent
MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


# ---- the synthetic rule set ----------------------------------------------------------------


def _kpi(n: int, ident: str, weight: Decimal) -> list[str]:
    """One indicator; the scoring method and template fields vary with n."""
    lines = [f'kpi {ident} "ผลการดำเนินงานที่ {n}" weight {weight} {{']
    kind = n % 4
    if kind == 0:
        base = 60 + n % 20
        lines += ['    unit "ร้อยละ"', f"    ladder {' '.join(str(base + 5 * k) for k in range(5))}"]
    elif kind == 1:
        lines += ['    unit "ร้อยละ"', f"    ladder target {70 + n % 20} step 2.5"]
    elif kind == 2:
        lines.append("    milestones {")
        for step in range(1, 6):
            month = MONTHS[1 + 2 * (step - 1)]
            year = 2554 if month in ("ต.ค.", "พ.ย.", "ธ.ค.") else 2555
            lines.append(f'        {step} "ขั้นตอนที่ {step} ของตัวชี้วัด {n}" due 28 {month} {year}')
        lines.append("    }")
    else:
        lines += [
            '    input X1 X2 "ผลการเบิกจ่าย" unit "บาท"',
            '    input Y1 Y2 "วงเงินตามแผน" unit "บาท"',
            "    value mean(X1 / Y1, X2 / Y2) * 100",
            "    ladder 85 87.5 90 92.5 95",
        ]
    if n % 2 == 0:
        lines += [
            f'    description "คำอธิบายตัวชี้วัดที่ {n}"',
            '    definition "ผลการดำเนินงาน" "ผลที่วัดได้ ณ สิ้นปี"',
            '    formula "(ผล / เป้าหมาย) × 100"',
            '    condition "นับเฉพาะโครงการที่ได้รับอนุมัติ"',
            f"    baseline 2554 {70 + n % 25}",
            '    owner "กองแผนงาน"',
            '    collector "ศูนย์สารสนเทศ"',
            '    evidence "รายงานผลการดำเนินงาน"',
        ]
    lines.append("}")
    return lines


def framework_text(indicators: int) -> str:
    """perspectives × dimensions × indicators, weights exact in Decimal."""
    perspectives, dimensions = 4, 10
    per_dim = indicators // (perspectives * dimensions)
    assert per_dim * perspectives * dimensions == indicators, "use a multiple of 40 indicators"
    p_weight = Decimal(100) / perspectives
    d_weight = p_weight / dimensions
    k_weight = d_weight / per_dim
    assert k_weight * per_dim == d_weight, "indicator weights must be exact"
    out = [
        'framework synthetic "กรอบการประเมินสังเคราะห์สำหรับวัดความเร็ว" {',
        "    fiscal_year 2555",
        "    level department",
        "    policy { interpolate linear; floor 1; decimals 4 }",
        "    bands rating",
        "    calendar plan",
    ]
    n = 0
    for p in range(1, perspectives + 1):
        out.append(f'    perspective p{p} "มุมมองที่ {p}" weight {p_weight} {{')
        for d in range(1, dimensions + 1):
            out.append(f'        dimension d{p}_{d} "มิติที่ {p}.{d}" weight {d_weight} {{')
            for k in range(1, per_dim + 1):
                n += 1
                out += ["            " + line for line in _kpi(n, f"{p}.{d}.{k}", k_weight)]
            out.append("        }")
        out.append("    }")
    out.append("}")
    return "\n".join(out) + "\n"


TABLES = """\
bands rating "ระดับผลการประเมิน" {
    range 1 - 5
    band excellent "ดีเด่น" >= 4.5 <= 5 raise 4.5% - 6%
    band very_good "ดีมาก" >= 4 < 4.5 raise 3% - 4.5%
    band good "ดี" >= 3.5 < 4 raise 2% - 3%
    band fair "พอใช้" >= 3 < 3.5 raise 1% - 2%
    band poor "ต้องปรับปรุง" >= 1 < 3 raise none
}

calendar plan "ปฏิทินการดำเนินงาน" {
    fiscal_year 2555
    activity 1 "เจรจาข้อตกลง" when 1 ต.ค. 2554 - 31 ต.ค. 2554 responsible "สำนักงาน ก.พ.ร."
    activity 2 "ลงนามคำรับรอง" due 30 พ.ย. 2554 responsible "ส่วนราชการ"
}
"""


def write_rule_set(folder: Path, indicators: int) -> dict[str, str]:
    files = {"framework.kpi": framework_text(indicators), "tables.kpi": TABLES}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files


# ---- timing --------------------------------------------------------------------------------


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_wall(a: list[str], b: list[str], runs: int, cwd: Path) -> tuple[float, float, float]:
    """Wall times of two commands run in turn (A B A B …, after one warm-up
    each): the median of each and the median of the pairwise ratios A/B."""

    def wall(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, capture_output=True)
        return time.perf_counter() - start

    wall(a), wall(b)
    pairs = [(wall(a), wall(b)) for _ in range(runs)]
    return (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs),
            statistics.median(p[0] / p[1] for p in pairs))


def kpidsl_command() -> list[str]:
    script = Path(sys.executable).with_name("kpidsl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kpidsl"]


def phases(folder: Path, files: dict[str, str], lark_time: float, check_time: float, runs: int) -> None:
    """The full check split into its stages, unprofiled (medians)."""
    docs = {name: parse_text(text, name).document for name, text in files.items()}
    tree = median_time(lambda: [parse_text(text, name) for name, text in files.items()], runs)
    lowering = median_time(lambda: [lower(doc) for doc in docs.values()], runs)
    (source,), _ = discover([folder])
    rule_set, _ = load(source)

    def run_passes() -> None:
        checker = Checker(rule_set)
        for check_pass in PASSES:
            check_pass.run(checker)

    passes = median_time(run_passes, runs)
    gc.disable()
    try:
        no_gc = median_time(lambda: check_paths([folder]), runs)
    finally:
        gc.enable()
    print("\n---- where the full check's time goes (medians, no profiler) ----")
    rows = [
        ("Lark lexer + LALR parser (a)", lark_time),
        ("statement tree: transformer, lexer callbacks", tree - lark_time),
        ("lowering to the rule AST", lowering),
        ("checker passes", passes),
        ("the rest (reading files, by difference)", check_time - tree - lowering - passes),
    ]
    for label, seconds in rows:
        print(f"    {label:<46} {seconds * 1000:8.1f} ms  {seconds / check_time:6.1%}")
    print(f"    {'full check (b)':<46} {check_time * 1000:8.1f} ms")
    print(f"    {'full check, garbage collector off':<46} {no_gc * 1000:8.1f} ms  "
          f"(GC costs {1 - no_gc / check_time:.0%})")


def _area(filename: str) -> str:
    path = filename.replace("\\", "/")
    if "/lark/" in path:
        return "lark"
    if "/kpidsl/" in path:
        area = path.rsplit("/kpidsl/", 1)[1]
        return "kpidsl/" + (area.rsplit("/", 1)[0] + "/" if area.count("/") >= 2 else area)
    return path.rsplit("/", 1)[-1]


def profile(folder: Path, top: int) -> None:
    """cProfile of one full check: self time by area, then the top functions
    outside Lark (the cost beyond the parse)."""
    profiler = cProfile.Profile()
    profiler.enable()
    check_paths([folder])
    profiler.disable()
    stats = pstats.Stats(profiler)

    def area(key) -> str:
        """A built-in counts for the area of its callers when they share one (re.match under Lark's lexer)."""
        if key[0] != "~":
            return _area(key[0])
        callers = {_area(caller[0]) for caller in stats.stats[key][4]}
        return callers.pop() if len(callers) == 1 else "builtins"

    areas: dict[str, float] = {}
    for key, (_, _, self_time, _, _) in stats.stats.items():
        areas[area(key)] = areas.get(area(key), 0.0) + self_time
    total = sum(areas.values())
    print(f"\n---- cProfile of the full check: self time by area ({total:.2f} s under the profiler) ----")
    for name, seconds in sorted(areas.items(), key=lambda kv: -kv[1])[:12]:
        print(f"    {name:<40} {seconds:7.3f} s  {seconds / total:6.1%}")
    # The listing leaves out Lark's own functions: the parse alone is figure (a).
    stats.stats = {k: v for k, v in stats.stats.items() if area(k) != "lark"}
    print_top(stats, top, "\n---- top functions outside Lark, by {order} ----")


def cache_figures(folder: Path, runs: int) -> None:
    """(d) Parsing every file of ``folder`` against reading them from a warm parse cache."""
    sources = [read_file(p)[0] for p in sorted(folder.rglob("*.kpi"))]
    with tempfile.TemporaryDirectory() as tmp:
        saved = {k: os.environ.pop(k, None) for k in (cache.CACHE_ENV, cache.NO_CACHE_ENV)}
        os.environ[cache.CACHE_ENV] = tmp
        try:
            for source in sources:
                parse_source(source)
            parse = median_time(lambda: [parse_uncached(s) for s in sources], runs)
            hit = median_time(lambda: [cache.load(s.path, s.text) for s in sources], runs)
            assert all(cache.load(s.path, s.text) is not None for s in sources), "the cache missed"
        finally:
            for k, v in saved.items():
                os.environ.pop(k, None)
                if v is not None:
                    os.environ[k] = v
    print(f"\n(d) {len(sources)} files in-process, median of {runs}:")
    print(f"    parsed:                          {parse * 1000:8.1f} ms")
    print(f"    read from the parse cache:       {hit * 1000:8.1f} ms   ({parse / hit:.1f}x faster)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--indicators", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="where the full check's time goes: stages, GC, cProfile")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    os.environ["KPIDSL_NO_CACHE"] = "1"  # (a) and (b): every file parsed
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_rule_set(folder, args.indicators)
        size = sum(len(t.encode("utf-8")) for t in files.values())
        lines = sum(t.count("\n") for t in files.values())
        print(f"synthetic rule set: {args.indicators} indicators, {len(files)} files, {lines} lines, "
              f"{size / 1e6:.2f} MB")

        result = check_paths([folder])  # also builds both parsers once
        if result.diagnostics:
            for d in result.diagnostics[:10]:
                print(f"  {d.span}: {d.code} {d.message_en}")
            print("the synthetic rule set does not check clean: fix the generator")
            return 1

        parser = lark_parser()
        parse = median_time(lambda: [parser.parse(t) for t in files.values()], args.runs)
        check = median_time(lambda: check_paths([folder]), args.runs)
        print(f"(a) Lark parse alone:      {parse * 1000:8.1f} ms")
        print(f"(b) full check in-process: {check * 1000:8.1f} ms")
        print(f"    ratio check / parse:   {check / parse:8.2f}   (target <= 2)")

        if args.profile:
            phases(folder, files, parse, check, args.runs)
            profile(folder, args.top)

    rules = REPO / "rules"
    with tempfile.TemporaryDirectory() as tmp:
        if any(rules.glob("**/*.kpi")):
            target, label = rules, "rules/"
        else:
            target, label = Path(tmp), "a small generated rule set (rules/ has no .kpi files yet)"
            write_rule_set(target, 40)
        check_cmd = [*kpidsl_command(), "check", str(target)]
        import_cmd = [sys.executable, "-c", "import kpidsl"]
        del os.environ["KPIDSL_NO_CACHE"]
        os.environ["KPIDSL_CACHE_DIR"] = str(Path(tmp) / "cache")  # warmed by paired_wall's first run
        check_wall, import_wall, ratio = paired_wall(check_cmd, import_cmd, args.runs, REPO)
        os.environ["KPIDSL_NO_CACHE"] = "1"
        cold_wall, cold_import, cold_ratio = paired_wall(check_cmd, import_cmd, args.runs, REPO)
        _, bare_wall, _ = paired_wall(import_cmd, [sys.executable, "-c", "pass"], args.runs, REPO)
    print(f"\n(c) `kpidsl check` on {label}, wall time, median of {args.runs}:")
    print(f"    kpidsl check (parse cache warm): {check_wall * 1000:8.1f} ms")
    print(f"    python -c 'import kpidsl':       {import_wall * 1000:8.1f} ms")
    print(f"    ratio (median of pairs):         {ratio:8.2f}   (target <= 1.5)")
    print(f"    without the cache:               {cold_wall * 1000:8.1f} ms, ratio {cold_ratio:.2f}"
          f" to import kpidsl ({cold_import * 1000:.1f} ms)")
    print(f"    (python -c 'pass':               {bare_wall * 1000:8.1f} ms)")
    if any(rules.glob("**/*.kpi")):
        cache_figures(rules, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
