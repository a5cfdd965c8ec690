"""The events of the current view as CSV, GeoJSON and XLSX.

Columns are the event fields of DESIGN §4 (``etl.records.EVENT_FIELDS``), in
that order, as in ``sitrep events``.  Values are the data as stored: article
text is never turned into markup or formulas (the XLSX writes every string as
a string cell, so a title starting with ``=`` stays text).

* CSV: UTF-8 with a byte-order mark (Excel then reads non-ASCII names right),
  dates ISO 8601, empty cells for unknown values; a text cell that starts
  like a formula (``=``, ``+``, ``-``, ``@``) is prefixed with an apostrophe so
  a spreadsheet shows it as text instead of running it.
* GeoJSON (RFC 7946): a FeatureCollection of Point features (lon, lat); an
  event without coordinates has ``"geometry": null``.  A top-level
  ``"sitrep"`` member carries the filters, period, sources line and time of
  generation (foreign members are allowed by RFC 7946 §6.1).
* XLSX: sheet ``Events`` (one row per event), sheet ``Sources`` (article
  title, source, url, published, number of events) and sheet ``About`` (the
  filters, period, sources line and time of generation).

Counting incidents (the dashboard's default), there is one row per
incident, still with the event columns (DESIGN §4: an incident's id is its
first report's event id, ``fatalities`` its best figure, the place and date
its own, the evidence of the report that stands for it, ``source`` that
source or "3 sources") followed by the incident's own
(:data:`INCIDENT_COLUMNS`: ``fatalities_best``, ``n_reports``, ``n_sources``,
``first_reported``, ``last_reported``, ``article_ids``, joined by ``;`` in
CSV); the XLSX adds a ``Reports`` sheet: every event that tells them, with
its ``incident_id``.
"""

from __future__ import annotations

import io
import json
import math
from datetime import date, datetime
from typing import Any

from etl.csvfile import csv_bytes
from etl.records import EVENT_FIELDS
from etl.store import INCIDENT_FIELDS
from dashboard.exports.errors import ExportError
from dashboard.exports.view import ExportResult, ExportView

__all__ = ["DATA_FORMATS", "MIME_TYPES", "INCIDENT_COLUMNS", "to_csv", "to_geojson", "to_xlsx",
           "export_data"]

DATA_FORMATS: tuple[str, ...] = ("csv", "geojson", "xlsx")
MIME_TYPES = {
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SOURCE_COLUMNS: tuple[str, ...] = ("title", "source", "url", "published", "events", "article_id")
INCIDENT_COLUMNS: tuple[str, ...] = tuple(f for f in INCIDENT_FIELDS if f not in EVENT_FIELDS)
"""The incident's columns after the event columns, counting incidents."""


def _plain(value: Any) -> Any:
    """A JSON/CSV-ready value: dates as ISO strings, NaN as None."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def about_lines(view: ExportView) -> list[str]:
    return [view.filters_text, view.period_text, view.sources_text, view.generated_text]


def _records(view: ExportView, *, joined: bool) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The exported rows and their columns: the events, or the incidents'
    records (``joined``: the article ids as one ``;``-separated cell)."""
    if view.unit != "incidents":
        return view.rows, EVENT_FIELDS
    own = {str(r.get("incident_id")): r for r in view.incidents}
    rows = []
    for row in view.rows:
        record = own.get(str(row.get("incident_id")), {})
        ids = list(record.get("article_ids") or [])
        rows.append({**row, **{c: record.get(c) for c in INCIDENT_COLUMNS},
                     "article_ids": ";".join(ids) if joined else ids})
    return rows, (*EVENT_FIELDS, *INCIDENT_COLUMNS)


def to_csv(view: ExportView) -> bytes:
    rows, fields = _records(view, joined=True)
    return csv_bytes(rows, fieldnames=fields)


def to_geojson(view: ExportView) -> bytes:
    rows, fields = _records(view, joined=False)
    key = "incident_id" if view.unit == "incidents" else "event_id"
    features = []
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        located = lat is not None and lon is not None and not (
            isinstance(lat, float) and math.isnan(lat)) and not (
            isinstance(lon, float) and math.isnan(lon))
        features.append({
            "type": "Feature",
            "id": row.get(key),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]} if located else None,
            "properties": {k: _plain(row.get(k)) for k in fields},
        })
    collection = {
        "type": "FeatureCollection",
        "sitrep": {"filters": view.filters_text, "period": view.period_text,
                   "sources": view.sources_text, "counts": view.noun,
                   "generated": view.generated_at.isoformat(timespec="seconds")},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def to_xlsx(view: ExportView) -> bytes:
    import xlsxwriter  # python-pptx's own dependency; fast, streaming writer

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "constant_memory": True,
        "default_date_format": "yyyy-mm-dd",
    })
    bold = book.add_format({"bold": True})

    def cell(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day)
        return value

    # write_row dispatches on type: str -> string cell (never a formula or URL,
    # see the workbook options), numbers, datetimes (default_date_format), None
    # -> nothing.
    def table(title: str, rows: list[dict[str, Any]], fields: tuple[str, ...]) -> None:
        sheet = book.add_worksheet(title)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, fields, bold)
        for r, row in enumerate(rows, start=1):
            sheet.write_row(r, 0, [cell(row.get(column)) for column in fields])
        sheet.autofilter(0, 0, max(len(rows), 1), len(fields) - 1)

    if view.unit == "incidents":
        rows, fields = _records(view, joined=True)
        table("Incidents", rows, fields)
        table("Reports", view.reports, EVENT_FIELDS)
    else:
        table("Events", view.rows, EVENT_FIELDS)

    sources = book.add_worksheet("Sources")
    sources.freeze_panes(1, 0)
    sources.set_column(0, 0, 60)
    sources.set_column(1, 1, 24)
    sources.set_column(2, 2, 50)
    sources.set_column(3, 3, 12)
    for c, name in enumerate(SOURCE_COLUMNS):
        sources.write_string(0, c, name, bold)
    for r, s in enumerate(view.sources, start=1):
        sources.write_row(r, 0, [cell(v) for v in (s.title, s.source, s.url, s.published,
                                                   s.n_events, s.article_id)])

    about = book.add_worksheet("About")
    about.set_column(0, 0, 120)
    for r, line in enumerate(about_lines(view)):
        about.write_string(r, 0, line)
    book.close()
    return buffer.getvalue()


_WRITERS = {"csv": to_csv, "geojson": to_geojson, "xlsx": to_xlsx}


def export_data(view: ExportView, fmt: str) -> ExportResult:
    """The view's events as ``fmt`` (``csv``, ``geojson`` or ``xlsx``)."""
    if fmt not in _WRITERS:
        raise ExportError(f"unknown data format {fmt!r} (one of {', '.join(DATA_FORMATS)})")
    return ExportResult(_WRITERS[fmt](view), f"{view.stem}-{view.noun}.{fmt}", MIME_TYPES[fmt])
