"""The terminal app shows the figures the CLI prints, figure by figure, on the same workspace:
shop scores, calibration gaps and alignments; lint counts by reply and by letter; a journey
step's shop coverage. Each expected string is read from the CLI's own output (its JSON for
the value, its text for how it is printed), never from the code the app calls, so a face
that rounds or counts on its own fails here. The audit's figures have their own test
(tests/audit/test_cli.py::test_every_face_shows_the_same_audit_figures)."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from rich.text import Text
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Static

from toolkit.cli.main import cli
from toolkit.core import figures
from toolkit.tui.app import SxtApp
from toolkit.tui.journey import JourneyScreen
from toolkit.tui.lint import LintScreen
from toolkit.tui.shop import ShopsScreen
from toolkit.tui.shop_calibration import CalibrationScreen

from .app_for_tests import drive, new_workspace

SHOPS = Path(__file__).parents[1] / "fixtures" / "shop-workspace"
SIZE = (140, 44)
CALIBRATED = "2026-07-08-card-declined-at-renewal"


def sxt(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def faces(root: Path, *command: str) -> tuple[Any, str]:
    """What a command prints as JSON (the values) and as text (how people read them)."""
    return json.loads(sxt(root, *command, "--format", "json")), sxt(root, *command)


async def opened(pilot: Pilot[None], key: str, kind: type[Screen[Any]]) -> Screen[Any]:
    """The job's screen, opened from home with its key as a person would."""
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def shop_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "shops"
    shutil.copytree(SHOPS, root)
    return root


def test_the_shop_list_shows_each_score_as_sxt_shop_report_prints_it(tmp_path: Path) -> None:
    root = shop_workspace(tmp_path)
    report, text = faces(root, "shop", "report")
    expected = {}
    for shop in report["shops"]:
        printed = figures.points(shop["score"], 1)  # JSON holds the unrounded percent
        row = next(
            line for line in text.splitlines() if line.startswith(shop["date"]) and printed in line
        )
        assert shop["scenario"] in row
        expected[shop["id"]] = printed
    assert len(expected) == 8

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await opened(pilot, "m", ShopsScreen)
        table = screen.query_one("#shops", DataTable)
        shown = {
            plain(row[0]): plain(row[6]).split(" ")[0] for row in map(table.get_row, table.rows)
        }
        assert shown == expected

    drive(SxtApp(root, scorer="Someone new"), scenario, SIZE)


def test_the_calibration_view_shows_the_gaps_and_alignment_of_sxt_shop_calibrate(
    tmp_path: Path,
) -> None:
    root = shop_workspace(tmp_path)
    found, text = faces(root, "shop", "calibrate", CALIBRATED)
    # A criterion of another channel has no shops: the app leaves it out and says so.
    gaps = {c["id"]: figures.fixed(c["gap"], 2) for c in found["criteria"] if c["shops"]}
    for criterion, gap in gaps.items():
        assert any(line.split()[:1] == [criterion] and gap in line for line in text.splitlines())
    (aligned,) = found["alignment"]
    alignment = figures.percent(aligned["alignment"], 1)
    assert alignment in text
    scores = {
        name: figures.points(value, 1) for name, value in found["scores"][0]["scores"].items()
    }

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await opened(pilot, "m", ShopsScreen)
        table = screen.query_one("#shops", DataTable)
        table.move_cursor(row=table.get_row_index(f"shops/{CALIBRATED}.yaml"))
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CalibrationScreen)
        grid = app.screen.query_one("#calibration", DataTable)
        keys = [column.key.value for column in grid.ordered_columns]
        names = [plain(column.label).removesuffix(" ★") for column in grid.ordered_columns]
        shown_gaps = {
            key.value.removeprefix("criterion-"): plain(grid.get_cell(key, "gap"))
            for key in grid.rows
            if key.value and key.value.startswith("criterion-")
        }
        # Criteria no two scorers answered (N/A) have no gap in either face.
        assert {k: v for k, v in shown_gaps.items() if k in gaps} == gaps
        assert {v for k, v in shown_gaps.items() if k not in gaps} <= {"—"}
        row = dict(zip(keys, map(plain, grid.get_row("score")), strict=True))
        assert {names[keys.index(k)]: v for k, v in row.items() if k.startswith("scorer-")} == (
            scores
        )
        row = dict(zip(keys, map(plain, grid.get_row("alignment")), strict=True))
        jonas = names.index(aligned["scorer"])
        assert row[keys[jonas]] == alignment

    drive(SxtApp(root, scorer="Someone new"), scenario, SIZE)


def test_the_lint_screen_counts_what_sxt_lint_reports(tmp_path: Path) -> None:
    root = new_workspace(tmp_path)
    report = json.loads(sxt(root, "lint", "--format", "json"))
    by_reply = Counter(d["path"] for d in report["diagnostics"])
    totals = sxt(root, "lint", "--statistics")
    letters = {}
    for line in totals.split("\n\n")[-1].splitlines()[1:]:
        count, letter, *_ = line.split()
        letters[letter] = int(count)

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await opened(pilot, "l", LintScreen)
        table = screen.query_one("#lint-replies", DataTable)
        keys = [column.key.value for column in table.ordered_columns]
        shown_letters: Counter[str] = Counter()
        shown_replies: Counter[str] = Counter()
        for key in table.rows:
            cells = dict(zip(keys, map(plain, table.get_row(key)), strict=True))
            for letter in letters:
                shown_letters[letter] += int(cells[letter])
                shown_replies[str(key.value)] += int(cells[letter])
        assert shown_letters == Counter(letters)
        assert +shown_replies == by_reply
        findings = sum(by_reply.values())
        assert f"{len(table.rows)} replies, {findings} findings" in str(screen.sub_title)

    drive(SxtApp(root), scenario, SIZE)


def test_a_journey_step_shows_the_shop_figures_of_sxt_journey_summary(tmp_path: Path) -> None:
    root = shop_workspace(tmp_path)
    summary, text = faces(root, "journey", "summary")
    tested = {}
    for entry in summary["tested_steps"]:
        average = figures.points(entry["average"], 1)
        assert any(entry["step"] in line and average in line for line in text.splitlines())
        shops = "1 shop" if entry["shops"] == 1 else f"{entry['shops']} shops"
        tested[entry["step"]] = f"{shops}, avg {average}"
    assert tested

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await opened(pilot, "j", JourneyScreen)
        table = screen.query_one("#journey-map", DataTable)
        for step, described in tested.items():
            table.move_cursor(row=table.get_row_index(step))
            await pilot.pause()
            detail = screen.query_one("#journey-step", Static).content
            assert f"Shops       {described}" in plain(detail)

    drive(SxtApp(root), scenario, SIZE)


def test_a_journey_step_shows_its_metric_as_sxt_journey_show_draws_it(tmp_path: Path) -> None:
    """The shipped journey names CSAT on chat at the agent handover; `sxt init` ships the
    example contacts and surveys it is computed from."""
    root = new_workspace(tmp_path)
    drawn = sxt(root, "journey", "show", "--width", "400")
    row = next(line for line in drawn.splitlines() if line.startswith("metric"))
    found = re.search(r"(CSAT on chat [^│┃]*?)\s*[│┃]", row)
    assert found, row
    figure = found.group(1)
    assert figure.startswith("CSAT on chat ") and "%" in figure

    async def scenario(app: SxtApp, pilot: Pilot[None]) -> None:
        screen = await opened(pilot, "j", JourneyScreen)
        table = screen.query_one("#journey-map", DataTable)
        table.move_cursor(row=table.get_row_index("agent-takes-over"))
        await pilot.pause()
        detail = plain(screen.query_one("#journey-step", Static).content)
        line = next(line for line in detail.splitlines() if line.startswith("Metric"))
        assert line.removeprefix("Metric").strip().startswith(f"{figure} (")

    drive(SxtApp(root), scenario, SIZE)
