"""A full build leaves what the patch builds after it start from (``state``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..cache import Store
from ..cache.inputs import Listing
from ..exports.feed import newest_terms
from ..graph import Node
from ..patch_notes import PatchNotes
from ..project import Glossary
from ..site_urls import feed_url
from .faces import FACE_FORMAT, face_digest
from .light import LIGHT_KIND, save_light
from .state import PatchState, load_state, save_state

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
    nodes = list(graph.nodes.items())
    slugs = {}
    for slug, node in nodes:
        name = source_name(node.term.src_path, source_dir)
        if name is None or name not in files:
            return  # a term from outside the folder (another language's): no patch builds
        slugs[name] = slug
    old = load_state(store, site)
    keys = {slug: _face_key(glossary.digests.get(slug, ""), node) for slug, node in nodes}
    faces = {}
    for slug, node in nodes:
        same = old is not None and keys[slug] and old.face_keys.get(slug) == keys[slug]
        known = old.faces.get(slug) if same and old is not None else None
        known = known or notes.faces.get(slug)  # (taken where the page was rendered)
        faces[slug] = known or face_digest(node, glossary.own.get(node.term.src_path, ()))
    source = _light_source(glossary, keys)
    if (
        old is not None
        and source
        and old.light_source == source
        and store.has(LIGHT_KIND, old.light)
    ):
        light_key: str | None = old.light
    else:
        light_key = save_light(store, glossary.terms, (node for _, node in nodes), graph.names)
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
        keys,
        light_key,
        source,
        notes.exports.spans,
        notes.exports.redirects,
        feed,
        notes.shard_count,
        notes.first_shard,
        notes.shard_keys,
    )
    save_state(store, site, state)


def _face_key(digest: str, node: Node) -> str:
    """What the face of ``node`` is made of, as a digest: its entry's (``reading``: its
    file, its conversion and linking, its own warnings) and its place in the graph; ""
    when its entry has no digest."""
    if not digest or digest.startswith(":"):
        return ""
    graph = (*node.related, "|", *node.referenced_by, "|", node.replaced_by or "", "|")
    text = "\0".join((FACE_FORMAT, digest, *graph, *node.reasons))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _light_source(glossary: Glossary, keys: dict[str, str]) -> str:
    """What the light glossary is made of, as a digest; "" when a term's is unknown."""
    digest = hashlib.sha256(f"{FACE_FORMAT}\0light".encode())
    for term in glossary.terms:
        entry = glossary.digests.get(term.slug, "")
        key = keys.get(term.slug, "-")  # drafts have no node
        if not entry or entry.startswith(":") or not key:
            return ""
        digest.update(f"{term.slug}\0{entry}\0{key}\0".encode("utf-8", "surrogatepass"))
    names = sorted(glossary.graph.names.items())
    digest.update(json.dumps(names, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


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
