"""Events of short self-written reports from outside South Asia (stop 46):
a country's name before "river" is the river, not the country; soldiers who
"arrested and killed" a number of people killed them, whoever said so; the
"execution of at least 12 civilians" is an attack with its toll, and so are
the executions a government "should investigate"; "The incident took place
on Sunday" dates the attack the lead told without a day, as "the Kremlin
announced the news on Sunday" dates a capture told before; investigators who
raid a company fight no one, nor do police searching an office with no one
harmed, nor does a prisoner exchange; "defied calls for
a ceasefire, instead capturing X, a hub in Y province" took X; a day of the
month told without its year in a text with no publication date is of the
year the text names when weekdays elsewhere fit it only by chance; one toll
told of an attack and of the capture it was part of is counted once; a bomb
"that did not go off and was neutralized" is a weapon kept from use, where
the story is; unrest that "expanded to cities including" a list is news in
each of them, the parser's reading of the list aside; the mass graves "the victims" were
found in place the killing, not a discovery of its own; fighting a group
"has been gaining ground" in lately, with no day, is no happening; a state's
forces capturing a town abroad overtake it (ACLED's convention), while
ground taken back at home is regained; "the Shush neighborhood" of a text
about Tehran is a quarter of Tehran, not the town of Shush far away;
"debris from the strikes fell in" a town is no strike there."""

from __future__ import annotations

from datetime import date

from etl.dates import weekday_pinned_date
from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


def test_a_river_named_for_a_country_is_not_that_country(pipeline):
    text = ("Herders killed\n\n"
            "Malian soldiers shot dead 14 herders on the banks of the Senegal river, residents said on Monday.\n\n"
            "The families of the herders asked Bamako for an inquiry.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"MLI"}


def test_victims_of_arrested_and_killed_are_a_toll_under_a_saying(pipeline):
    text = ("Villagers killed\n\n"
            "Burkinabe armed forces arrested and killed around two dozen Fulani herders who were rounded up at a "
            "cattle market in a northern region of the West African country, a local activist said.")
    events = extract(pipeline, text)
    assert [e.fatalities for e in events if e.event_type == "Violence against civilians"] == [24]


def test_the_execution_of_civilians_is_an_attack_with_its_toll(pipeline):
    text = ("Rights group accuses army\n\n"
            "Rights groups documented the summary execution of at least 12 civilians in Kaya on Sunday.")
    assert [(e.sub_event_type, e.location, e.fatalities) for e in extract(pipeline, text)] == [
        ("Attack", "Kaya", 12)]


def test_executions_a_government_should_investigate_took_place(pipeline):
    text = ("Burkina Faso: men found dead after arrest\n\n"
            "The government should promptly investigate the apparent executions of 15 men detained by soldiers "
            "on May 11 in a hamlet near Kaya, a rights group said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.fatalities, e.event_date) for e in events] == [
        ("Violence against civilians", 15, date(2025, 5, 11))]


def test_the_day_the_incident_took_place_dates_the_attack_told_before(pipeline):
    text = ("Villagers killed in Kaya\n\n"
            "Gunmen killed ten villagers in Kaya, a local official told reporters.\n\n"
            "Women in Kaya held a march on Monday over the killings.\n\n"
            "The incident took place on Sunday near the river, the official said.")
    events = extract(pipeline, text)
    assert [e.event_date for e in events if e.event_type == "Violence against civilians"] == [date(2025, 5, 11)]


def test_the_day_the_news_of_a_capture_was_announced_dates_it(pipeline):
    text = ("Russia claims town\n\n"
            "Russian forces say they have captured the eastern Ukrainian town of Kurakhove.\n\n"
            "The Kremlin announced the news in a Telegram post on Sunday, citing the chief of staff.")
    assert [e.event_date for e in extract(pipeline, text)] == [date(2025, 5, 11)]


def test_investigators_who_raid_a_company_fight_no_one(pipeline):
    text = ("Probe widens\n\n"
            "Investigators also raided a construction company in Seoul on Monday over claims its chairman bought "
            "a necklace for the minister.")
    assert list(extract(pipeline, text)) == []
    assert list(extract(pipeline, "Probe\n\nProsecutors raided the offices of the ruling party in Seoul on Monday.")) == []


def test_police_who_search_an_office_fight_no_one_unless_someone_is_harmed(pipeline):
    text = ("Raid on news agency\n\n"
            "On Monday, acting on a search warrant, police raided the office of a foreign news agency in Tbilisi.")
    assert list(extract(pipeline, text)) == []
    deadly = "Raid\n\nPolice raided a house in Peshawar on Monday, killing two militants."
    assert [e.event_type for e in extract(pipeline, deadly)] == ["Battles"]


def test_a_prisoner_exchange_is_no_exchange_of_fire(pipeline):
    text = ("Prisoner deal\n\n"
            "A member of the government delegation said they had agreed with the rebels on a new exchange that "
            "would see thousands of war prisoners released.\n\n"
            "The talks were held in Muscat on Monday.")
    assert [e for e in extract(pipeline, text) if e.event_type == "Battles"] == []


def test_a_capture_hung_on_defied_calls_is_a_capture(pipeline):
    text = ("Rebels advance\n\n"
            "The M23 militia defied calls for a ceasefire from Congolese President Felix Tshisekedi and Rwandan "
            "President Paul Kagame, instead capturing Kalembe, a small mining hub in North Kivu province, on Monday.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Non-state actor overtakes territory")]


def test_days_of_the_month_are_of_the_year_named_when_weekdays_fit_by_chance():
    text = ("On 27 January the rebels took Goma. Then, on 16 February, they captured Bukavu. On 19 March they "
            "seized Walikale.\nTalks broke down on Tuesday. Source: https://example.org/2025/01/story")
    # 27 January fell on a Tuesday in 2026, but neither of the other days did
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 3, 19)
    # a weekday that fits every day told pins the year after the one named
    assert weekday_pinned_date("The protests of June 25 marked the Finance Bill 2024. Police fired on Wednesday.",
                               not_after=date(2026, 12, 3)) == date(2025, 6, 25)


def test_one_toll_told_of_an_attack_and_a_capture_is_counted_once(pipeline):
    text = ("Survivors describe killings in attack on Sudan camp\n\n"
            "Fighters killed 120 people in an attack on the Abu Shouk camp near El Fasher on Saturday, "
            "the United Nations said.\n\n"
            "Survivors told of executions and arson in the raid.\n\n"
            "The paramilitary group seized the camp on Saturday in an assault that the United Nations says "
            "left at least 120 people dead.")
    events = extract(pipeline, text)
    assert sum(e.fatalities for e in events) == 120


def test_a_second_bomb_neutralized_by_the_bomb_squad_is_a_weapon_kept_from_use(pipeline):
    text = ("Car bomb outside a mall\n\n"
            "A car bomb exploded outside a shopping centre in Cuenca on Monday, killing one person.\n\n"
            "Police in Cuenca cordoned off the area.\n\n"
            "The interior minister said two vehicles were involved: the first detonated, but the second held an "
            "explosive device that did not go off and was neutralized by the police bomb squad.")
    assert sorted((e.sub_event_type, e.location) for e in extract(pipeline, text)) == [
        ("Disrupted weapons use", "Cuenca"), ("Remote explosive/landmine/IED", "Cuenca")]


def test_unrest_that_spread_to_a_list_of_cities_is_news_in_each(pipeline):
    text = ("Protests spread\n\n"
            "Shopkeepers protested across the country on Sunday after the currency fell to a record low.\n\n"
            "The unrest, which expanded to cities including Shiraz, Tabriz, Kish island, Varamin, and Qazvin on "
            "Monday, marked the largest protest in years.")
    places = {e.location for e in extract(pipeline, text)}
    assert {"Shiraz", "Tabriz", "Kīsh", "Varāmīn", "Qazvin"} <= places


def test_the_graves_the_victims_were_found_in_place_the_killing(pipeline):
    text = ("Soldiers accused of killing detainees\n\n"
            "Troops have been implicated in the summary execution of at least 17 civilians in the country's "
            "central zone, according to a rights group.\n\n"
            "The victims, all men, were taken from a market in a village in the Mopti region, and later found "
            "buried in two mass graves, witnesses said.")
    assert [(e.sub_event_type, e.location, e.fatalities) for e in extract(pipeline, text)] == [
        ("Attack", "Mopti", 17)]


def test_fighting_told_as_going_on_lately_is_no_happening(pipeline):
    text = ("Prisoner deal agreed\n\n"
            "The government and the rebels signed a prisoner swap agreement in Muscat on Tuesday.\n\n"
            "Recently, the separatist council has been gaining ground in the south while fighting its allies, "
            "the government forces.")
    assert [e.event_type for e in extract(pipeline, text)] == ["Strategic developments"]


def test_a_state_taking_ground_abroad_overtakes_it_and_regains_its_own(pipeline):
    abroad = ("Russia claims town\n\n"
              "Russian forces have captured the eastern Ukrainian town of Kurakhove, the defence ministry said "
              "on Monday.")
    home = ("Russia retakes town\n\n"
            "Russia's defence ministry said on Monday its troops regained control over the town of Sudzha in the "
            "Kursk region after months under Ukrainian control.")
    assert [e.sub_event_type for e in extract(pipeline, abroad)] == ["Non-state actor overtakes territory"]
    assert [e.sub_event_type for e in extract(pipeline, home)] == ["Government regains territory"]


def test_a_quarter_is_no_town_of_its_name_far_away(pipeline):
    text = ("Shopkeepers protest\n\n"
            "Security forces fired tear gas at protesting shopkeepers in central Tehran on Monday.\n\n"
            "Traders rallied in Saadi Street in downtown Tehran as well as in the Shush neighborhood near the "
            "main bazaar.")
    assert {e.location for e in extract(pipeline, text)} == {"Tehran"}  # not Shush, 500 km away


def test_debris_from_strikes_and_the_explosions_heard_are_the_strikes(pipeline):
    text = ("Air strikes on camps\n\n"
            "US forces struck militant camps in the Bauni forest area of Tangaza in Sokoto State on Thursday.\n\n"
            "Debris from the strikes fell in nearby villages like Offa (Kwara State), but no one was hurt.\n\n"
            "Residents of Tangaza described homes shaking from the explosions.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Air/drone strike", "Tangaza")]
