"""The README's tour runs as shown from a fresh clone.

Every fenced block of README.md whose first line is `$ command` is run, in a temporary
folder holding a copy of what a clone ships (rules/, examples/, tests/fixtures/), with
`kpidsl` and `python` of this environment; each command's standard output and then its
standard error must read as the lines under it, where

- a line that is only `…` stands for any number of lines (none too), and
- a `…` inside a line stands for any text on that line.

HTML comments just before a block (invisible on GitHub) say how to run it:

- `<!-- no-run: reason -->`: the block is not run; the test is skipped with the reason;
- `<!-- setup: shell command -->` (one or more): run first, in the same folder, and must
  succeed, e.g. to make the edited copy of a rule set a block talks about;
- `<!-- needs: NAME -->`: an optional extra of pyproject.toml (the block is skipped with
  a reason when one of its packages is not installed) or, when NAME is no extra, a
  program that must be on PATH or a Python package that must be installed. `kpidsl workbook` and `kpidsl lsp` need their extras
  without saying so.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# What a block may read: the folders of a clone the tour names.
SHIPPED = ("rules", "examples", "tests/fixtures")
# Commands whose extra the README need not name.
COMMAND_EXTRAS = {"workbook": "xlsx", "lsp": "lsp"}
ELLIPSIS = "…"
FENCE = re.compile(r"^(?P<indent>\s*)```")
MARKER = re.compile(r"^\s*<!--\s*(?P<kind>no-run|setup|needs):\s*(?P<text>.*?)\s*-->\s*$")


@dataclass
class Command:
    line: str  # as written after `$ `
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    lineno: int  # of the opening fence, 1-based
    commands: list[Command]
    no_run: str | None = None
    setup: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        words = self.commands[0].line.split()
        return f"L{self.lineno}-" + "-".join(w for w in words[:3] if not w.startswith("-"))


def blocks(text: str) -> list[Block]:
    """The command blocks of a Markdown text, with the markers before each."""
    lines = text.split("\n")
    found: list[Block] = []
    markers: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            markers.append((m["kind"], m["text"]))
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            if lines[i].strip():
                markers = []  # markers belong to the block right after them
            i += 1
            continue
        indent = len(fence["indent"])
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not FENCE.match(lines[i]):
            line = lines[i]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            i += 1
        i += 1
        if body and body[0].startswith("$ "):
            commands: list[Command] = []
            for line in body:
                if line.startswith("$ "):
                    commands.append(Command(line[2:]))
                else:
                    commands[-1].expected.append(line)
            block = Block(start + 1, commands)
            for kind, value in markers:
                if kind == "no-run":
                    block.no_run = value
                elif kind == "setup":
                    block.setup.append(value)
                else:
                    block.needs.append(value)
            found.append(block)
        markers = []
    return found


def _line_pattern(expected: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expected.rstrip().split(ELLIPSIS)) + r"\Z")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether actual lines read as the expected ones, `…` lines and `…` in a line as wildcards."""
    want = [e for e in expected]
    while want and not want[-1].strip():
        want.pop()
    got = [a.rstrip() for a in actual]
    while got and not got[-1]:
        got.pop()
    memo: dict[tuple[int, int], bool] = {}

    def at(w: int, g: int) -> bool:
        if (w, g) in memo:
            return memo[w, g]
        if w == len(want):
            ok = g == len(got)
        elif want[w].strip() == ELLIPSIS:
            ok = at(w + 1, g) or (g < len(got) and at(w, g + 1))
        else:
            ok = g < len(got) and bool(_line_pattern(want[w]).match(got[g])) and at(w + 1, g + 1)
        memo[w, g] = ok
        return ok

    return at(0, 0)


@functools.cache
def _extras() -> dict[str, list[str]]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["project"].get("optional-dependencies", {})


def missing(need: str) -> str | None:
    """Why a block that needs `need` cannot run here, or None."""
    extras = _extras()
    if need not in extras:
        if shutil.which(need):
            return None
        try:
            importlib.metadata.version(need)  # a package a block's script imports (pyspark)
            return None
        except importlib.metadata.PackageNotFoundError:
            return f"neither a program `{need}` on PATH nor a package `{need}` is installed"
    for requirement in extras[need]:
        dist = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        if dist == "kpidsl":
            continue
        try:
            importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return f"the {need} extra is not installed (pip install 'kpidsl[{need}]')"
    return None


def _needs(block: Block) -> list[str]:
    needs = list(block.needs)
    for command in block.commands:
        words = command.line.split()
        if len(words) > 1 and words[0] == "kpidsl" and words[1] in COMMAND_EXTRAS:
            needs.append(COMMAND_EXTRAS[words[1]])
    return needs


BLOCKS = blocks(README.read_text(encoding="utf-8"))


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    work = tmp_path / "kpidsl"
    for rel in SHIPPED:
        shutil.copytree(ROOT / rel, work / rel, ignore=shutil.ignore_patterns("__pycache__"))
    return work


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("KPIDSL_LANG", None)  # the README shows the defaults
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_readme_block_runs_as_shown(block: Block, clone: Path):
    if block.no_run:
        pytest.skip(f"README.md:{block.lineno} is marked no-run: {block.no_run}")
    for need in _needs(block):
        why = missing(need)
        if why:
            pytest.skip(f"README.md:{block.lineno} needs {why}")
    for setup in block.setup:
        done = _run(setup, clone)
        assert done.returncode == 0, f"README.md:{block.lineno}: setup `{setup}` failed:\n{done.stderr}"
    for command in block.commands:
        done = _run(command.line, clone)
        actual = (done.stdout + done.stderr).split("\n")
        if "Traceback" in done.stderr or not matches(command.expected, actual):
            pytest.fail(f"README.md:{block.lineno}: `$ {command.line}` (exit {done.returncode}) printed:\n"
                        + "\n".join(actual) + "\n--- the README shows:\n" + "\n".join(command.expected),
                        pytrace=False)


# "(`--lang en` reads `A` and `B`; ..." or "With `--lang en` the same report reads `A`, `B`, ...":
# what the English output of the block just above says, quoted.
ENGLISH_READS = re.compile(r"`--lang en`(?: the same \w+)? reads (?P<quoted>(?:`[^`]+`(?:,| and|,? and)?\s*)+)")


def english_claims(text: str) -> list[tuple[Block, list[str]]]:
    """Each sentence saying what a block's command prints in English, with that block."""
    found = []
    for m in ENGLISH_READS.finditer(text):
        lineno = text.count("\n", 0, m.start()) + 1
        above = [b for b in BLOCKS if b.lineno < lineno]
        found.append((above[-1], re.findall(r"`([^`]+)`", m["quoted"])))
    return found


CLAIMS = english_claims(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("block,quoted", CLAIMS, ids=[b.id for b, _ in CLAIMS])
def test_what_the_readme_says_english_reads_is_printed(block: Block, quoted: list[str], clone: Path):
    if block.no_run:
        pytest.skip(f"README.md:{block.lineno} is marked no-run: {block.no_run}")
    done = _run(block.commands[0].line + " --lang en", clone)
    printed = done.stdout + done.stderr
    assert [q for q in quoted if q not in printed] == [], printed


def test_the_english_claims_are_found():
    assert len(CLAIMS) >= 2 and all(quoted for _, quoted in CLAIMS)


def test_the_readme_has_a_tour_to_run():
    assert len(BLOCKS) >= 15
    assert any("rules/2555" in c.line for b in BLOCKS for c in b.commands)


def test_blocks_and_markers_are_read_as_documented():
    text = "\n".join([
        "<!-- no-run: needs a printer -->", "```", "$ kpidsl print", "printed", "```", "",
        "<!-- setup: cp -r rules/2555 2555 -->", "<!-- needs: xlsx -->",
        "   ```", "   $ kpidsl check 2555", "   checked 5 files", "   $ kpidsl test 2555", "   ```",
        "<!-- setup: stray -->", "words between", "```", "$ kpidsl fmt x", "```",
        "```", "kpidsl check PATH...", "```",
    ])
    first, second, third = blocks(text)
    assert (first.lineno, first.no_run, [c.line for c in first.commands]) == (2, "needs a printer", ["kpidsl print"])
    assert first.commands[0].expected == ["printed"]
    assert (second.setup, second.needs) == (["cp -r rules/2555 2555"], ["xlsx"])
    assert [(c.line, c.expected) for c in second.commands] == [("kpidsl check 2555", ["checked 5 files"]),
                                                                ("kpidsl test 2555", [])]
    assert (third.setup, third.no_run) == ([], None)


@pytest.mark.parametrize(("expected", "actual", "ok"), [
    (["a", "…", "d"], ["a", "b", "c", "d"], True),
    (["a", "…", "d"], ["a", "d"], True),
    (["a", "…", "d"], ["a", "b", "c"], False),
    (["a", "  …", "c"], ["a", "b", "c", ""], True),
    (["wrote 1 file to …"], ["wrote 1 file to out"], True),
    (["wrote 1 file to …"], ["wrote 1 files to out"], False),
    (["x (…)"], ["x (a) y"], False),
    (["a"], ["a", "b"], False),
])
def test_ellipsis_lines_and_ellipsis_in_a_line_are_wildcards(expected, actual, ok):
    assert matches(expected, actual) is ok


def test_a_missing_extra_or_program_is_named(monkeypatch):
    assert missing("no-such-program-kpidsl") == ("neither a program `no-such-program-kpidsl` on PATH nor a package "
                                                 "`no-such-program-kpidsl` is installed")
    assert missing("bash") is None
    assert missing("attrs") is None  # a package a block's script imports (no program of that name)
    assert missing("xlsx") is None  # `.[test]` pulls every extra
    monkeypatch.setitem(_extras(), "pdf", ["no-such-distribution-kpidsl>=1"])
    assert missing("pdf") == "the pdf extra is not installed (pip install 'kpidsl[pdf]')"


def test_workbook_blocks_need_their_extra_without_saying_so():
    (block,) = blocks("```\n$ kpidsl workbook rules/2554 --agreement x\n```\n")
    assert _needs(block) == ["xlsx"]
