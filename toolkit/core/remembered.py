"""Documents found valid before and unchanged since, for commands that start often.

A pre-commit hook runs `sxt lint` once per commit and file; reading and checking its tone
guide and `sxt.yaml` (each schema's checker compiled first) cost it more than linting the
reply. A file found valid is remembered in the user's cache (toolkit.core.cache) with its
data and text, under this sxt's stamp and the file's path, size, time and inode: any edit,
checkout or upgrade reads it again. Positions are worked out from the text only when a
diagnostic or an editor asks for one. Long-running faces (the app, `sxt lsp`) keep their
own readers and never come here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.core.loader import Document

Key = tuple[str, str, str, int, int, int, int]


def valid_document(
    path: Path, display: str, check: Callable[[], Document | None]
) -> Document | None:
    """The file's document as `check` found it when it was last valid and is unchanged
    since; else `check()` (which returns None, or raises, for a file that is not valid),
    remembered when it passes."""
    from toolkit.core import cache

    key = _key(path, display)
    if key is not None:
        found = cache.read_plain(cache.user_folder(), _entry(key), key)
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], str):
            return Document(path, display, found[0], _source=found[1])
    document = check()
    if document is not None and key is not None:
        from toolkit.core.loader import read_text

        # The text as the loader reads it (a document the full loader read keeps none).
        text = document._source if document._source is not None else read_text(path, display)
        cache.write_plain(cache.user_folder(), _entry(key), key, (document.data, text))
    return document


def _key(path: Path, display: str) -> Key | None:
    from toolkit.core.cache import code_stamp, file_stamp

    stamp = file_stamp(path)
    return None if stamp is None else (code_stamp(), display, *stamp)


def _entry(key: Key) -> str:
    """One entry per file (named by its path), so a file's older versions are overwritten."""
    import zlib

    return f"valid-{zlib.crc32(key[2].encode()):08x}"
