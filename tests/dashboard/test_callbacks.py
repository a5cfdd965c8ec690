"""The plain functions behind the callbacks (no browser, no Dash context)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dash import no_update

from dashboard import ids
from dashboard.callbacks import (
    box_from_selection,
    compute_charts,
    compute_map,
    compute_panel,
    compute_table,
    leaflet_src,
    selection_from_trigger,
    selection_note,
    sync_state,
)
from dashboard.columnar import EventIndex
from dashboard.figures import SELECTED_TRACE_NAME
from dashboard.filters import FilterValues
from etl.errors import StoreError
from etl.store import Store
from tests.dashboard.component_utils import marks, text_of
from tests.dashboard.fixture_events import ARTICLE_ID, EVIDENCE_BORDER, fill_store


@pytest.fixture(params=["sql", "memory"])
def store(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """The fixture store, read through SQL and through the in-memory index:
    both must give the same views."""
    s = Store(fill_store(f"sqlite:///{tmp_path / 'cb.db'}"))
    yield s if request.param == "sql" else EventIndex(s)
    s.close()


class BrokenStore:
    """A store whose database went away."""

    def _gone(self, *_: Any, **__: Any) -> Any:
        raise StoreError("cannot open store sqlite:///gone.db")

    query_events = article = article_mentions = event = event_summary = _gone
    event_counts = map_events = events_page = places_by_id = incident_ids = event_ids = _gone

    def incident_reader(self) -> BrokenStore:
        return self  # the incidents are in the same gone database


def _points(fig: Any) -> int:
    return sum(len(t.lat) for t in fig.data
               if t.type == "scattermap" and t.mode == "markers" and t.name != SELECTED_TRACE_NAME
               and t.hoverinfo != "skip")


def test_charts_without_filters_show_everything(store: Any) -> None:
    charts = compute_charts(store, "")
    assert sum(charts.types.data[0].x) == 6
    assert charts.count_text == "6 incidents (6 reports)"
    assert charts.alerts is None
    assert sum(sum(t.y) for t in charts.timeline.data) == 6
    figures = {c.children[0].children: c.children[1].children for c in charts.key_figures[:4]}
    assert figures == {"Incidents": "6", "Fatalities": "223", "Countries": "3", "Reports": "6"}
    assert (charts.timeline_title, charts.type_title, charts.table_title) == (
        "Incidents over time, by type", "Incidents by type", "Incidents")
    # the switch: one per article's event
    reports = compute_charts(store, "?unit=reports")
    assert reports.count_text == "6 reports"
    figures = {c.children[0].children: c.children[1].children for c in reports.key_figures[:4]}
    assert figures == {"Reports": "6", "Fatalities": "223", "Countries": "3", "Articles": "1"}
    assert reports.type_title == "Reports by type"


def test_a_country_filter_drives_charts_map_and_table(store: Any) -> None:
    charts = compute_charts(store, "?country=AFG", names={"AFG": "Afghanistan"})
    assert sum(charts.types.data[0].x) == 2
    assert [t.name for t in charts.fatalities.data] == ["Afghanistan"]
    assert charts.count_text == "2 of 6 incidents (2 reports)"
    assert _points(compute_map(store, "?country=AFG")) == 2
    rows, note = compute_table(store, "?country=AFG")
    assert {r["location"] for r in rows} == {"Kabul", "Kandahar"}
    assert note == "2 incidents"
    assert compute_table(store, "?country=AFG&unit=reports")[1] == "2 reports"


@pytest.mark.parametrize(("search", "expected"), [
    ("?from=2025-10-01&to=2025-10-31", 3),
    ("?type=Battles", 1),
    ("?sub=Air%2Fdrone+strike", 2),
    ("?actor=Taliban", 3),
    ("?minfat=50", 2),
    ("?source=Pakistan+Today", 6),
    ("?source=Dawn", 0),
    ("?q=ceasefire", 1),
    ("?location=Kabul", 1),
])
def test_each_filter_narrows_the_views(store: Any, search: str, expected: int) -> None:
    charts = compute_charts(store, search)
    assert charts.key_figures[0].children[1].children == str(expected)
    rows, _ = compute_table(store, search)
    assert len(rows) == expected


def test_the_map_box_narrows_charts_and_table_not_the_map(store: Any) -> None:
    box = [60.0, 30.0, 70.0, 35.0]  # Kabul and Kandahar, not Islamabad (73 E)
    charts = compute_charts(store, "", box=box)
    # Kabul, Kandahar, the border point (70, 33) and the Pakistan point (30, 70)
    assert sum(charts.types.data[0].x) == 4
    rows, _ = compute_table(store, "", box=box)
    assert len(rows) == 4
    assert _points(compute_map(store, "")) == 6


def test_the_selected_event_is_haloed_on_the_map(store: Any) -> None:
    rows, _ = compute_table(store, "")
    selection = {"event_id": rows[0]["event_id"], "article_id": rows[0]["article_id"]}
    fig = compute_map(store, "", selection=selection)
    assert any(t.name == SELECTED_TRACE_NAME for t in fig.data)


def test_a_bad_url_is_an_alert_not_a_traceback(store: Any) -> None:
    charts = compute_charts(store, "?from=2025-11-01&to=2025-10-01")
    assert charts.alerts.role == "alert"
    assert "after the end date" in charts.alerts.children
    assert compute_table(store, "?minfat=lots") == ([], "")


def test_an_unreadable_store_is_an_alert() -> None:
    charts = compute_charts(BrokenStore(), "")  # type: ignore[arg-type]
    assert charts.alerts.role == "alert"
    assert "Cannot read the event store" in charts.alerts.children
    panel = compute_panel(BrokenStore(), {"event_id": "x", "article_id": "y"})  # type: ignore[arg-type]
    assert panel.role == "alert"
    assert compute_table(BrokenStore(), "")[1] == "Cannot read the event store."  # type: ignore[arg-type]
    assert _points(compute_map(BrokenStore(), "")) == 0  # type: ignore[arg-type]


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    charts = compute_charts(Store(f"sqlite:///{tmp_path / 'empty.db'}"), "")
    assert "sitrep ingest" in charts.alerts.children
    assert charts.count_text == "0 incidents (0 reports)"


# -- URL ⇄ filter components -------------------------------------------------------

FIRST, LAST = date(2025, 5, 1), date(2025, 11, 19)  # 202 days apart


def test_page_load_sets_the_components_from_the_url() -> None:
    result = sync_state(None, search="?country=AFG&from=2025-10-01&type=Battles&bucket=month",
                        values=FilterValues(), slider=None, first_day=FIRST, last_day=LAST)
    assert result.values.countries == ["AFG"]
    assert result.values.start_date == "2025-10-01"
    assert result.values.event_types == ["Battles"]
    assert result.values.bucket == "month"
    assert result.slider == [153, 202]
    assert result.search is None  # the URL already says it


def test_a_filter_change_writes_the_url() -> None:
    values = FilterValues(countries=["PAK", "AFG"], min_fatalities=5, text="drone")
    result = sync_state(ids.COUNTRY_FILTER, search="", values=values, slider=[0, 202],
                        first_day=FIRST, last_day=LAST)
    assert result.search == "?country=PAK&country=AFG&minfat=5&q=drone"
    assert result.values is None
    same = sync_state(ids.COUNTRY_FILTER, search=result.search, values=values, slider=[0, 202],
                      first_day=FIRST, last_day=LAST)
    assert same.search is None


def test_the_slider_sets_the_dates_and_reset_clears_everything() -> None:
    moved = sync_state(ids.DATE_SLIDER, search="", values=FilterValues(), slider=[10, 40],
                       first_day=FIRST, last_day=LAST)
    assert (moved.values.start_date, moved.values.end_date) == ("2025-05-11", "2025-06-10")
    assert moved.search == "?from=2025-05-11&to=2025-06-10"
    reset = sync_state(ids.RESET_BUTTON, search=moved.search, values=moved.values,
                       slider=[10, 40], first_day=FIRST, last_day=LAST)
    assert reset.search == ""
    assert reset.values == FilterValues()
    assert reset.slider == [0, 202]


def test_a_bar_click_narrows_by_type_or_location_and_a_second_click_clears() -> None:
    click = {"points": [{"customdata": "Battles", "x": 3, "y": "Battles"}]}
    once = sync_state(ids.TYPE_CHART, search="", values=FilterValues(), slider=None,
                      first_day=FIRST, last_day=LAST, click=click)
    assert once.search == "?type=Battles"
    twice = sync_state(ids.TYPE_CHART, search=once.search, values=once.values, slider=None,
                       first_day=FIRST, last_day=LAST, click=click)
    assert twice.search == ""
    place = sync_state(ids.LOCATIONS_CHART, search="", values=FilterValues(), slider=None,
                       first_day=FIRST, last_day=LAST,
                       click={"points": [{"customdata": "Kabul"}]})
    assert place.search == "?location=Kabul"
    actor = sync_state(ids.ACTORS_CHART, search="", values=FilterValues(), slider=None,
                       first_day=FIRST, last_day=LAST,
                       click={"points": [{"customdata": "Taliban"}]})
    assert actor.search == "?actor=Taliban"


def test_map_selection_becomes_a_box() -> None:
    box = box_from_selection({"range": {"map": [[60.0, 35.0], [70.0, 30.0]]}})
    assert box == [60.0, 30.0, 70.0, 35.0]
    lasso = box_from_selection({"lassoPoints": {"map": [[61, 31], [69, 30], [65, 36]]}})
    assert lasso == [61.0, 30.0, 69.0, 36.0]
    assert box_from_selection(None) is None
    assert "narrowed" in selection_note(box)
    assert "Drag" in selection_note(None)
    assert leaflet_src("?country=AFG", "/_sitrep/leaflet") == "/_sitrep/leaflet?country=AFG"


# -- selection and article panel -----------------------------------------------------

def test_selection_from_a_map_click() -> None:
    click = {"points": [{"customdata": ["ev1", "art1", "Battles"], "lat": 1, "lon": 2}]}
    assert selection_from_trigger(ids.MAP_GRAPH, click, click) == {
        "event_id": "ev1", "article_id": "art1"}
    assert selection_from_trigger(ids.MAP_GRAPH, None, {"points": []}) is no_update
    place = {"points": [{"customdata": ["", "", "Battles"]}]}  # an aggregated place
    assert selection_from_trigger(ids.MAP_GRAPH, place, place) is no_update


def test_selection_from_the_table_and_the_article_events() -> None:
    row = {"event_id": "ev3", "article_id": "art3", "location": "Kabul"}
    assert selection_from_trigger(ids.EVENTS_TABLE, [row], None, [row]) == {
        "event_id": "ev3", "article_id": "art3"}
    assert selection_from_trigger(ids.EVENTS_TABLE, [], None, []) is no_update
    item = {"type": ids.EVENT_ITEM, "event_id": "ev2", "article_id": "art2"}
    assert selection_from_trigger(item, 1, None) == {"event_id": "ev2", "article_id": "art2"}
    assert selection_from_trigger(item, 0, None) is no_update
    assert selection_from_trigger(ids.RESET_BUTTON, 1, None) is None
    assert selection_from_trigger(None, None, None) is no_update


def test_panel_for_a_selected_event(store: Any) -> None:
    event = next(e for e in store.query_events() if e["location"] == "Afghanistan–Pakistan border")
    panel = compute_panel(store, {"event_id": event["event_id"], "article_id": ARTICLE_ID})
    assert [text_of(m) for m in marks(panel)] == [EVIDENCE_BORDER]
    text = repr(panel)
    assert "6 events from this article" in text
    assert "casualty" in text


def test_panel_placeholder_and_stale_selection(store: Any) -> None:
    assert "Select an event" in compute_panel(store, None).children
    stale = compute_panel(store, {"event_id": "gone", "article_id": ARTICLE_ID})
    assert stale.role == "alert"
