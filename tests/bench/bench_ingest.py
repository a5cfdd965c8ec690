"""Benchmark: whole ingest pipeline throughput and peak memory.

Reads the first N articles of the India police events corpus (real Times of
India articles, ~400 words, lower-cased; ``../shared/data/news`` or
``$SITREP_EVAL_DATA/news``), ingests them into a fresh SQLite store with the
real pipeline and prints articles/s and the peak resident memory of the
process tree.  Not a test: run it and copy the figures into the README.

The machine may be shared, so wall-clock throughput is noisy; the CPU time
the run used (all processes, user + system) is printed too, and with
``--workers 1`` the steady-state CPU milliseconds per article, whose
inverse times the number of cores is what the pipeline can do on cores of
its own.

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


def _cpu_s() -> float:
    """User + system CPU seconds of this process and its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="articles to ingest")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reingest", action="store_true",
                        help="then ingest the same articles again and time that (all duplicates)")
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
        cpu_stamps: list[float] = []

        def on_item(*_: object) -> None:
            stamps.append(time.perf_counter())
            cpu_stamps.append(time.process_time())

        start = time.perf_counter()
        cpu_start = _cpu_s()
        report = ingest([batch], store=store, published=date(2002, 3, 15), workers=args.workers,
                        on_item=on_item)
        elapsed = time.perf_counter() - start
        cpu_s = _cpu_s() - cpu_start
        if args.reingest:
            again_start = time.perf_counter()
            again = ingest([batch], store=store, published=date(2002, 3, 15), workers=args.workers)
            again_s = time.perf_counter() - again_start
            print(f"re-ingest of the same {args.n}: {again.duplicate} duplicate, {again.stored} stored "
                  f"in {again_s:.2f} s ({again.duplicate / max(again_s, 1e-9):.0f} articles/s)")
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
        if args.workers == 1:
            cpu_ms = 1000 * (cpu_stamps[-1] - cpu_stamps[15]) / (len(stamps) - 16)
            wall_ms = 1000 / steady
            print(f"one worker, steady: {wall_ms:.0f} ms/article wall, {cpu_ms:.0f} ms/article CPU "
                  f"(on 2 free cores: {2000 / cpu_ms:.1f} articles/s)")
    print(f"CPU time, all processes: {cpu_s:.1f} s = {1000 * cpu_s / max(1, n_done):.0f} ms/article "
          f"(including model load)")
    print(f"peak RSS: main {self_kb / 1024:.0f} MB, largest worker {child_kb / 1024:.0f} MB, "
          f"sum bound {(self_kb + args.workers * child_kb) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
