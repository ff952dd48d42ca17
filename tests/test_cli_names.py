"""The command modules share their helpers through public names (kpidsl/cli/common.py):
no module of kpidsl/cli imports another module's `_private` name."""

from __future__ import annotations

import ast
from pathlib import Path

import kpidsl.cli
from kpidsl.cli import common

CLI = Path(kpidsl.cli.__file__).parent


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # relative: another kpidsl module
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    fix = common._FORMER_NAMES.get(alias.name)
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}"
                                 + (f" (now {fix})" if fix else ""))
    return found


def test_no_cli_module_imports_a_private_name():
    found = [f for path in sorted(CLI.glob("*.py")) for f in _private_imports(path)]
    assert found == []


def test_no_kpidsl_module_imports_another_module_s_private_name():
    # the SQL query took three of the compiler's (_AgreementQuery, _Builder, _or) and the
    # lowering's passes six of the cursor's and base's: what modules share is public
    package = CLI.parent
    found = [f"{path.relative_to(package)}: {f}" for path in sorted(package.rglob("*.py"))
             for f in _private_imports(path)]
    assert found == []


def test_the_guard_sees_a_private_import(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("from .common import _LANG, main\n", encoding="utf-8")
    assert _private_imports(module) == ["late.py:1 imports _LANG (now lang_option)"]


def test_former_names_are_the_public_helpers_until_merged():
    for former, public in common._FORMER_NAMES.items():
        assert getattr(common, former) is getattr(common, public)
