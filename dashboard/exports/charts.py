"""Charts for briefings: Plotly figures with their title, the active filters
and period, a source line and the time of generation printed on them.

The figures are built here from the view's DataFrame (not taken from the
dashboard's own figure functions) so that an export always has a fixed page
size, a white background and the describing header and footer.  Colours
mirror ``dashboard.figures``: Okabe–Ito for event types, Paul Tol's "muted"
scheme for countries.

Every text drawn from data (sources, filters, place names) is entity-escaped,
since Plotly renders a subset of HTML tags in titles and annotations; Plotly
decodes the entities back, so ``<script>`` shows as the literal text.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.exports.chromium import IMAGE_FORMATS, ChartRenderer, shared_renderer
from dashboard.exports.errors import ExportError
from dashboard.exports.view import ExportResult, ExportView, slug

__all__ = [
    "CHART_WIDTH_PX", "CHART_HEIGHT_PX", "PNG_SCALE", "IMAGE_MIME_TYPES", "ChartSpec", "CHARTS",
    "TYPE_COLOURS", "COUNTRY_COLOURS", "type_colour", "escape", "decorate", "build_chart",
    "export_chart",
]

CHART_WIDTH_PX = 1000
CHART_HEIGHT_PX = 600
PNG_SCALE = 2
IMAGE_MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

# Mirrors dashboard.figures (Okabe & Ito 2008 for ACLED's six event types).
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#56B4E9",
    "Riots": "#009E73",
    "Strategic developments": "#0072B2",
}
OTHER_COLOUR = "#7F7F7F"
COUNTRY_COLOURS: tuple[str, ...] = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD",
)
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
_TEXT = "#1f2933"
_MUTED = "#52606d"


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def escape(value: Any) -> str:
    """Text for a Plotly string: tags become entities (shown literally)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=False)


def _lines(text: str, width: int) -> str:
    """Escaped, wrapped at ``width`` characters, joined with ``<br>``."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width) or [""])


def decorate(
    fig: go.Figure, view: ExportView, *, title: str, width_px: int = CHART_WIDTH_PX,
    height_px: int = CHART_HEIGHT_PX, left_px: int = 70, right_px: int = 30,
) -> go.Figure:
    """Put the title, filters and period (top) and the source line and time of
    generation (bottom) on ``fig``, at a fixed size with room for them."""
    chars = max(60, int(width_px / 7.2))
    header = _lines(f"{view.filters_text} · {view.period_text}", chars)
    footer = _lines(f"{view.sources_text} · {view.generated_text}", int(chars * 1.1))
    n_header = header.count("<br>") + 1
    n_footer = footer.count("<br>") + 1
    top = 52 + 16 * n_header
    bottom = 30 + 14 * n_footer
    fig.update_layout(
        width=width_px, height=height_px,
        template="plotly_white",
        font=dict(family=FONT_FAMILY, size=12, color=_TEXT),
        paper_bgcolor="white",
        title=dict(text=f"<b>{escape(title)}</b>", x=0.01, xanchor="left", y=1, yanchor="top",
                   yref="container", pad=dict(t=14, l=4), font=dict(size=18)),
        margin=dict(l=left_px, r=right_px, t=top, b=bottom + 40),
    )
    # Header and footer start at the title's left edge: annotations are placed
    # in plot-area units, so shift them left by the left margin.
    fig.add_annotation(text=header, xref="paper", yref="paper", x=0, y=1, xanchor="left",
                       yanchor="bottom", yshift=12, showarrow=False, align="left",
                       font=dict(size=11, color=_MUTED), name="sitrep-header")
    fig.add_annotation(text=footer, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-40, showarrow=False, align="left",
                       font=dict(size=10, color=_MUTED), name="sitrep-footer")
    set_left_margin(fig, left_px)
    return fig


def set_left_margin(fig: go.Figure, left_px: int) -> go.Figure:
    """Set the left margin and keep the header and footer at the page edge."""
    width = int(fig.layout.width or CHART_WIDTH_PX)
    right = int(fig.layout.margin.r or 0)
    fig.update_layout(margin=dict(l=left_px))
    plot_w = max(1, width - left_px - right)
    fig.update_annotations(selector=dict(name="sitrep-header"), x=-(left_px - 10) / plot_w)
    fig.update_annotations(selector=dict(name="sitrep-footer"), x=-(left_px - 10) / plot_w)
    return fig


def _no_data(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=escape(message), showarrow=False, xref="paper", yref="paper",
                       x=0.5, y=0.5, font=dict(size=14, color=_MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def ordered_types(types: pd.Series) -> list[str]:
    present = set(types.replace("", "Unknown").astype(str))
    known = [t for t in TYPE_COLOURS if t in present]
    return known + sorted(present - set(known))


def events_by_type_figure(frame: pd.DataFrame, *, noun: str = "events") -> go.Figure:
    """Horizontal bars: events (or incidents: ``noun``) per event type, the
    most frequent on top."""
    fig = go.Figure()
    if frame.empty:
        return _no_data(fig, f"No {noun} match these filters")
    counts = frame["event_type"].replace("", "Unknown").value_counts().sort_values()
    types = [str(t) for t in counts.index]
    fig.add_trace(go.Bar(
        x=[int(v) for v in counts.to_numpy()], y=[escape(t) for t in types], orientation="h",
        marker=dict(color=[type_colour(t) for t in types]),
        text=[int(v) for v in counts.to_numpy()], textposition="outside", cliponaxis=False,
    ))
    fig.update_layout(showlegend=False, bargap=0.35)
    fig.update_xaxes(title_text=noun.capitalize(), rangemode="tozero",
                     dtick=1 if counts.max() <= 10 else None)
    fig.update_yaxes(automargin=False)
    fig.layout.meta = {"left_px": 30 + 7 * max(len(t) for t in types)}
    return fig


def _monthly(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    dated = frame.dropna(subset=["event_date"])
    return dated.assign(month=dated["event_date"].dt.to_period("M").dt.to_timestamp()), \
        len(frame) - len(dated)


def _stacked_months(
    fig: go.Figure, table: pd.DataFrame, labels: dict[str, str], colours: dict[str, str],
    *, y_title: str, undated: int, noun: str = "events",
) -> go.Figure:
    months = pd.date_range(table.index.min(), table.index.max(), freq="MS")
    table = table.reindex(months, fill_value=0)
    x = [m.strftime("%Y-%m-%d") for m in table.index]
    for key in table.columns:
        fig.add_trace(go.Bar(
            name=escape(labels.get(key, key)), x=x, y=[int(v) for v in table[key].to_numpy()],
            xperiod="M1", xperiodalignment="middle", marker=dict(color=colours[key]),
        ))
    fig.update_layout(barmode="stack", bargap=0.25,
                      legend=dict(orientation="v", x=1.01, y=1.0, xanchor="left", yanchor="top",
                                  font=dict(size=11)))
    longest = max((len(str(labels.get(k, k))) for k in table.columns), default=8)
    fig.layout.meta = {"right_px": min(260, 60 + 7 * longest)}
    fig.update_xaxes(type="date", tickformat="%b %Y", dtick="M1", ticklabelmode="period")
    fig.update_yaxes(title_text=y_title, rangemode="tozero",
                     dtick=1 if table.sum(axis=1).max() <= 10 else None)
    if undated:
        fig.add_annotation(text=f"{undated} undated {noun[:-1]}(s) not shown", showarrow=False,
                           xref="paper", yref="paper", x=1, y=0, xanchor="right", yanchor="top",
                           yshift=-40, font=dict(size=10, color=_MUTED))
    return fig


def fatalities_over_time_figure(frame: pd.DataFrame, names: dict[str, str], *,
                                noun: str = "events") -> go.Figure:
    """Monthly fatalities (best estimates), stacked by country."""
    fig = go.Figure()
    monthly, undated = _monthly(frame)
    if monthly.empty:
        return _no_data(fig, f"No dated {noun} match these filters")
    monthly = monthly.assign(country=monthly["country"].replace("", "Unknown"))
    table = monthly.pivot_table(index="month", columns="country", values="fatalities",
                                aggfunc="sum", fill_value=0)
    order = [str(c) for c in table.sum().sort_values(ascending=False).index]
    table = table[order]
    colours = {c: COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)] for i, c in enumerate(order)}
    labels = {c: names.get(c, c) for c in order}
    return _stacked_months(fig, table, labels, colours, y_title="Fatalities", undated=undated,
                           noun=noun)


def events_over_time_figure(frame: pd.DataFrame, *, noun: str = "events") -> go.Figure:
    """Monthly number of events (or incidents: ``noun``), stacked by event
    type."""
    fig = go.Figure()
    monthly, undated = _monthly(frame)
    if monthly.empty:
        return _no_data(fig, f"No dated {noun} match these filters")
    monthly = monthly.assign(event_type=monthly["event_type"].replace("", "Unknown"))
    table = monthly.pivot_table(index="month", columns="event_type", values="event_id",
                                aggfunc="count", fill_value=0)
    table = table[[t for t in ordered_types(monthly["event_type"]) if t in table.columns]]
    colours = {t: type_colour(t) for t in table.columns}
    return _stacked_months(fig, table, {}, colours, y_title=noun.capitalize(), undated=undated,
                           noun=noun)


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart that can be exported: its CLI name, title and builder."""

    name: str
    title: str
    build: Callable[[ExportView], go.Figure]

    def title_for(self, view: ExportView) -> str:
        """The title naming what the view counts ("Incidents by type")."""
        return self.title.replace("Events", view.noun.capitalize())


CHARTS: dict[str, ChartSpec] = {
    spec.name: spec for spec in (
        ChartSpec("events-by-type", "Events by type",
                  lambda view: events_by_type_figure(view.frame, noun=view.noun)),
        ChartSpec("fatalities-over-time", "Fatalities per month by country",
                  lambda view: fatalities_over_time_figure(view.frame, dict(view.country_names),
                                                           noun=view.noun)),
        ChartSpec("events-over-time", "Events per month by type",
                  lambda view: events_over_time_figure(view.frame, noun=view.noun)),
    )
}


def build_chart(view: ExportView, name: str) -> go.Figure:
    """The decorated figure of chart ``name`` (one of :data:`CHARTS`)."""
    spec = CHARTS.get(name)
    if spec is None:
        raise ExportError(f"unknown chart {name!r} (one of {', '.join(CHARTS)})")
    fig = spec.build(view)
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return decorate(fig, view, title=spec.title_for(view), left_px=int(meta.get("left_px", 70)),
                    right_px=int(meta.get("right_px", 30)))


def export_chart(
    view: ExportView, name: str, fmt: str, *, renderer: ChartRenderer | None = None,
) -> ExportResult:
    """Chart ``name`` as PNG (2× scale), SVG or PDF, rendered by Chromium."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown chart format {fmt!r} (one of {', '.join(IMAGE_FORMATS)})")
    fig = build_chart(view, name)
    content = (renderer or shared_renderer()).render(
        fig, fmt=fmt, width_px=CHART_WIDTH_PX, height_px=CHART_HEIGHT_PX, scale=PNG_SCALE)
    return ExportResult(content, f"{view.stem}-{slug(name)}.{fmt}", IMAGE_MIME_TYPES[fmt])
