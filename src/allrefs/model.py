"""The values that flow between stages: references, findings, documents, resolutions, works.

Every class is a frozen attrs class; a stage changes a value with ``attrs.evolve``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs


class Verdict(enum.StrEnum):
    """One per reference: what checking it against the registries concluded."""

    VERIFIED = "verified"
    REPAIRED = "repaired"
    MISMATCH = "mismatch"
    NOT_FOUND = "not_found"
    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"
    UNCHECKED = "unchecked"


#: Order in which a report lists verdicts: what needs the author's attention first.
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.MISMATCH,
    Verdict.NOT_FOUND,
    Verdict.AMBIGUOUS,
    Verdict.UNMATCHED,
    Verdict.REPAIRED,
    Verdict.FOUND,
    Verdict.VERIFIED,
    Verdict.UNCHECKED,
)


class Severity(enum.StrEnum):
    """How urgently a finding needs a person: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@attrs.frozen
class Finding:
    """Something worth telling the user about one reference or document. Data, never raised."""

    code: str
    message: str
    severity: Severity = Severity.INFO
    field: str | None = None

    def as_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message, "severity": self.severity.value}
        if self.field:
            out["field"] = self.field
        return out


@attrs.frozen
class Person:
    """An author or editor. ``literal`` holds organisations and names we could not split."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None

    @property
    def display(self) -> str:
        if self.literal:
            return self.literal
        return ", ".join(p for p in (self.family, self.given) if p)


@attrs.frozen
class Origin:
    """Where a reference came from: the input file and the 1-based line it starts on."""

    source: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


@attrs.frozen
class Reference:
    """A work as cited: CSL-shaped fields plus the raw text, its label and its origin."""

    raw: str = ""
    label: str | None = None
    origin: Origin | None = None
    type: str = "article-journal"
    authors: tuple[Person, ...] = ()
    et_al: bool = False
    editors: tuple[Person, ...] = ()
    title: str | None = None
    container_title: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    page_first: str | None = None
    page_last: str | None = None
    doi: str | None = None
    doi_printed: str | None = None
    pmid: str | None = None
    url: str | None = None
    #: a key the source gave the entry (BibTeX key, CSL id); kept when safe to reuse
    source_key: str | None = None
    findings: tuple[Finding, ...] = ()
    #: edition of a book as printed ("2", "2nd", "revised"); dedupe keeps editions apart
    edition: str | None = None
    #: a report's or a standard's number as printed ("3GPP TS 23.501", "ISO/IEC 23009-1:2014")
    number: str | None = None
    #: the arXiv identifier cited ("1504.01230v2", "hep-th/9611160"), found like the DOI
    arxiv: str | None = None
    #: abstract from a database export, when the source has one
    abstract: str | None = None

    @property
    def first_author_family(self) -> str | None:
        for person in self.authors:
            return person.family or person.literal
        return None

    @property
    def pages(self) -> str | None:
        if self.page_first and self.page_last and self.page_last != self.page_first:
            return f"{self.page_first}-{self.page_last}"
        return self.page_first

    def with_findings(self, findings: Iterable[Finding]) -> Reference:
        new = tuple(f for f in findings if f not in self.findings)
        return attrs.evolve(self, findings=self.findings + new) if new else self


@attrs.frozen
class Evidence:
    """One field's comparison between the citation and a registered record."""

    field: str
    cited: str | None
    registered: str | None
    agrees: bool | None  # None: one side is missing, nothing to compare
    score: float | None = None


@attrs.frozen
class Resolution:
    """What checking a reference found: verdict, the registered record, and why."""

    verdict: Verdict = Verdict.UNCHECKED
    record: Reference | None = None
    score: float | None = None
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    candidates: tuple[Reference, ...] = ()
    #: for unchecked: why it was not checked ("offline", "network unreachable", ...)
    reason: str | None = None


@attrs.frozen
class Entry:
    """A reference together with its resolution: what every output writes one of."""

    reference: Reference
    resolution: Resolution = Resolution()

    @property
    def verdict(self) -> Verdict:
        return self.resolution.verdict

    @property
    def findings(self) -> tuple[Finding, ...]:
        seen = list(self.reference.findings)
        seen.extend(f for f in self.resolution.findings if f not in seen)
        return tuple(seen)


@attrs.frozen
class Marker:
    """An in-text citation marker such as ``(4-6)``, expanded to the labels it cites."""

    text: str
    labels: tuple[str, ...]
    line: int


@attrs.frozen
class Document:
    """One review: its own record, its reference list and its in-text citation markers."""

    source: str
    format: str
    record: Reference | None = None
    references: tuple[Reference, ...] = ()
    markers: tuple[Marker, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: true when the document had a recognisable reference section (even an empty one)
    has_reference_section: bool = False


@attrs.frozen
class Citing:
    """One place that cites a work: the document's key and the label it gave the work."""

    document: str
    label: str | None
    origin: Origin | None = None


@attrs.frozen
class Work:
    """One real-world work after deduplication, with every reference that cites it."""

    id: str
    record: Reference
    members: tuple[Reference, ...] = ()
    cited_by: tuple[Citing, ...] = ()
    findings: tuple[Finding, ...] = ()
