"""Readers for bibliographic database exports (RIS, CSV, BibTeX, CSL-JSON) into `Reference`s.

Tolerant by design: a broken record becomes a `Reference` with a finding, never a lost row.
Only a file that cannot be read at all raises `InputError`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path

import attrs

from allrefs.errors import InputError
from allrefs.ingest import read_bibtex, read_csl_json
from allrefs.model import Finding, Origin, Person, Reference, Severity
from allrefs.parse import looks_like_organisation, split_pages

__all__ = [
    "ExportFile",
    "check_clashing_ids",
    "parse_authors",
    "parse_name",
    "read_bibtex_export",
    "read_csl_json_export",
    "read_csv_export",
    "read_export",
    "read_ris",
    "reference_from_fields",
]


@attrs.frozen
class ExportFile:
    """One export read into references, plus what the reader noticed about the file itself."""

    source: str
    format: str
    references: tuple[Reference, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: CSV only: input column -> the field it was read into
    columns_understood: tuple[tuple[str, str], ...] = ()
    columns_ignored: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Names

_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$|^(?:[A-Z]\.\s?)+$")
_GLUED = re.compile(r"(?<=\.)\s*(?=[A-Z][a-z'’])")  # "Adeli K.Lewis G. F."
_ET_AL = re.compile(r",?\s*\b(et\.?\s*al\.?|and others|others)\s*$", re.IGNORECASE)
_PARTICLES = frozenset(
    (
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ter",
        "ten",
        "st",
        "mac",
        "bin",
        "al",
    )
)


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word.replace(" ", "")))


def parse_name(text: str) -> Person:
    """One name as exports print it: "Family, Given", "Family GI", "G. I. Family", or a body."""
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;")
    if not text:
        return Person(literal="")
    if text.startswith("{") and text.endswith("}"):
        return Person(literal=text.strip("{}"))
    if "," in text:
        family, _, given = text.partition(",")
        return Person(family=family.strip() or None, given=given.strip(" ,") or None)
    if looks_like_organisation(text):  # "World Health Organization": one name, not split
        return Person(literal=text)
    words = text.split()
    if len(words) == 1:
        return Person(family=words[0])
    if len(words) > 5:
        return Person(literal=text)
    # trailing initials: "Zuber J", "Tan A", "Davis P. G."
    tail = len(words)
    while tail > 1 and _is_initials(words[tail - 1]):
        tail -= 1
    if tail < len(words):
        return Person(family=" ".join(words[:tail]), given=" ".join(words[tail:]))
    # leading initials: "B. Abrahao", "K. S. Cook"
    head = 0
    while head < len(words) - 1 and _is_initials(words[head]):
        head += 1
    if head:
        return Person(family=" ".join(words[head:]), given=" ".join(words[:head]))
    # "Given Family" with particles: "Ludwig van Beethoven"
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in _PARTICLES:
        split -= 1
    return Person(family=" ".join(words[split:]), given=" ".join(words[:split]))


def parse_authors(text: str | None) -> tuple[tuple[Person, ...], bool]:
    """Split an author field as database exports write it; also whether it ended in "et al."."""
    if not text:
        return (), False
    text = text.strip()
    et_al = False
    m = _ET_AL.search(text)
    if m:
        et_al = True
        text = text[: m.start()]
    if re.search(r"\s+and\s+", text):
        parts = re.split(r"\s+and\s+", text)
    elif ";" in text:
        parts = text.split(";")
    elif "\n" in text:
        parts = text.splitlines()
    elif _GLUED.search(text):
        parts = _GLUED.split(text)
    elif text.count(",") >= 2 and not re.search(r",\s*[A-Z]\.?\s*(,|$)", text):
        parts = text.split(",")  # "Smith J, Jones K, Brown L"
    else:
        parts = [text]
    people = tuple(parse_name(p) for p in parts if p.strip(" ,;"))
    people = tuple(p for p in people if p.family or p.given or p.literal)
    return people, et_al


# --------------------------------------------------------------------------------------------
# Shared field handling

_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


def _year(value: str | None) -> int | None:
    if not value:
        return None
    m = _YEAR.search(value)
    return int(m.group(1)) if m else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_TITLE_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def _record_findings(ref: Reference, where: str) -> list[Finding]:
    found: list[Finding] = []
    title = (ref.title or "").strip()
    if not title:
        found.append(
            Finding(
                code="export-no-title",
                message=f"{where}: record has no title; it is compared on authors, year, journal, "
                "volume and pages only",
                severity=Severity.WARNING,
                field="title",
            )
        )
    elif not _TITLE_LETTERS.search(title):
        found.append(
            Finding(
                code="export-title-punctuation",
                message=f"{where}: title {title!r} has no letters; it is treated as missing",
                severity=Severity.WARNING,
                field="title",
            )
        )
    return found


def _finish(ref: Reference, where: str, extra: Iterable[Finding] = ()) -> Reference:
    findings = [*extra, *_record_findings(ref, where)]
    if ref.title and not _TITLE_LETTERS.search(ref.title):
        ref = attrs.evolve(ref, title=None)
    return ref.with_findings(findings) if findings else ref


_TYPES = {
    # BibTeX / CSV ENTRYTYPE
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "misc": "document",
    "online": "webpage",
    "unpublished": "manuscript",
    # Crossref's types, as some tools export them
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "proceedings-article": "paper-conference",
    "posted-content": "article",
    "reference-entry": "entry",
    # RIS TY
    "jour": "article-journal",
    "jfull": "article-journal",
    "abst": "abstract",
    "inpr": "article-journal",
    "ejour": "article-journal",
    "mgzn": "article-magazine",
    "news": "article-newspaper",
    "conf": "paper-conference",
    "cpaper": "paper-conference",
    "chap": "chapter",
    "echap": "chapter",
    "ebook": "book",
    "edbook": "book",
    "thes": "thesis",
    "rprt": "report",
    "gen": "document",
    "elec": "webpage",
    "unpb": "manuscript",
    "pat": "patent",
    "ser": "book",
    "stand": "standard",
    "data": "dataset",
    "blog": "post-weblog",
    "comp": "software",
    "mpct": "motion_picture",
    "sound": "broadcast",
    "slide": "speech",
    "map": "map",
    "art": "graphic",
}


@functools.cache
def _csl_types() -> frozenset[str]:
    """CSL's item types, as the shipped CSL-JSON schema lists them."""
    schema = json.loads(files("allrefs").joinpath("data/csl-data.schema.json").read_text("utf-8"))
    return frozenset(schema["items"]["properties"]["type"]["enum"])


def _csl_type(value: str | None, default: str = "article-journal") -> str:
    if not value:
        return default
    key = value.strip().lower()
    if key in _TYPES:
        return _TYPES[key]
    return key if key in _csl_types() else default


def _doc_name(path: Path) -> str:
    return str(path)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror or exc})") from exc
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(str(path), "not a text file")  # pragma: no cover - latin-1 decodes anything


# --------------------------------------------------------------------------------------------
# RIS

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*)|\s*)$")


def read_ris(path: str | Path, text: str | None = None) -> ExportFile:
    """Read a RIS export. A record missing its TY or ER is kept, with a finding."""
    path = Path(path)
    source = _doc_name(path)
    if text is None:
        text = _read_text(path)
    refs: list[Reference] = []
    file_findings: list[Finding] = []
    tags: list[tuple[str, str]] = []
    start = 0
    problems: list[Finding] = []
    last_tag: str | None = None
    saw_tag = False

    def flush(end_line: int, closed: bool) -> None:
        nonlocal tags, problems, last_tag
        if not tags:
            problems = []
            return
        where = f"{source}:{start}"
        extra = list(problems)
        if tags[0][0] != "TY":
            extra.append(
                Finding(
                    code="export-ris-broken",
                    message=f"{where}: record does not start with a TY tag; read what was there",
                    severity=Severity.WARNING,
                )
            )
        if not closed:
            extra.append(
                Finding(
                    code="export-ris-broken",
                    message=f"{where}: record has no closing 'ER  -' line before line {end_line}; "
                    "read up to there",
                    severity=Severity.WARNING,
                )
            )
        refs.append(_finish(_ris_reference(tags, source, start), where, extra))
        tags, problems, last_tag = [], [], None

    lines = text.splitlines()
    for n, line in enumerate(lines, start=1):
        m = _RIS_LINE.match(line.rstrip())
        if m:
            saw_tag = True
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag == "ER":
                flush(n, closed=True)
                continue
            if tag == "TY" and tags:
                flush(n, closed=False)
            if not tags:
                start = n
            tags.append((tag, value))
            last_tag = tag
        elif line.strip():
            if tags and last_tag:
                # continuation of a wrapped value
                t, v = tags[-1]
                tags[-1] = (t, f"{v} {line.strip()}".strip())
            else:
                problems.append(
                    Finding(
                        code="export-ris-broken",
                        message=f"{source}:{n}: line is not a RIS tag line and belongs to "
                        f"no record: {line.strip()[:60]!r}",
                        severity=Severity.WARNING,
                    )
                )
                if not tags:
                    file_findings.extend(problems)
                    problems = []
    flush(len(lines) + 1, closed=False)
    if not saw_tag:
        raise InputError(source, "no RIS tag lines (like 'TY  - JOUR') found; is this a RIS file?")
    return ExportFile(
        source=source, format="ris", references=tuple(refs), findings=tuple(file_findings)
    )


def _ris_reference(tags: Sequence[tuple[str, str]], source: str, line: int) -> Reference:
    fields: dict[str, list[str]] = {}
    for tag, value in tags:
        if value:
            fields.setdefault(tag, []).append(value)

    def one(*names: str) -> str | None:
        for name in names:
            if fields.get(name):
                return fields[name][0]
        return None

    authors: list[Person] = []
    et_al = False
    for tag in ("AU", "A1"):
        for value in fields.get(tag, []):
            if _ET_AL.fullmatch(value.strip()) or value.strip().lower() in ("et al", "et al."):
                et_al = True
                continue
            authors.append(parse_name(value))
    editors = tuple(parse_name(v) for v in fields.get("ED", []) + fields.get("A3", []))
    first, last = split_pages(one("SP"))
    if one("EP"):
        last = one("EP")
    accession = one("AN")
    # PubMed's accession number is the PMID; other databases put their own ids in AN
    pmid = accession if accession and accession.isdigit() and len(accession) <= 9 else None
    record_id = one("ID", "M1", "U1", "L1") or accession
    doi = one("DO")
    if not doi:
        for value in fields.get("UR", []) + fields.get("L3", []) + fields.get("N1", []):
            if "10." in value and "doi" in value.lower():
                doi = value
                break
    raw = "\n".join(f"{t}  - {v}" for t, v in tags)
    return Reference(
        raw=raw,
        label=record_id,
        origin=Origin(source, line),
        type=_csl_type(one("TY")),
        authors=tuple(authors),
        et_al=et_al,
        editors=editors,
        title=_clean(one("TI", "T1", "CT", "BT")),
        container_title=_clean(one("T2", "JO", "JF", "JA", "J2", "T3", "BT")),
        publisher=_clean(one("PB")),
        publisher_place=_clean(one("CY", "PP")),
        year=_year(one("PY", "Y1", "DA", "Y2")),
        volume=_clean(one("VL")),
        issue=_clean(one("IS", "CP")),
        page_first=first,
        page_last=last,
        doi=_clean(doi),
        doi_printed=_clean(doi),
        url=_clean(one("UR")),
        pmid=pmid,
        source_key=record_id,
        edition=_clean(one("ET")),
        abstract=_clean(one("AB", "N2")),
    )


# --------------------------------------------------------------------------------------------
# CSV

_CSV_COLUMNS: Mapping[str, str] = {
    "id": "id",
    "record_id": "id",
    "key": "id",
    "citation_key": "id",
    "accession_number": "id",
    "an": "id",
    "pmid": "pmid",
    "pubmed_id": "pmid",
    "title": "title",
    "article_title": "title",
    "ti": "title",
    "primary_title": "title",
    "author": "author",
    "authors": "author",
    "au": "author",
    "author_names": "author",
    "year": "year",
    "publication_year": "year",
    "py": "year",
    "date": "year",
    "pubyear": "year",
    "journal": "journal",
    "source": "journal",
    "source_title": "journal",
    "journal_title": "journal",
    "secondary_title": "journal",
    "container_title": "journal",
    "jo": "journal",
    "so": "journal",
    "booktitle": "booktitle",
    "conference": "booktitle",
    "volume": "volume",
    "vl": "volume",
    "vol": "volume",
    "number": "issue",
    "issue": "issue",
    "is": "issue",
    "pages": "pages",
    "page": "pages",
    "pagination": "pages",
    "sp": "pages",
    "start_page": "page_first",
    "end_page": "page_last",
    "doi": "doi",
    "do": "doi",
    "abstract": "abstract",
    "ab": "abstract",
    "entrytype": "type",
    "type": "type",
    "ty": "type",
    "publication_type": "type",
    "publisher": "publisher",
    "pb": "publisher",
    "url": "url",
    "link": "url",
    "edition": "edition",
    "isbn": "isbn",
    "issn": "isbn",
    "editor": "editor",
}


def _column_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def read_csv_export(path: str | Path, text: str | None = None) -> ExportFile:
    """Read a CSV export with the usual columns; say which columns were understood."""
    path = Path(path)
    source = _doc_name(path)
    if text is None:
        text = _read_text(path)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(source, "the CSV file is empty (no header row)") from None
    except csv.Error as exc:
        raise InputError(source, f"not a readable CSV file ({exc})", 1) from exc
    mapping: dict[int, str] = {}
    understood: list[tuple[str, str]] = []
    ignored: list[str] = []
    for col, name in enumerate(header):
        field = _CSV_COLUMNS.get(_column_key(name))
        if field and field not in mapping.values():
            mapping[col] = field
            understood.append((name, field))
        else:
            ignored.append(name)
    findings: list[Finding] = []
    known = {f for _, f in understood}
    if "title" not in known and "doi" not in known:
        raise InputError(
            source,
            "no title or doi column among "
            f"{', '.join(repr(h) for h in header) or 'no columns'}; expected columns like "
            "id, title, author, year, journal, volume, number, pages, doi, abstract",
            1,
        )
    missing = [
        c
        for c in ("id", "title", "author", "year", "journal", "volume", "pages", "doi")
        if c not in known
    ]
    findings.append(
        Finding(
            code="export-csv-columns",
            message=f"{source}: understood columns "
            + ", ".join(f"{n!r} as {f}" for n, f in understood)
            + (f"; ignored {', '.join(repr(n) for n in ignored)}" if ignored else "")
            + (f"; missing {', '.join(missing)}" if missing else ""),
            severity=Severity.WARNING if (ignored or missing) else Severity.INFO,
        )
    )
    if "id" not in known:
        findings.append(
            Finding(
                code="export-csv-no-id",
                message=f"{source}: no id column; records are numbered by their row ('row-2', ...)",
                severity=Severity.WARNING,
            )
        )
    refs: list[Reference] = []
    line = 1
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            values = {mapping[c]: row[c] for c in mapping if c < len(row) and row[c].strip()}
            extra: list[Finding] = []
            if len(row) != len(header):
                extra.append(
                    Finding(
                        code="export-csv-row-width",
                        message=f"{source}:{line}: row has {len(row)} cells, the header "
                        f"{len(header)}; cells were read by position",
                        severity=Severity.WARNING,
                    )
                )
            refs.append(
                _finish(_csv_reference(values, source, line, row), f"{source}:{line}", extra)
            )
    except csv.Error as exc:
        raise InputError(source, f"broken CSV ({exc})", line) from exc
    return ExportFile(
        source=source,
        format="csv",
        references=tuple(refs),
        findings=tuple(findings),
        columns_understood=tuple(understood),
        columns_ignored=tuple(ignored),
    )


def _csv_reference(
    values: Mapping[str, str], source: str, line: int, row: Sequence[str]
) -> Reference:
    authors, et_al = parse_authors(values.get("author"))
    editors, _ = parse_authors(values.get("editor"))
    first, last = split_pages(values.get("pages"))
    if values.get("page_first"):
        first = values["page_first"].strip()
    if values.get("page_last"):
        last = values["page_last"].strip()
    record_id = _clean(values.get("id")) or f"row-{line}"
    entry_type = values.get("type")
    container = values.get("journal") or values.get("booktitle")
    csl = _csl_type(
        entry_type,
        "paper-conference"
        if values.get("booktitle") and not values.get("journal")
        else "article-journal",
    )
    doi = _clean(values.get("doi"))
    return Reference(
        raw=",".join(row),
        label=record_id,
        origin=Origin(source, line),
        type=csl,
        authors=authors,
        et_al=et_al,
        editors=editors,
        title=_clean(values.get("title")),
        container_title=_clean(container),
        publisher=_clean(values.get("publisher")),
        year=_year(values.get("year")),
        volume=_clean(values.get("volume")),
        issue=_clean(values.get("issue")),
        page_first=first,
        page_last=last,
        doi=doi,
        doi_printed=doi,
        pmid=_clean(values.get("pmid")),
        url=_clean(values.get("url")),
        source_key=record_id,
        edition=_clean(values.get("edition")),
        abstract=_clean(values.get("abstract")),
    )


def reference_from_fields(
    fields: Mapping[str, object], source: str = "<fields>", line: int | None = None
) -> Reference:
    """A `Reference` from one record given as column -> value (CSV/BibTeX-style names)."""
    values: dict[str, str] = {}
    for name, value in fields.items():
        field = _CSV_COLUMNS.get(_column_key(name))
        text = "" if value is None else str(value)
        if field and field not in values and text.strip() and text.strip() != "None":
            values[field] = text
    where = f"{source}:{line}" if line else source
    return _finish(
        _csv_reference(values, source, line or 0, [str(v) for v in fields.values()]), where
    )


# --------------------------------------------------------------------------------------------
# BibTeX (a dedupe-focused reader; general BibTeX ingest lives in allrefs.ingest)


def read_bibtex_export(path: str | Path, text: str | None = None) -> ExportFile:
    """A BibTeX export, read as `allrefs.ingest` reads any BibTeX file: a block it cannot
    parse is kept as a record with its raw text and a finding."""
    path = Path(path)
    source = _doc_name(path)
    document = read_bibtex(_read_text(path) if text is None else text, source)
    return ExportFile(
        source=source,
        format="bibtex",
        references=_export_records(document.references, source),
        findings=document.findings,
    )


def _export_records(references: Sequence[Reference], source: str) -> tuple[Reference, ...]:
    """Every record gets an id for the map (its key, else its line or position) and the
    checks every export record gets (no title, a title of punctuation only)."""
    out = []
    for n, ref in enumerate(references, start=1):
        line = ref.origin.line if ref.origin else None
        key = ref.source_key or (f"line-{line}" if line else f"item-{n}")
        where = f"{source}:{line}" if line else f"{source}: item {n}"
        out.append(_finish(attrs.evolve(ref, source_key=key), where))
    return tuple(out)


def read_csl_json_export(path: str | Path, text: str | None = None) -> ExportFile:
    """A CSL-JSON array (or {"items": [...]}), read as `allrefs.ingest` reads CSL-JSON."""
    path = Path(path)
    source = _doc_name(path)
    document = read_csl_json(_read_text(path) if text is None else text, source)
    return ExportFile(
        source=source,
        format="csl-json",
        references=_export_records(document.references, source),
        findings=document.findings,
    )


# --------------------------------------------------------------------------------------------
# Dispatch and cross-file checks

_READERS = {
    ".ris": read_ris,
    ".txt": read_ris,
    ".nbib": read_ris,
    ".csv": read_csv_export,
    ".tsv": read_csv_export,
    ".bib": read_bibtex_export,
    ".bibtex": read_bibtex_export,
    ".json": read_csl_json_export,
}


def read_export(path: str | Path) -> ExportFile:
    """Read one export; the format comes from the suffix, or from the content when unknown."""
    path = Path(path)
    text = _read_text(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        head = text.lstrip()[:200]
        if head.startswith(("[", "{")):
            reader = read_csl_json_export
        elif head.startswith("@"):
            reader = read_bibtex_export
        elif _RIS_LINE.match(head.splitlines()[0] if head else ""):
            reader = read_ris
        else:
            reader = read_csv_export
    return _flag_repeats(reader(path, text))


def _flag_repeats(export: ExportFile) -> ExportFile:
    """A record id used twice, or one record copied many times, in one file: a finding each."""
    ids = Counter(r.source_key for r in export.references if r.source_key)
    content = Counter(_content_key(r) for r in export.references)
    findings = list(export.findings)
    refs = list(export.references)
    for n, ref in enumerate(refs):
        extra = []
        if ref.source_key and ids[ref.source_key] > 1:
            extra.append(
                Finding(
                    code="export-repeated-id",
                    message=f"{ref.origin or export.source}: id {ref.source_key!r} is used by "
                    f"{ids[ref.source_key]} records in {export.source}; the map tells them "
                    "apart by line",
                    severity=Severity.WARNING,
                    field="id",
                )
            )
        copies = content[_content_key(ref)]
        if copies > 1:
            extra.append(
                Finding(
                    code="export-repeated-record",
                    message=f"{ref.origin or export.source}: this record appears {copies} times in "
                    f"{export.source}; all copies are kept and merged into one work",
                    severity=Severity.INFO,
                )
            )
        if extra:
            refs[n] = ref.with_findings(extra)
    return attrs.evolve(export, references=tuple(refs), findings=tuple(findings))


def _content_key(ref: Reference) -> tuple[object, ...]:
    return (
        ref.title,
        ref.authors,
        ref.year,
        ref.container_title,
        ref.volume,
        ref.page_first,
        ref.doi,
    )


def check_clashing_ids(exports: Sequence[ExportFile]) -> list[Finding]:
    """Findings for record ids that appear in more than one file (they stay apart in the map)."""
    seen: dict[str, list[str]] = {}
    for export in exports:
        for key in sorted({r.source_key for r in export.references if r.source_key}):
            seen.setdefault(key, []).append(export.source)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    if not clashes:
        return []
    examples = ", ".join(sorted(clashes)[:5])
    files = sorted({f for v in clashes.values() for f in v})
    return [
        Finding(
            code="export-clashing-ids",
            message=f"{len(clashes)} record id(s) appear in more than one file "
            f"({', '.join(files)}), e.g. {examples}; ids are only unique per file, so the map "
            "names the file on every row",
            severity=Severity.WARNING,
            field="id",
        )
    ]
