"""Journey maps in the TUI: the map as a grid of steps, its emotion curve, the selected step
in full and what `sxt journey check` finds, with the fields of a step editable in place.

`j` on the home screen opens the workspace's journey, or first asks which when there are
several (or some cannot be read). Edits go through toolkit.core.store.edit and the
comment-keeping helpers of toolkit.core.yaml_edit, so comments, key order and every line not
edited stay as they were. The file is read back and checked again after every write: the
grid, the curve and the findings are always those of the file on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from ruamel.yaml.comments import CommentedMap
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.core.yaml_edit import put
from toolkit.journey.edits import STEP_KEYS, add_pain, edit_pain, put_text, remove_pain, step_in
from toolkit.journey.files import workspace_journeys
from toolkit.journey.links import Coverage, shop_coverage
from toolkit.journey.model import TIERS, Journey, Step
from toolkit.tui.document import diagnostics_text
from toolkit.tui.forms import ConfirmScreen, Field, FormScreen, one_of, required
from toolkit.tui.journey_picker import JourneyPicker
from toolkit.tui.journey_reading import Reading, read_journey
from toolkit.tui.journey_view import (
    MAP_COLUMNS,
    EmotionCurve,
    findings_text,
    findings_title,
    journey_heading,
    map_row,
    step_text,
)
from toolkit.tui.saving import save_checked

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

EMOTION_RANGE = "a whole number from -2 (angry) to +2 (delighted)"


def emotion_check(value: str) -> str | None:
    try:
        return None if -2 <= int(value) <= 2 else EMOTION_RANGE
    except ValueError:
        return EMOTION_RANGE


def number_check(count: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value.isdigit() and 1 <= int(value) <= count else f"1 to {count}"

    return check


# --- choosing a journey -------------------------------------------------------------------


def open_journeys(app: SxtApp) -> None:
    """Straight to the map when the workspace has one journey and it reads; otherwise a
    choice, which also lists the journeys that cannot be opened and why."""
    found = workspace_journeys(app.workspace)
    only = found.journeys[0].path if len(found.journeys) == 1 and not found.problems else None
    if only is not None:
        app.push_screen(JourneyScreen(only))
        return
    if not found.journeys and not found.problems:
        app.notify(
            "No journeys yet in journeys/: copy the shipped example or write one.",
            severity="warning",
            markup=False,
        )
        return

    def chosen(path: Path | None) -> None:
        if path is not None:
            app.push_screen(JourneyScreen(path))

    app.push_screen(JourneyPicker(found.journeys, found.problems), chosen)


# --- the map ------------------------------------------------------------------------------


class JourneyScreen(Screen[None]):
    """The grid of steps on the left with the curve and the selected step below it, the
    findings of the whole journey on the right. Up and down move between steps; every edit
    is in the file the moment its form closes."""

    DEFAULT_CSS = """
    #journey-heading {
        height: auto; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    #journey-columns { height: 1fr; }
    #journey-left { width: 1fr; }
    #journey-map { height: auto; max-height: 45%; }
    #journey-curve { height: auto; border-top: solid $primary; padding: 0 1; }
    #journey-detail { height: 1fr; border-top: solid $primary; padding: 0 1; }
    #journey-checks {
        width: 34; border-left: solid $primary; border-top: solid $primary; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "emotion", "Emotion"),
        Binding("o", "owner", "Owner"),
        Binding("t", "tier", "Tier"),
        Binding("a", "add_pain", "Add pain"),
        Binding("p", "edit_pain", "Edit pain"),
        Binding("x", "remove_pain", "Drop pain"),
        Binding("n", "next_finding", "Next finding"),
        Binding("r", "reload", "Reload", show=False),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("q", "back", "Back"),
        Binding("escape", "back", "Back", show=False),
        Binding("backspace", "back", "Back", show=False),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.reading = Reading(path)
        self.coverage: Coverage = {}
        self.metrics: dict[str, str] = {}  # step id -> its named metric, as `journey show`
        self.selected: str | None = None
        self.saved = False

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def journey(self) -> Journey | None:
        return self.reading.journey

    @property
    def step(self) -> Step | None:
        return self.journey.step(self.selected or "") if self.journey else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="journey-heading", markup=False)
        with Horizontal(id="journey-columns"):
            with Vertical(id="journey-left"):
                yield DataTable(id="journey-map", cursor_type="row")
                yield EmotionCurve(id="journey-curve")
                with VerticalScroll(id="journey-detail"):
                    yield Static(id="journey-step", markup=False)
            with VerticalScroll(id="journey-checks"):
                yield Static(id="journey-findings", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#journey-curve", EmotionCurve).border_title = "Emotion"
        self.action_reload()
        self.query_one("#journey-map", DataTable).focus()

    # --- reading --------------------------------------------------------------------------

    def action_reload(self) -> None:
        """Reads the shops and the metrics too: a shop scored since the screen opened changes
        the coverage, and a new export the figures."""
        from toolkit.metrics.evidence import journey_figures

        self.coverage = shop_coverage(self.sxt.workspace)
        self.reload()
        if self.journey is not None:
            figures = journey_figures(self.journey, self.sxt.workspace) or {}
            self.metrics = {step: figure.text() for step, figure in figures.items()}
            self.show()

    def reload(self) -> None:
        self.reading = read_journey(self.path, self.sxt.workspace, self.sxt.today)
        self.sub_title = printable(self.journey.display if self.journey else self.path.name)
        self.fill_map()

    def fill_map(self) -> None:
        """Rebuilds the grid and stays on the selected step, so an edit keeps the place."""
        table = self.query_one("#journey-map", DataTable)
        table.clear(columns=True)
        journey = self.journey
        self.query_one("#journey-columns").display = journey is not None
        if journey is None:
            self.show()
            return
        for column in MAP_COLUMNS:
            table.add_column(column, key=column)
        for step in journey.steps:
            findings = self.reading.places.steps.get(step.id, [])
            table.add_row(*map_row(journey, step, findings), key=step.id)
        if self.step is None:
            self.selected = next((step.id for step in journey.steps), None)
        if self.selected is not None:
            table.move_cursor(row=table.get_row_index(self.selected), animate=False)
        self.show()

    # --- showing --------------------------------------------------------------------------

    def show(self) -> None:
        heading = self.query_one("#journey-heading", Static)
        journey, step = self.journey, self.step
        if journey is None:
            name = printable(self.path.name)
            heading.update(
                Text.assemble(
                    (f"{name} cannot be opened: fix it, then press r\n", "bold red"),
                    diagnostics_text(self.reading.problems),
                )
            )
            return
        heading.update(journey_heading(journey))
        self.query_one("#journey-curve", EmotionCurve).show(journey, self.selected)
        own = self.reading.places.steps.get(self.selected or "", [])
        detail = self.query_one("#journey-step", Static)
        if step is None:
            detail.update(Text(""))
        else:
            shops = self.coverage.get(journey.id, {}).get(step.id)
            metric = self.metrics.get(step.id)
            detail.update(step_text(journey, step, self.reading.places, shops, metric))
        findings = self.query_one("#journey-findings", Static)
        findings.update(findings_text(self.reading.findings, own))
        self.query_one("#journey-checks").border_title = findings_title(self.reading.findings)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The cursor as it is now decides: a rebuild sends highlights after the fact.
        table = self.query_one("#journey-map", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key != self.selected:
            self.selected = key
            self.show()
            self.query_one("#journey-detail", VerticalScroll).scroll_home(animate=False)

    # --- moving ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        table = self.query_one("#journey-map", DataTable)
        if delta > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_next_finding(self) -> None:
        """To the next step with a finding, round to the first after the last."""
        if self.journey is None:
            return
        ids = [step.id for step in self.journey.steps]
        start = ids.index(self.selected) if self.selected in ids else -1
        for offset in range(1, len(ids) + 1):
            candidate = ids[(start + offset) % len(ids)]
            if self.reading.places.steps.get(candidate):
                table = self.query_one("#journey-map", DataTable)
                table.move_cursor(row=table.get_row_index(candidate), animate=False)
                return
        self.notify("No step has a finding.", markup=False)

    # --- editing --------------------------------------------------------------------------

    def save(self, change: Callable[[CommentedMap], None], done: str) -> None:
        """Applies one change to the selected step (found by id, so a file edited elsewhere
        is changed at the right step or not at all), then reads the file back and checks it."""
        step_id = self.selected or ""
        shown = self.journey.display if self.journey else self.path.name

        def reread() -> list[Diagnostic] | None:
            self.reload()
            return None if self.journey is not None else self.reading.problems

        if save_checked(
            self, self.path, shown, lambda data: change(step_in(data, step_id)), reread
        ):
            self.saved = True
            self.notify(
                printable(f"{step_id}: {done}"), title=f"Saved {printable(shown)}", markup=False
            )

    def ask(self, title: str, fields: list[Field], then: Callable[[dict[str, str]], None]) -> None:
        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                then(values)

        self.app.push_screen(FormScreen(title, fields), done)

    def action_emotion(self) -> None:
        step = self.step
        if step is None:
            return
        current = "" if step.emotion is None else str(step.emotion)
        field = Field("emotion", "Emotion (-2 to +2):", current, "", emotion_check)

        def then(values: dict[str, str]) -> None:
            emotion = int(values["emotion"])
            self.save(lambda s: put(s, "emotion", emotion, STEP_KEYS), f"emotion {emotion:+d}")

        self.ask(f"Emotion of {step.id}", [field], then)

    def action_owner(self) -> None:
        step = self.step
        if step is None:
            return
        field = Field("owner", "Owner:", step.owner or "", "the team that answers for it", required)

        def then(values: dict[str, str]) -> None:
            owner = " ".join(values["owner"].split())
            self.save(lambda s: put_text(s, "owner", owner, STEP_KEYS), f"owner {owner}")

        self.ask(f"Owner of {step.id}", [field], then)

    def action_tier(self) -> None:
        step = self.step
        if step is None:
            return
        field = Field(
            "tier", f"Tier ({', '.join(TIERS)}):", step.tier or "", "", one_of(TIERS), TIERS
        )

        def then(values: dict[str, str]) -> None:
            tier = values["tier"]
            self.save(lambda s: put(s, "tier", tier, STEP_KEYS), f"tier {tier}")

        self.ask(f"Tier of {step.id}", [field], then)

    def pain_fields(self, description: str = "", opportunity: str = "") -> list[Field]:
        return [
            Field(
                "description",
                "Pain point (what goes wrong for the customer):",
                description,
                "",
                required,
            ),
            Field(
                "opportunity", "Opportunity (what could be better; empty: none yet):", opportunity
            ),
        ]

    def action_add_pain(self) -> None:
        step = self.step
        if step is not None:
            self.ask(
                f"New pain point in {step.id}",
                self.pain_fields(),
                lambda values: self.save(lambda s: add_pain(s, values), "pain point added"),
            )

    def choose_pain(self, verb: str, then: Callable[[int], None]) -> None:
        """The step's only pain point, or the one whose number is given."""
        step = self.step
        if step is None:
            return
        count = len(step.pain_points)
        if not count:
            self.notify(f"{step.id} has no pain points.", severity="warning", markup=False)
        elif count == 1:
            then(0)
        else:
            field = Field(
                "number", f"Pain point to {verb} (1-{count}):", "", "", number_check(count)
            )
            self.ask(f"Pain points of {step.id}", [field], lambda v: then(int(v["number"]) - 1))

    def action_edit_pain(self) -> None:
        def then(index: int) -> None:
            step = self.step
            assert step is not None
            pain = step.pain_points[index]
            self.ask(
                f"Pain point {index + 1} of {step.id}",
                self.pain_fields(pain.description, pain.opportunity or ""),
                lambda values: self.save(
                    lambda s: edit_pain(s, index, values), f"pain point {index + 1} edited"
                ),
            )

        self.choose_pain("edit", then)

    def action_remove_pain(self) -> None:
        def then(index: int) -> None:
            step = self.step
            assert step is not None
            question = Text(f"Remove pain point {index + 1} of {step.id}?\n\n", style="bold")
            question.append(printable(step.pain_points[index].description))

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.save(lambda s: remove_pain(s, index), f"pain point {index + 1} removed")

            self.app.push_screen(ConfirmScreen(question), confirmed)

        self.choose_pain("remove", then)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A journey that cannot be read has nothing to edit: only reading it again, or back."""
        if self.journey is None:
            return action in ("reload", "back")
        return True

    def action_back(self) -> None:
        """Back home, validated again when something was written, so the home screen's
        state of the file is the file's."""
        if self.saved:
            self.sxt.report = self.sxt.validate_workspace()
        self.dismiss()
