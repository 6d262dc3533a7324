"""``import markdown``: one GLOSSARY.md holding every term becomes one term file per term."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.importers import ImportReport, import_glossary
from glossary_site.importers.onefile import github_anchor
from tests.importing import term_links
from tests.linkcheck import broken_links

HEADINGS = """\
# Project glossary

Words we use in this repository.

## Build cache

Stores the outputs of earlier builds so that the next [build](#incremental-build) is fast.

### How it is keyed

By the hash of the inputs.

## Incremental build

A build that redoes only what changed since the last one, using the [cache](#build-cache).

```sh
## not a heading: inside code
```

## Lock file

Records the exact versions of the dependencies. See [Build cache](GLOSSARY.md#build-cache).
"""

LETTERS = """\
# Glossary

## A

### API

An interface for programs.

## Networking

### Proxy

A server that forwards requests for an [API](#api).
"""

DEFINITION_LIST = """\
Glossary
========

Backlog
: An ordered list of the work of a team.

Sprint
: A fixed time-box of work.
: It usually lasts two weeks,
  sometimes one.

Velocity
: The work a team finishes per sprint, in points.
"""

BOLD = """\
# Terms

- **Canary**: a release to a small share of users first, before a [rollout](#rollout).
- **Rollout** - the gradual release of a version to all users.
**Toggle:** a switch that turns a feature on or off
  without a release.
"""


def _import(tmp_path: Path, text: str) -> tuple[ImportReport, Path]:
    glossary_md = tmp_path / "GLOSSARY.md"
    glossary_md.write_text(text, encoding="utf-8")
    out = tmp_path / "glossary"
    return import_glossary("markdown", glossary_md, out), out


def _build(tmp_path: Path, out: Path) -> Path:
    report = build(Project(out), tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    return tmp_path / "site"


def test_a_heading_per_term_becomes_a_term_per_heading_with_links_kept(tmp_path: Path) -> None:
    report, out = _import(tmp_path, HEADINGS)

    assert sorted(p.stem for p in out.glob("*.md")) == [
        "build-cache",
        "incremental-build",
        "lock-file",
    ]
    assert [(d.line, d.code) for d in report.diagnostics] == [(1, "import-intro")]
    cache = (out / "build-cache.md").read_text(encoding="utf-8")
    assert "## How it is keyed" in cache
    site = _build(tmp_path, out)
    assert term_links(site) == {
        ("build-cache", "incremental-build"),
        ("incremental-build", "build-cache"),
        ("lock-file", "build-cache"),
    }
    assert "## not a heading" in (out / "incremental-build.md").read_text(encoding="utf-8")
    assert broken_links(site) == []


def test_terms_under_letter_and_group_headings_get_the_group_as_category(tmp_path: Path) -> None:
    report, out = _import(tmp_path, LETTERS)
    assert report.ok and sorted(p.stem for p in out.glob("*.md")) == ["api", "proxy"]
    assert "category:" not in (out / "api.md").read_text(encoding="utf-8")
    assert "category: Networking" in (out / "proxy.md").read_text(encoding="utf-8")
    assert term_links(_build(tmp_path, out)) == {("proxy", "api")}


def test_a_definition_list_gives_a_term_per_entry(tmp_path: Path) -> None:
    report, out = _import(tmp_path, DEFINITION_LIST)
    assert report.diagnostics == ()
    assert sorted(p.stem for p in out.glob("*.md")) == ["backlog", "sprint", "velocity"]
    sprint = (out / "sprint.md").read_text(encoding="utf-8")
    assert "definition: A fixed time-box of work." in sprint
    assert "It usually lasts two weeks,\nsometimes one." in sprint
    _build(tmp_path, out)


def test_bold_term_lines_give_a_term_per_line(tmp_path: Path) -> None:
    report, out = _import(tmp_path, BOLD)
    assert report.diagnostics == ()
    assert sorted(p.stem for p in out.glob("*.md")) == ["canary", "rollout", "toggle"]
    toggle = (out / "toggle.md").read_text(encoding="utf-8")
    assert "a switch that turns a feature on or off without a release." in " ".join(toggle.split())
    assert term_links(_build(tmp_path, out)) == {("canary", "rollout")}


def test_a_file_without_terms_is_an_error(tmp_path: Path) -> None:
    report, _ = _import(tmp_path, "Just a paragraph.\n")
    assert [d.code for d in report.diagnostics] == ["import-no-terms"]
    assert not report.ok


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [("Build cache", "build-cache"), ("CI/CD (pipelines)", "cicd-pipelines"), ("Über", "über")],
)
def test_anchors_are_githubs(heading: str, anchor: str) -> None:
    assert github_anchor(heading) == anchor


LINKED_BOLD = """\
# Glossary

**[Bloom filter](https://example.org/bloom):** A compact set that may answer
"maybe" but never a wrong "no". See [Hash](#hash).

**Hash:** A fixed-size digest of any input.

**[Trie](<https://example.org/trie_(tree)>):** A tree keyed by prefixes.
"""

DEEP_HEADINGS = """\
# Project words

##### Deploy window

The hours in which a release may go out.

##### Freeze

##### Rollback

Going back to the previous release, as after a failed [deploy](#deploy-window).
"""


def test_a_title_written_as_a_link_keeps_its_link_in_the_body(tmp_path: Path) -> None:
    report, out = _import(tmp_path, LINKED_BOLD)
    assert report.diagnostics == ()
    assert sorted(p.stem for p in out.glob("*.md")) == ["bloom-filter", "hash", "trie"]
    bloom = (out / "bloom-filter.md").read_text(encoding="utf-8")
    assert "title: Bloom filter" in bloom and "[Bloom filter](https://example.org/bloom)" in bloom
    trie = (out / "trie.md").read_text(encoding="utf-8")
    assert "[Trie](https://example.org/trie_(tree))" in trie
    assert term_links(_build(tmp_path, out)) == {("bloom-filter", "hash")}


def test_terms_under_level_five_headings_and_a_term_without_text_is_an_error(
    tmp_path: Path,
) -> None:
    report, out = _import(tmp_path, DEEP_HEADINGS)
    assert sorted(p.stem for p in out.glob("*.md")) == ["deploy-window", "rollback"]
    assert [(d.line, d.code) for d in report.diagnostics] == [(7, "import-no-definition")]
    assert term_links(_build(tmp_path, out)) == {("rollback", "deploy-window")}
