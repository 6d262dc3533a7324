"""``serve``'s follow-up work: a save never waits for the full rebuild, which a change
cancels; the edited page comes before the pages showing it; results stay correct."""

from __future__ import annotations

import threading
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project
from glossary_site.diagnostics import Diagnostic
from glossary_site.serve.follow import Activity, FollowUp
from glossary_site.serve.reload import LiveState
from glossary_site.serve.site import Cancelled, Rebuilt, SiteState
from tests.conftest import term_file
from tests.serve_helpers import (
    ALPHA,
    after_full_rebuild,
    get,
    next_state,
    poll,
    running,
    write_project,
)

GAMMA_PAGE = PurePosixPath("gamma/index.html")


def _fresh_files(root: Path) -> dict[PurePosixPath, bytes]:
    """What a full build of the project as it is on disk now serves."""
    project = Project(
        root / "glossary", root / "glossary.toml", root / "templates", root / "static"
    )
    site = SiteState(project)
    site.full()
    return dict(site.files)


def test_a_save_during_the_full_rebuild_is_served_at_once_and_cancels_it(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    gamma = tmp_path / "glossary" / "gamma.md"
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        if not held.is_set():
            held.set()
            assert release.wait(60)

    with running(project, tmp_path) as (preview, url, _):
        state = poll(url, -1)
        preview.follow.at_checkpoint = hold  # type: ignore[method-assign]
        gamma.write_text(term_file("Gamma", "Gamma, first save."))
        state = next_state(url, state)  # the quick path
        assert held.wait(60), "the full rebuild did not start"
        assert preview.follow.events[-1] == "full-started"
        gamma.write_text(term_file("Gamma", "Gamma, second save."))
        state = next_state(url, state)  # served while the full rebuild is held
        assert not release.is_set()
        assert preview.last is not None and preview.last.quick
        assert b"Gamma, second save." in preview.site.files[GAMMA_PAGE]
        assert "Gamma, second save." in get(url, "/gamma/").text
        release.set()
        after_full_rebuild(url, state, preview)
        events = preview.follow.events
        assert events[events.index("full-started") + 1] == "cancelled"
        assert events[-2:] == ["full-started", "full-done"]
        assert dict(preview.site.files) == _fresh_files(tmp_path)


def test_a_cancelled_full_rebuild_changes_nothing_and_the_next_is_right(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    site = SiteState(project)
    site.full()
    served = site.files
    gamma = tmp_path / "glossary" / "gamma.md"
    gamma.write_text(term_file("Gamma", "Gamma, saved during the rebuild."))
    calls = []

    def checkpoint() -> None:
        calls.append(1)
        if len(calls) == 2:  # a change arrives mid-way
            gamma.write_text(term_file("Gamma", "Gamma, saved again."))
            site.generation += 1
        if site.generation:
            raise Cancelled

    with pytest.raises(Cancelled):
        site.full(checkpoint)
    assert site.files is served
    quick = site.quick({gamma})
    assert quick is not None and quick.quick
    assert b"Gamma, saved again." in site.files[GAMMA_PAGE]
    site.full()
    assert dict(site.files) == _fresh_files(tmp_path)


def test_a_full_rebuild_outrun_by_a_change_is_dropped_even_past_its_checkpoints(
    tmp_path: Path,
) -> None:
    site = SiteState(write_project(tmp_path))
    site.full()
    served = site.files
    (tmp_path / "glossary" / "delta.md").write_text(term_file("Delta"))

    def change_without_raising() -> None:
        site.generation += 1

    with pytest.raises(Cancelled):
        site.full(change_without_raising)
    assert site.files is served
    site.full()
    assert PurePosixPath("delta/index.html") in site.files


def test_the_edited_page_is_published_before_the_pages_showing_its_card(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    alpha_page, beta_page = PurePosixPath("alpha/index.html"), PurePosixPath("beta/index.html")
    with running(project, tmp_path) as (preview, url, _):
        before = dict(preview.site.files)
        published: list[tuple[Rebuilt, dict[PurePosixPath, bytes]]] = []
        channel_publish = preview.channel.publish

        def noted(site_changed: bool, problems: tuple[Diagnostic, ...]) -> LiveState:
            assert preview.last is not None
            published.append((preview.last, dict(preview.site.files)))
            return channel_publish(site_changed, problems)

        preview.channel.publish = noted  # type: ignore[method-assign]
        state = poll(url, -1)
        edited = ALPHA.replace("Alpha is the first term.", "Alpha is the edited first term.")
        (tmp_path / "glossary" / "alpha.md").write_text(edited)
        after_full_rebuild(url, state, preview)
        (quick, first), (cards, second), (full, _) = published
        assert quick.quick and quick.cards == {"alpha"}
        assert b"the edited first term" in first[alpha_page]
        assert first[beta_page] is before[beta_page], "beta's page comes after"
        assert cards.quick and b"the edited first term" in second[beta_page]
        assert not full.quick
        events = ["cards-started", "cards-done", "full-started", "full-done"]
        assert preview.follow.events[-4:] == events
        assert dict(preview.site.files) == _fresh_files(tmp_path)


def test_the_follow_up_work_pauses_while_a_page_is_served(tmp_path: Path) -> None:
    site = SiteState(write_project(tmp_path))
    activity = Activity()
    follow = FollowUp(site, activity, lambda rebuilt: None, threading.Event())
    checkpoint = follow._checkpoint(site.generation)
    order: list[str] = []
    serving, passed = threading.Event(), threading.Event()
    finish = threading.Event()

    def serve_a_page() -> None:
        with activity.request():
            serving.set()
            finish.wait(20)
            order.append("page served")

    def work() -> None:
        checkpoint()
        order.append("work went on")
        passed.set()

    page = threading.Thread(target=serve_a_page)
    page.start()
    assert serving.wait(20)
    worker = threading.Thread(target=work)
    worker.start()
    assert not passed.wait(0.2)
    finish.set()
    page.join(20)
    worker.join(20)
    assert order == ["page served", "work went on"]


def test_the_mention_automaton_is_kept_while_the_names_stay(tmp_path: Path) -> None:
    site = SiteState(write_project(tmp_path))
    site.full()
    gamma = tmp_path / "glossary" / "gamma.md"
    gamma.write_text(term_file("Gamma", "Gamma comes after Alpha."))
    site.full()
    assert site.quick({gamma}) is not None
    assert site._tools.links.finder is not None
    finder = site._tools.links.finder
    gamma.write_text(term_file("Gamma", "Gamma comes after Alpha, again."))
    assert site.quick({gamma}) is not None
    site.full()  # the names are the same: the next quick update keeps the automaton
    gamma.write_text(term_file("Gamma", "Gamma comes after Alpha, once more."))
    assert site.quick({gamma}) is not None
    assert site._tools.links.finder is finder
    (tmp_path / "glossary" / "delta.md").write_text(term_file("Delta"))
    site.full()
    gamma.write_text(term_file("Gamma", "Gamma comes after Alpha, and a new term came."))
    assert site.quick({gamma}) is not None
    assert site._tools.links.finder is not finder, "a new name: a new automaton"
    assert b'class="mention" href="../alpha/"' in site.files[GAMMA_PAGE]


def test_a_warm_full_rebuild_links_mentions_as_a_fresh_one_when_names_change(
    tmp_path: Path,
) -> None:
    site = SiteState(write_project(tmp_path))
    gamma = tmp_path / "glossary" / "gamma.md"
    gamma.write_text(term_file("Gamma", "Gamma comes before Delta and after Alpha."))
    site.full()
    assert b'href="../delta/"' not in site.files[GAMMA_PAGE]
    (tmp_path / "glossary" / "delta.md").write_text(term_file("Delta"))
    site.full()
    assert b'class="mention" href="../delta/"' in site.files[GAMMA_PAGE]
    assert dict(site.files) == _fresh_files(tmp_path)
    (tmp_path / "glossary" / "delta.md").write_text(term_file("Delta", front="status: deprecated"))
    site.full()
    assert b'class="mention" href="../delta/"' not in site.files[GAMMA_PAGE]
    assert dict(site.files) == _fresh_files(tmp_path)
