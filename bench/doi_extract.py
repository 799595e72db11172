"""Benchmark DOI extraction on biblio-glutton's 17,015 PDF-extracted references and their DOIs.

    python bench/doi_extract.py [--data DIR] [--show-failures N]

DIR defaults to ../shared/data beside the repository; the file is
DIR/doi/references-doi-matching.json.gz, from https://github.com/kermitt2/biblio-glutton
(doc/references-doi-matching.json.gz, Apache-2.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from allrefs.doi import extract_doi, normalize_doi  # noqa: E402
from allrefs.text import INVISIBLE_CHARS  # noqa: E402

DATA_FILE = Path("doi") / "references-doi-matching.json.gz"
DOWNLOAD = (
    "https://github.com/kermitt2/biblio-glutton/raw/master/doc/references-doi-matching.json.gz"
)
#: The pattern most tools use (Crossref's blog post); first match, lower-cased, nothing else.
BASELINE_RE = re.compile(r"10\.\d{4,9}/[-._;()/:A-Z0-9]+", re.IGNORECASE)
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def baseline_doi(text: str) -> str | None:
    found = BASELINE_RE.search(text)
    return found.group().lower() if found else None


def baseline_unwrapped(text: str) -> str | None:
    """The baseline on the string with all whitespace removed (undoes PDF wrapping, crudely)."""
    return baseline_doi(re.sub(r"\s+", "", text))


def squash(text: str) -> str:
    """The string with whitespace and invisible characters gone and dashes made hyphens."""
    text = "".join(ch for ch in text if not ch.isspace() and ch not in INVISIBLE_CHARS)
    return text.translate(_DASHES).lower()


def alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def true_doi(value: str) -> str:
    match = normalize_doi(value)
    return match.canonical if match else squash(value)


def load(data: Path) -> list[dict[str, str]]:
    path = data / DATA_FILE
    if not path.exists():
        sys.exit(
            f"{path} not found.\nDownload it with:\n  mkdir -p {path.parent} && "
            f"curl -L -o {path} {DOWNLOAD}\nor pass --data DIR (the folder holding doi/)."
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records: list[dict[str, str]] = json.load(handle)
    return records


def evaluate(
    records: list[dict[str, str]], truths: list[str], extract: Callable[[str], str | None]
) -> dict[str, object]:
    start = time.perf_counter()
    got = [extract(r["reference"]) for r in records]
    seconds = time.perf_counter() - start
    counts = {"present": 0, "loose": 0, "exact": 0, "wrong": 0, "missed": 0, "spurious": 0}
    failures: list[tuple[str, str, str | None]] = []
    for record, truth, found in zip(records, truths, got, strict=True):
        raw = record["reference"]
        present = truth in squash(raw)
        loose = present or alnum(truth) in alnum(raw)
        counts["present"] += present
        counts["loose"] += loose
        if loose:
            if found == truth:
                counts["exact"] += 1
            elif found is None:
                counts["missed"] += 1
                failures.append((raw, truth, found))
            else:
                counts["wrong"] += 1
                failures.append((raw, truth, found))
        elif found is not None:
            counts["spurious"] += 1
            failures.append((raw, truth, found))
    return {"counts": counts, "seconds": seconds, "failures": failures, "n": len(records)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    args = parser.parse_args()
    records = load(args.data)
    truths = [true_doi(r["doi"]) for r in records]
    ours = evaluate(records, truths, extract_doi)
    base = evaluate(records, truths, baseline_doi)
    crude = evaluate(records, truths, baseline_unwrapped)

    oc, bc, cc = ours["counts"], base["counts"], crude["counts"]
    assert isinstance(oc, dict) and isinstance(bc, dict) and isinstance(cc, dict)
    n = len(records)
    print(f"{n:,} reference strings from {args.data / DATA_FILE}\n")
    print(
        f"- true DOI in the string (after removing whitespace/invisibles, dashes → '-'): "
        f"{oc['present']:,}"
    )
    print(f"- true DOI in the string by a looser check (letters and digits only): {oc['loose']:,}")
    print()
    print("| | allrefs `extract_doi` | baseline regex | baseline, whitespace removed first |")
    print("|---|---:|---:|---:|")
    for label, key in (
        ("true DOI recovered exactly", "exact"),
        ("true DOI in string, no DOI returned", "missed"),
        ("true DOI in string, a wrong DOI returned", "wrong"),
        ("true DOI not in string, a DOI returned anyway", "spurious"),
    ):
        print(f"| {label} | {oc[key]:,} | {bc[key]:,} | {cc[key]:,} |")
    loose = oc["loose"] or 1
    print(
        f"| recall (exact / present, loose) | {oc['exact'] / loose:.3f} | "
        f"{bc['exact'] / loose:.3f} | {cc['exact'] / loose:.3f} |"
    )
    for result in (ours, base, crude):
        seconds = result["seconds"]
        assert isinstance(seconds, float)
        result["rate"] = n / seconds if seconds else float("inf")
    print(
        f"| throughput (strings/s) | {ours['rate']:,.0f} | {base['rate']:,.0f} | "
        f"{crude['rate']:,.0f} |"
    )

    failures = ours["failures"]
    assert isinstance(failures, list)
    for raw, truth, found in failures[: args.show_failures]:
        print(f"\n{raw!r}\n  true: {truth}\n  got:  {found}")


if __name__ == "__main__":
    main()
