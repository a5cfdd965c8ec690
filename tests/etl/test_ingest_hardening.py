"""Issue 12, items 1 and 5: a feed file is parsed, never followed; no lost rows.

Every test here reproduces a defect found by attacking ``sitrep ingest``; each
failed before its fix.  Real parts only: files in a temporary folder, a real
SQLite store, a real HTTP listener on 127.0.0.1, real worker processes.
"""

from __future__ import annotations

import http.server
import json
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.errors import EtlError, ModelError, RejectedInput, StoreError
from etl.pipeline import ingest
from etl.sources import RawDocument, read_inputs
from etl.store import Store

ARTICLE = "Militants attacked a checkpoint in Bajaur on Sunday, killing three soldiers, officials said."
FEED = (
    "<?xml version='1.0'?><rss version='2.0'><channel><title>Secret feed</title>"
    "<item><title>Secret entry</title><link>https://example.org/s</link>"
    f"<description>SECRET {ARTICLE}</description></item></channel></rss>"
)
REPO = Path(__file__).resolve().parents[2]


def split(results):
    results = list(results)
    return ([r for r in results if isinstance(r, RawDocument)],
            [r for r in results if isinstance(r, RejectedInput)])


# --- 1. a feed file is parsed, never followed -----------------------------------

@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that serves a valid feed and records every
    request it receives."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            requests.append(self.path)
            body = FEED.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("suffix", [".rss", ".atom", ".xml"])
def test_a_feed_file_holding_a_url_is_not_fetched(tmp_path: Path, listener, suffix):
    base, requests = listener
    path = tmp_path / f"internal{suffix}"
    path.write_text(f"{base}/internal-feed.xml")
    docs, rejected = split(read_inputs([path]))
    assert docs == []
    assert len(rejected) == 1 and "feed" in rejected[0].reason
    assert requests == []


@pytest.mark.parametrize("form", ["file-url", "bare-path"])
def test_a_feed_file_holding_a_path_is_not_read(tmp_path: Path, form):
    secret = tmp_path / "outside" / "secret.xml"
    secret.parent.mkdir()
    secret.write_text(FEED)
    body = secret.as_uri() if form == "file-url" else str(secret)
    path = tmp_path / "in" / "pointer.rss"
    path.parent.mkdir()
    path.write_text(body)
    docs, rejected = split(read_inputs([path]))
    assert docs == [], "the feed's body named another file and that file was read"
    assert len(rejected) == 1


def test_etc_passwd_in_a_feed_is_not_read(tmp_path: Path):
    path = tmp_path / "passwd.xml"
    path.write_text("/etc/passwd")
    docs, rejected = split(read_inputs([path]))
    assert docs == [] and len(rejected) == 1


def test_a_feed_is_still_parsed_from_its_own_bytes(tmp_path: Path):
    path = tmp_path / "ok.rss"
    path.write_text(FEED)
    docs, rejected = split(read_inputs([path]))
    assert rejected == [] and [d.title for d in docs] == ["Secret entry"]


def test_an_external_entity_in_a_feed_is_not_resolved(tmp_path: Path, listener):
    base, requests = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    path = tmp_path / "entity.rss"
    path.write_text(
        "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY s SYSTEM '" + secret.as_uri() + "'>"
        "<!ENTITY h SYSTEM '" + base + "/entity'>]>"
        "<rss version='2.0'><channel><title>F</title><item><title>T &s; &h;</title>"
        f"<description>{ARTICLE}</description></item></channel></rss>")
    docs, _ = split(read_inputs([path]))
    assert all("TOPSECRET" not in d.title + d.text for d in docs)
    assert requests == []


# --- 5. no lost rows: CSV ---------------------------------------------------------

def _csv(rows: list[tuple[str, str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    return out.getvalue()


def test_a_long_csv_field_loses_no_row(tmp_path: Path):
    long_text = (ARTICLE + " ") * 1800  # ~160 KB, well under the 5 MB article limit
    assert len(long_text) > 131_072
    path = tmp_path / "long.csv"
    path.write_text(_csv([("one", ARTICLE), ("long", long_text), ("three", ARTICLE + " Three."),
                          ("four", ARTICLE + " Four.")]))
    docs, rejected = split(read_inputs([path]))
    assert rejected == []
    assert [d.title for d in docs] == ["one", "long", "three", "four"]
    assert docs[1].text == long_text


def test_csv_origins_name_the_first_line_of_a_record(tmp_path: Path):
    path = tmp_path / "multi.csv"
    path.write_text(_csv([("a", "First line.\nSecond line.\nThird line of " + ARTICLE),
                          ("b", ARTICLE)]))
    docs, _ = split(read_inputs([path]))
    assert [d.origin for d in docs] == [f"{path}:2", f"{path}:5"]


def test_a_bad_csv_row_rejects_that_row_only(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "title,text\n"
        f'one,"{ARTICLE}"\n'
        f'two,"{ARTICLE}"junk after the quote\n'  # malformed quoting
        f'three,"{ARTICLE} Three."\n'
        'four,"an unterminated quote that never ends\n'
        f'five,"{ARTICLE} Five."\n')
    docs, rejected = split(read_inputs([path]))
    assert [d.title for d in docs] == ["one", "three", "five"]
    assert [r.origin for r in rejected] == [f"{path}:3", f"{path}:5"]
    assert all("malformed CSV" in r.reason and "\n" not in str(r) for r in rejected)


# --- 5. no lost rows: workers ------------------------------------------------------

@pytest.mark.parametrize("error", [
    RejectedInput("a.csv:3", "record has no text"), StoreError("disk full"),
    ModelError("no model"), EtlError("x")])
def test_etl_errors_cross_a_process_boundary(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    if isinstance(error, RejectedInput):
        assert (copy.origin, copy.reason) == (error.origin, error.reason)


def test_geo_errors_cross_a_process_boundary():
    from geo.errors import GeocoderRateLimited, GeocoderUnavailable

    limited = pickle.loads(pickle.dumps(GeocoderRateLimited("slow down", retry_after=600.0)))
    assert limited.retry_after == 600.0 and str(limited) == "slow down"
    down = pickle.loads(pickle.dumps(GeocoderUnavailable("503", status_code=503)))
    assert down.status_code == 503


def _mixed_inputs(folder: Path) -> None:
    """Good articles, a duplicate, a CSV row whose text is only 'reuters'
    (rejected inside a worker), an empty file, a malformed JSON line."""
    folder.mkdir()
    towns = ["Bajaur", "Khyber", "Kurram", "Bannu", "Quetta", "Peshawar", "Swat", "Chitral",
             "Gwadar", "Turbat", "Zhob", "Kohat", "Mardan", "Dir", "Tank", "Lakki Marwat",
             "Hangu", "Karak", "Sibi", "Panjgur"]
    rows = [(f"t{i}", ARTICLE.replace("Bajaur", town)) for i, town in enumerate(towns)]
    rows.insert(3, ("wire", "reuters"))
    rows.insert(9, ("dup", rows[0][1]))
    (folder / "batch.csv").write_text(_csv(rows))
    (folder / "empty.txt").write_text("")
    (folder / "lines.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("Bajaur", "Mastung")}) + "\n{oops\n"
        + json.dumps({"text": ARTICLE.replace("Bajaur", "Nushki")}) + "\n")


def _run_ingest(folder: Path, db: Path, workers: int) -> tuple[int, list[str], list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "etl.cli", "ingest", str(folder), "--db", str(db),
         "--published", "2025-11-20", "--workers", str(workers)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    lines = [line for line in result.stderr.splitlines() if not line.startswith("sitrep: ")]
    store = Store(str(db), create=False)
    log = [{k: row[k] for k in ("origin", "status", "reason", "article_id", "n_events")}
           for row in store.ingest_log_rows()]
    store.close()
    return result.returncode, lines, log


def test_two_workers_behave_exactly_like_one(tmp_path: Path):
    _mixed_inputs(tmp_path / "in")
    one = _run_ingest(tmp_path / "in", tmp_path / "one.db", workers=1)
    two = _run_ingest(tmp_path / "in", tmp_path / "two.db", workers=2)
    assert "BrokenProcessPool" not in "\n".join(two[1])
    assert one == two
    code, lines, log = one
    assert code == 2
    assert [row["status"] for row in log].count("stored") == 22
    assert [row["status"] for row in log].count("duplicate") == 1
    assert any("batch.csv:5" in line and "rejected" in line for line in lines), lines
    stores = [Store(str(tmp_path / name), create=False) for name in ("one.db", "two.db")]
    assert stores[0].counts() == stores[1].counts()
    assert (sorted(e["event_id"] for e in stores[0].query_events())
            == sorted(e["event_id"] for e in stores[1].query_events()))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_their_parent_is_killed(tmp_path: Path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(300):
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.replace("three", str(i + 3)) + f" Item {i}.")
    parent = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "ingest", str(folder), "--db", str(tmp_path / "k.db"),
         "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [pid for pid in _children(parent.pid) if _alive(pid)]
            time.sleep(0.2)
        assert len(workers) >= 2, "the ingest never started its workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        orphans = [pid for pid in workers if _alive(pid)]
        assert orphans == [], f"workers {orphans} outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in _children(parent.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


# --- 5. no lost rows: folders, encodings, duplicates -----------------------------------

def test_unsupported_files_and_symlink_loops_in_a_folder_get_a_line(tmp_path: Path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "report.docx").write_bytes(b"PK\x03\x04 not an article")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    docs, rejected = split(read_inputs([folder]))
    assert [Path(d.origin).name for d in docs] == ["good.txt"]
    reasons = {Path(r.origin).name: r.reason for r in rejected}
    assert "unsupported file type" in reasons["report.docx"]
    assert "symbolic link loop" in reasons["loop"]
    assert "broken symbolic link" in reasons["dangling.txt"]


def test_a_symlinked_folder_is_followed_once(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(ARTICLE)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link").symlink_to(real, target_is_directory=True)
    docs, rejected = split(read_inputs([folder]))
    assert [Path(d.origin).name for d in docs] == ["a.txt"] and rejected == []


def test_skipped_inputs_are_logged_in_the_store(tmp_path: Path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.docx").write_bytes(b"PK\x03\x04")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    store = Store(str(tmp_path / "s.db"))
    lines: list[tuple[str, str, str]] = []
    report = ingest([folder], store=store, pipeline=pipeline, on_item=lambda *i: lines.append(i))
    assert report.exit_code == 2
    assert {Path(o).name for o, _, _ in lines} == {"report.docx", "loop"}
    assert {(Path(r["origin"]).name, r["status"]) for r in store.ingest_log_rows()} == {
        ("report.docx", "skipped"), ("loop", "rejected")}
    assert [type(r).__name__ for r in report.skipped] == ["SkippedInput"]


def test_a_folder_with_only_articles_and_other_files_succeeds(tmp_path: Path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "README.md").write_text("# my articles")
    store = Store(str(folder / "sitrep.db"))  # the store itself sits in the folder
    lines: list[tuple[str, str, str]] = []
    report = ingest([folder], store=store, pipeline=pipeline, on_item=lambda *i: lines.append(i))
    assert report.exit_code == 0 and report.stored == 1
    assert [(Path(o).name, status) for o, status, _ in lines] == [
        ("README.md", "skipped"), ("a.txt", "stored")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_decoded(tmp_path: Path, encoding):
    path = tmp_path / "wide.txt"
    data = ARTICLE.encode(encoding)
    if encoding != "utf-16":  # no BOM: put one, as Windows editors do
        data = ("\ufeff" + ARTICLE).encode(encoding)
    path.write_bytes(data)
    docs, rejected = split(read_inputs([path]))
    assert rejected == [] and docs[0].text == ARTICLE


def test_bomless_utf16_is_decoded_and_bad_utf16_is_named(tmp_path: Path):
    plain = tmp_path / "plain16.txt"
    plain.write_bytes(ARTICLE.encode("utf-16-le"))
    broken = tmp_path / "broken16.txt"
    broken.write_bytes(b"\xff\xfe" + ARTICLE.encode("utf-16-le")[:40] + b"\x00\xd8\x41\x00")
    docs, rejected = split(read_inputs([plain, broken]))
    assert [d.text for d in docs] == [ARTICLE]
    assert len(rejected) == 1 and "UTF-16" in rejected[0].reason
    assert "binary" not in rejected[0].reason


def test_zero_width_characters_do_not_make_a_copy_new(tmp_path: Path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE.replace("Bajaur", "Baj\u200baur").replace(" ", " \u2060", 3)
                                  + "\ufeff")
    store = Store(str(tmp_path / "s.db"))
    report = ingest([folder], store=store, pipeline=pipeline)
    assert (report.stored, report.duplicate) == (1, 1)


class _CountingAnalyzer:
    """The real analyzer, counting the articles it parses."""

    def __init__(self, real) -> None:
        self.real = real
        self.parsed = 0

    def analyse(self, text, *, article_id):
        self.parsed += 1
        return self.real.analyse(text, article_id=article_id)

    def analyse_many(self, items):
        items = list(items)
        self.parsed += len(items)
        return self.real.analyse_many(items)


def test_a_known_article_is_recognised_before_the_nlp_runs(tmp_path: Path, pipeline):
    from etl.pipeline import Pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    for i, town in enumerate(["Bajaur", "Khyber", "Kurram"]):
        (folder / f"a{i}.txt").write_text(ARTICLE.replace("Bajaur", town))
    store = Store(str(tmp_path / "s.db"))
    counting = _CountingAnalyzer(pipeline.analyzer)
    spy = Pipeline(gazetteer=pipeline.gazetteer, boundaries=pipeline.boundaries, analyzer=counting)
    first = ingest([folder], store=store, pipeline=spy)
    assert first.stored == 3 and counting.parsed == 3
    (folder / "copy.txt").write_text(ARTICLE.replace("Bajaur", "Khyber") + "\n")
    again = ingest([folder], store=store, pipeline=spy)
    assert (again.stored, again.duplicate) == (0, 4)
    assert counting.parsed == 3, "known articles were parsed again"
