"""`kpidsl fmt`: one canonical layout for rule files, verified before it is written.

The layout is the printer's (kpidsl/syntax/printer.py): four spaces per block,
one statement per line, single spaces, comments where they were. What a rule
author wrote is kept: Thai or English keywords, Thai digits, the signs
``× ÷ − ≥ ≤ →``, dates as written. ``--keywords th|en`` converts keywords to
one language (see ``convert_keywords``).

Like black, every result is verified before anything is written (``verify``):

* *statement tree* — the result parses, without errors, to the same statement
  tree (for a keyword conversion: to the converted tree);
* *rule AST* — it lowers to the same rule AST as the original file;
* *comments* — every comment comes back, in order;
* *idempotence* — formatting the result again changes nothing.

A file that fails one of these is reported (which file, which check) and left
as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from .bilingual import Bi
from .diagnostics.model import Diagnostic
from .diagnostics.phrases import phrase
from .source import SourceFile, decode, display_path, read_rule_bytes, written_too_large
from .syntax import ast, cst
from .syntax.keywords import (
    FUNCTION_BY_SPELLING,
    FUNCTIONS,
    Keyword,
    is_thai,
    lookup,
    normalize_thai,
)
from .syntax.lower import lower
from .syntax.parser import parse
from .syntax.printer import print_document

CHECKS = ("statement tree", "rule AST", "comments", "idempotence")

# The Thai spelling a keyword takes in one place when it is not its first one:
# an agreement's `salary` is the salary itself (เงินเดือน), a framework's the
# salary rules (การเลื่อนเงินเดือน); `raise none` reads ไม่เลื่อน.
# Keys: (keyword, the keyword of the statement or value word it follows).
_PREFER_TH: dict[tuple[str, str | None], str] = {
    ("salary", "agreement"): "เงินเดือน",
    ("none", "raise"): "ไม่เลื่อน",
}


@attrs.frozen
class Failure:
    """A verification that did not hold: ``check`` is one of CHECKS (told by check_name),
    ``detail`` what did not (a phrase of kpidsl/diagnostics/phrases.py)."""

    check: str
    detail: Bi

    def check_name(self) -> Bi:
        """The check's name in both languages ("statement tree" → fmt-check-statement-tree)."""
        return phrase(f"fmt-check-{self.check.lower().replace(' ', '-')}")


@attrs.frozen
class Formatted:
    """The outcome of formatting one text.

    ``text`` is the canonical text, or None when the file is not formatted:
    it has syntax errors (``diagnostics``) or failed a verification (``failure``).
    """

    text: str | None
    diagnostics: tuple[Diagnostic, ...] = ()
    failure: Failure | None = None


def format_text(source: str, path: str, keywords: str | None = None,
                printer: Callable[[cst.Document], str] | None = None) -> Formatted:
    """Format one rule file's text (``keywords``: None, "th" or "en";
    ``printer``: the canonical printer unless a test swaps it)."""
    printer = printer or print_document
    parsed = parse(source, path)
    if parsed.document is None or parsed.diagnostics:
        return Formatted(None, tuple(parsed.diagnostics))
    doc = parsed.document
    try:
        target = convert_keywords(doc, keywords) if keywords else doc
        text = printer(target)
        failure = verify(doc, target, text, path, converted=bool(keywords), printer=printer)
    except Exception as e:  # noqa: BLE001 — a printer bug must cost one file, reported, not the whole run
        what = " ".join(f"{type(e).__name__}: {e}".split())
        return Formatted(None, failure=Failure("statement tree", phrase("fmt-not-printed", what=what)))
    return Formatted(None if failure else text, failure=failure)


# ---- files on disk -----------------------------------------------------------------------------------

@attrs.frozen
class FileOutcome:
    """What formatting one file came to.

    ``state`` is "unchanged", "changed" (``new`` holds the bytes to write),
    "invalid" (syntax errors: ``diagnostics``), "unreadable" (``diagnostics``
    say why) or "failed" (a verification did not hold: ``failure``)."""

    path: str
    state: str
    old: str = ""  # the text as read (line ends normalised), for a diff
    new_text: str = ""
    new: bytes = b""
    read: bytes = b""  # the file's bytes as read: it must hold them still when ``new`` is written
    source: str = ""  # the text diagnostics point into
    diagnostics: tuple[Diagnostic, ...] = ()
    failure: Failure | None = None


def format_file(path: Path, keywords: str | None = None,
                printer: Callable[[cst.Document], str] | None = None) -> FileOutcome:
    """Read one rule file as `check` reads it and format it. Nothing is
    written here: the caller decides (``--check``, ``--diff``).

    A file saved by a Windows editor keeps its byte-order mark and its CRLF
    line ends: the canonical layout is about the text, not the editor's habits.
    """
    shown = display_path(path)
    raw, diags = read_rule_bytes(path, shown)  # read once: the text formatted and the bytes compared
    text = None
    if raw is not None:
        text, diags = decode(raw, shown)
    if text is None:
        return FileOutcome(shown, "unreadable", diagnostics=tuple(diags))
    source = SourceFile(shown, text)
    result = format_text(source.text, shown, keywords, printer=printer)
    if result.diagnostics:
        return FileOutcome(shown, "invalid", old=source.text, source=source.text, diagnostics=result.diagnostics)
    if result.failure is not None:
        return FileOutcome(shown, "failed", old=source.text, failure=result.failure)
    new = as_saved(result.text, raw.decode("utf-8")).encode("utf-8")
    state = "unchanged" if new == raw else "changed"
    too_large = written_too_large(len(new), shown, shown) if state == "changed" else None
    if too_large is not None:  # the file as it was reads; the result would not
        return FileOutcome(shown, "unreadable", diagnostics=(too_large,))
    return FileOutcome(shown, state, old=source.text, new_text=result.text, new=new, read=raw)


def as_saved(text: str, saved: str) -> str:
    """Formatted ``text`` in the form of ``saved``, the text it was formatted from as a file
    holds it (or an editor, kpidsl/lsp/server.py): a Windows editor's CRLF line ends and its
    byte-order mark kept, for the canonical layout is about the text, not the editor's habits."""
    if "\r\n" in saved:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if saved.startswith("\ufeff") else "") + text


def verify(original: cst.Document, target: cst.Document, text: str, path: str, *, converted: bool = False,
           printer: Callable[[cst.Document], str] = print_document) -> Failure | None:
    """The four checks of the module docstring; the first that fails."""
    again = parse(text, path)
    if again.document is None or again.diagnostics:
        first = again.diagnostics[0] if again.diagnostics else None
        where = phrase("fmt-at-line", line=first.span.line) if first is not None and first.span else ""
        why = Bi(first.message_en, first.message_th) if first else phrase("fmt-blocks-unreadable")
        return Failure("statement tree", phrase("fmt-result-not-parsed", where=where, why=why))
    if again.document != target:
        return Failure("statement tree", _first_difference(target.statements, again.document.statements))
    before, _ = lower(original)
    after, _ = lower(again.document)
    if converted:
        before, after = canonical_functions(before), canonical_functions(after)
    if before != after:
        return Failure("rule AST", phrase("fmt-other-rule-ast"))
    kept = [c.text.rstrip() for c in again.document.comments]
    written = [c.text.rstrip() for c in original.comments]
    if kept != written:
        lost = next((c for c in written if c not in kept), None)
        return Failure("comments", phrase("fmt-comment-lost", comment=lost) if lost else phrase("fmt-comments-order"))
    if printer(again.document) != text:
        return Failure("idempotence", phrase("fmt-not-idempotent"))
    return None


def _first_difference(a: tuple, b: tuple) -> Bi:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            line = getattr(getattr(y, "span", None), "line", None)
            return phrase("fmt-statement-differs", n=i + 1,
                          where=phrase("fmt-line-of-result", line=line) if line else "")
    return phrase("fmt-statements-became", before=len(a), after=len(b))


# ---- keyword conversion ---------------------------------------------------------------------------------


def _spelling(kw: Keyword, lang: str, after: str | None) -> str:
    if lang == "en":
        return kw.en[0]
    return _PREFER_TH.get((kw.canonical, after), kw.th[0])


def _function(name: str, lang: str) -> str:
    canon = FUNCTION_BY_SPELLING.get(normalize_thai(name))
    if canon is None or is_thai(name) == (lang == "th"):
        return name
    return next((s for s in FUNCTIONS[canon] if is_thai(s) == (lang == "th")), name)


class _Converter:
    """Rebuilds a statement tree with keywords in one language.

    Heads, formula keywords, the range word (to/ถึง) and function names are
    keywords wherever they stand. A value word is one only where lowering reads
    it through the keyword table — ``มิติ quality`` names a dimension, ``ประเภท
    quality`` is a kind — so each candidate value word is kept only if
    converting it leaves the lowered rule AST (and the diagnostics) as they were.
    """

    def __init__(self, doc: cst.Document, lang: str):
        self.doc = doc
        self.lang = lang
        self.candidates: list[cst.Name] = []
        self.chosen: set[int] = set()
        self.collect = True

    def run(self) -> cst.Document:
        self.apply()  # collects the candidate value words
        self.collect = False
        if self.candidates:
            base = _meaning(self.doc)
            self.chosen = set()
            self._choose(self.candidates, base)
        return self.apply()

    def _choose(self, group: list[cst.Name], base) -> None:
        """Group testing: keep a whole group when it converts cleanly, else split it."""
        trial = self.chosen | {id(n) for n in group}
        saved, self.chosen = self.chosen, trial
        ok = _meaning(self.apply()) == base
        self.chosen = trial if ok else saved
        if ok or len(group) == 1:
            return
        half = len(group) // 2
        self._choose(group[:half], base)
        self._choose(group[half:], base)

    def apply(self) -> cst.Document:
        return attrs.evolve(self.doc, statements=self.stmts(self.doc.statements, None))

    def kept(self, text: str, kw: Keyword, after: str | None) -> bool:
        """Whether a keyword is already written as the conversion writes it.
        A second spelling in the same language (กรอบการประเมิน, indicator)
        becomes the first, so that th → en → th gives the th form back."""
        return normalize_thai(text) == normalize_thai(_spelling(kw, self.lang, after))

    # -- the walk
    def stmts(self, stmts: Iterable[cst.Stmt], parent: str | None) -> tuple[cst.Stmt, ...]:
        return tuple(self.stmt(s, parent) for s in stmts)

    def stmt(self, st: cst.Stmt, parent: str | None) -> cst.Stmt:
        if isinstance(st, cst.Formula):
            kw = lookup(st.keyword)
            keyword = st.keyword if kw is None or self.kept(st.keyword, kw, parent) else \
                _spelling(kw, self.lang, parent)
            return attrs.evolve(st, keyword=keyword, expr=self.expr(st.expr))
        head = st.head
        kw = lookup(head.text) if not head.written else None
        canon = kw.canonical if kw else None
        if kw is not None and not self.kept(head.text, kw, parent):
            head = attrs.evolve(head, text=_spelling(kw, self.lang, parent))
        after = canon
        args = []
        for arg in st.args:
            new, word = self.arg(arg, after)
            args.append(new)
            after = word or after
        block = st.block
        if block is not None:
            block = attrs.evolve(block, statements=self.stmts(block.statements, canon))
        return attrs.evolve(st, head=head, args=tuple(args), block=block)

    def arg(self, arg: cst.Arg, after: str | None) -> tuple[Any, str | None]:
        """The converted argument, and the keyword it is (for the words after it)."""
        if isinstance(arg, cst.Name):
            kw = lookup(arg.text)
            if kw is None or self.kept(arg.text, kw, after):
                return arg, kw.canonical if kw else None
            if self.collect:
                self.candidates.append(arg)
            if id(arg) in self.chosen:
                return attrs.evolve(arg, text=_spelling(kw, self.lang, after)), kw.canonical
            return arg, None
        if isinstance(arg, cst.Range):
            sep = arg.sep
            kw = lookup(sep)
            if kw is not None and not self.kept(sep, kw, after):
                sep = _spelling(kw, self.lang, after)
            return attrs.evolve(arg, low=self.arg(arg.low, after)[0], high=self.arg(arg.high, after)[0], sep=sep), None
        if isinstance(arg, cst.Compare):
            return attrs.evolve(arg, value=self.arg(arg.value, after)[0]), None
        if isinstance(arg, cst.Arrow):
            return attrs.evolve(arg, target=self.arg(arg.target, after)[0]), None
        if isinstance(arg, cst.Paren):
            return attrs.evolve(arg, expr=self.expr(arg.expr)), None
        return arg, None

    def expr(self, e: cst.Expr) -> cst.Expr:
        if isinstance(e, cst.Call):
            return attrs.evolve(e, func=_function(e.func, self.lang), args=tuple(self.expr(a) for a in e.args))
        if isinstance(e, cst.BinOp):
            return attrs.evolve(e, left=self.expr(e.left), right=self.expr(e.right))
        if isinstance(e, cst.Neg):
            return attrs.evolve(e, operand=self.expr(e.operand))
        return e


def convert_keywords(doc: cst.Document, lang: str) -> cst.Document:
    """The same statement tree with every keyword — heads, keyword value words,
    formula keywords, the range word, function names — in ``lang`` ("th" or
    "en"), each in its first spelling there; ids, texts, dates and numbers
    untouched."""
    if lang not in ("th", "en"):
        raise ValueError(f"keywords are th or en, not {lang!r}")
    return _Converter(doc, lang).run()


def _meaning(doc: cst.Document):
    """What a conversion must not change: the rule AST and the codes reported."""
    rule_file, diags = lower(doc)
    return canonical_functions(rule_file), tuple(d.code for d in diags)


def canonical_functions(node: Any) -> Any:
    """The rule AST with formula function names in their canonical spelling
    (เฉลี่ย → mean): the one part of a rule AST that keeps a keyword as written."""
    if isinstance(node, cst.Call):
        return attrs.evolve(node, func=FUNCTION_BY_SPELLING.get(normalize_thai(node.func), node.func),
                            args=tuple(canonical_functions(a) for a in node.args))
    if isinstance(node, tuple):
        return tuple(canonical_functions(x) for x in node)
    if attrs.has(type(node)) and isinstance(node, _WITH_EXPRESSIONS):
        changes = {}
        for f in attrs.fields(type(node)):
            if not f.eq or not f.init:
                continue
            value = getattr(node, f.name)
            new = canonical_functions(value)
            if new is not value:
                changes[f.name] = new
        return attrs.evolve(node, **changes) if changes else node
    return node


# The AST classes on a path from a rule file to a formula: only these are rebuilt.
_WITH_EXPRESSIONS = (
    ast.RuleFile, ast.Framework, ast.Agreement, ast.Node, ast.FormulaScoring, ast.Composite, ast.Part,
    cst.BinOp, cst.Neg, cst.Paren,
)
