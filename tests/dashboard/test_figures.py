"""Figures built from a small DataFrame of the fixture events."""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest

from dashboard.data import events_frame
from dashboard.figures import (
    COUNTRY_COLOURS,
    DEFAULT_CENTER,
    DEFAULT_ZOOM,
    EVENT_TYPE_COLOURS,
    MIN_MARKER_PX,
    OTHER_COLOUR,
    SELECTED_TRACE_NAME,
    event_map,
    events_by_type,
    fatalities_over_time,
    format_event_date,
    map_view,
    type_colour,
)
from tests.dashboard.fixture_events import seed_events


@pytest.fixture
def events() -> pd.DataFrame:
    return events_frame(dataclasses.asdict(e) for e in seed_events())


def _points(fig: Any) -> int:
    return sum(len(t.lat) for t in fig.data if t.name != SELECTED_TRACE_NAME)


def test_map_has_one_trace_per_event_type_in_okabe_ito_colours(events: pd.DataFrame) -> None:
    fig = event_map(events)
    assert [t.type for t in fig.data] == ["scattermap"] * 3
    assert {t.name for t in fig.data} == {
        "Battles", "Explosions/Remote violence", "Strategic developments"}
    for trace in fig.data:
        assert trace.marker.color == EVENT_TYPE_COLOURS[trace.name]
        assert trace.mode == "markers"  # no text mode: it needs glyphs from the network
    assert _points(fig) == 6


def test_map_is_offline_white_bg_with_outline_layers(
    events: pd.DataFrame, tiny_boundaries: dict[str, Any]
) -> None:
    fig = event_map(events, boundaries=tiny_boundaries)
    assert fig.layout.map.style == "white-bg"
    layers = fig.layout.map.layers
    assert [layer.type for layer in layers] == ["fill", "line"]
    assert all(layer.sourcetype == "geojson" for layer in layers)
    assert layers[1].source["features"][0]["properties"]["iso_a3"] == "PAK"
    by_url = event_map(events, boundaries="/_sitrep/boundaries.geojson")
    assert by_url.layout.map.layers[1].source == "/_sitrep/boundaries.geojson"
    assert event_map(events).layout.map.layers == ()


def test_map_customdata_carries_event_and_article_ids(events: pd.DataFrame) -> None:
    fig = event_map(events)
    ids = {row[0] for trace in fig.data for row in trace.customdata}
    assert ids == set(events["event_id"])
    assert {row[1] for trace in fig.data for row in trace.customdata} == set(events["article_id"])


def test_marker_size_grows_with_fatalities_with_a_minimum(events: pd.DataFrame) -> None:
    fig = event_map(events)
    strikes = next(t for t in fig.data if t.name == "Explosions/Remote violence")
    sizes = dict(zip((row[5] for row in strikes.customdata), strikes.marker.size))
    assert sizes["Adampur, IND"] == MIN_MARKER_PX  # no fatalities, still visible
    assert sizes["Kabul, AFG"] > sizes["Adampur, IND"]


def test_map_hover_names_type_date_place_fatalities_source(events: pd.DataFrame) -> None:
    fig = event_map(events)
    strikes = next(t for t in fig.data if t.name == "Explosions/Remote violence")
    kabul = next(row for row in strikes.customdata if row[5] == "Kabul, AFG")
    assert kabul[2:] == ["Explosions/Remote violence", "Air/drone strike",
                         "2025-10-12 (within a week)", "Kabul, AFG",
                         "100 (reported: more than 200)", "Pakistan Today"]
    assert "customdata[7]" in strikes.hovertemplate


def test_map_hover_text_is_escaped(events: pd.DataFrame) -> None:
    events.loc[0, "location"] = "<b onmouseover=alert(1)>X</b>"
    fig = event_map(events)
    texts = [cell for trace in fig.data for row in trace.customdata for cell in row]
    assert not any("<b onmouseover" in str(t) for t in texts)
    assert any("&lt;b onmouseover=alert(1)&gt;X&lt;/b&gt;" in str(t) for t in texts)


def test_selected_event_gets_a_halo_trace_below_the_markers(events: pd.DataFrame) -> None:
    chosen = events.loc[0, "event_id"]
    fig = event_map(events, selected_event_id=chosen)
    assert fig.data[0].name == SELECTED_TRACE_NAME
    assert fig.data[0].customdata[0][0] == chosen
    assert _points(fig) == 6


def test_map_skips_events_without_coordinates(events: pd.DataFrame) -> None:
    events.loc[0, ["latitude", "longitude"]] = float("nan")
    assert _points(event_map(events)) == 5


def test_map_view_fits_the_events_and_defaults_to_south_asia(events: pd.DataFrame) -> None:
    center, zoom = map_view(events)
    assert 31 < center["lat"] < 34 and 68 < center["lon"] < 72
    assert 2 <= zoom <= 6
    assert map_view(events.iloc[0:0]) == (DEFAULT_CENTER, DEFAULT_ZOOM)
    only_kabul = events[events["location"] == "Kabul"]
    assert map_view(only_kabul)[1] == 6.0  # a single point: clamped, with context


def test_filtering_changes_the_map(events: pd.DataFrame) -> None:
    pakistan = events[events["country"] == "PAK"]
    fig = event_map(pakistan)
    assert _points(fig) == 3
    assert {t.name for t in fig.data} == {"Battles", "Strategic developments"}


def test_events_by_type_counts_and_colours(events: pd.DataFrame) -> None:
    fig = events_by_type(events)
    assert len(fig.data) == 1
    bars = dict(zip(fig.data[0].y, fig.data[0].x))
    assert bars == {"Explosions/Remote violence": 3, "Strategic developments": 2, "Battles": 1}
    assert list(fig.data[0].marker.color) == [type_colour(t) for t in fig.data[0].y]
    assert fig.data[0].y[-1] == "Explosions/Remote violence"  # largest on top


def test_events_by_type_changes_with_the_filter(events: pd.DataFrame) -> None:
    fig = events_by_type(events[events["country"] == "AFG"])
    assert dict(zip(fig.data[0].y, fig.data[0].x)) == {"Explosions/Remote violence": 2}


def test_unknown_type_is_grey() -> None:
    assert type_colour("Something else") == OTHER_COLOUR


def test_fatalities_over_time_stacks_months_by_country(events: pd.DataFrame) -> None:
    fig = fatalities_over_time(events, names={"AFG": "Afghanistan", "PAK": "Pakistan"})
    assert fig.layout.barmode == "stack"
    by_name = {t.name: dict(zip(t.x, t.y)) for t in fig.data}
    assert set(by_name) == {"Afghanistan", "Pakistan", "IND"}
    assert by_name["Afghanistan"]["2025-10-01"] == 200
    assert by_name["Pakistan"]["2025-10-01"] == 23
    assert by_name["Pakistan"]["2025-05-01"] == 0
    # every month from the first to the last event, gaps included
    assert list(fig.data[0].x) == [f"2025-{m:02d}-01" for m in range(5, 12)]
    assert fig.data[0].marker.color == COUNTRY_COLOURS[0]  # largest total first
    assert fig.data[0].name == "Afghanistan"


def test_fatalities_over_time_changes_with_the_filter(events: pd.DataFrame) -> None:
    fig = fatalities_over_time(events[events["country"] == "PAK"])
    assert [t.name for t in fig.data] == ["PAK"]
    assert sum(fig.data[0].y) == 23


def test_undated_events_are_noted_not_plotted(events: pd.DataFrame) -> None:
    events.loc[events["location"] == "Kabul", "event_date"] = pd.NaT
    fig = fatalities_over_time(events)
    assert sum(sum(t.y) for t in fig.data) == 123
    assert "1 undated event(s) not shown" in fig.layout.annotations[0].text


@pytest.mark.parametrize("figure", [event_map, events_by_type, fatalities_over_time])
def test_empty_frames_give_a_message_not_an_error(figure: Any, events: pd.DataFrame) -> None:
    fig = figure(events.iloc[0:0])
    assert len(fig.data) == 0
    assert "No" in fig.layout.annotations[0].text


def test_format_event_date_by_precision() -> None:
    day = pd.Timestamp("2025-10-12")
    assert format_event_date(day, 1) == "2025-10-12"
    assert format_event_date(day, 2) == "~2025-10-12"
    assert format_event_date(day, 2, long=True) == "2025-10-12 (within a week)"
    assert format_event_date(day, 3) == "October 2025"
    assert format_event_date(pd.NaT, 1) == "date unknown"
    assert format_event_date(None) == "date unknown"
