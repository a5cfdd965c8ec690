"""Benchmark of the gazetteer index: load time, size, lookups per second, variant merging.

Run: ``.venv/bin/python tests/bench/bench_gazetteer.py [INDEX_PATH]`` (builds the
index first when it is missing).  Prints; asserts nothing.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from geo.gazetteer import Gazetteer, default_index_path  # noqa: E402

QUERIES = ["Kabul", "Islamabad", "Peshawer", "Adampur", "London", "Springfield", "Nowhere Land",
           "Kandahar", "Us", "Khyber Pakhtoonkhwa", "J&K", "Kurram", "São Paulo", "x" * 300,
           "پشاور", ""]


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default_index_path()
    if not path.exists():
        Gazetteer.load(path)  # builds it
    started_s = time.perf_counter()
    gazetteer = Gazetteer.load(path)
    load_s = time.perf_counter() - started_s
    print(f"index {path}: {path.stat().st_size / 1e6:.1f} MB, {len(gazetteer)} places, "
          f"load {load_s:.3f} s")
    n_lookups = 10_000
    started_s = time.perf_counter()
    found = 0
    for i in range(n_lookups):
        found += bool(gazetteer.lookup(QUERIES[i % len(QUERIES)]))
    lookup_s = time.perf_counter() - started_s
    print(f"{n_lookups} lookups in {lookup_s:.3f} s ({n_lookups / lookup_s:,.0f}/s), "
          f"{found} with results")
    exact, variant = gazetteer._exact, gazetteer._variant  # noqa: SLF001 (measurement only)
    print(f"folded keys {len(exact):,}; variant keys {len(variant):,} "
          f"(primary/curated names only; mean places per variant key "
          f"{len(variant._values) / max(len(variant), 1):.2f}, per folded key "  # noqa: SLF001
          f"{len(exact._values) / max(len(exact), 1):.2f})")  # noqa: SLF001
    print(f"ruler names (>= 15000): {len(gazetteer.ruler_names())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
