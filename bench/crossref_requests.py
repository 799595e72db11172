"""Requests per reference and wall time of the Crossref client, against a local server.

The server (tests/crossref_fake.py) answers like Crossref, takes ``--latency`` seconds per
answer and enforces ``--rate`` requests per second and ``--concurrency`` requests in flight
with 429s, announcing both in ``X-Rate-Limit-*`` headers as Crossref does. One reference in
20 has a DOI Crossref does not know (a single lookup, then doi.org's handle API).

For each size it runs allrefs' resolver (batched, cached, rate-limited) on a cold cache and
again on the warm cache, beside a naive client that asks ``/works/{doi}`` once per DOI
(sequentially, waiting out 429s). Run from the repository root:

    python bench/crossref_requests.py [--sizes 18,200,2000] [--rate 50] [--latency 0.02]

No network is used: everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from allrefs.crossref import ClientSettings, CrossrefClient  # noqa: E402
from allrefs.model import Reference  # noqa: E402
from allrefs.resolve import resolve_references  # noqa: E402
from crossref_fake import FakeCrossref, start_fake, work  # noqa: E402


def make_references(fake: FakeCrossref, n: int, run: str) -> list[Reference]:
    refs = []
    for i in range(n):
        doi = f"10.5555/bench.{run}.{i:05d}"
        title = f"Benchmark study number {i} of run {run} on reference checking"
        if i % 20 != 19:
            fake.add(work(doi, title, (("Author", "Ann"),), year=2000 + i % 20))
        refs.append(
            Reference(
                raw=f"{i + 1}. Author A. {title}. J Test. {2000 + i % 20};12:101. doi:{doi}",
                label=str(i + 1),
                authors=(),
                title=title,
                year=2000 + i % 20,
                doi=doi,
            )
        )
    return refs


def run_allrefs(fake: FakeCrossref, refs: list[Reference], cache: Path) -> tuple[int, float, int]:
    before = len(fake.log)
    client = CrossrefClient(
        ClientSettings(
            crossref_url=fake.crossref_url,
            doi_url=fake.doi_url,
            mailto="bench@example.org",
            cache_path=cache,
        )
    )
    started = time.perf_counter()
    entries = resolve_references(refs, client)
    elapsed = time.perf_counter() - started
    client.close()
    assert len(entries) == len(refs)
    throttled = sum(1 for seen in fake.log[before:] if seen.status == 429)
    return client.network_requests, elapsed, throttled


def run_naive(fake: FakeCrossref, refs: list[Reference]) -> tuple[int, float, int]:
    """One GET /works/{doi} per DOI, no cache, no batching; waits out 429s as told."""
    before = len(fake.log)
    session = requests.Session()
    started = time.perf_counter()
    made = 0
    for ref in refs:
        while True:
            made += 1
            response = session.get(f"{fake.crossref_url}/works/{ref.doi}", timeout=30)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After", "1")))
    elapsed = time.perf_counter() - started
    throttled = sum(1 for seen in fake.log[before:] if seen.status == 429)
    return made, elapsed, throttled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="18,200,2000")
    parser.add_argument("--rate", type=int, default=50, help="requests per second allowed")
    parser.add_argument("--concurrency", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds per answer")
    parser.add_argument("--skip-naive-above", type=int, default=10_000)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    fake = start_fake()
    fake.rate = (args.rate, 1, args.concurrency)
    fake.enforce = (args.rate, args.concurrency)
    fake.latency = args.latency
    print(
        f"local server: {args.rate} req/s, {args.concurrency} concurrent, "
        f"{args.latency * 1000:.0f} ms per answer; 1 DOI in 20 unknown to Crossref\n"
    )
    print("| refs | client | cache | requests | req/ref | 429s | wall s |")
    print("|---:|---|---|---:|---:|---:|---:|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in (int(s) for s in args.sizes.split(",")):
                refs = make_references(fake, n, f"n{n}")
                cache = Path(tmp) / f"cache-{n}.sqlite"
                for label in ("cold", "warm"):
                    made, elapsed, throttled = run_allrefs(fake, refs, cache)
                    print(
                        f"| {n} | allrefs | {label} | {made} | {made / n:.3f} | {throttled} "
                        f"| {elapsed:.2f} |"
                    )
                if n <= args.skip_naive_above:
                    made, elapsed, throttled = run_naive(fake, refs)
                    print(
                        f"| {n} | naive | none | {made} | {made / n:.3f} | {throttled} "
                        f"| {elapsed:.2f} |"
                    )
    finally:
        fake.server.stop()


if __name__ == "__main__":
    main()
