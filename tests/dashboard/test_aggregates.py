"""SQL aggregates, the new Store read methods and the in-memory index.

The index (dashboard.columnar.EventIndex) must answer exactly like the
store: checked on a synthetic store from scripts/generate_events.py, on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.aggregates import (
    actor_pairs,
    bbox_from_selection,
    key_figures,
    load_cube,
    map_data,
    parse_wkt_lines,
    period_start,
    rollup,
    top_locations,
    type_totals,
)
from dashboard.columnar import EventIndex
from etl.store import MAP_COLUMNS, EventFilter, Store
from tests.conftest import BACKENDS, new_store_url
from tests.dashboard.fixture_events import fill_store

REPO = Path(__file__).resolve().parents[2]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_events", REPO / "scripts" / "generate_events.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module", params=BACKENDS)
def synthetic(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = new_store_url(request, request.param, tmp_path_factory.mktemp("synthetic"))
    counts = _generator().generate(url, n_events=3000, villages=60, batch=1000)
    assert counts["events"] == 3000
    store = Store(url)
    yield store
    store.close()


@pytest.fixture
def store(store_url: str) -> Store:
    s = Store(fill_store(store_url))
    yield s
    s.close()


FILTERS = [
    EventFilter(),
    EventFilter(countries=("AFG",)),
    EventFilter(since=date(2025, 5, 1), until=date(2025, 5, 31)),
    EventFilter(event_types=("Battles", "Riots"), min_fatalities=3),
    EventFilter(sub_event_types=("Air/drone strike",), sources=("Dawn", "Reuters")),
    EventFilter(actors=("Taliban",)),
    EventFilter(locations=("Kabul", "Peshawar")),
    EventFilter(bbox=(69.0, 33.0, 72.0, 35.0)),
    EventFilter(countries=("NOPE",)),
    EventFilter(text="drone", countries=("PAK", "AFG")),
    EventFilter(text="no such words"),
]


def test_the_generator_is_skewed_and_has_every_precision(synthetic: Store) -> None:
    places = synthetic.event_counts(by=("location",), order_by="events")
    top_share = sum(p["events"] for p in places[:10]) / 3000
    assert top_share > 0.3  # a few places carry much of the conflict
    precisions = {r["geo_precision"] for r in synthetic.event_counts(by=("geo_precision",))}
    assert precisions == {1, 2, 3}
    borders = synthetic.place_geometries(["border:AFG-PAK", "border:IND-PAK"])
    assert all(w.startswith(("LINESTRING", "MULTILINESTRING")) for w in borders.values())


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_the_index_answers_like_the_store(synthetic: Store, flt: EventFilter) -> None:
    index = EventIndex(synthetic)
    assert index.event_summary(flt) == synthetic.event_summary(flt)
    for by, order, limit in ((("event_date", "event_type", "country"), None, None),
                             (("location", "country"), "events", 12),
                             (("actor1", "actor2"), "fatalities", 5),
                             (("place_id", "event_type", "geo_precision"), None, None)):
        assert index.event_counts(flt, by=by, order_by=order, limit=limit) == \
            synthetic.event_counts(flt, by=by, order_by=order, limit=limit), by
    assert index.map_events(flt, limit=50) == synthetic.map_events(flt, limit=50)
    assert index.events_page(flt, limit=30, offset=5) == synthetic.events_page(flt, limit=30, offset=5)


def test_the_index_searches_text_and_sees_new_events(
        synthetic: Store, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    now = [0.0]
    index = EventIndex(synthetic, refresh_s=10, clock=lambda: now[0], background=False)
    flt = EventFilter(text="DRONE STRIKE")
    assert index.event_summary(flt) == synthetic.event_summary(flt)
    assert index.event_summary(flt)["events"] > 0
    assert index.distinct_values("event_type") == synthetic.distinct_values("event_type")
    assert index.event_date_bounds() == synthetic.event_date_bounds()
    # a second store (on the same backend) grows under a running index
    url = new_store_url(request, synthetic.dialect, tmp_path)
    grow = Store(url)
    index = EventIndex(grow, refresh_s=10, clock=lambda: now[0], background=False)
    assert index.event_summary()["events"] == 0
    fill_store(url)
    assert index.event_summary()["events"] == 0  # not checked yet
    now[0] = 11.0
    assert index.event_summary()["events"] == 6


def test_read_indexes_are_built_on_demand_only(store_url: str) -> None:
    import sqlalchemy as sa

    store = Store(store_url)
    before = {i["name"] for i in sa.inspect(store.engine).get_indexes("events")}
    assert not any(name.startswith("ix_events_read") for name in before)  # ingest never pays
    store.ensure_read_indexes()
    store.ensure_read_indexes()  # idempotent
    after = {i["name"] for i in sa.inspect(store.engine).get_indexes("events")}
    assert {"ix_events_read_cube", "ix_events_read_place"} <= after


def test_store_read_methods(store: Store) -> None:
    summary = store.event_summary()
    assert summary["events"] == 6 and summary["fatalities"] == 223
    assert summary["countries"] == 3 and summary["articles"] == 1
    assert summary["first"] == date(2025, 5, 1) and summary["last"] == date(2025, 11, 19)
    assert store.event_count() == 6
    assert len(store.event_ids(EventFilter(countries=("AFG",)))) == 2
    assert store.event_date_bounds() == (date(2025, 5, 1), date(2025, 11, 19))
    assert set(store.distinct_values("country")) == {"PAK", "AFG", "IND"}
    with pytest.raises(ValueError):
        store.event_counts(by=("no_such_column",))
    with pytest.raises(ValueError):
        store.distinct_values("nope")
    ids = [e["event_id"] for e in store.query_events()][:3]
    assert [e["event_id"] for e in store.events_by_id(list(reversed(ids)) + ["gone"])] == ids[::-1]
    first = store.map_events(limit=1)[0]
    assert set(first) == set(MAP_COLUMNS) and first["fatalities"] == 100
    assert store.event(ids[0])["event_id"] == ids[0] and store.event("gone") is None
    assert set(store.places_by_id(["geonames:1138958", "gone"])) == {"geonames:1138958"}
    assert store.event_places(["geonames:1138958"])["geonames:1138958"]["location"] == "Kabul"
    chunks = list(store.iter_event_columns(("event_id", "country"), chunk_rows=4))
    assert [len(c) for c in chunks] == [4, 2]
    # the text filter escapes LIKE wildcards
    assert store.event_summary(EventFilter(text="100%"))["events"] == 0
    assert store.event_summary(EventFilter(text="CEASEFIRE"))["events"] == 1


def test_cube_rollups_and_totals(store: Store) -> None:
    cube = load_cube(store, EventFilter())
    assert int(cube["events"].sum()) == 6
    assert int(cube["fatalities"].sum()) == 223
    monthly = rollup(cube, bucket="month", by="event_type", value="events")
    assert list(monthly.index.strftime("%Y-%m")) == ["2025-05", "2025-06", "2025-07", "2025-08",
                                                     "2025-09", "2025-10", "2025-11"]
    assert int(monthly.to_numpy().sum()) == 6
    assert monthly.columns[0] == "Explosions/Remote violence"  # the largest first
    weekly = rollup(cube, bucket="week", by="country", value="fatalities")
    assert all(d.weekday() == 0 for d in weekly.index)
    assert rollup(cube.iloc[0:0], bucket="day", by="country", value="events").empty
    assert type_totals(cube).to_dict() == {"Explosions/Remote violence": 3, "Strategic developments": 2,
                                           "Battles": 1}
    days = pd.Series(pd.to_datetime(["2025-10-15", "2025-10-12"]))
    assert list(period_start(days, "week").dt.strftime("%Y-%m-%d")) == ["2025-10-13", "2025-10-06"]
    with pytest.raises(ValueError):
        period_start(days, "year")


def test_key_figures_compare_with_the_previous_period(store: Store) -> None:
    october = key_figures(store, EventFilter(since=date(2025, 10, 1), until=date(2025, 10, 31)))
    assert (october.events, october.fatalities, october.countries) == (3, 223, 2)
    assert october.previous == {"events": 0, "fatalities": 0, "countries": 0, "articles": 0}
    may_june = key_figures(store, EventFilter(since=date(2025, 6, 1), until=date(2025, 11, 30)))
    assert may_june.previous["events"] == 2  # 2 events in the six months before June
    open_ended = key_figures(store, EventFilter())
    assert open_ended.period == (date(2025, 5, 1), date(2025, 11, 19))
    assert key_figures(store, EventFilter(countries=("NOPE",))).previous is None


def test_top_tables(store: Store) -> None:
    places = top_locations(store, EventFilter())
    assert len(places) == 6 and set(places.columns) == {"location", "country", "events", "fatalities"}
    pairs = actor_pairs(store, EventFilter())
    top = pairs.iloc[0]
    assert (top.actor1, top.actor2, top.events) == ("Military Forces of Pakistan", "Military Forces of India", 2)


def test_map_data_points_places_and_borders(store: Store, synthetic: Store) -> None:
    small = map_data(store, EventFilter())
    assert not small.aggregated and len(small.points) == 6 and small.located == 6
    assert small.country_counts == {"PAK": 3, "AFG": 2, "IND": 1}
    assert small.border_counts == {"border:AFG-PAK": 1}
    big = map_data(synthetic, EventFilter(), max_points=100)
    assert big.aggregated and big.located == 3000
    assert int(big.points["events"].sum()) <= 3000 and "place_id" in big.points
    assert set(big.borders) <= {"border:AFG-PAK", "border:IND-PAK"} and big.borders


def test_wkt_lines_and_selection_boxes() -> None:
    assert parse_wkt_lines("LINESTRING (70 33, 71 34)") == [[(70.0, 33.0), (71.0, 34.0)]]
    assert len(parse_wkt_lines("MULTILINESTRING ((70 33, 71 34), (72 35, 73 36))")) == 2
    assert parse_wkt_lines("POINT (1 2)") == []
    assert parse_wkt_lines("not wkt") == []
    assert bbox_from_selection({"points": [{"lon": 70, "lat": 30}, {"lon": 72, "lat": 33}]}) == (70.0, 30.0, 72.0, 33.0)
    assert bbox_from_selection({}) is None


def test_undated_and_unplaced_events_sort_alike_on_every_backend(store_url: str) -> None:
    """Undated events come last in "newest first" and first in a date
    grouping on every backend (PostgreSQL sorts NULL the other way round
    unless told), as the in-memory index puts them."""
    import dataclasses

    from tests.dashboard.fixture_events import PLACES, make_event, seed_article

    fill_store(store_url)
    store = Store(store_url)
    text = "Clashes were reported. Shelling was reported. A blast was reported."
    article = dataclasses.replace(seed_article(), article_id="u" * 64, text=text)
    undated = [dataclasses.replace(
        make_event(event_type="Battles", sub_event_type="Armed clash", place=PLACES["kabul"],
                   day=None, date_precision=0, evidence=sentence, fatalities=i,
                   article_id=article.article_id, text=text),
        event_id=f"undated-{i}", latitude=None if i == 2 else 34.5)
        for i, sentence in enumerate(["Clashes were reported.", "Shelling was reported.",
                                      "A blast was reported."])]
    assert store.add_article(article, resolutions=[], events_=undated)
    page = [e["event_id"] for e in store.events_page(limit=20)]
    assert page[-3:] == ["undated-0", "undated-1", "undated-2"]
    assert [e["event_id"] for e in store.query_events()] == page
    by_day = store.event_counts(by=("event_date",))
    assert by_day[0]["event_date"] is None and by_day[0]["events"] == 3
    index = EventIndex(store)
    assert index.events_page(EventFilter(), limit=20) == store.events_page(limit=20)
    assert index.event_counts(by=("event_date", "country")) == \
        store.event_counts(by=("event_date", "country"))
    assert index.map_events(EventFilter(), limit=20) == store.map_events(limit=20)
    assert index.event_date_bounds() == store.event_date_bounds()


# -- incidents: the in-memory answers are the store's ------------------------------------

INCIDENT_FILTERS = [
    EventFilter(),
    EventFilter(countries=("PAK",)),
    EventFilter(event_types=("Battles",), min_fatalities=1),
    EventFilter(since=date(2025, 5, 1), until=date(2025, 5, 31)),
    EventFilter(sources=("Dawn",)),
    EventFilter(actors=("Taliban",), countries=("AFG",)),
    EventFilter(text="drone"),
    EventFilter(bbox=(69.0, 30.0, 75.0, 36.0)),
]


@pytest.mark.parametrize("flt", INCIDENT_FILTERS, ids=lambda f: repr(f)[:60])
def test_incident_figures_from_memory_are_the_stores(synthetic: Store, flt: EventFilter) -> None:
    """The incident view over the in-memory indexes (report rows mapped to
    incident rows) answers as the one over SQL (report ids asked by value)."""
    from dashboard.app import read_sources

    memory = read_sources(synthetic, in_memory=True).incidents
    sql = read_sources(synthetic, in_memory=False).incidents
    assert synthetic.incident_count() > 100  # the generator links its events
    summary = memory.event_summary(flt)
    assert summary["events"] > 0 and summary["reports"] >= summary["events"]
    assert summary == sql.event_summary(flt)
    by = ("event_type", "country")
    assert memory.event_counts(flt, by=by) == sql.event_counts(flt, by=by)
    assert memory.map_events(flt, limit=40) == sql.map_events(flt, limit=40)
    assert sorted(memory.event_ids(flt)) == sorted(sql.event_ids(flt))
