"""The printer (kpidsl/syntax/printer.py): canonical layout, comments kept,
Thai kept, printing is idempotent."""

from decimal import Decimal

import pytest

from kpidsl.syntax import cst
from kpidsl.syntax.parser import parse
from kpidsl.syntax.printer import print_arg, print_document, print_expr


def fmt(text: str) -> str:
    result = parse(text, "t.kpi")
    assert result.diagnostics == (), [d.message_en for d in result.diagnostics]
    return print_document(result.document)


def check_stable(text: str) -> str:
    """Print, and require the print to parse to the same tree and print the same."""
    first = parse(text, "t.kpi")
    out = fmt(text)
    again = parse(out, "t.kpi")
    assert again.diagnostics == ()
    assert again.document == first.document
    assert print_document(again.document) == out
    return out


def test_layout_is_canonical():
    src = 'framework  f "x"{ fiscal_year   2555 ;policy { interpolate linear\n decimals 4 }\n  kpi 1 "a" weight 20 {ladder 1 2 3 4 5\n}}'
    assert check_stable(src) == (
        'framework f "x" {\n'
        "    fiscal_year 2555\n"
        "    policy {\n"
        "        interpolate linear\n"
        "        decimals 4\n"
        "    }\n"
        '    kpi 1 "a" weight 20 {\n'
        "        ladder 1 2 3 4 5\n"
        "    }\n"
        "}\n"
    )


def test_a_block_written_on_one_line_stays_on_one_line():
    # Rows of a table (indicators with their ladders) read better whole; a
    # block holding a block, or an empty one, is laid out on lines.
    src = 'a {b 1;c 2}\nkpi j1 "x" weight 15% {  ladder <= 65 70 75 80 85 }\nd { e { f } }\ng {}\n'
    assert check_stable(src) == (
        "a { b 1; c 2 }\n"
        'kpi j1 "x" weight 15% { ladder <=65 70 75 80 85 }\n'
        "d {\n    e { f }\n}\n"
        "g {\n}\n"
    )


def test_comparisons_in_a_ladder_are_written_against_their_threshold():
    src = "ladder lower > 35 <= 35 ≤30 <=25 <= 20\nband a >=90 < 100\n"
    assert check_stable(src) == "ladder lower >35 <=35 ≤30 <=25 <=20\nband a >= 90 < 100\n"


def test_rows_of_one_shape_are_aligned_as_a_table():
    src = (
        "bands b {\n"
        '    band outstanding "ดีเด่น" >= 90 <= 100 raise 4.5% - 5%\n'
        '    band good "ดี" >= 70 < 90 raise 2.5% - 3%\n'
        '    band poor "ต้องปรับปรุง" >= 0 < 70 raise none\n'
        "    range 0 100\n"
        "}\n"
    )
    # Thai vowel and tone marks take no column: "ต้องปรับปรุง" is 9 wide.
    assert check_stable(src) == (
        "bands b {\n"
        '    band outstanding "ดีเด่น"      >= 90 <= 100 raise 4.5% - 5%\n'
        '    band good        "ดี"         >= 70 < 90   raise 2.5% - 3%\n'
        '    band poor        "ต้องปรับปรุง" >= 0  < 70   raise none\n'
        "    range 0 100\n"
        "}\n"
    )


def test_rows_of_different_shapes_or_long_titles_are_not_aligned():
    src = (
        "limit share achievement >= 70% \"a\"\n"
        "limit kpis <= 10 warn \"b\"\n"
        "\n"
        'activity a "a title long enough not to be a column of a table" due 1 ต.ค. 2554\n'
        'activity bb "short" due 2 ต.ค. 2554\n'
    )
    assert check_stable(src) == (
        "limit share achievement >= 70% \"a\"\n"
        "limit kpis <= 10 warn \"b\"\n"
        "\n"
        'activity a  "a title long enough not to be a column of a table" due 1 ต.ค. 2554\n'
        'activity bb "short" due 2 ต.ค. 2554\n'
    )


def test_trailing_comments_of_a_run_share_a_column():
    src = (
        "x {\n"
        "    fiscal_year 2555 # a\n"
        '    source "s"\n'
        "    calendar od # b\n"
        "    # a comment line ends the run\n"
        "    decimals 4 # c\n"
        "    ladder 1 2 3 4 5 step 1 # d\n"
        "    note \"a line much wider than the others does not drag the column\" # e\n"
        "}\n"
    )
    assert check_stable(src) == (
        "x {\n"
        "    fiscal_year 2555  # a\n"
        '    source "s"\n'
        "    calendar od       # b\n"
        "    # a comment line ends the run\n"
        "    decimals 4               # c\n"
        "    ladder 1 2 3 4 5 step 1  # d\n"
        "    note \"a line much wider than the others does not drag the column\"  # e\n"
        "}\n"
    )


def test_thai_keywords_and_text_are_kept():
    src = 'กรอบ ส่วนราชการ "กรอบการประเมิน" {\n    ปีงบประมาณ ๒๕๕๕\n    ตัวชี้วัด 5 "ความพึงพอใจ" น้ำหนัก 7 {\n        เกณฑ์ 65 70 75 80 85\n    }\n}\n'
    out = check_stable(src)
    assert out == src  # Thai digits stay Thai: the tree keeps how a number was written


def test_arguments_print_as_written():
    src = (
        "x 1,000.50 50 % 1.1.2 2011-10-31 31 ต.ค. 2554 ๓๑ ต.ค. ๕๔ มิถุนายน 2554 15-30 พ.ย. 54"
        " >= 80 ≤ 35 -> 1.1 → 2 0 - 100 4.5% – 6% 1 ต.ค. 2554 .. 31 ต.ค. 2554 a to b (-5)\n"
    )
    assert check_stable(src) == (
        "x 1,000.50 50% 1.1.2 2011-10-31 31 ต.ค. 2554 ๓๑ ต.ค. ๕๔ มิถุนายน 2554 15-30 พ.ย. 54"
        " >= 80 ≤ 35 -> 1.1 → 2 0 - 100 4.5% – 6% 1 ต.ค. 2554 .. 31 ต.ค. 2554 a to b (-5)\n"
    )


def test_thai_digits_and_signs_print_as_written():
    src = "๑ ๕๐% ๑.๑.๒ ≥ ๘๐ ≤ 35 → ๑.๑ (−๕)\nvalue เฉลี่ย(X1 ÷ Y1, ๒) × ๑๐๐ − ๕% + −a\n"
    assert check_stable(src) == src
    # A tree built by hand, without the written forms, prints ASCII signs and Arabic digits.
    args = parse(src, "t.kpi").document.statements[0].args
    assert print_arg(cst.Compare(args[2].op, cst.Number(args[2].value.value, args[2].value.text))) == ">= 80"


def test_strings_are_requoted_with_escapes():
    src = 'note "a\\\\b \\"q\\" \\n\tend" “curly”\n'
    out = check_stable(src)
    assert out == 'note "a\\\\b \\"q\\" \\n\\tend" "curly"\n'
    text = parse(out, "t.kpi").document.statements[0].args[0]
    assert text.value == 'a\\b "q" \n\tend'


def test_long_strings_stay_blocks_indented_with_the_block():
    src = 'kpi 1 {\n  description """\n  first line\n    indented "quoted"\n\n  last\n  """ weight 5\n}\n'
    out = check_stable(src)
    assert out == (
        "kpi 1 {\n"
        '    description """\n'
        "        first line\n"
        '          indented "quoted"\n'
        "\n"
        "        last\n"
        '    """ weight 5\n'
        "}\n"
    )


def test_long_string_that_cannot_be_a_block_falls_back_to_quotes():
    text = cst.Text('  all lines indented\n  so the reader would strip it\nbut """ inside', long=True)
    assert print_arg(text) == '"  all lines indented\\n  so the reader would strip it\\nbut \\"\\"\\" inside"'
    text = cst.Text("  indented\n  only", long=True)
    assert print_arg(text).startswith('"')


@pytest.mark.parametrize(
    "src, expected",
    [
        ("value a - (b - c)", "value a - (b - c)"),
        ("value (a - b) - c", "value a - b - c"),
        ("value a / (b * c)", "value a / (b * c)"),
        ("value (a + b) * c", "value (a + b) * c"),
        ("value a + (b * c)", "value a + b * c"),
        ("value -(a + b) * -c", "value -(a + b) * -c"),
        ("value - - a", "value --a"),
        ("value a - -b", "value a - -b"),
        ("value mean(X1/Y1, X2/Y2,(X3/Y3)) * 100", "value mean(X1 / Y1, X2 / Y2, X3 / Y3) * 100"),
        ("value f() + max(1,000, 2) × 50%", "value f() + max(1,000, 2) × 50%"),
        ("คำนวณ ผลรวม ÷ (จำนวน − 1)", "คำนวณ ผลรวม ÷ (จำนวน − 1)"),
    ],
)
def test_formulas_have_minimal_brackets(src, expected):
    assert check_stable(src + "\n") == expected + "\n"


def test_expressions_built_by_hand():
    e = cst.BinOp("-", cst.Num(Decimal("1E+2")), cst.Neg(cst.BinOp("*", cst.Var("a"), cst.Pct(Decimal("0.5")))))
    assert print_expr(e) == "100 - -(a * 0.5%)"


def test_comments_come_back_where_they_were():
    src = (
        "# file header\n"
        "\n"
        'framework f "x" {   # on the header\n'
        "  fiscal_year 2555      # trailing\n"
        "    # before the kpi, oddly indented\n"
        "  kpi 1 {\n"
        "    ladder 1 2 3 4 5\n"
        "    # last in the block\n"
        "  } # after the brace\n"
        "  a 1; b 2 # after b\n"
        "}\n"
        "#no space\n"
    )
    assert check_stable(src) == (
        "# file header\n"
        "\n"
        'framework f "x" {  # on the header\n'
        "    fiscal_year 2555  # trailing\n"
        "    # before the kpi, oddly indented\n"
        "    kpi 1 {\n"
        "        ladder 1 2 3 4 5\n"
        "        # last in the block\n"
        "    }    # after the brace\n"
        "    a 1\n"
        "    b 2  # after b\n"
        "}\n"
        "#no space\n"
    )


def test_comment_inside_a_multi_line_formula_moves_before_it():
    src = "x {\n  value mean(a, # first\n     b)\n  y 1\n}\n"
    assert check_stable(src) == "x {\n    # first\n    value mean(a, b)\n    y 1\n}\n"


def test_one_blank_line_is_kept_between_statements():
    src = "\n\na 1\n\n\n\nb 2\nc 3\n\n# note\n\nd {\n\n  e 1\n\n}\n\n"
    assert check_stable(src) == "a 1\n\nb 2\nc 3\n\n# note\n\nd {\n    e 1\n}\n"


def test_comment_only_and_empty_files():
    assert fmt("") == ""
    assert fmt("\n\n") == ""
    assert fmt("# only a comment\n\n# and another") == "# only a comment\n\n# and another\n"


def test_empty_block():
    assert check_stable("given {}\n") == "given {\n}\n"


def test_printing_is_idempotent_on_a_real_looking_file():
    src = (
        'framework department "กรอบการประเมินผลของส่วนราชการ" {\n'
        "    fiscal_year 2555                      # period 1 ต.ค. 2554 – 30 ก.ย. 2555 follows\n"
        "    policy { interpolate linear; floor 1; decimals 4 }\n"
        '    perspective external "มิติภายนอก" {\n'
        '        dimension effectiveness "การประเมินประสิทธิผล" weight 60 {\n'
        '            kpi 1.2 "…นโยบายสำคัญ/พิเศษของรัฐบาล" weight 5 optional -> 1.1 { weighted_average }\n'
        "            kpi 8 \"ร้อยละ\" weight agreed {\n"
        '                input X1 X2 X3 X4 "ผลการเบิกจ่ายแต่ละไตรมาส" unit "บาท"\n'
        "                value mean(X1/Y1, X2/Y2, X3/Y3, X4/Y4) * 100\n"
        "                ladder 85 87.5 90 92.5 95\n"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n"
    )
    once = check_stable(src)
    assert check_stable(once) == once
