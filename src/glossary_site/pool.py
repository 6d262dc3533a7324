"""Run one function over many items in worker processes, in order, or in this process.

Workers are forked, so they inherit the function and the items (an index of the
site, a converter, the terms) instead of receiving them pickled; only the chunk
bounds go to a worker and only the plain-data results come back. Each worker runs
its chunks in its main thread, so time budgets based on ``SIGALRM`` still apply.
Without ``fork`` (not POSIX) or for few items everything runs here.

This process is one of the ``jobs``: it forks ``jobs - 1`` workers and, while they take
chunks from the front, runs chunks from the back itself. So two cores hold two copies of
the heap, not three, and half of the results need no pickling.

The objects that exist at the fork are frozen out of the garbage collector
(``gc_pause.frozen_heap``) while the workers run: a collection in a worker would otherwise
visit, and so copy, every page of the inherited heap (the terms, documents and graph of
10,000 terms), which cost more CPU time and memory than the conversion it shared. A heap
that an enclosing block froze (the build's, once its glossary is read) stays frozen after.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from .gc_pause import frozen_heap
from .memory import release_free_memory

T = TypeVar("T")
R = TypeVar("R")

# Fewer items than this are not worth starting workers for (about 20 ms of work).
MIN_PARALLEL_ITEMS = 64
# Items per task: small enough to balance the load, large enough to amortise a task.
MAX_CHUNK = 50
# Chunks handed to each worker ahead of time, so that it never waits for this process.
AHEAD_PER_WORKER = 3

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


class WorkerCrashed(RuntimeError):
    """A worker process ended without a result (killed, or out of memory)."""


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_all(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """``[function(item) for item in items]``, in ``jobs`` processes when that pays off."""
    results: list[Any] = [None] * len(items)
    for number, result in run_each(function, items, jobs):
        results[number] = result
    return results


def run_each(function: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[tuple[int, R]]:
    """``(number, function(items[number]))`` for every item, as soon as each is made (in
    ``jobs`` processes when that pays off, so not in order): the caller can pass each result
    on and drop it, instead of holding all of them (the pages of 10,000 terms: 350 MB).

    Closing the iterator early (an exception in the caller) cancels the chunks not started.
    """
    if jobs <= 1 or len(items) < MIN_PARALLEL_ITEMS or not _can_fork():
        for number, item in enumerate(items):
            yield number, function(item)
        return
    global _work
    _work = (function, items)
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 4)))
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    workers = min(jobs - 1, len(bounds))
    release_free_memory()  # a forked worker counts (and may copy) the resident heap
    try:
        context = multiprocessing.get_context("fork")
        with frozen_heap(), ProcessPoolExecutor(workers, mp_context=context) as pool:
            try:
                yield from _share(pool, bounds, workers)
            except GeneratorExit:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    except BrokenProcessPool as exc:
        raise WorkerCrashed(
            "a worker process ended unexpectedly (killed, or out of memory?); "
            "run with --jobs 1 to build in one process"
        ) from exc
    finally:
        _work = None


def _share(
    pool: ProcessPoolExecutor, bounds: list[tuple[int, int]], workers: int
) -> Iterator[tuple[int, Any]]:
    """The results of every chunk, as they are made. The workers are handed chunks from the
    front, enough to stay busy (the first ones always); in between this process runs chunks
    from the back."""
    left = deque(range(len(bounds)))
    pending: dict[Future[list[Any]], int] = {}
    while left:
        for future in [future for future in pending if future.done()]:
            yield from zip(range(*bounds[pending.pop(future)]), future.result(), strict=True)
        if len(pending) < AHEAD_PER_WORKER * workers:
            number = left.popleft()
            pending[pool.submit(_run_chunk, bounds[number])] = number
        else:
            number = left.pop()
            yield from zip(range(*bounds[number]), _chunk_results(bounds[number]), strict=True)
    for future in as_completed(pending):
        yield from zip(range(*bounds[pending[future]]), future.result(), strict=True)


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    return _chunk_results(bounds)


def _chunk_results(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None, "workers are forked from run_all"
    function, items = _work
    return [function(items[number]) for number in range(*bounds)]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
