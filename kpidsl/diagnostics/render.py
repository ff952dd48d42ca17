"""Diagnostic output formats: text for people, json for programs, GitHub
workflow annotations, and SARIF 2.1.0 for code-scanning tools."""

from __future__ import annotations

import json
import unicodedata
from typing import Iterable, Mapping, Sequence

from .. import __version__
from .model import Diagnostic
from .registry import CODES

FORMATS = ("text", "json", "github", "sarif")


def cell_width(text: str) -> int:
    """Terminal columns: Thai vowels above and below and tone marks
    (combining, category Mn) take none; wide East Asian characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _caret_line(line_text: str, column: int, end_column: int) -> str:
    start = max(column - 1, 0)
    end = max(end_column - 1, start + 1)
    before = line_text[:start].replace("\t", " ")
    marked = line_text[start:end]
    pad = cell_width(before)
    width = max(1, cell_width(marked)) if start < len(line_text) else 1
    return " " * pad + "^" * width


def text(diags: Sequence[Diagnostic], sources: Mapping[str, str], lang: str, summary: tuple[int, int, int]) -> str:
    out: list[str] = []
    for d in diags:
        where = f"{d.span.path}:{d.span.line}:{d.span.column}: " if d.span else ""
        out.append(f"{where}{d.code} {d.severity}: {d.message(lang)}")
        src = sources.get(d.span.path) if d.span else None
        if src is not None and d.span.line >= 1:
            lines = src.split("\n")
            if d.span.line <= len(lines):
                row = lines[d.span.line - 1]
                if row.strip():
                    end = d.span.end_column if d.span.end_line == d.span.line else len(row) + 1
                    gutter = f"{d.span.line:>5} | "
                    out.append(gutter + row.replace("\t", " "))
                    out.append(" " * (len(gutter) - 2) + "| " + _caret_line(row, d.span.column, end))
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
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
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


def sarif(diags: Sequence[Diagnostic], lang: str) -> str:
    codes = sorted(CODES)
    index = {c: i for i, c in enumerate(codes)}
    rules = []
    for c in codes:
        code = CODES[c]
        rule = {
            "id": code.code,
            "name": code.name,
            "shortDescription": {"text": code.en.replace("{", "").replace("}", "")},
            "fullDescription": {"text": code.th.replace("{", "").replace("}", "")},
            "defaultConfiguration": {"level": "error" if code.severity == "error" else "warning"},
        }
        rules.append(rule)
    results = []
    for d in diags:
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message(lang) + (f" ({d.hint(lang)})" if d.hint(lang) else "")},
        }
        if d.span:
            result["locations"] = [{
                "physicalLocation": {
                    "artifactLocation": {"uri": d.span.path},
                    "region": {
                        "startLine": d.span.line,
                        "startColumn": d.span.column,
                        "endLine": d.span.end_line,
                        "endColumn": d.span.end_column,
                    },
                }
            }]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "kpidsl", "version": __version__, "rules": rules}},
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
