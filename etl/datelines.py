"""Datelines: the place a report was filed from, written before its story
("ISLAMABAD: …", "KABUL (Reuters) -", "Gaza, June 3, 2025: …").  A dateline
names where the report was written, not where its events happened; the
analyser (:mod:`etl.nlp`) marks its mention so the event stages can set it
aside.  The day a dateline names is the day the story's "today" counts
from (:func:`filing_date`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from etl import toponyms
from etl.dates import DAY, find_dates
from geo.records import Mention

# "ISLAMABAD:", "PESHAWAR, Pakistan —", "KABUL (Reuters) -", "GENEVA, Oct 30, 2025
# (AFP) -" at a paragraph start (after a filing-date label such as "date
# 2025-04-14 ", if any).
_DATELINE = re.compile(
    r"^[ \t]*(?:date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+)?(?P<place>[A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30}?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?::|—|–|-{1,2})\s"
    # "Gaza, June 3, 2025: …": a name in title case is a dateline when a full date follows it
    r"|^[ \t]*(?:date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+)?(?P<titled>[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2})"
    r",\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4}\s*(?:\([^)]{1,40}\))?\s*(?::|—|–|-{1,2})\s",
    re.M,
)


_STORY_LINE_WORDS = 25  # a line this long is a paragraph of the story, not a headline or byline


def _story_start(text: str) -> int:
    """Where the first paragraph of the story begins (a line of
    ``_STORY_LINE_WORDS`` words or more); the end of ``text`` if none."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) >= _STORY_LINE_WORDS:
            return offset
        offset += len(line)
    return len(text)


def find_dateline(text: str, mentions: Sequence[Mention]) -> tuple[Mention | None, int]:
    """The dateline mention: an all-caps place at the start of the first
    paragraphs ("ISLAMABAD: …"), before any paragraph of the story (a
    "DRC: …" line in a list of related links after the story is none); and
    where the dateline ends (its country and agency too: "DUBAI, United
    Arab Emirates (AP) —"), or -1."""
    story = _story_start(text[:2000])
    for match in _DATELINE.finditer(text[:2000]):
        if match.start() > story:
            break
        start, end = match.span("place" if match.group("place") is not None else "titled")
        start, end = toponyms.trim_entity(text, start, end, known_names=())
        for mention in mentions:
            if mention.start >= start and mention.end <= end:
                return mention, match.end()
    return None, -1


# A wire report's filing line: a place in capitals, then the day it was filed, then the agency
# ("WASHINGTON-DAMASCUS, 13th December, 2025 (WAM) --", "PUTRAJAYA, July 28 (Xinhua) --")
_FILING_LINE = re.compile(
    r"^[ \t]*(?:date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+)?[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30}?)?,\s*"
    r"(?P<date>[A-Za-z0-9 ,.]{4,30}?)\s*(?:\([^)\n]{1,40}\))?\s*(?:--|—|–|-|:)\s", re.M)
FILING_TEXT_CHARS = 600  # a filing line opens the report
FILING_DAYS = 3  # a report is published within this many days of its filing line's date


def filing_date(text: str, *, published: date | None) -> date | None:
    """The day a wire report was filed, from the date of its filing line
    (the dateline), which "today" and the weekdays of its story count from:
    a day on or up to ``FILING_DAYS`` before the publication date (any day
    told with its year when there is none).  ``None`` without such a line."""
    for match in _FILING_LINE.finditer(text[:FILING_TEXT_CHARS]):
        days = [d for d in find_dates(match.group("date"), published=published)
                if d.precision == DAY and d.value is not None and d.end - d.start >= len(match.group("date")) - 1]
        if len(days) != 1:
            continue
        day = days[0]
        if published is None:
            return day.value if re.search(r"\b(?:19|20)\d\d\b", day.text) else None
        if published - timedelta(days=FILING_DAYS) <= day.value <= published:
            return day.value
    return None
