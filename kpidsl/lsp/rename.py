"""Rename a name across its rule set (textDocument/prepareRename and rename).

The names are those of names.py: frameworks, agreements, bands tables, calendars,
examples, indicators and their inputs and parts, rounds, scales, salary grades, bands and activities. A rename edits the declaration and
every place that names it, in every file of the rule set, and is given only when it
keeps the rule set's meaning, checked on the renamed texts before any edit is sent:

- the new name is one word the language reads as a name (not two words, no quotes);
- the renamed rule set has no error the rule set did not have before (a name already
  taken is an error of its own: two declarations of one id);
- every name refers to what it referred to before, under its new name: the names of
  the renamed texts, indexed again, are the old ones with the one name (and the names
  it scopes: a framework's indicators, rounds, scales and grades, an indicator's inputs and parts, a table's bands, a calendar's
  activities) renamed, each named as often as before. A rename that would make an
  agreement's own indicator the framework's, or the other way about, is refused.

Each refusal says why, in the server's language (``Refusal``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..diagnostics.span import Span
from ..thai import to_arabic
from ..syntax.parser import lark_parser
from .names import Key, NameIndex, build, input_scope
from .ruleset_state import RuleSetState

# The kinds whose id scopes other names' keys (names.py: Key), and the prefix it takes there.
_SCOPES = {"framework": ("node", "round", "scale", "grade"), "bands": ("band",), "calendar": ("activity",)}
_ID_TERMINALS = ("NAME", "NUMBER", "DOTTED")


class Refusal(Exception):
    """Why a rename is not given: a SAID key of kpidsl/diagnostics/cli_texts.py and its fields."""

    def __init__(self, key: str, fields: dict | None = None):
        super().__init__(key)
        self.key = key
        self.fields = fields or {}


@lru_cache(maxsize=1)
def _id_pattern() -> re.Pattern:
    """One id as the grammar's lexer reads it (grammar/kpi.lark: ``head``)."""
    parser = lark_parser()
    terminals = {t.name: t.pattern.to_regexp() for t in parser.terminals}
    return re.compile("|".join(f"(?:{terminals[name]})" for name in _ID_TERMINALS))


def name_at(index: NameIndex, path: str, line: int, column: int) -> tuple[Key, Span] | None:
    """The renamable name at a point (a declaration or a place naming one) and its span."""
    key = index.key_at(path, line, column)
    if key is None or key not in index.definitions:
        return None
    for span in [index.definitions[key], *index.uses(key)]:
        if span.path == path and (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column):
            return key, span
    return None


def _renamed_key(key: Key, old: Key, new_id: str) -> Key:
    kind, scope, ident = key
    if key == old:
        return (kind, scope, new_id)
    if kind in ("input", "part"):  # scoped by its indicator's key (names.input_scope)
        owner, _, node = scope.rpartition("/")
        renamed = _renamed_key(("node", owner, node), old, new_id)
        return (kind, input_scope(renamed), ident)
    if kind in _SCOPES.get(old[0], ()) and scope == old[2]:
        return (kind, new_id, ident)
    if old[0] == "agreement" and kind == "node" and scope == "agreement:" + old[2]:
        return (kind, "agreement:" + new_id, ident)
    return key


def _meaning(index: NameIndex) -> tuple[frozenset, Counter]:
    return frozenset(index.definitions), Counter(site.key for site in index.references)


def rename(state: RuleSetState, index: NameIndex, path: str, line: int, column: int,
           new_id: str) -> dict[str, list[Span]]:
    """The spans to write ``new_id`` over, by file, for renaming the name at the point;
    Refusal when the rename would not keep the rule set's meaning (module docstring)."""
    found = name_at(index, path, line, column)
    if found is None:
        raise Refusal("lsp-rename-not-a-name")
    key, _ = found
    if new_id == key[2]:
        return {}
    return {p: [span for span, _ in edits] for p, edits in rename_all(state, index, {key: new_id}).items()}


def rename_all(state: RuleSetState, index: NameIndex, renames: dict[Key, str]) -> dict[str, list[tuple[Span, str]]]:
    """The (span, new id) edits, by file, renaming each declared key of ``renames`` at once
    (kpidsl/newyear.py renames a year's ids together); Refusal when the renames together would
    not keep the rule set's meaning (module docstring). Keys are declarations of different
    names; a key whose scope another of them renames (a framework and one of its indicators)
    is not supported."""
    for new_id in renames.values():
        if not _id_pattern().fullmatch(new_id):
            raise Refusal("lsp-rename-not-an-id", {"name": new_id})
    by_file: dict[str, list[tuple[Span, str]]] = {}
    for key, new_id in renames.items():
        for span in sorted({index.definitions[key], *index.uses(key)}, key=lambda s: (s.path, s.line, s.column)):
            by_file.setdefault(span.path, []).append((span, new_id))
    texts = {p: written_over_each(state.text(p), edits) for p, edits in by_file.items()}
    trial = state.trial(texts)
    before, after = state.check(), trial.check()
    added = Counter(d.code for ds in after.diagnostics.values() for d in ds if d.is_error)
    added.subtract(d.code for ds in before.diagnostics.values() for d in ds if d.is_error)
    new_errors = [d for ds in after.diagnostics.values() for d in ds if d.is_error and added[d.code] > 0]
    names = ", ".join(renames.values())
    if new_errors:
        first = new_errors[0]
        raise Refusal("lsp-rename-breaks", {"name": names, "code": first.code, "line": first.span.line
                                            if first.span else 0})
    definitions, uses = _meaning(index)
    known = set(definitions) | set(uses)
    moved = {}
    for k in known:
        m = k
        for key, new_id in renames.items():
            # a number's id is its Arabic text, as cst.Number keeps it (๑๓ is 13)
            m = _renamed_key(m, key, to_arabic(new_id) if to_arabic(new_id[0]).isdigit() else new_id)
        if m != k:
            moved[k] = m
    if not set(moved.values()).isdisjoint(known - set(moved)):
        # a name the rule set already has, declared or only named (a formula's stray `Z9`):
        # the renamed one would take over its places
        raise Refusal("lsp-rename-changes-meaning", {"name": names})
    expected_uses: Counter = Counter()
    for k, n in uses.items():
        expected_uses[moved.get(k, k)] += n
    expected = (frozenset(moved.get(k, k) for k in definitions), expected_uses)
    if _meaning(build(trial.documents())) != expected:
        raise Refusal("lsp-rename-changes-meaning", {"name": names})
    return by_file


def written_over(text: str, spans: list[Span], new_id: str) -> str:
    """``text`` with each of ``spans`` (on one line each, none overlapping) replaced by ``new_id``."""
    return written_over_each(text, [(span, new_id) for span in spans])


def written_over_each(text: str, edits: list[tuple[Span, str]]) -> str:
    """``text`` with each span (on one line each, none overlapping) replaced by its new id."""
    lines = text.split("\n")
    for span, new_id in sorted(edits, key=lambda e: (e[0].line, e[0].column), reverse=True):
        row = lines[span.line - 1]
        lines[span.line - 1] = row[:span.column - 1] + new_id + row[span.end_column - 1:]
    return "\n".join(lines)
