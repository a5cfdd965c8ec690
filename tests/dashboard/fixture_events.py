"""Hand-made fixture records for the dashboard's unit tests.

``Article``/``Event``/``Resolution`` records written by hand over the real
seed text (``seeds/pakistantoday-2025-11-20.txt``), with evidence offsets found
by ``text.find``, so the figure, data and panel functions are tested on known
values independent of the ETL.  The browser test uses the real ingested seed
(``seed_store_url`` in ``tests/conftest.py``).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from etl.records import Article, Event, Mention, Place, Resolution
from etl.store import Store

SEED_PATH = Path(__file__).resolve().parents[2] / "seeds" / "pakistantoday-2025-11-20.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")
ARTICLE_ID = hashlib.sha256(SEED_TEXT.encode("utf-8")).hexdigest()

EVIDENCE_DIPLOMACY = (
    "ISLAMABAD: Russia on Wednesday offered its support in mediating Pakistan’s conflicts "
    "with India and Afghanistan, as tensions continue to simmer along the country’s eastern "
    "and western borders."
)
EVIDENCE_STRIKES = (
    "Pakistan retaliated with precision strikes inside Afghanistan, including in Kabul and "
    "Kandahar, killing more than 200 Taliban and affiliated militants."
)
EVIDENCE_BORDER = (
    "The Pakistan-Afghanistan border clashes erupted on October 12, when Taliban forces, "
    "backed by affiliated militants, launched unprovoked attacks on Pakistani posts."
)
EVIDENCE_ADAMPUR = (
    "Pakistani JF-17 Thunder jets destroyed India’s S-400 air defence system in Adampur "
    "using hypersonic missiles."
)
EVIDENCE_CEASEFIRE = (
    "The clashes, which marked the deepest strikes into each other’s territories in 50 "
    "years, ended on May 10 following a US-brokered ceasefire."
)

PLACES = {
    "islamabad": Place("geonames:1176615", "Islamabad", "populated_place", "PAK", 33.72, 73.04,
                       admin1="Islamabad Capital Territory", population=601600),
    "kabul": Place("geonames:1138958", "Kabul", "populated_place", "AFG", 34.53, 69.17,
                   admin1="Kabul", population=3043532),
    "kandahar": Place("geonames:1138336", "Kandahar", "populated_place", "AFG", 31.61, 65.71,
                      admin1="Kandahar", population=391190),
    "adampur": Place("geonames:1462733", "Adampur", "populated_place", "IND", 31.43, 75.71,
                     admin1="Punjab", admin2="Jalandhar", population=17000),
    "border": Place("border:AFG-PAK", "Afghanistan–Pakistan border", "border", "PAK", 33.0, 70.0),
    "pakistan": Place("ne:PAK", "Pakistan", "country", "PAK", 30.0, 70.0),
    "afghanistan": Place("ne:AFG", "Afghanistan", "country", "AFG", 33.0, 65.0),
}


def _offsets(sentence: str) -> tuple[int, int]:
    start = SEED_TEXT.find(sentence)
    assert start >= 0, f"evidence not in seed text: {sentence[:40]}…"
    return start, start + len(sentence)


def _event_id(event_type: str, place_id: str, day: date | None) -> str:
    key = f"{ARTICLE_ID}|{event_type}|{place_id}|{day}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def make_event(
    *, event_type: str, sub_event_type: str, place: Place, day: date | None,
    date_precision: int, evidence: str, fatalities: int = 0, fatalities_reported: str = "",
    actor1: str = "", actor2: str = "", geo_precision: int = 1, location: str | None = None,
    article_id: str = ARTICLE_ID, text: str = SEED_TEXT,
) -> Event:
    """One event of the seed article (evidence offsets found in ``text``)."""
    start = text.find(evidence)
    assert start >= 0, f"evidence not in text: {evidence[:40]}…"
    event_id = _event_id(event_type + sub_event_type, place.place_id, day)
    return Event(
        event_id=event_id,
        article_id=article_id, event_date=day, date_precision=date_precision,
        event_type=event_type, sub_event_type=sub_event_type, actor1=actor1, actor2=actor2,
        country=place.country, admin1=place.admin1, admin2=place.admin2,
        location=location or place.name, latitude=place.lat, longitude=place.lon,
        geo_precision=geo_precision, place_id=place.place_id, fatalities=fatalities,
        fatalities_low=fatalities, fatalities_high=None, injured=0, evidence=evidence,
        evidence_start=start, evidence_end=start + len(evidence), claimed_by="",
        confidence=0.8, incident_id=event_id, role="main", source="Pakistan Today",
        url="https://www.pakistantoday.com.pk/2025/11/20/envoy-reaffirms-moscows-readiness/",
        published=date(2025, 11, 20), fatalities_reported=fatalities_reported,
    )


def seed_article() -> Article:
    return Article(
        article_id=ARTICLE_ID,
        url="https://www.pakistantoday.com.pk/2025/11/20/envoy-reaffirms-moscows-readiness/",
        title="Envoy reaffirms Moscow’s readiness to mediate disputes between Pakistan, its neighbours",
        source="Pakistan Today", published=date(2025, 11, 20), published_precision="day",
        text=SEED_TEXT, language="en", origin=str(SEED_PATH),
    )


def seed_events() -> list[Event]:
    """Six events: what the ETL should find in the seed (DESIGN §4)."""
    return [
        make_event(event_type="Strategic developments", sub_event_type="Diplomacy",
                   place=PLACES["islamabad"], day=date(2025, 11, 19), date_precision=1,
                   evidence=EVIDENCE_DIPLOMACY, actor1="Government of Russia",
                   actor2="Government of Pakistan"),
        make_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                   place=PLACES["kabul"], day=date(2025, 10, 12), date_precision=2,
                   evidence=EVIDENCE_STRIKES, fatalities=100, fatalities_reported="more than 200",
                   actor1="Military Forces of Pakistan", actor2="Taliban"),
        make_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                   place=PLACES["kandahar"], day=date(2025, 10, 12), date_precision=2,
                   evidence=EVIDENCE_STRIKES, fatalities=100, fatalities_reported="more than 200",
                   actor1="Military Forces of Pakistan", actor2="Taliban"),
        make_event(event_type="Battles", sub_event_type="Armed clash", place=PLACES["border"],
                   day=date(2025, 10, 12), date_precision=1, evidence=EVIDENCE_BORDER,
                   fatalities=23, fatalities_reported="Twenty-three", geo_precision=3,
                   actor1="Taliban", actor2="Military Forces of Pakistan"),
        make_event(event_type="Explosions/Remote violence",
                   sub_event_type="Shelling/artillery/missile attack", place=PLACES["adampur"],
                   day=date(2025, 5, 1), date_precision=3, evidence=EVIDENCE_ADAMPUR,
                   actor1="Military Forces of Pakistan", actor2="Military Forces of India"),
        make_event(event_type="Strategic developments", sub_event_type="Agreement",
                   place=PLACES["pakistan"], day=date(2025, 5, 10), date_precision=1,
                   evidence=EVIDENCE_CEASEFIRE, geo_precision=3,
                   actor1="Military Forces of Pakistan", actor2="Military Forces of India"),
    ]


def _resolution(surface: str, place: Place | None, *, status: str = "resolved",
                occurrence: int = 0, label: str = "GPE") -> Resolution:
    start = -1
    for _ in range(occurrence + 1):
        start = SEED_TEXT.find(surface, start + 1)
    assert start >= 0, surface
    mention = Mention(ARTICLE_ID, start, start + len(surface), surface, 0, label)  # type: ignore[arg-type]
    return Resolution(mention, status, place)  # type: ignore[arg-type]


def seed_resolutions() -> list[Resolution]:
    """A few place mentions, including ones inside evidence sentences."""
    return [
        _resolution("ISLAMABAD", PLACES["islamabad"]),
        _resolution("Kabul", PLACES["kabul"]),
        _resolution("Kandahar", PLACES["kandahar"]),
        _resolution("Adampur", PLACES["adampur"]),
        _resolution("Islamabad", PLACES["islamabad"], status="ambiguous", occurrence=0),
        _resolution("Pakistan-Afghanistan border", PLACES["border"], label="BORDER"),
    ]


def fill_store(url: str) -> str:
    """Write the fixture records into the store at ``url``; returns ``url``."""
    store = Store(url)
    try:
        store.add_article(seed_article(), resolutions=seed_resolutions(), events_=seed_events())
    finally:
        store.close()
    return url
