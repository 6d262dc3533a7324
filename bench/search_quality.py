"""Search quality: real readers' queries on the DevOps glossary, typed into the real search box.

    .venv/bin/python bench/search_quality.py [--corpus DIR] [--results FILE] [--mkdocs-venv DIR]
        [--shard-terms N] [--extra-terms DIR]

Imports ``../shared/corpora/devops-glossary`` (``glossary-site import devops``), builds it,
serves the site and types every query of ``QUERIES`` into the header's search box in
headless Chromium (Debian's ``/usr/bin/chromium``), then reads the first result. Each query
names the slug a reader means. The same queries also go, for comparison, to Pagefind run
with its defaults over the built pages (what Pagefind's default UI shows first), to
Pagefind's ranking of our search documents without the names layer, and with
``--mkdocs-venv`` to MkDocs + Material's search box (``search_mkdocs.py``). Prints the
tables and writes them, with every miss, to ``--results``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from search_mkdocs import material_first, mkdocs_site

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from glossary_site import Project, build  # noqa: E402
from glossary_site.importers import import_glossary  # noqa: E402
from glossary_site.search import shards  # noqa: E402
from glossary_site.search.pagefind import find_pagefind  # noqa: E402
from tests.conftest import CHROMIUM_FLAGS, serve  # noqa: E402

# (kind, query, slug the reader means). Written from the corpus: titles as typed, the
# abbreviations and aliases, plurals and singulars, one-letter typos (a letter dropped,
# doubled, swapped or wrong) and concepts (a reader's words for what a term is).
QUERIES: tuple[tuple[str, str, str], ...] = (
    ("title", "Kubernetes", "kubernetes"),
    ("title", "docker", "docker"),
    ("title", "terraform", "terraform"),
    ("title", "Grafana", "grafana"),
    ("title", "postgresql", "postgresql"),
    ("title", "service mesh", "service-mesh"),
    ("title", "bearer token", "bearer-token"),
    ("title", "port forwarding", "port-forwarding"),
    ("title", "helm", "helm"),
    ("title", "container", "container"),
    ("title", "egress", "egress"),
    ("title", "on-call", "oncall"),
    ("title", "Amazon Web Services", "aws"),
    ("title", "cassandra", "cassandra"),
    ("abbreviation", "k8s", "kubernetes"),
    ("abbreviation", "IaC", "infrastructure-as-code"),
    ("abbreviation", "SRE", "sre"),
    ("abbreviation", "jwt", "jwt"),
    ("abbreviation", "OTel", "opentelemetry"),
    ("abbreviation", "o11y", "observability"),
    ("abbreviation", "AuthZ", "authorization"),
    ("abbreviation", "authn", "authentication"),
    ("abbreviation", "ASF", "apache-foundation"),
    ("abbreviation", "tf", "terraform"),
    ("abbreviation", "VM", "virtual-machine"),
    ("abbreviation", "llm", "llm"),
    ("abbreviation", "CNI", "cni"),
    ("abbreviation", "GCP", "gcp"),
    ("alias", "OAuth2", "oauth2"),
    ("alias", "wasm", "wasm"),
    ("alias", "CI/CD", "ci-cd"),
    ("alias", "cicd", "ci-cd"),
    ("alias", "postgres", "postgresql"),
    ("alias", "web sockets", "web-sockets"),
    ("plural", "containers", "container"),
    ("plural", "databases", "database"),
    ("plural", "microservice", "microservices"),
    ("plural", "log", "logs"),
    ("plural", "metric", "metrics"),
    ("plural", "trace", "traces"),
    ("plural", "firewalls", "firewall"),
    ("plural", "helm charts", "helm-chart"),
    ("plural", "virtual machines", "virtual-machine"),
    ("plural", "container registries", "container-registry"),
    ("plural", "message brokers", "message-broker"),
    ("plural", "SLOs", "slo"),
    ("plural", "websocket", "web-sockets"),
    ("typo", "kubernets", "kubernetes"),
    ("typo", "kuberentes", "kubernetes"),
    ("typo", "terrafrom", "terraform"),
    ("typo", "promethues", "prometheus"),
    ("typo", "ansibel", "ansible"),
    ("typo", "grafna", "grafana"),
    ("typo", "dokcer", "docker"),
    ("typo", "jenkisn", "jenkins"),
    ("typo", "observabilty", "observability"),
    ("typo", "idempotancy", "idempotency"),
    ("typo", "rabitmq", "rabbitmq"),
    ("typo", "casandra", "cassandra"),
    ("typo", "serverles", "serverless"),
    ("typo", "kafak", "apache-kafka"),
    ("concept", "container orchestration", "kubernetes"),
    ("concept", "package manager for kubernetes", "helm"),
    ("concept", "distributed version control", "git"),
    ("concept", "outbound traffic", "egress"),
    ("concept", "monitoring and alerting toolkit", "prometheus"),
    ("concept", "single source of truth", "gitops"),
    ("concept", "same result when repeated", "idempotency"),
    ("concept", "encrypted tunnel", "vpn"),
    ("concept", "agentless automation", "ansible"),
    ("concept", "daemonless rootless containers", "podman"),
    ("concept", "user provisioning", "scim"),
    ("concept", "identity layer on top of OAuth", "oidc"),
    ("concept", "verify who a user is", "authentication"),
    ("concept", "query language for APIs", "graphql"),
    ("concept", "HTTP/3 transport", "quic"),
    ("concept", "Azure Active Directory", "entra-id"),
    ("concept", "master minion", "saltstack"),
    ("concept", "internal developer platform", "platform-engineering"),
    ("concept", "binary serialization format", "protobuf"),
    ("concept", "server push over HTTP", "sse"),
    ("concept", "run sandboxed programs in the kernel", "ebpf"),
    ("concept", "physical server single tenant", "bare-metal"),
)

# Written after the ranking was tuned on QUERIES and run once as they are: a check that
# the tuning did not just fit the first set.
HELD_OUT: tuple[tuple[str, str, str], ...] = (
    ("title", "GitHub", "github"),
    ("title", "message broker", "message-broker"),
    ("title", "Platform Engineering", "platform-engineering"),
    ("title", "open container initiative", "oci"),
    ("title", "apache kafka", "apache-kafka"),
    ("title", "json web token", "jwt"),
    ("title", "remote procedure call", "rpc"),
    ("title", "Site Reliability Engineering", "sre"),
    ("abbreviation", "OIDC", "oidc"),
    ("abbreviation", "sla", "sla"),
    ("abbreviation", "grpc", "grpc"),
    ("abbreviation", "OTLP", "otlp"),
    ("abbreviation", "WAF", "waf"),
    ("abbreviation", "sse", "sse"),
    ("abbreviation", "REST", "rest"),
    ("abbreviation", "mlops", "mlops"),
    ("alias", "oncall", "oncall"),
    ("alias", "entra", "entra-id"),
    ("alias", "protobuf", "protobuf"),
    ("alias", "k8", "kubernetes"),
    ("alias", "websockets", "web-sockets"),
    ("plural", "APIs", "api"),
    ("plural", "service meshes", "service-mesh"),
    ("plural", "SDKs", "sdk"),
    ("plural", "streams", "stream"),
    ("plural", "caches", "cache"),
    ("typo", "postgress", "postgresql"),
    ("typo", "graphgl", "graphql"),
    ("typo", "mongdb", "mongodb"),
    ("typo", "opentelemtry", "opentelemetry"),
    ("typo", "obervability", "observability"),
    ("typo", "zhs", "zsh"),
    ("typo", "ingres", "ingress"),
    ("typo", "linx", "linux"),
    ("typo", "githb", "github"),
    ("concept", "store data as documents", "mongodb"),
    ("concept", "Microsoft cloud", "azure"),
    ("concept", "tracks changes to source code", "git"),
    ("concept", "run code without managing servers", "serverless"),
    ("concept", "telemetry standard", "opentelemetry"),
    ("concept", "human readable configuration format", "yaml"),
    ("concept", "temporary high-speed storage", "cache"),
    ("concept", "encrypt traffic", "tls"),
    ("concept", "single sign-on identity provider", "okta"),
    ("concept", "analytical queries on large datasets", "olap"),
    ("concept", "binary format for the browser", "wasm"),
    ("concept", "shell scripting on Linux", "bash"),
)

# Searching with the names layer off: Pagefind's own first result, by a page's slug, over
# every shard of the index (names.json lists them; Pagefind's defaults have none).
PAGEFIND_FIRST = """async ([bundle, query]) => {
  const pagefind = await import(bundle);
  window.merged ??= {};
  window.merged[bundle] ??= fetch(new URL("names.json", new URL(bundle, location.href)))
    .then((response) => response.ok ? response.json() : { shards: [] })
    .then(({ shards }) => Promise.all(shards.map((dir) =>
      pagefind.mergeIndex(new URL(`${dir}/`, new URL(bundle, location.href)).href))));
  await window.merged[bundle];
  const found = await pagefind.search(query);
  if (!found.results.length) return "";
  const data = await found.results[0].data();
  return data.meta.slug || data.url.replace(/^\\/|\\/$/g, "").split("/")[0];
}"""


def ours(page: Page, query: str) -> str:
    """The slug of the first result the search box shows for ``query``."""
    box = page.locator("#search-input")
    box.fill("")
    box.fill(query)
    page.locator(".search-count").filter(has_text=f"“{query}”").wait_for(timeout=10_000)
    first = page.locator(".search-results a").first
    if not first.count():
        return ""
    href = first.get_attribute("href") or ""
    return href.rstrip("/").split("/")[-1]


def pagefind_first(bundle: str) -> Callable[[Page, str], str]:
    def first(page: Page, query: str) -> str:
        return str(page.evaluate(PAGEFIND_FIRST, [bundle, query]))

    return first


def default_bundle(site: Path) -> None:
    """Pagefind with its defaults over the built pages, into ``site/pagefind-default``."""
    subprocess.run(
        [str(find_pagefind()), "--site", str(site), "--output-subdir", "pagefind-default"],
        check=True,
        capture_output=True,
    )


Query = tuple[str, str, str]  # kind, what the reader types, the slug they mean
Found = dict[str, dict[Query, str]]  # engine → query → slug of its first result


def run(
    corpus: Path,
    work: Path,
    mkdocs_venv: Path | None,
    shard_terms: int | None,
    extra_terms: Path | None = None,
) -> Found:
    glossary, site = work / "glossary", work / "site"
    import_glossary("devops", corpus, glossary)
    if extra_terms is not None:
        add_terms(extra_terms, glossary)
    if shard_terms is not None:  # several shards even for this small glossary
        shards.SHARD_TERMS = shard_terms
    report = build(Project(glossary), site)
    if not report.ok:
        sys.exit("\n".join(d.format() for d in report.diagnostics if d.is_error))
    default_bundle(site)
    engines: dict[str, Callable[[Page, str], str]] = {
        "glossary-site search box": ours,
        "Pagefind defaults over the pages": pagefind_first("/pagefind-default/pagefind.js"),
        "Pagefind over our documents, no names layer": pagefind_first("/pagefind/pagefind.js"),
    }
    everything = (*QUERIES, *HELD_OUT)
    found: Found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS
        )
        with serve(site) as url:
            page = browser.new_page()
            page.goto(f"{url}/kubernetes/")
            for name, engine in engines.items():
                found[name] = {q: engine(page, q[1]) for q in everything}
        if mkdocs_venv is not None:
            with serve(mkdocs_site(glossary, work, mkdocs_venv)) as url:
                page = browser.new_page()
                page.goto(f"{url}/kubernetes/")
                found["MkDocs + Material search box"] = {
                    q: material_first(page, q[1]) for q in everything
                }
        browser.close()
    return found


def add_terms(extra_terms: Path, glossary: Path) -> None:
    """Copy the term files of ``extra_terms`` into ``glossary`` without their aliases (an
    abbreviation would clash with a DevOps name); a file or a title the DevOps glossary
    already has is left out."""
    titles = {_title(path).casefold() for path in glossary.glob("*.md")}
    for extra in sorted(extra_terms.glob("*.md")):
        text = extra.read_text(encoding="utf-8")
        if (glossary / extra.name).exists() or _title(extra).casefold() in titles:
            continue
        kept = [line for line in text.splitlines() if not line.startswith("aliases:")]
        (glossary / extra.name).write_text("\n".join(kept) + "\n", encoding="utf-8")


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line.removeprefix("title:").strip().strip("'\"")
    return path.stem


def table(found: Found, queries: tuple[Query, ...], title: str) -> str:
    kinds = list(dict.fromkeys(kind for kind, _, _ in queries))
    totals = Counter(kind for kind, _, _ in queries)
    lines = [
        f"## {title}",
        "",
        "| engine | top-1 | " + " | ".join(f"{k} ({totals[k]})" for k in kinds) + " |",
        "|---|---|" + "---|" * len(kinds),
    ]
    for name, results in found.items():
        right = Counter(q[0] for q in queries if results[q] == q[2])
        hits, total = sum(right.values()), len(queries)
        cells = " | ".join(f"{right[k]}" for k in kinds)
        lines.append(f"| {name} | **{hits / total:.1%}** ({hits}/{total}) | {cells} |")
    for name, results in found.items():
        misses = [q for q in queries if results[q] != q[2]]
        lines += ["", f"Misses of {name}: {len(misses)}", ""]
        for kind, query, want in misses:
            got = results[(kind, query, want)] or "(nothing)"
            lines.append(f"- {kind} `{query}`: wanted `{want}`, got `{got}`")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus = REPO.parent / "shared" / "corpora" / "devops-glossary"
    parser.add_argument("--corpus", type=Path, default=corpus)
    parser.add_argument("--results", type=Path, default=REPO / "bench/results-search.md")
    parser.add_argument(
        "--mkdocs-venv",
        type=Path,
        help="a venv with mkdocs==1.6.1 and mkdocs-material: also query MkDocs + Material",
    )
    parser.add_argument(
        "--shard-terms",
        type=int,
        help="at most this many terms a full-text shard (default: search/shards.py's)",
    )
    parser.add_argument(
        "--extra-terms",
        type=Path,
        help="a folder of term files added to the glossary (e.g. a make_corpus.py corpus), "
        "to search among more terms, in several shards",
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-quality-") as work:
        found = run(
            options.corpus,
            Path(work),
            options.mkdocs_venv,
            options.shard_terms,
            options.extra_terms,
        )
    everything = (*QUERIES, *HELD_OUT)
    text = "\n\n".join(
        [
            table(found, everything, f"All {len(everything)} queries"),
            table(found, QUERIES, f"The {len(QUERIES)} queries the ranking was tuned on"),
            table(found, HELD_OUT, f"The {len(HELD_OUT)} held-out queries"),
        ]
    )
    print(text)
    header = (
        "# Search quality on the DevOps glossary (124 terms)\n\n"
        f"`bench/search_quality.py`: {len(everything)} queries typed into the search box in "
        "headless Chromium; top-1 = the first result is the term the reader means. "
        "For comparison, the same queries against Pagefind with its defaults over the built "
        "pages (what Pagefind's default UI lists first) and against Pagefind's ranking of our "
        "search documents without the names layer.\n\n"
    )
    if options.extra_terms is not None:
        header += f"With the terms of `{options.extra_terms}` added.\n\n"
    if options.shard_terms is not None:
        header += f"The full-text index in shards of at most {options.shard_terms} terms.\n\n"
    options.results.write_text(header + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
