"""Field-level precision, recall and F1 of the learned parser beside the rule-based one.

    python bench/parse_eval.py [--data ../shared/data] [--model PATH] [--throughput N]

Held-out splits come from ``allrefs.train.split`` (whole GROBID documents; contiguous blocks of 50
for AnyStyle core.xml and ParsCit, which carry no document ids). The 17,015 PubMed Central
strings of biblio-glutton are split in contiguous blocks of 50 (an article's list stays together):
a fifth of the blocks gives silver training labels, the other four fifths are held out here.

The data, to download the same files: AnyStyle res/parser/core.xml (github.com/inukshuk/anystyle),
GROBID grobid-trainer/resources/dataset/citation/corpus (github.com/kermitt2/grobid), ParsCit
doc/*.tagged.txt (github.com/knmnyn/ParsCit), biblio-glutton doc/references-doi-matching.json.gz
(github.com/kermitt2/biblio-glutton); see ../shared/data/README.md for the commits.

Gold structured fields are built from the gold token labels by the same
``allrefs.crf.reference_from_labels`` that builds the model's output, and values are compared
after folding (accents, case, punctuation and spacing removed), like GROBID's "soft" matching.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from allrefs import crf
from allrefs.model import Reference
from allrefs.train import (
    SEED,
    Sample,
    folded_index,
    load_all,
    load_pmc_rows,
    pmc_split,
    split,
)

FIELDS = (
    "first_author",
    "authors",
    "title",
    "container_title",
    "year",
    "volume",
    "issue",
    "page_first",
    "page_last",
    "publisher",
    "publisher_place",
    "editors",
)
PMC_FIELDS = ("first_author", "title", "container_title", "volume", "page_first")
#: the fields that decide DOI matching and deduplication (the issue's 0.97 target)
DECIDING = ("first_author", "title", "year", "volume", "page_first")
#: the labelled corpora as reported: ParsCit's files other than CORA together
GROUPS = ("anystyle", "grobid", "parscit-cora", "parscit-other")
PUBLISHED = {
    "grobid": "GROBID CRF 0.945 / DL 0.952 (10-fold CV, field F1)",
    "parscit-cora": "ParsCit 0.95 on CORA (field F1)",
}

Parser = Callable[[str], Reference]


def fold(value: object) -> str | None:
    """Accents, case, punctuation and spacing removed: GROBID's 'soft' field match."""
    if value is None or value == "" or value == ():
        return None
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\W_]+", "", text.lower())
    return text or None


def field_values(ref: Reference) -> dict[str, str | None]:
    """The compared fields of one Reference, folded."""
    return {
        "first_author": fold(ref.first_author_family),
        "authors": fold("|".join(p.family or p.literal or "" for p in ref.authors)),
        "title": fold(ref.title),
        "container_title": fold(ref.container_title),
        "year": fold(ref.year),
        "volume": fold(ref.volume),
        "issue": fold(ref.issue),
        "page_first": fold(ref.page_first),
        "page_last": fold(ref.page_last),
        "publisher": fold(ref.publisher),
        "publisher_place": fold(ref.publisher_place),
        "editors": fold("|".join(p.family or p.literal or "" for p in ref.editors)),
    }


class Score:
    """Counts for one field: gold present, predicted present, correct."""

    def __init__(self) -> None:
        self.gold = self.predicted = self.correct = 0

    def add(self, gold: str | None, predicted: str | None) -> None:
        self.gold += gold is not None
        self.predicted += predicted is not None
        self.correct += gold is not None and gold == predicted

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pooled(scores: Iterable[Score]) -> Score:
    """The counts of several scores added up: their micro-average."""
    total = Score()
    for sc in scores:
        total.gold += sc.gold
        total.predicted += sc.predicted
        total.correct += sc.correct
    return total


def group_of(sample: Sample) -> str:
    """Which of :data:`GROUPS` a labelled reference is reported in."""
    return sample.dataset if sample.dataset in GROUPS[:3] else "parscit-other"


def score(
    pairs: Iterable[tuple[dict[str, str | None], str]], parser: Parser, fields: Sequence[str]
) -> dict[str, Score]:
    """Compare ``parser``'s output with gold field values, per field and overall ('all')."""
    pairs = list(pairs)
    return score_variants([t for _, t in pairs], {"": [g for g, _ in pairs]}, parser, fields)[""]


def score_variants(
    texts: Sequence[str],
    golds: dict[str, Sequence[dict[str, str | None]]],
    parser: Parser,
    fields: Sequence[str],
) -> dict[str, dict[str, Score]]:
    """One parse per text, scored against several versions of the gold (a field left out of a
    version's dict is not scored there)."""
    out = {v: {f: Score() for f in (*fields, "all")} for v in golds}
    for i, text in enumerate(texts):
        predicted = field_values(parser(text))
        for v, gold_list in golds.items():
            gold, scores = gold_list[i], out[v]
            for f in fields:
                if f not in gold:
                    continue
                scores[f].add(gold[f], predicted[f])
                scores["all"].add(gold[f], predicted[f])
    return out


def gold_of(sample: Sample) -> dict[str, str | None]:
    return field_values(crf.reference_from_labels(sample.text, sample.labelled()))


def load_pmc(data: Path) -> list[tuple[dict[str, str | None], str]]:
    """The PMC strings held out from training (four fifths of their blocks of 50)."""
    return [(gold, text) for gold, _, text in load_pmc_checked(data)]


def load_pmc_checked(data: Path) -> list[tuple[dict[str, str | None], set[str], str]]:
    """Held-out PMC strings, their gold, and the gold problems :func:`gold_problems` finds."""
    rows = load_pmc_rows(data)
    _, held_out = pmc_split(len(rows), SEED)
    out = []
    for i in sorted(held_out):
        row = rows[i]
        gold = {
            "first_author": fold(row.get("firstAuthor")),
            "title": fold(row.get("atitle")),
            "container_title": fold(row.get("jtitle")),
            "volume": fold(row.get("volume")),
            "page_first": fold(row.get("firstPage")),
        }
        gold = {k: v for k, v in gold.items() if v is not None}
        out.append((gold, gold_problems(row), row["reference"]))
    return out


_PARTICLE_BEFORE_RE = re.compile(
    r"\b(?:van|von|de|der|den|da|das|di|del|della|du|dos|la|le|ten|ter|vom|zu)\s*$", re.I
)


def gold_problems(row: dict[str, str]) -> set[str]:
    """Gold fields of one PMC row that disagree with its own string, found from the string
    and the gold alone (never from a parser's output), so that every parser loses them alike:

    - ``title``: the JATS title stops mid-sentence or starts after a word of the same
      sentence. Such titles were cut at an italic element (a species or gene name:
      "Raffinose synthesis in" for "Raffinose synthesis in Chlorella vulgaris cultures
      after a cold shock"); or the title is not in the string at all.
    - ``first_author``: the string does not begin with that surname (the PDF extraction
      glued the end of the previous reference in front), or the printed surname carries a
      particle the JATS surname left out ("De Clercq" printed, "Clercq" in the gold).
    """
    text = row["reference"]
    problems: set[str] = set()
    folded, where = folded_index(text)
    title = fold(row.get("atitle"))
    if title:
        at = folded.find(title)
        if at < 0:
            problems.add("title")
        else:
            start, end = where[at], where[at + len(title) - 1] + 1
            after = text[end:].lstrip(" \n-\u00ad")
            before = text[:start].rstrip(" \n")
            if after[:1].isalnum() or before[-1:].isalpha():
                problems.add("title")
    author = fold(row.get("firstAuthor"))
    if author:
        at = folded.find(author)
        if at < 0 or where[at] > 40 or _PARTICLE_BEFORE_RE.search(text[: where[at]]):
            problems.add("first_author")
    return problems


def _table(name: str, n: int, parsers: dict[str, dict[str, Score]], fields: Sequence[str]) -> str:
    names = list(parsers)
    head = f"\n### {name} ({n} references held out)\n\n| field | gold |"
    head += "".join(f" {p} P | {p} R | {p} F1 |" for p in names)
    lines = [head, "|---|---:|" + "---:|---:|---:|" * len(names)]
    for f in (*fields, "all"):
        gold = parsers[names[0]][f].gold
        if not gold and f != "all":
            continue
        row = f"| {'**overall**' if f == 'all' else f} | {gold} |"
        for p in names:
            pr, rc, f1 = parsers[p][f].prf()
            row += f" {pr:.3f} | {rc:.3f} | {f1:.3f} |"
        lines.append(row)
    if name in PUBLISHED:
        lines.append(f"\nPublished: {PUBLISHED[name]}.")
    return "\n".join(lines)


_THROUGHPUT = """
import gzip, json, sys, time
t0 = time.perf_counter()
if sys.argv[3] == "model":
    from allrefs.crf import parse_with_model as parse
else:
    from allrefs import parse_reference as parse
rows = json.load(gzip.open(sys.argv[1], "rt", encoding="utf-8"))
texts = [r["reference"] for r in rows][: int(sys.argv[2])]
t1 = time.perf_counter()
for text in texts:
    parse(text)
t2 = time.perf_counter()
print(json.dumps({"parse": t2 - t1, "setup": t1 - t0, "n": len(texts)}))
"""

#: what each throughput run calls: the learned parser, and the entry point users call (rules
#: first for Vancouver, the model where they fall short and for every other style)
ENTRY_POINTS = {"model": "`crf.parse_with_model`", "reference": "`allrefs.parse_reference`"}


def throughput(data: Path, n: int, repeat: int = 3) -> str:
    """Whole-process wall time (interpreter, imports, model load, reading, parsing) of n refs,
    for each entry point.

    Run ``repeat`` times, the two entry points taking turns: the machine is shared, so the best
    run shows what the code costs and the median what a user may see.
    """
    env = dict(os.environ)
    # an installed package has its bytecode compiled by pip; let the source checkout have it
    # too (this host sets PYTHONDONTWRITEBYTECODE, which would compile every module every run)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    src = str(Path(crf.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    path = str(data / "doi" / "references-doi-matching.json.gz")
    runs: dict[str, list[tuple[float, float, float, int]]] = {e: [] for e in ENTRY_POINTS}
    for _ in range(repeat):
        for entry in ENTRY_POINTS:
            cmd = [sys.executable, "-c", _THROUGHPUT, path, str(n), entry]
            if hasattr(os, "sched_setaffinity"):
                cmd = ["taskset", "-c", "0", *cmd]
            started = time.perf_counter()
            out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - started
            parts = json.loads(out.stdout)
            runs[entry].append((wall, parts["parse"], parts["setup"], parts["n"]))
    lines = [
        f"\n### Throughput (one core, `taskset -c 0`, {repeat} runs each)\n",
        "Whole process: interpreter start, imports, reading the file, loading the model on the "
        "first parse, parsing.\n",
        "| entry point | references | best | median | parsing alone (best run) | start-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for entry, name in ENTRY_POINTS.items():
        times = sorted(runs[entry])
        best, median = times[0], times[len(times) // 2]
        count = best[3]
        lines.append(
            f"| {name} | {count:,} PMC | {best[0]:.2f} s = **{count / best[0]:,.0f} refs/s** | "
            f"{median[0]:.2f} s = **{count / median[0]:,.0f} refs/s** | "
            f"{count / best[1]:,.0f} refs/s | {best[2]:.2f} s |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model", type=Path, default=None, help="a .crfsuite file (default: shipped)")
    ap.add_argument("--throughput", type=int, default=10_000, help="references; 0 to skip")
    ap.add_argument("--repeat", type=int, default=3, help="throughput runs (best and median)")
    ap.add_argument("--no-rules", action="store_true", help="skip the rule-based parser")
    args = ap.parse_args(argv)

    if args.model is not None:
        os.environ["ALLREFS_CRF_MODEL"] = str(args.model)
    parsers: dict[str, Parser] = {"crf": lambda t: crf.parse_with_model(t)}
    if not args.no_rules:
        try:
            from allrefs.parse import parse_reference

            parsers["rules"] = lambda t: parse_reference(t, learned=False)
            # what allrefs ships: rules, and the CRF where they find no whole citation
            parsers["allrefs"] = lambda t: parse_reference(t)
        except ImportError:
            print("allrefs.parse not importable: rule-based column left out", file=sys.stderr)

    _, test = split(load_all(args.data))
    groups: dict[str, list[Sample]] = collections.defaultdict(list)
    for s in test:
        groups[group_of(s)].append(s)
    print("# Reference parsing: held-out field scores (soft match)\n")
    print(f"command: `python bench/parse_eval.py --data {args.data}`")
    per_group: dict[str, list[dict[str, Score]]] = collections.defaultdict(list)
    for name in GROUPS:
        pairs = [(gold_of(s), s.text) for s in groups[name]]
        results = {p: score(pairs, parser, FIELDS) for p, parser in parsers.items()}
        for p, result in results.items():
            per_group[p].append(result)
        print(_table(name, len(pairs), results, FIELDS))
    totals = {
        p: {f: pooled(r[f] for r in runs) for f in (*FIELDS, "all")}
        for p, runs in per_group.items()
    }
    print(_table("all labelled held-out (AnyStyle + GROBID + ParsCit)", len(test), totals, FIELDS))
    pmc = load_pmc_checked(args.data)
    texts = [text for _, _, text in pmc]
    golds = {
        "all": [gold for gold, _, _ in pmc],
        "consistent": [
            {k: v for k, v in gold.items() if k not in problems} for gold, problems, _ in pmc
        ],
    }
    started = time.perf_counter()
    both = {p: score_variants(texts, golds, parser, PMC_FIELDS) for p, parser in parsers.items()}
    print(
        _table(
            "PubMed Central strings (biblio-glutton)",
            len(pmc),
            {p: both[p]["all"] for p in parsers},
            PMC_FIELDS,
        )
    )
    cut = collections.Counter(f for _, problems, _ in pmc for f in problems)
    print(
        f"\nThe same strings with the gold fields that disagree with their own string left out "
        f"({cut['title']:,} titles cut at an italic name or absent, {cut['first_author']:,} first "
        "authors with a particle dropped or behind another reference's tail; found from the "
        "string and the gold alone, see `gold_problems`):"
    )
    print(
        _table(
            "PubMed Central strings, consistent gold",
            len(pmc),
            {p: both[p]["consistent"] for p in parsers},
            PMC_FIELDS,
        )
    )
    print(f"\n(PMC scoring of {len(parsers)} parsers took {time.perf_counter() - started:.1f} s)")
    if args.throughput:
        print(throughput(args.data, args.throughput, args.repeat))


if __name__ == "__main__":
    main()
