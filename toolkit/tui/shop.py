"""Mystery shops in the TUI: the workspace's shops, and a scorecard to score one as a
keyboard-only form.

`m` on the home screen lists the shops as toolkit.shop.files.load reads them for the person
at the keyboard (blind while a calibration session is open: see toolkit.shop.blind); each
shop's score is toolkit.shop.results' figure, the one `sxt shop report` prints. Enter asks who
is scoring, offering only the person's own name, and opens the scoring screen for them;
opening someone else's scoring asks first. On it, one key answers the criterion under the
cursor (y, n, p; a number for a scale or points, an option's number for a choice; x for
N/A) and writes the scorer's own file, shops/<shop>/<scorer>.yaml, at once, through
toolkit.shop.answers on the round trip of toolkit.core.store.edit, so comments and
everything else in it stay as they were. The file is read back after every write and the
running score is toolkit.shop.scoring.score on what was read: the screen shows the file,
never a copy of it that could drift. S submits.

Every shop and scorecard text is the user's, so it is escaped with `printable` and shown
through Rich `Text` objects, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from ruamel.yaml.comments import CommentedMap
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from toolkit.core.diagnostics import Diagnostic, plural, printable
from toolkit.core.identity import same_person
from toolkit.shop import blind, figures, files
from toolkit.shop.answers import set_answer, set_comment
from toolkit.shop.model import Answer, Criterion, Scorecard, Scoring, Section, Session, Shop
from toolkit.shop.results import ShopResult, result
from toolkit.shop.scoring import ShopScore, score
from toolkit.tui.document import diagnostics_text
from toolkit.tui.forms import ConfirmScreen, Field, FormScreen, required
from toolkit.tui.saving import save_checked

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

SHOPS = files.SHOPS

TYPE_NAMES = {
    "yes-no": "yes/no",
    "yes-partial-no": "yes/partial/no",
    "scale": "scale",
    "points": "points",
    "choice": "choice",
}
ANSWER_STYLES = {"yes": "bold green", "partial": "bold yellow", "no": "bold red", "na": "bold cyan"}


def problems_of(shops: files.ShopSet, path: Path) -> list[Diagnostic]:
    """What keeps a file from being read, in the words `sxt validate` would use."""
    display = path.relative_to(shops.root).as_posix()
    return [d for d in shops.problems if d.path == display]


# --- showing -----------------------------------------------------------------------------


def _worth_style(value: float) -> str:
    return "bold green" if value == 1 else "bold red" if value == 0 else "bold yellow"


def answer_text(answer: Answer | None, criterion: Criterion) -> Text:
    """An answer in a few characters: the word, the option id (coloured by what it is worth,
    as a number is), or the number out of the criterion's top."""
    if answer is None:
        return Text("·", style="dim")
    option = criterion.option(answer)
    if option is not None:
        return Text(printable(option.id), style=_worth_style(option.score))
    if isinstance(answer, str):
        return Text("n/a" if answer == "na" else answer, style=ANSWER_STYLES.get(answer, ""))
    return Text(f"{answer}/{criterion.high}", style=_worth_style(criterion.normalised(answer)))


def keys_hint(criterion: Criterion) -> str:
    """The keys that answer this criterion, as the side pane and the notices say them."""
    if criterion.type == "yes-no":
        keys = "y yes · n no"
    elif criterion.type == "yes-partial-no":
        keys = "y yes · p partial · n no"
    elif criterion.type == "choice":
        keys = " · ".join(f"{n} {o.id}" for n, o in enumerate(criterion.options, start=1))
        if len(criterion.options) > 9:
            keys = f"1-{len(criterion.options)} (a digit, then the option's number or id)"
    else:
        keys = f"{criterion.low}-{criterion.high}"
    return keys + (" · x N/A" if criterion.na_allowed else "")


def answer_for(criterion: Criterion, key: str) -> tuple[Answer | None, str | None]:
    """What a key answers for this criterion, or why it answers nothing (None, problem). A
    number above 9 cannot be one key: (None, None) asks the caller for the whole number. A
    choice criterion's options are its digits, 1 the first: the number the side pane shows
    next to each option, as the scorer cannot type an id with one key."""
    if key == "x":
        if criterion.na_allowed:
            return "na", None
        return None, "N/A is not allowed for this criterion (na_allowed is off)"
    words = {"y": "yes", "n": "no", "p": "partial"}
    if key in words:
        if criterion.type == "yes-partial-no" or (criterion.type == "yes-no" and key != "p"):
            return words[key], None
        if criterion.type == "yes-no":
            return None, "a yes/no criterion has no partial: y or n"
        return None, f"a {criterion.type} criterion takes a number: {keys_hint(criterion)}"
    if key.isdigit():
        if criterion.type in ("yes-no", "yes-partial-no"):
            return None, f"a {TYPE_NAMES[criterion.type]} criterion: {keys_hint(criterion)}"
        if criterion.type == "choice":
            if len(criterion.options) > 9:
                return None, None
            if 1 <= int(key) <= len(criterion.options):
                return criterion.options[int(key) - 1].id, None
            return None, f"no option {key}: {keys_hint(criterion)}"
        if criterion.high > 9:
            return None, None
        number = int(key)
        if criterion.low <= number <= criterion.high:
            return number, None
        return None, f"out of range: {keys_hint(criterion)}"
    return None, f"{key} answers nothing: {keys_hint(criterion)}"


def flags(criterion: Criterion, section: Section) -> Text:
    """The criterion's type and the rules that make it count differently, on one line."""
    text = Text.assemble((TYPE_NAMES[criterion.type], "bold"))
    if criterion.type in ("scale", "points"):
        text.append(f" {criterion.low}-{criterion.high}")
    elif criterion.type == "choice":
        text.append(f" of {len(criterion.options)} options")
    text.append(
        f" · weight {criterion.weight:g} in {printable(section.title)} ({section.weight:g})"
    )
    if criterion.critical == "fail-all":
        text.append(" · critical: a fail scores the shop 0", style="bold red")
    elif criterion.critical == "fail-section":
        text.append(" · critical: a fail scores the section 0", style="bold red")
    if criterion.bonus:
        text.append(" · bonus: adds, never costs", style="bold green")
    if criterion.na_allowed:
        text.append(" · N/A allowed", style="cyan")
    if criterion.channels:
        text.append(f" · {printable(', '.join(criterion.channels))} only", style="dim")
    return text


def criterion_text(criterion: Criterion, section: Section, scoring: Scoring) -> Text:
    """The current criterion in full: what to judge it by, a choice's options (the key that
    picks each, what it is worth), the examples of each answer (the chosen one marked), the
    answer given and its comment."""
    answer = scoring.answers.get(criterion.id)
    text = Text.assemble((printable(criterion.title), "bold underline"))
    text.append("\n")
    text.append_text(flags(criterion, section))
    if criterion.guidance:
        text.append("\n\n")
        text.append(printable(criterion.guidance))
    if criterion.options:
        text.append("\n\nOptions", style="bold")
        digits = len(str(len(criterion.options)))
        width = max(len(printable(o.id)) for o in criterion.options)
        for number, option in enumerate(criterion.options, start=1):
            chosen = answer == option.id
            text.append("\n● " if chosen else "\n  ", style="bold green")
            text.append(f"{number:>{digits}} ", style="bold")
            text.append(printable(option.id).ljust(width), style="bold" if chosen else "")
            text.append("  ")
            text.append(printable(option.title), style="" if chosen or answer is None else "dim")
            text.append(f" · scores {option.score:g}", style="dim")
    if criterion.examples:
        text.append("\n\nExamples", style="bold")
        width = max(len(printable(k)) for k in criterion.examples)
        for name, example in criterion.examples.items():
            chosen = answer is not None and str(answer) == name
            text.append("\n● " if chosen else "\n  ", style="bold green")
            text.append(printable(name).ljust(width), style="bold" if chosen else "")
            text.append("  ")
            text.append(printable(example), style="" if chosen or answer is None else "dim")
    text.append("\n\nAnswer: ", style="bold")
    if answer is None:
        text.append("not answered yet", style="italic")
    else:
        text.append_text(answer_text(answer, criterion))
    text.append(f"   keys: {keys_hint(criterion)}", style="dim")
    comment = scoring.comments.get(criterion.id)
    text.append("\nComment: ", style="bold")
    if comment:
        text.append(printable(comment))
    else:
        text.append("none (c adds one)", style="dim")
    return text


def score_text(result: ShopScore, scorecard: Scorecard, channel: str) -> Text:
    """The running score: the shop's figure and pass or fail, each section's, the critical
    fails and what is still unanswered."""
    text = Text.assemble(("Score ", "bold"))
    text.append(figures.pct(result.score), style="bold")
    if scorecard.pass_mark is not None:
        text.append(f"  pass mark {scorecard.pass_mark:g}%")
        if result.passed is True:
            text.append(" · passes", style="bold green")
        elif result.passed is False:
            text.append(" · fails", style="bold red")
    width = max((len(printable(s.section.title)) for s in result.sections), default=0)
    for section in result.sections:
        text.append("\n  ")
        text.append(printable(section.section.title).ljust(width))
        text.append(f" {section.section.weight:>4g} ", style="dim")
        text.append(
            figures.pct(section.score).rjust(6),
            style="bold" if section.score is not None else "dim",
        )
    if result.critical_fails:
        text.append("\nCritical fails:", style="bold red")
        for criterion in result.critical_fails:
            effect = "shop scores 0" if criterion.critical == "fail-all" else "section scores 0"
            text.append(f"\n  ✗ {printable(criterion.title)} ({effect})", style="red")
    applicable = sum(c.applies_to(channel) for _, c in scorecard.criteria())
    if result.unanswered:
        text.append(
            f"\n{len(result.unanswered)} of {applicable} criteria unanswered", style="yellow"
        )
    else:
        text.append(f"\nAll {applicable} criteria answered", style="green")
    return text


def shop_heading(shop: Shop) -> Text:
    text = Text.assemble((printable(shop.scenario), "bold"))
    details = [shop.channel, shop.date.isoformat()]
    details += [
        f"{label} {value}"
        for label, value in (("agent", shop.agent), ("team", shop.team), ("persona", shop.persona))
        if value
    ]
    text.append(" · " + printable(" · ".join(details)))
    return text


def summary_score(found: ShopResult) -> Text:
    """A shop's score in the list, as `sxt shop report` counts it (toolkit.shop.results):
    the benchmark's scoring when there is one, else the mean of the scorers'."""
    if found.score is None:
        return Text("—", style="dim")
    text = Text(figures.pct(found.score))
    if found.basis == "benchmark":
        text.append(" benchmark", style="dim")
    elif found.basis == "mean":
        text.append(f" mean of {len(found.scores)}", style="dim")
    return text


# --- the list ----------------------------------------------------------------------------


class ShopsScreen(Screen[None]):
    """The workspace's shops, one row each; invalid files are listed with their first
    problem, so a shop never silently goes missing from the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, or the table's own (hidden) enter binding would shadow it in the footer.
        Binding("enter", "score", "Score", priority=True),
        Binding("v", "calibration", "Calibration"),
        Binding("d", "disputes", "Disputes"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shops: files.ShopSet | None = None
        self.broken: dict[str, list[Diagnostic]] = {}  # row key -> the file's problems
        self.sub_title = "Mystery shops"

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="shops", cursor_type="row")
        yield Static(id="shops-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#shops", DataTable)
        for column in ("shop", "date", "scenario", "channel", "agent", "scorers", "score"):
            table.add_column(column, key=column)

    def on_screen_resume(self) -> None:
        # Sent when the screen is first shown too: one reload for opening and coming back
        # from scoring (whose answers changed the scores).
        self.reload()

    def reload(self) -> None:
        shops = self.shops = files.load(self.sxt.workspace, self.sxt.scorer)
        table = self.query_one("#shops", DataTable)
        row = table.cursor_row if table.row_count else 0
        current = self.selected_key()
        table.clear()
        rows: list[tuple[str, list[object]]] = []
        for shop in shops.shops:
            assert shop.path is not None
            key = shop.path.relative_to(shops.root).as_posix()
            scenario = Text(printable(shop.scenario))
            scenario.truncate(40, overflow="ellipsis")
            session = shops.blinded.get(shop.id)
            if session is not None:
                shown = Text(f"hidden · session {printable(session.id)}", style="dim")
            else:
                shown = summary_score(result(shop, shops.scorecards[shop.scorecard]))
            scorers = len(shops.everything[shop.id].answered())
            cells = [Text(printable(shop.id)), shop.date.isoformat(), scenario, shop.channel]
            cells += [Text(printable(shop.agent or "")), str(scorers), shown]
            rows.append((key, cells))
        self.broken = {}
        for problem in shops.problems:
            if problem.path.startswith(f"{SHOPS}/") and problem.path not in self.broken:
                self.broken[problem.path] = problems_of(shops, shops.root / problem.path)
                shown = Text(f"✗ {printable(problem.message)}", style="bold red")
                shown.truncate(60, overflow="ellipsis")
                name = Text(printable(Path(problem.path).with_suffix("").as_posix()[6:]))
                rows.append((problem.path, [name, "", shown, "", "", "", ""]))
        for key, cells in sorted(rows, key=lambda r: r[0]):
            table.add_row(*cells, key=key)
        if current is not None and current in {key for key, _ in rows}:
            row = table.get_row_index(current)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        hint = (
            f"{plural(len(shops.shops), 'shop')} in {SHOPS}/ · score: the benchmark's where a "
            "benchmark scored the shop, otherwise the mean of the scorers'"
            if rows
            else f"No shops yet in {SHOPS}/: `sxt shop new` creates one."
        )
        if shops.blinded:
            who = printable(self.sxt.scorer or "you")
            hint += f" · hidden: shops of an open calibration session that {who} has not submitted"
        self.query_one("#shops-hint", Static).update(Text(hint, style="dim"))

    def selected_key(self) -> str | None:
        table = self.query_one("#shops", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self) -> Shop | None:
        """The selected shop as the person may see it, when it can be opened; otherwise
        says why not."""
        key = self.selected_key()
        if key is None or self.shops is None:
            return None
        if key in self.broken:
            self.notify(
                diagnostics_text(self.broken[key][:5]).plain or "cannot be read",
                title=f"{printable(key)}: fix it first",
                severity="error",
                markup=False,
                timeout=8,
            )
            return None
        return next((s for s in self.shops.shops if s.id == Path(key).stem), None)

    def action_score(self) -> None:
        shop = self.selected()
        if shop is None or self.shops is None:
            return
        whole = self.shops.everything[shop.id]
        form = FormScreen(
            f"Score {shop.id}",
            [Field("scorer", "Scorer (your name):", self.sxt.scorer or "", "your name", required)],
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            name = " ".join(values["scorer"].split())
            theirs = files.own_scoring(whole, name)
            if theirs is not None and theirs.path is None:
                self.notify(
                    printable(str(files.legacy_problem(self.sxt.root, whole, theirs))),
                    severity="warning",
                    markup=False,
                    timeout=8,
                )
                return
            me = self.sxt.scorer
            if theirs is not None and (me is None or not same_person(me, name)):
                question = Text.assemble(
                    (f"{printable(theirs.scorer)} has a scoring of this shop. ", "bold"),
                    f"It is not yours (you are {printable(me or 'unknown to sxt')}). "
                    "Open it for editing anyway?",
                )
                self.app.push_screen(
                    ConfirmScreen(question),
                    lambda yes: self.open_scoring(shop, name) if yes else None,
                )
                return
            self.open_scoring(shop, name)

        self.app.push_screen(form, done)

    def open_scoring(self, shop: Shop, name: str) -> None:
        self.app.push_screen(ScoringScreen(shop.id, name, self.sxt.today))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Reached by mouse only: the keyboard's enter is taken by the priority binding.
        self.action_score()

    def action_calibration(self) -> None:
        from toolkit.tui.shop_calibration import CalibrationScreen

        shop = self.selected()
        if shop is not None:
            self.app.push_screen(CalibrationScreen(shop.id))

    def action_disputes(self) -> None:
        from toolkit.tui.shop_disputes import DisputesScreen

        shop = self.selected()
        if shop is not None:
            self.app.push_screen(DisputesScreen(shop.id))

    def action_leave(self) -> None:
        """Back to the home screen, validated again so new answers are checked there too."""
        self.sxt.report = self.sxt.validate_workspace()
        self.dismiss()


# --- scoring -----------------------------------------------------------------------------


class ScoringScreen(Screen[None]):
    """The scorecard as one list, the criterion under the cursor in full beside it, and the
    running score below. One key answers and moves to the next criterion; every answer is in
    the scorer's file the moment it is given, so leaving at any point loses nothing. The
    screen shows this scorer's answers only."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('y')", "Yes"),
        Binding("n", "answer('n')", "No"),
        Binding("p", "answer('p')", "Partial"),
        *(
            Binding(str(digit), f"answer('{digit}')", f"Score {digit}", show=False)
            for digit in range(10)
        ),
        Binding("x", "answer('x')", "N/A"),
        Binding("c", "comment", "Comment"),
        Binding("delete", "clear", "Clear answer"),
        Binding("S", "submit", "Submit"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("v", "calibration", "Calibration"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, shop_id: str, scorer: str, today: dt.date) -> None:
        super().__init__()
        self.shop_id = shop_id
        self.scorer = scorer
        self.today = today
        self.shop: Shop | None = None  # whole, for this scorer's own scoring and the benchmark
        self.scorecard: Scorecard | None = None
        self.problems: list[Diagnostic] = []
        self.sessions: list[Session] = []

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def own(self) -> Scoring | None:
        return files.own_scoring(self.shop, self.scorer) if self.shop else None

    @property
    def scoring(self) -> Scoring:
        """This scorer's answers as the file has them; empty before their first answer."""
        return self.own or Scoring(self.scorer, {}, date=self.today)

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(c.id for _, c in self.scorecard.criteria()) if self.scorecard else ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="scoring-heading", markup=False)
        with Horizontal(id="scoring-columns"):
            yield OptionList(id="scoring-criteria")
            # The criterion scrolls; the running score below it stays in view.
            with Vertical(id="scoring-side"):
                with VerticalScroll(id="scoring-detail", can_focus=False):
                    yield Static(id="scoring-criterion", markup=False)
                yield Static(id="scoring-score", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        criteria = self.query_one("#scoring-criteria", OptionList)
        if self.scorecard is not None:
            criteria.set_options(self.options())
            criteria.highlighted = self.start_at()
        criteria.focus()
        self.show()

    # --- the file -------------------------------------------------------------------------

    def reload(self) -> None:
        shops = files.load(self.sxt.workspace, self.scorer)
        self.shop = shops.everything.get(self.shop_id)
        self.scorecard = shops.scorecards.get(self.shop.scorecard) if self.shop else None
        self.sessions = list(shops.sessions)
        path = shops.root / SHOPS / f"{self.shop_id}.yaml"
        own = self.own
        self.problems = problems_of(shops, own.path if own and own.path else path)
        if self.shop is None and not self.problems:
            self.problems = problems_of(shops, path)
        if own is not None:
            self.scorer = own.scorer  # written as the file spells the name
        state = ""
        if own is not None and own.submitted:
            state = f" · submitted {own.submitted.isoformat()}: changes are kept as revisions"
        self.sub_title = f"{self.shop_id} · scoring as {printable(self.scorer)}{state}"

    def save(self, change: Callable[[CommentedMap], None], first: Answer | None = None) -> bool:
        """Applies one change to the scorer's file through the store and reads it back (see
        saving.py); the first answer creates the file."""
        if self.shop is None or self.scorecard is None:
            return False
        own = self.own
        if own is None or own.path is None:
            return self.create(first)

        def reread() -> list[Diagnostic] | None:
            self.reload()
            return None if self.own is not None and not self.problems else self.problems

        assert own.path is not None
        shown = own.path.relative_to(self.sxt.root).as_posix()
        saved = save_checked(self, own.path, shown, change, reread)
        self.show()
        return saved

    def create(self, first: Answer | None) -> bool:
        current = self.current
        if first is None or current is None or self.shop is None or self.scorecard is None:
            return False
        session = blind.open_session(self.shop_id, self.sessions)
        bench = bool(session and session.benchmark and same_person(session.benchmark, self.scorer))
        scoring = Scoring(self.scorer, {current[1].id: first}, date=self.today, benchmark=bench)
        try:
            files.save_scoring(self.sxt.root, self.shop, scoring, self.scorecard)
        except (files.ScoringError, OSError, ValueError) as error:
            self.notify(printable(str(error)), severity="error", markup=False, timeout=8)
            return False
        self.reload()
        self.show()
        return True

    # --- the list of criteria ---------------------------------------------------------------

    def options(self) -> list[Option]:
        assert self.scorecard is not None and self.shop is not None
        options = []
        for section in self.scorecard.sections:
            options.append(
                Option(self.section_prompt(section), id=f"section-{section.id}", disabled=True)
            )
            options += [
                Option(
                    self.criterion_prompt(criterion),
                    id=f"criterion-{criterion.id}",
                    disabled=not criterion.applies_to(self.shop.channel),
                )
                for criterion in section.criteria
            ]
        return options

    def section_prompt(self, section: Section) -> Text:
        return Text.assemble(
            (printable(section.title), "bold"), (f" · weight {section.weight:g}", "dim")
        )

    def criterion_prompt(self, criterion: Criterion) -> Text:
        assert self.shop is not None
        text = Text("  ")
        if not criterion.applies_to(self.shop.channel):
            channels = printable(", ".join(criterion.channels))
            dash = "-".ljust(self.answer_width + 2)
            text.append(f"{dash}({channels} only) {printable(criterion.title)}", style="dim")
            return text
        answer = answer_text(self.scoring.answers.get(criterion.id), criterion)
        width = self.answer_width
        answer.truncate(width, overflow="ellipsis")
        answer.pad_right(width - answer.cell_len)
        text.append_text(answer)
        text.append("✎ " if criterion.id in self.scoring.comments else "  ", style="dim")
        text.append(printable(criterion.title))
        return text

    @property
    def answer_width(self) -> int:
        """The list's answer column: 7 cells hold every word and number; a choice's option
        ids widen it, up to 16 cells (longer ones end in an ellipsis), so the titles still
        line up."""
        card = self.scorecard
        ids = [o.id for _, c in card.criteria() for o in c.options] if card else []
        return max(7, min(16, max((len(printable(i)) for i in ids), default=0)))

    def applicable(self) -> list[str]:
        """Criterion ids the shop's channel scores, in scorecard order."""
        if self.scorecard is None or self.shop is None:
            return []
        return [c.id for _, c in self.scorecard.criteria() if c.applies_to(self.shop.channel)]

    def start_at(self) -> int | None:
        """The first criterion the scorer has not answered, so a second sitting resumes where
        the first stopped; the first criterion when all are answered."""
        ids = self.applicable()
        if not ids:
            return None
        answered = self.scoring.answers
        target = next((i for i in ids if i not in answered), ids[0])
        return self.query_one("#scoring-criteria", OptionList).get_option_index(
            f"criterion-{target}"
        )

    @property
    def current(self) -> tuple[Section, Criterion] | None:
        option = self.query_one("#scoring-criteria", OptionList).highlighted_option
        if (
            option is None
            or not option.id
            or not option.id.startswith("criterion-")
            or self.scorecard is None
        ):
            return None
        wanted = option.id.removeprefix("criterion-")
        return next(((s, c) for s, c in self.scorecard.criteria() if c.id == wanted), None)

    # --- showing --------------------------------------------------------------------------

    def show(self) -> None:
        heading = self.query_one("#scoring-heading", Static)
        shop, scorecard, scoring = self.shop, self.scorecard, self.scoring
        if shop is None or scorecard is None:
            problems = self.problems
            name = printable(f"{SHOPS}/{self.shop_id}.yaml")
            heading.update(
                Text.assemble(
                    (f"{name} cannot be scored: fix it and open it again\n", "bold red"),
                    diagnostics_text(problems),
                )
            )
            self.query_one("#scoring-columns").display = False
            return
        self.query_one("#scoring-columns").display = True
        heading.update(shop_heading(shop))
        criteria = self.query_one("#scoring-criteria", OptionList)
        for _, criterion in scorecard.criteria():
            criteria.replace_option_prompt(
                f"criterion-{criterion.id}", self.criterion_prompt(criterion)
            )
        current = self.current
        side = self.query_one("#scoring-criterion", Static)
        if current is None:
            side.update(
                Text("No criterion of this scorecard applies to the channel.", style="italic")
            )
        else:
            side.update(criterion_text(current[1], current[0], scoring))
        self.query_one("#scoring-score", Static).update(
            score_text(score(shop, scorecard, scoring), scorecard, shop.channel)
        )
        criteria.border_title = Text(printable(scorecard.title))  # a str is read as markup
        criteria.border_subtitle = Text(printable(self.scorer))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show()
        self.query_one("#scoring-detail", VerticalScroll).scroll_home(animate=False)

    # --- moving ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        criteria = self.query_one("#scoring-criteria", OptionList)
        if delta > 0:
            criteria.action_cursor_down()
        else:
            criteria.action_cursor_up()

    def advance(self) -> None:
        """To the next criterion the channel scores; the last one stays put, with the
        finished score beside it."""
        current = self.current
        ids = self.applicable()
        if current is None or current[1].id not in ids:
            return
        position = ids.index(current[1].id)
        if position + 1 < len(ids):
            criteria = self.query_one("#scoring-criteria", OptionList)
            criteria.highlighted = criteria.get_option_index(f"criterion-{ids[position + 1]}")

    # --- answering ------------------------------------------------------------------------

    def action_answer(self, key: str) -> None:
        current = self.current
        if current is None:
            return
        _, criterion = current
        answer, problem = answer_for(criterion, key)
        if problem is not None:
            self.notify(
                f"{printable(criterion.title)}: {problem}", severity="warning", markup=False
            )
            return
        if answer is None:
            self.ask_number(criterion, key)
            return
        self.put(criterion, answer)

    def put(self, criterion: Criterion, answer: Answer) -> None:
        order, today = self.order, self.today
        if self.save(
            lambda data: set_answer(data, criterion.id, answer, order=order, today=today),
            first=answer,
        ):
            self.advance()

    def ask_number(self, criterion: Criterion, typed: str) -> None:
        """Points above 9 take more than one key: a one-line form, started with the key."""
        if criterion.type == "choice":
            self.ask_option(criterion, typed)
            return
        low, high = criterion.low, criterion.high

        def check(value: str) -> str | None:
            if value.isdigit() and low <= int(value) <= high:
                return None
            return f"a whole number {low}-{high}"

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.put(criterion, int(values["points"]))

        field = Field("points", f"{TYPE_NAMES[criterion.type]} {low}-{high}:", typed, "", check)
        self.app.push_screen(FormScreen(criterion.title, [field]), done)

    def ask_option(self, criterion: Criterion, typed: str) -> None:
        """A choice of more than nine options: its number or id in a one-line form, as
        toolkit.shop.files.parse_answer reads them everywhere else."""

        def parsed(value: str) -> Answer:
            return files.parse_answer(
                value, criterion.choices(), criterion.na_allowed, numbered=True
            )

        def check(value: str) -> str | None:
            answer = parsed(value)
            return answer[1:] if isinstance(answer, str) and answer.startswith("!") else None

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.put(criterion, parsed(values["option"]))

        label = f"choice 1-{len(criterion.options)} or an option id:"
        field = Field("option", label, typed, "", check)
        self.app.push_screen(FormScreen(criterion.title, [field]), done)

    def action_comment(self) -> None:
        current = self.current
        if current is None:
            return
        _, criterion = current
        if criterion.id not in self.scoring.answers:
            self.notify(
                "Answer the criterion first: a comment goes with an answer.",
                severity="warning",
                markup=False,
            )
            return
        order = self.order
        old = self.scoring.comments.get(criterion.id, "")

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                comment = values["comment"] or None
                self.save(lambda data: set_comment(data, criterion.id, comment, order=order))

        field = Field("comment", "Comment (empty: none):", old, "what the agent should hear")
        self.app.push_screen(FormScreen(f"Comment: {criterion.title}", [field]), done)

    def action_clear(self) -> None:
        current = self.current
        if current is None or current[1].id not in self.scoring.answers:
            return
        criterion, order = current[1], self.order
        today = self.today
        self.save(lambda data: set_answer(data, criterion.id, None, order=order, today=today))

    def action_calibration(self) -> None:
        from toolkit.tui.shop_calibration import CalibrationScreen

        if self.shop is not None:
            self.app.push_screen(CalibrationScreen(self.shop_id))

    def action_submit(self) -> None:
        own = self.own
        if own is None:
            self.notify("Nothing to submit yet: answer first.", severity="warning", markup=False)
            return
        if own.is_submitted:
            when = own.submitted.isoformat() if own.submitted else "with the shop's file"
            self.notify(f"Submitted already ({when}).", markup=False)
            return
        unanswered = len(score(self.shop, self.scorecard, own).unanswered)  # type: ignore[arg-type]
        question = Text.assemble(
            ("Submit your scoring? ", "bold"),
            "Your answers are then final: a change is kept as a revision, and you see the "
            "other scorers' answers and the benchmark's score.",
        )
        if unanswered:
            question.append(f"\n{plural(unanswered, 'criterion')} unanswered.", style="yellow")

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                files.submit(self.sxt.root, own, self.today)
            except (files.ScoringError, OSError, ValueError) as error:
                self.notify(printable(str(error)), severity="error", markup=False, timeout=8)
                return
            self.reload()
            self.show()
            self.notify("Submitted.", markup=False)

        self.app.push_screen(ConfirmScreen(question), done)

    def action_leave(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without a valid shop there is nothing to answer, only the way back."""
        if self.shop is None:
            return action == "leave"
        return True
