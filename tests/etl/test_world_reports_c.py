"""Events of short self-written reports from outside South Asia (stop 39):
one person killed by name (a passive killing verb with "dead" or "down",
or "has died after he was shot"), counted as one death and, with no armed
side named for the victim, an attack on a civilian; one death told in a
perfect tense is no running total; "the arrest of" a named person is an
arrest of its own; where evacuees were going is no place of their bus being
hit; "a couple's nine children" are nine."""

from __future__ import annotations

from datetime import date

from tests.etl.test_world_reports import extract, rows  # published on a Tuesday, 2025-05-13 by default


def test_a_person_named_and_shot_dead_is_one_civilian_killed(pipeline):
    text = ("Radio host killed\n\n"
            "Miguel Herrera, a radio host known for his reports on city politics, was shot dead outside his "
            "home in Tijuana on Sunday night, prosecutors said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.sub_event_type, e.location, e.fatalities) for e in events] == [
        ("Violence against civilians", "Attack", "Tijuana", 1)]


def test_a_person_who_died_after_being_shot_is_one_death(pipeline):
    text = ("Councillor dies\n\n"
            "Ana Ribeiro, a councillor and campaigner for tenants, has died after she was shot at a market in "
            "Recife on Saturday.")
    assert rows(extract(pipeline, text)) == [("Attack", "Recife", 1)]


def test_an_officer_who_has_died_after_being_shot_is_one_death(pipeline):
    text = ("Officer dies\n\n"
            "A police officer has died after he was shot during a patrol in Lurgan on Monday night, police said.")
    assert [e.fatalities for e in extract(pipeline, text)] == [1]


def test_a_named_commander_gunned_down_is_no_civilian(pipeline):
    text = ("Commander killed\n\n"
            "Rebel commander Joseph Kabila Mutombo was gunned down in Bunia on Sunday, the army said.")
    events = extract(pipeline, text)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 1)]


def test_a_named_leader_ambushed_is_no_attack_on_a_civilian(pipeline):
    text = ("Militia chief ambushed\n\n"
            "Analysts said Gedi was likely ambushed at the barracks in Kismayo on Monday, citing his relatives.")
    assert all(e.event_type != "Violence against civilians" for e in extract(pipeline, text))


def test_one_death_in_a_perfect_tense_is_no_running_total(pipeline):
    text = ("Minister killed in strikes\n\n"
            "Abdul Karim Nasser, the rebels' finance minister, has been killed in Israeli airstrikes on the "
            "capital, Sanaa, officials said.")
    events = extract(pipeline, text)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Air/drone strike", "Sanaa", 1)]


def test_a_count_in_a_perfect_tense_is_still_a_running_total(pipeline):
    text = ("Strikes on Sanaa\n\n"
            "Israeli jets struck the airport of Sanaa on Monday, killing three workers.\n\n"
            "Airstrikes have killed 240 people in Sanaa province, officials said.")
    assert [e.fatalities for e in extract(pipeline, text)] == [3]


def test_the_arrest_of_a_named_suspect_is_an_arrest_of_its_own(pipeline):
    text = ("Suspect held\n\n"
            "The state governor on Tuesday announced the arrest of Daniel Okafor, whom police suspect of "
            "murdering the trade unionist Grace Adeyemi in Ibadan.\n\n"
            "Adeyemi was shot dead outside her office in Ibadan on Friday.")
    events = extract(pipeline, text)
    assert sorted(e.sub_event_type for e in events) == ["Arrests", "Attack"]


def test_a_gunman_who_killed_a_named_person_killed_one(pipeline):
    text = ("Campus shooting\n\n"
            "Police said a gunman killed Tomas Berg with a single shot at a campus in Uppsala on Wednesday.")
    assert [e.fatalities for e in extract(pipeline, text)] == [1]


def test_where_evacuees_were_going_is_not_where_their_bus_was_hit(pipeline):
    text = ("Bus hit near Vovchansk\n\n"
            "Four civilians were killed on Sunday when a Russian drone struck a minibus near the town of Vovchansk. "
            "The regional administration reported the strike on the minibus, which was carrying residents "
            "evacuating to Kharkiv.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Vovchansk", 4)]


def test_a_couples_children_are_counted_not_the_couple():
    from etl.casualties import find_casualties
    assert [(c.best, c.victims) for c in find_casualties(
        "An airstrike in Rafah killed a couple’s four children, the civil defence said.")] == [(4, "children")]
    assert [c.best for c in find_casualties("Gunmen killed his two brothers at a checkpoint.")] == [2]



def test_the_attack_told_again_with_its_day_is_the_one_the_lead_counted(pipeline):
    text = ("Villagers killed in eastern Congo\n\n"
            "At least 19 people were killed in the latest attack blamed on ADF rebels on a clinic and two villages in "
            "eastern Congo, local authorities said Monday.\n\n"
            "Residents recovered 15 bodies from the clinic in Beni territory following the attack, which occurred "
            "overnight Friday, the territory's administrator said.")
    events = extract(pipeline, text, published=date(2025, 11, 18))
    assert [(e.event_date, e.fatalities) for e in events] == [(date(2025, 11, 14), 19)]


def test_an_undated_page_tells_its_news_by_weekday_and_its_history_by_month(pipeline):
    text = ("Reporter killed in Gaza cafe strike\n\n"
            "Reporter Samir Haddad was killed along with 14 others on Monday in an Israeli missile strike on a "
            "seafront cafe in Gaza City.\n\n"
            "In Oct. 2023, early in the war, he was wounded by an artillery shell while filming Israeli "
            "bombardments in northern Gaza.\n\n"
            "Israeli strikes intensified from Monday night into Tuesday, killing over 60 people in Khan Younis.")
    events = extract(pipeline, text, published=None)
    assert [(e.event_date, e.role, e.fatalities) for e in events if e.fatalities] == [
        (None, "main", 15), (None, "main", 60)]
    assert all(e.role == "background" for e in events if e.event_date is not None)
