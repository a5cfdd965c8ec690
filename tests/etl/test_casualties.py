import pytest

from etl.casualties import find_casualties, parse_number


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("23", (23, 23)), ("1,200", (1200, 1200)), ("Twenty-three", (23, 23)),
     ("two dozen", (24, 24)), ("dozens", (24, 99)), ("scores", (40, 99)),
     ("one hundred and five", (105, 105)), ("banana", None)],
)
def test_parse_number(phrase, expected):
    assert parse_number(phrase) == expected


def figures(sentence):
    return [(c.kind, c.low, c.best, c.high) for c in find_casualties(sentence)]


def test_qualifiers_give_low_best_high():
    assert figures("killing more than 200 Taliban and affiliated militants.") == [("killed", 200, 200, None)]
    assert figures("At least 23 soldiers were killed.") == [("killed", 23, 23, None)]
    assert figures("between 5 and 8 people died") == [("killed", 5, 5, 8)]
    assert figures("up to 10 people were killed") == [("killed", 1, 10, 10)]


def test_euphemisms_count():
    assert figures("Twenty-three Pakistani soldiers embraced martyrdom defending the homeland.") == [("killed", 23, 23, 23)]
    assert figures("Four policemen laid down their lives.") == [("killed", 4, 4, 4)]
    assert figures("two dozen soldiers were martyred") == [("killed", 24, 24, 24)]


def test_killed_and_injured_are_separate():
    assert figures("A suicide bomber killed five policemen and wounded 12 others.") == [
        ("killed", 5, 5, 5), ("injured", 12, 12, 12)]
    assert figures("At least 12 people were killed and 30 injured in the blast.") == [
        ("killed", 12, 12, None), ("injured", 30, 30, 30)]


def test_dozens_is_a_range_not_a_number():
    assert figures("Dozens of civilians were killed") == [("killed", 24, 24, 99)]


def test_non_person_counts_and_dates_are_not_casualties():
    assert figures("striking over 20 Indian military sites.") == []
    assert figures("The jets destroyed 5 drones, killed nobody.") == []
    assert figures("On October 12, 23 soldiers were martyred") == [("killed", 23, 23, 23)]


def test_victim_phrase_is_kept():
    (c,) = find_casualties("Twenty-three Pakistani soldiers embraced martyrdom.")
    assert c.victims == "Pakistani soldiers"


def test_figure_keeps_the_wording():
    (c,) = find_casualties("killing more than 200 Taliban and affiliated militants.")
    assert c.figure == "more than 200"
    (c,) = find_casualties("Twenty-three Pakistani soldiers embraced martyrdom.")
    assert c.figure == "Twenty-three"
