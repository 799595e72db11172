"""Deciding, field by field, whether a registered record is the work a reference cites.

Pure code: it asks a client-like object (:class:`Lookup`, in practice
:class:`allrefs.crossref.CrossrefClient`) for records and never does HTTP itself. The stage
entry point is :func:`resolve_references`; :func:`compare` and :func:`choose_candidate` are
the decisions it is made of.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs
from rapidfuzz import fuzz

from allrefs.arxiv import cut_arxiv
from allrefs.model import (
    VERDICT_ORDER,
    Entry,
    Evidence,
    Finding,
    Person,
    Reference,
    Resolution,
    Severity,
    Verdict,
)
from allrefs.normalize import TRIAL_NUMBER_RE
from allrefs.records import RegisteredWork, notice_findings, work_from_crossref, work_from_csl
from allrefs.text import CASELESS_RE, fold_for_match, fold_width

__all__ = [
    "OFFLINE_REASON",
    "Choice",
    "Lookup",
    "choose_candidate",
    "compare",
    "doi_was_repaired",
    "entry_priority",
    "journal_similarity",
    "query_text",
    "resolve_references",
    "summarize",
    "title_similarity",
]

OFFLINE_REASON = "offline (no lookup attempted)"

#: weights of each field in the match score (over the fields both sides have)
WEIGHTS: dict[str, float] = {
    "title": 0.40,
    "first_author": 0.15,
    "authors": 0.05,
    "year": 0.12,
    "volume": 0.08,
    "page": 0.12,
    "journal": 0.08,
}
#: a title this similar (0..1, folded) names the same work
TITLE_SAME = 0.85
#: below this the titles are different works whatever else agrees, unless everything else does
TITLE_RELATED = 0.65
#: Crossref's matcher: keep candidates whose relevance score / len(query) reaches this
RELEVANCE_BAR = 0.4
#: two accepted candidates closer than this are too close to call
CLOSE_CALL = 0.04
#: the fields whose disagreement refuses a search candidate outright
HARD_FIELDS = ("first_author", "year", "page")


class Lookup(Protocol):
    """What the resolver needs from a client (:class:`allrefs.crossref.CrossrefClient`)."""

    def works_by_doi(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]: ...

    def search_many(
        self, texts: Sequence[str], rows: int = 5
    ) -> dict[str, list[dict[str, Any]]]: ...

    def doi_exists(self, doi: str) -> bool: ...

    def csl_json(self, doi: str) -> dict[str, Any] | None: ...

    @property
    def failure_reason(self) -> str: ...


# -- comparing one citation with one record -----------------------------------------------


def compare(
    cited: Reference, record: Reference, short_container_titles: Sequence[str] = ()
) -> tuple[float, tuple[Evidence, ...]]:
    """Score (0..1) how well ``record`` matches ``cited``, with the evidence per field.

    The score is the weighted mean over the fields both sides have; a field one side lacks
    is reported with ``agrees=None`` and does not count.
    """
    evidence = (
        _title_evidence(cited, record),
        _first_author_evidence(cited, record),
        _authors_evidence(cited, record),
        _year_evidence(cited, record),
        _plain_evidence("volume", cited.volume, record.volume),
        _page_evidence(cited, record),
        _journal_evidence(cited, record, short_container_titles),
    )
    total = weight = 0.0
    for item in evidence:
        if item.agrees is None or item.score is None:
            continue
        total += WEIGHTS[item.field] * item.score
        weight += WEIGHTS[item.field]
    return (round(total / weight, 4) if weight else 0.0), evidence


def _fold(text: str | None) -> str:
    return fold_for_match(text) if text else ""


def title_similarity(cited: str, registered: str) -> float:
    """0..1: folded titles compared whole, word-order-free, and as prefix (a dropped subtitle)."""
    a, b = _fold(cited), _fold(registered)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    best = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100
    shorter, longer = sorted((a, b), key=len)
    # "Title" cited without its subtitle, or the registry without the cited one.
    if len(shorter) >= 20 and len(shorter) >= 0.35 * len(longer):
        head = longer[: len(shorter) + 2]
        best = max(best, 0.97 * fuzz.ratio(shorter, head) / 100)
    return round(best, 4)


def _title_evidence(cited: Reference, record: Reference) -> Evidence:
    if cited.title and record.title:
        score = title_similarity(cited.title, record.title)
        return Evidence("title", cited.title, record.title, score >= TITLE_SAME, score)
    if not cited.title and cited.raw and record.title and len(_fold(record.title)) >= 15:
        # No parsed title: is the registered title in the reference text? (Crossref's
        # matcher validates against the whole string the same way.)
        score = round(fuzz.partial_ratio(_fold(record.title), _fold(cited.raw)) / 100, 4)
        return Evidence("title", None, record.title, score >= TITLE_SAME, score)
    return Evidence("title", cited.title, record.title, None)


def _family_key(person: Person) -> str:
    return _fold(person.family or person.literal)


def _same_family(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    # particles and compound names: "van der berg" / "berg", "garcia marquez" / "garcia"
    wa, wb = a.split(), b.split()
    if wa[-1] == wb[-1] or (wa[0] == wb[0] and min(len(wa[0]), len(wb[0])) > 3):
        return True
    return fuzz.ratio(a, b) >= 88


def _initial(person: Person) -> str:
    given = _fold(person.given)
    return given[:1]


def _same_person(cited: Person, registered: Person) -> bool:
    if not _same_family(_family_key(cited), _family_key(registered)):
        return False
    a, b = _initial(cited), _initial(registered)
    return not a or not b or a == b


def _first_author_evidence(cited: Reference, record: Reference) -> Evidence:
    if not cited.authors or not record.authors:
        return Evidence("first_author", cited.first_author_family, record.first_author_family, None)
    first_cited, first_record = cited.authors[0], record.authors[0]
    if first_cited.literal or first_record.literal:
        score = fuzz.ratio(_family_key(first_cited), _family_key(first_record)) / 100
        agrees = score >= 0.85
    else:
        agrees = _same_family(_family_key(first_cited), _family_key(first_record))
        score = 1.0 if agrees else 0.0
    return Evidence(
        "first_author", first_cited.display, first_record.display, agrees, round(score, 4)
    )


def _authors_evidence(cited: Reference, record: Reference) -> Evidence:
    shown_cited = "; ".join(p.display for p in cited.authors[:6]) or None
    shown_record = "; ".join(p.display for p in record.authors[:6]) or None
    if len(cited.authors) < 2 or not record.authors:
        return Evidence("authors", shown_cited, shown_record, None)
    listed = cited.authors[:10]
    matched = sum(1 for p in listed if any(_same_person(p, q) for q in record.authors))
    score = round(matched / len(listed), 4)
    return Evidence("authors", shown_cited, shown_record, score >= 0.5, score)


def _year_evidence(cited: Reference, record: Reference) -> Evidence:
    a, b = cited.year, record.year
    if a is None or b is None:
        return Evidence("year", _str(a), _str(b), None)
    gap = abs(a - b)
    # print and online publication often straddle a new year
    score = 1.0 if gap == 0 else 0.75 if gap == 1 else 0.0
    return Evidence("year", str(a), str(b), gap <= 1, score)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _plain_key(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _fold(value))


def _plain_evidence(field: str, cited: str | None, registered: str | None) -> Evidence:
    if not cited or not registered:
        return Evidence(field, cited, registered, None)
    agrees = _plain_key(cited) == _plain_key(registered)
    return Evidence(field, cited, registered, agrees, 1.0 if agrees else 0.0)


def _page_evidence(cited: Reference, record: Reference) -> Evidence:
    a, b = cited.page_first, record.page_first
    if not a or not b:
        return Evidence("page", cited.pages, record.pages, None)
    ka, kb = _plain_key(a), _plain_key(b)
    if ka == kb:
        score = 1.0
    elif ka.lstrip("es") == kb.lstrip("es") and ka.lstrip("es"):
        score = 0.9  # "e1234" printed as "1234"
    else:
        score = 0.0
    return Evidence("page", cited.pages, record.pages, score > 0, score)


_JOURNAL_STOPWORDS = frozenset(
    {"the", "of", "and", "for", "in", "on", "a", "an", "de", "la", "le", "des", "du", "der"}
    | {"die", "das", "und", "fur", "y", "e", "et"}
)


def _journal_words(name: str) -> list[str]:
    name = re.sub(r"\([^)]*\)", " ", name)  # "Journal of Immunology (Baltimore, Md. : 1950)"
    return [w for w in _fold(name).split() if w not in _JOURNAL_STOPWORDS]


def _abbreviates(short: str, full: str) -> bool:
    """``short`` is a subsequence of ``full`` from its first letter: Natl / National."""
    if not short or short[0] != full[0] or len(short) > len(full):
        return False
    position = 0
    for ch in short:
        position = full.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


def _abbreviation_of(short: list[str], full: list[str]) -> bool:
    """Every word of ``short`` abbreviates the next word of ``full``, or initials several (USA)."""
    if not short or not full:
        return False

    def match(i: int, j: int) -> bool:
        if i == len(short):
            return j == len(full)
        if j == len(full):
            return False
        word = short[i]
        if _abbreviates(word, full[j]) and match(i + 1, j + 1):
            return True
        span = len(word)
        if 2 <= span <= len(full) - j and word == "".join(w[0] for w in full[j : j + span]):
            return match(i + 1, j + span)
        return False

    return match(0, 0)


def journal_similarity(cited: str, registered: Sequence[str]) -> float:
    """0..1: a cited journal name against the registered full and short names.

    Abbreviations count as the same journal: "N Engl J Med" = "New England Journal of
    Medicine", "Proc Natl Acad Sci USA" = "Proceedings of the National Academy of
    Sciences of the United States of America".
    """
    cited_words = _journal_words(cited)
    best = 0.0
    for name in registered:
        words = _journal_words(name)
        if not words or not cited_words:
            continue
        if cited_words == words:
            return 1.0
        if _abbreviation_of(cited_words, words) or _abbreviation_of(words, cited_words):
            best = max(best, 0.95)
            continue
        best = max(best, fuzz.ratio(" ".join(cited_words), " ".join(words)) / 100)
    return round(best, 4)


def _journal_evidence(
    cited: Reference, record: Reference, short_container_titles: Sequence[str]
) -> Evidence:
    names = [n for n in (record.container_title, *short_container_titles) if n]
    if not cited.container_title or not names:
        return Evidence("journal", cited.container_title, record.container_title, None)
    score = journal_similarity(cited.container_title, names)
    return Evidence("journal", cited.container_title, record.container_title, score >= 0.85, score)


def _by_field(evidence: Iterable[Evidence]) -> dict[str, Evidence]:
    return {item.field: item for item in evidence}


def _same_work(evidence: Sequence[Evidence]) -> bool:
    """Does the record name the cited work (it may still disagree on a detail)?"""
    fields = _by_field(evidence)
    others = [f for f in ("first_author", "year", "volume", "page", "journal")]
    supports = [f for f in others if fields[f].agrees is True]
    against = [f for f in others if fields[f].agrees is False]
    title = fields["title"]
    if title.score is not None:
        if title.score >= TITLE_SAME:
            short_title = len(_fold(title.registered)) < 25  # "Editorial", "Preface"
            hard_against = [f for f in against if f in ("first_author", "year", "page", "volume")]
            if short_title:
                return len(supports) > len(against)
            return len(hard_against) < 3
        if title.score >= TITLE_RELATED:
            return len(supports) >= 2 and len(supports) > len(against)
        # A badly parsed title, but everything else the same work.
        return len(supports) >= 3 and not against
    return len(supports) >= 2 and len(supports) > len(against)


def _contradictions(evidence: Sequence[Evidence]) -> list[str]:
    fields = _by_field(evidence)
    return [f for f in HARD_FIELDS if fields[f].agrees is False]


# -- choosing among search candidates ----------------------------------------------------


@attrs.frozen
class Choice:
    """What a search concluded: found (one work), ambiguous (several), unmatched (none)."""

    verdict: Verdict
    work: RegisteredWork | None = None
    score: float | None = None
    evidence: tuple[Evidence, ...] = ()
    candidates: tuple[RegisteredWork, ...] = ()


@attrs.frozen
class _Candidate:
    work: RegisteredWork
    relevance: float  # Crossref score / len(query)
    score: float
    evidence: tuple[Evidence, ...]
    accepted: bool


_NOTICE_TITLE = re.compile(
    r"^\s*(correction|erratum|corrigendum|retraction|retracted|notice of retraction|"
    r"expression of concern|withdrawal)\b",
    re.IGNORECASE,
)
_PREPRINT_WORDS = re.compile(r"\b(biorxiv|medrxiv|arxiv|preprint|research square|ssrn)\b", re.I)


def _looks_like_notice(work: RegisteredWork) -> bool:
    return work.is_notice or bool(_NOTICE_TITLE.match(work.reference.title or ""))


def choose_candidate(cited: Reference, query: str, items: Sequence[Mapping[str, Any]]) -> Choice:
    """Pick the work a reference cites from ``query.bibliographic`` results, or decline.

    Like Crossref's matcher: keep candidates whose relevance score divided by the query
    length reaches :data:`RELEVANCE_BAR`, then validate field by field. Beyond it: refuse a
    candidate whose year, first page or first author contradicts the citation; prefer the
    version of record over a preprint and the article over its correction notice; and
    call two accepted candidates that score alike ambiguous rather than guess.
    """
    length = max(len(query), 1)
    candidates: list[_Candidate] = []
    for item in items:
        work = work_from_crossref(item)
        if not work.doi:
            continue
        score, evidence = compare(cited, work.reference, work.short_container_titles)
        relevance = (work.score or 0.0) / length
        fields = _by_field(evidence)
        title = fields["title"]
        strong_title = title.score is not None and title.score >= TITLE_SAME
        supports = sum(1 for e in evidence if e.agrees is True and e.field != "title")
        validated = (strong_title and supports >= 1) or (title.score is None and supports >= 3)
        if strong_title and title.score is not None and title.score >= 0.95 and supports == 0:
            # a perfect long title with nothing else to compare
            validated = len(_fold(title.registered)) >= 40
        clears_bar = relevance >= RELEVANCE_BAR or (
            strong_title and title.score is not None and title.score >= 0.95 and supports >= 2
        )
        ok = clears_bar and validated and not _contradictions(evidence)
        candidates.append(_Candidate(work, relevance, score, evidence, ok))

    accepted = [c for c in candidates if c.accepted]
    cited_is_notice = bool(_NOTICE_TITLE.match(cited.title or ""))
    cited_is_preprint = cited.type == "article" or bool(_PREPRINT_WORDS.search(cited.raw))
    if not cited_is_notice and any(not _looks_like_notice(c.work) for c in accepted):
        accepted = [c for c in accepted if not _looks_like_notice(c.work)]
    if cited_is_notice and any(_looks_like_notice(c.work) for c in accepted):
        accepted = [c for c in accepted if _looks_like_notice(c.work)]
    if not cited_is_preprint and any(not c.work.is_preprint for c in accepted):
        accepted = [c for c in accepted if not c.work.is_preprint]
    if cited_is_preprint and any(c.work.is_preprint for c in accepted):
        accepted = [c for c in accepted if c.work.is_preprint]
    accepted.sort(key=lambda c: (-c.score, -c.relevance))

    if accepted:
        best = accepted[0]
        close = [
            c
            for c in accepted[1:]
            if c.score >= best.score - CLOSE_CALL and c.work.doi != best.work.doi
        ]
        if close:
            return Choice(
                Verdict.AMBIGUOUS,
                score=best.score,
                candidates=tuple(c.work for c in [best, *close]),
            )
        return Choice(Verdict.FOUND, best.work, best.score, best.evidence)

    plausible = [
        c
        for c in candidates
        if c.relevance >= RELEVANCE_BAR
        or (_by_field(c.evidence)["title"].score or 0.0) >= TITLE_RELATED
    ]
    if plausible:
        plausible.sort(key=lambda c: (-c.score, -c.relevance))
        return Choice(Verdict.AMBIGUOUS, candidates=tuple(c.work for c in plausible[:3]))
    return Choice(Verdict.UNMATCHED)


# -- the stage -----------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(?:\[\s*\d+\s*\]|\(\s*\d+\s*\)|\d+\s*[.)\]]|\d+\s+(?=[A-Z]))\s*")
_DOI_TEXT = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?\b10\.\d{4,9}/\S+", re.IGNORECASE
)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_NOISE = re.compile(
    r"\[(?:PubMed|PMC free article|Google Scholar|CrossRef|Crossref|Ref list|DOI)\]"
    r"|\bPMID\s*:?\s*\d+|\bPMCID\s*:?\s*PMC\d+|\bAvailable (?:from|at)\s*:?"
    r"|\b(?:Accessed|Cited)\s*:?\s*[^.;]*\d{4}",
    re.IGNORECASE,
)


def query_text(reference: Reference) -> str:
    """The reference string to search for: the raw text without label, DOI, URLs, PMIDs and
    arXiv identifier."""
    text = reference.raw or ""
    if text:
        text = _LABEL.sub("", text, count=1)
        text = _DOI_TEXT.sub(" ", text)
        text = _URL.sub(" ", text)
        text = _NOISE.sub(" ", text)
        text, _ = cut_arxiv(text)  # an identifier Crossref's search cannot use
    else:
        parts: list[str] = [", ".join(p.display for p in reference.authors[:3])]
        parts += [reference.title or "", reference.container_title or ""]
        parts += [str(reference.year or ""), reference.volume or "", reference.pages or ""]
        text = ". ".join(p for p in parts if p)
    text = re.sub(r"\s+", " ", fold_width(text)).strip(" .,;")
    return text[:1000]


def doi_was_repaired(reference: Reference) -> bool:
    """The DOI stage marks a real repair of the printed DOI as a ``doi-*`` warning."""
    return any(
        f.code.startswith("doi-") and f.severity is Severity.WARNING for f in reference.findings
    )


def resolve_references(
    references: Sequence[Reference],
    client: Lookup | None,
    *,
    repaired: Callable[[Reference], bool] | None = None,
) -> list[Entry]:
    """One Entry per reference, in order: verified, repaired, mismatch, not_found, found,
    ambiguous, unmatched or unchecked, with the registered record and the evidence.

    ``client=None`` checks nothing (every entry ``unchecked``, "offline"). Whatever the
    network does, no reference is dropped and none is called ``not_found`` unless both
    Crossref and doi.org answered that they do not know its DOI.
    """
    if client is None:
        return [
            Entry(ref, Resolution(Verdict.UNCHECKED, reason=OFFLINE_REASON)) for ref in references
        ]
    was_repaired = repaired or doi_was_repaired

    dois = [ref.doi.lower() for ref in references if ref.doi]
    crossref = client.works_by_doi(dois)
    crossref_failure = client.failure_reason
    elsewhere = {
        doi: _ask_doi_org(client, doi)
        for doi in dict.fromkeys(dois)
        if doi in crossref and crossref[doi] is None
    }

    # First pass: what each reference needs; a search is needed for a reference without
    # a DOI, and for one whose DOI names another work or nothing.
    plans: list[tuple[Reference, Resolution | None]] = []
    queries: list[str] = []
    for ref in references:
        if ref.doi:
            resolution = _check_doi(ref, crossref, crossref_failure, elsewhere, was_repaired)
            plans.append((ref, resolution))
            if resolution.verdict in _SEARCH_AFTER:
                queries.append(query_text(ref))
        elif (outside := _outside_crossref(ref)) is not None:
            plans.append((ref, Resolution(Verdict.UNMATCHED, findings=(outside,))))
        else:
            plans.append((ref, None))
            queries.append(query_text(ref))
    searchable = [q for q in dict.fromkeys(queries) if _worth_searching(q)]
    results = client.search_many(searchable) if searchable else {}
    search_failure = client.failure_reason

    entries = []
    for ref, checked in plans:
        if checked is None:
            entries.append(_from_search(ref, query_text(ref), results, search_failure))
            continue
        query = query_text(ref) if checked.verdict in _SEARCH_AFTER else ""
        if query in results:
            choice = choose_candidate(ref, query, results[query])
            entries.append(_with_suggestion(ref, checked, choice))
        else:
            entries.append(_entry(ref, checked))
    return entries


_SEARCH_AFTER = (Verdict.MISMATCH, Verdict.NOT_FOUND)


#: a preprint server's address: what it holds has a DOI Crossref registers, even cited as a
#: web page ("Available at SSRN: https://ssrn.com/abstract=3550000")
_PREPRINT_HOST = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)*(?:ssrn\.com|researchsquare\.com|biorxiv\.org|medrxiv\.org|"
    r"chemrxiv\.org|preprints\.org|osf\.io|psyarxiv\.com|socarxiv\.org|techrxiv\.org|"
    r"authorea\.com|ssrn\.\w+)(?:[/:?#]|$)",
    re.IGNORECASE,
)


def _outside_crossref(ref: Reference) -> Finding | None:
    """Why a reference without a DOI is not searched: a patent, a trial's registration or a
    web page, which patent offices, trial registries and the web keep, not Crossref. A search
    would at best find another work (a trial's results paper, an article with a title like
    the page's), so none is made. A preprint server's page is searched: bioRxiv, medRxiv,
    SSRN and Research Square register their preprints with Crossref."""
    if ref.type == "patent":
        what = f"patent {ref.number}" if ref.number else "a patent"
        where = "the patent office's register"
    elif ref.number and TRIAL_NUMBER_RE.fullmatch(ref.number):
        what = f"trial registration {ref.number}"
        where = ref.container_title or "the trial registry"
    elif ref.type == "webpage" and ref.url and not ref.arxiv and not _PREPRINT_HOST.search(ref.url):
        what = "a web page"
        where = "its address, " + ref.url
    else:
        return None
    return Finding(
        "not-in-crossref",
        f"Cited as {what}, which Crossref does not register; not searched. Check it at {where}.",
        Severity.INFO,
    )


def _worth_searching(query: str) -> bool:
    """Enough text for a bibliographic search: three words, or, in Chinese and Japanese, which
    print no spaces between words, eight letters."""
    if len(query) < 20:
        return False
    return len(query.split()) >= 3 or len(CASELESS_RE.findall(query)) >= 8


def _ask_doi_org(client: Lookup, doi: str) -> RegisteredWork | bool | str:
    """doi.org for a DOI Crossref does not know: a record, False (nobody knows it), or why not."""
    try:
        if not client.doi_exists(doi):
            return False
        item = client.csl_json(doi)
    except ConnectionError as exc:  # CrossrefError
        return str(getattr(exc, "reason", exc))
    if item is None:
        return "the DOI exists at doi.org, but its metadata could not be retrieved"
    return work_from_csl(item)


def _check_doi(
    ref: Reference,
    crossref: Mapping[str, dict[str, Any] | None],
    failure: str,
    elsewhere: Mapping[str, RegisteredWork | bool | str],
    was_repaired: Callable[[Reference], bool],
) -> Resolution:
    assert ref.doi
    doi = ref.doi.lower()
    if doi not in crossref:
        return Resolution(Verdict.UNCHECKED, reason=failure)
    message = crossref[doi]
    if message is not None:
        work = work_from_crossref(message)
        extra: tuple[Finding, ...] = ()
    else:
        other = elsewhere.get(doi, "doi.org was not asked")
        if other is False:
            return Resolution(
                Verdict.NOT_FOUND,
                findings=(
                    Finding(
                        "not-found",
                        f"DOI {doi} is not registered: neither Crossref nor doi.org knows it. "
                        "Check it for typos against the article's landing page.",
                        Severity.ERROR,
                        "doi",
                    ),
                ),
            )
        if isinstance(other, str):
            return Resolution(Verdict.UNCHECKED, reason=f"not at Crossref; {other}")
        assert isinstance(other, RegisteredWork)
        work = other
        extra = (
            Finding(
                "other-agency",
                f"DOI {doi} is registered outside Crossref (DataCite, mEDRA, ...); "
                "checked against doi.org's metadata.",
                Severity.INFO,
                "doi",
            ),
        )
    score, evidence = compare(ref, work.reference, work.short_container_titles)
    # A DOI given alone (`allrefs cite 10.1038/...`) names its work: nothing can disagree.
    nothing_to_compare = all(item.agrees is None for item in evidence)
    if not nothing_to_compare and not _same_work(evidence):
        return Resolution(
            Verdict.MISMATCH,
            record=work.reference,
            score=score,
            evidence=evidence,
            findings=(_mismatch_finding(doi, work, evidence), *extra),
        )
    verdict = Verdict.REPAIRED if was_repaired(ref) else Verdict.VERIFIED
    return Resolution(
        verdict,
        record=work.reference,
        score=score,
        evidence=evidence,
        findings=_record_findings(ref, work, evidence) + extra,
    )


def _from_search(
    ref: Reference,
    query: str,
    results: Mapping[str, list[dict[str, Any]]],
    failure: str,
) -> Entry:
    if not _worth_searching(query):
        too_short = Finding(
            "too-short-to-search",
            "No DOI, and too little text to search Crossref for one.",
            Severity.INFO,
        )
        findings = _eprint_findings(ref, searched=False) or (too_short,)
        return Entry(ref, Resolution(Verdict.UNMATCHED, findings=findings))
    if query not in results:
        return Entry(ref, Resolution(Verdict.UNCHECKED, reason=failure))
    choice = choose_candidate(ref, query, results[query])
    if choice.verdict is Verdict.FOUND and choice.work is not None:
        work = choice.work
        resolution = Resolution(
            Verdict.FOUND,
            record=work.reference,
            score=choice.score,
            evidence=choice.evidence,
            findings=(
                Finding(
                    "found-doi",
                    f"No DOI was printed; Crossref's record {work.doi} matches "
                    f"(score {choice.score:.2f}).",
                    Severity.INFO,
                    "doi",
                ),
                *_record_findings(ref, work, choice.evidence),
            ),
        )
        return _entry(ref, resolution)
    if choice.verdict is Verdict.AMBIGUOUS:
        return Entry(
            ref,
            Resolution(
                Verdict.AMBIGUOUS,
                score=choice.score,
                candidates=tuple(w.reference for w in choice.candidates),
                findings=(_candidates_finding(choice.candidates),),
            ),
        )
    return Entry(ref, Resolution(Verdict.UNMATCHED, findings=_eprint_findings(ref, searched=True)))


def _eprint_findings(ref: Reference, *, searched: bool) -> tuple[Finding, ...]:
    """Why an arXiv e-print stays unmatched: arXiv registers with DataCite, not Crossref."""
    if not ref.arxiv:
        return ()
    message = (
        f"Cited as arXiv e-print {ref.arxiv}. arXiv registers its e-prints with DataCite, not "
        "Crossref, so allrefs cannot check it"
    )
    if searched:
        message += "; Crossref holds no published version that matches this reference"
    return (Finding("arxiv-not-in-crossref", message + ".", Severity.INFO, "arxiv"),)


def _with_suggestion(ref: Reference, resolution: Resolution, choice: Choice) -> Entry:
    """A mismatch or not_found, with the DOI a search offers when it offers one."""
    if choice.verdict is Verdict.FOUND and choice.work is not None:
        work = choice.work
        if work.doi and work.doi != (ref.doi or "").lower():
            suggestion = Finding(
                "suggested-doi",
                f"The cited work appears to be {work.doi}: “{work.reference.title}” "
                f"(score {choice.score:.2f}). Replace the DOI if that is the work meant.",
                Severity.WARNING,
                "doi",
            )
            resolution = attrs.evolve(
                resolution,
                findings=(*resolution.findings, suggestion),
                candidates=(work.reference,),
            )
    elif choice.verdict is Verdict.AMBIGUOUS and choice.candidates:
        resolution = attrs.evolve(
            resolution, candidates=tuple(w.reference for w in choice.candidates)
        )
    return _entry(ref, resolution)


def _entry(ref: Reference, resolution: Resolution) -> Entry:
    if resolution.verdict in (Verdict.VERIFIED, Verdict.REPAIRED, Verdict.FOUND) and (
        resolution.record is not None
    ):
        return Entry(_filled(ref, resolution.record), resolution)
    return Entry(ref, resolution)


def _filled(cited: Reference, record: Reference) -> Reference:
    """The registered record's fields, with the citation's raw text, label and origin kept."""
    use_record_pages = record.page_first is not None
    return attrs.evolve(
        cited,
        type=record.type or cited.type,
        authors=record.authors or cited.authors,
        et_al=cited.et_al if not record.authors else False,
        editors=record.editors or cited.editors,
        title=record.title or cited.title,
        container_title=record.container_title or cited.container_title,
        publisher=record.publisher or cited.publisher,
        publisher_place=record.publisher_place or cited.publisher_place,
        year=record.year or cited.year,
        volume=record.volume or cited.volume,
        issue=record.issue or cited.issue,
        page_first=record.page_first if use_record_pages else cited.page_first,
        page_last=record.page_last if use_record_pages else cited.page_last,
        doi=record.doi or cited.doi,
        url=cited.url or record.url,
    )


_FIELD_WORDS = {
    "title": "title",
    "first_author": "first author",
    "authors": "authors",
    "year": "year",
    "volume": "volume",
    "page": "first page",
    "journal": "journal",
}
_DIFFERS_CODE = {
    "title": "title-differs",
    "first_author": "author-differs",
    "authors": "authors-differ",
    "year": "year-differs",
    "volume": "volume-differs",
    "page": "page-differs",
    "journal": "journal-differs",
}


def _record_findings(
    ref: Reference, work: RegisteredWork, evidence: Sequence[Evidence]
) -> tuple[Finding, ...]:
    """Notices first (a retraction is the most important thing to show), then disagreements."""
    doi = work.doi
    findings = list(notice_findings(work.notices, doi))
    for target, kind in work.updates:
        findings.append(
            Finding(
                "cites-notice",
                f"{doi} is a {kind.replace('-', ' ')} notice for {target.lower()}, not the "
                f"work itself. Cite {target.lower()} unless the notice is meant.",
                Severity.WARNING,
                "doi",
            )
        )
    if work.is_preprint and work.preprint_of:
        findings.append(
            Finding(
                "has-version-of-record",
                f"{doi} is a preprint; its version of record is {work.preprint_of[0]}.",
                Severity.INFO,
                "doi",
            )
        )
    for item in evidence:
        if item.agrees is not False:
            continue
        severity = Severity.INFO if item.field == "authors" else Severity.WARNING
        findings.append(
            Finding(
                _DIFFERS_CODE[item.field],
                f"The citation's {_FIELD_WORDS[item.field]} ({item.cited or 'in the text'}) "
                f"differs from the record of {doi} ({item.registered}); the output uses the "
                "registered value.",
                severity,
                item.field if item.field in ("title", "year", "volume") else None,
            )
        )
    return tuple(findings)


def _mismatch_finding(doi: str, work: RegisteredWork, evidence: Sequence[Evidence]) -> Finding:
    record = work.reference
    who = record.first_author_family or "no author"
    what = f"“{record.title or 'untitled'}” ({who}, {record.year or 'n.d.'}"
    what += f", {record.container_title})" if record.container_title else ")"
    against = [_FIELD_WORDS[e.field] for e in evidence if e.agrees is False]
    disagree = f" Disagreeing: {', '.join(against)}." if against else ""
    return Finding(
        "mismatch",
        f"DOI {doi} is registered to a different work: {what}.{disagree} "
        "Check the DOI against the cited article.",
        Severity.ERROR,
        "doi",
    )


def _candidates_finding(candidates: Sequence[RegisteredWork]) -> Finding:
    listed = "; ".join(
        f"{w.doi} “{w.reference.title or 'untitled'}” ({w.reference.year or 'n.d.'})"
        for w in candidates
    )
    return Finding(
        "ambiguous",
        f"No DOI printed and no single Crossref record clearly matches. Candidates: {listed}.",
        Severity.WARNING,
        "doi",
    )


# -- reporting helpers ---------------------------------------------------------------------


def entry_priority(entry: Entry) -> tuple[int, int]:
    """Sort key for a report: retracted works first, then verdicts in VERDICT_ORDER."""
    retracted = any(f.code in ("retracted", "partially-retracted") for f in entry.findings)
    return (0 if retracted else 1, VERDICT_ORDER.index(entry.verdict))


def summarize(entries: Sequence[Entry], client: object | None = None) -> str:
    """One line: counts per verdict, retractions, requests made, and why lookups stopped."""
    counts = Counter(entry.verdict for entry in entries)
    parts = [f"{counts[v]} {v.value}" for v in VERDICT_ORDER if counts[v]]
    retracted = sum(
        1
        for e in entries
        if any(f.code in ("retracted", "partially-retracted") for f in e.findings)
    )
    line = f"{len(entries)} references: " + (", ".join(parts) or "none")
    if retracted:
        line += f"; {retracted} retracted"
    if client is not None:
        requests_made = getattr(client, "network_requests", None)
        if requests_made is not None:
            line += f"; {requests_made} HTTP requests"
        unreachable = getattr(client, "unreachable_reason", None)
        if unreachable:
            line += f"; network unreachable ({unreachable})"
        elif getattr(client, "offline", False):
            line += "; offline (cache only)"
    elif counts[Verdict.UNCHECKED] == len(entries) and entries:
        line += f"; {OFFLINE_REASON}"
    return line
