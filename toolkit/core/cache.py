"""Work that only changes when its files do, kept between runs in the workspace's
`.sxt/cache/`, as ruff and pytest keep theirs: the folder carries its own `.gitignore`, so
it is never committed, and deleting it only costs the next run its speed.

An entry is a pickle of plain data under a key naming everything it was computed from (the
sxt version, the documents it depends on); a wrong key, an unreadable or a corrupt file all
read as no entry, never as an error. Writes are atomic (temporary file, then rename), so two
runs at once never see half a file. `SXT_NO_CACHE=1` turns the cache off, for a cold run.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from toolkit import __version__

FOLDER = Path(".sxt") / "cache"
_IGNORE = "# sxt's cache: rebuilt whenever it is missing, never committed.\n*\n"


def enabled() -> bool:
    return os.environ.get("SXT_NO_CACHE", "") in ("", "0")


def fingerprint(*parts: object) -> str:
    """A key for data computed from `parts` (plain data: dicts, lists, text, numbers) by
    this sxt: its version and its code as installed, so an edited checkout of sxt never
    reads what an older one wrote."""
    digest = hashlib.sha256(_code_stamp().encode())
    digest.update(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest()


@functools.cache
def _code_stamp() -> str:
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    times = [
        os.stat(os.path.join(folder, name)).st_mtime_ns
        for folder, _, names in os.walk(package)
        for name in names
        if name.endswith((".py", ".json"))
    ]
    return f"{__version__}:{len(times)}:{max(times, default=0)}"


def read(root: Path, name: str, key: str) -> Any | None:
    """The entry `name` if it was written under `key`, else None."""
    if not enabled():
        return None
    try:
        with open(root / FOLDER / f"{name}.pickle", "rb") as file:
            stored_key, value = pickle.load(file)
    except Exception:  # missing, unreadable, or written by another Python: no entry
        return None
    return value if stored_key == key else None


def write(root: Path, name: str, key: str, value: Any) -> None:
    """Stores the entry; a workspace that cannot be written to (read-only, a CI checkout
    owned by someone else) just runs uncached."""
    if not enabled():
        return
    folder = root / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text(_IGNORE, encoding="utf-8")
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump((key, value), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"{name}.pickle")
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
