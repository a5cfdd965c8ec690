"""Benchmark of toponym resolution: toponyms resolved per second on one core.

Run: ``.venv/bin/python tests/bench/bench_resolver.py [N_ARTICLES]``.  Prints;
asserts nothing (issue 3's target: >= 2,000 toponyms/s).

Input is synthetic and deterministic (``random.Random(42)``): articles of 20
sentences, each naming one place drawn from the gazetteer's NER names (big
and small towns, provinces, countries, curated names), plus a few hard cases
(over-long, non-Latin, empty, unknown).  Recognition (spaCy) is not timed: this
measures ``Resolver.resolve`` — context, candidate retrieval, both ranking
passes, borders — as the pipeline calls it, with country boundaries loaded.
"""

from __future__ import annotations

import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from geo.boundaries import Boundaries  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.records import Mention  # noqa: E402
from geo.resolver import Resolver  # noqa: E402

MENTIONS_PER_ARTICLE = 20
TEMPLATES = ("Fighting was reported in {}.", "Officials in {} said talks would resume.",
             "A convoy left {} on Monday.", "Shelling hit {}, residents said.")
HARD = ("x" * 10_000, "پشاور", "", "Ajnsdgjb", "\x00\x07Kabul", "Pakistan-Afghanistan border")


def synthetic_articles(names: list[str], *, count: int, seed: int = 42) -> list[tuple[str, list[Mention]]]:
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        parts: list[str] = []
        mentions: list[Mention] = []
        offset = 0
        for _ in range(MENTIONS_PER_ARTICLE):
            name = rng.choice(HARD) if rng.random() < 0.02 else rng.choice(names)
            template = rng.choice(TEMPLATES)
            prefix, suffix = template.split("{}")
            start = offset + len(prefix)
            mentions.append(Mention(f"bench{number}", start, start + len(name), name, 0, "GPE"))
            sentence = prefix + name + suffix + " "
            parts.append(sentence)
            offset += len(sentence)
        articles.append(("".join(parts), mentions))
    return articles


def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    gazetteer = Gazetteer.load()
    resolver = Resolver(gazetteer, boundaries=Boundaries.load())
    names = gazetteer.ruler_names(min_population=1000)
    articles = synthetic_articles(names, count=count)
    resolver.resolve(articles[0][1], text=articles[0][0])  # warm caches of the first places
    started_s = time.perf_counter()
    statuses: dict[str, int] = {}
    for text, mentions in articles:
        for resolution in resolver.resolve(mentions, text=text):
            statuses[resolution.status] = statuses.get(resolution.status, 0) + 1
    elapsed_s = time.perf_counter() - started_s
    total = sum(statuses.values())
    print(f"resolver: {total} toponyms in {count} articles, {elapsed_s:.2f} s on one core "
          f"-> {total / elapsed_s:,.0f} toponyms/s (target >= 2,000)")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
