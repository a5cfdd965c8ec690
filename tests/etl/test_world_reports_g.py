"""Events of short self-written reports from outside South Asia (stop 43):
a report from months before the lead's day is another happening; "several
people were killed", then a figure, is that figure; "X Local Government
Council" is a district, not a council; captives rescued are no abduction;
vigilantes on their way are no mob; "pro-Ukraine chants" and "protests
over the war in Sudan" place nothing in Ukraine or Sudan; a man "struck by
bullets" was shot, not bombed from the air; a suspect who "surrendered to
police" was arrested; "pushed back against calls" takes no ground; a call
for a truce and pressure "to finalize" a deal are no deals; a toll over
"the first half" of a year is a record; "the Sahel nation" is the country
told, not a region of another; the first report of a text that refers back
to an attack with its toll reports that attack; "hours after the attack"
moves no date."""

from __future__ import annotations

from tests.etl.test_world_reports import extract, rows  # published on a Tuesday, 2025-05-13 by default


def test_a_report_from_months_before_the_leads_day_is_another_happening(pipeline):
    text = ("Airstrike hits vigilantes\n\n"
            "Several people were reportedly killed in an airstrike in a village of Birnin Gwari Local Government "
            "Area of Kaduna State.\n\n"
            "A resident said the incident occurred on Saturday evening as volunteers were returning from a patrol.\n\n"
            "He said 11 people, including his brother, were killed in the airstrike.\n\n"
            "Meanwhile, the newspaper reported in November 2024 that the air force said airstrikes conducted in "
            "Kaduna State killed numerous bandits.")
    events = sorted(extract(pipeline, text), key=lambda e: e.event_date)
    assert [e.event_date.isoformat()[:7] for e in events] == ["2024-11", "2025-05"]
    assert (events[-1].event_date.isoformat(), events[-1].fatalities) == ("2025-05-10", 11)


def test_several_killed_then_a_figure_is_that_figure(pipeline):
    text = ("Drone strike on market\n\n"
            "Several people were killed on Sunday in a drone strike on a market in Kutum, North Darfur.\n\n"
            "A local doctor said 14 people were killed in the strike and dozens wounded.")
    assert [e.fatalities for e in extract(pipeline, text)] == [14]


def test_a_local_government_council_named_as_a_district_is_a_place(pipeline):
    text = ("Bandits attack village\n\n"
            "Gunmen killed seven farmers on Sunday in the Dogon Daji district of Tambuwal Local Government "
            "Council, police said.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Tambuwal", 7)]


def test_captives_rescued_in_an_operation_are_no_abduction(pipeline):
    text = ("Troops clear hideouts\n\n"
            "Soldiers killed 12 bandits in an operation in Zamfara State on Sunday, the army said.\n\n"
            "The operation, which also rescued kidnapped victims, has been praised by the governor.")
    assert all(e.sub_event_type != "Abduction/forced disappearance" for e in extract(pipeline, text))


def test_vigilantes_on_their_way_are_no_mob(pipeline):
    text = ("Village raided\n\n"
            "Bandits raided a village in Katsina State on Sunday and stole cattle, residents said.\n\n"
            "Local vigilantes were heading to the village when the raiders fled.")
    assert all(e.event_type != "Riots" for e in extract(pipeline, text))


def test_a_stance_named_after_a_country_places_nothing_there(pipeline):
    text = ("March in Berlin\n\n"
            "Thousands of people chanting pro-Ukraine slogans marched through Berlin on Sunday, police said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.location) for e in events] == [("Protests", "Berlin")]


def test_protests_over_a_war_elsewhere_are_not_placed_at_the_war(pipeline):
    text = ("Students protest in Paris\n\n"
            "Hundreds of students rallied outside the Sorbonne in Paris on Sunday.\n\n"
            "The protests, which have targeted the government over the devastating war in Sudan, have drawn "
            "growing crowds.")
    assert {e.country for e in extract(pipeline, text)} == {"FRA"}


def test_a_man_struck_by_bullets_was_shot_not_bombed(pipeline):
    text = ("Mayor shot\n\n"
            "The mayor of a town in Ohio was shot at his home on Sunday, police said. He was struck by five "
            "bullets and underwent surgery.")
    assert all(e.sub_event_type != "Air/drone strike" for e in extract(pipeline, text))


def test_a_suspect_who_surrendered_to_police_was_arrested(pipeline):
    text = ("Suspect in custody\n\n"
            "The man suspected of killing a judge in Denver surrendered to police on Sunday after a manhunt, "
            "officials said.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Arrests"]


def test_pushing_back_against_calls_takes_no_ground(pipeline):
    text = ("Leader rejects talks\n\n"
            "The Moldovan president on Sunday pushed back against calls for early elections in Chisinau.")
    assert all(e.event_type != "Battles" for e in extract(pipeline, text))


def test_a_call_for_a_truce_and_pressure_to_finalize_a_deal_are_no_deals(pipeline):
    text = ("Macron Urges Truce, Tells Sides to Halt Fighting\n\n"
            "In Paris on Sunday, Macron said his government was applying a lot of pressure on Armenia and "
            "Azerbaijan to finalize a peace agreement.")
    assert all(e.sub_event_type != "Agreement" for e in extract(pipeline, text))


def test_a_toll_over_the_first_half_of_a_year_is_a_record(pipeline):
    text = ("Sahel violence\n\n"
            "Data from a monitoring group shows that armed groups killed a record 5,300 people in Burkina Faso "
            "during the first half of 2024.")
    assert not extract(pipeline, text)


def test_the_sahel_nation_is_the_country_told(pipeline):
    text = ("Generals arrested\n\n"
            "Niger's military authorities have detained at least 20 soldiers over an alleged plot to destabilise "
            "the Sahel nation, sources said on Sunday. The arrests took place in Niamey.")
    assert {e.country for e in extract(pipeline, text)} == {"NER"}


def test_the_first_report_that_refers_back_to_an_attack_reports_it(pipeline):
    text = ("Leader condemns strike\n\n"
            "The prime minister issued a sharp rebuke on Thursday following a missile attack on Odesa that killed "
            "at least nine people and injured 40 others, in what has been described as the most intense assault on "
            "the port city this year.")
    assert rows(extract(pipeline, text)) == [("Shelling/artillery/missile attack", "Odesa", 9)]


def test_hours_after_the_attack_moves_no_date(pipeline):
    text = ("Missile attack on Odesa\n\n"
            "A missile attack on Odesa on Monday killed nine people, officials said.\n\n"
            "Rescuers in Odesa were still pulling bodies from the rubble more than 12 hours after the attack.")
    events = extract(pipeline, text)
    assert [(e.event_date.isoformat(), e.fatalities) for e in events] == [("2025-05-12", 9)]


def test_the_toll_of_an_attack_recalled_by_its_month_stays_with_it(pipeline):
    text = ("Missile strike on Odesa\n\n"
            "Early Thursday morning, Russia launched a deadly missile strike on Odesa.\n\n"
            "Officials report nine fatalities and 40 injuries, the worst assault on Odesa since March 2024, when a "
            "single barrage killed 21 people.")
    events = sorted(extract(pipeline, text), key=lambda e: e.event_date)
    assert [(e.event_date.isoformat()[:7], e.fatalities) for e in events] == [("2024-03", 21), ("2025-05", 9)]


def test_fighting_more_than_a_decade_ago_is_no_event(pipeline):
    text = ("Officers detained\n\n"
            "The officers named were a former governor and a colonel known for her role in fighting militants "
            "more than a decade ago.")
    assert not extract(pipeline, text)
