"""A real glossary (the DevOps Glossary, MIT) through our own exports and back: its
``/glossary.csv`` and ``/glossary.ttl`` imported again give the same terms, links and cards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from glossary_site import Project, build
from glossary_site.importers import import_glossary
from tests.conftest import CORPORA
from tests.importing import card_links, import_and_build
from tests.linkcheck import broken_links

_FIELDS = ("title", "aliases", "summary", "updated", "status", "definition_html")


@pytest.fixture(scope="module")
def devops_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = CORPORA / "devops-glossary"
    if not source.is_dir():
        pytest.skip(f"corpus devops-glossary not found at {source} (it lives outside this repo)")
    work = tmp_path_factory.mktemp("devops")
    import_glossary("devops", source, work / "glossary")
    report = build(Project(work / "glossary"), work / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    return work / "site"


def _api(site: Path) -> dict[str, dict[str, Any]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in (site / "api" / "terms").glob("*.json")
    }


@pytest.mark.slow
def test_devops_through_our_csv_export_comes_back_term_for_term(
    devops_site: Path, tmp_path: Path
) -> None:
    result = import_and_build("csv", devops_site / "glossary.csv", tmp_path)

    assert result.report.ok and result.report.diagnostics == ()
    assert result.built.ok
    before, after = _api(devops_site), _api(result.site)
    assert len(after) == 124 and set(after) == set(before)
    for slug, term in before.items():
        assert {k: v for k, v in after[slug].items() if k != "backlinks"} == {
            k: v for k, v in term.items() if k != "backlinks"
        }, slug
    assert card_links(result.site) == card_links(devops_site)
    assert broken_links(result.site) == []


@pytest.mark.slow
def test_devops_through_our_skos_export_keeps_names_definitions_and_related(
    devops_site: Path, tmp_path: Path
) -> None:
    result = import_and_build("skos", devops_site / "glossary.ttl", tmp_path)

    assert result.report.ok and result.report.diagnostics == ()
    assert result.built.ok
    before, after = _api(devops_site), _api(result.site)
    assert len(after) == 124 and set(after) == set(before)
    for slug, term in before.items():
        assert {name: after[slug][name] for name in _FIELDS} == {
            name: term[name] for name in _FIELDS
        }, slug
        # RDF has no order: the related terms come back as the same set
        assert sorted(after[slug]["related"]) == sorted(term["related"]), slug
    own_related = {(slug, other) for slug, term in before.items() for other in term["related"]}
    assert len(own_related) >= 124
    assert own_related <= card_links(result.site)
    assert broken_links(result.site) == []
