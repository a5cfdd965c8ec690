"""Callbacks: thin shims over plain, unit-tested functions.

The URL's query string is the one source of truth for the filters
(:mod:`dashboard.filters`):

- ``_sync_filters`` (one callback, so the circular URL ⇄ components wiring
  is allowed): on page load or back/forward it sets the filter components
  from the URL; when a filter, the date slider, a chart bar or Reset
  changes, it writes the URL (and keeps picker and slider in step);
- the views (key figures and charts, map, table, Leaflet frame) are
  computed from the URL's query string only, each in its own callback so
  the browser fetches them in parallel;
- a box/lasso selection on the map becomes ``MAP_BOX`` (west, south, east,
  north), which narrows the charts and the table, not the map;
- the map's pan and zoom are kept in ``MAP_VIEW`` by a client-side callback
  (cleared when the filters change, since the map then fits the new events);
- the Export button exports the current view (:mod:`dashboard.export_menu`)
  through ``dcc.Download``; while it runs the button is disabled and a
  "Preparing …" line shows.

Each ``@app.callback`` reads its inputs (and ``ctx`` where needed), calls one
plain function of this module, and returns.  The plain functions take the
store and plain values, never Dash's request context, and turn known errors
(bad filter input, an unreadable store) into an alert.  Per-user state lives
in the browser (URL, ``dcc.Store``); there is no module-global mutable state.

Every input comes from the browser, i.e. from anyone: the plain functions
check it (:mod:`dashboard.filters` for the filters, the map box and the
selection; :func:`dashboard.aggregates.bbox_from_selection`;
:func:`dashboard.export_menu.map_view_from_relayout`) and show a
:class:`dashboard.data.FilterError` as an alert.  Each shim is also wrapped in
:func:`guarded`: an error that still escapes becomes an alert in the
callback's alert output (or no update, for a callback without one) and is
logged with its traceback: the user never gets a 500.  The request envelope
(which callback, which ids) is checked before Dash runs it
(:mod:`dashboard.callback_requests`).
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple
from urllib.parse import quote

import plotly.graph_objects as go
import sqlalchemy as sa
from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard import ids
from dashboard.aggregates import (
    actor_pairs,
    bbox_from_selection,
    key_figures,
    load_cube,
    map_data,
    rollup,
    top_locations,
    type_totals,
)
from dashboard.alerts import alert
from dashboard.article_panel import build_article_panel, placeholder
from dashboard.data import FilterError, shown
from dashboard.export_menu import export_outcome, map_view_from_relayout
from dashboard.figures import (
    INCIDENT_MARK,
    events_over_time_spec,
    fatalities_by_country_spec,
    overview_map_spec,
    ranked_bars_spec,
    type_bars_spec,
    wire_figure,
)
from dashboard.incident_panel import build_incident_panel
from dashboard.incidents import for_unit, noun
from dashboard.filters import (
    MAX_QUERY_CHARS,
    FilterValues,
    Filters,
    filters_from_query,
    filters_from_values,
    filters_to_query,
    merge_click,
    parse_selection,
    to_event_filter,
    values_from_filters,
)
from dashboard.layout import (
    chart_titles,
    day_from_index,
    day_index,
    event_count_text,
    key_figures_row,
)
from dashboard.table import MAX_TABLE_ROWS, load_table, selection_from_row, table_note
from etl.errors import EtlError
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = [
    "FILTER_PROPS",
    "Charts",
    "SyncResult",
    "Selection",
    "STORE_ERRORS",
    "sync_state",
    "compute_charts",
    "compute_map",
    "compute_table",
    "selection_from_trigger",
    "compute_panel",
    "leaflet_src",
    "guarded",
    "register_callbacks",
]

Selection = dict[str, str]
"""The selected event, as kept in the ``SELECTED_EVENT`` store:
``{"event_id": …, "article_id": …}``."""

STORE_ERRORS = (EtlError, sa.exc.SQLAlchemyError, OSError)

FILTER_PROPS: tuple[tuple[str, str], ...] = (
    (ids.COUNTRY_FILTER, "value"),
    (ids.DATE_FILTER, "start_date"),
    (ids.DATE_FILTER, "end_date"),
    (ids.TYPE_FILTER, "value"),
    (ids.SUBTYPE_FILTER, "value"),
    (ids.ACTOR_FILTER, "value"),
    (ids.LOCATION_FILTER, "value"),
    (ids.SOURCE_FILTER, "value"),
    (ids.MIN_FATALITIES, "value"),
    (ids.TEXT_SEARCH, "value"),
    (ids.BUCKET, "value"),
    (ids.UNIT, "value"),
)
"""The filter components' properties, in :class:`FilterValues` order."""

_CLICK_SOURCES = (ids.TYPE_CHART, ids.TIMELINE_CHART, ids.LOCATIONS_CHART, ids.ACTORS_CHART)


# -- URL ⇄ filter components ---------------------------------------------------

class SyncResult(NamedTuple):
    """What the sync callback writes; ``None`` means "leave as it is",
    except for ``alert``: the filter alert (``None`` clears it)."""

    values: FilterValues | None
    slider: list[int] | None
    search: str | None
    alert: Component | None = None


def _slider_range(slider: Any, span: int) -> tuple[int, int]:
    """The date slider's ``[low, high]`` day indexes, rounded and clamped
    to ``0..span``.  Raises :class:`FilterError` for anything but two
    finite numbers with low ≤ high."""
    if not isinstance(slider, (list, tuple)) or len(slider) != 2:
        raise FilterError(f"The date slider's value {shown(slider)} is not a range of two days.")
    ends = []
    for value in slider:
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value)):
            raise FilterError(f"The date slider's value {shown(slider)} is not a range of "
                              "two days.")
        ends.append(int(max(0, min(span, round(value)))))
    if ends[0] > ends[1]:
        raise FilterError(f"The date slider's value {shown(slider)} starts after it ends.")
    return ends[0], ends[1]


def _slider_value(filters: Filters, first: date | None, last: date | None) -> list[int] | None:
    if first is None or last is None:
        return None
    span = max((last - first).days, 1)
    low = day_index(filters.since, first)
    high = day_index(filters.until, first)
    return [max(0, min(span, low if low is not None else 0)),
            max(0, min(span, high if high is not None else span))]


def _clicked_key(click: Any) -> str | None:
    """The ``customdata`` of the first clicked bar, when it is text."""
    try:
        key = click["points"][0]["customdata"]
    except (KeyError, IndexError, TypeError):
        return None
    return key if isinstance(key, str) and key else None


def sync_state(
    trigger: Any,
    *,
    search: str | None,
    values: FilterValues,
    slider: Sequence[int] | None,
    first_day: date | None,
    last_day: date | None,
    click: Mapping[str, Any] | None = None,
) -> SyncResult:
    """Keep the URL and the filter components in step.

    ``trigger`` is the id that fired (``None`` on page load).  Page load or a
    URL change (back/forward, a pasted link) sets the components from the
    URL; Reset clears everything; a slider move sets the picker's dates; a
    click on a bar of the type, timeline, locations or actor-pairs chart
    narrows to that type, location or (first) actor; any other filter
    change writes the URL.

    A component value that cannot be used (a minimum of fatalities of
    1e300, a slider value of ``["a", "b"]``) changes nothing but the filter
    alert, which says why; any valid change clears that alert.
    """
    if trigger in (None, ids.URL):
        try:
            filters = filters_from_query(search)
        except FilterError:
            logger.info("malformed filter URL %r: showing the defaults", search)
            filters = Filters()
        return SyncResult(values_from_filters(filters),
                          _slider_value(filters, first_day, last_day), None)
    if trigger == ids.RESET_BUTTON:
        defaults = Filters()
        return SyncResult(values_from_filters(defaults),
                          _slider_value(defaults, first_day, last_day), "")
    try:
        current = filters_from_values(values)
        if trigger == ids.DATE_SLIDER and slider is not None and first_day and last_day:
            span = max((last_day - first_day).days, 1)
            low, high = _slider_range(slider, span)
            since = day_from_index(low, first_day) if low > 0 else None
            until = day_from_index(high, first_day) if high < span else None
            filters = Filters(**{**_fields(current), "since": since, "until": until})
            return SyncResult(values_from_filters(filters), None, filters_to_query(filters))
        if trigger in _CLICK_SOURCES:
            key = _clicked_key(click)
            if key is None:
                return SyncResult(None, None, None)
            if trigger == ids.LOCATIONS_CHART:
                filters = merge_click(current, locations=(key,))
            elif trigger == ids.ACTORS_CHART:
                filters = merge_click(current, actors=(key,))
            else:
                filters = merge_click(current, event_types=(key,))
            return SyncResult(values_from_filters(filters), None, filters_to_query(filters))
    except FilterError as error:
        logger.info("ignoring an invalid filter value: %s", error)
        return SyncResult(None, None, None, alert(str(error), level="warning"))
    new_search = filters_to_query(current)
    slider_value = _slider_value(current, first_day, last_day)
    if new_search == (search or ""):
        return SyncResult(None, slider_value, None)
    return SyncResult(None, slider_value, new_search)


def _fields(filters: Filters) -> dict[str, Any]:
    return {name: getattr(filters, name) for name in Filters.__slots__}  # type: ignore[attr-defined]


# -- views -----------------------------------------------------------------------

class Charts(NamedTuple):
    """The key figures and the five charts (narrowed by the map box); the
    charts are ``go.Figure``, or plain figure dicts (``spec=True``)."""

    key_figures: list[Component]
    timeline: go.Figure | dict[str, Any]
    fatalities: go.Figure | dict[str, Any]
    types: go.Figure | dict[str, Any]
    locations: go.Figure | dict[str, Any]
    actors: go.Figure | dict[str, Any]
    count_text: str
    alerts: Component | None
    timeline_title: str = chart_titles("incidents")[0]
    type_title: str = chart_titles("incidents")[1]
    table_title: str = chart_titles("incidents")[2]


def _figure(spec: dict[str, Any], *, as_spec: bool) -> go.Figure | dict[str, Any]:
    """The figure a ``*_spec`` function built: as it is (for the browser:
    see :func:`dashboard.figures.wire_figure`) or as a ``go.Figure``."""
    return wire_figure(spec) if as_spec else go.Figure(spec)


def _parse(search: str | None) -> Filters:
    return filters_from_query(search)


def _empty_charts(message: Component, *, spec: bool = False,
                  unit: str = "incidents") -> Charts:
    import pandas as pd

    empty = pd.DataFrame()
    figures = [events_over_time_spec(empty, bucket="week"),
               fatalities_by_country_spec(empty, bucket="week"),
               type_bars_spec(pd.Series(dtype="int64")),
               ranked_bars_spec([], [], empty="No events"),
               ranked_bars_spec([], [], empty="No events")]
    return Charts([], *(_figure(f, as_spec=spec) for f in figures), "", message,
                  *chart_titles(unit))


def _store_alert(error: Exception) -> Component:
    return alert(f"Cannot read the event store: {type(error).__name__}. "
                 "Check the --db URL and that the store is reachable.")


def compute_charts(
    store: Store,
    search: str | None,
    *,
    box: Any = None,
    names: Mapping[str, str] | None = None,
    spec: bool = False,
) -> Charts:
    """Key figures and charts for the URL's filters (and the map box),
    counting what the filters' ``unit`` says (incidents or reports);
    ``spec``: the charts as plain figure dicts (what the callback sends)."""
    try:
        filters = _parse(search)
        flt = to_event_filter(filters, bbox=box)
    except FilterError as error:
        return _empty_charts(alert(str(error), level="warning"), spec=spec)
    unit = filters.unit
    things = noun(unit)
    try:
        source = for_unit(store, unit)
        cube = load_cube(source, flt)
        figures = key_figures(source, flt)
        places = top_locations(source, flt)
        pairs = actor_pairs(source, flt)
        total = figures.events if flt == EventFilter() else source.event_summary()["events"]
    except STORE_ERRORS as error:
        logger.exception("cannot read events from the store")
        return _empty_charts(_store_alert(error), spec=spec, unit=unit)
    notice = None
    if total == 0:
        notice = alert("The store has no events yet. Ingest articles with "
                       "“sitrep ingest PATH” and reload this page.", level="info")
    location_labels = [f"{r.location}, {r.country}" if r.country else str(r.location)
                       for r in places.itertuples()]
    pair_labels = [f"{r.actor1} — {r.actor2}" if r.actor2 else str(r.actor1)
                   for r in pairs.itertuples()]
    timeline_title, type_title, table_title = chart_titles(unit)
    return Charts(
        key_figures=key_figures_row(figures, unit=unit),
        timeline=_figure(events_over_time_spec(
            rollup(cube, bucket=filters.bucket, by="event_type", value="events"),
            bucket=filters.bucket, unit=things), as_spec=spec),
        fatalities=_figure(fatalities_by_country_spec(
            rollup(cube, bucket=filters.bucket, by="country", value="fatalities"),
            bucket=filters.bucket, names=names), as_spec=spec),
        types=_figure(type_bars_spec(type_totals(cube), unit=things), as_spec=spec),
        locations=_figure(ranked_bars_spec(
            location_labels, [int(v) for v in places["events"]],
            keys=[str(v) for v in places["location"]], unit=things,
            empty=f"No located {things} match these filters"), as_spec=spec),
        actors=_figure(ranked_bars_spec(
            pair_labels, [int(v) for v in pairs["events"]], colour="#009E73",
            keys=[str(v) for v in pairs["actor1"]], unit=things,
            empty=f"No {things} with actors match these filters"), as_spec=spec),
        count_text=event_count_text(figures.events, total, unit=unit, reports=figures.reports),
        alerts=notice,
        timeline_title=timeline_title,
        type_title=type_title,
        table_title=table_title,
    )


def compute_map(
    store: Store,
    search: str | None,
    *,
    shade: bool = False,
    selection: Any = None,
    names: Mapping[str, str] | None = None,
    boundaries: Mapping[str, Any] | str | None = None,
    spec: bool = False,
) -> go.Figure | dict[str, Any]:
    """The map for the URL's filters (never narrowed by its own selection);
    ``spec``: as a plain figure dict (what the callback sends).  A malformed
    ``selection`` is drawn as none (the article panel says why)."""
    try:
        chosen = parse_selection(selection)
    except FilterError:
        chosen = None
    try:
        filters = _parse(search)
        data = map_data(for_unit(store, filters.unit), to_event_filter(filters))
    except (FilterError, *STORE_ERRORS) as error:
        if not isinstance(error, FilterError):
            logger.exception("cannot read the map's events")
        import pandas as pd

        from dashboard.aggregates import MapData

        data = MapData(pd.DataFrame(columns=["latitude", "longitude", "event_type"]), False, 0,
                       {}, {}, {})
        return _figure(overview_map_spec(data, boundaries=boundaries), as_spec=spec)
    return _figure(overview_map_spec(data, boundaries=boundaries,
                                     selected_event_id=(chosen or {}).get("event_id"),
                                     uirevision=search or "all", shade_countries=shade,
                                     names=names, unit=filters.unit), as_spec=spec)


def compute_table(
    store: Store, search: str | None, *, box: Any = None
) -> tuple[list[dict[str, Any]], str]:
    """Grid rows (the newest :data:`MAX_TABLE_ROWS`) and the note above;
    none for malformed filters or box (the charts' alert explains)."""
    try:
        filters = _parse(search)
        flt = to_event_filter(filters, bbox=box)
        source = for_unit(store, filters.unit)
        rows = load_table(source, flt, unit=filters.unit)
        total = len(rows) if len(rows) < MAX_TABLE_ROWS else source.event_summary(flt)["events"]
    except FilterError:
        return [], ""
    except STORE_ERRORS:
        logger.exception("cannot read the table's events")
        return [], "Cannot read the event store."
    return rows, table_note(len(rows), total, unit=noun(filters.unit))


def leaflet_src(search: Any, route: str) -> str:
    """The Leaflet frame's address: the Leaflet route with the URL's filters
    (written again, so the frame's URL holds only what they say).  Filters
    that cannot be read go as they are, percent-encoded: the frame then
    shows the route's own alert.  Raises :class:`FilterError` when
    ``search`` is not text."""
    if search is not None and not isinstance(search, str):
        raise FilterError(f"The address's filters {shown(search)} are not text.")
    try:
        return f"{route}{filters_to_query(filters_from_query(search))}"
    except FilterError:
        raw = quote(search.lstrip("?")[:MAX_QUERY_CHARS], safe="=&+%", errors="replace")
        return f"{route}?{raw}"


def box_from_selection(selected: Any) -> list[float] | None:
    """``MAP_BOX`` from the map's ``selectedData``.  Raises
    :class:`FilterError` when it is not a selection."""
    box = bbox_from_selection(selected)
    return [round(v, 5) for v in box] if box else None


def selection_note(box: Sequence[float] | None) -> str:
    if not box:
        return "Drag on the map (box or lasso) to narrow the charts and table."
    west, south, east, north = box
    return (f"Charts and table narrowed to the map selection "
            f"({south:.2f}–{north:.2f}°N, {west:.2f}–{east:.2f}°E).")


# -- selection and article panel --------------------------------------------------

def _checked(selection: Mapping[str, Any]) -> Selection | Any:
    """``selection`` checked by :func:`parse_selection`; ``no_update`` (with
    a log line) when its ids are not usable."""
    try:
        chosen = parse_selection(selection)
    except FilterError as error:
        logger.info("ignoring a selection: %s", error)
        return no_update
    return chosen if chosen is not None else no_update


def selection_from_trigger(
    triggered_id: Any, triggered_value: Any, click_data: Any,
    selected_rows: Any = None,
) -> Selection | None | Any:
    """The new selection after an input fired, or ``dash.no_update``.

    - a click on a map point: its ``customdata`` (event id, article id);
      aggregated places carry no event and select nothing;
    - a row chosen in the table (``selected_rows``);
    - a click on an event button of the article panel (``triggered_id`` is
      its dict id, ``triggered_value`` its ``n_clicks``; 0/None when merely
      re-rendered), or on a report of the incident panel;
    - a click on an incident's marker or row (``customdata[9]`` or the
      row's ``unit``), or on "Show the incident": the incident;
    - the Reset button: ``None``.

    Ids that are not text (or too long, see :func:`parse_selection`)
    select nothing.
    """
    if triggered_id == ids.RESET_BUTTON:
        return None
    if triggered_id == ids.MAP_GRAPH:
        try:
            custom = click_data["points"][0]["customdata"]
            if not isinstance(custom, (list, tuple)) or not custom[0]:
                return no_update
            chosen = {"event_id": custom[0], "article_id": custom[1]}
            if len(custom) > 9 and custom[9] == INCIDENT_MARK:
                chosen["unit"] = "incidents"
            return _checked(chosen)
        except (KeyError, IndexError, TypeError):
            logger.debug("map click without an event: %s", shown(click_data))
            return no_update
    if triggered_id == ids.EVENTS_TABLE:
        if not isinstance(selected_rows, list) or not selected_rows:
            return no_update
        row = selected_rows[0]
        chosen = selection_from_row(row) if isinstance(row, Mapping) else None
        return _checked(chosen) if chosen else no_update
    if isinstance(triggered_id, Mapping) and triggered_id.get("type") == ids.EVENT_ITEM:
        if not triggered_value:
            return no_update
        return _checked({"event_id": triggered_id.get("event_id"),
                         "article_id": triggered_id.get("article_id")})
    if isinstance(triggered_id, Mapping) and triggered_id.get("type") == ids.INCIDENT_ITEM:
        if not triggered_value:
            return no_update
        return _checked({"event_id": triggered_id.get("incident_id"), "article_id": "",
                         "unit": "incidents"})
    return no_update


def compute_panel(store: Store, selection: Any) -> Component:
    """The panel for the selection: an incident's reports (an incident
    told by one report: that report's article), or a report's (event's)
    article (the placeholder when nothing is selected; an alert when it
    cannot be read or is not an event)."""
    try:
        chosen = parse_selection(selection)
    except FilterError as error:
        return alert(f"Cannot show the selected event: {error}", level="warning")
    if chosen is None:
        return placeholder()
    event_id = chosen["event_id"]
    reports = for_unit(store, "reports")
    if chosen.get("unit") == "incidents":
        try:
            incident = reports.incident(event_id)
        except STORE_ERRORS as error:
            logger.exception("cannot read incident %s", event_id)
            return alert(f"Cannot read the incident from the store: {type(error).__name__}.")
        told = (incident or {}).get("reports") or []
        if len(told) != 1:
            return build_incident_panel(incident)
        event_id = str(told[0]["event_id"])  # one report: its article is the evidence
    try:
        event = reports.event(event_id)
        if event is None:
            return alert("This event is not in the store any more; reload the page.",
                         level="warning")
        article = reports.article(event["article_id"])
        mentions = reports.article_mentions(event["article_id"]) if article else []
        siblings = reports.query_events(EventFilter(article_id=event["article_id"]))
        incident = reports.incident(event["incident_id"]) if event.get("incident_id") else None
    except STORE_ERRORS as error:
        logger.exception("cannot read the article of event %s", event_id)
        return alert(f"Cannot read the article from the store: {type(error).__name__}.")
    return build_article_panel(article, event=event, mentions=mentions, article_events=siblings,
                               incident=incident)


# -- the safety net of the shims -------------------------------------------------------

UNEXPECTED_TEXT = ("This part of the page could not be updated because of an internal "
                   "error (it has been logged). Change the filters or reload the page.")


def guarded(
    *, outputs: int, alert_at: int | None, name: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a callback shim with ``outputs`` outputs so that it always
    returns normally.

    An error escaping the shim becomes an alert at output ``alert_at`` (the
    others: no update; no output changes when ``alert_at`` is ``None``): a :class:`FilterError` (bad input) as a
    warning with its message, the store's errors (``STORE_ERRORS``) as
    "cannot read the event store", and any other exception — a bug, never
    silent — as :data:`UNEXPECTED_TEXT`, logged with ``logger.exception``
    (traceback and the callback's ``name``).  ``PreventUpdate`` passes.
    """
    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def shim(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except PreventUpdate:
                raise
            except FilterError as error:
                logger.info("callback %s: bad input: %s", name, error)
                shown_alert = alert(str(error), level="warning")
            except STORE_ERRORS as error:
                logger.exception("callback %s cannot read the store", name)
                shown_alert = _store_alert(error)
            except Exception:  # noqa: BLE001 - logged with its traceback, shown as an alert
                logger.exception("callback %s failed", name)
                shown_alert = alert(UNEXPECTED_TEXT)
            values: list[Any] = [no_update] * outputs
            if alert_at is not None:
                values[alert_at] = shown_alert
            return tuple(values) if outputs > 1 else values[0]

        return shim

    return wrap


# Scrolls the article panel so that the highlighted evidence is in view
# (inside the panel only: the page itself does not jump).
_SCROLL_TO_EVIDENCE_JS = """
function(children) {
    window.requestAnimationFrame(function () {
        var panel = document.getElementById('%(panel)s');
        var box = panel && panel.querySelector('.article-text');
        var mark = box && box.querySelector('mark.evidence');
        if (box && mark) {
            var offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
            box.scrollTop += offset - 24;
        } else if (box) {
            box.scrollTop = 0;
        }
    });
    return window.dash_clientside.no_update;
}
""" % {"panel": ids.ARTICLE_PANEL}


# Keeps the map's last pan/zoom (the "map.center"/"map.zoom" entries of its
# relayoutData) in MAP_VIEW, in the browser: panning never calls the server.
# Other relayouts (autosize, a selection) leave it; new filters clear it (the
# map then fits the new events).  The export checks the values again
# (dashboard.export_menu.map_view_from_relayout).
_KEEP_MAP_VIEW_JS = """
function(relayout, search, previous) {
    var ctx = window.dash_clientside.callback_context;
    var fired = ctx.triggered.map(function (t) { return t.prop_id; });
    if (fired.indexOf('%(url)s.search') >= 0) { return null; }
    if (!relayout || !('map.center' in relayout || 'map.zoom' in relayout)) {
        return window.dash_clientside.no_update;
    }
    var view = Object.assign({}, previous || {});
    ['map.center', 'map.zoom'].forEach(function (key) {
        if (key in relayout) { view[key] = relayout[key]; }
    });
    return view;
}
""" % {"url": ids.URL}


def register_callbacks(
    app: Dash,
    *,
    store: Store,
    names: Mapping[str, str],
    boundaries: Mapping[str, Any] | str | None,
    date_bounds: Any,
    leaflet_route: str,
) -> None:
    """Wire the page's components to the plain functions above.

    ``boundaries`` is the country outlines for the map (GeoJSON or the URL
    the app serves it at); ``date_bounds()`` returns the store's first and
    last event day (the slider's range); ``leaflet_route`` the Leaflet page.
    """
    filter_outputs = [Output(cid, prop) for cid, prop in FILTER_PROPS]
    filter_inputs = [Input(cid, prop) for cid, prop in FILTER_PROPS]

    @app.callback(
        *filter_outputs,
        Output(ids.DATE_SLIDER, "value"),
        Output(ids.URL, "search"),
        Output(ids.FILTER_ALERT, "children"),
        Input(ids.URL, "search"),
        Input(ids.RESET_BUTTON, "n_clicks"),
        *filter_inputs,
        Input(ids.DATE_SLIDER, "value"),
        Input(ids.TYPE_CHART, "clickData"),
        Input(ids.TIMELINE_CHART, "clickData"),
        Input(ids.LOCATIONS_CHART, "clickData"),
        Input(ids.ACTORS_CHART, "clickData"),
    )
    @guarded(outputs=len(FILTER_PROPS) + 3, alert_at=len(FILTER_PROPS) + 2, name="sync filters")
    def _sync_filters(search: Any, _reset: Any, *rest: Any) -> tuple[Any, ...]:
        values = FilterValues(*rest[:len(FILTER_PROPS)])
        slider, *clicks = rest[len(FILTER_PROPS):]
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        click = dict(zip(_CLICK_SOURCES, clicks)).get(trigger) if trigger else None
        first, last = date_bounds()
        result = sync_state(trigger, search=search, values=values, slider=slider,
                            first_day=first, last_day=last, click=click)
        out_values = (result.values.as_tuple() if result.values is not None
                      else (no_update,) * len(FILTER_PROPS))
        return (*out_values,
                result.slider if result.slider is not None else no_update,
                result.search if result.search is not None else no_update,
                result.alert)

    @app.callback(
        Output(ids.KEY_FIGURES, "children"),
        Output(ids.TIMELINE_CHART, "figure"),
        Output(ids.FATALITIES_CHART, "figure"),
        Output(ids.TYPE_CHART, "figure"),
        Output(ids.LOCATIONS_CHART, "figure"),
        Output(ids.ACTORS_CHART, "figure"),
        Output(ids.EVENT_COUNT, "children"),
        Output(ids.ALERTS, "children"),
        Output(ids.TIMELINE_TITLE, "children"),
        Output(ids.TYPE_TITLE, "children"),
        Output(ids.TABLE_TITLE, "children"),
        Input(ids.URL, "search"),
        Input(ids.MAP_BOX, "data"),
    )
    @guarded(outputs=len(Charts._fields), alert_at=Charts._fields.index("alerts"), name="charts")
    def _update_charts(search: Any, box: Any) -> tuple[Any, ...]:
        return tuple(compute_charts(store, search, box=box, names=names, spec=True))

    @app.callback(
        Output(ids.MAP_GRAPH, "figure"),
        Input(ids.URL, "search"),
        Input(ids.MAP_SHADE, "value"),
        Input(ids.SELECTED_EVENT, "data"),
    )
    @guarded(outputs=1, alert_at=None, name="map")
    def _update_map(search: Any, shade: Any, selection: Any) -> dict[str, Any]:
        return compute_map(store, search, shade=bool(shade), selection=selection, names=names,
                           boundaries=boundaries, spec=True)

    @app.callback(
        Output(ids.EVENTS_TABLE, "rowData"),
        Output(ids.TABLE_NOTE, "children"),
        Input(ids.URL, "search"),
        Input(ids.MAP_BOX, "data"),
    )
    @guarded(outputs=2, alert_at=1, name="table")
    def _update_table(search: Any, box: Any) -> tuple[Any, str]:
        return compute_table(store, search, box=box)

    @app.callback(
        Output(ids.MAP_BOX, "data"),
        Output(ids.SELECTION_NOTE, "children"),
        Input(ids.MAP_GRAPH, "selectedData"),
        Input(ids.CLEAR_SELECTION, "n_clicks"),
    )
    @guarded(outputs=2, alert_at=1, name="map box")
    def _map_box(selected: Any, _clear: Any) -> tuple[Any, Any]:
        try:
            box = box_from_selection(selected) if ctx.triggered_id == ids.MAP_GRAPH else None
        except FilterError as error:
            return None, alert(str(error), level="warning")
        return box, selection_note(box)

    @app.callback(
        Output(ids.LEAFLET_FRAME, "src"),
        Input(ids.URL, "search"),
        Input(ids.TABS, "value"),
    )
    @guarded(outputs=1, alert_at=None, name="leaflet frame")
    def _leaflet(search: Any, tab: Any) -> Any:
        if tab != ids.TAB_LEAFLET:
            return no_update
        return leaflet_src(search, leaflet_route)

    @app.callback(
        Output(ids.SELECTED_EVENT, "data"),
        Input(ids.MAP_GRAPH, "clickData"),
        Input(ids.EVENTS_TABLE, "selectedRows"),
        Input({"type": ids.EVENT_ITEM, "event_id": ALL, "article_id": ALL}, "n_clicks"),
        Input({"type": ids.INCIDENT_ITEM, "incident_id": ALL}, "n_clicks"),
        Input(ids.RESET_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    @guarded(outputs=1, alert_at=None, name="select event")
    def _select_event(click_data: Any, selected_rows: Any, _items: Any, _incidents: Any,
                      _reset: Any) -> Any:
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        return selection_from_trigger(ctx.triggered_id, value, click_data, selected_rows)

    @app.callback(
        Output(ids.ARTICLE_PANEL, "children"),
        Input(ids.SELECTED_EVENT, "data"),
    )
    @guarded(outputs=1, alert_at=0, name="article panel")
    def _show_article(selection: Any) -> Component:
        return compute_panel(store, selection)

    app.clientside_callback(
        _KEEP_MAP_VIEW_JS,
        Output(ids.MAP_VIEW, "data"),
        Input(ids.MAP_GRAPH, "relayoutData"),
        Input(ids.URL, "search"),
        State(ids.MAP_VIEW, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"),
        Output(ids.EXPORT_STATUS, "children"),
        Input(ids.EXPORT_BUTTON, "n_clicks"),
        State(ids.EXPORT_CHOICE, "value"),
        State(ids.URL, "search"),
        State(ids.MAP_BOX, "data"),
        State(ids.MAP_VIEW, "data"),
        prevent_initial_call=True,
        running=[
            (Output(ids.EXPORT_BUTTON, "disabled"), True, False),
            (Output(ids.EXPORT_PROGRESS, "children"), "Preparing the export …", ""),
        ],
    )
    @guarded(outputs=2, alert_at=1, name="export")
    def _export(_clicks: Any, choice: Any, search: Any, box: Any, view: Any) -> tuple[Any, Any]:
        outcome = export_outcome(store, search, choice, box=box,
                                 map_view=map_view_from_relayout(view))
        result = outcome.result
        download = (dcc.send_bytes(result.content, result.filename, type=result.mime_type)
                    if result is not None else no_update)
        return download, outcome.status

    app.clientside_callback(
        _SCROLL_TO_EVIDENCE_JS,
        Output(ids.SCROLL_SINK, "data"),
        Input(ids.ARTICLE_PANEL, "children"),
        prevent_initial_call=True,
    )
