"""Events of short self-written reports from outside South Asia (stop 44):
"Saturday's airstrikes" are of Saturday even when a report day follows; a
wire photo's caption dates the picture, not the story, and lends its day
to nothing told after it; an undated page that names a full date and, weeks
later, a day without its year is of that later day; a truck that "struck" a
crowd rammed it; cancelled rallies are no protest; a festival named for a
people is not in their country; a former president held over corruption is
a political arrest, and police who "kidnapped" him arrested him; a word in
scare quotes tells no happening of its own; a "National Strike" headline is
a labour protest, and "Protesters" opening the story after it are
protesters; "the city of En Nahud" and a name written without its Arabic
article are places; "the attackers stormed the courthouse" is the attack
told before; a date of a clause in the future dates nothing else; a day of
its own told after a day borrowed from a sentence before is another
happening; "the New York Times" places nothing in New York."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


def test_a_possessive_weekday_dates_the_strike_not_the_report(pipeline):
    text = ("Toll rises in Kassala\n\n"
            "The death toll from Saturday's US airstrikes on a market in Kassala rose to 12, with 30 others "
            "injured, the group reported on Monday.\n\n"
            "On Sunday, a drone strike hit a fuel depot in Kassala, wounding four guards.")
    events = sorted(extract(pipeline, text), key=lambda e: e.event_date)
    assert [(e.event_date.isoformat(), e.fatalities) for e in events] == [("2025-05-10", 12), ("2025-05-11", 0)]


def test_a_wire_caption_dates_the_picture_not_the_strike(pipeline):
    text = ("Drone strike on fuel depot\n\n"
            "Residents inspect a crater at the site of a drone strike in Kassala, Sudan May 12, 2025. (REUTERS)\n\n"
            "A drone strike on Sunday on a fuel depot in Kassala killed six people, the state health ministry "
            "said on Monday.\n\n"
            "The ministry said the strike late Sunday also destroyed fuel tanks.")
    events = extract(pipeline, text)
    assert [(e.event_date.isoformat(), e.location, e.fatalities) for e in events] == [("2025-05-11", "Kassala", 6)]


def test_an_undated_page_is_of_a_day_told_weeks_after_its_full_date(pipeline):
    text = ("Nine killed in drone strike on market\n\n"
            "Smoke rises from the site of an air strike in Port Sudan, Sudan, on May 4, 2025. Jane Doe/Reuters\n\n"
            "A drone struck the main market in Kassala overnight on June 8, killing nine people, the health "
            "ministry said in a June 9 statement.")
    events = extract(pipeline, text, published=None)
    kassala = [e for e in events if e.location == "Kassala"]
    assert [(e.event_date.isoformat(), e.fatalities) for e in kassala] == [("2025-06-08", 9)]
    assert {e.event_date.isoformat() for e in events if e.location == "Port Sudan"} <= {"2025-05-04"}


def test_a_day_told_months_after_the_full_date_is_of_the_year_before(pipeline):
    text = ("Gang attack on hill town\n\n"
            "In a statement on March 2, 2025, the police blamed the gang coalition for the killings.\n\n"
            "Observers said more than 70 people were killed in Carrefour on November 14 and 15.")
    events = extract(pipeline, text, published=None)
    assert {e.event_date.year for e in events if e.fatalities} == {2024}


def test_a_truck_that_struck_a_crowd_rammed_it(pipeline):
    text = ("Truck ploughs into crowd\n\n"
            "A pickup truck struck worshippers leaving a church in Lyon on Sunday, killing three people, police "
            "said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")]


def test_cancelled_rallies_are_no_protest(pipeline):
    text = ("Gunman kills four in Lyon\n\n"
            "A gunman killed four people at a market in Lyon on Sunday, police said.\n\n"
            "The mayor cancelled two rallies and a concert after the shooting.")
    assert all(e.event_type != "Protests" for e in extract(pipeline, text))


def test_a_festival_named_for_a_people_is_not_in_their_country(pipeline):
    text = ("Festival horror\n\n"
            "Four people were killed when a driver ploughed a car into a crowd at the Somali heritage festival.\n\n"
            "The festival was held in Minneapolis on Saturday. Minneapolis police said the driver was detained.")
    assert "SOM" not in {e.country for e in extract(pipeline, text)}


def test_a_former_president_held_over_corruption_is_a_political_arrest(pipeline):
    text = ("Ex-president detained\n\n"
            "Paraguay's former president, Juan Ortega, was detained in Asuncion on Monday amid an investigation "
            "into alleged corruption.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Arrests", "Asunción")]


def test_police_who_kidnapped_someone_arrested_him(pipeline):
    text = ("Former minister held\n\n"
            "His lawyer said police had kidnapped the former interior minister in Lima on Monday.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Arrests"]


def test_a_word_in_scare_quotes_tells_no_happening(pipeline):
    text = ("Opposition leader arrested\n\n"
            "Police arrested the opposition leader in Lima on Monday.\n\n"
            "His party said he had been moved to a prison outside the city as part of a “kidnapping”.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Arrests"]


def test_a_national_strike_headline_is_a_labour_protest(pipeline):
    text = ("Bolivia National Strike: Police Station Burned in Oruro\n\n"
            "Published on: 12 May 2025\n\n"
            "Bolivia National Strike: Police Station Burned in Oruro\n\n"
            "Protesters set fire to a police station in Oruro on Monday during a national strike, police said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Riots", "Oruro")]


def test_a_town_after_the_city_of_is_a_place_and_so_is_its_name_again(pipeline):
    text = ("Civilians killed as paramilitaries advance\n\n"
            "At least 20 civilians were killed in the city of En Nahud on Sunday as paramilitary fighters "
            "advanced, a lawyers' group said.\n\n"
            "The fighters also seized the En Nahud prison and freed inmates.")
    events = extract(pipeline, text)
    assert events and {e.location for e in events} == {"An Nuhūd"}


def test_a_name_written_without_its_arabic_article_is_the_town(pipeline):
    text = ("Massacre reported\n\n"
            "More than 100 civilians were killed in an attack by paramilitary fighters in Nahud, Sudan, on "
            "Sunday, activists said.")
    assert [e.location for e in extract(pipeline, text)] == ["An Nuhūd"]


def test_the_attackers_told_next_are_of_the_attack_told_before(pipeline):
    text = ("Courthouse attacked\n\n"
            "A gun attack rocked the city of Zahedan on Saturday, leaving five people dead.\n\n"
            "The assailants, dressed as visitors, stormed the courthouse and exchanged fire with guards.\n\n"
            "Security forces killed all three attackers.")
    assert len(extract(pipeline, text)) == 1


def test_a_date_of_a_clause_in_the_future_dates_nothing_else(pipeline):
    text = ("Strike paralyses capital\n\n"
            "Thousands of workers protested in Quito on Monday against fuel prices.\n\n"
            "In a statement reflecting on the wider meaning of the protests, the union noted that workers will "
            "mobilise against the government in October 2025.")
    events = extract(pipeline, text)
    assert [e.event_date.isoformat() for e in events if e.event_type == "Protests"] == ["2025-05-12"]


def test_a_day_of_its_own_after_a_borrowed_day_is_another_happening(pipeline):
    text = ("Clashes in West Bank village\n\n"
            "Settlers and soldiers clashed on Friday night outside the village of Sinjil, the army said.\n\n"
            "The crowds damaged army vehicles and threw stones.\n\n"
            "On Wednesday, settlers attacked Sinjil and soldiers shot dead three Palestinians.")
    events = extract(pipeline, text)
    assert len({e.event_date for e in events}) == 2
    assert {e.event_date for e in events if e.fatalities == 3} == {date(2025, 5, 7)}


def test_a_newspaper_named_for_a_city_places_nothing_there(pipeline):
    text = ("Shooting at beach festival\n\n"
            "A gunman killed six people at a beach festival in Sydney on Sunday, police said.\n\n"
            "\"It was chaos,\" a witness told the New York Times. Vigils were also held in New York.")
    assert "USA" not in {e.country for e in extract(pipeline, text)}


def test_a_name_given_to_the_strike_is_no_second_happening(pipeline):
    text = ("Strike on town\n\n"
            "An Israeli drone strike hit a car in Bint Jbeil on Sunday, killing five people, the health ministry "
            "said.\n\n"
            "The head of the Bint Jbeil municipal council called the strike a \"massacre of civilians,\" saying "
            "three of the dead were children.")
    assert len(extract(pipeline, text)) == 1


def test_the_force_that_engaged_the_attackers_fought_the_attack_told_before(pipeline):
    text = ("Courthouse assault\n\n"
            "The assault on the courthouse in Zahedan on Saturday, involving gunfire and grenades, killed six "
            "civilians.\n\n"
            "Security forces responded, engaging the attackers and killing all three assailants.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 9)]


def test_a_picture_of_the_first_day_is_not_the_second_days_riot(pipeline):
    text = ("Looting grips capital\n\n"
            "A woman carries a mannequin as looting erupted in a district of Luanda on May 11, 2025 during a taxi "
            "strike. Picture: AFP\n\n"
            "Shots rang out as Luanda was gripped by a second day of looting on Monday, after at least four people "
            "were killed.")
    events = extract(pipeline, text)
    assert sorted(e.event_date.isoformat() for e in events if e.event_type != "Protests") == \
        ["2025-05-11", "2025-05-12"]


def test_a_credited_picture_shows_the_riot_the_story_tells(pipeline):
    text = ("Protesters throw fireworks at police near the hotel in Dublin on Monday night. Photograph: Jane Roe/PA\n\n"
            "A policing operation remains in place at the hotel in Dublin.\n\n"
            "On Monday night, several hundred protesters gathered at the hotel, with some throwing bottles at "
            "gardai, police said.")
    assert [e.event_type for e in extract(pipeline, text)] == ["Riots"]


def test_arrests_following_a_march_report_the_march_too(pipeline):
    text = ("Arrests after rally\n\n"
            "At least 30 people have been arrested following the ‘Take Back Rome’ march in Rome yesterday.\n\n"
            "Carabinieri said 20 officers were injured.\n\n"
            "Police estimate that up to 80,000 people attended the rally, which was organised by a far-right "
            "figure.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location, e.event_date.isoformat()) for e in events if e.event_type == "Protests"] == \
        [("Protests", "Rome", "2025-05-12")]
