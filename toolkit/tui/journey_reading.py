"""Reading a journey file for the journey screen as `sxt journey check` reads it: validation,
then the checks, so the screen shows what the CLI would print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.reader import Workspace
from toolkit.journey.checks import check_journey
from toolkit.journey.files import load
from toolkit.journey.model import Journey
from toolkit.tui.journey_view import Placed, placed


@dataclass(slots=True)
class Reading:
    """One journey file as `sxt journey check` sees it: the typed journey and its findings
    when it passes validation, otherwise why it does not."""

    path: Path
    journey: Journey | None = None
    findings: list[Diagnostic] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    places: Placed = field(default_factory=Placed)


def read_journey(path: Path, workspace: Workspace, today: dt.date) -> Reading:
    found = load([path], workspace)
    if not found.journeys:
        return Reading(path, problems=found.problems)
    journey = found.journeys[0]
    document = workspace.check(path).document  # read once already, by load
    assert document is not None
    findings = check_journey(document, today)
    return Reading(path, journey, findings, places=placed(journey, document, findings))
