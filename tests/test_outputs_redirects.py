"""Never a 404 for another name: aliases and former slugs get redirect pages (redirects.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site.redirects import alias_address
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links
from tests.test_bad_input import build, check, expect, glossary

__all__ = ["glossary"]  # the fixture, shared

BASE = "https://example.org/words/"


def kubernetes(front: str = "aliases: [K8s, Kube]") -> str:
    return term_file("Kubernetes", "A container orchestrator.", front)


def test_every_alias_and_former_slug_gets_a_page_that_leads_to_the_term(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("aliases: [K8s, Kube]\nredirect_from: [kubernetes-engine]"),
            "sprint.md": term_file("Sprint", "A time box."),
        },
        config=f'base_url = "{BASE}"',
    )
    assert build().exit_code == 0
    site = tmp_path / "site"
    for path in ("k8s", "kube", "kubernetes-engine"):
        page = (site / path / "index.html").read_text()
        assert f'<link rel="canonical" href="{BASE}kubernetes/">' in page
        assert '<meta http-equiv="refresh" content="0; url=../kubernetes/">' in page
        assert '<a href="../kubernetes/">Kubernetes</a>' in page
        assert '<meta name="robots" content="noindex">' in page
    assert "‘K8s’ is another name for" in (site / "k8s" / "index.html").read_text()
    assert "k8s" not in (site / "sitemap.xml").read_text()  # only the term's own page is listed


def test_without_base_url_redirects_are_relative_and_every_link_resolves(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"kubernetes.md": kubernetes(), "sprint.md": term_file("Sprint", "A time box.")})
    assert build().exit_code == 0
    page = (tmp_path / "site" / "k8s" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../kubernetes/">' in page
    assert broken_links(tmp_path / "site") == []


def test_redirects_follow_directory_urls_false(glossary: WriteGlossary, tmp_path: Path) -> None:
    glossary({"kubernetes.md": kubernetes()}, config="directory_urls = false")
    assert build().exit_code == 0
    page = (tmp_path / "site" / "k8s" / "index.html").read_text()
    assert 'href="../kubernetes/index.html"' in page
    assert broken_links(tmp_path / "site") == []


@pytest.mark.parametrize(
    ("alias", "address"),
    [
        ("K8s", "k8s"),
        ("Objectives & Key Results", "objectives-key-results"),
        ("CI/CD", "ci-cd"),
        ("Café crème", "cafe-creme"),
        ("C++", ""),  # would be "c", as "C#" would
        ("C#", ""),
        ("Straße", ""),  # the ß would be dropped
        ("コンテナ", ""),
        ("---", ""),
    ],
)
def test_an_alias_has_an_address_only_when_its_slug_form_keeps_what_it_says(
    alias: str, address: str
) -> None:
    assert alias_address(alias) == address


def test_an_alias_whose_address_is_another_terms_page_is_an_error_naming_both(
    glossary: WriteGlossary,
) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("aliases: [Sprint Goal]"),
            "sprint-goal.md": term_file("Goal of a Sprint", "What a sprint is for."),
        }
    )
    result = check()
    assert result.exit_code == 1
    found = expect(
        result,
        "glossary/kubernetes.md:4",
        "redirect-collision",
        "alias 'Sprint Goal'",
        "/sprint-goal/",
        "glossary/sprint-goal.md:1",
        "Goal of a Sprint",
    )
    assert "alias" in found.hint


def test_two_terms_claiming_one_address_is_an_error_naming_both_files_and_lines(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("aliases: [K8s]"),
            "nomad.md": term_file("Nomad", "Another orchestrator.", "redirect_from: [k8s]"),
        }
    )
    result = build()
    assert result.exit_code == 1
    expect(
        result,
        "glossary/nomad.md:4",
        "redirect-collision",
        "former slug 'k8s'",
        "alias 'K8s'",
        "glossary/kubernetes.md:4",
    )
    assert not (tmp_path / "site").exists()  # a failed build writes nothing


def test_a_former_slug_that_is_another_terms_slug_is_an_error(glossary: WriteGlossary) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("redirect_from:\n  - old-name\n  - sprint"),
            "sprint.md": term_file("Sprint", "A time box."),
        }
    )
    result = check()
    assert result.exit_code == 1
    found = expect(result, "glossary/kubernetes.md:6", "redirect-collision", "glossary/sprint.md:1")
    assert "redirect_from" in found.hint


def test_a_former_slug_that_is_no_slug_is_an_error_with_the_slug_to_write(
    glossary: WriteGlossary,
) -> None:
    glossary({"kubernetes.md": kubernetes("redirect_from:\n  - Old Name")})
    found = expect(check(), "glossary/kubernetes.md:5", "bad-slug", "'Old Name'", "redirect_from")
    assert "old-name" in found.hint


def test_a_former_slug_equal_to_the_terms_own_slug_is_a_warning(
    glossary: WriteGlossary,
) -> None:
    glossary({"kubernetes.md": kubernetes("redirect_from: [kubernetes]")})
    result = check()
    assert result.exit_code == 0
    expect(result, "glossary/kubernetes.md:4", "redirect-self", "own slug", severity="warning")


def test_the_same_address_twice_for_one_term_is_one_page(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"kubernetes.md": kubernetes("aliases: [K8s, K8S]\nredirect_from: [k8s]")})
    result = build()
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "site" / "k8s" / "index.html").is_file()


def test_drafts_get_no_redirects(glossary: WriteGlossary, tmp_path: Path) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("aliases: [K8s]\nstatus: draft"),
            "sprint.md": term_file("Sprint", "A time box.", "redirect_from: [kubernetes-old]"),
            "nomad.md": term_file("Nomad", "X.", "redirect_from: [kube]\nstatus: draft"),
        }
    )
    assert build().exit_code == 0
    site = tmp_path / "site"
    assert not (site / "k8s").exists() and not (site / "kube").exists()
    assert (site / "kubernetes-old" / "index.html").is_file()


def test_a_redirect_onto_a_static_file_is_an_error_at_the_alias(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"kubernetes.md": kubernetes("aliases: [K8s]")})
    static = tmp_path / "static" / "k8s"
    static.mkdir(parents=True)
    (static / "index.html").write_text("<p>mine</p>")
    result = check()
    assert result.exit_code == 1
    assert "static/k8s/index.html" in result.stderr and "static-clash" in result.stderr


def test_switched_off_redirects_write_no_pages_and_report_no_clashes(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {
            "kubernetes.md": kubernetes("aliases: [Sprint Goal, K8s]"),
            "sprint-goal.md": term_file("Goal of a Sprint", "What a sprint is for."),
        },
        config="[exports]\nredirects = false\n",
    )
    assert build().exit_code == 0
    assert not (tmp_path / "site" / "k8s").exists()


def test_names_on_a_redirect_page_are_escaped(glossary: WriteGlossary, tmp_path: Path) -> None:
    title = '"<script>alert(1)</script> & Co"'
    glossary({"odd.md": term_file(title, "Odd.", "aliases: [Odd & Co's]")})
    assert build().exit_code == 0
    page = (tmp_path / "site" / "odd-co-s" / "index.html").read_text()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "‘Odd &amp; Co&#x27;s’ is another name for" in page
