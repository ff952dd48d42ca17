"""The whole query: the cells read once, each agreement's figures, one row out per row in.

``build_query`` gives a sqlglot ``Select`` (never a string) with the columns of
`kpidsl score --format csv` (kpidsl/score/report.py's CSV_COLUMNS) and ``sure``: true when
the row's figures are certain to be the evaluator's, false (or null) when the row must be
scored by the Python evaluator instead.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
from sqlglot import exp

from ..diagnostics.phrases import phrase
from ..plan.model import Plan
from . import cells, exact
from .compiler import Unsupported, AgreementQuery, QueryBuilder, any_true
from ..results_columns import split_header
from ..score.results.agreement_rows import penalised_rounds, pooled_rounds
from .headers import OUTPUTS
from .exact import NotExact, dtype
from ..early_reports import earliest
from .literals import visible

TABLE = "results"


def _text_or_null(e: exp.Expression | None) -> exp.Expression:
    return e if e is not None else exp.Null()


def build_query(plan: Plan, agreement_ids: list[str], header: list[str], *, default_agreement: str | None = None,
                default_round: str | None = None, table: str = TABLE, row_column: str | None = None,
                duplicates: bool = True, figures: dict | None = None, lead_plain: bool = False,
                by_value: dict[str, str] | None = None) -> exp.Select:
    """The query scoring the rows of ``table`` (columns ``header``, every cell text) for the
    agreements named; rows of any other agreement come out unsure. ``row_column``, when
    given, is a column of the table that orders the rows (the output keeps it, as ``row``).
    ``duplicates=False`` leaves out the check that an evaluation (agreement, person, round)
    is given once (a window over the whole table): the caller then makes it apart.
    ``figures``, when given, gets per agreement id the nodes' figures the query adds as
    columns (NodeFigure), for `score --format json` (kpidsl/sql/documents.py).
    ``lead_plain`` adds the column ``lead_plain``: true when the person's cell passed the
    row's first PLAIN test as its lead (cells.plain_cells: nothing in it to quote or
    neutralise), else false (kpidsl/sql/run.py _lines).
    ``by_value``: the figure columns (not meta columns) kept in their type, by name, each a
    type of kpidsl/sql/typed_cells.py read_by_value: their cells are read by their values (cells.typed_number),
    with no text test, and their text is CAST(cell AS VARCHAR) (kpidsl/sql/run.py)."""
    by_value = by_value or {}
    names = [h.strip() for h in header]
    if "" in names:  # a query cannot name it (the reader takes it: blank, it is passed over)
        raise Unsupported(phrase("sql-column-without-name"), f"#{names.index('') + 1}")
    if len(set(names)) != len(names):
        seen: set[str] = set()
        twice = [h for h in names if h in seen or seen.add(h)]
        raise Unsupported(phrase("sql-column-twice"), ", ".join(dict.fromkeys(twice)))
    metas: dict[str, str] = {}
    parsed: dict[int, tuple[str, str]] = {}
    items: list[exp.Expression] = [exp.Star()]
    unread: list[exp.Expression] = []  # a step of their own: they read the numbers above by name
    for j, name in enumerate(header):
        meta, _, _ = split_header(name)
        if meta:
            metas[meta] = name  # the last column of a name is the one the reader keeps
            continue
        parsed[j] = (f"v#{j}", f"x#{j}")

    def meta_text(name: str) -> exp.Expression:
        return cells.stripped(cells.col(metas[name])) if name in metas else exp.Null()

    def lit(text: str | None) -> exp.Expression:
        return exp.Literal.string(text) if text is not None else exp.Null()

    agreement = exp.Coalesce(this=meta_text("agreement"), expressions=[lit(default_agreement)])
    person = meta_text("person")
    rnd = exp.Coalesce(this=meta_text("round"), expressions=[lit(default_round)])
    items += [exp.alias_(agreement, "m#agreement", quoted=True, copy=False), exp.alias_(person, "m#person", quoted=True, copy=False),
              exp.alias_(rnd, "m#round", quoted=True, copy=False)]
    unsure_common: list[exp.Expression] = []
    # A blank at an end of the agreement, person or round cell that Python's strip() takes off
    # and TRIM does not: the evaluator's. The agreement and the round by their names (a cell
    # naming none is unsure anyway: cells.other_than), the person by its own expression.
    if "agreement" in metas:
        unsure_common.append(cells.other_than(cells.col(metas["agreement"]), agreement_ids))
    person_odd = None  # where the person's test is, made cheaper below when the row's figures are tested
    if "person" in metas:
        person_odd = len(unsure_common)
        unsure_common.append(cells.odd_ends(cells.col(metas["person"])))
    if "round" in metas:
        unsure_common.append(cells.other_than(cells.col(metas["round"]), [
            r.id for aid in agreement_ids for r in plan.agreements_by_id[aid].framework.rounds]))
    if default_round is not None and "round" in metas:
        # a round cell other than --round as written (stripped): the evaluator's, which
        # tells one that names another round (Q032) and reads `๑` as 1
        unsure_common.append(exp.NEQ(this=cells.col("m#round"), expression=lit(default_round)))
    if "submitted" in metas:
        c = cells.col(metas["submitted"])
        items.append(exp.alias_(cells.date(c), "m#submitted", quoted=True, copy=False))
        unsure_common.append(exp.and_(exp.not_(cells.is_blank(c)),
                                      exp.Is(this=cells.date(c), expression=exp.Null()), copy=False))
    else:
        items.append(exp.alias_(exp.Cast(this=exp.Null(), to=dtype("DATE")), "m#submitted",
                                quoted=True, copy=False))
    numbers: list[tuple[exp.Alias, exp.Column]] = []  # the cells read by number(), made at the end
    if "raise" in metas:
        c = cells.col(metas["raise"])
        items.append(exp.alias_(exp.Null(), "m#raise", quoted=True, copy=False))
        numbers.append((items[-1], c))
        # unreadable, or negative (Python would write -0 as "-0")
        unsure_common.append(exp.or_(cells.unreadable(c, cells.col("m#raise")),
                                     exp.Coalesce(this=exp.Like(this=c.copy(), expression=exp.Literal.string("%-%")),
                                                  expressions=[exp.false()])))
    else:
        items.append(exp.alias_(exp.Cast(this=exp.Null(), to=dtype(
            f"DECIMAL({cells.PRECISION}, {cells.SCALE})")), "m#raise", quoted=True, copy=False))
    # The seeds' columns (kpidsl/sql/cells.py SEED_META): a grade or a population is the
    # evaluator's; a salary and a pool group are read, the raise pool (run.py) summing them.
    # a grade is read (the raise amount's, kpidsl/sql/compiler.py graded_amount), a population is the evaluator's
    if "population" in metas:
        unsure_common.append(exp.not_(cells.is_blank(cells.col(metas["population"])), copy=False))
    if "grade" in metas:
        items.append(exp.alias_(meta_text("grade"), "m#grade", quoted=True, copy=False))
        unsure_common.append(cells.odd_ends(cells.col(metas["grade"])))
    pay = "salary" in metas
    if pay:
        c = cells.col(metas["salary"])
        items.append(exp.alias_(cells.salary(c), "m#salary", quoted=True, copy=False))
        unsure_common.append(exp.and_(exp.not_(cells.is_blank(c), copy=False),
                                      exp.Is(this=cells.salary(c), expression=exp.Null()), copy=False))
    if "group" in metas:
        items.append(exp.alias_(meta_text("group"), "m#group", quoted=True, copy=False))
        unsure_common.append(cells.odd_ends(cells.col(metas["group"])))
        if not pay:  # a group without a salary: the agreement's salary, or Q043 (the evaluator's)
            unsure_common.append(exp.not_(cells.is_blank(cells.col(metas["group"])), copy=False))
    else:
        items.append(exp.alias_(exp.Null(), "m#group", quoted=True, copy=False))
    if pay:
        # a group given without a salary: the evaluator's (the agreement's salary, or Q043)
        unsure_common.append(exp.and_(exp.Is(this=cells.col("m#salary"), expression=exp.Null()),
                                      exp.not_(exp.Is(this=cells.col("m#group"), expression=exp.Null()),
                                               copy=False), copy=False))
    checks: list[exp.Expression] = []  # a CTE of their own: they read the columns above by name
    if duplicates:
        key = [cells.col("m#agreement"), cells.col("m#person"), cells.col("m#round")]
        count = exp.Window(this=exp.Count(this=exp.Star()), partition_by=key)
        checks.append(exp.alias_(exp.GT(this=count, expression=exp.Literal.number(1)), "m#duplicate", quoted=True,
                                 copy=False))
        unsure_common.append(cells.col("m#duplicate"))

    b = QueryBuilder()
    b.tables = {}
    agreement_queries: list[AgreementQuery] = []
    node_columns: list[exp.Expression] = []
    figures_out = figures if figures is not None else {}
    rows_agreement = cells.col("m#agreement")
    rows_round = cells.col("m#round")
    pct = exact.column(cells.col("m#raise"), cells.PRECISION, cells.SCALE)
    per_agreement = []
    for i, aid in enumerate(agreement_ids):
        a = plan.agreements_by_id[aid]
        q = AgreementQuery(plan, a, f"a{i}:", header, b, parsed, frozenset(by_value))
        agreement_queries.append(q)
        if figures is not None:
            q.figures = {}
        if "grade" in metas:
            q.row_grade = cells.col("m#grade")
            # a grade the framework does not declare: the reader's Q044
            known = [g.id for g in a.framework.salary.grades] if a.framework.salary is not None else []
            q.unsure.append(exp.and_(
                exp.not_(exp.Is(this=cells.col("m#grade"), expression=exp.Null()), copy=False),
                exp.not_(exp.In(this=cells.col("m#grade"), expressions=[lit(k) for k in known]), copy=False)
                if known else exp.true(), copy=False))
        if pay:
            q.pay = cells.number_val("m#salary")
            rules = a.framework.salary
            groups = [g.id for g in rules.groups] if rules is not None else []
            if rules is not None and rules.pools and groups:
                # a salary counted in no declared group (Q041; blank, Q054): the evaluator's
                q.unsure.append(exp.and_(
                    exp.not_(exp.Is(this=cells.col("m#salary"), expression=exp.Null()), copy=False),
                    exp.not_(exp.Coalesce(this=exp.In(this=cells.col("m#group"), expressions=[lit(g) for g in groups]),
                                          expressions=[exp.false()]), copy=False), copy=False))
        if pay or "grade" in metas:
            q.unsure.append(_salary_outside_grade(a, pay, "grade" in metas))
        fw_rounds = [r.id for r in a.framework.rounds]
        row_round = rows_round
        # the round the row is for: its own, else --round, else the agreement's (for the penalty)
        effective_round = exp.Coalesce(this=row_round.copy(), expressions=[lit(a.round_id)])
        bad_round = exp.and_(exp.not_(exp.Is(this=row_round.copy(), expression=exp.Null()), copy=False),
                             exp.or_(exp.not_(exp.In(this=row_round.copy(),
                                                     expressions=[lit(r) for r in fw_rounds]), copy=False)
                                     if fw_rounds else exp.true(),
                                     exp.NEQ(this=row_round.copy(), expression=lit(a.round_id))
                                     if a.round_id else exp.false()))
        q.unsure.append(bad_round)
        # a date or a salary that needs the row's round, where it names none (Q055, Q056): the evaluator's
        if "submitted" in metas and penalised_rounds(a):
            q.unsure.append(exp.and_(exp.Is(this=effective_round.copy(), expression=exp.Null()),
                                     exp.not_(cells.is_blank(cells.col(metas["submitted"])), copy=False), copy=False))
        if pay and pooled_rounds(a):
            q.unsure.append(exp.and_(exp.Is(this=effective_round.copy(), expression=exp.Null()),
                                     exp.not_(exp.Is(this=cells.col("m#salary"), expression=exp.Null()), copy=False),
                                     copy=False))
        # a report dated before its round (kpidsl/early_reports.py): the evaluator tells it (Q058)
        submitted = cells.col("m#submitted")
        for r in a.framework.rounds_by_id.values():
            first = earliest(r)
            if first is not None:
                q.unsure.append(exp.and_(
                    exp.EQ(this=effective_round.copy(), expression=lit(r.id)),
                    exp.not_(exp.Is(this=submitted.copy(), expression=exp.Null()), copy=False),
                    exp.LT(this=submitted.copy(), expression=exp.Cast(this=exp.Literal.string(first.isoformat()),
                                                                      to=dtype("DATE")))))
        try:
            figures = q.totals(effective_round, cells.col("m#submitted"), pct)
        except NotExact:
            raise
        penalty_has = getattr(q, "has_penalty", None)
        if "penalty" in figures and penalty_has is not None:
            figures["penalty"] = exp.Case(ifs=[exp.If(this=penalty_has, true=figures["penalty"])])
        figures["round"] = effective_round
        per_agreement.append((aid, figures, q.unsure_any()))
        if q.figures is not None:
            node_columns.extend(_node_figures(i, a, q.figures, figures_out.setdefault(aid, [])))

    # Only the columns an agreement reads are read as numbers (a column no agreement knows is
    # only tested for blanks, kpidsl/sql/compiler.py): a wide file's other columns cost the
    # query nothing more (10^3 unused columns and one row took DuckDB 6 s to plan).
    used = {name for q in agreement_queries for name in q.by_field.values()}
    for j, name in enumerate(header):
        if j in parsed and parsed[j][0] in used:
            c = cells.col(name)
            if name in by_value:  # read by its value: no text test, in the group or of its own
                items.insert(1 + len(unread), exp.alias_(cells.typed_number(c, by_value[name]), f"v#{j}",
                                                         quoted=True, copy=False))
                unread.append(exp.alias_(cells.typed_unreadable(c, cells.col(f"v#{j}")), f"x#{j}", quoted=True,
                                         copy=False))
                continue
            items.insert(1 + len(unread), exp.alias_(exp.Null(), f"v#{j}", quoted=True, copy=False))
            numbers.insert(len(numbers) - ("raise" in metas), (items[1 + len(unread)], c))
            unread.append(exp.alias_(cells.unreadable(c, cells.col(f"v#{j}")), f"x#{j}", quoted=True, copy=False))
    # the cells read as numbers, a group of them at a time tested as PLAIN in a step before (plain_cells)
    plain_tests: list[exp.Expression] = []
    led: exp.Expression = exp.false()  # the person's cell passed as the lead of a PLAIN test
    # (with no cell to test, the person's alone, when every figure cell is read by value)
    for start in range(0, max(len(numbers), person_odd is not None), cells.PLAIN_GROUP):
        group = numbers[start:start + cells.PLAIN_GROUP]
        name = f"p#{len(plain_tests)}"
        # the person's cell before the first group's: its odd-blank test then only when that fails
        lead = cells.col(metas["person"]) if person_odd is not None and not plain_tests else None
        plain_tests.append(exp.alias_(cells.plain_cells([c for _, c in group], lead), name, quoted=True, copy=False))
        if lead is not None:
            unsure_common[person_odd] = cells.lead_odd_ends(lead, cells.col(name))
            led = exp.Coalesce(this=cells.col(name), expressions=[exp.false()])
        for alias, c in group:
            alias.set("this", cells.number(c, cells.col(name)))

    # the CTE chain: cells, then each level of figures
    ctes: list[tuple[str, exp.Expression]] = []
    for name, cte in b.tables.items():
        ctes.append((name, cte))
    if plain_tests:
        ctes.append(("plain", exp.select(exp.Star(), *plain_tests, copy=False).from_(table, copy=False)))
    source = exp.select(*items, copy=False).from_("plain" if plain_tests else table, copy=False)
    ctes.append(("cells", source))
    previous = "cells"
    if unread:
        ctes.append(("unread", exp.select(exp.Star(), *unread, copy=False).from_(previous, copy=False)))
        previous = "unread"
    if checks:
        ctes.append(("checked", exp.select(exp.Star(), *checks, copy=False).from_(previous, copy=False)))
        previous = "checked"
    for n, level in enumerate(sorted(b.stages)):
        stage = exp.select(exp.Star(), *b.stages[level].items, copy=False).from_(previous, copy=False)
        name = f"level{n}"
        ctes.append((name, stage))
        previous = name

    known = exp.In(this=rows_agreement.copy(), expressions=[lit(a) for a in agreement_ids])
    common = any_true(unsure_common + [exp.not_(known, copy=False)])

    def pick(field: str) -> exp.Expression:
        if len(per_agreement) == 1:
            aid, figures, _ = per_agreement[0]
            return _text_or_null(figures.get(field))
        return exp.Case(ifs=[exp.If(this=exp.EQ(this=rows_agreement.copy(), expression=lit(aid)),
                                    true=_text_or_null(figures.get(field))) for aid, figures, _ in per_agreement])

    outputs = []
    for field in OUTPUTS:
        if field == "agreement":
            e = rows_agreement.copy()
        elif field == "person":
            e = cells.col("m#person")
        else:
            e = pick(field)
        outputs.append(exp.alias_(e, field))
    unsure = exp.or_(common, pick_unsure(per_agreement, rows_agreement), copy=False)
    outputs.append(exp.alias_(exp.not_(exp.Coalesce(this=exp.Paren(this=unsure), expressions=[exp.true()]), copy=False), "sure"))
    if lead_plain:
        outputs.append(exp.alias_(led, "lead_plain"))
    if pay:  # what the raise pool counts of a row (kpidsl/sql/run.py)
        outputs += [exp.alias_(cells.col("m#salary"), "pool_salary"), exp.alias_(cells.col("m#group"), "pool_group")]
    outputs += node_columns
    if row_column:
        outputs.insert(0, exp.alias_(cells.col(row_column), "row"))
    select = exp.select(*outputs, copy=False).from_(previous, copy=False)
    for name, cte in ctes:
        select = select.with_(name, as_=cte, copy=False)
    return select


def _salary_outside_grade(a, pay: bool, graded: bool) -> exp.Expression:
    """A row whose salary (its own, else the agreement's) lies outside its grade (its own, else
    the agreement's), one of the two given by the row, with or without a raise %: the
    evaluator's Q047 (kpidsl/score/results/cells.py salary_outside_grade), never scored here."""
    rules = a.framework.salary
    grades = [g for g in rules.grades if g.min is not None and g.max is not None] if rules is not None else []
    row_salary = cells.number_val("m#salary") if pay else None
    row_grade = cells.col("m#grade") if graded else None
    given = [exp.not_(exp.Is(this=c.copy(), expression=exp.Null()), copy=False)
             for c in (row_salary.e if row_salary is not None else None, row_grade) if c is not None]
    outside: list[exp.Expression] = []
    for g in grades:
        if row_grade is not None:
            chosen: exp.Expression = exp.EQ(this=exp.Coalesce(this=row_grade.copy(), expressions=[
                exp.Literal.string(a.grade_id) if a.grade_id else exp.Null()]), expression=exp.Literal.string(g.id))
        elif a.grade_id == g.id:
            chosen = exp.true()
        else:
            continue
        off: list[exp.Expression] = []
        if row_salary is not None:  # the row's salary, when it gives one
            off.append(exp.and_(given[0].copy(), exp.or_(exact.compare(row_salary, "<", g.min),
                                                         exact.compare(row_salary, ">", g.max), copy=False),
                                copy=False))
        if a.salary is not None and not g.min <= a.salary <= g.max:  # the agreement's, when the row gives none
            off.append(exp.Is(this=row_salary.e.copy(), expression=exp.Null()) if row_salary is not None
                       else exp.true())
        if off:
            outside.append(exp.and_(chosen, any_true(off), copy=False))
    if not outside:
        return exp.false()
    test = exp.and_(any_true(given), any_true(outside), copy=False)
    return exp.Coalesce(this=test, expressions=[exp.false()])


def _node_figures(i: int, agreement, found: dict, out: list) -> list[exp.Expression]:
    """The columns of an agreement's node figures (each a numerator, its den in ``out``)."""
    columns = []
    for k, n in enumerate(agreement.walk()):
        value, score = found.get(id(n), (None, None))
        if value is None and score is None:
            continue
        names = []
        for what, v in (("v", value), ("s", score)):
            if v is None:
                names.append(None)
                continue
            name = f"f{i}_{k}_{what}"
            columns.append(exp.alias_(v.typed(), name, quoted=True, copy=False))
            names.append(name)
        out.append(NodeFigure(k, names[0], value.den if value is not None else 1, names[1],
                              score.den if score is not None else 1))
    return columns


@attrs.frozen
class NodeFigure:
    """A node's figures as output columns: its place in agreement.walk(), the column of its
    value and of its score (None when it has none), each the numerator over its den."""

    place: int
    value: str | None
    value_den: int
    score: str | None
    score_den: int


def pick_unsure(per_agreement, rows_agreement) -> exp.Expression:
    if len(per_agreement) == 1:
        return exp.Paren(this=per_agreement[0][2])
    return exp.Case(ifs=[exp.If(this=exp.EQ(this=rows_agreement.copy(), expression=exp.Literal.string(aid)),
                                true=unsure) for aid, _, unsure in per_agreement], default=exp.true())


__all__ = ["Decimal", "TABLE", "build_query"]


def _widened(e: exp.Expression) -> exp.Expression:
    """DuckDB multiplies two decimals of up to 18 digits in 64 bits, and stops with an
    overflow when the product needs more, whatever its type: a product that may need more
    than 18 digits is taken in 128 bits (its operands cast to 38 digits, their scales kept)."""
    if isinstance(e, exp.Mul):
        types = [x.args.get("to") if isinstance(x, exp.Cast) else None for x in (e.this, e.expression)]
        if all(t is not None and t.this == exp.DataType.Type.DECIMAL for t in types):
            p = [int(t.expressions[0].name) for t in types]
            if sum(p) > 18:
                for x, t in zip((e.this, e.expression), types):
                    s = int(t.expressions[1].name)
                    x.set("to", dtype(f"DECIMAL(38, {s})"))
    return e


def to_sql(query: exp.Select, dialect: str, pretty: bool = False) -> str:
    """The query in ``dialect`` (duckdb, spark, trino, postgres); for DuckDB the query's
    products are widened in place (_widened): build the query anew for another dialect.
    No string literal holds a character that is hidden or ends a line (literals.py)."""
    if dialect == "duckdb":
        for node in list(query.find_all(exp.Mul)):
            _widened(node)
    return visible(query, dialect).sql(dialect=dialect, pretty=pretty)
