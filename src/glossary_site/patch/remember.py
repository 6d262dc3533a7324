"""A full build leaves what the patch builds after it start from (``state``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..cache import Store
from ..cache.inputs import Listing
from ..exports.feed import newest_terms
from ..patch_notes import PatchNotes
from ..project import Glossary
from ..site_urls import feed_url
from .faces import face_digest, light_node, light_term
from .light import Light, save_light
from .state import PatchState, save_state

SOURCE_ROLE = "source"


def remember(
    store: Store,
    site: Path,
    glossary: Glossary,
    notes: PatchNotes,
    inputs: tuple[str, str, Listing],
    source_dir: Path,
) -> None:
    """Store what a patch build of ``site`` after this build needs; ``inputs``: the digest,
    frame digest and listing of the inputs this build read (``cache.inputs``)."""
    digest, frame, listing = inputs
    files, others = split_listing(listing)
    graph = glossary.graph
    slugs = {}
    for slug, node in graph.nodes.items():
        name = source_name(node.term.src_path, source_dir)
        if name is None or name not in files:
            return  # a term from outside the folder (another language's): no patch builds
        slugs[name] = slug
    faces = {
        slug: face_digest(node, glossary.own.get(node.term.src_path, ()))
        for slug, node in graph.nodes.items()
    }
    light = Light(
        tuple(light_term(term) for term in glossary.terms),
        tuple(light_node(node) for node in graph.nodes.values()),
        dict(graph.names),
    )
    light_key = save_light(store, light)
    if light_key is None:
        return
    feed = None
    if feed_url(glossary.config):
        terms = (node.term for node in graph.nodes.values())
        feed = tuple(term.slug for term in newest_terms(terms, glossary.config))
    state = PatchState(
        digest,
        frame,
        glossary.environment,
        others,
        files,
        slugs,
        faces,
        light_key,
        notes.exports.spans,
        notes.exports.redirects,
        feed,
        notes.shard_count,
        notes.first_shard,
        notes.shard_keys,
    )
    save_state(store, site, state)


def split_listing(listing: Listing) -> tuple[dict[str, str], str]:
    """The term folder's files (name → SHA-256 hex) and the digest of all other inputs."""
    files = {}
    others = hashlib.sha256(b"others\0")
    for role, name, sha256 in listing:
        if role == SOURCE_ROLE:
            files[name] = sha256.hex()
        else:
            others.update(f"{role}\0{name}\0".encode(errors="surrogateescape") + sha256)
    return files, others.hexdigest()


def source_name(path: Path, source_dir: Path) -> str | None:
    """The name the listing gives the term file ``path`` (``cache.inputs``), or None."""
    try:
        return "/" + path.relative_to(source_dir).as_posix()
    except ValueError:
        return None
