"""Read input files into Documents: decode bytes, recognise the format, hand over to the
reader for plain text, BibTeX or CSL-JSON. The only IO here is reading the file."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    RemoveEnclosingMiddleware,
    SeparateCoAuthors,
    SplitNameParts,
)
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock
from bibtexparser.model import Entry as BibEntry

from allrefs.arxiv import find_arxiv, normalize_arxiv
from allrefs.doi import normalize_doi
from allrefs.errors import InputError
from allrefs.model import Document, Finding, Origin, Person, Reference, Severity
from allrefs.normalize import clean_reference_text, tidy_reference
from allrefs.parse import split_pages
from allrefs.plaintext import read_plaintext

#: Suffixes ``read_documents`` picks up when given a directory.
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".bib", ".bibtex", ".json", ".ris")
#: Files larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_document(path: str | Path) -> Document:
    """Read one review or bibliography file. Raises :class:`InputError` naming the file."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory; give a file, or use read_documents()")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                source,
                f"file is {size / 2**20:.0f} MiB; allrefs reads at most "
                f"{MAX_INPUT_BYTES // 2**20} MiB per file",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from error
    text, findings = decode(data, source)
    document = parse_document(text, source, suffix=path.suffix.lower())
    if findings:
        document = attrs.evolve(document, findings=tuple(findings) + document.findings)
    return document


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Every document under the given files and directories, in a stable (sorted) order."""
    for path in expand_paths(paths):
        yield read_document(path)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus the documents inside directories named; sorted, without repeats."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(str(path), "no such file or directory")
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                suffixes = ", ".join(DOCUMENT_SUFFIXES)
                raise InputError(str(path), f"directory holds no documents ({suffixes})")
            found.extend(inside)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def decode(data: bytes, source: str) -> tuple[str, list[Finding]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else Windows-1252."""
    if not data.strip():
        raise InputError(source, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise InputError(source, f"has a UTF-16 mark but is not UTF-16: {error}") from error
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise InputError(source, "looks like a binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error2:
            raise InputError(
                source,
                f"not UTF-8 (byte 0x{data[error.start]:02x}) and not Windows-1252 either "
                f"({error2.reason}); convert it to UTF-8",
                line,
            ) from error2
        message = (
            f"not valid UTF-8 (first bad byte 0x{data[error.start]:02x} on line {line}); "
            "read as Windows-1252"
        )
        return text, [Finding("encoding", message, Severity.WARNING)]


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def sniff_format(text: str, suffix: str = "") -> str:
    """'bibtex', 'csl-json', 'ris' or 'text', from the suffix and then the content."""
    by_suffix = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json", ".ris": "ris"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    head = text.lstrip()[:2000]
    if head.startswith(("[", "{")):
        return "csl-json"
    if re.match(r"@\w+\s*[{(]", head) or re.search(
        r"^\s*@(?:article|book|misc|inproceedings)\s*\{", head, re.I | re.M
    ):
        return "bibtex"
    if re.match(r"TY\s{2}-\s", head):
        return "ris"
    return "text"


def parse_document(text: str, source: str, *, suffix: str = "") -> Document:
    """Turn decoded text into a Document, by format."""
    kind = sniff_format(text, suffix)
    if kind == "bibtex":
        return read_bibtex(text, source)
    if kind == "csl-json":
        return read_csl_json(text, source)
    if kind == "ris":
        return _read_ris(text, source)
    return read_plaintext(text, source)


def _read_ris(text: str, source: str) -> Document:
    # the RIS reader lives with the database-export readers, which build on this module
    from allrefs.exports import read_ris

    export = read_ris(source, text=text)
    return Document(
        source=source,
        format="ris",
        references=export.references,
        findings=export.findings,
        has_reference_section=True,
    )


# --- BibTeX -------------------------------------------------------------------------------


def _arxiv_of(
    own: object, text: Callable[[str], str | None], printed_in: Iterable[str]
) -> str | None:
    """An entry's arXiv identifier: ``own``, the field that holds one (BibTeX's ``eprint``,
    our ``custom.allrefs.arxiv``), else one printed in the fields ``printed_in``."""
    if isinstance(own, str) and (found := normalize_arxiv(own)):
        return found
    for name in printed_in:
        if (value := text(name)) and (match := find_arxiv(value)):
            return match.arxiv
    return None


def _bibtex_arxiv(text: Callable[[str], str | None]) -> str | None:
    """``eprint`` with ``archiveprefix``/``eprinttype`` arXiv (or none given), else an
    identifier in the journal, note, URL or DOI (Google Scholar's ``journal = {arXiv preprint
    arXiv:1810.04805}``)."""
    prefix = (text("archiveprefix") or text("eprinttype") or "arxiv").lower()
    eprint = text("eprint") if prefix == "arxiv" else None
    printed_in = ("journal", "journaltitle", "note", "howpublished", "url", "doi")
    return _arxiv_of(eprint, text, printed_in)


_BIBTEX_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "manual": "report",
    "misc": "document",
    "unpublished": "manuscript",
}


#: fields that BibTeX styles and biber treat as verbatim: never LaTeX-decoded
_VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf"})


class _LatexDecodingExceptVerbatim(LatexDecodingMiddleware):
    """LaTeX decoding for every field but the verbatim ones ("a_b?x=1&y=2" stays as is)."""

    def transform_entry(self, entry: Any, library: Any) -> Any:
        kept = {f.key: f.value for f in entry.fields if f.key.lower() in _VERBATIM_FIELDS}
        entry = super().transform_entry(entry, library)
        for field in entry.fields:
            if field.key in kept:
                field.value = kept[field.key]
        return entry


def read_bibtex(text: str, source: str) -> Document:
    """BibTeX through bibtexparser 2; a block that fails becomes a finding with its line."""
    # bibtexparser also logs each failed block; we report them as findings instead
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = parse_string(
        text,
        parse_stack=[
            RemoveEnclosingMiddleware(),
            _LatexDecodingExceptVerbatim(keep_braced_groups=True),
            SeparateCoAuthors(),
            SplitNameParts(),
        ],
    )
    findings: list[Finding] = []
    references: list[Reference] = []
    for block in library.blocks:  # in file order, so the list keeps the file's order
        line = (block.start_line or 0) + 1
        if isinstance(block, BibEntry):
            references.append(_reference_from_bibtex(block, source, line))
        elif isinstance(block, DuplicateBlockKeyBlock):
            duplicate = _reference_from_bibtex(block.ignore_error_block, source, line)
            message = f"{source}:{line}: key {block.key!r} is used by an earlier entry too"
            finding = Finding("bibtex-duplicate-key", message, Severity.WARNING)
            references.append(duplicate.with_findings([finding]))
        elif isinstance(block, ParsingFailedBlock):
            error = block.error
            reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
            message = f"{source}:{line}: BibTeX block could not be read ({reason})"
            finding = Finding("bibtex-syntax", message, Severity.ERROR)
            findings.append(finding)
            # the block stays in the outputs with its raw text, so nothing is lost
            raw = (block.raw or "").strip()
            references.append(
                Reference(
                    raw=raw,
                    label=f"line {line}",
                    origin=Origin(source, line),
                    type="document",
                    findings=(finding,),
                )
            )
    if not references:
        raise InputError(source, "no BibTeX entries found")
    return Document(
        source=source,
        format="bibtex",
        references=tuple(references),
        findings=tuple(findings),
        has_reference_section=True,
    )


def _reference_from_bibtex(entry: Any, source: str, line: int) -> Reference:
    fields = {field.key.lower(): field.value for field in entry.fields}

    def text(name: str) -> str | None:
        value = fields.get(name)
        if value is None or isinstance(value, list):
            return None
        value = _strip_braces(str(value))
        return value or None

    doi, doi_printed, doi_findings = _doi_field(text("doi"))
    findings = list(doi_findings)
    first, last = split_pages(text("pages"))
    year = None
    if (year_text := text("year") or text("date")) and (m := re.search(r"\d{4}", year_text)):
        year = int(m.group(0))
    # typed, not copied from a PDF: "pre- and post-" and "T- cell" are as the author wrote them
    title, title_findings = clean_reference_text(text("title") or "", rejoin=False)
    findings.extend(title_findings)
    # a report's or a standard's "number" is its number, an article's is its issue
    report = entry.entry_type.lower() in ("techreport", "report", "standard", "misc") and not (
        text("journal") or text("journaltitle")
    )
    reference = Reference(
        raw=entry.raw or "",
        label=entry.key,
        source_key=entry.key,
        origin=Origin(source, line),
        type=_BIBTEX_TYPES.get(entry.entry_type.lower(), "document"),
        authors=_bibtex_persons(fields.get("author")),
        et_al=_ends_with_others(fields.get("author")),
        editors=_bibtex_persons(fields.get("editor")),
        title=title or None,
        container_title=text("journal") or text("journaltitle") or text("booktitle"),
        publisher=text("publisher") or text("school") or text("institution"),
        publisher_place=text("address") or text("location"),
        year=year,
        volume=text("volume"),
        issue=None if report else text("number") or text("issue"),
        number=text("number") if report else None,
        page_first=first,
        page_last=last,
        doi=doi,
        doi_printed=doi_printed,
        pmid=text("pmid"),
        url=text("url"),
        arxiv=_bibtex_arxiv(text),
        edition=text("edition"),
        abstract=text("abstract"),
        findings=tuple(findings),
    )
    return tidy_reference(reference)


def _doi_field(value: str | None) -> tuple[str | None, str | None, tuple[Finding, ...]]:
    """A field meant to hold a DOI: (canonical, as given, findings of its repair)."""
    if not value:
        return None, None, ()
    match = normalize_doi(value)
    if match is None:
        invalid = Finding(
            "doi-invalid", f"DOI field {value!r} is not a DOI", Severity.WARNING, "doi"
        )
        return None, None, (invalid,)
    return match.canonical, value, match.findings


def _is_others(parts: Any) -> bool:
    return not parts.first and " ".join(parts.von + parts.last).strip("{} ") == "others"


def _ends_with_others(value: Any) -> bool:
    """BibTeX's "and others" ends a truncated name list: it is "et al.", not a person."""
    return bool(value) and not isinstance(value, str) and _is_others(value[-1])


def _bibtex_persons(value: Any) -> tuple[Person, ...]:
    if not value or isinstance(value, str):
        return ()
    persons = []
    for parts in value:
        if _is_others(parts):
            continue
        last = " ".join(parts.von + parts.last)
        first = " ".join(parts.first)
        jr = " ".join(parts.jr)
        if last.startswith("{") and last.endswith("}") and not first:
            persons.append(Person(literal=_strip_braces(last)))
            continue
        family = _strip_braces(last) + (f", {jr}" if jr else "")
        persons.append(Person(family=family or None, given=_strip_braces(first) or None))
    return tuple(p for p in persons if p.family or p.literal)


def _strip_braces(value: str) -> str:
    # pylatexenc decodes \textasciicircum to U+02C6 (modifier letter), not the ASCII "^"
    value = value.replace("{", "").replace("}", "").replace("\u02c6", "^")
    return re.sub(r"\s+", " ", value).strip()


# --- CSL-JSON -----------------------------------------------------------------------------


def read_csl_json(text: str, source: str) -> Document:
    """An array of CSL-JSON items (or one item, or {"items": [...]})."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"not valid JSON: {error.msg}", error.lineno) from error
    if isinstance(data, dict):
        data = data.get("items", [data])
    if not isinstance(data, list):
        raise InputError(source, "expected a CSL-JSON array of items")
    references = []
    findings = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            finding = Finding(
                "csl-item", f"{source}: item {position} is not a CSL object", Severity.ERROR
            )
            findings.append(finding)
            raw = json.dumps(item, ensure_ascii=False)
            references.append(
                Reference(
                    raw=raw,
                    label=str(position),
                    origin=Origin(source),
                    type="document",
                    findings=(finding,),
                )
            )
            continue
        references.append(reference_from_csl(item, Origin(source, None), position))
    return Document(
        source=source,
        format="csl-json",
        references=tuple(references),
        findings=tuple(findings),
        has_reference_section=True,
    )


def reference_from_csl(item: dict[str, Any], origin: Origin | None, position: int = 0) -> Reference:
    """One CSL-JSON item (ours or anyone's) as a Reference; our custom data is restored."""
    custom = (
        item.get("custom", {}).get("allrefs", {}) if isinstance(item.get("custom"), dict) else {}
    )

    def text(name: str) -> str | None:
        value = item.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is None:
            return None
        return str(value).strip() or None

    doi, doi_printed, doi_findings = _doi_field(text("DOI"))
    findings = list(doi_findings)
    first, last = split_pages(text("page"))
    year = None
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts_list = issued.get("date-parts") or [[None]]
        try:
            year = int(parts_list[0][0])
        except (TypeError, ValueError, IndexError):
            if m := re.search(r"\d{4}", str(issued.get("raw") or issued.get("literal") or "")):
                year = int(m.group(0))
    label = custom.get("label") or text("citation-label") or text("id")
    raw = custom.get("raw") or json.dumps(item, ensure_ascii=False, sort_keys=True)
    return tidy_reference(
        Reference(
            raw=raw,
            label=str(label) if label is not None else str(position),
            source_key=text("id"),
            origin=origin,
            type=text("type") or "document",
            authors=csl_persons(item.get("author")),
            editors=csl_persons(item.get("editor")),
            title=text("title"),
            container_title=text("container-title"),
            publisher=text("publisher"),
            publisher_place=text("publisher-place"),
            year=year,
            volume=text("volume"),
            issue=text("issue"),
            page_first=first,
            page_last=last,
            doi=doi,
            doi_printed=doi_printed,
            pmid=text("PMID"),
            url=text("URL"),
            edition=text("edition"),
            number=text("number"),
            # Zotero writes a preprint's "arXiv:..." in number
            arxiv=_arxiv_of(custom.get("arxiv"), text, ("number", "container-title", "URL", "DOI")),
            abstract=text("abstract"),
            findings=tuple(findings),
        )
    )


def csl_persons(value: Any) -> tuple[Person, ...]:
    """CSL name objects as Persons: particles kept with the family name, organisations and
    given-name-only entries as literals."""
    if not isinstance(value, list):
        return ()
    persons = []
    for name in value:
        if not isinstance(name, dict):
            continue
        family = _csl_text(name.get("family"))
        particle = _csl_text(name.get("non-dropping-particle"))
        given = _csl_text(name.get("given"))
        literal = _csl_text(name.get("literal")) or _csl_text(name.get("name"))
        if family:
            persons.append(
                Person(family=f"{particle} {family}" if particle else family, given=given)
            )
        elif literal or given:
            persons.append(Person(literal=literal or given))
    return tuple(persons)


def _csl_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return " ".join(str(value).split()) or None


__all__ = [
    "csl_persons",
    "decode",
    "expand_paths",
    "parse_document",
    "read_bibtex",
    "read_csl_json",
    "read_document",
    "read_documents",
    "reference_from_csl",
    "sniff_format",
]
