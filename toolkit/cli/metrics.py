"""`sxt metrics`: contact and survey figures from a team's own exports, read in context.

Parses options and prints; toolkit.metrics computes. DuckDB is imported only when a report
runs, so `sxt --help` (which reads this group's help) never loads the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    echo,
    fail_level_option,
    format_option,
    print_json,
    resolve,
)

if TYPE_CHECKING:
    from toolkit.metrics.compute import Report

F = TypeVar("F", bound=Callable[..., Any])

SLICES = ("team", "agent", "channel", "tier")
PERIODS = ("month", "week", "quarter")
CONTACT_FORMATS = ("contacts", "zendesk", "calls")


@click.group(cls=InOrder)
def metrics() -> None:
    """Contact metrics (AHT, CSAT, NPS, eNPS, FCR, first response) read beside the figures
    that explain them, from a team's own help-desk, telephony and survey exports.

    \b
    Formulas:
      AHT   (talk + hold + after-contact work) / contacts handled, phone and chat only
            (other channels: not applicable, their handle time counts waiting)
      CSAT  satisfied answers (4-5 of 5, or good) / answers; response rate beside it
      NPS   % promoters (9-10) - % detractors (0-6); eNPS the same over agents' answers
      FCR   resolved, not reopened, not back within the window / contacts with a resolution
    A survey answer counts in the period and slice of the contact it is about.

    The files and rules come from the workspace's metrics document (metrics/*.yaml,
    kind: metrics) unless --contacts and the survey options name files.

    \b
    Exit codes: 0 ok (context warnings do not fail a report); 1 rows with errors and no
    --skip-bad; 2 usage or input error (a missing file or column).
    """


def _file_option(name: str, help_text: str, multiple: bool = False) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="FILE",
        multiple=multiple,
        help=help_text,
    )


def _choice(name: str, choices: tuple[str, ...], help_text: str) -> Callable[[F], F]:
    """A choice whose default is the first; for CLI, TUI and docs alike."""
    return click.option(
        name, type=click.Choice(choices), default=choices[0], show_default=True, help=help_text
    )


def _day_option(name: str, destination: str, which: str) -> Callable[[F], F]:
    return click.option(
        name,
        destination,
        type=click.DateTime(["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help=f"Only contacts started {which} this day (UTC).",
    )


def inputs(function: F) -> F:
    """The options every metrics command reads its data by (one place, one meaning)."""
    for option in reversed(
        [
            _file_option(
                "--definitions", "The metrics document.  [default: the workspace's metrics/*.yaml]"
            ),
            _file_option(
                "--contacts",
                "A contact export (.csv, .jsonl, .parquet; .json for Zendesk); repeat for more. "
                "Replaces the document's contact files.",
                multiple=True,
            ),
            click.option(
                "--contacts-format",
                type=click.Choice(CONTACT_FORMATS),
                default="contacts",
                show_default=True,
                help="How --contacts files are laid out: sxt's columns, a Zendesk ticket "
                "export, or a telephony call export.",
            ),
            _file_option(
                "--csat", "CSAT answers, CSV: contact_id, answered_at, score (1-5 or good/bad)."
            ),
            _file_option("--nps", "NPS answers, CSV: contact_id, answered_at, score (0-10)."),
            _file_option(
                "--enps", "Agent happiness answers, CSV: answered_at, score (0-10), team."
            ),
            _choice(
                "--by", SLICES, "Slice the figures by this (tier: bot, self-service or human)."
            ),
            _choice("--period", PERIODS, "One row per slice and ISO week, month or quarter (UTC)."),
            _day_option("--from", "start", "on or after"),
            _day_option("--to", "end", "on or before"),
            click.option(
                "--skip-bad",
                is_flag=True,
                help="Leave rows with errors out and compute the figures from the rest, "
                "listing what was left out.",
            ),
        ]
    ):
        function = option(function)
    return function


def _build(base: Path, arguments: dict[str, Any]) -> Report:
    """The report, or an input error (exit 2), or the document's errors (exit 1)."""
    from toolkit.core.workspace import find_root
    from toolkit.metrics import inputs as found
    from toolkit.metrics.compute import MetricsInputError, Options, build
    from toolkit.metrics.definitions import Definitions, SurveyFile
    from toolkit.metrics.sources import Source

    root = find_root(base)
    path = arguments["definitions"]
    document = resolve(base, path) if path else (found.find_definitions(root) if root else None)
    if path and not document.is_file():  # type: ignore[union-attr]
        raise InputError(f"{path}: no such file")
    try:
        definitions = found.load_definitions(document, base) if document else Definitions()
    except found.DefinitionsError as error:
        _print_findings(error.diagnostics)
        raise SystemExit(1) from None
    if arguments["contacts"]:
        definitions.contacts = [
            Source(resolve(base, p), str(p), arguments["contacts_format"])
            for p in arguments["contacts"]
        ]
    for name in ("csat", "nps", "enps"):
        if arguments[name]:
            setattr(
                definitions, name, SurveyFile(resolve(base, arguments[name]), str(arguments[name]))
            )
    if not definitions.contacts:
        raise InputError(
            "no contact export: give --contacts FILE, or add a metrics document "
            "(metrics/definitions.yaml, kind: metrics) to the workspace"
        )
    start, end = arguments["start"], arguments["end"]
    options = Options(
        by=arguments["by"],
        period=arguments["period"],
        start=start.date() if start else None,
        end=end.date() if end else None,
        skip_bad=arguments["skip_bad"],
    )
    if options.start and options.end and options.start > options.end:
        raise click.UsageError("--from is after --to")
    try:
        return build(definitions, options, found.qa_scores(root), cache_root=root)
    except MetricsInputError as error:
        raise InputError(str(error)) from None


def _print_findings(diagnostics: list[Any]) -> None:
    from toolkit.render.diagnostics import Summary, render

    echo(render("text", diagnostics, Summary(1, "file")))


def _show(report: Report, output_format: str, kind: str) -> None:
    from toolkit.metrics import render

    if output_format == "json":
        print_json(render.report_json(report))
    elif output_format == "csv":
        rows = report.totals if kind == "trend" else None
        click.echo(render.report_csv(report, rows), nl=False)
    elif output_format == "html":
        click.echo(render.report_html(report), nl=False)
    elif output_format == "markdown":
        echo(render.report_markdown(report).rstrip("\n"))
    else:
        echo(render.trend_text(report) if kind == "trend" else render.report_text(report))
    if report.errors and not report.options.skip_bad:
        raise SystemExit(1)


@metrics.command()
@inputs
@format_option(("text", "markdown", "html", "json", "csv"))
@click.pass_obj
def report(base: Path, output_format: str, **arguments: Any) -> None:
    """AHT, CSAT, QA, NPS, FCR and first response per slice and period, and the context
    warnings: speed bought with satisfaction, humans left the harder contacts, low CSAT on
    complex contacts beside the QA scores, over-surveying, agent happiness beside NPS.

    Every row is checked first (negative durations, ended before started, unknown channel,
    duplicate ids, unparseable times, mixed time zones, scores out of range), each problem
    reported at file:row:column; a file with errors gives no figures unless --skip-bad.
    html is one self-contained page to forward (`> metrics.html`).
    """
    _show(_build(base, arguments), output_format, "report")


@metrics.command()
@inputs
@format_option(("text", "markdown", "html", "json", "csv"))
@click.pass_obj
def trend(base: Path, output_format: str, **arguments: Any) -> None:
    """The headline figures period by period as charts: AHT, CSAT, FCR, and NPS with
    agent happiness (eNPS) on one chart. csv gives one row per period."""
    _show(_build(base, arguments), output_format, "trend")


@metrics.command()
@inputs
@format_option(("text", "json", "github", "sarif", "junit"))
@fail_level_option()
@click.pass_obj
def check(base: Path, output_format: str, fail_level: str, **arguments: Any) -> None:
    """Every row of the exports and surveys checked, the context warnings and the missed
    targets as findings, for CI: exit 1 when one is at --fail-level or above."""
    from toolkit.core.diagnostics import Diagnostic, at_least
    from toolkit.metrics.figures import as_tenths
    from toolkit.render.diagnostics import Summary, render

    built = _build(base, arguments)
    where = built.definitions.path or (built.files[0] if built.files else "metrics")
    found = list(built.diagnostics)
    found += [warning.diagnostic(where) for warning in built.warnings]
    found += [
        Diagnostic(
            where,
            None,
            None,
            "warning",
            "metrics/target-missed",
            f"{t.metric} for {t.channel} is {as_tenths(t.actual)}, target {t.target:g}",
        )
        for t in built.targets
        if t.met is False and t.actual is not None
    ]
    summary = Summary(len(built.files), "file")
    if output_format == "json":
        click.echo(render("json", found, summary))
    else:
        echo(render(output_format, found, summary))
    if any(at_least(d.severity, fail_level) for d in found):  # type: ignore[arg-type]
        raise SystemExit(1)
