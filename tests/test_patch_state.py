"""The state a patch build starts from is read back exactly, and checked, not trusted: a
state, light glossary or shard entry that is broken, tampered with or missing makes the
build a full one, with the site a cold build makes."""

from __future__ import annotations

import dataclasses
import errno
import json
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store
from glossary_site.cache.record import record_key
from glossary_site.diagnostics import Diagnostic, Severity
from glossary_site.patch.faces import face_digest, light_node, light_term
from glossary_site.patch.light import LIGHT_KIND, BrokenLight, Light, load_light, save_light
from glossary_site.patch.state import BASE_KIND, STATE_KIND, load_state, save_state
from glossary_site.reading import read_glossary
from glossary_site.search.shards import DOCS_KIND, decode_documents, encode_documents
from glossary_site.write.errors import write_failure
from glossary_site.write.update import Update
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, WriteGlossary, term_file
from tests.test_cache_build import tree

BASE = 'base_url = "https://example.org/g/"\n'
EDIT = "\nOne more sentence in the body.\n"


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file(
                "Sprint", front="related: [kanban]", body="## Length\n\nTwo weeks.\n"
            ),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards."),
            "backlog.md": term_file("Backlog", front="aliases: [list]"),
        },
        config=BASE,
    )
    return dataclasses.replace(written, cache_dir=tmp_path / "cache")


def edited_build(project: Project, out: Path) -> int:
    """Append a sentence to sprint's body and build; the terms patched."""
    with (project.source_dir / "sprint.md").open("a", encoding="utf-8") as file:
        file.write(EDIT)
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return report.patched


def same_as_cold(project: Project, out: Path, tmp_path: Path) -> bool:
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    return tree(out) == tree(tmp_path / "cold")


def test_a_body_edit_is_patched_and_the_site_is_a_cold_builds(
    project: Project, tmp_path: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    store, site = Store(tmp_path / "cache"), (tmp_path / "site").resolve()
    first = load_state(store, site)
    assert edited_build(project, tmp_path / "site") == 1
    assert same_as_cold(project, tmp_path / "site", tmp_path)
    assert edited_build(project, tmp_path / "site") == 1  # the state after a patch holds
    assert same_as_cold(project, tmp_path / "site", tmp_path)
    patched = load_state(store, site)
    assert first is not None and patched is not None
    assert patched.base == first.base  # a patch build does not write the base again
    assert patched.files != first.files and patched.inputs != first.inputs


@pytest.mark.parametrize("kind", [STATE_KIND, BASE_KIND, LIGHT_KIND, DOCS_KIND])
def test_a_broken_entry_makes_a_full_build(project: Project, tmp_path: Path, kind: str) -> None:
    assert build(project, tmp_path / "site").ok
    entries = sorted((tmp_path / "cache").rglob(f"v1/{kind}/*/*"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2])
    assert edited_build(project, tmp_path / "site") == 0
    assert same_as_cold(project, tmp_path / "site", tmp_path)
    # The broken entries were removed when read, so that build stored them again.
    assert edited_build(project, tmp_path / "site") == 1
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_a_state_that_does_not_fit_is_a_miss(project: Project, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    store = Store(tmp_path / "cache")
    site = (tmp_path / "site").resolve()
    state = load_state(store, site)
    assert state is not None
    store.put(STATE_KIND, record_key(site), b'{"format": 1, "inputs": 3}')
    assert load_state(store, site) is None
    save_state(store, site, state)
    assert load_state(store, site) == state


def test_a_tampered_light_glossary_is_a_miss(project: Project, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    store = Store(tmp_path / "cache")
    state = load_state(store, (tmp_path / "site").resolve())
    assert state is not None
    found = store.get(LIGHT_KIND, state.light)
    assert found is not None
    # an intact entry (its own SHA-256 fits) under a key that is not the digest of its bytes
    store.put(LIGHT_KIND, state.light, found[0].replace(b"Kanban", b"Kanbam"))
    assert load_light(store, state.light) is None
    assert not store.has(LIGHT_KIND, state.light), "removed: the next full build stores it"
    store.put(LIGHT_KIND, state.light, found[0].replace(b"Kanban", b"Kanbam"))
    assert edited_build(project, tmp_path / "site") == 0
    assert same_as_cold(project, tmp_path / "site", tmp_path)
    assert edited_build(project, tmp_path / "site") == 1
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_the_light_glossary_reads_back_as_faces_makes_it_light(tmp_path: Path) -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    nodes = tuple(glossary.graph.nodes.values())
    names = glossary.graph.names
    store = Store(tmp_path / "cache")
    whole = save_light(store, glossary.terms, nodes, names)
    assert whole is not None
    light = load_light(store, whole)
    assert light is not None
    assert light.terms == tuple(light_term(t) for t in glossary.terms)
    assert light.nodes() == tuple(light_node(n) for n in nodes)
    assert light.node(nodes[3].term.slug) == light_node(nodes[3])
    assert light.names == dict(names)
    # the same bytes, from whole terms or light ones
    assert save_light(store, light.terms, light.nodes(), light.names) == whole


def test_the_light_glossary_reads_back_with_the_summaries_card_edits_changed(
    tmp_path: Path,
) -> None:
    """A card edit keeps the term's new summary and teaser in the state (``cards``), not a
    new light glossary: they are put in place as it is read, rows parsed late included."""
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    nodes = tuple(glossary.graph.nodes.values())
    store = Store(tmp_path / "cache")
    key = save_light(store, glossary.terms, nodes, glossary.graph.names)
    assert key is not None
    slug = nodes[3].term.slug
    light = load_light(store, key, {slug: ("A new summary.", "A new teaser.")})
    assert light is not None
    node = light.node(slug)
    assert node is not None and node.document.summary == "A new teaser."
    assert node.term.summary == "A new summary."
    assert [t.summary for t in light.terms if t.slug == slug] == ["A new summary."]
    plain = load_light(store, key)
    assert plain is not None
    others = [n for n in light.nodes() if n.term.slug != slug]
    assert others == [n for n in plain.nodes() if n.term.slug != slug]
    rows = [[0, ["no slug"], "A teaser.", [], [], None, []]]
    broken = Light.of_rows([], json.dumps(rows).encode(), {}, {slug: ("a", "b")})
    with pytest.raises(BrokenLight):
        broken.nodes()


def test_a_node_that_does_not_fit_is_found_when_it_is_decoded() -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    terms = tuple(light_term(t) for t in glossary.terms)
    fits = [0, terms[0].slug, "A teaser.", [], [], None, []]
    light = Light(terms, [fits, [1, terms[1].slug, 5, [], [], None, []]], {})
    assert light.node(terms[0].slug) is not None
    with pytest.raises(BrokenLight):
        light.node(terms[1].slug)
    with pytest.raises(BrokenLight):
        light.nodes()
    assert Light(terms, [[99, "x", "", [], [], None, []]], {}).node("y") is None


def test_node_rows_are_parsed_when_a_node_is_first_asked_for() -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    terms = tuple(light_term(t) for t in glossary.terms)
    rows = [[0, terms[0].slug, "A teaser.", [], [], None, []]]
    light = Light(terms, json.dumps(rows).encode(), {})
    assert light.node(terms[0].slug) == Light(terms, rows, {}).node(terms[0].slug)
    assert light.nodes() == Light(terms, rows, {}).nodes()
    for broken in (b"[[0,", b'{"a": 1}', b"[[0, 1]]", b"[[[], [], 1, 2, 3, 4, 5]]"):
        light = Light(terms, broken, {})  # (nothing parsed yet)
        with pytest.raises(BrokenLight):
            light.node(terms[0].slug)
        with pytest.raises(BrokenLight):
            Light(terms, broken, {}).nodes()


def test_the_face_covers_everything_but_the_body_text() -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    node = next(n for n in glossary.graph.nodes.values() if n.document.toc)
    face = face_digest(node, ())
    term, document = node.term, node.document
    body_only = dataclasses.replace(
        node,
        term=dataclasses.replace(term, body=term.body + "\nMore."),
        document=dataclasses.replace(document, body_html=document.body_html + "<p>More.</p>"),
    )
    assert face_digest(body_only, ()) == face
    changes = [
        dataclasses.replace(node, term=dataclasses.replace(term, title=term.title + "s")),
        dataclasses.replace(node, document=dataclasses.replace(document, summary="Other.")),
        dataclasses.replace(node, document=dataclasses.replace(document, toc=())),
        dataclasses.replace(node, document=dataclasses.replace(document, ids=frozenset())),
        dataclasses.replace(node, related=()),
        dataclasses.replace(node, term=dataclasses.replace(term, body_line=term.body_line + 1)),
    ]
    assert all(face_digest(changed, ()) != face for changed in changes)
    warning = Diagnostic(term.src_path, 3, "raw-html", "dropped", "remove it", Severity.WARNING)
    assert face_digest(node, (warning,)) != face


def test_a_full_disk_during_a_patch_leaves_the_old_site_byte_identical(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    before = tree(site)
    real_add = Update.add

    def full_disk(self: Update, dest_path: PurePosixPath, data: bytes) -> None:
        if self.written >= 1:
            raise write_failure(OSError(errno.ENOSPC, "No space left on device"))
        real_add(self, dest_path, data)

    monkeypatch.setattr(Update, "add", full_disk)
    with (project.source_dir / "sprint.md").open("a", encoding="utf-8") as file:
        file.write(EDIT)
    report = build(project, site)
    assert not report.ok
    assert [d.code for d in report.diagnostics if d.is_error] == ["write-failed"]
    assert tree(site) == before
    monkeypatch.undo()
    # The failed update touched the folder (its journal came and went): a full build.
    assert build(project, site).patched == 0
    assert same_as_cold(project, site, tmp_path)
    assert edited_build(project, site) == 1


def test_a_state_whose_faces_do_not_match_their_keys_is_computed_again(
    project: Project, tmp_path: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    store, site = Store(tmp_path / "cache"), (tmp_path / "site").resolve()
    state = load_state(store, site)
    assert state is not None
    # keys without their faces (an entry from elsewhere): the next full build makes them
    save_state(store, site, dataclasses.replace(state, faces={}, base=""))
    kanban = project.source_dir / "kanban.md"
    kanban.write_text(term_file("Kanban", front="summary: Boards, cards and limits."))
    assert build(project, tmp_path / "site").ok  # a full build (its teaser changed)
    again = load_state(store, site)
    assert again is not None and set(again.faces) == set(state.faces)
    assert edited_build(project, tmp_path / "site") == 1
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_shard_documents_from_the_cache_never_name_a_path_out_of_pagefinds_folder() -> None:
    fine = encode_documents({PurePosixPath("sprint", "index.html"): "<p>x</p>"})
    assert decode_documents(fine) == {PurePosixPath("sprint", "index.html"): "<p>x</p>"}
    for path in ("../index.html", "./index.html", "a/b/index.html", "/abs/index.html"):
        assert decode_documents(json.dumps({path: "<p>x</p>"}).encode()) is None, path
    assert decode_documents(b'{"sprint/index.html": 3}') is None
    assert decode_documents(b"[]") is None


def test_light_terms_are_decoded_when_used_and_a_broken_one_is_found_then() -> None:
    from glossary_site.patch.light import _term_row

    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    terms = [light_term(t) for t in glossary.terms]
    rows = [_term_row(term) for term in terms]
    node_rows = [[0, terms[0].slug, "A teaser.", [], [], None, []]]
    light = Light.of_rows(rows, node_rows, {})
    assert list(light.names_of_terms()) == [
        (t.src_path, t.slug, (t.title, *(a.text for a in t.aliases))) for t in terms
    ]
    assert light.node(terms[0].slug) is not None and light.terms == tuple(terms)
    broken = [rows[0], [*rows[1][:5], "not a list", *rows[1][6:]], *rows[2:]]
    light = Light.of_rows(broken, node_rows, {})
    assert light.node(terms[0].slug) is not None  # its own term fits
    with pytest.raises(BrokenLight):
        list(light.names_of_terms())
    with pytest.raises(BrokenLight):
        assert light.terms


@pytest.mark.parametrize("step", ["names_of_terms", "terms"])
def test_a_light_term_that_does_not_fit_makes_a_full_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    assert build(project, tmp_path / "site").ok

    def broken(self: Light) -> object:
        raise BrokenLight("expected a list")

    monkeypatch.setattr(Light, step, property(broken) if step == "terms" else broken)
    assert edited_build(project, tmp_path / "site") == 0
    monkeypatch.undo()
    assert same_as_cold(project, tmp_path / "site", tmp_path)
