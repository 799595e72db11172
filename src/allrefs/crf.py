"""The learned reference parser: features, a CRF tagger, and the Reference it labels.

Tokens come from :mod:`allrefs.tokens`; the model's labels are repaired by
:mod:`allrefs.relabel` before the fields are read.

The model ships in ``allrefs/data/parser.crfsuite``; ``python -m allrefs.train`` rebuilds it.
DOIs, PMIDs and URLs come from the deterministic extractors, never from the model.
"""

from __future__ import annotations

import functools
import itertools
import operator
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import attrs

from allrefs import relabel
from allrefs.arxiv import find_arxiv
from allrefs.doi import DoiMatch, find_doi
from allrefs.model import Finding, Origin, Person, Reference, Severity
from allrefs.normalize import (
    abbreviation_period,
    clean_reference_text,
    closing_mark,
    cut_notices,
    cut_online_first,
    drop_designator,
    read_printed_kind,
    series_volume,
    strip_trailers,
)
from allrefs.parse import described_type, expand_last_page, report_number
from allrefs.text import CASELESS_RE, find_urls, fold_width
from allrefs.tokens import (
    CAPS_INITIALS_RE,
    CJK_EDITED_BY,
    COUNTED_VOLUME_ISSUE_RE,
    HYPHENS,
    NAME_SUFFIXES,
    PAGE,
    PARTICLES,
    PRINTED_NAME_SUFFIXES,
    RANGE_RE,
    TRANSLITERATED_INITIALS_RE,
    YEAR_RE,
    is_apostrophe,
    transliterated_initials,
)
from allrefs.tokens import Token as Token
from allrefs.tokens import is_word as is_word
from allrefs.tokens import tokenize as tokenize

#: Every label the model can give a token. ``other`` is punctuation and glue between fields.
LABELS: tuple[str, ...] = (
    "citation-number",
    "author",
    "editor",
    "title",
    "journal",
    "container-title",
    "collection-title",
    "publisher",
    "location",
    "date",
    "volume",
    "issue",
    "pages",
    "edition",
    "genre",
    "doi",
    "pmid",
    "url",
    "identifier",
    "note",
    "other",
)

#: Longer inputs are cut to this many characters before labelling (a reference is rarely 1,000).
MAX_CHARS = 4000

MODEL_FILE = "parser.crfsuite"
#: the second pass, beside the first pass's file: ``parser.crfsuite`` -> ``parser-second.crfsuite``
SECOND_SUFFIX = "-second.crfsuite"
#: the first pass's labels get a second look when their probability is under this
SECOND_LOOK_BELOW = 0.7

# --------------------------------------------------------------------------------------------
# Tokens: allrefs.tokens

# --------------------------------------------------------------------------------------------
# Dictionaries (see allrefs/data/README.md for where each list comes from)

_DICTIONARIES = {
    "given": "given_names.txt",
    "place": "places.txt",
    "journal": "journal_words.txt",
    "publisher": "publisher_words.txt",
}


def _data_dir() -> Path:
    return Path(str(resources.files("allrefs") / "data"))


@functools.cache
def _dictionary(name: str) -> frozenset[str]:
    path = _data_dir() / _DICTIONARIES[name]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


# --------------------------------------------------------------------------------------------
# Features

_ROMAN_RE = re.compile(r"(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th|e|er|eme|ème)$")
_KEYWORDS = frozenset(
    """et al and in eds ed editor editors edited by vol no pp p pages press university
    proceedings proc conference symposium workshop journal thesis dissertation phd report
    technical retrieved available from accessed doi pmid http https www isbn chapter edn
    edition hrsg herausgegeben und dans en y e di pmcid arxiv""".split()
)


def _shape_class(ch: str) -> str:
    if ch.isupper():
        return "A"
    if ch.isalpha():
        return "a"
    if ch.isdigit():
        return "d"
    return ch


_SHAPE_TABLE = str.maketrans({chr(c): _shape_class(chr(c)) for c in range(0x250)})
_REPEATS_RE = re.compile(r"(.)\1+")


def _shape(word: str) -> str:
    """Capitals to A, other letters to a, digits to d, runs collapsed: 'Smith' -> 'Aa'."""
    if max(word) < "\u0250":
        mapped = word.translate(_SHAPE_TABLE)
    else:
        mapped = "".join(_shape_class(ch) for ch in word)
    return _collapse_runs(mapped)


@functools.lru_cache(maxsize=4096)
def _collapse_runs(mapped: str) -> str:
    # few distinct mapped words ("Aaaaa", "dddd"), so the regex runs once for each
    return _REPEATS_RE.sub(r"\1", mapped)


#: a token's own features, those it lends the tokens one before and after it, and its word
#: for the tokens two away, as UTF-8 bytes: CRFsuite takes bytes as they are, where it would
#: encode every str again on every call (a seventh of the tagging time); then whether it is a
#: word (see :func:`is_word`) and whether a year
_WordFeatures = tuple[
    tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], bytes, bytes, bool, bool
]
_IS_WORD, _IS_YEAR = operator.itemgetter(5), operator.itemgetter(6)
_TEXT = operator.itemgetter(0)  # of a Token


@functools.cache
def _dictionaries() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(("dict=" + name, _dictionary(name)) for name in _DICTIONARIES)


_ROMAN_LETTERS = frozenset("ivxlcdm")
_CJK_LENGTH = tuple(f"olen={k}" for k in (0, 1, 2, 3, 4, 5, 5, 7, 7, 9))


@functools.lru_cache(maxsize=65536)
def _word_features(word: str) -> _WordFeatures:
    """Features of a token by itself, and the shorter sets it lends its neighbours."""
    lower = word.lower()
    w = "w=" + (lower if len(lower) <= 24 else "LONG")
    shape = "sh=" + _shape(word)[:8]
    feats = ["b", w, shape]
    near = [w, shape]  # what the neighbours see: no suffixes, keywords or script
    if word[0].isalnum() or len(word) > 1:
        n = len(word)
        if n >= 4:
            feats.append("s3=" + lower[-3:])
        if not word.isalpha() and any(c.isdigit() for c in word):
            if word.isdigit():
                feats.append(num := "num" + (str(n) if n < 5 else "5+"))
                near.append(num)
            if YEAR_RE.fullmatch(word):
                feats.append("year")
                near.append("year")
            if RANGE_RE.fullmatch(word):
                feats.append("range")
                near.append("range")
            if _ORDINAL_RE.match(lower):
                feats.append("ordinal")
            if lower.startswith("10.") and "/" in lower:
                feats.append("doi")
        case = None
        if word.isupper():
            case = "caps"
            if n <= 3 and word.isalpha():
                feats.append(case)
                near.append(case)
                case = "initials"
        elif word.istitle():
            case = "title"
        elif word.islower():
            case = "lower"
        if case:
            feats.append(case)
            near.append(case)
        if _ROMAN_LETTERS.issuperset(lower) and _ROMAN_RE.match(lower):
            feats.append("roman")
        if lower.startswith(("http", "www.")):
            feats.append("url")
        if lower in _KEYWORDS:
            feats.append("kw")
        for name, words in _dictionaries():
            if lower in words:
                feats.append(name)
                near.append(name)
        if not word.isascii() and any(unicodedata.category(c) == "Lo" for c in word[:4]):
            # Chinese, Japanese and Korean print no capitals and often no spaces: a name is a
            # short run of characters, a title a long one, and a journal ends in 誌, 報, 学...
            feats.extend(("script=other", _CJK_LENGTH[min(n, 9)], "p1=" + word[0]))
            feats.append("s1=" + word[-1])
    else:
        feats.append("punct")
        near.append("punct")
    # a token holds no space, so one encode and one split make all the byte strings
    return (
        tuple(" ".join(feats).encode().split(b" ")),
        tuple(("-1" + " -1".join(near)).encode().split(b" ")),
        tuple(("+1" + " +1".join(near)).encode().split(b" ")),
        ("-2" + w).encode(),
        ("+2" + w).encode(),
        feats[-1] != "punct",
        "year" in feats,
    )


def _cached_features(tokens: Sequence[Token]) -> list[_WordFeatures]:
    return list(map(_word_features, map(_TEXT, tokens)))


_OPEN = "([{“‘«"
_CLOSE = ")]}”’»"
_POS = tuple(f"pos={k}".encode() for k in range(10))
_SEG = tuple(f"seg={k}".encode() for k in range(7))
_LAST_PUNCT: dict[str, bytes] = {}
#: punctuation that ends a chunk: the stretch of words a field is usually printed as
_CHUNK_BREAKS = frozenset(".,:;()[]{}\"“”‘’«»„‚'?!")
#: the length class of a chunk of n words is _CHUNK[min(n, 9)]
_CHUNK = tuple(f"chunk={k}".encode() if k else b"" for k in (0, 1, 2, 3, 4, 4, 6, 6, 6, 10))
#: quotation marks that open and that close; straight quotes open after a space, else close
_QUOTE_OPEN = frozenset("“„‚«")
_QUOTE_CLOSE = frozenset("”»")
_QUOTE_EITHER = frozenset("\"'‘’")


def _chunks(tokens: Sequence[Token], mask: Sequence[bool]) -> list[bytes]:
    """For each token, the length class of its chunk (words between breaking punctuation).

    ``mask`` says which tokens are words."""
    sizes: list[bytes] = [b""] * len(tokens)
    breaks = [i for i, tok in enumerate(tokens) if not mask[i] and tok.text in _CHUNK_BREAKS]
    start = 0
    for end in (*breaks, len(tokens)):
        words = sum(mask[start:end])
        if words:
            sizes[start:end] = [_CHUNK[min(words, 9)]] * (end - start)
        start = end + 1
    return sizes


def features(text: str, tokens: Sequence[Token]) -> list[list[bytes]]:
    """One feature list per word token (see :func:`is_word`): the token, its neighbours
    (punctuation included), spacing, the punctuation seen so far, quotation, the length of the
    chunk it sits in, position in the string, and whether a year was seen before or comes after.

    Features are UTF-8 bytes (``b"w=smith"``), which CRFsuite reads without encoding them."""
    cached = _cached_features(tokens)
    return _features(text, tokens, cached, list(map(_IS_WORD, cached)))


def _features(
    text: str, tokens: Sequence[Token], cached: Sequence[_WordFeatures], mask: Sequence[bool]
) -> list[list[bytes]]:
    """:func:`features`, given what :func:`_word_features` gave each token and which tokens are
    words (the tagger has both at hand)."""
    n = len(tokens)
    chunk = _chunks(tokens, mask)
    years_left = sum(map(_IS_YEAR, cached))
    out: list[list[bytes]] = []
    depth = 0
    periods = 0
    last_punct = b"lp=^"
    quote = b""  # b"inquote" between quotation marks, b"afterquote" once they closed
    year_seen = False
    for i, tok in enumerate(tokens):
        own = cached[i][0]
        ch = tok.text
        if not mask[i]:
            last_punct = _LAST_PUNCT.get(ch) or _LAST_PUNCT.setdefault(ch, ("lp=" + ch).encode())
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
            elif ch == "." and i > 0 and len(tokens[i - 1].text) > 2:
                periods += 1
            if ch in _QUOTE_OPEN:
                quote = b"inquote"
            elif ch in _QUOTE_CLOSE:
                quote = b"afterquote" if quote else quote
            elif ch in _QUOTE_EITHER:
                opens = tok.start == 0 or text[tok.start - 1] in " ([" or ch == "‘"
                if opens and quote != b"inquote":
                    quote = b"inquote"
                elif quote == b"inquote" and not is_apostrophe(tokens, i):
                    quote = b"afterquote"
            continue
        feats = [*own, _POS[10 * i // n], last_punct, _SEG[min(periods, 6)], chunk[i]]
        if i == 0:
            feats.append(b"first")
        else:
            feats.extend(cached[i - 1][1])
            if tokens[i - 1].end == tok.start:
                feats.append(b"glued")
            if i >= 2:
                feats.append(cached[i - 2][3])
        if i == n - 1:
            feats.append(b"last")
        else:
            nxt = tokens[i + 1]
            feats.extend(cached[i + 1][2])
            if nxt.start == tok.end:
                feats.append(b"glued+")
                if nxt.text == "." and ch.isalpha():
                    feats.append(b"initial." if len(ch) == 1 and ch.isupper() else b"abbr.")
            if i + 2 < n:
                feats.append(cached[i + 2][4])
        if depth:
            feats.append(b"inparen")
        if quote:
            feats.append(quote)
        if year_seen:
            feats.append(b"after_year")
        if cached[i][6]:
            years_left -= 1
            year_seen = True
        if years_left:
            feats.append(b"year_ahead")
        out.append(feats)
    return out


def fill_punctuation(
    tokens: Sequence[Token], labels: list[str], words: Sequence[bool] | None = None
) -> list[str]:
    """Punctuation between two words of one field belongs to it; any other is ``other``.

    ``words`` says which tokens are words, when the caller has already asked :func:`is_word`.
    """
    previous: str | None = None
    pending: list[int] = []
    if words is None:
        words = [is_word(t.text) for t in tokens]
    for i, word in enumerate(words):
        if word:
            if pending and previous == labels[i]:
                for j in pending:
                    labels[j] = previous
            pending = []
            previous = labels[i]
        else:
            pending.append(i)
    return labels


# --------------------------------------------------------------------------------------------
# The tagger, loaded once and only when first needed


def model_path() -> Path:
    """The model file: ``$ALLREFS_CRF_MODEL`` when set (for experiments), else the shipped one."""
    override = os.environ.get("ALLREFS_CRF_MODEL")
    return Path(override) if override else _data_dir() / MODEL_FILE


_TAGGER_LOCK = threading.Lock()


@functools.cache
def _tagger(path: str) -> Any:
    import pycrfsuite  # type: ignore[import-untyped]

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


@functools.cache
def _shipped_model() -> str:
    return str(_data_dir() / MODEL_FILE)


def _model_file(path: Path | None) -> str:
    """The model file to tag with: ``path``, else ``$ALLREFS_CRF_MODEL``, else the shipped one."""
    if path is not None:
        return str(path)
    return os.environ.get("ALLREFS_CRF_MODEL") or _shipped_model()


def _tag(items: list[list[bytes]], path: Path | None = None) -> list[str]:
    tagger = _tagger(_model_file(path))
    with _TAGGER_LOCK:  # one Tagger holds one sequence at a time
        labels: list[str] = tagger.tag(items)
    return labels


def second_model_path(first: Path) -> Path:
    """Where the second pass's model sits for the first pass's model ``first``."""
    return first.with_name(first.name.removesuffix(".crfsuite") + SECOND_SUFFIX)


@functools.cache
def _second_model(first: str) -> str | None:
    """The second pass's model file for the first pass's ``first``, when there is one (a model
    trained for an experiment may come without)."""
    second = second_model_path(Path(first))
    return str(second) if second.is_file() else None


def _two_passes(items: list[list[bytes]], path: Path | None) -> list[str]:
    """The first pass's labels, smoothed; where they are unsure and a second model exists, the
    second pass's, which reads the first pass's labels as well (:func:`stacked_features`).

    Unsure: not a plain journal article (:func:`_plain_article`, most Vancouver lists) and a
    probability under :data:`SECOND_LOOK_BELOW`."""
    first = _model_file(path)
    tagger = _tagger(first)
    second = _second_model(first)
    with _TAGGER_LOCK:  # one Tagger holds one sequence at a time
        raw: list[str] = tagger.tag(items)
        labels = relabel.smooth(list(raw))
        if second is None or _plain_article(labels):
            return labels
        if tagger.probability(raw) >= SECOND_LOOK_BELOW:
            return labels
    return relabel.smooth(_tag(second_pass_items(items, labels), Path(second)))


def second_pass_items(items: list[list[bytes]], labels: Sequence[str]) -> list[list[bytes]]:
    """What the second pass tags: each word's :func:`features` and its
    :func:`stacked_features` from the first pass's ``labels``."""
    return [own + more for own, more in zip(items, stacked_features(labels), strict=True)]


_ARTICLE_TAIL = frozenset({"date", "volume", "issue", "pages"})
_APA_TAIL = frozenset({"volume", "issue", "pages"})


def _plain_article(labels: Sequence[str]) -> bool:
    """Authors, title, journal, then only date, volume, issue and pages (Vancouver), or
    authors, date, title, journal, then only volume, issue and pages (APA): a journal article
    the first pass reads well."""
    runs = [label for i, label in enumerate(labels) if i == 0 or labels[i - 1] != label]
    if runs[:3] == ["author", "title", "journal"]:
        return _ARTICLE_TAIL.issuperset(runs[3:])
    return runs[:4] == ["author", "date", "title", "journal"] and _APA_TAIL.issuperset(runs[4:])


#: fields whose presence before or after a run the second pass is told
_STACKED_FIELDS = frozenset(
    "title container-title journal author editor date publisher location volume pages".split()
)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-6" if n < 7 else "7+")


def stacked_features(labels: Sequence[str]) -> list[list[bytes]]:
    """What the second pass reads besides :func:`features`, for each word: the first pass's
    labels two words either side, the label runs before and after the word's run, the run's
    length and index, the word's place in its run, and which fields were found before the run
    and which come after it. A linear-chain CRF sees its neighbours' labels only; these let the
    second pass see the whole reference ("a title was found already", "no journal follows")."""
    n = len(labels)
    runs: list[tuple[int, int, str]] = []
    start = 0
    for j in range(1, n + 1):
        if j == n or labels[j] != labels[start]:
            runs.append((start, j, labels[start]))
            start = j
    out: list[list[bytes]] = []
    for r, (a, b, label) in enumerate(runs):
        prev = runs[r - 1][2] if r else "^"
        nxt = runs[r + 1][2] if r + 1 < len(runs) else "$"
        common = [f"s_prev={prev}", f"s_next={nxt}", f"s_len={_bucket(b - a)}"]
        common += [f"s_run={_bucket(r)}", f"s_pn={prev}|{label}|{nxt}"]
        common += [f"seen={x}" for x in sorted({x[2] for x in runs[:r]} & _STACKED_FIELDS)]
        common += [f"ahead={x}" for x in sorted({x[2] for x in runs[r + 1 :]} & _STACKED_FIELDS)]
        shared = " ".join(common).encode().split(b" ")
        for j in range(a, b):
            own = (
                f"s0={label} s-1={labels[j - 1] if j else '^'} "
                f"s+1={labels[j + 1] if j + 1 < n else '$'} "
                f"s-2={labels[j - 2] if j > 1 else '^'} s+2={labels[j + 2] if j + 2 < n else '$'} "
                f"sin={min(j - a, 3)} sout={min(b - 1 - j, 3)}"
            )
            out.append([*own.encode().split(b" "), *shared])
    return out


def tag_tokens(text: str, tokens: Sequence[Token], model: Path | None = None) -> list[str]:
    """The model's label for every token: words tagged, punctuation filled in between."""
    labels = ["other"] * len(tokens)
    cached = _cached_features(tokens)
    mask = list(map(_IS_WORD, cached))
    words = list(itertools.compress(range(len(tokens)), mask))
    if words:
        tagged = _two_passes(_features(text, tokens, cached, mask), model)
        for i, label in zip(words, tagged, strict=True):
            labels[i] = label
        fill_punctuation(tokens, labels, mask)
        relabel.repair(
            text,
            tokens,
            words,
            tagged,
            labels,
            _dictionary("given"),
            _dictionary("place"),
            _dictionary("publisher"),
        )
    return labels


def _labels(
    text: str, tokens: Sequence[Token], model: Path | None = None, ids: Identifiers | None = None
) -> list[str]:
    labels = tag_tokens(text, tokens, model)
    for start, end, name in (ids or identifiers(text)).spans:
        for i, tok in enumerate(tokens):
            if tok.start < end and tok.end > start:
                labels[i] = name
    return labels


def label_reference(text: str, *, model: Path | None = None) -> list[tuple[str, str]]:
    """Label each token of one reference string: ``[("Smith", "author"), ...]``.

    DOI, PMID and URL tokens are labelled by the deterministic extractors, not the model.
    """
    tokens = tokenize(text)
    if not tokens:
        return []
    return [(t.text, lab) for t, lab in zip(tokens, _labels(text, tokens, model), strict=True)]


# --------------------------------------------------------------------------------------------
# Identifiers: the deterministic extractors

_PMID_RE = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)


class Identifiers(NamedTuple):
    """What the deterministic extractors found in one string, and the spans they cover."""

    doi: DoiMatch | None
    pmid: str | None
    url: str | None
    spans: tuple[tuple[int, int, str], ...]
    arxiv: str | None = None


def identifiers(text: str) -> Identifiers:
    """The DOI, the first PMID, the first URL that is not the DOI's and the first arXiv
    identifier, found once per string. An arXiv identifier inside the DOI or a URL keeps
    their label; elsewhere it is an ``identifier``."""
    spans: list[tuple[int, int, str]] = []
    doi = find_doi(text)
    if doi is not None:
        spans.append((doi.start, doi.end, "doi"))
    pmid = url = None
    lower = text.lower()
    if "pmid" in lower:
        for m in _PMID_RE.finditer(text):
            spans.append((m.start(), m.end(), "pmid"))
            pmid = pmid or m.group(1)
    if "http" in lower or "www." in lower:
        for start, end in find_urls(text):
            if doi is None or not (start <= doi.start < end):
                spans.append((start, end, "url"))
                url = url or text[start:end]
    eprint = find_arxiv(text)
    if eprint is not None and not any(a < eprint.end and b > eprint.start for a, b, _ in spans):
        spans.append((eprint.start, eprint.end, "identifier"))
    return Identifiers(doi, pmid, url, tuple(spans), eprint.arxiv if eprint else None)


# --------------------------------------------------------------------------------------------
# From labels to a Reference


class Field(NamedTuple):
    """A run of tokens with one label: the label, its text as printed and where it sits."""

    label: str
    text: str
    start: int
    end: int


def fields_from_labels(text: str, labelled: Sequence[tuple[str, str]]) -> list[Field]:
    """Group labelled tokens into fields, keeping the string's own spacing.

    Two runs of one label separated only by punctuation labelled ``other`` are one field.
    """
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for token, label in labelled:
        start = text.find(token, pos)
        if start < 0:
            continue
        pos = start + len(token)
        spans.append((start, pos, label))
    return _fields(text, spans)


def _runs(tokens: Sequence[Token], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Each run of tokens with one label, as (start, end, label): what :func:`_fields` makes
    of those tokens one by one when at most a space lies between two of them (as it does in
    a string whose whitespace was collapsed), at a tenth of the steps."""
    runs: list[tuple[int, int, str]] = []
    pos = 0
    for label, group in itertools.groupby(labels):
        size = len(list(group))
        runs.append((tokens[pos].start, tokens[pos + size - 1].end, label))
        pos += size
    return runs


def _fields(text: str, tokens: Iterable[tuple[int, int, str]]) -> list[Field]:
    spans: list[tuple[str, int, int]] = []
    for start, end, label in tokens:
        if label == "other":
            continue
        if spans and spans[-1][0] == label:
            between = text[spans[-1][2] : start]
            if len(between) <= 3 and not any(map(str.isalnum, between)):
                spans[-1] = (label, spans[-1][1], end)
                continue
        spans.append((label, start, end))
    return [Field(lab, text[s:e], s, e) for lab, s, e in spans]


_SPACES_RE = re.compile(r"\s+")
_DOTTED_INITIALS_RE = re.compile(r"(?:[A-Z]\.?)+")
_EDGE_STRIP = " \t\r\n.,;:/–—-"
_QUOTES = "\"'“”‘’«»„"


def _clean(value: str) -> str | None:
    value = _SPACES_RE.sub(" ", value)
    value = value.strip(_EDGE_STRIP)
    for _ in range(2):
        if value[:1] in _QUOTES or value[-1:] in _QUOTES:
            value = value.strip(_QUOTES).strip(_EDGE_STRIP)
        if value.startswith(("(", "[")) and value.endswith((")", "]")):
            value = value[1:-1].strip(_EDGE_STRIP)
    if value.endswith(("(", "[")):
        value = value[:-1].strip(_EDGE_STRIP)
    if value.count("(") < value.count(")") and value.endswith(")"):
        value = value[:-1].strip(_EDGE_STRIP)
    if value.count("(") > value.count(")") and value.startswith("("):
        value = value[1:].strip(_EDGE_STRIP)
    for left, right in ("()", "[]", "«»"):
        # "Cold Spring Harbor (NY" lost its bracket as edge punctuation, "Сборник «Кардиология"
        # its closing quote: give it back
        if value.count(left) == value.count(right) + 1 and value.rfind(left) > value.rfind(right):
            spaced = left == "«" and value[value.rfind(left) + 1 : value.rfind(left) + 2] == " "
            value += f" {right}" if spaced else right  # French spacing: "« Le giscardisme »"
    return value or None


_ET_AL_RE = re.compile(
    r"[,;]?\s*(?:\bet\.?\s*al\b\.?|\bet\s+alii\b|\band\s+others\b|\bu\.\s*a\.|…|\.\.\."
    r"|\bи\s+(?:др|соавт)\b\.?"  # Russian: "и др.", "и соавт."
    # Japanese, Chinese and Korean: "山田太郎, 鈴木花子, ほか", "张三, 李四, 等", "박장식 외"
    rf"|(?<=[,、\s])(?:{'|'.join(sorted(relabel.CASELESS_ET_AL))}))\s*$",
    re.IGNORECASE,
)
_ET_AL_INSIDE_RE = re.compile(r"[,;]?\s*\bet\.?\s*al\b\.?\s*[,;]", re.IGNORECASE)
#: how every ending _ET_AL_RE matches ends, once stripped (the cheap test that comes first)
_ET_AL_ENDS = (
    *("al", "alii", "others", "a", "…", ".", "др", "соавт"),
    *sorted(relabel.CASELESS_ET_AL),
)
#: what an author field says when the work names no author
_ANONYMOUS = frozenset({"anonymous", "anon", "anon."})
#: an elision inside an author list, where APA 7 leaves out the names between the nineteenth
#: and the last: ". . .", "...", "…"
_ELISION_RE = re.compile(r"\s*[,;]?\s*(?:(?<![A-Za-z])\.\s?\.\s?\.|…)\s*[,;]?\s*(?=\S)")
_JOIN_RE = re.compile(r"\s+(?:and|&|et|und|y|e|i|und|og|en)\s+|\s*&\s*|;\s*", re.IGNORECASE)
_ORG_WORDS = frozenset(
    """organization organisation group association committee institute institut society
    consortium collaboration agency ministry department university council centre center
    foundation office board commission program programme network investigators force bureau
    service services team trust federation alliance academy college hospital authority
    administration unit laboratory nations union panel initiative project corporation inc ltd
    company gmbh statistics registry pharma pharmaceuticals therapeutics biosciences llc corp plc
    """.split()
)
#: initials in Latin or Cyrillic capitals ("J. P.", "И. И.", "Дж.": Russian lists in their script)
_INITIALS_RE = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.?\s*[-‐]?\s*){1,4}$")
_CAPS_GIVEN_RE = re.compile(r"(?:[A-ZА-ЯЁ]\.?-?){1,4}")
#: the same, or with a Russian letter in two beside another initial ("Smirnov AYu", "Ivanov
#: ChT"); a lone "Yu" is a Chinese name ("Liu Yu", "Yu, W.")
_VANCOUVER_GIVEN_RE = re.compile(
    rf"{_CAPS_GIVEN_RE.pattern}|(?=[A-Z][a-z]?[A-Z]){TRANSLITERATED_INITIALS_RE.pattern}"
)
#: "Ju." (Yuri), "Ch.", "I.B.d.O." (with a particle), "J.-P.": a given name cut to its
#: first letter or two, as Russian and Portuguese references print them
_ABBREVIATED_GIVEN_RE = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]?\.(?:-?[A-Za-zА-ЯЁа-яё][a-zа-яё]?\.)*")


def _abbreviated_given(word: str) -> bool:
    return word not in ("Jr.", "Sr.") and _ABBREVIATED_GIVEN_RE.fullmatch(word) is not None


def _tidy_given(given: str | None) -> str | None:
    """'JP', 'J.P', 'J. P' -> 'J. P.'; 'Nicholson B' -> 'Nicholson B.'; full names kept."""
    if not given:
        return None
    words: list[str] = []
    for word in given.split():
        if word.rstrip(".") in PRINTED_NAME_SUFFIXES and words:
            words.append(word)  # "A. H. Jr", "D. P. III": no initials
        elif CAPS_INITIALS_RE.fullmatch(word):
            words.extend(f"{c}." for c in word)
        elif len(word) > 2 and TRANSLITERATED_INITIALS_RE.fullmatch(word):
            words.extend(transliterated_initials(word))  # "AYu" -> "A. Yu."
        elif _DOTTED_INITIALS_RE.fullmatch(word):
            words.extend(f"{c}." for c in word if c != ".")
        elif "." in word and _abbreviated_given(word.rstrip(".") + "."):
            # "I.B.d.O." -> "I. B. d. O." like "A. D."; "J.-P" (its last dot lost at the end
            # of the field) -> "J.-P."
            word = word.rstrip(".") + "."
            words.extend(word.replace(".", ". ").split() if "-" not in word else [word])
        else:
            words.append(word)
    return " ".join(words)


def _is_initials(piece: str) -> bool:
    return bool(_INITIALS_RE.fullmatch(piece.strip())) and any(c.isupper() for c in piece)


def _looks_given(piece: str) -> bool:
    """'C.', 'D.I.', 'J. P.', 'Nicholson B.', 'Jean-Paul': what follows a family name and comma."""
    words = piece.split()
    if not words or len(words) > 3:
        return False
    if _is_initials(piece):
        return True
    first = words[0].rstrip(".")
    if len(words) == 1:  # "Jean-Paul", "Xiao-Ming"; not "Diaz-Lagares C", a Vancouver name
        first = first.replace("-", "")
    if words[0][:1].isupper() and first.isalpha() and words[0][1:2].islower():
        return all(_is_initials(w) or w[:1].isupper() for w in words[1:])
    return False


def _is_single_family(piece: str) -> bool:
    """'Romero', 'van der Berg', 'Borgerhoff Mulder': a family name alone before 'Given' pieces."""
    words = [w for w in piece.split() if w.lower() not in PARTICLES]
    if not 1 <= len(words) <= 3:
        return False
    return all(
        len(w.rstrip(".")) > 1
        and w[:1].isupper()
        and not _CAPS_GIVEN_RE.fullmatch(w)
        and not _abbreviated_given(w)
        and w.rstrip(".").replace("-", "").replace("'", "").isalpha()
        for w in words
    )


def _is_full_name(piece: str) -> bool:
    """'Kathryn Harriman', 'Paul R. Houston', 'Thomas von Eicken': a given name and a family name.

    A list "Kathryn Harriman, Paul Houston, and Mark Smith" prints each name in its natural
    order, so two such pieces side by side are two persons, not "Family, Given" ("Borgerhoff
    Mulder, Monique" has one given word; "Wellman Kephart, J. O." ends in initials; "Wimsatt
    Jr., William Kurtz" ends its family part with a suffix).
    """
    words = [w for w in piece.split() if w.lower() not in PARTICLES]
    if len(words) < 2:
        return False
    last = words[-1].rstrip(".")
    return (
        len(last) > 1
        and last[:1].isupper()
        and any(c.islower() for c in last)
        and last.lower() not in NAME_SUFFIXES
        and not _abbreviated_given(words[-1])
    )


_INITIAL_WORD_RE = re.compile(r"\b[A-Z]\b|\b[A-Z]{2,3}\b(?!\w)")
_WORD_RE = re.compile(r"\w+")


def _has_org_word(text: str) -> bool:
    """A word like "Institute" or "Group" (a set lookup per word: five times a regex's speed)."""
    return not _ORG_WORDS.isdisjoint(_WORD_RE.findall(text.lower()))


def _is_organisation(piece: str, org_words: bool = True) -> bool:
    """``org_words=False`` says the caller knows the piece holds no word like "Institute"."""
    if org_words and _has_org_word(piece):
        return True
    words = piece.split()
    if len(words) <= 5:
        return False
    # six or more words with no initials and no "and" are a name of a body, not of a person
    return not _INITIAL_WORD_RE.search(piece) and not _JOIN_RE.search(piece)


#: a family name in capitals before a given name: "ZHANG San", "DUPONT Jean"
_CAPS_FAMILY_FIRST_RE = re.compile(r"[A-Z]{2,} [A-Z][^\W\d_A-Z]+")
#: the same with a family name too long to be initials: a list holding one prints every name so
_LONG_CAPS_FAMILY_FIRST_RE = re.compile(r"[A-Z]{5,} [A-Z][^\W\d_A-Z]+")


def _person(piece: str, org_words: bool = True, caps_family: bool = False) -> Person | None:
    """One person from one piece of an author list; ``caps_family`` says the list prints
    family names in capitals before given names ("ZHANG San, LI Si"), so that "LI Si" is Li,
    not the initials L. I. before a family name Si ("MO Goodarzi" in another list is)."""
    dotted = piece.rstrip(" ,;:").endswith(".")  # "Kudryashova Ju." keeps its given name's dot
    piece = piece.strip(" ,;.:")
    if not piece or not any(c.isalpha() for c in piece):
        return None
    if _is_organisation(piece, org_words):
        return Person(literal=piece)
    words = piece.split()
    if len(words) == 1:
        return Person(family=words[0])
    if (
        len(words) > 2
        and words[-1].rstrip(".") in PRINTED_NAME_SUFFIXES
        and _VANCOUVER_GIVEN_RE.fullmatch(words[-2])
        and any(c.islower() for c in words[0])
    ):
        # Vancouver with a suffix after the initials: "Merrill AH Jr", "Livingston DP III"
        core = _person(" ".join(words[:-1]), org_words, caps_family)
        if core is not None and core.family:
            return Person(family=core.family, given=f"{core.given or ''} {words[-1]}".strip())
    if not piece.isascii() and all(CASELESS_RE.match(word) for word in words):
        # Chinese, Japanese and Korean names in their own script put the family name first:
        # "齋藤 忍", "松掛 暢"
        return Person(family=words[0], given=" ".join(words[1:]))
    if "," in piece:
        family, _, given = piece.partition(",")
        return Person(family=family.strip(), given=given.strip() or None)
    last = words[-1]
    first_word = words[0].rstrip(".")
    # "Ju." lost its dot to the strip above; "I.B.d.O" shows its dots inside
    abbreviated = (dotted or "." in last) and _abbreviated_given(last + ".")
    if (abbreviated or _VANCOUVER_GIVEN_RE.fullmatch(last)) and (
        any(c.islower() for c in first_word)
        or len(first_word) > 3
        # "LEE K.", "LEE K": a family name in capitals before an initial (no family name
        # is one letter, so "K" is no "Given Family" reading's family)
        or (len(words) == 2 and len(last.rstrip(".")) == 1 and len(first_word) >= 2)
    ):
        # Vancouver: "Smith JP", "de la Macorra JC"; "Kudryashova Ju.", "Araujo I.B.d.O."
        given = last + "." if abbreviated else last
        names = words[:-1]
        while len(names) > 1 and _abbreviated_given(names[-1]):  # "Ivanov I. I.", "Smith J. P."
            given = f"{names.pop()} {given}"
        return Person(family=" ".join(names), given=given)
    if caps_family and _CAPS_FAMILY_FIRST_RE.fullmatch(piece):
        return Person(family=words[0], given=words[1])  # "ZHANG San", "LI Si"
    # "J. P. Collman", "Alexander Vrchoticky", "Jean van der Berg"
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in PARTICLES:
        split -= 1
    suffix = last.rstrip(".").lower() in NAME_SUFFIXES
    if suffix and len(words) > 2:
        return Person(family=" ".join(words[split - 1 : -1]), given=" ".join(words[: split - 1]))
    return Person(family=" ".join(words[split:]), given=" ".join(words[:split]))


#: a family name of one capitalised word and one to three capital initials: "Smith JP"
_VANCOUVER_PIECE_RE = re.compile(r"([A-Z][a-z]+) ([A-Z]{1,3})")


class _Initials(dict[str, str]):
    """'JP' -> 'J. P.', computed once for each run of capitals."""

    def __missing__(self, key: str) -> str:
        self[key] = value = " ".join(f"{c}." for c in key)
        return value


_SPACED_INITIALS = _Initials()


#: a number alone with its period: the page's line number, which PDF extraction puts inside an
#: author list ("Thomforde GM, \n5. \nDinneen S"); no name is one
_LINE_NUMBER_RE = re.compile(r"(?<!\S)\d{1,3}(?:\.(?!\S)|$)")


#: a period or a middle dot between two letters of a script without capitals: Korean and
#: Japanese lists join names so ("이찬희.조지현.김지영", "山田太郎・鈴木花子")
_CASELESS_PERIOD_RE = re.compile(
    rf"(?<={CASELESS_RE.pattern})\s?([.・·･])\s?(?={CASELESS_RE.pattern})"
)


def _join_mark(m: re.Match[str]) -> str:
    """A period between two caseless names, or a middle dot that separates two people
    (:func:`relabel.dot_joins_names`), becomes a comma; a dot inside one name stays."""
    dot, text = m.group(1), m.string
    if dot == "." or relabel.dot_joins_names(dot, text[: m.start()], text[m.end() :]):
        return ", "
    return m.group(0)


def _caps_family_before_initials(piece: str, given: str) -> bool:
    """'DOE', 'LEE', 'WANG' before 'A.', 'J. H.': a short family name in capitals (ABNT, and
    French lists, print every family name so), which would otherwise read as initials; the
    initials after it, with their periods, say which is which."""
    return (
        2 <= len(piece) <= 4
        and piece.isalpha()
        and piece.isupper()
        and _is_initials(given)
        # with its periods, or one letter ("DOE, A", "WU, J": the list's last period was cut
        # before it was split), or two after a name of three or four ("WANG, XM")
        and (
            "." in given or len(given.strip()) == 1 or (len(given.strip()) == 2 and len(piece) >= 3)
        )
    )


def _trailing_particles(piece: str) -> tuple[str, str]:
    """'J. D. van der' -> ('J. D.', 'van der'): a family name's particles printed after the
    given name when the family name leads ("Waals, J. D. van der", "Camões, Luís de")."""
    words = piece.split()
    split = len(words)
    # printed in lower case, as particles are ("Yau, L. H. Y." ends in an initial)
    while split > 1 and words[split - 1] in PARTICLES and words[split - 1] != "y":
        split -= 1
    return " ".join(words[:split]), " ".join(words[split:])


def split_persons(text: str) -> tuple[tuple[Person, ...], bool]:
    """Split an author or editor field into persons; the bool says it had an "et al."."""
    value = _SPACES_RE.sub(" ", text).strip(" ,;.:")
    if _LINE_NUMBER_RE.search(value):  # "Goldin E. \n8. \nRelationships"
        value = _SPACES_RE.sub(" ", _LINE_NUMBER_RE.sub(" ", value)).strip(" ,;.:")
    et_al = False
    while value[-6:].lower().endswith(_ET_AL_ENDS):
        m = _ET_AL_RE.search(value, max(0, len(value) - 24))
        if not m or m.start() == m.end():
            break
        et_al = True
        value = value[: m.start()].strip(" ,;.:、")
    if ". ." in value or "..." in value or "…" in value:  # APA 7: "White, C., . . . Brown, L."
        value, elided = _ELISION_RE.subn(", ", value)
        et_al = et_al or elided > 0
    if " al" in value:  # "Halsey C., et al; Ponte di Legno working group": a group follows
        value, inside = _ET_AL_INSIDE_RE.subn(";", value)
        et_al = et_al or inside > 0
    if not value or value.strip("[]").lower() in _ANONYMOUS:
        return (), et_al
    # "이찬희.조지현.김지영", "山田太郎・鈴木花子": names joined by a period or a middle dot
    if not value.isascii() and _CASELESS_PERIOD_RE.search(value):
        value = _CASELESS_PERIOD_RE.sub(_join_mark, value)
    if "、" in value:  # the ideographic enumeration comma: "山田太郎、鈴木花子"
        value = value.replace("、", ", ")
    org_words = _has_org_word(value)
    if _is_organisation(value, org_words) and "," not in value and ";" not in value:
        return (Person(literal=value),), et_al
    groups = [g for g in _JOIN_RE.split(value) if g and g.strip(" ,.")]
    caps_family = _LONG_CAPS_FAMILY_FIRST_RE.search(value) is not None and any(
        _LONG_CAPS_FAMILY_FIRST_RE.fullmatch(p.strip()) for g in groups for p in g.split(",")
    )
    persons: list[Person] = []
    for group in groups:
        pieces = [p.strip() for p in group.split(",") if p.strip(" .")]
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            if persons and piece.rstrip(".") in PRINTED_NAME_SUFFIXES:
                # APA's "Smith, J. A., Jr., & Doe, B.": the suffix is the last person's
                last = persons[-1]
                given = f"{last.given or ''} {piece.rstrip('.')}".strip()
                persons[-1] = Person(family=last.family, given=given, literal=last.literal)
                i += 1
                continue
            vancouver = _VANCOUVER_PIECE_RE.fullmatch(piece)
            if vancouver and not (org_words and _has_org_word(piece)):
                # "Smith JP", most names of a biomedical list: what _person makes of it, tidied
                family, given = vancouver.groups()
                persons.append(Person(family=family, given=_SPACED_INITIALS[given]))
                i += 1
                continue
            given, particles = (
                _trailing_particles(pieces[i + 1]) if i + 1 < len(pieces) else ("", "")
            )
            if given and (
                (
                    _is_single_family(piece)
                    and _looks_given(given)
                    and not _CAPS_GIVEN_RE.fullmatch(piece.split()[-1])
                    and not (_is_full_name(piece) and _is_full_name(given))
                )
                or _caps_family_before_initials(piece, given)
            ):
                # the particle stays where the list printed it, after the given name, as
                # BibTeX reads "Camões, Luís de": the family name is what the list sorts by
                tidy = _tidy_given(given)
                persons.append(Person(family=piece, given=f"{tidy} {particles}".strip()))
                i += 2
                continue
            person = _person(piece, org_words, caps_family)
            if person is not None:
                if person.given:
                    person = Person(family=person.family, given=_tidy_given(person.given))
                persons.append(person)
            i += 1
    return tuple(persons), et_al


_EDITOR_WORDS_RE = re.compile(
    r"\(?\b(?:(?:eds?\.?|edited)\s+and\s+trans(?:l|lated)?\.?(?:\s+by)?"  # "(ed. and trans.)"
    r"|eds?|editors?|edited by|hrsg|herausgegeben von|dir|coord|comps?|trans|transl"
    r"|translated by)\b\.?\)?"
    r"|^\s*in\s*:?\s+"
    # "鈴木一郎編", "王五 主编", "홍길동 엮음"
    rf"|(?<=[\w ])(?:{'|'.join(CJK_EDITED_BY)})(?=\s*(?:[,、・]|$))",
    re.IGNORECASE,
)
#: what says a date is when a page was read, not when the work appeared: "(accessed 3 March
#: 2021)", "Retrieved March 4, 2021", "[cited 2022 Jan 5]"; in the date's field or before it
_ACCESS_WORDS = r"(?:accessed|retrieved|cited|viewed)"
_ACCESSED_OPENING_RE = re.compile(rf"\W*{_ACCESS_WORDS}\b", re.IGNORECASE)
_ACCESSED_BEFORE_RE = re.compile(
    rf"\b{_ACCESS_WORDS}(?:\s+on)?\s*:?\s*(?:\d{{1,2}}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{{1,2}},?\s+)?$",
    re.IGNORECASE,
)


def _access_date(text: str, found: Field) -> bool:
    """A date the string says a page was read on, in the field or just before it."""
    return bool(
        _ACCESSED_OPENING_RE.match(found.text)
        or _ACCESSED_BEFORE_RE.search(text, max(0, found.start - 32), found.start)
    )


_YEAR_IN_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
#: "12", "68A" (Part A of a journal), "XIV"
_NUMBER_RE = re.compile(r"\d+(?:[A-Za-z](?![A-Za-z]))?|\b[IVXLCDM]+\b|\b[ivxlcdm]+\b")
_PAGES_RE = re.compile(rf"({PAGE})(?:\s*[{HYPHENS}]+\s*({PAGE}))?")


def _pages(value: str) -> tuple[str | None, str | None]:
    m = _PAGES_RE.search(value)
    if not m:
        return None, None
    first, last = m.group(1), m.group(2)
    return first, expand_last_page(first, last) if last else None


#: a volume and its issue after a hyphen, the issue the smaller: "史林 67-5", "인문학연구 25-2"
_VOLUME_DASH_ISSUE_RE = re.compile(r"(\d{1,4})\s*[-–]\s*(\d{1,2})")


def _double_volume(first: str, second: str) -> bool:
    """Two volumes bound as one, the second printed in full or shortened to two digits:
    "12-13", "134-35", "1998-99"; not a volume and its issue, "67-5", "12-3"."""
    if int(second) >= int(first):
        return True
    whole = first[: max(len(first) - len(second), 0)] + second
    return len(second) >= 2 and int(whole) == int(first) + 1


def _volume_issue(value: str) -> tuple[str | None, str | None]:
    if (counted := COUNTED_VOLUME_ISSUE_RE.search(value)) is not None:
        return counted.group(1), counted.group(2)  # "第77巻第3号", "제5권 1호"
    dashed = _VOLUME_DASH_ISSUE_RE.fullmatch(value.strip(" ,.;"))
    if dashed is not None and not _double_volume(dashed.group(1), dashed.group(2)):
        return dashed.group(1), dashed.group(2)
    numbers = _NUMBER_RE.findall(value)
    if not numbers:
        return _clean(value), None
    volume = numbers[0]
    issue = None
    rest = value[value.find(volume) + len(volume) :]
    m = re.search(
        r"\(\s*([\w\-–/ ]+?)\s*\)|(?:no|nr|n°|issue|heft)\.?\s*(\w+)|[,/]\s*(\d+)", rest, re.I
    )
    if m:
        issue = next(g for g in m.groups() if g)
    return volume, issue


_CONFERENCE_RE = re.compile(
    r"\b(?:proc|proceedings|conference|conf|symposium|workshop|congress|meeting|colloquium)\b",
    re.IGNORECASE,
)
_THESIS_RE = re.compile(
    r"thes[ei]s|dissertation|ph\.?\s*d|doctoral|master|дис|автореф", re.IGNORECASE
)
_REPORT_RE = re.compile(
    r"report|working paper|technical|memo|white paper|rapport|guideline|guidance", re.IGNORECASE
)


_EDITION_WORDS_RE = re.compile(
    r"\b(?:ed|edn|edition|éd|édition|aufl|auflage|ed\.?ición|edizione)\b\.?", re.IGNORECASE
)


#: what opens a container's name but is not part of it: "In:", "Paper presented at:"
_CONTAINER_OPENING_RE = re.compile(
    r"^(?:(?:in|en|dans)\s*:?\s+|(?:(?:paper|poster|abstract)\s+)?presented\s+at\s*:?\s*)",
    re.IGNORECASE,
)
_IN_BEFORE_RE = re.compile(r"\b(?:in|en|dans|im)\b\s*:?\s*$", re.IGNORECASE)


#: an edition the model read as a note: APA's "(2nd ed.)" after a book's title
_EDITION_NOTE_RE = re.compile(r"^\(?\s*(\d+(?:st|nd|rd|th))\s+(?:ed|edn|edition)\b\.?\s*\)?$", re.I)


def _edition(found: Field | None, note: Field | None = None) -> str | None:
    if found is None:
        m = _EDITION_NOTE_RE.match(note.text.strip()) if note is not None else None
        return m.group(1) if m else None
    return _clean(_EDITION_WORDS_RE.sub(" ", found.text))


def _standard_number(found: Field | None) -> str | None:
    """A standard's designation, which is its number ("3GPP TS 23.501"); None for any other
    identifier (arXiv ids, ISBNs, report numbers inside a title are not kept as numbers)."""
    if found is None or not relabel.STANDARD_RE.match(found.text):
        return None
    return _clean(found.text)


def _guess_type(
    first: dict[str, Field],
    *,
    url: str | None,
    volume: str | None,
    pages: bool,
    publisher: str | None,
    place: str | None,
    standard: bool = False,
    arxiv: bool = False,
) -> str:
    genre = " ".join(f.text for f in (first.get("genre"), first.get("note")) if f)
    if _THESIS_RE.search(genre):
        return "thesis"
    if _REPORT_RE.search(genre):
        return "report"
    described = described_type(first["genre"].text) if "genre" in first else None
    if described and "journal" not in first and not volume:
        return described  # "[Video]. Journal of Visualized Experiments, 150": an article
    if standard:
        return "report"  # a standard, which CSL 1.0.1's types have no name for
    container = first.get("container-title")
    journal = first.get("journal")
    if journal is not None:
        if _clean(journal.text.lower()) in relabel.PREPRINT_SERVERS and not volume:
            return "article"  # "medRxiv", "bioRxiv": a preprint, CSL's type for it
        return "article-journal"
    if container is not None:
        if _CONFERENCE_RE.search(container.text):
            return "paper-conference"
        return "chapter"
    if arxiv and not volume and not pages and not publisher:
        return "article"  # an e-print cited as such: CSL's type for preprints
    if url and not volume and not publisher:
        return "webpage"
    if volume or (pages and not publisher):
        return "article-journal"
    if publisher or place or "edition" in first:  # a book, its pages cited or not
        return "book"
    return "article-journal"


def reference_from_labels(
    text: str,
    labelled: Sequence[tuple[str, str]],
    *,
    label: str | None = None,
    origin: Origin | None = None,
) -> Reference:
    """Build the structured Reference from one string and its labelled tokens."""
    return _build(text, fields_from_labels(text, labelled), label, origin)


def _build(
    text: str,
    found: list[Field],
    label: str | None,
    origin: Origin | None,
    raw: str | None = None,
    ids: Identifiers | None = None,
) -> Reference:
    first: dict[str, Field] = {}
    for f in found:
        first.setdefault(f.label, f)

    def value(name: str) -> str | None:
        f = first.get(name)
        return _clean(f.text) if f else None

    authors: tuple[Person, ...] = ()
    et_al = False
    if "author" in first:
        authors, et_al = split_persons(first["author"].text)
    editors: tuple[Person, ...] = ()
    if "editor" in first:
        editors, _ = split_persons(_EDITOR_WORDS_RE.sub(" ", first["editor"].text))
    year = None
    for f in found:
        if f.label == "date" and not _access_date(text, f):
            m = _YEAR_IN_RE.search(f.text)
            if m:
                year = int(m.group(1))
                break
    volume, issue = (None, None)
    if "volume" in first:
        volume, issue = _volume_issue(first["volume"].text)
    if "issue" in first:
        issue_text = first["issue"].text
        issue = (
            value("issue")  # "Suppl 1", kept whole
            if issue_text.lstrip().startswith("Supp")
            else _volume_issue(issue_text)[0] or value("issue")
        )
    page_first, page_last = (None, None)
    if "pages" in first:
        page_first, page_last = _pages(first["pages"].text)
    title = closing_mark(drop_designator(value("title")), text)
    container = value("journal") or value("container-title")
    book = first.get("container-title")
    # "Foley JM (ed.), Comparative Research on Oral Traditions, Columbus 1987": the only title is
    # the book's own unless the reference says it appeared "in" it
    if (
        title is None
        and "journal" not in first
        and book is not None
        and not _IN_BEFORE_RE.search(text, max(0, book.start - 8), book.start)
    ):
        title, container = _clean(book.text), None
        first["title"] = first.pop("container-title")  # and its type is a book's, not a chapter's
    if container:
        container = drop_designator(_CONTAINER_OPENING_RE.sub("", container)) or None
        if container and ("journal" in first or _CONFERENCE_RE.search(container)):
            container = abbreviation_period(container, text)  # "Proc. VLDB Conf."
        if "journal" in first:
            printed = first.get("volume")
            container, volume = series_volume(container, volume, printed and printed.text)
    ids = ids or identifiers(text)
    doi, pmid, url = ids.doi, ids.pmid, ids.url
    publisher, place = value("publisher"), value("location")
    standard = _standard_number(first.get("identifier"))
    kind = _guess_type(
        first,
        url=url,
        volume=volume,
        pages=bool(page_first and page_last),
        publisher=publisher,
        place=place,
        standard=standard is not None,
        arxiv=ids.arxiv is not None,
    )
    number = standard or report_number(text, kind)
    return read_printed_kind(
        Reference(
            raw=text if raw is None else raw,
            label=label,
            origin=origin,
            authors=authors,
            et_al=et_al,
            editors=editors,
            title=title,
            container_title=container,
            publisher=publisher,
            edition=_edition(first.get("edition"), first.get("note")),
            publisher_place=place,
            year=year,
            volume=volume,
            issue=issue,
            page_first=page_first,
            page_last=page_last,
            doi=doi.canonical if doi else None,
            doi_printed=doi.printed if doi else None,
            pmid=pmid,
            url=url,
            findings=tuple(doi.findings) if doi else (),
            type=kind,
            number=number,
            arxiv=ids.arxiv,
        )
    )


# --------------------------------------------------------------------------------------------
# The one entry point

_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _who(label: str | None) -> str:
    return f"reference {label}" if label else "reference"


def _script_finding(text: str, label: str | None) -> Finding | None:
    if text.isascii():
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    foreign = 0
    for c in letters[:2000]:
        if not ("a" <= c.lower() <= "z") and ord(c) > 0x24F:
            foreign += 1
    if foreign / min(len(letters), 2000) < 0.3:
        return None
    sample = next(c for c in letters if ord(c) > 0x24F)
    script = unicodedata.name(sample, "UNKNOWN").split()[0].title().replace("Cjk", "Han")
    if CASELESS_RE.match(sample):
        trained = "which few of the parser's training references are in (about 150 of 10,000)"
    else:
        trained = "which next to none of the parser's training references are in"
    return Finding(
        code="unsupported-script",
        message=(
            f"{_who(label)}: mostly {script} script, {trained}; the fields found may be wrong. "
            "Check them by hand or cite the work in Latin script."
        ),
        severity=Severity.WARNING,
    )


#: APA's publication status where the year goes, after the authors' last mark and before a
#: period, "Smith, A. B. (in press). Title. Journal.": the corpora hold none, and the model read
#: everything after it as a note. Not inside a title ("Stress (under review) and the self").
#: relabel._PUBLICATION_STATES reads the same words inside brackets the model labelled.
_STATUS_AS_DATE_RE = re.compile(
    r"(?<=[.,&] )\((?:in press|forthcoming|in preparation|under review|submitted|accepted)\)"
    r"(?=[.,])",
    re.IGNORECASE,
)


def _no_date(m: re.Match[str]) -> str:
    """The status as APA's "(n.d.)", which the model reads as the date's place; the same
    length, so every offset into the string holds."""
    return "(n.d.)".ljust(len(m.group(0)))


def parse_with_model(
    text: str, *, label: str | None = None, origin: Origin | None = None
) -> Reference:
    """Parse one reference string with the CRF. Never raises: problems become findings."""
    findings: list[Finding] = []
    raw = text if isinstance(text, str) else str(text)
    work = raw
    if len(work) > MAX_CHARS:
        findings.append(
            Finding(
                code="too-long",
                message=(
                    f"{_who(label)}: {len(work):,} characters is too long for one reference; "
                    f"parsed the first {MAX_CHARS:,} only. Check that the reference list was "
                    "split into one entry per reference."
                ),
                severity=Severity.WARNING,
            )
        )
        work = work[:MAX_CHARS]
    if _CONTROL_RE.search(work):
        work = _CONTROL_RE.sub(" ", work)
        findings.append(
            Finding(
                code="control-characters",
                message=(
                    f"{_who(label)}: contains control or direction-formatting characters; "
                    "they were read as spaces. Check the text extraction of this entry."
                ),
                severity=Severity.INFO,
            )
        )
    work, cleaning = clean_reference_text(work)
    findings.extend(cleaning)
    work = strip_trailers(work)
    work, notices = cut_notices(work)
    findings.extend(notices)
    work, online_year = cut_online_first(work)
    if not work.strip():
        findings.append(
            Finding(
                code="unparsed",
                message=f"{_who(label)}: is empty; remove it or paste the full reference.",
                severity=Severity.WARNING,
            )
        )
    elif not any(c.isalpha() for c in work):
        findings.append(
            Finding(
                code="no-letters",
                message=(
                    f"{_who(label)}: has no letters, so no author or title can be read; "
                    "check that this line is really a reference."
                ),
                severity=Severity.WARNING,
            )
        )
    else:
        script = _script_finding(work, label)
        if script is not None:
            findings.append(script)
    try:
        # the model reads "２３（５）" as "23(5)"; identifiers are found as printed (a full-width
        # slash in a DOI is a finding), and fold_width keeps every offset
        read = fold_width(work)
        if "(" in read:
            read = _STATUS_AS_DATE_RE.sub(_no_date, read)
        # the model reads "。" as the period it is; the fields show it as printed
        seen = read if read.isascii() else fold_width(read, stops=True)
        tokens = tokenize(seen)
        ids = identifiers(work)
        labels = _labels(seen, tokens, ids=ids) if tokens else []
        ref = _build(read, _fields(read, _runs(tokens, labels)), label, origin, raw, ids)
        if ref.year is None and online_year is not None:
            ref = attrs.evolve(ref, year=online_year)
    except Exception as exc:  # a parser must never take the run down with it
        ref = Reference(raw=raw, label=label, origin=origin)
        findings.append(
            Finding(
                code="model-failed",
                message=(
                    f"{_who(label)}: the learned parser failed ({type(exc).__name__}: {exc}); "
                    "the entry is kept unparsed. Reinstall allrefs if the model file is missing."
                ),
                severity=Severity.ERROR,
            )
        )
    if not ref.title and not ref.authors and not findings:
        findings.append(
            Finding(
                code="unparsed",
                message=(
                    f"{_who(label)}: no author and no title found; check that the entry is "
                    "a complete reference."
                ),
                severity=Severity.WARNING,
            )
        )
    return ref.with_findings(findings)
