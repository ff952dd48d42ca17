"""Diagnostic output formats: text for people, json for programs, GitHub
workflow annotations, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
import string
import unicodedata
from pathlib import PurePath
from typing import Iterable, Mapping, Sequence
from urllib.parse import quote

from .. import __version__
from .model import Diagnostic
from .registry import CODES, ERROR, Code

FORMATS = ("text", "json", "github", "sarif")


# Characters that would reorder or hijack what the terminal shows (bidi
# overrides and isolates, ESC and other C0/C1 controls): shown as U+FFFD.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown_char(ch: str) -> str:
    if ch == "\t":
        return " "  # one cell, so the caret stays under the right character
    if ch in _BIDI or unicodedata.category(ch) == "Cc":
        return "\ufffd"
    return ch


def shown_line(row: str) -> str:
    """A source line as printed under a diagnostic: one printed character per
    code point, so column arithmetic on ``row`` holds for the result."""
    return "".join(_shown_char(ch) for ch in row)


def cell_width(text: str) -> int:
    """Terminal columns: Thai vowels above and below and tone marks
    (combining, category Mn) take none; wide East Asian characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def caret_line(row: str, column: int, end_column: int) -> str:
    """Spaces then carets under code points [column, end_column) of ``row``
    (1-based, end exclusive). A span reaching past the line's end is cut at
    it; one starting at or past the end gets one caret just after the line."""
    shown = shown_line(row)
    start = max(column - 1, 0)
    end = max(end_column - 1, start + 1)
    pad = cell_width(shown[:start])
    width = max(1, cell_width(shown[start:end])) if start < len(shown) else 1
    return " " * pad + "^" * width


def _excerpt(d: Diagnostic, sources: Mapping[str, str]) -> list[str]:
    """The line the span starts on and its caret underline; a span running on
    to later lines is underlined to the end of its first line's text."""
    s = d.span
    src = sources.get(s.path) if s else None
    if s is None or src is None or s.line < 1:
        return []
    lines = src.split("\n")
    if s.line > len(lines) or not lines[s.line - 1].strip():
        return []
    row = lines[s.line - 1]
    end = s.end_column if s.end_line == s.line else max(len(row.rstrip()) + 1, s.column + 1)
    gutter = f"{s.line:>5} | "
    return [gutter + shown_line(row), " " * (len(gutter) - 2) + "| " + caret_line(row, s.column, end)]


def text(diags: Sequence[Diagnostic], sources: Mapping[str, str], lang: str, summary: tuple[int, int, int]) -> str:
    """``path:line:col: CODE severity: message``, the source line, a caret
    underline, and the hint; then one summary line."""
    out: list[str] = []
    for d in diags:
        where = f"{d.span.path}:{d.span.line}:{d.span.column}: " if d.span else ""
        out.append(f"{where}{d.code} {d.severity}: {d.message(lang)}")
        out.extend(_excerpt(d, sources))
        hint = d.hint(lang)
        if hint:
            out.append(f"      = {'คำแนะนำ' if lang == 'th' else 'hint'}: {hint}")
    files, errors, warnings = summary
    if lang == "th":
        out.append(f"ตรวจ {files} ไฟล์: พบข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ")
    else:
        out.append(f"checked {files} file{'s' if files != 1 else ''}: "
                   f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(out) + "\n"


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
        out.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
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


def render(fmt: str, diags: Iterable[Diagnostic], sources: Mapping[str, str], lang: str,
           summary: tuple[int, int, int]) -> str:
    diags = list(diags)
    if fmt == "json":
        return json_report(diags, lang, summary)
    if fmt == "github":
        return github(diags, lang)
    if fmt == "sarif":
        return sarif(diags, lang)
    return text(diags, sources, lang, summary)
