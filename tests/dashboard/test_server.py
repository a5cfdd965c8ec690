"""Serving: security headers, request limits, the view cache, the page's
scripts in every worker (Flask test client; the real gunicorn server is in
``test_server_process.py`` and ``test_server_browser.py``)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import dash
import pytest
from dash import Input, Output, dcc, html

from dashboard import ids
from dashboard.app import BOUNDARIES_ROUTE, LEAFLET_ROUTE, build_app
from dashboard.columnar import EventIndex
from dashboard.server import (
    MAX_REQUEST_BYTES,
    SitrepServer,
    cache_views,
    default_workers,
    warm_up,
)
from etl.cli import main
from etl.records import Article
from etl.store import Store
from tests.dashboard.view_requests import charts_request
from tests.dashboard.fixture_events import PLACES, fill_store, make_event

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


@pytest.fixture
def app(seed_store_url: str, tiny_boundaries: dict[str, Any]) -> Any:
    return build_app(seed_store_url, boundaries_loader=lambda: tiny_boundaries)


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in policy.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def _suite_urls(page: str) -> list[str]:
    return re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)


def test_every_response_carries_the_security_headers(app: Any) -> None:
    client = app.server.test_client()
    page = client.get("/")
    suites = _suite_urls(page.get_data(as_text=True))
    assert suites
    responses = {
        "/": page,
        "/_dash-layout": client.get("/_dash-layout"),
        "/_dash-dependencies": client.get("/_dash-dependencies"),
        "/healthz": client.get("/healthz"),
        "/assets/sitrep.css": client.get("/assets/sitrep.css"),
        suites[0]: client.get(suites[0]),
        BOUNDARIES_ROUTE: client.get(BOUNDARIES_ROUTE),
        LEAFLET_ROUTE: client.get(f"{LEAFLET_ROUTE}?country=AFG"),
        "callback": client.post("/_dash-update-component", json=charts_request("?country=AFG")),
        "404": client.get("/no/such/page"),
        "400": client.get(f"{LEAFLET_ROUTE}?from=2025-12-01&to=2025-01-01"),
    }
    for name, response in responses.items():
        assert response.status_code in (200, 400, 404), name
        for header, value in HEADERS.items():
            assert response.headers.get(header) == value, (name, header)
        policy = _directives(response.headers["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["'self'"], name
        assert policy["default-src"] == ["'none'"], name
        assert "'unsafe-inline'" not in policy["script-src"], name
        assert "'unsafe-eval'" not in policy["script-src"], name
        response.close()


def test_the_policy_lets_exactly_the_pages_own_inline_scripts_run(app: Any) -> None:
    response = app.server.test_client().get("/")
    # (Dash's Internet Explorer warning is inside an HTML comment: it never runs)
    page = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)
    policy = _directives(response.headers["Content-Security-Policy"])
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert len(inline) >= 3  # Dash's renderer and the page's client-side callbacks
    assert sorted(_sha256(s) for s in inline) == sorted(policy["script-src"][1:])
    assert policy["script-src"][0] == "'self'"
    assert policy["worker-src"] == ["blob:"]  # MapLibre's workers
    assert policy["connect-src"] == ["'self'"]


def test_the_leaflet_page_has_its_own_scripts_and_styles_by_hash(app: Any) -> None:
    response = app.server.test_client().get(f"{LEAFLET_ROUTE}?country=AFG")
    page = response.get_data(as_text=True)
    policy = _directives(response.headers["Content-Security-Policy"])
    scripts = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", page, re.S)
               if "src=" not in m.group(1)]
    styles = re.findall(r"<style[^>]*>(.*?)</style>", page, re.S)
    assert scripts and styles
    assert sorted({_sha256(s) for s in scripts}) == sorted(policy["script-src"][1:])
    assert sorted({_sha256(s) for s in styles}) == sorted(policy["style-src"][1:])
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "worker-src" not in policy and "connect-src" not in policy


def test_a_body_over_the_limit_gets_413_not_500(app: Any) -> None:
    client = app.server.test_client()
    body = json.dumps({**charts_request(""), "padding": "x" * MAX_REQUEST_BYTES}).encode()
    response = client.post("/_dash-update-component", data=body,
                           content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.post("/healthz", data=b"x" * (MAX_REQUEST_BYTES + 1)).status_code in (405, 413)
    # just under the limit is served
    fine = client.post("/_dash-update-component", json=charts_request("?country=PAK"))
    assert fine.status_code == 200


def test_a_fresh_worker_serves_the_pages_scripts_to_parallel_requests(tmp_path: Path) -> None:
    """Dash sets itself up on a process's first request, and a request that
    arrives meanwhile on another thread finds no library registered: the
    page's scripts, asked for at once, got errors (a blank page).  warm_up
    sets the app up before the workers take requests (before the fork)."""
    url = fill_store(f"sqlite:///{tmp_path / 'store.db'}")
    first = build_app(url, boundaries_loader=lambda: None)
    suites = _suite_urls(first.server.test_client().get("/").get_data(as_text=True))
    for _ in range(5):  # the race is lost in about a third of cold starts
        app = build_app(url, boundaries_loader=lambda: None)  # a fresh worker
        warm_up(app)
        start = threading.Barrier(len(suites))

        def get(path: str, app: Any = app, start: threading.Barrier = start) -> int:
            start.wait()
            response = app.server.test_client().get(path)
            response.close()
            return response.status_code

        with ThreadPoolExecutor(len(suites)) as pool:
            assert list(pool.map(get, suites)) == [200] * len(suites)


def _counting_app() -> tuple[dash.Dash, list[str]]:
    app = dash.Dash(__name__)
    app.layout = html.Div([dcc.Input(id="q"), html.Div(id="out"), html.Div(id="other")])
    calls: list[str] = []

    @app.callback(Output("out", "children"), Input("q", "value"))
    def _view(value: Any) -> str:
        calls.append(f"view {value}")
        return f"view of {value}"

    @app.callback(Output("other", "children"), Input("q", "value"))
    def _other(value: Any) -> str:
        calls.append(f"other {value}")
        return f"other of {value}"

    return app, calls


def _body(output: str, value: Any, changed: str = "q.value") -> dict[str, Any]:
    return {"output": output, "outputs": {"id": output.split(".")[0], "property": "children"},
            "inputs": [{"id": "q", "property": "value", "value": value}],
            "changedPropIds": [changed]}


def test_the_view_cache_answers_a_repeated_request_until_the_version_changes() -> None:
    app, calls = _counting_app()
    version = [0]
    cache_views(app, version=lambda: version[0], views=("out",))
    client = app.server.test_client()

    def ask(output: str, value: Any, changed: str = "q.value") -> str:
        response = client.post("/_dash-update-component", json=_body(output, value, changed))
        assert response.status_code == 200
        return response.get_data(as_text=True)

    first = ask("out.children", "kabul")
    assert ask("out.children", "kabul", changed="url.search") == first  # what fired: no matter
    assert calls == ["view kabul"]
    ask("out.children", "quetta")
    assert calls == ["view kabul", "view quetta"]
    version[0] = 1  # the store changed
    assert ask("out.children", "kabul") == first
    assert calls == ["view kabul", "view quetta", "view kabul"]
    ask("other.children", "kabul")
    ask("other.children", "kabul")  # not a cached view
    assert calls[-2:] == ["other kabul", "other kabul"]
    # a body that is not JSON passes through to Dash
    assert client.post("/_dash-update-component", data=b"{not json",
                       content_type="application/json").status_code in (400, 415, 500)


def test_the_views_of_a_repeated_filter_are_computed_once(app: Any) -> None:
    client = app.server.test_client()
    first = client.post("/_dash-update-component", json=charts_request("?country=AFG"))
    again = client.post("/_dash-update-component", json=charts_request("?country=AFG"))
    assert first.get_data() == again.get_data()
    cache = app.server.extensions["sitrep.response_cache"]
    assert cache.hits == 1 and cache.misses == 1


def _other_article(url: str) -> None:
    text = "Militants attacked a police post in Kabul on Tuesday, killing 3 officers."
    article_id = hashlib.sha256(text.encode()).hexdigest()
    article = Article(article_id=article_id, url="https://example.org/a", title="Kabul attack",
                      source="Example", published=date(2025, 11, 19), published_precision="day",
                      text=text, language="en", origin="test")
    event = make_event(event_type="Violence against civilians", sub_event_type="Attack",
                       place=PLACES["kabul"], day=date(2025, 11, 18), date_precision=1,
                       evidence=text, fatalities=3, article_id=article_id, text=text)
    Store(url).add_article(article, resolutions=[], events_=[event])


def test_the_index_version_changes_when_an_ingest_adds_events(tmp_path: Path) -> None:
    url = fill_store(f"sqlite:///{tmp_path / 'store.db'}")
    now = [0.0]
    index = EventIndex(Store(url), refresh_s=5.0, clock=lambda: now[0], background=False)
    before = index.version()
    assert index.version() == before
    _other_article(url)
    assert index.version() == before  # checked at most every refresh_s
    now[0] = 6.0
    assert index.version() != before
    assert index.event_summary()["events"] == 7


def test_default_workers() -> None:
    assert default_workers(1) == 3
    assert default_workers(2) == 5
    assert default_workers(64) == 9


def test_server_options_follow_the_command_line() -> None:
    server = SitrepServer(lambda: dash.Dash(__name__), host="0.0.0.0", port=9000, workers=3,
                          threads=1, timeout_s=30)
    options = server.options
    assert options["bind"] == ["0.0.0.0:9000"]
    assert (options["workers"], options["worker_class"], options["timeout"]) == (3, "sync", 30)
    assert options["preload_app"] is True and options["control_socket_disable"] is True
    assert SitrepServer(lambda: dash.Dash(__name__), threads=4).options["worker_class"] == "gthread"
    assert SitrepServer(lambda: dash.Dash(__name__), host="::1").options["bind"] == ["[::1]:8050"]
    with pytest.raises(ValueError, match="--workers"):
        SitrepServer(lambda: dash.Dash(__name__), workers=0)


@pytest.mark.parametrize("argv", [
    ["serve", "--workers", "0"], ["serve", "--threads", "-1"], ["serve", "--timeout-s", "0"],
    ["serve", "--timeout-s", "nan"], ["serve", "--workers", "two"],
])
def test_bad_server_options_are_usage_errors(argv: list[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_dev_server_options_are_refused_with_production_ones(capsys: Any) -> None:
    assert main(["serve", "--dev", "--workers", "2"]) == 1
    assert "not to --dev" in capsys.readouterr().err
