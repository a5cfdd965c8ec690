"""The command-line contract (DESIGN §6), run in-process."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from etl.cli import main
from etl.records import EVENT_FIELDS
from tests.conftest import SEEDS


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_ingest_exit_codes_and_reasons(tmp_path: Path):
    db = str(tmp_path / "c.db")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Militants attacked a post in Bajaur on Sunday, killing two soldiers.")
    (tmp_path / "in" / "b.txt").write_text("")
    code, _, err = run("ingest", str(tmp_path / "in"), "--db", db, "--published", "2025-11-20")
    assert code == 2
    assert "rejected: " in err and "b.txt: empty file" in err
    assert "1 stored" in err
    code, _, err = run("ingest", str(tmp_path / "in" / "a.txt"), "--db", db)
    assert code == 0 and "1 duplicate" in err


def test_events_formats(seed_store_url):
    code, out, _ = run("events", "--db", seed_store_url, "--format", "json")
    events = json.loads(out)
    assert code == 0 and events and set(events[0]) == set(EVENT_FIELDS)
    code, out, _ = run("events", "--db", seed_store_url, "--format", "csv", "--country", "AFG")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["country"] for r in rows} == {"AFG"}
    code, out, _ = run("events", "--db", seed_store_url, "--format", "geojson", "--since", "2025-10-01",
                       "--until", "2025-10-31")
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    assert all(f["properties"]["event_date"].startswith("2025-10") for f in collection["features"])


def test_extract_agrees_with_ingest(seed_store_url):
    code, out, _ = run("extract", str(SEEDS / "pakistantoday-2025-11-20.txt"), "--published", "2025-11-20")
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["published"] == "2025-11-20"
    assert any(t["name"] == "Adampur" and t["place_id"] == "geonames:1462733" for t in record["toponyms"])
    _, stored, _ = run("events", "--db", seed_store_url, "--format", "json")
    key = lambda e: (e["event_type"], e["place_id"], e["event_date"], e["fatalities"])  # noqa: E731
    assert sorted(map(key, record["events"])) == sorted(map(key, json.loads(stored)))


def test_extract_jsonl_with_bad_line(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": "A blast in Quetta killed three people on Friday.",
                                "published": "2025-11-20"}) + "\nnot json\n")
    code, out, err = run("extract", str(path))
    assert code == 2 and "malformed JSON" in err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["id"] == "x1" and record["events"]


def test_geocode_json():
    code, out, _ = run("geocode", "Adampur", "--context", "India's air defence in Punjab near Jalandhar", "--json")
    assert code == 0
    candidates = json.loads(out)
    assert candidates[0]["place_id"] == "geonames:1462733"
    assert candidates[0]["reasons"]
