"""Load benchmark: many analysts changing filters at once on ``sitrep serve``.

Run::

    .venv/bin/python tests/bench/bench_load.py --db /tmp/bench100k.db
    # options: --users 50 --duration-s 60 --think-s 1 5 --workers N --threads N
    #          --dev (Flask's development server, for comparison) --seed 1

The store is made by ``scripts/generate_events.py --events 100000`` when
``--db`` does not exist.  ``sitrep serve`` (the production server, or
``--dev``) is started as a child process on a free port of 127.0.0.1.

Each simulated user does what the browser does for one filter change
(recorded from Chromium on this dashboard):

1. ``POST /_dash-update-component`` for the URL ⇄ filters sync callback,
   with every filter component's value and the changed one in
   ``changedPropIds``; its answer is the new URL query string;
2. the four callbacks that listen to the URL, at once, as the browser sends
   them: key figures and charts, map, table, Leaflet frame (each on its own
   connection, kept alive between requests as a browser does).

A *filter change* is done when the last of the four answers is back; its
time runs from the first request.  An error is any status other than
200/204, a connection failure, or a view that answers with the "Cannot
read the event store" alert.

The user model.  Each change sets, replaces or clears one filter of the
user's current view: a country, an event type, a sub-type, an actor, a
location, a source (each one value, as picked in its dropdown), a date
window on the slider (7–120 days), a minimum of fatalities, a word or
phrase of free-text search (from the generator's vocabulary: some words
in a quarter of the events, some in none), the chart bucket, the Count
switch (incidents, the default, or reports); an active
filter is cleared with probability 0.5, and one change in twelve is
Reset.  A user has two or three filters on, on average; dates and text
vary freely, so about one change in five asks for a view someone asked
for before (mostly the unfiltered view, after a Reset).

After each change the user *thinks* for a time drawn uniformly from
``--think-s``: by default 1–5 s (mean 3 s), an analyst exploring, who
glances at the new map and figures and changes the next filter.  That is
the fast end of real use (reading the views takes longer: ``--think-s 5
15`` is that case, and the development server meets the target there
too) and it is what makes the target hard: 50 such users ask for about
fifteen changes a second, seventy-five requests.  ``--think-s 0 0`` is a
stress test with no pause at all.  Users start at random times during the
first think interval; the loop is closed (a user waits for the views
before thinking), as people do.

Reports p50/p95/max per filter change, changes/s and requests/s, errors,
the server's CPU (all its processes, from ``/proc``), the load generator's
CPU, and the machine's load average before and after (the machine is
shared: compare runs with the load average in mind).  Targets (issue 12):
zero errors, p95 per filter change ≤ 1.5 s.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from dashboard import ids  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dashboard import _free_port, _outputs  # noqa: E402  (the same requests)

UPDATE = "/_dash-update-component"
TEXTS = ["drone", "taliban", "police", "grenade", "clash", "protest", "civilians", "kabul",
         "peshawar", "border", "suicide", "abduction", "military forces", "in kabul on",
         "killing 3 people", "killing 0 people", "zzqx"]
"""Free-text searches: words and phrases of the generator's evidence (from
a few per cent of the events to most of them) and one in none."""
MIN_FATALITIES = [1, 2, 3, 5, 10, 20, 50]
BUCKETS = ["day", "week", "month"]
ALERT_MARK = b"Cannot read the event store"


def _walk(node: Any) -> Iterator[Mapping[str, Any]]:
    """Every component (``{"props", "type", "namespace"}``) of a layout."""
    if isinstance(node, Mapping):
        if "props" in node and "type" in node:
            yield node
            yield from _walk(node["props"].get("children"))
        else:
            for value in node.values():
                yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _option_values(options: Any) -> list[Any]:
    return [o["value"] if isinstance(o, Mapping) else o for o in options or []]


@dataclass
class Page:
    """What the simulated browser knows from ``/_dash-layout`` and
    ``/_dash-dependencies``."""

    sync: dict[str, Any]
    views: list[dict[str, Any]]
    options: dict[str, list[Any]]
    slider_max: int


def load_page(host: str, port: int) -> Page:
    """What the browser reads before its first callback."""
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("GET", "/_dash-layout")
    layout = json.loads(conn.getresponse().read())
    conn.request("GET", "/_dash-dependencies")
    dependencies = json.loads(conn.getresponse().read())
    conn.close()
    return page_from(layout, dependencies)


def page_from(layout: Any, dependencies: list[dict[str, Any]]) -> Page:
    """The filter options, the slider's range and the callbacks a filter
    change fires, from ``/_dash-layout`` and ``/_dash-dependencies``."""
    components = {c["props"].get("id"): c for c in _walk(layout)
                  if isinstance(c["props"].get("id"), str)}
    options = {cid: _option_values(components[cid]["props"].get("options"))
               for cid in (ids.COUNTRY_FILTER, ids.TYPE_FILTER, ids.SUBTYPE_FILTER,
                           ids.ACTOR_FILTER, ids.LOCATION_FILTER, ids.SOURCE_FILTER)}
    slider_max = int(components[ids.DATE_SLIDER]["props"]["max"])
    sync = None
    views = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        inputs = [(i["id"], i["property"]) for i in dep["inputs"]]
        outputs = _outputs(dep["output"])
        record = {"output": dep["output"], "outputs": outputs, "inputs": inputs}
        if any(o["id"] == ids.URL for o in outputs):
            sync = record
        elif (ids.URL, "search") in inputs:
            views.append(record)
    if sync is None:
        raise SystemExit("no URL sync callback in /_dash-dependencies")
    return Page(sync=sync, views=views, options=options, slider_max=slider_max)


_UNDEFINED = object()


def payload(callback: Mapping[str, Any], values: Mapping[tuple[str, str], Any],
            changed: list[str]) -> bytes:
    outputs = callback["outputs"]
    inputs = []
    for cid, prop in callback["inputs"]:
        item: dict[str, Any] = {"id": cid, "property": prop}
        value = values.get((cid, prop), _UNDEFINED)
        if value is not _UNDEFINED:
            item["value"] = value
        inputs.append(item)
    body = {"output": callback["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": inputs, "changedPropIds": changed, "parsedChangedPropsIds": changed}
    return json.dumps(body, separators=(",", ":")).encode()


@dataclass
class Stats:
    changes: list[float] = field(default_factory=list)
    requests: int = 0
    bytes_in: int = 0
    errors: list[str] = field(default_factory=list)
    noop: int = 0
    active_filters: list[int] = field(default_factory=list)
    slowest: list[tuple[float, str, str, list[float]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


_HEADERS = {"Content-Type": "application/json", "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate, br, zstd"}


class Connection:
    """One keep-alive connection, reopened (once per request) when the
    server closed it while idle, as browsers do."""

    def __init__(self, host: str, port: int, timeout_s: float) -> None:
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.conn: http.client.HTTPConnection | None = None

    def post(self, path: str, body: bytes, referer: str) -> tuple[int, bytes, str]:
        for attempt in (0, 1):
            fresh = self.conn is None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
            try:
                self.conn.request("POST", path, body, {**_HEADERS, "Referer": referer})
                response = self.conn.getresponse()
                data = response.read()
                encoding = response.getheader("Content-Encoding") or ""
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, data, encoding
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if fresh or attempt:
                    raise
        raise AssertionError("unreachable")


def _decoded(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        import gzip

        return gzip.decompress(data)
    if encoding == "br":
        try:
            import brotli  # type: ignore[import-not-found]
        except ImportError:
            return data
        return bytes(brotli.decompress(data))
    return data


class User:
    """One analyst at a browser: a filter state, four connections."""

    def __init__(self, page: Page, *, host: str, port: int, rng: random.Random,
                 think_s: tuple[float, float], stats: Stats, pool: ThreadPoolExecutor) -> None:
        self.page, self.rng, self.think_s, self.stats, self.pool = page, rng, think_s, stats, pool
        self.base = f"http://{host}:{port}/"
        self.connections = [Connection(host, port, 120.0) for _ in range(4)]
        self.values: dict[tuple[str, str], Any] = {
            (ids.URL, "search"): "", (ids.RESET_BUTTON, "n_clicks"): 0,
            (ids.COUNTRY_FILTER, "value"): [], (ids.DATE_FILTER, "start_date"): None,
            (ids.DATE_FILTER, "end_date"): None, (ids.TYPE_FILTER, "value"): [],
            (ids.SUBTYPE_FILTER, "value"): [], (ids.ACTOR_FILTER, "value"): [],
            (ids.LOCATION_FILTER, "value"): [], (ids.SOURCE_FILTER, "value"): [],
            (ids.MIN_FATALITIES, "value"): None, (ids.TEXT_SEARCH, "value"): "",
            (ids.BUCKET, "value"): "week", (ids.DATE_SLIDER, "value"): [0, page.slider_max],
            (ids.UNIT, "value"): "incidents",
            # the views' other inputs, as the page has them
            (ids.MAP_BOX, "data"): None, (ids.MAP_SHADE, "value"): [],
            (ids.TABS, "value"): ids.TAB_CHARTS,
        }

    # -- the user model ------------------------------------------------------------

    def _active(self) -> list[str]:
        v = self.values
        active = [cid for cid in (ids.COUNTRY_FILTER, ids.TYPE_FILTER, ids.SUBTYPE_FILTER,
                                  ids.ACTOR_FILTER, ids.LOCATION_FILTER, ids.SOURCE_FILTER)
                  if v[(cid, "value")]]
        if v[(ids.DATE_SLIDER, "value")] != [0, self.page.slider_max]:
            active.append(ids.DATE_SLIDER)
        if v[(ids.MIN_FATALITIES, "value")]:
            active.append(ids.MIN_FATALITIES)
        if v[(ids.TEXT_SEARCH, "value")]:
            active.append(ids.TEXT_SEARCH)
        return active

    def next_change(self) -> str:
        """Apply one change to the components; the id.prop that changed."""
        rng, v = self.rng, self.values
        if rng.random() < 1 / 12:
            v[(ids.RESET_BUTTON, "n_clicks")] += 1
            return f"{ids.RESET_BUTTON}.n_clicks"
        dimension = rng.choice([ids.COUNTRY_FILTER, ids.TYPE_FILTER, ids.SUBTYPE_FILTER,
                                ids.ACTOR_FILTER, ids.LOCATION_FILTER, ids.SOURCE_FILTER,
                                ids.DATE_SLIDER, ids.DATE_SLIDER, ids.MIN_FATALITIES,
                                ids.TEXT_SEARCH, ids.BUCKET, ids.UNIT])
        clear = dimension in self._active() and rng.random() < 0.5
        if dimension == ids.DATE_SLIDER:
            top = self.page.slider_max
            if clear:
                v[(dimension, "value")] = [0, top]
            else:
                length = rng.randint(7, 120)
                start = rng.randint(0, max(0, top - length))
                v[(dimension, "value")] = [start, min(top, start + length)]
            return f"{dimension}.value"
        if dimension == ids.MIN_FATALITIES:
            v[(dimension, "value")] = None if clear else rng.choice(MIN_FATALITIES)
            return f"{dimension}.value"
        if dimension == ids.TEXT_SEARCH:
            v[(dimension, "value")] = "" if clear else rng.choice(TEXTS)
            return f"{dimension}.value"
        if dimension == ids.UNIT:  # the Count switch: incidents ⇄ reports
            v[(dimension, "value")] = ("reports" if v[(dimension, "value")] == "incidents"
                                       else "incidents")
            return f"{dimension}.value"
        if dimension == ids.BUCKET:
            v[(dimension, "value")] = rng.choice([b for b in BUCKETS if b != v[(dimension, "value")]])
            return f"{dimension}.value"
        choices = self.page.options.get(dimension) or []
        if dimension == ids.LOCATION_FILTER:
            choices = choices[:60]
        v[(dimension, "value")] = [] if clear or not choices else [rng.choice(choices)]
        return f"{dimension}.value"

    # -- one change, as the browser does it ----------------------------------------

    def change(self) -> None:
        changed = self.next_change()
        started = time.perf_counter()
        referer = self.base + (self.values[(ids.URL, "search")] or "")
        try:
            status, data, encoding = self.connections[0].post(
                UPDATE, payload(self.page.sync, self.values, [changed]), referer)
        except OSError as error:
            self._error(f"sync: {type(error).__name__}: {error}")
            return
        requests, received = 1, len(data)
        sync_s = time.perf_counter() - started
        if status == 204:
            with self.stats.lock:
                self.stats.requests += 1
                self.stats.noop += 1
            return
        if status != 200:
            self._error(f"sync: HTTP {status}")
            return
        answer = json.loads(_decoded(data, encoding))["response"]
        for cid, props in answer.items():
            for prop, value in props.items():
                self.values[(cid, prop)] = value
        new_search = answer.get(ids.URL, {}).get("search")
        if new_search is None:  # the URL did not change: no view fires
            with self.stats.lock:
                self.stats.requests += 1
                self.stats.noop += 1
            return
        referer = self.base + new_search
        futures = [self.pool.submit(self._view, conn, view, referer)
                   for conn, view in zip(self.connections, self.page.views)]
        failures = []
        times = [sync_s]
        for future in futures:
            ok, size, message, seconds = future.result()
            requests += 1
            received += size
            times.append(seconds)
            if not ok:
                failures.append(message)
        elapsed = time.perf_counter() - started
        with self.stats.lock:
            self.stats.requests += requests
            self.stats.bytes_in += received
            self.stats.active_filters.append(len(self._active()))
            if failures:
                self.stats.errors.extend(failures)
            else:
                self.stats.changes.append(elapsed)
                self.stats.slowest.append((elapsed, changed, new_search, times))
                self.stats.slowest.sort(key=lambda t: -t[0])
                del self.stats.slowest[8:]

    def _view(self, conn: Connection, view: Mapping[str, Any],
              referer: str) -> tuple[bool, int, str, float]:
        name = view["outputs"][0]["id"]
        started = time.perf_counter()
        try:
            status, data, encoding = conn.post(
                UPDATE, payload(view, self.values, [f"{ids.URL}.search"]), referer)
        except OSError as error:
            return False, 0, f"{name}: {type(error).__name__}: {error}", 0.0
        seconds = time.perf_counter() - started
        if status not in (200, 204):
            return False, len(data), f"{name}: HTTP {status}", seconds
        if status == 200 and ALERT_MARK in _decoded(data, encoding):
            return False, len(data), f"{name}: the store alert", seconds
        return True, len(data), "", seconds

    def _error(self, message: str) -> None:
        with self.stats.lock:
            self.stats.requests += 1
            self.stats.errors.append(message)

    def run(self, *, until: float, start_in_s: float) -> None:
        time.sleep(start_in_s)
        while time.monotonic() < until:
            self.change()
            think = self.rng.uniform(*self.think_s)
            time.sleep(max(0.0, min(think, until - time.monotonic())))


# -- the server ------------------------------------------------------------------

def _process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            continue
    return found


def _cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds of these processes (and their reaped children)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of these processes together: pages they share
    (the index the workers inherit from the master) counted once."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _wait_healthy(host: str, port: int, server: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server did not start")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer /healthz in time")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/bench100k.db",
                        help="SQLite store (made with 100,000 synthetic events if missing)")
    parser.add_argument("--events", type=int, default=100_000,
                        help="events of a store made for the run")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration-s", type=float, default=60.0)
    parser.add_argument("--think-s", type=float, nargs=2, default=(1.0, 5.0),
                        metavar=("MIN", "MAX"), help="think time between changes (uniform)")
    parser.add_argument("--workers", type=int, help="sitrep serve --workers")
    parser.add_argument("--threads", type=int, help="sitrep serve --threads")
    parser.add_argument("--dev", action="store_true", help="Flask's development server")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)

    db = Path(args.db)
    if not db.exists():
        print(f"making {db} ({args.events} events) …", flush=True)
        subprocess.run([sys.executable, str(REPO / "scripts" / "generate_events.py"),
                        "--db", str(db), "--events", str(args.events)], check=True)
    host, port = "127.0.0.1", _free_port()
    command = [sys.executable, "-m", "etl.cli", "serve", "--db", str(db), "--host", host,
               "--port", str(port)]
    if args.dev:
        command.append("--dev")
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    started = time.perf_counter()
    log = tempfile.NamedTemporaryFile("w+", prefix="bench_load_server_", suffix=".log", delete=False)
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # killpg below ends its workers too
    try:
        _wait_healthy(host, port, server, timeout_s=180)
        print(f"server up in {time.perf_counter() - started:.1f} s: {' '.join(command[2:])}")
        page = load_page(host, port)
        # one page load's views, so every worker's caches start as a browser finds them
        stats = Stats()
        pool = ThreadPoolExecutor(max_workers=4 * args.users)
        rng = random.Random(args.seed)
        users = [User(page, host=host, port=port, rng=random.Random(rng.random()),
                      think_s=tuple(args.think_s), stats=stats, pool=pool)
                 for _ in range(args.users)]
        load_before = os.getloadavg()
        pids = _process_tree(server.pid)
        cpu_before = _cpu_s(pids)
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.monotonic()
        until = t0 + args.duration_s
        threads = [threading.Thread(target=u.run, kwargs={
            "until": until, "start_in_s": rng.uniform(0, args.think_s[1])}, daemon=True)
            for u in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - t0
        pids = _process_tree(server.pid)
        cpu = _cpu_s(pids) - cpu_before
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        own = (own_after.ru_utime + own_after.ru_stime) - (own_before.ru_utime + own_before.ru_stime)
        load_after = os.getloadavg()
        pss = _pss_mb(pids)
        pool.shutdown()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()
    print(f"server log: {log.name}")
    changes = stats.changes
    figures: dict[str, Any] = {
        "server": "dev" if args.dev else f"gunicorn workers={args.workers or 'default'} "
                                          f"threads={args.threads or 'default'}",
        "users": args.users, "duration_s": round(wall, 1), "think_s": list(args.think_s),
        "changes": len(changes), "errors": len(stats.errors), "noop_changes": stats.noop,
        "p50_s": round(statistics.median(changes), 3) if changes else None,
        "p95_s": round(_pct(changes, 0.95), 3) if changes else None,
        "max_s": round(max(changes), 3) if changes else None,
        "changes_per_s": round(len(changes) / wall, 2),
        "requests_per_s": round(stats.requests / wall, 1),
        "mb_per_change": round(stats.bytes_in / 1e6 / max(1, len(changes)), 3),
        "server_cpu_cores": round(cpu / wall, 2),
        "server_cpu_s_per_change": round(cpu / max(1, len(changes)), 3),
        "loadgen_cpu_cores": round(own / wall, 2),
        "server_pss_mb": round(pss),
        "mean_active_filters": round(statistics.mean(stats.active_filters), 2)
        if stats.active_filters else None,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
    }
    print(f"\n{figures['server']}: {args.users} users, {wall:.0f} s, think "
          f"{args.think_s[0]:g}–{args.think_s[1]:g} s")
    print(f"filter changes: {len(changes)} ({figures['changes_per_s']}/s), "
          f"errors {len(stats.errors)}, no-op {stats.noop}")
    if changes:
        print(f"per change: p50 {figures['p50_s']:.3f} s  p95 {figures['p95_s']:.3f} s  "
              f"max {figures['max_s']:.3f} s  ({figures['mb_per_change']} MB received)")
    print(f"requests/s {figures['requests_per_s']}; server CPU {figures['server_cpu_cores']} cores "
          f"({figures['server_cpu_s_per_change']} s per change), memory (PSS) {figures['server_pss_mb']} MB; "
          f"load generator {figures['loadgen_cpu_cores']} cores")
    print(f"load average before {figures['loadavg_before']}, after {figures['loadavg_after']}; "
          f"mean active filters {figures['mean_active_filters']}")
    names = " + ".join(["sync", *(v["outputs"][0]["id"] for v in page.views)])
    print(f"slowest changes (s: {names}):")
    for elapsed, changed, search, times in stats.slowest[:5]:
        print(f"  {elapsed:6.3f}  {changed} -> {search or '(no filter)'}  "
              f"[{' + '.join(f'{t:.3f}' for t in times)}]")
    for message in sorted(set(stats.errors))[:10]:
        print(f"  error: {message} (x{stats.errors.count(message)})")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
