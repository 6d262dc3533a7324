"""What the last build of an output folder left for the patch builds after it, in the cache.

Two entries: the *state* under the output folder's key (small: rewritten by every patch
build) and the *light glossary* under the digest of its bytes (rewritten only by full
builds). Both come from a cache that may come from elsewhere (a CI restore): they are
decoded field by field (``cache.codec``) and anything that does not fit is a miss, so
the build is a full one. They can only make a build remake fewer files, and only when
the record of the last build (``cache.record``) and the stamps of the folder hold too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..cache import Store
from ..cache.codec import CodecError, decode, encode
from ..cache.record import record_key
from ..exports.spans import Spans
from ..graph import Node
from ..markup import Document
from ..schema import Term

STATE_KIND = "patch-state"
LIGHT_KIND = "patch-light"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class PatchState:
    inputs: str  # the inputs digest of the build that made the site
    frame: str  # cache.inputs.frame_digest of that build
    environment: str  # the term cache's environment digest
    others: str  # the digest of the input files outside the term folder
    files: dict[str, str]  # term folder file name (as the listing has it) → SHA-256 hex
    slugs: dict[str, str]  # those of published and deprecated terms → slug
    faces: dict[str, str]  # slug → faces.face_digest
    light: str  # the key of the light glossary's entry
    spans: dict[PurePosixPath, Spans]
    redirects: dict[str, tuple[tuple[str, str, str], ...]]  # slug → its facts' redirects
    feed: tuple[str, ...] | None
    shard_count: int
    first_shard: int
    shard_keys: dict[int, str]


@dataclass(frozen=True, slots=True)
class Light:
    """The light glossary (``faces``): every term, and the graph's nodes and names."""

    terms: tuple[Term, ...]
    nodes: tuple[Node, ...]
    names: dict[str, str]


def save_state(store: Store, site: Path, state: PatchState) -> None:
    spans = {
        path.as_posix(): [each.head, each.separator, list(each.slugs), list(each.lengths)]
        for path, each in state.spans.items()
    }
    payload = {
        "format": FORMAT,
        "inputs": state.inputs,
        "frame": state.frame,
        "environment": state.environment,
        "others": state.others,
        "files": state.files,
        "slugs": state.slugs,
        "faces": state.faces,
        "light": state.light,
        "spans": spans,
        "redirects": {
            slug: [list(each) for each in found] for slug, found in state.redirects.items()
        },
        "feed": list(state.feed) if state.feed is not None else None,
        "shards": [state.shard_count, state.first_shard, list(state.shard_keys.items())],
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    store.put(STATE_KIND, record_key(site), data.encode("utf-8", "surrogatepass"))


def load_state(store: Store, site: Path) -> PatchState | None:
    found = store.get(STATE_KIND, record_key(site))
    if found is None:
        return None
    try:
        payload = json.loads(found[0].decode("utf-8", "surrogatepass"))
        return _state(payload)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _state(payload: Any) -> PatchState | None:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return None
    texts = [payload[name] for name in ("inputs", "frame", "environment", "others", "light")]
    if not all(isinstance(text, str) for text in texts):
        return None
    files, slugs, faces = (_strings(payload[name]) for name in ("files", "slugs", "faces"))
    spans = {PurePosixPath(_text(path)): _spans(each) for path, each in payload["spans"].items()}
    redirects = {
        _text(slug): tuple(_redirect(each) for each in found)
        for slug, found in payload["redirects"].items()
    }
    feed = payload["feed"]
    if feed is not None:
        feed = tuple(_text(slug) for slug in feed)
    count, first, keys = payload["shards"]
    shard_keys = {_int(shard): _text(key) for shard, key in keys}
    inputs, frame, environment, others, light = texts
    return PatchState(
        inputs,
        frame,
        environment,
        others,
        files,
        slugs,
        faces,
        light,
        spans,
        redirects,
        feed,
        _int(count),
        _int(first),
        shard_keys,
    )


def _redirect(data: Any) -> tuple[str, str, str]:
    path, written, kind = data
    return _text(path), _text(written), _text(kind)


def _spans(data: Any) -> Spans:
    head, separator, slugs, lengths = data
    return Spans(
        _int(head),
        _int(separator),
        tuple(_text(slug) for slug in slugs),
        tuple(_int(length) for length in lengths),
    )


def _strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        raise TypeError("expected an object")
    return {_text(key): _text(value) for key, value in data.items()}


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected a string")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("expected an integer")
    return value


def save_light(store: Store, light: Light) -> str | None:
    """Store the light glossary; the key it is stored under (the digest of its bytes).
    A node names its term by its place among the terms (decoded once, not twice); None
    when a node's term is not among them as it is."""
    place = {term.src_path: number for number, term in enumerate(light.terms)}
    nodes = []
    for node in light.nodes:
        number = place.get(node.term.src_path)
        if number is None or light.terms[number] != node.term:
            return None
        nodes.append([number, encode(node.document), *_graph_fields(node)])
    payload = [[encode(term) for term in light.terms], nodes, light.names]
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    raw = data.encode("utf-8", "surrogatepass")
    key = hashlib.sha256(raw).hexdigest()
    if not store.has(LIGHT_KIND, key):
        store.put(LIGHT_KIND, key, raw)
    return key


def _graph_fields(node: Node) -> list[Any]:
    return [list(node.related), list(node.referenced_by), node.replaced_by, list(node.reasons)]


def load_light(store: Store, key: str) -> Light | None:
    found = store.get(LIGHT_KIND, key)
    if found is None or found[1] != key:
        return None
    try:
        terms_data, nodes_data, names = json.loads(found[0].decode("utf-8", "surrogatepass"))
        terms = tuple(decode(Term, each) for each in terms_data)
        nodes = tuple(_node(terms, each) for each in nodes_data)
        return Light(terms, nodes, _strings(names))
    except (CodecError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


def _node(terms: tuple[Term, ...], data: Any) -> Node:
    place, document, related, referenced_by, replaced_by, reasons = data
    return Node(
        terms[_int(place)],
        decode(Document, document),
        decode(tuple[str, ...], related),
        decode(tuple[str, ...], referenced_by),
        None if replaced_by is None else _text(replaced_by),
        decode(tuple[str, ...], reasons),
    )
