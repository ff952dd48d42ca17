"""A results file's header read cell by cell (kpidsl/results_columns.py split_header), and a
header of the other layout, a row per indicator, told apart (kpidsl/results_layout.py), on the
headers of examples/results_2555.csv and the seeds' Thai columns."""

from __future__ import annotations

import pytest

from kpidsl.results_columns import META, split_header
from kpidsl.results_layout import RESULTS_SUFFIXES, long_layout_column


@pytest.mark.parametrize("header, read", [
    ("agreement", ("agreement", "", "")), ("raise", ("raise", "", "")), (" population ", ("population", "", "")),
    ("คำรับรอง", ("agreement", "", "")), (" ร้อยละการเลื่อน ", ("raise", "", "")), ("จำนวนประชากร", ("population", "", "")),
    ("กลุ่มวงเงิน", ("group", "", "")),
    ("1.1.1", (None, "1.1.1", "")), ("8:X1", (None, "8", "X1")), ("11:survey", (None, "11", "survey")),
    ("๘:X๑", (None, "8", "X1")), ("๑.๑.๒", (None, "1.1.2", "")),  # Thai digits read as Arabic
    ("5:ผล", (None, "5", "result")), ("7:ขั้นที่ผ่าน", (None, "7", "steps")), ("5:คะแนน", (None, "5", "score")), ("7 : steps ", (None, "7", "steps")),
    ("5:score", (None, "5", "score")),
    # a field that is no result, steps or score keeps its spelling (a composite's part, a milestone's name)
    ("12:น้ำหนัก", (None, "12", "น้ำหนัก")), ("11:Survey", (None, "11", "Survey")),
    ("Agreement", (None, "Agreement", "")),  # meta names as written, not in any case
])
def test_each_header_cell_is_a_meta_column_or_a_node_and_its_field(header, read):
    assert split_header(header) == read


def test_every_meta_column_is_read_by_its_english_name():
    assert [split_header(name)[0] for name in META] == list(META)
    assert len(META) == 9


@pytest.mark.parametrize("header, at", [
    (["ตัวชี้วัด", "ผล"], 0), (["ลำดับ", "ตัวชี้วัดที่", "ผล"], 1), (["person", "Indicator ID", "result"], 1),
    (["agreement", "KPI"], 1), (["agreement", "5", "6"], None), ([], None), (["รหัส ตัวชี้วัด"], 0),
    (["ตัวชี้วัด", "indicator"], 0),  # the first
])
def test_a_header_of_a_row_per_indicator_is_told_by_its_column_of_indicators(header, at):
    assert long_layout_column(header) == at


def test_the_results_reader_takes_csv_json_and_workbooks():
    assert RESULTS_SUFFIXES == (".csv", ".json", ".xlsx", ".xlsm", ".xls")
