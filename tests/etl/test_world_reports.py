"""Events of short self-written reports from outside South Asia: a sea named
for a land, a country the sentence names as no site, an area written as a
division, a crewed aircraft shot down, the people a crowd word names, a
title read as a town, a night told on the next day, explosions heard in a
fight, talks as the setting of a shooting, a toll told again without its
victims."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 5, 13)  # a Tuesday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def rows(events):
    return [(e.sub_event_type, e.location, e.fatalities) for e in events]


def test_a_sea_named_for_a_country_is_not_that_country(pipeline):
    text = ("Curfew after protests\n\n"
            "The government of the Indian Ocean island of Mauritius on Monday imposed a curfew following protests, "
            "which saw police fire tear gas to break up demonstrations over fuel prices.\n\n"
            "Protesters blocked roads with burning tyres.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"MUS"}


def test_property_burnt_in_a_riot_is_placed_with_the_riot_not_the_country_named_most(pipeline):
    text = ("Riots over power cuts\n\n"
            "Readers in the US and American donors keep our reporting free. US readers can give monthly.\n\n"
            "Madagascar's government on Thursday imposed a curfew after protests, which saw police fire rubber "
            "bullets at crowds.\n\n"
            "Several stations of the country's cable car were also set on fire.")
    events = extract(pipeline, text, published=date(2025, 9, 26))
    assert events and {e.country for e in events} == {"MDG"}


def test_a_name_written_as_a_division_is_not_a_far_town_listing_it_as_an_alias(pipeline):
    text = ("Militants kill villagers in Ituri\n\n"
            "BUNIA, DR Congo: Militants of the ADF killed 30 villagers near Bunia in Ituri province on Sunday, "
            "officials said. The last major attack by the ADF was in February, leaving 23 dead in Mambasa "
            "territory.")
    events = extract(pipeline, text, published=date(2025, 7, 28))
    assert events and all(e.country == "COD" for e in events)  # not Mombasa, Kenya


def test_a_crewed_aircraft_shot_down_is_a_fight_with_its_toll(pipeline):
    text = ("Police helicopter downed\n\n"
            "A police helicopter was shot down over the town of Amalfi in Antioquia on Monday, killing 12 officers, "
            "the defence minister said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 12)]


def test_the_weapon_that_downed_a_crewed_aircraft_types_it(pipeline):
    text = ("Police helicopter downed\n\n"
            "A police helicopter was shot down by a drone over the town of Amalfi in Antioquia on Monday, killing "
            "12 officers, the defence minister said.")
    assert [(e.sub_event_type, e.fatalities) for e in extract(pipeline, text)] == [("Air/drone strike", 12)]


def test_drones_shot_down_stay_a_weapon_stopped(pipeline):
    text = "Air defences shot down 40 drones in the Kursk region on Monday, the defence ministry said."
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Disrupted weapons use"]


def test_vigilante_groups_searching_are_no_mob_violence(pipeline):
    text = ("Gunmen abduct students\n\n"
            "Gunmen abducted 25 students from a school in Maga, Kebbi State, on Sunday night, police said.\n\n"
            "In the aftermath, police, soldiers and local vigilante groups launched a search operation, combing "
            "the forest for the students.")
    events = extract(pipeline, text, published=date(2025, 11, 17))
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_a_title_before_a_persons_name_is_no_place(pipeline):
    text = ("Gunmen kill teacher\n\n"
            "Gunmen stormed a school in Maga, Kebbi State, in northwestern Nigeria on Sunday night. The attackers "
            "killed the school's "
            "Vice Principal, Malam Hassan Makuku, before abducting several students.")
    events = extract(pipeline, text, published=date(2025, 11, 17))
    assert events and {e.country for e in events} == {"NGA"}  # not Principal, Cape Verde


def test_a_night_told_on_the_next_day_is_dated_by_its_eve(pipeline):
    text = ("Clashes in Tripoli\n\n"
            "Overnight clashes in the Libyan capital Tripoli killed at least six people, an emergency medical "
            "service said Tuesday.")
    assert [(e.sub_event_type, str(e.event_date), e.fatalities) for e in extract(pipeline, text)] == [
        ("Armed clash", "2025-05-12", 6)]


def test_explosions_heard_as_clashes_rocked_a_city_are_the_fight(pipeline):
    text = ("Clashes in Tripoli\n\n"
            "Heavy arms fire and explosions were heard in several areas of Tripoli on Monday night as violent "
            "clashes between rival armed groups rocked the capital.")
    assert [e.event_type for e in extract(pipeline, text)] == ["Battles"]


def test_explosions_heard_days_before_clashes_stay_their_own_event(pipeline):
    text = ("Border clashes\n\n"
            "Afghan and Pakistani forces clashed along the border near Chaman on Sunday. The clashes came days "
            "after explosions were heard in Kabul on Thursday, which the Taliban blamed on Pakistan.")
    events = extract(pipeline, text, published=date(2025, 10, 13))
    assert {e.event_type for e in events} == {"Battles", "Explosions/Remote violence"}


def test_talks_a_man_was_shot_at_are_the_setting_not_talks(pipeline):
    text = ("Militia leader killed\n\n"
            "A militia leader was killed in Tripoli on Monday. He was shot at a base of a rival brigade while "
            "attending a meeting for mediation, local media said.")
    assert all(e.sub_event_type != "Diplomacy" for e in extract(pipeline, text))


def test_a_toll_told_again_without_its_victims_stays_with_its_strike(pipeline):
    text = ("Missile strike on Ternopil\n\n"
            "Russian missiles hit two apartment buildings in the Ukrainian city of Ternopil on Wednesday, killing "
            "at least 26 people.\n\n"
            "Blasts were heard across the Lviv, Rivne and Khmelnytskyi regions as the attacks targeted western "
            "Ukraine. The latest attacks came amid efforts to restart peace talks.\n\n"
            "Emergency services said two high-rise buildings were hit in Ternopil, leaving at least 26 dead.")
    events = extract(pipeline, text, published=date(2025, 11, 19))
    assert [e.fatalities for e in events if e.location == "Ternopil"] == [26]
    assert sum(e.fatalities for e in events) == 26  # not spread over the regions the blasts were heard in


def test_state_forces_told_by_any_mention_are_the_first_actor(pipeline):
    text = ("27 Maoists killed\n\n"
            "Security forces gunned down 27 Maoists in a fierce encounter in the forests of Narayanpur district "
            "in Chhattisgarh on Wednesday. One jawan was killed in the encounter.")
    events = extract(pipeline, text, published=date(2025, 5, 21))
    assert [e.actor1 for e in events] == ["Military Forces of India"]


def test_a_person_killed_by_title_is_one_dead(pipeline):
    text = ("Village head killed\n\n"
            "Gunmen killed the village head in Bannu on Monday, police said.")
    assert [e.fatalities for e in extract(pipeline, text)] == [1]


def test_a_toll_over_two_separate_attacks_is_no_event_of_its_own(pipeline):
    text = ("Two attacks in Colombia\n\n"
            "In Colombia, at least 18 people were killed and over 40 others injured in two separate attacks on "
            "Monday.\n\n"
            "A truck loaded with explosives detonated near an air force base in Cali, killing six people. Earlier "
            "the same day, a police helicopter was shot down in the municipality of Amalfi, killing 12 officers.")
    events = extract(pipeline, text)
    assert sorted((e.location, e.fatalities) for e in events) == [("Amalfi", 12), ("Cali", 6)]


def test_hundreds_of_attacks_thwarted_in_a_year_are_a_tally(pipeline):
    text = ("Shooting in Jerusalem\n\n"
            "Gunmen killed six people at a bus stop in Jerusalem on Monday, police said. Security forces had "
            "thwarted hundreds of attacks in the West Bank this year, the army said.")
    events = extract(pipeline, text, published=date(2025, 9, 8))
    assert [e.event_type for e in events] == ["Violence against civilians"]


_DEAL = ("Ceasefire deal\n\n"
         "Israel and Hamas have agreed on the first phase of a ceasefire deal for Gaza, the US president announced "
         "on Thursday.\n\n"
         "Hamas has also agreed to the deal, which was reached following days of negotiations in the Egyptian "
         "resort city of Sharm El-Sheikh.\n\n"
         "On Wednesday morning, an expanded round of talks was held between Egyptian intelligence officials, "
         "Qatari mediators and senior U.S., Turkish and Israeli envoys.")


def test_a_deal_told_first_without_its_venue_is_one_event_at_the_venue_told_later(pipeline):
    deals = [e for e in extract(pipeline, _DEAL, published=date(2025, 10, 9)) if e.sub_event_type == "Agreement"]
    assert [(e.location, str(e.event_date)) for e in deals] == [("Sharm el-Sheikh", "2025-10-09")]


def test_talks_of_another_day_are_their_own_event_at_the_venue_of_the_talks_told(pipeline):
    talks = [e for e in extract(pipeline, _DEAL, published=date(2025, 10, 9)) if e.sub_event_type == "Diplomacy"]
    assert [(e.location, str(e.event_date)) for e in talks] == [("Sharm el-Sheikh", "2025-10-08")]


def test_an_attack_named_by_its_month_is_of_that_month(pipeline):
    text = ("Strike on hospital\n\n"
            "Israeli strikes on the Nasser hospital in Khan Younis killed at least 19 people on Monday. A June "
            "attack on the hospital had killed three people, according to the Health Ministry.")
    events = extract(pipeline, text, published=date(2025, 8, 25))
    assert ("2025-06-01", 3) in [(str(e.event_date), e.fatalities) for e in events]


def test_the_burning_the_attackers_did_is_part_of_their_attack(pipeline):
    text = ("Church attack\n\n"
            "Rebels of the ADF killed 43 civilians in an attack on a church in Bunia, Ituri province, on Sunday. "
            "Victims were hacked and shot to death, while the attackers also set fire to the church hall and "
            "neighbouring homes.")
    events = extract(pipeline, text, published=date(2025, 7, 28))
    assert [(e.event_type, e.fatalities) for e in events] == [("Violence against civilians", 43)]


def test_a_condemned_attack_is_where_its_participle_puts_it_not_where_the_condemners_are(pipeline):
    text = ("Attack condemned\n\n"
            "Authorities in the Democratic Republic of Congo have strongly condemned a brutal attack carried out by "
            "ADF rebels in Komanda, Irumu Territory, Ituri Province, which left 43 civilians dead.")
    events = extract(pipeline, text, published=date(2025, 7, 28))
    assert [(e.admin1, e.fatalities) for e in events] == [("Ituri", 43)]


def test_the_day_of_a_search_is_not_the_day_of_the_abduction_it_is_for(pipeline):
    text = ("Search for schoolgirls\n\n"
            "Gunmen abducted 25 schoolgirls from a boarding school in Maga, Kebbi State, on Monday, police said. "
            "Nigerian security forces on Wednesday intensified a search for the 25 girls abducted by gunmen from "
            "the school.")
    events = extract(pipeline, text, published=date(2025, 11, 19))
    assert [str(e.event_date) for e in events if e.sub_event_type == "Abduction/forced disappearance"] == [
        "2025-11-17"]


def test_the_air_smoke_lingers_in_names_no_air_strike(pipeline):
    text = ("Unrest in Antananarivo\n\n"
            "Protesters erected barricades of burning tyres and ransacked shops in Antananarivo on Thursday. "
            "Loud blasts were heard near the city centre until about 2 a.m. on Friday, with a strong smell of "
            "smoke lingering in the air.")
    events = extract(pipeline, text, published=date(2025, 9, 26))
    assert "Air/drone strike" not in [e.sub_event_type for e in events]


def test_a_day_before_its_month_is_no_toll(pipeline):
    text = ("Shooting near aid site\n\n"
            "On Tuesday, 3 June, at least 27 Palestinians were killed by Israeli fire near an aid distribution "
            "site in Rafah.")
    assert [e.fatalities for e in extract(pipeline, text, published=date(2025, 6, 3))] == [27]


def test_a_title_case_dateline_with_its_date_is_no_site(pipeline):
    text = ("Gaza, June 3, 2025: At least 27 Palestinians were killed early Tuesday when Israeli forces opened "
            "fire near an aid distribution site in the southern Gaza city of Rafah, health officials said.")
    events = extract(pipeline, text, published=date(2025, 6, 3))
    assert [(e.location, e.fatalities) for e in events] == [("Rafaḩ", 27)]


def test_a_town_and_the_bigger_place_after_its_comma_are_an_address(pipeline):
    text = ("Shooting near aid site\n\n"
            "On Tuesday, at least 27 Palestinians were killed by Israeli fire while waiting to collect aid near a "
            "distribution site in Rafah, Gaza as cited by the BBC.")
    events = extract(pipeline, text, published=date(2025, 6, 3))
    assert [(e.location, e.fatalities) for e in events] == [("Rafaḩ", 27)]


def test_a_crowd_gathered_for_aid_is_no_protest(pipeline):
    text = ("Shooting near aid site\n\n"
            "Israeli troops opened fire on the crowd, which was gathered to receive aid near a distribution site "
            "in Rafah on Tuesday, killing 27 people, health officials said.")
    events = extract(pipeline, text, published=date(2025, 6, 3))
    assert events and all(e.event_type != "Protests" for e in events)


def test_party_supporters_clashing_with_law_enforcement_riot(pipeline):
    text = ("Clashes in Gopalganj\n\n"
            "At least four people were killed in Gopalganj on Wednesday after supporters of the banned party "
            "clashed with law enforcement, police said.")
    events = extract(pipeline, text, published=date(2025, 7, 16))
    assert [(e.event_type, e.fatalities) for e in events] == [("Riots", 4)]


def test_a_states_forces_named_by_acronym_regain_territory(pipeline):
    text = ("Army advances in Khartoum\n\n"
            "The SAF on Saturday recaptured the Bahri district of Khartoum from the RSF, the army said.")
    events = extract(pipeline, text, published=date(2025, 2, 1))
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Government regains territory", "Military Forces of Sudan")]


def test_a_spelling_variant_outside_the_province_of_the_articles_places_is_unknown(pipeline):
    text = ("Gunmen kill villagers in Plateau\n\n"
            "Gunmen killed ten villagers in Bokkos Local Government Area of Plateau State on Wednesday. Four people "
            "were killed in Manguna and one other in Dafo, the council chairman said.")
    events = extract(pipeline, text, published=date(2025, 4, 3))
    assert events and all(e.admin1 != "Borno" for e in events)  # not Monguno, Borno


def test_a_toll_raised_to_a_figure_is_the_strikes_toll(pipeline):
    text = ("Kyiv mourns\n\n"
            "Emergency teams pulled a dozen more bodies from the debris of a collapsed apartment building in Kyiv "
            "overnight, raising the death toll to 31 from Thursday's Russian missile strike.")
    events = extract(pipeline, text, published=date(2025, 8, 1))
    assert [e.fatalities for e in events] == [31]


def test_talks_that_remain_stalled_are_no_talks(pipeline):
    text = ("Kyiv mourns\n\n"
            "A Russian missile strike killed 31 people in Kyiv on Thursday. Diplomatic negotiations remain "
            "stalled, as Moscow insists on its demands.")
    events = extract(pipeline, text, published=date(2025, 8, 1))
    assert [e.sub_event_type for e in events if e.event_type == "Strategic developments"] == []


def test_property_burnt_by_no_one_named_in_a_report_of_protests_is_the_unrest(pipeline):
    text = ("Election unrest\n\n"
            "Police in Dar es Salaam fired gunshots and tear gas at protesters on Thursday, leaving at least two "
            "people dead, Amnesty International said. Many polling stations were set ablaze, and internet access "
            "was cut across the city.")
    events = extract(pipeline, text, published=date(2025, 10, 30))
    assert [(e.event_type, e.fatalities) for e in events] == [("Protests", 2)]


def test_a_town_of_the_country_a_report_keeps_naming_is_not_doubted_for_a_place_named_in_passing(pipeline):
    text = ("Strike on Saada\n\n"
            "Sixty-eight bodies were recovered in Yemen after a U.S. strike hit a detention centre in Saada on "
            "Monday. Yemen's Houthis said the centre housed migrants. The strikes on Yemen followed Houthi attacks "
            "on ships linked to Israel amid the war in Gaza, Yemeni officials said.")
    events = extract(pipeline, text, published=date(2025, 4, 28))
    assert [(e.location, e.fatalities) for e in events if e.fatalities] == [("Sa'dah", 68)]
