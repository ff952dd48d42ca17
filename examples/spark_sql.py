"""Run a query of `kpidsl sql --dialect spark` on a results CSV in Spark's local mode.

    kpidsl sql rules/2554 --agreement janya_2554_r1 --dialect spark > janya.sql
    python examples/spark_sql.py janya.sql examples/janya.csv

The CSV becomes the table `results` (every cell text, the header's names kept as they
are); the query's rows are printed as CSV: a row whose `sure` is false is one to score
with `kpidsl score` (a cell the query cannot read as the evaluator would). Needs pyspark
and a Java runtime; on a cluster, register the warehouse table as `results` instead.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal

from pyspark.sql import SparkSession


def main(query_path: str, results_path: str) -> None:
    with open(results_path, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    spark = (SparkSession.builder.master("local[1]").appName("kpidsl-sql")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        frame = spark.read.option("header", True).option("encoding", "UTF-8").csv(results_path)
        frame.toDF(*header).createOrReplaceTempView("results")
        with open(query_path, encoding="utf-8") as f:
            rows = spark.sql(f.read().rstrip().rstrip(";")).collect()
        out = csv.writer(sys.stdout, lineterminator="\n")
        if rows:
            out.writerow(rows[0].__fields__)
        for row in rows:
            out.writerow(["" if v is None else f"{v:f}" if isinstance(v, Decimal) else str(v).lower()
                          if isinstance(v, bool) else v for v in row])
    finally:
        spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python examples/spark_sql.py QUERY.sql RESULTS.csv")
    main(sys.argv[1], sys.argv[2])
