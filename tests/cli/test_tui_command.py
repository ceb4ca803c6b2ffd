from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records the workspace the app would open, instead of taking over the terminal."""
    from toolkit.tui.app import SxtApp

    roots: list[Path] = []
    monkeypatch.setattr(SxtApp, "run", lambda app, *args, **kwargs: roots.append(app.root))
    return roots


def test_tui_opens_the_workspace_found_by_walking_up(
    runner: CliRunner, workspace: Path, launched: list[Path]
) -> None:
    result = runner.invoke(cli, ["-C", str(workspace / "replies"), "tui"])
    assert result.exit_code == 0, result.output
    assert launched == [workspace.resolve()]


class Terminal:
    """Stands in for stdin and stdout when both are interactive terminals."""

    @staticmethod
    def isatty() -> bool:
        return True


def test_bare_sxt_in_a_terminal_opens_the_app(
    workspace: Path, launched: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(SystemExit) as exited:
        cli(["-C", str(workspace)], prog_name="sxt")
    assert exited.value.code == 0
    assert launched == [workspace.resolve()]


def test_tui_outside_a_workspace_is_an_input_error(
    runner: CliRunner, tmp_path: Path, launched: list[Path]
) -> None:
    result = runner.invoke(cli, ["-C", str(tmp_path), "tui"])
    assert result.exit_code == 2
    assert "not inside an sxt workspace; run `sxt init` first" in result.output
    assert launched == []
