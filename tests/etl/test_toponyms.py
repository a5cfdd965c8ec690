"""etl.toponyms: span corrections for place names, on real sentences."""

from __future__ import annotations

import pytest

from etl.toponyms import (demonym_keys, is_person_name_token, is_place_adjective,
                          person_name_words, trim_entity, widest_known)

KNOWN = frozenset({"va.", "u.s.", "new york city", "cape town", "mexico city", "london"})


def _trimmed(text: str, entity: str) -> str:
    start = text.index(entity)
    s, e = trim_entity(text, start, start + len(entity), known_names=KNOWN)
    return text[s:e]


@pytest.mark.parametrize("text, entity, expected", [
    ("Troops entered the U.S. on Monday.", "U.S", "U.S."),          # dotted abbreviation
    ("In D.C., prices rose.", "D.C", "D.C."),
    ("HELENA, Mont. (AP) and SEVERN, Va. - A man", "Va", "Va."),     # known abbreviation
    ("They fled to Iraq. Then they left.", "Iraq", "Iraq"),          # a sentence's period
    ("He lives in New York City now.", "New York City", "New York City"),
    ("She came to Cape Town after.", "Cape Town", "Cape Town"),
    ("Clashes in Zorbakhel village left two dead.", "Zorbakhel village", "Zorbakhel"),
    ("Peddar, of Brent, north west London, denies it.", "north west London", "London"),
    ("the Kabul's airport", "the Kabul's", "Kabul"),
])
def test_trim_entity(text: str, entity: str, expected: str) -> None:
    assert _trimmed(text, entity) == expected


def test_trim_entity_can_leave_nothing() -> None:
    s, e = trim_entity("...", 0, 3, known_names=KNOWN)
    assert e <= s


def test_widest_known_takes_the_longest_capitalised_cover() -> None:
    text = "at California State University at San Marcos today"
    start = text.index("San")
    marcos = (start, start + len("San Marcos"))
    assert widest_known(start, start + 3, [marcos, (0, 2)], text=text) == marcos
    # no cover: the span itself; a lower-case match never widens
    assert widest_known(start, start + 3, [(0, 2)], text=text) == (start, start + 3)
    lower = "the new york city office"
    assert widest_known(4, 12, [(4, 17)], text=lower) == (4, 12)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from etl.spacy_model import load_spacy

    return load_spacy()


def test_person_name_words_and_tokens(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Prime Minister Narendra Modi met donors. Later Modi spoke in Delhi.")
    words = person_name_words(doc.ents)
    assert "modi" in words
    later = [t for t in doc if t.text == "Modi"][-1]
    assert is_person_name_token(doc[later.i:later.i + 1], words)
    delhi = [t for t in doc if t.text == "Delhi"][0]
    assert not is_person_name_token(doc[delhi.i:delhi.i + 1], words)


def test_place_adjectives_are_modifiers_that_name_a_country(nlp) -> None:  # type: ignore[no-untyped-def]
    keys = demonym_keys(["Pakistani", "Afghan", "American"])
    doc = nlp("Pakistani troops shelled posts while the Afghans watched.")
    norp = {ent.text: ent for ent in doc.ents if ent.label_ == "NORP"}
    assert is_place_adjective(norp["Pakistani"], keys)
    assert all(not is_place_adjective(ent, keys) for name, ent in norp.items() if name != "Pakistani")


def test_admin_feature_words_are_cut_even_from_known_long_forms() -> None:
    known = KNOWN | {"kandahar province"}
    text = "an operation in Kandahar province today"
    start = text.index("Kandahar")
    s, e = trim_entity(text, start, start + len("Kandahar province"), known_names=known)
    assert text[s:e] == "Kandahar"


def test_a_direction_stays_when_a_country_part_is_a_known_name() -> None:
    known = KNOWN | {"northwest pakistan", "east london", "pakistan"}
    countries = {"pakistan"}
    text = "Clashes in northwest Pakistan and in east London."
    for entity, expected in (("northwest Pakistan", "northwest Pakistan"), ("east London", "London")):
        start = text.index(entity)
        s, e = trim_entity(text, start, start + len(entity), known_names=known, countries=countries)
        assert text[s:e] == expected


def test_widest_known_adds_directions_only_before_a_country() -> None:
    text = "Air strikes hit northwest Pakistan and east London."
    pakistan, london = text.index("Pakistan"), text.index("London")
    matches = [(text.index("northwest"), pakistan + 8), (text.index("east"), london + 6)]
    assert widest_known(pakistan, pakistan + 8, matches, text=text, directions=True) == matches[0]
    assert widest_known(london, london + 6, matches, text=text) == (london, london + 6)


# --- issue 14: names that are not places, lists, queries ------------------------------

from etl.toponyms import in_facility_name, is_acronym, listed_places, query_mention, query_text  # noqa: E402
from geo.records import Mention  # noqa: E402


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize("text, word, expected", [
    ("The BLA claimed the attack in Turbat.", "BLA", True),
    ("Officials of the PTI walked out.", "PTI", True),
    ("DOHA: Talks resumed on Monday.", "DOHA", False),                 # a dateline
    ("Talks in the UK ended.", "UK", False),                           # a known place abbreviation
    ("MARINE ENERGY WALES CONFERENCE opens today.", "WALES", False),    # a phrase in capitals
    ("Rain fell in Kabul.", "Kabul", False),
])
def test_is_acronym(text: str, word: str, expected: bool) -> None:
    assert is_acronym(text, *_at(text, word), known=frozenset({"uk", "us", "uae"})) is expected


@pytest.mark.parametrize("text, word, expected", [
    ("Rain flooded West Georgia Street in Vancouver.", "Georgia", True),
    ("The reception was held at the Hotel Georgia on Friday.", "Georgia", True),
    ("Troops left Georgia on Friday.", "Georgia", False),
    ("A bomb went off near Kabul University.", "Kabul", False),          # a university is in its town
])
def test_in_facility_name(text: str, word: str, expected: bool) -> None:
    assert in_facility_name(text, *_at(text, word)) is expected


def test_listed_places_joins_names_through_commas_and_and() -> None:
    text = "The tour stops in London, Manchester, Haverhill and Ely before heading north; Smith said."
    places = [_at(text, "London")]
    candidates = [_at(text, w) for w in ("Manchester", "Haverhill", "Ely", "Smith")]
    assert listed_places(candidates, places, text=text) == [_at(text, w) for w in ("Manchester", "Haverhill", "Ely")]
    assert listed_places(candidates, [], text=text) == []


def test_query_text_and_mention() -> None:
    assert query_text("Springfield, Missouri") == ("Springfield, Missouri", 0, 21)
    text, start, end = query_text("springfield", "The mayor of Springfield spoke.")
    assert text[start:end] == "Springfield"
    text, start, end = query_text("Kabul", "Talks went on all night.")
    assert text.startswith("Kabul\n\n") and (start, end) == (0, 5)
    mention, made = query_mention([], "Springfield, Missouri", 0, 21, article_id="q")
    assert made and mention.surface == "Springfield"
    found = Mention("q", 13, 21, "Missouri", 0, "GPE")
    assert query_mention([found], "Springfield, Missouri", 0, 21, article_id="q") == (found, False)


def test_the_region_of_an_address_is_no_acronym() -> None:
    text = "I am from Arlington, VA."
    assert not is_acronym(text, *_at(text, "VA"), known=frozenset())
