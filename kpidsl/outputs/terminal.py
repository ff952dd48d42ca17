"""Text from rule files and results shown on a terminal, escaped.

A title or a results cell may hold ESC sequences (clear the screen, set the
window title, hide text), other C0/C1 control characters, DEL, or Unicode
bidirectional controls that make a line read differently from what it says.
:func:`shown` writes each such character as a visible escape (``\\x1b``,
``\\u202e``) so the reader sees what the file holds and the terminal obeys
nothing. A newline stays a newline (it separates the lines of the output).

Kept as they are: Thai letters, vowels and tone marks (U+0E01–U+0E5B), the
zero-width space that Thai uses between words (U+200B), and the zero-width
joiner and non-joiner (U+200C, U+200D), which only shape the letters beside
them and cannot move text. A source line under a diagnostic also shows the
other format characters, which print as nothing, escaped (:func:`shown_in_source`).
"""

from __future__ import annotations

import re

# C0 controls but the newline, DEL and C1 controls; the bidi marks, embeddings,
# overrides and isolates (U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E,
# U+2066–U+2069); the line and paragraph separators, which some terminals and
# editors take as a line break; and lone surrogates, a byte of a name that is not UTF-8 (a
# TIS-620 file name on an old shared drive, read as ``\udce1``), which no output can write.
_HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The other format characters (Unicode category Cf) but those Thai text uses (U+200B–U+200D,
# kept above): a terminal obeys none, but each prints as nothing, so a source line under a
# diagnostic pointing at one (S001 at a byte-order mark two files joined left mid-file) had
# its caret under nothing to see. The soft hyphen, Arabic number signs, the word joiner and
# invisible operators, the deprecated format controls, the byte-order mark, the interlinear
# annotation controls, and the format characters above U+FFFF (tags among them). Listed as of
# Unicode 15; tests/test_render.py holds it to the unicodedata the project runs on.
_INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u2060-\u2064\u206a-\u206f"
                        "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
                        "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")
_IN_SOURCE = re.compile(f"{_HIDDEN.pattern}|{_INVISIBLE.pattern}")
_NAMED = {"\t": "\\t", "\r": "\\r"}


def escape(ch: str) -> str:
    """One character as its visible escape: ``\\x1b``, ``\\t``, ``\\u202e``."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code > 0xFFFF:  # eight digits: `\ue0041` would read as U+E004 and a 1
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def hidden(ch: str) -> bool:
    """True for a character a terminal would obey rather than show."""
    return _HIDDEN.match(ch) is not None


def shown(text: str) -> str:
    """``text`` with every character a terminal would obey shown escaped."""
    return _HIDDEN.sub(lambda m: escape(m.group(0)), text)


def unseen(ch: str) -> bool:
    """True for a character a source line under a diagnostic shows escaped: one a terminal
    would obey (:func:`hidden`) or one that prints as nothing (a byte-order mark)."""
    return _IN_SOURCE.match(ch) is not None


def shown_in_source(text: str) -> str:
    """A source line under a diagnostic: as :func:`shown`, and every format character that
    prints as nothing escaped too, so a caret under one has something to point at."""
    return _IN_SOURCE.sub(lambda m: escape(m.group(0)), text)


def shown_on_one_line(text: str) -> str:
    """``text`` as :func:`shown` writes it, a newline escaped too (``\\n``): a value that
    fills one line of a report (a person's name from a results file) cannot start a
    line of its own that reads as the report's."""
    return shown(text).replace("\n", "\\n")


def shown_in_json(text: str) -> str:
    """A JSON text with every character a terminal would obey written as its JSON escape
    (``\\u202e``): the same document, values and all, that shows on a terminal as it
    reads. (Outside its strings a JSON text kpidsl writes holds only spaces and newlines.)"""
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def for_terminal(text: str, json: bool = False) -> str:
    """Output bound for a terminal: :func:`shown`, or :func:`shown_in_json` for a JSON text."""
    return shown_in_json(text) if json else shown(text)


def without_bidi(text: str) -> str:
    """``text`` with its bidirectional controls shown escaped, for pages
    (HTML, Markdown) where markup escaping already covers the rest."""
    return _BIDI.sub(lambda m: escape(m.group(0)), text)
