"""The mutation suite: a workspace with one document of every kind, one file of it broken
by hypothesis (tests/mutations.py has the ways), then every `sxt` command run on it. None
may raise, exit other than 0, 1 or 2, print a traceback or print a raw control character:
a broken file is reported at its place, and its neighbours' commands still run.

The examples are few (each runs every command); benchmarks/fuzz.py runs the same cases
for minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import (
    Case,
    Mutation,
    cases,
    command_lines,
    commands,
    documents,
    required_missing,
    run_case,
    seed_workspace,
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    return seed_workspace(tmp_path_factory.mktemp("seeded") / "ws")


def test_every_command_has_its_arguments():
    """A new command that needs an argument gets one in tests/mutations.py ARGUMENTS."""
    missing = {" ".join(path): required_missing(c, path) for path, c in commands()}
    assert {path: names for path, names in missing.items() if names} == {}


def test_every_command_runs_cleanly_on_the_seeded_workspace(seeded: Path, tmp_path: Path):
    """Unbroken, every line in every format behaves: the baseline the mutations break."""
    every = tuple(line for lines in command_lines() for line in lines)
    unchanged = Mutation("sxt.yaml", "insert-junk", 0, b"")
    assert run_case(seeded, tmp_path / "w", Case(unchanged, every)) == []


@settings(max_examples=12)
@given(data=st.data())
def test_one_broken_file_breaks_no_command(seeded: Path, tmp_path_factory, data):
    case = data.draw(cases(documents(seeded)))
    assert run_case(seeded, tmp_path_factory.mktemp("case"), case) == []
