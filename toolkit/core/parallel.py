"""Work split across processes that inherit what the parent has built.

Forked workers start with the parent's memory: compiled schemas and guides (RE2 objects,
closures) need no pickling and are not built again. Only each part's bounds go out and only
plain results come back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")

_WORK: Callable[[Any], Any] | None = None
"""The function of the run in progress, set just before the workers fork so that they
inherit it instead of receiving it pickled."""


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def split(count: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) bounds over `count` items: a few parts per process, so that none of them
    waits on one slow part at the end."""
    size = max(1, -(-count // (jobs * 4)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def in_forks(work: Callable[[Part], Result], parts: Sequence[Part], jobs: int) -> list[Result]:
    """work(part) for every part, on `jobs` forked processes, in the order of `parts`."""
    global _WORK
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _WORK = work
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(_run, parts))
    finally:
        _WORK = None


def _run(part: Any) -> Any:
    assert _WORK is not None
    return _WORK(part)
