"""The code actions' titles are sentences of the catalogue (kpidsl/diagnostics/cli_texts.py),
in the editor's language, fields filled from the diagnostic."""

from __future__ import annotations

import pytest

types = pytest.importorskip("lsprotocol.types", reason="the `lsp` extra is not installed")

from kpidsl.diagnostics.cli_texts import said  # noqa: E402
from kpidsl.lsp.actions import actions  # noqa: E402
from kpidsl.lsp.positions import Lines  # noqa: E402


def _diagnostic(code: str, line: str, start: int, end: int, data: dict) -> "types.Diagnostic":
    r = types.Range(types.Position(0, start), types.Position(0, end))
    return types.Diagnostic(r, "", code=code, data=data)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_each_action_is_titled_from_the_catalogue(lang):
    text = "น้ำหนัก20 กรอบ departmnet"
    glued = _diagnostic("K011", text, 0, 9, {})
    unknown = _diagnostic("N002", text, 15, 25, {"hint_en": "did you mean `department`?"})
    weights = _diagnostic("W001", text, 0, 9, {"message_en": "the weights add up to 12, not 10", "hint_en": "h",
                                               "hint_th": "ห"})
    found = actions("file:///x.kpi", Lines(text), [glued, unknown, weights], lang)
    assert [a.title for a in found] == [
        said("lsp-insert-space", lang, keyword="น้ำหนัก", rest="20"),
        said("lsp-replace-with", lang, name="department"),
        said("lsp-weights-take-away", lang, total="12", expected="10", amount="2"),
    ]
    assert found[2].command.arguments == [f"{found[2].title} ({'ห' if lang == 'th' else 'h'})"]


def test_too_little_weight_says_how_much_to_add():
    text = "x"
    weights = _diagnostic("W003", text, 0, 1, {"message_en": "weights add up to 8%, not 10%"})
    (found,) = actions("file:///x.kpi", Lines(text), [weights], "th")
    assert found.title == said("lsp-weights-add", "th", total="8", expected="10", amount="2")
