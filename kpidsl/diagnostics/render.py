"""Diagnostic output formats: text for people, json for programs, GitHub
workflow annotations, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
import string
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from pathlib import PurePath
from typing import Iterable, Mapping, Sequence
from urllib.parse import quote

from ..version import __version__
from ..outputs.terminal import escape, shown, shown_in_source, unseen
from .cli_texts import said
from .model import Diagnostic
from .registry import CODES, ERROR, Code
from .span import SHEET_MARK

FORMATS = ("text", "json", "github", "sarif")


# A shown source line is cut to this many terminal columns around its caret.
LINE_CELLS = 120
# Text output shows at most this many diagnostics of one file; the summary says how many
# there were. Machine formats (json, sarif, github) carry every one.
MAX_SHOWN_PER_FILE = 200


def _piece(ch: str) -> str:
    """What one code point of a source line prints as."""
    if ch == "\t":
        return " "  # one cell, so the caret stays under the right character
    return escape(ch) if unseen(ch) else ch


@lru_cache(maxsize=4096)
def _cells(ch: str) -> int:
    """Terminal columns of what one code point of a source line prints as."""
    return cell_width(_piece(ch))


class _Widths(dict):
    """For str.translate: a code point to the character whose code is its width in
    columns as printed (0 to 6), so a line's widths come out as bytes, in C."""

    def __missing__(self, code: int) -> str:
        width = self[code] = chr(_cells(chr(code)))
        return width


_WIDTHS = _Widths()


def char_width(ch: str) -> int:
    """Terminal columns of one code point: Thai vowels above and below and tone marks
    (combining, category Mn) take none; wide East Asian characters take two."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _CharWidths(dict):
    """For str.translate: a code point to the character whose code is its char_width, so
    that a text's width is summed in C (an explanation's table measures some 40 labels an
    evaluation: `score --explain`, `--format xlsx`)."""

    def __missing__(self, code: int) -> str:
        width = self[code] = chr(char_width(chr(code)))
        return width


_CHAR_WIDTHS = _CharWidths()


def cell_width(text: str) -> int:
    """Terminal columns of ``text``: the sum of its code points' char_width (ASCII: one each)."""
    if text.isascii():
        return len(text)
    return sum(text.translate(_CHAR_WIDTHS).encode("latin-1"))


def cut_to_cells(text: str, width: int) -> str:
    """``text`` when it takes at most ``width`` terminal cells; else its longest beginning
    within ``width - 1`` cells and "…". Linear in the text: the widths summed once (a title
    of a million characters is cut as fast as one of forty)."""
    if text.isascii():
        return text if len(text) <= width else text[:max(width - 1, 0)] + "…"
    sums = list(accumulate(text.translate(_CHAR_WIDTHS).encode("latin-1")))
    if not sums or sums[-1] <= width:
        return text
    # the beginnings' widths never fall (no code point takes fewer than none): the last
    # beginning within width - 1 cells is where the sums first pass it
    return text[:bisect_right(sums, width - 1)] + "…"


def excerpt(row: str, column: int, end_column: int, limit: int | None = LINE_CELLS) -> tuple[str, str]:
    """A source line as printed under a diagnostic and its caret line: carets under code
    points [column, end_column) of ``row`` (1-based, end exclusive). A span reaching past
    the line's end is cut at it; one starting at or past the end gets one caret just
    after the line. Control characters, bidi controls and the other format characters that
    print as nothing (a byte-order mark) print escaped (``\\x1b``, ``\\ufeff``), a tab
    as one space. A line wider than ``limit`` columns is cut around the caret, with
    ``…`` on each cut side. The work is proportional to ``limit``, not to the line."""
    start = min(max(column - 1, 0), len(row))
    end = min(max(end_column - 1, start + 1), len(row))
    budget = len(row) if limit is None else limit - 2  # room for an ellipsis on each side
    lo = max(0, start - budget)
    near = row[lo:start + budget + 1]  # all the window can show
    if near.isascii() and near.isprintable():
        # The common line: one column per code point, nothing to escape.
        a = 0 if len(row) <= budget else max(0, min(start - budget // 3, len(row) - budget))
        b = min(len(row), a + budget)
        left, right = ("…" if a > 0 else ""), ("…" if b < len(row) else "")
        return left + row[a:b] + right, " " * (len(left) + start - a) + "^" * max(1, min(end, b) - start)
    # Columns before each code point of ``near``: prefix[i] is the width of near[:i].
    widths = near.translate(_WIDTHS).encode("latin-1")
    prefix = [0, *accumulate(widths)]
    here = start - lo
    if limit is None or (lo == 0 and len(near) == len(row) and prefix[-1] <= budget):
        a, b = 0, len(near)  # the whole line, or it fits
    else:
        # A third of the room before the caret, the rest after; when the line ends early,
        # what is left goes before.
        a = bisect_left(prefix, prefix[here] - budget // 3, 0, here + 1)
        b = bisect_right(prefix, prefix[a] + budget, here) - 1
        if lo + len(near) == len(row) and b == len(near):
            a = bisect_left(prefix, prefix[b] - budget, 0, here + 1)
        while a < here and widths[a] == 0:
            a += 1  # a Thai mark cut from its consonant would sit on the ellipsis
    left, right = ("…" if lo + a > 0 else ""), ("…" if lo + b < len(row) else "")
    line = left + shown_in_source(near[a:b].replace("\t", " ")) + right
    pad = len(left) + prefix[here] - prefix[a]
    width = max(1, prefix[min(end - lo, b)] - prefix[here]) if start < len(row) else 1
    return line, " " * pad + "^" * width


def shown_line(row: str) -> str:
    """A whole source line as printed under a diagnostic (not cut)."""
    return excerpt(row, 1, 2, None)[0]


def caret_line(row: str, column: int, end_column: int) -> str:
    """The caret line under a whole source line (not cut): see :func:`excerpt`."""
    return excerpt(row, column, end_column, None)[1]


class _Lines:
    """The lines of each source, split once however many diagnostics point into it."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self.sources = sources
        self.split: dict[str, list[str]] = {}

    def get(self, path: str) -> list[str] | None:
        lines = self.split.get(path)
        if lines is None:
            src = self.sources.get(path)
            if src is None:
                return None
            lines = self.split[path] = src.split("\n")
        return lines


def _excerpt(d: Diagnostic, lines: _Lines) -> list[str]:
    """The line the span starts on and its caret underline; a span running on
    to later lines is underlined to the end of its first line's text."""
    s = d.span
    rows = lines.get(s.path) if s else None
    if s is None or rows is None or s.line < 1:
        return []
    if s.line > len(rows) or not rows[s.line - 1].strip():
        return []
    row = rows[s.line - 1]
    end = s.end_column if s.end_line == s.line else max(len(row.rstrip()) + 1, s.column + 1)
    gutter = f"{s.line:>5} | "
    line, carets = excerpt(row, s.column, end)
    return [gutter + line, " " * (len(gutter) - 2) + "| " + carets]


def summary_line(files: int, errors: int, warnings: int, shown_count: int, lang: str) -> str:
    """The closing line of text diagnostics; with how many were shown when some were not."""
    if lang == "th":
        line = f"ตรวจ {files} ไฟล์: พบข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ"
        capped = f" (แสดง {shown_count:,} จาก {errors + warnings:,} รายการ)"
    else:
        line = (f"checked {files} file{'s' if files != 1 else ''}: "
                f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
        capped = f" ({shown_count:,} shown of {errors + warnings:,})"
    return line + (capped if shown_count < errors + warnings else "")


def text(diags: Sequence[Diagnostic], sources: Mapping[str, str], lang: str, summary: tuple[int, int, int],
         limit: int | None = MAX_SHOWN_PER_FILE) -> str:
    """``path:line:col: CODE severity: message``, the source line, a caret
    underline, and the hint; then one summary line. At most ``limit`` diagnostics
    of each file are shown; the summary counts them all (``summary`` holds the
    totals, which may be more than ``diags``). Everything from the input is shown
    escaped: a terminal prints it and obeys none of it."""
    out: list[str] = []
    lines = _Lines(sources)
    per_file: dict[str, int] = {}
    shown_count = 0
    for d in diags:
        path = d.span.path if d.span else ""
        if limit is not None:
            per_file[path] = per_file.get(path, 0) + 1
            if per_file[path] > limit:
                continue
        shown_count += 1
        where = "" if not d.span else f"{d.span.path}: " if SHEET_MARK in d.span.path else \
            f"{d.span.path}:{d.span.line}:{d.span.column}: "
        # a field from the input (a quoted CSV cell, a file name) may hold a newline: shown
        # as `\n`, so that what follows it cannot read as a diagnostic of its own
        out.append(_one_line(f"{where}{d.code} {d.severity}: {d.message(lang)}"))
        out.extend(_excerpt(d, lines))
        hint = d.hint(lang)
        if hint:
            out.append(_one_line(f"      = {said('hint-label', lang)}: {hint}"))
    files, errors, warnings = summary
    out.append(summary_line(files, errors, warnings, shown_count, lang))
    return shown("\n".join(out)) + "\n"


def _one_line(line: str) -> str:
    return line.replace("\n", "\\n")


def as_dict(d: Diagnostic, lang: str) -> dict:
    s = d.span
    return {
        "code": d.code,
        "name": CODES[d.code].name,
        "severity": d.severity,
        "path": s.path if s else None,
        "line": s.line if s else None,
        "column": s.column if s else None,
        "end_line": s.end_line if s else None,
        "end_column": s.end_column if s else None,
        "message": d.message(lang),
        "message_th": d.message_th,
        "message_en": d.message_en,
        "hint": d.hint(lang),
        "hint_th": d.hint_th,
        "hint_en": d.hint_en,
    }


def json_report(diags: Sequence[Diagnostic], lang: str, summary: tuple[int, int, int]) -> str:
    files, errors, warnings = summary
    doc = {
        "version": 1,
        "diagnostics": [as_dict(d, lang) for d in diags],
        "summary": {"files": files, "errors": errors, "warnings": warnings},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    """A workflow command's message: % first, so the escapes are not escaped again."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """A workflow command's property value: also : and , which end a property."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diags: Sequence[Diagnostic], lang: str) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…::message``."""
    out = []
    for d in diags:
        level = "error" if d.is_error else "warning"
        props = []
        if d.span:
            props += [f"file={_escape_property(d.span.path)}", f"line={d.span.line}", f"col={d.span.column}",
                      f"endLine={d.span.end_line}", f"endColumn={d.span.end_column}"]
        props.append(f"title={_escape_property(d.code)}")
        message = d.message(lang)
        hint = d.hint(lang)
        if hint:
            message += f"\n{hint}"
        # Shown escaped, as in the text format: the log is read on a terminal or a web page.
        out.append(shown(f"::{level} {','.join(props)}::{_escape_data(message)}"))
    return "\n".join(out) + ("\n" if out else "")


SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _template(message: str) -> str:
    """A registry message with its placeholders shown as <name>: "`{word}` …" →
    "`<word>` …" (and "{{" → "{"), for a rule's description."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(message):
        parts.append(literal)
        if field is not None:
            parts.append(f"<{field.removesuffix('_th')}>")
    return "".join(parts)


def _uri(path: str) -> str:
    """A path as a SARIF URI reference: relative paths percent-encoded (Thai
    folder names, spaces), absolute ones as file: URIs."""
    if PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return quote(path, safe="/")


def _rule(code: Code, lang: str) -> dict:
    message, hint = (code.th, code.hint_th) if lang == "th" else (code.en, code.hint_en)
    rule: dict = {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": _template(message)},
        "defaultConfiguration": {"level": "error" if code.severity == ERROR else "warning"},
    }
    help_text = _template(hint)
    if help_text and not help_text.startswith("<"):  # "{hint}" alone says nothing as a rule's help
        rule["help"] = {"text": help_text}
    return rule


def sarif(diags: Sequence[Diagnostic], lang: str) -> str:
    """SARIF 2.1.0: one run, every registry code as a rule, one result per
    diagnostic. Columns count code points, as ``columnKind`` says."""
    codes = sorted(CODES)
    index = {c: i for i, c in enumerate(codes)}
    results = []
    for d in diags:
        hint = d.hint(lang)
        result: dict = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message(lang) + (f" ({hint})" if hint else "")},
        }
        if d.span:
            s = d.span
            result["locations"] = [{
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(s.path)},
                    "region": {"startLine": s.line, "startColumn": s.column,
                               "endLine": s.end_line, "endColumn": s.end_column},
                }
            }]
        results.append(result)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kpidsl", "version": __version__,
                                "rules": [_rule(CODES[c], lang) for c in codes]}},
            "language": lang,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(output_format: str, diags: Iterable[Diagnostic], sources: Mapping[str, str], lang: str,
           summary: tuple[int, int, int]) -> str:
    diags = list(diags)
    if output_format == "json":
        return json_report(diags, lang, summary)
    if output_format == "github":
        return github(diags, lang)
    if output_format == "sarif":
        return sarif(diags, lang)
    return text(diags, sources, lang, summary)
