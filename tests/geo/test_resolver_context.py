"""Issue 14: what the words around a name say (lists, addresses, kind words,
acronyms, bare feature words) and the gazetteer's ADM2 layer.  Self-written
snippets; mentions are given, so these test the resolver alone."""

from __future__ import annotations

import re

import pytest

from geo.gazetteer import Gazetteer
from geo.records import Mention
from geo.resolver import Resolver
from tests.geo.test_resolver import mentions_of, resolved


def places(resolver: Resolver, text: str, surfaces: list[str]) -> dict[str, object]:
    return {surface: result.place for surface, result in resolved(resolver, text, surfaces).items()}  # type: ignore[attr-defined]


# --- 1. lists are not "Town, Region" ------------------------------------------------

def test_a_list_of_towns_shares_their_country(resolver: Resolver) -> None:
    text = "Branches in Toronto, Ottawa, Hamilton, Kitchener and London will close next month."
    found = places(resolver, text, ["Toronto", "Ottawa", "Hamilton", "Kitchener", "London"])
    assert {place.country for place in found.values()} == {"CAN"}  # type: ignore[union-attr]
    assert found["Ottawa"].admin1 == "Ontario" and found["London"].admin1 == "Ontario"  # type: ignore[union-attr]


def test_a_list_of_states_is_no_town_in_a_state(resolver: Resolver) -> None:
    text = "Voters in Alabama, California, Florida went to the polls on Tuesday."
    found = places(resolver, text, ["Alabama", "California", "Florida"])
    assert all(place.kind == "admin1" and place.country == "USA"  # type: ignore[union-attr]
               for place in found.values())
    text = "Storms hit Virginia, Washington, Maryland on Sunday."
    assert places(resolver, text, ["Virginia"])["Virginia"].kind == "admin1"  # type: ignore[union-attr]


def test_a_list_of_english_towns_stays_in_england(resolver: Resolver) -> None:
    text = "The tour stops in London, Manchester, Haverhill before heading north."
    found = places(resolver, text, ["London", "Manchester", "Haverhill"])
    assert {place.country for place in found.values()} == {"GBR"}  # type: ignore[union-attr]


def test_countries_in_a_list_stay_countries(resolver: Resolver) -> None:
    text = "The treaty, signed in 1994, includes Mexico, the US, and Canada."
    found = places(resolver, text, ["Mexico", "US", "Canada"])
    assert [found[s].place_id for s in ("Mexico", "US", "Canada")] == [  # type: ignore[union-attr]
        "ne:MEX", "ne:USA", "ne:CAN"]


def test_an_address_is_still_town_in_region(resolver: Resolver) -> None:
    found = places(resolver, "The plant in Springfield, Missouri closed.", ["Springfield", "Missouri"])
    assert found["Springfield"].admin1 == "Missouri"  # type: ignore[union-attr]
    text = "Envoys flew from Kabul, Afghanistan and Islamabad, Pakistan to Doha."
    found = places(resolver, text, ["Kabul", "Afghanistan", "Islamabad", "Pakistan", "Doha"])
    assert found["Kabul"].country == "AFG" and found["Islamabad"].country == "PAK"  # type: ignore[union-attr]


def test_two_names_share_no_country_on_their_own(resolver: Resolver) -> None:
    text = "Flights between London and Amsterdam rose by a fifth."
    assert places(resolver, text, ["London", "Amsterdam"])["London"].country == "GBR"  # type: ignore[union-attr]


def test_a_subdivision_code_reads_as_the_region_of_an_address(resolver: Resolver) -> None:
    found = places(resolver, "The meeting was held in London, ON, CA last week.", ["London"])
    assert (found["London"].country, found["London"].admin1) == ("CAN", "Ontario")  # type: ignore[union-attr]


def test_a_country_after_a_comma_locates_a_name_it_holds_no_candidate_of(resolver: Resolver) -> None:
    (result,) = resolver.resolve(mentions_of("He moved to Aleppo, USA in 1990.", ["Aleppo"]),
                                 text="He moved to Aleppo, USA in 1990.")
    assert result.place is not None and result.place.place_id == "ne:USA"
    assert result.status == "ambiguous"
    # a list of two countries is no address
    found = places(resolver, "Refugees crossed from Syria, Iraq and Turkey.", ["Syria", "Iraq"])
    assert found["Syria"].place_id == "ne:SYR"  # type: ignore[union-attr]


# --- 3. states against cities -------------------------------------------------------

def test_words_next_to_a_name_say_its_kind(resolver: Resolver) -> None:
    assert places(resolver, "Officials in New York the state said the budget would pass.",
                  ["New York"])["New York"].kind == "admin1"  # type: ignore[union-attr]
    assert places(resolver, "Fires spread in the state of Washington on Monday.",
                  ["Washington"])["Washington"].kind == "admin1"  # type: ignore[union-attr]
    assert places(resolver, "Taliban fighters attacked posts in Kandahar province.",
                  ["Kandahar"])["Kandahar"].kind == "admin1"  # type: ignore[union-attr]
    assert places(resolver, "Traffic was halted in Kandahar city.",
                  ["Kandahar"])["Kandahar"].kind == "populated_place"  # type: ignore[union-attr]
    # no kind word: the city, as news means it
    assert places(resolver, "Officials in New York said the budget would pass.",
                  ["New York"])["New York"].kind == "populated_place"  # type: ignore[union-attr]


def test_a_state_beats_the_seat_of_a_small_namesake_province(resolver: Resolver) -> None:
    text = "The governor of Florida met the U.S. president."
    assert places(resolver, text, ["Florida"])["Florida"].place_id == "admin1:USA/florida"  # type: ignore[union-attr]


def test_a_town_known_by_the_name_of_the_governorate_it_heads_is_the_town(resolver: Resolver) -> None:
    # GeoNames files the town as "Janīn", with "Jenin" among its alternate names; the
    # governorate's own name is "Jenin": the bare name, in news, is the town it is named for
    town = places(resolver, "Troops raided Jenin overnight.", ["Jenin"])["Jenin"]
    assert town.kind == "populated_place" and town.country == "PSE"  # type: ignore[union-attr]
    area = places(resolver, "Troops raided villages across Jenin governorate.", ["Jenin"])["Jenin"]
    assert area.kind == "admin1"  # type: ignore[union-attr]


def test_an_initialism_of_a_place_named_in_full_is_that_place(resolver: Resolver) -> None:
    # "LA" alone is also Louisiana's postal code; beside "Los Angeles" it is the city ("L.A." too)
    text = "Crowds marched in Los Angeles on Sunday. LA firefighters and L.A. police were called."
    found = places(resolver, text, ["Los Angeles", "LA", "L.A."])
    assert found["LA"] == found["L.A."] == found["Los Angeles"]
    assert found["LA"].kind == "populated_place"  # type: ignore[union-attr]
    alone = places(resolver, "Storms hit LA and Texas on Sunday.", ["LA"])["LA"]
    assert alone.place_id == "admin1:USA/louisiana"  # type: ignore[union-attr]


def test_a_nationality_before_the_kind_of_place_says_whose_place_it_is(resolver: Resolver) -> None:
    # Tadmur's other name is Palmyra; a dozen US towns are called Palmyra, and the text names the US more
    text = ("US troops and US officials met near the ancient central Syrian town of Palmyra on Sunday. "
            "US forces later left Palmyra.")
    mentions = [Mention("a1", m.start(), m.end(), "Palmyra", 0, "GPE")  # type: ignore[arg-type]
                for m in re.finditer("Palmyra", text)]
    found = resolver.resolve(mentions, text=text)
    assert len(found) == 2 and all(r.place is not None and r.place.country == "SYR" for r in found)


def test_a_town_the_text_puts_in_a_country_is_no_foreign_town(resolver: Resolver) -> None:
    # "Hadi", a person, reads as Hardy (USA) by spelling; "Bint Jbeil, southern Lebanon", itself
    # known by a variant spelling (Bent Jbaïl), is in the country the text puts it in
    text = ("A drone strike in Bint Jbeil, southern Lebanon, killed four people on Monday, Lebanese officials "
            "said. US officials said two of the dead were US citizens. The US embassy named them as Omar and Hadi.")
    mentions = [Mention("a1", m.start(), m.end(), surface, 0, "GPE")  # type: ignore[arg-type]
                for surface in ("Bint Jbeil", "Hadi") for m in re.finditer(surface, text)]
    found = {r.mention.surface: r for r in resolver.resolve(mentions, text=text)}
    assert found["Bint Jbeil"].place is not None and found["Bint Jbeil"].place.country == "LBN"


def test_an_island_country_is_named_by_its_island(resolver: Resolver) -> None:
    assert places(resolver, "She was born in Antigua and moved later.",
                  ["Antigua"])["Antigua"].place_id == "ne:ATG"  # type: ignore[union-attr]


# --- 4. names that are not places ---------------------------------------------------

def test_an_acronym_is_no_town_of_that_name(resolver: Resolver) -> None:
    text = "The BLA claimed the attack in Turbat. The Balochistan Liberation Army (BLA) said so."
    results = resolved(resolver, text, ["BLA", "Turbat"])
    assert results["BLA"].place is None  # type: ignore[attr-defined]
    assert results["Turbat"].place.country == "PAK"  # type: ignore[attr-defined]
    # place abbreviations and all-capitals datelines still resolve
    assert places(resolver, "Talks in the UK ended.", ["UK"])["UK"].place_id == "ne:GBR"  # type: ignore[union-attr]
    assert places(resolver, "DOHA: Talks resumed on Monday.", ["DOHA"])["DOHA"].country == "QAT"  # type: ignore[union-attr]


def test_a_bare_feature_word_is_no_town_of_that_name(resolver: Resolver) -> None:
    results = resolved(resolver, "Police in the Valley said the curfew would continue.", ["Valley"])
    assert results["Valley"].place is None  # type: ignore[attr-defined]


def test_a_part_of_a_country_is_no_town_named_like_it(resolver: Resolver) -> None:
    found = places(resolver, "Strong hiring in the Western US drew workers.", ["Western US"])
    assert found["Western US"] is None or found["Western US"].kind != "populated_place"  # type: ignore[union-attr]


# --- 5. the ADM2 layer and subdivision codes ------------------------------------------

def test_afghan_districts_are_in_the_index(gazetteer: Gazetteer) -> None:
    for name, admin1 in [("Arghistan", "Kandahar"), ("Maiwand", "Kandahar"), ("Garmsir", "Helmand"),
                         ("Panjwai", "Kandahar"), ("Shinwar", "Nangarhar")]:
        districts = [e.place for e in gazetteer.lookup(name) if e.place.kind == "admin2"]
        assert any(p.country == "AFG" and p.admin1 == admin1 for p in districts), name


def test_a_district_of_the_article_beats_a_foreign_town(resolver: Resolver) -> None:
    text = "Taliban fighters attacked a checkpoint in Zhari district of Kandahar, killing four."
    found = places(resolver, text, ["Zhari", "Kandahar"])
    assert (found["Zhari"].kind, found["Zhari"].country) == ("admin2", "AFG")  # type: ignore[union-attr]


def test_subdivision_codes_are_hint_only(gazetteer: Gazetteer) -> None:
    assert "admin1:CAN/ontario" in {e.place.place_id for e in gazetteer.hint_code("ON")}
    assert "admin1:USA/missouri" in {e.place.place_id for e in gazetteer.hint_code("MO")}
    assert gazetteer.hint_code("on") == [] and gazetteer.hint_code("") == []
    assert all(e.place.place_id != "admin1:CAN/ontario" for e in gazetteer.lookup("ON"))


@pytest.mark.parametrize("text,surfaces", [
    ("A, B, C", ["A", "B", "C"]),
    ("Kabul, , , Kandahar and", ["Kabul", "Kandahar"]),
    (", ON, , USA,", ["ON", "USA"]),
])
def test_odd_punctuation_never_crashes(resolver: Resolver, text: str, surfaces: list[str]) -> None:
    results = resolver.resolve(mentions_of(text, surfaces), text=text)
    assert len(results) == len(surfaces) and all(r.status != "failed" for r in results)


def test_a_region_before_a_country_is_no_address(resolver: Resolver) -> None:
    text = "INDIAN ARTILLERY FIRE KILLS ONE IN KASHMIR, PAKISTAN SAYS."
    found = places(resolver, text, ["KASHMIR", "PAKISTAN"])
    assert found["KASHMIR"] is not None and found["KASHMIR"].place_id != "ne:PAK"  # type: ignore[union-attr]


def test_a_state_named_new_country_names_no_country(resolver: Resolver) -> None:
    context = resolver.article_context("Troops marched from New Mexico to Santa Fe and on to New Jersey.")
    assert "MEX" not in context.country_counts and "JEY" not in context.country_counts
    assert resolver.article_context("Troops crossed into Mexico.").country_counts == {"MEX": 1}


def test_an_unknown_place_written_with_its_province_is_placed_in_the_province(resolver: Resolver) -> None:
    text = "Fighting erupted between the army and armed youth in Nassir, Upper Nile state, on Friday."
    found = resolved(resolver, text, ["Nassir"])["Nassir"]
    assert found.status == "ambiguous"
    assert found.place is not None and found.place.name == "Upper Nile" and found.place.kind == "admin1"


def test_an_unknown_area_of_a_district_is_placed_in_the_district(resolver: Resolver) -> None:
    # "Chatroo" is no gazetteer name; a spelling variant (Chatra, Jharkhand, 1,300 km off) is not it
    text = "Two militants were killed in an encounter in the Chatroo area of Kishtwar district on Friday."
    found = resolved(resolver, text, ["Chatroo"])["Chatroo"]
    assert found.place is not None and found.place.name == "Kishtwar" and found.place.kind == "admin2"


def test_two_names_before_a_plural_division_word_share_a_country(resolver: Resolver) -> None:
    # Poonch is a town in India and a district in Pakistan; Rajouri is only Indian
    text = "Pakistani shelling hit Poonch and Rajouri districts on Wednesday, Pakistani officials said."
    found = places(resolver, text, ["Poonch", "Rajouri"])
    assert found["Poonch"].country == "IND"  # type: ignore[union-attr]


def test_a_known_place_before_a_province_stays_the_town(resolver: Resolver) -> None:
    text = "Gunmen attacked a checkpoint in Bannu, Khyber Pakhtunkhwa province, on Friday."
    found = resolved(resolver, text, ["Bannu"])["Bannu"]
    assert found.place is not None and found.place.kind == "populated_place" and found.place.country == "PAK"


def test_north_and_northern_name_one_province(resolver: Resolver) -> None:
    text = "Fighting spread across North Darfur and South Kordofan on Monday."
    found = places(resolver, text, ["North Darfur", "South Kordofan"])
    assert {(p.name, p.kind, p.country) for p in found.values()} == {  # type: ignore[union-attr]
        ("Northern Darfur", "admin1", "SDN"), ("Southern Kordofan", "admin1", "SDN")}


def test_an_assimilated_arabic_article_is_the_same_name(resolver: Resolver) -> None:
    text = "The paramilitaries attacked the key town of al-Nahud in Sudan on Monday."
    found = places(resolver, text, ["al-Nahud"])
    assert (found["al-Nahud"].name, found["al-Nahud"].country) == ("An Nuhūd", "SDN")  # type: ignore[union-attr]


def test_an_unknown_place_in_a_named_territory_is_placed_there(resolver: Resolver) -> None:
    text = "Media reports said M23 captured Mahanga in Masisi territory earlier this week."
    found = resolved(resolver, text, ["Mahanga"])["Mahanga"]
    assert found.place is not None and (found.place.country, found.place.kind) == ("COD", "admin2")


def test_a_name_after_the_is_no_address_part(resolver: Resolver) -> None:
    text = "Kinshasa, the UN, and several Western governments continue to accuse Rwanda."
    found = resolved(resolver, text, ["Kinshasa"])["Kinshasa"]
    assert found.place is not None and (found.place.name, found.place.country) == ("Kinshasa", "COD")


def test_a_name_in_a_country_is_never_placed_in_another(resolver: Resolver) -> None:
    # the gazetteer knows only Algeria's Blida: "in southern Lebanon" says it is another
    text = "Two people were killed in drone strikes on Blida in southern Lebanon on Tuesday."
    found = places(resolver, text, ["Blida"])
    assert found["Blida"] is not None and found["Blida"].place_id == "ne:LBN"  # type: ignore[union-attr]
    text = "Two people were killed in a bombing in Blida in northern Algeria on Tuesday."
    assert places(resolver, text, ["Blida"])["Blida"].country == "DZA"  # type: ignore[union-attr]
    # a country in another is itself ("Ukraine in Nigeria": its embassy there)
    text = "The embassy of Ukraine in Nigeria issued a statement."
    assert places(resolver, text, ["Ukraine"])["Ukraine"].place_id == "ne:UKR"  # type: ignore[union-attr]


# --- a spelling variant outside the area the text names ----------------------------

def test_a_variant_outside_the_named_area_is_not_the_place(resolver: Resolver) -> None:
    # "Chatroo" spells Chatra (Jharkhand) only loosely; the text puts it in Kishtwar district
    text = "Troops killed two militants in the Chatroo area of Jammu and Kashmir's Kishtwar district."
    found = places(resolver, text, ["Chatroo"])["Chatroo"]
    assert found is None or (found.admin1 == "Kashmir" and "Kishtwar" in found.name)  # type: ignore[union-attr]
    # one name, one sense: named again without its area, it is still not Chatra
    text += " It was the third encounter in the Chatroo belt this month."
    results = resolved(resolver, text, ["Chatroo"])
    assert all(r.place is None or r.place.admin1 == "Kashmir" for r in results.values())  # type: ignore[attr-defined]
