"""Shared fixtures.

* ``pipeline`` (session): one loaded ETL pipeline (spaCy model, gazetteer
  index, boundaries); loading takes a few seconds, so every test shares it.
* ``seed_store_url`` (session): an SQLite store in a temporary folder holding
  the seed article of ``seeds/`` ingested through the real pipeline; the seed
  acceptance tests and the browser tests read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    from etl.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_store_url(tmp_path_factory, pipeline) -> str:
    from etl.pipeline import ingest
    from etl.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    report = ingest([SEEDS], store=Store(url), pipeline=pipeline)
    assert report.exit_code == 0, report.summary()
    return url
