"""The template environments of the forms: HTML and Markdown.

Both read the templates shipped in ``kpidsl/forms/templates`` and share one set
of filters (the kpidsl/forms/figures.py helpers). They differ in escaping:

* HTML uses jinja2's autoescape, so a title holding ``<script>`` is text; control
  characters (ESC, BEL …) and bidi controls (U+202E …) are shown escaped (``\\x1b``,
  ``\\u202e``), so a title cannot reorder the page nor drive the terminal of a reader of
  the file.
* Markdown escapes every ``{{ … }}`` through :func:`md_escape` (the environment's
  ``finalize``): a ``|`` or a newline in a title cannot break a GFM table row,
  and ``<script>`` shows as text in every viewer. A filter that builds Markdown
  on purpose returns :class:`MdSafe` so it is not escaped twice.

Digits: forms are written with Arabic digits; :func:`render` turns them into
Thai digits (๐–๙) afterwards when asked, in the text a reader sees only —
never inside HTML tags, ``<style>``/``<script>``, ``<code>``, character references
(``&#34;``), URLs or Markdown code spans, where a Thai digit would break CSS, a link,
an entity or a rule-file reference.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from ..outputs.terminal import shown
from ..plan.model import Baseline, Ladder
from ..score.numbers import money
from ..thai import to_arabic, to_thai_digits
from . import figures
from .between import converted_between
from .md_lines import readable
from .view import LadderView
from .whole_words import keep_words_whole

Format = Literal["html", "md"]
Digits = Literal["thai", "arabic"]
FORMATS: tuple[str, ...] = ("html", "md")
DIGITS: tuple[str, ...] = ("arabic", "thai")


# ---- Markdown escaping ----------------------------------------------------------------------
class MdSafe(str):
    """Markdown that a filter or template built on purpose: not escaped again."""


_WHITESPACE = re.compile(r"\s+")
# Characters that start inline Markdown or HTML, or end a table cell.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|&])")
# An underscore inside a word (dept_example_2555) is literal in GFM; only one at a
# word's edge can open emphasis, so only that one is escaped (keeps ids readable).
_MD_EDGE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# Text that would become a heading, list item or setext underline at the start of a line
# (``# x``, ``- x``, ``1. x``, ``---``); ``1.1`` is an indicator id and stays as written.
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s)|\d+[.)](?=\s|$)|[-=]+\s*$)")


def md_escape(value: Any) -> str:
    """Any value as literal Markdown text on one line (safe inside a GFM table cell)."""
    if value is None:
        return ""
    if isinstance(value, MdSafe):
        return value
    text = shown(_WHITESPACE.sub(" ", str(value)))  # newlines and tabs would end a table row
    text = _MD_SPECIAL.sub(lambda m: "&amp;" if m.group(1) == "&" else "\\" + m.group(1), text)
    text = _MD_EDGE_UNDERSCORE.sub(r"\\_", text)
    text = _MD_LINE_START.sub(_escape_line_start, text)
    return MdSafe(text)


def _escape_line_start(m: re.Match) -> str:
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():
        return lead + mark[:-1] + "\\" + mark[-1]  # 1. → 1\.
    return lead + "\\" + mark


def _html_finalize(value: Any) -> Any:
    """Every ``{{ … }}`` of a page: control characters and bidi controls shown escaped, so a
    title cannot reorder the text around it (autoescape covers the markup); the newlines of
    markup a filter built stay."""
    if isinstance(value, Markup):
        return Markup(shown(value))
    return shown(value) if isinstance(value, str) else value


def _md_finalize(value: Any) -> Any:
    return md_escape(value)


def _md_safe(value: Any) -> MdSafe:
    return MdSafe("" if value is None else value)


def _md_row(cells: list[Any]) -> MdSafe:
    """One GFM table row, every cell escaped: ``| a | b \\| c |``."""
    return MdSafe("| " + " | ".join(md_escape(c) or " " for c in cells) + " |")


def _md_rule(columns: int | list[str]) -> MdSafe:
    """The delimiter row under a GFM table header: ``|---|---:|``; a list gives the
    alignment of each column (``l``, ``r``, ``c``)."""
    aligns = ["l"] * columns if isinstance(columns, int) else list(columns)
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    return MdSafe("|" + "|".join(marks[a] for a in aligns) + "|")


# ---- digits ---------------------------------------------------------------------------------
# Character references (&#34; &#x27; &amp;) and URLs are markup even in the text: a Thai
# digit inside one makes the page show it literally or point nowhere.
_ENTITY = r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
_URL = r"\b(?:https?|ftp|file|mailto):[^\s<>\"'`)\]]+"
# In HTML: markup we leave alone (tags, style and script bodies, code spans, entities, URLs)
# and text between.
_HTML_KEEP = re.compile(r"<style\b.*?</style>|<script\b.*?</script>|<code\b.*?</code>|<!--.*?-->|<[^>]*>|"
                        + _ENTITY + "|" + _URL, re.DOTALL | re.IGNORECASE)
# In Markdown: code spans, link targets, autolinks and inline HTML, entities, URLs.
# (md_escape writes a title's own "<" as "\<", which is text).
_MD_KEEP = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|(?<!\\)</?[A-Za-z!][^>\n]*>|" + _ENTITY + "|" + _URL)


# A run of digits glued to Latin letters or `_` is part of a name a rule file gave (indicator
# r1, input X1, agreement dept_example_2555): names are shown as written, figures in Thai.
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[0-9]+[A-Za-z_][A-Za-z_0-9]*")


def _thai_figures(text: str) -> str:
    return converted_between(text, _NAME, to_thai_digits)


def _digits_outside(text: str, keep: re.Pattern) -> str:
    return converted_between(text, keep, _thai_figures)


def apply_digits(text: str, markup: str, digits: str) -> str:
    """The text a reader sees in one script of digits: Thai when ``digits`` is ``thai``,
    else Arabic (a title a rule file wrote with Thai digits, "รอบที่ ๒", included)."""
    keep = _HTML_KEEP if markup == "html" else _MD_KEEP
    if digits == "arabic":
        return converted_between(text, keep, to_arabic)
    if digits != "thai":
        raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")
    return _digits_outside(text, keep)


# ---- figures from the plan --------------------------------------------------------------------
def _ladder_text(ladder: Ladder | LadderView | None) -> str:
    """A ladder on one line: ``65 70 75 80 85`` or ``มากกว่า 35, 35 หรือน้อยกว่า, …``."""
    cells = figures.ladder_cells(ladder)
    if not cells:
        return ""
    sep = ", " if any(" " in c for c in cells) else " "
    return sep.join(cells)


def _baseline(b: Baseline | None) -> str:
    """A baseline figure (ข้อมูลพื้นฐาน) of one year: its number, else its words."""
    if b is None:
        return ""
    return figures.figure(b.value) if b.value is not None else (b.text or "")


def _baseline_note(b: dict) -> str:
    """A baseline in words, as a note after an indicator's title (its column shows ``*``)."""
    return f" — * ข้อมูลพื้นฐาน พ.ศ. {b['year']}: {b['text']}"


# ---- the font -------------------------------------------------------------------------------
_FONT_FACES = (("Sarabun-Regular.woff2", 400), ("Sarabun-Bold.woff2", 700))


@lru_cache(maxsize=1)
def font_css() -> str:
    """@font-face rules with Sarabun inline as data: URLs (no network, no installed font)."""
    rules = []
    for name, weight in _FONT_FACES:
        data = resources.files("kpidsl.forms").joinpath("fonts", name).read_bytes()
        b64 = base64.b64encode(data).decode("ascii")
        rules.append("@font-face { font-family: 'Sarabun'; font-style: normal; "
                     f"font-weight: {weight}; font-display: block; "
                     f"src: url(data:font/woff2;base64,{b64}) format('woff2'); }}")
    return "\n".join(rules)


# ---- environments -----------------------------------------------------------------------------
def _in_digits(n: int, digits: str) -> str:
    """A count in the form's digits, for the few places apply_digits never converts (the style)."""
    return to_thai_digits(str(n)) if digits == "thai" else str(n)


_FILTERS = {
    "in_digits": _in_digits,
    "figure": figures.figure,
    "kpi_number": figures.kpi_number,
    "kpi_no": figures.kpi_no,
    "money": money,
    "percent": figures.percent,
    "thai_date": figures.thai_date,
    "date_span": figures.span_of,  # the name the templates of steps and rounds use
    "span": figures.span_of,  # a date range of the typed plan
    "threshold": figures.threshold,
    "ladder_cells": figures.ladder_cells,
    "ladder_text": _ladder_text,
    "baseline": _baseline,
    "baseline_note": _baseline_note,
    "formula": figures.formula,
}


def _environment(markup: str) -> jinja2.Environment:
    options: dict[str, Any] = dict(
        loader=jinja2.PackageLoader("kpidsl.forms", "templates"),
        undefined=jinja2.StrictUndefined,  # a misspelt field is an error, not a blank cell
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if markup == "html":
        env = jinja2.Environment(autoescape=True, finalize=_html_finalize, **options)
        env.globals["font_css"] = lambda: Markup(font_css())
    else:
        env = jinja2.Environment(autoescape=False, finalize=_md_finalize, **options)
        env.filters.update(md=md_escape, mdsafe=_md_safe, md_row=_md_row, md_rule=_md_rule)
    env.filters.update(_FILTERS)
    # Where each figure and rule comes from (rule file and line, seed and slide) is for a
    # reviewer, not the staff who sign: views carry it, and a form prints it only when its
    # context sets ``sources`` (a `--sources` flag passes ``sources=True`` to render).
    env.globals["sources"] = False
    return env


@lru_cache(maxsize=None)
def environment(markup: str) -> jinja2.Environment:
    """The shared environment of one output format (``html`` or ``md``)."""
    if markup not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {markup!r}")
    return _environment(markup)


def template_name(stem: str, markup: str) -> str:
    return f"{stem}.{markup}.j2"


_BLANK_RUNS = re.compile(r"\n{3,}")

# Sarabun has no Greek capital sigma (U+03A3), which rule files and the evaluator's
# explanations write for a sum: the printer would take it from another font (WeasyPrint
# embedded DejaVu Sans for it). The summation sign (U+2211) is in Sarabun and means the
# same, so an HTML form (and the PDF printed from it) shows that one; Markdown, views and
# `score --explain` keep the text as written.
_SIGMA, _SUMMATION = "\u03a3", "\u2211"


def render(stem: str, markup: str, context: dict[str, Any], digits: str = "arabic") -> str:
    """Render ``templates/<stem>.<output format>.j2`` with ``context``; Thai digits if asked;
    Markdown with its long lines made readable (kpidsl/forms/md_lines.py).

    Runs of blank lines left by template logic are folded to one, and the text
    ends with exactly one newline, so output does not depend on template layout."""
    text = environment(markup).get_template(template_name(stem, markup)).render(**context)
    if markup == "md":
        text = readable(text)  # no line of thousands of characters (kpidsl/forms/md_lines.py)
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
    if markup == "html":
        text = keep_words_whole(text.replace(_SIGMA, _SUMMATION))  # kpidsl/forms/whole_words.py
    return apply_digits(text, markup, digits)
