"""Online geocoders (geo.online) against a real HTTP server on 127.0.0.1.

Fixtures:

* ``fake_server`` (module): ``tests/geo/fake_geocoding_server.py`` started on a
  random free port, shut down after the module; ``server`` resets its script
  and request log before each test.
* ``clock``: a fake monotonic clock whose ``sleep`` records the durations and
  advances the time, so retry and rate-limit tests never really wait.
* ``only_localhost`` (autouse): any socket connection to a host other than
  127.0.0.1 fails the test.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest

from etl.store import SqlGeocodeCache, Store
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
from geo.online import (
    ArcGISGeocoder,
    MemoryGeocodeCache,
    NominatimGeocoder,
    OnlineGeocoder,
    PhotonGeocoder,
    RateLimiter,
    make_geocoder,
)
from tests.geo import fake_geocoding_server as fake

USER_AGENT = "sitrep-tests/1.0 (tests@example.org)"
SERVICES: dict[str, type[OnlineGeocoder]] = {
    "nominatim": NominatimGeocoder, "photon": PhotonGeocoder, "arcgis": ArcGISGeocoder,
}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture(scope="module")
def fake_server():
    server = fake.FakeGeocodingServer().start()
    yield server
    server.stop()


@pytest.fixture()
def server(fake_server: fake.FakeGeocodingServer) -> fake.FakeGeocodingServer:
    fake_server.reset()
    return fake_server


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(address: Any) -> None:
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            pytest.fail(f"test tried to reach {address!r}: only 127.0.0.1 is allowed")

    def connect(self: socket.socket, address: Any) -> Any:
        check(address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    for name in ("SITREP_USER_AGENT", "SITREP_GEOCODER_DOMAIN", "SITREP_GEOCODER_SCHEME"):
        monkeypatch.delenv(name, raising=False)


def geocoder(service: str, server: fake.FakeGeocodingServer, clock: FakeClock,
             **options: Any) -> OnlineGeocoder:
    settings: dict[str, Any] = dict(
        user_agent=USER_AGENT, domain=server.domain, scheme="http", timeout_s=2.0,
        min_delay_s=0.0, backoff_s=0.1, max_retries=3, proxies={}, clock=clock,
        sleep=clock.sleep)
    settings.update(options)
    return SERVICES[service](**settings)


# -- parsing ------------------------------------------------------------------------------


def test_nominatim_parses_candidates(server, clock):
    nominatim = geocoder("nominatim", server, clock)
    candidates = nominatim.geocode("Kabul")
    assert isinstance(nominatim, Geocoder)
    assert [c.place.place_id for c in candidates] == ["nominatim:node/240134032",
                                                      "nominatim:relation/1612960"]
    city, province = candidates
    assert (city.place.name, city.place.kind, city.place.country, city.place.admin1) == (
        "Kabul", "populated_place", "AFG", "Kabul Province")
    assert city.place.lat == pytest.approx(34.5260109) and city.place.lon == pytest.approx(69.1776838)
    assert city.geocoder == "nominatim" and "name matches query" in city.reasons
    assert 0.7 < city.score <= 0.9
    assert city.raw["osm_id"] == 240134032  # the service's own payload is kept
    assert province.place.kind == "admin1" and province.score <= 0.6
    (request,) = server.requests
    assert request.path == "/search"
    assert request.params["q"] == ["Kabul"] and request.params["format"] == ["json"]
    assert request.params["addressdetails"] == ["1"] and request.params["limit"] == ["10"]
    assert request.headers["user-agent"] == USER_AGENT


def test_nominatim_country(server, clock):
    (pakistan,) = geocoder("nominatim", server, clock).geocode("Pakistan")
    assert pakistan.place.place_id == "nominatim:relation/307573"
    assert (pakistan.place.kind, pakistan.place.country) == ("country", "PAK")
    assert pakistan.score > 0.8


def test_photon_parses_candidates(server, clock):
    candidates = geocoder("photon", server, clock).geocode("Kabul")
    city, province = candidates
    assert city.place.place_id == "photon:node/240134032"
    assert (city.place.name, city.place.kind, city.place.country) == ("Kabul", "populated_place", "AFG")
    assert city.place.lat == pytest.approx(34.5260109) and city.place.lon == pytest.approx(69.1776838)
    assert province.place.place_id == "photon:relation/1612960" and province.place.kind == "admin1"
    assert city.score > province.score
    assert city.raw["properties"]["osm_value"] == "city"
    (request,) = server.requests
    assert request.path == "/api" and request.params["q"] == ["Kabul"]


def test_arcgis_parses_candidates(server, clock):
    candidates = geocoder("arcgis", server, clock).geocode("Kabul")
    city, province = candidates
    assert city.place.place_id.startswith("arcgis:") and len(city.place.place_id) == len("arcgis:") + 16
    assert (city.place.name, city.place.kind, city.place.country, city.place.admin1) == (
        "Kabul", "populated_place", "AFG", "Kabul Province")
    assert province.place.kind == "admin1"
    assert city.raw["score"] == 100.0
    assert 0.7 < city.score <= 0.9
    (request,) = server.requests
    assert request.path == fake.ARCGIS_PATH
    assert request.params["singleLine"] == ["Kabul"] and request.params["f"] == ["json"]
    # the place_id is stable: the same answer gives the same id
    again = geocoder("arcgis", server, clock).geocode("Kabul")
    assert again[0].place.place_id == city.place.place_id


@pytest.mark.parametrize("service", SERVICES)
def test_limit_and_same_name_places(service, server, clock):
    both = geocoder(service, server, clock).geocode("Adampur")
    assert {c.place.admin1 for c in both} == {"Punjab", "Haryana"}
    assert all(c.place.country == "IND" for c in both)
    assert len(geocoder(service, server, clock).geocode("Adampur", limit=1)) == 1


@pytest.mark.parametrize("service", SERVICES)
def test_unrelated_answer_is_never_high_confidence(service, server, clock):
    # the fake service answers this garbage query with Kabul
    candidates = geocoder(service, server, clock).geocode("xqzzyplorf")
    assert candidates and all(c.score <= 0.6 for c in candidates)
    assert "name differs from query" in candidates[0].reasons


# -- rate limit and retries -----------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_429_honours_retry_after(service, server, clock):
    server.script("Kabul", fake.status(429, retry_after="2"))
    candidates = geocoder(service, server, clock).geocode("Kabul")
    assert candidates[0].place.name == "Kabul"
    assert clock.sleeps == [2.0]  # Retry-After, not the 0.1 s backoff
    assert server.count("Kabul") == 2


def test_429_gives_up_after_retries_with_retry_after(server, clock):
    server.script("Kabul", *[fake.status(429, retry_after="1")] * 3)
    nominatim = geocoder("nominatim", server, clock, max_retries=1)
    with pytest.raises(GeocoderRateLimited) as info:
        nominatim.geocode("Kabul")
    assert info.value.retry_after == 1.0
    assert isinstance(info.value, GeocoderError)
    assert isinstance(info.value.__cause__, Exception)  # raised from geopy's error
    assert server.count("Kabul") == 2 and clock.sleeps == [1.0]
    # the next call still honours the last Retry-After
    server.reset()
    nominatim.geocode("Pakistan")
    assert clock.sleeps == [1.0, 1.0]


def test_retry_after_beyond_max_wait_fails_fast(server, clock):
    server.script("Kabul", fake.status(429, retry_after="3600"))
    nominatim = geocoder("nominatim", server, clock, max_wait_s=60.0)
    with pytest.raises(GeocoderRateLimited) as info:
        nominatim.geocode("Kabul")
    assert info.value.retry_after == pytest.approx(3600.0)
    assert clock.sleeps == [] and server.count() == 1
    with pytest.raises(GeocoderRateLimited):  # still blocked: no request at all
        nominatim.geocode("Pakistan")
    assert server.count() == 1


@pytest.mark.parametrize("service", SERVICES)
def test_500_is_retried_with_backoff(service, server, clock):
    server.script("Kabul", fake.status(500), fake.status(502))
    candidates = geocoder(service, server, clock).geocode("Kabul")
    assert candidates[0].place.name == "Kabul"
    assert clock.sleeps == [0.1, 0.2]  # exponential backoff
    assert server.count("Kabul") == 3


def test_503_honours_retry_after(server, clock):
    server.script("Kabul", fake.status(503, retry_after="3"))
    assert geocoder("photon", server, clock).geocode("Kabul")
    assert clock.sleeps == [3.0]


def test_5xx_gives_up_after_max_retries(server, clock):
    server.script("Kabul", *[fake.status(500)] * 5)
    with pytest.raises(GeocoderUnavailable) as info:
        geocoder("nominatim", server, clock, max_retries=2).geocode("Kabul")
    assert info.value.status_code == 500 and isinstance(info.value, ConnectionError)
    assert server.count("Kabul") == 3 and clock.sleeps == [0.1, 0.2]


@pytest.mark.parametrize("code, error", [
    (403, GeocoderAuthError), (401, GeocoderAuthError), (400, GeocoderQueryError),
    (404, GeocoderQueryError),
])
def test_4xx_is_not_retried(code, error, server, clock):
    server.script("Kabul", fake.status(code, body="Access blocked"))
    with pytest.raises(error) as info:
        geocoder("nominatim", server, clock).geocode("Kabul")
    assert isinstance(info.value, GeocoderError)
    assert server.count("Kabul") == 1 and clock.sleeps == []


def test_timeout_raises_project_error(server, clock):
    server.script("Kabul", fake.slow(1.0), fake.slow(1.0))
    nominatim = geocoder("nominatim", server, clock, timeout_s=0.2, max_retries=1)
    started = time.monotonic()
    with pytest.raises(GeocoderTimeout) as info:
        nominatim.geocode("Kabul")
    assert isinstance(info.value, TimeoutError)
    assert time.monotonic() - started < 0.9  # the real 0.2 s timeout, twice
    assert server.count("Kabul") == 2 and clock.sleeps == [0.1]


def test_slow_reply_within_timeout_succeeds(server, clock):
    server.script("Kabul", fake.slow(0.1))
    assert geocoder("photon", server, clock, timeout_s=2.0).geocode("Kabul")


def test_connection_refused_is_unavailable(clock):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    photon = PhotonGeocoder(domain=f"127.0.0.1:{port}", scheme="http", min_delay_s=0.0,
                            backoff_s=0.1, max_retries=1, proxies={}, clock=clock,
                            sleep=clock.sleep)
    with pytest.raises(GeocoderUnavailable):
        photon.geocode("Kabul")
    assert clock.sleeps == [0.1]


def test_min_delay_between_calls(server, clock):
    photon = geocoder("photon", server, clock, min_delay_s=1.0)
    photon.geocode("Kabul")
    photon.geocode("Pakistan")
    clock.now += 5.0  # time passes: no wait needed
    photon.geocode("Adampur")
    assert clock.sleeps == [1.0]


def test_rate_limiter_alone():
    clock = FakeClock()
    limiter = RateLimiter(min_delay_s=0.5, clock=clock, sleep=clock.sleep)
    limiter.wait()
    limiter.wait()
    limiter.defer(2.0)
    limiter.wait()
    assert clock.sleeps == [0.5, 2.0]


# -- garbage answers ------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_malformed_json_is_bad_response(service, server, clock):
    server.script("Kabul", fake.malformed())
    with pytest.raises(GeocoderBadResponse) as info:
        geocoder(service, server, clock).geocode("Kabul")
    assert isinstance(info.value, ValueError)
    assert server.count("Kabul") == 1  # not retried


@pytest.mark.filterwarnings("ignore:Latitude normalization")
@pytest.mark.parametrize("service, body", [
    ("nominatim", {"unexpected": "shape"}),
    ("nominatim", [{"lat": "999", "lon": "69.1", "display_name": "Nowhere"}]),
    ("nominatim", [{"display_name": "No coordinates"}]),
    ("photon", [1, 2, 3]),
    ("photon", {"features": [{"properties": {}}]}),
    ("arcgis", {"candidates": [{"address": "X"}]}),
    ("arcgis", {"something": "else"}),
    ("nominatim", "<html><body>Service temporarily down</body></html>"),
])
def test_wrong_shape_is_bad_response(service, body, server, clock):
    server.script("Kabul", fake.json_body(body))
    with pytest.raises(GeocoderBadResponse):
        geocoder(service, server, clock).geocode("Kabul")


def test_arcgis_error_object_is_an_error(server, clock):
    server.script("Kabul", fake.json_body({"error": {"code": 498, "message": "Invalid token"}}))
    with pytest.raises(GeocoderError):
        geocoder("arcgis", server, clock).geocode("Kabul")
    assert server.count("Kabul") == 1


@pytest.mark.parametrize("service", SERVICES)
def test_empty_answer_is_empty_list(service, server, clock):
    server.script("Atlantis", fake.empty())
    assert geocoder(service, server, clock).geocode("Atlantis") == []


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "", "   ", "\n\t", "x" * 10_000, "K" * 301, "Kabul\x00", "Ka\x1bbul", "Kab\x7ful",
    "\ud800Kabul", None, 42,
])
@pytest.mark.parametrize("service", SERVICES)
def test_bad_input_gives_empty_list_without_request(service, query, server, clock):
    assert geocoder(service, server, clock).geocode(query) == []  # type: ignore[arg-type]
    assert server.count() == 0


def test_whitespace_is_collapsed(server, clock):
    geocoder("nominatim", server, clock).geocode("  Kabul\n ")
    assert server.requests[0].query == "Kabul"


@pytest.mark.parametrize("query", ["کابل", "مزار\u200cشریف"])  # Urdu / Dari (with ZWNJ)
@pytest.mark.parametrize("service", SERVICES)
def test_non_latin_script_is_sent(service, query, server, clock):
    assert geocoder(service, server, clock).geocode(query) == []  # the fake knows no such name
    assert [r.query for r in server.requests] == [query]


# -- cache ----------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_memory_cache_avoids_second_request(service, server, clock):
    cache = MemoryGeocodeCache()
    first = geocoder(service, server, clock, cache=cache).geocode("Kabul")
    second = geocoder(service, server, clock, cache=cache).geocode(" kabul ")
    assert second == first and [c.score for c in second] == [c.score for c in first]
    assert second[0].raw == first[0].raw
    assert server.count() == 1
    # "no match" is cached too; failures are not (a later run asks again;
    # within one run they are remembered: tests/geo/test_online_failures.py)
    server.script("Atlantis", fake.empty())
    gc = geocoder(service, server, clock, cache=cache)
    assert gc.geocode("Atlantis") == [] and gc.geocode("Atlantis") == []
    server.script("Lahore", fake.status(403))
    with pytest.raises(GeocoderAuthError):
        gc.geocode("Lahore")
    geocoder(service, server, clock, cache=cache).geocode("Lahore")
    assert server.count("Atlantis") == 1 and server.count("Lahore") == 2


def test_cache_is_per_geocoder(server, clock):
    cache = MemoryGeocodeCache()
    geocoder("nominatim", server, clock, cache=cache).geocode("Kabul")
    geocoder("photon", server, clock, cache=cache).geocode("Kabul")
    assert server.count() == 2 and len(cache) == 2


def test_sql_cache_persists_in_the_store(server, clock, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    store = Store(url)
    first = geocoder("nominatim", server, clock, cache=SqlGeocodeCache(store)).geocode("Kabul")
    store.close()
    reopened = Store(url)
    cache = SqlGeocodeCache(reopened)
    second = geocoder("nominatim", server, clock, cache=cache).geocode("Kabul")
    assert second == first and second[0].raw == first[0].raw
    assert server.count() == 1
    assert cache.get("nominatim", "kabul") is not None and cache.get("photon", "kabul") is None
    reopened.close()


def test_sql_cache_put_replaces(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'cache.db'}")
    cache = SqlGeocodeCache(store)
    assert cache.get("photon", "kabul") is None
    cache.put("photon", "kabul", [])
    assert cache.get("photon", "kabul") == []
    cache.put("photon", "kabul", [{"a": 1, "b": "کابل"}])
    assert cache.get("photon", "kabul") == [{"a": 1, "b": "کابل"}]
    store.close()


def test_malformed_cache_entry_is_refetched(server, clock):
    cache = MemoryGeocodeCache()
    cache.put("photon", "kabul", [{"not": "a candidate"}])
    assert geocoder("photon", server, clock, cache=cache).geocode("Kabul")
    assert server.count() == 1


# -- configuration --------------------------------------------------------------------------


@pytest.mark.parametrize("agent", [None, "", "   ", "geopy/2.5.0", "my-application",
                                   "yourapp/1.0 (you@example.org)"])
def test_nominatim_needs_a_real_user_agent(agent, server):
    with pytest.raises(GeocoderConfigError) as info:
        make_geocoder("nominatim", user_agent=agent, domain=server.domain, scheme="http")
    message = str(info.value)
    assert "--user-agent" in message and "SITREP_USER_AGENT" in message
    assert "yourapp/1.0 (you@example.org)" in message
    assert isinstance(info.value, ValueError)
    assert server.count() == 0


def test_configuration_from_environment(server, monkeypatch, clock):
    monkeypatch.setenv("SITREP_USER_AGENT", USER_AGENT)
    monkeypatch.setenv("SITREP_GEOCODER_DOMAIN", server.domain)
    monkeypatch.setenv("SITREP_GEOCODER_SCHEME", "http")
    nominatim = make_geocoder("nominatim", user_agent=None, min_delay_s=0.0, proxies={},
                              clock=clock, sleep=clock.sleep)
    assert server.count() == 0  # nothing at construction
    assert nominatim.geocode("Kabul")[0].place.name == "Kabul"
    assert server.requests[0].headers["user-agent"] == USER_AGENT


@pytest.mark.parametrize("name", ["nominatim", "photon", "arcgis", " Photon "])
def test_factory_builds_without_network(name, server):
    built = make_geocoder(name, user_agent=USER_AGENT, domain=server.domain, scheme="http",
                          timeout_s=3.0, min_delay_s=0.5)
    assert isinstance(built, OnlineGeocoder) and isinstance(built, Geocoder)
    assert built.timeout_s == 3.0 and built.min_delay_s == 0.5
    assert server.count() == 0


def test_default_domains_and_rate_limits():
    nominatim = make_geocoder("nominatim", user_agent=USER_AGENT)
    assert (nominatim.domain, nominatim.scheme, nominatim.min_delay_s) == (
        "nominatim.openstreetmap.org", "https", 1.0)
    assert make_geocoder("photon").domain == "photon.komoot.io"
    assert make_geocoder("arcgis").domain == "geocode.arcgis.com"


@pytest.mark.parametrize("kwargs", [
    {"name": "google"},
    {"name": "photon", "domain": "http://127.0.0.1:8080"},
    {"name": "photon", "scheme": "ftp"},
    {"name": "photon", "timeout_s": 0},
    {"name": "photon", "timeout_s": -1},
    {"name": "photon", "min_delay_s": -0.5},
    {"name": "photon", "max_retries": -1},
    {"name": "arcgis", "api_key": "secret"},
])
def test_bad_configuration_fails_at_construction(kwargs):
    with pytest.raises(GeocoderConfigError):
        make_geocoder(**kwargs)


def test_offline_through_the_factory(gazetteer):
    offline = make_geocoder("offline", gazetteer=gazetteer)
    assert isinstance(offline, OfflineGeocoder)
    assert offline.geocode("Kabul")[0].place.country == "AFG"
