"""Work on forked processes: the same results, in the same order, as in one process."""

from __future__ import annotations

import os

import pytest

from toolkit.core.parallel import in_forks, split


def test_every_part_in_order_from_this_process_and_the_forked_ones() -> None:
    parts = split(103, 3)
    results = in_forks(lambda bounds: (bounds, os.getpid()), parts, 3)
    assert [bounds for bounds, _ in results] == parts
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 3  # the parent works a share too


def test_a_workers_exception_is_raised_here() -> None:
    def work(part: int) -> int:
        if part == 5 and os.getpid() != parent:
            raise ValueError("part 5 is broken")
        return part

    parent = os.getpid()
    with pytest.raises(ValueError, match="part 5 is broken"):
        in_forks(work, list(range(8)), 2)


def test_a_result_that_cannot_be_sent_back_is_an_error_not_a_hang() -> None:
    with pytest.raises(Exception, match=r"pickle|lambda|local"):
        in_forks(lambda part: lambda: part, [1, 2], 2)


def test_more_processes_than_parts() -> None:
    assert in_forks(lambda part: part * 2, [1, 2], 4) == [2, 4]
