"""`kpidsl lsp` while a staff member types a new indicator's block into rules/2555's
department.kpi: its `{` not closed yet (and a `"` not closed either), so the file does not
parse. The outline, the semantic tokens, hover and go to definition still answer: the
names above the edit where they were, those below moved down by the lines typed, every
position inside the document. The diagnostics published stay those `kpidsl check` gives
for the same text saved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from test_lsp_odd_documents import ROOT, Editor  # noqa: E402
from test_lsp_typing import checked_by_file, published_by_file  # noqa: E402

DEPT = Path("department.kpi")
ABOVE = '            ตัวชี้วัด 6 "ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย"'  # the edit goes before it
# the new indicator as typed so far: (its lines, the line that closes it)
TYPED = {
    "brace": ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"'],
    "brace and quote": ['            ตัวชี้วัด 13 "ดัชนีใหม่ น้ำหนัก 5 {', '                หน่วย "ร้อยละ'],
}
CLOSED = ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"', "            }"]


class Session:
    def __init__(self, tmp: Path, text: str) -> None:
        self.editor = Editor(tmp)
        self.editor.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.editor.notify("initialized", {})
        self.uri = (tmp / "2555" / DEPT).as_uri()
        self.version = 1
        self.editor.notify("textDocument/didOpen", {"textDocument": {"uri": self.uri, "languageId": "kpi",
                                                                     "version": 1, "text": text}})

    def set(self, text: str) -> None:
        self.version += 1
        self.editor.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": self.version},
                                                      "contentChanges": [{"text": text}]})

    def ask(self, method: str, **params):
        answer = self.editor.request(method, {"textDocument": {"uri": self.uri}, **params})
        assert "error" not in answer, answer
        return answer["result"]

    def at(self, method: str, line: int, character: int):
        return self.ask(method, position={"line": line, "character": character})

    def stop(self) -> str:
        self.editor.request("shutdown", None)
        return self.editor.stop()


def _flat(symbols, out=None) -> list[tuple]:
    out = [] if out is None else out
    for s in symbols or []:
        r, sel = s["range"], s["selectionRange"]
        out.append((s["name"], s["kind"], s.get("detail"), _pos(r["start"]), _pos(r["end"]),
                    _pos(sel["start"]), _pos(sel["end"])))
        _flat(s.get("children"), out)
    return out


def _pos(p: dict) -> tuple[int, int]:
    return p["line"], p["character"]


def _moved(entry: tuple, at: int, by: int) -> tuple:
    """An outline entry with every position on line ``at`` or after moved down ``by`` lines."""
    return tuple((p[0] + by, p[1]) if isinstance(p, tuple) and p[0] >= at else p for p in entry)


def _where(text: str, needle: str, after: str = "") -> tuple[int, int]:
    offset = text.index(needle, text.index(after) if after else 0)
    before = text[:offset].split("\n")
    return len(before) - 1, len(before[-1].encode("utf-16-le")) // 2


def _within(text: str, data: list[int]) -> None:
    """Every semantic token (LSP's relative encoding) lies inside a line of the text."""
    lines = text.split("\n")
    line = start = 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length = data[i:i + 3]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        assert line < len(lines), (line, len(lines))
        assert start + length <= len(lines[line].encode("utf-16-le")) // 2, (line, start, length)


@pytest.mark.parametrize("typed", sorted(TYPED))
def test_outline_hover_and_definition_survive_an_unclosed_block(tmp_path, typed):
    served, saved = tmp_path / "2555", tmp_path / "saved" / "2555"
    shutil.copytree(ROOT / "rules" / "2555", served)
    shutil.copytree(ROOT / "rules" / "2555", saved)
    original = (served / DEPT).read_text(encoding="utf-8")
    lines = original.split("\n")
    at = next(i for i, row in enumerate(lines) if row.startswith(ABOVE))  # 0-based: line 111 of the file
    editing = "\n".join(lines[:at] + TYPED[typed] + lines[at:])
    closed = "\n".join(lines[:at] + CLOSED + lines[at:])

    # names above the edit: the calendar the framework names (line 12), indicator 1.1 (line 36)
    # and 5 (line 99); below it: indicator 8
    calendar = _where(original, "od_2555")
    kpi_11 = _where(original, "1.1 ", '            ตัวชี้วัด 1.1 "')
    kpi_5 = _where(original, "5 ", '            ตัวชี้วัด 5 "')
    assert (calendar[0], kpi_11[0], kpi_5[0]) == (11, 35, 98) and at == 110

    session = Session(tmp_path, original)
    outline = _flat(session.ask("textDocument/documentSymbol"))
    definitions = {p: session.at("textDocument/definition", *p) for p in (calendar, kpi_11, kpi_5)}
    assert session.at("textDocument/prepareRename", *kpi_5) is not None
    assert definitions[calendar][0]["uri"].endswith("calendar.kpi")

    session.set(closed)
    hovers = {p: session.at("textDocument/hover", *p) for p in (kpi_11, kpi_5)}
    kpi_8 = _where(closed, "8 ", '            ตัวชี้วัด 8 "')
    hover_8 = session.at("textDocument/hover", *kpi_8)
    assert all(h is not None for h in [*hovers.values(), hover_8])

    session.set(editing)
    got = _flat(session.ask("textDocument/documentSymbol"))
    added = len(TYPED[typed])
    assert [e for e in got if not e[0].startswith("ตัวชี้วัด 13")] == [_moved(e, at, added) for e in outline]
    assert [e[0] for e in got if e[0].startswith("ตัวชี้วัด 13")] == ["ตัวชี้วัด 13"]
    for p, want in definitions.items():
        assert session.at("textDocument/definition", *p) == want, p
    for p, want in hovers.items():
        assert session.at("textDocument/hover", *p) == want, p
    kpi_8 = _where(editing, "8 ", '            ตัวชี้วัด 8 "')
    assert session.at("textDocument/hover", *kpi_8) == hover_8
    assert session.at("textDocument/definition", *kpi_8)[0]["range"]["start"] == {"line": kpi_8[0],
                                                                                  "character": kpi_8[1]}
    # from an agreement (not opened: read from disk with its rule set) to indicator 8, moved down
    agreement = served / "agreements" / "department_example.kpi"
    eight = _where(agreement.read_text(encoding="utf-8"), "8", "\n    ตัวชี้วัด 8 น้ำหนัก 6")
    found = session.editor.request("textDocument/definition", {"textDocument": {"uri": agreement.as_uri()},
                                                               "position": {"line": eight[0], "character": eight[1]}})
    assert [(f["uri"], f["range"]["start"]) for f in found["result"]] == [
        (session.uri, {"line": kpi_8[0], "character": kpi_8[1]})]
    # a rename is checked against the parsed texts: none is offered from a guessed tree
    assert session.at("textDocument/prepareRename", *kpi_5) is None
    tokens = session.ask("textDocument/semanticTokens/full")["data"]
    assert len(tokens) > 1000
    _within(editing, tokens)

    # what is published is what `kpidsl check` says of the text saved: the block not closed
    (saved / DEPT).write_text(editing, encoding="utf-8")
    session.editor.request("textDocument/documentSymbol", {"textDocument": {"uri": session.uri}})
    want = checked_by_file(saved)
    assert published_by_file(session.editor, served) == want
    assert "S004" in {d[0] for d in want["department.kpi"]}
    assert "Traceback" not in session.stop()


def _children(symbols, name: str) -> list[str]:
    for s in symbols or []:
        if s["name"] == name:
            return [c["name"] for c in s.get("children") or []]
        found = _children(s.get("children"), name)
        if found:
            return found
    return []


def _ranges_inside(symbols, lines: list[str], parent=None) -> None:
    """Every symbol's range ends inside the text, and inside its parent's."""
    for s in symbols or []:
        end = s["range"]["end"]
        assert end["line"] < len(lines) and end["character"] <= len(lines[end["line"]].encode("utf-16-le")) // 2, s
        if parent is not None:
            assert (end["line"], end["character"]) <= (parent["end"]["line"], parent["end"]["character"]), s
        _ranges_inside(s.get("children"), lines, s["range"])


def test_the_outline_nests_a_block_left_open_at_an_odd_indentation_or_at_the_end(tmp_path):
    # the header of the new indicator 3 spaces short of its siblings' (and with tabs): 6 is
    # still the dimension's, not 13's; a framework typed at the end of the file nests as typed
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    original = (tmp_path / "2555" / DEPT).read_text(encoding="utf-8")
    lines = original.split("\n")
    at = next(i for i, row in enumerate(lines) if row.startswith(ABOVE))
    session = Session(tmp_path, original)
    quality = next(s["name"] for s in _all(session.ask("textDocument/documentSymbol"))
                   if s["name"].startswith("มิติ quality"))
    for typed in (['           ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"'],
                  ['\t\t\tตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '\t\t\t\tหน่วย "ร้อยละ"']):
        editing = "\n".join(lines[:at] + typed + lines[at:])
        session.set(editing)
        outline = session.ask("textDocument/documentSymbol")
        assert [n for n in _children(outline, quality) if n.startswith("ตัวชี้วัด")] == \
            ["ตัวชี้วัด 5", "ตัวชี้วัด 13", "ตัวชี้วัด 6"], typed
        _ranges_inside(outline, editing.split("\n"))
    editing = original.rstrip("\n") + "\n\n" + "\n".join([
        'กรอบ draft "ร่าง" {', '    มุมมอง ext "ภายนอก" น้ำหนัก 100 {', '        มิติ q "คุณภาพ" น้ำหนัก 100 {',
        '            ตัวชี้วัด 99 "ใหม่" น้ำหนัก 100 {', '                หน่วย "ร้อยละ"'])
    session.set(editing)
    outline = session.ask("textDocument/documentSymbol")
    draft = next(s["name"] for s in outline if s["name"].startswith("กรอบ draft"))
    ext = _children(outline, draft)
    assert [n.split(" ")[:2] for n in ext] == [["มุมมอง", "ext"]]
    assert [n.split(" ")[:2] for n in _children(outline, ext[0])] == [["มิติ", "q"]]
    _ranges_inside(outline, editing.split("\n"))
    assert "Traceback" not in session.stop()


def _all(symbols):
    for s in symbols or []:
        yield s
        yield from _all(s.get("children"))
