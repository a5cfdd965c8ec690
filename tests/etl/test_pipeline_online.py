"""The pipeline with an online geocoder as fallback, against a real HTTP
server on 127.0.0.1 that answers like Nominatim."""

from __future__ import annotations

from datetime import date

import pytest

from etl.pipeline import Pipeline, to_article
from etl.sources import RawDocument
from etl.store import SqlGeocodeCache, Store
from geo.online import make_geocoder
from tests.geo import fake_geocoding_server as fake

TEXT = "Militants attacked a checkpoint in Zorbakhel on Sunday, killing two soldiers, police said."


@pytest.fixture()
def server():
    running = fake.FakeGeocodingServer().start()
    yield running
    running.stop()


def online_pipeline(pipeline: Pipeline, geocoder) -> Pipeline:
    return Pipeline(gazetteer=pipeline.gazetteer, boundaries=pipeline.boundaries,
                    analyzer=pipeline.analyzer, geocoder=geocoder)


def nominatim_answer() -> list[dict]:
    return [{"place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "34.01", "lon": "71.98",
             "class": "place", "type": "village", "addresstype": "village", "place_rank": 19,
             "importance": 0.6, "name": "Zorbakhel", "display_name": "Zorbakhel, Khyber Pakhtunkhwa, Pakistan",
             "address": {"country": "Pakistan", "country_code": "pk", "state": "Khyber Pakhtunkhwa"}}]


def geocoder_for(server, tmp_path):
    store = Store(str(tmp_path / "cache.db"))
    return make_geocoder("nominatim", user_agent="sitrep-tests/1.0 (tests@sitrep.invalid)",
                         domain=server.domain, scheme="http", cache=SqlGeocodeCache(store),
                         min_delay_s=0.0, timeout_s=2.0)


def test_unknown_place_is_asked_online_and_cached(pipeline, server, tmp_path):
    assert not pipeline.gazetteer.lookup("Zorbakhel")
    server.script("Zorbakhel", fake.json_body(nominatim_answer()))
    online = online_pipeline(pipeline, geocoder_for(server, tmp_path))
    article = to_article(RawDocument(origin="t", text=TEXT), published=date(2025, 11, 20))
    extraction = online.extract(article)
    (mention,) = [r for r in extraction.resolutions if r.mention.surface == "Zorbakhel"]
    assert mention.status == "resolved" and mention.place.place_id == "nominatim:node/42"
    (event,) = extraction.events
    assert event.location == "Zorbakhel" and event.country == "PAK" and event.fatalities == 2
    online.extract(article)  # the same query again: answered from the cache
    assert server.count("Zorbakhel") == 1


def test_service_failure_marks_the_mention_and_the_article_goes_on(pipeline, server, tmp_path):
    server.script("Zorbakhel", fake.status(403))
    online = online_pipeline(pipeline, geocoder_for(server, tmp_path))
    extraction = online.extract(to_article(RawDocument(origin="t", text=TEXT), published=date(2025, 11, 20)))
    (mention,) = [r for r in extraction.resolutions if r.mention.surface == "Zorbakhel"]
    assert mention.status == "failed" and mention.place is None
    assert extraction.article.text == TEXT
