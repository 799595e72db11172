"""The stages in order, as one readable list: ingest → parse/normalize → resolve → emit.

A :class:`Review` is one document carried through the pipeline with its entries. The
resolver is passed in, so the same pipeline runs offline, against Crossref, or in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from allrefs.keys import base_key, citation_keys
from allrefs.model import Document, Entry, Reference
from allrefs.text import slug

#: Resolves references to entries; must return one Entry per reference, in order.
Resolver = Callable[[Sequence[Reference]], list[Entry]]


@attrs.frozen
class Review:
    """One document after resolution: its key, its entries (in list order) and their keys."""

    document: Document
    key: str
    entries: tuple[Entry, ...]
    citation_keys: tuple[str, ...]


def review_key(document: Document) -> str:
    """First author's family name + year + first title word (as citation keys are made),
    safe for a file name; the file's own name when the document states no record."""
    if document.record is not None and (document.record.authors or document.record.title):
        return base_key(document.record)
    stem = slug(document.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0], max_len=40)
    return stem or "review"


def unique_review_keys(documents: Sequence[Document]) -> list[str]:
    """Review keys, made unique across the run with -2, -3, ... in input order."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for document in documents:
        key = review_key(document)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return keys


def resolve_document(document: Document, key: str, resolver: Resolver) -> Review:
    """Run the resolver over a document's references; never drops one."""
    entries = resolver(document.references)
    if len(entries) != len(document.references):
        raise RuntimeError(
            f"resolver returned {len(entries)} entries for {len(document.references)} references"
        )
    keys = citation_keys([entry.reference for entry in entries])
    return Review(document=document, key=key, entries=tuple(entries), citation_keys=tuple(keys))


def resolve_documents(documents: Sequence[Document], resolver: Resolver) -> list[Review]:
    keys = unique_review_keys(documents)
    return [resolve_document(doc, key, resolver) for doc, key in zip(documents, keys, strict=True)]
