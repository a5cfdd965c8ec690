"""Events of news articles at the level of happenings (issue 13), on small
self-written texts through the real pipeline: tallies and counts that are
no fatalities, what only reacts to or analyses an event, and the mentions of
one happening told as one event."""

from __future__ import annotations

from datetime import date

import pytest

from etl.casualties import find_casualties
from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 7, 20)  # a Sunday
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def extract(pipeline, text: str, *, published: date | None = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def total(events) -> int:
    return sum(e.fatalities for e in events)


# --- counts that are not deaths ------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The city's blockade has left 260,000 civilians trapped.",
    "The attack on Friday night left 21 injured, many with serious wounds.",
    "The offensive has left 7,000 families displaced.",
])
def test_people_left_trapped_injured_or_displaced_are_not_killed(sentence):
    assert [c for c in find_casualties(sentence) if c.kind == "killed"] == []


def test_left_dead_is_still_a_toll():
    assert [(c.kind, c.best) for c in find_casualties("The blast left 12 people dead.")] == [("killed", 12)]


def test_a_written_date_holds_no_head_count():
    found = find_casualties("date 2025-06-25 Sixteen people died during protests in Kenya.")
    assert [(c.kind, c.best) for c in found] == [("killed", 16)]


# --- running totals ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Since Israel's initial attack on Iran, 639 people have been killed there.",
    "Clashes between the army and the rebels have killed nearly 250 people.",
    "Scores of people have been killed this week in violence in and around Sweida.",
    "The war has killed thousands of people.",
    "At least 321 people have been killed and more than 436 injured in armed clashes in Sweida province.",
    "More than 1,200 people have been killed so far this year in Darfur.",
])
def test_running_and_cumulative_tolls_are_no_event_toll(pipeline, text):
    assert total(extract(pipeline, text)) == 0


@pytest.mark.parametrize("text, killed", [
    ("A drone strike killed five people in Kunduz on Monday.", 5),
    ("An airstrike has killed 12 people in Sweida.", 12),
    ("Sixteen people were killed during protests in Nairobi on Wednesday.", 16),
])
def test_one_happening_keeps_its_toll(pipeline, text, killed):
    assert total(extract(pipeline, text)) == killed


# --- reactions and analysis are no events ----------------------------------------------


@pytest.mark.parametrize("text", [
    "I strongly condemn the terror attack, the minister said.",
    "Funeral prayers were held in four towns for those killed in the attack.",
    "Regional observers warn that any further escalation could spark a wider war.",
    "The Taliban denied carrying out the bombing.",
])
def test_reactions_warnings_and_denials_are_no_events(pipeline, text):
    assert [e for e in extract(pipeline, text) if e.event_type in VIOLENT] == []


# --- one happening, one event -------------------------------------------------------------


def test_mentions_of_one_strike_are_one_event_with_the_toll_of_its_best_mention(pipeline):
    text = ("A Russian missile struck a residential area in Kryvyi Rih on Friday, killing 19 people.\n\n"
            "Rescue teams worked through the night at the site of the strike.\n\n"
            "Officials said 19 people were killed in the attack, including nine children.\n\n"
            "Ukraine's president condemned the attack.")
    events = [e for e in extract(pipeline, text) if e.event_type in VIOLENT]
    assert len(events) == 1
    assert events[0].fatalities == 19 and events[0].location.startswith("Kryvy")


def test_killing_nine_and_nine_killed_in_one_sentence_are_nine(pipeline):
    text = "Gunmen attacked a bus in Kaduna on Monday, killing nine people; the 9 killed were all traders."
    assert total(extract(pipeline, text)) == 9


def test_a_toll_that_rises_replaces_the_first_one(pipeline):
    text = ("A missile hit an apartment block in Dnipro on Friday, killing 12 people.\n\n"
            "By Saturday the death toll had risen to 19, the regional governor said.")
    assert total(extract(pipeline, text)) == 19


def test_additional_victims_add_to_the_toll(pipeline):
    text = ("A Russian missile struck a residential area in Kryvyi Rih on Friday, killing 19 people.\n\n"
            "Hours later a follow-up drone attack on Kryvyi Rih killed one more person.")
    assert total(extract(pipeline, text)) == 20


def test_an_event_recalled_with_its_date_is_background(pipeline):
    text = ("Gunmen attacked Yelwata in Benue State on Monday, leaving several people injured.\n\n"
            "The attack comes two months after a deadly raid on 13 June, when gunmen stormed the community, "
            "killing an estimated 200 people.")
    events = extract(pipeline, text, published=date(2025, 8, 11))
    roles = sorted((e.role, e.event_date, e.fatalities) for e in events if e.event_type in VIOLENT)
    assert roles == [("background", date(2025, 6, 13), 200), ("main", date(2025, 8, 11), 0)]
