"""``/glossary.tbx``: the glossary for translators' tools, TBX-Basic (ISO 30042:2019, TBX v3).

One ``conceptEntry`` per term (TBX v2 called it ``termEntry``), holding one ``langSec``
in the config's ``language`` with the definition and a ``termSec`` per name: the title
as the preferred term, each alias as an admitted one. The category is the concept's
subject field; related terms are ``crossReference``s to their entries; a deprecated
term's title is a deprecated term. Written with ElementTree, so every text is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from .records import TermRecord, term_records

TBX_PATH = PurePosixPath("glossary.tbx")
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Where TBX-Basic's schemas are published (RELAX NG with Schematron), for validators.
_SCHEMA_RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
_SCHEMA_SCH = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)


def entry_id(slug: str) -> str:
    """The ``id`` of a term's entry (an XML name: it may not start with a digit)."""
    return f"c-{slug}"


def export_tbx(graph: TermGraph, config: SiteConfig) -> Mapping[PurePosixPath, bytes]:
    etree.register_namespace("", TBX_NAMESPACE)
    root = _element("tbx", {"style": "dca", "type": "TBX-Basic", _XML_LANG: config.language})
    root.append(_header(config))
    body = _sub(_sub(root, "text"), "body")
    for record in term_records(graph):
        body.append(_entry(record, config))
    etree.indent(root, space=" ")
    model = (
        f'<?xml-model href="{_SCHEMA_RNG}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{_SCHEMA_SCH}" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    )
    text = etree.tostring(root, encoding="unicode")
    return {TBX_PATH: f'<?xml version="1.0" encoding="UTF-8"?>\n{model}{text}\n'.encode()}


def _element(tag: str, attributes: dict[str, str] | None = None) -> etree.Element:
    return etree.Element(f"{{{TBX_NAMESPACE}}}{tag}", attributes or {})


def _sub(
    parent: etree.Element, tag: str, text: str | None = None, **attributes: str
) -> etree.Element:
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}", attributes)
    element.text = text
    return element


def _header(config: SiteConfig) -> etree.Element:
    header = _element("tbxHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", config.title)
    source = config.base_url or "glossary-site"
    _sub(_sub(file_desc, "sourceDesc"), "p", f"{config.description} ({source})")
    return header


def _entry(record: TermRecord, config: SiteConfig) -> etree.Element:
    entry = _element("conceptEntry", {"id": entry_id(record.slug)})
    if record.category:
        _sub(entry, "descrip", record.category, type="subjectField")
    for slug in record.related:
        _sub(entry, "ref", slug, type="crossReference", target=entry_id(slug))
    lang = _sub(entry, "langSec", **{_XML_LANG: config.language})
    _sub(lang, "descrip", record.definition, type="definition")
    title_status = "deprecatedTerm-admn-sts" if record.deprecated else "preferredTerm-admn-sts"
    _term(lang, record.title, title_status)
    for alias in record.aliases:
        _term(lang, alias, "admittedTerm-admn-sts")
    return entry


def _term(lang: etree.Element, name: str, status: str) -> None:
    section = _sub(lang, "termSec")
    _sub(section, "term", name)
    _sub(section, "termNote", status, type="administrativeStatus")
