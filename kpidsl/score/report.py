"""Score reports as text for people, JSON for programs and CSV rows for batches.

The text report speaks ``lang`` (explanations included); JSON carries every
explanation in both languages: ``rule_en``, ``rule_th``, and ``rule`` (English, as
before the Thai was added)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, is_

from ..diagnostics.cli_texts import said
from ..diagnostics.render import cell_width, cut_to_cells
from ..outputs.cells import FIGURE, FORMULA_STARTS, TEXT, spreadsheet_safe
from ..outputs.terminal import shown, shown_on_one_line
from .evaluate import Evaluation
from .evaluate.shapes import fill_misses, has_none
from .evaluate.trace import StepsListed
from .scored import Explanation, NodeResult, Report
from .numbers import fixed, money, plain
from .weighted import weight_shown
from ..raise_words import is_none, raise_range_text

@lru_cache(maxsize=4096)
def _fit(label: str, width: int) -> str:
    """Cut and pad to ``width`` terminal cells (Thai marks take none). Kept: a batch prints
    the same indicators' labels for every row."""
    label = cut_to_cells(shown(label), width)  # escaped first, so the cut counts what is printed
    return label + " " * (width - cell_width(label))


@lru_cache(maxsize=64)
def _word(name: str, lang: str) -> str:
    """A word of the report, kpidsl/diagnostics/cli_texts.py SAID (the same dozen every row)."""
    return said(f"report-{name}", lang)


@lru_cache(maxsize=64)
def _kinds(kinds: tuple[str, ...], lang: str) -> str:
    """The first column's heading: what its rows are ("perspective / dimension / indicator",
    "มุมมอง / มิติ / ตัวชี้วัด"), in the order met; a table of no rows is of indicators."""
    return " / ".join(said(f"report-kind-{kind}", lang, 1) for kind in kinds or ("kpi",))


def _right(label: str, width: int) -> str:
    return " " * max(0, width - cell_width(label)) + label


def _said(expl: Explanation, root: str, lang: str) -> str:
    """The rule in ``lang``, then where it comes from."""
    return f"{expl.rule(lang)}{_where(expl, root)}"


def _where(expl: Explanation | None, root: str) -> str:
    if expl is None:
        return ""
    parts = []
    if expl.source:
        parts.append(f"{root}/{expl.source['path']}:{expl.source['line']}")
    if expl.citation:
        parts.append(expl.citation)
    return f"  [{'; '.join(parts)}]" if parts else ""


def text(report: Report, root: str, lang: str = "th", explain: bool = False, person: str | None = None,
         round_: str | None = None) -> str:
    """The report for people. ``person``, ``round_``: the results row's (whose figures these
    are, when one agreement scores many people; the round the row names, else the agreement's)."""
    def h(name: str) -> str:
        return _word(name, lang)

    d, rounded = report.decimals, report.rounder
    a = report.agreement
    round_ = round_ or a.round_id
    out = [f"{a.id} — {a.title or ''}"]
    if person:  # from the results file: one line, whatever it holds
        out.append(f"  {h('person')}: {shown_on_one_line(person)}")
    out.append(f"  {h('framework')} {report.framework.id}, {h('fiscal-year')} {a.fiscal_year}"
               + (f", {h('round')} {shown_on_one_line(round_)}" if round_ else ""))
    heading_at = len(out)  # the table's heading names the kinds of its rows: written once they are met
    kinds: dict[str, None] = {}

    # The tree in order, by a stack: a nested function that calls itself would be a reference
    # cycle holding this row's lines until the cyclic collector ran (kpidsl/score/explanations.py
    # report_of says the same of the nodes), and a batch's memory would grow with its rows.
    stack = [(n, 0) for n in reversed(report.nodes)]
    while stack:
        n, depth = stack.pop()
        kinds[n.kind] = None
        label = _fit(f"{'  ' * depth}{n.id} {n.title or ''}", 40)
        if n.omitted:
            out.append(f"  {label} {'–':>10} {_right(h('omitted'), 10)}")
            continue
        weighted = n.weighted  # the share it adds to its parent's score (kpidsl/score/weighted.py)
        # the weight is declared, not computed: written as the rule file writes it (70, 0.6),
        # as JSON's ``weight`` and the forms write it, never padded to the score's places
        out.append(f"  {label} {plain(n.weight) if n.weight is not None else '':>10} "
                   f"{fixed(n.score if n.score is None else rounded(n.score), d):>10} "
                   f"{fixed(weighted if weighted is None else rounded(weighted), d):>12}")
        if explain and n.explanation.rule(lang):
            out.append(f"  {'  ' * depth}    = {_said(n.explanation, root, lang)}")
        stack.extend((c, depth + 1) for c in reversed(n.children))
    out.insert(heading_at, f"  {_fit(_kinds(tuple(kinds), lang), 40)} {_right(h('weight'), 10)} "
                           f"{_right(h('score'), 10)} {_right(h('weighted'), 12)}")
    out.append(f"  {h('total')}: {fixed(report.rounded(report.total), d)}")
    if explain and report.total_explanation:
        out.append(f"      = {_said(report.total_explanation, root, lang)}")
    if report.penalty:
        out.append(f"  {h('penalty')}: {fixed(report.rounded(report.penalty), d)}")
        if explain and report.penalty_explanation:
            out.append(f"      = {_said(report.penalty_explanation, root, lang)}")
        out.append(f"  {h('published')}: {fixed(report.final, d)}")
    if report.band:
        out.append(f"  {h('band')}: {report.band.title} ({report.band.id})")
        if explain and report.band_explanation:
            out.append(f"      = {_said(report.band_explanation, root, lang)}")
    if report.raise_range:
        lo, hi = report.raise_range
        chosen = f", {plain(report.raise_percent)}%" if report.raise_percent is not None and not is_none(lo, hi) \
            else ""
        out.append(f"  {h('raise')}: {raise_range_text(lo, hi, lang, plain)}{chosen}")
    if report.amount is not None:
        out.append(f"  {h('amount')}: {money(report.amount)}")  # baht as people write it: 1,130
        if explain and report.amount_explanation:
            out.append(f"      = {_said(report.amount_explanation, root, lang)}")
    if report.sample_size is not None:  # seedrules hook (kpidsl/score/sample_size.py)
        s = report.sample_size
        out.append(f"  {h('sample')}: {plain(s.n)} {h('people')} "
                   f"(N = {plain(s.population)}, e = {plain(s.error * 100)}%)")
        if explain and report.sample_size_explanation:
            out.append(f"      = {_said(report.sample_size_explanation, root, lang)}")
    if report.missing:
        out.append(f"  {h('missing')}: {'; '.join(report.missing_in(lang))}")
    # Titles and ids come from the rule files: a terminal must show them, not obey them.
    return shown("\n".join(out)) + "\n"


def _num(value: Decimal | None, report: Report) -> str | None:
    return None if value is None else fixed(report.rounded(value), report.decimals)


def _expl(e: Explanation | None) -> dict | None:
    if e is None:
        return None
    return {"rule": e.rule_en, "rule_en": e.rule_en, "rule_th": e.rule_th, "source": e.source,
            "citation": e.citation, "inputs": dict(e.inputs)}


def _node_doc(id_: str, kind: str, title: str | None, weight: Decimal | None, score: Decimal | None,
              weighted: Decimal | None, value: Decimal | None, omitted: bool, num, figure=plain) -> dict:
    """One node of `score --format json`: ``num`` rounds and writes a figure by the policy,
    ``figure`` writes one as it is (kpidsl/score/json_text.py gives ones that leave a row's
    figures as marks, to write the document's text once per agreement). ``weighted`` is the
    share the node adds to its parent's score, as every table prints it (kpidsl/score/weighted.py)."""
    out = {"id": id_, "kind": kind, "title": title, "weight": None if weight is None else figure(weight),
           "score": num(score), "weighted": num(weighted), "omitted": omitted}
    if value is not None:
        out["value"] = figure(value)
    return out


# The version of `score --format json`'s documents, each document's first key: 3 since a node's
# ``weight`` is the figure its weighted score is weighed by, a component's share included (70, 30:
# kpidsl/score/weighted.py weight_in_parent), where version 2 gave a component null; 2 since a
# node's weighted score is ``weighted``, the share it adds to its parent's score, where the
# documents of version 1 (which carried no version) had ``contribution``. Raised when a key is
# renamed, removed or changes its meaning; a key added leaves it.
JSON_VERSION = 3


def _doc(agreement_id: str, person: str | None, framework_id: str, round_: str | None, nodes: list, num,
         total, penalty, final, band_id, band_title, raise_range, raise_percent, amount, missing: list,
         figure=plain) -> dict:
    """The document of `score --format json`, its figures written as _node_doc's."""
    return {
        "version": JSON_VERSION,
        "agreement": agreement_id,
        "person": person,
        "framework": framework_id,
        "round": round_,
        "nodes": nodes,
        "total": num(total),
        "penalty": num(penalty),
        "final": num(final),
        "band": band_id,
        "band_title": band_title,
        "raise_range": [figure(x) for x in raise_range] if raise_range else None,
        "raise_percent": figure(raise_percent) if raise_percent is not None else None,
        "amount": figure(amount) if amount is not None else None,
        "missing": missing,
    }


def steps_doc(listed: StepsListed) -> dict:
    """The steps a results row listed done, and which counted (kpidsl/score/milestone_steps.py):
    ``done``, ``counted``, ``late`` step numbers, ``dates`` each dated step's day."""
    result, done = listed.result, listed.done
    return {"done": sorted(set(done.steps)), "counted": list(result.counted), "late": list(result.late),
            "dates": {str(s): d.isoformat() for s, d in done.dates}, "of": listed.count}


def as_dict(report: Report, explain: bool = False, person: str | None = None, round_: str | None = None) -> dict:
    rounded, decimals = report.rounder, report.decimals  # looked up once: a row writes some 50 figures

    def num(value: Decimal | None) -> str | None:
        return None if value is None else fixed(rounded(value), decimals)

    def node(n: NodeResult) -> dict:
        out = _node_doc(n.id, n.kind, n.title, n.weight, n.score, n.weighted, n.value, n.omitted, num)
        if isinstance(n.working, StepsListed):  # milestone steps listed one by one (milestone_steps.py)
            out["steps"] = steps_doc(n.working)
        if explain:
            out["explanation"] = _expl(n.explanation)
        out["children"] = [node(c) for c in n.children]
        return out

    band = report.band
    doc = _doc(report.agreement.id, person, report.framework.id,
               round_ or report.agreement.round_id,  # the results row's round, else the agreement's
               [node(n) for n in report.nodes], num, report.total, report.penalty, report.final,
               band.id if band else None, band.title if band else None, report.raise_range,
               report.raise_percent, report.amount, report.missing)
    if report.sample_size is not None:  # the survey sample size (kpidsl/score/sample_size.py)
        s = report.sample_size
        doc["sample_size"] = {"population": plain(s.population), "error": plain(s.error), "exact": plain(s.exact),
                              "n": plain(s.n), "rounding": s.rounding, "from_table": s.row is not None}
    if explain:
        doc["explanations"] = {k: _expl(getattr(report, f"{k}_explanation"))
                               for k in ("total", "penalty", "band", "amount")}
        if report.sample_size is not None:
            doc["explanations"]["sample_size"] = _expl(report.sample_size_explanation)
    return doc


def evaluation_dict(evaluation: Evaluation) -> dict:
    """as_dict of an evaluation made without a trace (a batch): the same document, without
    explanations."""
    ev = evaluation.evaluator
    decimals = ev.policies.decimals
    rounded = ev.rounded

    def num(value: Decimal | None) -> str | None:
        return None if value is None else fixed(rounded(value), decimals)

    return evaluation_doc(evaluation, num, plain)


def evaluation_doc(evaluation: Evaluation, num, figure) -> dict:
    """evaluation_dict's document, its figures written by ``num`` and ``figure`` as
    _node_doc's: kpidsl/score/json_text.py gives it an evaluation whose figures are marks,
    and writes the text of this very document once per agreement and shape."""
    ev = evaluation.evaluator
    results = evaluation.results
    decimals, rounding = ev.policies.decimals, ev.policies.rounding

    def node(index: int) -> dict:
        n = ev.nodes[index]
        value, score, weighted = results[index]
        out = _node_doc(n.id, n.kind, n.title, weight_shown(n, decimals, rounding), score, weighted, value, n.omitted,
                        num, figure)
        out["children"] = [node(i) for i in ev.children.get(index, ())]
        return out

    band = evaluation.band
    return _doc(ev.id, evaluation.person, ev.framework.id, evaluation.round or ev.agreement.round_id,
                [node(i) for i, _ in ev.roots], num, evaluation.total, evaluation.penalty, evaluation.final,
                band.id if band else None, band.title if band else None, evaluation.raise_range,
                evaluation.raise_percent, evaluation.amount, [], figure)


# The columns of `score --format csv`: text copied from the rule files or the results
# (neutralised for spreadsheets) and figures kpidsl computed (written as they are).
CSV_COLUMNS = (("agreement", TEXT), ("person", TEXT), ("round", TEXT), ("total", FIGURE), ("penalty", FIGURE),
               ("final", FIGURE), ("band", TEXT), ("raise_percent", FIGURE), ("amount", FIGURE))
CSV_HEADER = tuple(name for name, _ in CSV_COLUMNS)
CSV_KINDS = tuple(kind for _, kind in CSV_COLUMNS)


_CSV_TEXT_AT = tuple(i for i, kind in enumerate(CSV_KINDS) if kind == TEXT)


def results_row(cells: list[str]) -> list[str]:
    """One row of `score --format csv` (the engine's and the compiled scorer's), its
    text cells made safe to open in a spreadsheet (kpidsl/outputs/cells.py); ``cells``
    is changed in place. As safe_row(cells, CSV_KINDS), without its checks: a batch
    writes millions of rows."""
    for i in _CSV_TEXT_AT:
        if cells[i][:1] in FORMULA_STARTS:
            cells[i] = spreadsheet_safe(cells[i])
    return cells


def _row(agreement_id: str, person: str | None, round_: str | None, total: str | None, penalty: str | None,
         final: str | None, band_id: str, raise_percent: Decimal | None, amount: Decimal | None) -> list[str]:
    return results_row([agreement_id, person or "", round_ or "", total or "", penalty or "", final or "", band_id,
                        _plain(raise_percent) if raise_percent is not None else "",
                        _plain(amount) if amount is not None else ""])


def csv_row(report: Report, person: str | None, round_: str | None) -> list[str]:
    policy = report.policy
    last = _LAST_TEXTS[0]
    if last is not None and last[0] is policy:  # an explaining batch writes one rule set's rows
        texts = last[1]
    else:
        texts = _NUM_TEXTS.setdefault((policy.decimals, policy.rounding), {})
        _LAST_TEXTS[0] = (policy, texts)
    return _row(report.agreement.id, person, round_ or report.agreement.round_id,
                _num_text(report.total, report, texts), _num_text(report.penalty, report, texts),
                _num_text(report.final, report, texts),
                report.band.id if report.band else "", report.raise_percent, report.amount)


def _num_text(value: Decimal | None, report: Report, texts: dict) -> str | None:
    """_num(value, report), remembered in ``texts`` (the report's policy's): equal figures round
    and print alike, but for a zero's sign (-0 prints -0.0000), so zeros are not kept."""
    if value is None:
        return None
    text = texts.get(value)
    if text is None:
        text = _num(value, report)
        if value and len(texts) < 10_000:
            texts[value] = text
    return text


# per (decimals, rounding) of a policy: _num's text of the figures met; and the last policy's
_NUM_TEXTS: dict[tuple[int, str], dict[Decimal, str]] = {}
_LAST_TEXTS: list = [None]


def evaluation_row(evaluation: Evaluation) -> list[str]:
    """csv_row of an evaluation made without a trace (a batch)."""
    ev = evaluation.evaluator
    decimals, rounded = ev.policies.decimals, ev.rounded
    total, penalty, final = evaluation.total, evaluation.penalty, evaluation.final
    if total is None:
        return _row(ev.id, evaluation.person, evaluation.round or ev.agreement.round_id, None, None, None, "", None,
                    None)
    # final is rounded already, and without a penalty it is the total rounded
    final_text = fixed(final, decimals)
    return _row(ev.id, evaluation.person, evaluation.round or ev.agreement.round_id,
                final_text if penalty is None else fixed(rounded(total), decimals),
                None if penalty is None else fixed(rounded(penalty), decimals), final_text,
                evaluation.band.id if evaluation.band else "", evaluation.raise_percent, evaluation.amount)


def evaluation_line(evaluation: Evaluation) -> str | None:
    """evaluation_row as the line csv.writer (QUOTE_MINIMAL, lineterminator "\\n") writes,
    when no cell needs quoting nor neutralising; else None (then evaluation_row and the
    writer). A batch writes millions of rows: the common one is written straight."""
    line = _line(evaluation)
    if line is None:
        return None
    ev, person, round_, band = evaluation[0], evaluation[1], evaluation[2], evaluation[8]
    for cell in (ev.id, person or "", round_ or ev.agreement.round_id or "", band.id if band is not None else ""):
        if cell[:1] in FORMULA_STARTS:  # a text cell a spreadsheet would run: results_row neutralises it
            return None
    if line.count(",") != _CSV_COMMAS or '"' in line or "\r" in line or line.count("\n") != 1:
        return None
    return line


def evaluation_lines(evaluations: list[Evaluation]) -> str | None:
    """evaluation_line of every evaluation, joined, when none needs quoting nor
    neutralising; else None (then each by evaluation_line). The checks are evaluation_line's,
    made once over the run's text: a line's literal commas are _CSV_COMMAS, so one more
    anywhere is a cell that needs quoting; a text cell a spreadsheet would run starts with a
    FORMULA_STARTS character, and a figure holds none of them but a leading "-" (which
    follows a comma, as a text cell's would)."""
    lines = _lines(evaluations)
    if has_none(lines):
        return None
    text = "\n".join(lines) + "\n" if lines else ""
    if text.count(",") != _CSV_COMMAS * len(lines) or text.count("\n") != len(lines) or '"' in text \
            or "\r" in text or "\t" in text or "=" in text or "+" in text or "@" in text \
            or ",-" in text or "\n-" in text or text[:1] == "-":
        return None
    return text


def _line(evaluation: Evaluation) -> str | None:
    """The line of evaluation_row (without a penalty) as csv.writer writes it when no cell
    needs quoting, unchecked; None with a penalty or without a total: _lines of one."""
    line = _lines((evaluation,))[0]
    return None if line is None else line + "\n"


_BAND_ID = attrgetter("id")


def _lines(evaluations) -> list:
    """_line of each evaluation without its line end, made column by column (a batch's run
    in C-level maps; the cells joined by ",", a third of the cost of a format a line): the
    published total written by str() (FIXED_BY_STR), the raise % and amount texts looked up
    by their figures."""
    if not evaluations:
        return []
    columns = list(zip(*evaluations))
    evs, persons, rounds, totals, penalties, finals, bands, pcts, amounts = (
        columns[0], columns[1], columns[2], columns[5], columns[6], columns[7], columns[8], columns[10], columns[11])
    ev = evs[0]
    if len(evaluations) > 1 and (has_none(totals) or not all(map(is_, penalties, repeat(None)))
                                 or not all(map(is_, evs, repeat(ev)))):
        return [_lines((e,))[0] for e in evaluations]  # each on its own: a penalty, no total, agreements
    if totals[0] is None or penalties[0] is not None:
        return [None]
    decimals = ev.policies.decimals
    texts = list(map(str, finals))  # without a penalty, the total rounded
    if not 0 <= decimals <= FIXED_BY_STR:
        known = _FIXED.get(decimals)
        if known is None:
            known = _FIXED[decimals] = {}
        keys, texts = texts, list(map(known.get, texts))
        if has_none(texts):
            texts = fill_misses(texts, lambda i: _fixed(known, finals[i], keys[i], decimals))
    default_round = ev.agreement.round_id or ""
    # agreement, person, round, total, (no penalty), final, band, %, amount
    return list(map(",".join, zip(repeat(ev.id), _or_blank(persons, ""), _or_blank(rounds, default_round), texts,
                                  repeat(""), texts,
                                  ["" if band is None else band.id for band in bands] if has_none(bands)
                                  else map(_BAND_ID, bands), _plains(pcts), _plains(amounts))))


def _or_blank(texts, blank: str):
    """Each text, ``blank`` for a None or an empty one (the list itself when it has neither)."""
    if has_none(texts) or not all(texts):
        return [text or blank for text in texts]
    return texts


def _fixed(known: dict, final: Decimal, key: str, decimals: int) -> str:
    text = fixed(final, decimals)
    if len(known) < 10_000:
        known[key] = text
    return text


def _plains(values) -> list:
    """_plain of each figure, "" for None; _plain's memo asked in one pass first."""
    texts = list(map(_PLAIN.get, values))
    return fill_misses(texts, lambda i: "" if values[i] is None else _plain(values[i])) if has_none(texts) \
        else texts


_CSV_COMMAS = len(CSV_HEADER) - 1
# A published total is rounded to exactly the policy's decimals (numbers.rounder): with 6 or
# fewer, str() writes it without an exponent, the very text fixed() gives, at a third of the
# cost (tests/test_score_run_shapes.py holds them equal); with more, fixed() by a memo of texts.
FIXED_BY_STR = 6
_FIXED: dict[int, dict[str, str]] = {}  # per number of decimals: fixed() of the totals met, by their text
_PLAIN: dict[Decimal, str] = {}  # raise % and amounts repeat: plain() of each once (3 and 3.0 read alike)


def _plain(value: Decimal) -> str:
    text = _PLAIN.get(value)
    if text is None:
        text = plain(value)
        if value and len(_PLAIN) < 10_000:  # a zero keeps its sign: -0 is equal to 0, not written alike
            _PLAIN[value] = text
    return text


def csv_line(cells: list[str]) -> str | None:
    """A row as csv.writer (QUOTE_MINIMAL, lineterminator "\\n") writes it, when no cell needs
    quoting; else None (then the writer)."""
    line = ",".join(cells)
    if line.count(",") != _CSV_COMMAS or '"' in line or "\r" in line or "\n" in line:
        return None
    return line + "\n"
