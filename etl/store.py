"""The event store: the only module that writes SQL (SQLAlchemy Core).

Default: an SQLite file ``sitrep.db`` in the working directory (WAL mode), or
the URL given with ``--db`` / ``SITREP_DB``: a file path, ``sqlite:///…``, or
``postgresql://…`` (run with psycopg 3: ``postgresql+psycopg://…``).  The SQL
is portable except where a function names its dialect: the evidence text
index (FTS5 on SQLite, ``pg_trgm`` on PostgreSQL), the idempotent inserts
(``INSERT … ON CONFLICT``, which both dialects spell alike) and the schema
lock (PostgreSQL).

Writes for one article happen in one transaction: an article is stored with
its mentions, places and events, or not at all.  Re-ingesting the same text is
a no-op (``article_id`` is the hash of the normalised text; ``event_id`` is a
hash of article, type, place and date).  Several processes may write one
store at once (three ``sitrep ingest`` on three machines over one
PostgreSQL): every write is an insert that skips or merges a row another
writer stored first, never a check followed by an insert, so a race stores
the article once and fails nothing.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles

from etl.errors import StoreError
from etl.records import EVENT_FIELDS, Article, Event, Resolution
from etl.store_linking import (
    _MOVE_REPORTS, _across_query, _candidate_query, _fit_form, _incident_upsert, undated_articles_query,
    undated_fit_form, undated_query,
)
from etl.store_schema import (  # noqa: F401  (callers import the tables and INCIDENT_FIELDS from here)
    INCIDENT_EVENTS, INCIDENT_FIELDS, REVISION, articles, events, geocode_cache, incident_aliases, incidents,
    ingest_log, mentions, metadata, places, store_meta,
)

logger = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///sitrep.db"

BACKENDS = ("sqlite", "postgresql")
"""The databases a store may live in."""

_POSTGRES_SCHEMES = ("postgresql", "postgres")
_PG_DRIVER = "postgresql+psycopg"
"""psycopg 3 is the PostgreSQL driver Sitrep installs (not psycopg2, which
SQLAlchemy would pick for a bare ``postgresql://``)."""


def resolve_url(url: str | None = None) -> str:
    """The store URL: the argument, else ``$SITREP_DB``, else ``sitrep.db`` here.

    A bare file path is accepted and turned into an SQLite URL;
    ``postgresql://`` and ``postgres://`` become ``postgresql+psycopg://``.
    """
    url = url or os.environ.get("SITREP_DB") or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme.lower() in _POSTGRES_SCHEMES:
        return f"{_PG_DRIVER}://{rest}"
    return url


def shown_url(url: str) -> str:
    """``url`` as messages show it: the password replaced by ``***``."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    _set_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _set_wal(cursor: Any) -> None:
    """Switch a connection's database to WAL.  Another process holding the
    write lock of a store not yet in WAL (several ingests opening a new store
    together) makes the switch fail at once with "database is locked": SQLite
    does not wait on its busy timeout here, so wait for it, up to that timeout."""
    deadline = time.monotonic() + _SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters every read of events accepts (all optional, all combined)."""

    countries: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    event_types: tuple[str, ...] = ()
    article_id: str | None = None
    # Added for the dashboard (all optional; the defaults filter nothing).
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    """Events where any of these is ``actor1`` or ``actor2``."""
    min_fatalities: int | None = None
    sources: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    text: str | None = None
    """Case-insensitive substring of the evidence sentence."""
    bbox: tuple[float, float, float, float] | None = None
    """``(west, south, east, north)`` in degrees, inclusive."""
    incident_ids: tuple[str, ...] | None = None
    """Only the events of these incidents (``None``: any; on the incidents
    read as events, :data:`INCIDENT_EVENTS`, only these incidents).  The
    dashboard narrows incidents to those whose reports match the filters
    on reports (actors, sources, free text), and counts the reports of
    the incidents shown."""
    of_incidents: EventFilter | None = None
    """Only the reports of the incidents this filter selects (read as
    :meth:`Store.incident_reader` reads them), in SQL: an export's reports."""


REPORT_FIELDS: tuple[str, ...] = ("actors", "sources", "text", "article_id")
"""The filters on what a report says, not on what its incident is: on the
incidents they keep those with at least one matching report."""


def report_side(flt: EventFilter) -> EventFilter:
    """The part of ``flt`` about what reports say (the default filter when none)."""
    return EventFilter(**{name: getattr(flt, name) for name in REPORT_FIELDS})


def incident_side(flt: EventFilter) -> EventFilter:
    """``flt`` without its report-side fields."""
    return dataclasses.replace(flt, actors=(), sources=(), text=None, article_id=None)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- the evidence text index ---------------------------------------------------
#
# A text search means: the evidence contains the query, ASCII letters
# compared case-insensitively and nothing else folded (SQLite's ``lower()``
# and ``LIKE``; the dashboard's in-memory search folds alike), on every
# backend.  The portable condition is a ``LIKE`` scan (:class:`_contains_text`);
# an index only narrows, so its results are exactly the scan's.
#
# SQLite: an FTS5 table with the trigram tokenizer: a phrase query of three
# or more characters is a case-insensitive substring match served from the
# index, so a free-text search no longer scans every evidence sentence.  The
# table keeps its own copy of the evidence with the event id (not an
# external-content table over ``events.rowid``: VACUUM may renumber the rowids
# of a table without an INTEGER PRIMARY KEY).  Triggers keep it in step with
# every write to ``events`` in the same transaction; :class:`Store` creates
# and back-fills it when it opens an SQLite store that lacks it.
#
# PostgreSQL: a GIN index of the evidence's trigrams (``pg_trgm``) under the
# "C" collation, which serves ``evidence COLLATE "C" ILIKE pattern``: the
# same SQL as the scan, so the planner picks the index by itself.  "C"
# folds ASCII letters only, as SQLite does, whatever the database's locale
# (under ``en_US.UTF-8`` a plain ``ILIKE`` would also match "ünal" to
# "ÜNAL").  :class:`Store` creates the extension (when it may) and the index
# when it opens a PostgreSQL store that lacks them.
TEXT_INDEX = "events_fts"
"""The SQLite text index (an FTS5 table)."""
PG_TEXT_INDEX = "ix_events_evidence_trgm"
"""The PostgreSQL text index (GIN, ``gin_trgm_ops``)."""
TEXT_INDEX_MIN_CHARS = 3
"""Trigrams need three characters: shorter searches scan with ``LIKE``."""
_text_index = sa.table(TEXT_INDEX, sa.column("event_id"), sa.column("evidence"))
_TEXT_INDEX_DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {TEXT_INDEX} USING fts5("
    "event_id UNINDEXED, evidence, tokenize='trigram')",
    f"CREATE TRIGGER {TEXT_INDEX}_insert AFTER INSERT ON events BEGIN "
    f"INSERT INTO {TEXT_INDEX}(event_id, evidence) VALUES (new.event_id, new.evidence); END",
    f"CREATE TRIGGER {TEXT_INDEX}_delete AFTER DELETE ON events BEGIN "
    f"DELETE FROM {TEXT_INDEX} WHERE event_id = old.event_id; END",
    f"CREATE TRIGGER {TEXT_INDEX}_update AFTER UPDATE OF event_id, evidence ON events BEGIN "
    f"DELETE FROM {TEXT_INDEX} WHERE event_id = old.event_id; "
    f"INSERT INTO {TEXT_INDEX}(event_id, evidence) VALUES (new.event_id, new.evidence); END",
)
_PG_TEXT_INDEX_DDL = (f'CREATE INDEX IF NOT EXISTS {PG_TEXT_INDEX} ON events '
                      'USING gin (evidence COLLATE "C" gin_trgm_ops)')


class _LikePattern(sa.types.TypeDecorator[str]):
    """A ``LIKE`` pattern parameter.  SQLite reads a pattern only up to its
    first NUL; PostgreSQL cannot receive a NUL at all, so there the pattern
    is cut at its first NUL before it is sent: both answer alike (and no
    stored PostgreSQL text holds a NUL)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        if value is not None and dialect.name != "sqlite" and "\x00" in value:
            return value.split("\x00", 1)[0]
        return value


class _contains_text(sa.sql.functions.FunctionElement[bool]):
    """``_contains_text(column, pattern)``: the column matches the ``LIKE``
    pattern (backslash escapes), ASCII letters folded (see the comment
    above): ``lower(column) LIKE lower(pattern)`` by default,
    ``column COLLATE "C" ILIKE pattern`` on PostgreSQL."""

    type = sa.Boolean()
    inherit_cache = True
    name = "contains_text"


@compiles(_contains_text)
def _compile_contains_text(element: _contains_text, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return str(compiler.process(column.ilike(pattern, escape="\\"), **kw))


@compiles(_contains_text, "postgresql")
def _compile_contains_text_pg(element: _contains_text, compiler: Any, **kw: Any) -> str:
    column, pattern = list(element.clauses)
    return str(compiler.process(sa.collate(column, "C").ilike(pattern, escape="\\"), **kw))


def _fts_phrase(text: str) -> str:
    """``text`` as one FTS5 phrase (a quoted string: no query syntax)."""
    return '"' + text.replace('"', '""') + '"'


def text_condition(text: str, *, text_index: bool = False,
                   table: sa.FromClause | None = None) -> sa.ColumnElement[bool]:
    """Evidence contains ``text`` (ASCII case-insensitive ``LIKE``, on any
    backend).  ``text_index``: the store has the FTS5 trigram index (SQLite),
    which then finds the candidates; the same ``LIKE`` decides, on the
    index's copy of the evidence, so the matches are exactly the scan's.
    (PostgreSQL's trigram index serves the ``LIKE`` condition itself.)"""
    table = events if table is None else table
    if table is not events or not _indexable(text, text_index=text_index):
        return _contains_text(table.c.evidence,
                              sa.literal(_like_pattern(text), type_=_LikePattern()))
    return events.c.event_id.in_(_text_index_query(text))


def _indexable(text: str, *, text_index: bool) -> bool:
    """Whether the FTS5 index can answer ``text``: three characters or more
    and no NUL (an FTS5 query string cannot hold one; ``LIKE`` answers)."""
    return text_index and len(text) >= TEXT_INDEX_MIN_CHARS and "\x00" not in text


def _text_index_query(text: str) -> sa.Select[Any]:
    """Ids of the events whose evidence contains ``text``, from the text
    index alone: the trigram match narrows, ``LIKE`` on the index's copy of
    the evidence decides (so never a read of the events table)."""
    fts = _text_index.c
    return sa.select(fts.event_id).where(
        fts.evidence.op("MATCH")(_fts_phrase(text)),
        sa.func.lower(fts.evidence).like(sa.func.lower(_like_pattern(text)), escape="\\"))


def event_conditions(flt: EventFilter, *, text_index: bool = False,
                     table: sa.FromClause | None = None) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of ``flt`` on the events table, or on another
    relation with its columns (``table``: :data:`INCIDENT_EVENTS`) (portable
    SQL; with ``text_index`` a text search goes through the SQLite text
    index, see :func:`text_condition`)."""
    table = events if table is None else table
    c = table.c
    where: list[sa.ColumnElement[bool]] = []
    if flt.countries:
        where.append(c.country.in_(flt.countries))
    if flt.since is not None:
        where.append(c.event_date >= flt.since)
    if flt.until is not None:
        where.append(c.event_date <= flt.until)
    if flt.event_types:
        where.append(c.event_type.in_(flt.event_types))
    if flt.article_id is not None:
        where.append(c.article_id == flt.article_id)
    if flt.sub_event_types:
        where.append(c.sub_event_type.in_(flt.sub_event_types))
    if flt.actors:
        where.append(sa.or_(c.actor1.in_(flt.actors), c.actor2.in_(flt.actors)))
    if flt.min_fatalities:
        where.append(c.fatalities >= int(flt.min_fatalities))
    if flt.sources:
        where.append(c.source.in_(flt.sources))
    if flt.locations:
        where.append(c.location.in_(flt.locations))
    if flt.text:
        where.append(text_condition(flt.text, text_index=text_index, table=table))
    if flt.bbox is not None:
        west, south, east, north = (float(v) for v in flt.bbox)
        where += [c.longitude >= west, c.longitude <= east,
                  c.latitude >= south, c.latitude <= north]
    if flt.incident_ids is not None:
        where.append(c.incident_id.in_(list(flt.incident_ids)) if flt.incident_ids
                     else sa.false())
    if flt.of_incidents is not None:
        chosen = sa.select(INCIDENT_EVENTS.c.incident_id).where(
            *incident_read_conditions(flt.of_incidents, text_index=text_index))
        where.append(c.incident_id.in_(chosen))
    return where


def incident_read_conditions(flt: EventFilter, *,
                             text_index: bool = False) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of ``flt`` on :data:`INCIDENT_EVENTS`: what the
    incident is (country, dates, type, place, best figure, point) on its
    own columns; what reports say (actors, sources, text, article) through
    its reports (``etl.store.REPORT_FIELDS``)."""
    where = event_conditions(incident_side(flt), table=INCIDENT_EVENTS)
    asked = report_side(flt)
    if asked != EventFilter():
        where.append(INCIDENT_EVENTS.c.incident_id.in_(sa.select(events.c.incident_id).where(
            *event_conditions(asked, text_index=text_index))))
    return where


# The read indexes live on a copy of the events table in a metadata of
# their own, so ``metadata.create_all`` (and so every ingest) never builds
# them: only :meth:`Store.ensure_read_indexes` does (the dashboard, at start).
_read_metadata = sa.MetaData()
_read_events = events.to_metadata(_read_metadata)
for _index in list(_read_events.indexes):
    _read_events.indexes.discard(_index)
_rc = _read_events.c
READ_INDEXES: tuple[sa.Index, ...] = (
    sa.Index("ix_events_read_cube", _rc.event_date, _rc.event_type, _rc.country,
             _rc.fatalities, _rc.article_id),
    sa.Index("ix_events_read_country_date", _rc.country, _rc.event_date),
    sa.Index("ix_events_read_type_date", _rc.event_type, _rc.event_date),
    sa.Index("ix_events_read_location", _rc.location, _rc.country, _rc.fatalities),
    sa.Index("ix_events_read_actors", _rc.actor1, _rc.actor2),
    sa.Index("ix_events_read_source", _rc.source),
    sa.Index("ix_events_read_sub", _rc.sub_event_type),
    sa.Index("ix_events_read_place", _rc.place_id, _rc.event_type, _rc.geo_precision,
             _rc.fatalities),
)
"""Indexes for the dashboard's SQL aggregates (created on demand by
:meth:`Store.ensure_read_indexes`, never by ``create_all``: ingest does not
pay for them, and adding them to a large store takes a while)."""

# Orders spell out where NULL goes: SQLite sorts it first, PostgreSQL last,
# and every backend (and the dashboard's in-memory index) must agree.
def _newest_first(table: sa.FromClause) -> tuple[Any, ...]:
    return (table.c.event_date.desc().nulls_last(), table.c.event_id)
"""Newest first, undated last, then by id."""


def _ascending(columns: Sequence[sa.ColumnElement[Any]]) -> list[sa.ColumnElement[Any]]:
    """``columns`` ascending, NULL first (SQLite's own order)."""
    return [col.asc().nulls_first() for col in columns]


MAP_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "event_date", "date_precision", "event_type", "sub_event_type",
    "country", "location", "latitude", "longitude", "geo_precision", "place_id", "fatalities",
    "fatalities_reported", "source",
)
"""The event columns the map needs (no evidence text: keeps responses small)."""


_SCHEMA_LOCK_KEY = 0x5349_5452_4550  # "SITREP": the PostgreSQL advisory lock of schema changes
_SQLITE_BUSY_TIMEOUT_S = 30.0
"""How long an SQLite writer waits for another process's write to finish."""


def _reason(error: BaseException) -> str:
    """A database error as one line: the driver's own message when there is
    one (no SQL, no parameters, no link to SQLAlchemy's docs)."""
    orig = getattr(error, "orig", None)
    text = str(orig if orig is not None else error)
    return " ".join(part.strip() for part in text.splitlines() if part.strip()) or type(error).__name__


class Store:
    """Read and write access to one Sitrep database (SQLite or PostgreSQL).

    ``url`` is the store as messages show it (password hidden); the engine
    holds the real one.  ``create`` (default): make the tables and the text
    index when missing; ``False`` opens an existing store without writing.
    """

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        resolved = resolve_url(url)
        self.url = shown_url(resolved)
        try:
            backend = sa.engine.make_url(resolved).get_backend_name()
            if backend not in BACKENDS:
                raise StoreError(f"cannot open store {self.url}: unsupported database "
                                 f"{backend!r} (use an SQLite file or a postgresql:// URL)")
            if backend == "sqlite":
                self.engine: Engine = sa.create_engine(
                    resolved, connect_args={"timeout": _SQLITE_BUSY_TIMEOUT_S})
                sa.event.listen(self.engine, "connect", _on_sqlite_connect)
            else:
                # app servers outlive database restarts: test a pooled connection before use
                self.engine = sa.create_engine(resolved, pool_pre_ping=True)
            if create and (self._missing_tables() or self._missing_columns()):
                with self._schema_change() as conn:
                    metadata.create_all(conn)
                    conn.execute(self._insert(store_meta).values(name=REVISION, value=0)
                                 .on_conflict_do_nothing(index_elements=[store_meta.c.name]))
                    if self._add_missing_columns(conn):
                        self._relink(conn)
            self.text_index = self._open_text_index(create=create)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot open store {self.url}: {_reason(error)}") from error

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return str(self.engine.dialect.name)

    def _missing_tables(self) -> list[str]:
        """The store's tables this database lacks (checked without a lock,
        so that opening a complete store, even a read-only one, writes
        nothing)."""
        with self.engine.connect() as conn:
            present = set(sa.inspect(conn).get_table_names())
        return [name for name in metadata.tables if name not in present]

    def _missing_columns(self) -> dict[str, list[str]]:
        """Columns of the store's tables that this database's tables lack
        (a store written by an older Sitrep: ``events.incident_id`` and
        ``role`` came with the incidents)."""
        missing: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            inspector = sa.inspect(conn)
            present = set(inspector.get_table_names())
            for name, table in metadata.tables.items():
                if name not in present:
                    continue
                have = {c["name"] for c in inspector.get_columns(name)}
                lacking = [c.name for c in table.columns if c.name not in have]
                if lacking:
                    missing[name] = lacking
        return missing

    def _add_missing_columns(self, conn: sa.Connection) -> bool:
        """Add the missing columns (with their defaults); whether any was
        added.  Runs inside :meth:`_schema_change`."""
        inspector = sa.inspect(conn)
        added = False
        for name, table in metadata.tables.items():
            have = {c["name"] for c in inspector.get_columns(name)}
            for column in table.columns:
                if column.name in have:
                    continue
                kind = column.type.compile(dialect=conn.dialect)
                default = column.default.arg if column.default is not None else None
                if default is None or callable(default):
                    clause = "NULL"
                else:
                    literal = sa.literal(default).compile(
                        dialect=conn.dialect, compile_kwargs={"literal_binds": True})
                    clause = f"NOT NULL DEFAULT {literal}"
                preparer = conn.dialect.identifier_preparer
                conn.exec_driver_sql(f"ALTER TABLE {preparer.quote(name)} ADD COLUMN "
                                     f"{preparer.quote(column.name)} {kind} {clause}")
                logger.info("store %s: added column %s.%s", self.url, name, column.name)
                added = True
        if added:
            for table in metadata.tables.values():
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
        return added

    @contextmanager
    def _schema_change(self) -> Iterator[sa.Connection]:
        """One transaction for a change of the schema, which only one process
        at a time makes: several processes opening a new store together
        (ingests on three machines, the workers of an app server) then
        create each table once.  PostgreSQL: a transaction-level advisory
        lock (its DDL is transactional); SQLite: ``BEGIN IMMEDIATE`` (the
        write lock, so the DDL and any back-fill commit together)."""
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_SCHEMA_LOCK_KEY)))
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    def revision(self) -> int:
        """The store's write counter (0 for a store that predates it)."""
        try:
            with self.engine.connect() as conn:
                value = conn.execute(sa.select(store_meta.c.value).where(
                    store_meta.c.name == REVISION)).scalar()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError):
            return 0  # no store_meta table: an older store (SQLite, PostgreSQL)
        return int(value or 0)

    def _bump_revision(self, conn: sa.Connection) -> None:
        """Add one to the revision (an upsert: also where the row is missing)."""
        insert = self._insert(store_meta).values(name=REVISION, value=1)
        conn.execute(insert.on_conflict_do_update(
            index_elements=[store_meta.c.name], set_={"value": store_meta.c.value + 1}))

    def database_path(self) -> Path | None:
        """The database file of an SQLite store (resolved), else ``None``."""
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return Path(url.database).resolve()

    def _open_text_index(self, *, create: bool) -> bool:
        """Whether the evidence text index is there (:data:`TEXT_INDEX` on
        SQLite, :data:`PG_TEXT_INDEX` on PostgreSQL); opened with ``create``,
        make it when missing (and back-fill it on SQLite) in one transaction,
        once per database.  ``False`` where it cannot be made (an SQLite build
        without FTS5, a PostgreSQL without ``pg_trgm`` or a role that may not
        create it, a read-only store): text searches then scan with ``LIKE``,
        with the same results."""
        if self.dialect == "postgresql":
            return self._open_pg_text_index(create=create)
        with self.engine.connect() as conn:
            if sa.inspect(conn).has_table(TEXT_INDEX):
                return True
        if not create:
            return False
        try:
            with self._schema_change() as conn:
                if sa.inspect(conn).has_table(TEXT_INDEX):  # another process made it
                    return True
                started = time.perf_counter()
                for statement in _TEXT_INDEX_DDL:
                    conn.exec_driver_sql(statement)
                conn.exec_driver_sql(
                    f"INSERT INTO {TEXT_INDEX}(event_id, evidence) "
                    "SELECT event_id, evidence FROM events")
                n = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        except sa.exc.OperationalError as error:  # no FTS5 in this SQLite build, read-only file
            with self.engine.connect() as conn:
                if sa.inspect(conn).has_table(TEXT_INDEX):  # made by another process meanwhile
                    return True
            logger.warning("no evidence text index in %s (%s): text search scans with LIKE",
                           self.url, _reason(error))
            return False
        if n:
            logger.info("built the evidence text index of %d events in %.1f s", n,
                        time.perf_counter() - started)
        return True

    def _has_pg_text_index(self, conn: sa.Connection) -> bool:
        return conn.execute(sa.select(sa.func.to_regclass(PG_TEXT_INDEX))).scalar() is not None

    def _open_pg_text_index(self, *, create: bool) -> bool:
        with self.engine.connect() as conn:
            if self._has_pg_text_index(conn):
                return True
        if not create:
            return False
        try:
            with self._schema_change() as conn:
                if self._has_pg_text_index(conn):
                    return True
                started = time.perf_counter()
                has_trgm = conn.execute(sa.text(
                    "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
                if has_trgm is None:
                    conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                conn.exec_driver_sql(_PG_TEXT_INDEX_DDL)
                n = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
        except sa.exc.DBAPIError as error:  # no pg_trgm, or no right to create it
            logger.warning("no evidence text index in %s (%s): text search scans with ILIKE; "
                           "an administrator can run CREATE EXTENSION pg_trgm in that "
                           "database (docs/deploy.md)", self.url, _reason(error))
            return False
        if n:
            logger.info("built the evidence text index of %d events in %.1f s", n,
                        time.perf_counter() - started)
        return True

    def drop_text_index(self) -> None:
        """Remove the evidence text index (and on SQLite its triggers): for a
        bulk load, which then calls :meth:`ensure_text_index` (one build is
        several times faster than updating the index per inserted event).
        Text searches scan with ``LIKE`` meanwhile."""
        with self._schema_change() as conn:
            if self.dialect == "postgresql":
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_TEXT_INDEX}")
            else:
                for suffix in ("insert", "delete", "update"):
                    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TEXT_INDEX}_{suffix}")
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TEXT_INDEX}")
        self.text_index = False

    def ensure_text_index(self) -> bool:
        """Create and fill the evidence text index if missing; whether text
        searches now use it."""
        self.text_index = self._open_text_index(create=True)
        return self.text_index

    @property
    def _fts(self) -> bool:
        """Text searches go through the SQLite FTS5 table (PostgreSQL's index
        serves the ``LIKE`` condition itself)."""
        return self.text_index and self.dialect == "sqlite"

    def _where(self, flt: EventFilter | None) -> list[sa.ColumnElement[bool]]:
        if self._read is INCIDENT_EVENTS:
            return incident_read_conditions(flt or EventFilter(), text_index=self._fts)
        return event_conditions(flt or EventFilter(), text_index=self._fts, table=self._read)

    _read: sa.FromClause = events
    """What the read side reads: the events, or (:meth:`incident_reader`)
    the incidents shaped like events."""

    @property
    def reads_incidents(self) -> bool:
        return self._read is INCIDENT_EVENTS

    def incident_reader(self) -> Store:
        """This store's read side over the incidents instead of the events
        (the same methods, the same columns: :data:`INCIDENT_EVENTS`); it
        shares the connection pool."""
        reader = copy.copy(self)
        reader._read = INCIDENT_EVENTS
        return reader

    def close(self) -> None:
        self.engine.dispose()

    # -- write side ---------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(articles.c.article_id).where(articles.c.article_id == article_id)
            ).first()
        return row is not None

    def _insert(self, table: sa.Table) -> Any:
        """An ``INSERT`` into ``table`` that can say ``ON CONFLICT`` (the
        dialect's own construct: SQLite and PostgreSQL spell it alike)."""
        dialect = pg_dialect if self.dialect == "postgresql" else sqlite_dialect
        return dialect.insert(table)

    def add_article(
        self,
        article: Article,
        *,
        resolutions: Sequence[Resolution],
        events_: Sequence[Event],
    ) -> bool:
        """Store one article with its mentions, places and events in one
        transaction.  Returns ``False`` (and writes nothing) when the article
        is already stored.

        Safe against other writers: the article's row is inserted first, and
        skipped when another process holds it (stored, or being stored: the
        insert then waits for that transaction and skips, or stores if it
        rolled back); places are inserted in ``place_id`` order and skipped
        when present, so two writers sharing new places neither fail nor
        deadlock."""
        now = datetime.now(timezone.utc)
        try:
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    self._insert(articles).values(self._storable(dict(
                        article_id=article.article_id, url=article.url, title=article.title,
                        source=article.source, published=article.published,
                        published_precision=article.published_precision, text=article.text,
                        language=article.language, origin=article.origin, ingested_at=now,
                    ))).on_conflict_do_nothing(index_elements=[articles.c.article_id])
                    .returning(articles.c.article_id)).first()
                if inserted is None:  # stored by another writer, or earlier
                    return False
                # The revision row first: writers wait here for each other, so
                # each links against what the others committed.
                self._bump_revision(conn)
                self._add_extraction(conn, resolutions, self._link(conn, events_))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(
                f"cannot store article {article.article_id[:12]}: {_reason(error)}") from error
        return True

    def replace_extraction(
        self, article_id: str, *, resolutions: Sequence[Resolution], events_: Sequence[Event],
    ) -> None:
        """Replace a stored article's mentions and events (a re-coding, e.g.
        after its unresolved places were looked up again), in one
        transaction.  Raises :class:`StoreError` when the article is not
        stored.  The article's row is locked first (PostgreSQL; SQLite has
        one writer at a time anyway), so two re-codings of one article take
        turns instead of the second failing on the first's new events."""
        try:
            with self.engine.begin() as conn:
                if conn.execute(sa.select(articles.c.article_id).where(
                        articles.c.article_id == article_id).with_for_update()).first() is None:
                    raise StoreError(f"no stored article {article_id[:12]}")
                self._bump_revision(conn)
                old_ids = [r[0] for r in conn.execute(sa.select(events.c.event_id).where(
                    events.c.article_id == article_id))]
                self._unlink(conn, old_ids)
                conn.execute(events.delete().where(events.c.article_id == article_id))
                conn.execute(mentions.delete().where(mentions.c.article_id == article_id))
                self._add_extraction(conn, resolutions, self._link(conn, events_))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(
                f"cannot re-code article {article_id[:12]}: {_reason(error)}") from error

    # -- incidents (the linking itself is etl.incidents: pure functions) -------

    def _link(self, conn: sa.Connection, new_events: Sequence[Event]) -> list[Event]:
        """Link one article's new events into the stored incidents
        (:func:`etl.incidents.add_reports` over the incidents they may
        join), write the incidents that changed, and return the events with
        their ``incident_id``.  Runs in the article's transaction."""
        from etl import incidents as linking

        if not new_events:
            return []
        existing = self._candidate_incidents(conn, new_events)
        linked = linking.add_reports(existing, new_events)
        self._write_incidents(conn, existing, linked, new_ids={e.event_id for e in new_events})
        incident_of = {eid: inc.incident_id for inc in linked for eid in inc.event_ids}
        return [dataclasses.replace(e, incident_id=incident_of.get(e.event_id, e.event_id))
                for e in new_events]

    def _candidate_incidents(self, conn: sa.Connection, new_events: Sequence[Event]) -> list[Any]:
        """The stored incidents the new events may join, each with all its
        reports: for each new event, those whose every report passes
        :func:`_fit_form` (the SQL form of what
        ``etl.incidents.reports_fit`` needs), so an incident with one report
        too far, too early or typed otherwise on another day is not read.
        Every incident a new event fits is among them, and so every incident
        linking can join or merge."""
        from etl import incidents as linking

        found: set[str] = set()
        for event in new_events:
            fit = _fit_form(event)
            if fit is None:
                continue
            form, values = fit
            found.update(r[0] for r in conn.execute(_candidate_query(form), values))
            if form.across_border and event.event_date is not None:
                window = timedelta(days=linking.LINK_DAYS_COARSE)
                found.update(r[0] for r in conn.execute(_across_query(form), {
                    **values, "day_first": event.event_date - window, "day_last": event.event_date + window}))
        return self._incidents_by_id(conn, sorted(found))

    def _incidents_by_id(self, conn: sa.Connection, ids: Sequence[str]) -> list[Any]:
        """The stored incidents of ``ids``, each with all its reports and aliases."""
        from etl import incidents as linking

        c = events.c
        members: dict[str, list[Event]] = {}
        aliases: dict[str, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in conn.execute(sa.select(events).where(c.incident_id.in_(chunk))):
                event = event_from_row(row._mapping)
                members.setdefault(event.incident_id, []).append(event)
            for alias, target in conn.execute(sa.select(
                    incident_aliases.c.alias_id, incident_aliases.c.incident_id).where(
                    incident_aliases.c.incident_id.in_(chunk))):
                aliases.setdefault(target, []).append(alias)
        return [linking.summarize(iid, group, aliases=aliases.get(iid, ()))
                for iid, group in sorted(members.items())]

    def undated_articles(self, *, countries: Iterable[str] | None = None) -> list[str]:
        """The ids of the stored articles with no publication date none of
        whose events is dated (:mod:`etl.undated` may date them); with
        ``countries``, only those with an event in one of them."""
        wanted = None if countries is None else sorted(set(countries))
        if wanted is not None and not wanted:
            return []
        try:
            with self.engine.connect() as conn:
                query = undated_articles_query(by_country=wanted is not None)
                return [r[0] for r in conn.execute(query, {"countries": wanted} if wanted is not None else {})]
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read the articles of {self.url}: {_reason(error)}") from error

    def article_events(self, article_id: str) -> list[Event]:
        """The stored events of one article, in id order."""
        with self.engine.connect() as conn:
            return [event_from_row(r._mapping) for r in conn.execute(
                sa.select(events).where(events.c.article_id == article_id).order_by(events.c.event_id))]

    def incidents_for_undated(self, events_: Sequence[Event]) -> list[Any]:
        """The stored incidents with a report dated to the day or week that an undated
        article's main events may fit by type and place, whatever its day
        (``etl.undated.publication_guess`` decides)."""
        found: set[str] = set()
        try:
            with self.engine.connect() as conn:
                for event in events_:
                    fit = undated_fit_form(event) if event.role == "main" else None
                    if fit is not None:
                        found.update(r[0] for r in conn.execute(undated_query(fit[0]), fit[1]))
                return self._incidents_by_id(conn, sorted(found))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read the incidents of {self.url}: {_reason(error)}") from error

    def _write_incidents(self, conn: sa.Connection, before: Sequence[Any], after: Sequence[Any],
                         *, new_ids: set[str]) -> None:
        """Store the incidents of ``after`` that differ from ``before``:
        upsert their rows, point their stored reports at them, and keep the
        ids of incidents merged away as aliases."""
        old_members = {i.incident_id: set(i.event_ids) for i in before}
        surviving = {i.incident_id for i in after}
        for incident in after:
            if set(incident.event_ids) == old_members.get(incident.incident_id):
                continue
            row = self._storable(incident_row(incident))
            conn.execute(_incident_upsert(self.dialect, tuple(row)), row)
            stored = [eid for eid in incident.event_ids if eid not in new_ids]
            for start in range(0, len(stored), 500):
                conn.execute(_MOVE_REPORTS, {"ids": stored[start:start + 500], "target": incident.incident_id})
            for alias in incident.aliases:
                if alias in surviving:
                    continue
                conn.execute(self._insert(incident_aliases).values(
                    alias_id=alias, incident_id=incident.incident_id).on_conflict_do_update(
                    index_elements=[incident_aliases.c.alias_id],
                    set_={"incident_id": incident.incident_id}))
                conn.execute(incident_aliases.update().where(
                    incident_aliases.c.incident_id == alias).values(
                    incident_id=incident.incident_id))
        gone = sorted(set(old_members) - surviving)
        if gone:
            conn.execute(incidents.delete().where(incidents.c.incident_id.in_(gone)))

    def _unlink(self, conn: sa.Connection, event_ids: Sequence[str]) -> None:
        """Take events out of their incidents before they are deleted (a
        re-coding): each incident is summarised again from its other
        reports, or removed (its id kept as an alias of nothing is not
        needed: no report refers to it any more)."""
        from etl import incidents as linking

        if not event_ids:
            return
        c = events.c
        ids = sorted({r[0] for r in conn.execute(sa.select(c.incident_id).where(
            c.event_id.in_(list(event_ids)), c.incident_id != ""))})
        leaving = set(event_ids)
        for incident_id in ids:
            rest = [event_from_row(r._mapping) for r in conn.execute(
                sa.select(events).where(c.incident_id == incident_id))
                if r.event_id not in leaving]
            if not rest:
                conn.execute(incidents.delete().where(incidents.c.incident_id == incident_id))
                continue
            aliases = [r[0] for r in conn.execute(sa.select(incident_aliases.c.alias_id).where(
                incident_aliases.c.incident_id == incident_id))]
            incident = linking.summarize(incident_id, rest, aliases=aliases)
            conn.execute(incidents.update().where(incidents.c.incident_id == incident_id)
                         .values(self._storable(incident_row(incident))))

    def relink_incidents(self) -> int:
        """Link every stored event from scratch (:func:`etl.incidents.link_incidents`,
        canonical order: the same incidents whatever order the articles came
        in) and rewrite the incidents; an id that no longer names an incident
        becomes an alias of the incident that now holds its first report.
        Returns the number of incidents."""
        try:
            with self._schema_change() as conn:
                self._bump_revision(conn)
                return self._relink(conn)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot re-link the incidents of {self.url}: {_reason(error)}") from error

    def _relink(self, conn: sa.Connection) -> int:
        from etl import incidents as linking

        all_events = [event_from_row(r._mapping) for r in conn.execute(sa.select(events))]
        linked = linking.link_incidents(all_events)
        current = {e.event_id: e.incident_id for e in all_events}
        old_ids = {r[0] for r in conn.execute(sa.select(incidents.c.incident_id))}
        old_aliases = dict(conn.execute(sa.select(incident_aliases.c.alias_id,
                                                  incident_aliases.c.incident_id)).all())
        incident_of = {eid: inc.incident_id for inc in linked for eid in inc.event_ids}
        conn.execute(incident_aliases.delete())
        conn.execute(incidents.delete())
        rows = [self._storable(incident_row(i)) for i in linked]
        for start in range(0, len(rows), 500):
            conn.execute(incidents.insert(), rows[start:start + 500])
        moved = [{"eid": event_id, "iid": incident_id}
                 for event_id, incident_id in sorted(incident_of.items())
                 if current.get(event_id) != incident_id]
        if moved:  # one statement, many parameter sets (executemany)
            conn.execute(events.update().where(events.c.event_id == sa.bindparam("eid"))
                         .values(incident_id=sa.bindparam("iid")), moved)
        surviving = {i.incident_id for i in linked}
        alias_rows: dict[str, str] = {}
        for incident in linked:
            for alias in incident.aliases:
                if alias not in surviving:
                    alias_rows[alias] = incident.incident_id
        # Ids that named incidents before (or were aliases) keep pointing
        # at the incident that now holds their first report.
        for old in sorted(old_ids | set(old_aliases)):
            if old in surviving or old in alias_rows:
                continue
            target = incident_of.get(old) or incident_of.get(old_aliases.get(old, ""))
            if target is not None and target != old:
                alias_rows[old] = target
        if alias_rows:
            conn.execute(incident_aliases.insert(),
                         [{"alias_id": a, "incident_id": t} for a, t in sorted(alias_rows.items())])
        return len(linked)

    def resolve_incident_id(self, incident_id: str) -> str | None:
        """The id of the incident ``incident_id`` names now (itself, or the
        incident it was merged into); ``None`` when unknown."""
        with self.engine.connect() as conn:
            if conn.execute(sa.select(incidents.c.incident_id).where(
                    incidents.c.incident_id == incident_id)).first() is not None:
                return incident_id
            return conn.execute(sa.select(incident_aliases.c.incident_id).where(
                incident_aliases.c.alias_id == incident_id)).scalar()

    def incident_conditions(self, flt: EventFilter) -> list[sa.ColumnElement[bool]]:
        """WHERE clauses on the incidents table for ``flt``, as the incident
        reader reads it (:func:`incident_read_conditions`: the incident's own
        type, place, date, best figure and point; actors, sources, free text
        and article through its reports)."""
        where = incident_read_conditions(flt, text_index=self._fts)
        if not where:
            return []
        return [incidents.c.incident_id.in_(
            sa.select(INCIDENT_EVENTS.c.incident_id).where(*where))]

    def query_incidents(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Incidents matching the filter, newest first, as plain dicts (the
        columns of the incidents table; ``article_ids`` a list)."""
        query = (sa.select(incidents).where(*self.incident_conditions(flt or EventFilter()))
                 .order_by(incidents.c.event_date.desc().nulls_last(), incidents.c.incident_id))
        return self._rows(query)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident (by its id or an alias) with its reports (``reports``:
        the event rows, in the order of the figures' reports)."""
        found = self.resolve_incident_id(incident_id)
        if found is None:
            return None
        rows = self._rows(sa.select(incidents).where(incidents.c.incident_id == found))
        if not rows:
            return None
        row = rows[0]
        row["reports"] = self._rows(sa.select(events).where(events.c.incident_id == found)
                                    .order_by(events.c.published.asc().nulls_last(),
                                              events.c.article_id, events.c.evidence_start))
        return row

    def incident_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar_one())

    def unresolved_mentions(self, statuses: Sequence[str] = ("failed",)) -> list[dict[str, Any]]:
        """Mentions whose place was not found (``article_id``, ``surface``,
        ``label``, ``status``), by article then position."""
        c = mentions.c
        query = (sa.select(c.article_id, c.surface, c.label, c.status)
                 .where(c.status.in_(list(statuses)))
                 .order_by(c.article_id, c.start))
        return self._rows(query)

    def mention_status_counts(self) -> dict[str, int]:
        """How many mentions have each resolution status."""
        c = mentions.c
        with self.engine.connect() as conn:
            return {str(status): int(n) for status, n in conn.execute(
                sa.select(c.status, sa.func.count()).group_by(c.status))}

    def _storable(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` as this database can hold it: PostgreSQL text cannot hold
        a NUL (SQLite can), so there NULs are dropped from the strings, and a
        stray one in a feed's URL or a rejection's reason fails no write."""
        if self.dialect != "postgresql":
            return row
        return {key: value.replace("\x00", "") if isinstance(value, str) else value
                for key, value in row.items()}

    def _add_extraction(self, conn: sa.Connection, resolutions: Sequence[Resolution],
                        events_: Sequence[Event]) -> None:
        """Insert an article's places (those not yet stored), mentions and events."""
        self._add_places(conn, _places_of(resolutions))
        if resolutions:
            conn.execute(mentions.insert(),
                         [self._storable(_mention_row(r)) for r in resolutions])
        if events_:
            conn.execute(events.insert(), [self._storable(_event_row(e)) for e in events_])

    def _add_places(self, conn: sa.Connection, new_places: Iterable[Any]) -> None:
        """Insert the places not yet stored (a stored place is kept as it is)."""
        rows = {p.place_id: p for p in new_places}
        if not rows:
            return
        fresh = [
            self._storable(dict(place_id=p.place_id, name=p.name, kind=p.kind, country=p.country,
                                admin1=p.admin1, admin2=p.admin2, lat=p.lat, lon=p.lon,
                                population=p.population, geometry=p.geometry))
            for _, p in sorted(rows.items())  # one lock order for every writer
        ]
        conn.execute(self._insert(places).on_conflict_do_nothing(
            index_elements=[places.c.place_id]), fresh)

    def log_ingest(
        self, *, origin: str, status: str, reason: str = "",
        article_id: str | None = None, n_events: int = 0,
    ) -> None:
        """One ``ingest_log`` row (rows are only ever added: writers never
        clash)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(ingest_log.insert().values(self._storable(dict(
                    origin=origin, status=status, reason=reason, article_id=article_id,
                    n_events=n_events, logged_at=datetime.now(timezone.utc),
                ))))
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot write the ingest log: {_reason(error)}") from error

    # -- read side ----------------------------------------------------------

    def query_events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filter, newest first, as plain dicts with the
        columns of DESIGN §4 (dates as ``datetime.date``)."""
        flt = flt or EventFilter()
        query = sa.select(self._read).where(*self._where(flt))
        query = query.order_by(*_newest_first(self._read))
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

    # -- read side: aggregates for the dashboard ------------------------------

    def ensure_read_indexes(self) -> None:
        """Create the dashboard's read indexes (:data:`READ_INDEXES`) if missing."""
        try:
            for index in READ_INDEXES:
                index.create(self.engine, checkfirst=True)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot create read indexes in {self.url}: {error}") from error

    def _rows(self, query: sa.Select[Any]) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def event_summary(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """Key figures of the matching events: ``events``, ``fatalities``,
        ``countries``, ``articles`` (distinct), ``first`` and ``last`` date."""
        c = self._read.c
        query = sa.select(
            sa.func.count().label("events"),
            sa.func.coalesce(sa.func.sum(c.fatalities), 0).label("fatalities"),
            sa.func.count(sa.distinct(c.country)).label("countries"),
            sa.func.count(sa.distinct(c.article_id)).label("articles"),
            sa.func.min(c.event_date).label("first"),
            sa.func.max(c.event_date).label("last"),
        ).where(*self._where(flt))
        row = self._rows(query)[0]
        row["fatalities"] = int(row["fatalities"] or 0)
        return row

    def event_counts(
        self,
        flt: EventFilter | None = None,
        *,
        by: Sequence[str],
        limit: int | None = None,
        order_by: str | None = None,
        non_empty: Sequence[str] = (),
    ) -> list[dict[str, Any]]:
        """``GROUP BY`` the event columns ``by``: one dict per group with those
        columns plus ``events`` (count) and ``fatalities`` (sum).

        ``order_by`` ``"events"`` or ``"fatalities"`` sorts descending (else
        by the group columns); ``limit`` keeps the first groups;
        ``non_empty`` drops rows whose named columns are empty strings.
        Raises ``ValueError`` for an unknown column.
        """
        unknown = [name for name in (*by, *non_empty) if name not in self._read.c]
        if unknown or not by:
            raise ValueError(f"cannot group events by {list(by)!r}")
        cols = [self._read.c[name] for name in by]
        n = sa.func.count().label("events")
        dead = sa.func.coalesce(sa.func.sum(self._read.c.fatalities), 0).label("fatalities")
        query = (sa.select(*cols, n, dead)
                 .where(*self._where(flt),
                        *[self._read.c[name] != "" for name in non_empty])
                 .group_by(*cols))
        if order_by == "events":
            query = query.order_by(n.desc(), *_ascending(cols))
        elif order_by == "fatalities":
            query = query.order_by(dead.desc(), *_ascending(cols))
        else:
            query = query.order_by(*_ascending(cols))
        if limit is not None:
            query = query.limit(int(limit))
        return self._rows(query)

    def map_events(self, flt: EventFilter | None = None, *, limit: int) -> list[dict[str, Any]]:
        """Located events for the map (columns :data:`MAP_COLUMNS`), at most
        ``limit``, deadliest then newest first."""
        c = self._read.c
        query = (sa.select(*[c[name] for name in MAP_COLUMNS])
                 .where(*self._where(flt),
                        c.latitude.is_not(None), c.longitude.is_not(None))
                 .order_by(c.fatalities.desc(), *_newest_first(self._read))
                 .limit(int(limit)))
        return self._rows(query)

    def events_page(
        self,
        flt: EventFilter | None = None,
        *,
        limit: int,
        offset: int = 0,
        columns: Sequence[str] | None = None,
    ) -> list[dict[str, Any]]:
        """One page of matching events, newest first (``columns``: a subset
        of the event columns; default all)."""
        names = list(columns) if columns else list(self._read.c.keys())
        query = (sa.select(*[self._read.c[name] for name in names])
                 .where(*self._where(flt))
                 .order_by(*_newest_first(self._read))
                 .limit(int(limit)).offset(int(offset)))
        return self._rows(query)

    def event_ids(self, flt: EventFilter | None = None) -> list[str]:
        """The ids of the matching events (no order)."""
        query = sa.select(self._read.c.event_id).where(*self._where(flt))
        with self.engine.connect() as conn:
            return [str(r[0]) for r in conn.execute(query)]

    def incident_ids(self, flt: EventFilter | None = None) -> list[str]:
        """The incidents of the matching reports (events; no order)."""
        query = sa.select(events.c.incident_id).distinct().where(
            *event_conditions(flt or EventFilter(), text_index=self._fts))
        with self.engine.connect() as conn:
            return [str(r[0]) for r in conn.execute(query) if r[0]]

    def text_matches(self, text: str) -> list[str]:
        """The ids of the events whose evidence contains ``text``
        (case-insensitive, as ``EventFilter(text=...)``; no order).  Served
        by the text index where the store has one."""
        if self._read is events and _indexable(text, text_index=self._fts):
            query = _text_index_query(text)
        else:
            query = sa.select(self._read.c.event_id).where(text_condition(text, table=self._read))
        with self.engine.connect() as conn:
            return [str(v) for v in conn.execute(query).scalars()]

    def event_fingerprint(self) -> dict[str, Any]:
        """What identifies the stored set of events cheaply: their number,
        the smallest and largest id, and the store's write revision (which
        also moves when an article's events are replaced)."""
        c = self._read.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sa.func.count(), sa.func.min(c.event_id),
                                         sa.func.max(c.event_id))).one()
        return {"events": int(row[0]), "first_id": row[1], "last_id": row[2],
                "revision": self.revision()}

    def event_count(self) -> int:
        """How many events the store holds."""
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(self._read)).scalar_one())

    def iter_event_columns(self, columns: Sequence[str], *, chunk_rows: int = 50_000,
                           raw_dates: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        """Every event's ``columns`` as tuples, in chunks of ``chunk_rows``
        (a server-side cursor: memory stays bounded).  ``raw_dates``: date
        columns as the database driver gives them (ISO text on SQLite, a
        ``date`` elsewhere), without SQLAlchemy parsing each value."""
        cols = [sa.type_coerce(self._read.c[name], sa.Text).label(name)
                if raw_dates and isinstance(self._read.c[name].type, sa.Date) else self._read.c[name]
                for name in columns]
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=chunk_rows).execute(sa.select(*cols))
            for partition in result.partitions(chunk_rows):
                yield [tuple(row) for row in partition]

    def events_by_id(self, event_ids: Sequence[str], *,
                     columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """The events with these ids, in the order given (unknown ids skipped)."""
        names = list(columns) if columns else list(self._read.c.keys())
        if "event_id" not in names:
            names.append("event_id")
        found: dict[str, dict[str, Any]] = {}
        ids = list(event_ids)
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                query = sa.select(*[self._read.c[n] for n in names]).where(self._read.c.event_id.in_(chunk))
                for row in conn.execute(query):
                    found[str(row.event_id)] = dict(row._mapping)
        return [found[i] for i in ids if i in found]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by id, or ``None``."""
        rows = self._rows(sa.select(self._read).where(self._read.c.event_id == event_id))
        return rows[0] if rows else None

    def distinct_values(self, column: str, *, limit: int = 500) -> list[str]:
        """The most frequent non-empty values of an event column (for filter
        options), most frequent first."""
        if column not in self._read.c:
            raise ValueError(f"no event column {column!r}")
        col = self._read.c[column]
        query = (sa.select(col).where(col != "").group_by(col)
                 .order_by(sa.func.count().desc(), col).limit(int(limit)))
        with self.engine.connect() as conn:
            return [str(r[0]) for r in conn.execute(query)]

    def event_date_bounds(self) -> tuple[date | None, date | None]:
        """The earliest and latest event date in the store."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sa.func.min(self._read.c.event_date),
                                         sa.func.max(self._read.c.event_date))).one()
        return row[0], row[1]

    def places_by_id(self, place_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``place_id`` → the place's row (name, kind, country, lat, lon, …)."""
        found: dict[str, dict[str, Any]] = {}
        ids = list(dict.fromkeys(place_ids))
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):  # keep under bind-parameter limits
                chunk = ids[start:start + 500]
                for row in conn.execute(sa.select(places).where(places.c.place_id.in_(chunk))):
                    found[str(row.place_id)] = dict(row._mapping)
        return found

    def event_places(self, place_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``place_id`` → ``location``, ``country``, ``latitude``, ``longitude``
        as the events at that place carry them (for places missing from the
        places table)."""
        found: dict[str, dict[str, Any]] = {}
        ids = list(dict.fromkeys(place_ids))
        c = self._read.c
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                query = (sa.select(c.place_id, sa.func.min(c.location).label("location"),
                                   sa.func.min(c.country).label("country"),
                                   sa.func.min(c.latitude).label("latitude"),
                                   sa.func.min(c.longitude).label("longitude"))
                         .where(c.place_id.in_(chunk)).group_by(c.place_id))
                for row in conn.execute(query):
                    found[str(row.place_id)] = dict(row._mapping)
        return found

    def place_geometries(self, place_ids: Sequence[str]) -> dict[str, str]:
        """``place_id`` → WKT geometry for the places that have one (border lines)."""
        if not place_ids:
            return {}
        query = sa.select(places.c.place_id, places.c.geometry).where(
            places.c.place_id.in_(list(place_ids)), places.c.geometry.is_not(None))
        with self.engine.connect() as conn:
            return {str(r[0]): str(r[1]) for r in conn.execute(query) if r[1]}

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


def event_from_row(row: Mapping[str, Any]) -> Event:
    """An :class:`Event` from a stored events row."""
    return Event(**{name: row[name] for name in EVENT_FIELDS})


def incident_row(incident: Any) -> dict[str, Any]:
    """The incidents-table row of an :class:`etl.incidents.Incident`."""
    best = incident.fatalities_best
    return dict(
        incident_id=incident.incident_id, event_type=incident.event_type,
        sub_event_type=incident.sub_event_type, event_date=incident.event_date,
        date_precision=incident.date_precision, country=incident.country,
        admin1=incident.admin1, location=incident.location, latitude=incident.latitude,
        longitude=incident.longitude, geo_precision=incident.geo_precision,
        place_id=incident.place_id, fatalities_low=incident.fatalities_low,
        fatalities_best=best, fatalities_high=incident.fatalities_high,
        best_reason=incident.best_reason,
        best_event_ids=[f.event_id for f in incident.figures if best is not None
                        and f.fatalities == best],
        figures=[{"event_id": f.event_id, "article_id": f.article_id, "source": f.source,
                  "published": f.published.isoformat() if f.published else None,
                  "fatalities": f.fatalities, "reported": f.reported}
                 for f in incident.figures],
        n_reports=incident.n_reports, n_sources=incident.n_sources,
        first_reported=incident.first_reported, last_reported=incident.last_reported,
        article_ids=list(incident.article_ids),
        **_representative(incident, best),
    )


def _representative(incident: Any, best: int | None) -> dict[str, Any]:
    """The columns of the report that stands for the incident: the first
    (canonical order) whose figure is the best, else the first report."""
    givers = {f.event_id for f in incident.figures if best is not None and f.fatalities == best}
    report = next((r for r in incident.reports if r.event_id in givers), incident.reports[0])
    return dict(
        article_id=report.article_id, report_id=report.event_id, admin2=report.admin2,
        actor1=report.actor1, actor2=report.actor2, injured=report.injured,
        evidence=report.evidence, evidence_start=report.evidence_start,
        evidence_end=report.evidence_end, claimed_by=report.claimed_by,
        confidence=report.confidence, source=report.source, url=report.url,
        published=report.published)


class SqlGeocodeCache:
    """The online geocoders' cache (``geo.online.GeocodeCache``) in the store's
    ``geocode_cache`` table: one row per (geocoder, normalised query) with the
    JSON payload of its candidates (``[]`` for "no match") and ``fetched_at``.

    ``put`` replaces an existing row in one statement (``INSERT … ON CONFLICT
    DO UPDATE``), so writers racing on one key never fail: the last one wins.
    Failures raise ``etl.errors.StoreError``.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, geocoder: str, query: str) -> list[dict[str, Any]] | None:
        key = self.store._storable({"geocoder": geocoder, "query": query})  # as put stores it
        geocoder, query = key["geocoder"], key["query"]
        try:
            with self.store.engine.connect() as conn:
                row = conn.execute(
                    sa.select(geocode_cache.c.payload).where(
                        geocode_cache.c.geocoder == geocoder, geocode_cache.c.query == query)
                ).first()
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot read the geocode cache: {_reason(error)}") from error
        if row is None:
            return None
        payload = row[0]
        return payload if isinstance(payload, list) else None

    def put(self, geocoder: str, query: str, payload: list[dict[str, Any]]) -> None:
        insert = self.store._insert(geocode_cache).values(self.store._storable(dict(
            geocoder=geocoder, query=query, payload=payload,
            fetched_at=datetime.now(timezone.utc))))
        upsert = insert.on_conflict_do_update(
            index_elements=[geocode_cache.c.geocoder, geocode_cache.c.query],
            set_={"payload": insert.excluded.payload, "fetched_at": insert.excluded.fetched_at})
        try:
            with self.store.engine.begin() as conn:
                conn.execute(upsert)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot write the geocode cache: {_reason(error)}") from error
