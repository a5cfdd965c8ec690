"""Events of short self-written reports from outside South Asia (stop 38):
a night of rioting with petrol bombs, the people who stand where a shooting
was, a leadership's own meeting, a deal in force as the setting, a deal
signed told by a participle, a war told by its length, a meeting between two
leaders, a deal finalized months before the signing, a city's districts, a
weak match reached through two spellings, munitions found after an attack,
rape told apart from a killing, the place where what a strike hit was held."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


def test_a_night_of_rioting_with_petrol_bombs_thrown_is_a_riot(pipeline):
    text = ("Police hurt in Larne\n\n"
            "Twelve officers were hurt on Monday night. In a third night of rioting in Larne, police came under "
            "attack for hours with petrol bombs, bricks and bottles thrown at their lines.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Riots", "Larne")]


def test_who_stands_where_a_shooting_was_is_no_side_of_it(pipeline):
    text = ("Mayor shot\n\n"
            "Soldiers guard the square where the town's mayor, a Peruvian senator's brother, was shot in Cusco "
            "on Sunday.\n\n"
            "The mayor was wounded and taken to hospital.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Attack", "Cusco")]


def test_a_senator_is_no_army(pipeline):
    from etl.events.actors import actor_name
    assert actor_name("a Colombian opposition senator", event_type="Violence against civilians",
                      sub_event_type="Attack") == "Civilians (Colombia)"


def test_a_meeting_the_military_leadership_holds_is_no_talks(pipeline):
    text = ("Bomb in Quito\n\n"
            "A car bomb exploded outside a police station in Quito on Monday, wounding three officers. "
            "The army and police leadership were holding a meeting to plan their response, the minister said.")
    events = extract(pipeline, text)
    assert "Diplomacy" not in {e.sub_event_type for e in events}


def test_a_ceasefire_in_force_is_the_setting_not_a_new_deal(pipeline):
    text = ("Strike on a market\n\n"
            "An army air strike hit a market in Mindat on Sunday, killing nine people, residents said, despite a "
            "supposed truce called after the floods.")
    events = extract(pipeline, text)
    assert "Agreement" not in {e.sub_event_type for e in events}
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_a_truce_reached_on_a_day_and_named_as_the_setting_is_still_that_deal(pipeline):
    text = ("Strikes go on\n\n"
            "Drones struck two cars near Tyre on Monday, killing three people, despite a ceasefire agreed in "
            "Lebanon in November 2024.")
    events = extract(pipeline, text, published=date(2025, 10, 28))
    assert "Agreement" in {e.sub_event_type for e in events}


def test_a_declaration_signed_on_a_day_is_a_deal(pipeline):
    text = ("Neighbours make peace\n\n"
            "Eritrea and Ethiopia have formally given up armed confrontation, enshrining the decision in a "
            "declaration signed on May 9 in Nairobi with the help of Kenya's president.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location, e.event_date) for e in events] == [
        ("Agreement", "Nairobi", date(2025, 5, 9))]


def test_a_war_told_by_its_length_is_no_fight(pipeline):
    text = ("Neighbours make peace\n\n"
            "Eritrea and Ethiopia signed a peace declaration in Nairobi on Friday. \"They fought for twenty years, "
            "and now they shake hands,\" the Kenyan president said.")
    events = extract(pipeline, text)
    assert "Battles" not in {e.event_type for e in events}


def test_a_meeting_between_two_leaders_is_talks_and_a_deal_of_another_month_is_not_at_the_signing(pipeline):
    text = ("Neighbours make peace\n\n"
            "Eritrea and Ethiopia signed a peace declaration in Nairobi on May 9. The draft of the agreement was "
            "agreed in January 2025, but a March meeting between Abiy Ahmed and Isaias Afwerki in Djibouti "
            "brought nothing.")
    events = extract(pipeline, text)
    found = {(e.sub_event_type, e.location, e.event_date.month if e.event_date else None) for e in events}
    assert ("Agreement", "Nairobi", 5) in found
    assert ("Diplomacy", "Djibouti", 3) in found
    assert not any(sub == "Agreement" and place == "Nairobi" and month == 1 for sub, place, month in found)


def test_a_toll_in_a_district_of_a_big_city_is_part_of_the_citys_attack(pipeline):
    text = ("Missiles hit Kyiv\n\n"
            "At least 20 people were killed in Kyiv overnight when Russian forces fired missiles and drones at the "
            "capital, officials said on Tuesday. Four deaths were confirmed in Darnytsia district on the left bank "
            "of the river, the mayor added.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Kyiv", 20)]


def test_a_name_reached_through_two_spellings_of_a_far_town_is_no_evidence_for_it(pipeline):
    text = ("Missiles hit Kyiv\n\n"
            "A missile hit a house in Kyiv's Solomyanskiyi district on Tuesday. Russian forces fired 300 drones "
            "at Ukraine overnight, Russia's enemies said, and Russian officials denied it. Three people were "
            "killed in Solomianskyi district and two in Darnytsia, the mayor said.")
    events = extract(pipeline, text, published=date(2025, 6, 17))
    assert events and all(e.country == "UKR" for e in events)


def test_cluster_munitions_found_after_an_attack_are_no_cache(pipeline):
    text = ("Missiles hit Odesa\n\n"
            "Russian missiles struck Odesa on Monday, killing four people. The governor said cluster munitions "
            "had been found in one part of the city.")
    events = extract(pipeline, text)
    assert "Disrupted weapons use" not in {e.sub_event_type for e in events}


def test_rape_told_apart_from_a_killing_does_not_retype_the_attack(pipeline):
    text = ("Attack on a wedding\n\n"
            "Gunmen killed 25 guests in an attack on a wedding in Kadugli on Sunday, the UN said.\n\n"
            "The conflict has spread to new regions in recent weeks.\n\n"
            "People who fled Dilling have described abuse, including rape, at the hands of the fighters.")
    events = extract(pipeline, text, published=date(2025, 11, 4))
    main = [e for e in events if e.fatalities == 25]
    assert [e.sub_event_type for e in main] == ["Attack"]


def test_a_strike_on_a_gathering_is_where_the_gathering_was_held(pipeline):
    text = ("Drone strike on a funeral\n\n"
            "At least 30 people in Sudan have been killed in a drone strike that targeted a wedding that was "
            "taking place outside the city of Kadugli on Monday, officials said.")
    events = extract(pipeline, text, published=date(2025, 11, 4))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Air/drone strike", "Kadugli", 30)]


def test_killed_in_an_attack_on_a_tent_and_died_in_a_strike_on_it_are_one_strike(pipeline):
    text = ("Reporters killed\n\n"
            "Six reporters were killed in an attack on a tent housing the press outside a hospital in Khan Younis "
            "late on Sunday. The reporters died in a strike on the tent, health officials said.")
    events = extract(pipeline, text, published=date(2025, 8, 11))
    assert [(e.sub_event_type, e.country, e.fatalities) for e in events] == [("Air/drone strike", "PSE", 6)]


def test_the_weapon_a_headline_names_types_the_attack_the_body_tells_by_its_victims(pipeline):
    text = ("Drone strike on a wedding in Kordofan kills 33 guests\n\n"
            "An attack on a wedding in the city of Kadugli killed 33 people, the UN said on Wednesday. "
            "The UN did not say who was responsible.")
    events = extract(pipeline, text, published=date(2025, 11, 5))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Air/drone strike", "Kadugli", 33)]


def test_a_headline_weapon_does_not_retype_an_older_attack_the_body_recalls(pipeline):
    text = ("Drones strike two towns, 12 civilians killed\n\n"
            "Drones struck Kadugli and Dilling early on Wednesday, killing 12 civilians, officials said. "
            "The strikes came weeks after the March 2 attack in Babanusa, in which gunmen killed 12 people.")
    events = extract(pipeline, text, published=date(2025, 5, 14))
    assert [e.event_type for e in events if e.event_date == date(2025, 3, 2)] == ["Violence against civilians"]


def test_a_crowds_attack_with_petrol_bombs_and_bricks_is_a_riot(pipeline):
    text = ("Officers hurt in Portadown\n\n"
            "A crowd launched an attack on officers in Portadown on Monday night by hurling petrol bombs, bricks "
            "and bottles, police said. Nine officers were injured.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Riots", "Portadown")]


def test_a_charter_signed_is_a_deal_at_its_venue(pipeline):
    text = ("Rebels sign charter\n\n"
            "Chad's rebel coalition and allied parties signed a founding charter in Addis Ababa on Saturday to set "
            "up a rival government, sources said. The charter, which was signed behind closed doors, names a "
            "presidential council.")
    events = extract(pipeline, text, published=date(2025, 5, 11))
    assert [(e.sub_event_type, e.location) for e in events] == [("Agreement", "Addis Ababa")]


def test_a_deal_signed_now_is_told_before_one_still_to_be_signed(pipeline):
    from etl.events.deals import signed
    from etl.spacy_model import load_spacy
    doc = load_spacy()("The rebels signed a declaration of principles in Doha that commits them to a peace agreement to be "
              "signed in one month.")
    words = {t.lower_: t for t in doc}
    assert signed(words["declaration"]) and not signed(words["agreement"])


def test_missiles_a_crowd_throws_at_police_in_a_protest_are_a_riot(pipeline):
    text = ("Protest at asylum centre turns violent\n\n"
            "A protest outside an asylum centre in Limerick turned violent on Monday night. Masked men threw "
            "missiles and fireworks at gardaí, police said.")
    events = extract(pipeline, text)
    assert "Explosions/Remote violence" not in {e.event_type for e in events}
    assert "Riots" in {e.event_type for e in events}


def test_a_warrant_for_an_arrest_is_no_arrest(pipeline):
    text = ("Court issues warrant\n\n"
            "The court in Arusha issued a warrant for the arrest of the former minister on Monday, and rights "
            "groups renewed their calls for his arrest.")
    events = extract(pipeline, text)
    assert "Arrests" not in {e.sub_event_type for e in events}


def test_where_the_arrested_man_will_be_taken_is_not_where_he_was_arrested(pipeline):
    text = ("Former leader held\n\n"
            "Officials say arrested former president Joseph Kabore has left Lome on a plane and he will be handed "
            "over to the court in The Hague. He was arrested at Lome airport on Tuesday morning.")
    events = extract(pipeline, text)
    assert events and all(e.country == "TGO" for e in events)


def test_an_act_of_a_year_long_before_the_report_is_not_coded(pipeline):
    text = ("Leader arrested\n\n"
            "Police arrested the former president in Lome on Tuesday. He withdrew the country from the regional "
            "court's treaty in 2019 when it began an inquiry.")
    events = extract(pipeline, text)
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_victims_ambushed_on_their_farms_are_the_attack_on_them(pipeline):
    text = ("Gunmen kill nine farmers\n\n"
            "Gunmen killed nine farmers in Jangebe, Zamfara State, on Friday, residents said. The victims were "
            "reportedly ambushed while tending to their farmland.")
    events = extract(pipeline, text, published=date(2025, 7, 19))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 9)]


def test_an_alleged_assault_by_no_armed_side_and_a_charge_in_court_are_no_events(pipeline):
    text = ("Riot in Larne\n\n"
            "Rioters threw petrol bombs at police in Larne on Monday night, police said. The rioting began "
            "after a vigil for a girl allegedly sexually assaulted by two teenagers. The teenagers had appeared "
            "in court earlier that day charged with attempted rape.")
    events = extract(pipeline, text)
    assert "Violence against civilians" not in {e.event_type for e in events}
    assert "Riots" in {e.event_type for e in events}


def test_rape_by_fighters_is_still_an_event(pipeline):
    text = ("Abuses in Darfur\n\n"
            "RSF fighters allegedly raped dozens of women in Tawila on Sunday, a UN official said.")
    events = extract(pipeline, text)
    assert [e.sub_event_type for e in events] == ["Sexual violence"]
