"""What a metrics report reads besides the exports, found the same way by the CLI and the
terminal app: the workspace's `kind: metrics` document and its mystery-shop QA scores."""

from __future__ import annotations

from pathlib import Path

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.workspace import display_path, walk
from toolkit.metrics.definitions import Definitions, from_document
from toolkit.metrics.figures import QaScore

FOLDER = "metrics"


class DefinitionsError(ValueError):
    """The metrics document has errors: they are findings at line:col, like `sxt validate`."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("the metrics definitions have errors")
        self.diagnostics = diagnostics


def find_definitions(root: Path) -> Path | None:
    """The first `kind: metrics` document under metrics/, in file-name order."""
    from toolkit.core.validation import check_file

    for path in walk(root / FOLDER, (".yaml", ".yml")):
        checked = check_file(path, str(path))
        if checked.kind == "metrics" or checked.data.get("kind") == "metrics":
            return path
    return None


def load_definitions(path: Path, base: Path) -> Definitions:
    """The document, validated against its schema; files in it are relative to it."""
    from toolkit.core.validation import check_file

    shown = display_path(path, base)
    checked = check_file(path, shown)
    errors = checked.errors_as("metrics")
    if errors:
        raise DefinitionsError(errors)
    folder = str(Path(shown).parent)
    return from_document(checked.data, path.parent, folder, shown)


def qa_scores(root: Path | None) -> list[QaScore]:
    """Every scored mystery shop with an agent, as a QA percent: the internal quality review
    a CSAT is read beside. Empty without a workspace or shops; shop files with errors are
    left out here (`sxt validate` and `sxt shop` report them)."""
    if root is None or not (root / "shops").is_dir():
        return []
    from toolkit.shop import files
    from toolkit.shop.results import result

    shops = files.load(root)
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
