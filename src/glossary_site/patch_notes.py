"""What a full build notes for the patch builds after it (``patch/``), besides the glossary.

``outputs.render_outputs`` fills one ``PatchNotes`` as it makes the pages, the exports and
the search index: the public face of each term whose page it rendered (``face``, given by
the build: ``patch.faces.face_digest``, computed beside the page in the worker that renders
it, so a cold build does not hash 10,000 terms one after the other at its end), where each
term's part sits in the joined export files, which terms the feed shows, and how the
search index is split into shards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .exports.spans import ExportNotes
from .graph import Node

# A term's public face as a digest: its node and its file's own warnings → SHA-256 (hex).
FaceDigest = Callable[[Node, tuple[Diagnostic, ...]], str]


@dataclass(slots=True)
class PatchNotes:
    face: FaceDigest | None = None  # how to take a term's face (None: not noted)
    faces: dict[str, str] = field(default_factory=dict)  # slug → face, of the pages rendered
    exports: ExportNotes = field(default_factory=ExportNotes)
    feed: tuple[str, ...] | None = None  # the slugs the feed shows; None: there is no feed
    # The search index: its shard count, the first shard with terms (it holds the
    # runtime) and each shard's bundle key; count 0: no search index.
    shard_count: int = 0
    first_shard: int = 0
    shard_keys: dict[int, str] = field(default_factory=dict)
