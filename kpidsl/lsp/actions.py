"""Code actions from the checker's hints: insert the space a glued keyword
lacks (`น้ำหนัก20` → `น้ำหนัก 20`), replace an unknown name or key with the one
suggested, and show what a weight total comes to and how much to move.

Each LSP diagnostic the server publishes carries the kpidsl diagnostic's
English message and hints in its ``data`` (see server.py), so an action is
worked out from the diagnostic alone."""

from __future__ import annotations

import re

from lsprotocol import types

from ..diagnostics.cli_texts import said
from ..syntax.keywords import BY_SPELLING, normalize_thai
from .positions import Lines, utf16_column

SHOW_COMMAND = "kpidsl.showMessage"
_SUGGESTED = re.compile(r"did you mean `([^`]+)`\?")
_TOTAL = re.compile(r"add up to (\S+?)%?, not (\S+?)%?$")


def glued(word: str) -> tuple[str, str] | None:
    """(keyword, rest) when ``word`` is a keyword with its value written straight
    after it, the longest keyword first (`ระดับผล` before `ระดับ`)."""
    folded = normalize_thai(word)
    for size in range(len(folded) - 1, 0, -1):
        head, rest = folded[:size], folded[size:]
        if head in BY_SPELLING and rest and not rest[0].isspace():
            return word[: len(word) - len(rest)], word[len(word) - len(rest):]
    return None


def _range_text(lines: Lines, r: types.Range) -> str:
    """The text a one-line range covers; its characters count UTF-16 units (an emoji two)."""
    (line, start), (end_line, end) = lines.point(r.start), lines.point(r.end)
    if line != end_line:
        return ""
    return lines.line(line - 1)[start - 1:end - 1]


def actions(uri: str, lines: Lines, diagnostics: list[types.Diagnostic], lang: str) -> list[types.CodeAction]:
    out: list[types.CodeAction] = []
    for d in diagnostics:
        data = d.data if isinstance(d.data, dict) else {}
        code = str(d.code or "")
        word = _range_text(lines, d.range)
        split = glued(word) if code in ("K011", "K001") and word else None
        if split is not None and code == "K001" and not split[1][0].isdigit():
            split = None  # an unknown key that merely starts like a keyword (`ระดับผลงาน`)
        if split is not None:
            keyword, rest = split
            at = types.Position(d.range.start.line, d.range.start.character + utf16_column(keyword, len(keyword)))
            title = said("lsp-insert-space", lang, keyword=keyword, rest=rest)
            edit = types.TextEdit(types.Range(at, at), " ")
            out.append(_fix(title, uri, [edit], d, preferred=True))
            continue
        suggestion = _SUGGESTED.search(data.get("hint_en", ""))
        if suggestion and word:
            name = suggestion.group(1)
            title = said("lsp-replace-with", lang, name=name)
            out.append(_fix(title, uri, [types.TextEdit(d.range, name)], d, preferred=True))
            continue
        total = _TOTAL.search(data.get("message_en", ""))
        if code in ("W001", "W003", "W005") and total:
            out.append(_weights(total.group(1), total.group(2), data, d, lang))
    return out


def _fix(title: str, uri: str, edits: list[types.TextEdit], d: types.Diagnostic,
         preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                            edit=types.WorkspaceEdit(changes={uri: edits}), is_preferred=preferred)


def _weights(total: str, expected: str, data: dict, d: types.Diagnostic, lang: str) -> types.CodeAction:
    from decimal import Decimal, InvalidOperation

    try:
        diff = Decimal(expected) - Decimal(total)
        amount = f"{abs(diff).normalize():f}"
    except InvalidOperation:
        diff, amount = Decimal(0), "?"
    title = said("lsp-weights-add" if diff > 0 else "lsp-weights-take-away", lang, total=total, expected=expected,
                 amount=amount)
    detail = data.get("hint_th" if lang == "th" else "hint_en") or title
    return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                            command=types.Command(title=title, command=SHOW_COMMAND, arguments=[f"{title} ({detail})"]))
