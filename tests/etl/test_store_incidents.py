"""Incidents in the store (issue 13, item 2): linked as articles arrive, in the
article's transaction; ids stable, merged ids kept as aliases; a full re-link
gives the same incidents whatever order the articles came in; a store written
before incidents existed is upgraded on open.  Both backends (``store_url``)."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date

import pytest
import sqlalchemy as sa

from etl.incidents import add_reports
from etl.records import Article
from etl.store import EventFilter, Store
from tests.etl.test_incidents import MEREFA, SUMY
from tests.etl.test_incidents_reference import random_reports
from tests.etl.test_incidents import report as long_report


def report(*args, **kwargs):
    """A report as ``test_incidents`` makes it, with an event id as short as
    the store's (32 characters)."""
    import hashlib

    event = long_report(*args, **kwargs)
    short = hashlib.sha1(event.event_id.encode()).hexdigest()[:24]
    return dataclasses.replace(event, event_id=short, incident_id=short)


def article_of(event, *, text: str = "A strike hit the city.") -> Article:
    return Article(article_id=event.article_id, url=event.url, title=event.article_id,
                   source=event.source, published=event.published, published_precision="day",
                   text=f"{text} ({event.article_id})", language="en", origin="test")


def store_reports(store: Store, reports) -> None:
    for event in reports:
        assert store.add_article(article_of(event), resolutions=[], events_=[event])


def members(store: Store) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for e in store.query_events():
        by.setdefault(e["incident_id"], set()).add(e["event_id"])
    return {frozenset(v) for v in by.values()}


REPORTS = [
    report("a1", fatalities=20, published=date(2025, 4, 13)),
    report("a2", fatalities=20, published=date(2025, 4, 14)),
    report("a3", MEREFA, fatalities=25, published=date(2025, 4, 14)),
    report("b1", SUMY, fatalities=34, published=date(2025, 4, 14)),
    report("b2", SUMY, fatalities=35, published=date(2025, 4, 15)),
]


def test_reports_of_one_happening_share_an_incident(store_url):
    store = Store(store_url)
    store_reports(store, REPORTS)
    assert members(store) == {frozenset(e.event_id for e in REPORTS[:3]),
                              frozenset(e.event_id for e in REPORTS[3:])}
    rows = {r["incident_id"]: r for r in store.query_incidents()}
    assert set(rows) == {REPORTS[0].event_id, REPORTS[3].event_id}  # the first reports' ids
    kharkiv = rows[REPORTS[0].event_id]
    assert (kharkiv["n_reports"], kharkiv["n_sources"]) == (3, 3)
    assert (kharkiv["fatalities_low"], kharkiv["fatalities_best"], kharkiv["fatalities_high"]) == (20, 20, 25)
    assert "2 of 3" in kharkiv["best_reason"]
    assert sorted(kharkiv["article_ids"]) == ["a1", "a2", "a3"]
    sumy = rows[REPORTS[3].event_id]
    assert (sumy["fatalities_best"], sumy["best_reason"]) == (34, "the lowest of 2 differing reports")
    assert store.incident_count() == 2


def test_a_border_clash_told_from_both_sides_shares_an_incident_in_the_store(store_url):
    from tests.etl.test_incidents import BORDER

    battle = dict(event_type="Battles", sub="Armed clash")
    belgorod = ("geonames:578072", "Belgorod", "Belgorod", "RUS", 50.61, 36.58, 1)
    reports = [report("a1", **battle, published=date(2025, 4, 13)),
               report("b1", BORDER, **battle, published=date(2025, 4, 14)),
               report("c1", belgorod, **battle, published=date(2025, 4, 14)),     # joins across the border
               report("d1", ("ne:RUS", "Russia", "", "RUS", 61.0, 99.0, 3), **battle,
                      published=date(2025, 4, 15))]                               # and the country's report
    store = Store(store_url)
    store_reports(store, reports)
    assert members(store) == {frozenset(e.event_id for e in reports)}


def test_a_later_report_revising_the_toll_updates_the_incident(store_url):
    store = Store(store_url)
    store_reports(store, REPORTS[3:4])
    assert store.query_incidents()[0]["fatalities_best"] == 34
    revised = dataclasses.replace(report("b9", SUMY, fatalities=35, published=date(2025, 4, 16)),
                                  url=REPORTS[3].url)  # the same page, updated
    store_reports(store, [revised])
    (row,) = store.query_incidents()
    assert row["fatalities_best"] == 35 and row["n_reports"] == 2


def test_any_arrival_order_relinks_to_the_same_incidents(store_url, tmp_path):
    results = []
    for order in list(itertools.permutations(REPORTS))[:: 30]:
        store = Store(store_url) if not results else Store(f"sqlite:///{tmp_path / f'{len(results)}.db'}")
        store_reports(store, order)
        incremental = members(store)
        store.relink_incidents()
        after = members(store)
        assert incremental == after
        results.append((after, sorted(r["incident_id"] for r in store.query_incidents())))
    assert all(r == results[0] for r in results)


def test_ids_stay_resolvable_after_a_relink(store_url):
    store = Store(store_url)
    store_reports(store, [REPORTS[1], REPORTS[0]])  # the later report arrived first
    (first_id,) = [r["incident_id"] for r in store.query_incidents()]
    assert first_id == REPORTS[1].event_id  # named after the first report to arrive: stable
    store.relink_incidents()
    (canonical,) = [r["incident_id"] for r in store.query_incidents()]
    assert canonical == REPORTS[0].event_id  # canonical order: earliest published
    assert store.resolve_incident_id(first_id) == canonical
    assert store.incident(first_id)["incident_id"] == canonical


def test_recoding_an_article_keeps_its_incident_consistent(store_url):
    store = Store(store_url)
    store_reports(store, REPORTS[:2])
    moved = dataclasses.replace(REPORTS[1], event_id="a2-recoded", fatalities=22)
    store.replace_extraction("a2", resolutions=[], events_=[moved])
    (row,) = store.query_incidents()
    assert row["n_reports"] == 2 and row["fatalities_high"] == 22
    assert {e["incident_id"] for e in store.query_events()} == {row["incident_id"]}
    gone = dataclasses.replace(REPORTS[0], event_id="a1-recoded", event_type="Protests",
                               sub_event_type="Peaceful protest")
    store.replace_extraction("a1", resolutions=[], events_=[gone])
    rows = store.query_incidents()
    assert len(rows) == 2 and sum(r["n_reports"] for r in rows) == 2


def test_incident_filters(store_url):
    store = Store(store_url)
    store_reports(store, REPORTS)
    assert len(store.query_incidents(EventFilter(min_fatalities=30))) == 1
    assert len(store.query_incidents(EventFilter(countries=("UKR",)))) == 2
    assert store.query_incidents(EventFilter(countries=("PAK",))) == []
    assert len(store.query_incidents(EventFilter(sources=("b2",)))) == 1  # through its reports
    assert store.query_incidents(EventFilter(since=date(2025, 4, 14))) == []


def test_an_older_store_is_upgraded_and_linked(tmp_path):
    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    current = Store(f"sqlite:///{tmp_path / 'template.db'}")
    with current.engine.connect() as conn:
        ddl = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name IN "
            "('articles','events','mentions','places')").scalars().all()
    with engine.begin() as conn:
        for statement in ddl:
            statement = (statement.replace("incident_id VARCHAR(64) NOT NULL,", "cluster_id VARCHAR(64) NOT NULL,")
                         .replace("role VARCHAR(16) NOT NULL,", ""))
            conn.exec_driver_sql(statement)
    old = Store(f"sqlite:///{tmp_path / 'scratch.db'}")
    store_reports(old, REPORTS[:2])
    rows = old.query_events()
    with engine.begin() as conn:
        columns = [c["name"] for c in sa.inspect(conn).get_columns("events")]
        assert "incident_id" not in columns and "cluster_id" in columns
        for table in ("articles",):
            for row in old._rows(sa.select(sa.table(table, *[sa.column(c) for c in (
                    "article_id", "url", "title", "source", "published", "published_precision",
                    "text", "language", "origin", "ingested_at")]))):
                conn.execute(sa.text(
                    "INSERT INTO articles VALUES (:article_id, :url, :title, :source, :published, "
                    ":published_precision, :text, :language, :origin, :ingested_at)"), row)
        for row in rows:
            values = {k: row[k] for k in columns if k in row}
            values["cluster_id"] = ""
            conn.execute(sa.text(f"INSERT INTO events ({', '.join(columns)}) VALUES "
                                 f"({', '.join(':' + c for c in columns)})"), values)
    upgraded = Store(f"sqlite:///{path}")
    (row,) = upgraded.query_incidents()
    assert row["n_reports"] == 2
    assert {e["role"] for e in upgraded.query_events()} == {"main"}


@pytest.mark.parametrize("seed", [5, 6])
def test_linking_in_the_store_is_linking_against_every_stored_incident(store_url, seed):
    # The store reads only the incidents a new article's reports may fit
    # (SQL); linking against those must give what linking against every
    # stored incident gives: the same incidents, ids and figures.
    rng = random.Random(seed)
    by_article: dict[str, list] = {}
    for event in random_reports(rng, 400, days=8):
        by_article.setdefault(event.article_id, []).append(event)
    order = sorted(by_article)
    rng.shuffle(order)
    store = Store(store_url)
    expected: list = []
    for n, article_id in enumerate(order, 1):
        batch = by_article[article_id]
        assert store.add_article(article_of(batch[0]), resolutions=[], events_=batch)
        expected = add_reports(expected, batch)
        if n % 25 == 0 or n == len(order):
            stored: dict[str, set[str]] = {}
            for e in store.query_events():
                stored.setdefault(e["incident_id"], set()).add(e["event_id"])
            assert stored == {i.incident_id: set(i.event_ids) for i in expected}, f"after {n} articles"
    rows = {r["incident_id"]: r for r in store.query_incidents()}
    assert {key: (r["fatalities_low"], r["fatalities_best"], r["fatalities_high"], r["n_reports"])
            for key, r in rows.items()} == {
        i.incident_id: (i.fatalities_low, i.fatalities_best, i.fatalities_high, i.n_reports) for i in expected}


def test_a_month_dated_report_finds_its_place_under_another_entry_in_the_store(store_url):
    from tests.etl.test_incidents import GOMA_CITY, GOMA_DISTRICT

    told = report("k1", GOMA_DISTRICT, day=date(2025, 1, 27), event_type="Battles", sub="Armed clash")
    recalled = report("z9", GOMA_CITY, day=date(2025, 1, 1), precision=3, event_type="Battles", sub="Armed clash",
                      published=date(2025, 6, 19))
    store = Store(store_url)
    store_reports(store, [told, recalled])
    assert members(store) == {frozenset({told.event_id, recalled.event_id})}
