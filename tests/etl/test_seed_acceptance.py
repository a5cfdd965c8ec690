"""Acceptance on the seed article (issue 2): ingest seeds/ through the real
pipeline and CLI, then check the events an analyst would code."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from etl.cli import main


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def events(seed_store_url, capsys_module=None):
    import io
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["events", "--db", seed_store_url, "--format", "json"]) == 0
    return json.loads(out.getvalue())


def near(event, lat, lon, *, within_km=25):
    return event["latitude"] is not None and km(event["latitude"], event["longitude"], lat, lon) <= within_km


def test_diplomacy_in_islamabad_on_wednesday(events):
    assert any(
        e["event_type"] == "Strategic developments" and e["sub_event_type"] == "Diplomacy"
        and e["country"] == "PAK" and near(e, 33.72, 73.04) and e["event_date"] == "2025-11-19"
        for e in events)


def test_strikes_on_kabul_and_kandahar_share_200(events):
    strikes = [e for e in events if e["event_type"] == "Explosions/Remote violence"
               and e["sub_event_type"] == "Air/drone strike" and e["country"] == "AFG"
               and (e["event_date"] or "").startswith("2025-10")]
    kabul = [e for e in strikes if near(e, 34.53, 69.17)]
    kandahar = [e for e in strikes if near(e, 31.61, 65.71)]
    assert len(kabul) == 1 and len(kandahar) == 1
    assert kabul[0]["fatalities"] + kandahar[0]["fatalities"] == 200
    assert "more than 200" in kabul[0]["fatalities_reported"]


def test_border_clash_on_october_12_with_23_dead(events):
    clashes = [e for e in events if e["event_type"] == "Battles" and e["sub_event_type"] == "Armed clash"
               and e["event_date"] == "2025-10-12"]
    assert len(clashes) == 1
    clash = clashes[0]
    assert clash["place_id"] == "border:AFG-PAK"
    assert clash["fatalities"] == 23


def test_adampur_is_the_jalandhar_one(events):
    adampur = [e for e in events if e["event_type"] == "Explosions/Remote violence" and near(e, 31.43, 75.71)]
    assert len(adampur) == 1
    assert adampur[0]["country"] == "IND" and adampur[0]["event_date"].startswith("2025-05")
    assert not any(near(e, 29.28, 75.47, within_km=50) for e in events)  # not Adampur, Haryana


def test_ceasefire_on_may_10(events):
    assert any(e["event_type"] == "Strategic developments" and e["sub_event_type"] == "Agreement"
               and e["event_date"] == "2025-05-10" for e in events)


@pytest.mark.parametrize(("lat", "lon"), [(55.75, 37.62), (25.3, 51.2), (39.0, 35.0), (32.0, 53.0)])
def test_no_violence_at_mediators(events, lat, lon):
    """Moscow, Qatar, Turkey and Iran are mediators, not battlefields."""
    violent = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
    assert not [e for e in events if e["event_type"] in violent and near(e, lat, lon, within_km=400)]


def test_fatalities_sum_to_223(events):
    assert sum(e["fatalities"] for e in events) == 223


def test_every_event_has_its_evidence(events, seed_store_url):
    from etl.store import Store

    store = Store(seed_store_url)
    for e in events:
        text = store.article(e["article_id"])["text"]
        assert text[e["evidence_start"]:e["evidence_end"]] == e["evidence"]
        assert e["event_date"] is None or date.fromisoformat(e["event_date"]) <= date(2025, 11, 20)


def test_reingest_adds_nothing(seed_store_url, pipeline):
    from etl.pipeline import ingest
    from etl.store import Store
    from tests.conftest import SEEDS

    store = Store(seed_store_url)
    before = store.counts()
    report = ingest([SEEDS], store=store, pipeline=pipeline)
    assert report.stored == 0 and report.duplicate == 1 and report.exit_code == 0
    assert store.counts() == before


def test_boilerplate_is_not_in_the_stored_text(events, seed_store_url):
    from etl.store import Store

    text = Store(seed_store_url).article(events[0]["article_id"])["text"]
    assert "LEAVE A REPLY" not in text and "Must Read" not in text
    assert text.rstrip().endswith("US-brokered ceasefire.")
