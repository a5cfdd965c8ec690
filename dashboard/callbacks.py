"""Callbacks: thin shims over plain, unit-tested functions.

Each ``@app.callback`` reads its inputs (and ``ctx`` where needed), calls one
plain function of this module, and returns.  The plain functions
(``compute_views``, ``selection_from_trigger``, ``compute_panel``) take the
store and plain values, never Dash's request context, and turn known
errors (bad filter input, an unreadable store) into an alert.

Per-user state (the selected event) lives in the browser in a ``dcc.Store``;
there is no module-global mutable state.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, NamedTuple

import plotly.graph_objects as go
import sqlalchemy as sa
from dash import ALL, Dash, Input, Output, ctx, no_update
from dash.development.base_component import Component

from dashboard import ids
from dashboard.alerts import alert
from dashboard.article_panel import build_article_panel, placeholder
from dashboard.data import FilterError, events_frame, load_events, parse_filter
from dashboard.figures import event_map, events_by_type, fatalities_over_time
from dashboard.layout import event_count_text, event_list
from etl.errors import EtlError
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = [
    "Views",
    "Selection",
    "compute_views",
    "selection_from_trigger",
    "compute_panel",
    "register_callbacks",
]

Selection = dict[str, str]
"""The selected event, as kept in the ``SELECTED_EVENT`` store:
``{"event_id": …, "article_id": …}``."""

STORE_ERRORS = (EtlError, sa.exc.SQLAlchemyError, OSError)


class Views(NamedTuple):
    """Everything the filters drive."""

    map_figure: go.Figure
    type_figure: go.Figure
    fatalities_figure: go.Figure
    event_list: Component
    count_text: str
    alerts: Component | None


def _empty_views(message: Component) -> Views:
    nothing = events_frame([])
    return Views(event_map(nothing), events_by_type(nothing), fatalities_over_time(nothing),
                 event_list(nothing), "", message)


def compute_views(
    store: Store,
    *,
    countries: Any,
    start_date: Any,
    end_date: Any,
    selection: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    boundaries: Mapping[str, Any] | str | None = None,
) -> Views:
    """The map, both charts, the event list, the count and the alerts for
    the current filter values.  A malformed filter or an unreadable store
    gives empty views and an alert, never an exception."""
    try:
        flt = parse_filter(countries, start_date, end_date)
    except FilterError as error:
        return _empty_views(alert(str(error), level="warning"))
    try:
        events = load_events(store, flt)
        total = len(events) if flt == EventFilter() else len(store.query_events(EventFilter()))
    except STORE_ERRORS as error:
        logger.exception("cannot read events from the store")
        return _empty_views(alert(f"Cannot read the event store: {type(error).__name__}. "
                                  "Check the --db URL and that the store is reachable."))
    selected = (selection or {}).get("event_id")
    revision = repr((flt.countries, flt.since, flt.until))
    notice = None
    if total == 0:
        notice = alert("The store has no events yet. Ingest articles with "
                       "“sitrep ingest PATH” and reload this page.", level="info")
    return Views(
        map_figure=event_map(events, boundaries=boundaries, selected_event_id=selected,
                             uirevision=revision),
        type_figure=events_by_type(events),
        fatalities_figure=fatalities_over_time(events, names=names),
        event_list=event_list(events, selected_event_id=selected),
        count_text=event_count_text(len(events), total),
        alerts=notice,
    )


def selection_from_trigger(
    triggered_id: Any, triggered_value: Any, click_data: Mapping[str, Any] | None
) -> Selection | None | Any:
    """The new selection after an input fired, or ``dash.no_update``.

    - a click on the map: the clicked point's ``customdata`` (event id,
      article id);
    - a click on an event-list button (``triggered_id`` is its dict id and
      ``triggered_value`` its ``n_clicks``; 0/None when the list was merely
      re-rendered, which selects nothing);
    - the Reset button: ``None`` (clears the selection).
    """
    if triggered_id == ids.RESET_BUTTON:
        return None
    if triggered_id == ids.MAP_GRAPH:
        try:
            point = (click_data or {})["points"][0]
            custom = point["customdata"]
            return {"event_id": str(custom[0]), "article_id": str(custom[1])}
        except (KeyError, IndexError, TypeError):
            logger.debug("map click without an event: %r", click_data)
            return no_update
    if isinstance(triggered_id, Mapping) and triggered_id.get("type") == ids.EVENT_ITEM:
        if not triggered_value:
            return no_update
        return {"event_id": str(triggered_id["event_id"]),
                "article_id": str(triggered_id["article_id"])}
    return no_update


def compute_panel(store: Store, selection: Mapping[str, str] | None) -> Component:
    """The article panel for the selected event (the placeholder when none
    is selected; an alert when it cannot be read)."""
    if not selection or not selection.get("event_id"):
        return placeholder()
    event_id, article_id = selection["event_id"], selection.get("article_id") or ""
    try:
        rows = store.query_events(EventFilter(article_id=article_id)) if article_id else []
        event = next((r for r in rows if r["event_id"] == event_id), None)
        if event is None:
            return alert("This event is not in the store any more; reload the page.",
                         level="warning")
        article = store.article(event["article_id"])
        mentions = store.article_mentions(event["article_id"]) if article else []
    except STORE_ERRORS as error:
        logger.exception("cannot read article %s", article_id)
        return alert(f"Cannot read the article from the store: {type(error).__name__}.")
    return build_article_panel(article, event=event, mentions=mentions)


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


def register_callbacks(
    app: Dash,
    *,
    store: Store,
    names: Mapping[str, str],
    boundaries: Mapping[str, Any] | str | None,
) -> None:
    """Wire the page's components to the plain functions above.

    ``boundaries`` is the country outlines for the map: a GeoJSON dict or
    the URL the app serves it at (see :func:`dashboard.figures.event_map`).
    """

    @app.callback(
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.TYPE_CHART, "figure"),
        Output(ids.FATALITIES_CHART, "figure"),
        Output(ids.EVENT_LIST, "children"),
        Output(ids.EVENT_COUNT, "children"),
        Output(ids.ALERTS, "children"),
        Input(ids.COUNTRY_FILTER, "value"),
        Input(ids.DATE_FILTER, "start_date"),
        Input(ids.DATE_FILTER, "end_date"),
        Input(ids.SELECTED_EVENT, "data"),
    )
    def _update_views(countries: Any, start_date: Any, end_date: Any,
                      selection: Any) -> tuple[Any, ...]:
        return tuple(compute_views(store, countries=countries, start_date=start_date,
                                   end_date=end_date, selection=selection, names=names,
                                   boundaries=boundaries))

    @app.callback(
        Output(ids.COUNTRY_FILTER, "value"),
        Output(ids.DATE_FILTER, "start_date"),
        Output(ids.DATE_FILTER, "end_date"),
        Input(ids.RESET_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def _reset_filters(_clicks: int | None) -> tuple[list[str], None, None]:
        return [], None, None

    @app.callback(
        Output(ids.SELECTED_EVENT, "data"),
        Input(ids.MAP_GRAPH, "clickData"),
        Input({"type": ids.EVENT_ITEM, "event_id": ALL, "article_id": ALL}, "n_clicks"),
        Input(ids.RESET_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def _select_event(click_data: Any, _list_clicks: Any, _reset: Any) -> Any:
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        return selection_from_trigger(ctx.triggered_id, value, click_data)

    @app.callback(
        Output(ids.ARTICLE_PANEL, "children"),
        Input(ids.SELECTED_EVENT, "data"),
    )
    def _show_article(selection: Any) -> Component:
        return compute_panel(store, selection)

    app.clientside_callback(
        _SCROLL_TO_EVIDENCE_JS,
        Output(ids.SCROLL_SINK, "data"),
        Input(ids.ARTICLE_PANEL, "children"),
        prevent_initial_call=True,
    )
