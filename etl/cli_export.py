"""``sitrep export``: charts, data, maps and briefing packs for briefings.

::

    sitrep export data --format csv|geojson|xlsx -o FILE [filters]
    sitrep export chart NAME --format png|svg|pdf -o FILE [filters]
    sitrep export map --format html|png|svg|pdf -o FILE [filters]
    sitrep export briefing --format pdf|pptx -o FILE [filters]

    filters: --db URL --country ISO3... --since YYYY-MM-DD --until YYYY-MM-DD --type T...
    --unit incidents|reports

Exports count incidents (one per happening, however many articles report
it; the dashboard's default) unless ``--unit reports`` asks for the events
of each article: ``data`` then has a row per incident (the event columns,
then the incident's own; an XLSX ``Reports`` sheet), charts, maps and
briefings count and label incidents.  ``--format`` defaults to the extension of ``-o``.  ``-o -`` writes to stdout.
Image formats need Chromium (``$SITREP_CHROMIUM`` or ``chromium`` on the
PATH); without it the command exits 1 with a message saying what to install.
Exit codes: 0 written, 1 error.

The exports live in :mod:`dashboard.exports`, imported inside
:func:`cmd_export` only: the ETL never imports the dashboard at module level.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["add_export_parser", "cmd_export", "EXPORT_FORMATS", "CHART_NAMES"]

# Kept in step with dashboard.exports.FORMATS / CHARTS (a test checks it):
# argparse needs the choices before the dashboard is imported.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "data": ("csv", "geojson", "xlsx"),
    "chart": ("png", "svg", "pdf"),
    "map": ("html", "png", "svg", "pdf"),
    "briefing": ("pdf", "pptx"),
}
CHART_NAMES: tuple[str, ...] = ("events-by-type", "fatalities-over-time", "events-over-time")

_HELP = {
    "data": "the incidents (or, with --unit reports, the events) of the filters as CSV, "
            "GeoJSON or XLSX (with Reports and Sources sheets)",
    "chart": "one chart as PNG (2x), SVG or PDF, with filters, period and sources on it",
    "map": "the event map as offline interactive HTML, or as PNG/SVG/PDF",
    "briefing": "a briefing pack (cover, key figures, map, charts, top events, methods, "
                "sources) as PDF or PPTX",
}


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--db", help="store URL or SQLite file (default $SITREP_DB or ./sitrep.db)")
    group.add_argument("--country", action="extend", nargs="+", default=[], metavar="ISO3",
                       help="only events in these countries (--country PAK AFG, or repeat it)")
    group.add_argument("--since", type=_date_arg, metavar="YYYY-MM-DD",
                       help="events on or after this day")
    group.add_argument("--until", type=_date_arg, metavar="YYYY-MM-DD",
                       help="events on or before this day")
    group.add_argument("--type", action="extend", nargs="+", default=[], dest="types",
                       metavar="EVENT_TYPE",
                       help="only these ACLED event types, e.g. 'Battles' (or repeat it)")
    parser.add_argument("--unit", choices=("incidents", "reports"), default="incidents",
                        help="count incidents (one per happening, the default) or reports "
                             "(one per article's event)")


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``export`` and its four kinds to the ``sitrep`` subparsers."""
    parser = subparsers.add_parser(
        "export", help="charts, data, maps and briefing packs (see its --help)",
        description="Export the events of the filters for briefings. Image formats need "
                    "Chromium ($SITREP_CHROMIUM, or `apt-get install chromium`).")
    kinds = parser.add_subparsers(dest="export_kind", required=True, metavar="KIND")
    for kind, formats in EXPORT_FORMATS.items():
        p = kinds.add_parser(kind, help=_HELP[kind], description=_HELP[kind])
        if kind == "chart":
            p.add_argument("name", choices=CHART_NAMES, metavar="NAME",
                           help="one of: " + ", ".join(CHART_NAMES))
        p.add_argument("--format", choices=formats, dest="export_format",
                       help=f"{' | '.join(formats)} (default: from the extension of -o)")
        p.add_argument("-o", "--output", required=True, metavar="FILE",
                       help="file to write, or - for stdout")
        if kind == "map":
            p.add_argument("--center", metavar="LAT,LON", help="map centre (default: fit events)")
            p.add_argument("--zoom", type=float, help="map zoom, MapLibre scale (default: fit)")
        _add_filters(p)
    return parser


def _format_of(args: argparse.Namespace) -> str:
    if args.export_format:
        return str(args.export_format)
    suffix = Path(args.output).suffix.lower().lstrip(".")
    suffix = {"json": "geojson"}.get(suffix, suffix)
    formats = EXPORT_FORMATS[args.export_kind]
    if suffix in formats:
        return suffix
    raise ValueError(f"cannot tell the format from {args.output!r}: give --format "
                     f"{'|'.join(formats)}")


def _center(value: str | None) -> dict[str, float] | None:
    if not value:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError as error:
        raise ValueError(f"--center must be LAT,LON, not {value!r}") from error
    return {"lat": lat, "lon": lon}


def cmd_export(args: argparse.Namespace) -> int:
    """Run ``sitrep export KIND``; prints one line on stderr, returns 0 or 1."""
    try:
        fmt = _format_of(args)
        center = _center(getattr(args, "center", None))
    except ValueError as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return 1

    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.exports import ExportError, close_shared_renderer, export
    from etl.errors import EtlError
    from etl.store import EventFilter, Store, resolve_url

    url = resolve_url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).is_file():
        print(f"sitrep: error: no store at {url} (run `sitrep ingest` first, or give --db)",
              file=sys.stderr)
        return 1
    try:
        store = Store(url, create=False)
        flt = EventFilter(countries=tuple(c.upper() for c in args.country), since=args.since,
                          until=args.until, event_types=tuple(args.types))
        if flt.since and flt.until and flt.since > flt.until:
            raise ExportError(f"--since {flt.since} is after --until {flt.until}")
        result = export(store, flt, args.export_kind, fmt, name=getattr(args, "name", None),
                        center=center, zoom=getattr(args, "zoom", None), unit=args.unit)
    except (ExportError, EtlError) as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"sitrep: error: cannot read the store {url}: {error}", file=sys.stderr)
        return 1
    finally:
        close_shared_renderer()
    if args.output == "-":
        sys.stdout.buffer.write(result.content)
        sys.stdout.buffer.flush()
        return 0
    path = Path(args.output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(result.content)
        tmp.replace(path)
    except OSError as error:
        print(f"sitrep: error: cannot write {path}: {error}", file=sys.stderr)
        return 1
    print(f"sitrep: wrote {path} ({len(result.content):,} bytes, {result.mime_type}; "
          f"counting {args.unit})", file=sys.stderr)
    return 0
