"""Metric evidence for the quarterly audit: the figures that inform three checklist items,
each named with its period and the files it comes from, so an auditor can cite them.

- customer-voice: survey cadence (answers per 100 contacts), the CSAT response rate, and
  over-surveying against the definitions' rule;
- self-service: the share of contacts solved without a person (bot and self-service);
- proactive: contacts prevented, where the export tags them (`proactive_tags`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from toolkit.metrics.figures import percent


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


def audit_evidence(root: Path, quarter: str) -> list[MetricEvidence]:
    """The evidence for `quarter` (e.g. 2026-Q4) from the workspace's metrics document, or
    for the latest quarter in the exports when they do not reach it (said in the period).
    Empty without a metrics document; one line saying why when the exports cannot be used."""
    from toolkit.metrics import inputs
    from toolkit.metrics.compute import MetricsInputError, Options, build

    document = inputs.find_definitions(root)
    if document is None:
        return []
    try:
        definitions = inputs.load_definitions(document, root)
        report = build(definitions, Options(by="tier", period="quarter"))
    except (inputs.DefinitionsError, MetricsInputError) as error:
        return [MetricEvidence("", "metrics", f"not read: {error}", quarter, str(document))]
    shown = document.relative_to(root).as_posix()
    if report.figures is None:
        why = "the exports have errors (see sxt metrics check)"
        return [MetricEvidence("", "metrics", f"not computed: {why}", quarter, shown)]
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
                f"{cadence:.0f} answers per 100 contacts ({answers} of {total.contacts})",
                label,
                surveys,
            )
        )
    if total.response_rate_percent is not None and total.csat_answers:
        found.append(
            MetricEvidence(
                "customer-voice",
                "CSAT response rate",
                f"{total.response_rate_percent:.0f}% of contacts answered",
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
                f"{tiers.automated_share:.0f}% of contacts (bot and self-service)",
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
