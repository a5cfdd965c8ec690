"""The indexed linker (etl.incidents.link_incidents / add_reports) gives the
same incidents, ids, aliases and figures as the straightforward reading of
the rules kept here: compare each new report with every incident.

The random sets are seeded and built to hit what an index can get wrong:
many reports of one day at one place (incidents of dozens of reports),
country, border and province reports, towns just inside and just outside
30 km (also far north, where 30 km spans grid cells, and across the
antimeridian), towns across a border, places with no country, no id or no
coordinates, undated reports, reports dated to the week or only to the
month (also across a month's end), and incidents handed in that fit each
other (an older store), which a report fitting both merges (aliases)."""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import pytest

from etl.incidents import (
    Incident,
    _closeness,
    _Group,
    _Linker,
    add_reports,
    link_incidents,
    report_key,
    fits_incident,
    reports_fit,
    summarize,
)
from etl.records import Event

# --------------------------------------------------------------------------- the reference


def reference_add_reports(incidents: Sequence[Incident], events: Iterable[Event]) -> list[Incident]:
    """The rules read straight: each report (canonical order; within one
    article, the report with the closest fitting incident first) is compared
    with every report of every incident; it joins the closest fitting
    incident, and every other fitting incident that fits the grown one
    entirely is merged into it, the older id surviving."""
    groups = {i.incident_id: list(i.reports) for i in incidents}
    aliases = {i.incident_id: list(i.aliases) for i in incidents}

    def first(key: str) -> tuple[str, str, int, str]:
        return min(report_key(e) for e in groups[key])

    def best(event: Event) -> tuple:
        ranks = [_closeness(event, groups[key]) for key in groups if fits_incident(event, groups[key])]
        return (0, min(ranks)) if ranks else (1,)

    ordered = sorted(events, key=report_key)
    articles: list[list[Event]] = []
    for event in ordered:
        if articles and articles[-1][0].article_id == event.article_id:
            articles[-1].append(event)
        else:
            articles.append([event])
    for event in _closest_first(articles, best):
        fitting = [key for key in sorted(groups)
                   if fits_incident(event, groups[key])]
        if not fitting:
            groups[event.event_id] = [event]
            continue
        fitting.sort(key=lambda key: (_closeness(event, groups[key]), -len(groups[key]), first(key)))
        chosen = fitting[0]
        groups[chosen].append(event)
        for other in fitting[1:]:
            if other in groups and all(reports_fit(a, b) for a in groups[other] for b in groups[chosen]):
                older, newer = sorted((chosen, other), key=first)
                groups[older].extend(groups.pop(newer))
                aliases.setdefault(older, []).extend([newer, *aliases.pop(newer, [])])
                chosen = older
    return sorted((summarize(key, members, aliases=aliases.get(key, ())) for key, members in groups.items()),
                  key=lambda i: i.incident_id)


def _closest_first(articles: list[list[Event]], best) -> Iterable[Event]:
    """Each article's reports, ranked when its turn comes (against the
    incidents of the articles before it)."""
    for batch in articles:
        ranks = {id(e): best(e) for e in batch} if len(batch) > 1 else {}
        yield from sorted(batch, key=lambda e: (ranks.get(id(e), (1,)), report_key(e)))


# --------------------------------------------------------------------------- random reports

# (place_id, location, admin1, admin2, country, lat, lon, geo_precision)
BASE_LAT, BASE_LON = 34.0, 71.5
KM_LAT = 1 / 111.19  # degrees of latitude per km


def _town(name: str, km_north: float, km_east: float, *, country: str = "AAA", admin1: str = "North",
          admin2: str = "", place_id: str | None = None) -> tuple:
    lat = BASE_LAT + km_north * KM_LAT
    lon = BASE_LON + km_east * KM_LAT / math.cos(math.radians(BASE_LAT))
    return (place_id if place_id is not None else f"t:{name}", name, admin1, admin2, country,
            round(lat, 5), round(lon, 5), 1)


PLACES = [
    _town("a", 0, 0, admin2="East"),
    _town("b", 0, 29.5, admin2="East"),          # just inside 30 km of a
    _town("c", 0, 30.6, admin2="West"),          # just outside 30 km of a
    _town("d", 12, 12, admin1="South"),
    _town("e", 80, 0, admin1="South", admin2="Hills"),
    _town("f", 0, -20, country="BBB", admin1="Far"),  # across the border, 20 km from a
    _town("g", 5, 5, country=""),                # no country known
    # an area and a town in it, 60 km apart, neither with a country; a border with an empty side
    ("d:nowhere", "Nowhere", "Nowhere", "", "", BASE_LAT - 0.5, BASE_LON, 2),
    _town("lost", -5, 0, country="", admin1="Nowhere"),
    ("border:EEE-", "odd border", "", "", "", 10.0, 10.0, 3),
    _town("h", 3, 0, place_id=""),               # no place id
    ("t:nocoord", "nocoord", "North", "", "AAA", None, None, 1),
    ("d:north", "North", "North", "", "AAA", BASE_LAT + 0.1, BASE_LON + 0.1, 2),     # province of a, b, c
    ("d:east", "East", "North", "East", "AAA", BASE_LAT, BASE_LON + 0.2, 2),        # district of a, b
    ("d:hills", "Hills", "South", "Hills", "AAA", BASE_LAT + 0.7, BASE_LON, 2),
    ("p:south", "South", "South", "", "AAA", BASE_LAT + 1.5, BASE_LON + 0.5, 3),   # a province: told at 3, level 2
    ("ne:AAA", "Country A", "", "", "AAA", 33.0, 70.0, 3),
    ("ne:BBB", "Country B", "", "", "BBB", 35.0, 69.0, 3),
    ("border:AAA-BBB", "A-B border", "", "", "AAA", 34.0, 71.3, 3),
    ("border:AAA-BBB", "A-B border", "", "", "BBB", 34.0, 71.3, 3),    # the same border, filed under B
    ("r:plateau", "Plateau", "", "", "AAA", 33.5, 70.5, 3),                          # coarse, not a country
    # one place id told two ways: in a district or not (inside or not), a town or a district (its level)
    _town("k", 78, 3, admin1="Upper", admin2="Hills"),
    _town("k", 78, 3, admin1="Upper"),
    ("t:a", "a", "North", "East", "AAA", BASE_LAT, BASE_LON, 2),
    # far north a degree of longitude is 38 km: 28 km apart, two grid cells apart
    ("t:n1", "n1", "Tundra", "", "CCC", 70.0, 20.49, 1),
    ("t:n2", "n2", "Fell", "", "CCC", 70.0, 21.226, 1),
    # 11 km apart across the antimeridian
    ("t:w1", "w1", "Isle", "", "DDD", 0.0, 179.95, 1),
    ("t:w2", "w2", "Reef", "", "DDD", 0.0, -179.95, 1),
]
TYPES = [
    ("Battles", "Armed clash"), ("Battles", "Government regains territory"),
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
    ("Strategic developments", "Diplomacy"), ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
]
START = date(2025, 3, 27)  # the days run across the end of March


def random_reports(rng: random.Random, n: int, *, places: Sequence[tuple] = PLACES, days: int = 10,
                   types: Sequence[tuple[str, str]] = TYPES, undated: float = 0.01) -> list[Event]:
    reports: list[Event] = []
    article = 0
    while len(reports) < n:
        article += 1
        published = START + timedelta(days=rng.randrange(days + 2))
        for at in range(rng.choice((1, 1, 1, 2, 3))):
            place_id, location, admin1, admin2, country, lat, lon, geo = rng.choice(places)
            event_type, sub = rng.choice(types)
            precision = rng.choices((1, 2, 3, 0), weights=(70, 18, 10, 2))[0]
            day = None if rng.random() < undated else START + timedelta(days=rng.randrange(days))
            fatalities = rng.choice((0, 0, 0, 1, 2, 2, 5))
            event_id = f"e{len(reports):05d}"
            reports.append(Event(
                event_id=event_id, article_id=f"a{article:04d}", event_date=day, date_precision=precision,
                event_type=event_type, sub_event_type=sub, actor1="", actor2="", country=country, admin1=admin1,
                admin2=admin2, location=location, latitude=lat, longitude=lon, geo_precision=geo,
                place_id=place_id, fatalities=fatalities, fatalities_low=fatalities, fatalities_high=None,
                injured=0, evidence="x", evidence_start=at * 10, evidence_end=at * 10 + 1, claimed_by="",
                confidence=0.8, incident_id=event_id, role="main", source=f"s{rng.randrange(6)}",
                url=f"https://example.org/{article}", published=published,
                fatalities_reported=str(fatalities) if fatalities else ""))
    return reports[:n]


def shape(incidents: Sequence[Incident]) -> list[tuple]:
    return [(i.incident_id, i.aliases, i.event_ids, i.fatalities_low, i.fatalities_best, i.fatalities_high,
             i.best_reason, i.n_sources, i.event_type, i.place_id) for i in incidents]


# --------------------------------------------------------------------------- the comparisons


@pytest.mark.parametrize("seed", range(12))
def test_the_indexed_linker_gives_the_reference_incidents(seed):
    reports = random_reports(random.Random(seed), 400)
    expected = reference_add_reports((), reports)
    assert len(expected) < len(reports)  # the set links something
    linked = link_incidents(reports)
    assert shape(linked) == shape(expected)
    assert linked == expected


@pytest.mark.parametrize("seed", range(3))
def test_dense_days_at_few_places_give_the_reference_incidents(seed):
    # Hundreds of reports of a few days at a few places and the country:
    # incidents of dozens of reports, reports fitting many incidents.
    rng = random.Random(100 + seed)
    by_id = {(p[0], p[3], p[7]): p for p in PLACES}
    places = [by_id["t:a", "East", 1], by_id["t:a", "East", 2], by_id["t:b", "East", 1], by_id["d:north", "", 2],
              by_id["ne:AAA", "", 3], by_id["t:k", "Hills", 1], by_id["t:k", "", 1], by_id["d:hills", "Hills", 2]]
    reports = random_reports(rng, 900, places=places, days=4, types=TYPES[:5], undated=0.0)
    expected = reference_add_reports((), reports)
    assert max(i.n_reports for i in expected) >= 20
    assert link_incidents(reports) == expected


@pytest.mark.parametrize("seed", range(3))
def test_one_place_told_two_ways_gives_the_reference_incidents(seed):
    # Two days, places whose id is told at two levels or in and out of a
    # district: an incident's reports of one place id do not all fit alike.
    rng = random.Random(150 + seed)
    by_id = {(p[0], p[3], p[7]): p for p in PLACES}
    places = [by_id["t:a", "East", 1], by_id["t:a", "East", 2], by_id["d:north", "", 2], by_id["t:b", "East", 1],
              by_id["t:k", "Hills", 1], by_id["t:k", "", 1], by_id["d:hills", "Hills", 2]]
    reports = random_reports(rng, 700, places=places, days=2, types=TYPES[:5], undated=0.0)
    assert link_incidents(reports) == reference_add_reports((), reports)


@pytest.mark.parametrize("seed", range(6))
def test_adding_to_incidents_that_fit_each_other_merges_as_the_reference(seed):
    # An older store: each incident the rules make is split in two stored
    # incidents, so a report that fits both merges them (the older id survives).
    rng = random.Random(200 + seed)
    older = random_reports(rng, 300, days=6)
    stored: list[Incident] = []
    for incident in reference_add_reports((), older):
        reports = list(incident.reports)
        rng.shuffle(reports)
        cut = rng.randrange(1, len(reports)) if len(reports) > 1 else 1
        for part, name in ((reports[:cut], "x"), (reports[cut:], "y")):
            if part:
                stored.append(summarize(f"{name}-{part[0].event_id}", part, aliases=[f"old-{part[0].event_id}"]))
    new = [e for e in random_reports(random.Random(300 + seed), 150, days=6)]
    new = [Event(**{**{f: getattr(e, f) for f in e.__dataclass_fields__},
                    "event_id": "n" + e.event_id, "article_id": "n" + e.article_id}) for e in new]
    expected = reference_add_reports(stored, new)
    assert any(i.aliases and any(a.startswith(("x-", "y-")) for a in i.aliases) for i in expected)
    assert add_reports(stored, new) == expected


def test_a_report_dated_to_the_month_links_with_reports_that_month_at_its_place_only():
    # The index must find a month-dated report weeks from a report's day (it
    # fits: the same place, the same month), and not in the next month.
    def one(event_id: str, day: date, precision: int, place=PLACES[0], article: str | None = None) -> Event:
        place_id, location, admin1, admin2, country, lat, lon, geo = place
        return Event(
            event_id=event_id, article_id=article or event_id, event_date=day, date_precision=precision,
            event_type="Battles", sub_event_type="Armed clash", actor1="", actor2="", country=country,
            admin1=admin1, admin2=admin2, location=location, latitude=lat, longitude=lon, geo_precision=geo,
            place_id=place_id, fatalities=0, fatalities_low=0, fatalities_high=None, injured=0, evidence="x",
            evidence_start=0, evidence_end=1, claimed_by="", confidence=0.8, incident_id=event_id, role="main",
            source=event_id, url=f"https://example.org/{event_id}", published=day + timedelta(days=1))

    month = one("m1", date(2025, 4, 1), 3)
    month = dataclasses.replace(month, published=date(2025, 4, 30))  # "clashes in April", told at its end
    late = one("d1", date(2025, 4, 24), 1)
    next_month = one("d2", date(2025, 5, 2), 1)
    elsewhere = one("d3", date(2025, 4, 20), 1, place=PLACES[1])
    linked = link_incidents([month, late, next_month, elsewhere])
    assert {frozenset(i.event_ids) for i in linked} == {
        frozenset({"m1", "d1"}), frozenset({"d2"}), frozenset({"d3"})}
    assert linked == reference_add_reports((), [month, late, next_month, elsewhere])
    # incrementally too: the day report joins the stored month-only incident
    stored = link_incidents([month])
    assert [set(i.event_ids) for i in add_reports(stored, [late])] == [{"m1", "d1"}]


def test_an_incident_answers_fit_and_closeness_as_its_reports_do():
    # An incident keeps one report of each kind the rules read (and a large
    # one, of each kind closeness reads): what it answers must be what every
    # report would answer.  Small incidents of one place id told two ways
    # and types that link across, and large mixed ones.
    rng = random.Random(7)
    by_id = {(p[0], p[3], p[7]): p for p in PLACES}
    twice = [by_id["t:a", "East", 1], by_id["t:a", "East", 2], by_id["t:k", "Hills", 1], by_id["t:k", "", 1],
             by_id["d:north", "", 2], by_id["d:hills", "Hills", 2], by_id["ne:AAA", "", 3]]
    violent = TYPES[:5]
    for round_ in range(2400):
        if round_ % 8 == 0:  # large: closeness reads one report of each rank kind and date
            types = rng.sample(TYPES, 3)
            pool = random_reports(rng, rng.choice((12, 20, 40)), places=PLACES if round_ % 16 else rng.sample(twice, 2),
                                  days=rng.choice((1, 3)), types=types, undated=0.0)
        else:  # small, of one day and type: a report typed differently fits the same day only
            types = violent
            places = rng.choice((twice[0:2], twice[2:4], rng.sample(twice, 2)))
            pool = random_reports(rng, rng.choice((2, 3)), places=places, days=1, types=[rng.choice(violent)],
                                  undated=0.0)
        linker = _Linker()
        group = _Group(settled=True)
        for member in pool:
            linker._join(group, "g", member)
        for event in random_reports(rng, 4, places=twice, days=rng.choice((1, 2)), types=types, undated=0.0):
            event = Event(**{**{f: getattr(event, f) for f in event.__dataclass_fields__}, "article_id": "other"})
            assert group.fits(event, {}) == fits_incident(event, group.members)
            assert group.closeness(event) == _closeness(event, group.members)
