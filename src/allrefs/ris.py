"""RIS out (for Zotero, EndNote, Mendeley, JabRef), written with rispy so that what we write
is what the reference managers' own parser reads back. Pure: values in, text out.

Reading RIS stays with :func:`allrefs.exports.read_ris` (tolerant, keeps broken records
with findings); :func:`read_ris_records` here is rispy's reader, for round-trip checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rispy  # type: ignore[import-untyped]

from allrefs.formatting import tidy_et_al
from allrefs.keys import citation_keys
from allrefs.model import Entry, Person, Reference

Item = Reference | Entry

__all__ = ["RIS_MAPPING", "RIS_TYPES", "dump_records", "read_ris_records", "ris_record", "to_ris"]

#: CSL type -> RIS TY. RIS has no exact match for some CSL types (see docs/manuscripts.md).
RIS_TYPES: dict[str, str] = {
    "article-journal": "JOUR",
    "article": "JOUR",
    "review": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "book": "BOOK",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "dataset": "DATA",
    "software": "COMP",
    "motion_picture": "MPCT",
    "broadcast": "SOUND",
    "speech": "SLIDE",
    "map": "MAP",
    "graphic": "ART",
    "post": "ELEC",
    "manuscript": "UNPB",
    "patent": "PAT",
    "standard": "STAND",
    "abstract": "ABST",
    "document": "GEN",
}
#: rispy's tag map plus ``ED`` (editor), which Zotero, EndNote and allrefs' reader use
RIS_MAPPING: dict[str, str] = {**rispy.TAG_KEY_MAPPING, "ED": "editors"}
_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "ED"]


class _Writer(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer without the ``1.`` line it puts before each record: EndNote and
    Zotero skip it, but it is not RIS and stricter readers stop at it."""

    def set_header(self, count: int) -> str:
        return ""


def _ris_name(person: Person) -> str:
    if person.literal or not person.family:
        return person.literal or person.given or ""
    return f"{person.family}, {person.given}" if person.given else person.family


def ris_record(reference: Reference, key: str) -> dict[str, Any]:
    """One record as rispy's dict (rispy's field names; ``editors`` for ED)."""
    r = reference
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(r.type, "GEN"), "id": key}
    if r.authors:
        record["authors"] = [_ris_name(p) for p in r.authors]
    if r.editors:
        record["editors"] = [_ris_name(p) for p in r.editors]
    simple = {
        "title": r.title,
        "secondary_title": r.container_title,
        "publisher": r.publisher,
        "place_published": r.publisher_place,
        "year": str(r.year) if r.year else None,
        "volume": r.volume,
        "number": r.issue,
        "start_page": r.page_first,
        "end_page": r.page_last if r.page_last and r.page_last != r.page_first else None,
        "edition": r.edition,
        "doi": r.doi,
        "accession_number": r.pmid,
        "abstract": r.abstract,
    }
    for name, value in simple.items():
        if value:
            # a RIS value is one line: a newline would start a bogus tag line
            record[name] = " ".join(str(value).split())
    if r.url:
        record["urls"] = [r.url]
    if r.et_al:
        record["notes"] = ["allrefs: the cited author list ended in et al."]
    return record


def to_ris(items: Sequence[Item], *, keys: Sequence[str] | None = None) -> str:
    """A RIS file, one record per item, in order; ``ID`` holds the citation key."""
    references = [tidy_et_al(item.reference if isinstance(item, Entry) else item) for item in items]
    keys = list(keys) if keys is not None else citation_keys(references)
    return dump_records([ris_record(ref, key) for ref, key in zip(references, keys, strict=True)])


def dump_records(records: Sequence[dict[str, Any]]) -> str:
    """RIS text for records made by :func:`ris_record` (and extended by the caller)."""
    if not records:
        return ""
    text: str = rispy.dumps(
        list(records), implementation=_Writer, mapping=RIS_MAPPING, list_tags=_LIST_TAGS
    )
    # rispy separates records with a blank line and ends with one; keep one newline at the end
    return text.rstrip("\n") + "\n"


def read_ris_records(text: str) -> list[dict[str, Any]]:
    """RIS text read by rispy (the reader reference managers' Python tools use)."""
    records: list[dict[str, Any]] = rispy.loads(text, mapping=RIS_MAPPING, list_tags=_LIST_TAGS)
    return records
