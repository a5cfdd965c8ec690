"""Figures over aggregates, key figures, the table, the Leaflet page and
casualty marks (plain functions, no browser)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from dashboard.aggregates import MapData, load_cube, map_data, rollup
from dashboard.article_panel import CASUALTY_CLASS, casualty_spans, highlight_text
from dashboard.figures import (
    PRECISION_OPACITY,
    RING_TRACE_NAME,
    events_over_time,
    fatalities_by_country,
    overview_map,
    ranked_bars,
    type_bars,
)
from dashboard.layout import day_from_index, day_index, delta_text, key_figures_row, slider_marks
from dashboard.aggregates import KeyFigures
from dashboard.leaflet_map import leaflet_html, local_assets, regional_outlines, static_dirs
from dashboard.table import column_defs, load_table, selection_from_row, table_note, table_rows
from etl.store import EventFilter, Store
from tests.dashboard.fixture_events import SEED_TEXT, fill_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(fill_store(f"sqlite:///{tmp_path / 'views.db'}"))
    yield s
    s.close()


def test_map_shows_precision_borders_and_optional_shading(store: Store, tiny_boundaries: Any) -> None:
    data = map_data(store, EventFilter())
    assert data.border_counts == {"border:AFG-PAK": 1}
    # the fixture's border place has no geometry: give it the line
    data = dataclasses.replace(data, borders={"border:AFG-PAK": [[(70.0, 33.0), (71.0, 34.5)]]})
    fig = overview_map(data, boundaries=tiny_boundaries, shade_countries=True)
    kinds = [t.type for t in fig.data]
    assert kinds[0] == "choroplethmap"
    border = next(t for t in fig.data if getattr(t, "mode", None) == "lines")
    assert "AFG-PAK" in border.hovertemplate
    battles = next(t for t in fig.data if t.name == "Battles")
    assert list(battles.marker.opacity) == [PRECISION_OPACITY[3]]
    ring = next(t for t in fig.data if t.name == RING_TRACE_NAME)
    assert len(ring.lat) == 2  # the border clash and the country-level ceasefire
    assert ring.hoverinfo == "skip"
    assert "Location precision" in battles.hovertemplate
    assert fig.layout.dragmode == "select"


def test_aggregated_map_sizes_by_events_and_escapes_names() -> None:
    points = pd.DataFrame([{"place_id": "x", "location": "<img src=x onerror=alert(1)>",
                            "country": "PAK", "latitude": 33.0, "longitude": 70.0,
                            "geo_precision": 1, "event_type": "Battles", "events": 500,
                            "fatalities": 20}])
    data = MapData(points, True, 500, {}, {}, {"PAK": 500})
    fig = overview_map(data)
    trace = next(t for t in fig.data if t.name == "Battles")
    assert trace.customdata[0][0] == ""  # no event behind a place
    assert "&lt;img" in trace.customdata[0][3]
    assert any("per place" in a.text for a in fig.layout.annotations)


def test_time_charts_and_bars(store: Store) -> None:
    cube = load_cube(store, EventFilter())
    timeline = events_over_time(rollup(cube, bucket="month", by="event_type", value="events"),
                                bucket="month")
    assert sum(sum(t.y) for t in timeline.data) == 6
    assert timeline.layout.barmode == "stack"
    dead = fatalities_by_country(rollup(cube, bucket="week", by="country", value="fatalities"),
                                 bucket="week", names={"AFG": "Afghanistan"})
    assert dead.data[0].name == "Afghanistan"
    assert events_over_time(pd.DataFrame(), bucket="day").layout.annotations
    bars = type_bars(pd.Series({"Battles": 3, "Riots": 1}))
    assert list(bars.data[0].customdata) == ["Riots", "Battles"]
    ranked = ranked_bars(["<b>Kabul</b>", "Quetta"], [5, 2], keys=["Kabul", "Quetta"], empty="none")
    assert list(ranked.data[0].y) == ["Quetta", "&lt;b&gt;Kabul&lt;/b&gt;"]
    assert list(ranked.data[0].customdata) == ["Quetta", "Kabul"]
    assert ranked_bars([], [], empty="nothing here").layout.annotations[0].text == "nothing here"


def test_key_figures_and_deltas() -> None:
    assert delta_text(12, 10) == "▲ 20% vs previous period (10)"
    assert delta_text(5, 10) == "▼ 50% vs previous period (10)"
    assert delta_text(3, 0).startswith("new")
    assert delta_text(0, 0) == "no change vs previous period"
    assert delta_text(3, None) == ""
    cards = key_figures_row(KeyFigures(10, 4, 2, 3, (date(2025, 10, 1), date(2025, 10, 31)),
                                       {"events": 5, "fatalities": 4, "countries": 2, "articles": 6}))
    assert [c.children[1].children for c in cards[:4]] == ["10", "4", "2", "3"]
    assert "up" in cards[0].children[2].className and "down" in cards[3].children[2].className
    assert "31 days" in cards[4].children
    assert key_figures_row(None) == []


def test_slider_marks_and_indexes() -> None:
    first, last = date(2025, 1, 1), date(2025, 12, 31)
    marks = slider_marks(first, last)
    assert marks[0] == "2025" and marks[90] == "Apr"
    assert day_index(date(2025, 1, 11), first) == 10
    assert day_from_index(10, first) == date(2025, 1, 11)
    assert day_index(None, first) is None and slider_marks(None, None) == {}


def test_table_rows_and_notes(store: Store) -> None:
    rows = load_table(store, EventFilter())
    assert len(rows) == 6
    assert rows[0]["date"] == "2025-11-19" and rows[-1]["date"] == "May 2025"
    assert {c["field"] for c in column_defs()} >= {"date", "event_type", "fatalities", "evidence"}
    assert table_rows([{"event_id": "e", "event_date": None}])[0]["date"] == "date unknown"
    assert table_note(1000, 5000) == "The 1,000 newest of 5,000 events (narrow the filters to see others)"
    assert table_note(1, 1) == "1 event"
    assert selection_from_row(rows[0]) == {"event_id": rows[0]["event_id"],
                                           "article_id": rows[0]["article_id"]}
    assert selection_from_row(None) is None


def test_casualty_figures_are_marked_without_hiding_places() -> None:
    text = ("Strikes in Kabul and Kandahar, killing more than 200 Taliban. "
            "Twenty-three Pakistani soldiers embraced martyrdom.")
    spans = casualty_spans(text, reported=["Twenty-three"])
    found = {text[s["start"]:s["end"]] for s in spans}
    assert "killing more than 200" in found
    assert "Twenty-three Pakistani soldiers embraced martyrdom" in found
    kabul = {"start": text.find("Kabul"), "end": text.find("Kabul") + 5, "status": "resolved",
             "place_name": "Kabul", "place_country": "AFG"}
    children = highlight_text(text, mentions=[kabul], casualties=spans)
    classes = [getattr(c, "className", None) for c in children]
    assert CASUALTY_CLASS in classes and "place place-resolved" in classes
    assert "".join(c if isinstance(c, str) else c.children for c in children) == text
    assert casualty_spans(SEED_TEXT)  # the seed reports casualties


def test_leaflet_page_is_local_and_escaped(store: Store, tiny_boundaries: Any) -> None:
    dirs = static_dirs()
    assert (dirs["leaflet"] / "leaflet.js").exists()
    assert (dirs["markercluster"] / "leaflet.markercluster.js").exists()
    assert (dirs["jquery"] / "jquery.min.js").exists()
    assert (dirs["heat"] / "leaflet_heat.min.js").exists()
    assert all(url.startswith("/p/") for links in local_assets("/p").values() for _, url in links)
    outlines = regional_outlines(tiny_boundaries)
    assert [f["properties"]["iso_a3"] for f in outlines["features"]] == ["PAK", "AFG"]
    page = leaflet_html(store, EventFilter(), prefix="/static", outlines=outlines)
    assert not re.findall(r'(?:src|href)\s*=\s*"https?://', page)
    assert page.count("markerClusterGroup(") == 3  # one cluster layer per event type
    assert "Strategic developments" in page and "L.control.layers" in page
