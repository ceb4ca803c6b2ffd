"""`sxt metrics`: contact and survey figures from a team's own exports, read in context.

Parses options and prints; toolkit.metrics computes. DuckDB is imported only when a report
runs, so `sxt --help` (which reads this group's help) never loads the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit.cli.options import InOrder, InputError, echo, format_option, print_json, resolve
from toolkit.metrics.queries import GROUPS, PERIODS

F = TypeVar("F", bound=Callable[..., Any])


@click.group(cls=InOrder)
def metrics() -> None:
    """Contact metrics (AHT, CSAT, NPS, FCR) read beside the figures that explain them.

    \b
    Formulas:
      AHT   (talk + hold + after-contact work seconds) / contacts, phone and chat only;
            other channels are not applicable (their handle time counts waiting)
      CSAT  answers of 4 or 5 / all answers (scores 1-5), with the response rate beside it
      NPS   % promoters (9-10) - % detractors (0-6)
      FCR   contacts resolved and not reopened / contacts
    A survey answer counts in the period and slice of the contact it is about.

    \b
    Exit codes: 0 ok (context warnings do not fail); 1 rows with errors and no --skip-bad;
    2 usage or input error (a missing file or column).
    """


def _file_option(name: str, help_text: str, required: bool = False) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="FILE",
        required=required,
        help=help_text,
    )


def _choice_option(
    name: str, choices: Iterable[str], default: str, help_text: str
) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.Choice(tuple(choices)),
        default=default,
        show_default=True,
        help=help_text,
    )


@metrics.command()
@_file_option(
    "--contacts",
    "Contacts, CSV or JSON Lines (.jsonl): id, channel, started, ended, talk_seconds, "
    "hold_seconds, acw_seconds, agent, team, handled_by (bot, self-service or human), "
    "resolved, reopened, tags.",
    required=True,
)
@_file_option("--csat", "CSAT answers, CSV: contact_id, answered_at, score (1-5).")
@_file_option("--nps", "NPS answers, CSV: contact_id, answered_at, score (0-10).")
@_choice_option(
    "--by",
    GROUPS,
    "team",
    "Slice the figures by this (tier is handled_by: bot, self-service or human).",
)
@_choice_option(
    "--period", PERIODS, "month", "One row per slice and ISO week, month or quarter (UTC)."
)
@format_option(("text", "json"))
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Leave rows with errors out and compute the figures from the rest, listing them.",
)
@click.pass_obj
def report(
    base: Path,
    contacts: Path,
    csat: Path | None,
    nps: Path | None,
    by: str,
    period: str,
    output_format: str,
    skip_bad: bool,
) -> None:
    """AHT, CSAT, NPS and FCR per slice and period, with 'AHT fell X% while CSAT fell Y
    points' warned between consecutive periods: speed bought with satisfaction.

    Every row is checked first (negative durations, ended before started, unknown channel or
    handled_by, duplicate ids, unparseable times, scores out of range), each problem reported
    at file:row:column; a file with errors gives no figures unless --skip-bad.
    """
    from toolkit.metrics.compute import MetricsInputError
    from toolkit.metrics.compute import report as compute
    from toolkit.metrics.report import report_json, report_text

    given = {"contacts": contacts, "csat": csat, "nps": nps}
    paths = {name: resolve(base, path) for name, path in given.items() if path is not None}
    display = {paths[name]: str(path) for name, path in given.items() if path is not None}
    try:
        built = compute(
            paths["contacts"],
            csat=paths.get("csat"),
            nps=paths.get("nps"),
            by=by,
            period=period,
            skip_bad=skip_bad,
            display=display,
        )
    except MetricsInputError as error:
        raise InputError(str(error)) from None
    if output_format == "json":
        print_json(report_json(built))
    else:
        echo(report_text(built, has_csat=csat is not None))
    if built.errors and not skip_bad:
        raise SystemExit(1)
