"""Reading rule files (kpidsl.source) and grouping them into rule sets
(kpidsl.check.ruleset.discover): encodings, odd files, odd folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpidsl.check.ruleset import discover
from kpidsl.source import MAX_BYTES, classify, decode, find_rule_files, read_file

THAI = 'framework f "กรอบการประเมิน" {\n    fiscal_year 2555\n}\n'


def codes(diags) -> list[str]:
    return [d.code for d in diags]


# ---- decode -------------------------------------------------------------------------------


def test_plain_utf8():
    assert decode(THAI.encode(), "a.kpi") == (THAI, [])


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + THAI.encode(),
    THAI.replace("\n", "\r\n").encode(),
    b"\xef\xbb\xbf" + THAI.replace("\n", "\r\n").encode(),
    THAI.replace("\n", "\r").encode(),  # old Mac line ends
], ids=["bom", "crlf", "bom-crlf", "cr"])
def test_bom_and_line_ends_read_as_the_plain_text(data):
    assert decode(data, "a.kpi") == (THAI, [])


def test_cp874_is_named_with_how_to_convert():
    text, diags = decode(THAI.encode("cp874"), "rules/old.kpi")
    assert text is None and codes(diags) == ["F003"]
    assert "TIS-620" in diags[0].message_en and "cp874" in diags[0].message_en
    assert "iconv -f CP874 -t UTF-8 old.kpi" in diags[0].hint_en
    assert "iconv" in diags[0].hint_th


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding):
    text, diags = decode(THAI.encode(encoding), "a.kpi")
    assert text is None and codes(diags) == ["F004"]


def test_utf16_of_plain_ascii_without_bom():
    text, diags = decode("bands b {\n}\n".encode("utf-16-le"), "a.kpi")
    assert codes(diags) == ["F004"]


def test_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    text, diags = decode(png, "a.kpi")
    assert text is None and codes(diags) == ["F005"]
    assert "byte 8" in diags[0].message_en


def test_zeros_are_binary_not_utf16():
    assert codes(decode(bytes(1000), "a.kpi")[1]) == ["F005"]


def test_control_characters_are_binary():
    assert codes(decode(b"a\x01b\x02c\x03d\x04e\x05f\x06", "a.kpi")[1]) == ["F005"]


def test_invalid_utf8_is_located_in_code_points():
    data = "ก\nกข".encode() + b"\xff" + b" rest\n"
    text, diags = decode(data, "a.kpi")
    assert codes(diags) == ["F008"]
    span = diags[0].span
    assert (span.line, span.column) == (2, 3)  # after two Thai letters (six bytes)
    assert "0xFF" in diags[0].message_en


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\r\n"])
def test_empty_file_is_a_warning(data):
    text, diags = decode(data, "a.kpi")
    assert text is not None and text.strip() == ""
    assert codes(diags) == ["F006"] and diags[0].severity == "warning"


# ---- read_file --------------------------------------------------------------------------------


def test_read_file_too_large(tmp_path):
    big = tmp_path / "big.kpi"
    big.write_bytes(b"# x\n" * (MAX_BYTES // 4 + 10))
    src, diags = read_file(big, "big.kpi")
    assert src is None and codes(diags) == ["F007"]


def test_read_file_of_a_folder(tmp_path):
    src, diags = read_file(tmp_path, "x.kpi")
    assert src is None and codes(diags) == ["F009"] and diags[0].io


def test_read_file_permission_denied_is_io_trouble(tmp_path, monkeypatch):
    # Simulated, so that it also runs as root (who can read a chmod 000 file).
    f = tmp_path / "a.kpi"
    f.write_text(THAI, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(f))

    monkeypatch.setattr("kpidsl.source.read_regular", refuse)
    src, diags = read_file(f, "a.kpi")
    assert src is None and codes(diags) == ["F009"] and diags[0].io
    assert "Permission denied" in diags[0].message_en


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_read_file_of_a_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.kpi"
    os.mkfifo(fifo)
    src, diags = read_file(fifo, "pipe.kpi")
    assert src is None and codes(diags) == ["F009"]


# ---- classify and find_rule_files ---------------------------------------------------------------


def test_classify(tmp_path):
    (tmp_path / "a.kpi").write_text("", encoding="utf-8")
    assert classify(tmp_path) == "folder"
    assert classify(tmp_path / "a.kpi") == "file"
    assert classify(tmp_path / "nope").code == "F001"
    assert classify(tmp_path / "a.kpi" / "under_a_file").code == "F001"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_classify_links(tmp_path):
    os.symlink("loop.kpi", tmp_path / "loop.kpi")
    os.symlink("nowhere.kpi", tmp_path / "dangling.kpi")
    loop = classify(tmp_path / "loop.kpi")
    assert loop.code == "F009" and loop.io
    dangling = classify(tmp_path / "dangling.kpi")
    assert dangling.code == "F009" and "broken symbolic link" in dangling.message_en


def test_find_rule_files_skips_folders_named_like_files(tmp_path):
    (tmp_path / "b.kpi").write_text("", encoding="utf-8")
    (tmp_path / "foo.kpi").mkdir()
    (tmp_path / "foo.kpi" / "inner.kpi").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    files, diags = find_rule_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["b.kpi", "foo.kpi/inner.kpi"]
    assert diags == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_find_rule_files_does_not_follow_folder_links(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.kpi").write_text("", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a loop through folders
    files, _ = find_rule_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["sub/a.kpi"]


# ---- discover --------------------------------------------------------------------------------


def make_rules(root: Path) -> None:
    for rel in ["2554/a.kpi", "2554/agreements/x.kpi", "2555/b.kpi"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(THAI, encoding="utf-8")


def test_discover_groups_year_folders(tmp_path, monkeypatch):
    make_rules(tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    sources, diags = discover([Path("rules")])
    assert diags == []
    assert [(s.name, [f.as_posix() for f in s.files]) for s in sources] == [
        ("rules/2554", ["rules/2554/a.kpi", "rules/2554/agreements/x.kpi"]),
        ("rules/2555", ["rules/2555/b.kpi"]),
    ]


def test_discover_a_file_named_alone_from_its_own_folder_ends(tmp_path, monkeypatch):
    # `kpidsl check a.kpi` in the rule folder: climbing from "." must stop.
    make_rules(tmp_path / "rules")
    monkeypatch.chdir(tmp_path / "rules" / "2554")
    sources, diags = discover([Path("a.kpi")])
    assert diags == []
    assert [(s.name, [f.as_posix() for f in s.files]) for s in sources] == [
        (".", ["a.kpi", "agreements/x.kpi"]),
    ]


def test_discover_a_subfolder_named_with_its_rule_set_is_checked_once(tmp_path, monkeypatch):
    make_rules(tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    sources, _ = discover([Path("rules/2554/agreements"), Path("rules/2554"), Path("rules/2554/a.kpi")])
    assert [s.name for s in sources] == ["rules/2554"]
    assert len(sources[0].files) == 2


def test_discover_reports_each_unusable_path_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    sources, diags = discover([Path("missing"), Path("empty"), Path("missing")])
    assert sources == []
    assert codes(diags) == ["F001", "F002"]
    assert all(d.io for d in diags)
    # F002 is told at the folder, as the file of its location
    assert (diags[1].span.path, diags[1].span.line, diags[1].span.column) == ("empty", 1, 1)


def test_discover_the_working_folder_named_as_dot_ends(tmp_path, monkeypatch):
    # `kpidsl check .` in the rule folder: "."'s parent is "." again, so the climb stops at the folder named.
    make_rules(tmp_path / "rules")
    monkeypatch.chdir(tmp_path / "rules" / "2554")
    sources, diags = discover([Path(".")])
    assert diags == []
    assert [(s.name, [f.as_posix() for f in s.files]) for s in sources] == [
        (".", ["a.kpi", "agreements/x.kpi"]),
    ]


def test_discover_lists_rule_sets_by_name_whatever_order_they_are_named_in(tmp_path, monkeypatch):
    make_rules(tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    sources, _ = discover([Path("rules/2555"), Path("rules/2554/agreements/x.kpi")])
    assert [s.name for s in sources] == ["rules/2554", "rules/2555"]


def test_find_rule_files_skips_hidden_folders(tmp_path):
    for rel in ["a.kpi", ".git/x.kpi", ".venv/lib/y.kpi", "sub/.hidden/z.kpi", "sub/b.kpi"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("", encoding="utf-8")
    files, _ = find_rule_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.kpi", "sub/b.kpi"]


# ---- a file named alone: its rule set, not the trees beside it ------------------------------


def _counting_listings(monkeypatch) -> list[str]:
    """Every folder listed from now on (os.walk lists through os.scandir too)."""
    listed: list[str] = []
    real = os.scandir

    def scandir(path="."):
        listed.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return listed


def test_discover_a_file_named_alone_lists_its_rule_set_not_the_trees_beside_it(tmp_path, monkeypatch):
    # A folder of copies (top/*.kpi) holding the rule set named, beside a deep, wide tree
    # with no rule file at its top: the file's rule set is top and the folders below it
    # that hold rule files themselves; the tree beside it is looked into once, not walked.
    top = tmp_path / "top"
    for rel in ["copy.kpi", "rs/a.kpi", "rs/agreements/b.kpi", "junk/deep/under/c.kpi"]:
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(THAI, encoding="utf-8")
    for i in range(20):
        folder = top / "junk" / f"w{i}"
        for depth in range(10):
            folder = folder / f"d{depth}"
        folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    listed = _counting_listings(monkeypatch)
    sources, diags = discover([Path("top/rs/a.kpi")])
    assert diags == []
    assert [(s.name, [f.as_posix() for f in s.files]) for s in sources] == [
        ("top", ["top/copy.kpi", "top/rs/a.kpi", "top/rs/agreements/b.kpi"]),
    ]
    # the climb looks at rs, top and tmp_path; the set lists top, rs, agreements and looks into junk
    assert len(listed) <= 8, listed
    assert not any("w0" in p or "deep" in p for p in listed), listed


def test_discover_a_folder_named_groups_as_its_files_named_alone_do(tmp_path, monkeypatch):
    # A rule file under folders that hold none is a rule set of its own however it is named.
    top = tmp_path / "top"
    for rel in ["a.kpi", "agreements/b.kpi", "junk/deep/c.kpi"]:
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(THAI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    by_folder, _ = discover([Path("top")])
    by_file, _ = discover([Path("top/a.kpi")])
    by_deep_file, _ = discover([Path("top/junk/deep/c.kpi")])
    shown = lambda sources: [(s.name, [f.as_posix() for f in s.files]) for s in sources]
    assert shown(by_folder) == [
        ("top", ["top/a.kpi", "top/agreements/b.kpi"]),
        ("top/junk/deep", ["top/junk/deep/c.kpi"]),
    ]
    assert shown(by_file) == shown(by_folder)[:1]
    assert shown(by_deep_file) == shown(by_folder)[1:]


def test_discover_lists_a_rule_set_s_files_by_their_path_text(tmp_path, monkeypatch):
    # As the language server loads them (sorted path strings, kpidsl/lsp/ruleset_state.py), so that the first of
    # two declarations of one id, the one kept, is the same in both: "sub.kpi" before "sub/b.kpi" ('.' < '/'),
    # where Path order would put "sub/b.kpi" first (the part "sub" before "sub.kpi").
    for rel in ["rs/sub.kpi", "rs/sub/b.kpi"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(THAI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sources, _ = discover([Path("rs")])
    assert [[f.as_posix() for f in s.files] for s in sources] == [["rs/sub.kpi", "rs/sub/b.kpi"]]
