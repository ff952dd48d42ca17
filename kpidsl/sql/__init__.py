"""The plan compiled to SQL: one agreement's scoring as a sqlglot query over a results
table, transpiled to DuckDB, Spark SQL, Trino and PostgreSQL (kpidsl/sql/query.py), and
run on embedded DuckDB for `kpidsl score --engine sql` (kpidsl/sql/run.py).

Needs the optional extra ``sql`` (sqlglot; duckdb to run it)."""

from .compiler import Unsupported, canonical_header
from .exact import NotExact
from .query import TABLE, build_query

DIALECTS = ("duckdb", "spark", "trino", "postgres")


def agreement_sql(plan, agreement_id: str, dialect: str, pretty: bool = True) -> str:
    """The query for one agreement over a table ``results`` with the agreement's usual columns."""
    agreement = plan.agreements_by_id[agreement_id]
    query = build_query(plan, [agreement_id], canonical_header(agreement), default_agreement=agreement_id)
    return query.sql(dialect=dialect, pretty=pretty)


__all__ = ["DIALECTS", "NotExact", "TABLE", "Unsupported", "agreement_sql", "build_query", "canonical_header"]
