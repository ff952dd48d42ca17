"""`kpidsl fmt` end to end: exit codes, --check, --diff, folders, bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl import fmt
from kpidsl.cli import main

REPO = Path(__file__).resolve().parent.parent
UNTIDY = 'framework f "x" {\n  fiscal_year   2555 # year\n}\n'
TIDY = 'framework f "x" {\n    fiscal_year 2555  # year\n}\n'


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.kpi").write_text(UNTIDY, encoding="utf-8")
    (tmp_path / "b.kpi").write_text(TIDY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.kpi").write_text(UNTIDY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a rule file", encoding="utf-8")
    return tmp_path


def test_the_shipped_rules_are_canonical():
    # The CI check: shipped rules are kept in the canonical layout.
    result = run("fmt", "--check", str(REPO / "rules"))
    assert result.exit_code == 0, result.stderr
    assert "would be reformatted" not in result.stderr


def test_a_folder_is_formatted_in_place(files):
    result = run("fmt", str(files))
    assert result.exit_code == 0, result.stderr
    assert (files / "a.kpi").read_text(encoding="utf-8") == TIDY
    assert (files / "sub" / "c.kpi").read_text(encoding="utf-8") == TIDY
    assert (files / "notes.txt").read_text(encoding="utf-8") == "not a rule file"
    assert result.stderr.strip().endswith("2 files reformatted, 1 file left unchanged")
    again = run("fmt", str(files))
    assert again.exit_code == 0 and again.stderr.strip() == "3 files left unchanged"


def test_an_unchanged_file_is_not_rewritten(files):
    before = (files / "b.kpi").stat().st_mtime_ns
    run("fmt", str(files / "b.kpi"))
    assert (files / "b.kpi").stat().st_mtime_ns == before


def test_check_lists_the_files_that_would_change_and_exits_1(files):
    result = run("fmt", "--check", str(files))
    assert result.exit_code == 1
    assert "would reformat" in result.stderr and "a.kpi" in result.stderr and "b.kpi" not in result.stderr
    assert result.stderr.strip().endswith("2 files would be reformatted, 1 file would be left unchanged")
    assert (files / "a.kpi").read_text(encoding="utf-8") == UNTIDY
    assert run("fmt", "--check", str(files / "b.kpi")).exit_code == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(files):
    result = run("fmt", "--diff", str(files / "a.kpi"))
    assert result.exit_code == 0
    path = str(files / "a.kpi").replace("\\", "/").lstrip("/")
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f"a/{path}") or lines[0].startswith("--- a/")
    assert lines[1].startswith("+++ b/")
    assert "-  fiscal_year   2555 # year" in lines
    assert "+    fiscal_year 2555  # year" in lines
    assert (files / "a.kpi").read_text(encoding="utf-8") == UNTIDY
    assert run("fmt", "--diff", "--check", str(files / "a.kpi")).exit_code == 1


def test_keywords_are_converted(files):
    result = run("fmt", "--keywords", "th", str(files / "b.kpi"))
    assert result.exit_code == 0
    assert (files / "b.kpi").read_text(encoding="utf-8") == 'กรอบ f "x" {\n    ปีงบประมาณ 2555  # year\n}\n'


def test_a_windows_file_is_read_and_keeps_its_form(tmp_path):
    path = tmp_path / "w.kpi"
    path.write_bytes(b"\xef\xbb\xbf" + UNTIDY.replace("\n", "\r\n").encode())
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + TIDY.replace("\n", "\r\n").encode()
    assert run("fmt", "--check", str(path)).exit_code == 0


def test_a_file_with_a_syntax_error_is_reported_and_left_alone(files):
    bad = files / "bad.kpi"
    bad.write_text('framework f "x" {\n  weight 5 -\n}\n', encoding="utf-8")
    result = run("fmt", str(files))
    assert result.exit_code == 1
    assert "bad.kpi:2:" in result.stderr and "S002" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8") == 'framework f "x" {\n  weight 5 -\n}\n'
    assert (files / "a.kpi").read_text(encoding="utf-8") == TIDY  # the others are still formatted


def test_a_file_that_fails_verification_is_not_written(files, monkeypatch):
    monkeypatch.setattr(fmt, "print_document", lambda doc: "framework f \"x\" {\n}\n")
    result = run("fmt", str(files / "a.kpi"))
    assert result.exit_code == 2
    assert "a.kpi: not formatted: the 'statement tree' check failed" in result.stderr
    assert (files / "a.kpi").read_text(encoding="utf-8") == UNTIDY


def test_a_file_that_fails_verification_is_told_in_thai(files, monkeypatch):
    # The check's name and what failed were English in the Thai line (kpidsl/fmt.py Failure):
    # both are phrases now, each language its own.
    from kpidsl.diagnostics.cli_texts import said
    from kpidsl.diagnostics.phrases import phrase

    monkeypatch.setattr(fmt, "print_document", lambda doc: "framework f \"x\" {\n}\n")
    result = CliRunner().invoke(main, ["fmt", str(files / "a.kpi"), "--lang", "th"])
    assert result.exit_code == 2
    check = phrase("fmt-check-statement-tree").th
    line = next(ln for ln in result.stderr.splitlines() if "a.kpi" in ln)
    assert line.startswith(said("fmt-check-failed", "th", path=files / "a.kpi", check=check, detail="").split("()")[0])
    assert not re.search(r"statement|differs|became|check", line), line


@pytest.mark.parametrize("data, code", [(b"\xa1\xa2\xa3 \xc1\xd2\xc3", "F003"), (b"\xff\xfea\x00", "F004")])
def test_an_unreadable_file_is_one_located_message(tmp_path, data, code):
    path = tmp_path / "old.kpi"
    path.write_bytes(data)
    result = run("fmt", str(path))
    assert result.exit_code == 2
    assert f"old.kpi:1:1: {code} error:" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == data


def test_a_missing_path_is_exit_2(tmp_path):
    result = run("fmt", str(tmp_path / "nope.kpi"))
    assert result.exit_code == 2 and "F001" in result.stderr


def test_the_shipped_rules_reformat_to_themselves(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(REPO / "rules", copy)
    result = run("fmt", str(copy))
    assert result.exit_code == 0
    assert "reformatted" not in result.stderr.replace("left unchanged", "")


def test_a_zero_width_space_inside_a_name_is_reported_not_dropped(tmp_path):
    # Word's U+200B inside `very​good`: fmt used to write `very good`, two names, without a word.
    fixture = Path(__file__).parent / "fixtures" / "check" / "S013" / "bad_zero_width_space_in_band_id.kpi"
    path = tmp_path / "bands.kpi"
    shutil.copy(fixture, path)
    before = path.read_bytes()
    for args in ([], ["--check"], ["--diff"]):
        result = run("fmt", *args, str(path), "--lang", "en")
        assert result.exit_code == 1
        assert f"{path}:6:17: S013 error" in result.output and "`\\u200b`" in result.output
    assert path.read_bytes() == before


def test_an_invisible_character_inside_a_number_is_reported_not_dropped(tmp_path):
    # Word's U+200B inside `weight 10​0`: the grammar read it as a space, two numbers (K013, K006
    # from check, neither saying why), and fmt wrote `10 0` without a word. Now one S013 at it,
    # as inside a name, and fmt leaves the file as it is.
    path = tmp_path / "f.kpi"
    path.write_text('framework f "F" {\n    fiscal_year 2555\n    dimension d "D" weight 100 {\n'
                    '        kpi k1 "K" weight 10\u200b0 { owner_score }\n    }\n}\n', encoding="utf-8")
    before = path.read_bytes()
    for args in ([], ["--check"], ["--diff"]):
        result = run("fmt", *args, str(path), "--lang", "en")
        assert result.exit_code == 1
        assert f"{path}:4:29: S013 error" in result.output and "`\\u200b`" in result.output
    assert path.read_bytes() == before


# ---- a result kpidsl could not read back is not written -------------------------------------------------

def test_a_result_over_the_size_a_rule_file_may_have_is_o023_and_not_written(tmp_path, monkeypatch):
    """Tabs become four spaces: a tab-indented file just under the limit (4 MB; here made
    small) formats to one over it, which every command then refuses (F007). The file read
    clean before; fmt leaves it so and says why, at the file."""
    path = tmp_path / "notes.kpi"
    text = 'กรอบ f "x" {\n' + '\tหมายเหตุ "y"\n' * 40 + "}\n"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    monkeypatch.setattr("kpidsl.source.MAX_BYTES", size)
    assert run("fmt", "--check", str(path)).exit_code == 2
    result = run("fmt", str(path))
    assert result.exit_code == 2, result.output
    assert re.findall(r"^(\S+?):(\d+):(\d+): (\w\d{3}) ", result.stderr, re.M) == [(str(path), "1", "1", "O024")]
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == text
    monkeypatch.setattr("kpidsl.source.MAX_BYTES", size + 4 * 40)  # room for it: formatted as before
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace("\t", "    ")


# ---- a folder without rule files is told as `check` tells it -------------------------------------------

@pytest.mark.parametrize("args", [[], ["--check"], ["--diff"]])
def test_a_folder_without_rule_files_is_f002_and_exit_2_as_check_says(tmp_path, args):
    # fmt said "no rule files to format" and exited 0: a user who named the wrong folder was told
    # success, where `check` on the same folder gives F002 and exit 2.
    empty = tmp_path / "rulez"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a rule file", encoding="utf-8")
    checked = run("check", str(empty))
    result = run("fmt", *args, str(empty))
    assert (checked.exit_code, result.exit_code) == (2, 2), result.output
    located = re.findall(r"^(\S+?):(\d+):(\d+): (\w\d{3}) ", result.stderr, re.M)
    assert located == [(str(empty), "1", "1", "F002")]
    assert located == re.findall(r"^(\S+?):(\d+):(\d+): (\w\d{3}) ", checked.output, re.M)
    assert "Traceback" not in result.stderr


def test_an_empty_folder_beside_a_rule_file_is_f002_and_the_file_is_still_formatted(files, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("fmt", str(files / "a.kpi"), str(empty))
    assert result.exit_code == 2
    assert re.findall(r"^(\S+?):\d+:\d+: (\w\d{3}) ", result.stderr, re.M) == [(str(empty), "F002")]
    assert (files / "a.kpi").read_text(encoding="utf-8") == TIDY


# ---- a file saved by an editor while fmt worked is left as the editor saved it -------------------------

EDITED = 'framework f "x" {\n  fiscal_year   2556 # saved by the editor meanwhile\n}\n'


def _edit(path: Path, how: str) -> None:
    """What an editor does to ``path`` while fmt works on it."""
    if how == "in place":  # the same inode written over (vim with backupcopy=yes, Notepad)
        with open(path, "r+b") as f:
            f.write(EDITED.encode("utf-8"))
            f.truncate()
    elif how == "replaced":  # a new file renamed over it (VS Code, gedit)
        new = path.with_name(".edit.tmp")
        new.write_text(EDITED, encoding="utf-8")
        new.replace(path)
    else:  # removed
        path.unlink()


def _located(stderr: str) -> list[tuple[str, str]]:
    return re.findall(r"^(\S+?):\d+:\d+: (\w\d{3}) ", stderr, re.M)


@pytest.mark.parametrize("links", [1, 2])  # 2: a hard link, rewritten in place (kpidsl/files.py)
@pytest.mark.parametrize("how", ["in place", "replaced", "removed"])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_file_saved_between_fmts_read_and_its_write_is_left_as_saved(files, monkeypatch, how, links, lang):
    # fmt read a.kpi, formatted it, and wrote its result over whatever the file held by then:
    # an edit saved in between was lost without a word. Now the file is left as the editor
    # saved it, told once at it (O025, exit 2), and the other files are formatted.
    path = files / "a.kpi"
    if links == 2:
        (files / "a-link.kpi.bak").hardlink_to(path)
    real = fmt.format_file

    def format_then_edit(p, *args, **kwargs):
        out = real(p, *args, **kwargs)
        if p.name == "a.kpi":
            _edit(p, how)
        return out

    monkeypatch.setattr(fmt, "format_file", format_then_edit)
    result = CliRunner().invoke(main, ["fmt", str(files), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _located(result.stderr) == [(str(path), "O025")]
    assert "Traceback" not in result.stderr
    if how == "removed":
        assert not path.exists()
    else:
        assert path.read_text(encoding="utf-8") == EDITED
    assert (files / "sub" / "c.kpi").read_text(encoding="utf-8") == TIDY  # the others go on
    assert sorted(p.name for p in files.iterdir()) == sorted(
        ["b.kpi", "notes.txt", "sub"] + (["a.kpi"] if how != "removed" else []) +
        (["a-link.kpi.bak"] if links == 2 else []))  # no temporary file left


def test_a_file_saved_while_fmt_writes_its_result_beside_is_left_as_saved(files, monkeypatch):
    # The narrowest window: the edit lands after fmt's temporary file is made, before the swap.
    from kpidsl import files as writer

    path = files / "a.kpi"
    made = writer._temp_beside

    def beside_then_edit(real, st, dir_fd=None):
        out = made(real, st, dir_fd)
        _edit(path, "in place")
        return out

    monkeypatch.setattr(writer, "_temp_beside", beside_then_edit)
    result = run("fmt", str(path))
    assert result.exit_code == 2, result.output
    assert _located(result.stderr) == [(str(path), "O025")]
    assert path.read_text(encoding="utf-8") == EDITED
    assert sorted(p.name for p in files.iterdir()) == ["a.kpi", "b.kpi", "notes.txt", "sub"]
