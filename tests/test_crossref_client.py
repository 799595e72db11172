"""The Crossref client against a real HTTP server on 127.0.0.1 (see crossref_fake.py)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from allrefs import crossref as crossref_module
from allrefs.crossref import (
    ClientSettings,
    CrossrefClient,
    CrossrefError,
    NotCached,
    _retry_after,
)
from allrefs.model import Reference, Verdict
from allrefs.resolve import resolve_references, summarize
from crossref_fake import (
    FakeCrossref,
    Sleeps,
    closed_port_url,
    csl_item,
    fake_crossref,
    fake_server,
    retraction_update,
    sleeps,
    work,
)

__all__ = ["closed_port_url", "fake_crossref", "fake_server", "sleeps"]  # fixtures used by name

MakeClient = Callable[..., CrossrefClient]


@pytest.fixture
def make_client(
    fake_crossref: FakeCrossref, sleeps: Sleeps, tmp_path: Path
) -> Iterator[MakeClient]:
    """Clients pointed at the fake, sharing one cache file, with sleeps recorded not slept."""
    clients: list[CrossrefClient] = []

    def make(**overrides: Any) -> CrossrefClient:
        values: dict[str, Any] = {
            "crossref_url": fake_crossref.crossref_url,
            "doi_url": fake_crossref.doi_url,
            "mailto": "tester@example.org",
            "cache_path": tmp_path / "http_cache.sqlite",
            "timeout": 2.0,
            "connect_timeout": 1.0,
        }
        values.update(overrides)
        client = CrossrefClient(
            ClientSettings(**values), sleep=sleeps, clock=sleeps.clock, rng=random.Random(7)
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def dois(n: int, prefix: str = "10.5555/test") -> list[str]:
    return [f"{prefix}.{i:04d}" for i in range(n)]


def register(fake: FakeCrossref, names: list[str]) -> None:
    fake.add(*(work(doi, f"A study numbered {doi}") for doi in names))


# -- batching and the cache ------------------------------------------------------------------


def test_batch_hit_costs_one_request_and_warm_cache_none(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    names = dois(18)
    register(fake_crossref, names)
    client = make_client()
    found = client.works_by_doi(names)
    assert sorted(found) == names
    assert all(found[doi] is not None for doi in names)
    assert client.network_requests == 1
    [seen] = fake_crossref.log
    assert seen.path == "/crossref/works"
    assert seen.args["rows"] == "18"
    assert seen.args["filter"].startswith("doi:10.5555/test.0000,doi:")
    assert "select" in seen.args and "updated-by" in seen.args["select"]
    assert seen.args["mailto"] == "tester@example.org"
    assert "mailto:tester@example.org" in seen.headers["User-Agent"]
    assert seen.headers["User-Agent"].startswith("allrefs/")

    again = make_client()
    assert again.works_by_doi(names) == found
    assert again.network_requests == 0
    assert fake_crossref.request_count == 1
    # and each work is now cached under its own /works/{doi}, whatever batch asks next
    assert again.work(names[5]) == found[names[5]]
    assert again.works_by_doi([names[3], names[11]]) == {d: found[d] for d in (names[3], names[11])}
    assert again.network_requests == 0


def test_partial_batch_asks_singly_only_for_the_missing(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    names = dois(5)
    register(fake_crossref, names[:4])
    client = make_client()
    found = client.works_by_doi([n.upper() for n in names])  # DOIs are case-insensitive
    assert found[names[4]] is None
    assert all(found[doi] is not None for doi in names[:4])
    assert [s.path for s in fake_crossref.log] == [
        "/crossref/works",
        f"/crossref/works/{names[4]}",
    ]
    assert client.network_requests == 2

    again = make_client()
    assert again.works_by_doi(names) == found  # the 404 is cached too
    assert again.network_requests == 0


def test_batches_hold_fifty_dois(fake_crossref: FakeCrossref, make_client: MakeClient) -> None:
    names = dois(120)
    register(fake_crossref, names)
    client = make_client()
    assert len(client.works_by_doi(names)) == 120
    rows = sorted(int(s.args["rows"]) for s in fake_crossref.log)
    assert rows == [20, 50, 50]


def test_not_found_is_cached_for_a_day_and_found_for_weeks(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    fake_crossref.add(work("10.5555/known", "Known work"))
    client = make_client()
    assert client.work("10.5555/unknown") is None
    assert client.work("10.5555/known") is not None
    now = datetime.now(UTC)
    expiries = {
        r.status_code: r.expires for r in client._session.cache.responses.values() if r.expires
    }
    assert now + timedelta(hours=20) < expiries[404] < now + timedelta(days=2)
    assert expiries[200] > now + timedelta(days=20)


def test_mailto_is_not_part_of_the_cache_key(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    fake_crossref.add(work("10.5555/known", "Known work"))
    make_client(mailto="one@example.org").work("10.5555/known")
    other = make_client(mailto="two@example.org")
    assert other.work("10.5555/known") is not None
    assert other.network_requests == 0


def test_no_cache_is_a_throwaway(
    fake_crossref: FakeCrossref, make_client: MakeClient, tmp_path: Path
) -> None:
    fake_crossref.add(work("10.5555/known", "Known work"))
    path = tmp_path / "unused.sqlite"
    first = make_client(use_cache=False, cache_path=path)
    first.work("10.5555/known")
    first.work("10.5555/known")
    assert first.network_requests == 1  # still cached within the run
    second = make_client(use_cache=False, cache_path=path)
    second.work("10.5555/known")
    assert second.network_requests == 1
    assert not path.exists()


def test_offline_answers_from_the_cache_only(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    names = dois(3)
    register(fake_crossref, names)
    make_client().works_by_doi(names[:2])
    offline = make_client(offline=True)
    found = offline.works_by_doi(names)
    assert sorted(found) == names[:2]
    assert offline.network_requests == 0
    assert offline.failure_reason == "offline (not in the cache)"
    with pytest.raises(NotCached):
        offline.work(names[2])
    with pytest.raises(NotCached):
        offline.search_bibliographic("anything at all")
    assert fake_crossref.request_count == 1


# -- politeness ------------------------------------------------------------------------------


def test_without_mailto_public_limits_and_one_hint(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    client = make_client(mailto=None)
    assert client.rate_limit() == (5, 1.0, 1)
    assert "mailto" not in client.user_agent
    assert any("ALLREFS_MAILTO" in line for line in client.notices())
    polite = make_client()
    assert polite.rate_limit() == (10, 1.0, 3)
    assert polite.notices() == []


def test_plus_token_header(fake_crossref: FakeCrossref, make_client: MakeClient) -> None:
    fake_crossref.add(work("10.5555/known", "Known work"))
    make_client(plus_token="s3cret").work("10.5555/known")
    assert fake_crossref.log[0].headers["Crossref-Plus-Api-Token"] == "Bearer s3cret"


def test_settings_from_env(tmp_path: Path) -> None:
    env = {
        "ALLREFS_MAILTO": "env@example.org",
        "ALLREFS_CACHE": str(tmp_path / "c.sqlite"),
        "ALLREFS_CROSSREF_URL": "http://127.0.0.1:9/api/",
        "ALLREFS_DOI_URL": "http://127.0.0.1:9/doi",
        "ALLREFS_CROSSREF_PLUS_TOKEN": "tok",
    }
    settings = ClientSettings.from_env(env, mailto=None, offline=True)
    assert settings.mailto == "env@example.org"
    assert settings.resolved_cache_path == tmp_path / "c.sqlite"
    assert settings.crossref_url == "http://127.0.0.1:9/api"
    assert settings.doi_url == "http://127.0.0.1:9/doi"
    assert settings.plus_token == "tok"
    assert settings.offline
    assert ClientSettings.from_env(env, mailto="cli@example.org").mailto == "cli@example.org"
    default = ClientSettings.from_env({})
    assert default.crossref_url == "https://api.crossref.org"
    assert default.doi_url == "https://doi.org"
    assert default.resolved_cache_path.name == "http_cache.sqlite"
    assert "allrefs" in str(default.resolved_cache_path)


# -- rate limits and faults ----------------------------------------------------------------


def test_429_honours_retry_after_and_rate_headers_adapt(
    fake_crossref: FakeCrossref, make_client: MakeClient, sleeps: Sleeps
) -> None:
    fake_crossref.add(*(work(f"10.5555/{x}", x.upper()) for x in "abcd"))
    fake_crossref.rate = (3, 1, 1)
    fake_crossref.fail(
        "429", retry_after="2", headers={"x-rate-limit-limit": "2", "x-rate-limit-interval": "1s"}
    )
    client = make_client()
    assert client.work("10.5555/a") is not None
    assert client.retry_waits == [2.0]
    assert client.network_requests == 2
    assert client.rate_limit() == (3, 1.0, 1)  # the answer after the 429 says 3/s, 1 at a time

    fake_crossref.rate = (20, 2, 2)
    client.work("10.5555/b")
    assert client.rate_limit() == (20, 2.0, 2)
    client.work("10.5555/c")  # spaced by the limits in force when b started (1/3 s)
    client.work("10.5555/d")  # spaced by the new limits: 20 per 2 s is 0.1 s apart (+5%)
    assert 0.25 < sleeps.calls[-2] <= 1.05 / 3
    assert 0.05 < sleeps.calls[-1] <= 0.105


def test_429_without_retry_after_backs_off_and_gives_up(
    fake_crossref: FakeCrossref, make_client: MakeClient, sleeps: Sleeps
) -> None:
    fake_crossref.add(work("10.5555/a", "A"))
    fake_crossref.fail("429", times=100)
    client = make_client(max_retries=2)
    with pytest.raises(CrossrefError, match="429"):
        client.work("10.5555/a")
    assert client.network_requests == 5  # max_retries + 3 tries for a 429
    assert client.unreachable_reason is None


def test_retry_after_too_long_is_not_waited_out(
    fake_crossref: FakeCrossref, make_client: MakeClient, sleeps: Sleeps
) -> None:
    fake_crossref.fail("429", retry_after="3600")
    with pytest.raises(CrossrefError, match="3600"):
        make_client().work("10.5555/a")
    assert sleeps.total < 1


def test_retry_after_as_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert _retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert _retry_after("7") == 7
    assert _retry_after("soon") is None


def test_500_then_success(
    fake_crossref: FakeCrossref, make_client: MakeClient, sleeps: Sleeps
) -> None:
    fake_crossref.add(work("10.5555/a", "A"))
    fake_crossref.fail("status", status=500)
    client = make_client()
    assert client.work("10.5555/a") is not None
    assert client.network_requests == 2
    [wait] = client.retry_waits
    assert 0.25 <= wait <= 0.75  # 0.5 s, jittered


def test_500_every_time_leaves_the_batch_unchecked(
    fake_crossref: FakeCrossref, make_client: MakeClient, sleeps: Sleeps
) -> None:
    names = dois(3)
    register(fake_crossref, names)
    fake_crossref.fail("status", status=503, times=100)
    client = make_client(max_retries=3)
    assert client.works_by_doi(names) == {}
    assert client.network_requests == 4  # the batch, tried 4 times; no singles after it
    assert "503" in client.failure_reason
    assert client.unreachable_reason is None
    first, second, third = client.retry_waits
    assert 0.25 <= first <= 0.75 and 0.5 <= second <= 1.5 and 1 <= third <= 3  # 2**n, jittered


def test_slow_answer_past_the_timeout_is_retried(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    fake_crossref.add(work("10.5555/a", "A"))
    fake_crossref.fail("slow", delay=0.6)
    client = make_client(timeout=0.25)
    assert client.work("10.5555/a") is not None
    assert client.network_requests == 2
    assert client.unreachable_reason is None


def test_repeated_timeouts_mean_unreachable(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    names = dois(3)
    register(fake_crossref, names)
    fake_crossref.fail("slow", delay=0.5, times=100)
    client = make_client(timeout=0.15)
    assert client.works_by_doi(names) == {}
    assert client.unreachable_reason == "3 requests timed out in a row"
    assert client.network_requests == 3
    started = time.monotonic()
    with pytest.raises(NotCached):
        client.work(names[0])
    assert time.monotonic() - started < 0.1
    assert client.network_requests == 3


@pytest.mark.parametrize("kind", ["truncated", "short-body", "not-json"])
def test_broken_body_is_retried_and_never_cached(
    fake_crossref: FakeCrossref, make_client: MakeClient, kind: str
) -> None:
    names = dois(4)
    register(fake_crossref, names)
    fake_crossref.fail(kind)
    client = make_client()
    found = client.works_by_doi(names)
    assert sorted(found) == names
    assert client.network_requests == 2
    again = make_client()
    assert again.works_by_doi(names) == found
    assert again.network_requests == 0


def test_body_that_is_never_json_fails_cleanly(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    fake_crossref.fail("not-json", times=100)
    client = make_client(max_retries=1)
    with pytest.raises(CrossrefError, match="not JSON"):
        client.work("10.5555/a")
    assert client.network_requests == 2


def test_connection_refused_stops_at_once(make_client: MakeClient, closed_port_url: str) -> None:
    client = make_client(crossref_url=closed_port_url, doi_url=closed_port_url)
    started = time.monotonic()
    assert client.works_by_doi(dois(18)) == {}
    assert client.unreachable_reason is not None
    assert "refused" in client.unreachable_reason
    assert client.network_requests == 1
    with pytest.raises(CrossrefError):
        client.search_bibliographic("Smith J. A long enough reference string. 2015")
    with pytest.raises(CrossrefError):
        client.doi_exists("10.5555/a")
    assert client.network_requests == 1
    assert time.monotonic() - started < 2
    assert any("unreachable" in line for line in client.notices())


def test_unresolvable_host_is_unreachable(make_client: MakeClient) -> None:
    # ".invalid" never resolves (RFC 6761); the test guard refuses it before any DNS query,
    # so use the client's classifier on the error requests raises for a failed lookup.
    import requests
    import urllib3

    error = requests.ConnectionError(
        urllib3.exceptions.MaxRetryError(
            None,  # type: ignore[arg-type]
            "/works",
            urllib3.exceptions.NameResolutionError("api.crossref.invalid", None, OSError("x")),  # type: ignore[arg-type]
        )
    )
    assert crossref_module._unreachable_reason(error) == "DNS lookup failed"


def test_unknown_select_field_falls_back_to_full_records(
    fake_crossref: FakeCrossref, make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crossref_module, "SELECT_FIELDS", (*crossref_module.SELECT_FIELDS, "bogus"))
    names = dois(2)
    register(fake_crossref, names)
    client = make_client()
    assert sorted(client.works_by_doi(names)) == names
    assert [s.status for s in fake_crossref.log] == [400, 200]
    assert "select" not in fake_crossref.log[1].args


def test_concurrency_never_exceeds_the_header(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    names = dois(40)
    register(fake_crossref, names)
    fake_crossref.rate = (1000, 1, 1)
    fake_crossref.enforce = (1000, 1)  # a second request in flight gets a 429
    client = make_client(batch_size=4, max_workers=4)
    client.work(names[0])  # learn the limits
    assert client.rate_limit("crossref-list") == (10, 1.0, 1)  # one gate for all of Crossref
    fake_crossref.latency = 0.02
    found = client.works_by_doi(names)
    assert len(found) == 40
    assert all(s.status == 200 for s in fake_crossref.log)
    assert client.peak_concurrency == 1


# -- search and doi.org --------------------------------------------------------------------


def test_search_bibliographic_is_cached(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    item = dict(work("10.5555/found", "Deep learning for the detection of things"), score=80.5)
    fake_crossref.add_search("deep learning", [item])
    client = make_client()
    text = "Smith A. Deep learning for the detection of things. J Test. 2015;12:101."
    [got] = client.search_bibliographic(text)
    assert got["DOI"] == "10.5555/found"
    assert got["score"] == 80.5
    assert fake_crossref.log[0].args["query.bibliographic"] == text
    assert fake_crossref.log[0].args["rows"] == "5"
    assert make_client().search_many([text, text]) == {text: [got]}
    assert fake_crossref.request_count == 1


def test_doi_org_handles_and_content_negotiation(
    fake_crossref: FakeCrossref, make_client: MakeClient
) -> None:
    fake_crossref.add_other_agency(csl_item("10.5281/zenodo.123", "A data set"))
    client = make_client()
    assert client.doi_exists("10.5281/zenodo.123") is True
    assert client.doi_exists("10.5281/zenodo.999") is False
    item = client.csl_json("10.5281/zenodo.123")
    assert item is not None and item["title"] == "A data set"
    assert client.csl_json("10.5281/zenodo.999") is None
    accept = [s.headers.get("Accept") for s in fake_crossref.requests_to("/doiorg/10.5281")]
    assert accept == ["application/vnd.citationstyles.csl+json"] * 2


# -- the stage against the fake server -----------------------------------------------------


def test_review_of_18_cold_then_warm(fake_crossref: FakeCrossref, make_client: MakeClient) -> None:
    names = dois(18)
    register(fake_crossref, names)
    refs = [
        Reference(
            raw=f"{i + 1}. Smith AB. A study numbered {doi}.",
            label=str(i + 1),
            doi=doi,
            title=f"A study numbered {doi}",
            authors=(),
            year=2015,
        )
        for i, doi in enumerate(names)
    ]
    retracted = dict(
        work("10.5555/retracted", "A retracted study of things", year=2015),
        **{
            "updated-by": [
                retraction_update("10.5555/notice", "publisher", (2020, 5, 1)),
                retraction_update("10.5555/notice", "retraction-watch", (2020, 5, 1)),
            ]
        },
    )
    fake_crossref.add(retracted)
    refs[-1] = Reference(
        raw="18. A retracted study of things. 2015.",
        label="18",
        doi="10.5555/retracted",
        title="A retracted study of things",
        year=2015,
    )
    client = make_client()
    entries = resolve_references(refs, client)
    assert [e.verdict for e in entries] == [Verdict.VERIFIED] * 18
    assert [f.code for f in entries[-1].findings].count("retracted") == 1
    assert client.network_requests == 1
    warm = make_client()
    assert resolve_references(refs, warm) == entries
    assert warm.network_requests == 0
    assert "18 verified" in summarize(entries, warm) and "1 retracted" in summarize(entries, warm)


def test_review_without_network_is_unchecked_in_seconds(
    make_client: MakeClient, closed_port_url: str
) -> None:
    refs = [
        Reference(raw=f"Author {i}. Title of a paper {i}. Journal. 2001.", doi=f"10.5555/x{i}")
        for i in range(9)
    ] + [
        Reference(raw=f"Author {i}. Title of a paper without a DOI {i}. Journal. 2001.")
        for i in range(9)
    ]
    client = make_client(crossref_url=closed_port_url, doi_url=closed_port_url)
    started = time.monotonic()
    entries = resolve_references(refs, client)
    assert time.monotonic() - started < 3
    assert [e.verdict for e in entries] == [Verdict.UNCHECKED] * 18
    assert all("unreachable" in (e.resolution.reason or "") for e in entries)
    assert client.network_requests == 1
    assert "network unreachable" in summarize(entries, client)
