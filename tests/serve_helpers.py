"""Helpers for the serve tests: a running preview of a small project, and HTTP calls to it."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from glossary_site import Project
from glossary_site.serve import Preview
from tests.conftest import term_file

ALPHA = term_file("Alpha", "Alpha is the first term.", "related: [beta]", "See [Beta](beta).")
BETA = term_file("Beta", "Beta is the second term.", "related: [alpha]")
GAMMA = term_file("Gamma", "Gamma stands alone.")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def json(self) -> Any:
        return json.loads(self.body)


def write_project(root: Path, config: str = 'title = "Words"\n') -> Project:
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    for name, text in {"alpha.md": ALPHA, "beta.md": BETA, "gamma.md": GAMMA}.items():
        (root / "glossary" / name).write_text(text, encoding="utf-8")
    (root / "glossary.toml").write_text(config, encoding="utf-8")
    return Project(root / "glossary", root / "glossary.toml", root / "templates", root / "static")


@contextlib.contextmanager
def running(project: Project, root: Path) -> Iterator[tuple[Preview, str, list[str]]]:
    """A started preview on a free port, its URL and what it printed; stopped afterwards."""
    printed: list[str] = []
    preview = Preview(project, 0, printed.append, root)
    url = preview.start()
    try:
        assert preview.watching.wait(20), "the watcher did not start"
        yield preview, url, printed
    finally:
        preview.stop()


def get(url: str, path: str, method: str = "GET") -> Answer:
    """``path`` sent as it is (no normalising of ``..``), redirects not followed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=40)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def poll(url: str, seen: int, page: str = "/", token: str = "") -> dict[str, Any]:
    """The live state once it differs from ``seen`` (what the page script waits for),
    for a page at ``page`` whose script has ``token``."""
    query = urlencode({"seen": seen, "page": page, "token": token})
    answer = get(url, f"/__glossary-site__/poll?{query}")
    assert answer.status == 200
    state: dict[str, Any] = answer.json()
    return state


def next_state(
    url: str, before: dict[str, Any], page: str = "/", token: str = ""
) -> dict[str, Any]:
    """The state after the next rebuild (one that moves the number past ``before``)."""
    state = poll(url, before["number"], page, token)
    assert state["number"] > before["number"], "no rebuild within the poll's wait"
    return state


def token_of(page: bytes) -> str:
    """The token the live script of ``page`` sends with its polls."""
    found = re.search(rb'const token = "([0-9a-f]+)"', page)
    assert found is not None, "no live script"
    return found.group(1).decode()


def without_live_script(page: bytes) -> bytes:
    """``page`` as the site has it: the injected live script taken out again."""
    start = page.index(b'<script id="glossary-site-live">')
    end = page.index(b"</script>\n", start) + len(b"</script>\n")
    return page[:start] + page[end:]


def after_full_rebuild(url: str, before: dict[str, Any], preview: Preview) -> dict[str, Any]:
    """The state once the full rebuild that follows an edit was published (the pages
    that show the edited term may be published before it)."""
    state = next_state(url, before)
    while preview.last is not None and preview.last.quick:
        state = next_state(url, state)
    return state
