"""``/glossary.tbx``: the glossary for translators' tools, TBX-Basic (ISO 30042:2019, TBX v3).

One ``conceptEntry`` per term (TBX v2 called it ``termEntry``), holding one ``langSec``
in the config's ``language`` with the definition and a ``termSec`` per name: the title
as the preferred term, each alias as an admitted one. The category is the concept's
subject field; related terms are ``crossReference``s to their entries; a deprecated
term's title is a deprecated term. Written as text (ElementTree takes seconds for 10,000
terms), every text and attribute escaped; ``check`` has already refused the characters
XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE, U+FFFF).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from ..config import SiteConfig
from ..graph import TermGraph
from .facts import term_facts
from .records import TermRecord, term_record

TBX_PATH = PurePosixPath("glossary.tbx")
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
# Where TBX-Basic's schemas are published (RELAX NG with Schematron), for validators.
_SCHEMA_BASE = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="{_SCHEMA_BASE}TBXcoreStructV03_TBX-Basic_integrated.rng" \
type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="{_SCHEMA_BASE}TBX-Basic_DCA.sch" type="application/xml" \
schematypens="http://purl.oclc.org/dsdl/schematron"?>
"""


def entry_id(slug: str) -> str:
    """The ``id`` of a term's entry (an XML name: it may not start with a digit)."""
    return f"c-{slug}"


def _text(text: str) -> str:
    return escape(text, {"\r": "&#13;"})


def export_tbx(graph: TermGraph, config: SiteConfig) -> Mapping[PurePosixPath, bytes]:
    records = (term_record(facts) for facts in term_facts(graph).values())
    return tbx_file([tbx_part(record, config) for record in records], config)


def tbx_file(parts: Sequence[bytes], config: SiteConfig) -> dict[PurePosixPath, bytes]:
    """The TBX file of each term's entry (``tbx_part``), in order."""
    lang = quoteattr(config.language)
    source = f"{config.description} ({config.base_url or 'glossary-site'})"
    head = [
        _HEAD,
        f'<tbx xmlns="{TBX_NAMESPACE}" style="dca" type="TBX-Basic" xml:lang={lang}>\n',
        " <tbxHeader>\n  <fileDesc>\n",
        f"   <titleStmt>\n    <title>{_text(config.title)}</title>\n   </titleStmt>\n",
        f"   <sourceDesc>\n    <p>{_text(source)}</p>\n   </sourceDesc>\n",
        "  </fileDesc>\n </tbxHeader>\n <text>\n  <body>\n",
    ]
    tail = "  </body>\n </text>\n</tbx>\n"
    return {TBX_PATH: b"".join(("".join(head).encode("utf-8"), *parts, tail.encode("utf-8")))}


def tbx_part(record: TermRecord, config: SiteConfig) -> bytes:
    """The ``conceptEntry`` of ``record``."""
    return _entry(record, quoteattr(config.language)).encode("utf-8")


def _entry(record: TermRecord, lang: str) -> str:
    lines = [f"   <conceptEntry id={quoteattr(entry_id(record.slug))}>"]
    if record.category:
        lines.append(f'    <descrip type="subjectField">{_text(record.category)}</descrip>')
    lines += (
        f'    <ref type="crossReference" target={quoteattr(entry_id(slug))}>{slug}</ref>'
        for slug in record.related
    )
    lines.append(f"    <langSec xml:lang={lang}>")
    lines.append(f'     <descrip type="definition">{_text(record.definition)}</descrip>')
    title_status = "deprecatedTerm-admn-sts" if record.deprecated else "preferredTerm-admn-sts"
    lines += _term(record.title, title_status)
    for alias in record.aliases:
        lines += _term(alias, "admittedTerm-admn-sts")
    lines += ["    </langSec>", "   </conceptEntry>\n"]
    return "\n".join(lines)


def _term(name: str, status: str) -> list[str]:
    return [
        "     <termSec>",
        f"      <term>{_text(name)}</term>",
        f'      <termNote type="administrativeStatus">{status}</termNote>',
        "     </termSec>",
    ]
