"""``sitrep eval``: score the ETL against annotated corpora (DESIGN §6).

The scoring lives in :mod:`etl.evaluate` (geoparsing),
:mod:`etl.evaluate_events` (events) and :mod:`etl.evaluate_news` (events
and incidents of news articles); this module is their command line:

    sitrep eval geoparse PATH [--format …] [--mode end2end|resolution|both] [--limit N] [--json]
    sitrep eval events PATH [--format case|ucdp|isaf|satp|gold] [--limit N] [--json]
    sitrep eval news PATH [--json]
    python -m etl.cli_eval [--all DIR] [--only geoparse|events|news] [--limit N] [--json]

The last form runs every standard set found under DIR (default
``$SITREP_EVAL_DATA`` or ``../shared/data``) and prints one table per task;
``make eval`` calls it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from etl import evaluate as geo_eval
from etl import evaluate_events as event_eval
from etl import evaluate_news as news_eval

logger = logging.getLogger(__name__)


def _error(message: str) -> int:
    print(f"sitrep: error: {message}", file=sys.stderr)
    return 1


def add_eval_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``sitrep eval geoparse|events|news PATH …`` on an argparse subparsers object."""
    parser = subparsers.add_parser(
        "eval", help="score geoparsing or events against annotated corpora",
        description="Score the ETL against an annotated corpus. Geoparse metrics: n_gold, n_pred, "
                    "precision, recall, f1 (exact spans), acc161, mean_km, median_km, auc. Event "
                    "metrics: precision, recall, f1, type_accuracy, fatalities_exact, "
                    "fatalities_mae, date_accuracy, location_acc161 and per-set extras. News metrics "
                    "(PATH: the news_incidents folder or one of its parts): event precision, recall, f1, "
                    "subtype_accuracy, fatalities_exact, article_total_exact; incident pairwise_precision, "
                    "pairwise_recall, pairwise_f1, n_incidents, fatalities_total against gold.")
    parser.add_argument("task", choices=["geoparse", "events", "news"])
    parser.add_argument("path", type=Path, metavar="PATH", help="corpus file (news: folder)")
    parser.add_argument("--format", dest="fmt", default="auto",
                        choices=["auto", *dict.fromkeys([*geo_eval.FORMATS, *event_eval.FORMATS])],
                        help="corpus format (default: guess from the file); geoparse: "
                             f"{', '.join(geo_eval.FORMATS)}; events: {', '.join(event_eval.FORMATS)}")
    parser.add_argument("--mode", default="both", choices=[*geo_eval.MODES, "both"],
                        help="geoparse only. end2end: our recognition + resolution; resolution: "
                             "gold spans given (default both)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="first N documents only")
    parser.add_argument("--literal", action="store_true",
                        help="geoparse: score GeoWebNews' literal toponym types only")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="geoparse with --json: include up to N toponyms placed more than 161 km off")
    return parser


def cmd_eval(args: argparse.Namespace) -> int:
    """``sitrep eval``: print metrics (a table, or JSON with ``--json``)."""
    if args.limit is not None and args.limit < 1:
        return _error("--limit must be at least 1")
    if args.task == "events":
        return _cmd_events(args)
    if args.task == "news":
        return _cmd_news(args)
    return _cmd_geoparse(args)


def _cmd_geoparse(args: argparse.Namespace) -> int:
    if args.fmt not in ("auto", *geo_eval.FORMATS):
        return _error(f"--format for geoparse must be one of auto, {', '.join(geo_eval.FORMATS)}")
    try:
        docs = geo_eval.read_corpus(args.path, fmt=args.fmt, limit=args.limit)
    except geo_eval.EvalError as error:
        return _error(str(error))
    from etl.pipeline import Pipeline

    pipeline = Pipeline()
    modes = geo_eval.MODES if args.mode == "both" else (args.mode,)
    kinds = geo_eval.GWN_LITERAL_KINDS if getattr(args, "literal", False) else None
    results = {m: geo_eval.evaluate_docs(docs, mode=m, pipeline=pipeline, kinds=kinds,
                                         keep_misses=args.misses if args.json else 0) for m in modes}
    if args.json:
        payload: dict[str, Any] = results[modes[0]] if len(modes) == 1 else results
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(geo_eval.markdown_table([(args.path.name, m, results[m]) for m in modes]))
    return 0


def _cmd_events(args: argparse.Namespace) -> int:
    fmt = args.fmt or "auto"
    if fmt not in ("auto", *event_eval.FORMATS):
        return _error(f"--format for events must be one of auto, {', '.join(event_eval.FORMATS)}")
    path = Path(args.path)
    try:
        if fmt == "auto":
            fmt = event_eval.detect_format(path)
        event_eval.read_events_corpus(path, fmt=fmt, limit=1)  # fail fast, before loading models
    except (event_eval.EventEvalError, OSError, UnicodeDecodeError) as error:
        return _error(str(error))
    from etl.pipeline import Pipeline

    metrics = event_eval.run_events(path, fmt=fmt, pipeline=Pipeline(), limit=args.limit)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        print(event_eval.markdown_table([(path.name, metrics)]))
    return 0


def _cmd_news(args: argparse.Namespace) -> int:
    try:
        sets = news_eval.read_news_sets(Path(args.path))
    except (news_eval.NewsEvalError, OSError, UnicodeDecodeError) as error:
        return _error(str(error))
    articles = news_eval.combine(sets).articles
    _, missing = news_eval.read_texts(articles)
    if len(missing) == len(articles):
        return _error(news_eval.missing_message(missing, len(articles)))
    from etl.pipeline import Pipeline

    rows, missing = news_eval.run_news(Path(args.path), pipeline=Pipeline())
    if missing:
        print(f"sitrep: warning: {news_eval.missing_message(missing, len(articles))}; "
              "scored without them", file=sys.stderr)
    if args.json:
        print(json.dumps(rows[-1][1] if len(rows) == 1 else dict(rows), indent=2))
    else:
        print(event_eval.markdown_table(news_eval.markdown_rows(rows)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Every standard set of both tasks; one table per task (``make eval``)."""
    parser = argparse.ArgumentParser(prog="python -m etl.cli_eval",
                                     description="Score geoparsing and events on every standard set.")
    parser.add_argument("--all", dest="data_dir", type=Path, nargs="?", const=None, default=None,
                        metavar="DIR", help="data folder (default $SITREP_EVAL_DATA or ../shared/data)")
    parser.add_argument("--only", choices=["geoparse", "events", "news"], help="run one task only")
    parser.add_argument("--limit", type=int, default=None, metavar="N")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    data_dir = args.data_dir or geo_eval.default_data_dir()
    tasks = [args.only] if args.only else ["geoparse", "events", "news"]
    folders = {"geoparse": "geoparsing", "events": "events", "news": news_eval.NEWS_SET}
    missing = [t for t in tasks if not (data_dir / folders[t]).is_dir()]
    if "news" in missing and not args.only:  # an older data folder: the other tasks still run
        print(f"sitrep: warning: no {folders['news']}/ folder in {data_dir}; news set skipped", file=sys.stderr)
        tasks.remove("news")
        missing.remove("news")
    if missing:
        return _error(f"no {folders[missing[0]]}/ folder in {data_dir} (set SITREP_EVAL_DATA)")
    from etl.pipeline import Pipeline

    pipeline = Pipeline()
    output: dict[str, Any] = {}
    if "geoparse" in tasks:
        rows = geo_eval.run_all(data_dir, pipeline=pipeline, limit=args.limit)
        output["geoparse"] = [{"corpus": c, "mode": m, **r} for c, m, r in rows]
        if not args.json:
            print("## Geoparsing\n\n" + geo_eval.markdown_table(rows) + "\n")
    if "events" in tasks:
        event_rows = event_eval.run_all(data_dir, pipeline=pipeline, limit=args.limit)
        output["events"] = [{"corpus": c, **m} for c, m in event_rows]
        if not args.json:
            print("## Events\n\n" + event_eval.markdown_table(event_rows) + "\n")
    if "news" in tasks:
        output["news"] = _all_news(data_dir / news_eval.NEWS_SET, pipeline=pipeline, as_json=args.json)
    if args.json:
        print(json.dumps(output, indent=2))
    return 0


def _all_news(path: Path, *, pipeline: Any, as_json: bool) -> list[dict[str, Any]]:
    """The news set's rows for ``--all``; with texts missing, one line on
    stderr and the rows that could be scored (none when no text is there)."""
    articles = news_eval.combine(news_eval.read_news_sets(path)).articles
    _, missing = news_eval.read_texts(articles)
    if missing:
        print(f"sitrep: warning: {news_eval.missing_message(missing, len(articles))}"
              + ("; news set skipped" if len(missing) == len(articles) else "; scored without them"),
              file=sys.stderr)
        if len(missing) == len(articles):
            return []
    rows, _ = news_eval.run_news(path, pipeline=pipeline)
    if not as_json:
        print("## News articles: events and incidents\n\n"
              + event_eval.markdown_table(news_eval.markdown_rows(rows)))
    return [{"corpus": name, **metrics} for name, metrics in rows]


if __name__ == "__main__":
    raise SystemExit(main())
