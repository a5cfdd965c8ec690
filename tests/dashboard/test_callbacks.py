"""The plain functions behind the callbacks (no browser, no Dash context)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dash import html, no_update

from dashboard import ids
from dashboard.callbacks import compute_panel, compute_views, selection_from_trigger
from dashboard.figures import SELECTED_TRACE_NAME
from etl.errors import StoreError
from etl.store import Store
from tests.dashboard.component_utils import marks, text_of
from tests.dashboard.fixture_events import ARTICLE_ID, EVIDENCE_BORDER, fill_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(fill_store(f"sqlite:///{tmp_path / 'cb.db'}"))
    yield s
    s.close()


class BrokenStore:
    """A store whose database went away."""

    def query_events(self, *_: Any) -> list[dict[str, Any]]:
        raise StoreError("cannot open store sqlite:///gone.db")

    article = article_mentions = query_events


def _points(fig: Any) -> int:
    return sum(len(t.lat) for t in fig.data if t.name != SELECTED_TRACE_NAME)


def _buttons(node: Any) -> list[html.Button]:
    found = []
    if isinstance(node, html.Button):
        found.append(node)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _buttons(child)
    return found


def test_views_without_filters_show_everything(store: Store) -> None:
    views = compute_views(store, countries=[], start_date=None, end_date=None)
    assert _points(views.map_figure) == 6
    assert sum(views.type_figure.data[0].x) == 6
    assert len(_buttons(views.event_list)) == 6
    assert views.count_text == "6 events"
    assert views.alerts is None


def test_a_country_filter_drives_map_charts_and_list(store: Store) -> None:
    views = compute_views(store, countries=["AFG"], start_date=None, end_date=None,
                          names={"AFG": "Afghanistan"})
    assert _points(views.map_figure) == 2
    assert sum(views.type_figure.data[0].x) == 2
    assert [t.name for t in views.fatalities_figure.data] == ["Afghanistan"]
    assert len(_buttons(views.event_list)) == 2
    assert views.count_text == "2 of 6 events"


def test_a_date_filter_drives_the_views(store: Store) -> None:
    views = compute_views(store, countries=None, start_date="2025-10-01", end_date="2025-10-31")
    assert _points(views.map_figure) == 3
    assert views.count_text == "3 of 6 events"


def test_the_selected_event_is_highlighted_on_map_and_list(store: Store) -> None:
    first = compute_views(store, countries=[], start_date=None, end_date=None)
    button = _buttons(first.event_list)[0]
    selection = {"event_id": button.id["event_id"], "article_id": button.id["article_id"]}
    views = compute_views(store, countries=[], start_date=None, end_date=None,
                          selection=selection)
    assert views.map_figure.data[0].name == SELECTED_TRACE_NAME
    assert _buttons(views.event_list)[0].className == "event-item selected"


def test_a_bad_date_is_an_alert_not_a_traceback(store: Store) -> None:
    views = compute_views(store, countries=[], start_date="2025-11-01", end_date="2025-10-01")
    assert views.alerts.role == "alert"
    assert "after the end date" in views.alerts.children
    assert _points(views.map_figure) == 0


def test_an_unreadable_store_is_an_alert(caplog: pytest.LogCaptureFixture) -> None:
    views = compute_views(BrokenStore(), countries=[], start_date=None, end_date=None)  # type: ignore[arg-type]
    assert views.alerts.role == "alert"
    assert "Cannot read the event store" in views.alerts.children
    panel = compute_panel(BrokenStore(), {"event_id": "x", "article_id": "y"})  # type: ignore[arg-type]
    assert panel.role == "alert"


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    views = compute_views(Store(f"sqlite:///{tmp_path / 'empty.db'}"), countries=[],
                          start_date=None, end_date=None)
    assert "sitrep ingest" in views.alerts.children
    assert views.count_text == "0 events"


def test_selection_from_a_map_click() -> None:
    click = {"points": [{"customdata": ["ev1", "art1", "Battles"], "lat": 1, "lon": 2}]}
    assert selection_from_trigger(ids.MAP_GRAPH, click, click) == {
        "event_id": "ev1", "article_id": "art1"}
    assert selection_from_trigger(ids.MAP_GRAPH, None, {"points": []}) is no_update


def test_selection_from_the_event_list() -> None:
    item = {"type": ids.EVENT_ITEM, "event_id": "ev2", "article_id": "art2"}
    assert selection_from_trigger(item, 1, None) == {"event_id": "ev2", "article_id": "art2"}
    # the list was re-rendered (n_clicks 0): no new selection
    assert selection_from_trigger(item, 0, None) is no_update
    assert selection_from_trigger(ids.RESET_BUTTON, 1, None) is None
    assert selection_from_trigger(None, None, None) is no_update


def test_panel_for_a_selected_event(store: Store) -> None:
    event = next(e for e in store.query_events() if e["location"] == "Afghanistan–Pakistan border")
    panel = compute_panel(store, {"event_id": event["event_id"], "article_id": ARTICLE_ID})
    assert [text_of(m) for m in marks(panel)] == [EVIDENCE_BORDER]


def test_panel_placeholder_and_stale_selection(store: Store) -> None:
    assert "Select an event" in compute_panel(store, None).children
    stale = compute_panel(store, {"event_id": "gone", "article_id": ARTICLE_ID})
    assert stale.role == "alert"
