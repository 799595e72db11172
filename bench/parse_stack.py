"""A stacked second CRF pass: what it gains and what it costs, and the variants measured.

    python bench/parse_stack.py [--data ../shared/data] [--work /tmp/allrefs-stack]
                                [--gate P [--skip-clean]]

Since the sixth session the parser ships a second pass (``allrefs.crf._two_passes``, trained
by ``python -m allrefs.train``): a second CRF reads the first pass's labels as features
(``allrefs.crf.stacked_features``) where the first pass is unsure. This script trains the same
kind of second model on its own and measures it under other gates. Its training labels come
from five jackknife models, each trained without one fifth of the training split (whole
documents) and tagging that fifth, so that it learns from the first pass's real mistakes. The
shipped model is the first pass at evaluation time; the label repairs run after the second
pass. Printed: ``parse_eval``'s held-out tables with the two-pass tagger, and features plus
tagging time a string, one pass against two. About 10 minutes on two cores; ``--work`` keeps
the models for a second run.

``--gate P`` runs the second pass only where the first pass is unsure: where the probability
of its labels (``Tagger.probability``, one more forward pass) is under ``P``. With
``--skip-clean``, labels that read as a plain journal article (``allrefs.crf._plain_article``)
are taken as they are, without asking the probability: that is what the parser ships, with
``P`` = 0.7. Without ``--gate`` every reference gets the second pass.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parse_eval
from allrefs import crf, relabel
from allrefs.crf import second_pass_items
from allrefs.tokens import Token
from allrefs.train import (
    SEED,
    jackknife_labels,
    load_all,
    load_pmc_rows,
    pmc_training_samples,
    split,
    train_second_pass,
)


def _first_pass(
    text: str,
    tokens: Sequence[Token],
    model: Path | None,
    gate: float | None = None,
    skip_clean: bool = False,
) -> tuple[list[list[bytes]], list[str], bool]:
    """Features, the first pass's labels, and whether the second pass should look again: always
    without a ``gate``; with one, when the first pass's labels have a probability under it."""
    cached = crf._cached_features(tokens)
    mask = list(map(crf._IS_WORD, cached))
    feats = crf._features(text, tokens, cached, mask)
    if gate is None:
        return feats, relabel.smooth(crf._tag(feats, model)), True
    tagger = crf._tagger(crf._model_file(model))
    with crf._TAGGER_LOCK:
        raw = tagger.tag(feats)
        first = relabel.smooth(list(raw))
        unsure = not (skip_clean and crf._plain_article(first)) and tagger.probability(raw) < gate
    return feats, first, unsure


def second_model(data: Path, work: Path) -> Path:
    """The second model for the training split (jackknife labels, then the model on them, as
    ``python -m allrefs.train`` trains it), kept in ``work`` for a second run."""
    out = work / "second-pass.crfsuite"
    if not out.exists():
        train, _ = split(load_all(data), SEED)
        samples = train + pmc_training_samples(data, SEED)
        train_second_pass(samples, jackknife_labels(samples, jobs=2), out)
    return out


def two_pass_tagger(  # type: ignore[no-untyped-def]
    second: Path, gate: float | None = None, skip_clean: bool = False
):
    """``crf.tag_tokens`` with the second pass between the first and the repairs (with a
    ``gate``, only where the first pass is unsure)."""

    def tag_tokens(text: str, tokens: Sequence[Token], model: Path | None = None) -> list[str]:
        labels = ["other"] * len(tokens)
        mask = list(map(crf._IS_WORD, crf._cached_features(tokens)))
        words = list(itertools.compress(range(len(tokens)), mask))
        if words:
            feats, tagged, unsure = _first_pass(text, tokens, model, gate, skip_clean)
            if unsure:
                both = second_pass_items(feats, tagged)
                tagged = relabel.smooth(crf._tag(both, second))
            for i, label in zip(words, tagged, strict=True):
                labels[i] = label
            crf.fill_punctuation(tokens, labels, mask)
            relabel.repair(
                text,
                tokens,
                words,
                tagged,
                labels,
                crf._dictionary("given"),
                crf._dictionary("place"),
                crf._dictionary("publisher"),
            )
        return labels

    return tag_tokens


def cost(
    data: Path,
    second: Path,
    gate: float | None,
    skip_clean: bool = False,
    n: int = 3000,
    repeat: int = 4,
) -> str:
    """Features and tagging, µs a string, one pass against two (best of ``repeat``), and how
    many strings the gate sends to the second pass."""
    texts = [row["reference"] for row in load_pmc_rows(data)[:n]]
    items = [(t, crf.tokenize(t)) for t in texts]
    items = [(t, toks) for t, toks in items if any(crf.is_word(x.text) for x in toks)]

    def run(two: bool) -> float:
        started = time.perf_counter()
        for text, tokens in items:
            feats, first, unsure = _first_pass(
                text, tokens, None, gate if two else None, skip_clean
            )
            if two and unsure:
                crf._tag(second_pass_items(feats, first), second)
        return (time.perf_counter() - started) / len(items) * 1e6

    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeat):
        for two in (False, True):
            times[two].append(run(two))
    sent = sum(_first_pass(text, tokens, None, gate, skip_clean)[2] for text, tokens in items)
    return (
        f"features and tagging, {len(items)} PMC strings, best of {repeat}: one pass "
        f"{min(times[False]):.0f} µs a string, two passes {min(times[True]):.0f} µs "
        f"(gate {gate}: {sent} strings to the second pass)"
    )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/allrefs-stack"))
    ap.add_argument(
        "--gate",
        type=float,
        default=None,
        help="second pass only where the first pass's labels are less probable than this",
    )
    ap.add_argument(
        "--skip-clean",
        action="store_true",
        help="with --gate: take a plain journal article's labels without asking the probability",
    )
    args = ap.parse_args(argv)
    if not (args.data / "parsing").is_dir():
        sys.exit(f"{args.data}/parsing not found: this benchmark needs ../shared/data")
    args.work.mkdir(parents=True, exist_ok=True)
    second = second_model(args.data, args.work)
    print(cost(args.data, second, args.gate, args.skip_clean))
    crf.tag_tokens = two_pass_tagger(second, args.gate, args.skip_clean)  # type: ignore[assignment]
    parse_eval.main(["--data", str(args.data), "--no-rules", "--throughput", "0"])


if __name__ == "__main__":
    main()
