"""Finding a workspace and its documents, the way git finds `.git`."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

WORKSPACE_FILE = "sxt.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
DOCUMENT_SUFFIXES = (*YAML_SUFFIXES, ".md")

LAYOUT: dict[str, tuple[str, ...]] = {
    "checklists": YAML_SUFFIXES,
    "audits": YAML_SUFFIXES,
    "shops": YAML_SUFFIXES,
    "calibration": YAML_SUFFIXES,
    "journeys": YAML_SUFFIXES,
    "tone_guides": YAML_SUFFIXES,
    "replies": DOCUMENT_SUFFIXES,
    "metrics": YAML_SUFFIXES,
}
"""Only these folders hold sxt documents, so other YAML in the same repository (CI workflows,
docs config) is never mistaken for one."""


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `sxt.yaml`."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for folder in (current, *current.parents):
        if (folder / WORKSPACE_FILE).exists():
            return folder
    return None


def workspace_files(root: Path) -> list[Path]:
    files = [root / WORKSPACE_FILE]
    for folder, suffixes in LAYOUT.items():
        files += walk(root / folder, suffixes)
    return files


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the documents inside folders given (a workspace by its layout)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir() or path.suffix in DOCUMENT_SUFFIXES:
            files.append(path)  # a folder named like a document is reported as not a file
        elif (path / WORKSPACE_FILE).exists():
            files += workspace_files(path)
        else:
            files += walk(path, DOCUMENT_SUFFIXES)
    return list(dict.fromkeys(files))


def walk(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files with these suffixes below `folder`, sorted, hidden files and folders skipped."""
    return [Path(name) for name in walk_names(folder, suffixes)]


def walk_names(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    """`walk` as text: where tens of thousands of files are only grouped and looked up in a
    cache, making a Path of each costs more than the rest of the walk."""
    if not folder.is_dir():
        return []
    found = []
    join = os.path.join
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        found += [
            join(directory, name)
            for name in sorted(names)
            if name.endswith(suffixes) and not name.startswith(".")
        ]
    return found


def default_in(settings: Any, name: str, fallback: str) -> str:
    """A default named in sxt.yaml's settings, or `fallback` when they name none (or
    sxt.yaml is broken: its own errors say so, and no other document may trip over them).
    Here, not on the catalog, so a hook finds the workspace's guide without the validator."""
    defaults = settings.get("defaults") if isinstance(settings, dict) else None
    value = defaults.get(name) if isinstance(defaults, dict) else None
    return str(value) if isinstance(value, str) and value else fallback


def display_path(path: Path, base: Path) -> str:
    """How a file is named in output: relative to where the user stands, when it is below it.
    Tried first without resolving (no system calls: this runs once per file, and a lint run
    may name ten thousand), then with symlinks and `..` resolved: the folder once per folder
    (resolving costs a system call per part of the path, and a folder outside the user's
    holds thousands of replies), the file itself only when it is a link."""
    text = str(path if path.is_absolute() else base / path)
    prefix = os.path.join(str(base), "")
    if text.startswith(prefix):
        return text[len(prefix) :]
    folder, name = os.path.split(text)
    real = os.path.realpath(text) if os.path.islink(text) else os.path.join(_real(folder), name)
    inside = os.path.join(_real(str(base)), "")
    return real[len(inside) :] if real.startswith(inside) else str(path)


@functools.lru_cache(maxsize=256)
def _real(folder: str) -> str:
    return os.path.realpath(folder)
