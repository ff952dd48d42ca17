"""`kpidsl lsp` driven as an editor drives it, with what an editor may also send: edits and
requests for a document whose URI is not a file: URI (an unsaved buffer, `untitled:`),
requests for a file the editor never opened and that is not on disk, and a request whose
position the protocol does not allow. Each is answered (an empty answer, or an error the
protocol names), nothing outside the rule set is read, and the server's log stays one line
a message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lsp_stdio import StdioClient  # tests/lsp_stdio.py: the Content-Length frames  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class Editor(StdioClient):
    """`kpidsl lsp` in ``cwd`` over stdio (tests/lsp_stdio.py), keeping the server's
    notifications."""

    def __init__(self, cwd: Path) -> None:
        self.notifications: list[dict] = []
        super().__init__("en", cwd)

    def heard(self, at: float, message: dict) -> None:
        self.notifications.append(message)

    def request(self, method: str, params):
        return self.answer(method, params)[1]

    def published(self) -> list[str]:
        """The URIs diagnostics were published for so far (a request answered after the
        notifications sent before it)."""
        self.request("shutdown", None)
        return [m["params"]["uri"] for m in self.notifications if m.get("method") == "textDocument/publishDiagnostics"]

    def stop(self) -> str:
        """The server's log (stderr), once it has exited."""
        self.notify("exit", None)
        return self.exited()


@pytest.fixture
def editor(tmp_path):
    # the server's working folder holds rule files of its own, which no request names
    (tmp_path / "elsewhere.kpi").write_text('กรอบ elsewhere "ที่อื่น" {\n', encoding="utf-8")
    started = Editor(tmp_path)
    started.initialized()
    yield started
    if started.process.poll() is None:
        started.process.kill()


def _position(line: int, character: int) -> dict:
    return {"line": line, "character": character}


def _requests(uri: str) -> dict[str, dict]:
    """A request of each feature on ``uri``, with the answer an empty one is."""
    doc = {"uri": uri}
    at = {"textDocument": doc, "position": _position(0, 1)}
    return {
        "textDocument/hover": at,
        "textDocument/completion": at,
        "textDocument/definition": at,
        "textDocument/references": {**at, "context": {"includeDeclaration": True}},
        "textDocument/prepareRename": at,
        "textDocument/rename": {**at, "newName": "z"},
        "textDocument/formatting": {"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": True}},
        "textDocument/codeAction": {"textDocument": doc, "range": {"start": _position(0, 0), "end": _position(0, 1)},
                                    "context": {"diagnostics": []}},
        "textDocument/documentSymbol": {"textDocument": doc},
        "textDocument/semanticTokens/full": {"textDocument": doc},
    }


EMPTY = (None, [], {"data": []}, {"isIncomplete": False, "items": []})


def test_an_unsaved_buffer_is_left_alone(editor, tmp_path):
    uri = "untitled:Untitled-1"
    editor.opened(uri, 'กรอบ x "y" {\n')
    editor.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": 'กรอบ z "y" {\n}\n'}]})
    for method, params in _requests(uri).items():
        answer = editor.request(method, params)
        assert "error" not in answer and answer["result"] in EMPTY, (method, answer)
    editor.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert editor.published() == []  # the working folder's elsewhere.kpi was read and checked before
    assert "Traceback" not in editor.stop()


def test_a_file_never_opened_and_not_on_disk_gets_empty_answers(editor, tmp_path):
    uri = (tmp_path / "gone" / "x.kpi").as_uri()
    for method, params in _requests(uri).items():
        answer = editor.request(method, params)
        assert "error" not in answer and answer["result"] in EMPTY, (method, answer)
    assert "Traceback" not in editor.stop()


@pytest.mark.parametrize("position", [_position(-1, 0), _position(0, -1), _position(2 ** 31, 0)])
def test_a_position_the_protocol_does_not_allow_is_answered_invalid_params(editor, tmp_path, position):
    uri = (tmp_path / "elsewhere.kpi").as_uri()
    answer = editor.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert answer.get("error", {}).get("code") == -32602, answer  # pygls answered nothing: the editor waited on
    assert editor.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": _position(0, 0)})["id"]
    editor.request("shutdown", None)
    log = editor.stop()
    assert "Traceback" not in log and all(line.startswith("kpidsl lsp: ") for line in log.splitlines()), log


def test_a_lone_cr_ends_a_line_for_the_editor_and_for_kpidsl():
    # the editor ends a line at a lone \r, and so does the checker (source.decode): the server
    # reads the editor's text as the checker reads a file, and their lines are the same
    from lsprotocol import types

    from kpidsl.lsp.positions import Lines
    from kpidsl.lsp.ruleset_state import editor_text

    parsed = editor_text("x.kpi", "ab\rcd\nef\r\ngh\rij\rk")
    assert parsed.text == "ab\ncd\nef\ngh\nij\nk"
    lines = Lines(parsed.text)
    for number, shown in enumerate(["ab", "cd", "ef", "gh", "ij", "k"]):
        for offset in range(len(shown) + 1):
            at = types.Position(number, offset)
            assert lines.position(number + 1, offset + 1) == at
            assert lines.point(at) == (number + 1, offset + 1)
    assert lines.end() == types.Position(5, 1)
    # a byte-order mark the editor's text begins with is one unit of its first line
    marked = Lines("ab\ncd", bom=True)
    assert marked.position(1, 1) == types.Position(0, 1) and marked.point(types.Position(0, 1)) == (1, 1)
    assert marked.point(types.Position(0, 0)) == (1, 1) and marked.position(2, 2) == types.Position(1, 1)
    assert Lines("ab", bom=True).end() == types.Position(0, 3)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# What an editor may hold of a file that `kpidsl check` reads from disk: the server reads the
# editor's text as the checker reads the file saved (kpidsl/source.py decode).
EDITOR_TEXTS = {
    "a byte-order mark": lambda t: "\ufeff" + t,
    "a byte-order mark, then an emoji it reports": lambda t: "\ufeff🎯" + t,
    "CRLF line ends": lambda t: t.replace("\n", "\r\n"),
    "a lone CR before a comment": lambda t: t.replace("\n#", "\r#", 1),
    "a NUL in a comment": lambda t: t.replace("#", "#\x00", 1),
    "nothing": lambda t: "",
    "only blank lines": lambda t: "\n  \n",
}


@pytest.mark.parametrize("variant", list(EDITOR_TEXTS))
def test_the_editors_text_gets_the_diagnostics_check_gives_the_file_saved(tmp_path, variant):
    # the server parsed the editor's text as it came: a byte-order mark was an unexpected
    # character (S001), a lone CR a control character (S014) where check starts a line, a NUL
    # S014 where check says the file is not text (F005), an empty file nothing (check: F006)
    import shutil

    ruleset = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", ruleset)
    bands = ruleset / "bands.kpi"
    text = EDITOR_TEXTS[variant](bands.read_text(encoding="utf-8"))
    bands.write_bytes(text.encode("utf-8"))
    checked = subprocess.run([sys.executable, "-m", "kpidsl", "check", "--format", "json", "--lang", "en", str(ruleset)],
                             capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    shift = 1 if text.startswith("\ufeff") else 0  # the editor's line 0 holds the mark

    def position(line: int, column: int) -> dict:
        head = lines[line - 1][: column - 1] if line - 1 < len(lines) else ""
        return _position(line - 1, _utf16(head) + (shift if line == 1 else 0))

    wanted = sorted((d["code"], d["message"], json.dumps(position(d["line"], d["column"])),
                     json.dumps(position(d["end_line"], d["end_column"])))
                    for d in json.loads(checked.stdout)["diagnostics"] if d["path"] == str(bands))
    assert wanted or variant in ("a byte-order mark", "CRLF line ends", "a lone CR before a comment"), checked.stdout
    editor = Editor(tmp_path)
    editor.initialized()
    uri = bands.as_uri()
    editor.opened(uri, text)
    editor.published()
    last = [m["params"]["diagnostics"] for m in editor.notifications
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri][-1]
    got = sorted((d["code"], d["message"].split("\n")[0], json.dumps(d["range"]["start"]),
                  json.dumps(d["range"]["end"])) for d in last)
    assert got == wanted
    assert "Traceback" not in editor.stop()


@pytest.mark.parametrize("variant", ["CRLF line ends", "a byte-order mark", "a NUL in a comment"])
def test_formatting_the_editors_text_gives_what_kpidsl_fmt_writes_of_the_file_saved(tmp_path, variant):
    # the server formatted the text as it came: CRLF line ends came back as LF, a byte-order mark
    # was a syntax error (E002), and a text that is not a rule file's would have been written over
    import re
    import shutil

    from kpidsl.fmt import format_file

    ruleset = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", ruleset)
    bands = ruleset / "bands.kpi"
    messy = bands.read_text(encoding="utf-8").replace('ระดับผล good        "ดี"', 'ระดับผล   good "ดี"')
    text = EDITOR_TEXTS[variant](messy)
    bands.write_bytes(text.encode("utf-8"))
    outcome = format_file(bands)
    editor = Editor(tmp_path)
    editor.initialized()
    uri = bands.as_uri()
    editor.opened(uri, text)
    answer = editor.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                       "options": {"tabSize": 4, "insertSpaces": True}})
    assert "error" not in answer, answer
    if outcome.state == "unreadable":
        assert answer["result"] is None  # the file's F005 says why; the document is left whole
    else:
        assert outcome.state == "changed"
        (edit,) = answer["result"]
        lines = re.split("\r\n|\r|\n", text)
        assert edit["range"] == {"start": _position(0, 0), "end": _position(len(lines) - 1, _utf16(lines[-1]))}
        assert edit["newText"] == outcome.new.decode("utf-8")
    editor.request("shutdown", None)
    assert not [m for m in editor.notifications if m.get("method") == "window/showMessage"]
    assert "Traceback" not in editor.stop()


def _last_published(editor: Editor, uri: str) -> list[str]:
    return [[d["code"] for d in m["params"]["diagnostics"]] for m in editor.notifications
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri][-1]


def test_a_file_that_leaves_the_rule_set_leaves_no_diagnostics_behind(tmp_path):
    # an unsaved new file closed, or a file deleted from disk, left the rule set but kept its
    # last diagnostics in the editor's problems list: nothing told the editor they were gone
    import shutil

    ruleset = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", ruleset)
    editor = Editor(tmp_path)
    editor.initialized()
    new = (ruleset / "agreements" / "new.kpi").as_uri()  # never saved
    editor.opened(new, 'คำรับรอง x "y" {\n    กรอบ nothere 2555\n}\n')
    broken = ruleset / "broken.kpi"
    broken.write_text('กรอบ z "z" {\n', encoding="utf-8")
    editor.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": broken.as_uri(), "type": 1}]})
    editor.request("textDocument/hover", {"textDocument": {"uri": new}, "position": _position(0, 0)})
    assert _last_published(editor, new) == ["N002"] and _last_published(editor, broken.as_uri()) == ["S004"]
    editor.notify("textDocument/didClose", {"textDocument": {"uri": new}})
    broken.unlink()
    editor.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": broken.as_uri(), "type": 3}]})
    editor.published()
    assert _last_published(editor, new) == [] and _last_published(editor, broken.as_uri()) == []
    assert "Traceback" not in editor.stop()


def test_a_change_to_a_document_never_opened_is_told_e011_and_the_server_reads_on(editor, ruleset):
    # a client that breaks the protocol: didChange before didOpen. pygls's own handler failed
    # (KeyError on the URI), shown as E005 with "KeyError: '…'" in its words
    from kpidsl.diagnostics.registry import CODES

    dept = ruleset / "department.kpi"
    uri = dept.as_uri()
    editor.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": 'กรอบ department "x" {\n'}]})
    # the server reads on: the file opened afterwards is checked as written, the change passed over
    editor.opened(uri, dept.read_text(encoding="utf-8"))
    line = next(i for i, row in enumerate(dept.read_text(encoding="utf-8").split("\n")) if row.startswith("กรอบ "))
    found = editor.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": _position(line, 6)})
    assert found["result"][0]["range"]["start"]["line"] == line
    editor.request("shutdown", None)
    shown = [m["params"] for m in editor.notifications if m.get("method") == "window/showMessage"]
    told = CODES["E011"].at(None, uri=uri)
    assert shown == [{"type": 2, "message": f"E011: {told.message('en')} ({told.hint('en')})"}]
    published = [m["params"] for m in editor.notifications if m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"]["uri"] == uri]
    assert published and published[-1]["diagnostics"] == []
    assert dept.read_text(encoding="utf-8").startswith("#")  # nothing written
    log = editor.stop()
    assert "Traceback" not in log and "KeyError" not in log, log
