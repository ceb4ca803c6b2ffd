"""The calibration view of one shop: every criterion's answers side by side, one column per
scorer, the answers that differ from the benchmark's highlighted, and how closely each scorer
follows the benchmark.

Calibration sessions are about the rows where scorers part ways, so those are what stand out:
a cell is highlighted when it differs from the benchmark's answer, or, in a shop without a
benchmark, from the majority's (every answer of a row without a majority is highlighted when
they are not all the same). `s` puts the widest disagreements first.

The figures (each criterion's gap, each scorer's alignment with the benchmark) are those of
toolkit.shop.calibration, the module `sxt shop calibrate` reports from, run on this one shop:
the screen only decides which cells to highlight.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from toolkit.core.diagnostics import printable
from toolkit.shop import figures, files
from toolkit.shop.calibration import Calibration, calibrate, scorer_key
from toolkit.shop.model import Answer, Criterion, Scorecard, Scoring, Section, Shop
from toolkit.shop.scoring import score
from toolkit.tui.document import diagnostics_text
from toolkit.tui.shop import answer_text, problems_of, shop_heading

if TYPE_CHECKING:
    from toolkit.tui.app import SxtApp

DIFFERS_STYLE = "bold white on red"
"""A cell whose answer differs from the reference; it also ends in DIFFERS_MARK, so the
difference does not rest on colour alone."""
DIFFERS_MARK = " ≠"
BENCHMARK_MARK = " ★"

# --- which answers stand out (pure: no Textual) --------------------------------------------


def reference(answers: dict[str, Answer], benchmark: str | None) -> Answer | None:
    """What a row's answers are compared with: the benchmark's answer when it gave one,
    otherwise the answer most scorers gave; None when there is no single such answer."""
    if benchmark is not None:
        return answers.get(benchmark)
    counts = Counter(answers.values()).most_common()
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


@dataclass(frozen=True, slots=True)
class Row:
    """One criterion across the scorers: answers by scorer name (N/A included: a scorer who
    found the criterion not to apply differs from one who scored it), which of them differ
    from the reference, and the gap toolkit.shop.calibration measures."""

    section: Section
    criterion: Criterion
    answers: dict[str, Answer]
    differs: frozenset[str]
    gap: float | None


def rows(shop: Shop, scorecard: Scorecard, calibration: Calibration | None) -> list[Row]:
    """The criteria the shop's channel scores, in scorecard order."""
    benchmark = shop.benchmark()
    gaps = {a.criterion.id: a.gap for a in calibration.criteria} if calibration else {}
    found = []
    for section, criterion in scorecard.criteria():
        if not criterion.applies_to(shop.channel):
            continue
        answers = {
            s.scorer: s.answers[criterion.id] for s in shop.scorings if criterion.id in s.answers
        }
        against = reference(answers, benchmark.scorer if benchmark else None)
        if against is None and benchmark is None and len(set(answers.values())) > 1:
            differs = frozenset(answers)  # no majority: every answer is in question
        elif against is None:
            differs = frozenset()  # the benchmark has not answered: nothing to compare with
        else:
            differs = frozenset(name for name, answer in answers.items() if answer != against)
        found.append(Row(section, criterion, answers, differs, gaps.get(criterion.id)))
    return found


def calibration_of(shop: Shop, scorecard: Scorecard) -> Calibration | None:
    """The shop's calibration as `sxt shop calibrate` computes it; None for a shop with fewer
    than two scorers, which has nothing to calibrate."""
    try:
        return calibrate([shop], scorecard)
    except ValueError:
        return None


# --- the screen ----------------------------------------------------------------------------


TITLE_WIDTH = 44
"""Criterion titles are cut to this many cells, so the scorers' columns fit beside them."""


def title(criterion: Criterion) -> Text:
    text = Text("  " + printable(criterion.title))
    text.truncate(TITLE_WIDTH, overflow="ellipsis")
    return text


def criteria(count: int) -> str:
    return f"{count} criterion" if count == 1 else f"{count} criteria"


def header(scoring: Scoring) -> Text:
    text = Text.assemble((printable(scoring.scorer), "bold"))
    if scoring.benchmark:
        text.append(BENCHMARK_MARK, style="bold yellow")
    return text


def cell(row: Row, scorer: str) -> Text:
    answer = row.answers.get(scorer)
    text = answer_text(answer, row.criterion)
    if scorer in row.differs:
        text = Text(text.plain + DIFFERS_MARK, style=DIFFERS_STYLE)
    return text


def gap_text(value: float | None) -> Text:
    if value is None:
        return Text("—", style="dim")
    style = "bold red" if value >= 0.5 else "yellow" if value > 0 else "green"
    return Text(figures.gap(value), style=style)


def alignment_cell(
    scoring: Scoring, benchmark: Scoring | None, aligned: dict[str, float | None]
) -> Text:
    if benchmark is None:
        return Text("—", style="dim")
    if scoring is benchmark:
        return Text("benchmark", style="dim")
    return Text(figures.pct(aligned.get(scorer_key(scoring.scorer))), style="bold")


class CalibrationScreen(Screen[None]):
    """Criteria down, scorers across, the benchmark marked ★; the last rows give each
    scorer's score and alignment with the benchmark."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", "Widest first"),
        Binding("q", "leave", "Back"),
        Binding("escape", "leave", "Back", show=False),
    ]

    def __init__(self, shop_id: str) -> None:
        super().__init__()
        self.shop_id = shop_id
        self.shops: files.ShopSet | None = None
        self.widest_first = False

    @property
    def sxt(self) -> SxtApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="calibration-heading", markup=False)
        yield DataTable(id="calibration", cursor_type="row", zebra_stripes=True)
        yield Static(id="calibration-legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # As the person at the keyboard may see it: blind while a session is open.
        self.shops = files.load(self.sxt.workspace, self.sxt.scorer)
        self.sub_title = f"Calibration · {self.shop_id}"
        self.show()
        self.query_one("#calibration", DataTable).focus()

    def show(self) -> None:
        shops = self.shops
        heading = self.query_one("#calibration-heading", Static)
        table = self.query_one("#calibration", DataTable)
        legend = self.query_one("#calibration-legend", Static)
        table.clear(columns=True)
        shop = next((s for s in shops.shops if s.id == self.shop_id), None) if shops else None
        if shops is not None and shop is not None and shop.id in shops.blinded:
            session = shops.blinded[shop.id]
            who = printable(self.sxt.scorer or "you (unknown to sxt: set SXT_SCORER)")
            heading.update(
                Text.assemble(
                    shop_heading(shop),
                    (f"\nHidden: calibration session {printable(session.id)} is open", "bold"),
                    f" and {who} has not submitted this shop. The other scorers' answers and "
                    "the benchmark's score show once you submit yours (S on the scoring "
                    "screen, or `sxt shop submit`), or when the session closes.",
                )
            )
            table.display = legend.display = False
            return
        if shops is None or shop is None:
            path = (shops.root if shops else self.sxt.root) / "shops" / f"{self.shop_id}.yaml"
            heading.update(
                Text.assemble(
                    (f"shops/{printable(self.shop_id)}.yaml cannot be read\n", "bold red"),
                    diagnostics_text(problems_of(shops, path) if shops else []),
                )
            )
            table.display = legend.display = False
            return
        table.display = legend.display = True
        scorecard = shops.scorecards[shop.scorecard]
        heading.update(shop_heading(shop))
        scorings = list(shop.scorings)
        table.add_column("criterion", key="criterion")
        for index, scoring in enumerate(scorings):
            table.add_column(header(scoring), key=f"scorer-{index}")
        table.add_column("gap", key="gap")
        calibration = calibration_of(shop, scorecard)
        found = rows(shop, scorecard, calibration)
        # The calibration's order: widest gap first, ties (and no gap) in scorecard order.
        ordered = sorted(found, key=lambda row: -(row.gap or 0)) if self.widest_first else found
        section: Section | None = None
        for row in ordered:
            if not self.widest_first and row.section is not section:
                section = row.section
                table.add_row(
                    Text(printable(section.title), style="bold"), *[""] * (len(scorings) + 1)
                )
            table.add_row(
                title(row.criterion),
                *(cell(row, scoring.scorer) for scoring in scorings),
                gap_text(row.gap),
                key=f"criterion-{row.criterion.id}",
            )
        table.add_row(*[""] * (len(scorings) + 2))
        table.add_row(
            Text("Score", style="bold"),
            *(Text(figures.pct(score(shop, scorecard, s).score), style="bold") for s in scorings),
            "",
            key="score",
        )
        benchmark = shop.benchmark()
        aligned = {
            scorer_key(a.scorer): a.alignment
            for a in (calibration.alignments if calibration else ())
        }
        table.add_row(
            Text("Alignment with the benchmark", style="bold"),
            *(alignment_cell(s, benchmark, aligned) for s in scorings),
            "",
            key="alignment",
        )
        legend.update(self.legend(shop, scorecard, found, benchmark, aligned))
        if ordered:
            table.move_cursor(row=table.get_row_index(f"criterion-{ordered[0].criterion.id}"))

    def legend(
        self,
        shop: Shop,
        scorecard: Scorecard,
        found: list[Row],
        benchmark: Scoring | None,
        aligned: dict[str, float | None],
    ) -> Text:
        """What the marks mean, and the figures a calibration session starts from, where
        they stay in view however long the table is."""
        text = Text()
        if benchmark is not None:
            text.append(f"{BENCHMARK_MARK.strip()} benchmark: {printable(benchmark.scorer)} · ")
            text.append(f"answer{DIFFERS_MARK}", style=DIFFERS_STYLE)
            text.append(" differs from the benchmark's")
        else:
            text.append("No benchmark in this shop: ")
            text.append(f"answer{DIFFERS_MARK}", style=DIFFERS_STYLE)
            text.append(" differs from the majority's; no alignment without a benchmark")
        disagreeing = sum(bool(row.differs) for row in found)
        text.append(f"\n{criteria(disagreeing)} with a disagreement", style="bold")
        if len(shop.scorings) < 2:
            text.append(" · calibration needs two scorers or more", style="yellow")
        skipped = sum(not c.applies_to(shop.channel) for _, c in scorecard.criteria())
        if skipped:
            text.append(f" · {criteria(skipped)} for other channels left out", style="dim")
        others = [s for s in shop.scorings if s is not benchmark]
        if benchmark is not None and others:
            text.append("\nAlignment with the benchmark: ", style="bold")
            text.append(
                " · ".join(
                    f"{printable(s.scorer)} {figures.pct(aligned.get(scorer_key(s.scorer)))}"
                    for s in others
                )
            )
        text.append(
            "\ngap: mean difference of two scorers' answers · alignment: 1 - weighted "
            "difference from the benchmark; N/A left out (as `sxt shop calibrate` computes)",
            style="dim",
        )
        return text

    def action_sort(self) -> None:
        self.widest_first = not self.widest_first
        self.show()

    def action_leave(self) -> None:
        self.dismiss()
