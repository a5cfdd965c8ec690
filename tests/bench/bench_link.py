"""Benchmark: re-linking every event of a store into incidents.

    .venv/bin/python tests/bench/bench_link.py --events 1000000
    .venv/bin/python tests/bench/bench_link.py --db /tmp/link1m.db   # a store made before

Makes (or reuses, with ``--db``) a store of dense synthetic events
(``scripts/generate_events.py --no-incidents``: a few places carry most
events, flare-ups crowd a few weeks), copies it so every run starts from the
same unlinked store, then times :meth:`etl.store.Store.relink_incidents`:
reading every event, linking them from scratch (:func:`etl.incidents.link_incidents`)
and writing the incidents.  ``--linker-only`` times the linker alone on the
events read from the store.  Prints seconds, events/s, the number of
incidents and the peak resident memory of the process.

``--add K`` measures incremental linking instead: K articles (seeded
random) are taken out of the copy, the rest are re-linked (not timed), and
the K are stored again one by one with :meth:`etl.store.Store.add_article`,
each linked into the stored incidents in its transaction as an ingest does;
it prints milliseconds per article.

Not a test: run it and copy the figures into the README.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from etl import incidents as linking  # noqa: E402
from etl.records import Article, Event  # noqa: E402
from etl.store import Store, articles, event_from_row, events  # noqa: E402
from scripts.generate_events import generate  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def take_out(store: Store, n: int, *, seed: int) -> list[tuple[Article, list[Event]]]:
    """Remove ``n`` random articles and their events from the store; returns them."""
    with store.engine.begin() as conn:
        ids = sorted(r[0] for r in conn.execute(sa.select(articles.c.article_id)))
        chosen = random.Random(seed).sample(ids, min(n, len(ids)))
        taken = []
        for article_id in chosen:
            row = conn.execute(sa.select(articles).where(articles.c.article_id == article_id)).one()._mapping
            article = Article(**{name: row[name] for name in Article.__dataclass_fields__})
            reports = sorted((event_from_row(r._mapping) for r in conn.execute(
                sa.select(events).where(events.c.article_id == article_id))), key=lambda e: e.evidence_start)
            taken.append((article, reports))
            conn.execute(events.delete().where(events.c.article_id == article_id))
            conn.execute(articles.delete().where(articles.c.article_id == article_id))
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="events of a store made for the run")
    parser.add_argument("--db", help="an SQLite store to start from (made with --events if missing; "
                                     "it is copied, never changed)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--linker-only", action="store_true",
                        help="time etl.incidents.link_incidents on the stored events, not the whole re-link")
    parser.add_argument("--add", type=int, metavar="K",
                        help="time storing K articles one by one into the linked rest (incremental linking)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_link_") as tmp:
        source = Path(args.db) if args.db else Path(tmp) / "made.db"
        if not source.exists():
            print(f"making {source} ({args.events} events) …", flush=True)
            started = time.perf_counter()
            generate(str(source), n_events=args.events, seed=args.seed, link=False)
            print(f"made in {time.perf_counter() - started:.0f} s", flush=True)
        work = Path(tmp) / "work.db"
        if args.db:
            shutil.copyfile(source, work)
        else:
            source.rename(work)
        store = Store(str(work), create=False)
        try:
            if args.add:
                taken = take_out(store, args.add, seed=args.seed)
                n_incidents = store.relink_incidents()
                n_events = store.event_count()
                print(f"{n_events:,} events linked into {n_incidents:,} incidents; adding {len(taken)} articles "
                      f"({sum(len(r) for _, r in taken)} events) …", flush=True)
                started = time.perf_counter()
                for article, reports in taken:
                    store.add_article(article, resolutions=[], events_=reports)
                seconds = time.perf_counter() - started
                print(f"Store.add_article: {len(taken)} articles in {seconds:.1f} s "
                      f"({1000 * seconds / len(taken):.0f} ms/article); peak RSS {_peak_mb():,.0f} MB")
                return 0
            n_events = store.event_count()
            if args.linker_only:
                with store.engine.connect() as conn:
                    stored = [event_from_row(r._mapping) for r in conn.execute(sa.select(events))]
                started = time.perf_counter()
                n_incidents = len(linking.link_incidents(stored))
                what = "link_incidents (in memory)"
            else:
                started = time.perf_counter()
                n_incidents = store.relink_incidents()
                what = "Store.relink_incidents (read, link, write)"
            seconds = time.perf_counter() - started
        finally:
            store.close()
    print(f"{what}: {n_events:,} events -> {n_incidents:,} incidents in {seconds:.1f} s "
          f"({n_events / seconds:,.0f} events/s); peak RSS {_peak_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
