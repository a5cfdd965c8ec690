"""Events of short self-written reports from outside South Asia (stop 45):
"the house of God" is in no town called Göd; "The shooting took place in
Tampere" places the shooting told first in the country; "Sokoto state",
"Sokoto State" and "Ekiti Local Government Area" are the state and the
area, not a town of the name; "in northern Potosí" is the department; a
name before "forest area of" an LGA lies in it; a group's name is no
place; gunmen who "marched them into the bush" led captives away, and
soldiers marching through a captured town hold no protest; "the attack was
staged at dusk, with gunmen storming the hall" is that attack; the day's
count of attacks a military reports is fighting of that day, while attacks
"sporadic" and continuing, or a town "long gripped by fighting", are no
happening; a "ceasefire monitoring process" is no new deal; toy guns found
are no weapons seized; after a protest told first, deaths "during an
operation to clear roadblocks" are the first report of that violence;
killings "over the past three days" are of the day they began, a town
regained over them is held on the day told; a signing the datelined lead
tells is at the dateline; "a border area between" two countries is their
border; "LAGOS, May 13, (AP):" dates the filing; a blast told again at its
town with "two other" dead is the blast told first; a drone "launched by the
Houthi group in Yemen" that "exploded in Eilat" struck Eilat."""

from __future__ import annotations

from etl.events.deals import existing_agreement
from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


def test_the_house_of_god_is_in_no_town_of_that_name(pipeline):
    text = ("Church attacked\n\n"
            "Gunmen attacked a church in Kaduna on Sunday, killing two worshippers.\n\n"
            "\"They shot people inside the house of God,\" a survivor said.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"NGA"}


def test_where_the_shooting_took_place_places_it(pipeline):
    text = ("Shooting at a vocational school\n\n"
            "Three people were killed in a shooting at a vocational school in Finland on Monday, police said.\n\n"
            "The shooting took place in Tampere, some 160 km north of Helsinki.")
    assert [(e.location, e.fatalities) for e in extract(pipeline, text)] == [("Tampere", 3)]


def test_a_state_written_in_lower_case_is_the_state(pipeline):
    text = ("Camps bombed\n\n"
            "Jets bombed bandit hideouts in Sokoto state, Nigeria, on Sunday.")  # "Sokoto" read as a person
    events = extract(pipeline, text)
    assert [(e.location, e.geo_precision) for e in events] == [("Sokoto", 3)]  # ACLED's 3: the province


def test_a_state_named_with_its_word_is_the_state_not_its_capital(pipeline):
    text = ("Camps bombed\n\n"
            "Fighter jets bombed militant camps in Sokoto State on Sunday, the air force said.")
    events = extract(pipeline, text)
    assert [(e.location, e.geo_precision) for e in events] == [("Sokoto", 3)]


def test_a_local_government_area_is_the_area_not_the_state_of_the_name(pipeline):
    text = ("Worshippers abducted\n\n"
            "Gunmen abducted 20 worshippers from a church in the Eruku community of Ekiti Local Government "
            "Area, Kwara State, on Sunday.")
    events = extract(pipeline, text)
    assert events and {e.admin1 for e in events} == {"Kwara"}


def test_the_north_of_a_department_is_in_the_department(pipeline):
    text = ("Clashes at blockade\n\n"
            "Two soldiers were killed in clashes with armed men in northern Potosi on Sunday.")
    events = extract(pipeline, text)
    assert [(e.location, e.geo_precision) for e in events] == [("Potosi", 3)]


def test_a_name_before_the_forest_area_of_an_lga_lies_in_it(pipeline):
    text = ("Strikes on camps\n\n"
            "The strikes hit two camps on Sunday in the Bauni forest area of Tangaza local government in "
            "Sokoto State, officials said.")
    events = extract(pipeline, text)
    assert events and {e.admin1 for e in events} == {"Sokoto"}


def test_a_groups_name_places_nothing(pipeline):
    text = ("Ambush claimed\n\n"
            "The Islamic State Sahel Province claimed the ambush that killed six soldiers on Sunday.")
    assert "BFA" not in {e.country for e in extract(pipeline, text)}  # not Burkina Faso's Sahel region


def test_captives_marched_into_the_bush_are_no_protest(pipeline):
    text = ("Villagers abducted\n\n"
            "Gunmen stormed Kadisau village in Zamfara on Sunday and abducted 15 villagers.\n\n"
            "\"They tied their hands and marched them into the bush,\" a resident said.")
    assert "Protests" not in {e.event_type for e in extract(pipeline, text)}


def test_soldiers_marching_through_a_town_hold_no_protest(pipeline):
    text = ("Town captured\n\n"
            "Russian forces said on Sunday they had captured the town of Siversk in eastern Ukraine.\n\n"
            "Kyiv has yet to confirm the loss, but Moscow is circulating a video of soldiers marching through "
            "the streets of Siversk and flying a flag.")
    assert "Protests" not in {e.event_type for e in extract(pipeline, text)}


def test_the_attack_staged_with_gunmen_storming_a_hall_is_one_attack(pipeline):
    text = ("Mosque attacked\n\n"
            "Bandits abducted 12 worshippers from a mosque in Gusau, Zamfara, on Sunday evening.\n\n"
            "Residents say the attack was staged around 7 pm, with more than six gunmen storming the building "
            "and ransacking the hall.")
    assert len(extract(pipeline, text)) == 1


def test_the_attacks_of_the_day_a_military_reports_are_fighting(pipeline):
    text = ("Front line\n\n"
            "The general staff recorded 38 enemy assaults near Kupiansk on Monday.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Battles", "Kupyansk")]


def test_a_town_long_gripped_by_fighting_is_no_happening(pipeline):
    text = ("Frontline town\n\n"
            "Kupiansk, in the Kharkiv region, has long been gripped by heavy fighting.")
    assert not extract(pipeline, text)


def test_sporadic_strikes_that_continue_are_no_happening(pipeline):
    text = ("Talks in Naqoura\n\n"
            "Lebanese and Israeli officials held talks in Naqoura on Monday.\n\n"
            "While the truce has largely held, sporadic Israeli drone strikes on Hezbollah positions continue.")
    assert {e.event_type for e in extract(pipeline, text)} == {"Strategic developments"}


def test_a_ceasefire_monitoring_process_is_no_new_deal(pipeline):
    def ceasefire(text):
        return next(t for t in pipeline.analyzer.parse(text) if t.lower_ == "ceasefire")
    assert existing_agreement(ceasefire("The meeting is part of the ongoing ceasefire monitoring process."))
    assert not existing_agreement(ceasefire("The two sides agreed a ceasefire on Monday."))


def test_toy_guns_found_are_no_weapons_seized(pipeline):
    text = ("Blast at school mosque\n\n"
            "An explosion hit a school mosque in Surabaya on Friday, injuring 20 students.\n\n"
            "Police said the bomb squad found toy rifles and a toy pistol near the mosque.")
    assert "Disrupted weapons use" not in {e.sub_event_type for e in extract(pipeline, text)}


def test_deaths_during_an_operation_after_a_protest_told_first_are_reported(pipeline):
    text = ("Officers killed at blockade\n\n"
            "Protesters rallied in Oruro on Sunday to demand the release of their leader.\n\n"
            "On Monday, the interior minister confirmed the deaths of two police officers during an operation "
            "to clear roadblocks set up by supporters of the leader.")
    assert 2 in {e.fatalities for e in extract(pipeline, text)}


def test_killings_over_the_past_three_days_are_of_the_day_they_began(pipeline):
    text = ("Villages attacked\n\n"
            "Militia fighters killed more than 40 civilians in two villages near Kassala over the past three days, "
            "a rights group said on Tuesday.")
    events = extract(pipeline, text)
    assert [(e.event_date.isoformat(), e.fatalities) for e in events] == [("2025-05-10", 40)]


def test_a_town_regained_over_the_past_two_days_is_held_on_the_day_told(pipeline):
    text = ("Town retaken\n\n"
            "Over the past two days, Russian forces have regained control of Sudzha, the largest town in the Kursk "
            "region.\n\n"
            "Moscow also said its troops had agreed to pause strikes on energy sites.")
    assert {e.event_date.isoformat() for e in extract(pipeline, text)} == {"2025-05-13"}


def test_a_signing_the_datelined_lead_tells_is_at_the_dateline(pipeline):
    text = ("Peace deal signed\n\n"
            "DOHA, May 13 — The leaders of Sudan and South Sudan signed the Doha Border Accord today to end the "
            "dispute over Heglig that has killed dozens since March.\n\n"
            "The ceremony was attended by the emir.")
    assert [(e.sub_event_type, e.location) for e in extract(pipeline, text)] == [("Agreement", "Doha")]


def test_clashes_in_a_border_area_between_two_countries_are_on_the_border(pipeline):
    text = ("Leaders meet\n\n"
            "The two leaders met on Tuesday.\n\n"
            "Tensions over a disputed border area between Eritrea and Ethiopia erupted into clashes last week, "
            "killing at least 30 soldiers.")
    clashes = [e for e in extract(pipeline, text) if e.event_type == "Battles"]
    assert [(e.location, e.fatalities) for e in clashes] == [("Eritrea–Ethiopia border", 30)]


def test_a_dateline_date_before_the_agency_credit_is_the_filing_date(pipeline):
    text = ("Bomb at police post\n\n"
            "LAGOS, May 13, (AP): An explosion outside a police station in the northern state of Borno on Sunday "
            "killed at least four people, officials said.")
    assert [e.event_date.isoformat() for e in extract(pipeline, text)] == ["2025-05-11"]


def test_a_blast_told_again_at_its_town_with_its_other_dead_is_the_blast(pipeline):
    text = ("Blast at police post\n\n"
            "MEXICO CITY, May 12, (AP): An explosion outside a local police post in the western Mexican state of "
            "Michoacan Sunday killed at least three people and wounded six, officials said.\n\n"
            "The state prosecutor said in a statement that a van exploded on a central street in Coahuayana. \"The "
            "driver died at the scene, while two other people died in the regional hospital, and six others were "
            "injured,\" it said.")
    assert [e.location for e in extract(pipeline, text)] == ["Coahuayana"]


def test_a_drone_launched_from_afar_struck_where_it_exploded(pipeline):
    text = ("Drone hits resort\n\n"
            "A drone launched by the Houthi group in Yemen on Sunday evening exploded in Eilat’s hotel district, "
            "leaving at least 12 people wounded.")
    assert [e.location for e in extract(pipeline, text)] == ["Eilat"]


def test_the_north_of_a_department_opening_a_sentence_is_in_the_department(pipeline):
    text = ("Clashes at blockade\n\n"
            "In northern Potosi, two soldiers were killed in clashes with armed men on Sunday.")
    events = extract(pipeline, text)
    assert [(e.location, e.geo_precision) for e in events] == [("Potosi", 3)]
