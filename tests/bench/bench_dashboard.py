"""Benchmark of the dashboard against a real running server.

Run::

    .venv/bin/python scripts/generate_events.py --db /tmp/bench1m.db --events 1000000
    .venv/bin/python tests/bench/bench_dashboard.py /tmp/bench1m.db [--rounds 3]

Starts ``sitrep``'s app (``dashboard.app.build_app``) in a child process on
127.0.0.1, waits for ``/healthz``, then measures over HTTP:

- the first page load: ``/``, ``/_dash-layout``, ``/_dash-dependencies``
  (what the browser fetches before any callback), and the first views;
- a filter change: the URL's query string changes and the browser calls
  every view callback that listens to it (key figures and charts, map,
  table); each request is timed and sized.  "change total" adds up the
  requests of one change (the browser sends them in parallel, so the user
  waits for about the slowest: "change max");
- the server's resident memory (``VmRSS``, peak ``VmHWM``).

Prints p50/p95/max; asserts nothing (see the targets in the issue:
p95 ≤ 300 ms server time per change, < 2 MB per change, first load < 2 s,
server < 1.5 GB).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from dashboard import ids  # noqa: E402

logger = logging.getLogger("bench_dashboard")

CHANGES = [
    "", "?country=AFG", "?country=PAK&country=IND", "?from=2025-10-01&to=2025-10-31",
    "?from=2025-05-01&to=2025-05-15&bucket=day", "?type=Battles", "?type=Protests&type=Riots",
    "?sub=Air%2Fdrone+strike", "?minfat=10", "?country=PAK&minfat=5&bucket=month",
    "?actor=Taliban", "?source=Dawn", "?location=Peshawar", "?location=Kabul&type=Battles",
    "?country=IND&from=2025-05-01&to=2025-06-30&type=Explosions%2FRemote+violence",
    "?source=Reuters&source=AFP&bucket=day", "?sub=Armed+clash&minfat=3",
    "?from=2025-01-01&to=2025-03-31", "?country=AFG&actor=IS-K%3A+Islamic+State+Khorasan",
]
BOXES = [None, [69.0, 33.0, 72.5, 35.0]]
TEXT_CHANGES = ["?q=drone", "?q=checkpoint&country=PAK", "?q=Taliban", "?q=taliban&country=AFG",
                "?q=killing+0+people", "?q=in+Kabul+on", "?q=zzqx"]
"""Free-text searches, each a new text (no cached match): a word in ~6 % of
the generator's events, a rarer one with a country, a word in ~25 % (two
cases: different texts), a phrase in ~84 %, one in ~6 % and a word in none."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_SERVER = """
import logging, sys
sys.path.insert(0, {repo!r})
logging.basicConfig(level=logging.WARNING)
logging.getLogger("werkzeug").setLevel(logging.ERROR)
from dashboard.app import build_app
app = build_app({db!r}, in_memory={in_memory!r})
app.run(host="127.0.0.1", port={port}, debug=False, threaded=True)
"""


def _get(url: str, *, timeout_s: float = 60) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout_s) as response:
        body = response.read()
    return time.perf_counter() - started, len(body), body


def _post(url: str, payload: dict[str, Any], *, timeout_s: float = 60) -> tuple[float, int]:
    data = json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        body = response.read()
    return time.perf_counter() - started, len(body)


def _outputs(output: str) -> list[dict[str, str]]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]


_VALUES: dict[tuple[str, str], Any] = {
    (ids.MAP_SHADE, "value"): [],
    (ids.SELECTED_EVENT, "data"): None,
    (ids.TABS, "value"): ids.TAB_CHARTS,
}


def view_requests(dependencies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The server callbacks a URL change fires (all but the URL ⇄ filters
    sync; client-side callbacks never reach the server)."""
    views = []
    for dep in dependencies:
        if dep.get("clientside_function"):
            continue
        inputs = [(i["id"], i["property"]) for i in dep["inputs"]]
        outputs = _outputs(dep["output"])
        if (ids.URL, "search") in inputs and not any(o["id"] == ids.URL for o in outputs) \
                and not any(o["id"] == ids.LEAFLET_FRAME for o in outputs):
            views.append({"output": dep["output"], "outputs": outputs, "inputs": inputs})
    return views


def _payload(view: dict[str, Any], search: str, box: Any) -> dict[str, Any]:
    values = {**_VALUES, (ids.URL, "search"): search, (ids.MAP_BOX, "data"): box}
    outputs = view["outputs"]
    return {
        "output": view["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{"id": i, "property": p, "value": values.get((i, p))} for i, p in view["inputs"]],
        "changedPropIds": [f"{ids.URL}.search"],
        "state": [],
    }


def _memory_mb(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = {line.split(":")[0]: (line.split() + ["0", "0"])[1] for line in status.splitlines()}
    return int(fields.get("VmRSS", 0)) / 1024, int(fields.get("VmHWM", 0)) / 1024


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _summary(name: str, seconds: list[float], sizes: list[int] | None = None) -> None:
    ms = [s * 1000 for s in seconds]
    line = (f"{name:28s} n={len(ms):3d}  p50 {statistics.median(ms):7.0f} ms  "
            f"p95 {_pct(ms, 0.95):7.0f} ms  max {max(ms):7.0f} ms")
    if sizes:
        line += f"   size p50 {statistics.median(sizes) / 1e3:7.0f} kB  max {max(sizes) / 1e3:7.0f} kB"
    print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the dashboard over HTTP.")
    parser.add_argument("db", help="store URL or SQLite path (see scripts/generate_events.py)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="no in-memory index: SQL aggregates")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    code = _SERVER.format(repo=str(REPO), db=args.db, port=port, in_memory=not args.sql)
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", code], env={**os.environ})
    try:
        while True:
            try:
                _get(f"{base}/healthz", timeout_s=2)
                break
            except OSError:
                if server.poll() is not None:
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.5)
        print(f"server up in {time.perf_counter() - started:.1f} s "
              f"(RSS {_memory_mb(server.pid)[0]:.0f} MB)")

        # First page load: the page, its layout and dependencies, then the views.
        first = {}
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            first[path] = _get(base + path)
        dependencies = json.loads(first["/_dash-dependencies"][2])
        views = view_requests(dependencies)
        first_views = [_post(f"{base}/_dash-update-component", _payload(v, "", None)) for v in views]
        page_s = sum(t for t, _, _ in first.values())
        print(f"first load: page+layout+deps {page_s * 1000:.0f} ms "
              f"({sum(n for _, n, _ in first.values()) / 1e3:.0f} kB); views "
              f"{sum(t for t, _ in first_views) * 1000:.0f} ms serial, "
              f"max {max(t for t, _ in first_views) * 1000:.0f} ms "
              f"({sum(n for _, n in first_views) / 1e3:.0f} kB)")

        per_request: dict[str, list[float]] = {}
        sizes_by_view: dict[str, list[int]] = {}
        totals: list[float] = []
        maxima: list[float] = []
        change_sizes: list[int] = []
        slowest: list[tuple[float, str, Any, list[float]]] = []
        for _ in range(args.rounds):
            for search in CHANGES:
                for box in BOXES:
                    times, sizes = [], []
                    for view in views:
                        seconds, size = _post(f"{base}/_dash-update-component",
                                              _payload(view, search, box))
                        name = view["outputs"][0]["id"]
                        per_request.setdefault(name, []).append(seconds)
                        sizes_by_view.setdefault(name, []).append(size)
                        times.append(seconds)
                        sizes.append(size)
                    totals.append(sum(times))
                    maxima.append(max(times))
                    slowest.append((sum(times), search, box, times))
                    change_sizes.append(sum(sizes))
        print(f"\nfilter changes ({len(CHANGES)} filters x {len(BOXES)} map boxes x "
              f"{args.rounds} rounds), server time per request:")
        for name in per_request:
            _summary(name, per_request[name], sizes_by_view[name])
        _summary("change total (serial sum)", totals, change_sizes)
        _summary("change max (parallel)", maxima)
        print("slowest changes (total; per view):")
        for total, search, box, times in sorted(slowest, key=lambda t: -t[0])[:5]:
            print(f"  {total * 1000:6.0f} ms  {search or '(no filter)'}  box={box}  "
                  f"{' + '.join(f'{t * 1000:.0f}' for t in times)}")

        text_times = []
        for search in TEXT_CHANGES:
            times = [_post(f"{base}/_dash-update-component", _payload(v, search, None))[0]
                     for v in views]
            text_times.append(sum(times))
            print(f"  {sum(times) * 1000:6.0f} ms  {search}  "
                  f"{' + '.join(f'{t * 1000:.0f}' for t in times)}")
        _summary("text search change total", text_times)
        leaflet = [_get(f"{base}/_sitrep/leaflet{q}") for q in ("", "?country=AFG")]
        print(f"leaflet page: {', '.join(f'{t * 1000:.0f} ms {n / 1e3:.0f} kB' for t, n, _ in leaflet)}")
        rss, peak = _memory_mb(server.pid)
        print(f"\nserver memory: RSS {rss:.0f} MB, peak {peak:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
