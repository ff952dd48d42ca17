"""Every diagnostic message in the registry renders, in both languages."""

import string

import pytest

from kpidsl.diagnostics.registry import CODES


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CODES))
def test_message_renders_with_its_arguments(code):
    c = CODES[code]
    names = set()
    for template in (c.en, c.th, c.hint_en, c.hint_th):
        names |= _fields(template)
    diag = c.at(None, **{name: f"<{name}>" for name in names})
    assert diag.message_en and diag.message_th
    assert "{" not in diag.message_en.replace("`{`", "").replace("{ … }", "")
    assert diag.severity in ("error", "warning")


def test_codes_are_unique_and_well_formed():
    for code in CODES.values():
        assert len(code.code) == 4 and code.code[0].isupper() and code.code[1:].isdigit()
    names = [c.name for c in CODES.values()]
    assert len(names) == len(set(names))
