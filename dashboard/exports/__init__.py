"""Exports for briefings: charts, data, maps and briefing packs.

Every export is made from an :class:`ExportView` (the events of one
``EventFilter`` with their articles, see :func:`load_view`) and returns an
:class:`ExportResult` (bytes, file name, MIME type: what ``dcc.send_bytes``
takes).  The convenience functions below take a store and a filter, as the
dashboard's Export menu and the ``sitrep export`` command do::

    result = export(store, EventFilter(countries=("PAK",)), "chart", "png",
                    name="events-by-type")

Image formats (PNG at 2×, SVG, PDF, the static map, briefing packs) are
rendered by the system Chromium through kaleido, one browser per
:class:`ChartRenderer` (see :mod:`dashboard.exports.chromium`); without
Chromium they raise :class:`ChromiumNotFoundError` saying what to install,
while data (CSV, GeoJSON, XLSX) and the HTML map still work.
"""

from __future__ import annotations

from collections.abc import Mapping

from etl.store import EventFilter, Store
from dashboard.exports.briefing import BRIEFING_FORMATS, export_briefing
from dashboard.exports.charts import CHARTS, export_chart
from dashboard.exports.chromium import (
    CHROMIUM_ENV, IMAGE_FORMATS, ChartRenderer, close_shared_renderer, find_chromium,
    shared_renderer,
)
from dashboard.exports.data import DATA_FORMATS, export_data
from dashboard.exports.errors import ChromiumNotFoundError, ExportError, RenderError
from dashboard.exports.maps import MAP_FORMATS, export_map
from dashboard.exports.view import ExportResult, ExportView, load_view, view_from_rows

__all__ = [
    "KINDS", "FORMATS", "export", "ExportResult", "ExportView", "load_view", "view_from_rows",
    "export_data", "export_chart", "export_map", "export_briefing", "CHARTS", "ChartRenderer",
    "shared_renderer", "close_shared_renderer", "find_chromium", "CHROMIUM_ENV",
    "ExportError", "ChromiumNotFoundError", "RenderError", "DATA_FORMATS", "IMAGE_FORMATS",
    "MAP_FORMATS", "BRIEFING_FORMATS",
]

KINDS: tuple[str, ...] = ("data", "chart", "map", "briefing")
FORMATS: dict[str, tuple[str, ...]] = {
    "data": DATA_FORMATS, "chart": IMAGE_FORMATS, "map": MAP_FORMATS,
    "briefing": BRIEFING_FORMATS,
}


def export(
    store: Store, flt: EventFilter | None, kind: str, fmt: str, *, name: str | None = None,
    renderer: ChartRenderer | None = None, center: Mapping[str, float] | None = None,
    zoom: float | None = None, unit: str = "reports",
) -> ExportResult:
    """One export of the events of ``flt`` in ``store``.

    ``kind`` is ``data``, ``chart`` (``name`` one of :data:`CHARTS`), ``map``
    (``center``/``zoom``: the dashboard's current map view) or ``briefing``;
    ``unit``: count ``"incidents"`` (one per happening, what the dashboard
    shows by default) or ``"reports"`` (events, one per article).
    Raises :class:`ExportError` for an unknown kind, format or chart.
    """
    if kind not in FORMATS:
        raise ExportError(f"unknown export {kind!r} (one of {', '.join(KINDS)})")
    if fmt not in FORMATS[kind]:
        raise ExportError(f"{kind} exports as {', '.join(FORMATS[kind])}, not {fmt!r}")
    if kind == "chart" and name not in CHARTS:
        raise ExportError(f"unknown chart {name!r} (one of {', '.join(CHARTS)})")
    if kind == "briefing" or (kind in ("chart", "map") and fmt != "html"):
        renderer = renderer or shared_renderer()
        renderer.prestart()  # the browser starts while the store is read
    view = load_view(store, flt, unit=unit)
    if kind == "data":
        return export_data(view, fmt)
    if kind == "chart":
        assert name is not None
        return export_chart(view, name, fmt, renderer=renderer)
    if kind == "map":
        return export_map(view, fmt, renderer=renderer, center=center, zoom=zoom)
    return export_briefing(view, fmt, renderer=renderer)
