"""The cyclic collector is off while the exports and search stages run, and afterwards
as it was before (on, or off when the caller had switched it off), even after an error."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from glossary_site.gc_pause import paused_gc


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_is_off_inside_and_on_again_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_is_on_again_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("stage failed")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_a_collector_the_caller_switched_off_stays_off() -> None:
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()
