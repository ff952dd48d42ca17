"""An output named by a symbolic link, or reached through a dangling one, is refused (O023,
exit 2): on a shared drive anyone who may write in the folder can plant `scored.csv ->
~boss/.profile`, and the run would overwrite the target. Nothing is written or made at a
link's target, for every command that takes `-o FILE` and for the folder outputs (build,
render, new-year). Standard output, the open-file aliases and hard-linked files work as
before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"
HEADER = ("agreement,person,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score")
CELLS = "82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"
VICTIM = "export PATH=/usr/bin\n"


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A results file in the folder the commands run in, and a victim's folder outside it."""
    here = tmp_path / "here"
    here.mkdir()
    (here / "r.csv").write_text(f"{HEADER}\ndept_example_2555,somchai,{CELLS}\n", encoding="utf-8")
    (tmp_path / "boss").mkdir()
    (tmp_path / "boss" / ".profile").write_text(VICTIM, encoding="utf-8")
    monkeypatch.chdir(here)
    return tmp_path


# Every command that writes one file it is given with -o, the file's name last.
ONE_FILE = {
    "compile": ["compile", str(RULES), "-o"],
    "score-csv": ["score", str(RULES), "--results", "r.csv", "--format", "csv", "-o"],
    "score-json": ["score", str(RULES), "--results", "r.csv", "--format", "json", "-o"],
    "score-xlsx": ["score", str(RULES), "--results", "r.csv", "--format", "xlsx", "-o"],
    "diff": ["diff", str(RULES), str(RULES), "-o"],
    "diff-rescore": ["diff", str(RULES), str(RULES), "--rescore", "r.csv", "-o"],
    "workbook": ["workbook", str(RULES), "--agreement", "dept_example_2555", "-o"],
    "render-one": ["render", str(RULES), "--form", "calendar", "-o"],
}
SUFFIX = {"compile": ".json", "score-csv": ".csv", "score-json": ".json", "score-xlsx": ".xlsx", "diff": ".txt",
          "diff-rescore": ".txt", "workbook": ".xlsx", "render-one": ".html"}


def codes(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if ": O0" in line]


def everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("command", ONE_FILE)
def test_an_output_that_is_a_link_is_refused_and_its_target_kept(work, command):
    name = "out" + SUFFIX[command]
    os.symlink(work / "boss" / ".profile", name)
    result = run(*ONE_FILE[command], name)
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O023"]
    assert result.output.startswith(f"{name}:1:1: O023")
    assert str(work / "boss" / ".profile") in result.output  # the target named, to be named itself if meant
    assert (work / "boss" / ".profile").read_text(encoding="utf-8") == VICTIM
    assert os.readlink(name) == str(work / "boss" / ".profile")
    assert everything(work / "boss") == [".profile"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ONE_FILE)
def test_an_output_that_is_a_dangling_link_makes_nothing_at_its_target(work, command):
    name = "out" + SUFFIX[command]
    os.symlink(work / "boss" / "new" / "deep" / ("x" + SUFFIX[command]), name)
    result = run(*ONE_FILE[command], name)
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O023"]
    assert everything(work / "boss") == [".profile"]


@pytest.mark.parametrize("command", ["compile", "score-csv", "diff", "workbook", "render-one"])
def test_a_dangling_link_among_the_folders_of_an_output_makes_nothing_at_its_target(work, command):
    Path("d").mkdir()
    os.symlink(work / "boss" / "far", "d/lnk")
    result = run(*ONE_FILE[command], "d/lnk/sub/out" + SUFFIX[command])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("d/lnk:1:1: O023"), result.output
    assert everything(work / "boss") == [".profile"]
    assert os.path.islink("d/lnk") and not os.path.exists("d/lnk")


def test_missing_folders_of_an_output_are_still_made(work):
    result = run("compile", str(RULES), "-o", "a/b/plan.json")
    assert result.exit_code == 0, result.output
    assert Path("a/b/plan.json").read_text(encoding="utf-8").startswith("{")


def test_an_output_under_a_linked_folder_is_written_there(work):
    """A link higher up (a home on another disk) is the user's own path: followed, as for folders."""
    os.symlink(work / "boss", "home")
    result = run("compile", str(RULES), "-o", "home/plan.json")
    assert result.exit_code == 0, result.output
    assert (work / "boss" / "plan.json").read_text(encoding="utf-8").startswith("{")


ANOTHER = 4242  # a user who is neither the one running the tests nor root


@pytest.fixture
def plant(monkeypatch):
    """What another user does in a folder they may write in: a link put at a name. As root the
    link is given to another user; else (a link is always its maker's) the user running is
    taken for another, as kpidsl/output_links.py tells one user's link from another's."""
    def planted(target: Path, link: str | Path) -> None:
        os.symlink(target, link)
        if os.geteuid() == 0:
            os.lchown(link, ANOTHER, ANOTHER)
        else:
            from kpidsl import output_links
            monkeypatch.setattr(output_links, "_yours", lambda st: False)
    return planted


@pytest.mark.parametrize("command", ONE_FILE)
def test_an_output_under_a_folder_link_planted_by_another_is_refused(work, plant, command):
    """`shared/out -> ~boss`, put there by someone who may write in `shared`: the file named
    `shared/out/x` is refused (O023 at the link), never written at its target."""
    Path("shared").mkdir()
    plant(work / "boss", "shared/out")
    result = run(*ONE_FILE[command], "shared/out/x" + SUFFIX[command])
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O023"]
    assert result.output.startswith("shared/out:1:1: O023"), result.output
    assert str(work / "boss") in result.output
    assert everything(work / "boss") == [".profile"]
    assert "Traceback" not in result.output


def test_an_output_under_a_link_planted_deeper_on_the_way_is_refused(work, plant):
    """The link in a folder further down (`a/b/c`, `b` the link): its target is never written,
    nor a folder made there."""
    Path("a").mkdir()
    plant(work / "boss", "a/b")
    result = run("compile", str(RULES), "-o", "a/b/c/plan.json")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("a/b:1:1: O023"), result.output
    assert everything(work / "boss") == [".profile"]


def test_an_output_under_a_link_the_user_typed_first_is_written_there(work, plant):
    """The first name typed is the user's choice of where to go, whoever made the link."""
    plant(work / "boss", "theirs")
    result = run("compile", str(RULES), "-o", "theirs/plan.json")
    assert result.exit_code == 0, result.output
    assert (work / "boss" / "plan.json").read_text(encoding="utf-8").startswith("{")


def test_an_output_under_a_link_of_the_user_s_own_deeper_is_written_there(work):
    """A link the user (or the administrator) made is the user's way: `a/home -> disk`."""
    Path("a").mkdir()
    os.symlink(work / "boss", "a/home")
    result = run("compile", str(RULES), "-o", "a/home/plan.json")
    assert result.exit_code == 0, result.output
    assert (work / "boss" / "plan.json").read_text(encoding="utf-8").startswith("{")


def test_a_folder_swapped_for_a_link_while_a_score_is_written_takes_no_row(work, plant, monkeypatch):
    """The folder of `-o out/x/scores.csv` is opened as the writer starts; moved away and
    another's link put at its name while the rows are written: nothing reaches the link's
    target, and the output is not said written where it is not (O026 at the folder)."""
    from kpidsl import files

    Path("out/x").mkdir(parents=True)
    original = files.StreamingWriter.commit
    swapped: list[int] = []

    def commit(self):
        os.rename("out/x", "out/x.moved")
        plant(work / "boss", "out/x")
        swapped.append(1)
        return original(self)

    monkeypatch.setattr(files.StreamingWriter, "commit", commit)
    result = run("score", str(RULES), "--results", "r.csv", "--format", "csv", "-o", "out/x/scores.csv")
    assert swapped
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O026"], result.output
    assert result.output.startswith("out/x:1:1: O026"), result.output
    assert everything(work / "boss") == [".profile"]
    assert everything(Path("out/x.moved")) == []


def test_a_hard_linked_output_is_still_rewritten_in_place(work):
    Path("plan.json").write_text("old\n", encoding="utf-8")
    os.link("plan.json", work / "boss" / "plan.json")
    result = run("compile", str(RULES), "-o", "plan.json")
    assert result.exit_code == 0, result.output
    assert (work / "boss" / "plan.json").read_text(encoding="utf-8").startswith("{")
    assert os.path.samefile("plan.json", work / "boss" / "plan.json")


@pytest.mark.parametrize("alias", ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_standard_output_and_its_aliases_still_work(work, alias):
    """/dev/stdout and the like are links the system keeps: written through, as before."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("got.json", "wb") as got:
        done = subprocess.run([sys.executable, "-m", "kpidsl", "compile", str(RULES), "-o", alias],
                              stdout=got, stderr=subprocess.PIPE, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert Path("got.json").read_text(encoding="utf-8").startswith("{")


# ---- folder outputs ------------------------------------------------------------------------------------

FOLDER = {
    "build": ["build", str(RULES), "-o"],
    "render": ["render", str(RULES), "-o"],
    "render-results": ["render", str(RULES), "--results", "r.csv", "-o"],
    "new-year": ["new-year", str(RULES), "2556", "-o"],
}


@pytest.mark.parametrize("command", FOLDER)
def test_a_dangling_link_on_the_way_to_an_output_folder_makes_nothing_at_its_target(work, command):
    Path("d").mkdir()
    os.symlink(work / "boss" / "far", "d/lnk")
    result = run(*FOLDER[command], "d/lnk/sub/out")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("d/lnk:1:1: O023"), result.output
    assert everything(work / "boss") == [".profile"]


@pytest.mark.parametrize("command", FOLDER)
@pytest.mark.parametrize("dangling", [False, True])
def test_an_output_folder_that_is_a_link_is_refused(work, command, dangling):
    target = work / "boss" / ("gone" if dangling else "empty")
    if not dangling:
        target.mkdir()
    os.symlink(target, "out")
    result = run(*FOLDER[command], "out")
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert everything(work / "boss") == [".profile"] + ([] if dangling else ["empty"])


@pytest.mark.parametrize("command", FOLDER)
def test_a_link_inside_an_output_folder_is_never_written_through(work, command):
    """Each command's first output in a folder replaced by a link out (new-year: the folder
    holds other things, so it writes file by file)."""
    first = run(*FOLDER[command], "probe")
    assert first.exit_code == 0, first.output
    names = [p for p in everything(Path("probe")) if Path("probe", p).is_file() and not p.startswith(".kpidsl")]
    shutil.rmtree("probe")
    Path("out").mkdir()
    if command == "build":
        Path("out", ".kpidsl-build").write_text("", encoding="utf-8")
    if command == "new-year":
        Path("out", "notes.txt").write_text("mine\n", encoding="utf-8")
    os.makedirs(Path("out", names[0]).parent, exist_ok=True)
    os.symlink(work / "boss" / ".profile", Path("out", names[0]))
    result = run(*FOLDER[command], "out", *(["--force"] if command == "new-year" else []))
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O005"]
    assert result.output.startswith(f"out/{names[0]}:1:1: O005"), result.output  # as typed, not the real path
    assert (work / "boss" / ".profile").read_text(encoding="utf-8") == VICTIM
    assert everything(work / "boss") == [".profile"]


@pytest.mark.parametrize("command", FOLDER)
def test_an_output_folder_under_a_linked_folder_is_written_there(work, command):
    os.symlink(work / "boss", "home")
    result = run(*FOLDER[command], "home/out")
    assert result.exit_code == 0, result.output
    assert (work / "boss" / "out").is_dir() and any((work / "boss" / "out").iterdir())


# ---- fmt ---------------------------------------------------------------------------------------------

UNTIDY = 'framework f "x" {\n  fiscal_year   2555 # year\n}\n'
TIDY = 'framework f "x" {\n    fiscal_year 2555  # year\n}\n'


def test_fmt_of_a_named_link_leading_out_of_its_folder_is_refused(work):
    (work / "boss" / "rules.kpi").write_text(UNTIDY, encoding="utf-8")
    os.symlink(work / "boss" / "rules.kpi", "mine.kpi")
    result = run("fmt", "mine.kpi")
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O016"]
    assert (work / "boss" / "rules.kpi").read_text(encoding="utf-8") == UNTIDY


def test_fmt_of_a_named_link_within_its_folder_formats_the_file(work):
    Path("real.kpi").write_text(UNTIDY, encoding="utf-8")
    os.symlink("real.kpi", "link.kpi")
    result = run("fmt", "link.kpi")
    assert result.exit_code == 0, result.output
    assert os.readlink("link.kpi") == "real.kpi" and Path("real.kpi").read_text(encoding="utf-8") == TIDY


@pytest.mark.parametrize("linked", ["file-in-folder", "folder"])
def test_fmt_of_a_folder_formats_through_a_link_within_its_folder_and_keeps_the_link(work, linked):
    """A link met in the folder named, or the folder named itself a link (as of a named link to
    a file, O016): formatted where it leads when that lies in the link's own folder."""
    folder = Path("rules" if linked == "file-in-folder" else "real")
    folder.mkdir()
    (folder / "real.kpi").write_text(UNTIDY, encoding="utf-8")
    link, target = ("rules/link.kpi", "real.kpi") if linked == "file-in-folder" else ("rules", "real")
    os.symlink(target, link)
    result = run("fmt", "rules")
    assert result.exit_code == 0, result.output
    assert os.readlink(link) == target and (folder / "real.kpi").read_text(encoding="utf-8") == TIDY


def test_fmt_of_a_named_folder_link_leading_out_of_its_folder_rewrites_nothing(work):
    """As of a named link to a file (O016): the folder a link names is formatted only when it
    lies in the link's own folder; `rules -> ~boss/rules` is told, file by file, and left."""
    (work / "boss" / "rules").mkdir()
    (work / "boss" / "rules" / "a.kpi").write_text(UNTIDY, encoding="utf-8")
    os.symlink(work / "boss" / "rules", "rules")
    result = run("fmt", "rules")
    assert result.exit_code == 2, result.output
    assert codes(result.output) == ["O016"]
    assert result.output.startswith("rules/a.kpi:1:1: O016"), result.output
    assert (work / "boss" / "rules" / "a.kpi").read_text(encoding="utf-8") == UNTIDY
    checked = run("fmt", "--check", "rules")  # looked at, as a named link to a file is
    assert checked.exit_code == 1, checked.output
