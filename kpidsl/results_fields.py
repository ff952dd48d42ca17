"""What each kind of scoring reads from results: the fields an indicator takes, written once
for every reader of results (a results file's columns, kpidsl/score/results/cells.py
node_accepts) and for the checker of an example's given figures (kpidsl/check/examples.py),
which must take the fields the scorer reads and no others.

The kinds are the compiled plan's (``kind`` of a node's scoring, kpidsl/plan/model/scoring.py);
a caller names its node's kind, its formula's inputs, its milestones' step numbers and its
composite's parts, from the typed plan or from the rule file's tree alike."""

from __future__ import annotations

from typing import Iterable

import attrs

# The field a bare column (no ``:field``) gives, by kind; a node with no scoring and no
# children takes its score directly.
_DEFAULT_FIELD = {"ladder": "result", "milestones": "steps", "owner_score": "score", "scale": "score"}


@attrs.frozen
class Taken:
    """The fields a node takes, the one a bare column gives (None: none), and those that are
    themselves scores 0–5 (a composite's parts not scored on a ladder)."""

    fields: tuple[str, ...]
    default: str | None
    scores: tuple[str, ...] = ()


def fields_taken(kind: str | None, leaf: bool, inputs: Iterable[str] = (), steps: Iterable[int] = (),
                 parts: Iterable[tuple[str, bool]] = ()) -> Taken:
    """What a node of scoring ``kind`` takes. ``leaf``: it has no children; ``inputs``: a
    formula's input names; ``steps``: a milestones' step numbers; ``parts``: a composite's
    parts as (id, scored on a ladder). A node scored from others (a weighted average, a group,
    a component, a node with children and no rule) takes nothing: its score is always its
    children's (seed 003: Σ(W × SM) / ΣW of the sub-indicators), whether the figures come
    from a results file, an example or the SQL engine's columns; the evaluator takes a score
    given only where this gives ``score`` (kpidsl/score/evaluate/agreement.py _compile)."""
    fields: list[str] = []
    scores: list[str] = []
    if kind == "ladder":
        fields = ["result", "score"]
    elif kind == "formula":
        fields = list(inputs) + ["score"]
    elif kind == "milestones":
        # seedrules hook: a column per step (``7:1`` … ``7:5``), kpidsl/score/step_cells.py
        fields = ["steps", "score"] + [str(s) for s in steps]
    elif kind in ("owner_score", "scale"):
        fields = ["score"]
    elif kind == "composite":
        parts = list(parts)
        fields = [p for p, _ in parts] + ["score"]
        scores = [p for p, ladder in parts if not ladder]
    elif kind is None and leaf:
        fields = ["score"]  # no scoring rule: the score is given directly
    default = _DEFAULT_FIELD.get(kind or "") or ("score" if kind is None and leaf else None)
    return Taken(tuple(fields), default, tuple(scores))
