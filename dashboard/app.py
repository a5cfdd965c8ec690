"""The Dash app factory and the ``sitrep serve`` entry point.

``build_app`` opens the store (read side), loads the country outlines once,
and builds a ``dash.Dash`` whose layout is a function: every page load reads
the store again, so newly ingested events appear on reload.  Everything is
served locally (``serve_locally=True``, no CDN, no external fonts): the app
works with no network.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import dash
from dash import html

from dashboard.alerts import alert
from dashboard.callbacks import STORE_ERRORS, register_callbacks
from dashboard.data import country_names, country_options, date_bounds, load_boundaries, load_events
from dashboard.layout import build_layout
from etl.store import Store

logger = logging.getLogger(__name__)

__all__ = ["ASSETS_FOLDER", "BOUNDARIES_ROUTE", "build_app", "serve"]

ASSETS_FOLDER = Path(__file__).resolve().parent.parent / "assets"
BOUNDARIES_ROUTE = "/_sitrep/boundaries.geojson"
"""Where the app serves the country outlines (from :mod:`geo.boundaries`,
serialised once at start-up); the map's GeoJSON layers point here."""


def _layout_factory(store: Store, names: Mapping[str, str]) -> Callable[[], html.Div]:
    def layout() -> html.Div:
        try:
            events = load_events(store)
        except STORE_ERRORS as error:
            logger.exception("cannot read the store for the page layout")
            return build_layout(
                country_options=[],
                startup_alert=alert(f"Cannot read the event store: {type(error).__name__}."),
            )
        first, last = date_bounds(events)
        return build_layout(country_options=country_options(events, names),
                            min_date=first, max_date=last)

    return layout


def build_app(
    store_url: str | None = None,
    *,
    boundaries_loader: Callable[[], Mapping[str, Any] | None] = load_boundaries,
) -> dash.Dash:
    """Build the Sitrep dashboard over the store at ``store_url`` (default:
    ``$SITREP_DB`` or ``sitrep.db``, see :func:`etl.store.resolve_url`).

    ``boundaries_loader`` returns the country outlines as GeoJSON (``None``:
    no outlines); tests pass a tiny GeoJSON.  The outlines are served as
    JSON at ``BOUNDARIES_ROUTE`` and the map layers refer to that URL, so
    the browser fetches them once.  Raises :class:`etl.errors.StoreError`
    when the store cannot be opened.
    """
    store = Store(store_url)
    boundaries = boundaries_loader()
    names = country_names(boundaries)
    boundaries_json = json.dumps(boundaries, separators=(",", ":")) if boundaries else None
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS_FOLDER),
        serve_locally=True,
        title="Sitrep",
        update_title=None,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = _layout_factory(store, names)
    boundaries_url = app.get_relative_path(BOUNDARIES_ROUTE) if boundaries_json else None
    register_callbacks(app, store=store, names=names, boundaries=boundaries_url)

    @app.server.route("/healthz")
    def healthz() -> tuple[str, int, dict[str, str]]:
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.server.route(BOUNDARIES_ROUTE)
    def boundaries_geojson() -> tuple[str, int, dict[str, str]]:
        if boundaries_json is None:
            return "no country boundaries loaded", 404, {"Content-Type": "text/plain"}
        return boundaries_json, 200, {"Content-Type": "application/geo+json",
                                      "Cache-Control": "public, max-age=3600"}

    logger.info("dashboard built over %s (%s outlines)", store.url,
                "with" if boundaries else "without")
    return app


def serve(*, store_url: str | None, host: str = "127.0.0.1", port: int = 8050,
          debug: bool = False) -> None:
    """Run the dashboard with Flask's server (``sitrep serve``)."""
    app = build_app(store_url)
    logger.info("serving Sitrep on http://%s:%d/", host, port)
    app.run(host=host, port=port, debug=debug)
