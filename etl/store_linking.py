"""The SQL that finds the stored reports a new report may join
(:meth:`etl.store.Store` links each new article's events against them with
:mod:`etl.incidents`): one statement shape per kind of report, its values
bound, so each shape is compiled once per process; plus the upsert of
incidents and the move of reports between them.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from etl.records import Event
from etl.store_schema import articles, events, incidents

@dataclass(frozen=True, slots=True)
class _FitForm:
    """The shape of the SQL that selects the stored reports fitting an
    event (:func:`_fit_form`); the event's own values are bound parameters,
    so each shape is built and compiled once per process
    (:func:`_candidate_query`)."""

    month_only: bool
    """The event is dated only to its month."""
    has_place: bool
    """The event has a place id."""
    places: str
    """``any`` (no country known), ``country`` (a country or border
    report) or ``area`` (a province, district, town or site)."""
    near: str
    """``""`` (no coordinates), ``any`` (coordinates out of range), ``rows``
    (any longitude: near a pole) or ``box`` with ``-west``/``-east`` when
    the box crosses the antimeridian."""
    area: bool
    """A province or district (level 2): towns inside it, areas of the same name."""
    names: str
    """Area names to match: ``none``, ``any`` (a name SQL cannot lower-case) or ``listed``."""
    countries: int
    """The number of countries of a country or border report (``places`` ``country``)."""
    across_border: bool
    """The event may fit reports across a border (:func:`_across_border`)."""


def _fit_form(event: Event) -> tuple[_FitForm, dict[str, Any]] | None:
    """What a stored report must be to fit ``event``
    (``etl.incidents.reports_fit``; a superset): dated near it (a
    month-dated report: that month, at its place), of a type one
    happening can be reported as, on the same day when typed otherwise, at
    a place it can share (:func:`_place_clause`).  Returns the shape of that
    condition and the values of its parameters; ``None`` when no report can
    fit it (undated; dated only to the month with no place id)."""
    from etl import incidents as linking

    when = event.event_date
    if when is None:
        return None
    month_only = event.date_precision == 3
    if month_only and not event.place_id:
        return None
    values: dict[str, Any] = {
        "when": when, "place_id": event.place_id, "event_type": event.event_type,
        "types": sorted(linking.compatible_types([event.event_type])),
        "month_first": date(when.year, when.month, 1),
        "month_last": date(when.year + when.month // 12, when.month % 12 + 1, 1) - timedelta(days=1),
    }
    if not month_only:
        window = timedelta(days=linking.LINK_DAYS_WEEK)
        values["week_first"], values["week_last"] = when - window, when + window
    values["country"], values["location"] = event.country, event.location
    values["border_like"] = f"border:%{event.country}%"
    places, near, area, names_form = "any", "", False, "none"
    countries = linking.border_countries(event) or ([event.country] if event.country else [])
    if countries and linking.level(event) == 3:
        places = "country"
        values["countries"] = countries
        for k, code in enumerate(countries):
            values[f"border_like_{k}"] = f"border:%{code}%"
    elif countries:
        places = "area"
        if event.latitude is not None and event.longitude is not None:
            near = _near_values(event.latitude, event.longitude, values)
        area = linking.level(event) == 2
        if area:  # towns inside it; areas of the same name
            names = {event.location.lower(), event.admin1.lower()} - {""}
        else:  # the districts and provinces it lies in
            names = {event.admin1.lower(), event.admin2.lower()} - {""}
        if names and not all(name.isascii() for name in names):
            names_form = "any"
        elif names:
            names_form = "listed"
            values["names"] = sorted(names)
    form = _FitForm(month_only=month_only, has_place=bool(event.place_id), places=places,
                    near=near, area=area, names=names_form, countries=len(countries),
                    across_border=bool(event.country) and event.event_type in linking.CROSS_BORDER_TYPES)
    return form, values


def _near_values(lat: float, lon: float, values: dict[str, Any]) -> str:
    """The box within ``etl.incidents.NEAR_KM`` of a point (across the
    antimeridian too): its bounds into ``values``, its shape returned
    (:class:`_FitForm`'s ``near``); a point outside the usual ranges of
    latitude and longitude may be near anything."""
    from etl import incidents as linking

    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return "any"
    dlat, dlon = linking.near_reach(lat)
    values["lat_low"], values["lat_high"] = lat - dlat, lat + dlat
    if dlon is None:
        return "rows"
    values["lon_low"], values["lon_high"] = lon - dlon, lon + dlon
    form = "box"
    if lon - dlon < -180:
        form += "-west"
        values["lon_west"] = lon - dlon + 360
    if lon + dlon > 180:
        form += "-east"
        values["lon_east"] = lon + dlon - 360
    return form


def _fit_clauses(form: _FitForm, c: Any) -> list[sa.ColumnElement[bool]]:
    """:func:`_fit_form`'s condition on the reports of columns ``c``, its
    values as bound parameters."""
    p = sa.bindparam
    # a month-dated report: that month, at its place (``etl.incidents.same_site``)
    same_site = sa.or_(c.place_id == p("place_id"), sa.and_(c.country == p("country"), c.location == p("location")))
    same_month = sa.and_(same_site, c.event_date.between(p("month_first"), p("month_last")))
    if form.month_only:
        dated = same_month
    else:
        near = sa.and_(c.date_precision != 3, c.event_date.between(p("week_first"), p("week_last")))
        dated = sa.or_(near, sa.and_(c.date_precision == 3, same_month)) if form.has_place else near
    return [c.event_date.is_not(None), dated,
            c.event_type.in_(p("types", expanding=True)),
            sa.or_(c.event_type == p("event_type"), c.event_date == p("when")),
            _place_clause(form, c)]


def _across_border(form: _FitForm, c: Any) -> sa.ColumnElement[bool]:
    """A stored report (columns ``c``) the event may fit across a border
    (``etl.incidents.across_border``; a superset): fighting or fire in
    another country, in an incident that holds a report of a border of
    the event's country."""
    from etl import incidents as linking

    if not form.across_border:
        return sa.false()
    border = events.alias("border")
    return sa.and_(c.country != sa.bindparam("country"), c.country != "",
                   c.event_type.in_(sorted(linking.CROSS_BORDER_TYPES)),
                   sa.select(border.c.event_id).where(
                       border.c.incident_id == c.incident_id,
                       border.c.place_id.like(sa.bindparam("border_like"))).exists())


def _place_clause(form: _FitForm, c: Any) -> sa.ColumnElement[bool]:
    """Where a stored report (columns ``c``) must be to fit the event by
    place (a superset of ``etl.incidents.places_fit``; any of these): the
    same place id; no country known; in a country or on a border that holds
    it (or, for a country or border report, anywhere in it); within
    ``NEAR_KM`` (a box around it); an area it lies in, or a town inside it."""
    if form.places == "any":
        return sa.true()
    found: list[sa.ColumnElement[bool]] = [c.country == ""]
    if form.has_place:
        found.append(c.place_id == sa.bindparam("place_id"))
    if form.places == "country":  # (a country report may fit a report on its border)
        return sa.or_(*found, c.country.in_(sa.bindparam("countries", expanding=True)),
                      *[c.place_id.like(sa.bindparam(f"border_like_{k}")) for k in range(form.countries)])
    in_country = c.country == sa.bindparam("country")
    coarse = sa.or_(c.place_id.like("ne:%"), sa.and_(c.geo_precision >= 3, c.admin1 == ""))
    found.append(sa.and_(in_country, coarse))
    found.append(c.place_id.like(sa.bindparam("border_like")))
    if form.near:
        found.append(sa.and_(in_country, _near_clause(form.near, c)))
    if form.area:
        found.append(sa.and_(in_country, sa.or_(
            _name_in(c.admin1, form.names), _name_in(c.admin2, form.names), _name_in(c.location, form.names))))
    else:
        found.append(sa.and_(in_country, sa.or_(_name_in(c.location, form.names),
                                                _name_in(c.admin1, form.names))))
    return sa.or_(*found)


def _near_clause(near: str, c: Any) -> sa.ColumnElement[bool]:
    """Reports within the box :func:`_near_values` bound (``near``: its shape)."""
    if near == "any":
        return sa.true()
    p = sa.bindparam
    odd = sa.or_(c.latitude < -90, c.latitude > 90, c.longitude < -180, c.longitude > 180)
    rows = c.latitude.between(p("lat_low"), p("lat_high"))
    if near == "rows":
        return sa.or_(rows, odd)
    spans = [c.longitude.between(p("lon_low"), p("lon_high"))]
    if "-west" in near:
        spans.append(c.longitude >= p("lon_west"))
    if "-east" in near:
        spans.append(c.longitude <= p("lon_east"))
    return sa.or_(sa.and_(rows, sa.or_(*spans)), odd)


def _name_in(column: Any, names: str) -> sa.ColumnElement[bool]:
    """Is the column's value, lower-cased as Python does, one of the bound
    ``names`` (lower-cased)?  SQL's ``lower`` may fold ASCII letters only: a
    name with other letters matches any value (``names`` is ``any``), and a
    value with the one other letter whose Python lower case is ASCII (the
    Kelvin sign) matches too."""
    if names == "none":
        return sa.false()
    if names == "any":
        return sa.true()
    return sa.or_(sa.func.lower(column).in_(sa.bindparam("names", expanding=True)),
                  column.contains("\u212a"))


@functools.lru_cache(maxsize=None)
def _candidate_query(form: _FitForm) -> sa.Select[Any]:
    """The ids of the incidents whose every report fits an event of this
    form, or lies across a border from it (and at least one report fits;
    :func:`_across_query` finds those told only from across the border):
    built once per form, so that executing it again costs SQLAlchemy no
    rebuilding and no recompiling."""
    c = events.c
    return sa.select(c.incident_id).distinct().where(
        c.incident_id != "", *_fit_clauses(form, c), ~_misfit(form, c).exists())


def _misfit(form: _FitForm, c: Any) -> sa.Select[Any]:
    """The reports of the incident of row ``c`` that neither fit an event of
    this form nor lie across a border from it."""
    other = events.alias("other")
    return sa.select(other.c.event_id).where(
        other.c.incident_id == c.incident_id,
        sa.not_(sa.or_(sa.and_(*_fit_clauses(form, other.c)), _across_border(form, other.c))))


@functools.lru_cache(maxsize=None)
def _across_query(form: _FitForm) -> sa.Select[Any]:
    """The ids of the incidents an event may join only across a border (a
    border clash told so far from the other side alone), whose every report
    fits it or lies across: reports a day apart at most
    (``etl.incidents.across_border``), so the search stays narrow."""
    c = events.c
    return sa.select(c.incident_id).distinct().where(
        c.incident_id != "", c.date_precision != 3,
        c.event_date.between(sa.bindparam("day_first"), sa.bindparam("day_last")),
        _across_border(form, c), ~_misfit(form, c).exists())


@functools.lru_cache(maxsize=None)
def _incident_upsert(dialect: str, columns: tuple[str, ...]) -> Any:
    """``INSERT … ON CONFLICT (incident_id) DO UPDATE`` of an incidents row
    with ``columns`` (values bound at execution; built once per process)."""
    insert = (pg_dialect if dialect == "postgresql" else sqlite_dialect).insert(incidents)
    return insert.on_conflict_do_update(
        index_elements=[incidents.c.incident_id],
        set_={k: insert.excluded[k] for k in columns if k != "incident_id"})


# Point stored reports (``ids``) at the incident that now holds them (``target``).
_MOVE_REPORTS = events.update().where(
    events.c.event_id.in_(sa.bindparam("ids", expanding=True)),
    events.c.incident_id != sa.bindparam("target")).values(incident_id=sa.bindparam("target"))


# --------------------------------------------------------------------------- undated articles
#
# An undated article is dated by the dated incidents its main events fit
# (etl.undated); these find them whatever the day.


def undated_fit_form(event: Event) -> tuple[_FitForm, dict[str, Any]] | None:
    """The place part of :func:`_fit_form` for an undated event (its day
    put aside): ``None`` for an event placed at a country or border, or
    nowhere, which says too little of where (``etl.undated.fits_undated``)."""
    from etl import incidents as linking

    if not event.country or linking.level(event) == 3:
        return None
    fit = _fit_form(dataclasses.replace(event, event_date=date(2000, 1, 1), date_precision=1))
    if fit is None:
        return None
    form, values = fit
    return form, {**values, "article_id": event.article_id}


@functools.lru_cache(maxsize=None)
def undated_query(form: _FitForm) -> sa.Select[Any]:
    """The ids of the incidents with a report of another article dated to
    the day or the week that may fit an undated event of this form by type
    and place (a superset of ``etl.undated.fits_undated``)."""
    c = events.c
    return sa.select(c.incident_id).distinct().where(
        c.incident_id != "", c.event_date.is_not(None), c.date_precision.in_((1, 2)),
        c.article_id != sa.bindparam("article_id"),
        c.event_type.in_(sa.bindparam("types", expanding=True)), _place_clause(form, c))


@functools.lru_cache(maxsize=None)
def undated_articles_query(*, by_country: bool) -> sa.Select[Any]:
    """Stored articles with no publication date none of whose main events
    is dated (``etl.undated.needs_date``); ``by_country``: only those with
    an event in one of the bound ``countries``."""
    dated = sa.select(events.c.event_id).where(
        events.c.article_id == articles.c.article_id, events.c.role == "main",
        events.c.event_date.is_not(None)).exists()
    coded = sa.select(events.c.event_id).where(
        events.c.article_id == articles.c.article_id, events.c.role == "main",
        events.c.country.in_(sa.bindparam("countries", expanding=True)) if by_country else sa.true()).exists()
    return sa.select(articles.c.article_id).where(
        articles.c.published.is_(None), coded, ~dated).order_by(articles.c.article_id)
