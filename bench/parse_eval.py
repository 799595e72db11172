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
from allrefs.train import SEED, Sample, load_all, load_pmc_rows, pmc_split, split

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


def score(
    pairs: Iterable[tuple[dict[str, str | None], str]], parser: Parser, fields: Sequence[str]
) -> dict[str, Score]:
    """Compare ``parser``'s output with gold field values, per field and overall ('all')."""
    scores = {f: Score() for f in (*fields, "all")}
    for gold, text in pairs:
        predicted = field_values(parser(text))
        for f in fields:
            if f not in gold:
                continue
            scores[f].add(gold[f], predicted[f])
            scores["all"].add(gold[f], predicted[f])
    return scores


def gold_of(sample: Sample) -> dict[str, str | None]:
    return field_values(crf.reference_from_labels(sample.text, sample.labelled()))


def load_pmc(data: Path) -> list[tuple[dict[str, str | None], str]]:
    """The PMC strings held out from training (four fifths of their blocks of 50)."""
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
        out.append(({k: v for k, v in gold.items() if v is not None}, row["reference"]))
    return out


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
from allrefs.crf import parse_with_model
rows = json.load(gzip.open(sys.argv[1], "rt", encoding="utf-8"))
texts = [r["reference"] for r in rows][: int(sys.argv[2])]
t1 = time.perf_counter()
for text in texts:
    parse_with_model(text)
t2 = time.perf_counter()
print(json.dumps({"parse": t2 - t1, "setup": t1 - t0, "n": len(texts)}))
"""


def throughput(data: Path, n: int, repeat: int = 3) -> str:
    """Whole-process wall time (interpreter, imports, model load, reading, parsing) of n refs.

    Run ``repeat`` times: the machine is shared, so the best run shows what the code costs and
    the median what a user may see.
    """
    env = dict(os.environ)
    src = str(Path(crf.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    path = str(data / "doi" / "references-doi-matching.json.gz")
    cmd = [sys.executable, "-c", _THROUGHPUT, path, str(n)]
    if hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", "0", *cmd]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        parts = json.loads(out.stdout)
        runs.append((wall, parts["parse"], parts["setup"], parts["n"]))
    runs.sort()
    best, median = runs[0], runs[len(runs) // 2]
    count = best[3]
    return (
        f"\n### Throughput (one core, `taskset -c 0`, {repeat} runs)\n\n"
        f"{count:,} PMC references, whole process (interpreter start, imports, reading the "
        f"file, loading the model on the first parse, parsing): best {best[0]:.2f} s = "
        f"**{count / best[0]:,.0f} refs/s**, median {median[0]:.2f} s = "
        f"**{count / median[0]:,.0f} refs/s**; parsing alone in the best run {best[1]:.2f} s = "
        f"{count / best[1]:,.0f} refs/s (start-up, imports and reading {best[2]:.2f} s)."
    )


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
        name = s.dataset if s.dataset in {"anystyle", "grobid", "parscit-cora"} else "parscit-other"
        groups[name].append(s)
    print("# Reference parsing: held-out field scores (soft match)\n")
    print(f"command: `python bench/parse_eval.py --data {args.data}`")
    totals = {p: {f: Score() for f in (*FIELDS, "all")} for p in parsers}
    for name in ("anystyle", "grobid", "parscit-cora", "parscit-other"):
        pairs = [(gold_of(s), s.text) for s in groups[name]]
        results = {}
        for p, parser in parsers.items():
            results[p] = score(pairs, parser, FIELDS)
            for f, sc in results[p].items():
                totals[p][f].gold += sc.gold
                totals[p][f].predicted += sc.predicted
                totals[p][f].correct += sc.correct
        print(_table(name, len(pairs), results, FIELDS))
    print(_table("all labelled held-out (AnyStyle + GROBID + ParsCit)", len(test), totals, FIELDS))
    pmc = load_pmc(args.data)
    started = time.perf_counter()
    pmc_results = {p: score(pmc, parser, PMC_FIELDS) for p, parser in parsers.items()}
    print(_table("PubMed Central strings (biblio-glutton)", len(pmc), pmc_results, PMC_FIELDS))
    print(f"\n(PMC scoring of {len(parsers)} parsers took {time.perf_counter() - started:.1f} s)")
    if args.throughput:
        print(throughput(args.data, args.throughput, args.repeat))


if __name__ == "__main__":
    main()
