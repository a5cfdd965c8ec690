"""Stage 2, realis: events too old or too long to code.

ANNOTATION.md codes only events of the report's year or the year before it,
and no figure or state that covers a whole war.  These readers tell such a
mention: a sentence dated only by an older year, an event noun dated by an
earlier year ("last year's demonstrations"), a verb done "in 2019", a "when"
clause on an older date, an act told as done "in the past", and a war told by
how long it has lasted ("has been fighting since April 2023", "They fought for
35 years").  Days and offsets of recalled events are read in
:mod:`etl.events.realis`.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from etl.events.facts import facts_of
from etl.events.realis import dated_value, when_date_head
from etl.events.syntax import ancestors, sent_of


def old_year(sentence: Span, *, published: date | None) -> bool:
    """The sentence dates itself only by a year well before publication."""
    mentions = facts_of(sentence, published=published).dates
    years = [m for m in mentions if m.kind == "year" and m.value is not None]
    others = [m for m in mentions if m.kind != "year"]
    if not years or others or published is None:
        return False
    return all(m.value.year < published.year - 1 for m in years if m.value is not None)


def dated_other_year(token: Token, *, published: date | None) -> bool:
    """An event noun dated only by an earlier year ("last year's
    demonstrations", "the 2024 protests"): too coarse to date, and not the
    report's news."""
    if published is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    facts = facts_of(sent_of(token), published=published)
    for child in token.children:
        if child.dep_ not in ("poss", "compound", "amod", "nmod", "npadvmod", "nummod") or child.i > token.i:
            continue
        subtree = list(child.subtree)
        for mention in facts.dates_within(subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)):
            if mention.kind == "year" and mention.value is not None and mention.value.year < published.year:
                return True
    return False


def _compared(head: Token, year: Token) -> bool:
    """Does a superlative come between the head and its year ("raising the
    toll to 31 from the deadliest airstrike on the capital in 2024"): the
    year bounds a comparison, it does not date the head."""
    return any(t.tag_ == "JJS" for t in head.doc[min(head.i, year.i):year.i])


def _earlier_bare_year(token: Token, *, published: date | None) -> bool:
    """A year written alone before the report's ("in 2024" told in 2025, "in
    the summer of 2023"): no day or month to date an event by, and not the
    report's year."""
    if published is not None and token.lower_ in _SEASON_OVER:
        # "in the summer of 2023", "in the fall of 2024": a season of an earlier year
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            _earlier_bare_year(o, published=published) for o in c.children if o.dep_ == "pobj")
            for c in token.children)
    return published is not None and token.like_num and len(token.text) == 4 and token.text.isdigit() and \
        1900 < int(token.text) < published.year


# The month a season is over by: "last summer" told before September is the year before's
_SEASON_OVER = {"spring": 6, "summer": 9, "autumn": 12, "fall": 12}


def _last_year_or_season(child: Token, *, published: date | None) -> bool:
    """ "last year", "last summer" told as when (not "last year's"): a time a
    year or more back, with no day or month to date an event by."""
    if published is None or child.dep_ not in ("npadvmod", "obl", "advmod") or \
            not any(d.lower_ in ("last", "previous") for d in child.children):
        return False
    word = child.lower_
    if not (word == "year" or (word in _SEASON_OVER and published.month < _SEASON_OVER[word])):
        return False
    # (not "in March last year": a month, which dates it)
    return all(d.kind == "year" for d in facts_of(sent_of(child), published=published).dates_within(
        child.idx, child.idx + len(child.text)))


def when_older_year(token: Token, *, published: date | None) -> bool:
    """Is the trigger told in a "when" clause on a date of an older year
    ("since April 2023, when 10 policemen and a driver were killed")?  Events
    of older years are not coded."""
    head = when_date_head(token) if published is not None else None
    if head is None or published is None:
        return False
    value = dated_value(head, published=published)
    return value is not None and value.year < published.year - 1


def within_other_year(token: Token, *, published: date | None) -> bool:
    """Does the token tell part of an event dated only by an earlier year
    ("last year's demonstrations, in which more than 60 people died"), or an
    act done during one ("the largest town captured by Ukrainian forces
    during last year's offensive")?"""
    heads = [token]
    node = token
    while node.pos_ == "NOUN" and node.dep_ == "pobj" and node.head.dep_ == "prep" and len(heads) < 4:
        # "a wave of street protests in 2018", "rose to power on a wave of protests in 2019":
        # the year of the phrase the event noun is told in
        node = node.head.head
        heads.append(node)
    if node.dep_ in ("dobj", "nsubj", "nsubjpass") and node.head.pos_ == "VERB":
        heads.append(node.head)  # "led large protests last summer", "protests in 2024 toppled him"
    # "a peace deal that was signed by the FARC in 2016": the year of the clause on the event noun
    heads.extend(c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB")
    if any(h.pos_ in ("VERB", "NOUN") and any(c.dep_ == "prep" and c.lower_ in ("during", "in") and any(
            o.dep_ == "pobj" and (dated_other_year(o, published=published) or _earlier_bare_year(o, published=published))
            and not _compared(h, o) for o in c.children) for c in h.children) for h in heads):
        return True  # (also "withdrew the country from the treaty in 2019", "the talks on Ukraine in 2015")
    if any(_last_year_or_season(c, published=published) for h in heads for c in h.children):
        return True  # "led days of street protests last summer": a year before, no day to date it by
    return any(dated_other_year(node, published=published) for node in [token, *ancestors(token, limit=6)])


def in_the_past(token: Token) -> bool:
    """Told as having happened at some time before, with no time given
    ("both countries have in the past held peace talks", "talks held over
    the years"): no event can be coded without a date."""
    for node in [token, *ancestors(token, limit=5)]:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "over") and any(
                    g.dep_ == "pobj" and g.lower_ in ("past", "years", "decades") and
                    any(d.lower_ == "the" for d in g.children) for g in child.children):
                return True
    return False


def years_ago(token: Token) -> bool:
    """Told as a year or more before ("known for her role in fighting
    militants more than a decade ago", "two years ago"): of an older year,
    which is not coded."""
    for node in [token, *ancestors(token, limit=3)]:
        for child in node.children:
            if child.dep_ == "advmod" and any(
                    d.lower_ == "ago" and any(u.dep_ == "npadvmod" and u.lemma_.lower() in _LONG_SPANS
                                              for u in d.children) for d in child.subtree):
                return True
    return False


_LONG_SPANS = frozenset({"year", "decade", "century", "generation"})


def long_gripped(token: Token) -> bool:
    """A place told by what has gone on in it for long ("Vovchansk has long
    been gripped by fierce fighting", "the region has long suffered
    attacks"): a state, not a happening."""
    verb = token if token.pos_ == "VERB" else token.head if token.dep_ in ("dobj", "nsubjpass") else \
        token.head.head if token.dep_ == "pobj" and token.head.dep_ == "agent" else None
    return verb is not None and verb.pos_ == "VERB" and \
        any(c.dep_ == "advmod" and c.lower_ == "long" for c in verb.children) and \
        any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in verb.children)


def going_on_lately(token: Token, *, published: date | None) -> bool:
    """A fight told as going on lately, in the clause of a progressive
    perfect with no day, no "since" and no toll ("Recently, the STC has been
    gaining ground in the south while fighting their allies"): a state of
    the war, not a happening."""
    if token.pos_ != "VERB" or token.tag_ != "VBG":
        return False
    verb = token.head if token.dep_ in ("advcl", "conj") and token.head.pos_ == "VERB" else token
    if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children) or \
            any(c.dep_ == "prep" and c.lower_ == "since" for v in (token, verb) for c in v.children):
        return False
    facts = facts_of(sent_of(token), published=published)
    return not facts.dates and not facts.casualties


_CARRIED_ON_DEPS = frozenset({"dobj", "xcomp", "advcl", "conj", "pcomp", "compound"})


def kept_up_lately(token: Token, *, published: date | None) -> bool:
    """A fight told as kept up lately, under a present perfect of "continue"
    with no day in its clause and no toll ("Israel has continued targeting
    Hezbollah in Lebanon, while also conducting strikes inside Syria"): a
    state of the war, not a happening."""
    node = token
    for _ in range(4):
        if node.dep_ not in _CARRIED_ON_DEPS or node.head.i == node.i:
            return False
        if node.head.lemma_.lower() == "continue":
            break
        node = node.head
    else:
        return False
    kept = node.head
    if kept.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in kept.children):
        return False
    facts = facts_of(sent_of(token), published=published)
    told = list(node.subtree)  # what was kept up (not "despite a truce reached in November")
    return not facts.casualties and not facts.dates_within(told[0].idx, told[-1].idx + len(told[-1].text))


def ongoing_since(token: Token, *, published: date | None) -> bool:
    """A state of war told by how long it has lasted ("has been fighting
    the army since April 2023", "fighting since 2023"), not a happening: a
    progressive perfect, or "since" a date more than a month before the
    report."""
    verb = token if token.pos_ == "VERB" else None
    if verb is None:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in _LONG_SPANS for g in c.children) for c in verb.children):
        return True  # "They fought for 35 years": a war told by its length (not "fought for hours")
    since = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "since"]
    if not since:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children) and verb.tag_ == "VBG":
        return True
    if published is None:
        return False
    facts = facts_of(sent_of(token), published=published)
    for prep in since:
        subtree = list(prep.subtree)
        for mention in facts.dates_within(subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)):
            if mention.value is not None and (published - mention.value).days > 31:
                return True
    return False
