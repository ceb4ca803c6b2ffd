"""The audit wizard: the quarter's audit, one checklist item at a time, in the checklist's
priority order, every answer written to `audits/<quarter>.yaml` the moment it is given.

What is shown comes from the audit domain (toolkit.audit: the checklist, the scored audit, the
quarter before), reloaded from disk after every write, so the screen shows the file as it is and
never a copy that could drift from it. Writes go through toolkit.core.store.edit: a round trip
that keeps the comments `sxt audit start` wrote (each item's title above it), key order and
quoting, and replaces the file atomically. Resuming needs no state of its own: the wizard opens
at the first item the file has no answer for.

Checklist and audit text is the user's, so it is escaped with `printable` and shown through Rich
`Text` objects, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from ruamel.yaml.comments import CommentedMap
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from toolkit.audit import figures
from toolkit.audit.answers import (
    ACTION_STATES,
    EVIDENCE_KINDS,
    EntryKind,
    Level,
    put_action,
    put_evidence,
    remove_entry,
    set_answer,
    set_owner,
)
from toolkit.audit.files import AuditExists, AuditSet, NoChecklist, audit_path, load, start
from toolkit.audit.history import shown
from toolkit.audit.model import Action, Assessment, ChecklistItem, Evidence, Quarter
from toolkit.audit.scoring import AuditScore, is_answered
from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.core.loader import LoadError
from toolkit.core.workspace import display_path
from toolkit.journey.links import LinkedPain, workspace_pains
from toolkit.tui.document import diagnostics_text
from toolkit.tui.forms import (
    ConfirmScreen,
    Field,
    FormScreen,
    date_or_none,
    evidence_check,
    one_of,
    optional_date,
    required,
    required_date,
)
from toolkit.tui.saving import save_checked

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

# --- showing ------------------------------------------------------------------------------


def answer_text(assessment: Assessment, checklist_scale: dict[int, str]) -> Text:
    """The item's answer as the file has it, in words."""
    text = Text.assemble(("Answer: ", "bold"))
    if assessment.state == "scored" and assessment.level is not None:
        name = checklist_scale.get(assessment.level, "")
        text.append(f"{assessment.level} {printable(name)}".rstrip(), style="bold green")
    elif assessment.state == "na":
        text.append("n/a", style="bold cyan")
        text.append(f" ({printable(assessment.reason or 'no reason given')})")
    elif assessment.state == "inconclusive":
        text.append("inconclusive", style="bold yellow")
        text.append(" (still needs an answer)", style="dim")
    elif assessment.state == "waived":
        text.append("waived", style="bold magenta")
        if assessment.waiver is not None:
            justification, expires = assessment.waiver
            text.append(f" until {expires.isoformat()} ({printable(justification)})")
    else:
        text.append("not answered yet", style="italic")
    return text


def level_option(level: int, name: str, descriptor: str, chosen: bool) -> Text:
    text = Text.assemble(("● " if chosen else "○ ", "bold green" if chosen else "dim"))
    text.append(f"{level} {printable(name)}", style="bold")
    text.append("\n  ")
    text.append(printable(descriptor), style="" if chosen else "dim")
    return text


def evidence_option(evidence: Evidence) -> Text:
    text = Text.assemble((f"{evidence.kind} ", "bold"))
    text.append(printable(evidence.value))
    if evidence.date is not None:
        text.append(f" · {evidence.date.isoformat()}", style="dim")
    if evidence.carried_from:
        text.append(f" · from {printable(evidence.carried_from)}", style="dim italic")
    return text


def action_option(action: Action, today: dt.date) -> Text:
    overdue = action.status == "open" and action.due is not None and action.due < today
    text = Text.assemble((f"{action.status:<7} ", "bold red" if overdue else "bold"))
    text.append(printable(action.title), style="strike" if action.status == "dropped" else "")
    if action.owner:
        text.append(f" · {printable(action.owner)}", style="dim")
    if action.due is not None:
        late = " (overdue)" if overdue else ""
        text.append(f" · due {action.due.isoformat()}{late}", style="red" if overdue else "dim")
    if action.carried_from:
        text.append(f" · from {printable(action.carried_from)}", style="dim italic")
    return text


def bullets(heading: str, lines: Sequence[str]) -> Text:
    text = Text.assemble((heading, "bold"))
    for line in lines:
        text.append("\n• ")
        text.append(printable(line))
    return text


def resume_at(score: AuditScore) -> int | None:
    """Where the wizard picks up: the first item, in checklist order, with no answer at all.
    An inconclusive item has been looked at, so it does not hold the wizard back."""
    return next(
        (i for i, item in enumerate(score.items) if item.assessment.state == "missing"), None
    )


class Pane(VerticalScroll, can_focus=False):
    """A column that scrolls to whatever takes focus in it, without being a tab stop itself."""


class AuditScreen(Screen[None]):
    """One checklist item at a time. Every key that answers writes the file at once; moving
    between items writes nothing, so quitting at any point loses nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Prev"),
        Binding("right", "move(1)", "Next", show=False),
        Binding("left", "move(-1)", "Previous", show=False),
        *(
            Binding(str(level), f"level({level})", f"Level {level}", show=False)
            for level in range(5)
        ),
        Binding("x", "not_applicable", "N/A"),
        Binding("i", "inconclusive", "Inconclusive", show=False),
        Binding("w", "waive", "Waive"),
        Binding("e", "add_evidence", "Evidence"),
        Binding("c", "add_action", "Action"),
        Binding("o", "owner", "Owner"),
        Binding("delete", "remove_entry", "Remove evidence/action", show=False),
        Binding("s", "summary", "Summary"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today
        self.quarter = Quarter.of(today)
        self.audits: AuditSet | None = None
        self.score: AuditScore | None = None
        self.problem: Text | None = None
        self.pains: dict[str, list[LinkedPain]] = {}
        self.index = 0
        self.created = False
        self.sub_title = f"Audit {self.quarter}"

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def path(self) -> Path:
        return audit_path(self.sxt.root, self.quarter)

    @property
    def relative(self) -> str:
        """The file as the home screen and `sxt validate` name it."""
        return display_path(self.path, self.sxt.root)

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.score.checklist.items) if self.score else ()

    @property
    def item(self) -> ChecklistItem | None:
        return self.score.items[self.index].item if self.score else None

    @property
    def assessment(self) -> Assessment | None:
        return self.score.items[self.index].assessment if self.score else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-top"):
            yield Static(id="audit-progress", markup=False)
            yield ProgressBar(id="audit-bar", show_eta=False)
        yield Static(id="audit-problem", markup=False)
        with Vertical(id="audit-item"):
            yield Static(id="audit-title", markup=False)
            yield Static(id="audit-why", markup=False)
            with Horizontal(id="audit-columns"):
                # The levels scroll themselves, so the one under the cursor is always shown.
                with Vertical(id="audit-left"):
                    yield OptionList(id="audit-levels")
                    yield Static(id="audit-answer", markup=False)
                with Pane(id="audit-right"):
                    yield Static(id="audit-questions", markup=False)
                    yield Static(id="audit-owner", markup=False)
                    yield OptionList(id="audit-entries")
                    yield Static(id="audit-hints", markup=False)
                    yield Static(id="audit-pains", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        try:
            if not self.path.exists():
                start(self.sxt.workspace, self.quarter, self.today)
                self.created = True
        except NoChecklist as error:
            self.problem = Text(printable(str(error)), style="bold red")
        except AuditExists:
            pass  # written in the meantime, by `sxt audit start` perhaps: use that one
        except (LoadError, OSError) as error:
            self.problem = Text(printable(f"cannot start {self.relative}: {error}"), "bold red")
        if self.problem is None:
            self.reload()
        if self.score is not None:
            at = resume_at(self.score)
            self.index = len(self.score.items) - 1 if at is None else at
        self.show()
        if self.created:
            self.notify(f"Started {self.relative}", title="Audit", markup=False)
        if self.score is not None and resume_at(self.score) is None:
            self.action_summary()  # every item has an answer: where they left off is the end

    # --- the file -------------------------------------------------------------------------

    def reload(self) -> None:
        """Reads the workspace's audits again, as `sxt audit status` would; the wizard works
        on this quarter's file only while it is a valid audit of the workspace's checklist."""
        self.score, self.problem = None, None
        try:
            self.audits = load(self.sxt.workspace, self.today)
        except NoChecklist as error:
            self.problem = Text(printable(str(error)), style="bold red")
            return
        self.pains = workspace_pains(self.sxt.workspace, self.audits.checklist.id)
        wanted = self.path.resolve()
        self.score = next(
            (s for s in self.audits.scores if s.audit.path and s.audit.path.resolve() == wanted),
            None,
        )
        if self.score is None:
            problems = [d for d in self.audits.problems if d.path == self.relative]
            self.problem = Text.assemble(
                (
                    f"{printable(self.relative)} cannot be audited here: fix it (or remove it) "
                    "and press a again on the home screen\n",
                    "bold red",
                )
            )
            if problems:
                self.problem.append_text(diagnostics_text(problems))
            else:
                self.problem.append(
                    f"it is not an audit of the workspace's checklist {self.audits.checklist.id}",
                    style="yellow",
                )
        elif not self.score.items:
            self.score = None
            self.problem = Text("the checklist has no items to audit", style="bold red")
        else:
            self.index = min(self.index, len(self.score.items) - 1)

    def save(self, change: Callable[[CommentedMap], None]) -> bool:
        """Applies one change through the store and reads the file back (see saving.py):
        the wizard works on this quarter's file only while it is a valid audit."""
        if self.score is None:
            return False

        def reread() -> list[Diagnostic] | None:
            self.reload()
            if self.score is not None:
                return None
            return (
                [d for d in self.audits.problems if d.path == self.relative] if self.audits else []
            )

        saved = save_checked(self, self.path, self.relative, change, reread)
        self.show()
        return saved

    # --- showing --------------------------------------------------------------------------

    def show(self) -> None:
        self.refresh_bindings()
        problem = self.query_one("#audit-problem", Static)
        problem.display = self.problem is not None
        self.query_one("#audit-item").display = self.problem is None
        self.query_one("#audit-top").display = self.problem is None
        if self.problem is not None:
            problem.update(self.problem)
            return
        score, item, assessment = self.score, self.item, self.assessment
        assert score is not None and item is not None and assessment is not None
        count = len(score.items)
        # Answered as `sxt audit status` counts it: scored, na, or under a live waiver; an
        # inconclusive item has been looked at but is not an answer.
        answered = sum(is_answered(s.assessment, score.as_of) for s in score.items)
        pending = sum(s.assessment.state == "inconclusive" for s in score.items)
        self.query_one("#audit-progress", Static).update(
            Text.assemble(
                (f"Item {self.index + 1} of {count}", "bold"),
                f" · {answered} answered ({figures.percent(score.completion)} complete)",
                f" · {pending} inconclusive " if pending else " ",
            )
        )
        self.query_one("#audit-bar", ProgressBar).update(total=count, progress=answered)
        self.query_one("#audit-title", Static).update(
            Text(printable(item.title), style="bold underline")
        )
        self.query_one("#audit-why", Static).update(Text(printable(item.why)))
        self.show_levels(item, assessment)
        answer = answer_text(assessment, score.checklist.scale)
        previous = self.audits.before(self.quarter) if self.audits else None
        if previous is not None:
            answer.append(
                f" · last quarter ({previous.audit.quarter}): "
                f"{shown(previous.audit.assessment(item.id))}",
                style="dim",
            )
        self.query_one("#audit-answer", Static).update(answer)
        self.query_one("#audit-questions", Static).update(
            bullets("Questions to ask", item.questions)
        )
        self.query_one("#audit-hints", Static).update(
            bullets("Evidence to look for", item.evidence_hints)
        )
        pains = self.pains.get(item.id, [])
        shown_pains = self.query_one("#audit-pains", Static)
        shown_pains.display = bool(pains)
        shown_pains.update(
            bullets("Open pain points for this item (journeys)", [p.describe() for p in pains])
        )
        owner = Text.assemble(("Owner: ", "bold"))
        owner.append(printable(assessment.owner) if assessment.owner else "none (o sets one)")
        self.query_one("#audit-owner", Static).update(owner)
        self.show_entries(assessment)

    def show_levels(self, item: ChecklistItem, assessment: Assessment) -> None:
        levels = self.query_one("#audit-levels", OptionList)
        scale = self.score.checklist.scale if self.score else {}
        highlighted = levels.highlighted
        levels.set_options(
            Option(
                level_option(level, scale.get(level, ""), text, level == assessment.level),
                id=f"level-{level}",
            )
            for level, text in sorted(item.levels.items())
        )
        levels.highlighted = assessment.level if assessment.level is not None else highlighted

    def show_entries(self, assessment: Assessment) -> None:
        entries = self.query_one("#audit-entries", OptionList)
        highlighted = entries.highlighted
        options: list[Option] = [Option(Text("Evidence", style="bold"), disabled=True)]
        options += [
            Option(evidence_option(evidence), id=f"evidence-{index}")
            for index, evidence in enumerate(assessment.evidence)
        ]
        if not assessment.evidence:
            options.append(Option(Text("none yet: e adds evidence", "dim italic"), disabled=True))
        options.append(Option(Text("Actions", style="bold"), disabled=True))
        options += [
            Option(action_option(action, self.today), id=f"actions-{index}")
            for index, action in enumerate(assessment.actions)
        ]
        if not assessment.actions:
            options.append(Option(Text("none yet: c adds an action", "dim italic"), disabled=True))
        entries.set_options(options)
        if highlighted is not None and highlighted < len(options):
            entries.highlighted = highlighted
        entries.border_title = "Evidence and actions"
        entries.border_subtitle = "enter: edit · delete: remove"

    # --- moving ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Next past the last item is the summary; previous before the first stays put."""
        if self.score is None:
            return
        position = self.index + delta
        if position >= len(self.score.items):
            self.action_summary()
            return
        if position < 0:
            self.app.bell()
            return
        self.index = position
        self.query_one("#audit-levels", OptionList).highlighted = None
        self.query_one("#audit-entries", OptionList).highlighted = None
        self.show()
        self.query_one("#audit-right", Pane).scroll_home(animate=False)

    def action_summary(self) -> None:
        from toolkit.tui.audit_summary import AuditSummaryScreen

        if self.audits is None or self.score is None:
            return
        self.app.push_screen(AuditSummaryScreen(self.audits, self.score), self.after_summary)

    def after_summary(self, result: str | None) -> None:
        if result == "quit":
            self.action_leave()

    def action_leave(self) -> None:
        """Back to the home screen, validated again so the new or changed audit is listed."""
        self.sxt.report = self.sxt.validate_workspace()
        self.dismiss()

    # --- answering ------------------------------------------------------------------------

    def answer(
        self,
        level: Level,
        reason: str | None = None,
        waiver: tuple[str, dt.date] | None = None,
    ) -> None:
        item = self.item
        if item is None:
            return
        self.save(
            lambda data: set_answer(
                data, item.id, level, reason=reason, waiver=waiver, order=self.order
            )
        )

    def action_level(self, level: int) -> None:
        if self.item is not None and level in self.item.levels:
            self.answer(level)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if event.option_list.id == "audit-levels" and option_id.startswith("level-"):
            self.action_level(int(option_id.removeprefix("level-")))
        elif event.option_list.id == "audit-entries":
            kind, _, index = option_id.partition("-")
            if kind == "evidence":
                self.edit_evidence(int(index))
            elif kind == "actions":
                self.edit_action(int(index))

    def action_inconclusive(self) -> None:
        self.answer("inconclusive")

    def action_not_applicable(self) -> None:
        item, assessment = self.item, self.assessment
        if item is None or assessment is None:
            return
        field = Field(
            "reason", "Why does this item not apply?", assessment.reason or "", "", required
        )

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.answer("na", reason=values["reason"])

        self.app.push_screen(FormScreen(f"N/A: {item.title}", [field]), done)

    def action_waive(self) -> None:
        item, assessment = self.item, self.assessment
        if item is None or assessment is None:
            return
        justification, expires = assessment.waiver or ("", None)
        fields = [
            Field("justification", "Why is the item waived?", justification, "", required),
            Field(
                "expires",
                "Until (YYYY-MM-DD):",
                expires.isoformat() if expires else "",
                "the day the waiver ends",
                required_date,
            ),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                waiver = (values["justification"], dt.date.fromisoformat(values["expires"]))
                self.answer("waived", waiver=waiver)

        self.app.push_screen(FormScreen(f"Waive: {item.title}", fields), done)

    def action_owner(self) -> None:
        item, assessment = self.item, self.assessment
        if item is None or assessment is None:
            return
        field = Field("owner", "Owner (empty: none):", assessment.owner or "", "a name")

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                owner = values["owner"] or None
                self.save(lambda data: set_owner(data, item.id, owner, self.order))

        self.app.push_screen(FormScreen(f"Owner: {item.title}", [field]), done)

    # --- evidence and actions -------------------------------------------------------------

    def evidence_form(self, index: int | None) -> None:
        item, assessment = self.item, self.assessment
        if item is None or assessment is None:
            return
        old = assessment.evidence[index] if index is not None else None
        fields = [
            Field(
                "kind",
                "Kind (link, path or note):",
                old.kind if old else "link",
                "link, path or note",
                one_of(EVIDENCE_KINDS),
                EVIDENCE_KINDS,
            ),
            Field("value", "Link, path or note:", old.value if old else "", "", required),
            Field(
                "date",
                "Gathered on (YYYY-MM-DD, empty: no date):",
                old.date.isoformat() if old and old.date else self.today.isoformat(),
                "",
                optional_date,
            ),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            evidence = Evidence(
                kind=values["kind"],  # type: ignore[arg-type]  # checked by one_of
                value=values["value"],
                date=date_or_none(values["date"]),
                carried_from=old.carried_from if old else None,
            )
            if self.save(lambda data: put_evidence(data, item.id, evidence, index, self.order)):
                self.notify(
                    "Evidence saved" if old else "Evidence added", title=self.relative, markup=False
                )

        verb = "Edit" if old else "Add"
        self.app.push_screen(
            FormScreen(f"{verb} evidence: {item.title}", fields, evidence_check), done
        )

    def action_form(self, index: int | None) -> None:
        item, assessment = self.item, self.assessment
        if item is None or assessment is None:
            return
        old = assessment.actions[index] if index is not None else None
        fields = [
            Field("title", "What is to be done:", old.title if old else "", "", required),
            Field(
                "owner",
                "Owner:",
                (old.owner if old else assessment.owner) or "",
                "who does it",
            ),
            Field(
                "due",
                "Due (YYYY-MM-DD, empty: no date):",
                old.due.isoformat() if old and old.due else "",
                "",
                optional_date,
            ),
            Field(
                "status",
                "Status (open, done or dropped):",
                old.status if old else "open",
                "",
                one_of(ACTION_STATES),
                ACTION_STATES,
            ),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            action = Action(
                title=values["title"],
                status=values["status"],  # type: ignore[arg-type]  # checked by one_of
                owner=values["owner"] or None,
                due=date_or_none(values["due"]),
                carried_from=old.carried_from if old else None,
            )
            if self.save(lambda data: put_action(data, item.id, action, index, self.order)):
                self.notify(
                    "Action saved" if old else "Action added", title=self.relative, markup=False
                )

        verb = "Edit" if old else "Add"
        self.app.push_screen(FormScreen(f"{verb} action: {item.title}", fields), done)

    def action_add_evidence(self) -> None:
        self.evidence_form(None)

    def edit_evidence(self, index: int) -> None:
        self.evidence_form(index)

    def action_add_action(self) -> None:
        self.action_form(None)

    def edit_action(self, index: int) -> None:
        self.action_form(index)

    def highlighted_entry(self) -> tuple[EntryKind, int] | None:
        entries = self.query_one("#audit-entries", OptionList)
        option = entries.highlighted_option
        if option is None or option.id is None or self.focused is not entries:
            return None
        kind, _, index = option.id.partition("-")
        if kind not in ("evidence", "actions"):
            return None
        return kind, int(index)  # type: ignore[return-value]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without a valid audit there is nothing to answer, only the way back; remove only
        applies to the evidence or action under the cursor."""
        if self.score is None:
            return action == "leave"
        if action == "remove_entry":
            return self.highlighted_entry() is not None
        return True

    def action_remove_entry(self) -> None:
        item, assessment, found = self.item, self.assessment, self.highlighted_entry()
        if item is None or assessment is None or found is None:
            return
        kind, index = found
        shown_entry = (
            evidence_option(assessment.evidence[index])
            if kind == "evidence"
            else action_option(assessment.actions[index], self.today)
        )
        question = Text(f"Remove this {'evidence' if kind == 'evidence' else 'action'}?\n")
        question.append_text(shown_entry)

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.save(lambda data: remove_entry(data, item.id, kind, index, self.order))

        self.app.push_screen(ConfirmScreen(question), done)

    def on_screen_resume(self) -> None:
        # The bindings that depend on the cursor (delete) are re-checked when coming back.
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()
