"""One way for a screen to change a file: through the store, then read back and checked, and
put back as it was when the change would have left it invalid.

The forms only offer valid values, so the put-back is a safety net; what it guards against
is a schema rule a form does not know, or a file edited by hand since the screen read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from textual.screen import Screen

from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.core.loader import LoadError
from toolkit.core.store import edit, write_text

Reread = Callable[[], Sequence[Diagnostic] | None]
"""Reads the file again into the screen; None when it is valid, else why it is not."""


def save_checked(
    screen: Screen[Any],  # any screen, whatever it returns when dismissed
    path: Path,
    shown: str,
    change: Callable[[CommentedMap], None],
    reread: Reread,
) -> bool:
    """Applies `change` to the round-trip data of `path` and says whether it stands. `shown`
    names the file in messages; every failure is a notice on `screen`, never an exception."""
    try:
        before = path.read_bytes().decode("utf-8")
        with edit(path) as data:
            change(data)
    except (LookupError, LoadError, OSError, UnicodeDecodeError, ValueError) as error:
        screen.notify(printable(f"{shown}: {error}"), severity="error", markup=False, timeout=8)
        reread()
        return False
    problems = reread()
    if problems is None:
        return True
    write_text(path, before)
    reread()
    reason = f" ({printable(problems[0].message)})" if problems else ""
    screen.notify(
        f"Not saved: the change would have made {printable(shown)} invalid{reason}",
        severity="error",
        markup=False,
        timeout=8,
    )
    return False
