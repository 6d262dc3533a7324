"""``import``: glossaries written for other tools → term files in our format.

One module per source format turns files into ``ImportedTerm`` values and reports each
fact it could not carry over; ``collect`` settles what only shows across files; ``writer``
writes one term file per term, never replacing an existing file unless forced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, sort_diagnostics
from .cncf import import_cncf
from .collect import existing_names, finish
from .devops import import_devops
from .kubernetes import import_kubernetes
from .languages import LanguageImport, config_path_of, import_languages
from .mdn import import_mdn
from .model import ImportOptions, ImportResult
from .onefile import import_markdown
from .skos import import_skos
from .spreadsheet import KEYS as CSV_KEYS
from .spreadsheet import import_csv
from .writer import write_terms

Importer = Callable[[Path, ImportOptions], ImportResult]

FORMATS: dict[str, Importer] = {
    "cncf": import_cncf,
    "csv": import_csv,
    "devops": import_devops,
    "kubernetes": import_kubernetes,
    "markdown": import_markdown,
    "mdn": import_mdn,
    "skos": import_skos,
}


@dataclass(frozen=True, slots=True)
class ImportReport:
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def import_glossary(
    format_name: str,
    src: Path,
    out_dir: Path,
    *,
    force: bool = False,
    options: ImportOptions | None = None,
) -> ImportReport:
    """Read ``src`` as ``format_name`` and write its terms into ``out_dir``."""
    result = FORMATS[format_name](src, options or ImportOptions())
    terms = finish(result, existing_names(out_dir))
    written, problems = write_terms(terms, out_dir, force=force)
    return ImportReport(tuple(written), sort_diagnostics([*result.diagnostics, *problems]))


def import_all_languages(
    src: Path, out_dir: Path, *, force: bool = False
) -> tuple[list[LanguageImport], tuple[Diagnostic, ...], Path]:
    """``cncf`` with ``--all-languages``: each language folder into ``out_dir/<code>``, and
    the ``[languages]`` table into the glossary.toml returned (see ``languages``)."""
    done, problems = import_languages(import_cncf, src, out_dir, write_terms, force=force)
    return done, sort_diagnostics(problems), config_path_of(out_dir)


__all__ = [
    "CSV_KEYS",
    "FORMATS",
    "ImportOptions",
    "ImportReport",
    "LanguageImport",
    "import_all_languages",
    "import_glossary",
]
