"""``import cncf --all-languages`` for the command line: what to print per language."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..importers import import_all_languages


def import_every_language(
    src: Path, out_dir: Path, force: bool
) -> tuple[list[str], tuple[Diagnostic, ...], bool]:
    """Lines to print (one per language, then the next step), the diagnostics, and whether
    any file could not be imported."""
    done, problems, config_path = import_all_languages(src, out_dir, force=force)
    diagnostics = [*problems, *(d for language in done for d in language.diagnostics)]
    lines = []
    for language in done:
        errors = sum(d.is_error for d in language.diagnostics)
        warnings = len(language.diagnostics) - errors
        shown = f"{(out_dir / language.code).as_posix()}/"
        lines.append(
            f"Imported {len(language.written)} terms into {shown} "
            f"({warnings} warnings{f', {errors} errors' if errors else ''})."
        )
    failed = any(d.is_error for d in diagnostics)
    if done:
        lines.append(
            f"Languages: {', '.join(language.code for language in done)} in "
            f"{config_path.as_posix()} [languages]. Next: glossary-site build"
        )
    return lines, tuple(diagnostics), failed
