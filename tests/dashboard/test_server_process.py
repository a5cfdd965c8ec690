"""``sitrep serve`` as a real process: gunicorn, its workers, limits, SIGTERM.

Each test starts ``python -m etl.cli serve`` on a free port of 127.0.0.1
over a store of its own (SQLite and PostgreSQL) and talks to it over HTTP.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dashboard import ids
from dashboard.server import LIMIT_REQUEST_LINE, MAX_REQUEST_BYTES
from etl.records import Article
from etl.store import Store
from tests.dashboard.view_requests import charts_request
from tests.dashboard.fixture_events import PLACES, fill_store, make_event
from tests.dashboard.served import Served, serve, stop


@pytest.fixture
def filled_url(store_url: str) -> str:
    """The fixture events in a new store on each backend (``store_url`` of
    ``tests/conftest.py``: SQLite, PostgreSQL)."""
    return fill_store(store_url)


@pytest.fixture
def served(filled_url: str, tmp_path: Path) -> Iterator[Served]:
    server = serve(filled_url, tmp_path, "--workers", "3")
    yield server
    stop(server)


def _wait_for(check: Any, *, timeout_s: float, message: str) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(message)


def test_serve_runs_gunicorn_workers_and_stops_cleanly_on_sigterm(served: Served) -> None:
    status, headers, body = served.request("GET", "/healthz")
    assert (status, body) == (200, b"ok")
    assert headers["Server"].startswith("gunicorn")
    workers = _wait_for(lambda: (w := served.workers()) and len(w) == 3 and w, timeout_s=30,
                        message="gunicorn did not fork 3 workers")
    # every worker serves the page and its scripts (many fresh connections)
    status, headers, page = served.request("GET", "/")
    assert status == 200 and b"DashRenderer" in page
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    suites = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page.decode())
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda p: served.request("GET", p)[0], suites * 6))
    assert codes == [200] * len(codes)

    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=30) == 0
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived the server"
    log = served.log.read_text()
    assert "Traceback" not in log, log


def _event_count(served: Served) -> str:
    """The "N reports" line of the charts callback's answer for all reports."""
    status, _, data = served.request("POST", "/_dash-update-component",
                                     json.dumps(charts_request("?unit=reports")).encode(),
                                     {"Content-Type": "application/json"})
    assert status == 200, data[:300]
    return str(json.loads(data)["response"][ids.EVENT_COUNT]["children"])


def test_every_worker_sees_a_new_ingest(filled_url: str, tmp_path: Path) -> None:
    """Each worker's index reloads when the store changes, and no two
    processes share a database connection (PostgreSQL's would break)."""
    store_url = filled_url
    served = serve(store_url, tmp_path, "--workers", "2")
    try:
        assert _event_count(served) == "6 reports"
        text = "Militants attacked a police post in Kabul on Tuesday, killing 3 officers."
        article_id = hashlib.sha256(text.encode()).hexdigest()
        Store(store_url).add_article(
            Article(article_id=article_id, url="https://example.org/a", title="Kabul attack",
                    source="Example", published=date(2025, 11, 19), published_precision="day",
                    text=text, language="en", origin="test"),
            resolutions=[],
            events_=[make_event(event_type="Violence against civilians", sub_event_type="Attack",
                                place=PLACES["kabul"], day=date(2025, 11, 18), date_precision=1,
                                evidence=text, fatalities=3, article_id=article_id, text=text)])

        def everyone_sees_it() -> bool:
            with ThreadPoolExecutor(8) as pool:  # spread over both workers
                counts = set(pool.map(lambda _: _event_count(served), range(16)))
            return counts == {"7 reports"}

        _wait_for(everyone_sees_it, timeout_s=60, message="a worker kept the old events")
    finally:
        stop(served)


def _raw(served: Served, head: bytes, body_parts: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as sock:
        sock.sendall(head)
        try:
            for part in body_parts:
                sock.sendall(part)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the whole body
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def test_oversized_requests_get_4xx_not_500(served: Served) -> None:
    too_big = MAX_REQUEST_BYTES + 1024
    # a declared length over the limit (sent by hand: the server may answer and close before the
    # whole body is sent, which http.client reports as a broken pipe)
    body = b"{" + b" " * too_big + b"}"
    answer = _raw(served, b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body),
                  [body[i:i + 65536] for i in range(0, len(body), 65536)])
    head, _, text = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and b"too large" in text, answer[:200]
    assert b"x-content-type-options: nosniff" in head.lower()
    # a chunked body (no length given) that grows over the limit
    chunk = b" " * 65536
    parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (too_big // len(chunk) + 1) + [b"0\r\n\r\n"]
    answer = _raw(served, b"POST /_dash-update-component HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                  parts)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    # a request line over gunicorn's limit, too many header fields
    answer = _raw(served, b"GET /?q=" + b"a" * (LIMIT_REQUEST_LINE + 10) + b" HTTP/1.1\r\n"
                          b"Host: x\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 414"), answer[:200]
    fields = b"".join(b"X-F%d: v\r\n" % i for i in range(150))
    answer = _raw(served, b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    # a long but allowed link (fifty actors) still opens
    link = "/_sitrep/leaflet?" + "&".join(f"actor=Armed+group+number+{i}" for i in range(50))
    assert served.request("GET", link)[0] == 200
    assert served.request("GET", "/healthz")[0] == 200
    assert "Traceback" not in served.log.read_text()
