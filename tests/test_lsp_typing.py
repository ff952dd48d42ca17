"""`kpidsl lsp` driven a keystroke at a time, as an editor sends a staff member's typing:
incremental changes in UTF-16 positions, Thai vowels and tone marks each a code point of
their own, an emoji two UTF-16 units (typed, then deleted by one backspace), a misspelt key
mended. After each keystroke the diagnostics published for every file of the rule set are
those `kpidsl check` gives for the same text saved (its json report, the ranges converted to
UTF-16 here). The timing of the same drive on rules/2554 is benchmarks/bench_lsp_typing.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from test_lsp_odd_documents import ROOT, Editor  # noqa: E402

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.diagnostics.render import json_report  # noqa: E402


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _position(text: str, offset: int) -> dict:
    before = text[:offset].split("\n")
    return {"line": len(before) - 1, "character": _utf16(before[-1])}


def checked_by_file(ruleset: Path) -> dict[str, list[tuple]]:
    """`kpidsl check --format json` of the rule set, by file: (code, message, start, end)."""
    report = json.loads(json_report(check_paths([ruleset]).diagnostics, "en", (0, 0, 0)))
    out: dict[str, list[tuple]] = {}
    for d in report["diagnostics"]:
        lines = Path(d["path"]).read_text(encoding="utf-8").split("\n")

        def at(line: int, column: int) -> tuple[int, int]:
            return line - 1, _utf16(lines[line - 1][: column - 1])

        out.setdefault(str(Path(d["path"]).relative_to(ruleset)), []).append(
            (d["code"], d["message"], at(d["line"], d["column"]), at(d["end_line"], d["end_column"])))
    return {k: sorted(v) for k, v in out.items()}


def published_by_file(editor: Editor, ruleset: Path) -> dict[str, list[tuple]]:
    last: dict[str, list] = {}
    for m in editor.notifications:
        if m.get("method") == "textDocument/publishDiagnostics":
            last[m["params"]["uri"]] = m["params"]["diagnostics"]
    out = {}
    for uri, diags in last.items():
        if diags:
            out[str(Path(uri.removeprefix("file://")).relative_to(ruleset))] = sorted(
                (d["code"], d["message"].split("\n")[0], (d["range"]["start"]["line"], d["range"]["start"]["character"]),
                 (d["range"]["end"]["line"], d["range"]["end"]["character"])) for d in diags)
    return out


def test_typing_a_definition_into_an_indicator_keeps_the_checkers_diagnostics(tmp_path):
    served, saved = tmp_path / "served" / "2555", tmp_path / "saved" / "2555"
    shutil.copytree(ROOT / "rules" / "2555", served)
    shutil.copytree(ROOT / "rules" / "2555", saved)
    dept = Path("department.kpi")
    text = (served / dept).read_text(encoding="utf-8")
    editor = Editor(tmp_path)
    editor.initialized()
    uri = (served / dept).as_uri()
    editor.opened(uri, text)
    # inside indicator 5, after its last line: a definition, its key misspelt (นิยามม)
    at = text.index("\n", text.index('ผู้จัดเก็บข้อมูล "สำนักงานสถิติแห่งชาติ"  # 003 สไลด์ 23'))
    line = '\n                นิยามม "ผู้รับบริการ 👵🏽" "ประชาชน"'
    keys = [lambda t, i=i, ch=ch: (at + i, at + i, ch) for i, ch in enumerate(line)]
    keys += [
        lambda t: (t.index("นิยามม") + 5, t.index("นิยามม") + 6, ""),  # the extra ม, one backspace
        lambda t: (t.index(" 👵"), t.index(" 👵") + 3, ""),  # the space, 👵 and its skin tone 🏽, selected
        lambda t: (t.index('" "ประชาชน"'), t.index('" "ประชาชน"'), " 🎯"),  # another emoji typed
    ]
    seen = set()
    for version, key in enumerate(keys, start=2):
        start, end, new = key(text)
        change = {"range": {"start": _position(text, start), "end": _position(text, end)}, "text": new}
        text = text[:start] + new + text[end:]
        editor.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        answer = editor.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        assert "error" not in answer, answer
        (saved / dept).write_text(text, encoding="utf-8")
        want = checked_by_file(saved)
        assert published_by_file(editor, served) == want, (version, new)
        seen |= {d[0] for ds in want.values() for d in ds}
    assert text.count('นิยาม "ผู้รับบริการ 🎯" "ประชาชน"') == 1
    assert {"K001", "S006"} <= seen  # the misspelt key, the string still open
    assert published_by_file(editor, served) == {}
    editor.request("shutdown", None)
    assert "Traceback" not in editor.stop()
