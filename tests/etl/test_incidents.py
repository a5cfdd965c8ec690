"""Incident linking (etl/incidents.py) on small hand-made reports:
what links and what must not, stable ids and aliases, the best figure, and
the same incidents whatever order the articles come in."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date, timedelta

from etl.incidents import add_reports, link_incidents, summarize
from etl.records import Event

# (place_id, location, admin1, country, lat, lon, geo_precision)
KHARKIV = ("geonames:706483", "Kharkiv", "Kharkiv", "UKR", 49.98, 36.25, 1)
MEREFA = ("geonames:701822", "Merefa", "Kharkiv", "UKR", 49.82, 36.05, 1)         # 23 km from Kharkiv
KHARKIV_OBLAST = ("geonames:706482", "Kharkiv Oblast", "Kharkiv", "UKR", 49.5, 36.5, 2)
SUMY = ("geonames:692194", "Sumy", "Sumy", "UKR", 50.91, 34.8, 1)
UKRAINE = ("ne:UKR", "Ukraine", "", "UKR", 49.0, 32.0, 3)
BORDER = ("border:RUS-UKR", "Russia–Ukraine border", "", "", 50.5, 35.5, 3)
DAY = date(2025, 4, 13)


def report(article: str, place=KHARKIV, *, day: date = DAY, event_type: str = "Explosions/Remote violence",
           sub: str = "Shelling/artillery/missile attack", fatalities: int | None = None, url: str = "",
           published: date | None = None, source: str = "", at: int = 0, precision: int = 1) -> Event:
    place_id, location, admin1, country, lat, lon, geo = place
    event_id = f"{article}:{place_id}:{event_type}:{day}"
    return Event(
        event_id=event_id, article_id=article, event_date=day, date_precision=precision,
        event_type=event_type, sub_event_type=sub, actor1="", actor2="", country=country, admin1=admin1,
        admin2="", location=location, latitude=lat, longitude=lon, geo_precision=geo, place_id=place_id,
        fatalities=fatalities or 0, fatalities_low=fatalities or 0, fatalities_high=fatalities,
        injured=0, evidence="x", evidence_start=at, evidence_end=at + 1, claimed_by="", confidence=0.8,
        incident_id=event_id, role="main", source=source or article, url=url or f"https://example.org/{article}",
        published=published or day + timedelta(days=1),
        fatalities_reported=str(fatalities) if fatalities is not None else "")


def groups(incidents) -> set[frozenset[str]]:
    return {frozenset(i.event_ids) for i in incidents}


def test_reports_of_one_strike_are_one_incident_named_after_the_first():
    first = report("a1", published=date(2025, 4, 13))
    later = report("a2", day=DAY + timedelta(days=1), published=date(2025, 4, 14))   # "yesterday" read a day off
    inside = report("a3", KHARKIV_OBLAST, published=date(2025, 4, 15))
    near = report("a4", MEREFA, published=date(2025, 4, 15))
    incidents = link_incidents([near, inside, later, first])
    assert len(incidents) == 1
    incident = incidents[0]
    assert incident.incident_id == first.event_id
    assert incident.n_reports == 4 and incident.n_sources == 4
    assert (incident.first_reported, incident.last_reported) == (date(2025, 4, 13), date(2025, 4, 15))
    assert incident.location == "Kharkiv" and incident.geo_precision == 1
    assert set(incident.article_ids) == {"a1", "a2", "a3", "a4"}


def test_what_cannot_be_one_happening_stays_apart():
    base = report("a1")
    far = report("a2", SUMY)                                                     # 140 km away
    late = report("a3", day=DAY + timedelta(days=5))
    other_type = report("a4", event_type="Protests", sub="Peaceful protest")
    same_article = report("a1", MEREFA, at=50)                                   # the article's second strike
    incidents = link_incidents([base, far, late, other_type, same_article])
    assert len(incidents) == 5


def test_compatible_types_link_but_strategic_sub_types_must_agree():
    strike = report("a1")
    civilians = report("a2", event_type="Violence against civilians", sub="Attack")
    assert len(link_incidents([strike, civilians])) == 1
    talks = report("b1", event_type="Strategic developments", sub="Diplomacy")
    arrests = report("b2", event_type="Strategic developments", sub="Arrests")
    assert len(link_incidents([talks, arrests])) == 2


def test_talks_and_the_deal_they_produce_that_day_at_that_venue_are_one_incident():
    talks = report("b1", event_type="Strategic developments", sub="Diplomacy")
    deal = report("b2", event_type="Strategic developments", sub="Agreement")
    assert len(link_incidents([talks, deal])) == 1
    next_day = report("b3", event_type="Strategic developments", sub="Agreement", day=DAY + timedelta(days=1))
    elsewhere = report("b4", SUMY, event_type="Strategic developments", sub="Agreement")
    assert len(link_incidents([talks, next_day])) == 2
    assert len(link_incidents([talks, elsewhere])) == 2


def test_two_country_wide_reports_typed_differently_are_not_one_incident():
    clash = report("a1", UKRAINE, event_type="Battles", sub="Armed clash")
    strike = report("a2", UKRAINE, sub="Air/drone strike")
    assert len(link_incidents([clash, strike])) == 2
    # the same types at a town that day are one
    assert len(link_incidents([report("b1", event_type="Battles", sub="Armed clash"), report("b2")])) == 1


def test_a_country_wide_report_joins_the_town_whose_report_it_agrees_with():
    town_a = report("a1", SUMY, event_type="Protests", sub="Peaceful protest", published=DAY)
    town_b = report("a1", KHARKIV, event_type="Protests", sub="Excessive force against protesters",
                    fatalities=19, at=40, published=DAY)
    nationwide = report("b1", UKRAINE, event_type="Protests", sub="Excessive force against protesters",
                        fatalities=19)
    incidents = link_incidents([town_a, town_b, nationwide])
    joined = next(i for i in incidents if nationwide.event_id in i.event_ids)
    assert set(joined.event_ids) == {town_b.event_id, nationwide.event_id}


def test_a_country_wide_report_is_as_close_to_a_town_as_to_a_province():
    # "19 killed in protests across the country": the town where 19 were killed,
    # not the province beside it with two dead, though a province is "nearer" a country
    protests = dict(event_type="Protests", sub="Excessive force against protesters", published=DAY)
    town = report("a1", KHARKIV, fatalities=17, **protests)
    province = report("a1", ("geonames:692196", "Sumy Oblast", "Sumy", "UKR", 50.9, 34.8, 2), fatalities=2,
                      at=40, **protests)
    other = report("b1", KHARKIV, fatalities=19, **protests)
    nationwide = report("c1", UKRAINE, fatalities=19, **protests)
    incidents = link_incidents([town, province, other, nationwide])
    joined = next(i for i in incidents if nationwide.event_id in i.event_ids)
    assert set(joined.event_ids) == {town.event_id, other.event_id, nationwide.event_id}


def test_borrowed_dates_five_days_apart_are_two_happenings():
    # a strike on a city dated by the lead of a report on 19 June, another on 24 June
    first = report("a1", day=date(2025, 6, 19), precision=2)
    second = report("b1", day=date(2025, 6, 24), precision=2)
    assert len(link_incidents([first, second])) == 2
    assert len(link_incidents([first, report("c1", day=date(2025, 6, 21), precision=2)])) == 1


def test_a_country_level_report_needs_the_day_of_the_happening():
    # a strike on a city dated by the article around it (19 June), and "Israel
    # struck Ukraine's nuclear sites on 22 June": three days apart, a country
    # says nothing of which happening, so they stay apart; a day apart they join
    city = report("a1", day=date(2025, 6, 19), precision=2)
    assert len(link_incidents([city, report("b1", UKRAINE, day=date(2025, 6, 22))])) == 2
    assert len(link_incidents([city, report("b2", UKRAINE, day=date(2025, 6, 20))])) == 1
    assert len(link_incidents([city, report("b3", BORDER, day=date(2025, 6, 21))])) == 2
    # nor do two country-level reports two days apart, though they name the same country
    assert len(link_incidents([report("d1", UKRAINE, day=date(2025, 6, 22)),
                               report("d2", UKRAINE, day=date(2025, 6, 24))])) == 2
    # two towns three days apart (one date borrowed, from an article published after
    # both) still join: the place says which
    later = report("a2", day=date(2025, 6, 19), precision=2, published=date(2025, 6, 23))
    assert len(link_incidents([later, report("c1", day=date(2025, 6, 22))])) == 1
    # but a report published on 20 June tells no strike of its own day 22 June
    assert len(link_incidents([city, report("c1", day=date(2025, 6, 22))])) == 2


def test_a_border_clash_told_from_both_sides_is_one_incident():
    battle = dict(event_type="Battles", sub="Armed clash")
    belgorod = ("geonames:578072", "Belgorod", "Belgorod", "RUS", 50.61, 36.58, 1)
    russia = ("ne:RUS", "Russia", "", "RUS", 61.0, 99.0, 3)
    kharkiv = report("a1", **battle)                       # "troops repelled an assault near Kharkiv"
    border = report("b1", BORDER, **battle)                # "clashes on the border"
    across = report("c1", belgorod, **battle)              # "fighting at Belgorod", told from the other side
    moscow = report("d1", russia, **battle)                # "Russia said its troops clashed with Ukrainian forces"
    incidents = link_incidents([kharkiv, border, across, moscow])
    assert len(incidents) == 1 and incidents[0].n_reports == 4
    # without a report of the border, the two sides are two happenings
    assert len(link_incidents([kharkiv, across])) == 2
    # two days apart, or shelling told only at a country, they are not joined
    assert len(link_incidents([kharkiv, border, report("c2", belgorod, day=DAY + timedelta(days=2), **battle)])) == 2
    assert len(link_incidents([report("e1", BORDER), report("e2", russia)])) == 2
    # a town on another stretch of the border is not the place across from this one
    far = ("geonames:473249", "Voronezh", "Voronezh", "RUS", 51.67, 39.18, 1)      # 230 km from Kharkiv
    assert len(link_incidents([kharkiv, border, report("f1", far, **battle)])) == 2


def test_a_country_level_report_does_not_chain_two_incidents():
    kharkiv = [report("a1"), report("a2")]
    sumy = [report("b1", SUMY), report("b2", SUMY), report("b3", SUMY)]
    vague = report("c1", UKRAINE)                       # "Russia shelled Ukraine on Sunday"
    border = report("d1", BORDER)
    incidents = link_incidents([*kharkiv, *sumy, vague, border])
    for incident in incidents:
        places = {e.place_id for e in incident.reports}
        assert not {KHARKIV[0], SUMY[0]} <= places
    # the country-level report joins one incident (the one most reports tell), not both
    joined = [i for i in incidents if vague.event_id in i.event_ids]
    assert len(joined) == 1 and SUMY[0] in {e.place_id for e in joined[0].reports}
    # two coarse reports are one happening only at the same place
    assert len(link_incidents([vague, border])) == 2
    assert len(link_incidents([vague, report("c2", UKRAINE)])) == 1


def test_best_figure_is_the_one_most_reports_give_else_the_lowest():
    reports = [report("a1", fatalities=18), report("a2", fatalities=20), report("a3", fatalities=20),
               report("a4")]
    incident = link_incidents(reports)[0]
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (18, 20, 20)
    assert "2 of 3" in incident.best_reason
    incident = link_incidents([report("a1", fatalities=18), report("a2", fatalities=25)])[0]
    assert incident.fatalities_best == 18 and "lowest" in incident.best_reason
    incident = link_incidents([report("a1")])[0]
    assert incident.fatalities_best is None and incident.n_reports == 1
    # most reports means more than half: two of four is no majority, the lowest is taken
    incident = link_incidents([report("a1", fatalities=200), report("a2", fatalities=100),
                               report("a3", fatalities=59), report("a4", fatalities=200)])[0]
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (59, 59, 200)
    assert "lowest of 4" in incident.best_reason


def test_a_vague_multitude_is_no_figure_and_never_the_lowest():
    # "More than 1,000 people were killed" and "clashes killed scores of people": the vague
    # report is a range that counts nothing (its best is 0), so the 1,000 is the best
    counted = report("a1", fatalities=1000)
    scores = dataclasses.replace(report("a2"), fatalities=0, fatalities_low=0, fatalities_high=99,
                                 fatalities_reported="scores")
    incident = link_incidents([counted, scores])[0]
    assert incident.n_reports == 2
    assert (incident.fatalities_low, incident.fatalities_best) == (1000, 1000)
    assert [f.article_id for f in incident.figures] == ["a1"]
    # a report that says no one died is a figure: 0
    none_died = report("a3", fatalities=0)
    assert link_incidents([none_died, scores])[0].fatalities_best == 0


def test_a_revised_report_replaces_its_own_earlier_figure():
    url = "https://example.org/live"
    early = report("v1", fatalities=9, url=url, published=date(2025, 4, 13))
    revised = report("v2", fatalities=34, url=url, published=date(2025, 4, 14))
    other = report("x1", fatalities=34, published=date(2025, 4, 14))
    incident = link_incidents([early, revised, other])[0]
    assert incident.fatalities_best == 34 and incident.fatalities_low == 34
    assert [f.article_id for f in incident.figures] == ["v2", "x1"]


def test_incremental_linking_keeps_ids_and_aliases_the_younger_of_two_merged_incidents():
    a = report("a1", KHARKIV, published=date(2025, 4, 13))
    b = report("b1", MEREFA, published=date(2025, 4, 14))
    state = add_reports([], [a])
    assert [i.incident_id for i in state] == [a.event_id]
    state = add_reports(state, [b])
    assert [i.incident_id for i in state] == [a.event_id] and state[0].n_reports == 2
    # Two incidents that are one happening (as a store linked under older
    # rules may hold): a report that joins both merges them, the older id survives.
    older = summarize("older", [a], aliases=["older-alias"])
    younger = summarize("younger", [b])
    merged = add_reports([younger, older], [report("c1", KHARKIV_OBLAST, published=date(2025, 4, 15))])
    assert [i.incident_id for i in merged] == ["older"]
    assert merged[0].aliases == ("older-alias", "younger") and merged[0].n_reports == 3


def test_a_full_relink_gives_the_same_incidents_whatever_the_order():
    articles = [
        [report("a1", fatalities=12, published=date(2025, 4, 13)), report("a1", SUMY, at=90, fatalities=2)],
        [report("a2", KHARKIV_OBLAST, fatalities=14, published=date(2025, 4, 14))],
        [report("a3", UKRAINE, published=date(2025, 4, 14))],
        [report("a4", SUMY, day=DAY + timedelta(days=1), published=date(2025, 4, 15), fatalities=2)],
        [report("a5", MEREFA, day=DAY - timedelta(days=1), published=date(2025, 4, 15))],
        [report("a7", UKRAINE, published=date(2025, 4, 14)), report("a7", SUMY, at=40, fatalities=3)],
        [report("a6", BORDER, published=date(2025, 4, 16))],
    ]
    expected = link_incidents([e for article in articles for e in article])
    rng = random.Random(13)
    orders = list(itertools.permutations(range(len(articles))))
    for order in rng.sample(orders, 300):
        shuffled = [e for k in order for e in articles[k]]
        assert link_incidents(shuffled) == expected
    for _ in range(50):
        flat = [e for article in articles for e in article]
        rng.shuffle(flat)
        assert link_incidents(flat) == expected


def test_summarize_keeps_the_id_it_is_given():
    incident = summarize("keep-me", [report("a2"), report("a1")], aliases=["old"])
    assert incident.incident_id == "keep-me" and incident.aliases == ("old",)
    assert [e.article_id for e in incident.reports] == ["a1", "a2"]


# The city of Goma and the district named after it: two gazetteer entries, one point.
GOMA_CITY = ("geonames:216281", "Goma", "Nord Kivu", "COD", -1.674, 29.228, 1)
GOMA_DISTRICT = ("geonames:216279", "Goma", "Nord Kivu", "COD", -1.674, 29.228, 2)
GOMA_FAR = ("geonames:999001", "Goma", "Kasai", "COD", -5.0, 22.0, 1)       # another town of that name
SAKE = ("geonames:204318", "Sake", "Nord Kivu", "COD", -1.573, 29.045, 1)    # 23 km from Goma


def test_a_month_dated_report_joins_that_month_at_the_same_place_under_either_entry():
    day = date(2025, 1, 27)
    told = report("k1", GOMA_DISTRICT, day=day, event_type="Battles", sub="Armed clash")
    recalled = report("z9", GOMA_CITY, day=date(2025, 1, 1), precision=3, event_type="Battles", sub="Armed clash",
                      published=date(2025, 6, 19))
    assert groups(link_incidents([told, recalled])) == {frozenset({told.event_id, recalled.event_id})}


def test_a_month_dated_report_elsewhere_starts_its_own_incident():
    day = date(2025, 1, 27)
    told = report("k1", GOMA_DISTRICT, day=day, event_type="Battles", sub="Armed clash")
    for place in (GOMA_FAR, SAKE):
        recalled = report("z9", place, day=date(2025, 1, 1), precision=3, event_type="Battles", sub="Armed clash",
                          published=date(2025, 6, 19))
        assert len(link_incidents([told, recalled])) == 2, place
    february = report("z9", GOMA_CITY, day=date(2025, 2, 1), precision=3, event_type="Battles", sub="Armed clash",
                      published=date(2025, 6, 19))
    assert len(link_incidents([told, february])) == 2


def test_an_articles_reports_take_the_incidents_of_their_own_places_first():
    # one article told Tel Aviv and Holon; another, later, Ramat Gan, Holon and Tel Aviv,
    # all the same day and all within 30 km: each report joins its own town's incident,
    # whatever order the second article's reports are in
    tel_aviv = ("geonames:293397", "Tel Aviv", "Tel Aviv", "ISR", 32.081, 34.781, 1)
    holon = ("geonames:294751", "Holon", "Tel Aviv", "ISR", 32.010, 34.779, 1)
    ramat_gan = ("geonames:293788", "Ramat Gan", "Tel Aviv", "ISR", 32.082, 34.811, 1)
    day = date(2025, 6, 19)
    first = [report("t1", tel_aviv, day=day, sub="Air/drone strike", at=10),
             report("t1", holon, day=day, at=20)]
    for order in itertools.permutations([ramat_gan, holon, tel_aviv]):
        second = [report("s1", place, day=day, at=5, published=day + timedelta(days=2)) for place in order]
        linked = groups(link_incidents([*first, *second]))
        by_place = {e.location: e.event_id for e in [*first, *second] if e.article_id == "s1"}
        assert frozenset({first[0].event_id, by_place["Tel Aviv"]}) in linked, order
        assert frozenset({first[1].event_id, by_place["Holon"]}) in linked, order
        assert frozenset({by_place["Ramat Gan"]}) in linked, order


def test_a_report_placed_at_a_province_joins_one_placed_at_a_district_in_it():
    # "59 killed in Benue" and "100 killed in Guma LGA" (a district of Benue, 53 km from
    # the province's centre): one massacre
    benue = ("admin1:NGA/benue", "Benue", "Benue", "NGA", 7.34, 8.82, 3)
    guma = ("geonames:7729904", "Guma", "Benue", "NGA", 7.82, 8.86, 2)
    nasarawa_town = ("geonames:2328925", "Nasarawa", "Nasarawa", "NGA", 8.54, 7.71, 1)
    attack = dict(event_type="Violence against civilians", sub="Attack")
    province = report("a1", benue, fatalities=59, **attack)
    district = report("b1", guma, fatalities=100, **attack)
    elsewhere = report("c1", nasarawa_town, fatalities=1, **attack)
    assert groups(link_incidents([province, district, elsewhere])) == {
        frozenset({province.event_id, district.event_id}), frozenset({elsewhere.event_id})}


def test_a_country_report_without_its_own_day_joins_no_town_s_incident():
    # "over the weekend, strikes on Iranian nuclear sites": the weekend names no day, so
    # it says neither which site nor which day; the same report twice still links
    iran = ("ne:IRN", "Iran", "", "IRN", 32.4, 53.7, 3)
    fordow = ("geonames:1", "Fordow", "Qom", "IRN", 34.88, 51.0, 1)
    strike = dict(event_type="Explosions/Remote violence", sub="Air/drone strike")
    site = report("a1", fordow, day=date(2025, 6, 22), **strike)
    weekend = report("b1", iran, day=date(2025, 6, 21), precision=2, **strike)
    again = report("c1", iran, day=date(2025, 6, 21), precision=2, **strike)
    assert groups(link_incidents([site, weekend, again])) == {
        frozenset({site.event_id}), frozenset({weekend.event_id, again.event_id})}
