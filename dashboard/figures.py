"""Plotly figures of the dashboard, built from a DataFrame of events.

Plain functions, no Dash: each takes the events (as returned by
:func:`dashboard.data.load_events`) and returns a ``go.Figure``.  Colours are
colour-blind safe: event types use the Okabe–Ito palette, countries Paul
Tol's "muted" scheme, so a type colour is never mistaken for a country.

The map is a MapLibre ``Scattermap`` on the ``white-bg`` style with the
country outlines as a GeoJSON layer: it needs no tile server, no glyphs and
no network.  Markers carry no text (text would need glyph fonts from the
network); details are in the hover label.
"""

from __future__ import annotations

import functools
import html
import logging
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

logger = logging.getLogger(__name__)

__all__ = [
    "EVENT_TYPE_COLOURS",
    "OTHER_COLOUR",
    "COUNTRY_COLOURS",
    "SELECTED_TRACE_NAME",
    "DEFAULT_CENTER",
    "DEFAULT_ZOOM",
    "type_colour",
    "map_view",
    "marker_size",
    "event_map",
    "events_by_type",
    "fatalities_over_time",
    "format_event_date",
]

# Okabe & Ito (2008), one colour per ACLED event type.
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",                     # vermillion
    "Explosions/Remote violence": "#E69F00",  # orange
    "Violence against civilians": "#CC79A7",  # reddish purple
    "Protests": "#56B4E9",                    # sky blue
    "Riots": "#009E73",                       # bluish green
    "Strategic developments": "#0072B2",      # blue
}
OTHER_COLOUR = "#7F7F7F"

# Paul Tol's "muted" qualitative scheme, for countries.
COUNTRY_COLOURS: tuple[str, ...] = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD",
)

SELECTED_TRACE_NAME = "Selected event"
DEFAULT_CENTER: dict[str, float] = {"lat": 30.5, "lon": 70.0}  # South Asia
DEFAULT_ZOOM = 3.6
MIN_MARKER_PX = 8.0
MAX_MARKER_PX = 40.0

_FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
             size=12, color="#1f2933")
_TYPE_ORDER = tuple(EVENT_TYPE_COLOURS)


def type_colour(event_type: str) -> str:
    """The colour of an event type (grey for types outside ACLED's six)."""
    return EVENT_TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def _ordered_types(types: pd.Series) -> list[str]:
    present = set(types.dropna().astype(str))
    known = [t for t in _TYPE_ORDER if t in present]
    return known + sorted(present - set(known))


# A small white template (what matters of "plotly_white"): plotly deep-copies
# the template into every figure, and the full named templates cost tens of
# milliseconds per figure.
_GRID = "#EBF0F8"
_TEMPLATE: dict[str, Any] = {"layout": {
    "paper_bgcolor": "white", "plot_bgcolor": "white",
    "xaxis": {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID,
              "ticks": "", "automargin": True, "zerolinewidth": 2},
    "yaxis": {"gridcolor": _GRID, "linecolor": _GRID, "zerolinecolor": _GRID,
              "ticks": "", "automargin": True, "zerolinewidth": 2},
    "hovermode": "closest",
}}


def _figure() -> go.Figure:
    """An empty figure with the small template (never the default one)."""
    return go.Figure(layout={"template": _TEMPLATE})


def _base_layout(fig: go.Figure, *, height: int | None = None) -> go.Figure:
    fig.update_layout(
        font=_FONT,
        margin=dict(l=8, r=8, t=8, b=8),
        paper_bgcolor="rgba(0,0,0,0)",
        hoverlabel=dict(font=dict(family=_FONT["family"], size=12)),
    )
    if height is not None:
        fig.update_layout(height=height)
    return fig


def _spec(traces: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    """A plain figure dict; ``None`` values left out, as ``go.Figure`` does."""
    return {"data": [{k: v for k, v in t.items() if v is not None} for t in traces],
            "layout": {k: v for k, v in layout.items() if v is not None}}


def wire_figure(spec: dict[str, Any]) -> dict[str, Any]:
    """A figure dict ready to send to the browser: numeric numpy arrays
    become plotly.js typed-array specs (base64, as ``go.Figure`` sends them),
    in place.  What the callbacks return instead of a ``go.Figure``, whose
    validation and deep copy cost more than building the figure."""
    try:
        from _plotly_utils.utils import convert_to_base64
    except ImportError:  # pragma: no cover - plotly's internals moved: send plain lists
        return spec
    convert_to_base64(spec)
    return spec


def _layout_spec(**extra: Any) -> dict[str, Any]:
    """The layout every view figure shares (what ``_figure`` and
    ``_base_layout`` set), updated with ``extra``: the views build their
    figure as one dict, since each ``update_layout`` call on a
    ``go.Figure`` costs milliseconds."""
    return {"template": _TEMPLATE, "font": _FONT, "margin": dict(l=8, r=8, t=8, b=8),
            "paper_bgcolor": "rgba(0,0,0,0)",
            "hoverlabel": dict(font=dict(family=_FONT["family"], size=12)), **extra}


def _empty_spec(layout: dict[str, Any], message: str) -> dict[str, Any]:
    """``layout`` with the centred message and no axes (what ``_empty`` does)."""
    annotations = [*layout.get("annotations", ()), dict(
        text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
        font=dict(size=13, color="#52606d"))]
    return {**layout, "annotations": annotations,
            "xaxis": {**layout.get("xaxis", {}), "visible": False},
            "yaxis": {**layout.get("yaxis", {}), "visible": False}}


def _empty(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(
        text=message, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
        font=dict(size=13, color="#52606d"),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _escape(value: Any) -> str:
    """Text for a plotly hover label: plotly renders a subset of HTML tags in
    labels, so article-derived strings are entity-escaped (plotly decodes the
    entities back for display)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def format_event_date(value: Any, precision: Any = 1, *, long: bool = False) -> str:
    """An event date as analysts read it, by ACLED time precision:
    ``2025-10-12`` (1, day), ``~2025-10-12`` (2, within a week; long form
    ``2025-10-12 (within a week)``), ``May 2025`` (3, month), or
    ``date unknown``."""
    if type(value) is date and (precision is None or type(precision) is int):
        return _format_day(value, precision, long)  # the common case, remembered
    return _format_date(value, precision, long=long)


@functools.lru_cache(maxsize=4096)
def _format_day(value: date, precision: int | None, long: bool) -> str:
    return _format_date(value, precision, long=long)


def _format_date(value: Any, precision: Any, *, long: bool) -> str:
    if value is None or pd.isna(value):
        return "date unknown"
    stamp = pd.Timestamp(value)
    try:
        level = int(precision)
    except (TypeError, ValueError):
        level = 1
    if level >= 3:
        return stamp.strftime("%B %Y")
    day = stamp.date().isoformat()
    if level == 2:
        return f"{day} (within a week)" if long else f"~{day}"
    return day


def _place(row: Mapping[str, Any]) -> str:
    return _place_of(row.get("location"), row.get("country"))


def _place_of(location: Any, country: Any) -> str:
    location = str(location or "").strip()
    country = str(country or "").strip()
    if location and country:
        return f"{location}, {country}"
    return location or country or "place unknown"


def _fatalities_text(row: Mapping[str, Any]) -> str:
    return _fatalities_of(row.get("fatalities"), row.get("fatalities_reported"))


def _fatalities_of(fatalities: Any, reported: Any) -> str:
    text = str(int(fatalities or 0))
    reported = str(reported or "").strip()
    if reported and reported != text:
        text += f" (reported: {reported})"
    return text


def _columns(frame: pd.DataFrame, *names: str) -> list[list[Any]]:
    """The columns of ``frame`` as lists (``None`` for a missing column):
    row loops over these are several times faster than ``to_dict("records")``."""
    return [frame[name].tolist() if name in frame.columns else [None] * len(frame)
            for name in names]


def marker_size(fatalities: pd.Series) -> list[float]:
    """Marker diameters in px: area grows with fatalities, at least
    ``MIN_MARKER_PX`` (events without deaths stay visible), at most
    ``MAX_MARKER_PX``."""
    values = pd.to_numeric(fatalities, errors="coerce").fillna(0).clip(lower=0)
    return [min(MAX_MARKER_PX, MIN_MARKER_PX + 3.0 * math.sqrt(float(v))) for v in values]


def map_view(
    events: pd.DataFrame, *, width_px: int = 780, height_px: int = 340
) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit the events' extent into a map of about
    ``width_px`` × ``height_px``; South Asia when there are no located events.

    MapLibre's world is 512 px wide at zoom 0; the extent gets 70 % padding
    (markers are up to 40 px wide) and the zoom is clamped to [2, 6] so
    single points keep some context.
    """
    located = events.dropna(subset=["latitude", "longitude"]) if not events.empty else events
    if located.empty:
        return dict(DEFAULT_CENTER), DEFAULT_ZOOM
    lat_min, lat_max = float(located["latitude"].min()), float(located["latitude"].max())
    lon_min, lon_max = float(located["longitude"].min()), float(located["longitude"].max())
    center = {"lat": (lat_min + lat_max) / 2, "lon": (lon_min + lon_max) / 2}
    stretch = 1 / max(math.cos(math.radians(center["lat"])), 0.2)  # Mercator
    lon_span = max(lon_max - lon_min, 1.0) * 1.7
    lat_span = max(lat_max - lat_min, 1.0) * 1.7 * stretch
    zoom_lon = math.log2(360 * width_px / (512 * lon_span))
    zoom_lat = math.log2(360 * height_px / (512 * lat_span))
    zoom = max(2.0, min(6.0, zoom_lon, zoom_lat))
    return center, round(zoom, 2)


def _hover_data(frame: pd.DataFrame) -> list[list[str]]:
    rows = []
    for (event_id, article_id, event_type, sub_event_type, event_date, date_precision,
         location, country, fatalities, reported, source) in zip(*_columns(
            frame, "event_id", "article_id", "event_type", "sub_event_type", "event_date",
            "date_precision", "location", "country", "fatalities", "fatalities_reported",
            "source")):
        rows.append([
            str(event_id),
            str(article_id),
            _escape(event_type),
            _escape(sub_event_type),
            _escape(format_event_date(event_date, date_precision, long=True)),
            _escape(_place_of(location, country)),
            _escape(_fatalities_of(fatalities, reported)),
            _escape(source or "source unknown"),
        ])
    return rows


_HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>"
    "%{customdata[4]} · %{customdata[5]}<br>"
    "Fatalities: %{customdata[6]}<br>Source: %{customdata[7]}<extra></extra>"
)


def _offline_map_layout(boundaries: Any, *, center: Any, zoom: float) -> dict[str, Any]:
    """Layout of every event map: MapLibre's ``white-bg`` style (no tiles)
    with the Natural Earth outlines as fill and line layers (a GeoJSON dict
    or the URL the app serves it at), and the legend in the top-left corner."""
    layers: list[dict[str, Any]] = []
    if boundaries:
        source = boundaries if isinstance(boundaries, str) else dict(boundaries)
        layers = [
            {"sourcetype": "geojson", "source": source, "type": "fill",
             "color": "#f3f1ea", "below": "traces"},
            {"sourcetype": "geojson", "source": source, "type": "line",
             "color": "#9aa0a8", "line": {"width": 0.8}, "below": "traces"},
        ]
    return dict(
        map=dict(style="white-bg", center=center, zoom=zoom, layers=layers),
        showlegend=True,
        legend=dict(x=0.01, y=0.99, xanchor="left", yanchor="top", itemsizing="constant",
                    bgcolor="rgba(255,255,255,0.85)", bordercolor="#d9dde3", borderwidth=1,
                    font=dict(size=11)),
    )


def event_map(
    events: pd.DataFrame,
    *,
    boundaries: Mapping[str, Any] | str | None = None,
    selected_event_id: str | None = None,
    uirevision: str | None = None,
) -> go.Figure:
    """The event map: one ``Scattermap`` trace per event type (so the legend
    explains the colours), marker area by fatalities, ``customdata[0]`` the
    event id and ``customdata[1]`` its article id.  Events without
    coordinates are left out.  The selected event, if shown, gets a dark
    halo drawn under it (an extra trace named ``SELECTED_TRACE_NAME``).

    ``boundaries`` is drawn as a land fill and an outline layer: either a
    GeoJSON FeatureCollection (embedded in the figure: self-contained, for
    exports) or the URL of one on the app's own server (what the app uses,
    so the 2 MB of Natural Earth polygons are fetched once and cached by the
    browser instead of riding along with every filter change).  Without it
    the map has no outlines.  ``uirevision`` keeps the user's
    pan/zoom across updates that share it (pass the filter's key).
    """
    fig = _figure()
    located = events.dropna(subset=["latitude", "longitude"]) if not events.empty else events
    if not located.empty and selected_event_id:
        chosen = located[located["event_id"] == selected_event_id]
        if not chosen.empty:
            fig.add_trace(go.Scattermap(
                name=SELECTED_TRACE_NAME,
                lat=chosen["latitude"].tolist(), lon=chosen["longitude"].tolist(),
                mode="markers",
                marker=dict(size=[s + 10 for s in marker_size(chosen["fatalities"])],
                            color="#111111", opacity=0.9),
                customdata=_hover_data(chosen), hovertemplate=_HOVER,
                showlegend=False,
            ))
    for event_type in _ordered_types(located["event_type"]) if not located.empty else []:
        part = located[located["event_type"] == event_type]
        fig.add_trace(go.Scattermap(
            name=event_type,
            lat=part["latitude"].tolist(), lon=part["longitude"].tolist(),
            mode="markers",
            marker=dict(size=marker_size(part["fatalities"]), color=type_colour(event_type),
                        opacity=0.85),
            customdata=_hover_data(part), hovertemplate=_HOVER,
        ))
    center, zoom = map_view(located)
    fig.update_layout(
        **_offline_map_layout(boundaries, center=center, zoom=zoom),
        uirevision=uirevision,
        clickmode="event",
    )
    _base_layout(fig)
    fig.update_layout(margin=dict(l=0, r=0, t=0, b=0))
    if located.empty:
        _empty(fig, "No located events match these filters")
    return fig


def events_by_type(events: pd.DataFrame) -> go.Figure:
    """Horizontal bar chart: number of events per event type, one bar trace
    whose bars take the type colours, largest count on top."""
    fig = _figure()
    _base_layout(fig)
    if events.empty:
        return _empty(fig, "No events match these filters")
    counts = events["event_type"].fillna("").replace("", "Unknown").value_counts()
    counts = counts.sort_values(ascending=True)  # plotly draws the first bar at the bottom
    types = [str(t) for t in counts.index]
    fig.add_trace(go.Bar(
        name="Events",
        x=[int(v) for v in counts.to_numpy()], y=types, orientation="h",
        marker=dict(color=[type_colour(t) for t in types]),
        hovertemplate="%{y}: %{x} events<extra></extra>",
    ))
    fig.update_layout(showlegend=False, bargap=0.35)
    fig.update_xaxes(title_text="Events", dtick=1 if counts.max() <= 10 else None,
                     rangemode="tozero")
    fig.update_yaxes(automargin=True)
    return fig


def fatalities_over_time(
    events: pd.DataFrame, *, names: Mapping[str, str] | None = None
) -> go.Figure:
    """Monthly fatalities, stacked bars coloured by country (one trace per
    country, legend labels from ``names``).  Events without a date are left
    out and counted in a note under the chart."""
    fig = _figure()
    _base_layout(fig)
    if events.empty:
        return _empty(fig, "No events match these filters")
    dated = events.dropna(subset=["event_date"])
    undated = len(events) - len(dated)
    if dated.empty:
        return _empty(fig, "No dated events match these filters")
    frame = dated.assign(
        month=dated["event_date"].dt.to_period("M").dt.to_timestamp(),
        country=dated["country"].replace("", "Unknown"),
    )
    table = frame.pivot_table(index="month", columns="country", values="fatalities",
                              aggfunc="sum", fill_value=0)
    months = pd.date_range(table.index.min(), table.index.max(), freq="MS")
    table = table.reindex(months, fill_value=0)
    totals = table.sum().sort_values(ascending=False)
    countries = [str(c) for c in totals.index]
    x = [m.strftime("%Y-%m-%d") for m in table.index]  # month starts, drawn mid-month
    for position, code in enumerate(countries):
        label = (names or {}).get(code, code)
        fig.add_trace(go.Bar(
            name=label, x=x, y=[int(v) for v in table[code].to_numpy()],
            xperiod="M1", xperiodalignment="middle",
            marker=dict(color=COUNTRY_COLOURS[position % len(COUNTRY_COLOURS)]),
            hovertemplate=f"{_escape(label)}<br>%{{x|%B %Y}}: %{{y}} fatalities<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", bargap=0.25,
        legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom",
                    font=dict(size=11)),
        margin=dict(l=8, r=8, t=28, b=8),
    )
    fig.update_xaxes(type="date", tickformat="%b<br>%Y", dtick="M1", ticklabelmode="period")
    fig.update_yaxes(title_text="Fatalities", rangemode="tozero")
    if undated:
        fig.add_annotation(
            text=f"{undated} undated event(s) not shown", showarrow=False,
            xref="paper", yref="paper", x=1, y=-0.02, xanchor="right", yanchor="top",
            font=dict(size=10, color="#52606d"),
        )
    return fig


# -- figures over SQL aggregates (the dashboard's views) ---------------------

PRECISION_OPACITY: dict[int, float] = {1: 0.9, 2: 0.55, 3: 0.9}
"""Marker opacity by ACLED geo precision.  Precision 3 (province, country,
border) is drawn as a ring: the coloured disc gets a white centre."""
PRECISION_LABELS: dict[int, str] = {1: "town or site", 2: "district / near a town",
                                    3: "province, country or border"}
PRECISION_NOTE = "● town or site   ◍ district (faded)   ◯ province, country or border (ring; borders as lines)"
RING_TRACE_NAME = "Imprecise location"
BORDER_COLOUR = "#3d4852"
_BUCKET_LABEL = {"day": "day", "week": "week", "month": "month"}
_BUCKET_TICKS = {"day": "%d %b", "week": "%d %b", "month": "%b %Y"}


def _precision(values: pd.Series) -> list[int]:
    out = []
    for v in pd.to_numeric(values, errors="coerce").fillna(1):
        out.append(min(3, max(1, int(v))))
    return out


def count_marker_size(counts: pd.Series) -> list[float]:
    """Marker diameters for aggregated places: area grows with the number
    of events (log-ish, so one hot spot does not swallow the map)."""
    values = pd.to_numeric(counts, errors="coerce").fillna(0).clip(lower=0)
    return [min(MAX_MARKER_PX, MIN_MARKER_PX + 4.0 * math.log1p(float(v))) for v in values]


def _aggregate_hover(frame: pd.DataFrame) -> list[list[str]]:
    rows = []
    # a few types and places repeat over thousands of rows: escape each once
    kinds: dict[Any, str] = {}
    places: dict[tuple[Any, Any], str] = {}
    for event_type, location, country, events, fatalities, precision in zip(*_columns(
            frame, "event_type", "location", "country", "events", "fatalities", "geo_precision")):
        level = min(3, max(1, int(precision or 1)))
        kind = kinds.get(event_type)
        if kind is None:
            kind = kinds[event_type] = _escape(event_type)
        place = places.get((location, country))
        if place is None:
            place = places[(location, country)] = _escape(_place_of(location, country))
        rows.append([
            "", "",
            kind,
            place,
            f"{int(events or 0):,}",
            f"{int(fatalities or 0):,}",
            PRECISION_LABELS[level],
        ])
    return rows


def _agg_hover(things: str) -> str:
    """The hover of a place's marker on an aggregated map (``things``:
    events or incidents)."""
    return ("<b>%{customdata[2]}</b><br>%{customdata[3]}<br>"
            f"%{{customdata[4]}} {things} · %{{customdata[5]}} fatalities<br>"
            "Location precision: %{customdata[6]}<extra></extra>")
_POINT_HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>"
    "%{customdata[4]} · %{customdata[5]}<br>"
    "Fatalities: %{customdata[6]}<br>Source: %{customdata[7]}<br>"
    "Location precision: %{customdata[8]}<extra></extra>"
)


_INCIDENT_HOVER = (
    "<b>%{customdata[2]}</b><br>%{customdata[3]}<br>"
    "%{customdata[4]} · %{customdata[5]}<br>"
    "Fatalities (best): %{customdata[6]}<br>Reported by %{customdata[7]}<br>"
    "Location precision: %{customdata[8]}<extra></extra>"
)
INCIDENT_MARK = "incident"
"""``customdata[9]`` of an incident's marker: a click selects the incident."""


def _point_hover(frame: pd.DataFrame, *, incidents: bool = False) -> list[list[str]]:
    rows = _hover_data(frame)
    for row, level in zip(rows, _precision(frame["geo_precision"])):
        row.append(PRECISION_LABELS[level])
        if incidents:
            row.append(INCIDENT_MARK)
    return rows


def overview_map(
    data: Any,
    *,
    boundaries: Mapping[str, Any] | str | None = None,
    selected_event_id: str | None = None,
    uirevision: str | None = None,
    shade_countries: bool = False,
    names: Mapping[str, str] | None = None,
    unit: str = "reports",
) -> go.Figure:
    """The dashboard map from :class:`dashboard.aggregates.MapData`.

    - one ``Scattermap`` trace per event type (Okabe–Ito colours, legend
      click hides a type); markers sized by fatalities (events) or by the
      number of events (aggregated places, when there are too many events);
    - precision visible: town-level markers solid, district-level faded,
      province/country/border-level drawn as rings (a white centre on top);
      border events also as the border line (``places.geometry``);
    - ``customdata[0]``/``[1]`` are event and article id (empty for places);
    - ``shade_countries``: a choropleth of events per country under the
      markers (needs ``boundaries`` with ``properties.iso_a3``).
    """
    return go.Figure(overview_map_spec(
        data, boundaries=boundaries, selected_event_id=selected_event_id, uirevision=uirevision,
        shade_countries=shade_countries, names=names, unit=unit))


def overview_map_spec(
    data: Any,
    *,
    boundaries: Mapping[str, Any] | str | None = None,
    selected_event_id: str | None = None,
    uirevision: str | None = None,
    shade_countries: bool = False,
    names: Mapping[str, str] | None = None,
    unit: str = "reports",
) -> dict[str, Any]:
    """:func:`overview_map` as a plain figure dict."""
    incidents = unit == "incidents"
    things = "incidents" if incidents else "events"
    point_hover = _INCIDENT_HOVER if incidents else _POINT_HOVER
    traces: list[dict[str, Any]] = []
    points: pd.DataFrame = data.points
    if shade_countries and boundaries and data.country_counts:
        codes = sorted(data.country_counts)
        traces.append(dict(
            type="choroplethmap", name="Events per country",
            geojson=boundaries if isinstance(boundaries, str) else dict(boundaries),
            featureidkey="properties.iso_a3",
            locations=codes, z=[data.country_counts[c] for c in codes],
            text=[_escape((names or {}).get(c, c)) for c in codes],
            colorscale=[[0, "#f7fbff"], [1, "#2b5c8a"]], marker=dict(opacity=0.55, line=dict(width=0)),
            colorbar=dict(title=dict(text=things.capitalize()), thickness=10, len=0.5, x=0.99,
                          xanchor="right"),
            hovertemplate=f"%{{text}}: %{{z:,}} {things}<extra></extra>", showlegend=False,
        ))
    for place_id, lines in data.borders.items():
        lats: list[float | None] = []
        lons: list[float | None] = []
        for line in lines:
            lons += [p[0] for p in line] + [None]
            lats += [p[1] for p in line] + [None]
        count = int(data.border_counts.get(place_id, 0))
        traces.append(dict(
            type="scattermap", name=f"Border events: {place_id.removeprefix('border:')}",
            lat=lats, lon=lons,
            mode="lines", line=dict(color=BORDER_COLOUR, width=min(9.0, 2.0 + math.log1p(count))),
            opacity=0.75, hovertemplate=f"{_escape(place_id.removeprefix('border:'))} border: "
            f"{count:,} {things}<extra></extra>", showlegend=False,
        ))
    located = points.dropna(subset=["latitude", "longitude"]) if not points.empty else points
    if not located.empty and selected_event_id and not data.aggregated:
        chosen = located[located["event_id"] == selected_event_id]
        if not chosen.empty:
            traces.append(dict(
                type="scattermap", name=SELECTED_TRACE_NAME, lat=chosen["latitude"].tolist(),
                lon=chosen["longitude"].tolist(), mode="markers",
                marker=dict(size=[s + 10 for s in marker_size(chosen["fatalities"])],
                            color="#111111", opacity=0.9),
                customdata=_point_hover(chosen, incidents=incidents), hovertemplate=point_hover,
                showlegend=False,
            ))
    rings_lat: list[float] = []
    rings_lon: list[float] = []
    rings_size: list[float] = []
    for event_type in _ordered_types(located["event_type"]) if not located.empty else []:
        part = located[located["event_type"] == event_type]
        if data.aggregated:
            part = part.sort_values("events", ascending=False)
            sizes = count_marker_size(part["events"])
            custom, template = _aggregate_hover(part), _agg_hover(things)
        else:
            sizes = marker_size(part["fatalities"])
            custom, template = _point_hover(part, incidents=incidents), point_hover
        levels = _precision(part["geo_precision"])
        # numpy arrays, not lists: plotly validates lists element by element
        traces.append(dict(
            type="scattermap", name=event_type, lat=part["latitude"].to_numpy(dtype="float64"),
            lon=part["longitude"].to_numpy(dtype="float64"), mode="markers",
            marker=dict(size=np.asarray(sizes, dtype="float64"), color=type_colour(event_type),
                        opacity=np.array([PRECISION_OPACITY[level] for level in levels])),
            customdata=np.array(custom, dtype=object), hovertemplate=template,
        ))
        for lat, lon, size, level in zip(part["latitude"], part["longitude"], sizes, levels):
            if level == 3:
                rings_lat.append(float(lat))
                rings_lon.append(float(lon))
                rings_size.append(max(3.0, size * 0.55))
    if rings_lat:
        traces.append(dict(
            type="scattermap", name=RING_TRACE_NAME, lat=np.array(rings_lat),
            lon=np.array(rings_lon), mode="markers",
            marker=dict(size=np.array(rings_size), color="#ffffff", opacity=1.0),
            hoverinfo="skip", showlegend=False,
        ))
    center, zoom = map_view(located if not located.empty else events_like_empty())
    note = PRECISION_NOTE
    if data.aggregated:
        note = (f"{data.located:,} {things} shown per place (size: number of {things}).  "
                + note)
    elif incidents:
        note = "One marker per incident, sized by its best toll.  " + note
    layout = _layout_spec(
        **_offline_map_layout(boundaries, center=center, zoom=zoom),
        uirevision=uirevision, clickmode="event+select", dragmode="select",
        annotations=[dict(text=note, showarrow=False, xref="paper", yref="paper", x=0, y=0,
                          xanchor="left", yanchor="top", yshift=-4,
                          font=dict(size=10, color="#52606d"))],
    )
    layout["margin"] = dict(l=0, r=0, t=0, b=22)
    if not layout["map"]["layers"]:  # as go.Figure leaves an empty list out
        layout["map"] = {k: v for k, v in layout["map"].items() if k != "layers"}
    if located.empty:
        layout = _empty_spec(layout, f"No located {things} match these filters")
    return _spec(traces, layout)


def events_like_empty() -> pd.DataFrame:
    return pd.DataFrame({"latitude": pd.Series(dtype="float64"),
                         "longitude": pd.Series(dtype="float64")})


def type_bars(counts: pd.Series) -> go.Figure:
    """Horizontal bars of events per type (``counts``: type → number),
    largest on top; ``customdata`` is the type (a click filters by it)."""
    return go.Figure(type_bars_spec(counts))


def type_bars_spec(counts: pd.Series, *, unit: str = "events") -> dict[str, Any]:
    """:func:`type_bars` as a plain figure dict (``data``, ``layout``);
    ``unit``: what is counted (events, incidents, reports)."""
    if counts.empty or int(counts.sum()) == 0:
        return _spec([], _empty_spec(_layout_spec(), f"No {unit} match these filters"))
    counts = counts.sort_values(ascending=True)
    types = [str(t) for t in counts.index]
    trace = dict(
        type="bar", name=unit.capitalize(), x=[int(v) for v in counts.to_numpy()], y=types,
        orientation="h", marker=dict(color=[type_colour(t) for t in types]), customdata=types,
        hovertemplate=f"%{{y}}: %{{x:,}} {unit}<extra></extra>",
    )
    layout = _layout_spec(showlegend=False, bargap=0.35, clickmode="event",
                          xaxis=dict(title=dict(text=unit.capitalize()), rangemode="tozero"),
                          yaxis=dict(automargin=True))
    return _spec([trace], layout)


def _stacked_over_time(table: pd.DataFrame, *, bucket: str, colours: list[str],
                       labels: list[str], unit: str, empty: str) -> dict[str, Any]:
    if table.empty:
        return _spec([], _empty_spec(_layout_spec(), empty))
    x = np.array([p.strftime("%Y-%m-%d") for p in table.index])
    traces = [
        dict(type="bar", name=label, x=x, y=table[column].to_numpy(dtype="int64"),
             marker=dict(color=colour, line=dict(width=0)),
             customdata=np.full(len(x), str(column), dtype=object),
             hovertemplate=f"{_escape(label)}<br>{_BUCKET_LABEL[bucket]} of %{{x|%d %b %Y}}: "
                           f"%{{y:,}} {unit}<extra></extra>")
        for column, colour, label in zip(table.columns, colours, labels)
    ]
    layout = _layout_spec(
        barmode="stack", bargap=0.1, clickmode="event",
        legend=dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom",
                    font=dict(size=11)),
        margin=dict(l=8, r=8, t=28, b=8),
        xaxis=dict(type="date", tickformat=_BUCKET_TICKS[bucket]),
        yaxis=dict(title=dict(text=unit.capitalize()), rangemode="tozero"),
    )
    return _spec(traces, layout)


def events_over_time(table: pd.DataFrame, *, bucket: str) -> go.Figure:
    """Events per day/week/month stacked by type (``table``: periods ×
    types, from :func:`dashboard.aggregates.rollup`)."""
    return go.Figure(events_over_time_spec(table, bucket=bucket))


def events_over_time_spec(table: pd.DataFrame, *, bucket: str,
                          unit: str = "events") -> dict[str, Any]:
    """:func:`events_over_time` as a plain figure dict (``unit``: what is
    counted)."""
    types = [str(c) for c in table.columns]
    return _stacked_over_time(table, bucket=bucket, colours=[type_colour(t) for t in types],
                              labels=types, unit=unit,
                              empty=f"No dated {unit} match these filters")


def fatalities_by_country(table: pd.DataFrame, *, bucket: str,
                          names: Mapping[str, str] | None = None) -> go.Figure:
    """Fatalities per day/week/month stacked by country (Tol's muted colours)."""
    return go.Figure(fatalities_by_country_spec(table, bucket=bucket, names=names))


def fatalities_by_country_spec(table: pd.DataFrame, *, bucket: str,
                               names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """:func:`fatalities_by_country` as a plain figure dict."""
    codes = [str(c) for c in table.columns]
    colours = [COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i in range(len(codes))]
    return _stacked_over_time(table, bucket=bucket, colours=colours,
                              labels=[(names or {}).get(c, c) for c in codes], unit="fatalities",
                              empty="No dated events match these filters")


def ranked_bars(labels: list[str], values: list[int], *, keys: list[str] | None = None,
                colour: str = "#0072B2", unit: str = "events", empty: str) -> go.Figure:
    """Horizontal bars, largest on top (top locations, actor pairs);
    ``customdata`` the bar's key (what a click filters by)."""
    return go.Figure(ranked_bars_spec(labels, values, keys=keys, colour=colour, unit=unit,
                                      empty=empty))


def ranked_bars_spec(labels: list[str], values: list[int], *, keys: list[str] | None = None,
                     colour: str = "#0072B2", unit: str = "events", empty: str) -> dict[str, Any]:
    """:func:`ranked_bars` as a plain figure dict."""
    if not labels:
        return _spec([], _empty_spec(_layout_spec(), empty))
    order = list(range(len(labels)))[::-1]
    trace = dict(
        type="bar", x=[values[i] for i in order], y=[_escape(labels[i]) for i in order],
        orientation="h", marker=dict(color=colour), customdata=[(keys or labels)[i] for i in order],
        hovertemplate=f"%{{y}}: %{{x:,}} {unit}<extra></extra>",
    )
    layout = _layout_spec(showlegend=False, bargap=0.3, clickmode="event",
                          xaxis=dict(title=dict(text=unit.capitalize()), rangemode="tozero"),
                          yaxis=dict(automargin=True, tickfont=dict(size=11)))
    return _spec([trace], layout)
