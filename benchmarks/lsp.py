"""Language-server speed, as an editor sees it: `sxt lsp` started as a new process and
spoken to over stdio with JSON-RPC, the way Neovim, Helix or VS Code do.

    python benchmarks/lsp.py [--edits 40]

Prints: start-up (process spawn to the initialize response), and the time from sending an
edit (didChange, whole document) to receiving its publishDiagnostics, median and 90th
percentile over --edits edits, for a reply under replies/ and for a quarterly audit (the
fixture workspace's 2026-Q4 audit, ten items with evidence and actions; every other edit
adds a schema error). Targets: start-up
under 1 s, a reply within 50 ms and an audit within 100 ms (medians). Printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "audit-workspace"
REPLY = """\
---
id: refund-delay
title: Refund delay
---
Hello Sam,

Kindly note that your refund of {amount} is on its way. Revert back if it has not arrived
within five working days{n}.

Best,
The billing team
"""


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, method: str, params: dict[str, Any], request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        number = None
        if request:
            self.next_id += 1
            number = message["id"] = self.next_id
        body = json.dumps(message).encode()
        stdin: IO[bytes] = self.process.stdin  # type: ignore[assignment]
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()
        return number

    def receive(self) -> dict[str, Any]:
        stdout: IO[bytes] = self.process.stdout  # type: ignore[assignment]
        length = 0
        while True:
            line = stdout.readline()
            if not line:
                raise RuntimeError("the server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(stdout.read(length))

    def until(self, wanted: Any) -> dict[str, Any]:
        while True:
            message = self.receive()
            if wanted(message):
                return message
            if "method" in message and "id" in message:  # a request to the client
                self.reply(message["id"])

    def reply(self, number: int) -> None:
        body = json.dumps({"jsonrpc": "2.0", "id": number, "result": None}).encode()
        stdin: IO[bytes] = self.process.stdin  # type: ignore[assignment]
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def close(self) -> None:
        number = self.send("shutdown", {}, request=True)
        self.until(lambda m: m.get("id") == number)
        self.send("exit", {})
        self.process.wait(timeout=10)


def diagnostics_of(uri: str, version: int) -> Any:
    def wanted(message: dict[str, Any]) -> bool:
        params = message.get("params") or {}
        return (
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return wanted


def edit_times(client: Client, path: Path, texts: list[str], language: str) -> list[float]:
    uri = path.as_uri()
    client.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": texts[0]}},
    )
    client.until(diagnostics_of(uri, 1))
    times = []
    found: dict[str, Any] = {}
    for version, text in enumerate(texts[1:], start=2):
        start = time.perf_counter()
        client.send(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        found = client.until(diagnostics_of(uri, version))
        times.append(time.perf_counter() - start)
    findings = len(found["params"]["diagnostics"])
    print(f"  {path.parent.name}/{path.name}: {findings} findings on the last edit")
    return times


def summary(name: str, times: list[float], target_ms: float) -> str:
    median = 1000 * statistics.median(times)
    p90 = 1000 * sorted(times)[int(0.9 * (len(times) - 1))]
    verdict = "under" if median < target_ms else "OVER"
    return (
        f"{name:34}{median:7.1f} ms median, {p90:6.1f} ms p90 over {len(times)} edits  "
        f"(target {target_ms:.0f} ms: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=40)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "w"
        shutil.copytree(FIXTURE, root)
        (root / "replies").mkdir(exist_ok=True)
        sxt = Path(sys.executable).parent / "sxt"
        start = time.perf_counter()
        client = Client([str(sxt), "lsp"], root)
        number = client.send(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
            request=True,
        )
        client.until(lambda m: m.get("id") == number)
        started = time.perf_counter() - start
        client.send("initialized", {})
        replies = [
            REPLY.format(amount=f"EUR {n}.00", n="" if n % 2 else " or so")
            for n in range(options.edits + 1)
        ]
        reply_times = edit_times(client, root / "replies" / "refund.md", replies, "markdown")
        audit = (root / "audits" / "2026-Q4.yaml").read_text(encoding="utf-8")
        # Every other edit breaks the audit (an unknown key: a schema error at its line).
        audits = [
            audit + f"\nedit_{n}: {n}\n" * (n > 0 and n % 2 == 0) for n in range(options.edits + 1)
        ]
        audit_times = edit_times(client, root / "audits" / "2026-Q4.yaml", audits, "yaml")
        client.close()
    verdict = "under" if started < 1 else "OVER"
    print(
        f"{'start-up (spawn to initialize)':34}{1000 * started:7.0f} ms  "
        f"(target 1000 ms: {verdict})"
    )
    print(summary("reply edited, diagnostics back", reply_times, 50))
    print(summary("audit edited, diagnostics back", audit_times, 100))


if __name__ == "__main__":
    main()
