"""The `kind: metrics` document: which exports to read and the rules to read them by.

Declared once per workspace (metrics/definitions.yaml), reviewed like any other document and
validated by its schema with line:col errors, so a report never depends on flags someone
forgot to pass. Without one, the CLI's --contacts and --csat files and these defaults apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.metrics.sources import Source

DEFAULT_WARN_WHEN: dict[str, float] = {
    "aht_change_percent": 5.0,
    "csat_change_points": 2.0,
    "share_change_points": 5.0,
    "enps_change_points": 10.0,
    "low_csat_percent": 70.0,
}
"""The least change between two periods that warns: smaller moves are noise at a team's
volumes. `low_csat_percent` is where CSAT on complex contacts asks for the QA scores."""


@dataclass(frozen=True, slots=True)
class SurveyFile:
    """A survey export, and its name in findings (as the user wrote it)."""

    path: Path
    display: str


@dataclass(slots=True)
class Definitions:
    """Everything a report reads by: files, live channels, windows, targets, thresholds."""

    contacts: list[Source] = field(default_factory=list)
    csat: SurveyFile | None = None
    nps: SurveyFile | None = None
    enps: SurveyFile | None = None
    live_channels: tuple[str, ...] = ("phone", "chat")
    fcr_window_days: int | None = 7
    complex_tags: tuple[str, ...] = ("complex", "escalation")
    proactive_tags: tuple[str, ...] = ("proactive",)
    max_surveys: int | None = None
    survey_days: int = 30
    targets: dict[str, dict[str, float]] = field(default_factory=dict)
    warn_when: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WARN_WHEN))
    path: str | None = None  # the document, as findings name it

    def threshold(self, name: str) -> float:
        return self.warn_when.get(name, DEFAULT_WARN_WHEN[name])


def from_document(
    data: dict[str, Any], folder: Path, display_folder: str, path: str
) -> Definitions:
    """Definitions from a schema-valid document; files are relative to its folder."""

    def place(file: str) -> tuple[Path, str]:
        shown = f"{display_folder}/{file}" if display_folder not in ("", ".") else file
        return folder / file, shown

    sources = []
    for entry in data.get("contacts", []):
        full, shown = place(entry["file"])
        sources.append(
            Source(full, shown, entry.get("format", "contacts"), dict(entry.get("columns", {})))
        )
    surveys = data.get("surveys", {})

    def survey(name: str) -> SurveyFile | None:
        if name not in surveys:
            return None
        return SurveyFile(*place(surveys[name]["file"]))

    return Definitions(
        contacts=sources,
        csat=survey("csat"),
        nps=survey("nps"),
        enps=survey("enps"),
        live_channels=tuple(data.get("live_channels", ("phone", "chat"))),
        fcr_window_days=data.get("fcr_window_days", 7),
        complex_tags=tuple(data.get("complex_tags", ("complex", "escalation"))),
        proactive_tags=tuple(data.get("proactive_tags", ("proactive",))),
        max_surveys=surveys.get("max_per_customer"),
        survey_days=surveys.get("per_days", 30),
        targets={k: dict(v) for k, v in data.get("targets", {}).items()},
        warn_when={**DEFAULT_WARN_WHEN, **data.get("warn_when", {})},
        path=path,
    )
