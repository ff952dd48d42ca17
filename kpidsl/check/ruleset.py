"""A rule set: a folder of .kpi files that see each other's names.

``discover`` groups the files named on the command line into rule sets: a rule
set is the highest folder that directly holds .kpi files (so ``rules/2555`` with
``rules/2555/agreements/*.kpi`` is one rule set, and ``rules/`` holding only
year folders is several). ``load`` reads, parses and lowers every file.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..source import RULE_SUFFIX, collect, display_path, read_file
from ..syntax import ast, parse_source


@attrs.frozen
class RuleSetSource:
    root: Path
    files: tuple[Path, ...]

    @property
    def name(self) -> str:
        return display_path(self.root)


def _holds_rules(folder: Path) -> bool:
    return any(p.suffix == RULE_SUFFIX and p.is_file() for p in folder.iterdir())


def _root_under(top: Path, file: Path) -> Path:
    """The highest folder from ``top`` down to the file's folder that directly
    holds .kpi files."""
    chain = [top, *(top / part for part in _parts_between(top, file.parent))]
    for folder in chain:
        if _holds_rules(folder):
            return folder
    return file.parent


def _parts_between(top: Path, folder: Path) -> list[str]:
    rel = folder.resolve().relative_to(top.resolve())
    parts = list(rel.parts)
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _root_above(file: Path) -> Path:
    """For a file named alone: climb while the parent folder holds .kpi files."""
    root = file.parent
    while root.resolve().parent != root.resolve() and _holds_rules(root.parent):
        root = root.parent
    return root


def discover(paths: list[Path]) -> tuple[list[RuleSetSource], list[Diagnostic]]:
    files, diags = collect(paths)
    wanted = {f.resolve() for f in files}
    groups: dict[Path, set[Path]] = {}
    for path in paths:
        if path.is_dir():
            for f in path.rglob(f"*{RULE_SUFFIX}"):
                if f.resolve() in wanted:
                    groups.setdefault(_root_under(path, f), set()).add(f)
        elif path.is_file():
            root = _root_above(path)
            members = groups.setdefault(root, set())
            members.add(path)
            members.update(p for p in root.rglob(f"*{RULE_SUFFIX}") if p.is_file())
    sources = []
    for root, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        unique = {m.resolve(): m for m in members}
        sources.append(RuleSetSource(root, tuple(sorted(unique.values(), key=lambda p: str(p)))))
    return sources, diags


@attrs.define
class RuleSet:
    """Every declaration of a rule set, indexed by kind and id (first wins; the
    names pass reports duplicates)."""

    name: str
    files: list[ast.RuleFile] = attrs.Factory(list)
    texts: dict[str, str] = attrs.Factory(dict)
    frameworks: dict[str, ast.Framework] = attrs.Factory(dict)
    agreements: dict[str, ast.Agreement] = attrs.Factory(dict)
    bands: dict[str, ast.Bands] = attrs.Factory(dict)
    calendars: dict[str, ast.Calendar] = attrs.Factory(dict)
    examples: dict[str, ast.Example] = attrs.Factory(dict)
    policies: list[ast.Policy] = attrs.Factory(list)
    holidays: list[ast.Holidays] = attrs.Factory(list)

    def declarations(self):
        for f in self.files:
            yield from f.declarations

    def add(self, rule_file: ast.RuleFile) -> None:
        self.files.append(rule_file)
        for decl in rule_file.declarations:
            table = {
                ast.Framework: self.frameworks,
                ast.Agreement: self.agreements,
                ast.Bands: self.bands,
                ast.Calendar: self.calendars,
                ast.Example: self.examples,
            }.get(type(decl))
            if table is not None:
                table.setdefault(decl.id, decl)
            elif isinstance(decl, ast.Policy):
                self.policies.append(decl)
            elif isinstance(decl, ast.Holidays):
                self.holidays.append(decl)

    @property
    def is_empty(self) -> bool:
        return not any(True for _ in self.declarations())


def load(source: RuleSetSource) -> tuple[RuleSet, list[Diagnostic]]:
    rs = RuleSet(source.name)
    diags: list[Diagnostic] = []
    for path in source.files:
        src, read_diags = read_file(path)
        diags.extend(read_diags)
        if src is None:
            continue
        rs.texts[src.path] = src.text
        rule_file, parse_diags = parse_source(src)
        diags.extend(parse_diags)
        if rule_file is not None:
            rs.add(rule_file)
    return rs, diags
