"""What every cache entry depends on besides its own inputs: versions and settings."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from ..config import SiteConfig
from ..inputs import MAX_TEMPLATE_BYTES, InputRoots, read_found, safe_input_files
from .codec import encode

# Bump when what is stored, or how it is made, changes without a version change.
FORMAT_VERSION = "2"
# Libraries whose upgrade may change what a term becomes.
LIBRARIES = (
    "glossary-site",
    "markdown",
    "nh3",
    "pyyaml",
    "jinja2",
    "pygments",
    "pymdown-extensions",
    "pyuca",
)
PACKAGE_DIR = Path(__file__).parent.parent


def environment_digest(config: SiteConfig, source_dir: Path, static_dir: Path | None) -> str:
    """The versions of this package and its libraries, the config and the input folders."""
    parts = [FORMAT_VERSION, *(_version(name) for name in LIBRARIES)]
    parts += [repr(encode(config)), str(source_dir), str(static_dir)]
    parts.append(_package_sources())
    return _digest(parts)


def templates_digest(templates_dir: Path | None, roots: InputRoots) -> str:
    """The names and bytes of the project's templates (those that may be read at all)."""
    if templates_dir is None or not templates_dir.is_dir():
        return ""
    files, _ = safe_input_files(templates_dir, roots)
    digest = hashlib.sha256()
    for file in files:
        data = read_found(file, MAX_TEMPLATE_BYTES)
        digest.update(f"{file.name}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(data if isinstance(data, bytes) else b"?").digest())
    return digest.hexdigest()


@functools.cache
def _version(name: str) -> str:
    try:
        return f"{name}={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name}=-"


# Files of the package that make pages: code, templates, assets, interface strings (i18n/).
_PACKAGE_SUFFIXES = frozenset({".py", ".html", ".xml", ".txt", ".css", ".svg", ".js", ".toml"})


@functools.cache
def _package_sources() -> str:
    """Our own code and default templates: an editable install changes without a version.
    Once per process: the code it runs is the code it loaded (a build reads it two or
    three times, 10 ms each)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in _PACKAGE_SUFFIXES:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()
