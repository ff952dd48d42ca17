"""Help text wrapped only where its language lets a line break.

Thai is written without spaces between words (spaces separate phrases), and its vowel
and tone marks are written over or under the letter before them. Click wraps help with
textwrap, which cuts a run longer than the room left anywhere, even between a letter and
its mark ("ไฟล ์"). Text holding Thai is wrapped here at spaces only: a run longer than
the line goes past the width rather than being cut. Text without Thai is wrapped by
click's own `wrap_text`, so English help keeps exactly the lines click gives it.
"""

from __future__ import annotations

import re
import unicodedata

import click

_THAI = re.compile("[\u0e00-\u0e7f]")
_CHUNKS = re.compile(r"(\s+)")
# A mark written over, under or within the letter before it takes no column of its own.
_ZERO_WIDTH = ("Mn", "Me", "Cf")


def has_thai(text: str) -> bool:
    return bool(_THAI.search(text))


def display_width(text: str) -> int:
    """The columns a terminal gives `text`: combining marks and colour codes take none."""
    return sum(unicodedata.category(c) not in _ZERO_WIDTH for c in click.unstyle(text))


def shorten(text: str, limit: int, more: str = " …") -> str:
    """`text` if it fits in `limit` columns, else its first words that do (cut at a
    space, never inside a word) followed by `more`; a first word longer than `limit`
    is kept whole."""
    if display_width(text) <= limit:
        return text
    words = text.split(" ")
    kept = words[0]
    for word in words[1:]:
        if display_width(f"{kept} {word}{more}") > limit:
            break
        kept = f"{kept} {word}"
    return kept.rstrip() + more


def wrap(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
         preserve_paragraphs: bool = False) -> str:
    """`click.wrap_text` with the same arguments and paragraph rules (a blank line parts
    paragraphs, a paragraph's first indent is kept, one opening with a `\\b` line is not
    rewrapped); text holding Thai breaks at spaces only."""
    if not has_thai(text + initial_indent + subsequent_indent):
        return click.wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_fill(text, width, initial_indent, subsequent_indent))
    shown = []
    for indent, raw, paragraph in _paragraphs(text):
        first, rest = initial_indent + " " * indent, subsequent_indent + " " * indent
        if raw:
            shown.append("\n".join((first if i == 0 else rest) + line
                                   for i, line in enumerate(paragraph.splitlines())))
        else:
            shown.append("\n".join(_fill(paragraph, width, first, rest)))
    return "\n\n".join(shown)


def _paragraphs(text: str) -> list[tuple[int, bool, str]]:
    """(indent, kept as written, text) of each paragraph, as click.wrap_text parts them."""
    found: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    indent = 0

    def close() -> None:
        if lines:
            if lines[0].strip() == "\b":
                found.append((indent, True, "\n".join(lines[1:])))
            else:
                found.append((indent, False, " ".join(lines)))
            lines.clear()

    for line in text.splitlines():
        if not line:
            close()
        else:
            if not lines:
                stripped = line.lstrip()
                indent = display_width(line) - display_width(stripped)
                line = stripped
            lines.append(line)
    close()
    return found


def _fill(text: str, width: int, initial_indent: str, subsequent_indent: str) -> list[str]:
    """Lines of `text`, each as full as `width` allows, broken only at whitespace. As in
    textwrap, whitespace at a break is dropped (not at the very start) and whitespace
    inside a line is kept as written; a run too long for a line of its own is left whole."""
    chunks = [c for c in _CHUNKS.split(text) if c]
    lines: list[str] = []
    at = 0
    while at < len(chunks):
        indent = subsequent_indent if lines else initial_indent
        room = width - display_width(indent)
        if lines and chunks[at].isspace():
            at += 1
            if at == len(chunks):
                break
        line: list[str] = []
        used = 0
        while at < len(chunks):
            size = display_width(chunks[at])
            if line and used + size > room:
                break
            line.append(chunks[at])
            used += size
            at += 1
            if size > room:
                break  # a run longer than the line: whole, past the width
        if line and line[-1].isspace():
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines
