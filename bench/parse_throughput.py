"""Parse throughput and field accuracy of ``allrefs.parse_reference`` on the 17,015 PubMed
Central reference strings of biblio-glutton (title, first author, journal, volume and first
page are labelled).

    python bench/parse_throughput.py [--data ../shared/data] [--limit N]

The data: ``doi/references-doi-matching.json.gz`` from https://github.com/kermitt2/biblio-glutton
(doc/), Apache-2.0. Throughput is measured in this process on one core, after import.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from allrefs import parse_reference
from allrefs.plaintext import join_wrapped
from allrefs.text import fold_for_match

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    path = args.data / "doi" / "references-doi-matching.json.gz"
    if not path.exists():
        print(
            f"{path} not found. Download doc/references-doi-matching.json.gz from "
            "https://github.com/kermitt2/biblio-glutton into DATA/doi/.",
            file=sys.stderr,
        )
        return 2
    records = json.loads(gzip.decompress(path.read_bytes()))
    if args.limit:
        records = records[: args.limit]
    # rejoined as the plain-text reader rejoins wrapped lines (hyphenation undone)
    strings = [join_wrapped(r["reference"].splitlines()) for r in records]

    started = time.perf_counter()
    parsed = [parse_reference(text) for text in strings]
    elapsed = time.perf_counter() - started

    def same(a: str | None, b: str | None) -> bool:
        return bool(a) and bool(b) and fold_for_match(a or "") == fold_for_match(b or "")

    fields = {
        "title": lambda r, g: same(r.title, g.get("atitle")),
        "first author": lambda r, g: same(r.first_author_family, g.get("firstAuthor")),
        "journal": lambda r, g: same(r.container_title, g.get("jtitle")),
        "volume": lambda r, g: same(r.volume, g.get("volume")),
        "first page": lambda r, g: same(r.page_first, g.get("firstPage")),
    }
    print(f"# parse_reference on {len(strings):,} PMC reference strings\n")
    print(f"throughput: {len(strings) / elapsed:,.0f} references/s ({elapsed:.2f} s, one core)\n")
    print("| field | labelled | exact match (folded) | accuracy |")
    print("|---|---:|---:|---:|")
    for name, check in fields.items():
        key = {"title": "atitle", "first author": "firstAuthor", "journal": "jtitle",
               "volume": "volume", "first page": "firstPage"}[name]  # fmt: skip
        labelled = [(r, g) for r, g in zip(parsed, records, strict=True) if g.get(key)]
        hits = sum(1 for r, g in labelled if check(r, g))
        print(f"| {name} | {len(labelled):,} | {hits:,} | {hits / max(len(labelled), 1):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
