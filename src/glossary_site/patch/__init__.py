"""The patch build: one term's text edited, only that term's own files made again.

When the only inputs that changed since the last build of an output folder are term
files of published terms, and each edited term's public face is the one that build
noted (``faces``: everything but its body's text, its own warnings included), every
other output of the site is as it was: other pages, lists, feeds, sitemaps, checks and
warnings read nothing else of it. When the face differs only in its summary (a card
edit: the teaser other pages show on its cards), the pages that show its cards, the
lists and its search teasers are made again too (``cards``). The patch build makes the
edited terms' pages, their own export files and their rows of the joined ones
(``exports.spans``) and their search shards again, from the light glossary and the
state that build left in the cache (``state``, ``remember``), and writes them into the
folder in place, under its lock, only when its stamps show it is exactly what that
build left (``write``). Anything else (a new or deleted file, a changed name, link,
heading id or warning, a template, the config, a template of the project's own, a feed
showing the term, a broken cache entry) makes it give up before writing, and the build
is a full one: the site is the same either way, byte for byte
(``tests/test_build_patch_*``).
"""

from __future__ import annotations

from .apply import PatchOptions, patch_build
from .inputs import input_folders, project_frame
from .remember import remember

__all__ = ["PatchOptions", "input_folders", "patch_build", "project_frame", "remember"]
