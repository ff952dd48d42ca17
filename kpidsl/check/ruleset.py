"""A rule set: a folder of .kpi files that see each other's names.

``discover`` groups the files named on the command line into rule sets: a rule
set is the highest folder that directly holds .kpi files, with the subfolders
below it that hold .kpi files too, reached through such folders (so
``rules/2555`` with ``rules/2555/agreements/*.kpi`` is one rule set, and
``rules/`` holding only year folders is several). A folder named and a file
named alone give the same rule sets; a file named alone costs the listing of its
rule set's folders, not of the trees beside them. ``load`` reads, parses and
lowers every file.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.span import Span
from ..diagnostics.registry import CODES
from ..source import classify, display_path, find_rule_files, find_rule_set_files, read_file, rule_set_root
from ..syntax import ast, parse_source


@attrs.frozen
class RuleSetSource:
    root: Path
    files: tuple[Path, ...]

    @property
    def name(self) -> str:
        return display_path(self.root)


def _root_under(top: Path, file: Path, rule_dirs: set[Path]) -> Path:
    """The highest folder from ``top`` down to the file's folder from which every
    folder down to the file's holds .kpi files (as ``rule_set_root`` climbs).
    Lexical: ``file`` was found by walking ``top``."""
    root = file.parent
    while root != top and root.parent in rule_dirs:
        root = root.parent
    return root


def _shown(path: Path) -> Path:
    """The path as diagnostics show it: relative to the working directory when inside it."""
    return Path(display_path(path))


def discover(paths: list[Path]) -> tuple[list[RuleSetSource], list[Diagnostic]]:
    """Group the named files and folders into rule sets, with a diagnostic for
    each path that cannot be used or yields no rule file."""
    diags: list[Diagnostic] = []
    # root's real path → (root as given, {member's real path: member})
    groups: dict[str, tuple[Path, dict[str, Path]]] = {}

    def add(root: Path, files: list[Path]) -> None:
        _, members = groups.setdefault(os.path.realpath(root), (root, {}))
        for f in files:
            members.setdefault(os.path.realpath(f), f)

    for path in paths:
        kind = classify(path)
        if isinstance(kind, Diagnostic):
            diags.append(kind)
        elif kind == "folder":
            files, walk_diags = find_rule_files(path)
            diags.extend(walk_diags)
            if not files and not walk_diags:  # an unlisted folder has said why already
                diags.append(CODES["F002"].at(Span.whole_file(display_path(path)), path=display_path(path)))
            rule_dirs = {f.parent for f in files}
            for f in files:
                add(_root_under(path, f, rule_dirs), [f])
        else:
            root = rule_set_root(path)
            siblings, walk_diags = find_rule_set_files(root)
            diags.extend(walk_diags)
            add(root, [path, *siblings])
    # A folder named together with one of its own subfolders: the subfolder's
    # files are already in the larger rule set; checking them twice would only
    # repeat (or, cut off from their rule set, invent) diagnostics.
    kept = [
        (root, members) for root, members in groups.values()
        if not any(members.keys() < more.keys() for _, more in groups.values())
    ]
    sources = [
        RuleSetSource(_shown(root), tuple(sorted((_shown(m) for m in members.values()), key=str)))
        for root, members in kept
    ]
    sources.sort(key=lambda s: str(s.root))
    return sources, list(dict.fromkeys(diags))


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
