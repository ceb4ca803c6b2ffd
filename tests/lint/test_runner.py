"""Splitting a run across processes must not change a single line of its report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.core.content import shipped_root
from toolkit.lint.engine import Options
from toolkit.lint.guide import guides_beside
from toolkit.lint.runner import PARALLEL_FILES, Report, lint_files


def summary(report: Report) -> tuple:
    return (
        report.diagnostics,
        report.replies,
        report.files,
        dict(report.by_rule),
        dict(report.by_letter),
        dict(report.guides),
        dict(report.skipped_locales),
    )


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the parts each parallel run was split into, so a test knows it really forked."""
    from toolkit.lint import runner

    calls: list[int] = []
    original = runner._in_parallel

    def spy(work, count, jobs):
        calls.append(count)
        return original(work, count, jobs)

    monkeypatch.setattr(runner, "_in_parallel", spy)
    return calls


@pytest.fixture(scope="module")
def guides():
    return guides_beside(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())


def test_many_files_in_parallel_give_the_serial_report(tmp_path: Path, guides, forked) -> None:
    sources = sorted((shipped_root() / "replies").glob("*.md"))
    files = []
    for index in range(PARALLEL_FILES + 6):
        target = tmp_path / f"{index:03d}-{sources[index % len(sources)].name}"
        shutil.copy(sources[index % len(sources)], target)
        files.append((target, target.name))
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nHi\n", encoding="utf-8")
    files.insert(10, (tmp_path / "broken.md", "broken.md"))
    serial = lint_files(files, guides, Options(), keep_results=False, jobs=1)
    parallel = lint_files(files, guides, Options(), keep_results=False, jobs=2)
    assert summary(parallel) == summary(serial)
    assert forked == [len(files)]
    assert serial.replies == PARALLEL_FILES + 6 and serial.problems, "the broken file is reported"


def test_one_large_export_in_parallel_gives_the_serial_report(
    tmp_path: Path, guides, forked
) -> None:
    macros = [
        {
            "id": index,
            "title": f"Macro {index}",
            "actions": [{"field": "comment_value", "value": text}],
        }
        for index, text in enumerate(
            [
                "Dear valued customer, we utilize it!! 🙈",
                "Hi Sam, thanks. I will reply by 5pm. Best, Ana",
            ]
            * (PARALLEL_FILES * 8 + 1)
        )
    ]
    export = tmp_path / "macros.json"
    export.write_text(json.dumps({"macros": macros}, indent=1), encoding="utf-8")
    serial = lint_files([(export, "macros.json")], guides, Options(), keep_results=False, jobs=1)
    parallel = lint_files([(export, "macros.json")], guides, Options(), keep_results=False, jobs=2)
    assert summary(parallel) == summary(serial)
    assert forked == [len(macros)]
    assert serial.replies == len(macros)
    assert serial.by_rule["C/jargon", "warning"] == len(macros) // 2


def test_results_are_kept_only_when_asked(guides) -> None:
    files = [(path, path.name) for path in sorted((shipped_root() / "replies").glob("*.md"))]
    kept = lint_files(files, guides, Options())
    summarised = lint_files(files, guides, Options(), keep_results=False)
    assert len(kept.results) == kept.replies and summarised.results == []
    assert summary(kept) == summary(summarised)
