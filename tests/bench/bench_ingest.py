"""Benchmark: whole ingest pipeline throughput and peak memory.

Reads the first N articles of the India police events corpus (real Times of
India articles, ~400 words, lower-cased; ``../shared/data/news`` or
``$SITREP_EVAL_DATA/news``), ingests them into a fresh SQLite store with the
real pipeline and prints articles/s and the peak resident memory of the
process tree.  Not a test: run it and copy the figures into the README.

    .venv/bin/python tests/bench/bench_ingest.py [--n 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from etl.pipeline import ingest  # noqa: E402
from etl.store import Store  # noqa: E402


def corpus_path() -> Path:
    base = Path(os.environ.get("SITREP_EVAL_DATA", REPO.parent / "shared" / "data"))
    return base / "news" / "india_police_events" / "docs.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="articles to ingest")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    source = corpus_path()
    if not source.exists():
        print(f"corpus not found: {source}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        words = 0
        with source.open(encoding="utf-8") as src, batch.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i >= args.n:
                    break
                record = json.loads(line)
                words += len(record["doc_text"].split())
                out.write(json.dumps({"id": record["doc_id"], "text": record["doc_text"]}) + "\n")
        store = Store(str(Path(tmp) / "bench.db"))
        # Warm-up outside the timed part is not done on purpose: model and
        # gazetteer loading are part of what a user waits for.
        stamps: list[float] = []
        start = time.perf_counter()
        report = ingest([batch], store=store, published=date(2002, 3, 15), workers=args.workers,
                        on_item=lambda *_: stamps.append(time.perf_counter()))
        elapsed = time.perf_counter() - start
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    n_done = report.stored + report.duplicate
    print(f"articles: {n_done} stored/duplicate, {len(report.rejected)} rejected, "
          f"{len(report.failed)} failed; {report.events} events; mean {words / max(1, args.n):.0f} words")
    print(f"workers: {args.workers}; wall: {elapsed:.1f} s; throughput: {n_done / elapsed:.1f} articles/s "
          f"(including model load)")
    # Steady state: from the first stored batch to the last (model load excluded).
    if len(stamps) > 32:
        first = stamps[15]
        steady = (len(stamps) - 16) / (stamps[-1] - first)
        print(f"steady state: {steady:.1f} articles/s (after the first batch)")
    print(f"peak RSS: main {self_kb / 1024:.0f} MB, largest worker {child_kb / 1024:.0f} MB, "
          f"sum bound {(self_kb + args.workers * child_kb) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
