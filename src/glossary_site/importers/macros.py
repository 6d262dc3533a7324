"""MDN's KumaScript macros (``{{Glossary("term", "text")}}``, ``{{HTMLElement("a")}}`` …) as
Markdown.

Reference macros become links (to the imported term, or else to MDN); macros that only
draw navigation (``GlossarySidebar``) are dropped; ``GlossaryDisambiguation`` lists the
imported terms below the page; any other macro is removed with a warning naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .collect import make_slug
from .model import ImportResult
from .sources import LineIndex

MDN = "https://developer.mozilla.org"
_DOCS = f"{MDN}/en-US/docs"
# Bounded repetitions: text with many unclosed "{{x(" takes linear time.
_MACRO_RE = re.compile(
    r"\{\{\s{0,20}([A-Za-z_][\w-]{0,100})\s{0,20}(?:\(([^{}]{0,2000}?)\))?\s{0,20}\}\}"
)
_ARG_RE = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,]*?))\s*(?:,|$)""")
_NAVIGATION = frozenset({"glossarysidebar", "sidebar", "quicklinkswithsubpages"})
# macro → (URL under /en-US/docs, whether the shown text is code)
_REFERENCES = {
    "htmlelement": ("Web/HTML/Element/{}", "<{}>"),
    "cssxref": ("Web/CSS/{}", "{}"),
    "jsxref": ("Web/JavaScript/Reference/Global_Objects/{}", "{}"),
    "domxref": ("Web/API/{}", "{}"),
    "httpheader": ("Web/HTTP/Headers/{}", "{}"),
    "httpmethod": ("Web/HTTP/Methods/{}", "{}"),
    "httpstatus": ("Web/HTTP/Status/{}", "{}"),
    "svgelement": ("Web/SVG/Element/{}", "<{}>"),
}


@dataclass(slots=True)
class MacroContext:
    titles: dict[str, str]  # imported slug → title
    children: dict[str, list[str]]  # slug → slugs of the terms below it (Block → Block/CSS)
    result: ImportResult
    html: bool = False  # the body being converted is HTML: links are written as <a>

    def link(self, text: str, url: str, code: bool = False) -> str:
        if self.html:
            shown = escape(text, quote=False)
            shown = f"<code>{shown}</code>" if code else shown
            return f'<a href="{escape(url)}">{shown}</a>'
        return f"[`{text}`]({url})" if code else f"[{text}]({url})"


def macro_args(text: str | None) -> list[str]:
    """The arguments of a macro call, unquoted."""
    if not text or not text.strip():
        return []
    args = []
    for match in _ARG_RE.finditer(text):
        if match.end() == match.start():
            break
        args.append(next((g for g in match.groups() if g is not None), "").replace('\\"', '"'))
    return args


def convert_macros(body: str, path: Path, body_line: int, slug: str, context: MacroContext) -> str:
    lines = LineIndex(body, body_line)

    def replace(match: re.Match[str]) -> str:
        line = lines.line_at(match.start())
        return _macro(match.group(1), macro_args(match.group(2)), path, line, slug, context)

    return _MACRO_RE.sub(replace, body)


def _macro(
    name: str, args: list[str], path: Path, line: int, slug: str, context: MacroContext
) -> str:
    key = name.lower()
    if key in _NAVIGATION:
        return ""
    if key == "glossary" and args:
        return _glossary_link(args, path, line, context)
    if key == "glossarydisambiguation":
        return _disambiguation(slug, path, line, context)
    if key in _REFERENCES and args:
        url, shown = _REFERENCES[key]
        href = f"{_DOCS}/{url.format(args[0].replace('.', '/'))}"
        if len(args) > 1 and args[1]:
            return context.link(args[1], href)
        return context.link(shown.format(args[0]), href, code=True)
    if key == "interwiki" and len(args) >= 2 and args[0].lower() == "wikipedia":
        text = args[2] if len(args) > 2 else args[1]
        return context.link(text, f"https://en.wikipedia.org/wiki/{args[1]}")
    if key == "rfc" and args:
        return context.link(f"RFC {args[0]}", f"https://datatracker.ietf.org/doc/html/rfc{args[0]}")
    context.result.warn(
        path,
        line,
        "macro",
        f"the MDN macro '{name}' has no equivalent here; it was left out",
        "write what it showed as Markdown in the term file",
    )
    return ""


def _glossary_link(args: list[str], path: Path, line: int, context: MacroContext) -> str:
    name, text = args[0], args[1] if len(args) > 1 and args[1] else args[0]
    target = make_slug(name.replace("/", "-"))
    if target in context.titles:
        return context.link(text, target)
    context.result.warn(
        path,
        line,
        "missing-term",
        f"'{name}' is not among the imported terms; the link leads to MDN's entry instead",
        "import that term too to link it here",
    )
    return context.link(text, f"{_DOCS}/Glossary/{name.replace(' ', '_')}")


def _disambiguation(slug: str, path: Path, line: int, context: MacroContext) -> str:
    children = sorted(context.children.get(slug, ()), key=lambda s: context.titles[s].lower())
    if not children:
        context.result.warn(
            path,
            line,
            "macro",
            "GlossaryDisambiguation lists the entries below this page, and none was imported",
            "import the folders below this one too",
        )
        return ""
    items = (context.link(context.titles[child], child) for child in children)
    if context.html:
        return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"
    return "\n".join(f"- {item}" for item in items)
