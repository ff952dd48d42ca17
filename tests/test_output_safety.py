"""Writing outputs safely (build, render, compile, score, fmt, new-year): nothing written
or deleted outside the output folder, nothing deleted that kpidsl did not provably write,
a killed build leaves the old output or the new, file modes follow the umask, links and
special files are respected, and write trouble is a located O-code with exit 2."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.cli import main
from kpidsl.filenames import MAX_COMPONENT_BYTES, name_problem, safe_name
from kpidsl.files import OutputError
from kpidsl.output_folder import MANIFEST, OutputLock, check_names

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"
TIDY = 'framework f "x" {\n    fiscal_year 2555  # year\n}\n'
UNTIDY = 'framework f "x" {\n  fiscal_year   2555 # year\n}\n'
HEADER = "agreement,person,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,9.1,9.2,10,11:survey,11:checklist,12"
FIGURES = "82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (links not followed): kind, bytes or target, mode."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st_ = p.lstat()
            rel = p.relative_to(folder).as_posix()
            if stat.S_ISLNK(st_.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st_.st_mode):
                out[rel] = ("dir", stat.S_IMODE(st_.st_mode))
            else:
                out[rel] = ("file", p.read_bytes(), stat.S_IMODE(st_.st_mode))
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {k: v[1] for k, v in snapshot(folder).items() if v[0] == "file"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def copy_build(built: Path, to: Path) -> Path:
    shutil.copytree(built, to, symlinks=True)
    return to


# ---- 1b: a folder kpidsl never built is refused whole -------------------------------------------------


def test_a_full_folder_no_build_wrote_is_refused_and_left_as_it_was(tmp_path):
    """`build -o ~/Documents` once rebuilt the whole folder: new folders, every file carried over
    by a hard link. A folder that holds anything and has no manifest is no build's (O014)."""
    home = tmp_path / "Documents"
    (home / "letters").mkdir(parents=True)
    (home / "letters" / "2555.txt").write_text("a person's letter", encoding="utf-8")
    (home / "notes.txt").write_text("notes", encoding="utf-8")
    before = snapshot(home)
    inodes = {p: os.lstat(p).st_ino for p in [home, home / "letters", home / "notes.txt"]}
    result = run("build", str(RULES), "-o", str(home))
    assert result.exit_code == 2, result.output
    codes = [line.split()[1] for line in result.output.splitlines() if " O0" in line]
    assert codes == ["O014"], result.output
    assert result.output.startswith(f"{home}:1:1: O014")
    assert snapshot(home) == before
    assert {p: os.lstat(p).st_ino for p in inodes} == inodes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]  # no hidden sibling, no lock left


def test_an_empty_folder_and_a_folder_an_earlier_build_wrote_are_built_into(tmp_path):
    empty = tmp_path / "out"
    empty.mkdir()
    assert run("build", str(RULES), "-o", str(empty)).exit_code == 0
    (empty / "notes.txt").write_text("staff notes", encoding="utf-8")
    result = run("build", str(RULES), "-o", str(empty))
    assert result.exit_code == 0, result.output
    assert (empty / "notes.txt").read_text(encoding="utf-8") == "staff notes"


# ---- 2: the manifest is not trusted --------------------------------------------------------------------

def test_a_manifest_naming_a_rule_file_never_deletes_it(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(RULES, rules)
    (rules / MANIFEST).write_text("department.kpi\n", encoding="utf-8")
    before = snapshot(rules)
    result = run("build", str(rules), "-o", str(rules))
    assert result.exit_code == 2
    assert "O004" in result.output and "Traceback" not in result.output
    assert snapshot(rules) == before


def test_the_output_folder_may_not_hold_the_rule_folder(tmp_path):
    rules = tmp_path / "rules" / "2555"
    shutil.copytree(RULES, rules)
    before = snapshot(tmp_path)
    result = run("build", str(rules), "-o", str(tmp_path / "rules"))
    assert result.exit_code == 2 and "O004" in result.output
    assert snapshot(tmp_path) == before


def test_a_manifest_line_through_a_symlink_never_deletes_outside(built, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("keep me", encoding="utf-8")
    out = copy_build(built, tmp_path / "out")
    (out / "lnk").symlink_to(outside, target_is_directory=True)
    manifest = (out / MANIFEST).read_text(encoding="utf-8")
    (out / MANIFEST).write_text(manifest + "lnk/victim.txt\n", encoding="utf-8")
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "lnk").is_symlink()  # a person's link is carried over, not followed


def test_a_manifest_without_hashes_proves_nothing(built, tmp_path):
    out = copy_build(built, tmp_path / "out")
    (out / "old-form.html").write_text("a person's page", encoding="utf-8")
    (out / MANIFEST).write_text("old-form.html\n", encoding="utf-8")
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "old-form.html").read_text(encoding="utf-8") == "a person's page"


def test_an_output_folder_that_is_a_link_is_refused_and_its_target_untouched(tmp_path):
    """`-o out` where out -> a folder of other files: a build swaps the whole folder, so
    through the link it would rebuild the target (tried on /etc: every folder re-made)."""
    target = tmp_path / "someone"
    (target / "sub").mkdir(parents=True)
    (target / "sub" / "notes.txt").write_text("keep me", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(target, target_is_directory=True)
    before = snapshot(target)
    inode = target.stat().st_ino
    for command in (["build", str(RULES), "-o", str(link)], ["render", str(RULES), "-o", str(link)]):
        result = run(*command)
        assert result.exit_code == 2, result.output
        assert "O005" in result.output
    assert snapshot(target) == before and target.stat().st_ino == inode
    assert link.is_symlink()


def test_a_symlinked_subfolder_is_refused_and_nothing_written_through_it(built, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "agreement.html").write_text("not a form", encoding="utf-8")
    out = copy_build(built, tmp_path / "out")
    shutil.rmtree(out / "dept_example_2555")
    (out / "dept_example_2555").symlink_to(elsewhere, target_is_directory=True)
    before, outside = snapshot(out), snapshot(elsewhere)
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 2
    assert "O005" in result.output and "dept_example_2555" in result.output
    assert snapshot(elsewhere) == outside
    assert snapshot(out) == before
    assert run("render", str(RULES), "-o", str(out)).exit_code == 2
    assert snapshot(elsewhere) == outside


def test_an_edited_form_the_new_build_no_longer_makes_is_kept_and_said_so(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(RULES, rules)
    out = tmp_path / "out"
    assert run("build", str(rules), "-o", str(out)).exit_code == 0
    edited = out / "dept_example_2555" / "agreement.md"
    edited.write_text("signed copy", encoding="utf-8")
    agreement = rules / "agreements" / "department_example.kpi"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("dept_example_2555", "dept_renamed_2555"),
                         encoding="utf-8")
    result = run("build", str(rules), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert edited.read_text(encoding="utf-8") == "signed copy"
    assert "O009" in result.output and "agreement.md" in result.output
    assert not (out / "dept_example_2555" / "agreement.html").exists()  # proven the build's: removed


def test_an_edited_form_the_new_build_makes_again_is_refused(built, tmp_path):
    out = copy_build(built, tmp_path / "out")
    (out / "calendar.html").write_text("annotated by hand", encoding="utf-8")
    before = snapshot(out)
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 2 and "O006" in result.output and "calendar.html" in result.output
    assert snapshot(out) == before


def test_a_rebuild_keeps_the_modes_of_the_folder_and_of_each_rewritten_file(built, tmp_path):
    out = copy_build(built, tmp_path / "out")
    out.chmod(0o2750)
    (out / "index.html").chmod(0o640)
    assert run("build", str(RULES), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o2750
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o640


def test_the_manifest_carries_a_sha256_of_every_file(built):
    lines = (built / MANIFEST).read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    files = files_of(built)
    assert set(listed) == set(files) - {MANIFEST}
    for rel, digest in listed.items():
        assert digest == hashlib.sha256(files[rel]).hexdigest(), rel


# ---- 3: names, kills and locks -------------------------------------------------------------------------

def test_a_260_character_agreement_id_builds_under_a_safe_name(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(RULES, rules)
    long_id = "a" * 260
    agreement = rules / "agreements" / "department_example.kpi"
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("dept_example_2555", long_id),
                         encoding="utf-8")
    assert run("check", str(rules)).exit_code == 0
    out = tmp_path / "out"
    result = run("build", str(rules), "-o", str(out))
    assert result.exit_code == 0, result.output
    names = files_of(out)
    for rel in names:
        assert all(len(part.encode()) <= 255 for part in rel.split("/")), rel
    folders = {rel.split("/")[0] for rel in names if "/" in rel and rel.startswith("aaaa")}
    assert len(folders) == 1 and len(next(iter(folders)).encode()) < 255
    again = tmp_path / "again"
    assert run("build", str(rules), "-o", str(again)).exit_code == 0
    assert files_of(again) == names  # the safe name is deterministic


def _forms_of_person(tmp_path: Path, person: str) -> list[str]:
    """The files `render --results` writes for one row of ``person`` (a score report among them)."""
    results = tmp_path / "results.csv"
    results.write_text(f"{HEADER}\ndept_example_2555,\"{person}\",{FIGURES}\n", encoding="utf-8")
    out = tmp_path / "forms"
    result = run("render", str(RULES), "--results", str(results), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = files_of(out)
    assert any("score-report-" in rel for rel in written)
    return written


@pytest.mark.parametrize("person", ["x/y", "x:y", "../../etc", "CON", "tab\there", "p" * 300])
def test_render_results_with_a_hostile_person_name_stays_inside(tmp_path, person):
    written = _forms_of_person(tmp_path, person)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forms", "results.csv"]
    for rel in written:
        for part in rel.split("/"):
            assert len(part.encode()) <= 255 and ":" not in part and "\t" not in part and part.upper() != "CON"


def test_a_build_killed_mid_way_leaves_the_old_output_whole(built, tmp_path):
    out = copy_build(built, tmp_path / "out")
    before = snapshot(out)
    killer = ("import os, sys\n"
              "import kpidsl.files as files\n"
              "count = [0]\n"
              "real = files.write_file\n"
              "def dying(path, data, shown=None, **kwargs):\n"
              "    count[0] += 1\n"
              "    if count[0] == 10:\n"
              "        os._exit(9)\n"
              "    real(path, data, shown, **kwargs)\n"
              "files.write_file = dying\n"
              "from kpidsl.cli import main\n"
              "main(['build', sys.argv[1], '-o', sys.argv[2]])\n")
    proc = subprocess.run([sys.executable, "-c", killer, str(RULES), str(out)], capture_output=True)
    assert proc.returncode == 9, proc.stderr
    assert snapshot(out) == before
    visible = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert visible == ["out"]
    result = run("build", str(RULES), "-o", str(out))  # the next build clears the leftover
    assert result.exit_code == 0, result.output
    assert files_of(out) == files_of(built)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out):
        result = run("build", str(RULES), "-o", str(out))
        assert result.exit_code == 2 and "O007" in result.output
        assert run("render", str(RULES), "-o", str(out)).exit_code == 2
    assert not out.exists()
    assert run("build", str(RULES), "-o", str(out)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # the lock file went with the lock


@given(st.text(max_size=400))
def test_a_safe_name_is_always_a_good_file_name_and_the_same_each_time(text):
    name = safe_name(text)
    assert name_problem(name) is None and name == safe_name(text)
    assert len(f"score-report-{name}-filled.html".encode()) <= MAX_COMPONENT_BYTES


def _unseen(name: str) -> list[str]:
    """The characters of ``name`` a file manager does not show as themselves: controls (C0
    and C1) and format characters (bidi overrides, zero-width ones, the byte-order mark)."""
    return [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf")]


@pytest.mark.parametrize("person", ["\u202efdp..exe", "a\u2066b\u2069c", "สมชาย\u200bใจดี", "c1\x9b2J",
                                    "\ufeffmark", "soft\u00adhyphen", "\u200e\u200fmarks"])
def test_a_name_holding_characters_no_one_sees_is_named_without_them(tmp_path, person):
    """A bidi override in a person's name made `sar-\u202efdp..exe.html`, which a file
    manager shows as `sar-lmth.exe..pdf`; a zero-width or C1 control character made a
    name no one can type. Each becomes `-`, as a space does."""
    assert _unseen(safe_name(person)) == []
    assert [rel for rel in _forms_of_person(tmp_path, person) if _unseen(rel)] == []


@pytest.mark.parametrize("rel", ["a/../b", "/etc/passwd", "x:y.html", "CON.md", "a" * 256 + ".html", "a//b"])
def test_an_output_name_that_cannot_be_a_file_is_o003_before_any_write(tmp_path, rel):
    with pytest.raises(OutputError) as caught:
        check_names(tmp_path / "out", ["index.html", rel])
    assert caught.value.diagnostic.code == "O003"
    assert not (tmp_path / "out").exists()


def test_render_into_a_path_that_is_a_file_is_o008(tmp_path):
    target = tmp_path / "forms"
    target.write_text("a file", encoding="utf-8")
    result = run("render", str(RULES), "-o", str(target))
    assert result.exit_code == 2 and "O008" in result.output
    assert target.read_text(encoding="utf-8") == "a file"


def test_what_cannot_be_proven_stays_in_the_old_folder_and_is_named(built, tmp_path, monkeypatch):
    out = copy_build(built, tmp_path / "out")
    (out / "notes.txt").write_text("staff notes", encoding="utf-8")

    def no_links(*args, **kwargs):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)  # a file system without hard links: notes are copied
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "O011" in result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "staff notes"
    left = [p for p in tmp_path.iterdir() if p.name != "out"]
    assert len(left) == 1 and [p.name for p in left[0].iterdir()] == ["notes.txt"]


# ---- 4: the writer -------------------------------------------------------------------------------------

def test_compile_to_a_device_writes_through_it(tmp_path):
    # A null device of our own: were the fault back, /dev/null itself would be replaced.
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as e:
        pytest.skip(f"cannot make a device node here: {e.strerror}")
    result = run("compile", str(RULES), "-o", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(1, 3)


def test_compile_to_a_fifo_writes_into_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("compile", str(RULES), "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"{")


def test_compile_to_dev_stdout_appends_to_what_stdout_is(tmp_path):
    log = tmp_path / "log.txt"
    log.write_text("earlier lines\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as sink:
        proc = subprocess.run([sys.executable, "-m", "kpidsl", "compile", str(RULES), "-o", "/dev/stdout"],
                              stdout=sink, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier lines\n{") and text.rstrip().endswith("}")


def test_compile_and_score_to_dash_write_standard_output(tmp_path):
    result = run("compile", str(RULES), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("{")
    assert not (Path.cwd() / "-").exists()
    results = tmp_path / "r.csv"
    results.write_text(f"{HEADER}\ndept_example_2555,somchai,{FIGURES}\n", encoding="utf-8")
    result = run("score", str(RULES), "--results", str(results), "--format", "csv", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("agreement") or "somchai" in result.stdout


def test_fmt_writes_through_a_symlink_to_its_target(tmp_path):
    target = tmp_path / "real.kpi"
    target.write_text(UNTIDY, encoding="utf-8")
    link = tmp_path / "link.kpi"
    link.symlink_to(target)
    result = run("fmt", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == TIDY


def test_fmt_of_a_folder_never_rewrites_a_file_a_link_leads_out_to(tmp_path):
    """`kpidsl fmt rules/` once rewrote a file outside rules/ that a link in it pointed at."""
    outside = tmp_path / "outside.kpi"
    outside.write_text(UNTIDY, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "own.kpi").write_text(UNTIDY, encoding="utf-8")
    (rules / "linked.kpi").symlink_to(outside)
    (rules / "sibling.kpi").symlink_to(rules / "own.kpi")  # a link within the folder is the folder's
    result = run("fmt", str(rules))
    assert result.exit_code == 2, result.output
    assert [line.split()[1] for line in result.output.splitlines() if " O0" in line] == ["O016"]
    assert result.output.startswith(f"{rules / 'linked.kpi'}:1:1: O016")
    assert outside.read_text(encoding="utf-8") == UNTIDY
    assert (rules / "own.kpi").read_text(encoding="utf-8") == TIDY


def test_fmt_keeps_hard_links(tmp_path):
    a = tmp_path / "a.kpi"
    a.write_text(UNTIDY, encoding="utf-8")
    b = tmp_path / "b.kpi"
    os.link(a, b)
    result = run("fmt", str(a))
    assert result.exit_code == 0, result.output
    assert os.path.samefile(a, b) and b.read_text(encoding="utf-8") == TIDY


def test_fmt_refuses_a_read_only_file(tmp_path):
    a = tmp_path / "a.kpi"
    a.write_text(UNTIDY, encoding="utf-8")
    a.chmod(0o444)
    result = run("fmt", str(a))
    assert result.exit_code == 2
    assert "O002" in result.output and "a.kpi" in result.output
    assert a.read_text(encoding="utf-8") == UNTIDY and stat.S_IMODE(a.stat().st_mode) == 0o444
    # The summary counts the file it could not write, rather than saying there was none.
    assert result.output.rstrip().splitlines()[-1] == "1 file could not be read or written"


def test_fmt_keeps_the_mode_of_a_rewritten_file(tmp_path):
    a = tmp_path / "a.kpi"
    a.write_text(UNTIDY, encoding="utf-8")
    a.chmod(0o640)
    assert run("fmt", str(a)).exit_code == 0
    assert stat.S_IMODE(a.stat().st_mode) == 0o640 and a.read_text(encoding="utf-8") == TIDY


UMASK_SCRIPT = """
import os, sys
os.umask(int(sys.argv[1], 8))
from kpidsl.cli import main
out = sys.argv[2]
cmds = [["build", sys.argv[3], "-o", out + "/build"], ["compile", sys.argv[3], "-o", out + "/plan.json"],
        ["render", sys.argv[3], "--form", "calendar", "-o", out + "/render"],
        ["new-year", sys.argv[3], "2556", "-o", out + "/2556"],
        ["score", sys.argv[3], "--results", sys.argv[4], "--format", "csv", "-o", out + "/scores.csv"]]
for cmd in cmds:
    try:
        main(cmd)
    except SystemExit as e:
        assert not e.code, (cmd, e.code)
"""


@pytest.mark.parametrize("umask,file_mode,dir_mode", [("022", 0o644, 0o755), ("077", 0o600, 0o700)])
def test_new_files_take_the_umask(tmp_path, umask, file_mode, dir_mode):
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.run([sys.executable, "-c", UMASK_SCRIPT, umask, str(out), str(RULES),
                           str(ROOT / "examples" / "results_2555.csv")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for dirpath, dirnames, filenames in os.walk(out):
        for name in filenames:
            p = Path(dirpath) / name
            assert stat.S_IMODE(p.stat().st_mode) == file_mode, p
        for name in dirnames:
            p = Path(dirpath) / name
            assert stat.S_IMODE(p.stat().st_mode) == dir_mode, p
    assert (out / "scores.csv").exists() and (out / "build" / "index.html").exists()


def test_no_single_output_overwrites_a_rule_file(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(RULES, rules)
    before = snapshot(rules)
    results = tmp_path / "r.csv"
    results.write_text(f"{HEADER}\ndept_example_2555,somchai,{FIGURES}\n", encoding="utf-8")
    for code, args in (("O012", ["compile", str(rules), "-o", str(rules / "department.kpi")]),
                       ("O012", ["score", str(rules), "--results", str(results), "-o", str(rules / "bands.kpi")]),
                       ("O012", ["diff", str(rules), str(rules), "-o", str(rules / "individual.kpi")]),
                       # not .html or .md: a folder to render into, and that inside the rules
                       ("O004", ["render", str(rules), "--form", "calendar", "-o", str(rules / "calendar.kpi")])):
        result = run(*args)
        assert result.exit_code == 2 and code in result.output, args
    assert snapshot(rules) == before


def test_score_output_keeps_mode_and_hard_links_and_refuses_read_only(tmp_path):
    results = tmp_path / "r.csv"
    results.write_text(f"{HEADER}\ndept_example_2555,somchai,{FIGURES}\n", encoding="utf-8")
    scores = tmp_path / "scores.csv"
    scores.write_text("old", encoding="utf-8")
    scores.chmod(0o640)
    twin = tmp_path / "twin.csv"
    os.link(scores, twin)
    result = run("score", str(RULES), "--results", str(results), "--format", "csv", "-o", str(scores))
    assert result.exit_code == 0, result.output
    assert os.path.samefile(scores, twin) and "somchai" in twin.read_text(encoding="utf-8")
    assert stat.S_IMODE(scores.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    locked = tmp_path / "locked.csv"
    locked.write_text("keep", encoding="utf-8")
    locked.chmod(0o444)
    result = run("score", str(RULES), "--results", str(results), "--format", "csv", "-o", str(locked))
    assert result.exit_code == 2 and "O002" in result.output
    assert locked.read_text(encoding="utf-8") == "keep"


def test_render_to_one_file(tmp_path):
    single = tmp_path / "calendar.html"
    result = run("render", str(RULES), "--form", "calendar", "-o", str(single))
    assert result.exit_code == 0, result.output
    assert single.is_file() and single.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    result = run("render", str(RULES), "--form", "calendar", "--format", "md", "-o", "-")
    assert result.exit_code == 0 and "#" in result.stdout
    many = tmp_path / "all.html"
    result = run("render", str(RULES), "-o", str(many))
    assert result.exit_code == 2 and "O010" in result.output
    assert not many.exists()


def test_render_to_one_file_writes_what_its_name_says(tmp_path):
    # `-o calendar.md` wrote the HTML form into calendar.md, and `--format md -o c.html`
    # Markdown into c.html: a browser or an editor opened the wrong thing.
    md = tmp_path / "calendar.md"
    result = run("render", str(RULES), "--form", "calendar", "-o", str(md))
    assert result.exit_code == 0, result.output
    assert md.read_text(encoding="utf-8").startswith("# ")
    html = tmp_path / "c.html"
    result = run("render", str(RULES), "--form", "calendar", "--format", "md", "-o", str(html))
    assert result.exit_code == 2 and "--format md" in result.output and ".html" in result.output, result.output
    assert not html.exists()
    # the name's suffix is read case aside, as score reads it: C.MD is one Markdown file, not a folder
    upper = tmp_path / "C.MD"
    result = run("render", str(RULES), "--form", "calendar", "-o", str(upper))
    assert result.exit_code == 0, result.output
    assert upper.is_file() and upper.read_text(encoding="utf-8").startswith("# ")


# ---- 14a: permissions ----------------------------------------------------------------------------------

def _as_nobody() -> list[str] | None:
    if os.geteuid() != 0:
        return []  # already unprivileged
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "true"],
                           capture_output=True)
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if probe.returncode == 0 else None


@pytest.fixture
def unprivileged():
    """Run kpidsl as nobody in a world-accessible folder of its own (not under pytest's
    folders, which pytest keeps 0700 and other sessions may tighten at any moment)."""
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("cannot run as an unprivileged user here (no setpriv, or not allowed)")
    base = Path(tempfile.mkdtemp(prefix="kpidsl-unprivileged-"))
    base.chmod(0o777)
    rules = base / "rules"
    shutil.copytree(RULES, rules)
    for p in [rules, *rules.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    locked = base / "locked"
    locked.mkdir()
    locked.chmod(0o555)

    def go(*args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, HOME=str(base), KPIDSL_CACHE_DIR=str(base / "cache"))
        return subprocess.run([*prefix, sys.executable, "-m", "kpidsl", *args, "--lang", "en"],
                              capture_output=True, text=True, env=env, cwd=base)

    yield go, rules, locked, base
    shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("command", [["build", "{rules}", "-o", "{locked}/out"],
                                     ["render", "{rules}", "-o", "{locked}"],
                                     ["compile", "{rules}", "-o", "{locked}/plan.json"],
                                     ["new-year", "{rules}", "2556", "-o", "{locked}/2556"]])
def test_an_unwritable_output_folder_is_a_located_message_and_exit_2(unprivileged, command):
    go, rules, locked, _ = unprivileged
    proc = go(*[c.format(rules=rules, locked=locked) for c in command])
    assert proc.returncode == 2, proc.stderr
    assert "O001" in proc.stderr and str(locked) in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert list(locked.iterdir()) == []


def test_a_folder_in_the_output_that_cannot_be_read_stops_the_build(unprivileged):
    go, rules, _, base = unprivileged
    out = base / "out"
    assert go("build", str(rules), "-o", str(out)).returncode == 0
    private = out / "private"
    private.mkdir()
    (private / "salary.txt").write_text("secret", encoding="utf-8")
    private.chmod(0o700)  # root's: the unprivileged build cannot list it
    proc = go("build", str(rules), "-o", str(out))
    assert proc.returncode == 2 and "O001" in proc.stderr, proc.stderr
    assert (private / "salary.txt").read_text(encoding="utf-8") == "secret"



@pytest.mark.parametrize("form", ["calendar.html", "dept_example_2555/agreement.html"])
def test_render_never_writes_through_a_form_replaced_by_a_link(tmp_path, form):
    """A form of an earlier render replaced by a link out of the folder (to a file the
    person may write): refused (O005) before anything is written, the link's target as it was."""
    out = tmp_path / "forms"
    assert run("render", str(RULES), "-o", str(out)).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("outside", encoding="utf-8")
    (out / form).unlink()
    (out / form).symlink_to(victim)
    before = snapshot(out)
    result = run("render", str(RULES), "-o", str(out))
    assert result.exit_code == 2 and "O005" in result.output and form.rsplit("/")[-1] in result.output
    assert victim.read_text(encoding="utf-8") == "outside" and snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forms", "victim.txt"]  # no hidden file left beside

# ---- the property: build touches nothing outside, deletes nothing it did not write ---------------------

_NAMES = st.sampled_from(["a", "b", "notes.txt", "calendar.html", "dept_example_2555", "index.html", "x.kpi",
                          "framework-department", "plan.json"])
_ENTRY = st.tuples(st.lists(_NAMES, min_size=1, max_size=3), st.sampled_from(["file", "dir", "link-dir",
                                                                               "link-file", "manifest-line"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(_ENTRY, max_size=8), prebuilt=st.booleans())
def test_build_never_touches_outside_nor_deletes_what_it_did_not_write(built, tmp_path_factory, entries, prebuilt):
    base = tmp_path_factory.mktemp("prop")
    outside = base / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("outside", encoding="utf-8")
    (outside / "sub").mkdir()
    (outside / "sub" / "calendar.html").write_text("outside form", encoding="utf-8")
    out = copy_build(built, base / "out") if prebuilt else base / "out"
    out.mkdir(exist_ok=True)
    manifest_extra = []
    for parts, kind in entries:
        p = out.joinpath(*parts)
        if kind == "manifest-line":
            manifest_extra.append("/".join(parts))
            continue
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            if p.exists() or p.is_symlink():
                continue
            if kind == "file":
                p.write_text("person " + "/".join(parts), encoding="utf-8")
            elif kind == "dir":
                p.mkdir()
            elif kind == "link-dir":
                p.symlink_to(outside / "sub", target_is_directory=True)
            else:
                p.symlink_to(outside / "victim.txt")
        except OSError:  # a parent is a file or a link: that entry cannot be made
            continue
    manifest = out / MANIFEST
    old = manifest.read_text(encoding="utf-8") if manifest.exists() else ""
    manifest.write_text(old + "".join(f"{'0' * 64}  {m}\n{m}\n" for m in manifest_extra), encoding="utf-8")
    before_outside = snapshot(outside)
    before = snapshot(out)
    proven = set(files_of(built)) if prebuilt else set()
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code in (0, 2), result.output
    assert "internal error" not in result.output
    assert snapshot(outside) == before_outside
    assert sorted(p.name for p in base.iterdir()) == ["out", "outside"]
    after = snapshot(out)
    if result.exit_code == 2:
        assert after == before
        return
    for rel, entry in before.items():
        if rel in proven or rel == MANIFEST or entry[0] == "dir":
            continue
        assert rel in after, f"{rel} was deleted"
        assert after[rel][:2] == entry[:2], f"{rel} was changed"  # a replaced file had the same bytes


def test_write_trouble_is_told_in_thai_with_a_thai_reason(tmp_path):
    # A path through a file (ENOTDIR) and a folder where the file goes: the Thai message
    # said the system's English words ("Not a directory", "it is a folder").
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    through_file = CliRunner().invoke(main, ["compile", str(RULES), "-o", str(tmp_path / "notes.txt" / "plan.json")])
    assert through_file.exit_code == 2, through_file.output
    assert "O001" in through_file.output and "Not a directory" not in through_file.output
    with pytest.raises(OutputError) as folder:
        from kpidsl.files import write_file
        write_file(tmp_path, "x")
    assert folder.value.diagnostic.code == "O001"
    assert "it is a folder" not in folder.value.diagnostic.message_th
    assert "it is a folder" in folder.value.diagnostic.message_en


@pytest.mark.parametrize("command", ["score", "diff", "render"])
def test_an_output_that_is_the_results_file_read_is_refused(tmp_path, command):
    # `score --results r.csv -o r.csv` replaced the results with the scores, exit 0.
    results = tmp_path / "r.md" if command == "render" else tmp_path / "r.csv"
    text = f"{HEADER}\ndept_example_2555,,{FIGURES}\n"
    results.write_text(text, encoding="utf-8")
    args = {"score": ["score", str(RULES), "--results", str(results), "--format", "csv"],
            "diff": ["diff", str(RULES), str(RULES), "--rescore", str(results)],
            "render": ["render", str(RULES), "--form", "sar", "--agreement", "dept_example_2555",
                       "--results", str(results)]}[command]
    result = run(*args, "-o", str(results))
    assert result.exit_code == 2 and "O017" in result.output, result.output
    assert results.read_text(encoding="utf-8") == text


def test_a_file_in_the_way_is_compared_no_further_than_the_output(tmp_path, monkeypatch):
    # a file of an output's name that no build proved ours may be replaced only by the very same
    # bytes: it is read no further than those bytes, never through a link (output_folder.py)
    import pytest

    from kpidsl import output_folder
    from kpidsl.files import OutputError

    out = tmp_path / "out"
    out.mkdir()
    raw = b"<html>same</html>"
    (out / "same.html").write_bytes(raw)
    (out / "big.html").write_bytes(raw + b"x" * (4 << 20))
    limits = []
    real = output_folder.read_regular
    monkeypatch.setattr(output_folder, "read_regular",
                        lambda path, limit, **kw: limits.append((path.name, limit, kw)) or real(path, limit, **kw))
    output_folder.check_the_way(out, {"same.html": raw}, set())
    with pytest.raises(OutputError) as refused:
        output_folder.check_the_way(out, {"big.html": raw}, set())
    assert refused.value.diagnostic.code == "O006"
    assert limits == [("same.html", len(raw), {"follow_links": False}), ("big.html", len(raw), {"follow_links": False})]


def _killed_holding_the_lock(out: Path) -> None:
    """A run killed outright while it held ``out``'s lock: the kernel let go of the lock, the
    lock file (``.out.kpidsl-lock``, the user's, 0644) stays until the output is written again."""
    killer = ("import os, signal, sys\n"
              "os.umask(0o022)\n"
              "from pathlib import Path\n"
              "from kpidsl.output_folder import OutputLock\n"
              "OutputLock(Path(sys.argv[1])).__enter__()\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", killer, str(out)], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -9, proc.stderr


def test_a_lock_left_by_a_killed_run_stops_no_later_run_and_goes_with_it(tmp_path):
    out = tmp_path / "out"
    _killed_holding_the_lock(out)
    assert [p.name for p in tmp_path.iterdir()] == [".out.kpidsl-lock"]
    result = run("build", str(RULES), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_lock_another_user_left_stops_no_later_run(unprivileged):
    # staff share a drive: a run of one killed holding the lock leaves its file, which another
    # may not open to write; the lock is held by no one, and the build goes ahead (it was O001,
    # `cannot write` named at the folder, which anyone may write)
    go, rules, _, base = unprivileged
    out = base / "out"
    _killed_holding_the_lock(out)
    lock = base / ".out.kpidsl-lock"
    assert lock.stat().st_uid == os.getuid() != 65534 and stat.S_IMODE(lock.stat().st_mode) == 0o644
    proc = go("build", str(rules), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / MANIFEST).is_file() and not lock.exists()  # the folder's to write in: it went with the lock


def test_a_lock_another_user_holds_is_o007_however_its_file_opens(unprivileged):
    go, rules, _, base = unprivileged
    out = base / "out"
    with OutputLock(out):
        os.chmod(base / ".out.kpidsl-lock", 0o644)
        proc = go("build", str(rules), "-o", str(out))
    assert proc.returncode == 2 and "O007" in proc.stderr and "O001" not in proc.stderr, proc.stderr
    assert not out.exists()


def test_a_lock_file_another_user_may_not_even_read_is_o001_at_the_file(unprivileged):
    # left by an older kpidsl under a umask of 077: no lock can be taken on it, nor can it be
    # proved free to remove; said at the file to remove, not at the folder (which is writable)
    go, rules, _, base = unprivileged
    lock = base / ".out.kpidsl-lock"
    lock.touch()
    lock.chmod(0o600)
    proc = go("build", str(rules), "-o", str(base / "out"))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"{lock}:1:1: O001 error: cannot write `{lock}`: Permission denied"), proc.stderr
    assert lock.exists() and not (base / "out").exists()


@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_lock_file_takes_the_umask(tmp_path, umask, mode):
    out = tmp_path / "out"
    old = os.umask(umask)
    try:
        with OutputLock(out):
            made = stat.S_IMODE((tmp_path / ".out.kpidsl-lock").stat().st_mode)
    finally:
        os.umask(old)
    assert made == mode


def _agreement_twice_by_case(tmp_path: Path) -> Path:
    """rules/2555 with somchai_2555_r1 declared again as Somchai_2555_r1: ids kpidsl tells
    apart, names a shared drive (NTFS, SMB, APFS) does not."""
    rules = tmp_path / "2555"
    shutil.copytree(RULES, rules)
    text = (rules / "agreements" / "individual_example.kpi").read_text(encoding="utf-8")
    block = text[text.index("คำรับรอง somchai_2555_r1"):text.index("\n}\n") + 3]
    (rules / "agreements" / "upper.kpi").write_text(block.replace("somchai_2555_r1", "Somchai_2555_r1", 1),
                                                    encoding="utf-8")
    return rules


@pytest.mark.parametrize("command", [["build", "-o", "out"], ["render", "--format", "md", "-o", "out"]])
def test_two_agreements_apart_only_by_letter_case_are_refused_writing_nothing(tmp_path, monkeypatch, command):
    # `Somchai_2555_r1/` and `somchai_2555_r1/` were both written: on a shared drive they are
    # one folder, and one agreement's forms replaced the other's.
    rules = _agreement_twice_by_case(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("check", str(rules)).exit_code == 0  # as rules they are two
    result = run(command[0], str(rules), *command[1:])
    assert result.exit_code == 2, result.output
    assert "O022 error" in result.stderr and "Traceback" not in result.output
    assert "`Somchai_2555_r1/" in result.stderr and "`somchai_2555_r1/" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2555"]  # nothing written, no hidden folder left
