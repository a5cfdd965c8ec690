"""Events of short self-written reports from outside South Asia (stop 42):
a nationality before the kind of place ("the Egyptian city of Alexandria")
says which Alexandria, there and at its other mentions; "US and allied
Iraqi forces" are whose forces, not a site; a place after a participle
phrase of the attack ("an ambush carried out by gunmen affiliated with al-Shabaab
near Afgoye") is the attack's; "the incident" that hurt foreigners is the
attack told before, where it was; "two soldiers and an interpreter" are
three dead, and "U.S." is one word of the victims; a wire report's filing
line dates its "today"; a city known the world over is meant though the
text names another country more ("talks in Geneva"); a news outlet's
nationality and name are no places; "Guinea-Bissau's" with its possessive
is a country; a day results are "expected" dates no lead; ministers
arrested in a coup are an event of their own beside the gunfire; talks in
a text about war and peace need no other word of context; what is done
"in an effort to" reach a deal is no deal; the dead of an accident a crowd
protests are no toll of the protest; "the attacks came as the president
was expected in Paris" places nothing in Paris; a deal Ukraine "would not
be able" to make is none; "continues to kill" and a total "through June"
are no events; "Kherson Gov." names the region struck; drones that "hit
Odesa" hit a place; "during the incident" is the attack told before; a
sentence that opens "Simultaneously" tells another happening; dead of an
attack in another month are another happening's; "we'll fight it" is no
fight; a mass rally and the clashes at its end are two events, a smaller
protest that turned into a riot one; what monitors "have reported since"
a date is a record; the war a truce followed is no venue of the truce; a
massacre in a country's unnamed area is in that country; a coup's "control
of the country" is no territory taken, and its arrests stay an event; "the
two children killed" named later are the strike's dead; a proposal that a
side withdraw is no event; "the city near the Polish border" hit again is
the city told before; of the tolls a page updates, the highest is the
toll."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract, rows  # published on a Tuesday, 2025-05-13 by default


def test_a_nationality_before_the_kind_of_place_says_which_place(pipeline):
    text = ("US convoy ambushed\n\n"
            "Two US soldiers were wounded on Sunday when gunmen opened fire on a US convoy near the Egyptian city "
            "of Alexandria, the US embassy said. US officials said the US military would review the attack.\n\n"
            "The shooting took place on the outskirts of Alexandria, US officials added.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"EGY"}


def test_a_country_named_with_allied_forces_is_whose_forces_not_a_site(pipeline):
    text = ("Patrol attacked\n\n"
            "Three soldiers were killed on Sunday after shots were fired at US and allied Iraqi forces during a "
            "patrol near the Iraqi city of Mosul.")
    events = extract(pipeline, text)
    assert [(e.country, e.location) for e in events] == [("IRQ", "Mosul")]


def test_a_place_after_a_participle_phrase_of_the_attack_is_the_attacks(pipeline):
    text = ("Soldiers killed in ambush\n\n"
            "Four soldiers were killed on Monday in an ambush carried out by gunmen affiliated with al-Shabaab near "
            "the Somali town of Afgoye, the army said.")
    events = extract(pipeline, text)
    assert [e.location for e in events] == ["Afgooye"]  # (GeoNames spells it so)


def test_the_incident_that_hurt_foreigners_is_the_attack_told_before_where_it_was(pipeline):
    text = ("Hotel attacked\n\n"
            "Gunmen attacked a hotel in Mopti on Monday, killing three guards.\n\n"
            "A security source said the incident left two French nationals wounded.")
    events = extract(pipeline, text)
    assert {e.country for e in events} == {"MLI"}
    assert len(events) == 1


def test_two_soldiers_and_an_interpreter_are_three_dead(pipeline):
    text = ("Convoy attacked\n\n"
            "Two Kenyan soldiers and an interpreter were killed on Monday when a roadside bomb hit their convoy "
            "near Mandera.")
    assert [e.fatalities for e in extract(pipeline, text)] == [3]
    text = ("Peacekeepers killed\n\n"
            "A rocket attack on a base near Goma on Monday claimed the lives of three U.N. peacekeepers and a "
            "civilian contractor.")
    assert [e.fatalities for e in extract(pipeline, text)] == [4]


def test_a_wire_reports_filing_line_dates_its_today(pipeline):
    text = ("NIAMEY, 11th May, 2025 (Xinhua) -- Twelve soldiers were killed today in an attack on an army post "
            "near Tillaberi, the defence ministry said.")
    events = extract(pipeline, text)
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 5, 11), 12)]


def test_a_city_known_the_world_over_is_meant_though_another_country_is_named_more(pipeline):
    text = ("Nuclear talks\n\n"
            "US and Iranian delegations held talks in Geneva on Monday on the nuclear programme, US officials "
            "said. The US delegation said the US would return next week.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.country) for e in events] == [("Diplomacy", "CHE")]


def test_a_news_outlets_nationality_and_name_are_no_places(pipeline):
    text = ("Coup attempt\n\n"
            "Gunfire was heard on Wednesday near the presidential palace in Mali's capital, witnesses said.\n\n"
            "French news outlet Jeune Afrique quoted an officer as saying the army had taken control. "
            "\"We are in charge,\" the officer told French television network France 24.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"MLI"}


def test_a_hyphenated_country_with_its_possessive_is_a_country(pipeline):
    analysis = pipeline.analyzer.analyse("Guinea-Bissau’s constitution sets the presidential term at five years.",
                                         article_id="t")
    assert [m.surface for m in analysis.mentions] == ["Guinea-Bissau"]


def test_a_day_results_are_expected_dates_no_lead(pipeline):
    text = ("Soldiers seize power\n\n"
            "Soldiers say they have taken power in Niger after reports of the president's arrest.\n\n"
            "The election results were expected on Thursday. The president's chief of staff and a number of "
            "ministers have reportedly been arrested.")
    events = extract(pipeline, text)  # published Tuesday 13 May: Thursday would be 8 May
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Arrests", date(2025, 5, 13))]


def test_ministers_arrested_in_a_coup_are_an_event_beside_the_gunfire(pipeline):
    text = ("Coup in the capital\n\n"
            "Gunfire rang out near the presidential palace in Conakry on Tuesday, witnesses said.\n\n"
            "The president's army staff and a number of ministers have reportedly been arrested, officials said.")
    assert sorted(e.sub_event_type for e in extract(pipeline, text)) == ["Armed clash", "Arrests"]


def test_talks_in_a_text_about_war_and_peace_need_no_other_context(pipeline):
    text = ("Peace push\n\n"
            "The high-stakes talks in Doha on Sunday were very rewarding, the mediator said.\n\n"
            "Both sides hope the talks will end the war and bring peace.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location) for e in events] == [("Diplomacy", "Doha")]


def test_what_is_done_in_an_effort_to_reach_a_deal_is_no_deal(pipeline):
    text = ("Peace plan revised\n\n"
            "The mediators are making changes to the proposal in Doha in an effort to narrow differences and "
            "develop an agreement acceptable to both sides.")
    assert [e for e in extract(pipeline, text) if e.sub_event_type == "Agreement"] == []


def test_the_dead_of_an_accident_a_crowd_protests_are_no_toll_of_the_protest(pipeline):
    text = ("Mass rally\n\n"
            "Tens of thousands of people protested on Saturday in central Skopje to demand accountability for the "
            "disaster at the Kocani nightclub, where the collapse of a roof killed 20 people in March.")
    events = extract(pipeline, text)
    assert events and all(e.fatalities == 0 for e in events)


def test_the_attacks_came_as_the_president_was_expected_elsewhere_places_nothing_there(pipeline):
    text = ("Strikes on Odesa\n\n"
            "Russian missiles struck Odesa on Monday, killing two people, the regional governor said.\n\n"
            "The attacks came as the Ukrainian president was expected in Paris for talks with European leaders.")
    events = extract(pipeline, text)
    assert "FRA" not in {e.country for e in events}


def test_a_deal_a_side_would_not_be_able_to_make_is_none(pipeline):
    text = ("Talks ahead\n\n"
            "The president said on Monday that Ukraine would not be able to reclaim Crimea or enter NATO as part "
            "of a peace deal.")
    assert [e for e in extract(pipeline, text) if e.sub_event_type == "Agreement"] == []


def test_continuing_to_kill_and_a_total_through_a_month_are_no_events(pipeline):
    text = ("Strikes go on\n\n"
            "\"Russia continues to deliberately kill civilians,\" the minister wrote on Monday.\n\n"
            "Through April, Russia launched a record 5,300 drones and missiles into Ukraine, the air force said.")
    assert list(extract(pipeline, text)) == []


def test_a_governors_region_names_the_region_struck(pipeline):
    text = ("Night of strikes\n\n"
            "Russian drones hit Odesa overnight, killing three people.\n\n"
            "Kherson Gov. Oleksandr Prokudin said that two people were killed by shelling in the southern region.")
    assert sorted(rows(extract(pipeline, text)), key=lambda r: r[1]) == [
        ("Shelling/artillery/missile attack", "Kherson", 2), ("Air/drone strike", "Odesa", 3)]


def test_during_the_incident_is_the_attack_told_before(pipeline):
    text = ("Market attack\n\n"
            "A gunman opened fire at a market in Kumasi on Monday, killing four people.\n\n"
            "During the incident the gunman was shot by a guard and died at the scene.")
    events = extract(pipeline, text)
    assert [e.location for e in events] == ["Kumasi"]


def test_a_sentence_that_opens_simultaneously_tells_another_happening(pipeline):
    text = ("Raids in the north\n\n"
            "Soldiers killed six people during a raid in Jenin on Monday.\n\n"
            "Simultaneously, settlers attacked two villages, wounding five Palestinians.")
    assert len(extract(pipeline, text)) == 2


def test_dead_of_an_attack_in_another_month_are_another_happenings(pipeline):
    text = ("Village attacked\n\n"
            "Rebels killed 17 people in an attack on the village of Mangina on Saturday, local officials said.\n\n"
            "The attack came weeks after about 30 civilians were killed in an attack blamed on the rebels in "
            "the same territory in March.")
    events = extract(pipeline, text)
    assert sorted((e.event_date.month, e.fatalities) for e in events) == [(3, 30), (5, 17)]


def test_well_fight_it_is_no_fight(pipeline):
    text = ("Leaders speak out\n\n"
            "There is no tolerance for hatred in Victoria and we need to be clear that we’ll fight it everywhere "
            "we see it, the premier told reporters in Melbourne on Monday.")
    assert list(extract(pipeline, text)) == []


def test_a_mass_rally_and_the_clashes_at_its_end_are_two_events(pipeline):
    text = ("Mass protest in the capital\n\n"
            "Tens of thousands of people protested on Saturday in central Tbilisi against the government.\n\n"
            "Scuffles broke out between protesters and the police late in the evening, and some demonstrators "
            "threw bottles at officers.")
    assert sorted(e.sub_event_type for e in extract(pipeline, text)) == ["Peaceful protest", "Violent demonstration"]


def test_students_who_protested_then_rioted_are_one_riot(pipeline):
    # (a crowd of hundreds or a few thousand that turned violent: the riot's start, not a rally of its own)
    text = ("Parliament stormed\n\n"
            "More than 1,000 students protested on Monday in Dili against cars for lawmakers.\n\n"
            "Protesters later clashed with police and set fire to vehicles outside parliament.")
    assert [e.event_type for e in extract(pipeline, text)] == ["Riots"]


def test_what_monitors_have_reported_since_a_date_is_a_record(pipeline):
    text = ("Fear in the city\n\n"
            "Since the army's takeover in 2024, rights monitors in Aleppo have reported kidnappings and killings "
            "targeting members of the minority.")
    assert list(extract(pipeline, text)) == []


def test_the_war_a_truce_followed_is_no_venue_of_the_truce(pipeline):
    text = ("Strike in the south\n\n"
            "An Israeli drone strike killed three people in Nabatieh on Sunday.\n\n"
            "Israel has kept up strikes since a truce between Lebanon and Israel took effect in November, "
            "following a year of conflict sparked by Israel's war on Gaza.")
    deals = [e for e in extract(pipeline, text) if e.sub_event_type == "Agreement"]
    assert len(deals) == 1 and deals[0].country in ("LBN", "ISR")  # a party's country, not Gaza


def test_a_massacre_in_an_unnamed_area_of_a_country_is_in_that_country(pipeline):
    text = ("Mosque bombed\n\n"
            "A bomb exploded at a mosque in Homs on Friday, killing six people.\n\n"
            "In March, Syria's coastal areas saw a massacre of Alawite civilians.")
    massacres = [e for e in extract(pipeline, text) if e.event_type == "Violence against civilians"]
    assert [(e.location, e.geo_precision) for e in massacres] == [("Syria", 3)]


def test_a_coups_control_of_the_country_is_no_territory_and_its_arrests_stay(pipeline):
    text = ("Coup foiled\n\n"
            "About a dozen soldiers have been arrested in Niamey following Sunday's attempted coup, security "
            "sources said.\n\n"
            "The officers had claimed on television that they had taken control of the country. \"The army is "
            "regaining control,\" the presidency said.")
    events = extract(pipeline, text)
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_the_children_killed_named_later_are_the_strikes_dead(pipeline):
    text = ("Strike kills family\n\n"
            "An Israeli drone strike on the town of Nabatieh on Sunday killed four people, including two "
            "children.\n\n"
            "Local media reported that the two children killed were named Rami and Lina.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 4)]


def test_a_proposal_that_a_side_withdraw_is_no_event(pipeline):
    text = ("Peace plan\n\n"
            "Moscow has proposed that Kyiv withdraw from the Donetsk region in exchange for a ceasefire along "
            "the front line, officials in Washington said on Monday.")
    assert list(extract(pipeline, text)) == []


def test_the_city_near_a_border_hit_again_is_the_city_told_before(pipeline):
    text = ("Strikes on Lutsk\n\n"
            "Russian drones struck an apartment block in Lutsk on Monday, killing two people.\n\n"
            "Rescuers searched the rubble through the morning.\n\n"
            "The regional governor said schools would stay closed.\n\n"
            "The city near the Polish border was also hit hours earlier by a missile, the mayor said.")
    events = extract(pipeline, text)
    assert events and {e.country for e in events} == {"UKR"}


def test_the_highest_of_the_tolls_a_page_updates_is_its_toll(pipeline):
    text = ("UPDATE: The death toll from the Russian missile strike on Sumy has risen to 21, the emergency "
            "service said.\n\n"
            "A Russian missile struck the centre of Sumy on Monday morning.\n\n"
            "According to the regional administration, the death toll in Sumy has risen to eight, with 30 "
            "injured.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Sumy", 21)]
