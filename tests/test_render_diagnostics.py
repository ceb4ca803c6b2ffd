"""Every diagnostics format keeps a user's text (a file name, a tone guide's letter in a
rule's code, a message) from reaching a terminal, a CI log or an XML parser raw."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.diagnostics import Diagnostic
from toolkit.render.diagnostics import Summary, render

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A tone guide's letter may be any three non-space characters, ESC among them: the code of
# each of its rules starts with it.
ESC_CODE = Diagnostic("replies/\x1b[2Jx.md", 3, 1, "error", "\x1b/rule", "Uh oh")


def test_text_escapes_the_code_as_well_as_the_place_and_message() -> None:
    output = render("text", [ESC_CODE], Summary(files=1, show_codes=True))
    assert "\x1b" not in output
    assert output.splitlines()[0] == "replies/\\x1b[2Jx.md:3:1: error [\\x1b/rule] Uh oh"


def test_junit_is_well_formed_xml_whatever_the_file_name_and_code() -> None:
    output = render("junit", [ESC_CODE], Summary(files=1))
    assert "\x1b" not in output
    case = ET.fromstring(output).find("testsuite/testcase")
    assert case is not None and case.get("name") == "replies/\\x1b[2Jx.md"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "error \\x1b/rule"


def test_json_and_sarif_escape_what_json_dumps_leaves_raw() -> None:
    """json.dumps escapes C0 controls only; the 8-bit CSI, DEL and bidi overrides are
    written as \\u escapes, and every parser still reads the message as it was."""
    hostile = Diagnostic("a\x9b.yaml", 1, 1, "error", "x", "csi\x9b31m del\x7f flip\u202e")
    for fmt, messages in (
        ("json", lambda log: [d["message"] for d in log["diagnostics"]]),
        ("sarif", lambda log: [r["message"]["text"] for r in log["runs"][0]["results"]]),
    ):
        output = render(fmt, [hostile], Summary(files=1))
        assert not re.search("[\x7f-\x9f\u202e]", output)
        assert "csi\\u009b31m del\\u007f flip\\u202e" in output
        assert messages(json.loads(output)) == [hostile.message]


def test_every_json_output_escapes_an_8_bit_csi(workspace: Path) -> None:
    """--format json of any command (here an audit's action title, quoted in YAML with
    an escape) and the journey's JSON export: no raw C1 control reaches the terminal."""
    audit = (FIXTURES / "audit-workspace" / "audits" / "2026-Q4.yaml").read_text("utf-8")
    (workspace / "audits").mkdir(exist_ok=True)
    (workspace / "audits" / "2026-Q4.yaml").write_text(
        audit.replace("Every new hire spends a week in support", '"csi \\x9b31m"'), "utf-8"
    )
    journey = workspace / "journeys" / "first-billing-issue.yaml"
    text = journey.read_text("utf-8")
    journey.write_text(text.replace("title: ", 'title: "csi \\x9b31m" #', 1), "utf-8")
    for line in (
        ("audit", "actions", "--format", "json"),
        ("journey", "export", "--format", "json"),
    ):
        result = CliRunner().invoke(cli, ["-C", str(workspace), *line])
        assert result.exit_code == 0, result.output
        assert "\x9b" not in result.output and "csi \\u009b31m" in result.output


def test_lint_escapes_a_reply_locale_it_skips(workspace: Path) -> None:
    """The closing lines name each skipped reply's locale (and the guide's letters and
    title): a reply's front matter must not steer the terminal through them. Found by
    benchmarks/fuzz.py."""
    reply = workspace / "replies" / "ko-payment-failed-good.md"
    text = reply.read_text("utf-8")
    reply.write_text(text.replace("locale: ko", 'locale: "\\e]0;pwned\\a"', 1), "utf-8")
    result = CliRunner().invoke(cli, ["-C", str(workspace), "lint"])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Skipped 1 reply in \\x1b]0;pwned\\x07: not a locale of PREACH." in result.output


def test_text_in_chunks_is_the_text(monkeypatch) -> None:
    """A large run writes its text in blocks; joined, they are exactly the text."""
    from toolkit.core.diagnostics import Diagnostic
    from toolkit.render import diagnostics as rendering

    found = [
        Diagnostic(f"r{i}.md", i + 1, 2, "warning", "C/jargon", f"message {i} 🎉") for i in range(7)
    ]
    summary = rendering.Summary(7, show_codes=True, details=("detail",))
    monkeypatch.setattr(rendering, "_CHUNK_LINES", 3)
    chunks = list(rendering.render_chunks("text", found, summary))
    assert len(chunks) == 4  # 3 + 3 + 1 findings, then the details and summary
    assert "\n".join(chunks) == rendering.text(found, summary)
    assert rendering.text(found, summary).count("\n") == 8
