"""`allrefs dedupe FILE... -o OUT`: database exports in, one deduplicated library out.

Reads RIS, CSV, BibTeX and CSL-JSON exports (`allrefs.exports`), groups their records into
works (`allrefs.dedupe`), writes the library (.bib, .json or .ris by the suffix) and a map
``file,record_id,work_id`` with one row per input record. Files are written atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import click

from allrefs.dedupe import dedupe
from allrefs.emit import csl_item, dump_json, to_bibtex
from allrefs.errors import InputError, OutputError
from allrefs.exports import ExportFile, check_clashing_ids, read_export
from allrefs.files import write_files_atomically
from allrefs.model import Entry, Finding, Reference, Severity, Work
from allrefs.ris import dump_records, ris_record

__all__ = ["dedupe_command", "library_text", "map_rows", "to_ris"]

_FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json", ".ris": "ris"}


# --------------------------------------------------------------------------------------------
# writers


def to_ris(works: Sequence[Work]) -> str:
    """A RIS file, one record per work, with the work id as ID and its members as notes."""
    records = []
    for work in works:
        record = ris_record(work.record, work.id)
        notes = list(record.get("notes", []))
        notes += [f"allrefs member: {_member_id(m)} ({m.origin or '?'})" for m in work.members]
        notes += [f"allrefs {f.code}: {f.message}" for f in work.findings]
        if notes:
            record["notes"] = notes
        records.append(record)
    return dump_records(records)


def _member_id(ref: Reference) -> str:
    return ref.source_key or ref.label or (str(ref.origin) if ref.origin else "?")


def library_text(works: Sequence[Work], fmt: str) -> str:
    """The library as BibTeX, CSL-JSON or RIS text, one entry per work, keyed by work id."""
    if fmt == "ris":
        return to_ris(works)
    keys = [w.id for w in works]
    entries = [Entry(reference=w.record) for w in works]
    if fmt == "bibtex":
        return to_bibtex(entries, keys=keys)
    items = []
    for work, entry in zip(works, entries, strict=True):
        extra = {
            "members": [
                {
                    "id": _member_id(m),
                    "source": m.origin.source if m.origin else None,
                    "line": m.origin.line if m.origin else None,
                }
                for m in work.members
            ],
            "cited_by": [{"review": c.document, "label": c.label} for c in work.cited_by],
            "work_findings": [f.as_dict() for f in work.findings],
        }
        items.append(csl_item(entry, work.id, extra))
    return dump_json(items)


def map_rows(works: Sequence[Work]) -> list[tuple[str, str, str]]:
    """(file, record_id, work_id) for every member of every work, in file/line order."""
    rows = []
    for work in works:
        for member in work.members:
            source = member.origin.source if member.origin else ""
            rows.append(
                (
                    source,
                    member.origin.line or 0 if member.origin else 0,
                    _member_id(member),
                    work.id,
                )
            )
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    return [(f, rid, wid) for f, _, rid, wid in rows]


def _map_text(rows: Sequence[tuple[str, str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("file", "record_id", "work_id"))
    writer.writerows(rows)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# the command


def _echo_findings(findings: Sequence[Finding], limit: int = 20) -> None:
    shown = 0
    for finding in findings:
        if finding.severity is Severity.INFO and finding.code != "export-csv-columns":
            continue
        if shown == limit:
            click.echo("... and more; every finding is in the output's notes", err=True)
            return
        click.echo(f"{finding.severity.value}: {finding.message}", err=True)
        shown += 1


@click.command("dedupe")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The deduplicated library: .bib, .json (CSL-JSON) or .ris.",
)
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write file,record_id,work_id for every input record to this CSV.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def dedupe_command(
    files: tuple[Path, ...], output: Path, map_path: Path | None, quiet: bool
) -> None:
    """Merge database exports (RIS, CSV, BibTeX, CSL-JSON) into one deduplicated library.

    Records are grouped into works by DOI, or by title, authors, year, journal, volume and
    pages with strict guards (errata, preprints, conference abstracts, parts and editions are
    kept apart). Every input record appears in the map, even one that could not be parsed.
    """
    fmt = _FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(
            f"{output}: unknown output format {output.suffix or '(no suffix)'!r}; "
            "use .bib, .json or .ris"
        )
    if map_path is not None and map_path.resolve() == output.resolve():
        raise click.UsageError(f"{map_path}: the map and the library must be different files")
    exports: list[ExportFile] = []
    for path in files:
        if not path.exists():
            raise click.UsageError(f"{path}: no such file")
        try:
            exports.append(read_export(path))
        except InputError as error:
            raise click.UsageError(str(error)) from error
    findings: list[Finding] = []
    for export in exports:
        findings.extend(export.findings)
        for ref in export.references:
            findings.extend(f for f in ref.findings if f.code.startswith("export-"))
    findings.extend(check_clashing_ids(exports))
    references = [ref for export in exports for ref in export.references]
    works = dedupe(references)
    files_out = {output: library_text(works, fmt)}
    if map_path is not None:
        files_out[map_path] = _map_text(map_rows(works))
    try:
        write_files_atomically(files_out)
    except OutputError as error:
        raise click.ClickException(str(error)) from error
    if not quiet:
        _echo_findings(_dedupe_messages(findings))
        merged = sum(1 for w in works if len(w.members) > 1)
        click.echo(
            f"{len(references)} records from {len(exports)} file(s) -> {len(works)} works "
            f"({merged} with duplicates); wrote {output}"
            + (f" and {map_path}" if map_path else ""),
            err=True,
        )


def _dedupe_messages(findings: Sequence[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for finding in findings:
        if finding.message not in seen:
            seen.add(finding.message)
            out.append(finding)
    return out
