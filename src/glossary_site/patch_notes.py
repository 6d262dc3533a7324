"""What a full build notes for the patch builds after it (``patch/``), besides the glossary.

``outputs.render_outputs`` fills one ``PatchNotes`` as it makes the exports and the search
index: where each term's part sits in the joined export files, which terms the feed
shows, and how the search index is split into shards.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .exports.spans import ExportNotes


@dataclass(slots=True)
class PatchNotes:
    exports: ExportNotes = field(default_factory=ExportNotes)
    feed: tuple[str, ...] | None = None  # the slugs the feed shows; None: there is no feed
    # The search index: its shard count, the first shard with terms (it holds the
    # runtime) and each shard's bundle key; count 0: no search index.
    shard_count: int = 0
    first_shard: int = 0
    shard_keys: dict[int, str] = field(default_factory=dict)
