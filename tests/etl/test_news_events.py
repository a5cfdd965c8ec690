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
