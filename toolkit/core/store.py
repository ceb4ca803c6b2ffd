"""Writing documents back without losing anything the user wrote.

Two promises: a write is atomic (a crash or a full disk leaves the old file whole, never half a
file), and an edit keeps comments, key order, quoting and every line it did not change, so the
pull request that follows shows exactly the edit and nothing else. The TUI and the CLI both
write through here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import Document, LoadError, load_text, read_text


def write_text(path: Path, text: str) -> None:
    """Atomically replaces `path` with `text`: a temporary file in the same folder (so the
    rename cannot cross file systems), flushed to disk, then renamed over the original. The
    file keeps its permissions; a new file gets the usual ones (0666 less the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    """Makes the rename itself durable; not every platform can open a folder, hence best effort."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def round_trip(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence_indent, dash_offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a user's long line
    yaml.indent(
        mapping=_mapping_indent(text), sequence=sequence_indent or 2, offset=dash_offset or 0
    )
    yaml.explicit_start = text.lstrip().startswith("---")
    return yaml


def _mapping_indent(text: str) -> int:
    """The indent of the first mapping nested in a mapping (ruamel guesses only sequence
    indents): a `key:` line followed by a deeper `key:` line, neither inside a list item."""
    parent_indent = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if stripped.startswith("- "):
            parent_indent = None
            continue
        if parent_indent is not None and indent > parent_indent:
            return indent - parent_indent
        parent_indent = indent if stripped.split("#")[0].rstrip().endswith(":") else None
    return 2


class InvalidEdit(LoadError):
    """An edit that would leave a document its schema rejects (`channel: carrier-pigeon`):
    refused with the errors it would add, and nothing written."""


@contextlib.contextmanager
def edit(path: Path) -> Iterator[Any]:
    """Yields the document as ruamel.yaml round-trip data (dicts and lists that remember their
    comments); on a clean exit writes it back atomically. If the result would not load again,
    or would break its kind's schema in a way the file was not broken already, nothing is
    written and the error is raised (LoadError, InvalidEdit)."""
    text = read_text(path, str(path))
    yaml = round_trip(text)
    data = yaml.load(text)
    yield data
    after = dumps(yaml, data, path)
    before = {(d.code, d.message) for d in _errors(load_text(text, str(path), path))}
    added = [
        d for d in _errors(load_text(after, str(path), path)) if (d.code, d.message) not in before
    ]
    if added:
        raise InvalidEdit(added)
    write_text(path, after)


def _errors(document: Document) -> list[Diagnostic]:
    """The document's version, kind and schema errors, as `sxt validate` finds them."""
    from toolkit.core import schema
    from toolkit.core.validation import identify

    kind, problems = identify(document)
    if kind is not None:
        problems = [*problems, *schema.check(document, kind)]
    return [d for d in problems if d.severity == "error"]


def dumps(yaml: Any, data: Any, path: Path) -> str:
    import io

    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    load_text(text, str(path), path)  # raises LoadError instead of writing a broken file
    return text
