"""Names on an old Thai shared drive are often TIS-620 bytes, not UTF-8: Python reads them
with their bytes kept as lone surrogates (``\\udce1``). A rule folder or an output folder so
named must not end a command in 'internal error: UnicodeEncodeError': the outputs show such
a byte escaped, as any character kpidsl cannot write as itself."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                                reason="POSIX byte names")


@pytest.fixture
def thai_bytes(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"r\xe1\xc1")  # 'แม' in TIS-620
    shutil.copytree(ROOT / "rules/2554", name)
    return name


@pytest.mark.parametrize("command", [["test", "RULES"], ["build", "RULES", "-o", os.fsdecode(b"o\xe1\xc1")],
                                     ["compile", "RULES"], ["render", "RULES", "--form", "calendar", "-o", "-"]])
def test_a_rule_folder_named_in_tis620_is_no_internal_error(thai_bytes, command):
    args = [thai_bytes if a == "RULES" else a for a in command]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert "internal error" not in result.output, result.output
    assert result.exit_code == 0, result.output
