"""`sxt audit`: the quarterly audit against the ten-point checklist, for people and scripts.

Parses options, calls toolkit.audit, renders through toolkit.audit.report: nothing here
scores or compares. The domain is imported inside each command, so `sxt --help` stays light.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    day_of,
    echo,
    format_option,
    print_json,
    today_option,
    workspace_root,
)

if TYPE_CHECKING:
    from toolkit.audit.files import AuditSet, Revision
    from toolkit.audit.model import Quarter
    from toolkit.audit.scoring import AuditScore

F = TypeVar("F", bound=Callable[..., Any])

_COMMIT = re.compile(r"^[0-9a-f]{40,64}\t\S+$")


class QuarterType(click.ParamType):
    """A quarter such as 2026-Q4 (2026-q4 too), parsed when the command runs."""

    name = "QUARTER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from toolkit.audit.model import Quarter

        if isinstance(value, Quarter):
            return value
        try:
            return Quarter.parse(str(value).strip().upper())
        except ValueError as error:
            self.fail(str(error), param, ctx)


QUARTER = QuarterType()


def _load(base: Path, day: dt.date) -> AuditSet:
    """The workspace's audits, scored. An audit file with errors is left out, and said so on
    stderr, so the other quarters still report and stdout stays parseable."""
    from toolkit.audit import files

    try:
        audits = files.load(workspace_root(base), day)
    except files.NoChecklist as error:
        raise InputError(str(error)) from None
    for path in sorted({problem.path for problem in audits.problems}):
        click.echo(f"sxt: {path} is left out: it has errors (see `sxt validate`)", err=True)
    return audits


def _pick(audits: AuditSet, quarter: Quarter | None) -> AuditScore:
    from toolkit.audit.files import audit_path

    if quarter is None:
        latest = audits.latest()
        if latest is None:
            raise InputError("no audits yet in audits/: `sxt audit start` begins one")
        return latest
    found = audits.quarter(quarter)
    if found is None:
        known = ", ".join(str(s.audit.quarter) for s in audits.scores) or "none"
        why = "has errors" if audit_path(audits.root, quarter).exists() else "does not exist"
        raise InputError(f"audits/{quarter}.yaml {why}; audits: {known}")
    return found


@click.group(cls=InOrder)
def audit() -> None:
    """Audit the service every quarter against the ten-point checklist.

    One file per quarter (audits/2026-Q4.yaml) holds, for every item of the checklist, a
    level, evidence, an owner and action items. Start a quarter, fill it in (in the file or
    in the terminal app, `sxt`), then report it and follow the trend.

    \b
    Scoring:
      level       each item 0-4 against its own descriptors in the checklist
                  (0 Absent, 1 Ad hoc, 2 Defined, 3 Managed, 4 Leading), or
                  na (with a reason), inconclusive, or waived (with a justification
                  and an expiry): these are kept apart from a low score
      index       the weighted mean of the scored items' levels, 0-4 (weights from
                  the checklist, default 1); na, inconclusive, waived and unassessed
                  items are left out; as a percentage, index / 4
      completion  the share of items scored, na or waived (inconclusive still needs
                  an answer)

    \b
    Warnings:
      foundation  an item scored above an item it depends on (the checklist's
                  depends_on): build the foundation first
      stale       the newest evidence is older than the item's cadence (daily 1 day,
                  quarterly 92, yearly 366), counted back from the audit's date
      overdue     an open action past its due date
      waiver-expired
                  a waiver past its expiry
      Due dates and waivers are judged as of today, or as of the quarter's
      last day once the quarter is over.

    \b
    Exit codes: 0 ok; 1 warnings with `status --fail-on-warnings`; 2 usage or input
    error (no workspace, no such audit, an audit that exists already).
    """


@audit.command()
@click.argument("quarter", required=False, type=QUARTER)
@format_option(("text", "json"))
@today_option
@click.pass_obj
def start(
    base: Path, quarter: Quarter | None, output_format: str, today: dt.datetime | None
) -> None:
    """Create the audit of QUARTER (default: the current quarter) from the checklist.

    Every item is listed in priority order with nothing assessed yet. The owners, open
    actions and evidence of the quarter before are carried forward as a starting point,
    each marked `carried_from`: confirm, update or remove them. An existing audit is never
    overwritten.
    """
    from toolkit.audit import files
    from toolkit.audit.model import Quarter
    from toolkit.core.diagnostics import plural

    day = day_of(today)
    root = workspace_root(base)
    quarter = quarter or Quarter.of(day)
    try:
        path = files.start(root, quarter, day)
    except files.AuditExists:
        raise InputError(
            f"audits/{quarter}.yaml exists already, and sxt never overwrites an audit: "
            "edit it, or see `sxt audit status`"
        ) from None
    except files.NoChecklist as error:
        raise InputError(str(error)) from None
    audits = files.load(root, day)
    previous = audits.before(quarter)
    started = audits.quarter(quarter)
    assessments = started.audit.assessments.values() if started else ()
    carried = {
        "owners": sum(1 for a in assessments if a.owner),
        "evidence": sum(1 for a in assessments for e in a.evidence if e.carried_from),
        "open actions": sum(1 for a in assessments for x in a.actions if x.carried_from),
    }
    relative = path.relative_to(root).as_posix()
    if output_format == "json":
        print_json(
            {
                "path": relative,
                "quarter": str(quarter),
                "carried_from": str(previous.audit.quarter) if previous else None,
                "carried": {name.replace(" ", "_"): count for name, count in carried.items()},
            }
        )
        return
    echo(
        f"Created {relative}: {plural(len(audits.checklist.items), 'item')} of "
        f"{audits.checklist.title} to assess."
    )
    if previous is None:
        echo("No earlier audit to carry from: every item starts empty.")
    else:
        counts = ", ".join(f"{count} {name}" for name, count in carried.items())
        echo(f"Carried from {previous.audit.quarter}: {counts}, each marked carried_from.")
        echo("Confirm, update or remove them as you assess.")
    echo("Next: assess each item in the file or in `sxt`; `sxt audit status` shows progress.")


@audit.command()
@format_option(("text", "json"))
@click.option(
    "--fail-on-warnings", is_flag=True, help="Exit 1 when the audit has warnings (for CI)."
)
@today_option
@click.pass_obj
def status(
    base: Path, output_format: str, fail_on_warnings: bool, today: dt.datetime | None
) -> None:
    """The latest audit at a glance: completion, index, items still to assess, warnings.

    Warnings (foundations first, stale evidence, overdue actions, expired waivers) do not
    change the exit code unless --fail-on-warnings.
    """
    from toolkit.audit import report

    day = day_of(today)
    audits = _load(base, day)
    current = _pick(audits, None)
    previous = audits.before(current.audit.quarter)
    where = (
        current.audit.path.relative_to(audits.root).as_posix()
        if current.audit.path
        else f"audits/{current.audit.quarter}.yaml"
    )
    if output_format == "json":
        print_json(report.status_json(current, day, where))
    else:
        echo(report.status_text(current, previous, day, where))
    if fail_on_warnings and current.warnings:
        raise SystemExit(1)


@audit.command(name="report")
@click.argument("quarter", required=False, type=QUARTER)
@format_option(("text", "markdown", "html", "json"))
@today_option
@click.pass_obj
def report_command(
    base: Path, quarter: Quarter | None, output_format: str, today: dt.datetime | None
) -> None:
    """Report QUARTER (default: the latest audit) for a quarterly business review.

    The summary (index, completion, warnings, against the quarter before), then each item
    with its level and what that level means, evidence and actions, what changed since the
    quarter before, and the warnings. Markdown pastes into a document; html is one
    self-contained page (`> report.html`).
    """
    from toolkit.audit import report
    from toolkit.audit.history import trend
    from toolkit.journey.links import workspace_pains

    day = day_of(today)
    audits = _load(base, day)
    current = _pick(audits, quarter)
    previous = audits.before(current.audit.quarter)
    pains = workspace_pains(workspace_root(base), current.checklist.id)
    # Contact metrics that inform customer voice, self-service and proactive, when the
    # workspace has a metrics document (toolkit.metrics.evidence).
    from toolkit.metrics import evidence

    cited = evidence.audit_evidence(workspace_root(base), str(current.audit.quarter))
    if output_format == "html":
        up_to = [s for s in audits.scores if s.audit.quarter <= current.audit.quarter]
        page = _html(current, previous, trend(up_to), day, pains)
        click.echo(evidence.evidence_html(page, cited), nl=False)
    elif output_format == "markdown":
        text = report.report_markdown(current, previous, day, pains).rstrip("\n")
        echo("\n".join([text, *evidence.evidence_markdown(cited)]))
    elif output_format == "json":
        data = report.report_json(current, previous, day, pains)
        print_json({**data, "metric_evidence": [e.as_dict() for e in cited]})
    else:
        text = report.report_text(current, previous, day, pains)
        echo("\n".join([text, *evidence.evidence_text(cited)]))


def _html(
    current: AuditScore, previous: AuditScore | None, history: Any, day: dt.date, pains: Any
) -> str:
    try:
        from toolkit.audit.html import report_html
    except ModuleNotFoundError as error:
        if error.name != "toolkit.audit.html":
            raise
        raise InputError(
            "HTML report not available in this version of sxt; use --format markdown"
        ) from None
    return str(report_html(current, previous, history, day, pains))


@audit.command()
@click.option(
    "--git",
    "from_git",
    is_flag=True,
    help="Every committed version of each audit from git, one column per quarter per "
    "commit day, so an audit edited in place shows how it moved.",
)
@click.option("--last", type=click.IntRange(min=1), metavar="N", help="Only the last N columns.")
@format_option(("text", "markdown", "json"))
@today_option
@click.pass_obj
def trend(
    base: Path, from_git: bool, last: int | None, output_format: str, today: dt.datetime | None
) -> None:
    """Each item's level across all quarters, with deltas and a chart.

    A cell shows the level and its change from the column before (`3 +1`); `n/a`,
    `?` (inconclusive), `waived` and `-` (not assessed) stand in for a level. The chart
    column is a sparkline of levels 0-4 (▁▂▃▄▅, `·` where there is no level); below the
    table, a bar per quarter shows the maturity index.
    """
    from toolkit.audit import history, report
    from toolkit.audit.files import revisions_trend

    day = day_of(today)
    audits = _load(base, day)
    if from_git:
        found = revisions_trend(_git_revisions(audits.root), audits.checklist, day)
    else:
        found = history.trend(audits.scores)
    if last:
        found = found.last(last)
    if output_format == "json":
        print_json(report.trend_json(found))
    elif output_format == "markdown":
        echo(report.trend_markdown(found).rstrip("\n"))
    else:
        echo(report.trend_text(found))


def _git_revisions(root: Path) -> list[Revision]:
    """Every committed version of the files under audits/, oldest first, read with real git:
    `git log` names the commits and the files each one changed, `git show` gives each text."""
    import subprocess

    from toolkit.audit.files import AUDITS, Revision

    def git(*arguments: str) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(
                ["git", "-c", "core.quotepath=off", *arguments],
                cwd=root,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                check=False,
            )
        except FileNotFoundError:
            raise InputError("--git needs git, and git is not on the PATH") from None

    log = git("log", "--format=%H%x09%cI", "--name-only", "--", f"{AUDITS}/")
    if log.returncode != 0:
        raise InputError(f"--git: {log.stderr.strip() or 'git log failed'}")
    revisions = []
    commit, committed = "", dt.datetime.min
    for line in log.stdout.splitlines():
        if _COMMIT.match(line):
            commit, stamp = line.split("\t")
            committed = dt.datetime.fromisoformat(stamp)
        elif commit and line.endswith((".yaml", ".yml")):
            shown = git("show", f"{commit}:{line}")
            if shown.returncode == 0:  # not when the commit deleted the file
                revisions.append(Revision(commit, committed, line, shown.stdout))
    return revisions[::-1]  # git log lists the newest first


@audit.command(name="diff")
@click.argument("before", type=QUARTER)
@click.argument("after", type=QUARTER)
@format_option(("text", "markdown", "json"))
@today_option
@click.pass_obj
def diff_command(
    base: Path, before: Quarter, after: Quarter, output_format: str, today: dt.datetime | None
) -> None:
    """What changed, item by item, from quarter BEFORE to quarter AFTER.

    For each changed item: its level before and after, and what else moved (new evidence,
    new and closed actions, a new owner). Unchanged items are listed by name.
    """
    from toolkit.audit import report

    day = day_of(today)
    audits = _load(base, day)
    first, second = _pick(audits, before), _pick(audits, after)
    if output_format == "json":
        print_json(report.diff_json(first, second))
    elif output_format == "markdown":
        echo(report.diff_markdown(first, second))
    else:
        echo(report.diff_text(first, second))


@audit.command()
@click.option("--overdue", is_flag=True, help="Only open actions past their due date.")
@click.option(
    "--owner", metavar="NAME", help="Only actions whose owner's name contains NAME (any case)."
)
@format_option(("text", "markdown", "json"))
@today_option
@click.pass_obj
def actions(
    base: Path, overdue: bool, owner: str | None, output_format: str, today: dt.datetime | None
) -> None:
    """The action items of every quarter, by due date.

    An action carried from quarter to quarter is listed once, as the latest audit that
    lists it says (open, done or dropped), with that quarter.
    """
    from toolkit.audit import history, report

    day = day_of(today)
    found = history.actions(_load(base, day).scores)
    if overdue:
        found = [entry for entry in found if entry.overdue(day)]
    if owner is not None:
        wanted = owner.casefold()
        found = [e for e in found if wanted in (e.action.owner or "").casefold()]
    if output_format == "json":
        print_json(report.actions_json(found, day))
    elif output_format == "markdown":
        echo(report.actions_markdown(found, day).rstrip("\n"))
    else:
        echo(report.actions_text(found, day))
