"""Where the shipped default content (checklists, journeys, tone guides, replies) lives.

In a wheel it is packaged inside `toolkit/content/`, beside this package's own files; in a
source checkout (editable install) it is the repository's top-level folders, where people
review it. Nothing else in sxt needs to know the difference.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CONTENT_FOLDERS = ("checklists", "journeys", "tone_guides", "replies")


@cache
def shipped_root() -> Path:
    """The folder holding the shipped content. Found from this file, not through
    importlib.resources (5 ms to import, on every pre-commit call): sxt is installed as
    files, never run from a zip, so the package's folder is where its data is."""
    here = Path(__file__).resolve().parents[1]
    packaged = here / "content"
    if packaged.is_dir():
        return packaged
    return here.parent


def shipped_files() -> list[Path]:
    """Every shipped content file, relative to `shipped_root()`, in a stable order."""
    root = shipped_root()
    return sorted(
        path.relative_to(root)
        for folder in CONTENT_FOLDERS
        for path in (root / folder).glob("*")
        if path.is_file() and path.suffix in (".yaml", ".yml", ".md")
    )
