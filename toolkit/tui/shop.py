"""Mystery shops in the TUI: the workspace's shops, and a scorecard to score one as a
keyboard-only form.

`m` on the home screen lists `shops/*.yaml`; enter asks who is scoring and opens the scoring
screen for that scorer, their earlier answers filled in. On it, one key answers the criterion
under the cursor (y, n, p; a number for a scale or points; x for N/A) and writes the file at
once, through toolkit.shop.answers on the round trip of toolkit.core.store.edit, so comments,
the other scorers' entries and everything else in the file stay as they were. The file is
read back after every write and the running score is toolkit.shop.scoring.score on what was
read: the screen shows the file, never a copy of it that could drift.

Every shop and scorecard text is the user's, so it is escaped with `printable` and shown
through Rich `Text` objects, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from ruamel.yaml.comments import CommentedMap
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from toolkit.core.diagnostics import Diagnostic, plural, printable
from toolkit.core.references import check_references
from toolkit.core.validation import Catalog, Checked, check_file
from toolkit.core.workspace import WORKSPACE_FILE, YAML_SUFFIXES, display_path, walk
from toolkit.shop.answers import same_scorer, set_answer, set_comment
from toolkit.shop.model import (
    Answer,
    Criterion,
    Scorecard,
    Scoring,
    Section,
    Shop,
    scorecard_from,
    shop_from,
)
from toolkit.shop.scoring import ShopScore, score
from toolkit.tui.document import diagnostics_text
from toolkit.tui.forms import Field, FormScreen, required
from toolkit.tui.saving import save_checked

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

SHOPS = "shops"
CONTEXT_FOLDERS = ("checklists", "journeys")
"""What a shop refers to: its scorecard (under checklists/) and its journey step."""

TYPE_NAMES = {
    "yes-no": "yes/no",
    "yes-partial-no": "yes/partial/no",
    "scale": "scale",
    "points": "points",
}
ANSWER_STYLES = {"yes": "bold green", "partial": "bold yellow", "no": "bold red", "na": "bold cyan"}

# --- reading -----------------------------------------------------------------------------


@dataclass(slots=True)
class ShopFile:
    """One file under shops/: the shop and its scorecard when both are valid, otherwise what
    is wrong, in the words `sxt validate` would use."""

    path: Path
    display: str
    shop: Shop | None = None
    scorecard: Scorecard | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.display

    def scores(self) -> list[ShopScore]:
        if self.shop is None or self.scorecard is None:
            return []
        return [score(self.shop, self.scorecard, scoring) for scoring in self.shop.scorings]


class ShopReader:
    """Reads shops as `sxt validate` checks them (schema, then references), against the
    workspace's settings, scorecards and journeys read once when the reader is made: a write
    to a shop re-reads that one file, not the workspace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        settings = check_file(root / WORKSPACE_FILE, WORKSPACE_FILE).data
        self.settings: dict[str, Any] = settings if isinstance(settings, dict) else {}
        self.context = [
            check_file(path, display_path(path, root))
            for folder in CONTEXT_FOLDERS
            for path in walk(root / folder, YAML_SUFFIXES)
        ]
        self._scorecards: dict[str, Scorecard | str] = {}

    def paths(self) -> list[Path]:
        return walk(self.root / SHOPS, YAML_SUFFIXES)

    def all(self) -> list[ShopFile]:
        return [self.read(path) for path in self.paths()]

    def read(self, path: Path) -> ShopFile:
        checked = check_file(path, display_path(path, self.root))
        found = ShopFile(path, checked.display)
        if checked.kind not in (None, "shop"):
            found.problems = checked.errors_as("shop")  # the kind: line, before references
            return found
        catalog = Catalog([*self.context, checked], self.settings)
        checked.diagnostics += check_references(checked, catalog)
        found.problems = [d for d in checked.diagnostics if d.severity == "error"]
        if found.problems:
            return found
        scorecard = self.scorecard(catalog, checked.data["scorecard"])
        if isinstance(scorecard, str):
            found.problems.append(
                Diagnostic(checked.display, None, None, "error", "scorecard", scorecard)
            )
            return found
        found.shop = shop_from(checked.id, checked.data, path)
        found.scorecard = scorecard
        return found

    def scorecard(self, catalog: Catalog, scorecard_id: str) -> Scorecard | str:
        """The scorecard, or why it cannot be scored against (checked once per reader)."""
        if scorecard_id not in self._scorecards:
            checked: Checked | None = catalog.get("scorecard", scorecard_id)
            problems = [] if checked is None else list(checked.diagnostics)
            if checked is not None:
                problems += check_references(checked, catalog)
            if checked is None or any(d.severity == "error" for d in problems):
                self._scorecards[scorecard_id] = (
                    f"scorecard {scorecard_id!r} (checklists/{scorecard_id}.yaml) is missing or "
                    "has errors: run `sxt validate`"
                )
            else:
                self._scorecards[scorecard_id] = scorecard_from(scorecard_id, checked.data)
        return self._scorecards[scorecard_id]


# --- showing -----------------------------------------------------------------------------


def percent(value: float | None) -> str:
    """A score as the screens print it: one decimal, so a test can compare it with
    toolkit.shop.scoring's figure printed the same way."""
    return "—" if value is None else f"{100 * value:.1f}%"


def answer_text(answer: Answer | None, criterion: Criterion) -> Text:
    """An answer in a few characters: the word, or the number out of the criterion's top."""
    if answer is None:
        return Text("·", style="dim")
    if isinstance(answer, str):
        return Text("n/a" if answer == "na" else answer, style=ANSWER_STYLES.get(answer, ""))
    value = criterion.normalised(answer)
    style = "bold green" if value == 1 else "bold red" if value == 0 else "bold yellow"
    return Text(f"{answer}/{criterion.high}", style=style)


def keys_hint(criterion: Criterion) -> str:
    """The keys that answer this criterion, as the side pane and the notices say them."""
    if criterion.type == "yes-no":
        keys = "y yes · n no"
    elif criterion.type == "yes-partial-no":
        keys = "y yes · p partial · n no"
    else:
        keys = f"{criterion.low}-{criterion.high}"
    return keys + (" · x N/A" if criterion.na_allowed else "")


def answer_for(criterion: Criterion, key: str) -> tuple[Answer | None, str | None]:
    """What a key answers for this criterion, or why it answers nothing (None, problem). A
    number above 9 cannot be one key: (None, None) asks the caller for the whole number."""
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
    """The current criterion in full: what to judge it by, the examples of each answer (the
    chosen one marked), the answer given and its comment."""
    answer = scoring.answers.get(criterion.id)
    text = Text.assemble((printable(criterion.title), "bold underline"))
    text.append("\n")
    text.append_text(flags(criterion, section))
    if criterion.guidance:
        text.append("\n\n")
        text.append(printable(criterion.guidance))
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
    text.append(percent(result.score), style="bold")
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
            percent(section.score).rjust(6), style="bold" if section.score is not None else "dim"
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


def summary_score(scores: Sequence[ShopScore]) -> Text:
    """A shop's score in the list: the benchmark's when one scored it (the calibrator's
    word is the shop's), otherwise the mean of the scorers'."""
    benchmark = next((s for s in scores if s.scoring.benchmark and s.score is not None), None)
    if benchmark is not None:
        return Text.assemble(percent(benchmark.score), (" benchmark", "dim"))
    figures = [s.score for s in scores if s.score is not None]
    if not figures:
        return Text("—", style="dim")
    text = Text(percent(sum(figures) / len(figures)))
    if len(figures) > 1:
        text.append(f" mean of {len(figures)}", style="dim")
    return text


def last_scorer(files: Sequence[ShopFile]) -> str:
    """Who scored last, by scoring date and then shop date: the name a person at this
    keyboard most likely has. Empty in a workspace nobody has scored in yet."""
    latest: tuple[dt.date, dt.date] | None = None
    name = ""
    for file in files:
        for scoring in file.shop.scorings if file.shop else ():
            when = (scoring.date or dt.date.min, file.shop.date)  # type: ignore[union-attr]
            if latest is None or when >= latest:
                latest, name = when, scoring.scorer
    return name


# --- the list ----------------------------------------------------------------------------


class ShopsScreen(Screen[None]):
    """The workspace's shops, one row each; invalid files are listed with their first
    problem, so a shop never silently goes missing from the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, or the table's own (hidden) enter binding would shadow it in the footer.
        Binding("enter", "score", "Score", priority=True),
        Binding("v", "calibration", "Calibration"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, ShopFile] = {}
        self.last_name = ""
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
        reader = ShopReader(self.sxt.root)
        files = reader.all()
        self.files = {file.key: file for file in files}
        table = self.query_one("#shops", DataTable)
        row = table.cursor_row if table.row_count else 0
        current = self.selected()
        table.clear()
        for file in files:
            name = Path(file.display).stem
            if file.shop is None:
                problem = file.problems[0].message if file.problems else "cannot be read"
                shown = Text(f"✗ {printable(problem)}", style="bold red")
                shown.truncate(60, overflow="ellipsis")
                table.add_row(
                    Text(printable(name)),
                    "",
                    shown,
                    "",
                    "",
                    "",
                    "",
                    key=file.key,
                )
                continue
            shop = file.shop
            scenario = Text(printable(shop.scenario))
            scenario.truncate(40, overflow="ellipsis")
            table.add_row(
                Text(printable(name)),
                shop.date.isoformat(),
                scenario,
                shop.channel,
                Text(printable(shop.agent or "")),
                str(len(shop.scorings)),
                summary_score(file.scores()),
                key=file.key,
            )
        if current is not None and current.key in self.files:
            row = table.get_row_index(current.key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        hint = self.query_one("#shops-hint", Static)
        hint.update(
            Text(
                f"{plural(len(files), 'shop')} in {SHOPS}/ · score: the benchmark's where a "
                "benchmark scored the shop, otherwise the mean of the scorers'"
                if files
                else f"No shops yet in {SHOPS}/: `sxt shop new` creates one.",
                style="dim",
            )
        )
        if not self.last_name:
            self.last_name = last_scorer(files)

    def selected(self) -> ShopFile | None:
        table = self.query_one("#shops", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return self.files.get(row_key.value or "")

    def scorable(self) -> ShopFile | None:
        """The selected shop, when it can be opened; otherwise says why not."""
        file = self.selected()
        if file is None:
            return None
        if file.shop is None:
            self.notify(
                diagnostics_text(file.problems[:5]).plain or "cannot be read",
                title=f"{printable(file.display)}: fix it first",
                severity="error",
                markup=False,
                timeout=8,
            )
            return None
        return file

    def action_score(self) -> None:
        file = self.scorable()
        if file is None or file.shop is None:
            return
        scorers = [s.scorer for s in file.shop.scorings]
        label = "Scorer:"
        if scorers:
            names = printable(", ".join(scorers))
            label = f"Scorer (scored by {names}; a new name adds a scorer):"
        form = FormScreen(
            f"Score {Path(file.display).stem}",
            [Field("scorer", label, self.last_name, "your name", required)],
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            name = " ".join(values["scorer"].split())
            self.last_name = name
            self.app.push_screen(ScoringScreen(file.path, name, self.sxt.today))

        self.app.push_screen(form, done)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Reached by mouse only: the keyboard's enter is taken by the priority binding.
        self.action_score()

    def action_calibration(self) -> None:
        from toolkit.tui.shop_calibration import CalibrationScreen

        file = self.scorable()
        if file is not None:
            self.app.push_screen(CalibrationScreen(file.path))

    def action_leave(self) -> None:
        """Back to the home screen, validated again so new answers are checked there too."""
        self.sxt.report = self.sxt.validate_workspace()
        self.dismiss()


# --- scoring -----------------------------------------------------------------------------


class ScoringScreen(Screen[None]):
    """The scorecard as one list, the criterion under the cursor in full beside it, and the
    running score below. One key answers and moves to the next criterion; every answer is in
    the file the moment it is given, so leaving at any point loses nothing."""

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
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("v", "calibration", "Calibration"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, path: Path, scorer: str, today: dt.date) -> None:
        super().__init__()
        self.path = path
        self.scorer = scorer
        self.today = today
        self.reader: ShopReader | None = None
        self.file: ShopFile | None = None

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def shop(self) -> Shop | None:
        return self.file.shop if self.file else None

    @property
    def scorecard(self) -> Scorecard | None:
        return self.file.scorecard if self.file else None

    @property
    def scoring(self) -> Scoring:
        """This scorer's answers as the file has them; empty before their first answer."""
        shop = self.shop
        found = (
            next((s for s in shop.scorings if same_scorer(s.scorer, self.scorer)), None)
            if shop
            else None
        )
        return found or Scoring(self.scorer, {}, date=self.today)

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
        self.reader = ShopReader(self.sxt.root)
        self.reload()
        criteria = self.query_one("#scoring-criteria", OptionList)
        if self.scorecard is not None:
            criteria.set_options(self.options())
            criteria.highlighted = self.start_at()
        criteria.focus()
        self.show()

    # --- the file -------------------------------------------------------------------------

    def reload(self) -> None:
        assert self.reader is not None
        self.file = self.reader.read(self.path)
        if self.shop is not None:
            existing = next(
                (s.scorer for s in self.shop.scorings if same_scorer(s.scorer, self.scorer)), None
            )
            self.scorer = existing or self.scorer  # written as the file spells the name
        self.sub_title = f"{Path(self.file.display).stem} · scoring as {printable(self.scorer)}"

    def save(self, change: Callable[[CommentedMap], None]) -> bool:
        """Applies one change through the store and reads the file back (see saving.py)."""
        if self.shop is None:
            return False
        relative = self.file.display if self.file else str(self.path)

        def reread() -> list[Diagnostic] | None:
            self.reload()
            if self.shop is not None:
                return None
            return self.file.problems if self.file else []

        saved = save_checked(self, self.path, relative, change, reread)
        self.show()
        return saved

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
            text.append(f"{'-':<9}({channels} only) {printable(criterion.title)}", style="dim")
            return text
        answer = answer_text(self.scoring.answers.get(criterion.id), criterion)
        answer.pad_right(7 - answer.cell_len)
        text.append_text(answer)
        text.append("✎ " if criterion.id in self.scoring.comments else "  ", style="dim")
        text.append(printable(criterion.title))
        return text

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
            problems = self.file.problems if self.file else []
            name = printable(self.file.display if self.file else str(self.path))
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
        scorer, order, today = self.scorer, self.order, self.today
        if self.save(
            lambda data: set_answer(data, scorer, criterion.id, answer, order=order, today=today)
        ):
            self.advance()

    def ask_number(self, criterion: Criterion, typed: str) -> None:
        """Points above 9 take more than one key: a one-line form, started with the key."""
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
        scorer, order = self.scorer, self.order
        old = self.scoring.comments.get(criterion.id, "")

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                comment = values["comment"] or None
                self.save(
                    lambda data: set_comment(data, scorer, criterion.id, comment, order=order)
                )

        field = Field("comment", "Comment (empty: none):", old, "what the agent should hear")
        self.app.push_screen(FormScreen(f"Comment: {criterion.title}", [field]), done)

    def action_clear(self) -> None:
        current = self.current
        if current is None or current[1].id not in self.scoring.answers:
            return
        criterion, scorer, order = current[1], self.scorer, self.order
        self.save(lambda data: set_answer(data, scorer, criterion.id, None, order=order))

    def action_calibration(self) -> None:
        from toolkit.tui.shop_calibration import CalibrationScreen

        if self.shop is not None:
            self.app.push_screen(CalibrationScreen(self.path))

    def action_leave(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without a valid shop there is nothing to answer, only the way back."""
        if self.shop is None:
            return action == "leave"
        return True
