"""The cross-review library: the works cited by a set of reviews, which review cites each
under which label, how much the reviews overlap (pairwise counts and the corrected covered
area), and duplicates inside one review. Pure: reviews in, values and text out."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import attrs

from allrefs.dedupe import corrected_covered_area, dedupe_entries, overlap
from allrefs.emit import csl_item, dump_json, to_bibtex
from allrefs.model import Entry, Finding, Reference, Severity, Work
from allrefs.pipeline import Review
from allrefs.report import describe

_DUPLICATE = "duplicate-in-document"


@attrs.frozen
class Library:
    """Works across the reviews of one run, with the overlap between those reviews."""

    works: tuple[Work, ...]
    review_keys: tuple[str, ...]
    overlap: tuple[tuple[int, ...], ...]
    cca: float | None
    #: (review key, label) -> the entry, so the library can show each citation's verdict
    entries: dict[tuple[str, str | None], Entry] = attrs.field(eq=False, repr=False)


def build_library(reviews: Sequence[Review]) -> Library:
    """Deduplicate every entry of every review into works."""
    by_source = {review.document.source: review.key for review in reviews}

    def document_key(reference: Reference) -> str:
        source = reference.origin.source if reference.origin else ""
        return by_source.get(source, source)

    entries = [entry for review in reviews for entry in review.entries]
    works = tuple(dedupe_entries(entries, document_key=document_key))
    keys = tuple(review.key for review in reviews)
    lookup = {
        (review.key, entry.reference.label): entry for review in reviews for entry in review.entries
    }
    return Library(
        works=works,
        review_keys=keys,
        overlap=tuple(tuple(row) for row in overlap(works, keys)),
        cca=corrected_covered_area(works, keys),
        entries=lookup,
    )


def mark_duplicates(review: Review, library: Library) -> Review:
    """Add a finding to every entry of ``review`` that lists a work another entry lists too."""
    duplicated: dict[str | None, list[str]] = {}
    for work in library.works:
        labels = [c.label for c in work.cited_by if c.document == review.key]
        if len(labels) > 1:
            for label in labels:
                duplicated[label] = [other or "?" for other in labels if other != label]
    if not duplicated:
        return review
    entries = []
    for entry in review.entries:
        others = duplicated.get(entry.reference.label)
        if others:
            finding_message = (
                f"entry {entry.reference.label} cites the same work as entry "
                f"{', '.join(others)} of this list"
            )
            finding = Finding(_DUPLICATE, finding_message, Severity.WARNING)
            entry = attrs.evolve(entry, reference=entry.reference.with_findings([finding]))
        entries.append(entry)
    return attrs.evolve(review, entries=tuple(entries))


def library_bibtex(library: Library) -> str:
    return to_bibtex(
        [Entry(reference=w.record) for w in library.works], keys=[w.id for w in library.works]
    )


def library_csl_json(library: Library) -> list[dict[str, Any]]:
    """One CSL item per work; ``custom.allrefs.cited_by`` lists (review, label, verdict)."""
    items = []
    for work in library.works:
        cited_by = []
        for citing in work.cited_by:
            entry = library.entries.get((citing.document, citing.label))
            cited_by.append(
                {
                    "review": citing.document,
                    "label": citing.label,
                    "verdict": entry.verdict.value if entry else None,
                }
            )
        verdicts = sorted({c["verdict"] for c in cited_by if c["verdict"]})
        extra: dict[str, Any] = {
            "cited_by": cited_by,
            "work_findings": [f.as_dict() for f in work.findings],
        }
        item = csl_item(Entry(reference=work.record), work.id, extra)
        # a work's verdict is its citations' verdict when they agree
        item["custom"]["allrefs"]["verdict"] = verdicts[0] if len(verdicts) == 1 else "mixed"
        items.append(item)
    return items


def overlap_csv(library: Library) -> str:
    """Reviews x reviews: the number of works each pair shares; the diagonal is each
    review's own number of distinct works."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["review", *library.review_keys])
    for key, row in zip(library.review_keys, library.overlap, strict=True):
        writer.writerow([key, *row])
    return out.getvalue()


def library_report(library: Library) -> str:
    """Markdown: the overlap, the CCA, and the works cited by more than one review."""
    lines = ["# allrefs library", ""]
    lines += [f"Reviews: {len(library.review_keys)}; distinct works: {len(library.works)}.", ""]
    cca = library.cca
    if cca is None:
        lines.append("Corrected covered area: not defined (needs two reviews and one work).")
    else:
        lines.append(
            f"Corrected covered area (Pieper et al. 2014): {cca:.4f} ({cca * 100:.1f}%, "
            f"{_cca_band(cca)} overlap)."
        )
    lines += [
        "",
        "## Shared works per pair of reviews",
        "",
        "| review | " + " | ".join(library.review_keys) + " |",
    ]
    lines.append("|---|" + "---:|" * len(library.review_keys))
    for key, row in zip(library.review_keys, library.overlap, strict=True):
        lines.append(f"| {key} | " + " | ".join(str(n) for n in row) + " |")
    shared = [w for w in library.works if len({c.document for c in w.cited_by}) > 1]
    lines += ["", f"## Works cited by more than one review ({len(shared)})", ""]
    if not shared:
        lines.append("None.")
    for work in shared:
        where = ", ".join(f"{c.document} [{c.label}]" for c in work.cited_by)
        lines.append(f"- `{work.id}`: {describe(work.record)} (cited by {where})")
    return "\n".join(lines) + "\n"


def _cca_band(cca: float) -> str:
    # Pieper et al.'s bands: slight < 5%, moderate 5-10%, high 10-15%, very high > 15%
    if cca < 0.05:
        return "slight"
    if cca < 0.10:
        return "moderate"
    if cca < 0.15:
        return "high"
    return "very high"


def library_json_text(library: Library) -> str:
    return dump_json(library_csl_json(library))
