"""News evaluation (events per article, incidents across articles): the
reader on a small self-written part folder, the scorer on hand-computed
examples.  No real article is needed."""

from __future__ import annotations

import argparse
import dataclasses
import json
from datetime import date

import pytest

from etl import evaluate_news as en
from etl.cli_eval import cmd_eval
from etl.records import Event

KYIV = (50.45, 30.52)
BUCHA = (50.54, 30.21)      # ~25 km from Kyiv
LVIV = (49.84, 24.03)       # ~470 km


def make_event(**overrides) -> Event:
    base = dict(
        event_id="e", article_id="a", event_date=date(2025, 4, 4), date_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1="", actor2="", country="UKR", admin1="Kyiv City", admin2="", location="Kyiv",
        latitude=KYIV[0], longitude=KYIV[1], geo_precision=1, place_id="geonames:703448",
        fatalities=0, fatalities_low=0, fatalities_high=0, injured=0, evidence="x", evidence_start=0,
        evidence_end=1, claimed_by="", confidence=0.5, incident_id="e", role="main", source="", url="",
        published=date(2025, 4, 5), fatalities_reported="")
    base.update(overrides)
    return Event(**base)


def gold_event(**overrides) -> en.GoldNewsEvent:
    base = dict(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                date_first=date(2025, 4, 4), date_last=date(2025, 4, 4), date_precision="day", country="UKR",
                lat=KYIV[0], lon=KYIV[1], geo_precision=1, fatalities=None, incident_id="i1")
    base.update(overrides)
    return en.GoldNewsEvent(**base)


def article(article_id: str, *events: en.GoldNewsEvent) -> en.GoldArticle:
    return en.GoldArticle(article_id, "", "", date(2025, 4, 5), tuple(events))


# --- reading ---------------------------------------------------------------------


def write_part(folder, *, with_texts=None):
    folder.mkdir(parents=True)
    (folder / "sources.tsv").write_text(
        "id\tcluster\turl\tquery_used\toutlet\tpublished\tchars\n"
        "x-one\tc\thttps://example.org/1\tq\tOne\t2025-04-05\t10\n"
        "x-two\tc\thttps://example.org/2\tq\tTwo\t\t10\n", encoding="utf-8")
    events = [{"event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-04", "date_precision": "month",
               "country": "UKR", "lat": 50.0, "lon": 30.0, "geo_precision": 2, "fatalities": 12,
               "fatalities_note": "aggregate over Sumy+Kyiv: 12", "role": "background", "incident_id": "i1"}]
    (folder / "gold.jsonl").write_text(
        json.dumps({"id": "x-one", "url": "https://example.org/1", "published": "2025-04-05", "events": events})
        + "\n" + json.dumps({"id": "x-two", "url": "https://example.org/2", "published": "", "events": []}) + "\n",
        encoding="utf-8")
    (folder / "incidents.jsonl").write_text(json.dumps(
        {"incident_id": "i1", "event_type": "Battles", "date": "2025-04", "country": "UKR",
         "fatalities_low": 12, "fatalities_best": 12, "fatalities_high": 15, "articles": ["x-one"]}) + "\n",
        encoding="utf-8")


def test_read_news_sets_reads_parts_and_month_dates(tmp_path):
    write_part(tmp_path / "part-a")
    write_part(tmp_path / "part-b")
    sets = en.read_news_sets(tmp_path)
    assert [s.name for s in sets] == ["part-a", "part-b"]
    one = sets[0].articles[0]
    assert one.published == date(2025, 4, 5) and sets[0].articles[1].published is None
    event = one.events[0]
    assert (event.date_first, event.date_last, event.date_precision) == (date(2025, 4, 1), date(2025, 4, 30), "month")
    assert event.aggregate == "Sumy+Kyiv: 12" and event.role == "background"
    assert sets[0].incidents[0].month == "2025-04" and sets[0].incidents[0].fatalities_best == 12
    assert len(en.combine(sets).articles) == 4
    assert [s.name for s in en.read_news_sets(tmp_path / "part-a")] == ["part-a"]


def test_read_news_sets_rejects_a_folder_without_parts(tmp_path):
    with pytest.raises(en.NewsEvalError):
        en.read_news_sets(tmp_path)


def test_read_texts_reports_missing_ones(tmp_path):
    write_part(tmp_path / "part-a")
    articles = en.read_news_sets(tmp_path)[0].articles
    texts_dir = tmp_path / "texts"
    texts_dir.mkdir()
    (texts_dir / "x-one.txt").write_text("Missiles hit Kyiv.", encoding="utf-8")
    texts, missing = en.read_texts(articles, folder=texts_dir)
    assert texts == {"x-one": "Missiles hit Kyiv."} and missing == ["x-two"]
    line = en.missing_message(missing, 2, folder=texts_dir)
    assert "1 of 2" in line and "x-two.txt" in line and "\n" not in line


def test_eval_news_says_in_one_line_when_texts_are_missing(tmp_path, monkeypatch, capsys):
    write_part(tmp_path / "set" / "part-a")
    monkeypatch.setenv(en.TEXTS_ENV, str(tmp_path / "nowhere"))
    args = argparse.Namespace(task="news", path=tmp_path / "set", fmt="auto", limit=None, json=False)
    assert cmd_eval(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "2 of 2 article texts missing" in err and "README" in err


# --- event level -------------------------------------------------------------------


def test_match_is_one_to_one_and_maximal():
    # Greedy matching would give the only Kyiv prediction to the first gold
    # event (which also fits Bucha) and leave the second unmatched.
    gold = [gold_event(lat=BUCHA[0], lon=BUCHA[1]), gold_event()]
    near_both = make_event(event_id="p1")
    bucha_only = make_event(event_id="p2", latitude=BUCHA[0], longitude=28.2)  # 141 km from Bucha, 165 from Kyiv
    assert en.match_article(gold, [near_both, bucha_only]) == [(0, 1), (1, 0)]
    assert len(en.match_article(gold, [near_both])) == 1


def test_match_is_the_best_agreeing_of_the_maximum_matchings_whatever_the_order():
    # Brute force over small random articles: the matching is maximum, and among
    # maximum matchings its pairs agree best (sub-type, then days, then km);
    # listing the predictions in another order gives the same total agreement.
    import itertools
    import random

    rng = random.Random(7)
    places = [KYIV, BUCHA, (50.51, 30.25), (50.0, 30.8)]
    subs = ["Shelling/artillery/missile attack", "Air/drone strike"]

    def cost(pairs, gold, predicted):
        total = 0.0
        for gi, pi in pairs:
            other_sub, days, km = en._preference(gold[gi], predicted[pi])
            total += other_sub * 1e6 + min(days, 99) * 1e3 + min(km, 999.0)
        return total

    for _ in range(300):
        gold = [gold_event(lat=(p := rng.choice(places))[0], lon=p[1], sub_event_type=rng.choice(subs),
                           date_first=date(2025, 4, rng.choice((3, 4))), date_last=date(2025, 4, 4))
                for _ in range(rng.randint(1, 4))]
        gold = [dataclasses.replace(g, date_last=g.date_first) for g in gold]
        predicted = [make_event(event_id=f"p{i}", latitude=(p := rng.choice(places))[0], longitude=p[1],
                                sub_event_type=rng.choice(subs), event_date=date(2025, 4, rng.choice((3, 4, 5))))
                     for i in range(rng.randint(1, 4))]
        best = (0, 0.0)
        for size in range(min(len(gold), len(predicted)), 0, -1):
            options = [cost(list(zip(gs, ps)), gold, predicted)
                       for gs in itertools.combinations(range(len(gold)), size)
                       for ps in itertools.permutations(range(len(predicted)), size)
                       if all(en.event_matches(gold[g], predicted[q]) for g, q in zip(gs, ps))]
            if options:
                best = (size, min(options))
                break
        found = en.match_article(gold, predicted)
        assert (len(found), cost(found, gold, predicted)) == pytest.approx(best)
        shuffled = predicted[::-1]
        again = en.match_article(gold, shuffled)
        assert cost(again, gold, shuffled) == pytest.approx(best[1])


def test_match_needs_type_place_and_date():
    g = gold_event()
    assert en.event_matches(g, make_event())
    assert en.event_matches(g, make_event(event_date=date(2025, 4, 5)))          # one day off
    assert not en.event_matches(g, make_event(event_date=date(2025, 4, 6)))      # two days off
    assert not en.event_matches(g, make_event(event_type="Battles"))
    assert not en.event_matches(g, make_event(latitude=LVIV[0], longitude=LVIV[1]))
    month = gold_event(date_first=date(2025, 4, 1), date_last=date(2025, 4, 30), date_precision="month")
    assert en.event_matches(month, make_event(event_date=date(2025, 4, 29)))
    assert not en.event_matches(month, make_event(event_date=date(2025, 5, 1)))
    country = gold_event(geo_precision=3, lat=49.0, lon=32.0)
    assert en.event_matches(country, make_event(latitude=LVIV[0], longitude=LVIV[1]))
    assert not en.event_matches(country, make_event(country="RUS"))


def test_event_scores_on_a_hand_computed_example():
    gold = [
        article("a1", gold_event(fatalities=20), gold_event(lat=LVIV[0], lon=LVIV[1], fatalities=None,
                                                            sub_event_type="Air/drone strike")),
        article("a2", gold_event(fatalities=5, role="background")),
    ]
    predicted = [
        [make_event(fatalities=20), make_event(event_type="Battles", fatalities=3)],   # 1 right, 1 wrong
        [make_event(fatalities=4)],                                                    # matched, toll wrong
    ]
    scores = en.score_events(gold, predicted)
    assert (scores["n_gold"], scores["n_pred"]) == (3, 3)
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
    assert scores["subtype_accuracy"] == 1.0
    assert scores["n_fatalities_scored"] == 2 and scores["fatalities_exact"] == 0.5
    # a1: 23 predicted against 20; a2: 4 against 5
    assert scores["article_total_exact"] == 0.0
    assert scores["recall_main"] == pytest.approx(1 / 2)
    # a1's Lviv strike: the spare Battles event is in Kyiv (place and type wrong), no near miss
    assert (scores["missed_type"], scores["missed_place"], scores["missed_date"], scores["missed_absent"]) == \
        (0, 0, 0, 1)


def test_a_miss_is_put_down_to_the_one_test_a_spare_event_fails():
    g = gold_event()
    assert en.miss_reason(g, [make_event(event_type="Battles")]) == "type"
    assert en.miss_reason(g, [make_event(latitude=LVIV[0], longitude=LVIV[1])]) == "place"
    assert en.miss_reason(g, [make_event(event_date=date(2025, 4, 9))]) == "date"
    assert en.miss_reason(g, [make_event(event_type="Battles", event_date=date(2025, 4, 9))]) == "absent"
    assert en.miss_reason(g, []) == "absent"
    # several near misses: the type is named first
    assert en.miss_reason(g, [make_event(event_date=date(2025, 4, 9)), make_event(event_type="Battles")]) == "type"


def test_aggregate_figures_are_counted_once():
    agg = "Kyiv+Bucha: 12"
    gold = [article("a1", gold_event(fatalities=12, aggregate=agg),
                    gold_event(lat=BUCHA[0], lon=BUCHA[1], fatalities=12, aggregate=agg, incident_id="i2"))]
    assert en.gold_total(gold[0].events) == 12
    split = [[make_event(fatalities=6), make_event(latitude=BUCHA[0], longitude=BUCHA[1], place_id="b",
                                                    fatalities=6)]]
    scores = en.score_events(gold, split)
    assert scores["n_fatalities_scored"] == 1 and scores["fatalities_exact"] == 1.0
    assert scores["article_total_exact"] == 1.0
    doubled = [[make_event(fatalities=12), make_event(latitude=BUCHA[0], longitude=BUCHA[1], place_id="b",
                                                      fatalities=12)]]
    scores = en.score_events(gold, doubled)
    assert scores["fatalities_exact"] == 0.0 and scores["article_total_exact"] == 0.0


# --- incident level --------------------------------------------------------------


def test_incident_scores_on_a_hand_computed_example():
    gold = [article("a1", gold_event(incident_id="kyiv")),
            article("a2", gold_event(incident_id="kyiv")),
            article("a3", gold_event(incident_id="kyiv"), gold_event(lat=LVIV[0], lon=LVIV[1], incident_id="lviv"))]
    predicted = [[make_event()], [make_event()],
                 [make_event(), make_event(latitude=LVIV[0], longitude=LVIV[1]), make_event(event_type="Battles")]]
    # The system puts a1 and a3's Kyiv report together, a2 apart, and links
    # the unmatched Battles event to the Lviv incident.
    links = [["K"], ["K2"], ["K", "L", "L"]]
    incidents = [en.PredictedIncident("K", "UKR", date(2025, 4, 4), 20),
                 en.PredictedIncident("K2", "UKR", date(2025, 4, 4), 18),
                 en.PredictedIncident("L", "UKR", date(2025, 4, 4), None)]
    gold_incidents = [en.GoldIncident("kyiv", "Explosions/Remote violence", "UKR", "2025-04", 20, ("a1", "a2", "a3")),
                      en.GoldIncident("lviv", "Explosions/Remote violence", "UKR", "2025-04", 2, ("a3",))]
    scores = en.score_incidents(gold, predicted, links, incidents, gold_incidents)
    # matched events: gold pairs (a1,a2), (a1,a3), (a2,a3); predicted pairs among matched: (a1,a3)
    assert scores["pairwise_precision_matched"] == 1.0 and scores["pairwise_recall_matched"] == pytest.approx(1 / 3)
    # all events: predicted pairs (a1,a3k) right, (a3l,a3b) wrong
    assert scores["pairwise_precision"] == 0.5 and scores["pairwise_recall"] == pytest.approx(1 / 3)
    assert (scores["n_incidents"], scores["n_incidents_gold"]) == (3, 2)
    # K: both events kyiv; K2: its one event kyiv; L: 1 of 2 events lviv (not most)
    assert scores["incidents_matched"] == 1
    assert (scores["fatalities_total"], scores["fatalities_total_gold"]) == (38, 22)
    assert scores["fatalities_by_country_month"] == {"UKR 2025-04": {"gold": 22, "pred": 38}}
    assert scores["fatalities_cells_within_15pct"] == 0.0


def test_a_border_event_lies_in_both_countries():
    gold = gold_event(country="THA", geo_precision=3, lat=14.3, lon=103.3)
    border = make_event(country="KHM", place_id="border:KHM-THA", latitude=14.4, longitude=103.4)
    assert en.event_matches(gold, border)
    assert not en.event_matches(gold, make_event(country="KHM", place_id="ne:KHM"))
