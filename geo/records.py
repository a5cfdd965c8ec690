"""Records of the geo package: what a place is, what a geocoder proposes, and
what the resolver decided for one place name found in a text.

All records are frozen dataclasses; coordinates are WGS84 degrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PlaceKind = Literal[
    "country", "admin1", "admin2", "populated_place", "border", "site", "region"
]
# "NORP": a nationality adjective used as a modifier ("Pakistani troops"), an
# adjectival toponym that resolves to its country; the event stage never takes
# one as an event's site or as the article's country.
MentionLabel = Literal["GPE", "LOC", "FAC", "BORDER", "NORP"]
ResolutionStatus = Literal["resolved", "ambiguous", "not_found", "failed"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place a gazetteer knows.

    ``place_id`` is namespaced by its source: ``geonames:1462733``, ``ne:PAK``,
    ``border:AFG-PAK``, ``curated:kurram``.  ``country`` is ISO 3166-1 alpha-3
    (empty for places outside any country).  ``geometry`` is optional WKT, used
    for borders and areas; the point (lat, lon) is always set.
    """

    place_id: str
    name: str
    kind: PlaceKind
    country: str
    lat: float
    lon: float
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    geometry: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a geocoder proposes for a name, with its score in [0, 1].

    ``reasons`` lists short, human-readable notes on how the score was reached
    ("country named in article", "primary name", …).  ``raw`` keeps the
    geocoder's own payload for inspection.
    """

    place: Place
    score: float
    geocoder: str
    reasons: tuple[str, ...] = ()
    raw: Any = field(default=None, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text: character offsets into the article text."""

    article_id: str
    start: int
    end: int
    surface: str
    sentence_index: int
    label: MentionLabel


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the resolver decided for one mention.

    ``place`` is set for ``resolved`` and ``ambiguous`` (the best guess);
    ``candidates`` is the ranked list, best first (may be empty).
    """

    mention: Mention
    status: ResolutionStatus
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
