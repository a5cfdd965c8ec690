"""Benchmark: CPU milliseconds per article of each spaCy component.

The pipeline's cost is mostly spaCy's (tok2vec, parser, NER).  This times
each component of the ETL's own pipeline (``etl.spacy_model.load_spacy``) on the
first N articles of the India police events corpus, in batches of 16 as the
ingest parses them, and prints the installed spaCy version with the figures.
It is how the pin in ``pyproject.toml`` was chosen: spaCy 3.8.8 and later tag,
parse and recognise entities identically to 3.8.7 on this corpus but spend
2-3x the CPU in the parser and NER.  Run it in a venv per spaCy version to
compare.  Not a test.

    .venv/bin/python tests/bench/bench_spacy.py [--n 200] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import spacy  # noqa: E402

from etl.spacy_model import load_spacy  # noqa: E402
from tests.bench.bench_ingest import corpus_path  # noqa: E402  (the same India police articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="articles to parse")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds (the fastest is shown)")
    args = parser.parse_args()
    source = corpus_path()
    if not source.exists():
        print(f"corpus not found: {source}", file=sys.stderr)
        return 1
    texts: list[str] = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= args.n:
                break
            texts.append(json.loads(line)["doc_text"])
    nlp = load_spacy()
    list(nlp.pipe(texts[:16], batch_size=16))  # warm caches (lemmas, vocabulary)
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        start = time.process_time()
        docs = [nlp.make_doc(text) for text in texts]
        timings = {"tokenizer": time.process_time() - start}
        for name, component in nlp.pipeline:
            start = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=16))
            else:
                docs = [component(doc) for doc in docs]
            timings[name] = time.process_time() - start
        for name, seconds in timings.items():
            best[name] = min(best.get(name, seconds), seconds)
    words = sum(len(doc) for doc in docs) / len(docs)
    print(f"spaCy {spacy.__version__}; {len(texts)} articles, {words:.0f} tokens each; "
          f"CPU ms/article, best of {args.rounds}:")
    for name, seconds in best.items():
        print(f"  {name:24s} {1000 * seconds / len(texts):6.1f}")
    print(f"  {'all':24s} {1000 * sum(best.values()) / len(texts):6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
