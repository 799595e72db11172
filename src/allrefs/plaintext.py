"""Read a review pasted as plain text: its own record, its in-text citation markers, and
its reference list split into entries. Pure: takes the decoded text, returns a Document."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from allrefs.doi import find_doi
from allrefs.model import Document, Finding, Marker, Origin, Person, Reference, Severity
from allrefs.normalize import strip_trailers
from allrefs.parse import parse_reference, split_authors
from allrefs.text import CASELESS_RE

_HEADING = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:references?(?:\s+cited)?|bibliography|literature(?:\s+cited)?"
    r"|works\s+cited|cited\s+literature|sources|список\s+литературы|литература)\s*:?\s*$",
    re.IGNORECASE,
)
# Headings that close a reference list on a journal page.
_CLOSING = re.compile(
    r"^\s*(?:review|original\s+article|for\s+citations?\s*:?|about\s+the\s+authors?"
    r"|acknowledge?ments?|appendix|footnotes?|author\s+information|article\s+information"
    r"|supplementary\s+(?:material|information)|funding|conflicts?\s+of\s+interest"
    r"|competing\s+interests|copyright.*|keywords?\s*:.*|figures?|tables?|notes?|related\s+articles"
    r"|cited\s+by.*|how\s+to\s+cite.*|to\s+cite\s+this\s+article.*)\s*:?\s*$",
    re.IGNORECASE,
)
#: a reference's number opening its line: "[12] ", "12. ", "(12) "; in Chinese and Japanese lists
#: also in full-width marks and glued to the first name ("［1］张三", "1)山田太郎")
_NUMBERED = re.compile(
    r"^\s*(?:[\[［](?P<b>\d{1,4})[\]］]|(?P<d>\d{1,4})[.)．）]|[(（](?P<p>\d{1,4})[)）])"
    rf"(?:\s+(?=\S)|(?={CASELESS_RE.pattern}))"
)
_CITE_FOR = re.compile(
    r"^\s*(?:for\s+citations?|cite\s+this\s+article(?:\s+as)?|how\s+to\s+cite(?:\s+this\s+article)?"
    r"|to\s+cite\s+this\s+article|please\s+cite\s+this\s+article\s+as|citation)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*-]\s*)+")
_MARKER = re.compile(  # not "70(4)": an issue number follows a volume without a space
    r"(?<![\w)(\[])(?P<open>[(\[])\s*(?P<body>\d{1,3}(?:\s*(?:[-–—]|,)\s*\d{1,3})*)\s*(?P<close>[)\]])"
)
_LINE_HYPHEN = re.compile(r"[^\W\d_]-$")
# Second halves of hyphenated compounds: a line break after "cytokine-" keeps the hyphen.
_COMPOUND_TAILS = frozenset(
    (
        "based dependent independent related induced mediated specific associated like term "
        "making free wide scale level type derived controlled assessment year old positive "
        "negative resistant sensitive rich deficient containing binding activated linked "
        "treated infected expressing regulated coated labeled labelled bearing producing "
        "dose response analysis consumer reported adjusted matched stage risk up down "
        "life time onset acting targeted guided directed"
    ).split()
)


def read_plaintext(text: str, source: str) -> Document:
    """Split pasted text into the review's own record, markers and references."""
    lines = text.splitlines()
    findings: list[Finding] = []
    section = _find_reference_section(lines)
    if section is None:
        references: tuple[Reference, ...] = ()
        body_lines = list(enumerate(lines, start=1))
        has_section = False
    else:
        start, end = section
        chunks = _split_entries(lines, start, end)
        references = tuple(
            parse_reference(chunk_text, label=label, origin=Origin(source, line))
            for chunk_text, label, line in chunks
        )
        references = tuple(
            attrs.evolve(ref, label=ref.label or str(i)) for i, ref in enumerate(references, 1)
        )
        body_lines = [
            (i, line) for i, line in enumerate(lines, start=1) if not start <= i - 1 < end
        ]
        has_section = True
        if not references:
            findings.append(
                Finding(
                    "empty-reference-list",
                    f"a reference heading at line {start} is followed by no entries",
                    Severity.WARNING,
                )
            )
    record, cite_line = _own_record(lines, section, source)
    if cite_line is not None:  # the review's own citation is not running text
        body_lines = [(i, line) for i, line in body_lines if i not in (cite_line, cite_line + 1)]
    markers = tuple(_find_markers(body_lines))
    references = _check_citations(references, markers, findings, has_list=bool(references))
    return Document(
        source=source,
        format="text",
        record=record,
        references=references,
        markers=markers,
        findings=tuple(findings),
        has_reference_section=has_section,
    )


def _find_reference_section(lines: Sequence[str]) -> tuple[int, int] | None:
    """(first line index, end index) of the reference list, by heading or by numbered run."""
    headings = [i for i, line in enumerate(lines) if _HEADING.match(line)]
    for heading in reversed(headings):
        start = heading + 1
        end = _section_end(lines, start)
        if any(lines[i].strip() for i in range(start, end)):
            return start, end
    if headings:
        return headings[-1] + 1, headings[-1] + 1
    return _numbered_run(lines)


def _section_end(lines: Sequence[str], start: int) -> int:
    numbered = any(_NUMBERED.match(line) for line in lines[start : start + 5])
    last_number = 0
    blank_run = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip():
            blank_run += 1
            if blank_run >= 3:
                return i - blank_run + 1
            continue
        m = _NUMBERED.match(line)
        if m and numbered:
            number = int(m["b"] or m["d"] or m["p"])
            if last_number == 0 or number == last_number + 1:
                last_number = number
                blank_run = 0
                continue
        if _CLOSING.match(line) or _HEADING.match(line):
            return i - blank_run
        if numbered and blank_run and not _continues(lines[i - blank_run - 1], line):
            return i - blank_run
        blank_run = 0
    return len(lines) - blank_run


def _continues(previous: str, line: str) -> bool:
    """Does ``line`` read as the wrapped continuation of ``previous``?"""
    previous = previous.rstrip()
    return bool(previous) and (
        previous.endswith("-") or line[:1].islower() or not re.search(r"[.)\]]$", previous)
    )


def _numbered_run(lines: Sequence[str]) -> tuple[int, int] | None:
    """The longest run of entries numbered 1, 2, 3, ... that read like references."""
    best: tuple[int, int] | None = None
    best_count = 0
    i = 0
    while i < len(lines):
        m = _NUMBERED.match(lines[i])
        if not m or int(m["b"] or m["d"] or m["p"]) != 1:
            i += 1
            continue
        start, expected, count, j, last_entry = i, 2, 1, i + 1, i
        while j < len(lines):
            m = _NUMBERED.match(lines[j])
            if m and int(m["b"] or m["d"] or m["p"]) == expected:
                expected, count, last_entry = expected + 1, count + 1, j
            elif _ends_run(lines, j):
                break
            j += 1
        year_like = sum(
            1 for k in range(start, last_entry + 1) if re.search(r"\b(1[89]|20)\d\d\b", lines[k])
        )
        if count >= 3 and year_like >= count // 2 and count > best_count:
            best, best_count = (start, last_entry + 1), count
        i = j
    return best


def _ends_run(lines: Sequence[str], j: int) -> bool:
    """A blank line before unnumbered text, or a closing heading, ends a numbered run."""
    if not lines[j].strip():
        return j + 1 < len(lines) and not _NUMBERED.match(lines[j + 1])
    return bool(_CLOSING.match(lines[j])) and not _continues(lines[j - 1], lines[j])


def _split_entries(lines: Sequence[str], start: int, end: int) -> list[tuple[str, str | None, int]]:
    """Entries as (joined text, printed number, 1-based line of their first line)."""
    entries: list[tuple[list[str], str | None, int]] = []
    numbered = any(_NUMBERED.match(line) for line in lines[start:end])
    paragraphs = _has_multiline_paragraphs(lines[start:end])
    expected = None
    for index in range(start, end):
        line = lines[index].rstrip()
        if not line.strip():
            if paragraphs and not numbered and entries and entries[-1][0]:
                entries.append(([], None, index + 2))
            continue
        m = _NUMBERED.match(line) if numbered else None
        number = int(m["b"] or m["d"] or m["p"]) if m else None
        if m and number is not None and (expected is None or number == expected):
            entries.append(([line[m.end() :]], str(number), index + 1))
            expected = number + 1
        elif numbered or paragraphs:
            if entries:
                entries[-1][0].append(line)
            else:
                entries.append(([line], None, index + 1))
        elif entries and _continues(entries[-1][0][-1], line) and not _starts_reference(line):
            entries[-1][0].append(line)
        else:
            entries.append(([line], None, index + 1))
    out = []
    for parts, label, line_number in entries:
        text = strip_trailers(join_wrapped(parts))
        if text:
            out.append((text, label, line_number))
    return out


def _has_multiline_paragraphs(lines: Sequence[str]) -> bool:
    blocks = [b for b in "\n".join(lines).split("\n\n") if b.strip()]
    return len(blocks) > 1 and any(b.strip().count("\n") for b in blocks)


def _starts_reference(line: str) -> bool:
    authors, _, _ = split_authors(_BULLET.sub("", line))
    return bool(authors)


def join_wrapped(parts: Iterable[str]) -> str:
    """Rejoin lines wrapped by a journal page or PDF; undo line-end hyphenation of words."""
    text = ""
    for part in parts:
        part = part.strip()
        if not text:
            text = part
        elif _LINE_HYPHEN.search(text) and part[:1].islower():
            first_word = re.match(r"[^\W\d_]+", part)
            if first_word and first_word.group(0).lower() in _COMPOUND_TAILS:
                text += part  # "cytokine-" + "dependent": a real hyphen
            elif first_word and first_word.group(0).lower() in ("and", "or", "to"):
                text += " " + part  # "deprivation-" + "and reoxygenation-induced"
            else:
                text = text[:-1] + part  # "Endo-" + "scopic": hyphenation
        elif text.endswith(("-", "/", "–")) or re.search(r"\b10\.\d{4,9}/\S*[.]$", text):
            text += part  # a DOI or page range broken at the line end
        else:
            text += " " + part
    return text


def _find_markers(lines: Iterable[tuple[int, str]]) -> list[Marker]:
    markers = []
    for number, line in lines:
        for m in _MARKER.finditer(line):
            labels = _expand_marker(m["body"])
            if labels:
                markers.append(Marker(text=m.group(0), labels=labels, line=number))
    return markers


def _expand_marker(body: str) -> tuple[str, ...]:
    labels: list[int] = []
    for part in re.split(r"\s*,\s*", body):
        bounds = re.split(r"\s*[-–—]\s*", part)
        if len(bounds) == 1:
            labels.append(int(bounds[0]))
            continue
        low, high = int(bounds[0]), int(bounds[1])
        if not 0 < high - low <= 50:
            return ()  # "(1990-2017)" style: not a citation
        labels.extend(range(low, high + 1))
    if any(n == 0 or n > 999 for n in labels):
        return ()
    return tuple(str(n) for n in labels)


def _check_citations(
    references: tuple[Reference, ...],
    markers: tuple[Marker, ...],
    findings: list[Finding],
    *,
    has_list: bool,
) -> tuple[Reference, ...]:
    cited = sorted({label for m in markers for label in m.labels}, key=int)
    if not has_list:
        if cited:
            findings.append(
                Finding(
                    "no-reference-list",
                    f"the text cites {len(cited)} references ({_ranges(cited)}) "
                    "but prints no reference list",
                    Severity.ERROR,
                )
            )
        else:
            findings.append(
                Finding(
                    "no-reference-list",
                    "no reference list and no citation markers found in this document",
                    Severity.ERROR,
                )
            )
        return references
    if not markers:
        findings.append(
            Finding(
                "no-citation-markers",
                "no in-text citation markers found (abstract only?); "
                "the list could not be checked against the text",
                Severity.INFO,
            )
        )
        return references
    labels = {ref.label for ref in references}
    for marker in markers:
        missing = [label for label in marker.labels if label not in labels]
        if missing:
            findings.append(
                Finding(
                    "marker-without-entry",
                    f"line {marker.line}: citation {marker.text} refers to "
                    f"{', '.join(missing)}, which the reference list does not contain",
                    Severity.ERROR,
                )
            )
    cited_set = set(cited)
    out = []
    for ref in references:
        if ref.label not in cited_set:
            ref = ref.with_findings(
                [
                    Finding(
                        "never-cited",
                        f"entry {ref.label} is never cited in the text",
                        Severity.WARNING,
                    )
                ]
            )
        out.append(ref)
    return tuple(out)


def _ranges(labels: Sequence[str]) -> str:
    numbers = [int(x) for x in labels]
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(f"{start}–{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(spans)


def _own_record(
    lines: Sequence[str], section: tuple[int, int] | None, source: str
) -> tuple[Reference | None, int | None]:
    """The review's own bibliographic record, from a "For citations:" line or the page head,
    and the 1-based line of that "For citations:" line when there is one."""
    stated: Reference | None = None
    cite_line = None
    for i, line in enumerate(lines):
        m = _CITE_FOR.match(line)
        if not m:
            continue
        text = m["rest"].strip()
        j = i + 1
        while not text and j < len(lines):
            text = lines[j].strip()
            j += 1
        if text:
            stated = parse_reference(text, origin=Origin(source, i + 1))
            cite_line = i + 1
            break
    head_end = section[0] if section else len(lines)
    head = [(i, _BULLET.sub("", line).strip()) for i, line in enumerate(lines[:head_end])]
    head = [(i, line) for i, line in head if line]
    doi = None
    for _, line in head[:20]:
        if m_doi := find_doi(line):
            doi = m_doi.canonical
            break
    title = None
    authors: tuple[Person, ...] = ()
    title_line = None
    for i, line in head[:10]:
        if _reads_as_title(line):
            title, title_line = line.rstrip("."), i
            break
    if title_line is not None:
        for i, line in head:
            if i <= title_line:
                continue
            candidate = re.sub(r"[,\s]*(?:\d+|\*|†)(?:\s*,\s*(?:\d+|\*|†))*[,\s]*$", "", line)
            names = _names_line(candidate)
            if names:
                authors = names
            break
    if stated is None and title is None:
        return None, None
    if stated is None:
        own = Reference(
            raw="\n".join(lines[i] for i, _ in head[:3]),
            origin=Origin(source, (title_line or 0) + 1),
            title=title,
            authors=authors,
            doi=doi,
            type="article-journal",
        )
        return own, None
    if doi and not stated.doi:
        stated = attrs.evolve(stated, doi=doi)
    return stated, cite_line


def _reads_as_title(line: str) -> bool:
    """A heading-like line: several words, no closing period, no citation markers."""
    return (
        4 <= len(line.split()) <= 40
        and not line.lower().startswith(("http", "doi", "abstract", "introduction"))
        and not line.rstrip().endswith(".")
        and not _MARKER.search(line)
    )


def _names_line(line: str) -> tuple[Person, ...]:
    """'Batol Abbasi' or 'A. I. Karachunsky, Yu. V. Rumyantseva': a line of author names."""
    persons = []
    for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", line):
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return ()
        if any(re.search(r"\d", w) for w in words):
            return ()
        persons.append(Person(family=words[-1], given=" ".join(words[:-1])))
    return tuple(persons)
