"""The mutation report, as text (Thai or English) or JSON.

Survivors (and mutants kpidsl failed on) are registry diagnostics (U001,
U002) shown as `kpidsl check` shows a problem; the other sentences of the
report are in the catalogue (kpidsl/diagnostics/cli_texts.py, ``mutate-…``).
Nothing in the report depends on time or on the number of jobs: the same rule
set gives the same bytes. JSON shape (version 1):

    {
      "kpidsl_mutate": 1,
      "rule_set": "rules/2555",
      "mutants": 457,                  # all mutants tried
      "score": "0.9512",               # caught / non-equivalent, 4 decimals; null when all are equivalent
      "caught": 380, "non_equivalent": 400,
      "classes": {"error": …, "warning": …, "test": …, "equivalent": …, "survived": …, "crash": …},
      "by_operator": {"weight-plus-one": {"error": 3, …}, …},   # the same six classes each
      "by_file": {"rules/2555/department.kpi": {…}, …},
      "mutants_list": [                # every mutant, in file and position order
        {"path": …, "line": 13, "column": 14, "operator": "date-day", "class": "survived",
         "before": "1 ต.ค. 2554", "after": "2011-10-02", "codes": []}, …]
    }

``codes`` are the diagnostic codes that caught the mutant (class ``error`` or
``warning``), the failing examples and tables (``test``), how equivalence was
decided (``equivalent``: ``plan-identical``, or ``sample-size-ties`` followed by
each population checked, ``N=2160 n=338``), or the exception (``crash``).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ..diagnostics.cli_texts import SAID, said
from ..diagnostics.registry import CODES
from ..diagnostics.render import caret_line, shown_line
from ..diagnostics.span import Span
from .classify import CAUGHT, CLASSES, Outcome
from .operators import OPERATORS

# The report's sentences are kpidsl/diagnostics/cli_texts.py's "mutate-…" entries.
def _w(key: str, lang: str, **fields: object) -> str:
    return said(f"mutate-{key}", lang, **fields)


def score_of(outcomes: tuple[Outcome, ...]) -> tuple[int, int, Decimal | None]:
    """(caught, non-equivalent, caught / non-equivalent to 4 decimals)."""
    caught = sum(1 for o in outcomes if o.kind in CAUGHT)
    counted = sum(1 for o in outcomes if o.kind != "equivalent")
    if not counted:
        return caught, counted, None
    return caught, counted, (Decimal(caught) / Decimal(counted)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _table(outcomes: tuple[Outcome, ...], key) -> dict[str, dict[str, int]]:
    table: dict[str, Counter] = {}
    for o in outcomes:
        table.setdefault(key(o), Counter())[o.kind] += 1
    return {k: {c: v[c] for c in CLASSES} for k, v in table.items()}


def by_operator(outcomes: tuple[Outcome, ...]) -> dict[str, dict[str, int]]:
    table = _table(outcomes, lambda o: o.mutant.operator)
    return {op: table[op] for op in OPERATORS if op in table}


def by_file(outcomes: tuple[Outcome, ...]) -> dict[str, dict[str, int]]:
    table = _table(outcomes, lambda o: o.mutant.path)
    return {path: table[path] for path in sorted(table)}


def short(text: str, limit: int = 60) -> str:
    """A before or after text on one line: its first line, cut at ``limit``."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    first = lines[0] if lines else ""
    more = len(lines) > 1
    if len(first) > limit:
        first, more = first[: limit - 1], True
    return first + ("…" if more else "")


def diagnostic(o: Outcome):
    m = o.mutant
    end_line = m.line + m.before.count("\n")
    end_column = (len(m.before) - m.before.rfind("\n")) if "\n" in m.before else m.column + len(m.before)
    span = Span(m.path, m.line, m.column, end_line, max(end_column, m.column + 1))
    fields = {"operator": m.operator, "before": short(m.before), "after": short(m.after)}
    if o.kind == "crash":
        return CODES["U002"].at(span, reason=o.codes[0] if o.codes else "", **fields)
    return CODES["U001"].at(span, **fields)


def text(name: str, outcomes: tuple[Outcome, ...], texts: dict[str, str], lang: str) -> str:
    out: list[str] = []
    for o in outcomes:
        if o.kind not in ("survived", "crash"):
            continue
        d = diagnostic(o)
        s = d.span
        out.append(f"{s.path}:{s.line}:{s.column}: {d.code} {d.severity}: {d.message(lang)}")
        rows = texts.get(s.path, "").split("\n")
        if 0 < s.line <= len(rows):
            row = rows[s.line - 1]
            end = s.end_column if s.end_line == s.line else len(row.rstrip()) + 1
            gutter = f"{s.line:>5} | "
            out.append(gutter + shown_line(row))
            out.append(" " * (len(gutter) - 2) + "| " + caret_line(row, s.column, max(end, s.column + 1)))
        out.append(f"      = {said('hint-label', lang)}: {d.hint(lang)}")
    equivalents = [o for o in outcomes if o.kind == "equivalent"]
    if equivalents:
        out.append(_w("equivalents", lang))
        for o in equivalents:
            m = o.mutant
            out.append(f"  {m.where}  {m.operator}  {short(m.before)} → {short(m.after)}")
            if o.codes and f"mutate-{o.codes[0]}" in SAID:
                out.append("      = " + _w(o.codes[0], lang, cases=", ".join(o.codes[1:])))
    for title, table in (("by_operator", by_operator(outcomes)), ("by_file", by_file(outcomes))):
        out.append(_w(title, lang))
        width = max((len(k) for k in table), default=0)
        heads = [_w(c, lang) for c in CLASSES]
        out.append("  " + " " * width + f"  {_w('mutants', lang):>7}  " + "  ".join(heads))
        for key, counts in table.items():
            cells = "  ".join(f"{counts[c]:>{len(h)}}" for c, h in zip(CLASSES, heads))
            out.append(f"  {key:<{width}}  {sum(counts.values()):>7}  {cells}")
    out.append(f"{name}: {summary(outcomes, lang)}")
    return "\n".join(out) + "\n"


def summary(outcomes: tuple[Outcome, ...], lang: str) -> str:
    caught, counted, score = score_of(outcomes)
    if score is None:
        return _w("no_score", lang, total=len(outcomes))
    classes = Counter(o.kind for o in outcomes)
    parts = ", ".join(f"{_w(c, lang)} {classes[c]}" for c in CLASSES if classes[c])
    percent = f"{(score * 100).quantize(Decimal('0.01'))}%"
    return _w("score", lang, score=percent, caught=caught, non_equivalent=counted, total=len(outcomes),
                                    parts=parts)


def json_text(name: str, outcomes: tuple[Outcome, ...]) -> str:
    caught, counted, score = score_of(outcomes)
    classes = Counter(o.kind for o in outcomes)
    doc = {
        "kpidsl_mutate": 1,
        "rule_set": name,
        "mutants": len(outcomes),
        "score": str(score) if score is not None else None,
        "caught": caught,
        "non_equivalent": counted,
        "classes": {c: classes[c] for c in CLASSES},
        "by_operator": by_operator(outcomes),
        "by_file": by_file(outcomes),
        "mutants_list": [
            {"path": o.mutant.path, "line": o.mutant.line, "column": o.mutant.column,
             "operator": o.mutant.operator, "class": o.kind, "before": o.mutant.before, "after": o.mutant.after,
             "codes": list(o.codes)}
            for o in outcomes
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
