"""The Kubernetes glossary (2019 and a current sample, CC BY 4.0) imports and builds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.importing import import_and_build, term_links
from tests.linkcheck import broken_links

_TOOLTIP_RE = re.compile(r'glossary_tooltip[^}]*term_id="([^"]+)"')


def _source_tooltips(source: Path) -> set[tuple[str, str]]:
    """(file name, term_id) for every tooltip whose term is a file of ``source``."""
    files = {path.stem.lower(): path for path in source.rglob("*.md")}
    return {
        (name, target)
        for name, path in files.items()
        for target in _TOOLTIP_RE.findall(path.read_text(encoding="utf-8"))
        if target in files and target != name
    }


@pytest.mark.parametrize(
    ("folder", "terms", "id_differs"), [("en", 88, 4), ("ko", 8, 0), ("no", 1, 0)]
)
def test_kubernetes_2019_imports_every_term_with_its_tooltips_as_links(
    corpus: Callable[[str], Path], tmp_path: Path, folder: str, terms: int, id_differs: int
) -> None:
    source = corpus("kubernetes-glossary-2019") / folder

    result = import_and_build("kubernetes", source, tmp_path)

    assert result.report.ok
    assert len(result.codes("import-id-differs")) == id_differs
    assert result.codes("import-missing-term") == []
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    assert result.pages() == {path.stem.lower() for path in source.glob("*.md")}
    assert len(result.pages()) == terms
    tooltips = _source_tooltips(source)
    assert tooltips <= term_links(result.site)
    if folder == "en":
        assert len(tooltips) == 64
    assert broken_links(result.site) == []


def test_kubernetes_2019_full_links_and_notes_are_kept(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("kubernetes", corpus("kubernetes-glossary-2019") / "en", tmp_path)
    pod = (result.site / "pod" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://kubernetes.io/docs/concepts/workloads/pods/pod-overview/"' in pod
    operator = (result.glossary / "cluster-operator.md").read_text(encoding="utf-8")
    assert "> **Note:** Cluster operators are different" in operator
    assert "<!--more-->" not in pod and "{{<" not in pod


def test_kubernetes_current_sample_keeps_odd_dates_aka_and_reports_absent_terms(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("kubernetes-glossary-current-sample")

    result = import_and_build("kubernetes", source, tmp_path)

    assert result.report.ok
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    assert result.pages() == {path.stem.lower() for path in source.rglob("*.md")}
    assert len(result.pages()) == 7
    # the sample holds 7 of ~180 terms: tooltips to the others lead to kubernetes.io
    assert len(result.codes("import-missing-term")) == len(
        _TOOLTIP_RE.findall("".join(p.read_text() for p in source.rglob("*.md")))
    )
    gateway = (result.glossary / "gateway.md").read_text(encoding="utf-8")
    assert "updated: 2023-10-19" in gateway  # written in Bengali digits with slashes
    dra = (result.site / "dra" / "index.html").read_text(encoding="utf-8")
    assert '<span class="alias">DRA</span>' not in dra  # DRA is the slug itself
    quantity = (result.site / "quantity" / "index.html").read_text(encoding="utf-8")
    assert "Quantity contains GB and GiB unit." in quantity  # empty body: the summary
    assert broken_links(result.site) == []


def test_a_tooltip_to_a_term_not_imported_links_to_its_kubernetes_io_entry(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("kubernetes", corpus("kubernetes-glossary-current-sample"), tmp_path)
    pod = (result.glossary / "pod.md").read_text(encoding="utf-8")
    assert (
        "[containers](https://kubernetes.io/docs/reference/glossary/?all=true#term-container)"
        in (" ".join(pod.split()))
    )
