"""A fresh copy of the metrics fixture files per test, so tests that edit them never touch
the originals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "metrics"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    shutil.copytree(FIXTURE, folder)
    return folder
