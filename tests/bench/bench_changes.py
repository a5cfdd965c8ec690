"""Server CPU per filter change, in one process (no HTTP, no concurrency).

Run::

    .venv/bin/python tests/bench/bench_changes.py --db /tmp/bench100k.db [--changes 400]

The users of ``bench_load.py`` (same model, same seed) make ``--changes``
filter changes one after another against the app built in this process
(``dashboard.app.build_app``), through Flask's test client: the same
callback requests the browser sends, the same answers.  Prints the CPU time
per change and per view.  The request stream is deterministic, so two
commits compare pair by pair (run this script at each, or replay both under
a pairwise timer): what the server does per change, without the noise of a
shared machine's scheduling.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load  # noqa: E402
from dashboard import ids  # noqa: E402


class _Done:
    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class _Serial:
    """What ``bench_load`` submits views to: here, run them in turn."""

    def submit(self, fn: Any, *args: Any) -> _Done:
        return _Done(fn(*args))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/bench100k.db")
    parser.add_argument("--changes", type=int, default=400)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from dashboard.app import build_app

    app = build_app(args.db)
    client = app.server.test_client()
    client.get("/")

    class Connection:
        def post(self, path: str, body: bytes, referer: str) -> tuple[int, bytes, str]:
            response = client.post(path, data=body, headers={"Content-Type": "application/json"})
            return response.status_code, response.get_data(), ""

    layout = client.get("/_dash-layout").get_json()
    dependencies = client.get("/_dash-dependencies").get_json()
    page = bench_load.page_from(layout, dependencies)
    stats = bench_load.Stats()
    rng = random.Random(args.seed)
    users = [bench_load.User(page, host="127.0.0.1", port=0, rng=random.Random(rng.random()),
                             think_s=(0.0, 0.0), stats=stats, pool=_Serial())  # type: ignore[arg-type]
             for _ in range(args.users)]
    per_view: dict[str, list[float]] = {}
    view = bench_load.User._view

    def timed_view(self: Any, conn: Any, callback: Any, referer: str) -> Any:
        started = time.process_time()
        result = view(self, conn, callback, referer)
        per_view.setdefault(callback["outputs"][0]["id"], []).append(time.process_time() - started)
        return result

    bench_load.User._view = timed_view  # type: ignore[method-assign]
    for user in users:
        user.connections = [Connection() for _ in range(4)]  # type: ignore[list-item]
    started = time.process_time()
    for i in range(args.changes):
        users[i % len(users)].change()
    cpu = time.process_time() - started
    changes = len(stats.changes)
    print(f"{changes} filter changes ({stats.noop} no-op, {len(stats.errors)} errors): "
          f"{cpu * 1000 / max(1, changes):.1f} ms CPU a change")
    for name, seconds in per_view.items():
        print(f"  {name:20s} mean {statistics.mean(seconds) * 1000:6.1f} ms")
    cache = app.server.extensions.get("sitrep.response_cache")
    if cache is not None:
        print(f"  view cache: {cache.hits} hits, {cache.misses} misses")
    return 1 if stats.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
