"""Weak gazetteer matches: when a name found only through a spelling variant
or an alternate name, or written as a town's quarter, is no place the text
means.

A weak match ("Zharay" ~ Zhourui, China; "Bolan" listed for Bolands,
Antigua) is trusted only where the article is: in a country it names or
resolves places in, and, for a spelling variant, near the province its
resolved places lie in.  Otherwise the name is an unknown local one, not a
far-away town (:class:`geo.resolver.Resolver` reports it not found).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from geo.gazetteer import Entry, haversine_km
from geo.records import Place

WEAK_ALIAS_MAX_POPULATION = 100_000
# A spelling variant this far from every place the article resolves in its country, and in
# another province, is an unknown local name (El Fasher is 190 km from Nyala; Monguno 520
# km from Bokkos)
VARIANT_FAR_KM = 300.0


def alias_of_town(entry: Entry) -> bool:
    """A town matched by one of its alternate names only (of any size), or
    any place matched through a spelling variant."""
    return entry.is_variant or (not entry.is_primary_name and not entry.is_curated
                                and entry.place.kind == "populated_place")


def weak(entry: Entry) -> bool:
    """A match through a spelling variant, or through an alternate name of a
    town below a city's size ("Bolan" is listed for Bolands, Antigua, pop.
    1,657; "Sole" for Cholet, France, pop. 53,000)."""
    return alias_of_town(entry) and (entry.is_variant or entry.place.population < WEAK_ALIAS_MAX_POPULATION)


def foreign_weak_match(entries: Sequence[Entry], country_counts: Mapping[str, int], *,
                       anchors: Sequence[Place] = (), division: bool = False) -> bool:
    """Only weak matches (best first) and the best lies in a country the
    article never names (nor holds a clearly resolved place of), while it
    names others: an unknown local name, not a far-away town.  A name
    written as a division (``division``: "in Mambasa territory", in a report
    on Ituri) is an area, so any town matched only by an alternate name is
    weak (Mombasa, Kenya, lists "Mambasa").  ``country_counts``: how often
    the article names each country (ISO3)."""
    is_weak = alias_of_town if division else weak
    top = entries[0]
    # (the same match reached through another spelling, "Solomianskyi" beside "Solomyanskiyi",
    # is no evidence of where the article is)
    anchors = [place for place in anchors if place.place_id != top.place.place_id]
    sites = {place.country for place in anchors if place.country}
    # where the article's clearly resolved places are, when it has any ("Russian strikes …
    # on the Petropavlivska community" in a report of Ukrainian towns: not Petropavlovskaya,
    # Russia); else the countries it names
    if sites and max(country_counts.get(code, 0) for code in sites) <= 1 and \
            country_counts.get(top.place.country, 0) >= 3 and \
            sum(1 for place in anchors if place.kind != "country" and place.country in sites) <= 1:
        sites = set()  # the resolved place is one in a country named once in passing ("Gaza" in a
        # report on Yemen, which it names again and again; not Kyiv and its districts in a report
        # of Russian strikes): the countries the text names decide
    named = sites or set(country_counts)
    if not (named and all(is_weak(entry) for entry in entries)):
        return False
    if top.place.country not in named:
        return True
    # ("four were killed in Manguna" in a report whose places all lie in Plateau State: not
    # Monguno, Borno, by spelling) a spelling variant outside the one province the article's
    # clearly resolved places are in, and far from all of them
    inner = [place for place in anchors if place.kind != "country" and place.country == top.place.country]
    areas = {place.admin1 for place in inner if place.admin1}
    return len(areas) == 1 and top.is_variant and top.place.kind in ("populated_place", "admin2") and \
        bool(top.place.admin1) and top.place.admin1 not in areas and all(
            haversine_km(top.place.lat, top.place.lon, place.lat, place.lon) > VARIANT_FAR_KM for place in inner)


# A name written as a part of a town ("the Daraj neighbourhood") is one of the article's towns'
# quarters: a place of that name farther than this from all of them, and in none of their
# provinces, is not meant
QUARTER_TOWN_KM = 40.0


def quarter_elsewhere(entries: Sequence[Entry], anchors: Sequence[Place]) -> bool:
    """Is a name the text writes as a quarter ("the Shush neighborhood",
    "the Daraj neighbourhood") matched only by places far from every town
    the article clearly resolves, and in none of their provinces?  Then it
    is an unknown quarter of one of them.  ``False`` when the article
    resolves no town."""
    towns = [place for place in anchors if place.kind in ("populated_place", "site")]
    return bool(towns) and not any(
        haversine_km(entry.place.lat, entry.place.lon, town.lat, town.lon) <= QUARTER_TOWN_KM
        or (entry.place.country, entry.place.admin1) == (town.country, town.admin1)
        for entry in entries for town in towns)
