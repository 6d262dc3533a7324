"""Once a build has read its glossary, the collector does not walk it again while the site
is rendered and written (``gc_pause.frozen_heap``): what the read made is frozen out of its
sight, and back in it when the build is done. Freezing does not nest, so an inner block
(the worker pool's, around its fork) leaves an outer block's objects frozen."""

from __future__ import annotations

import gc
import importlib
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from glossary_site import Project, build
from glossary_site.gc_pause import frozen_heap
from glossary_site.pool import MIN_PARALLEL_ITEMS, run_all
from tests.conftest import WriteGlossary, term_file

build_module = importlib.import_module("glossary_site.build")


class _Cycle:
    """An object of a reference cycle (weak references need a class of our own)."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()  # (a test before may have left the heap frozen: memory.spare)
    yield
    gc.unfreeze()


def _tracked(thing: object) -> bool:
    """Whether the collector's generations hold ``thing`` (frozen objects are in none)."""
    return any(each is thing for each in gc.get_objects())


def test_what_exists_is_out_of_the_collectors_sight_inside_and_back_after() -> None:
    before = _Cycle()
    with frozen_heap():
        assert gc.get_freeze_count() > 0
        assert not _tracked(before)
    assert gc.get_freeze_count() == 0
    assert _tracked(before)


def test_cycles_made_inside_are_still_collected() -> None:
    with frozen_heap():
        made = _Cycle()
        watched = weakref.ref(made)
        del made
        gc.collect()
        assert watched() is None


def test_an_error_inside_thaws_as_well() -> None:
    with pytest.raises(ValueError), frozen_heap():
        raise ValueError("stage failed")
    assert gc.get_freeze_count() == 0


def test_an_inner_block_leaves_the_outer_blocks_objects_frozen() -> None:
    outer = _Cycle()
    with frozen_heap():
        between = _Cycle()  # made after the outer block froze: the inner block freezes it
        with frozen_heap():
            pass
        assert gc.get_freeze_count() > 0
        assert not _tracked(outer) and not _tracked(between)
    assert _tracked(outer) and _tracked(between)


def _double(number: int) -> int:
    return number * 2


def test_the_worker_pool_leaves_a_frozen_heap_frozen() -> None:
    outer = _Cycle()
    items = list(range(MIN_PARALLEL_ITEMS * 2))  # enough to fork workers
    with frozen_heap():
        assert run_all(_double, items, 2) == [n * 2 for n in items]
        assert not _tracked(outer)  # (the pool thawed everything before)
    assert run_all(_double, items, 2) == [n * 2 for n in items]
    assert gc.get_freeze_count() == 0  # the pool alone thaws what it froze


@pytest.fixture
def project(write_glossary: WriteGlossary) -> Project:
    return write_glossary(
        {
            "alpha.md": term_file("Alpha", front="related: [beta]"),
            "beta.md": term_file("Beta", body="## Use\n\nAlpha again.\n"),
        }
    )


def test_a_build_renders_and_writes_with_the_read_glossary_frozen(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, bool] = {}
    real_render, real_write = build_module.render_outputs, build_module.write_site

    def render_outputs(glossary: Any, *args: Any, **kwargs: Any) -> Any:
        seen["rendering"] = not _tracked(glossary.graph)
        return real_render(glossary, *args, **kwargs)

    def write_site(outputs: Mapping[PurePosixPath, bytes], *args: Any, **kwargs: Any) -> int:
        seen["writing"] = gc.get_freeze_count() > 0
        return real_write(outputs, *args, **kwargs)

    monkeypatch.setattr(build_module, "render_outputs", render_outputs)
    monkeypatch.setattr(build_module, "write_site", write_site)
    assert build(project, tmp_path / "site").ok
    assert seen == {"rendering": True, "writing": True}
    assert gc.get_freeze_count() == 0  # all back in the collector's sight
