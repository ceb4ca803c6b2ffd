"""Start-up time is a feature: commands a pre-commit hook runs must not load the TUI stack.

Like Harlequin's test, each check runs in a fresh interpreter and inspects sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("textual", "rich", "toolkit.tui", "pygls", "lsprotocol", "toolkit.lsp")

PROBE = """
import json, sys
from toolkit.cli.main import cli
try:
    cli(json.loads(sys.argv[1]), prog_name="sxt")
except SystemExit:
    pass
print("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""


def loaded_modules(arguments: list[str], cwd: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(arguments)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES="))
    return json.loads(line.removeprefix("MODULES="))


def heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if any(name == h or name.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--help"],
        ["validate"],
        ["validate", "--format", "sarif"],
        ["schema", "audit"],
        ["lsp", "--help"],  # the language server loads pygls only when it runs
    ],
)
def test_commands_do_not_import_textual(arguments: list[str], workspace: Path) -> None:
    assert heavy(loaded_modules(arguments, workspace)) == []


def test_help_does_not_import_jsonschema_or_yaml_machinery(workspace: Path) -> None:
    modules = loaded_modules(["--help"], workspace)
    assert [
        m
        for m in modules
        if m.split(".")[0] in ("jsonschema", "ruamel", "yaml", "tabulate", "duckdb")
    ] == []


def test_core_is_free_of_terminal_libraries() -> None:
    """core/ knows YAML and files, nothing about terminals: importing all of it loads no
    Click, Textual or Rich."""
    code = (
        "import json, sys, pkgutil, importlib, toolkit.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('toolkit.core.' + m.name)\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    modules = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )
    assert [m for m in modules if m.split(".")[0] in ("click", "textual", "rich")] == []
