"""A JSON results file: one record or a list of them, read whole (so held to
MAX_JSON_BYTES), its shape looked at before it is parsed."""

from __future__ import annotations

import bisect
import itertools
import json
import re
from typing import Iterator

from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...thai import to_arabic
from .cells import META
from .header import MAX_COLUMNS
from .header import split_header
from .reader import Reader, Record, record_of


MAX_JSON_BYTES = 32 * 1024 * 1024
# A record nests 4 levels (list, record, results, an indicator's fields).
MAX_JSON_DEPTH = 32
# A JSON string (a key when a colon follows it) or a bracket: what the shape scan looks at.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:\s*:)?|[\[\]{}]')


def json_shape(reader: Reader, text: str) -> list[Diagnostic]:
    """What json.loads cannot be trusted with, in one pass over the text before it is
    parsed: nesting deeper than MAX_JSON_DEPTH (Q015, at the first bracket too many; the
    parser would recurse that deep), and a key written twice in one object (Q006, at the
    second; the parser would keep the last without a word)."""
    stack: list[dict[str, int] | None] = []  # per open bracket: an object's keys and where they are
    found: list[tuple[int, str, dict]] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "[" or first == "{":
            if len(stack) >= MAX_JSON_DEPTH:
                found.append((match.start(), "Q015", {"limit": MAX_JSON_DEPTH}))
                break
            stack.append({} if first == "{" else None)
        elif first == "]" or first == "}":
            if stack:
                stack.pop()
        elif token[-1] == ":" and stack and stack[-1] is not None:
            literal = token[: token.rindex('"') + 1]
            try:
                key = json.loads(literal) if "\\" in literal else literal[1:-1]
            except json.JSONDecodeError:
                continue  # json.loads reports it
            keys = stack[-1]
            if key in keys:
                found.append((match.start(), "Q006", {"key": key, "first": keys[key]}))
            else:
                keys[key] = match.start()
    if not found:
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def place(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    diags = []
    for offset, code, fields in found:
        line, column = place(offset)
        if code == "Q015":
            diags.append(CODES[code].at(reader.span(line, column), **fields))
        else:
            key = fields["key"]
            shown = json.dumps(key, ensure_ascii=False)
            diags.append(CODES[code].at(reader.span(line, column, len(shown)), what=phrase("json-key", key=shown),
                                        first=reader.first_at(place(fields["first"])[0])))
    return diags


def read_json(reader: Reader, text: str) -> Iterator[Record | Diagnostic]:
    shape = json_shape(reader, text)
    if shape:
        yield from shape  # a record is not read when it is not known which value is meant
        return
    try:
        doc = json.loads(text, parse_float=_Figure, parse_int=_Figure, parse_constant=_Figure)
    except json.JSONDecodeError as e:
        yield CODES["Q027"].at(reader.span(e.lineno, e.colno), error=e.msg)
        return
    records = doc if isinstance(doc, list) else [doc]
    lines = text.split("\n")
    cursor = 0
    for number, rec in enumerate(records, start=1):
        found = _find_key(lines, "agreement", cursor) or _find_key(lines, "results", cursor)
        line = found[0] if found else 1
        cursor = line
        reader.at.line = line
        if not isinstance(rec, dict) or not isinstance(rec.get("results", {}), dict):
            yield CODES["Q028"].at(reader.span(line), number=number)
            continue

        def at(key: str, after: int) -> Span:
            """Where ``"key":`` is written, from line ``after`` on (the record's line if nowhere)."""
            found = _find_key(lines, key, after - 1)
            if found is None:
                return reader.span(after)
            return reader.span(found[0], found[1], len(json.dumps(key, ensure_ascii=False)))

        results_line = at("results", line).line
        too_many = _too_many_keys(rec["results"] if "results" in rec else {}, number)
        if too_many is not None:  # each key is looked for in the text: told once, before any is
            key, fields = too_many
            yield CODES["Q030"].at(at(key, results_line), **fields)
            continue
        meta = {k: (as_written(rec[k]) if rec[k] is not None else "", at(k, line)) for k in META if k in rec}
        values = []
        cursor = results_line  # keys come in the order written: each is looked for from the one before
        for node_id, given in rec.get("results", {}).items():
            where = at(node_id, cursor)
            cursor = where.line
            if isinstance(given, dict):
                for field, cell in given.items():  # a field's key is looked for from its indicator's on
                    _, _, f = split_header(f"x:{field}")
                    if isinstance(cell, list):  # seedrules hook: "steps": [1, 2, 3, 5]; [3] is step 3 alone
                        cell = ", ".join(as_written(c) for c in cell) + ("," if len(cell) == 1 else "") if cell else "0"
                    values.append((f"{node_id}:{field}", to_arabic(node_id), f, as_written(cell), at(field, where.line)))
            else:
                values.append((node_id, to_arabic(node_id), "", as_written(given), where))
        yield from record_of(reader, meta, values, line)


def _too_many_keys(results: dict, number: int) -> tuple[str, dict] | None:
    """The first key past MAX_COLUMNS of a record's results or of an indicator's fields, and
    Q030's fields; None for a record within the limit (a CSV header's, Q029)."""
    groups = [(results, "results", "ผลการดำเนินงาน")]
    if len(results) <= MAX_COLUMNS:
        groups = [(given, f"fields of `{node_id}`", f"ค่าของ `{node_id}`")
                  for node_id, given in results.items() if isinstance(given, dict) and len(given) > MAX_COLUMNS][:1]
    for keys, what, what_th in groups:
        key = next(itertools.islice(keys, MAX_COLUMNS, None))
        return key, {"number": number, "count": f"{len(keys):,}", "what": what, "what_th": what_th,
                     "limit": f"{MAX_COLUMNS:,}"}
    return None


class _Figure(str):
    """A number of the JSON text (or NaN, Infinity) kept as written: never a float."""


def as_written(value: object) -> str:
    """A JSON value as a cell's text: a string or a number as it is written, anything else
    as JSON writes it (`true`, `null`, `[1, 2.5]`), never as Python would (True, None)."""
    if isinstance(value, str) and not isinstance(value, _Figure):
        return value
    return _json_text(value)


def _json_text(value: object) -> str:
    if isinstance(value, _Figure):
        return str.__str__(value)
    if isinstance(value, list):
        return "[" + ", ".join(_json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_text(k)}: {_json_text(v)}" for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)  # a string, true, false, null


def _find_key(lines: list[str], key: str, after: int) -> tuple[int, int] | None:
    """(line, column) of the first ``"key":`` at or after 0-based line ``after``: a key, not a
    value that happens to be spelled the same (``"round": "1"`` is not indicator 1)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    for i in range(max(after, 0), len(lines)):
        match = pattern.search(lines[i])
        if match:
            return i + 1, match.start() + 1
    return None
