"""A broken document never breaks the commands that read its neighbours: the broken file
reports its own errors at line:col, documents that refer to it say their references to it
were not checked, and nothing prints a traceback; nor does a folder the system will not
create."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

CHECKLIST = "checklists/ten-point.yaml"


def run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.mark.parametrize(
    "mutation",
    [
        lambda text: text.replace("items:", "items: 3\nx:", 1),
        lambda text: text.replace("items:", "items:\n  - 7\n", 1),
        lambda text: "sxt: 1\nkind: checklist\n",
    ],
    ids=["items-a-number", "an-item-a-number", "no-items"],
)
@pytest.mark.parametrize(
    "command", [("validate",), ("journey", "check"), ("audit", "report"), ("lint",)]
)
def test_a_broken_checklist(workspace: Path, mutation, command):
    path = workspace / CHECKLIST
    path.write_text(mutation(path.read_text("utf-8")), "utf-8")
    result = run(workspace, *command)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


def test_validate_names_the_broken_checklist_and_who_refers_to_it(workspace: Path):
    path = workspace / CHECKLIST
    path.write_text(path.read_text("utf-8").replace("items:", "items: 3\nx:", 1), "utf-8")
    result = run(workspace, "validate")
    assert result.exit_code == 1
    assert f"{CHECKLIST}:35:8: error: items: 3 is a whole number, expected a list" in result.output
    assert (
        "journeys/first-billing-issue.yaml: warning: its references to checklist 'ten-point' "
        f"are not checked: {CHECKLIST} has errors (fix that file first)"
    ) in result.output


@pytest.mark.parametrize(
    "settings",
    ["sxt: 1\ndefaults: 3\n", "sxt: 1\ndefaults:\n  tone_guide: [1]\n", "- a list\n"],
)
@pytest.mark.parametrize("command", [("validate",), ("lint",), ("journey", "check")])
def test_a_broken_sxt_yaml(workspace: Path, settings: str, command):
    (workspace / "sxt.yaml").write_text(settings, "utf-8")
    result = run(workspace, *command)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output


def test_what_the_system_refuses_is_a_clean_error(workspace: Path, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", "utf-8")
    made = CliRunner().invoke(cli, ["init", str(blocker / "service")])
    assert made.exit_code == 2
    assert made.output.strip() == f"Error: Not a directory: {blocker / 'service'}"
    shutil.rmtree(workspace / "shops")
    (workspace / "shops").write_text("", "utf-8")
    shop = run(workspace, "shop", "new", "--channel", "chat", "--scenario", "Card declined")
    assert shop.exit_code == 2
    assert shop.output.startswith("Error: ") and "shops" in shop.output
    assert "Traceback" not in shop.output
