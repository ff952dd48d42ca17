"""`kpidsl score --engine sql` against the Python evaluator and DuckDB reading the same file.

    python benchmarks/bench_sql.py [--rows 400000] [--seed 2554] [--keep DIR] [--no-python] [--decimal]

The rule set and the results are bench_score.py's (one individual agreement: 10 ladders,
5 competencies, 70/30, bands, raises; every row scores), and the same results as Parquet
(columns typed as DuckDB detects them: the figures DOUBLE; with ``--decimal`` also a Parquet
whose figure columns are DECIMAL(5, 2), the same values). ``--keep DIR`` writes them there and reuses them
on the next run. Each engine runs in a process of its own, the plan compiled outside the
timing, and reports its wall time, the CPU time of all its threads (the fairer figure on
a shared machine) and its peak resident memory (VmHWM: the process's, Python and its
imports included):

- read: DuckDB reading the CSV (or the Parquet), every cell touched (min of each column);
- sql: kpidsl.sql.run.score_into, the compiled query on embedded DuckDB, the CSV streamed
  to a file (`score --engine sql -o FILE`'s path), from the CSV and from the Parquet;
- python: kpidsl.score.batch.score_records, `kpidsl score --format csv -o FILE`'s path.

It checks that every engine gives the same bytes. Measured on the 2-core development
machine while other work loaded both cores (wall times noisy; CPU and memory are the
figures to compare):

| rows | read CSV | --engine sql | read Parquet | --engine sql, Parquet in | python |
|---|---|---|---|---|---|
| 400 k | 0.6-0.7 s CPU, 119 MiB | 3.6-4.2 s CPU, 175-183 MiB | 0.12 s, 75 MiB | 3.1-3.9 s, 163 MiB | 13.8 s CPU, 77 MiB |
| 4 M | 3.3-4.2 s CPU, 235-265 MiB | 33.5 s CPU, 260 MiB | 0.15 s, 76 MiB | 24.8 s, 255 MiB | (not run) |

(load 7-10.) The same 400 k rows, the code before and after this round in turn, three
runs each: 4.8-5.9 s CPU before, 3.96-4.9 s after (-18 %): rounding by the dialect's own
ROUND/FLOOR/CEIL where the figure is over den 1 (no remainder to build in 128 bits), no
min(…, cap) where a ladder's level cannot pass the cap, the total rounded once, and the
duplicates pass hashing the usual row's cells without regular expressions (0.73 → 0.40 s).

Memory: 175-183 MiB at 400 k, 260 MiB at 4 M (1.0-1.5x DuckDB's read; 731 MiB at 4 M
before the duplicates became a sort DuckDB spills and the output was streamed). CPU
stays 6-10x the read (goal 2x). Where it goes (DuckDB's profile and the query cut at
each CTE, one thread, 400 k rows): reading 0.29 s; the cells checked and cast 0.43 s
(a regular expression per cell, which is what makes a cell certain to read as Python
reads it: string functions cost more); the figures 0.35 s; the `sure` test 0.3 s; the
lines and their fetch 0.5 s; and the duplicates pass, a second read of the file, 0.4 s.
Staging the file in a DuckDB table first (read once) did not pay: the table costs what
the second read saves.

The next round: a figure cell is matched by one regular expression, not three (whether
it is unreadable is read from its number), and trailing zeros go by one regexp_replace
instead of two rtrims (-0.3 s CPU at 400 k rows, measured on the query alone; the whole
run is within the noise at load 7-9). What the figures above left out: this timing imports
kpidsl.sql.run (sqlglot, and the evaluator for its raise pool: 0.4 s CPU) and builds and
prints the query (0.2 s); fetching the lines into Python costs 0.7 s more than making them.
Tried and left: DuckDB writing the lines itself (COPY to a file, copied to the output):
-0.3 s CPU at 400 k, the same at 4 M, but a peak of 384 MiB at 4 M against 260 (COPY holds
batches to keep their order); per-cell checks by TRY_CAST or string functions (ltrim over
a charset costs DuckDB ten times a regular expression; TRY_CAST alone is not certain: it
rounds past 6 decimals, takes signs, blanks and exponents); an ASCII fast path before the
blanks-at-the-ends expression (within the noise); a hash aggregate or count(DISTINCT) for
the duplicates (as dear as the sort). Where the rest goes (one thread, 400 k rows): the CSV
read 0.3 s, the cells 0.45, the figures and the `sure` test about 1 s (the compiled plan's
arithmetic and range checks), the lines 0.2 and their fetch 0.7, the duplicates' pass 0.42
(a second read: the agreements must be known before the query is built).

This round: each line made by one concat() (NULL as '') and plain() by two rtrims instead
of a chain of || and a regexp_replace (the lines 0.65 -> 0.17 s CPU at 400 k rows, one
thread, the query alone); the queries kept in kpidsl's cache (kpidsl/sql/query_cache.py:
the second run of a rule set over a header builds nothing and imports no sqlglot, 0.2 s
CPU of building and 0.1 s of import saved). The same 1 M rows, the code before and after
side by side at load 8-10: 11.5 -> 10.0 s CPU, 287 MiB both, the same bytes. At load 6-10
(two cores shared by seven sessions; wall times 3-10x the CPU, not comparable):

| rows | read CSV | --engine sql | read Parquet | --engine sql, Parquet in |
|---|---|---|---|---|
| 400 k | 0.60-0.76 s CPU, 118 MiB | 3.72-3.86 s CPU, 166-179 MiB | 0.15 s, 75 MiB | 3.09 s, 139-146 MiB |
| 1 M | 1.41 s CPU, 170 MiB | 10.0-10.5 s CPU, 277-287 MiB | 0.20 s, 75 MiB | 7.40 s, 192 MiB |
| 4 M | 4.73 s CPU, 204 MiB | 38.1 s CPU, 567 MiB | 0.19 s, 76 MiB | 30.5 s, 506 MiB |

`kpidsl score rules --results results.csv --format csv --engine sql -o scored.csv` at 1 M
rows (the query kept): 8.4-8.5 s user + 0.7 s sys, 29-34 s wall, 214-232 MiB peak. The peak
at 4 M, 567 MiB, is 260 in the quieter run above; at 1 M the code before this round peaks
as high (287 MiB) under the same load, so the load, not this round, is the likelier cause
(DuckDB's threads holding batches while the thread fetching waits for a core): not followed up.

Where the CPU goes (the query cut after each CTE, every column of the cut taken by max(),
one thread, least of three runs at load 1.7-3; the 1 M column least of two at load 3, noisier):

| step | 400 k: cut at it | its own | 1 M: cut at it |
|---|---|---|---|
| the CSV read (every cell) | 0.35-0.40 s | 0.35-0.40 s | 0.80-0.88 s |
| cells: a number read from each figure cell (PLAIN, NUMBER) | 0.85 | 0.45-0.50 | 2.8-3.2 |
| unread: blank or unreadable | 0.91 | 0.06 | 2.8 |
| level0: the 10 ladders | 1.25 | 0.34 | 3.2 |
| level1-2: the weighted sums | 1.52 | 0.27 | 3.7-4.0 |
| level3 + the outputs: rounding, band, raise, `sure` | 1.68 | 0.16-0.3 | 4.2-4.4 |
| the lines (_lines: concat, plain) | 2.29 (fetched: 2.02) | 0.35-0.6 | 5.6-5.7 |
| the duplicates' pass (a second read, a sort of hashes) | 0.49 | 0.49 | 1.07 |

A whole run (score_into) at 1 M rows, load 3-5: 6.9-9.4 s CPU, 223-285 MiB (the query, its
fetch, the pass above, and Python's lines: writing and the imports, ~1 s).

Tried this round and left (each measured on the 400 k rows, one thread):
- The duplicates in the scoring read: the query giving each row's key hash, Python handing
  the hashes back to DuckDB for the sort. The extra column costs 0.25 s CPU a million rows
  to fetch, and the hashes 0.5 s to hand back (as one text a batch; 1.9 s as a list
  parameter), against the pass's 1.07 s; and the query must then be built before the
  agreements of the file are known (a sample of its first rows, and a second pass when a
  later row names another). Not worth it: the pass stays.
- The cell check: one regular expression over the row's figure cells joined (concat and
  regexp_full_match, the usual row certain at once): 0.70 s against 0.81 for one a cell
  (0.41 the read), but only with DuckDB's regexp_full_match (the anchored form the other
  dialects share gave 0.87); TRY_CAST and a prefix test of its text (a cell certain when it
  begins the number's own text): 0.84-0.90, no gain.
- DuckDB's common-subexpression pass: off or on, the same 400 k figures within the noise (it
  is what a wide file's query spent its time in: kpidsl/sql/run.py WIDE).

Memory: the 567 MiB at 4 M rows above was this script's, which ran score_into without the
output's path, as for standard output: DuckDB then has nowhere to spill and holds the
duplicates' sort in memory (up to run.NO_SPILL_MEMORY). Given the path, as `-o FILE` gives it
(this script now does), the sort spills past run.PASS_MEMORY (160 MB) and the peak is flat:
VmHWM, score_into in a process of its own, load 3-5: 400 k rows 164-181 MiB, 1 M 223-240,
4 M 265-271, whether DuckDB has 2 threads or 1 (threads=1: the same CPU within the noise,
400 k 3.9 against 4.3 s, 1 M 9.2 against 9.4, 4 M 33.8 against 33.2; 8 or 16 threads: 176-192
MiB at 400 k). The peak's growth 400 k -> 4 M (+90 MiB) is the sort filling its 160 MB: a
PASS_MEMORY of 128 MB gave 236 MiB at 4 M, the same CPU, but 96 MB or less stops the pass (the
CSV reader alone takes three blocks of 30.5 MiB), too near to choose. Settings kept as they are.

This round's figures (this script, --no-python, load 2.3-4):

| rows | read CSV | --engine sql | read Parquet | --engine sql, Parquet in |
|---|---|---|---|---|
| 400 k | 0.76 s CPU, 118 MiB | 5.08 s CPU, 181 MiB | 0.22 s, 75 MiB | 3.41 s, 149 MiB |
| 1 M | 1.23 s CPU, 172 MiB | 8.33 s CPU, 223 MiB | 0.13 s, 75 MiB | 5.62 s, 194 MiB |
| 4 M | 3.88 s CPU, 235 MiB | 32.4 s CPU, 267 MiB | 0.12 s, 76 MiB | 29.0 s, 258 MiB |

`kpidsl score rules --results results.csv --format csv --engine sql -o scored.csv` at 1 M
rows (the query kept), load 4: 8.8-9.2 s user + 0.6 s sys, 15-18 s wall, 232-242 MiB peak.

Standard output (`-o -`, no -o) now spills too: into a folder made for the run inside kpidsl's
cache folder and removed after it (kpidsl/sql/run.py _spill_folder; with the cache off, as
before, no spill up to run.NO_SPILL_MEMORY). `kpidsl score rules --results results.csv --format
csv --engine sql -o - > /dev/null`, the query kept, peak (/usr/bin/time's max RSS), the code
before and after in turn, load 5-8: 400 k rows 176-194 MiB before, 175-192 after; 1 M 287 ->
238 MiB; 4 M 628 -> 273 MiB (the peaks of `-o FILE` above). The CPU is twice this script's:
past pending_output.SPOOL_CHARS standard output is scored a second time, straight out
(kpidsl/cli/sql.py), 55-59 s user at 4 M both before and after.

Session 19 (issue L). Where the CPU went before this round (400 k rows, one DuckDB thread;
DuckDB's profile of the lines query, the query cut at each CTE, and py-spy for Python):
the CSV read 0.25-0.28 s (with the row number 0.30); the cells read as numbers 0.44 (a
PLAIN regular expression a cell, 16 cells); the ladders 0.18; the other levels 0.11; the
outputs and `sure` 0.23 (`sure` alone was a quarter of the query's per-row instructions:
the odd-blank tests of agreement, person and round a tenth, the raise-in-band tests a
twentieth); `care` and the lines 0.23; DuckDB's result and the fetch into Python 0.2-0.25
(1.34 s the query alone, 1.55 fetched); the duplicates' pass 0.28-0.36 (its read 0.16, the
keys 0.05, the sort and grouping 0.1); Python's part besides the fetch ~0.3 (importing
kpidsl.sql.run, the plan, writing 32 MB; the cyclic collector 3-4 % of py-spy's samples
during the fetch); the query's planning 0.07. Made cheaper, the same bytes throughout
(load 5-7 on the 2 cores, so instructions counted by cachegrind besides the CPU seconds):

- a row's figure cells tested as PLAIN by one regular expression over them joined by
  commas (kpidsl/sql/cells.py plain_cells; each cell's own tests only when it fails): the
  query's per-row instructions -11 % (40 k rows: 1,123 -> 995 M);
- the three odd-blank tests as one over the cells joined (cells.odd_ends) and the raise's
  band range as one CASE over the bands (kpidsl/sql/compiler.py band; it tested each band
  again, negated, for each band after it): the query 2,031 -> 1,972 M at 40 k rows;
- the fetch with Python's cyclic collector held off (run._fetched): 400 k rows, the whole
  run 20,269 -> 20,136 M instructions.

The whole run (score_into, one DuckDB thread, in its own process with the imports), before
-> after: 40 k rows 6,243 -> 5,983 M instructions; 400 k rows 21,930 -> 19,677 M (-10 %;
some 3,000 M of either is the imports and the plan, the same at any size).
This script, --no-python, before and after in turn (3 runs each at load 5.5-6.5, then 4 each at
load 0.5-1.8; 4 M: one run each at load 4.7-6.6, then one at 1.4-1.9):

| rows | load | read CSV | --engine sql before | after | Parquet in, before | after |
|---|---|---|---|---|---|---|
| 400 k | 5.5-6.5 | 0.39-0.66 s CPU, 119 MiB | 2.82-3.21 s CPU, 176-177 MiB | 2.51-2.90 s, 185-187 MiB | 2.34-2.60 s | 2.20-2.36 s |
| 400 k | 0.5-1.8 | 0.40-0.71 s, 119-124 MiB | 2.59-3.65 s, 180-184 MiB | 2.49-3.01 s, 181-188 MiB | 1.93-2.44 s | 1.71-2.26 s |
| 4 M | 4.7-6.6 | 3.84-4.29 s, 266 MiB | 32.4 s, 282 MiB | 25.9 s, 264 MiB | 23.1 s, 258 MiB | 19.6 s, 259 MiB |
| 4 M | 1.4-1.9 | 2.52-2.69 s, 235-266 MiB | 24.3 s, 263 MiB | 21.3 s, 263 MiB | 18.9 s, 248 MiB | 17.2 s, 249 MiB |

At 400 k rows the CPU seconds moved less than their noise (least of four at low load: 2.59
-> 2.49 s, Parquet 1.93 -> 1.71 s); the instructions above (-10 %) are the steadier figure. At
4 M, -12 % (CSV) and -9 % (Parquet) in the quieter pair. The CPU is still 5-9x DuckDB's read
(goal 2x). The 400 k peaks are within their noise: score_into alone, after, four runs gave
170-191 MiB, before 191. Tried and left:
- the duplicates as count(DISTINCT hash) and the agreements as list(DISTINCT ...) in one
  aggregate instead of the sort and lag: 0.28 -> 0.22 s CPU at 400 k rows, but a hash table
  of every key, whose spilling at 4 M rows under PASS_MEMORY was not checked in time: left;
- the odd-blank test as two anchored expressions (`^[..]` and `[..]$`) or an ASCII test of
  the first and last characters before the expression: more instructions, not fewer
  (2,071 and 2,091 M against 2,031);
- regexp_full_match instead of the anchored regexp_matches for the joined cells: the same;
- sqlglot's CONCAT_WS (it wraps the text in a NULL test of every cell, +1 %; and leaves a
  NULL cell out, which let "1,000,000" beside blank cells pass as two PLAIN cells: see
  tests/test_sql.py test_a_rows_cells_joined_are_tested_as_plain_only_when_each_is).
Not settled: DuckDB with one thread for the main query (its row_number() OVER () is a
streaming window). The lines query fetched, 400 k rows, least of five, load 2-2.5: one thread
1.41-1.44 s CPU, 1.41-1.43 s wall; two 1.45-1.62 s CPU, 1.31-1.41 s wall (before this round's
changes, one thread: 1.55 s). Too close to choose on this machine; the duplicates' pass does
gain from two threads (0.22 s wall against 0.28).

Session 20 (issue L, round 3). The fixed part, what a run costs whatever its rows (100 rows of
the same file; the queries kept; .pyc files written: with PYTHONDONTWRITEBYTECODE, as the
development machine sets it, every module is compiled again on each run, +0.25-0.3 s CPU, in
this script's sql column too, as kpidsl.sql.run is imported inside the timing): `kpidsl score
--engine sql -o FILE` 0.53-0.64 s CPU (user + sys), of which the imports ~0.4 (kpidsl's check,
plan and score packages, click; DuckDB 0.09; kpidsl.mutate on top of the rest 0.01: what is
imported is what the command uses), the check and the plan 0.03, and score_into 0.12 (DuckDB's
connection 0.025, the pass and the query planned over 100 rows). The whole command at 400 k rows,
base and after in turn at load 3.7-3.9: 2.45-2.65 s CPU, the fixed part 20-25 % of it; at 4 M
(~19 s) 3 %. Of score_into alone (this script's sql column): 5 % at 400 k, under 1 % at 4 M.
The rest is per row: nothing fixed left worth cutting.

This round (the same bytes, base and after compared by sha256 at 400 k; sql and Parquet in alike
at 4 M):
- the duplicates' pass counts instead of sorting: per agreement count(*) <> count(DISTINCT
  hash), a hash aggregate DuckDB spills past PASS_MEMORY as it did the sort (the pass alone,
  160 MB limit, 4 M rows: 3.06-3.41 s CPU, 248-253 MiB, against the sort and lag's 3.98-4.21 s,
  260-266 MiB; 400 k 0.28-0.29 s against 0.29-0.31). An ungrouped count(DISTINCT) with
  list(DISTINCT agreement) (0.26 s at 400 k) is out of memory at 4 M: DuckDB does not spill it.
  GROUP BY agreement, hash then bool_or(count > 1): 3.19-3.45 s at 4 M, no better. With nowhere
  to spill (NO_SPILL_MEMORY, 4 M rows) the count peaks at 476 MiB, the sort at 551;
- `kpidsl sql` prints a tab, carriage return, line feed, U+2028 and the other hidden blanks of
  the cells' tests as CHR(n) joined to the literal (Spark, whose CHR is modulo 256: past 255
  DECODE(UNHEX(..), 'UTF-8')), kpidsl/sql/literals.py: one printed line per line.

This script, --no-python, base (57ffec2) and after in turn (400 k: four runs each, load 3.3-3.6,
the after's first building its query; 4 M: three each, load 2.3-3.8):

| rows | read CSV | --engine sql before | after | Parquet in, before | after |
|---|---|---|---|---|---|
| 400 k | 0.39-0.58 s CPU, 119-124 MiB | 2.17-2.57 s CPU, 185-186 MiB | 2.28-2.78 s, 182-187 MiB | 1.65-2.03 s, 148-164 MiB | 1.69-2.03 s, 149-169 MiB |
| 4 M | 2.27-2.61 s, 222-283 MiB | 18.5-19.8 s, 265-282 MiB | 18.2-18.7 s, 251-254 MiB | 15.5-17.0 s, 258-259 MiB | 14.1-14.9 s, 231-240 MiB |

At 400 k within the noise; at 4 M the medians 18.7 -> 18.3 s CSV, 15.7 -> 14.2 s Parquet in
(where the pass's read is cheap and its sort was most of it), and the peak 10-30 MiB lower,
flat from 400 k (182-187) to 4 M (251-254) as before. CPU still 5-8x DuckDB's read (goal 2x).
Where the cells' time goes (400 k rows, one thread, least of three): the read with every
figure cell's max() 0.21-0.24 s; their CASTs to DECIMAL(15, 6) +0.08-0.1; the row's cells
joined by concat() +0.05-0.07, its regular expression +0.08; the query cut at `plain` 0.42, at
`cells` 0.61 (the CASE a cell besides its CAST ~0.08), at `unread` 0.65. Measured and left:
- the query built for every agreement of the rule set, the agreements then not needed first:
  it saves no scan, for the duplicates need a whole-file operation before the first line is
  written (or every line held: memory), and round 2 measured the hashes fetched alongside the
  lines as dearer than the pass;
- the figure columns proved clean by the type DuckDB sniffs: the sniffer reads a sample (20,480
  rows) and proves nothing of the rows after it; sample_size=-1 reads the whole file, 0.81 s
  CPU at 400 k against the 0.44 s of cell tests it would save; and what it takes is not what
  the reader reads ("1e5" sniffs as DOUBLE, " 7 " as BIGINT; a column read as DECIMAL(15, 6)
  rounds 1.1234567 to 1.123457 and takes "+5");
- one fetched column instead of four (row, line, cells, input cells): 0.17 -> 0.12 s CPU for
  400 k synthetic lines, 2 % of a run, and the rows the query leaves to Python would need their
  cells encoded in the line: not done;
- the `care` test by string functions (left(p, 1) IN .. OR contains ..) instead of its regular
  expression: 0.15-0.18 s against 0.14-0.15 for 2 M cells, one thread: the expression stays;
- Python's side of a usual batch (kpidsl/sql/run.py _score) by zip(*batch) instead of two list
  comprehensions: twice as dear (0.10-0.11 s against 0.05 for 400 k rows).
The spelled-out literals cost the query's build (a cache miss only) 0.015-0.02 s CPU.

Session 21 (issue 17, round 4). Where a run of 400 k rows goes now (DuckDB's EXPLAIN ANALYZE,
one thread, load 1-3, the code before this round; the query 0.96-1.04 s): the CSV read 0.18 s, the joined cells' PLAIN test
0.15, their casts 0.11, the ladders 0.11, the weighted sums 0.07, the outputs and `sure` 0.14,
the lines 0.14 (concat and the casts to text), `care` 0.03; the duplicates' pass 0.23-0.25 s
CPU (its read alone 0.11); the fixed part ~0.4. The largest operators are the read and the
cells' regular expression, both measured before as what makes a cell certain.
- The fetch: the lines query fetched (fetchmany, 50 k rows) 1.28-1.29 s CPU against 1.13-1.19
  for the same query aggregated inside DuckDB (the lines made, not fetched): the fetch is now
  0.1-0.15 s, not the 0.5-0.7 of round 1. Joined by DuckDB, string_agg(line ORDER BY row)
  grouped by row // N, one value a group fetched: N = 1000 1.22-1.33 s, N = 100 1.35-1.42 (the
  aggregate costs what the fetch saved): left. Arrow or fetchnumpy: neither pyarrow nor numpy
  is installed with the sql extra (a new dependency): not tried.
- Decimal widths: DuckDB took two figures in 128 bits, a ladder step of 0.25 (k8: |v - 96| was
  typed by the cell's 9 digits, DECIMAL(16, 6) x DECIMAL(3, 2) = 19 digits, cast to 38) and
  the amount (raise x 30,600 x 0.01 x 0.1, 21 digits). Now |v - lo| is typed by the step, as
  the branch of its level bounds it, and a raise within the salary cap by the cap (any other in
  its CASE's other branch, as wide as before): no 128-bit product left for a sure row of this
  rule set. Every other figure was already 64 bits or less (the widths follow each value's bound,
  kpidsl/sql/exact.py). Also: a value cell's unreadable test (x#j) no longer asked for besides its
  NULL test, which it implies; the amount (DECIMAL(p, 0)) written without plain(). Instructions
  (callgrind, PYTHONHASHSEED=0, 40 k rows: the lines query, the duplicates' pass and a count;
  1,503 M of it fixed): 3,001.7 M before, 2,960.8 (widths), 2,948.1 (x#j), 2,935.1 (plain):
  the per-row part -4.4 %. The lines query alone (EXPLAIN ANALYZE, one thread, 400 k rows, load
  2-3, two runs each): 0.96 -> 0.89-0.90 s; the ladders 0.11 -> 0.07, the outputs and `sure`
  0.14 -> 0.10 (the same with two threads).
- The duplicates' second pass: not removed. Building the query without the agreements (from
  --agreement or the first rows, rows naming another left to the evaluator) is possible, but
  the duplicates still need a whole-file step before the output can stand: lines held (memory),
  the key's hash fetched and kept in a Python set (0.1 s CPU more to fetch at 400 k, and the set
  an estimated 50-70 bytes a row: 200-280 MB at 4 M rows, memory no longer flat), or handed back to DuckDB (round 2:
  dearer than the pass). The pass stays.
- Measured on the query's text and left (callgrind, 40 k rows, against 2,935.1 M): final's text
  from total's cast in the line (the same figure) 2,935.1, DuckDB already shares it; the joined
  PLAIN pattern with non-capturing groups 2,934.3; the patterns spelled with CHR() (literals.py)
  as plain literals 2,924.6, but the same -10.7 M at 100 rows: planning, fixed, not per row. What
  is left to look at per row: the odd-blank test of agreement, person and round (cells.odd_ends)
  is ~70 M of the ~1,430 M per-row instructions (taken out: 2,855.2), and the band-range test of
  the raise in `sure` ~43 M (2,892.1), which tests the bands' ranges the band output tests too.

This script, --no-python, base (9e3c507) and after in turn, four runs each, load 1.4-1.6 (400 k);
4 M two runs each, load 0.8-2.4:

| rows | read CSV | --engine sql before | after | Parquet in, before | after |
|---|---|---|---|---|---|
| 400 k | 0.37-0.43 s CPU, 119-124 MiB | 2.11-2.21 s CPU, 187-196 MiB | 2.05-2.13 s, 187-196 MiB | 1.47-1.69 s, 148-149 MiB | 1.50-1.57 s, 146-149 MiB |
| 4 M | 2.21-2.25 s, 235-236 MiB | 15.6-16.6 s, 263-278 MiB | 15.3-16.0 s, 256-259 MiB | 11.9-12.8 s, 231-233 MiB | 11.6-12.5 s, 229-231 MiB |

At 400 k and 4 M the CPU seconds move less than their noise (400 k medians 2.15 -> 2.06 s; 4 M
in each pair -0.3 to -0.6 s); the instructions above are the steadier figure. Memory flat as
before (400 k 187-196 MiB, 4 M 256-259). `kpidsl score rules --results results.csv --format csv --engine
sql -o FILE` at 400 k rows, base and after in turn, three each, load 2.1-2.3: 2.47-2.57 s CPU (user
+ sys) before, 2.42-2.49 after, 189-193 MiB both; the same bytes (cmp; and as --engine python at 40 k). CPU still 5-7x DuckDB's read (goal 2x): what is left is the
read, the cells' tests and the plan's arithmetic, each a step DuckDB must take for exactness.

Session 21, round 5 (issue 17): the two per-row costs round 4 left, the same bytes (base 23c43ed
and after by cmp at 400 k, `--engine python` at 40 k, and 3,000 rows with odd blanks at the ends
of agreement, person and round and commas in the person: sql == python, tests/test_sql.py):
- the odd-blank test: an agreement or round cell is sure only when empty or exactly a name the
  query knows (kpidsl/sql/cells.py other_than: a cell with a blank at an end names none, and one
  naming none was unsure already); the person's cell leads the figure cells in the row's joined
  PLAIN test (plain_cells ``lead``, LEAD: no comma, no odd blank at an end) and is matched by
  its own expression only when that fails. The usual row asks no regular expression of these
  three cells; the regular expression is dear by its call (~1,100 instructions a row for an
  8-character cell; an ASCII-only class saves 10 M of 47 M), not by the length of the text;
- the raise's band range: the band a column of a step after the final figure's (compiler.py
  band), the range test a CASE over its names: the final figure compared with the bands'
  bounds once a row.
Instructions (callgrind, PYTHONHASHSEED=0, 40 k rows: the lines query, the duplicates' pass and
a count, as round 4): 2,934.9 M before; agreement and round by name and the person alone 2,913.3;
with the band column 2,907.5; the person on the PLAIN test 2,892.5 (-42.4 M, ~3 % of the ~1,430 M
per-row part; all three odd-blank tests taken out would be 2,855.1). The whole score_into at 40 k
rows (the query kept): 4,507.5 -> 4,468.3 M. Measured and left: the person's expression as `^[..]`
and `[..]$` apart (2,927.3 against 2,913.3 for one), or as one full match `[^..](.*[^..])?`, dot
matching newlines (2,918.0). This script, --no-python, base and after in turn, four runs each (the first of each
building its query), load 1.0-1.15:

| rows | read CSV | --engine sql before | after | Parquet in, before | after |
|---|---|---|---|---|---|
| 400 k | 0.38-0.46 s CPU, 119-125 MiB | 1.81-2.20 s CPU, 173-190 MiB | 1.86-2.16 s, 178-195 MiB | 1.43-1.84 s, 147-149 MiB | 1.46-1.55 s, 146-149 MiB |

`kpidsl score rules --results results.csv --format csv --engine sql -o FILE` at 400 k rows, three
each in turn, load 1.3: 2.09-2.26 s CPU (user + sys) before, 2.02-2.16 after, 184-185 MiB both.
Within the noise, as a 3 % cut of the query's per-row instructions must be at this size: the
instructions are the figure to go by.

Session 22 (issue 17, round 6: structure, not cells). Where 400 k rows went (the query kept,
least of three, load 0.4-0.9; one DuckDB thread / its default two):

| phase | 1 thread, CPU | 2 threads, CPU (wall) |
|---|---|---|
| DuckDB's read of the file as score_into reads it, every cell's min() | 0.22 s | 0.37 (0.22) |
| the duplicates' pass (its read alone, count(*): 0.12; the keys' ASCII tests 0.045; hash, count(DISTINCT), groups 0.06) | 0.22-0.24 | 0.24-0.28 (0.15-0.17) |
| the lines query consumed inside DuckDB | 1.01 | 0.97 (0.58) |
| the same, fetched into Python (fetchmany 50 k, the code before) | 1.16-1.18 | 1.24 (1.09) |
| the same, written by DuckDB (COPY) and copied to the output | 1.05-1.18 | 1.10-1.18 (1.05-1.21) |
| the query cut at plain / cells / unread / level0 / level1-2 / level3-4 / outputs (each column's max()) | 0.38 / 0.55 / 0.57 / 0.70 / 0.80 / 0.84-0.87 / 0.93 | |

DuckDB's profile of the lines query (one thread, 0.99 s): the CSV read 0.19, the row's joined PLAIN
test (concat and one expression) 0.17, the casts 0.12, the ladders 0.14, the weighted sums 0.08,
`sure`, `care` and the lines 0.22, handing the rows out 0.02. Python (cProfile, the code before):
the fetch loop's own work ~0.1 s, the connection 0.02, importing duckdb 0.05 and kpidsl.sql.run
0.1 (with .pyc files). A whole score_into then: the pass 0.29, the lines 1.1, the rest 0.05.
Made cheaper, the same bytes (cmp against base 0523ff9 at 40 k, 400 k and 1 M rows, through the CLI
too; `--engine python` at 40 k, to a file and to standard output, cache on and off):
- the lines written by DuckDB: `COPY (lines) TO` a file in the run's own folder (the one it spills
  into, removed after the run), one thread, in order (preserve_insertion_order), copied to the
  output a megabyte at a time (kpidsl/sql/run.py _copied). The lines query gives one text column:
  the line, or for a row Python must handle (cells to quote or neutralise, a row for the
  evaluator) a MARK line of its cells in hex, which Python decodes in place (_marked). With no
  folder (standard output, cache off) the same column is fetched. Two threads gave the same CPU,
  half the wall time (4 M rows: 10.7 -> 5.8 s), but COPY holds the batches it puts in order: 344
  MiB at 4 M against 179 (memory_limit 100 MB: 193 MiB, no faster than one; 200 MB: 218 MiB, 8.9 s);
- the person's cell, which already leads the row's PLAIN test, now passes it only with nothing in
  it to quote or neutralise (kpidsl/sql/cells.py LEAD), and `care` asks its regular expression
  only of the other rows (the query's column lead_plain).
Instructions (callgrind, PYTHONHASHSEED=0, DuckDB at one thread, the whole score_into in its own
process; 40 k rows less 100 rows, the fixed part, each run twice, identical to 0.02 %): base
4,460.4 - 3,056.4 = 1,403.9 M a 40 k rows; COPY 4,368.6 - 3,080.2 = 1,288.3 (-8.2 %; the fixed
part +24 M: the statements around COPY and the MARK branches' planning); lead_plain 4,339.8 -
3,082.0 = 1,257.9 (-10.4 % in all). This script, --no-python, base and after in turn (400 k: the
COPY alone, four each, load 1.3-1.9; then both changes, four each, load 1.8-2.1, the after's first
building its query and left out; 4 M: the COPY alone two each at load 1.6-2.4, both changes three
each at load 1.5-2.3):

| rows | read CSV | --engine sql before | after | Parquet in, before | after |
|---|---|---|---|---|---|
| 400 k, COPY | 0.38-0.42 s CPU, 119-120 MiB | 1.91-2.09 s CPU, 169-176 MiB | 1.71-1.91 s, 157-158 MiB | 1.46-1.72 s, 149-150 MiB | 1.35-1.37 s, 125-130 MiB |
| 400 k, both | 0.38-0.60 s, 118-120 MiB | 1.79-2.04 s, 165-178 MiB | 1.62-2.35 s (median 1.65), 158-159 MiB | 1.38-1.61 s, 148-151 MiB | 1.15-1.82 s, 128-129 MiB |
| 4 M, COPY | 2.40-2.69 s, 235 MiB | 15.5-16.3 s, 244-245 MiB | 14.05-14.12 s, 237-247 MiB | 11.97-11.98 s, 231-234 MiB | 10.45-10.51 s, 231 MiB |
| 4 M, both | 2.24-3.05 s, 235-266 MiB | 15.6-21.1 s, 247-276 MiB | 13.3-15.6 s, 241-270 MiB | 12.6-14.6 s, 232-233 MiB | 9.45-11.75 s, 228-232 MiB |

`kpidsl score rules --results results.csv --format csv --engine sql -o FILE`, in turn: 400 k rows
(three each, load 1.1-1.6) 2.06-2.28 s CPU (user + sys), 176-180 MiB, before; 1.88-2.29 s, 159-162
MiB after the COPY. 1 M rows (load 1.3-1.9): before 4.14-5.47 s, 220-239 MiB; COPY 3.98-5.27 s,
208-230 MiB; both 4.28-4.72 s, 225-229 MiB (six more of both alone, load 1.1-1.5: 4.63-5.80 s,
229-237 MiB: the machine's noise is as large as the change). Memory is flat as before (4 M: 241-270 MiB, the
same as the base in the same turns). CPU is still 4-5x the read above (goal 2x), and the goal is
not in reach of the structure: the lines query alone (1.0 s at one thread) is 2.5x this script's
read, 4.5x the same cells read by score_into's reader at one thread (0.22 s). CPU (user + sys of
the whole process) is the figure to measure the goal on: wall depends on the cores free (this
script's read is 0.22 s wall for 0.37 CPU with two threads, 0.22 and 0.22 with one), and the
lines are made one thread at a time for memory's sake.
Measured and left:
- the duplicates' pass folded into the read of the lines: no DuckDB statement gives both the lines
  and a count over all rows without holding every row (a window, a materialised CTE, a table), and
  round 2 measured the hashes fetched into Python as dearer than the pass. Its read alone is 0.12 s
  of its 0.22-0.24, and a read of the three key columns costs what the whole row's does (0.118 s
  count(*) declaring three columns, strict_mode off, against 0.123): the reader tokenises every
  byte whatever is projected. Its keys' ASCII tests as IN lists of the rule set's agreements and
  rounds: -0.015-0.025 s, but the pass's kept query would then depend on the plan: left;
- the cell test by the cast's round trip, starts_with(CAST(TRY_CAST(c AS DECIMAL(15, 6)) AS
  VARCHAR), c), exact (a text that is a prefix of its own value's canonical text is
  -?(0|[1-9][0-9]{0,8})([.][0-9]{0,6})?, a subset of NUMBER read the same): 16 of them a row
  0.657 s against 0.664 for the joined PLAIN expression (the read and the 16 casts 0.478, one
  thread): the same, so the expression stays;
- DuckDB's threads for the whole run (the pass at one too): 400 k rows 1.29-1.45 s CPU against
  1.37-1.64 at two (load 1.9), instructions 4,369.3 M against 4,373.8 at 40 k: within the noise;
  the default is kept for the pass (its wall 0.15 s against 0.23).

Session 25 (issue 17, typed cells). A Parquet figure column of an integer type, a DECIMAL of at
most 6 decimals or a DOUBLE is kept in its type and read by its value, with no text made or
tested (kpidsl/sql/typed_cells.py, cells.py typed_number; the same number as its text's reading,
held so by tests/test_sql_typed.py over each type, and its text made only for a row the evaluator
scores); FLOAT, DECIMAL(p, 7+) and the rest stay text. The lines query alone (the query as
score_into builds it, count(*) and max(line), one thread, least of three, load 4.7-6.2), base and
after in turn, three each: this script's Parquet (figures DOUBLE) 0.71-0.85 -> 0.46-0.57 s CPU;
--decimal's (DECIMAL(5, 2)) 0.77-0.88 -> 0.47-0.56. A figure column read alone (15 columns, 400 k
rows): by its text 0.35 s, by its value 0.034 (DOUBLE: TRY_CAST to DECIMAL(15, 6), its cast back
compared, its magnitude), 0.043 (a DECIMAL's cast). This script, --no-python --decimal, base and
after in turn, three each, load 5.7-8 (noisy):

| rows | read CSV | --engine sql | Parquet in (DOUBLE), before | after | DECIMAL Parquet in, before | after |
|---|---|---|---|---|---|---|
| 400 k | 0.37-0.39 s CPU, 121 MiB | 1.78-1.95 s, 169-171 MiB | 1.28-1.60 s, 128-141 MiB | 1.26-1.36 s, 131-133 MiB | 1.33-1.39 s, 126-129 MiB | 1.13-1.24 s, 130 MiB |

The whole run gains less than the query (the duplicates' pass, the COPY, the fixed ~0.6 s stay).
The CSV path is unchanged: DuckDB's CSV reader given a column's type takes what the evaluator
reads otherwise or not at all (" 7 ", "+5", "1e5"; round 3 above), and would hand the evaluator the
value's text rather than the file's.

Session 26: the query ran on one thread. Its rows were numbered by a window, row_number() OVER
(), which DuckDB runs in order on one thread, and every step after it with it; the COPY of the
lines was held to one thread besides (COPY_THREADS). The lines' and documents' queries now number
no row (the evaluator's rows are numbered by their place among the lines, kpidsl/sql/run.py
_Rows.seen), and DuckDB runs them on both cores, the batches COPY puts in order held within
COPY_MEMORY (without it, 363 MiB at 4 M rows). The same CPU, less wall time. An idle machine
(load < 1), the code before (529b73a) and after, in turn:

| rows | read CSV | --engine sql, before | after |
|---|---|---|---|
| 400 k | 0.28-0.30 s wall, 0.37-0.39 s CPU, 120 MiB | 1.49-1.68 s wall, 1.61-1.80 s CPU, 169-172 MiB | 0.93-1.17 s wall, 1.42-1.71 s CPU, 174-206 MiB |
| 4 M | 1.18-1.23 s wall, 2.2 s CPU, 207-266 MiB | 11.0 s wall, 12.4 s CPU, 257 MiB | 6.7-7.3 s wall, 12.2-12.8 s CPU, 242-243 MiB |

Parquet in, after: 0.85 s wall at 400 k, 5.1 s at 4 M. 1 M rows through the command
(`time kpidsl score … --engine sql -o scored.csv`, the query kept): 1.98-2.05 s wall, 2.96 s user
+ 0.34-0.41 s sys, 228 MiB; DuckDB's read 0.45 s wall. sql / read: 3.3-4x wall at 400 k, 5.4-6.2x
at 4 M (goal 2x). Where the CPU goes is as above: per row, the cells' tests, the arithmetic and the
lines are 3.2 us against the read's 0.55.

Session 28, idle again (load < 1), the code unchanged: 400 k rows 0.99-1.24 s wall (1.47-1.76 s
CPU, 182-201 MiB) against the read's 0.29 (0.38 s CPU, 120 MiB), 3.4-4.3x; 4 M rows 7.42 s wall
(13.7 s CPU, 241 MiB) against 1.24 (2.25 s CPU, 266 MiB), 6.0x; Parquet in 0.68-0.87 and 5.48 s.
score_into's own steps at 4 M rows (in one process, both threads): the duplicates' pass 1.48 s
wall (2.77 s CPU), the lines' COPY 4.98 s (9.35 s CPU), the rest 0.4 s. The pass alone costs
more than DuckDB's whole read (a read of every byte and a hash of each key), and the COPY reads
the file once more: 2x the read (2.48 s at 4 M) is spent before a cell is scored. Cut at each
CTE, one thread, 400 k rows (CPU): the read 0.20 s; the joined cells' PLAIN test +0.15; the
casts +0.17; the ladders and sums about +0.1; the outputs and `sure` +0.1; the lines +0.11
(0.86 s in all).

Session 33, idle (load 0.4-0.7), the code unchanged since: 400 k rows 1.05-1.20 s wall (1.57-1.81 s
CPU, 175-176 MiB) against the read's 0.29-0.36 (0.37-0.48 s CPU, 120-125 MiB), 3.3-3.6x wall; 4 M
rows 7.72 s wall (13.5 s CPU, 266 MiB) against 1.26 (2.29 s CPU, 267 MiB), 6.1x; Parquet in 0.76-0.87
and 5.20 s. score_into's steps at 4 M (both threads): the pass 3.1 s CPU, the COPY 10.7-11.2 s CPU.
A rule set kept by --keep is now written again on each run: one kept from before the rows'
halves were declared (`คะแนนมาตรวัด ระหว่างระดับ`) made the engine decline every row.

Session 34: the floor under this script's sql column, SQL written by hand for the same rule set
with every cell checked and without, is benchmarks/bench_sql_floor.py (its docstring has the
figures): checked, it is 2.6x the read's CPU at 400 k rows and 4.2x at 4 M (kpidsl 4.2x and
6.4x in the same turns); with no check at all, 1.7x and 2.5x.
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
        source = f"read_parquet('{results}')" if results.suffix == ".parquet" else \
            f"read_csv('{results}', all_varchar=true)"
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
        con.execute("SELECT " + ", ".join(f'min("{c}")' for c in cols) + f" FROM {source}").fetchall()
        digest = ""
    elif kind == "sql":
        from kpidsl.sql.run import score_into

        out = results.with_name(results.name + ".sql.out")
        # streamed, as `-o FILE` is, DuckDB spilling beside it as it does there (without
        # `beside`, standard output's case, the duplicates' sort is held in memory up to
        # run.NO_SPILL_MEMORY: the 567 MiB at 4 M rows below)
        with out.open("w", encoding="utf-8", newline="") as f:
            done = score_into(plan, results, None, None, f, beside=out)
        if not isinstance(done, int):
            sys.exit(f"the SQL engine did not score {results}: {done}")
        digest = digest_of(out)
    else:
        from kpidsl.score.batch import score_records

        out = results.with_name(results.name + ".python.out")
        outcome = score_records(plan, rs.name, results, None, None, "csv", False, "en", out)
        assert not outcome.diagnostics
        digest = digest_of(out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = peak_mib()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak, "digest": digest}))


def peak_mib() -> float:
    """This process's peak resident memory: VmHWM, which starts again at exec (ru_maxrss
    keeps the parent's peak across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def digest_of(path: Path) -> str:
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
    ap.add_argument("--keep", type=Path, help="write the rule set and the results here, and reuse them if there")
    ap.add_argument("--child", nargs=3)
    ap.add_argument("--no-python", action="store_true", help="time DuckDB and the SQL engine only")
    ap.add_argument("--decimal", action="store_true", help="also a Parquet whose figure columns are DECIMAL(5, 2)")
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    sys.path.insert(0, str(HERE))
    from bench_score import write_results, write_rule_set

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules = folder / "rules"
        results = folder / "results.csv"
        parquet = folder / "results.parquet"
        # the rule set written on every run (a kept one from an older bench_score.py may lack a
        # policy its rows now need: the SQL engine would decline them); the results kept
        write_rule_set(rules)
        if not results.exists():
            write_results(results, args.rows, args.seed)
        rows = sum(1 for _ in results.open("rb")) - 1
        if not parquet.exists():
            # typed as DuckDB detects the columns (figures as numbers), as a warehouse would store
            # them; in a process of its own, whose memory the timed ones do not inherit
            subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect().execute("
                            "f\"COPY (FROM read_csv('{sys.argv[1]}')) TO '{sys.argv[2]}' (FORMAT parquet)\")",
                            str(results), str(parquet)], check=True, capture_output=True)
        decimal = folder / "decimal" / "results.parquet"  # a folder of its own: the outputs' names are the input's
        if args.decimal and not decimal.exists():
            decimal.parent.mkdir(exist_ok=True)
            subprocess.run([sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(); "
                            "src = f\"read_parquet('{sys.argv[1]}')\"; "
                            "cols = [r[0] for r in con.execute(f'DESCRIBE SELECT * FROM {src}').fetchall()]; "
                            "sel = ', '.join(f'CAST(\"{c}\" AS DECIMAL(5, 2)) AS \"{c}\"' if c[0] in 'kc' "
                            "else f'\"{c}\"' for c in cols); "
                            "con.execute(f\"COPY (SELECT {sel} FROM {src}) TO '{sys.argv[2]}' (FORMAT parquet)\")",
                            str(parquet), str(decimal)], check=True, capture_output=True)
        print(f"{rows:,} evaluations, {results.stat().st_size / 1048576:.1f} MiB of CSV, "
              f"{parquet.stat().st_size / 1048576:.1f} MiB of Parquet")
        kinds = ["read", "sql", "read-parquet", "sql-parquet"] + (["read-decimal", "sql-decimal"] if args.decimal
                                                                  else []) + ([] if args.no_python else ["python"])
        inputs = {"parquet": parquet, "decimal": decimal}
        figures = {kind: run(kind.partition("-")[0], rules, inputs.get(kind.partition("-")[2], results))
                   for kind in kinds}
        for kind, label in (("read", "DuckDB reading the CSV alone"), ("sql", "kpidsl score --engine sql"),
                            ("read-parquet", "DuckDB reading the Parquet alone"),
                            ("sql-parquet", "--engine sql, Parquet in"),
                            ("read-decimal", "DuckDB reading the DECIMAL Parquet"),
                            ("sql-decimal", "--engine sql, DECIMAL Parquet in"), ("python", "kpidsl score (python)")):
            if kind not in figures:
                continue
            f = figures[kind]
            print(f"{label:32} {f['seconds']:7.2f} s wall {f['cpu']:7.2f} s CPU  {f['peak_mib']:7.0f} MiB peak")
        read, sql = figures["read"], figures["sql"]
        print(f"sql / read: {sql['seconds'] / read['seconds']:.1f}x wall, {sql['cpu'] / read['cpu']:.1f}x CPU, "
              f"{sql['peak_mib'] / read['peak_mib']:.1f}x memory (goal <= 2)")
        same = all(figures[k]["digest"] == sql["digest"] for k in ("sql-parquet", "sql-decimal") if k in figures)
        if not args.no_python:
            same = same and figures["python"]["digest"] == sql["digest"]
        print("sql, sql from Parquet" + (" (DOUBLE and DECIMAL)" if args.decimal else "") +
              ("" if args.no_python else " and python") +
              (" give the same bytes" if same else " DIFFER"))
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
