"""Event typing in ACLED's taxonomy on small self-written sentences, through
the real pipeline (events kept even without a place, so the sentences need
not name one the gazetteer knows)."""

from __future__ import annotations

from datetime import date

import pytest

from etl.evaluate_events import case_prediction
from etl.events import extract_events
from etl.pipeline import analyse, resolve, to_article
from etl.sources import RawDocument


def coded(pipeline, text: str) -> tuple[str, str]:
    """(event type, sub-event type) of the text's main event, ("NONE", "NONE")
    when it has none."""
    article = to_article(RawDocument(origin="t", text=text), published=None)
    analysis = analyse(article, analyzer=pipeline.analyzer)
    resolutions = resolve(analysis, resolver=pipeline.resolver)
    events = extract_events(analysis, resolutions, article=article,
                            country_place=pipeline.gazetteer.country, keep_unplaced=True)
    return case_prediction(events)


def subtype(pipeline, text: str) -> str:
    return coded(pipeline, text)[1]


# --- Disrupted weapons use --------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Two rifles and several rounds of ammunition were seized in Tarkwa over the weekend.",
    "Soldiers seized a large cache of explosives and rifles in a search operation near the river.",
    "Air defences intercepted three missiles fired at the airbase on Sunday.",
    "The army shot down two drones near the border on Friday.",
    "Engineers cleared more than 500 landmines from farmland around the village.",
])
def test_seizures_interceptions_and_demining_are_disrupted_weapons_use(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Disrupted weapons use")


@pytest.mark.parametrize("text", [
    "Troops searching the old quarter discovered a tunnel used by the insurgents to store rifles and explosives.",
    "Police officers stand beside a stash of mortar shells belonging to the rebels found near the river.",
    "Army engineers cleared more than 2,000 mines in the southern province and destroyed them.",
    "Sappers defused two roadside bombs and detonated a third near the market.",
])
def test_weapons_found_in_what_was_searched_and_disposed_of_are_disrupted_weapons_use(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Disrupted weapons use")


@pytest.mark.parametrize("text, expected", [
    ("An officer inspects the rifles the troops seized after a gunfight with a gang whose members are engaged "
     "in kidnapping and extortion.", ("Strategic developments", "Disrupted weapons use")),
    ("Police have seized 40 Kalashnikov rifles, a rocket launcher and several rounds of ammunition in the market "
     "town, about 80 km north of the capital.", ("Strategic developments", "Disrupted weapons use")),
    ("Government troops captured two rebel camps in the hills over the weekend.",
     ("Battles", "Government regains territory")),
])
def test_the_object_of_seize_or_capture_decides_weapons_territory_or_arrest(pipeline, text, expected):
    assert coded(pipeline, text) == expected


def test_a_raid_that_only_made_arrests_is_an_arrest(pipeline):
    text = "Police detained nine suspects in overnight raids across the district."
    assert subtype(pipeline, text) == "Arrests"


def test_an_intercepted_missile_that_killed_people_is_still_an_attack(pipeline):
    text = "Air defences intercepted one missile but a second one hit a market, killing four people."
    assert coded(pipeline, text)[0] == "Explosions/Remote violence"


# --- territory ----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("The national army seized control of the hill town after a week of fighting.", "Government regains territory"),
    ("Government troops and allied fighters recaptured three villages from the militants.",
     "Government regains territory"),
    ("The regional army confirmed it regained territory near the northern town.", "Government regains territory"),
    ("Rebel fighters captured a key neighbourhood in the east of the city on Thursday.",
     "Non-state actor overtakes territory"),
    ("Opposition forces took over two villages on the main highway after heavy clashes.",
     "Non-state actor overtakes territory"),
])
def test_who_takes_a_place_decides_the_territory_subtype(pipeline, text, expected):
    assert coded(pipeline, text) == ("Battles", expected)


@pytest.mark.parametrize("text", [
    "Insurgents took over the district headquarters after the police withdrew from it.",
    "Militants seized the border crossing without resistance on Sunday.",
    "Government troops withdrew from the border post on Sunday, allowing the rebels to seize it without resistance.",
    "The militia fighters entered the town before dawn and did not meet any resistance, a resident said.",
    "Federal forces have controlled the hill town after the separatist fighters withdrew from it.",
])
def test_a_place_taken_without_a_fight_is_a_non_violent_transfer(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Non-violent transfer of territory")


def test_a_deserted_launching_site_seized_is_a_transfer_not_a_launch(pipeline):
    text = "The militants seized a deserted rocket-launching site near the air base."
    assert coded(pipeline, text) == ("Strategic developments", "Non-violent transfer of territory")


@pytest.mark.parametrize("text", [
    "Troops entered the village after heavy fighting with the rebels.",
    "The rebels control most of the northern province.",
    "Aid workers entered the town on Monday without any escort.",
])
def test_entering_or_controlling_a_place_is_no_transfer_unless_unopposed(pipeline, text):
    assert coded(pipeline, text)[1] != "Non-violent transfer of territory"


def test_a_withdrawal_alone_is_a_change_to_group_activity(pipeline):
    text = "Government forces withdrew from the port city on Monday."
    assert coded(pipeline, text) == ("Strategic developments", "Change to group/activity")


def test_an_occupied_city_is_not_a_new_occupation(pipeline):
    text = "Soldiers kidnapped two teenagers in the occupied city on Friday."
    assert subtype(pipeline, text) == "Abduction/forced disappearance"


def test_the_possessive_date_of_another_attack_does_not_date_an_arrest(pipeline):
    text = "Police detained a militant commander responsible for Tuesday's attack on a checkpoint in Quetta today."
    article = to_article(RawDocument(origin="t", text=text), published=date(2025, 11, 20))
    (event,) = pipeline.extract(article).events
    assert event.sub_event_type == "Arrests" and event.event_date == date(2025, 11, 20)


def test_attackers_killed_in_return_fire_are_not_the_attacks_victims(pipeline):
    text = ("Militants fired rockets at a police post in Bannu on Monday. "
            "The policemen returned fire and killed three of the attackers.")
    article = to_article(RawDocument(origin="t", text=text), published=date(2025, 11, 20))
    events = pipeline.extract(article).events
    assert sum(e.fatalities for e in events) == 3
    assert all(not (e.event_type == "Explosions/Remote violence" and e.fatalities) for e in events)


# --- Change to group/activity, Headquarters or base established ----------------------


@pytest.mark.parametrize("text", [
    "The rebels are mobilising hundreds of fighters near the northern front.",
    "New special units were formed in the eastern military district.",
    "The army dispatched reinforcements to the border town on Monday.",
    "Militia commanders continue to fortify their positions along the river.",
    "Troops were deployed around the capital to defend it against a possible attack by the insurgents.",
])
def test_troop_movements_and_new_units_are_a_change_to_group_activity(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Change to group/activity")


def test_new_barracks_are_a_base_established(pipeline):
    text = "The army has established two new barracks near the border."
    assert subtype(pipeline, text) == "Headquarters or base established"


@pytest.mark.parametrize("text", [
    "Officials warned of an imminent offensive on the northern town.",
    "Air defence units are ready to counter an airstrike on the capital.",
    "The group formed a committee to investigate the killings.",
])
def test_possible_and_planned_attacks_and_committees_are_not_events(pipeline, text):
    assert coded(pipeline, text)[0] in ("NONE", "Strategic developments")
    assert coded(pipeline, text)[1] != "Change to group/activity"


# --- Violence against civilians -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The girl was gang-raped by three men last week, her family said.",
    "Soldiers raped, beat and assaulted villagers during the raid.",
    "A man molested a schoolgirl on her way home, witnesses said.",
    "Rights groups documented widespread sexual violence against women by the militia.",
])
def test_sexual_violence_is_coded_as_such(pipeline, text):
    assert coded(pipeline, text) == ("Violence against civilians", "Sexual violence")


@pytest.mark.parametrize("text", [
    "Gunmen attacked a hotel popular with foreigners in the coastal city.",
    "Unidentified gunmen opened fire on a teahouse in the old town.",
    "Armed men stormed the university, killing students in their classrooms.",
    "Four women were killed when gunmen opened fire on the office of a charity in the city.",
])
def test_attacks_on_civilian_places_are_violence_against_civilians(pipeline, text):
    assert coded(pipeline, text) == ("Violence against civilians", "Attack")


def test_gunmen_firing_on_a_military_vehicle_is_a_battle(pipeline):
    text = "Gunmen opened fire on a military vehicle near the checkpoint, killing two soldiers."
    assert coded(pipeline, text)[0] == "Battles"


def test_an_occupied_city_named_after_a_kidnapping_is_not_a_new_occupation(pipeline):
    text = "Security forces kidnapped two teenagers in the district, in the occupied city of Laayoune."
    assert subtype(pipeline, text) == "Abduction/forced disappearance"


# --- Protests and riots --------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Rioters clashed with police near the parliament on Saturday.", ("Riots", "Violent demonstration")),
    ("Protesters blocked major roads and burned tyres in the capital.", ("Riots", "Violent demonstration")),
    ("While most demonstrators rallied peacefully, others clashed with police and looted shops.",
     ("Riots", "Violent demonstration")),
    ("A mob chased down and lynched two men after a rally in the town.", ("Riots", "Mob violence")),
    ("Thousands marched in a protest against police violence in the city.", ("Protests", "Peaceful protest")),
    ("Riot police chased demonstrators during anti-government protests in the capital.",
     ("Protests", "Protest with intervention")),
    ("Several activists were detained during unsanctioned protests in two cities.",
     ("Protests", "Protest with intervention")),
    ("Soldiers opened fire on peaceful protesters in the main square, killing two.",
     ("Protests", "Excessive force against protesters")),
    ("Thousands of non-violent protesters marched as security forces killed three people in a crackdown.",
     ("Protests", "Excessive force against protesters")),
])
def test_protest_and_riot_subtypes(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Protesters attacked police officers with sticks outside the parliament.", "Riots"),
    ("Angry protesters set several vehicles on fire after the rally.", "Riots"),
    ("Demonstrators tore down fences and damaged the gate of the ministry compound.", "Riots"),
    ("Protesters pulled down the security barriers outside the parliament during the rally.", "Riots"),
    ("Protesters burnt effigies of the minister during the rally.", "Protests"),
])
def test_protesters_attacking_or_setting_fire_riot_but_burning_effigies_does_not(pipeline, text, expected):
    assert coded(pipeline, text)[0] == expected



def _typed_in_unrest(pipeline, sentence: str) -> tuple[str, str]:
    """The type of ``sentence`` told in a text about protests (its other
    sentence names a demonstration, so it is a text about unrest)."""
    article = to_article(RawDocument(origin="t", text="Thousands joined a demonstration in the town on Friday. "
                                     + sentence), published=date(2025, 7, 13))
    analysis = analyse(article, analyzer=pipeline.analyzer)
    resolutions = resolve(analysis, resolver=pipeline.resolver)
    events = extract_events(analysis, resolutions, article=article,
                            country_place=pipeline.gazetteer.country, keep_unplaced=True)
    told = [e for e in events if e.evidence.startswith(sentence[:20])]
    return (told[0].event_type, told[0].sub_event_type) if told else ("NONE", "NONE")


@pytest.mark.parametrize("sentence, expected", [
    # no army and no armed group: the crowd's riot
    ("Violence continued into Saturday night, with reports of clashes with police and damage to cars.",
     ("Riots", "Violent demonstration")),
    ("Bands of youths clashed with far-right groups in the square on Saturday.",
     ("Riots", "Violent demonstration")),
    ("An officer was attacked by the crowd on Saturday.", ("Riots", "Violent demonstration")),
    # an army or an armed group named: a battle
    ("Soldiers clashed with armed men in the hills on Saturday.", ("Battles", "Armed clash")),
    ("Clashes between the army and rebel fighters went on outside the town on Saturday.",
     ("Battles", "Armed clash")),
])
def test_clashes_in_a_text_about_unrest_with_no_armed_side_are_a_riot(pipeline, sentence, expected):
    assert _typed_in_unrest(pipeline, sentence) == expected


def test_clashes_in_a_text_about_no_unrest_stay_a_battle(pipeline):
    text = "Violence continued into Saturday night, with reports of clashes with police near the border."
    assert coded(pipeline, text)[0] == "Battles"

# --- not conflict events --------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Hundreds rallied in the capital against the lockdown rules imposed during the coronavirus pandemic.",
     ("Protests", "Peaceful protest")),
    ("Several shops were looted in the town centre during the pandemic curfew.",
     ("Strategic developments", "Looting/property destruction")),
    ("Robbers looted a jewellery shop in the market.", ("NONE", "NONE")),
    ("A mob lynched a man accused of theft in the market town.", ("Riots", "Mob violence")),
])
def test_protests_looting_in_a_disaster_and_lynching_a_thief_are_events_but_robbery_is_not(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "Nine workers were hurt when a boiler exploded at a steel plant on Monday. "
    "The explosion occurred in the main hall of the site.",
    "Twelve people were killed when their bus plunged off a bridge into a river. "
    "Officials said the accident happened in heavy fog.",
    "The government expelled two diplomats over the bombing of its embassy guards last year.",
    "Army officials rejected accusations of shelling a hospital that killed nine people.",
])
def test_accidents_told_over_two_sentences_and_disputes_over_attacks_are_not_events(pipeline, text):
    assert coded(pipeline, text)[0] in ("NONE", "Strategic developments")
    assert coded(pipeline, text)[0] != "Explosions/Remote violence"


def test_an_explosion_in_a_conflict_text_is_still_an_event(pipeline):
    text = ("Militants attacked a checkpoint on the highway on Monday. "
            "An explosion near the gas station killed two soldiers.")
    assert coded(pipeline, text)[0] != "NONE"


# --- one event told over two sentences ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Coordinated attacks were launched in at least nine districts on Friday night. "
     "The attacks, mostly with grenades, targeted police stations.", "Grenade"),
    ("Militants attacked an army post on Sunday. The attack was carried out with mortars and rockets.",
     "Shelling/artillery/missile attack"),
])
def test_a_later_mention_of_the_attack_naming_the_weapon_gives_its_subtype(pipeline, text, expected):
    assert coded(pipeline, text) == ("Explosions/Remote violence", expected)


@pytest.mark.parametrize("text, expected", [
    ("About 200 people were treated for breathing problems after rebels fired rockets into the old town, "
     "officials said. Residents suspect the rockets carried poisonous gas.", "Chemical weapon"),
    ("Rebels fired rockets into the old town on Monday. Doctors said a gas leak at a clinic was unrelated.",
     "Shelling/artillery/missile attack"),
])
def test_a_chemical_agent_named_for_the_munitions_just_reported_makes_a_chemical_attack(pipeline, text, expected):
    assert subtype(pipeline, text) == expected


def test_a_new_strike_after_a_clash_does_not_retype_the_clash(pipeline):
    text = ("Soldiers clashed with militants near the border on Sunday. "
            "Later, a drone strike hit a militant hideout in the valley.")
    assert coded(pipeline, text) == ("Battles", "Armed clash")


@pytest.mark.parametrize("text, expected", [
    ("Air defences intercepted four missiles over the capital on Sunday. "
     "The attacks were launched by jets flying over the sea.", ("Strategic developments", "Disrupted weapons use")),
    ("Police arrested two men in the old city on Friday. The attack on the shrine had killed nine worshippers.",
     ("Strategic developments", "Arrests")),
])
def test_the_attack_told_again_after_an_event_is_not_a_new_event(pipeline, text, expected):
    assert coded(pipeline, text) == expected


# --- phrases and objects ---------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("The Taliban seized Kunduz on Monday.", "Non-state actor overtakes territory"),
    ("Government troops recaptured Aleppo after a long siege.", "Government regains territory"),
    ("Rebels have taken over four villages in the province, an army spokesman said.",
     "Non-state actor overtakes territory"),
    ("Opposition fighters retook a strategic town from government forces on Thursday.",
     "Non-state actor overtakes territory"),
    ("The army recovered the border regions from the armed groups.", "Government regains territory"),
])
def test_territory_verbs_with_named_places_phrases_and_odd_lemmas(pipeline, text, expected):
    assert coded(pipeline, text) == ("Battles", expected)


def test_taking_over_a_post_is_not_territory(pipeline):
    assert coded(pipeline, "He took over as army chief in Rawalpindi on Monday.") == ("NONE", "NONE")


def test_mustard_gas_is_a_chemical_weapon(pipeline):
    text = "The armed group used mustard gas against an army unit, injuring 20 soldiers."
    assert coded(pipeline, text) == ("Explosions/Remote violence", "Chemical weapon")


# --- more sub-types ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Teachers went on strike over unpaid salaries in the capital.", ("Protests", "Peaceful protest")),
    ("Thousands of workers staged a general strike in the port city.", ("Protests", "Peaceful protest")),
    ("The army launched strikes on militant hideouts in the valley.", ("Explosions/Remote violence",
                                                                       "Air/drone strike")),
    ("Unknown gunmen assassinated a local politician in the town.", ("Violence against civilians", "Attack")),
    ("Militants captured two soldiers during the fighting.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Police captured two suspected militants in the raid.", ("Strategic developments", "Arrests")),
    ("Rebels burned dozens of houses in the village.", ("Strategic developments", "Looting/property destruction")),
    ("Attackers destroyed several shops and vehicles in the market.",
     ("Strategic developments", "Looting/property destruction")),
    ("Warplanes pounded rebel positions in the south.", ("Explosions/Remote violence", "Air/drone strike")),
    ("Artillery bombardment hit the eastern districts.", ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")),
    ("Helicopters dropped barrel bombs on the town.", ("Explosions/Remote violence", "Air/drone strike")),
    ("A soldier was killed when his vehicle hit a mine.", ("Explosions/Remote violence",
                                                           "Remote explosive/landmine/IED")),
    ("A missile hit the airbase, destroying several helicopters.", ("Explosions/Remote violence",
                                                                     "Shelling/artillery/missile attack")),
    ("Militants attacked an army post using anti-aircraft guns and mortars.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Police rounded up dozens of suspects after the riot.", ("Strategic developments", "Arrests")),
])
def test_more_acled_subtypes(pipeline, text, expected):
    assert coded(pipeline, text) == expected


def test_riot_police_is_not_a_riot_even_when_misparsed(pipeline):
    text = "Riot police chase demonstrators during anti-government protests in the capital, Tuesday"
    assert coded(pipeline, text) == ("Protests", "Protest with intervention")


def test_protests_that_are_only_anticipated_are_not_events(pipeline):
    text = "Police continue to arrest opposition activists in anticipation of mass protests next week."
    assert coded(pipeline, text) == ("Strategic developments", "Arrests")


# --- attribution, foiled attacks, agreements -----------------------------------------------------


@pytest.mark.parametrize("text", [
    "The group takes credit for the suicide bomb that killed dozens in the capital.",
    "The government blamed the rebels for the bombing that killed 12 people.",
])
def test_claims_and_blame_for_an_attack_are_not_new_attacks(pipeline, text):
    assert coded(pipeline, text) == ("NONE", "NONE")


def test_an_attack_followed_by_blame_is_still_an_attack(pipeline):
    text = "A bombing killed 12 people in the market on Monday; the government blamed the rebels."
    assert coded(pipeline, text)[0] == "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "Police thwarted a suicide attack on a mosque in the city.",
    "Security forces foiled a bombing plot against the parliament.",
])
def test_foiled_attacks_are_disrupted_weapons_use(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Disrupted weapons use")


@pytest.mark.parametrize("text", [
    "The separatist movement opened peace talks with the government on Monday to end two decades of war.",
    "Peace negotiations between the army and the rebel alliance resumed in the capital on Thursday.",
])
def test_peace_talks_between_the_parties_are_an_agreement(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Agreement")


def test_territory_handed_over_under_a_deal_ending_the_fighting_is_a_transfer(pipeline):
    text = ("A swathe of territory was handed over by the rebel forces to government control as part of a peace "
            "deal ending months of fighting in the region.")
    assert coded(pipeline, text) == ("Strategic developments", "Non-violent transfer of territory")


def test_an_exchange_of_prisoners_is_an_agreement(pipeline):
    text = "The army and the rebels carried out an exchange of prisoners on Friday."
    assert coded(pipeline, text) == ("Strategic developments", "Agreement")


@pytest.mark.parametrize("text, expected", [
    ("The man was beaten to death by a mob of villagers.", ("Riots", "Mob violence")),
    ("A shopkeeper was hacked to death by gunmen in the bazaar.", ("Violence against civilians", "Attack")),
    ("The journalist was held hostage by the militia for two weeks.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("The rebels carried out a gas attack on the town.", ("Explosions/Remote violence", "Chemical weapon")),
])
def test_killings_hostages_and_gas_attacks(pipeline, text, expected):
    assert coded(pipeline, text) == expected


def test_a_word_after_a_name_ending_in_non_is_not_negated(pipeline):
    text = "Angry protesters in Lebanon threw stones at the police on Sunday."
    assert coded(pipeline, text) == ("Riots", "Violent demonstration")


@pytest.mark.parametrize("text, expected", [
    ("Taliban fighters detained two aid workers in the district.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Two aid workers were detained by militants on Monday.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Police detained two suspects in the district.", ("Strategic developments", "Arrests")),
])
def test_detentions_by_armed_groups_are_abductions(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hoodlums attacked the area, looted many houses and shops and set them on fire.",
     ("Strategic developments", "Looting/property destruction")),
    ("Gunmen attacked the village, killing five people and looting shops.", ("Violence against civilians", "Attack")),
])
def test_an_attack_that_only_loots_is_looting(pipeline, text, expected):
    assert coded(pipeline, text) == expected


# --- a bomb at a gathering -------------------------------------------------------


@pytest.mark.parametrize("text, killed", [
    ("One killed, three injured in blast near poll rally in Peshawar", 1),
    ("Two killed as bomb explodes at a party rally in Peshawar", 2),
    ("A suicide bomber struck an election rally in Bajaur, killing 54 people.", 54),
])
def test_a_bomb_at_a_rally_is_the_event_and_the_rally_its_target(pipeline, text, killed):
    article = to_article(RawDocument(origin="t", text=text), published=date(2025, 11, 20))
    events = pipeline.extract(article).events
    assert [(e.event_type, e.fatalities) for e in events] == [("Explosions/Remote violence", killed)]


def test_protesters_throwing_petrol_bombs_still_riot(pipeline):
    text = "Protesters hurled petrol bombs at police during a rally in Srinagar on Friday."
    assert coded(pipeline, text)[0] == "Riots"


@pytest.mark.parametrize("text, killed", [
    ("Security forces gun down three suspected militants in Sindh", 3),
    ("Infighting leaves five militants dead in Bajaur", 5),
])
def test_gun_down_and_infighting_are_armed_clashes(pipeline, text, killed):
    article = to_article(RawDocument(origin="t", text=text), published=date(2025, 11, 20))
    events = pipeline.extract(article).events
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [("Battles", "Armed clash", killed)]


# --- mass displacement (Other) ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Investigators found a mass grave holding the bodies of dozens of villagers killed by the militia.",
    "Forensic teams began exhuming two mass graves near the old prison on Monday.",
])
def test_a_mass_grave_found_is_other_not_the_killings_it_holds(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Other")


@pytest.mark.parametrize("text", [
    "About 4,000 villagers have fled their homes in the north because of rebel attacks, the UN agency said.",
    "More than 20,000 people were displaced by fighting in the region last month, aid agencies said.",
    "Thousands of families are fleeing the hill districts, a relief group reported on Monday.",
])
def test_people_fleeing_in_numbers_is_other(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Other")


def test_displacement_after_a_named_armed_groups_murders_is_not_crime_news(pipeline):
    text = ("Nearly 12,000 villagers have fled the border district after the Islamic State's murder of "
            "nine farmers, officials said.")
    assert coded(pipeline, text) == ("Strategic developments", "Other")


@pytest.mark.parametrize("text, expected", [
    ("The gunmen fled into the forest after the raid on the police post.", ("NONE", "NONE")),
    ("Thousands of residents fled as militants stormed the town and killed six soldiers.",
     ("Battles", "Armed clash")),
    ("Hundreds of families fled the floods in the valley.", ("NONE", "NONE")),
])
def test_fleeing_fighters_new_attacks_and_disasters_are_not_displacement(pipeline, text, expected):
    assert coded(pipeline, text) == expected


# --- the aim of a troop movement -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The rebels are mobilising hundreds of fighters for attacking the northern districts, a commander said.",
    "The army sent two battalions to fight the insurgents in the eastern hills.",
    "The army moved tanks to the front to launch an offensive against the rebels.",
])
def test_the_aim_of_a_troop_movement_is_not_an_event(pipeline, text):
    assert coded(pipeline, text) == ("Strategic developments", "Change to group/activity")


def test_an_assault_awaiting_its_order_is_not_an_event(pipeline):
    text = "Army units in the hills were waiting for the final order to launch the assault on the rebel stronghold."
    assert coded(pipeline, text) == ("NONE", "NONE")


def test_an_attack_with_an_aim_is_still_an_attack(pipeline):
    text = "Militants attacked a checkpoint near the bridge to free their jailed comrades."
    assert coded(pipeline, text)[0] == "Battles"


# --- a clause dated by another event ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("A day after police detained dozens of protesters in the capital, the opposition said two of its leaders "
     "have been abducted.", ("Violence against civilians", "Abduction/forced disappearance")),
    ("The government joined talks on a peace agreement with the rebels after one of the rebel groups attacked "
     "a town on Monday.", ("Strategic developments", "Agreement")),
])
def test_an_event_in_an_after_clause_is_background_to_another_event(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Four people were killed after soldiers opened fire on peaceful protesters in the square.",
     "Protests"),
    ("Two soldiers were killed after militants attacked their checkpoint.", "Battles"),
])
def test_a_toll_after_an_event_belongs_to_that_event(pipeline, text, expected):
    assert coded(pipeline, text)[0] == expected


# --- the weapon of an attack referred back to or blamed ---------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Warplanes launched airstrikes on rebel positions on Tuesday in retaliation for a suspected poison gas "
     "attack on the town last week.", "Air/drone strike"),
    ("The air force bombed militant hideouts that officials accused of carrying out a chlorine attack on a "
     "village.", "Air/drone strike"),
])
def test_the_weapon_of_an_earlier_or_blamed_attack_does_not_type_the_new_one(pipeline, text, expected):
    assert subtype(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hackers attacked the election commission website on Monday.", ("NONE", "NONE")),
    ("Unknown attackers repeatedly attacked the campaign website of the candidate.", ("NONE", "NONE")),
    ("Militants attacked a police post near the border, a news website reported.", ("Battles", "Armed clash")),
])
def test_attacks_on_computers_are_not_political_violence(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The government expelled three diplomats for taking part in unauthorised rallies in the capital.",
     ("NONE", "NONE")),
    ("A court sentenced two activists to prison for participating in last month's protests.", ("NONE", "NONE")),
    ("Militants executed two captured soldiers for spying.", ("Violence against civilians", "Attack")),
])
def test_the_reason_for_a_punishment_is_not_a_new_event(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("At least 80 civilians were being treated on Friday following a suspected poison gas attack on the town.",
     ("Explosions/Remote violence", "Chemical weapon")),
    ("The government imposed sanctions following the gas attack on the town.", ("NONE", "NONE")),
])
def test_victims_treated_after_an_attack_report_that_attack(pipeline, text, expected):
    assert coded(pipeline, text) == expected


def test_an_accusation_of_an_attack_is_not_an_attack(pipeline):
    text = "The opposition accused government troops of shelling a hospital in the northern town."
    assert coded(pipeline, text) == ("NONE", "NONE")


# --- bombs that went off ---------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("A bomb went off near the main market on Tuesday.", "Remote explosive/landmine/IED"),
    ("A car bomb ripped through a busy street in the capital.", "Remote explosive/landmine/IED"),
    ("Four female kamikazes went off near a bus station, killing two people.", "Suicide bomb"),
    ("Kamikaze drones struck an oil depot overnight.", "Air/drone strike"),
])
def test_bombs_that_went_off_or_ripped_through(pipeline, text, expected):
    assert coded(pipeline, text) == ("Explosions/Remote violence", expected)


@pytest.mark.parametrize("text", [
    "The fire alarm went off during the meeting.",
    "A storm tore through the coastal town overnight.",
])
def test_things_that_go_off_or_tear_through_without_a_bomb_are_not_events(pipeline, text):
    assert coded(pipeline, text) == ("NONE", "NONE")


# --- killings by hand and single civilian victims -------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Unknown assailants hacked a farmer to death near the river.", ("Violence against civilians", "Attack")),
    ("Gunmen stabbed two aid workers to death near the camp.", ("Violence against civilians", "Attack")),
    ("A mob beat a suspected thief to death in the market.", ("Riots", "Mob violence")),
    ("Gunmen shot dead a village elder outside the mosque.", ("Violence against civilians", "Attack")),
    ("India beat Pakistan by six wickets in the final.", ("NONE", "NONE")),
])
def test_killings_by_hand_and_single_civilian_victims(pipeline, text, expected):
    assert coded(pipeline, text) == expected


@pytest.mark.parametrize("text, expected", [
    # police among the dead: a fight, not an attack on civilians
    ("A large-scale raid conducted by the police in the city resulted in the death of at least 132 people, "
     "four of whom were police officers.", "Battles"),
    ("A large-scale raid conducted by the police in the city resulted in the death of at least 132 people.",
     "Violence against civilians"),
])
def test_armed_men_named_among_the_dead_make_a_raid_a_fight(pipeline, text, expected):
    assert coded(pipeline, text)[0] == expected
