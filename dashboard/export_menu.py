"""The Export menu: the current view as data, chart images, map and briefing.

Plain functions, no Dash context; the callback in :mod:`dashboard.callbacks`
reads the menu, the URL and the map's state, calls :func:`export_outcome` and
hands the bytes to ``dcc.Download`` (``dcc.send_bytes``).

What "the current view" means, per export (the same ``EventFilter`` the
dashboard's views use, :func:`dashboard.filters.to_event_filter`):

- data (CSV, GeoJSON, XLSX), charts and the briefing pack: the URL's filters
  narrowed by the map selection (``MAP_BOX``), like the charts and the table;
- the map (HTML, PNG): the URL's filters only, like the map itself, at the
  map's current centre and zoom (the ``map.center``/``map.zoom`` of its
  ``relayoutData``, kept in ``MAP_VIEW`` by a client-side callback and
  checked by :func:`map_view_from_relayout`; the events' extent when the user
  has not moved the map).

Image exports need Chromium (:func:`dashboard.exports.shared_renderer`, one
browser for the process); without it the user gets an alert saying what to
install, while data and HTML-map exports still work.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from dash.development.base_component import Component
from dash import html

from dashboard.alerts import alert
from dashboard.data import FilterError, shown
from dashboard.exports import (
    CHARTS,
    ChartRenderer,
    ChromiumNotFoundError,
    ExportError,
    ExportResult,
    export,
    shared_renderer,
)
from dashboard.filters import Filters, filters_from_query, to_event_filter
from etl.errors import EtlError
from etl.store import Store

logger = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_CHOICE",
    "EXPORT_CHOICES",
    "ExportChoice",
    "ExportOutcome",
    "MapView",
    "choice_options",
    "export_for_view",
    "export_outcome",
    "map_view_from_relayout",
]

# The same known store failures as dashboard.callbacks.STORE_ERRORS (not
# imported from there: that module imports this one).
_STORE_ERRORS = (EtlError, sa.exc.SQLAlchemyError, OSError)

MapView = dict[str, Any]
"""The map's current view, as kept in the ``MAP_VIEW`` store:
``{"center": {"lat": …, "lon": …}, "zoom": …}``."""

RendererFactory = Callable[[], ChartRenderer]


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """One entry of the Export menu: what :func:`dashboard.exports.export` makes."""

    value: str
    label: str
    kind: str
    fmt: str
    name: str | None = None

    @property
    def needs_chromium(self) -> bool:
        """Rendered by Chromium (charts, map images, briefing packs)."""
        return self.kind in ("chart", "briefing") or (self.kind == "map" and self.fmt != "html")


_FORMAT_LABELS = {"csv": "CSV", "geojson": "GeoJSON", "xlsx": "Excel (XLSX)", "png": "PNG",
                  "svg": "SVG", "pdf": "PDF", "html": "interactive HTML (offline)",
                  "pptx": "PowerPoint (PPTX)"}


def _choices() -> tuple[ExportChoice, ...]:
    choices = [ExportChoice(f"data:{fmt}", f"Data — {_FORMAT_LABELS[fmt]}", "data", fmt)
               for fmt in ("csv", "geojson", "xlsx")]
    for name, spec in CHARTS.items():
        choices += [ExportChoice(f"chart:{name}:{fmt}", f"Chart “{spec.title}” — {_FORMAT_LABELS[fmt]}",
                                 "chart", fmt, name)
                    for fmt in ("png", "svg", "pdf")]
    choices += [ExportChoice(f"map:{fmt}", f"Map — {_FORMAT_LABELS[fmt]}", "map", fmt)
                for fmt in ("html", "png")]
    choices += [ExportChoice(f"briefing:{fmt}", f"Briefing pack — {_FORMAT_LABELS[fmt]}",
                             "briefing", fmt)
                for fmt in ("pdf", "pptx")]
    return tuple(choices)


EXPORT_CHOICES: dict[str, ExportChoice] = {c.value: c for c in _choices()}
"""The menu's entries by value (``"data:csv"``, ``"chart:events-by-type:png"``,
``"map:html"``, ``"briefing:pdf"`` …), in menu order."""
DEFAULT_CHOICE = "data:csv"


def choice_options() -> list[dict[str, str]]:
    """The menu's ``dcc.Dropdown`` options."""
    return [{"label": c.label, "value": c.value} for c in EXPORT_CHOICES.values()]


# -- the map's view ------------------------------------------------------------------

def _number(value: Any) -> float | None:
    """A finite number (an int, a float or numeric text), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) > 40:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def map_view_from_relayout(
    relayout: Any, previous: Any = None
) -> MapView | None:
    """The map's view after a ``relayoutData`` event of the MapLibre map.

    plotly.js reports a pan or zoom as ``{"map.center": {"lon", "lat"},
    "map.zoom": z, …}``; other relayouts (autosize, a selection) leave the
    ``previous`` view.  Values come from the browser and are checked:
    latitude within ±90, zoom within 0–24, else they are ignored (as is a
    ``relayout`` or ``previous`` that is not an object).
    """
    view: dict[str, Any] = dict(previous) if isinstance(previous, Mapping) else {}
    if isinstance(relayout, Mapping):
        center = relayout.get("map.center")
        if isinstance(center, Mapping):
            lat, lon = _number(center.get("lat")), _number(center.get("lon"))
            if lat is not None and lon is not None and -90 <= lat <= 90:
                view["center"] = {"lat": lat,
                                  "lon": lon if -180 <= lon <= 180 else (lon + 180) % 360 - 180}
        zoom = _number(relayout.get("map.zoom"))
        if zoom is not None and 0 <= zoom <= 24:
            view["zoom"] = zoom
    return view or None


def _map_center_zoom(view: Mapping[str, Any] | None) -> tuple[dict[str, float] | None, float | None]:
    if not isinstance(view, Mapping) or not view:
        return None, None
    center = view.get("center")
    zoom = _number(view.get("zoom"))
    if not isinstance(center, Mapping):
        center = None
    else:
        lat, lon = _number(center.get("lat")), _number(center.get("lon"))
        center = {"lat": lat, "lon": lon} if lat is not None and lon is not None else None
    return center, zoom


# -- exports -------------------------------------------------------------------------

def _filters(filter_state: str | Filters | None) -> Filters:
    if isinstance(filter_state, Filters):
        return filter_state
    return filters_from_query(filter_state)


def export_for_view(
    store: Store,
    filter_state: str | Filters | None,
    choice: str | None,
    *,
    box: Any = None,
    map_view: Mapping[str, Any] | None = None,
    renderer_factory: RendererFactory = shared_renderer,
) -> ExportResult:
    """The export ``choice`` (a value of :data:`EXPORT_CHOICES`) of the view
    ``filter_state`` (the URL's query string, or :class:`Filters`).

    ``box`` is the map selection (``MAP_BOX``), ``map_view`` the map's
    centre and zoom (``MAP_VIEW``); see the module docstring for which
    export uses which.  ``renderer_factory`` is called only for exports that
    need Chromium.  Raises :class:`FilterError` (malformed filters),
    :class:`ExportError` (unknown choice; :class:`ChromiumNotFoundError`,
    :class:`RenderError`) and the store's errors.
    """
    entry = EXPORT_CHOICES.get(choice) if isinstance(choice, str) else None
    if entry is None:
        raise ExportError(f"Unknown export {shown(choice)}: choose one from the Export menu.")
    filters = _filters(filter_state)
    renderer = renderer_factory() if entry.needs_chromium else None
    if entry.kind == "map":
        center, zoom = _map_center_zoom(map_view)
        return export(store, to_event_filter(filters), "map", entry.fmt, renderer=renderer,
                      center=center, zoom=zoom, unit=filters.unit)
    return export(store, to_event_filter(filters, bbox=box), entry.kind, entry.fmt,
                  name=entry.name, renderer=renderer, unit=filters.unit)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What the Export callback shows: the file (``None`` on failure) and
    the status under the menu (a note, or an alert)."""

    result: ExportResult | None
    status: Component


def _size_text(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    if n_bytes < 1024 * 1024:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{n_bytes / 1024 / 1024:.1f} MB"


def export_outcome(
    store: Store,
    filter_state: str | Filters | None,
    choice: str | None,
    *,
    box: Any = None,
    map_view: Mapping[str, Any] | None = None,
    renderer_factory: RendererFactory = shared_renderer,
) -> ExportOutcome:
    """:func:`export_for_view` with its known errors as an alert for the user
    (never a traceback): bad filters, no Chromium, a failed render, an
    unreadable store."""
    try:
        result = export_for_view(store, filter_state, choice, box=box, map_view=map_view,
                                 renderer_factory=renderer_factory)
    except FilterError as error:
        return ExportOutcome(None, alert(f"Cannot export: {error}", level="warning"))
    except ChromiumNotFoundError as error:
        logger.warning("export %s without Chromium: %s", shown(choice), error)
        return ExportOutcome(None, alert(str(error)))
    except ExportError as error:
        logger.warning("export %s failed: %s", shown(choice), error)
        return ExportOutcome(None, alert(f"The export failed: {error}"))
    except _STORE_ERRORS as error:
        logger.exception("cannot read the store for export %s", shown(choice))
        return ExportOutcome(None, alert(f"Cannot read the event store: {type(error).__name__}."))
    logger.info("exported %s (%d bytes)", result.filename, len(result.content))
    note = html.P(f"Exported {result.filename} ({_size_text(len(result.content))}).",
                  className="export-done")
    return ExportOutcome(result, note)
