"""Shared fixtures.

* ``pipeline`` (session): one loaded ETL pipeline (spaCy model, gazetteer
  index, boundaries); loading takes a few seconds, so every test shares it.
* ``seed_store_url`` (session): an SQLite store in a temporary folder holding
  the seed article of ``seeds/`` ingested through the real pipeline; the seed
  acceptance tests and the browser tests read it.
* ``store_url``: an empty store, once on each backend (``[sqlite]``: a file
  in the test's folder; ``[postgresql]``: a fresh database of
  ``pg_cluster``); ``pg_url``: a fresh PostgreSQL database alone.
* ``pg_cluster`` (session): a throwaway PostgreSQL server
  (``tests/pg_cluster.py``).  Without PostgreSQL installed its tests are
  skipped, unless ``SITREP_TEST_PG=required`` (``make test``): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
BACKENDS = ("sqlite", "postgresql")
PG_REQUIRED = os.environ.get("SITREP_TEST_PG", "").lower() == "required"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    from tests.pg_cluster import ClusterError, PgCluster, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        message = ("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin; "
                   "Debian: apt-get install postgresql, which `make test` does)")
        if PG_REQUIRED:
            pytest.fail(f"SITREP_TEST_PG=required, but {message}", pytrace=False)
        pytest.skip(message)
    cluster = PgCluster(bin_dir)
    try:
        cluster.start()
    except ClusterError as error:
        cluster.stop()
        pytest.fail(f"cannot start the test PostgreSQL server: {error}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


def new_store_url(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """An empty store on ``backend`` (an SQLite file in ``folder``, or a new
    PostgreSQL database, dropped when ``request``'s scope ends)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'store.db'}"
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_store_url(request, request.param, tmp_path)


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
