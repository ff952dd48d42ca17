"""`score --engine sql` keeps the queries it builds (kpidsl/sql/query_cache.py): a kept
query gives the evaluator's bytes without sqlglot; a spoiled entry is built again; a
changed plan or header is another entry; KPIDSL_NO_CACHE=1 keeps none."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
pytest.importorskip("duckdb", reason="the sql extra is not installed")

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl.score.batch import score_records  # noqa: E402
from kpidsl.sql import query_cache  # noqa: E402
from kpidsl.sql.run import Declined, score_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "examples/results_2555.csv"


def plan_2555() -> tuple[dict, str]:
    result = check_paths([ROOT / "rules/2555"])
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(rs.name)), rs.name


def python_csv(plan: dict, root: str, path: Path) -> str:
    outcome = score_records(plan, root, path, None, None, "csv", False, "en", None)
    assert not outcome.diagnostics
    return outcome.text


def entries(folder: Path) -> list[Path]:
    """The query cache's entries (the parse cache keeps the rule files' in the same folder)."""
    def ours(path: Path) -> bool:
        head = path.read_bytes().partition(b"\n")[0]
        return head.startswith(b"{") and json.loads(head).get("format") == query_cache.ENTRY_FORMAT

    return sorted(p for p in folder.rglob("*.json") if len(p.stem) == 64 and ours(p))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(folder))
    monkeypatch.delenv("KPIDSL_NO_CACHE", raising=False)
    return folder


def test_a_kept_query_is_run_without_building_it(cache_dir, monkeypatch):
    import kpidsl.sql.run as run

    plan, root = plan_2555()
    first = score_csv(plan, RESULTS, None, None)
    assert not isinstance(first, Declined), first
    assert first == python_csv(plan, root, RESULTS)
    assert len(entries(cache_dir)) == 2  # the agreements' pass, the lines (no salary column: no pool query)

    def no_building(*args, **kwargs):
        raise AssertionError("a kept query was built again")

    monkeypatch.setattr(run, "_csv_queries", no_building)
    monkeypatch.setattr(run, "_agreements", no_building)
    assert score_csv(plan, RESULTS, None, None) == first


@pytest.mark.parametrize("spoil", ["truncated", "body changed", "header of another key", "not JSON", "deep"])
def test_a_spoiled_entry_is_built_again(cache_dir, spoil):
    plan, root = plan_2555()
    first = score_csv(plan, RESULTS, None, None)
    kept = {p: p.read_bytes() for p in entries(cache_dir)}
    for path, data in kept.items():
        head, _, body = data.partition(b"\n")
        if spoil == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif spoil == "body changed":  # a valid list of texts, not the one its header vouches for
            path.write_bytes(head + b"\n" + json.dumps(["SELECT 1"]).encode())
        elif spoil == "deep":  # vouched for by its header, and deeper than Python's JSON reader goes
            deep = b"[" * 100_000 + b"]" * 100_000
            vouched = dict(json.loads(head), body=hashlib.sha256(deep).hexdigest())
            path.write_bytes(json.dumps(vouched).encode() + b"\n" + deep)
        elif spoil == "header of another key":
            other = dict(json.loads(head), key="0" * 64)
            path.write_bytes(json.dumps(other).encode() + b"\n" + body)
        else:
            path.write_bytes(b"\x00garbage")
    for path in kept:
        assert query_cache.load(path.stem) is None
    assert score_csv(plan, RESULTS, None, None) == first == python_csv(plan, root, RESULTS)
    assert {p: p.read_bytes() for p in entries(cache_dir)} == kept  # rebuilt as they were


def test_another_plan_or_header_is_another_entry(cache_dir, tmp_path):
    plan, root = plan_2555()
    score_csv(plan, RESULTS, None, None)
    assert len(entries(cache_dir)) == 2
    # the same rule set with a weight changed: its own query, the evaluator's figures
    changed = json.loads(json.dumps(plan))
    (agreement,) = [a for a in changed["agreements"] if a["id"] == "dept_example_2555"]
    text = json.dumps(agreement)
    assert '"weight": "24"' in text
    agreement.update(json.loads(text.replace('"weight": "24"', '"weight": "30"', 1)))
    assert score_csv(changed, RESULTS, None, None) == python_csv(changed, root, RESULTS) != python_csv(
        plan, root, RESULTS)
    assert len(entries(cache_dir)) == 3  # the agreements' pass is the plan's business only through its header
    # the columns in another order: another header, other entries
    lines = RESULTS.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split(",") for line in lines]
    assert all(len(r) == len(rows[0]) for r in rows)  # no quoted comma in the shipped file
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("".join(",".join(r[1:] + r[:1]) + "\n" for r in rows), encoding="utf-8")
    assert score_csv(plan, swapped, None, None) == python_csv(plan, root, swapped)
    assert len(entries(cache_dir)) == 5


def test_no_cache_keeps_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    plan, root = plan_2555()
    assert score_csv(plan, RESULTS, None, None) == python_csv(plan, root, RESULTS)
    assert not cache_dir.exists() or not entries(cache_dir)


def test_a_kept_query_needs_no_sqlglot(cache_dir):
    """The second run imports neither sqlglot nor the compiler (0.1 s CPU and 0.2 s of
    building at bench_sql.py's 400 k rows)."""
    script = ("import sys, json; from pathlib import Path; from kpidsl.check import check_paths; "
              "from kpidsl.plan import compile_plan; from kpidsl.sql.run import score_csv; "
              f"(rs,) = check_paths([Path({str(ROOT / 'rules/2555')!r})]).rule_sets; "
              f"out = score_csv(compile_plan(rs, Path(rs.name)), Path({str(RESULTS)!r}), None, None); "
              "print(json.dumps([isinstance(out, str), 'sqlglot' in sys.modules]))")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
            for _ in range(2)]
    assert [json.loads(r.stdout) for r in runs] == [[True, True], [True, False]]
