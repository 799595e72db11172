"""The per-review report in Markdown: the review's own record, what needs attention first
(retractions, then mismatches, ...), one line per reference, then counts and repairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from allrefs.model import VERDICT_ORDER, Entry, Finding, Reference, Severity, Verdict
from allrefs.pipeline import Review

_ATTENTION = (Verdict.MISMATCH, Verdict.NOT_FOUND, Verdict.AMBIGUOUS, Verdict.UNMATCHED)
_REPAIR_CODES = ("doi-", "homoglyph")
_RETRACTION_CODES = ("retracted", "expression-of-concern")


def _md(text: str) -> str:
    """Escape what Markdown would otherwise interpret in text copied from a reference."""
    out = text.replace("\\", "\\\\").replace("\n", " ")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


def describe(reference: Reference) -> str:
    """'Hunger et al. (2015) Acute lymphoblastic leukemia in children. N Engl J Med 373:1541'."""
    first = reference.first_author_family or "[no author]"
    more = " et al." if len(reference.authors) > 1 or reference.et_al else ""
    year = f" ({reference.year})" if reference.year else ""
    parts = [f"{first}{more}{year}"]
    if reference.title:
        parts.append(reference.title)
    where = reference.container_title or ""
    if reference.volume:
        where += f" {reference.volume}"
    if reference.page_first:
        where += f":{reference.page_first}"
    if where.strip():
        parts.append(where.strip())
    # "Smith et al.. Widgets", "Why widgets?. Nature": a part's own mark ends its sentence
    return "".join(
        part if i == len(parts) - 1 else part + (" " if part.endswith((".", "?", "!")) else ". ")
        for i, part in enumerate(parts)
    )


def _record_lines(review: Review) -> list[str]:
    record = review.document.record
    lines = [
        f"# allrefs report: {review.key}",
        "",
        f"Source: `{review.document.source}` ({review.document.format})",
        "",
    ]
    if record is None:
        lines += ["The document states no bibliographic record of its own.", ""]
        return lines
    authors = "; ".join(p.display for p in record.authors) or "not stated"
    rows = [
        ("Title", record.title),
        ("Authors", authors),
        ("Journal", record.container_title),
        ("Year", str(record.year) if record.year else None),
        ("Volume", record.volume),
        ("Issue", record.issue),
        ("Pages", record.pages),
        ("DOI", record.doi),
    ]
    lines += ["## The review", "", "| field | value |", "|---|---|"]
    lines += [f"| {name} | {_md(value) if value else '*not stated*'} |" for name, value in rows]
    lines.append("")
    return lines


def _finding_text(finding: Finding) -> str:
    return f"**{finding.code}**: {_md(finding.message)}"


def _entry_line(entry: Entry, key: str) -> str:
    label = entry.reference.label or "?"
    text = f"- [{_md(label)}] `{key}` **{entry.verdict.value}**: {_md(describe(entry.reference))}"
    if entry.reference.doi:
        text += f" doi:{_md(entry.reference.doi)}"
    if entry.resolution.reason and entry.verdict is Verdict.UNCHECKED:
        text += f" ({_md(entry.resolution.reason)})"
    findings = sorted(entry.findings, key=lambda f: f.severity.rank)
    for finding in findings:
        text += f"\n    - {_finding_text(finding)}"
    return text


def render_report(review: Review) -> str:
    """The whole Markdown report for one review."""
    document = review.document
    entries = review.entries
    keys = review.citation_keys
    lines = _record_lines(review)

    retracted = [
        (e, k)
        for e, k in zip(entries, keys, strict=True)
        if any(f.code in _RETRACTION_CODES for f in e.findings)
    ]
    attention = [(e, k) for e, k in zip(entries, keys, strict=True) if e.verdict in _ATTENTION]
    attention.sort(key=lambda ek: _ATTENTION.index(ek[0].verdict))
    doc_problems = [f for f in document.findings if f.severity is not Severity.INFO]

    lines += ["## Needs attention", ""]
    if not (retracted or attention or doc_problems):
        lines += ["Nothing: no retracted works, no mismatched or unknown DOIs.", ""]
    if retracted:
        lines += ["### Retracted or under an expression of concern", ""]
        lines += [_entry_line(e, k) for e, k in retracted] + [""]
    if doc_problems:
        lines += ["### The document", ""]
        lines += [
            f"- {_finding_text(f)}" for f in sorted(doc_problems, key=lambda f: f.severity.rank)
        ]
        lines.append("")
    if attention:
        lines += ["### Verdicts to check", ""]
        lines += [_entry_line(e, k) for e, k in attention] + [""]

    lines += [f"## References ({len(entries)})", ""]
    if entries:
        lines += [_entry_line(e, k) for e, k in zip(entries, keys, strict=True)]
    elif document.markers:
        lines.append("The document prints no reference list.")
    else:
        lines.append("No references found.")
    lines.append("")
    info = [f for f in document.findings if f.severity is Severity.INFO]
    if info:
        lines += ["### Notes on the document", ""]
        lines += [f"- {_finding_text(f)}" for f in info] + [""]

    lines += _summary(review)
    return "\n".join(lines).rstrip() + "\n"


def _summary(review: Review) -> list[str]:
    entries = review.entries
    counts = Counter(e.verdict for e in entries)
    cited = sorted({label for m in review.document.markers for label in m.labels}, key=_label_order)
    lines = ["## Summary", "", f"- references in the list: {len(entries)}"]
    if review.document.markers:
        lines.append(f"- references cited in the text: {len(cited)}")
    for verdict in VERDICT_ORDER:
        if counts[verdict]:
            lines.append(f"- {verdict.value}: {counts[verdict]}")
    reasons = sorted(
        {
            e.resolution.reason
            for e in entries
            if e.verdict is Verdict.UNCHECKED and e.resolution.reason
        }
    )
    for reason in reasons:
        lines.append(f"- unchecked because: {_md(reason)}")
    repairs = _repairs(entries)
    lines += ["", "### Repairs made", ""]
    if repairs:
        lines += [f"- [{_md(label)}] {_finding_text(f)}" for label, f in repairs]
    else:
        lines.append("None.")
    return lines


def _repairs(entries: Sequence[Entry]) -> list[tuple[str, Finding]]:
    return [
        (e.reference.label or "?", f)
        for e in entries
        for f in e.findings
        if f.code.startswith(_REPAIR_CODES) and f.severity is not Severity.INFO
    ]


def _label_order(label: str) -> tuple[int, str]:
    return (int(label), "") if label.isdigit() else (10**9, label)
