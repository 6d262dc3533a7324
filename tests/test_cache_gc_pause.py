"""The cyclic garbage collector paused while the build reads many lasting objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from glossary_site.cache.gc_pause import paused


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector")
def test_the_collector_is_off_within_and_on_again_after() -> None:
    gc.enable()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_the_collector_is_on_again_after_an_exception() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("a failed stage")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()
