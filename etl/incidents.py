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
  in its district or province), or near (within 30 km);
* they come from different articles: two events of one article are two
  happenings (the article stage has already merged the mentions of one).

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

**Figures.**  ``fatalities_best`` is the figure most reports support, else
the lowest figure reported (ACLED's conservative rule); ``_low`` and
``_high`` span the reports.  A report that revises its own article's earlier
figure (the same url, published later) replaces it.  Each incident keeps the
figure of every report and says why the best was taken.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from etl.records import Event

LINK_DAYS = 2            # two day-precision reports of one happening differ by at most this
LINK_DAYS_WEEK = 3       # when either report's date is borrowed (precision WEEK)
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
    if a.date_precision == _MONTH or b.date_precision == _MONTH:
        return (a.event_date.year, a.event_date.month) == (b.event_date.year, b.event_date.month) \
            and a.place_id == b.place_id and bool(a.place_id)
    window = LINK_DAYS_WEEK if _WEEK in (a.date_precision, b.date_precision) else LINK_DAYS
    return abs((a.event_date - b.event_date).days) <= window


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
    if _level(outer) == 2 and _level(inner) == 1:
        names = {outer.location.lower(), outer.admin1.lower()} - {""}
        return inner.country == outer.country and bool(
            {inner.admin1.lower(), inner.admin2.lower()} & names)
    return False


def distance_km(a: Event, b: Event) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    p1, p2 = math.radians(a.latitude or 0.0), math.radians(b.latitude or 0.0)
    dp, dl = p2 - p1, math.radians((b.longitude or 0.0) - (a.longitude or 0.0))
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


def reports_fit(a: Event, b: Event) -> bool:
    """Can two reports be of one happening?  Reports typed differently
    must agree on the day and the place (one inside the other)."""
    if a.article_id == b.article_id or not types_fit(a, b) or not dates_fit(a, b) or not places_fit(a, b):
        return False
    if a.event_type != b.event_type or (a.event_type == "Strategic developments"
                                        and a.sub_event_type != b.sub_event_type):
        # typed differently: the same day and place, and a place finer than a
        # country or border (two country-wide reports of a clash and a strike
        # that day are not one happening for that alone)
        return a.event_date == b.event_date and (a.place_id == b.place_id or _inside(a, b) or _inside(b, a)) \
            and not (_level(a) == 3 and _level(b) == 3)
    return True


def _closeness(event: Event, incident: Sequence[Event]) -> tuple[int, int, int, int, float, int]:
    """How close a report is to an incident's nearest report (smaller is
    closer): the same place, then the same type and sub-type, then the same
    death toll (a country-wide report of 19 killed in protests tells the
    town where 19 were killed, not another town's protest), then distance
    and days."""
    best: tuple[int, int, int, int, float, int] = (9, 9, 9, 9, math.inf, 99)
    for other in incident:
        days = abs((event.event_date - other.event_date).days) if event.event_date and other.event_date else 99
        # a country-wide report is as close to every place inside it (the toll
        # and the number of reports decide), a town is closest to its own level
        place = 0 if event.place_id == other.place_id else \
            1 if _level(event) == 3 else abs(_level(event) - _level(other)) + 1
        rank = (place,
                0 if event.event_type == other.event_type else 1,
                0 if event.sub_event_type == other.sub_event_type else 1,
                0 if _has_figure(event) and _has_figure(other) and event.fatalities == other.fatalities else 1,
                distance_km(event, other), days)
        best = min(best, rank)
    return best


# --------------------------------------------------------------------------- linking


def _fits(event: Event, members: Sequence[Event]) -> bool:
    return all(reports_fit(event, other) for other in members)


def _coarse(event: Event) -> bool:
    return _level(event) == 3


def add_reports(incidents: Sequence[Incident], events: Iterable[Event]) -> list[Incident]:
    """Link new reports (the events of one or more new articles) into
    ``incidents``; returns every incident, updated, in id order.  An
    incident that absorbs another lists the other's id in ``aliases``."""
    groups: dict[str, list[Event]] = {i.incident_id: list(i.reports) for i in incidents}
    aliases: dict[str, list[str]] = {i.incident_id: list(i.aliases) for i in incidents}
    index = _DayIndex()
    for key, members in groups.items():
        for member in members:
            index.add(member, key)
    for event in sorted(events, key=report_key):
        _place(event, groups, aliases, index)
    return sorted((summarize(key, members, aliases=aliases.get(key, ())) for key, members in groups.items()),
                  key=lambda i: i.incident_id)


_CELL_DEG = 0.5  # the grid of the index: a cell is at least NEAR_KM tall


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _near_cells(lat: float, lon: float) -> list[tuple[int, int]]:
    """The grid cells within :data:`NEAR_KM` of a point (more cells of
    longitude towards the poles, where they narrow)."""
    row, col = _cell(lat, lon)
    lon_deg = NEAR_KM / (111.32 * max(math.cos(math.radians(lat)), 0.05))
    reach = max(1, math.ceil(lon_deg / _CELL_DEG))
    return [(r, c) for r in (row - 1, row, row + 1) for c in range(col - reach, col + reach + 1)]


def _admin_names(event: Event) -> set[str]:
    """The area names a town or site lies in (its admin1 and admin2)."""
    return {event.admin1.lower(), event.admin2.lower()} - {""}


def _area_names(event: Event) -> set[str]:
    """The names a district or province report goes by (see ``_inside``)."""
    return {event.location.lower(), event.admin1.lower()} - {""}


def _border_countries(event: Event) -> list[str]:
    return event.place_id.split(":", 1)[1].split("-") if event.place_id.startswith("border:") else []


def index_keys(event: Event) -> list[str]:
    """The buckets a report is filed under in :class:`_DayIndex`."""
    keys = [f"p:{event.place_id}"] if event.place_id else []
    if not event.country and not _border_countries(event):
        return [*keys, "x"]
    countries = _border_countries(event) or [event.country]
    keys += [f"all:{c}" for c in countries]
    if _level(event) == 3:
        keys += [f"{'b' if event.place_id.startswith('border:') else 'c'}:{c}" for c in countries]
        return keys
    if event.latitude is not None and event.longitude is not None:
        keys.append("g:%d:%d" % _cell(event.latitude, event.longitude))
    if _level(event) == 2:
        keys += [f"a:{event.country}:{name}" for name in _area_names(event)]
    else:
        keys += [f"n:{event.country}:{name}" for name in _admin_names(event)]
    return keys


def query_keys(event: Event) -> list[str]:
    """The buckets that hold every report ``event`` can fit by place (a
    superset: :func:`places_fit` decides)."""
    keys = [f"p:{event.place_id}", "x"] if event.place_id else ["x"]
    countries = _border_countries(event) or ([event.country] if event.country else [])
    if not countries:
        return ["*"]  # no country known: it may fit any report
    if _level(event) == 3:  # a country or border report contains every report in it
        return [*keys, *[f"all:{c}" for c in countries]]
    country = event.country
    keys += [f"c:{country}", f"b:{country}"]
    if event.latitude is not None and event.longitude is not None:
        keys += ["g:%d:%d" % cell for cell in _near_cells(event.latitude, event.longitude)]
    if _level(event) == 2:  # towns inside this area; areas of the same name
        keys += [f"n:{country}:{name}" for name in _area_names(event)]
        keys += [f"a:{country}:{name}" for name in _area_names(event)]
    else:  # the areas this town lies in
        keys += [f"a:{country}:{name}" for name in _admin_names(event)]
    return keys


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


class _DayIndex:
    """Incident ids by the days their reports are dated, the group of types
    they can be linked across, their date precision, and where they are
    (place, country, area name, a 0.5-degree grid): a report is compared only
    with incidents it can be by type, date and place (:func:`reports_fit`
    decides among those), so linking stays near linear also where thousands
    of reports share a week and a country."""

    def __init__(self) -> None:
        self.by_day: dict[int, dict[tuple[str, int, str], set[str]]] = {}

    def add(self, event: Event, key: str) -> None:
        if event.event_date is None:
            return
        day = self.by_day.setdefault(event.event_date.toordinal(), {})
        family, precision = _family(event), _precision_class(event)
        for name in index_keys(event):
            day.setdefault((family, precision, name), set()).add(key)

    def move(self, old: str, new: str) -> None:
        for day in self.by_day.values():
            for keys in day.values():
                if old in keys:
                    keys.discard(old)
                    keys.add(new)

    def near(self, event: Event) -> set[str]:
        if event.event_date is None:
            return set()
        day = event.event_date.toordinal()
        family, precision = _family(event), _precision_class(event)
        wanted = query_keys(event)
        month = (event.event_date.year, event.event_date.month)
        here = f"p:{event.place_id}"
        found: set[str] = set()
        span = 31 if precision == _MONTH else LINK_DAYS_WEEK
        for d in range(day - span, day + span + 1):
            buckets = self.by_day.get(d)
            if not buckets:
                continue
            when = date.fromordinal(d)
            same_month = (when.year, when.month) == month
            for prec in (_DAY, _WEEK, _MONTH):
                if precision == _MONTH or prec == _MONTH:
                    # a month-dated report fits only at the same place, that month
                    if same_month and event.place_id:
                        found |= buckets.get((family, prec, here), set())
                    continue
                if abs(d - day) > (LINK_DAYS_WEEK if _WEEK in (precision, prec) else LINK_DAYS):
                    continue
                if wanted == ["*"]:
                    for (fam, pr, _), keys in buckets.items():
                        if fam == family and pr == prec:
                            found |= keys
                    continue
                for name in wanted:
                    found |= buckets.get((family, prec, name), set())
        return found


def _precision_class(event: Event) -> int:
    return event.date_precision if event.date_precision in (_DAY, _WEEK, _MONTH) else _DAY


def _place(event: Event, groups: dict[str, list[Event]], aliases: dict[str, list[str]], index: _DayIndex) -> None:
    fitting = [key for key in sorted(index.near(event)) if key in groups and _fits(event, groups[key])]
    if not fitting:
        groups[event.event_id] = [event]
        index.add(event, event.event_id)
        return
    # The closest incident; among equally close ones (a country-level report
    # fits every incident in the country), the one with most reports.
    fitting.sort(key=lambda key: (_closeness(event, groups[key]), -len(groups[key]), _first_key(groups[key])))
    chosen = fitting[0]
    groups[chosen].append(event)
    index.add(event, chosen)
    # The new report may show that two incidents are one: merge those that fit
    # the grown incident entirely (the older id survives).
    for other in fitting[1:]:
        if other in groups and all(reports_fit(a, b) for a in groups[other] for b in groups[chosen]):
            older, newer = sorted((chosen, other), key=lambda key: _first_key(groups[key]))
            groups[older].extend(groups.pop(newer))
            index.move(newer, older)
            aliases.setdefault(older, []).extend([newer, *aliases.pop(newer, [])])
            chosen = older


def _first_key(members: Sequence[Event]) -> tuple[str, str, int, str]:
    return min(report_key(e) for e in members)


def link_incidents(events: Iterable[Event]) -> list[Incident]:
    """Link all reports from scratch, in canonical order: the same incidents
    whatever order the articles came in."""
    return add_reports((), events)


# --------------------------------------------------------------------------- figures


def _has_figure(event: Event) -> bool:
    return bool(event.fatalities_reported) or event.fatalities > 0


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
        elif top > 1 and len(modes) == 1:
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
