"""Country boundaries: Natural Earth 1:50m admin-0 polygons, loaded with shapely.

Used to check that a point lies in the country the resolver claims, to derive
border lines (``border:AFG-PAK``) and to draw the dashboard's country layer.
The asset is built by ``scripts/build_boundaries.py`` (provenance in
``assets/README.md``).  Features sharing an ``iso_a3`` are merged; features
without one (Somaliland, N. Cyprus, Siachen Glacier…) are drawn but never
returned by ``country_at``.
"""

from __future__ import annotations

import copy
import json
import logging
import math
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from shapely.strtree import STRtree

from geo.errors import BoundaryError
from geo.records import Place

logger = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_BOUNDARIES_PATH = ASSETS_DIR / "ne_50m_admin0.geojson"
KM_PER_DEGREE = 111.32
# Natural Earth polygons of neighbours do not always share vertices exactly.
BORDER_SNAP_KM = 2.0


def _degrees(distance_km: float, *, lat: float = 0.0) -> float:
    """A distance in km as degrees, using the longitude scale at ``lat`` (conservative)."""
    scale = max(math.cos(math.radians(min(abs(lat), 80.0))), 0.17)
    return distance_km / (KM_PER_DEGREE * scale)


class Boundaries:
    """Country polygons with point-in-country queries and shared borders."""

    def __init__(self, features: list[dict[str, Any]]) -> None:
        self._features = features
        names: dict[str, str] = {}
        parts: dict[str, list[BaseGeometry]] = {}
        for feature in features:
            iso3 = str(feature.get("properties", {}).get("iso_a3") or "")
            if not iso3:
                continue
            geometry = shape(feature["geometry"])
            if not geometry.is_valid:
                geometry = shapely.make_valid(geometry)
            parts.setdefault(iso3, []).append(geometry)
            names.setdefault(iso3, str(feature["properties"].get("name") or iso3))
        if not parts:
            raise BoundaryError("no country polygons with an iso_a3 code")
        self._names = names
        self._iso3s = sorted(parts)
        self._geometries = [unary_union(parts[iso3]) for iso3 in self._iso3s]
        for geometry in self._geometries:
            shapely.prepare(geometry)
        self._by_iso3 = dict(zip(self._iso3s, self._geometries))
        self._tree = STRtree(self._geometries)
        self._borders: dict[tuple[str, str], Place | None] = {}
        self._geojson: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Boundaries:
        """Read the GeoJSON at ``path`` (default: ``assets/ne_50m_admin0.geojson``)."""
        source = path or DEFAULT_BOUNDARIES_PATH
        try:
            collection = json.loads(source.read_text(encoding="utf-8"))
            features = list(collection["features"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise BoundaryError(f"cannot read boundaries {source}: {error}; "
                                "rebuild with scripts/build_boundaries.py") from error
        return cls(features)

    def iso3_codes(self) -> list[str]:
        """Every ISO3 code with a polygon."""
        return list(self._iso3s)

    def name(self, iso3: str) -> str | None:
        """The country's Natural Earth name."""
        return self._names.get(iso3)

    def geometry(self, iso3: str) -> BaseGeometry | None:
        """The country's (multi)polygon, or None."""
        return self._by_iso3.get(iso3)

    def country_at(self, lat: float, lon: float) -> str | None:
        """ISO3 of the country containing the point, or None (sea, no-code areas, bad input)."""
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        point = shapely.Point(lon, lat)
        for position in self._tree.query(point, predicate="intersects"):
            return self._iso3s[int(position)]
        return None

    def contains(self, iso3: str, lat: float, lon: float, *, tolerance_km: float = 10) -> bool:
        """Whether the point lies in country ``iso3`` or within ``tolerance_km`` of it."""
        geometry = self._by_iso3.get(iso3)
        if geometry is None or not (math.isfinite(lat) and math.isfinite(lon)):
            return False
        point = shapely.Point(lon, lat)
        if geometry.intersects(point):
            return True
        return tolerance_km > 0 and geometry.dwithin(point, _degrees(tolerance_km, lat=lat))

    def border(self, iso3_a: str, iso3_b: str) -> Place | None:
        """The shared boundary of two countries as a Place, or None when they do not touch.

        ``place_id`` is ``border:AAA-BBB`` (codes sorted), ``geometry`` the WKT of
        the line, (lat, lon) a representative point on the line.
        """
        codes = tuple(sorted((iso3_a.upper(), iso3_b.upper())))
        key = (codes[0], codes[1])
        if key not in self._borders:
            self._borders[key] = self._make_border(*key)
        return self._borders[key]

    def _make_border(self, iso3_a: str, iso3_b: str) -> Place | None:
        geometry_a, geometry_b = self._by_iso3.get(iso3_a), self._by_iso3.get(iso3_b)
        if geometry_a is None or geometry_b is None or iso3_a == iso3_b:
            return None
        line = geometry_a.boundary.intersection(geometry_b.boundary)
        line = shapely.line_merge(_lines_only(line)) if not line.is_empty else line
        if line.is_empty or line.length == 0:
            # Not exactly shared vertices: the part of A's boundary near B.
            snap_deg = _degrees(BORDER_SNAP_KM, lat=geometry_a.centroid.y)
            line = geometry_a.boundary.intersection(geometry_b.buffer(snap_deg))
            line = shapely.line_merge(_lines_only(line)) if not line.is_empty else line
        if line.is_empty or line.length == 0:
            return None
        point = _point_on_line(line)
        name_a = self._names.get(iso3_a, iso3_a)
        name_b = self._names.get(iso3_b, iso3_b)
        return Place(place_id=f"border:{iso3_a}-{iso3_b}", name=f"{name_a}–{name_b} border",
                     kind="border", country="", lat=round(point.y, 5), lon=round(point.x, 5),
                     geometry=shapely.to_wkt(line, rounding_precision=4))

    def geojson(self) -> dict[str, Any]:
        """The FeatureCollection for the dashboard's map layer (a cached deep copy)."""
        if self._geojson is None:
            self._geojson = {"type": "FeatureCollection", "features": self._features}
        return copy.deepcopy(self._geojson)


def _lines_only(geometry: BaseGeometry) -> BaseGeometry:
    """The linear parts of an intersection result (points dropped)."""
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return geometry
    lines = [part for part in getattr(geometry, "geoms", [])
             if part.geom_type in ("LineString", "MultiLineString")]
    return unary_union(lines) if lines else shapely.MultiLineString()


def _point_on_line(line: BaseGeometry) -> shapely.Point:
    """The midpoint (by length) of the longest part of a (multi)line."""
    parts = list(getattr(line, "geoms", [line]))
    longest = max(parts, key=lambda part: part.length)
    return longest.interpolate(0.5, normalized=True)
