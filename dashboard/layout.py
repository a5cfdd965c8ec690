"""The page layout: header (with the Export menu), filters, map, charts, event
list, article panel.

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

from dataclasses import dataclass
from datetime import timedelta

from dashboard import ids
from dashboard.aggregates import KeyFigures
from dashboard.article_panel import placeholder
from dashboard.export_menu import DEFAULT_CHOICE, choice_options
from dashboard.figures import format_event_date, type_colour
from dashboard.filters import BUCKETS, DEFAULT_BUCKET
from dashboard.incidents import DEFAULT_UNIT, noun
from dashboard.table import events_grid

__all__ = ["MAX_LIST_ITEMS", "FilterOptions", "build_layout", "export_menu", "export_status",
           "event_list",
           "event_count_text",
           "delta_text", "key_figures_row", "slider_marks", "day_index", "day_from_index"]

MAX_LIST_ITEMS = 200
UNIT_OPTIONS: list[dict[str, str]] = [
    {"label": " incidents", "value": "incidents"},
    {"label": " reports", "value": "reports"},
]
"""The count switch: incidents (one per happening) or reports (one per
article's event)."""


def chart_titles(unit: str) -> tuple[str, str, str]:
    """The titles that name what is counted: the timeline's, the type
    chart's and the table's."""
    name = noun(unit).capitalize()
    return f"{name} over time, by type", f"{name} by type", name

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


def event_count_text(shown: int, total: int | None = None, *, unit: str = "events",
                     reports: int | None = None) -> str:
    """``"6 events"``, ``"2 of 6 incidents"`` or ``"2 of 6 incidents (5
    reports)"`` for the header (``unit``: events, incidents or reports)."""
    word = noun(unit, total if total is not None else shown)
    text = f"{shown:,} {word}" if total is None or total == shown else f"{shown:,} of {total:,} {word}"
    if reports is not None:
        text += f" ({reports:,} {'report' if reports == 1 else 'reports'})"
    return text


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


def _panel(title: str, *children: Component, class_name: str = "",
           title_id: str | None = None) -> html.Section:
    heading = (html.H2(title, className="panel-title", id=title_id) if title_id
               else html.H2(title, className="panel-title"))
    return html.Section([heading, *children], className=f"panel {class_name}".strip())


def _loading(child: Component) -> dcc.Loading:
    """A spinner over a view while its callback runs (after 300 ms, so
    quick updates do not flicker)."""
    return dcc.Loading(child, type="dot", delay_show=300, color="#0072b2",
                       parent_className="loading-box")


# -- key figures ---------------------------------------------------------------

def delta_text(now: int, before: int | None) -> str:
    """The change against the previous period: ``"▲ 25% vs previous period"``,
    ``"▼ 3"`` style for small bases, ``"new"`` from zero, ``""`` without a
    previous period."""
    if before is None:
        return ""
    if before == 0:
        return "no change vs previous period" if now == 0 else "new vs previous period (0)"
    change = (now - before) / before * 100
    if round(change) == 0:
        return "no change vs previous period"
    arrow = "▲" if change > 0 else "▼"
    return f"{arrow} {abs(change):.0f}% vs previous period ({before:,})"


def key_figures_row(figures: KeyFigures | None, *, unit: str | None = None) -> list[Component]:
    """Four figure cards: events (or incidents, or reports: ``unit``),
    fatalities, countries, articles (for incidents: the reports that tell
    them)."""
    if figures is None:
        return []
    previous = figures.previous or {}
    cards = []
    counted = noun(unit).capitalize() if unit else "Events"
    fourth = (("reports", "Reports") if unit == "incidents" and figures.reports is not None
              else ("articles", "Articles"))
    for key, label in (("events", counted), ("fatalities", "Fatalities"),
                       ("countries", "Countries"), fourth):
        value = int(getattr(figures, key))
        before = previous.get(key) if figures.previous is not None else None
        delta = delta_text(value, before)
        trend = "" if not delta or "no change" in delta else (" up" if delta.startswith(("▲", "new")) else " down")
        cards.append(html.Div([
            html.Div(label, className="kpi-label"),
            html.Div(f"{value:,}", className="kpi-value", id=f"kpi-{key}"),
            html.Div(delta, className=f"kpi-delta{trend}"),
        ], className="kpi", role="group", **{"aria-label": label}))
    if figures.period:
        first, last = figures.period
        compared = (f"; compared with the {(last - first).days + 1:,} days before"
                    if figures.previous is not None else "")
        cards.append(html.Div(f"Period {first.isoformat()} – {last.isoformat()}{compared}.",
                              className="kpi-period"))
    return cards


# -- date slider ---------------------------------------------------------------

def day_index(day: date | None, first: date | None) -> int | None:
    """Days from ``first`` (the slider's value of ``day``)."""
    if day is None or first is None:
        return None
    return (day - first).days


def day_from_index(index: Any, first: date | None) -> date | None:
    if index is None or first is None:
        return None
    return first + timedelta(days=int(index))


def slider_marks(first: date | None, last: date | None) -> dict[int, str]:
    """One mark per month start (abbreviated month name) between the bounds."""
    if first is None or last is None:
        return {}
    marks: dict[int, str] = {}
    day = first.replace(day=1)
    step = 3 if (last - first).days <= 800 else 6
    while day <= last:
        if day >= first:
            marks[(day - first).days] = day.strftime("%b" if day.month != 1 else "%Y")
        month = day.month - 1 + step
        day = date(day.year + month // 12, month % 12 + 1, 1)
    return marks


@dataclass(frozen=True)
class FilterOptions:
    """Options of the filter dropdowns (``{"label", "value"}`` dicts)."""

    countries: Sequence[Mapping[str, str]] = ()
    event_types: Sequence[str] = ()
    sub_event_types: Sequence[str] = ()
    actors: Sequence[str] = ()
    locations: Sequence[str] = ()
    sources: Sequence[str] = ()
    min_date: date | None = None
    max_date: date | None = None


def _dropdown(label: str, component_id: str, options: Sequence[Any], *,
              placeholder: str, class_name: str = "") -> html.Div:
    return html.Div([
        html.Label(label, htmlFor=component_id, className="filter-label"),
        dcc.Dropdown(id=component_id, options=list(options), value=[], multi=True,
                     placeholder=placeholder, clearable=True, searchable=True,
                     optionHeight=30, maxHeight=260),
    ], className=f"filter {class_name}".strip())


def _filters(options: FilterOptions) -> html.Aside:
    first, last = options.min_date, options.max_date
    span = day_index(last, first) if first and last else 0
    return html.Aside([
        html.H2("Filters", className="panel-title"),
        html.Div([
            html.Label("Count", htmlFor=ids.UNIT, className="filter-label"),
            dcc.RadioItems(id=ids.UNIT, options=UNIT_OPTIONS, value=DEFAULT_UNIT, inline=True,
                           className="radio"),
        ], className="filter filter-unit",
            title="Incidents: one per happening, however many articles report it. "
                  "Reports: one per article that reports it."),
        _dropdown("Countries", ids.COUNTRY_FILTER, options.countries, placeholder="All countries"),
        html.Div([
            html.Label("Event dates", htmlFor=ids.DATE_FILTER, className="filter-label"),
            dcc.DatePickerRange(
                id=ids.DATE_FILTER, min_date_allowed=first, max_date_allowed=last,
                initial_visible_month=last, start_date=None, end_date=None,
                display_format="YYYY-MM-DD", clearable=True,
                start_date_placeholder_text="From", end_date_placeholder_text="To",
            ),
            html.Div(dcc.RangeSlider(
                id=ids.DATE_SLIDER, min=0, max=max(span or 0, 1), step=1,
                value=[0, max(span or 0, 1)], marks=slider_marks(first, last),
                allowCross=False, updatemode="mouseup", tooltip=None,
            ), className="date-slider"),
        ], className="filter filter-dates"),
        _dropdown("Event types", ids.TYPE_FILTER, options.event_types, placeholder="All types"),
        _dropdown("Sub-event types", ids.SUBTYPE_FILTER, options.sub_event_types,
                  placeholder="All sub-types"),
        _dropdown("Actors", ids.ACTOR_FILTER, options.actors, placeholder="All actors"),
        _dropdown("Locations", ids.LOCATION_FILTER, options.locations, placeholder="All locations"),
        _dropdown("Sources", ids.SOURCE_FILTER, options.sources, placeholder="All sources"),
        html.Div([
            html.Label("Minimum fatalities", htmlFor=ids.MIN_FATALITIES, className="filter-label"),
            dcc.Input(id=ids.MIN_FATALITIES, type="number", min=0, step=1, value=None,
                      debounce=True, placeholder="0", className="input"),
        ], className="filter"),
        html.Div([
            html.Label("Search the evidence", htmlFor=ids.TEXT_SEARCH, className="filter-label"),
            dcc.Input(id=ids.TEXT_SEARCH, type="search", value="", debounce=True,
                      placeholder="e.g. drone", className="input", maxLength=200),
        ], className="filter"),
        html.Div([
            html.Label("Time charts by", htmlFor=ids.BUCKET, className="filter-label"),
            dcc.RadioItems(id=ids.BUCKET, options=[{"label": b, "value": b} for b in BUCKETS],
                           value=DEFAULT_BUCKET, inline=True, className="radio"),
        ], className="filter"),
        html.Button("Reset filters", id=ids.RESET_BUTTON, n_clicks=0, type="button",
                    className="button"),
        # A filter value that cannot be used (e.g. a minimum of 1e300) is
        # explained here by the sync callback; the URL keeps the last good one.
        html.Div(id=ids.FILTER_ALERT, className="alerts filter-alert", **{"aria-live": "polite"}),
    ], className="filters", **{"aria-label": "Filters"})


def export_menu() -> html.Div:
    """The Export menu of the header: a dropdown of what to export, an Export
    button and a progress line (set while the export runs, see ``running=``
    in :mod:`dashboard.callbacks`), with the ``dcc.Download`` that hands the
    file to the browser.  The outcome (a note, or an alert) shows in
    :func:`export_status`.  Keyboard: Tab to the dropdown, arrows to
    choose, Tab and Enter to export."""
    return html.Div([
        html.Label("Export", htmlFor=ids.EXPORT_CHOICE, className="export-label"),
        dcc.Dropdown(id=ids.EXPORT_CHOICE, options=choice_options(), value=DEFAULT_CHOICE,
                     clearable=False, searchable=True, optionHeight=30, maxHeight=360,
                     className="export-choice"),
        html.Button("Export", id=ids.EXPORT_BUTTON, n_clicks=0, type="button",
                    className="button button-primary export-button",
                    title="Download the chosen export of the current view"),
        html.Span(id=ids.EXPORT_PROGRESS, className="export-progress", role="status",
                  **{"aria-live": "polite"}),
        dcc.Download(id=ids.EXPORT_DOWNLOAD),
    ], className="export-menu", role="group", **{"aria-label": "Export the current view"})


def export_status() -> html.Div:
    """Where the last export's outcome shows (hidden while empty)."""
    return html.Div(id=ids.EXPORT_STATUS, className="export-status", **{"aria-live": "polite"})


def build_layout(
    *,
    country_options: Sequence[Mapping[str, str]] = (),
    min_date: date | None = None,
    max_date: date | None = None,
    startup_alert: Component | None = None,
    options: FilterOptions | None = None,
) -> html.Div:
    """The whole page.  ``options`` feed the filter dropdowns (the older
    ``country_options``/``min_date``/``max_date`` keywords still work) and
    bound the date picker and slider."""
    if options is None:
        options = FilterOptions(countries=country_options, min_date=min_date, max_date=max_date)
    titles = chart_titles(DEFAULT_UNIT)
    header = html.Header([
        html.H1("Sitrep", className="brand"),
        html.P("Conflict events extracted from news articles", className="tagline"),
        html.Span(id=ids.EVENT_COUNT, className="event-count", **{"aria-live": "polite"}),
        export_menu(),
    ], className="app-header")

    map_panel = html.Section([
        html.Div([
            html.H2("Map", className="panel-title"),
            dcc.Checklist(id=ids.MAP_SHADE,
                          options=[{"label": " shade countries by events", "value": "shade"}],
                          value=[], className="map-options", inline=True),
            html.Span(id=ids.SELECTION_NOTE, className="selection-note", **{"aria-live": "polite"}),
            html.Button("Clear map selection", id=ids.CLEAR_SELECTION, n_clicks=0, type="button",
                        className="button button-small"),
        ], className="panel-bar"),
        _loading(_graph(ids.MAP_GRAPH, "graph-map", config=_MAP_CONFIG)),
    ], className="panel panel-map")

    charts = html.Div([
        _panel(titles[0],
               _loading(_graph(ids.TIMELINE_CHART, "graph-chart", config=_CHART_CONFIG)),
               title_id=ids.TIMELINE_TITLE),
        _panel("Fatalities over time, by country",
               _loading(_graph(ids.FATALITIES_CHART, "graph-chart", config=_CHART_CONFIG))),
        _panel(titles[1],
               _loading(_graph(ids.TYPE_CHART, "graph-chart", config=_CHART_CONFIG)),
               title_id=ids.TYPE_TITLE),
        _panel("Top locations",
               _loading(_graph(ids.LOCATIONS_CHART, "graph-chart", config=_CHART_CONFIG))),
        _panel("Actor pairs",
               _loading(_graph(ids.ACTORS_CHART, "graph-chart", config=_CHART_CONFIG))),
    ], className="charts")

    table = html.Section([
        html.Div([html.H2(titles[2], className="panel-title", id=ids.TABLE_TITLE),
                  html.Span(id=ids.TABLE_NOTE, className="note")], className="panel-bar"),
        _loading(html.Div(events_grid(), className="grid-box")),
    ], className="panel panel-table")

    article = _panel("Source article", html.Div(placeholder(), id=ids.ARTICLE_PANEL,
                                                className="article-panel", tabIndex="-1"),
                     class_name="panel-article")

    analysis = html.Div([
        html.Div([map_panel, article], className="row-map"),
        charts,
        table,
    ], className="analysis")

    leaflet = html.Div(html.Iframe(id=ids.LEAFLET_FRAME, className="leaflet-frame",
                                   title="Leaflet map of the filtered events"),
                       className="leaflet-box")

    main = html.Main([
        html.Div(startup_alert, id=ids.ALERTS, className="alerts", **{"aria-live": "polite"}),
        export_status(),
        _loading(html.Div(id=ids.KEY_FIGURES, className="kpis", **{"aria-live": "polite"})),
        dcc.Tabs(id=ids.TABS, value=ids.TAB_CHARTS, children=[
            dcc.Tab(analysis, label="Map and charts", value=ids.TAB_CHARTS),
            dcc.Tab(leaflet, label="Leaflet map", value=ids.TAB_LEAFLET),
        ], className="tabs"),
    ], className="main")

    return html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        header,
        html.Div([_filters(options), main], className="layout"),
        dcc.Store(id=ids.SELECTED_EVENT, storage_type="memory"),
        dcc.Store(id=ids.MAP_BOX, storage_type="memory"),
        dcc.Store(id=ids.MAP_VIEW, storage_type="memory"),
        dcc.Store(id=ids.SCROLL_SINK, storage_type="memory"),
    ], className="app")
