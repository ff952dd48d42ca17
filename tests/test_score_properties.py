"""Hypothesis properties of scoring: ladders are monotone in their declared
direction and stay within [floor, 5]; weights still add up after optional
indicators are omitted; the total is Σ weight × score / 100 over the leaves,
rounded once. Plus the checks `kpidsl test` runs (kpidsl.score.properties) on
hand-made ladders and band tables the scorer would not honour."""

from __future__ import annotations

import tempfile
import textwrap
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.diagnostics.render import render
from kpidsl.plan import compile_plan
from kpidsl.score import Entry, Inputs, score_agreement
from kpidsl.plan.model import Band, BandsTable, Bound, Ladder, Policies, Source, Threshold
from kpidsl.score import ladder as typed_ladders
from kpidsl.score.ladder import Climb
from kpidsl.score import properties

D = Decimal
HERE = Source("test.kpi", 1)

# The ladders, policies and band tables below are written as the plan JSON holds them (short
# to write); the scorer and the checks take them typed (kpidsl/plan/model).


def as_ladder(d: dict) -> Ladder:
    return Ladder(d["direction"], tuple(Threshold(D(t["value"]), t["op"]) for t in d["thresholds"]),
                  d["open_level_1"], None, None, None, HERE)


def as_policies(d: dict) -> Policies:
    return Policies(D(d["cap"]), d["decimals"], D(d["floor"]), d["interpolate"], "proportional", "total", "half_up")


def as_bands(d: dict) -> BandsTable:
    return BandsTable(d["id"], d["title"], D(d["low"]), D(d["high"]), None, HERE, tuple(
        Band(b["id"], b["title"], Bound(b["lower"]["op"], D(b["lower"]["value"])),
             Bound(b["upper"]["op"], D(b["upper"]["value"])), None, False, HERE) for b in d["bands"]))


class ladders:
    @staticmethod
    def score(ladder: dict, value: Decimal, policy: dict):
        return typed_ladders.score(as_ladder(ladder), value, as_policies(policy))


def check_ladder(ladder: dict, policy: dict) -> list[str]:
    return properties.check_ladder(as_ladder(ladder), as_policies(policy))


def check_bands(table: dict, decimals: int) -> list[str]:
    return properties.check_bands(as_bands(table), decimals)


def build(folder: Path, text: str) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.kpi").write_text(textwrap.dedent(text), encoding="utf-8")
    result = check_paths([folder])
    sources = {path: src for rs in result.rule_sets for path, src in rs.texts.items()}
    assert not result.errors, render("text", result.diagnostics, sources, "en",
                                     (result.files, result.errors, result.warnings))
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(rs.name))


# ---- ladders ---------------------------------------------------------------------------------------------

def decimals(low: int, high: int, places: int = 2):
    return st.integers(low * 10 ** places, high * 10 ** places).map(lambda n: D(n).scaleb(-places))


@st.composite
def ladder_dicts(draw):
    """A ladder as the plan holds it: five strictly ordered thresholds in its direction,
    level 1 plain, "or less"/"or more" (``<=65``) or open ("> 35" before "<= 35")."""
    direction = draw(st.sampled_from(["higher", "lower"]))
    start = draw(decimals(-100, 1000))
    steps = draw(st.lists(decimals(0, 50).filter(lambda d: d > 0), min_size=4, max_size=4))
    points = [start]
    for s in steps:
        points.append(points[-1] + s if direction == "higher" else points[-1] - s)
    ops: list[str | None] = [None] * 5
    toward, away = (">=", "<=") if direction == "higher" else ("<=", ">")
    level1 = draw(st.sampled_from(["plain", "explicit", "or_worse", "open"]))
    open1 = False
    if level1 == "explicit":
        ops = [toward] * 5
    elif level1 == "or_worse":
        ops[0] = "<=" if direction == "higher" else ">="
    elif level1 == "open":
        ops = [away] + [toward] * 4
        points[0] = points[1]
        open1 = True
    return {"kind": "ladder", "direction": direction,
            "thresholds": [{"value": f"{p.normalize():f}", "op": op} for p, op in zip(points, ops)],
            "open_level_1": open1, "target": None, "step": None, "unit": None, "source": None}


policies = st.fixed_dictionaries({
    "interpolate": st.sampled_from(["linear", "whole"]),
    "floor": st.sampled_from(["0", "1"]),
    "cap": st.just("5"),
    "decimals": st.just(4),
})


@settings(max_examples=300, deadline=None)
@given(ladder=ladder_dicts(), policy=policies, values=st.lists(decimals(-2000, 2000, 4), min_size=2, max_size=12))
def test_ladder_monotone_and_within_floor_and_5(ladder, policy, values):
    floor = D(policy["floor"])
    higher = ladder["direction"] == "higher"
    ordered = sorted(values, reverse=not higher)  # from worst to best
    scores = [ladders.score(ladder, v, policy)[0] for v in ordered]
    for value, s in zip(ordered, scores):
        assert min(floor, 1) <= s <= 5, (value, s)
    assert scores == sorted(scores), list(zip(ordered, scores))


@settings(max_examples=300, deadline=None)
@given(ladder=ladder_dicts(), policy=policies)
def test_ladder_levels_at_thresholds(ladder, policy):
    points = [D(t["value"]) for t in ladder["thresholds"]]
    for k, point in enumerate(points[1:], start=2):  # level 1 may be "or less" / open: see below
        assert ladders.score(ladder, point, policy)[0] == k
    assert ladders.score(ladder, points[0], policy)[0] == (2 if ladder["open_level_1"] else 1)
    best = points[4] + (1 if ladder["direction"] == "higher" else -1)
    assert ladders.score(ladder, best, policy)[0] == 5


@settings(max_examples=200, deadline=None)
@given(ladder=ladder_dicts(), policy=policies)
def test_every_well_formed_ladder_passes_the_kpidsl_test_checks(ladder, policy):
    assert check_ladder(ladder, policy) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(direction=st.sampled_from(["higher", "lower"]), start=st.integers(0, 200), step=st.integers(1, 20),
       floor=st.sampled_from(["0", "1"]), interpolate=st.sampled_from(["linear", "whole"]),
       values=st.lists(st.integers(-100, 400), min_size=2, max_size=8))
def test_ladder_through_the_whole_pipeline(direction, start, step, floor, interpolate, values):
    sign = 1 if direction == "higher" else -1
    start += 0 if direction == "higher" else 4 * step   # rule files write no negative thresholds
    points = [start + sign * k * step for k in range(5)]
    written = ("lower " if direction == "lower" else "") + " ".join(map(str, points))
    with tempfile.TemporaryDirectory() as tmp:
        plan = build(Path(tmp) / "rs", f"""
            framework f "F" {{
                fiscal_year 2555
                policy {{ floor {floor}; interpolate {interpolate} }}
                dimension d "D" weight 100 {{ kpi k "K" weight 100 {{ ladder {written} }} }}
            }}
            agreement a "A" {{ framework f }}
        """)
    ordered = sorted(values, reverse=direction == "lower")
    scores = [score_agreement(plan, "a", Inputs({"k": Entry("k", {"result": D(v)})})).find("k").score
              for v in ordered]
    assert scores == sorted(scores)
    assert all(D(floor) <= s <= 5 for s in scores)


# ---- hand-made ladders and bands the scorer would not honour ------------------------------------------

POLICY = {"interpolate": "linear", "floor": "1", "cap": "5", "decimals": 4}


def ladder(values, direction="higher", ops=None, open1=False):
    ops = ops or [None] * 5
    return {"kind": "ladder", "direction": direction,
            "thresholds": [{"value": v, "op": o} for v, o in zip(values, ops)],
            "open_level_1": open1, "target": None, "step": None, "unit": None, "source": None}


def test_check_ladder_passes_the_seed_ladders():
    assert check_ladder(ladder(["65", "70", "75", "80", "85"]), POLICY) == []
    assert check_ladder(ladder(["35", "35", "30", "25", "20"], "lower", [">", "<=", "<=", "<=", "<="], True),
                        POLICY) == []
    assert check_ladder(ladder(["4", "3", "2", "1", "0"], "lower"), dict(POLICY, floor="0")) == []


def test_check_ladder_holds_the_top_levels_to_the_cap():
    # A cap below 5 (P014: the most a ladder gives) scores level 5 as the cap: 85 on 65 70 75 80 85 is
    # 4.5 under cap 4.5, and 3 under cap 3 from level 3 up. `kpidsl test` failed every ladder of a rule
    # set that checked clean ("level 5: 85 scores 4.5, not 5").
    assert check_ladder(ladder(["65", "70", "75", "80", "85"]), dict(POLICY, cap="4.5")) == []
    assert check_ladder(ladder(["65", "70", "75", "80", "85"]), dict(POLICY, cap="3", interpolate="whole")) == []
    assert check_ladder(ladder(["4", "3", "2", "1", "0"], "lower"), dict(POLICY, floor="0", cap="4")) == []
    # under a cap a ladder written against its direction is still told
    failures = check_ladder(ladder(["85", "80", "75", "70", "65"]), dict(POLICY, cap="4.5"))
    assert "level 1: 84.9999 (just short of 85) scores 4.5" in failures


def test_check_ladder_finds_a_ladder_against_its_direction():
    # Written downwards but declared higher-is-better: everything from 65 up reaches "level 5".
    failures = check_ladder(ladder(["85", "80", "75", "70", "65"]), POLICY)
    assert "level 1: 84.9999 (just short of 85) scores 5" in failures
    assert "level 4: 69.9999 (just short of 70) scores 5" in failures


def test_check_ladder_finds_a_lower_ladder_written_upwards():
    failures = check_ladder(ladder(["0", "1", "2", "3", "4"], "lower"), POLICY)
    assert "level 1: 0.0001 (just short of 0) scores 5" in failures


def test_check_ladder_finds_a_floor_above_level_1():
    # A floor of 2 makes just short of level 1 score more than level 1 itself.
    failures = check_ladder(ladder(["65", "70", "75", "80", "85"]), dict(POLICY, floor="2"))
    assert failures == ["not monotone: 64.9999 scores 2, 65 scores 1"]


def test_an_exclusive_threshold_is_honoured_and_passes_the_checks():
    # "> 75" at level 3: exactly 75 is not level 3. With whole levels it scores 2; with linear
    # interpolation the score reaches 3 at 75 all the same (the limit from below).
    exclusive = ladder(["65", "70", "75", "80", "85"], ops=[None, None, ">", None, None])
    whole = dict(POLICY, interpolate="whole")
    assert ladders.score(exclusive, D("75"), whole)[0] == 2
    assert ladders.score(exclusive, D("75.0001"), whole)[0] == 3
    assert ladders.score(exclusive, D("75"), POLICY)[0] == 3
    assert check_ladder(exclusive, whole) == [] and check_ladder(exclusive, POLICY) == []


def test_an_exclusive_threshold_of_a_lower_ladder_is_honoured():
    # "< 30" at level 3 of the errors ladder: exactly 30 errors is not level 3 (the mirror of
    # "> 75" above; a strict comparison of a lower-is-better ladder is "<").
    exclusive = ladder(["35", "35", "30", "25", "20"], "lower", [">", "<=", "<", "<=", "<="], True)
    whole = dict(POLICY, interpolate="whole")
    assert ladders.score(exclusive, D("30"), whole)[0] == 2
    assert ladders.score(exclusive, D("29.9999"), whole)[0] == 3
    assert ladders.score(exclusive, D("30"), POLICY)[0] == 3


def test_an_open_level_1_holds_a_value_that_reaches_no_level():
    # "> 35" then "< 35": exactly 35 is neither; an open level 1 is everything short of level 2,
    # so 35 scores 1 (interpolating from level 1 would divide by 35 − 35).
    gap = ladder(["35", "35", "30", "25", "20"], "lower", [">", "<", "<=", "<=", "<="], True)
    assert ladders.score(gap, D("35"), POLICY) == (1, Climb("level_1", 1, D(1)))


# How a value climbs, on the seeds' ladders: every case of kpidsl/score/ladder.py's Climb, traced
# and not (the batch scores untraced), with the floor and the cap.
DEPT = ladder(["65", "70", "75", "80", "85"])                                      # 003 slide 24
OR_LESS = ladder(["65", "70", "75", "80", "85"], ops=["<=", None, None, None, None])  # 001: 65 or less
ERRORS = ladder(["35", "35", "30", "25", "20"], "lower", [">", "<=", "<=", "<=", "<="], True)
OUTAGES = ladder(["4", "3", "2", "1", "0"], "lower")
WHOLE = dict(POLICY, interpolate="whole")


@pytest.mark.parametrize("rungs, value, policy, expected", [
    (DEPT, "64", POLICY, (D(1), Climb("floor", 0, D(1)))),
    (DEPT, "64", dict(POLICY, floor="0"), (D(0), Climb("floor", 0, D(0)))),
    (OUTAGES, "5", dict(POLICY, floor="0"), (D(0), Climb("floor", 0, D(0)))),
    (DEPT, "85", POLICY, (D(5), Climb("top", 5, D(5)))),
    (DEPT, "90", dict(POLICY, cap="4"), (D(4), Climb("top", 5, D(5)))),
    (OUTAGES, "0", POLICY, (D(5), Climb("top", 5, D(5)))),
    (DEPT, "78", POLICY, (D("3.6"), Climb("between", 3, D("3.6")))),
    (DEPT, "84", dict(POLICY, cap="4"), (D(4), Climb("between", 4, D("4.8")))),
    (OUTAGES, "2.5", POLICY, (D("2.5"), Climb("between", 2, D("2.5")))),
    (DEPT, "78", WHOLE, (D(3), Climb("level", 3, D(3)))),
    (DEPT, "82", dict(WHOLE, cap="3"), (D(3), Climb("level", 4, D(4)))),
    (ERRORS, "31", WHOLE, (D(2), Climb("level", 2, D(2)))),
    (ERRORS, "36", POLICY, (D(1), Climb("level_1", 1, D(1)))),
    (ERRORS, "36", dict(POLICY, floor="0"), (D(1), Climb("level_1", 1, D(1)))),
    (OR_LESS, "50", POLICY, (D(1), Climb("level_1", 1, D(1)))),
    (OR_LESS, "67", WHOLE, (D(1), Climb("level_1", 1, D(1)))),
    (OR_LESS, "67.5", POLICY, (D("1.5"), Climb("between", 1, D("1.5")))),
])
def test_how_a_value_climbs_each_case(rungs, value, policy, expected):
    rule = typed_ladders.compile_ladder(as_ladder(rungs), as_policies(policy))
    traced = rule(D(value), True)
    assert traced == expected and type(traced[1]) is Climb
    untraced = rule(D(value))
    assert untraced == expected[0] and type(untraced) is Decimal


def bands(*rows):
    return {"id": "b", "title": "B", "low": "0", "high": "100", "citation": None, "source": None,
            "bands": [{"id": i, "title": i, "lower": {"op": lo_op, "value": lo}, "upper": {"op": hi_op, "value": hi},
                       "raise": None, "no_raise": False, "source": None} for i, lo_op, lo, hi_op, hi in rows]}


STANDARD = [("excellent", ">=", "90", "<=", "100"), ("very_good", ">=", "80", "<", "90"),
            ("good", ">=", "70", "<", "80"), ("fair", ">=", "60", "<", "70"), ("poor", ">=", "0", "<", "60")]


def test_check_bands_passes_the_common_cut_offs():
    assert check_bands(bands(*STANDARD), 4) == []


def test_check_bands_finds_an_overlap_at_exactly_90():
    rows = list(STANDARD)
    rows[1] = ("very_good", ">=", "80", "<=", "90")
    failures = check_bands(bands(*rows), 4)
    assert "90 falls in ['excellent', 'very_good'], declared in excellent" in failures
    assert "90 falls in ['excellent', 'very_good'], declared in very_good" in failures


def test_check_bands_finds_a_hole_at_the_end_of_the_range():
    rows = list(STANDARD)
    rows[0] = ("excellent", ">=", "90", "<", "100")
    failures = check_bands(bands(*rows), 4)
    assert "100 (end of the range) falls in no band" in failures


def test_check_bands_finds_a_boundary_on_neither_side():
    # "> 90" above and "< 90" below: exactly 90 is in no band (kpidsl check says B001).
    rows = list(STANDARD)
    rows[0] = ("excellent", ">", "90", "<=", "100")
    failures = check_bands(bands(*rows), 4)
    assert failures == ["90 falls in no band: excellent leaves it out and no band takes it",
                        "90 falls in no band: very_good leaves it out and no band takes it"]


# ---- weights still add up after omissions (semantics 7 and 8) -------------------------------------------

def _split(draw, total: int, most: int) -> list[int]:
    """``total`` as 1..most positive whole parts."""
    n = draw(st.integers(1, min(most, total)))
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=n - 1, max_size=n - 1, unique=True))) \
        if n > 1 else []
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _optional(draw, k: int, first: str):
    """None (required) or how an optional indicator gives its weight away; the first stays required."""
    if k == 1 or not draw(st.booleans()):
        return None
    return draw(st.sampled_from(["", "proportional", f"-> {first}"]))


@st.composite
def frameworks(draw):
    """Dimensions adding to 100, each with 1–4 indicators adding to its weight, some of those with
    2–3 sub-indicators adding to theirs; some indicators optional (proportional, or to a named
    sibling), and a random subset of those omitted."""
    dims = []
    for d, dw in enumerate(_split(draw, 100, 3), start=1):
        kpis = []
        for k, kw in enumerate(_split(draw, dw, 4), start=1):
            kid = f"{d}.{k}"
            subs = []
            if kw >= 2 and draw(st.booleans()):
                for j, sw in enumerate(_split(draw, kw, 3), start=1):
                    subs.append((f"{kid}.{j}", sw, _optional(draw, j, f"{kid}.1"), []))
            kpis.append((kid, kw, _optional(draw, k, f"{d}.1"), subs))
        dims.append((f"d{d}", dw, None, kpis))
    omitted = [n[0] for n in _walk(dims) if n[2] is not None and draw(st.booleans())]
    return dims, omitted


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n[3])


def framework_text(dims, omitted, policy: str) -> str:
    lines = ['framework f "F" {', "    fiscal_year 2555", f"    policy {{ redistribute {policy} }}"]

    def node(keyword: str, n, depth: int) -> None:
        nid, w, opt, children = n
        optional = "" if opt is None else f" optional {opt}".rstrip()
        head = f'{"    " * depth}{keyword} {nid} "{keyword} {nid}" weight {w}{optional}'
        if not children:
            lines.append(f"{head} {{ owner_score }}" if keyword == "kpi" else head)
            return
        lines.append(head + " {")
        for c in children:
            node("kpi", c, depth + 1)
        lines.append("    " * depth + "}")

    for dim in dims:
        node("dimension", dim, 1)
    lines.append("}")
    omits = "".join(f"; omit {kid}" for kid in omitted)
    lines.append(f'agreement a "A" {{ framework f{omits} }}')
    return "\n".join(lines) + "\n"


def _live_leaves(nodes: list[dict]):
    for n in nodes:
        if n["omitted"]:
            continue
        if n["children"]:
            yield from _live_leaves(n["children"])
        else:
            yield n


def _close(a: Decimal, b: Decimal) -> bool:
    """Equal to far more places than any published figure (a third of 10 is a repeating decimal)."""
    return abs(a - b) < D("1e-25")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fw=frameworks())
def test_weights_add_up_to_100_after_redistribution(fw):
    dims, omitted = fw
    with tempfile.TemporaryDirectory() as tmp:
        plan = build(Path(tmp) / "rs", framework_text(dims, omitted, "proportional"))
    roots = plan["agreements"][0]["nodes"]
    assert _close(sum(D(n["weight"]) for n in roots), D(100))
    declared = {n[0]: n[1] for n in _walk(dims)}

    def check(n: dict) -> None:
        if n["omitted"]:
            assert n["id"] in omitted and n["weight"] == "0"
            return
        assert D(n["weight"]) >= D(declared[n["id"]])  # a weight only ever grows
        live = [c for c in n["children"] if not c["omitted"]]
        if n["children"]:
            assert live, "the first indicator of a group is never omitted"
            assert _close(sum(D(c["weight"]) for c in live), D(n["weight"])), n["id"]
        for c in n["children"]:
            check(c)

    for n in roots:
        assert D(n["weight"]) == declared[n["id"]]  # dimensions are never optional: they keep theirs
        check(n)
    assert _close(sum(D(leaf["weight"]) for leaf in _live_leaves(roots)), D(100))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fw=frameworks(), data=st.data())
def test_total_is_the_sum_over_leaves_rounded_once(fw, data):
    """Σ weight × score / 100 over the leaves with their effective weights, rounded half-up to 4
    places once — whatever the policy, and whether an omitted weight was passed on or lost."""
    dims, omitted = fw
    policy = data.draw(st.sampled_from(["proportional", "none"]))
    with tempfile.TemporaryDirectory() as tmp:
        plan = build(Path(tmp) / "rs", framework_text(dims, omitted, policy))
    leaves = list(_live_leaves(plan["agreements"][0]["nodes"]))
    scores = {c["id"]: data.draw(decimals(0, 5, 4), label=c["id"]) for c in leaves}
    report = score_agreement(plan, "a", Inputs({k: Entry(k, {"score": v}) for k, v in scores.items()}))
    # A redistributed weight is a fraction like 17/15, which the plan writes to 40 digits: the exact
    # weight is the nearest fraction with a small denominator (at most 100³ with three levels).
    exact = sum((Fraction(c["weight"]).limit_denominator(10 ** 7) * Fraction(scores[c["id"]]) for c in leaves),
                Fraction(0)) / 100
    with localcontext() as ctx:
        ctx.prec = 100
        expected = (D(exact.numerator) / D(exact.denominator)).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    assume(report.total is not None)
    # Exactly half-way totals included: the guard digits (numbers.GUARD) round them as exact
    # ones (test_a_total_exactly_half_way_is_rounded_up keeps the case hypothesis found).
    assert report.final == expected, (report.total, exact)


def test_redistribution_none_loses_the_weight_in_the_total(tmp_path):
    dims = [("d1", 60, None, [("1.1", 30, None, []), ("1.2", 10, "", []), ("1.3", 20, None, [])]),
            ("d2", 40, None, [("2.1", 40, None, [])])]
    plan = build(tmp_path / "rs", framework_text(dims, ["1.2"], "none"))
    report = score_agreement(plan, "a", Inputs({k: Entry(k, {"score": D(5)}) for k in ("1.1", "1.3", "2.1")}))
    assert str(report.final) == "4.5000"   # 10 of the 100 went nowhere: (30 + 20 + 40) × 5 / 100
    assert "(the other 10 went with omitted indicators)" in report.find("d1").explanation.rule_en
    assert report.find("1.2").explanation.rule_en == "omitted in the agreement; its weight is lost (redistribute none)"


def test_a_total_exactly_half_way_is_rounded_up(tmp_path):
    dims = [("d1", 83, None, [("1.1", 9, None, []), ("1.2", 74, "", [])]),
            ("d2", 17, None, [("2.1", 1, None, []), ("2.2", 1, None, []), ("2.3", 2, "proportional", []),
                              ("2.4", 13, None, [])])]
    plan = build(tmp_path / "rs", framework_text(dims, ["2.3"], "proportional"))
    scores = {"1.1": "2.49992", "1.2": "0.2342", "2.1": "1.5019", "2.2": "3.4328", "2.4": "2.2359"}
    # exact: (9 × 2.49992 + 74 × 0.2342 + 17/15 × (1.5019 + 3.4328) + 221/15 × 2.2359) / 100 = 0.78365
    exact = (9 * Fraction("2.49992") + 74 * Fraction("0.2342") + Fraction(17, 15) * Fraction("4.9347")
             + Fraction(221, 15) * Fraction("2.2359")) / 100
    assert exact == Fraction("0.78365")
    report = score_agreement(plan, "a", Inputs({k: Entry(k, {"score": D(v)}) for k, v in scores.items()}))
    assert str(report.final) == "0.7837"
