"""Screenshots of a built site at phone and desktop width, light and dark.

    python scripts/screenshots.py [SITE_DIR] [OUT_DIR] [PAGE ...]

Pages are paths relative to the site root (default: the index and the first
term page). The site is served over HTTP on localhost, as a host would serve it.
Uses Debian's Chromium through Playwright, like the browser tests.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main(argv: list[str]) -> None:
    site = Path(argv[0] if argv else "site").resolve()
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    pages = argv[2:] or [
        "index.html",
        next(iter(sorted(site.glob("*/index.html")))).relative_to(site).as_posix(),
    ]
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for scheme in ("light", "dark"):
            for width in (375, 1280):
                page = browser.new_page(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                for rel in pages:
                    page.goto(url + rel.removesuffix("index.html"))
                    name = rel.replace("/index.html", "").replace("/", "_").replace(".html", "")
                    shot = out / f"{name or 'index'}-{width}-{scheme}.png"
                    page.screenshot(path=shot, full_page=True)
                    print(shot)
                page.close()
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
