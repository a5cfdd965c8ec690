"""Write a realistic synthetic event store for benchmarks and demos.

    .venv/bin/python scripts/generate_events.py --db /tmp/bench.db --events 1000000

The set is skewed the way real conflict data is: a few places (Peshawar,
Kabul, the Line of Control, North Waziristan …) carry most events (Zipf over
places), dates cluster around flare-ups (May 2025 India–Pakistan, October
2025 Afghanistan–Pakistan) on a quieter baseline, event types follow ACLED's
rough shares, fatalities are mostly zero with a heavy tail.  Places include
towns (geo precision 1), district-level points (2), country points and
border lines (3, with the border's WKT in ``places.geometry``).

Writes go through :class:`etl.store.Store`'s tables in bulk
(``executemany`` in batches inside one transaction per batch), then the
read indexes and the evidence text index are built once, so a million
events take a few minutes.  The target must be new: an existing store is
refused.  Deterministic: ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import logging
import math
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from etl.store import Store, articles, events, places  # noqa: E402

logger = logging.getLogger("generate_events")

# (name, country, admin1, lat, lon, kind, geo_precision)
TOWNS: list[tuple[str, str, str, float, float]] = [
    ("Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.008, 71.578),
    ("Kabul", "AFG", "Kabul", 34.528, 69.172),
    ("Quetta", "PAK", "Balochistan", 30.184, 67.001),
    ("Srinagar", "IND", "Jammu and Kashmir", 34.086, 74.797),
    ("Bannu", "PAK", "Khyber Pakhtunkhwa", 32.986, 70.604),
    ("Dera Ismail Khan", "PAK", "Khyber Pakhtunkhwa", 31.832, 70.902),
    ("Kandahar", "AFG", "Kandahar", 31.613, 65.710),
    ("Jalalabad", "AFG", "Nangarhar", 34.430, 70.448),
    ("Karachi", "PAK", "Sindh", 24.861, 67.010),
    ("Lahore", "PAK", "Punjab", 31.558, 74.351),
    ("Islamabad", "PAK", "Islamabad Capital Territory", 33.721, 73.043),
    ("Rawalpindi", "PAK", "Punjab", 33.598, 73.044),
    ("Muzaffarabad", "PAK", "Azad Kashmir", 34.370, 73.471),
    ("Poonch", "IND", "Jammu and Kashmir", 33.773, 74.093),
    ("Kupwara", "IND", "Jammu and Kashmir", 34.531, 74.266),
    ("Jammu", "IND", "Jammu and Kashmir", 32.736, 74.869),
    ("Amritsar", "IND", "Punjab", 31.634, 74.873),
    ("Adampur", "IND", "Punjab", 31.433, 75.717),
    ("Khost", "AFG", "Khost", 33.339, 69.920),
    ("Herat", "AFG", "Herat", 34.348, 62.199),
    ("Mazar-i-Sharif", "AFG", "Balkh", 36.709, 67.110),
    ("Kunduz", "AFG", "Kunduz", 36.728, 68.868),
    ("Chaman", "PAK", "Balochistan", 30.917, 66.452),
    ("Torkham", "AFG", "Nangarhar", 34.110, 71.087),
    ("Gwadar", "PAK", "Balochistan", 25.126, 62.322),
    ("Turbat", "PAK", "Balochistan", 26.004, 63.044),
    ("Parachinar", "PAK", "Khyber Pakhtunkhwa", 33.899, 70.100),
    ("Miranshah", "PAK", "Khyber Pakhtunkhwa", 33.000, 70.070),
    ("Wana", "PAK", "Khyber Pakhtunkhwa", 32.300, 69.573),
    ("Bajaur", "PAK", "Khyber Pakhtunkhwa", 34.780, 71.520),
    ("New Delhi", "IND", "Delhi", 28.614, 77.209),
    ("Pathankot", "IND", "Punjab", 32.274, 75.652),
]
DISTRICTS: list[tuple[str, str, str, float, float]] = [
    ("North Waziristan", "PAK", "Khyber Pakhtunkhwa", 32.95, 70.10),
    ("South Waziristan", "PAK", "Khyber Pakhtunkhwa", 32.30, 69.80),
    ("Kurram", "PAK", "Khyber Pakhtunkhwa", 33.70, 70.20),
    ("Khyber", "PAK", "Khyber Pakhtunkhwa", 34.10, 71.20),
    ("Nangarhar", "AFG", "Nangarhar", 34.20, 70.60),
    ("Paktika", "AFG", "Paktika", 32.50, 68.80),
    ("Kech", "PAK", "Balochistan", 26.20, 62.90),
    ("Anantnag", "IND", "Jammu and Kashmir", 33.73, 75.15),
]
COUNTRIES: list[tuple[str, str, float, float]] = [
    ("Pakistan", "PAK", 30.0, 70.0), ("Afghanistan", "AFG", 33.0, 65.0), ("India", "IND", 20.0, 77.0),
]
BORDERS: list[tuple[str, str, str, str, float, float]] = [
    ("border:AFG-PAK", "Afghanistan–Pakistan border", "AFG", "PAK", 33.0, 69.9),
    ("border:IND-PAK", "India–Pakistan border", "IND", "PAK", 32.5, 74.6),
]

TYPES: list[tuple[str, list[str], float]] = [
    ("Battles", ["Armed clash", "Government regains territory",
                 "Non-state actor overtakes territory"], 0.30),
    ("Explosions/Remote violence", ["Air/drone strike", "Shelling/artillery/missile attack",
                                    "Suicide bomb", "Remote explosive/landmine/IED", "Grenade"], 0.28),
    ("Violence against civilians", ["Attack", "Abduction/forced disappearance"], 0.14),
    ("Protests", ["Peaceful protest", "Protest with intervention"], 0.13),
    ("Riots", ["Violent demonstration", "Mob violence"], 0.05),
    ("Strategic developments", ["Agreement", "Arrests", "Diplomacy", "Other"], 0.10),
]
ACTORS: dict[str, list[str]] = {
    "PAK": ["Military Forces of Pakistan", "Police Forces of Pakistan", "TTP: Tehreek-i-Taliban Pakistan",
            "BLA: Balochistan Liberation Army", "Unidentified Armed Group (Pakistan)", "Protesters (Pakistan)",
            "PTI: Pakistan Tehreek-i-Insaf"],
    "AFG": ["Taliban", "Military Forces of Afghanistan", "IS-K: Islamic State Khorasan",
            "NRF: National Resistance Front", "Civilians (Afghanistan)"],
    "IND": ["Military Forces of India", "Police Forces of India", "Lashkar-e-Taiba",
            "Civilians (India)", "Protesters (India)"],
}
SOURCES = ["Dawn", "The Express Tribune", "Pakistan Today", "Geo News", "TOLOnews", "Pajhwok",
           "The Hindu", "Hindustan Times", "The Indian Express", "Reuters", "AFP", "BBC Urdu"]
FLARES: list[tuple[date, int, float, tuple[str, ...]]] = [
    (date(2025, 5, 8), 4, 9.0, ("IND", "PAK")),
    (date(2025, 10, 14), 6, 7.0, ("AFG", "PAK")),
    (date(2025, 3, 11), 3, 3.0, ("PAK",)),
]
YEAR_START = date(2025, 1, 1)
YEAR_DAYS = 365


def _border_wkt(iso_a: str, iso_b: str) -> str | None:
    try:
        from geo.boundaries import Boundaries

        place = Boundaries.load().border(iso_a, iso_b)
    except Exception as error:  # noqa: BLE001 - only costs the border line
        logger.warning("no border geometry for %s-%s: %s", iso_a, iso_b, error)
        return None
    return place.geometry if place is not None else None


def build_places(rng: random.Random, *, villages: int) -> list[dict[str, Any]]:
    """Towns, villages around them, districts, countries and borders."""
    rows: list[dict[str, Any]] = []
    for name, country, admin1, lat, lon in TOWNS:
        rows.append(dict(place_id=f"synthetic:{name}", name=name, kind="populated_place",
                         country=country, admin1=admin1, admin2="", lat=lat, lon=lon,
                         population=rng.randint(20_000, 4_000_000), geometry=None, _prec=1))
    for i in range(villages):
        town = rng.choice(TOWNS)
        lat = town[3] + rng.gauss(0, 0.25)
        lon = town[4] + rng.gauss(0, 0.25)
        rows.append(dict(place_id=f"synthetic:village-{i}", name=f"{town[0]} village {i}",
                         kind="populated_place", country=town[1], admin1=town[2], admin2="",
                         lat=round(lat, 4), lon=round(lon, 4), population=rng.randint(500, 20_000),
                         geometry=None, _prec=1))
    for name, country, admin1, lat, lon in DISTRICTS:
        rows.append(dict(place_id=f"synthetic:district-{name}", name=name, kind="admin2",
                         country=country, admin1=admin1, admin2=name, lat=lat, lon=lon,
                         population=0, geometry=None, _prec=2))
    for name, code, lat, lon in COUNTRIES:
        rows.append(dict(place_id=f"ne:{code}", name=name, kind="country", country=code,
                         admin1="", admin2="", lat=lat, lon=lon, population=0, geometry=None,
                         _prec=3))
    for place_id, name, a, b, lat, lon in BORDERS:
        rows.append(dict(place_id=place_id, name=name, kind="border", country=b, admin1="",
                         admin2="", lat=lat, lon=lon, population=0, geometry=_border_wkt(a, b),
                         _prec=3))
    return rows


def _day_weights(country: str) -> list[float]:
    weights = []
    for offset in range(YEAR_DAYS):
        day = YEAR_START + timedelta(days=offset)
        w = 1.0 + 0.3 * math.sin(offset / 29.0)
        for peak, width, height, countries in FLARES:
            if country in countries:
                w += height * math.exp(-((day - peak).days ** 2) / (2 * width ** 2))
        weights.append(w)
    return weights


def generate(url: str, *, n_events: int, events_per_article: int = 8, villages: int = 1500,
             seed: int = 42, batch: int = 20_000, link: bool = True) -> dict[str, int]:
    """Write ``n_events`` synthetic events (and their articles and places)
    into the store at ``url``, then (``link``) link them into incidents as
    an ingest would (:meth:`etl.store.Store.relink_incidents`).  Returns the
    store's counts."""
    rng = random.Random(seed)
    store = Store(url)
    store.drop_text_index()  # built once at the end: faster than its triggers per event
    place_rows = build_places(rng, villages=villages)
    # Zipf over places: the k-th place gets weight 1/k^1.1; towns come first.
    weights = [1.0 / (k + 1) ** 1.1 for k in range(len(place_rows))]
    # Country-level and border places are frequent in news too.
    for i, row in enumerate(place_rows):
        if row["kind"] in ("country", "border", "admin2"):
            weights[i] = weights[0] * 0.15
    with store.engine.begin() as conn:
        existing = {r[0] for r in conn.execute(places.select().with_only_columns(places.c.place_id))}
        fresh = [{k: v for k, v in r.items() if not k.startswith("_")}
                 for r in place_rows if r["place_id"] not in existing]
        if fresh:
            conn.execute(places.insert(), fresh)
    place_cum = list(itertools.accumulate(weights))
    day_cum = {c: list(itertools.accumulate(_day_weights(c))) for c in ACTORS}
    days = [YEAR_START + timedelta(days=i) for i in range(YEAR_DAYS)]
    type_names = [t[0] for t in TYPES]
    type_weights = [t[2] for t in TYPES]
    subs = {t[0]: t[1] for t in TYPES}
    now = datetime.now(timezone.utc)
    started = time.perf_counter()
    written = 0
    article_no = 0
    while written < n_events:
        article_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        while len(event_rows) < batch and written + len(event_rows) < n_events:
            article_no += 1
            source = SOURCES[min(int(rng.expovariate(0.35)), len(SOURCES) - 1)]
            anchor = rng.choices(place_rows, cum_weights=place_cum)[0]
            day = rng.choices(days, cum_weights=day_cum[anchor["country"]])[0]
            published = day + timedelta(days=rng.randint(0, 2))
            article_id = hashlib.sha256(f"synthetic-{seed}-{article_no}".encode()).hexdigest()
            sentences: list[str] = []
            k = max(1, min(events_per_article * 2, int(rng.expovariate(1 / events_per_article)) + 1))
            k = min(k, n_events - written - len(event_rows))
            offset = 0
            for j in range(k):
                place = anchor if j == 0 else rng.choices(place_rows, cum_weights=place_cum)[0]
                event_type = rng.choices(type_names, weights=type_weights)[0]
                sub = rng.choice(subs[event_type])
                actors = ACTORS[place["country"]]
                actor1 = rng.choice(actors)
                actor2 = rng.choice(actors + ACTORS["AFG" if place["country"] == "PAK" else "PAK"] + [""])
                violent = event_type in ("Battles", "Explosions/Remote violence",
                                         "Violence against civilians")
                fatalities = int(rng.paretovariate(1.3)) - 1 if violent and rng.random() < 0.55 else 0
                fatalities = min(fatalities, 400)
                event_day = day - timedelta(days=rng.choice((0, 0, 0, 1, 2)))
                sentence = (f"{actor1 or 'Unidentified attackers'} and {actor2 or 'others'} were "
                            f"involved in a {sub.lower()} in {place['name']} on "
                            f"{event_day:%B %d}, killing {fatalities} people.")
                start = offset
                sentences.append(sentence)
                offset += len(sentence) + 1
                event_id = hashlib.sha256(f"{article_id}|{j}".encode()).hexdigest()[:32]
                event_rows.append(dict(
                    event_id=event_id, article_id=article_id, event_date=event_day,
                    date_precision=rng.choices((1, 2, 3), weights=(80, 15, 5))[0],
                    event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2,
                    country=place["country"], admin1=place["admin1"], admin2=place["admin2"],
                    location=place["name"], latitude=place["lat"], longitude=place["lon"],
                    geo_precision=place["_prec"], place_id=place["place_id"],
                    fatalities=fatalities, fatalities_low=fatalities, fatalities_high=None,
                    injured=int(fatalities * rng.random() * 2), evidence=sentence,
                    evidence_start=start, evidence_end=start + len(sentence), claimed_by="",
                    confidence=round(rng.uniform(0.5, 0.95), 2), incident_id=event_id, role="main",
                    source=source,
                    url=f"https://example.org/{source.lower().replace(' ', '-')}/{article_no}",
                    published=published, fatalities_reported=str(fatalities) if fatalities else "",
                ))
            article_rows.append(dict(
                article_id=article_id,
                url=f"https://example.org/{source.lower().replace(' ', '-')}/{article_no}",
                title=f"{anchor['name']}: {len(sentences)} incidents reported",
                source=source, published=published, published_precision="day",
                text=" ".join(sentences), language="en", origin="synthetic", ingested_at=now,
            ))
        with store.engine.begin() as conn:
            conn.execute(articles.insert(), article_rows)
            conn.execute(events.insert(), event_rows)
        written += len(event_rows)
        logger.info("%d events written (%.0f/s)", written, written / (time.perf_counter() - started))
    store.ensure_read_indexes()
    store.ensure_text_index()
    if link:
        started = time.perf_counter()
        n_incidents = store.relink_incidents()
        logger.info("%d events linked into %d incidents in %.0f s", written, n_incidents,
                    time.perf_counter() - started)
    counts = store.counts()
    store.close()
    return counts


def _events_in(url: str) -> int:
    """How many events the store at ``url`` holds (0 when it has no tables
    yet); opened without creating anything."""
    probe = Store(url, create=False)
    try:
        return probe.event_count()
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        probe.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="store URL or SQLite file path")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--villages", type=int, default=1500)
    parser.add_argument("--no-incidents", action="store_true",
                        help="leave the events unlinked (no incidents; faster)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    existing = _events_in(args.db)
    if existing:
        # the same seed would write the same articles again
        logger.error("%s already holds %d events: give a new file (or delete this one)",
                     args.db, existing)
        return 2
    counts = generate(args.db, n_events=args.events, seed=args.seed, villages=args.villages,
                      link=not args.no_incidents)
    logger.info("store counts: %s", counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
