"""'Did you mean' hints: a typo should cost the user one glance, not a trip to the docs."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.7)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ready-to-append hint such as `; did you mean 'level'?`, or '' when nothing is close."""
    match = closest(word, candidates)
    return f"; did you mean {match!r}?" if match else ""


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    """Lists the accepted values the way error messages quote them: 'a', 'b' or 'c'."""
    names = [repr(name) for name in candidates]
    if len(names) > limit:
        names = [*names[:limit], "..."]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"
