"""The content-addressed build cache (default folder ``.glossary-cache/``).

``store`` owns the folder (layout, atomic writes, integrity); ``terms`` caches what a
term file becomes; ``pages`` caches rendered term pages; ``keys`` holds what every
entry depends on. The pipeline stages never see the cache: ``build`` looks values up
and hands them on.
"""

from __future__ import annotations

from .keys import environment_digest, templates_digest
from .pages import page_keys
from .store import Store, folder_clash
from .terms import Cached, TermCache, TermEntry, document_is_current, image_files

DEFAULT_CACHE_DIR = ".glossary-cache"

__all__ = [
    "DEFAULT_CACHE_DIR",
    "Cached",
    "Store",
    "TermCache",
    "TermEntry",
    "document_is_current",
    "environment_digest",
    "folder_clash",
    "image_files",
    "page_keys",
    "templates_digest",
]
