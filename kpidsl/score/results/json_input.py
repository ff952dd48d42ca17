"""A JSON results file: one record or a list of them, read whole (so held to
MAX_JSON_BYTES), its shape looked at before it is parsed."""

from __future__ import annotations

import array
import bisect
import itertools
import json
import re
from typing import Iterator

from ...diagnostics.model import Diagnostic
from ...bilingual import Bi
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...results_columns import META, split_header
from ...thai import to_arabic
from .header import MAX_COLUMNS
from .reader import Reader, Record, record_of


MAX_JSON_BYTES = 32 * 1024 * 1024
# A record nests 4 levels (list, record, results, an indicator's fields).
MAX_JSON_DEPTH = 32
# A JSON string (a key when a colon follows it) or a bracket: what the shape scan looks at.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:\s*:)?|[\[\]{}]')
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SEPARATORS = re.compile(r"[\s,]*")  # between a list's items


def json_shape(reader: Reader, text: str) -> list[Diagnostic]:
    """What json.loads cannot be trusted with (see _scan), each problem located."""
    return _shape_problems(reader, text, _scan(text)[0])


def _scan(text: str) -> tuple[list[tuple[int, str, dict]], _Written]:
    """One pass over the text before it is parsed: what json.loads cannot be trusted with,
    nesting deeper than MAX_JSON_DEPTH (Q015, at the first bracket too many; the parser would
    recurse that deep) and a key written twice in one object (Q006, at the second; the parser
    would keep the last without a word); and where each object's keys are written, objects in
    the order their braces open (as _objects_of walks the parsed document)."""
    stack: list[tuple[int, dict[str, int]] | None] = []  # per open bracket: an object's number and its keys
    objects = _Written()
    found: list[tuple[int, str, dict]] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "[" or first == "{":
            if len(stack) >= MAX_JSON_DEPTH:
                found.append((match.start(), "Q015", {"limit": MAX_JSON_DEPTH}))
                break
            if first == "{":
                stack.append((objects.open(match.start()), {}))
            else:
                stack.append(None)
        elif first == "]" or first == "}":
            if stack:
                top = stack.pop()
                if top is not None:
                    objects.close(top[0], top[1], match.start())
        elif token[-1] == ":" and stack and stack[-1] is not None:
            literal = token[: token.rindex('"') + 1]
            try:
                key = json.loads(literal) if "\\" in literal else literal[1:-1]
            except json.JSONDecodeError:
                continue  # json.loads reports it
            keys = stack[-1][1]
            if key in keys:
                found.append((match.start(), "Q006", {"key": key, "first": keys[key]}))
            else:
                keys[key] = match.start()
    return found, objects


def _shape_problems(reader: Reader, text: str, found: list[tuple[int, str, dict]]) -> list[Diagnostic]:
    if not found:
        return []
    place = _Places(text).place
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


class _Written:
    """Where the objects of a JSON text are written, numbered in the order their braces open:
    each one's braces' offsets and its keys', in the order written. Arrays of offsets, as a
    JSON file of 32 MB may hold millions of keys (with a Python object for each object,
    reading 1.5 million keys took 90 MB more)."""

    def __init__(self) -> None:
        self.opens = array.array("q")
        self.closes = array.array("q")
        self.firsts = array.array("q")  # where in ``keys`` an object's keys start
        self.keys = array.array("q")

    def open(self, offset: int) -> int:
        self.opens.append(offset)
        self.closes.append(-1)
        self.firsts.append(-1)
        return len(self.opens) - 1

    def close(self, number: int, keys: dict[str, int], offset: int) -> None:
        self.closes[number] = offset
        self.firsts[number] = len(self.keys)
        self.keys.extend(keys.values())


class _Places:
    """(line, column) of an offset of the text; for the record read now (``take``), where
    its objects and their keys are written."""

    def __init__(self, text: str, written: _Written | None = None) -> None:
        self.text = text
        self.starts = array.array("q", [0])
        self.starts.extend(m.end() for m in re.finditer("\n", text))
        self.written = written or _Written()
        self.taken = 0  # how many objects the records read so far hold
        self.numbers: dict[int, int] = {}  # a parsed object of the record read now: its number

    def take(self, record: object) -> None:
        """The next record (or a list's item that is not one) is read now: its objects,
        numbered as _Written numbers their braces (a parsed object's keys come in the order
        written: a key written twice is Q006, not read)."""
        self.numbers = {id(obj): number for number, obj in enumerate(_objects_of(record), start=self.taken)}
        self.taken += len(self.numbers)

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def keys(self, obj: dict) -> dict[str, int]:
        """Each key of an object of the record read now and where it is written."""
        number = self.numbers.get(id(obj))
        if number is None or number >= len(self.written.opens) or self.written.firsts[number] < 0:
            return {}
        first = self.written.firsts[number]
        return dict(zip(obj, self.written.keys[first:first + len(obj)]))

    def brace(self, obj: dict, end: bool = False) -> int | None:
        """Where an object of the record read now opens (``end``: closes); None if not known."""
        number = self.numbers.get(id(obj))
        if number is None or number >= len(self.written.opens):
            return None
        offset = (self.written.closes if end else self.written.opens)[number]
        return offset if offset >= 0 else None

    def span(self, reader: Reader, offset: int | None, otherwise: int) -> Span:
        """The span of the key written at ``offset`` (as written: escapes and all); line
        ``otherwise`` for a key not known."""
        if offset is None:
            return reader.span(otherwise)
        line, column = self.place(offset)
        literal = _JSON_STRING.match(self.text, offset)
        return reader.span(line, column, literal.end() - offset if literal else 1)


def _objects_of(value: object) -> Iterator[dict]:
    """The objects of a parsed value (itself among them) in the order their braces open in its text."""
    todo = [value]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            yield value
            todo.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            todo.extend(reversed(value))


# A \\uD800–\\uDFFF escape: half of a character written as a pair (an emoji), or, alone, none.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(text: str) -> int | None:
    """Where the first string holding a lone surrogate (`"\\ud800"`) starts; json.loads reads
    it as a str no UTF-8 output can write (every output of the record would fail)."""
    if _SURROGATE_ESCAPE.search(text) is None:  # the usual file: no string looked at
        return None
    for match in _JSON_STRING.finditer(text):
        literal = match.group()
        if _SURROGATE_ESCAPE.search(literal) and _SURROGATE.search(json.loads(literal)):
            return match.start()
    return None


_NUL_ESCAPE = re.compile(r"\\u0000")


def _nul_strings(text: str) -> list[tuple[int, int, str]]:
    """Each string written with a NUL (`"a\\u0000b"`; a raw NUL makes the file binary, F005):
    where it starts, its length as written, and the key it is (a key) or is the value of.
    A NUL is refused wherever it is, as in a CSV or a workbook's cell (Q053)."""
    if _NUL_ESCAPE.search(text) is None:  # the usual file: no string looked at
        return []
    found, key = [], ""
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] != '"':
            continue
        literal = _JSON_STRING.match(token).group()
        value = json.loads(literal)
        if len(token) > len(literal):  # `"key":`
            key = value
        if "\x00" in value:
            found.append((match.start(), len(literal), key))
    return found


def read_json(reader: Reader, text: str) -> Iterator[Record | Diagnostic]:
    found, objects = _scan(text)
    if found:
        yield from _shape_problems(reader, text, found)  # a record is not read when it is not known which value is meant
        return
    try:
        doc = json.loads(text, parse_float=_Figure, parse_int=_Figure, parse_constant=_Figure)
    except json.JSONDecodeError as e:
        yield CODES["Q027"].at(reader.span(e.lineno, e.colno), error=e.msg)
        return
    lone = _lone_surrogate(text)
    if lone is not None:
        line, column = _Places(text).place(lone)
        yield CODES["Q027"].at(reader.span(line, column), error="Invalid \\uXXXX escape: a lone surrogate")
        return
    nuls = _nul_strings(text)
    if nuls:
        places = _Places(text)
        for offset, width, key in nuls:
            yield CODES["Q053"].at(reader.span(*places.place(offset), width), column=key)
        return
    places = _Places(text, objects)
    records = doc if isinstance(doc, list) else [doc]
    line = 1
    after: int | None = text.index("[") + 1 if isinstance(doc, list) else 0  # where the record before ends
    for number, rec in enumerate(records, start=1):
        places.take(rec)
        if not isinstance(rec, dict):  # a number, a string, a list: where it starts, if the record before ends known
            if after is not None:
                line = places.place(_SEPARATORS.match(text, after).end())[0]
            after = None
            reader.at.line = line
            yield CODES["Q028"].at(reader.span(line), number=number)
            continue
        end = places.brace(rec, end=True)
        after = end + 1 if end is not None else None
        keys = places.keys(rec)
        first = keys.get("agreement", keys.get("results", places.brace(rec)))
        line = places.place(first)[0] if first is not None else line
        reader.at.line = line
        if not isinstance(rec.get("results", {}), dict):
            yield CODES["Q028"].at(reader.span(line), number=number)
            continue
        results = rec.get("results", {})
        results_line = places.span(reader, keys.get("results"), line).line
        written = places.keys(results)
        too_many = _too_many_keys(results, number)
        if too_many is not None:  # told once, before any key is placed
            path, fields = too_many
            where = places.span(reader, written.get(path[0]), results_line)
            if len(path) > 1:
                where = places.span(reader, places.keys(results[path[0]]).get(path[1]), where.line)
            yield CODES["Q030"].at(where, **fields)
            continue
        shaped = [k for k in META if isinstance(rec.get(k), (list, dict))]
        if shaped:  # `"person": ["a"]` was read as the person `["a"]`: whose evaluation is it?
            for k in shaped:
                found = phrase("json-list" if isinstance(rec[k], list) else "json-object")
                yield CODES["Q034"].at(places.span(reader, keys.get(k), line), key=k, number=number, found=found)
            continue
        meta = {k: (as_written(rec[k]) if rec[k] is not None else "", places.span(reader, keys.get(k), line))
                for k in META if k in rec}
        values = []
        for node_id, given in results.items():
            where = places.span(reader, written.get(node_id), results_line)
            if isinstance(given, dict):
                fields_written = places.keys(given)
                for field, cell in given.items():
                    _, _, f = split_header(f"x:{field}")
                    if isinstance(cell, list):  # seedrules hook: "steps": [1, 2, 3, 5]; [3] is step 3 alone
                        cell = ", ".join(as_written(c) for c in cell) + ("," if len(cell) == 1 else "") if cell else "0"
                    values.append((f"{node_id}:{field}", to_arabic(node_id), f, as_written(cell),
                                   places.span(reader, fields_written.get(field), where.line)))
            else:
                values.append((node_id, to_arabic(node_id), "", as_written(given), where))
        yield from record_of(reader, meta, values, line)


def _too_many_keys(results: dict, number: int) -> tuple[tuple[str, ...], dict] | None:
    """Where the first value past MAX_COLUMNS of a record is, as the keys that lead to it from
    its results ((id,) or (id, field)), and Q030's fields; None for a record within the limit
    (a CSV header's, Q029). A record's values are those a CSV row would have columns for: an
    indicator's value or each of its fields. Told by the first group found past the limit:
    the results' keys, one indicator's fields, then all of the record's values together."""
    def told(path: tuple[str, ...], count: int, what: Bi) -> tuple[tuple[str, ...], dict]:
        return path, {"number": number, "count": f"{count:,}", "what": what, "limit": f"{MAX_COLUMNS:,}"}

    if len(results) > MAX_COLUMNS:
        return told((next(itertools.islice(results, MAX_COLUMNS, None)),), len(results), phrase("record-results"))
    for node_id, given in results.items():
        if isinstance(given, dict) and len(given) > MAX_COLUMNS:
            return told((node_id, next(itertools.islice(given, MAX_COLUMNS, None))), len(given),
                        phrase("record-fields-of", id=node_id))
    counts = [len(given) if isinstance(given, dict) else 1 for given in results.values()]
    total = sum(counts)
    if total <= MAX_COLUMNS:
        return None
    seen = 0
    for (node_id, given), count in zip(results.items(), counts):
        if seen + count > MAX_COLUMNS:
            path = (node_id, next(itertools.islice(given, MAX_COLUMNS - seen, None))) if isinstance(given, dict) \
                else (node_id,)
            return told(path, total, phrase("record-values"))
        seen += count
    return None  # not reached: the counts add up to more than the limit


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
