"""Stage 3b, happenings, the part about dates: does a mention's date fit
the dates a happening's mentions give?  A date of its own, a report's day
(on or a few days after the happening), a day or month borrowed from the
sentences before, the lead's or the publication's: each fits the others
within its own reach, and a photo's caption dates the picture, not the
story (:mod:`~etl.events.captions`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from etl.dates import DAY, MONTH, WEEK
from etl.events.core import REPORT_DAYS, Draft
from etl.events.facts import told_weekday, unpinned_weekday
from etl.spacy_model import span_text

if TYPE_CHECKING:
    from etl.events.happenings import Happening

__all__ = ["EARLIER_THIS", "date_source", "dates_fit", "first_source", "killed_figures", "weekday_only"]


def first_source(draft: Draft) -> str:
    """Where a date borrowed from sentence to sentence first came from."""
    while draft.date_from == "previous" and draft.dated_by is not None:
        draft = draft.dated_by  # (always a draft told before it)
    return draft.date_from


def dates_fit(draft: Draft, happening: Happening) -> bool:
    """The mention's date fits every date the happening's mentions give
    (a borrowed date fits any; the day of a report -- "the ministry on
    Thursday said …" -- is within a few days of the event's)."""
    if draft.date_value is None:
        # on an undated page, "on Monday" is the news and "In Nov. 2023" history: a mention told
        # by a weekday alone is no mention of a happening dated by its month, and back; nor is
        # "a similar protest on Monday" one of the protest told on Tuesday
        day = told_weekday(draft.trigger.token)
        if day and any((other := told_weekday(m.draft.trigger.token)) and other != day
                       for m in happening.mentions if m.draft.date_value is None):
            return False
        return not (weekday_only(draft) and any(source == "own" and precision >= MONTH
                                                for _, precision, source in happening.dates))
    if draft.own_date and draft.date_precision >= MONTH and any(weekday_only(m.draft) for m in happening.mentions):
        return False
    if not (draft.own_date or draft.date_from == "report") and all(m.draft.caption for m in happening.mentions):
        # a picture's act, told again near the picture's day (not a strike of March in a caption
        # and the report's strike of April)
        return draft.date_value is not None and any(
            abs((draft.date_value - value).days) <= REPORT_DAYS for value, _, _ in happening.dates if value is not None)
    if not (draft.own_date or draft.date_from == "report"):
        # a borrowed date fits any, but not one of another season ("Thousands took to the streets"
        # after a lead on this year's protests is not last year's protests the lead recalls)
        return draft.date_value is None or not any(
            source == "own" and abs((value - draft.date_value).days) > SEASON_APART_DAYS
            for value, _, source in happening.dates if value is not None)
    if draft.own_date and not draft.own_place and not draft.reaction:
        # a place borrowed from the sentences before and a date of its own ("it all started on
        # Friday last week when Israel launched air strikes"): the story has moved on unless
        # the dates agree, even with a borrowed date
        dated = happening.dated()
        if dated.date_value is not None and MONTH not in (draft.date_precision, dated.date_precision):
            gap = (draft.date_value - dated.date_value).days
            # the day of a report of it ("the governor on Sunday confirmed that 59 were
            # killed") is on or a few days after the happening's own, and a happening dated
            # only by the report's publication ("Drone strikes in Kalogi have killed dozens")
            # happened within the week before it ("The incident occurred Thursday morning")
            earliest, latest = _GAPS.get(dated.date_from, (-1, 1))
            if not earliest <= gap <= latest:
                return False
    lead = happening.dated()
    if not happening.dates and (lead.date_from in ("lead", "published") or first_source(lead) == "own") and \
            _apart_from_lead(draft, lead):
        return False
    if draft.own_date and draft.date_precision == MONTH and EARLIER_THIS.search(span_text(draft.sentence)) and \
            any(precision == DAY for _, precision, _ in happening.dates):
        # "Earlier this month, five soldiers were martyred in Mir Ali": before the day the
        # happening told was, so another happening
        return False
    killed = killed_figures(draft)
    if draft.own_date and killed and happening.dates and happening.killed_figures and not draft.anaphor and \
            killed != happening.killed_figures and all(source == "report" for _, _, source in happening.dates) and \
            not _updated_from(killed, happening):
        # dated only by the day it was reported, the happening takes a dated mention of
        # another toll ("460 were shot dead", said Wednesday; "a nurse killed" on Sunday)
        # as another happening (not "the attack, which occurred overnight Friday": the one told)
        return False
    if _after_the_picture(draft, happening):
        return False
    source = date_source(draft)
    return all(_twodates_fit(draft.date_value, draft.date_precision, source, value, precision, other)
               for value, precision, other in happening.dates)


def _after_the_picture(draft: Draft, happening: Happening) -> bool:
    """Is one of them a photo's caption dated before the day the other
    tells as its own ("A woman carries a mannequin as looting erupted ... on
    July 28", then "a second day of looting Tuesday")?  A picture shows what
    happened on its day or before it, never after."""
    if draft.date_value is None:
        return False
    if draft.caption:
        return any(m.draft.own_date and m.draft.date_value is not None and m.draft.date_value > draft.date_value
                   for m in happening.mentions if not m.draft.caption)
    return draft.own_date and any(m.draft.caption and m.draft.date_value is not None
                                  and m.draft.date_value < draft.date_value for m in happening.mentions)


SEASON_APART_DAYS = 120


# days a happening dated by the report's publication alone may lie before it ("seized the camp a
# week ago", in a report of its toll), and a dated mention of it
_PUBLISHED_REACH_DAYS = 14
# days a happening dated by a day told in a sentence before ("clashed on Friday night ... The crowds
# vandalised vehicles") and a mention's own day may lie apart ("On Wednesday, settlers attacked")
_BORROWED_DAY_REACH = 1


def _apart_from_lead(draft: Draft, lead: Draft) -> bool:
    """Is the mention, with a date of its own or a report's, of another
    happening than one dated only by the lead ("was taken into custody", on
    Saturday), by the publication or by a day borrowed from the sentences
    before: one of another month ("was placed under house arrest in
    August"), or a report from before the lead's day ("reported in November
    that airstrikes killed numerous bandits"; a report may come days or weeks
    after what it tells, never before)?"""
    borrowed_day = lead.date_from == "previous" and lead.date_precision == WEEK  # (a day told before)
    if not (draft.own_date or draft.date_from == "report") or draft.date_value is None or lead.date_value is None \
            or (not borrowed_day and _same_period(draft.date_value, draft.date_precision, lead.date_value,
                                                  lead.date_precision)) \
            or (borrowed_day and draft.date_precision != DAY):
        return False
    gap = (draft.date_value - lead.date_value).days
    reach = _PUBLISHED_REACH_DAYS if lead.date_from == "published" else \
        REPORT_DAYS if lead.date_from == "lead" else _BORROWED_DAY_REACH
    return abs(gap) > reach if draft.own_date else gap < -reach


def weekday_only(draft: Draft) -> bool:
    """Is the mention dated by nothing but a weekday the text cannot pin (an
    undated page's "on Monday")?"""
    return draft.date_value is None and draft.date_from == "none" and unpinned_weekday(draft.sentence)


EARLIER_THIS = re.compile(r"\bearlier\s+(?:this|in\s+the)\s+(?:month|year)\b", re.I)
# Days a mention's own date may lie from the date of the happening it joins, by where
# that date came from: a report's day, the publication's, else another own date
_GAPS = {"report": (-REPORT_DAYS, 0), "published": (-6, 0)}


def date_source(draft: Draft) -> str:
    """"own" for the happening's own date; "report" for the day of a report
    of it, and for any date a reaction gives ("condolences to the victims of
    today's attack on Sumy", said a day later): near the happening's, no surer."""
    return "own" if draft.own_date and not draft.reaction else "report"


def _updated_from(killed: set[int], happening: Happening) -> bool:
    """Does the happening's toll rise from the mention's ("the death toll in
    the car explosion rose to 13 on Wednesday", then "eight people were
    killed on the spot" on Monday): the first count of the same dead?"""
    return max(killed) < max(happening.killed_figures) and any(
        toll.update for m in happening.mentions for toll in m.draft.tolls)


def killed_figures(draft: Draft) -> set[int]:
    return {c.best for c in draft.casualties if c.kind == "killed"}


def _twodates_fit(a: date, a_precision: int, a_source: str, b: date, b_precision: int, b_source: str) -> bool:
    if a_source == b_source == "own" or MONTH in (a_precision, b_precision):
        # (a month holds any day of it, whoever tells the day)
        return _same_period(a, a_precision, b, b_precision)
    return abs((a - b).days) <= REPORT_DAYS


def _same_period(a: date | None, a_precision: int, b: date | None, b_precision: int) -> bool:
    if a is None or b is None:
        return True
    if MONTH in (a_precision, b_precision):
        return (a.year, a.month) == (b.year, b.month)
    if WEEK in (a_precision, b_precision):
        return abs((a - b).days) <= 6
    return a == b
