"""Events of short self-written reports in the wording of the Pakistani and
Indian press, second batch: sites named after or held by their town, where
officials speak from, a named soldier's death, the scene an operation was
conducted in, and the whole toll of a stretch of violence."""

from __future__ import annotations

from datetime import date

from etl.casualties import find_casualties
from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 3, 12)  # a Wednesday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def rows(events):
    return [(e.sub_event_type, e.location, e.fatalities) for e in events]


def test_a_station_held_by_its_town_places_the_attack_there(pipeline):
    text = ("KARACHI: A bomb exploded in Sibi on Tuesday, killing three people, police said.\n\n"
            "In November last year, a suicide bomber killed 26 people, including 14 soldiers, "
            "at Quetta's railway station.")
    events = extract(pipeline, text)
    assert ("Suicide bomb", "Quetta", 26) in rows(events)
    assert ("Suicide bomb", "Sibi", 26) not in rows(events)


def test_a_country_held_history_or_army_is_no_place(pipeline):
    from etl.events.places import mention_role
    from etl.nlp import Mention

    doc = pipeline.analyzer.parse("It was the deadliest attack in Pakistan's history, and Pakistan's army "
                                  "attacked the camp.")
    for start in (doc.text.index("Pakistan"), doc.text.rindex("Pakistan")):
        locative, excluded, _ = mention_role(doc, Mention(article_id="t", start=start, end=start + 8,
                                                          surface="Pakistan", sentence_index=0, label="GPE"))
        assert excluded and not locative


def test_a_cantonment_named_after_its_town_is_in_that_town(pipeline):
    text = ("BANNU: At least 18 people, including five soldiers, were martyred when two suicide bombers rammed "
            "explosive-laden vehicles into the boundary wall of the Bannu Cantonment on Tuesday evening.\n\n"
            "Bannu has been hit repeatedly in recent months: in July last year, militants attacked the same "
            "cantonment, killing eight soldiers.")
    events = extract(pipeline, text, published=date(2025, 3, 5))
    assert [(e.sub_event_type, e.location, e.fatalities, e.role) for e in events] == [
        ("Suicide bomb", "Bannu", 18, "main"), ("Armed clash", "Bannu", 8, "background")]


def test_a_bank_named_after_a_city_is_no_place(pipeline):
    analysis = pipeline.analyzer.analyse("A suicide bomber struck a branch of Kabul Bank in Kunduz on Tuesday.",
                                         article_id="t")
    assert [m.surface for m in analysis.mentions] == ["Kunduz"]


def test_a_lowercase_common_noun_is_no_place_in_a_capitalised_text(pipeline):
    text = ("NEW DELHI: At least eight people were killed when a car exploded near the Red Fort in Old Delhi on "
            "Monday evening. The blast took place near gate number 1 of the metro station, police said.")
    analysis = pipeline.analyzer.analyse(text, article_id="t")
    assert "metro" not in [m.surface for m in analysis.mentions]
    events = extract(pipeline, text, published=date(2025, 11, 10))
    assert {e.country for e in events} == {"IND"}


def test_the_capitals_official_is_where_the_state_speaks_not_where_jets_struck(pipeline):
    text = ("KABUL: Pakistani airstrikes on Tuesday night killed at least 46 people in the Barmal district of "
            "Afghanistan's eastern Paktika province, a Taliban government spokesman said on Wednesday.\n\n"
            "Pakistan's military did not confirm the strikes, but a security official in Islamabad, speaking on "
            "condition of anonymity, said jets had targeted hideouts of the Tehreek-e-Taliban Pakistan (TTP) "
            "and that \"dozens of terrorists\" were killed.")
    events = extract(pipeline, text, published=date(2024, 12, 25))
    assert [(e.sub_event_type, e.country, e.fatalities) for e in events] == [("Air/drone strike", "AFG", 46)]


def test_police_in_a_town_tell_of_their_town(pipeline):
    text = "A bomb exploded at a market on Monday, killing four people, police officials in Kunduz said."
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Kunduz", 4)]


def test_a_victim_named_with_the_town_he_served_in_is_one_dead():
    figures = find_casualties("An official in Herat was shot dead on Sunday, police said.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 1)]


def test_a_soldier_named_by_rank_who_embraced_shahadat_is_one_dead():
    figures = find_casualties("In another engagement in South Waziristan, four more khwarij were neutralised, "
                              "while Sepoy Muhammad Ali, 24, embraced shahadat after fighting gallantly.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 4), ("killed", 1)]
    assert find_casualties("Captain Ahmed Khan was martyred in the exchange of fire.")[0].best == 1
    assert find_casualties("Major General Ahmed Sharif Chaudhry said the operation had ended.") == []


def test_the_whole_toll_of_violence_since_it_began_is_no_event(pipeline):
    text = ("IMPHAL: Two Assam Rifles personnel were killed and five others injured when gunmen ambushed their "
            "vehicle in Manipur's Bishnupur district on Friday evening, officials said.\n\n"
            "Manipur has been under President's Rule since February, after ethnic violence between the Meitei "
            "and Kuki-Zo communities that began in May 2023 killed more than 260 people and displaced about "
            "60,000.")
    events = extract(pipeline, text, published=date(2025, 9, 20))
    assert [(e.location, e.fatalities) for e in events] == [("Bishnupur", 2)]


def test_shelling_of_villages_along_the_line_of_control_is_in_the_districts_named(pipeline):
    text = ("JAMMU: At least 12 civilians were killed and 57 others injured as Pakistani troops carried out "
            "heavy artillery shelling on villages along the Line of Control in Poonch and Rajouri districts of "
            "Jammu and Kashmir on Wednesday, officials said.")
    events = extract(pipeline, text, published=date(2025, 5, 7))
    assert {e.country for e in events} == {"IND"}
    assert sorted(e.admin1 for e in events) == ["Kashmir", "Kashmir"]
    assert sum(e.fatalities for e in events) == 12


def test_the_scene_an_operation_was_conducted_in_places_its_toll(pipeline):
    text = ("RAWALPINDI: Security forces killed 12 terrorists in two separate intelligence-based operations in "
            "Khyber Pakhtunkhwa, the military's media wing said on Saturday.\n\n"
            "The first operation was conducted in the Datta Khel area of North Waziristan district on the "
            "reported presence of khwarij. \"During the conduct of the operation, own troops effectively engaged "
            "the khwarij location and, resultantly, eight khwarij were sent to hell,\" the ISPR said.")
    events = extract(pipeline, text, published=date(2025, 8, 16))
    assert ("Armed clash", "Datta Khel", 8) in rows(events)
    assert all(e.location != "Khyber Pakhtunkhwa" for e in events)


def test_gunmen_firing_on_a_convoy_of_passenger_vehicles_attack_civilians(pipeline):
    text = ("42 killed as gunmen attack passenger convoy in Kurram\n\n"
            "PESHAWAR: At least 42 people, including women and children, were killed and dozens injured when gunmen "
            "opened fire on a convoy of passenger vehicles travelling from Parachinar to Peshawar in Lower Kurram "
            "on Thursday, officials said.\n\n"
            "The convoy of around 200 vehicles was escorted by police when it came under attack in the Mandori "
            "Ochut area, the deputy commissioner said.")
    events = extract(pipeline, text, published=date(2024, 11, 22))
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [
        ("Violence against civilians", "Attack", 42)]


def test_gunmen_firing_on_a_military_convoy_fight_a_battle(pipeline):
    text = ("PESHAWAR: Four soldiers were killed when gunmen opened fire on a military convoy in North "
            "Waziristan on Thursday.")
    events = extract(pipeline, text, published=date(2024, 11, 22))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 4)]


def test_people_counted_with_what_they_were_doing_are_the_dead():
    figures = find_casualties("Two policemen escorting a polio vaccination team were martyred when unidentified "
                              "motorcyclists opened fire on them.")
    assert [(c.kind, c.best, c.victims) for c in figures] == [("killed", 2, "policemen")]
    assert [c.best for c in find_casualties("Three soldiers deployed at the post were martyred.")] == [3]
    assert find_casualties("Three posts were destroyed and two houses were damaged.") == []
    # (an active figure keeps its words: "neutralized 80 terrorists following attacks")
    assert find_casualties("The army said it had neutralized more than 80 terrorists following coordinated "
                           "attacks.")[0].victims.startswith("terrorists following")


def test_a_counted_group_and_their_one_companion_are_added():
    figures = find_casualties("In March, five Chinese engineers and their Pakistani driver were killed when a "
                              "suicide bomber struck their convoy in Besham.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 6)]
    assert [(c.best, c.victims) for c in find_casualties("Three soldiers and a civilian were killed.")] == [
        (3, "soldiers"), (1, "civilian")]


def test_a_place_in_a_clause_that_tells_an_earlier_event_is_not_the_clashes(pipeline):
    text = ("ISLAMABAD: Pakistan's military said on Sunday that 23 of its soldiers were martyred when Afghan "
            "Taliban forces attacked border posts in Angoor Adda overnight.\n\n"
            "The clashes came after explosions were heard in Kabul on Thursday night, which the Taliban blamed "
            "on Pakistan.")
    events = extract(pipeline, text, published=date(2025, 10, 12))
    assert all(e.location != "Kabul" or e.event_type != "Battles" for e in events)
    assert ("Armed clash", "Angoor Adda", 23) in rows(events)


def test_a_district_holding_a_named_sector_is_a_place_though_read_as_a_person(pipeline):
    text = ("SRINAGAR: Two terrorists were killed as the Army foiled an infiltration bid in the Uri sector of "
            "Baramulla district on Saturday, officials said.\n\n"
            "In a separate operation in Kupwara's Machil sector, a soldier was injured in an exchange of fire with "
            "terrorists on Friday night.")
    events = extract(pipeline, text, published=date(2025, 5, 24))
    assert [(e.location, e.injured) for e in events if e.injured] == [("Kupwāra", 1)]


def test_a_stampede_at_a_celebration_is_no_conflict_event(pipeline):
    text = ("11 killed in stampede outside Bengaluru stadium during victory celebrations\n\n"
            "BENGALURU: Eleven people were killed and more than 30 injured in a stampede outside the M Chinnaswamy "
            "Stadium on Wednesday as huge crowds gathered to celebrate the team's first title, police said. Police "
            "used mild force to control the crowd.")
    assert list(extract(pipeline, text, published=date(2025, 6, 5))) == []


def test_the_talks_told_again_before_what_preceded_them_are_no_new_talks(pipeline):
    text = ("ISTANBUL: Pakistan and Afghanistan agreed on Thursday to maintain a ceasefire and set up a monitoring "
            "mechanism after four days of talks in Istanbul mediated by Turkey and Qatar, the Turkish foreign "
            "ministry said.\n\n"
            "The talks followed deadly border clashes in October, in which dozens of soldiers and civilians were "
            "killed.")
    events = extract(pipeline, text, published=date(2025, 10, 31))
    assert [e.sub_event_type for e in events if e.event_type == "Strategic developments"] == ["Agreement"]


def test_a_place_heading_an_organisations_name_is_no_place(pipeline):
    analysis = pipeline.analyzer.analyse(
        "The Jammu Kashmir Joint Awami Action Committee (JKJAAC) had called a lockdown across the region.",
        article_id="t")
    assert analysis.mentions == ()


def test_a_wheel_jam_strike_is_no_air_strike(pipeline):
    text = ("MUZAFFARABAD: The action committee had called a lockdown and wheel-jam strike in Muzaffarabad on "
            "Monday, organisers said.")
    events = extract(pipeline, text, published=date(2025, 9, 29))
    assert all(e.event_type != "Explosions/Remote violence" for e in events)


def test_a_truce_named_as_a_time_is_not_placed_where_later_explosions_were_heard(pipeline):
    text = ("NEW DELHI/ISLAMABAD: India and Pakistan agreed to a full and immediate ceasefire on Saturday after "
            "four days of cross-border missile, drone and artillery attacks, the two countries said.\n\n"
            "Within hours of the truce, explosions were heard in Srinagar and Jammu, and India accused Pakistan "
            "of violating the agreement.")
    events = extract(pipeline, text, published=date(2025, 5, 10))
    deals = [e for e in events if e.sub_event_type == "Agreement"]
    assert deals and all(e.location != "Srinagar" for e in deals)


def test_a_killing_told_separately_is_not_typed_as_the_bombing_before_it(pipeline):
    text = ("KHUZDAR: The death toll from Wednesday's suicide attack on a school bus in Khuzdar rose to eight on "
            "Friday after two more children succumbed to their injuries, officials said.\n\n"
            "Separately, two Levies personnel were shot dead by unidentified gunmen in Kalat district on Thursday "
            "night, police said.")
    events = extract(pipeline, text, published=date(2025, 5, 23))
    assert [(e.sub_event_type, e.fatalities) for e in events if e.location == "Kalat"] == [("Armed clash", 2)]


def test_jawans_who_attained_martyrdom_are_dead():
    figures = find_casualties("Three Army jawans attained martyrdom and two terrorists were neutralised in a "
                              "fierce gunfight.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 3), ("killed", 2)]


def test_a_toll_first_put_lower_then_risen_is_the_risen_figure():
    figures = find_casualties("The initial death toll was put at five, but it rose to nine as more bodies "
                              "were recovered from the site.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 9)]


def test_an_ied_toll_of_jawans_and_their_driver_and_no_old_blast_or_recovered_site(pipeline):
    text = ("RAIPUR: Eight District Reserve Guard jawans and their driver were killed when Maoists triggered an "
            "improvised explosive device under their vehicle in Bijapur district of Chhattisgarh on Monday, "
            "police said.\n\n"
            "The initial death toll was put at five, but it rose to nine as more bodies were recovered from the "
            "site, which was left with a 10-feet-deep crater.\n\n"
            "This was the biggest attack on security personnel in the state since April 2023, when 10 policemen "
            "and a driver were killed in a similar blast in Dantewada district.")
    events = extract(pipeline, text, published=date(2025, 1, 7))
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", "Bijapur", 9)]


def test_a_country_militants_were_preparing_to_attack_is_no_place_of_the_strike(pipeline):
    text = ("KABUL: Taliban authorities said on Wednesday that Pakistani drone strikes overnight killed at least "
            "10 civilians in Afghanistan's Paktika province.\n\n"
            "Pakistan's military said its forces had targeted camps of the Gul Bahadur group and killed \"dozens "
            "of khwarij\" who were preparing to attack Pakistan.")
    events = extract(pipeline, text, published=date(2025, 10, 22))
    assert {e.country for e in events} == {"AFG"}


def test_a_college_named_before_its_town_is_in_the_town_and_an_old_year_attack_is_no_event(pipeline):
    text = ("WANA: Security forces on Tuesday repulsed a terrorist attack on the Cadet College Wana in South "
            "Waziristan, killing all five attackers, the military's media wing said.\n\n"
            "The interior minister praised the security forces for averting what he called \"an APS-like "
            "tragedy\", referring to the 2014 attack on the Army Public School in Peshawar in which 149 people, "
            "mostly children, were killed.")
    events = extract(pipeline, text, published=date(2025, 11, 11))
    assert [(e.location, e.fatalities) for e in events] == [("Wana", 5)]


def test_strikes_told_in_the_main_clause_beside_a_ceasefire_ending_the_clashes_are_an_event(pipeline):
    text = ("NEW DELHI: The NIA on Sunday arrested two men for harbouring the terrorists who killed 26 people at "
            "Pahalgam on April 22, officials said.\n\n"
            "The attack triggered a military conflict between India and Pakistan in May. India struck nine terror "
            "sites in Pakistan and Pakistan-occupied Kashmir on May 7 under Operation Sindoor, leading to four "
            "days of clashes that ended with a ceasefire on May 10.")
    events = extract(pipeline, text, published=date(2025, 6, 22))
    kinds = [(e.sub_event_type, e.event_date) for e in events]
    assert ("Air/drone strike", date(2025, 5, 7)) in kinds and ("Agreement", date(2025, 5, 10)) in kinds
    assert not [e for e in events if e.event_type == "Battles"]  # (what the attack triggered: no clash of its own)


def test_people_killed_in_militant_attacks_is_no_militant_killed():
    assert find_casualties("The attack brought the number of people killed in militant attacks in Balochistan "
                           "this month to more than 60.") == []
    assert [(c.best, c.victims) for c in find_casualties("Gunmen killed a teacher in Turbat.")] == [(1, "teacher")]


def test_a_risen_toll_with_its_first_figure_is_the_risen_toll(pipeline):
    text = ("QUETTA: The death toll from Sunday's bomb attack on a Frontier Corps convoy in Mastung rose to 15 on "
            "Tuesday after three more injured soldiers died in hospital, officials said, bringing the number of "
            "people killed in militant attacks in Balochistan this month to more than 60.\n\n"
            "The roadside bomb struck a vehicle carrying FC personnel near Dasht. Twelve soldiers had been "
            "killed on the spot.")
    events = extract(pipeline, text, published=date(2025, 6, 3))
    assert [e.fatalities for e in events] == [15]


def test_the_day_a_group_said_it_killed_is_not_the_day_it_killed(pipeline):
    text = ("KABUL: The National Resistance Front (NRF), an anti-Taliban armed group, said on Monday its fighters "
            "had killed 12 Taliban members and wounded several others in attacks on two Taliban checkpoints in the "
            "Dara district of Panjshir province on Sunday night.")
    events = extract(pipeline, text, published=date(2025, 4, 14))
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 4, 13), 12)]


def test_a_list_of_towns_goes_on_after_the_province_holding_its_first_part(pipeline):
    text = ("NEW DELHI/ISLAMABAD, May 7 (Reuters) - India said it struck nine sites in Pakistan early on "
            "Wednesday.\n\n"
            "The strikes hit the towns of Bahawalpur and Muridke in Pakistan's Punjab province, and Muzaffarabad "
            "and Kotli in Pakistani Kashmir, Pakistan's military said.")
    events = extract(pipeline, text, published=date(2025, 5, 7))
    assert {"Bahawalpur", "Muridke", "Kotli"} <= {e.location for e in events}
    assert any(e.location.startswith("Muzaffar") for e in events)


def test_the_baisaran_meadow_is_a_site_near_pahalgam(pipeline):
    text = ("NEW DELHI: The NIA on Sunday arrested two men for harbouring the three terrorists who killed 26 "
            "people, mostly tourists, at Baisaran meadow on April 22, officials said.")
    events = extract(pipeline, text, published=date(2025, 6, 22))
    attack = [e for e in events if e.fatalities == 26]
    assert [(e.location, e.country, e.geo_precision) for e in attack] == [("Baisaran", "IND", 1)]
    assert abs(attack[0].latitude - 34.016) < 0.1 and abs(attack[0].longitude - 75.319) < 0.1
