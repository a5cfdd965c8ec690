"""No 500 from any URL or callback (issue 12, item 3): the reproductions.

Each input below gave a 500 (or raised something else than
:class:`FilterError` in the plain functions) before the fix: ``?minfat=inf``,
``?minfat=1e400`` and a 5,000-digit minimum (``OverflowError`` in
``filters._min_fatalities``), ``?from=0001-01-01`` (``previous_period``
went below ``date.min``), and callback bodies of the right shape but wrong
types.  Now a route answers 4xx and a callback returns normally with an
alert.  Everything runs on a real app over a real SQLite store with the
fixture events, through Flask's test client.  The property-based sweep of
every route and callback is in ``test_hostile_property.py``.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import Any

import dash
import pytest

from dashboard import ids
from dashboard.app import LEAFLET_ROUTE, build_app
from dashboard.callbacks import compute_charts, compute_map, compute_table, register_callbacks
from dashboard.data import FilterError
from dashboard.filters import filters_from_query, previous_period
from dashboard.layout import build_layout
from etl.store import Store
from tests.dashboard.callback_bodies import (
    Dependency,
    ServerCallback,
    alerts,
    layout_values,
    response_outputs,
    server_callbacks,
)
from tests.dashboard.fixture_events import fill_store

DISPATCH = "/_dash-update-component"
HUGE_MINIMA = ["inf", "-inf", "1e400", "9" * 5000, "nan", str(10**30)]
CALENDAR_ENDS = ["?from=0001-01-01", "?from=0001-01-01&to=0001-01-01", "?to=9999-12-31",
                 "?from=2025-01-01&to=9999-12-31", "?from=9999-12-31",
                 "?from=0001-01-01&to=9999-12-31"]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill_store(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'events.db'}")


@pytest.fixture(scope="module")
def app(store_url: str) -> dash.Dash:
    return build_app(store_url, boundaries_loader=lambda: None)


@pytest.fixture
def client(app: dash.Dash) -> Any:
    return app.server.test_client()


@pytest.fixture(scope="module")
def store(store_url: str) -> Any:
    s = Store(store_url)
    yield s
    s.close()


def _callback(app: dash.Dash, output_id: str) -> ServerCallback:
    return next(cb for cb in server_callbacks(app)
                if any(component == output_id for component, _ in cb.outputs))


def _dep(cb: ServerCallback, component_id: Any, prop: str) -> Dependency:
    return next(d for d in cb.dependencies if d.component_id == component_id and d.prop == prop)


def _post(client: Any, app: dash.Dash, output_id: str, values: dict[tuple[Any, str], Any],
          *, changed: tuple[tuple[Any, str], ...] = (), **kwargs: Any) -> Any:
    """Run the callback that writes ``output_id`` with those of ``values``
    it takes (the rest as on page load), ``changed`` the inputs that fired."""
    cb = _callback(app, output_id)
    by_key = {d.key: values[(d.component_id, d.prop)] for d in cb.dependencies
              if not d.is_pattern and (d.component_id, d.prop) in values}
    body = cb.body(by_key, changed=tuple(_dep(cb, i, p) for i, p in changed),
                   layout=layout_values(app), **kwargs)
    return client.post(DISPATCH, json=body)


def _no_update(response: Any) -> bool:
    """Whether a callback answered "change nothing" (Dash: 204, or 200 with
    an empty response for a single output)."""
    return response.status_code == 204 or (response.status_code == 200
                                           and response_outputs(response) == {})


def _alert_texts(response: Any) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return [str(a.get("children")) for a in alerts(response_outputs(response))]


# -- the filter parsing ----------------------------------------------------------------

@pytest.mark.parametrize("value", HUGE_MINIMA)
def test_a_minimum_beyond_any_number_is_a_filter_error(value: str) -> None:
    with pytest.raises(FilterError, match="[Mm]inimum"):
        filters_from_query(f"?minfat={value}")


def test_a_fractional_minimum_rounds_up_and_numbers_are_accepted() -> None:
    assert filters_from_query("?minfat=2.5").min_fatalities == 3
    assert filters_from_query("?minfat=+7").min_fatalities == 7
    assert filters_from_query("?minfat=0").min_fatalities is None


@pytest.mark.parametrize("search", [
    "?q=%00", "?country=%00", "?actor=a%00b", "?bucket=" + "x" * 5000,
    "?country=" + "A" * 600, "&".join(["?country=X"] + [f"country=C{n}" for n in range(1_001)]),
    "?from=" + "9" * 5000, "?from=0000-01-01", "?to=10000-01-01",
])
def test_hostile_query_values_are_filter_errors(search: str) -> None:
    with pytest.raises(FilterError) as caught:
        filters_from_query(search)
    assert len(str(caught.value)) < 200  # one line, not the whole input


@pytest.mark.parametrize("search", [5, 1.5, ["?q=a"], {"q": "a"}, True, "?q=\ud800"])
def test_a_search_that_is_not_text_is_a_filter_error(search: Any) -> None:
    with pytest.raises(FilterError):
        filters_from_query(search)


def test_invalid_utf8_escapes_and_repeated_keys_are_read() -> None:
    filters = filters_from_query("?q=%ff%fe&minfat=1&minfat=2&from=2025-01-01&from=2025-02-01")
    assert filters.text == "\ufffd\ufffd"
    assert filters.min_fatalities == 2
    assert filters.since == date(2025, 2, 1)


def test_the_first_days_of_the_calendar_have_no_previous_period() -> None:
    assert previous_period(date.min, date(1, 1, 31)) is None
    assert previous_period(date(1, 1, 2), date(1, 1, 2)) == (date.min, date.min)
    assert previous_period(date(2025, 1, 1), date.max) is None


@pytest.mark.parametrize("search", CALENDAR_ENDS)
def test_views_at_the_ends_of_the_calendar(store: Any, search: str) -> None:
    charts = compute_charts(store, search)
    assert charts.alerts is None
    compute_map(store, search)
    compute_table(store, search)


# -- the routes --------------------------------------------------------------------------

@pytest.mark.parametrize("value", HUGE_MINIMA)
def test_the_leaflet_route_answers_400_to_a_huge_minimum(client: Any, value: str) -> None:
    response = client.get(f"{LEAFLET_ROUTE}?minfat={value}")
    assert response.status_code == 400
    assert "role=alert" in response.get_data(as_text=True)


@pytest.mark.parametrize("search", CALENDAR_ENDS)
def test_the_leaflet_route_at_the_ends_of_the_calendar(client: Any, search: str) -> None:
    assert client.get(f"{LEAFLET_ROUTE}{search}").status_code == 200


@pytest.mark.parametrize("path", ["/_dash-component-suites/nope/x.js",
                                  "/_dash-component-suites/dash/nope.js"])
def test_an_unknown_component_file_is_404(client: Any, path: str) -> None:
    assert client.get(path).status_code == 404


# -- callbacks: the views ------------------------------------------------------------------

@pytest.mark.parametrize("value", HUGE_MINIMA)
def test_the_views_alert_on_a_huge_minimum(client: Any, app: dash.Dash, value: str) -> None:
    texts = _alert_texts(_post(client, app, ids.ALERTS, {(ids.URL, "search"): f"?minfat={value}"},
                               changed=((ids.URL, "search"),)))
    assert any("inimum" in t for t in texts), texts
    for output in (ids.MAP_GRAPH, ids.EVENTS_TABLE, ids.LEAFLET_FRAME):
        response = _post(client, app, output, {(ids.URL, "search"): f"?minfat={value}",
                                               (ids.TABS, "value"): ids.TAB_LEAFLET})
        assert response.status_code in (200, 204), output


@pytest.mark.parametrize("search", CALENDAR_ENDS)
def test_the_views_at_the_ends_of_the_calendar(client: Any, app: dash.Dash, search: str) -> None:
    response = _post(client, app, ids.ALERTS, {(ids.URL, "search"): search})
    assert _alert_texts(response) == []
    key_figures = json.dumps(response_outputs(response)[ids.KEY_FIGURES]["children"])
    assert "Incidents" in key_figures
    if search != "?from=9999-12-31":  # some events: their period, with nothing before it
        assert "Period" in key_figures and "compared" not in key_figures


@pytest.mark.parametrize("search", [5, 1.5, ["?q=x"], {"q": "x"}, True, "?q=\ud800"])
def test_a_url_search_that_is_not_text_is_an_alert(client: Any, app: dash.Dash,
                                                     search: Any) -> None:
    assert _alert_texts(_post(client, app, ids.ALERTS, {(ids.URL, "search"): search}))
    assert _post(client, app, ids.EVENTS_TABLE, {(ids.URL, "search"): search}).status_code == 200
    assert _post(client, app, ids.MAP_GRAPH, {(ids.URL, "search"): search}).status_code == 200
    frame = _post(client, app, ids.LEAFLET_FRAME, {(ids.URL, "search"): search,
                                                   (ids.TABS, "value"): ids.TAB_LEAFLET})
    assert frame.status_code in (200, 204)


@pytest.mark.parametrize("box", [["a", "b", "c", "d"], [1, 2, 3], {"west": 1}, "60,30,70,35",
                                 [float("nan"), 0, 1, 1], [10**400, 0, 1, 1], [70, 30, 60, 35],
                                 [True, False, True, True], 5])
def test_a_malformed_map_box_is_an_alert(client: Any, app: dash.Dash, box: Any) -> None:
    texts = _alert_texts(_post(client, app, ids.ALERTS, {(ids.MAP_BOX, "data"): box}))
    assert any("map selection" in t for t in texts), texts
    rows = _post(client, app, ids.EVENTS_TABLE, {(ids.MAP_BOX, "data"): box})
    assert response_outputs(rows)[ids.EVENTS_TABLE]["rowData"] == []


@pytest.mark.parametrize("selected", [
    {"range": {"map": [["a", "b"], ["c", "d"]]}}, {"range": [[60, 30], [70, 35]]},
    {"lassoPoints": {"map": [[1]]}}, {"points": "all"}, ["range"], "box",
    {"range": {"map": [[10**400, 1], [2, 3]]}},
])
def test_a_malformed_map_selection_is_an_alert(client: Any, app: dash.Dash,
                                               selected: Any) -> None:
    response = _post(client, app, ids.SELECTION_NOTE, {(ids.MAP_GRAPH, "selectedData"): selected},
                     changed=((ids.MAP_GRAPH, "selectedData"),))
    assert _alert_texts(response)
    assert response_outputs(response)[ids.MAP_BOX]["data"] is None


# -- callbacks: the filter components --------------------------------------------------------

@pytest.mark.parametrize(("component", "prop", "value"), [
    (ids.DATE_SLIDER, "value", ["a", "b"]),
    (ids.DATE_SLIDER, "value", [float("inf"), 3]),
    (ids.DATE_SLIDER, "value", [10**400, 3]),
    (ids.DATE_SLIDER, "value", 7),
    (ids.DATE_SLIDER, "value", [50, 10]),
    (ids.TEXT_SEARCH, "value", 5),
    (ids.TEXT_SEARCH, "value", ["drone"]),
    (ids.MIN_FATALITIES, "value", 1e300),
    (ids.MIN_FATALITIES, "value", "9" * 5000),
    (ids.MIN_FATALITIES, "value", [1]),
    (ids.COUNTRY_FILTER, "value", 5),
    (ids.COUNTRY_FILTER, "value", [{"AFG": 1}]),
    (ids.COUNTRY_FILTER, "value", ["A\x00"]),
    (ids.DATE_FILTER, "start_date", 20250101),
    (ids.DATE_FILTER, "start_date", "0000-00-00"),
    (ids.BUCKET, "value", ["week"]),
])
def test_a_filter_value_of_the_wrong_type_is_an_alert(client: Any, app: dash.Dash,
                                                      component: str, prop: str,
                                                      value: Any) -> None:
    response = _post(client, app, ids.URL, {(component, prop): value},
                     changed=((component, prop),))
    assert _alert_texts(response)
    assert ids.URL not in response_outputs(response)  # the URL keeps the last good filters


def test_a_clicked_bar_that_is_not_text_changes_nothing(client: Any, app: dash.Dash) -> None:
    for custom in ({"a": 1}, ["Battles"], 5, None, "x\ud800"):
        click = {"points": [{"customdata": custom}]}
        response = _post(client, app, ids.URL, {(ids.TYPE_CHART, "clickData"): click},
                         changed=((ids.TYPE_CHART, "clickData"),))
        assert response.status_code == 200
        assert ids.URL not in response_outputs(response)


# -- callbacks: selection, article panel, export -----------------------------------------------

@pytest.mark.parametrize("selection", [["x"], "event", 5, {"event_id": {"a": 1}},
                                       {"event_id": "x" * 10_000}, {"event_id": "a\x00"},
                                       {"event_id": "e", "article_id": 7}])
def test_a_malformed_selection_is_an_alert_in_the_panel(client: Any, app: dash.Dash,
                                                        selection: Any) -> None:
    texts = _alert_texts(_post(client, app, ids.ARTICLE_PANEL,
                               {(ids.SELECTED_EVENT, "data"): selection}))
    assert any("selected event" in t for t in texts), texts
    assert _post(client, app, ids.MAP_GRAPH,
                 {(ids.SELECTED_EVENT, "data"): selection}).status_code == 200


def test_an_unknown_event_is_an_alert_in_the_panel(client: Any, app: dash.Dash) -> None:
    texts = _alert_texts(_post(client, app, ids.ARTICLE_PANEL,
                               {(ids.SELECTED_EVENT, "data"): {"event_id": "no-such-event"}}))
    assert any("not in the store" in t for t in texts)


@pytest.mark.parametrize(("trigger", "value"), [
    ((ids.MAP_GRAPH, "clickData"), {"points": [{"customdata": [{"a": 1}, [2]]}]}),
    ((ids.MAP_GRAPH, "clickData"), {"points": [{"customdata": ["x" * 10_000, "a"]}]}),
    ((ids.MAP_GRAPH, "clickData"), "click"),
    ((ids.EVENTS_TABLE, "selectedRows"), "row"),
    ((ids.EVENTS_TABLE, "selectedRows"), [5]),
    ((ids.EVENTS_TABLE, "selectedRows"), {"event_id": "e"}),
])
def test_a_malformed_click_selects_nothing(client: Any, app: dash.Dash, trigger: Any,
                                           value: Any) -> None:
    response = _post(client, app, ids.SELECTED_EVENT, {trigger: value}, changed=(trigger,))
    assert _no_update(response)  # nothing selected


def test_an_event_button_with_odd_ids_selects_nothing(client: Any, app: dash.Dash) -> None:
    cb = _callback(app, ids.SELECTED_EVENT)
    pattern = next(d for d in cb.inputs if d.is_pattern)
    for event_id in (5, True, "x" * 10_000):
        body = cb.body(changed=(pattern,), layout=layout_values(app),
                       pattern_items=[({"event_id": event_id, "article_id": "a"}, 1)])
        assert _no_update(client.post(DISPATCH, json=body))


@pytest.mark.parametrize(("view", "box", "choice"), [
    ({"map.center": {"lat": 10**400, "lon": 1}, "map.zoom": 10**400}, None, "data:csv"),
    (["map.center"], None, "data:csv"),
    ("view", None, "data:csv"),
    (None, ["a", "b", "c", "d"], "data:csv"),
    (None, None, ["data:csv"]),
    (None, None, "x" * 100_000),
])
def test_a_malformed_export_request_is_an_alert_or_an_export(client: Any, app: dash.Dash,
                                                            view: Any, box: Any,
                                                            choice: Any) -> None:
    response = _post(client, app, ids.EXPORT_STATUS,
                     {(ids.MAP_VIEW, "data"): view, (ids.MAP_BOX, "data"): box,
                      (ids.EXPORT_CHOICE, "value"): choice, (ids.EXPORT_BUTTON, "n_clicks"): 1},
                     changed=((ids.EXPORT_BUTTON, "n_clicks"),))
    status = response_outputs(response)[ids.EXPORT_STATUS]["children"]
    if box is None and choice == "data:csv":
        assert "Exported" in json.dumps(status)
    else:
        assert alerts(status), status
        assert len(json.dumps(status)) < 1_000


# -- the request envelope ------------------------------------------------------------------------

def test_a_callback_request_that_does_not_fit_its_callback_is_400(client: Any,
                                                                  app: dash.Dash) -> None:
    frame = _callback(app, ids.LEAFLET_FRAME)
    good = frame.body({}, layout=layout_values(app))
    bad_bodies: list[Any] = [
        None, [], {}, "x", {"output": "nope"}, {"output": f"{ids.MAP_VIEW}.data"},
        {**good, "inputs": good["inputs"][:1]},
        {**good, "inputs": [5, 6]},
        {**good, "inputs": [{"id": "other", "property": "search"}, good["inputs"][1]]},
        {**good, "outputs": [good["outputs"]]},
        {**good, "outputs": {"id": ids.ALERTS, "property": "children"}},
        {**good, "changedPropIds": ["{bad.n_clicks"]},
        {**good, "changedPropIds": [f"{ids.RESET_BUTTON}.n_clicks"]},
        {**good, "changedPropIds": [5]},
        {**good, "changedPropIds": "url.search"},
        {**good, "state": "x"},
    ]
    assert client.post(DISPATCH, json=good).status_code in (200, 204)
    for body in bad_bodies:
        response = client.post(DISPATCH, json=body)
        assert response.status_code == 400, body
    assert client.post(DISPATCH, data=b"{not json", content_type="application/json"
                       ).status_code == 400
    assert client.post(DISPATCH, data=b'{"output": "\xff"}', content_type="application/json"
                       ).status_code == 400


def test_a_pattern_input_with_ids_that_do_not_fit_is_400(client: Any, app: dash.Dash) -> None:
    cb = _callback(app, ids.SELECTED_EVENT)
    pattern = next(d for d in cb.inputs if d.is_pattern)
    good = cb.body(changed=(pattern,), layout=layout_values(app),
                   pattern_items=[({"event_id": "e", "article_id": "a"}, 1)])
    index = cb.inputs.index(pattern)
    items = good["inputs"][index]
    for broken in ([{**items[0], "id": {"type": "other", "event_id": "e", "article_id": "a"}}],
                   [{**items[0], "id": {"type": ids.EVENT_ITEM, "event_id": "e"}}],
                   [{**items[0], "id": {**items[0]["id"], "event_id": [1]}}],
                   items[0], "x"):
        inputs = list(good["inputs"])
        inputs[index] = broken
        assert client.post(DISPATCH, json={**good, "inputs": inputs}).status_code == 400


# -- the safety net: an error deep in a callback ------------------------------------------------

class FaultyStore(Store):
    """A real SQLite store whose reads fail deep inside with an error no
    callback expects (a bug, or bad input reaching a library)."""

    def _fail(self, *_: Any, **__: Any) -> Any:
        raise OverflowError("date value out of range (deep inside)")

    event_summary = event_counts = map_events = events_page = event = _fail
    event_date_bounds = _fail


@pytest.fixture
def faulty_app(store_url: str) -> dash.Dash:
    store = FaultyStore(store_url)
    app = dash.Dash(__name__)
    app.layout = build_layout()
    register_callbacks(app, store=store, names={}, boundaries=None,
                       date_bounds=store.event_date_bounds, leaflet_route=LEAFLET_ROUTE)
    yield app
    store.close()


def test_an_error_deep_in_a_callback_is_an_alert_and_is_logged(
    faulty_app: dash.Dash, caplog: pytest.LogCaptureFixture
) -> None:
    client = faulty_app.server.test_client()
    caplog.set_level(logging.INFO, logger="dashboard.callbacks")
    alerted: list[tuple[str, dict[Any, Any], tuple[Any, ...]]] = [
        (ids.ALERTS, {}, ()), (ids.TABLE_NOTE, {}, ()),
        (ids.ARTICLE_PANEL, {(ids.SELECTED_EVENT, "data"): {"event_id": "e"}}, ()),
    ]
    # the filter sync reads the store's date range: its alert is the filter alert
    sync = _callback(faulty_app, ids.URL)
    alerted.append((sync.outputs[-1][0], {(ids.TEXT_SEARCH, "value"): "drone"},
                    ((ids.TEXT_SEARCH, "value"),)))
    for output, values, changed in alerted:
        caplog.clear()
        response = _post(client, faulty_app, output, values, changed=changed)
        assert response.status_code == 200, output
        texts = [str(a.get("children")) for a in alerts(response_outputs(response)[output])]
        assert any("internal error" in t for t in texts), (output, texts)
        failures = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
        assert failures and "failed" in failures[0].getMessage(), output
        assert failures[0].exc_info[0] is OverflowError
    # a callback without an alert output answers "no update", and logs
    caplog.clear()
    assert _no_update(_post(client, faulty_app, ids.MAP_GRAPH, {}))
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)
