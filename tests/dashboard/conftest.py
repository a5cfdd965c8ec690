"""Fixtures of the dashboard tests.

- ``pytest_setup_options``: Chrome options for ``dash[testing]``'s
  ``dash_duo`` (headless Debian Chromium, runs as root in a container).
- ``seed_store_url`` comes from ``tests/conftest.py``: the seed article
  ingested by the real ETL.
- ``tiny_boundaries``: a two-country GeoJSON (rough boxes, not real borders)
  standing in for the Natural Earth file.
"""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.chrome.options import Options


CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1366,768",
    # WebGL (MapLibre, i.e. the map) on the CPU: recent Chromium no longer
    # falls back to SwiftShader by itself.
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
)


def chrome_options() -> Options:
    """Options for headless Debian Chromium, as root, offline."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return options


def pytest_setup_options() -> Options:
    """Hook of ``dash[testing]``: the WebDriver options ``dash_duo`` uses."""
    return chrome_options()


@pytest.fixture
def tiny_boundaries() -> dict[str, Any]:
    """Two boxes named like Natural Earth features (iso_a3, name)."""
    def box(code: str, name: str, west: float, south: float, east: float,
            north: float) -> dict[str, Any]:
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        return {"type": "Feature", "properties": {"iso_a3": code, "name": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}

    return {"type": "FeatureCollection", "features": [
        box("PAK", "Pakistan", 61.0, 23.5, 77.0, 37.0),
        box("AFG", "Afghanistan", 60.5, 29.4, 74.9, 38.5),
    ]}
