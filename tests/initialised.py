"""How many documents `sxt validate` checks in a fresh `sxt init` workspace: one count for
every test that reads the "No problems found in N files." line, so a new example file in the
scaffold changes one place, not three tests that each hard-coded a different sum."""

from __future__ import annotations

from toolkit.core.scaffold import plan

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".md")


def initialised_document_count() -> int:
    """Documents in the scaffold plan; the JSON Schemas and CSV exports are not documents."""
    return sum(1 for path in plan("w") if path.suffix in DOCUMENT_SUFFIXES)
