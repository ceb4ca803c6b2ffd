"""Shared fixtures: a CLI runner and a fresh workspace, the two things most tests start from."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.core.scaffold import create_workspace


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace exactly as `sxt init` creates it."""
    root = tmp_path / "ws"
    create_workspace(root, "Test Support")
    return root
