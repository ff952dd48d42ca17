"""`kpidsl check` end to end: exit codes, bad input without tracebacks (in
process and as the installed command), the internal-error guard, and
snapshots of the text and json reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
from click.testing import CliRunner

from kpidsl.cli import main

DATA = Path(__file__).parent / "data"

WEIGHTS = 'framework f "x" {\n  fiscal_year 2555\n  dimension a "ก" weight 60\n  dimension b "ข" weight 30\n}\n'
CLEAN = WEIGHTS.replace("weight 30", "weight 40")
UNKNOWN_KEY = """framework f "กรอบ" {
    fiscal_year 2555
    dimension a "มิติ" weight 100 {
        kpi 1 "ตัวชี้วัด" weight 100 {
            ladder 1 2 3 4 5
            unti "ร้อยละ"
        }
    }
}
"""
# Ends mid-statement, without a final newline: the error sits just after the last character.
EARLY_END = 'framework f "กรอบ" {\n    fiscal_year 2555\n}\nframework g "กรอบ ๒" weight 5 -'
BAND_OVERLAP = """bands b "ระดับ" {
    range 0 100
    band top "ดีเด่น" >= 90 <= 100
    band mid "ดี" >= 60 <= 90
    band low "ต้องปรับปรุง" >= 0 < 60
}
"""
WARNING_ONLY = """framework f "กรอบ" {
    fiscal_year 2555
    dimension a "มิติ" weight 100 {
        kpi 1 "ตัวชี้วัด" weight 100 {
            unit "ร้อยละ"
            target 80
            ladder 65 70 75 80 85
        }
    }
}
"""


def write(folder: Path, text: str | bytes, name: str = "a.kpi") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["check", *args], env=env)


def kpidsl_command() -> list[str]:
    """The kpidsl script of the interpreter running the tests (the venv's)."""
    script = Path(sys.executable).with_name("kpidsl.exe" if os.name == "nt" else "kpidsl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kpidsl"]


def run_kpidsl(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*kpidsl_command(), *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **(env or {})}, timeout=120)


# ---- exit codes ----------------------------------------------------------------------------------


def test_exit_0_when_clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    result = invoke("r", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output == "checked 1 file: 0 errors, 0 warnings\n"


def test_exit_0_with_warnings_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), WARNING_ONLY)
    result = invoke("r", "--lang", "en", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"] == {"files": 1, "errors": 0, "warnings": 1}


def test_exit_1_on_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), WEIGHTS)
    result = invoke("r")
    assert result.exit_code == 1
    assert "W001" in result.output


@pytest.mark.parametrize("args", [
    ["missing"],
    ["empty_folder"],
    ["only_text"],
    ["r", "missing"],  # I/O trouble wins over errors found elsewhere
])
def test_exit_2_on_io_trouble(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), WEIGHTS)
    Path("empty_folder").mkdir()
    write(Path("only_text"), "notes", "readme.txt")
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["check"],  # no path
    ["check", "r", "--format", "xml"],
    ["check", "r", "--lang", "fr"],
    ["check", "r", "--bogus"],
    ["chekc", "r"],
])
def test_exit_2_on_usage_errors(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    result = CliRunner().invoke(main, args, env={"KPIDSL_LANG": "en"})
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output and "Traceback" not in result.output


def test_usage_error_exit_code_of_the_real_command(tmp_path):
    proc = run_kpidsl("check", "--format", "xml", "x", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Invalid value for '--format'" in proc.stderr


def test_language_default_from_environment(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), WEIGHTS)
    assert "weights under" in invoke("r", env={"KPIDSL_LANG": "en"}).output
    assert "น้ำหนักภายใต้" in invoke("r", env={"KPIDSL_LANG": "xx"}).output  # unknown: Thai


@pytest.mark.parametrize("value, english", [("EN", True), ("en_US.UTF-8", True), (" en ", True), ("En-GB", True),
                                            ("th_TH.UTF-8", False), ("TH", False), ("english", False), ("", False)])
def test_language_from_environment_in_any_case_or_as_a_locale(tmp_path, monkeypatch, value, english):
    # KPIDSL_LANG=EN or en_US.UTF-8 gave Thai without a word; the language server read it apart
    monkeypatch.chdir(tmp_path)
    write(Path("r"), WEIGHTS)
    assert ("weights under" in invoke("r", env={"KPIDSL_LANG": value}).output) is english
    pytest.importorskip("pygls", reason="the extra `lsp`")
    from kpidsl.lsp.server import KpiServer

    monkeypatch.setenv("KPIDSL_LANG", value)
    assert KpiServer().lang == ("en" if english else "th")


# ---- bad input: one clear diagnostic, never a traceback ------------------------------------------------


@dataclass(frozen=True)
class BadInput:
    name: str
    make: Callable[[Path], str]  # builds the input under the folder given, returns the path to check
    code: str
    exit_code: int


def _cp874(d: Path) -> str:
    write(d / "old", 'framework f "กรอบการประเมิน" {\n    fiscal_year 2555\n}\n'.encode("cp874"))
    return "old"


def _utf16(encoding: str) -> Callable[[Path], str]:
    def make(d: Path) -> str:
        write(d / "u16", CLEAN.replace('"x"', '"กรอบ"').encode(encoding))
        return "u16"
    return make


def _binary(d: Path) -> str:
    write(d / "img", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8)
    return "img/a.kpi"


def _empty_folder(d: Path) -> str:
    (d / "nothing").mkdir()
    return "nothing"


def _no_rule_files(d: Path) -> str:
    write(d / "docs", "# notes\n", "README.md")
    return "docs"


def _huge(d: Path) -> str:
    write(d / "big", b"# " + b"x" * 98 + b"\n" * 1)
    with open(d / "big" / "a.kpi", "ab") as f:
        f.write((b"# " + b"x" * 98 + b"\n") * 100_000)  # 10 MB
    return "big"


def _folder_named_like_a_file(d: Path) -> str:
    (d / "foo.kpi").mkdir()
    return "foo.kpi"


def _symlink_loop(d: Path) -> str:
    (d / "loop").mkdir()
    os.symlink("a.kpi", d / "loop" / "a.kpi")
    return "loop"


def _symlink_loop_named(d: Path) -> str:
    return _symlink_loop(d) + "/a.kpi"


BAD_INPUTS = [
    BadInput("cp874", _cp874, "F003", 1),
    BadInput("utf16-bom", _utf16("utf-16"), "F004", 1),
    BadInput("utf16-le-no-bom", _utf16("utf-16-le"), "F004", 1),
    BadInput("utf16-be-no-bom", _utf16("utf-16-be"), "F004", 1),
    BadInput("binary", _binary, "F005", 1),
    BadInput("empty-folder", _empty_folder, "F002", 2),
    BadInput("missing", lambda d: "no/such/path", "F001", 2),
    BadInput("no-rule-files", _no_rule_files, "F002", 2),
    BadInput("10MB", _huge, "F007", 1),
    BadInput("folder-named-a.kpi", _folder_named_like_a_file, "F002", 2),
    BadInput("symlink-loop-in-folder", _symlink_loop, "F009", 2),
    BadInput("symlink-loop-named", _symlink_loop_named, "F009", 2),
]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.name)
def test_bad_input_in_process(tmp_path, monkeypatch, case):
    if "symlink" in case.name and not hasattr(os, "symlink"):
        pytest.skip("no symbolic links here")
    monkeypatch.chdir(tmp_path)
    target = case.make(tmp_path)
    for fmt in ("text", "json", "github", "sarif"):
        result = invoke(target, "--format", fmt, "--lang", "en")
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.output
        assert result.exit_code == case.exit_code, (fmt, result.output)
    doc = json.loads(invoke(target, "--format", "json").output)
    assert [d["code"] for d in doc["diagnostics"]] == [case.code]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=lambda c: c.name)
def test_bad_input_as_a_command(tmp_path, case):
    if "symlink" in case.name and not hasattr(os, "symlink"):
        pytest.skip("no symbolic links here")
    target = case.make(tmp_path)
    proc = run_kpidsl("check", target, "--lang", "en", cwd=tmp_path)
    assert proc.returncode == case.exit_code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.count(f"{case.code} error") == 1
    assert str(tmp_path) not in proc.stdout


def test_cp874_message_says_what_and_how(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = _cp874(tmp_path)
    en = invoke(target, "--lang", "en").output
    assert "TIS-620 / cp874" in en and "iconv -f CP874 -t UTF-8 a.kpi > a.kpi.utf8" in en
    th = invoke(target, "--lang", "th").output
    assert "TIS-620 / cp874" in th and "iconv" in th


def test_empty_file_warns_without_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("blank"), "")
    result = invoke("blank", "--format", "json")
    assert "Traceback" not in result.output
    doc = json.loads(result.output)
    f006 = [d for d in doc["diagnostics"] if d["code"] == "F006"]
    assert len(f006) == 1 and f006[0]["severity"] == "warning"


def test_empty_file_is_only_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("blank"), "")
    result = invoke("blank", "--format", "json")
    assert [d["code"] for d in json.loads(result.output)["diagnostics"]] == ["F006"]
    assert result.exit_code == 0


def test_empty_file_next_to_rules_is_only_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    write(Path("r"), "", "empty.kpi")
    result = invoke("r", "--format", "json")
    assert [d["code"] for d in json.loads(result.output)["diagnostics"]] == ["F006"]
    assert result.exit_code == 0


def test_folder_named_like_a_file_inside_a_rule_set_is_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    Path("r/foo.kpi").mkdir()
    result = invoke("r")
    assert result.exit_code == 0, result.output


def test_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = write(Path("r"), CLEAN)
    path.chmod(0)
    try:
        try:
            path.open("rb").close()
            pytest.skip("running with a privilege that reads a chmod 000 file (root)")
        except PermissionError:
            pass
        result = invoke("r", "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "F009" in result.output and "Permission denied" in result.output
        proc = run_kpidsl("check", "r", cwd=tmp_path)
        assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr
    finally:
        path.chmod(0o644)


def test_bom_and_crlf_give_the_same_diagnostics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = UNKNOWN_KEY.replace("weight 100 {\n        kpi", "weight 90 {\n        kpi") + BAND_OVERLAP
    variants = {
        "plain": text.encode(),
        "bom": b"\xef\xbb\xbf" + text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "bom_crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
    }
    reports = {}
    for name, data in variants.items():
        write(Path(name), data)
        doc = json.loads(invoke(name, "--format", "json").output)
        reports[name] = [{**d, "path": d["path"].split("/", 1)[1]} for d in doc["diagnostics"]]
    assert len(reports["plain"]) >= 3
    assert all(r == reports["plain"] for r in reports.values())
    shown = invoke("bom_crlf", "--lang", "en").output
    assert "\r" not in shown and "\ufeff" not in shown


# ---- the internal-error guard ---------------------------------------------------------------------


def _explode(paths):
    raise ZeroDivisionError("boom\nsecond line")


def test_internal_error_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    monkeypatch.setattr("kpidsl.check.check_paths", _explode)
    monkeypatch.delenv("KPIDSL_DEBUG", raising=False)
    result = invoke("r", "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines() == [result.output.strip()]
    assert result.output.startswith("kpidsl: internal error: ZeroDivisionError: boom second line")
    assert "report" in result.output and "KPIDSL_DEBUG=1" in result.output
    assert "Traceback" not in result.output
    thai = invoke("r")
    assert thai.exit_code == 2 and thai.output.splitlines() == [thai.output.strip()]
    assert thai.output.startswith("kpidsl: ข้อผิดพลาดภายใน: ZeroDivisionError: boom second line")
    assert "KPIDSL_DEBUG=1" in thai.output and "Traceback" not in thai.output
    # a --lang before the command speaks for it here too (the group's own words)
    before = CliRunner().invoke(main, ["--lang", "en", "check", "r"])
    assert before.exit_code == 2 and before.output.startswith("kpidsl: internal error: ZeroDivisionError")


def test_internal_error_with_debug_lets_the_exception_through(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("r"), CLEAN)
    monkeypatch.setattr("kpidsl.check.check_paths", _explode)
    result = invoke("r", env={"KPIDSL_DEBUG": "1"})
    assert isinstance(result.exception, ZeroDivisionError)


EXPLODING = """
import sys
import kpidsl.check
def explode(paths):
    raise RuntimeError("kaput")
kpidsl.check.check_paths = explode
from kpidsl.cli import main
sys.argv = ["kpidsl", "check", "."]
main()
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_internal_error_in_a_real_process(tmp_path, debug):
    proc = subprocess.run([sys.executable, "-c", EXPLODING], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "KPIDSL_DEBUG": debug, "KPIDSL_LANG": "en"}, timeout=120)
    if debug:
        assert "Traceback" in proc.stderr and "RuntimeError: kaput" in proc.stderr
        assert proc.returncode == 1
    else:
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.startswith("kpidsl: internal error: RuntimeError: kaput")
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_output_is_utf8_whatever_the_locale(tmp_path):
    write(tmp_path / "r", WEIGHTS)
    proc = subprocess.run([*kpidsl_command(), "check", "r"], cwd=tmp_path, capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "น้ำหนักภายใต้" in proc.stdout.decode("utf-8")


# ---- every format through the command ------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_from_the_command_is_valid(tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    for name, text in [("weights", WEIGHTS), ("unknown", UNKNOWN_KEY), ("bands", BAND_OVERLAP), ("eof", EARLY_END)]:
        write(Path("rules") / name, text)
    _cp874(Path("rules"))
    for lang in ("en", "th"):
        result = invoke("rules", "missing", "--format", "sarif", "--lang", lang)
        assert result.exit_code == 2
        doc = json.loads(result.output)
        assert not list(sarif_validator.iter_errors(doc))
        assert {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"W001", "K001", "B002", "S003", "F003", "F001"}


def test_github_format_from_the_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(Path("a,b:c"), WEIGHTS)
    result = invoke("a,b:c", "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    assert result.output.startswith("::error file=a%2Cb%3Ac/a.kpi,line=1,col=11,endLine=1,endColumn=12,title=W001::")


# ---- snapshots -----------------------------------------------------------------------------------

SNAPSHOT_CASES = {"weights": WEIGHTS, "unknown_key": UNKNOWN_KEY, "early_end": EARLY_END, "band_overlap": BAND_OVERLAP}


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("case", list(SNAPSHOT_CASES))
def test_report_snapshot(tmp_path, monkeypatch, snapshot, case, fmt, lang):
    monkeypatch.chdir(tmp_path)
    write(Path(case), SNAPSHOT_CASES[case])
    result = invoke(case, "--format", fmt, "--lang", lang)
    assert result.exit_code == 1
    assert str(tmp_path) not in result.output
    assert result.output == snapshot


RULES_2555 = Path(__file__).resolve().parent.parent / "rules" / "2555"
RESULTS_2555 = Path(__file__).resolve().parent.parent / "examples" / "results_2555.csv"


@pytest.mark.parametrize("args", [
    ["check", ""],
    ["compile", ""],
    ["fmt", "--check", ""],
    ["score", str(RULES_2555), "--results", ""],
    ["compile", str(RULES_2555), "-o", ""],
    ["diff", str(RULES_2555), ""],
])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(args, tmp_path, monkeypatch):
    # `kpidsl check "$RULES"` with RULES unset: Path("") is ".", which checked (or scored,
    # or wrote over) whatever the current folder held.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.kpi").write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--lang", "en"] if args[0] != "fmt" else [*args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "''" in result.output or "empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.kpi"]


def test_a_path_usage_error_in_thai_names_the_file_in_thai(tmp_path):
    # click words "File" when the option is made, before the run's language is known.
    result = CliRunner().invoke(main, ["compile", str(RULES_2555), "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "File" not in result.output and "ไฟล์" in result.output


@pytest.mark.parametrize("args", [
    ["compile", str(RULES_2555), "-o", "plan.json/"],
    ["score", str(RULES_2555), "--results", str(RESULTS_2555), "--format", "csv", "-o", "scores.csv/"],
    ["diff", str(RULES_2555), str(RULES_2555), "-o", "diff.txt/"],
])
def test_a_file_written_named_with_a_trailing_slash_is_a_usage_error(args, tmp_path, monkeypatch):
    # click's Path dropped the slash: `-o scores.csv/` wrote a file where a folder was meant
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "ends in /" in result.output and "Traceback" not in result.output
    assert f"name the file ({args[-1].rstrip('/')})" in result.output  # the command's own file, not score's
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["build", str(RULES_2555), "-o", "-"], ["new-year", str(RULES_2555), "2556", "-o", "-"]])
def test_an_output_folder_named_dash_is_a_usage_error(args, tmp_path, monkeypatch):
    # `-o -` is standard output for every file kpidsl writes; build and new-year made a
    # folder called `-` in the current folder.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "standard output" in result.output
    assert list(tmp_path.iterdir()) == []
