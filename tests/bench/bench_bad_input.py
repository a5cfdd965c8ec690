"""Benchmark: bad input through the whole pipeline, and incident linking at volume.

Times, for the inputs issue 13 names, the whole extraction (parse, places,
events) and the event stage alone, and prints the events found: an article
of 500 numbers, a list of 200 casualty figures, a toll told in every sentence
(2,000 and 8,000 sentences: the event stage must grow linearly), a 5 MB
article (the largest the ETL accepts).  Then links 50,000 synthetic reports
into incidents.  Not a test: run it and copy the figures into the README.

    .venv/bin/python tests/bench/bench_bad_input.py [--skip-5mb]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from etl.events import extract_events  # noqa: E402
from etl.incidents import link_incidents  # noqa: E402
from etl.pipeline import Pipeline, analyse, resolve, to_article  # noqa: E402
from etl.sources import RawDocument  # noqa: E402

PUBLISHED = date(2025, 3, 30)


def cases(skip_5mb: bool) -> dict[str, str]:
    rng = random.Random(13)
    groups = ["soldiers", "policemen", "civilians", "workers"] * 50
    toll = "In Bannu on Monday, {n} people were killed when militants attacked a checkpoint."
    paragraph = ("Militants attacked a checkpoint in Bannu on Monday, killing 12 soldiers, officials said. "
                 "The army said it killed 7 attackers in the exchange of fire that followed in Lakki Marwat. "
                 "Protesters gathered in Peshawar on Tuesday to condemn the attack.\n\n")
    out = {
        "500 numbers": "Figures: " + " ".join(str(rng.randint(1, 10**6)) for _ in range(500)) + ".",
        "200 casualty figures": "Militants attacked a checkpoint in Bannu on Monday, killing "
        + ", ".join(f"{i % 7 + 1} {g}" for i, g in enumerate(groups)) + ".",
        "a toll in each of 2,000 sentences": " ".join(toll.format(n=i % 50 + 2) for i in range(2000)),
        "a toll in each of 8,000 sentences": " ".join(toll.format(n=i % 50 + 2) for i in range(8000)),
    }
    if not skip_5mb:
        out["5 MB article"] = paragraph * (5_000_000 // len(paragraph))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-5mb", action="store_true", help="leave out the 5 MB article (about 3 minutes)")
    args = parser.parse_args()
    pipeline = Pipeline()
    for name, text in cases(args.skip_5mb).items():
        article = to_article(RawDocument(origin=name, text=text), published=PUBLISHED)
        start = time.perf_counter()
        analysis = analyse(article, analyzer=pipeline.analyzer)
        resolutions = resolve(analysis, resolver=pipeline.resolver)
        parsed = time.perf_counter()
        events = extract_events(analysis, resolutions, article=article, country_place=pipeline.gazetteer.country)
        done = time.perf_counter()
        print(f"{name}: {len(text):,} characters; parse and places {parsed - start:.1f} s, events "
              f"{done - parsed:.1f} s; {len(events)} events, {sum(e.fatalities for e in events)} killed")
    # Incident linking at volume: 50,000 reports of 1,000 happenings over 200 days.
    analysis, resolutions, article = _parsed(pipeline, "Militants attacked a checkpoint in Bannu on Monday, "
                                                       "killing 12.")
    base = extract_events(analysis, resolutions, article=article, country_place=pipeline.gazetteer.country)[0]
    rng = random.Random(7)
    reports = []
    for i in range(50_000):
        happening = rng.randrange(1000)
        day = PUBLISHED - timedelta(days=happening % 200)
        reports.append(replace(base, event_id=f"e{i}", article_id=f"a{i}", incident_id=f"e{i}",
                               place_id=f"site:{happening // 200}", latitude=30.0 + happening // 200,
                               event_date=day, published=day + timedelta(days=1), url=f"https://example.org/{i}"))
    start = time.perf_counter()
    incidents = link_incidents(reports)
    print(f"linking 50,000 reports: {time.perf_counter() - start:.1f} s; {len(incidents)} incidents")
    return 0


def _parsed(pipeline: Pipeline, text: str):  # type: ignore[no-untyped-def]
    article = to_article(RawDocument(origin="one", text=text), published=PUBLISHED)
    analysis = analyse(article, analyzer=pipeline.analyzer)
    return analysis, resolve(analysis, resolver=pipeline.resolver), article


if __name__ == "__main__":
    raise SystemExit(main())
