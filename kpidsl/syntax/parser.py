"""Parsing a rule file into the statement tree, with located syntax errors.

The happy path is one LALR pass with the transformer inlined. Only when that
fails does the slow path run: it lexes the file to report every bad character
and unclosed string, checks that brackets match, then parses again, blanking
each line that fails so that the rest of the file is still read (a statement
never spans lines, so skipping a line is a sound recovery).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import attrs
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from ..bilingual import Bi
from ..diagnostics.hints import hint
from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from . import cst
from .grammar_file import grammar_path
from .indentation import indentation
from .invisible import A_NAME, INVISIBLE, INVISIBLE_JOINERS, numbers_rejoined, ZERO_WIDTH_SPACE
from .keywords import SHAPE_TOKENS, canonical
from .limits import WATCHED, LimitCrossed, LimitWatch
from .transform import ToCst

# The head given to a line the parser had to skip; lowering ignores it there.
ERROR_HEAD = "_"
MAX_RECOVERIES = 25


class _ParenNewlines:
    """Drops line breaks inside ( … ) so a formula may span lines, and shows every
    token the parser reads to the limits watch (kpidsl/syntax/limits.py), which stops
    the parse at the first token past a limit, while the nesting is still shallow."""

    always_accept = ("_NL",)

    def process(self, stream):
        depth = 0
        _limits.start()
        for tok in stream:
            if tok.type == "LPAR":
                depth += 1
            elif tok.type == "RPAR":
                depth = max(0, depth - 1)
            elif tok.type == "_NL" and depth:
                continue
            if tok.type in WATCHED:
                _limits.see(tok)
            yield tok


class _Comments:
    """Collects the comments of the parse in progress (lexer callback)."""

    def __init__(self) -> None:
        self.items: list[Token] = []

    def __call__(self, tok: Token) -> Token:
        self.items.append(tok)
        return tok


def _retype_name(tok: Token) -> Token:
    name = canonical(tok.value)
    if name in SHAPE_TOKENS:
        return Token.new_borrow_pos(SHAPE_TOKENS[name], tok.value, tok)
    return tok


_lock = threading.Lock()
_comments = _Comments()
_limits = LimitWatch()
_transformer = ToCst()


@lru_cache(maxsize=None)
def _lark(inline: bool) -> Lark:
    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="basic",
        propagate_positions=False,
        maybe_placeholders=False,
        postlex=_ParenNewlines(),
        lexer_callbacks={"NAME": _retype_name, "COMMENT": _comments},
        transformer=_transformer if inline else None,
        # No cache file: Lark keeps its parser as a pickle and unpickles whatever file it
        # finds at that name before checking it, so a file planted in kpidsl's cache folder
        # would run as code (tests/test_parse_cache.py). Building it costs ~30 ms a process.
        cache=False,
    )


def lark_parser() -> Lark:
    """The parser alone, for the benchmark's 'Lark parse time' figure."""
    return _lark(False)


@attrs.frozen
class ParseResult:
    document: cst.Document | None
    diagnostics: tuple[Diagnostic, ...]  # syntax errors: the file is not as written without them
    skipped_lines: frozenset[int] = frozenset()
    warnings: tuple[Diagnostic, ...] = ()  # the text parses as written (S014); no line is left out


def parse(text: str, path: str) -> ParseResult:
    with _lock:
        split: list[Diagnostic] = []
        if any(c in text for c in INVISIBLE):
            text, split = numbers_rejoined(text, path)  # before names: `k1\u200b2` is left to them
        if ZERO_WIDTH_SPACE in text:
            text, names = _names_rejoined(text, path)
            split += names
        result = _parse(text, path)
        controls = tuple(_control_characters(text, path, result.diagnostics))
        if not split:
            return attrs.evolve(result, warnings=controls) if controls else result
        diags = sorted(split + list(result.diagnostics),
                       key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
        return ParseResult(result.document, tuple(diags),
                           result.skipped_lines | {d.span.line for d in split}, controls)


def _parse(text: str, path: str) -> ParseResult:
    _transformer.path = path
    _comments.items = []
    _limits.path = path
    try:
        try:
            stmts = _lark(True).parse(text)
            return ParseResult(cst.Document(path, stmts, _comments_of(_comments.items, path)), ())
        except UnexpectedInput:
            pass
        return _parse_recovering(text, path)
    except LimitCrossed:
        return _over_limits(text, path)


# Characters no rule file means to hold, which the grammar takes inside a string or a comment:
# C0 controls but the tab and the line end, DEL, C1 controls, the bidi embeddings, overrides and
# isolates (a line that reads otherwise than it is: a reviewed diff could lie), and the line and
# paragraph separators. Elsewhere the lexer already reports them (S001).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def _control_characters(text: str, path: str, told: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """S014 at each control character of a string or a comment (one the lexer has not told as
    S001 at its place already)."""
    diags: list[Diagnostic] = []
    if _CONTROLS.search(text) is None:
        return diags
    places = {(d.span.line, d.span.column) for d in told if d.code == "S001" and d.span}
    line, line_start, counted = 1, 0, 0  # the lines counted as the matches come: linear in the text
    for m in _CONTROLS.finditer(text):
        start = m.start()
        newline = text.rfind("\n", counted, start)
        if newline >= 0:
            line += text.count("\n", counted, start)
            line_start = newline + 1
        counted = start
        column = m.start() - line_start + 1
        if (line, column) not in places:
            code = ord(m.group(0))
            char = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
            diags.append(CODES["S014"].at(Span.point(path, line, column), char=char))
    return diags


def _name_char(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.category(c).startswith("M")


def _in_name(row: str, col: int) -> bool:
    """Whether the character at ``col`` sits between two characters of a name."""
    return 0 < col < len(row) - 1 and _name_char(row[col - 1]) and _name_char(row[col + 1])


def _word_before(row: str, col: int) -> str:
    start = col
    while start > 0 and _name_char(row[start - 1]):
        start -= 1
    return row[start:col]


def _word_after(row: str, col: int) -> str:
    end = col
    while end < len(row) and _name_char(row[end]):
        end += 1
    return row[col:end]


def _names_rejoined(text: str, path: str) -> tuple[str, list[Diagnostic]]:
    """Each zero-width space between a name that is no keyword and a name or number glued
    to it (`very\u200bgood`, `k\u200b1`): one S013 at it, and the text with the name
    rejoined, a space put after it so that every later column on the line stays."""
    try:
        tokens = [t for t in _lark(False).lex(text) if t.type != "_NL"]
    except UnexpectedInput:
        return text, []  # the recovering parse reports the characters that do not lex
    diags: list[Diagnostic] = []
    cuts: list[tuple[int, int, int]] = []  # (start, end) of the spaces, end of the name's second part
    for left, right in zip(tokens, tokens[1:]):
        between = text[left.end_pos:right.start_pos]
        if (not between or between.strip(ZERO_WIDTH_SPACE) or left.type != "NAME"
                or right.type not in ("NAME", "NUMBER", "DOTTED")):
            continue
        # a keyword glued to a name by it is two words, unless `_` is at the cut: no keyword
        # starts or ends with one, so `individual\u200b_bands` is one name
        underscored = left.value.endswith("_") or right.value.startswith("_")
        if not underscored and (canonical(left.value) or canonical(right.value)):
            continue
        diags.append(CODES["S013"].at(Span.point(path, left.end_line, left.end_column), char="\\u200b",
                                      left=left.value, right=right.value, what=A_NAME))
        cuts.append((left.end_pos, right.start_pos, right.end_pos))
    if not cuts:
        return text, diags
    pieces, done = [], 0
    for start, end, after in cuts:  # in order, each piece of the text copied once (linear in the text)
        pieces += [text[done:start], text[end:after], " " * (end - start)]
        done = after
    pieces.append(text[done:])
    return "".join(pieces), diags


def lexed(text: str) -> list[Token] | None:
    """The tokens of ``text`` as the slow path reads it, each character that does not lex and
    each open string blanked first (the editor's tree of a text with a `{` left open finds its
    lines' words and blocks by them: kpidsl/syntax/recover.py); None for a text past a limit,
    or one that does not lex even so."""
    with _lock:
        if _last_lexed[0] == text:
            return _last_lexed[1] or None
        _comments.items = []
        try:
            return _lex_reporting(text.split("\n"), "", []) or None
        except LimitCrossed:
            return None


# The last text the slow path lexed, and its tokens: a `{` left open stops the parse there
# (S004), and the editor's tree recovered from that same text asks for them next (``lexed``).
_last_lexed: tuple[str | None, list[Token]] = (None, [])


def _over_limits(text: str, path: str) -> ParseResult:
    """A file past a limit is not parsed: every place a limit is crossed is reported
    (with the characters that do not lex), and nothing else."""
    diags: list[Diagnostic] = []
    _limits.strict = False
    try:
        _lex_reporting(text.split("\n"), path, diags)
        found = list(_limits.found)
    finally:
        _limits.strict = True
    diags.extend(found)
    diags.sort(key=lambda d: (d.span.line, d.span.column) if d.span else (0, 0))
    return ParseResult(None, tuple(diags))


def _comments_of(tokens: list[Token], path: str) -> tuple[cst.Comment, ...]:
    return tuple(
        cst.Comment(t.value[1:], span=Span(path, t.line, t.column, t.end_line, t.end_column)) for t in tokens
    )


# ---- the slow path ---------------------------------------------------------------------


def _parse_recovering(text: str, path: str) -> ParseResult:
    global _last_lexed
    diags: list[Diagnostic] = []
    lines = text.split("\n")
    tokens = _lex_reporting(lines, path, diags)
    _last_lexed = (text, tokens)
    if not _brackets_match(tokens, path, lines, diags):
        return ParseResult(None, tuple(diags))
    skipped: set[int] = set()
    for _ in range(MAX_RECOVERIES):
        _comments.items = []
        try:
            stmts = _lark(True).parse("\n".join(lines))
            doc = cst.Document(path, stmts, _comments_of(_comments.items, path))
            return ParseResult(doc, tuple(diags), frozenset(skipped))
        except UnexpectedCharacters:
            # A blanked line can leave characters that no longer lex (half of
            # a long string): report them and go on, like the first pass.
            _lex_reporting(lines, path, diags)
        except UnexpectedInput as e:
            first, last = _error_lines(e, lines)
            diags.append(_parse_error(e, path, lines))
            if first in skipped:
                break
            skipped.update(range(first, last + 1))
            _blank_lines(lines, first, last)
    return ParseResult(None, tuple(diags), frozenset(skipped))


def _blank_lines(lines: list[str], first: int, last: int) -> None:
    """Blank the lines of a failed statement, keeping only its unbalanced
    braces (real brace tokens, not braces inside text) so the blocks around
    it stay intact."""
    closes = opens = 0
    try:
        toks = [t for t in _lark(False).lex("\n".join(lines)) if first <= t.line <= last]
    except UnexpectedInput:
        toks = []
    for tok in toks:
        if tok.type == "LBRACE":
            opens += 1
        elif tok.type == "RBRACE":
            if opens:
                opens -= 1
            else:
                closes += 1
    row = lines[first - 1]
    indent = len(row) - len(row.lstrip())
    lines[first - 1] = " " * indent + "}" * closes + (f" {ERROR_HEAD} {{" * opens)
    for i in range(first, last):
        lines[i] = ""


def _lex_reporting(lines: list[str], path: str, diags: list[Diagnostic]) -> list[Token]:
    """Lex the text, reporting and blanking each bad character or open string,
    until it lexes cleanly. Returns the tokens.

    After a fix the lexing goes on from the fixed line (a token never spans lines),
    not from the top: a file with an open string on each of its 10,000 lines was lexed
    10,000 times over, some twenty minutes. The tokens returned are those of one lex of
    the whole text once it lexes."""
    start = 0  # the lines before this one lex cleanly
    for _ in range(10_000):
        offset = start  # the line the text being lexed starts at
        try:
            if start:
                for _tok in _lark(False).lex("\n".join(lines[start:])):
                    pass
                offset = 0
            return list(_lark(False).lex("\n".join(lines)))
        except UnexpectedCharacters as e:
            line = offset + e.line  # 1-based, in the whole text
            start = line - 1
            row = lines[line - 1]
            col = e.column - 1
            char = row[col]
            span = Span.point(path, line, e.column)
            if char in "\"“":
                diags.append(CODES["S006"].at(Span(path, line, e.column, line, len(row) + 1)))
                # Keep an opening brace at the end of the line (a comment may
                # follow it): the block is still meant.
                keep = "{" if re.search(r"\{\s*(#.*)?$", row[col + 1:]) else ""
                lines[line - 1] = row[:col] + " " * (len(row) - col - len(keep)) + keep
            elif char in INVISIBLE_JOINERS and _in_name(row, col):
                # one name split by an invisible character pasted from Word: one S013, the
                # name rejoined (a space after it, so that later columns stay), as for U+200B
                left, right = _word_before(row, col), _word_after(row, col + 1)
                diags.append(CODES["S013"].at(span, char=f"\\u{ord(char):04x}", left=left, right=right, what=A_NAME))
                after = col + 1 + len(right)
                lines[line - 1] = row[:col] + row[col + 1:after] + " " + row[after:]
            else:
                diags.append(CODES["S001"].at(span, char=_visible(char), **_char_hint(char, row, col)))
                end = col + 1
                if char in "'‘":
                    # 'text in single quotes': blank the whole text, not just the
                    # quotes, so its words are not read as keys.
                    close = min((i for i in (row.find("'", col + 1), row.find("’", col + 1)) if i >= 0), default=-1)
                    end = close + 1 if close >= 0 else end
                lines[line - 1] = row[:col] + " " * (end - col) + row[end:]
    return []


def _visible(char: str) -> str:
    return char if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"


# The word or quoted text before and after a `:` or `=`, as the hint writes the line without it.
_BEFORE = re.compile(r'(?:"[^"\n]*"|“[^”\n]*”|[^\s{};#"“”]+)\s*$')
_AFTER = re.compile(r'\s*("[^"\n]*"|“[^”\n]*”|[^\s{};#"“”]+)')
_SHOWN = 30  # a longer text is shown "…"


def _written(text: str) -> str:
    return text if len(text) <= _SHOWN else ('"…"' if text.startswith('"') else "“…”" if text.startswith("“") else "…")


def _char_hint(char: str, row: str = "", col: int = 0) -> dict[str, str]:
    if char in "'‘’":
        return hint("double-quotes")
    if char == ",":
        return hint("no-commas")
    if char == "\ufeff":  # the file's own first one is dropped on reading (kpidsl/source.py decode)
        return hint("byte-order-mark-inside")
    if char in ":=":
        # what was written either side, a space between: `unit "ร้อยละ"`, `"Satisfaction" weight`
        before, after = _BEFORE.search(row[:col]), _AFTER.match(row, col + 1)
        if before is None:
            return hint("key-space-value")
        said = " ".join(_written(w) for w in [before.group(0).rstrip()] + ([after.group(1)] if after else []))
        if before.group(0)[0] in "\"“":
            return hint("text-then-space", char=char, written=said)
        return hint("word-then-space", char=char, written=said)
    return hint()


_OPENERS = {"LBRACE": ("RBRACE", "{", "}", "S004"), "LPAR": ("RPAR", "(", ")", "S007")}
_CLOSERS = {"RBRACE": ("LBRACE", "{", "}"), "RPAR": ("LPAR", "(", ")")}


def _indent(lines: list[str], line: int) -> int:
    return indentation(lines[line - 1])


def _brackets_match(tokens: list[Token], path: str, lines: list[str], diags: list[Diagnostic]) -> bool:
    """Report unmatched brackets. A `}` that starts its line closes the block
    whose header has the same indentation: blocks opened deeper and never
    closed are reported at their own line rather than at the file's top."""
    stack: list[Token] = []
    unclosed: list[Token] = []
    # More `}` than `{`: the extra one is a `}` that lines up with no open block and
    # sits deeper than the innermost one (a stray line, not a closing of the block).
    extra = sum(t.type == "RBRACE" for t in tokens) - sum(t.type == "LBRACE" for t in tokens)
    for tok in tokens:
        if tok.type in _OPENERS:
            stack.append(tok)
        elif tok.type in _CLOSERS:
            opener_type, open_char, close_char = _CLOSERS[tok.type]
            row = lines[tok.line - 1]
            starts_line = not row[: tok.column - 1].strip()
            if tok.type == "RBRACE" and starts_line and extra > 0 and _stray(tok, stack, lines):
                extra -= 1
                diags.append(CODES["S005"].at(Span.point(path, tok.line, tok.column), open=open_char, close=close_char))
                lines[tok.line - 1] = row[: tok.column - 1] + " " + row[tok.column :]
                continue
            if tok.type == "RBRACE" and starts_line:
                depth = _indent(lines, tok.line)
                deeper = [o for o in stack if o.type == "LBRACE" and _indent(lines, o.line) <= depth]
                if deeper and _indent(lines, stack[-1].line) > depth:
                    while stack and stack[-1] is not deeper[-1]:
                        unclosed.append(stack.pop())
            if stack and stack[-1].type == opener_type:
                stack.pop()
            else:
                diags.append(
                    CODES["S005"].at(Span.point(path, tok.line, tok.column), open=open_char, close=close_char)
                )
                row = lines[tok.line - 1]
                lines[tok.line - 1] = row[: tok.column - 1] + " " + row[tok.column :]
    unclosed.extend(stack)
    for tok in sorted(unclosed, key=lambda t: (t.line, t.column)):
        code = _OPENERS[tok.type][3]
        diags.append(CODES[code].at(Span.point(path, tok.line, tok.column)))
    return not unclosed


def _stray(tok: Token, stack: list[Token], lines: list[str]) -> bool:
    """A `}` starting its line, indented deeper than the innermost open block and like
    none of the open blocks: it closes nothing."""
    braces = [o for o in stack if o.type == "LBRACE"]
    if not braces or stack[-1].type != "LBRACE":
        return False
    depth = _indent(lines, tok.line)
    return _indent(lines, braces[-1].line) < depth and all(_indent(lines, o.line) != depth for o in braces)


def _error_lines(e: UnexpectedInput, lines: list[str]) -> tuple[int, int]:
    """The lines of the token the parser stopped at (a long string spans several)."""
    line = _error_line(e, lines)
    tok = getattr(e, "token", None)
    end = getattr(tok, "end_line", None) or line
    return line, max(line, min(end, len(lines)))


def _error_line(e: UnexpectedInput, lines: list[str]) -> int:
    tok = getattr(e, "token", None)
    if isinstance(e, UnexpectedEOF) or (tok is not None and tok.type == "$END"):
        for i in range(len(lines), 0, -1):
            if lines[i - 1].strip():
                return i
        return 1
    line = getattr(e, "line", None) or (tok.line if tok is not None else 1)
    if tok is not None and tok.type == "_NL":
        # An unfinished statement: the newline token starts on its line.
        line = tok.line
    return max(1, min(line, len(lines)))


# ---- messages ---------------------------------------------------------------------------

_WORDS: dict[str, Bi] = {
    "NAME": phrase("keyword-or-name"),
    "NUMBER": phrase("a-number"),
    "PERCENT": phrase("a-percentage"),
    "STRING": phrase("text-in-quotes"),
    "LONG_STRING": phrase("text-in-quotes"),
    "DATE": phrase("a-date"),
    "DOTTED": phrase("dotted-id"),
    "LBRACE": phrase("as-code", text="{"),
    "RBRACE": phrase("as-code", text="}"),
    "LPAR": phrase("as-code", text="("),
    "RPAR": phrase("as-code", text=")"),
    "COMMA": phrase("as-code", text=","),
    "SEMICOLON": phrase("as-code", text=";"),
    "_NL": phrase("end-of-line"),
    "$END": phrase("end-of-file"),
    "CMP": phrase("a-comparison"),
    "ARROW": phrase("as-code", text="->"),
    "MINUS": phrase("as-code", text="-"),
    "DASH": phrase("as-code", text="–"),
    "DOTDOT": phrase("as-code", text=".."),
    "RANGE_KW": phrase("token-to"),
    "PLUS": phrase("as-code", text="+"),
    "TIMES": phrase("as-code", text="×"),
    "DIVIDE": phrase("as-code", text="/"),
    "FORMULA_KW": phrase("token-value"),
}
_VALUE_KINDS = {"NUMBER", "PERCENT", "STRING", "LONG_STRING", "NAME", "DATE", "DOTTED"}
_RANGE_SIGNS = {"MINUS", "DASH", "DOTDOT", "RANGE_KW"}
_OPERATORS = {"PLUS", "MINUS", "TIMES", "DIVIDE"}


def _expected_words(expected: set[str]) -> Bi:
    names = set(expected)
    parts: list[Bi] = []
    if len(names & _VALUE_KINDS) >= 3:
        parts.append(phrase("any-value"))
        names -= _VALUE_KINDS | {"LPAR"}
    if len(names & _OPERATORS) >= 3:
        parts.append(phrase("an-operator"))
        names -= _OPERATORS
    if len(names & _RANGE_SIGNS) >= 2:
        parts.append(phrase("a-range-sign"))
        names -= _RANGE_SIGNS
    seen: set[Bi] = set(parts)
    for name in sorted(names, key=lambda n: (n not in _WORDS, n)):
        words = _WORDS.get(name) or phrase("as-code", text=name.lower())
        if words not in seen:
            seen.add(words)
            parts.append(words)
    if not parts:
        return phrase("something-else")
    if len(parts) == 1:
        return parts[0]
    # the list's commas (English) and spaces (Thai) join the phrases; the last comes after "or"
    some = Bi(", ".join(p.en for p in parts[:-1]), " ".join(p.th for p in parts[:-1]))
    return phrase("either-or", some=some, last=parts[-1])


def _found_words(tok: Token) -> Bi:
    if tok.type in ("_NL", "$END"):
        return _WORDS[tok.type]
    text = tok.value if len(tok.value) <= 30 else tok.value[:29] + "…"
    if tok.type == "NAME":
        return phrase("found-word", text=text)
    if tok.type in ("STRING", "LONG_STRING"):
        return phrase("found-quoted", text=text)
    if tok.type in _WORDS:
        if tok.type in _VALUE_KINDS:
            return phrase("kind-code", kind=_WORDS[tok.type], text=text)
        return _WORDS[tok.type]
    return phrase("as-code", text=text)


def _parse_error(e: UnexpectedInput, path: str, lines: list[str]) -> Diagnostic:
    expected = _expected_words(set(getattr(e, "expected", ()) or ()))
    tok = getattr(e, "token", None)
    if isinstance(e, UnexpectedEOF) or (tok is not None and tok.type == "$END"):
        line = _error_line(e, lines)
        row = lines[line - 1]
        span = Span(path, line, len(row) + 1, line, len(row) + 2)
        return CODES["S003"].at(span, expected=expected)
    if tok is None:  # any other parser complaint: place it at the line it names
        line = _error_line(e, lines)
        return CODES["S002"].at(Span.point(path, line, max(1, getattr(e, "column", 1) or 1)),
                                found=phrase("something-unexpected"), expected=expected, hint="", hint_th="")
    if tok.type == "_NL":
        row = lines[tok.line - 1]
        span = Span(path, tok.line, len(row.rstrip()) + 1, tok.line, len(row.rstrip()) + 2)
        advice = hint("statement-unfinished")
    else:
        span = Span(path, tok.line, tok.column, tok.end_line, tok.end_column)
        advice = _token_hint(tok, lines[tok.line - 1] if 0 < tok.line <= len(lines) else "")
    return CODES["S002"].at(span, found=_found_words(tok), expected=expected, **advice)


_DIGITS_BEFORE = re.compile(r"\d+$")
_DIGITS_AFTER = re.compile(r"\d+")
# a figure as the grammar's NUMBER and PERCENT write it, right after a `-` (grammar/kpi.lark)
_FIGURE_AFTER = re.compile(r"[ \t]*([0-9\u0E50-\u0E59][0-9\u0E50-\u0E59,]*(?:\.[0-9\u0E50-\u0E59]+)?%?)")


def _token_hint(tok: Token, row: str) -> dict[str, str]:
    if tok.type == "COMMA":
        # `67,5` between digits: a decimal comma (a comma grouping thousands, `2,160`, is read
        # as part of its number and never comes here); the number meant, in the row's digits
        whole = _DIGITS_BEFORE.search(row[:tok.column - 1])
        part = _DIGITS_AFTER.match(row, tok.column)
        if whole and part:
            return hint("decimal-comma", number=f"{whole.group(0)}.{part.group(0)}")
    if tok.type == "MINUS":
        figure = _FIGURE_AFTER.match(row, tok.end_column - 1) if tok.end_line == tok.line else None
        if figure is not None:
            return hint("negative-in-brackets", minus=tok.value, figure=figure.group(1))
        return hint()
    if tok.type == "LBRACE":
        return hint("block-on-same-line")
    if tok.type in ("FORMULA_KW",):
        return hint("formula-own-line")
    return hint()
