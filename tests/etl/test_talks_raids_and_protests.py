"""What the held-out live check L showed wrong once it was read, on
self-written texts through the real pipeline: talks held by delegations
(the plural of a word that makes "talks" diplomatic), a police raid that is
no air raid, and a diplomatic protest that is no crowd in the street."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 5, 10)  # a Saturday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def test_talks_held_by_delegations_are_diplomacy_where_held(pipeline):
    text = ("Chinese and Japanese delegations held talks in the Omani capital, Muscat, on Saturday to "
            "discuss fishing rights.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Diplomacy", "Muscat")]


def test_talks_of_a_firm_are_no_event(pipeline):
    text = "Two carmakers held talks in Muscat on Saturday to discuss a merger."
    assert list(extract(pipeline, text)) == []


def test_a_town_written_with_a_hyphen_is_found_where_the_model_sees_a_person(pipeline):
    # the small model reads "Bani-bangou" as the person "Bani"; the whole word is Niger's Bani Bangou
    text = ("Gunmen on motorbikes attacked an army post in Bani-bangou on Thursday, killing 12 soldiers, "
            "Niger's defence ministry said.")
    events = extract(pipeline, text)
    assert [(e.location, e.country, e.fatalities) for e in events] == [("Bani Bangou", "NER", 12)]


def test_a_search_operation_after_an_attack_is_no_second_battle(pipeline):
    text = ("Gunmen attacked an army post in Banibangou on Thursday, killing 12 soldiers. Troops carried "
            "out aerial and ground search operations across the Sahel region on Friday.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Bani Bangou", 12)]


def test_a_military_operation_is_still_one(pipeline):
    text = "The army launched a military operation against militants in Bannu on Friday, killing four."
    events = extract(pipeline, text)
    assert [(e.event_type, e.location, e.fatalities) for e in events] == [("Battles", "Bannu", 4)]


def test_a_protest_lodged_by_a_government_is_no_crowd(pipeline):
    text = ("Pakistan's Foreign Office lodged a strong protest with India on Friday over the shelling, and "
            "handed over a protest note to its envoy in Islamabad. The ministry also expressed a strong "
            "protest to the Indian ambassador.")
    assert [e for e in extract(pipeline, text) if e.event_type == "Protests"] == []


def test_a_protest_staged_by_a_crowd_is_still_one(pipeline):
    text = "Thousands of traders staged a protest in Lahore on Friday against the new tax."
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Protests", "Lahore")]


def test_a_heart_attack_in_custody_is_no_armed_attack(pipeline):
    text = ("Police detained 50 people in a raid in Yekaterinburg on Friday. Officials claimed one man "
            "had died of a heart attack.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Arrests"]


def test_a_man_struck_with_a_blunt_object_was_beaten_not_bombed(pipeline):
    text = ("Two brothers detained by police in Yekaterinburg on Friday died in custody. They were struck "
            "with a blunt object, the medical examiner said.")
    events = extract(pipeline, text)
    assert not [e for e in events if e.event_type == "Explosions/Remote violence"]


def test_a_town_taken_is_the_place_not_the_highway_it_lies_on(pipeline):
    text = "The army recaptured Kyaukme on Wednesday, on the Mandalay-Lashio highway, after weeks of fighting."
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location.split()[0]) for e in events] == [
        ("Government regains territory", "Kyaukme")]


def test_what_no_one_did_is_no_event(pipeline):
    text = ("Al-Shabaab fighters stormed a prison in Mogadishu on Saturday; all seven attackers were killed. "
            "Officials said no prisoners escaped and nobody was arrested.")
    events = extract(pipeline, text)
    assert [e.event_type for e in events] == ["Battles"]


def test_a_bombing_no_group_claimed_still_happened(pipeline):
    text = "No group has claimed the bombing in Quetta on Friday that killed nine people."
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Quetta", 9)]


def test_the_venue_of_a_deal_an_attack_came_despite_is_not_the_attacks_place(pipeline):
    text = ("Rebels shelled Uvira on Wednesday. The rebels' latest assault comes despite a peace agreement "
            "signed last week in Washington.")
    events = extract(pipeline, text)
    assert "Washington" not in {e.location for e in events if e.event_type != "Strategic developments"}


def test_where_a_deal_was_signed_is_not_where_the_offensive_was(pipeline):
    text = ("Rebels seized parts of Uvira on Wednesday. The latest offensive, launched at the beginning of "
            "December just before Kinshasa and Kigali signed a peace deal in Washington, was condemned by "
            "Burundi.")
    events = extract(pipeline, text)
    violent = [e for e in events if e.event_type in ("Battles", "Explosions/Remote violence")]
    assert violent and "Washington" not in {e.location for e in violent}


def test_a_peace_meeting_attacked_is_where_the_attack_was(pipeline):
    text = "Gunmen attacked a peace meeting in Bannu on Friday, killing three elders."
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events if e.fatalities] == [("Bannu", 3)]


def test_parts_of_a_toll_told_after_it_are_not_added(pipeline):
    text = ("Gangs killed over 180 people in Cite Soleil, Port-au-Prince, on December 6 and 7, with at least 60 "
            "elderly people shot dead on the first day and 50 more killed with machetes on the second.")
    events = extract(pipeline, text, published=date(2024, 12, 10))
    assert sum(e.fatalities for e in events) == 180


def test_figures_told_as_added_to_a_toll_still_add(pipeline):
    text = ("Militants killed 10 soldiers at a checkpoint in Bannu on Friday, with five civilians also "
            "killed in the crossfire.")
    events = extract(pipeline, text)
    assert sum(e.fatalities for e in events) == 15


def test_the_day_after_on_a_verb_of_saying_dates_the_telling_not_the_event(pipeline):
    text = ("Al-Shabaab fighters stormed a prison in Mogadishu on Saturday evening. The government announced "
            "the following day that all seven attackers who stormed the prison had been killed after an "
            "hours-long gun battle.")
    events = extract(pipeline, text, published=date(2025, 10, 6))
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 10, 4), 7)]


def test_the_next_day_told_of_the_event_still_dates_it(pipeline):
    text = ("Gunmen attacked a checkpoint in Bannu on Saturday. The next day, militants stormed a police "
            "station in Lakki Marwat, killing three officers.")
    events = extract(pipeline, text, published=date(2025, 10, 6))
    assert {(e.location, e.event_date) for e in events} >= {("Lakki Marwat", date(2025, 10, 5))}


def test_protests_the_authorities_banned_are_no_riot(pipeline):
    text = ("After the mayor's detention, the authorities banned street protests for four days, and police "
            "blocked the central square of Istanbul on Wednesday.")
    assert [e for e in extract(pipeline, text) if e.event_type in ("Protests", "Riots")] == []


def test_gunned_her_down_is_a_shooting_and_gunning_an_engine_is_not(pipeline):
    text = ("Armed gang members, who had been stockpiling rifles in the hamlet, gunned her down in Kenscoff "
            "on Monday as her husband watched.")
    events = extract(pipeline, text, published=date(2025, 1, 28))
    assert [e.location for e in events] == ["Kenscoff"]
    assert list(extract(pipeline, "The driver gunned the engine in Kenscoff on Monday and drove off.")) == []
