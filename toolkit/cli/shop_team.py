"""`sxt shop` commands for QA as team work in git: blind calibration sessions, disputes, and
the move of old single-file shops to one file per scoring. Parses options, calls
toolkit.shop, prints; the domain is imported inside each command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    day_of,
    echo,
    format_option,
    print_json,
    today_option,
)
from toolkit.cli.shop_common import identity, load_shops, shop_named, where
from toolkit.core.diagnostics import plural, printable

# --- sessions --------------------------------------------------------------------------------


@click.group(cls=InOrder)
def session() -> None:
    """Blind calibration rounds: which shops a group scores, by when, who has submitted.

    \b
      new     start a round: shops, scorers, a due date, optionally the benchmark
      status  who has submitted each shop (never what anyone answered)
      close   end the round: from then on everyone sees everything

    While a session is open, every view a scorer uses (`sxt shop report`, `calibrate`, the
    terminal app's shop list and calibration view, the journey map) hides the other
    scorers' answers and the benchmark's score of its shops from anyone who has not
    submitted their own (`sxt shop submit`); after submitting you see every submitted
    scoring. You are --scorer NAME, else $SXT_SCORER, else `git config user.name`.

    This keeps sxt's views blind; it is not secrecy: the files are in git, and anyone who
    opens them can read them. Agree as a team not to.
    """


@session.command(name="new")
@click.argument("shop_names", nargs=-1, required=True, metavar="SHOP...")
@click.option(
    "--scorer",
    "scorers",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A scorer taking part (repeat for each).",
)
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="Due date.")
@click.option("--benchmark", metavar="NAME", help="Who scores as the benchmark (the calibrator).")
@click.option("--title", default="", metavar="TEXT", help="What the round is about.")
@click.option(
    "--id",
    "session_id",
    metavar="ID",
    help="The file name, calibration/ID.yaml.  [default: today's date and the title]",
)
@format_option(("text", "json"))
@today_option
@click.pass_obj
def session_new(
    base: Path,
    shop_names: tuple[str, ...],
    scorers: tuple[str, ...],
    due: dt.datetime | None,
    benchmark: str | None,
    title: str,
    session_id: str | None,
    output_format: str,
    today: dt.datetime | None,
) -> None:
    """Start a blind calibration round over SHOP... (paths under shops/ or ids)."""
    import re

    from toolkit.core.identity import tidy
    from toolkit.shop import sessions
    from toolkit.shop.files import slug
    from toolkit.shop.model import Session

    shops = load_shops(base)
    chosen = list(dict.fromkeys(shop_named(shops, base, name).id for name in shop_names))
    people = list(dict.fromkeys(tidy(name) for name in scorers if tidy(name)))
    if not people:
        raise click.BadParameter("no scorer named", param_hint="'--scorer'")
    day = day_of(today)
    name = session_id or f"{day.isoformat()}-{slug(title) if title.strip() else 'calibration'}"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise click.BadParameter(
            f"{name!r}: expected lowercase letters, digits and dashes", param_hint="'--id'"
        )
    planned = Session(
        name,
        day,
        tuple(chosen),
        tuple(people),
        title=" ".join(title.split()),
        due=due.date() if due else None,
        benchmark=tidy(benchmark) if benchmark else None,
    )
    try:
        path = sessions.create(shops.root, planned, shops.sessions)
    except sessions.SessionError as error:
        raise InputError(str(error)) from None
    relative = path.relative_to(shops.root).as_posix()
    if output_format == "json":
        print_json({"path": relative, "id": name, "shops": chosen, "scorers": people})
        return
    echo(
        f"Opened {relative}: {plural(len(chosen), 'shop')}, {plural(len(people), 'scorer')}"
        + (f", due {due.date().isoformat()}" if due else "")
        + "."
    )
    echo("Each scorer: sxt shop score SHOP, then sxt shop submit SHOP.")


def _session(shops: Any, session_id: str | None) -> list[Any]:
    """The named session, or every open one when none is named."""
    if session_id is None:
        found = [s for s in shops.sessions if s.is_open]
        if not found:
            raise InputError("no open calibration session (`sxt shop session new` starts one)")
        return found
    named = shops.session(session_id)
    if named is None:
        from toolkit.core.suggest import did_you_mean

        hint = did_you_mean(session_id, [s.id for s in shops.sessions])
        raise InputError(f"no calibration session {session_id!r} in calibration/{hint}")
    return [named]


@session.command(name="status")
@click.argument("session_id", required=False, metavar="[ID]")
@format_option(("text", "json"))
@today_option
@click.pass_obj
def session_status(
    base: Path, session_id: str | None, output_format: str, today: dt.datetime | None
) -> None:
    """Who has submitted each shop of session ID (default: every open session).

    Shows progress only (submitted, draft with N of M answered, not started), never an
    answer or a score, so anyone may run it. Exit 1 when an open session is past its due
    date with submissions missing.
    """
    from toolkit.shop import sessions

    shops = load_shops(base)
    day = day_of(today)
    report = []
    late = False
    for found in _session(shops, session_id):
        seats = sessions.status(found, shops.everything, shops.scorecards)
        done = sum(seat.progress == "submitted" for seat in seats)
        overdue = found.is_open and found.due is not None and found.due < day and done < len(seats)
        late = late or overdue
        report.append((found, seats, done, overdue))
    if output_format == "json":
        print_json(
            [
                {
                    "id": found.id,
                    "title": found.title,
                    "open": found.is_open,
                    "opened": found.opened.isoformat(),
                    "due": found.due.isoformat() if found.due else None,
                    "closed": found.closed.isoformat() if found.closed else None,
                    "overdue": overdue,
                    "submitted": done,
                    "seats": len(seats),
                    "progress": [
                        {
                            "shop": seat.shop,
                            "scorer": seat.scorer,
                            "benchmark": seat.benchmark,
                            "progress": seat.progress,
                            "answered": seat.answered,
                            "asked": seat.asked,
                            "submitted": seat.submitted.isoformat() if seat.submitted else None,
                        }
                        for seat in seats
                    ],
                }
                for found, seats, done, overdue in report
            ]
        )
    else:
        echo("\n\n".join(_status_text(*entry) for entry in report))
    if late:
        raise SystemExit(1)


def _status_text(found: Any, seats: list[Any], done: int, overdue: bool) -> str:
    from toolkit.render.tables import Table, terminal_text, text_tables

    state = (
        f"open since {found.opened.isoformat()}"
        if found.is_open
        else f"closed {found.closed.isoformat()}"
    )
    due = f", due {found.due.isoformat()}" + (" (overdue)" if overdue else "") if found.due else ""
    head = [
        f"Calibration session {found.id}"
        + (f": {terminal_text(found.title)}" if found.title else ""),
        f"{state}{due}; {done} of {plural(len(seats), 'scoring')} submitted.",
    ]
    rows = [
        [
            seat.shop,
            seat.scorer + (" (benchmark)" if seat.benchmark else ""),
            seat.progress
            + (f" {seat.submitted.isoformat()}" if seat.submitted else "")
            + (f" ({seat.answered} of {seat.asked})" if seat.progress == "draft" else ""),
        ]
        for seat in seats
    ]
    return "\n".join(head + text_tables([Table("Progress", ["shop", "scorer", "state"], rows)]))


@session.command(name="close")
@click.argument("session_id", metavar="ID")
@today_option
@click.pass_obj
def session_close(base: Path, session_id: str, today: dt.datetime | None) -> None:
    """Close session ID: from now on everyone sees every scoring of its shops.

    Scorings still in draft stay drafts; `sxt shop calibrate` then compares what was given.
    """
    from toolkit.shop import sessions

    shops = load_shops(base)
    found = _session(shops, session_id)[0]
    seats = sessions.status(found, shops.everything, shops.scorecards)
    try:
        sessions.close(found, day_of(today))
    except sessions.SessionError as error:
        raise InputError(str(error)) from None
    done = sum(seat.progress == "submitted" for seat in seats)
    echo(f"Closed {found.id}: {done} of {plural(len(seats), 'scoring')} submitted.")
    echo(f"Next: sxt shop calibrate {' '.join(found.shops)}")


# --- disputes --------------------------------------------------------------------------------


def _criterion(shops: Any, shop: Any, criterion_id: str) -> Any:
    card = shops.scorecards[shop.scorecard]
    criterion = card.criterion(criterion_id)
    if criterion is None:
        from toolkit.core.suggest import did_you_mean

        hint = did_you_mean(criterion_id, [c.id for _, c in card.criteria()])
        raise click.BadParameter(
            f"no criterion {criterion_id!r} in scorecard {card.id!r}{hint}",
            param_hint="'--criterion'",
        )
    return criterion


def _answer(criterion: Any, text: str | None, option: str) -> Any:
    if text is None:
        return None
    from toolkit.shop.files import AnswerError, answer_to

    try:
        return answer_to(criterion, text)
    except AnswerError as error:
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None


@click.command()
@click.argument("shop_name", metavar="SHOP")
@click.option("--criterion", "criterion_id", required=True, metavar="ID", help="What is disputed.")
@click.option("--reason", required=True, metavar="TEXT", help="Why the score is wrong.")
@click.option(
    "--wants",
    metavar="ANSWER",
    help="The answer asked for.  [default: the criterion's best answer]",
)
@click.option(
    "--by",
    metavar="NAME",
    help="Who disputes (the agent).  [default: $SXT_SCORER, else `git config user.name`]",
)
@today_option
@click.pass_obj
def dispute(
    base: Path,
    shop_name: str,
    criterion_id: str,
    reason: str,
    wants: str | None,
    by: str | None,
    today: dt.datetime | None,
) -> None:
    """Dispute one criterion of SHOP's score (as the agent who was shopped).

    Writes shops/SHOP/disputes/CRITERION.yaml; a reviewer or arbitrator settles it with
    `sxt shop resolve`. Disputing a settled criterion again reopens it: the history stays.
    `sxt shop report` lists open disputes, the share upheld by criterion and the time to
    resolve.
    """
    from toolkit.shop import disputes

    name = identity(base, by, "--by")
    shops = load_shops(base)
    found = shops.everything[shop_named(shops, base, shop_name).id]
    criterion = _criterion(shops, found, criterion_id)
    try:
        path = disputes.open_dispute(
            found,
            criterion,
            name,
            " ".join(reason.split()),
            day_of(today),
            _answer(criterion, wants, "--wants"),
            shops.root,
        )
    except disputes.DisputeError as error:
        raise InputError(str(error)) from None
    echo(f"Disputed {criterion.id} of {found.id}: {path.relative_to(shops.root).as_posix()}")


@click.command()
@click.argument("shop_name", metavar="SHOP")
@click.argument("outcome", type=click.Choice(["accept", "partial", "reject"]))
@click.option("--criterion", "criterion_id", required=True, metavar="ID", help="The disputed one.")
@click.option(
    "--answer",
    metavar="ANSWER",
    help="The answer the shop counts from now on: required for partial; for accept "
    "[default: the answer the agent asked for, else the best].",
)
@click.option("--note", metavar="TEXT", help="Why, for the agent and the record.")
@click.option(
    "--by",
    metavar="NAME",
    help="Who resolves (a reviewer or arbitrator, not the agent).  "
    "[default: $SXT_SCORER, else `git config user.name`]",
)
@today_option
@click.pass_obj
def resolve(
    base: Path,
    shop_name: str,
    outcome: str,
    criterion_id: str,
    answer: str | None,
    note: str | None,
    by: str | None,
    today: dt.datetime | None,
) -> None:
    """Settle the open dispute of a criterion of SHOP: accept, partial (with --answer) or
    reject.

    Accepted and partly accepted disputes change what `sxt shop report` counts: the settled
    answer replaces every scorer's answer to that criterion for this shop. Calibration
    keeps the scorers' own answers. Each outcome is appended to the dispute's history.
    """
    from toolkit.shop import disputes
    from toolkit.shop.results import result

    name = identity(base, by, "--by")
    shops = load_shops(base)
    found = shops.everything[shop_named(shops, base, shop_name).id]
    criterion = _criterion(shops, found, criterion_id)
    card = shops.scorecards[found.scorecard]
    before = result(found, card).score
    try:
        path, _ = disputes.resolve(
            found,
            criterion,
            outcome,
            name,
            day_of(today),
            _answer(criterion, answer, "--answer"),
            note,
        )
    except disputes.DisputeError as error:
        raise InputError(str(error)) from None
    after = result(load_shops(base).everything[found.id], card).score
    from toolkit.shop.figures import pct

    echo(
        f"{disputes.OUTCOMES[outcome].capitalize()}: {criterion.id} of {found.id} "
        f"({path.relative_to(shops.root).as_posix()}); the shop counts "
        f"{pct(before)} -> {pct(after)}."
    )


# --- migrate ---------------------------------------------------------------------------------


@click.command()
@click.argument("shop_names", nargs=-1, metavar="[SHOPS]...")
@click.option("--dry-run", is_flag=True, help="Say what would move; write nothing.")
@click.pass_obj
def migrate(base: Path, shop_names: tuple[str, ...], dry_run: bool) -> None:
    """Move each scorer's answers out of old single-file shops into files of their own.

    Shops written before each scoring had its own file keep every scorer under `scores:`,
    so scorers on two branches conflict. This cuts each entry out, line for line, into
    shops/SHOP/SCORER.yaml (comments kept), and leaves the shop's facts in its file. Both
    are read back and compared with the original before anything is written. Scorings in
    the shop's file count as submitted on their date. Default: every such shop.
    """
    from toolkit.shop import files

    shops = load_shops(base)
    chosen = (
        [shops.everything[shop_named(shops, base, name).id] for name in shop_names]
        if shop_names
        else list(shops.everything.values())
    )
    legacy = [shop for shop in chosen if any(s.path is None for s in shop.scorings)]
    if not legacy:
        echo("Nothing to migrate: every scoring has a file of its own.")
        return
    moved = 0
    for shop in sorted(legacy, key=lambda s: s.id):
        try:
            written = files.migrate(shops.root, shop, dry_run=dry_run)
        except files.MigrationError as error:
            raise InputError(str(error)) from None
        moved += len(written)
        names = ", ".join(p.name for p in written)
        verb = "would move" if dry_run else "moved"
        echo(f"{where(shops, shop)}: {verb} {plural(len(written), 'scoring')} ({printable(names)})")
    echo(
        f"{'Would migrate' if dry_run else 'Migrated'} {plural(len(legacy), 'shop')}, "
        f"{plural(moved, 'scoring')}."
    )
