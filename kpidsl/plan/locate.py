"""Where in a JSON text a value is written: the line and column of a JSON pointer.

``json.loads`` keeps no positions, so a plan that loads but breaks the plan
format is scanned once more, only then, to put its diagnostic on the line of the
offending value. The scan is linear and keeps one frame per open bracket.
"""

from __future__ import annotations

from json.decoder import scanstring
from typing import Iterator

_SPACE = " \t\n\r"
_SCALAR_END = ",]} \t\n\r"


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def values(text: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(offset, path) of every value, in text order; the path is its pointer's tokens.
    Stops quietly where the text is not JSON."""
    stack: list[list] = []  # [is_object, key or index]
    i = _skip(text, 0)
    try:
        while i < len(text):
            yield i, tuple(str(frame[1]) for frame in stack)
            c = text[i]
            if c == "{" or c == "[":
                i = _skip(text, i + 1)
                if text[i] == ("}" if c == "{" else "]"):
                    i += 1
                elif c == "{":
                    key, i = scanstring(text, i + 1)
                    stack.append([True, key])
                    i = _skip(text, _skip(text, i) + 1)  # past the colon
                    continue
                else:
                    stack.append([False, 0])
                    continue
            elif c == '"':
                _, i = scanstring(text, i + 1)
            else:
                while i < len(text) and text[i] not in _SCALAR_END:
                    i += 1
            # after a value: a comma, or the end of one or more containers
            while True:
                i = _skip(text, i)
                if not stack or i >= len(text):
                    return
                if text[i] == ",":
                    i = _skip(text, i + 1)
                    frame = stack[-1]
                    if frame[0]:
                        frame[1], i = scanstring(text, i + 1)
                        i = _skip(text, _skip(text, i) + 1)  # past the colon
                    else:
                        frame[1] += 1
                    break
                stack.pop()
                i += 1
    except (IndexError, ValueError):
        return


def offset_of(text: str, tokens: tuple[str, ...]) -> int:
    """The offset of the value at ``tokens`` (unescaped pointer tokens), or of the
    nearest enclosing value the text holds."""
    best = 0
    for offset, path in values(text):
        if path == tokens:
            return offset
        if tokens[:len(path)] == path:
            best = offset
    return best


def deeper_than(text: str, limit: int) -> int | None:
    """The offset of the first value nested deeper than ``limit``, if any."""
    for offset, path in values(text):
        if len(path) > limit:
            return offset
    return None


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def pointer_tokens(pointer: str) -> tuple[str, ...]:
    """``/agreements/0/id`` → ("agreements", "0", "id"), ~1 and ~0 unescaped."""
    if not pointer:
        return ()
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:])
