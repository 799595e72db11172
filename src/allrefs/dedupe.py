"""Deduplication: group references that cite the same real-world work into `Work`s.

Owns identity (canonical DOI, or blocking + fuzzy comparison with strict guards), the merged
canonical record of each work, and the cross-review overlap measures.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from allrefs.arxiv import unversioned
from allrefs.doi import normalize_doi
from allrefs.model import Citing, Entry, Finding, Person, Reference, Severity, Work
from allrefs.text import fold_for_match

__all__ = [
    "corrected_covered_area",
    "dedupe",
    "dedupe_entries",
    "fold_title",
    "overlap",
    "same_work",
]

# --------------------------------------------------------------------------------------------
# Normalisation shared with the rest of the package


def _canonical_doi(value: str | None) -> str | None:
    """The canonical (lower-case, prefix-free) DOI, or None when the value is no DOI."""
    if not value:
        return None
    match = normalize_doi(value)
    if match is None:
        return None
    canonical = match.canonical.lower()
    suffix = canonical.split("/", 1)[1] if "/" in canonical else ""
    # a truncated DOI such as "10.17705/1CAIS." names a journal, not an article
    cut_short = value.strip().endswith((".", "/", "-")) and len(suffix) <= 8
    if len(suffix) < 3 or cut_short or canonical.endswith((".", "/", "-")):
        return None
    return canonical


# Cochrane reviews are re-published as .pub2, .pub3, ...: per the duplicate definition these
# are versions of one record.
_COCHRANE = re.compile(r"^(10\.1002/14651858\.[a-z]{2}\d+)(?:\.pub\d+)?$")


def _doi_identity(doi: str) -> str:
    m = _COCHRANE.match(doi)
    return m.group(1) if m else doi


_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ο": "omicron",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "µ": "mu",
}
_MARKUP = re.compile(r"<[^>]{1,40}>|\\[a-zA-Z]+\s*|[{}$]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


_GREEK_TABLE = str.maketrans({k: f" {v} " for k, v in _GREEK.items()} | {"ß": "ss", "&": " and "})


@functools.lru_cache(maxsize=1 << 16)
def _basic_fold(text: str) -> str:
    text = _MARKUP.sub(" ", text).lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_GREEK_TABLE))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    else:
        text = text.replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # the shared folding (markup, accents, Greek, look-alikes); then our key: [0-9a-z] words
    return _basic_fold(fold_for_match(text))


# British -> American spelling, applied to both sides so that a wrong rewrite is harmless.
_SPELLING_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "ageing": "aging",
    "judgement": "judgment",
    "defence": "defense",
    "licence": "license",
    "practise": "practice",
    "aluminium": "aluminum",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "coeliac": "celiac",
    "diarrhoea": "diarrhea",
    "manoeuvre": "maneuver",
    "sulphur": "sulfur",
    "centre": "center",
    "centres": "centers",
    "fibre": "fiber",
    "fibres": "fibers",
    "litre": "liter",
    "metre": "meter",
    "theatre": "theater",
    "tumour": "tumor",
    "tumours": "tumors",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "mould": "mold",
    "plough": "plow",
    "cheque": "check",
    "oestrogen": "estrogen",
    "oestrogens": "estrogens",
}
_SPELLING_RULES = (
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|al|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"aem"), "em"),
    (re.compile(r"^(an|orthop|p|gyn|gynaec)ae"), r"\1e"),
    (re.compile(r"^(o|f|am|dysp|diarrh)oe"), r"\1e"),
    (re.compile(r"^aet"), "et"),
    (re.compile(r"^caes"), "ces"),
    (re.compile(r"^haem"), "hem"),
    (re.compile(r"^sulph"), "sulf"),
)
_TRAILING_TAG = re.compile(
    r"\s*(\[[^\[\]]{0,60}\]|\((multiple letters|author'?s transl|letter|review|editorial|"
    r"[a-z ]*abstract|brief record|[a-z]+ language)\)|[:.]\s*(original article|review article|"
    r"original research|research article|original contribution))\s*\.?\s*$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^\s*\[(.+)\]\s*\.?\s*$", re.DOTALL)
# notes a database appends to the *article's* title: "[Erratum appears in ...]", "[Comment in]"
_NOTE = re.compile(
    r"\s*\.?\s*[\[(]\s*(erratum|errata|comment|retraction|retracted|corrected|update|"
    r"republished|expression of concern|summary for patients)[^\])]*([\])]|$).*$",
    re.IGNORECASE | re.DOTALL,
)
# how indexes title an erratum: "... (vol 360, pg 542, 2009)", "... (N Engl J Med (2009) 360 (542))"
_ERRATUM_CITE = re.compile(
    r"\s*\((vol\.?\s*\d+[^()]*|[^()]*\(\d{4}\)\s*\d+[^()]*(\([^()]*\))?[^()]*)\)\s*\.?\s*$",
    re.IGNORECASE,
)
_ALT_TITLE = re.compile(r"\[([^\[\]]{20,})\]")


def _clean_title(title: str) -> tuple[str, str | None, bool]:
    """(title without database notes and tags, a bracketed alternative title, erratum?)."""
    text = _NOTE.sub("", title.strip())
    erratum = False
    cite = _ERRATUM_CITE.search(text)
    if cite and len(text) - len(cite.group(0)) >= 12:
        text = text[: cite.start()]
        erratum = True
    while True:  # "... [Review] [52 refs]", "... (author's transl)"
        stripped = _TRAILING_TAG.sub("", text)
        bracketed = _BRACKETED.match(stripped)  # translated titles are printed in [brackets]
        if bracketed:
            stripped = bracketed.group(1)
        if stripped == text or len(stripped) < 12:
            break
        text = stripped
    alt = _ALT_TITLE.search(text)
    if alt and len(text) - len(alt.group(0)) >= 20:
        return _ALT_TITLE.sub(" ", text), alt.group(1), erratum
    return text, None, erratum


@functools.lru_cache(maxsize=1 << 16)
def _american(word: str) -> str:
    mapped = _SPELLING_WORDS.get(word)
    if mapped:
        return mapped
    if len(word) < 5:
        return word
    for rule, repl in _SPELLING_RULES:
        word = rule.sub(repl, word)
    return word


def fold_title(title: str | None) -> str:
    """The comparison key of a title: folded, tags stripped, spelling Americanised."""
    if not title:
        return ""
    text, _, _ = _clean_title(title)
    return _fold_words(text)


def _fold_words(text: str) -> str:
    return " ".join(_american(w) for w in _fold(text).split())


# --------------------------------------------------------------------------------------------
# What kind of item a reference is: things of different kinds are never the same work.

_ERRATUM = re.compile(
    r"\b(errat(um|a)|corrigend(um|a)|correction(s)? (to|of|for|in)|author correction|"
    r"publisher correction|retraction( note| notice| of)?|retracted|expression of concern|"
    r"withdrawn|notice of retraction)\b"
)
_ERRATUM_START = re.compile(r"^(correction|errata?|erratum)\b")
_COMMENT = re.compile(
    r"^(re |comment(ary)? (on|to)\b|reply\b|response to\b|in reply\b|author s? reply\b|"
    r"a reply\b|a response to\b|rejoinder\b)|\b(comment on|commentary on|reply to|"
    r"rejoinder to|authors? reply|letter to the editor|a rejoinder)\b|\breply$"
)
_RECURRING = re.compile(
    r"\b(minitrack|mini track|editor s comments?|editorial|editor s note|issue information|"
    r"introduction to the special (issue|section)|special issue introduction|track chairs?|"
    r"in this issue|from the editors?|guest editors? introduction|reviewer acknowledg|"
    r"masthead|call for papers)\b"
)
_PART = re.compile(r"\b(?:part|pt|section|phase|study|paper|volume|vol|series)\s+([0-9ivx]+)\b")
_EDITION = re.compile(
    r"\b(\d+)(?:st|nd|rd|th)?\s+(?:ed|edn|edition)\b|\b(first|second|third|fourth"
    r"|fifth|sixth|seventh|eighth|ninth|tenth|revised|updated)\s+edition\b"
)
_ORDINAL = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
_NUMBER = re.compile(r"\d+")
_PREPRINT_DOI = (
    "10.1101/",
    "10.48550/",
    "10.2139/",
    "10.21203/",
    "10.20944/",
    "10.31234/",
    "10.31219/",
    "10.31235/",
    "10.22541/",
    "10.36227/",
    "10.26434/",
)
_PREPRINT_VENUE = re.compile(
    r"\b(arxiv|biorxiv|medrxiv|ssrn|research square|preprints?|psyarxiv|osf preprints|"
    r"chemrxiv|techrxiv|authorea|socarxiv|working paper)\b"
)
_ABSTRACT_VENUE = re.compile(
    r"\b(abstracts?|meeting|congress|annual scientific|poster|oral presentation|"
    r"conference abstract|conference)\b"
)
_PROCEEDINGS_VENUE = re.compile(
    r"\b(proceedings of the (annual )?(international )?(conference|symposium|workshop|hawaii)|"
    r"conference|symposium|workshop|proc\b|amcis|icis|ecis|pacis|hicss|colloquium)"
)
_GENERIC_TITLES = frozenset(
    fold_title(t)
    for t in (
        "book review",
        "book reviews",
        "editorial",
        "editorials",
        "introduction",
        "preface",
        "foreword",
        "index",
        "contents",
        "table of contents",
        "letter",
        "letters",
        "reply",
        "correspondence",
        "in brief",
        "news",
        "abstracts",
        "erratum",
        "errata",
        "correction",
        "corrigendum",
        "commentary",
        "comment",
        "response",
        "obituary",
        "editorial board",
        "guest editorial",
        "editor s note",
        "from the editor",
        "announcement",
        "unknown",
        "untitled",
        "no title",
        "title",
        "front matter",
        "back matter",
        "cover",
        "issue information",
        "acknowledgements",
        "acknowledgments",
        "reviewers",
        "conclusion",
        "discussion",
        "summary",
        "case report",
        "case reports",
        "poster",
        "abstract",
        "notes",
        "miscellany",
    )
)
_MISSING = frozenset({"", "unknown", "none", "nan", "null", "n a", "na", "anonymous", "anon"})
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}


def _edition_key(text: str | None, *, in_title: bool = False) -> str | None:
    """ "2nd edn", "Second edition", "2" -> "2"; None when no edition is named."""
    if not text:
        return None
    folded = _basic_fold(text)
    if not in_title and folded.isdigit():
        return folded.lstrip("0") or None
    m = _EDITION.search(folded)
    if m:
        return m.group(1) or _ORDINAL.get(m.group(2) or "", m.group(2))
    if not in_title:
        digits = re.match(r"(\d+)", folded)
        if digits:
            return digits.group(1)
        word = folded.split()[0] if folded.split() else ""
        return _ORDINAL.get(word, folded or None)
    return None


def _present(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return None if _basic_fold(text) in _MISSING else text


# --------------------------------------------------------------------------------------------
# Field keys

_VOLUME = re.compile(r"\d+")
_PAGE = re.compile(r"^([a-z]{0,2})(\d+)$", re.IGNORECASE)
_STOP = frozenset(
    (
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "a",
        "an",
        "de",
        "la",
        "le",
        "des",
        "der",
        "und",
        "und",
        "y",
        "et",
        "to",
        "with",
        "at",
        "journal",
        "j",
    )
)


def _volume_key(volume: str | None) -> str | None:
    volume = _present(volume)
    if not volume:
        return None
    m = _VOLUME.search(volume)
    return m.group(0).lstrip("0") or "0" if m else _basic_fold(volume) or None


def _page_key(page: str | None) -> str | None:
    page = _present(page)
    if not page:
        return None
    first = re.split(r"\s*[-–—+,]\s*|\s+", page.strip())[0]
    m = _PAGE.match(first)
    if not m:
        return None  # "Suppl", "t", roman numerals: nothing to compare reliably
    return m.group(1).lower() + (m.group(2).lstrip("0") or "0")


def _container_key(container: str | None) -> tuple[str, ...]:
    container = _present(container)
    if not container:
        return ()
    # "J Thromb Haemost.Conference: 23rd Congress ...", "J Clin Virol : the official journal of"
    head = re.split(r"\s*:\s*|\.(?=[A-Z][a-z]{2,})|\s*\[", container, maxsplit=1)[0]
    folded = _fold_words(head if len(head) >= 3 else container)
    return tuple(w for w in folded.split() if w not in _STOP)


def _abbrev_match(short: Sequence[str], full: Sequence[str]) -> bool:
    """True when each word of `short` abbreviates the matching word of `full`, in order."""
    j = 0
    for word in short:
        while j < len(full) and not full[j].startswith(word[:4] if len(word) > 4 else word):
            j += 1
        if j == len(full):
            return False
        j += 1
    return True


def _containers_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """None when either is missing; else whether one can be a form of the other."""
    if not a or not b:
        return None
    if a == b:
        return True
    if len(a) == 1 and len(b) > 1 and a[0] == "".join(w[0] for w in b):  # BMJ, JAMA
        return True
    if len(b) == 1 and len(a) > 1 and b[0] == "".join(w[0] for w in a):
        return True
    short, full = (a, b) if sum(map(len, a)) <= sum(map(len, b)) else (b, a)
    if _abbrev_match(short, full) and len(short) >= min(len(full), 2) - 0:
        return len(short) >= len(full) - 1 or len(short) >= 3
    joined_a, joined_b = " ".join(a), " ".join(b)
    return bool(fuzz.ratio(joined_a, joined_b) >= 90)


@functools.lru_cache(maxsize=1 << 16)
def _person_keys(person: Person) -> tuple[frozenset[str], frozenset[str]] | None:
    """(candidate family names, other name words) of one person, folded; None for junk."""
    family = _fold(person.family or "")
    given = _fold(person.given or "")
    if not family and not given:
        words = _fold(person.literal or "").split()
        if not words or len(words) > 6:
            return None  # an abstract sentence in the author column is no author
        return frozenset(w for w in words if len(w) > 1), frozenset()
    if len(family.split()) > 4 or len(given.split()) > 5:
        return None
    keys = {family.replace(" ", "")} if family else set()
    keys.update(part for part in family.split() if len(part) > 2)
    keys.discard("")
    # exports swap family and given ("Jooa Julia, Lee", "Lopez, Rubio M."): full given words
    # count as weaker candidates
    others = frozenset(w for w in given.split() if len(w) > 2)
    if not keys:
        keys, others = set(others), frozenset()
    return frozenset(keys), others


# --------------------------------------------------------------------------------------------
# The per-reference comparison record


class _Rec:
    __slots__ = (
        "alt",
        "arxiv",
        "authors",
        "authors_text",
        "compact",
        "container",
        "doi",
        "doi_id",
        "edition",
        "et_al",
        "first_author",
        "index",
        "issue",
        "kind",
        "numbers",
        "page",
        "page_last",
        "parts",
        "ref",
        "title",
        "title_generic",
        "venue",
        "volume",
        "year",
    )

    def __init__(self, index: int, ref: Reference, registered: Reference | None) -> None:
        self.index = index
        self.ref = ref
        doi = _canonical_doi(ref.doi) or _canonical_doi(ref.doi_printed)
        if registered is not None and registered.doi:
            doi = _canonical_doi(registered.doi) or doi
        self.doi = doi
        self.doi_id = _doi_identity(doi) if doi else None
        self.arxiv = unversioned(ref.arxiv) if ref.arxiv else None
        title = _present(ref.title) or (registered.title if registered else None) or ""
        cleaned, alt, erratum_cite = _clean_title(title)
        self.title = _fold_words(cleaned)
        self.compact = self.title.replace(" ", "")
        self.alt = _fold_words(alt).replace(" ", "") if alt else ""
        container_raw = _present(ref.container_title)
        self.container = _container_key(container_raw)
        if self.title and self.container and self.title.startswith(" ".join(self.container)):
            rest = self.title[len(" ".join(self.container)) :]
            if not rest.strip() or _NUMBER.sub("", rest).strip() in ("", "volume paper"):
                self.title = ""  # a title that only repeats the journal name says nothing
                self.compact = ""
        self.title_generic = (
            len(self.compact) < 12
            or self.title in _GENERIC_TITLES
            or _RECURRING.search(self.title) is not None
        )
        self.numbers = tuple(sorted(_NUMBER.findall(self.title)))
        self.parts = tuple(
            sorted(str(_ROMAN.get(p, p)) for p in _PART.findall(self.title) if not p.isdigit())
        )
        self.edition = _edition_key(ref.edition) or _edition_key(self.title, in_title=True)
        self.year = ref.year
        self.volume = _volume_key(ref.volume)
        self.issue = frozenset(_VOLUME.findall(ref.issue or "")) if _present(ref.issue) else None
        self.page = _page_key(ref.page_first)
        self.page_last = _page_key(ref.page_last)
        people = [k for p in ref.authors if (k := _person_keys(p)) is not None]
        self.authors = tuple(people[:12])
        self.first_author = people[0] if people else None
        self.authors_text = " ".join(sorted(k for ks, _ in self.authors for k in ks))
        self.et_al = ref.et_al
        self.kind = "erratum" if erratum_cite else self._kind(cleaned, ref)
        self.venue = self._venue(container_raw or "", ref)

    @staticmethod
    def _kind(title: str, ref: Reference) -> str:
        lowered = _basic_fold(title)
        if ref.type in ("erratum", "retraction") or _ERRATUM.search(lowered):
            return "erratum"
        if _ERRATUM_START.match(lowered):
            return "erratum"
        if ref.type == "review-book" or lowered.startswith("book review"):
            return "book-review"
        if _COMMENT.search(lowered):
            return "comment"
        return "article"

    def _venue(self, container: str, ref: Reference) -> str:
        folded = _basic_fold(container)
        if (
            ref.type in ("posted-content", "preprint")
            or (self.doi and self.doi.startswith(_PREPRINT_DOI))
            or (self.arxiv and not folded)  # an e-print cited by its arXiv number alone
        ):
            return "preprint"
        if folded and _PREPRINT_VENUE.search(folded):
            return "preprint"
        journal_like = ref.type in ("article-journal", "abstract", "")
        if ref.type in ("abstract", "conference-abstract") or (
            journal_like and folded and _ABSTRACT_VENUE.search(folded)
        ):
            return "abstract"
        if ref.type in ("paper-conference", "inproceedings", "conference") or (
            folded and _PROCEEDINGS_VENUE.search(folded)
        ):
            return "proceedings"
        if ref.type in ("book", "chapter", "edited-book", "thesis", "report"):
            return ref.type
        if folded and ref.type == "article-journal":
            return "journal"
        return ""

    def page_span(self) -> int | None:
        if self.page and self.page_last and self.page.isdigit() and self.page_last.isdigit():
            return int(self.page_last) - int(self.page)
        return None

    def signature(self) -> tuple[object, ...]:
        """Everything the comparison looks at: equal signatures compare the same."""
        return (
            self.doi_id,
            self.doi,
            self.arxiv,
            self.title,
            self.alt,
            self.container,
            self.year,
            self.volume,
            self.issue,
            self.page,
            self.page_last,
            self.authors,
            self.et_al,
            self.kind,
            self.venue,
            self.edition,
        )


# --------------------------------------------------------------------------------------------
# Pairwise decision


@attrs.frozen
class _Decision:
    same: bool
    link: str | None = None  # why two records are related but kept apart
    note: str | None = None


_DIFFERENT = _Decision(False)


def _names_meet(
    x: tuple[frozenset[str], frozenset[str]], y: tuple[frozenset[str], frozenset[str]]
) -> bool:
    if x[0] & y[0] or x[0] & y[1] or x[1] & y[0]:
        return True
    return any(fuzz.ratio(p, q) >= 85 for p in x[0] for q in y[0] if len(p) > 4 and len(q) > 4)


def _authors_agree(a: _Rec, b: _Rec) -> bool | None:
    """None when either side has no authors; otherwise whether the author lists fit together."""
    if not a.first_author or not b.first_author:
        return None
    # the order may differ between databases: the first author must still be in the list
    if not _names_meet(a.first_author, b.first_author) and not (
        any(_names_meet(a.first_author, other) for other in b.authors[:4])
        and any(_names_meet(b.first_author, other) for other in a.authors[:4])
    ):
        return False
    if a.et_al or b.et_al or len(a.authors) == 1 or len(b.authors) == 1:
        return True
    return bool(fuzz.token_set_ratio(a.authors_text, b.authors_text) >= 70)


def _similarity(x: str, y: str) -> float:
    if not x or not y:
        return 0.0
    if x == y:
        return 100.0
    return float(Indel.normalized_similarity(x, y) * 100.0)


def _title_score(a: _Rec, b: _Rec) -> float:
    score = _similarity(a.compact, b.compact)
    if score < 100.0 and (a.alt or b.alt):
        score = max(
            score,
            _similarity(a.alt, b.compact),
            _similarity(a.compact, b.alt),
            _similarity(a.alt, b.alt),
        )
    return score


def _is_prefix(a: _Rec, b: _Rec) -> bool:
    """One title is the other cut short (subtitle dropped, truncated by a database)."""
    short, long_ = (
        (a.compact, b.compact) if len(a.compact) <= len(b.compact) else (b.compact, a.compact)
    )
    return len(short) >= 30 and long_.startswith(short)


def _numbers_clash(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b or not a or not b:
        return False
    ca, cb = Counter(a), Counter(b)
    # a truncated title may lose a trailing number; a different number is a different work
    return bool(ca - cb) and bool(cb - ca)


def _pages_clash(a: _Rec, b: _Rec) -> bool:
    if not (a.page and b.page) or a.page == b.page:
        return False
    if a.page[0].isalpha() != b.page[0].isalpha():
        return False  # an e-locator ("e12724", "c1804") against print pages: two systems
    # "488" against "487-488": a database that kept only the last page
    if (a.page_last is None and a.page == b.page_last) or (
        b.page_last is None and b.page == a.page_last
    ):
        return False
    # "1-17" (online first, article numbering) against the issue pagination says nothing
    return not (
        "1" in (a.page, b.page)
        and (a.volume is None or b.volume is None or a.page_last or b.page_last)
    )


def _hard_conflict(a: _Rec, b: _Rec) -> str | None:
    """A reason two records can never be the same work, whatever else agrees; else None."""
    if a.doi_id and b.doi_id and a.doi_id != b.doi_id:
        return "different DOIs"
    if a.arxiv and b.arxiv and a.arxiv != b.arxiv:
        return "different arXiv e-prints"
    if a.kind != b.kind:
        return f"{a.kind} vs {b.kind}"
    if a.venue != b.venue and a.venue and b.venue:
        pair = {a.venue, b.venue}
        if "preprint" in pair or pair == {"journal", "proceedings"}:
            return f"{a.venue} vs {b.venue}"
        if "abstract" in pair:
            full = b if a.venue == "abstract" else a
            span = full.page_span()
            if (
                full.venue != "journal"
                or (span is not None and span >= 2)
                or (_containers_compatible(a.container, b.container) is False)
            ):
                return f"{a.venue} vs {b.venue}"
    if a.year and b.year and abs(a.year - b.year) > 1:
        return "years differ"
    if _numbers_clash(a.numbers, b.numbers):
        return "numbers in the titles differ"
    if a.parts != b.parts:
        return "different parts"
    if a.edition != b.edition and (a.edition or b.edition):
        return "different editions"
    if a.volume and b.volume and a.volume != b.volume:
        return "different volumes"
    if _pages_clash(a, b) and (a.volume or b.volume):
        return "different first pages"
    if a.issue and b.issue and not (a.issue & b.issue) and a.volume == b.volume:
        return "different issues"
    return None


def _compare(a: _Rec, b: _Rec) -> _Decision:
    title = _title_score(a, b)
    if a.doi_id and a.doi_id == b.doi_id:
        authors = _authors_agree(a, b)
        if a.compact and b.compact and title < 70 and not _is_prefix(a, b):
            return _Decision(False, note="same DOI but different titles")
        if authors is False and title < 90:
            return _Decision(False, note="same DOI but different authors")
        if a.kind != b.kind:
            return _Decision(False, link=f"{a.kind} of the same DOI")
        if a.year and b.year and abs(a.year - b.year) > 2 and a.doi_id == a.doi:
            return _Decision(False, note="same DOI but years far apart")
        return _Decision(True)
    conflict = _hard_conflict(a, b)
    if conflict:
        if a.arxiv and a.arxiv == b.arxiv and "preprint" in (a.venue, b.venue):
            return _Decision(False, link="preprint and published version")
        if title >= 90 or _is_prefix(a, b):
            if a.venue == "preprint" or b.venue == "preprint":
                return _Decision(False, link="preprint and published version")
            if a.kind != b.kind:
                other = a.kind if a.kind != "article" else b.kind
                return _Decision(False, link=f"{other} and the article it concerns")
            if "abstract" in (a.venue, b.venue) and a.venue != b.venue:
                return _Decision(False, link="conference abstract and full paper")
        return _DIFFERENT
    authors = _authors_agree(a, b)
    if a.arxiv and a.arxiv == b.arxiv and authors is not False:
        return _Decision(True)  # one e-print, cited with and without its title or journal
    containers = _containers_compatible(a.container, b.container)
    if containers is False and a.venue == b.venue == "proceedings":
        containers = None  # conference names are printed too many ways to veto on
    year_gap = abs(a.year - b.year) if a.year and b.year else 0
    same_vol = bool(a.volume and a.volume == b.volume)
    same_page = bool(a.page and a.page == b.page)
    coordinates = same_vol and same_page and year_gap == 0 and containers is True and a.page != "1"
    if authors is False and not (coordinates and title >= 97):
        return _DIFFERENT
    generic = a.title_generic or b.title_generic
    if a.compact and b.compact and not generic:
        prefix = _is_prefix(a, b)
        if title < 90 and not prefix:
            # a translated or re-headed title: the coordinates must carry it alone
            full_range = bool(a.page_last and a.page_last == b.page_last)
            if coordinates and authors and full_range:
                return _Decision(True)
            return _DIFFERENT
        if containers is False and not (same_vol and same_page):
            # a journal known under two names (translated, renamed): the same volume and
            # issue with the same title and authors still identify the article
            same_issue = bool(a.issue and b.issue and a.issue & b.issue)
            if not (same_vol and same_issue and title >= 97 and authors and year_gap == 0):
                return _DIFFERENT
        if year_gap == 1:
            # online-first vs issue year, or a conference dated by meeting vs proceedings
            if title < 97 or authors is not True or len(a.compact) < 40:
                return _DIFFERENT
            if a.venue != b.venue or a.venue not in ("journal", "proceedings"):
                return _DIFFERENT
            if a.venue == "journal" and containers is not True:
                return _DIFFERENT
        if (a.year is None or b.year is None) and (
            not (same_vol or same_page or containers) or title < 97
        ):
            return _DIFFERENT
        if title >= 97:
            if authors is None and containers is None and len(a.compact) < 40:
                return _DIFFERENT
            return _Decision(True)
        if prefix and title < 90:
            # subtitle dropped: everything else must agree
            if (
                authors
                and containers
                and year_gap == 0
                and (same_vol or same_page or a.volume is None or b.volume is None)
            ):
                return _Decision(True)
            return _DIFFERENT
        # 90 <= title < 97: a typo or two, but not a different word
        if not _words_explained(a.title, b.title):
            return _DIFFERENT
        if authors and year_gap == 0 and (containers or same_vol or same_page):
            return _Decision(True)
        if authors and year_gap == 0 and len(a.compact) >= 50 and containers is None:
            return _Decision(True)
        return _DIFFERENT
    if not a.compact or not b.compact:
        # no title on one side: matching coordinates are not enough (a letter and its reply,
        # two abstracts on one page); only a shared DOI, handled above, merges such records
        return _DIFFERENT
    # a generic title ("Editorial", "Book review") on one side: everything else must agree
    if (
        coordinates
        and authors
        and title >= 90
        and (a.page_last == b.page_last or not (a.page_last and b.page_last))
    ):
        return _Decision(True)
    return _DIFFERENT


def _words_explained(x: str, y: str) -> bool:
    """Every word only one title has is a misspelling of a word only the other has."""
    wx, wy = set(x.split()), set(y.split())
    only_x = [w for w in wx - wy if len(w) > 3]
    only_y = [w for w in wy - wx if len(w) > 3]
    joined_x, joined_y = "".join(x.split()), "".join(y.split())
    for words, pool, other in ((only_x, only_y, joined_y), (only_y, only_x, joined_x)):
        for w in words:
            if w in other:  # split or joined differently: "non invasive" / "noninvasive"
                continue
            if not any(fuzz.ratio(w, p) >= 75 for p in pool):
                return False
    return True


def same_work(a: Reference, b: Reference) -> bool:
    """Whether two references cite the same work, by the rules `dedupe` uses for one pair."""
    ra, rb = _Rec(0, a, None), _Rec(1, b, None)
    if ra.signature() == rb.signature():
        return True
    return _compare(ra, rb).same


# --------------------------------------------------------------------------------------------
# Blocking


_BLOCK_ALL_PAIRS = 40
_WINDOW = 12


def _blocking_keys(rec: _Rec) -> Iterator[tuple[str, str]]:
    if rec.doi_id:
        yield ("doi", rec.doi_id)
    if rec.arxiv:
        yield ("arxiv", rec.arxiv)
    words = [w for w in rec.title.split() if w not in _STOP]
    if len(words) >= 2:
        yield ("t0", " ".join(words[:3]))
        yield ("t1", " ".join(words[-3:]))
        longest = sorted(set(words), key=lambda w: (-len(w), w))[:2]
        yield ("tl", " ".join(sorted(longest)))
    if rec.compact:
        yield ("tc", rec.compact[:14])
    if rec.first_author:
        for key in sorted(rec.first_author[0]):
            yield ("ay", f"{key}|{rec.year}")
    if rec.volume and rec.page:
        yield ("vp", f"{rec.volume}|{rec.page}|{rec.year}")


def _candidate_pairs(recs: Sequence[_Rec]) -> set[tuple[int, int]]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, rec in enumerate(recs):
        for key in _blocking_keys(rec):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) < 2:
            continue
        if len(members) <= _BLOCK_ALL_PAIRS:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
            continue
        # big block: compare neighbours in title order (sorted neighbourhood)
        ordered = sorted(members, key=lambda i: (recs[i].compact, i))
        for x in range(len(ordered)):
            for y in range(x + 1, min(x + 1 + _WINDOW, len(ordered))):
                p, q = ordered[x], ordered[y]
                pairs.add((p, q) if p < q else (q, p))
    return pairs


# --------------------------------------------------------------------------------------------
# Merging


def _sort_key(ref: Reference) -> str:
    """A total order on references by content (not identity), cheap enough for 100k records."""
    return repr(
        (
            ref.title,
            ref.year,
            ref.doi,
            ref.container_title,
            ref.volume,
            ref.issue,
            ref.page_first,
            ref.page_last,
            ref.authors,
            ref.source_key,
            ref.label,
            ref.origin,
            ref.type,
            ref.raw,
            ref.et_al,
            ref.editors,
            ref.publisher,
            ref.publisher_place,
            ref.doi_printed,
            ref.pmid,
            ref.url,
            ref.edition,
            ref.abstract,
            ref.findings,
        )
    )


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _completeness(ref: Reference) -> tuple[int, ...]:
    filled = sum(
        1
        for v in (
            ref.title,
            ref.container_title,
            ref.year,
            ref.volume,
            ref.issue,
            ref.page_first,
            ref.page_last,
            ref.doi,
            ref.publisher,
            ref.pmid,
            ref.url,
        )
        if v
    )
    given_names = sum(1 for p in ref.authors if p.given and len(p.given.replace(".", "")) > 2)
    title = ref.title or ""
    return (
        1 if ref.doi else 0,
        0 if _is_all_caps(title) else 1,
        filled,
        len(ref.authors),
        given_names,
        len(title),
    )


_FIELDS = (
    "type",
    "authors",
    "editors",
    "title",
    "container_title",
    "publisher",
    "publisher_place",
    "year",
    "volume",
    "issue",
    "page_first",
    "page_last",
    "doi",
    "pmid",
    "url",
)


def _merge_record(members: Sequence[Reference], registered: Sequence[Reference]) -> Reference:
    """One record: fields from the registered record first, then the most complete member."""
    if len(members) == 1 and not registered:
        return members[0]
    ranked_members = sorted(
        members, key=lambda r: (tuple(-x for x in _completeness(r)), _sort_key(r))
    )
    ranked = [*sorted(registered, key=_sort_key), *ranked_members]
    best = ranked[0]
    values: dict[str, object] = {}
    for name in _FIELDS:
        for ref in ranked:
            value = getattr(ref, name)
            if name == "type" and ref is not best:
                break
            if value not in (None, "", ()) and _present(str(value)) is not None:
                values[name] = value
                break
    title = values.get("title")
    if isinstance(title, str) and _is_all_caps(title):
        for ref in ranked:
            if (
                ref.title
                and not _is_all_caps(ref.title)
                and fold_title(ref.title) == fold_title(title)
            ):
                values["title"] = ref.title
                break
    if values.get("doi"):
        values["doi"] = _canonical_doi(str(values["doi"])) or values["doi"]
    et_al = best.et_al if best.authors == values.get("authors") else False
    return Reference(
        raw=best.raw,
        et_al=et_al,
        **values,  # type: ignore[arg-type]
    )


_KEY_WORD = re.compile(r"[a-z]+")


def _work_key_base(record: Reference) -> str:
    family = _basic_fold(record.first_author_family or "").replace(" ", "")
    family = "".join(_KEY_WORD.findall(family))[:20] or "anon"
    year = str(record.year) if record.year else "nd"
    words = [w for w in _basic_fold(record.title or "").split() if w not in _STOP and w.isalpha()]
    return f"{family}{year}{words[0][:12] if words else ''}"


def _fingerprint(members: Sequence[Reference]) -> str:
    digest = hashlib.sha1()
    for key in sorted(_sort_key(m) for m in members):
        digest.update(key.encode("utf-8"))
    return digest.hexdigest()


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


# --------------------------------------------------------------------------------------------
# Union-find with a cluster-level guard


class _Clusters:
    def __init__(self, recs: Sequence[_Rec]) -> None:
        self.recs = recs
        self.parent = list(range(len(recs)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(recs))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        left, right = self.members[ri], self.members[rj]
        # transitivity must not smuggle a conflict in: A~B and B~C, but A and C clash
        if len(left) * len(right) <= 400:
            for x in left:
                for y in right:
                    if _hard_conflict(self.recs[x], self.recs[y]) and not (
                        self.recs[x].doi_id and self.recs[x].doi_id == self.recs[y].doi_id
                    ):
                        return False
        if ri > rj:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        return True


# --------------------------------------------------------------------------------------------
# Public API


def _default_document(ref: Reference) -> str:
    return ref.origin.source if ref.origin else ""


def dedupe(
    references: Sequence[Reference],
    *,
    document_key: Callable[[Reference], str] | None = None,
) -> list[Work]:
    """Group references into works. Same input in any order gives the same works and ids.

    Every input reference is a member of exactly one work. `document_key` names the review a
    reference belongs to (default: its origin's source) for `Work.cited_by`.
    """
    return dedupe_entries([Entry(reference=r) for r in references], document_key=document_key)


def dedupe_entries(
    entries: Sequence[Entry],
    *,
    document_key: Callable[[Reference], str] | None = None,
) -> list[Work]:
    """Like `dedupe`, but a registered record (a verified or found resolution) is trusted
    first: for identity (its DOI) and for the canonical record's fields."""
    doc_of = document_key or _default_document
    # a canonical order of the input makes every later step independent of the caller's order
    keyed = sorted(
        (
            (
                _sort_key(e.reference) + "|" + _sort_key(e.resolution.record)
                if e.resolution.record
                else _sort_key(e.reference),
                e,
            )
            for e in entries
        ),
        key=lambda item: item[0],
    )
    ordered = [e for _, e in keyed]

    # records whose comparison signatures are equal are decided together
    groups: dict[tuple[object, ...], list[int]] = {}
    recs: list[_Rec] = []
    for i, entry in enumerate(ordered):
        rec = _Rec(i, entry.reference, _registered(entry))
        recs.append(rec)
        groups.setdefault(rec.signature(), []).append(i)
    reps = [members[0] for members in groups.values()]
    rep_recs = [recs[i] for i in reps]

    pairs = _candidate_pairs(rep_recs)
    accepted: list[tuple[int, int, int]] = []
    links: list[tuple[int, int, str]] = []
    notes: list[tuple[int, int, str]] = []
    for p, q in sorted(pairs):
        decision = _compare(rep_recs[p], rep_recs[q])
        if decision.same:
            strength = 0 if rep_recs[p].doi_id and rep_recs[p].doi_id == rep_recs[q].doi_id else 1
            accepted.append((strength, p, q))
        elif decision.link:
            links.append((p, q, decision.link))
        elif decision.note:
            notes.append((p, q, decision.note))
    clusters = _Clusters(rep_recs)
    for _, p, q in sorted(accepted):
        clusters.union(p, q)

    rep_members = {
        rep: members for rep, members in zip(range(len(reps)), groups.values(), strict=True)
    }
    by_root: dict[int, list[int]] = defaultdict(list)
    for r in range(len(reps)):
        by_root[clusters.find(r)].extend(rep_members[r])

    built: list[tuple[str, str, Work]] = []
    for root in sorted(by_root):
        indices = sorted(by_root[root])
        members = tuple(ordered[i].reference for i in indices)
        registered = [reg for i in indices if (reg := _registered(ordered[i])) is not None]
        record = _merge_record(members, registered)
        findings = list(_work_findings(members, doc_of))
        built.append(
            (
                _work_key_base(record),
                _fingerprint(members),
                Work(
                    id="",
                    record=record,
                    members=members,
                    cited_by=tuple(Citing(doc_of(m), m.label, m.origin) for m in members),
                    findings=tuple(findings),
                ),
            )
        )

    works = _assign_ids(built)
    root_to_work = {}
    for root, work in zip(sorted(by_root), _order_back(built, works), strict=True):
        root_to_work[root] = work
    return _attach_links(works, root_to_work, clusters, links, notes, rep_recs)


def _registered(entry: Entry) -> Reference | None:
    record = entry.resolution.record
    if record is None:
        return None
    if entry.resolution.verdict.value in ("verified", "repaired", "found"):
        return record
    return None


def _assign_ids(built: list[tuple[str, str, Work]]) -> list[Work]:
    by_base: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for n, (base, fp, _) in enumerate(built):
        by_base[base].append((fp, n))
    ids: dict[int, str] = {}
    for base, items in by_base.items():
        if len(items) == 1:
            ids[items[0][1]] = base
            continue
        for k, (_, n) in enumerate(sorted(items)):
            ids[n] = base + _suffix(k)
    out = []
    for n, (_, _, work) in enumerate(built):
        record = attrs.evolve(work.record, source_key=ids[n])
        out.append(attrs.evolve(work, id=ids[n], record=record))
    return sorted(out, key=lambda w: w.id)


def _order_back(built: list[tuple[str, str, Work]], works: list[Work]) -> list[Work]:
    by_members = {w.members: w for w in works}
    return [by_members[w.members] for _, _, w in built]


def _work_findings(
    members: Sequence[Reference], doc_of: Callable[[Reference], str]
) -> Iterable[Finding]:
    per_doc: dict[str, list[Reference]] = defaultdict(list)
    for m in members:
        per_doc[doc_of(m)].append(m)
    for doc, refs in sorted(per_doc.items()):
        if len(refs) < 2:
            continue
        labels = ", ".join(sorted(_describe(r) for r in refs))
        yield Finding(
            code="duplicate-in-document",
            message=f"{doc or 'the input'} lists this work {len(refs)} times ({labels}); "
            "keep one entry and point its citations at it",
            severity=Severity.WARNING,
        )
    dois = sorted({d for m in members if (d := _canonical_doi(m.doi))})
    if len(dois) > 1:
        yield Finding(
            code="dedupe-several-dois",
            message=f"members carry different DOIs for one work ({', '.join(dois)}); "
            "the canonical record keeps the first",
            severity=Severity.INFO,
            field="doi",
        )


def _describe(ref: Reference) -> str:
    if ref.label:
        return f"[{ref.label}]"
    if ref.source_key:
        return ref.source_key
    if ref.origin:
        return str(ref.origin)
    return (ref.title or ref.raw or "?")[:40]


def _attach_links(
    works: list[Work],
    root_to_work: dict[int, Work],
    clusters: _Clusters,
    links: list[tuple[int, int, str]],
    notes: list[tuple[int, int, str]],
    recs: Sequence[_Rec],
) -> list[Work]:
    extra: dict[str, set[Finding]] = defaultdict(set)

    def each_way(p: int, q: int) -> list[tuple[Work, Work]]:
        """(this work, the other) both ways for records p and q, unless they are one work."""
        wp, wq = root_to_work[clusters.find(p)], root_to_work[clusters.find(q)]
        return [] if wp.id == wq.id else [(wp, wq), (wq, wp)]

    for p, q, why in links:
        for this, other in each_way(p, q):
            extra[this.id].add(
                Finding(
                    code="dedupe-linked",
                    message=f"related to work {other.id} ({why}); kept as separate works",
                    severity=Severity.INFO,
                )
            )
    for p, q, why in notes:
        for this, other in each_way(p, q):
            extra[this.id].add(
                Finding(
                    code="dedupe-doi-contradicted",
                    message=f"shares DOI {recs[p].doi} with work {other.id}, but {why}: "
                    "at least one DOI is wrong; kept apart",
                    severity=Severity.WARNING,
                    field="doi",
                )
            )
    if not extra:
        return works
    return [
        attrs.evolve(w, findings=w.findings + tuple(sorted(extra[w.id], key=lambda f: f.message)))
        if w.id in extra
        else w
        for w in works
    ]


def overlap(works: Iterable[Work], document_keys: Sequence[str]) -> list[list[int]]:
    """Reviews x reviews: how many works each pair shares (the diagonal: works per review)."""
    index = {key: n for n, key in enumerate(document_keys)}
    matrix = [[0] * len(document_keys) for _ in document_keys]
    for work in works:
        docs = sorted({index[c.document] for c in work.cited_by if c.document in index})
        for x in docs:
            for y in docs:
                matrix[x][y] += 1
    return matrix


def corrected_covered_area(works: Iterable[Work], document_keys: Sequence[str]) -> float | None:
    """Pieper et al. 2014: (N - r) / (r*c - r); None when it is undefined (c < 2 or r = 0).

    N counts each (review, work) citation once, r is the number of distinct works cited by
    any of the reviews, c the number of reviews.
    """
    keys = set(document_keys)
    c = len(keys)
    n = 0
    r = 0
    for work in works:
        docs = {cit.document for cit in work.cited_by if cit.document in keys}
        if docs:
            r += 1
            n += len(docs)
    if c < 2 or r == 0:
        return None
    return (n - r) / (r * c - r)


def _counts(works: Iterable[Work]) -> Counter[int]:  # pragma: no cover - debugging aid
    return Counter(len(w.members) for w in works)
