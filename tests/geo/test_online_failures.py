"""Issue 12, item 6: online geocoders fail cheaply.

Against the real HTTP server of ``fake_geocoding_server`` on 127.0.0.1 with a
fake clock (retry waits and outages pass without sleeping; timeouts are real
but short).  Before the fix, a service that timed out cost four attempts per
mention and was asked again for every mention; a refused user agent was
asked again for every mention; a failed query was sent again in the same run.
"""

from __future__ import annotations

import pytest

from geo.errors import GeocoderAuthError, GeocoderRateLimited, GeocoderTimeout, GeocoderUnavailable
from tests.geo import fake_geocoding_server as fake
from tests.geo.test_online import FakeClock, geocoder, only_localhost  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def fake_server():
    server = fake.FakeGeocodingServer().start()
    yield server
    server.stop()


@pytest.fixture()
def server(fake_server):
    fake_server.reset()
    return fake_server


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


def test_a_service_that_times_out_is_not_asked_for_every_mention(server, clock):
    for name in ("Zorbakhel", "Mirali", "Datta Khel"):
        server.script(name, *[fake.slow(1.0)] * 4)
    nominatim = geocoder("nominatim", server, clock, timeout_s=0.2, max_retries=3,
                         outage_s=60.0)
    with pytest.raises(GeocoderTimeout):
        nominatim.geocode("Zorbakhel")
    assert server.count("Zorbakhel") == 2  # one retry for a timeout, not three
    for name in ("Mirali", "Datta Khel", "Zorbakhel"):
        with pytest.raises(GeocoderUnavailable) as info:
            nominatim.geocode(name)
        assert 0 < info.value.retry_after <= 60.0
    assert server.count() == 2, "a service known to be down was asked again"
    assert nominatim.down_for_s == pytest.approx(60.0)


def test_after_an_outage_one_call_probes_and_success_reopens(server, clock):
    server.script("Zorbakhel", fake.status(503), fake.status(503))
    nominatim = geocoder("nominatim", server, clock, max_retries=1, outage_s=30.0)
    with pytest.raises(GeocoderUnavailable):
        nominatim.geocode("Zorbakhel")
    with pytest.raises(GeocoderUnavailable):
        nominatim.geocode("Kabul")
    assert server.count("Kabul") == 0
    clock.now += 31.0
    assert nominatim.geocode("Kabul")[0].place.name == "Kabul"  # the probe
    assert nominatim.down_for_s == 0.0
    assert nominatim.geocode("Pakistan")  # up again: asked normally
    assert server.count("Pakistan") == 1


def test_outages_grow_while_the_service_stays_down(server, clock):
    server.script("A", *[fake.status(500)] * 2)
    server.script("B", *[fake.status(500)] * 2)
    photon = geocoder("photon", server, clock, max_retries=1, outage_s=10.0, max_outage_s=15.0)
    with pytest.raises(GeocoderUnavailable):
        photon.geocode("A")
    assert photon.down_for_s == pytest.approx(10.0)
    clock.now += 11.0
    with pytest.raises(GeocoderUnavailable):
        photon.geocode("B")
    assert photon.down_for_s == pytest.approx(15.0)  # doubled, capped


def test_a_failed_query_is_not_sent_again_in_the_run(server, clock):
    server.script("Atlantis", fake.status(400, body="bad request"))
    arcgis = geocoder("arcgis", server, clock)
    for _ in range(3):
        with pytest.raises(Exception):
            arcgis.geocode("Atlantis")
    assert server.count("Atlantis") == 1
    assert arcgis.geocode("Kabul")  # other queries still go out


def test_a_refused_user_agent_stops_every_request_of_the_run(server, clock):
    server.script("Kabul", fake.status(403, body="Access blocked"))
    nominatim = geocoder("nominatim", server, clock)
    with pytest.raises(GeocoderAuthError):
        nominatim.geocode("Kabul")
    for name in ("Pakistan", "Adampur"):
        with pytest.raises(GeocoderAuthError):
            nominatim.geocode(name)
    assert server.count() == 1


def test_a_long_retry_after_fails_at_once_and_is_remembered(server, clock):
    server.script("Kabul", fake.status(429, retry_after="600"))
    nominatim = geocoder("nominatim", server, clock, max_wait_s=120.0)
    with pytest.raises(GeocoderRateLimited) as info:
        nominatim.geocode("Kabul")
    assert info.value.retry_after == pytest.approx(600.0)
    with pytest.raises(GeocoderRateLimited):
        nominatim.geocode("Pakistan")
    assert server.count() == 1 and clock.sleeps == []
    clock.now += 601.0  # the wait is over: the service is asked again
    assert nominatim.geocode("Pakistan")


def test_a_short_retry_after_is_waited_for(server, clock):
    server.script("Kabul", fake.status(429, retry_after="30"))
    nominatim = geocoder("nominatim", server, clock, max_wait_s=120.0)
    assert nominatim.geocode("Kabul")[0].place.name == "Kabul"
    assert clock.sleeps == [30.0]
