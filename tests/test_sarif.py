"""Machine formats checked against what their consumers document: SARIF output against the
official SARIF 2.1.0 JSON Schema (OASIS, errata 01, a verbatim copy in tests/fixtures/sarif),
GitHub annotations against the escaping of actions/toolkit's command.ts (data: `%` `\\r` `\\n`;
properties: those and `:` `,`)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.diagnostics import Diagnostic
from toolkit.render.diagnostics import Summary, github, sarif

SCHEMA_PATH = Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
OASIS_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

# RFC 3986 URI-reference: unreserved, reserved and percent-encoded characters only.
# (jsonschema checks the schema's "uri"/"uri-reference" formats only with rfc3987 installed.)
URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def check(validator: jsonschema.protocols.Validator, output: str) -> dict:
    """The log parsed, valid against the schema, with URIs and rule references in order."""
    log = json.loads(output)
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(log)
    ]
    assert not errors, "\n".join(errors)
    for absolute in (log["$schema"], log["runs"][0]["tool"]["driver"]["informationUri"]):
        assert urlsplit(absolute).scheme == "https" and URI_CHARACTERS.fullmatch(absolute)
    for run in log["runs"]:
        rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
        assert len(rules) == len(set(rules))
        for result in run["results"]:
            assert rules[result["ruleIndex"]] == result["ruleId"]
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            assert URI_CHARACTERS.fullmatch(uri), uri
            assert urlsplit(uri).scheme == "", f"{uri} must stay a relative reference"
    return log


def results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def test_the_schema_is_the_official_one(validator: jsonschema.protocols.Validator) -> None:
    assert validator.schema["id"] == OASIS_ID
    assert validator.schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert validator.schema["properties"]["version"]["enum"] == ["2.1.0"]
    # The schema does reject what it should: a result without a message.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{}]}]}
    assert not validator.is_valid(bad)


def test_validate_sarif_with_errors_is_valid(
    validator: jsonschema.protocols.Validator, runner: CliRunner, workspace: Path
) -> None:
    (workspace / "audits" / "2026-Q4.yaml").write_text(
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\nitems:\n"
        "  culture:\n    level: 7\n  cultur:\n    level: 1\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--format", "sarif"])
    assert result.exit_code == 1
    log = check(validator, result.output)
    assert [
        (r["level"], r["locations"][0]["physicalLocation"]["region"]) for r in results(log)
    ] == [
        ("error", {"startLine": 7, "startColumn": 12}),
        ("error", {"startLine": 8, "startColumn": 3}),
    ]
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results(log)
    } == {"audits/2026-Q4.yaml"}


def test_lint_sarif_of_the_shipped_replies_is_valid(
    validator: jsonschema.protocols.Validator, runner: CliRunner, workspace: Path
) -> None:
    result = runner.invoke(cli, ["-C", str(workspace), "lint", "--format", "sarif"])
    assert result.exit_code == 1
    log = check(validator, result.output)
    report = json.loads(
        runner.invoke(cli, ["-C", str(workspace), "lint", "--format", "json"]).output
    )
    assert len(results(log)) == len(report["diagnostics"]) > 0
    assert {r["level"] for r in results(log)} == {"error", "warning", "note"}
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_an_empty_run_is_valid(
    validator: jsonschema.protocols.Validator, runner: CliRunner, workspace: Path
) -> None:
    for command in (
        ["lint", "--format", "sarif", "replies/payment-failed-good.md"],
        ["validate", "--format", "sarif"],
    ):
        result = runner.invoke(cli, ["-C", str(workspace), *command])
        assert result.exit_code == 0, result.output
        run = check(validator, result.output)["runs"][0]
        assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    check(validator, sarif([], Summary(0)))


def test_a_finding_without_a_line_is_valid(
    validator: jsonschema.protocols.Validator, runner: CliRunner, workspace: Path
) -> None:
    (workspace / "replies" / "utf16.md").write_bytes("Hello".encode("utf-16"))
    result = runner.invoke(
        cli, ["-C", str(workspace), "lint", "--format", "sarif", "replies/utf16.md"]
    )
    assert result.exit_code == 1
    (found,) = results(check(validator, result.output))
    assert found["ruleId"] == "encoding" and found["level"] == "error"
    assert found["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "replies/utf16.md"}}}
    ]
    direct = Diagnostic("replies/x.csv", None, None, "warning", "unreadable", "cannot read")
    check(validator, sarif([direct], Summary(1)))


@pytest.mark.skipif(sys.platform == "win32", reason="CR, LF and : are not allowed in file names")
def test_awkward_file_names_become_uri_references(
    validator: jsonschema.protocols.Validator, runner: CliRunner, workspace: Path
) -> None:
    name = "replies/a:b, 50%\r\n#x?.md"
    (workspace / name).write_text("Dear customer,\n\nThanks.\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(workspace), "lint", "--format", "sarif", name])
    (found,) = results(check(validator, result.output))
    uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "replies/a%3Ab%2C%2050%25%0D%0A%23x%3F.md"
    assert unquote(uri) == name


# --- GitHub annotations -----------------------------------------------------------------------

AWKWARD_PATH = "replies/a:b, 50%\r\nc.md"


@pytest.mark.parametrize(
    ("path", "message", "line"),
    [
        pytest.param(
            AWKWARD_PATH,
            "Plain message.",
            "::warning file=replies/a%3Ab%2C 50%25%0D%0Ac.md,line=3,col=7,"
            "title=sxt C/jargon::Plain message.",
            id="file-property",
        ),
        pytest.param(
            "replies/x.md",
            "100% sure: yes, no\nnext",
            "::warning file=replies/x.md,line=3,col=7,title=sxt C/jargon::"
            "100%25 sure: yes, no%0Anext",
            id="message-data",
        ),
        pytest.param(
            AWKWARD_PATH,
            "100% sure: yes, no\r\nnext",
            "::warning file=replies/a%3Ab%2C 50%25%0D%0Ac.md,line=3,col=7,"
            "title=sxt C/jargon::100%25 sure: yes, no%0D%0Anext",
            id="message-data-with-cr",
        ),
    ],
)
def test_github_annotation_escaping(path: str, message: str, line: str) -> None:
    finding = Diagnostic(path, 3, 7, "warning", "C/jargon", message)
    assert github([finding], Summary(1)).splitlines()[0] == line


def test_github_annotation_without_a_line() -> None:
    finding = Diagnostic("replies/x.csv", None, None, "error", "unreadable", "cannot read")
    assert github([finding], Summary(1)).splitlines()[0] == (
        "::error file=replies/x.csv,title=sxt unreadable::cannot read"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="CR, LF and : are not allowed in file names")
def test_github_annotation_of_a_real_awkward_file(runner: CliRunner, workspace: Path) -> None:
    name = "replies/a:b, 50%\r\nx.md"
    (workspace / name).write_text("Dear customer,\n\nThanks.\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(workspace), "lint", "--format", "github", name])
    first, summary = result.output.splitlines()
    assert first.startswith(
        "::warning file=replies/a%3Ab%2C 50%25%0D%0Ax.md,line=1,col=1,"
        "title=sxt P/generic-greeting::"
    )
    assert summary == "Found 1 warning in 1 of 1 file."


def test_github_annotation_neutralises_control_characters_in_file_names() -> None:
    finding = Diagnostic("replies/evil\u202egpj.\x1b]0;pwned\x07.md", 1, 1, "error", "x", "m")
    first = github([finding], Summary(1)).splitlines()[0]
    assert first == (
        "::error file=replies/evil\\u202egpj.\\x1b]0;pwned\\x07.md,line=1,col=1,title=sxt x::m"
    )


def test_sarif_rule_names_differ_from_their_ids(runner: CliRunner, workspace: Path) -> None:
    log = json.loads(runner.invoke(cli, ["-C", str(workspace), "lint", "--format", "sarif"]).output)
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule.get("name", "") != rule["id"]
