"""What the last build of an output folder left for the patch builds after it, in the cache.

Two entries: the *state* under the output folder's key (small: rewritten by every patch
build) and the *light glossary* under the digest of its bytes (rewritten only by full
builds: the summaries a patch build changed since are kept in the state, ``cards``, and
put in place as the light glossary is read). Both come from a cache that may come from
elsewhere (a CI restore): they are decoded field by field (``cache.codec``) and anything
that does not fit is a miss, so the build is a full one. They can only make a build
remake fewer files, and only when the record of the last build (``cache.record``) and
the stamps of the folder hold too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..cache import Store
from ..cache.record import record_key
from ..exports.spans import Spans

STATE_KIND = "patch-state"
BASE_KIND = "patch-base"
FORMAT = 5
# What only a full build changes (frame to first_shard but files and spans) is kept in
# an entry of its own, under the digest of its bytes, which a patch build names again
# without writing it: it is most of the state.


@dataclass(frozen=True, slots=True)
class PatchState:
    inputs: str  # the inputs digest of the build that made the site
    frame: str  # cache.inputs.frame_digest of that build
    environment: str  # the term cache's environment digest
    others: str  # the digest of the input files outside the term folder
    files: dict[str, str]  # term folder file name (as the listing has it) → SHA-256 hex
    slugs: dict[str, str]  # those of published and deprecated terms → slug
    faces: dict[str, str]  # slug → faces.face_digest
    # slug → what its face is made of (its entry's digest, its place in the graph): a
    # full build computes again only the faces whose key changed
    face_keys: dict[str, str]
    light: str  # the key of the light glossary's entry
    light_source: str  # the digest of what the light glossary is made of ("": unknown)
    spans: dict[PurePosixPath, Spans]
    redirects: dict[str, tuple[tuple[str, str, str], ...]]  # slug → its facts' redirects
    feed: tuple[str, ...] | None
    shard_count: int
    first_shard: int
    shard_keys: dict[int, str]
    base: str = ""  # the key of its base entry (see BASE_KIND) when read from one
    # slug → its summary and teaser as patch builds changed them since the light glossary
    # was saved (card edits; the light glossary holds the ones before)
    cards: dict[str, tuple[str, str]] = field(default_factory=dict)


def save_state(store: Store, site: Path, state: PatchState) -> None:
    """Store ``state`` as the state of the output folder ``site``; its base entry is
    written only when it was not read from one (a full build's)."""
    orders: dict[tuple[str, ...], int] = {}  # each order of slugs is written once
    spans = {
        path.as_posix(): [
            each.head,
            each.separator,
            orders.setdefault(each.slugs, len(orders)),
            list(each.lengths),
        ]
        for path, each in state.spans.items()
    }
    base = state.base or _save_base(store, state)
    payload = {
        "format": FORMAT,
        "base": base,
        "inputs": state.inputs,
        "files": state.files,
        "orders": [list(order) for order in orders],
        "spans": spans,
        "shard_keys": list(state.shard_keys.items()),
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    store.put(STATE_KIND, record_key(site), data.encode("utf-8", "surrogatepass"))


def _save_base(store: Store, state: PatchState) -> str:
    payload = {
        "format": FORMAT,
        "frame": state.frame,
        "environment": state.environment,
        "others": state.others,
        "slugs": state.slugs,
        "faces": state.faces,
        "face_keys": state.face_keys,
        "light": state.light,
        "light_source": state.light_source,
        "redirects": {
            slug: [list(each) for each in found] for slug, found in state.redirects.items()
        },
        "feed": list(state.feed) if state.feed is not None else None,
        "shards": [state.shard_count, state.first_shard],
        "cards": {slug: list(card) for slug, card in state.cards.items()},
    }
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    raw = data.encode("utf-8", "surrogatepass")
    key = hashlib.sha256(raw).hexdigest()
    if not store.has(BASE_KIND, key):
        store.put(BASE_KIND, key, raw)
    return key


def load_state(store: Store, site: Path) -> PatchState | None:
    found = store.get(STATE_KIND, record_key(site))
    if found is None:
        return None
    try:
        payload = json.loads(found[0].decode("utf-8", "surrogatepass"))
        key = text(payload["base"])
        base = store.get_named(BASE_KIND, key)
        if base is None or payload.get("format") != FORMAT:
            return None
        shared = json.loads(base.decode("utf-8", "surrogatepass"))
        if not isinstance(shared, dict) or shared.get("format") != FORMAT:
            return None
        return _state({**payload, **shared}, key)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def _state(payload: Any, base: str) -> PatchState | None:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return None
    names = ("inputs", "frame", "environment", "others", "light", "light_source")
    texts = [payload[name] for name in names]
    if not all(isinstance(text, str) for text in texts):
        return None
    files, slugs, faces, face_keys = (
        strings(payload[name]) for name in ("files", "slugs", "faces", "face_keys")
    )
    orders = [tuple(text(slug) for slug in order) for order in payload["orders"]]
    spans = {
        PurePosixPath(text(path)): _spans(each, orders) for path, each in payload["spans"].items()
    }
    redirects = {
        text(slug): tuple(_redirect(each) for each in found)
        for slug, found in payload["redirects"].items()
    }
    feed = payload["feed"]
    if feed is not None:
        feed = tuple(text(slug) for slug in feed)
    count, first = payload["shards"]
    shard_keys = {integer(shard): text(key) for shard, key in payload["shard_keys"]}
    cards = {text(slug): _card(card) for slug, card in payload["cards"].items()}
    inputs, frame, environment, others, light, light_source = texts
    return PatchState(
        inputs,
        frame,
        environment,
        others,
        files,
        slugs,
        faces,
        face_keys,
        light,
        light_source,
        spans,
        redirects,
        feed,
        integer(count),
        integer(first),
        shard_keys,
        base,
        cards,
    )


def _card(data: Any) -> tuple[str, str]:
    summary, teaser = data
    return text(summary), text(teaser)


def _redirect(data: Any) -> tuple[str, str, str]:
    path, written, kind = data
    return text(path), text(written), text(kind)


def _spans(data: Any, orders: list[tuple[str, ...]]) -> Spans:
    head, separator, order, lengths = data
    slugs = orders[integer(order)]
    found = tuple(integer(length) for length in lengths)
    if len(found) != len(slugs):
        raise ValueError("a length for each part")
    return Spans(integer(head), integer(separator), slugs, found)


def strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        raise TypeError("expected an object")
    return {text(key): text(value) for key, value in data.items()}


def text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected a string")
    return value


def integer(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise TypeError("expected a whole number")
    return value
