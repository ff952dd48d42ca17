"""What an editor sees of `kpidsl lsp`, without an editor: open a rule file (changed as you
might type it), print the diagnostics the server publishes, then hover over a word.

    python examples/lsp_session.py FILE.kpi [--replace OLD NEW] [--hover WORD] [--lang en|th]

It speaks the Language Server Protocol over the server's standard input and output
(JSON-RPC messages, each after a Content-Length header), as VS Code does
(editors/vscode). Needs the `lsp` extra: pip install 'kpidsl[lsp]'.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


class Session:
    def __init__(self, lang: str):
        self.server = subprocess.Popen([sys.executable, "-m", "kpidsl", "lsp"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE)
        self.next_id = 0
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                    "initializationOptions": {"lang": lang}})
        self.notify("initialized", {})

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.server.stdin.flush()

    def receive(self) -> dict:
        length = 0
        while line := self.server.stdout.readline().strip():
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.server.stdout.read(length))

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict) -> dict | None:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:  # notifications the server sends meanwhile are not this answer
            message = self.receive()
            if message.get("id") == self.next_id:
                return message.get("result")

    def diagnostics(self, uri: str) -> list[dict]:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        self.server.wait(timeout=10)


def position_of(text: str, word: str) -> dict:
    """Where ``word`` first stands, as LSP counts: a line and UTF-16 code units."""
    index = text.index(word)
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": len(text[start:index].encode("utf-16-le")) // 2}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--replace", nargs=2, metavar=("OLD", "NEW"), help="change the text as typed, once")
    ap.add_argument("--hover", metavar="WORD", help="hover over the first place of WORD")
    ap.add_argument("--lang", choices=("th", "en"), default="en")
    args = ap.parse_args()
    text = args.file.read_text(encoding="utf-8")
    if args.replace:
        text = text.replace(args.replace[0], args.replace[1], 1)
    uri = args.file.resolve().as_uri()
    session = Session(args.lang)
    try:
        session.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "kpi", "version": 1,
                                                                 "text": text}})
        for d in session.diagnostics(uri):
            start = d["range"]["start"]
            print(f"{start['line'] + 1}:{start['character'] + 1} {d['code']} {d['message']}")
        if args.hover:
            found = session.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                           "position": position_of(text, args.hover)})
            print(found["contents"]["value"] if found else "(nothing to say)")
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
