"""Links between the language versions of a page: the switcher, hreflang, fallbacks.

Templates get ``language_links(slug, root)`` (multisite only): ``slug`` is the term's,
"" for the index; ``root`` is ``page.root``, the way from the page to its language's root.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Each language's name in itself (the switcher shows these); others show their code.
AUTONYMS = {
    "ar": "العربية",
    "bn": "বাংলা",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fa": "فارسی",
    "fr": "Français",
    "he": "עברית",
    "hi": "हिन्दी",
    "id": "Bahasa Indonesia",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "pt-br": "Português (Brasil)",
    "pt-pt": "Português (Portugal)",
    "ru": "Русский",
    "sv": "Svenska",
    "tr": "Türkçe",
    "uk": "Українська",
    "ur": "اردو",
    "vi": "Tiếng Việt",
    "zh": "中文",
    "zh-cn": "中文（简体）",
    "zh-tw": "中文（繁體）",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})


def autonym(code: str) -> str:
    """The language's name in itself: ``ja`` → 日本語; its code when we do not know it."""
    code = code.lower()
    return AUTONYMS.get(code) or AUTONYMS.get(code.split("-")[0]) or code


def direction(code: str) -> str:
    """``rtl`` for a language written right to left, else ""."""
    return "rtl" if code.lower().split("-")[0] in RTL_LANGUAGES else ""


@dataclass(frozen=True, slots=True)
class SiteSpot:
    """Where one language's site is: its code, BCP 47 tag and folder below the root."""

    code: str
    tag: str
    prefix: str  # "" (at the root) or "ja/"
    base_url: str  # the whole site's base URL ("" without one)


@dataclass(frozen=True, slots=True)
class Version:
    """A language version of the page, as the switcher and hreflang show it."""

    code: str
    tag: str
    name: str
    dir: str
    href: str  # relative to the page
    url: str  # absolute with base_url, else relative
    current: bool


@dataclass(frozen=True, slots=True)
class Fallback:
    """A page that shows the default language's text: where the original is."""

    tag: str  # the content's language
    name: str
    href: str  # the original, relative to the page
    canonical: str  # the original, absolute with base_url


@dataclass(frozen=True, slots=True)
class Here:
    versions: tuple[Version, ...]  # languages with the page (the current one included)
    alternates: tuple[Version, ...]  # for <link rel="alternate" hreflang>: real translations
    x_default: str  # the default language's version ("" when it has none)
    fallback: Fallback | None
    lang: str  # the content's language: the site's, or the original's on a fallback page
    dir: str = ""  # on a fallback page whose text runs the other way than the site's: its dir


class LanguageLinks:
    """``language_links`` of one language's site (see the module's docstring)."""

    def __init__(
        self,
        site: SiteSpot,
        sites: tuple[SiteSpot, ...],
        native: Mapping[str, tuple[str, ...]],
        fallbacks: frozenset[str],
        directory_urls: bool,
    ) -> None:
        self.site = site
        self.sites = {spot.code: spot for spot in sites}
        self.default = sites[0]
        self.native = native  # slug → codes of the languages that have it ("" for the index)
        self.fallbacks = fallbacks  # slugs this site shows in the default language
        self.suffix = "" if directory_urls else "index.html"

    def __call__(self, slug: str, root: str) -> Here:
        codes = self.native.get(slug, ()) if slug else tuple(self.sites)
        fallback = slug in self.fallbacks
        shown = codes if not fallback else (*codes, self.site.code)
        versions = tuple(
            self._version(self.sites[code], slug, root) for code in self.sites if code in shown
        )
        alternates = () if fallback or len(codes) < 2 else versions
        x_default = ""
        if alternates and self.default.code in codes:
            x_default = self._version(self.default, slug, root).url
        original = None
        if fallback:
            first = self._version(self.default, slug, root)
            original = Fallback(first.tag, first.name, first.href, first.url)
        lang = original.tag if original else self.site.tag
        turned = original and direction(self.default.code) != direction(self.site.code)
        text_dir = (direction(self.default.code) or "ltr") if turned else ""
        return Here(versions, alternates, x_default, original, lang, text_dir)

    def _version(self, spot: SiteSpot, slug: str, root: str) -> Version:
        path = f"{spot.prefix}{slug}/" if slug else spot.prefix
        if self.suffix:
            path += self.suffix
        up = root + "../" * self.site.prefix.count("/")
        href = f"{up}{path}" or "./"
        url = f"{spot.base_url}{path}" if spot.base_url else href
        return Version(
            spot.code,
            spot.tag,
            autonym(spot.code),
            direction(spot.code),
            href,
            url,
            spot.code == self.site.code,
        )
