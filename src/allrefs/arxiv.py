"""arXiv identifiers: find the e-print a reference cites, as physics and computer science print it.

Two schemes (https://info.arxiv.org/help/arxiv_identifier.html):

- since April 2007, ``YYMM.NNNN`` (to December 2014) or ``YYMM.NNNNN`` (from January 2015),
  with an optional version: ``arXiv:1504.01230v2``;
- before, the archive, an optional subject class and ``YYMMNNN``: ``hep-th/9611160``,
  ``math.AG/0601001``.

A new-style number is taken only after the word "arXiv" (``arXiv:1708.02952``, ``arXiv
preprint arXiv:1708.02952``, ``arxiv.org/abs/1708.02952``, ``[arXiv :1708 .02952]`` as PDF
extraction spaces it): alone, "1403.4686" could as well be pages or a report number. An
old-style one is taken anywhere, its archive name is mark enough (``[hep-th/0012041]``).
Pure functions, no IO.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["ArxivMatch", "cut_arxiv", "find_arxiv", "normalize_arxiv", "unversioned"]

#: the archives of the old scheme (arXiv's list, 1991 to March 2007)
_ARCHIVES = (
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg "
    "comp-gas cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph "
    "mtrl-th nlin nucl-ex nucl-th patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int "
    "supr-con"
).split()

_OLD = (
    r"(?P<archive>(?:" + "|".join(sorted(map(re.escape, _ARCHIVES), key=len, reverse=True)) + r")"
    r"(?:\.[A-Za-z]{2}(?:-[a-z]{2})?)?)"
    r"\s?/\s?(?P<old>\d{7})(?P<oldv>v\d+)?(?!\d)"
)
_NEW = r"(?P<yymm>\d{4})\s{0,2}\.\s{0,2}(?P<number>\d{4,5})(?P<newv>v\d+)?(?!\d)"

#: an old-style identifier, wherever it stands
_OLD_RE = re.compile(r"(?<![\w.-])" + _OLD, re.IGNORECASE)
#: the word arXiv, what may stand between it and the identifier, and the identifier
_AFTER_WORD_RE = re.compile(
    r"arxiv(?:\s?\.\s?org)?"
    # one way only to read what stands between (possessive) and at most 16 pieces of it, so no
    # input makes it backtrack ("arXiv : : : ..." took seconds per pair) or rescan the string
    r"(?:[\s:/,.\[]|e-?prints?|preprint|abs|pdf|arxiv){0,16}+"
    r"(?:" + _NEW + "|" + _OLD + ")",
    re.IGNORECASE,
)
#: the prefix that belongs to the identifier itself ("arXiv:", "arXiv :", "arXiv.org:")
_OWN_PREFIX_RE = re.compile(r"arxiv(?:\s?\.\s?org)?\s?:\s?$", re.IGNORECASE)


class ArxivMatch(NamedTuple):
    """An arXiv identifier as found: the identifier (version kept) and the span it covers."""

    arxiv: str
    start: int
    end: int


def _new_style(yymm: str, number: str) -> bool:
    month = int(yymm[2:])
    if not 1 <= month <= 12:
        return False
    if yymm < "0704":
        return False
    return len(number) == (5 if yymm >= "1501" else 4)


def _old_style(digits: str) -> bool:
    return 1 <= int(digits[2:4]) <= 12


def _identifier(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("yymm"):
        if not _new_style(groups["yymm"], groups["number"]):
            return None
        return f"{groups['yymm']}.{groups['number']}{(groups['newv'] or '').lower()}"
    if not _old_style(groups["old"]):
        return None
    archive, dot, subject = groups["archive"].partition(".")
    return f"{archive.lower()}{dot}{subject}/{groups['old']}{(groups['oldv'] or '').lower()}"


def find_arxiv(text: str) -> ArxivMatch | None:
    """The first arXiv identifier of a reference, or None.

    The span starts at an "arXiv:" glued to the identifier (not at "arXiv preprint" or "ArXiv
    e-prints", which the corpora read as a note or a container) and ends after the version."""
    found: list[ArxivMatch] = []
    low = text.lower()
    if "arxiv" in low:
        for m in _AFTER_WORD_RE.finditer(text):
            identifier = _identifier(m)
            if identifier is None:
                continue
            begin = m.start("yymm") if m["yymm"] else m.start("archive")
            own = _OWN_PREFIX_RE.search(text, max(m.start(), begin - 12), begin)
            found.append(ArxivMatch(identifier, own.start() if own else begin, m.end()))
            break
    if "/" in text:
        for m in _OLD_RE.finditer(text):
            identifier = _identifier(m)
            if identifier is not None:
                found.append(ArxivMatch(identifier, m.start(), m.end()))
                break
    return min(found, key=lambda f: f.start) if found else None


def cut_arxiv(text: str) -> tuple[str, str | None]:
    """``text`` with its first arXiv identifier replaced by a space, and the identifier; the
    text unchanged and None when it cites none."""
    found = find_arxiv(text)
    if found is None:
        return text, None
    return text[: found.start] + " " + text[found.end :], found.arxiv


def normalize_arxiv(value: str) -> str | None:
    """An identifier as a BibTeX ``eprint`` or CSL field gives it ("arXiv:1504.01230v2",
    "https://arxiv.org/abs/hep-th/9611160", "1504.01230"), in the form :func:`find_arxiv`
    returns; None when it is not one."""
    value = value.strip()
    m = re.fullmatch(_NEW + r"|" + _OLD, value, re.IGNORECASE)
    if m is None:
        found = find_arxiv(value if "arxiv" in value.lower() else "arXiv:" + value)
        return found.arxiv if found else None
    return _identifier(m)


def unversioned(arxiv: str) -> str:
    """The identifier without its version: one work, whichever version was cited."""
    return re.sub(r"v\d+$", "", arxiv).lower()
