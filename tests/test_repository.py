"""House rules that CI enforces: style is clean, types check, the layers hold, and CI runs
what the README promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RUFF = str(BIN / "ruff")
MYPY = str(BIN / "mypy")
LINT_IMPORTS = str(BIN / "lint-imports")


def readme_commands() -> list[str]:
    blocks = re.findall(
        r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL
    )
    return [line for block in blocks for line in block.splitlines()]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    (test_command,) = [line for line in readme_commands() if "pytest" in line]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_ruff_check_is_clean() -> None:
    result = subprocess.run(
        [RUFF, "check", "toolkit", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_clean() -> None:
    result = subprocess.run(
        [RUFF, "format", "--check", "toolkit", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_mypy_finds_no_type_errors() -> None:
    """mypy over toolkit/ as [tool.mypy] in pyproject.toml configures it, stale ignores too."""
    result = subprocess.run([MYPY], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold() -> None:
    """The layers of ARCHITECTURE.md, as [tool.importlinter] in pyproject.toml writes them:
    jobs, core and render import no face (cli, tui, Click, Textual), core imports no job.
    This checkout's toolkit is the one analysed, whichever one the venv has installed."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [LINT_IMPORTS, "--no-cache"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
