"""Auto-linking in worker processes gives what it gives in one process."""

from __future__ import annotations

from glossary_site.autolink import link_mentions
from glossary_site.pool import MIN_PARALLEL_ITEMS, run_all
from tests.test_mentions_cost import synthetic


def test_linking_in_two_processes_makes_the_same_documents_digests_and_work() -> None:
    terms, documents = synthetic(MIN_PARALLEL_ITEMS * 2)
    alone = link_mentions(terms, documents)
    shared = link_mentions(terms, documents, run=lambda f, items: run_all(f, items, 2))
    assert shared.documents == alone.documents
    assert shared.digests == alone.digests
    assert shared.work == alone.work
    assert alone.work.links == 3 * len(terms)


def test_a_document_without_mentions_is_returned_as_it_was() -> None:
    terms, documents = synthetic(3)
    path = terms[0].src_path
    documents[path] = documents[path].__class__(
        "t0", "Nothing here.", "", "<p>Nor here.</p>", (), ()
    )
    linked = link_mentions(terms, documents, run=lambda f, items: run_all(f, items, 2))
    assert linked.documents[path] is documents[path]
    assert linked.digests["t0"] == ""


def test_a_memo_keeps_one_linked_version_per_term_when_only_some_are_linked() -> None:
    # serve links only the terms the link cache misses (``only``): each edit must replace
    # the term's memo entry, not pile up every version the editor saved.
    from dataclasses import replace

    from glossary_site.autolink import LinkMemo

    terms, documents = synthetic(5)
    memo = LinkMemo()
    link_mentions(terms, documents, memo=memo)
    path = terms[0].src_path
    for edit in range(3):
        documents[path] = replace(documents[path], body_html=f"<p>Term 1, edit {edit}.</p>")
        linked = link_mentions(terms, documents, memo=memo, only=frozenset({path}))
        assert 'href="../t1/">Term 1</a>' in linked.documents[path].body_html
    assert len(memo.linked) == len(terms)
    assert sum(1 for slug, _ in memo.linked if slug == "t0") == 1
