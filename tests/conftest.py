"""Shared fixtures: a CLI runner and a fresh workspace, the two things most tests start from."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.core.scaffold import create_workspace

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace exactly as `sxt init` creates it."""
    root = tmp_path / "ws"
    create_workspace(root, "Test Support")
    return root


@pytest.fixture
def copy_of(tmp_path: Path) -> Callable[[str], Path]:
    """A fresh copy of a fixture workspace, so commands that write never touch the original."""

    def copy(name: str) -> Path:
        root = tmp_path / "northwind"
        shutil.copytree(FIXTURES / name, root)
        return root

    return copy
