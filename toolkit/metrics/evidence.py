"""Metric evidence for the other jobs, each figure named with its period and the files it
comes from, so an auditor or a journey map's reader can cite it.

The quarterly audit (`audit_evidence`) gets the figures that inform three checklist items:

- customer-voice: survey cadence (answers per 100 contacts), the CSAT response rate, and
  over-surveying against the definitions' rule;
- self-service: the share of contacts solved without a person (bot and self-service);
- proactive: contacts prevented, where the export tags them (`proactive_tags`).

A journey map (`step_figures`) gets the latest monthly figure of the metric each step names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.metrics.figures import as_net, as_percent, as_whole, percent

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace
    from toolkit.journey.model import Journey
    from toolkit.metrics.compute import Options, Report
    from toolkit.metrics.definitions import Definitions


@dataclass(frozen=True, slots=True)
class MetricEvidence:
    item: str
    figure: str
    value: str
    period: str
    source: str

    def text(self) -> str:
        return f"{self.figure}: {self.value} ({self.period}, from {self.source})"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Read:
    """The workspace's report, or why there is none (`why`, with the file it is about)."""

    shown: str
    definitions: Definitions | None = None
    report: Report | None = None
    why: str | None = None


def _read(place: Path | Workspace, options: Options) -> _Read | None:
    """The report of the workspace's metrics document; None without one."""
    from toolkit.core.reader import Workspace
    from toolkit.metrics import inputs
    from toolkit.metrics.compute import MetricsInputError, build

    workspace = Workspace.of(place)
    root = workspace.root
    document = inputs.find_definitions(workspace)
    if document is None:
        return None
    try:
        definitions = inputs.load_definitions(document, workspace)
        report = build(definitions, options)
    except (inputs.DefinitionsError, MetricsInputError) as error:
        return _Read(str(document), why=f"not read: {error}")
    shown = document.relative_to(root).as_posix()
    if report.figures is None:
        why = "the exports have errors (see sxt metrics check)"
        return _Read(shown, why=f"not computed: {why}")
    return _Read(shown, definitions, report)


def audit_evidence(root: Path, quarter: str) -> list[MetricEvidence]:
    """The evidence for `quarter` (e.g. 2026-Q4) from the workspace's metrics document, or
    for the latest quarter in the exports when they do not reach it (said in the period).
    Empty without a metrics document; one line saying why when the exports cannot be used."""
    from toolkit.metrics.compute import Options

    read = _read(root, Options(by="tier", period="quarter"))
    if read is None:
        return []
    if read.report is None or read.definitions is None:
        return [MetricEvidence("", "metrics", read.why or "", quarter, read.shown)]
    report, definitions = read.report, read.definitions
    if not report.totals:
        return []
    periods = report.periods
    period = quarter if quarter in periods else periods[-1]
    label = period if period == quarter else f"{period}, the latest quarter in the exports"
    total = next(item for item in report.totals if item.period == period)
    tiers = next((share for share in report.tiers if share.period == period), None)
    contacts = ", ".join(source.display for source in definitions.contacts)
    surveys = ", ".join(s.display for s in (definitions.csat, definitions.nps) if s) or contacts
    found = []
    answers = total.csat_answers + total.nps_answers
    cadence = percent(answers, total.contacts)
    if cadence is not None:
        found.append(
            MetricEvidence(
                "customer-voice",
                "survey cadence",
                f"{as_whole(cadence)} answers per 100 contacts ({answers} of {total.contacts})",
                label,
                surveys,
            )
        )
    if total.response_rate_percent is not None and total.csat_answers:
        found.append(
            MetricEvidence(
                "customer-voice",
                "CSAT response rate",
                f"{as_percent(total.response_rate_percent)} of contacts answered",
                label,
                surveys,
            )
        )
    if definitions.max_surveys:
        over = len(report.over_surveyed)
        found.append(
            MetricEvidence(
                "customer-voice",
                "over-surveying",
                f"{over} customer{'s' if over != 1 else ''} surveyed more than "
                f"{definitions.max_surveys} in {definitions.survey_days} days",
                f"{periods[0]} to {periods[-1]}" if len(periods) > 1 else label,
                surveys,
            )
        )
    if tiers is not None and tiers.automated_share is not None:
        found.append(
            MetricEvidence(
                "self-service",
                "solved without a person",
                f"{as_percent(tiers.automated_share)} of contacts (bot and self-service)",
                label,
                contacts,
            )
        )
    prevented = report.proactive.get(period, 0)
    found.append(
        MetricEvidence(
            "proactive",
            "contacts prevented",
            f"{prevented} contact{'s' if prevented != 1 else ''} tagged "
            + " or ".join(definitions.proactive_tags),
            label,
            contacts,
        )
    )
    return found


# --- journey steps ------------------------------------------------------------------------

METRIC_LABELS = {
    "aht": "AHT",
    "csat": "CSAT",
    "nps": "NPS",
    "enps": "eNPS",
    "fcr": "FCR",
    "first_response": "first response",
    "automated_share": "solved without a person",
}
"""The metric names a journey step may give (journey.schema.json), as a report shows them."""

NOT_BY_CHANNEL = ("enps", "automated_share")


@dataclass(frozen=True, slots=True)
class StepFigure:
    """The figure a journey step names: its value, period and source, or why there is none."""

    label: str  # "CSAT", "AHT on chat"
    value: str | None = None
    period: str | None = None
    source: str | None = None
    why: str | None = None

    def short(self) -> str:
        """For a narrow cell: the figure and its period."""
        if self.value is None:
            return f"{self.label}: {self.why}"
        return f"{self.label} {self.value} ({self.period})"

    def text(self) -> str:
        if self.value is None:
            return f"{self.label}: {self.why}"
        return f"{self.label} {self.value} ({self.period}, from {self.source})"


def journey_figures(
    journey: Journey, root: Path | Workspace | None
) -> dict[str, StepFigure] | None:
    """Each step's named metric (step id -> its figure), as every face of a journey map shows
    it; None when no step names one, and then DuckDB is never loaded."""
    wanted = {s.id: (s.metric.name, s.metric.channel) for s in journey.steps if s.metric}
    return step_figures(root, wanted) if wanted else None


def step_figures(
    root: Path | Workspace | None, wanted: Mapping[str, tuple[str, str | None]]
) -> dict[str, StepFigure]:
    """For each step id, its (metric name, channel or None): the latest month's figure in
    the workspace's metrics document. One report for every step; none read when no step
    names a metric."""
    from toolkit.metrics.compute import Options

    if not wanted:
        return {}
    read = _read(root, Options(by="channel", period="month")) if root else None
    found = {}
    for step, (name, channel) in wanted.items():
        label = METRIC_LABELS[name]
        if channel and name not in NOT_BY_CHANNEL:
            label = f"{label} on {channel}"
        if read is None or read.report is None or read.definitions is None:
            why = read.why if read else "no metrics document"
            found[step] = StepFigure(label, why=why)
        else:
            found[step] = _step_figure(read.report, read.definitions, label, name, channel)
    return found


def _step_figure(
    report: Report, definitions: Definitions, label: str, name: str, channel: str | None
) -> StepFigure:
    """The latest period that has the figure; where no period has it, why not."""
    from toolkit.core.diagnostics import plural
    from toolkit.metrics.render import duration, minutes

    contacts = ", ".join(source.display for source in definitions.contacts)
    survey = {"csat": definitions.csat, "nps": definitions.nps, "enps": definitions.enps}
    file = survey.get(name)
    source = file.display if file else contacts
    if name == "enps":
        happiness = [h for h in report.happiness if h.enps is not None]
        if not happiness:
            why = "no agent happiness answers" if file else "no eNPS file in the definitions"
            return StepFigure(label, why=f"not computed: {why}")
        newest = happiness[-1]
        value = f"{as_net(newest.enps)} ({plural(newest.answers, 'answer')})"
        if channel:
            value += ", all channels: agents' answers are not by channel"
        return StepFigure(label, value, newest.period, source)
    if name == "automated_share":
        shares = [t for t in report.tiers if t.automated_share is not None]
        if not shares:
            return StepFigure(label, why="not computed: no contacts in the exports")
        share = shares[-1]
        value = f"{as_percent(share.automated_share)} of {plural(share.total, 'contact')}"
        if channel:
            value += ", all channels"
        return StepFigure(label, value, share.period, source)
    rows = [f for f in report.figures or [] if f.slice == channel] if channel else report.totals
    if not rows:
        where = f"no {channel} contacts" if channel else "no contacts"
        return StepFigure(label, why=f"not computed: {where} in the exports")
    values = {
        "aht": lambda f: f.aht_seconds,
        "csat": lambda f: f.csat_percent,
        "nps": lambda f: f.nps,
        "fcr": lambda f: f.fcr_percent,
        "first_response": lambda f: f.first_response_minutes,
    }[name]
    known = [f for f in rows if values(f) is not None]
    if not known:
        latest = rows[-1]
        notes = {
            "aht": latest.aht_note,
            "csat": "no CSAT answers",
            "nps": "no NPS answers",
            "fcr": "the exports do not say which contacts were resolved",
            "first_response": "the exports have no first response times",
        }
        return StepFigure(label, why=f"not computed: {notes[name] or 'no figure'}")
    item = known[-1]
    value = values(item)
    if name == "aht":
        csat = item.csat_percent
        beside = f"{as_percent(csat)}" if csat is not None else "no answers"
        text = f"{duration(value)} per contact, beside CSAT {beside}"
    elif name == "csat":
        text = f"{as_percent(value)} ({plural(item.csat_answers, 'answer')})"
    elif name == "nps":
        text = f"{as_net(value)} ({plural(item.nps_answers, 'answer')})"
    elif name == "fcr":
        text = f"{as_percent(value)} ({item.fcr_resolved} of {item.fcr_known})"
    else:
        text = f"{minutes(value)} on average ({plural(item.responded, 'contact')})"
    return StepFigure(label, text, item.period, source)


TITLE = "Metric evidence"


def evidence_text(found: list[MetricEvidence]) -> list[str]:
    """The section the audit's text report ends with (none without evidence)."""
    from toolkit.render.tables import terminal_text

    if not found:
        return []
    return ["", TITLE, *(f"  {e.item or '-'}: {terminal_text(e.text())}" for e in found)]


def evidence_markdown(found: list[MetricEvidence]) -> list[str]:
    from toolkit.render.markdown import md

    if not found:
        return []
    return ["", f"## {TITLE}", "", *(f"- **{md(e.item or '-')}**: {md(e.text())}" for e in found)]


def evidence_html(page: str, found: list[MetricEvidence]) -> str:
    """The page with the evidence as a last section before its end, every text escaped."""
    from toolkit.render.html import escape

    if not found:
        return page
    items = "".join(
        f"<li><strong>{escape(e.item or '-')}</strong>: {escape(e.text())}</li>" for e in found
    )
    return page.replace("</main>", f"<h2>{TITLE}</h2>\n<ul>{items}</ul>\n</main>", 1)
