"""The app factory: routes, assets, offline serving (Flask test client)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.app import ASSETS_FOLDER, BOUNDARIES_ROUTE, LEAFLET_ROUTE, build_app
from dashboard.leaflet_map import STATIC_ROUTE


@pytest.fixture
def app_with_outlines(seed_store_url: str, tiny_boundaries: dict[str, Any]) -> Any:
    return build_app(seed_store_url, boundaries_loader=lambda: tiny_boundaries)


def test_healthz(app_with_outlines: Any) -> None:
    response = app_with_outlines.server.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_app_is_configured_for_offline_use(app_with_outlines: Any) -> None:
    assert app_with_outlines.title == "Sitrep"
    assert app_with_outlines.config.serve_locally is True
    assert Path(app_with_outlines.config.assets_folder) == ASSETS_FOLDER
    assert ASSETS_FOLDER == Path(__file__).resolve().parents[2] / "assets"
    page = app_with_outlines.server.test_client().get("/").get_data(as_text=True)
    assert "<title>Sitrep</title>" in page
    assert "https://" not in page  # no CDN


def test_stylesheet_is_served(app_with_outlines: Any) -> None:
    response = app_with_outlines.server.test_client().get("/assets/sitrep.css")
    assert response.status_code == 200
    assert "@import" not in response.get_data(as_text=True)  # no external fonts


def test_boundaries_are_served_once_and_referenced_by_url(
    app_with_outlines: Any, tiny_boundaries: dict[str, Any]
) -> None:
    response = app_with_outlines.server.test_client().get(BOUNDARIES_ROUTE)
    assert response.status_code == 200
    assert json.loads(response.get_data(as_text=True)) == tiny_boundaries


def test_without_boundaries_the_app_still_runs(seed_store_url: str) -> None:
    app = build_app(seed_store_url, boundaries_loader=lambda: None)
    client = app.server.test_client()
    assert client.get(BOUNDARIES_ROUTE).status_code == 404
    assert client.get("/healthz").status_code == 200


def test_layout_has_every_component_and_the_seed_countries(app_with_outlines: Any) -> None:
    layout = app_with_outlines.layout()
    text = repr(layout)
    for component_id in (ids.URL, ids.COUNTRY_FILTER, ids.DATE_FILTER, ids.DATE_SLIDER,
                         ids.TYPE_FILTER, ids.SUBTYPE_FILTER, ids.ACTOR_FILTER,
                         ids.LOCATION_FILTER, ids.SOURCE_FILTER, ids.MIN_FATALITIES,
                         ids.TEXT_SEARCH, ids.BUCKET, ids.RESET_BUTTON, ids.MAP_GRAPH,
                         ids.TIMELINE_CHART, ids.TYPE_CHART, ids.FATALITIES_CHART,
                         ids.LOCATIONS_CHART, ids.ACTORS_CHART, ids.EVENTS_TABLE,
                         ids.KEY_FIGURES, ids.LEAFLET_FRAME, ids.ARTICLE_PANEL,
                         ids.SELECTED_EVENT, ids.MAP_BOX):
        assert f"'{component_id}'" in text, component_id
    dropdown = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.COUNTRY_FILTER)
    assert [o["value"] for o in dropdown.options] == ["AFG", "IND", "PAK"]
    picker = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.DATE_FILTER)
    assert str(picker.min_date_allowed) == "2025-05-01"
    types = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.TYPE_FILTER)
    assert "Explosions/Remote violence" in types.options


def test_libraries_are_served_locally(app_with_outlines: Any) -> None:
    client = app_with_outlines.server.test_client()
    for path in ("leaflet/leaflet.js", "leaflet/leaflet.css", "jquery/jquery.min.js",
                 "markercluster/leaflet.markercluster.js", "heat/leaflet_heat.min.js"):
        response = client.get(f"{STATIC_ROUTE}/{path}")
        assert response.status_code == 200, path
        response.close()
    assert client.get(f"{STATIC_ROUTE}/nothing/x.js").status_code == 404
    assert client.get(f"{STATIC_ROUTE}/leaflet/../../../etc/passwd").status_code == 404


def test_the_leaflet_page_loads_nothing_from_outside(app_with_outlines: Any) -> None:
    client = app_with_outlines.server.test_client()
    page = client.get(f"{LEAFLET_ROUTE}?country=AFG").get_data(as_text=True)
    assert "L.map(" in page and "markerClusterGroup" in page and "heatLayer" in page
    assert not re.findall(r'(?:src|href)\s*=\s*"https?://', page)
    assert "Kabul" in page
    bad = client.get(f"{LEAFLET_ROUTE}?from=2025-12-01&to=2025-01-01")
    assert bad.status_code == 400 and "after the end date" in bad.get_data(as_text=True)


def _walk(node: Any) -> list[Any]:
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _walk(child)
    return found
