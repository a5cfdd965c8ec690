"""Datelines: the place a report was filed from, written before its story
("ISLAMABAD: …", "KABUL (Reuters) -", "Gaza, June 3, 2025: …").  A dateline
names where the report was written, not where its events happened; the
analyser (:mod:`etl.nlp`) marks its mention so the event stages can set it
aside."""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl import toponyms
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
