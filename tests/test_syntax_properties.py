"""Properties of the syntax layer, with hypothesis.

(a) Any statement tree prints to text that parses back to the same tree, and
    printing is idempotent; lowering such a tree never raises.
(b) Real-looking rule files survive print → parse with the same tree and the
    same rule AST.
(c) Mutated rule files never crash the checker or the command line, and every
    diagnostic points inside the file.
"""

from __future__ import annotations

import json
import re
import tempfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.syntax import cst
from kpidsl.syntax.dates import DateError, read as read_date
from kpidsl.syntax.keywords import KEYWORDS, SHAPE_TOKENS, canonical
from kpidsl.syntax.lower import lower
from kpidsl.syntax.parser import lark_parser, parse
from kpidsl.syntax.printer import print_document
from kpidsl.thai import MONTHS, to_thai_digits

REPO = Path(__file__).resolve().parent.parent

# ---- (a) generated statement trees ------------------------------------------------------

ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
THAI_LETTERS = "".join(chr(c) for c in [*range(0x0E01, 0x0E3B), *range(0x0E40, 0x0E4F)])
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# Words that start a DATE token when a date follows them (grammar/kpi.lark):
# `วันที่ 1 ต.ค.` is one date, not a name and a date.
DATE_PREFIXES = {"วันที่", "เดือน", "สัปดาห์ที่"}


@lru_cache(maxsize=None)
def is_plain_name(text: str) -> bool:
    """Lexes alone as one NAME that is neither a shape keyword nor a date word."""
    if text in DATE_PREFIXES or canonical(text) in SHAPE_TOKENS:
        return False
    try:
        tokens = list(lark_parser().lex(text))
    except Exception:
        return False
    return len(tokens) == 1 and tokens[0].type == "NAME" and tokens[0].value == text


KEYWORD_SPELLINGS = sorted(s for kw in KEYWORDS for s in kw.spellings if is_plain_name(s))

random_names = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(ASCII_LETTERS + THAI_LETTERS),
    st.text(alphabet=ASCII_LETTERS + THAI_LETTERS + "0123456789" + THAI_DIGITS, max_size=8),
)
names = st.one_of(st.sampled_from(KEYWORD_SPELLINGS), random_names).filter(is_plain_name)

digits = st.text(alphabet="0123456789", min_size=1, max_size=5)
number_texts = st.one_of(
    digits,
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    st.builds(
        lambda a, groups, frac: a + "".join("," + g for g in groups) + (f".{frac}" if frac else ""),
        st.text(alphabet="123456789", min_size=1, max_size=3),
        st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3), min_size=1, max_size=2),
        st.one_of(st.just(""), digits),
    ),
)
decimals = number_texts.map(lambda t: Decimal(t.replace(",", "")))

numbers = number_texts.map(lambda t: cst.Number(Decimal(t.replace(",", "")), t))
percents = decimals.map(cst.Percent)
dotted = st.lists(digits, min_size=3, max_size=4).map(lambda parts: cst.Dotted(".".join(parts)))

text_chars = st.one_of(
    st.sampled_from('"\\\n\t “”…%#{}()ก-ขคฃฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำเแโใไๆ่้๊๋็์ัิีึืุู๑๒'),
    st.characters(exclude_categories=("Cs",), exclude_characters="\r"),  # \r cannot be written in a string
)
texts = st.text(alphabet=text_chars, max_size=20).map(cst.Text)
long_texts = st.lists(st.text(alphabet=text_chars, max_size=15), min_size=1, max_size=4).map(
    lambda lines: cst.Text("\n".join(lines), long=True)
)


def _maybe_thai(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else text


@st.composite
def thai_dates(draw) -> str:
    thai = draw(st.booleans())
    full, abbr = draw(st.sampled_from(MONTHS))
    month = draw(st.sampled_from([full, abbr, abbr.rstrip(".")]))
    if draw(st.booleans()):
        month = "เดือน" + draw(st.sampled_from(["", " "])) + month
    lead = draw(st.sampled_from(["", "day", "day", "days", "week"]))
    if lead == "day":
        prefix = draw(st.sampled_from(["", "วันที่ ", "วันที่"]))
        lead = prefix + _maybe_thai(str(draw(st.integers(1, 31))), thai) + " "
    elif lead == "days":
        a = draw(st.integers(1, 31))
        b = draw(st.integers(1, 31))
        sep = draw(st.sampled_from(["-", " - ", "–"]))
        lead = _maybe_thai(f"{a}{sep}{b}", thai) + " "
    elif lead == "week":
        a = draw(st.integers(1, 6))
        b = draw(st.integers(1, 6))
        lead = f"สัปดาห์ที่ {a}" + draw(st.sampled_from(["", f"-{b}"])) + draw(st.sampled_from([" ", " ของ"]))
    year = draw(st.sampled_from(["", "2554", "54", "2555", "พ.ศ. 2554", "๒๕๕๔"]))
    return lead + month + (" " + _maybe_thai(year, thai) if year else "")


iso_dates = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(1900, 2999), st.integers(0, 13),
                      st.integers(0, 32))


def date_lit(text: str) -> cst.DateLit:
    try:
        return cst.DateLit(text, read_date(text))
    except DateError as e:
        return cst.DateLit(text, None, error=(e.reason_en, e.reason_th))


dates = st.one_of(thai_dates(), iso_dates).map(date_lit)


def exprs(leaf_names=names) -> st.SearchStrategy:
    leaves = st.one_of(
        number_texts.map(lambda t: cst.Num(Decimal(t.replace(",", "")), t)),
        decimals.map(cst.Pct),
        leaf_names.map(cst.Var),
    )
    funcs = st.one_of(st.sampled_from(["mean", "sum", "min", "max"]), leaf_names)

    def extend(children):
        return st.one_of(
            st.builds(cst.BinOp, st.sampled_from("+-*/"), children, children),
            st.builds(cst.Neg, children),
            st.builds(cst.Call, funcs, st.lists(children, max_size=4).map(tuple)),
        )

    return st.recursive(leaves, extend, max_leaves=12)


negative_numbers = numbers.map(lambda n: cst.Paren(cst.Neg(cst.Num(n.value, n.text))))
parens = st.one_of(negative_numbers, exprs().map(cst.Paren))

values = st.one_of(numbers, percents, texts, long_texts, names.map(cst.Name), dotted, dates, parens)
RANGE_SEPS = ["-", "–", "..", "to", "ถึง", "−", "—"]
ranges = st.builds(cst.Range, values, values, st.sampled_from(RANGE_SEPS))
compares = st.builds(cst.Compare, st.sampled_from([">=", "<=", ">", "<"]), values)
arrows = st.builds(cst.Arrow, values)
args = st.one_of(values, values, ranges, compares, arrows)


# Two arguments written side by side can lex as one token, and the grammar
# cannot tell them apart: `1 ต.ค.` then `54` is the date `1 ต.ค. 54`; `15` then
# `ต.ค.` is `15 ต.ค.`; the range `15 - 30 ต.ค.` is one date, days 15 to 30.
# Generated trees avoid these pairs, as a rule author would by writing the year.
_DIGIT = "[0-9๐-๙]"
_YEAR_NEXT = re.compile(rf"(?:{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})")  # would be read as the year
_DAY = re.compile(rf"{_DIGIT}{{1,2}}")  # would be read as the day
_DAY_THEN_MONTH = re.compile(rf"{_DIGIT}{{1,2}}[ \t]*[^-–0-9๐-๙ \t]")
_STARTS_WITH_DAY = re.compile(rf"{_DIGIT}|วันที่|สัปดาห์ที่")


def _edges(arg) -> tuple:
    """The first and last value written (None: it starts with a sign)."""
    if isinstance(arg, cst.Range):
        return arg.low, arg.high
    if isinstance(arg, cst.Compare):
        return None, arg.value
    if isinstance(arg, cst.Arrow):
        return None, arg.target
    return arg, arg


def _token(value) -> str:
    if isinstance(value, cst.Percent):
        return format(value.value, "f")
    return value.text if isinstance(value, (cst.Number, cst.Dotted, cst.DateLit)) else ""


def _open_date(value) -> bool:
    return isinstance(value, cst.DateLit) and not re.search(rf"{_DIGIT}$", value.text)


def _month_first(value) -> bool:
    return isinstance(value, cst.DateLit) and not _STARTS_WITH_DAY.match(value.text)


def lexes_apart(head: str, arg_list: list) -> bool:
    last, last_number = None, head
    for arg in arg_list:
        first, end = _edges(arg)
        if first is not None and _open_date(last) and _YEAR_NEXT.match(_token(first)):
            return False
        if first is not None and _DAY.fullmatch(last_number) and _month_first(first):
            return False
        if (isinstance(arg, cst.Range) and arg.sep in ("-", "–") and isinstance(arg.low, cst.Number)
                and _DAY.fullmatch(arg.low.text) and isinstance(arg.high, cst.DateLit)
                and _DAY_THEN_MONTH.match(arg.high.text)):
            return False
        last, last_number = end, end.text if isinstance(end, cst.Number) else ""
    return True


heads = st.one_of(
    names,
    names,
    st.text(alphabet="0123456789", min_size=1, max_size=2),  # numbered lines: milestone steps, scale levels
    number_texts,
    dotted.map(lambda d: d.text),
)


@st.composite
def statements(draw, depth: int):
    if draw(st.integers(0, 9)) == 0:
        return cst.Formula(draw(st.sampled_from(["value", "คำนวณ"])), draw(exprs()))
    head = draw(heads)
    arg_list = draw(st.lists(args, max_size=5).filter(lambda a: lexes_apart(head, a)))
    block = None
    if depth > 0 and draw(st.integers(0, 2)) == 0:
        block = cst.Block(tuple(draw(st.lists(statements(depth - 1), max_size=4))))
    return cst.Statement(cst.Head(head), tuple(arg_list), block)


documents = st.lists(statements(3), max_size=5).map(lambda stmts: cst.Document("gen.kpi", tuple(stmts)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents)
def test_print_then_parse_gives_the_same_tree(doc):
    text = print_document(doc)
    result = parse(text, "gen.kpi")
    assert result.diagnostics == (), (text, [d.message_en for d in result.diagnostics])
    assert result.document == doc, text
    assert print_document(result.document) == text
    lower(result.document)  # meaningless rule sets may be reported, never crash


# ---- (b) real-looking rule files -----------------------------------------------------------

VALID_FILES: dict[str, str] = {
    "framework.kpi": '''\
# กรอบการประเมินผลการปฏิบัติราชการของส่วนราชการ ปีงบประมาณ พ.ศ. 2555
framework department "กรอบการประเมินผลของส่วนราชการ" {
    fiscal_year 2555  # 1 ต.ค. 2554 – 30 ก.ย. 2555
    level department
    source "003_054ae63c31513ceb.txt"
    policy { interpolate linear; floor 1; decimals 4 }

    perspective external "มิติภายนอก" weight 70 {
        dimension effectiveness "การประเมินประสิทธิผล" weight 60 {
            kpi 1 "ระดับความสำเร็จของการบรรลุเป้าหมาย" weight 20 {
                kpi 1.1 "ตามแผนปฏิบัติราชการของกระทรวง" weight 15 { weighted_average }
                kpi 1.2 "นโยบายสำคัญ/พิเศษของรัฐบาล" weight 5 optional -> 1.1 { weighted_average }
            }
            kpi 2 "ร้อยละของผลผลิต" weight 40 {
                unit "ร้อยละ"
                ladder 65 70 75 80 85
            }
        }
        dimension quality "การประเมินคุณภาพ" weight 10 {
            kpi 5 "ร้อยละของระดับความพึงพอใจของผู้รับบริการ" weight 7 {
                unit "ร้อยละ"
                ladder target 75 step 5
            }
            kpi 6 "ความโปร่งใส" weight 3 {
                ladder lower > 35 <= 35 <= 30 <= 25 <= 20
            }
        }
    }
    perspective internal "มิติภายใน" weight 30 {
        dimension efficiency "การประเมินประสิทธิภาพ" weight 15 {
            kpi 7 "ระดับความสำเร็จของการจัดทำต้นทุนต่อหน่วยผลผลิต" weight 5 {
                milestones {
                    1 "ตรวจสอบความถูกต้องของการระบุค่าใช้จ่าย" due 29 ก.พ. 2555
                    2 "จัดทำต้นทุน" due 31 มี.ค. 2555
                    3 "วิเคราะห์ต้นทุน" due 30 เม.ย. 2555
                    4 "จัดทำแผนลดต้นทุน" due 31 พ.ค. 2555
                    5 "รายงานผล" due 30 มิ.ย. 2555
                }
            }
            kpi 8 "ร้อยละความสำเร็จของการเบิกจ่ายเงินงบประมาณตามแผน" weight 10 {
                input X1 X2 X3 X4 "ผลการเบิกจ่ายแต่ละไตรมาส" unit "บาท"
                input Y1 Y2 Y3 Y4 "วงเงินตามแผนการใช้จ่ายแต่ละไตรมาส" unit "บาท"
                value mean(X1/Y1, X2/Y2, X3/Y3, X4/Y4) * 100
                ladder 85 87.5 90 92.5 95
                description """
                    ร้อยละของเงินงบประมาณที่เบิกจ่ายได้
                    เทียบกับแผนการใช้จ่ายของแต่ละไตรมาส
                    """
                definition "เงินงบประมาณ" "งบประมาณรายจ่ายประจำปี"
                condition "ไม่รวมงบกลาง"
                baseline 2553 88.5 "ร้อยละ"
                owner "กรมบัญชีกลาง"
                evidence "รายงาน GFMIS"
            }
        }
        dimension development "การพัฒนาองค์การ" weight 15 {
            kpi 9 "ระบบเทคโนโลยีสารสนเทศ" weight 15 {
                part survey "แบบสำรวจ" share 50% {
                    ladder 3 3.25 3.5 3.75 4
                }
                part checklist "รายการตรวจสอบ" share 50% {
                    owner_score
                }
            }
        }
    }
}
''',
    "bands.kpi": '''\
bands rating "ระดับผลการประเมิน" {
    range 0 - 100
    band excellent "ดีเด่น" >= 90 <= 100 raise 4.5% - 6%
    band very_good "ดีมาก" >= 80 < 90 raise 3% - 4.5%
    band good "ดี" >= 70 < 80 raise 2% - 3%
    band fair "พอใช้" >= 60 < 70 raise 1% - 2%
    band poor "ต้องปรับปรุง" >= 0 < 60 raise none
}

calendar plan2555 "ปฏิทินการดำเนินงาน" {
    fiscal_year 2555
    activity 1 "เจรจาข้อตกลง" {
        when 1 ต.ค. 2554 - 31 ต.ค. 2554
        responsible "สำนักงาน ก.พ.ร."
        related "ทุกส่วนราชการ"
    }
    activity 2 "ลงนามคำรับรอง" due 30 พ.ย. 2554 responsible "ส่วนราชการ"
}
''',
    "agreement.kpi": '''\
agreement dept_a "คำรับรองการปฏิบัติราชการของกรม ก" {
    framework department 2555
    organisation "กรม ก"
    signatory "ปลัดกระทรวง" role "ผู้บังคับบัญชา"
    signatory "อธิบดี"
    period 1 ต.ค. 2554 - 30 ก.ย. 2555
    omit 1.2
    kpi 1.1 {
        kpi 1.1.1 "โครงการที่หนึ่ง" weight 0.6 {
            ladder 80 85 90 95 100
        }
        kpi 1.1.2 "โครงการที่สอง" weight 0.4 {
            ladder 1 2 3 4 5
        }
    }
}

example basic "ตัวอย่างการคิดคะแนน" {
    agreement dept_a
    given {
        kpi 2 result 80
        kpi 8 X1 100 X2 100 X3 100 X4 100 Y1 100 Y2 100 Y3 100 Y4 100
    }
    expect {
        kpi 2 score 4
    }
}
''',
    "individual.kpi": '''\
# การประเมินผลการปฏิบัติราชการระดับบุคคล (ว 20/2552), in Thai keywords
กรอบ บุคคล "การประเมินผลการปฏิบัติราชการของข้าราชการ" {
    ปีงบประมาณ ๒๕๕๔
    ระดับ บุคคล
    รอบ รอบที่1 "รอบที่ 1" ระยะเวลา 1 ต.ค. 2553 - 31 มี.ค. 2554 {
        ภายใน 15 เม.ย. 2554
        ปรับลด 0.05 ต่อ วันทำการ
    }
    รอบ รอบที่2 "รอบที่ 2" {
        ระยะเวลา 1 เม.ย. 2554 ถึง 30 ก.ย. 2554
        ภายใน 15 ต.ค. 2554 นอกปีงบประมาณ
    }
    ข้อกำหนด จำนวนตัวชี้วัด <= 10 คำเตือน "ไม่ควรเกิน 10 ตัวชี้วัด"
    มาตรวัด สมรรถนะ "มาตรวัดสมรรถนะ" {
        1 "ต่ำกว่าที่คาดหวังมาก"
        2 "ต่ำกว่าที่คาดหวัง"
        3 "ตามที่คาดหวัง"
        4 "สูงกว่าที่คาดหวัง"
        5 "สูงกว่าที่คาดหวังมาก"
    }
    องค์ประกอบ ผลสัมฤทธิ์ "ผลสัมฤทธิ์ของงาน" สัดส่วน 70% {
        ตัวชี้วัดตามคำรับรอง
    }
    องค์ประกอบ สมรรถนะ_รวม "พฤติกรรมการปฏิบัติราชการ" สัดส่วน 30% {
        สมรรถนะ บริการ "การมุ่งผลสัมฤทธิ์" น้ำหนัก 100 {
            มาตรวัด สมรรถนะ
        }
    }
}
''',
}


def rule_files() -> dict[str, str]:
    """The shipped rules, rules/**/*.kpi, picked up as they are written."""
    return {
        str(p.relative_to(REPO)): p.read_text(encoding="utf-8")
        for p in sorted((REPO / "rules").glob("**/*.kpi"))
        if p.is_file()
    }


RULES = rule_files()


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_the_hand_written_files_check_clean(tmp_path):
    _write(tmp_path, VALID_FILES)
    result = check_paths([tmp_path])
    assert [(d.code, d.message_en) for d in result.diagnostics] == []


@pytest.mark.parametrize("name", [*sorted(VALID_FILES), *RULES])
def test_real_looking_files_round_trip(name):
    original = parse({**VALID_FILES, **RULES}[name], name)
    assert original.diagnostics == ()
    printed = print_document(original.document)
    again = parse(printed, name)
    assert again.diagnostics == ()
    assert again.document == original.document
    assert lower(again.document)[0] == lower(original.document)[0]
    assert print_document(again.document) == printed
    # Every comment comes back.
    assert [c.text.rstrip() for c in again.document.comments] == [c.text.rstrip() for c in original.document.comments]


def test_printed_files_still_check_clean(tmp_path):
    printed = {name: print_document(parse(text, name).document) for name, text in VALID_FILES.items()}
    _write(tmp_path, printed)
    assert [(d.code, d.message_en) for d in check_paths([tmp_path]).diagnostics] == []


# ---- (c) mutation robustness ---------------------------------------------------------------------


CORPUS = RULES or VALID_FILES  # what the mutations start from
NASTY = '{}"()#\n\r\x00\t;-–>.%“”\\ ' + "กขัำ่้๕" + "\u00a0\u200b\ufeff"
inserted_chars = st.one_of(st.sampled_from(NASTY), st.characters(exclude_categories=("Cs",)))


@st.composite
def mutants(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(CORPUS)))
    text = CORPUS[name]
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(["delete_line", "duplicate_line", "swap_lines", "insert_char", "delete_range",
                                     "truncate"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        at = draw(st.integers(0, len(text)))
        if kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        elif kind == "swap_lines":
            lines[i], lines[j] = lines[j], lines[i]
        if kind in ("delete_line", "duplicate_line", "swap_lines"):
            text = "\n".join(lines)
        elif kind == "insert_char":
            text = text[:at] + draw(inserted_chars) + text[at:]
        elif kind == "delete_range":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at]
    return name, text


def assert_located(found: list[tuple], texts: dict[str, str]) -> None:
    """Each of ``found`` is (code, path, line, column); the path is a checked file."""
    for code, path, line, column in found:
        assert path, f"{code} has no location"
        assert line >= 1 and column >= 1, f"{code} at {path}:{line}:{column}"
        if path in texts:
            assert line <= len(texts[path].split("\n")), f"{code} at line {line}, past the end of {path}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutated_files_never_crash_the_checker(mutant):
    name, text = mutant
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / Path(name).name).write_bytes(text.encode("utf-8"))
        result = check_paths([folder])
        texts = {path: t for rs in result.rule_sets for path, t in rs.texts.items()}
        assert_located([(d.code, *((d.span.path, d.span.line, d.span.column) if d.span else ("", 0, 0)))
                        for d in result.diagnostics], texts)

        run = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
        assert run.exception is None or isinstance(run.exception, SystemExit), run.exc_info
        assert run.exit_code == (1 if result.errors else 0), run.output
        report = json.loads(run.output)
        assert_located([(d["code"], d["path"], d["line"] or 0, d["column"] or 0) for d in report["diagnostics"]],
                       texts)
        assert len(report["diagnostics"]) == len(result.diagnostics)


# ---- what the mutations found ----------------------------------------------------------------------
# Each crashed the checker when first found (fixed in 6d8cb0e); kept as regressions.


def _check_text(text: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "m.kpi").write_text(text, encoding="utf-8")
        return [(d.code, d.message_en) for d in check_paths([Path(tmp)]).diagnostics]


def test_a_long_string_opening_a_line_is_reported_not_crashed():
    # A file whose `description """` line was deleted, leaving the text and its closing quotes.
    result = parse('"""\nx"""\n', "m.kpi")
    assert [d.code for d in result.diagnostics] == ["S002"]


def test_a_block_after_a_one_line_key_is_reported():
    assert ("K009", "`fiscal_year` does not take a block") in _check_text(
        'framework f "x" {\n    fiscal_year 2555 { }\n}\n')


@pytest.mark.parametrize("year", ["55", "20000"])
def test_a_fiscal_year_out_of_range_is_reported(year):
    diags = _check_text(f'framework f "x" {{\n    fiscal_year {year}\n'
                        f'    round r1 "x" period 1 ต.ค. 2554 - 31 มี.ค. 2555\n}}\n')
    assert diags


# ---- once bugs, now fixed ------------------------------------------------------------------------


def test_the_thai_when_keyword_before_a_date():
    """`วันที่` opens a date ("วันที่ 1 ต.ค. 2554"), so the Thai `when` is ช่วงเวลา only."""
    assert _check_text('ปฏิทิน plan "ปฏิทิน" {\n    ปีงบประมาณ 2555\n    กิจกรรม 1 "เจรจา" {\n'
                       '        ช่วงเวลา วันที่ 1 ต.ค. 2554\n    }\n    กิจกรรม 2 "ลงนาม" ช่วงเวลา 30 พ.ย. 2554\n}\n') == []


@pytest.mark.parametrize("space", ["\u00a0", "\u200b"])
def test_a_date_written_with_no_break_spaces_is_one_date(space):
    args = parse(f"due 29{space}ก.พ.{space}2555\n", "m.kpi").document.statements[0].args
    assert [type(a).__name__ for a in args] == ["DateLit"]
