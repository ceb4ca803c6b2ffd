"""Reading a workspace's journeys: each file checked as `sxt validate` checks it (schema, then
references), a file with errors left out and reported, never half-read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.core.diagnostics import Diagnostic
from toolkit.journey.model import Journey, journey_from

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace

JOURNEYS = "journeys"


@dataclass(slots=True)
class JourneySet:
    journeys: list[Journey] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def find(self, name: str) -> Journey | None:
        """A journey named on the command line: its id (file stem) or its file name."""
        stem = Path(name).stem if name.endswith((".yaml", ".yml")) else name
        return next((j for j in self.journeys if j.id == stem), None)


def load(files: list[Path], base: Path | Workspace) -> JourneySet:
    """The valid journeys among `files`; errors in any of them are kept in `problems`.

    Each file is checked against the journey schema only: cross-document references (a
    checklist item that does not exist) are for `sxt validate` and `sxt journey check` to
    report, and reading the whole workspace to find them would make every render wait. `base`
    is where paths are shown from, or the workspace whose reading to share."""
    from toolkit.core.reader import Workspace

    reader = Workspace.of(base)
    found = JourneySet()
    for path in files:
        checked = reader.check(path)
        errors = checked.errors_as("journey")
        if errors or checked.document is None:
            found.problems += errors
        else:
            found.journeys.append(journey_from(checked.document, checked.id))
    return found


def workspace_journeys(place: Path | Workspace, base: Path | None = None) -> JourneySet:
    """Every journey of the workspace at `place`, paths shown from `base` (default: its
    root)."""
    from toolkit.core.reader import Workspace
    from toolkit.core.workspace import YAML_SUFFIXES, walk

    workspace = Workspace.of(place, base)
    return load(walk(workspace.root / JOURNEYS, YAML_SUFFIXES), workspace)
