"""Shared fixtures: glossaries written on the fly, the bundled site, and a browser on it.

Browser tests use Debian's Chromium (``/usr/bin/chromium``) through pytest-playwright;
``playwright install`` is never needed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib
import shutil
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from glossary_site import Project, build

# Property tests draw the same examples on every run (CI included): a red run is a real
# regression, never a new random draw. Explore more with --hypothesis-seed or a profile.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.load_profile("repeatable")

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SOURCE = REPO / "glossary"
BUNDLED_CONFIG = REPO / "glossary.toml"
CORPORA = REPO.parent / "shared" / "corpora"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def term_file(title: str, definition: str = "", front: str = "", body: str = "") -> str:
    """The text of a term file; ``front`` is extra front-matter lines."""
    definition = definition or f"{title} is a term used in tests."
    extra = textwrap.dedent(front).strip()
    lines = ["---", f"title: {title}", f"definition: {definition}"]
    if extra:
        lines.append(extra)
    return "\n".join([*lines, "---", "", textwrap.dedent(body).strip(), ""])


WriteGlossary = Callable[..., Project]


@pytest.fixture
def no_patch_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every build is a full one: for tests of what a full build does after an edit of a
    term's body (which would otherwise be a patch build, see patch/)."""
    builds = importlib.import_module("glossary_site.build")  # (the package exports build())
    monkeypatch.setattr(builds, "patch_build", lambda *args, **kwargs: None)


@pytest.fixture
def write_glossary(tmp_path: Path) -> WriteGlossary:
    """Write ``{file name: text or bytes}`` into ``tmp_path/glossary`` and return the Project.

    ``config`` (TOML text) becomes ``tmp_path/glossary.toml``; ``templates`` is a
    mapping of override templates written to ``tmp_path/templates``.
    """

    def write(
        files: dict[str, str | bytes],
        config: str | None = None,
        templates: dict[str, str] | None = None,
    ) -> Project:
        source = tmp_path / "glossary"
        source.mkdir(exist_ok=True)
        for name, content in files.items():
            path = source / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        config_path = None
        if config is not None:
            config_path = tmp_path / "glossary.toml"
            config_path.write_text(textwrap.dedent(config), encoding="utf-8")
        for name, text in (templates or {}).items():
            (tmp_path / "templates").mkdir(exist_ok=True)
            (tmp_path / "templates" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return Project(source, config_path, tmp_path / "templates")

    return write


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example glossary, built once per test session."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    report = build(Project(BUNDLED_SOURCE, BUNDLED_CONFIG, REPO / "templates"), out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free localhost port for the ``with`` block; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(bundled_site: Path) -> Iterator[str]:
    """The bundled site over HTTP; also replaces pytest-playwright's own ``base_url``."""
    with serve(bundled_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs it")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture
def corpus() -> Callable[[str], Path]:
    """Path of a shared corpus; skips the test with a message when it is absent."""

    def find(name: str) -> Path:
        path = CORPORA / name
        if not path.is_dir():
            pytest.skip(f"corpus {name} not found at {path} (it lives outside this repository)")
        return path

    return find


def copy_tree(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )
