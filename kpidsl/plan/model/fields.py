"""Reading plan JSON one field at a time, each value remembering its JSON pointer.

The typed plan is built from a plan dict by the ``read`` class methods of the
model; each takes a :class:`Field` and asks it for what it expects (a text, a
decimal, a list of …). Anything else raises :class:`PlanFormatError` naming the
registry code (T003–T008) and the JSON pointer of the value, so that a bad
plan.json is reported at the line of the value, never as a traceback.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

import attrs

from ...diagnostics.phrases import phrase

T = TypeVar("T")

# The plan format's two ways of writing a figure (plan.schema.json, $defs decimal and number_text).
DECIMAL_TEXT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# What a value should be: the {expected} of T005 and T006, said in both languages by the
# phrase plan-expects-KEY (kpidsl/diagnostics/phrases.py).
EXPECTED = frozenset({"object", "array", "string", "integer", "boolean", "decimal", "date", "nonempty", "range",
                      "shape", "count", "grade"})


def pointer_token(key: str | int) -> str:
    """One step of a JSON pointer (RFC 6901): ``~`` and ``/`` escaped."""
    return str(key).replace("~", "~0").replace("/", "~1")


class PlanFormatError(Exception):
    """A plan value that is not what the plan format says: a registry code, the JSON
    pointer of the value and the fields its message needs."""

    def __init__(self, code: str, pointer: str, fields: dict[str, Any]):
        super().__init__(code, pointer)
        self.code = code
        self.pointer = pointer
        self.fields = fields

    def __str__(self) -> str:
        return f"{self.code} at {self.pointer or '/'}: {self.fields}"


class NotInPlan(KeyError):
    """A look-up by id of something the plan does not hold (``plan.agreement("x")``)."""

    def __init__(self, kind: str, id: str):
        super().__init__(f"{kind} {id!r} is not in the plan")
        self.kind = kind
        self.id = id


@attrs.frozen
class Field:
    """A value of the plan dict and its JSON pointer."""

    value: Any
    pointer: str = ""

    # ---- failing -----------------------------------------------------------------------------
    def fail(self, code: str, **fields: Any) -> PlanFormatError:
        return PlanFormatError(code, self.pointer, {"pointer": self.pointer or "/", **fields})

    def wrong_type(self, expected: str) -> PlanFormatError:
        return self.fail("T005", expected=expected)

    def bad_value(self, expected: str) -> PlanFormatError:
        return self.fail("T006", value=_short(self.value), expected=expected)

    # ---- objects -----------------------------------------------------------------------------
    def obj(self, *keys: str, optional: Iterable[str] = ()) -> "Obj":
        """An object with exactly ``keys`` (and maybe ``optional``): a missing key is T003,
        one the plan format does not know is T004."""
        if not isinstance(self.value, dict):
            raise self.wrong_type("object")
        allowed = set(keys) | set(optional)
        for key in self.value:
            if key not in allowed:
                raise PlanFormatError("T004", self.child(key).pointer, {"pointer": self.pointer or "/", "field": key})
        for key in keys:
            if key not in self.value:
                raise self.fail("T003", field=key)
        return Obj(self.value, self.pointer)

    def child(self, key: str | int) -> "Field":
        return Field(self.value[key], f"{self.pointer}/{pointer_token(key)}")

    # ---- lists -------------------------------------------------------------------------------
    def items(self, low: int = 0, high: int | None = None) -> Iterator["Field"]:
        if not isinstance(self.value, list):
            raise self.wrong_type("array")
        if len(self.value) < low or (high is not None and len(self.value) > high):
            raise self.fail("T006", value=f"[{len(self.value)}]", expected=phrase("plan-expects-count"))
        return (self.child(i) for i in range(len(self.value)))

    def each(self, read: Callable[["Field"], T], low: int = 0, high: int | None = None) -> tuple[T, ...]:
        return tuple(read(f) for f in self.items(low, high))

    def texts(self) -> tuple[str, ...]:
        return self.each(Field.text)

    # ---- scalars -----------------------------------------------------------------------------
    def text(self) -> str:
        if not isinstance(self.value, str):
            raise self.wrong_type("string")
        return self.value

    def id(self) -> str:
        text = self.text()
        if not text:
            raise self.bad_value("nonempty")
        return text

    def integer(self, low: int | None = None, high: int | None = None) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.wrong_type("integer")
        if (low is not None and self.value < low) or (high is not None and self.value > high):
            raise self.bad_value("range")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.wrong_type("boolean")
        return self.value

    def decimal(self) -> Decimal:
        """A figure as the compiler writes it: 18, 87.5, 0.05 (no trailing zeros)."""
        return self._figure(DECIMAL_TEXT)

    def number(self) -> Decimal:
        """A figure as the rule file wrote it, trailing zeros kept (3.5000): Decimal keeps them."""
        return self._figure(NUMBER_TEXT)

    def _figure(self, pattern: re.Pattern) -> Decimal:
        text = self.text()
        if not pattern.fullmatch(text):
            raise self.bad_value("decimal")
        return Decimal(text)

    def date(self) -> datetime.date:
        text = self.text()
        try:
            if not ISO_DATE.fullmatch(text):
                raise ValueError(text)
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise self.bad_value("date") from None

    def one_of(self, *choices: Any) -> Any:
        """One of a fixed set of words (or null, when ``None`` is among them)."""
        if not isinstance(self.value, (str, type(None))):
            raise self.wrong_type("string")
        if self.value not in choices:
            raise self.fail("T006", value=_short(self.value),
                            expected=" | ".join("null" if c is None else str(c) for c in choices))
        return self.value

    # ---- null --------------------------------------------------------------------------------
    def maybe(self, read: Callable[["Field"], T]) -> T | None:
        """``read`` of the value, or None for null."""
        return None if self.value is None else read(self)


class Obj(Field):
    """An object whose keys were checked: ``o["key"]`` is the field under that key."""

    def __getitem__(self, key: str) -> Field:
        return self.child(key)

    def has(self, key: str) -> bool:
        return key in self.value


def _short(value: Any) -> str:
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


# ---- writing back ---------------------------------------------------------------------------------
def dec_text(value: Decimal | None) -> str | None:
    """A decimal as the plan writes it, the same text it was read from."""
    return None if value is None else f"{value:f}"


def each_json(items: Iterable[Any]) -> list:
    return [i.to_json() for i in items]


def maybe_json(item: Any) -> Any:
    return None if item is None else item.to_json()


def resolve(f: Field, table: Mapping[str, object], kind: str) -> object:
    """The object an id names in ``table``; an id the plan does not hold is T007."""
    id = f.id()
    if id not in table:
        raise f.fail("T007", kind=kind, id=id)
    return table[id]
