"""allrefs: parse, repair, verify and deduplicate the reference lists of review articles.

The public API; the command line (``allrefs``) is built on it.
"""

from __future__ import annotations

from allrefs.doi import extract_doi
from allrefs.emit import to_bibtex, to_csl_json
from allrefs.errors import AllrefsError, InputError, OutputError
from allrefs.ingest import read_document, read_documents
from allrefs.model import (
    Document,
    Entry,
    Evidence,
    Finding,
    Marker,
    Origin,
    Person,
    Reference,
    Resolution,
    Severity,
    Verdict,
    Work,
)
from allrefs.parse import parse_reference

__version__ = "0.1.0"

__all__ = [
    "AllrefsError",
    "Document",
    "Entry",
    "Evidence",
    "Finding",
    "InputError",
    "Marker",
    "Origin",
    "OutputError",
    "Person",
    "Reference",
    "Resolution",
    "Severity",
    "Verdict",
    "Work",
    "__version__",
    "extract_doi",
    "parse_reference",
    "read_document",
    "read_documents",
    "to_bibtex",
    "to_csl_json",
]
