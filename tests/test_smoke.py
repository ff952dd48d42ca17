"""The command runs end to end on a small rule file."""

from click.testing import CliRunner

from kpidsl.cli import main


def test_check_reports_weight_error_by_code(tmp_path):
    (tmp_path / "a.kpi").write_text(
        'framework f "x" {\n  fiscal_year 2555\n  dimension a "ก" weight 60\n  dimension b "ข" weight 30\n}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    assert '"code": "W001"' in result.output
