"""Every importer on its real corpus, with numbers: what survives an import and a build.

    .venv/bin/python bench/interop.py [--corpora DIR] [--results FILE] [--only NAME ...]

For each real corpus in ``../shared/corpora/`` (DevOps, Kubernetes 2019 en/ko/no, the current
Kubernetes sample, the MDN sample, the Cloud Native Glossary in English), a CSV glossary
(the DevOps corpus as our own ``/glossary.csv`` export), a GLOSSARY.md in each of the three
layouts ``import markdown`` reads (assembled from the Cloud Native Glossary) and a SKOS round
trip (the DevOps site's ``/glossary.ttl`` imported again): imports into a temporary folder,
runs ``check`` and ``build`` there, and counts source terms, terms imported, pages built,
links between terms in the source (from the source files, with the importer's own link
rules) and how many of them are working links of the built pages, related cards and whether
their pages exist, diagnostics by code, and the CPU time of import and build. Writes the
table and per-corpus notes (what the importers report they could not carry over) to
``bench/results-interop.md``. Nothing is written into the corpora or the repository's
glossary.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from interop_derive import LAYOUTS, glossary_md  # noqa: E402
from interop_site import Site  # noqa: E402
from interop_sources import Source, cncf, devops, kubernetes, mdn, skos, spreadsheet  # noqa: E402

from glossary_site import Diagnostic, Project, build, check  # noqa: E402
from glossary_site.importers import ImportOptions, import_glossary  # noqa: E402

CORPORA = BENCH.parent.parent / "shared" / "corpora"
RESULTS = BENCH / "results-interop.md"


class Where:
    """The corpora folder of this run (``--corpora``)."""

    corpora = CORPORA


@dataclass
class Case:
    name: str
    format: str
    prepare: Callable[[Path], tuple[Path, Source]]  # work folder → (SRC, what it holds)
    options: ImportOptions = field(default_factory=ImportOptions)
    remark: str = ""  # what the numbers mean for this case, written under its notes


@dataclass
class Row:
    name: str
    format: str
    source: Source
    imported: int
    pages: set[str]
    working: int
    cards: tuple[int, int]
    import_codes: Counter[str]
    check_codes: Counter[str]
    import_seconds: float
    build_seconds: float
    broken: list[str]
    notes: list[str]
    missing_pages: list[str]
    not_working: list[str]
    compared: list[str] = field(default_factory=list)
    remark: str = ""


def _corpus(
    relative: str, count: Callable[[Path], Source]
) -> Callable[[Path], tuple[Path, Source]]:
    def prepare(work: Path) -> tuple[Path, Source]:
        src = Where.corpora / relative
        return src, count(src)

    return prepare


def _built_devops(work: Path) -> Path:
    """The DevOps corpus imported and built once, under ``work`` (shared by CSV and SKOS)."""
    site = work.parent / "devops-export" / "site"
    if not site.is_dir():
        glossary = site.parent / "glossary"
        import_glossary("devops", Where.corpora / "devops-glossary", glossary)
        report = build(Project(glossary), site)
        assert report.ok, [d.format() for d in report.diagnostics]
    return site


def _csv(work: Path) -> tuple[Path, Source]:
    exported = _built_devops(work) / "glossary.csv"
    return exported, spreadsheet(exported)


def _skos(work: Path) -> tuple[Path, Source]:
    exported = _built_devops(work) / "glossary.ttl"
    return exported, skos(exported)


def _markdown(layout: str) -> Callable[[Path], tuple[Path, Source]]:
    def prepare(work: Path) -> tuple[Path, Source]:
        work.mkdir(parents=True, exist_ok=True)
        out = work / "GLOSSARY.md"
        return out, glossary_md(Where.corpora / "cncf-glossary" / "en", layout, out)

    return prepare


_LAYOUT_REMARKS = {
    "headings": "`## Term` per published term, its sections one level deeper (`###`); links "
    "to a term's heading (`#cloud-native-apps`). Category and tags are not in a GLOSSARY.md.",
    "definition-list": "`Term` / `: definition`, the other paragraphs and lists indented "
    "below it; this layout has no sections, so the headings are left out when the file is "
    "assembled, and a `Related terms` list stays a list of links in the text.",
    "bold": "`**Term**: definition`, the other paragraphs and lists below it; no sections, "
    "as for the definition list.",
}

CASES = [
    Case("devops-glossary", "devops", _corpus("devops-glossary", devops)),
    *(
        Case(
            f"kubernetes-glossary-2019/{lang}",
            "kubernetes",
            _corpus(f"kubernetes-glossary-2019/{lang}", kubernetes),
        )
        for lang in ("en", "ko", "no")
    ),
    Case(
        "kubernetes-glossary-current-sample",
        "kubernetes",
        _corpus("kubernetes-glossary-current-sample", kubernetes),
    ),
    Case("mdn-glossary-sample", "mdn", _corpus("mdn-glossary-sample", mdn)),
    Case(
        "cncf-glossary/en",
        "cncf",
        _corpus("cncf-glossary/en", cncf),
        remark="The 8 drafts (`draft: true`) are imported as drafts and get no page, as on "
        "glossary.cncf.io; links to them would be `draft-reference` errors (there are none).",
    ),
    Case("csv (devops → /glossary.csv)", "csv", _csv),
    *(
        Case(
            f"markdown ({layout}, cncf en)",
            "markdown",
            _markdown(layout),
            remark=_LAYOUT_REMARKS[layout],
        )
        for layout in LAYOUTS
    ),
    Case(
        "skos (devops → /glossary.ttl)",
        "skos",
        _skos,
        remark="Our SKOS export writes names, definition, related and dates: no tags, "
        "category or body (no `skos:note`), so those cannot come back; RDF keeps no order "
        "between the values of `skos:related`.",
    ),
]


def run(case: Case, work: Path) -> Row:
    src, source = case.prepare(work)
    glossary, site_dir = work / "glossary", work / "site"
    started = time.process_time()
    report = import_glossary(case.format, src, glossary, options=case.options)
    import_seconds = time.process_time() - started
    checked = check(Project(glossary))
    started = time.process_time()
    built = build(Project(glossary), site_dir)
    build_seconds = time.process_time() - started
    site = Site.read(site_dir) if built.ok else Site(site_dir, {})
    pages = site.term_slugs()
    working, not_working = _working_links(source, site)
    published = {slug for slug, shown in source.terms.items() if shown}
    return Row(
        name=case.name,
        format=case.format,
        source=source,
        imported=len(report.written),
        pages=pages,
        working=working,
        cards=site.cards(),
        import_codes=Counter(d.code for d in report.diagnostics),
        check_codes=Counter(_code(d) for d in checked.diagnostics),
        import_seconds=import_seconds,
        build_seconds=build_seconds,
        broken=site.broken(),
        notes=_notes(report.diagnostics),
        missing_pages=sorted(published - pages),
        not_working=not_working,
        remark=case.remark,
    )


def _code(diagnostic: Diagnostic) -> str:
    return diagnostic.code + ("" if diagnostic.is_error else " (w)")


def _working_links(source: Source, site: Site) -> tuple[int, list[str]]:
    working = 0
    not_working = []
    found: dict[str, dict[tuple[str, str], bool]] = {}
    for origin, target, fragment in sorted(source.links):
        links = found.setdefault(origin, site.links_between_terms(origin))
        if links.get((target, fragment), False):
            working += 1
        else:
            not_working.append(f"{origin} → {target}{'#' + fragment if fragment else ''}")
    return working, not_working


def _notes(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    """One line per kind of fact the import could not carry over, with a count and example."""
    by_code: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_code.setdefault(diagnostic.code, []).append(diagnostic)
    return [
        f"`{code}` ×{len(found)}, e.g. {'/'.join(found[0].path.parts[-2:])}:{found[0].line}: "
        f"{found[0].message}"
        for code, found in sorted(by_code.items())
    ]


_FIELDS = (
    "title",
    "aliases",
    "summary",
    "tags",
    "category",
    "related",
    "updated",
    "status",
    "replaced_by",
    "definition_html",
    "body_html",
    "sections",
)


def compare_sites(original: Path, again: Path) -> list[str]:
    """Per field of ``/api/terms/<slug>.json``, the terms whose value differs after the trip."""
    slugs = sorted(path.stem for path in (original / "api" / "terms").glob("*.json"))
    differs: dict[str, list[str]] = {name: [] for name in _FIELDS}
    reordered: dict[str, list[str]] = {"aliases": [], "tags": [], "related": []}
    missing = []
    for slug in slugs:
        theirs = again / "api" / "terms" / f"{slug}.json"
        if not theirs.is_file():
            missing.append(slug)
            continue
        before = json.loads((original / "api" / "terms" / f"{slug}.json").read_text("utf-8"))
        after = json.loads(theirs.read_text("utf-8"))
        for name in _FIELDS:
            if before.get(name) == after.get(name):
                continue
            if name in reordered and sorted(before[name]) == sorted(after[name]):
                reordered[name].append(slug)  # RDF has no order: the same set
            else:
                differs[name].append(slug)
    lines = [f"{len(slugs) - len(missing)} of {len(slugs)} terms came back"]
    lines += [
        f"`{name}` differs in {len(found)} (e.g. {', '.join(found[:3])})"
        for name, found in differs.items()
        if found
    ]
    lines += [
        f"`{name}`: the same set in another order in {len(found)} (e.g. {', '.join(found[:3])})"
        for name, found in reordered.items()
        if found
    ]
    same = [name for name, found in differs.items() if not found and not reordered.get(name)]
    return [*lines, "identical: " + ", ".join(f"`{name}`" for name in same)]


def _codes(codes: Counter[str]) -> str:
    return ", ".join(f"{code} {count}" for code, count in sorted(codes.items())) or "–"


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| corpus | format | source terms (published) | imported | pages | source links "
        "between terms | working in the site | links to terms outside the corpus | related "
        "cards (target exists) | import diagnostics | check diagnostics | import CPU s | "
        "build CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        published = sum(row.source.terms.values())
        lines.append(
            f"| {row.name} | `{row.format}` | {len(row.source.terms)} ({published}) | "
            f"{row.imported} | {len(row.pages)} | {len(row.source.links)} | {row.working} | "
            f"{row.source.outside} | {row.cards[0]} ({row.cards[1]}) | "
            f"{_codes(row.import_codes)} | {_codes(row.check_codes)} | "
            f"{row.import_seconds:.2f} | {row.build_seconds:.2f} |"
        )
    return lines


def notes(row: Row) -> list[str]:
    lines = [f"### {row.name}", ""]
    if row.missing_pages:
        lines.append(f"- source terms without a page: {', '.join(row.missing_pages)}")
    if row.not_working:
        lines.append(f"- source links that are not working links: {', '.join(row.not_working)}")
    if row.broken:
        lines.append(
            f"- broken internal links in the site: {len(row.broken)}, e.g. {row.broken[0]}"
        )
    if row.compared:
        lines += [f"- round trip: {line}" for line in row.compared]
    if row.remark:
        lines.append(f"- {row.remark}")
    if row.notes:
        lines.append("- what the import reports it could not carry over (or changed):")
        lines += [f"  - {note}" for note in row.notes]
    else:
        lines.append("- the import reports nothing it could not carry over")
    return [*lines, ""]


_HEAD = """# Interop: every importer on its real corpus

Written by `.venv/bin/python bench/interop.py` ({date}). Each corpus is imported into a
temporary folder, checked and built there with the default configuration. *Source links
between terms* are counted in the source files with the importer's own link rules
(distinct from → to pairs; related lists count as links); *working* means the built page of
the first term has a link to the second's page, in its text (auto-linked mentions do not
count) or as a card of its own related list (suggested cards do not count), whose file and
`#fragment` exist. Related cards (own and suggested) are counted on every term page.
Diagnostics: import codes, then `check` codes (`(w)` marks warnings). Times are CPU seconds
(user+sys of this process) on a shared machine; `build` includes its own check.

"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--only", nargs="*", help="run the cases whose name starts so")
    options = parser.parse_args(argv)
    Where.corpora = options.corpora
    if not Where.corpora.is_dir():
        print(f"no corpora at {Where.corpora} (they live outside this repository)", file=sys.stderr)
        return 2
    cases = [c for c in CASES if not options.only or c.name.startswith(tuple(options.only))]
    rows = []
    with tempfile.TemporaryDirectory(prefix="interop-") as tmp:
        for number, case in enumerate(cases):
            work = Path(tmp) / f"case-{number}"
            row = run(case, work)
            if case.format in ("csv", "skos"):
                row.compared = compare_sites(_built_devops(work), work / "site")
            rows.append(row)
            print(
                f"{case.name}: {row.imported} imported, {len(row.pages)} pages, "
                f"{row.working}/{len(row.source.links)} links working",
                file=sys.stderr,
            )
    date = time.strftime("%Y-%m-%d", time.gmtime())
    text = _HEAD.format(date=date) + "\n".join(table(rows)) + "\n\n## Notes per corpus\n\n"
    text += "\n".join(line for row in rows for line in notes(row))
    options.results.write_text(text, encoding="utf-8")
    print(f"wrote {options.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
