"""Sites the quality checks run on: the bundled glossary and (when present) the DevOps corpus.

Shared by ``bench/lighthouse.py`` and ``bench/vnu.py``: builds each site with the CLI into a
temporary folder, serves it over HTTP (stdlib), picks one page of each kind, installs the npm
tools into ``bench/.tools/`` (git-ignored) and writes each check's section of
``bench/results-lighthouse.md``.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
TOOLS = BENCH / ".tools"
RESULTS = BENCH / "results-lighthouse.md"
CORPORA = REPO.parent / "shared" / "corpora"
DEVOPS = CORPORA / "devops-glossary"
NPM_PACKAGES = ("lighthouse@12", "vnu-jar")


@dataclass(frozen=True)
class Site:
    name: str
    root: Path  # the built site
    base_url: str  # where it is served, ending in "/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(*args: str, cwd: Path) -> None:
    """Run ``glossary-site ARGS``; stop with its output when it fails."""
    command = [sys.executable, "-m", "glossary_site", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"glossary-site {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def build_sites(work: Path, with_devops: bool = True) -> list[tuple[str, Path]]:
    """Build the bundled glossary and the DevOps corpus (when present) under ``work``.

    Returns (name, project folder) pairs; each project is built later by ``built``.
    """
    projects = [("bundled", REPO)]
    if with_devops and DEVOPS.is_dir():
        devops = work / "devops"
        devops.mkdir()
        cli("import", "devops", str(DEVOPS), "--out", str(devops / "glossary"), cwd=devops)
        (devops / "glossary.toml").write_text(
            'title = "DevOps Glossary"\ndescription = "DevOps terms, imported."\n'
        )
        projects.append(("devops", devops))
    return projects


def build(name: str, project: Path, out: Path, base_url: str) -> Site:
    cli("build", "--out", str(out), "--base-url", base_url, "--no-cache", cwd=project)
    return Site(name, out, base_url)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(root: Path, port: int) -> Iterator[None]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


REFRESH = re.compile(rb'http-equiv="refresh"', re.IGNORECASE)
GRAPH_MARK = b'class="concept-map'


def sample_pages(root: Path) -> dict[str, str]:
    """One page (path under the site root) of each kind the checks cover."""
    pages: dict[str, str] = {"index": ""}
    terms, redirects, graph = [], [], []
    for page in sorted(root.glob("*/index.html")):
        data = page.read_bytes()
        slug = page.parent.name
        if REFRESH.search(data):
            redirects.append(slug)
        elif b'property="og:type" content="article"' in data:
            terms.append(slug)
        elif slug not in {"tags", "categories", "letters"} and b"<svg" in data:
            graph.append(slug)
    if terms:
        pages["term"] = f"{terms[0]}/"
    for kind, folder in (("tag", "tags"), ("category", "categories")):
        first = sorted((root / folder).glob("*/index.html"))
        if first:
            pages[kind] = f"{folder}/{first[0].parent.name}/"
    if graph:
        pages["graph"] = f"{graph[0]}/"
    pages["404"] = "404.html"
    if redirects:
        pages["redirect"] = f"{redirects[0]}/"
    return pages


def npm_tool(package_path: str) -> Path:
    """``bench/.tools/node_modules/<package_path>``, installed with npm when missing."""
    target = TOOLS / "node_modules" / package_path
    if target.exists():
        return target
    if shutil.which("npm") is None:
        sys.exit(
            "npm is missing: install Node.js and npm (apt-get install nodejs npm), then rerun."
        )
    TOOLS.mkdir(parents=True, exist_ok=True)
    print(f"Installing {' '.join(NPM_PACKAGES)} into {TOOLS} …", file=sys.stderr)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(TOOLS), *NPM_PACKAGES],
        check=True,
    )
    return target


def write_section(name: str, text: str) -> None:
    """Replace the section ``name`` of the results file (kept between marker comments)."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    old = RESULTS.read_text() if RESULTS.exists() else "# Lighthouse and vnu results\n"
    block = f"{start}\n{text.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    new = pattern.sub(lambda _: block, old) if pattern.search(old) else f"{old}\n{block}\n"
    RESULTS.write_text(new)
