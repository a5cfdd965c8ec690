"""The app factory: routes, assets, offline serving (Flask test client)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.app import ASSETS_FOLDER, BOUNDARIES_ROUTE, build_app


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
    for component_id in (ids.COUNTRY_FILTER, ids.DATE_FILTER, ids.RESET_BUTTON, ids.MAP_GRAPH,
                         ids.TYPE_CHART, ids.FATALITIES_CHART, ids.EVENT_LIST,
                         ids.ARTICLE_PANEL, ids.SELECTED_EVENT):
        assert f"'{component_id}'" in text, component_id
    dropdown = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.COUNTRY_FILTER)
    assert [o["value"] for o in dropdown.options] == ["AFG", "IND", "PAK"]
    picker = next(c for c in _walk(layout) if getattr(c, "id", None) == ids.DATE_FILTER)
    assert str(picker.min_date_allowed) == "2025-05-01"


def _walk(node: Any) -> list[Any]:
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _walk(child)
    return found
