"""The validation pipeline shared by `sxt validate`, the TUI and every job: load a file, tell
its kind and format version, check it against its schema, then check its references against
the other documents in scope."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.core import schema
from toolkit.core.content import shipped_files, shipped_root
from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import (
    Document,
    LoadError,
    load_file,
    load_markdown,
    load_markdown_text,
    load_text,
)
from toolkit.core.names import KINDS
from toolkit.core.suggest import did_you_mean, one_of
from toolkit.core.workspace import (
    WORKSPACE_FILE,
    default_in,
    display_path,
    find_root,
    workspace_files,
)


@dataclass(slots=True)
class Checked:
    """One file's outcome: its document when it could be read, and what is wrong with it."""

    path: Path
    display: str
    kind: str | None = None
    document: Document | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Documents are named by their file stem: `checklists/ten-point.yaml` is 'ten-point'."""
        return self.path.stem

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if self.document is not None else {}

    @property
    def valid(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    @property
    def document_if_valid(self) -> Document | None:
        return self.document if self.valid else None

    def errors_as(self, kind: str) -> list[Diagnostic]:
        """What keeps this file from being read as a `kind` document: a `kind:` that names
        another kind (its other errors follow from that one), else its errors. Empty when it
        can be read as one."""
        if self.kind not in (None, kind):
            message = f"kind: {self.kind}, expected {kind}"
            return [Diagnostic(self.display, None, None, "error", "kind", message)]
        return [d for d in self.diagnostics if d.severity == "error"]


Read = Callable[[Path, str], "Checked"]
"""How a file is read and checked: a Reader's `check`, passed to code that reads for a job,
so the job shares the reading of the workspace it was given."""


class Reader:
    """Files checked (`_check_file`), each remembered while it is unchanged on disk (same
    inode, size and mtime) and read again once it changes. One command often reads a file
    twice (a journey for its map and again for the shops that reference it), and schema
    checks are the slow part. Callers get a copy to extend. Keyed by the absolute path, not
    the resolved one: resolving costs a system call per folder of the path, more than
    reading and checking a valid scoring file."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        """At most this many files remembered (None: all), for a process that reads many."""
        self.reads = 0
        """Files read and checked so far: what tests and benchmarks count."""
        self._checked: dict[tuple[str, str], tuple[tuple[int, int, int, int], Checked]] = {}

    def check(self, path: Path, display: str) -> Checked:
        try:
            stat = os.stat(path)
        except OSError:
            self.reads += 1
            return _check_file(path, display)
        key = (os.path.abspath(path), display)
        stamp = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        cached = self._checked.get(key)
        if cached is None or cached[0] != stamp:
            if self.limit is not None and len(self._checked) >= self.limit:
                self._checked.clear()
            self.reads += 1
            cached = self._checked[key] = (stamp, _check_file(path, display, stat))
        found = cached[1]
        return Checked(found.path, found.display, found.kind, found.document, [*found.diagnostics])

    def forget(self) -> None:
        self._checked.clear()


SHARED = Reader(limit=512)
"""The process's reader: what one command reads, shared by every job it calls."""


def forget_checked_files() -> None:
    """Drops what check_file remembers, for a measurement that must read every file again."""
    SHARED.forget()


def forget_schemas() -> None:
    """Drops every compiled schema and every result checked with one: for `sxt lsp`, which
    runs for hours, when a schema file changes under it (a developer's checkout of sxt)."""
    for compiled in (schema.schema, schema.validator, schema.fast_validator, _properties):
        compiled.cache_clear()
    forget_checked_files()


def check_file(path: Path, display: str) -> Checked:
    """A file checked as `sxt validate` checks it, through the process's reader."""
    return SHARED.check(path, display)


def check_text(path: Path, display: str, text: str) -> Checked:
    """check_file for text that may differ from the file on disk (an editor's unsaved
    buffer, for `sxt lsp`): the same checks, never remembered, since the text has no stamp."""
    return _check_file(path, display, text=text)


def _check_file(
    path: Path, display: str, status: os.stat_result | None = None, text: str | None = None
) -> Checked:
    checked = Checked(path, display)
    try:
        if path.suffix == ".md":
            markdown = (
                load_markdown(path, display)
                if text is None
                else load_markdown_text(text.removeprefix("\ufeff"), path, display)
            )
            checked.document = markdown.front_matter
            checked.kind = "replies"
            checked.diagnostics += schema.check(checked.document, "replies", "front_matter")
            return checked
        checked.document = (
            load_file(path, display, status)
            if text is None
            else load_text(text.removeprefix("\ufeff"), display, path)
        )
    except LoadError as error:
        checked.diagnostics += error.diagnostics
        return checked
    checked.kind, problems = identify(checked.document)
    checked.diagnostics += problems
    if checked.kind is not None:
        # A wrong `kind:` would bury its one-line fix under the wrong schema's errors.
        checked.diagnostics += _kind_that_fits(checked.document, checked.kind) or schema.check(
            checked.document, checked.kind
        )
    return checked


def _kind_that_fits(document: Document, kind: str) -> list[Diagnostic]:
    """When the top-level keys do not fit the stated kind but fit exactly one other, the
    likely mistake is the `kind:` line (a copied file), not every key: say so once."""
    keys = document.data.keys()
    if keys <= _properties(kind):
        return []
    fitting = [k for k in KINDS if k != kind and keys <= _properties(k)]
    if len(fitting) != 1:
        return []
    return [
        document.diagnostic(
            ("kind",),
            "error",
            "kind",
            f"kind: {kind!r} does not fit this document's keys, which are those of "
            f"{'an' if fitting[0][0] in 'aeiou' else 'a'} {fitting[0]}; "
            f"did you mean `kind: {fitting[0]}`?",
        )
    ]


@cache
def _properties(kind: str) -> frozenset[str]:
    return frozenset(schema.schema(kind)["properties"])


def identify(document: Document) -> tuple[str | None, list[Diagnostic]]:
    """The document's kind, once its `sxt:` version is one this sxt reads and its `kind:` known.

    Checked before the schema so that a file from a newer sxt gets one clear 'upgrade' error
    instead of a page of schema errors about fields this version has never heard of.
    """
    data = document.data
    problems: list[Diagnostic] = []
    version = data.get("sxt")
    if "sxt" not in data:
        problems.append(
            document.diagnostic((), "error", "version", "missing `sxt: 1` (the format version)")
        )
    elif isinstance(version, str) and version.isdigit():
        problems.append(
            document.diagnostic(
                ("sxt",),
                "error",
                "version",
                f"sxt: {version!r} is text, expected the number {schema.FORMAT_VERSION} "
                "without quotes",
            )
        )
    elif not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(
            document.diagnostic(
                ("sxt",),
                "error",
                "version",
                f"sxt: {schema.show(version)} is not a format version, "
                f"expected {schema.FORMAT_VERSION}",
            )
        )
    elif version > schema.FORMAT_VERSION:
        problems.append(
            document.diagnostic(
                ("sxt",),
                "error",
                "version",
                f"sxt: {version} is a newer format than this sxt reads "
                f"({schema.FORMAT_VERSION}): upgrade sxt to read this file",
            )
        )
    kind = data.get("kind")
    if "kind" not in data:
        problems.append(
            document.diagnostic(
                (), "error", "kind", f"missing `kind:`, expected one of {one_of(KINDS)}"
            )
        )
        return None, problems
    if kind not in KINDS:
        hint = did_you_mean(str(kind), KINDS) or f", expected one of {one_of(KINDS)}"
        problems.append(
            document.diagnostic(
                ("kind",),
                "error",
                "kind",
                f"kind: {schema.show(kind)} is not a document kind{hint}",
            )
        )
        return None, problems
    return (None if problems else kind), problems


class Catalog:
    """The documents references are resolved against: the workspace a file lives in, or the
    shipped defaults for a file outside any workspace."""

    def __init__(
        self, documents: Iterable[Checked], settings: dict[str, Any] | None = None
    ) -> None:
        self.settings = settings or {}
        self._by_kind: dict[str, dict[str, Checked]] = {}
        self._in_folder: dict[tuple[str, str], list[Checked]] = {}
        for checked in documents:
            if checked.kind is not None:
                self._by_kind.setdefault(checked.kind, {})[checked.id] = checked
                key = (checked.kind, os.path.dirname(checked.path))
                self._in_folder.setdefault(key, []).append(checked)

    def get(self, kind: str, document_id: str) -> Checked | None:
        return self._by_kind.get(kind, {}).get(document_id)

    def in_folder(self, kind: str, folder: str) -> list[Checked]:
        """The documents of a kind in this folder (its path as text), in the order given: a
        shop's scorings (shops/<shop>/*.yaml), whose file stems repeat from shop to shop."""
        return self._in_folder.get((kind, folder), [])

    def ids(self, kind: str) -> list[str]:
        return sorted(self._by_kind.get(kind, {}))

    def default(self, name: str, fallback: str) -> str:
        """A default named in sxt.yaml, or `fallback` when it names none (or sxt.yaml is
        broken: its own errors say so, and no other document may trip over them)."""
        return default_in(self.settings, name, fallback)


@dataclass(slots=True)
class Report:
    files: list[Checked]
    catalogs: dict[Path | None, Catalog] = field(default_factory=dict)
    """Workspace root (None: outside any) -> the documents references were resolved
    against: what `sxt lsp` completes ids from and jumps to, without reading them again."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for checked in self.files for d in checked.diagnostics]


def validate(
    targets: list[Path],
    base: Path,
    texts: dict[Path, str] | None = None,
    read: Read = check_file,
) -> Report:
    """Checks `targets`; other documents of their workspace are read for references only.
    `texts` (resolved path -> text) stands in for files whose text is not the one on disk:
    the documents open in an editor, so a reference to an unsaved change resolves. `read`
    reads one file (a Workspace's, to share its reading with the jobs)."""
    from toolkit.core.references import check_references

    cache: dict[Path, Checked] = {}
    texts = texts or {}

    def checked(path: Path, display: str | None = None) -> Checked:
        resolved = path.resolve()
        if resolved not in cache:
            display = display or display_path(path, base)
            text = texts.get(resolved)
            cache[resolved] = (
                read(path, display) if text is None else check_text(path, display, text)
            )
        return cache[resolved]

    results = [checked(path) for path in targets]
    catalogs: dict[Path | None, Catalog] = {}
    for result in results:
        root = find_root(result.path.parent) if result.path.parent.exists() else None
        if root not in catalogs:
            catalogs[root] = _catalog(root, results, checked)
        result.diagnostics += check_references(result, catalogs[root])
        result.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return Report(results, catalogs)


def _catalog(root: Path | None, results: list[Checked], checked: Any) -> Catalog:
    if root is None:
        shipped = shipped_root()
        documents = [checked(shipped / path, str(path)) for path in shipped_files()]
        loose = [r for r in results if find_root(r.path.parent) is None]
        return Catalog([*documents, *loose])
    documents = [checked(path) for path in workspace_files(root) if path.exists()]
    settings: Any = next((d.data for d in documents if d.path.name == WORKSPACE_FILE), {})
    return Catalog(documents, settings if isinstance(settings, dict) else {})
