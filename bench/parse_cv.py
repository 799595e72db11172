"""Cross-validated field F1 of the CRF: how much one held-out split can say, and what holding out
whole documents costs against GROBID's protocol.

    python bench/parse_cv.py [--data ../shared/data] [--folds 5] [--by document|reference|both]

``bench/parse_eval.py`` scores one held-out fifth of each corpus. Its AnyStyle and ParsCit parts
are a few blocks of 50 references, so a figure there moves by chance with the blocks drawn. Here
every labelled reference is held out once: each corpus is cut into ``--folds`` parts (whole
GROBID documents, blocks of 50 elsewhere, as ``allrefs.train.split`` does), a model is trained
on the other parts plus the silver PubMed Central strings, with the word lists rebuilt from those
parts, and the fold's field scores are kept. Printed per corpus: the F1 pooled over all folds,
and the lowest and highest fold.

``--by reference`` holds out GROBID's references one by one instead of whole documents: that is
the protocol of GROBID's published figures (field F1 0.945 to 0.952, 10-fold cross-validation
over references), where other references of the same list, in the same style, are trained on.
The shipped settings and features are used throughout; nothing here chooses a setting.

Each fold's parser is the shipped kind: a first pass and, where it is unsure, a second pass
trained on five jackknife models' labels of the fold's training part, as ``python -m
allrefs.train`` does (``--one-pass`` leaves the second pass out). That makes a fold about five
times slower to train: ``--by document`` takes about half an hour on two cores.

``--keep DIR`` saves each fold's model and word lists; ``--reuse DIR`` scores with them instead
of training again, which is how a change after tagging (a label repair) can be judged on every
reference by a model that never saw it. ``--not-held-out`` scores only the references outside
``parse_eval``'s held-out split, so that a change chosen here is not chosen on that split.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from allrefs import crf
from allrefs.train import (
    SEED,
    Sample,
    build_dictionaries,
    fold_of,
    jackknife_labels,
    load_all,
    partition,
    pmc_training_samples,
    split,
    train_model,
    train_second_pass,
)
from parse_eval import DECIDING, FIELDS, GROUPS, Score, gold_of, group_of, pooled, score

_SAMPLES: list[Sample] = []
_SILVER: list[Sample] = []


Result = dict[str, tuple[int, dict[str, Score]]]  # per corpus: references, field scores


@attrs.frozen
class Job:
    protocol: str
    fold: int
    folds: int
    keep: Path | None = None
    reuse: Path | None = None
    not_held_out: bool = False
    second: bool = True


def _first_pass_only(model: Path, folder: Path) -> Path:
    """A copy of ``model`` with no second pass beside it, in ``folder``."""
    alone = folder / "first-pass-only.crfsuite"
    shutil.copyfile(model, alone)
    return alone


def _run(job: Job) -> tuple[str, int, Result]:
    """Train without fold k and score fold k (in a worker process of its own)."""
    protocol, k, folds = job.protocol, job.fold, job.folds
    samples = _SAMPLES
    if protocol == "reference":
        samples = [
            attrs.evolve(s, document=f"{s.document}#{i}") if s.dataset == "grobid" else s
            for i, s in enumerate(_SAMPLES)
        ]
    where = fold_of(samples, folds)
    train, test = partition(samples, {doc for doc, fold in where.items() if fold == k})
    if job.not_held_out:
        held = {(s.dataset, s.text) for s in split(_SAMPLES, SEED)[1]}
        test = [s for s in test if (s.dataset, s.text) not in held]
    with tempfile.TemporaryDirectory() as tmp:
        saved = (job.reuse or job.keep or Path(tmp)) / f"{protocol}-{k}"
        words = saved / "data"  # the word lists from this fold's training part
        out = saved / "model.crfsuite"
        shipped = crf._data_dir()
        crf._data_dir = lambda: words  # type: ignore[assignment]
        if job.reuse is None:  # train with this fold's word lists
            shutil.copytree(shipped, words, dirs_exist_ok=True)
            build_dictionaries(train, words)
            train_model(train + _SILVER, out)
            if job.second:  # the second pass, as python -m allrefs.train trains it
                first = jackknife_labels(train + _SILVER)  # one process: this is a worker
                train_second_pass(train + _SILVER, first, crf.second_model_path(out))
        elif not job.second:  # score the first pass alone
            out = _first_pass_only(out, Path(tmp))
        os.environ["ALLREFS_CRF_MODEL"] = str(out)
        result: Result = {}
        for name in GROUPS:
            pairs = [(gold_of(s), s.text) for s in test if group_of(s) == name]
            result[name] = (len(pairs), score(pairs, lambda t: crf.parse_with_model(t), FIELDS))
    return protocol, k, result


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--by", choices=("document", "reference", "both"), default="both")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="save each fold's model and word lists here")
    ap.add_argument("--reuse", type=Path, help="score with the models saved by --keep here")
    ap.add_argument("--not-held-out", action="store_true", help="leave parse_eval's split out")
    ap.add_argument(
        "--one-pass",
        action="store_true",
        help="no second pass: train none, or score a saved fold's first pass alone",
    )
    args = ap.parse_args(argv)
    started = time.perf_counter()
    _SAMPLES.extend(load_all(args.data))
    if args.reuse is None:
        _SILVER.extend(pmc_training_samples(args.data, SEED))
    protocols = ("document", "reference") if args.by == "both" else (args.by,)
    jobs = [
        Job(p, k, args.folds, args.keep, args.reuse, args.not_held_out, not args.one_pass)
        for p in protocols
        for k in range(args.folds)
    ]
    results: dict[str, list[Result]] = collections.defaultdict(list)
    ctx = multiprocessing.get_context("fork")  # workers share the loaded samples
    with ctx.Pool(args.jobs, maxtasksperchild=1) as pool:
        for protocol, _k, result in pool.imap_unordered(_run, jobs):
            results[protocol].append(result)

    print(f"# Reference parsing: {args.folds}-fold cross-validation of the CRF\n")
    flags = " --not-held-out" if args.not_held_out else ""
    print(f"command: `python bench/parse_cv.py --folds {args.folds} --by {args.by}{flags}`\n")
    head = "| held out by | corpus | references | overall F1 | folds: lowest, highest | "
    print(head + " | ".join(DECIDING) + " |")
    print("|---|---|---:|---:|---|" + "---:|" * len(DECIDING))
    for protocol in protocols:
        runs = results[protocol]
        for name in (*GROUPS, "all labelled"):
            names = GROUPS if name == "all labelled" else (name,)
            per_fold = [pooled([r[n][1]["all"] for n in names]).prf()[2] for r in runs]
            overall = pooled([r[n][1]["all"] for r in runs for n in names])
            n_refs = sum(r[n][0] for r in runs for n in names)
            cells = [
                f"{pooled([r[n][1][f] for r in runs for n in names]).prf()[2]:.3f}"
                for f in DECIDING
            ]
            print(
                f"| {protocol} | {name} | {n_refs} | **{overall.prf()[2]:.3f}** | "
                f"{min(per_fold):.3f}, {max(per_fold):.3f} | " + " | ".join(cells) + " |"
            )
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
