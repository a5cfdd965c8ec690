"""``sitrep incidents`` and the incident id of ``sitrep events`` (DESIGN §6)."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from etl.cli import main
from etl.store import INCIDENT_FIELDS, Store
from tests.etl.test_store_incidents import REPORTS, store_reports


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_incidents_in_every_format(tmp_path: Path):
    db = str(tmp_path / "i.db")
    store_reports(Store(db), REPORTS)
    code, out, _ = run("incidents", "--db", db, "--format", "json")
    incidents = json.loads(out)
    assert code == 0 and len(incidents) == 2
    assert all(list(i) == list(INCIDENT_FIELDS) for i in incidents)
    best = {i["location"]: i["fatalities_best"] for i in incidents}
    assert best == {"Kharkiv": 20, "Sumy": 34}
    assert sorted(len(i["article_ids"]) for i in incidents) == [2, 3]
    code, out, _ = run("incidents", "--db", db, "--format", "csv", "--since", "2025-04-01")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [list(r) for r in rows] == [list(INCIDENT_FIELDS)] * 2
    assert {r["article_ids"].count(";") for r in rows} == {1, 2}
    code, out, _ = run("incidents", "--db", db, "--format", "geojson", "--country", "ukr")
    features = json.loads(out)["features"]
    assert len(features) == 2 and features[0]["geometry"]["type"] == "Point"
    code, out, _ = run("incidents", "--db", db, "--type", "Protests")
    assert out.strip() == ",".join(INCIDENT_FIELDS)


def test_events_carry_their_incident_and_relink_keeps_them(tmp_path: Path):
    db = str(tmp_path / "i.db")
    store_reports(Store(db), REPORTS)
    _, out, _ = run("events", "--db", db, "--format", "json")
    events = json.loads(out)
    incident_of = {e["event_id"]: e["incident_id"] for e in events}
    assert len(set(incident_of.values())) == 2 and all(e["role"] == "main" for e in events)
    code, out, err = run("incidents", "--db", db, "--relink", "--format", "json")
    assert code == 0 and "2 incidents" in err and len(json.loads(out)) == 2
    _, out, _ = run("events", "--db", db, "--format", "json")
    assert {e["event_id"]: e["incident_id"] for e in json.loads(out)} == incident_of
