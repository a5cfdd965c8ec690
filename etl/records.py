"""Records of the ETL: an article as stored, and an event as coded.

``Mention``, ``Place`` and ``Resolution`` live in :mod:`geo.records` (``geo``
imports nothing from the project) and are re-exported here for convenience.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from geo.records import Candidate, Mention, Place, Resolution

__all__ = [
    "Article", "ARTICLE_FIELDS", "Event", "EVENT_FIELDS", "Candidate", "Mention", "Place", "Resolution",
    "DatePrecision",
]

DatePrecision = Literal["day", "month", "unknown"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after cleaning.

    ``article_id`` is the sha256 of the normalised text, so the same text read
    from two files is one article.  ``published`` is ``None`` when the source
    gives no date; ``published_precision`` then says ``unknown``.
    """

    article_id: str
    url: str
    title: str
    source: str
    published: date | None
    published_precision: DatePrecision
    text: str
    language: str
    origin: str


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (ACLED-style columns, see DESIGN §4).

    ``date_precision``: 1 day, 2 within a week, 3 month (ACLED's
    time_precision).  ``geo_precision``: 1 town or site, 2 district or near a
    town, 3 province, country or border.  ``fatalities`` is the best estimate;
    ``fatalities_low``/``fatalities_high`` bound it (high is ``None`` when the
    text gives no upper bound).  ``fatalities_reported`` keeps the figure as the
    text states it ("more than 200"), also when it was split over several
    events.  ``incident_id`` names the real-world happening this report
    belongs to (:mod:`etl.incidents`; an event not yet linked is its
    own incident, its id its ``event_id``); ``role`` is ``main`` for what the
    article is about, ``background`` for events it recalls (ANNOTATION.md).
    """

    event_id: str
    article_id: str
    event_date: date | None
    date_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    admin1: str
    admin2: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    place_id: str
    fatalities: int
    fatalities_low: int
    fatalities_high: int | None
    injured: int
    evidence: str
    evidence_start: int
    evidence_end: int
    claimed_by: str
    confidence: float
    incident_id: str
    role: str
    source: str
    url: str
    published: date | None
    fatalities_reported: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (dates as ISO strings)."""
        out = dataclasses.asdict(self)
        for key in ("event_date", "published"):
            value = out[key]
            out[key] = value.isoformat() if value is not None else None
        return out


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))
ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
