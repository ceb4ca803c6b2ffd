"""The installed `sxt` command, run as a user runs it, on the shipped content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from initialised import initialised_document_count

SXT = str(Path(sys.executable).parent / "sxt")


def sxt(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SXT, *arguments], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_init_then_validate_then_break_a_file(tmp_path: Path) -> None:
    init = sxt("init", "w", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert "+ checklists/ten-point.yaml  (created)" in init.stdout

    clean = sxt("-C", "w", "validate", cwd=tmp_path)
    expected = f"No problems found in {initialised_document_count()} files.\n"
    assert (clean.returncode, clean.stdout) == (0, expected)

    journey = tmp_path / "w" / "journeys" / "first-billing-issue.yaml"
    journey.write_text(journey.read_text().replace("emotion: -2", "emotion: -3", 1))
    broken = sxt("validate", cwd=tmp_path / "w" / "journeys")
    assert broken.returncode == 1
    first = broken.stdout.splitlines()[0]
    assert first.startswith("first-billing-issue.yaml:"), (
        "paths are relative to where the user stands"
    )
    assert first.endswith("emotion: -3 is less than the minimum -2")
    assert "Traceback" not in broken.stderr


@pytest.mark.slow
def test_version_and_help(tmp_path: Path) -> None:
    assert sxt("--version", cwd=tmp_path).stdout.startswith("sxt ")
    helped = sxt("--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert "Exit codes: 0 ok, 1 problems found, 2 usage or input error." in helped.stdout


@pytest.mark.slow
def test_journey_check_show_and_export_on_the_shipped_journey(tmp_path: Path) -> None:
    assert sxt("init", "w", cwd=tmp_path).returncode == 0
    workspace = tmp_path / "w"
    check = sxt("journey", "check", cwd=workspace)
    assert check.returncode == 1  # the shipped example's deliberate bot-loop flaw
    assert "[journey/bot-loop] step 'update-card'" in check.stdout
    shown = sxt("journey", "show", "--width", "80", cwd=workspace)
    assert shown.returncode == 0, shown.stderr
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80
    mermaid = sxt("journey", "export", "--format", "mermaid", cwd=workspace)
    assert mermaid.stdout.startswith("journey\n  title First billing issue")
    exported = sxt("journey", "export", "--format", "html", "-o", "map.html", cwd=workspace)
    assert exported.returncode == 0, exported.stderr
    assert (workspace / "map.html").read_text("utf-8").startswith("<!DOCTYPE html>")
