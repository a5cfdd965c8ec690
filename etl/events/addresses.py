"""Addresses: names the text writes as one place with another ("the Zócalo
in Mexico City", "Jenin, located in the occupied West Bank", "Balashikha,
Moscow Region", "the Kwall district of Bassa LGA", "a site in Rafah, Gaza")
and places that only hold a list ("neighbourhoods in Tel Aviv, including
Holon").  The finer name is where the event was; the area that holds it is
its address, not a second site.  Split from :mod:`etl.events.places`, which
calls these on a sentence's place candidates."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from etl import toponyms
from etl.events.place_kinds import KIND_LEVEL, PlaceCandidate, within
from etl.spacy_model import doc_text
from geo.gazetteer import haversine_km
from geo.records import Mention
from geo.text_cues import DIVISION_AFTER

# How far a place said to be "in" a town may lie from it and still be read as inside it
SITE_IN_TOWN_KM = 40.0
# ... and from the point of a province or region said to hold it
AREA_HOLDS_KM = 300.0
# Nouns for a part of a bigger place: "the Kwall district of Bassa", "the Khan Younis area of Gaza"
_PART_OF_NOUNS = toponyms.DIVISION_NOUNS | toponyms.AREA_NOUNS
# Participles that say where a named place lies ("Jenin, located in the occupied West Bank")
_LYING_PARTICIPLES = frozenset({"locate", "situate", "base", "lie", "nestle", "sit"})
# Nouns a name is "of" that an "in" phrase may hang on ("the strategic city of Uvira in eastern Congo")
_SETTLEMENT_NOUNS = toponyms.SETTLEMENT_NOUNS | toponyms.AREA_NOUNS


def sites_in_places(doc: Doc, usable: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """"The Zócalo in Mexico City", "the city of Uvira in eastern Congo": a
    name said to be "in" a place is one site with it, and where the event
    was when that place is.  The finer name is kept (as locative as the
    place it is in) when it lies within that area or near that town; when it
    resolves far from the town it was a wrong reading of a name the
    gazetteer lacks (a square, a street, a church), and the town is kept."""
    dropped: set[int] = set()
    promoted: set[int] = set()
    for inner in usable:
        for outer in usable:
            if inner is outer or inner.place.place_id == outer.place.place_id or \
                    KIND_LEVEL.get(inner.place.kind, 3) > KIND_LEVEL.get(outer.place.kind, 3) or \
                    not _said_in(doc, inner.mention, outer.mention):
                continue
            town = outer.place.kind in ("populated_place", "admin2")
            apart_km = haversine_km(inner.place.lat, inner.place.lon, outer.place.lat, outer.place.lon)
            # an area the text says holds the name ("Jenin, located in the West Bank", "Balashikha,
            # Moscow Region") holds it however the gazetteer files the two
            if within(inner.place, outer.place) or apart_km <= (SITE_IN_TOWN_KM if town else AREA_HOLDS_KM):
                dropped.add(id(outer))
                if outer.locative:
                    promoted.add(id(inner))
            elif town:
                dropped.add(id(inner))
    if not dropped:
        return usable
    return [replace(c, locative=True) if id(c) in promoted else c for c in usable if id(c) not in dropped]


def _said_in(doc: Doc, inner: Mention, outer: Mention) -> bool:
    """Is ``outer`` the object of an "in" or "near" that hangs on ``inner``
    ("the Zócalo in Mexico City", "the Nur Khan airbase near Rawalpindi")?"""
    if outer.start <= inner.end:
        return False
    inner_span = doc.char_span(inner.start, inner.end, alignment_mode="expand")
    outer_span = doc.char_span(outer.start, outer.end, alignment_mode="expand")
    if inner_span is None or outer_span is None:
        return False
    text = doc_text(doc)
    if text[inner.end:outer.start].strip() == "," and DIVISION_AFTER.match(text, outer.end) and \
            not _LIST_BEFORE.search(text, 0, inner.start):
        return True  # "in Balashikha, Moscow Region"
    outer_root = outer_span.root
    if outer_root.dep_ == "compound" and outer_root.head.lemma_.lower() in _SETTLEMENT_NOUNS:
        outer_root = outer_root.head  # "near Uri in Baramulla district"
    prep = outer_root.head
    inner_root = inner_span.root
    if outer_root.dep_ == "pobj" and prep.lower_ == "of" and inner_root.dep_ == "compound" and \
            inner_root.head.i == prep.head.i and prep.head.lemma_.lower() in _PART_OF_NOUNS:
        return True  # "in the Kwall district of Bassa Local Government Area" (not "the Gaza city of Rafah",
        # which names the city)
    if outer_root.dep_ != "pobj" or prep.lower_ not in ("in", "near"):
        return False  # ("the Nur Khan airbase near Rawalpindi": one site, by the town)
    if inner_span.start <= prep.head.i < inner_span.end:
        return True
    lying = prep.head
    if prep.lower_ == "in" and lying.dep_ == "acl" and lying.lemma_.lower() in _LYING_PARTICIPLES and \
            inner_span.start <= lying.head.i < inner_span.end:
        return True  # "in Jenin, located in the occupied West Bank"
    # "the strategic city of Uvira in eastern Congo": "in" hangs on the noun the name is "of"
    root = inner_span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and prep.head.i == root.head.head.i and \
        prep.head.lemma_.lower() in _SETTLEMENT_NOUNS


_ADDRESS_KM = 60.0
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-Z]|and\b|or\b|&)")
_LIST_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s*,\s*$")


def without_address_areas(doc: Doc, pool: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """"near a distribution site in Rafah, Gaza": two names joined by a comma
    alone, the second a bigger place close by, are an address; the first is
    where it happened (a list of two says "and": "in Kharkiv and Odesa")."""
    text = doc_text(doc)
    dropped: set[int] = set()
    for a in pool:
        for b in pool:
            if a is b or text[a.mention.end:b.mention.start].strip() != "," or \
                    _LIST_GOES_ON.match(text, b.mention.end) or _LIST_BEFORE.search(text, 0, a.mention.start):
                continue
            if a.place.kind == b.place.kind == "populated_place" and b.place.population > a.place.population and \
                    haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) <= _ADDRESS_KM:
                dropped.add(id(b))
    return [c for c in pool if id(c) not in dropped] or pool


def without_list_containers(doc: Doc, pool: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """"Hitting neighbourhoods in Tel Aviv, including Holon and Ramat Gan":
    the places listed are where it hit, the place the noun is "in" only
    holds them."""
    def root(candidate: PlaceCandidate) -> Token | None:
        span = doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
        return span.root if span is not None else None

    nouns: set[int] = set()
    for candidate in pool:
        first = root(candidate)
        while first is not None and first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first is not None and first.dep_ == "pobj" and first.head.lower_ in ("including", "like"):
            nouns.add(first.head.head.i)
    if not nouns:
        return pool
    # the place the noun is in, or the place its verb acts in ("hit neighbourhoods in Tel Aviv
    # on Thursday, including …"), or the place the list is on ("in Tel Aviv, including …")
    holders = nouns | {doc[i].head.i for i in nouns}
    kept = [c for c in pool if not ((r := root(c)) is not None and (
        (r.dep_ == "pobj" and r.head.lower_ == "in" and r.head.head.i in holders) or r.i in nouns))]
    return kept or pool
