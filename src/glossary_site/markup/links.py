"""Where a link or image of a term leads: another term, a file, a page of the site, or nowhere.

A ``SiteIndex`` is built once per build from the terms and the static files, before
any Markdown is converted, so each reference can be resolved and rewritten while the
document is converted. What cannot be known then (the ids of other pages) is
checked by the ``references`` pass once every document is rendered.
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from ..assets import DEFAULT_STATIC_DIR
from ..diagnostics import Diagnostic, did_you_mean
from ..inputs import MAX_STATIC_BYTES, InputRoots, check_input
from ..names import Suggester

# A link to a term by slug: ``sprint``, ``./sprint``, ``../sprint/``, ``sprint.md``,
# ``sprint.html``, ``../sprint/index.html``.
TERM_LINK_RE = re.compile(
    r"^(?:\.\./|\./)?([a-z0-9]+(?:-[a-z0-9]+)*)(?:/(?:index\.html)?|\.md|\.html)?$"
)
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Files the build writes besides term pages and static files.
GENERATED_FILES = frozenset({"index.html", "404.html", "robots.txt", "sitemap.xml"})
# Files beside terms larger than this are refused (a site is no place for them).


class Kind(StrEnum):
    EXTERNAL = "external"
    TERM = "term"  # target: slug
    FILE = "file"  # target: site path of a file beside a term (copied) or in static/
    PAGE = "page"  # target: site path of a generated page ("index.html", "404.html")
    FRAGMENT = "fragment"  # a #fragment of the same page
    BROKEN = "broken"  # leads nowhere; ``hint`` says what may be meant
    SCHEME = "scheme"  # a URL scheme that is neither http(s), mailto nor tel


@dataclass(frozen=True, slots=True)
class Reference:
    """One link (``<a href>``) or image (``<img src>``) of a term, as written, with its line."""

    url: str
    line: int
    kind: Kind
    image: bool = False
    target: str = ""
    fragment: str = ""
    source: Path | None = None  # for a file beside a term: the file to copy
    hint: str = ""


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """What references can lead to; built once per build (see ``build_index``)."""

    source_dir: Path | None = None
    static_dir: Path | None = None
    slugs: frozenset[str] = frozenset()
    term_paths: Mapping[str, str] = field(default_factory=dict)  # "sub/name" (no .md) → slug
    names: Mapping[str, str] = field(default_factory=dict)  # casefolded title/alias → slug
    site_files: frozenset[str] = frozenset()  # static files and generated pages
    source_files: frozenset[str] = frozenset()  # files beside the terms (not *.md)
    base_path: str = "/"
    directory_urls: bool = True

    @property
    def page_suffix(self) -> str:
        return "" if self.directory_urls else "index.html"


def build_index(
    source_dir: Path,
    static_dir: Path | None,
    terms: Iterable[tuple[Path, str, tuple[str, ...]]],
    *,
    base_path: str,
    directory_urls: bool,
) -> SiteIndex:
    """The index for ``terms`` given as (source path, slug, titles and aliases)."""
    slugs: set[str] = set()
    paths: dict[str, str] = {}
    names: dict[str, str] = {}
    prefix = str(source_dir) + os.sep
    for path, slug, term_names in terms:
        slugs.add(slug)
        paths.setdefault(_page_path(path, source_dir, prefix), slug)
        for name in term_names:
            names.setdefault(name.casefold(), slug)
    site_files = set(GENERATED_FILES) | _folder_files(DEFAULT_STATIC_DIR)
    if static_dir is not None and static_dir.is_dir():
        site_files |= _folder_files(static_dir)
    return SiteIndex(
        source_dir,
        static_dir,
        frozenset(slugs),
        MappingProxyType(paths),
        MappingProxyType(names),
        frozenset(site_files),
        frozenset(_folder_files(source_dir, skip=".md")),
        base_path,
        directory_urls,
    )


def _page_path(path: Path, source_dir: Path, prefix: str) -> str:
    """``path`` below ``source_dir`` without its suffix, as a POSIX path (its stem when it
    is not below it); with plain strings where ``path`` starts with ``prefix`` (the folder
    and a separator): 10,000 ``relative_to`` took a tenth of a second."""
    text = str(path)
    if not text.startswith(prefix) or prefix == os.sep:
        try:
            return path.relative_to(source_dir).with_suffix("").as_posix()
        except ValueError:
            return path.stem
    folder, _, name = text[len(prefix) :].replace(os.sep, "/").rpartition("/")
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        name = name[:dot]
    return f"{folder}/{name}" if folder else name


def _folder_files(folder: Path, skip: str = "") -> set[str]:
    """The files below ``folder`` (links to files count, links to folders are not
    entered), by their relative POSIX path, but hidden ones, those in hidden folders and
    (with ``skip``) those whose names end with it."""
    found = set()
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = os.path.relpath(root, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in files:
            if name.startswith(".") or (skip and name.endswith(skip)):
                continue
            if os.path.isfile(os.path.join(root, name)):
                found.add(prefix + name)
    return found


def safe_file(root: Path, relative: str) -> Path | None:
    """``root/relative`` when it is a regular, non-hidden file inside ``root``, else None.

    The same rule as every other input (``inputs.check_input``): links that lead outside
    ``root``, special files and files over ``MAX_STATIC_BYTES`` are refused.
    """
    parts = PurePosixPath(relative).parts
    if not parts or any(part.startswith(".") for part in parts):
        return None
    path = root.joinpath(*parts)
    inside = InputRoots(root, (root.resolve(),))
    return None if isinstance(check_input(path, inside, MAX_STATIC_BYTES), Diagnostic) else path


MALFORMED_URL_HINT = (
    "this is not a valid web address ('[' and ']' may only enclose an IPv6 address): "
    "end the address before the '[' with a space, or write the link as [text](https://…)"
)


@dataclass(frozen=True, slots=True)
class Target:
    kind: Kind
    target: str = ""
    source: Path | None = None
    hint: str = ""


# The suggester of the slugs last asked about: prepared once per build and process, not
# once per broken link (it indexes every slug; at 100,000 terms that took a second).
_suggesters: list[tuple[frozenset[str], Suggester]] = []


def _slug_suggester(slugs: frozenset[str]) -> Suggester:
    """A ``Suggester`` of ``slugs``, shared by every broken link of a build. Each miss
    costs the same small amount of work (see ``Suggester``), so no budget is shared:
    every link gets the hint a fresh suggester gives, in any order of conversion."""
    if not _suggesters or _suggesters[0][0] is not slugs:
        _suggesters[:] = [(slugs, Suggester(slugs, budget=sys.maxsize))]
    return _suggesters[0][1]


class Resolver:
    """Resolves the URLs of one term's links and images against a ``SiteIndex``."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index

    def resolve(self, url: str, term_dir: str | None) -> tuple[Target, str]:
        """The target of ``url`` written in a term in ``term_dir`` (source-relative), and
        its fragment."""
        try:
            parts = urlsplit(url)
        except ValueError:  # '[' or ']' in the host that do not hold an IPv6 address
            return Target(Kind.BROKEN, hint=MALFORMED_URL_HINT), ""
        if parts.scheme:
            if parts.scheme.lower() in EXTERNAL_SCHEMES:
                return Target(Kind.EXTERNAL), ""
            return Target(Kind.SCHEME, parts.scheme), ""
        if parts.netloc:
            return Target(Kind.EXTERNAL), ""
        path = unquote(parts.path)
        if not path:
            return Target(Kind.FRAGMENT), parts.fragment
        return self._path(path, term_dir), parts.fragment

    def _path(self, path: str, term_dir: str | None) -> Target:
        index = self.index
        slug_match = TERM_LINK_RE.match(path)
        if slug_match and slug_match.group(1) in index.slugs:
            return Target(Kind.TERM, slug_match.group(1))
        if path.startswith("/"):
            base = index.base_path
            site_path = path[len(base) :] if base != "/" and path.startswith(base) else path[1:]
            found = self._in_source(posixpath.normpath("/" + site_path)[1:])
            found = found or self._on_site(site_path)
        else:
            found = None
            if term_dir is not None:
                found = self._in_source(posixpath.normpath(posixpath.join(term_dir, path)))
            # Relative to the term's page, which is <slug>/index.html.
            on_page = posixpath.normpath(posixpath.join("page", path))
            found = found or self._on_site(on_page)
        if found:
            return found
        if slug_match:  # the graph reports it, with the other term-link problems
            return Target(Kind.TERM, slug_match.group(1))
        return Target(Kind.BROKEN, hint=self._hint(path, term_dir or "."))

    def _in_source(self, relative: str) -> Target | None:
        """A term file or a file beside the terms, named relative to the source folder."""
        if relative.startswith(".."):
            return None
        stem = relative.removesuffix("/index.html").removesuffix("/").removesuffix(".md")
        if stem in self.index.term_paths:
            return Target(Kind.TERM, self.index.term_paths[stem])
        if self.index.source_dir is None or relative.endswith(".md") or relative == ".":
            return None
        found = safe_file(self.index.source_dir, relative)
        return Target(Kind.FILE, relative, found) if found else None

    def _on_site(self, site_path: str) -> Target | None:
        """A page or file of the built site, named relative to the site root."""
        if site_path.startswith(".."):
            return None
        site_path = site_path.removeprefix("./")
        stripped = site_path.removesuffix("index.html").rstrip("/")
        if stripped in ("", "."):
            return Target(Kind.PAGE, "index.html")
        name = stripped.removesuffix(".html").removesuffix(".md")
        if name in self.index.slugs:
            return Target(Kind.TERM, name)
        if name in self.index.term_paths:
            return Target(Kind.TERM, self.index.term_paths[name])
        if site_path in GENERATED_FILES:
            return Target(Kind.PAGE, site_path)
        if site_path in self.index.site_files:
            return Target(Kind.FILE, site_path)
        return None

    def _hint(self, path: str, term_dir: str) -> str:
        if path.startswith("/"):
            return self._absolute_hint(path)
        return self._name_hint(path, term_dir)

    def _absolute_hint(self, path: str) -> str:
        base = self.index.base_path
        first, _, rest = path[1:].partition("/")
        if base == "/" and rest and (self._in_source(rest) or self._on_site(rest)):
            return (
                f"links starting with '/{first}/' need base_url to end in '/{first}/' "
                f'(e.g. base_url = "https://example.org/{first}/"), or write the link '
                "relative to the term"
            )
        if base != "/" and not path.startswith(base):
            return (
                f"this path is outside the site, which is published under {base}: "
                "write the full URL (https://…) of that page"
            )
        return self._name_hint(path, ".")

    def _name_hint(self, path: str, term_dir: str) -> str:
        stem = PurePosixPath(path.rstrip("/")).name.removesuffix(".md").removesuffix(".html")
        by_name = self.index.names.get(stem.casefold()) or self.index.names.get(
            stem.replace("-", " ").casefold()
        )
        if by_name:
            return f"link to the term by its slug instead: ({by_name})"
        guess = self._guess(stem, path, term_dir)
        if guess:
            return guess
        if PurePosixPath(path).suffix:
            return (
                "put the file beside the term (the path is relative to the term file) "
                "or in static/ and link to it by that path"
            )
        return "link to a term by its slug, e.g. [Sprint](sprint), or to a file beside the term"

    def _guess(self, stem: str, path: str, term_dir: str) -> str:
        """Did you mean: a slug for a page-like path, else a file, as the term would name it."""
        if not PurePosixPath(path).suffix or path.endswith((".md", ".html")):
            return did_you_mean(stem, _slug_suggester(self.index.slugs))
        site = {f"/{p}" for p in self.index.site_files | self.index.source_files}
        if path.startswith("/"):
            return did_you_mean(path, site)
        beside = {posixpath.relpath(p, term_dir) for p in self.index.source_files}
        return did_you_mean(path, beside | site)
