"""What the last build of an output folder left for the patch builds after it, in the cache.

Two entries: the *state* under the output folder's key (small: rewritten by every patch
build) and the *light glossary* under the digest of its bytes (rewritten only by full
builds). Both come from a cache that may come from elsewhere (a CI restore): they are
decoded field by field (``cache.codec``) and anything that does not fit is a miss, so
the build is a full one. They can only make a build remake fewer files, and only when
the record of the last build (``cache.record``) and the stamps of the folder hold too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..cache import Store
from ..cache.record import record_key
from ..exports.spans import Spans

STATE_KIND = "patch-state"
FORMAT = 3


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


def save_state(store: Store, site: Path, state: PatchState) -> None:
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
    payload = {
        "format": FORMAT,
        "inputs": state.inputs,
        "frame": state.frame,
        "environment": state.environment,
        "others": state.others,
        "files": state.files,
        "slugs": state.slugs,
        "faces": state.faces,
        "face_keys": state.face_keys,
        "light": state.light,
        "light_source": state.light_source,
        "orders": [list(order) for order in orders],
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
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def _state(payload: Any) -> PatchState | None:
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
    count, first, keys = payload["shards"]
    shard_keys = {integer(shard): text(key) for shard, key in keys}
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
    )


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
