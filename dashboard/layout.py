"""The page layout: header, filters, map, charts, event list, article panel.

Built by plain functions from plain values; the figures, the event list and
the article panel start empty and are filled by the callbacks on page load.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.article_panel import placeholder
from dashboard.figures import format_event_date, type_colour

__all__ = ["MAX_LIST_ITEMS", "build_layout", "event_list", "event_count_text"]

MAX_LIST_ITEMS = 200

_CHART_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtons": [["toImage"]],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
_MAP_CONFIG: dict[str, Any] = {
    **_CHART_CONFIG,
    "scrollZoom": True,
    "modeBarButtons": [["toImage", "zoomInMap", "zoomOutMap", "resetViewMap"]],
}


def event_count_text(shown: int, total: int | None = None) -> str:
    """``"6 events"`` or ``"2 of 6 events"`` for the header."""
    noun = "event" if (total if total is not None else shown) == 1 else "events"
    if total is None or total == shown:
        return f"{shown} {noun}"
    return f"{shown} of {total} {noun}"


def _item_label(row: Mapping[str, Any]) -> list[Component | str]:
    fatalities = int(row.get("fatalities") or 0)
    place = ", ".join(
        p for p in (str(row.get("location") or ""), str(row.get("country") or "")) if p
    ) or "place unknown"
    kind = str(row.get("sub_event_type") or row.get("event_type") or "Event")
    return [
        html.Span(className="swatch", style={"backgroundColor": type_colour(str(row.get("event_type") or ""))},
                  **{"aria-hidden": "true"}),
        html.Span(format_event_date(row.get("event_date"), row.get("date_precision")),
                  className="event-date"),
        html.Span(kind, className="event-kind"),
        html.Span(place, className="event-place"),
        html.Span(f"{fatalities} killed" if fatalities else "", className="event-fatalities"),
    ]


def event_list(events: pd.DataFrame, *, selected_event_id: str | None = None) -> Component:
    """The filtered events as a list of buttons (keyboard-accessible: Tab to
    reach, Enter/Space to select).  Each button's id is the pattern-matching
    ``{"type": EVENT_ITEM, "event_id": …, "article_id": …}``; the selected
    one has ``aria-pressed="true"``.  At most ``MAX_LIST_ITEMS`` are shown."""
    if events.empty:
        return html.P("No events match these filters.", className="empty")
    items = []
    for row in events.head(MAX_LIST_ITEMS).to_dict("records"):
        selected = row["event_id"] == selected_event_id
        items.append(html.Li(html.Button(
            _item_label(row),
            id={"type": ids.EVENT_ITEM, "event_id": str(row["event_id"]),
                "article_id": str(row["article_id"])},
            n_clicks=0,
            type="button",
            className="event-item selected" if selected else "event-item",
            title=str(row.get("evidence") or ""),
            **{"aria-pressed": "true" if selected else "false"},
        )))
    children: list[Component] = [html.Ul(items, className="event-items")]
    if len(events) > MAX_LIST_ITEMS:
        children.append(html.P(f"Showing the first {MAX_LIST_ITEMS} of {len(events)} events; "
                               "narrow the filters to see the rest.", className="note"))
    return html.Div(children)


def _graph(graph_id: str, size_class: str, *, config: Mapping[str, Any]) -> html.Div:
    """A responsive graph filling a box whose height the stylesheet sets
    (dcc.Graph itself carries an inline ``height: 100%``)."""
    return html.Div(dcc.Graph(id=graph_id, config=dict(config), style={"height": "100%"}),
                    className=f"graph-box {size_class}")


def _panel(title: str, *children: Component, class_name: str = "") -> html.Section:
    return html.Section([html.H2(title, className="panel-title"), *children],
                        className=f"panel {class_name}".strip())


def build_layout(
    *,
    country_options: Sequence[Mapping[str, str]],
    min_date: date | None = None,
    max_date: date | None = None,
    startup_alert: Component | None = None,
) -> html.Div:
    """The whole page.  ``country_options`` feed the country dropdown
    (see :func:`dashboard.data.country_options`); ``min_date``/``max_date``
    bound the date picker and set the month it opens on."""
    filters = html.Section([
        html.Div([
            html.Label("Countries", htmlFor=ids.COUNTRY_FILTER, className="filter-label"),
            dcc.Dropdown(
                id=ids.COUNTRY_FILTER, options=list(country_options), value=[], multi=True,
                placeholder="All countries", clearable=True, searchable=True,
            ),
        ], className="filter filter-countries"),
        html.Div([
            html.Label("Event dates", htmlFor=ids.DATE_FILTER, className="filter-label"),
            dcc.DatePickerRange(
                id=ids.DATE_FILTER,
                min_date_allowed=min_date, max_date_allowed=max_date,
                initial_visible_month=max_date,
                start_date=None, end_date=None,
                display_format="YYYY-MM-DD", clearable=True,
                start_date_placeholder_text="From", end_date_placeholder_text="To",
            ),
        ], className="filter filter-dates"),
        html.Div(html.Button("Reset filters", id=ids.RESET_BUTTON, n_clicks=0, type="button",
                             className="button"), className="filter filter-reset"),
    ], className="filters", **{"aria-label": "Filters"})

    header = html.Header([
        html.H1("Sitrep", className="brand"),
        html.P("Conflict events extracted from news articles", className="tagline"),
        html.Span(id=ids.EVENT_COUNT, className="event-count", **{"aria-live": "polite"}),
    ], className="app-header")

    left = html.Div([
        _panel("Map", _graph(ids.MAP_GRAPH, "graph-map", config=_MAP_CONFIG),
               class_name="panel-map"),
        html.Div([
            _panel("Events by type", _graph(ids.TYPE_CHART, "graph-chart", config=_CHART_CONFIG)),
            _panel("Fatalities by month", _graph(ids.FATALITIES_CHART, "graph-chart", config=_CHART_CONFIG)),
        ], className="charts"),
    ], className="column column-main")

    right = html.Div([
        _panel("Events", html.Div(id=ids.EVENT_LIST, className="event-list"),
               class_name="panel-events"),
        _panel("Source article", html.Div(placeholder(), id=ids.ARTICLE_PANEL,
                                          className="article-panel", tabIndex="-1"),
               class_name="panel-article"),
    ], className="column column-side")

    return html.Div([
        header,
        filters,
        html.Div(startup_alert, id=ids.ALERTS, className="alerts", **{"aria-live": "polite"}),
        html.Main([left, right], className="layout"),
        dcc.Store(id=ids.SELECTED_EVENT, storage_type="memory"),
        dcc.Store(id=ids.SCROLL_SINK, storage_type="memory"),
    ], className="app")
