"""Benchmark: exports of 10,000 events (issue 6 asks for under 10 s).

Fills a temporary SQLite store with synthetic articles and events through
``Store.add_article`` (deterministic: ``random.Random(42)``; places spread
over Pakistan, Afghanistan and India, dates over 2025), then times each
export of all events, one Chromium for the whole run.  The briefing figures
include reading the store; "briefing, cold" also includes starting Chromium,
which is what ``sitrep export briefing`` does.  Not a test: run it and copy
the figures into the README.

    .venv/bin/python tests/bench/bench_export.py [--events 10000] [--articles 500]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from dashboard.exports import ChartRenderer, export, export_briefing, load_view  # noqa: E402
from dashboard.exports.charts import export_chart  # noqa: E402
from dashboard.exports.data import export_data  # noqa: E402
from dashboard.exports.maps import export_map  # noqa: E402
from etl.records import Article, Event  # noqa: E402
from etl.store import EventFilter, Store  # noqa: E402

TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Diplomacy"),
    ("Strategic developments", "Agreement"),
)
PLACES = (
    ("Kabul", "AFG", 34.53, 69.17), ("Kandahar", "AFG", 31.61, 65.71),
    ("Jalalabad", "AFG", 34.43, 70.45), ("Khost", "AFG", 33.34, 69.92),
    ("Peshawar", "PAK", 34.01, 71.58), ("Quetta", "PAK", 30.19, 67.01),
    ("Islamabad", "PAK", 33.72, 73.04), ("Miranshah", "PAK", 33.0, 70.07),
    ("Chaman", "PAK", 30.92, 66.45), ("Srinagar", "IND", 34.08, 74.8),
    ("Jammu", "IND", 32.73, 74.86), ("Adampur", "IND", 31.43, 75.71),
)
SOURCES = ("Dawn", "Pakistan Today", "The Express Tribune", "TOLOnews", "The Hindu", "Reuters")


def fill(store: Store, *, n_events: int, n_articles: int, rng: random.Random) -> None:
    per_article = max(1, n_events // n_articles)
    made = 0
    for a in range(n_articles):
        count = per_article if a < n_articles - 1 else n_events - made
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(330))
        source = rng.choice(SOURCES)
        events = []
        text_parts: list[str] = []
        offset = 0
        article_text_id = f"synthetic article {a}"
        for e in range(count):
            event_type, sub = rng.choice(TYPES)
            place, country, lat, lon = rng.choice(PLACES)
            fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 12, 23, 40))
            sentence = (f"On day {e} of report {a}, a {sub.lower()} was reported near {place}, "
                        f"with {fatalities} killed, officials said.")
            text_parts.append(sentence)
            events.append((event_type, sub, place, country, lat, lon, fatalities, sentence, offset))
            offset += len(sentence) + 1
        text = " ".join(text_parts) + f" ({article_text_id})"
        article_id = hashlib.sha256(text.encode()).hexdigest()
        records = []
        for e, (event_type, sub, place, country, lat, lon, fatalities, sentence, start) in enumerate(events):
            day = published - timedelta(days=rng.randrange(7))
            event_id = hashlib.sha256(f"{article_id}|{e}".encode()).hexdigest()[:16]
            records.append(Event(
                event_id=event_id,
                article_id=article_id, event_date=day, date_precision=rng.choice((1, 1, 2, 3)),
                event_type=event_type, sub_event_type=sub,
                actor1="Military Forces of Pakistan", actor2=rng.choice(("Taliban", "TTP", "")),
                country=country, admin1="", admin2="", location=place,
                latitude=lat + rng.uniform(-0.3, 0.3), longitude=lon + rng.uniform(-0.3, 0.3),
                geo_precision=rng.choice((1, 2, 3)), place_id=f"synthetic:{place}",
                fatalities=fatalities, fatalities_low=fatalities, fatalities_high=None,
                injured=rng.choice((0, 0, 1, 4)), evidence=sentence, evidence_start=start,
                evidence_end=start + len(sentence),
                claimed_by=rng.choice(("", "", "", "ISPR", "Taliban spokesman")),
                confidence=round(rng.uniform(0.4, 0.95), 2), incident_id=event_id, role="main",
                source=source,
                url=f"https://example.org/{a}", published=published,
            ))
        store.add_article(Article(
            article_id=article_id, url=f"https://example.org/{a}",
            title=f"Synthetic report {a}: clashes and strikes", source=source, published=published,
            published_precision="day", text=text, language="en", origin=f"synthetic-{a}",
        ), resolutions=[], events_=records)
        made += count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.db")
        started = time.perf_counter()
        fill(store, n_events=args.events, n_articles=args.articles, rng=random.Random(42))
        print(f"filled {store.counts()['events']:,} events in {time.perf_counter() - started:.1f} s")
        flt = EventFilter()
        timings: dict[str, float] = {}

        def timed(name: str, func, *a, **kw):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            result = func(*a, **kw)
            timings[name] = time.perf_counter() - t0
            size = len(result.content) if hasattr(result, "content") else 0
            print(f"{name:<28} {timings[name]:6.2f} s  {size / 1e6:7.2f} MB")
            return result

        view = timed("load view (store read)", load_view, store, flt)
        for fmt in ("csv", "geojson", "xlsx"):
            timed(f"data {fmt}", export_data, view, fmt)
        timed("map html", export_map, view, "html")
        renderer = ChartRenderer()
        timed("start Chromium", renderer.open)
        try:
            timed("chart png (events-by-type)", export_chart, view, "events-by-type", "png",
                  renderer=renderer)
            timed("map png", export_map, view, "png", renderer=renderer)
            for fmt in ("pdf", "pptx"):
                timed(f"briefing {fmt} (warm)", lambda f=fmt: export_briefing(
                    load_view(store, flt), f, renderer=renderer))
        finally:
            renderer.close()
        cold = ChartRenderer()
        try:
            timed("briefing pdf (cold)", export, store, flt, "briefing", "pdf", renderer=cold)
        finally:
            cold.close()
        store.close()
    worst = timings["briefing pdf (cold)"]
    print(f"briefing pack of {args.events:,} events, Chromium start included: {worst:.1f} s "
          f"({'within' if worst < 10 else 'OVER'} the 10 s budget)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
