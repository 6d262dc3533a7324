"""``import markdown`` picks the layout of a GLOSSARY.md by the names its entries have:
terms have names of their own, the labelled lines inside a term repeat theirs."""

from __future__ import annotations

from pathlib import Path

from glossary_site.importers import import_glossary

LABELLED = """\
# Glossary of terms

## A

### Addon
**Definition**: An extension that adds features to the cluster.
**Example**: The `dns` addon runs CoreDNS.

### Alias
**Definition**: Another name for a command.
**Example**: `kubectl` as `k`.

## B

### Build
**Definition**: Turning sources into an image.
**Example**: `docker build .` builds one.
"""


def test_terms_under_headings_with_labelled_lines_are_one_term_per_heading(
    tmp_path: Path,
) -> None:
    source = tmp_path / "GLOSSARY.md"
    source.write_text(LABELLED, encoding="utf-8")

    report = import_glossary("markdown", source, tmp_path / "out")

    assert report.ok, [d.format() for d in report.diagnostics]
    assert sorted(path.stem for path in report.written) == ["addon", "alias", "build"]
    addon = (tmp_path / "out" / "addon.md").read_text(encoding="utf-8")
    assert "**Example**: The `dns` addon runs CoreDNS." in " ".join(addon.split())
