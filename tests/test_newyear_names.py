"""`kpidsl new-year`: the names that carry a year — files, folders and examples' titles.

A file or folder of the rule set whose name carries a fiscal year the run moves is written
under the moved name, by the rule the ids follow (kpidsl/newyear.py ``with_years_moved``);
two files to one name is O021 and nothing is written. An example's title is a test's
name, not seed text: the fiscal year it names moves, without a review line of its own
(the example's expected figures have theirs); texts quoted from the seeds keep theirs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.newyear import NameClash, scaffold

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, [*args, "--lang", lang])


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# rules/2554 declares fiscal years 2553 (work_group_2553.kpi: seed 004's frameworks) and 2554.
_MOVED_2554 = [("agreements/cascades_2553.kpi", "agreements/cascades_2554.kpi"),
               ("agreements/singburi_2553.kpi", "agreements/singburi_2554.kpi"),
               ("agreements/trang_2553.kpi", "agreements/trang_2554.kpi"),
               ("work_group_2553.kpi", "work_group_2554.kpi")]


@pytest.fixture(scope="module")
def out_2555(tmp_path_factory):
    out = tmp_path_factory.mktemp("ny") / "2555"
    result = run("new-year", str(REPO / "rules/2554"), "2555", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def test_2554_to_2555_writes_each_file_named_with_a_moved_year_under_the_moved_name(out_2555):
    out, report = out_2555
    old = _files(REPO / "rules/2554")
    moved = dict(_MOVED_2554)
    assert _files(out) == sorted(moved.get(p, p) for p in old)
    assert len(old) == 18 and not [p for p in _files(out) if "2553" in p]
    # each file's text is the scaffold of the file it came from
    assert "กรอบ work_group_2554 " in (out / "work_group_2554.kpi").read_text(encoding="utf-8")
    # said in the summary, old → new, in the order of the paths
    names = ", ".join(f"{a} → {b}" for a, b in _MOVED_2554)
    assert f"4 files renamed with their year ({names})\n" in report


def test_the_renamed_files_are_said_in_thai_too(tmp_path):
    result = run("new-year", str(REPO / "rules/2554"), "2555", "-o", str(tmp_path / "o"), lang="th")
    assert result.exit_code == 0, result.output
    assert "ไฟล์ 4 ไฟล์เปลี่ยนชื่อตามปี (agreements/cascades_2553.kpi → agreements/cascades_2554.kpi, " in result.output


def test_2555_to_2556_keeps_every_name_its_files_carry_no_year(tmp_path):
    out = tmp_path / "2556"
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert _files(out) == _files(REPO / "rules/2555")
    assert "renamed with their year" not in result.output and "renamed with its year" not in result.output


def test_diff_pairs_every_framework_agreement_and_calendar_across_the_renamed_files(out_2555):
    # diff pairs by ids (kpidsl/diff/match.py), never by file: a renamed file loses nothing
    out, _ = out_2555
    shown = run("diff", str(REPO / "rules/2554"), str(out), "--format", "json")
    assert shown.exit_code == 0, shown.output
    kinds = {c["kind"] for c in json.loads(shown.stdout)["changes"]}
    assert not [k for k in kinds if k.endswith(("-added", "-removed"))], kinds
    assert {"framework-renamed", "agreement-renamed"} <= kinds


def test_the_scaffold_with_renamed_files_checks_clean_but_for_its_reviews(out_2555):
    out, _ = out_2555
    checked = check_paths([out])
    assert checked.errors == 0 and {d.code for d in checked.diagnostics} == {"Y001"}
    assert {Path(d.span.path).name for d in checked.diagnostics} >= {"cascades_2554.kpi", "work_group_2554.kpi"}


_F = 'กรอบ f "x" {{\n    ปีงบประมาณ {year}\n    มิติ a "ก" น้ำหนัก 100\n}}\n'


@pytest.mark.parametrize("old, new", [
    ("f_2555.kpi", "f_2556.kpi"),
    ("f_๒๕๕๕.kpi", "f_๒๕๕๖.kpi"),                  # Thai digits stay Thai
    ("2555/f.kpi", "2556/f.kpi"),                  # a folder under the rule set
    ("แผน_2555/ก_2555.kpi", "แผน_2556/ก_2556.kpi"),
    ("f_2160.kpi", "f_2160.kpi"),                  # no fiscal year the rule set declares
    ("f_2554.kpi", "f_2554.kpi"),                  # the year before: not declared, kept
    ("f_25555.kpi", "f_25555.kpi"),                # five digits: no year
    ("f2555x.kpi", "f2556x.kpi"),                  # no digit either side, as ids (od_2555)
])
def test_a_name_moves_by_the_rule_ids_move_by(old, new):
    result = scaffold({old: _F.format(year=2555)}, "2556")
    assert list(result.files) == [new]
    assert result.renamed_files == (((old, new),) if old != new else ())


def test_every_declared_year_moves_by_the_same_number_of_years():
    texts = {"a_2553.kpi": _F.format(year=2553).replace("กรอบ f", "กรอบ g"), "b_2554.kpi": _F.format(year=2554)}
    assert sorted(scaffold(texts, "2556").files) == ["a_2555.kpi", "b_2556.kpi"]


@pytest.mark.parametrize("other", ["f_2556.kpi", "F_2556.kpi", "f_2556.kpi/g.kpi"])
def test_two_files_to_one_name_is_a_clash(other):
    # a shared drive compares names without letter case; a file may not stand where a folder does
    with pytest.raises(NameClash) as caught:
        scaffold({"f_2555.kpi": _F.format(year=2555), other: "# notes\n"}, "2556")
    assert (caught.value.path, caught.value.other, caught.value.name) == ("f_2555.kpi", other, "f_2556.kpi")
    assert str(caught.value).startswith(f"`f_2555.kpi` and `{other}` would both be written as `f_2556.kpi`; ")


@pytest.mark.parametrize("a, b", [("A_2555.kpi", "a_2555.kpi"), ("f.kpi", "F.kpi/g.kpi")])
def test_two_names_this_years_rule_set_has_already_are_no_clash_of_new_years(a, b):
    # one place on a shared drive before the run as after it: not new-year's doing, nor refused
    texts = {a: _F.format(year=2555), b: "# notes\n"}
    assert sorted(scaffold(texts, "2556").files) == sorted(n.replace("2555", "2556") for n in (a, b))


def test_a_clash_is_o021_at_the_rule_file_exit_2_and_nothing_written(tmp_path):
    rules = tmp_path / "2555"
    rules.mkdir()
    (rules / "plan_2555.kpi").write_text(_F.format(year=2555), encoding="utf-8")
    (rules / "plan_2556.kpi").write_text("# ร่างของปีหน้า\n", encoding="utf-8")
    for lang, said in (("en", "both be written as `plan_2556.kpi`"), ("th", "จะเขียนเป็นชื่อเดียวกัน `plan_2556.kpi`")):
        result = run("new-year", str(rules), "2556", "-o", str(tmp_path / "out"), lang=lang)
        assert result.exit_code == 2, result.output
        where = re.findall(r"^(\S+?):\d+:\d+: (\w\d{3}) ", result.stderr, re.M)
        assert where == [(str(rules / "plan_2555.kpi"), "O021")], result.stderr
        assert said in result.stderr and "plan_2556.kpi" in result.stderr
        assert not (tmp_path / "out").exists()


# ---- examples' titles ------------------------------------------------------------------------------------

_EXAMPLE = ('กรอบ f "กรอบ ปีงบประมาณ 2555" {\n    ปีงบประมาณ 2555\n'
            '    มิติ a "ก" น้ำหนัก 100 {\n'
            '        ตัวชี้วัด 1 "ร้อยละของผลปี 2555" น้ำหนัก 100 { เกณฑ์ 1 2 3 4 5 }\n    }\n}\n'
            'คำรับรอง g "ก" {\n    กรอบ f 2555\n}\n'
            'ตัวอย่าง e "กรมตัวอย่าง 2555: เทียบผลปี 2554" {\n    คำรับรอง g\n'
            '    ผลการดำเนินงาน { ตัวชี้วัด 1 ผล 3 }\n    ผลที่คาด { ตัวชี้วัด 1 คะแนน 3 }\n}\n'
            'ตัวอย่าง h "กรมตัวอย่าง ๒๕๕๕" {\n    คำรับรอง g\n'
            '    ผลการดำเนินงาน { ตัวชี้วัด 1 ผล 3 }\n    ผลที่คาด { ตัวชี้วัด 1 คะแนน 3 }\n}\n')


def test_an_examples_title_moves_its_fiscal_year_and_a_seed_text_keeps_its_review():
    result = scaffold({"f.kpi": _EXAMPLE}, "2556")
    text = result.files["f.kpi"]
    assert 'ตัวอย่าง e "กรมตัวอย่าง 2556: เทียบผลปี 2554" {' in text  # 2554: no year of the rule set, kept
    assert 'ตัวอย่าง h "กรมตัวอย่าง ๒๕๕๖" {' in text
    assert '"ร้อยละของผลปี 2555"' in text  # an indicator's title is the seed's: kept, and reviewed
    texts = [(r.line, r.text) for r in result.reviews if r.kind == "text"]
    assert texts == [
        (4, "ข้อความระบุ 'ปี 2555' คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น หรือแก้เป็นปีของปีงบประมาณ 2556"),
        # what the example's title keeps is still told
        (11, "ข้อความระบุ 'ปี 2554' คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น หรือแก้เป็นปีของปีงบประมาณ 2556"),
    ]


def test_an_examples_year_moved_as_a_year_is_not_moved_again_as_an_ids():
    # rules/2554 declares 2553 and 2554: พ.ศ. 2553 moves to 2554, which is a declared year too
    texts = {"a.kpi": _F.format(year=2553).replace("กรอบ f", "กรอบ g"),
             "f.kpi": _EXAMPLE.replace("2555", "2554").replace("ตัวอย่าง e \"กรมตัวอย่าง 2554",
                                                              "ตัวอย่าง e \"กรมตัวอย่าง พ.ศ. 2553 และ 2553")}
    text = scaffold(texts, "2555").files["f.kpi"]
    assert 'ตัวอย่าง e "กรมตัวอย่าง พ.ศ. 2554 และ 2554: เทียบผลปี 2555" {' in text


@pytest.mark.parametrize("old, new, texts, examples", [("2555", "2556", 11, 16), ("2554", "2555", 8, 35)])
def test_the_shipped_examples_titles_move_without_a_review_line(old, new, texts, examples):
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / old), new)
    kinds = [r.kind for r in result.reviews]
    # 2555 → 2556 had 26 text reviews, 15 of them examples' titles (`กรมตัวอย่าง 2555: …`);
    # 2554 → 2555 had 13, 5 of them examples' titles
    assert (kinds.count("text"), kinds.count("example")) == (texts, examples)
    every = "\n".join(result.files.values())
    assert re.findall(r'ตัวอย่าง somchai_rounding "สมชาย ตัวอย่าง (\d+):', every) == [new]


# ---- comments naming what new-year renamed ----------------------------------------------------------


def _comments(text: str, path: str) -> list[str]:
    from kpidsl.syntax.parser import parse

    return [c.text for c in parse(text, path).document.comments]


def test_a_comment_naming_a_renamed_file_or_id_follows_it_and_the_rest_of_it_stays(out_2555):
    # the comment and the name it gives were one before: `ตามกรอบ work_group_2553
    # (work_group_2553.kpi)` must not become `ตามกรอบ work_group_2553 (work_group_2554.kpi)`
    out, _ = out_2555
    text = (out / "agreements/work_group_example.kpi").read_text(encoding="utf-8")
    assert text.startswith("# คำรับรองของกลุ่มงานตัวอย่าง ตามกรอบ work_group_2554 (work_group_2554.kpi) — ตัวอย่างสมมติ\n")
    assert "# ---- ตัวเลขที่ขึ้นกับหลักเกณฑ์ของ work_group_2554.kpi (ทศนิยม 4," in text
    assert "# ขั้นที่ล่าช้า ไม่นับ และ นับขั้น ต่อเนื่อง (work_group_2554.kpi)\n" in (
        out / "agreements/province_example.kpi").read_text(encoding="utf-8")
    assert "# ---- ตัวเลขที่ขึ้นกับหลักเกณฑ์ของกรอบ individual_2554 (work_group_2554.kpi: " in (
        out / "agreements/cascades_2554.kpi").read_text(encoding="utf-8")
    work_group = (out / "work_group_2554.kpi").read_text(encoding="utf-8")
    assert "# จึงประเมินตามกรอบ individual_2554 ข้างล่าง: " in work_group
    # seed citations and years written in comments are the authors' text: kept
    assert "# seed 004 เป็นของปีงบประมาณ พ.ศ. 2553 จึงประกาศเป็นกรอบของปี 2553 ไว้ในชุดกฎนี้" in work_group
    assert "ประเมินในรอบที่ 1 (1 ต.ค. 2552 – 31 มี.ค. 2553)\n" in work_group


def test_every_other_word_of_every_comment_of_the_shipped_rule_set_stays(out_2555):
    from kpidsl.newyear import read_rule_set

    old = read_rule_set(REPO / "rules/2554")
    moved = dict(_MOVED_2554)
    back = {"work_group_2554": "work_group_2553", "individual_2554": "individual_2553"}
    out, _ = out_2555
    changed = 0
    for path, text in old.items():
        before = _comments(text, path)
        after = _comments((out / moved.get(path, path)).read_text(encoding="utf-8"), path)
        assert len(after) == len(before), path
        for a, b in zip(before, after):
            changed += a != b
            assert re.sub(r"\b(work_group|individual)_2554\b", lambda m: back[m.group(0)], b) == a
    assert changed == 7  # work_group_example.kpi 2, province_example.kpi 1, cascades 1, work_group 3


_NAMED = ('# ดู f_2555.kpi และ plans_2555/f_2555.kpi; กรอบ f_2555 ปีงบประมาณ 2555.\n'
          '# คงไว้: old_f_2555.kpi f_2555.kpi.bak f_2555.kpix xf_2555 f_2555x plans_2555 2555/ '
          'seeds/2555/004.pdf ปี 2555\n'
          'กรอบ f_2555 "x" {  # กรอบ f_2555 (f_2555.kpi)\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100\n}\n')


def test_a_comment_follows_only_a_whole_name_new_year_changed():
    result = scaffold({"plans_2555/f_2555.kpi": _NAMED}, "2556")
    comments = _comments(result.files["plans_2556/f_2556.kpi"], "f.kpi")
    assert comments == [
        " ดู f_2556.kpi และ plans_2556/f_2556.kpi; กรอบ f_2556 ปีงบประมาณ 2555.",
        # a longer name, another file, a folder not written as one (no `/`), a year: not a renamed name
        " คงไว้: old_f_2555.kpi f_2555.kpi.bak f_2555.kpix xf_2555 f_2555x plans_2555 2555/ seeds/2555/004.pdf ปี 2555",
        " กรอบ f_2556 (f_2556.kpi)",
    ]
    assert not [r for r in result.reviews if "f_2555" in r.text and r.kind != "id"]


def test_an_id_kept_because_its_new_name_is_taken_stays_in_comments_too():
    texts = {"f.kpi": _F.format(year=2555).replace("กรอบ f", "กรอบ f_2555") + "# กรอบ f_2555 และ f_2556\n",
             "g.kpi": _F.format(year=2555).replace("กรอบ f", "กรอบ f_2556")}
    result = scaffold(texts, "2556")
    assert result.renamed == ()
    assert _comments(result.files["f.kpi"], "f.kpi") == [" กรอบ f_2555 และ f_2556"]


# ---- texts naming what new-year renamed -----------------------------------------------------------

_IN_TEXTS = ('กรอบ f_2555 "กรอบ ดูไฟล์ ตัวชี้วัด2555.kpi" {\n    ปีงบประมาณ 2555\n'
             '    มิติ a "ก" น้ำหนัก 100 {\n'
             '        ตัวชี้วัด 1 "ตามไฟล์ ตัวชี้วัด2555.kpi" น้ำหนัก 100 {\n'
             '            คำอธิบาย "ดูไฟล์ ตัวชี้วัด2555.kpi ตามกรอบ f_2555; คงไว้ old_ตัวชี้วัด2555.kpi ปี 2555"\n'
             '            เกณฑ์ 1 2 3 4 5\n        }\n    }\n'
             '    หมายเหตุ "ดู plans_2555/ตัวชี้วัด2555.kpi"\n}\n')


def test_a_text_naming_a_renamed_file_or_id_follows_it_as_a_year_in_a_text_moves():
    # a description naming the year's file was left naming last year's, with a review line
    # saying its year `2555` was kept: staff read the text, and the file it names moved
    result = scaffold({"plans_2555/ตัวชี้วัด2555.kpi": _IN_TEXTS}, "2556")
    text = result.files["plans_2556/ตัวชี้วัด2556.kpi"]
    # titles and notes: moved, as their years are
    assert 'กรอบ f_2556 "กรอบ ดูไฟล์ ตัวชี้วัด2556.kpi" {' in text
    assert 'ตัวชี้วัด 1 "ตามไฟล์ ตัวชี้วัด2556.kpi" น้ำหนัก 100 {' in text
    assert 'หมายเหตุ "ดู plans_2556/ตัวชี้วัด2556.kpi"' in text
    # a longer name is another file's: kept, as in a comment
    assert 'คำอธิบาย "ดูไฟล์ ตัวชี้วัด2556.kpi ตามกรอบ f_2556; คงไว้ old_ตัวชี้วัด2555.kpi ปี 2555"' in text
    texts = [(r.line, r.text) for r in result.reviews if r.kind == "text"]
    # a description's moved name is the staff's call, as its moved years are (a note's and a
    # title's are not); the years it keeps are still told
    assert texts == [
        (5, "ข้อความระบุ 'ตัวชี้วัด2555.kpi' ย้ายเป็น 'ตัวชี้วัด2556.kpi', 'f_2555' ย้ายเป็น 'f_2556' "
            "ตามปีงบประมาณ: ยืนยันว่าควรย้าย หรือแก้คืน"),
        (5, "ข้อความระบุ '2555', 'ปี 2555' คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น "
            "หรือแก้เป็นปีของปีงบประมาณ 2556"),
    ]


def test_a_text_naming_nothing_new_year_renamed_is_as_it_was():
    # a rule set whose names carry no year: no name to follow, the text's bare year told
    text = _IN_TEXTS.replace("f_2555", "f").replace("plans_2555/", "")
    result = scaffold({"ตัวชี้วัด.kpi": text}, "2556")
    assert 'คำอธิบาย "ดูไฟล์ ตัวชี้วัด2555.kpi ตามกรอบ f; คงไว้ old_ตัวชี้วัด2555.kpi ปี 2555"' in result.files["ตัวชี้วัด.kpi"]


# ---- a scaffold kpidsl could not read back is not written ---------------------------------------------------

def test_a_new_file_over_the_size_a_rule_file_may_have_is_o023_at_its_source_and_nothing_written(
        tmp_path, monkeypatch):
    """Review lines make a file longer (rules/2555/department.kpi by about a tenth): a file
    near the limit of 4 MB (here the largest of rules/2555) scaffolds to one no command reads
    (F007). Told at this year's file, exit 2, and no new rule set half there."""
    rules = REPO / "rules/2555"
    largest = max(rules.rglob("*.kpi"), key=lambda p: p.stat().st_size)
    monkeypatch.setattr("kpidsl.source.MAX_BYTES", largest.stat().st_size)
    for lang in ("en", "th"):
        result = run("new-year", str(rules), "2556", "-o", str(tmp_path / "2556"), lang=lang)
        assert result.exit_code == 2, result.output
        where = re.findall(r"^(\S+?):(\d+):(\d+): (\w\d{3}) ", result.stderr, re.M)
        assert where == [(str(largest), "1", "1", "O024")], result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "2556").exists()
