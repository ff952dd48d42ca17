"""Help pages are wrapped only where their language lets a line break
(kpidsl/cli/help_wrap.py, language.HelpFormatter): Thai, written without spaces between
words, breaks at spaces only — never inside a word, never before a vowel or tone mark —
and a run longer than the line goes past the width; English help is what click writes."""

from __future__ import annotations

import inspect
import re
import unicodedata

import click
import pytest
from click.testing import CliRunner

from kpidsl.cli import help_wrap, language, main
from kpidsl.cli.help_wrap import display_width

COMMANDS = sorted(main.commands)
PAGES = [None, *COMMANDS]  # None: the group's own page
WIDTHS = [60, 80]


def help_page(command: str | None, lang: str, columns: int) -> str:
    args = [command, "--help", "--lang", lang] if command else ["--help"]
    # CliRunner fixes click's help width at `terminal_width` (80 unless told), whatever COLUMNS says
    result = CliRunner().invoke(main, args, env={"KPIDSL_LANG": lang, "COLUMNS": str(columns)},
                                terminal_width=columns)
    assert result.exit_code == 0, result.output
    return result.output


def thai_texts(command: str | None) -> list[str]:
    """The Thai help of a page, unwrapped: the command's paragraphs and each option's help."""
    cmd = main.commands[command] if command else main
    with language.speaking("th"):
        texts = inspect.cleandoc(language.help_text(cmd.help) or "").split("\n\n")
        texts += [language.help_text(p.help) or "" for p in cmd.params if isinstance(p, click.Option)]
    return [t for t in texts if help_wrap.has_thai(t)]


def words(text: str) -> str:
    return " ".join(text.split())


def starts_with_a_mark(line: str) -> bool:
    text = line.lstrip()
    return bool(text) and unicodedata.category(text[0]) in ("Mn", "Me")


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", PAGES)
def test_thai_help_breaks_lines_only_between_words(command, columns):
    page = help_page(command, "th", columns)
    texts = thai_texts(command)
    assert texts, "every page has Thai help"
    for text in texts:
        # the words of the wrapped page, read across its line ends, give each phrase whole
        assert words(text) in words(page), text
    assert [line for line in page.splitlines() if starts_with_a_mark(line)] == []


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", PAGES)
def test_a_thai_line_goes_past_the_width_only_for_one_run_too_long_to_fit(command, columns):
    width = columns
    for line in help_page(command, "th", columns).splitlines():
        if display_width(line) <= width:
            continue
        last = line.split()[-1]
        head = line[:line.rindex(last)].strip()
        # nothing before the run but the indent, or an option's or command's name
        assert head == "" or ((head.startswith("-") or head in COMMANDS) and "  " not in head), line


def stock_click(monkeypatch) -> None:
    monkeypatch.setattr(language.HelpContext, "formatter_class", click.HelpFormatter)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", PAGES)
def test_english_help_is_byte_for_byte_what_click_writes(command, columns, monkeypatch):
    ours = help_page(command, "en", columns)
    stock_click(monkeypatch)
    assert ours == help_page(command, "en", columns)


def test_click_alone_cuts_thai_words_and_marks_from_their_letters(monkeypatch):
    # why the formatter exists: click's textwrap breaks `score --help` inside words
    stock_click(monkeypatch)
    page = help_page("score", "th", 60)
    assert any(starts_with_a_mark(line) for line in page.splitlines())
    assert not all(words(text) in words(page) for text in thai_texts("score"))


def test_the_thai_pages_are_narrower_at_60_columns_than_at_80():
    narrow, wide = help_page("score", "th", 60), help_page("score", "th", 80)
    assert len(narrow.splitlines()) > len(wide.splitlines())
    assert max(map(display_width, narrow.splitlines())) > 60  # the long runs go past, uncut
    assert "เปิดในโปรแกรมตารางคำนวณได้อย่างปลอดภัย;" in narrow.split()


# ---- help_wrap itself ------------------------------------------------------------------------

def test_marks_take_no_column():
    assert display_width("ไฟล์") == 3 and display_width("ที่กรอกแล้ว") == 8 and display_width("PATH") == 4


def test_thai_fills_each_line_at_spaces_and_leaves_a_long_run_whole():
    text = "ผลการดำเนินงาน: ไฟล์ CSV JSON หรือ .xlsx หรือโฟลเดอร์ของไฟล์เหล่านั้น หรือไฟล์ Parquet"
    lines = help_wrap.wrap(text, 20, "  ", "    ").splitlines()
    assert lines == ["  ผลการดำเนินงาน: ไฟล์", "    CSV JSON หรือ", "    .xlsx",
                     "    หรือโฟลเดอร์ของไฟล์เหล่านั้น", "    หรือไฟล์ Parquet"]
    assert words(" ".join(lines)) == words(text)
    assert [line for line in lines if display_width(line) > 20] == ["    หรือโฟลเดอร์ของไฟล์เหล่านั้น"]


def test_thai_paragraphs_keep_their_indent_and_a_b_block_its_lines():
    text = "ย่อหน้าแรก คำที่สอง\n\n  ย่อหน้าที่ย่อ คำ\n\n\b\nไม่จัด  บรรทัด\nตามเดิม"
    assert help_wrap.wrap(text, 12, preserve_paragraphs=True) == (
        "ย่อหน้าแรก\nคำที่สอง\n\n  ย่อหน้าที่ย่อ\n  คำ\n\nไม่จัด  บรรทัด\nตามเดิม")


@pytest.mark.parametrize("text", [
    "Rule files in the one canonical layout; long-hyphenated-words-break-as-textwrap-breaks-them here.",
    "Indented\n\n    code-like paragraph that is long enough to wrap twice over at this width\n\n\b\nkept  as\nis",
])
@pytest.mark.parametrize("width", [10, 30])
def test_text_without_thai_is_wrapped_by_click(text, width):
    for paragraphs in (False, True):
        assert help_wrap.wrap(text, width, "  ", " ", paragraphs) == click.wrap_text(text, width, "  ", " ", paragraphs)


def test_a_short_help_is_cut_at_a_space():
    text = "คิดคะแนนผลการดำเนินงานตามชุดกฎ: คะแนนรายตัวชี้วัด คะแนนรวมย่อย คะแนนรวม"
    assert help_wrap.shorten(text, 45) == "คิดคะแนนผลการดำเนินงานตามชุดกฎ: คะแนนรายตัวชี้วัด …"
    assert help_wrap.shorten(text, 20) == "คิดคะแนนผลการดำเนินงานตามชุดกฎ: …"  # one word too long: whole
    assert help_wrap.shorten(text, 80) == text
    assert re.fullmatch(r"\S+( \S+)* …", help_wrap.shorten(text, 60))
