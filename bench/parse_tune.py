"""Choose the CRF's training settings on a development split, never on the held-out one.

    python bench/parse_tune.py [--data ../shared/data] [--jobs 2] [--grid c1,c2,minfreq ...]

The training split of ``allrefs.train.split`` is split once more, the same way (whole GROBID
documents, blocks of 50 elsewhere, 20 % per data set, another seed): a model is trained on the
rest (plus the silver PubMed Central strings, as ``python -m allrefs.train`` does) for each
setting, and scored on that development part with the field scores of ``bench/parse_eval.py``.
The held-out split that ``parse_eval`` reports on is not read at all, so the setting chosen here
does not flatter its figures. The word lists in ``allrefs/data`` are the shipped ones (built from
the whole training split, development part included), the same for every setting.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from allrefs import crf
from allrefs.train import (
    C1,
    C2,
    ITERATIONS,
    SEED,
    Sample,
    load_all,
    pmc_training_samples,
    split,
    train_model,
)
from parse_eval import DECIDING, FIELDS, GROUPS, Score, gold_of, group_of, pooled, score

_FIT: list[Sample] = []
_DEV: dict[str, list[tuple[dict[str, str | None], str]]] = {}


def _run(setting: tuple[float, float, int]) -> tuple[tuple[float, float, int], dict[str, Score]]:
    """Train with one setting (in a worker process) and score it on the development part."""
    c1, c2, minfreq = setting
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "model.crfsuite"
        train_model(_FIT, out, c1=c1, c2=c2, max_iterations=ITERATIONS, minfreq=minfreq)
        os.environ["ALLREFS_CRF_MODEL"] = str(out)
        scores: dict[str, Score] = {}
        for name, pairs in _DEV.items():
            for field, sc in score(pairs, lambda t: crf.parse_with_model(t), FIELDS).items():
                scores[f"{name}/{field}"] = sc
    return setting, scores


def _f1(scores: dict[str, Score], names: Sequence[str], field: str) -> float:
    return pooled(scores[f"{name}/{field}"] for name in names).prf()[2]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument(
        "--grid",
        nargs="*",
        default=None,
        help="settings as c1,c2,minfreq (default: a grid around the shipped one)",
    )
    args = ap.parse_args(argv)
    if args.grid:
        grid = [tuple(float(x) for x in g.split(",")) for g in args.grid]
        settings = [(c1, c2, int(m)) for c1, c2, m in grid]
    else:
        settings = [(c1, c2, 1) for c1 in (0.02, 0.1, 0.3, 1.0) for c2 in (0.005, 0.05, 0.2)] + [
            (C1, C2, 2),
            (C1, C2, 3),
        ]

    started = time.perf_counter()
    train, _held_out = split(load_all(args.data))  # the held-out part is never looked at
    fit, dev = split(train, SEED + 1)
    _FIT.extend(fit + pmc_training_samples(args.data, SEED))
    for s in dev:
        _DEV.setdefault(group_of(s), []).append((gold_of(s), s.text))
    sizes = ", ".join(f"{k} {len(v)}" for k, v in sorted(_DEV.items()))
    print(f"# CRF settings on a development split ({sizes} references)\n")
    print(f"fit on {len(_FIT):,} references; shipped setting c1={C1}, c2={C2}, minfreq=1\n")
    head = "| c1 | c2 | minfreq | " + " | ".join(GROUPS) + " | all | " + " | ".join(DECIDING)
    print(head + " |")
    print("|" + "---:|" * (3 + len(GROUPS) + 1 + len(DECIDING)))
    ctx = multiprocessing.get_context("fork")  # workers share the loaded samples
    with ctx.Pool(args.jobs, maxtasksperchild=1) as pool:
        for (c1, c2, minfreq), scores in pool.imap(_run, settings):
            cells = [f"{_f1(scores, [n], 'all'):.3f}" for n in sorted(_DEV)]
            cells.append(f"**{_f1(scores, sorted(_DEV), 'all'):.3f}**")
            cells += [f"{_f1(scores, sorted(_DEV), f):.3f}" for f in DECIDING]
            print(f"| {c1:g} | {c2:g} | {minfreq} | " + " | ".join(cells) + " |", flush=True)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
