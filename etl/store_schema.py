"""The tables of the event store (SQLAlchemy Core metadata) and the
incidents read as events; :mod:`etl.store` reads and writes them."""

from __future__ import annotations

import sqlalchemy as sa

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
    sa.Column("incident_id", sa.String(64), nullable=False, default="", index=True),
    sa.Column("role", sa.String(16), nullable=False, default="main"),
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


incidents = sa.Table(
    "incidents", metadata,
    sa.Column("incident_id", sa.String(64), primary_key=True),
    sa.Column("event_type", sa.String(64), nullable=False, index=True),
    sa.Column("sub_event_type", sa.String(64), nullable=False),
    sa.Column("event_date", sa.Date, nullable=True, index=True),
    sa.Column("date_precision", sa.Integer, nullable=False),
    sa.Column("country", sa.String(3), nullable=False, default="", index=True),
    sa.Column("admin1", sa.Text, nullable=False, default=""),
    sa.Column("location", sa.Text, nullable=False, default=""),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("geo_precision", sa.Integer, nullable=False),
    sa.Column("place_id", sa.String(128), nullable=False, default=""),
    sa.Column("fatalities_low", sa.Integer, nullable=True),
    sa.Column("fatalities_best", sa.Integer, nullable=True),
    sa.Column("fatalities_high", sa.Integer, nullable=True),
    sa.Column("best_reason", sa.Text, nullable=False, default=""),
    sa.Column("best_event_ids", sa.JSON, nullable=False),
    sa.Column("figures", sa.JSON, nullable=False),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("first_reported", sa.Date, nullable=True),
    sa.Column("last_reported", sa.Date, nullable=True),
    sa.Column("article_ids", sa.JSON, nullable=False),
    # The report that stands for the incident in lists and on the map (the
    # first report that gives the best figure, else the first report):
    sa.Column("article_id", sa.String(64), nullable=False, default=""),
    sa.Column("report_id", sa.String(32), nullable=False, default=""),
    sa.Column("admin2", sa.Text, nullable=False, default=""),
    sa.Column("actor1", sa.Text, nullable=False, default=""),
    sa.Column("actor2", sa.Text, nullable=False, default=""),
    sa.Column("injured", sa.Integer, nullable=False, default=0),
    sa.Column("evidence", sa.Text, nullable=False, default=""),
    sa.Column("evidence_start", sa.Integer, nullable=False, default=0),
    sa.Column("evidence_end", sa.Integer, nullable=False, default=0),
    sa.Column("claimed_by", sa.Text, nullable=False, default=""),
    sa.Column("confidence", sa.Float, nullable=False, default=0.0),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date, nullable=True),
)
"""One row per happening in the world (``etl.incidents``): its reports are
the events whose ``incident_id`` is this row's; the figures of every report
and why the best was taken are kept, and the columns of the report that
stands for it (``report_id``), so that the incidents read like events
(:data:`INCIDENT_EVENTS`)."""

incident_aliases = sa.Table(
    "incident_aliases", metadata,
    sa.Column("alias_id", sa.String(64), primary_key=True),
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
)
"""Ids of incidents that were merged into another (a later report showed two
were one happening) or renamed by a re-link: exported ids never dangle."""

def _incident_events() -> sa.Subquery:
    """The incidents as rows shaped like events (every column of ``events``,
    same names and order): the dashboard counts, charts, maps and tables
    incidents with the same code as reports.  ``event_id`` and
    ``incident_id`` are the incident's id; ``fatalities`` its best figure (0
    when no report gives one); ``fatalities_reported`` the range of the
    reports' figures when they differ (``"34–35"``); ``source`` the one
    source that reported it, or how many did (``"3 sources"``); the other
    columns are those of the report that stands for it (``report_id``)."""
    i = incidents.c
    best = sa.func.coalesce(i.fatalities_best, 0)
    low = sa.func.coalesce(i.fatalities_low, 0)
    high = sa.func.coalesce(i.fatalities_high, best)
    # the range of the reports' figures when they differ ("34–35")
    reported = sa.case((i.fatalities_best.is_(None) | (low == high), ""),
                       else_=sa.cast(low, sa.Text) + "–" + sa.cast(high, sa.Text))
    # who reported it: "Dawn" for one source, else "3 sources"
    sources = sa.case((i.n_sources <= 1, i.source),
                      else_=sa.cast(i.n_sources, sa.Text) + " sources")
    values = {
        "event_id": i.incident_id, "article_id": i.article_id, "event_date": i.event_date,
        "date_precision": i.date_precision, "event_type": i.event_type,
        "sub_event_type": i.sub_event_type, "actor1": i.actor1, "actor2": i.actor2,
        "country": i.country, "admin1": i.admin1, "admin2": i.admin2, "location": i.location,
        "latitude": i.latitude, "longitude": i.longitude, "geo_precision": i.geo_precision,
        "place_id": i.place_id, "fatalities": best, "fatalities_low": low,
        "fatalities_high": i.fatalities_high, "injured": i.injured, "evidence": i.evidence,
        "evidence_start": i.evidence_start, "evidence_end": i.evidence_end,
        "claimed_by": i.claimed_by, "confidence": i.confidence, "incident_id": i.incident_id,
        "role": sa.literal("main"), "source": sources, "url": i.url,
        "published": i.published, "fatalities_reported": reported,
    }
    missing = [name for name in events.c.keys() if name not in values]
    assert not missing, f"incident rows lack event columns {missing}"
    return sa.select(*[values[name].label(name) for name in events.c.keys()]).subquery(
        "incident_events")


INCIDENT_EVENTS = _incident_events()
"""The incidents read as events (see :func:`_incident_events`)."""

INCIDENT_FIELDS: tuple[str, ...] = (
    "incident_id", "event_type", "sub_event_type", "event_date", "date_precision", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities_low",
    "fatalities_best", "fatalities_high", "n_reports", "n_sources", "first_reported",
    "last_reported", "article_ids",
)
"""The columns of ``sitrep incidents`` (DESIGN §6), in order."""

store_meta = sa.Table(
    "store_meta", metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
"""Counters of the store; ``revision`` grows with every write that changes
events (an added article, a re-coded one), so readers that keep a copy (the
dashboard's in-memory index) know when to reload, also when the number of
events stays the same."""

REVISION = "revision"
