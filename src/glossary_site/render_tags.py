"""Pages of tags and categories: ``tags/`` lists every tag, ``tags/<slug>/`` and
``categories/<slug>/`` list their terms by title (with teasers), ``categories/`` every
category. They are also what the index's tag filter leads to without JavaScript.
"""

from __future__ import annotations

from typing import Any

from .page_kit import Job, Listed, PageKit, folder_url, shown
from .taxonomy import CATEGORIES_DIR, TAGS_DIR, Taxon, Taxonomy


def tag_jobs(kit: PageKit, taxonomy: Taxonomy) -> list[Job]:
    """The list pages (when there are tags, categories) and one page per tag and category."""
    jobs: list[Job] = []
    for folder, taxa, kind in (
        (TAGS_DIR, taxonomy.tags, "tag"),
        (CATEGORIES_DIR, taxonomy.categories, "category"),
    ):
        if not taxa:
            continue
        jobs.append((f"{folder}/index.html", "tags.html", _list_maker(kit, folder, taxa, kind)))
        jobs += [
            (
                f"{folder}/{taxon.slug}/index.html",
                "tag.html",
                _taxon_maker(kit, folder, taxon, kind),
            )
            for taxon in taxa
        ]
    return jobs


def _list_maker(kit: PageKit, folder: str, taxa: tuple[Taxon, ...], kind: str) -> Listed:
    config = kit.config
    ui = kit.ui
    heading = ui.text("taxon.tags" if kind == "tag" else "taxon.categories")
    page = kit.page_meta(
        ui.text("page.title", page=heading, site=config.title),
        ui.text(
            f"taxon.{'tags' if kind == 'tag' else 'categories'}_description", site=config.title
        ),
        f"{folder}/",
        "../",
    )

    def make() -> bytes:
        entries = [(taxon, folder_url("", taxon.slug, config.directory_urls)) for taxon in taxa]
        return kit.render_page(
            "tags.html", len(taxa), page=page, heading=heading, kind=kind, entries=entries
        )

    counts = [(taxon.slug, taxon.name, len(taxon.members)) for taxon in taxa]
    return Listed(make, lambda: shown(page, heading, kind, counts))


def _taxon_maker(kit: PageKit, folder: str, taxon: Taxon, kind: str) -> Listed:
    config = kit.config
    nodes = [kit.graph.nodes[slug] for slug in taxon.members]
    ui = kit.ui
    label = ui.text(f"taxon.{kind}")
    heading = ui.text("taxon.heading", kind=label, name=taxon.name)
    page = kit.page_meta(
        ui.text("page.title", page=heading, site=config.title),
        ui.text(f"taxon.{kind}_description", count=len(nodes), site=config.title, name=taxon.name),
        f"{folder}/{taxon.slug}/",
        "../../",
    )

    def make() -> bytes:
        root = "../../"
        context: dict[str, Any] = {
            "taxon": taxon,
            "kind": kind,
            "label": label,
            "nodes": nodes,
            "all_url": "../" if config.directory_urls else "../index.html",
            "all_label": ui.text("taxon.all_tags" if kind == "tag" else "taxon.all_categories"),
            "term_url": lambda slug: folder_url(root, slug, config.directory_urls),
        }
        return kit.render_page("tag.html", len(nodes), page=page, **context)

    def shows() -> str:
        rows = [(n.term.slug, n.term.title, n.term.status.value, n.document.summary) for n in nodes]
        return shown(page, taxon.slug, taxon.name, kind, label, rows)

    return Listed(make, shows, taxon.members)
