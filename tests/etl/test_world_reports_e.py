"""Events of short self-written reports from outside South Asia (stop 41):
an arrest told with no place is in the country of the authorities who made
it; a wave of protests "in 2019" is history; an attack the means were got
"to" commit has not happened; a lawmaker who "fought back tears" fought no
one; where drones were launched from is no place they struck; "the enemy's
attack" on regions after a drone attack is that drone attack; a missile
strike and drones told with their weapons are two happenings; "tragedy
struck" is a figure, the storming is the attack; people "massacred" or
"murdered" in a massacre are dead; a part of a town the model reads as a
product ("struck the centre of Kramatorsk") is the town; a town that "sees
continued clashes" tells no event; ground taken "from" an armed side is
territory taken, also "it" for the town named before; protests told only
by an earlier year, "last year" or "last summer" are not dated to the
report's day; a year that bounds a superlative ("the deadliest attack in
2024") dates nothing; talks told with their venue "during" which something
was agreed are the talks (not "during the NATO summit"); "the operation of
diplomatic missions" is no security operation; rockets that "slammed into"
a town struck it; "its May 3 suspension" dates no talks; "from Chernihiv in
the north to Odesa in the south" spans places, it names no launch site;
the blast an assault "commenced with" is part of the assault; "Turkish-backed
groups" are no Turkish forces."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract, rows  # published on a Tuesday, 2025-05-13 by default


def test_an_arrest_told_with_no_place_is_in_the_country_of_the_authorities(pipeline):
    text = ("Opposition figure detained\n\n"
            "Kenyan authorities on Monday arrested a prominent opposition leader, accusing him of plotting "
            "to overthrow the government.\n\n"
            "The government has faced criticism since its troops went to Somalia. Somalia still hosts them, "
            "and Somalia's war worries the opposition.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.country) for e in events] == [("Arrests", "KEN")]


def test_a_wave_of_protests_in_an_older_year_is_history(pipeline):
    text = ("Leader under pressure\n\n"
            "The prime minister rose to power on a wave of street protests in 2019, but came under pressure "
            "after losses in Tbilisi.")
    assert list(extract(pipeline, text)) == []


def test_an_attack_the_means_were_got_to_commit_has_not_happened(pipeline):
    text = ("Plot foiled\n\n"
            "Police in Tbilisi said the suspects had stockpiled explosives to attack the parliament building.")
    assert [e for e in extract(pipeline, text) if e.event_type != "Strategic developments"] == []


def test_fighting_back_tears_is_no_fight(pipeline):
    text = ("Lawmaker mourns\n\n"
            "Speaking in the assembly in Abuja on Tuesday, the lawmaker fought back tears as he read the names "
            "of the dead.")
    assert list(extract(pipeline, text)) == []


def test_where_drones_were_launched_from_is_no_place_they_struck(pipeline):
    text = ("Overnight drone attack\n\n"
            "Overnight, Russian forces attacked Ukraine with 80 striking drones launched from the areas of "
            "Belgorod and Millerovo, the air force said.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"UKR"}


def test_the_enemys_attack_on_regions_after_a_drone_attack_is_that_drone_attack(pipeline):
    text = ("Strikes on Ukraine\n\n"
            "A Russian missile struck the centre of Kramatorsk on Monday afternoon, killing three people.\n\n"
            "Early on Monday, Russian forces attacked Ukraine with 50 drones launched from the Kursk region. "
            "Air defences shot down 30 of them.\n\n"
            "\"The enemy's attack affected the Poltava and Chernihiv regions,\" the air force said.")
    events = extract(pipeline, text)
    assert sorted((e.sub_event_type, e.location, e.fatalities) for e in events) == [
        ("Air/drone strike", "Chernihiv", 0), ("Air/drone strike", "Poltava", 0),
        ("Shelling/artillery/missile attack", "Kramatorsk", 3)]


def test_a_missile_strike_and_drones_told_with_their_weapons_are_two_happenings(pipeline):
    text = ("Missile hits Kramatorsk\n\n"
            "A Russian ballistic missile struck the centre of Kramatorsk on Monday afternoon, killing three "
            "people, the regional governor said.\n\n"
            "Early on Monday, Russian forces had attacked Ukraine with 60 striking drones, the air force said.")
    events = extract(pipeline, text)
    assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert [e.fatalities for e in events if e.sub_event_type.startswith("Shelling")] == [3]


def test_tragedy_struck_is_a_figure_the_storming_is_the_attack(pipeline):
    text = ("Church attacked\n\n"
            "Tragedy struck on Sunday morning as gunmen stormed a church in Kauru, Kaduna State, killing "
            "seven worshippers.")
    assert rows(extract(pipeline, text)) == [("Attack", "Kauru", 7)]


def test_people_massacred_or_murdered_in_a_massacre_are_dead(pipeline):
    text = ("Massacre in Esmeraldas\n\n"
            "At least 14 people were massacred in Esmeraldas.\n\n"
            "On Sunday, 14 people were murdered in Esmeraldas in one of the worst massacres in the province's "
            "history.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities, e.event_date) for e in events] == [("Esmeraldas", 14, date(2025, 5, 11))]


def test_a_town_that_sees_continued_clashes_tells_no_event(pipeline):
    text = ("Tension in Raqqa\n\n"
            "The city of Raqqa sees continued clashes between Turkish-backed factions and the Kurdish-led "
            "forces.")
    assert list(extract(pipeline, text)) == []


def test_ground_taken_from_an_armed_side_is_territory_taken(pipeline):
    text = ("Town changes hands\n\n"
            "Turkish-backed factions took the city of Raqqa from the SDF in early December.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.country, e.geo_precision, e.event_date) for e in events] == [
        ("Battles", "SYR", 1, date(2024, 12, 1))]


def test_it_taken_from_an_armed_side_is_the_town_named_before(pipeline):
    text = ("Town changes hands\n\n"
            "The town of Raqqa has changed hands many times during the war, most recently in December when "
            "Turkish-backed groups captured it from the US-backed SDF.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.country, e.geo_precision) for e in events] == [("Battles", "SYR", 1)]


def test_protests_told_only_by_an_earlier_year_or_last_summer_are_not_dated_today(pipeline):
    for when in ("in 2024", "last year", "last summer"):
        text = ("Cleric arrested\n\n"
                "Armenian authorities on Wednesday arrested an archbishop in Yerevan.\n\n"
                f"The archbishop and his followers led large protests in Yerevan {when} demanding the prime "
                "minister's ouster.")
        events = extract(pipeline, text, published=date(2025, 6, 25))
        assert [(e.sub_event_type, e.event_date) for e in events] == [("Arrests", date(2025, 6, 25))], when


def test_a_year_that_bounds_a_superlative_dates_nothing(pipeline):
    text = ("Kyiv mourns\n\n"
            "Rescuers pulled more bodies from a collapsed apartment building in Kyiv overnight, raising the "
            "death toll to 28 from the deadliest missile attack on the capital in 2024.")
    events = extract(pipeline, text, published=date(2025, 8, 1))
    assert [e.fatalities for e in events] == [28]


def test_talks_told_with_their_venue_during_an_agreement_are_the_talks(pipeline):
    text = ("Envoys meet\n\n"
            "The two governments have agreed to work toward ending the war in Yemen and improve bilateral ties "
            "during extensive talks in Oman on Tuesday.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.country, e.event_date) for e in events] == [
        ("Diplomacy", "OMN", date(2025, 5, 13))]


def test_a_summit_named_as_the_time_of_attacks_is_no_talks(pipeline):
    text = ("Attacks on Dnipro\n\n"
            "Russia escalated its attacks on Dnipro during the NATO summit, killing nine people on Tuesday.")
    events = extract(pipeline, text)
    assert events and not [e for e in events if e.event_type == "Strategic developments"]


def test_the_operation_of_diplomatic_missions_is_no_security_operation(pipeline):
    text = ("Envoys meet in Muscat\n\n"
            "Officials met in Muscat on Tuesday and agreed to take steps to normalize the operation of their "
            "diplomatic missions.")
    assert not [e for e in extract(pipeline, text) if e.event_type == "Battles"]


def test_rockets_that_slammed_into_a_town_struck_it(pipeline):
    text = ("Rockets hit Kilis\n\n"
            "Two rockets fired from Syria slammed into the border town of Kilis on Monday, killing four people.")
    assert rows(extract(pipeline, text)) == [("Shelling/artillery/missile attack", "Kilis", 4)]


def test_a_date_of_another_act_does_not_date_the_talks(pipeline):
    text = ("Aid resumed\n\n"
            "Washington on Tuesday lifted its May 3 suspension of military aid after officials made progress "
            "during talks held in Jeddah.")
    events = [e for e in extract(pipeline, text) if e.sub_event_type == "Diplomacy"]
    assert [(e.country, e.event_date) for e in events] == [("SAU", date(2025, 5, 13))]


def test_places_spanned_from_one_to_another_are_no_launch_site(pipeline):
    text = ("Drones across the country\n\n"
            "Russia launched swarms of drones at 30 locations across Ukraine, from Chernihiv in the north to "
            "Odesa in the south, on Monday night, the air force said.")
    events = extract(pipeline, text)
    assert "Chernihiv" in {e.location for e in events}


def test_the_blast_an_assault_began_with_is_part_of_the_assault(pipeline):
    text = ("Prison attacked in Mogadishu\n\n"
            "Somalia's army said all six al-Shabab gunmen who stormed a prison in Mogadishu on Saturday were "
            "killed.\n\n"
            "The assault on the prison commenced on Saturday evening with a massive explosion, followed by "
            "intense gunfire.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Battles", "Mogadishu")]


def test_a_group_a_state_backs_is_no_force_of_that_state(pipeline):
    text = ("Town changes hands\n\n"
            "The town of Raqqa has changed hands many times during the war, most recently in December when "
            "Turkish-backed groups captured it from the US-backed SDF.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Non-state actor overtakes territory", "Unidentified Armed Group")]
