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
from .sources import LineIndex

# Bounded repetitions: text with many unclosed "{{<" takes linear time.
_SHORTCODE_RE = re.compile(
    r"\{\{([<%])\s{0,20}(/?)\s{0,20}([\w-]{1,100})([^{}]{0,2000}?)\s{0,20}[>%]\}\}"
)
_PARAM_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_CALLOUT_RE = re.compile(r"\{\{[<%]\s{0,20}(/?)\s{0,20}(note|warning|caution)\s{0,20}[>%]\}\}")


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
        body = _callouts(body)
        lines = LineIndex(body, self.body_line)
        return _SHORTCODE_RE.sub(lambda match: self._shortcode(match, lines), body)

    def _shortcode(self, match: re.Match[str], lines: LineIndex) -> str:
        name = match.group(3)
        params = shortcode_params(match.group(4))
        line = lines.line_at(match.start())
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


def _callouts(body: str) -> str:
    """``{{< note >}}…{{< /note >}}`` (and warning, caution) as quotes, in one pass."""
    parts: list[str] = []
    done = 0
    opening: re.Match[str] | None = None
    for match in _CALLOUT_RE.finditer(body):
        if not match.group(1):
            opening = match
        elif opening is not None and opening.group(2) == match.group(2):
            parts += [
                body[done : opening.start()],
                _quote(opening.group(2), body[opening.end() : match.start()]),
            ]
            done = match.end()
            opening = None
    return "".join(parts) + body[done:]


def _quote(kind: str, text: str) -> str:
    lines = text.strip().split("\n")
    quoted = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"> **{kind.capitalize()}:** {quoted[2:]}"


def absolute_links(text: str, site: str) -> str:
    """Site-absolute Markdown link targets (``](/docs/…)``) made absolute URLs of ``site``."""
    return re.sub(r"(\]\()\s*(/[^/)\s][^)\s]*)", lambda m: f"{m.group(1)}{site}{m.group(2)}", text)
