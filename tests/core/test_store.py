from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest

from toolkit.core.content import shipped_root
from toolkit.core.store import InvalidEdit, edit, write_text

COMMENTED = """\
# yaml-language-server: $schema=../.sxt/schemas/audit.schema.json
# Q4 audit: reviewed with the leadership team on 2026-11-20.
sxt: 1
kind: audit
checklist: ten-point   # the default checklist
quarter: "2026-Q4"
auditor: 'Dana Lee'

items:
  # Culture first: everything else rests on it.
  culture:
    level: 1            # was 0 last quarter
    owner: Head of Support
    evidence:
      - link: https://wiki.example.com/support/culture-survey   # staff survey
        date: 2026-10-02
      - note: >
          Leadership joined two inbox days this quarter; product did not.
    actions:
      - {title: Monthly all-hands support story, owner: Dana, due: 2026-12-15, status: open}

  platform:
    level: 2
    # no evidence yet: ask IT for the admin audit log
    notes: |
      Custom fields exist for billing cases.
        Routing rules are still manual.
"""


def diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


def test_editing_one_value_changes_exactly_one_line(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with edit(path) as data:
        data["items"]["culture"]["level"] = 2
    assert diff(COMMENTED, path.read_text(encoding="utf-8")) == [
        "-    level: 1            # was 0 last quarter",
        "+    level: 2            # was 0 last quarter",
    ]


def test_adding_an_action_adds_only_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q4.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with edit(path) as data:
        data["items"]["platform"]["owner"] = "IT"
    changed = diff(COMMENTED, path.read_text(encoding="utf-8"))
    assert changed == ["+    owner: IT"]


@pytest.mark.parametrize(
    "relative",
    [
        "checklists/ten-point.yaml",
        "checklists/chat-email.yaml",
        "journeys/first-billing-issue.yaml",
        "tone_guides/preach.yaml",
    ],
)
def test_round_trip_of_shipped_content_is_byte_for_byte(tmp_path: Path, relative: str) -> None:
    original = (shipped_root() / relative).read_text(encoding="utf-8")
    path = tmp_path / Path(relative).name
    path.write_text(original, encoding="utf-8")
    with edit(path):
        pass
    assert path.read_text(encoding="utf-8") == original


def test_a_failed_edit_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with pytest.raises(RuntimeError), edit(path) as data:
        data["items"]["culture"]["level"] = 4
        raise RuntimeError("the user pressed ctrl-c")
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_an_edit_the_schema_rejects_is_refused_before_anything_is_written(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    with pytest.raises(InvalidEdit) as refused, edit(path) as data:
        data["items"]["culture"]["level"] = 9
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert os.listdir(tmp_path) == ["a.yaml"]
    [error] = refused.value.diagnostics
    assert (error.line, error.col, error.severity) == (12, 12, "error")
    assert "level" in error.message or "9" in error.message


def test_a_file_broken_already_can_still_be_edited_elsewhere(tmp_path: Path):
    """Refusing every edit of a file with one old error would trap the user: only the errors
    an edit adds are refused."""
    path = tmp_path / "a.yaml"
    broken = COMMENTED.replace("level: 2", "level: 7")
    path.write_text(broken, encoding="utf-8")
    with edit(path) as data:
        data["items"]["culture"]["level"] = 3
    assert "level: 3            # was 0 last quarter" in path.read_text(encoding="utf-8")


def test_write_is_atomic_and_keeps_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old: 1\n", encoding="utf-8")
    path.chmod(0o640)

    def broken_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_text(path, "new: 2\n")
    assert path.read_text(encoding="utf-8") == "old: 1\n"
    assert os.listdir(tmp_path) == ["a.yaml"], "the temporary file is cleaned up"
    monkeypatch.undo()
    write_text(path, "new: 2\n")
    assert path.read_text(encoding="utf-8") == "new: 2\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "new.yaml"
    write_text(path, "a: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
