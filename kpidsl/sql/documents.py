"""The SQL engine's rows as `kpidsl score --format json` writes them.

The query gives each node's figures as exact numerators (kpidsl/sql/query.py NodeFigure:
the value the node measured and its score, each over a den fixed when the query was
compiled); they are made into the evaluator's Evaluation (kpidsl/score/evaluate) and
written by its one JSON writer (kpidsl/score/report.py evaluation_dict, a run of rows at a
time by kpidsl/score/json_text.py as `score --format json` writes them), so the document
is the evaluator's: the same nodes, titles, weights and roundings. A score over a den
other than 1 is divided at the evaluator's 40 digits (kpidsl/score/numbers.py CONTEXT);
the published figures are rounded from it as the evaluator rounds its own.
"""

from __future__ import annotations

from decimal import Decimal

from ..diagnostics.phrases import phrase
from ..score.evaluate import Evaluation, PlanEvaluator
from ..score.numbers import CONTEXT
from ..score.json_text import JsonTexts
from .compiler import Unsupported
from .headers import OUTPUTS

NOTHING = (None, None, None)  # (value, score, weighted) of a node without figures


class Documents:
    """``evaluation(row)``: the Evaluation of one sure row of the query, whose node figure
    columns start at ``at`` (OUTPUTS before them, from ``first``); ``texts.each`` writes a
    run of them as JSON documents."""

    def __init__(self, plan, figures: dict, first: int):
        self.evaluators = PlanEvaluator(plan)
        self.texts = JsonTexts()
        self.first = first
        self.at = first + len(OUTPUTS)
        self.agreements: dict[str, tuple] = {}
        column = self.at
        for aid, nodes in figures.items():
            ev = self.evaluators.get(aid)
            if ev.framework.sample_size is not None and ev.agreement.population is not None:
                # the evaluator writes the survey sample beside the figures (report.py as_dict;
                # a row's own population is the evaluator's, kpidsl/sql/query.py)
                raise Unsupported(phrase("sql-sample-size-json"), aid)
            walk = list(ev.agreement.walk())
            steps = []
            for f in nodes:
                index = ev.place.get(id(walk[f.place]))
                if index is None:
                    continue
                weigh = ev.rules[index][2] if index in ev.rules else None
                value_at = score_at = None
                if f.value is not None:
                    value_at, column = column, column + 1
                if f.score is not None:
                    score_at, column = column, column + 1
                steps.append((index, value_at, f.value_den, score_at, f.score_den, weigh))
            bands = {b.id: (b, rr) for *_, b, rr in ev.bands}
            self.agreements[aid] = (ev, steps, bands)
        self.end = column

    def evaluation(self, row: tuple) -> Evaluation:
        first = self.first
        aid, person, round_, total, penalty, final, band_id, pct, amount = row[first:first + len(OUTPUTS)]
        ev, steps, bands = self.agreements[aid]
        results = [NOTHING] * len(ev.nodes)
        for index, value_at, value_den, score_at, score_den, weigh in steps:
            value = row[value_at] if value_at is not None else None
            if value is not None and value_den != 1:
                value = CONTEXT.divide(value, Decimal(value_den))
            score = row[score_at] if score_at is not None else None
            if score is not None and score_den != 1:
                score = CONTEXT.divide(score, Decimal(score_den))
            results[index] = (value, score, None if score is None or weigh is None else weigh(score))
        band, raise_range = bands.get(band_id, (None, None)) if band_id is not None else (None, None)
        return Evaluation((ev, person, round_, results, None, total, penalty, final, band, raise_range, pct, amount))
