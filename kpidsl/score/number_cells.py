"""What a number in a results file may look like, written down once.

A number cell (a CSV cell, a JSON value or string) is, with spaces around it allowed:

    [+ or -] digits [. digits] [%]

- digits are ASCII ``0``–``9`` or Thai ``๐``–``๙`` (they may be mixed);
- ``.`` is the decimal point; digits may stand on one side of it only (``.5``, ``5.``);
- ``,`` separates thousands, only before the point and only in whole groups of three
  (``1,000.5`` and ``12,530`` are read; ``1.000,5``, ``1,00`` and ``10,00,000`` are not);
- a ``%`` at the end is allowed and changes nothing (``96%`` is 96, the figure as the
  ladder writes it);
- at most MAX_DIGITS digits, not counting zeros before the first other digit of the whole
  part (the plan computes at 40 digits: kpidsl/score/numbers.py).

Nothing else is a number: no exponent (``1e5``), no spaces inside, no other digits.
Full-width (``１２``), Arabic-Indic (``١٢``) and other scripts' digits, which Python's
Decimal would read without a word, get their own message naming the character.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import attrs

from ..thai import to_arabic

MAX_DIGITS = 30
# Longer than any number we accept by far, shorter than anything slow to look at.
_SHOWN = 40

_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?[ \t]*%?", re.ASCII)
# A decimal digit of another script: \d is Unicode category Nd, less ours (0-9, ๐-๙).
_FOREIGN_DIGIT = re.compile(r"[^\D0-9๐-๙]")


@attrs.frozen
class NumberProblem:
    """Why a cell is not a number: the registry code and its fields (``text`` is the cell
    as shown, cut if long)."""

    code: str
    fields: dict


def shown_cell(text: str) -> str:
    """A cell as a message quotes it: stripped, and cut after _SHOWN characters."""
    text = text.strip()
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


READ_LIMIT = 10_000  # cell texts remembered: the cells of a results file repeat


def read_number(text: str) -> Decimal | NumberProblem:
    """A non-blank cell as a Decimal, or why it is not a number (Q003, Q012, Q013, Q014).
    Each text is read once while READ_LIMIT texts are not yet remembered (an explaining batch
    reads every cell of every row)."""
    found = NUMBERS_READ.get(text)
    if found is None:
        found = _read(text)
        if len(NUMBERS_READ) < READ_LIMIT:
            NUMBERS_READ[text] = found
    return found


# each cell text read so far → its number or problem (read_number); a reader that meets many
# cells may look a text up here before it calls read_number (kpidsl/score/results/reader.py)
NUMBERS_READ: dict[str, Decimal | NumberProblem] = {}


def _read(text: str) -> Decimal | NumberProblem:
    stripped = text.strip()
    plain = to_arabic(stripped)
    match = _match(plain)
    if match is None:
        return _problem(stripped, plain)
    sign, whole, fraction = match.group(1), match.group(2).replace(",", ""), match.group(3)
    digits = len(whole.lstrip("0")) + len(fraction or "")
    if digits > MAX_DIGITS:
        return NumberProblem("Q014", {"text": shown_cell(stripped), "count": digits, "limit": MAX_DIGITS})
    # As written: 78 stays 78 and 82.50 stays 82.50 (the explanations quote the figure).
    return Decimal(sign + (whole or "0") + ("" if fraction is None else "." + fraction))


def _match(plain: str) -> re.Match | None:
    match = _NUMBER.fullmatch(plain)
    return match if match is not None and (match.group(2) or match.group(3)) else None


def _problem(stripped: str, plain: str) -> NumberProblem:
    # One search, no list of the letters: a cell may hold millions of them.
    found = _FOREIGN_DIGIT.search(plain)
    if found is not None:
        ch = found.group(0)
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        return NumberProblem("Q013", {"text": shown_cell(stripped), "char": ch, "name": name,
                                      "codepoint": f"U+{ord(ch):04X}"})
    # A number but for its commas: they are in the wrong places (1.000,5 or 1,00).
    if "," in plain and _match(plain.replace(",", "")):
        return NumberProblem("Q012", {"text": shown_cell(stripped)})
    return NumberProblem("Q003", {"text": shown_cell(stripped)})


def parse_number(text: str) -> Decimal | None:
    """A cell as a Decimal, or None when it is not a number (read_number says why)."""
    value = read_number(text)
    return None if isinstance(value, NumberProblem) else value
