"""The parse cache: a hit gives what a parse gives, any change is a miss, a cache that
cannot be used is passed over, and nothing in the cache folder can hurt the user: it
deletes only what it made, reads no code, and a stale, foreign or poisoned entry is
parsed again."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_syntax_properties import VALID_FILES, documents

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.source import SourceFile, read_file
from kpidsl.syntax import ast, ast_json, cache, parse_source, parse_uncached
from kpidsl.syntax.printer import print_document

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "rules").rglob("*.kpi"))
SMALL = 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n}\n'
NOBODY = 65534
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="giving a folder to another user needs root")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """The folder the user names in KPIDSL_CACHE_DIR (the cache's parent)."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return tmp_path / "cache"


def entries(folder: Path) -> list[Path]:
    """Every cache entry under ``folder``, whatever its layout: files named by a sha256."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and re.fullmatch(r"[0-9a-f]{64}", p.stem))


def all_fields(value) -> object:
    """Every attrs field, those left out of equality too, as nested plain data."""
    if hasattr(type(value), "__attrs_attrs__"):
        return (type(value).__name__, tuple(all_fields(getattr(value, f.name)) for f in type(value).__attrs_attrs__))
    if isinstance(value, (tuple, list)):
        return tuple(all_fields(v) for v in value)
    return (type(value).__name__, value)


# ---- a hit gives what a parse gives --------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_hit_gives_what_a_parse_gives(path, cache_dir):
    src, _ = read_file(path)
    fresh = parse_uncached(src)
    first = parse_source(src)   # a miss: parsed and kept
    assert len(entries(cache_dir)) == 1
    assert cache.load(src.path, src.text) is not None  # the entry is read back, not passed over
    second = parse_source(src)  # a hit
    assert first == fresh and second == fresh
    assert all_fields(second) == all_fields(fresh)  # fields left out of equality come back too
    assert second[0].path == src.path


def test_a_changed_text_or_path_is_a_miss(cache_dir):
    text = 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100 { ตัวชี้วัด 1 "ข" น้ำหนัก 100 { เกณฑ์ 1 2 3 4 5 } }\n}\n'
    a = parse_source(SourceFile("a.kpi", text))
    b = parse_source(SourceFile("a.kpi", text.replace("น้ำหนัก 100 {", "น้ำหนัก 90 {", 1)))
    c = parse_source(SourceFile("b.kpi", text))
    assert len(entries(cache_dir)) == 3
    assert a != b
    assert c[0].path == "b.kpi"


def test_a_broken_entry_is_parsed_again(cache_dir):
    src = SourceFile("a.kpi", SMALL)
    expected = parse_source(src)
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"not an entry")
    assert parse_source(src) == expected


def test_no_cache_reads_and_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    assert check_paths([ROOT / "rules" / "2555"]).errors == 0
    assert entries(cache_dir) == []
    assert not cache_dir.exists()


def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    result = check_paths([ROOT / "rules" / "2555"])
    assert result.errors == 0 and result.diagnostics == ()
    assert blocker.read_text() == "a file where the cache folder would be"


def test_an_entry_that_cannot_be_written_is_passed_over(cache_dir):
    """kpidsl's writer says why it could not write (OutputError, not OSError: a full disk,
    a folder in the way); the cache passes over that too, and the parse is given."""
    src = SourceFile("a.kpi", SMALL)
    expected = parse_source(src)
    (entry,) = entries(cache_dir)
    entry.unlink()
    entry.mkdir()  # a folder where the entry is written
    assert parse_source(src) == expected
    assert entry.is_dir()


def test_check_gives_the_same_report_from_the_cache(cache_dir):
    broken = ROOT / "tests" / "broken"
    first = check_paths([ROOT / "rules", broken])
    second = check_paths([ROOT / "rules", broken])
    assert first.diagnostics == second.diagnostics and first.errors > 0


# ---- its own marked folder -----------------------------------------------------------------


def test_the_cache_is_a_tagged_private_folder_of_its_own(cache_dir):
    parse_source(SourceFile("a.kpi", SMALL))
    own = cache_dir / cache.FOLDER_NAME
    assert [p.name for p in cache_dir.iterdir()] == [cache.FOLDER_NAME]
    tag = (own / "CACHEDIR.TAG").read_text(encoding="ascii")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55\n") and "kpidsl" in tag
    assert stat.S_IMODE(own.stat().st_mode) == 0o700
    (entry,) = entries(cache_dir)
    assert entry.is_relative_to(own)


def test_a_folder_named_as_the_tagged_cache_is_used_as_it_is(cache_dir, monkeypatch):
    parse_source(SourceFile("a.kpi", SMALL))
    monkeypatch.setenv(cache.CACHE_ENV, str(cache_dir / cache.FOLDER_NAME))
    parse_source(SourceFile("b.kpi", SMALL))
    assert not (cache_dir / cache.FOLDER_NAME / cache.FOLDER_NAME).exists()
    assert len(entries(cache_dir)) == 2


def test_a_folder_of_someone_elses_things_survives(cache_dir, monkeypatch):
    """KPIDSL_CACHE_DIR at a project folder: a new version of the code drops only the
    version folders it made, never a 16-character folder of the user's."""
    theirs = {
        "my_project_2024x/report.txt": "รายงาน",
        "0123456789abcdef/data.csv": "a,b\n",
        "notes.txt": "x",
    }
    for name, text in theirs.items():
        (cache_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (cache_dir / name).write_text(text, encoding="utf-8")
    parse_source(SourceFile("a.kpi", SMALL))
    monkeypatch.setattr(cache, "code_key", lambda: "f" * 64)
    parse_source(SourceFile("a.kpi", SMALL))
    monkeypatch.setattr(cache, "code_key", lambda: "e" * 64)
    parse_source(SourceFile("a.kpi", SMALL))
    for name, text in theirs.items():
        assert (cache_dir / name).read_text(encoding="utf-8") == text


def test_a_new_version_of_the_code_takes_the_place_of_the_old(cache_dir, monkeypatch):
    parse_source(SourceFile("a.kpi", SMALL))
    own = cache_dir / cache.FOLDER_NAME
    (old,) = [p for p in own.iterdir() if p.is_dir()]
    mine = old / "kept.txt"  # something the user put there: not the cache's to delete
    mine.write_text("x")
    outside = old.parent.parent / "outside.json"
    outside.write_text("y")
    (entry,) = entries(old)
    (entry.parent / ("0" * 64 + ".json")).symlink_to(outside)  # named as an entry, a link out
    monkeypatch.setattr(cache, "code_key", lambda: "f" * 64)
    parse_source(SourceFile("a.kpi", SMALL))
    assert len(entries(own / ("f" * 16))) == 1
    assert entry.exists() is False and mine.read_text() == "x" and outside.read_text() == "y"
    monkeypatch.setattr(cache, "code_key", lambda: "e" * 64)
    parse_source(SourceFile("a.kpi", SMALL))
    assert sorted(p.name for p in own.iterdir()) == sorted([cache.TAG_NAME, old.name, "e" * 16])
    assert mine.read_text() == "x"


def test_what_a_run_killed_while_storing_left_goes_with_its_version(cache_dir, monkeypatch):
    """A run killed between writing an entry and renaming it into place leaves the writer's
    hidden temporary file (kpidsl/files.py) in the entry's folder: kpidsl wrote it, so the
    next version of the code drops it with the rest of the old version's folder."""
    killed_at_rename = ("import os, signal\n"
                        "from kpidsl.source import SourceFile\n"
                        "from kpidsl.syntax import parse_source\n"
                        "os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
                        f"parse_source(SourceFile('a.kpi', {SMALL!r}))\n")
    killed = subprocess.run([sys.executable, "-c", killed_at_rename], capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    own = cache_dir / cache.FOLDER_NAME
    (old,) = [p for p in own.iterdir() if p.is_dir()]
    assert [p for p in old.rglob("*") if p.is_file() and p.name != cache.VERSION_MARKER]
    assert entries(old) == []
    monkeypatch.setattr(cache, "code_key", lambda: "f" * 64)
    parse_source(SourceFile("a.kpi", SMALL))
    assert sorted(p.name for p in own.iterdir()) == sorted([cache.TAG_NAME, "f" * 16])


def test_an_untagged_folder_of_the_cache_s_name_is_left_alone(cache_dir):
    theirs = cache_dir / cache.FOLDER_NAME
    theirs.mkdir(parents=True)
    (theirs / "mine.txt").write_text("x")
    src = SourceFile("a.kpi", SMALL)
    assert parse_source(src) == parse_uncached(src)
    assert [p.name for p in theirs.iterdir()] == ["mine.txt"]


# ---- folders the user alone does not control -------------------------------------------------


def warm(cache_dir: Path) -> tuple[SourceFile, Path]:
    src = SourceFile("a.kpi", SMALL)
    parse_source(src)
    return src, cache_dir / cache.FOLDER_NAME


def assert_not_used(cache_dir: Path, src: SourceFile) -> None:
    before = entries(cache_dir)
    for entry in before:
        entry.write_bytes(b"planted")
    assert cache.load(src.path, src.text) is None
    assert parse_source(SourceFile("b.kpi", SMALL))[0].path == "b.kpi"
    assert entries(cache_dir) == before  # nothing written either


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_folder_others_can_write_is_not_used(cache_dir, mode):
    src, own = warm(cache_dir)
    own.chmod(mode)
    assert_not_used(cache_dir, src)


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
@pytest.mark.parametrize("named", ["its parent", "the tagged folder"])
def test_a_folder_in_a_folder_others_can_write_is_not_used(cache_dir, monkeypatch, mode, named):
    # Another user who may write the folder the cache is in may rename the cache away and
    # put a folder of their own in its place between kpidsl's look and its use: such a
    # cache was used. KPIDSL_CACHE_DIR names the cache's parent, or the tagged cache itself
    # (its parent then the folder above KPIDSL_CACHE_DIR).
    src, own = warm(cache_dir)
    if named == "the tagged folder":
        monkeypatch.setenv(cache.CACHE_ENV, str(own))
    assert cache.load(src.path, src.text) is not None
    if mode & stat.S_IWGRP and not mode & stat.S_IWOTH:  # a group of other people, not the user's own
        if os.geteuid() != 0:
            pytest.skip("only root can give the folder to a group of other people")
        os.chown(cache_dir, -1, NOBODY)
    cache_dir.chmod(mode)
    assert_not_used(cache_dir, src)
    cache_dir.chmod(mode | stat.S_ISVTX)  # sticky, as /tmp: only an entry's owner may rename it
    parse_source(SourceFile("c.kpi", SMALL))
    assert cache.load("c.kpi", SMALL) is not None


@pytest.mark.parametrize("mode", [0o707, 0o777])
def test_a_folder_further_up_that_others_can_write_is_not_used(cache_dir, mode):
    # Whoever may write any folder above the cache may rename the whole branch away and put
    # their own in its place (as ssh's StrictModes, every folder up to / is looked at): only
    # the folder right above the cache was checked.
    src, _ = warm(cache_dir)
    above = cache_dir.parent  # the folder holding the folder that holds the cache
    assert cache.load(src.path, src.text) is not None
    above.chmod(mode)
    try:
        assert_not_used(cache_dir, src)
        above.chmod(mode | stat.S_ISVTX)  # sticky, as /tmp: used again
        parse_source(SourceFile("c.kpi", SMALL))
        assert cache.load("c.kpi", SMALL) is not None
    finally:
        above.chmod(0o700)


def test_a_folder_in_a_folder_only_the_user_s_own_group_can_write_is_used(cache_dir):
    # umask 002 with a user private group (Debian, Ubuntu) makes ~/.cache 0775, its group the
    # user's alone: the cache was passed over there, silently, for every run
    import grp
    import pwd

    user = pwd.getpwuid(os.geteuid())
    try:
        own_group = grp.getgrgid(user.pw_gid)
    except KeyError:
        pytest.skip("the user's group has no name here")
    if own_group.gr_name != user.pw_name or set(own_group.gr_mem) - {user.pw_name}:
        pytest.skip("the user has no private group here")
    src, _ = warm(cache_dir)
    os.chown(cache_dir, -1, user.pw_gid)
    cache_dir.chmod(0o775)
    assert cache.load(src.path, src.text) is not None


@as_root
def test_a_folder_in_another_users_folder_is_not_used(cache_dir):
    src, _ = warm(cache_dir)
    os.chown(cache_dir, NOBODY, NOBODY)  # the folder holding the cache: they may rename it away
    assert_not_used(cache_dir, src)


def test_why_a_folder_is_not_used_is_said_only_under_debug(cache_dir, monkeypatch, capsys):
    src, own = warm(cache_dir)
    own.chmod(0o775)
    monkeypatch.delenv(cache.DEBUG_ENV, raising=False)
    assert parse_source(src) == parse_uncached(src)
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(cache.DEBUG_ENV, "1")
    assert parse_source(src) == parse_uncached(src)
    assert parse_source(src) == parse_uncached(src)
    assert capsys.readouterr().err == f"kpidsl: parse cache not used: {own} can be written by others\n"


@as_root
def test_a_folder_another_user_owns_is_not_used(cache_dir):
    src, own = warm(cache_dir)
    os.chown(own, NOBODY, NOBODY)
    assert_not_used(cache_dir, src)


@as_root
def test_a_symlink_another_user_owns_is_not_used(cache_dir, tmp_path):
    src, own = warm(cache_dir)
    real = tmp_path / "real"
    own.rename(real)
    own.symlink_to(real)
    assert cache.load(src.path, src.text) is not None  # the user's own link is followed
    os.lchown(own, NOBODY, NOBODY)
    assert_not_used(cache_dir, src)


@as_root
def test_an_entry_another_user_owns_is_not_read(cache_dir):
    src, _ = warm(cache_dir)
    (entry,) = entries(cache_dir)
    os.chown(entry, NOBODY, NOBODY)
    assert cache.load(src.path, src.text) is None


def as_nobody(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run as the unprivileged user (setpriv), or skip when this machine cannot."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv")
    drop = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if subprocess.run([*drop, sys.executable, "-c", "import kpidsl"], capture_output=True).returncode:
        pytest.skip("this Python or kpidsl cannot be run by an unprivileged user here")
    return subprocess.run([*drop, *args], capture_output=True, text=True, env={**os.environ, **env})


def test_an_unprivileged_user_passes_over_a_cache_root_owns():
    parent = Path(tempfile.mkdtemp())
    try:
        parent.chmod(0o755)
        env = {cache.CACHE_ENV: str(parent), cache.DEBUG_ENV: "1"}
        subprocess.run([sys.executable, "-m", "kpidsl", "check", str(ROOT / "rules" / "2555")],
                       env={**os.environ, **env}, capture_output=True, check=True)
        before = entries(parent)
        result = as_nobody(sys.executable, "-m", "kpidsl", "check", str(ROOT / "rules" / "2555"), env=env)
        assert result.returncode == 0, result.stderr
        assert "belongs to another user" in result.stderr
        assert entries(parent) == before
    finally:
        shutil.rmtree(parent)


# ---- entries that would run code, crash or change a figure ------------------------------------


class _Plant:
    """Unpickling this makes a folder: proof that reading the entry ran code."""

    def __init__(self, where: Path):
        self.where = where

    def __reduce__(self):
        return (os.mkdir, (str(self.where),))


def test_a_planted_pickle_runs_no_code(cache_dir, tmp_path):
    src, _ = warm(cache_dir)
    ran = tmp_path / "ran"
    for entry in entries(cache_dir):
        entry.write_bytes(pickle.dumps(_Plant(ran)))
    assert parse_source(src) == parse_uncached(src)
    assert not ran.exists()


def test_no_file_in_the_cache_folder_is_read_as_code(cache_dir, tmp_path):
    """A pickle planted in every file of kpidsl's cache folder, and under the name Lark's
    parser was kept by (`lark-grammar-3.X.pickle`, which Lark unpickled whatever its first
    line): a new kpidsl process checking the shipped rules runs none of it."""
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    check = [sys.executable, "-m", "kpidsl", "check", str(ROOT / "rules" / "2555")]
    subprocess.run(check, env=env, capture_output=True, check=True)
    own = cache_dir / cache.FOLDER_NAME
    ran = tmp_path / "ran"
    planted = b"0" * 64 + b"\n" + pickle.dumps(_Plant(ran))
    lark_file = own / "lark-grammar-{}.{}.pickle".format(*sys.version_info[:2])
    files = [p for p in own.rglob("*") if p.is_file() and p.name not in (cache.TAG_NAME, cache.VERSION_MARKER)]
    for path in dict.fromkeys([*files, lark_file]):
        path.write_bytes(planted)
    result = subprocess.run(check, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not ran.exists()


@pytest.mark.parametrize("payload", [
    pickle.dumps(42), pickle.dumps(("a", "b", "c")), pickle.dumps((None, None)),
    b"42", b"[]", b"{}", b'{"a": 1}\n[1, 2]', b"\xff\xfe", b"",
], ids=["int", "triple", "nones", "json-int", "json-list", "json-object", "two-lines", "bytes", "empty"])
def test_an_entry_of_the_wrong_shape_is_parsed_again(cache_dir, payload):
    shutil.copytree(ROOT / "rules" / "2555", cache_dir.parent / "rules")
    expected = check_paths([cache_dir.parent / "rules"]).diagnostics
    for entry in entries(cache_dir):
        entry.write_bytes(payload)
    assert check_paths([cache_dir.parent / "rules"]).diagnostics == expected


def band_cut_off(folder: Path) -> Decimal:
    result = check_paths([folder])
    assert not result.errors
    (rs,) = result.rule_sets
    (bands,) = compile_plan(rs, folder)["bands"]
    return Decimal(bands["bands"][0]["lower"]["value"])


def test_a_stale_entry_of_other_text_changes_no_figure(cache_dir):
    """The entry of the bands file when it said 85, put where the entry of the file
    saying 90 is: the compiled cut-off stays 90."""
    rules = cache_dir.parent / "rules"
    shutil.copytree(ROOT / "rules" / "2555", rules)
    bands = rules / "bands.kpi"
    says_90 = bands.read_text(encoding="utf-8")
    assert ">= 90 <= 100" in says_90
    says_85 = says_90.replace(">= 90 <= 100", ">= 85 <= 100").replace(">= 80 < 90 ", ">= 80 < 85 ")
    bands.write_text(says_85, encoding="utf-8")
    assert band_cut_off(rules) == 85
    of_85 = set(entries(cache_dir))
    (entry_85,) = [e for e in of_85 if b"bands.kpi" in e.read_bytes()]
    bands.write_text(says_90, encoding="utf-8")
    assert band_cut_off(rules) == 90
    (entry_90,) = set(entries(cache_dir)) - of_85
    shutil.copyfile(entry_85, entry_90)
    assert band_cut_off(rules) == 90


def rewrite_body(entry: Path, change) -> None:
    """Change an entry's body and record the new body's hash, as a forger would."""
    header, body = entry.read_bytes().split(b"\n", 1)
    fields = json.loads(header)
    data = json.loads(body)
    changed = json.dumps(change(data), ensure_ascii=False).encode()
    assert changed != json.dumps(data, ensure_ascii=False).encode()  # 2555.0 == 2555 in Python
    body = changed
    fields["body"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(fields).encode() + b"\n" + body)


def test_a_changed_body_is_not_used(cache_dir):
    src = SourceFile("bands.kpi", (ROOT / "rules" / "2555" / "bands.kpi").read_text(encoding="utf-8"))
    expected = parse_uncached(src)
    parse_source(src)
    (entry,) = entries(cache_dir)
    entry.write_bytes(entry.read_bytes().replace(b'["Decimal","90"]', b'["Decimal","85"]', 1))
    assert cache.load(src.path, src.text) is None
    assert parse_source(src) == expected


def swap(body, old: str, new: str):
    return json.loads(json.dumps(body, separators=(",", ":"), ensure_ascii=False).replace(old, new))


@pytest.mark.parametrize("change", [
    lambda body: ["Popen", ["ls"]],
    lambda body: [["RuleFile", "a.kpi", [["os.system", "true"]], []], []],
    lambda body: [body[0], [["Span", "a.kpi", 1, 1, 1, 2]]],  # a span where a diagnostic goes
    lambda body: [["RuleFile", "a.kpi", [], [], "extra"], body[1]],
    lambda body: [["RuleFile", 7, [], []], body[1]],
    lambda body: [["RuleFile", "a.kpi", [], [["Review", "x", ["", ""]]]], body[1]],  # missing its span
    lambda body: swap(body, ',2555,', ',2555.0,'),
    lambda body: swap(body, '["Decimal","', '["Decimal","x'),
    lambda body: swap(body, 'true', '1'),
], ids=["foreign-class", "foreign-nested", "wrong-class", "extra-field", "wrong-type",
        "short", "float", "not-a-decimal", "int-for-bool"])
def test_a_forged_body_of_the_wrong_shape_is_not_used(cache_dir, change):
    """Even with its hashes made to match, a body builds only what the AST's types allow."""
    src = SourceFile("a.kpi", 'กรอบ f "ก" {\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100 {\n'
                              '        ตัวชี้วัด 1 "ข" น้ำหนัก 100 { เกณฑ์ 1 2 3 4 5 }\n    }\n}\n')
    expected = parse_uncached(src)
    assert expected[1] == []
    parse_source(src)
    (entry,) = entries(cache_dir)
    rewrite_body(entry, change)
    assert cache.load(src.path, src.text) is None
    assert parse_source(src) == expected


def test_the_codec_builds_only_allowed_classes():
    with pytest.raises(ast_json.BadData):
        ast_json.decode(["Popen", ["ls"]], ast.Ref)
    with pytest.raises(ast_json.BadData):
        ast_json.decode(["Ref", "x"], ast.Ref)  # the span is missing
    with pytest.raises(ast_json.BadData):
        ast_json.encode(Path("x"))
    assert ast_json.decode(["Ref", "x", None], ast.Ref) == ast.Ref("x")
    assert ast_json.decode(["Decimal", "90.50"], Decimal) == Decimal("90.50")
    assert str(ast_json.decode(["Decimal", "90.50"], Decimal)) == "90.50"


# ---- round trips ---------------------------------------------------------------------------


def assert_round_trip(value) -> None:
    data = json.loads(json.dumps(ast_json.encode(value), ensure_ascii=False))
    back = ast_json.decode(data, cache.Parse)
    assert back == value
    assert all_fields(back) == all_fields(value)


@pytest.mark.parametrize("path", SHIPPED + sorted((ROOT / "tests" / "broken").rglob("*.kpi")),
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_shipped_file_round_trips(path):
    src, _ = read_file(path)
    rule_file, diags = parse_uncached(src)
    assert_round_trip((rule_file, tuple(diags)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents)
def test_generated_files_round_trip(doc):
    rule_file, diags = parse_uncached(SourceFile("gen.kpi", print_document(doc)))
    assert_round_trip((rule_file, tuple(diags)))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(VALID_FILES)), st.data())
def test_cut_and_changed_files_round_trip(name, data):
    """Real-looking files with a piece cut out or a number changed: half statements and their diagnostics."""
    text = VALID_FILES[name]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 80)))
    text = text[:start] + data.draw(st.sampled_from(["", "9", "{", "}", '"', "ก"])) + text[end:]
    rule_file, diags = parse_uncached(SourceFile(name, text))
    assert_round_trip((rule_file, tuple(diags)))
