"""What the live checks H, D and F showed once read, on self-written texts
through the real pipeline: a toll told beside another side's act ("while
Kyiv said Russia had fired drones and three people had died") is that act's,
not a rival count of the first happening's dead; a province named in
English ("North Kivu") holds the towns inside it, so two reports link; and a
date on the reports of an arrest ("reports tonight of the detention") dates
the reports, not the arrest."""

from __future__ import annotations

from datetime import date

from etl.pipeline import to_article
from etl.sources import RawDocument

PUBLISHED = date(2025, 9, 21)  # a Sunday


def extract(pipeline, text: str, *, published: date = PUBLISHED):
    return pipeline.extract(to_article(RawDocument(origin="t", text=text), published=published)).events


def test_a_toll_told_beside_another_act_is_not_a_rival_claim(pipeline):
    text = ("A drone attack on the Belgorod region killed five people, the regional governor said on Sunday, "
            "while Kyiv said Russia had launched dozens of missiles overnight and two people had died.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities) for e in events] == [("Belgorod", 5)]


def test_rival_claims_of_one_toll_still_take_the_lower(pipeline):
    text = ("Troops clashed with militants in Bannu on Saturday. The army said 30 militants were killed, "
            "while the militants said 12 of their men died.")
    events = extract(pipeline, text)
    assert [(e.location, e.fatalities, e.fatalities_high) for e in events] == [("Bannu", 12, 30)]


def test_the_toll_of_an_act_told_later_in_its_own_sentence_is_kept(pipeline):
    text = ("A drone attack on the Belgorod region killed five people, the regional governor said on Sunday, "
            "while Kyiv said Russia had launched dozens of missiles overnight and two people had died. "
            "Ukraine's air force said two people were killed in overnight missile strikes on Kharkiv.")
    events = extract(pipeline, text)
    assert sorted((e.location, e.fatalities) for e in events) == [("Belgorod", 5), ("Kharkiv", 2)]


def test_a_town_and_its_province_told_by_two_outlets_are_one_incident(pipeline):
    # "North Kivu" is the province (admin1 "Nord Kivu"), so a report placed at the province
    # holds the attack told at Lubero inside it the same day
    from etl.incidents import link_incidents
    first = pipeline.extract(to_article(RawDocument(
        origin="a", text="Rebels killed 60 mourners at a funeral in Lubero territory on Monday, officials said."),
        published=date(2025, 9, 9))).events
    second = pipeline.extract(to_article(RawDocument(
        origin="b", text="Rebels killed 60 mourners at a funeral in North Kivu province on Monday night."),
        published=date(2025, 9, 9))).events
    assert [e.admin1 for e in second] == ["Nord Kivu"]
    assert len(link_incidents([*first, *second])) == 1


def test_a_date_on_reports_of_an_arrest_dates_the_reports(pipeline):
    # "tonight" is when the reports came, a statement published the next day: one arrest
    text = ("Opposition leader John Okello was placed under house arrest in Kampala on Wednesday night. "
            "\"Following reports tonight of the detention of opposition leader John Okello, the UN Mission in "
            "Uganda calls on all parties to exercise restraint,\" the envoy said in a statement.")
    events = extract(pipeline, text, published=date(2025, 3, 27))
    assert [(e.sub_event_type, e.location, e.event_date) for e in events] == [
        ("Arrests", "Kampala", date(2025, 3, 26))]
