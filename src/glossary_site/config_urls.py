"""Rules for the URLs of glossary.toml (``base_url``, ``repo_url``, ``edit_uri``) and how
a setting's text is quoted in a message."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .inputs import find_forbidden_character

_EXAMPLE_URL = '"https://example.org/glossary/"'
_HOST_RE = re.compile(
    r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|\[[0-9A-Fa-f:.]+\]"
)
_PATH_RE = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")


def base_url_problem(url: str) -> tuple[str, str] | None:
    """What is wrong with ``url`` as a base URL, and the fix; None for a clean one.

    Accepted: ``http(s)://host[:port]/path``, ASCII, without spaces, user name or
    password, query or fragment.
    """
    if re.search(r"\s", url) or find_forbidden_character(url):
        return "contains a space or line break", "remove them; write spaces in a path as %20"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "//" not in url:
        return "is not an absolute http(s) URL", f"write it in full, e.g. {_EXAMPLE_URL}"
    if not url.isascii():
        return "contains non-ASCII characters", (
            "write the host in its xn-- (punycode) form and %-encode the path"
        )
    if "@" in parts.netloc:
        return "contains a user name or password", (
            f"never put credentials in a published URL: write just the address, e.g. {_EXAMPLE_URL}"
        )
    if "?" in url or "#" in url:
        return "has a query ('?') or fragment ('#')", (
            "pages are found below base_url: remove everything from the '?' or '#'"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "has an invalid port", "write the port as a number after ':', e.g. :8080"
    host = parts.netloc.rsplit(":", 1)[0] if parts.port else parts.netloc.rstrip(":")
    if not _HOST_RE.fullmatch(host) or not _PATH_RE.fullmatch(parts.path):
        return "is not a valid URL", f"write it like {_EXAMPLE_URL}"
    return None


def escaped(text: str) -> str:
    """``text`` with line breaks, tabs and forbidden characters escaped for a message."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if char in "\t\n\r" or find_forbidden_character(char)
        else char
        for char in text
    )
