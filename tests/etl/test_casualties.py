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


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A rocket hit a house, but no one was killed.", []),
    ("Not one person was killed, but one soldier was wounded.", [("injured", 1, 1, 1)]),
    ("No one soldier was killed, officials said.", []),
    ("Police said none of the 12 hostages was killed.", []),
    ("Police said not one of the 12 hostages died.", []),
    # "one" with no negation stays one
    ("One person was killed and one soldier was hurt.", [("killed", 1, 1, 1), ("injured", 1, 1, 1)]),
    ("The blast killed one and injured no one.", [("killed", 1, 1, 1)]),
])
def test_no_one_killed_is_no_death(sentence, expected):
    assert figures(sentence) == expected


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


# One sentence per verb or noun the casualty patterns know: the quick cue
# search that lets find_casualties skip most sentences must let each through.
CUE_SENTENCES = [
    "Militants killed 4 soldiers.", "Three policemen were martyred.", "The blast claimed the lives of 6 people.",
    "The attack left 5 dead.", "Leaving 3 injured, the gunmen fled.", "Two guards were shot dead.",
    "Four men were gunned down.", "Troops eliminated 7 terrorists.", "Forces neutralised 2 militants.",
    "The attack caused the death of 3 soldiers.", "Police found the bodies of 4 men.", "The bomb injured 9 people.",
    "It wounded 12 others.", "Eight were hurt.", "Ten people died.", "Two villagers were slain.",
    "Five people perished.", "Six men were executed.", "Two hostages were beheaded.", "Two men were lynched.",
    "Three were hacked to death.", "Four were burnt alive.", "Nine passengers burned to death.",
    "Two soldiers lost their lives.", "Three jawans embraced martyrdom.", "Five troopers laid down their lives.",
    "Two succumbed to injuries.", "Seven soldiers fell.", "The death toll rose to 12.", "There were 40 fatalities.",
    "Three men sustained injuries.", "A soldier was killed in Kupwara.", "One militant died.",
]


@pytest.mark.parametrize("sentence", CUE_SENTENCES)
def test_cue_search_lets_every_casualty_sentence_through(sentence, monkeypatch):
    import re

    import etl.casualties as casualties

    with_cue = figures(sentence)
    monkeypatch.setattr(casualties, "_CUE", re.compile(""))  # no quick skip: every pattern runs
    assert figures(sentence) == with_cue
    assert with_cue, sentence


def test_sentences_without_a_cue_hold_no_figure():
    assert find_casualties("The 12 ministers met in Islamabad on Tuesday to discuss 3 trade deals.") == []


# --- headline style: one victim without an article, ages, subsets, tolls -------------


@pytest.mark.parametrize("sentence, expected", [
    ("Pakistan says soldier killed by Indian forces in Kashmir", [("killed", 1)]),
    ("Envoy summoned after man killed in border firing", [("killed", 1)]),
    ("Suspected militant killed in police encounter in Karachi", [("killed", 1)]),
    ("Daughter killed, father injured in artillery fire", [("killed", 1), ("injured", 1)]),
    ("Senior army officer, five militants killed during clash", [("killed", 1), ("killed", 5)]),
    ("A soldier and two civilians were killed in the blast.", [("killed", 1), ("killed", 2)]),
    ("School bomb kills nine-year-old in Quetta", [("killed", 1)]),
    ("Gunmen killed a 7-year-old girl and two men.", [("killed", 1), ("killed", 2)]),
    ("Three militant commanders among six killed in tribal area clash", [("killed", 6)]),
    ("Death toll of soldiers killed in the Bolan attack reaches 11", [("killed", 11)]),
    ("Security forces gun down 4 terrorists", [("killed", 4)]),
])
def test_headline_figures(sentence, expected):
    assert [(c.kind, c.best) for c in find_casualties(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The soldier killed in the attack was buried in his village.", []),  # refers back
    ("No soldier killed, the army says.", []),
    ("Police said the man killed his neighbour.", []),  # active: the man is the killer
    ("In a clash with a soldier, five militants were killed.", [("killed", 5)]),  # no list item
])
def test_no_bare_victim_where_the_noun_is_not_one(sentence, expected):
    assert [(c.kind, c.best) for c in find_casualties(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("More than 460 patients and their companions were shot dead at the hospital.",
     [("killed", 460, "patients and their companions")]),
    ("12 soldiers and policemen were martyred in the attack.", [("killed", 12, "soldiers and policemen")]),
    # a number of their own, or one more person, is not joined to the figure
    ("Five soldiers and two civilians were killed.", [("killed", 5, "soldiers"), ("killed", 2, "civilians")]),
    ("Four policemen were killed and seven injured.", [("killed", 4, "policemen"), ("injured", 7, "")]),
])
def test_victims_joined_without_a_number_share_the_figure(sentence, expected):
    assert [(c.kind, c.best, c.victims) for c in find_casualties(sentence)] == expected


@pytest.mark.parametrize("sentence, victim", [
    ("According to local officials, a woman was also killed on the other side of the border.", "woman"),
    ("A policeman was later killed in the clash.", "policeman"),
])
def test_one_victim_told_with_also_or_later(sentence, victim):
    assert [(c.kind, c.best, c.victims) for c in find_casualties(sentence)] == [("killed", 1, victim)]


def test_figures_listed_with_a_place_each_are_all_counted():
    found = find_casualties("Strikes killed two people in Kyiv and two others in the Dnipropetrovsk region.")
    assert [(c.kind, c.best) for c in found] == [("killed", 2), ("killed", 2)]
    found = find_casualties("Israeli strikes killed five people in Khan Younis and three in Rafah on Monday.")
    assert [(c.kind, c.best, c.victims) for c in found] == [("killed", 5, "people"), ("killed", 3, "people")]
    found = find_casualties("Gunmen killed two militants and three others were injured.")
    assert [(c.kind, c.best) for c in found] == [("killed", 2), ("injured", 3)]


def test_victims_of_both_sides_joined_with_a_modifier_share_the_figure():
    found = find_casualties("23 soldiers were martyred and over 200 Taliban and affiliated terrorists were killed.")
    assert [(c.kind, c.best) for c in found] == [("killed", 23), ("killed", 200)]
    assert [(c.best, c.victims) for c in find_casualties("Five soldiers and two civilians were killed.")] == [
        (5, "soldiers"), (2, "civilians")]


def test_several_dozen_is_not_several():
    assert [c.best for c in find_casualties("where several dozen troops and civilian volunteers were killed.")] != [3]


def killed(sentence: str) -> int:
    """The sentence's dead, all figures summed."""
    return sum(c.best for c in find_casualties(sentence) if c.kind == "killed")


@pytest.mark.parametrize("sentence, expected", [
    ("Unidentified gunmen shot dead a polio worker and a police constable escorting her in Bajaur.", 2),
    ("Gunmen killed a teacher and his son in Bajaur on Monday.", 2),
    ("Gunmen killed two teachers and a student in Bajaur on Monday.", 3),
    ("Militants killed three soldiers and their commander.", 4),
    # a person given a fate of their own is not one more killed
    ("Gunmen killed a policeman and a woman was injured in the attack.", 1),
    ("The blast killed a soldier and wounded a civilian.", 1),
    ("The attack killed a soldier and a civilian's house was damaged.", 1),
])
def test_one_more_person_joined_to_an_active_figure_is_counted(sentence, expected):
    assert killed(sentence) == expected


def test_a_victim_named_by_a_three_word_unit_is_one_killed():
    found = find_casualties("A District Reserve Guard jawan was also killed in the gunfight.")
    assert [(c.kind, c.best) for c in found] == [("killed", 1)]


@pytest.mark.parametrize("sentence, expected", [
    ("The death toll from the Jaffar Express hijacking in Balochistan's Kachhi district rose to 31, officials "
     "said on Friday.", 31),
    ("Security forces ended the siege on Wednesday, killing all 33 attackers, the military said.", 33),
    ("The Taliban publicly executed a man convicted of murder in Khost province on Thursday.", 1),
    ("The militants executed two men in Khost.", 2),
    ("The militants executed a plan to attack the base.", 0),
])
def test_tolls_told_far_from_their_verb_all_of_them_or_by_execution(sentence, expected):
    assert killed(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Armed men abducted three Punjabi labourers from a construction site in Kech district on Sunday and later "
     "killed them, officials said.", 3),
    ("Gunmen offloaded nine passengers from a bus and shot them dead.", 9),
    ("Gunmen took 20 people hostage and killed all of them.", 20),
    ("Militants kidnapped two teachers and released them later.", 0),
])
def test_people_taken_then_killed_by_a_pronoun_are_counted(sentence, expected):
    assert killed(sentence) == expected


@pytest.mark.parametrize("sentence,best", [
    ("Gunmen stopped a bus near Kalat, forced nine passengers off after checking their identity cards and "
     "shot them dead.", 9),
    ("Militants abducted five workers from the site and later killed them.", 5),
])
def test_people_counted_then_killed_by_a_pronoun(sentence, best):
    assert [(c.kind, c.best) for c in find_casualties(sentence)] == [("killed", best)]


@pytest.mark.parametrize("sentence", [
    "Police arrested 20 people and questioned them.",
    "They seized 12 soldiers and later released them.",
])
def test_people_counted_and_not_killed_are_no_toll(sentence):
    assert [c for c in find_casualties(sentence) if c.kind == "killed"] == []


def test_a_toll_update_with_a_later_figure_is_no_injured_count():
    sentence = "The death toll rose to eight on Thursday after three more injured children died in hospital."
    assert [(c.kind, c.best) for c in find_casualties(sentence)] == [("killed", 8)]
    # (a place between the figure and its verb still tells the victims)
    assert [(c.kind, c.best) for c in find_casualties("12 in Kathmandu were killed")] == [("killed", 12)]


@pytest.mark.parametrize("sentence,figures", [
    ("Eight security personnel and a civilian driver were killed on Monday.", [8, 1]),
    ("Three policemen and two civilians were killed and five injured.", [3, 2]),
    # a group added "as well as", after an aside that names part of the first
    ("Officials said nine villagers, among them two teachers, as well as one police officer, were killed.", [9, 1]),
    ("Four miners, as well as a guard, were killed in the raid.", [4, 1]),
])
def test_counted_groups_listed_before_one_verb_are_each_a_figure(sentence, figures):
    assert [c.best for c in find_casualties(sentence) if c.kind == "killed"] == figures


def test_listed_things_are_no_toll():
    assert find_casualties("Two houses and a car were destroyed.") == []


def test_one_named_killed_along_with_others_is_one_more():
    assert figures("Reporter Amal Haddad was killed along with 14 others on Monday in the strike.") == [
        ("killed", 15, 15, 15)]
    assert figures("The commander was killed along with three others.") == [("killed", 4, 4, 4)]
