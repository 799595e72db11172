"""A fake Crossref REST API and doi.org on 127.0.0.1, for tests and the bench.

The answers have the shape of the recorded responses in ``../shared/data/crossref/``:
the ``/works/{doi}`` and ``/works?`` envelopes, ``text/plain`` "Resource not found." 404s,
``X-Rate-Limit-*`` and ``x-concurrency-limit`` headers, doi.org's handle API and CSL-JSON
content negotiation. Faults are queued per path: HTTP errors, 429 with ``Retry-After``,
slow answers, cut-off bodies, bodies that are not JSON.

Use the fixtures (``fake_crossref``, ``closed_port_url``, ``sleeps``) by importing them
into a test module, or :class:`FakeCrossref` directly (the bench does).
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import attrs
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

CROSSREF_PREFIX = "/crossref"
DOI_PREFIX = "/doiorg"
SHARED_CROSSREF = Path(__file__).resolve().parents[2] / "shared" / "data" / "crossref"

#: fields Crossref accepts in ``select=`` (a 400 for anything else, as Crossref does)
SELECTABLE = frozenset(
    "abstract URL resource member posted score created degree update-policy short-title "
    "license ISSN container-title issued update-to issue prefix approved indexed "
    "article-number clinical-trial-number accepted author group-title DOI "
    "is-referenced-by-count updated-by event chair standards-body original-title funder "
    "translator archive published-print alternative-id subject subtitle published-online "
    "publisher-location content-domain reference title link type publisher volume "
    "references-count ISBN issn-type assertion deposited page content-created "
    "short-container-title relation editor".split()
)


def work(
    doi: str,
    title: str,
    authors: Sequence[tuple[str, str]] = (("Smith", "Alice B."),),
    *,
    container: str | None = "Journal of Testing",
    short: str | None = None,
    year: int | None = 2015,
    volume: str | None = "12",
    issue: str | None = "3",
    page: str | None = "101-110",
    type: str = "journal-article",
    publisher: str = "Test Publisher",
    **extra: Any,
) -> dict[str, Any]:
    """A Crossref work ``message`` shaped like the recorded ``/works/{doi}`` answers."""
    message: dict[str, Any] = {
        "indexed": {
            "date-parts": [[2026, 6, 6]],
            "date-time": "2026-06-06T19:55:37Z",
            "timestamp": 1780775737845,
        },
        "reference-count": 42,
        "publisher": publisher,
        "content-domain": {"domain": [], "crossmark-restriction": False},
        "short-container-title": [short] if short else [],
        "DOI": doi.lower(),
        "type": type,
        "created": {"date-parts": [[year or 2000, 1, 2]], "timestamp": 1332464452000},
        "source": "Crossref",
        "is-referenced-by-count": 7,
        "title": [title],
        "prefix": doi.split("/", 1)[0],
        "author": [
            {
                "given": given,
                "family": family,
                "sequence": "first" if i == 0 else "additional",
                "affiliation": [],
            }
            for i, (family, given) in enumerate(authors)
        ],
        "member": "311",
        "container-title": [container] if container else [],
        "original-title": [],
        "deposited": {"date-parts": [[2017, 4, 27]], "timestamp": 1493285828000},
        "score": 1,
        "resource": {"primary": {"URL": f"https://example.org/{doi}"}},
        "subtitle": [],
        "short-title": [],
        "references-count": 42,
        "URL": f"https://doi.org/{doi.lower()}",
        "relation": {},
        "ISSN": ["1234-5678"],
    }
    if year is not None:
        message["issued"] = {"date-parts": [[year, 6, 1]]}
        message["published-print"] = {"date-parts": [[year, 6]]}
    if volume:
        message["volume"] = volume
    if issue:
        message["issue"] = issue
    if page:
        message["page"] = page
    message.update(extra)
    return message


def retraction_update(notice_doi: str, source: str, date: tuple[int, int, int]) -> dict[str, Any]:
    """One ``updated-by`` entry as Crossref has carried them since 2025."""
    return {
        "DOI": notice_doi,
        "type": "retraction",
        "source": source,
        "label": "Retraction",
        "updated": {"date-parts": [list(date)], "timestamp": 1588291200000},
        "record-id": 12345 if source == "retraction-watch" else None,
    }


def csl_item(doi: str, title: str, family: str = "Müller", year: int = 2019) -> dict[str, Any]:
    """CSL-JSON as doi.org content negotiation returns it for a DataCite DOI."""
    return {
        "type": "dataset",
        "id": f"https://doi.org/{doi}",
        "DOI": doi,
        "URL": f"https://zenodo.org/record/{doi.rsplit('.', 1)[-1]}",
        "author": [{"family": family, "given": "Jana"}],
        "issued": {"date-parts": [[year]]},
        "publisher": "Zenodo",
        "title": title,
    }


def recorded_work(cassette: str) -> dict[str, Any]:
    """The ``message`` of the first ``/works/{doi}`` answer in a recorded habanero cassette."""
    import yaml  # a test dependency: the recorded responses are YAML cassettes

    path = SHARED_CROSSREF / "habanero" / cassette
    if not path.exists():
        pytest.skip(f"{path} not found (recorded responses live in ../shared/data)")
    data = yaml.safe_load(path.read_text())
    for interaction in data["interactions"]:
        body = interaction["response"]["body"]["string"]
        if isinstance(body, bytes):
            body = gzip.decompress(body).decode()
        envelope = json.loads(body)
        if envelope.get("message-type") == "work":
            return dict(envelope["message"])
    raise LookupError(f"no work in {cassette}")


def recorded_search(name: str) -> dict[str, Any]:
    """A recorded ``/works?query.bibliographic=`` answer from Crossref's matcher tests."""
    path = SHARED_CROSSREF / "crossref-sbmv-matcher" / name
    if not path.exists():
        pytest.skip(f"{path} not found (recorded responses live in ../shared/data)")
    return dict(json.loads(path.read_text()))


@attrs.define
class Fault:
    kind: str  # "status", "429", "slow", "truncated", "short-body", "not-json"
    path: str  # applies to requests whose path starts with this
    times: int = 1
    status: int = 500
    delay: float = 0.0
    retry_after: str | None = None
    headers: dict[str, str] = attrs.Factory(dict)


@attrs.frozen
class Seen:
    path: str
    args: dict[str, str]
    headers: dict[str, str]
    status: int


class FakeCrossref:
    """The state behind the fake server: registered works, searches, faults, a request log."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.works: dict[str, dict[str, Any]] = {}
        self.other_agency: dict[str, dict[str, Any]] = {}
        self.searches: list[tuple[str, list[dict[str, Any]]]] = []
        self.faults: list[Fault] = []
        self.log: list[Seen] = []
        #: the rate headers every answer carries: (limit, interval seconds, concurrency)
        self.rate = (50, 1, 5)
        self.pool = "polite"
        #: enforce a rate limit (requests per second) and concurrency with 429s
        self.enforce: tuple[int, int] | None = None
        #: seconds each answer takes (the bench uses it to look like a real service)
        self.latency = 0.0
        self._lock = threading.Lock()
        self._recent: deque[float] = deque()
        self._active = 0
        server.expect_request(re.compile(".*")).respond_with_handler(self._handle)

    # -- set-up ---------------------------------------------------------------------------

    @property
    def crossref_url(self) -> str:
        return self.server.url_for(CROSSREF_PREFIX)

    @property
    def doi_url(self) -> str:
        return self.server.url_for(DOI_PREFIX)

    def add(self, *messages: dict[str, Any]) -> None:
        for message in messages:
            self.works[message["DOI"].lower()] = message

    def add_other_agency(self, item: dict[str, Any]) -> None:
        self.other_agency[item["DOI"].lower()] = item

    def add_search(self, needle: str, items: list[dict[str, Any]]) -> None:
        """Answer a ``query.bibliographic`` containing ``needle`` (case-folded) with items."""
        self.searches.append((needle.lower(), items))

    def fail(self, kind: str, path: str = CROSSREF_PREFIX, times: int = 1, **kw: Any) -> None:
        self.faults.append(Fault(kind, path, times, **kw))

    # -- what the tests assert on ---------------------------------------------------------

    @property
    def request_count(self) -> int:
        return len(self.log)

    def requests_to(self, prefix: str) -> list[Seen]:
        return [seen for seen in self.log if seen.path.startswith(prefix)]

    # -- serving -------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        with self._lock:
            self._active += 1
        try:
            response = self._answer(request)
        finally:
            with self._lock:
                self._active -= 1
        with self._lock:
            self.log.append(
                Seen(request.path, dict(request.args), dict(request.headers), response.status_code)
            )
        return response

    def _answer(self, request: Request) -> Response:
        if self.latency:
            time.sleep(self.latency)
        limited = self._over_limit()
        if limited is not None:
            return limited
        fault = self._take_fault(request.path)
        if fault is not None:
            response = self._fault_response(fault, request)
            if response is not None:
                return response
        return self._route(request)

    def _over_limit(self) -> Response | None:
        if self.enforce is None:
            return None
        per_second, concurrency = self.enforce
        now = time.monotonic()
        with self._lock:
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) >= per_second or self._active > concurrency:
                return self._json(
                    {"status": "error", "message": "Too many requests"}, 429, {"Retry-After": "1"}
                )
            self._recent.append(now)
        return None

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and path.startswith(fault.path):
                    fault.times -= 1
                    return fault
        return None

    def _fault_response(self, fault: Fault, request: Request) -> Response | None:
        if fault.kind == "status":
            return self._json(
                {"status": "error", "message-type": "exception", "message": "boom"}, fault.status
            )
        if fault.kind == "429":
            headers = dict(fault.headers)
            if fault.retry_after is not None:
                headers["Retry-After"] = fault.retry_after
            return self._json({"status": "error", "message": "Too many requests"}, 429, headers)
        if fault.kind == "slow":
            time.sleep(fault.delay)
            return None
        if fault.kind == "headers":  # a normal answer carrying other rate headers
            response = self._route(request)
            response.headers.update(fault.headers)
            return response
        if fault.kind in ("truncated", "short-body"):
            full = self._route(request)
            body = full.get_data()
            cut = Response(body[: len(body) // 2], status=full.status_code)
            cut.headers["Content-Type"] = full.headers.get("Content-Type", "application/json")
            if fault.kind == "short-body":  # a length the body never reaches: the wire was cut
                cut.headers["Content-Length"] = str(len(body))
                cut.headers["Connection"] = "close"
            return cut
        if fault.kind == "not-json":
            return Response(
                "<html><body><h1>502 Bad Gateway</h1></body></html>",
                status=200,
                content_type="text/html",
            )
        raise ValueError(f"unknown fault {fault.kind}")

    def _rate_headers(self) -> dict[str, str]:
        limit, interval, concurrency = self.rate
        return {
            "x-rate-limit-limit": str(limit),
            "x-rate-limit-interval": f"{interval}s",
            "x-concurrency-limit": str(concurrency),
            "x-api-pool": self.pool,
            "access-control-allow-origin": "*",
            "server": "Jetty(9.4.40.v20210413)",
        }

    def _json(
        self, data: Any, status: int = 200, headers: dict[str, str] | None = None
    ) -> Response:
        response = Response(json.dumps(data), status=status, content_type="application/json")
        response.headers.update(self._rate_headers())
        response.headers.update(headers or {})
        return response

    def _not_found(self) -> Response:
        response = Response("Resource not found.", status=404, content_type="text/plain")
        response.headers.update(self._rate_headers())
        return response

    def _route(self, request: Request) -> Response:
        path = unquote(request.path)
        if path == f"{CROSSREF_PREFIX}/works":
            return self._list(request)
        if path.startswith(f"{CROSSREF_PREFIX}/works/"):
            doi = path[len(f"{CROSSREF_PREFIX}/works/") :].lower()
            message = self.works.get(doi)
            if message is None:
                return self._not_found()
            return self._json(
                {
                    "status": "ok",
                    "message-type": "work",
                    "message-version": "1.0.0",
                    "message": message,
                }
            )
        if path.startswith(f"{DOI_PREFIX}/api/handles/"):
            doi = path[len(f"{DOI_PREFIX}/api/handles/") :].lower()
            if doi in self.works or doi in self.other_agency:
                return Response(
                    json.dumps(
                        {
                            "responseCode": 1,
                            "handle": doi,
                            "values": [
                                {
                                    "index": 1,
                                    "type": "URL",
                                    "data": {
                                        "format": "string",
                                        "value": f"https://example.org/{doi}",
                                    },
                                    "ttl": 86400,
                                    "timestamp": "2019-05-01T10:00:00Z",
                                }
                            ],
                        }
                    ),
                    status=200,
                    content_type="application/json",
                )
            return Response(
                json.dumps({"responseCode": 100, "handle": doi}),
                status=404,
                content_type="application/json",
            )
        if path.startswith(f"{DOI_PREFIX}/"):
            doi = path[len(f"{DOI_PREFIX}/") :].lower()
            accept = request.headers.get("Accept", "")
            item = self.other_agency.get(doi)
            if item is not None and "citationstyles.csl+json" in accept:
                return Response(
                    json.dumps(item),
                    status=200,
                    content_type="application/vnd.citationstyles.csl+json",
                )
            if item is not None or doi in self.works:
                return Response("<html><body>Landing page</body></html>", content_type="text/html")
            return Response(
                "<!DOCTYPE html><html><body>DOI Not Found</body></html>",
                status=404,
                content_type="text/html;charset=utf-8",
            )
        return self._not_found()

    def _list(self, request: Request) -> Response:
        args = request.args
        select = [f for f in args.get("select", "").split(",") if f]
        unknown = [f for f in select if f not in SELECTABLE]
        if unknown:
            return self._json(
                {
                    "status": "failed",
                    "message-type": "validation-failure",
                    "message": [
                        {
                            "type": "select-not-valid",
                            "value": unknown[0],
                            "message": f"Field {unknown[0]} is not a valid select field",
                        }
                    ],
                },
                400,
            )
        rows = int(args.get("rows", "20"))
        items: list[dict[str, Any]] = []
        if "filter" in args:
            for part in args["filter"].split(","):
                name, _, value = part.partition(":")
                if name == "doi" and value.lower() in self.works:
                    items.append(self.works[value.lower()])
        elif "query.bibliographic" in args:
            query = args["query.bibliographic"].lower()
            for needle, found in self.searches:
                if needle in query:
                    items = list(found)
                    break
        items = items[:rows]
        if select:
            items = [{k: v for k, v in item.items() if k in select} for item in items]
        return self._json(
            {
                "status": "ok",
                "message-type": "work-list",
                "message-version": "1.0.0",
                "message": {
                    "facets": {},
                    "total-results": len(items),
                    "items": items,
                    "items-per-page": rows,
                    "query": {"start-index": 0, "search-terms": None},
                },
            }
        )


def start_fake() -> FakeCrossref:
    """A started server with a fresh FakeCrossref; call ``fake.server.stop()`` when done."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    return FakeCrossref(server)


@pytest.fixture(scope="session")
def fake_server() -> Iterator[HTTPServer]:
    """One loopback server for the session (starting and stopping one costs half a second)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def fake_crossref(fake_server: HTTPServer) -> Iterator[FakeCrossref]:
    """A fresh fake Crossref (``fake.crossref_url``) and doi.org (``fake.doi_url``)."""
    fake_server.clear()
    yield FakeCrossref(fake_server)
    fake_server.clear()


def closed_port() -> int:
    """A loopback port nobody listens on: connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def closed_port_url() -> str:
    return f"http://127.0.0.1:{closed_port()}"


class Sleeps:
    """A sleep that records how long it was asked to sleep and returns at once.

    :meth:`clock` is a monotonic clock on which those sleeps did pass.
    """

    def __init__(self) -> None:
        self.calls: list[float] = []
        self._slept = 0.0

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self._slept += seconds

    def clock(self) -> float:
        return time.monotonic() + self._slept

    @property
    def total(self) -> float:
        return sum(self.calls)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()
