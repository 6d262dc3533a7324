"""A build run by ``glossary-site build`` leaves its largest structures to the end of the
process (which ends without freeing them one by one), not to be freed at once; any
other build frees them as usual (``memory.spare``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from glossary_site import Project, build, memory
from glossary_site.patch import apply
from glossary_site.patch.light import Light
from glossary_site.patch.light import load_light as real_load_light
from tests.test_patch_state import edited_build, project

__all__ = ["project"]  # the fixture


class _Big:
    """Stands for a build's structure (weak references need a class of our own)."""


def test_spared_objects_are_kept_only_for_a_process_that_ends_after_its_builds() -> None:
    kept, dropped = _Big(), _Big()
    with memory.ending_after_builds():
        memory.spare([kept])
        assert [kept] == memory._SPARED
        assert gc.get_freeze_count() > 0  # out of the collector's sight meanwhile
    assert gc.get_freeze_count() == 0
    watched = weakref.ref(dropped)
    memory.spare([dropped])  # no build ends the process here: freed as usual
    del dropped
    assert watched() is None
    assert [kept] == memory._SPARED  # (only ever the last build's)


def _light_of_patch_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[weakref.ref[Light]]:
    """A first build; the light glossary of the next patch build is watched then."""
    assert build(project, tmp_path / "site").ok
    loaded: list[weakref.ref[Light]] = []

    def load_light(*args: object) -> Light | None:
        light = real_load_light(*args)  # type: ignore[arg-type]
        assert light is not None
        loaded.append(weakref.ref(light))
        return light

    monkeypatch.setattr(apply, "load_light", load_light)
    return loaded


def test_the_command_lines_patch_build_leaves_its_light_glossary_to_the_end(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _light_of_patch_build(project, tmp_path, monkeypatch)
    with memory.ending_after_builds():
        assert edited_build(project, tmp_path / "site") == 1
    assert loaded[0]() is not None and loaded[0]() in memory._SPARED


def test_any_other_patch_build_frees_its_light_glossary(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _light_of_patch_build(project, tmp_path, monkeypatch)
    assert edited_build(project, tmp_path / "site") == 1
    assert loaded[0]() is None
