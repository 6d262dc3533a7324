"""HTTP: serves the in-memory site, and the reload channel's poll, on GET and HEAD.

Only keys of the site's ``{path: bytes}`` mapping are ever served, so no request can
reach a file on disk (``..``, encoded slashes and the like simply match no key). URLs
below the site's base path (from ``base_url``) map to those keys; a folder's URL serves
its ``index.html``, ``/slug`` redirects to ``/slug/``, and anything else gets the site's
own 404 page with status 404. HTML pages get the live script (``overlay``).
"""

from __future__ import annotations

import hashlib
import mimetypes
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from .follow import Activity
from .overlay import LIVE_PREFIX, POLL_PATH, inject, state_json
from .reload import ReloadChannel
from .site import SiteState

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon",
}


def content_type(path: PurePosixPath) -> str:
    """The Content-Type of a site file, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class LiveServer(ThreadingHTTPServer):
    """The HTTP server, holding the site and the reload channel its handlers use."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        address: tuple[str, int],
        site: SiteState,
        channel: ReloadChannel,
        root: Path,
        activity: Activity | None = None,
    ) -> None:
        super().__init__(address, Handler)
        self.site = site
        self.channel = channel
        self.root = root  # diagnostics show paths relative to it
        self.activity = activity or Activity()  # pages being served pause the follow-up work

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that went away mid-answer (a reload cancels its poll) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Handler(BaseHTTPRequestHandler):
    server: LiveServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows rebuilds and problems, not every request."""

    def _answer(self, send_body: bool) -> None:
        url = urlsplit(self.path)
        if url.path.startswith(LIVE_PREFIX):
            self._live(url.path, url.query, send_body)
            return
        with self.server.activity.request():
            self._page(url.path, url.query, send_body)

    def _page(self, url_path: str, query: str, send_body: bool) -> None:
        files = self.server.site.files
        found = resolve(files, self.server.site.base_path, url_path)
        if isinstance(found, Redirect):
            self._redirect(found.location + (f"?{query}" if query else ""))
        elif found is None:
            self._not_found(send_body)
        else:
            self._send(HTTPStatus.OK, found, files[found], send_body)

    def _not_found(self, send_body: bool) -> None:
        files = self.server.site.files
        key = PurePosixPath("404.html")
        body = files.get(key, b"<!doctype html><title>Not found</title><p>Not found</p>")
        self._send(HTTPStatus.NOT_FOUND, key, body, send_body)

    def _send(self, status: HTTPStatus, key: PurePosixPath, body: bytes, send_body: bool) -> None:
        kind = content_type(key)
        if kind.startswith("text/html"):
            body = inject(body, hashlib.sha256(body).hexdigest()[:16])
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self._common_headers(len(body))
        if send_body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self._common_headers(0)

    def _common_headers(self, length: int) -> None:
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _live(self, path: str, query: str, send_body: bool) -> None:
        if path != POLL_PATH:
            self._not_found(send_body)
            return
        fields = parse_qs(query)
        seen = _int(fields.get("seen", [""])[0])
        state = self.server.channel.wait(seen)
        site = self.server.site
        token = page_token(site.files, site.base_path, fields.get("page", ["/"])[0])
        reload = token != fields.get("token", [""])[0]
        body = state_json(state.number, reload, state.problems, self.server.root)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json")
        self._common_headers(len(body))
        if send_body:
            self.wfile.write(body)


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


def resolve(
    files: Mapping[PurePosixPath, bytes], base: str, url_path: str
) -> PurePosixPath | Redirect | None:
    """The key of the site file a URL path names, a redirect, or None (404)."""
    path = unquote(url_path, errors="strict") if _decodable(url_path) else "\0"
    if not path.startswith(base):
        return Redirect(base) if path in ("/", "") else None
    relative = path[len(base) :]
    if "\0" in relative or not _clean(relative):
        return None
    folder = not relative or relative.endswith("/")
    key = PurePosixPath(relative + "index.html" if folder else relative)
    if key in files:
        return key
    if not folder and _folder_key(relative) in files:
        return Redirect(f"{path}/")
    return None


def page_token(files: Mapping[PurePosixPath, bytes], base: str, url_path: str) -> str:
    """A digest of what ``url_path`` serves now (its file, or the 404 page)."""
    found = resolve(files, base, url_path)
    key = found if isinstance(found, PurePosixPath) else PurePosixPath("404.html")
    return hashlib.sha256(files.get(key, b"")).hexdigest()[:16]


def _folder_key(relative: str) -> PurePosixPath:
    return PurePosixPath(relative, "index.html")


def _clean(relative: str) -> bool:
    """No empty, ``.`` or ``..`` segments: the URL names the key it matches."""
    parts = relative.split("/")
    return not any(part in ("", ".", "..") for part in parts[:-1]) and parts[-1] not in (".", "..")


def _decodable(path: str) -> bool:
    try:
        unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1
