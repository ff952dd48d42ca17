"""An agreement laid over its framework: the indicator tree one organisation
or person is actually evaluated on.

The framework fixes structure and weights; the agreement fills in agreed
weights, adds sub-indicators where the framework leaves room (weighted
averages, ``agreed_kpis`` dimensions, components), sets targets and ladders,
and omits optional indicators. ``overlay`` builds that tree and records what
it could not place, for the agreements pass to report.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..syntax import ast
from .context import walk


_NO_DETAILS = ast.Template()
_DETAILS = tuple(a.name for a in attrs.fields(ast.Template) if a.name != "sources")


@attrs.frozen
class Effective:
    id: str
    kind: str
    framework_node: ast.Node | None  # None for an indicator the agreement adds
    agreement_node: ast.Node | None  # None when the agreement does not mention it
    weight: Decimal | None
    weight_source: str  # "framework", "agreement", "missing", "none"
    omitted: bool
    children: tuple["Effective", ...]

    @property
    def added(self) -> bool:
        return self.framework_node is None

    @property
    def node(self) -> ast.Node:
        return self.agreement_node if self.framework_node is None else self.framework_node

    @property
    def title(self) -> str | None:
        for n in (self.agreement_node, self.framework_node):
            if n is not None and n.title:
                return n.title
        return None

    def field(self, name: str):
        """An attribute the agreement may set, falling back to the framework where it is unset
        (None, or no groups). A figure of 0 is set: ``in (None, (), False)`` took Decimal 0 for False."""
        for n in (self.agreement_node, self.framework_node):
            if n is not None:
                value = getattr(n, name)
                if value is not None and value != ():
                    return value
        return None

    @property
    def scoring(self):
        return self.field("scoring")

    @property
    def template(self) -> ast.Template:
        """The indicator's details: each the agreement writes, over the framework's (an agreement that
        mentions an indicator only to weigh it keeps the framework's description and baselines)."""
        fw = self.framework_node.template if self.framework_node is not None else _NO_DETAILS
        ag = self.agreement_node.template if self.agreement_node is not None else _NO_DETAILS
        written = {name for name in _DETAILS if getattr(ag, name) != getattr(_NO_DETAILS, name)}
        if not written:
            return fw
        return attrs.evolve(fw, **{name: getattr(ag, name) for name in written},
                            sources=tuple(s for s in fw.sources if s[0] not in written)
                            + tuple(s for s in ag.sources if s[0] in written))


def open_to_additions(fw: ast.Node) -> bool:
    """Whether an agreement may add indicators under this framework node (under a node the
    agreement adds, it always may)."""
    return fw.agreed_kpis or isinstance(fw.scoring, ast.WeightedAverage) or fw.kind == "component"


@attrs.frozen
class Misplaced:
    node: ast.Node
    parent: ast.Node | None  # the framework node it was written under, if any


@attrs.frozen
class Overlay:
    roots: tuple[Effective, ...]
    misplaced: tuple[Misplaced, ...]  # agreement nodes whose place is not open
    unknown: tuple[ast.Node, ...]  # top-level agreement nodes the framework does not have


def overlay(framework: ast.Framework, agreement: ast.Agreement) -> Overlay:
    fw_ids = {loc.node.id for loc in walk(framework.nodes)}
    omitted = {ref.id for ref in agreement.omits}
    # Agreement nodes by id, and the agreement nodes added under each framework id.
    by_id: dict[str, ast.Node] = {}
    added_under: dict[str | None, list[ast.Node]] = {}
    for loc in walk(agreement.nodes):
        node = loc.node
        if node.id in fw_ids:
            by_id.setdefault(node.id, node)
        elif loc.parent is None or loc.parent.id in fw_ids:
            added_under.setdefault(loc.parent.id if loc.parent else None, []).append(node)
    misplaced: list[Misplaced] = []

    def added(node: ast.Node) -> Effective:
        children = tuple(added(c) for c in node.children)
        weight = node.weight.value if node.weight else None
        return Effective(node.id, node.kind, None, node, weight, "agreement" if weight is not None else "none",
                         False, children)

    def build(fw_node: ast.Node) -> Effective:
        ag_node = by_id.get(fw_node.id)
        children = [build(c) for c in fw_node.children]
        extra = added_under.get(fw_node.id, [])
        if extra and not open_to_additions(fw_node):
            misplaced.extend(Misplaced(n, fw_node) for n in extra)
        else:
            children.extend(added(n) for n in extra)
        if fw_node.weight is None:
            weight, source = None, "none"
        elif not fw_node.weight.agreed:
            weight, source = fw_node.weight.value, "framework"
        elif ag_node is not None and ag_node.weight is not None and ag_node.weight.value is not None:
            weight, source = ag_node.weight.value, "agreement"
        else:
            weight, source = None, "missing"
        return Effective(fw_node.id, fw_node.kind, fw_node, ag_node, weight, source, fw_node.id in omitted,
                         tuple(children))

    roots = tuple(build(n) for n in framework.nodes)
    unknown = tuple(added_under.get(None, []))
    return Overlay(roots, tuple(misplaced), unknown)


def walk_effective(nodes, parent: Effective | None = None):
    for node in nodes:
        yield node, parent
        yield from walk_effective(node.children, node)


# The plan's kind of each scoring the rule file writes (kpidsl/plan/compile.py compiles them).
_DECLARED_KIND = {ast.LadderScoring: "ladder", ast.FormulaScoring: "formula", ast.MilestoneScoring: "milestones",
                  ast.WeightedAverage: "weighted_average", ast.Composite: "composite", ast.OwnerScore: "owner_score"}


def scoring_kind(e: Effective, parent: Effective | None) -> str | None:
    """The kind of scoring the compiled plan gives node ``e`` under ``parent``: its own, else
    the ladder of the weighted average above it, else a sum of its children (a component's
    own kind), else a competency's scale, else none (its score is given). The one decision
    of the compiler (kpidsl/plan/compile.py) and of the checker of examples
    (kpidsl/check/examples.py)."""
    scoring = e.scoring
    if scoring is not None:
        return _DECLARED_KIND[type(scoring)]
    if inherited_ladder(parent) is not None:
        return "ladder"
    if e.children:
        return "component" if e.kind == "component" else "sum"
    if e.kind == "competency" and scale_of(e, parent) is not None:
        return "scale"
    return None


def inherited_ladder(parent: Effective | None) -> ast.WeightedAverage | None:
    """The weighted average above a node with no scoring of its own, when it declares the
    ladder its sub-indicators are scored on."""
    if parent is not None and isinstance(parent.scoring, ast.WeightedAverage) and parent.scoring.ladder is not None:
        return parent.scoring
    return None


def scale_of(e: Effective, parent: Effective | None) -> ast.Ref | None:
    """The scale a competency is scored on: its own, or its component's."""
    return e.field("scale") or (parent.field("scale") if parent is not None else None)
