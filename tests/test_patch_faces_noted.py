"""A full build takes each term's public face (``patch.faces``) where it renders the term's
page, in the pages' worker processes, and the state it leaves for patch builds holds
exactly those faces: a cold build of 10,000 terms does not hash them one after the
other at its end."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store
from glossary_site.graph import Node
from glossary_site.outputs import render_outputs
from glossary_site.patch.faces import face_digest
from glossary_site.patch.state import load_state
from glossary_site.patch_notes import PatchNotes
from glossary_site.pool import MIN_PARALLEL_ITEMS
from glossary_site.project import Glossary
from glossary_site.reading import read_glossary
from tests.conftest import WriteGlossary, term_file

remember_module = importlib.import_module("glossary_site.patch.remember")
TERMS = MIN_PARALLEL_ITEMS + 6  # enough for the pages' worker processes


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    files = {
        f"term-{n:03}.md": term_file(
            f"Term {n:03}",
            front=f"related: [term-{(n + 1) % TERMS:03}]",
            body=f"## Use\n\nTerm {(n + 2) % TERMS:03} and more.\n",
        )
        for n in range(TERMS)
    }
    files["footnoted.md"] = term_file("Footnoted", body="Text.\n\n[^unused]: Never referred to.\n")
    written = write_glossary(files, config='base_url = "https://example.org/"\n')
    return dataclasses.replace(written, cache_dir=tmp_path / "cache", jobs=2)


def true_faces(glossary: Glossary) -> dict[str, str]:
    return {
        slug: face_digest(node, glossary.own.get(node.term.src_path, ()))
        for slug, node in glossary.graph.nodes.items()
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pages_note_each_rendered_terms_face(project: Project, jobs: int) -> None:
    project = dataclasses.replace(project, jobs=jobs, cache_dir=None)
    glossary, _ = read_glossary(project)
    assert glossary is not None
    notes = PatchNotes(face_digest)
    render_outputs(glossary, project, False, notes=notes)
    assert notes.faces == true_faces(glossary)
    assert any(glossary.own.values())  # a term with warnings of its own is among them


def test_without_a_face_function_no_face_is_noted(project: Project) -> None:
    glossary, _ = read_glossary(dataclasses.replace(project, cache_dir=None))
    assert glossary is not None
    notes = PatchNotes()
    render_outputs(glossary, project, False, notes=notes)
    assert notes.faces == {}


def test_a_cold_build_leaves_the_faces_taken_with_the_pages(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed_at_the_end: list[str] = []

    def counted(node: Node, own: tuple[object, ...]) -> str:
        hashed_at_the_end.append(node.term.slug)
        return face_digest(node, own)  # type: ignore[arg-type]

    monkeypatch.setattr(remember_module, "face_digest", counted)
    assert build(project, tmp_path / "site").ok
    assert hashed_at_the_end == []
    state = load_state(Store(tmp_path / "cache"), (tmp_path / "site").resolve())
    glossary, _ = read_glossary(dataclasses.replace(project, cache_dir=None))
    assert state is not None and glossary is not None
    assert state.faces == true_faces(glossary)
