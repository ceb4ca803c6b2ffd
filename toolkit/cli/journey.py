"""`sxt journey`: customer journey maps, checked like code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    day_of,
    echo,
    fail_level_option,
    format_option,
    resolve,
    today_option,
    workspace_root,
)

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")


@click.group(cls=InOrder)
def journey() -> None:
    """Customer journeys: stages, steps, touchpoints, emotions, pain points, owners and the
    support tier (proactive, self-service, human) that serves each step."""


@journey.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(CHECK_FORMATS)
@fail_level_option()
@click.option("--explain", metavar="CHECK", help="Explain a check: what it looks for and why.")
@click.option(
    "--max-age",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    metavar="DAYS",
    help="How old the validated: date of a journey may be.",
)
@today_option
@click.pass_obj
def check(
    base: Path,
    paths: tuple[Path, ...],
    output_format: str,
    fail_level: str,
    explain: str | None,
    max_age: int,
    today: dt.datetime | None,
) -> None:
    """Check journey maps for where service breaks (default: every journey of the workspace).

    \b
    Checks (switch one off in a journey with skip_checks: [id]):
      step-owner         every step has an owner
      pain-action        every pain point has an opportunity or an action
      bot-loop           hard or sensitive self-service steps have a way to a human
      repeated-pain      a pain point met in several steps has a proactive or
                         self-service answer
      channel-gap        every declared channel is present in each stage
      frontstage-owner   customer-visible steps have a frontstage lane
      assumed-evidence   the map rests on observation, not assumption
      stale-validation   the map was validated within --max-age days

    Exit codes: 0 clean, 1 findings at --fail-level or above, 2 usage or input error.
    """
    from toolkit.core.diagnostics import at_least, printable
    from toolkit.core.suggest import did_you_mean
    from toolkit.core.validation import validate
    from toolkit.core.workspace import walk
    from toolkit.journey.checks import BY_ID, check_journey
    from toolkit.render.diagnostics import Summary, render

    if explain is not None:
        found = BY_ID.get(explain)
        if found is None:
            hint = did_you_mean(explain, BY_ID)
            raise click.BadParameter(f"no check {explain!r}{hint}", param_hint="--explain")
        echo(printable(f"journey/{found.id} ({found.level}): {found.title}\n\n{found.explanation}"))
        return
    if paths:
        files = [resolve(base, path) for path in paths]
        missing = [str(path) for path, file in zip(paths, files, strict=True) if not file.exists()]
        if missing:
            raise click.BadParameter(f"no such file: {', '.join(missing)}", param_hint="PATHS")
    else:
        files = walk(workspace_root(base) / "journeys", (".yaml", ".yml"))
        if not files:
            raise InputError("no journeys in journeys/: write one, or copy the shipped example")
    report = validate(files, base)
    diagnostics = []
    for checked in report.files:
        if not checked.valid or checked.kind != "journey" or checked.document is None:
            diagnostics += checked.diagnostics or []
            continue
        diagnostics += check_journey(checked.document, day_of(today), max_age)
    echo(
        render(
            output_format,
            diagnostics,
            Summary(len(report.files), "journey", show_codes=True),
            color=True,
        )
    )
    if any(at_least(d.severity, fail_level) for d in diagnostics):  # type: ignore[arg-type]
        raise SystemExit(1)
