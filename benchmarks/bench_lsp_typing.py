"""`kpidsl lsp` as a staff member types: one didChange a keystroke. A script, not a test.

    python benchmarks/bench_lsp_typing.py [--ruleset rules/2554] [--every 1]

1. Starts `kpidsl lsp` over stdio (Content-Length frames written by hand, as an editor
   writes them: tests/lsp_stdio.py) on a copy of the rule set, opens its agreement
   province_example.kpi (rules/2554, the largest shipped rule set: 19 files, 228 KiB) and types a new indicator
   into dimension 1 a code point at a time, as incremental changes in UTF-16 positions:
   a comment with an emoji (two UTF-16 units, one keystroke), Thai with its vowels and
   tone marks (each its own code point), a misspelt key (น้ำหนก) mended afterwards by a
   vowel put back mid-word, a weight that breaks dimension 1's total (W003) mended by
   changing p1's weight, an emoji deleted with one backspace and typed again.
2. After each keystroke it asks for the document's symbols (as an editor's outline does)
   and waits for the answer: pygls handles messages in order, so by then
   the keystroke's diagnostics are published. The diagnostics last published for every
   file of the rule set must then be those `kpidsl check --format json` gives for the
   same text on disk (its code, severity, message and hint, and its range converted to
   UTF-16 here, not by kpidsl's own converter): every --every'th keystroke in process
   (check_paths and the json report, as the command runs them), and by the command
   itself, as a subprocess, at the end.
3. With --features, after each keystroke it also asks for every feature at the cursor
   (hover, completion, definition, references, prepareRename, semantic tokens, quick fixes
   for the diagnostics published, formatting): none may answer with an error.
4. Counts the keystrokes after which the outline came back empty (a file that does not
   parse is read from a recovered tree: kpidsl/syntax/recover.py), and times the answers
   apart while the file parses and while a bracket is left open (S004, S007 published).
5. Prints the median and 95th percentile of the time from didChange to the
   publishDiagnostics of the typed file (the keystrokes whose diagnostics changed) and
   to the answer of the request after it (every keystroke).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from lsp_stdio import StdioClient  # noqa: E402  tests/lsp_stdio.py: the Content-Length frames
from kpidsl.check import check_paths  # noqa: E402
from kpidsl.diagnostics.render import json_report  # noqa: E402

AGREEMENT = Path("agreements") / "province_example.kpi"
UNPARSED = ("S004", "S007")  # a bracket left open: the file gives the checker no tree


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Editor(StdioClient):
    """`kpidsl lsp` over stdio (tests/lsp_stdio.py); each message read is kept with the time
    it arrived."""

    def __init__(self, lang: str) -> None:
        self.published: dict[str, list[dict]] = {}
        self.published_at: dict[str, float] = {}
        self.shown: list[dict] = []
        super().__init__(lang)

    def heard(self, at: float, message: dict) -> None:
        if message.get("method") == "textDocument/publishDiagnostics":
            uri = message["params"]["uri"]
            self.published[uri] = message["params"]["diagnostics"]
            self.published_at[uri] = at
        elif message.get("method") == "window/showMessage":
            self.shown.append(message)

    def request(self, method: str, params) -> tuple[float, dict]:
        return self.answer(method, params)

    def stop(self) -> str:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.exited()


class Buffer:
    """The editor's text of one document and the incremental changes typing makes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _offset(self, line: int, character: int) -> int:
        lines = self.text.split("\n")
        head = sum(len(t) + 1 for t in lines[:line])
        units = 0
        for i, ch in enumerate(lines[line]):
            if units >= character:
                return head + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return head + len(lines[line])

    def position(self, offset: int) -> dict:
        before = self.text[:offset].split("\n")
        return {"line": len(before) - 1, "character": utf16(before[-1])}

    def replace(self, start: int, end: int, new: str) -> dict:
        change = {"range": {"start": self.position(start), "end": self.position(end)}, "text": new}
        self.text = self.text[:start] + new + self.text[end:]
        return change


def keystrokes(buffer: Buffer):
    """(what, start, end, text) of each keystroke, the buffer's offsets worked out as it is typed."""
    text = buffer.text
    anchor = text.index("        }\n    }\n    มิติ 2")
    at = anchor + len("        }")
    typed = ("\n        # ตัวชี้วัดใหม่ 🎯 ทดลองพิมพ์"
             '\n        ตัวชี้วัด p5 "ร้อยละของผู้สูงอายุที่ได้รับการดูแลถึงบ้าน" น้ำหนก 10 {'
             '\n            หน่วย "ร้อยละ"'
             "\n            เกณฑ์ 60 65 70 75 80"
             "\n            ข้อมูลพื้นฐาน 2553 62.5"
             '\n            คำอธิบาย "เยี่ยมบ้าน 👵🏽 ครบทุกราย"'
             '\n            นิยาม "ผู้สูงอายุ" "ผู้มีอายุ 60 ปีขึ้นไป"'
             '\n            สูตรการคำนวณ "ผู้ได้รับการเยี่ยม / ผู้สูงอายุทั้งหมด × 100"'
             '\n            เงื่อนไข "นับถึง 30 ก.ย. 2554"'
             "\n        }")
    for ch in typed:
        yield "type", at, at, ch
        at += len(ch)
    # the misspelt key: the vowel ั put back between ห and น of น้ำหนก
    wrong = buffer.text.index("น้ำหนก 10")
    yield "mend", wrong + 5, wrong + 5, "ั"
    # dimension 1 now weighs 60 against its 50: p1's 50 becomes 40 (backspace, then 4)
    p1 = buffer.text.index("น้ำหนัก 50 {", buffer.text.index('ตัวชี้วัด p1 "')) + len("น้ำหนัก ")
    yield "backspace", p1, p1 + 1, ""
    yield "type", p1, p1, "4"
    # the comment's emoji: one backspace removes both its UTF-16 units, then typed again
    emoji = buffer.text.index("🎯")
    yield "backspace", emoji, emoji + 1, ""
    yield "type", emoji, emoji, "🎯"


def expected(root: Path, lang: str) -> dict[str, list[tuple]]:
    """What `kpidsl check --format json` says of ``root``, by file (relative path), each a
    (code, severity, message with its hint, range in UTF-16 units)."""
    result = check_paths([root])
    return _by_file(json.loads(json_report(result.diagnostics, lang, (0, 0, 0))), root)


def _by_file(report: dict, root: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    texts: dict[str, list[str]] = {}
    for d in report["diagnostics"]:
        lines = texts.setdefault(d["path"], Path(d["path"]).read_text(encoding="utf-8").split("\n"))

        def at(line: int, column: int) -> tuple[int, int]:
            return line - 1, utf16(lines[line - 1][:column - 1]) if line - 1 < len(lines) else column - 1

        out.setdefault(os.path.relpath(d["path"], root), []).append(
            (d["code"], d["severity"], d["message"], d["hint"], at(d["line"], d["column"]),
             at(d["end_line"], d["end_column"])))
    return out


def published(editor: Editor, root: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    severity = {1: "error", 2: "warning"}
    for uri, diags in editor.published.items():
        rel = os.path.relpath(uri.removeprefix("file://"), root)
        for d in diags:
            message, _, hint = d["message"].partition("\n")
            hint = hint.split(": ", 1)[1] if hint else ""
            r = d["range"]
            out.setdefault(rel, []).append((d["code"], severity[d["severity"]], message, hint,
                                             (r["start"]["line"], r["start"]["character"]),
                                             (r["end"]["line"], r["end"]["character"])))
    return {k: v for k, v in out.items() if v}


def _features(uri: str, at: dict, diagnostics: list[dict]):
    """A request of each feature the server offers, at the cursor (as an editor asks while one
    types: hover, completion, highlighting, quick fixes) and of the whole document."""
    doc = {"uri": uri}
    here = {"textDocument": doc, "position": at}
    yield "textDocument/hover", here
    yield "textDocument/completion", here
    yield "textDocument/definition", here
    yield "textDocument/references", {**here, "context": {"includeDeclaration": True}}
    yield "textDocument/prepareRename", here
    yield "textDocument/semanticTokens/full", {"textDocument": doc}
    yield "textDocument/codeAction", {"textDocument": doc, "range": {"start": at, "end": at},
                                      "context": {"diagnostics": diagnostics}}
    yield "textDocument/formatting", {"textDocument": doc, "options": {"tabSize": 4, "insertSpaces": True}}


def run(ruleset: Path, every: int, lang: str, features: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        served, checked = Path(tmp) / "served" / ruleset.name, Path(tmp) / "checked" / ruleset.name
        shutil.copytree(ruleset, served)
        shutil.copytree(ruleset, checked)
        editor = Editor(lang)
        editor.initialized()
        uri = (served / AGREEMENT).as_uri()
        buffer = Buffer((served / AGREEMENT).read_text(encoding="utf-8"))
        editor.opened(uri, buffer.text)
        editor.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        to_publish, to_settled, mismatches, failed = [], [], [], []
        empty = 0  # keystrokes after which the outline was empty (the file not parsed, nor recovered)
        settled_parsed, settled_unparsed = [], []  # to_settled, split by whether the file then parsed
        version = 1
        for n, (what, start, end, new) in enumerate(keystrokes(buffer)):
            change = buffer.replace(start, end, new)
            version += 1
            before = editor.published_at.get(uri)
            sent = time.perf_counter()
            editor.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [change]})
            at, answer = editor.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
            if "error" in answer:
                failed.append((n, what, answer))
            elif not answer.get("result"):
                empty += 1
            to_settled.append(at - sent)
            unparsed = any(d.get("code") in UNPARSED for d in editor.published.get(uri, []))
            (settled_unparsed if unparsed else settled_parsed).append(at - sent)
            if editor.published_at.get(uri) != before:
                to_publish.append(editor.published_at[uri] - sent)
            if features:
                cursor = buffer.position(start + len(new))
                for method, params in _features(uri, cursor, editor.published.get(uri, [])):
                    _, answer = editor.request(method, params)
                    if "error" in answer:
                        failed.append((n, method, cursor, answer))
            if n % every == 0 or what != "type":
                (checked / AGREEMENT).write_text(buffer.text, encoding="utf-8")
                want, got = expected(checked, lang), published(editor, served)
                if want != got:
                    mismatches.append((n, what, repr(new), want, got))
        (checked / AGREEMENT).write_text(buffer.text, encoding="utf-8")
        command = subprocess.run([sys.executable, "-m", "kpidsl", "check", "--format", "json", "--lang", lang,
                                  str(checked)], capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        final = _by_file(json.loads(command.stdout), checked)
        if final != published(editor, served):
            mismatches.append(("end", "kpidsl check", "", final, published(editor, served)))
        log = editor.stop()
    return {"keystrokes": n + 1, "publish": to_publish, "settled": to_settled, "mismatches": mismatches, "empty": empty,
            "settled, the file parsing": settled_parsed, "settled, a bracket unclosed": settled_unparsed,
            "failed": failed, "log": log, "final": final, "text": buffer.text}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ruleset", type=Path, default=REPO / "rules" / "2554")
    parser.add_argument("--every", type=int, default=1, help="compare with the checker every N keystrokes")
    parser.add_argument("--lang", choices=("th", "en"), default="th")
    parser.add_argument("--features", action="store_true",
                        help="after each keystroke also ask every feature at the cursor (no timing then)")
    args = parser.parse_args()
    got = run(args.ruleset.resolve(), args.every, args.lang, args.features)
    print(f"kpidsl lsp on {args.ruleset.name}, {got['keystrokes']} keystrokes into {AGREEMENT}:")
    for name in ("publish", "settled", "settled, the file parsing", "settled, a bracket unclosed"):
        ms = [v * 1000 for v in got[name]]
        if not ms:
            continue
        what = {"publish": "didChange → publishDiagnostics", "settled": "didChange → symbols answered"}.get(
            name, f"  {name.removeprefix('settled, ')}")
        print(f"    {what:<32} median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms   "
              f"max {max(ms):7.1f} ms   ({len(ms)} keystrokes)")
    print(f"    outline empty after {got['empty']} of {got['keystrokes']} keystrokes")
    print(f"    diagnostics unlike kpidsl check's: {len(got['mismatches'])}; requests failed: {len(got['failed'])}; "
          f"server log lines: {len(got['log'].splitlines())}")
    for m in got["mismatches"][:3]:
        print("    mismatch:", m)
    for f in got["failed"][:3]:
        print("    failed:", f)
    print("    at the end:", {k: [d[0] for d in v] for k, v in got["final"].items()})
    return 1 if got["mismatches"] or got["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
