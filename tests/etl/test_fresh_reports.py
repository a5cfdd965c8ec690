"""Places and deals that a fresh set of news reports (live check J) showed
wrong, on self-written texts through the real pipeline: a capital pressed
is not a place struck, a legislature is not a town named after it, a
nationality said of a flag or a comic says nothing of where the story is,
and a signed declaration is a deal."""

from __future__ import annotations

from datetime import date

import pytest

from etl.events.fallback_places import adjective_of_a_thing
from etl.pipeline import analyse, to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 9, 10)  # a Wednesday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def test_a_capital_pressed_is_not_where_the_strike_hit(pipeline):
    text = ("A Russian glide bomb killed 19 people queueing for their pensions in a village in eastern "
            "Ukraine on Tuesday, officials said, and the president urged allies to increase pressure on "
            "Moscow to stop the war.")
    events = extract(pipeline, text)
    assert [(e.country, e.location) for e in events] == [("UKR", "Ukraine")]
    assert events[0].fatalities == 19


def test_sanctions_against_a_country_are_no_place(pipeline):
    text = ("Drones struck a fuel depot in Odesa on Tuesday, killing two workers, as the government "
            "called for new sanctions against Russia.")
    assert [e.location for e in extract(pipeline, text)] == ["Odesa"]


def test_a_protest_outside_congress_is_in_the_capital_not_a_town_called_congress(pipeline):
    text = ("Pensioners and football supporters clashed with police on Wednesday at a rally outside "
            "Congress in Buenos Aires, and officers fired tear gas.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"ARG"}
    assert {e.location for e in events} == {"Buenos Aires"}


@pytest.mark.parametrize("text, word, expected", [
    ("Some protesters brandished Palestinian flags outside the building.", "Palestinian", True),
    ("They carried a flag from the Japanese manga series One Piece.", "Japanese", True),
    ("Palestinian civilians were killed in the strike.", "Palestinian", False),
    ("Japanese troops arrived in the port.", "Japanese", False),
])
def test_a_nationality_said_of_a_thing_is_told_apart(pipeline, text, word, expected):
    article = to_article(RawDocument(origin="t", text=text), published=PUBLISHED)
    doc = analyse(article, analyzer=pipeline.analyzer).doc
    token = next(t for t in doc if t.text == word)
    assert adjective_of_a_thing(token) is expected


def test_a_signed_declaration_is_a_deal_at_its_venue(pipeline):
    text = ("The government and the rebels on Saturday signed a declaration of principles in Doha to end "
            "years of fighting in the east of the country.")
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Doha")]


def test_a_joint_declaration_that_condemns_is_no_deal(pipeline):
    text = "The two ministers issued a joint declaration in Doha on Saturday condemning the violence."
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert all(e.sub_event_type != "Agreement" for e in events)


def test_a_shooting_that_claimed_lives_is_an_attack(pipeline):
    text = "A shooting at a street party in the city of Celaya claimed the lives of at least nine people on Tuesday."
    events = extract(pipeline, text, published=date(2025, 6, 25))
    assert [(e.event_type, e.location, e.fatalities) for e in events] == \
        [("Violence against civilians", "Celaya", 9)]


def test_the_shooting_of_a_film_is_no_event(pipeline):
    assert extract(pipeline, "The shooting of the film resumed in Mexico City on Tuesday.",
                   published=date(2025, 6, 25)) == ()


def test_a_town_the_model_reads_as_a_product_is_a_place_where_it_is_told(pipeline):
    # the small English model tags "Irapuato" a product here
    text = "Gunmen opened fire on a crowd in Irapuato on Tuesday, killing 10 people."
    events = extract(pipeline, text, published=date(2025, 6, 25))
    assert [(e.location, e.fatalities) for e in events] == [("Irapuato", 10)]


def test_how_the_dead_died_is_no_event_of_its_own(pipeline):
    text = ("Sixteen people were killed during protests in Nairobi on Wednesday, most of them by police. "
            "The deaths verified by Wednesday night included five shootings, the rights group said.")
    events = extract(pipeline, text, published=date(2025, 6, 26))
    assert len(events) == 1 and events[0].fatalities == 16


def test_a_list_of_other_articles_under_its_heading_tells_nothing(pipeline):
    text = ("Sixteen people were killed during protests in Nairobi on Wednesday, most of them by police.\n"
            "More To Read\n"
            "- Lawyers condemn police brutality during the memorial protests\n"
            "- Eight killed, 400 injured in protest anniversary in Mombasa\n"
            "\n"
            "The protests marked the anniversary of last year's demonstrations.")
    events = extract(pipeline, text, published=date(2025, 6, 26))
    assert [e.location for e in events] == ["Nairobi"]
    assert sum(e.fatalities for e in events) == 16


def test_a_deal_still_to_be_signed_is_no_agreement(pipeline):
    text = ("The government and the rebels agreed on Saturday in Doha to keep talking. A final peace deal "
            "is to be signed no later than August 18, the statement said.")
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert all(e.event_date is None or e.event_date <= date(2025, 7, 19) for e in events)
    assert not [e for e in events if e.sub_event_type == "Agreement" and e.evidence.startswith("A final")]


def test_a_deal_signed_in_a_sentence_that_names_its_ceasefire_sits_at_its_venue(pipeline):
    text = ("Congo and the rebels on Saturday signed a declaration of principles in Qatar to end years of "
            "fighting in eastern Congo that commits them to a permanent ceasefire and a comprehensive peace "
            "agreement to be signed in one month.")
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert [(e.sub_event_type, e.country) for e in events] == [("Agreement", "QAT")]


def test_an_aerial_assault_is_an_air_strike_and_a_ground_assault_a_battle(pipeline):
    aerial = extract(pipeline, "Russia launched a huge aerial assault on Kyiv on Sunday, striking government "
                     "buildings.")
    ground = extract(pipeline, "Troops launched a ground assault on the town of Bakhmut on Sunday.")
    assert [e.event_type for e in aerial] == ["Explosions/Remote violence"]
    assert [e.event_type for e in ground] == ["Battles"]


def test_what_is_forbidden_or_goes_on_is_no_event(pipeline):
    text = ("The two sides signed a peace deal in Doha on Saturday. It prohibits any attempt to seize new positions by force. "
            "Guanajuato, which is northwest of Mexico City, has long been violent as crime groups fight for "
            "control.")
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Doha")]



def test_a_lead_dated_only_by_its_publication_takes_a_day_told_in_the_week_before(pipeline):
    text = ("Drone strikes in Kadugli, a town in South Kordofan, have killed dozens of people including "
            "children, according to medical groups.\n\n"
            "The incident occurred Thursday morning when several drones hit a kindergarten in the town.")
    events = extract(pipeline, text, published=date(2025, 12, 8))  # a Monday
    assert [(e.event_type, e.event_date) for e in events] == [("Explosions/Remote violence", date(2025, 12, 4))]
