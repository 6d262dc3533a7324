"""Interface strings in the site's language: catalogues, plural forms, dates, direction.

The package ships ``en.toml`` and ``de.toml``; a project adds or changes strings in
``translations/<lang>.toml`` beside glossary.toml (README, "Languages").
"""

from __future__ import annotations

from .catalogue import Catalogue, plural_category, text_direction
from .load import (
    TRANSLATIONS_DIR,
    fallback_chain,
    load_catalogue,
    packaged_catalogue,
    shipped_languages,
    translations_dir,
)

__all__ = [
    "TRANSLATIONS_DIR",
    "Catalogue",
    "fallback_chain",
    "load_catalogue",
    "packaged_catalogue",
    "plural_category",
    "shipped_languages",
    "text_direction",
    "translations_dir",
]
