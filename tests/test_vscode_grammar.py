"""The VS Code extension: its TextMate grammar, run from Python on the shipped
rules, and (slow) the .vsix that editors/vscode/build.sh packages.

The grammar's regexes are written to read alike in Python's `re` and in
Oniguruma (see editors/vscode/generate_grammar.py), so a small scanner here
applies them the way TextMate does: at each point the pattern that matches
earliest wins, ties going to the first listed."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kpidsl.syntax import cst
from kpidsl.syntax.keywords import FUNCTIONS, KEYWORDS
from kpidsl.syntax.parser import parse

REPO = Path(__file__).resolve().parent.parent
VSCODE = REPO / "editors" / "vscode"
GRAMMAR_FILE = VSCODE / "syntaxes" / "kpi.tmLanguage.json"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_grammar", VSCODE / "generate_grammar.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GRAMMAR = json.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))


def _rules() -> list[tuple[str, dict]]:
    repo = GRAMMAR["repository"]
    out = []

    def add(rule: dict) -> None:
        if "include" in rule:
            add(repo[rule["include"][1:]])
        elif "patterns" in rule:
            for r in rule["patterns"]:
                add(r)
        else:
            out.append((rule["name"], rule))

    for rule in GRAMMAR["patterns"]:
        add(rule)
    return out


RULES = [(name, re.compile(rule.get("match") or rule["begin"]), re.compile(rule["end"]) if "end" in rule else None)
         for name, rule in _rules()]


def scopes(text: str) -> list[list[str | None]]:
    """The scope name of every character, line by line."""
    out = []
    open_end = None  # the end pattern of a begin/end rule still open, and its name
    for line in text.split("\n"):
        marks: list[str | None] = [None] * len(line)
        pos = 0
        while pos < len(line):
            if open_end is not None:
                name, end = open_end
                m = end.search(line, pos)
                stop = m.end() if m else len(line)
                marks[pos:stop] = [name] * (stop - pos)
                pos = stop
                if m:
                    open_end = None
                continue
            best = None
            for name, begin, end in RULES:
                m = begin.search(line, pos)
                if m and m.end() > m.start() and (best is None or m.start() < best[1].start()):
                    best = (name, m, end)
            if best is None:
                break
            name, m, end = best
            marks[m.start():m.end()] = [name] * (m.end() - m.start())
            pos = m.end()
            if end is not None:
                open_end = (name, end)
        out.append(marks)
    return out


def test_grammar_file_is_generated_from_the_keyword_table():
    assert _generator().render() == GRAMMAR_FILE.read_text(encoding="utf-8"), \
        "run: python editors/vscode/generate_grammar.py"


@pytest.mark.parametrize("kw", KEYWORDS, ids=lambda kw: kw.canonical)
def test_every_spelling_of_every_keyword_is_a_keyword(kw):
    for spelling in kw.spellings:
        line = f"    {spelling} 20"
        assert set(scopes(line)[0][4:4 + len(spelling)]) == {"keyword.other.kpi"}, spelling
        # a keyword with its value glued on is one word, and not a keyword (K011)
        glued = scopes(f"    {spelling}20")[0][4:4 + len(spelling)]
        assert "keyword.other.kpi" not in glued, spelling


def test_functions_numbers_dates_and_operators():
    line = "คำนวณ เฉลี่ย(X1 / Y1) × 100 ภายใน ๓๑ ต.ค. ๒๕๕๔ เกณฑ์ 65 70.5 ๘๕% ระยะเวลา 2011-10-01 – 2012-09-30"
    marks = scopes(line)[0]

    def at(word: str, nth: int = 0) -> set:
        start = [m.start() for m in re.finditer(re.escape(word), line)][nth]
        return set(marks[start:start + len(word)])

    assert at("คำนวณ") == {"keyword.other.kpi"}
    assert at("เฉลี่ย") == {"support.function.kpi"}
    assert at("×") == {"keyword.operator.kpi"}
    assert at("100") == {"constant.numeric.kpi"}
    assert at("๓๑ ต.ค. ๒๕๕๔") == {"constant.other.date.thai.kpi"}
    assert at("70.5") == {"constant.numeric.kpi"}
    assert at("๘๕%") == {"constant.numeric.kpi"}
    assert at("2011-10-01") == {"constant.other.date.iso.kpi"}
    assert at("X1") == {None}
    assert all(f in GRAMMAR["repository"]["function"]["match"] for names in FUNCTIONS.values() for f in names)


def _shipped() -> list[Path]:
    return sorted((REPO / "rules").rglob("*.kpi"))


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_rules_keywords_strings_and_comments(path: Path):
    text = path.read_text(encoding="utf-8")
    doc = parse(text, str(path)).document
    marks = scopes(text)

    def scope_of(span) -> set:
        if span.line == span.end_line:
            return set(marks[span.line - 1][span.column - 1:span.end_column - 1])
        return {marks[span.line - 1][span.column - 1]}

    heads = texts = 0

    def walk(stmts):
        nonlocal heads, texts
        for st in stmts:
            if not isinstance(st, cst.Statement):
                continue
            if not st.head.text[0].isdigit() and not st.head.text[0] in "๐๑๒๓๔๕๖๗๘๙":
                assert scope_of(st.head.span) == {"keyword.other.kpi"}, f"{st.head.span}: {st.head.text}"
                heads += 1
            for arg in st.args:
                if isinstance(arg, cst.Text):
                    assert scope_of(arg.span) <= {"string.quoted.double.kpi", "string.quoted.triple.kpi"}, \
                        f"{arg.span}"
                    texts += 1
            if st.block is not None:
                walk(st.block.statements)

    walk(doc.statements)
    for c in doc.comments:
        assert scope_of(c.span) == {"comment.line.number-sign.kpi"}, f"{c.span}"
    assert heads > 0 and (texts > 0 or not doc.comments)


# ---- the .vsix (slow: npm install and vsce) ------------------------------------------------------

def _npm_reason() -> str | None:
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "npm or node is not installed"
    try:
        done = subprocess.run(["npm", "ping"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "the npm registry cannot be reached"
    return None if done.returncode == 0 else "the npm registry cannot be reached (offline?)"


@pytest.mark.slow
def test_build_sh_packages_a_vsix_with_its_manifest(tmp_path: Path):
    reason = _npm_reason()
    if reason:
        pytest.skip(reason)
    work = tmp_path / "vscode"
    shutil.copytree(VSCODE, work, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", shutil.which("python") or "python3")}
    env["PYTHONPATH"] = str(REPO)
    # build.sh regenerates the grammar next to itself: run the copy
    done = subprocess.run(["sh", str(work / "build.sh")], capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    vsix = work / "kpidsl.vsix"
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("extension/package.json"))
        grammar = json.loads(z.read("extension/syntaxes/kpi.tmLanguage.json"))
    assert manifest["name"] == "kpidsl"
    assert manifest["contributes"]["languages"][0]["extensions"] == [".kpi"]
    assert manifest["contributes"]["grammars"][0]["scopeName"] == "source.kpi"
    assert set(manifest["contributes"]["configuration"]["properties"]) == {"kpidsl.lang", "kpidsl.path"}
    assert grammar == GRAMMAR
    assert {"extension/src/extension.js", "extension/language-configuration.json", "extension.vsixmanifest"} <= names
    assert any(n.startswith("extension/node_modules/vscode-languageclient/") for n in names)
    assert not any(n.startswith("extension/node_modules/@vscode/vsce/") for n in names)
