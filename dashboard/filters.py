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
unit       what is counted: incidents (default) or      no
           reports (one per article's event)
=========  ===========================================  ==================

Unknown keys are ignored; repeated single-value keys keep the last value.
Malformed values raise :class:`FilterError` (the callbacks show it as an
alert, the Leaflet route answers 400).  Every value is checked here, at the
boundary, whether it comes from the URL or from a callback's JSON: the
right type (text where text is expected, a number for the minimum), no NUL
byte and no lone surrogate (neither can reach the store or go back to the
browser), bounded sizes, dates the calendar holds.  A :class:`Filters` is
valid whenever it exists (its ``__post_init__`` checks it).  The map box
(:func:`parse_box`) and the selected event (:func:`parse_selection`) are
checked the same way.  Plain functions, no Dash.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

from dashboard.data import FilterError, _parse_day, shown
from dashboard.incidents import DEFAULT_UNIT, UNITS
from etl.store import EventFilter

logger = logging.getLogger(__name__)

__all__ = [
    "BUCKETS",
    "DEFAULT_BUCKET",
    "MAX_CHOICES",
    "MAX_FATALITIES",
    "MAX_QUERY_CHARS",
    "MAX_VALUE_CHARS",
    "Filters",
    "FilterValues",
    "filters_from_query",
    "filters_to_query",
    "filters_from_values",
    "values_from_filters",
    "to_event_filter",
    "previous_period",
    "parse_box",
    "parse_selection",
    "clean_text",
]

BUCKETS: tuple[str, ...] = ("day", "week", "month")
DEFAULT_BUCKET = "week"
MAX_TEXT_CHARS = 200
"""The free-text search is cut to this many characters (the input's maxLength)."""
MAX_VALUE_CHARS = 500
"""At most this many characters in one chosen value (a country, an actor …)."""
MAX_CHOICES = 1_000
"""At most this many values chosen in one multi-value filter."""
MAX_FATALITIES = 1_000_000_000
"""The largest minimum of fatalities accepted (more than any event has)."""
MAX_QUERY_CHARS = 100_000
"""The longest query string read (a page URL is far shorter)."""
MAX_ID_CHARS = 200
"""The longest event or article id accepted in a selection."""


def clean_text(value: Any, *, what: str, max_chars: int = MAX_VALUE_CHARS) -> str:
    """``value`` if it is text the store and the browser can take: a ``str``
    of at most ``max_chars`` characters, without NUL bytes (PostgreSQL
    refuses them, SQLite's ``LIKE`` stops at them) and without lone
    surrogates (not UTF-8: a JSON body can hold them).  Raises
    :class:`FilterError` naming ``what``."""
    if not isinstance(value, str):
        raise FilterError(f"The {what} {shown(value)} is not text.")
    if len(value) > max_chars:
        raise FilterError(f"The {what} is longer than {max_chars:,} characters.")
    if "\x00" in value:
        raise FilterError(f"The {what} {shown(value)} holds a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise FilterError(f"The {what} {shown(value)} is not valid Unicode text.") from error
    return value


_MULTI = (("country", "countries"), ("type", "event_types"), ("sub", "sub_event_types"),
          ("actor", "actors"), ("location", "locations"), ("source", "sources"))
_WHAT = {"countries": "country", "event_types": "event type", "sub_event_types": "sub-event type",
         "actors": "actor", "locations": "location", "sources": "source"}


@dataclass(frozen=True, slots=True)
class Filters:
    """What the analyst chose.  Empty tuples and ``None`` filter nothing.

    Checked when made (also by ``dataclasses.replace``): raises
    :class:`FilterError` for a reversed date range, an unknown bucket, a
    minimum of fatalities out of ``0..MAX_FATALITIES``, too many chosen
    values, or a value that is not clean text (:func:`clean_text`)."""

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
    unit: str = DEFAULT_UNIT
    """What the views count: ``"incidents"`` or ``"reports"``."""

    def __post_init__(self) -> None:
        for _key, attr in _MULTI:
            values = getattr(self, attr)
            if not isinstance(values, tuple):
                raise FilterError(f"The {_WHAT[attr]} filter {shown(values)} is not a list.")
            if len(values) > MAX_CHOICES:
                raise FilterError(f"More than {MAX_CHOICES:,} values of {_WHAT[attr]} chosen.")
            for value in values:
                clean_text(value, what=_WHAT[attr])
        for name in ("since", "until"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), date):
                raise FilterError(f"The {name} date {shown(getattr(self, name))} is not a date.")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise FilterError(f"The start date {self.since.isoformat()} is after the end "
                              f"date {self.until.isoformat()}.")
        if not isinstance(self.bucket, str) or self.bucket not in BUCKETS:
            raise FilterError(f"Unknown time bucket {shown(self.bucket)}: use day, week or month.")
        if not isinstance(self.unit, str) or self.unit not in UNITS:
            raise FilterError(f"Unknown unit {shown(self.unit)}: count incidents or reports.")
        if self.min_fatalities is not None:
            if isinstance(self.min_fatalities, bool) or not isinstance(self.min_fatalities, int):
                raise FilterError(f"Minimum fatalities {shown(self.min_fatalities)} is not a "
                                  "whole number.")
            if self.min_fatalities < 0:
                raise FilterError("The minimum number of fatalities cannot be negative.")
            if self.min_fatalities > MAX_FATALITIES:
                raise FilterError(f"The minimum number of fatalities cannot be more than "
                                  f"{MAX_FATALITIES:,}.")
        if self.text is not None:
            clean_text(self.text, what="search text", max_chars=MAX_TEXT_CHARS)


def _tuple(value: Any, *, what: str) -> tuple[str, ...]:
    """The values of a multi-select: ``None``/``""`` (nothing), one text or
    a list of texts (``None`` and ``""`` items skipped)."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, (list, tuple)):
        raise FilterError(f"The {what} filter {shown(value)} is not a list of names.")
    if len(value) > MAX_CHOICES:
        raise FilterError(f"More than {MAX_CHOICES:,} values of {what} chosen.")
    return tuple(clean_text(v, what=what) for v in value if v is not None and v != "")


_INTEGER = re.compile(r"[+-]?\d{1,18}")


def _min_fatalities(value: Any) -> int | None:
    """The minimum of fatalities: a whole number, or a number or numeric
    text rounded up (at least 2.5 fatalities is at least 3); ``0`` and
    empty mean no minimum.  NaN, infinities, booleans, other types, numbers
    beyond ``MAX_FATALITIES`` and texts of more than 40 characters raise
    :class:`FilterError` (``int(float(…))`` raised ``OverflowError``)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise FilterError(f"Minimum fatalities {shown(value)} is not a number.")
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) > 40:
            raise FilterError("Minimum fatalities is not a number of at most 40 characters.")
        if _INTEGER.fullmatch(text):
            value = int(text)
        else:
            try:
                value = float(text)
            except ValueError as error:
                raise FilterError(f"Minimum fatalities {shown(value)} is not a number.") from error
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FilterError(f"Minimum fatalities {shown(value)} is not a finite number.")
        if value < 0:
            raise FilterError("The minimum number of fatalities cannot be negative.")
        if value > MAX_FATALITIES:
            raise FilterError(f"The minimum number of fatalities cannot be more than "
                              f"{MAX_FATALITIES:,}.")
        value = math.ceil(value)
    if value < 0:
        raise FilterError("The minimum number of fatalities cannot be negative.")
    if value > MAX_FATALITIES:
        raise FilterError(f"The minimum number of fatalities cannot be more than "
                          f"{MAX_FATALITIES:,}.")
    return int(value) or None


def _text(value: Any) -> str | None:
    """The search text, trimmed and cut to ``MAX_TEXT_CHARS``; ``None`` when
    empty.  Not text (a number, a list) raises :class:`FilterError`."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise FilterError(f"The search text {shown(value)} is not text.")
    text = value.strip()[:MAX_TEXT_CHARS]
    return clean_text(text, what="search text", max_chars=MAX_TEXT_CHARS) or None


def _bucket(value: Any) -> str:
    if value is None or value == "":
        return DEFAULT_BUCKET
    return value  # Filters checks it


def _unit(value: Any) -> str:
    if value is None or value == "":
        return DEFAULT_UNIT
    return value  # Filters checks it


def filters_from_query(search: str | None) -> Filters:
    """Parse a query string (``"?country=AFG&from=2025-10-01"``; the leading
    ``?`` is optional) into :class:`Filters`.  Raises :class:`FilterError`
    for a malformed value, and for a ``search`` that is not text or longer
    than ``MAX_QUERY_CHARS``."""
    if search is None:
        search = ""
    if not isinstance(search, str):
        raise FilterError(f"The address's filters {shown(search)} are not text.")
    if len(search) > MAX_QUERY_CHARS:
        raise FilterError(f"The address's filters are longer than {MAX_QUERY_CHARS:,} characters.")
    try:
        params = parse_qs(search.lstrip("?"), keep_blank_values=False,
                          max_num_fields=MAX_QUERY_CHARS // 2)
    except ValueError as error:  # more fields than max_num_fields
        raise FilterError("The address holds too many filters.") from error
    kwargs: dict[str, Any] = {attr: _tuple(params.get(key), what=_WHAT[attr])
                              for key, attr in _MULTI}

    def one(key: str) -> str | None:
        values = params.get(key)
        return values[-1] if values else None

    kwargs["since"] = _parse_day(one("from"), what="start")
    kwargs["until"] = _parse_day(one("to"), what="end")
    kwargs["min_fatalities"] = _min_fatalities(one("minfat"))
    kwargs["text"] = _text(one("q"))
    kwargs["bucket"] = _bucket(one("bucket"))
    kwargs["unit"] = _unit(one("unit"))
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
    if filters.unit != DEFAULT_UNIT:
        pairs.append(("unit", filters.unit))
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
    unit: str = DEFAULT_UNIT

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
        unit=filters.unit,
    )


def filters_from_values(values: FilterValues | Sequence[Any]) -> Filters:
    """:class:`Filters` from the component values (a :class:`FilterValues`
    or the same values in order).  Raises :class:`FilterError`."""
    if not isinstance(values, FilterValues):
        if len(values) != len(FilterValues.__slots__):  # type: ignore[attr-defined]
            raise FilterError("The filter components did not send every value.")
        values = FilterValues(*values)
    return Filters(
        countries=_tuple(values.countries, what=_WHAT["countries"]),
        since=_parse_day(values.start_date, what="start"),
        until=_parse_day(values.end_date, what="end"),
        event_types=_tuple(values.event_types, what=_WHAT["event_types"]),
        sub_event_types=_tuple(values.sub_event_types, what=_WHAT["sub_event_types"]),
        actors=_tuple(values.actors, what=_WHAT["actors"]),
        locations=_tuple(values.locations, what=_WHAT["locations"]),
        sources=_tuple(values.sources, what=_WHAT["sources"]),
        min_fatalities=_min_fatalities(values.min_fatalities),
        text=_text(values.text),
        bucket=_bucket(values.bucket),
        unit=_unit(values.unit),
    )


def parse_box(value: Any) -> tuple[float, float, float, float] | None:
    """The map box (``MAP_BOX``: ``[west, south, east, north]`` in degrees)
    as floats; ``None`` when there is none (``None`` or empty).  Anything
    else than four finite numbers with west ≤ east and south ≤ north
    raises :class:`FilterError`."""
    if value is None or (isinstance(value, (list, tuple, str)) and len(value) == 0):
        return None
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise FilterError(f"The map selection {shown(value)} is not a box of four numbers.")
    numbers = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            raise FilterError(f"The map selection {shown(value)} is not a box of four numbers.")
        try:
            number = float(item)
        except OverflowError as error:  # an int beyond the float range
            raise FilterError("The map selection holds a number out of range.") from error
        if not math.isfinite(number):
            raise FilterError("The map selection holds a number that is not finite.")
        numbers.append(number)
    west, south, east, north = numbers
    if west > east or south > north:
        raise FilterError(f"The map selection {shown(value)} is not a box "
                          "(west ≤ east, south ≤ north).")
    return west, south, east, north


def to_event_filter(
    filters: Filters, *, bbox: Any = None, **overrides: Any
) -> EventFilter:
    """The store query of ``filters`` (plus an optional map box
    ``(west, south, east, north)``, checked by :func:`parse_box`);
    ``overrides`` replace fields (e.g. the dates of the previous period).
    Raises :class:`FilterError` for a malformed box."""
    flt = EventFilter(
        countries=filters.countries, since=filters.since, until=filters.until,
        event_types=filters.event_types, sub_event_types=filters.sub_event_types,
        actors=filters.actors, locations=filters.locations, sources=filters.sources,
        min_fatalities=filters.min_fatalities, text=filters.text,
        bbox=parse_box(bbox),
    )
    return replace(flt, **overrides) if overrides else flt


def parse_selection(value: Any) -> dict[str, str] | None:
    """The selected event (the ``SELECTED_EVENT`` store: ``{"event_id": …,
    "article_id": …}``, with ``"unit": "incidents"`` when it is an incident
    whose id ``event_id`` holds) with both ids checked (text of at most
    ``MAX_ID_CHARS``, see :func:`clean_text`; the article id may be empty);
    ``None`` when nothing is selected (``None``, empty, no event id).
    Anything else raises :class:`FilterError`."""
    if value is None or (isinstance(value, (Mapping, list, str)) and len(value) == 0):
        return None
    if not isinstance(value, Mapping):
        raise FilterError(f"The selected event {shown(value)} is not an event.")
    event_id = value.get("event_id")
    if event_id is None or event_id == "":
        return None
    article_id = value.get("article_id")
    chosen = {"event_id": clean_text(event_id, what="event id", max_chars=MAX_ID_CHARS),
              "article_id": clean_text("" if article_id is None else article_id,
                                       what="article id", max_chars=MAX_ID_CHARS)}
    unit = value.get("unit")
    if unit is not None and unit != "reports":
        if unit != "incidents":
            raise FilterError(f"The selection's unit {shown(unit)} is not incidents or reports.")
        chosen["unit"] = unit
    return chosen


def previous_period(since: date, until: date) -> tuple[date, date] | None:
    """The period of the same length just before ``since``–``until``
    (both inclusive): 1–31 October → 31 August–30 September.  ``None`` when
    that period would start before the calendar does (``date.min``, 1 January
    of year 1): there is no previous period to compare with."""
    days = (until - since).days + 1
    if (since - date.min).days < days:
        return None
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

