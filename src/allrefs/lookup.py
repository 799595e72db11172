"""What the commands that look things up share: the Crossref client options, opening the
client, and progress on a terminal (a bar on stderr when a person is watching, nothing when
the output is piped or --quiet is given)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from allrefs.crossref import ClientSettings, CrossrefClient
from allrefs.errors import AllrefsError
from allrefs.model import Entry, Reference
from allrefs.resolve import resolve_references

F = TypeVar("F", bound=Callable[..., Any])


def client_options(function: F) -> F:
    """The Crossref client options of ``allrefs resolve``, for every command that looks up."""
    options = [
        click.option(
            "--offline", is_flag=True, help="Make no network requests; answer from the cache only."
        ),
        click.option(
            "--mailto",
            envvar="ALLREFS_MAILTO",
            help="Your e-mail, sent to Crossref to join its polite pool [env: ALLREFS_MAILTO].",
        ),
        click.option(
            "--cache",
            "cache_path",
            envvar="ALLREFS_CACHE",
            type=click.Path(dir_okay=False, path_type=Path),
            help="HTTP cache file (SQLite) [env: ALLREFS_CACHE; default: the user cache "
            "directory].",
        ),
        click.option("--no-cache", is_flag=True, help="Use a throwaway cache for this run only."),
        click.option(
            "--crossref-url",
            envvar="ALLREFS_CROSSREF_URL",
            help="Crossref REST API base URL [env: ALLREFS_CROSSREF_URL; default: "
            "https://api.crossref.org].",
        ),
        click.option(
            "--doi-url",
            envvar="ALLREFS_DOI_URL",
            help="doi.org base URL [env: ALLREFS_DOI_URL; default: https://doi.org].",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@attrs.frozen
class ClientArgs:
    offline: bool
    mailto: str | None
    cache_path: Path | None
    no_cache: bool
    crossref_url: str | None
    doi_url: str | None


def open_client(args: ClientArgs) -> CrossrefClient:
    """One client for the run, from the options and the ALLREFS_* environment."""
    settings = ClientSettings.from_env(
        mailto=args.mailto,
        cache_path=args.cache_path,
        crossref_url=args.crossref_url,
        doi_url=args.doi_url,
        offline=True if args.offline else None,
        use_cache=False if args.no_cache else None,
    )
    try:
        return CrossrefClient(settings)
    except (OSError, AllrefsError) as error:
        raise click.UsageError(
            f"cannot open the cache {settings.resolved_cache_path}: {error}"
        ) from error


def show_progress(quiet: bool) -> bool:
    """A progress bar only for a person watching: stderr is a terminal and not --quiet."""
    return not quiet and sys.stderr.isatty()


def resolve_with_progress(
    references: Sequence[Reference], client: CrossrefClient, *, label: str, quiet: bool
) -> list[Entry]:
    """:func:`resolve_references`, with a progress bar on a terminal. The bar moves one
    Crossref batch at a time, so showing it costs no extra requests."""
    if not references:
        return []
    if not show_progress(quiet):
        return resolve_references(references, client)
    step = client.settings.batch_size
    entries: list[Entry] = []
    with click.progressbar(
        length=len(references), label=label, file=sys.stderr, show_pos=True
    ) as bar:
        for start in range(0, len(references), step):
            chunk = references[start : start + step]
            entries.extend(resolve_references(chunk, client))
            bar.update(len(chunk))
    return entries
