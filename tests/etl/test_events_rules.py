"""Event rules of issue 4 on small self-written sentences, through the real
pipeline: what is (and is not) a new event, its type, casualties and sides,
dates with precision and the place."""

from __future__ import annotations

from datetime import date

import pytest

from etl.casualties import find_casualties
from etl.dates import DAY, MONTH, find_dates
from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 11, 20)  # a Thursday
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def extract(pipeline, text: str, *, published: date | None = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def violent(events):
    return [e for e in events if e.event_type in VIOLENT]


# --- not new events ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The TTP threatened to attack police stations in Bannu.",
    "India warned it would strike militant camps in Muzaffarabad if provoked.",
    "The Taliban denied carrying out the bombing in Quetta.",
    "If talks fail, fighting could resume in Kurram.",
])
def test_threats_denials_and_hypotheses_are_not_events(pipeline, text):
    assert violent(extract(pipeline, text)) == []


def test_recalled_year_is_not_a_new_event(pipeline):
    assert violent(extract(pipeline, "Residents of Peshawar recalled the 2014 school attack.")) == []


def test_a_record_of_past_attacks_is_not_an_event(pipeline):
    text = ("Security forces detained a Taliban commander in Kandahar province yesterday. "
            "The commander was responsible for roadside bomb attacks against Afghan forces in Kandahar.")
    events = extract(pipeline, text)
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_claim_of_responsibility_is_not_a_new_attack(pipeline):
    text = "The TTP claimed responsibility for the attack on a police post in Lakki Marwat."
    assert violent(extract(pipeline, text)) == []


# --- non-conflict news ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A gas cylinder exploded at a restaurant in Lahore on Monday, killing three people.",
    "A powerful earthquake struck Herat province on Sunday, killing 12 people.",
    "Police arrested two drug smugglers in Karachi on Tuesday.",
    "Floods swept through villages in Swat, killing five people.",
])
def test_disasters_accidents_and_crime_are_not_conflict_events(pipeline, text):
    assert [e for e in extract(pipeline, text) if e.sub_event_type != "Diplomacy"] == []


# --- typing -----------------------------------------------------------------------


def test_gunmen_firing_on_civilians_is_violence_against_civilians(pipeline):
    (event,) = violent(extract(pipeline, "Gunmen opened fire on a passenger bus in Kurram on Tuesday, "
                                         "killing six passengers."))
    assert event.event_type == "Violence against civilians" and event.sub_event_type == "Attack"
    assert event.fatalities == 6


def test_militants_fighting_soldiers_is_a_battle(pipeline):
    (event,) = violent(extract(pipeline, "Militants attacked an army checkpoint in North Waziristan "
                                         "on Monday, killing two soldiers."))
    assert event.event_type == "Battles"


def test_grenade_thrown_is_a_grenade_attack(pipeline):
    (event,) = violent(extract(pipeline, "Militants hurled a grenade at a police station in Pulwama on Friday."))
    assert event.sub_event_type == "Grenade"


def test_weapons_cache_is_disrupted_weapons_use(pipeline):
    events = extract(pipeline, "Police seized a cache of weapons and explosives in Quetta on Monday.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_captured_leader_is_an_arrest_captured_town_is_territory(pipeline):
    (arrest,) = extract(pipeline, "Afghan forces captured a Taliban leader in Kandahar on Monday.")
    assert arrest.sub_event_type == "Arrests"
    (taken,) = extract(pipeline, "Taliban fighters captured the district centre of Kohistanat in Sar-e Pul "
                                 "province on Friday.")
    assert taken.event_type == "Battles" and taken.sub_event_type == "Non-state actor overtakes territory"


def test_protest_dispersed_with_tear_gas(pipeline):
    events = extract(pipeline, "Police fired tear gas to disperse protesters in Lahore on Sunday.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]


def test_protesters_throwing_stones_is_a_riot(pipeline):
    events = extract(pipeline, "Protesters threw stones at police and torched vehicles in Karachi on Sunday.")
    assert [e.event_type for e in events] == ["Riots"]


def test_surrender_is_an_agreement(pipeline):
    events = extract(pipeline, "Forty BLA fighters surrendered to the authorities in Quetta on Monday.")
    assert [e.sub_event_type for e in events] == ["Agreement"]


# --- casualties -----------------------------------------------------------------


def test_one_victim_without_a_number():
    assert [(c.kind, c.best) for c in find_casualties("Indian firing kills Pakistani policeman, injures 10.")] == [
        ("killed", 1), ("injured", 10)]
    assert [(c.kind, c.best) for c in find_casualties("A journalist was shot dead in Quetta.")] == [("killed", 1)]


def test_listed_figures_share_the_verb():
    found = find_casualties("30 militants, 23 soldiers killed in clashes")
    assert [(c.best, c.victims) for c in found] == [(30, "militants"), (23, "soldiers")]


def test_die_counts_as_killed():
    assert [(c.kind, c.best) for c in find_casualties("Three women die in shelling")] == [("killed", 3)]


def test_killed_and_injured_go_to_the_right_event_and_side(pipeline):
    text = ("Militants attacked a police post in Bannu on Monday. "
            "Four policemen were killed and seven injured, officials said.")
    (event,) = violent(extract(pipeline, text))
    assert (event.fatalities, event.injured) == (4, 7)
    assert event.actor2.startswith("Police Forces")


def test_conflicting_claims_keep_the_lower_figure(pipeline):
    text = ("Pakistani jets struck militant hideouts in Khost on Sunday. "
            "The ISPR said 30 militants were killed, while the Taliban said 12 people were killed.")
    (event,) = violent(extract(pipeline, text))
    assert event.fatalities == 12 and event.fatalities_high == 30
    assert "ISPR" in event.claimed_by and "Taliban" in event.claimed_by


# --- dates ----------------------------------------------------------------------


def test_dateline_date_in_parentheses_is_not_the_event_date(pipeline):
    text = ("KABUL, Afghanistan (Nov. 20, 2025)\n"
            "A combined force killed two insurgents in Nad-e Ali district, Helmand province, yesterday.")
    (event,) = violent(extract(pipeline, text))
    assert event.event_date == date(2025, 11, 19) and event.date_precision == DAY


def test_a_name_like_jan_is_not_a_month():
    assert find_dates("forces killed the Taliban commander Fayez Jan today", published=PUBLISHED)[0].text == "today"
    (mention,) = find_dates("the clashes in May", published=PUBLISHED)
    assert mention.precision == MONTH


def test_unknown_publication_date_is_never_today(pipeline):
    (event,) = violent(extract(pipeline, "A blast in Quetta killed three people.", published=None))
    assert event.event_date is None and event.date_precision == 0


# --- place ----------------------------------------------------------------------


def test_unknown_region_name_falls_back_to_its_country(pipeline):
    (event,) = violent(extract(pipeline, "Gunmen kill seven police in NW Pakistan: officials"))
    assert event.country == "PAK" and event.geo_precision == 3 and event.fatalities == 7


def test_mediator_capital_is_not_the_place(pipeline):
    text = "At talks in Doha, officials said Pakistani drones struck targets in Paktika on Sunday."
    events = violent(extract(pipeline, text))
    assert events and all(e.country == "AFG" for e in events)


def test_every_event_keeps_its_sentence_offsets(pipeline):
    text = "PESHAWAR: A suicide bomber struck a police convoy in Bannu on Monday, killing five policemen."
    for event in extract(pipeline, text):
        assert text[event.evidence_start:event.evidence_end] == event.evidence


def test_a_toll_told_twice_is_counted_once(pipeline):
    text = ("Afghan forces killed several insurgents in Ghazni province today. "
            "The force responded with close air support, killing several insurgents.")
    assert sum(e.fatalities for e in violent(extract(pipeline, text))) == 3


def test_running_totals_are_not_an_events_toll():
    assert find_casualties("He is one of more than 50 insurgents killed since the beginning of the year.") == []
    assert find_casualties("Over 1,200 people have been killed so far this year.") == []


def test_a_range_in_words_is_low_best_high():
    (c,) = find_casualties("Police killed between three and six insurgents.")
    assert (c.low, c.best, c.high) == (3, 3, 6)


def test_victims_of_a_blast_are_its_target_side(pipeline):
    (event,) = violent(extract(pipeline, "Pak Army officer killed in IED blast"))
    assert event.country == "PAK" and event.fatalities == 1
    assert event.actor1 == "" and event.actor2 == "Military Forces of Pakistan"


def test_date_during_an_operation_dates_the_event(pipeline):
    (event,) = violent(extract(pipeline, "Afghan forces killed an insurgent during an operation in "
                                         "Nangarhar province Monday."))
    assert event.event_date == date(2025, 11, 17) and event.date_precision == DAY


def test_date_of_an_earlier_attack_is_not_the_event_date(pipeline):
    text = ("Afghan forces conducted a precision strike on a commander connected to the July 2 attack "
            "in Kunduz province today.")
    (event,) = [e for e in violent(extract(pipeline, text)) if e.role == "main"]
    assert event.event_date == PUBLISHED
    # the attack recalled is background, on its own date
    assert [(e.event_date, e.role) for e in violent(extract(pipeline, text)) if e.role != "main"] == [
        (date(2025, 7, 2), "background")]


def test_token_identity_is_by_position(pipeline):
    # spaCy makes a new Token object on every access, so `a is b` is never true
    # for tokens: the root has no ancestors, and the walk stops there
    from etl.events.syntax import ancestors

    doc = pipeline.analyzer.parse("Gunmen killed five people in the market.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert ancestors(root) == []
    assert [t.i for t in ancestors(doc[5])] == [6, 4, root.i]  # the -> market -> in -> killed
