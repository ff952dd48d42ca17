"""The evaluations of a batch as `score --format json` writes them, a run at a time.

Each is ``json.dumps(evaluation_dict(evaluation), ensure_ascii=False)``, but that writes
17 nodes of 10 fields for every row, and most of each node (id, kind, title, weight,
omitted, the keys) is the same for every row of an agreement. So the document's text is
written once per agreement and *shape* (which of a row's figures are None, which texts
are empty), by report.py's own evaluation_doc and json.dumps, from a stand-in evaluation
whose figures are marks; the marks are then the places a row's figures are written into,
column by column over a run of rows (the C-level maps of report.py's CSV lines). The
layout is thus never written twice: a new field in evaluation_doc appears here by itself.
tests/test_json_text.py holds the texts equal to json.dumps's, byte for byte.
"""

from __future__ import annotations

import json
import re
from itertools import repeat
from json.encoder import encode_basestring
from operator import attrgetter, is_, itemgetter

from .evaluate import Evaluation
from .numbers import fixed, plain, plains
from .report import FIXED_BY_STR, evaluation_dict, evaluation_doc

# A row's figure in the template's text: a character JSON writes as it is (ensure_ascii
# off), from Unicode's private use area; a template whose fixed text holds one (a title
# that does) is not made, and its rows are written by json.dumps.
MARK, END = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK}(\\d+){END}")
_INSIDE = itemgetter(slice(1, -1))  # a JSON string's text without its quotes
# Which of an evaluation's items (kpidsl/score/evaluate/agreement.py Evaluation) are texts
# (person, round) and which figures (total, penalty, final, raise %, amount).
_TEXTS, _FIGURES = (1, 2), (5, 6, 7, 10, 11)


class Figure:
    """A row's figure in the stand-in evaluation: where its column is (``column``)."""

    __slots__ = ("column",)

    def __init__(self, column: tuple) -> None:
        self.column = column

    def __bool__(self) -> bool:
        # a layout that asked a figure's truth would write rows differently by their
        # figures, which a shape does not tell apart: such a layout must be made known here
        raise TypeError("evaluation_doc tests a figure's truth: kpidsl/score/json_text.py shapes cannot tell")


class _Band:
    """The stand-in of a row's band: its id and title, marks or as the row has them."""

    __slots__ = ("id", "title")

    def __init__(self, id_, title) -> None:
        self.id, self.title = id_, title


def _text_state(text) -> int:
    """A text's part of a shape: None, empty, or written."""
    return 0 if text is None else 1 if text == "" else 2


def _band_state(band) -> tuple | None:
    return None if band is None else (_text_state(band.id), _text_state(band.title))


def _range_state(pair) -> tuple | None:
    return None if pair is None else tuple(map(is_, pair, repeat(None)))


class Template:
    """The text of evaluation_doc for one agreement and shape: ``format`` % the texts of a
    row's ``slots`` (each (column, form): "num" as evaluation_dict's num, "figure" as plain,
    "text" a JSON string's inside)."""

    __slots__ = ("format", "slots")

    def __init__(self, format_: str, slots: list) -> None:
        self.format, self.slots = format_, slots


def template(evaluator, shape: tuple) -> Template | None:
    """The Template of ``evaluator``'s rows of ``shape`` (_shapes), or None when a fixed
    text of the document holds a MARK or END (a title that does: then json.dumps)."""
    slots: list[tuple] = []

    def mark(column: tuple, form: str) -> str:
        slots.append((column, form))
        return f"{MARK}{len(slots) - 1}{END}"

    def num(value):
        if isinstance(value, Figure):
            return mark(value.column, "num")
        return None if value is None else fixed(evaluator.rounded(value), evaluator.policies.decimals)

    def figure(value):
        return mark(value.column, "figure") if isinstance(value, Figure) else plain(value)

    def text(column: tuple, state: int):
        return None if state == 0 else "" if state == 1 else mark(column, "text")

    texts, nodes, band, pair, figures = shape
    items = [evaluator, None, None, None, None, None, None, None, None, None, None, None]
    for k, state in zip(_TEXTS, texts):
        items[k] = text(("item", k), state)
    for k, none in zip(_FIGURES, figures):
        items[k] = None if none else Figure(("item", k))
    items[3] = [tuple(None if none else Figure(("node", i, j)) for j, none in enumerate(triple))
                for i, triple in enumerate(nodes)]
    if band is not None:
        items[8] = _Band(text(("band", "id"), band[0]), text(("band", "title"), band[1]))
    if pair is not None:
        items[9] = tuple(None if none else Figure(("range", j)) for j, none in enumerate(pair))
    whole = json.dumps(evaluation_doc(Evaluation(items), num, figure), ensure_ascii=False)
    parts = _MARKED.split(whole)
    fixed_texts, numbers = parts[::2], parts[1::2]
    if sorted(map(int, numbers)) != list(range(len(slots))) or any(MARK in t or END in t for t in fixed_texts):
        return None  # a mark the document's own texts hold, or a figure marked and not written
    return Template("%s".join(t.replace("%", "%%") for t in fixed_texts), [slots[int(n)] for n in numbers])


def _shapes(evaluations) -> list:
    """Each evaluation's shape: its person's and round's _text_state, per node which of
    (value, score, weighted) are None, its band's and raise range's states, and which of
    its total, penalty, final, raise % and amount are None; made column by column."""
    columns = list(zip(*evaluations))
    texts = zip(*(map(_text_state, columns[k]) for k in _TEXTS))
    nodes = zip(*(zip(*(tuple(map(is_, column, repeat(None))) for column in zip(*node)))
                  for node in zip(*columns[3]))) if evaluations[0][3] else repeat(())
    figures = zip(*(map(is_, columns[k], repeat(None)) for k in _FIGURES))
    return list(zip(texts, nodes, map(_band_state, columns[8]), map(_range_state, columns[9]), figures))


TEMPLATES_KEPT = 1_000  # a batch's agreements × shapes met; a file has a few


class JsonTexts:
    """The texts of a batch's evaluations, with the templates made (per agreement and shape)."""

    def __init__(self) -> None:
        self.templates: dict = {}

    def texts(self, evaluations: list) -> list[str]:
        """json.dumps(evaluation_dict(e), ensure_ascii=False) of each of ``evaluations``."""
        return list(self.each(evaluations))

    def each(self, evaluations: list):
        """texts(evaluations) one by one, as they are taken: a run of a thousand rows is
        megabytes of text, which a writer need not hold at once."""
        if not evaluations:
            return []
        evaluator = evaluations[0][0]
        if not all(map(is_, map(itemgetter(0), evaluations), repeat(evaluator))):
            return self._by(evaluations, [e[0] for e in evaluations])
        shapes = _shapes(evaluations)
        shape = shapes[0]
        if shapes.count(shape) != len(shapes):
            return self._by(evaluations, shapes)
        key = (evaluator, shape)
        if key not in self.templates:
            if len(self.templates) >= TEMPLATES_KEPT:  # rows of ever new shapes: memory stays flat
                self.templates.clear()
            self.templates[key] = template(evaluator, shape)
        made = self.templates[key]
        if made is None:
            return [json.dumps(evaluation_dict(e), ensure_ascii=False) for e in evaluations]
        return _filled(made, evaluator, evaluations)

    def _by(self, evaluations: list, keys: list) -> list[str]:
        """texts() of each group of the evaluations of one key, put back in their order."""
        groups: dict = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        out: list = [None] * len(evaluations)
        for places in groups.values():
            for i, text in zip(places, self.each([evaluations[i] for i in places])):
                out[i] = text
        return out


def _filled(made: Template, evaluator, evaluations: list):
    """The texts of evaluations of one agreement and shape: each slot's column written by its form."""
    decimals, rounded = evaluator.policies.decimals, evaluator.rounded
    if 0 <= decimals <= FIXED_BY_STR:  # rounded to exactly that many places: str() writes it as fixed() does
        def num(values):  # evaluation_dict's num: fixed(rounded(value), decimals)
            return map(str, rounded.many(values))
    else:
        def num(values):
            return [fixed(x, decimals) for x in rounded.many(values)]
    forms = {"num": num,
             "figure": plains,
             "text": lambda values: map(_INSIDE, map(encode_basestring, values))}
    columns = Columns(evaluations)
    filled = [_each(forms[form], columns.of(at)) for at, form in made.slots]
    rows = zip(*filled) if filled else repeat((), len(evaluations))
    return map(made.format.__mod__, rows)


class Columns:
    """A run's figures by where a template's slot finds them (template()'s columns), each
    taken once. No closures over itself: a run's columns are freed as soon as it is
    written, not by the rarely run cyclic collector (kpidsl/score/batch.py BATCH_GC_EVERY)."""

    def __init__(self, evaluations: list) -> None:
        self.items = list(zip(*evaluations))
        self.nodes: list = []
        self.known: dict = {}

    def of(self, at: tuple):
        values = self.known.get(at)
        if values is not None:
            return values
        kind, items = at[0], self.items
        if kind == "item":
            values = items[at[1]]
        elif kind == "node":
            if not self.nodes:
                self.nodes = [list(zip(*node)) for node in zip(*items[3])]
            values = self.nodes[at[1]][at[2]]
        elif kind == "band":
            values = list(map(attrgetter(at[1]), items[8]))
        else:  # "range"
            values = list(map(itemgetter(at[1]), items[9]))
        self.known[at] = values
        return values


def _each(write, values: list):
    """write(values), each distinct object written once: a run's rows share most of their
    figures (a cell's text is read once, kpidsl/score/evaluate/rows.py; a ladder gives the
    same score object). By identity, not equality: 0 and -0 are equal and written apart;
    every one of ``values`` is alive meanwhile, so no identity is another's."""
    firsts = dict(zip(map(id, values), values))
    if len(firsts) * 2 > len(values):  # few repeat: a table would cost more than it saves
        return write(values)
    table = dict(zip(firsts, write(firsts.values())))
    return map(table.__getitem__, map(id, values))
