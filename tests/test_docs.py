"""docs/scoring.md points at the code and the tests of each rule of scoring: every path it
names exists, every function it names in a module is defined there, and every test it names
(a name, or a prefix ending in *) is a test of the suite."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCORING = REPO / "docs" / "scoring.md"
ROWS = [line for line in SCORING.read_text(encoding="utf-8").splitlines() if re.match(r"\| \d+ \|", line)]


def _test_names() -> set[str]:
    names = set()
    for path in (REPO / "tests").glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name)
    return names


def test_there_are_fifteen_rules():
    assert [int(row.split("|")[1]) for row in ROWS] == list(range(1, 16))


@pytest.mark.parametrize("path", sorted(set(re.findall(r"`((?:kpidsl|tests|docs)/[\w/.]+)`",
                                                        SCORING.read_text(encoding="utf-8")))))
def test_every_path_named_exists(path: str):
    assert (REPO / path).exists(), path


def test_every_function_named_is_in_its_module():
    named = 0
    for row in ROWS:
        written_in = row.split("|")[5]
        module = None
        for part in re.findall(r"`([\w/.]+)`(?: \(`(\w+)`\))?", written_in):
            path, function = part
            if "/" in path:
                module = REPO / path
            elif path.endswith(".py"):
                module = module.parent / path
            if function:
                source = module.read_text(encoding="utf-8")
                assert re.search(rf"def {function}\b", source), (row.split("|")[1], function, module)
                named += 1
    assert named == sum(len(re.findall(r"\(`\w+`\)", row.split("|")[5])) for row in ROWS) > 0


def test_every_test_named_is_in_the_suite():
    tests = _test_names()
    for row in ROWS:
        for name in re.findall(r"`(test_\w+\*?)`", row.split("|")[6]):
            if name.endswith("*"):
                assert any(t.startswith(name[:-1]) for t in tests), name
            else:
                assert name in tests, name
