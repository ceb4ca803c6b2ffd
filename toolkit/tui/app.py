"""`sxt tui`: the Textual face of sxt. It runs the same validation as `sxt validate` and only
shows the result; screens render the app's `report` and hold no rules of their own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen

from toolkit.core.diagnostics import count_by_severity, printable
from toolkit.core.reader import Workspace
from toolkit.core.validation import Report
from toolkit.core.workspace import WORKSPACE_FILE
from toolkit.tui.help import HelpScreen, keys_of
from toolkit.tui.home import HomeScreen


class SxtApp(App[None]):
    """One workspace, validated on start and again on `r`."""

    TITLE = "sxt"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys"),
        Binding("r", "revalidate", "Re-validate"),
        Binding("l", "lint", "Lint"),
        Binding("a", "audit", "Audit"),
        Binding("m", "shops", "Shops"),
        Binding("j", "journey", "Journey"),
        Binding("c", "metrics", "Contact metrics"),
    ]

    report: var[Report | None] = var(None, always_update=True)
    """The latest validation of the whole workspace; screens watch it, so a re-validation
    repaints whatever is open without the app knowing which screens exist."""

    def __init__(self, root: Path, today: dt.date | None = None, scorer: str | None = None) -> None:
        super().__init__()
        self.root = root
        self.workspace = Workspace(root)
        """The one reading of the workspace every screen loads through: a file is read once
        while the app runs, and again only when it changes on disk."""
        self._today = today
        self._scorer = scorer

    @property
    def scorer(self) -> str | None:
        """Who is at the keyboard (toolkit.core.identity: $SXT_SCORER, else the git user
        name), for the name the scoring form offers and what blind calibration shows; asked
        once, when first needed. Tests give it."""
        if self._scorer is None:
            from toolkit.core.identity import who

            found = who(None, cwd=self.root)
            self._scorer = found.name if found else ""
        return self._scorer or None

    @property
    def today(self) -> dt.date:
        """The day the audit wizard works on (its quarter, what is overdue): fixed by tests,
        otherwise read when asked, so an app left open past midnight moves on with the date."""
        return self._today or dt.date.today()

    def get_default_screen(self) -> Screen[None]:
        # The home screen is the bottom of the stack, so escape on it has nothing to pop.
        return HomeScreen()

    def on_mount(self) -> None:
        # Synchronous on purpose: a workspace validates in tens of milliseconds, and a screen
        # that is complete once mounted needs no waiting in tests.
        self.report = self.validate_workspace()

    def validate_workspace(self) -> Report:
        """`sxt validate` on the workspace, and each job's findings on its documents, so the
        home screen never calls a reply or a journey valid that `sxt lint` or `sxt journey
        check` would fail."""
        from toolkit.checks import with_job_findings

        report = with_job_findings(self.workspace.validate(), self.workspace, self.today)
        self.sub_title = workspace_name(report, self.root)
        return report

    def action_revalidate(self) -> None:
        self.report = self.validate_workspace()
        counts = count_by_severity(self.report.diagnostics)
        self.notify(
            f"{len(self.report.files)} files: {counts['error']} errors, "
            f"{counts['warning']} warnings",
            title="Re-validated",
            markup=False,
        )

    def action_lint(self) -> None:
        # Imported here: the lint package is only needed once someone asks for it.
        from toolkit.tui.lint import LintScreen

        self.push_screen(LintScreen())

    def action_audit(self) -> None:
        from toolkit.tui.audit import AuditScreen

        self.push_screen(AuditScreen(self.today))

    def action_shops(self) -> None:
        from toolkit.tui.shop import ShopsScreen

        self.push_screen(ShopsScreen())

    def action_journey(self) -> None:
        from toolkit.tui.journey import open_journeys

        open_journeys(self)

    def action_metrics(self) -> None:
        from toolkit.tui.metrics import MetricsScreen

        self.push_screen(MetricsScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Jobs start from the home screen, so escape from one always leads back there."""
        if action in ("lint", "audit", "shops", "journey", "metrics"):
            return isinstance(self.screen, HomeScreen)
        return True

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(keys_of(self.screen)))


def workspace_name(report: Report, root: Path) -> str:
    """The `name:` in sxt.yaml, which is what people call the workspace; the folder name when
    the settings cannot be read, since that is what `sxt init` would have written."""
    settings = root / WORKSPACE_FILE
    for checked in report.files:
        if checked.path == settings:
            name = checked.data.get("name")
            if isinstance(name, str) and name.strip():
                return printable(" ".join(name.split()))  # a title is one line
    return printable(root.resolve().name)
