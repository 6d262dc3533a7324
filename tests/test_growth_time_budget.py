"""The time budget of one conversion counts that conversion's own work only.

At 100,000 terms a build failed with ``markdown-timeout`` on an ordinary term: the
budget then counted wall-clock time, and the term happened to be converting while the
process collected the garbage of its whole heap (its cost grows with the glossary, not
with the term) on a loaded machine. Neither a collection nor another thread's work says
anything about the term's Markdown.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Any

import pytest

from glossary_site.markup import limits


def _burn(seconds: float) -> None:
    started = time.thread_time()
    while time.thread_time() - started < seconds:
        pass


def test_a_garbage_collection_during_a_conversion_does_not_count_against_its_budget() -> None:
    def slow_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            _burn(0.3)  # a collection of a large heap: work for the whole process

    with limits.time_budget(0.1):
        gc.callbacks.append(slow_collection)
        try:
            gc.collect()
        finally:
            gc.callbacks.remove(slow_collection)
        _burn(0.02)  # the conversion's own work, well within its budget


def test_another_threads_work_does_not_count_against_the_budget() -> None:
    other = threading.Thread(target=_burn, args=(0.3,))
    with limits.time_budget(0.1):
        other.start()
        other.join()  # this thread waits; the process's CPU time is the other thread's


def test_the_conversions_own_work_past_its_budget_is_still_interrupted_after_a_collection() -> None:
    def slow_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            _burn(0.2)

    with pytest.raises(limits.TimeBudgetExceeded), limits.time_budget(0.1):
        gc.callbacks.append(slow_collection)
        try:
            gc.collect()
        finally:
            gc.callbacks.remove(slow_collection)
        started = time.perf_counter()
        while time.perf_counter() - started < 5:
            pass
    assert signal_timer_is_off()


def test_the_budget_leaves_no_collection_callback_behind() -> None:
    before = list(gc.callbacks)
    with limits.time_budget(1):
        gc.collect()
    with pytest.raises(limits.TimeBudgetExceeded), limits.time_budget(0.01):
        while True:
            pass
    assert gc.callbacks == before


def signal_timer_is_off() -> bool:
    import signal

    return signal.getitimer(signal.ITIMER_PROF)[0] == 0


def test_a_budget_spent_inside_a_collection_callback_ends_the_block_after_the_collection() -> None:
    def slow_callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            _burn(0.2)  # registered before the budget: its time is the block's own

    gc.callbacks.insert(0, slow_callback)
    try:
        # An exception raised inside a gc callback is printed and dropped by Python: the
        # block must be stopped once the collection is over instead.
        with pytest.raises(limits.TimeBudgetExceeded), limits.time_budget(0.05):
            gc.collect()
            _burn(2.0)
    finally:
        gc.callbacks.remove(slow_callback)
