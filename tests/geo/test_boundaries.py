from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from shapely import wkt

from geo.boundaries import Boundaries
from geo.errors import BoundaryError


@pytest.mark.parametrize("lat,lon,iso3", [
    (34.53, 69.17, "AFG"),   # Kabul
    (33.72, 73.04, "PAK"),   # Islamabad
    (31.43, 75.71, "IND"),   # Adampur
    (55.75, 37.62, "RUS"),   # Moscow
    (0.0, -30.0, None),      # Atlantic
])
def test_country_at(boundaries: Boundaries, lat: float, lon: float, iso3: str | None) -> None:
    assert boundaries.country_at(lat, lon) == iso3


def test_country_at_bad_input(boundaries: Boundaries) -> None:
    assert boundaries.country_at(float("nan"), 0.0) is None
    assert boundaries.country_at(200.0, 0.0) is None


def test_contains_with_tolerance(boundaries: Boundaries) -> None:
    assert boundaries.contains("PAK", 33.72, 73.04)
    assert not boundaries.contains("IND", 33.72, 73.04)
    # Torkham lies on the line: within tolerance of both sides.
    assert boundaries.contains("AFG", 34.12, 71.09, tolerance_km=10)
    assert boundaries.contains("PAK", 34.12, 71.09, tolerance_km=10)
    assert not boundaries.contains("XXX", 0, 0)


def test_border_afg_pak(boundaries: Boundaries) -> None:
    border = boundaries.border("PAK", "AFG")
    assert border is not None
    assert border.place_id == "border:AFG-PAK"
    assert border.kind == "border"
    assert border.name == "Afghanistan–Pakistan border"
    line = wkt.loads(border.geometry)
    assert line.geom_type in ("LineString", "MultiLineString")
    assert line.length > 15  # degrees: the line runs ~2,600 km
    point = shapely.Point(border.lon, border.lat)
    assert line.distance(point) < 1e-3  # representative point lies on the line
    assert boundaries.contains("AFG", border.lat, border.lon, tolerance_km=1)
    assert boundaries.contains("PAK", border.lat, border.lon, tolerance_km=1)
    assert boundaries.border("AFG", "PAK") is border  # cached, order-independent


def test_no_border_between_non_neighbours(boundaries: Boundaries) -> None:
    assert boundaries.border("USA", "PAK") is None
    assert boundaries.border("PAK", "PAK") is None


def test_geojson_layer(boundaries: Boundaries) -> None:
    layer = boundaries.geojson()
    assert layer["type"] == "FeatureCollection"
    codes = {f["properties"]["iso_a3"] for f in layer["features"]}
    assert {"PAK", "AFG", "IND"} <= codes
    layer["features"].clear()
    assert boundaries.geojson()["features"]  # callers cannot damage the cache


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(BoundaryError):
        Boundaries.load(tmp_path / "missing.geojson")
