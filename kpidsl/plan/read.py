"""Reading a plan into the typed model: from the compiler (trusted) or from a
plan.json file (checked, every problem a located diagnostic).

A plan.json is checked against ``plan.schema.json`` with ``jsonschema`` when it
is installed (the ``schema`` extra; ``test`` pulls it in). It is not a core
dependency: it brings three more packages, one of them compiled, for a check
the typed reader already makes. The reader checks every shape, word and
figure the schema does (and more: real calendar dates, ids listed once,
references that resolve), so without jsonschema a bad plan is still refused
with a T-code at the line of the offending value.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import Span
from ..recent import Recent
from ..regular_file import NotRegular, TooBig, read_regular
from ..source import classify, decode, display_path, reason
from .locate import deeper_than, line_column, offset_of, pointer_tokens
from .model import Plan
from .model.fields import EXPECTED, Field, PlanFormatError, pointer_token
from .schema import load_schema
from .version import PLAN_VERSION

# A plan is a few hundred kilobytes (rules/2554 gives 0.3 MB); a rule set at its own
# limits (4 MB a file) stays far below these.
MAX_PLAN_BYTES = 64 * 1024 * 1024
# Shipped plans nest 12 and 18 deep; the reader and the schema check recurse per level.
MAX_PLAN_DEPTH = 100

KINDS = {"framework": Bi("framework", "กรอบ"), "agreement": Bi("agreement", "คำรับรอง"),
         "bands": Bi("rating bands", "ระดับผลการประเมิน"), "calendar": Bi("calendar", "ปฏิทิน"),
         "example": Bi("example", "ตัวอย่าง"), "grade": Bi("salary grade", "ระดับตำแหน่ง")}


class PlanFileError(Exception):
    """A plan file that cannot be read: its diagnostics (F- or T-codes), located."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(f"{d.code} {d.message_en}" for d in diagnostics))
        self.diagnostics = diagnostics

    @property
    def io(self) -> bool:
        """True when the trouble is the path, not the plan (exit 2 rather than 1)."""
        return any(d.io for d in self.diagnostics)


def typed_plan(plan: dict) -> Plan:
    """The typed plan of a plan dict from ``compile_plan``. A dict that breaks the plan
    format raises ``PlanFormatError`` (its code and JSON pointer)."""
    return Plan.read(Field(plan), PLAN_VERSION)


# The typed plans of the last few plan dicts read (kpidsl/recent.py): backends are handed
# the compiler's dict (kpidsl/cli/common.py load_plan) and each reads it typed.
_TYPED: Recent[dict, Plan] = Recent(4)


def plan_of(plan: "dict | Plan") -> Plan:
    """The typed plan of a plan dict from ``compile_plan`` (read once while it is among the
    last few read), or the typed plan itself."""
    return plan if isinstance(plan, Plan) else _TYPED.of(plan, typed_plan)


def read_plan_file(path: Path) -> Plan:
    """The typed plan in a plan.json; ``PlanFileError`` with a located diagnostic if it
    cannot be read or is not a plan."""
    return read_plan_text(_read_text(path), display_path(path))


def read_plan_text(text: str, shown: str) -> Plan:
    """The typed plan in a plan's JSON text (``shown`` names it in diagnostics)."""
    def stop(code: str, offset: int, **fields: Any) -> PlanFileError:
        line, column = line_column(text, offset)
        return PlanFileError([CODES[code].at(Span.point(shown, line, column), **fields)])

    try:
        doc = json.loads(text)
    except ValueError as e:  # JSONDecodeError, or an integer of more digits than Python converts
        raise stop("T001", getattr(e, "pos", 0)) from None
    except RecursionError:
        doc = None
    deep = deeper_than(text, MAX_PLAN_DEPTH) if doc is None or _depth(doc) > MAX_PLAN_DEPTH else None
    if doc is None or deep is not None:
        raise stop("T009", deep or 0, what=phrase("nesting-depth"), size=f"> {MAX_PLAN_DEPTH}",
                   limit=MAX_PLAN_DEPTH) from None
    problem = _schema_problem(doc)
    if problem is None:
        try:
            return typed_plan(doc)
        except PlanFormatError as e:
            problem = e
    raise _located(problem, text, shown)


def _schema_problem(doc: Any) -> PlanFormatError | None:
    """What plan.schema.json finds wrong (None when jsonschema is not installed), said as
    the typed reader says it when the reader finds it too (its pointer is the narrowest)."""
    validator = schema_validator()
    if validator is None:
        return None
    from jsonschema.exceptions import best_match

    try:
        error = best_match(validator.iter_errors(doc))
    except RecursionError:  # pragma: no cover - MAX_PLAN_DEPTH keeps the schema check shallow
        error = None
    if error is None:
        return None
    try:
        typed_plan(doc)
    except PlanFormatError as e:
        return e
    return _schema_error(error)


# ---- reading the bytes ------------------------------------------------------------------------------
def _read_text(path: Path) -> str:
    shown = display_path(path)
    kind = classify(path)  # for what it says of a missing file or a link to nowhere
    if isinstance(kind, Diagnostic):
        raise PlanFileError([kind])
    try:
        data = read_regular(path, MAX_PLAN_BYTES)
    except NotRegular as e:
        raise PlanFileError([CODES["F009"].at(Span.whole_file(shown), path=shown, reason=reason(e))]) from None
    except TooBig as e:
        raise PlanFileError([CODES["T009"].at(Span.whole_file(shown), what=phrase("file-size"),
                                              size=f"{e.size / 1048576:.1f} MB",
                                              limit=f"{MAX_PLAN_BYTES // 1048576} MB")]) from None
    except OSError as e:
        raise PlanFileError([CODES["F009"].at(Span.whole_file(shown), path=shown, reason=reason(e))]) from None
    text, diags = decode(data, shown)
    if text is None:
        raise PlanFileError([d for d in diags if d.is_error])
    return text


def _depth(doc: Any) -> int:
    """How deep a loaded JSON value nests, without recursion."""
    deepest = 0
    stack = [(doc, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


# ---- saying what is wrong -------------------------------------------------------------------------------
def _located(problem: PlanFormatError, text: str, shown: str) -> PlanFileError:
    fields = dict(problem.fields)
    expected = fields.get("expected")  # a key of EXPECTED, the choices, or a phrase given already
    if isinstance(expected, str):
        fields["expected"] = phrase(f"plan-expects-{expected}") if expected in EXPECTED else \
            phrase("one-of", choices=expected)
    if "kind" in fields and fields["kind"] in KINDS:
        fields["kind"] = KINDS[fields["kind"]]
    line, column = line_column(text, offset_of(text, pointer_tokens(problem.pointer)))
    return PlanFileError([CODES[problem.code].at(Span.point(shown, line, column), **fields)])


@lru_cache(maxsize=1)
def schema_validator() -> Any:
    """A jsonschema validator of plan.schema.json, or None when jsonschema is not installed."""
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        return None
    return Draft202012Validator(load_schema())


def _schema_error(error: Any) -> PlanFormatError:
    pointer = "".join(f"/{pointer_token(p)}" for p in error.absolute_path)
    field = Field(error.instance, pointer)
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        return field.fail("T003", field=missing)
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return field.wrong_type(wanted if wanted in EXPECTED else "shape")
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in known), next(iter(error.instance), ""))
        return PlanFormatError("T004", field.child(extra).pointer, {"pointer": pointer or "/", "field": extra})
    return field.bad_value("shape")
