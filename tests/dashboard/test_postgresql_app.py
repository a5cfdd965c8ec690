"""The dashboard over a PostgreSQL store: the app factory, the filter
options, the in-memory index and the views' data, as over SQLite."""

from __future__ import annotations

import json
from typing import Any

import pytest
from dash._utils import to_json

from dashboard.app import build_app, filter_options, index_cache_path
from dashboard.callbacks import compute_charts, compute_map, compute_panel, compute_table
from dashboard.columnar import EventIndex
from etl.store import Store
from tests.dashboard.fixture_events import ARTICLE_ID, fill_store, seed_events

SEARCHES = ["", "?country=AFG", "?q=strikes&bucket=day", "?minfat=50", "?type=Battles"]


def test_the_app_runs_over_postgresql(pg_url: str, tmp_path: Any,
                                      tiny_boundaries: dict[str, Any]) -> None:
    fill_store(pg_url)
    app = build_app(pg_url, boundaries_loader=lambda: tiny_boundaries)
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    assert "<title>Sitrep</title>" in client.get("/").get_data(as_text=True)
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert '"AFG"' in layout and '"IND"' in layout and '"PAK"' in layout
    assert "Kabul" in client.get("/_sitrep/leaflet?country=AFG").get_data(as_text=True)
    store = Store(pg_url, create=False)
    assert index_cache_path(store) is None  # the index is rebuilt from the database
    with store.engine.connect() as conn:  # build_app made the read indexes
        names = {r[0] for r in conn.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'events'")}
    assert {"ix_events_read_cube", "ix_events_read_place", "ix_events_evidence_trgm"} <= names


def test_views_read_postgresql_as_they_read_sqlite(pg_url: str, tmp_path: Any) -> None:
    """Every view's data from PostgreSQL (SQL and in-memory) is what the
    same records give on SQLite."""
    lite = Store(fill_store(f"sqlite:///{tmp_path / 'same.db'}"))
    pg = Store(fill_store(pg_url))
    names = {"AFG": "Afghanistan", "PAK": "Pakistan", "IND": "India"}
    assert filter_options(pg, names) == filter_options(lite, names)
    selection = {"event_id": seed_events()[1].event_id, "article_id": ARTICLE_ID}
    for search in SEARCHES:
        for source_pg, source_lite in ((pg, lite), (EventIndex(pg), EventIndex(lite))):
            for compute in (compute_charts, compute_map):
                got = compute(source_pg, search, names=names, spec=True)
                assert _json(got) == _json(compute(source_lite, search, names=names,
                                                   spec=True)), (compute.__name__, search)
            assert _json(compute_table(source_pg, search)) == \
                _json(compute_table(source_lite, search)), search
    assert _json(compute_panel(pg, selection)) == _json(compute_panel(lite, selection))


def _json(value: Any) -> Any:
    """A view's output as the browser receives it."""
    return json.loads(to_json(list(value) if isinstance(value, tuple) else value))


def test_app_servers_can_use_a_read_only_role(pg_url: str, pg_cluster: Any) -> None:
    """docs/deploy.md: once the owner has opened the store (ingest, then one
    serve for the read indexes), a role that may only SELECT serves it."""
    import sqlalchemy as sa

    fill_store(pg_url)
    build_app(pg_url, boundaries_loader=lambda: None)  # the owner's first serve
    database = sa.engine.make_url(pg_url).database
    with Store(pg_url).engine.begin() as conn:
        for statement in (
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sitrep_read') "
                "THEN CREATE ROLE sitrep_read LOGIN; END IF; END $$",
                f"GRANT CONNECT ON DATABASE {database} TO sitrep_read",
                "GRANT USAGE ON SCHEMA public TO sitrep_read",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO sitrep_read"):
            conn.exec_driver_sql(statement)
    reader_url = pg_url.replace("://sitrep@", "://sitrep_read@", 1)
    with Store(reader_url).engine.connect() as conn:  # really read-only
        with pytest.raises(sa.exc.ProgrammingError):
            conn.exec_driver_sql("CREATE TABLE probe (x int)")
    app = build_app(reader_url, boundaries_loader=lambda: None)
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    assert '"PAK"' in client.get("/_dash-layout").get_data(as_text=True)
    assert "Kabul" in client.get("/_sitrep/leaflet?country=AFG").get_data(as_text=True)
