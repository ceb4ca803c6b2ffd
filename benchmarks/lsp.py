"""`sxt lsp` as an editor sees it: JSON-RPC over the server's stdin and stdout, timed from
this side of the pipe.

    python benchmarks/lsp.py [--edits 40] [--starts 7]

Figures: start-up (process spawn to the initialize response, median of --starts servers),
then, in a workspace made by `sxt init` with the audit fixture's audits copied in, the time
from sending an edit (didChange) to receiving the diagnostics of that version, for a reply
and for an audit, median and 90th percentile of --edits edits each. Targets: start-up under
1 s, a reply within 50 ms, an audit within 100 ms (medians). Printed, never asserted.

The client is written out here (about forty lines) rather than taken from pygls or
pytest-lsp, so that what is timed is the server and the pipe, not a client library's loop.
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AUDITS = ROOT / "tests" / "fixtures" / "audit-workspace" / "audits"
SXT = [sys.executable, "-m", "toolkit"]
SCRIPT = Path(sys.executable).parent / "sxt"


class Client:
    """The smallest LSP client: Content-Length framing, requests by id, notifications."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        """Waits for the diagnostics of `uri` at `version` (earlier versions' are skipped)."""
        while True:
            message = self.receive()
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] == uri and params.get("version", version) >= version:
                return list(params["diagnostics"])

    def close(self) -> None:
        self.request("shutdown", {})
        self.notify("exit", {})
        self.process.wait(timeout=10)


def initialize(client: Client, workspace: Path) -> None:
    client.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "capabilities": {},
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": "bench"}],
        },
    )
    client.notify("initialized", {})


def start_up(command: list[str], workspace: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client = Client(command, workspace)
        initialize(client, workspace)
        times.append(time.perf_counter() - started)
        client.close()
    return times


def edits(client: Client, path: Path, language: str, count: int, edit: Any) -> list[float]:
    """Opens `path`, then sends `count` whole-line edits made by `edit(text, n)` and times
    each until its version's diagnostics arrive."""
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
    )
    client.diagnostics(uri, 1)
    times = []
    for n in range(count):
        version = n + 2
        line, old, new = edit(text, n)
        started = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": line, "character": 0},
                            "end": {"line": line, "character": len(old)},
                        },
                        "text": new,
                    }
                ],
            },
        )
        client.diagnostics(uri, version)
        times.append(time.perf_counter() - started)
        text = "\n".join(new if i == line else t for i, t in enumerate(text.split("\n")))
    return times


def reply_edit(text: str, n: int) -> tuple[int, str, str]:
    """Rewrites the reply's last body line, now with jargon, now without, as a person types."""
    lines = text.split("\n")
    line = max(i for i, t in enumerate(lines) if t.strip())
    words = ["Kindly revert back", "Please reply", "Thanks for waiting"][n % 3]
    return line, lines[line], f"{words} if anything is unclear ({n})."


def audit_edit(text: str, n: int) -> tuple[int, str, str]:
    """Changes the first item's level, 0 to 4 and round again."""
    lines = text.split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip().startswith("level:"))
    indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
    return line, lines[line], f"{indent}level: {n % 5}"


def summary(name: str, times: list[float], target_ms: float) -> str:
    ms = sorted(t * 1000 for t in times)
    median = statistics.median(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    held = "held" if median < target_ms else "NOT held"
    return (
        f"  {name:<34} median {median:7.1f} ms  p90 {p90:7.1f} ms  "
        f"(n={len(ms)}, target < {target_ms:g} ms: {held})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--starts", type=int, default=7)
    arguments = parser.parse_args()
    sxt = [str(SCRIPT)] if SCRIPT.exists() else SXT
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "w"
        subprocess.run([*sxt, "init", str(workspace)], capture_output=True, check=True)
        shutil.copytree(AUDITS, workspace / "audits", dirs_exist_ok=True)
        documents = sum(1 for p in workspace.rglob("*.*") if ".sxt" not in p.parts)
        starts = start_up([*sxt, "lsp"], workspace, arguments.starts)
        client = Client([*sxt, "lsp"], workspace)
        initialize(client, workspace)
        reply = workspace / "replies" / "jargon-bad.md"
        reply_times = edits(client, reply, "markdown", arguments.edits, reply_edit)
        audit = workspace / "audits" / "2026-Q4.yaml"
        audit_times = edits(client, audit, "yaml", arguments.edits, audit_edit)
        client.close()
    print(f"sxt lsp over stdio, Python {sys.version.split()[0]}, workspace of {documents} files")
    print(summary("start-up (spawn to initialize)", starts, 1000))
    print(summary("edited reply to its diagnostics", reply_times, 50))
    print(summary("edited audit to its diagnostics", audit_times, 100))


if __name__ == "__main__":
    main()
