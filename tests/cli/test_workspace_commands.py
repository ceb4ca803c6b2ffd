from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from initialised import initialised_document_count

from toolkit.cli.main import cli
from toolkit.core.content import shipped_files
from toolkit.core.names import KINDS


def test_init_creates_a_valid_workspace_and_says_what_it_created(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["-C", str(tmp_path), "init", "w"])
    assert result.exit_code == 0, result.output
    root = tmp_path / "w"
    for relative in ["sxt.yaml", *map(str, shipped_files()), ".sxt/schemas/audit.schema.json"]:
        assert (root / relative).is_file(), relative
        assert f"+ {relative}  (created)" in result.output
    assert (root / "audits").is_dir() and (root / "shops").is_dir()
    checked = runner.invoke(cli, ["-C", str(root), "validate"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.strip() == f"No problems found in {initialised_document_count()} files."


def test_init_writes_the_schema_modeline_relative_to_each_file(workspace: Path) -> None:
    assert (
        (workspace / "sxt.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=.sxt/schemas/workspace.schema.json\n")
    )
    checklist = (workspace / "checklists/ten-point.yaml").read_text()
    assert checklist.startswith(
        "# yaml-language-server: $schema=../.sxt/schemas/checklist.schema.json\n"
    )
    assert checklist.count("yaml-language-server") == 1
    scorecard = (workspace / "checklists/chat-email.yaml").read_text()
    assert scorecard.startswith(
        "# yaml-language-server: $schema=../.sxt/schemas/scorecard.schema.json\n"
    )
    for kind in KINDS:
        schema = json.loads((workspace / f".sxt/schemas/{kind}.schema.json").read_text())
        assert schema["$id"].endswith(f"/{kind}.schema.json")


def test_init_never_overwrites_without_force(runner: CliRunner, workspace: Path) -> None:
    settings = workspace / "sxt.yaml"
    settings.write_text(settings.read_text().replace("Test Support", "Edited by hand"))
    result = runner.invoke(cli, ["init", str(workspace)])
    assert result.exit_code == 0
    assert "= sxt.yaml  (kept)" in result.output
    assert "use --force to overwrite" in result.output
    assert "Edited by hand" in settings.read_text()
    forced = runner.invoke(cli, ["init", str(workspace), "--force", "--name", "Acme"])
    assert "~ sxt.yaml  (overwritten)" in forced.output
    assert 'name: "Acme"' in settings.read_text()


def test_init_into_a_file_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = runner.invoke(cli, ["init", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert "is a file" in result.output


def test_validate_finds_the_workspace_by_walking_up(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["-C", str(workspace / "checklists"), "validate"])
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output


def test_validate_outside_a_workspace_is_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["-C", str(tmp_path), "validate"])
    assert result.exit_code == 2
    assert "not inside an sxt workspace" in result.output
    assert "sxt init" in result.output


def test_missing_path_is_a_usage_error(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "nope.yaml"])
    assert result.exit_code == 2
    assert "no such file or folder: nope.yaml" in result.output


def break_audit(workspace: Path) -> Path:
    audit = workspace / "audits" / "2026-Q4.yaml"
    audit.write_text(
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\nitems:\n"
        "  culture:\n    level: 7\n  cultur:\n    level: 1\n",
        encoding="utf-8",
    )
    return audit


def test_validate_text_output_and_exit_code(runner: CliRunner, workspace: Path) -> None:
    break_audit(workspace)
    result = runner.invoke(cli, ["-C", str(workspace), "validate"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "audits/2026-Q4.yaml:7:12: error: items.culture.level: 7 is greater than the maximum 4",
        "audits/2026-Q4.yaml:8:3: error: unknown item 'cultur' in checklist 'ten-point'; "
        "did you mean 'culture'?",
        f"Found 2 errors in 1 of {len(shipped_files()) + 3} files.",
    ]


def test_validate_one_file_resolves_references_in_its_workspace(
    runner: CliRunner, workspace: Path
) -> None:
    audit = break_audit(workspace)
    (workspace / "checklists" / "ten-point.yaml").rename(workspace / "checklists" / "ours.yaml")
    result = runner.invoke(cli, ["-C", str(workspace), "validate", str(audit)])
    assert result.output.splitlines()[0] == (
        "audits/2026-Q4.yaml:3:12: error: unknown checklist 'ten-point'; expected one of 'ours'"
    )


def test_validate_json_format(runner: CliRunner, workspace: Path) -> None:
    break_audit(workspace)
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["summary"] == {
        "files": len(shipped_files()) + 3,  # sxt.yaml, the audit, metrics definitions
        "files_with_problems": 1,
        "errors": 2,
        "warnings": 0,
        "suggestions": 0,
    }
    assert report["diagnostics"][0] == {
        "path": "audits/2026-Q4.yaml",
        "line": 7,
        "col": 12,
        "severity": "error",
        "code": "schema",
        "message": "items.culture.level: 7 is greater than the maximum 4",
    }


def test_validate_github_annotations_are_escaped(runner: CliRunner, workspace: Path) -> None:
    (workspace / "audits" / "odd, name%.yaml").write_text("sxt: 1\nkind: audit\n", encoding="utf-8")
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--format", "github"])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(
        "::error file=audits/odd%2C name%25.yaml,line=1,col=1,title=sxt missing-key::"
    )


def test_validate_sarif_is_well_formed(runner: CliRunner, workspace: Path) -> None:
    break_audit(workspace)
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--format", "sarif"])
    log = json.loads(result.output)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "sxt"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, "startColumn": 12}
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert [rules[r["ruleIndex"]] for r in run["results"]] == [r["ruleId"] for r in run["results"]]


def test_fail_level_warning_still_passes_a_clean_workspace(
    runner: CliRunner, workspace: Path
) -> None:
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--fail-level", "suggestion"])
    assert result.exit_code == 0


def test_control_sequences_in_user_text_are_escaped(runner: CliRunner, workspace: Path) -> None:
    (workspace / "audits" / "x.yaml").write_text(
        'sxt: 1\nkind: audit\nchecklist: "ten-\\x1b[31mpoint"\nquarter: 2026-Q4\nitems: {}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["-C", str(workspace), "validate"], color=True)
    assert "\x1b[31m" not in result.output.replace(  # only sxt's own styling may colour
        "\x1b[31m\x1b[1merror", ""
    )
    assert "\\x1b[31m" in result.output


def test_schema_prints_each_kind(runner: CliRunner) -> None:
    for kind in KINDS:
        result = runner.invoke(cli, ["schema", kind])
        assert result.exit_code == 0
        assert json.loads(result.output)["$id"].endswith(f"/{kind}.schema.json")


def test_schema_unknown_kind_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema", "checklst"])
    assert result.exit_code == 2
    assert "checklist" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert re.fullmatch(r"sxt \d+\.\d+\.\d+\n", result.output)


def test_bare_sxt_without_a_terminal_prints_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, [])
    assert result.exit_code == 0
    assert "Usage: sxt" in result.output
    assert "validate" in result.output


def test_help_lists_commands_in_the_order_a_newcomer_needs_them(runner: CliRunner) -> None:
    output = runner.invoke(cli, ["--help"]).output
    positions = [output.index(f"  {name} ") for name in ("init", "validate", "schema", "tui")]
    assert positions == sorted(positions)


def test_no_color_is_respected(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_audit(workspace)
    monkeypatch.setitem(os.environ, "NO_COLOR", "1")
    result = runner.invoke(cli, ["-C", str(workspace), "validate"], color=True)
    assert "\x1b[" not in result.output


def test_validate_junit_lists_each_broken_file(runner: CliRunner, workspace: Path) -> None:
    import xml.etree.ElementTree as ET

    break_audit(workspace)
    result = runner.invoke(cli, ["-C", str(workspace), "validate", "--format", "junit"])
    assert result.exit_code == 1
    suite = ET.fromstring(result.output).find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    (case,) = suite.findall("testcase")
    assert case.get("name") == "audits/2026-Q4.yaml"
