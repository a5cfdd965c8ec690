"""Per-sentence facts: what a sentence states as data, computed once.

Several stages ask the same sentence for its date expressions (the event's
date, an old year that makes it history, the date before an event noun that
recalls it, the lead date of the report) and for its casualty figures (the
toll, the first report's toll, a toll that only refers back).  A
:class:`SentenceFacts` computes each of them at most once per sentence and
is cached on the doc, so every stage reads the same values.

Dates resolve against the publication date, so the cache is keyed by the
sentence and that date.  Both lists are computed lazily: most sentences of a
long article are never asked for their dates.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from etl.casualties import Casualty, find_casualties
from etl.dates import WEEKDAY_NAMES, DateMention, find_dates
from etl.spacy_model import span_text

_CACHE_KEY = "sitrep_sentence_facts"
_ANY_KEY = "sitrep_sentence_facts_by_start"  # the first facts made of each sentence, by its start


class SentenceFacts:
    """The text of one sentence, its date expressions and its casualty
    figures (offsets into ``text``; add ``start_char`` for the document)."""

    __slots__ = ("text", "start_char", "published", "_dates", "_casualties")

    def __init__(self, text: str, *, start_char: int, published: date | None) -> None:
        self.text = text
        self.start_char = start_char
        self.published = published
        self._dates: tuple[DateMention, ...] | None = None
        self._casualties: tuple[Casualty, ...] | None = None

    @property
    def dates(self) -> tuple[DateMention, ...]:
        """Every date expression of the sentence (``etl.dates.find_dates``)."""
        if self._dates is None:
            self._dates = tuple(find_dates(self.text, published=self.published))
        return self._dates

    @property
    def casualties(self) -> tuple[Casualty, ...]:
        """Every casualty figure of the sentence (``etl.casualties.find_casualties``)."""
        if self._casualties is None:
            self._casualties = tuple(find_casualties(self.text))
        return self._casualties

    def dates_within(self, start_char: int, end_char: int) -> list[DateMention]:
        """The date expressions that overlap a document character range."""
        start, end = start_char - self.start_char, end_char - self.start_char
        return [d for d in self.dates if d.start < end and start < d.end]


def facts_of(sentence: Span, *, published: date | None) -> SentenceFacts:
    """The facts of ``sentence`` (cached on its doc)."""
    cache: dict[tuple[int, date | None], SentenceFacts] = sentence.doc.user_data.setdefault(_CACHE_KEY, {})
    key = (sentence.start, published)
    facts = cache.get(key)
    if facts is None:
        facts = SentenceFacts(span_text(sentence), start_char=sentence.start_char, published=published)
        cache[key] = facts
        sentence.doc.user_data.setdefault(_ANY_KEY, {}).setdefault(sentence.start, facts)
    return facts


def _any_facts(sentence: Span) -> SentenceFacts:
    """Facts of ``sentence`` for what does not depend on the publication
    date: any cached facts of the sentence serve (looked up by the
    sentence's start, so a long text costs no scan of the cache)."""
    facts = sentence.doc.user_data.get(_ANY_KEY, {}).get(sentence.start)
    return facts or facts_of(sentence, published=None)


def casualties_of(sentence: Span) -> tuple[Casualty, ...]:
    """The sentence's casualty figures."""
    return _any_facts(sentence).casualties


def writes_a_date(sentence: Span) -> bool:
    """Does the sentence write any date expression (whatever day it resolves to)?"""
    return bool(_any_facts(sentence).dates)


def unpinned_weekday(sentence: Span) -> bool:
    """Does the sentence name a weekday it gives no date to pin it by (an
    undated page's "on Monday")?"""
    return any(d.kind == "weekday" and d.value is None for d in facts_of(sentence, published=None).dates)


def told_weekday(token: Token) -> str:
    """The weekday an event word is told on ("a similar protest on Monday",
    "it followed a protest on Monday", "clashes Tuesday"), lower-case, else
    "" (the parse may hang the day on the verb the word is the object of)."""
    holders = [token, *([token.head] if token.dep_ in ("dobj", "nsubj", "nsubjpass") else [])]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "npadvmod" and child.lower_ in WEEKDAY_NAMES:
                return child.lower_
            if child.dep_ == "prep" and child.lower_ == "on":
                day = next((g.lower_ for g in child.children if g.lower_ in WEEKDAY_NAMES), "")
                if day:
                    return day
    return ""
