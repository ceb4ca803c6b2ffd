"""Work split across processes that inherit what the parent has built.

Forked workers start with the parent's memory: compiled schemas and guides (RE2 objects,
closures) need no pickling and are not built again. Only plain results come back.

Plain `os.fork`, not multiprocessing: its pool costs a new process 35 ms to import and start
(a tenth of linting a folder of 3,000 replies), and it leaves the parent idle while the
workers run. Here the parent works one share itself and each child one other; each child
writes its pickled results to an anonymous file the parent reads once the child is done,
so no child ever waits on a full pipe while the parent is busy with its own share.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

Part = TypeVar("Part")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork")


def split(count: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) bounds over `count` items: a few parts per process, dealt out in turn,
    so that a run of slow items (one folder of long replies) is shared between them."""
    size = max(1, -(-count // (jobs * 4)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


class WorkerFailed(RuntimeError):
    """A worker process died or raised something that could not be sent back."""


def in_forks(work: Callable[[Part], Result], parts: Sequence[Part], jobs: int) -> list[Result]:
    """work(part) for every part, on `jobs` processes (this one and jobs - 1 forked), in the
    order of `parts`. An exception in a worker is raised here."""
    import pickle

    shares = [list(range(index, len(parts), jobs)) for index in range(jobs)]
    children: list[tuple[int, IO[bytes], list[int]]] = []
    for share in shares[1:]:
        if not share:
            continue
        output = _anonymous_file()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
            _child(work, [parts[i] for i in share], output)
        children.append((pid, output, share))
    results: dict[int, Result] = {}
    failure: BaseException | None = None
    try:
        for index in shares[0]:
            results[index] = work(parts[index])
    except BaseException as error:  # the children are still waited for below
        failure = error
    for pid, output, share in children:
        _, status = os.waitpid(pid, 0)
        output.seek(0)
        try:
            outcome, value = pickle.load(output)
        except Exception:
            outcome, value = "failed", WorkerFailed(f"a worker ended with status {status}")
        finally:
            output.close()
        if outcome != "done":
            failure = failure or value
            continue
        results.update(zip(share, value, strict=True))
    if failure is not None:
        raise failure
    return [results[index] for index in range(len(parts))]


def _anonymous_file() -> IO[bytes]:
    """A file with no name, gone when closed: memory-backed where Linux offers it."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("sxt-worker"), "w+b")
    import tempfile  # pragma: no cover - macOS

    return tempfile.TemporaryFile()  # pragma: no cover


def _child(work: Callable[[Any], Any], parts: list[Any], output: IO[bytes]) -> None:
    """Runs in the forked child: its parts' results (or its exception) into `output`, then
    out at once, with no atexit handlers or buffers of the parent's run twice."""
    import pickle

    code = 0
    try:
        try:
            payload: Any = ("done", [work(part) for part in parts])
        except BaseException as error:
            payload = ("failed", error)
            code = 1
        try:
            pickle.dump(payload, output, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # an exception that cannot be pickled
            output.seek(0)
            output.truncate()
            pickle.dump(("failed", WorkerFailed(repr(error))), output)
        output.flush()
    finally:
        os._exit(code)
