"""Snapshots of the plans of the shipped rule sets, as `kpidsl compile` writes
them: a change to the rules, the compiler or the plan format shows up here as
a reviewable diff (`pytest --snapshot-update` to accept it).

Compiled from the repository root with relative paths, so that the snapshot
does not depend on where the checkout lives (the plan's paths are relative to
the rule set anyway)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("year", ["2554", "2555"])
def test_plan_snapshot(year, monkeypatch, snapshot):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["compile", f"rules/{year}"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert str(ROOT) not in text
    assert json.loads(text)["rule_set"] == year
    assert text == snapshot
