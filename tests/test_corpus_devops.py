"""A real glossary written by others (the DevOps Glossary, MIT) builds with every link working."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from glossary_site import Project, build
from tests.linkcheck import broken_links

KEY_MAP = {
    "description": "definition",
    "relatedTerms": "related",
    "abbreviation": "aliases",
    "dateAdded": "updated",
}


def convert(src: Path, dest_dir: Path) -> None:
    """Rename the DevOps Glossary's keys to ours; the text itself is left as it is."""
    text = src.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    if data.get("slug") == src.stem:
        del data["slug"]
    mapped = {KEY_MAP.get(key, key): value for key, value in data.items()}
    if isinstance(mapped.get("aliases"), str):
        mapped["aliases"] = [mapped["aliases"]]
    if mapped.get("aliases") == [mapped["title"]]:
        del mapped["aliases"]  # an abbreviation equal to the title adds no name
    dumped = yaml.safe_dump(mapped, allow_unicode=True, sort_keys=False)
    (dest_dir / src.name).write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")


def test_devops_glossary_builds_124_pages_whose_related_cards_resolve(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("devops-glossary")
    dest = tmp_path / "glossary"
    dest.mkdir()
    for path in sorted(source.glob("*.md")):
        convert(path, dest)

    report = build(Project(dest), tmp_path / "site")

    assert report.ok, "\n".join(d.format() for d in report.diagnostics)
    pages = sorted((tmp_path / "site").glob("*/index.html"))
    assert len(pages) == 124
    slugs = {page.parent.name for page in pages}
    cards = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        related = html.partition('id="related-terms"')[2]
        for target in re.findall(r'class="read-more" href="\.\./([^/"]+)/"', related):
            assert target in slugs, f"{page.parent.name} has a card to missing {target}"
            cards += 1
    assert cards >= 124  # every term relates to at least one other
    assert broken_links(tmp_path / "site") == []
