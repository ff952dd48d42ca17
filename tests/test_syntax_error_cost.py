"""A rule file with a syntax error on every line costs about what a clean one does: the
recovering parse (kpidsl/syntax/parser.py) fixes each bad character or open string and
lexes on from its line, not from the top of the file again, and the follow-on errors of
the lost lines are found in one pass over the file (kpidsl/check/followons.py), not one
walk to its end per lost line. A file of 1,000 lines each with an open string took 14 s
to check and one of 10,000 lines some 20 minutes, in `check` and in the language server
alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark

from kpidsl.check import followons
from kpidsl.diagnostics.registry import CODES
from kpidsl.diagnostics.span import Span
from kpidsl.syntax.parser import parse


def _lexed(monkeypatch) -> list[int]:
    """How many tokens the parser lexes (its recovering lexes) from now on, one count."""
    seen = [0]
    lex = Lark.lex

    def counting(self, text, *args, **kwargs):
        for tok in lex(self, text, *args, **kwargs):
            seen[0] += 1
            yield tok

    monkeypatch.setattr(Lark, "lex", counting)
    return seen


# The tokens of one of these lines (a keyword, a name or a number, a string or a mark, a line end).
PER_LINE = 4


def test_an_open_string_on_every_line_is_lexed_in_linear_time(monkeypatch):
    text = "".join(f'กรอบ f{i} "ไม่ปิด {i}\n' for i in range(2000))
    seen = _lexed(monkeypatch)
    result = parse(text, "x.kpi")
    assert [d.code for d in result.diagnostics].count("S006") == 2000
    assert seen[0] < 10 * PER_LINE * 2000, seen  # a few times the file's own tokens (it was 1,000 times)


def test_a_bad_character_on_every_line_is_lexed_in_linear_time(monkeypatch):
    text = "ปีงบประมาณ 2555 ¤\n" * 2000
    seen = _lexed(monkeypatch)
    result = parse(text, "x.kpi")
    assert [d.code for d in result.diagnostics].count("S001") == 2000
    assert [d.span.line for d in result.diagnostics if d.code == "S001"] == list(range(1, 2001))
    assert seen[0] < 10 * PER_LINE * 2000, seen  # a few times the file's own tokens (it was 1,000 times)


LINE = st.lists(st.sampled_from(["{", "}", " ", "x", '"a{"', '"b}', "# {", "} {"]), max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=25))
def test_blocks_say_what_the_line_by_line_walks_say(lines):
    blocks = followons.Blocks(lines)
    for number in range(1, len(lines) + 1):
        header = followons.enclosing_header(lines, number)
        assert blocks.header[number] == header
        if header is not None:
            assert [n for n in range(1, len(lines) + 1) if blocks.own(n) == header] == \
                followons.own_lines(lines, header)


def test_quieting_follow_ons_of_every_line_lost_reads_each_line_once(monkeypatch):
    lines = ['กรอบ { "ไม่ปิด'] * 2000  # each line opens a block inside the one before
    lost = [CODES["S006"].at(Span("x.kpi", n, 8, n, 16)) for n in range(1, 2001)]
    made_up = CODES["R003"].at(Span("x.kpi", 1499, 1, 1499, 2), framework="f")  # on the header of lost line 1500
    calls = [0]
    braces = followons.braces

    def counting(line: str):
        calls[0] += 1
        return braces(line)

    monkeypatch.setattr(followons, "braces", counting)
    kept = followons.quiet(lost + [made_up], {"x.kpi": "\n".join(lines)})
    assert kept == lost and calls[0] <= 2000, calls  # it was some two million
