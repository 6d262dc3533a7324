"""A catalogue of interface strings in one language, as templates and scripts use it.

Strings are text with named placeholders (``{count}``, ``{title}``); a string that
depends on a number has plural forms (CLDR's categories: zero, one, two, few, many,
other), picked by ``plural_category`` here and by ``Intl.PluralRules`` in scripts. A
placeholder is replaced by name only (never ``str.format``: a translation is input).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from ..collation import primary_language

Entry = str | Mapping[str, str]  # a string, or its plural forms by category

PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# Languages written right to left, by their script (Arabic, Hebrew, Thaana, Syriac, N'Ko,
# Adlam): Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Yiddish, Dhivehi, Uyghur, Central
# Kurdish, Kashmiri, Punjabi in Shahmukhi (pa-Arab), Syriac, N'Ko.
RTL_LANGUAGES = frozenset(
    {"ar", "he", "iw", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb", "ks", "syr", "nqo"}
)
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})
LTR_SCRIPTS = frozenset({"latn", "cyrl", "deva", "mong"})  # e.g. ku-Latn, az-Latn


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left (by its script subtag, else by its
    language: 'ur' and 'pa-Arab' are, 'az-Latn' and 'en' are not), else 'ltr'."""
    subtags = [part.casefold() for part in language.split("-")]
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), "")
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RTL_LANGUAGES else "ltr"


def plural_category(language: str, count: int) -> str:
    """CLDR's cardinal plural category of a whole number in ``language``."""
    n = abs(count)
    code = primary_language(language)
    rule = _PLURAL_RULES.get(code, _one_other)
    return rule(n)


def _one_other(n: int) -> str:
    return "one" if n == 1 else "other"


def _zero_one(n: int) -> str:
    return "one" if n in (0, 1) else "other"


def _east_slavic(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"


def _czech(n: int) -> str:
    return "one" if n == 1 else "few" if 2 <= n <= 4 else "other"


def _arabic(n: int) -> str:
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"


def _hebrew(n: int) -> str:
    return "one" if n == 1 else "two" if n == 2 else "other"


def _other(n: int) -> str:
    return "other"


_PLURAL_RULES = {
    **dict.fromkeys(("fr", "pt", "hi", "bn", "fa", "gu", "kn", "zu", "am", "as", "hy"), _zero_one),
    **dict.fromkeys(("ru", "uk", "be"), _east_slavic),
    "pl": _polish,
    **dict.fromkeys(("cs", "sk"), _czech),
    "ar": _arabic,
    "he": _hebrew,
    **dict.fromkeys(("ja", "zh", "ko", "vi", "th", "id", "ms", "lo", "my", "km", "yue"), _other),
}


def placeholders(entry: Entry) -> frozenset[str]:
    """The names of the placeholders of a string (of all its forms)."""
    texts = [entry] if isinstance(entry, str) else list(entry.values())
    return frozenset(name for text in texts for name in PLACEHOLDER_RE.findall(text))


def fill(text: str, params: Mapping[str, Any]) -> Markup:
    """``text`` (escaped) with each known placeholder replaced by its (escaped) value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(escape(params[name])) if name in params else match.group(0)

    return Markup(PLACEHOLDER_RE.sub(value, str(escape(text))))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Interface strings of one language; templates call it as ``t("key", name=value)``."""

    language: str
    strings: Mapping[str, Entry]

    def __call__(self, key: str, /, **params: Any) -> Markup:
        """The string ``key`` as HTML: placeholders filled, ``count`` picks the plural form."""
        return fill(self._pick(key, params.get("count")), params)

    def text(self, key: str, /, **params: Any) -> str:
        """The string ``key`` as plain text (for titles and descriptions built in Python)."""
        return fill(self._pick(key, params.get("count")), params).unescape()

    def _pick(self, key: str, count: Any) -> str:
        entry = self.strings[key]
        if isinstance(entry, str):
            return entry
        category = plural_category(self.language, count if isinstance(count, int) else 0)
        return entry.get(category) or entry["other"]

    @property
    def dir(self) -> str:
        return text_direction(self.language)

    def date(self, day: date) -> str:
        """A date in the language's words: '30 November 2026', '30. November 2026'."""
        month = self.text(f"date.month_{day.month}")
        return self.text("date.format", day=day.day, month=month, year=day.year)

    def for_script(self, *keys: str) -> dict[str, Entry]:
        """The strings ``keys`` (by key) for a script: ``data-ui='{{ … | tojson }}'``."""
        return {key: self.strings[key] for key in keys}

    @property
    def digest(self) -> str:
        """Changes with any string (a page's cache key includes it)."""
        data = json.dumps([self.language, self.strings], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()
