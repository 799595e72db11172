"""Field precision, recall and F1 of allrefs' parser beside reference parsers from PyPI.

    python bench/parse_peers.py [--data ../shared/data] [--limit N]

Every parser reads the same held-out strings that ``bench/parse_eval.py`` scores: the test split
of ``allrefs.train.split(load_all(data))`` (AnyStyle core.xml, GROBID's citation corpus, ParsCit;
gold fields built from the gold token labels by ``allrefs.crf.reference_from_labels``) and the
PubMed Central strings of biblio-glutton held out by ``allrefs.train.pmc_split``, scored against
the 'all' gold and the 'consistent' gold (``parse_eval.gold_problems`` left out). Values are
compared after ``parse_eval.fold`` (accents, case, punctuation and spacing removed). Time per
reference is the parse call alone, on one core, after import and after a first call has loaded
any model, measured while parsing the PMC held-out strings.

The data, to download the same files: AnyStyle res/parser/core.xml (github.com/inukshuk/anystyle),
GROBID grobid-trainer/resources/dataset/citation/corpus (github.com/kermitt2/grobid), ParsCit
doc/*.tagged.txt (github.com/knmnyn/ParsCit), biblio-glutton doc/references-doi-matching.json.gz
(github.com/kermitt2/biblio-glutton); see ../shared/data/README.md for the commits.

Peers (each is skipped, with a line saying how to install it, when it is not importable):

- ``refextract`` (inspirehep, GPL-2.0-or-later): ``extract_references_from_string``. It reads a
  reference list, one reference per line, so the string's lines are first joined by refextract's
  own ``join_lines`` (as it rejoins a wrapped reference). Where it splits the one string into
  several references, each field is taken from the first of them that has it. It returns the
  author list as one string, split into persons here by ``allrefs.crf.split_persons`` (the
  function that builds the gold authors), and pages as one string, split by
  ``allrefs.parse.split_pages``. It gives journal names as INSPIRE's abbreviations ("Commun. ACM")
  and a title only when the title is quoted or a known book; it has no issue, place or editors.

Looked at and left out, as they cannot read a free-text reference: ``refparse`` 0.5.0 reads only
Web of Science, Scopus and CSSCI export strings ("Author, Year, SOURCE, Vnn, Pnn"); ``refkit``
0.4.0 decodes BibLaTeX, Hayagriva YAML and CSL-JSON and has no plain-text parser.

Install the peers beside allrefs without touching its environment:

    python -m venv --system-site-packages /tmp/peersvenv
    /tmp/peersvenv/bin/pip install refextract==1.1.7
    /tmp/peersvenv/bin/python bench/parse_peers.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import collections
import importlib.metadata
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from allrefs.crf import split_persons
from allrefs.model import Person, Reference
from allrefs.parse import parse_reference, split_pages
from allrefs.train import Sample, load_all, split
from parse_eval import (
    FIELDS,
    GROUPS,
    PMC_FIELDS,
    Score,
    _table,
    gold_of,
    group_of,
    load_pmc_checked,
    pooled,
    score_variants,
)

Parser = Callable[[str], Reference]
Golds = dict[str, Sequence[dict[str, str | None]]]
#: references no data set holds, parsed before anything is timed (Vancouver, then APA, which
#: allrefs reads with its learned model: the first call loads it)
WARM_UP = (
    "Smith JP, Jones K. A study of warm starts. J Test Med. 2001;12(3):45-67.",
    "Smith, J. P., & Jones, K. (2001). A study of warm starts. Journal of Tests, 12(3), 45-67.",
)


class Timed:
    """A parser that never raises: counts calls, failures and the time spent in the parse."""

    def __init__(
        self, name: str, parse: Parser, version: str, import_seconds: float | None
    ) -> None:
        self.name, self.parse, self.version = name, parse, version
        self.import_seconds = import_seconds
        self.first_call = 0.0
        self.seconds = 0.0
        self.calls = self.failures = 0
        self.errors: collections.Counter[str] = collections.Counter()
        self.timing = False

    def warm_up(self) -> None:
        started = time.perf_counter()
        for text in WARM_UP:
            self(text)
        self.first_call = time.perf_counter() - started
        if isinstance(self.parse, RefextractAdapter):
            self.parse.calls = self.parse.empty = self.parse.split = 0

    def __call__(self, text: str) -> Reference:
        started = time.perf_counter()
        try:
            ref = self.parse(text)
        except Exception as exc:  # a peer's crash is scored as an empty reading
            self.failures += 1
            self.errors[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
            ref = Reference(raw=text)
        if self.timing:
            self.seconds += time.perf_counter() - started
            self.calls += 1
        return ref


class RefextractAdapter:
    """``refextract.extract_references_from_string`` output as a Reference."""

    def __init__(self) -> None:
        from refextract import extract_references_from_string
        from refextract.documents.text import join_lines

        self._extract = extract_references_from_string
        self._join = join_lines
        self.calls = self.empty = self.split = 0

    def __call__(self, text: str) -> Reference:
        self.calls += 1
        line = ""
        for part in text.splitlines():
            line = self._join(line, part.strip())
        found: list[dict[str, list[str]]] = self._extract(line.strip())
        if not found:
            self.empty += 1
            return Reference(raw=text)
        self.split += len(found) > 1

        def first(*keys: str) -> str | None:
            for key in keys:
                for ref in found:
                    for value in ref.get(key, ()):
                        if value and value.strip():
                            return str(value).strip()
            return None

        authors: tuple[Person, ...] = ()
        for ref in found:
            names = [a.strip().removeprefix("(").removesuffix(")") for a in ref.get("author", ())]
            names = [n for n in names if n.strip()]
            if names:
                authors, _ = split_persons(", ".join(names))
                break
        year_text = first("year", "journal_year")
        year_match = re.search(r"(?<!\d)(\d{4})(?!\d)", year_text or "")
        page_first, page_last = split_pages(first("journal_page"))
        doi = first("doi")
        return Reference(
            raw=text,
            authors=authors,
            title=first("title"),
            container_title=first("journal_title"),
            publisher=first("publisher"),
            year=int(year_match.group(1)) if year_match else None,
            volume=first("journal_volume"),
            page_first=page_first,
            page_last=page_last,
            doi=doi.removeprefix("doi:") if doi else None,
        )

    def notes(self) -> str:
        return (
            f"refextract returned no reference for {self.empty:,} and split the string into "
            f"several references for {self.split:,} of the {self.calls:,} strings it read"
        )


#: name -> (distribution, how to install, adapter factory)
PEERS: dict[str, tuple[str, str, Callable[[], Parser]]] = {
    "refextract": (
        "refextract",
        "pip install refextract==1.1.7 (e.g. into a venv made with --system-site-packages)",
        RefextractAdapter,
    ),
}


def load_parsers() -> dict[str, Timed]:
    version = importlib.metadata.version("allrefs")
    # allrefs is imported with this script, before the clock could start
    parsers = {"allrefs": Timed("allrefs", lambda t: parse_reference(t), version, None)}
    for name, (dist, install, factory) in PEERS.items():
        started = time.perf_counter()
        try:
            adapter = factory()
        except ImportError as exc:
            print(f"- {name} skipped, not importable ({exc}): {install}")
            continue
        took = time.perf_counter() - started
        parsers[name] = Timed(name, adapter, importlib.metadata.version(dist), took)
    return parsers


def _add(total: dict[str, Score], part: dict[str, Score]) -> None:
    for f, sc in part.items():
        total[f] = pooled((total[f], sc))


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--limit", type=int, default=0, help="first N references of each data set")
    args = ap.parse_args(argv)
    logging.getLogger("refextract").setLevel(logging.ERROR)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    print("# Reference parsing beside PyPI peers: held-out field scores (soft match)\n")
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"command: `python bench/parse_peers.py --data {args.data}{limit}`\n")
    parsers = load_parsers()
    for t in parsers.values():
        t.warm_up()
    names = list(parsers)
    versions = ", ".join(f"{n} {parsers[n].version}" for n in names)
    print(f"python {sys.version.split()[0]}; {versions}")

    _, test = split(load_all(args.data))
    groups: dict[str, list[Sample]] = collections.defaultdict(list)
    for s in test:
        groups[group_of(s)].append(s)
    overall: dict[str, dict[str, float]] = collections.defaultdict(dict)
    sizes: dict[str, int] = {}
    never: dict[str, collections.Counter[str]] = {n: collections.Counter() for n in names}
    totals = {p: {f: Score() for f in (*FIELDS, "all")} for p in names}
    for name in GROUPS:
        samples = groups[name][: args.limit or None]
        texts = [s.text for s in samples]
        golds: Golds = {"": [gold_of(s) for s in samples]}
        results = {p: score_variants(texts, golds, parsers[p], FIELDS)[""] for p in names}
        for p in names:
            _add(totals[p], results[p])
            overall[name][p] = results[p]["all"].prf()[2]
        sizes[name] = len(samples)
        print(_table(name, len(samples), results, FIELDS))
    n_test = sum(sizes.values())
    print(_table("all labelled held-out (AnyStyle + GROBID + ParsCit)", n_test, totals, FIELDS))
    for p in names:
        overall["all labelled"][p] = totals[p]["all"].prf()[2]
        never[p].update(f for f in FIELDS if totals[p][f].gold and not totals[p][f].predicted)
    sizes["all labelled"] = n_test

    pmc = load_pmc_checked(args.data)[: args.limit or None]
    texts = [text for _, _, text in pmc]
    pmc_golds: Golds = {
        "all": [gold for gold, _, _ in pmc],
        "consistent": [
            {k: v for k, v in gold.items() if k not in problems} for gold, problems, _ in pmc
        ],
    }
    both = {}
    for p in names:
        parsers[p].timing = True
        both[p] = score_variants(texts, pmc_golds, parsers[p], PMC_FIELDS)
        parsers[p].timing = False
    for variant, title in (
        ("all", "PubMed Central strings (biblio-glutton)"),
        ("consistent", "PubMed Central strings, consistent gold"),
    ):
        print(_table(title, len(pmc), {p: both[p][variant] for p in names}, PMC_FIELDS))
        for p in names:
            overall[f"PMC, {variant} gold"][p] = both[p][variant]["all"].prf()[2]
        sizes[f"PMC, {variant} gold"] = len(pmc)

    print("\n### Overall F1 per data set\n")
    print("| data set | refs |" + "".join(f" {p} |" for p in names))
    print("|---|---:|" + "---:|" * len(names))
    for name, row in overall.items():
        print(f"| {name} | {sizes[name]:,} |" + "".join(f" {row[p]:.3f} |" for p in names))

    print(f"\n### Time per reference ({len(pmc):,} PMC held-out strings, one core, after import)\n")
    print("| parser | version | ms / ref | refs / s | import s | first calls s | failures |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for p in names:
        t = parsers[p]
        per = t.seconds / t.calls if t.calls else 0.0
        rate = f"{1 / per:,.0f}" if per else "-"
        imported = "-" if t.import_seconds is None else f"{t.import_seconds:.2f}"
        print(
            f"| {p} | {t.version} | {per * 1000:.2f} | {rate} | {imported} | "
            f"{t.first_call:.2f} | {t.failures:,} |"
        )
    print()
    for p in names:
        t = parsers[p]
        if never[p]:
            print(f"- {p} never filled, on the labelled sets: {', '.join(sorted(never[p]))}")
        for error, count in t.errors.most_common(5):
            print(f"- {p} raised {count:,} times: {error}")
        if isinstance(t.parse, RefextractAdapter):
            print(f"- {t.parse.notes()}")


if __name__ == "__main__":
    main()
