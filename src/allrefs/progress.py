"""Progress on a terminal for the commands that talk to the network: a bar on stderr when a
person is watching, nothing when the output is piped or --quiet is given."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from allrefs.crossref import CrossrefClient
from allrefs.model import Entry, Reference
from allrefs.resolve import resolve_references


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
