"""The command line speaks the language asked for (`--lang`, else KPIDSL_LANG, else
Thai): help, usage lines, click's own messages and kpidsl's usage errors, from
kpidsl/diagnostics/cli_texts.py; English counts are singular for 1."""

from __future__ import annotations

import ast
import inspect
import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diagnostics.cli_texts import CLICK_TH, HELP_TH, SAID, said

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(main.commands)
ENGLISH_CLICK = ("Usage:", "Options", "Show this message", "Error:", "Try '", "Missing", "No such", "Invalid value")


def run(*args: str, lang: str | None = None):
    env = {"KPIDSL_LANG": lang or ""}
    return CliRunner().invoke(main, list(args), env=env)


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# ---- every command: --help exits 0, a usage error exits 2, in both languages ----------------

@pytest.mark.parametrize("command", COMMANDS)
def test_help_exits_0_in_both_languages(command):
    thai, english = run(command, "--help"), run(command, "--help", lang="en")
    assert (thai.exit_code, english.exit_code) == (0, 0)
    assert thai.output.startswith(f"วิธีใช้: main {command} [ตัวเลือก]") and "\nตัวเลือก:\n" in thai.output
    assert "แสดงข้อความนี้แล้วจบ" in thai.output
    assert not [w for w in ("Usage:", "Options:", "Show this message", "[default:") if w in thai.output]
    assert english.output.startswith(f"Usage: main {command} ") and "Show this message and exit." in english.output


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_an_unknown_option_is_a_usage_error_exit_2(command, lang):
    result = run(command, "--no-such-option", "--lang", lang)
    assert result.exit_code == 2, result.output
    expected = "ไม่มีตัวเลือก '--no-such-option'" if lang == "th" else "No such option '--no-such-option'"
    assert expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_and_option_has_its_thai_help(command):
    cmd = main.commands[command]
    missing = [inspect.cleandoc(cmd.help or "")] if inspect.cleandoc(cmd.help or "") not in HELP_TH else []
    missing += [p.help for p in cmd.params if isinstance(p, click.Option) and p.help not in HELP_TH]
    assert missing == [], f"add the Thai of these to kpidsl/diagnostics/cli_texts.py HELP_TH: {missing}"


def test_every_option_says_what_it_does():
    silent = [f"{name} {p.opts[0]}" for name, cmd in main.commands.items() for p in cmd.params
              if isinstance(p, click.Option) and not p.help]
    assert silent == []


def test_score_format_and_test_exit_codes_are_in_the_help():
    score = run("score", "--help", lang="en").output
    assert "csv: one row per evaluation" in " ".join(score.split())
    assert "Exit status: 0 every example and boundary passes, 1 one fails" in " ".join(
        run("test", "--help", lang="en").output.split())
    assert "รหัสออก: 0 ตัวอย่างและค่าขอบทุกค่าผ่าน" in run("test", "--help").output


def test_the_group_help_lists_each_command_in_thai():
    out = run("--help").output
    assert out.startswith("วิธีใช้: main [ตัวเลือก] คำสั่ง [อาร์กิวเมนต์]...\n")
    assert "คำสั่ง:\n" in out and "  check     ตรวจไฟล์กฎหรือโฟลเดอร์ชุดกฎ และรายงานทุกปัญหาที่พบ\n" in out
    assert "Commands:" in run("--help", lang="en").output


def test_lang_before_the_command_is_every_command_s_default():
    # `kpidsl --lang en check …` was "No such option: --lang" (exit 2): a user writes it as git's
    # global options are written; the command's own --lang still wins
    assert run("--lang", "en", "check", "rules/2555").output.startswith("checked ")
    assert run("--lang=en", "check", "rules/2555").output.startswith("checked ")
    assert run("--lang", "en", "check", "--lang", "th", "rules/2555").output.startswith("ตรวจ ")
    assert run("--lang", "th", "check", "rules/2555", lang="en").output.startswith("ตรวจ ")
    assert "[default: en]" in run("--lang", "en", "score", "--help").output
    english = run("--lang", "en", "check", "no/such/folder")
    assert english.exit_code == 2 and "F001" in english.output and "path not found" in english.output
    bad = run("--lang", "xx", "check", "rules/2555")
    assert bad.exit_code == 2 and "'xx'" in bad.output
    assert "--lang" in run("--help").output and "--lang" in run("--help", lang="en").output


# ---- click's own messages and kpidsl's usage errors ------------------------------------------

@pytest.mark.parametrize("args, thai, english", [
    (["check"], "ข้อผิดพลาด: ไม่ได้ระบุอาร์กิวเมนต์ 'PATHS...'.", "Error: Missing argument 'PATHS...'."),
    (["check", "r", "--format", "xml"],
     "ข้อผิดพลาด: ค่าของ '--format' ไม่ถูกต้อง: 'xml' ไม่ใช่ค่าใดใน 'text', 'json', 'github', 'sarif'",
     "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github', 'sarif'."),
    (["chekc", "r"], "ข้อผิดพลาด: ไม่มีคำสั่ง 'chekc' หมายถึง 'check' หรือไม่",
     "Error: No such command 'chekc'. Did you mean 'check'?"),
    (["mutate", "rules/2555", "--jobs", "0"], "ข้อผิดพลาด: ค่าของ '--jobs' ไม่ถูกต้อง: 0 ไม่อยู่ในช่วง 1<=x<=64",
     "Error: Invalid value for '--jobs': 0 is not in the range 1<=x<=64."),
    (["render", "rules/2555", "--form", "agrement"],
     "ข้อผิดพลาด: ค่าของ --form ไม่ถูกต้อง: ไม่มีแบบฟอร์ม `agrement` หมายถึง `agreement` หรือไม่ (แบบฟอร์มที่มี: "
     "overview, agreement, kpi-sheet, indicator-template, calendar, sar, individual, score-report)",
     "Error: Invalid value for --form: no form `agrement`; did you mean `agreement`? (forms: overview, agreement, "
     "kpi-sheet, indicator-template, calendar, sar, individual, score-report)"),
    (["score", "rules/2555", "--results", "examples/results_2555.csv", "--agreement", "nobody"],
     "ข้อผิดพลาด: ค่าของ --agreement ไม่ถูกต้อง: ไม่มีคำรับรอง `nobody` ใน rules/2555 (คำรับรองที่มี: dept_example_2555, "
     "dept_no_policy_2555, somchai_2555_r1)",
     "Error: Invalid value for --agreement: no agreement `nobody` in rules/2555 (agreements: dept_example_2555, "
     "dept_no_policy_2555, somchai_2555_r1)"),
    (["sql", "rules/2555", "--agreement", "nobody"],
     "ข้อผิดพลาด: ค่าของ --agreement ไม่ถูกต้อง: ไม่มีคำรับรอง `nobody` ใน rules/2555 (คำรับรองที่มี: dept_example_2555, "
     "dept_no_policy_2555, somchai_2555_r1)",
     "Error: Invalid value for --agreement: no agreement `nobody` in rules/2555 (agreements: dept_example_2555, "
     "dept_no_policy_2555, somchai_2555_r1)"),
    (["compile", "rules"], "ข้อผิดพลาด: rules มีชุดกฎ 2 ชุด (rules/2554, rules/2555) ระบุชุดใดชุดหนึ่ง",
     "Error: rules holds 2 rule sets (rules/2554, rules/2555); name one of them"),
    # issue 16's example: click's "Error:" around new-year's own refusal
    (["new-year", "rules/2555", "2013", "-o", "out"],
     "ข้อผิดพลาด: '2013' ไม่ใช่ปีงบประมาณแบบ พ.ศ. เช่น 2556 (หมายถึง พ.ศ. 2556 หรือไม่)",
     "Error: '2013' is not a Buddhist-era fiscal year like 2556 (2556 BE?)"),
])
def test_usage_errors_in_both_languages_exit_2(args, thai, english, monkeypatch):
    monkeypatch.chdir(ROOT)
    th, en = run(*args), run(*args, "--lang", "en")
    assert (th.exit_code, en.exit_code) == (2, 2)
    assert th.output.splitlines()[-1] == thai and th.output.startswith("วิธีใช้: main ")
    assert not [w for w in ENGLISH_CLICK if w in th.output]
    assert en.output.splitlines()[-1] == english and en.output.startswith("Usage: main ")


def test_kpidsl_lang_sets_the_language_and_lang_overrides_it():
    assert run("check", "--help", lang="en").output.startswith("Usage:")
    assert run("check", "--help", "--lang", "th", lang="en").output.startswith("วิธีใช้:")
    assert run("check", "--help", lang="xx").output.startswith("วิธีใช้:")  # unknown: Thai, as messages


def test_a_run_leaves_click_in_english_for_the_next():
    run("check", "--help")
    assert click.UsageError("x").format_message() == "x"
    with pytest.raises(click.BadParameter, match="is not one of"):
        click.Choice(["a", "c"]).convert("b", None, None)


# ---- the catalogue itself ----------------------------------------------------------------------

def _click_message_ids() -> set[str]:
    ids: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                ids.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return ids | {"required"}  # core.py words it through a variable: _(extra["required"])


def test_every_click_message_translated_is_one_of_clicks():
    assert sorted(set(CLICK_TH) - _click_message_ids()) == []


def test_the_messages_a_user_meets_are_all_translated():
    users = {"Usage:", "Options", "Commands", "Error: {message}", "Try '{command} {option}' for help.",
             "Missing argument", "No such option {name!r}.", "No such command {name!r}.",
             "Invalid value for {param_hint}: {message}", "{value!r} is not one of {choices}.",
             "{value} is not in the range {range}.", "Got unexpected extra arguments ({args})",
             "Option {name!r} requires an argument.", "{name} {filename!r} does not exist.",
             "Show this message and exit.", "Show the version and exit.", "default: {default}"}
    assert users <= set(CLICK_TH)


@pytest.mark.parametrize("english, thai", [*CLICK_TH.items(), *HELP_TH.items()])
def test_a_translation_keeps_every_placeholder(english, thai):
    assert fields(thai) == fields(english)
    assert re.findall(r"%\(\w+\)s", thai) == re.findall(r"%\(\w+\)s", english)


@pytest.mark.parametrize("key", sorted(SAID))
def test_said_sentences_have_the_same_fields_in_every_form(key):
    one, many, thai = SAID[key]
    assert fields(one) == fields(many)
    assert fields(thai) - {"n"} <= fields(one) and fields(one) - {"n", "whats"} <= fields(thai) | {"n"}


# ---- English plurals ---------------------------------------------------------------------------

@pytest.mark.parametrize("key, n, expected", [
    ("wrote-files", 1, "wrote 1 file to out"), ("wrote-files", 2, "wrote 2 files to out"),
    ("wrote-files", 0, "wrote 0 files to out"), ("figures", 1, "1 figure"), ("figures", 11, "11 figures"),
    ("dates-moved", 1, "1 date moved"), ("review-lines", 1, "1 review line"), ("jobs", 1, "1 job"),
])
def test_english_counts_are_singular_for_one(key, n, expected):
    assert said(key, "en", n, folder="out") == expected


def test_a_single_form_rendered_says_file(tmp_path):
    result = run("render", str(ROOT / "rules" / "2554"), "--agreement", "rayong_agri_2554", "--form", "agreement",
                 "--format", "md", "-o", str(tmp_path / "forms"), "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"wrote 1 file to {tmp_path / 'forms'}"


def test_an_example_with_one_figure_says_figure(monkeypatch):
    monkeypatch.chdir(ROOT)
    en, th = run("test", "rules/2554", "--lang", "en").output, run("test", "rules/2554").output
    line = "PASS it_outages_beyond_level_1  (1 figure)  rules/2554/agreements/cascades_2553.kpi:159"
    assert line in en.splitlines() and "PASS janya_summary  (11 figures)" in en
    assert "PASS it_outages_beyond_level_1  (ตัวเลข 1 ค่า)" in th


# ---- status lines (issue K item 4): every one has its Thai, chosen like the rest -------------------

THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


@pytest.mark.parametrize("key", sorted(SAID))
def test_every_sentence_the_commands_build_has_thai(key):
    one, many, thai = SAID[key]
    assert THAI_LETTER.search(thai), (key, thai)
    assert fields(thai) <= fields(one) | fields(many), key


def _status(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.mark.parametrize("lang", ["th", "en"])
def test_status_lines_follow_the_language(tmp_path, monkeypatch, lang):
    monkeypatch.chdir(tmp_path)
    rules = str(ROOT / "rules" / "2555")
    (tmp_path / "out").mkdir()  # an empty folder is built into
    runs = {
        "compile": _status(run("compile", rules, "-o", "plan.json", "--lang", lang)),
        "render": _status(run("render", rules, "--form", "calendar", "-o", "calendar.html", "--lang", lang)),
        "forms": _status(run("render", rules, "--form", "calendar", "--format", "md", "-o", "forms",
                             "--lang", lang)).splitlines()[-1],
        "build": _status(run("build", rules, "-o", "out", "--lang", lang)).splitlines()[-1],
        "new-year": _status(run("new-year", rules, "2556", "-o", "2556", "--lang", lang)),
        "version": run("--version", lang=lang).output,
    }
    if lang == "en":
        assert runs["compile"] == "wrote plan.json\n"
        assert runs["render"] == "wrote calendar.html\n"
        assert runs["forms"] == "wrote 1 file to forms"
        assert runs["build"] == "wrote 42 files to out; open out/index.html"
        assert runs["new-year"].splitlines() == [
            "wrote 7 files to 2556: fiscal year 2555 → 2556, 43 dates moved, 105 review lines (5 band, 2 baseline, "
            "2 due, 16 example, 4 id, 11 ladder, 5 salary, 11 text, 49 weight)",
            "4 ids changed with their year (od_2555 → od_2556, dept_example_2555 → dept_example_2556, "
            "dept_no_policy_2555 → dept_no_policy_2556, somchai_2555_r1 → somchai_2556_r1): results files and "
            "workbooks that name them by their old ids need the new ones",
            "next: kpidsl check 2556 lists each review line (Y001); delete each once confirmed"]
        assert runs["version"].startswith("kpidsl, version ")
    else:
        assert runs["compile"] == "เขียน plan.json แล้ว\n"
        assert runs["render"] == "เขียน calendar.html แล้ว\n"
        assert runs["forms"] == "เขียน 1 ไฟล์ลงใน forms"
        assert runs["build"] == "เขียน 42 ไฟล์ลงใน out; เปิดดูที่ out/index.html"
        assert runs["new-year"].splitlines()[0].startswith("เขียน 7 ไฟล์ลงใน 2556: ปีงบประมาณ 2555 → 2556, ")
        # the kinds of review line, in Thai too (they read `5 band, 2 baseline …` in a Thai sentence)
        assert runs["new-year"].splitlines()[0].endswith(
            "บรรทัดทบทวน 105 บรรทัด (ระดับผล 5, ข้อมูลพื้นฐาน 2, กำหนดส่ง 2, ตัวอย่าง 16, รหัส 4, เกณฑ์ 11, "
            "เงินเดือน 5, ข้อความ 11, น้ำหนัก 49)")
        assert runs["new-year"].splitlines()[1].startswith("รหัส 4 รายการเปลี่ยนตามปี (od_2555 → od_2556, ")
        assert runs["new-year"].splitlines()[2].startswith("ต่อไป: kpidsl check 2556 ")
        assert runs["version"].startswith("kpidsl รุ่น ")
        english = re.compile(r"\b(wrote|open|removed|next|fiscal year|version|scored)\b")
        assert not [line for line in runs.values() if english.search(line)], runs


def test_removed_files_counts_in_both_languages():
    assert said("removed-files", "en", 1) == "removed 1 file an earlier build wrote"
    assert said("removed-files", "en", 3) == "removed 3 files an earlier build wrote"
    assert said("removed-files", "th", 3) == "ลบ 3 ไฟล์ที่การสร้างครั้งก่อนเขียนไว้"
    assert said("wrote-scored", "th", 2, path="s.csv") == "เขียน s.csv แล้ว (คิดคะแนน 2 รายการ)"
    assert said("wrote-sheets", "en", 2, path="j.xlsx", names="janya_2554_r1, คำอธิบาย") == \
        "wrote j.xlsx (sheets: janya_2554_r1, คำอธิบาย)"


def test_nothing_to_render_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = ("render", "rules/2555", "--agreement", "dept_example_2555", "--form", "calendar",
            "-o", str(tmp_path / "forms"))
    th, en = run(*args), run(*args, "--lang", "en")
    assert (th.exit_code, en.exit_code) == (2, 2)
    rules = "rules/2555"
    assert en.stderr == f"kpidsl: nothing to render: {rules} has no form `calendar` for agreement `dept_example_2555`\n"
    assert th.stderr == (f"kpidsl: ไม่มีอะไรให้สร้าง: {rules} ไม่มีแบบฟอร์ม `calendar` "
                         "สำหรับคำรับรอง `dept_example_2555`\n")
    assert not (tmp_path / "forms").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_langs_default_reads_as_the_other_defaults(command):
    # `[default: th]` as `[default: 1]` reads, not `(th)`; the default KPIDSL_LANG sets is the one shown.
    thai, english = run(command, "--help"), run(command, "--help", lang="en")
    flat = lambda text: " ".join(text.split())
    if "--lang" not in english.output:
        pytest.skip(f"`{command}` has no --lang")
    assert "(th)" not in thai.output + english.output
    assert re.search(r"--lang \[th\|en\] .*?\[ค่าเริ่มต้น: th\]", flat(thai.output))
    assert re.search(r"--lang \[th\|en\] .*?\[default: en\]", flat(english.output))
