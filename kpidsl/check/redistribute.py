"""Effective weights: where an omitted optional indicator's weight goes.

An optional indicator an agreement omits ("ถ้ามี") gives its weight to the
sibling its ``optional -> id`` names, or else, under the ``redistribute
proportional`` policy, to its siblings in proportion to their weights (under
``none`` the weight is lost). A node whose weight grows passes the growth on
to its own children in proportion, so that weights still add up at every
node. Sub-indicators of a weighted average and the indicators of a component
carry relative weights and are left as they are.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from .overlay import Effective
from ..syntax import ast


def effective_weights(roots: tuple[Effective, ...], policy: str) -> dict[int, Decimal | None]:
    """Effective weight of every node, keyed by ``id(effective node)``."""
    out: dict[int, Decimal | None] = {}
    # A share in thirds or fifteenths is inexact: work it to 40 digits, the scorer's own
    # precision (kpidsl/score/numbers.py), whatever the caller's context, so that the
    # scorer's guard digits absorb the error and a half-way total still rounds up.
    with decimal.localcontext(decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)):
        _siblings(roots, Decimal(1), policy, out)
    return out


def _siblings(nodes: tuple[Effective, ...], factor: Decimal, policy: str, out: dict[int, Decimal | None]) -> None:
    base = {id(n): (n.weight * factor if n.weight is not None else None) for n in nodes}
    new = dict(base)
    live = [n for n in nodes if not n.omitted and base[id(n)] is not None]
    for gone in (n for n in nodes if n.omitted and base[id(n)] is not None):
        weight = base[id(gone)]
        new[id(gone)] = Decimal(0)
        # only a framework's indicator can be omitted (kpidsl/check/overlay.py: an added one never is)
        opt = gone.framework_node.optional
        target = next((n for n in live if opt and opt.to and n.id == opt.to.id), None)
        if target is not None:
            new[id(target)] += weight
        elif (opt and opt.proportional) or policy == "proportional":
            total = sum(base[id(n)] for n in live)
            if total:
                for n in live:
                    new[id(n)] += weight * base[id(n)] / total
    for n in nodes:
        out[id(n)] = new[id(n)]
        if not n.children:
            continue
        relative = isinstance(n.scoring, ast.WeightedAverage) or n.kind == "component"
        if relative or n.weight in (None, Decimal(0)):
            _siblings(n.children, Decimal(1), policy, out)
        else:
            _siblings(n.children, new[id(n)] / n.weight, policy, out)
