"""Every catalogue key the code names (``said("…")``, ``both("…")``, ``FormsError("…")``) is in
kpidsl/diagnostics/cli_texts.py SAID, and keys built from a prefix (``f"diff-part-{name}"``)
have an entry for each name they are built from."""

from __future__ import annotations

import re
from pathlib import Path

import kpidsl
from kpidsl.diagnostics.cli_texts import SAID
from kpidsl.diff import KINDS, words
from kpidsl.mutate.classify import CLASSES

PACKAGE = Path(kpidsl.__file__).parent
NAMED = re.compile(r"""\b(?:said|both|_w|FormsError)\(\s*["']([^"']+)["']""")


def test_every_key_named_in_the_code_is_in_the_catalogue():
    named = {}
    for path in PACKAGE.rglob("*.py"):
        for key in NAMED.findall(path.read_text(encoding="utf-8")):
            named.setdefault(key, path.relative_to(PACKAGE).as_posix())
    assert named, "the scan finds the calls"
    missing = {key: where for key, where in named.items()
               if key not in SAID and f"mutate-{key}" not in SAID}  # mutate/report.py's _w adds its prefix
    assert missing == {}


def test_keys_built_from_a_name_have_an_entry_for_each():
    assert all(f"diff-part-{name}" in SAID for name in words.PATH_PARTS)
    assert all(f"change-{kind}" in SAID for kind in KINDS)  # kpidsl/diff/model.py describe
    assert {key[len("change-"):] for key in SAID if key.startswith("change-")} == set(KINDS)
    assert all(f"diff-{key}" in SAID or key in SAID for key in words.PHRASES.values())
    assert all(f"mutate-{c}" in SAID for c in CLASSES)
    assert "forms-no-agreement" in SAID  # forms/__init__.py _find(…, "agreement")
