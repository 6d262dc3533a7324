"""A patch build checks that its inputs did not change once it has read them all, before
it waits for Pagefind (``Shortcut.check_inputs``): a change it read half of is never
recorded as built, and a full build after a patch that gave up checks on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.patch.edits import Editor
from glossary_site.search import pagefind as pagefind_module
from glossary_site.shortcut import Shortcut
from tests.test_patch_state import EDIT, edited_build, project, same_as_cold

__all__ = ["project"]  # the fixture


def test_the_inputs_are_checked_before_the_wait_for_pagefind(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(project, tmp_path / "site").ok
    steps: list[str] = []
    real_check, real_result = Shortcut.check_inputs, pagefind_module.PagefindRun.result

    def check(self: Shortcut) -> None:
        steps.append("check")
        real_check(self)

    def result(self: pagefind_module.PagefindRun) -> object:
        steps.append("wait")
        return real_result(self)

    monkeypatch.setattr(Shortcut, "check_inputs", check)
    monkeypatch.setattr(pagefind_module.PagefindRun, "result", result)
    assert edited_build(project, tmp_path / "site") == 1
    assert steps == ["check", "wait"]
    assert build(project, tmp_path / "site").files_written == 0  # recorded: nothing to do


def test_an_input_changed_before_it_was_read_is_never_recorded_as_built(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited term changes again between the build's digest of the inputs and its
    reading of the term: the site shows the second edit, so no record may say it is the
    first one's (with the file back as it was then, the build must be real)."""
    site = tmp_path / "site"
    assert build(project, site).ok
    sprint = project.source_dir / "sprint.md"
    real = Editor.convert

    def convert(self: Editor, *args: object) -> object:
        sprint.write_text(first + "A second edit.\n", encoding="utf-8")
        return real(self, *args)  # type: ignore[arg-type]

    first = sprint.read_text(encoding="utf-8") + EDIT
    sprint.write_text(first, encoding="utf-8")
    monkeypatch.setattr(Editor, "convert", convert)
    assert build(project, site).patched == 1
    monkeypatch.undo()
    page = site / "sprint" / "index.html"
    assert "A second edit." in page.read_text(encoding="utf-8")
    sprint.write_text(first, encoding="utf-8")  # as when the build hashed its inputs
    again = build(project, site)
    assert again.ok and again.files_written > 0
    assert "A second edit." not in page.read_text(encoding="utf-8")
    assert same_as_cold(project, site, tmp_path)


def test_a_full_build_after_a_patch_that_gave_up_checks_the_inputs_itself(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    sprint = project.source_dir / "sprint.md"
    checked: list[Shortcut] = []
    real_check = Shortcut.check_inputs

    def check(self: Shortcut) -> None:
        real_check(self)
        checked.append(self)
        # Edited after the check, and the patch gives up: the full build reads this.
        sprint.write_text(sprint.read_text(encoding="utf-8") + "Read by the full build.\n")

    real_result = pagefind_module.PagefindRun.result
    results: list[object] = []

    def fails_once(self: pagefind_module.PagefindRun) -> object:
        results.append(self)
        if len(results) > 1:
            return real_result(self)
        self.cancel()
        raise pagefind_module.PagefindError("made to fail")

    monkeypatch.setattr(Shortcut, "check_inputs", check)
    monkeypatch.setattr(pagefind_module.PagefindRun, "result", fails_once)
    with sprint.open("a", encoding="utf-8") as file:
        file.write(EDIT)
    report = build(project, site)
    assert report.ok and report.patched == 0 and len(checked) == 1
    assert checked[0].checked is None
    monkeypatch.undo()
    page = site / "sprint" / "index.html"
    assert "Read by the full build." in page.read_text("utf-8")
    # Back to what the build started from: its site is not that, so the build is real.
    sprint.write_text(sprint.read_text("utf-8").replace("Read by the full build.\n", ""))
    assert build(project, site).files_written > 0
    assert "Read by the full build." not in page.read_text("utf-8")
    assert same_as_cold(project, site, tmp_path)


def test_the_reports_diagnostics_are_handed_over_before_the_wait_for_pagefind(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the command line formats them while Pagefind runs (``on_diagnostics``)."""
    site = tmp_path / "site"
    first = build(project, site)
    assert first.ok and first.diagnostics  # (kanban does not list sprint as related)
    steps: list[object] = []
    real_result = pagefind_module.PagefindRun.result

    def result(self: pagefind_module.PagefindRun) -> object:
        steps.append("wait")
        return real_result(self)

    monkeypatch.setattr(pagefind_module.PagefindRun, "result", result)
    with (project.source_dir / "sprint.md").open("a", encoding="utf-8") as file:
        file.write(EDIT)
    report = build(project, site, on_diagnostics=steps.append)
    assert report.patched == 1 and report.diagnostics == first.diagnostics
    assert steps == [report.diagnostics, "wait"] and steps[0] is report.diagnostics


def test_the_folders_stamps_are_decoded_once_pagefind_runs(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """70,000 names at 10,000 terms: not on the way to Pagefind's start."""
    from glossary_site.patch import search as patch_search
    from glossary_site.write import stamps

    site = tmp_path / "site"
    assert build(project, site).ok
    steps: list[str] = []
    real_decode, real_start = stamps.KnownSite.decode, patch_search.start_pagefind

    def decode(data: bytes) -> object:
        steps.append("stamps")
        return real_decode(data)

    def start(*args: object) -> object:
        steps.append("pagefind")
        return real_start(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stamps.KnownSite, "decode", staticmethod(decode))
    monkeypatch.setattr(patch_search, "start_pagefind", start)
    assert edited_build(project, site) == 1
    assert steps == ["pagefind", "stamps"]
