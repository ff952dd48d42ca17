"""The shipped rule sets check clean, and a broken copy of one is rejected."""

from pathlib import Path

from kpidsl.check import check_paths

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_rules_check_clean():
    result = check_paths([ROOT / "rules"])
    assert [d.code for d in result.diagnostics] == []
    names = sorted(Path(rs.name).name for rs in result.rule_sets)
    assert names == ["2554", "2555"]


def test_every_shipped_year_declares_frameworks():
    result = check_paths([ROOT / "rules"])
    by_year = {Path(rs.name).name: rs for rs in result.rule_sets}
    assert set(by_year["2555"].frameworks) == {"department", "individual"}
    assert {"individual", "province", "rayong_agency", "work_group_2553"} <= set(by_year["2554"].frameworks)


def test_broken_split_cascade_is_rejected_where_it_breaks():
    folder = ROOT / "tests" / "broken" / "split_cascade"
    result = check_paths([folder])
    found = [(d.code, d.span.line) for d in result.diagnostics]
    text = (folder / "cascades.kpi").read_text(encoding="utf-8").splitlines()
    # The cascade line of tambon ค, the last split of ag1.
    expected_line = max(i for i, row in enumerate(text, 1) if "ถ่ายทอด แบ่งเป้าหมาย จาก district_agri ag1" in row)
    assert found == [("C001", expected_line)]
    assert "1040" in result.diagnostics[0].message_en and "1050" in result.diagnostics[0].message_en
