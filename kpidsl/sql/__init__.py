"""The plan compiled to SQL: one agreement's scoring as a sqlglot query over a results
table, transpiled to DuckDB, Spark SQL, Trino and PostgreSQL (kpidsl/sql/query.py), and
run on embedded DuckDB for `kpidsl score --engine sql` (kpidsl/sql/run.py).

Needs the optional extra ``sql`` (sqlglot; duckdb to run it). The names below import
sqlglot when first used, not with the package: `score --engine sql` runs a query kept in
the cache (kpidsl/sql/query_cache.py) without it."""

from __future__ import annotations

DIALECTS = ("duckdb", "spark", "trino", "postgres")
_LAZY = {"Unsupported": "compiler", "canonical_header": "compiler", "NotExact": "exact", "TABLE": "query",
         "build_query": "query"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def agreement_sql(plan, agreement_id: str, dialect: str, pretty: bool = True) -> str:
    """The query for one agreement over a table ``results`` with the agreement's usual columns."""
    from .compiler import canonical_header
    from .literals import visible
    from .query import build_query

    agreement = plan.agreements_by_id[agreement_id]
    query = build_query(plan, [agreement_id], canonical_header(agreement), default_agreement=agreement_id)
    return visible(query, dialect).sql(dialect=dialect, pretty=pretty)


__all__ = ["DIALECTS", "NotExact", "TABLE", "Unsupported", "agreement_sql", "build_query", "canonical_header"]
