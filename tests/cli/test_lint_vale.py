"""`sxt lint` with a real Vale package as its guide: a slice of errata-ai/proselint
(tests/fixtures/vale/styles/proselint, BSD 3-Clause, see SOURCE.md and LICENSE there).

The messages are proselint's own, as its features/rules.feature expects them ("'perchance' is
archaic.", "'exact estimate' is an oxymoron.", "Consider using 'avine' instead of
'bird-like'."); the reply is a support reply written for this test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli

PROSELINT = Path(__file__).resolve().parents[1] / "fixtures" / "vale" / "styles" / "proselint"
REPLY = """\
---
title: Icon update
---
Hi Sam,

We will, perchance, fix it today. That is our exact estimate.

The new icon looks bird-like.

Thanks, Alex
"""
FOUND = [
    "reply.md:6:10: error [proselint/Archaisms] 'perchance' is archaic.",
    "reply.md:6:47: error [proselint/Oxymorons] 'exact estimate' is an oxymoron.",
    "reply.md:8:20: error [proselint/AnimalLabels] Consider using 'avine' instead of 'bird-like'.",
]


def test_lint_with_a_vale_package(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "reply.md").write_text(REPLY, encoding="utf-8")
    result = runner.invoke(
        cli, ["-C", str(tmp_path), "lint", "--guide", str(PROSELINT), "reply.md"]
    )
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == FOUND
    assert "proselint style: 3" in lines
    assert "Linted 1 reply with proselint (Vale)." in lines
    assert result.stderr == ""  # every rule of the slice is one sxt reads


def test_a_workspace_default_can_name_a_style_folder(runner: CliRunner, workspace: Path) -> None:
    """`defaults.tone_guide` naming a folder, relative to the workspace; `sxt validate`
    takes it, and `sxt lint` reads it from a subfolder too."""
    shutil.copytree(PROSELINT, workspace / "styles" / "proselint")
    settings = workspace / "sxt.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("tone_guide: preach", "tone_guide: styles/proselint"))
    (workspace / "replies" / "icon.md").write_text(REPLY, encoding="utf-8")
    assert runner.invoke(cli, ["-C", str(workspace), "validate"]).exit_code == 0
    result = runner.invoke(
        cli, ["-C", str(workspace / "replies"), "lint", "--format", "json", "icon.md"]
    )
    codes = [finding["code"] for finding in json.loads(result.stdout)["diagnostics"]]
    assert codes == ["proselint/Archaisms", "proselint/Oxymorons", "proselint/AnimalLabels"]


def test_left_out_rules_are_warned_about_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    """A rule RE2 cannot compile is a warning at its line, on standard error, so that the
    chosen output format stays clean; the other rules still lint."""
    style = tmp_path / "House"
    shutil.copytree(PROSELINT, style)
    (style / "Lookbehind.yml").write_text(
        "extends: existence\nmessage: x\ntokens:\n  - '(?<=\\$)\\d+'\n", encoding="utf-8"
    )
    (tmp_path / "reply.md").write_text(REPLY, encoding="utf-8")
    result = runner.invoke(
        cli, ["-C", str(tmp_path), "lint", "--guide", "House", "--format", "json", "reply.md"]
    )
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["diagnostics"]) == 3
    assert result.stderr.startswith("House/Lookbehind.yml:4:5: warning pattern '(?<=\\$)\\d+'")
