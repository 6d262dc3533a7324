"""A real glossary (Modal's GPU Glossary, CC BY 4.0): every link and image resolves or is a
genuine problem of the source.

The corpus lives outside this repository (``../shared/corpora/gpu-glossary``, or the folder
named by ``GPU_GLOSSARY``); the test is skipped when it is absent. Its text is never
copied into the repository: the test converts it into a temporary folder.

Its pages link to each other site-absolutely (``/gpu-glossary/device-hardware/core``), so
it is built with ``base_url = "https://modal.com/gpu-glossary/"``. The genuine problems
of the source: its diagrams use Modal's private ``themed-image://`` scheme (the images are
not in the repository), and one link (``/docs/examples/torch_profiling``) leads to a page
of modal.com outside the glossary.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.build import read_glossary
from glossary_site.markup.links import Kind
from tests.conftest import CORPORA

LINK_CODES = {"broken-link", "missing-file", "unknown-scheme", "missing-fragment", "file-clash"}


def gpu_glossary() -> Path:
    found = Path(os.environ.get("GPU_GLOSSARY", CORPORA / "gpu-glossary"))
    if (found / "gpu-glossary").is_dir():
        found = found / "gpu-glossary"
    if not found.is_dir():
        pytest.skip(f"GPU glossary not found at {found} (it lives outside this repository)")
    return found


def convert(source: Path, dest: Path) -> None:
    """Copy the Markdown files; the one key we do not know, ``abbreviation``, becomes an alias."""
    for path in sorted(source.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^abbreviation: (.+)$", r"aliases: [\1]", text, count=1, flags=re.M)
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def test_every_link_and_image_of_the_gpu_glossary_resolves_or_is_a_source_problem(
    tmp_path: Path,
) -> None:
    source = gpu_glossary()
    dest = tmp_path / "glossary"
    convert(source, dest)
    config = tmp_path / "glossary.toml"
    config.write_text('base_url = "https://modal.com/gpu-glossary/"\n', encoding="utf-8")

    glossary, diagnostics = read_glossary(Project(dest, config))

    assert glossary is not None
    link_problems = [d for d in diagnostics if d.code in LINK_CODES]
    genuine = [
        d
        for d in link_problems
        if (d.code == "unknown-scheme" and "'themed-image:'" in d.message)
        or (d.code == "broken-link" and "'/docs/" in d.message and "outside the site" in d.hint)
    ]
    assert link_problems == genuine, "\n".join(d.format() for d in link_problems)
    kinds = Counter(
        ref.kind for node in glossary.graph.nodes.values() for ref in node.document.references
    )
    print(dict(kinds), f"{len(genuine)} genuine source problems")
    assert kinds[Kind.TERM] >= 1000  # every internal link leads to a term page
    assert kinds[Kind.BROKEN] == sum(d.code == "broken-link" for d in genuine)
    assert sum(d.code == "unknown-scheme" for d in genuine) == kinds[Kind.SCHEME] >= 40
