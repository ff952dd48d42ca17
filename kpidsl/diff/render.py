"""A diff as text for a terminal, Markdown for a pull-request comment, or JSON.

All three list the changes in the diff's own order (frameworks, band tables,
calendars, agreements by id, then the rule set's policies and holidays; within
a framework, tree order), so the same two rule sets always give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator

from ..diagnostics.cli_texts import said
from ..diagnostics.render import cell_width, cut_to_cells
from ..outputs.terminal import shown
from . import words
from .model import NODE_KIND_NAMES, Change, Diff, Group, describe
from .rescore import Row

# The rows of a rescore: a list, or kpidsl/diff/rescore.py Review (read again for each pass).
Rows = Collection[Row]

JSON_VERSION = 1
_TITLE_CELLS = 60


def _cut(text: str | None, width: int = _TITLE_CELLS) -> str:
    """At most ``width`` terminal cells (Thai marks take none)."""
    if not text:
        return ""
    return cut_to_cells(shown(" ".join(text.split())), width)  # escaped first, so the cut counts what is printed


_CONTEXT_CHARS = 24


def _cut_pair(old: str | None, new: str | None, width: int) -> tuple[str, str]:
    """Two long texts that differ late (a year inside a milestone step) would be cut to the
    same words: start both a little before their first difference instead."""
    a, b = " ".join((old or "").split()), " ".join((new or "").split())
    if a and b and max(cell_width(a), cell_width(b)) > width:
        same = 0
        for x, y in zip(a, b):
            if x != y:
                break
            same += 1
        start = same - _CONTEXT_CHARS
        space = a.rfind(" ", 0, max(start, 0) + 1)
        if space >= 0 and start - space < _CONTEXT_CHARS:
            start = space + 1  # Thai runs words together: start at the nearest space
        if start > 0:
            a, b = "…" + a[start:], "…" + b[start:]
    return _cut(a, width), _cut(b, width)


def _what(change: Change, group: Group, lang: str) -> str:
    """The path below its heading, ``kpi 5`` rather than ``framework:department/…/kpi:5``."""
    path = change.path
    if path.startswith(group.key):
        path = path[len(group.key):].lstrip("/")
    return words.path(path, lang) if path else _label(group, lang)


def _label(group: Group, lang: str) -> str:
    """``framework department`` / ``กรอบ department``."""
    return words.segment(group.key, lang)


def _values(change: Change, lang: str) -> tuple[str | None, str | None]:
    if change.kind in _NODE_MOVES:
        return words.place(change.old, lang), words.place(change.new, lang)
    return words.value(change.old, lang), words.value(change.new, lang)


_NODE_MOVES = {f"{name}-moved" for name in NODE_KIND_NAMES.values()}


def _whole(changes: list[Change], g: Group) -> bool:
    """A framework, table, calendar or agreement that is new or gone as a whole."""
    return len(changes) == 1 and changes[0].path == g.key and changes[0].kind.endswith(("-added", "-removed"))


def _grouped(diff: Diff) -> tuple[list[Change], list[tuple[Group, list[Change]]]]:
    """The things added or removed whole (one line each, first: a new year's rules add and
    drop many), then every other heading with its changes."""
    whole, out = [], []
    for g in diff.groups:
        changes = [c for c in diff.changes if c.group == g.key]
        if _whole(changes, g):
            whole.append(changes[0])
        elif changes:
            out.append((g, changes))
    return whole, out


# ---- text --------------------------------------------------------------------------------------------

def text(diff: Diff, rows: Rows | None = None, results: str | None = None, lang: str = "en") -> str:
    return "".join(text_pieces(diff, rows, results, lang))


def text_pieces(diff: Diff, rows: Rows | None = None, results: str | None = None,
                lang: str = "en") -> Iterator[str]:
    """:func:`text` piece by piece: the rows of a rescore are read as they are written."""
    n = len(diff.changes)
    out = [f"kpidsl diff {diff.old} → {diff.new}: " + (words.say("no changes", lang) if n == 0
                                                       else words.changes(n, lang))]
    whole, groups = _grouped(diff)
    if whole:
        out += ["", words.say("added and removed", lang)]
        for c in whole:
            where = c.new_location or c.old_location or ""
            mark = "+" if c.kind.endswith("-added") else "−"
            out.append(f"  {mark} {c.kind}  {words.path(c.path, lang)}  {_cut(c.title)}  {where}".rstrip())
    for g, changes in groups:
        out.append("")
        out.append(_label(g, lang) + (f" — {_cut(g.title, 80)}" if g.title else ""))
        for c in changes:
            what = _what(c, g, lang)
            title = f"  {_cut(c.title)}" if c.title and c.title != g.title else ""
            out.append(f"  {c.kind}  {what}{title}")
            old, new = _values(c, lang)
            if c.kind.endswith("-added"):
                out.append(f"      + {_cut(new, 100)}")
            elif c.kind.endswith("-removed"):
                out.append(f"      − {_cut(old, 100)}")
            else:
                old, new = _cut_pair(old, new, 100)
                note = words.note(c.note, lang)
                out.append(f"      {old or '–'} → {new or '–'}" + (f"  ({note})" if note else ""))
            out.append(f"      {_locations(c, lang)}")
    if n:
        out += ["", words.say("by kind", lang)]
        by_kind = diff.summary()["by_kind"]
        width = max(cell_width(k) for k in by_kind)
        count = max(len(str(v)) for v in by_kind.values())
        for kind, k in by_kind.items():
            out.append(f"  {kind}{' ' * (width - cell_width(kind))}  {k:>{count}}  {describe(kind, lang)}")
    # Titles, values and paths come from the rule files: a terminal must show them, not obey them.
    yield shown("\n".join(out))
    if rows is not None:
        yield "\n"
        for line in _rescore_text(rows, diff, results, lang):
            yield shown("\n" + line)
    yield "\n"


def _locations(c: Change, lang: str) -> str:
    if c.old_location and c.new_location:
        return f"{c.old_location} → {c.new_location}"
    if c.new_location:
        return f"{words.say('new', lang)} {c.new_location}"
    if c.old_location:
        return f"{c.old_location} {words.say('old', lang)}"
    return words.say("rule set", lang)


def _total(side) -> str:
    return "–" if side.total is None else f"{side.total:.{side.decimals}f}"


def _rescore_cells(r: Row) -> tuple[str, ...]:
    band = r.old.band or "–" if r.old.band == r.new.band else f"{r.old.band or '–'} → {r.new.band or '–'}"
    rse = r.old.raise_range or "–" if r.old.raise_range == r.new.raise_range \
        else f"{r.old.raise_range or '–'} → {r.new.raise_range or '–'}"
    return (r.where, r.agreement or "", _cut(r.person, 24), _total(r.old), _total(r.new), r.as_dict()["change"],
            band, rse)


def _rescore_text(rows: Rows, diff: Diff, results: str | None, lang: str) -> Iterator[str]:
    """The summary, the table of rows scored under both (its columns as wide as their widest
    cell: a first reading of the rows measures them), then the rows one side cannot score."""
    say = words.say
    head = (say("row", lang), say("agreement", lang), say("person", lang), f"{say('total', lang)} {diff.old}",
            f"{say('total', lang)} {diff.new}", say("difference", lang), say("band", lang), say("raise", lang))
    widths = [cell_width(cell) for cell in head]
    count = scored = changed = 0
    for r in rows:
        count += 1
        if r.delta is None:
            continue
        scored += 1
        changed += r.delta != 0 or r.old.band != r.new.band or r.old.raise_range != r.new.raise_range
        widths = [max(w, cell_width(cell)) for w, cell in zip(widths, _rescore_cells(r))]
    yield words.rescore_summary(results, count, scored, changed, lang)
    if not count:
        return

    def line(row: tuple[str, ...]) -> str:
        cells = []
        for k, cell in enumerate(row):
            pad = " " * (widths[k] - cell_width(cell))
            cells.append(pad + cell if 3 <= k <= 5 else cell + pad)
        return "  " + "  ".join(cells).rstrip()

    if scored:
        yield line(head)
        for r in rows:
            if r.delta is not None:
                yield line(_rescore_cells(r))
    for line_ in _raise_flags(rows, diff, lang):
        yield line_
    for r in rows:
        if r.delta is not None:
            continue
        who = " ".join(x for x in (r.agreement, r.person) if x)
        yield f"  {r.where}{'  ' + who if who else ''}: {say('not scored under both', lang)}"
        for label, side in ((diff.old, r.old), (diff.new, r.new)):
            if side.error is not None:
                yield f"      {label}: {side.error}"
            else:
                yield f"      {label}: {words.side_total(_total(side), side.band or '–', lang)}"


def _raise_flags(rows: Rows, diff: Diff, lang: str) -> Iterator[str]:
    """Each raise a side's band does not allow (Q059), at its cell, and what to do: the row is
    in the table above, scored."""
    for r in rows:
        if r.delta is None:
            continue
        for side in (r.old, r.new):
            if side.raise_problem is not None:
                at, message, hint = side.raise_problem
                yield f"  {at}: {message}" if at else f"  {message}"
                yield f"      = {said('hint-label', lang)}: {hint}"


# ---- Markdown ------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_cell(value: str | None) -> str:
    """Text for a GFM table cell: nothing in it can end the cell, open emphasis, a link or HTML."""
    if value is None or value == "":
        return ""
    # a control character or bidi override from a rule file shown escaped, as on a terminal:
    # pasted, the review reads as the file does (kpidsl/outputs/terminal.py)
    value = shown(" ".join(str(value).split()))
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def md_code(value: str | None) -> str:
    """A code span that a ``|`` or a backtick inside cannot break."""
    if not value:
        return ""
    value = shown(" ".join(value.split())).replace("|", "\\|")
    fence = "``" if "`" in value else "`"
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def markdown(diff: Diff, rows: Rows | None = None, results: str | None = None, lang: str = "en") -> str:
    return "".join(markdown_pieces(diff, rows, results, lang))


def markdown_pieces(diff: Diff, rows: Rows | None = None, results: str | None = None,
                    lang: str = "en") -> Iterator[str]:
    """:func:`markdown` piece by piece."""
    n = len(diff.changes)
    say = words.say
    out = [f"### kpidsl diff {md_code(diff.old)} → {md_code(diff.new)}", ""]
    if n == 0:
        out.append(say("no changes", lang).capitalize() + ("" if lang == "th" else "."))
    else:
        out += [f"**{words.changes(n, lang)}**", "",
                f"| {say('change', lang)} | {say('count', lang)} | {say('meaning', lang)} |", "| --- | ---: | --- |"]
        for kind, k in diff.summary()["by_kind"].items():
            out.append(f"| {md_code(kind)} | {k} | {md_cell(describe(kind, lang))} |")
    whole, groups = _grouped(diff)
    if whole:
        out += ["", f"#### {say('Added and removed', lang)}", "",
                f"| {say('change', lang)} | {say('what', lang)} | {say('title', lang)} | {say('where', lang)} |",
                "| --- | --- | --- | --- |"]
        for c in whole:
            out.append(f"| {md_code(c.kind)} | {md_code(words.path(c.path, lang))} | {md_cell(c.title)} "
                       f"| {md_code(c.new_location or c.old_location)} |")
    for g, changes in groups:
        out += ["", f"#### {md_cell(_label(g, lang))}" + (f" — {md_cell(g.title)}" if g.title else ""), ""]
        out.append(f"| {say('change', lang)} | {say('what', lang)} | {say('old value', lang)} "
                   f"| {say('new value', lang)} | {say('where', lang)} |")
        out.append("| --- | --- | --- | --- | --- |")
        for c in changes:
            what = md_code(_what(c, g, lang))
            if c.title and c.title != g.title:
                what += f" {md_cell(c.title)}"
            old, new = _values(c, lang)
            note = words.note(c.note, lang)
            new = md_cell(new) + (f" ({md_cell(note)})" if note else "")
            where = " → ".join(md_code(x) for x in (c.old_location, c.new_location) if x)
            out.append(f"| {md_code(c.kind)} | {what} | {md_cell(old)} | {new} | {where} |")
    yield "\n".join(out)
    if rows is not None:
        yield "\n"
        for line in _md_rescore(rows, diff, results, lang):
            yield "\n" + line
    yield "\n"


def _md_rescore(rows: Rows, diff: Diff, results: str | None, lang: str) -> Iterator[str]:
    say = words.say
    heading = say("Rescored", lang)
    yield f"#### {heading} {md_code(results)}" if results else f"#### {heading}"
    yield ""
    if not len(rows):
        yield say("No results rows.", lang)
        return
    total = say("total", lang)
    yield (f"| {say('row', lang)} | {say('agreement', lang)} | {say('person', lang)} "
           f"| {total} {md_cell(diff.old)} | {total} {md_cell(diff.new)} | {say('difference', lang)} "
           f"| {say('band', lang)} | {say('raise', lang)} |")
    yield "| --- | --- | --- | ---: | ---: | ---: | --- | --- |"
    for r in rows:
        if r.delta is None:
            why = "; ".join(f"{label}: {side.error}" for label, side in ((diff.old, r.old), (diff.new, r.new))
                            if side.error is not None)
            yield (f"| {md_code(r.where)} | {md_cell(r.agreement)} | {md_cell(r.person)} | {_total(r.old)} "
                   f"| {_total(r.new)} | {say('not scored', lang)}: {md_cell(why)} | | |")
            continue
        band = md_cell(r.old.band or "–") if r.old.band == r.new.band else \
            f"{md_cell(r.old.band or '–')} → {md_cell(r.new.band or '–')}"
        rse = md_cell(r.old.raise_range or "–") if r.old.raise_range == r.new.raise_range else \
            f"{md_cell(r.old.raise_range or '–')} → {md_cell(r.new.raise_range or '–')}"
        flags = [side.raise_problem for side in (r.old, r.new) if side.raise_problem is not None]
        for at, message, hint in flags:
            rse += f" ({md_code(at)}: {md_cell(message)}; {md_cell(hint)})" if at else f" ({md_cell(message)})"
        yield (f"| {md_code(r.where)} | {md_cell(r.agreement)} | {md_cell(r.person)} | {_total(r.old)} "
               f"| {_total(r.new)} | {r.as_dict()['change']} | {band} | {rse} |")


# ---- JSON ------------------------------------------------------------------------------------------------

def as_json(diff: Diff, rows: Rows | None = None, results: str | None = None, lang: str = "en") -> str:
    """The same document whatever ``lang``: kinds are stable ids, and every change carries
    its meaning in both languages."""
    return "".join(json_pieces(diff, rows, results, lang))


_ROWS_LAST = '"rows": []\n  }\n}'  # where json.dumps(indent=2) leaves the rescore's rows: the document's end
_ROW_INDENT = "\n      "  # a row of the rows: the document's third level


def json_pieces(diff: Diff, rows: Rows | None = None, results: str | None = None,
                lang: str = "en") -> Iterator[str]:
    """:func:`as_json` piece by piece: the document without its rows, then each row as
    json.dumps(indent=2) would write it in its place (tests/test_diff_rescore.py compares
    the two)."""
    doc = {
        "version": JSON_VERSION,
        "old": diff.old,
        "new": diff.new,
        "changes": [c.as_dict() for c in diff.changes],
        "summary": diff.summary(),
    }
    if rows is not None:
        doc["rescore"] = {"results": results, "rows": []}
    whole = json.dumps(doc, ensure_ascii=False, indent=2)
    if rows is None or not len(rows):
        yield whole + "\n"
        return
    assert whole.endswith(_ROWS_LAST)
    yield whole[:-len(_ROWS_LAST)] + '"rows": ['
    sep = _ROW_INDENT
    for r in rows:
        yield sep + json.dumps(r.as_dict(), ensure_ascii=False, indent=2).replace("\n", _ROW_INDENT)
        sep = "," + _ROW_INDENT
    yield "\n    ]\n  }\n}\n"


RENDERERS = {"text": text, "md": markdown, "json": as_json}
PIECES = {"text": text_pieces, "md": markdown_pieces, "json": json_pieces}
