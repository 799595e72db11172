"""Split one reference string into CSL-shaped fields (rule-based; Vancouver and APA first).

Everything goes through :func:`parse_reference`, so a better parser can replace the core
without touching its callers. Identifiers (DOI, PMID, URL) come from deterministic
extractors before any other field is looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from allrefs.arxiv import cut_arxiv, find_arxiv
from allrefs.doi import find_doi
from allrefs.model import Finding, Origin, Person, Reference, Severity
from allrefs.normalize import (
    blank,
    clean_reference_text,
    cut_online_first,
    find_notice,
    read_printed_kind,
    strip_trailers,
    tidy_reference,
)
from allrefs.text import CASELESS_RE, find_urls, fold_width
from allrefs.tokens import (
    EDITION_NUMBER,
    MONTH_NAME,
    ORDINAL_NAME_SUFFIXES,
    PAGE,
    PRINTED_NAME_SUFFIXES,
    PUBLISHER_NAMES,
    PUBLISHER_WORD_RE,
    TRANSLITERATED_INITIALS_RE,
    WORD_NAME_SUFFIXES,
    transliterated_initials,
)

#: Longest reference we parse; anything longer is cut, with a finding, to keep time bounded.
MAX_REFERENCE_CHARS = 4000

_PARTICLE = r"(?:van|von|der|den|de|del|della|dos|du|da|di|le|la|ten|ter|st\.?|al|el|bin|ibn|mac)"
_WORD = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*"
# A family name: optional lower-case particles, then one or two capitalised words.
# A second or third word of two letters or more: "LIU Y, MA Z" is not the family "LIU Y".
_FAMILY = rf"(?:{_PARTICLE}\s+)*{_WORD}(?:[\s-](?=[^\W\d_]{{2}}|[ey]\s){_WORD}){{0,2}}"
# Initials: "SP", "S.P.", "S. P.", "Yu.V.", "J.-P.", "I.B.d.O."
_INITIALS_DOTTED = r"(?:[^\W\d_][a-z]?\.(?:\s?-?\s?(?:[^\W\d_][a-z]?|[a-z])\.)*)"
# a Russian letter in two beside another initial ("Smirnov AYu", "Ivanov ChT"); never alone,
# for "Liu Yu, Wang Jing" and "Lawson KA, Yu W" are Chinese names
_INITIALS_BARE = (
    rf"(?:(?=[A-Z][a-z]?[A-Z]){TRANSLITERATED_INITIALS_RE.pattern}(?![a-z])"
    r"|[^\W\d_a-z](?:-[^\W\d_a-z])+"
    r"|[^\W\d_a-z](?:\s[^\W\d_a-z](?:-[^\W\d_a-z])?){1,2}(?![^\W\d_])"
    r"|[^\W\d_a-z]{1,3})"
)
_SUFFIX = (
    rf"(?:\s+(?P<suffix>(?:Jr|Sr)\.?|{'|'.join(WORD_NAME_SUFFIXES[2:] + ORDINAL_NAME_SUFFIXES)}))?"
)
_INITIALS = rf"(?:{_INITIALS_DOTTED}|{_INITIALS_BARE}(?![^\W\d_]))"

# bare initials end the name: "Gospodarowicz M, O'Sullivan B", not "Gospodarowicz M, O" + "'..."
_INITIALS_ENDING = rf"(?:{_INITIALS_DOTTED}|{_INITIALS_BARE}(?=[,.;:&( ]|$))"
#: a name starts where a word does: searching from inside a long word would rescan it
_WORD_START = r"(?<![^\W\d_])"
_NAME_FAMILY_FIRST = re.compile(
    rf"{_WORD_START}(?P<family>{_FAMILY}),?\s+(?!eds?\.)(?P<given>{_INITIALS_ENDING}){_SUFFIX}"
)
_NAME_GIVEN_FIRST = re.compile(
    rf"(?P<given>{_INITIALS_DOTTED})\s*(?P<family>{_FAMILY})(?=[\s,.;&]|$)"
)
_NAME_FULL_APA = re.compile(
    rf"{_WORD_START}(?P<family>{_FAMILY}),\s+(?P<given>(?:{_WORD})(?:\s+{_INITIALS_DOTTED})?)(?=\s*[,&(]|\s+and\s)"
)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:&|and)\s+|&\s*|\band\s+|,\s*|;\s*)")
_ET_AL = re.compile(r"\s*,?\s*(?:et\s*al\.?|and\s+others|et\s+coll\.?|и\s+др\.?)", re.IGNORECASE)
_GROUP_WORDS = re.compile(
    r"\b(group|team|consortium|committee|collaborat\w*|network|investigators|society|association|"
    r"organi[sz]ations?|councils?|panel|task\s+force|working|study|trialists|institutes?|"
    r"agency|agencies|cent(?:er|re)s?\s+for|departments?|ministry|administration|commissions?|"
    r"foundations?|associations?|societies)\b",
    re.IGNORECASE,
)

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_PAGES = rf"(?P<first>{PAGE})(?:\s*[-‐‑‒–—−]+\s*(?P<last>{PAGE}))?"
_MONTH = r"(?:[A-Z][a-z]{2,8}\.?(?:[-/][A-Z][a-z]{2,8}\.?)?(?:\s+\d{1,2})?)"
# Vancouver: "2015;373(16):1541-52", "2015 Feb 1; 378(5): 449–459", "1992; 64: 806"
_VANCOUVER_BLOCK = re.compile(
    rf"(?P<year>{_YEAR})[a-z]?(?:\s+{_MONTH})?\s*[;,]\s*"
    rf"(?P<volume>[A-Za-z]?\d+[A-Za-z]?(?:\s*(?:Suppl|Pt)\.?\s*\d*)?)?\s*"
    rf"(?:\((?P<issue>[^()]{{1,20}})\))?\s*(?::\s*{_PAGES})?"
)
# APA/Harvard tail: "Journal, 373(16), 1541–1552." or "Journal 373:1541-52"
_VOLUME_BLOCK = re.compile(
    rf"[,.]?\s+(?:vol\.?\s*)?(?P<volume>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^()]{{1,20}})\))?"
    rf"\s*[,:]\s*(?:pp?\.?\s*)?{_PAGES}(?=\s*[.,;]?\s*$|\s*[.,;]\s)"
)
_PAREN_YEAR = re.compile(
    rf"^\s*(?:\(\s*(?P<year>{_YEAR})[a-z]?(?:,[^)]*)?\)|(?P<bare>{_YEAR})[a-z]?(?=\.\s)"
    r"|\(\s*(?:n\.\s?d|no\s+date|s\.\s?f|o\.\s?J)\.?\s*\))\s*[.,:]?\s*"  # APA's "(n.d.)": no date
)
_ANY_YEAR = re.compile(rf"(?<![\d/.-])(?P<year>{_YEAR})[a-z]?(?![\d/])")
_PMID = re.compile(r"\bPMID\s*:?\s*(?P<pmid>\d{1,9})\b", re.IGNORECASE)
_PMCID = re.compile(r"\bPMCID\s*:?\s*PMC\d+\b|\bPMC\d{4,}\b", re.IGNORECASE)
_ACCESSED = re.compile(
    r"\[?\s*(?:cited|accessed|retrieved|last\s+accessed)[^\]]{0,40}\]?\.?|Available\s+(?:from|at)\s*:?",
    re.IGNORECASE,
)
#: a web page's dates as AMA and NLM print them, a sentence each: "Published 2021.",
#: "Updated March 3, 2021.", "Last reviewed 12 May 2020." ("Accessed ..." is _ACCESSED's)
_WEB_DATES = re.compile(
    r"(?:(?<=[.\]]\s)|^)(?:(?:(?P<published>Published)(?:\s+online)?|Updated|Last\s+(?:updated|"
    r"modified|reviewed)|Page\s+last\s+(?:updated|reviewed))\s*:?\s*(?:on\s+)?"
    rf"(?:(?:[A-Z][a-z]{{2,8}}\.?|\d{{1,2}})[\s,]+){{0,3}}(?P<year>{_YEAR})(?:\.(?=\s)|\.?$)"
    # a news release's date as a sentence of its own: "October 22, 2020."
    rf"|(?P<dated>{MONTH_NAME}\s+\d{{1,2}},\s+(?P<day_year>{_YEAR}))\.(?=\s|$))",
)
#: what a string holds when _WEB_DATES may find something in it (lower case)
_WEB_DATE_WORDS = ("published", "updated", "reviewed", "modified", ", 19", ", 20")
_EPUB = re.compile(r"\bEpub\s+(?:ahead\s+of\s+print\s*)?(?:\d{4}[^.]*)?\.?", re.IGNORECASE)
#: "[12] ", "12. ", "(12) " before a reference; Chinese and Japanese lists print no space
_LEADING_LABEL = re.compile(
    rf"^\s*(?:\[\s*(\d{{1,4}})\s*\]|(\d{{1,4}})\s*[.)]|\((\d{{1,4}})\))(?:\s+|(?={CASELESS_RE.pattern}))"
)
_SENTENCE_END = re.compile(r"(?<=[^\s.])([.?!])[\"”’]?\s+(?=\S)")
_IN_EDITORS = re.compile(r"\bIn\s*:\s+|\bIn\s+(?=[A-Z][^\s]*\s+[A-Z]{1,3}[,.]|[A-Z]\.)")
_EDITOR_MARK = re.compile(r",?\s*\(?\b(?:editors?|eds?\.?|Hrsg\.?)(?![a-z])\)?[.,]?", re.IGNORECASE)
#: "Place: Publisher" before the year
_PLACE_PUBLISHER = (
    r"(?<![^\s:;,.()])(?P<place>[A-Z][^\s:;,.()]+(?:[\s,]+[A-Z][^\s:;,.()]+){0,3}"
    r"(?:\s*\([A-Z][^()]{1,20}\))?)"
    r"\s*:\s*(?P<publisher>[^;:.]+?)\s*"
)
_PUBLISHER_BLOCK = re.compile(rf"{_PLACE_PUBLISHER}[;,]\s*(?P<year>{_YEAR})")
#: NLM's own "Place: Publisher; Year", not Chicago's or APA's "Place: Publisher, Year"
_NLM_PUBLISHER_BLOCK = re.compile(rf"{_PLACE_PUBLISHER};\s*(?P<year>{_YEAR})")
_THESIS = re.compile(r"\b(thesis|dissertation|PhD|Ph\.D\.|doctoral)\b", re.IGNORECASE)
_REPORT = re.compile(
    r"\b(report|technical\s+report|working\s+paper|white\s+paper)\b", re.IGNORECASE
)
_CONFERENCE = re.compile(
    r"\b(proceedings|proc\.|conference|congress|symposium|workshop|meeting)\b", re.IGNORECASE
)
#: a report's number as references print it: NLM's "Report No.: WHO/HTM/TB/2009.420", "Report
#: No.: AHRQ Publication No. 09-E015", "Working Paper No. 21234", "Technical Report Series, No.
#: 916", "HHS Publication No. (SMA) 13-4795", "Technical Report CA-7603-2911", "Tech. Rep.
#: MSR-TR-2010-82", "NICE guideline [NG28]". The number is a code with a digit, after at most
#: four capitalised words, and ends its sentence, clause or bracket: "Commentary on Report No. 5
#: of the Royal Commission" names no number of its own.
_REPORT_NUMBER = re.compile(
    r"\b(?:Report|Rep\.|Paper|Series|Memorandum|Memo|Bulletin|Publication|Pub\.)\s?,?\s?"
    r"(?:[Nn]o\.|Number|Nr\.|#)\s?:?\s?"
    r"(?P<number>(?:\(?[A-Z][\w/&.-]*\)?\s){0,4}\(?[\w/.-]*\d[\w/.-]*?)"
    r"|\b(?:Technical|Tech\.)\s(?:[Rr]eport|Rep\.)\s(?!(?:19|20)\d\d\b)"
    r"(?P<code>[A-Z0-9][\w/.-]*\d[\w/-]*?)"
    r"|\b(?:guideline|guidance|Guideline)\s?\[(?P<nice>[A-Z]{1,4}\d{1,4})\]"
)
#: what ends a report's number: the end of a sentence, a clause or a bracket
_AFTER_NUMBER = re.compile(r"\.?$|[.;,]\s|[;,)\]]")
#: what may also end a technical report's number: the institution's name, printed with no
#: punctuation between ("Technical Report 329 University of Rochester")
_INSTITUTION_AFTER = re.compile(
    r"\s+(?!(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b)[A-Z][a-z]"
)
#: the kinds of work whose "No." is a report's or a series' number, not a journal's issue
_NUMBERED_KINDS = frozenset({"report", "book", "webpage", "document"})
_WEB = re.compile(
    r"\[(?:Internet|online)\]|\bAvailable\s+(?:from|at)\b|\baccessed\b", re.IGNORECASE
)
_EDITION = re.compile(r"\b(\d+(?:st|nd|rd|th))\s+ed(?:ition|n)?\b\.?", re.IGNORECASE)
#: NLM's bracketed genre or medium after a title: "[dissertation]", "[master's thesis]",
#: "[Internet]", "[dissertation on the Internet]"
_MEDIUM_AFTER_TITLE = re.compile(
    r"\s*\[[^\]]*\b(?:dissertation|thesis|internet|monograph on the internet)\b[^\]]*\]\s*$",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset({"vs", "no", "vol", "eds", "ed"})
_FUNCTION_WORDS = frozenset(
    "of and the in for on de des der die und du la le el y et en & a an to at".split()
)


def parse_reference(
    text: str, *, label: str | None = None, origin: Origin | None = None, learned: bool = True
) -> Reference:
    """Parse one reference string into a :class:`Reference`. Never raises on bad text.

    Rules read Vancouver and APA; where they find no whole citation, the learned (CRF)
    parser reads the string instead (``learned=False``: rules only).

    The raw text is kept exactly; the DOI is repaired to its canonical form, with a finding
    for each repair; look-alike letters are folded to Latin, with a finding.
    """
    raw = text
    findings: list[Finding] = []
    if len(text) > MAX_REFERENCE_CHARS:
        findings.append(
            Finding(
                "too-long",
                f"reference is {len(text):,} characters long; only the first "
                f"{MAX_REFERENCE_CHARS:,} were parsed",
                Severity.WARNING,
            )
        )
        text = text[:MAX_REFERENCE_CHARS]
    if not text.replace("\n", "").replace("\t", "").isprintable():
        text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)

    # "［1］张三，李四．..." read as "[1]张三,李四....": one character for one, so the DOI is
    # found in the text as printed (with its full-width slash, and the finding that says so)
    body = fold_width(text)
    match = _LEADING_LABEL.match(body)
    if match:
        label = label or next(g for g in match.groups() if g)
        body, text = body[match.end() :], text[match.end() :]

    if (notice := find_notice(body)) is not None:
        # PubMed's "Erratum in: ..." is about another record, its DOI too
        start, end, finding = notice
        body, text = blank(body, start, end), blank(text, start, end)
        findings.extend([finding] if finding else [])

    doi = doi_printed = None
    doi_match = find_doi(text)
    if doi_match is not None:
        doi, doi_printed = doi_match.canonical, doi_match.printed
        findings.extend(doi_match.findings)
        body = body[: doi_match.start] + " " + body[doi_match.end :]

    body, cleaning = clean_reference_text(body)
    findings.extend(cleaning)
    body = strip_trailers(body)

    pmid = None
    if m := _PMID.search(body):
        pmid = m["pmid"]
        body = _cut(body, m)
    body = _PMCID.sub(" ", body)
    url = None
    if urls := find_urls(body):
        start, end = urls[0]
        url = body[start:end]
        body = body[:start] + " " + body[end:]
    body, arxiv = cut_arxiv(body)
    if arxiv is None and (eprint := find_arxiv(f"{url or ''} {doi_printed or ''}")):
        arxiv = eprint.arxiv  # "https://arxiv.org/abs/1504.01230", "10.48550/arXiv.1504.01230"
    # the three passes below cost 25 µs a string together; most strings need none of them
    low = body.lower()
    if "cited" in low or "accessed" in low or "retrieved" in low or "available" in low:
        body = _ACCESSED.sub(" ", body)
    published: list[int] = []  # the years of "Published 2021." and "October 22, 2020."
    body, online_year = cut_online_first(body)
    if online_year is not None:
        published.append(online_year)
    if "epub" in low:
        body = _EPUB.sub(" ", body)
    if any(word in low for word in _WEB_DATE_WORDS):
        body = _WEB_DATES.sub(lambda m: _cut_web_date(m, published), body)
    body = re.sub(r"\s+", " ", body).strip(" .,;")

    reference = Reference(
        raw=raw,
        label=label,
        origin=origin,
        doi=doi,
        doi_printed=doi_printed,
        pmid=pmid,
        url=url,
        arxiv=arxiv,
    )
    if not re.search(r"[^\W\d_]", body):
        if body or not (doi or pmid or url or arxiv):
            findings.append(
                Finding(
                    "unparsed",
                    "no words found in the reference; only identifiers were kept",
                    Severity.WARNING,
                )
            )
        return attrs.evolve(reference, findings=tuple(findings))

    # The learned parser reads every style better than these rules (bench/parse_eval.py)
    # but NLM/Vancouver, which the rules were written for: there they stand when they read a
    # whole citation. Elsewhere the model goes first and the rules only read what it cannot.
    vancouver = _is_vancouver(body)
    organisation = not vancouver and opening_organisation(body) is not None
    first = learned and not vancouver and not organisation
    if first and (by_model := _model_reading(raw, label, origin, findings)):
        return by_model
    reference = _parse_fields(body, reference)
    if reference.year is None and published:
        reference = attrs.evolve(reference, year=published[0])
    rules_fell_short = learned and (vancouver or organisation) and not _rules_read_it(reference)
    if organisation and reference.type == "article-journal":
        rules_fell_short = learned  # the model reads articles in every style better
    if rules_fell_short and (by_model := _model_reading(raw, label, origin, findings)):
        return by_model
    if not reference.title and not reference.container_title:
        findings.append(
            Finding("unparsed", "could not find a title in this reference", Severity.WARNING)
        )
    # a patent, a trial's registration, a web page's site (after the model too: crf._build)
    return read_printed_kind(tidy_reference(attrs.evolve(reference, findings=tuple(findings))))


_NLM_MARKS = re.compile(
    # "In: Pui CH, editor." (a German "In: Eyferth H (Hrsg.)" is no NLM chapter); AMA's "In:
    # Doe A, Roe B, eds." (Harvard's "In: Doe, A. (ed.)" is not AMA's)
    r"\bIn:\s[^.;]*\beditors?\b|\[Internet\]"
    r"|\bIn:\s+(?:[A-Z][\w'’-]+\s[A-Z]{1,3},\s+)*[A-Z][\w'’-]+\s[A-Z]{1,3},?\s+eds?\."
    r"(?=.*;\s*(?:19|20)\d\d)"  # with AMA's "Publisher; 2019" after it
    r"|\[(?:PhD|doctoral|master'?s)\s+(?:thesis|dissertation)\]",
    re.I,
)


def _is_vancouver(body: str) -> bool:
    """NLM/Vancouver marks: "2015;373(16):1541-52", "In: Pui CH, editor.", "[Internet]",
    "Place: Publisher; 2008"."""
    if CASELESS_RE.search(body):  # the rules were written for Latin-script lists
        return False
    return (
        _last(_VANCOUVER_BLOCK, body, lambda m: bool(m["volume"] and m["first"])) is not None
        or _NLM_MARKS.search(body) is not None
        or _NLM_PUBLISHER_BLOCK.search(body) is not None
    )


#: a title holding two names as Vancouver prints them: the rules' author list stopped short
#: ("Gospodarowicz M, O'Sullivan B. Prognostic factors in cancer", "Van Aelst L, D'Souza-Schorey
#: C: Rho GTPases and signaling networks": an apostrophe or a hyphen broken by the extraction)
_NAMES_IN_TITLE = re.compile(
    rf"(?:\b[A-Z][\w'’-]+ (?:[A-Z]{{1,3}}|{TRANSLITERATED_INITIALS_RE.pattern})(?:[,.:]\s+|$)){{2}}"
)
#: a title opening with a number and a period: a line number of the page between the authors
#: and the title ("Goldin E. 8. Relationships between ...", "5. Dinneen S, Rizza RA. ...")
_NUMBER_OPENING = re.compile(r"\d{1,3}\.\s")


def _authors_in_title(reference: Reference) -> bool:
    """The rules' title holds the tail of the author list. A number opening the title after a
    single organisation is a section's number, not a page's line number ("American Diabetes
    Association. 2. Classification and diagnosis of diabetes: Standards of Medical Care ...")."""
    title = reference.title or ""
    if _NAMES_IN_TITLE.search(title):
        return True
    if not _NUMBER_OPENING.match(title):
        return False
    authors = reference.authors
    return not (len(authors) == 1 and authors[0].literal)


def _rules_read_it(reference: Reference) -> bool:
    """Did the rules find a whole citation of a kind they know: a journal article with its
    journal and volume, page or DOI, a chapter with its book, a book, thesis or report with its
    publisher, a web page with its address? Not when their title holds the authors' tail."""
    kind = reference.type
    if not reference.title or _authors_in_title(reference):
        return False
    if not reference.authors and not reference.editors and "," in reference.title:
        return False  # nobody found, and a title with commas may be the names they missed
    if not reference.year and kind != "webpage":  # a page may print only when it was read
        return False
    if kind == "article-journal":
        return bool(
            reference.container_title
            and (reference.volume or reference.page_first or reference.doi)
        )
    if kind in ("chapter", "paper-conference"):
        return bool(reference.container_title)
    if kind in ("book", "thesis", "report"):
        return bool(reference.publisher)
    return kind == "webpage" and bool(reference.url or reference.publisher)


def _model_reading(
    raw: str, label: str | None, origin: Origin | None, findings: Sequence[Finding]
) -> Reference | None:
    """The CRF's reading, with a note saying so; None when it found nothing. Many citations
    print no title at all (physics: "Phys. Rev. D 54, 1234 (1996)"), so any of title,
    container, authors or volume counts ("THE REVIEW OF SCIENTIFIC INSTRUMENTS VOLUME 38,
    NUMBER 4 APRIL 1967" is a volume and issue, not a title as the rules would have it)."""
    by_model = _parse_with_model(raw, label=label, origin=origin)
    if not (by_model.title or by_model.container_title or by_model.authors or by_model.volume):
        return None
    # one finding of a kind: where the model says the same as the rules in other words (a
    # string too long to read whole), its words, which say what to do
    model_codes = {f.code for f in by_model.findings}
    own = [f for f in findings if f in by_model.findings or f.code not in model_codes]
    model_findings = [f for f in by_model.findings if f not in own]
    note = Finding("parsed-by-model", "read by the learned (CRF) parser", Severity.INFO)
    return attrs.evolve(by_model, findings=(*own, *model_findings, note))


def _parse_with_model(text: str, *, label: str | None, origin: Origin | None) -> Reference:
    from allrefs.crf import parse_with_model  # the model loads on first use, not on import

    return parse_with_model(text, label=label, origin=origin)


def _cut_web_date(m: re.Match[str], published: list[int]) -> str:
    """A web page's date cut from the string; a publication date's year kept in ``published``."""
    if m["published"] or m["dated"]:
        published.append(int(m["year"] or m["day_year"]))
    return " "


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


#: "Anonymous." opening a reference: it names no author ("Anonymous. Editorial: ...")
_ANONYMOUS = re.compile(r"\[?(?:anonymous\]?\s*[.,:]|anon\.\]?)\s+", re.IGNORECASE)


def _parse_fields(body: str, reference: Reference) -> Reference:
    if m := _ANONYMOUS.match(body):
        body = body[m.end() :]
    authors, et_al, rest = split_authors(body)
    if not authors:
        organisation, rest_after = _leading_organisation(body)
        if organisation:
            authors, rest = (Person(literal=organisation),), rest_after

    fields: dict[str, object] = {"authors": authors, "et_al": et_al}
    if (
        authors
        and (mark := _EDITOR_MARK.match(rest))
        and re.match(r"[.,)]|\s*$", mark.group(0)[-1:] + rest[mark.end() :])
    ):
        # an edited book, NLM's "Smith AB, Jones CD, editors. Title." and APA's "(Eds.)."
        fields.update(authors=(), editors=authors)
        rest = rest[mark.end() :]
    rest = rest.strip(" .,;:")

    if m := _PAREN_YEAR.match(rest):  # APA "(2015). Title. ..." or Harvard "2009a. Title. ..."
        if m["year"] or m["bare"]:
            fields["year"] = int(m["year"] or m["bare"])
        else:
            fields["year"] = None  # "(n.d.)": a year in the title is not the date
        rest = rest[m.end() :]

    edition = _EDITION.search(rest)
    if edition:
        fields["edition"] = edition.group(1)

    if _IN_EDITORS.search(rest):
        return attrs.evolve(reference, **_parse_chapter(rest, fields))  # type: ignore[arg-type]

    # the last match: numbers inside a title ("interleukins 2, 4, 7") come before the real one
    block = _last(_VANCOUVER_BLOCK, rest, lambda m: bool(m["volume"] or m["first"]))
    if block:
        head = rest[: block.start()]
        fields.update(_numbers(block))
        fields.setdefault("year", int(block["year"]))
        title, container = _split_title_container(head)
        fields.update(title=title, container_title=container, type="article-journal")
        return attrs.evolve(reference, **_clean_fields(fields))  # type: ignore[arg-type]

    block = _last(_VOLUME_BLOCK, rest)
    if block:
        head = rest[: block.start()]
        fields.update(_numbers(block))
        year_in_head = _ANY_YEAR.search(head)
        if "year" not in fields and year_in_head:
            fields["year"] = int(year_in_head["year"])
            head = _cut(head, year_in_head)
        if "year" not in fields and (tail_year := _ANY_YEAR.search(rest[block.end() :])):
            fields["year"] = int(tail_year["year"])
        title, container = _split_title_container(head)
        fields.update(title=title, container_title=container, type="article-journal")
        return attrs.evolve(reference, **_clean_fields(fields))  # type: ignore[arg-type]

    return attrs.evolve(
        reference,
        **_parse_other(rest, fields, web=reference.url is not None),  # type: ignore[arg-type]
    )


def _last(
    pattern: re.Pattern[str],
    text: str,
    accept: Callable[[re.Match[str]], bool] = lambda m: True,
) -> re.Match[str] | None:
    found = None
    for m in pattern.finditer(text):
        if accept(m):
            found = m
    return found


def _numbers(block: re.Match[str]) -> dict[str, object]:
    first, last = block["first"], block["last"]
    return {
        "volume": block["volume"],
        "issue": block["issue"],
        "page_first": first,
        "page_last": expand_last_page(first, last) if first and last else None,
    }


def _clean_fields(fields: dict[str, object], *, book: bool = False) -> dict[str, object]:
    """The fields that were found; an edition only for a book or a part of one."""
    if not book:
        fields.pop("edition", None)
    return {k: v for k, v in fields.items() if v is not None}


_AMA_BOOK_PAGES = re.compile(rf"(?<={_YEAR}):\s*{_PAGES}(?=\s*\.?\s*$)")


def _parse_chapter(rest: str, fields: dict[str, object]) -> dict[str, object]:
    """'Chapter title. In: Editor A, editor. Book title. Place: Publisher; 2001. p. 12-34.'"""
    m = _IN_EDITORS.search(rest)
    assert m is not None
    title = rest[: m.start()].strip(" .,")
    after = rest[m.end() :]
    editors, _, after_editors = split_authors(after)
    mark = _EDITOR_MARK.match(after_editors)
    if editors and mark:
        after = after_editors[mark.end() :]
    else:
        editors = ()
    # NLM's "p. 12-34", or AMA's pages after the year: "Elsevier; 2019:45-67."
    pages = re.search(rf"\b(?:pp?\.?|pages?)\s*{_PAGES}", after) or _AMA_BOOK_PAGES.search(after)
    if pages:
        fields["page_first"] = pages["first"]
        fields["page_last"] = (
            expand_last_page(pages["first"], pages["last"]) if pages["last"] else None
        )
        after = after[: pages.start()]
    container = _first_sentence(after)
    fields.update(_publisher_fields(after))
    fields.update(
        title=title or None,
        container_title=container,
        editors=editors,
        type="paper-conference" if container and _CONFERENCE.search(container) else "chapter",
    )
    if "year" not in fields and (y := _ANY_YEAR.search(after)):
        fields["year"] = int(y["year"])
    return _clean_fields(fields, book=True)


def _parse_other(rest: str, fields: dict[str, object], *, web: bool = False) -> dict[str, object]:
    """Books, reports, theses, web pages and whatever else: degrade gracefully. ``web``: the
    reference gave an address (already cut from ``rest``)."""
    fields.update(_publisher_fields(rest))
    if "year" not in fields and (y := _ANY_YEAR.search(rest)):
        fields["year"] = int(y["year"])
    sentences = _sentences(rest)
    title = sentences[0] if sentences else None
    if _THESIS.search(rest):
        kind = "thesis"
    elif _WEB.search(rest) or (web and not fields.get("publisher")):
        kind = "webpage"
    elif _REPORT.search(rest):
        kind = "report"
    elif _CONFERENCE.search(rest):
        kind = "paper-conference"
    elif "publisher" in fields or "edition" in fields:
        kind = "book"
    else:
        kind = "article-journal" if len(sentences) > 1 else "document"
    described = _description_after(title) if title and title.endswith("]") else None
    if described is not None:
        # APA 7: "Coronavirus disease (COVID-19) [Fact sheet]", "R: ... [Computer software]"
        title, description = described
        kind = described_type(description) or kind
    if kind in ("article-journal", "paper-conference") and len(sentences) > 1:
        candidate = re.sub(rf"[\s,;]*{_YEAR}.*$", "", sentences[1]).strip(" .,;")
        fields["container_title"] = candidate or None
    elif described is not None and kind != "webpage":
        where = sentences[1].strip(" .,;") or None if len(sentences) > 1 else None
        if kind == "thesis" and "," in description:
            # "[Doctoral dissertation, University of Texas]": the university is the publisher
            fields["publisher"] = description.partition(",")[2].strip()
        elif kind == "post-weblog":
            fields["container_title"] = where  # "[Blog post]. Parsing Blog."
        elif "publisher" not in fields:
            fields["publisher"] = where  # "[Data set]. Zenodo."
    if title and kind in ("thesis", "webpage", "report", "book"):
        title = _MEDIUM_AFTER_TITLE.sub("", title) or title
    fields.update(title=title, type=kind, number=report_number(rest, kind))
    return _clean_fields(fields, book=kind == "book")


#: APA 7's description of a work that is not a paper, in square brackets after the title
#: ("[Data set]", "[Computer software]", "[Blog post]", "[Doctoral dissertation, University of
#: Texas]"), lower-cased; a preprint's is read with its server (relabel)
DESCRIPTION_RE = re.compile(
    r"(?:(?:unpublished )?(?:doctoral|master'?s|bachelor'?s|ph\.? ?d\.?) (?:dissertation|thesis)"
    r"(?:, [^\[\]]{2,100})?"
    r"|data ?set|database|(?:computer |mobile )?(?:software|program|app)|source code"
    r"|(?:r|python) package|blog post|video|film|motion picture|dvd|(?:audio )?podcast(?: episode)?"
    r"|tweet|(?:facebook |instagram )?post|fact sheet|press release|infographic|brochure"
    r"|(?:conference |paper |poster )?presentation|poster(?: session)?|webinar"
    r"|(?:unpublished )?manuscript(?: submitted for publication| in preparation)?"
    r"|abstract|editorial|letter(?: to the editor)?|lecture notes|(?:powerpoint )?slides"
    r"|(?:tv |television )?series(?: episode)?|radio broadcast|image|photograph|map"
    r"|white paper|policy brief)"
)


#: CSL's types for the works APA 7 describes in brackets after the title
#: (:data:`DESCRIPTION_RE`): "[Data set]" is a dataset, "[Computer software]" software
_DESCRIBED_TYPES = (
    (re.compile(r".*(?:dissertation|thesis).*"), "thesis"),
    (re.compile(r"data ?set|database"), "dataset"),
    (re.compile(r".*(?:software|program|app|code|package)"), "software"),
    (re.compile(r"blog post"), "post-weblog"),
    (re.compile(r"(?:tweet|(?:facebook |instagram )?post)"), "post"),
    (re.compile(r"video|film|motion picture|dvd|(?:tv |television )?series.*"), "motion_picture"),
    (re.compile(r"(?:audio )?podcast.*|radio broadcast"), "broadcast"),
    (re.compile(r".*presentation|poster.*|webinar|lecture notes|.*slides"), "speech"),
    (re.compile(r".*manuscript.*"), "manuscript"),
    (re.compile(r"map"), "map"),
    (re.compile(r"image|photograph|infographic"), "graphic"),
)


def _description_after(title: str) -> tuple[str, str] | None:
    """The title without an APA 7 description that ends it, and the description: "Data about
    things [Data set]" gives ("Data about things", "Data set")."""
    opening = title.rfind("[")
    if opening < 0 or not 2 <= len(title) - opening - 2 <= 120:
        return None
    description = " ".join(title[opening + 1 : -1].split())
    if not DESCRIPTION_RE.fullmatch(description.lower()):
        return None
    return title[:opening].rstrip(), description


def described_type(genre: str) -> str | None:
    """The CSL type of a work its reference describes as APA 7 does ("Data set")."""
    words = " ".join(genre.lower().strip(" []().").split())
    if not words or not DESCRIPTION_RE.fullmatch(words):
        return None
    return next((kind for pattern, kind in _DESCRIBED_TYPES if pattern.fullmatch(words)), None)


def report_number(text: str, kind: str) -> str | None:
    """The number a report (or a numbered guideline or series book) prints: "Report No.:
    WHO/HTM/TB/2009.420" gives "WHO/HTM/TB/2009.420"; None for any other ``kind`` of work, where
    "No." is an issue."""
    if kind not in _NUMBERED_KINDS:
        return None
    for m in _REPORT_NUMBER.finditer(text):
        if (
            m["nice"]
            or _AFTER_NUMBER.match(text, m.end())
            or (m["code"] and _INSTITUTION_AFTER.match(text, m.end()))
        ):
            return m["number"] or m["code"] or m["nice"]
    return None


#: AMA 11 prints a book's publisher with no place, a sentence of its own: "2nd ed.
#: McGraw-Hill; 2019"
_AMA_PUBLISHER_BLOCK = re.compile(
    rf"(?:^|(?<=\.\s))(?P<publisher>[A-Z][^;:.]*);\s*(?P<year>{_YEAR})"
)


_EDITION_BEFORE = re.compile(rf"\b{EDITION_NUMBER}\s+ed\.\s*$")


def _is_publisher_name(name: str, before: str) -> bool:
    """AMA's "McGraw-Hill; 2019" names a publisher, not a journal ("Ann Intern Med; 2019"): a
    publisher's word or name, or an edition just before it ("2nd ed. McGraw-Hill; 2019")."""
    return (
        PUBLISHER_WORD_RE.search(name) is not None
        or any(word.lower() in PUBLISHER_NAMES for word in re.findall(r"[\w-]+", name))
        or _EDITION_BEFORE.search(before) is not None
    )


def _publisher_fields(text: str) -> dict[str, object]:
    m = _PUBLISHER_BLOCK.search(text)
    if not m:
        ama = _AMA_PUBLISHER_BLOCK.search(text)
        if ama is None or not _is_publisher_name(ama["publisher"], text[: ama.start()]):
            return {}
        return {"publisher": ama["publisher"].strip(), "year": int(ama["year"])}
    return {
        "publisher_place": m["place"].strip(),
        "publisher": m["publisher"].strip(),
        "year": int(m["year"]),
    }


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _is_abbreviation_end(text, m.start()):
            continue
        parts.append(text[start : m.start()].strip())
        start = m.end()
    parts.append(text[start:].strip(" ."))
    return [p for p in parts if p]


def _first_sentence(text: str) -> str | None:
    sentences = _sentences(text)
    return sentences[0] if sentences else None


def _is_abbreviation_end(text: str, index: int) -> bool:
    """Is the period at text[index] the end of an initial or abbreviation, not a sentence?"""
    if text[index] != ".":
        return False
    word = re.search(r"(\S+)$", text[:index])
    if not word:
        return False
    token = word.group(1)
    return (len(token) == 1 and token.isupper()) or token.lower() in _ABBREVIATIONS


def _split_title_container(head: str) -> tuple[str | None, str | None]:
    """Split 'Title. Journal Abbrev.' at the first sentence break whose remainder reads as a
    journal name (capitalised words, abbreviations and short function words only)."""
    head = head.strip(" ,;")
    breaks = [m for m in _SENTENCE_END.finditer(head)]
    for m in breaks:
        remainder = head[m.end() :].strip(" .,;")
        if remainder and _looks_like_journal(remainder):
            return head[: m.start()].strip() or None, remainder
    if breaks:  # no remainder reads as a journal: take the last sentence
        last = breaks[-1]
        return head[: last.start()].strip() or None, head[last.end() :].strip(" .,;") or None
    # "Title, Journal" (comma-separated, APA-like without a period)
    if "," in head:
        title, _, container = head.rpartition(",")
        if _looks_like_journal(container.strip()):
            return title.strip() or None, container.strip() or None
    return head or None, None


def _looks_like_journal(text: str) -> bool:
    words = re.findall(r"[^\s.,:;()]+", text)
    if not words or len(words) > 16:
        return False
    for word in words:
        if word.lower() in _FUNCTION_WORDS or word[0].isupper() or word[0].isdigit():
            continue
        return False
    return True


def split_authors(text: str) -> tuple[tuple[Person, ...], bool, str]:
    """Read the author list at the start of ``text``.

    Returns the persons, whether the list ended with "et al.", and the rest of the text.
    Handles Vancouver ("Hunger SP", "Hunger S.P."), APA ("Hunger, S. P.", "& Mullighan"),
    given-name-first ("S. P. Hunger") and "et al.".
    """
    persons: list[Person] = []
    position = 0
    et_al = False
    while True:
        name = _match_name(text, position)
        if name is None:
            break
        person, end = name
        if suffix := _SUFFIX_AFTER.match(text, end):  # "Merrill AH Jr", "Smith JA, Jr,"
            given = f"{person.given or ''} {next(g for g in suffix.groups() if g)}".strip()
            person, end = Person(family=person.family, given=given), suffix.end()
        persons.append(person)
        position = end
        if m := _ET_AL.match(text, position):
            et_al = True
            position = m.end()
            break
        sep = _SEPARATOR.match(text, position)
        if not sep or _match_name(text, sep.end()) is None:
            if sep and (m := _ET_AL.match(text, position)):
                et_al, position = True, m.end()
            break
        position = sep.end()
    if not persons:
        return (), False, text
    rest = text[position:]
    # A name list must end at a sentence break; otherwise it was not a name list.
    if not re.match(r"\s*(?:[.:,;]|\(|$)", rest) and text[position - 1] != ".":
        return (), False, text
    # "..., et al; Ponte di Legno toxicity working group. Title"
    group = re.match(r"\s*[;,]\s*([^.;]{3,120}?)\.\s+", rest)
    if group and _is_group_name(group.group(1)):
        persons.append(Person(literal=group.group(1).strip()))
        rest = rest[group.end() :]
    return tuple(persons), et_al, rest


#: a name's suffix after the initials: "Merrill AH Jr", "Smith JA, Jr,", "Livingston DP III"
#: (an ordinal after a comma only before the next name: "Cheatham, T. E., 3rd, & Kollman",
#: where "Smith JA, 2nd ed." is an edition)
_ORDINALS = "|".join(ORDINAL_NAME_SUFFIXES)
_SUFFIX_AFTER = re.compile(
    rf"(?:,?\s+({'|'.join(WORD_NAME_SUFFIXES)})\.?|\s+({_ORDINALS})|,\s+({_ORDINALS})(?=\s*[,;&]))"
    r"(?=[\s,;:]|\.|$)"
)


def _match_name(text: str, position: int) -> tuple[Person, int] | None:
    for pattern, order in (
        (_NAME_FAMILY_FIRST, "family"),
        (_NAME_GIVEN_FIRST, "given"),
        (_NAME_FULL_APA, "family"),
    ):
        m = pattern.match(text, position)
        if not m:
            continue
        family = m["family"].strip()
        given = m["given"].strip()
        if order == "given" and given.lower() in ("ed.", "eds."):
            continue  # AMA's editor mark, not initials: "In: Doe A, ed. Widget Medicine."
        if order == "family" and given.rstrip(".") in PRINTED_NAME_SUFFIXES:
            # "Merrill AH Jr.": the suffix follows the initials; read the name before it (with
            # no initials before it, "Gottesman II" is initials: Irving I. Gottesman)
            before = pattern.match(text[: m.start("given")].rstrip(), position)
            if before is not None:
                m = before
                family, given = m["family"].strip(), m["given"].strip()
        # a family name in capitals is a name before spaced initials ("LIANG Z T", GB/T 7714)
        spaced = order == "family" and re.fullmatch(r"[^\W\d_a-z](?:\s[^\W\d_a-z-]+)+", given)
        if not _is_name_word(family) and not spaced:
            continue
        if order == "family" and not _plausible_initials(given, pattern is _NAME_FULL_APA):
            continue
        end = m.end()
        # bare initials must stand alone: "Hunger SP," not "Acute Leukemia"
        bare = pattern is _NAME_FAMILY_FIRST and not given.endswith(".")
        if bare and end < len(text) and text[end] not in ",.;:& (":
            continue
        given = format_initials(given)
        if "suffix" in m.re.groupindex and m["suffix"]:
            given = f"{given} {m['suffix'].rstrip('.')}"  # "Smith JA Jr" keeps its "Jr"
        return Person(family=family, given=given), end
    return None


def format_initials(given: str) -> str:
    """'SP', 'S.P.', 'S. P' → 'S. P.'; 'Yu.V.' and 'YuV' → 'Yu. V.'; 'J.-P.' → 'J.-P.'; full names
    kept."""
    compact = given.replace(" ", "")
    if re.fullmatch(r"[^\W\d_a-z]{1,3}", compact):
        return " ".join(f"{ch}." for ch in compact)
    if TRANSLITERATED_INITIALS_RE.fullmatch(compact):  # "AYu" -> "A. Yu."
        return " ".join(transliterated_initials(compact))
    if re.fullmatch(r"(?:-?[^\W\d_][a-z]?\.)+(?:[^\W\d_][a-z]?)?", compact):
        parts = re.findall(r"-?[^\W\d_][a-z]?\.?", compact)
        out = ""
        for part in parts:
            part = part if part.endswith(".") else part + "."
            out += part if part.startswith("-") or not out else " " + part
        return out
    return given


def _is_name_word(family: str) -> bool:
    last_word = re.split(r"\s+", family)[-1]
    return (last_word[:1].isupper() and not last_word.isupper()) or len(last_word) <= 3


def _plausible_initials(given: str, full_given: bool) -> bool:
    if full_given:
        return given[:1].isupper()
    letters = given.replace(".", "").replace("-", "").replace(" ", "")
    return bool(letters) and letters[0].isupper() and len(letters) <= 4


def looks_like_organisation(name: str) -> bool:
    """'World Health Organization', 'Ponte di Legno toxicity working group': a body, not a
    person, by the words such names carry."""
    return bool(_GROUP_WORDS.search(name)) or bool(
        re.search(r"\b(organization|organisation|ministry|department|agency|foundation|"
                  r"university|centre|center|office|board|service|federation)\b", name, re.I)
    )  # fmt: skip


#: "Place: Publisher" opening what follows a sentence: capitalised words ("New York", "St.
#: Louis (MO)", "Washington, DC"), not a title's sentence ("Widget management. Rockville (MD):")
_PUBLISHER_AHEAD = re.compile(
    r"(?=[A-Z][\w .,()]{1,40}?\s*:)"  # within 40 characters
    r"(?:[A-Z][\w.'-]*|\([A-Z.]+\))(?:[ ,]+(?:[A-Z][\w.'-]*|\([A-Z.]+\))){0,5}\s*:\s*[A-Z]"
)
#: the first sentence, initialisms included ("U.S. Food and Drug Administration. ...")
_FIRST_SENTENCE = re.compile(r"((?:[A-Z]\.)*[^.]{3,120}?)\.\s+")


#: an organisation's initialism as the first sentence: "WHO. Global tuberculosis report",
#: "UNICEF. The state of ...", "CDC. Widgets and health. MMWR ..."
_INITIALISM_SENTENCE = re.compile(r"([A-Z][A-Z0-9&-]{1,9})\.\s+(?=[A-Z0-9\"“‘'])")


def _leading_organisation(text: str) -> tuple[str | None, str]:
    m = organisation_sentence(text) or _INITIALISM_SENTENCE.match(text)
    if m is not None:
        return m.group(1).strip(), text[m.end() :]
    return None, text


#: words that name a body only in a name printed in title case: "Office for National
#: Statistics", "Bureau of Labor Statistics", a company ("Pfizer Inc", "Acme Therapeutics");
#: not "Authority and legitimacy in the office"
_TITLE_CASE_BODY_WORDS = re.compile(
    r"\b(?:Office|Bureau|Inc|Ltd|LLC|Corp|Corporation|GmbH|Pharma|Pharmaceuticals|Therapeutics)\b"
)
#: what a name in title case may hold in lower case
_NAME_FUNCTION_WORDS = frozenset("and for of the on in to de la des du et für und y".split())


def title_cased(sentence: str) -> bool:
    """Every word capitalised, a number, an initialism in brackets or a function word ("and",
    "for", "of"): "National Institute for Health and Care Excellence (NICE)", not "Agency
    nurses and patient safety"."""
    return all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in _NAME_FUNCTION_WORDS
        for word in re.findall(r"[^\W_][\w'’.&-]*", sentence)
    )


#: group words common in a title's running text too: a body's name with only these is in
#: title case or ends with the word
_COMMON_GROUP_WORDS = frozenset({"team", "network"})


def _is_group_name(name: str) -> bool:
    """A group's or a body's name by its words; one that opens with such a word is printed in
    title case ("Associations between sleep and health" is a title, "Society for Widgets" a
    body)."""
    words = [m.group(0).lower() for m in _GROUP_WORDS.finditer(name)]
    if not words:
        return False
    if all(w in _COMMON_GROUP_WORDS for w in words):
        # "Multidisciplinary team meetings in cancer care" is a title, "COVID-19 Response Team"
        # and "Mobile stroke team" are bodies
        return title_cased(name) or name.strip().rstrip(".").lower().endswith(tuple(words))
    return not _GROUP_WORDS.match(name.strip()) or title_cased(name)


def organisation_sentence(text: str) -> re.Match[str] | None:
    """The first sentence when it names an organisation: a group word ("Organization",
    "Centers for", "Collaborators", ...; "Office" and "Bureau" in a name in title case), no
    year but inside the name; not a book's title followed by its "Place: Publisher"
    ("Handbook of Working Memory. Oxford: Oxford University Press, 2007")."""
    m = _FIRST_SENTENCE.match(text)
    if m is None or not _no_year_but_in_name(m.group(1)):
        return None
    name = m.group(1)
    if not _is_group_name(name) and not (_TITLE_CASE_BODY_WORDS.search(name) and title_cased(name)):
        return None
    if _PUBLISHER_AHEAD.match(text, m.end()):
        return None
    return m


#: a group's name ending in what it is: "GBD 2019 Diseases and Injuries Collaborators"
_GROUP_ENDING = re.compile(r"\b(?:collaborators|investigators|group|consortium|committee)$", re.I)


def _no_year_but_in_name(sentence: str) -> bool:
    """No year in ``sentence``, or one inside a group's name that ends in what the group is
    ("GBD 2019 Diseases and Injuries Collaborators"), not a date after a name."""
    return not _ANY_YEAR.search(sentence) or bool(_GROUP_ENDING.search(sentence.strip()))


def opening_organisation(text: str) -> re.Match[str] | None:
    """The reference's first sentence when it names an organisation and no person (no comma,
    no "et al"): "World Health Organization. Guidelines for ...", "Centers for Disease Control
    and Prevention. COVID Data Tracker. https://...". The rules read such a web page, book or
    report as NLM and AMA print them (the organisation as author, the page's dates); the model
    knows few of them (:func:`organisation_sentence`)."""
    m = organisation_sentence(text)
    return m if m is not None and "," not in m.group(1) and " al" not in m.group(1) else None


_PAGE_RANGE = re.compile(r"\s*(?:[-‐‑‒–—−]+|\s+to\s+)\s*")


def split_pages(value: str | None) -> tuple[str | None, str | None]:
    """'1541-52' → ('1541', '1552'); 'e231–e239' → ('e231', 'e239'); '806' → ('806', None)."""
    if not value or not value.strip():
        return None, None
    parts = _PAGE_RANGE.split(value.strip(), maxsplit=1)
    first = parts[0].strip() or None
    last = parts[1].strip() if len(parts) > 1 and parts[1].strip() else None
    if first and last:
        last = expand_last_page(first, last)
    return first, last


def expand_last_page(first: str, last: str) -> str:
    """'1541', '52' → '1552'; 'e231', 'e239' → 'e239'; leaves anything unusual alone."""
    if last.isdigit() and first.isdigit() and len(last) < len(first):
        full = first[: len(first) - len(last)] + last
        return full if int(full) >= int(first) else last
    m_first = re.match(r"([A-Za-z]*)(\d+)$", first)
    m_last = re.match(r"(\d+)$", last)
    if m_first and m_first.group(1) and m_last and len(last) < len(m_first.group(2)):
        digits = m_first.group(2)
        return m_first.group(1) + digits[: len(digits) - len(last)] + last
    return last
