"""Images: plain-text alt, figures with captions, and size and loading attributes.

``![alt](src)`` keeps the Markdown of its alt text (links, emphasis) in a hidden child
element while Python-Markdown parses inline syntax; ``finish_image`` then sets a
plain-text ``alt`` and, for an image alone in its paragraph with a caption, turns the
paragraph into ``<figure>`` with a ``<figcaption>``. A caption is, in this order:

- the image's title: ``![A diagram](img/a.svg "The caption")``;
- an emphasised line right after the image in the same paragraph
  (``![A diagram](img/a.svg)`` then ``*The caption, with [a link](x).*`` on the next line);
- alt text with a link in it (``![Diagram from the [CUDA talk](https://x.org/).](a.svg)``),
  which can only be meant as a caption.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import imagesize  # type: ignore[import-untyped]
import markdown
from markdown import util
from markdown.inlinepatterns import IMAGE_LINK_RE, ImageInlineProcessor

_CAPTION_TAG = "glossary-alt"  # temporary child of <img>, removed by finish_image
_TAG_RE = re.compile(r"<[^>]+>")


class RichAltImageProcessor(ImageInlineProcessor):
    """Python-Markdown's image syntax, keeping the alt text's inline Markdown."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        element, start, end = super().handleMatch(m, data)
        if not isinstance(element, etree.Element):
            return None, None, None
        text, _, _ = self.getText(data, m.end(0))
        etree.SubElement(element, _CAPTION_TAG).text = text
        return element, start, end


def register_images(md: markdown.Markdown) -> None:
    md.inlinePatterns.register(RichAltImageProcessor(IMAGE_LINK_RE, md), "image_link", 150)


def plain_text(element: etree.Element, md: markdown.Markdown) -> str:
    """The text of ``element`` as a reader sees it, with stashed HTML (smart quotes) restored."""
    text = "".join(element.itertext())

    def restore(match: re.Match[str]) -> str:
        index = int(match.group(1))
        blocks = md.htmlStash.rawHtmlBlocks
        raw = blocks[index] if index < len(blocks) else ""
        return html.unescape(_TAG_RE.sub("", str(raw)))

    text = util.HTML_PLACEHOLDER_RE.sub(restore, text)
    text = util.INLINE_PLACEHOLDER_RE.sub("", text)
    return " ".join(text.split())


def finish_image(
    image: etree.Element, parent: etree.Element | None, md: markdown.Markdown, lazy: bool
) -> None:
    """Plain alt text, ``decoding``/``loading``, and a figure when the image has a caption."""
    rich_alt = image.find(_CAPTION_TAG)
    if rich_alt is not None:
        image.remove(rich_alt)
        image.set("alt", plain_text(rich_alt, md))
    image.set("decoding", "async")
    if lazy:
        image.set("loading", "lazy")
    if parent is None or parent.tag != "p":
        return
    caption = _caption(image, parent, rich_alt)
    if caption is not None:
        _make_figure(parent, image, caption)


def set_size(image: etree.Element, path: Path | None) -> None:
    """``width`` and ``height`` from the file's header, unless the editor gave them."""
    if path is None or image.get("width") or image.get("height"):
        return
    try:
        width, height = imagesize.get(path)
    except (OSError, ValueError):
        return
    if isinstance(width, int | float) and width > 0 and height > 0:
        image.set("width", str(round(width)))
        image.set("height", str(round(height)))


def _alone(image: etree.Element, parent: etree.Element) -> bool:
    return not (parent.text or "").strip() and parent[0] is image


def _caption(
    image: etree.Element, parent: etree.Element, rich_alt: etree.Element | None
) -> etree.Element | None:
    """A ``<figcaption>`` for an image alone in its paragraph, or None."""
    if not _alone(image, parent):
        return None
    rest = list(parent)[1:]
    tail = (image.tail or "").strip()
    caption = etree.Element("figcaption")
    if not rest and not tail:
        title = image.get("title")
        if title:
            del image.attrib["title"]
            caption.text = title
            return caption
        if rich_alt is not None and rich_alt.find(".//a") is not None:
            caption.text = rich_alt.text
            caption.extend(list(rich_alt))
            return caption
        return None
    if len(rest) == 1 and rest[0].tag == "em" and not tail and not (rest[0].tail or "").strip():
        emphasis = rest[0]
        parent.remove(emphasis)
        caption.text = emphasis.text
        caption.extend(list(emphasis))
        return caption
    return None


def _make_figure(paragraph: etree.Element, image: etree.Element, caption: etree.Element) -> None:
    paragraph.tag = "figure"
    paragraph.text = None
    image.tail = None
    paragraph.append(caption)
