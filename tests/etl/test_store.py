from datetime import date
from pathlib import Path

import sqlalchemy as sa

from etl.records import Article, Event
from etl.store import EventFilter, Store, resolve_url
from geo.records import Candidate, Mention, Place, Resolution

KABUL = Place("geonames:1138958", "Kabul", "populated_place", "AFG", 34.53, 69.17, admin1="Kabul")


def article(text: str = "Strikes hit Kabul on Monday.") -> Article:
    return Article(article_id=f"id-{len(text)}", url="u", title="t", source="s",
                   published=date(2025, 10, 13), published_precision="day", text=text,
                   language="en", origin="test")


def event(a: Article, *, event_id: str = "e1", country: str = "AFG", when=date(2025, 10, 12)) -> Event:
    return Event(
        event_id=event_id, article_id=a.article_id, event_date=when, date_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="A",
        actor2="", country=country, admin1="Kabul", admin2="", location="Kabul", latitude=34.53,
        longitude=69.17, geo_precision=1, place_id=KABUL.place_id, fatalities=3, fatalities_low=3,
        fatalities_high=3, injured=0, evidence=a.text, evidence_start=0, evidence_end=len(a.text),
        claimed_by="", confidence=0.8, cluster_id="c", source="s", url="u", published=a.published)


def resolution(a: Article) -> Resolution:
    mention = Mention(a.article_id, 12, 17, "Kabul", 0, "GPE")
    return Resolution(mention, "resolved", KABUL, (Candidate(KABUL, 0.9, "offline"),))


def test_store_roundtrip_and_idempotence(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    a = article()
    assert store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]) is True
    assert store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]) is False
    assert store.counts() == {"articles": 1, "events": 1, "mentions": 1, "places": 1}
    (row,) = store.query_events()
    assert row["event_date"] == date(2025, 10, 12) and row["fatalities"] == 3
    assert store.article(a.article_id)["text"] == a.text
    (m,) = store.article_mentions(a.article_id)
    assert (m["surface"], m["place_name"], m["status"]) == ("Kabul", "Kabul", "resolved")


def test_filters(tmp_path: Path):
    store = Store(str(tmp_path / "f.db"))
    a = article()
    store.add_article(a, resolutions=[], events_=[
        event(a, event_id="1", country="AFG", when=date(2025, 10, 1)),
        event(a, event_id="2", country="PAK", when=date(2025, 11, 1)),
    ])
    assert {r["event_id"] for r in store.query_events(EventFilter(countries=("PAK",)))} == {"2"}
    assert {r["event_id"] for r in store.query_events(EventFilter(since=date(2025, 10, 15)))} == {"2"}
    assert {r["event_id"] for r in store.query_events(EventFilter(until=date(2025, 10, 15)))} == {"1"}


def test_one_transaction_per_article(tmp_path: Path):
    """A failure while writing events leaves no trace of the article."""
    store = Store(str(tmp_path / "t.db"))
    a = article()
    bad = [event(a, event_id="dup"), event(a, event_id="dup")]  # primary key clash
    try:
        store.add_article(a, resolutions=[resolution(a)], events_=bad)
    except Exception:
        pass
    assert store.counts() == {"articles": 0, "events": 0, "mentions": 0, "places": 0}


def test_sqlite_wal_and_url_resolution(tmp_path: Path, monkeypatch):
    store = Store(str(tmp_path / "w.db"))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    monkeypatch.setenv("SITREP_DB", "sqlite:///x.db")
    assert resolve_url(None) == "sqlite:///x.db"
    assert resolve_url("y.db") == "sqlite:///y.db"


def test_ingest_log(tmp_path: Path):
    store = Store(str(tmp_path / "l.db"))
    store.log_ingest(origin="a.txt", status="rejected", reason="empty file")
    (row,) = store.ingest_log_rows()
    assert (row["origin"], row["status"], row["reason"]) == ("a.txt", "rejected", "empty file")
