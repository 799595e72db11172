"""The command line: files in, files out, exit codes. Built on the public API only."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from allrefs.emit import dump_json, to_bibtex, to_csl_json
from allrefs.errors import AllrefsError, InputError, OutputError
from allrefs.files import write_files_atomically
from allrefs.ingest import read_documents
from allrefs.library import (
    Library,
    build_library,
    library_bibtex,
    library_json_text,
    library_report,
    mark_duplicates,
    overlap_csv,
)
from allrefs.lookup import ClientArgs, client_options, open_client, resolve_with_progress
from allrefs.model import VERDICT_ORDER
from allrefs.pipeline import Review, resolve_documents
from allrefs.report import render_report


def review_files(review: Review, out_dir: Path) -> dict[Path, str]:
    """The three files of one review: BibTeX, CSL-JSON and the report."""
    entries, keys = review.entries, review.citation_keys
    return {
        out_dir / f"{review.key}.bib": to_bibtex(entries, keys=keys),
        out_dir / f"{review.key}.json": dump_json(to_csl_json(entries, keys=keys)),
        out_dir / f"{review.key}.report.md": render_report(review),
    }


def library_files(library: Library, out_dir: Path) -> dict[Path, str]:
    """The cross-review library (BibTeX, CSL-JSON), the overlap matrix and its report."""
    return {
        out_dir / "library.bib": library_bibtex(library),
        out_dir / "library.json": library_json_text(library),
        out_dir / "overlap.csv": overlap_csv(library),
        out_dir / "library.report.md": library_report(library),
    }


@click.group()
@click.version_option(package_name="allrefs")
def main() -> None:
    """allrefs: check, repair and deduplicate the reference lists of review articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="bib",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the generated files.",
)
@client_options
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def resolve(
    paths: Sequence[str],
    out_dir: Path,
    offline: bool,
    mailto: str | None,
    cache_path: Path | None,
    no_cache: bool,
    crossref_url: str | None,
    doi_url: str | None,
    quiet: bool,
) -> None:
    """Parse, repair and check against Crossref the reference lists in PATHS (files or
    directories).

    For each review writes <key>.bib, <key>.json (CSL-JSON) and <key>.report.md. Without a
    network every reference is marked unchecked and the files are still written.
    """
    try:
        documents = list(read_documents(paths))
    except InputError as error:
        raise click.UsageError(str(error)) from error
    client = open_client(ClientArgs(offline, mailto, cache_path, no_cache, crossref_url, doi_url))
    with client:
        reviews = resolve_documents(
            documents,
            lambda refs: resolve_with_progress(refs, client, label="resolve", quiet=quiet),
        )
        if not quiet:
            for notice in client.notices():
                click.echo(f"allrefs: {notice}", err=True)
    library = build_library(reviews)
    reviews = [mark_duplicates(review, library) for review in reviews]
    files: dict[Path, str] = {}
    for review in reviews:
        files.update(review_files(review, out_dir))
    if len(reviews) > 1:
        files.update(library_files(library, out_dir))
    try:
        write_files_atomically(files)
    except OutputError as error:
        click.echo(f"allrefs: {error}", err=True)
        sys.exit(1)
    if not quiet:
        for review in reviews:
            _echo_summary(review, out_dir)


def _echo_summary(review: Review, out_dir: Path) -> None:
    problems = [f for f in review.document.findings if f.severity.value == "error"]
    note = f"; {problems[0].message}" if problems else ""
    counts = Counter(entry.verdict for entry in review.entries)
    verdicts = ", ".join(f"{counts[v]} {v.value}" for v in VERDICT_ORDER if counts[v])
    reasons = sorted({e.resolution.reason for e in review.entries if e.resolution.reason})
    if reasons:
        verdicts += f": {'; '.join(reasons)}"
    click.echo(
        f"{review.document.source} → {out_dir / review.key}.{{bib,json,report.md}}: "
        f"{len(review.entries)} references ({verdicts or 'none'}){note}"
    )


def run() -> None:
    """Entry point that turns any unexpected AllrefsError into one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except AllrefsError as error:
        click.echo(f"allrefs: {error}", err=True)
        sys.exit(2)


# Commands that live in their own modules, registered once `main` exists.
from allrefs.cli_dedupe import dedupe_command  # noqa: E402
from allrefs.cli_tools import check_command, cite_command, format_command  # noqa: E402

for _command in (dedupe_command, cite_command, format_command, check_command):
    main.add_command(_command)


if __name__ == "__main__":
    run()
