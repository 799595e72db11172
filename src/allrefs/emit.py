"""Write references out: BibTeX (through bibtexparser 2, with our own LaTeX encoding) and
CSL-JSON with allrefs' findings under ``custom.allrefs``. Pure: values in, text out."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry as BibEntry
from bibtexparser.model import Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

from allrefs.keys import citation_keys
from allrefs.model import Entry, Person, Reference

Item = Reference | Entry

_BIBTEX_TYPE = {
    "article-journal": "article",
    "article": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "book": "book",
    "thesis": "phdthesis",
    "report": "techreport",
}
# Entry types whose required container/publisher field must be present, else misc.
_REQUIRES = {
    "article": "container_title",
    "incollection": "container_title",
    "inproceedings": "container_title",
    "book": "publisher",
    "phdthesis": "publisher",
    "techreport": "publisher",
}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIALS_RE = re.compile(r"[\\{}%&$#_^~]")
_WORD_EDGES = re.compile(r"([(\[\"'“‘]*)(.*?)([)\]\"'”’.,;:?!]*)", re.DOTALL)
_LIGATURE_RE = re.compile(r"-{2,}|'{2,}|`{2,}|[?!]`")


def _as_entry(item: Item) -> Entry:
    return item if isinstance(item, Entry) else Entry(reference=item)


@lru_cache(maxsize=1)
def _unicode_encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


@lru_cache(maxsize=4096)
def _latex_char(ch: str) -> str:
    """A non-ASCII character as a LaTeX command when the command reads back as the same
    character (``é`` → ``{\\'e}``); otherwise the character itself, which biber and
    UTF-8 LaTeX take as it is (pylatexenc maps some, such as ``Ű``, to the wrong letter)."""
    encoded = str(_unicode_encoder().unicode_to_latex(ch))
    # "{\\'\\i}" (accent on a dotless i) becomes dotless i + U+0301 under biber, which
    # pdflatex cannot typeset; an accent on a plain "i" gives the same glyph everywhere
    encoded = re.sub(r"\\([ij])(?![A-Za-z])", r"\1", encoded)
    if encoded == ch:
        encoded = _stacked_accents(ch)  # "ễ": pylatexenc has no single command for it
    if encoded != ch and _decodes_to(encoded, ch):
        return encoded
    return ch


#: combining marks and the LaTeX accent commands that typeset them
_ACCENT_COMMANDS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=",
    "\u0306": "u", "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H",
    "\u030c": "v", "\u0323": "d", "\u0327": "c", "\u0328": "k", "\u0331": "b",
}  # fmt: skip


def _stacked_accents(ch: str) -> str:
    """'ễ' (e + circumflex + tilde) → '{\\~{\\^{e}}}'; the character itself when a mark
    has no LaTeX accent command."""
    base, marks = unicodedata.normalize("NFD", ch)[0], unicodedata.normalize("NFD", ch)[1:]
    if not marks or not base.isascii() or any(m not in _ACCENT_COMMANDS for m in marks):
        return ch
    latex = base
    for mark in marks:
        latex = "{\\" + _ACCENT_COMMANDS[mark] + "{" + latex + "}}"
    return latex


def _decodes_to(latex: str, ch: str) -> bool:
    decoded = _latex_decoder().latex_to_text(latex)
    return unicodedata.normalize("NFC", decoded) == unicodedata.normalize("NFC", ch)


@lru_cache(maxsize=1)
def _latex_decoder() -> LatexNodes2Text:
    return LatexNodes2Text()


def latex_escape(text: str) -> str:
    """Text to LaTeX that compiles under bibtex and biber: ASCII specials escaped with
    brace-balanced commands, accented letters as ``{\\`e}``-style commands."""
    escaped = _SPECIALS_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)
    # TeX ligatures would turn "--" into a dash and "''" into a quote: break them up
    escaped = _LIGATURE_RE.sub(lambda m: "{}".join(m.group(0)), escaped)
    return "".join(ch if ord(ch) < 128 else _latex_char(ch) for ch in escaped)


def _needs_protection(word: str) -> bool:
    """Acronyms and mixed case (DNA, CD19, mRNA, BiTE) keep their case in any style."""
    # each part of a hyphenated word on its own: "Long-Term" is title case, "CD19" is not
    parts = re.findall(r"[^\W_]+", word)
    return any(ch.isupper() for part in parts for ch in part[1:])


def _is_sentence_case(words: Sequence[str]) -> bool:
    """Most longer words lower-case: then a capital inside the title marks a proper noun."""
    longer = [w for w in words[1:] if len(w) > 3 and w[:1].isalpha()]
    return bool(longer) and sum(w[:1].isupper() for w in longer) / len(longer) < 0.5


def bibtex_title(title: str) -> str:
    """Escape a title and wrap in braces the words whose capitals must survive a style's
    case change: acronyms and mixed case always (DNA, mRNA, CD19); in a sentence-case title
    also capitalised words after the first (Russia, Delphi), which are proper nouns there."""
    tokens = re.split(r"(\s+)", title)
    words = [t for t in tokens if t and not t.isspace()]
    proper_nouns = _is_sentence_case(words)
    out = []
    starts_sentence = True
    for token in tokens:
        if not token or token.isspace():
            out.append(token)
            continue
        protect = _needs_protection(token) or (
            proper_nouns and not starts_sentence and token[:1].isupper()
        )
        if protect:  # braces around the word, not the punctuation beside it
            edges = _WORD_EDGES.fullmatch(token)
            lead, core, trail = edges.groups() if edges else ("", token, "")
            out.append(latex_escape(lead) + "{" + latex_escape(core) + "}" + latex_escape(trail))
        else:
            out.append(latex_escape(token))
        starts_sentence = token.endswith((":", ".", "?", "!"))
    return "".join(out)


def bibtex_name(person: Person) -> str:
    if person.literal or not person.family:
        return "{" + latex_escape(person.literal or person.given or "") + "}"
    family = latex_escape(person.family)
    if " " in person.family or "," in person.family:
        family = "{" + family + "}"  # "Del Zotto", "Della Chiesa": one family name
    return f"{family}, {latex_escape(person.given)}" if person.given else family


def _names(persons: Sequence[Person], et_al: bool = False) -> str | None:
    if not persons:
        return None
    names = [bibtex_name(p) for p in persons]
    if et_al:
        names.append("others")
    return " and ".join(names)


def _bibtex_fields(reference: Reference, entry_type: str) -> list[tuple[str, str]]:
    r = reference
    container = "journal" if entry_type == "article" else "booktitle"
    publisher_field = {"phdthesis": "school", "techreport": "institution"}.get(
        entry_type, "publisher"
    )
    pages = None
    if r.page_first:
        pages = latex_escape(r.page_first) + (
            "--" + latex_escape(r.page_last) if r.page_last and r.page_last != r.page_first else ""
        )
    fields: list[tuple[str, str | None]] = [
        ("author", _names(r.authors, r.et_al)),
        ("editor", _names(r.editors)),
        ("title", bibtex_title(r.title) if r.title else None),
        (container, _escaped(r.container_title)),
        (publisher_field, _escaped(r.publisher)),
        ("address", _escaped(r.publisher_place)),
        ("year", str(r.year) if r.year else None),
        ("volume", _escaped(r.volume)),
        ("number", _escaped(r.issue or r.number)),
        ("edition", _escaped(r.edition)),
        ("pages", pages),
        ("doi", _verbatim(r.doi)),
        ("pmid", _verbatim(r.pmid)),
        # the arXiv convention, read by biblatex and by natbib styles alike
        ("archiveprefix", "arXiv" if r.arxiv else None),
        ("eprint", _verbatim(r.arxiv)),
        ("url", _verbatim(r.url)),
    ]
    if entry_type == "misc" and r.container_title:
        fields[3] = ("howpublished", latex_escape(r.container_title))
    return [(k, v) for k, v in fields if v]


def _escaped(value: str | None) -> str | None:
    return latex_escape(value) if value else None


def _verbatim(value: str | None) -> str | None:
    """DOIs and URLs go in verbatim; only braces (which no real DOI has) are dropped."""
    if not value:
        return None
    return value.replace("{", "").replace("}", "").replace("\\", "")


def bibtex_entry_type(reference: Reference) -> str:
    entry_type = _BIBTEX_TYPE.get(reference.type, "misc")
    required = _REQUIRES.get(entry_type)
    if required and not getattr(reference, required):
        return "misc"
    return entry_type


def to_bibtex(items: Sequence[Item], *, keys: Sequence[str] | None = None) -> str:
    """A BibTeX file, one entry per item, in the given order."""
    entries = [_as_entry(item) for item in items]
    references = [entry.reference for entry in entries]
    keys = list(keys) if keys is not None else citation_keys(references)
    library = Library()
    for key, reference in zip(keys, references, strict=True):
        entry_type = bibtex_entry_type(reference)
        fields = [
            Field(name, "{" + value + "}") for name, value in _bibtex_fields(reference, entry_type)
        ]
        library.add(BibEntry(entry_type, key, fields))
    fmt = BibtexFormat()  # type: ignore[no-untyped-call]
    fmt.indent = "  "
    fmt.block_separator = "\n"
    text: str = write_string(library, unparse_stack=[], bibtex_format=fmt)
    return text


def csl_item(entry: Entry, key: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One CSL-JSON item, with allrefs' own data under ``custom.allrefs``."""
    r = entry.reference
    item: dict[str, Any] = {"id": key, "type": r.type if r.type else "document"}
    if r.authors:
        item["author"] = [_csl_name(p) for p in r.authors]
    if r.editors:
        item["editor"] = [_csl_name(p) for p in r.editors]
    simple = {
        "title": r.title,
        "container-title": r.container_title,
        "publisher": r.publisher,
        "publisher-place": r.publisher_place,
        "volume": r.volume,
        "issue": r.issue,
        # a preprint's number is its e-print identifier, as Zotero and CSL's styles have it
        "number": r.number or (f"arXiv:{r.arxiv}" if r.arxiv and r.type == "article" else None),
        "edition": r.edition,
        "page": f"{r.page_first}-{r.page_last}"
        if r.page_first and r.page_last and r.page_last != r.page_first
        else r.page_first,
        "DOI": r.doi,
        "PMID": r.pmid,
        "URL": r.url,
    }
    for name, value in simple.items():
        if value:
            item[name] = value
    if r.year:
        item["issued"] = {"date-parts": [[r.year]]}
    allrefs: dict[str, Any] = {
        "label": r.label,
        "raw": r.raw,
        "verdict": entry.verdict.value,
        "findings": [f.as_dict() for f in entry.findings],
    }
    if r.origin is not None:
        allrefs["source"] = r.origin.source
        if r.origin.line:
            allrefs["line"] = r.origin.line
    if r.et_al:
        allrefs["et_al"] = True
    if r.arxiv:
        allrefs["arxiv"] = r.arxiv
    if entry.resolution.reason:
        allrefs["unchecked_reason"] = entry.resolution.reason
    if entry.resolution.score is not None:
        allrefs["score"] = round(entry.resolution.score, 4)
    if extra:
        allrefs.update(extra)
    item["custom"] = {"allrefs": allrefs}
    return item


def _csl_name(person: Person) -> dict[str, str]:
    if person.literal or not person.family:
        return {"literal": person.literal or person.given or ""}
    name = {"family": person.family}
    if person.given:
        name["given"] = person.given
    return name


def to_csl_json(
    items: Sequence[Item], *, keys: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON items, one per input item, in order; ids match the BibTeX keys."""
    entries = [_as_entry(item) for item in items]
    keys = list(keys) if keys is not None else citation_keys([e.reference for e in entries])
    return [csl_item(entry, key) for entry, key in zip(entries, keys, strict=True)]


def dump_json(data: Any) -> str:
    """Deterministic JSON text: two-space indent, UTF-8 characters kept, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
