"""Events of short self-written reports from outside South Asia (stop 40):
a town said to lie in a region, or written before its region ("X, Moscow
Region"), or named as a district of a local government area, is one place
(the town, or the area the text puts it in); a town known by an alternate
spelling of the governorate it heads is the town; where a spokesman spoke is
no place of the strike; "no fewer than" bounds a figure and negates nothing;
"three weeks after" counts no victims; "we lost twelve people" counts twelve
dead (not tanks); fire opened on worshippers is an attack on civilians; "in
just one week, we have lost" and the toll "from ongoing clashes" are running
totals; a toll told again in parts ("36 people ... and four others") is the
same toll; a death toll told after a long address is the attack's; "just
under two weeks after" dates a recalled killing; "a similar protest on
Monday" is the day before, not a likeness; a house arrest in August is no
mention of the custody the lead tells; "a senior general was killed" is one
death; where a war is waged is no place of an attack likened to it; talks
"in 2016" are history; where an attack was confirmed to a newspaper is no
place of it; nurses "injured by police gunfire" are whom it hit; a blast told
"in Moscow" and in a town 22 km from its centre is one event."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


def test_a_town_said_to_lie_in_a_region_is_one_place_the_town(pipeline):
    text = ("Drone strike in Jenin\n\n"
            "An Israeli drone struck a house in Jenin, located in the occupied West Bank, on Monday, killing "
            "three people.")
    events = extract(pipeline, text)
    assert [(e.geo_precision, e.fatalities) for e in events] == [(1, 3)]
    assert events[0].latitude is not None and abs(events[0].latitude - 32.46) < 0.05


def test_a_town_written_before_its_region_is_one_place(pipeline):
    text = ("Car bomb near Moscow\n\n"
            "A car bomb exploded in Balashikha, Moscow Region, on Monday, killing a senior officer.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Balashikha", 1)]


def test_a_district_of_a_local_government_area_is_placed_in_that_area(pipeline):
    text = ("Village attacked\n\n"
            "Gunmen killed 14 residents in the Kwall district of Bassa Local Government Area of Plateau State "
            "on Monday.")
    events = extract(pipeline, text)
    assert [(e.location, e.admin1, e.fatalities) for e in events] == [("Bassa", "Plateau", 14)]


def test_where_a_spokesman_spoke_is_no_place_of_the_strike(pipeline):
    text = ("Strike on a market\n\n"
            "An air strike hit a market in El Obeid on Monday, killing 19 people.\n\n"
            "The UN chief is alarmed by reports of the strike, his spokesman told reporters in Geneva.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("El Obeid", 19)]


def test_no_fewer_than_bounds_a_figure_and_negates_nothing(pipeline):
    text = ("Town attacked\n\n"
            "No fewer than twenty-five villagers have been confirmed dead after gunmen attacked the town of "
            "Bokkos on Monday.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Bokkos", 25)]


def test_weeks_after_a_killing_count_no_victims(pipeline):
    text = ("Mourners\n\n"
            "\"It is painful that less than three weeks after our people were killed in Mangu, we are burying "
            "more,\" he said.")
    assert all(e.fatalities != 3 for e in extract(pipeline, text))


def test_people_a_community_lost_are_its_dead_and_tanks_are_not(pipeline):
    text = ("Attack on a village\n\n"
            "Gunmen attacked the village of Dogon Noma in Plateau State on Monday.\n\n"
            "\"We lost twelve people in the attack, and the army lost two tanks,\" a resident said.")
    assert [e.fatalities for e in extract(pipeline, text)] == [12]


def test_a_loss_in_a_week_is_a_running_total(pipeline):
    text = ("Attacks\n\n"
            "\"In just one week, we have lost over 30 community members to these attacks in Plateau State,\" "
            "the chairman said.")
    assert all(e.fatalities != 30 for e in extract(pipeline, text))


def test_fire_opened_on_worshippers_is_an_attack_on_civilians(pipeline):
    text = ("Gunmen storm a mosque\n\n"
            "Gunmen stormed the town of Mantau on Monday and opened fire on worshippers at a mosque, killing 20.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [
        ("Violence against civilians", "Attack", 20)]


def test_a_death_toll_told_after_a_long_address_is_the_attacks_toll(pipeline):
    text = ("Village attack toll rises\n\n"
            "The death toll from Monday's attack on the farming community of Dogon Noma, in Ropp district of "
            "Barkin Ladi Local Government Area, Plateau State, has climbed to 23, with homes set ablaze during "
            "the assault.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 23)]


def test_the_toll_of_ongoing_clashes_is_a_running_total(pipeline):
    text = ("Clashes near the capital\n\n"
            "The health ministry said on Monday that the death toll from ongoing clashes in Jaramana, a town "
            "east of Damascus with a mostly Druze population, has risen to 14.")
    assert all(e.fatalities != 14 for e in extract(pipeline, text))


def test_a_killing_just_under_two_weeks_before_is_background_of_that_day(pipeline):
    text = ("Village attacked\n\n"
            "Gunmen killed 12 residents of Dogon Noma in Plateau State on Monday.\n\n"
            "The attack comes just under two weeks after 52 people were killed in communities in Bokkos "
            "Local Government Area.")
    events = extract(pipeline, text)
    recalled = [e for e in events if e.fatalities == 52]
    assert len(recalled) == 1 and recalled[0].role == "background"
    assert date(2025, 4, 27) <= recalled[0].event_date <= date(2025, 4, 30)


def test_a_toll_told_again_in_parts_with_others_is_the_same_toll(pipeline):
    text = ("Village attacked\n\n"
            "Forty residents were killed when gunmen attacked the town of Bokkos on Monday.\n\n"
            "\"Our vigilantes engaged the attackers and repelled them,\" a community leader said.\n\n"
            "\"We lost thirty-six people on the spot, and four others later died from their injuries.\"")
    events = extract(pipeline, text)
    assert sum(e.fatalities or 0 for e in events) == 40


def test_a_similar_protest_told_on_a_weekday_of_its_own_is_the_day_before(pipeline):
    text = ("Students protest for a second day\n\n"
            "Police fired tear gas on Tuesday at students protesting for a second day outside parliament in "
            "Maseru against new cars for ministers.\n\n"
            "It followed a similar protest on Monday, which led two parties to ask for the purchase to be "
            "cancelled.")
    events = extract(pipeline, text, published=date(2025, 11, 19))
    assert sorted((e.event_date, e.location) for e in events) == [
        (date(2025, 11, 17), "Maseru"), (date(2025, 11, 18), "Maseru")]


def test_a_house_arrest_months_before_is_no_mention_of_the_custody_told_in_the_lead(pipeline):
    text = ("Former president detained\n\n"
            "Peru's former president Pedro Salas, under house arrest while he appeals a conviction for a failed "
            "coup, was taken into custody after the Supreme Court deemed him a flight risk.\n\n"
            "The court said on Saturday that Salas had tried to cut off his ankle monitor.\n\n"
            "Salas, who governed Peru from 2019 to 2022, was placed under house arrest in August and has been "
            "confined to a house in the capital, Lima.")
    events = extract(pipeline, text, published=date(2025, 11, 23))
    assert sorted(e.event_date for e in events if e.sub_event_type == "Arrests") == [
        date(2025, 8, 1), date(2025, 11, 22)]


def test_on_an_undated_page_a_protest_told_on_another_weekday_is_another_happening(pipeline):
    text = ("Students riot for a second day\n\n"
            "More than 2,000 students rallied on Tuesday outside parliament in Maseru against new cars for "
            "ministers.\n\n"
            "The demonstration turned violent when police fired tear gas after some protesters hurled rocks at "
            "them.\n\n"
            "It followed a similar protest on Monday, which led two parties to ask for the purchase to be "
            "cancelled.")
    events = extract(pipeline, text, published=None)
    assert sorted(e.event_type for e in events) == ["Protests", "Riots"]


def test_where_a_war_is_waged_is_no_place_of_an_attack_likened_to_it(pipeline):
    text = ("General killed\n\n"
            "A senior general was killed when a bomb exploded under his car in the town of Odintsovo, west of "
            "Moscow, on Friday.\n\n"
            "Authorities named the victim of Friday's attack, which resembled earlier attacks on officers linked "
            "to Moscow's military offensive in Ukraine.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Odintsovo", 1)]


def test_talks_held_in_an_older_year_are_history(pipeline):
    text = ("General killed\n\n"
            "A senior general was killed when a bomb exploded under his car in the town of Odintsovo, west of "
            "Moscow, on Friday.\n\n"
            "According to the Kremlin, he was a Russian military representative at the talks on Syria in 2016, "
            "amid the war there.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Remote explosive/landmine/IED"]


def test_where_an_attack_was_confirmed_to_reporters_is_no_place_of_it(pipeline):
    text = ("Village attacked\n\n"
            "Gunmen attacked a village in Bassa Local Government Area of Plateau State on Monday, killing 12 "
            "people.\n\n"
            "A youth leader, Musa Dogo, confirmed the attack to The Nation in Jos on Monday.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Bassa", 12)]


def test_nurses_injured_by_gunfire_are_whom_the_gunfire_hit(pipeline):
    text = ("Nurses hurt\n\n"
            "Two nurses were injured by police gunfire outside a clinic in Nablus on Monday.")
    assert [(e.event_type, e.sub_event_type) for e in extract(pipeline, text)] == [
        ("Violence against civilians", "Attack")]


def test_a_blast_told_in_a_big_city_and_in_a_town_it_has_grown_into_is_one_event(pipeline):
    text = ("General killed in Moscow blast\n\n"
            "A senior Russian general has died in an explosion in Moscow, investigators said on Monday.\n\n"
            "According to state media, a car exploded in the courtyard of a block of flats in Odintsovo, west of "
            "Moscow, killing one person.")
    events = extract(pipeline, text)
    assert [e.fatalities for e in events] == [1]
