"""`kpidsl lsp` driven as an editor drives it, with what an editor may also send: edits and
requests for a document whose URI is not a file: URI (an unsaved buffer, `untitled:`),
requests for a file the editor never opened and that is not on disk, and a request whose
position the protocol does not allow. Each is answered (an empty answer, or an error the
protocol names), nothing outside the rule set is read, and the server's log stays one line
a message."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

ROOT = Path(__file__).resolve().parent.parent
WAIT = 120  # seconds a server that shares CI's two cores may take to answer


class Editor:
    """`kpidsl lsp` in ``cwd`` over stdio, with Content-Length framing."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "kpidsl", "lsp", "--lang", "en"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.received: queue.Queue = queue.Queue()
        self.notifications: list[dict] = []
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.process.stdout
        while True:
            length = None
            while (line := out.readline()).strip():
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if length is None:
                self.received.put(None)
                return
            self.received.put(json.loads(out.read(length)))

    def notify(self, method: str, params) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params):
        self.ids += 1
        self._send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        while True:
            message = self.received.get(timeout=WAIT)
            assert message is not None, "the server stopped"
            if message.get("id") == self.ids and "method" not in message:
                return message
            self.notifications.append(message)

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def published(self) -> list[str]:
        """The URIs diagnostics were published for so far (a request answered after the
        notifications sent before it)."""
        self.request("shutdown", None)
        return [m["params"]["uri"] for m in self.notifications if m.get("method") == "textDocument/publishDiagnostics"]

    def stop(self) -> str:
        """The server's log (stderr), once it has exited."""
        self.notify("exit", None)
        _, err = self.process.communicate(timeout=WAIT)
        return err.decode("utf-8", "replace")


@pytest.fixture
def editor(tmp_path):
    # the server's working folder holds rule files of its own, which no request names
    (tmp_path / "elsewhere.kpi").write_text('กรอบ elsewhere "ที่อื่น" {\n', encoding="utf-8")
    started = Editor(tmp_path)
    started.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    started.notify("initialized", {})
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
    editor.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "kpi", "version": 1,
                                                            "text": 'กรอบ x "y" {\n'}})
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


def test_a_lone_cr_ends_a_line_for_the_editor_and_positions_follow_it():
    # kpidsl counts lines by \n (a lone \r is S014); the editor also ends one at a lone \r:
    # a diagnostic after it was placed a line too high and past that line's end
    from lsprotocol import types

    from kpidsl.diagnostics.span import Span
    from kpidsl.lsp.positions import Lines

    text = "ab\rcd\nef\r\ngh\rij\rk"  # the editor's lines: ab, cd, ef, gh, ij, k
    lines = Lines(text)
    editor_lines = ["ab", "cd", "ef", "gh", "ij", "k"]
    # kpidsl's (line, column) of each editor line's first character
    firsts = [(1, 1), (1, 4), (2, 1), (3, 1), (3, 4), (3, 7)]
    for number, (first, shown) in enumerate(zip(firsts, editor_lines)):
        for offset in range(len(shown) + 1):
            at = types.Position(number, offset)
            assert lines.position(first[0], first[1] + offset) == at
            assert lines.point(at) == (first[0], first[1] + offset)
    assert lines.range(Span("f", 3, 4, 3, 6)) == types.Range(types.Position(4, 0), types.Position(4, 2))
    assert lines.end() == types.Position(5, 1)
    plain = Lines("ab\ncd\r\n")  # no lone CR: as before
    assert plain.position(2, 3) == types.Position(1, 2) and plain.end() == types.Position(2, 0)
