"""String literals spelled so that the printed query is one line per line.

The patterns of the cells' tests hold blanks Python's strip() takes off (headers.py
ODD_SPACE: tab, vertical tab, U+0085, U+2028 ...) and number() takes out tab, carriage
return and line feed. Written raw inside a literal, such a character breaks the printed SQL
into lines an editor or a reader splitting lines would not join again (U+2028 is a line break
to many), or hides in it (a no-break space looks like a space). Each is written instead as the
dialect's function of its code point joined to the rest of the literal: CHR(n), which
DuckDB, Trino and PostgreSQL give as the Unicode character n; Spark's CHR takes n modulo
256, so past 255 Spark gets the character's UTF-8 bytes decoded (DECODE(UNHEX(..), 'UTF-8')).
Every engine folds the constant: the query reads the same.
"""

from __future__ import annotations

import unicodedata

from sqlglot import exp

# Control characters, line and paragraph separators, format characters and blanks other than
# the plain space: what a reader of the printed SQL cannot see or takes for a line's end.
_HIDDEN = ("Cc", "Cf", "Zl", "Zp", "Zs")


def hidden(ch: str) -> bool:
    return ch != " " and unicodedata.category(ch) in _HIDDEN


def _char(ch: str, dialect: str) -> exp.Expression:
    code = ord(ch)
    if dialect == "spark" and code > 255:
        return exp.Decode(this=exp.Unhex(this=exp.Literal.string(ch.encode("utf-8").hex().upper())),
                          charset=exp.Literal.string("UTF-8"))
    return exp.Anonymous(this="CHR", expressions=[exp.Literal.number(code)])


def _spelled(text: str, dialect: str) -> exp.Expression:
    """``text`` as its visible runs (literals) and its hidden characters (_char) joined by ||."""
    parts: list[exp.Expression] = []
    run = ""
    for ch in text:
        if hidden(ch):
            if run:
                parts.append(exp.Literal.string(run))
                run = ""
            parts.append(_char(ch, dialect))
        else:
            run += ch
    if run:
        parts.append(exp.Literal.string(run))
    joined = parts[0]
    for part in parts[1:]:
        joined = exp.DPipe(this=joined, expression=part)
    return exp.Paren(this=joined) if len(parts) > 1 else joined


def visible(query: exp.Expression, dialect: str) -> exp.Expression:
    """``query`` with no hidden character in a string literal (_spelled), changed in place
    (a copy of the whole query would cost more than its printing: query.py to_sql's callers
    build the query anew for each dialect)."""

    def spell(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Literal) and node.is_string and any(hidden(ch) for ch in node.this):
            return _spelled(node.this, dialect)
        return node

    return query.transform(spell, copy=False)
