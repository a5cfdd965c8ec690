"""The event store: the only module that writes SQL (SQLAlchemy Core).

Default: an SQLite file ``sitrep.db`` in the working directory (WAL mode), or
the URL given with ``--db`` / ``SITREP_DB``.  Only portable SQL is used so the
same code runs on PostgreSQL.

Writes for one article happen in one transaction: an article is stored with
its mentions, places and events, or not at all.  Re-ingesting the same text is
a no-op (``article_id`` is the hash of the normalised text; ``event_id`` is a
hash of article, type, place and date).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.errors import StoreError
from etl.records import Article, Event, Resolution

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///sitrep.db"

metadata = sa.MetaData()

articles = sa.Table(
    "articles", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("published_precision", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("language", sa.String(8), nullable=False, default="en"),
    sa.Column("origin", sa.Text, nullable=False, default=""),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

places = sa.Table(
    "places", metadata,
    sa.Column("place_id", sa.String(128), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("country", sa.String(3), nullable=False, default=""),
    sa.Column("admin1", sa.Text, nullable=False, default=""),
    sa.Column("admin2", sa.Text, nullable=False, default=""),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("population", sa.BigInteger, nullable=False, default=0),
    sa.Column("geometry", sa.Text, nullable=True),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("label", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("place_id", sa.String(128), nullable=True),
    sa.Column("score", sa.Float, nullable=True),
    sa.Column("runners_up", sa.JSON, nullable=True),
)

events = sa.Table(
    "events", metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id"), nullable=False, index=True),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("date_precision", sa.Integer, nullable=False),
    sa.Column("event_type", sa.String(64), nullable=False, index=True),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("actor1", sa.Text, nullable=False, default=""),
    sa.Column("actor2", sa.Text, nullable=False, default=""),
    sa.Column("country", sa.String(3), nullable=False, default="", index=True),
    sa.Column("admin1", sa.Text, nullable=False, default=""),
    sa.Column("admin2", sa.Text, nullable=False, default=""),
    sa.Column("location", sa.Text, nullable=False, default=""),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("geo_precision", sa.Integer, nullable=False),
    sa.Column("place_id", sa.String(128), nullable=False, default=""),
    sa.Column("fatalities", sa.Integer, nullable=False, default=0),
    sa.Column("fatalities_low", sa.Integer, nullable=False, default=0),
    sa.Column("fatalities_high", sa.Integer, nullable=True),
    sa.Column("injured", sa.Integer, nullable=False, default=0),
    sa.Column("evidence", sa.Text, nullable=False, default=""),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("claimed_by", sa.Text, nullable=False, default=""),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("cluster_id", sa.String(64), nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date, nullable=True),
    sa.Column("fatalities_reported", sa.Text, nullable=False, default=""),
)

geocode_cache = sa.Table(
    "geocode_cache", metadata,
    sa.Column("geocoder", sa.String(32), primary_key=True),
    sa.Column("query", sa.Text, primary_key=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
)

ingest_log = sa.Table(
    "ingest_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # stored|duplicate|rejected|failed
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("article_id", sa.String(64), nullable=True),
    sa.Column("n_events", sa.Integer, nullable=False, default=0),
    sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
)


def resolve_url(url: str | None = None) -> str:
    """The store URL: the argument, else ``$SITREP_DB``, else ``sitrep.db`` here.

    A bare file path is accepted and turned into an SQLite URL.
    """
    url = url or os.environ.get("SITREP_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters every read of events accepts (all optional, all combined)."""

    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    event_types: tuple[str, ...] = ()
    article_id: str | None = None


class Store:
    """Read and write access to one Sitrep database."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = resolve_url(url)
        try:
            self.engine: Engine = sa.create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _on_sqlite_connect)
            if create:
                metadata.create_all(self.engine)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot open store {self.url}: {error}") from error

    def close(self) -> None:
        self.engine.dispose()

    # -- write side ---------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(articles.c.article_id).where(articles.c.article_id == article_id)
            ).first()
        return row is not None

    def add_article(
        self,
        article: Article,
        *,
        resolutions: Sequence[Resolution],
        events_: Sequence[Event],
    ) -> bool:
        """Store one article with its mentions, places and events in one
        transaction.  Returns ``False`` (and writes nothing) when the article
        is already stored."""
        now = datetime.now(timezone.utc)
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(
                    sa.select(articles.c.article_id).where(
                        articles.c.article_id == article.article_id)
                ).first()
                if exists is not None:
                    return False
                conn.execute(articles.insert().values(
                    article_id=article.article_id, url=article.url, title=article.title,
                    source=article.source, published=article.published,
                    published_precision=article.published_precision, text=article.text,
                    language=article.language, origin=article.origin, ingested_at=now,
                ))
                self._upsert_places(conn, _places_of(resolutions))
                if resolutions:
                    conn.execute(mentions.insert(), [_mention_row(r) for r in resolutions])
                if events_:
                    conn.execute(events.insert(), [_event_row(e) for e in events_])
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot store article {article.article_id[:12]}: {error}") from error
        return True

    def _upsert_places(self, conn: sa.Connection, new_places: Iterable[Any]) -> None:
        rows = {p.place_id: p for p in new_places}
        if not rows:
            return
        known = {
            r[0] for r in conn.execute(
                sa.select(places.c.place_id).where(places.c.place_id.in_(list(rows)))
            )
        }
        fresh = [
            dict(place_id=p.place_id, name=p.name, kind=p.kind, country=p.country,
                 admin1=p.admin1, admin2=p.admin2, lat=p.lat, lon=p.lon,
                 population=p.population, geometry=p.geometry)
            for pid, p in rows.items() if pid not in known
        ]
        if fresh:
            conn.execute(places.insert(), fresh)

    def log_ingest(
        self, *, origin: str, status: str, reason: str = "",
        article_id: str | None = None, n_events: int = 0,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(ingest_log.insert().values(
                origin=origin, status=status, reason=reason, article_id=article_id,
                n_events=n_events, logged_at=datetime.now(timezone.utc),
            ))

    # -- read side ----------------------------------------------------------

    def query_events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, as plain dicts with the
        columns of DESIGN §4 (dates as ``datetime.date``)."""
        flt = flt or EventFilter()
        query = sa.select(events)
        if flt.countries:
            query = query.where(events.c.country.in_(flt.countries))
        if flt.since is not None:
            query = query.where(events.c.event_date >= flt.since)
        if flt.until is not None:
            query = query.where(events.c.event_date <= flt.until)
        if flt.event_types:
            query = query.where(events.c.event_type.in_(flt.event_types))
        if flt.article_id is not None:
            query = query.where(events.c.article_id == flt.article_id)
        query = query.order_by(events.c.event_date.desc(), events.c.event_id)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(articles).where(articles.c.article_id == article_id)
            ).first()
        return dict(row._mapping) if row is not None else None

    def article_mentions(self, article_id: str) -> list[dict[str, Any]]:
        """The article's place mentions with their resolved place (if any)."""
        query = (
            sa.select(mentions, places.c.name.label("place_name"),
                      places.c.country.label("place_country"))
            .select_from(mentions.outerjoin(places, mentions.c.place_id == places.c.place_id))
            .where(mentions.c.article_id == article_id)
            .order_by(mentions.c.start)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def ingest_log_rows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                sa.select(ingest_log).order_by(ingest_log.c.id))]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", articles), ("events", events),
                                    ("mentions", mentions), ("places", places))
            }


def _places_of(resolutions: Sequence[Resolution]) -> list[Any]:
    return [r.place for r in resolutions if r.place is not None]


def _mention_row(resolution: Resolution) -> dict[str, Any]:
    m = resolution.mention
    best = resolution.candidates[0] if resolution.candidates else None
    runners_up = [
        {"place_id": c.place.place_id, "name": c.place.name, "country": c.place.country,
         "score": round(c.score, 3)}
        for c in resolution.candidates[1:4]
    ]
    return dict(
        article_id=m.article_id, start=m.start, end=m.end, surface=m.surface,
        sentence_index=m.sentence_index, label=m.label, status=resolution.status,
        place_id=resolution.place.place_id if resolution.place else None,
        score=round(best.score, 4) if best else None, runners_up=runners_up,
    )


def _event_row(event: Event) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in events.c.keys()}
    return row


class SqlGeocodeCache:
    """The online geocoders' cache (``geo.online.GeocodeCache``) in the store's
    ``geocode_cache`` table: one row per (geocoder, normalised query) with the
    JSON payload of its candidates (``[]`` for "no match") and ``fetched_at``.

    ``put`` replaces an existing row: select, then update or insert, in one
    transaction (portable SQL, no dialect-specific upsert); a concurrent insert
    of the same key by another process is resolved by updating instead.
    Failures raise ``etl.errors.StoreError``.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, geocoder: str, query: str) -> list[dict[str, Any]] | None:
        try:
            with self.store.engine.connect() as conn:
                row = conn.execute(
                    sa.select(geocode_cache.c.payload).where(
                        geocode_cache.c.geocoder == geocoder, geocode_cache.c.query == query)
                ).first()
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read the geocode cache: {error}") from error
        if row is None:
            return None
        payload = row[0]
        return payload if isinstance(payload, list) else None

    def put(self, geocoder: str, query: str, payload: list[dict[str, Any]]) -> None:
        try:
            self._put(geocoder, query, payload)
        except sa.exc.IntegrityError:
            # Another writer inserted the same key between our select and insert.
            try:
                self._put(geocoder, query, payload)
            except sa.exc.SQLAlchemyError as error:
                raise StoreError(f"cannot write the geocode cache: {error}") from error
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot write the geocode cache: {error}") from error

    def _put(self, geocoder: str, query: str, payload: list[dict[str, Any]]) -> None:
        key = (geocode_cache.c.geocoder == geocoder) & (geocode_cache.c.query == query)
        now = datetime.now(timezone.utc)
        with self.store.engine.begin() as conn:
            exists = conn.execute(sa.select(geocode_cache.c.geocoder).where(key)).first()
            if exists is None:
                conn.execute(geocode_cache.insert().values(
                    geocoder=geocoder, query=query, payload=payload, fetched_at=now))
            else:
                conn.execute(geocode_cache.update().where(key).values(
                    payload=payload, fetched_at=now))
