"""Inline-expectation fixtures for `kpidsl check`, in the style of mypy's and
ruff's test data.

Every ``tests/fixtures/check/**/*.kpi`` file is one test case. The fixture
says what the checker must report, in comments:

    ladder 65 70 80 75 85                   # expect: L002
    มิติ 4 "การพัฒนาองค์การ"                  # expect: W004, W001
    ladder 65 70 75 80                      # expect: L001  # expect-column: 13
    weight 70 {                             # expect: W001  # expect-says: 80 | 70
    # expect-file: F010

* ``# expect: CODE[, CODE…]`` at the end of a line: those codes are reported
  on that line.
* ``# expect-column: N`` on a line with ``# expect:``: and at column N.
* ``# expect-says: A | B …`` on a line with ``# expect:``: a diagnostic of that
  line says each of A, B … (the figures and names it reports, not its
  sentence) in its message or hint: in English, or in either language for
  an item with Thai letters.
* ``# expect-file: CODE[, CODE…]`` anywhere: reported somewhere in the file
  (for diagnostics not tied to one line).
* ``# xfail: reason`` as the first line: the checker is known to be wrong
  here; the test must fail (strict) until it is fixed.

The set of (line, code) the checker reports must equal the expected set:
missing and unexpected diagnostics both fail, warnings included. A fixture
with no expectations must check clean.

Each fixture is checked alone (``RuleSetSource(folder, (file,))``), so files
in one folder do not see each other: adding a case is adding a file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import attrs
import pytest

from kpidsl.check import check_rule_set
from kpidsl.check.ruleset import RuleSetSource
from kpidsl.diagnostics.model import Diagnostic
from kpidsl.diagnostics.registry import CODES

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "check"
PATHS_TEST = HERE / "test_check_paths.py"

_CODE = r"[A-Z][0-9]{3}"
_CODES = rf"{_CODE}(?:\s*,\s*{_CODE})*"
EXPECT = re.compile(rf"#\s*expect:\s*({_CODES})\s*(?:#|$)")
EXPECT_FILE = re.compile(rf"^\s*#\s*expect-file:\s*({_CODES})\s*$")
EXPECT_COLUMN = re.compile(r"#\s*expect-column:\s*([0-9]+)\s*(?:#|$)")
EXPECT_SAYS = re.compile(r"#\s*expect-says:\s*([^#]*[^#\s])\s*(?:#|$)")
XFAIL = re.compile(r"^\s*#\s*xfail:\s*(\S.*?)\s*$")
# Anything that looks like an expectation but matches none of the above is a
# typo in the fixture, not a comment to ignore.
LOOKS_LIKE = re.compile(r"#\s*(?:expect|xfail)\b", re.IGNORECASE)


@attrs.frozen
class Expectations:
    lines: frozenset[tuple[int, str]]  # (line, code)
    columns: dict[tuple[int, str], int]  # pinned columns
    says: dict[int, tuple[str, ...]]  # line → what a diagnostic of it says
    file_codes: frozenset[str]
    xfail: str | None


def _split_codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",")]


def read_expectations(path: Path) -> Expectations:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines: set[tuple[int, str]] = set()
    columns: dict[tuple[int, str], int] = {}
    says: dict[int, tuple[str, ...]] = {}
    file_codes: set[str] = set()
    xfail = None
    for number, row in enumerate(text.split("\n"), start=1):
        if number == 1 and (m := XFAIL.match(row)):
            xfail = m.group(1)
            continue
        if m := EXPECT_FILE.match(row):
            file_codes.update(_split_codes(m.group(1)))
            continue
        m = EXPECT.search(row)
        if m:
            codes = _split_codes(m.group(1))
            lines.update((number, c) for c in codes)
            col = EXPECT_COLUMN.search(row)
            if col:
                for c in codes:
                    columns[(number, c)] = int(col.group(1))
            if said := EXPECT_SAYS.search(row):
                says[number] = tuple(item.strip() for item in said.group(1).split("|"))
            elif "expect-says" in row:
                raise ValueError(f"{path.relative_to(FIXTURES)}:{number}: malformed expect-says: {row.strip()!r}")
            continue
        if LOOKS_LIKE.search(row):
            raise ValueError(f"{path.relative_to(FIXTURES)}:{number}: malformed expectation comment: {row.strip()!r}")
    unknown = sorted(c for c in {c for _, c in lines} | file_codes if c not in CODES)
    if unknown:
        raise ValueError(f"{path.relative_to(FIXTURES)}: expects codes that do not exist: {', '.join(unknown)}")
    return Expectations(frozenset(lines), columns, says, frozenset(file_codes), xfail)


def check_one(path: Path) -> list[Diagnostic]:
    """The diagnostics of exactly this file, checked as a rule set of its own."""
    _, diags = check_rule_set(RuleSetSource(path.parent, (path,)))
    unique = list(dict.fromkeys(diags))
    unique.sort(key=Diagnostic.sort_key)
    return unique


def render_text(path: Path, diags: list[Diagnostic]) -> str:
    """The diagnostics as `kpidsl check --lang en` prints them (plain lines if
    the renderer is unavailable)."""
    try:
        from kpidsl.diagnostics.render import render

        sources = {d.span.path: path.read_text(encoding="utf-8-sig") for d in diags if d.span}
        errors = sum(1 for d in diags if d.is_error)
        return render("text", diags, sources, "en", (1, errors, len(diags) - errors))
    except Exception as e:  # the report must not hide the real failure
        lines = [f"{d.span or '-'}: {d.code} {d.severity}: {d.message_en}" for d in diags]
        return "\n".join(lines + [f"(text renderer failed: {type(e).__name__}: {e})"])


def _line(d: Diagnostic) -> int:
    return d.span.line if d.span else 0


def compare(exp: Expectations, diags: list[Diagnostic], source: list[str] | None = None) -> list[str]:
    """Problems found, as readable lines; empty when the fixture holds.
    ``source`` (the fixture's lines) lets missing expectations quote their line."""
    got: dict[tuple[int, str], list[Diagnostic]] = defaultdict(list)
    for d in diags:
        got[(_line(d), d.code)].append(d)
    problems: list[str] = []
    missing = sorted(exp.lines - got.keys())
    for code in sorted(exp.file_codes):
        if not any(c == code for _, c in got):
            missing.append((0, code))
    unexpected = sorted(k for k in got.keys() - exp.lines if k[1] not in exp.file_codes)
    for line, code in missing:
        where = f"line {line}" if line else "anywhere in the file"
        if line and source and line <= len(source):
            where += ": " + source[line - 1].split("# expect", 1)[0].strip()
        problems.append(f"  missing:    {code} {CODES[code].name} ({where})")
    for line, code in unexpected:
        for d in got[(line, code)]:
            where = f"{d.span.line}:{d.span.column}" if d.span else "no location"
            problems.append(f"  unexpected: {code} {CODES[code].name} at {where}: {d.message_en}")
    for (line, code), column in sorted(exp.columns.items()):
        found = got.get((line, code), [])
        if found and not any(d.span and d.span.column == column for d in found):
            cols = ", ".join(str(d.span.column) for d in found if d.span)
            problems.append(f"  wrong column: {code} on line {line} expected at column {column}, reported at {cols}")
    for line, items in sorted(exp.says.items()):
        found = [d for (at, code), ds in got.items() if at == line and (line, code) in exp.lines for d in ds]
        if found and not any(all(item in _said(d, item) for item in items) for d in found):
            texts = "; ".join(f"{d.code}: {d.message_en} {d.hint_en}".strip() for d in found)
            problems.append(f"  does not say: {' | '.join(items)} on line {line}: {texts}")
    return problems


# Codes whose span may run over several lines, each with why. An editor (`kpidsl lsp`) underlines
# a diagnostic's whole span and `check --format json` gives its end: a block's span underlined
# 10-40 lines for a fault of its header. Every other diagnostic ends on the line it starts on.
OVER_LINES: dict[str, str] = {}


def told_over_a_block(diags: list[Diagnostic]) -> list[str]:
    """The diagnostics whose span ends on a later line than it starts, unless their code is
    one of OVER_LINES: each is told at the header's name or keyword, not over its block."""
    return [f"  over lines: {d.code} {CODES[d.code].name} spans {d.span.line}:{d.span.column} to "
            f"{d.span.end_line}:{d.span.end_column}, not its header's line"
            for d in diags if d.span and d.span.end_line != d.span.line and d.code not in OVER_LINES]


def _said(d: Diagnostic, item: str) -> str:
    """What ``d`` says in English, and in Thai too for an item with Thai letters (dates
    are written in Thai in both languages)."""
    if re.search("[\u0E01-\u0E5B]", item):
        return f"{d.message_en}\n{d.hint_en}\n{d.message_th}\n{d.hint_th}"
    return f"{d.message_en}\n{d.hint_en}"


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.kpi"))


def _params():
    params = []
    for path in fixture_files():
        rel = path.relative_to(FIXTURES).as_posix()
        first = path.read_bytes().decode("utf-8-sig", errors="replace").split("\n", 1)[0]
        m = XFAIL.match(first)
        marks = [pytest.mark.xfail(reason=m.group(1), strict=True)] if m else []
        params.append(pytest.param(path, id=rel, marks=marks))
    return params


# Codes told more than once at one place on purpose, each with why.
TOLD_AT_ONE_PLACE: dict[str, str] = {}


def told_twice_at_one_place(diags: list[Diagnostic]) -> list[str]:
    """Diagnostics of one code at one place: one mistake told twice (`เกณฑ์ ค่าเป้าหมาย` with no
    figure was K008 for the figure, then K008 again at the same point for the step after it).
    The user reads the first and fixes it; the second says nothing of its own."""
    seen: dict[tuple, Diagnostic] = {}
    problems = []
    for d in diags:
        if not d.span or d.code in TOLD_AT_ONE_PLACE:
            continue
        key = (d.code, d.span.path, d.span.line, d.span.column)
        if key in seen:
            problems.append(f"  told twice: {d.code} {CODES[d.code].name} at {d.span.line}:{d.span.column}: "
                            f"{seen[key].message_en} / {d.message_en}")
        seen.setdefault(key, d)
    return problems


@pytest.mark.parametrize("path", _params())
def test_fixture(path: Path) -> None:
    exp = read_expectations(path)
    diags = check_one(path)
    source = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    problems = compare(exp, diags, source) + told_over_a_block(diags) + told_twice_at_one_place(diags)
    if problems:
        rel = path.relative_to(FIXTURES).as_posix()
        pytest.fail(
            f"{rel}: the checker's report does not match the fixture's expectations\n"
            + "\n".join(problems)
            + "\n\nkpidsl check output:\n"
            + render_text(path, diags),
            pytrace=False,
        )


# ---- the suite itself ---------------------------------------------------------------------

# Codes about paths and bytes on disk, which a fixture file cannot carry:
# tests/test_check_paths.py covers them.
PATH_CODES = {"F001", "F002", "F003", "F004", "F005", "F006", "F007", "F008", "F009", "F011"}

# Code letters that `kpidsl check` never reports because they are about the
# input of another command: Q is results files (`kpidsl score`), O the files
# commands write, E the editor (`kpidsl lsp`), U mutation testing (`kpidsl mutate`),
# T a plan.json read back, J workbooks (`kpidsl workbook`).
# Their tests belong with those commands.
NOT_CHECK_LETTERS = {"Q": "results files, reported by `kpidsl score`",
                     "O": "outputs, reported by the commands that write (tests/test_output_safety.py)",
                     "E": "the editor, reported by `kpidsl lsp` (tests/test_lsp.py)",
                     "U": "mutation testing, reported by `kpidsl mutate` (tests/test_mutate.py)",
                     "T": "a plan.json read back (kpidsl/plan/read.py), tested in tests/test_plan_model.py",
                     "J": "results-entry workbooks, reported by `kpidsl workbook` (tests/test_workbook.py)",
                     "Z": "the SQL backend, reported by `kpidsl sql` and `score --engine sql` (tests/test_sql.py)"}


def check_codes() -> list[str]:
    """Every code `kpidsl check` can report."""
    return sorted(c for c in CODES if c[0] not in NOT_CHECK_LETTERS)


def _expected_codes_in_fixtures() -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = defaultdict(list)
    for path in fixture_files():
        exp = read_expectations(path)
        for code in {c for _, c in exp.lines} | exp.file_codes:
            by_code[code].append(path.relative_to(FIXTURES).as_posix())
    return by_code


def test_every_code_is_covered() -> None:
    """A new diagnostic code without a fixture (or a paths test) fails the suite."""
    in_fixtures = _expected_codes_in_fixtures()
    in_paths_test = set(re.findall(rf"\b{_CODE}\b", PATHS_TEST.read_text(encoding="utf-8"))) \
        if PATHS_TEST.exists() else set()
    uncovered = [c for c in check_codes() if c not in in_fixtures and c not in in_paths_test]
    assert not uncovered, (
        "diagnostic codes with no fixture expecting them: " + ", ".join(uncovered)
        + "\nadd tests/fixtures/check/<CODE>/bad_*.kpi with `# expect: <CODE>` (and a good_*.kpi)"
    )


def test_every_code_folder_has_bad_and_good_cases() -> None:
    """tests/fixtures/check/<CODE>/ holds at least one case that triggers the
    code (bad_*) and one near-identical case that does not (good_*)."""
    problems = []
    for code in check_codes():
        if code in PATH_CODES:
            continue
        folder = FIXTURES / code
        bad = sorted(folder.glob("bad*.kpi"))
        good = sorted(folder.glob("good*.kpi"))
        if not bad or not good:
            problems.append(f"{code}: {len(bad)} bad and {len(good)} good fixtures in {folder.relative_to(HERE)}")
            continue
        for path in bad:
            exp = read_expectations(path)
            if code not in {c for _, c in exp.lines} | exp.file_codes:
                problems.append(f"{path.relative_to(FIXTURES)} does not expect {code}")
        for path in good:
            exp = read_expectations(path)
            if code in {c for _, c in exp.lines} | exp.file_codes:
                problems.append(f"{path.relative_to(FIXTURES)} expects {code}, but a good case must not")
    assert not problems, "\n".join(problems)


def test_folders_are_named_by_code() -> None:
    """Folders directly under fixtures/check are diagnostic codes or a few named groups."""
    groups = {"valid", "recovery", "mixed"}
    odd = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in CODES and p.name not in groups)
    assert not odd, f"fixture folders that are neither a code nor one of {sorted(groups)}: {odd}"


_WORD = re.compile(r"[A-Za-z_\u0E01-\u0E3A\u0E40-\u0E4E][A-Za-z0-9_\u0E01-\u0E3A\u0E40-\u0E4E\u0E50-\u0E59]*")
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|“[^”\n]*”|#[^\n]*')


def test_every_key_is_used_in_english_and_in_thai() -> None:
    """Both keyword sets are exercised: every key some block allows
    (kpidsl/syntax/contexts.py) appears in the fixtures in an English and in
    a Thai spelling."""
    from kpidsl.syntax.contexts import CONTEXTS
    from kpidsl.syntax.keywords import BY_CANONICAL, normalize_thai

    words: set[str] = set()
    for path in fixture_files():
        text = _NOT_CODE.sub(" ", path.read_text(encoding="utf-8-sig"))
        words.update(normalize_thai(w) for w in _WORD.findall(text))
    keys = sorted(set().union(*(c.keys for c in CONTEXTS.values())))
    missing = []
    for key in keys:
        kw = BY_CANONICAL[key]
        for lang, spellings in (("English", kw.en), ("Thai", kw.th)):
            if not any(normalize_thai(s) in words for s in spellings):
                missing.append(f"{key} ({lang}: {' / '.join(spellings)})")
    assert not missing, "keys no fixture uses:\n  " + "\n  ".join(missing)


def test_expect_says_fails_when_a_figure_is_not_said() -> None:
    """`# expect-says:` is a real check: the W001 of a 70 + 20 framework says 90, not 80,
    nor ข้าม in Thai; an item in Thai is looked for in the Thai message."""
    path = FIXTURES / "W001" / "bad_top_level_not_100.kpi"
    diags = check_one(path)
    exp = read_expectations(path)
    assert compare(exp, diags) == []
    for items, said in ((("90", "total 90, 10 missing"), True), (("80",), False),
                        (("กรอบ `department`",), True), (("ข้าม",), False)):
        problems = compare(attrs.evolve(exp, says={1: items}), diags)
        assert (problems == []) is said, (items, problems)
        assert said or problems[0].startswith(f"  does not say: {items[0]} on line 1")


def test_a_limit_reports_with_its_own_severity_and_words() -> None:
    """What a fixture cannot say: `limit kpis <= 10 warning` (seed 001: no more than 10
    indicators a person) is a warning, a limit without `warning` an error; a limit's own
    sentence is the hint, and a limit without one has none (not the word None)."""
    said = {name: [(d.code, d.severity, d.hint_en, d.hint_th) for d in check_one(FIXTURES / "I001" / name)]
            for name in ("bad_eleven_kpis_warning.kpi", "bad_achievement_share_60.kpi")}
    words = "ผลสัมฤทธิ์ของงานต้องไม่น้อยกว่าร้อยละ 70"
    assert said == {"bad_eleven_kpis_warning.kpi": [("I001", "warning", "", "")],
                    "bad_achievement_share_60.kpi": [("I001", "error", words, words)]}
