"""Registered records as allrefs values: a Crossref ``message`` or doi.org CSL-JSON in,
a :class:`RegisteredWork` (a :class:`Reference` plus what only a registry knows) out.

Pure conversion, no HTTP. Update notices (retraction, correction, expression of concern)
are read here and de-duplicated across the sources that report them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from allrefs.ingest import csl_persons
from allrefs.model import Finding, Person, Reference, Severity
from allrefs.parse import split_pages

__all__ = [
    "CROSSREF_TYPES",
    "Notice",
    "RegisteredWork",
    "notice_findings",
    "notices_from_crossref",
    "reference_from_crossref",
    "reference_from_csl",
    "work_from_crossref",
    "work_from_csl",
]

#: Crossref work types -> CSL types
CROSSREF_TYPES: dict[str, str] = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "book-track": "chapter",
    "reference-entry": "entry",
    "report": "report",
    "report-component": "report",
    "report-series": "report",
    "dissertation": "thesis",
    "dataset": "dataset",
    "database": "dataset",
    "component": "article",
    "standard": "standard",
    "peer-review": "review",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "proceedings": "book",
    "proceedings-series": "book",
    "grant": "document",
    "other": "document",
}

#: Crossref update types -> (finding code, severity, words)
_UPDATE_KINDS: dict[str, tuple[str, Severity, str]] = {
    "retraction": ("retracted", Severity.ERROR, "retracted"),
    "withdrawal": ("retracted", Severity.ERROR, "withdrawn"),
    "removal": ("retracted", Severity.ERROR, "removed"),
    "partial-retraction": ("partially-retracted", Severity.ERROR, "partially retracted"),
    "expression-of-concern": (
        "expression-of-concern",
        Severity.WARNING,
        "the subject of an expression of concern",
    ),
    "correction": ("corrected", Severity.WARNING, "corrected"),
    "corrigendum": ("corrected", Severity.WARNING, "corrected (corrigendum)"),
    "erratum": ("corrected", Severity.WARNING, "corrected (erratum)"),
    "addendum": ("updated", Severity.INFO, "updated (addendum)"),
    "clarification": ("updated", Severity.INFO, "updated (clarification)"),
    "new-version": ("new-version", Severity.INFO, "superseded by a new version"),
    "new-edition": ("new-version", Severity.INFO, "superseded by a new edition"),
}

_SOURCE_NAMES = {"retraction-watch": "Retraction Watch", "publisher": "the publisher"}

#: ``relation`` keys that mean an update, in case a deposit uses them instead of updated-by
_RELATION_UPDATES = {
    "is-retracted-by": "retraction",
    "has-retraction": "retraction",
    "is-corrected-by": "correction",
    "has-correction": "correction",
    "has-expression-of-concern": "expression-of-concern",
}


@attrs.frozen
class Notice:
    """One update to a work (a retraction, a correction, ...), merged across sources."""

    kind: str  # Crossref's update type, dashes: "retraction", "expression-of-concern", ...
    doi: str | None = None
    date: str | None = None  # ISO, as precise as the registry gives it
    sources: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return _UPDATE_KINDS.get(self.kind, ("updated", Severity.INFO, ""))[0]

    @property
    def severity(self) -> Severity:
        return _UPDATE_KINDS.get(self.kind, ("updated", Severity.INFO, ""))[1]


@attrs.frozen
class RegisteredWork:
    """A registered record: the reference as registered, plus what only a registry knows."""

    reference: Reference
    registry_type: str | None = None  # Crossref's own type ("journal-article", ...)
    short_container_titles: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()
    #: when this record is itself a notice: the DOIs it updates, with the update kind
    updates: tuple[tuple[str, str], ...] = ()
    #: DOIs of the version of record, when this record is a preprint of it
    preprint_of: tuple[str, ...] = ()
    #: search relevance (list routes only)
    score: float | None = None
    source: str = "crossref"

    @property
    def doi(self) -> str | None:
        return self.reference.doi

    @property
    def is_preprint(self) -> bool:
        return self.registry_type == "posted-content" or self.reference.type == "article"

    @property
    def is_notice(self) -> bool:
        return bool(self.updates)


def work_from_crossref(message: Mapping[str, Any]) -> RegisteredWork:
    """A Crossref ``message`` (from /works/{doi} or a list's items) as a RegisteredWork."""
    updates = tuple(
        (doi, kind)
        for entry in _dicts(message.get("update-to"))
        if (doi := _text(entry.get("DOI"))) and (kind := _update_kind(entry.get("type")))
    )
    preprint_of = tuple(
        str(item.get("id")).lower()
        for item in _dicts(_mapping(message.get("relation")).get("is-preprint-of"))
        if str(item.get("id-type", "doi")).lower() == "doi" and item.get("id")
    )
    score = message.get("score")
    return RegisteredWork(
        reference=reference_from_crossref(message),
        registry_type=_text(message.get("type")),
        short_container_titles=tuple(
            t for t in (_clean(x) for x in _strings(message.get("short-container-title"))) if t
        ),
        notices=notices_from_crossref(message),
        updates=updates,
        preprint_of=preprint_of,
        score=float(score) if isinstance(score, int | float) else None,
        source="crossref",
    )


def reference_from_crossref(message: Mapping[str, Any]) -> Reference:
    """The registered fields of a Crossref work as a Reference."""
    crossref_type = _text(message.get("type")) or "other"
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if title and subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    page_first, page_last = split_pages(_text(message.get("page")))
    if page_first is None:
        page_first = _text(message.get("article-number"))
    return Reference(
        type=CROSSREF_TYPES.get(crossref_type, "document"),
        authors=_crossref_people(message.get("author")),
        editors=_crossref_people(message.get("editor")),
        title=title,
        container_title=_first(message.get("container-title")),
        publisher=_clean(_text(message.get("publisher"))),
        year=_year(message.get("issued"))
        or _year(message.get("published-print"))
        or _year(message.get("published-online")),
        volume=_text(message.get("volume")),
        issue=_text(message.get("issue")),
        page_first=page_first,
        page_last=page_last,
        doi=(_text(message.get("DOI")) or "").lower() or None,
    )


def work_from_csl(item: Mapping[str, Any]) -> RegisteredWork:
    """doi.org CSL-JSON (any agency) as a RegisteredWork."""
    short = _strings(item.get("container-title-short")) or _strings(item.get("journalAbbreviation"))
    return RegisteredWork(
        reference=reference_from_csl(item),
        registry_type=None,
        short_container_titles=tuple(t for t in (_clean(x) for x in short) if t),
        notices=notices_from_crossref(item),  # Crossref's CSL carries updated-by too
        source="doi.org",
    )


def reference_from_csl(item: Mapping[str, Any]) -> Reference:
    """A CSL-JSON item (as doi.org content negotiation returns it) as a Reference."""
    page_first, page_last = split_pages(_text(item.get("page")))
    if page_first is None:
        page_first = _text(item.get("number")) if item.get("type") == "article-journal" else None
    csl_type = _text(item.get("type")) or "document"
    return Reference(
        type=CROSSREF_TYPES.get(csl_type, csl_type),
        authors=csl_persons(item.get("author")),
        editors=csl_persons(item.get("editor")),
        title=_first(item.get("title")),
        container_title=_first(item.get("container-title")),
        publisher=_clean(_text(item.get("publisher"))),
        publisher_place=_clean(_text(item.get("publisher-place"))),
        year=_year(item.get("issued")) or _year(item.get("published-print")),
        volume=_text(item.get("volume")),
        issue=_text(item.get("issue")),
        page_first=page_first,
        page_last=page_last,
        doi=(_text(item.get("DOI")) or "").lower() or None,
        url=_text(item.get("URL")),
    )


def notices_from_crossref(message: Mapping[str, Any]) -> tuple[Notice, ...]:
    """Updates to this work from ``updated-by`` and ``relation``, one per event.

    The same retraction is often reported twice (by the publisher and by Retraction
    Watch); those become one notice listing both sources.
    """
    raw: list[Notice] = []
    for entry in _dicts(message.get("updated-by")):
        kind = _update_kind(entry.get("type"))
        if not kind:
            continue
        raw.append(
            Notice(
                kind=kind,
                doi=(_text(entry.get("DOI")) or "").lower() or None,
                date=_date(entry.get("updated")),
                sources=(_text(entry.get("source")) or "publisher",),
            )
        )
    for key, kind in _RELATION_UPDATES.items():
        for item in _dicts(_mapping(message.get("relation")).get(key)):
            if str(item.get("id-type", "doi")).lower() == "doi" and item.get("id"):
                raw.append(Notice(kind=kind, doi=str(item["id"]).lower(), sources=("relation",)))
    return _merge_notices(raw)


def _merge_notices(notices: Iterable[Notice]) -> tuple[Notice, ...]:
    merged: dict[tuple[str, str], Notice] = {}
    for notice in notices:
        # The same event: same kind of update and the same notice (or, without a DOI, day).
        key = (notice.code, notice.doi or notice.date or "")
        if notice.doi is None:
            same_kind = [k for k in merged if k[0] == notice.code]
            if same_kind:
                key = same_kind[0]
        old = merged.get(key)
        if old is None:
            merged[key] = notice
            continue
        merged[key] = attrs.evolve(
            old,
            doi=old.doi or notice.doi,
            date=min(d for d in (old.date, notice.date) if d) if old.date or notice.date else None,
            sources=tuple(dict.fromkeys(old.sources + notice.sources)),
        )
    return tuple(
        sorted(merged.values(), key=lambda n: (n.severity.rank, n.date or "", n.doi or ""))
    )


def notice_findings(notices: Iterable[Notice], doi: str | None = None) -> tuple[Finding, ...]:
    """One finding per notice: ``retracted`` (error), ``corrected``, ``expression-of-concern``..."""
    findings = []
    for notice in notices:
        words = _UPDATE_KINDS.get(notice.kind, ("updated", Severity.INFO, "updated"))[2]
        subject = f"{doi} was" if doi else "This work was"
        when = f" on {notice.date}" if notice.date else ""
        what = f" (notice {notice.doi}" if notice.doi else " ("
        sources = " and ".join(_SOURCE_NAMES.get(s, s) for s in notice.sources)
        what += f"{'; ' if notice.doi else ''}reported by {sources})" if sources else ")"
        advice = {
            Severity.ERROR: " Check whether the review relies on it, and cite the notice.",
            Severity.WARNING: " Check the notice before relying on the work.",
            Severity.INFO: "",
        }[notice.severity]
        findings.append(
            Finding(
                code=notice.code,
                message=f"{subject} {words}{when}{what}.{advice}".replace(" ().", "."),
                severity=notice.severity,
                field="doi",
            )
        )
    return tuple(findings)


# -- field helpers ------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = _SPACE.sub(" ", html.unescape(_TAG.sub("", value))).strip()
    return text or None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0] if value else None
        if value is None:
            return None
    text = str(value).strip()
    return text or None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str) and v.strip()]
    return []


def _first(value: Any) -> str | None:
    for text in _strings(value):
        cleaned = _clean(text)
        if cleaned:
            return cleaned
    return None


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _update_kind(value: Any) -> str | None:
    text = (_text(value) or "").lower().replace("_", "-").replace(" ", "-")
    return text or None


def _date_parts(value: Any) -> list[int]:
    parts = _mapping(value).get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list):
        out = []
        for part in parts[0]:
            try:
                out.append(int(part))
            except (TypeError, ValueError):
                break
        return out
    return []


def _year(value: Any) -> int | None:
    parts = _date_parts(value)
    return parts[0] if parts and 0 < parts[0] < 10000 else None


def _date(value: Any) -> str | None:
    parts = _date_parts(value)
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _crossref_people(value: Any) -> tuple[Person, ...]:
    people = []
    for entry in _dicts(value):
        family = _clean(_text(entry.get("family")))
        given = _clean(_text(entry.get("given")))
        name = _clean(_text(entry.get("name")))
        if family:
            suffix = _clean(_text(entry.get("suffix")))
            people.append(
                Person(family=family, given=f"{given}, {suffix}" if suffix and given else given)
            )
        elif name or given:
            people.append(Person(literal=name or given))
    return tuple(people)
