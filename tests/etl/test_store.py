import dataclasses
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from etl.records import Article, Event
from etl.store import TEXT_INDEX, EventFilter, Store, events, metadata, resolve_url, text_condition
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
        claimed_by="", confidence=0.8, incident_id=event_id, role="main", source="s", url="u", published=a.published)


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


# -- the evidence text index (FTS5 trigram) --------------------------------------

EVIDENCES = [
    "A drone strike hit Kabul on Monday.",
    "DRONE debris fell near the CHECKPOINT.",
    "Police said 100% of the 5_000 rounds were seized.",
    'The "ceasefire" held; shelling stopped.',
    "Ünal Çelik was detained at the checkpoint in Kunar.",
    "Attackers stormed a checkpoint (kp) at night.",
    "",
]
QUERIES = ["drone", "DrOnE", "checkpoint", "100%", "5_0", "_", "%", '"ceasefire"', "cease",
           "ünal", "Ünal", "çelik", "kp", "k", "night.", "no such words", "e d"]


def _text_store(path: Path, *, evidences: list[str] = EVIDENCES) -> Store:
    store = Store(str(path))
    a = article(" ".join(evidences) or "x")
    store.add_article(a, resolutions=[], events_=[
        dataclasses.replace(event(a, event_id=f"e{i}"), evidence=text)
        for i, text in enumerate(evidences)])
    return store


def _like_ids(store: Store, text: str) -> set[str]:
    """The portable LIKE scan, without the index."""
    with store.engine.connect() as conn:
        query = sa.select(events.c.event_id).where(text_condition(text, text_index=False))
        return {r[0] for r in conn.execute(query)}


def test_text_index_finds_exactly_what_the_like_scan_finds(tmp_path: Path):
    store = _text_store(tmp_path / "fts.db")
    assert store.text_index is True
    found_any = False
    for text in QUERIES:
        expected = _like_ids(store, text)
        assert set(store.text_matches(text)) == expected, text
        assert set(store.event_ids(EventFilter(text=text))) == expected, text
        assert store.event_summary(EventFilter(text=text))["events"] == len(expected), text
        found_any |= bool(expected)
    assert found_any
    assert set(store.text_matches("drone")) == {"e0", "e1"}
    assert set(store.text_matches("Ünal")) == {"e4"}
    # combined with other filters, through the index
    assert store.event_ids(EventFilter(text="checkpoint", countries=("PAK",))) == []


def test_the_index_is_used_only_for_three_characters_or_more(tmp_path: Path):
    store = _text_store(tmp_path / "short.db")
    compiled = str(sa.select(events.c.event_id).where(
        *store._where(EventFilter(text="drone"))).compile(store.engine))
    assert TEXT_INDEX in compiled and "MATCH" in compiled
    short = str(sa.select(events.c.event_id).where(
        *store._where(EventFilter(text="kp"))).compile(store.engine))
    assert TEXT_INDEX not in short


def test_an_old_database_gets_the_index_back_filled_on_open(tmp_path: Path):
    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)  # a store from before the text index
    a = article("Old news: a drone strike.")
    row = {name: getattr(event(a, event_id="old1"), name) for name in events.c.keys()}
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO articles (article_id, url, title, source, published, "
                              "published_precision, text, language, origin, ingested_at) VALUES "
                              "(:id, '', '', '', NULL, 'day', :text, 'en', 't', '2025-01-01')"),
                     {"id": a.article_id, "text": a.text})
        conn.execute(events.insert(), [row])
        assert not sa.inspect(conn).has_table(TEXT_INDEX)
    engine.dispose()

    reader = Store(str(path), create=False)  # a read-only open leaves the file alone
    assert reader.text_index is False
    assert reader.text_matches("drone") == ["old1"]  # the LIKE scan still works
    reader.close()

    store = Store(str(path))
    assert store.text_index is True
    assert store.text_matches("drone") == ["old1"]  # back-filled
    assert Store(str(path)).text_index is True  # built once
    # new writes reach the index through its triggers
    b = article("New report of a drone attack and more.")
    store.add_article(b, resolutions=[], events_=[event(b, event_id="new1")])
    assert set(store.text_matches("drone")) == {"old1", "new1"}
    with store.engine.begin() as conn:
        conn.execute(events.update().where(events.c.event_id == "old1").values(
            evidence="Old news: an air raid."))
    assert store.text_matches("drone") == ["new1"]
    assert store.text_matches("air raid") == ["old1"]
    with store.engine.begin() as conn:
        conn.execute(events.delete().where(events.c.event_id == "new1"))
    assert store.text_matches("drone") == []
    with store.engine.connect() as conn:
        n_index = conn.execute(sa.text(f"SELECT count(*) FROM {TEXT_INDEX}")).scalar_one()
    assert n_index == store.event_count() == 1


def test_a_failed_article_leaves_nothing_in_the_text_index(tmp_path: Path):
    store = Store(str(tmp_path / "tx.db"))
    a = article("A drone strike, twice.")
    bad = [event(a, event_id="dup"), event(a, event_id="dup")]
    try:
        store.add_article(a, resolutions=[], events_=bad)
    except Exception:
        pass
    with store.engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT count(*) FROM {TEXT_INDEX}")).scalar_one() == 0


def test_a_bulk_load_drops_the_text_index_and_builds_it_once(tmp_path: Path):
    store = Store(str(tmp_path / "bulk.db"))
    store.drop_text_index()
    assert store.text_index is False
    a = article("A drone strike during the bulk load.")
    store.add_article(a, resolutions=[], events_=[event(a, event_id="b1")])
    with store.engine.connect() as conn:
        assert not sa.inspect(conn).has_table(TEXT_INDEX)
    assert store.text_matches("drone") == ["b1"]  # LIKE meanwhile
    assert store.ensure_text_index() is True
    assert store.text_matches("drone") == ["b1"]  # from the index, back-filled
    b = article("Another drone strike, after the load.")
    store.add_article(b, resolutions=[], events_=[event(b, event_id="b2")])
    assert set(store.text_matches("drone")) == {"b1", "b2"}  # triggers back


def test_a_query_holding_a_nul_is_answered_by_like_not_an_fts_error(tmp_path: Path):
    # "?q=%00abc" in a URL: an FTS5 query string cannot hold a NUL.
    store = _text_store(tmp_path / "nul.db")
    for text in ("\x00dro", "dro\x00ne", "\x00\x00\x00"):
        assert set(store.text_matches(text)) == _like_ids(store, text)
        assert set(store.event_ids(EventFilter(text=text))) == _like_ids(store, text)
