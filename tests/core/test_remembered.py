"""A file found valid is remembered for the next process, and read again once it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.core import validation
from toolkit.core.content import shipped_root
from toolkit.lint.guide import GuideError, load_guide, locate_guide


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Every file the validator reads, in a user cache of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen: list[str] = []
    check = validation._check_file

    def counted(path: Path, display: str, *args: object, **kwargs: object):
        seen.append(display)
        return check(path, display, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "_check_file", counted)
    return seen


def a_guide(tmp_path: Path) -> Path:
    guide = tmp_path / "guide.yaml"
    shutil.copy(shipped_root() / "tone_guides" / "preach.yaml", guide)
    return guide


def test_a_valid_guide_is_checked_once_across_runs(tmp_path: Path, reads: list[str]) -> None:
    guide = a_guide(tmp_path)
    first = load_guide(guide, tmp_path)
    validation.SHARED.forget()  # as a new process starts with nothing in memory
    again = load_guide(guide, tmp_path)
    assert reads == ["guide.yaml"]
    assert again.rules.keys() == first.rules.keys()
    rule = next(iter(again.rules.values()))
    # Positions, for an editor or a diagnostic, come from the remembered text.
    assert again.document is not None
    assert again.document.position(rule.path) == first.document.position(rule.path)  # type: ignore[union-attr]


def test_an_edited_guide_is_checked_again_and_its_errors_reported(
    tmp_path: Path, reads: list[str]
) -> None:
    guide = a_guide(tmp_path)
    load_guide(guide, tmp_path)
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("kind: tone-guide", "kind: tone-guide\nbogus: 1"), "utf-8")
    validation.SHARED.forget()
    with pytest.raises(GuideError) as raised:
        load_guide(guide, tmp_path)
    assert reads == ["guide.yaml", "guide.yaml"]
    assert any("bogus" in d.message for d in raised.value.diagnostics)


def test_the_workspaces_settings_are_remembered_too(workspace: Path, reads: list[str]) -> None:
    found, _ = locate_guide(None, workspace, workspace)
    validation.SHARED.forget()
    again, _ = locate_guide(None, workspace, workspace)
    assert found == again
    assert reads == ["sxt.yaml"]
    settings = workspace / "sxt.yaml"
    text = settings.read_text("utf-8").replace("tone_guide: preach", "tone_guide: none")
    settings.write_text(text, "utf-8")
    validation.SHARED.forget()
    assert locate_guide(None, workspace, workspace)[0] is None  # the edit is read
    assert reads == ["sxt.yaml", "sxt.yaml"]


def test_no_cache_reads_every_time(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SXT_NO_CACHE", "1")
    guide = a_guide(tmp_path)
    load_guide(guide, tmp_path)
    validation.SHARED.forget()
    load_guide(guide, tmp_path)
    assert reads == ["guide.yaml", "guide.yaml"]
