"""One workspace reader: every job and the app read through it, each file once, again only
when it changes, and a broken document is diagnostics while the rest goes on working."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from toolkit.audit.files import load as load_audits
from toolkit.core import validation
from toolkit.core.reader import Workspace
from toolkit.core.workspace import workspace_files
from toolkit.journey.files import workspace_journeys
from toolkit.journey.links import shop_coverage, workspace_pains
from toolkit.shop.files import load as load_shops
from toolkit.tui.app import SxtApp

TODAY = dt.date(2026, 11, 5)
JOURNEY = "journeys/first-billing-issue.yaml"


def documents(root: Path) -> int:
    return sum(1 for path in workspace_files(root) if path.exists())


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every file read and checked in the process, by path, whichever reader asked: a job
    that bypassed the workspace's reader would show here as a second read."""
    counted: Counter[str] = Counter()
    real = validation._check_file

    def counting(path: Path, display: str, *rest: Any, **options: Any) -> Any:
        counted[display] += 1
        return real(path, display, *rest, **options)

    validation.forget_checked_files()
    monkeypatch.setattr(validation, "_check_file", counting)
    return counted


def test_every_job_shares_one_reading(workspace: Path, reads: Counter[str]) -> None:
    reader = Workspace(workspace)
    report = reader.validate()
    assert reader.reader.reads == documents(workspace) == len(report.files)
    load_audits(reader, TODAY)
    load_shops(reader, jobs=1)
    workspace_journeys(reader)
    shop_coverage(reader)
    workspace_pains(reader, "ten-point")
    reader.validate()
    assert reader.reader.reads == documents(workspace)
    assert max(reads.values()) == 1, "a job read a file a second time"


def test_only_what_changed_is_read_again(workspace: Path, reads: Counter[str]) -> None:
    reader = Workspace(workspace)
    reader.validate()
    before = reader.reader.reads
    path = workspace / JOURNEY
    path.write_text(path.read_text("utf-8") + "# reviewed\n", "utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even on a coarse clock
    assert len(workspace_journeys(reader).journeys) == 1
    reader.validate()
    assert reader.reader.reads == before + 1
    assert reads[JOURNEY] == 2 and {n for p, n in reads.items() if p != JOURNEY} == {1}


def test_a_broken_document_is_diagnostics_and_the_rest_still_works(workspace: Path) -> None:
    (workspace / JOURNEY).write_text("sxt: 1\nkind: journey\nstages: 3\n", "utf-8")
    (workspace / "journeys" / "broken.yaml").write_text("kind: [journey\n", "utf-8")
    reader = Workspace(workspace)
    found = workspace_journeys(reader)
    assert found.journeys == []
    located = sorted(f"{d.path}:{d.line}:{d.col}" for d in found.problems)
    assert located[0].startswith("journeys/broken.yaml:")
    assert any(place.startswith(f"{JOURNEY}:3:") for place in located)
    assert load_audits(reader, TODAY).checklist.id == "ten-point"
    assert load_shops(reader, jobs=1).scorecards  # the scorecard still reads
    report = reader.validate()
    assert not next(c for c in report.files if c.display == "sxt.yaml").diagnostics


def test_the_app_reads_each_file_once_across_its_screens(
    workspace: Path, reads: Counter[str]
) -> None:
    app = SxtApp(workspace, today=TODAY, scorer="Someone new")

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key in ("m", "j", "a"):  # shops, the journey map, the audit wizard
                await pilot.press(key)
                await pilot.pause()
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("r")
            await pilot.pause()

    asyncio.run(main())
    # The audit wizard writes this quarter's audit: the one new file, read once.
    assert app.workspace.reader.reads == documents(workspace)
    assert set(reads.values()) == {1}, reads  # lint's guides and sxt.yaml included


def test_a_workspace_opened_through_a_symlink_gets_the_same_job_findings(
    workspace: Path, tmp_path: Path
) -> None:
    """Catalogs are keyed by the resolved root: the audit warnings need one, and `sxt -C
    link` must not lose them."""
    from toolkit.checks import with_job_findings

    (workspace / "audits" / "2026-Q4.yaml").write_text(
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\nitems:\n"
        "  culture: {level: 1}\n  easy-contact: {level: 4}\n",
        "utf-8",
    )
    link = tmp_path / "link"
    link.symlink_to(workspace)

    def findings(root: Path) -> list[str]:
        reader = Workspace(root)
        report = with_job_findings(reader.validate(), reader, TODAY)
        return sorted(f"{d.path}:{d.line}: {d.code}" for c in report.files for d in c.diagnostics)

    through_link = findings(link)
    assert any("audit/" in line for line in through_link), through_link
    assert through_link == findings(workspace)
