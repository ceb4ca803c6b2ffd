"""The disputes of one shop, for both sides: the agent opens one (n), a reviewer or arbitrator
settles the one under the cursor (a accept, p partial with a new answer, r reject).

Everything is written by toolkit.shop.disputes, the module `sxt shop dispute` and `sxt shop
resolve` call, and the screen reads the files back after each write: the history shown is the
file's. Who acts is the person at the keyboard (toolkit.core.identity).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from toolkit.core.diagnostics import printable
from toolkit.shop import disputes, files
from toolkit.shop.model import Answer, Criterion, Dispute, Shop
from toolkit.tui.forms import Field, FormScreen, required
from toolkit.tui.shop import shop_heading

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

STATE_STYLES = {"open": "bold yellow", "accepted": "green", "partial": "cyan", "rejected": "red"}


class DisputesScreen(Screen[None]):
    """Each dispute of the shop with its state; the one under the cursor in full below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "open_dispute", "Dispute"),
        Binding("a", "settle('accept')", "Accept"),
        Binding("p", "settle('partial')", "Partial"),
        Binding("r", "settle('reject')", "Reject"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, shop_id: str) -> None:
        super().__init__()
        self.shop_id = shop_id
        self.shops: files.ShopSet | None = None

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    @property
    def shop(self) -> Shop | None:
        return self.shops.everything.get(self.shop_id) if self.shops else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="disputes-heading", markup=False)
        yield DataTable(id="disputes", cursor_type="row")
        yield Static(id="disputes-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#disputes", DataTable)
        for column in ("criterion", "by", "opened", "state", "answer", "resolved"):
            table.add_column(column, key=column)
        self.sub_title = f"Disputes · {self.shop_id}"
        self.reload()
        table.focus()

    def reload(self) -> None:
        self.shops = files.load(self.sxt.workspace, self.sxt.scorer)
        shop = self.shop
        table = self.query_one("#disputes", DataTable)
        table.clear()
        if shop is None:
            return
        self.query_one("#disputes-heading", Static).update(shop_heading(shop))
        for dispute in shop.disputes:
            table.add_row(
                dispute.criterion,
                Text(printable(dispute.by)),
                dispute.opened.isoformat(),
                Text(dispute.state, style=STATE_STYLES[dispute.state]),
                "" if dispute.answer is None else str(dispute.answer),
                dispute.resolved.isoformat() if dispute.resolved else "",
                key=dispute.criterion,
            )
        self.show_detail()

    def selected(self) -> Dispute | None:
        table = self.query_one("#disputes", DataTable)
        if not table.row_count or self.shop is None:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((d for d in self.shop.disputes if d.criterion == key), None)

    def show_detail(self) -> None:
        detail = self.query_one("#disputes-detail", Static)
        dispute = self.selected()
        if dispute is None:
            detail.update(Text("No disputes of this shop. n opens one.", style="dim"))
            return
        text = Text.assemble(("Reason: ", "bold"), printable(dispute.reason))
        if dispute.wants is not None:
            text.append(f"\nAsks for: {dispute.wants}")
        for event in dispute.history:
            text.append(f"\n{event.date.isoformat()} {event.outcome} by ")
            text.append(printable(event.by))
            if event.answer is not None:
                text.append(f", answer {event.answer}")
            if event.note:
                text.append(": " + printable(event.note))
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def person(self) -> str | None:
        name = self.sxt.scorer
        if name is None:
            self.notify(
                "Who are you? Set SXT_SCORER or `git config user.name`.",
                severity="warning",
                markup=False,
            )
        return name

    def run(self, action: Callable[[], object]) -> None:
        """Calls the domain and reads the files back; a refusal is a notice, never a crash."""
        try:
            action()
        except (disputes.DisputeError, OSError, ValueError) as error:
            self.notify(printable(str(error)), severity="error", markup=False, timeout=8)
        self.reload()

    def parsed(self, criterion: Criterion, text: str) -> Answer | Literal[False] | None:
        """The answer typed in a form (None when left empty), or False, with a notice,
        when it answers nothing."""
        if not text:
            return None
        try:
            return files.answer_to(criterion, text)
        except files.AnswerError as error:
            self.notify(printable(str(error)), severity="error", markup=False)
            return False

    def action_open_dispute(self) -> None:
        shop, name = self.shop, self.person()
        if shop is None or name is None or self.shops is None:
            return
        card = self.shops.scorecards[shop.scorecard]
        ids = tuple(c.id for _, c in card.criteria() if c.applies_to(shop.channel))

        def check(value: str) -> str | None:
            return None if value in ids else "a criterion id of this shop's scorecard"

        fields = [
            Field("criterion", "Criterion:", "", "e.g. empathy", check, choices=ids),
            Field("reason", "Reason:", "", "what the score got wrong", required),
            Field("wants", "Answer asked for (empty: the best):", "", ""),
        ]

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            criterion = card.criterion(values["criterion"])
            assert criterion is not None
            answer = self.parsed(criterion, values["wants"])
            if answer is False:
                return
            self.run(
                lambda: disputes.open_dispute(
                    shop, criterion, name, values["reason"], self.sxt.today, answer, self.sxt.root
                )
            )

        self.app.push_screen(FormScreen(f"Dispute a criterion of {shop.id}", fields), done)

    def action_settle(self, outcome: str) -> None:
        shop, dispute, name = self.shop, self.selected(), self.person()
        if shop is None or dispute is None or name is None or self.shops is None:
            return
        criterion = self.shops.scorecards[shop.scorecard].criterion(dispute.criterion)
        assert criterion is not None
        fields = [Field("note", "Note (why):", "", "")]
        if outcome == "partial":
            fields.insert(0, Field("answer", "New answer:", "", "", required))

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            answer = self.parsed(criterion, values.get("answer", ""))
            if answer is False:
                return
            self.run(
                lambda: disputes.resolve(
                    shop, criterion, outcome, name, self.sxt.today, answer, values["note"] or None
                )
            )

        title = f"{outcome.capitalize()} the dispute of {dispute.criterion}"
        self.app.push_screen(FormScreen(title, fields), done)

    def action_leave(self) -> None:
        self.dismiss()
