"""Events of short self-written reports, third batch: the dead a protest
remembers (its kin march, an anniversary), one figure over several struck
sites and the sites told apart, a sentence that opens on its area, a
country's parliament, and where a leader was when the news broke."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 5, 7)  # a Wednesday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def rows(events):
    return [(e.sub_event_type, e.location, e.fatalities) for e in events]


def test_kin_of_the_dead_marching_is_a_peaceful_protest_without_their_toll(pipeline):
    text = ("Families protest in Srinagar\n\n"
            "Families of the 26 people killed in the Pahalgam attack staged a protest in Srinagar on Monday, "
            "demanding justice.")
    assert rows(extract(pipeline, text)) == [("Peaceful protest", "Srinagar", 0)]


def test_a_march_led_by_relatives_of_the_dead_is_no_force_against_it(pipeline):
    text = ("Rail crash anniversary\n\n"
            "Tens of thousands of protesters flooded the streets of Lahore on Monday in a mass rally, led by "
            "relatives of the 57 people killed.\n\n"
            "The disaster in 2023 was the country's worst railway crash.")
    assert rows(extract(pipeline, text)) == [("Peaceful protest", "Lahore", 0)]


def test_a_rally_marking_an_old_crash_takes_neither_its_toll_nor_its_violence(pipeline):
    text = ("Rallies mark train crash anniversary\n\n"
            "At least 300 rallies and protests were held in Karachi on Monday to mark the second anniversary of "
            "the train crash which left 57 mostly young people dead.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [
        ("Protests", "Peaceful protest", 0)]


def test_a_family_of_five_keeps_its_toll(pipeline):
    text = ("Family of five killed in Quetta blast\n\n"
            "QUETTA: A family of five was killed when a bomb planted on a motorcycle exploded near their house "
            "in Quetta on Tuesday, police said.")
    assert [e.fatalities for e in extract(pipeline, text)] == [5]


_NINE_SITES = (
    "India strikes Pakistan, Pakistan says 26 killed\n\n"
    "NEW DELHI/ISLAMABAD, May 7 (Reuters) - India said it struck nine sites in Pakistan and Pakistan-administered "
    "Kashmir early on Wednesday, and Pakistan said 26 people were killed and 46 wounded, vowing to retaliate.\n\n"
    "The strikes hit the towns of Bahawalpur and Muridke in Pakistan's Punjab province, and Muzaffarabad and "
    "Kotli in Pakistani Kashmir, Pakistan's military said. At least 13 people, including a child, were killed "
    "in a mosque complex in Bahawalpur, it said.\n\n"
    "In Indian Kashmir, at least 10 civilians were killed by Pakistani shelling across the Line of Control in "
    "Poonch district, Indian officials said.")


def test_one_figure_over_several_sites_counts_a_site_told_apart_once(pipeline):
    events = extract(pipeline, _NINE_SITES)
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert ("Air/drone strike", "Bahawalpur", 13) in rows(strikes)
    assert sum(e.fatalities for e in strikes) == 26  # not 26 + 13
    # shelling across the LoC is another act: it takes nothing from the strikes' figure
    assert [(e.country, e.fatalities) for e in events if e.sub_event_type.startswith("Shelling")] == [("IND", 10)]


def test_a_sentence_opening_on_its_area_places_an_ambiguous_district_there(pipeline):
    shelling = [e for e in extract(pipeline, _NINE_SITES) if e.sub_event_type.startswith("Shelling")]
    assert [(e.country, e.admin1) for e in shelling] == [("IND", "Kashmir")]  # not Poonch of Azad Kashmir


def test_the_frame_is_no_address_for_a_name_outside_it(pipeline):
    from geo.records import Mention

    text = "In Indian Kashmir, officials said Pakistan's army had fired first from Kotli."
    start = text.index("Kotli")
    [resolution] = pipeline.resolver.resolve([Mention(article_id="t", start=start, end=start + 5, surface="Kotli",
                                             sentence_index=0, label="GPE")], text=text)
    assert resolution.place is not None and resolution.place.country == "PAK"


def test_a_figure_over_several_villages_is_not_a_rival_of_one_villages_figure(pipeline):
    text = ("Drones strike several villages in Kurram\n\n"
            "Drones struck several villages in Kurram district on Monday, killing 18 people, officials said. "
            "In Sadda, eight people were killed when a drone hit a house, a police official said.")
    assert sum(e.fatalities for e in extract(pipeline, text)) == 18


def test_a_countrys_parliament_is_in_its_capital(pipeline):
    text = ("Riot in Athens\n\n"
            "Scores of rioters hurled rocks and petrol bombs at police in front of Greece's parliament building "
            "on Friday.")
    assert [(e.sub_event_type, e.location) for e in extract(pipeline, text, published=date(2025, 2, 28))] == [
        ("Violent demonstration", "Athens")]


def test_where_a_leader_was_when_the_news_broke_is_no_talks(pipeline):
    text = ("Sharif returns after Peshawar blast\n\n"
            "A suicide bomber killed 12 people at a police station in Peshawar on Tuesday, officials said. "
            "Prime Minister Shehbaz Sharif, who was attending a summit in Baku, said he was returning to "
            "Islamabad.\n\n"
            "The interior minister said he was flying back to Pakistan from a meeting in Doha.")
    assert rows(extract(pipeline, text)) == [("Suicide bomb", "Peshawar", 12)]


def test_supporters_storming_a_court_named_after_its_city_riot_there(pipeline):
    text = ("Supporters of the former prime minister stormed the Islamabad High Court on Tuesday after his "
            "arrest, smashing windows and clashing with police.")
    assert [(e.event_type, e.sub_event_type, e.location) for e in extract(pipeline, text)] == [
        ("Riots", "Violent demonstration", "Islamabad")]


def test_a_site_named_after_a_man_is_not_in_a_town_of_his_name(pipeline):
    from etl.toponyms import town_of_site

    doc = pipeline.analyzer.parse("Flights resumed at King Abdulaziz International Airport and at the "
                                  "Quetta Railway Station.")
    airport, station = doc[3:7], doc[10:13]
    assert town_of_site(airport, {"king", "quetta"}) is None
    assert station.text == "Quetta Railway Station"
    assert doc.text[slice(*town_of_site(station, {"king", "quetta"}))] == "Quetta"


def test_a_crackdown_prompted_by_rioters_leaves_a_riot(pipeline):
    text = ("Protesters smashed windows and torched a police van in Lahore on Monday, prompting a police "
            "crackdown in which 46 people were arrested.")
    assert [(e.event_type, e.sub_event_type) for e in extract(pipeline, text, published=date(2025, 5, 6))] == [
        ("Riots", "Violent demonstration")]


def test_a_crackdown_on_peaceful_protesters_is_force_against_them(pipeline):
    text = "Police launched a crackdown on peaceful protesters in Quetta on Monday, killing two of them."
    assert [(e.sub_event_type, e.fatalities) for e in extract(pipeline, text, published=date(2025, 5, 6))] == [
        ("Excessive force against protesters", 2)]


def test_petrol_bombs_a_crowd_throws_are_a_riot_not_a_grenade_attack(pipeline):
    text = ("Clashes at Lahore protest\n\n"
            "Thousands protested outside the Punjab Assembly in Lahore on Monday. Masked youths threw petrol "
            "bombs at police, who fired teargas.\n\n"
            "Later, hooded attackers hurled petrol bombs and rocks, prompting riot police to fire teargas and "
            "stun grenades in response.")
    events = extract(pipeline, text, published=date(2025, 5, 6))
    assert {e.event_type for e in events} <= {"Protests", "Riots"}
    assert "Violent demonstration" in {e.sub_event_type for e in events}


def test_a_grenade_militants_hurl_stays_a_grenade_attack(pipeline):
    text = "Militants hurled a grenade at a police picket in Sopore on Monday, injuring two policemen."
    assert [e.sub_event_type for e in extract(pipeline, text, published=date(2025, 5, 6))] == ["Grenade"]


def test_settlements_regained_are_territory(pipeline):
    text = ("Pakistani troops regained control of several settlements in Kurram district on Monday, the military "
            "said.")
    assert [(e.sub_event_type, e.location) for e in extract(pipeline, text, published=date(2025, 5, 6))] == [
        ("Government regains territory", "Kurram")]


def test_a_town_captured_during_last_years_offensive_is_no_event_of_this_year(pipeline):
    text = ("Troops retake Bagh\n\n"
            "Pakistani troops retook Bagh on Monday, the military said. Bagh was the largest town captured by "
            "militants during last year's offensive in the region, making its recapture a symbolic victory for "
            "Islamabad.")
    events = extract(pipeline, text, published=date(2025, 5, 6))
    assert [(e.sub_event_type, e.event_date) for e in events] == [
        ("Government regains territory", date(2025, 5, 5))]


def test_the_day_an_attack_was_condemned_is_not_its_day(pipeline):
    text = ("Gunmen kill 12 near Peshawar\n\n"
            "Gunmen killed 12 villagers in a village north of Peshawar on Thursday, police said.\n\n"
            "On Sunday, the prime minister condemned the attack in Charsadda district and ordered an inquiry.")
    events = extract(pipeline, text, published=date(2025, 5, 6))
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 5, 1), 12)]


_COURT_BOMBING = (
    "12 killed in suicide blast outside Islamabad district court\n\n"
    "ISLAMABAD: At least 12 people were killed and 27 others injured on Tuesday when a suicide bomber blew "
    "himself up outside the district and sessions court in the capital's G-11 sector, the interior minister "
    "said.\n\n"
    "The blast came a day after militants attacked a college in Wana in South Waziristan.\n\n"
    "The prime minister blamed proxies operating from Afghanistan.")


def test_the_capitals_sector_is_in_the_capital(pipeline):
    events = extract(pipeline, _COURT_BOMBING, published=date(2025, 11, 11))
    assert ("Suicide bomb", "Islamabad", 12) in rows(events)
    assert "Afghanistan" not in {e.location for e in events}


def test_an_attack_told_a_day_before_the_news_is_kept_as_background(pipeline):
    events = extract(pipeline, _COURT_BOMBING, published=date(2025, 11, 11))
    assert [(e.location, e.event_date, e.role) for e in events if e.location == "Wana"] == [
        ("Wana", date(2025, 11, 10), "background")]


def test_the_city_a_spokesman_claims_from_is_not_where_the_fighting_was(pipeline):
    text = ("Border clashes\n\n"
            "PESHAWAR: Pakistani and Afghan forces clashed along the border in Kurram district on Saturday night, "
            "officials said.\n\n"
            "In Kabul, Taliban spokesman Zabihullah Mujahid claimed that 58 Pakistani soldiers had been killed.")
    events = extract(pipeline, text, published=date(2025, 10, 12))
    assert "Kabul" not in {e.location for e in events}


def test_a_rising_toll_dated_by_its_count_joins_the_explosion_told_by_its_day(pipeline):
    text = ("Delhi blast toll rises to 13\n\n"
            "NEW DELHI: The death toll in the car explosion near the Red Fort rose to 13 on Wednesday after two "
            "more injured persons died in hospital, officials said.\n\n"
            "A slow-moving car exploded at a traffic signal near the Red Fort Metro Station at around 6:52pm on "
            "Monday, setting several vehicles ablaze. Eight people were killed on the spot.")
    events = extract(pipeline, text, published=date(2025, 11, 12))
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Red Fort", date(2025, 11, 10), 13)]


def test_a_toll_date_inside_the_toll_noun_stays_the_events(pipeline):
    text = ("QUETTA: The death toll from Sunday's bomb attack on a convoy in Mastung rose to 15 on Tuesday, "
            "bringing the number of people killed in militant attacks in Balochistan this month to more than 60.")
    events = extract(pipeline, text, published=date(2025, 6, 3))
    assert [(e.event_date, e.date_precision, e.fatalities) for e in events] == [(date(2025, 6, 1), 1, 15)]


def test_attackers_killed_are_added_to_the_people_they_killed(pipeline):
    text = ("QUETTA: Ten people, including two FC personnel, were martyred and 32 others injured when terrorists "
            "attacked the Frontier Corps headquarters in Quetta on Tuesday morning, officials said. Security "
            "forces responded swiftly and all six terrorists were killed in the ensuing exchange of fire.\n\n"
            "Earlier this month, a suicide bomber killed 15 people at a political rally in Quetta.")
    events = extract(pipeline, text, published=date(2025, 9, 30))
    assert [(e.fatalities, e.role) for e in events] == [(16, "main"), (15, "background")]


def test_rebels_named_by_their_movement_and_a_soldier_are_both_counted(pipeline):
    text = ("RAIPUR: Security forces killed 27 Maoists in an encounter in the forests of Narayanpur district in "
            "Chhattisgarh on Wednesday, officials said.\n\n"
            "A District Reserve Guard (DRG) jawan was killed and several others were injured in the gunfight.")
    assert [e.fatalities for e in extract(pipeline, text, published=date(2025, 5, 21))] == [28]


def test_an_encounter_recalled_by_its_month_since_when_is_background_of_that_month(pipeline):
    text = ("Encounter in Narayanpur\n\n"
            "Security forces killed 27 Maoists in Narayanpur district in Chhattisgarh on Wednesday.\n\n"
            "This is the biggest single encounter in the state since January, when 31 Maoists were killed in "
            "Bijapur district.")
    events = extract(pipeline, text, published=date(2025, 5, 21))
    assert [(e.event_date, e.date_precision, e.fatalities, e.role) for e in events] == [
        (date(2025, 5, 21), 1, 27, "main"), (date(2025, 1, 1), 3, 31, "background")]


def test_men_shot_dead_after_an_identity_check_are_attacked_civilians(pipeline):
    text = ("QUETTA: Gunmen stopped two passenger buses on the N-70 highway in Zhob district late on Thursday, "
            "checked the identity cards of passengers and shot dead nine men hailing from Punjab, officials said.")
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in extract(pipeline, text,
                                                                             published=date(2025, 7, 11))] == [
        ("Violence against civilians", "Attack", 9)]


def test_deaths_in_a_when_clause_of_an_earthquake_are_no_conflict_event(pipeline):
    text = ("Over 800 killed as powerful earthquake strikes eastern Afghanistan\n\n"
            "KABUL: More than 800 people were killed and over 2,500 injured when a magnitude 6.0 earthquake struck "
            "eastern Afghanistan late on Sunday, flattening villages in Kunar province, the Taliban government "
            "said.")
    assert not extract(pipeline, text, published=date(2025, 9, 1))


def test_a_day_after_is_counted_from_the_day_the_sentence_gives(pipeline):
    text = ("India suspends treaty after Pahalgam attack\n\n"
            "NEW DELHI: India on Wednesday suspended the Indus Waters Treaty with Pakistan and closed the Attari "
            "border crossing, a day after gunmen killed 26 people, mostly tourists, near Pahalgam in Jammu and "
            "Kashmir.")
    events = extract(pipeline, text, published=date(2025, 4, 24))
    assert [(e.location, e.event_date, e.fatalities) for e in events] == [("Pahalgam", date(2025, 4, 22), 26)]


def test_a_shell_that_hit_a_house_is_shelling(pipeline):
    text = ("Jammu, May 10: A senior government official was killed when a shell hit his residence in Rajouri on "
            "Saturday morning, officials said.")
    assert [e.sub_event_type for e in extract(pipeline, text, published=date(2025, 5, 10))] == [
        "Shelling/artillery/missile attack"]


def test_attackers_told_twice_are_counted_once(pipeline):
    text = ("QUETTA: Ten people, including two FC personnel, were martyred when terrorists attacked the Frontier "
            "Corps headquarters in Quetta on Tuesday. All six terrorists were killed in the exchange of fire, the "
            "ISPR said.\n\n"
            "The six terrorists were killed after a three-hour gunfight, police said.")
    assert [e.fatalities for e in extract(pipeline, text, published=date(2025, 9, 30))] == [16]


def test_a_province_read_with_the_district_it_holds_as_one_name_is_the_place(pipeline):
    text = ("KABUL: Pakistani drones struck a market in Paktika's Barmal district on Tuesday, killing five "
            "civilians, local officials said.")
    assert [(e.location, e.fatalities) for e in extract(pipeline, text, published=date(2025, 10, 10))] == [
        ("Paktika", 5)]
