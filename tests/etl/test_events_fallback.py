"""Context an event takes when its own sentence lacks it (issue 4, items 2, 4
and 5): the scene the previous sentence set, the country the sentence or the
article names (geo_precision 3), the lead's date; a toll told twice counts
once; event words are never places."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 11, 20)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def violent(pipeline, text: str):
    article = to_article(RawDocument(origin="t", text=text), published=PUBLISHED)
    return [e for e in pipeline.extract(article).events if e.event_type in VIOLENT]


def test_country_word_in_the_sentence_places_the_event(pipeline):
    events = violent(pipeline, "Pak forces killed 13 militants after the murder of migrant workers.")
    assert [(e.country, e.geo_precision, e.fatalities) for e in events] == [("PAK", 3, 13)]


def test_nationality_adjective_is_the_last_resort(pipeline):
    events = violent(pipeline, "Air strikes killed 14 militants in the Pakistani tribal areas on Tuesday.")
    assert [(e.country, e.geo_precision) for e in events] == [("PAK", 3)]


def test_article_country_places_an_unplaced_attack(pipeline):
    text = ("Militants stormed a checkpoint before dawn, killing four policemen. "
            "Pakistan condemned the attack, and Pakistan asked Afghanistan to act against the group.")
    events = violent(pipeline, text)
    assert events and {(e.country, e.geo_precision) for e in events} == {("PAK", 3)}
    assert sum(e.fatalities for e in events) == 4


def test_a_named_town_still_wins(pipeline):
    events = violent(pipeline, "Pakistani troops killed five militants in Miranshah.")
    assert [(e.location, e.geo_precision) for e in events] == [("Miran Shah", 1)]


def test_event_words_are_not_places(pipeline):
    # "Shelling" is a GeoNames variant name of Shillong, India
    events = violent(pipeline, "Two Pak Soldiers Killed in Shelling in Kashmir.")
    assert events and all(e.location != "Shillong" for e in events)
    mentions = pipeline.analyzer.analyse("Two Pak Soldiers Killed in Shelling in Kashmir.", article_id="t").mentions
    # "Pak" (the short form of Pakistan) is a place mention like "Pakistan army"
    assert [m.surface for m in mentions] == ["Pak", "Kashmir"]


def test_a_later_sentence_takes_the_lead_date(pipeline):
    text = ("Afghan and coalition forces targeted a Taliban network in Khost province yesterday. "
            "The patrol came under fire and killed three insurgents.")
    events = violent(pipeline, text)
    assert [(e.event_date, e.date_precision) for e in events] == [(date(2025, 11, 19), 2)]


def test_a_filing_date_in_parentheses_is_no_lead_date(pipeline):
    text = "KABUL, Afghanistan (Nov. 12) - The patrol came under fire and killed three insurgents."
    events = violent(pipeline, text)
    assert [e.event_date for e in events] == [PUBLISHED]


def test_the_previous_sentence_sets_the_scene(pipeline):
    text = ("In Kunduz last night, a security force searched a compound after reports of militant activity. "
            "During the search the force detained one suspected insurgent.")
    article = to_article(RawDocument(origin="t", text=text), published=PUBLISHED)
    events = [e for e in pipeline.extract(article).events if e.sub_event_type == "Arrests"]
    assert [(e.location, e.geo_precision) for e in events] == [("Kunduz", 1)]


def test_a_new_paragraph_does_not_inherit_the_scene(pipeline):
    text = ("In Kunduz last night, a security force searched a compound after reports of militant activity.\n\n"
            "In a separate operation, the force detained one suspected insurgent.")
    article = to_article(RawDocument(origin="t", text=text), published=PUBLISHED)
    events = [e for e in pipeline.extract(article).events if e.sub_event_type == "Arrests"]
    assert all(e.location != "Kunduz" for e in events)


def test_a_toll_told_again_without_its_victims_is_one_toll(pipeline):
    text = ("In Nerkh district, Wardak province, a combined security force killed two armed insurgents on Tuesday. "
            "After they identified the threat, the force fired at the insurgents, killing two.")
    assert sum(e.fatalities for e in violent(pipeline, text)) == 2


def test_another_attack_with_the_same_toll_counts_again(pipeline):
    text = ("Gunmen killed two policemen in Quetta on Tuesday. "
            "In another attack in Turbat, gunmen killed two.")
    assert sum(e.fatalities for e in violent(pipeline, text)) == 4


def test_officials_somewhere_do_not_set_the_scene(pipeline):
    text = ("Officials in Islamabad said the security situation was under review. "
            "Militants attacked a checkpoint, killing four policemen.")
    events = violent(pipeline, text)
    assert events and all(e.location != "Islamabad" for e in events)


def test_arrests_during_the_operation_are_the_operation_s_event(pipeline):
    text = ("In Kunduz last night, an Afghan and coalition security force conducted an operation targeting a "
            "Taliban leader. During the operation, the force detained two suspected insurgents.")
    article = to_article(RawDocument(origin="t", text=text), published=PUBLISHED)
    assert "Arrests" in {e.sub_event_type for e in pipeline.extract(article).events}
