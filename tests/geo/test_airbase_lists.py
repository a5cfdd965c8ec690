"""Air bases named in a list under the plural word: the text cue that finds
them (geo.text_cues) and the resolver that reads each as "X Air Base"."""

from __future__ import annotations

import pytest

from geo.records import Mention
from geo.resolver import Resolver
from geo.text_cues import airbase_list_items, airbase_lists


def _named(text: str) -> list[str]:
    return [text[a:b] for a, b in airbase_list_items(text)]


@pytest.mark.parametrize("text,names", [
    ("Drones struck four key airbases: Belaya, Dyagilevo, Ivanovo Severny, and Olenya.",
     ["Belaya", "Dyagilevo", "Ivanovo Severny", "Olenya"]),
    ("The airbases hit were Belaya (Irkutsk, Siberia), Olenya (Murmansk) and Dyagilevo (Ryazan).",
     ["Belaya", "Olenya", "Dyagilevo"]),
    ("Missiles struck the Nur Khan, Murid and Rafiqui airbases on Saturday.", ["Nur Khan", "Murid", "Rafiqui"]),
    ("Kyiv said it hit the Engels and Morozovsk air bases overnight.", ["Engels", "Morozovsk"]),
])
def test_names_listed_as_air_bases_are_found(text: str, names: list[str]) -> None:
    assert _named(text) == sorted(names, key=text.index)


@pytest.mark.parametrize("text", [
    "Drones targeted airbases in the Murmansk, Irkutsk and Amur regions.",  # regions that hold bases
    "The Engels airbase in the Saratov region houses bombers.",  # one base, named with its word
    "Officials in Kyiv and Lviv said the strikes hit power plants.",  # no air base at all
])
def test_no_list_of_air_bases(text: str) -> None:
    assert _named(text) == []


def test_each_list_is_kept_apart() -> None:
    text = ("Drones hit two airbases: Belaya and Olenya. Missiles struck the Nur Khan and Rafiqui "
            "airbases the next day.")
    assert [[text[a:b] for a, b in items] for items, _ in airbase_lists(text)] == [
        ["Belaya", "Olenya"], ["Nur Khan", "Rafiqui"]]


def _resolve(resolver: Resolver, text: str, name: str):
    start = text.index(name)
    mention = Mention(article_id="t", start=start, end=start + len(name), surface=name, sentence_index=0,
                      label="GPE")
    return resolver.resolve([mention], text=text)[0]


def test_a_listed_stem_is_the_air_base_not_the_village(resolver: Resolver) -> None:
    text = "Drones struck four key airbases: Belaya, Dyagilevo and Olenya."
    for name, country in (("Belaya", "RUS"), ("Dyagilevo", "RUS"), ("Olenya", "RUS")):
        resolution = _resolve(resolver, text, name)
        assert resolution.place is not None and resolution.place.kind == "site", name
        assert resolution.place.name.endswith("Air Base") and resolution.place.country == country, name


def test_a_bare_stem_outside_a_list_stays_what_it_was(resolver: Resolver) -> None:
    resolution = _resolve(resolver, "Belaya is a village on the river.", "Belaya")
    assert resolution.place is None or resolution.place.kind != "site"


def test_siberia_is_the_russian_region(resolver: Resolver) -> None:
    resolution = _resolve(resolver, "Belaya Air Base lies near Irkutsk, Siberia.", "Siberia")
    assert resolution.place is not None and resolution.place.country == "RUS"


def test_a_listed_base_may_say_where_it_is() -> None:
    text = "India fired missiles at three air bases: Nur Khan in Rawalpindi, Murid in Chakwal and Rafiqui."
    assert _named(text) == ["Nur Khan", "Murid", "Rafiqui"]
