"""`sxt journey`: customer journey maps, checked like code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    colour,
    day_of,
    echo,
    fail_level_option,
    format_option,
    print_json,
    resolve,
    today_option,
    workspace_root,
)

if TYPE_CHECKING:
    from toolkit.journey.files import JourneySet
    from toolkit.journey.links import StepShops

    StepCoverage = dict[str, StepShops]
    from toolkit.journey.model import Journey
    from toolkit.metrics.evidence import StepFigure

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")
EXPORT_FORMATS = ("mermaid", "markdown", "html", "json")
SUMMARY_FORMATS = ("text", "markdown", "json")


@click.group(cls=InOrder)
def journey() -> None:
    """Customer journeys: stages, steps, touchpoints, emotions, pain points, owners and the
    support tier (proactive, self-service, human) that serves each step."""


@journey.command(short_help="Find where each journey breaks, finding by finding.")
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
      channel-gap        every channel the journey or a stage declares has a step
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
            color=colour(),
        )
    )
    if any(at_least(d.severity, fail_level) for d in diagnostics):  # type: ignore[arg-type]
        raise SystemExit(1)


def _journeys(base: Path) -> tuple[JourneySet, Path | None]:
    """The workspace's valid journeys (files with errors named on stderr) and its root; the
    shipped example when run outside a workspace, so `sxt journey show` works anywhere."""
    from toolkit.core.content import shipped_root
    from toolkit.core.diagnostics import printable
    from toolkit.core.workspace import find_root
    from toolkit.journey.files import workspace_journeys

    root = find_root(base)
    found = workspace_journeys(root or shipped_root(), base)
    for path in sorted({problem.path for problem in found.problems}):
        left_out = f"sxt: {path} is left out: it has errors (see `sxt validate`)"
        click.echo(printable(left_out), err=True)
    return found, root


def _one(
    base: Path, name: str | None
) -> tuple[Journey, StepCoverage | None, dict[str, StepFigure] | None]:
    """The journey a command names by id or path (the only one when the workspace has one),
    the shops that test its steps (None outside a workspace, where there are no shops), and
    the figures of the metrics its steps name (None when no step names one)."""
    from toolkit.core.diagnostics import printable
    from toolkit.core.suggest import did_you_mean
    from toolkit.core.workspace import find_root
    from toolkit.journey.files import load
    from toolkit.journey.links import shop_coverage

    path = resolve(base, Path(name)) if name and name.endswith((".yaml", ".yml")) else None
    if path is not None and path.is_file():
        found = load([path], base)
        if found.problems:
            problems = "\n".join(f"  {d.location()}: {d.message}" for d in found.problems)
            why = f"{name} has errors; run `sxt validate {name}`:\n{problems}"
            raise InputError(printable(why))
        journey, root = found.journeys[0], find_root(path.parent)
    else:
        journeys, root = _journeys(base)
        if name is None and len(journeys.journeys) == 1:
            journey = journeys.journeys[0]
        elif name is None:
            ids = ", ".join(j.id for j in journeys.journeys) or "none"
            raise click.UsageError(f"name the journey (journeys here: {ids})")
        else:
            named = journeys.find(name)
            if named is None:
                hint = did_you_mean(name, [j.id for j in journeys.journeys])
                raise click.BadParameter(f"no journey {name!r}{hint}", param_hint="JOURNEY")
            journey = named
    coverage = shop_coverage(root).get(journey.id, {}) if root else None
    from toolkit.metrics.evidence import journey_figures

    return journey, coverage, journey_figures(journey, root)


@journey.command(short_help="Draw a journey map in the terminal.")
@click.argument("name", metavar="[JOURNEY]", required=False)
@click.option(
    "--width",
    type=click.IntRange(min=40),
    metavar="COLUMNS",
    help="Width to draw in (default: the terminal's, or 80).",
)
@click.pass_obj
def show(base: Path, name: str | None, width: int | None) -> None:
    """Draw a journey map in the terminal: stages as columns, lanes as rows, the emotion
    curve across the steps, and the mystery shops that tested each step.

    JOURNEY is a journey id (its file name without .yaml) or a path; it may be left out when
    the workspace has one journey. Steps that do not fit side by side continue below.
    """
    import os
    import shutil
    import sys

    from toolkit.journey.terminal import render_map

    found, steps, figures = _one(base, name)
    columns = width or shutil.get_terminal_size((80, 24)).columns
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    metrics = None if figures is None else {step: f.short() for step, f in figures.items()}
    echo(render_map(found, width=columns, coverage=steps, color=color, metrics=metrics))


@journey.command(short_help="Export a journey to Mermaid, Markdown, HTML or JSON.")
@click.argument("name", metavar="[JOURNEY]", required=False)
@format_option(EXPORT_FORMATS, default="markdown")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@today_option
@click.pass_obj
def export(
    base: Path,
    name: str | None,
    output_format: str,
    output: Path | None,
    today: dt.datetime | None,
) -> None:
    """Export a journey map to share it.

    \b
    Formats:
      mermaid    a Mermaid `journey` diagram; emotion -2..+2 becomes Mermaid's
                 1-5 faces (-2 -> 1, -1 -> 2, 0 or unset -> 3, +1 -> 4, +2 -> 5)
      markdown   the map as tables, with the Mermaid diagram GitHub renders
      html       one self-contained page: emotion curve, lanes as a grid,
                 check findings; no network needed to view it
      json       every field, for scripts
    """
    from toolkit.journey import export as exports

    found, steps, figures = _one(base, name)
    metrics = None if figures is None else {step: f.text() for step, f in figures.items()}
    if output_format == "mermaid":
        text = exports.mermaid(found)
    elif output_format == "markdown":
        text = exports.markdown(found, steps, metrics)
    elif output_format == "json":
        import json

        from toolkit.core.diagnostics import printable_json

        data = exports.as_json(found, steps, figures)
        text = printable_json(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from toolkit.core.validation import check_file
        from toolkit.journey.checks import check_journey
        from toolkit.journey.html import journey_html

        assert found.path is not None
        document = check_file(found.path, found.display).document  # read once already
        assert document is not None
        text = journey_html(found, steps, check_journey(document, day_of(today)), metrics)
    if output is None:
        click.echo(text.rstrip("\n"))
        return
    from toolkit.core.store import write_text

    write_text(resolve(base, output), text if text.endswith("\n") else text + "\n")
    click.echo(f"wrote {output}", err=True)


@journey.command(short_help="Funnel, happiness, worst steps and opportunities across journeys.")
@format_option(SUMMARY_FORMATS)
@click.pass_obj
def summary(base: Path, output_format: str) -> None:
    """Across all journeys: the support funnel (share of steps per tier), the happiness
    score (share of steps with a positive emotion), the worst steps, open pain points by
    owner, opportunities ranked by impact / effort, and the steps mystery shops have and
    have not tested."""
    from toolkit.journey.links import shop_coverage
    from toolkit.journey.summary import build, summary_json, summary_markdown, summary_text

    journeys, root = _journeys(base)
    if not journeys.journeys:
        raise InputError("no valid journeys in journeys/: write one, or fix the ones there")
    result = build(journeys.journeys, shop_coverage(root) if root else {})
    if output_format == "json":
        print_json(summary_json(result))
    elif output_format == "markdown":
        echo(summary_markdown(result).rstrip("\n"))
    else:
        echo(summary_text(result))
