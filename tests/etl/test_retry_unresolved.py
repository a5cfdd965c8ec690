"""Issue 12, item 6: mentions an online geocoder could not be asked about
are kept and asked again later (``sitrep geocode --retry-unresolved``).

The real pipeline and store, a real HTTP server on 127.0.0.1 that answers
like Nominatim.  Before the fix, a ``429 Retry-After: 600`` left every later
mention ``failed`` for good: nothing could ask again.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from etl.cli import main
from etl.pipeline import Pipeline, ingest, retry_unresolved
from etl.store import SqlGeocodeCache, Store
from geo.online import make_geocoder
from tests.etl.test_pipeline_online import nominatim_answer
from tests.geo import fake_geocoding_server as fake

USER_AGENT = "sitrep-tests/1.0 (tests@sitrep.invalid)"
ZORBAKHEL = "Militants attacked a checkpoint in Zorbakhel on Sunday, killing two soldiers, police said."
MIRALI = "Gunmen ambushed a convoy near Spinwam on Monday, killing four policemen, officials said."


@pytest.fixture()
def server():
    running = fake.FakeGeocodingServer().start()
    yield running
    running.stop()


def spinwam_answer() -> list[dict]:
    answer = nominatim_answer()[0]
    return [{**answer, "osm_id": 43, "name": "Spinwam", "lat": "33.12", "lon": "70.35",
             "display_name": "Spinwam, Khyber Pakhtunkhwa, Pakistan"}]


def _articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(ZORBAKHEL)
    (folder / "b.txt").write_text(MIRALI)
    return folder


def _online(pipeline: Pipeline, geocoder) -> Pipeline:
    return Pipeline(gazetteer=pipeline.gazetteer, boundaries=pipeline.boundaries,
                    analyzer=pipeline.analyzer, geocoder=geocoder)


def _nominatim(server, store: Store):
    return make_geocoder("nominatim", user_agent=USER_AGENT, domain=server.domain, scheme="http",
                         cache=SqlGeocodeCache(store), min_delay_s=0.0, timeout_s=2.0,
                         max_wait_s=120.0, max_retries=1)


def test_a_long_retry_after_leaves_mentions_for_a_later_retry(pipeline, server, tmp_path):
    assert not pipeline.gazetteer.lookup("Zorbakhel") and not pipeline.gazetteer.lookup("Spinwam")
    store = Store(str(tmp_path / "s.db"))
    server.script("Zorbakhel", fake.status(429, retry_after="600"))
    report = ingest([_articles(tmp_path / "in")], store=store,
                    pipeline=_online(pipeline, _nominatim(server, store)), published=None)
    assert report.stored == 2 and report.unasked_mentions == 2
    assert server.count() == 1, "the service was asked again while it asked us to wait"
    assert store.mention_status_counts().get("failed") == 2
    assert {e["location"] for e in store.query_events()} <= {"", "Pakistan"}
    revision = store.revision()

    # Later (a new run): the service answers; the two names are asked once each.
    server.reset()
    server.script("Zorbakhel", fake.json_body(nominatim_answer()))
    server.script("Spinwam", fake.json_body(spinwam_answer()))
    retried = retry_unresolved(store, geocoder=_nominatim(server, store), pipeline=pipeline)
    assert (retried.names, retried.found, retried.failed, retried.articles) == (2, 2, 0, 2)
    assert server.count("Zorbakhel") == 1 and server.count("Spinwam") == 1  # then from the cache
    assert store.mention_status_counts().get("failed", 0) == 0
    events = store.query_events()
    assert {e["location"] for e in events} == {"Zorbakhel", "Spinwam"}
    assert sorted(e["fatalities"] for e in events) == [2, 4]
    assert store.revision() > revision  # the dashboard's index reloads
    assert store.counts()["articles"] == 2


def test_retry_keeps_what_still_fails(pipeline, server, tmp_path):
    store = Store(str(tmp_path / "s.db"))
    server.script("Zorbakhel", *[fake.status(503)] * 2)
    online = _online(pipeline, _nominatim(server, store))
    report = ingest([_articles(tmp_path / "in")], store=store, pipeline=online)
    assert report.unasked_mentions == 2
    assert server.count() == 2  # one retry, then the service counts as down
    server.reset()
    server.script("Zorbakhel", fake.status(400, body="query rejected"))
    server.script("Spinwam", fake.json_body(spinwam_answer()))
    retried = retry_unresolved(store, geocoder=_nominatim(server, store), pipeline=pipeline)
    assert retried.failed == 1 and retried.articles == 1
    rows = store.unresolved_mentions()
    assert [r["surface"] for r in rows] == ["Zorbakhel"]


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_command_line_tells_how_to_retry_and_retries(server, tmp_path):
    db = str(tmp_path / "c.db")
    online = ["--geocoder", "nominatim", "--user-agent", USER_AGENT,
              "--geocoder-domain", server.domain, "--geocoder-scheme", "http"]
    server.script("Zorbakhel", fake.status(429, retry_after="600"))
    code, _, err = _run("ingest", str(_articles(tmp_path / "in")), "--db", db,
                        "--published", "2025-11-20", *online)
    assert code == 0
    assert "2 place mentions could not be looked up with nominatim" in err
    assert "sitrep geocode --retry-unresolved --geocoder nominatim" in err
    server.reset()
    server.script("Zorbakhel", fake.json_body(nominatim_answer()))
    server.script("Spinwam", fake.json_body(spinwam_answer()))
    code, _, err = _run("geocode", "--retry-unresolved", "--db", db, *online)
    assert code == 0, err
    assert "2 found, 0 still failing; 2 articles re-coded" in err
    code, out, _ = _run("events", "--db", db, "--format", "json")
    assert {e["location"] for e in json.loads(out)} == {"Zorbakhel", "Spinwam"}


def test_the_domain_option_the_error_names_exists(tmp_path):
    code, _, err = _run("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"),
                        "--geocoder", "nominatim", "--user-agent", USER_AGENT,
                        "--geocoder-domain", "https://nominatim.example.org/")
    assert code == 1
    assert "--geocoder-domain" in err and "not a host name" in err


def test_retry_needs_an_online_geocoder(tmp_path):
    Store(str(tmp_path / "x.db"))
    code, _, err = _run("geocode", "--retry-unresolved", "--db", str(tmp_path / "x.db"))
    assert code == 1 and "--geocoder" in err
