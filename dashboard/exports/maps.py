"""The event map as a standalone HTML file (folium + Leaflet) and as a static
image (a Plotly figure rendered by Chromium).

HTML: a single file that works with no network.  Leaflet's JS and CSS come
from the ``XStatic-Leaflet`` package and are inlined (its images as data:
URIs); there is no tile layer, the country outlines of Natural Earth (clipped
to the events' region and simplified) are drawn instead.  folium builds the
page and the map; the events are embedded as one JSON array and drawn as
circle markers (area by fatalities, colour by event type) by a small script.
Popups, tooltips and the header panel are built with DOM ``textContent``, so
text from articles can never become markup, and links are made only for
``http(s)`` URLs.  With more than :data:`CANVAS_THRESHOLD` events the
markers are drawn on a canvas (fast) instead of as SVG elements.

Image: the same view (the dashboard's centre and zoom, or the events'
extent) as a Plotly figure in Web-Mercator on plain SVG axes, the outlines
as filled lines, with the title, filters, period, source line and time of
generation around it, rendered through kaleido (PNG at 2×, SVG, PDF).  Not a
MapLibre ``Scattermap``: in headless Chromium without a GPU that takes ~3 s
per image and is a raster even in SVG/PDF.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from branca.element import Element, MacroElement

from dashboard.exports.charts import (
    IMAGE_MIME_TYPES, PNG_SCALE, decorate, escape, ordered_types, type_colour,
)
from dashboard.exports.chromium import IMAGE_FORMATS, ChartRenderer, shared_renderer
from dashboard.exports.errors import ExportError
from dashboard.exports.view import ExportResult, ExportView, date_text

logger = logging.getLogger(__name__)

__all__ = [
    "MAP_FORMATS", "MAP_WIDTH_PX", "MAP_HEIGHT_PX", "CANVAS_THRESHOLD", "fit_view",
    "view_bounds", "region_boundaries", "map_figure", "map_html", "export_map",
]

MAP_FORMATS: tuple[str, ...] = ("html", "png", "svg", "pdf")
MAP_WIDTH_PX = 1000
MAP_HEIGHT_PX = 700
CANVAS_THRESHOLD = 3000
DEFAULT_CENTER = {"lat": 30.5, "lon": 70.0}
DEFAULT_ZOOM = 3.6
MIN_MARKER_PX = 8.0
MAX_MARKER_PX = 40.0


def marker_px(fatalities: Any) -> float:
    """Marker diameter: area grows with fatalities, 8 px to 40 px."""
    try:
        value = max(0.0, float(fatalities or 0))
    except (TypeError, ValueError):
        value = 0.0
    if math.isnan(value):
        value = 0.0
    return min(MAX_MARKER_PX, MIN_MARKER_PX + 3.0 * math.sqrt(value))


def _located(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.dropna(subset=["latitude", "longitude"]) if not frame.empty else frame


def fit_view(
    frame: pd.DataFrame, *, width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX,
) -> tuple[dict[str, float], float]:
    """Centre and MapLibre zoom fitting the located events (padding 70 %,
    zoom in [2, 6]); South Asia when nothing is located."""
    located = _located(frame)
    if located.empty:
        return dict(DEFAULT_CENTER), DEFAULT_ZOOM
    lat_min, lat_max = float(located["latitude"].min()), float(located["latitude"].max())
    lon_min, lon_max = float(located["longitude"].min()), float(located["longitude"].max())
    center = {"lat": (lat_min + lat_max) / 2, "lon": (lon_min + lon_max) / 2}
    stretch = 1 / max(math.cos(math.radians(center["lat"])), 0.2)
    lon_span = max(lon_max - lon_min, 1.0) * 1.7
    lat_span = max(lat_max - lat_min, 1.0) * 1.7 * stretch
    zoom = min(math.log2(360 * width_px / (512 * lon_span)),
               math.log2(360 * height_px / (512 * lat_span)))
    return center, round(max(2.0, min(6.0, zoom)), 2)


def view_bounds(
    center: Mapping[str, float], zoom: float, *, width_px: int, height_px: int,
) -> tuple[float, float, float, float]:
    """(lon_min, lat_min, lon_max, lat_max) shown by a MapLibre map (512 px
    world at zoom 0) of that size; latitude by the Mercator stretch."""
    lon_half = 360 * width_px / (512 * 2 ** zoom) / 2
    stretch = 1 / max(math.cos(math.radians(center["lat"])), 0.2)
    lat_half = 360 * height_px / (512 * 2 ** zoom) / 2 / stretch
    return (max(-180.0, center["lon"] - lon_half), max(-85.0, center["lat"] - lat_half),
            min(180.0, center["lon"] + lon_half), min(85.0, center["lat"] + lat_half))


@functools.lru_cache(maxsize=1)
def _boundary_shapes() -> tuple[tuple[str, str, Any], ...]:
    """(iso3, name, shapely geometry) of every Natural Earth country."""
    try:
        from shapely.geometry import shape

        from geo.boundaries import DEFAULT_BOUNDARIES_PATH

        collection = json.loads(Path(DEFAULT_BOUNDARIES_PATH).read_text(encoding="utf-8"))
        out = []
        for feature in collection.get("features", []):
            props = feature.get("properties") or {}
            out.append((str(props.get("iso_a3") or ""), str(props.get("name") or ""),
                        shape(feature["geometry"])))
        return tuple(out)
    except Exception as error:  # noqa: BLE001 - outlines are optional
        logger.warning("country outlines unavailable for map export: %s", error)
        return ()


@functools.lru_cache(maxsize=32)
def region_boundaries(bounds: tuple[float, float, float, float]) -> dict[str, Any]:
    """Country outlines clipped to ``bounds`` (+ a margin), simplified to
    about a pixel at that scale: a few hundred kB instead of 2 MB."""
    from shapely.geometry import box, mapping

    lon_min, lat_min, lon_max, lat_max = bounds
    margin = max(lon_max - lon_min, lat_max - lat_min) * 0.25 + 1
    area = box(lon_min - margin, lat_min - margin, lon_max + margin, lat_max + margin)
    tolerance = max(0.01, (lon_max - lon_min) / 1500)
    features = []
    for iso3, name, geometry in _boundary_shapes():
        if not geometry.intersects(area):
            continue
        try:
            clipped = geometry.intersection(area).simplify(tolerance, preserve_topology=True)
        except Exception:  # noqa: BLE001 - an invalid polygon is skipped
            continue
        if clipped.is_empty:
            continue
        features.append({"type": "Feature", "properties": {"iso_a3": iso3, "name": name},
                         "geometry": mapping(clipped)})
    return {"type": "FeatureCollection", "features": features}


def _rounded(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    lon_min, lat_min, lon_max, lat_max = bounds
    return (math.floor(lon_min), math.floor(lat_min), math.ceil(lon_max), math.ceil(lat_max))


def _resolve_view(
    view: ExportView, center: Mapping[str, float] | None, zoom: float | None, *,
    width_px: int, height_px: int,
) -> tuple[dict[str, float], float]:
    fit_center, fit_zoom = fit_view(view.frame, width_px=width_px, height_px=height_px)
    return (dict(center) if center else fit_center), (float(zoom) if zoom is not None else fit_zoom)


# -- static image (Plotly) ------------------------------------------------------

def _mercator_y(lat: float) -> float:
    """Web-Mercator y in degree units (same scale as longitude)."""
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _outline_xy(outlines: Mapping[str, Any]) -> tuple[list[float | None], list[float | None]]:
    """Exterior rings of the outlines, projected, separated by ``None``."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in outlines.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = ([geometry.get("coordinates", [])] if geometry.get("type") == "Polygon"
                    else geometry.get("coordinates", []) if geometry.get("type") == "MultiPolygon"
                    else [])
        for polygon in polygons:
            if not polygon:
                continue
            for lon, lat, *_ in polygon[0]:
                xs.append(lon)
                ys.append(_mercator_y(lat))
            xs.append(None)
            ys.append(None)
    return xs, ys


BIN_PX = 3.0


def _binned_markers(
    located: pd.DataFrame, px_per_degree: float, *, bin_px: float = BIN_PX,
) -> list[tuple[str, list[float], list[float], list[int]]]:
    """Markers per event type: events of one type closer than ``bin_px`` on
    the image are drawn as one marker (at their mean position, area by their
    summed fatalities).  Indistinguishable on the page, and it keeps a map of
    10,000 events to a few thousand SVG circles (about 1 s instead of 4)."""
    if located.empty:
        return []
    frame = pd.DataFrame({
        "type": located["event_type"].replace("", "Unknown").astype(str),
        "x": located["longitude"].astype(float),
        "y": [_mercator_y(v) for v in located["latitude"].astype(float)],
        "fatalities": located["fatalities"].astype(int),
    })
    step = bin_px / max(px_per_degree, 1e-9)
    frame["bx"] = (frame["x"] / step).round().astype("int64")
    frame["by"] = (frame["y"] / step).round().astype("int64")
    grouped = frame.groupby(["type", "bx", "by"], sort=False).agg(
        x=("x", "mean"), y=("y", "mean"), fatalities=("fatalities", "sum")).reset_index()
    out = []
    for event_type in ordered_types(grouped["type"]):
        part = grouped[grouped["type"] == event_type]
        out.append((event_type, part["x"].tolist(), part["y"].tolist(),
                    [int(v) for v in part["fatalities"]]))
    return out


def map_figure(
    view: ExportView, *, center: Mapping[str, float] | None = None, zoom: float | None = None,
    width_px: int = MAP_WIDTH_PX, height_px: int = MAP_HEIGHT_PX, title: str = "Event map",
) -> go.Figure:
    """The map as a decorated Plotly figure: ``center``/``zoom`` are the
    dashboard's current view (MapLibre zoom), else the events' extent.

    Drawn on plain Cartesian axes in Web-Mercator (the dashboard map's
    projection): SVG, so it renders in well under a second with no WebGL,
    needs nothing from the network, and stays vector in SVG and PDF.
    """
    located = _located(view.frame)
    fig = go.Figure()
    decorate(fig, view, title=title, width_px=width_px, height_px=height_px, left_px=10)
    fig.update_layout(margin=dict(r=10))
    margin = fig.layout.margin
    plot_w = max(100, width_px - int(margin.l) - int(margin.r))
    plot_h = max(100, height_px - int(margin.t) - int(margin.b))
    center_, zoom_ = _resolve_view(view, center, zoom, width_px=plot_w, height_px=plot_h)
    lon_half = 360 * plot_w / (512 * 2 ** zoom_) / 2
    y_half = lon_half * plot_h / plot_w
    y_center = _mercator_y(center_["lat"])
    x_range = [center_["lon"] - lon_half, center_["lon"] + lon_half]
    y_range = [y_center - y_half, y_center + y_half]
    bounds = view_bounds(center_, zoom_, width_px=plot_w, height_px=plot_h)
    xs, ys = _outline_xy(region_boundaries(_rounded(bounds)))
    if xs:
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor="#f3f1ea",
            line=dict(color="#9aa0a8", width=0.8), hoverinfo="skip", showlegend=False,
        ))
    px_per_degree = plot_w / (2 * lon_half)
    for event_type, xs_, ys_, fatalities in _binned_markers(located, px_per_degree):
        fig.add_trace(go.Scatter(
            name=escape(event_type), x=xs_, y=ys_, mode="markers", hoverinfo="skip",
            marker=dict(size=[marker_px(v) for v in fatalities],
                        color=type_colour(event_type), opacity=0.85,
                        line=dict(color="#333333", width=0.5)),
        ))
    fig.update_xaxes(range=x_range, visible=False, showgrid=False, zeroline=False, fixedrange=True)
    fig.update_yaxes(range=y_range, visible=False, showgrid=False, zeroline=False, fixedrange=True)
    fig.update_layout(
        plot_bgcolor="#dfe8ef", showlegend=True,
        legend=dict(x=0.01, y=0.99, xanchor="left", yanchor="top", itemsizing="constant",
                    bgcolor="rgba(255,255,255,0.9)", bordercolor="#d9dde3", borderwidth=1),
    )
    n_unlocated = len(view.frame) - len(located)
    notes = ["Marker area: fatalities (events within 3 px merged). Outlines: Natural Earth."]
    if n_unlocated:
        notes.append(f"{n_unlocated} event(s) without coordinates not shown.")
    fig.add_annotation(text=escape(" ".join(notes)), xref="paper", yref="paper", x=1, y=0,
                       xanchor="right", yanchor="top", yshift=-4, showarrow=False,
                       font=dict(size=10, color="#52606d"))
    if located.empty:
        fig.add_annotation(text="No located events match these filters", xref="paper",
                           yref="paper", x=0.5, y=0.5, showarrow=False, font=dict(size=14))
    return fig


# -- interactive HTML (folium) --------------------------------------------------

@functools.lru_cache(maxsize=1)
def _leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from XStatic-Leaflet, CSS images as data: URIs."""
    try:
        import xstatic.pkg.leaflet as xleaflet
    except ImportError as error:
        raise ExportError(
            "the HTML map needs the XStatic-Leaflet package: "
            "pip install --no-build-isolation XStatic-Leaflet==1.9.3.0") from error
    base = Path(xleaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    for image in sorted((base / "images").glob("*.png")):
        uri = "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii")
        css = css.replace(f"url(images/{image.name})", f"url({uri})")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - sanity
        raise ExportError("Leaflet assets cannot be inlined")
    return js, css


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element (no ``</script>``, no HTML comments)."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _event_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records = []
    for row in _located(frame).to_dict("records"):
        reported = str(row.get("fatalities_reported") or "")
        records.append({
            "lat": round(float(row["latitude"]), 5), "lon": round(float(row["longitude"]), 5),
            "r": round(marker_px(row.get("fatalities")) / 2, 1),
            "c": type_colour(row.get("event_type") or ""),
            "type": row.get("event_type") or "", "sub": row.get("sub_event_type") or "",
            "date": date_text(row.get("event_date"), row.get("date_precision")),
            "place": ", ".join(str(p) for p in (row.get("location"), row.get("country")) if p),
            "fat": int(row.get("fatalities") or 0), "rep": reported,
            "a1": row.get("actor1") or "", "a2": row.get("actor2") or "",
            "claim": row.get("claimed_by") or "", "ev": row.get("evidence") or "",
            "src": row.get("source") or "", "url": row.get("url") or "",
            "conf": round(float(row.get("confidence") or 0), 2),
        })
    return records


_EVENTS_JS = """
(function () {
  var map = %(map)s;
  var data = %(data)s;
  var meta = %(meta)s;
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function line(parent, label, value) {
    if (value === "" || value === null || value === undefined) { return; }
    var div = el("div");
    div.appendChild(el("b", label + ": "));
    div.appendChild(document.createTextNode(String(value)));
    parent.appendChild(div);
  }
  function popup(e) {
    var box = el("div", null, "sitrep-popup");
    box.appendChild(el("div", e.type, "sitrep-popup-type"));
    box.appendChild(el("div", e.sub));
    line(box, "Date", e.date);
    line(box, "Place", e.place);
    line(box, "Fatalities", e.fat + (e.rep && e.rep !== String(e.fat) ? " (reported: " + e.rep + ")" : ""));
    line(box, "Actors", [e.a1, e.a2].filter(Boolean).join(" vs "));
    line(box, "Claimed by", e.claim);
    line(box, "Confidence", e.conf);
    if (e.ev) { box.appendChild(el("blockquote", e.ev, "sitrep-evidence")); }
    var src = el("div");
    src.appendChild(el("b", "Source: "));
    if (/^https?:\\/\\//i.test(e.url)) {
      var a = el("a", e.src || e.url);
      a.href = e.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else {
      src.appendChild(document.createTextNode(e.src || "unknown"));
    }
    box.appendChild(src);
    return box;
  }
  var renderer = data.length > %(canvas)d ? L.canvas() : L.svg();
  var layer = L.featureGroup();
  data.forEach(function (e) {
    var marker = L.circleMarker([e.lat, e.lon], {
      radius: e.r, color: "#333333", weight: 0.6, fillColor: e.c, fillOpacity: 0.8,
      renderer: renderer, className: "sitrep-event"
    });
    marker.bindPopup(function () { return popup(e); }, {maxWidth: 380});
    marker.bindTooltip(el("span", e.type + " · " + e.place + " · " + e.date));
    layer.addLayer(marker);
  });
  layer.addTo(map);
  window.sitrepEvents = layer;  // for scripting and tests: the markers' feature group
  var info = L.control({position: "topright"});
  info.onAdd = function () {
    var box = el("div", null, "sitrep-info");
    box.appendChild(el("div", meta.title, "sitrep-title"));
    meta.lines.forEach(function (text) { box.appendChild(el("div", text)); });
    var legend = el("div", null, "sitrep-legend");
    meta.legend.forEach(function (item) {
      var row = el("div");
      var dot = el("span", null, "sitrep-dot");
      dot.style.background = item[1];
      row.appendChild(dot);
      row.appendChild(document.createTextNode(item[0]));
      legend.appendChild(row);
    });
    box.appendChild(legend);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  info.addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth · Events: Sitrep · Leaflet");
})();
"""

_OUTLINES_JS = """
(function () {
  var map = %(map)s;
  L.geoJSON(%(data)s, {interactive: false, style: function () {
    return {color: "#9aa0a8", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1};
  }}).addTo(map);
})();
"""

_PAGE_CSS = """
html, body { margin: 0; padding: 0; height: 100%; font-family: "DejaVu Sans", Arial, sans-serif; }
.leaflet-container { background: #dfe8ef; }
.sitrep-info { background: rgba(255,255,255,0.94); padding: 8px 10px; max-width: 420px;
  font-size: 12px; line-height: 1.35; border: 1px solid #d9dde3; border-radius: 4px; color: #1f2933; }
.sitrep-title { font-weight: bold; font-size: 15px; margin-bottom: 4px; }
.sitrep-legend { margin-top: 6px; }
.sitrep-dot { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 6px;
  border: 1px solid #333; }
.sitrep-popup { font-size: 12px; line-height: 1.35; }
.sitrep-popup-type { font-weight: bold; }
.sitrep-evidence { margin: 6px 0; padding-left: 8px; border-left: 3px solid #9aa0a8; font-style: italic; }
"""


class _Raw(Element):
    """Text inserted as it is: branca's ``Element(text)`` would parse the text
    as a Jinja template (and run any ``{{ }}`` in Leaflet or in article text)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _Script(MacroElement):
    """A script added to the page's script section when the map renders (so
    after the map's own ``L.map`` call), as raw text."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self._code = code

    def render(self, **kwargs: Any) -> None:
        self.get_root().script.add_child(_Raw(self._code), name=self.get_name())


def map_html(
    view: ExportView, *, center: Mapping[str, float] | None = None, zoom: float | None = None,
    title: str = "Event map",
) -> str:
    """A standalone, offline HTML page with the events on a Leaflet map."""
    import folium

    js, css = _leaflet_assets()
    frame = view.frame
    located = _located(frame)
    center_, zoom_ = _resolve_view(view, center, zoom, width_px=MAP_WIDTH_PX,
                                   height_px=MAP_HEIGHT_PX)
    fmap = folium.Map(location=[center_["lat"], center_["lon"]], zoom_start=round(zoom_ + 1),
                      tiles=None, control_scale=True, zoom_snap=0.25)
    # Nothing from a CDN: folium's default <script>/<link> tags are replaced
    # by the inlined Leaflet below.
    fmap.default_js = []
    fmap.default_css = []
    root = fmap.get_root()
    root.title = html.escape(f"{title} — {view.filters_text} — {view.period_text}")
    root.header.add_child(_Raw(f"<style>{css}</style>"), name="leaflet_css")
    root.header.add_child(_Raw(f"<style>{_PAGE_CSS}</style>"), name="sitrep_css")
    root.header.add_child(_Raw(f"<script>{js}</script>"), name="leaflet_js")
    if center is None and zoom is None and not located.empty:
        lat_min, lat_max = float(located["latitude"].min()), float(located["latitude"].max())
        lon_min, lon_max = float(located["longitude"].min()), float(located["longitude"].max())
        fmap.fit_bounds([[lat_min, lon_min], [lat_max, lon_max]], padding=(60, 60), max_zoom=8)

    bounds = view_bounds(center_, zoom_, width_px=MAP_WIDTH_PX, height_px=MAP_HEIGHT_PX)
    outlines = region_boundaries(_rounded(bounds))
    present = ordered_types(located["event_type"]) if not located.empty else []
    meta = {
        "title": title,
        "lines": [view.filters_text, view.period_text, view.sources_text, view.generated_text]
        + ([f"{len(frame) - len(located)} event(s) without coordinates not shown."]
           if len(frame) > len(located) else []),
        "legend": [[t, type_colour(t)] for t in present],
    }
    name = fmap.get_name()
    fmap.add_child(_Script(_OUTLINES_JS % {"map": name, "data": _script_json(outlines)}))
    fmap.add_child(_Script(_EVENTS_JS % {
        "map": name, "data": _script_json(_event_records(frame)), "meta": _script_json(meta),
        "canvas": CANVAS_THRESHOLD}))
    return fmap.get_root().render()


def export_map(
    view: ExportView, fmt: str, *, renderer: ChartRenderer | None = None,
    center: Mapping[str, float] | None = None, zoom: float | None = None,
) -> ExportResult:
    """The map as ``html`` (interactive, offline) or ``png``/``svg``/``pdf``
    (static, through Chromium; PNG at 2×)."""
    if fmt == "html":
        page = map_html(view, center=center, zoom=zoom)
        return ExportResult(page.encode("utf-8"), f"{view.stem}-map.html", "text/html")
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown map format {fmt!r} (one of {', '.join(MAP_FORMATS)})")
    fig = map_figure(view, center=center, zoom=zoom)
    content = (renderer or shared_renderer()).render(
        fig, fmt=fmt, width_px=MAP_WIDTH_PX, height_px=MAP_HEIGHT_PX, scale=PNG_SCALE)
    return ExportResult(content, f"{view.stem}-map.{fmt}", IMAGE_MIME_TYPES[fmt])

