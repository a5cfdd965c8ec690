"""Geocoders: anything that turns a place name into ranked candidates.

``Geocoder`` is the contract; ``OfflineGeocoder`` (the default) answers from the
gazetteer index.  Online geopy-backed geocoders will implement the same
Protocol.  A geocoder returns an empty list for "no match" and raises
``geo.errors.GeocoderError`` for a failure.
"""

from __future__ import annotations

import math
from typing import Protocol, runtime_checkable

from geo.gazetteer import Entry, Gazetteer
from geo.records import Candidate

# Kind priors: what a bare name most likely denotes in news text.
KIND_PRIOR: dict[str, float] = {
    "country": 1.0, "admin1": 0.85, "region": 0.85, "border": 0.85,
    "site": 0.75, "admin2": 0.7, "populated_place": 0.3,
}
# Floors of the size feature for kinds whose population is unknown or not comparable.
KIND_SIZE_FLOOR: dict[str, float] = {
    "country": 1.0, "admin1": 0.8, "region": 0.8, "border": 0.8,
    "site": 0.5, "admin2": 0.6, "populated_place": 0.0,
}
CAPITAL_PRIOR_BONUS = 0.15


@runtime_checkable
class Geocoder(Protocol):
    """Turns a query into ranked candidates (best first); [] when nothing matches."""

    name: str

    def geocode(self, query: str, *, limit: int = 10) -> list[Candidate]:
        ...


# The name feature of a primary name
PRIMARY_NAME_SCORE = 0.8


def name_match_score(entry: Entry) -> float:
    """How much the matched name itself says: curated > primary > alternate; variants lower."""
    if entry.is_curated:
        score = 1.0
    elif entry.is_primary_name:
        score = PRIMARY_NAME_SCORE
    else:
        score = 0.45
    return score * (0.7 if entry.is_variant else 1.0)


def size_score(entry: Entry) -> float:
    """Population on a log scale (10 million -> 1), floored by kind."""
    place = entry.place
    population = min(1.0, math.log10(place.population + 1) / 7.0) if place.population > 0 else 0.0
    return max(population, KIND_SIZE_FLOOR.get(place.kind, 0.0))


def notability_score(entry: Entry) -> float:
    """Number of names the source knows (many languages = a well-known place)."""
    return min(1.0, math.log(entry.name_count + 1) / math.log(100))


def kind_score(entry: Entry) -> float:
    """Prior of the feature kind; national capitals get a bonus."""
    prior = KIND_PRIOR.get(entry.place.kind, 0.3)
    return min(1.0, prior + (CAPITAL_PRIOR_BONUS if entry.is_capital else 0.0))


def prior_score(entry: Entry) -> tuple[float, tuple[str, ...]]:
    """Context-free score in [0, 1] and its reasons (used by ``OfflineGeocoder``)."""
    name = name_match_score(entry)
    kind = kind_score(entry)
    size = size_score(entry)
    notability = notability_score(entry)
    score = (0.35 * name + 0.25 * kind + 0.25 * size + 0.15 * notability)
    reasons = [
        "curated name" if entry.is_curated else "primary name" if entry.is_primary_name
        else "alternate name",
        f"kind {entry.place.kind}",
        f"population {entry.place.population}",
    ]
    if entry.is_variant:
        reasons.append("spelling variant")
    if entry.is_capital:
        reasons.append("national capital")
    return round(score, 4), tuple(reasons)


class OfflineGeocoder:
    """The default geocoder: gazetteer lookup ranked by context-free priors."""

    name = "offline"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def geocode(self, query: str, *, limit: int = 10) -> list[Candidate]:
        """Candidates for ``query``, best first; [] when the gazetteer knows no such name."""
        entries = self._gazetteer.lookup(query, limit=max(limit, 50))
        candidates = []
        for entry in entries:
            score, reasons = prior_score(entry)
            candidates.append(Candidate(place=entry.place, score=score, geocoder=self.name,
                                        reasons=reasons, raw=entry))
        candidates.sort(key=lambda candidate: -candidate.score)
        return candidates[:limit]
