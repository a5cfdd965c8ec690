"""The ``sitrep`` command line (the contract of DESIGN §6).

Commands print data on stdout and one-line messages on stderr; exit codes:
0 success, 1 usage or fatal error, 2 some inputs rejected (the rest stored).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from etl.errors import EtlError, RejectedInput
from etl.cli_export import add_export_parser, cmd_export
from etl.cli_eval import add_eval_parser, cmd_eval
from etl.csvfile import write_csv
from etl.records import EVENT_FIELDS
from geo.errors import GeoError

logger = logging.getLogger("sitrep")


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from error


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from error
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def _positive_seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from error
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {value!r}")
    return number


def _add_server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dev", action="store_true",
                   help="Flask's development server (one process; for development only)")
    p.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="worker processes of the production server (default: two per CPU "
                        "core and one more, at most 9)")
    p.add_argument("--threads", type=_positive_int, default=None, metavar="N",
                   help="threads per worker (default 1: one request at a time per process)")
    p.add_argument("--timeout-s", type=_positive_seconds, default=None, metavar="S",
                   help="restart a worker busy or silent this long (default 60)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep", description="Sitrep: news articles to a map of a regional conflict.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="read articles, extract events, store them")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help=".txt (+ .meta.json), .html, .jsonl, .csv, RSS/Atom files or folders")
    p.add_argument("--db", help="store URL or SQLite file (default $SITREP_DB or ./sitrep.db)")
    p.add_argument("--published", type=_date_arg, help="publication date for inputs without one")
    _add_online_options(p)
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")

    p = sub.add_parser("events", help="print stored events")
    _add_listing_options(p)

    p = sub.add_parser(
        "incidents", help="print stored incidents (one row per happening, its reports linked)",
        description="Incidents: the happenings in the world, each with every article's report "
                    "of it linked (fatalities low/best/high over the reports, best = the figure "
                    "more than half the reports give, else the lowest).  Filters apply to the incident's own "
                    "type, country and date.")
    _add_listing_options(p)
    p.add_argument("--relink", action="store_true",
                   help="first link every stored report again from scratch (the same incidents "
                        "whatever order the articles came in; old ids stay valid as aliases)")

    p = sub.add_parser("extract", help="print what the ETL finds, without a store (JSON Lines)")
    p.add_argument("file", metavar="FILE|-", help="a .txt article, a .jsonl file of articles, or - for stdin")
    p.add_argument("--published", type=_date_arg)

    p = sub.add_parser(
        "geocode", help="ranked place candidates for a name; or --retry-unresolved",
        description="Rank the places a name can be (offline gazetteer).  With "
                    "--retry-unresolved: ask an online geocoder again about the stored place "
                    "mentions it could not be asked about during ingest (the service was down "
                    "or asked to wait), and re-code the articles whose places it now finds.")
    p.add_argument("text", nargs="?", help="the place name (not with --retry-unresolved)")
    p.add_argument("--context", default="", help="text around the name (article text)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--retry-unresolved", action="store_true",
                   help="retry the store's mentions whose online lookup failed (needs --geocoder)")
    p.add_argument("--include-not-found", action="store_true",
                   help="with --retry-unresolved: also ask about names the offline gazetteer (or "
                        "the service) did not know")
    p.add_argument("--db", help="store URL or SQLite file (with --retry-unresolved)")
    _add_online_options(p)

    p = sub.add_parser("serve", help="run the dashboard (production server: gunicorn)")
    p.add_argument("--db")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    _add_server_options(p)

    p = sub.add_parser("demo", help="ingest seeds/ into a fresh local store, then serve")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--db", default="sitrep-demo.db", help="demo store file (recreated)")
    _add_server_options(p)

    add_eval_parser(sub)
    add_export_parser(sub)
    return parser


def _add_listing_options(p: argparse.ArgumentParser) -> None:
    """The store, filters and format of ``events`` and ``incidents``."""
    p.add_argument("--db")
    p.add_argument("--country", action="append", default=[], metavar="ISO3")
    p.add_argument("--since", type=_date_arg)
    p.add_argument("--until", type=_date_arg)
    p.add_argument("--type", action="append", default=[], dest="types", metavar="EVENT_TYPE")
    p.add_argument("--format", choices=["csv", "json", "geojson"], default="csv")


def _add_online_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--geocoder", default=os.environ.get("SITREP_GEOCODER", "offline"),
                   choices=["offline", "nominatim", "photon", "arcgis"],
                   help="offline gazetteer (default), or also ask an online service for the "
                        "places the gazetteer cannot resolve (default $SITREP_GEOCODER)")
    p.add_argument("--user-agent", help="identifies you to online geocoders (default "
                   "$SITREP_USER_AGENT); required for nominatim, e.g. 'yourapp/1.0 (you@example.org)'")
    p.add_argument("--geocoder-domain", help="host[:port] of the online geocoder, e.g. your own "
                   "Nominatim (default $SITREP_GEOCODER_DOMAIN, else the public service)")
    p.add_argument("--geocoder-scheme", choices=["https", "http"],
                   help="https (default) or http, for a service on your own network "
                        "(default $SITREP_GEOCODER_SCHEME)")
    p.add_argument("--geocoder-max-wait-s", type=float, default=120.0,
                   help="longest wait a service may ask for (Retry-After) before its lookups are "
                        "left for --retry-unresolved (default 120)")


def _online_geocoder(args: argparse.Namespace, store: Any) -> Any:
    from etl.store import SqlGeocodeCache
    from geo.online import make_geocoder

    return make_geocoder(args.geocoder, user_agent=args.user_agent, domain=args.geocoder_domain,
                         scheme=args.geocoder_scheme, max_wait_s=args.geocoder_max_wait_s,
                         cache=SqlGeocodeCache(store))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    handler = {
        "ingest": cmd_ingest, "events": cmd_events, "incidents": cmd_incidents,
        "extract": cmd_extract,
        "geocode": cmd_geocode, "serve": cmd_serve, "demo": cmd_demo, "eval": cmd_eval,
        "export": cmd_export,
    }[args.command]
    try:
        return handler(args)
    except (EtlError, GeoError) as error:
        print(f"sitrep: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


# --- ingest ------------------------------------------------------------------

def cmd_ingest(args: argparse.Namespace) -> int:
    from etl.pipeline import ingest
    from etl.store import Store

    store = Store(args.db)
    pipeline = None
    workers = max(1, args.workers)
    geocoder = None
    if args.geocoder != "offline":
        from etl.pipeline import Pipeline

        geocoder = _online_geocoder(args, store)
        if workers > 1:
            print("sitrep: --workers ignored with an online geocoder (one rate limit per service)",
                  file=sys.stderr)
            workers = 1
        pipeline = Pipeline(geocoder=geocoder)
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm
        progress = tqdm(desc="ingest", unit="article", file=sys.stderr)

    def on_item(origin: str, status: str, reason: str) -> None:
        if status in ("rejected", "failed", "skipped"):
            line = f"{status}: {origin}: {reason}"
            if progress is not None:
                progress.write(line, file=sys.stderr)
            else:
                print(line, file=sys.stderr)
        if progress is not None:
            progress.update(1)

    report = ingest(args.paths, store=store, pipeline=pipeline, published=args.published,
                    workers=workers, on_item=on_item)
    if progress is not None:
        progress.close()
    print(f"sitrep: {report.summary()} -> {store.url}", file=sys.stderr)
    if report.unasked_mentions and geocoder is not None:
        why = getattr(geocoder, "last_error", None)
        print(f"sitrep: {report.unasked_mentions} place mentions could not be looked up with "
              f"{args.geocoder}" + (f" ({why})" if why else "") + "; ask again later with: "
              f"sitrep geocode --retry-unresolved --geocoder {args.geocoder} --db {store.url}",
              file=sys.stderr)
    return report.exit_code


# --- events ------------------------------------------------------------------

def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def event_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    from etl.store import EventFilter, Store

    store = Store(args.db, create=False)
    flt = EventFilter(countries=tuple(c.upper() for c in args.country), since=args.since,
                      until=args.until, event_types=tuple(args.types))
    return [{k: row.get(k) for k in EVENT_FIELDS} for row in store.query_events(flt)]


def write_events(rows: list[dict[str, Any]], *, fmt: str, out: TextIO,
                 fields: Sequence[str] = EVENT_FIELDS) -> None:
    if fmt == "json":
        json.dump(rows, out, default=_json_default, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "geojson":
        features = [
            {"type": "Feature",
             "geometry": ({"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
                          if r.get("latitude") is not None else None),
             "properties": r}
            for r in rows
        ]
        json.dump({"type": "FeatureCollection", "features": features}, out,
                  default=_json_default, ensure_ascii=False)
        out.write("\n")
    else:
        write_csv(rows, fieldnames=fields, out=out)


def cmd_events(args: argparse.Namespace) -> int:
    write_events(event_rows(args), fmt=args.format, out=sys.stdout)
    return 0


def incident_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    from etl.store import INCIDENT_FIELDS, EventFilter, Store

    store = Store(args.db, create=args.relink)
    if args.relink:
        n = store.relink_incidents()
        print(f"sitrep: re-linked every report: {n} incidents", file=sys.stderr)
    flt = EventFilter(countries=tuple(c.upper() for c in args.country), since=args.since,
                      until=args.until, event_types=tuple(args.types))
    return [{k: row.get(k) for k in INCIDENT_FIELDS} for row in store.query_incidents(flt)]


def cmd_incidents(args: argparse.Namespace) -> int:
    from etl.store import INCIDENT_FIELDS

    rows = incident_rows(args)
    if args.format == "csv":  # a list cell: article ids joined by ';'
        rows = [{**r, "article_ids": ";".join(r["article_ids"] or [])} for r in rows]
    write_events(rows, fmt=args.format, out=sys.stdout, fields=INCIDENT_FIELDS)
    return 0


# --- extract -------------------------------------------------------------------

def cmd_extract(args: argparse.Namespace) -> int:
    from etl.pipeline import Extraction, Pipeline, date_by_each_other, extract_documents
    from etl.sources import RawDocument, read_file

    if args.file == "-":
        text = sys.stdin.read()
        items: list[Any] = [RawDocument(origin="<stdin>", text=text)] if text.strip() else [
            RejectedInput("<stdin>", "empty input")]
    else:
        path = Path(args.file)
        try:
            items = list(read_file(path)) if path.is_file() else [RejectedInput(str(path), "no such file")]
        except RejectedInput as rejected:
            items = [rejected]
    pipeline = Pipeline()
    docs = [i for i in items if not isinstance(i, RejectedInput)]
    # undated documents dated by the incidents of the others (as ingest does)
    extracted = date_by_each_other(list(extract_documents(docs, pipeline=pipeline, published=args.published)),
                                   pipeline=pipeline)
    results: dict[str, Any] = {raw.origin: (raw, result) for raw, result in zip(docs, extracted)}
    status = 0
    for item in items:
        if isinstance(item, RejectedInput):
            print(f"rejected: {item}", file=sys.stderr)
            status = 2
            continue
        raw, result = results[item.origin]
        if not isinstance(result, Extraction):
            reason = result.reason if isinstance(result, RejectedInput) else result[1]
            print(f"rejected: {item.origin}: {reason}", file=sys.stderr)
            status = 2
            continue
        doc_id = raw.doc_id or (Path(raw.origin).stem if raw.origin != "<stdin>" else "stdin")
        print(json.dumps(extraction_json(result, doc_id=doc_id), default=_json_default, ensure_ascii=False))
    return status


def extraction_json(extraction: Any, *, doc_id: str) -> dict[str, Any]:
    toponyms = []
    for r in extraction.resolutions:
        m, place = r.mention, r.place
        toponyms.append({
            "start": m.start, "end": m.end, "text": m.surface, "label": m.label, "status": r.status,
            "place_id": place.place_id if place else None, "name": place.name if place else None,
            "kind": place.kind if place else None, "country": place.country if place else None,
            "admin1": place.admin1 if place else None, "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "score": round(r.candidates[0].score, 4) if r.candidates else None,
        })
    article = extraction.article
    return {"id": doc_id, "article_id": article.article_id,
            "published": article.published.isoformat() if article.published else None,
            "toponyms": toponyms, "events": [e.to_dict() for e in extraction.events]}


# --- geocode -------------------------------------------------------------------

def cmd_geocode(args: argparse.Namespace) -> int:
    """Rank the places a name can be, reading it in its context exactly as
    ``extract`` reads an article: the same cleaning, analysis and resolver
    (``geocode_in_text``)."""
    if args.retry_unresolved:
        return _retry_unresolved(args)
    if args.text is None:
        print("sitrep geocode: error: give a place name, or --retry-unresolved", file=sys.stderr)
        return 1
    if not args.text.strip():
        print("sitrep geocode: error: the place name is empty", file=sys.stderr)
        return 1
    from etl.pipeline import Pipeline

    resolution = geocode_in_text(args.text, args.context, pipeline=Pipeline())
    candidates = list(resolution.candidates[:max(args.limit, 0)])
    if args.json:
        print(json.dumps([
            {"place_id": c.place.place_id, "name": c.place.name, "kind": c.place.kind,
             "country": c.place.country, "admin1": c.place.admin1, "admin2": c.place.admin2,
             "lat": c.place.lat, "lon": c.place.lon, "population": c.place.population,
             "score": round(c.score, 4), "status": resolution.status if rank == 0 else "candidate",
             "reasons": list(c.reasons)}
            for rank, c in enumerate(candidates)], ensure_ascii=False, indent=1))
        return 0
    if not candidates:
        print(f"no place found for {args.text!r}")
        return 0
    for rank, c in enumerate(candidates, start=1):
        p = c.place
        where = ", ".join(x for x in (p.admin2, p.admin1, p.country) if x)
        print(f"{rank}. {p.name} ({where}) {p.kind} {p.lat:.4f},{p.lon:.4f} "
              f"score {c.score:.2f} [{p.place_id}]" + (f" ({resolution.status})" if rank == 1 else ""))
        if c.reasons:
            print("   " + "; ".join(c.reasons))
    return 0


def geocode_in_text(name: str, context: str, *, pipeline: Any) -> Any:
    """The resolution of ``name`` read in ``context`` (see
    ``etl.toponyms.query_text``): the text is cleaned, analysed and resolved
    by the pipeline's own analyzer and resolver, as ``extract`` does; when
    the analysis finds no place mention at the name, one is made for it
    (``query_mention``) and resolved with the text's other mentions."""
    from etl.clean import clean_text
    from etl.pipeline import resolve
    from etl.toponyms import query_mention, query_text

    text, start, end = query_text(clean_text(name), clean_text(context) if context.strip() else "")
    analysis = pipeline.analyzer.analyse(text, article_id="geocode")
    mention, made = query_mention(analysis.mentions, text, start, end, article_id="geocode")
    if made:
        mentions = sorted([*analysis.mentions, mention], key=lambda m: (m.start, m.end))
        resolutions = pipeline.resolver.resolve(mentions, text=text)
    else:
        resolutions = resolve(analysis, resolver=pipeline.resolver)
    return next(r for r in resolutions if r.mention == mention)


def _retry_unresolved(args: argparse.Namespace) -> int:
    from etl.pipeline import retry_unresolved
    from etl.store import Store

    if args.geocoder == "offline":
        print("sitrep geocode: error: --retry-unresolved asks an online geocoder: give "
              "--geocoder nominatim|photon|arcgis", file=sys.stderr)
        return 1
    store = Store(args.db, create=False)
    geocoder = _online_geocoder(args, store)
    statuses = ("failed", "not_found") if args.include_not_found else ("failed",)
    report = retry_unresolved(store, geocoder=geocoder, statuses=statuses)
    for article_id, reason in report.errors:
        print(f"failed: article {article_id[:12]}: {reason}", file=sys.stderr)
    print(f"sitrep: {report.summary()} -> {store.url}", file=sys.stderr)
    if report.failed:
        why = getattr(geocoder, "last_error", None)
        print(f"sitrep: {report.failed} names still could not be looked up"
              + (f" ({why})" if why else "") + "; run this command again later", file=sys.stderr)
    return 2 if (report.failed or report.errors) else 0


# --- serve / demo ----------------------------------------------------------------

def _serve(db: str | None, host: str, port: int, args: argparse.Namespace) -> int:
    import importlib

    # The CLI is the one entry point that starts the dashboard; imported lazily
    # so the ETL never depends on it.
    if args.dev:
        if any(v is not None for v in (args.workers, args.threads, args.timeout_s)):
            print("sitrep: --workers, --threads and --timeout-s apply to the production "
                  "server, not to --dev", file=sys.stderr)
            return 1
        app_module = importlib.import_module("dashboard.app")
        print(f"sitrep: serving http://{host}:{port}/ with Flask's development server "
              "(Ctrl+C to stop)", file=sys.stderr)
        app_module.serve(store_url=db, host=host, port=port)
        return 0
    server = importlib.import_module("dashboard.server")
    workers = args.workers or server.default_workers()
    threads = args.threads or server.DEFAULT_THREADS
    level = logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower()
    per_worker = f" x {threads} threads" if threads > 1 else ""
    print(f"sitrep: serving http://{host}:{port}/ ({workers} worker processes{per_worker}; "
          "Ctrl+C to stop)", file=sys.stderr)
    server.serve(store_url=db, host=host, port=port, workers=workers, threads=threads,
                 timeout_s=args.timeout_s or server.DEFAULT_TIMEOUT_S,
                 log_level=level if level in ("debug", "info") else "warning")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(args.db, args.host, args.port, args)


def cmd_demo(args: argparse.Namespace) -> int:
    from etl.pipeline import ingest
    from etl.store import Store

    db_path = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(str(db_path) + suffix)
        if candidate.exists():
            candidate.unlink()
    seeds = Path(os.environ.get("SITREP_SEEDS", Path(__file__).resolve().parent.parent / "seeds"))
    store = Store(str(db_path))
    report = ingest([seeds], store=store)
    print(f"sitrep: demo store {db_path}: {report.summary()}", file=sys.stderr)
    return _serve(str(db_path), "127.0.0.1", args.port, args)


if __name__ == "__main__":
    sys.exit(main())
