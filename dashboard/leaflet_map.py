"""The Leaflet view: a folium map of the filtered events, served offline.

folium's templates point at CDNs (jsDelivr, cdnjs, code.jquery.com).  Here
every script and stylesheet comes from the app's own server instead:
Leaflet, Leaflet.markercluster and jQuery from the XStatic PyPI packages
(``xstatic-leaflet``, ``xstatic-leaflet-markercluster``, ``xstatic-jquery``)
and Leaflet.heat from the copy folium itself ships
(``folium/templates/leaflet_heat.min.js``).  :func:`static_dirs` names the
folders; the app serves them under ``STATIC_ROUTE``.  There is no tile
layer (tiles need the network): countries are drawn from the Natural Earth
outlines, simplified and embedded.

The page has clustered circle markers (one cluster group per event type,
switchable in the layer control), a heat layer weighted by events per
place, and the country outlines.  Popups and tooltips are built from
escaped text.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from folium.plugins import FastMarkerCluster, HeatMap

from dashboard.aggregates import map_data
from dashboard.figures import format_event_date, type_colour
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = ["STATIC_ROUTE", "MAX_LEAFLET_MARKERS", "static_dirs", "local_assets",
           "regional_outlines", "leaflet_html"]

STATIC_ROUTE = "/_sitrep/static"
MAX_LEAFLET_MARKERS = 2_000
REGION = (55.0, 5.0, 100.0, 45.0)  # west, south, east, north: South and Central Asia


def static_dirs() -> dict[str, Path]:
    """Folder of each locally served library: ``leaflet``,
    ``markercluster``, ``jquery`` (XStatic packages), ``heat`` (folium)."""
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    return {
        "leaflet": Path(leaflet.BASE_DIR),
        "markercluster": Path(markercluster.BASE_DIR),
        "jquery": Path(jquery.BASE_DIR),
        "heat": Path(folium.__file__).resolve().parent / "templates",
    }


def local_assets(prefix: str) -> dict[str, list[tuple[str, str]]]:
    """The JS and CSS links folium should use, under ``prefix`` (the app's
    ``STATIC_ROUTE``, possibly behind a path prefix)."""
    return {
        "map_js": [("leaflet", f"{prefix}/leaflet/leaflet.js"),
                   ("jquery", f"{prefix}/jquery/jquery.min.js")],
        "map_css": [("leaflet_css", f"{prefix}/leaflet/leaflet.css")],
        "cluster_js": [("markerclusterjs", f"{prefix}/markercluster/leaflet.markercluster.js")],
        "cluster_css": [("markerclustercss", f"{prefix}/markercluster/MarkerCluster.css"),
                        ("markerclusterdefaultcss",
                         f"{prefix}/markercluster/MarkerCluster.Default.css")],
        "heat_js": [("leaflet-heat.js", f"{prefix}/heat/leaflet_heat.min.js")],
    }


def regional_outlines(boundaries: Mapping[str, Any] | None,
                      *, tolerance_deg: float = 0.02) -> dict[str, Any] | None:
    """The countries of the region (:data:`REGION`), simplified, as GeoJSON
    small enough to embed in the Leaflet page."""
    if not boundaries:
        return None
    import shapely
    from shapely.geometry import box, mapping, shape

    region = box(*REGION)
    features = []
    for feature in boundaries.get("features", []):
        try:
            geometry = shape(feature["geometry"])
        except Exception:  # noqa: BLE001 - a malformed feature costs only itself
            continue
        if not geometry.intersects(region):
            continue
        simple = shapely.simplify(geometry, tolerance_deg, preserve_topology=True)
        props = feature.get("properties") or {}
        features.append({"type": "Feature",
                         "properties": {"iso_a3": props.get("iso_a3"), "name": props.get("name")},
                         "geometry": mapping(simple)})
    return {"type": "FeatureCollection", "features": features}


# One circle marker per row ``[lat, lon, colour, radius_px, popup_html]``;
# the popup HTML is built from escaped text in :func:`_popup`.
_MARKER_JS = """function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
        radius: row[3], color: row[2], fillColor: row[2], fillOpacity: 0.8, weight: 1});
    marker.bindPopup(row[4], {maxWidth: 320});
    return marker;
}"""


def _popup(row: Mapping[str, Any], *, unit: str = "reports") -> str:
    place = ", ".join(p for p in (str(row.get("location") or ""), str(row.get("country") or "")) if p)
    fatalities = f"Fatalities: {int(row.get('fatalities') or 0)}"
    source = f"Source: {html.escape(str(row.get('source') or 'unknown'))}"
    if unit == "incidents":  # the best figure, the reports' range, who reported it
        spread = str(row.get("fatalities_reported") or "")
        fatalities = (f"Fatalities (best): {int(row.get('fatalities') or 0)}"
                      + (f" (reports give {html.escape(spread)})" if spread else ""))
        source = f"Reported by: {html.escape(str(row.get('source') or 'unknown'))}"
    lines = [
        f"<b>{html.escape(str(row.get('event_type') or ''))}</b>",
        html.escape(str(row.get("sub_event_type") or "")),
        html.escape(format_event_date(row.get("event_date"), row.get("date_precision"), long=True)),
        html.escape(place or "place unknown"),
        fatalities,
        source,
    ]
    return "<br>".join(lines)


def leaflet_html(
    store: Store,
    flt: EventFilter,
    *,
    prefix: str,
    outlines: Mapping[str, Any] | None = None,
    max_markers: int = MAX_LEAFLET_MARKERS,
    unit: str = "reports",
) -> str:
    """The full HTML page of the Leaflet view for ``flt``: at most
    ``max_markers`` events as clustered markers (deadliest, then newest),
    the heat layer over all matching events (per place).  ``store`` may be
    the incidents' read side (``unit="incidents"``: popups give the best
    figure, the reports' range and who reported it)."""
    assets = local_assets(prefix)
    # No tile layer, so the map needs its own maxZoom (markercluster requires one).
    fmap = folium.Map(location=[30.5, 70.0], zoom_start=5, tiles=None, control_scale=True,
                      prefer_canvas=True)
    fmap.options.update({"maxZoom": 14, "minZoom": 3})
    fmap.default_js = assets["map_js"]
    fmap.default_css = assets["map_css"]
    if outlines:
        folium.GeoJson(dict(outlines), name="Countries", control=False,
                       style_function=lambda _f: {"fillColor": "#f3f1ea", "color": "#9aa0a8",
                                                  "weight": 1, "fillOpacity": 1.0},
                       ).add_to(fmap)
    data = map_data(store, flt, max_points=max_markers)
    places = data.points
    events = pd.DataFrame(store.map_events(flt, limit=max_markers))
    if not events.empty:
        for event_type in sorted(events["event_type"].unique()):
            colour = type_colour(str(event_type))
            rows = [[float(r["latitude"]), float(r["longitude"]), colour,
                     round(5 + min(12.0, float(int(r.get("fatalities") or 0)) ** 0.5), 1),
                     _popup(r, unit=unit)]
                    for r in events[events["event_type"] == event_type].to_dict("records")]
            cluster = FastMarkerCluster(rows, callback=_MARKER_JS, name=str(event_type),
                                        show=True)
            cluster.default_js = assets["cluster_js"]
            cluster.default_css = assets["cluster_css"]
            cluster.add_to(fmap)
    if not places.empty:
        weights = places["events"] if "events" in places else pd.Series(1, index=places.index)
        heat_points = [[float(a), float(b), float(w)] for a, b, w in
                       zip(places["latitude"], places["longitude"], weights)]
        heat = HeatMap(heat_points, name="Heat (events per place)", radius=18, blur=14,
                       min_opacity=0.3, show=False)
        heat.default_js = assets["heat_js"]
        heat.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    if not events.empty:
        fmap.fit_bounds([[float(events["latitude"].min()), float(events["longitude"].min())],
                         [float(events["latitude"].max()), float(events["longitude"].max())]],
                        padding=(40, 40), max_zoom=7)
    page = fmap.get_root().render()
    logger.debug("leaflet page: %d markers, %d bytes", len(events), len(page))
    return page
