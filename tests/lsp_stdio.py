"""`kpidsl lsp` over stdio as an editor drives it, its base-protocol frames (a
``Content-Length`` header, a blank line, a JSON body) written and read here by hand: the
one client of tests/test_lsp_odd_documents.py and benchmarks/bench_lsp_typing.py (which
times each message's arrival). It imports neither."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAIT = 120  # seconds a server that shares CI's two cores may take to answer


def framed(message: dict) -> bytes:
    """``message`` as one frame of the base protocol."""
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class StdioClient:
    """`kpidsl lsp --lang lang`, started in ``cwd``; each message it sends is read on a
    thread of its own, kept with the time it arrived (time.perf_counter). A message that is
    not the answer a request waits for goes to ``heard``."""

    def __init__(self, lang: str, cwd: Path | None = None) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "kpidsl", "lsp", "--lang", lang], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.received: queue.Queue = queue.Queue()
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
            if length is None:  # the server closed its output
                self.received.put(None)
                return
            message = json.loads(out.read(length))
            self.received.put((time.perf_counter(), message))

    def send(self, message: dict) -> None:
        self.process.stdin.write(framed(message))
        self.process.stdin.flush()

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def answer(self, method: str, params) -> tuple[float, dict]:
        """The answer to a request of ``method``, and the time it arrived."""
        self.ids += 1
        self.send({"jsonrpc": "2.0", "id": self.ids, "method": method, "params": params})
        while True:
            got = self.received.get(timeout=WAIT)
            if got is None:
                raise AssertionError("the server stopped")
            at, message = got
            if message.get("id") == self.ids and "method" not in message:
                return at, message
            self.heard(at, message)

    def initialized(self) -> None:
        """The handshake an editor opens with: initialize (answered), then initialized."""
        self.answer("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})

    def opened(self, uri: str, text: str) -> None:
        """didOpen of ``uri``, version 1, holding ``text``."""
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "kpi", "version": 1,
                                                                "text": text}})

    def heard(self, at: float, message: dict) -> None:
        """A notification or request of the server's, read while waiting for an answer."""

    def exited(self) -> str:
        """The server's log (stderr), once it has exited (after ``exit``)."""
        _, err = self.process.communicate(timeout=WAIT)
        return err.decode("utf-8", "replace")
