"""Citation keys in a manuscript (LaTeX or pandoc Markdown) and the check of those keys
against a bibliography. Pure: text and references in, a `ManuscriptCheck` out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from allrefs.model import Entry, Finding, Severity
from allrefs.resolve import entry_priority

__all__ = [
    "BibEntry",
    "Citation",
    "ManuscriptCheck",
    "check_manuscript",
    "extract_citations",
    "extract_latex_citations",
    "extract_markdown_citations",
    "manuscript_format",
]

#: finding codes that mean a cited work should not be cited as it is
RETRACTION_CODES = frozenset({"retracted", "partially-retracted"})


@attrs.frozen
class Citation:
    """One key cited at one place: the key as written, the 1-based line and the command."""

    key: str
    line: int
    command: str


@attrs.frozen
class BibEntry:
    """One bibliography entry as `check` sees it: its key as written and what was found."""

    key: str
    line: int | None
    title: str | None
    entry: Entry

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.entry.findings

    @property
    def retracted(self) -> bool:
        return any(f.code in RETRACTION_CODES for f in self.findings)


@attrs.frozen
class ManuscriptCheck:
    """What `allrefs check` reports: missing keys, uncited entries, entries with findings."""

    manuscript: str
    bibliography: str
    citations: tuple[Citation, ...]
    entries: tuple[BibEntry, ...]
    #: cited key -> lines, for keys the bibliography lacks
    missing: tuple[tuple[str, tuple[int, ...]], ...]
    uncited: tuple[BibEntry, ...]
    #: entries with warning or error findings, retracted first
    flagged: tuple[BibEntry, ...]
    duplicate_keys: tuple[tuple[str, tuple[int | None, ...]], ...]
    #: ``\nocite{*}`` or pandoc ``nocite: '@*'``: every entry counts as cited
    cites_all: bool = False

    @property
    def needs_fixing(self) -> bool:
        """Something an author must fix before submitting: exit code 1."""
        return bool(
            self.missing
            or self.duplicate_keys
            or any(f.severity is Severity.ERROR for e in self.flagged for f in e.findings)
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "manuscript": self.manuscript,
            "bibliography": self.bibliography,
            "needs_fixing": self.needs_fixing,
            "cited_keys": sorted({c.key for c in self.citations}),
            "missing": [{"key": key, "lines": list(lines)} for key, lines in self.missing],
            "uncited": [{"key": e.key, "line": e.line, "title": e.title} for e in self.uncited],
            "duplicate_keys": [
                {"key": key, "lines": list(lines)} for key, lines in self.duplicate_keys
            ],
            "flagged": [
                {
                    "key": e.key,
                    "line": e.line,
                    "title": e.title,
                    "verdict": e.entry.verdict.value,
                    "retracted": e.retracted,
                    "findings": [
                        f.as_dict() for f in e.findings if f.severity is not Severity.INFO
                    ],
                }
                for e in self.flagged
            ],
            "cites_all": self.cites_all,
        }


# -- LaTeX --------------------------------------------------------------------------------

# Environments whose content LaTeX does not read as text: nothing cited inside counts.
_VERBATIM_ENVS = (
    "verbatim",
    "verbatim\\*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "filecontents",
    "filecontents\\*",
    "alltt",
    "BVerbatim",
    "LVerbatim",
)
_VERBATIM_BLOCK = re.compile(
    r"\\begin\{(" + "|".join(_VERBATIM_ENVS) + r")\}.*?\\end\{\1\}", re.DOTALL
)
_INLINE_VERB = re.compile(r"\\(?:verb|lstinline|mintinline\{[^}]*\})\*?([^\w\s{])(?:(?!\1).)*\1")
_IFFALSE = re.compile(r"\\iffalse\b.*?\\fi\b", re.DOTALL)
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%.*")
# \cite, \citep*, \Textcite, \autocite, \parencites, \footcitetext, \nocite, \citeauthor ...;
# not \citestyle, \citeform-like settings commands
_CITE_COMMAND = re.compile(
    r"\\((?:[A-Za-z]*cite[A-Za-z]*|[Nn]ocite|cite))(\*?)(?![A-Za-z])",
)
_NOT_CITATIONS = frozenset(
    {
        "citestyle",
        "citeurlfont",
        "citeform",
        "citesetup",
        "citeindexfalse",
        "citeindextrue",
        "citetrackerfalse",
        "citetrackertrue",
        "citereset",
        "citeresetaux",
    }
)


def _blank(match: re.Match[str]) -> str:
    """Replace a span by spaces, keeping its newlines so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def strip_latex_noncode(text: str) -> str:
    """The text with comments, verbatim environments, ``\\verb`` and ``\\iffalse`` blanked."""
    text = _VERBATIM_BLOCK.sub(_blank, text)
    text = _IFFALSE.sub(_blank, text)
    text = _INLINE_VERB.sub(_blank, text)
    return _COMMENT.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _group(text: str, i: int, opening: str, closing: str) -> tuple[str, int] | None:
    """The balanced group starting at ``text[i]`` (which must be ``opening``) and its end."""
    if i >= len(text) or text[i] != opening:
        return None
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "\\":
            continue
        if text[j] == opening:
            depth += 1
        elif text[j] == closing:
            depth -= 1
            if depth == 0:
                return text[i + 1 : j], j + 1
    return None


def _keys_in(group: str) -> list[str]:
    return [key.strip() for key in group.split(",") if key.strip()]


def extract_latex_citations(text: str) -> list[Citation]:
    """Every key in ``\\cite``-family commands (natbib, biblatex, multicite ``\\cites``),
    with their optional arguments, outside comments and verbatim material."""
    clean = strip_latex_noncode(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", clean)]
    citations: list[Citation] = []

    def line_of(position: int) -> int:
        low, high = 0, len(line_starts)
        while low + 1 < high:
            mid = (low + high) // 2
            if line_starts[mid] <= position:
                low = mid
            else:
                high = mid
        return low + 1

    for match in _CITE_COMMAND.finditer(clean):
        command = match.group(1)
        if command in _NOT_CITATIONS:
            continue
        i = match.end()
        multi = command.endswith("cites")
        # global pre/postnotes of multicite commands: (pre)(post)
        while multi:
            i2 = _skip_space(clean, i)
            paren = _group(clean, i2, "(", ")")
            if paren is None:
                break
            i = paren[1]
        while True:
            j = _skip_space(clean, i)
            for _ in range(2):  # up to two optional arguments: [pre][post]
                bracket = _group(clean, j, "[", "]")
                if bracket is None:
                    break
                j = _skip_space(clean, bracket[1])
            brace = _group(clean, j, "{", "}")
            if brace is None:
                break
            line = line_of(j)
            for key in _keys_in(brace[0]):
                citations.append(Citation(key=key, line=line, command="\\" + command))
            i = brace[1]
            if not multi:
                break
    return citations


# -- pandoc Markdown ----------------------------------------------------------------------

_FENCE = re.compile(
    r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[`~]*[ \t]*$|\Z)", re.M | re.S
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MATH = re.compile(r"\$\$.*?\$\$|(?<![\\$])\$(?=\S)[^$\n]*?(?<=\S)\$(?!\d)", re.S)
_RAW_LATEX_ENV = re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S)
# pandoc: a key starts with a letter, digit or _, then alphanumerics, _ and single internal
# punctuation from :.#$%&-+?<>~/ ; @{...} allows anything but braces
_MD_KEY = r"[\w](?:[\w]|[:.#$%&\-+?<>~/](?=[\w]))*"
_MD_CITATION = re.compile(
    r"(?<![\w@\\])-?@(?:\{(?P<braced>[^{}\s][^{}]*)\}|(?P<plain>" + _MD_KEY + "))"
)
#: pandoc-crossref and Quarto cross-reference labels are not citations
_CROSSREF_PREFIXES = tuple(
    f"{kind}{sep}"
    for kind in ("fig", "sec", "tbl", "eq", "lst", "thm", "lem", "cor", "prp", "def", "exm")
    for sep in ":-"
)
_NOCITE = re.compile(r"^nocite:\s*(?P<value>(?:.*)(?:\n[ \t]+.*)*)", re.M)


def strip_markdown_noncode(text: str) -> str:
    """The text with front matter, fenced and indented code, inline code, HTML comments,
    math and raw LaTeX environments blanked (``nocite`` in the front matter is kept)."""
    front = _FRONT_MATTER.match(text)
    if front:
        nocite = _NOCITE.search(front.group(0))
        blanked = _blank(front)
        if nocite:
            start, end = nocite.span("value")
            blanked = blanked[:start] + front.group(0)[start:end] + blanked[end:]
        text = blanked + text[front.end() :]
    text = _FENCE.sub(_blank, text)
    text = _HTML_COMMENT.sub(_blank, text)
    text = _INLINE_CODE.sub(_blank, text)
    text = _RAW_LATEX_ENV.sub(_blank, text)
    text = _MATH.sub(_blank, text)
    # indented code blocks: four spaces after a blank line
    lines = text.split("\n")
    in_code = False
    for n, line in enumerate(lines):
        previous_blank = n == 0 or not lines[n - 1].strip()
        indented = line.startswith(("    ", "\t")) and (in_code or previous_blank)
        if indented and line.strip() and not _is_list_continuation(lines, n):
            lines[n] = " " * len(line)
            in_code = True
            continue
        if line.strip():
            in_code = False
    return "\n".join(lines)


def _is_list_continuation(lines: Sequence[str], n: int) -> bool:
    """An indented paragraph under a list item is text, not code."""
    for back in range(n - 1, -1, -1):
        line = lines[back]
        if not line.strip():
            continue
        if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line):
            return True
        if not line.startswith(("    ", "\t")):
            return False
    return False


def extract_markdown_citations(text: str) -> list[Citation]:
    """Every pandoc citation: ``[@key]``, ``[see @a, p. 3; @b]``, ``[-@key]``, ``@key`` in
    text, ``@{odd key}``; not e-mail addresses, code, math or cross-reference labels."""
    clean = strip_markdown_noncode(text)
    citations = []
    for number, line in enumerate(clean.split("\n"), start=1):
        for match in _MD_CITATION.finditer(line):
            key = match.group("braced") or match.group("plain")
            if not key or key.startswith(_CROSSREF_PREFIXES):
                continue
            command = "[@]" if _in_brackets(line, match.start()) else "@"
            citations.append(Citation(key=key, line=number, command=command))
    return citations


def _in_brackets(line: str, position: int) -> bool:
    return line.rfind("[", 0, position) > line.rfind("]", 0, position)


# -- which format -------------------------------------------------------------------------

_LATEX_SUFFIXES = (".tex", ".ltx", ".latex", ".sty", ".cls", ".dtx")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd", ".pmd", ".mdown", ".txt")


def manuscript_format(text: str, suffix: str = "") -> str:
    """``latex`` or ``markdown``: from the suffix, else from the content."""
    suffix = suffix.lower()
    if suffix in _LATEX_SUFFIXES:
        return "latex"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if re.search(r"\\(?:documentclass|begin\{document\}|[A-Za-z]*cite[a-z]*\*?\s*[\[{])", text):
        return "latex"
    return "markdown"


def extract_citations(text: str, kind: str) -> list[Citation]:
    """Citations of a ``latex`` or ``markdown`` manuscript."""
    if kind == "latex":
        return extract_latex_citations(text)
    if kind == "markdown":
        return extract_markdown_citations(text)
    raise ValueError(f"manuscript format must be latex or markdown, not {kind!r}")


# -- the check ----------------------------------------------------------------------------


def check_manuscript(
    manuscript: str,
    citations: Sequence[Citation],
    bibliography: str,
    entries: Iterable[BibEntry],
) -> ManuscriptCheck:
    """Compare the cited keys with the bibliography's keys. LaTeX keys are case-sensitive
    for bibtex and biber, and so is pandoc: a key that differs only in case is missing."""
    entries = tuple(entries)
    key_counts = Counter(e.key for e in entries)
    duplicates = tuple(
        (key, tuple(e.line for e in entries if e.key == key))
        for key in sorted(k for k, count in key_counts.items() if count > 1)
    )
    known = set(key_counts)
    cites_all = any(c.key == "*" for c in citations)
    real = [c for c in citations if c.key != "*"]
    cited = {c.key for c in real}
    missing_lines: dict[str, list[int]] = {}
    for citation in real:
        if citation.key not in known:
            missing_lines.setdefault(citation.key, []).append(citation.line)
    missing = tuple((key, tuple(sorted(set(lines)))) for key, lines in missing_lines.items())
    seen: set[str] = set()
    uncited = []
    for entry in entries:
        if entry.key not in cited and not cites_all and entry.key not in seen:
            uncited.append(entry)
        seen.add(entry.key)
    flagged = [e for e in entries if any(f.severity is not Severity.INFO for f in e.findings)]
    flagged.sort(key=lambda e: entry_priority(e.entry))
    return ManuscriptCheck(
        manuscript=manuscript,
        bibliography=bibliography,
        citations=tuple(citations),
        entries=entries,
        missing=missing,
        uncited=tuple(uncited),
        flagged=tuple(flagged),
        duplicate_keys=duplicates,
        cites_all=cites_all,
    )


def render_check(check: ManuscriptCheck, *, suggestions: dict[str, str] | None = None) -> str:
    """The check as lines for a terminal: each problem names the file, line and key."""
    out: list[str] = []
    for key, lines in check.missing:
        where = ", ".join(f"{check.manuscript}:{n}" for n in lines)
        hint = (suggestions or {}).get(key)
        extra = f" (did you mean {hint!r}?)" if hint else ""
        out.append(
            f"missing: {key!r} is cited at {where} but {check.bibliography} has no entry with "
            f"that key{extra}"
        )
    for key, places in check.duplicate_keys:
        where = ", ".join(f"line {n}" for n in places if n) or "several entries"
        out.append(
            f"duplicate key: {key!r} is used by {len(places)} entries in {check.bibliography} "
            f"({where}); bibtex and biber keep only one. Give each entry its own key."
        )
    for entry in check.flagged:
        tag = "RETRACTED" if entry.retracted else entry.entry.verdict.value
        where = f"{check.bibliography}:{entry.line}" if entry.line else check.bibliography
        out.append(f"{tag}: {entry.key} ({where}) “{entry.title or 'untitled'}”")
        for finding in entry.findings:
            if finding.severity is not Severity.INFO:
                out.append(f"    {finding.severity.value}: {finding.message}")
    for entry in check.uncited:
        where = f"{check.bibliography}:{entry.line}" if entry.line else check.bibliography
        out.append(f"uncited: {entry.key} ({where}) is never cited in {check.manuscript}")
    return "\n".join(out)


def summary_line(check: ManuscriptCheck) -> str:
    cited = len({c.key for c in check.citations if c.key != "*"})
    retracted = sum(1 for e in check.flagged if e.retracted)
    parts = [
        f"{cited} keys cited",
        f"{len(check.entries)} entries",
        f"{len(check.missing)} missing",
        f"{len(check.uncited)} uncited",
        f"{len(check.flagged)} with findings",
    ]
    if retracted:
        parts.append(f"{retracted} retracted")
    if check.duplicate_keys:
        parts.append(f"{len(check.duplicate_keys)} duplicate keys")
    verdict = "needs fixing" if check.needs_fixing else "ok"
    return f"{check.manuscript}: {', '.join(parts)}: {verdict}"
