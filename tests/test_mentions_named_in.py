"""``named_in``: a finder of only the terms it keeps for a text finds in that text what a
finder of every term finds (a patch build links one term with it)."""

from __future__ import annotations

import dataclasses
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.autolink import link_finder, link_mentions
from glossary_site.mentions import MentionFinder, named_in
from tests.test_convert_mentions_fast import NAMES, TEXT_BITS, terms

MENTION_RE = re.compile(r'<a class="mention" href="[^"]*">([^<]*)</a>')
# Names whose plural hides another's ("Sprints"), that fold longer ("Straße"), that start
# or end with what is no word character (".NET", "C++"), or that are no word at all.
MORE = [*NAMES, "Sprints", "Story", "stories", "Box", "boxes", "++", "Data  Lake", "ẞ Ops"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(TEXT_BITS | st.sampled_from(["stories", "Data Lake", "boxes", "ss ops", "&"])).map(
        "".join
    ),
    st.booleans(),
)
def test_the_terms_it_keeps_find_what_all_terms_find(text: str, with_plurals: bool) -> None:
    everyone = terms(MORE)
    kept = named_in(everyone, text)
    alone = MentionFinder(kept, with_plurals=with_plurals)
    whole = MentionFinder(everyone, with_plurals=with_plurals)
    assert alone.matches(text) == whole.matches(text)
    assert alone.all_matches(text) == whole.all_matches(text)


def test_it_keeps_only_the_terms_whose_names_the_text_has() -> None:
    everyone = terms(MORE)
    kept = {term.title for term in named_in(everyone, "Two stories of the Data Lake.")}
    assert {"Story", "stories", "Data  Lake"} <= kept
    assert not kept & {"API", "Sprint", "Box", "++", "state"}
    assert "++" in {term.title for term in named_in(everyone, "C ++ or C++")}


def test_linking_a_glossary_term_with_the_kept_names_makes_the_same_document() -> None:
    from pathlib import Path

    from glossary_site.build import read_glossary
    from glossary_site.commands.common import make_project

    project = make_project(Path("glossary"), None, (None, False, None))
    glossary, _ = read_glossary(project)
    assert glossary is not None
    all_terms = list(glossary.terms)
    linked = 0
    for node in glossary.graph.nodes.values():
        term = node.term
        document = dataclasses.replace(  # as converted, before its mentions were linked
            node.document,
            definition_html=MENTION_RE.sub(r"\1", node.document.definition_html),
            body_html=MENTION_RE.sub(r"\1", node.document.body_html),
        )
        text = f"{document.definition_html}\n{document.body_html}"
        text += "\n" + html.unescape(text)
        documents = dict.fromkeys((t.src_path for t in all_terms), document)
        only = frozenset({term.src_path})
        whole = link_mentions(all_terms, documents, only=only)
        kept = link_mentions(
            all_terms, documents, only=only, finder=link_finder(named_in(all_terms, text))
        )
        assert kept.documents[term.src_path] == whole.documents[term.src_path], term.slug
        linked += whole.documents[term.src_path] != document
    assert linked > 10, "the glossary's terms name each other"
