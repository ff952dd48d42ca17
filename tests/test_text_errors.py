"""A file checked as text block by block (kpidsl/source.py text_errors) gets the errors the
whole file read at once gets (decode): the same codes at the same places, whatever the blocks."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.source import decode, text_errors


ROOT = Path(__file__).resolve().parents[1]
_EXAMPLE = (ROOT / "examples" / "results_2555.csv").read_bytes().split(b"\n")
EXAMPLE_HEAD = _EXAMPLE[0].replace(b"agreement,", b"agreement,person,", 1)  # a person per row


def example_rows(count: int) -> list[bytes]:
    """The shipped example's row for rules/2555, once per person P0, P1 …"""
    return [_EXAMPLE[1].replace(b"dept_example_2555,", f"dept_example_2555,P{n},".encode(), 1)
            for n in range(count)]

SEGMENTS = [b"a", b"1", b",", b" ", b"\n", b"\r", b"\r\n", b"\x00", b"\x01", b"\x1b", b"\xff", b"\x80",
            b"\xe0\xb8\x81", b"\xe0\xb8", b"\xa1\xb9", b"\xe9", b"caf\xe9", b"\xef\xbb\xbf", b"\xf0\x9f\x98\x80",
            b"dept_example_2555,P1,88\n" * 8]


def found(diags) -> list[tuple]:
    return [(d.code, d.span.line, d.span.column, d.message_en) for d in diags if d.is_error]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SEGMENTS), max_size=300), st.sampled_from([400, 512, 1000]),
       st.booleans())
def test_block_by_block_is_the_whole_files_decode(segments, block, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + b"".join(segments)
    assert found(text_errors(io.BytesIO(data), "r.csv", block)) == found(decode(data, "r.csv")[1])


def text_file(lines: int, bad: bytes, at: int) -> bytes:
    rows = [f"dept_example_2555,P{n},88,ผลงาน".encode() for n in range(lines)]
    rows[at] = rows[at] + bad
    return b"agreement,person,6,note\n" + b"\n".join(rows) + b"\n"


def test_a_bad_byte_far_past_the_first_blocks_is_named_where_it_is():
    data = text_file(20_000, b"\xff", 15_000)
    assert len(data) > 4 * 4096
    assert found(text_errors(io.BytesIO(data), "r.csv", 4096)) == found(decode(data, "r.csv")[1])
    assert found(text_errors(io.BytesIO(data), "r.csv", 4096))[0][:3] == ("F008", 15_002, 34)  # after the 33 characters of the row


def test_it_reads_a_block_at_a_time():
    data = text_file(20_000, b"", 0)
    reads = []

    class Counted(io.BytesIO):
        def read(self, n=-1):
            reads.append(n)
            return super().read(n)

    assert text_errors(Counted(data), "r.csv", 4096) == []
    assert set(reads) == {4096} and len(reads) == len(data) // 4096 + 2  # the last: the end


def test_render_and_diff_check_a_big_results_file_block_by_block(tmp_path, monkeypatch):
    # render --results and diff --rescore check each results file as text before reading its
    # rows (kpidsl/cli/common.py require_results): a bad byte past the first blocks is named
    # where it is, and the file is never read whole
    import pytest
    from click.testing import CliRunner

    from kpidsl import regular_file, source
    from kpidsl.cli import main

    root = Path(__file__).resolve().parents[1]
    rows = example_rows(400)
    rows[300] += b"\xff"
    data = EXAMPLE_HEAD + b"\n" + b"\n".join(rows) + b"\n"
    (tmp_path / "r.csv").write_bytes(data)
    monkeypatch.setattr(source, "TEXT_BLOCK", 4096)
    assert len(data) > 8 * 4096

    def whole(*args, **kwargs):
        raise AssertionError("a results file read whole")

    # every whole read of a file goes through read_regular, by the name each reader imported
    real = regular_file.read_regular
    guarded = lambda path, limit, **kw: whole() if str(path).endswith("r.csv") else real(path, limit, **kw)  # noqa: E731
    monkeypatch.setattr(regular_file, "read_regular", guarded)
    monkeypatch.setattr(source, "read_regular", guarded)
    monkeypatch.chdir(tmp_path)
    rules = str(root / "rules" / "2555")
    for args in (["render", rules, "--results", "r.csv", "-o", "out"], ["diff", rules, rules, "--rescore", "r.csv"]):
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 1, result.output
        assert f"r.csv:302:{len(rows[300])}: F008" in result.output
    if (tmp_path / "out").exists():
        pytest.fail("render wrote forms of a results file it could not read")


def test_score_tells_a_bad_byte_near_the_end_of_a_big_file_without_reading_it_whole(tmp_path, monkeypatch):
    # the streaming reader meets the byte, then says what decode() says of the file, read again
    # a block at a time (kpidsl/score/results/csv_input.py read_csv_file): memory stays flat
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan
    from kpidsl.score.batch import score_records
    from kpidsl.score.results import csv_input

    root = Path(__file__).resolve().parents[1]
    rows = example_rows(30_000)
    rows[-2] += b"\xff"
    data = EXAMPLE_HEAD + b"\n" + b"\n".join(rows) + b"\n"
    path = tmp_path / "r.csv"
    path.write_bytes(data)
    (rs,) = check_paths([root / "rules" / "2555"]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    decoded = []
    real = csv_input.decode
    monkeypatch.setattr(csv_input, "decode", lambda data, shown: decoded.append(len(data)) or real(data, shown))
    outcome = score_records(plan, "2555", path, None, None, "csv", False, "en", None)
    assert [(d.code, d.span.line, d.span.column) for d in outcome.diagnostics] == [
        ("F008", len(rows), len(rows[-2]))]
    assert len(data) > 2_000_000 and max(decoded) <= csv_input.HEAD_BYTES  # the head alone, never the file


def test_every_results_file_of_a_folder_with_a_bad_byte_is_told_in_one_run(tmp_path, monkeypatch):
    """require_results stopped at the first file of a folder whose text is bad: each is told
    (at its line and column), in the folder's order, with the files counted; exit 1."""
    from click.testing import CliRunner

    from kpidsl.cli import main

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path / "results"
    folder.mkdir()
    for name, at in (("a.csv", 1), ("b.csv", None), ("c.csv", 2)):
        rows = example_rows(3)
        if at is not None:
            rows[at] += b"\xff"
        (folder / name).write_bytes(EXAMPLE_HEAD + b"\n" + b"\n".join(rows) + b"\n")
    monkeypatch.chdir(tmp_path)
    rules = str(root / "rules" / "2555")
    for args in (["render", rules, "--results", "results", "-o", "out"],
                 ["diff", rules, rules, "--rescore", "results"]):
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 1, result.output
        told = [line.split(": ")[0] for line in result.output.splitlines() if ": F008 " in line]
        assert told == [f"results/a.csv:3:{len(example_rows(3)[1]) + 1}",
                        f"results/c.csv:4:{len(example_rows(3)[2]) + 1}"], result.output
        assert "checked 3 files" in result.output
    assert not (tmp_path / "out").exists()
