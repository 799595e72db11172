"""DOI extraction and repair: find the DOIs in a pasted reference and undo how printing broke them.

A DOI has three layers: *printed* (the substring of the input, prefix included), *doi* (repaired,
case as printed) and *canonical* (repaired and lower-cased). Pure functions, no IO.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import attrs

from allrefs.model import Finding, Severity
from allrefs.text import HOMOGLYPHS, INVISIBLE_CHARS

__all__ = [
    "DoiMatch",
    "doi_url",
    "extract_doi",
    "find_doi",
    "find_dois",
    "is_doi",
    "normalize_doi",
]

#: Finding codes that mean the DOI itself was printed wrong (``DoiMatch.repaired``).
REPAIR_CODES: frozenset[str] = frozenset(
    {
        "doi-dash",
        "doi-space",
        "doi-invisible-char",
        "doi-homoglyph",
        "doi-url-encoding",
        "doi-trailing-punctuation",
        "doi-trailing-text",
        "doi-sici",
    }
)

_DASHES: dict[str, str] = {
    "\u2010": "Unicode hyphen",
    "\u2011": "non-breaking hyphen",
    "\u2012": "figure dash",
    "\u2013": "en dash",
    "\u2014": "em dash",
    "\u2015": "horizontal bar",
    "\u2212": "minus sign",
    "\ufe63": "small hyphen-minus",
    "\uff0d": "fullwidth hyphen-minus",
}
_SLASHES = {"\u2215": "/", "\u2044": "/", "\u29f8": "/"}
_ASCII_DOI_CHARS = frozenset(
    "-._;()/:[]<>#+0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
_HEX = frozenset("0123456789abcdefABCDEF")

_DOI_RE = re.compile(r"10\.\d{4,9}(?:\.\d+)*/(?=.*[0-9A-Za-z])[-._;()/:\[\]<>#+0-9A-Za-z]+")
#: Where a DOI may start: "10." (or "10 .1038", a break PDF text puts before the dot).
_ANCHOR_RE = re.compile(
    r"(?:(?<![0-9A-Za-z])|(?<=doi)|(?<=DOI))(?:10|１０)(?:[.．]|[ \t\r\n]{1,4}\.(?=\d{4}))"
)
#: A Wiley SICI DOI up to the point where PDF fonts print "<" as a backslash.
_SICI_HEAD_RE = re.compile(r"10\.1002/(?:\(SICI\))?\d{4}-\d{3}[\dX]\(\d{6,8}\)\d+:\d+$")
_PREFIX_RE = re.compile(
    r"(?:(?:https?\s*:\s*//\s*)?(?:www\.|dx\.)?doi\.org\s*/\s*"
    r"|\b(?:info:doi/|urn:doi:)"
    r"|\bdoi(?:\s*[:：.]\s*|\s+|(?=10\.)))$",
    re.IGNORECASE,
)
_URL_BEFORE_RE = re.compile(r"https?://\S*$", re.IGNORECASE)
#: Words printed right after a DOI; when glued to it ("...2050PMID:123") they end the DOI.
_GLUED_RE = re.compile(
    r"PMID|PMCID|PubMed|Pubmed|Epub|EPub|Available|Accessed|Retrieved|https?:|www\.|doi:|DOI:"
)
_URL_TAIL_RE = re.compile(
    r"/(?:abstract|full|pdf|epdf|fulltext|summary|meta|references|figures|suppinfo)\b",
    re.IGNORECASE,
)
#: bioRxiv's and medRxiv's version after the DOI in their addresses and as printed:
#: "10.1101/2020.03.22.002386v1" is the DOI "10.1101/2020.03.22.002386"
_PREPRINT_VERSION_RE = re.compile(r"10\.1101/(?:\d{4}\.\d\d\.\d\d\.)?\d{6,8}(v\d{1,2})\b")
#: A continuation after a break that reads as the rest of the citation, not of the DOI.
_CITATION_TAIL_RE = re.compile(r"^\d+\s*[;:(,]|^(?:19|20)\d\d\.?$")
_MARKER_START_RE = re.compile(
    r"^(?:PMID|PMCID|PubMed|Pubmed|Epub|EPub|Available|Accessed|Retrieved|https?|www|doi|DOI)\b"
)
_TRAILING = ".,;:/#"
_CLOSERS = {")": "(", "]": "[", ">": "<"}


@attrs.frozen
class DoiMatch:
    """A DOI found in text: as printed, repaired (``doi``), canonical, where, and what was fixed."""

    printed: str
    canonical: str
    start: int
    end: int
    findings: tuple[Finding, ...] = ()
    #: the DOI after repair, in the case it was printed (``canonical`` is this lower-cased)
    doi: str = ""

    @property
    def repaired(self) -> bool:
        """True when the DOI as printed was malformed, not merely prefixed by ``doi:`` or a URL."""
        return any(f.code in REPAIR_CODES for f in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)


@attrs.define
class _Scan:
    """Characters of a DOI candidate: the ASCII we read and where each came from."""

    chars: list[str] = attrs.Factory(list)
    src_start: list[int] = attrs.Factory(list)
    src_end: list[int] = attrs.Factory(list)
    kinds: list[str] = attrs.Factory(list)

    @property
    def value(self) -> str:
        return "".join(self.chars)

    def cut(self, k: int) -> None:
        del self.chars[k:], self.src_start[k:], self.src_end[k:], self.kinds[k:]

    def extend(self, other: _Scan) -> None:
        self.chars += other.chars
        self.src_start += other.src_start
        self.src_end += other.src_end
        self.kinds += other.kinds


def _doi_char(text: str, i: int) -> tuple[str, str, int] | None:
    """The DOI character at ``text[i]``: (ASCII char or "" if invisible, kind, next index)."""
    ch = text[i]
    if ch in _ASCII_DOI_CHARS:
        return ch, "", i + 1
    if ch == "%" and i + 2 < len(text):
        pair = text[i + 1 : i + 3]
        if len(pair) == 2 and pair[0] in _HEX and pair[1] in _HEX:
            decoded = chr(int(pair, 16))
            if decoded in _ASCII_DOI_CHARS and not decoded.isalnum():
                return decoded, "url", i + 3
        return None
    if ch in INVISIBLE_CHARS:
        return "", "invisible", i + 1
    if ch in _DASHES:
        return "-", "dash", i + 1
    if ch in HOMOGLYPHS:
        return HOMOGLYPHS[ch], "homoglyph", i + 1
    if ch in _SLASHES:
        return _SLASHES[ch], "lookalike", i + 1
    if "\uff01" <= ch <= "\uff5e":
        ascii_ch = chr(ord(ch) - 0xFEE0)
        if ascii_ch in _ASCII_DOI_CHARS:
            return ascii_ch, "lookalike", i + 1
    return None


def _take_run(text: str, i: int) -> tuple[_Scan, int]:
    """Read DOI characters from ``text[i]`` up to the first character that cannot be in a DOI."""
    scan = _Scan()
    n = len(text)
    while i < n:
        got = _doi_char(text, i)
        if got is None:
            break
        ch, kind, nxt = got
        if ch:
            scan.chars.append(ch)
            scan.src_start.append(i)
            scan.src_end.append(nxt)
            scan.kinds.append(kind)
        i = nxt
    return scan, i


def _should_join(before: str, after: str, gap: str, field: bool) -> bool:
    """Whether a DOI broken at whitespace continues after it.

    In a value meant to be a DOI (``field``), any continuation that starts like DOI material
    joins. In free text the break must be inside the DOI: the part before is incomplete
    (``10.``, a prefix without its slash, ends with ``/``, ``-``, ``_``, ``(`` or ``.``, or its
    suffix is shorter than three characters, or it ends a SICI ``.CO;`` before the check
    digit), the gap is at most one line break plus a few spaces, and the continuation holds a
    digit and reads as DOI suffix, not as the next words of the citation (a capitalised word,
    ``PMID``, a year, ``2011;12:770``).
    """
    if not after or _MARKER_START_RE.match(after):
        return False
    first = after[0]
    starts_ok = (
        first.isalnum()
        or first == "("
        or (first in ".-/_" and len(after) > 1 and after[1].isalnum())
    )
    if not starts_ok:
        return False
    if field:
        return True
    if gap.count("\n") + gap.count("\r") > 2 or len(gap) > 8:
        return False
    material = after.rstrip(_TRAILING)
    if not any(c.isdigit() for c in material):
        return False
    if before == "10.":
        return first.isdigit()
    if before == "10":
        return first == "." and after[1:2].isdigit()
    if "/" not in before:
        return first == "/" and re.fullmatch(r"10\.\d{4,9}", before) is not None
    suffix = before.split("/", 1)[1]
    if before.endswith(".CO;"):
        return re.match(r"\d-", after) is not None
    if first in ".-/_":
        return before[-1].isalnum()
    if before[-1] in "/-_(":
        return True
    if before.endswith("."):
        if not any(c.isdigit() for c in suffix):
            return True
        if material.isdigit() and "\n" not in gap:
            return False  # "doi:10.1038/ni.2050. 12 patients": a number after a space
        return not _CITATION_TAIL_RE.match(material)
    return len(suffix) < 3


def _scan_doi(text: str, anchor: int, field: bool) -> _Scan:
    scan, i = _take_run(text, anchor)
    n = len(text)
    while i < n:
        if text[i] == "\\" and _SICI_HEAD_RE.match(scan.value):
            k = _repair_sici(scan, text, i)
            if k == i:
                break
            i = k
            continue
        if not text[i].isspace():
            break
        j = i
        while j < n and (text[j].isspace() or text[j] in INVISIBLE_CHARS):
            j += 1
        more, k = _take_run(text, j)
        if not more.chars or not _should_join(scan.value, more.value, text[i:j], field):
            break
        scan.extend(more)
        i = k
    return scan


def _repair_sici(scan: _Scan, text: str, i: int) -> int:
    """Read on past a SICI DOI's "<" printed as "\\", fixing "[" for ">" and ":" for "::".

    Some PDF fonts map ``<`` to ``\\`` and ``>`` to ``[``, and the two colons before ``AID`` come
    out as one: ``254:3\\408:AID-AR12[3.0.CO;2-G`` is ``254:3<408::AID-AR12>3.0.CO;2-G``.
    """
    more, j = _take_run(text, i + 1)
    tail = re.match(r"(\d+)(::?)(AID-[0-9A-Za-z-]+)\[(\d\.\d\.CO;)", more.value)
    if tail is None:
        return i
    scan.chars.append("<")
    scan.src_start.append(i)
    scan.src_end.append(i + 1)
    scan.kinds.append("sici")
    if tail.group(2) == ":":
        k = tail.end(1)
        more.chars.insert(k, ":")
        more.src_start.insert(k, more.src_start[k])
        more.src_end.insert(k, more.src_start[k])
        more.kinds.insert(k, "sici")
    bracket = tail.end(3) + (tail.group(2) == ":")
    more.chars[bracket] = ">"
    more.kinds[bracket] = "sici"
    scan.extend(more)
    return j


def _trim(scan: _Scan, text: str, in_url: bool) -> str:
    """Cut glued words, genuinely non-Latin letters and punctuation that ends the sentence.

    Returns the text cut off the end when it was glued to the DOI (``2050PMID:...``), else "".
    """
    value = scan.value
    slash = value.find("/")
    if slash < 0:
        return ""
    glued = ""
    # Words and links glued to the DOI are worth a finding; markup and URL tails are not.
    cuts = [m.start() for m in _GLUED_RE.finditer(value, slash + 1)]
    cuts += [m.start() + slash + 1 for m in re.finditer(r"\[(?!\d)", value[slash + 1 :])]
    quiet = [m.start() + slash + 1 for m in re.finditer(r"<(?!\d)", value[slash + 1 :])]
    if in_url:
        quiet += [m.start() for m in _URL_TAIL_RE.finditer(value, slash + 1)]
    if version := _PREPRINT_VERSION_RE.match(value):
        quiet.append(version.start(1))
    if cuts or quiet:
        cut = min(cuts + quiet)
        if cut in cuts and scan.src_end[cut - 1] == scan.src_start[cut]:
            glued = value[cut:]
        scan.cut(cut)
    _cut_foreign_letters(scan, text)
    while scan.chars:
        last = scan.chars[-1]
        if last in _TRAILING:
            scan.cut(len(scan.chars) - 1)
        elif last in _CLOSERS:
            value = scan.value
            if value.count(last) > value.count(_CLOSERS[last]):
                scan.cut(len(scan.chars) - 1)
            else:
                break
        elif last in "([<":
            scan.cut(len(scan.chars) - 1)
        else:
            break
    return glued


def _cut_foreign_letters(scan: _Scan, text: str) -> None:
    """Cut the DOI before a run of look-alike letters that is really a Cyrillic/Greek word."""
    value = scan.value
    for m in re.finditer(r"[A-Za-z]+", value):
        kinds = scan.kinds[m.start() : m.end()]
        if "homoglyph" not in kinds or "" in kinds:
            continue  # all Latin, or Latin letters mixed in: fold
        touches_digit = (m.start() > 0 and value[m.start() - 1].isdigit()) or (
            m.end() < len(value) and value[m.end()].isdigit()
        )
        src_after = scan.src_end[m.end() - 1]
        glued_word = src_after < len(text) and text[src_after].isalpha()
        if glued_word or not (touches_digit or m.end() - m.start() <= 2):
            scan.cut(m.start())
            return


def _plural(count: int, name: str) -> str:
    if count == 1:
        return f"1 {name}"
    return f"{count} {name}{'es' if name.endswith(('sh', 'x')) else 's'}"


def _show(text: str) -> str:
    """The printed DOI with line breaks and invisible characters made visible."""
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif ch in INVISIBLE_CHARS:
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def _findings(
    scan: _Scan, text: str, start: int, end: int, in_url: bool, doi: str
) -> list[Finding]:
    printed = text[start:end]
    shown = _show(printed)
    findings: list[Finding] = []
    dashes: dict[str, int] = {}
    looks: list[str] = []
    encoded = 0
    for k, kind in enumerate(scan.kinds):
        src = text[scan.src_start[k] : scan.src_end[k]]
        if kind == "dash":
            dashes[src] = dashes.get(src, 0) + 1
        elif kind in ("homoglyph", "lookalike"):
            name = unicodedata.name(src, "?").title()
            looks.append(f"{src} (U+{ord(src):04X} {name}) → {scan.chars[k]}")
        elif kind == "url":
            encoded += 1
        elif kind == "sici" and not any(f.code == "doi-sici" for f in findings):
            findings.append(
                Finding(
                    "doi-sici",
                    f"SICI DOI was printed with a font that turns '<' into '\\' and '>' into '[': "
                    f"{shown} → {doi}",
                    Severity.WARNING,
                    "doi",
                )
            )
    if dashes:
        parts = [f"{_plural(n, _DASHES[ch])} (U+{ord(ch):04X})" for ch, n in sorted(dashes.items())]
        findings.append(
            Finding(
                "doi-dash",
                f"DOI had {' and '.join(parts)} in place of hyphens: {shown} → {doi}",
                Severity.WARNING,
                "doi",
            )
        )
    gaps = re.findall(r"\s+", printed)
    if gaps:
        what = "line break" if any("\n" in g or "\r" in g for g in gaps) else "space"
        findings.append(
            Finding(
                "doi-space",
                f"DOI was split by a {what} (text wrapped inside it): {shown} → {doi}",
                Severity.WARNING,
                "doi",
            )
        )
    invisible: dict[str, int] = {}
    for ch in printed:
        if ch in INVISIBLE_CHARS:
            invisible[ch] = invisible.get(ch, 0) + 1
    if invisible:
        parts = [
            f"{n} × {unicodedata.name(ch, 'invisible character').lower()} (U+{ord(ch):04X})"
            for ch, n in invisible.items()
        ]
        findings.append(
            Finding(
                "doi-invisible-char",
                f"DOI contained invisible characters ({', '.join(parts)}): {shown} → {doi}",
                Severity.WARNING,
                "doi",
            )
        )
    if looks:
        findings.append(
            Finding(
                "doi-homoglyph",
                f"DOI had look-alike characters in place of Latin ones ({'; '.join(looks)}): "
                f"{shown} → {doi}",
                Severity.WARNING,
                "doi",
            )
        )
    if encoded and not in_url:
        findings.append(
            Finding(
                "doi-url-encoding",
                f"DOI was URL-encoded ({_plural(encoded, 'escape')}): {shown} → {doi}",
                Severity.INFO,
                "doi",
            )
        )
    return findings


def _match_at(text: str, anchor: int, field: bool) -> DoiMatch | None:
    head = text[max(0, anchor - 60) : anchor]
    in_url = _URL_BEFORE_RE.search(head) is not None
    scan = _scan_doi(text, anchor, field)
    glued = _trim(scan, text, in_url)
    double = re.match(r"10\.[\d.]+/(/+)", scan.value)
    if double:
        k, extra = double.start(1), len(double.group(1))
        del scan.chars[k : k + extra], scan.src_start[k : k + extra]
        del scan.src_end[k : k + extra], scan.kinds[k : k + extra]
    doi = scan.value
    if not scan.chars or _DOI_RE.fullmatch(doi) is None:
        return None
    doi_start, doi_end = scan.src_start[0], scan.src_end[-1]
    prefix = _PREFIX_RE.search(head)
    start = anchor - len(prefix.group()) if prefix else doi_start
    findings = _findings(scan, text, doi_start, doi_end, in_url, doi)
    if double:
        findings.append(
            Finding(
                "doi-double-slash",
                f"DOI was printed with '//' after its prefix (an old APA style); using one: "
                f"{_show(text[doi_start:doi_end])} → {doi}",
                Severity.INFO,
                "doi",
            )
        )
    if glued and not in_url:
        findings.append(
            Finding(
                "doi-trailing-text",
                f"DOI was printed glued to the text after it: {_show(text[doi_start:doi_end])}"
                f"{_show(glued)} → {doi}",
                Severity.INFO,
                "doi",
            )
        )
    if field and prefix:
        findings.insert(
            0,
            Finding(
                "doi-prefix",
                f"DOI value carried a prefix: {_show(text[start:doi_end])} → {doi}",
                Severity.INFO,
                "doi",
            ),
        )
    return DoiMatch(
        printed=text[start:doi_end],
        canonical=doi.lower(),
        start=start,
        end=doi_end,
        findings=tuple(findings),
        doi=doi,
    )


def _matches(text: str, field: bool) -> list[DoiMatch]:
    found: list[DoiMatch] = []
    pos = 0
    for anchor in _ANCHOR_RE.finditer(text):
        if anchor.start() < pos:
            continue
        match = _match_at(text, anchor.start(), field)
        if match is not None:
            found.append(match)
            pos = match.end
    return found


def find_dois(text: str) -> list[DoiMatch]:
    """Every DOI in free text (a pasted reference), repaired, in order of appearance."""
    if "10" not in text and "１０" not in text:
        return []
    return _matches(text, field=False)


def find_doi(text: str) -> DoiMatch | None:
    """The first DOI in free text, repaired; ``None`` when there is none.

    Sentence punctuation after the DOI and a ``doi:``/``https://doi.org/`` prefix are part of a
    normal citation and give no finding; ``printed`` includes the prefix.
    """
    if "10" not in text and "１０" not in text:
        return None
    pos = 0
    for anchor in _ANCHOR_RE.finditer(text):
        if anchor.start() < pos:
            continue
        match = _match_at(text, anchor.start(), field=False)
        if match is not None:
            return match
    return None


def extract_doi(text: str) -> str | None:
    """The canonical (repaired, lower-case) first DOI in free text, or ``None``."""
    match = find_doi(text)
    return match.canonical if match else None


def normalize_doi(value: str) -> DoiMatch | None:
    """Repair a value that is meant to be a DOI (a BibTeX ``doi`` field, CSL ``DOI``, CLI argument).

    Accepts bare DOIs, ``doi:`` prefixes, doi.org and dx.doi.org URLs and URL-encoded forms.
    Whitespace inside the value always rejoins. A prefix gives an INFO ``doi-prefix`` finding,
    anything after the DOI a ``doi-trailing-punctuation`` or ``doi-trailing-text`` one.
    """
    stripped = value.strip()
    offset = value.find(stripped) if stripped else 0
    for anchor in _ANCHOR_RE.finditer(stripped):
        match = _match_at(stripped, anchor.start(), field=True)
        if match is None:
            continue
        findings = list(match.findings)
        rest = stripped[match.end :].strip()
        rest = "".join(ch for ch in rest if ch not in INVISIBLE_CHARS)
        if rest:
            punct = all(not ch.isalnum() for ch in rest)
            code = "doi-trailing-punctuation" if punct else "doi-trailing-text"
            findings.append(
                Finding(
                    code,
                    f"DOI value had {rest!r} after the DOI: {stripped!r} → {match.doi}",
                    Severity.INFO,
                    "doi",
                )
            )
        return attrs.evolve(
            match,
            start=match.start + offset,
            end=match.end + offset,
            findings=tuple(findings),
        )
    return None


_CANONICAL_RE = re.compile(
    r"10\.\d{4,9}(?:\.\d+)*/[-._;()/:\[\]<>#+0-9a-zA-Z]*[0-9a-zA-Z][-._;()/:\[\]<>#+0-9a-zA-Z]*"
)


def is_doi(value: str) -> bool:
    """Whether ``value`` is, as it stands, a syntactically valid DOI (no prefix, no spaces)."""
    return _CANONICAL_RE.fullmatch(value) is not None


def doi_url(doi: str) -> str:
    """The https://doi.org/ link for a DOI, percent-encoding only what a URL path cannot hold."""
    return "https://doi.org/" + quote(doi, safe="/:;()!$&'*+,=@-._~")
