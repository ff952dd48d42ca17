"""The words a diff report is written in, English or Thai.

A change's path (``framework:department/dimension:quality/kpi:5/step:3``) is shown as
``kpi 5 / step 3`` in English and ``ตัวชี้วัด 5 / ขั้น 3`` in Thai: each part takes the
Thai keyword of the rule files (kpidsl/syntax/keywords.py), so a reviewer reads the
words they write. Kinds (``weight-changed``) and ids stay as they are: they are
stable names, the same in both languages.
"""

from __future__ import annotations

import re

import datetime as dt

from ..diagnostics.cli_texts import said
from ..syntax.keywords import BY_CANONICAL
from ..thai import format_date

# Path parts that are not a keyword's canonical name, mapped to the keyword they show.
_AS_KEYWORD = {
    "definitions": "definition", "conditions": "condition", "baselines": "baseline", "owners": "owner",
    "supervisors": "supervisor", "collectors": "collector", "notes": "note", "strategies": "strategy",
    "calendars": "calendar", "signatories": "signatory", "limits": "limit", "policies": "policy",
    "inputs": "input", "expression": "value", "percent": "pool", "grades": "grade", "groups": "group",
}

# Path parts that no keyword spells (kpidsl/diagnostics/cli_texts.py, "diff-part-…").
PATH_PARTS = frozenset({"step", "id", "title", "lower", "upper", "rounding_unit", "rule set", "top level", "place"})


def word(name: str, lang: str) -> str:
    """One path part's name (``kpi``, ``fiscal_year``) as a reviewer reads it."""
    if lang != "th":
        return name
    if name in PATH_PARTS:
        return said(f"diff-part-{name}", lang)
    kw = BY_CANONICAL.get(_AS_KEYWORD.get(name, name))
    return kw.th[0] if kw else name


def segment(part: str, lang: str) -> str:
    """``kpi:5`` → ``kpi 5`` / ``ตัวชี้วัด 5``; ``fiscal_year`` → ``fiscal_year`` / ``ปีงบประมาณ``."""
    kind, sep, ident = part.partition(":")
    return f"{word(kind, lang)} {ident}" if sep else word(kind, lang)


def path(text: str, lang: str) -> str:
    return " / ".join(segment(p, lang) for p in text.split("/")) if text else ""


# Headings and labels of the text and Markdown reports, by the names render.py uses
# (kpidsl/diagnostics/cli_texts.py, "diff-…").
PHRASES: dict[str, str] = {
    "no changes": "diff-no-changes", "added and removed": "diff-added-and-removed",
    "Added and removed": "diff-added-and-removed-heading", "by kind": "diff-by-kind", "new": "diff-new-side",
    "old": "diff-old-side", "rule set": "diff-rule-set-wide", "change": "diff-column-change",
    "what": "diff-column-what", "title": "diff-column-title", "where": "diff-column-where",
    "old value": "diff-column-old", "new value": "diff-column-new", "count": "diff-column-count",
    "meaning": "diff-column-meaning", "row": "diff-column-row", "agreement": "diff-column-agreement",
    "person": "diff-column-person", "total": "diff-column-total", "difference": "diff-column-difference",
    "band": "diff-column-band", "raise": "diff-column-raise", "Rescored": "diff-rescored",
    "No results rows.": "diff-no-rows", "not scored": "diff-not-scored",
    "not scored under both": "diff-not-scored-under-both",
}


def say(key: str, lang: str) -> str:
    return said(PHRASES[key], lang)


def changes(n: int, lang: str) -> str:
    """``30 changes`` / ``เปลี่ยน 30 รายการ``."""
    return said("diff-changes", lang, n)


def rescore_summary(results: str | None, rows: int, scored: int, changed: int, lang: str) -> str:
    return said("diff-rescore-summary", lang, rows, what=f" {results}" if results else "", scored=scored,
                changed=changed)


def side_total(total: str, band: str, lang: str) -> str:
    return said("diff-side-total", lang, total=total, band=band)


_YEARS = re.compile(r"^([+-]\d+) years?$")


def note(text: str | None, lang: str) -> str | None:
    """``+1 year`` → ``+1 ปี``."""
    if text is None or lang != "th":
        return text
    m = _YEARS.match(text)
    return said("diff-years", lang, abs(int(m.group(1))), years=m.group(1)) if m else text


# Values the differ writes in words (values.py), shown in Thai with the rule files' words.
_VALUES_TH = {
    **{v: said(f"diff-value-{v}", "th") for v in ("yes", "no", "omitted", "kept", "no raise", "salary rules")},
    "higher": BY_CANONICAL["higher"].th[0], "lower": BY_CANONICAL["lower"].th[0],
    "agreed": BY_CANONICAL["agreed"].th[0], "none": BY_CANONICAL["none"].th[0],
    "proportional": BY_CANONICAL["proportional"].th[0],
}
def _weight_th(m: re.Match) -> str:
    shown = _VALUES_TH.get(m.group(1), m.group(1))
    to = _VALUES_TH.get(m.group(2), m.group(2)) if m.group(2) else None
    return f"{shown}, {word('optional', 'th')}" + (f" → {to}" if to else "")


# Only the exact shapes values.py writes: a rule file's own text is never reworded.
_VALUE_WORDS = [
    (re.compile(r"^([\d.]+) per (working_day|day)$"),
     lambda m: f"{m.group(1)} {word('per', 'th')} {word(m.group(2), 'th')}"),
    (re.compile(r"^(agreed|none|[\d.]+), optional(?: → (\S+))?$"), _weight_th),
    (re.compile(r"^milestones \((\d+) steps?\)$"),
     lambda m: said("diff-steps", "th", int(m.group(1)), milestones=word("milestones", "th"))),
    (re.compile(r"^ladder (?=[<>=\d.])"), lambda m: f"{word('ladder', 'th')} "),
    (re.compile(r"^formula (?=\S)"), lambda m: f"{word('value', 'th')} "),
]


# The dates values.py writes (``2011-10-01 – 2012-03-31``, several joined by ``; ``, a pool's
# ``3% on 2012-03-01``): in Thai written as the rule files write them, ``1 ต.ค. 2554``.
_ISO = r"\d{4}-\d\d-\d\d"
_ISO_DAY = re.compile(_ISO)
_DATES = re.compile(rf"^(?:([\d.]+)% on )?({_ISO}(?: – {_ISO})?(?:; {_ISO}(?: – {_ISO})?)*)$")


def _dates_th(m: re.Match) -> str:
    days = _ISO_DAY.sub(lambda d: format_date(dt.date.fromisoformat(d.group())), m.group(2))
    return f"{m.group(1)}% {word('on', 'th')} {days}" if m.group(1) else days


_PLACE = re.compile(r"^(top level|(\S+) (\S+))(?:, place (\d+))?$")


def place(text: str | None, lang: str) -> str | None:
    """Where a moved node stood (``dimension quality, place 2``), as nodes.py writes it."""
    m = _PLACE.match(text or "")
    if m is None or lang != "th":
        return text
    at = word("top level", lang) if m.group(2) is None else f"{word(m.group(2), lang)} {m.group(3)}"
    return at + (f" {word('place', lang)} {m.group(4)}" if m.group(4) else "")


def value(text: str | None, lang: str) -> str | None:
    """A value as the differ wrote it; in Thai its few English words become the keywords'.
    Texts from the rule files themselves (titles, descriptions) are left as written."""
    if text is None or lang != "th":
        return text
    if text in _VALUES_TH:
        return _VALUES_TH[text]
    if _DATES.match(text):
        return _DATES.sub(_dates_th, text)
    for pattern, repl in _VALUE_WORDS:
        if pattern.search(text):
            return pattern.sub(repl, text, count=1)
    return text
