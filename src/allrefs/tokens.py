"""Tokens of a reference string: words, numbers, page ranges, URLs and DOIs, and single
punctuation marks, each with where it sits in the string.

The CRF (:mod:`allrefs.crf`) tags the words; the label repairs (:mod:`allrefs.relabel`) read
them with the punctuation between them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

HYPHENS = "-‐‑–—"
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)\S*[^\s.,;)\]>]"  # a URL is one token
    r"|10\.\d{4,9}/\S*[^\s.,;\]>]"  # so is a DOI
    rf"|\w+(?:[{HYPHENS}'’]\w+)*"  # words, hyphenated words, page ranges
    r"|[^\w\s]",  # every other character on its own
)


class Token(NamedTuple):
    """One token of a reference string and where it sits in that string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split a reference string into words, numbers, ranges, URLs/DOIs and single punctuation."""
    # Only whitespace lies between two tokens, so each one is the next match of its own text:
    # findall and str.find cost half what a match object per token does.
    new = tuple.__new__  # what Token._make does, without a Python call per token
    find = text.find
    tokens: list[Token] = []
    append = tokens.append
    end = 0
    for word in _TOKEN_RE.findall(text):
        start = find(word, end)
        end = start + len(word)
        append(new(Token, (word, start, end)))
    return tokens


#: what a counter after a number names in Chinese, Japanese and Korean references: "12巻",
#: "제12권", "第3卷" a volume ("27집", "第5輯" a collection's number), "3号", "제3호", "第3期"
#: an issue ("10월호", "3月号" a month's issue), "45-67頁", "第92-96页", "122-129쪽",
#: "45-67면" pages
COUNTER_FIELDS = {
    **dict.fromkeys("권집卷巻輯辑", "volume"),
    **dict.fromkeys("호號号期", "issue"),
    **dict.fromkeys("쪽頁页면", "pages"),
}
_COUNTED = r"(?:총|통권|總|总|通巻)?[제第]?\d+(?:[-–~]\d+)?(?:월|月)?"
#: one number with its counter, or a volume and its issue glued ("第77巻第3号", "77巻3号")
COUNTER_RE = re.compile(rf"{_COUNTED}([권집卷巻輯辑호號号期쪽頁页면])(?:{_COUNTED}[호號号期])?")
#: the volume and the issue in such a token
COUNTED_VOLUME_ISSUE_RE = re.compile(r"(\d+)[권집卷巻輯辑][^\d]*(\d+)[호號号期]")
#: what follows an editor's name in Chinese, Japanese and Korean: "鈴木一郎編", "王五 主编",
#: "홍길동 엮음", "홍길동 편"
CJK_EDITED_BY = ("編著", "編集", "主编", "主編", "編", "编", "엮음", "편")
#: a word that names a publisher, not a periodical: "Widget Press", "Springer Verlag"
PUBLISHER_WORD_RE = re.compile(
    r"\b(?:Press|Publish\w*|Publications|Books|Verlag|Éditions|Editora|Inc|Ltd|LLC)\b"
)
#: an edition's number: "2nd", "3rd" (before "ed.")
EDITION_NUMBER = r"\d+(?:st|nd|rd|th)"
#: publishers whose names hold no word like "Press", lower-cased: the ones medical reviews
#: cite most
PUBLISHER_NAMES = frozenset(
    "elsevier saunders mosby lippincott wilkins wolters kluwer churchill livingstone karger "
    "thieme wiley springer mcgraw-hill blackwell routledge guilford norton raven informa "
    "taylor francis jaypee hogrefe".split()
)
#: repositories of data and code, lower-cased as a reference names them, and the CSL type of
#: what they publish
REPOSITORY_TYPES = {
    "zenodo": "dataset",
    "figshare": "dataset",
    "dryad": "dataset",
    "osf": "dataset",
    "physionet": "dataset",
    "harvard dataverse": "dataset",
    "dataverse": "dataset",
    "mendeley data": "dataset",
    "github": "software",
    "gitlab": "software",
    "bitbucket": "software",
}
#: a month's name as references print it, full or cut ("March", "Mar.", "Sept")
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: a year as references print it ("1998", "2001a")
YEAR_RE = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
#: a page or an article number: "1541", "S15", "e0123456", "CD004366", "taaa021"; letters
#: only at a word's start ("number63" is page 63)
PAGE = r"(?:(?<![A-Za-z])[A-Za-z]{1,4})?\d+[A-Za-z]?"
#: a range of numbers: pages ("1325-1342", "S12–S19"), years ("1964–2004")
RANGE_RE = re.compile(rf"[A-Za-z]?\d+[{HYPHENS}]+[A-Za-z]?\d+")


def is_word(token: str) -> bool:
    """Words, numbers, URLs and DOIs are tagged; single punctuation marks are not."""
    return len(token) > 1 or token.isalnum()


def is_apostrophe(tokens: Sequence[Token], i: int) -> bool:
    """A '’' glued to a following letter or two ("1990-’s") is an apostrophe, not a quote."""
    if i + 1 >= len(tokens) or tokens[i + 1].start != tokens[i].end:
        return False
    return tokens[i + 1].text.isalpha() and len(tokens[i + 1].text) <= 2


#: a name's suffix as printed, case and all: "Wimsatt Jr.", "Smith III", "Merrill AH Jr"
#: ("JR" is two initials); the ordinals as PubMed and older lists print them after the
#: initials: "Cheatham TE 3rd", "Gretz HF 3d", "Eger EI 2nd"
WORD_NAME_SUFFIXES = ("Jr", "Sr", "III", "II", "IV")
ORDINAL_NAME_SUFFIXES = ("2nd", "3rd", "3d", "4th", "5th")
PRINTED_NAME_SUFFIXES = frozenset(WORD_NAME_SUFFIXES + ORDINAL_NAME_SUFFIXES)
#: the same in lower case, for what follows a family name in any case
NAME_SUFFIXES = frozenset(s.lower() for s in PRINTED_NAME_SUFFIXES)
#: initials printed as capitals, four at most ("JP", "MWW")
CAPS_INITIALS_RE = re.compile(r"[A-ZА-ЯЁ]{1,4}")
#: initials with a Russian letter transliterated in two: "Smirnov AYu", "Ivanov ChT",
#: "Kudryashova YuA"; each letter is one initial ("A. Yu.")
TRANSLITERATED_INITIALS_RE = re.compile(r"[A-Z]?(?:Yu|Ya|Ye|Yo|Zh|Kh|Ch|Sh|Ts)[A-Z]?")
_INITIAL_LETTERS_RE = re.compile(r"[A-Z][a-z]?")


def transliterated_initials(word: str) -> list[str]:
    """'AYu' -> ['A.', 'Yu.']: each letter of such initials with its period."""
    return [f"{letter}." for letter in _INITIAL_LETTERS_RE.findall(word)]


#: lower-case words that open a family name ("van der Berg", "'t Hooft")
PARTICLES = frozenset(
    "de la le van der den von da das do dos di del du ten ter vom zu y 't ’t ‘t".split()
)
#: double quotation marks, which open and close a quoted title
DOUBLE_QUOTES = frozenset('"“”„«»')
#: GB/T 7714's document types, printed in brackets after a title: "[J]" journal article, "[M]"
#: book, "[C]" proceedings, "[D]" thesis, "[R]" report, "[S]" standard, "[N]" newspaper, "[P]"
#: patent, "[G]" collection, "[Z]" other, "[A]" article in a collection
GBT_DOCUMENT_TYPES = frozenset("JMCDRSNPGZA")
