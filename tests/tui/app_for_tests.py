"""Builds the app on a real workspace for tests, the way `sxt tui` would, so pilot and snapshot
tests exercise the same validation the CLI runs rather than a stubbed report."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from toolkit.core.scaffold import create_workspace
from toolkit.tui.app import SxtApp

NAME = "Acme support"
"""A fixed name: the default would be the tmp folder's, which differs between runs."""

BROKEN = "checklists/ten-point.yaml"


def new_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "workspace"
    create_workspace(root, NAME)
    return root


def break_checklist(root: Path) -> None:
    """Two schema errors on lines 23 and 24 that leave the kind readable, so the file stays
    under `checklist` and the other documents referring to it still resolve."""
    path = root / BROKEN
    text = path.read_text("utf-8")
    path.write_text(text.replace("kind: checklist\n", "kind: checklist\nlevel: 7\nweight: x\n", 1))


def build_app(root: Path) -> SxtApp:
    return SxtApp(root)


async def loaded(pilot: Pilot[None]) -> None:
    """Waits until the home table holds the report; validation runs on mount, so this is a
    formality that keeps tests honest should it ever move to a worker."""
    table = pilot.app.screen.query_one("#documents", DataTable)
    for _ in range(200):
        if table.row_count:
            break
        await pilot.pause(0.01)
    assert table.row_count, "the home table never filled"
    await pilot.pause()


Scenario = Callable[[SxtApp, Pilot[None]], Awaitable[None]]


def drive(app: SxtApp, scenario: Scenario, size: tuple[int, int]) -> SxtApp:
    """Runs `scenario` against the app under the pilot once the home table is loaded, in an
    event loop of its own per test (no async test plugin needed), and returns the app."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await scenario(app, pilot)

    asyncio.run(main())
    return app
