"""A request `kpidsl lsp` answers with an error is answered in the server's language, from the
registry: pygls's own words ("Invalid Params", "Method Not Found: …", a Python exception with
its traceback in the answer's data) were English whatever ``kpidsl.lang`` said. Each answer's
message is ``CODE: message``, its data ``{"code": CODE}``, nothing of a traceback in it.

A document never opened and a position past a document's end are answered empty, not with an
error (tests/test_lsp_odd_documents.py). A body that is not JSON has no request to answer: it
is E005 (tests/test_lsp_framing.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

from kpidsl.diagnostics.registry import CODES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"


def _framed(*messages: dict) -> bytes:
    bodies = [json.dumps(m).encode("utf-8") for m in messages]
    return b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(b), b) for b in bodies)


def _session(lang: str, *requests: tuple[str, object], opened: Path | None = None,
             after_shutdown: tuple[str, object] | None = None) -> tuple[dict, list[str]]:
    """The answers of ``requests`` (method, params), sent after initialize (and ``opened``
    opened) to `kpidsl lsp --lang lang` (id → answer; ``after_shutdown`` sent between shutdown
    and exit, as id 0 of its own), and the messages it asked the editor to show."""
    messages = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
                 "params": {"processId": None, "rootUri": None, "capabilities": {}}},
                {"jsonrpc": "2.0", "method": "initialized", "params": {}}]
    if opened is not None:
        messages.append({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                         "params": {"textDocument": {"uri": opened.as_uri(), "languageId": "kpi", "version": 1,
                                                     "text": opened.read_text(encoding="utf-8")}}})
    messages += [{"jsonrpc": "2.0", "id": i, "method": method, "params": params}
                 for i, (method, params) in enumerate(requests, start=1)]
    messages.append({"jsonrpc": "2.0", "id": len(requests) + 1, "method": "shutdown", "params": None})
    if after_shutdown is not None:
        messages.append({"jsonrpc": "2.0", "id": "late", "method": after_shutdown[0], "params": after_shutdown[1]})
    messages.append({"jsonrpc": "2.0", "method": "exit", "params": None})
    done = subprocess.run([sys.executable, "-m", "kpidsl", "lsp", "--lang", lang], input=_framed(*messages),
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    bodies = [json.loads(b) for b in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", done.stdout) if b]
    answers = {b["id"]: b for b in bodies if "id" in b and "method" not in b}
    shown = [b["params"]["message"] for b in bodies if b.get("method") == "window/showMessage"]
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")
    return answers, shown


def _uri() -> str:
    return (RULES / "department.kpi").as_uri()


def _error(answer: dict, code: str, lang: str, **fields) -> None:
    error = answer["error"]
    told = CODES[code].at(None, **fields)
    assert error["message"].startswith(f"{code}: {told.message(lang)}"), error
    assert error["data"] == {"code": code}, error  # pygls's data held the traceback's lines


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_request_whose_parameters_do_not_fit_is_answered_e006_in_the_servers_language(lang):
    at = {"textDocument": {"uri": _uri()}, "position": {"line": -1, "character": 0}}
    answers, shown = _session(lang, ("textDocument/hover", at), ("textDocument/hover", "not an object"),
                              ("workspace/executeCommand", {"command": "nothing.at.all", "arguments": []}))
    for number, method in ((1, "textDocument/hover"), (2, "textDocument/hover"), (3, "workspace/executeCommand")):
        assert answers[number]["error"]["code"] == -32602  # Invalid Params, as the protocol names it
        _error(answers[number], "E006", lang, method=method)
        assert "Invalid Params" not in answers[number]["error"]["message"]
    # the answer says it: no pop-up besides (pygls's E005 repeated "JsonRpcInvalidParams: Invalid Params")
    assert shown == []


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_method_the_server_does_not_know_is_answered_e007(lang):
    answers, shown = _session(lang, ("kpidsl/nothing", {}))
    assert answers[1]["error"]["code"] == -32601
    _error(answers[1], "E007", lang, method="kpidsl/nothing")
    assert shown == []


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_refusal_of_kpidsl_s_own_is_answered_in_its_own_words(lang):
    # rename's refusal is a sentence of kpidsl/diagnostics/cli_texts.py already (Invalid Params
    # too, as the protocol asks): kept, not made E006
    from kpidsl.diagnostics.cli_texts import said

    at = {"textDocument": {"uri": _uri()}, "position": {"line": 0, "character": 0}, "newName": "x"}  # a comment
    answers, _ = _session(lang, ("textDocument/rename", at), opened=RULES / "department.kpi")
    error = answers[1]["error"]
    assert error["code"] == -32602
    assert error["message"] == said("lsp-rename-not-a-name", lang)
    assert error["data"] == {"phrase": "lsp-rename-not-a-name"}


class _Writer:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def write(self, data: bytes) -> None:
        self.sent.append(json.loads(data.split(b"\r\n\r\n", 1)[1]))

    def close(self) -> None:
        pass


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_handler_that_fails_is_answered_e009_without_its_traceback(lang):
    # a fault of kpidsl in a request's handler: pygls answered "ValueError: …" with the
    # traceback's lines as the answer's data
    from lsprotocol import types

    from kpidsl.lsp.server import KpiServer

    ls = KpiServer()
    ls.lang = lang

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls, params):
        raise ValueError("a fault\nover two lines")

    writer = _Writer()
    ls.protocol.set_writer(writer)
    request = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": "file:///x.kpi"}, "position": {"line": 0, "character": 0}}}
    ls.protocol.handle_message(json.loads(json.dumps(request), object_hook=ls.protocol.structure_message))
    (answer,) = [m for m in writer.sent if m.get("id") == 7]
    assert answer["error"]["code"] == -32603
    _error(answer, "E009", lang, method="textDocument/hover", text="ValueError: a fault over two lines")
    assert "Traceback" not in json.dumps(answer) and "File " not in json.dumps(answer)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_request_after_shutdown_is_answered_e010_not_left_waiting(lang):
    at = {"textDocument": {"uri": _uri()}, "position": {"line": 0, "character": 0}}
    answers, _ = _session(lang, after_shutdown=("textDocument/hover", at))
    assert answers[1] == {"jsonrpc": "2.0", "id": 1, "result": None}  # shutdown's own answer
    assert answers["late"]["error"]["code"] == -32600  # Invalid Request, as the protocol asks
    _error(answers["late"], "E010", lang, method="textDocument/hover")


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_cancelled_request_is_answered_e008(lang):
    # pygls's words: 'Request with id "3" is canceled'
    from lsprotocol import types
    from pygls.exceptions import JsonRpcRequestCancelled

    from kpidsl.lsp.server import KpiServer

    ls = KpiServer()
    ls.lang = lang
    answer = ls.answered(JsonRpcRequestCancelled('Request with id "3" is canceled').to_response_error(),
                         "textDocument/completion")
    assert isinstance(answer, types.ResponseError) and answer.code == -32800
    _error({"error": {"message": answer.message, "data": answer.data}}, "E008", lang,
           method="textDocument/completion")
