"""Shared fixtures: a CLI runner and a fresh workspace, the two things most tests start from."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from toolkit.core.scaffold import create_workspace

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Property tests (tests/test_properties.py, tests/test_mutations.py): few examples in every
# run, so the suite stays quick; HYPOTHESIS_PROFILE=fuzz for a longer look (and
# benchmarks/fuzz.py for minutes). No example database: a test run writes nothing to the
# checkout, and a failure prints the example and the seed that reproduce it.
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "default", max_examples=40, deadline=None, database=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "fuzz", max_examples=2_000, deadline=None, database=None, suppress_health_check=_QUIET
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The user's cache (toolkit.core.cache.user_folder, where checked guides are remembered) is
# the run's own, in this process and in every `sxt` it starts: a test run leaves nothing in
# the home folder and never reads what an earlier run left there.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="sxt-test-cache-")


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
