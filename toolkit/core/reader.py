"""One workspace as every job and face reads it: each file read and checked once (schema,
kind, format version), and again only when it changes on disk.

A command builds one `Workspace` and hands it to the jobs it calls; the terminal app keeps one
for as long as it runs, so its home screen, the shop list, the audit wizard and the journey
map share one reading, and `r` re-reads only the files that changed since. A broken document
is a `Checked` with diagnostics at its line:col like any other: every reader skips it and
reports it, and the rest of the workspace goes on working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.core.validation import SHARED, Catalog, Checked, Reader, Report, validate
from toolkit.core.workspace import LAYOUT, WORKSPACE_FILE, display_path, walk, workspace_files


class Workspace:
    """The documents under `root`, read on first use through `reader`. Paths in
    diagnostics are shown relative to `base` (where the user stands), as everywhere else."""

    def __init__(self, root: Path, base: Path | None = None, reader: Reader | None = None) -> None:
        self.root = root
        self.base = base or root
        self.reader = reader or Reader()
        """A reader of its own remembers every file (the app's); the process's (SHARED)
        remembers a few hundred, for a command that reads a workspace once."""

    @classmethod
    def of(cls, place: Path | Workspace, base: Path | None = None) -> Workspace:
        """The workspace a job was given, or the one at a root path read through the
        process's reader: jobs take either, so a one-shot command need not build one, the
        jobs it calls still share one reading, and the app passes its own."""
        return place if isinstance(place, Workspace) else cls(place, base, SHARED)

    def check(self, path: Path, display: str | None = None) -> Checked:
        """The file as checked, read again only when it changed on disk; the caller gets a
        copy whose diagnostics it may extend (with its reference checks)."""
        return self.reader.check(path, display or display_path(path, self.base))

    def folder(self, name: str) -> list[Checked]:
        """Every document in one of the workspace's folders (LAYOUT), in path order."""
        return [self.check(path) for path in walk(self.root / name, LAYOUT[name])]

    @property
    def settings(self) -> dict[str, Any]:
        """sxt.yaml as written, or {} when it is missing or broken (its own diagnostics say
        so, and no job may trip over them)."""
        data = self.check(self.root / WORKSPACE_FILE).data
        return data if isinstance(data, dict) else {}

    def default(self, name: str, fallback: str) -> str:
        """A default named in sxt.yaml (`defaults.checklist`, ...), else `fallback`."""
        return Catalog([], self.settings).default(name, fallback)

    def validate(self, targets: list[Path] | None = None) -> Report:
        """`sxt validate` on `targets` (default: every document of the workspace), reading
        through this workspace, so nothing already read is read again."""
        files = workspace_files(self.root) if targets is None else targets
        return validate(files, self.base, read=self.check)
