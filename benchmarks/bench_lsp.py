"""How fast does `kpidsl lsp` answer while a rule file is edited? A script, not a test.

    python benchmarks/bench_lsp.py [--edits 40] [--runs 5]

1. Starts `kpidsl lsp` (a subprocess over stdio, as an editor does) on a copy
   of rules/2555 and opens department.kpi.
2. --edits times: changes indicator 5's weight (7 → 8 and back, so the rule set
   alternates between a W001 error and clean), and measures, from the edit:
   (a) the diagnostics of department.kpi published,
   (b) a hover on indicator 5 answered (sent straight after the edit),
   (c) a completion inside indicator 5's block answered;
   then --edits/4 times (d) a rename of indicator 8 (in the agreement, its framework and two
   examples) answered, the renamed rule set checked by the server before it answers.
   Prints the median and the 95th percentile of each (goal: median ≤ 100 ms,
   p95 ≤ 250 ms).
3. Against: the wall time of `kpidsl check` on the same rule set as a
   subprocess (median of --runs).
4. Memory: the resident size of a server holding both shipped rule sets
   (rules/2554 and rules/2555, every file opened), from /proc (Linux).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
SERVER = [sys.executable, "-m", "kpidsl", "lsp"]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.published: dict[str, asyncio.Event] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, asyncio.Event()).set()

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def _shown(params: types.ShowMessageParams) -> None:
            pass  # a rename says which names results files need now

    async def diagnostics_of(self, uri: str) -> None:
        await asyncio.wait_for(self.published.setdefault(uri, asyncio.Event()).wait(), 60)
        self.published[uri].clear()


async def _start() -> Client:
    client = Client()
    await client.start_io(*SERVER)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         initialization_options={"lang": "en"}))
    client.initialized(types.InitializedParams())
    return client


async def _stop(client: Client) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def _open(client: Client, path: Path) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="kpi", version=1, text=path.read_text(encoding="utf-8"))))
    return uri


async def edits(ruleset: Path, count: int) -> dict[str, list[float]]:
    dept = ruleset / "department.kpi"
    lines = dept.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip().startswith('ตัวชี้วัด 5 "'))
    weight_at = lines[line].index("น้ำหนัก 7") + len("น้ำหนัก ")
    unit_line = next(i for i in range(line, len(lines)) if lines[i].strip().startswith("หน่วย"))
    client = await _start()
    uri = _open(client, dept)
    await client.diagnostics_of(uri)
    times: dict[str, list[float]] = {"diagnostics": [], "hover": [], "completion": []}
    doc = types.TextDocumentIdentifier(uri)
    for n in range(count):
        new = "8" if n % 2 == 0 else "7"
        change = types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, weight_at), types.Position(line, weight_at + 1)), text=new)
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=n + 2, uri=uri), [change]))
        hover = client.text_document_hover_async(types.HoverParams(doc, types.Position(line, 13)))
        completion = client.text_document_completion_async(types.CompletionParams(
            doc, types.Position(unit_line, 16)))
        await client.diagnostics_of(uri)
        times["diagnostics"].append(time.perf_counter() - start)
        found = await hover
        times["hover"].append(time.perf_counter() - start)
        assert found is not None and f"`department`: {new}" in found.contents.value, found
        items = await completion
        times["completion"].append(time.perf_counter() - start)
        assert any(i.label == "เกณฑ์" for i in items.items)
    await _stop(client)
    return times


async def renames(ruleset: Path, count: int) -> list[float]:
    """Rename indicator 8 (to 13) from the agreement's `ตัวชี้วัด 8 น้ำหนัก 6` line: the
    server tries the renamed rule set before it answers (kpidsl/lsp/rename.py)."""
    agreement = ruleset / "agreements" / "department_example.kpi"
    lines = agreement.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines) if "ตัวชี้วัด 8 น้ำหนัก 6" in t)
    at = types.Position(line, lines[line].index("8"))
    client = await _start()
    uri = _open(client, agreement)
    await client.diagnostics_of(uri)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        edit = await client.text_document_rename_async(
            types.RenameParams(types.TextDocumentIdentifier(uri), at, "13"))
        times.append(time.perf_counter() - start)
        assert len(edit.changes) == 3, edit
    await _stop(client)
    return times


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def memory() -> tuple[int, int, int]:
    """RSS (KiB) of the server: started, then holding rules/2554 and rules/2555 with every file open."""
    client = await _start()
    pid = client._server.pid  # the subprocess pygls started
    await asyncio.sleep(0.2)
    idle = _rss_kib(pid)
    files = sorted((REPO / "rules").rglob("*.kpi"))
    for path in files:
        uri = _open(client, path)
        await client.diagnostics_of(uri)
    # a hover in each rule set compiles its plan too
    for ruleset in ("2554", "2555"):
        path = next(p for p in files if p.parent.name == ruleset)
        await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(path.as_uri()),
                                                                 types.Position(0, 0)))
    held = _rss_kib(pid)
    await _stop(client)
    return idle, held, len(files)


def check_wall(ruleset: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kpidsl", "check", str(ruleset)], capture_output=True, check=False)
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ruleset = Path(tmp) / "2555"
        shutil.copytree(REPO / "rules" / "2555", ruleset)
        times = asyncio.run(edits(ruleset, args.edits))
        times["rename"] = asyncio.run(renames(ruleset, max(args.edits // 4, 1)))
        wall = check_wall(ruleset, args.runs)
    print(f"kpidsl lsp on rules/2555, {args.edits} edits of department.kpi (indicator 5's weight):")
    for name, values in times.items():
        ms = [v * 1000 for v in values]
        what = "rename 8 → 13 " if name == "rename" else f"edit → {name:<12}"
        print(f"    {what:<19} median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms")
    print("    goal: median <= 100 ms, p95 <= 250 ms")
    print(f"kpidsl check rules/2555 (subprocess), median of {args.runs}: {statistics.median(wall) * 1000:7.1f} ms")
    if os.path.exists("/proc/self/status"):
        idle, held, files = asyncio.run(memory())
        print(f"server memory (RSS): {idle / 1024:.1f} MiB started, {held / 1024:.1f} MiB holding rules/2554 and "
              f"rules/2555 ({files} files open)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
