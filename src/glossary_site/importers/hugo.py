"""Hugo content, shared by the ``kubernetes`` and ``cncf`` importers: shortcodes and links.

``{{< glossary_tooltip text="x" term_id="slug" >}}`` becomes a link to the term when the term
is imported too, and to the source site's entry otherwise (with a warning);
``{{< note >}}…{{< /note >}}`` (and ``warning``, ``caution``) becomes a quote; any other
shortcode is removed, with a warning naming it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .model import ImportResult

_SHORTCODE_RE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w-]+)(.*?)\s*[>%]\}\}", re.S)
_PARAM_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_CALLOUT_RE = re.compile(
    r"\{\{[<%]\s*(note|warning|caution)\s*[>%]\}\}(.*?)\{\{[<%]\s*/\s*\1\s*[>%]\}\}", re.S
)


def shortcode_params(text: str) -> dict[str, str]:
    """``key="value"`` parameters of a shortcode."""
    return {
        m.group(1): next(g for g in m.groups()[1:] if g is not None)
        for m in _PARAM_RE.finditer(text)
    }


class HugoBody:
    """Converts one Hugo body; ``titles`` maps every imported slug to its title."""

    def __init__(
        self,
        path: Path,
        body_line: int,
        titles: Mapping[str, str],
        result: ImportResult,
        entry_url: str,
    ) -> None:
        self.entry_url = entry_url  # the source site's page of a term, {} for its term_id
        self.path = path
        self.body_line = body_line
        self.titles = titles
        self.result = result

    def convert(self, body: str) -> str:
        body = _CALLOUT_RE.sub(_callout, body)
        return _SHORTCODE_RE.sub(lambda match: self._shortcode(match, body), body)

    def line_at(self, text: str, offset: int) -> int:
        return self.body_line + text.count("\n", 0, offset)

    def _shortcode(self, match: re.Match[str], body: str) -> str:
        name = match.group(3)
        params = shortcode_params(match.group(4))
        line = self.line_at(body, match.start())
        if name == "glossary_tooltip" and not match.group(2):
            return self._tooltip(params, line)
        self.result.warn(
            self.path,
            line,
            "shortcode",
            f"the Hugo shortcode '{name}' has no equivalent here; it was left out",
            "write what it showed as Markdown in the term file",
        )
        return ""

    def _tooltip(self, params: dict[str, str], line: int) -> str:
        target = params.get("term_id", "")
        slug = target.lower()
        text = params.get("text") or self.titles.get(slug) or target.replace("-", " ")
        if slug in self.titles:
            return f"[{text}]({slug})"
        self.result.warn(
            self.path,
            line,
            "missing-term",
            f"the tooltip names the term '{target}', which is not among the imported "
            "terms; it links to the source site's entry instead",
            "import that term too to link it here",
        )
        return f"[{text}]({self.entry_url.format(target)})"


def _callout(match: re.Match[str]) -> str:
    label = match.group(1).capitalize()
    lines = match.group(2).strip().split("\n")
    quoted = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"> **{label}:** {quoted[2:]}"


def absolute_links(text: str, site: str) -> str:
    """Site-absolute Markdown link targets (``](/docs/…)``) made absolute URLs of ``site``."""
    return re.sub(r"(\]\()\s*(/[^/)\s][^)\s]*)", lambda m: f"{m.group(1)}{site}{m.group(2)}", text)
