"""The lines of worked examples (``ตัวอย่าง``) against the indicators they name: a field
the indicator does not take (X002), a figure written twice (X003), a figure for an
indicator the agreement omits (X004), a part's figure on a line of its own (X005), an
expected figure of the whole evaluation `kpidsl test` does not compare (X006), a score given on a
scale that the scale does not take (X007, the scorer's Q035), an expected figure the scorer never publishes
(X008), a submission date no round's penalty reads (X009), a score given past the cap of a ladder (X010). `kpidsl test` would otherwise fail such an example
only by its consequence (a score "–" that "needs X1"), or pass it with a figure the scorer
never read.

The fields a given line may name are those a results file's column may name, from one
place (kpidsl/results_fields.py), for the kind of scoring the compiled plan gives the
indicator (kpidsl/check/overlay.py scoring_kind); those an expected line may name are the
figures `kpidsl test` compares (kpidsl/example_figures.py). Unknown indicators, parts and
steps are names.py's (N002, X001)."""

from __future__ import annotations

import difflib
from decimal import Decimal

import attrs

from ..bilingual import Bi
from ..diagnostics.hints import guess_hint, hint
from ..diagnostics.phrases import phrase
from ..diagnostics.span import Span
from ..example_figures import NODE_FIGURES, WHOLE_FIGURES
from .. import policies
from ..results_fields import fields_taken
from ..scale_scores import of_levels
from ..rounding import quantize
from ..score_range import HIGHEST_SCORE, LOWEST_SCORE
from ..syntax import ast
from ..syntax.keywords import BY_CANONICAL, spell
from .context import Checker, node_name
from .overlay import Effective, overlay, scale_of, scoring_kind, walk_effective


@attrs.frozen
class _Place:
    """An indicator of the agreement an example scores: its overlaid node, the node above
    it, and the omission that leaves it out (None: it is scored)."""

    node: Effective
    parent: Effective | None
    omitted_at: ast.Ref | None


def run(ck: Checker) -> None:
    rs = ck.rs
    laid: dict[str, dict[str, _Place]] = {}  # an agreement's places, laid over once for all its examples
    for example in rs.examples.values():
        _twice(ck, example)
        agreement = rs.agreements.get(example.agreement.id) if example.agreement else None
        fw = rs.frameworks.get(agreement.framework.id) if agreement and agreement.framework else None
        if fw is None:
            continue  # no agreement or framework to read the lines by: names.py tells it
        places = laid.get(agreement.id)
        if places is None:
            places = laid[agreement.id] = _places(fw, agreement)
        for block, facts in (("given", example.given), ("expect", example.expect)):
            for fact in facts:
                if fact.subject == "part":
                    _part(ck, example, block, fact, places)
                    continue
                if fact.subject is None:
                    if block == "given" and fact.field == "submitted":
                        _submitted(ck, example, agreement, fw, fact)
                    if block == "expect":
                        _whole(ck, example, fact)
                        _never_given(ck, example, fw, fact, None)
                    continue
                place = places.get(fact.subject_id)
                if place is not None:
                    _fact(ck, example, agreement, block, fact, place)
                    if block == "expect" and place.omitted_at is None:
                        _never_given(ck, example, fw, fact, place)
                    if block == "given" and fact.field == "score" and place.omitted_at is None:
                        _on_scale(ck, example, fw, fact, place)
                        _past_cap(ck, example, fw, fact, place)


def _whole(ck: Checker, example: ast.Example, fact: ast.Fact) -> None:
    """An expected figure of the whole evaluation (``total 70.8``): one `kpidsl test` compares
    (``score 3`` or ``raise 3`` alone, which the grammar takes, it would fail every time). No guess:
    the field is a keyword's canonical name (kpidsl/syntax/contexts.py lets only those two through
    here), as near no whole figure as difflib's cutoff asks, in either language (คะแนน is read as
    ``score``)."""
    if fact.field in WHOLE_FIGURES:
        return
    ck.report("X006", fact.field_span or fact.span, field=Bi(fact.field, _th(fact.field)), example=example.id,
              fields=Bi(", ".join(WHOLE_FIGURES), ", ".join(map(_th, WHOLE_FIGURES))), **hint())


def _submitted(ck: Checker, example: ast.Example, agreement: ast.Agreement, fw: ast.Framework,
               fact: ast.Fact) -> None:
    """X009: a submission date the scorer reads for nothing. The penalty is the example's round's, else
    the agreement's (kpidsl/score/evaluate/agreement.py ``penalty``): with no round, or a round with no
    penalty, 10 พ.ย. 2554 against a 12-month report due 31 ต.ค. charged nothing and `kpidsl test` passed
    the undiminished total."""
    charged = [r for r in fw.rounds if r.late_penalty is not None and r.due is not None]
    if not charged:
        return  # no round charges lateness: a date given is a record, not a figure (a penalty with no due date is R005, dates.py)
    round_id = example.round or agreement.round
    rnd = next((r for r in fw.rounds if r.id == round_id), None)
    if round_id is not None and rnd is None:
        return  # no such round: names.py tells it
    if rnd is None:
        why = phrase("submitted-no-round", agreement=agreement.id)
    elif rnd in charged:
        return
    else:
        why = phrase("submitted-round-free", round=rnd.id)
    # a submission date is always a date as written (kpidsl/syntax/lower/agreements.py reads nothing else)
    ck.report("X009", fact.value_span or fact.span, example=example.id, date=fact.value.text, why=why,
              round=charged[-1].id, or_drop=phrase("submitted-or-drop"))


def _never_given(ck: Checker, example: ast.Example, fw: ast.Framework, fact: ast.Fact, place: _Place | None) -> None:
    """X008: an expected figure the scorer never publishes, so `kpidsl test` fails it whatever the
    results: more decimals than published (kpidsl/score/examples.py ``_same`` compares the published
    figure, 3.54005 never equals 3.5401), a score outside the range its scoring runs in (a ladder's
    floor to its cap, any other 0–5: kpidsl/score_range.py), an amount off the salary rounding's unit."""
    value = fact.value
    if not isinstance(value, Decimal):
        return
    policy = _policy(ck, fw)
    if place is None:
        what = Bi(fact.field, _th(fact.field))
    else:
        node = place.node
        what = phrase("example-node-figure", kind=Bi(node.kind, spell(node.kind, "th")), id=node.id,
                      field=Bi(fact.field, _th(fact.field)))
    why = None
    if fact.field in NODE_FIGURES if place is not None else fact.field == "total":
        decimals = int(policy["decimals"])
        if _decimal_places(value) > decimals:
            like = format(quantize(value, decimals, str(policy["rounding"])), "f")
            why = phrase("never-decimals", decimals=decimals), hint("never-decimals", decimals=decimals, like=like)
    if why is None and place is not None and fact.field == "score" and place.node.kind in ("kpi", "competency"):
        low, high = LOWEST_SCORE, HIGHEST_SCORE
        kind = scoring_kind(place.node, place.parent)
        if kind in ("ladder", "formula"):
            low, high = Decimal(policy["floor"]), Decimal(policy["cap"])
        if not low <= value <= high:
            method = phrase(_METHOD_OF.get(kind, "method-any"))
            why = (phrase("never-score-range", node=node_name(place.node.node), method=method, low=_shown(low),
                          high=_shown(high)),
                   hint("never-score-range", low=_shown(low), high=_shown(high)))
        elif kind in ("ladder", "formula") and policy["interpolate"] == "whole" \
                and value != value.to_integral_value() and value not in (low, high):
            # whole levels: the level reached (capped), or the floor below level 1 (kpidsl/score/ladder.py)
            why = (phrase("never-whole-levels", node=node_name(place.node.node)),
                   hint("never-whole-levels", low=_shown(value.to_integral_value(rounding="ROUND_FLOOR"))))
    if why is None and place is None and fact.field == "amount" and fw.salary is not None:
        unit = fw.salary.rounding_unit or Decimal(1)
        if value % unit != 0:
            why = phrase("never-amount-unit", unit=_shown(unit)), hint("never-amount-unit", unit=_shown(unit))
    if why is None:
        return
    reason, fix = why
    ck.report("X008", fact.value_span or fact.span, example=example.id, what=what, value=_shown(value), why=reason,
              **fix)


# How X008 names the scoring a score's range comes from (the phrases K012 names them by).
_METHOD_OF = {"ladder": "method-ladder", "formula": "method-formula", "milestones": "method-milestones",
              "owner_score": "method-owner-score", "composite": "method-parts", "weighted_average":
              "method-weighted-average", "scale": "method-scale"}


def _decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _places(fw: ast.Framework, agreement: ast.Agreement) -> dict[str, _Place]:
    """The agreement's indicators by id, as the plan lays the agreement over its framework."""
    omits = {ref.id: ref for ref in agreement.omits}
    places: dict[str, _Place] = {}
    for node, parent in walk_effective(overlay(fw, agreement).roots):
        above = places.get(parent.id) if parent is not None else None
        omitted_at = (omits.get(node.id) if node.omitted else None) or (above.omitted_at if above else None)
        places.setdefault(node.id, _Place(node, parent, omitted_at))
    return places


def _fact(ck: Checker, example: ast.Example, agreement: ast.Agreement, block: str, fact: ast.Fact,
          place: _Place) -> None:
    node = place.node
    kind = Bi(node.kind, spell(node.kind, "th"))  # kpi / ตัวชี้วัด: as each language writes it
    if place.omitted_at is not None:
        ck.report("X004", fact.subject_span or fact.span, agreement=agreement.id, kind=kind, id=node.id,
                  example=example.id, first=_at(place.omitted_at.span or agreement.span))
        return
    if block == "given":
        if fact.field == "step_done":
            return  # a step done on a day: names.py holds it to the milestones (X001)
        if any(ck.lost_a_line(n) for at in (node, place.parent) if at is not None
               for n in (at.framework_node, at.agreement_node)):
            return  # its scoring may be on the line a syntax error lost: told once that is fixed (followons.py)
        taken = taken_by(node, place.parent)
    else:
        taken = tuple(NODE_FIGURES)
    if fact.field in taken:
        return
    fields = Bi(", ".join(taken), ", ".join(_th(f) for f in taken)) if taken else phrase("takes-nothing")
    guess = _guess(ck, fact.field, _spellings(taken))
    ck.report("X002", fact.field_span or fact.span, field=Bi(fact.field, _th(fact.field)), kind=kind,
              id=node.id, block=phrase(f"example-{block}-block"), fields=fields, **guess_hint(guess))


def _on_scale(ck: Checker, example: ast.Example, fw: ast.Framework, fact: ast.Fact, place: _Place) -> None:
    """A score given to a node scored on a scale: one the scale takes under the rule set's
    ``scale_score`` policy (kpidsl/scale_scores.py), as the scorer holds it (Q035)."""
    node = place.node
    if not isinstance(fact.value, Decimal) or scoring_kind(node, place.parent) != "scale":
        return
    ref = scale_of(node, place.parent)
    scale = next((s for s in fw.scales if ref is not None and s.id == ref.id), None)
    if scale is None:
        return  # no such scale: names.py tells it
    policy = _policy(ck, fw)["scale_score"]
    within = of_levels(scale.id, [lv.number for lv in scale.levels], str(policy))
    if within is None or within.admits(fact.value):
        return
    ck.report("X007", fact.value_span or fact.span, example=example.id, kind=Bi(node.kind, spell(node.kind, "th")),
              **within.off_scale(_shown(fact.value), node.id))


def _past_cap(ck: Checker, example: ast.Example, fw: ast.Framework, fact: ast.Fact, place: _Place) -> None:
    """X010: a score given for an indicator on a ladder past the cap, which the scorer refuses
    (Q057, kpidsl/score/evaluate/agreement.py): `kpidsl test` failed the example by a problem, not
    by a figure, and `kpidsl check` had passed it. One past 5 is the scorer's Q017 as any score's."""
    if not isinstance(fact.value, Decimal) or scoring_kind(place.node, place.parent) not in ("ladder", "formula"):
        return
    cap = Decimal(_policy(ck, fw)["cap"])
    if cap < HIGHEST_SCORE and cap < fact.value <= HIGHEST_SCORE:
        ck.report("X010", fact.value_span or fact.span, example=example.id, node=node_name(place.node.node),
                  value=_shown(fact.value), cap=_shown(cap))


def _policy(ck: Checker, fw: ast.Framework) -> dict[str, object]:
    """The policies an example of ``fw`` is scored under: the rule set's, then the framework's own
    (kpidsl/plan/compile.py, which the scorer reads)."""
    return policies.resolve(policies.rule_set_policy(ck.rs.policies), fw.policy)


def _shown(value: Decimal) -> str:
    return format(value, "f")


def _part(ck: Checker, example: ast.Example, block: str, fact: ast.Fact, places: dict[str, _Place]) -> None:
    """A ``part`` line (``part survey result 85``): the scorer reads a part's figure from its
    indicator's line (``kpi 11 survey 85``, kpidsl/score/evaluate/kinds.py) and compares no
    part's own score, so the line would be passed over (given) or fail (expected)."""
    holder = next((p.node for p in places.values() if isinstance(p.node.scoring, ast.Composite)
                   and any(part.id == fact.subject_id for part in p.node.scoring.parts)), None)
    if holder is None:
        return  # no such part in the agreement: names.py tells it (N002)
    said = []
    for lang in ("en", "th"):
        field = fact.subject_id if block == "given" else spell("score", lang)
        said.append(f"{spell(holder.kind, lang)} {holder.id} {field} …")
    ck.report("X005", fact.subject_span or fact.span, example=example.id, id=fact.subject_id,
              remedy=phrase(f"part-{block}-on-indicator", line=Bi(*said)))


def taken_by(node: Effective, parent: Effective | None) -> tuple[str, ...]:
    """The fields an example's given line may name for ``node``: what the scorer reads for the
    kind of scoring the plan gives it, as a results file's column may name them
    (kpidsl/results_fields.py, node_accepts's answer)."""
    scoring = node.scoring
    return fields_taken(
        scoring_kind(node, parent), not node.children,
        inputs=[name for inp in scoring.inputs for name in inp.names]
        if isinstance(scoring, ast.FormulaScoring) else (),
        steps=[s.number for s in scoring.milestones.steps] if isinstance(scoring, ast.MilestoneScoring) else (),
        parts=[(p.id, isinstance(p.scoring, ast.LadderScoring)) for p in scoring.parts]
        if isinstance(scoring, ast.Composite) else ()).fields


def _twice(ck: Checker, example: ast.Example) -> None:
    """A figure written twice in one block: the scorer keeps the last of two given, and
    `kpidsl test` holds the result to both of two expected."""
    for block, facts in (("given", example.given), ("expect", example.expect)):
        seen: dict[tuple, ast.Fact] = {}
        for fact in facts:
            step = fact.value.step if isinstance(fact.value, ast.StepDone) else None
            key = (fact.subject == "part", fact.subject_id, fact.field, step)
            first = seen.setdefault(key, fact)
            if first is fact:
                continue
            ck.report("X003", fact.field_span or fact.span, what=_what(fact, step), block=phrase(f"example-{block}-block"),
                      example=example.id, first=_at(first.span))


def _what(fact: ast.Fact, step: int | None) -> Bi:
    """The line's subject and field as each language writes them: `kpi 5 result`, `ตัวชี้วัด 5 ผล`."""
    said = []
    for lang, word in (("en", str), ("th", _th)):
        words = [spell(fact.subject, lang), fact.subject_id] if fact.subject is not None else []
        words.append(word(fact.field))
        if step is not None:
            words.append(str(step))
        said.append("`" + " ".join(w for w in words if w) + "`")
    return Bi(*said)


def _guess(ck: Checker, word: str, spellings: tuple[str, ...]) -> str | None:
    """The one spelling closest to ``word``; none when others are as close (``X9`` is as near
    X1 as X4: a guess among them would be a coin's)."""
    guess = ck.guesses.closest(word, spellings)
    if guess is None:
        return None
    ratio = difflib.SequenceMatcher(None, word, guess).ratio()
    ties = sum(1 for s in spellings if difflib.SequenceMatcher(None, word, s).ratio() == ratio)
    return guess if ties == 1 else None


def _spellings(fields: tuple[str, ...]) -> tuple[str, ...]:
    """The ways to write each field, in either language (the closest wins, in whichever order:
    difflib.get_close_matches ranks by likeness, then by the spelling itself)."""
    return tuple(dict.fromkeys(s for f in fields for s in ((BY_CANONICAL[f].en + BY_CANONICAL[f].th)
                                                          if f in BY_CANONICAL else (f,))))


def _th(field: str) -> str:
    return spell(field, "th") if field in BY_CANONICAL else field


def _at(span: Span | None) -> str:
    return f"{span.path}:{span.line}" if span else "?"
