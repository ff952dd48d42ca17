"""The rule set an open file belongs to, kept in memory between edits.

A rule set is the folder the checker would take (the highest folder above the
file that directly holds .kpi files) with every rule file under it, opened in
the editor or not. Each file's parse result (statement tree, rule AST, syntax
diagnostics) is kept and keyed by its text: an edit re-parses only the edited
file, then the rule-set passes run again over the kept ASTs, as `kpidsl check`
runs them. Open documents' unsaved text takes the place of the file on disk.

The editor's text of an open file is read as `kpidsl check` reads the file
saved (source.decode): a byte-order mark dropped, CRLF and a lone CR read as a
line end, a NUL or a text mostly of control characters not text (F005), an
empty one told (F006). So the editor sees the diagnostics the checker gives.

Paths are absolute, so spans name files the editor can open whatever the
server's working directory.

A file that does not parse (a `{` not closed yet while a block is typed) has no tree for
the checker; the editor's features (outline, tokens, hover, definition, references,
completion) read a tree recovered from it instead (kpidsl/syntax/recover.py: ``tree``,
``editor_documents``, ``editor_rule_set``), made when one of them first asks. It never
reaches ``check``: the diagnostics stay those `kpidsl check` gives for the text.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..check import RuleSet, passes_over
from ..diagnostics.model import Diagnostic
from ..source import decode, find_rule_set_files, read_file
from ..syntax import ast, cst, parse_and_lower
from ..syntax.recover import Recovered, recovered


@attrs.frozen
class ParsedFile:
    path: str
    text: str | None  # None: the file could not be read (``diagnostics`` say why)
    document: cst.Document | None
    rule_file: ast.RuleFile | None
    diagnostics: tuple[Diagnostic, ...]
    given: str | None = None  # the editor's text of an open file, as the editor holds it

    @property
    def bom(self) -> bool:
        """Whether the editor's text begins with a byte-order mark, which ``text`` has not."""
        return self.given is not None and self.given.startswith("\ufeff")


def parse_text(path: str, text: str) -> ParsedFile:
    """Parse and lower one file as the checker does: lowering stays quiet on the
    lines a syntax error already reported."""
    document, rule_file, diags = parse_and_lower(text, path)
    return ParsedFile(path, text, document, rule_file, tuple(diags))


def editor_text(path: str, given: str) -> ParsedFile:
    """The editor's text of a file, read as the checker reads the file saved (read_file):
    its UTF-8 bytes through source.decode, then parsed. A lone surrogate (no UTF-8 file can
    hold one) is kept as bytes that are not UTF-8, so that decode tells it (F008)."""
    text, diags = decode(given.encode("utf-8", "surrogatepass"), path)
    if text is None:
        return ParsedFile(path, None, None, None, tuple(diags), given)
    parsed = parse_text(path, text)
    return attrs.evolve(parsed, diagnostics=tuple(diags) + parsed.diagnostics, given=given)


@attrs.frozen
class Checked:
    rule_set: RuleSet
    diagnostics: dict[str, list[Diagnostic]]  # by file path; every file of the set has an entry

    @property
    def errors(self) -> int:
        return sum(1 for ds in self.diagnostics.values() for d in ds if d.is_error)


class RuleSetState:
    def __init__(self, root: Path, files: dict[str, ParsedFile] | None = None):
        """The rule set under ``root``, its files read from disk, or ``files`` when given."""
        self.root = root
        self.files: dict[str, ParsedFile] = dict(files or {})
        self.open: set[str] = set()
        self._checked: Checked | None = None
        self._plan: dict | None = None
        self._plan_done = False
        # a file that does not parse → (its ParsedFile, the tree recovered from it, or None)
        self._recovered: dict[str, tuple[ParsedFile, Recovered | None]] = {}
        self._editor_rule_set: tuple[Checked, RuleSet] | None = None
        if files is None:
            found, _ = find_rule_set_files(root)
            for path in found:
                self._read(str(Path(os.path.abspath(path))))

    # ---- text in ---------------------------------------------------------------------------
    def _read(self, path: str) -> None:
        source, diags = read_file(Path(path), path)
        if source is None:
            self._store(ParsedFile(path, None, None, None, tuple(diags)))
        else:
            parsed = parse_text(path, source.text)
            self._store(attrs.evolve(parsed, diagnostics=tuple(diags) + parsed.diagnostics))

    def _store(self, parsed: ParsedFile) -> None:
        self.files[parsed.path] = parsed
        self._checked = None
        self._plan = None
        self._plan_done = False

    def set_text(self, path: str, text: str) -> bool:
        """The editor's text of a file; False when nothing changed (no re-parse)."""
        self.open.add(path)
        old = self.files.get(path)
        if old is not None and old.given == text:
            return False
        self._store(editor_text(path, text))
        return True

    def trial(self, texts: dict[str, str]) -> "RuleSetState":
        """Another state of the same rule set with ``texts`` (path → text) in place of those
        files, to check an edit before it is made (kpidsl/lsp/rename.py); this one unchanged."""
        other = RuleSetState(self.root, self.files)
        other.open = set(self.open)
        for path, text in texts.items():
            other.set_text(path, text)
        return other

    def close(self, path: str) -> None:
        """The editor closed the file: its text on disk counts again (or, gone from
        disk, it leaves the rule set)."""
        self.open.discard(path)
        if os.path.isfile(path):
            self._read(path)
        else:
            self.files.pop(path, None)
            self._checked = None

    def saved_on_disk(self, path: str) -> None:
        """A file changed on disk; an open document's text still wins."""
        if path in self.open:
            return
        if os.path.isfile(path):
            self._read(path)
        elif path in self.files:
            self.files.pop(path)
            self._checked = None

    # ---- results out -----------------------------------------------------------------------
    def check(self) -> Checked:
        """The rule-set passes over the kept ASTs, as `kpidsl check` runs them."""
        if self._checked is not None:
            return self._checked
        rs = RuleSet(str(self.root))
        diags: list[Diagnostic] = []
        for path in sorted(self.files):
            parsed = self.files[path]
            diags.extend(parsed.diagnostics)
            if parsed.text is not None:
                rs.texts[path] = parsed.text
            if parsed.rule_file is not None:
                rs.add(parsed.rule_file)
        everything = passes_over(rs, diags)
        by_file: dict[str, list[Diagnostic]] = {path: [] for path in self.files}
        for d in dict.fromkeys(everything):
            if d.span is not None and d.span.path in by_file:
                by_file[d.span.path].append(d)
        for ds in by_file.values():
            ds.sort(key=Diagnostic.sort_key)
        self._checked = Checked(rs, by_file)
        return self._checked

    def plan(self) -> dict | None:
        """The compiled plan while the rule set checks clean, else None."""
        if not self._plan_done:
            checked = self.check()
            self._plan_done = True
            if checked.errors == 0:
                from ..plan import compile_plan

                try:
                    self._plan = compile_plan(checked.rule_set, self.root)
                except Exception:  # noqa: BLE001 — hover falls back to the AST; the checker is the judge
                    self._plan = None
        return self._plan

    def text(self, path: str) -> str:
        """A file's text as kpidsl reads it (spans point into it); empty when unreadable."""
        parsed = self.files.get(path)
        return parsed.text if parsed and parsed.text is not None else ""

    def given(self, path: str) -> str | None:
        """The editor's text of the file as the editor holds it; None when it is as read from disk."""
        parsed = self.files.get(path)
        return parsed.given if parsed is not None else None

    def documents(self) -> list[cst.Document]:
        return [p.document for p in self.files.values() if p.document is not None]

    # ---- the editor's trees ----------------------------------------------------------------
    def _recovery(self, parsed: ParsedFile) -> Recovered | None:
        """The tree recovered from a file that does not parse (kept while its text is)."""
        if parsed.document is not None or parsed.text is None:
            return None
        kept = self._recovered.get(parsed.path)
        if kept is None or kept[0] is not parsed:
            kept = (parsed, recovered(parsed.text, parsed.path, parsed.diagnostics))
            self._recovered[parsed.path] = kept
        return kept[1]

    def tree(self, path: str) -> cst.Document | None:
        """A file's statement tree for the editor's features: the parser's, or, while the
        file does not parse, the one recovered from it; None when neither is had."""
        parsed = self.files.get(path)
        if parsed is None:
            return None
        if parsed.document is not None:
            return parsed.document
        found = self._recovery(parsed)
        return found.document if found is not None else None

    def editor_documents(self) -> list[cst.Document]:
        """Every file's tree as ``tree`` gives it, for the names the editor's features look up."""
        return [doc for path in self.files if (doc := self.tree(path)) is not None]

    def editor_rule_set(self) -> RuleSet:
        """The checker's rule set, with the rule AST of each file recovered in it (never
        checked) where the file does not parse: what hover reads a name's figures from."""
        checked = self.check()
        if self._editor_rule_set is not None and self._editor_rule_set[0] is checked:
            return self._editor_rule_set[1]
        mended = {path: rule_file for path, parsed in self.files.items()
                  if parsed.rule_file is None and (found := self._recovery(parsed)) is not None
                  and (rule_file := found.rule_file()) is not None}
        if not mended:
            rs = checked.rule_set
        else:
            rs = RuleSet(str(self.root))
            for path in sorted(self.files):
                parsed = self.files[path]
                if parsed.text is not None:
                    rs.texts[path] = parsed.text
                rule_file = mended.get(path, parsed.rule_file)
                if rule_file is not None:
                    rs.add(rule_file)
        self._editor_rule_set = (checked, rs)
        return rs
