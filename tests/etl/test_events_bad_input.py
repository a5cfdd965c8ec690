"""Bad input to the event stage stays bounded (issue 13): an article of 500
numbers, a list of 200 casualty figures, a toll in every sentence, a very
long article.  Run through the real pipeline; each must finish, not crash,
and give figures that are not inflated by repetition.  Timings are measured
by tests/bench/bench_bad_input.py, not here."""

from __future__ import annotations

import random
from datetime import date

from etl.incidents import link_incidents
from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 3, 30)


def extract(pipeline, text: str):
    return pipeline.extract(to_article(RawDocument(origin="bad", text=text), published=PUBLISHED)).events


def test_an_article_of_500_numbers_has_no_event(pipeline):
    rng = random.Random(5)
    text = "Figures: " + " ".join(str(rng.randint(1, 10**6)) for _ in range(500)) + "."
    assert extract(pipeline, text) == ()


def test_a_list_of_200_casualty_figures_is_one_event_with_their_sum(pipeline):
    groups = ["soldiers", "policemen", "civilians", "workers"] * 50
    text = ("Militants attacked a checkpoint in Bannu on Monday, killing "
            + ", ".join(f"{i % 7 + 1} {group}" for i, group in enumerate(groups)) + ".")
    events = extract(pipeline, text)
    assert len(events) == 1
    # one figure per victim group listed ("killing nine" and "9 killed" count once, a list adds up)
    assert 0 < events[0].fatalities <= sum(i % 7 + 1 for i in range(200))


def test_a_toll_in_every_sentence_is_not_added_up(pipeline):
    text = " ".join(f"In Bannu on Monday, {12 if i % 2 else 'twelve'} people were killed when militants "
                    f"attacked a checkpoint." for i in range(1500))
    events = [e for e in extract(pipeline, text) if e.fatalities]
    assert len(events) == 1 and events[0].fatalities == 12


def test_a_long_article_telling_one_story_again_and_again_is_its_few_events(pipeline):
    paragraph = ("Militants attacked a checkpoint in Bannu on Monday, killing 12 soldiers, officials said. "
                 "The army said it killed 7 attackers in the exchange of fire that followed in Lakki Marwat. "
                 "Protesters gathered in Peshawar on Tuesday to condemn the attack.\n\n")
    text = paragraph * 1200  # about 300,000 characters, parsed in chunks
    events = extract(pipeline, text)
    assert 1 <= len(events) <= 4
    assert sum(e.fatalities for e in events) == 19


def test_linking_many_reports_finishes_and_keeps_distinct_days_apart(pipeline):
    text = "Militants attacked a checkpoint in Bannu on Monday, killing 12 soldiers."
    (event,) = extract(pipeline, text)
    from dataclasses import replace
    from datetime import timedelta

    reports = [replace(event, event_id=f"e{i}", article_id=f"a{i}", incident_id=f"e{i}",
                       event_date=event.event_date - timedelta(days=(i // 50) * 10),
                       published=PUBLISHED - timedelta(days=(i // 50) * 10))
               for i in range(3000)]
    incidents = link_incidents(reports)
    assert len(incidents) == 60  # 60 dates ten days apart, 50 reports each
    assert all(i.n_reports == 50 and i.fatalities_best == 12 for i in incidents)
