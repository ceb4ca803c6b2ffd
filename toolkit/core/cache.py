"""Work that only changes when its files do, kept between runs in the workspace's
`.sxt/cache/`, as ruff and pytest keep theirs: the folder carries its own `.gitignore`, so
it is never committed, and deleting it only costs the next run its speed. Work that belongs to
no workspace (a tone guide checked, for a hook run anywhere) is kept in the user's cache
folder (`user_folder`), as pre-commit and mypy keep theirs.

An entry is a pickle of plain data under a key naming everything it was computed from (the
sxt version, the documents it depends on); a wrong key, an unreadable or a corrupt file all
read as no entry, never as an error. Entries read on every start (`read_plain`) are marshal
instead: built in, and several times faster for plain data than pickle, whose import alone
costs a pre-commit call 5 ms. Writes are atomic (temporary file, then rename), so two runs at
once never see half a file. `SXT_NO_CACHE=1` turns the cache off, for a cold run.
"""

from __future__ import annotations

import functools
import os
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
    import hashlib
    import pickle

    digest = hashlib.sha256(code_stamp().encode())
    digest.update(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest()


@functools.cache
def code_stamp() -> str:
    """This sxt, as installed: its version, and the count and latest time of its code and
    schema files (an edited checkout is another sxt)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    times = [
        os.stat(os.path.join(folder, name)).st_mtime_ns
        for folder, _, names in os.walk(package)
        for name in names
        if name.endswith((".py", ".json"))
    ]
    return f"{__version__}:{len(times)}:{max(times, default=0)}"


def file_stamp(path: Path) -> tuple[str, int, int, int, int] | None:
    """A file as an entry's key names it: its real path, size, modification and change
    times and inode, so any edit, checkout or rename-over reads it again; None when the
    file cannot be looked at (no entry is kept for it)."""
    try:
        where = os.path.realpath(path)
        facts = os.stat(where)
    except OSError:
        return None
    return (where, facts.st_size, facts.st_mtime_ns, facts.st_ctime_ns, facts.st_ino)


def user_folder() -> Path:
    """The user's cache folder for sxt: $XDG_CACHE_HOME/sxt, else ~/.cache/sxt."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sxt"


def read(root: Path, name: str, key: str) -> Any | None:
    """The entry `name` if it was written under `key`, else None."""
    import pickle

    return _read(root / FOLDER / f"{name}.pickle", key, pickle.load)


def write(root: Path, name: str, key: str, value: Any) -> None:
    """Stores the entry; a workspace that cannot be written to (read-only, a CI checkout
    owned by someone else) just runs uncached."""
    import pickle

    def dump(entry: Any, file: Any) -> None:
        pickle.dump(entry, file, protocol=pickle.HIGHEST_PROTOCOL)

    _write(root / FOLDER, f"{name}.pickle", (key, value), dump, ignore=True)


def read_plain(folder: Path, name: str, key: Any) -> Any | None:
    """read() for plain data (dicts, lists, tuples, text, numbers) kept in `folder`, with a
    plain key (compared as it is, so no hash needs importing)."""
    import marshal

    return _read(folder / f"{name}.marshal", key, marshal.load)


def write_plain(folder: Path, name: str, key: Any, value: Any) -> None:
    import marshal

    _write(folder, f"{name}.marshal", (key, value), marshal.dump, ignore=False)


def _read(path: Path, key: Any, load: Any) -> Any | None:
    if not enabled():
        return None
    try:
        with open(path, "rb") as file:
            stored_key, value = load(file)
    except Exception:  # missing, unreadable, or written by another Python: no entry
        return None
    return value if stored_key == key else None


def _write(folder: Path, name: str, entry: Any, dump: Any, *, ignore: bool) -> None:
    """`entry` into folder/name through a temporary file and a rename; `ignore`: the folder
    is a workspace's, which gets its `.gitignore`. A folder that cannot be written to just
    leaves the next run uncached."""
    if not enabled():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if ignore:
            gitignore = folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text(_IGNORE, encoding="utf-8")
        temporary = folder / f".{name}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as file:
                dump(entry, file)
            os.replace(temporary, folder / name)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):  # ValueError: marshal met a value it cannot write
        return
