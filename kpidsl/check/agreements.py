"""Agreements are complete against their framework (A001–A011, A017, A018, A022–A027, W003, and
W004/W008/W011 for the indicators an agreement adds).

Every agreed weight is set, every weighted average has its sub-indicators,
every ``agreed_kpis`` dimension has indicators, only optional indicators are
omitted, indicators are added only where the framework leaves room, and the
weights of the resulting tree add up at every node.
"""

from __future__ import annotations

from decimal import Decimal

from .. import policies
from ..bilingual import Bi
from ..diagnostics.hints import few, hint
from ..diagnostics.phrases import phrase
from ..diagnostics.span import Span
from ..syntax import ast
from ..syntax.keywords import spell
from .context import Checker, exact_sum, named, node_name, num, walk
from .ladders import thresholds
from .overlay import Effective, overlay, walk_effective
from .sub_indicators import METHOD
from .weights import adds_up_by_weight, unweighted_group

HUNDRED = Decimal(100)
ONE = Decimal(1)
_WEIGHTED = ("perspective", "dimension", "kpi", "competency")


def run(ck: Checker) -> None:
    for agreement in ck.rs.agreements.values():
        if agreement.framework is None:
            ck.report("A001", agreement.id_span or agreement.span, agreement=agreement.id)
            continue
        fw = ck.rs.frameworks.get(agreement.framework.id)
        if fw is None:
            continue  # reported by the names pass
        check(ck, fw, agreement)


def check(ck: Checker, fw: ast.Framework, agreement: ast.Agreement) -> None:
    aid = agreement.id
    if agreement.fiscal_year and fw.fiscal_year and agreement.fiscal_year != fw.fiscal_year:
        ck.report("A002", agreement.framework.span, agreement=aid, year=agreement.fiscal_year, framework=fw.id,
                  framework_year=fw.fiscal_year)
    ov = overlay(fw, agreement)
    fw_ids = [loc.node.id for loc in walk(fw.nodes)]
    for node in ov.unknown:
        ck.report("N002", node.id_span or node.span, kind="indicator", kind_th="ตัวชี้วัด", id=node.id,
                  where=f" in framework `{fw.id}`", where_th=f" ในกรอบ `{fw.id}`", **ck.did_you_mean(node.id, fw_ids))
    for m in ov.misplaced:
        ck.report("A009", m.node.id_span or m.node.span, node=node_name(m.parent))
    omitted = {r.id: r for r in agreement.omits}
    by_id = {loc.node.id: loc.node for loc in walk(fw.nodes)}
    for ident, ref in omitted.items():
        node = by_id.get(ident)
        if node is not None and node.optional is None:
            ck.report("A005", ref.span, node=node_name(node))
    for loc in walk(agreement.nodes):
        _optional_here(ck, agreement, loc.node)
        _kind_kept(ck, agreement, loc.node, by_id)
    # a framework's node written in the wrong place is told once, by A025: laid over there as a
    # node of the agreement's own, it has no scoring (A008) and its group no weight (W011) only
    # because it stands where it does
    misplaced: set[int] = set()
    _placed(ck, agreement, fw, agreement.nodes, None, {loc.node.id: loc.parent for loc in walk(fw.nodes)},
            misplaced)
    _emptied(ck, agreement, named("framework", fw.id), ov.roots, omitted, hint("keep-one"))
    for eff, parent in walk_effective(ov.roots):
        _node(ck, agreement, eff, parent, misplaced)
        if not eff.omitted and eff.scoring is None and eff.kind in (*_WEIGHTED, "component"):
            node = node_name(eff.node)
            _emptied(ck, agreement, node, eff.children, omitted,
                     hint("keep-one-or-omit-group", node=node.en, node_th=node.th))
        _added_weights(ck, eff)
        _added_unweighted(ck, agreement, eff, misplaced)
        _groups(ck, eff)
    _weights(ck, agreement, named("agreement", aid), HUNDRED, ov.roots, (fw, agreement))
    for eff, _ in walk_effective(ov.roots):
        if not eff.children or isinstance(eff.scoring, ast.WeightedAverage):
            continue  # a weighted average divides by ΣW: its sub-indicators need not add up
        expected = HUNDRED if eff.kind == "component" else eff.weight
        if expected is not None:
            _weights(ck, agreement, node_name(eff.node), expected, eff.children,
                     (eff.framework_node, eff.agreement_node))
    _requires(ck, fw, agreement, ov.roots)
    _salary_in_grade(ck, fw, agreement)


def _salary_in_grade(ck: Checker, fw: ast.Framework, agreement: ast.Agreement) -> None:
    """A019: the salary an agreement gives lies in its grade's range. The raise is a % of the
    mid-point of the half the salary is in (kpidsl/score/evaluate/agreement.py _amount): one
    above the grade's maximum or below its minimum was worked out on a half it cannot be in
    (seed 001's ชำนาญการ runs 12,530–36,020; 50,000 got the upper mid-point's 2.5%, 770).
    A021: a salary with no grade, under salary rules that declare grades, is in no grade's
    half: its raise was left blank without a word."""
    if agreement.salary is None or fw.salary is None:
        return
    if agreement.grade is None:
        if fw.salary.grades:
            # A021: a salary alone gives no raise (the amount was left blank without a word);
            # the grade is a fact of the agreement's person, as the salary is
            ck.report("A021", agreement.salary_span or agreement.span, agreement=agreement.id,
                      salary=num(agreement.salary), grades=few(f"`{g.id}`" for g in fw.salary.grades))
        return
    grade = next((g for g in fw.salary.grades if g.id == agreement.grade.id), None)
    if grade is None or grade.min is None or grade.max is None:
        return  # N002's, or the grade's own K003
    if not grade.min <= agreement.salary <= grade.max:
        ck.report("A019", agreement.grade.span, agreement=agreement.id, salary=num(agreement.salary), grade=grade.id,
                  low=num(grade.min), high=num(grade.max))


def _node(ck: Checker, agreement: ast.Agreement, eff: Effective, parent: Effective | None,
          misplaced: set[int]) -> None:
    fw_node = eff.framework_node
    ag_node = eff.agreement_node
    where = ag_node.id_span if ag_node is not None and ag_node.id_span else (agreement.id_span or agreement.span)
    if fw_node is not None and ag_node is not None and ag_node.weight is not None and fw_node.weight is not None \
            and not fw_node.weight.agreed and ag_node.weight.value != fw_node.weight.value:
        ck.report("A006", ag_node.weight.span, node=node_name(fw_node), weight=num(fw_node.weight.value))
    if fw_node is not None and ag_node is not None and ag_node.weight is not None and fw_node.weight is None \
            and ag_node.weight.value is not None:
        # The framework sets the weights; an agreement fills in those marked `weight agreed` (LANGUAGE.md,
        # seed 002: a province's are negotiated, so its framework says so). overlay() reads no other,
        # so this weight would be dropped without a word and the group above it scored without it.
        ck.report("A017", ag_node.weight.span, framework=agreement.framework.id, node=node_name(fw_node),
                  weight=num(ag_node.weight.value))
    if fw_node is not None and ag_node is not None:
        _component_figures(ck, fw_node, ag_node)
    if eff.omitted:
        return
    if fw_node is not None and ag_node is not None:
        _scoring_kept(ck, agreement, fw_node, ag_node)
    if eff.weight_source == "missing":
        ck.report("A003", where, agreement=agreement.id, node=node_name(fw_node))
    if fw_node is None:
        # Sub-indicators may use the weighted average's ladder; competencies are
        # scored on their component's scale (1–5 with the seed's definitions).
        inherited = parent is not None and (
            (isinstance(parent.scoring, ast.WeightedAverage) and parent.scoring.ladder is not None)
            or (eff.kind == "competency" and parent.field("scale") is not None))
        if not eff.children and eff.scoring is None and not inherited and eff.kind in ("kpi", "competency") \
                and id(ag_node) not in misplaced:
            ck.report("A008", ag_node.id_span or ag_node.span, node=node_name(ag_node))
        return
    added = [c for c in eff.children if c.added]
    if isinstance(fw_node.scoring, ast.WeightedAverage) and not added:
        code = "A011" if fw_node.optional else "A004"
        args = dict(agreement=agreement.id, node=node_name(fw_node))
        if code == "A011":
            args["id"] = fw_node.id
        ck.report(code, where, **args)
    elif fw_node.agreed_kpis and not added:
        ck.report("A010", where, agreement=agreement.id, node=node_name(fw_node))


def _component_figures(ck: Checker, fw_node: ast.Node, ag_node: ast.Node) -> None:
    """A020: an agreement restates a component's share or multiplier, never changes it. The
    scorer takes the agreement's (kpidsl/plan/compile.py), so one person's 80% beside the
    framework's 30% made shares of 110% (seed 001: 72 × 80% + 68 × 30% = 78, not 70.8), past
    the framework's limits (I001) and the bands its totals were checked against (B011, B012).
    A multiplier left out of the framework is × 1; a share left out is K003's."""
    where = ag_node.id_span or ag_node.span
    if ag_node.share is not None and fw_node.share is not None and ag_node.share != fw_node.share:
        ck.report("A020", where, node=node_name(fw_node), what=phrase("component-share"), value=f"{num(fw_node.share)}%")
    if ag_node.multiplier is not None and ag_node.multiplier != (fw_node.multiplier or ONE):
        ck.report("A020", where, node=node_name(fw_node), what=phrase("component-multiplier"),
                  value=num(fw_node.multiplier or ONE))


def _scoring_kept(ck: Checker, agreement: ast.Agreement, fw_node: ast.Node, ag_node: ast.Node) -> None:
    """A022: an agreement scores a framework's indicator the framework's way, or leaves it be. Its own
    scoring replaces the framework's whole (overlay.py ``Effective.scoring``): a ladder written for kpi 8
    dropped the mean of X/Y (the example's X1 … Y4 were refused, a results row gave one `result`), a
    ladder for kpi 7 its steps and due dates, for kpi 11 its 50% + 50% parts, and checked clean.
    A weighted average's own troubles are A004's and K014's."""
    fw_scoring, ag_scoring = fw_node.scoring, ag_node.scoring
    if isinstance(fw_scoring, ast.Composite) and isinstance(ag_scoring, ast.Composite):
        _part_shares(ck, agreement, fw_node, fw_scoring, ag_scoring)
        return
    if fw_scoring is not None and type(fw_scoring) is type(ag_scoring) and ag_node.cascade is None:
        # a cascaded indicator's figures are the cascade's (seed 004 slide 14: a split lowers the target
        # by share; cascades.py C001–C005 hold them to the superior's)
        _criteria_kept(ck, agreement, fw_node, fw_scoring, ag_scoring)
    if fw_scoring is None or ag_scoring is None or type(fw_scoring) is type(ag_scoring) \
            or isinstance(fw_scoring, ast.WeightedAverage):
        return
    # a scoring's span is its statement's, always read (kpidsl/syntax/lower/scoring.py)
    ck.report("A022", ast.header_span(ag_scoring), framework=agreement.framework.id,
              agreement=agreement.id, node=node_name(fw_node), fw_method=_method(fw_scoring), method=_method(ag_scoring))


def _part_shares(ck: Checker, agreement: ast.Agreement, fw_node: ast.Node, fw: ast.Composite,
                 ag: ast.Composite) -> None:
    """A023: an agreement restating a composite's parts keeps their shares (the scorer takes the
    agreement's parts: 20% survey + 80% checklist scored 5 and 1 as 1.8, not seed 003's 50/50 3),
    and A026 names only the framework's parts."""
    shares = {p.id: p.share for p in fw.parts}
    for part in ag.parts:
        if part.id not in shares:
            # A026: another part under the framework's shares (survey 50% + website 50%) was scored on the
            # agreement's parts, the framework's checklist never asked for; a part left out is W005's
            ck.report("A026", part.id_span or part.span, framework=agreement.framework.id, agreement=agreement.id,
                      node=node_name(fw_node), part=part.id, parts=few(f"`{p.id}`" for p in fw.parts))
            continue
        fixed = shares.get(part.id)
        if fixed is not None and part.share is not None and part.share != fixed:
            ck.report("A023", part.id_span or part.span, framework=agreement.framework.id, agreement=agreement.id,
                      node=node_name(fw_node), part=part.id, share=f"{num(fixed)}%", agreed=f"{num(part.share)}%")


def _criteria_kept(ck: Checker, agreement: ast.Agreement, fw_node: ast.Node, fw, ag) -> None:
    """A027: under `agreement_ladder fixed` (the default, kpidsl/policies.py: seed 003 fixes the
    criteria of the indicators every department is held to), an agreement restating a framework's
    ladder or steps restates them: its own replace the framework's (overlay.py ``Effective.scoring``),
    so 60 … 80 for kpi 5's 65 … 85 was scored on 60 … 80 and checked clean. A ladder is the same by
    its direction and five levels (`ladder target 75 step 5` is 65 70 75 80 85); steps by number,
    text and due date."""
    # run() checks only an agreement whose framework is there
    setting = policies.resolve(policies.rule_set_policy(ck.rs.policies),
                               ck.rs.frameworks[agreement.framework.id].policy)
    if setting["agreement_ladder"] != "fixed":
        return
    if isinstance(fw, ast.MilestoneScoring):
        if _steps(fw.milestones) == _steps(ag.milestones):
            return
        what, fixed = phrase("fixed-steps"), few(f'{m.number} "{m.text}"' for m in fw.milestones.steps)
        where = ast.header_span(ag.milestones)
    else:
        ladders = [(x.ladder if isinstance(x, (ast.LadderScoring, ast.FormulaScoring)) else None) for x in (fw, ag)]
        if None in ladders or _levels(ladders[0]) == _levels(ladders[1]):
            return
        what, fixed = phrase("fixed-ladder"), " ".join(num(v) for v in thresholds(ladders[0]))
        where = ladders[1].span
    ck.report("A027", where, agreement=agreement.id, framework=agreement.framework.id, node=node_name(fw_node),
              what=what, fixed=fixed, policy=_setting_said("fixed"), agreed=_setting_said("agreed"))


def _setting_said(value: str) -> Bi:
    """``agreement_ladder fixed`` / ``เกณฑ์ในคำรับรอง ตามกรอบ``: the policy as a rule file writes it."""
    return Bi(*(f"{spell('agreement_ladder', lang)} {spell(value, lang)}" for lang in ("en", "th")))


def _levels(ladder: ast.Ladder) -> tuple:
    return ladder.direction, tuple(thresholds(ladder)), tuple(t.op for t in ladder.thresholds) or (None,) * 5


def _steps(ms: ast.Milestones) -> tuple:
    return tuple((m.number, " ".join(m.text.split()), m.due.text if m.due is not None else None) for m in ms.steps)


def _method(scoring) -> Bi:
    return phrase(METHOD.get(type(scoring), "method-weighted-average"))


def _kind_kept(ck: Checker, agreement: ast.Agreement, node: ast.Node, by_id: dict) -> None:
    """A024: a framework's node written in an agreement under another kind's keyword
    (`ตัวชี้วัด external` for a perspective, `มิติ 5` for an indicator) was filled in without
    a word; a reader of the agreement takes it for what its keyword says."""
    framework_node = by_id.get(node.id)
    if framework_node is None or framework_node.kind == node.kind:
        return
    ck.report("A024", ast.header_span(node), agreement=agreement.id, framework=agreement.framework.id,
              written=node_name(node), node=node_name(framework_node))


def _placed(ck: Checker, agreement: ast.Agreement, fw: ast.Framework, nodes, inside: ast.Node | None,
            fw_parent: dict, misplaced: set[int]) -> None:
    """A025: an agreement writes a framework's node at the top, or under one of its framework
    ancestors (``ตัวชี้วัด 1 { ตัวชี้วัด 1.1 { … } }``). overlay.py fills a framework's node in by its
    id wherever it is written, so `ตัวชี้วัด 5 {}` inside `ตัวชี้วัด 1.1 {` was scored as kpi 5 of
    quality, not as a part of 1.1, and checked clean. ``inside`` is the nearest framework node the
    agreement wrote around ``nodes`` (a node the agreement adds is no framework's place).
    ``misplaced`` gets the id() of each node told."""
    for node in nodes:
        here = inside
        if node.id in fw_parent:
            if inside is not None and inside.id not in _ancestors(node.id, fw_parent):
                parent = fw_parent[node.id]
                ck.report("A025", node.id_span or node.span, agreement=agreement.id, framework=fw.id,
                          node=node_name(node), written_in=node_name(inside),
                          parent=node_name(parent) if parent is not None else named("framework", fw.id))
                misplaced.add(id(node))
            here = node
        _placed(ck, agreement, fw, node.children, here, fw_parent, misplaced)


def _ancestors(ident: str, fw_parent: dict) -> set[str]:
    out: set[str] = set()
    parent = fw_parent.get(ident)
    while parent is not None and parent.id not in out:
        out.add(parent.id)
        parent = fw_parent.get(parent.id)
    return out


def _optional_here(ck: Checker, agreement: ast.Agreement, node: ast.Node) -> None:
    """K002: `optional` is the framework's to say (an agreement leaves such an indicator out
    with `omit`); on an agreement's indicator neither the mark nor its `-> X` does anything
    (overlay.py reads the framework's), so it would be silently ignored."""
    if node.optional is None:
        return
    # at the word itself, whose span the parser always gives (kpidsl/syntax/lower/nodes.py _optional)
    ck.report("K002", node.optional.span, word="optional",
              context=f"{node.kind} `{node.id}` of agreement `{agreement.id}`",
              context_th=f"ตัวชี้วัด `{node.id}` ของคำรับรอง `{agreement.id}`",
              places="a framework's indicator (an agreement leaves one out with `omit`)",
              places_th="ตัวชี้วัดของกรอบ (คำรับรองไม่ใช้ตัวชี้วัดนั้นด้วย `ยกเว้น`)")


def _groups(ck: Checker, eff: Effective) -> None:
    """Headings over a node's indicators (seed 001 สไลด์ 17) name indicators directly under
    it, each once, under titles that differ: the forms print each indicator under one."""
    groups = eff.field("groups") or ()
    if not groups:
        return
    node = node_name(eff.node)
    children = {c.id for c in eff.children if not c.omitted}
    titles: set[str] = set()
    placed: dict[str, str] = {}
    for g in groups:
        if g.title in titles:
            ck.report("A015", g.title_span or g.span, node=node, title=g.title)
        titles.add(g.title)
        if not g.members:
            ck.report("A013", g.span, node=node, title=g.title)
        for ref in g.members:
            if ref.id not in children:
                ck.report("A014", ref.span, node=node, title=g.title, id=ref.id)
            elif ref.id in placed:
                ck.report("A016", ref.span, node=node, id=ref.id, first=placed[ref.id])
            else:
                placed[ref.id] = g.title


def _added_weights(ck: Checker, eff: Effective) -> None:
    """Indicators an agreement adds carry the weights their parent adds up by
    (W008 under a component or a weighted average; W004 beside weighted siblings).
    The framework's own indicators are checked in weights.py."""
    live = [c for c in eff.children if c.kind in _WEIGHTED and not c.omitted]
    unweighted = [c for c in live if c.added and c.weight is None]
    if not unweighted:
        return
    why = adds_up_by_weight(eff.kind, eff.scoring)
    for c in unweighted:
        at = c.agreement_node.id_span or c.agreement_node.span
        if why is not None:
            ck.report("W008", at, node=node_name(c.node), parent=node_name(eff.node), **why)
        elif any(s.weight is not None for s in live):
            ck.report("W004", at, node=node_name(c.node))


def _emptied(ck: Checker, agreement: ast.Agreement, node, children, omitted: dict, why: dict) -> None:
    """A018: a group the agreement keeps (or the framework's top level) whose indicators it
    omits, every one. Its score is Σ weight × score over those kept (score/evaluate/kinds.py
    group_mean, component; the total, agreement.py live_roots): with none it has no score, and
    no redistribution can give it one (their weights go to siblings omitted too). Told at the
    first of those `omit`s written."""
    under = [c for c in children if c.kind in _WEIGHTED]
    if not under or not all(c.omitted for c in under):
        return
    if any(c.framework_node is None or c.framework_node.optional is None for c in under):
        return  # omitting one the framework does not mark optional is A005's already
    # each is omitted by an `omit` of this agreement (overlay.py: omitted is named in its omits)
    first = min((omitted[c.id] for c in under), key=lambda r: (r.span.line, r.span.column))
    ck.report("A018", first.span,
              agreement=agreement.id, node=node, children=few(f"`{c.id}`" for c in under), **why)


def _added_unweighted(ck: Checker, agreement: ast.Agreement, eff: Effective, misplaced: set[int]) -> None:
    """W011 at a weighted group all of whose indicators this agreement adds, none with a weight
    (under `agreed_kpis`, or below an indicator it adds): the group, and so the agreement, has
    no score. When the framework has unweighted indicators there, weights.py tells it; when
    they are all a framework's written in the wrong place (``misplaced``), A025 tells it."""
    if eff.omitted or eff.weight is None:
        return
    live = [c for c in eff.children if c.kind in _WEIGHTED and not c.omitted]
    if not live or not all(c.added for c in live) or not unweighted_group(eff.kind, eff.scoring, live):
        return
    if all(id(c.agreement_node) in misplaced for c in live):
        return
    # indicators the agreement adds are written inside its node of the group: it is there
    at = eff.agreement_node
    ck.report("W011", at.id_span or at.span,
              node=node_name(eff.node), agreements=f"`{agreement.id}`",
              **hint("added-need-weights", children=few(f"`{c.id}`" for c in live), weight=num(eff.weight)))


def _weights(ck: Checker, agreement: ast.Agreement, parent, expected: Decimal,
             children: tuple[Effective, ...], owners: tuple) -> None:
    """The effective weights under one node add up. Sub-indicators of a
    weighted average are normalised by ΣW, so they need not. Not told when the
    node (its framework's or agreement's block, ``owners``) or one it adds up lost
    a line to a syntax error: the sum is short of that line (`น้ำหนัก 6,5`, S002),
    and the next run, once it is read, says whether it adds up."""
    weighed = [c for c in children if c.kind in _WEIGHTED and c.weight_source != "none"]
    if not weighed or any(c.weight is None for c in weighed):
        return
    if ck.lost_in and any(ck.lost_a_line(n) for n in (*owners, *(m for c in weighed
                                                                  for m in (c.framework_node, c.agreement_node)))):
        return
    total = exact_sum(c.weight for c in weighed)
    if total != expected and not _framework_told(owners[0], weighed, total, expected):
        parts = ", ".join(f"{c.id} = {num(c.weight)}" for c in weighed)
        span = next((c.agreement_node.id_span for c in weighed if c.agreement_node is not None
                     and c.agreement_node.id_span), agreement.id_span or agreement.span)
        ck.report("W003", span, agreement=agreement.id, node=parent, total=num(total), expected=num(expected),
                  **hint("weights-listed", parts=parts, total=num(total)))


def _framework_told(owner, weighed: list[Effective], total: Decimal, expected: Decimal) -> bool:
    """Whether this sum is the framework's own, which W001 tells once at the framework
    (weights.py _children): every weight the agreement's node adds up is the framework's, the
    framework's node fixes what they must add up to (as W001 reads it: a fixed weight, 100 at
    the top), and its weights, every one fixed, make the same total. Then each agreement laid
    over the framework would only say it again (W003 in every agreement of the rule set)."""
    if owner is None or not all(c.weight_source == "framework" for c in weighed):
        return False
    if isinstance(owner, ast.Framework):
        children, fixed = owner.nodes, HUNDRED
    else:
        children = owner.children
        fixed = owner.weight.value if owner.weight is not None and not owner.weight.agreed else None
    kids = [c for c in children if c.kind in _WEIGHTED]
    if fixed != expected or any(c.weight is None or c.weight.agreed or c.weight.value is None for c in kids):
        return False
    return exact_sum(c.weight.value for c in kids) == total


# What each entry of `agreement_requires` asks of an agreement (kpidsl/vocabulary.py AGREEMENT_REQUIRES; seed 002 ข้อ 1.4.2):
# of the agreement as a whole, or of each indicator it is scored on (a leaf the framework writes and
# the agreement does not counts: a framework's description or ladder is the agreement's too, overlay.py
# Effective). What is lacking is one A007 at each place it is told: at a leaf's own name, or, for the
# agreement's own entries and the leaves written only in the framework, at the agreement's, naming every
# entry and leaf (one mistake, one message: tests/test_check_fixtures.py told_twice_at_one_place).
_OF_AGREEMENT = {
    "signatory": (lambda a: bool(a.signatories), phrase("signatories")),
    "period": (lambda a: a.period is not None, phrase("period")),
    "plan": (lambda a: a.plan is not None, phrase("action-plan")),
    "kpi": (lambda a: any(True for _ in walk(a.nodes)), phrase("indicators")),
}
_OF_LEAF = {
    "baseline": (lambda e: bool(e.template.baselines), phrase("baseline")),
    "target": (lambda e: e.field("target") is not None or e.scoring is not None, phrase("target")),
    "ladder": (lambda e: e.scoring is not None, phrase("scoring-criteria")),
    "description": (lambda e: bool(e.template.description), phrase("description")),
    "definition": (lambda e: bool(e.template.definitions), phrase("definition")),
    "formula": (lambda e: bool(e.template.formula_text), phrase("formula-text")),
    "condition": (lambda e: bool(e.template.conditions), phrase("condition")),
}
# A weight is asked of every agreement, whatever its framework requires: each indicator its parent adds
# up by weight has one, or it has no score and the agreement no total. The weights passes tell it: an
# agreed weight left out (A003), one left out beside weighted siblings (W004), under a component or a
# weighted average (W008), a group none of whose indicators has one (W011), a framework with none at the
# top (W009). `agreement_requires weight` (seed 002's list, rules/2554/province.kpi) asks nothing more;
# an A007 beside them would tell one omission twice.
_BY_WEIGHTS = {"weight": ("A003", "W004", "W008", "W009", "W011")}
# The codes that tell an agreement without each entry (tests/test_check_requires.py: every entry the
# language takes is here, and has a fixture of each kind).
REQUIRES_TOLD_BY: dict[str, tuple[str, ...]] = {
    **{item: ("A007",) for item in (*_OF_AGREEMENT, *_OF_LEAF)}, **_BY_WEIGHTS}


def _requires(ck: Checker, fw: ast.Framework, agreement: ast.Agreement, roots) -> None:
    leaves = [eff for eff, _ in walk_effective(roots) if not eff.children and not eff.omitted and eff.kind == "kpi"]
    at_agreement = agreement.id_span or agreement.span
    lacking: dict[Span, list[Bi]] = {}  # place → what is lacking there, in the order the framework lists it
    for item in fw.agreement_requires:
        if item in _OF_AGREEMENT:
            test, content = _OF_AGREEMENT[item]
            if not test(agreement):
                lacking.setdefault(at_agreement, []).append(content)
        elif item in _OF_LEAF:
            test, content = _OF_LEAF[item]
            without: dict[Span, list[ast.Node]] = {}  # place → the leaves told there
            for leaf in leaves:
                if not test(leaf):
                    at = leaf.agreement_node  # None for a framework's leaf the agreement does not write
                    span = (at.id_span or at.span) if at is not None else at_agreement
                    without.setdefault(span, []).append(leaf.node)
            for span, nodes in without.items():
                names = Bi(few(node_name(n).en for n in nodes), few(node_name(n).th for n in nodes))
                lacking.setdefault(span, []).append(
                    phrase("content-for", content=content, node=names, ids=few(n.id for n in nodes)))
    for span, what in lacking.items():
        ck.report("A007", span, agreement=agreement.id, framework=fw.id,
                  what=Bi("; ".join(w.en for w in what), "; ".join(w.th for w in what)))
