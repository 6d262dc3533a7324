"""The whole-build short cut: a build of unchanged inputs into an unchanged folder writes
nothing and reports what the last build reported; any change of an input or of the
folder, and any doubt about the record, means a real build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_site import Project, build, shortcut
from glossary_site.cache import Store, keys
from glossary_site.cache.record import KIND, record_key
from glossary_site.shortcut import STAMPS_KIND
from glossary_site.write import MANIFEST_NAME, KnownSite
from glossary_site.write.stamps import WIDTH
from tests.conftest import WriteGlossary, term_file

BASE = 'base_url = "https://example.org/g/"\n'


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]", body="See [b](backlog)."),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards."),
            # a warning (an alias that is a common word), reported by every build
            "backlog.md": term_file("Backlog", front="aliases: [list]"),
            "scrum.md": term_file("Scrum"),
        },
        config=BASE,
    )
    return dataclasses.replace(
        written, cache_dir=tmp_path / ".glossary-cache", static_dir=tmp_path / "static"
    )


def stamps(site: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, mtime, ctime) of the site folder and everything in it."""
    found = {".": _stamp(site)}
    found.update({p.relative_to(site).as_posix(): _stamp(p) for p in site.rglob("*")})
    return found


def _stamp(path: Path) -> tuple[int, int, int]:
    info = path.lstat()
    return info.st_ino, info.st_mtime_ns, info.st_ctime_ns


def built(project: Project, out: Path) -> int:
    """Build; the number of files written (0: the short cut was taken)."""
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return report.files_written


def test_a_build_of_unchanged_inputs_writes_nothing_and_reports_the_same(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    first = build(project, site)
    codes = {d.code for d in first.diagnostics}
    assert first.files_written > 0 and "common-word-alias" in codes
    before = stamps(site)
    again = build(project, site)
    assert again.files_written == 0
    assert (again.diagnostics, again.term_count, again.draft_count, again.base_url) == (
        first.diagnostics,
        first.term_count,
        first.draft_count,
        first.base_url,
    )
    assert stamps(site) == before


def test_without_a_cache_every_build_is_real(project: Project, tmp_path: Path) -> None:
    uncached = dataclasses.replace(project, cache_dir=None)
    assert built(uncached, tmp_path / "site") > 0
    assert built(uncached, tmp_path / "site") > 0


Change = Callable[[Project, Path], None]


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


CHANGES: dict[str, Change] = {
    "term edited": lambda p, _: _append(p.source_dir / "kanban.md", "One more line.\n"),
    "term added": lambda p, _: _append(p.source_dir / "wip.md", term_file("WIP")),
    "term removed": lambda p, _: (p.source_dir / "scrum.md").unlink(),
    "file beside terms": lambda p, _: _append(p.source_dir / "notes.txt", "x"),
    "hidden file": lambda p, _: _append(p.source_dir / ".draft.md", "x"),
    "config": lambda p, _: _append(p.config_path or Path(), 'title = "New"\n'),
    "template": lambda p, _: _append(p.templates_dir / "extra.html", "<p>x</p>"),  # type: ignore[operator]
    "static file": lambda p, _: _append(p.static_dir / "extra.css", "x"),  # type: ignore[operator]
    "output file edited": lambda _, s: (s / "kanban" / "index.html").write_text("x"),
    "output file removed": lambda _, s: (s / "kanban" / "index.html").unlink(),
    "output folder removed": lambda _, s: _remove_tree(s),
}


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_of_an_input_or_of_the_output_means_a_real_build(
    project: Project, tmp_path: Path, change: str
) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    CHANGES[change](project, site)
    assert built(project, site) > 0
    assert built(project, site) == 0  # and the next one is short again


def test_a_file_added_to_the_output_is_refused_as_by_any_build(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    (site / "kanban" / "stranger.txt").write_text("not ours")
    report = build(project, site)
    assert [d.code for d in report.diagnostics] == ["output-has-other-files"]


def test_another_option_another_date_or_another_version_means_a_real_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    other_url = dataclasses.replace(project, overrides={"base_url": "https://example.com/"})
    assert built(other_url, site) > 0
    assert built(project, site) > 0
    monkeypatch.setattr(shortcut, "_today", lambda: dt.date.today() + dt.timedelta(days=1))
    assert built(project, site) > 0
    monkeypatch.setattr(keys, "_version", lambda name: f"{name}=99")
    assert built(project, site) > 0
    assert built(project, site) == 0


def test_a_symbolic_link_among_the_inputs_means_a_real_build_every_time(
    project: Project, tmp_path: Path
) -> None:
    (project.source_dir / "notes.txt").write_text("notes")
    (project.source_dir / "linked.txt").symlink_to(project.source_dir / "notes.txt")
    site = tmp_path / "site"
    assert built(project, site) > 0
    assert built(project, site) > 0


def _record_path(project: Project, site: Path) -> Path:
    assert project.cache_dir is not None
    key = record_key(Path(os.path.realpath(site)))
    return Path(Store(project.cache_dir)._path(KIND, key))


def test_a_damaged_record_means_a_real_build(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    record = _record_path(project, site)
    data = bytearray(record.read_bytes())
    data[-5] ^= 1
    record.write_bytes(bytes(data))
    assert built(project, site) > 0
    assert built(project, site) == 0


def _rewrite_record(project: Project, site: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    """Rewrite the record as a forger would: a valid entry whose contents lie."""
    assert project.cache_dir is not None
    record = json.loads(_record_path(project, site).read_bytes().split(b"\n", 1)[1])
    change(record)
    payload = json.dumps(record).encode()
    Store(project.cache_dir).put(KIND, record_key(Path(os.path.realpath(site))), payload)


@pytest.mark.parametrize(
    "forgery",
    [
        lambda r: r.update(stamps=[["", 1, 1, 1, 1, 1]]),
        lambda r: r.update(stamps="everything"),
        lambda r: r.update(manifest="0" * 64),
        lambda r: r.update(diagnostics=[["x.md", [1, "code", "message", "hint", "fatal", 0]]]),
        lambda r: r.update(report=["3", 0, ""]),
    ],
    ids=["stamps", "stamps-type", "manifest", "severity", "count-type"],
)
def test_a_record_that_does_not_fit_means_a_real_build(
    project: Project,
    tmp_path: Path,
    forgery: Callable[[dict], None],  # type: ignore[type-arg]
) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    _rewrite_record(project, site, forgery)
    assert built(project, site) > 0


def _match_the_stamps(project: Project, site: Path, name: str) -> None:
    """Rewrite the stamps of ``name`` to match the file as it is now (and the record to
    name the new stamps), as a clock too coarse to see the change would."""
    assert project.cache_dir is not None
    store, key = Store(project.cache_dir), record_key(Path(os.path.realpath(site)))
    found = store.get(STAMPS_KIND, key)
    assert found is not None
    known = KnownSite.decode(found[0])
    assert known is not None
    info = (site / name).lstat()
    start = known.names.index(name) * WIDTH
    numbers = array("q", known.numbers)
    numbers[start + 1 : start + WIDTH] = array(
        "q", [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    )
    stamps = store.put(STAMPS_KIND, key, dataclasses.replace(known, numbers=numbers).encode())
    _rewrite_record(project, site, lambda record: record.update(stamps=stamps))


def test_a_file_changed_within_a_clock_tick_of_the_build_is_found_by_its_bytes(
    project: Project, tmp_path: Path
) -> None:
    """A coarse clock can give a file edited right after the build the same times: here
    the record is made to match the edited file's times, and its bytes still tell."""
    site = tmp_path / "site"
    assert built(project, site) > 0
    page = site / "kanban" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Kanban", b"Kanbam"))
    _match_the_stamps(project, site, "kanban/index.html")
    assert built(project, site) > 0
    assert b"Kanbam" not in page.read_bytes()


def test_the_manifest_changed_within_a_clock_tick_is_found_by_its_bytes(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert built(project, site) > 0
    manifest = site / MANIFEST_NAME
    manifest.write_bytes(manifest.read_bytes().replace(b"generator", b"generatoR"))
    _match_the_stamps(project, site, MANIFEST_NAME)
    report = build(project, site)  # a real build, which finds the manifest is not ours
    assert [d.code for d in report.diagnostics] == ["output-not-a-build"]


def test_inputs_that_change_during_a_build_are_not_recorded(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site of a build whose inputs changed while it ran is not theirs: next time,
    even with the inputs back as they were at the start, the build is real."""
    site = tmp_path / "site"
    kanban = project.source_dir / "kanban.md"
    original = kanban.read_text()
    real_build = shortcut.Shortcut.recorder

    def edit_then_record(self, *args):  # type: ignore[no-untyped-def]
        kanban.write_text(original + "Edited while building.\n")
        return real_build(self, *args)

    monkeypatch.setattr(shortcut.Shortcut, "recorder", edit_then_record)
    assert built(project, site) > 0
    monkeypatch.undo()
    kanban.write_text(original)
    assert built(project, site) > 0
