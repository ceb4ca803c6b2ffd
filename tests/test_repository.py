"""House rules that CI enforces: style is clean and CI runs what the README promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = str(Path(sys.executable).parent / "ruff")


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
