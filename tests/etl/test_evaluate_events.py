"""Event evaluation: readers on small self-written snippets, metrics on
hand-computed examples.  No corpus is needed (the real sets live outside the
repository)."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest

from etl import evaluate_events as ee
from etl.cli_eval import cmd_eval
from etl.records import Event


def make_event(**overrides) -> Event:
    base = dict(
        event_id="e", article_id="a", event_date=date(2025, 10, 12), date_precision=1,
        event_type="Battles", sub_event_type="Armed clash", actor1="", actor2="", country="PAK",
        admin1="Khyber Pakhtunkhwa", admin2="", location="Bannu", latitude=32.99, longitude=70.6,
        geo_precision=1, place_id="p", fatalities=0, fatalities_low=0, fatalities_high=0, injured=0,
        evidence="x", evidence_start=0, evidence_end=1, claimed_by="", confidence=0.5, incident_id="c",
        role="main",
        source="", url="", published=date(2025, 10, 13))
    base.update(overrides)
    return Event(**base)


# --- readers ---------------------------------------------------------------------


def test_read_case_keeps_quotes_verbatim(tmp_path):
    path = tmp_path / "case.tsv"
    path.write_text('id\tEventSnippet\tSubType\n'
                    '1\tGunmen "opened fire" on a bus in Quetta\tATTACK\n'
                    '2\tFloods hit "the valley\tNATURAL_DISASTER\n', encoding="utf-8")
    docs = ee.read_case(path)
    assert [d.label for d in docs] == ["ATTACK", "NATURAL_DISASTER"]
    assert docs[0].text == 'Gunmen "opened fire" on a bus in Quetta'
    assert docs[1].text == 'Floods hit "the valley'  # an unbalanced quote does not swallow lines
    assert docs[0].published is None


def test_read_case_rejects_other_tables(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(ee.EventEvalError):
        ee.read_case(path)


UCDP = (
    "id,source_date,source_headline,latitude,longitude,adm_1,date_start,date_end,best,low,high\n"
    ",,#description,#geo+lat,#geo+lon,#adm1+name,#date+start,#date+end,#affected+killed,,\n"
    "1,2015-01-27,Seven militants killed in Bannu,32.99,70.60,Khyber Pakhtunkhwa province,"
    "2015-01-26 00:00:00.000,2015-01-26 00:00:00.000,7,7,9\n"
    "2,,,33.0,70.0,X,2015-01-01 00:00:00.000,2015-01-01 00:00:00.000,3,3,3\n"
    "3,2016-01-01;2016-02-03,Pakistan: Timeline 2016;Blast kills two in Quetta,30.18,67.0,"
    "Balochistan province,2016-02-02 00:00:00.000,2016-02-03 00:00:00.000,2,2,2\n"
)


def test_read_ucdp_skips_hxl_row_and_rows_without_headline(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(UCDP, encoding="utf-8")
    docs = ee.read_ucdp(path)
    assert [d.doc_id for d in docs] == ["1", "3"]
    first, third = docs
    assert first.text == "Seven militants killed in Bannu"
    assert first.published == date(2015, 1, 27)
    assert (first.killed, first.killed_low, first.killed_high) == (7, 7, 9)
    assert first.date_start == first.date_end == date(2015, 1, 26)
    assert first.lat == pytest.approx(32.99)
    # the digest headline is skipped; the next headline brings its own date
    assert third.text == "Blast kills two in Quetta" and third.published == date(2016, 2, 3)
    assert third.date_end == date(2016, 2, 3)


def test_isaf_dateline_date_is_the_publication_date():
    text = "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation in Andar district yesterday"
    assert ee.isaf_published(text) == date(2013, 1, 25)
    assert ee.isaf_published("ISAF Joint Command Operational Update, Sept. 3, 2011\nKABUL") == date(2011, 9, 3)
    assert ee.isaf_published("no date here") is None


def test_read_isaf(tmp_path):
    path = tmp_path / "isaf.jsonl"
    record = {"text": "KABUL, Afghanistan (Nov. 20, 2011)\nA force killed two insurgents in Marjeh district, "
                      "Helmand province, yesterday.", "name": "2", "start_date": "2011-11-19",
              "province": ["helmand"], "min_killed": 2}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (doc,) = ee.read_isaf(path)
    assert doc.published == date(2011, 11, 20) and doc.date_start == date(2011, 11, 19)
    assert doc.province == "helmand" and doc.killed == 2


def test_read_satp_multilabel(tmp_path):
    path = tmp_path / "satp.tsv"
    path.write_text("Militants shot dead a constable and set a school on fire\t1\t0\t0\t1\n"
                    "A bomb exploded near a market\t0\t1\t0\t0\n", encoding="utf-8")
    docs = ee.read_satp(path)
    assert docs[0].kinds == frozenset({"armed_assault", "other"})
    assert docs[1].kinds == frozenset({"bombing"})


def test_read_gold_and_detect_format(tmp_path):
    path = tmp_path / "gold.jsonl"
    record = {"id": "g1", "text": "t", "published": "2025-11-20", "toponyms": [],
              "events": [{"event_type": "Battles", "date": "2025-10-12", "date_precision": "day",
                          "country": "PAK", "lat": 33.0, "lon": 70.0, "geo_precision": 1, "fatalities": 23}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert ee.detect_format(path) == "gold"
    (doc,) = ee.read_gold(path)
    assert doc.published == date(2025, 11, 20)
    assert doc.events[0].fatalities == 23 and doc.events[0].date == date(2025, 10, 12)


# --- metrics ---------------------------------------------------------------------


def test_prf():
    assert ee.prf(2, n_gold=4, n_pred=2) == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    assert ee.prf(0, n_gold=0, n_pred=0)["f1"] == 0.0


def test_macro_f1_by_hand():
    gold = ["A", "A", "B", "NONE"]
    pred = ["A", "B", "B", "B"]
    # A: tp1 gold2 pred1 -> P1 R.5 F.667 ; B: tp1 gold1 pred3 -> P.333 R1 F.5
    assert ee.macro_f1(gold, pred, labels=["A", "B"]) == pytest.approx((2 / 3 + 0.5) / 2)


def test_fatalities_scores_by_hand():
    scores = ee.fatalities_scores([2, 0, 10], [2, 1, 7])
    assert scores["fatalities_exact"] == pytest.approx(1 / 3)
    assert scores["fatalities_mae"] == pytest.approx(4 / 3)


def test_date_in_range():
    assert ee.date_in_range(date(2020, 1, 2), date(2020, 1, 1), date(2020, 1, 3))
    assert not ee.date_in_range(date(2020, 1, 4), date(2020, 1, 1), date(2020, 1, 3))
    assert ee.date_in_range(date(2020, 1, 4), date(2020, 1, 3), tolerance_days=1)
    assert not ee.date_in_range(None, date(2020, 1, 1))


def test_haversine_one_degree_of_latitude():
    assert ee.haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.2)


def test_match_events_design_rule():
    gold = [ee.GoldEvent("Battles", date=date(2025, 10, 12), lat=33.0, lon=70.0, country="PAK")]
    near = make_event(latitude=33.5, longitude=70.5, event_date=date(2025, 10, 13))
    far = make_event(latitude=25.0, longitude=67.0)
    wrong_type = make_event(event_type="Protests")
    assert ee.match_events(gold, [near]) == [(0, 0)]
    assert ee.match_events(gold, [far]) == []
    assert ee.match_events(gold, [wrong_type]) == []
    assert ee.match_events(gold, [wrong_type], type_=False) == [(0, 0)]
    late = make_event(event_date=date(2025, 10, 15))
    assert ee.match_events(gold, [late]) == []


def test_country_precision_gold_matches_on_country():
    gold = [ee.GoldEvent("Battles", date=date(2025, 10, 12), country="AFG", geo_precision=3)]
    assert ee.match_events(gold, [make_event(country="AFG", latitude=None, longitude=None)]) == [(0, 0)]
    assert ee.match_events(gold, [make_event(country="PAK")]) == []


def test_main_event_prefers_violence_in_text_order():
    diplomacy = make_event(event_type="Strategic developments", sub_event_type="Diplomacy", evidence_start=0)
    arrest = make_event(event_type="Strategic developments", sub_event_type="Arrests", evidence_start=5)
    blast = make_event(event_type="Explosions/Remote violence", evidence_start=50)
    assert ee.main_event([diplomacy, arrest, blast]) is blast
    assert ee.main_event([diplomacy, arrest]) is arrest
    assert ee.main_event([]) is None


def test_score_case_by_hand():
    docs = [ee.EventDoc("1", "t", None, label="ARMED_CLASH"),
            ee.EventDoc("2", "t", None, label="AIR_STRIKE"),
            ee.EventDoc("3", "t", None, label="ORG_CRIME"),
            ee.EventDoc("4", "t", None, label="DIPLO")]
    clash = make_event()
    diplomacy = make_event(event_type="Strategic developments", sub_event_type="Diplomacy")
    scores = ee.score_case(docs, [[clash], [], [clash], [diplomacy]])
    assert scores["distractor_rejection"] == 0.5  # the DIPLO snippet's Diplomacy is not an ACLED event
    assert scores["detection_recall"] == 0.5
    # Battles: tp1 gold1 pred2 -> F 2/3 ; Explosions: F 0 -> macro 1/3
    assert scores["type_macro_f1"] == pytest.approx(1 / 3)
    assert scores["type_accuracy"] == 1.0


def test_score_counts_by_hand():
    docs = [ee.EventDoc("1", "t", date(2025, 10, 13), killed=3, date_start=date(2025, 10, 12),
                        date_end=date(2025, 10, 12), province="khyber pakhtunkhwa", lat=33.0, lon=70.6),
            ee.EventDoc("2", "t", date(2025, 10, 13), killed=2, date_start=date(2025, 10, 1),
                        date_end=date(2025, 10, 1), province="helmand")]
    first = [make_event(fatalities=2), make_event(fatalities=1, evidence_start=9)]
    scores = ee.score_counts(docs, [first, []])
    assert scores["fatalities_exact"] == 0.5 and scores["fatalities_mae"] == 1.0
    assert scores["date_accuracy"] == 0.5 and scores["province_accuracy"] == 0.5
    assert scores["location_acc161"] == 1.0  # only the first has coordinates


def test_satp_kinds_from_events():
    events = [make_event(event_type="Explosions/Remote violence", sub_event_type="Grenade"),
              make_event(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance")]
    assert ee.satp_kinds(events) == frozenset({"bombing", "kidnapping"})


def test_markdown_table_has_a_column_per_corpus():
    table = ee.markdown_table([("A", {"f1": 0.5, "n_docs": 3}), ("B", {"f1": 0.25})])
    lines = table.splitlines()
    assert lines[0] == "| metric | A | B |"
    assert "| f1 | 0.500 | 0.250 |" in lines and "| n_docs | 3 | – |" in lines


def test_eval_events_reports_a_bad_file(tmp_path, capsys):
    args = argparse.Namespace(task="events", path=tmp_path / "missing.tsv", fmt="case", limit=None,
                              json=True)
    assert cmd_eval(args) == 1
    assert "no such file" in capsys.readouterr().err


def test_run_events_on_a_tiny_gold_file(tmp_path, pipeline):
    path = tmp_path / "gold.jsonl"
    record = {"id": "g1", "published": "2025-11-20",
              "text": "Militants attacked a police station in Bannu on Monday, killing two policemen.",
              "events": [{"event_type": "Battles", "date": "2025-11-17", "date_precision": "day",
                          "country": "PAK", "lat": 32.99, "lon": 70.6, "geo_precision": 1, "fatalities": 2}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    scores = ee.run_events(path, fmt="auto", pipeline=pipeline)
    assert scores["n_gold"] == 1 and scores["recall"] == 1.0
    assert scores["fatalities_exact"] == 1.0 and scores["date_accuracy"] == 1.0


def test_isaf_dateline_without_year_takes_the_release_year():
    assert ee.isaf_published("2011-12-S-034\nKABUL, Afghanistan (Dec. 30)\nA force ...") == date(2011, 12, 30)
    assert ee.isaf_published("2012-04-S-048 / KABUL, Afghanistan (Apr. 25) / Finally") == date(2012, 4, 25)
    assert ee.isaf_published("Dec. 6: Operations in Laghman\n2009-12-CA–060\nFor Immediate Release") == date(2009, 12, 6)


def test_score_counts_sums_rows_that_share_a_headline():
    # UCDP codes "12 killed in blasts" as rows of 5 and 7: the headline's figure is their sum
    day = date(2013, 4, 28)
    docs = [ee.EventDoc("1", "12 killed in blasts", day, killed=5),
            ee.EventDoc("2", "12 killed in blasts", day, killed=7),
            ee.EventDoc("3", "Two soldiers killed", day, killed=2)]
    twelve, two = [make_event(fatalities=12)], [make_event(fatalities=2)]
    scores = ee.score_counts(docs, [twelve, twelve, two])
    assert scores["fatalities_exact"] == pytest.approx(1 / 3)
    assert scores["n_texts"] == 2 and scores["fatalities_exact_text_sum"] == 1.0


def test_province_spellings_share_one_key(pipeline):
    key = ee.province_key(pipeline.gazetteer, country="AFG")
    assert key("Paktya") == key("Paktia") == key("Paktiya province")
    assert key("Wardak") == key("Vardak") and key("Logar") == key("Lowgar")
    assert key("Kunar") == key("Konar") != key("Kunduz")
    event = make_event(admin1="Konar")
    doc = ee.EventDoc("1", "t", None, province="kunar")
    assert ee.score_counts([doc], [[event]], province_key=key)["province_accuracy"] == 1.0
    assert ee.score_counts([doc], [[event]])["province_accuracy"] == 0.0  # as written, they differ


def test_case_heldout_scores_the_odd_rows_only():
    docs = [ee.EventDoc(str(i), "t", None, label=label)
            for i, label in enumerate(["ARMED_CLASH", "AIR_STRIKE", "ARMED_CLASH", "ORG_CRIME"])]
    clash = make_event()
    strike = make_event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    scores = ee.case_heldout(docs, [[], [strike], [], [clash]])  # even rows all wrong, odd rows: 1 right, 1 false alarm
    assert scores["n_heldout"] == 2
    assert scores["distractor_rejection_heldout"] == 0.0
    assert scores["type_macro_f1_heldout"] == pytest.approx(1.0)  # Explosions: the only gold type there, found
