"""SQL-side aggregates for the views: the dashboard never loads every event.

One ``GROUP BY event_date, event_type, country`` query (the *cube*, a few
thousand rows whatever the store's size) feeds the time charts, the type
chart and most key figures; the top-N tables (locations, actor pairs) and
the map are their own small queries.  Day → week/month roll-ups happen in
pandas on the cube (portable: no dialect-specific date truncation in SQL).

Plain functions over :class:`etl.store.Store`; unit-tested on SQLite.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from dashboard.data import FilterError, shown
from dashboard.filters import previous_period
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = [
    "CUBE_COLUMNS",
    "MAX_MAP_POINTS",
    "MAX_MAP_GROUPS",
    "KeyFigures",
    "MapData",
    "load_cube",
    "period_start",
    "rollup",
    "type_totals",
    "key_figures",
    "top_locations",
    "actor_pairs",
    "map_data",
    "parse_wkt_lines",
]

CUBE_COLUMNS = ("event_date", "event_type", "country", "events", "fatalities")
MAX_MAP_POINTS = 2_000
"""Beyond this many located events the map shows places, not events."""
MAX_MAP_GROUPS = 3_000
"""At most this many (place, type) groups on an aggregated map."""
TOP_N = 12


def event_counts_frame(store: Store, flt: EventFilter, *, by: Sequence[str],
                       **options: Any) -> pd.DataFrame:
    """``store.event_counts`` as a DataFrame (columns ``by``, ``events``,
    ``fatalities``); straight from the arrays when the store is the
    in-memory :class:`dashboard.columnar.EventIndex`."""
    frame_of = getattr(store, "event_counts_frame", None)
    if frame_of is not None:
        return frame_of(flt, by=by, **options)
    return pd.DataFrame(store.event_counts(flt, by=by, **options),
                        columns=[*by, "events", "fatalities"])


def load_cube(store: Store, flt: EventFilter) -> pd.DataFrame:
    """Events and fatalities per (day, type, country) for ``flt``, as a
    DataFrame with :data:`CUBE_COLUMNS` (``event_date`` a datetime, ``NaT``
    for undated events)."""
    frame = event_counts_frame(store, flt, by=("event_date", "event_type", "country"))
    frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
    frame["events"] = pd.to_numeric(frame["events"]).fillna(0).astype("int64")
    frame["fatalities"] = pd.to_numeric(frame["fatalities"]).fillna(0).astype("int64")
    frame["event_type"] = frame["event_type"].fillna("").replace("", "Unknown")
    frame["country"] = frame["country"].fillna("").replace("", "Unknown")
    return frame


def period_start(dates: pd.Series, bucket: str) -> pd.Series:
    """The first day of each date's bucket: the day itself, the Monday of its
    ISO week, or the first of its month."""
    if bucket == "day":
        return dates.dt.normalize()
    if bucket == "week":
        return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
    if bucket == "month":
        return dates.dt.to_period("M").dt.to_timestamp()
    raise ValueError(f"unknown bucket {bucket!r}")


_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


def rollup(cube: pd.DataFrame, *, bucket: str, by: str, value: str) -> pd.DataFrame:
    """A period × ``by`` table of ``value`` (``events`` or ``fatalities``)
    summed per bucket; every period between the first and last is present
    (zero-filled), columns ordered by total, largest first.  Undated rows are
    left out."""
    if bucket not in _FREQ:
        raise ValueError(f"unknown bucket {bucket!r}")
    stamps = cube["event_date"].to_numpy(dtype="datetime64[ns]") if len(cube) else None
    if stamps is None or np.isnat(stamps).all():
        return pd.DataFrame()
    # What ``pivot_table(index=period, columns=by, aggfunc="sum")`` gives,
    # by bincount over day numbers and label codes (the charts' roll-ups run
    # on every filter change: numpy, not pandas' datetime machinery).
    dated = ~np.isnat(stamps)
    days = stamps[dated].astype("datetime64[D]").astype("int64")
    if bucket == "month":
        months = days.astype("datetime64[D]").astype("datetime64[M]").astype("int64")
        first = int(months.min())
        slot = months - first
        n_periods = int(months.max()) - first + 1
        start = np.datetime64(first, "M").astype("datetime64[D]")
        end = np.datetime64(first + n_periods - 1, "M").astype("datetime64[D]")
    else:
        step = 7 if bucket == "week" else 1
        if step == 7:  # back to the Monday (1970-01-01 was a Thursday)
            days = days - (days + 3) % 7
        first = int(days.min())
        slot = (days - first) // step
        n_periods = (int(days.max()) - first) // step + 1
        start = np.datetime64(first, "D")
        end = np.datetime64(first + (n_periods - 1) * step, "D")
    by_codes, labels = pd.factorize(cube[by].to_numpy()[dated], sort=True)
    n_labels = len(labels)
    sums = np.bincount(slot * n_labels + by_codes,
                       weights=cube[value].to_numpy(dtype="float64")[dated],
                       minlength=n_periods * n_labels)
    matrix = np.rint(sums).astype("int64").reshape(n_periods, n_labels)
    # the periods' time unit as period_start gives it (pandas picks one per bucket)
    unit = np.datetime_data(period_start(cube["event_date"][dated][:1], bucket).dtype)[0]
    periods = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=_FREQ[bucket],
                            unit=unit)
    totals = pd.Series(matrix.sum(axis=0), index=pd.Index(labels, name=by))
    order = totals.sort_values(ascending=False).index
    table = pd.DataFrame(matrix, index=periods, columns=pd.Index(labels, name=by))
    return table[order].astype("int64")


def type_totals(cube: pd.DataFrame) -> pd.Series:
    """Events per event type (largest first)."""
    if cube.empty:
        return pd.Series(dtype="int64")
    return cube.groupby("event_type")["events"].sum().sort_values(ascending=False).astype("int64")


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """The row of key figures, with the previous period of the same length."""

    events: int
    fatalities: int
    countries: int
    articles: int
    period: tuple[date, date] | None = None
    previous: Mapping[str, int] | None = None
    reports: int | None = None
    """Counting incidents: how many reports tell them (else ``None``)."""


def _as_date(value: Any) -> date | None:
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


def key_figures(store: Store, flt: EventFilter) -> KeyFigures:
    """Events, fatalities, countries and articles of ``flt``, and the same
    figures for the period of the same length just before.

    The period is the filter's date range; an open end is closed by the
    matching events' first/last date.  No dated events, or a period that
    starts too near 1 January of year 1 to have one before it: no previous
    period.
    """
    now = store.event_summary(flt)
    since = flt.since or _as_date(now.get("first"))
    until = flt.until or _as_date(now.get("last"))
    previous = None
    period = None
    if since is not None and until is not None and since <= until:
        period = (since, until)
        before_period = previous_period(since, until)
        if before_period is not None:
            before = store.event_summary(replace(flt, since=before_period[0],
                                                 until=before_period[1]))
            previous = {k: int(before.get(k) or 0)
                        for k in ("events", "fatalities", "countries", "articles", "reports")
                        if k in before}
    reports = now.get("reports")
    return KeyFigures(events=int(now["events"] or 0), fatalities=int(now["fatalities"] or 0),
                      countries=int(now["countries"] or 0), articles=int(now["articles"] or 0),
                      period=period, previous=previous,
                      reports=int(reports) if reports is not None else None)


def top_locations(store: Store, flt: EventFilter, *, limit: int = TOP_N) -> pd.DataFrame:
    """The locations with most events: ``location``, ``country``, ``events``,
    ``fatalities``."""
    rows = store.event_counts(flt, by=("location", "country"), order_by="events", limit=limit,
                              non_empty=("location",))
    return pd.DataFrame(rows, columns=["location", "country", "events", "fatalities"])


def actor_pairs(store: Store, flt: EventFilter, *, limit: int = TOP_N) -> pd.DataFrame:
    """The (actor1, actor2) pairs with most events (actor1 not empty)."""
    rows = store.event_counts(flt, by=("actor1", "actor2"), order_by="events", limit=limit,
                              non_empty=("actor1",))
    return pd.DataFrame(rows, columns=["actor1", "actor2", "events", "fatalities"])


@dataclass(frozen=True, slots=True)
class MapData:
    """What the map draws.

    ``points``: one row per event (``aggregated`` False) or per (place,
    event type) with an ``events`` count (``aggregated`` True).  ``borders``:
    ``place_id`` → list of lines (each a list of ``(lon, lat)``) for the
    border places among them, with ``border_counts`` events per border.
    ``located`` is how many located events match.
    """

    points: pd.DataFrame
    aggregated: bool
    located: int
    borders: Mapping[str, list[list[tuple[float, float]]]]
    border_counts: Mapping[str, int]
    country_counts: Mapping[str, int]


_POINT_COLUMNS = ("place_id", "location", "country", "latitude", "longitude", "geo_precision",
                  "event_type", "events", "fatalities")


def parse_wkt_lines(wkt: str) -> list[list[tuple[float, float]]]:
    """The line parts of a WKT (Multi)LineString as lists of ``(lon, lat)``;
    ``[]`` when the WKT is not a line."""
    return [list(line) for line in _wkt_lines(wkt)]


@functools.lru_cache(maxsize=256)
def _wkt_lines(wkt: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """:func:`parse_wkt_lines`, remembered: the map draws the same few
    border lines on every filter change."""
    try:
        import shapely
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    try:
        geometry = shapely.from_wkt(wkt)
    except Exception:  # noqa: BLE001 - shapely raises its own GEOSException
        logger.warning("unreadable border geometry %r", wkt[:60])
        return ()
    parts = list(getattr(geometry, "geoms", [geometry]))
    return tuple(tuple((float(x), float(y)) for x, y, *_ in part.coords)
                 for part in parts if part.geom_type == "LineString")


def map_data(store: Store, flt: EventFilter, *, max_points: int = MAX_MAP_POINTS,
             max_groups: int = MAX_MAP_GROUPS) -> MapData:
    """The map's data for ``flt``: individual events up to ``max_points``,
    beyond that per-(place, type) counts (the ``max_groups`` largest);
    border lines of the border places shown; events per country (for the
    optional shading)."""
    by_country = store.event_counts(flt, by=("country",))
    country_counts = {str(r["country"]): int(r["events"]) for r in by_country if r["country"]}
    # (place, type, precision) groups through the place index, then the
    # places' coordinates: no sort of every event.  The groups are a few
    # thousand rows: plain arrays, not a pandas join (this runs on every
    # filter change).
    groups = event_counts_frame(store, flt, by=("place_id", "event_type", "geo_precision"),
                                non_empty=("place_id",))
    place_ids, inverse = np.unique(groups["place_id"].astype(str).to_numpy(dtype=object),
                                   return_inverse=True)
    ids = place_ids.tolist()
    known = {pid: (p["name"], p["country"], p["lat"], p["lon"])
             for pid, p in store.places_by_id(ids).items()}
    missing = [pid for pid in ids if pid not in known]
    if missing:
        known.update({pid: (p["location"], p["country"], p["latitude"], p["longitude"])
                      for pid, p in store.event_places(missing).items()})
    rows = [known.get(pid, (None, None, None, None)) for pid in ids]
    latitude = np.array([_place_coordinate(r[2]) for r in rows], dtype="float64")[inverse]
    longitude = np.array([_place_coordinate(r[3]) for r in rows], dtype="float64")[inverse]
    keep = ~np.isnan(latitude) & ~np.isnan(longitude)  # unknown places have no coordinates
    names = np.array([r[0] for r in rows] or [None], dtype=object)[inverse]
    countries = np.array([r[1] for r in rows] or [None], dtype=object)[inverse]
    events_ = groups["events"].to_numpy()
    located = int(events_[keep].sum())
    aggregated = located > max_points
    if aggregated:
        # the largest groups, ties in the groups' order (a stable sort)
        chosen = np.flatnonzero(keep)
        chosen = chosen[np.argsort(-events_[chosen], kind="stable")][:max_groups]
        points = pd.DataFrame({
            "place_id": groups["place_id"].to_numpy()[chosen],
            "location": names[chosen], "country": countries[chosen],
            "latitude": latitude[chosen], "longitude": longitude[chosen],
            "geo_precision": groups["geo_precision"].to_numpy()[chosen],
            "event_type": groups["event_type"].to_numpy()[chosen],
            "events": events_[chosen], "fatalities": groups["fatalities"].to_numpy()[chosen],
        }, columns=list(_POINT_COLUMNS))
    else:
        points = pd.DataFrame(store.map_events(flt, limit=max_points))
    on_border = np.array([pid.startswith("border:") for pid in ids], dtype=bool)
    border_rows = keep & on_border[inverse] if ids else keep
    shown = np.bincount(inverse[border_rows], minlength=len(ids))
    totals = np.bincount(inverse[border_rows], weights=events_[border_rows], minlength=len(ids))
    border_counts = {pid: int(round(totals[i])) for i, pid in enumerate(ids) if shown[i]}
    geometries = store.place_geometries(sorted(border_counts))
    borders = {pid: parse_wkt_lines(wkt) for pid, wkt in geometries.items()}
    return MapData(points=points, aggregated=aggregated, located=located,
                   borders={k: v for k, v in borders.items() if v},
                   border_counts=border_counts, country_counts=country_counts)


def _place_coordinate(value: Any) -> float:
    """A place's latitude or longitude as a float (NaN when unknown)."""
    try:
        return float(value) if value is not None else math.nan
    except (TypeError, ValueError):
        return math.nan


def _corner(point: Any) -> tuple[float, float]:
    """``(lon, lat)`` of one ``[lon, lat]`` pair of a selection."""
    if not isinstance(point, (list, tuple)) or len(point) < 2:
        raise FilterError(f"The map selection point {shown(point)} is not [lon, lat].")
    return _coordinate(point[0]), _coordinate(point[1])


def _coordinate(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FilterError(f"The map selection coordinate {shown(value)} is not a number.")
    try:
        number = float(value)
    except OverflowError as error:
        raise FilterError("The map selection holds a number out of range.") from error
    if not math.isfinite(number):
        raise FilterError("The map selection holds a number that is not finite.")
    return number


def _last_value(mapping: Any, what: str) -> Any:
    if mapping is None:
        return None
    if not isinstance(mapping, Mapping):
        raise FilterError(f"The map selection's {what} {shown(mapping)} is not an object.")
    value = None
    for value in mapping.values():
        pass
    return value


def bbox_from_selection(selected: Any) -> tuple[float, float, float, float] | None:
    """``(west, south, east, north)`` of a map box or lasso selection
    (``dcc.Graph.selectedData``); a lasso becomes its bounding box.
    ``None`` when nothing is selected.  The value comes from the browser:
    anything but that shape (corners that are not pairs of finite numbers,
    a list where an object belongs …) raises :class:`FilterError`."""
    if not selected:
        return None
    if not isinstance(selected, Mapping):
        raise FilterError(f"The map selection {shown(selected)} is not an object.")
    corners: Any = _last_value(selected.get("range"), "range")
    if corners is None:
        corners = _last_value(selected.get("lassoPoints"), "lasso")
    if not corners:
        points = selected.get("points") or []
        if not isinstance(points, list):
            raise FilterError(f"The map selection's points {shown(points)} are not a list.")
        corners = [(p["lon"], p["lat"]) for p in points
                   if isinstance(p, Mapping) and "lon" in p and "lat" in p]
    if not corners:
        return None
    if not isinstance(corners, (list, tuple)):
        raise FilterError(f"The map selection {shown(corners)} is not a list of points.")
    pairs = [_corner(c) for c in corners]
    lons = [p[0] for p in pairs]
    lats = [p[1] for p in pairs]
    return (min(lons), min(lats), max(lons), max(lats))
