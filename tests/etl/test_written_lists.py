"""Places a text lists plainly ("in Istanbul, Izmir and the capital Ankara"),
on self-written texts through the real pipeline: each is a site of the
crowd or the strike, however the small model parses the list; an address
("Gulshan, Karachi") and a place of the speakers are no list of sites."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 7, 2)


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def test_a_written_list_of_towns_is_one_crowd_per_town(pipeline):
    events = extract(pipeline, "Protests were held on Friday in Istanbul, Izmir and the capital Ankara.")
    assert sorted(e.location for e in events) == ["Ankara", "Istanbul", "İzmir"]


def test_an_address_is_one_place(pipeline):
    events = extract(pipeline, "Police fired tear gas at protesters in Gulshan, Karachi on Friday.")
    assert len(events) == 1


def test_the_towns_of_the_speakers_are_no_sites(pipeline):
    events = extract(pipeline, "Militants attacked a checkpoint in Kurram on Friday, officials in Peshawar and "
                               "Islamabad said.")
    assert [e.location for e in events] == ["Kurram"]
