"""The command line over a PostgreSQL store, given as a user types it
(``postgresql://``): ``ingest``, ``events``, ``export`` in-process, and
``serve`` as a real server process.  (``eval`` reads corpus files and takes
no store.)"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from etl.cli import main
from etl.records import EVENT_FIELDS
from etl.store import Store
from tests.conftest import REPO

ARTICLES = {
    "bannu.txt": "Militants attacked a police post in Bannu on Sunday, killing three policemen, "
                 "officials said.",
    "quetta.txt": "A bomb exploded at a market in Quetta on Friday, killing five people, "
                  "police said.",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _bare(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _ingest(tmp_path: Path, url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, _, err = run("ingest", str(folder), "--db", _bare(url), "--published", "2025-11-20")
    assert code == 0, err
    assert "2 stored" in err and "postgresql+psycopg://" in err
    code, _, err = run("ingest", str(folder), "--db", _bare(url))
    assert code == 0 and "2 duplicate" in err


def test_ingest_events_and_export_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    _ingest(tmp_path, pg_url)
    code, out, _ = run("events", "--db", _bare(pg_url), "--format", "json")
    events = json.loads(out)
    assert code == 0 and {e["location"] for e in events} >= {"Bannu", "Quetta"}
    assert set(events[0]) == set(EVENT_FIELDS)
    assert len(events) == Store(pg_url, create=False).event_count()
    code, out, _ = run("events", "--db", _bare(pg_url), "--format", "csv", "--country", "PAK",
                       "--since", "2025-11-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(events) and {r["country"] for r in rows} == {"PAK"}
    csv_path, geojson_path = tmp_path / "events.csv", tmp_path / "events.geojson"
    assert run("export", "data", "--db", _bare(pg_url), "-o", str(csv_path))[0] == 0
    assert run("export", "data", "--db", _bare(pg_url), "-o", str(geojson_path))[0] == 0
    assert "Bannu" in csv_path.read_text(encoding="utf-8")
    assert len(json.loads(geojson_path.read_text(encoding="utf-8"))["features"]) == len(events)


def test_an_unreachable_postgresql_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run("events", "--db", f"postgresql://u:secret@127.0.0.1:{port}/sitrep")
    assert code == 1
    assert err.startswith("sitrep: error: cannot open store postgresql+psycopg://u:***@")
    assert "secret" not in err and err.count("\n") == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, *, timeout_s: float = 10.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_serve_over_postgresql(pg_url: str, tmp_path: Path) -> None:
    _ingest(tmp_path, pg_url)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    server = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "serve", "--db", _bare(pg_url), "--host", "127.0.0.1",
         "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                status, body = _get(f"{base}/healthz", timeout_s=2)
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        status, page = _get(f"{base}/")
        assert status == 200 and "<title>Sitrep</title>" in page
        status, layout = _get(f"{base}/_dash-layout")
        assert status == 200 and '"PAK"' in layout  # filter options read from PostgreSQL
        status, leaflet = _get(f"{base}/_sitrep/leaflet?country=PAK")
        assert status == 200 and "Bannu" in leaflet
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()
