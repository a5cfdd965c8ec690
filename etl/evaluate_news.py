"""News-article evaluation: events per article and incidents across articles.

Pipeline position: outside the ETL, like :mod:`etl.evaluate_events`.  It
reads a set coded to ``ANNOTATION.md`` (``../shared/data/events/
news_incidents``: per part, ``sources.tsv``, ``gold.jsonl`` and
``incidents.jsonl``), runs the whole ETL over the articles' texts, links the
events into incidents (:mod:`etl.incidents`) and scores both levels
as ANNOTATION.md's "How a system is scored" says.

The texts are third-party articles and are never in the repository: they are
read from ``$DEVNEWS_TEXTS`` or ``~/.cache/sitrep/news_incidents/texts/<id>.txt``
(the set's README says how to fetch them).  Missing texts are reported, never
replaced.

**Events** (inside one article).  A predicted event matches a gold event with
the same ``event_type``, a place within 161 km (the same country when gold
has ``geo_precision`` 3; a predicted border event lies in both its
countries) and a date within one day (the same month when gold
has month precision, the same year for year precision).  Each gold event
matches at most one predicted event: the matching is a maximum one-to-one
matching, and among those the one whose pairs agree best on sub-type, then
date, then place (a minimum-cost assignment, independent of the order the
events are listed in).  Reported: precision,
recall and F1; ``subtype_accuracy`` over matched pairs;
``fatalities_exact`` over matched gold events with a figure (an aggregate
figure -- one figure written on several places, ``fatalities_note``
"aggregate over A+B: N" -- is one item: the predicted figures of the events
matched to its places must add up to N); ``article_total_exact``: the share
of articles whose summed predicted fatalities equal the gold total
(aggregates counted once).

**Incidents** (across articles).  Pairwise "same incident" decisions over
all events: precision is the share of predicted same-incident pairs whose two
events match gold events of one incident (a pair with an unmatched event is
wrong), recall the share of gold same-incident pairs whose two events match
predicted events that the system put in one incident (a pair with an
unmatched gold event is missed), so both carry the event errors too.
``pairwise_*_matched`` count only the events that found a partner, which
isolates the linking decisions.  A
predicted incident matches a gold incident when more than half of its
matched events belong to it (``incidents_matched``).  ``n_incidents`` and
``fatalities_total`` (sum of ``fatalities_best``) are compared with the gold
incidents; ``fatalities_by_country_month`` (JSON only) lists both per
(country, month), and ``fatalities_cells_within_15pct`` is the share of
those cells where the predicted total is within 15 % of gold.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from etl.evaluate_events import ACC_KM, haversine_km, prf

if TYPE_CHECKING:  # the pipeline loads spaCy: import it only when running
    from etl.incidents import Incident
    from etl.pipeline import Pipeline
    from etl.records import Event

logger = logging.getLogger(__name__)

NEWS_SET = "events/news_incidents"
TEXTS_ENV = "DEVNEWS_TEXTS"
_AGGREGATE = re.compile(r"aggregate over ([^:]+):\s*(\d[\d,]*)", re.I)


class NewsEvalError(ValueError):
    """A news set cannot be read (missing files, malformed lines)."""


@dataclass(frozen=True, slots=True)
class GoldNewsEvent:
    """One gold event of an article (ANNOTATION.md fields used in scoring)."""

    event_type: str
    sub_event_type: str
    date_first: date | None
    date_last: date | None
    date_precision: str  # day | month | year
    country: str
    lat: float | None
    lon: float | None
    geo_precision: int
    fatalities: int | None
    incident_id: str
    role: str = "main"
    aggregate: str = ""  # "A+B: N" for one figure written on several places


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    url: str
    outlet: str
    published: date | None
    events: tuple[GoldNewsEvent, ...]


@dataclass(frozen=True, slots=True)
class GoldIncident:
    incident_id: str
    event_type: str
    country: str
    month: str  # YYYY-MM
    fatalities_best: int | None
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NewsSet:
    """One part of the set (or the whole set): articles and incidents."""

    name: str
    articles: tuple[GoldArticle, ...]
    incidents: tuple[GoldIncident, ...]


@dataclass(frozen=True, slots=True)
class PredictedIncident:
    """What the incident score needs of a predicted incident."""

    incident_id: str
    country: str
    event_date: date | None
    fatalities_best: int | None


# --------------------------------------------------------------------------- reading


def texts_dir() -> Path:
    """Where the article texts are: ``$DEVNEWS_TEXTS`` or the user cache."""
    configured = os.environ.get(TEXTS_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "sitrep" / "news_incidents" / "texts"


def _date_range(value: str, precision: str) -> tuple[date | None, date | None]:
    try:
        if precision == "month" or re.fullmatch(r"\d{4}-\d{2}", value or ""):
            year, month = map(int, value[:7].split("-"))
            first = date(year, month, 1)
            return first, date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        if precision == "year" or re.fullmatch(r"\d{4}", value or ""):
            return date(int(value[:4]), 1, 1), date(int(value[:4]), 12, 31)
        day = date.fromisoformat(value[:10])
        return day, day
    except (TypeError, ValueError):
        return None, None


def _optional_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _optional_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float(value)


def _gold_event(record: Mapping[str, Any]) -> GoldNewsEvent:
    precision = record.get("date_precision") or "day"
    first, last = _date_range(str(record.get("date") or ""), precision)
    note = record.get("fatalities_note") or ""
    aggregate = _AGGREGATE.search(note)
    return GoldNewsEvent(
        event_type=record.get("event_type", ""), sub_event_type=record.get("sub_event_type", ""),
        date_first=first, date_last=last, date_precision=precision, country=record.get("country", ""),
        lat=_optional_float(record.get("lat")), lon=_optional_float(record.get("lon")),
        geo_precision=int(record.get("geo_precision") or 1), fatalities=_optional_int(record.get("fatalities")),
        incident_id=record.get("incident_id", ""), role=record.get("role") or "main",
        aggregate=f"{aggregate.group(1).strip()}: {aggregate.group(2)}" if aggregate else "",
    )


def _json_lines(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise NewsEvalError(f"{path}: no such file")
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise NewsEvalError(f"{path}:{number}: bad JSON: {error.msg}") from error
    return out


def read_part(folder: Path) -> NewsSet:
    """One folder with ``sources.tsv``, ``gold.jsonl`` and ``incidents.jsonl``."""
    sources_path = folder / "sources.tsv"
    if not sources_path.is_file():
        raise NewsEvalError(f"{folder}: no sources.tsv (not a news_incidents part)")
    with sources_path.open(encoding="utf-8", newline="") as handle:
        sources = {row["id"]: row for row in csv.DictReader(handle, delimiter="\t")}
    articles: list[GoldArticle] = []
    for record in _json_lines(folder / "gold.jsonl"):
        try:
            article_id = record["id"]
            source = sources.get(article_id, {})
            published = record.get("published") or source.get("published") or ""
            articles.append(GoldArticle(
                article_id=article_id, url=record.get("url") or source.get("url", ""),
                outlet=source.get("outlet", ""),
                published=date.fromisoformat(published) if published else None,
                events=tuple(_gold_event(e) for e in record.get("events") or ())))
        except (KeyError, TypeError, ValueError) as error:
            raise NewsEvalError(f"{folder / 'gold.jsonl'}: bad article record: {error}") from error
    incidents: list[GoldIncident] = []
    for record in _json_lines(folder / "incidents.jsonl"):
        try:
            incidents.append(GoldIncident(
                incident_id=record["incident_id"], event_type=record.get("event_type", ""),
                country=record.get("country", ""), month=str(record.get("date") or "")[:7],
                fatalities_best=_optional_int(record.get("fatalities_best")),
                articles=tuple(record.get("articles") or ())))
        except (KeyError, TypeError, ValueError) as error:
            raise NewsEvalError(f"{folder / 'incidents.jsonl'}: bad incident record: {error}") from error
    return NewsSet(folder.name, tuple(articles), tuple(incidents))


def read_news_sets(path: Path) -> list[NewsSet]:
    """The parts under ``path`` (its ``part-*`` folders), or ``path`` itself
    when it is one part."""
    if not path.is_dir():
        raise NewsEvalError(f"{path}: no such folder")
    parts = sorted(p for p in path.iterdir() if p.is_dir() and (p / "sources.tsv").is_file())
    if (path / "sources.tsv").is_file():
        return [read_part(path)]
    if not parts:
        raise NewsEvalError(f"{path}: no part folder with sources.tsv, gold.jsonl and incidents.jsonl")
    return [read_part(p) for p in parts]


def combine(sets: Sequence[NewsSet], *, name: str = "all") -> NewsSet:
    return NewsSet(name, tuple(a for s in sets for a in s.articles), tuple(i for s in sets for i in s.incidents))


def read_texts(articles: Sequence[GoldArticle], *, folder: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """``({article id: text}, [ids whose text is missing])``."""
    folder = folder or texts_dir()
    texts: dict[str, str] = {}
    missing: list[str] = []
    for article in articles:
        path = folder / f"{article.article_id}.txt"
        if path.is_file():
            texts[article.article_id] = path.read_text(encoding="utf-8")
        else:
            missing.append(article.article_id)
    return texts, missing


def missing_message(missing: Sequence[str], total: int, *, folder: Path | None = None) -> str:
    """The one line that says texts are missing and how to get them."""
    folder = folder or texts_dir()
    return (f"news_incidents: {len(missing)} of {total} article texts missing in {folder} "
            f"(first: {missing[0]}.txt); fetch them as {NEWS_SET}/README.md says, or set ${TEXTS_ENV}")


# --------------------------------------------------------------------------- event level


def same_place(gold: GoldNewsEvent, event: Event) -> bool:
    if gold.geo_precision >= 3 and gold.country:
        # a border event lies in both countries ("border:KHM-THA")
        return event.country == gold.country or (
            event.place_id.startswith("border:") and gold.country in event.place_id.split(":", 1)[1].split("-"))
    if gold.lat is None or gold.lon is None or event.latitude is None or event.longitude is None:
        return bool(gold.country) and event.country == gold.country
    return haversine_km(gold.lat, gold.lon, event.latitude, event.longitude) <= ACC_KM


def same_date(gold: GoldNewsEvent, event: Event) -> bool:
    if gold.date_first is None or gold.date_last is None:
        return True
    if event.event_date is None:
        return False
    if gold.date_precision == "day":
        return abs((event.event_date - gold.date_first).days) <= 1
    return gold.date_first <= event.event_date <= gold.date_last


def event_matches(gold: GoldNewsEvent, event: Event) -> bool:
    return event.event_type == gold.event_type and same_place(gold, event) and same_date(gold, event)


def _preference(gold: GoldNewsEvent, event: Event) -> tuple[int, int, float]:
    days = abs((event.event_date - gold.date_first).days) if event.event_date and gold.date_first else 99
    km = haversine_km(gold.lat, gold.lon, event.latitude, event.longitude) \
        if None not in (gold.lat, gold.lon, event.latitude, event.longitude) else 9999.0
    return (event.sub_event_type != gold.sub_event_type, days, km)


def match_article(gold: Sequence[GoldNewsEvent], predicted: Sequence[Event]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold to predicted events of one
    article; ``(gold index, predicted index)`` pairs sorted by gold index.
    Among the maximum matchings, the one whose pairs agree best: fewest
    sub-type disagreements, then fewest days apart, then fewest kilometres
    (a minimum-cost assignment, so the result does not depend on the order
    the events are listed in)."""
    if not gold or not predicted:
        return []
    import numpy as np  # here, not at the top: every ``sitrep`` command imports this module
    from scipy.optimize import linear_sum_assignment

    cost = np.full((len(gold), len(predicted)), _NO_MATCH)
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if event_matches(g, p):
                other_sub, days, km = _preference(g, p)
                cost[gi, pi] = other_sub * 1e6 + min(days, 99) * 1e3 + min(km, 999.0)
    rows, cols = linear_sum_assignment(cost)
    return sorted((int(gi), int(pi)) for gi, pi in zip(rows, cols) if cost[gi, pi] < _NO_MATCH)


_NO_MATCH = 1e15  # more than any sum of real pairs' costs: the matching is first of all maximum


MISS_REASONS = ("type", "place", "date", "absent")


def miss_reason(gold: GoldNewsEvent, spare: Sequence[Event]) -> str:
    """Why a gold event found no partner: the one test ("type", "place",
    "date") that an unmatched predicted event of its article fails while
    passing the other two, else "absent" (no such near miss).  Near misses
    cost both precision and recall; "absent" is a happening not found."""
    failed_alone: list[str] = []
    for event in spare:
        tests = {"type": event.event_type == gold.event_type,
                 "place": same_place(gold, event), "date": same_date(gold, event)}
        wrong = [name for name, ok in tests.items() if not ok]
        if len(wrong) == 1:
            failed_alone.append(wrong[0])
    for reason in MISS_REASONS[:3]:
        if reason in failed_alone:
            return reason
    return "absent"


def gold_total(events: Sequence[GoldNewsEvent]) -> int:
    """An article's gold fatalities, each aggregate figure counted once."""
    total = 0
    seen: set[str] = set()
    for e in events:
        if e.fatalities is None:
            continue
        if e.aggregate:
            if e.aggregate in seen:
                continue
            seen.add(e.aggregate)
        total += e.fatalities
    return total


def score_events(articles: Sequence[GoldArticle],
                 predictions: Sequence[Sequence[Event]]) -> dict[str, float | int]:
    n_gold = sum(len(a.events) for a in articles)
    n_pred = sum(len(p) for p in predictions)
    tp = subtype_ok = exact = with_figure = totals_ok = 0
    main_gold = main_found = 0
    misses: Counter[str] = Counter()
    for article, events in zip(articles, predictions):
        pairs = match_article(article.events, events)
        tp += len(pairs)
        matched = dict(pairs)
        spare = [e for pi, e in enumerate(events) if pi not in set(matched.values())]
        misses.update(miss_reason(g, spare) for gi, g in enumerate(article.events) if gi not in matched)
        subtype_ok += sum(events[pi].sub_event_type == article.events[gi].sub_event_type for gi, pi in pairs)
        groups: dict[str, list[int]] = defaultdict(list)
        for gi, g in enumerate(article.events):
            if g.fatalities is None:
                continue
            if g.aggregate:
                groups[g.aggregate].append(gi)
            elif gi in matched:
                with_figure += 1
                exact += events[matched[gi]].fatalities == g.fatalities
        for members in groups.values():
            found = [matched[gi] for gi in members if gi in matched]
            if found:
                with_figure += 1
                exact += sum(events[pi].fatalities for pi in found) == article.events[members[0]].fatalities
        totals_ok += sum(e.fatalities for e in events) == gold_total(article.events)
        main_gold += sum(g.role == "main" for g in article.events)
        main_found += sum(article.events[gi].role == "main" for gi in matched)
    out: dict[str, float | int] = {"n_articles": len(articles), "n_gold": n_gold, "n_pred": n_pred,
                                   **prf(tp, n_gold=n_gold, n_pred=n_pred)}
    out["recall_main"] = main_found / main_gold if main_gold else 0.0
    out["subtype_accuracy"] = subtype_ok / tp if tp else 0.0
    out["n_fatalities_scored"] = with_figure
    out["fatalities_exact"] = exact / with_figure if with_figure else 0.0
    out["article_total_exact"] = totals_ok / len(articles) if articles else 0.0
    out["fatalities_pred_events_sum"] = sum(e.fatalities for events in predictions for e in events)
    out["fatalities_gold_events_sum"] = sum(gold_total(a.events) for a in articles)
    for reason in MISS_REASONS:  # unmatched gold events by the test a near miss fails
        out[f"missed_{reason}"] = misses[reason]
    return out


# --------------------------------------------------------------------------- incident level


def _pairs(labels: Mapping[Any, str]) -> set[frozenset[Any]]:
    by_label: dict[str, list[Any]] = defaultdict(list)
    for key, label in labels.items():
        by_label[label].append(key)
    out: set[frozenset[Any]] = set()
    for members in by_label.values():
        members.sort(key=repr)
        out.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    return out


def score_incidents(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Event]],
                    links: Sequence[Sequence[str]], incidents: Sequence[PredictedIncident],
                    gold_incidents: Sequence[GoldIncident]) -> dict[str, Any]:
    """``links[k][j]``: the predicted incident id of event j of article k."""
    gold_of: dict[tuple[int, int], str] = {}      # predicted event -> gold incident (matched only)
    pred_of: dict[tuple[int, int], str] = {}      # predicted event -> predicted incident
    gold_all: dict[tuple[int, int], str] = {}     # gold event -> gold incident
    pred_for_gold: dict[tuple[int, int], str] = {}  # matched gold event -> predicted incident
    for k, (article, events) in enumerate(zip(articles, predictions)):
        for j in range(len(events)):
            pred_of[(k, j)] = links[k][j]
        for gi, g in enumerate(article.events):
            gold_all[(k, gi)] = g.incident_id
        for gi, pi in match_article(article.events, events):
            gold_of[(k, pi)] = article.events[gi].incident_id
            pred_for_gold[(k, gi)] = links[k][pi]
    matched_pred = {key: pred_of[key] for key in gold_of}
    pred_pairs = _pairs(matched_pred)
    gold_pairs = _pairs(gold_of)
    out: dict[str, Any] = {}
    correct = len(pred_pairs & gold_pairs)
    scores = prf(correct, n_gold=len(gold_pairs), n_pred=len(pred_pairs))
    matched_scores = {f"pairwise_{k}_matched": v for k, v in scores.items()}
    # All events: every predicted link and every gold pair count.
    all_pred_pairs = _pairs(pred_of)
    all_gold_pairs = _pairs(gold_all)
    right = sum(1 for pair in all_pred_pairs if all(key in gold_of for key in pair)
                and len({gold_of[key] for key in pair}) == 1)
    found = sum(1 for pair in all_gold_pairs if all(key in pred_for_gold for key in pair)
                and len({pred_for_gold[key] for key in pair}) == 1)
    precision = right / len(all_pred_pairs) if all_pred_pairs else 0.0
    recall = found / len(all_gold_pairs) if all_gold_pairs else 0.0
    out["pairwise_precision"] = precision
    out["pairwise_recall"] = recall
    out["pairwise_f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out.update(matched_scores)
    # A predicted incident matches the gold incident most of its matched events belong to.
    members: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, incident in pred_of.items():
        members[incident].append(key)
    matched_gold: set[str] = set()
    for incident, keys in members.items():
        votes = Counter(gold_of[key] for key in keys if key in gold_of)
        if votes:
            label, count = votes.most_common(1)[0]
            if count * 2 > len(keys):
                matched_gold.add(label)
    out["n_incidents"] = len(incidents)
    out["n_incidents_gold"] = len(gold_incidents)
    out["incidents_matched"] = len(matched_gold)
    predicted_total = sum(i.fatalities_best or 0 for i in incidents)
    gold_sum = sum(i.fatalities_best or 0 for i in gold_incidents)
    out["fatalities_total"] = predicted_total
    out["fatalities_total_gold"] = gold_sum
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for i in gold_incidents:
        cells[(i.country, i.month)][0] += i.fatalities_best or 0
    for p in incidents:
        month = p.event_date.isoformat()[:7] if p.event_date else ""
        cells[(p.country, month)][1] += p.fatalities_best or 0
    scored = {key: value for key, value in cells.items() if value[0] or value[1]}
    within = sum(1 for g, p in scored.values() if abs(p - g) <= 0.15 * g)
    out["fatalities_cells_within_15pct"] = within / len(scored) if scored else 0.0
    out["fatalities_by_country_month"] = {f"{c} {m}": {"gold": g, "pred": p}
                                          for (c, m), (g, p) in sorted(scored.items())}
    return out


# --------------------------------------------------------------------------- running


def extract_articles(articles: Sequence[GoldArticle], texts: Mapping[str, str], *,
                     pipeline: Pipeline) -> list[tuple[Event, ...]]:
    """The ETL's events per article (``Pipeline.extract``), in order; an
    undated article whose main events fit dated incidents of the others is
    coded again as of their first report day
    (:func:`etl.pipeline.date_by_each_other`)."""
    from etl.errors import RejectedInput
    from etl.pipeline import date_by_each_other, to_article
    from etl.sources import RawDocument

    results: list[Any] = []
    for article in articles:
        raw = RawDocument(origin=article.article_id, text=texts[article.article_id], url=article.url,
                          source=article.outlet,
                          published=article.published.isoformat() if article.published else None)
        try:
            results.append(pipeline.extract(to_article(raw)))
        except RejectedInput as rejected:
            logger.warning("%s rejected: %s", article.article_id, rejected.reason)
            results.append(None)
    return [r.events if r is not None else () for r in date_by_each_other(results, pipeline=pipeline)]


def link(predictions: Sequence[Sequence[Event]]) -> tuple[list[list[str]], list[PredictedIncident]]:
    """Link the events of all articles into incidents (the ETL's linker)."""
    from etl.incidents import link_incidents

    incidents = link_incidents([e for events in predictions for e in events])
    incident_of = {event_id: i.incident_id for i in incidents for event_id in i.event_ids}
    links = [[incident_of[e.event_id] for e in events] for events in predictions]
    return links, [predicted_incident(i) for i in incidents]


def predicted_incident(incident: Incident) -> PredictedIncident:
    return PredictedIncident(incident.incident_id, incident.country, incident.event_date,
                             incident.fatalities_best)


def score_set(news: NewsSet, predictions: Sequence[Sequence[Event]]) -> dict[str, Any]:
    links, incidents = link(predictions)
    return {**score_events(news.articles, predictions),
            **score_incidents(news.articles, predictions, links, incidents, news.incidents)}


def run_news(path: Path, *, pipeline: Pipeline,
             texts_folder: Path | None = None) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """Score every part under ``path`` and, with several parts, all together.
    Returns the rows and the ids of articles whose text is missing (those are
    left out of every score)."""
    sets = read_news_sets(path)
    whole = combine(sets)
    texts, missing = read_texts(whole.articles, folder=texts_folder)
    if missing:
        sets = [_without(s, set(missing)) for s in sets]
        whole = combine(sets)
    predictions = dict(zip((a.article_id for a in whole.articles),
                           extract_articles(whole.articles, texts, pipeline=pipeline)))
    rows: list[tuple[str, dict[str, Any]]] = []
    for part in [*sets, *([whole] if len(sets) > 1 else [])]:
        rows.append((part.name, score_set(part, [predictions[a.article_id] for a in part.articles])))
    return rows, missing


def _without(news: NewsSet, missing: set[str]) -> NewsSet:
    kept = tuple(a for a in news.articles if a.article_id not in missing)
    return NewsSet(news.name, kept, news.incidents)


def markdown_rows(rows: Sequence[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, float | int]]]:
    """The rows without the per-cell detail, for ``markdown_table``."""
    return [(name, {k: v for k, v in metrics.items() if isinstance(v, (int, float))}) for name, metrics in rows]
