"""What a metrics report reads besides the exports, found the same way by the CLI and the
terminal app: the workspace's `kind: metrics` document and its mystery-shop QA scores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.workspace import display_path
from toolkit.metrics.definitions import Definitions, from_document
from toolkit.metrics.figures import QaScore

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace

FOLDER = "metrics"


class DefinitionsError(ValueError):
    """The metrics document has errors: they are findings at line:col, like `sxt validate`."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("the metrics definitions have errors")
        self.diagnostics = diagnostics


def find_definitions(place: Path | Workspace) -> Path | None:
    """The first `kind: metrics` document under metrics/, in file-name order."""
    from toolkit.core.reader import Workspace

    for checked in Workspace.of(place).folder(FOLDER):
        if checked.kind == "metrics" or checked.data.get("kind") == "metrics":
            return checked.path
    return None


def load_definitions(path: Path, base: Path | Workspace) -> Definitions:
    """The document, validated against its schema; files in it are relative to it. `base`
    is where paths are shown from, or the workspace whose reading to share."""
    from toolkit.core.reader import Workspace

    reader = Workspace.of(base)
    shown = display_path(path, reader.base)
    checked = reader.check(path, shown)
    errors = checked.errors_as("metrics")
    if errors:
        raise DefinitionsError(errors)
    folder = str(Path(shown).parent)
    return from_document(checked.data, path.parent, folder, shown)


def qa_scores(place: Path | Workspace | None) -> list[QaScore]:
    """Every scored mystery shop with an agent, as a QA percent: the internal quality review
    a CSAT is read beside. Empty without a workspace or shops; shop files with errors are
    left out here (`sxt validate` and `sxt shop` report them)."""
    from toolkit.core.reader import Workspace

    if place is None or not (Workspace.of(place).root / "shops").is_dir():
        return []
    from toolkit.shop import files
    from toolkit.shop.results import result

    shops = files.load(place)
    found = []
    for card_id, card in shops.scorecards.items():
        for shop in shops.unblinded(shops.of(card_id)):
            scored = result(shop, card)
            if scored.score is None or not shop.agent:
                continue
            found.append(
                QaScore(
                    shop.date, shop.agent, shop.team or "(none)", shop.channel, 100 * scored.score
                )
            )
    return found
