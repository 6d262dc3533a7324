"""Static files of the site: the package's defaults, overlaid by the project's ``static/``.

Every file of ``static/`` is copied to the same path in the site, so
``static/style.css`` replaces the default stylesheet and ``static/logo.png``
becomes ``logo.png`` next to ``index.html``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from .diagnostics import Diagnostic

DEFAULT_STATIC_DIR = Path(__file__).parent / "static"


def load_assets(
    static_dir: Path | None,
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """Default assets overlaid by every non-hidden file below ``static_dir``."""
    assets = dict(_read_folder(DEFAULT_STATIC_DIR, []))
    problems: list[Diagnostic] = []
    if static_dir is not None and static_dir.is_dir():
        assets.update(_read_folder(static_dir, problems))
    return MappingProxyType(dict(sorted(assets.items()))), tuple(problems)


def _read_folder(folder: Path, problems: list[Diagnostic]) -> dict[PurePosixPath, bytes]:
    found: dict[PurePosixPath, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            found[PurePosixPath(relative.as_posix())] = path.read_bytes()
        except OSError as exc:
            problems.append(
                Diagnostic(
                    path,
                    0,
                    "unreadable",
                    f"cannot read the file: {exc.strerror}",
                    "check the file's permissions",
                )
            )
    return found


def asset_version(assets: Mapping[PurePosixPath, bytes]) -> str:
    """A short digest of every asset, appended to asset URLs so caches refresh on change."""
    digest = hashlib.sha256()
    for name in sorted(assets):
        digest.update(name.as_posix().encode() + b"\0" + assets[name])
    return digest.hexdigest()[:10]
