"""Serving the dashboard: security headers, request limits, and gunicorn.

``sitrep serve`` runs the app on gunicorn (a pre-forking WSGI server for
Linux, pure Python, installed from PyPI: nothing to fetch at run time)
through its Python API (:class:`SitrepServer`, a
``gunicorn.app.base.BaseApplication``), not a shell command:

- several worker processes (default: :func:`default_workers`, two per core
  and one more), so every core serves requests despite the GIL.  By
  default each is a ``sync`` worker: one request at a time, and it accepts
  a connection only when it is free, so the kernel's accept queue hands
  each request to an idle process (the views are CPU work: a process with
  several threads would only time-share its one core, and gunicorn's
  threaded worker accepts every connection it can and keeps its kept-alive
  ones, which left one process busy and the other idle under load).
  ``threads`` above one selects the threaded (``gthread``) worker;
- ``preload_app``: the master builds the app once, with its in-memory
  :class:`dashboard.columnar.EventIndex`, and renders the page once
  (:func:`warm_up`), before forking, so the workers share its arrays
  copy-on-write and start at once.  The master then
  closes its database connections, and each worker drops the pool it
  inherited (:func:`dispose_after_fork`): no two processes ever share a
  connection.  Each worker's index checks the store for new events on its
  own (every ``refresh_s``), so every worker sees a new ingest (and then
  holds its own copy of the new index);
- gunicorn's own limits on the request line and headers, and Flask's on
  the body (:data:`MAX_REQUEST_BYTES`, answered with 413).  A ``sync``
  worker waits for a slow client (up to ``timeout_s``, then it is
  restarted): exposed beyond a trusted network, put a buffering reverse
  proxy (nginx) in front, as for any pre-forking server;
- SIGTERM (or Ctrl+C) stops it cleanly: the workers finish their
  requests (at most ``GRACEFUL_TIMEOUT_S``) and exit, then the master.

Flask's development server stays behind ``sitrep serve --dev``.

:func:`secure` (called by the app factory, so the development server and
the tests get it too) adds the security headers to every response: a
Content Security Policy (:func:`content_security_policy`, see its
docstring for why each source is there), ``X-Content-Type-Options``,
``Referrer-Policy`` and ``X-Frame-Options``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any

import dash
import flask
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard import ids

logger = logging.getLogger(__name__)

__all__ = [
    "CACHED_VIEWS",
    "cache_views",
    "DEFAULT_THREADS",
    "DEFAULT_TIMEOUT_S",
    "GRACEFUL_TIMEOUT_S",
    "LIMIT_REQUEST_FIELDS",
    "LIMIT_REQUEST_LINE",
    "MAX_REQUEST_BYTES",
    "SitrepServer",
    "content_security_policy",
    "default_workers",
    "dispose_after_fork",
    "inline_script_hashes",
    "inline_style_hashes",
    "own_page_policy",
    "secure",
    "security_headers",
    "serve",
    "warm_up",
]

MAX_REQUEST_BYTES = 2 * 1024 * 1024
"""The largest request body accepted (Flask's ``MAX_CONTENT_LENGTH``;
larger ones get 413).  The largest the page sends is a callback carrying a
lasso selection over a full map: 3,000 places of ~270 bytes each, about
0.8 MB."""
LIMIT_REQUEST_LINE = 8190
"""gunicorn's limit on the request line (its maximum): a copied link with
many filters (e.g. fifty actors) must still open."""
LIMIT_REQUEST_FIELDS = 100
LIMIT_REQUEST_FIELD_BYTES = 8190
DEFAULT_THREADS = 1
"""Threads per worker: one (``sync`` workers), see the module docstring."""
DEFAULT_TIMEOUT_S = 60
"""A worker busy or silent for this long is restarted (a briefing export
of thousands of events takes several seconds, well within it)."""
GRACEFUL_TIMEOUT_S = 10
SECURED = "sitrep.secured"
"""Key in ``flask.Flask.extensions``: the stores whose engines a forked
worker must not share (see :func:`dispose_after_fork`)."""


def default_workers(cpu_count: int | None = None) -> int:
    """Worker processes by default: two per core and one more (while one
    process waits on the database or the network, another computes), at
    most nine.  Each holds its own copy of the event index once the store
    changes (~0.7 GB at a million events): lower ``--workers`` on a small
    machine with a large store."""
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    return max(2, min(9, 2 * cores + 1))


# -- security headers ------------------------------------------------------------

def content_security_policy(*, script_hashes: Sequence[str] = ()) -> str:
    """The Content-Security-Policy of the dashboard (Dash's page and every
    other response but :func:`own_page_policy`'s).

    Found by loading every view in Chromium under the policy and taking
    each source out in turn (``tests/dashboard/test_server_browser.py``
    checks that the page works under it with no violation):

    - ``default-src 'none'``: nothing that is not listed below;
    - ``script-src 'self'`` plus the hashes of Dash's inline scripts (its
      renderer start-up and the client-side callbacks,
      :meth:`dash.Dash.csp_hashes`): no ``'unsafe-inline'`` and no
      ``'unsafe-eval'``, so an injected ``<script>``, event-handler attribute
      or ``javascript:`` URL does not run;
    - ``style-src 'self' 'unsafe-inline'``: Dash's renderer, its dropdowns
      and date picker, React, Plotly and AG Grid insert ``<style>``
      elements at run time (their CSS lives in their JavaScript; about 70
      on the dashboard, some with changing content);
    - ``img-src 'self' data: blob:``: AG Grid's icons are ``data:`` SVGs;
      a chart's "download as PNG" draws the chart through a ``blob:`` image;
    - ``worker-src blob:``: MapLibre (Plotly's maps) starts its workers
      from a ``blob:`` URL; without it the map stays blank;
    - ``font-src 'self'``; ``connect-src 'self'`` (the callbacks, and the
      country outlines the map fetches); ``frame-src 'self'`` (the Leaflet
      tab is an iframe of this server);
    - ``base-uri 'self'``, ``form-action 'self'``;
    - ``frame-ancestors 'self'``: only the dashboard itself may frame its
      pages (it frames its own Leaflet page).
    """
    return _policy({
        "default-src": "'none'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "worker-src": "blob:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": "'self'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    })


def own_page_policy(*, script_hashes: Sequence[str], style_hashes: Sequence[str]) -> str:
    """The policy of a page the app writes itself (the Leaflet page):
    its own inline scripts and styles by hash, images from this server,
    nothing else (no workers, fetches or frames)."""
    return _policy({
        "default-src": "'none'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": " ".join(["'self'", *style_hashes]),
        "img-src": "'self'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    })


def _policy(directives: Mapping[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(csp: str) -> dict[str, str]:
    """The headers every response carries."""
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "SAMEORIGIN",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(rb"<style[^>]*>(.*?)</style>", re.S | re.I)


def _hash(source: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(source).digest()).decode('ascii')}'"


def inline_script_hashes(page: bytes) -> list[str]:
    """The CSP hashes of the inline ``<script>`` elements of a page we built
    ourselves (the Leaflet page: folium writes the map as an inline script,
    its data JSON-escaped so that no value can close the element)."""
    return sorted({_hash(m.group(1)) for m in _INLINE_SCRIPT.finditer(page)})


def inline_style_hashes(page: bytes) -> list[str]:
    """The CSP hashes of the inline ``<style>`` elements of a page."""
    return sorted({_hash(m.group(1)) for m in _INLINE_STYLE.finditer(page)})


def secure(app: dash.Dash, *, stores: Iterable[Any] = (), own_pages: Sequence[str] = (),
           max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
    """Add the security headers to every response of ``app`` and limit the
    request body to ``max_request_bytes`` (413 beyond).

    Call it after every callback is registered (the policy holds the hashes
    of the client-side callbacks' scripts).  ``own_pages``: routes whose
    HTML the app builds itself with inline scripts (the Leaflet page); each
    response of theirs gets a policy with the hashes of its own scripts and
    styles.  ``stores``: the :class:`etl.store.Store` objects the app
    reads, remembered for :func:`dispose_after_fork`.
    """
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    dash_policy = content_security_policy(script_hashes=app.csp_hashes())
    headers = security_headers(dash_policy)
    pages = {app.get_relative_path(p) for p in own_pages} | set(own_pages)
    server.extensions[SECURED] = list(stores)

    @server.after_request
    def _add_security_headers(response: flask.Response) -> flask.Response:
        policy = dash_policy
        if flask.request.path in pages and response.mimetype == "text/html" \
                and not response.direct_passthrough:
            body = response.get_data()
            policy = own_page_policy(script_hashes=inline_script_hashes(body),
                                     style_hashes=inline_style_hashes(body))
        for name, value in headers.items():
            response.headers[name] = value
        response.headers["Content-Security-Policy"] = policy
        return response

    def _limit_streamed_body() -> None:
        # A body sent in chunks has no length to check up front, and Flask
        # silently cuts it at the limit (the callback then answered 400 on
        # the cut JSON): read it here, and refuse it when more follows.
        request = flask.request
        if request.content_length is not None or \
                "chunked" not in request.headers.get("Transfer-Encoding", "").lower():
            return
        body = request.get_data(cache=True)  # at most max_request_bytes
        if len(body) >= max_request_bytes and request.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()

    # first of all: a hook that reads the body must not see a cut one
    server.before_request_funcs.setdefault(None, []).insert(0, _limit_streamed_body)

    @server.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: RequestEntityTooLarge) -> tuple[str, int, dict[str, str]]:
        return (f"Request body too large (the limit is {max_request_bytes} bytes).\n", 413,
                {"Content-Type": "text/plain; charset=utf-8"})


CACHED_VIEWS: tuple[str, ...] = (ids.KEY_FIGURES, ids.MAP_GRAPH, ids.EVENTS_TABLE)
"""The callbacks whose answers :func:`cache_views` keeps (by their first
output's component): the views a filter change asks for, each a function
of its inputs and the store only."""
CACHE_BYTES = 24 * 1024 * 1024


class _ResponseCache:
    """Answer bodies by key, least recently used out beyond ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self.lock:
            body = self.entries.get(key)
            if body is None:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self.entries[key] = body
            self.size += len(body)
            while self.size > self.max_bytes:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped)


def _first_output_id(output: Any) -> str | None:
    """The component id of a callback's first output (Dash's ``output``
    field: ``"id.prop"`` or ``"..id.prop...id2.prop2.."``)."""
    if not isinstance(output, str):
        return None
    first = output.strip(".").split("...", 1)[0]
    return first.rsplit(".", 1)[0] if "." in first else None


def cache_views(app: dash.Dash, *, version: Callable[[], Hashable],
                views: Collection[str] = CACHED_VIEWS, max_bytes: int = CACHE_BYTES) -> None:
    """Keep the answers of the view callbacks (:data:`CACHED_VIEWS`) in this
    process, keyed by the callback's input values (the filters, the map
    box …) and ``version()`` (:meth:`dashboard.columnar.EventIndex.version`: a new
    ingest starts afresh), and answer a repeated request from them: the
    default view, a country or a type many analysts look at.  A callback
    request with a body that is not JSON, or for another callback, passes
    through."""
    cache = _ResponseCache(max_bytes)
    app.server.extensions["sitrep.response_cache"] = cache
    wanted = set(views)

    @app.server.before_request
    def _cached_view() -> flask.Response | None:
        request = flask.request
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        payload = request.get_json(silent=True)  # parsed once per request
        if not isinstance(payload, dict):
            return None
        output = payload.get("output")
        if _first_output_id(output) not in wanted:
            return None
        # what the answer depends on: the inputs' and states' values (not
        # which of them fired, nor the JSON's spacing)
        canonical = json.dumps([output, payload.get("inputs"), payload.get("state")],
                               sort_keys=True, separators=(",", ":"))
        key = (version(), hashlib.sha256(canonical.encode()).digest())
        cached = cache.get(key)
        if cached is not None:
            return flask.Response(cached, status=200, mimetype="application/json")
        flask.g.sitrep_cache_key = key
        return None

    @app.server.after_request
    def _keep_view(response: flask.Response) -> flask.Response:
        key = flask.g.pop("sitrep_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data())
        return response


def warm_up(app: dash.Dash) -> None:
    """Render the page once, in this process, before it takes requests.

    Dash sets itself up on a process's first request (it registers the
    component libraries whose scripts it may serve while writing the page's
    ``<script>`` tags), and marks that done before doing it: a request on
    another thread meanwhile found no library registered and got an error
    for a script (a 500; a 404 since the app answers unknown component files
    so), and the browser a blank page.  A fresh worker gets a browser's
    script requests all at once, so this happened on cold starts.  Rendering
    the page in the master, before the workers fork, sets every worker up.
    """
    response = app.server.test_client().get(app.config.requests_pathname_prefix)
    if response.status_code != 200:
        logger.warning("warming up the app: its page answered %d", response.status_code)


def dispose_after_fork(server: flask.Flask, *, close: bool = False) -> None:
    """Drop the database connections of the stores :func:`secure` recorded:
    after a fork the child must open its own (``close`` False: the parent's
    connections are left to the parent); ``close`` True closes them (the
    master, before it forks)."""
    for store in server.extensions.get(SECURED, []):
        engine = getattr(store, "engine", None)
        if engine is not None:
            engine.dispose(close=close)


# -- gunicorn --------------------------------------------------------------------

class SitrepServer:
    """The dashboard on gunicorn (``gunicorn.app.base.BaseApplication``,
    built lazily so that importing this module does not need gunicorn).

    ``load_app`` builds the Dash app; with ``preload`` it runs once in the
    master before the workers fork (see the module docstring).
    """

    def __init__(self, load_app: Callable[[], dash.Dash], *, host: str = "127.0.0.1",
                 port: int = 8050, workers: int | None = None, threads: int = DEFAULT_THREADS,
                 timeout_s: float = DEFAULT_TIMEOUT_S, preload: bool = True,
                 log_level: str = "warning", access_log: bool = False) -> None:
        if workers is not None and workers < 1:
            raise ValueError(f"--workers must be at least 1, not {workers}")
        if threads < 1:
            raise ValueError(f"--threads must be at least 1, not {threads}")
        if timeout_s <= 0:
            raise ValueError(f"--timeout-s must be positive, not {timeout_s}")
        self.load_app = load_app
        self.app: dash.Dash | None = None
        self.options: dict[str, Any] = {
            "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
            "workers": workers if workers is not None else default_workers(),
            "worker_class": "gthread" if threads > 1 else "sync",
            "threads": threads,
            "timeout": max(1, round(timeout_s)),
            "graceful_timeout": GRACEFUL_TIMEOUT_S,
            "keepalive": 2,
            "preload_app": preload,
            "limit_request_line": LIMIT_REQUEST_LINE,
            "limit_request_fields": LIMIT_REQUEST_FIELDS,
            "limit_request_field_size": LIMIT_REQUEST_FIELD_BYTES,
            "control_socket_disable": True,  # no socket in $HOME shared by every server
            "proc_name": "sitrep",
            "loglevel": log_level,
            "errorlog": "-",
            "accesslog": "-" if access_log else None,
            "post_fork": self._post_fork,
        }

    def _load(self) -> Any:
        if self.app is None:
            self.app = self.load_app()
            warm_up(self.app)
            if self.options["preload_app"]:
                # the master serves nothing: it closes its connections before forking
                dispose_after_fork(self.app.server, close=True)
        return self.app.server

    def _post_fork(self, _arbiter: Any, _worker: Any) -> None:
        if self.app is not None:
            dispose_after_fork(self.app.server)

    def run(self) -> None:
        """Serve until SIGTERM/SIGINT (gunicorn then exits the process)."""
        from gunicorn.app.base import BaseApplication

        outer = self

        class _App(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in outer.options.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return outer._load()

        _App().run()


def serve(*, store_url: str | None, host: str = "127.0.0.1", port: int = 8050,
          workers: int | None = None, threads: int = DEFAULT_THREADS,
          timeout_s: float = DEFAULT_TIMEOUT_S, log_level: str = "warning") -> None:
    """Run the dashboard over ``store_url`` on gunicorn (``sitrep serve``)."""
    from dashboard.app import build_app

    SitrepServer(lambda: build_app(store_url), host=host, port=port, workers=workers,
                 threads=threads, timeout_s=timeout_s, log_level=log_level).run()
