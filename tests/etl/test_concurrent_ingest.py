"""Three ``sitrep ingest`` processes write one store at once, as three
machines would, over overlapping inputs: every article is stored exactly
once and none is lost, on PostgreSQL and on SQLite.

The processes start on a store that does not exist yet (so they also race to
create the tables and the text index) and read mostly the same files in the
same order (so they reach the same articles, and the same new places, at
about the same time).  What they stored together must be what one process
alone stores from the same files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from etl.pipeline import ingest
from etl.store import Store, ingest_log
from tests.conftest import REPO

PUBLISHED = "2025-11-20"
N_PROCESSES = 3
TIMEOUT_S = 900

TOWNS = ["Bannu", "Bajaur", "Quetta", "Peshawar", "Khost", "Kandahar", "Chaman", "Lakki Marwat",
         "Dera Ismail Khan", "North Waziristan", "Jalalabad", "Kurram", "Tank", "Mardan"]
VERBS = [("attacked a police post in", "killing {n} policemen"),
         ("ambushed a convoy near", "killing {n} soldiers"),
         ("detonated a bomb at a market in", "killing {n} people"),
         ("fired rockets at a checkpoint in", "wounding {n} guards")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _article(i: int) -> str:
    """Article ``i``: short, distinct, its town shared with other articles."""
    verb, harm = VERBS[i % len(VERBS)]
    town, other = TOWNS[i % len(TOWNS)], TOWNS[(i * 5 + 3) % len(TOWNS)]
    return (f"Militants {verb} {town} on {DAYS[i % 7]}, {harm.format(n=i % 9 + 2)}, "
            f"officials said. Security forces later searched villages near {other} "
            f"(report {i}).\n")


def _inputs(folder: Path) -> list[list[Path]]:
    """Files for each process: 48 shared (same order for all) and 4 of its own."""
    folder.mkdir()
    paths = []
    for i in range(48 + 4 * N_PROCESSES):
        path = folder / f"a{i:03d}.txt"
        path.write_text(_article(i), encoding="utf-8")
        paths.append(path)
    shared = paths[:48]
    return [[*paths[48 + 4 * k: 52 + 4 * k], *shared] for k in range(N_PROCESSES)]


def _cli_url(url: str) -> str:
    """The URL as a user types it: the bare ``postgresql://`` scheme."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _contents(store: Store) -> dict[str, object]:
    with store.engine.connect() as conn:
        def ids(sql: str) -> list[tuple[object, ...]]:
            return sorted(tuple(row) for row in conn.execute(sa.text(sql)))

        return {
            "articles": ids("SELECT article_id FROM articles"),
            "events": ids("SELECT event_id, article_id, event_type, place_id, fatalities "
                          "FROM events"),
            "mentions": ids('SELECT article_id, start, "end", status, place_id FROM mentions'),
            "places": ids("SELECT place_id, name FROM places"),
        }


def test_three_ingest_processes_store_each_article_once(store_url: str, tmp_path: Path,
                                                        pipeline) -> None:
    inputs = _inputs(tmp_path / "in")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env.pop("SITREP_DB", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "etl.cli", "ingest", *map(str, paths),
             "--db", _cli_url(store_url), "--published", PUBLISHED],
            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for paths in inputs]
    results = [p.communicate(timeout=TIMEOUT_S) for p in processes]
    for process, (_, err) in zip(processes, results):
        assert process.returncode == 0, err[-3000:]
        assert "failed" not in err.replace("0 failed", ""), err[-3000:]

    store = Store(store_url, create=False)
    distinct = {p.name for paths in inputs for p in paths}
    n_inputs = sum(len(paths) for paths in inputs)
    with store.engine.connect() as conn:
        log = [dict(r._mapping) for r in conn.execute(sa.select(ingest_log))]
    assert Counter(r["status"] for r in log) == {"stored": len(distinct),
                                                 "duplicate": n_inputs - len(distinct)}
    stored_ids = Counter(r["article_id"] for r in log if r["status"] == "stored")
    assert len(stored_ids) == len(distinct) and set(stored_ids.values()) == {1}
    assert {r["article_id"] for r in log} == set(stored_ids)
    assert sum(r["n_events"] for r in log) == store.counts()["events"]

    # what one process alone stores from the same files
    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    report = ingest(sorted((tmp_path / "in").iterdir()), store=alone, pipeline=pipeline,
                    published=date.fromisoformat(PUBLISHED))
    assert report.stored == len(distinct) and report.exit_code == 0
    together, expected = _contents(store), _contents(alone)
    assert len(together["articles"]) == len(distinct)
    assert together["events"] and together["places"]
    assert together == expected
    store.close()
    alone.close()
