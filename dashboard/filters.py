"""The filter state of the dashboard and its home, the URL query string.

Every view is a function of :class:`Filters`; ``Filters`` round-trips
through the page URL (``?country=AFG&country=PAK&from=2025-10-01&type=Battles``)
so a copied link restores the same view.  The query-string keys:

=========  ===========================================  ==================
key        meaning                                      repeated?
=========  ===========================================  ==================
country    ISO3 country code                            yes
from, to   first and last event day (inclusive)         no
type       ACLED event type                             yes
sub        ACLED sub-event type                         yes
actor      actor (matches actor1 or actor2)             yes
location   location name (set by clicking a bar)        yes
source     news source                                  yes
minfat     minimum fatalities per event                 no
q          text searched in the evidence sentence       no
bucket     time bucket of the charts: day, week, month  no
=========  ===========================================  ==================

Unknown keys are ignored; malformed values raise :class:`FilterError` (the
callbacks show it as an alert).  Plain functions, no Dash.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

from dashboard.data import FilterError, _parse_day
from etl.store import EventFilter

logger = logging.getLogger(__name__)

__all__ = [
    "BUCKETS",
    "DEFAULT_BUCKET",
    "Filters",
    "FilterValues",
    "filters_from_query",
    "filters_to_query",
    "filters_from_values",
    "values_from_filters",
    "to_event_filter",
    "previous_period",
]

BUCKETS: tuple[str, ...] = ("day", "week", "month")
DEFAULT_BUCKET = "week"
MAX_TEXT_CHARS = 200


@dataclass(frozen=True, slots=True)
class Filters:
    """What the analyst chose.  Empty tuples and ``None`` filter nothing."""

    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_fatalities: int | None = None
    text: str | None = None
    bucket: str = DEFAULT_BUCKET

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise FilterError(f"The start date {self.since.isoformat()} is after the end "
                              f"date {self.until.isoformat()}.")
        if self.bucket not in BUCKETS:
            raise FilterError(f"Unknown time bucket {self.bucket!r}: use day, week or month.")
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise FilterError("The minimum number of fatalities cannot be negative.")


_MULTI = (("country", "countries"), ("type", "event_types"), ("sub", "sub_event_types"),
          ("actor", "actors"), ("location", "locations"), ("source", "sources"))


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v not in (None, ""))


def _min_fatalities(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError) as error:
        raise FilterError(f"Minimum fatalities {value!r} is not a number.") from error
    return number or None


def _text(value: Any) -> str | None:
    text = str(value or "").strip()[:MAX_TEXT_CHARS]
    return text or None


def filters_from_query(search: str | None) -> Filters:
    """Parse a query string (``"?country=AFG&from=2025-10-01"``; the leading
    ``?`` is optional) into :class:`Filters`."""
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    kwargs: dict[str, Any] = {attr: tuple(params.get(key, ())) for key, attr in _MULTI}

    def one(key: str) -> str | None:
        values = params.get(key)
        return values[-1] if values else None

    kwargs["since"] = _parse_day(one("from"), what="start")
    kwargs["until"] = _parse_day(one("to"), what="end")
    kwargs["min_fatalities"] = _min_fatalities(one("minfat"))
    kwargs["text"] = _text(one("q"))
    kwargs["bucket"] = one("bucket") or DEFAULT_BUCKET
    return Filters(**kwargs)


def filters_to_query(filters: Filters) -> str:
    """The query string of ``filters`` (``""`` for the defaults, else
    ``"?…"``), keys in a fixed order so equal filters give equal URLs."""
    pairs: list[tuple[str, str]] = []
    for key, attr in _MULTI:
        pairs += [(key, v) for v in getattr(filters, attr)]
    if filters.since is not None:
        pairs.append(("from", filters.since.isoformat()))
    if filters.until is not None:
        pairs.append(("to", filters.until.isoformat()))
    if filters.min_fatalities:
        pairs.append(("minfat", str(filters.min_fatalities)))
    if filters.text:
        pairs.append(("q", filters.text))
    if filters.bucket != DEFAULT_BUCKET:
        pairs.append(("bucket", filters.bucket))
    return f"?{urlencode(pairs)}" if pairs else ""


@dataclass(frozen=True, slots=True)
class FilterValues:
    """The values of the filter components, in the order of the layout's
    filter outputs (see :data:`dashboard.layout.FILTER_PROPS`)."""

    countries: list[str] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None
    event_types: list[str] = field(default_factory=list)
    sub_event_types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    min_fatalities: int | None = None
    text: str = ""
    bucket: str = DEFAULT_BUCKET

    def as_tuple(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


def values_from_filters(filters: Filters) -> FilterValues:
    """The component values that show ``filters``."""
    return FilterValues(
        countries=list(filters.countries),
        start_date=filters.since.isoformat() if filters.since else None,
        end_date=filters.until.isoformat() if filters.until else None,
        event_types=list(filters.event_types),
        sub_event_types=list(filters.sub_event_types),
        actors=list(filters.actors),
        locations=list(filters.locations),
        sources=list(filters.sources),
        min_fatalities=filters.min_fatalities,
        text=filters.text or "",
        bucket=filters.bucket,
    )


def filters_from_values(values: FilterValues | Sequence[Any]) -> Filters:
    """:class:`Filters` from the component values (a :class:`FilterValues`
    or the same values in order).  Raises :class:`FilterError`."""
    if not isinstance(values, FilterValues):
        values = FilterValues(*values)
    return Filters(
        countries=_tuple(values.countries),
        since=_parse_day(values.start_date, what="start"),
        until=_parse_day(values.end_date, what="end"),
        event_types=_tuple(values.event_types),
        sub_event_types=_tuple(values.sub_event_types),
        actors=_tuple(values.actors),
        locations=_tuple(values.locations),
        sources=_tuple(values.sources),
        min_fatalities=_min_fatalities(values.min_fatalities),
        text=_text(values.text),
        bucket=values.bucket or DEFAULT_BUCKET,
    )


def to_event_filter(
    filters: Filters, *, bbox: Sequence[float] | None = None, **overrides: Any
) -> EventFilter:
    """The store query of ``filters`` (plus an optional map box
    ``(west, south, east, north)``); ``overrides`` replace fields (e.g. the
    dates of the previous period)."""
    flt = EventFilter(
        countries=filters.countries, since=filters.since, until=filters.until,
        event_types=filters.event_types, sub_event_types=filters.sub_event_types,
        actors=filters.actors, locations=filters.locations, sources=filters.sources,
        min_fatalities=filters.min_fatalities, text=filters.text,
        bbox=tuple(float(v) for v in bbox) if bbox else None,  # type: ignore[arg-type]
    )
    return replace(flt, **overrides) if overrides else flt


def previous_period(since: date, until: date) -> tuple[date, date]:
    """The period of the same length just before ``since``–``until``
    (both inclusive): 1–31 October → 31 August–30 September."""
    from datetime import timedelta

    days = (until - since).days + 1
    return since - timedelta(days=days), since - timedelta(days=1)


def merge_click(filters: Filters, *, event_types: Sequence[str] = (),
                locations: Sequence[str] = (), actors: Sequence[str] = ()) -> Filters:
    """Filters narrowed by a click on a chart bar: the clicked type,
    location or actor becomes the only one selected (a second click on the
    same bar clears it again)."""
    if actors:
        chosen = tuple(actors)
        return replace(filters, actors=() if filters.actors == chosen else chosen)
    if event_types:
        chosen = tuple(event_types)
        new = () if filters.event_types == chosen else chosen
        return replace(filters, event_types=new)
    if locations:
        chosen = tuple(locations)
        new = () if filters.locations == chosen else chosen
        return replace(filters, locations=new)
    return filters

