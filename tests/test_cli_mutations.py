"""Mutated shipped rule sets through every command after `check`: build, test, score,
diff, fmt and new-year never meet an internal error. Each answers 0 or 1 (2 only for
fmt's files that cannot be verified), and build writes nothing when the rules have
errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"
FILES = sorted(p.relative_to(RULES).as_posix() for p in RULES.rglob("*.kpi"))
RESULTS = ROOT / "examples" / "results_2555.csv"

pytestmark = pytest.mark.slow


@st.composite
def mutated(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(FILES))
    lines = (RULES / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 2))):
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "digit"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:  # a figure edited: the kind of change a new year makes
            lines[i] = "".join(draw(st.sampled_from("0123456789")) if c.isdigit() else c for c in lines[i])
    return name, "\n".join(lines)


def invoke(*args: str):
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert "internal error" not in result.output, (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(mutated())
def test_every_command_takes_a_mutated_rule_set(tmp_path_factory, mutant):
    name, text = mutant
    tmp = tmp_path_factory.mktemp("m")
    rules = tmp / "2555"
    shutil.copytree(RULES, rules)
    (rules / name).write_text(text, encoding="utf-8")
    has_errors = check_paths([rules]).errors > 0

    built = invoke("build", str(rules), "-o", str(tmp / "out"))
    assert built.exit_code == (1 if has_errors else 0), built.output
    assert has_errors != (tmp / "out" / "index.html").exists()
    for args in (("test", str(rules)), ("score", str(rules), "--results", str(RESULTS)),
                 ("diff", str(RULES), str(rules)), ("diff", str(RULES), str(rules), "--rescore", str(RESULTS))):
        assert invoke(*args).exit_code in (0, 1), args
    assert invoke("fmt", "--check", str(rules)).exit_code in (0, 1, 2)
    year = invoke("new-year", str(rules), "2556", "-o", str(tmp / "2556"))
    assert year.exit_code == (1 if has_errors else 0), year.output
