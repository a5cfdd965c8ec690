"""The events table (dash-ag-grid): column definitions and rows.

The grid gets the newest :data:`MAX_TABLE_ROWS` matching events (sorting,
column filters and paging happen in the browser on those rows); the note
above it says when more events match.  Cells are plain text (AG Grid
renders values as text unless a cell renderer says otherwise: none does
here).  A click on a row selects its event; the article panel opens it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import dash_ag_grid as dag

from dashboard import ids
from dashboard.figures import format_event_date
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = ["MAX_TABLE_ROWS", "TABLE_COLUMNS", "column_defs", "table_rows", "load_table",
           "events_grid", "selection_from_row", "table_note"]

MAX_TABLE_ROWS = 1_000
PAGE_SIZE = 20
TABLE_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "event_date", "date_precision", "event_type", "sub_event_type",
    "location", "country", "fatalities", "actor1", "actor2", "source", "evidence",
)


def column_defs() -> list[dict[str, Any]]:
    """AG Grid columns: sortable and filterable; ids hidden."""
    return [
        {"field": "date", "headerName": "Date", "width": 120, "sort": "desc",
         "filter": "agTextColumnFilter"},
        {"field": "event_type", "headerName": "Type", "width": 170},
        {"field": "sub_event_type", "headerName": "Sub-type", "width": 170},
        {"field": "location", "headerName": "Location", "width": 150},
        {"field": "country", "headerName": "Country", "width": 95},
        {"field": "fatalities", "headerName": "Fatalities", "width": 105,
         "filter": "agNumberColumnFilter", "type": "numericColumn"},
        {"field": "actor1", "headerName": "Actor 1", "width": 180},
        {"field": "actor2", "headerName": "Actor 2", "width": 180},
        {"field": "source", "headerName": "Source", "width": 140,
         "headerTooltip": "The source that reported it, or how many sources did"},
        {"field": "evidence", "headerName": "Evidence", "flex": 1, "minWidth": 300,
         "tooltipField": "evidence"},
        {"field": "event_id", "hide": True},
        {"field": "article_id", "hide": True},
    ]


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def table_rows(rows: Sequence[Mapping[str, Any]], *,
               unit: str = "reports") -> list[dict[str, Any]]:
    """Grid rows from store rows: JSON-safe values, the date as analysts
    read it (``~2025-10-12`` within a week, ``May 2025`` for a month);
    rows of incidents say so (``"unit": "incidents"``: a click opens the
    incident)."""
    out = []
    for row in rows:
        out.append({
            "event_id": str(row.get("event_id") or ""),
            "article_id": str(row.get("article_id") or ""),
            "date": format_event_date(row.get("event_date"), row.get("date_precision"))
            if row.get("event_date") else "date unknown",
            "iso_date": _iso(row.get("event_date")),
            "event_type": str(row.get("event_type") or ""),
            "sub_event_type": str(row.get("sub_event_type") or ""),
            "location": str(row.get("location") or ""),
            "country": str(row.get("country") or ""),
            "fatalities": int(row.get("fatalities") or 0),
            "actor1": str(row.get("actor1") or ""),
            "actor2": str(row.get("actor2") or ""),
            "source": str(row.get("source") or ""),
            "evidence": str(row.get("evidence") or ""),
            **({"unit": unit} if unit == "incidents" else {}),
        })
    return out


def load_table(store: Store, flt: EventFilter, *, limit: int = MAX_TABLE_ROWS,
               unit: str = "reports") -> list[dict[str, Any]]:
    """The newest ``limit`` matching events (or incidents) as grid rows."""
    return table_rows(store.events_page(flt, limit=limit, columns=TABLE_COLUMNS), unit=unit)


def table_note(shown: int, total: int, *, unit: str = "events") -> str:
    """``"1,000 newest of 52,310 events"`` or ``"12 incidents"``."""
    one = unit[:-1] if unit.endswith("s") else unit
    if total > shown:
        return f"The {shown:,} newest of {total:,} {unit} (narrow the filters to see others)"
    return f"{total:,} {one if total == 1 else unit}"


def events_grid() -> dag.AgGrid:
    """The empty grid of the layout (rows come from a callback)."""
    return dag.AgGrid(
        id=ids.EVENTS_TABLE,
        columnDefs=column_defs(),
        rowData=[],
        defaultColDef={"sortable": True, "filter": True, "resizable": True,
                       "floatingFilter": False},
        dashGridOptions={"pagination": True, "paginationPageSize": PAGE_SIZE,
                         "paginationPageSizeSelector": [20, 50, 100],
                         "rowSelection": {"mode": "singleRow", "enableClickSelection": True,
                                          "checkboxes": False},
                         "tooltipShowDelay": 400,
                         "animateRows": False},
        getRowId="params.data.event_id",
        className="events-grid",
        style={"height": "100%", "width": "100%"},
    )


def selection_from_row(row: Mapping[str, Any] | None) -> dict[str, str] | None:
    """The selection (``{"event_id", "article_id"}``, and ``"unit"`` for an
    incident's row) for a clicked row."""
    if not row or not row.get("event_id"):
        return None
    chosen = {"event_id": str(row["event_id"]), "article_id": str(row.get("article_id") or "")}
    if row.get("unit") == "incidents":
        chosen["unit"] = "incidents"
    return chosen
