"""The Markdown forms read in a text editor (kpidsl/forms/md_lines.py): no line of
thousands of characters; a long table cell becomes a note under its table; wrapped
text only changes where a space was."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpidsl.forms.build import build_files
from kpidsl.forms.md_lines import CELL_WIDTH, ROW_WIDTH, WIDTH, readable, width, wrap

YEARS = ("2555", "2554")
NOTE_REF = re.compile(r"\[\^([0-9๐-๙]+)\](?!:)")
NOTE_DEF = re.compile(r"^\[\^([0-9๐-๙]+)\]: ", re.M)


@pytest.fixture(scope="module")
def markdown(shipped_plan) -> dict[str, str]:
    out = {}
    for year in YEARS:
        plan = shipped_plan(year, f"rules/{year}")
        for digits in ("arabic", "thai"):
            files = build_files(plan, "{}", digits=digits, root=f"rules/{year}")
            out.update({f"{year}/{digits}/{p}": t for p, t in files.items() if p.endswith(".md")})
    return out


def test_no_line_of_thousands_of_characters(markdown):
    # Before: the SAR of rules/2555 had rows of 3,900 characters, its score report 3,987.
    widest = max((width(line), path) for path, text in markdown.items() for line in text.splitlines())
    assert widest[0] <= 230, widest
    for path, text in markdown.items():
        for line in text.splitlines():
            if not line.startswith(("|", "#")):
                assert width(line) <= WIDTH + 40, (path, line)  # one word may run past the width


def test_each_note_is_defined_once_under_its_table(markdown):
    noted = 0
    for path, text in markdown.items():
        refs, defs = NOTE_REF.findall(text), NOTE_DEF.findall(text)
        assert sorted(refs) == sorted(defs) and len(set(defs)) == len(defs), path
        noted += len(defs)
    assert noted > 100
    sar = markdown["2555/arabic/dept_example_2555/sar.md"]
    # The milestones of indicator 7 (ภายใน 29 ก.พ. 2555 …) are a note, the row a row again.
    row = next(line for line in sar.splitlines() if line.startswith("| 7 |"))
    assert width(row) <= ROW_WIDTH and "[^" in row
    note = NOTE_REF.search(row).group(1)
    body = sar[sar.index(f"[^{note}]: "):].split("\n[^", 1)[0]
    assert "ส่วนราชการมีการตรวจสอบความถูกต้อง" in body and "GFMIS" in body


def test_thai_digits_in_notes_match(markdown):
    sar = markdown["2555/thai/dept_example_2555/sar.md"]
    assert "[^๑]" in sar and "[^๑]: " in sar and "[^1]" not in sar


WORDS = st.lists(st.text(alphabet="กขคงabc12-#>|.ั้ำ", min_size=1, max_size=30), min_size=1, max_size=60)


@given(WORDS)
def test_wrap_breaks_only_at_spaces_and_never_opens_a_block(words):
    text = " ".join(words)
    lines = wrap(text, "", "    ")
    assert " ".join(line.strip() for line in lines) == text
    for line in lines[1:]:
        first = line.strip().split(" ", 1)[0]
        assert not re.fullmatch(r"#{1,6}|[-+*]|\d+[.)]|>|=+|-+", first) and not first.startswith(("|", ">"))
        assert line.startswith("    ")


def test_long_cell_with_an_escaped_pipe_keeps_it_in_its_note():
    long = "ก" * (CELL_WIDTH + 200) + r" a \| b"
    table = f"| ข้อ | เกณฑ์ |\n|---|---|\n| 1 | {long} |\n\nต่อไป\n"
    out = readable(table)
    assert "| 1 | [^1] |" in out
    assert "[^1]: " + "ก" * (CELL_WIDTH + 200) in out and r"a \| b" in out
    assert out.endswith("\n\nต่อไป\n")


def test_short_text_is_left_as_written():
    text = "# หัวเรื่อง\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- รายการ\n"
    assert readable(text) == text
