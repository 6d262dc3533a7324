"""Build time and peak memory of glossary-site alone on synthetic glossaries.

    python bench/build_time.py [--terms 1000 10000] [--repeat 3]

Kept for its old command line: it is ``bench/compare.py --peers none``, which builds
each corpus cold, warm and after one edit, and prints the medians (the table is not
written to bench/results.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, nargs="+", default=[3])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results.md"
        terms = [str(n) for n in options.terms]
        compare.main(
            [
                "--peers",
                "none",
                "--terms",
                *terms,
                "--repeat",
                *map(str, options.repeat),
                "--results",
                str(results),
            ]
        )


if __name__ == "__main__":
    main()
