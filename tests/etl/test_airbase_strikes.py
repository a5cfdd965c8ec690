"""Strikes on air bases named in a list, on self-written texts through the
real pipeline: each base listed is a site of its own (one event per place, as
ANNOTATION.md codes a strike on three towns), also where the small model
reads the bare names as persons or parses the list as the verb's subject."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 6, 2)


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def test_a_list_after_a_colon_is_one_strike_per_base(pipeline):
    text = ("Ukraine said on Sunday that its drones struck four key airbases: Belaya, Dyagilevo, "
            "Ivanovo Severny, and Olenya.")
    events = extract(pipeline, text)
    assert sorted(e.location for e in events) == [
        "Belaya Air Base", "Dyagilevo Air Base", "Ivanovo Severny Air Base", "Olenya Air Base"]
    assert {(e.sub_event_type, e.country, e.geo_precision) for e in events} == {("Air/drone strike", "RUS", 1)}


def test_bases_listed_before_the_word_are_each_struck(pipeline):
    text = "Indian missiles struck the Nur Khan, Murid and Rafiqui airbases on Saturday, Pakistan's army said."
    events = extract(pipeline, text, published=date(2025, 5, 11))
    assert sorted((e.location, e.country) for e in events) == [
        ("Murid Air Base", "PAK"), ("Nur Khan Air Base", "PAK"), ("Rafiqui Air Base", "PAK")]
    assert {e.event_date for e in events} == {date(2025, 5, 10)}


def test_an_operation_that_involved_strikes_is_a_report_not_a_record(pipeline):
    # "involved" profiles a person ("a man involved in attacks"), not an operation told
    text = "The operation, named Spiderweb, involved drone strikes on the Belaya and Olenya airbases on Sunday."
    events = extract(pipeline, text)
    assert sorted(e.location for e in events) == ["Belaya Air Base", "Olenya Air Base"]


def test_a_person_involved_in_attacks_is_still_no_event(pipeline):
    text = "The suspect, who was arrested on Sunday, had been involved in drone strikes on airbases."
    assert [e for e in extract(pipeline, text) if e.event_type == "Explosions/Remote violence"] == []


def test_bases_listed_with_their_towns_are_the_sites_not_the_towns(pipeline):
    text = ("Pakistan's military said on Saturday that India had fired missiles at three of its air bases: "
            "Nur Khan in Rawalpindi, Murid in Chakwal and Rafiqui in Shorkot district of Jhang.")
    events = extract(pipeline, text, published=date(2025, 5, 10))
    assert [(e.location, e.sub_event_type) for e in events] == [
        ("Nur Khan Air Base", "Shelling/artillery/missile attack"),
        ("Murid Air Base", "Shelling/artillery/missile attack"),
        ("Rafiqui Air Base", "Shelling/artillery/missile attack")]


def test_air_in_air_base_is_no_air_strike(pipeline):
    # missiles fired at an air base are a missile attack, not an attack from the air
    text = "Russia fired missiles at the Starokostiantyniv air base on Sunday, Ukraine's air force said."
    events = extract(pipeline, text)
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
