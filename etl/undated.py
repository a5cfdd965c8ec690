"""Dating an undated article by the happening it reports.

A page that gives no publication date, and names no day of the month with its
weekday (:func:`etl.dates.weekday_pinned_date`), leaves every relative date
("the attack, which occurred on Sunday") unresolved: its events have no date,
so they are neither placed in time nor linked to the other reports of their
happening.  Such a page was written while its happening was news.  When its
main events fit the reports of dated incidents by type and place, and those
incidents were all first reported on one day (or, reported by undated pages
alone, are dated to one day), that day stands in for the page's publication
day: the page is coded again as of that day.

The day is a borrowed one, and the record says so: the article's own
publication date stays unknown, and its events' dates are at week precision
(:func:`etl.dates.borrowed_precision`), as a date taken from another sentence
is.  Nothing is guessed when no incident fits, or when the fitting incidents
were first reported on different days.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from etl.dates import DAY, WEEK, borrowed_precision, find_dates
from etl.incidents import Incident, level, places_fit, types_fit
from etl.records import Event

__all__ = ["needs_date", "fits_undated", "publication_guess", "as_of_day", "borrowed_dates"]


def needs_date(published: date | None, events: Sequence[Event]) -> bool:
    """An article with no publication date none of whose main events is
    dated (a pinned weekday or a full date in the text dates them already;
    a background event dated by its year, "finalized in March 2025", does
    not date the happening the page reports)."""
    mains = [e for e in events if e.role == "main"]
    return published is None and bool(mains) and all(e.event_date is None for e in mains)


def fits_undated(event: Event, report: Event) -> bool:
    """Could an undated ``event`` be of the happening a dated ``report`` of
    another article tells: a type that fits and the same place or one
    inside the other (or near it)?  A country-wide event says too little of
    where to pick one happening."""
    if report.article_id == event.article_id or report.event_date is None or \
            report.date_precision not in (DAY, WEEK):
        return False
    if level(event) == 3 or not types_fit(event, report):
        return False
    return places_fit(event, report)


def publication_guess(events: Sequence[Event], incidents: Iterable[Incident]) -> date | None:
    """The day an undated article's main events were news: the first
    report day shared by every dated incident they fit, else the day the
    incidents only undated pages report are dated to (``None`` when none
    fits, or the fitting incidents were news on different days)."""
    mains = [e for e in events if e.role == "main"]
    reported: set[date] = set()
    told: set[date] = set()  # the days of the incidents only undated pages report
    for incident in incidents:
        if incident.first_reported is None and incident.date_precision != DAY:
            continue
        if any(fits_undated(e, r) for e in mains for r in incident.reports):
            if incident.first_reported is not None:
                reported.add(incident.first_reported)
            elif incident.event_date is not None:
                told.add(incident.event_date)
    days = reported or told
    return next(iter(days)) if len(days) == 1 else None


# A page about a happening is written within a few days of its first report
AS_OF_DAYS = 3


def as_of_day(text: str, first_reported: date) -> date:
    """The day to code an undated page as of, given the day its happening
    was first reported: that day, or the first of the few days after it on
    which every weekday the page names falls on or after the day before
    the first report (a page that tells the happening "on Wednesday" when
    it was first reported on a Tuesday was written on the Wednesday, not
    six days after the Wednesday before)."""
    for shift in range(AS_OF_DAYS + 1):
        day = first_reported + timedelta(days=shift)
        told = [m.value for m in find_dates(text, published=day) if m.kind == "weekday" and m.value is not None]
        if all(value >= first_reported - timedelta(days=1) for value in told):
            return day
    return first_reported


def borrowed_dates(events: Iterable[Event]) -> tuple[Event, ...]:
    """Events coded as of a guessed publication day, as the record keeps
    them: the publication date unknown, each date borrowed."""
    return tuple(dataclasses.replace(e, published=None, date_precision=borrowed_precision(e.date_precision))
                 for e in events)  # (an undated event's precision 0 stays 0)
