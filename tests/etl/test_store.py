"""The store on both backends (``store_url``: SQLite and PostgreSQL), and
what only one of them has (SQLite's WAL and FTS5 table, PostgreSQL's
trigram index)."""

import dataclasses
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl.errors import StoreError
from etl.records import Article, Event
from etl.store import (
    PG_TEXT_INDEX,
    TEXT_INDEX,
    EventFilter,
    SqlGeocodeCache,
    Store,
    articles,
    events,
    geocode_cache,
    metadata,
    places,
    resolve_url,
    shown_url,
    text_condition,
)
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


def test_store_roundtrip_and_idempotence(store_url: str):
    store = Store(store_url)
    a = article()
    assert store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]) is True
    assert store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]) is False
    assert store.counts() == {"articles": 1, "events": 1, "mentions": 1, "places": 1}
    (row,) = store.query_events()
    assert row["event_date"] == date(2025, 10, 12) and row["fatalities"] == 3
    assert store.article(a.article_id)["text"] == a.text
    (m,) = store.article_mentions(a.article_id)
    assert (m["surface"], m["place_name"], m["status"]) == ("Kabul", "Kabul", "resolved")


def test_filters(store_url: str):
    store = Store(store_url)
    a = article()
    store.add_article(a, resolutions=[], events_=[
        event(a, event_id="1", country="AFG", when=date(2025, 10, 1)),
        event(a, event_id="2", country="PAK", when=date(2025, 11, 1)),
    ])
    assert {r["event_id"] for r in store.query_events(EventFilter(countries=("PAK",)))} == {"2"}
    assert {r["event_id"] for r in store.query_events(EventFilter(since=date(2025, 10, 15)))} == {"2"}
    assert {r["event_id"] for r in store.query_events(EventFilter(until=date(2025, 10, 15)))} == {"1"}


def test_one_transaction_per_article(store_url: str):
    """A failure while writing events leaves no trace of the article."""
    store = Store(store_url)
    a = article()
    bad = [event(a, event_id="dup"), event(a, event_id="dup")]  # primary key clash
    with pytest.raises(StoreError, match="cannot store article"):
        store.add_article(a, resolutions=[resolution(a)], events_=bad)
    assert store.counts() == {"articles": 0, "events": 0, "mentions": 0, "places": 0}
    # and the article can be stored afterwards
    assert store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]) is True


def test_sqlite_wal_and_url_resolution(tmp_path: Path, monkeypatch):
    store = Store(str(tmp_path / "w.db"))
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    monkeypatch.setenv("SITREP_DB", "sqlite:///x.db")
    assert resolve_url(None) == "sqlite:///x.db"
    assert resolve_url("y.db") == "sqlite:///y.db"


def test_postgresql_urls_use_psycopg_and_messages_hide_the_password(monkeypatch):
    monkeypatch.delenv("SITREP_DB", raising=False)
    assert resolve_url("postgresql://u:pw@db.example/sitrep") == \
        "postgresql+psycopg://u:pw@db.example/sitrep"
    assert resolve_url("postgres://u@/sitrep?host=/run/pg") == "postgresql+psycopg://u@/sitrep?host=/run/pg"
    assert resolve_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.setenv("SITREP_DB", "postgresql://u@h/d")
    assert resolve_url(None) == "postgresql+psycopg://u@h/d"
    assert shown_url("postgresql+psycopg://u:secret@h/d") == "postgresql+psycopg://u:***@h/d"
    # a server that is not there: one line, no password
    with pytest.raises(StoreError) as info:
        Store("postgresql://u:secret@127.0.0.1:1/sitrep")
    message = str(info.value)
    assert "secret" not in message and "\n" not in message
    assert message.startswith("cannot open store postgresql+psycopg://u:***@127.0.0.1:1/sitrep")


def test_an_unsupported_database_is_a_clear_error():
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        Store("mysql://u@h/d")


def test_ingest_log(store_url: str):
    store = Store(store_url)
    store.log_ingest(origin="a.txt", status="rejected", reason="empty file")
    (row,) = store.ingest_log_rows()
    assert (row["origin"], row["status"], row["reason"]) == ("a.txt", "rejected", "empty file")


# -- the evidence text index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) -----

EVIDENCES = [
    "A drone strike hit Kabul on Monday.",
    "DRONE debris fell near the CHECKPOINT.",
    "Police said 100% of the 5_000 rounds were seized.",
    'The "ceasefire" held; shelling stopped.',
    "Ünal Çelik was detained at the checkpoint in Kunar.",
    "Attackers stormed a checkpoint (kp) at night.",
    "",
    "ÜNAL ÇELIK, ünal çelik, École, ÉCOLE, Straße and İstanbul; path C:\\temp.",
    "The convoy ended at abc",
]
QUERIES = ["drone", "DrOnE", "checkpoint", "100%", "5_0", "_", "%", '"ceasefire"', "cease",
           "ünal", "Ünal", "ÜNAL", "çelik", "ÇELIK", "école", "ÉCOLE", "straße", "STRASSE",
           "istanbul", "İstanbul", "\\temp", "c:\\", "kp", "k", "night.", "no such words",
           "e d", "abc\x00def", "\x00", "d\x00", "abc"]


def _text_store(url: str, *, evidences: list[str] = EVIDENCES) -> Store:
    store = Store(url)
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


def _has_text_index(store: Store) -> bool:
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            return conn.execute(sa.select(sa.func.to_regclass(PG_TEXT_INDEX))).scalar() is not None
        return sa.inspect(conn).has_table(TEXT_INDEX)


def test_text_index_finds_exactly_what_the_like_scan_finds(store_url: str):
    store = _text_store(store_url)
    assert store.text_index is True and _has_text_index(store)
    found_any = False
    for text in QUERIES:
        expected = _like_ids(store, text)
        assert set(store.text_matches(text)) == expected, text
        assert set(store.event_ids(EventFilter(text=text))) == expected, text
        assert store.event_summary(EventFilter(text=text))["events"] == len(expected), text
        found_any |= bool(expected)
    assert found_any
    assert set(store.text_matches("drone")) == {"e0", "e1"}
    assert set(store.text_matches("Ünal")) == {"e4", "e7"}
    # only ASCII letters fold, whatever the database's locale
    assert set(store.text_matches("ünal")) == {"e7"}
    assert set(store.text_matches("100%")) == {"e2"}
    # combined with other filters, through the index
    assert store.event_ids(EventFilter(text="checkpoint", countries=("PAK",))) == []


def test_text_search_answers_alike_on_both_backends(tmp_path: Path, pg_url: str):
    """The same events give the same matches on SQLite and PostgreSQL (the
    database here is C.UTF-8, whose own ILIKE folds "Ü" to "ü": the store's
    search must not)."""
    lite = _text_store(f"sqlite:///{tmp_path / 'alike.db'}")
    pg = _text_store(pg_url)
    for text in QUERIES:
        expected = set(lite.text_matches(text))
        assert set(pg.text_matches(text)) == expected, text
        assert set(pg.event_ids(EventFilter(text=text))) == expected, text
        assert _like_ids(pg, text) == _like_ids(lite, text) == expected, text
    # a NUL ends the query, as SQLite reads it: "%abc" (ends with "abc")
    assert set(pg.text_matches("abc\x00def")) == {"e8"}
    assert len(pg.text_matches("\x00")) == len(EVIDENCES)


def test_postgresql_text_search_is_served_by_the_trigram_index(pg_url: str):
    store = _text_store(pg_url)
    query = sa.select(events.c.event_id).where(*store._where(EventFilter(text="drone")))
    sql = str(query.compile(store.engine))
    assert 'evidence COLLATE "C") ILIKE' in sql

    def ids(text: str, *, index: bool) -> set[str]:
        with store.engine.begin() as conn:
            for setting in ("enable_seqscan",) if index else ("enable_bitmapscan",
                                                               "enable_indexscan"):
                conn.exec_driver_sql(f"SET LOCAL {setting} = off")
            plan = "\n".join(conn.execute(sa.text("EXPLAIN " + str(query.compile(
                store.engine, compile_kwargs={"literal_binds": True})))).scalars())
            assert (PG_TEXT_INDEX in plan) is index, plan
            where = text_condition(text)
            return {r[0] for r in conn.execute(sa.select(events.c.event_id).where(where))}

    for text in QUERIES:
        assert ids(text, index=True) == ids(text, index=False) == _like_ids(store, text), text


def test_a_postgresql_store_makes_its_extension_and_index(pg_cluster):
    """A database without pg_trgm: a read-only open leaves it alone and
    scans; a writing open creates the extension and the index, once."""
    url = pg_cluster.new_database(with_trgm=False)
    try:
        Store(url)  # the tables
        with Store(url).engine.begin() as conn:
            conn.exec_driver_sql(f"DROP INDEX {PG_TEXT_INDEX}")
            conn.exec_driver_sql("DROP EXTENSION pg_trgm")
        writer = _text_store(url)  # makes both back
        assert writer.text_index is True and _has_text_index(writer)
        with writer.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP INDEX {PG_TEXT_INDEX}")
            conn.exec_driver_sql("DROP EXTENSION pg_trgm")
        reader = Store(url, create=False)
        assert reader.text_index is False and not _has_text_index(reader)
        assert set(reader.text_matches("drone")) == {"e0", "e1"}  # the scan
        store = Store(url)
        assert store.text_index is True and _has_text_index(store)
        with store.engine.connect() as conn:
            assert conn.execute(sa.text(
                "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 1
        assert set(store.text_matches("drone")) == {"e0", "e1"}
        assert Store(url).text_index is True
        for opened in (writer, reader, store):
            opened.close()
    finally:
        pg_cluster.drop_database(url)


def test_the_index_is_used_only_for_three_characters_or_more(tmp_path: Path):
    store = _text_store(str(tmp_path / "short.db"))
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


def test_a_bulk_load_drops_the_text_index_and_builds_it_once(store_url: str):
    store = Store(store_url)
    store.drop_text_index()
    assert store.text_index is False
    a = article("A drone strike during the bulk load.")
    store.add_article(a, resolutions=[], events_=[event(a, event_id="b1")])
    assert not _has_text_index(store)
    assert store.text_matches("drone") == ["b1"]  # LIKE meanwhile
    assert store.ensure_text_index() is True and _has_text_index(store)
    assert store.text_matches("drone") == ["b1"]  # from the index, back-filled
    b = article("Another drone strike, after the load.")
    store.add_article(b, resolutions=[], events_=[event(b, event_id="b2")])
    assert set(store.text_matches("drone")) == {"b1", "b2"}  # kept up to date


def test_a_query_holding_a_nul_is_answered_by_like_not_an_error(store_url: str):
    # "?q=%00abc" in a URL: an FTS5 query string cannot hold a NUL, nor a
    # PostgreSQL parameter.
    store = _text_store(store_url)
    for text in ("\x00dro", "dro\x00ne", "\x00\x00\x00"):
        assert set(store.text_matches(text)) == _like_ids(store, text)
        assert set(store.event_ids(EventFilter(text=text))) == _like_ids(store, text)


# -- writers racing (another process in the middle of its transaction) ---------

PESHAWAR = Place("geonames:1168197", "Peshawar", "populated_place", "PAK", 34.01, 71.58)


def _article_row(a: Article) -> dict[str, object]:
    return dict(article_id=a.article_id, url=a.url, title=a.title, source=a.source,
                published=a.published, published_precision=a.published_precision, text=a.text,
                language=a.language, origin=a.origin, ingested_at=time_now())


def time_now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def _while_another_writer_holds(store_url: str, rows: list[tuple[sa.Table, dict[str, object]]],
                                write):
    """Run ``write()`` in a thread while another connection (another
    process, as far as the database knows) has inserted ``rows`` and not yet
    committed; commit, and give ``write()``'s result or raise its error."""
    other = Store(store_url)
    outcome: dict[str, object] = {}
    with other.engine.connect() as conn:
        trans = conn.begin()
        for table, row in rows:
            conn.execute(table.insert().values(**row))

        def run() -> None:
            try:
                outcome["result"] = write()
            except Exception as error:  # noqa: BLE001 - handed to the test
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(0.5)  # the writer reads and reaches its insert meanwhile
        trans.commit()
        thread.join(timeout=30)
    other.close()
    assert not thread.is_alive()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]


def test_an_article_being_stored_by_another_writer_is_a_duplicate(store_url: str):
    store = Store(store_url)
    a = article()
    stored = _while_another_writer_holds(
        store_url, [(articles, _article_row(a))],
        lambda: store.add_article(a, resolutions=[resolution(a)], events_=[event(a)]))
    assert stored is False
    assert store.counts() == {"articles": 1, "events": 0, "mentions": 0, "places": 0}


def test_a_new_place_being_stored_by_another_writer_does_not_fail_an_article(store_url: str):
    store = Store(store_url)
    other = article("Shelling near Peshawar.")
    a = article()
    place = dict(place_id=KABUL.place_id, name="Kabul", kind="populated_place", country="AFG",
                 admin1="Kabul", admin2="", lat=34.53, lon=69.17, population=0, geometry=None)
    second = Resolution(Mention(a.article_id, 0, 7, "Peshawar", 0, "GPE"), "resolved", PESHAWAR,
                        (Candidate(PESHAWAR, 0.9, "offline"),))
    stored = _while_another_writer_holds(
        store_url, [(articles, _article_row(other)), (places, place)],
        lambda: store.add_article(a, resolutions=[resolution(a), second], events_=[event(a)]))
    assert stored is True
    assert store.counts() == {"articles": 2, "events": 1, "mentions": 2, "places": 2}


def test_the_geocode_cache_keeps_one_row_per_key_under_racing_writers(store_url: str):
    store = Store(store_url)
    cache = SqlGeocodeCache(store)
    held = dict(geocoder="photon", query="kabul", payload=[{"name": "first"}],
                fetched_at=time_now())
    _while_another_writer_holds(store_url, [(geocode_cache, held)],
                                lambda: cache.put("photon", "kabul", [{"name": "second"}]))
    assert cache.get("photon", "kabul") == [{"name": "second"}]  # the last write wins
    cache.put("photon", "kabul", [])
    assert cache.get("photon", "kabul") == []
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(geocode_cache)).scalar() == 1


def test_revision_and_re_coding_on_both_backends(store_url: str):
    store = Store(store_url)
    assert store.revision() == 0
    a = article()
    store.add_article(a, resolutions=[resolution(a)], events_=[event(a)])
    assert store.revision() == 1
    store.add_article(a, resolutions=[resolution(a)], events_=[event(a)])  # a duplicate
    assert store.revision() == 1
    store.replace_extraction(a.article_id, resolutions=[resolution(a)],
                             events_=[event(a, event_id="r1"), event(a, event_id="r2")])
    assert store.revision() == 2
    assert {e["event_id"] for e in store.query_events()} == {"r1", "r2"}
    assert store.counts() == {"articles": 1, "events": 2, "mentions": 1, "places": 1}
    with pytest.raises(StoreError, match="no stored article"):
        store.replace_extraction("nope", resolutions=[], events_=[])


def test_two_re_codings_of_one_article_take_turns(store_url: str):
    """A re-coding (``sitrep geocode --retry-unresolved``) while another
    process re-codes the same article waits for it, then replaces its rows."""
    store = Store(store_url)
    a = article()
    store.add_article(a, resolutions=[], events_=[event(a, event_id="old")])
    other = Store(store_url)
    outcome: dict[str, object] = {}
    with other.engine.connect() as conn:
        trans = conn.begin()
        conn.execute(events.delete().where(events.c.article_id == a.article_id))
        conn.execute(events.insert().values(**{name: getattr(event(a, event_id="new"), name)
                                               for name in events.c.keys()}))

        def run() -> None:
            try:
                store.replace_extraction(a.article_id, resolutions=[],
                                         events_=[event(a, event_id="new")])
            except Exception as error:  # noqa: BLE001 - handed to the test
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(0.5)
        trans.commit()
        thread.join(timeout=30)
    other.close()
    assert "error" not in outcome, outcome.get("error")
    assert [e["event_id"] for e in store.query_events()] == ["new"]


def test_a_nul_in_metadata_fails_no_write(store_url: str):
    """PostgreSQL text cannot hold a NUL: the store drops it there (SQLite
    keeps it), so a stray NUL in a feed's URL or a reason loses nothing."""
    store = Store(store_url)
    a = dataclasses.replace(article(), url="https://example.org/a\x00b", source="Da\x00wn")
    assert store.add_article(a, resolutions=[resolution(a)],
                             events_=[dataclasses.replace(event(a), url="x\x00y")]) is True
    stored = store.article(a.article_id)
    assert stored["url"] in ("https://example.org/a\x00b", "https://example.org/ab")
    assert stored["source"] in ("Da\x00wn", "Dawn")
    store.log_ingest(origin="feed.jsonl:3", status="rejected", reason="bad \x00 byte")
    assert store.ingest_log_rows()[-1]["reason"] in ("bad \x00 byte", "bad  byte")
    cache = SqlGeocodeCache(store)
    cache.put("photon", "kab\x00ul", [{"name": "Kabul"}])
    assert cache.get("photon", "kab\x00ul") == [{"name": "Kabul"}]
    assert store.counts()["events"] == 1


def test_a_new_store_opens_while_another_process_holds_its_write_lock(tmp_path: Path) -> None:
    # a store not yet in WAL, write-locked by another connection (another ingest creating
    # it): switching to WAL fails at once in SQLite; the store waits for the lock instead
    import sqlite3

    path = tmp_path / "store.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE other_writer (x INTEGER)")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        store = Store(f"sqlite:///{path}")
        assert store.counts()["articles"] == 0
        store.close()
    finally:
        release.join()
        holder.close()
