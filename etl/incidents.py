"""Incidents: events of many articles linked to the happenings they report.

An event is one article's report of one happening; an incident is the
happening, with every report of it (DESIGN §4, ANNOTATION.md).  This module
is pure: functions over :class:`~etl.records.Event` records, no store.

**Linking** looks only where a link can be right.  Two reports can be one
happening when

* their types can describe the same happening (the same ACLED type; an air
  strike that killed civilians may be coded Explosions/Remote violence by one
  outlet and Violence against civilians by another; a protest may be a riot),
  and reports typed differently must give the same day and the same place
  (or one inside the other);
* their dates are within a few days (two days at day precision, three when
  either report's date is borrowed from the text around it or from the
  publication day: such a date is near the happening's but no surer; a week
  apart, two strikes on one city are two happenings); a report dated only to the month joins
  an incident of that month at the same place only;
* their places can be the same: the same place, one inside the other (a town
  in its district or province), or near (within 30 km); a report placed only
  at a country or border says little of where, so its day must say which
  happening: within a day of the other report's;
* they come from different articles: two events of one article are two
  happenings (the article stage has already merged the mentions of one).

**Border clashes** are told from each side: a clash at a country ("Cambodia
said its troops clashed with Thai forces") fits a clash on that country's
border, and fighting or fire on the two sides of a border (a town in each
country, within 100 km of each other, the same day or a day apart) is one
happening when the incident holds a report of that border
(:func:`across_border`); it is the border report, not the town across it,
that ranks such an incident.

A report is compared with every report of an incident, not with one of them,
so a country-level or border report cannot chain two incidents in different
towns: it joins one incident only when exactly one incident fits it, and a
report that fits several incidents never merges them unless they fit each
other.  Among several fitting incidents a report joins the one whose nearest
report is closest (place, then date, then type).

**Identity.**  An incident's id is the ``event_id`` of its first report
(earliest publication, then article id, then position).  When a new report
joins two incidents that fit each other, the older id survives and the other
becomes an alias.  :func:`link_incidents` relinks from scratch in a canonical
order, so it gives the same incidents whatever order the articles came in;
:func:`add_reports` links one new article into existing incidents
(incremental ingest).

**Figures.**  ``fatalities_best`` is the figure most reports support (more
than half of those giving a figure: two of four outlets repeating a
community leader's "over 200" do not outvote the governor's count), else the
lowest figure reported (ACLED's conservative rule); ``_low`` and
``_high`` span the reports.  A report that revises its own article's earlier
figure (the same url, published later) replaces it.  Each incident keeps the
figure of every report and says why the best was taken.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from etl.records import Event

LINK_DAYS = 2            # two day-precision reports of one happening differ by at most this
LINK_DAYS_WEEK = 3       # when either report's date is borrowed (precision WEEK)
LINK_DAYS_COARSE = 1     # when either report is placed only at a country or border
ACROSS_BORDER_KM = 100.0  # two places facing each other across a border are at most this far apart
NEAR_KM = 30.0           # "near": two places this close can be one site
COUNTRY_KM = 0.0         # a country-level place is never "near" anything (containment only)

# Types that one happening can be reported as, besides its own.
_COMPATIBLE_TYPES = {
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Battles", "Violence against civilians"}),
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Protests", "Riots"}),
}
_DAY, _WEEK, _MONTH = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Figure:
    """One report's fatality figure for an incident."""

    event_id: str
    article_id: str
    source: str
    published: date | None
    fatalities: int
    reported: str  # the figure as the text gives it ("more than 200")


@dataclass(frozen=True, slots=True)
class Incident:
    """One happening and its reports (``reports`` in canonical order)."""

    incident_id: str
    aliases: tuple[str, ...]
    reports: tuple[Event, ...]
    event_type: str
    sub_event_type: str
    event_date: date | None
    date_precision: int
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    place_id: str
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    best_reason: str
    figures: tuple[Figure, ...]
    n_reports: int
    n_sources: int
    first_reported: date | None
    last_reported: date | None

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(e.event_id for e in self.reports)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.article_id for e in self.reports))


# --------------------------------------------------------------------------- compatibility


def report_key(event: Event) -> tuple[str, str, int, str]:
    """Canonical order of reports: publication date (undated last), article,
    position in the article, event id (a total order)."""
    return (event.published.isoformat() if event.published else "9999", event.article_id, event.evidence_start,
            event.event_id)


def compatible_types(event_types: Iterable[str]) -> set[str]:
    """Every event type a report of one of ``event_types`` may be linked
    with (for narrowing the candidates a store reads)."""
    wanted = set(event_types)
    for pair in _COMPATIBLE_TYPES:
        if pair & wanted:
            wanted |= pair
    return wanted


# Talks and the deal they produce, told on the day at the venue, are one happening.
_COMPATIBLE_STRATEGIC = frozenset({"Diplomacy", "Agreement"})


def types_fit(a: Event, b: Event) -> bool:
    if a.event_type == b.event_type:
        if a.event_type == "Strategic developments":
            return a.sub_event_type == b.sub_event_type or \
                {a.sub_event_type, b.sub_event_type} <= _COMPATIBLE_STRATEGIC
        return True
    return frozenset({a.event_type, b.event_type}) in _COMPATIBLE_TYPES


def dates_fit(a: Event, b: Event) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    if _told_before(a, b) or _told_before(b, a):
        return False  # a report of June 19 tells no strike of June 22
    if a.date_precision == _MONTH or b.date_precision == _MONTH:
        return (a.event_date.year, a.event_date.month) == (b.event_date.year, b.event_date.month) \
            and same_site(a, b)
    window = LINK_DAYS_WEEK if _WEEK in (a.date_precision, b.date_precision) else LINK_DAYS
    return abs((a.event_date - b.event_date).days) <= window


def same_site(a: Event, b: Event) -> bool:
    """The same place, under one gazetteer entry or two (the city of Goma
    and the district named after it, at one point)."""
    if not a.place_id:
        return False
    return a.place_id == b.place_id or (
        _site_key(a) == _site_key(b) and (_inside(a, b) or _inside(b, a) or distance_km(a, b) <= NEAR_KM))


def _site_key(event: Event) -> str:
    """What the month index files a report under: its country and place name
    (one key for two gazetteer entries of one place), or its place id for a
    country or border."""
    if _level(event) == 3 or not event.location:
        return event.place_id
    return f"{event.country}:{event.location}"


def _told_before(report: Event, other: Event) -> bool:
    """Was ``report`` published before the day ``other`` gives as its own
    (a day's grace for time zones)?  Then they are two happenings.  (A date
    borrowed from the text around or the publication day proves nothing.)"""
    return report.published is not None and other.event_date is not None and \
        other.date_precision == _DAY and (other.event_date - report.published).days > 1


def level(event: Event) -> int:
    """3 country or border, 2 province or district, 1 town or site."""
    return _level(event)


def _level(event: Event) -> int:
    """3 country or border, 2 province or district, 1 town or site."""
    if event.place_id.startswith(("ne:", "border:")) or (not event.admin1 and event.geo_precision >= 3):
        return 3
    return min(max(event.geo_precision, 1), 2)


def _inside(inner: Event, outer: Event) -> bool:
    """Is ``inner``'s place inside ``outer``'s (a town in its province, a
    province in its country, a place on one side of a border)?"""
    if outer.place_id.startswith("border:"):
        return inner.country in outer.place_id.split(":", 1)[1].split("-")
    if outer.place_id.startswith("ne:"):
        return inner.country == outer.country
    if outer.place_id.startswith("admin1:") and inner.place_id != outer.place_id and not \
            inner.place_id.startswith(("admin1:", "ne:", "border:")):
        # a district or town in its province ("Guma" in "Benue")
        return inner.country == outer.country and bool(outer.admin1) and \
            inner.admin1.lower() == outer.admin1.lower()
    if _level(outer) == 2 and _level(inner) == 1:
        names = {outer.location.lower(), outer.admin1.lower()} - {""}
        return inner.country == outer.country and bool(
            {inner.admin1.lower(), inner.admin2.lower()} & names)
    return False


def distance_km(a: Event, b: Event) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    return _km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _km(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Great-circle distance (haversine) between two points."""
    p1, p2 = math.radians(lat_a or 0.0), math.radians(lat_b or 0.0)
    dp, dl = p2 - p1, math.radians((lon_b or 0.0) - (lon_a or 0.0))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places_fit(a: Event, b: Event) -> bool:
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.country and b.country and a.country != b.country and not (
            a.place_id.startswith("border:") or b.place_id.startswith("border:")):
        return False
    if _level(a) == 3 and _level(b) == 3:
        return False  # two coarse reports are one happening only at the same place
    if _inside(a, b) or _inside(b, a):
        return True
    if _level(a) == 3 or _level(b) == 3:
        return False
    return distance_km(a, b) <= NEAR_KM


# Happenings that straddle a border: fighting and fire across it.
CROSS_BORDER_TYPES = frozenset({"Battles", "Explosions/Remote violence"})


def reports_fit(a: Event, b: Event) -> bool:
    """Can two reports be of one happening?  Reports typed differently
    must agree on the day and the place (one inside the other)."""
    if a.article_id == b.article_id or not types_fit(a, b) or not dates_fit(a, b):
        return False
    if not places_fit(a, b) and not _country_on_border(a, b):
        return False
    if (_level(a) == 3 or _level(b) == 3) and _MONTH not in (a.date_precision, b.date_precision) and \
            (not _within_a_day(a, b) or ((_level(a) == 3 and a.date_precision == _WEEK
                                          or _level(b) == 3 and b.date_precision == _WEEK)
                                         and (a.place_id, a.event_date) != (b.place_id, b.event_date))):
        # a country says little of where: the day must say which happening ("strikes on
        # Iranian nuclear sites over the weekend" names no day)
        return False
    if a.event_type != b.event_type or (a.event_type == "Strategic developments"
                                        and a.sub_event_type != b.sub_event_type):
        # typed differently: the same day and place, and a place finer than a
        # country or border (two country-wide reports of a clash and a strike
        # that day are not one happening for that alone)
        return a.event_date == b.event_date and (a.place_id == b.place_id or _inside(a, b) or _inside(b, a)) \
            and not (_level(a) == 3 and _level(b) == 3)
    return True


def _country_on_border(a: Event, b: Event) -> bool:
    """A clash told at a country ("Cambodia said its troops clashed with
    Thai forces") and one told on that country's border: fighting between
    two states' forces is at their border.  (Shelling told at a country may
    be anywhere in it.)"""
    if a.event_type != "Battles" or b.event_type != "Battles":
        return False
    for country, border in ((a, b), (b, a)):
        if country.place_id.startswith("ne:") and country.country in border_countries(border):
            return True
    return False


def across_border(a: Event, b: Event, borders: Iterable[Event]) -> bool:
    """Two reports on the two sides of a border ("shelling hit Surin", "a
    clash in Oddar Meanchey") are one happening when the incident holds a
    report of that border, of the same day (a day apart at most), and both
    are of fighting or fire across it: a border clash is told from each side."""
    if a.article_id == b.article_id or not a.country or not b.country or a.country == b.country:
        return False
    if a.event_type not in CROSS_BORDER_TYPES or b.event_type not in CROSS_BORDER_TYPES:
        return False
    if _MONTH in (a.date_precision, b.date_precision) or not _within_a_day(a, b):
        return False
    if _level(a) < 3 and _level(b) < 3 and distance_km(a, b) > ACROSS_BORDER_KM:
        return False  # Chaman and Spin Boldak face each other; Kurram is another stretch of that border
    pair = {a.country, b.country}
    return any(pair <= set(border_countries(border)) for border in borders)


def _within_a_day(a: Event, b: Event) -> bool:
    """Dated, and at most :data:`LINK_DAYS_COARSE` apart."""
    return a.event_date is not None and b.event_date is not None and \
        abs((a.event_date - b.event_date).days) <= LINK_DAYS_COARSE


def fits_incident(event: Event, members: Sequence[Event]) -> bool:
    """Does a report fit every report of an incident (:func:`reports_fit`,
    or :func:`across_border` where the incident holds a border report)?"""
    borders = [m for m in members if m.place_id.startswith("border:")]
    return all(reports_fit(event, m) or (bool(borders) and across_border(event, m, borders)) for m in members)


def _closeness(event: Event, incident: Sequence[Event]) -> tuple[int, int, int, int, float, int]:
    """How close a report is to an incident's nearest report (smaller is
    closer): the same place, then the same type and sub-type, then the same
    death toll (a country-wide report of 19 killed in protests tells the
    town where 19 were killed, not another town's protest), then distance
    and days."""
    best: tuple[int, int, int, int, float, int] = (9, 9, 9, 9, math.inf, 99)
    country = "" if event.place_id.startswith("border:") else event.country
    for other in incident:
        if country and other.country and other.country != country and not other.place_id.startswith("border:"):
            continue  # a report from across a border joins through the border report, which ranks
        best = min(best, _rank(event, other))
    return best


def _rank(event: Event, other: Event) -> tuple[int, int, int, int, float, int]:
    """How close a report is to one report of an incident (see :func:`_closeness`)."""
    days = abs((event.event_date - other.event_date).days) if event.event_date and other.event_date else 99
    # a country-wide report is as close to every place inside it (the toll
    # and the number of reports decide), a town is closest to its own level
    place = 0 if event.place_id == other.place_id else \
        1 if _level(event) == 3 else abs(_level(event) - _level(other)) + 1
    return (place,
            0 if event.event_type == other.event_type else 1,
            0 if event.sub_event_type == other.sub_event_type else 1,
            0 if _has_figure(event) and _has_figure(other) and event.fatalities == other.fatalities else 1,
            distance_km(event, other), days)


# --------------------------------------------------------------------------- linking
#
# What linking decides, for each new report in canonical order (the rules):
#
# 1. the incidents it fits (:func:`reports_fit` with every report of each);
# 2. none: it starts an incident; else it joins the closest, the least by
#    ``(_closeness, -number of reports, first report, id)``;
# 3. every other fitting incident that fits the grown incident entirely
#    (every report with every report) is merged into it, closest first, the
#    older id surviving.
#
# How it finds them without comparing a report with every incident:
#
# * The index files each report under the days it can link on, its type
#   family and where it is (its site, its country, the areas it lies in),
#   and within that by level, type and sub-type.  A query reads only the
#   buckets where a fitting report can be (a superset: ``reports_fit``
#   decides), so the work follows the reports nearby, not the store.
# * An incident's closeness is that of its closest report, whose place level,
#   type and sub-type the bucket names.  The buckets are read in increasing
#   order of that prefix of :func:`_closeness`; the first prefix with a fitting
#   incident holds every fitting incident that can be closest, so a report
#   fitting hundreds of incidents (a country-wide report) reads the few whose
#   reports agree with it by place and type, not all of them.
# * Step 3 cannot merge anything when the chosen incident is *settled*: no
#   other incident fits all of it.  Linking keeps every incident it makes or
#   grows settled (a report that fits an incident entirely and a fitting
#   incident that fits all of the grown incident would have fitted it
#   before), so only incidents handed in by the caller (a store linked under
#   older rules) need step 3, and then every fitting incident is read.
# * An incident keeps its articles and one report of each distinct
#   combination of what ``reports_fit`` reads (type, date, place), so fitting
#   it costs the number of distinct reports, not the number of reports.

_CELL_DEG = 0.5   # the grid that finds the sites near a new site
_COLUMNS = round(360 / _CELL_DEG)
_EARTH_KM = 6371.0

_Site = tuple[str, float | None, float | None]
_Refine = tuple[int, str, str]   # (place level or date class, event type, sub-event type)
_Bucket = dict[_Refine, list[str]]


# What the rules never read of a report: two reports that differ only in
# these fit the same reports (but their article's) and rank alike.  Every
# other field is part of a report's kind, so a rule that reads a new field
# keeps the kinds right.
_UNREAD_BY_FIT = frozenset({
    "event_id", "article_id", "actor1", "actor2", "fatalities", "fatalities_low", "fatalities_high",
    "fatalities_reported", "injured", "evidence", "evidence_start", "evidence_end", "claimed_by", "confidence",
    "incident_id", "role", "source", "url"})
_UNREAD_BY_RANK = (_UNREAD_BY_FIT - {"fatalities", "fatalities_reported"}) | {"event_date", "published"}
# a report's kind for reports_fit, and for _rank but its date
_fit_kind = operator.attrgetter(*(f.name for f in dataclasses.fields(Event) if f.name not in _UNREAD_BY_FIT))
_rank_kind = operator.attrgetter(*(f.name for f in dataclasses.fields(Event) if f.name not in _UNREAD_BY_RANK))


def _point(event: Event) -> tuple[float, float] | None:
    """The report's coordinates, when both are finite numbers."""
    lat, lon = event.latitude, event.longitude
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return lat, lon


def _site(event: Event) -> _Site:
    point = _point(event)
    return (event.place_id, *point) if point else (event.place_id, None, None)


def _grid_cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG) % _COLUMNS


def near_reach(lat: float) -> tuple[float, float | None]:
    """How far, in degrees of latitude and of longitude, a point within
    :data:`NEAR_KM` of a point at ``lat`` can be (with a margin: the test
    that matters is :func:`distance_km`); longitude ``None`` when any (near
    a pole)."""
    reach = NEAR_KM / _EARTH_KM                     # radians of arc
    dlat = math.degrees(reach) * 1.01 + 1e-9
    # haversine: sin(dlon/2) <= sin(reach/2) / cos(the highest latitude in reach)
    widest = math.cos(math.radians(min(90.0, abs(lat) + dlat)))
    ratio = math.sin(reach / 2) / widest if widest > 0 else 2.0
    return dlat, (math.degrees(2 * math.asin(ratio)) * 1.01 + 1e-9 if ratio < 0.99 else None)


def _cells_around(lat: float, lon: float) -> list[tuple[int, int]]:
    """The grid cells that hold every point within :data:`NEAR_KM` of a point."""
    dlat, dlon = near_reach(lat)
    rows = range(math.floor((lat - dlat) / _CELL_DEG), math.floor((lat + dlat) / _CELL_DEG) + 1)
    columns: Iterable[int] = range(_COLUMNS)
    if dlon is not None:
        first, last = math.floor((lon - dlon) / _CELL_DEG), math.floor((lon + dlon) / _CELL_DEG)
        if last - first + 1 < _COLUMNS:
            columns = {c % _COLUMNS for c in range(first, last + 1)}
    return [(r, c) for r in rows for c in columns]


def _member_bases(event: Event) -> list[Hashable]:
    """Where a report is filed besides its site: its country (or ``x`` when
    none is known), a country or border report under ``c``/``b``, a district
    or province under its names (``a``), a town under the areas it lies in
    (``n``)."""
    borders = border_countries(event)
    if not event.country and not borders:
        return ["x"]
    countries = borders or [event.country]
    bases: list[Hashable] = [("all", c) for c in countries]
    if _level(event) == 3:
        kind = "b" if event.place_id.startswith("border:") else "c"
        return [*bases, *[(kind, c) for c in countries]]
    if _level(event) == 2:
        return [*bases, *[("a", event.country, name) for name in _area_names(event)]]
    return [*bases, *[("n", event.country, name) for name in _admin_names(event)]]


def _query_bases(event: Event) -> list[Hashable]:
    """The bases that hold every report ``event`` can fit by place, besides
    the sites of its place id and those near it (a superset:
    :func:`places_fit` decides)."""
    countries = border_countries(event) or ([event.country] if event.country else [])
    if not countries:  # no country known: reports with none, on a border with none
        return ["x", ("b", "")]
    if _level(event) == 3:  # a country or border report contains every report in it
        return ["x", *[("all", c) for c in countries]]
    country = event.country
    bases: list[Hashable] = ["x", ("c", country), ("b", country)]
    if _level(event) == 2:  # towns inside this area; areas of the same name
        bases += [("n", country, name) for name in _area_names(event)]
        bases += [("a", country, name) for name in _area_names(event)]
    else:  # the areas this town lies in
        bases += [("a", country, name) for name in _admin_names(event)]
    return bases


def _admin_names(event: Event) -> set[str]:
    """The area names a town or site lies in (its admin1 and admin2)."""
    return {event.admin1.lower(), event.admin2.lower()} - {""}


def _area_names(event: Event) -> set[str]:
    """The names a district or province report goes by (see ``_inside``)."""
    return {event.location.lower(), event.admin1.lower()} - {""}


def border_countries(event: Event) -> list[str]:
    """The countries a border report lies between (``border:AFG-PAK``), else none."""
    return event.place_id.split(":", 1)[1].split("-") if event.place_id.startswith("border:") else []


def _family(event: Event) -> str:
    """The types a report can be linked across (:func:`types_fit`): the
    connected group of its type among the compatible pairs."""
    if event.event_type == "Strategic developments":
        if event.sub_event_type in _COMPATIBLE_STRATEGIC:
            return "sd:" + "|".join(sorted(_COMPATIBLE_STRATEGIC))
        return f"sd:{event.sub_event_type}"
    group = {event.event_type}
    for pair in _COMPATIBLE_TYPES:
        if pair & group:
            group |= pair
    for pair in _COMPATIBLE_TYPES:  # one more step: pairs chain (A-B, B-C)
        if pair & group:
            group |= pair
    return "|".join(sorted(group))


def _precision_class(event: Event) -> int:
    return event.date_precision if event.date_precision in (_DAY, _WEEK, _MONTH) else _DAY


_NEAREST_FROM = 12  # an incident this large keeps its reports by what _rank reads


class _Group:
    """An incident while linking: its reports, their articles, one report of
    each distinct :func:`_fit_kind`, its first report's key, and whether it
    is settled (no other incident fits all of it).  A large incident also
    keeps one report of each :func:`_rank_kind` and date, so its closeness
    reads those, not every report."""

    __slots__ = ("members", "articles", "kinds", "first", "settled", "by_rank", "borders")

    def __init__(self, *, settled: bool) -> None:
        self.members: list[Event] = []
        self.articles: set[str] = set()
        self.kinds: dict[int, Event] = {}
        self.first: tuple[str, str, int, str] | None = None
        self.settled = settled
        self.by_rank: dict[tuple[Any, ...], dict[date | None, Event]] | None = None
        self.borders: list[Event] = []

    def add(self, event: Event, kind: int) -> None:
        self.members.append(event)
        if event.place_id.startswith("border:"):
            self.borders.append(event)
        self.articles.add(event.article_id)
        self.kinds.setdefault(kind, event)
        first = report_key(event)
        if self.first is None or first < self.first:
            self.first = first
        if self.by_rank is not None:
            self.by_rank.setdefault(_rank_kind(event), {}).setdefault(event.event_date, event)
        elif len(self.members) >= _NEAREST_FROM:
            self.by_rank = {}
            for member in self.members:
                self.by_rank.setdefault(_rank_kind(member), {}).setdefault(member.event_date, member)

    def fits(self, event: Event, memo: dict[int, bool]) -> bool:
        """Does ``event`` fit every report (:func:`fits_incident`)?  ``memo``
        keeps :func:`reports_fit` for each fit kind while one report is placed."""
        if event.article_id in self.articles:
            return False
        for kind, member in self.kinds.items():
            fits = memo.get(kind)
            if fits is None:
                fits = memo[kind] = reports_fit(event, member)
            if not fits and not (self.borders and across_border(event, member, self.borders)):
                return False
        return True

    def closeness(self, event: Event) -> tuple[int, int, int, int, float, int]:
        """:func:`_closeness` of ``event`` to this incident: the reports of
        one rank kind differ only by date, so the one nearest in days ranks
        first among them."""
        if self.by_rank is None:
            return _closeness(event, self.members)
        when = event.event_date
        nearest = [min(dated.values(), key=lambda other: abs((when - other.event_date).days)
                       if when and other.event_date else 99)
                   for dated in self.by_rank.values()]
        return _closeness(event, nearest)


class _Linker:
    """Incidents being linked, and the index that finds the ones a report
    can join (see the notes above)."""

    def __init__(self) -> None:
        self.groups: dict[str, _Group] = {}
        self.aliases: dict[str, list[str]] = {}
        self.merged_into: dict[str, str] = {}
        # (family, base) -> (date class, day) -> (level, type, sub-type) -> incident ids
        self.by_place: dict[tuple[str, Hashable], dict[tuple[int, int], _Bucket]] = {}
        # (family, place id, year, month) -> (date class, type, sub-type) -> incident ids
        self.by_month: dict[tuple[str, str, int, int], _Bucket] = {}
        self.kind_ids: dict[tuple[Any, ...], int] = {}
        self.families: dict[tuple[str, str], str] = {}
        self.sites_of: dict[str, list[_Site]] = {}       # place id -> its sites
        self.near: dict[_Site, list[_Site]] = {}          # site -> sites within NEAR_KM (itself too)
        self.cells: dict[tuple[int, int], list[_Site]] = {}

    # -- the state ---------------------------------------------------------

    def adopt(self, incidents: Sequence[Incident]) -> None:
        """Take the caller's incidents (not settled: they may fit each other)."""
        reports = {i.incident_id: i.reports for i in incidents}
        self.aliases = {i.incident_id: list(i.aliases) for i in incidents}
        for key, members in reports.items():
            group = self.groups[key] = _Group(settled=False)
            for member in members:
                self._join(group, key, member)

    def incidents(self) -> list[Incident]:
        return sorted((summarize(key, group.members, aliases=self.aliases.get(key, ()))
                       for key, group in self.groups.items()), key=lambda i: i.incident_id)

    def _family(self, event: Event) -> str:
        types = (event.event_type, event.sub_event_type)
        family = self.families.get(types)
        if family is None:
            family = self.families[types] = _family(event)
        return family

    def _kind(self, event: Event) -> int:
        kind = _fit_kind(event)
        found = self.kind_ids.get(kind)
        if found is None:
            found = self.kind_ids[kind] = len(self.kind_ids)
        return found

    def _join(self, group: _Group, key: str, event: Event) -> None:
        """Add a report to an incident and file it in the index."""
        group.add(event, self._kind(event))
        if event.event_date is None:
            return  # it fits no report (dates_fit), so nothing need find it
        family, klass, when = self._family(event), _precision_class(event), event.event_date
        if event.place_id:
            self.by_month.setdefault((family, _site_key(event), when.year, when.month), {}) \
                .setdefault((klass, event.event_type, event.sub_event_type), []).append(key)
        if klass == _MONTH:
            return  # a month-dated report fits only at its place id, that month
        slot = (klass, when.toordinal())
        refine = (_level(event), event.event_type, event.sub_event_type)
        for base in (self._register(event), *_member_bases(event)):
            self.by_place.setdefault((family, base), {}).setdefault(slot, {}).setdefault(refine, []).append(key)

    def _register(self, event: Event) -> _Site:
        """The report's site, known from now on with the sites near it."""
        site = _site(event)
        if site in self.near:
            return site
        self.sites_of.setdefault(event.place_id, []).append(site)
        near = [site]
        _, lat, lon = site
        if lat is not None and lon is not None:
            for cell in _cells_around(lat, lon):
                for other in self.cells.get(cell, ()):
                    _, olat, olon = other
                    if _km(lat, lon, olat, olon) <= NEAR_KM or _km(olat, olon, lat, lon) <= NEAR_KM:  # type: ignore[arg-type]
                        near.append(other)
                        self.near[other].append(site)
            self.cells.setdefault(_grid_cell(lat, lon), []).append(site)
        self.near[site] = near
        return site

    def _resolve(self, key: str) -> str:
        while key in self.merged_into:
            key = self.merged_into[key]
        return key

    # -- linking one report --------------------------------------------------

    def place(self, event: Event, *, found: list[str] | None = None) -> None:
        """Link one report.  ``found``: the fitting incidents a preview of
        it read (:meth:`closest_first`), used when each is still there,
        settled and free of the report's article (else searched again)."""
        seen: set[str] = set()
        memo: dict[int, bool] = {}
        tiers = self._tiers(event) if event.event_date is not None else iter(())
        if found is not None and all(
                key in self.groups and self.groups[key].settled and event.article_id not in self.groups[key].articles
                for key in found):
            fitting, unread = list(found), []
        else:
            fitting, unread = self._closest_tiers(event, tiers, seen, memo)
        if not fitting:
            group = self.groups[event.event_id] = _Group(settled=True)
            self._join(group, event.event_id, event)
            return

        def rank(key: str) -> tuple[Any, ...]:
            group = self.groups[key]
            return group.closeness(event), -len(group.members), group.first, key

        chosen = fitting[0] if len(fitting) == 1 else min(fitting, key=rank)
        if self.groups[chosen].settled:
            self._join(self.groups[chosen], chosen, event)
            return
        # An incident handed in by the caller: every fitting incident may merge.
        for _, tier in itertools.chain(unread, tiers):
            fitting += self._fitting(event, tier, seen, memo)
        fitting.sort(key=rank)
        chosen = fitting[0]
        self._join(self.groups[chosen], chosen, event)
        for other in fitting[1:]:
            if other in self.groups and all(reports_fit(a, b) for a in self.groups[other].members
                                            for b in self.groups[chosen].members):
                older, newer = sorted((chosen, other), key=lambda key: self.groups[key].first)  # type: ignore[arg-type, return-value]
                self._absorb(older, newer)
                chosen = older
        self.groups[chosen].settled = True

    def closest_first(self, batch: Sequence[Event]) -> list[tuple[Event, list[str] | None]]:
        """One article's reports in the order they are linked, each with
        the fitting incidents its preview found: the one with the closest
        fitting incident first, so that a report of the same place takes its
        incident before a neighbouring town's report of that day can (each
        incident takes one report of an article)."""
        if len(batch) < 2:
            return [(e, None) for e in batch]
        previews = {id(e): self._preview(e) for e in batch}
        unplaced = (1,)

        def rank(event: Event) -> tuple[Any, ...]:
            fitting = previews[id(event)]
            best = min(self.groups[key].closeness(event) for key in fitting) if fitting else None
            return ((0, best) if best is not None else unplaced), report_key(event)

        return [(e, previews[id(e)]) for e in sorted(batch, key=rank)]

    def _preview(self, event: Event) -> list[str]:
        """The fitting incidents :meth:`place` would choose among now."""
        if event.event_date is None:
            return []
        return self._closest_tiers(event, self._tiers(event), set(), {})[0]

    def _closest_tiers(self, event: Event, tiers: Iterator[tuple[tuple[int, ...], list[list[str]]]],
                       seen: set[str], memo: dict[int, bool],
                       ) -> tuple[list[str], list[tuple[tuple[int, ...], list[list[str]]]]]:
        """The fitting incidents of the tiers read until no later tier can
        hold a closer one.  An incident met in a tier is never closer than
        the tier's (place, type, sub-type), but may be farther (a report
        across a border ranks by the border report its incident holds), so
        the search goes on while a later tier could still beat the best.
        Returns them and the tier read but not searched, if any."""
        fitting: list[str] = []
        best: tuple[int, ...] | None = None
        for prefix, tier in tiers:
            if best is not None and prefix > best:
                return fitting, [(prefix, tier)]
            found = self._fitting(event, tier, seen, memo)
            fitting += found
            for key in found:
                closeness = self.groups[key].closeness(event)[:3]
                if best is None or closeness < best:
                    best = closeness
        return fitting, []

    def _absorb(self, older: str, newer: str) -> None:
        into, gone = self.groups[older], self.groups.pop(newer)
        for member in gone.members:
            into.add(member, self._kind(member))
        self.merged_into[newer] = older
        self.aliases.setdefault(older, []).extend([newer, *self.aliases.pop(newer, [])])

    def _fitting(self, event: Event, tier: list[list[str]], seen: set[str], memo: dict[int, bool]) -> list[str]:
        """The incidents of one tier that ``event`` fits entirely, each read once."""
        found = []
        for keys in tier:
            for key in keys:
                if self.merged_into:
                    key = self._resolve(key)
                if key in seen:
                    continue
                seen.add(key)
                if self.groups[key].fits(event, memo):
                    found.append(key)
        return found

    def _read(self, family: str, base: Hashable, slots: list[tuple[int, int]]) -> list[_Bucket]:
        """The buckets of a base on the given (date class, day) slots."""
        days = self.by_place.get((family, base))
        return [inner for slot in slots if (inner := days.get(slot))] if days else []

    def _tiers(self, event: Event) -> Iterator[tuple[tuple[int, ...], list[list[str]]]]:
        """The incident ids that may fit ``event``, in tiers of increasing
        ``(place, type, sub-type)`` of :func:`_closeness`, each with that
        prefix (an incident first met in a tier is no closer than it)."""
        assert event.event_date is not None
        family, klass, when = self._family(event), _precision_class(event), event.event_date
        kind, sub = event.event_type, event.sub_event_type
        # The same place id: place 0.  (date class or level, type, sub) -> ids
        same: list[tuple[_Bucket, tuple[int, ...]]] = []
        month = self.by_month.get((family, _site_key(event), when.year, when.month)) if event.place_id else None
        slots: list[tuple[int, int]] = []
        if klass == _MONTH:
            if month:
                same.append((month, (_DAY, _WEEK, _MONTH)))
        else:
            if month:
                same.append((month, (_MONTH,)))  # a month-dated report at this place, this month
            today = when.toordinal()
            for other in (_DAY, _WEEK):
                window = LINK_DAYS_WEEK if _WEEK in (klass, other) else LINK_DAYS
                slots += [(other, day) for day in range(today - window, today + window + 1)]
            for site in self.sites_of.get(event.place_id, ()):
                same += [(inner, (1, 2, 3)) for inner in self._read(family, site, slots)]
        yield (0, 0, 0), [keys for inner, firsts in same for first in firsts if (keys := inner.get((first, kind, sub)))]
        rest: dict[tuple[bool, bool], list[list[str]]] = {}
        for inner, firsts in same:
            for (first, k, s), keys in inner.items():
                if first in firsts and (k != kind or s != sub):
                    rest.setdefault((k != kind, s != sub), []).append(keys)
        for differ in ((False, True), (True, False), (True, True)):
            yield (0, *map(int, differ)), rest.get(differ, [])
        if not slots:
            return
        # Elsewhere: place 1 to 3 by the level of the report met.
        bases = _query_bases(event)
        if _level(event) < 3 and _point(event) is not None:
            bases += self.near[self._register(event)]
        others = [inner for base in bases for inner in self._read(family, base, slots)]
        level_of = _level(event)
        place_of = {lv: 1 if level_of == 3 else abs(level_of - lv) + 1 for lv in (1, 2, 3)}
        classified: dict[tuple[int, bool, bool], list[list[str]]] | None = None
        for place in sorted(set(place_of.values())):
            levels = [lv for lv, p in place_of.items() if p == place]
            yield (place, 0, 0), [keys for inner in others for lv in levels if (keys := inner.get((lv, kind, sub)))]
            if classified is None:
                classified = {}
                for inner in others:
                    for (lv, k, s), keys in inner.items():
                        if k != kind or s != sub:
                            classified.setdefault((place_of[lv], k != kind, s != sub), []).append(keys)
            for differ in ((False, True), (True, False), (True, True)):
                yield (place, *map(int, differ)), classified.get((place, *differ), [])


def add_reports(incidents: Sequence[Incident], events: Iterable[Event]) -> list[Incident]:
    """Link new reports (the events of one or more new articles) into
    ``incidents``; returns every incident, updated, in id order.  An
    incident that absorbs another lists the other's id in ``aliases``."""
    linker = _Linker()
    linker.adopt(incidents)
    # canonical order keeps an article's reports together (one publication date)
    for _, batch in itertools.groupby(sorted(events, key=report_key), key=operator.attrgetter("article_id")):
        for event, found in linker.closest_first(list(batch)):
            linker.place(event, found=found)
    return linker.incidents()


def link_incidents(events: Iterable[Event]) -> list[Incident]:
    """Link all reports from scratch, in canonical order: the same incidents
    whatever order the articles came in."""
    return add_reports((), events)


# --------------------------------------------------------------------------- figures


def counts_dead(fatalities: int | None, reported: str | None, high: int | None) -> bool:
    """Does a report with these fields give a number of dead?  A figure, or
    "no one was killed" (0 told, high 0); a vague multitude alone ("killed
    scores of people": best 0, a range whose count adds nothing) is no
    number: it must not become the incident's lowest figure and outvote
    another report's 1,000.  (The dashboard reads its stored reports by
    this rule too.)"""
    return bool(fatalities) or (bool((reported or "").strip()) and high == 0)


def _has_figure(event: Event) -> bool:
    return counts_dead(event.fatalities, event.fatalities_reported, event.fatalities_high)


def summarize(incident_id: str, members: Sequence[Event], *, aliases: Sequence[str] = ()) -> Incident:
    """The incident record of a group of reports (its id is kept)."""
    reports = tuple(sorted(members, key=report_key))
    anchor = min(reports, key=lambda e: (_level(e), e.geo_precision, e.date_precision or 9, report_key(e)))
    # One figure per report url (a later version of one article replaces its earlier figure).
    latest: dict[str, Event] = {}
    for e in reports:
        if not _has_figure(e):
            continue
        key = e.url or e.article_id
        if key not in latest or report_key(e) >= report_key(latest[key]):
            latest[key] = e
    figures = tuple(Figure(e.event_id, e.article_id, e.source, e.published, e.fatalities, e.fatalities_reported)
                    for e in sorted(latest.values(), key=report_key))
    low = best = high = None
    reason = "no report gives a figure"
    if figures:
        values = [f.fatalities for f in figures]
        counts = Counter(values)
        top = max(counts.values())
        modes = sorted(v for v, c in counts.items() if c == top)
        low, high = min(values), max([*values, *(e.fatalities_high for e in latest.values()
                                                  if e.fatalities_high is not None)])
        if len(figures) == 1:
            best, reason = values[0], "the only report with a figure"
        elif top * 2 > len(figures) and len(modes) == 1:  # most reports: more than half of them
            best, reason = modes[0], f"given by {top} of {len(figures)} reports"
        else:
            best, reason = min(values), f"the lowest of {len(figures)} differing reports"
    sources = {e.source or e.url or e.article_id for e in reports}
    published = [e.published for e in reports if e.published is not None]
    types = Counter(e.event_type for e in reports)
    event_type = max(types, key=lambda t: (types[t], t == anchor.event_type))
    subtypes = Counter(e.sub_event_type for e in reports if e.event_type == event_type)
    sub_event_type = max(subtypes, key=lambda s: (subtypes[s], s == anchor.sub_event_type))
    dated = min(reports, key=lambda e: (e.date_precision or 9, report_key(e)))
    return Incident(
        incident_id=incident_id, aliases=tuple(sorted(set(aliases))), reports=reports,
        event_type=event_type, sub_event_type=sub_event_type,
        event_date=dated.event_date, date_precision=dated.date_precision,
        country=anchor.country, admin1=anchor.admin1, location=anchor.location,
        latitude=anchor.latitude, longitude=anchor.longitude, geo_precision=anchor.geo_precision,
        place_id=anchor.place_id, fatalities_low=low, fatalities_best=best, fatalities_high=high,
        best_reason=reason, figures=figures, n_reports=len(reports), n_sources=len(sources),
        first_reported=min(published) if published else None, last_reported=max(published) if published else None,
    )
