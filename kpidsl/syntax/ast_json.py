"""The rule AST and its diagnostics as JSON data, read back only into the classes
their declared field types allow.

The parse cache (cache.py) keeps parses in this form: reading JSON runs no code,
and decoding builds nothing but what the attrs annotations of the AST allow at
each place, checking every value against its field's type. Both directions are
derived from those annotations, so a new AST field or node class needs no
change here.

The form: None, booleans, integers and strings as themselves; a Decimal as
``["Decimal", "90.5"]``; a tuple as a list; an attrs object as a list of its
class name and then every field's value in declaration order (fields left out
of equality, such as spans, included).
"""

from __future__ import annotations

import operator
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Union

import attrs

# The only modules whose classes decoding may build: the rule AST, the statement
# tree it keeps formulas in, dates as written, spans and diagnostics.
ALLOWED_MODULES = frozenset({
    "kpidsl.syntax.ast",
    "kpidsl.syntax.cst",
    "kpidsl.syntax.dates",
    "kpidsl.diagnostics.span",
    "kpidsl.diagnostics.model",
})
DECIMAL_TAG = "Decimal"
_SCALARS = (type(None), bool, int, str)

Decoder = Callable[[Any], Any]


class BadData(ValueError):
    """The data is not a value of the type asked for."""


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data (lists, strings, numbers, None)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is Decimal:
        return [DECIMAL_TAG, str(value)]
    if kind is tuple:
        return [encode(item) for item in value]
    return [kind.__name__, *[encode(getattr(value, name)) for name in _field_names(kind)]]


def decode(data: Any, kind: Any) -> Any:
    """The value of type ``kind`` that ``data`` encodes; BadData when it encodes none."""
    return decoder(kind)(data)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_DECODERS: dict[Any, Decoder] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        _check_allowed(cls)
        names = _FIELD_NAMES[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


def _check_allowed(cls: Any) -> None:
    if not (isinstance(cls, type) and attrs.has(cls) and cls.__module__ in ALLOWED_MODULES):
        raise BadData(f"{cls!r} is not a class of the rule AST")
    for f in attrs.fields(cls):
        if not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: a field set outside __init__ cannot be read back")


def decoder(kind: Any) -> Decoder:
    """The function that decodes data of type ``kind`` (built once per type)."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _build(kind)
    return found


def _build(kind: Any) -> Decoder:
    if kind in _SCALARS:
        return _DECODERS.setdefault(kind, _scalar(kind))
    if kind is Decimal:
        return _DECODERS.setdefault(kind, _decimal)
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return _DECODERS.setdefault(kind, _union(typing.get_args(kind)))
    if origin is tuple:
        return _DECODERS.setdefault(kind, _tuple(typing.get_args(kind)))
    if isinstance(kind, type) and attrs.has(kind):
        return _instance(kind)
    raise TypeError(f"{kind!r}: not a type the rule AST may hold")


def _scalar(kind: type) -> Decoder:
    def decode_scalar(data: Any) -> Any:
        if type(data) is not kind:
            raise BadData(f"{kind.__name__} expected")
        return data

    return decode_scalar


def _decimal(data: Any) -> Decimal:
    if type(data) is not list or len(data) != 2 or data[0] != DECIMAL_TAG or type(data[1]) is not str:
        raise BadData("a decimal expected")
    try:
        return Decimal(data[1])
    except InvalidOperation:
        raise BadData("a decimal expected") from None


def _tuple(args: tuple) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = decoder(args[0])

        def decode_items(data: Any) -> tuple:
            if type(data) is not list:
                raise BadData("a list expected")
            return tuple(map(item, data))

        return decode_items
    items = tuple(decoder(a) for a in args)

    def decode_fixed(data: Any) -> tuple:
        if type(data) is not list or len(data) != len(items):
            raise BadData(f"a list of {len(items)} expected")
        return tuple(d(x) for d, x in zip(items, data))

    return decode_fixed


def _tag(kind: Any) -> str | None:
    """The name a tagged list of this type starts with (None: not a tagged list)."""
    if kind is Decimal:
        return DECIMAL_TAG
    return kind.__name__ if isinstance(kind, type) and attrs.has(kind) else None


def _union(args: tuple) -> Decoder:
    scalars = {a: _scalar(a) for a in args if a in _SCALARS}
    tagged: dict[str, Decoder] = {}
    lists: list[Decoder] = []
    for a in args:
        if a in scalars:
            continue
        tag = _tag(a)
        if tag is None:
            lists.append(decoder(a))
        elif tag in tagged:
            raise TypeError(f"two types named {tag} in one union")
        else:
            tagged[tag] = decoder(a)
    if lists and (tagged or len(lists) > 1):
        raise TypeError(f"Union{list(args)}: its lists could not be told apart")
    as_list = lists[0] if lists else None
    if len(tagged) == 1 and not lists and set(scalars) == {type(None)}:
        (inner,) = tagged.values()

        def decode_optional(data: Any) -> Any:
            return None if data is None else inner(data)

        return decode_optional

    def decode_union(data: Any) -> Any:
        kind = type(data)
        if kind is list:
            if as_list is not None:
                return as_list(data)
            if data and type(data[0]) is str and data[0] in tagged:
                return tagged[data[0]](data)
            raise BadData("none of the types allowed here")
        if kind in scalars:
            return data
        raise BadData("none of the types allowed here")

    return decode_union


def _scalar_types(kind: Any) -> frozenset | None:
    """The JSON scalar types a field of this type takes, when it takes nothing else."""
    if kind in _SCALARS:
        return frozenset({kind})
    if typing.get_origin(kind) in (Union, types.UnionType) and all(a in _SCALARS for a in typing.get_args(kind)):
        return frozenset(typing.get_args(kind))
    return None


def _instance(cls: type) -> Decoder:
    """Most fields of a node are strings, numbers or None: their types are checked in
    one pass (map over the field types), and only the other fields call a decoder."""
    _check_allowed(cls)
    fields = attrs.fields(cls)
    width = len(fields) + 1
    tag = cls.__name__
    scalar_places: list[int] = []
    scalar_sets: list[frozenset] = []
    nested: list[tuple[Decoder, int]] = []  # (decoder, place in the data)
    keyword_names = tuple(f.alias or f.name for f in fields if f.kw_only)
    first_keyword = 1 + len(fields) - len(keyword_names)
    # Keyword-only fields usually come last (spans); Bands has one in the middle.
    positional_places = [place for place, f in enumerate(fields, start=1) if not f.kw_only]
    keyword_places = [(f.alias or f.name, place) for place, f in enumerate(fields, start=1) if f.kw_only]
    keywords_last = positional_places == list(range(1, first_keyword))

    def scalars_of(data: list) -> tuple:
        return ()

    def decode_instance(data: Any) -> Any:
        if type(data) is not list or len(data) != width or data[0] != tag:
            raise BadData(f"a {tag} expected")
        if not all(map(operator.contains, scalar_sets, map(type, scalars_of(data)))):
            raise BadData(f"a {tag} with a value of the wrong type")
        values = data[:]
        for d, place in nested:
            values[place] = d(values[place])
        if not keyword_names:
            return cls(*values[1:])
        if keywords_last:
            return cls(*values[1:first_keyword], **dict(zip(keyword_names, values[first_keyword:])))
        return cls(*[values[p] for p in positional_places], **{name: values[p] for name, p in keyword_places})

    # Registered before its fields' decoders are built: a node may hold nodes of its own class.
    _DECODERS[cls] = decode_instance
    try:
        hints = typing.get_type_hints(cls)
        for place, f in enumerate(fields, start=1):
            kinds = _scalar_types(hints[f.name])
            if kinds is None:
                nested.append((decoder(hints[f.name]), place))
            else:
                scalar_places.append(place)
                scalar_sets.append(kinds)
    except BaseException:
        del _DECODERS[cls]
        raise
    if len(scalar_places) == 1:
        (only,) = scalar_places
        scalars_of = lambda data: (data[only],)  # noqa: E731
    elif scalar_places:
        scalars_of = operator.itemgetter(*scalar_places)
    return decode_instance
