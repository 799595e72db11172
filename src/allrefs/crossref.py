"""The Crossref and doi.org client: the only module in allrefs that talks HTTP.

It owns the cache (one ``requests_cache.CachedSession``), politeness (User-Agent with a
mailto, Plus token), rate limiting read from Crossref's headers, retries, batching of DOI
lookups, and the decision that the network is unreachable. It decides nothing about
references: that is :mod:`allrefs.resolve`.
"""

from __future__ import annotations

import email.utils
import io
import json
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import attrs
import platformdirs
import requests
import requests_cache
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests_cache.backends.sqlite import SQLiteCache
from urllib3 import HTTPResponse

from allrefs.errors import AllrefsError

__all__ = [
    "DEFAULT_CROSSREF_URL",
    "DEFAULT_DOI_URL",
    "ClientSettings",
    "CrossrefClient",
    "CrossrefError",
    "NetworkUnreachable",
    "NotCached",
]

DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_DOI_URL = "https://doi.org"
PROJECT_URL = "https://github.com/allrefs/allrefs"

JSON = "application/json"
CSL_JSON = "application/vnd.citationstyles.csl+json"

#: how long a registered work stays in the cache, and how long "not registered" does
#: (a DOI registered tomorrow should be found tomorrow)
FOUND_EXPIRY = timedelta(weeks=4)
MISSING_EXPIRY = timedelta(days=1)

#: the fields list routes return (``select=``): everything records.py reads, nothing else;
#: a deposited reference list alone can be hundreds of kilobytes
SELECT_FIELDS = (
    "DOI",
    "title",
    "subtitle",
    "author",
    "editor",
    "container-title",
    "short-container-title",
    "issued",
    "published-print",
    "published-online",
    "volume",
    "issue",
    "page",
    "article-number",
    "type",
    "publisher",
    "ISSN",
    "ISBN",
    "update-to",
    "updated-by",
    "relation",
    "score",
)

#: limits Crossref documents for each pool, used until the first response says otherwise
PUBLIC_LIMITS: tuple[int, float, int] = (5, 1.0, 1)
POLITE_LIMITS: tuple[int, float, int] = (10, 1.0, 3)
DOI_ORG_LIMITS: tuple[int, float, int] = (10, 1.0, 3)

POLITE_HINT = (
    "Crossref: no contact address given, so lookups use the public pool's lower limits; "
    "pass --mailto you@example.org or set ALLREFS_MAILTO to join the polite pool."
)

_T = TypeVar("_T")
_R = TypeVar("_R")


class CrossrefError(AllrefsError, ConnectionError):
    """A lookup that got no answer (network, service, offline). The reference stays unchecked."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class NetworkUnreachable(CrossrefError):
    """The network is down or the service cannot be reached; later lookups use the cache only."""


class NotCached(CrossrefError):
    """Offline (or unreachable) and the answer is not in the cache."""


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("allrefs")
    except Exception:  # not installed (running from a checkout)
        return "0.1.0"


def _strip_slash(value: str) -> str:
    return value.rstrip("/")


def _optional_path(value: str | os.PathLike[str] | None) -> Path | None:
    return None if value is None or value == "" else Path(value)


def _optional_text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@attrs.frozen
class ClientSettings:
    """Everything the client needs from the user: where to ask, who we are, how to cache."""

    crossref_url: str = attrs.field(default=DEFAULT_CROSSREF_URL, converter=_strip_slash)
    doi_url: str = attrs.field(default=DEFAULT_DOI_URL, converter=_strip_slash)
    mailto: str | None = attrs.field(default=None, converter=_optional_text)
    plus_token: str | None = attrs.field(default=None, converter=_optional_text, repr=False)
    #: the SQLite file; None means ``platformdirs.user_cache_dir("allrefs")/http_cache.sqlite``
    cache_path: Path | None = attrs.field(default=None, converter=_optional_path)
    #: False: a throwaway in-memory cache (``--no-cache``)
    use_cache: bool = True
    #: answer only from the cache (``--offline``)
    offline: bool = False
    #: seconds to wait for an answer once connected
    timeout: float = 20.0
    #: seconds to wait for a connection
    connect_timeout: float = 5.0
    #: retries after a 5xx, a timeout or a broken body (429s have their own, larger, budget)
    max_retries: int = 3
    #: DOIs per ``/works?filter=doi:...`` request
    batch_size: int = 50
    #: threads; the number actually in flight never exceeds what Crossref's headers allow
    max_workers: int = 4
    #: consecutive timeouts after which the network is called unreachable
    max_consecutive_timeouts: int = 3
    #: the longest ``Retry-After`` we wait out; longer means "give up for this run"
    max_retry_after: float = 120.0

    @property
    def resolved_cache_path(self) -> Path:
        if self.cache_path is not None:
            return self.cache_path
        return Path(platformdirs.user_cache_dir("allrefs")) / "http_cache.sqlite"

    @property
    def polite(self) -> bool:
        return self.mailto is not None or self.plus_token is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> ClientSettings:
        """Settings from ``ALLREFS_*`` variables; ``overrides`` (CLI options) win unless None.

        ``ALLREFS_MAILTO``, ``ALLREFS_CACHE`` (a path), ``ALLREFS_CROSSREF_URL``,
        ``ALLREFS_DOI_URL``, ``ALLREFS_CROSSREF_PLUS_TOKEN``.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, variable in (
            ("mailto", "ALLREFS_MAILTO"),
            ("cache_path", "ALLREFS_CACHE"),
            ("crossref_url", "ALLREFS_CROSSREF_URL"),
            ("doi_url", "ALLREFS_DOI_URL"),
            ("plus_token", "ALLREFS_CROSSREF_PLUS_TOKEN"),
        ):
            if env.get(variable):
                values[name] = env[variable]
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


@attrs.frozen
class _Reply:
    status: int
    data: Any
    from_cache: bool


class _Gate:
    """Caps the requests in flight to one service; the cap follows ``x-concurrency-limit``."""

    def __init__(self, concurrency: int, max_concurrency: int) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self.concurrency = max(1, min(concurrency, self.max_concurrency))
        self.condition = threading.Condition()
        self.active = 0
        self.peak = 0

    def set(self, concurrency: int) -> None:
        with self.condition:
            self.concurrency = max(1, min(concurrency, self.max_concurrency))
            self.condition.notify_all()


class _RateLimiter:
    """Spaces request starts by interval/limit on one route, inside its service's gate."""

    def __init__(
        self,
        limits: tuple[int, float],
        gate: _Gate,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self.limit, self.interval = limits
        self.gate = gate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_start = 0.0

    @property
    def spacing(self) -> float:
        # 5% under the announced rate: the server's window and our clock never line up exactly
        return 1.05 * self.interval / max(self.limit, 1)

    @contextmanager
    def slot(self) -> Iterator[None]:
        gate = self.gate
        with gate.condition:
            while gate.active >= gate.concurrency:
                gate.condition.wait()
            gate.active += 1
            gate.peak = max(gate.peak, gate.active)
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start)
                self._next_start = start + self.spacing
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            with gate.condition:
                gate.active -= 1
                gate.condition.notify_all()

    def update(self, headers: Mapping[str, str]) -> None:
        limit = _int_header(headers.get("x-rate-limit-limit"))
        interval = _interval_header(headers.get("x-rate-limit-interval"))
        concurrency = _int_header(headers.get("x-concurrency-limit"))
        with self._lock:
            if limit:
                self.limit = limit
            if interval:
                self.interval = interval
        if concurrency:
            self.gate.set(concurrency)

    def slow_down(self, pause: float) -> None:
        """After a 429: halve the rate and let nobody start before the pause is over."""
        with self._lock:
            self.limit = max(1, self.limit // 2)
            self._next_start = max(self._next_start, self._clock() + pause)


def _int_header(value: str | None) -> int | None:
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if number > 0 else None


def _interval_header(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", value or "")
    if not match:
        return None
    seconds = (
        float(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[match.group(2) or "s"]
    )
    return seconds if seconds > 0 else None


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _unreachable_reason(exc: requests.ConnectionError) -> str | None:
    """A reason when the error means "cannot connect at all" (DNS, refused, no route)."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        reason = getattr(seen, "reason", None)
        nxt = reason if isinstance(reason, BaseException) else None
        if nxt is None and seen.args and isinstance(seen.args[0], BaseException):
            nxt = seen.args[0]
        seen = nxt or seen.__cause__ or seen.__context__
    text = " ".join(str(item) for item in chain).lower()
    names = {type(item).__name__ for item in chain}
    if (
        "NameResolutionError" in names
        or "name or service not known" in text
        or ("failed to resolve" in text or "nodename nor servname" in text)
    ):
        return "DNS lookup failed"
    if any(isinstance(item, ConnectionRefusedError) for item in chain) or "refused" in text:
        return "connection refused"
    if "NewConnectionError" in names or "network is unreachable" in text:
        return "cannot connect"
    return None


class _CountingAdapter(HTTPAdapter):
    """Sees only what goes to the network: counts it and holds it to the rate limits."""

    def __init__(self, client: CrossrefClient) -> None:
        super().__init__(pool_maxsize=max(10, client.settings.max_workers * 2))
        self._client = client

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        limiter = self._client._limiter_for(request.url or "")
        with limiter.slot():
            self._client._count_request()
            response = super().send(request, *args, **kwargs)
        limiter.update(response.headers)
        return response


class CrossrefClient:
    """Crossref REST API and doi.org through one cached, polite, rate-limited session.

    Methods that look one thing up raise :class:`CrossrefError` when they get no answer;
    methods that look many up (:meth:`works_by_doi`, :meth:`search_many`) leave out what
    they could not answer and keep the reason in :attr:`failure_reason`.
    """

    def __init__(
        self,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
    ) -> None:
        self.settings = settings or ClientSettings()
        self._sleep = sleep
        self._clock = clock
        self._random = rng or random.Random()
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._lock = threading.Lock()
        self._network_requests = 0
        self._consecutive_timeouts = 0
        self._unreachable: str | None = None
        self._last_failure: str | None = None
        self._select_supported = True
        self._crossref_host = urlsplit(self.settings.crossref_url).netloc
        limit, interval, concurrency = POLITE_LIMITS if self.settings.polite else PUBLIC_LIMITS
        workers = self.settings.max_workers
        crossref_gate = _Gate(concurrency, workers)
        doi_gate = _Gate(DOI_ORG_LIMITS[2], workers)
        self._limiters = {
            "crossref-list": _RateLimiter((limit, interval), crossref_gate, clock, sleep),
            "crossref-single": _RateLimiter((limit, interval), crossref_gate, clock, sleep),
            "doi": _RateLimiter(DOI_ORG_LIMITS[:2], doi_gate, clock, sleep),
        }
        #: every wait for a retry (backoff, Retry-After), in seconds: for tests and the bench
        self.retry_waits: list[float] = []
        self._session = self._make_session()

    # -- session -------------------------------------------------------------------------

    def _make_session(self) -> requests_cache.CachedSession:
        settings = self.settings
        if settings.use_cache:
            path = settings.resolved_cache_path
            path.parent.mkdir(parents=True, exist_ok=True)
            backend: Any = SQLiteCache(str(path), wal=True)
        else:
            backend = "memory"
        session = requests_cache.CachedSession(
            backend=backend,
            expire_after=FOUND_EXPIRY,
            allowable_codes=(200, 404),
            allowable_methods=("GET",),
            stale_if_error=True,
            match_headers=["Accept"],
            ignored_parameters=["mailto"],
            cache_control=False,
        )
        session.headers["User-Agent"] = self.user_agent
        if settings.plus_token:
            session.headers["Crossref-Plus-API-Token"] = f"Bearer {settings.plus_token}"
        adapter = _CountingAdapter(self)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.settings.mailto}" if self.settings.mailto else ""
        return f"allrefs/{_version()} ({PROJECT_URL}{contact})"

    def close(self) -> None:
        self._session.close()  # type: ignore[no-untyped-call]

    def __enter__(self) -> CrossrefClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- what the CLI reports -----------------------------------------------------------

    @property
    def network_requests(self) -> int:
        """Requests that went to the network (cache hits not counted; retries counted)."""
        return self._network_requests

    @property
    def unreachable_reason(self) -> str | None:
        """Set once, on the first clear sign the network is down; later lookups use the cache."""
        return self._unreachable

    @property
    def offline(self) -> bool:
        return self.settings.offline

    @property
    def failure_reason(self) -> str:
        """Why the last lookup that got no answer got none, in words for the report."""
        if self._unreachable:
            return f"network unreachable ({self._unreachable})"
        if self.settings.offline:
            return "offline (not in the cache)"
        return self._last_failure or "lookup failed"

    def notices(self) -> list[str]:
        """One-line messages the CLI prints once per run (polite pool, unreachable network)."""
        lines = []
        if not self.settings.polite and not self.settings.offline:
            lines.append(POLITE_HINT)
        if self._unreachable:
            lines.append(
                f"Crossref/doi.org unreachable ({self._unreachable}); references not in the "
                "cache are marked unchecked. Re-run when online, or use --offline."
            )
        return lines

    def rate_limit(self, kind: str = "crossref-single") -> tuple[int, float, int]:
        """The limits in force: (requests, per seconds, concurrent). For tests and the bench."""
        limiter = self._limiters[kind]
        return limiter.limit, limiter.interval, limiter.gate.concurrency

    @property
    def peak_concurrency(self) -> int:
        """The most requests that were ever in flight to Crossref at once."""
        return self._limiters["crossref-single"].gate.peak

    # -- Crossref ----------------------------------------------------------------------------

    def work(self, doi: str) -> dict[str, Any] | None:
        """The Crossref ``message`` for one DOI, or None when Crossref does not know it (404)."""
        reply = self._get(self._work_url(doi), kind="crossref-single")
        return self._work_message(reply)

    def works_by_doi(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Look up many DOIs: cache first, then batches of ``batch_size``, then singles.

        Keys are lower-cased DOIs. A value of None means Crossref does not know the DOI.
        DOIs that could not be checked (offline, unreachable, service failure) are absent.
        """
        wanted = list(dict.fromkeys(doi.strip().lower() for doi in dois if doi and doi.strip()))
        found: dict[str, dict[str, Any] | None] = {}
        for doi in wanted:
            try:
                reply = self._get(self._work_url(doi), kind="crossref-single", cache_only=True)
            except NotCached:
                continue
            except CrossrefError:
                continue
            found[doi] = self._work_message(reply)
        todo = [doi for doi in wanted if doi not in found]
        if not todo:
            return found
        if self.settings.offline or self._unreachable:
            self._note_failure(self.failure_reason)
            return found
        # A comma would split the filter value, so such DOIs are looked up alone.
        batchable = [doi for doi in todo if "," not in doi]
        chunks = [
            batchable[start : start + self.settings.batch_size]
            for start in range(0, len(batchable), self.settings.batch_size)
        ]
        failed: set[str] = set()
        for chunk, outcome in zip(chunks, self._map(self._batch, chunks), strict=True):
            if isinstance(outcome, CrossrefError):
                self._note_failure(outcome.reason)
                failed.update(chunk)
            else:
                found.update(outcome)
        singles = [doi for doi in todo if doi not in found and doi not in failed]
        for doi, message in zip(singles, self._map(self.work, singles), strict=True):
            if isinstance(message, CrossrefError):
                self._note_failure(message.reason)
            else:
                found[doi] = message
        return found

    def search_bibliographic(self, text: str, rows: int = 5) -> list[dict[str, Any]]:
        """Candidates for a reference string (``query.bibliographic``), best first, with scores."""
        params = {"query.bibliographic": text, "rows": str(rows)}
        reply = self._list(params)
        if reply.status != 200:
            raise CrossrefError(f"Crossref search answered HTTP {reply.status}")
        return self._items(reply)

    def search_many(self, texts: Sequence[str], rows: int = 5) -> dict[str, list[dict[str, Any]]]:
        """:meth:`search_bibliographic` for many strings, within the allowed concurrency.

        Strings that could not be searched are absent; see :attr:`failure_reason`.
        """
        unique = list(dict.fromkeys(texts))
        results: dict[str, list[dict[str, Any]]] = {}

        def search(text: str) -> list[dict[str, Any]]:
            return self.search_bibliographic(text, rows)

        for text, outcome in zip(unique, self._map(search, unique), strict=True):
            if isinstance(outcome, CrossrefError):
                self._note_failure(outcome.reason)
            else:
                results[text] = outcome
        return results

    # -- doi.org ------------------------------------------------------------------------------

    def doi_exists(self, doi: str) -> bool:
        """Whether any registration agency knows the DOI (doi.org handle API)."""
        url = f"{self.settings.doi_url}/api/handles/{_quote_doi(doi)}"
        reply = self._get(url, kind="doi", parse_json=False)
        if reply.status == 404:
            return False
        data = _loads(reply.data)
        if reply.status == 200 and isinstance(data, dict):
            # 1: found; 200: handle exists but has no values of the asked type; 100: no handle
            return data.get("responseCode") in (1, 200)
        raise CrossrefError(f"doi.org handle API answered HTTP {reply.status} for {doi}")

    def csl_json(self, doi: str) -> dict[str, Any] | None:
        """CSL-JSON for a DOI of any agency (content negotiation at doi.org), or None."""
        url = f"{self.settings.doi_url}/{_quote_doi(doi)}"
        reply = self._get(url, kind="doi", accept=CSL_JSON, parse_json=False)
        if reply.status != 200:
            return None
        data = _loads(reply.data)
        # An agency without content negotiation redirects to an HTML landing page.
        return data if isinstance(data, dict) else None

    # -- internals ----------------------------------------------------------------------------

    def _work_url(self, doi: str) -> str:
        return f"{self.settings.crossref_url}/works/{_quote_doi(doi.lower())}"

    def _params(self, params: Mapping[str, str] | None = None) -> dict[str, str]:
        out = dict(params or {})
        if self.settings.mailto:
            out["mailto"] = self.settings.mailto
        return out

    def _batch(self, chunk: list[str]) -> dict[str, dict[str, Any] | None]:
        params = {
            "filter": ",".join(f"doi:{doi}" for doi in chunk),
            "rows": str(len(chunk)),
        }
        reply = self._list(params)
        if reply.status != 200:
            raise CrossrefError(f"Crossref batch lookup answered HTTP {reply.status}")
        wanted = set(chunk)
        found: dict[str, dict[str, Any] | None] = {}
        for item in self._items(reply):
            doi = str(item.get("DOI", "")).lower()
            if doi in wanted:
                found[doi] = item
                self._remember_work(doi, item)
        return found

    def _list(self, params: dict[str, str]) -> _Reply:
        """A ``/works?`` list request, trimmed with ``select`` while Crossref accepts it."""
        url = f"{self.settings.crossref_url}/works"
        if self._select_supported:
            selected = dict(params, select=",".join(SELECT_FIELDS))
            reply = self._get(url, params=selected, kind="crossref-list")
            if reply.status != 400:
                return reply
            # Crossref refuses unknown select fields with 400: ask again for everything.
            self._select_supported = False
        return self._get(url, params=params, kind="crossref-list")

    def _remember_work(self, doi: str, message: dict[str, Any]) -> None:
        """Store a work seen in a batch under its own ``/works/{doi}`` key.

        The next run (or another review citing it) then finds it in the cache whatever
        batch it falls in.
        """
        envelope = {"status": "ok", "message-type": "work", "message": message}
        request = self._session.prepare_request(
            requests.Request(
                "GET", self._work_url(doi), params=self._params(), headers={"Accept": JSON}
            )
        )
        body = json.dumps(envelope).encode()
        response = requests.Response()
        response.status_code = 200
        response.reason = "OK"
        response._content = body
        response.encoding = "utf-8"
        response.headers = CaseInsensitiveDict({"Content-Type": JSON})
        response.url = request.url or ""
        response.request = request
        response.raw = HTTPResponse(
            body=io.BytesIO(body),
            headers={"Content-Type": JSON},
            status=200,
            reason="OK",
            preload_content=False,
            request_url=response.url,
        )
        cache = self._session.cache
        cache.save_response(
            response, cache.create_key(request), expires=datetime.now(UTC) + FOUND_EXPIRY
        )

    @staticmethod
    def _items(reply: _Reply) -> list[dict[str, Any]]:
        message = reply.data.get("message") if isinstance(reply.data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            raise CrossrefError("Crossref answered a list request without items")
        return [item for item in items if isinstance(item, dict)]

    @staticmethod
    def _work_message(reply: _Reply) -> dict[str, Any] | None:
        if reply.status == 404:
            return None
        message = reply.data.get("message") if isinstance(reply.data, dict) else None
        if reply.status != 200 or not isinstance(message, dict):
            raise CrossrefError(f"Crossref answered HTTP {reply.status} without a work")
        return message

    def _note_failure(self, reason: str) -> None:
        with self._lock:
            self._last_failure = reason

    def _count_request(self) -> None:
        with self._lock:
            self._network_requests += 1

    def _limiter_for(self, url: str) -> _RateLimiter:
        parts = urlsplit(url)
        if parts.netloc != self._crossref_host:
            return self._limiters["doi"]
        crossref_path = urlsplit(self.settings.crossref_url).path
        if parts.path.rstrip("/") == f"{crossref_path}/works":
            return self._limiters["crossref-list"]
        return self._limiters["crossref-single"]

    def _mark_unreachable(self, reason: str) -> NetworkUnreachable:
        with self._lock:
            if self._unreachable is None:
                self._unreachable = reason
        return NetworkUnreachable(f"network unreachable ({self._unreachable})")

    def _wait(self, seconds: float) -> None:
        with self._lock:
            self.retry_waits.append(seconds)
        self._sleep(seconds)

    def _backoff(self, attempt: int) -> float:
        delay = min(self._backoff_cap, self._backoff_base * 2.0**attempt)
        return delay * (0.5 + self._random.random())

    def _map(self, func: Callable[[_T], _R], items: Sequence[_T]) -> list[_R | CrossrefError]:
        """``func`` over ``items`` in threads; a CrossrefError becomes that item's result."""

        def call(item: _T) -> _R | CrossrefError:
            try:
                return func(item)
            except CrossrefError as exc:
                return exc

        if len(items) <= 1 or self.settings.max_workers <= 1:
            return [call(item) for item in items]
        with ThreadPoolExecutor(max_workers=self.settings.max_workers) as pool:
            return list(pool.map(call, items))

    def _get(
        self,
        url: str,
        *,
        kind: str,
        params: Mapping[str, str] | None = None,
        accept: str = JSON,
        parse_json: bool = True,
        cache_only: bool = False,
    ) -> _Reply:
        """One GET with the cache, retries and failure rules. Raises CrossrefError."""
        settings = self.settings
        attempt = 0
        throttled = 0
        while True:
            only_if_cached = cache_only or settings.offline or self._unreachable is not None
            try:
                response = self._session.get(
                    url,
                    params=self._params(params),
                    headers={"Accept": accept},
                    timeout=(settings.connect_timeout, settings.timeout),
                    only_if_cached=only_if_cached,
                )
            except requests.Timeout as exc:
                with self._lock:
                    self._consecutive_timeouts += 1
                    timeouts = self._consecutive_timeouts
                if timeouts >= settings.max_consecutive_timeouts:
                    raise self._mark_unreachable(f"{timeouts} requests timed out in a row") from exc
                if attempt >= settings.max_retries:
                    raise CrossrefError(f"timed out after {attempt + 1} tries: {url}") from exc
                self._wait(self._backoff(attempt))
                attempt += 1
                continue
            except requests.ConnectionError as exc:
                unreachable = _unreachable_reason(exc)
                if unreachable:
                    host = urlsplit(url).netloc
                    raise self._mark_unreachable(f"{unreachable}: {host}") from exc
                if attempt >= settings.max_retries:
                    raise CrossrefError(f"connection failed: {exc}") from exc
                self._wait(self._backoff(attempt))
                attempt += 1
                continue
            except requests.RequestException as exc:  # truncated body, bad encoding
                if attempt >= settings.max_retries:
                    raise CrossrefError(f"broken response from {url}: {exc}") from exc
                self._wait(self._backoff(attempt))
                attempt += 1
                continue

            from_cache = bool(getattr(response, "from_cache", False))
            status = response.status_code
            if only_if_cached and status == 504:  # requests-cache's "not cached" answer
                raise NotCached(self.failure_reason if not cache_only else "not in the cache")
            if not from_cache:
                with self._lock:
                    self._consecutive_timeouts = 0

            if status == 429:
                throttled += 1
                pause = _retry_after(response.headers.get("Retry-After"))
                if pause is not None and pause > settings.max_retry_after:
                    raise CrossrefError(f"rate limited: Crossref asks to wait {pause:.0f} s")
                if throttled > settings.max_retries + 2:
                    raise CrossrefError(f"rate limited: still HTTP 429 after {throttled} tries")
                delay = pause if pause is not None else self._backoff(throttled - 1)
                self._limiters[kind].slow_down(delay)
                self._wait(delay)
                continue
            if status >= 500:
                if attempt >= settings.max_retries:
                    raise CrossrefError(f"HTTP {status} after {attempt + 1} tries: {url}")
                self._wait(self._backoff(attempt))
                attempt += 1
                continue

            if status == 404 and not from_cache:
                self._expire_sooner(response)
            if status != 200:
                return _Reply(status, response.text if not parse_json else None, from_cache)
            if not parse_json:
                return _Reply(status, response.text, from_cache)
            try:
                data = response.json()
            except ValueError as exc:
                # A cut-off or non-JSON 200 must not stay in the cache.
                key = getattr(response, "cache_key", None)
                if key:
                    self._session.cache.delete(key)
                if from_cache or attempt >= settings.max_retries:
                    raise CrossrefError(
                        f"Crossref answered with a body that is not JSON: {url}"
                    ) from exc
                self._wait(self._backoff(attempt))
                attempt += 1
                continue
            return _Reply(status, data, from_cache)

    def _expire_sooner(self, response: requests.Response) -> None:
        key = getattr(response, "cache_key", None)
        if key:
            self._session.cache.save_response(
                response, key, expires=datetime.now(UTC) + MISSING_EXPIRY
            )


def _quote_doi(doi: str) -> str:
    return quote(doi, safe="/")


def _loads(text: Any) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
