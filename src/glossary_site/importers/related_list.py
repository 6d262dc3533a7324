"""A "Related terms" or "See also" section listing other terms → the term's ``related``.

Glossaries written for other tools name related terms in a section of the text: a
``## Related terms`` (or ``See also``, ``Related``) heading over a list whose items are
links. Items that link to an imported term become ``related`` (so the built page shows
them as cards); the section goes when every item was such a link, and stays as it is
otherwise (its other items are text the reader needs).
"""

from __future__ import annotations

import re
from collections.abc import Container

_SECTION_RE = re.compile(
    r"^(?P<hashes>#{2,6})[ \t]+(?:related(?: terms)?|see also)[ \t]*:?[ \t]*#*[ \t]*\n"
    r"(?P<items>(?:[ \t]*\n|[ \t]{0,3}[*+-][ \t].*\n?)*)",
    re.M | re.I,
)
# One link per item, with optional text around it that is only punctuation.
_ITEM_RE = re.compile(
    r"^[ \t]{0,3}[*+-][ \t]+\[[^\]\n]{1,500}\]\(<?([^)\s>#]{1,500})(#[^)\s>]*)?>?\)[ \t.,;]*$"
)


def related_section(body: str, slugs: Container[str]) -> tuple[str, tuple[str, ...]]:
    """``body`` without a related-terms list that names only terms, and the slugs it named.

    ``slugs``: the imported terms; a link's target (without ``#fragment``) must be one.
    """
    for match in _SECTION_RE.finditer(body):
        items = [line for line in match.group("items").split("\n") if line.strip()]
        targets = [found.group(1) for line in items if (found := _ITEM_RE.match(line))]
        related = tuple(dict.fromkeys(target for target in targets if target in slugs))
        if not related:
            continue
        if len(targets) == len(items) and all(target in slugs for target in targets):
            before, after = body[: match.start()].rstrip("\n"), body[match.end() :]
            body = "\n\n".join(part for part in (before, after) if part.strip())
        return body, related
    return body, ()
