"""A rule of arithmetic written once, as data, applied to one figure or to a run of them.

A rule here is its steps ``(function, *constants)`` (Steps): the figure goes through each,
``x = function(x, *constants)`` (score × share ÷ 100 is ``((multiply, share), (divide,
100))``; Σ from 0 is ``((sum, 0),)`` of a row of figures). ``apply`` takes one figure (the
evaluation a person asks to have explained), ``apply_all`` a run of them (a batch's run of
rows), each step mapped over the run in C. The same steps, so the same figures: a rule is
never written a second time for speed (kpidsl/score/evaluate/agreement.py, kinds.py).

A figure missing (None) goes through as None: a step meets it as a TypeError.

A step written as CONTEXT's method (``CONTEXT.multiply``) is run over a run of figures as its
operator (``operator.mul``) when the current context computes as CONTEXT does
(kpidsl/score/numbers.py computes_as_context: a batch runs under CONTEXT,
kpidsl/score/batch.py): the same operation of the decimal module under equal settings, so
the same figure (tests/test_score_run_shapes.py holds them equal, at CONTEXT's 40 digits
too), for about two thirds of the cost of the method's call.
"""

from __future__ import annotations

from decimal import getcontext
from functools import partial
from itertools import compress, repeat
from operator import add, attrgetter, call, is_, mul, sub, truediv

from ..numbers import CONTEXT, computes_as_context

# CONTEXT's methods of arithmetic, each with the operator that does the same under CONTEXT
OPERATOR_OF = {CONTEXT.add: add, CONTEXT.subtract: sub, CONTEXT.multiply: mul, CONTEXT.divide: truediv}

class Steps:
    """A rule: its steps ``(function, constants)``, and ``one``, the function applying them to
    one figure (None for a figure missing), made from them once."""

    __slots__ = ("steps", "one", "operators")

    def __init__(self, steps: tuple):
        self.steps = steps
        self.one = _one_of(steps)
        # the same steps, CONTEXT's methods as their operators (for a run under CONTEXT: apply_all)
        self.operators = tuple((OPERATOR_OF.get(function, function), constants) for function, constants in steps)


def written(*steps: tuple) -> Steps:
    """A rule from its steps as written, ``(function, *constants)`` each."""
    return Steps(tuple((step[0], tuple(step[1:])) for step in steps))


def _one_of(steps: tuple):
    """The steps as one function of a figure: one or two steps of a constant each called
    directly (the explaining path applies them once an evaluation), any others in a loop."""
    if len(steps) == 1 and len(steps[0][1]) == 1:
        (function, (constant,)), = steps

        def one(x):
            try:
                return function(x, constant)
            except TypeError:  # a figure missing
                return None
        return one
    if len(steps) == 2 and len(steps[0][1]) == 1 and len(steps[1][1]) == 1:
        (first, (a,)), (second, (b,)) = steps

        def one(x):
            try:
                return second(first(x, a), b)
            except TypeError:  # a figure missing
                return None
        return one

    def one(x):
        try:
            for function, constants in steps:
                x = function(x, *constants)
        except TypeError:  # a figure missing
            return None
        return x
    return one


def apply(steps: Steps, x):
    """``x`` through ``steps``; None when ``x`` is None or holds one (a row with a None)."""
    return steps.one(x)


def apply_all(steps: Steps, xs) -> list:
    """``apply(steps, x)`` of each of ``xs``, each step mapped over them in C (as its operator,
    under a context that computes as CONTEXT does)."""
    xs = xs if type(xs) is list else list(xs)
    out = xs
    try:
        for function, constants in steps.operators if computes_as_context(getcontext()) else steps.steps:
            out = map(function, out, *map(repeat, constants))
        return list(out)
    except TypeError:  # a figure missing: each on its own
        return list(map(steps.one, xs))


def has_none(values) -> bool:
    """Whether one of ``values`` is None (by identity: no Decimal comparison)."""
    return any(map(is_, values, repeat(None)))


def fill_misses(found: list, fill) -> list:
    """``found`` with each None replaced by ``fill(i)`` (``i``: its place), in order: the
    Nones picked out in C, so a run of a thousand with a few misses costs the misses, not a
    Python step a row."""
    for i in compress(range(len(found)), map(is_, found, repeat(None))):
        found[i] = fill(i)
    return found


ONE_OF = attrgetter("one")  # a Steps' function of one figure


class One:
    """The shape of one row: each figure itself (``columns``: the row's node results). What
    can be is a C function (operator.call, a partial of one): the explaining path calls
    these once an evaluation, and a Python call costs more than the work it wraps."""

    each = staticmethod(call)  # function(x)
    apply = staticmethod(lambda steps, x: steps.one(x))
    rows = staticmethod(tuple)  # the figures of the one row, as a row
    nothing = staticmethod(lambda rows: None)
    has_none = staticmethod(partial(is_, None))  # x is None
    call = staticmethod(call)  # function(*xs)
    same = staticmethod(lambda x: x)
    rounded = staticmethod(call)  # rounded(x)
    keyed = staticmethod(lambda x, obj: (x, id(obj)))
    placed = staticmethod(lambda pieces, x: pieces.one(x))  # a band_pieces.Pieces' answer

    @staticmethod
    def picked(function, columns, indexes) -> list:
        """function() of the row's figure at each of ``indexes``."""
        return list(map(function, map(columns.__getitem__, indexes)))

    @staticmethod
    def applied(rules, xs) -> list:
        """Each rule applied to its figure (rule.one(x), the loop in C)."""
        return list(map(call, map(ONE_OF, rules), xs))


    @staticmethod
    def evaluations(make, first, *fields) -> list:
        return [make((first, *fields))]


class Many:
    """The shape of a run of rows: each figure a column of the rows' (a list), the steps
    mapped over it in C."""

    each = staticmethod(lambda function, xs: list(map(function, xs)))
    apply = staticmethod(apply_all)
    rows = staticmethod(lambda columns: zip(*columns))
    nothing = staticmethod(lambda rows: repeat(None))
    has_none = staticmethod(has_none)
    call = staticmethod(lambda function, *xs: list(map(function, *xs)))
    same = staticmethod(repeat)
    rounded = staticmethod(lambda rounded, xs: list(rounded.many(xs)))
    keyed = staticmethod(lambda xs, objs: list(zip(xs, map(id, objs))))
    placed = staticmethod(lambda pieces, xs: pieces.many(xs))

    @staticmethod
    def picked(function, columns, indexes) -> list:
        """function() of each figure of the column at each of ``indexes``."""
        return [list(map(function, columns[i])) for i in indexes]

    @staticmethod
    def applied(rules, columns) -> list:
        """Each rule applied to its column."""
        return list(map(apply_all, rules, columns))


    @staticmethod
    def evaluations(make, first, persons, rounds, rows, run, *columns) -> list:
        """make() of each row's fields: ``first`` and ``run`` the same for every row."""
        return list(map(make, zip(repeat(first), persons, rounds, rows, repeat(run), *columns)))


ONE, MANY = One(), Many()
