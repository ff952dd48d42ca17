"""Where two typed plans (or two parts of one) differ: the paths of the values that are
not the same, found by walking the model's attrs fields, so a field added to the model
is compared without an edit here.

A thing reached twice (an agreement's framework is also among the plan's frameworks)
is compared once, at the first path that reaches it. A figure is the same only when
it is written the same (``1.0`` is not ``1``): its text is part of the plan."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

Path = tuple[str, ...]


def differences(old: Any, new: Any) -> list[Path]:
    """The paths (field names, ids, list positions) at which ``old`` and ``new`` differ,
    in the order the model lists its fields."""
    return list(_walk(old, new, (), set()))


def _walk(a: Any, b: Any, path: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    if a is b:
        return
    if type(a) is not type(b):
        yield path
        return
    if attrs.has(type(a)):
        if (id(a), id(b)) in seen:
            return
        seen.add((id(a), id(b)))
        for field in attrs.fields(type(a)):
            if field.eq:
                yield from _walk(getattr(a, field.name), getattr(b, field.name), (*path, field.name), seen)
    elif isinstance(a, Mapping):
        for key in (*a, *(k for k in b if k not in a)):
            if key not in a or key not in b:
                yield (*path, str(key))
            else:
                yield from _walk(a[key], b[key], (*path, str(key)), seen)
    elif isinstance(a, (tuple, list)):
        if len(a) != len(b):
            yield path
            return
        for k, (x, y) in enumerate(zip(a, b)):
            yield from _walk(x, y, (*path, str(k)), seen)
    elif isinstance(a, Decimal):
        if a != b or str(a) != str(b):
            yield path
    elif a != b:
        yield path
