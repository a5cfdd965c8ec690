"""Places as the event stages share them: the level of each kind of place
(town < district < border < province < region < country), the geo precision
ACLED gives each, the candidate a sentence offers for an event, and whether
one place lies within another.  Split from :mod:`etl.events.places`, so the
address readers (:mod:`etl.events.addresses`) and the grouping read them
without the place choice."""

from __future__ import annotations

from dataclasses import dataclass

from geo.records import Mention, Place

KIND_LEVEL = {"site": 1, "populated_place": 1, "admin2": 2, "border": 2.5, "admin1": 3,
               "region": 3.5, "country": 4}


GEO_PRECISION = {"site": 1, "populated_place": 1, "admin2": 2, "border": 3, "admin1": 3,
                  "region": 3, "country": 3}


# the place of an event kept with none (``keep_unplaced``)
UNPLACED = Place(place_id="", name="", kind="country", country="", lat=0.0, lon=0.0)


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    place: Place
    mention: Mention
    locative: bool
    excluded: bool
    chain_root: int  # token index of the first conjunct (for "in Kabul and Kandahar")


def within(inner: Place, outer: Place) -> bool:
    if KIND_LEVEL.get(inner.kind, 3) >= KIND_LEVEL.get(outer.kind, 3):
        return False
    if outer.kind == "country":
        # a border lies on each of its countries ("border:KHM-THA" in Thailand)
        return inner.country == outer.country or (
            inner.kind == "border" and outer.country in inner.place_id.removeprefix("border:").split("-"))
    if outer.kind == "admin1":
        return inner.country == outer.country and inner.admin1 == outer.name
    if outer.kind == "admin2":
        return inner.country == outer.country and inner.admin2 == outer.name
    return False
