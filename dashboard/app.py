"""The Dash app factory and the ``sitrep serve`` entry point.

``build_app`` opens the store (read side), loads the country outlines once,
and builds a ``dash.Dash`` whose layout is a function: every page load reads
the store again, so newly ingested events appear on reload.  Everything is
served locally (``serve_locally=True``, no CDN, no external fonts): the app
works with no network.
"""

from __future__ import annotations

import json
from html import escape as html_escape
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import dash
import flask
from dash import html
from dash.exceptions import DependencyException

from dashboard.alerts import alert
from dashboard.callback_requests import CallbackRequestError, check_callback_request
from dashboard.callbacks import STORE_ERRORS, register_callbacks
from dashboard.columnar import EventIndex
from dashboard.data import FilterError, country_names, load_boundaries
from dashboard.filters import filters_from_query, to_event_filter
from dashboard.incidents import IncidentView, Sources, for_unit
from dashboard.layout import FilterOptions, build_layout
from dashboard.leaflet_map import STATIC_ROUTE, leaflet_html, regional_outlines, static_dirs
from dashboard.server import cache_views, secure
from etl.store import Store

logger = logging.getLogger(__name__)

__all__ = ["ASSETS_FOLDER", "BOUNDARIES_ROUTE", "LEAFLET_ROUTE", "build_app", "serve",
           "filter_options", "index_cache_path", "read_sources"]

ASSETS_FOLDER = Path(__file__).resolve().parent.parent / "assets"
BOUNDARIES_ROUTE = "/_sitrep/boundaries.geojson"
"""Where the app serves the country outlines (from :mod:`geo.boundaries`,
serialised once at start-up); the map's GeoJSON layers point here."""
LEAFLET_ROUTE = "/_sitrep/leaflet"
"""The Leaflet (folium) page of the filtered events; takes the dashboard's
query string (see :mod:`dashboard.filters`)."""
MAX_OPTIONS = 500


def filter_options(store: Store, names: Mapping[str, str]) -> FilterOptions:
    """The filter dropdowns' options from the store: the values present,
    most frequent first (at most ``MAX_OPTIONS`` actors and locations);
    countries labelled ``"Pakistan (PAK)"`` and sorted by name."""
    codes = store.distinct_values("country")
    countries = sorted(({"label": f"{names[c]} ({c})" if c in names else c, "value": c}
                        for c in codes), key=lambda o: o["label"].casefold())
    actors = list(dict.fromkeys(store.distinct_values("actor1", limit=MAX_OPTIONS)
                                + store.distinct_values("actor2", limit=MAX_OPTIONS)))
    first, last = store.event_date_bounds()
    return FilterOptions(
        countries=countries,
        event_types=store.distinct_values("event_type"),
        sub_event_types=sorted(store.distinct_values("sub_event_type")),
        actors=sorted(actors[:MAX_OPTIONS], key=str.casefold),
        locations=sorted(store.distinct_values("location", limit=MAX_OPTIONS), key=str.casefold),
        sources=sorted(store.distinct_values("source"), key=str.casefold),
        min_date=first, max_date=last,
    )


def index_cache_path(store: Store, *, kind: str = "index") -> Path | None:
    """Where an in-memory index is cached for a fast restart: next to an
    SQLite store's file (``sitrep.db`` → ``sitrep.db.index.npz``; ``kind``
    ``"incidents"``: ``sitrep.db.incidents.npz``); ``None`` for other stores."""
    url = store.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).with_name(f"{Path(url.database).name}.{kind}.npz")


def read_sources(store: Store, *, in_memory: bool) -> Sources:
    """The reports' and the incidents' read sides: in-memory indexes (each
    cached next to an SQLite store's file) or the store's SQL."""
    incidents_store = store.incident_reader()
    if not in_memory:
        return Sources(reports=store, incidents=IncidentView(store, incidents_store))
    reports = EventIndex(store, cache_path=index_cache_path(store))
    incidents = EventIndex(incidents_store, text_in_memory=False,
                           cache_path=index_cache_path(store, kind="incidents"))
    return Sources(reports=reports, incidents=IncidentView(reports, incidents))


def _layout_factory(store: Store, names: Mapping[str, str]) -> Callable[[], html.Div]:
    def layout() -> html.Div:
        try:
            options = filter_options(store, names)
        except STORE_ERRORS as error:
            logger.exception("cannot read the store for the page layout")
            return build_layout(
                options=FilterOptions(),
                startup_alert=alert(f"Cannot read the event store: {type(error).__name__}."),
            )
        return build_layout(options=options)

    return layout


def build_app(
    store_url: str | None = None,
    *,
    boundaries_loader: Callable[[], Mapping[str, Any] | None] = load_boundaries,
    in_memory: bool = True,
) -> dash.Dash:
    """Build the Sitrep dashboard over the store at ``store_url`` (default:
    ``$SITREP_DB`` or ``sitrep.db``, see :func:`etl.store.resolve_url`).

    ``boundaries_loader`` returns the country outlines as GeoJSON (``None``:
    no outlines); tests pass a tiny GeoJSON.  The outlines are served as
    JSON at ``BOUNDARIES_ROUTE`` and the map layers refer to that URL, so
    the browser fetches them once.  Raises :class:`etl.errors.StoreError`
    when the store cannot be opened.

    ``in_memory`` (default): the views' aggregates come from an
    :class:`dashboard.columnar.EventIndex` over the store (fast with a
    million events; loaded at start-up, refreshed when the store grows);
    ``False``: every aggregate is an SQL query.
    """
    store = Store(store_url)
    try:
        store.ensure_read_indexes()
    except STORE_ERRORS:
        logger.warning("cannot create the read indexes in %s (read-only store?)", store.url)
    source: Any = read_sources(store, in_memory=in_memory)
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
    app.layout = _layout_factory(source, names)
    boundaries_url = app.get_relative_path(BOUNDARIES_ROUTE) if boundaries_json else None
    static_prefix = app.get_relative_path(STATIC_ROUTE)
    outlines = regional_outlines(boundaries)

    def date_bounds() -> tuple[Any, Any]:
        try:
            return source.event_date_bounds()
        except STORE_ERRORS:
            logger.exception("cannot read the store's date range")
            return None, None

    register_callbacks(app, store=source, names=names, boundaries=boundaries_url,
                       date_bounds=date_bounds, leaflet_route=app.get_relative_path(LEAFLET_ROUTE))
    libraries = static_dirs()

    @app.server.route(f"{STATIC_ROUTE}/<library>/<path:filename>")
    def static_library(library: str, filename: str) -> flask.Response:
        folder = libraries.get(library)
        if folder is None:
            flask.abort(404)
        response = flask.send_from_directory(folder, filename, max_age=86400)
        return response

    @app.server.route(LEAFLET_ROUTE)
    def leaflet_page() -> tuple[str, int, dict[str, str]]:
        # Bad filters are the client's (400, with the reason); an unreadable
        # store is the service's (503).  The query string's bytes are decoded
        # with replacement: an invalid UTF-8 escape is not an error.
        headers = {"Content-Type": "text/html; charset=utf-8"}
        try:
            filters = filters_from_query(flask.request.query_string.decode("utf-8", "replace"))
            page = leaflet_html(for_unit(source, filters.unit), to_event_filter(filters),
                                prefix=static_prefix, outlines=outlines, unit=filters.unit)
        except FilterError as error:
            return f"<p role=alert>{html_escape(str(error))}</p>", 400, headers
        except STORE_ERRORS as error:
            logger.exception("cannot build the Leaflet page")
            return (f"<p role=alert>Cannot read the event store: "
                    f"{html_escape(type(error).__name__)}.</p>", 503, headers)
        return page, 200, headers

    _check_callback_requests(app)

    @app.server.route("/healthz")
    def healthz() -> tuple[str, int, dict[str, str]]:
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}

    @app.server.route(BOUNDARIES_ROUTE)
    def boundaries_geojson() -> tuple[str, int, dict[str, str]]:
        if boundaries_json is None:
            return "no country boundaries loaded", 404, {"Content-Type": "text/plain"}
        return boundaries_json, 200, {"Content-Type": "application/geo+json",
                                      "Cache-Control": "public, max-age=3600"}

    secure(app, stores=[store], own_pages=[LEAFLET_ROUTE])
    if in_memory:
        cache_views(app, version=lambda: (source.reports.version(),
                                          source.incidents.incidents.version()))
    logger.info("dashboard built over %s (%s outlines)", store.url,
                "with" if boundaries else "without")
    return app


def _check_callback_requests(app: dash.Dash) -> None:
    """Answer 400, before Dash runs anything, to a callback request that does
    not fit the callback it names (:mod:`dashboard.callback_requests`), and
    404 to a request for a component file Dash does not serve (Dash raises
    ``DependencyException``: a 500)."""
    dispatch_path = f"{app.config.routes_pathname_prefix}_dash-update-component"

    @app.server.before_request
    def check_dispatch() -> tuple[str, int, dict[str, str]] | None:
        request = flask.request
        if request.method != "POST" or request.path != dispatch_path:
            return None
        body = request.get_json(silent=True)
        try:
            check_callback_request(body, app.callback_map)
        except CallbackRequestError as error:
            logger.info("rejected a callback request: %s", error)
            return f"Bad callback request: {error}.", 400, {"Content-Type": "text/plain; charset=utf-8"}
        return None

    @app.server.errorhandler(DependencyException)
    def unknown_component_file(_error: DependencyException) -> tuple[str, int, dict[str, str]]:
        return "no such component file", 404, {"Content-Type": "text/plain; charset=utf-8"}


def serve(*, store_url: str | None, host: str = "127.0.0.1", port: int = 8050,
          debug: bool = False) -> None:
    """Run the dashboard with Flask's development server (``sitrep serve
    --dev``; the production server is :func:`dashboard.server.serve`)."""
    app = build_app(store_url)
    logger.info("serving Sitrep on http://%s:%d/", host, port)
    app.run(host=host, port=port, debug=debug)
