"""`sxt shop`: mystery shops scored against weighted scorecards, reported, and calibrated.

Parses options, calls toolkit.shop, renders through toolkit.shop.report: nothing here
scores or computes a statistic. The domain is imported inside each command, so `sxt --help`
stays light (the group's help is read when `sxt --help` lists the commands).
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from toolkit.cli.options import (
    InOrder,
    InputError,
    colour,
    day_of,
    echo,
    format_option,
    print_json,
    resolve,
    today_option,
)
from toolkit.cli.shop_common import (
    blinded_note,
    identity,
    load_shops,
    scorecard_of,
    scorecard_option,
    scorer_option,
    shop_named,
    viewer_of,
    where,
)
from toolkit.core.diagnostics import plural, printable
from toolkit.core.identity import same_person

if TYPE_CHECKING:
    from toolkit.core.diagnostics import Diagnostic
    from toolkit.shop.model import Answer, Criterion, Scorecard, Scoring, Shop

F = TypeVar("F", bound=Callable[..., Any])

GROUPINGS = ("agent", "team", "channel", "scenario", "quarter", "journey-step")


# --- the group -----------------------------------------------------------------------------


@click.group(cls=InOrder)
def shop() -> None:
    """Score mystery shops against weighted scorecards, report them and calibrate scorers.

    One file per shop (shops/2026-11-02-card-declined.yaml) holds the scenario, the channel,
    the agent, team and journey step it tests, and every scorer's answers, one of whom may be
    the benchmark (the calibrator). A scorecard (checklists/chat-email.yaml) holds weighted
    sections of criteria.

    \b
      new        create a shop file
      score      answer criterion by criterion (or --answers FILE); shows the score
                 with the formula worked out (the formula: `sxt shop score --help`)
      report     averages, pass rate, critical fails, groups and the trend by quarter;
                 a shop's score is its benchmark's scoring, else the mean of its scorers'
      calibrate  alignment with the benchmark and agreement statistics per criterion
      import     shops from a form export (CSV), all rows or none

    \b
    Exit codes: 0 ok; 1 findings: rows with errors in `import`, critical fails with
    `report --fail-on-critical`; 2 usage or input error (no workspace, no such shop or
    scorecard, a bad answers file, nothing to calibrate).
    """


# --- new -----------------------------------------------------------------------------------


@shop.command()
@scorecard_option
@click.option(
    "--channel",
    required=True,
    metavar="CHANNEL",
    help="chat, email, phone, social, messaging or web: one the scorecard covers.",
)
@click.option("--scenario", required=True, metavar="TEXT", help="What the shopper asks for.")
@click.option("--agent", metavar="NAME", help="The agent who answered.")
@click.option("--team", metavar="NAME", help="The agent's team.")
@click.option("--persona", metavar="TEXT", help="Who the shopper pretends to be.")
@click.option(
    "--journey-step",
    metavar="JOURNEY#STEP",
    help="The journey step the shop tests, e.g. first-billing-issue#agent-takes-over.",
)
@click.option(
    "--date",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day of the shop.  [default: today]",
)
@format_option(("text", "json"))
@today_option
@click.pass_obj
def new(
    base: Path,
    scorecard_id: str | None,
    channel: str,
    scenario: str,
    agent: str | None,
    team: str | None,
    persona: str | None,
    journey_step: str | None,
    date: dt.datetime | None,
    output_format: str,
    today: dt.datetime | None,
) -> None:
    """Create a shop file, shops/<date>-<scenario>.yaml, ready to score.

    The file name comes from the date and the scenario; a second shop of the same scenario
    on the same day gets -2, -3...: an existing shop is never overwritten.
    """
    from toolkit.shop import files
    from toolkit.shop.model import Shop

    shops = load_shops(base)
    card = scorecard_of(shops, scorecard_id)
    channel = channel.strip().lower()
    allowed = card.channels or shops.channels
    if channel not in allowed:
        raise click.BadParameter(
            f"{channel!r} is not a channel of scorecard {card.id!r}: use {', '.join(allowed)}",
            param_hint="'--channel'",
        )
    if not scenario.strip():
        raise click.BadParameter("the scenario is empty", param_hint="'--scenario'")
    if journey_step:
        problem = files.journey_step_problem(journey_step, shops)
        if problem:
            raise click.BadParameter(problem, param_hint="'--journey-step'")
    day = date.date() if date else day_of(today)
    created = Shop(
        "",
        card.id,
        " ".join(scenario.split()),
        channel,
        day,
        persona=persona or None,
        agent=agent or None,
        team=team or None,
        journey_step=journey_step or None,
    )
    path = files.create(shops.root, created, card)
    where = path.relative_to(shops.root).as_posix()
    if output_format == "json":
        print_json({"path": where, "id": path.stem, "scorecard": card.id, "date": day.isoformat()})
        return
    echo(f"Created {where}: {created.scenario} ({channel}, {day.isoformat()}).")
    echo(f"Next: sxt shop score {where} --scorer NAME")


# --- score ---------------------------------------------------------------------------------


class FormulaHelp(click.Command):
    """Shows the scoring formula, from toolkit.shop.scoring's docstring (the one text the
    README quotes too), read only when the help is asked for."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help_text(ctx, formatter)
        from toolkit.shop import scoring

        doc = textwrap.dedent((scoring.__doc__ or "").split("\n", 1)[1]).strip("\n")
        formatter.write_paragraph()
        formatter.write("  How a shop is scored:\n")
        formatter.write(textwrap.indent(doc, "    ") + "\n")


class AnswerType(click.ParamType):
    """One criterion's answer as typed: yes/y, partial/p, no/n, na/x where allowed, or a
    number of its scale or points."""

    name = "answer"

    def __init__(self, criterion: Criterion) -> None:
        self.criterion = criterion

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from toolkit.shop.files import AnswerError, answer_to

        try:
            return answer_to(self.criterion, str(value))
        except AnswerError as error:
            self.fail(str(error), param, ctx)


def _choices(criterion: Criterion) -> str:
    """The answers the prompt offers: a range of numbers, the words, or a choice's option
    ids (their numbers 1-n also answer: the options are listed numbered above the prompt)."""
    numbers = [c for c in criterion.choices() if isinstance(c, int)]
    shown = f"{numbers[0]}-{numbers[-1]}" if numbers else ", ".join(map(str, criterion.choices()))
    if criterion.type == "choice":
        shown += f" or 1-{len(criterion.options)}"
    return shown + (", na" if criterion.na_allowed else "")


def _ask(
    shop: Shop, card: Scorecard, before: Scoring | None
) -> tuple[dict[str, Answer], dict[str, str]]:
    """Criterion by criterion, on stderr (stdout stays for the result): the title, what
    makes it critical or a bonus, the guidance and an example of each answer; the scorer's
    earlier answer and comment are the defaults."""
    from toolkit.core.diagnostics import printable

    asked = [(s, c) for s, c in card.criteria() if c.applies_to(shop.channel)]
    answers: dict[str, Answer] = {}
    comments: dict[str, str] = {}
    section_id = None

    color = False if os.environ.get("NO_COLOR") else None

    def say(text: str = "") -> None:
        click.echo(text, err=True, color=color)

    for number, (section, criterion) in enumerate(asked, start=1):
        if section.id != section_id:
            section_id = section.id
            say()
            say(click.style(f"{printable(section.title)} (weight {section.weight:g})", bold=True))
        flags = [f"critical: {criterion.critical}"] if criterion.critical else []
        flags += ["bonus"] if criterion.bonus else []
        flags += ["N/A allowed"] if criterion.na_allowed else []
        say()
        say(
            f"{number}/{len(asked)}  {printable(criterion.title)}  [{criterion.type}"
            + "".join(f", {flag}" for flag in flags)
            + "]"
        )
        for line in textwrap.wrap(printable(criterion.guidance), 88):
            say(f"      {line}")
        for n, option in enumerate(criterion.options, start=1):
            say(f"      {n} {printable(option.id)}: {printable(option.title)} ({option.score:g})")
        for key, example in criterion.examples.items():
            for n, line in enumerate(textwrap.wrap(printable(f"{key}: {example}"), 86)):
                say(f"      {'  ' if n else ''}{line}")
        earlier = before.answers.get(criterion.id) if before else None
        answers[criterion.id] = click.prompt(
            f"Answer ({_choices(criterion)})",
            type=AnswerType(criterion),
            default=earlier,
            err=True,
        )
        comment = click.prompt(
            "Comment (Enter for none)",
            default=(before.comments.get(criterion.id, "") if before else ""),
            show_default=False,
            err=True,
        ).strip()
        if comment:
            comments[criterion.id] = comment
    return answers, comments


def _answers_file(
    path: Path, display: str, shop: Shop, card: Scorecard
) -> tuple[dict[str, Answer], dict[str, str]]:
    """Answers from a YAML or JSON mapping of criterion id to an answer or {answer,
    comment}; every problem reported at its line and column."""
    from toolkit.core.loader import LoadError, load_file
    from toolkit.core.suggest import did_you_mean
    from toolkit.shop.files import parse_answer

    try:
        document = load_file(path, display)
    except LoadError as error:
        _refuse(error.diagnostics)
    problems: list[Diagnostic] = []
    answers: dict[str, Answer] = {}
    comments: dict[str, str] = {}
    for key, value in document.data.items():
        criterion = card.criterion(str(key))
        where: tuple[str, ...] = (str(key),)
        if criterion is None:
            known = [c.id for _, c in card.criteria()]
            hint = did_you_mean(str(key), known)
            problems.append(
                document.diagnostic(
                    where,
                    "error",
                    "answers",
                    f"unknown criterion {key!r} in scorecard {card.id!r}{hint}",
                    key=True,
                )
            )
            continue
        comment = None
        if isinstance(value, dict):
            comment = value.get("comment")
            value = value.get("answer")
            where = (str(key), "answer")
        if not criterion.applies_to(shop.channel):
            problems.append(
                document.diagnostic(
                    (str(key),),
                    "error",
                    "answers",
                    f"{key}: only scored on {', '.join(criterion.channels)} shops; this one "
                    f"is {shop.channel}",
                    key=True,
                )
            )
            continue
        answer = parse_answer(
            str(value),
            criterion.choices(),
            criterion.na_allowed,
            numbered=criterion.type == "choice",
        )
        if value is None or isinstance(value, bool | dict | list) or str(answer).startswith("!"):
            why = str(answer)[1:] if str(answer).startswith("!") else "is not an answer"
            problems.append(
                document.diagnostic(where, "error", "answers", f"{key}: {value!r} {why}")
            )
            continue
        answers[criterion.id] = answer
        if comment:
            comments[criterion.id] = str(comment)
    if problems:
        _refuse(problems)
    if not answers:
        raise InputError(f"{display} holds no answers")
    return answers, comments


def _refuse(diagnostics: list[Diagnostic]) -> Any:
    """Input problems shown as findings at their place, then exit 2: nothing was done."""
    from toolkit.render.diagnostics import Summary, render

    click.echo(render("text", diagnostics, Summary(1, "file")), err=True)
    raise SystemExit(2)


@shop.command(cls=FormulaHelp)
@click.argument("shop_name", metavar="SHOP")
@scorer_option("Who is scoring.")
@click.option(
    "--benchmark",
    is_flag=True,
    help="Mark this scorer as the shop's benchmark (the calibrator); one per shop.",
)
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Take the answers from a YAML or JSON file (criterion id: answer, or "
    "criterion id: {answer: ..., comment: ...}) instead of asking.",
)
@click.option(
    "--submit",
    "submit_now",
    is_flag=True,
    help="Submit the scoring once saved (see `sxt shop submit`).",
)
@format_option(("text", "json"))
@today_option
@click.pass_obj
def score(
    base: Path,
    shop_name: str,
    scorer: str | None,
    benchmark: bool,
    answers_path: Path | None,
    submit_now: bool,
    output_format: str,
    today: dt.datetime | None,
) -> None:
    """Score SHOP (a path under shops/ or its id) as NAME, and show the score.

    Asks criterion by criterion, with its guidance and an example of each answer: y/yes,
    p/partial, n/no, a number for scales and points, x/na where N/A is allowed, and an
    optional comment. Criteria for another channel are skipped. The answers go to the
    scorer's own file, shops/SHOP/NAME.yaml, with everything else in it kept (comments
    too): two scorers of one shop never edit the same file, so their branches merge
    cleanly. A scorer who scored the shop before sees their earlier answers as the
    defaults; once they have submitted, every change is kept as a revision. The benchmark
    of a calibration session's shop is marked benchmark on their first answers.
    """
    from toolkit.shop import blind, files
    from toolkit.shop.model import Scoring
    from toolkit.shop.score_report import score_json, score_text
    from toolkit.shop.scoring import score as score_shop

    name = identity(base, scorer, "--scorer")
    shops = load_shops(base, name)
    found = shop_named(shops, base, shop_name)
    whole = shops.everything[found.id]
    card = shops.scorecards[found.scorecard]
    before = files.own_scoring(whole, name)
    other = next(
        (s for s in whole.scorings if s.benchmark and not same_person(s.scorer, name)), None
    )
    session = blind.open_session(found.id, shops.sessions)
    benchmark = benchmark or bool(
        session and session.benchmark and same_person(session.benchmark, name)
    )
    if benchmark and other is not None:
        raise InputError(
            f"{other.scorer} is the benchmark of this shop already; a shop has one benchmark"
        )
    if before is not None and before.path is None:
        raise InputError(str(files.legacy_problem(shops.root, whole, before)))
    if answers_path is not None:
        path = resolve(base, answers_path)
        if not path.is_file():
            raise InputError(f"{answers_path}: no such file")
        answers, comments = _answers_file(path, str(answers_path), found, card)
    else:
        answers, comments = _ask(found, card, before)
    scoring = Scoring(
        before.scorer if before else name,
        answers,
        comments,
        benchmark=benchmark or (before is not None and before.benchmark),
        date=day_of(today),
    )
    try:
        saved = files.save_scoring(shops.root, whole, scoring, card)
        if submit_now:
            files.submit(shops.root, files.read_scoring(saved), day_of(today))
    except files.ScoringError as error:
        raise InputError(str(error)) from None
    result = score_shop(found, card, scoring)
    where = saved.relative_to(shops.root).as_posix()
    if output_format == "json":
        print_json(score_json(result, card, where))
    else:
        echo(score_text(result, card, where))
        if submit_now:
            echo(f"Submitted as {printable(scoring.scorer)}.")


@shop.command()
@click.argument("shop_names", nargs=-1, required=True, metavar="SHOP...")
@scorer_option("Whose scorings to submit.")
@today_option
@click.pass_obj
def submit(
    base: Path, shop_names: tuple[str, ...], scorer: str | None, today: dt.datetime | None
) -> None:
    """Submit your scoring of each SHOP: your answers are final and given blind.

    In a calibration session you see the others' answers and the benchmark's score only
    after you submit (`sxt shop session --help`). A change after submitting is kept in your
    scoring file as a revision (date, criterion, before, after) and shown in the
    calibration report; nothing is silently replaced. A scoring with unanswered criteria
    can be submitted: they stay out of every figure, and the report lists them.
    """
    from toolkit.shop import files

    name = identity(base, scorer, "--scorer")
    shops = load_shops(base, name)
    for shop_name in shop_names:
        found = shop_named(shops, base, shop_name)
        own = files.own_scoring(found, name)
        if own is None:
            raise InputError(
                f"{printable(name)} has not scored {found.id}: score it first "
                f"(`sxt shop score {found.id}`)"
            )
        try:
            path = files.submit(shops.root, own, day_of(today))
        except files.ScoringError as error:
            raise InputError(str(error)) from None
        card = shops.scorecards[found.scorecard]
        unanswered = sum(
            c.applies_to(found.channel) and c.id not in own.answers for _, c in card.criteria()
        )
        note = f" ({plural(unanswered, 'criterion')} unanswered)" if unanswered else ""
        echo(f"Submitted {path.relative_to(shops.root).as_posix()}{note}.")


# --- report --------------------------------------------------------------------------------


@shop.command(name="report")
@click.option(
    "--by",
    type=click.Choice(GROUPINGS),
    help="Also a table by agent, team, channel, scenario, quarter or journey step.",
)
@scorecard_option
@format_option(("text", "markdown", "html", "json", "csv"))
@click.option(
    "--fail-on-critical",
    is_flag=True,
    help="Exit 1 when a reported shop has a critical fail (for CI).",
)
@scorer_option(
    "Who is looking: shops of an open calibration session you have not submitted are left out."
)
@today_option
@click.pass_obj
def report_command(
    base: Path,
    by: str | None,
    scorecard_id: str | None,
    output_format: str,
    fail_on_critical: bool,
    scorer: str | None,
    today: dt.datetime | None,
) -> None:
    """Averages, pass rate, critical fails and the trend by quarter over every shop of a
    scorecard.

    A shop counts with its benchmark scorer's scoring when it has one, else with the mean
    of its scorers' scores (section by section too); without a benchmark, a critical fail
    any scorer recorded is listed, and the shop passes when the mean reaches the pass mark
    and no scorer recorded a fail-all. Shops nobody scored are counted but have no score.

    csv gives one row per shop, or with --by one row per group; html is one self-contained
    page (`> shops.html`). Scores in json and csv are unrounded percents.
    """
    from toolkit.shop import report

    shops = load_shops(base, viewer_of(base, scorer))
    card = scorecard_of(shops, scorecard_id)
    blinded_note(shops, shops.of(card.id))
    chosen = shops.unblinded(shops.of(card.id))
    others = len(shops.unblinded(shops.shops)) - len(chosen)
    built = report.build(chosen, card, by, day_of(today), others)
    if output_format == "json":
        print_json(report.report_json(built))
    elif output_format == "csv":
        click.echo(report.report_csv(built), nl=False)
    elif output_format == "html":
        click.echo(report.report_html(built), nl=False)
    elif output_format == "markdown":
        echo(report.report_markdown(built).rstrip("\n"))
    else:
        echo(report.report_text(built))
    if fail_on_critical and built.overall.critical:
        raise SystemExit(1)


# --- calibrate -----------------------------------------------------------------------------


@shop.command()
@click.argument("shop_names", nargs=-1, metavar="[SHOPS]...")
@scorecard_option
@format_option(("text", "markdown", "json"))
@scorer_option(
    "Who is looking: shops of an open calibration session you have not submitted are left out."
)
@click.pass_obj
def calibrate(
    base: Path,
    shop_names: tuple[str, ...],
    scorecard_id: str | None,
    output_format: str,
    scorer: str | None,
) -> None:
    """How far scorers agree, over SHOPS (default: every shop of the scorecard that two or
    more scorers scored).

    \b
    Alignment with the benchmark, per scorer: the weighted mean over the criteria both
      answered of 1 - |answer - benchmark's answer|, answers normalised to 0-1 as the
      scoring formula does (a choice: 1 for the benchmark's option, else 0), each weighted
      criterion weight x section weight; N/A and unanswered criteria skipped. With the
      mean score gap (+ more lenient) and Cohen's kappa against the benchmark.
    Per criterion, widest gap first: the mean gap between two scorers' answers to a shop,
      alignment, percent agreement, Cohen's kappa (two scorers; unweighted and linear),
      Fleiss' kappa, Krippendorff's alpha (yes/no and choice nominal, yes/partial/no and
      scales ordinal, points interval; missing answers allowed).
    Overall: the same over every answer on the 0-1 scale, and the ICC of the shop scores
      (ICC(2,1) when the same scorers scored every shop, else ICC(1,1)).
    Revisions: answers changed after their scorer submitted, with the date.

    While a calibration session is open, its shops are left out for anyone who has not
    submitted them (`sxt shop session --help`).
    """
    from toolkit.shop import calibration_report as report
    from toolkit.shop.calibration import calibrate as compute

    shops = load_shops(base, viewer_of(base, scorer))
    if shop_names:
        named = [shop_named(shops, base, name) for name in shop_names]
        chosen = list({shop.id: shop for shop in named}.values())  # each shop once
        hidden = [shop.id for shop in chosen if shop.id in shops.blinded]
        if hidden:
            raise InputError(
                f"{', '.join(hidden)}: in open calibration session "
                f"{shops.blinded[hidden[0]].id}, and you have not submitted "
                f"{'it' if len(hidden) == 1 else 'them'}: the others' answers stay hidden "
                "until you do (`sxt shop submit`)"
            )
        ids = {s.scorecard for s in chosen}
        if len(ids) > 1:
            raise InputError(
                f"the shops are scored against {', '.join(sorted(ids))}: calibrate one "
                "scorecard at a time"
            )
        card = shops.scorecards[ids.pop()]
        single = [where(shops, s) for s in chosen if len(s.answered()) < 2]
        if single:
            raise InputError(
                f"{', '.join(single)}: scored by fewer than two scorers; calibration compares "
                "two or more scorers of the same shop"
            )
    else:
        card = scorecard_of(shops, scorecard_id)
        blinded_note(
            shops, [s for s in shops.of(card.id) if len(shops.everything[s.id].answered()) >= 2]
        )
        chosen = [s for s in shops.unblinded(shops.of(card.id)) if len(s.answered()) >= 2]
        if not chosen:
            raise InputError(
                f"no shop of scorecard {card.id!r} was scored by two or more scorers: have "
                "two scorers score the same shops (`sxt shop score SHOP --scorer NAME`)"
            )
    calibration = compute(chosen, card)
    if output_format == "json":
        print_json(report.calibration_json(calibration))
    elif output_format == "markdown":
        echo(report.calibration_markdown(calibration).rstrip("\n"))
    else:
        echo(report.calibration_text(calibration))


# --- import --------------------------------------------------------------------------------


@shop.command(name="import")
@click.argument("csv_path", type=click.Path(path_type=Path), metavar="FILE.csv")
@scorecard_option
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Write the shops of the good rows and list the bad ones (default: write nothing "
    "unless every row is good).",
)
@format_option(("text", "json"))
@click.pass_obj
def import_command(
    base: Path, csv_path: Path, scorecard_id: str | None, skip_bad: bool, output_format: str
) -> None:
    """Create shops from a form export: one row per scorer per shop.

    \b
    Columns (a header row, any order): date (YYYY-MM-DD), channel, scenario, scorer;
    optional agent, team, benchmark (yes/no), persona, journey_step; then one column per
    criterion id of the scorecard (yes/y, partial/p, no/n, na/x, or a number; empty: not
    answered) and optional `<criterion id> comment` columns.

    Rows with the same date, scenario, agent and channel become one shop with several
    scorers, each scoring a file of its own (shops/SHOP/SCORER.yaml); rows of a shop that
    exists add scorers to it, and its facts stay as they are. A bad cell is reported as
    FILE.csv:ROW:COLUMN (the header is row 1, the first column is column 1) and nothing is
    written unless every row is good; with --skip-bad the good rows are written and the bad
    ones listed. An existing scoring is never changed. Exit 1 when a row is bad.
    """
    from toolkit.core.loader import LoadError, read_text
    from toolkit.shop import files

    path = resolve(base, csv_path)
    if not path.is_file():
        raise InputError(f"{csv_path}: no such file")
    display = str(csv_path)
    shops = load_shops(base)
    card = scorecard_of(shops, scorecard_id)
    try:
        found = files.read_csv(read_text(path, display), display, card, shops)
    except LoadError as error:
        found = files.Imported(diagnostics=error.diagnostics, header_ok=False)
    good = [shop for shop, _ in found.shops]
    written: list[Path] = []
    if good and (skip_bad or not found.bad_rows):
        try:
            written = files.write_shops(shops.root, good, card)
        except files.ScoringError as error:
            raise InputError(str(error)) from None
    names = [p.relative_to(shops.root).as_posix() for p in written]
    new_shops = sum(shop.path is None for shop in good) if written else 0
    if output_format == "json":
        print_json(
            {
                "diagnostics": [d.as_dict() for d in found.diagnostics],
                "rows": found.rows,
                "bad_rows": sorted(found.bad_rows),
                "written": names,
                "new_shops": new_shops,
                "scorings": sum(len(shop.scorings) for shop in good) if written else 0,
            }
        )
    else:
        _import_text(found, names, display, skip_bad, new_shops)
    if found.diagnostics:
        raise SystemExit(1)


def _import_text(
    found: Any, names: list[str], display: str, skip_bad: bool, new_shops: int
) -> None:
    from toolkit.render.diagnostics import Summary, render

    if found.diagnostics:
        echo(render("text", found.diagnostics, Summary(1, "file"), color=colour()))
    good_rows = found.rows - len(found.bad_rows)
    if names:
        scorings = len(names) - new_shops
        echo(
            f"Imported {plural(good_rows, 'row')} of {display}: {plural(new_shops, 'new shop')}, "
            f"{plural(scorings, 'scoring')}:"
        )
        for name in names:
            echo(f"  {name}")
    if found.bad_rows:
        rows = ", ".join(map(str, sorted(found.bad_rows)))
        if names:
            echo(f"Skipped {plural(len(found.bad_rows), 'bad row')}: {rows}.")
        elif skip_bad or not found.header_ok:
            echo(f"Nothing written: no good rows ({plural(len(found.bad_rows), 'bad row')}).")
        else:
            echo(
                f"Nothing written: {len(found.bad_rows)} of {plural(found.rows, 'row')} "
                f"{'has' if len(found.bad_rows) == 1 else 'have'} errors ({rows}). Fix them, "
                "or write the good rows with --skip-bad."
            )
    elif not names and found.header_ok:
        echo(f"Nothing to import: {display} has no rows.")


def _team_commands() -> None:
    """Sessions, disputes and the move to one file per scoring live in their own module."""
    from toolkit.cli import shop_team

    for command in (shop_team.session, shop_team.dispute, shop_team.resolve, shop_team.migrate):
        shop.add_command(command)


_team_commands()
