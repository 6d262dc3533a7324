"""Static files of the site: the package's defaults, overlaid by the project's ``static/``.

Every file of ``static/`` is copied to the same path in the site, dot files such as
``.nojekyll`` and ``.well-known/`` included, so ``static/style.css`` replaces the
default stylesheet and ``static/logo.png`` becomes ``logo.png`` next to ``index.html``.
Left out: version-control folders, system clutter and editor backup files
(``EXCLUDED_NAMES``, ``EXCLUDED_SUFFIXES``). A file that looks like credentials
(``.env``, ``.npmrc``, ``id_rsa``, anything in ``.ssh/`` …) is an error, never published.
Files are read safely (``inputs``):
no links out of the project, no special files, at most ``MAX_STATIC_BYTES`` each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from .diagnostics import Diagnostic
from .inputs import (
    MAX_STATIC_BYTES,
    InputFile,
    InputRoots,
    check_input,
    read_input_files,
    safe_input_files,
)

DEFAULT_STATIC_DIR = Path(__file__).parent / "static"
EXCLUDED_NAMES = frozenset({".git", ".hg", ".svn", ".DS_Store", "Thumbs.db"})
EXCLUDED_SUFFIXES = (".swp", ".swo", "~")
# Names of files that hold credentials: published, they would leak them. Always an error.
SECRET_NAMES = frozenset(
    {
        ".env",
        ".npmrc",
        ".pypirc",
        ".netrc",
        ".git-credentials",
        ".htpasswd",
        "id_rsa",
        "id_dsa",
        "id_ecdsa",
        "id_ed25519",
    }
)
SECRET_FOLDERS = frozenset({".ssh", ".aws", ".gnupg", ".docker", ".kube"})


def is_excluded(name: str, is_dir: bool = False) -> bool:
    """Whether a file or folder of ``static/`` named ``name`` is left out of the site."""
    return name in EXCLUDED_NAMES or name.endswith(EXCLUDED_SUFFIXES) or name.startswith(".#")


def load_assets(
    static_dir: Path | None, roots: InputRoots | None = None
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """Default assets overlaid by every file below ``static_dir`` but the excluded ones.

    ``roots`` are where the files may lie (by default ``static_dir``'s parent folder).
    """
    defaults = {
        PurePosixPath(path.name): path.read_bytes()
        for path in sorted(DEFAULT_STATIC_DIR.iterdir())
        if path.is_file()
    }
    if static_dir is None or not static_dir.is_dir():
        return MappingProxyType(defaults), ()
    roots = roots or InputRoots.for_project(static_dir.parent)
    files, found = safe_input_files(static_dir, roots, skip=is_excluded)
    secrets = _secret_files(files)
    if secrets:
        return MappingProxyType(defaults), (*found, *secrets)
    contents, problems = read_input_files(files, MAX_STATIC_BYTES)
    assets = {**defaults, **contents}
    return MappingProxyType(dict(sorted(assets.items()))), (*found, *problems)


def check_assets(static_dir: Path | None, roots: InputRoots) -> tuple[Diagnostic, ...]:
    """The problems ``load_assets`` would find, without reading a file (for ``check``)."""
    if static_dir is None or not static_dir.is_dir():
        return ()
    files, problems = safe_input_files(static_dir, roots, skip=is_excluded)
    checked = (check_input(file.path, roots, MAX_STATIC_BYTES) for file in files)
    return (
        *problems,
        *_secret_files(files),
        *(found for found in checked if isinstance(found, Diagnostic)),
    )


def is_secret(name: PurePosixPath) -> bool:
    """Whether a file of ``static/`` at ``name`` looks like it holds credentials."""
    return (
        name.name in SECRET_NAMES
        or name.name.startswith(".env.")
        or any(part in SECRET_FOLDERS for part in name.parts[:-1])
    )


def _secret_files(files: Iterable[InputFile]) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(
            file.path,
            0,
            "static-secret",
            f"{file.name.as_posix()} looks like a file of credentials, and everything in "
            "static/ is published",
            "move it out of static/ (and out of the repository if it holds real secrets)",
        )
        for file in files
        if is_secret(file.name)
    )


def asset_version(assets: Mapping[PurePosixPath, bytes]) -> str:
    """A short digest of every asset, appended to asset URLs so caches refresh on change."""
    digest = hashlib.sha256()
    for name in sorted(assets):
        digest.update(name.as_posix().encode() + b"\0" + assets[name])
    return digest.hexdigest()[:10]
