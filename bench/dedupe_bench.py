"""Benchmark allrefs' deduplication against bib-dedupe on the labelled datasets, side by side.

    python bench/dedupe_bench.py [DATA_DIR] [--venv /tmp/bibdedupe-venv] [--scale 80000]

DATA_DIR defaults to ../shared/data beside the clone and must hold dedupe/<dataset>/ folders
with records_pre_merged.csv and merged_record_ids.csv. The same files are published in
https://github.com/CoLRev-Environment/bib-dedupe (data/ at commit c66515a, MIT licence).

bib-dedupe runs from PyPI in its own virtual environment so that its pandas/numpy stack does
not meet ours: the script creates the venv (``python -m venv VENV && VENV/bin/pip install
bib-dedupe``) when it is missing; pass ``--venv PATH`` to use another one, or
``--no-bib-dedupe`` to run ours alone.

Every run (ours and theirs, per dataset) is a separate child process that reports its own wall
time (reading the CSV plus deduplicating, interpreter start-up excluded) and peak resident
memory, so neither tool pays for the other's imports or garbage.

Counting follows bib-dedupe's evaluation (docs/evaluation.rst, ``compare_dedupe_id``): per
predicted cluster one record is kept (the smallest ID, for both tools); a gold cluster with none
kept is one FP, its other records TP; a kept gold-unique record is TN, a removed one FP; extra
kept records of a gold cluster are FN. "wrong pairs" additionally counts predicted duplicate
pairs that are not gold pairs, the stricter view.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_VENV = Path(tempfile.gettempdir()) / "bibdedupe-venv"

csv.field_size_limit(1 << 24)

_BIB_DEDUPE_WORKER = r"""
import json, resource, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep
path, out = sys.argv[1], sys.argv[2]
start = time.perf_counter()
df = pd.read_csv(path, dtype=str, keep_default_na=False)
df = df.replace("", float("nan"))
for col in ("ID", "ENTRYTYPE"):
    df[col] = df[col].fillna("article" if col == "ENTRYTYPE" else "")
prepped = prep(df, verbosity_level=0, cpu=1)
pairs = block(prepped, verbosity_level=0, cpu=1)
matched = match(pairs, verbosity_level=0, cpu=1)
clusters = cluster(matched, verbosity_level=0)
elapsed = time.perf_counter() - start
json.dump({"clusters": [sorted(map(str, c)) for c in clusters], "seconds": elapsed,
           "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, open(out, "w"))
"""


# --------------------------------------------------------------------------------------------
# workers (run in child processes)


def _ours_worker(path: str, out: str) -> None:
    try:  # an installed allrefs (or PYTHONPATH) wins; else this checkout's src/
        import allrefs.dedupe  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(ROOT / "src"))
    from allrefs.dedupe import dedupe
    from allrefs.exports import read_csv_export

    start = time.perf_counter()
    export = read_csv_export(path)
    works = dedupe(export.references)
    elapsed = time.perf_counter() - start
    clusters = [sorted(m.source_key or "" for m in w.members) for w in works if len(w.members) > 1]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(out).write_text(json.dumps({"clusters": clusters, "seconds": elapsed, "peak_mb": peak}))


def _run_child(cmd: Sequence[str], timeout: float) -> dict[str, object]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        wall = time.perf_counter()
        proc = subprocess.run([*cmd, out], capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - wall
        if proc.returncode != 0:
            return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:]}
        result: dict[str, object] = json.loads(Path(out).read_text())
        result["process_seconds"] = wall
        return result
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    finally:
        Path(out).unlink(missing_ok=True)


def run_ours(path: Path, timeout: float = 600) -> dict[str, object]:
    return _run_child([sys.executable, __file__, "--worker", str(path), "--out"], timeout)


def run_bib_dedupe(venv: Path, path: Path, timeout: float = 3600) -> dict[str, object]:
    return _run_child([str(venv / "bin" / "python"), "-c", _BIB_DEDUPE_WORKER, str(path)], timeout)


def ensure_venv(venv: Path) -> bool:
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import bib_dedupe"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return True
    print(f"creating {venv} and installing bib-dedupe from PyPI ...", file=sys.stderr)
    if subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode != 0:
        return False
    pip = [str(venv / "bin" / "pip"), "install", "-q", "bib-dedupe"]
    if subprocess.run(pip).returncode != 0:
        return False
    return subprocess.run(probe, capture_output=True).returncode == 0


# --------------------------------------------------------------------------------------------
# counting as in bib-dedupe's evaluation.rst


def read_gold(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [row["merged_ids"].split(";") for row in csv.DictReader(handle) if row["merged_ids"]]


def read_ids(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [row["ID"] for row in csv.DictReader(handle)]


def evaluate(
    all_ids: Sequence[str], gold: Sequence[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, float | int]:
    removed: set[str] = set()
    predicted_pairs: set[tuple[str, str]] = set()
    for group in predicted:
        ordered = sorted(set(group))
        removed.update(ordered[1:])
        predicted_pairs.update(combinations(ordered, 2))
    kept = set(all_ids) - removed
    in_gold = {i for c in gold for i in c}
    gold_pairs = {p for c in gold for p in combinations(sorted(set(c)), 2)}
    tp = fp = fn = tn = 0
    for record_id in all_ids:
        if record_id in in_gold:
            continue
        if record_id in kept:
            tn += 1
        else:
            fp += 1
    for group in gold:
        n_kept = sum(1 for i in group if i in kept)
        if n_kept == 0:
            fp += 1
            tp += len(group) - 1
        else:
            tn += 1
            fn += n_kept - 1
            tp += len(group) - n_kept
    precision = tp / (tp + fp) if tp + fp else 1.0
    sensitivity = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * sensitivity / (precision + sensitivity) if precision + sensitivity else 0.0
    return {
        "FP": fp,
        "TP": tp,
        "FN": fn,
        "TN": tn,
        "precision": precision,
        "sensitivity": sensitivity,
        "f1": f1,
        "wrong_pairs": len(predicted_pairs - gold_pairs),
    }


# --------------------------------------------------------------------------------------------
# synthetic scale data: real records, perturbed

_FIELDS = [
    "ID",
    "ENTRYTYPE",
    "title",
    "author",
    "year",
    "journal",
    "booktitle",
    "volume",
    "number",
    "pages",
    "doi",
]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(len(text) - 1)
    op = rng.randrange(3)
    if op == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if op == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice("aeiou") + text[i:]


def _abbreviate(journal: str) -> str:
    words = [w for w in re.split(r"\s+", journal) if w.lower() not in ("of", "the", "and", "&")]
    return " ".join(w[:4] if len(w) > 5 else w for w in words)


def _initials(author: str) -> str:
    out = []
    for name in author.split(" and "):
        family, _, given = name.partition(",")
        letters = "".join(p[0] for p in given.replace(".", " ").split() if p)
        out.append(f"{family.strip()} {letters}".strip())
    return "; ".join(out)


def build_scale(
    data_dir: Path, n: int, seed: int = 7
) -> tuple[list[dict[str, str]], list[list[str]]]:
    rng = random.Random(seed)
    base: list[dict[str, str]] = []
    for csv_path in sorted((data_dir / "dedupe").glob("*/records_pre_merged.csv")):
        with csv_path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("title"):
                    base.append({k: row.get(k, "") or "" for k in _FIELDS})
    vocabulary = sorted({w for r in base for w in r["title"].split() if len(w) > 4})
    records: list[dict[str, str]] = []
    gold: dict[int, list[str]] = {}
    works: list[dict[str, str]] = []
    while len(records) < n:
        if works and rng.random() < 0.3:
            work_no = rng.randrange(len(works))
            rec = dict(works[work_no])
            if rng.random() < 0.5:
                rec["title"] = _typo(rng, rec["title"])
            if rng.random() < 0.3:
                rec["title"] = rec["title"].upper()
            if rng.random() < 0.3 and rec["journal"]:
                rec["journal"] = _abbreviate(rec["journal"])
            if rng.random() < 0.3 and rec["author"]:
                rec["author"] = _initials(rec["author"])
            for field in ("pages", "volume", "number", "doi", "journal"):
                if rng.random() < 0.15:
                    rec[field] = ""
        else:
            pick = rng.randrange(len(base))
            rec = dict(base[pick])
            work_no = len(works)
            # a new distinct work: real metadata with another title, volume and pages (the
            # datasets hold real duplicates, so an unaltered record could repeat another)
            words = rec["title"].split()
            for _ in range(3):
                if words:
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
            rec["title"] = " ".join(words) + f" {rng.choice(vocabulary)}"
            rec["volume"] = str(rng.randrange(1, 300))
            rec["pages"] = f"{rng.randrange(1, 2000)}-{rng.randrange(2000, 4000)}"
            rec["doi"] = f"10.9999/synthetic.{work_no}" if rec["doi"] else ""
            works.append(rec)
        rec["ID"] = f"s{len(records):06d}"
        records.append(rec)
        gold.setdefault(work_no, []).append(rec["ID"])
    return records, [ids for ids in gold.values() if len(ids) > 1]


def write_csv(path: Path, rows: Sequence[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=_FIELDS)
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------------------------
# report


def _row(
    name: str,
    tool: str,
    n: int,
    result: dict[str, object],
    metrics: dict[str, float | int] | None,
    ratio: str,
) -> str:
    if "error" in result:
        return f"| {name} | {tool} | {n} | error: {result['error']} |" + " |" * 10
    assert metrics is not None
    return (
        f"| {name} | {tool} | {n} | {metrics['FP']} | {metrics['TP']} | {metrics['FN']} | "
        f"{metrics['precision']:.4f} | {metrics['sensitivity']:.4f} | {metrics['f1']:.4f} | "
        f"{metrics['wrong_pairs']} | {float(result['seconds']):.2f} | "  # type: ignore[arg-type]
        f"{float(result['peak_mb']):.0f} | {ratio} |"  # type: ignore[arg-type]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--venv",
        type=Path,
        default=DEFAULT_VENV,
        help="virtual environment with bib-dedupe (created when missing)",
    )
    parser.add_argument("--no-bib-dedupe", action="store_true", help="run allrefs alone")
    parser.add_argument("--scale", type=int, default=80_000, help="synthetic records (0: skip)")
    parser.add_argument(
        "--scale-bib-dedupe",
        action="store_true",
        help="also run bib-dedupe on the synthetic set (slow: minutes)",
    )
    parser.add_argument("--datasets", nargs="*", help="only these dataset folders")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _ours_worker(args.worker, args.out)
        return 0

    dedupe_dir = args.data_dir / "dedupe"
    if not dedupe_dir.is_dir():
        print(
            f"{dedupe_dir}: not found. Download the datasets from "
            "https://github.com/CoLRev-Environment/bib-dedupe (data/) or pass DATA_DIR.",
            file=sys.stderr,
        )
        return 2
    theirs = not args.no_bib_dedupe and ensure_venv(args.venv)
    if not args.no_bib_dedupe and not theirs:
        print(f"bib-dedupe is not usable from {args.venv}; running allrefs alone", file=sys.stderr)

    print(
        "| dataset | tool | n | FP | TP | FN | precision | sensitivity | F1 | wrong pairs | "
        "seconds | peak MB | our time / theirs |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    datasets = sorted(p.parent for p in dedupe_dir.glob("*/records_pre_merged.csv"))
    if args.datasets:
        datasets = [d for d in datasets if d.name in args.datasets]
    for folder in datasets:
        records = folder / "records_pre_merged.csv"
        ids = read_ids(records)
        gold = read_gold(folder / "merged_record_ids.csv")
        ours = run_ours(records)
        m_ours = evaluate(ids, gold, ours["clusters"]) if "error" not in ours else None  # type: ignore[arg-type]
        other = run_bib_dedupe(args.venv, records) if theirs else None
        ratio = "-"
        if other and "error" not in other and "error" not in ours:
            ratio = f"{float(ours['seconds']) / float(other['seconds']):.3f}"  # type: ignore[arg-type]
        print(_row(folder.name, "allrefs", len(ids), ours, m_ours, ratio), flush=True)
        if other is not None:
            m_other = evaluate(ids, gold, other["clusters"]) if "error" not in other else None  # type: ignore[arg-type]
            print(_row(folder.name, "bib-dedupe", len(ids), other, m_other, "1"), flush=True)

    if args.scale:
        rows, gold = build_scale(args.data_dir, args.scale)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "records_pre_merged.csv"
            write_csv(path, rows)
            ids = [r["ID"] for r in rows]
            ours = run_ours(path)
            m_ours = evaluate(ids, gold, ours["clusters"]) if "error" not in ours else None  # type: ignore[arg-type]
            other = run_bib_dedupe(args.venv, path) if theirs and args.scale_bib_dedupe else None
            ratio = "-"
            if other and "error" not in other and "error" not in ours:
                ratio = f"{float(ours['seconds']) / float(other['seconds']):.3f}"  # type: ignore[arg-type]
            print(_row(f"synthetic-{args.scale}", "allrefs", len(ids), ours, m_ours, ratio))
            if other is not None:
                m_other = evaluate(ids, gold, other["clusters"]) if "error" not in other else None  # type: ignore[arg-type]
                print(_row(f"synthetic-{args.scale}", "bib-dedupe", len(ids), other, m_other, "1"))
    print(
        f"\n{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; seconds = read CSV + dedupe "
        "in the child process, interpreter start-up excluded."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
