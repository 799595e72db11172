"""Citation keys: readable (``hunger2015acute``), deterministic, unique within a file, and
stable when other entries change (a key depends only on its own entry and its namesakes)."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence

from allrefs.model import Reference
from allrefs.text import HAN, HANGUL, HIRAGANA, KATAKANA, slug

_STOPWORDS = frozenset(
    (
        "a an the on of in for and or to with from by at as is are be its into via about "
        "der die das ein eine le la les un une el los las il lo de des du"
    ).split()
)
#: a title's words for its key: runs of Han letters, of katakana, of hiragana, or of any other
#: letters and digits (Hangul and Latin apart: "ICT활용수업" is "ICT" and "활용수업")
_WORD_RE = re.compile(
    f"(?P<han>[{HAN}]+)|(?P<katakana>[{KATAKANA}]+)|(?P<kana>[{HIRAGANA}]+)|[{HANGUL}]+"
    rf"|[^\W_{HIRAGANA}{KATAKANA}{HAN}{HANGUL}]+"
)
_SAFE_SOURCE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.\-+/]{0,63}$")


def base_key(reference: Reference) -> str:
    """family + year + first significant title word, ASCII lower-case (other scripts
    transliterated: 王晓明 2019 "中国..." → wangxiaoming2019zhongguo)."""
    family = ""
    if reference.authors:
        person = reference.authors[0]
        family = slug(person.family or person.literal or "", max_len=20)
        if person.literal and not person.family:
            family = slug((person.literal or "").split()[0], max_len=20)
    word = ""
    for m in _WORD_RE.finditer(reference.title or reference.container_title or ""):
        if m["kana"]:
            continue  # hiragana: the particles between Japanese words ("の", "における")
        if m["han"] or m["katakana"]:
            # Chinese and Japanese print no spaces: two Han letters are most often a word, and
            # a katakana run is one loan word ("インスリン")
            word = slug(m["han"][:2] if m["han"] else m["katakana"], max_len=20)
        else:
            candidate = slug(m.group(), max_len=20)
            if candidate in _STOPWORDS or candidate.isdigit():
                continue
            word = candidate
        if word:
            break
    year = str(reference.year) if reference.year else ""
    key = f"{family or 'anon'}{year}{word}"
    return key if key != "anon" else "anon"


def citation_keys(references: Sequence[Reference]) -> list[str]:
    """One key per reference, in order. A key the source gave (BibTeX key, CSL id) is kept
    when it is safe and unique; otherwise the readable key, with a, b, ... on collision."""
    source_keys = [r.source_key for r in references]
    counts: dict[str, int] = {}
    for key in source_keys:
        if key:
            counts[key] = counts.get(key, 0) + 1
    chosen: list[str | None] = [
        key if key and counts[key] == 1 and _SAFE_SOURCE_KEY.match(key) else None
        for key in source_keys
    ]
    taken = {key for key in chosen if key}
    bases = [base_key(r) if chosen[i] is None else "" for i, r in enumerate(references)]
    groups: dict[str, list[int]] = {}
    for index, base in enumerate(bases):
        if base:
            groups.setdefault(base, []).append(index)
    for base, members in groups.items():
        if len(members) == 1 and base not in taken:
            chosen[members[0]] = base
            taken.add(base)
            continue
        suffixes = _suffixes()
        for index in members:
            key = base + next(suffixes)
            while key in taken:
                key = base + next(suffixes)
            chosen[index] = key
            taken.add(key)
    return [key or "anon" for key in chosen]


def _suffixes() -> Iterator[str]:
    letters = string.ascii_lowercase
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second
