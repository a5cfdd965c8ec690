"""Undated articles dated by the happening they report (etl/undated.py): a
page with no publication date whose main event fits a dated incident is
coded again as of the day that incident was first reported; its dates are
borrowed (week precision), its own publication date stays unknown.  The
pure rule on hand-made reports; then the whole way through ``ingest`` into a
real store (both backends) and through the news evaluation."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

from etl.incidents import link_incidents
from etl.pipeline import ingest
from etl.records import Event
from etl.store import Store
from etl.undated import as_of_day, borrowed_dates, needs_date, publication_guess
from tests.etl.test_incidents import KHARKIV, KHARKIV_OBLAST, SUMY, UKRAINE, report

SUNDAY = date(2025, 5, 11)


def undated(article: str, place=KHARKIV, **kwargs) -> Event:
    event = report(article, place, **kwargs)
    return dataclasses.replace(event, event_date=None, date_precision=0, published=None)


def test_an_undated_report_takes_the_first_report_day_of_the_one_incident_it_fits():
    dated = link_incidents([report("a1", published=date(2025, 4, 14)), report("a2", published=date(2025, 4, 15))])
    assert publication_guess([undated("u1")], dated) == date(2025, 4, 14)
    # inside the incident's place, or holding it
    assert publication_guess([undated("u1", KHARKIV_OBLAST)], dated) == date(2025, 4, 14)


def test_nothing_is_guessed_without_a_fit_or_with_two_days():
    one = link_incidents([report("a1", published=date(2025, 4, 14))])
    assert publication_guess([undated("u1", SUMY)], one) is None                        # elsewhere
    assert publication_guess([undated("u1", event_type="Riots", sub="Mob violence")], one) is None
    assert publication_guess([undated("u1", UKRAINE)], one) is None                     # a country says too little
    background = dataclasses.replace(undated("u1"), role="background")
    assert publication_guess([background], one) is None                                # the page is not about it
    two = link_incidents([report("a1", published=date(2025, 4, 14)),
                          report("b1", day=date(2025, 4, 20), published=date(2025, 4, 21))])
    assert publication_guess([undated("u1")], two) is None                             # which of the two?


def test_an_incident_only_undated_pages_report_is_news_on_the_day_they_give_it():
    # a page with no date whose text pins the day ("on Friday, December 26") reports the incident;
    # another undated page that only says "on Friday" is of that day
    pinned = dataclasses.replace(report("p1", day=date(2025, 4, 13)), published=None)
    only_undated = link_incidents([pinned])
    assert only_undated[0].first_reported is None
    assert publication_guess([undated("u1")], only_undated) == date(2025, 4, 13)
    weekly = dataclasses.replace(pinned, date_precision=2)  # a day borrowed from elsewhere says too little
    assert publication_guess([undated("u1")], link_incidents([weekly])) is None


def test_needs_date_and_borrowed_dates():
    assert needs_date(None, [undated("u1")])
    assert not needs_date(date(2025, 4, 14), [undated("u1")])
    assert not needs_date(None, [undated("u1"), report("u1")])  # a pinned weekday dated the page already
    assert not needs_date(None, [])
    recalled = dataclasses.replace(report("u1"), role="background")
    assert needs_date(None, [undated("u1"), recalled])  # "finalized in March 2025": not the page's happening
    assert not needs_date(None, [recalled])
    (event,) = borrowed_dates([report("u1", published=date(2025, 4, 14))])
    assert (event.event_date, event.date_precision, event.published) == (date(2025, 4, 13), 2, None)


DATED = {
    "title": "Gunmen kill 15 soldiers in attack on army base in Djibo", "url": "https://example.org/djibo-dated",
    "source": "Example Wire", "published": "2025-05-13",
    "text": "Gunmen kill 15 soldiers in attack on army base in Djibo\n\n"
            "Suspected jihadists attacked an army base in the town of Djibo in northern Burkina Faso on Sunday, "
            "killing 15 soldiers, security sources said on Tuesday.\n\n"
            "The attackers arrived on motorcycles at dawn and fought the troops for several hours before "
            "withdrawing, the sources said.\n\nThe government has not commented on the attack."}
UNDATED = {
    "title": "Jihadists claim raid on Djibo army base", "url": "https://example.org/djibo-undated",
    "source": "Example Blog",
    "text": "Jihadists claim raid on Djibo army base\n\n"
            "An armed group has claimed responsibility for an assault on a military base in Djibo, in northern "
            "Burkina Faso, which took place on Sunday.\n\n"
            "The group said in a statement that its fighters killed 30 soldiers and seized weapons and vehicles "
            "during the raid.\n\nThe claim could not be independently verified."}
ELSEWHERE = {
    "title": "Bandits attack village in Zamfara", "url": "https://example.org/zamfara-undated",
    "source": "Example Blog",
    "text": "Bandits attack village in Zamfara\n\nArmed bandits attacked the village of Kaura Namoda in Zamfara "
            "state, Nigeria, on Sunday, killing seven villagers, residents said.\n\n"
            "The attackers also abducted several women, the residents said."}


def write(folder: Path, name: str, *records: dict) -> Path:
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def by_url(store: Store) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in store.query_events():
        out.setdefault(e["url"], []).append(e)
    return out


def test_ingest_dates_an_undated_page_once_its_incident_is_stored(store_url, tmp_path, pipeline):
    store = Store(store_url)
    # the undated pages first: nothing to date them by yet
    first = ingest([write(tmp_path, "undated", UNDATED, ELSEWHERE)], store=store, pipeline=pipeline)
    assert first.stored == 2 and first.dated == 0
    assert all(e["event_date"] is None for events in by_url(store).values() for e in events)
    second = ingest([write(tmp_path, "dated", DATED)], store=store, pipeline=pipeline)
    assert second.stored == 1 and second.dated == 1
    assert "1 undated articles dated by their incidents" in second.summary()
    events = by_url(store)
    (told,) = events[DATED["url"]]
    (claim,) = events[UNDATED["url"]]
    assert told["event_date"] == SUNDAY and told["date_precision"] == 1
    assert claim["event_date"] == SUNDAY and claim["date_precision"] == 2   # borrowed
    assert claim["incident_id"] == told["incident_id"]
    assert claim["fatalities"] == 30
    (bandits,) = events[ELSEWHERE["url"]]
    assert bandits["event_date"] is None                                    # no incident to date it by
    article = store.article(claim["article_id"])
    assert article is not None and article["published"] is None and article["published_precision"] == "unknown"
    (incident,) = [i for i in store.query_incidents() if i["incident_id"] == told["incident_id"]]
    assert incident["n_reports"] == 2
    # a later run finds nothing more to date, and changes nothing
    again = ingest([write(tmp_path, "again", ELSEWHERE)], store=store, pipeline=pipeline)
    assert again.dated == 0 and by_url(store)[UNDATED["url"]][0]["event_date"] == SUNDAY


def test_the_news_evaluation_dates_undated_pages_the_same_way(tmp_path, pipeline):
    from etl import evaluate_news as en

    gold = [
        en.GoldArticle(article_id=name, url=record["url"], outlet=record["source"],
                       published=date.fromisoformat(record["published"]) if "published" in record else None,
                       events=())
        for name, record in (("dated", DATED), ("undated", UNDATED))]
    texts = {"dated": DATED["text"], "undated": UNDATED["text"]}
    told, claim = en.extract_articles(gold, texts, pipeline=pipeline)
    assert [(e.event_date, e.date_precision) for e in told] == [(SUNDAY, 1)]
    assert [(e.event_date, e.date_precision, e.published) for e in claim] == [(SUNDAY, 2, None)]
    links, _ = en.link([told, claim])
    assert links[0] == links[1]


def test_an_undated_page_ingested_with_or_after_its_incident_is_dated(store_url, tmp_path, pipeline):
    store = Store(store_url)
    ingest([write(tmp_path, "dated", DATED)], store=store, pipeline=pipeline)
    report = ingest([write(tmp_path, "undated", UNDATED)], store=store, pipeline=pipeline)
    assert report.dated == 1
    events = by_url(store)
    assert events[UNDATED["url"]][0]["event_date"] == SUNDAY
    assert events[UNDATED["url"]][0]["incident_id"] == events[DATED["url"]][0]["incident_id"]


def test_an_undated_page_coded_again_after_a_geocoder_retry_is_dated(pipeline, tmp_path):
    # the place of both reports is found only online; the service asked us to wait at first
    from etl.pipeline import retry_unresolved
    from etl.store import SqlGeocodeCache
    from geo.online import make_geocoder
    from tests.etl.test_retry_unresolved import USER_AGENT, _online, spinwam_answer
    from tests.geo import fake_geocoding_server as fake

    running = fake.FakeGeocodingServer().start()
    try:
        store = Store(str(tmp_path / "s.db"))

        def nominatim():
            return make_geocoder("nominatim", user_agent=USER_AGENT, domain=running.domain, scheme="http",
                                 cache=SqlGeocodeCache(store), min_delay_s=0.0, timeout_s=2.0,
                                 max_wait_s=120.0, max_retries=1)

        running.script("Spinwam", fake.status(429, retry_after="600"))
        told = {"text": "Gunmen ambushed a police convoy near Spinwam on Monday, killing four policemen, "
                        "officials said.", "url": "https://example.org/spinwam", "published": "2025-09-02"}
        claim = {"text": "A militant group said its fighters ambushed a police convoy near Spinwam on Monday "
                         "and killed four policemen.", "url": "https://example.org/spinwam-claim"}
        ingest([write(tmp_path, "in", told, claim)], store=store, pipeline=_online(pipeline, nominatim()))
        assert claim["url"] not in by_url(store)  # no place, no event yet
        running.reset()
        running.script("Spinwam", fake.json_body(spinwam_answer()))
        retried = retry_unresolved(store, geocoder=nominatim(), pipeline=pipeline)
        assert retried.articles == 2
        events = by_url(store)
        assert events[claim["url"]][0]["location"] == "Spinwam"
        assert events[claim["url"]][0]["event_date"] == date(2025, 9, 1)
        assert events[claim["url"]][0]["incident_id"] == events[told["url"]][0]["incident_id"]
    finally:
        running.stop()


def test_sitrep_extract_dates_an_undated_document_by_the_others(tmp_path):
    import io
    from contextlib import redirect_stdout

    from etl.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["extract", str(write(tmp_path, "both", UNDATED, DATED, ELSEWHERE))]) == 0
    events = [json.loads(line)["events"] for line in out.getvalue().splitlines()]
    assert len(events) == 3
    by_date = sorted(((e["event_date"], e["date_precision"]) for found in events for e in found),
                     key=lambda pair: (pair[0] or "", pair[1]))
    assert by_date.count(("2025-05-11", 1)) == 1 and by_date.count(("2025-05-11", 2)) == 1  # told, claimed
    assert (None, 0) in by_date  # the bandits' page: no incident to date it by


def test_a_report_dated_to_the_week_dates_an_undated_page_too():
    # "this week", a date borrowed from the text around: the incident was still news that day
    week = link_incidents([report("a1", precision=2, published=date(2025, 4, 14))])
    assert publication_guess([undated("u1")], week) == date(2025, 4, 14)
    month = link_incidents([report("a1", precision=3, published=date(2025, 4, 14))])
    assert publication_guess([undated("u1")], month) is None                   # a month says too little


WEEK_DATED = {
    "title": "Gunmen kill 15 soldiers at army base in Djibo", "url": "https://example.org/djibo-week",
    "source": "Example Wire", "published": "2025-05-13",
    "text": "Gunmen kill 15 soldiers at army base in Djibo\n\n"
            "Suspected jihadists attacked an army base in the town of Djibo in northern Burkina Faso, "
            "killing 15 soldiers, security sources said.\n\n"
            "The attackers arrived on motorcycles at dawn and fought the troops for several hours."}


def test_ingest_dates_an_undated_page_by_a_report_dated_to_the_week(store_url, tmp_path, pipeline):
    store = Store(store_url)
    ingest([write(tmp_path, "undated", UNDATED)], store=store, pipeline=pipeline)
    second = ingest([write(tmp_path, "dated", WEEK_DATED)], store=store, pipeline=pipeline)
    events = by_url(store)
    (told,) = events[WEEK_DATED["url"]]
    (claim,) = events[UNDATED["url"]]
    assert told["date_precision"] == 2 and second.dated == 1
    assert claim["event_date"] is not None and claim["incident_id"] == told["incident_id"]


def test_a_page_that_tells_its_happening_by_a_later_weekday_is_coded_as_of_that_day():
    tuesday = date(2025, 4, 29)
    # first reported on Tuesday; the page tells "on Wednesday": written on the Wednesday after
    assert as_of_day("Gunmen opened fire on a vehicle early on Wednesday, killing six.", tuesday) == date(2025, 4, 30)
    # "on Monday": the day before the first report, as of that report's day
    assert as_of_day("Gunmen opened fire on a vehicle on Monday, killing six.", tuesday) == tuesday
    assert as_of_day("Gunmen opened fire on a vehicle, killing six.", tuesday) == tuesday
