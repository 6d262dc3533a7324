"""``glossary-site serve``: a live preview from memory, rebuilt as files change.

``memory`` keeps the build caches in memory; ``site`` holds what is served and
rebuilds it; ``watch`` waits for changes; ``reload`` tells open pages; ``overlay`` is
the script that reloads them or shows the errors; ``handler`` is the HTTP side;
``server`` ties them together.
"""

from __future__ import annotations

from .server import DEFAULT_PORT, Preview, serve

__all__ = ["DEFAULT_PORT", "Preview", "serve"]
