"""Repair what copy-and-paste breaks in reference text: look-alike letters, invisible
characters, publisher trailers, stray punctuation in fields. Pure functions."""

from __future__ import annotations

import re

import attrs

from allrefs.model import Finding, Reference, Severity
from allrefs.text import (
    fold_homoglyphs,
    normalize_whitespace,
    rejoin_broken_words,
    strip_invisible,
)
from allrefs.tokens import GBT_DOCUMENT_TYPES, MONTH_NAME, REPOSITORY_TYPES

# Links and badges that journal pages print after each reference.
_TRAILER = re.compile(
    r"""(?:\s*(?:
        \[(?:PubMed|CrossRef|Crossref|Google\s+Scholar|PMC\s+free\s+article|Free\s+Full\s+Text
           |Ref\s+list|Abstract|Full\s+Text|Medline|Web\s+of\s+Science|Scopus|CAS|ISI
           |Article|DOI|Link|PMC|Free\s+article)\]
      | (?:PubMed|CrossRef|Crossref|Google\s+Scholar|Web\s+of\s+Science|Scopus|Medline
           |PMC\s+free\s+article|Find\s+this\s+article\s+online|View\s+Article|Article\s+Google\s+Scholar)
    )[\s.,;|]*)+$""",
    re.VERBOSE | re.IGNORECASE,
)


#: what may follow a trailer: ``[\s.,;|]`` (no whitespace character lies above U+3000)
_MARKS_AFTER_TRAILER = ".,;|" + "".join(c for c in map(chr, range(0x3001)) if c.isspace())
#: the last word of every trailer above, once the marks after it are stripped
_TRAILER_LAST_WORD = re.compile(
    r"(?:pubmed|crossref|scholar|pmc|text|list|abstract|medline|science|scopus|cas|isi"
    r"|article|doi|link|online)\]?$",
    re.IGNORECASE,
)


def strip_trailers(text: str) -> str:
    """Drop publisher trailers such as ``[PubMed]``, ``[CrossRef]``, ``Google Scholar``."""
    core = text.rstrip(_MARKS_AFTER_TRAILER)
    if not _TRAILER_LAST_WORD.search(core[-16:]):
        return text.rstrip()  # no trailer ends the text: the full pattern need not scan it
    return _TRAILER.sub("", text).rstrip()


#: what PubMed prints after a citation about other records ("Erratum in: J Widgets.
#: 2015;12(5):99.", "Comment in: ...", "Retraction in: ..."), and the "Review." before
_NOTICE_KIND = (
    r"(?P<kind>Erratum|Comment|Retraction|Retracted|Update|Republished"
    r"|Corrected and republished|Expression of concern)\s+(?:in|on|of|for|from)\s*:"
)
_NOTICE_RE = re.compile(rf"(?:\bReview\.\s+)?\b{_NOTICE_KIND}", re.IGNORECASE)
#: a further notice in brackets after one: "[Comment in: ...] [Erratum in: ...]"
_BRACKETED_NOTICE_RE = re.compile(rf"\.?\s*\[\s*{_NOTICE_KIND}", re.IGNORECASE)
#: how every notice of _NOTICE_RE ends, "... in:", "... of:": a scan a fifth as costly as
#: _NOTICE_RE's, which few strings pass
_NOTICE_COLON_RE = re.compile(r"\s(?:in|on|of|for|from)\s*:", re.IGNORECASE)
#: what a notice follows: the citation's pages ("2015;12(3):45-52.", "42(6), 525-529."), its
#: DOI or PubMed's "Epub 2015 Jan 3."; not a title's opening after a year ("(2015). Comment on:")
_CITATION_END_RE = re.compile(
    r"(?:[:,]\s*[A-Za-z]{0,2}\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?|\b10\.\d{4,9}/\S+|\bEpub\b[^.]*)"
    r"(?:\.\s*|\.?\s*\[)$"  # "... 45-52. Erratum in:", or in brackets: "... 1234-45 [Erratum in:"
)
#: a notice runs to the reference's own PMID, or to its end
_NOTICE_END_RE = re.compile(r"\s(?=PMID\s*:|PMCID\s*:)|$")
_NOTICE_FINDINGS = {
    "retraction": ("printed-retraction-notice", Severity.WARNING),
    "retracted": ("printed-retraction-notice", Severity.WARNING),
    "expression of concern": ("printed-retraction-notice", Severity.WARNING),
    "erratum": ("printed-erratum-notice", Severity.INFO),
    "corrected and republished": ("printed-erratum-notice", Severity.INFO),
}


_NOTICE_RANK = {
    "retraction": 0,
    "retracted": 0,
    "expression of concern": 1,
    "erratum": 2,
    "corrected and republished": 2,
}


def _kind_of(notice: re.Match[str]) -> str:
    """The notice's kind as the tables above name it: "Corrected  and republished" -> "corrected
    and republished"."""
    return " ".join(notice["kind"].lower().split())


def find_notice(text: str) -> tuple[int, int, Finding | None] | None:
    """Where PubMed's notices after a citation sit ("Erratum in: J Widgets. 2015;12(5):99."),
    and a finding for an erratum or a retraction; None when there is none. The rules would read
    the erratum's journal, volume and page as the work's, and its DOI. A notice must follow the
    citation's pages, DOI or "Epub" date: "Comment on: Widgets in adults" opening a title, in
    any style, is the title."""
    if ":" not in text or not _NOTICE_COLON_RE.search(text):
        return None
    m = _NOTICE_RE.search(text)
    if m is None:
        return None
    if not _CITATION_END_RE.search(text, max(0, m.start() - 80), m.start()):
        return None
    start = m.start()
    kinds = [m]
    bracket = text.rfind("[", max(0, start - 2), start + 1)
    if bracket >= 0 and (close := text.find("]", m.end())) >= 0:
        start, end = bracket, close + 1  # "[Erratum in: N Engl J Med 2019;381:100]"
        # and the notices in brackets after it: "[Comment in: ...] [Erratum in: ...]"
        while (more := _BRACKETED_NOTICE_RE.match(text, end)) and (
            close := text.find("]", more.end())
        ) >= 0:
            kinds.append(more)
            end = close + 1
    else:
        end_match = _NOTICE_END_RE.search(text, m.end())
        end = end_match.start() if end_match else len(text)
    # the gravest notice speaks: a retraction before an erratum before a comment
    m = min(kinds, key=lambda k: _NOTICE_RANK.get(_kind_of(k), 9))
    found = _NOTICE_FINDINGS.get(_kind_of(m))
    if found is None:
        return start, end, None
    code, severity = found
    notice = " ".join(text[m.start("kind") : end].split()).rstrip(" .;]")
    what = (
        "check whether the cited work was retracted"
        if code == "printed-retraction-notice"
        else "the correction is not the cited work"
    )
    message = f'the reference as printed carries the notice "{notice[:200]}"; {what}'
    return start, end, Finding(code=code, message=message, severity=severity)


def cut_notices(text: str) -> tuple[str, tuple[Finding, ...]]:
    """:func:`find_notice`'s notice blanked out (spaces, so offsets into the text hold), and its
    finding."""
    found = find_notice(text)
    if found is None:
        return text, ()
    start, end, finding = found
    return blank(text, start, end), (finding,) if finding else ()


def blank(text: str, start: int, end: int) -> str:
    """``text`` with its characters from ``start`` to ``end`` as spaces: the same length."""
    return text[:start] + " " * (end - start) + text[end:]


#: an article cited before its issue, as APA, AMA and NLM mark it: "Advance online
#: publication.", "Published online March 3, 2021.", "First published online: 3 March 2021",
#: "[published online ahead of print March 3, 2021]", "Online ahead of print.", "[Epub ahead
#: of print]"; the date's year is kept. A note of its own, a sentence opening after the
#: journal's (". ") or in brackets: not words of a title ("The rise of advance online
#: publication. Learn Publ", "Citing articles published online 2010. ...")
_DAY_MONTH = rf"(?:\s+(?:on\s+)?(?:{MONTH_NAME}|\d{{1,2}})[\s,]*){{0,3}}"
_ONLINE_FIRST_RE = re.compile(
    r" ?\[\s*(?:[Pp]ublished\s+online\s+(?:ahead\s+of\s+print|first)"
    r"|[Ee]-?[Pp]ub\s+ahead\s+of\s+print|[Oo]nline\s+ahead\s+of\s+print)"
    rf"\s*:?{_DAY_MONTH}\s*(?P<year>(?:19|20)\d\d)?\s*\]"
    r"|(?:(?<=[.;]\s)|(?<=\]\s))(?:Advance\s+online\s+publication|Online\s+ahead\s+of\s+print"
    r"|Epub\s+ahead\s+of\s+print"
    rf"|(?:First\s+published|Published)\s+online(?:\s+ahead\s+of\s+print|\s+first)?\s*:?{_DAY_MONTH}"
    r"\s*(?P<online>(?:19|20)\d\d))(?:\s*\.|(?=\s*(?:$|doi|DOI|https?:)))"
)
#: a Lancet or Cell article's PII printed where its pages will go: "2021 Mar 3:S0140-6736(21)
#: 00123-4" (not inside its DOI, "10.1016/S0140-6736(21)00123-4")
_PII_RE = re.compile(r"(?<![/\w])S[0-2]\d{3}-\d{3}[\dX]\(\d{2}\)\s?\d{5}-[\dX]")


def cut_online_first(text: str) -> tuple[str, int | None]:
    """``text`` without the notes that an article was cited online before its issue, and
    without a PII printed in place of its pages; and the year such a note gave. The parsers
    read "Journal of Aging Studies. Advance online publication" as the journal, "JAMA Intern Med.
    Published online March" too, the note in brackets as the title's, and the PII's digits as
    the volume and pages."""
    year = None
    if "nline" in text or "of print" in text:

        def cut(match: re.Match[str]) -> str:
            nonlocal year
            if not match[0].endswith("]") and text.count(". ", 0, match.start()) < 2:
                return match[0]  # the first sentence after the authors: a title
            printed = match["year"] or match["online"]
            if year is None and printed:
                year = int(printed)
            return "" if match[0].endswith("]") else " "  # "adults [...]. J" is "adults. J"

        text = _ONLINE_FIRST_RE.sub(cut, text)
    if ("S0" in text or "S1" in text or "S2" in text) and _PII_RE.search(text):
        # not a DOI's suffix that a line break parted from its prefix: "10.1016/ S0010-..."
        text = _PII_RE.sub(
            lambda m: m[0] if text[: m.start()].rstrip().endswith("/") else " ", text
        )
    return text, year


def clean_reference_text(text: str, *, rejoin: bool = True) -> tuple[str, tuple[Finding, ...]]:
    """Invisible characters out, whitespace collapsed, words a line break parted after a
    hyphen joined (:func:`allrefs.text.rejoin_broken_words`; not with ``rejoin`` false, for a
    field someone typed, such as a BibTeX title), look-alike letters folded to Latin."""
    cleaned = normalize_whitespace(strip_invisible(text))
    if rejoin:
        cleaned = rejoin_broken_words(cleaned)
    folded, swaps = fold_homoglyphs(cleaned)
    findings: tuple[Finding, ...] = ()
    if swaps:
        pairs = ", ".join(f"{a} (U+{ord(a):04X}) → {b}" for a, b in dict.fromkeys(swaps))
        findings = (
            Finding(
                code="homoglyph",
                message=f"{len(swaps)} look-alike non-Latin letter(s) folded to Latin: {pairs}",
                severity=Severity.WARNING,
            ),
        )
    return folded, findings


_FIELD_EDGE = re.compile(r"^[\s,.;:]+|[\s,;:]+$")


def tidy_field(value: str | None, *, abbreviated: bool = False) -> str | None:
    """Strip separators left at a field's edges.

    A title's closing period is punctuation and goes; in an ``abbreviated`` field (a journal
    such as "N Engl J Med.") a final period after a short word is part of the abbreviation.
    """
    if value is None:
        return None
    value = _FIELD_EDGE.sub("", normalize_whitespace(value))
    keeps_period = abbreviated and re.search(r"(?:^|[\s.])\w{1,6}\.$", value)
    if value.endswith(".") and not value.endswith("...") and not keeps_period:
        value = value[:-1].rstrip()
    return value or None


#: a journal abbreviated with periods ("Phys. Rev. Lett", "Proc. Natl. Acad. Sci. U.S.A"): an
#: abbreviated word with its period before the last word, and a short last word
_DOTTED_WORD = re.compile(r"\b[^\W\d_]{1,6}\.\s?\S")
_SHORT_LAST_WORD = re.compile(r"(?:^|[\s.])([^\W\d_]{1,5})$")
#: short words ISO 4 leaves whole at the end of a journal's name ("Eur. J. Pain", "Mol. Cell",
#: "Phys. Today"): a period after one is the reference's, not the name's
_WHOLE_LAST_WORDS = frozenset(
    """cell cells pain data today brain blood heart gut life law laws art arts water earth
    space light sleep chest spine bone bones joint skin eye eyes ear lung liver nerve mind
    mood child youth aging virus gene genes food foods soil plant oil gas air work world music
    film drug drugs diet sport war peace urban rural trade money bank body
    stem rna dna nano news notes forum focus""".split()
)


def abbreviation_period(value: str | None, printed: str) -> str | None:
    """A journal abbreviated with periods gets back the last one, which the parser took for
    the field's end: "Phys. Rev. Lett" printed "Phys. Rev. Lett. 19" is "Phys. Rev. Lett.".
    Abbreviations without periods ("N Engl J Med. 2001") and names ending in a whole word
    ("Eur. J. Pain. 2010") are left as they are: there the period is the separator."""
    if not value:
        return value
    last = _SHORT_LAST_WORD.search(value, max(0, len(value) - 6))
    if (
        last
        and last.group(1).lower() not in _WHOLE_LAST_WORDS
        and _DOTTED_WORD.search(value)
        and f"{value}." in " ".join(printed.split())  # a name wrapped over two lines
    ):
        return f"{value}."
    return value


#: a physics journal's series letter printed against its volume at the end of the journal's
#: name: "Phys. Rev. D87", "Nucl .Phys .A946", "J. R. Stat. Soc. B39"
_SERIES_VOLUME_END_RE = re.compile(r"([.\s])\s?([A-Z])\s?(\d{1,4})$")
#: the same letter printed at the start of the volume: "Phys. Rev., D53", "B200" (not "S2", a
#: supplement, "V69", volume 69, nor "S2405", a publisher's item number)
_SERIES_VOLUME_START_RE = re.compile(r"([A-RTUW-Z])\s?(\d{1,3})\b")


def series_volume(
    journal: str | None, volume: str | None, printed_volume: str | None
) -> tuple[str | None, str | None]:
    """The journal's name with its series letter, and the volume as a number: "Phys. Rev. D87"
    gives ("Phys. Rev. D", "87") whether the letter and number were read as the journal's
    ("Phys. Rev. D87") or as the volume ("Phys. Rev.", "D87"). Crossref records the series in
    the journal's name ("Physical Review D") and the volume as a number, and so do users.

    ``printed_volume`` is the volume as printed, ``volume`` the number read from it."""
    if not journal:
        return journal, volume
    if volume is None:
        m = _SERIES_VOLUME_END_RE.search(journal)
        if m and sum(c.isalpha() for c in journal[: m.start()]) >= 2:
            name = (journal[: m.start()] + m.group(1)).rstrip(" ,;:")
            return f"{name} {m.group(2)}", m.group(3)
        return journal, volume
    if printed_volume is not None:
        m = _SERIES_VOLUME_START_RE.match(printed_volume.strip())
        if m and m.group(1) != journal[-1:] and not journal.endswith(f" {m.group(1)}."):
            return f"{journal.rstrip(' ,;:')} {m.group(1)}", m.group(2)
    return journal, volume


#: NLM's designators after a title or a journal's name: what kind of item it is, or that it
#: is online ("Am J Widgets [Internet]", "Widgets in adults [abstract]"); not a translated
#: title ("[Widgets in Germany]")
_NLM_DESIGNATOR = re.compile(
    r"\s*\[(?:abstract|letter|editorial|comment|erratum|Internet|(?:database|homepage|monograph)"
    r" on the Internet)\]$",
    re.IGNORECASE,
)


#: the language a work is written in, in brackets at its title's end: "[in Chinese]", "(in
#: Italian)", "(In Korean with English abstract)"
_LANGUAGE_NOTE = re.compile(
    r"\s*[\[(]in (?:Arabic|Bulgarian|Catalan|Chinese|Croatian|Czech|Danish|Dutch|English|"
    r"Estonian|Finnish|French|German|Greek|Hebrew|Hindi|Hungarian|Icelandic|Indonesian|Italian|"
    r"Japanese|Korean|Latin|Latvian|Lithuanian|Malay|Norwegian|Persian|Polish|Portuguese|"
    r"Romanian|Rumanian|Russian|Serbian|Slovak|Slovenian|Spanish|Swedish|Thai|Turkish|Ukrainian|"
    r"Vietnamese)(?: with [A-Za-z ]{1,40})?[\])]$",
    re.IGNORECASE,
)


#: GB/T 7714's document type at a title's or a journal's end (`tokens.GBT_DOCUMENT_TYPES`):
#: "Widgets in China[J]", "[M]", "[D]", "[EB/OL]" (online). Printed against the title; a space
#: before it only for those no title ends in ("Widgets and vitamin [C]" keeps its "[C]")
_GBT_TYPE_MARKER = re.compile(
    rf"(?:(?<=\S)\[[{''.join(sorted(GBT_DOCUMENT_TYPES))}]\]|\s*\[(?:[JMD]|(?:EB|J|M|DB|CP|C|N)/OL)\])$"
)
#: what a title says of the work after it, in brackets: "(abstract)", "(with discussion)"
_WORK_NOTE = re.compile(r"\s*\((?:abstract|with discussion)\)$", re.IGNORECASE)


def drop_designator(value: str | None) -> str | None:
    """A title or a journal's name without NLM's bracketed designator ("[Internet]"), GB/T
    7714's document type ("[J]"), a note on the work ("(abstract)", "(with discussion)") or
    the language its work is written in ("[in Chinese]", "(in Italian)") at its end."""
    if not value or not value.endswith(("]", ")")):
        return value
    if value.endswith("]"):
        value = _GBT_TYPE_MARKER.sub("", _NLM_DESIGNATOR.sub("", value)) or value
    else:
        value = _WORK_NOTE.sub("", value) or value
    return _LANGUAGE_NOTE.sub("", value) or value


def closing_mark(title: str | None, printed: str) -> str | None:
    """A title that asks or exclaims keeps its mark, which the parsers take for the end of its
    sentence: "Why do widgets fail" printed "Why do widgets fail? Journal of Widgets" is "Why do
    widgets fail?". A title that opens with a quoted word keeps its opening mark, which the
    parsers take for the mark before the field: "ゆとり教育」の功罪" printed "「ゆとり教育」の功罪"
    is "「ゆとり教育」の功罪"."""
    if not title:
        return title
    for closing, opening in _OPENING_MARKS.items():
        if closing in title:
            if opening not in title:
                if f"{opening}{title}" in printed:
                    title = f"{opening}{title}"
                elif f"{opening} {title}" in printed:  # French: "« La ville » de ..."
                    title = f"{opening} {title}"
            break
    if title.endswith(("?", "!")) or ("?" not in printed and "!" not in printed):
        return title
    flat = " ".join(printed.split())
    for mark in "?!":
        if f"{title}{mark}" in flat:
            return f"{title}{mark}"
    return title


#: the opening mark of each closing one a title may quote a word with
_OPENING_MARKS = {"」": "「", "』": "『", "”": "“", "»": "«"}


#: a patent's number as references print it: "US Patent 3,712,959", "U.S. Pat. No. 6,206,324",
#: "USA Patent 6206324", "United States patent US 9,876,543", "European Patent EP 1 234 567
#: B1", "Chinese patent CN 102345678 A", "US Pat., 5 123 456"; the number's last group is not
#: followed by more digits (a lookahead of one group, so a run of digits is read once)
_PATENT_RE = re.compile(
    r"\b(?P<office>U\.?S\.?A?|United States|EP|European|WO|GB|DE|JP|CN|Chinese|CA|FR|AU|KR)?\s*"
    r"(?:[Pp]atent|PATENT|Pat\.)(?:\s+[Aa]pplication)?,?\s*(?:No\.?|Nos\.?|[Nn]umber|#)?\s*:?\s*"
    r"(?P<code>US|EP|WO|GB|DE|JP|CN|CA|FR|AU|KR)?\s?"
    r"(?P<number>\d{5,12}(?:/\d{4,10})?|\d{1,4}(?:[ ,./]\d{3,7})+)(?!,?\d)(?P<kind>\s?[ABCU]\d?\b)?"
)
_OFFICE_CODES = {"United States": "US", "European": "EP", "Chinese": "CN"}
#: how far into a reference a patent's or a registration's number is looked for (the parsers'
#: own limit)
_NUMBER_SCAN = 4000


def read_patent(reference: Reference) -> Reference:
    """A patent, from its number in the reference ("Smith J. Method for making widgets. US
    patent 9,876,543. January 2, 2018."): CSL's type ``patent``, the number as printed with
    its office, and no volume, pages or journal read from the number or the word "patent".
    An article about a patent, in a journal with a volume or pages, stays an article
    ("Licensing of U.S. Patent No. 4,237,224. Harv J Law Technol. 2019;12(3):101-30")."""
    raw = reference.raw[:_NUMBER_SCAN]
    if "atent" not in raw and "ATENT" not in raw and "Pat." not in raw:
        return reference
    m = _PATENT_RE.search(raw)
    if m is None:
        return reference
    container = reference.container_title
    named = bool(container) and re.search(r"(?i)\bpat(?:ent|\.)", container or "") is not None
    if container and not named and (reference.volume or reference.page_first):
        return reference
    office = m["code"] or m["office"] or ""
    office = _OFFICE_CODES.get(office, office.replace(".", "").replace("USA", "US"))
    kind = (m["kind"] or "").strip()
    number = f"{office} {m['number'].strip()}{' ' + kind if kind else ''}".strip()
    digits = set(re.findall(r"\d+", m["number"]))
    title = reference.title
    printed = m.group(0)[: m.end("number") - m.start()].strip()
    if title and printed in title:  # "Widget process. Chinese patent CN 102345678"
        title = title[: title.index(printed)].rstrip(" .,;:") or title
    return attrs.evolve(
        reference,
        type="patent",
        number=number,
        title=title,
        container_title=None if named or container == kind else container,
        volume=None if reference.volume in digits else reference.volume,
        issue=None if reference.issue in digits else reference.issue,
        page_first=None if reference.page_first in digits else reference.page_first,
        page_last=None if reference.page_first in digits else reference.page_last,
    )


#: a clinical trial's registration number: ClinicalTrials.gov, ISRCTN, ANZCTR, EU CTR, ChiCTR,
#: DRKS, CTRI, the Netherlands' and Pan-African registries
_TRIAL_ID = (
    r"(?:NCT\d{8}|ISRCTN\d{8}|ACTRN\d{14}|EUCTR\d{4}-\d{6}-\d{2}|ChiCTR[-\w]{6,20}"
    r"|DRKS\d{8}|CTRI/\d{4}/\d{2,3}/\d{6}|NTR\d{3,5}|PACTR\d{15})"
)
_TRIAL_ID_RE = re.compile(rf"\b{_TRIAL_ID}\b")
#: one registration number, whole: what read_trial_registration puts in ``number``
TRIAL_NUMBER_RE = re.compile(_TRIAL_ID)
_REGISTRIES = {"NCT": "ClinicalTrials.gov", "ISRCTN": "ISRCTN registry"}
#: a reference that cites a registration says so: the registry, or "identifier"
_REGISTRY_WORDS_RE = re.compile(
    r"clinicaltrials\.gov|isrctn|anzctr|clinicaltrialsregister|chictr|drks|ctri\.nic|"
    r"trialregister|identifier|registration|registry",
    re.IGNORECASE,
)
#: what a web page's date was read as where no journal was printed ("Updated March 3, 2020")
_DATE_WORDS = frozenset({"updated", "published", "accessed", "retrieved", "last updated"})
#: the registration printed at a title's end: ". ClinicalTrials.gov identifier: NCT01234567"
_REGISTRATION_TAIL_RE = re.compile(
    r"[.,;]?\s*(?:ClinicalTrials\.gov\s+)?(?:(?:[Ii]dentifier|[Rr]egistration(?: [Nn]umber)?|"
    rf"ID|[Nn]o\.?)\s*:?\s*)?\(?\b{_TRIAL_ID}\)?$"
)


def read_trial_registration(reference: Reference) -> Reference:
    """A clinical trial's registration, cited as such ("Smith J. Widget trial.
    ClinicalTrials.gov identifier: NCT01234567. Updated March 3, 2020. https://..."): its
    registration number is the ``number``, the registry the container, and the number is no
    part of the title. Only where the reference names a registry or an identifier, and no
    journal; an article, a preprint or a protocol that names its trial ("... the WIDGET trial
    (NCT01234567). N Engl J Med. 2015;372:245-56", "... BMJ Open. 2020. NCT01234567") is left
    as it is."""
    raw = reference.raw[:_NUMBER_SCAN]
    if "NCT" not in raw and "CTR" not in raw and "RCTN" not in raw and "DRKS" not in raw:
        return reference
    m = _TRIAL_ID_RE.search(raw)
    if m is None or raw[m.start() - 1 : m.start()] in ("(", "["):
        return reference  # a protocol's or a report's title naming its trial: "... [ISRCTN...]"
    container = reference.container_title
    if container and container.strip(" .:").lower() not in _DATE_WORDS:
        return reference
    if not _REGISTRY_WORDS_RE.search(raw):
        return reference
    number = m.group(0)
    registry = next((name for key, name in _REGISTRIES.items() if number.startswith(key)), None)
    title, authors = reference.title, reference.authors
    if title:
        if title.startswith(number):  # "ISRCTN12345678. A trial of widgets in children"
            title = title[len(number) :].lstrip(" .:;,")
        title = _REGISTRATION_TAIL_RE.sub("", title).strip() or None
    if title is None and len(authors) == 1 and len((authors[0].literal or "").split()) >= 4:
        title, authors = authors[0].literal, ()  # the model took the title for a body's name
    page_first = None if reference.page_first == number else reference.page_first
    return attrs.evolve(
        reference,
        number=number,
        title=title,
        authors=authors,
        container_title=registry,
        page_first=page_first,
        type="webpage" if reference.url else reference.type,
    )


#: a title's last sentence: ". The Conversation"
_LAST_SENTENCE_RE = re.compile(r"\.\s+([A-Z][^.]{1,60})$")
_HOST_RE = re.compile(r"^(?:https?://)?(?:www\.)?([^/\s?#]+)", re.IGNORECASE)
_SITE_WORDS = frozenset({"website", "site", "homepage", "blog"})


def read_site_name(reference: Reference) -> Reference:
    """A web page's site printed after its title, a sentence of its own, that the parsers kept
    in the title ("How widgets work. The Conversation. March 3, 2021. https://theconversation.
    com/..."): the site is the container, when its name is the address's ("theconversation"),
    or its first word is ("WHO website", www.who.int). Short, capitalised words only."""
    title, url = reference.title, reference.url
    if reference.type != "webpage" or not title or not url or reference.container_title:
        return reference
    m = _LAST_SENTENCE_RE.search(title)
    host = _HOST_RE.match(url)
    if m is None or host is None:
        return reference
    words = m.group(1).split()
    if len(words) > 5 or not all(w[:1].isupper() or w in _SITE_WORDS for w in words):
        return reference
    site = re.sub(r"[^a-z0-9]", "", host.group(1).lower())
    name = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in words]
    whole = "".join(name)
    first = next((w for w in name if w != "the"), "")
    if not (whole in site or (len(first) >= 3 and site.startswith(first))):
        return reference
    return attrs.evolve(reference, title=title[: m.start()], container_title=m.group(1))


def read_printed_kind(reference: Reference) -> Reference:
    """What a parsed reference string says it is by what it prints, after either parser: a
    patent by its number, a trial's registration by its number, a web page's site by its
    address, a data set or program by its repository (:func:`read_patent`,
    :func:`read_trial_registration`, :func:`read_site_name`, :func:`read_repository`).
    Not for BibTeX or CSL-JSON records, which say their own type."""
    return read_repository(read_site_name(read_trial_registration(read_patent(reference))))


def read_repository(reference: Reference) -> Reference:
    """A work a data or code repository published, read as a book by its publisher, is a data
    set ("Widget data set. Zenodo. 2020") or a program ("... GitHub. 2021")."""
    publisher = (reference.publisher or "").lower()
    kind = REPOSITORY_TYPES.get(publisher)
    if kind is None or reference.type not in ("book", "webpage", "document"):
        return reference
    return attrs.evolve(reference, type=kind)


#: a supplement or a part printed after its volume, NLM's "2009;45 Suppl 1:27-40", "24 Pt 2":
#: the volume and the issue ("Suppl 1", "2"); in brackets, "45(Suppl 1)", the parsers read it
#: so already
SUPPLEMENT_AFTER_VOLUME_RE = re.compile(
    r"(\w+)\s+((?:Suppl|Supplement|Supp|Pt|Part)\.?(?:\s*\w+)?)"
)


def tidy_reference(reference: Reference) -> Reference:
    """Apply :func:`tidy_field` to the free-text fields of a parsed reference."""
    container = drop_designator(tidy_field(reference.container_title, abbreviated=True))
    volume, issue = reference.volume, reference.issue
    if reference.type in ("article-journal", "article"):
        container = abbreviation_period(container, reference.raw)
        container, volume = series_volume(container, volume, volume)
    if volume and issue is None and (supplement := SUPPLEMENT_AFTER_VOLUME_RE.fullmatch(volume)):
        volume, issue = supplement.group(1), supplement.group(2)  # "45 Suppl 1"
        if issue.startswith("P"):
            issue = issue.split()[-1] if " " in issue else issue  # "24 Pt 2": part 2
    return attrs.evolve(
        reference,
        title=closing_mark(drop_designator(tidy_field(reference.title)), reference.raw),
        container_title=container,
        volume=volume,
        issue=issue,
        publisher=tidy_field(reference.publisher, abbreviated=True),
        publisher_place=tidy_field(reference.publisher_place),
    )
