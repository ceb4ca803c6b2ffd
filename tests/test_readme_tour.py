"""The README's five-minute tour, run as written: a newcomer types these lines after "Try
it", so each must work with only the installed `sxt` on the PATH. The terminal app (`sxt` with
no arguments) is left out here; the TUI tests drive it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def tour_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## A five-minute tour") :]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the tour has a sh block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.slow
def test_the_tour_runs_as_written(tmp_path: Path) -> None:
    lines = tour_lines()
    assert lines[0].startswith("sxt init") and "sxt" in lines  # the app is in the tour
    script = "set -e\n" + "\n".join(line for line in lines if line != "sxt") + "\n"
    bin_folder = str(Path(sys.executable).parent)
    environment = {**os.environ, "PATH": bin_folder + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found in" in result.stdout
    assert "AHT" in result.stdout  # the metrics report ran on the example exports
