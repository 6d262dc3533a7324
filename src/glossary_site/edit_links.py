"""``repo_url`` + ``edit_uri``: the "Edit this term" link of each term page, as MkDocs makes it.

``edit_uri`` is either a full URL of the folder of term files in the repository's editor
(``https://github.com/o/r/edit/main/glossary/``) or a path relative to ``repo_url``
(``edit/main/glossary/``); the term file's path below the source folder is appended.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from .config import SiteConfig
from .schema import Term


def edit_base(config: SiteConfig) -> str:
    """The URL term paths are appended to; "" when no edit link is configured."""
    if not config.edit_uri:
        return ""
    if config.edit_uri.startswith(("https://", "http://")):
        base = config.edit_uri
    elif config.repo_url:
        base = config.repo_url.rstrip("/") + "/" + config.edit_uri.lstrip("/")
    else:
        return ""
    return base if base.endswith("/") else base + "/"


def edit_urls(config: SiteConfig, terms: Iterable[Term], source_dir: Path) -> dict[str, str]:
    """Slug → "Edit this term" URL, for every term below ``source_dir``."""
    base = edit_base(config)
    if not base:
        return {}
    urls = {}
    for term in terms:
        try:
            name = term.src_path.relative_to(source_dir).as_posix()
        except ValueError:
            continue
        urls[term.slug] = base + quote(name, safe="/")
    return urls
