"""Tolls and event words that count more than one happening.

A sentence may tell a running or cumulative total ("1,200 have been killed so
far this year", "since the war began, 639 people have been killed", "67,194
have been killed since the beginning of the war"), a sum over several
happenings ("killed 15 … during three separate engagements", "in a series of
raids"), or a trend ("attacks surged by 42 %", "has stepped up strikes").  None
is one happening's toll or one event; these predicates say which is which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.numbers import parse_number
from etl.dates import DAY, DAY_KINDS, PAST_DAYS_MAX, WEEK, DateMention
from etl.events.facts import facts_of
from etl.events.syntax import ancestors, sent_of


# Nouns that name a whole conflict or a stretch of violence, not one happening.
_CONFLICT_NOUNS = frozenset({"war", "conflict", "fighting", "violence", "insurgency", "crisis", "campaign",
                             "offensive", "hostilities", "unrest", "siege", "bombardment", "bombing",
                             "clashes", "attacks", "strikes", "airstrikes", "raids", "protests",
                             "demonstrations", "operations", "battles", "killings", "massacres"})


_WAR_NOUNS = lx.WAR_NOUNS


_PERIOD_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
                           "decades", "hours"})


# Units of a stretch longer than a happening's few days ("two months of demonstrations")
_LONG_UNITS = _PERIOD_UNITS - {"day", "days", "hours"}


_PERIOD_ADVERBS = frozenset({"so far", "thus far", "to date", "in total", "altogether", "overall"})


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


_MONTH_NAME = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"


_DATE_RANGE = re.compile(rf"\b{_MONTH}\s+(?P<first>\d{{1,2}})\s*(?:-|–|to)\s*(?P<last>\d{{1,2}})\b|"
                         rf"\bbetween\s+(?:{_MONTH}\s+\d|\d{{1,2}}\s+{_MONTH})[^.;]*?\band\b|"
                         rf"\b(?:between\s+{_MONTH_NAME}\s+and|from\s+{_MONTH_NAME}\s+(?:to|until|through))"
                         rf"\s+{_MONTH_NAME}\b", re.I)


def told_as_one(sentence: Span, dates: Sequence[DateMention]) -> bool:
    """Is a series the sentence names ("a series of gang attacks last week", "killed
    in a separate wave of strikes") told as one happening: dated to a day or a week or
    not at all, and not in a perfect tense ("have seen a series of attacks this year")?"""
    if any(d.precision not in (DAY, WEEK) for d in dates):
        return False
    return not any(t.lemma_ == "have" and t.dep_ in ("aux", "auxpass") for t in sentence)


def _one_night(match: re.Match[str]) -> bool:
    """"Nov. 23-24": two days in a row, one night's happening, not a period."""
    first, last = match.group("first"), match.group("last")
    return first is not None and last is not None and int(last) - int(first) == 1


def series_over_range(token: Token, *, brief: bool = False) -> bool:
    """A bare plural event noun in a sentence dated by a range of days
    ("53 civilians killed between October 5-8 alone in attacks across the
    locality"), or counted as a series ("have seen a series of attacks"): a
    series of happenings summed up, not one of them.  ``brief``: the
    sentence dates it to a day or a week ("killed in a series of gang attacks
    last week"), which the text tells as one happening."""
    if token.tag_ != "NNS":
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _SERIES_NOUNS:
        return not brief
    if token.lower_ not in _CONFLICT_NOUNS or any(c.dep_ in ("det", "nummod", "poss") for c in token.children):
        return False
    return any(not _one_night(m) for m in _DATE_RANGE.finditer(sent_of(token).text))


# "a series of attacks", "a spate of killings", "a wave of strikes"
_SERIES_NOUNS = lx.SERIES_NOUNS | {"number"}


def summed_over_happenings(verb: Token, *, brief: bool = False) -> bool:
    """Is the toll told by ``verb`` a sum over several happenings the
    sentence counts ("killed 15 militants … during three separate
    engagements", "killed in two attacks", "in a series of raids")?  Each
    happening is an event of its own, with its own toll; the sum is none.
    A series dated to a day or a week (``brief``: "in a series of gang
    attacks last week") is told as one happening, its toll the event's."""
    if verb.dep_ == "relcl" and verb.head.tag_ == "NNS" and _happening_noun(verb.head) and any(
            d.dep_ == "nummod" and _count(d) >= 2 for d in verb.head.children):
        return True  # "2024 saw 856 attacks that killed 1,524 people"
    if any(_counted_apart(noun) for noun in _conjunct_participle_objects(verb)):
        return True  # "18 were killed and 40 others injured in two separate attacks": the count the
        # coordinated participle holds is said of both
    clause = [c for c in verb.children if c.dep_ not in ("relcl", "ccomp", "conj", "parataxis")]
    for prep in (t for c in clause for t in c.subtree):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "across", "over", "from"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            if noun.lemma_.lower() in _SERIES_NOUNS:
                noun = next((g for c in noun.children if c.lower_ == "of" for g in c.children
                             if g.dep_ == "pobj"), noun)
                if noun.tag_ == "NNS" and _happening_noun(noun) and not brief:
                    return True
                continue
            if noun.tag_ != "NNS" or not _happening_noun(noun):
                continue
            if any(d.dep_ == "nummod" and _count(d) >= 2 for d in noun.children):
                return True  # "in four separate clashes", "in two attacks" ("in separate attacks" at
                # one place, uncounted, is told as one toll there)
            if not brief and _across_a_country(noun):
                return True  # "more than 1,600 people killed in attacks across the country"
    return False


# the wide areas a plural of happenings is spread over ("attacks across the country")
_WIDE_AREAS = frozenset({"country", "nation", "province", "provinces", "region", "regions", "state", "states"})


def _across_a_country(noun: Token) -> bool:
    """Are the happenings spread "across the country" (or "nationwide")?"""
    return any(c.dep_ == "prep" and c.lower_ in ("across", "throughout") and any(
        g.dep_ == "pobj" and g.lower_ in _WIDE_AREAS for g in c.children) or c.lower_ == "nationwide"
               for c in noun.children)


_TREND_WORDS = frozenset({"surge", "rise", "increase", "uptick", "spike", "jump", "soar", "decline", "drop",
                          "fall", "decrease", "double", "triple", "escalate", "upsurge", "resurgence", "spate"})


_FREQUENCY_WORDS = frozenset({"sporadic", "occasional", "intermittent", "periodic", "frequent", "regular",
                              "routine", "daily", "nightly", "near-daily", "almost-daily", "repeated"})
_INTENSIFY_VERBS = frozenset({"intensify", "escalate", "increase", "expand", "redouble", "accelerate"})


def counted_trend(token: Token) -> bool:
    """A plural event noun told as a trend ("attacks surged by 42%", "a
    dramatic uptick in attacks", "a rise in militant attacks", "has stepped
    up strikes") or counted so far ("over 200 strikes have been conducted"):
    statistics over a period, not a happening."""
    if token.tag_ != "NNS":
        return False
    head = token.head
    count = next((c for c in token.children if c.dep_ == "nummod" and "-" not in c.text
                  and not re.fullmatch(r"(?:19|20)\d\d", c.text)), None)  # not "2025-07-24 Clashes"
    if count is not None and _count(count) >= 10 and head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in head.children):
        return True  # "over 200 strikes have been conducted": a campaign's count so far
    if count is not None and _count(count) >= 10 and token.dep_ == "dobj" and head.lemma_.lower() in _SAW_VERBS \
            and not _day_told(token.sent):
        return True  # "2024 saw 856 attacks", "the province recorded 300 attacks": a year's count
        # (not "the military reported on Monday about 43 attacks in the sector": a day's fighting)
    if token.dep_ == "nsubj" and head.lemma_.lower() in _TREND_WORDS:
        return True
    if token.dep_ == "nsubj" and head.tag_ in ("VBP", "VBZ") and \
            any(c.dep_ == "amod" and c.lower_ in _FREQUENCY_WORDS for c in token.children):
        return True  # "sporadic Israeli air-strikes targeting Hezbollah positions continue": a pattern
    if token.dep_ == "dobj" and (head.lemma_.lower() in _INTENSIFY_VERBS or (
            head.lemma_.lower() in ("step", "ramp", "scale") and any(c.lower_ == "up" for c in head.children))):
        return True  # "Israel has stepped up strikes", "the RSF has intensified drone attacks"
    return token.dep_ == "pobj" and head.lower_ in ("in", "of") and head.head.lemma_.lower() in _TREND_WORDS


def _conjunct_participle_objects(verb: Token) -> list[Token]:
    """The nouns of the phrases a participle coordinated with the verb holds
    ("… and 40 others injured in two separate attacks": "attacks")."""
    return [noun for c in verb.children if c.dep_ == "conj" and c.pos_ == "NOUN" for g in c.children
            if g.dep_ == "acl" and g.tag_ == "VBN" for p in g.children if p.dep_ == "prep"
            for noun in p.children if noun.dep_ == "pobj"]


def _counted_apart(noun: Token) -> bool:
    """Is the event noun a count of happenings told as separate ("in two
    separate attacks")?  The count sums events told one by one, or not at
    all: it is no event of its own.  (Not "two explosions were heard in
    Kabul": twin blasts may be one happening.)"""
    return noun.tag_ == "NNS" and _happening_noun(noun) and any(
        d.dep_ == "nummod" and _count(d) >= 2 for d in noun.children) and any(
        c.dep_ == "amod" and c.lower_ in ("separate", "different", "distinct") for c in noun.children)


def _happening_noun(noun: Token) -> bool:
    return noun.lemma_.lower() in lx.NOUN_TRIGGERS or noun.lemma_.lower() in ("engagement", "incident")


# verbs a period or a place "has" its count of happenings with ("2024 saw 856 attacks")
_SAW_VERBS = frozenset({"see", "witness", "record", "register", "experience", "suffer", "report", "document"})


def _day_told(sentence: Span) -> bool:
    """Does the sentence tell one day ("on Monday", "yesterday")?"""
    return any(d.kind in DAY_KINDS for d in facts_of(sentence, published=None).dates)


def _count(token: Token) -> int:
    parsed = parse_number(token.text)
    return parsed[0] if parsed else 0


def in_period_toll(token: Token, *, day_dated: bool) -> bool:
    """A trigger that only tells a running total: the verb of a period toll
    ("1,200 have been killed so far this year"), or the cause of one
    ("clashes have killed nearly 250 people", "killed in attacks since
    January")."""
    if token.pos_ == "VERB":
        # "killed so far this year" (not "engaged in fighting since morning": an event going on)
        return token.lemma_.lower() in _TOLL_VERBS and is_period_toll(token, day_dated=day_dated)
    if token.dep_ == "conj":
        token = token.head  # "died in protests and violent confrontations"
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
        if head.lower_ in _LONG_UNITS and head.dep_ == "pobj" and \
                token.head.lower_ == "of" and head.head.dep_ == "prep":
            head = head.head.head  # "killed in more than two months of demonstrations"
    elif token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in _TOLL_VERBS and is_period_toll(head, day_dated=day_dated)


_TOLL_VERBS = frozenset({"kill", "die", "martyr", "claim", "leave", "displace", "uproot"})


def _one_victim(verb: Token) -> bool:
    """Does the verb tell one person's death ("Ahmed al-Rahawi, the prime minister,
    has been killed in Israeli airstrikes", "a soldier has died in clashes")?  One
    death is no running total, whatever the tense."""
    target = next((c for c in verb.children if c.dep_ in (
        ("nsubj", "nsubjpass") if verb.lemma_.lower() == "die" else ("nsubjpass", "dobj"))), None)
    return target is not None and target.tag_ in ("NN", "NNP") and target.lemma_.lower() not in _TALLY_NOUNS \
        and not any(c.dep_ in ("conj", "nummod") for c in target.children)


# Nouns of violence that lasts, counted as a whole (not "an attack in which …").
_STRETCH_NOUNS = frozenset({"violence", "fighting", "war", "conflict", "unrest", "bloodshed", "hostilities",
                            "insurgency", "bombardment", "campaign", "offensive", "crackdown", "siege"})


# Words that may qualify a stretch of violence without making it one happening
# ("armed clashes", "sectarian violence"); "twin car bomb attacks" is one.
_STRETCH_MODIFIERS = frozenset({"armed", "ongoing", "recent", "continued", "continuing", "sporadic", "sectarian",
                                "ethnic", "deadly", "heavy", "fierce", "intense", "renewed", "repeated", "daily",
                                "frequent", "cross-border", "tribal", "communal", "the", "these", "those", "such"})


_TALLY_NOUNS = frozenset({"toll", "tally", "total"})
# Verbs that tell when a stretch of violence began ("the fighting that erupted in April")
_BEGIN_VERBS = frozenset({"begin", "start", "erupt", "break", "flare", "escalate"})


def is_tallied_since(sentence: Span, *, at: Token | None = None) -> bool:
    """A count since a point in time, in a perfect tense or as a toll ("67,194
    Palestinians have been killed and 169,890 wounded since the beginning of
    the war", "Since March 18, the toll includes 13,598 killed"): a running
    total, whatever the parser attached "since" to.  ``at``: the figure's or
    the trigger's token; then only it is asked about (in "Two brothers were
    killed Monday …, bringing the total toll to 13 since Thursday" the two
    are the event's, the 13 the tally)."""
    if not any(t.lower_ == "since" and t.dep_ in ("prep", "mark") for t in sentence):
        return False
    if at is not None:
        perfect = any(c.lemma_ == "have" and c.dep_ in ("aux", "auxpass") for c in at.children) or (
            at.head.lemma_.lower() in _TOLL_VERBS and any(c.lemma_ == "have" and c.dep_ in ("aux", "auxpass")
                                                          for c in at.head.children))
        return perfect or any(t.lemma_.lower() in _TALLY_NOUNS for t in sentence if t.i < at.i)
    return any((t.lemma_ == "have" and t.dep_ in ("aux", "auxpass") and t.head.lemma_.lower() in _TOLL_VERBS)
               or t.lemma_.lower() in _TALLY_NOUNS for t in sentence)


def _few_days(tokens: list[str]) -> bool:
    """"over the past three days": a happening of a few days (dated from its
    first, ``etl.dates``), not a period's tally."""
    count = parse_number(tokens[-2]) if len(tokens) >= 2 and tokens[-1] == "days" else None
    return count is not None and 2 <= count[0] == count[1] <= PAST_DAYS_MAX


def is_period_toll(verb: Token, *, day_dated: bool) -> bool:
    """Is the toll told by ``verb`` ("killed", "died") a running or
    cumulative total, not one happening's?  "Since Israel's initial attack,
    639 people have been killed", "1,200 killed so far this year", "scores of
    people have been killed this week", "clashes have killed nearly 250
    people", "the war has killed thousands".  ``day_dated``: the sentence
    dates something to a day ("on Wednesday"), which makes a perfect tense
    ("have been killed in protests on Wednesday") a report, not a tally."""
    clause = [c for c in verb.children if c.dep_ not in ("relcl", "ccomp", "conj", "parataxis")]
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lx.SAY_VERBS:
        # "Since the campaign began, the ministry said 120 people have been killed":
        # the time of the report's frame is the toll's
        clause += [c for c in verb.head.children if c.dep_ in ("advcl", "prep") and c.i < verb.i]
    text = " " + " ".join(t.lower_ for c in clause for t in c.subtree) + " "
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)
    if any(c.lower_ == "since" and c.dep_ in ("prep", "mark") or perfect and c.dep_ == "advcl" and any(
            m.lower_ == "since" and m.dep_ == "mark" for m in c.children) for c in clause):
        return True  # "since the war began" (with "have been killed"; not the "since" of a cause), "since January"
    # (a range may hang on a conjunct: "236 were killed and 223 injured in drone operations
    # between April and June")
    ranged = text + " ".join(t.lower_ for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                             for g in c.children if g.dep_ == "prep" for t in g.subtree)
    if any(not _one_night(m) for m in _DATE_RANGE.finditer(ranged)):
        return True  # "killed between October 5-8", "between June 1 and June 9" (not "overnight on Nov. 23-24")
    if any(f" {adverb} " in text for adverb in _PERIOD_ADVERBS):
        return True
    # "over the past two months", "in recent weeks", "during the war"; with a
    # perfect tense also "this week" ("have been killed this week"; "was
    # raped last week" is a date)
    for c in clause:
        tokens = [t.lower_ for t in c.subtree]
        unit = next((g for g in c.children if g.dep_ == "pobj" and g.lower_ in _PERIOD_UNITS
                     and any(x.dep_ == "prep" and x.lower_ == "of" for x in g.children)), None)
        if unit is not None:
            # "in more than two months of demonstrations": the period is the object, what fills it follows
            tokens = [t.lower_ for t in c.subtree if t.i <= unit.i]
        if not tokens or "ago" in tokens:
            continue
        if tokens[-1] in _PERIOD_UNITS and not _few_days(tokens) and (
                (c.dep_ == "prep" and {"past", "last", "recent", "previous"} & set(tokens))
                or (perfect and {"this", "past", "last", "recent"} & set(tokens))
                or (perfect and c.dep_ == "prep" and c.lower_ in ("in", "within", "over"))):
            return True  # (and "in just one week, we have lost over 20 community members")
        if c.lower_ in ("during", "throughout", "in") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _WAR_NOUNS for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ in ("during", "throughout", "in", "over", "for") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("half", "quarter") for g in c.children):
            return True  # "killed a record 7,620 people in the Sahel during the first half of 2024"
    if verb.dep_ == "relcl" and verb.head.lower_ in _LONG_UNITS and any(
            c.dep_ == "nummod" or c.lower_ in ("several", "many") for c in verb.head.children) and any(
            c.dep_ == "prep" and any(g.tag_ == "WDT" for g in c.children) for c in verb.children):
        return True  # "more than two months of demonstrations during which more than 360 people died" (not
        # "one of the deadliest crackdowns in years in which 7 were killed")
    war_of = verb.head.lemma_.lower() in _WAR_NOUNS or any(  # "four decades of conflict that killed"
        g.lemma_.lower() in _WAR_NOUNS for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj")
    if verb.dep_ == "relcl" and war_of:
        return True  # "an insurgency that has killed over 40,000 people"
    if not day_dated and verb.dep_ == "relcl" and verb.head.lemma_.lower() in _STRETCH_NOUNS and \
            not any(d.dep_ in ("det", "nummod") and d.lower_ in ("a", "an", "one") for d in verb.head.children):
        # "escalated into widespread violence in which more than 1,000 people were killed"; a war's
        # toll whatever day the sentence tells ("On May 12, the PKK announced its dissolution,
        # ending four decades of conflict that killed over 40,000 people")
        return True
    if not day_dated and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and any(
            a.pos_ == "NOUN" and a.lemma_.lower() in _WAR_NOUNS
            for a in ancestors(verb.head, limit=6)):
        # "a five-year conflict between forces loyal to Kiir and Machar, which killed nearly
        # 400,000 people": the parse hangs the clause on the last noun of the war's phrase
        return True
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in _STRETCH_NOUNS and any(
            r.dep_ == "relcl" and r.lemma_.lower() in _BEGIN_VERBS for r in c.subtree) for c in verb.children):
        return True  # "ethnic violence that began in May 2023 killed more than 260 people": its whole toll
    if not perfect or day_dated or _one_victim(verb):
        return False
    # "clashes have killed 250", "the war has killed thousands", "have been killed in attacks"
    # (also "killed and 436 injured in armed clashes": the cause shared with a conjunct)
    shared = [g for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" for g in c.children
              if g.dep_ in ("prep", "agent")]
    for c in [*verb.children, *shared]:
        nouns = [c] if c.dep_ in ("nsubj", "agent") else []
        if c.dep_ in ("prep", "agent"):
            nouns = [g for g in c.children if g.dep_ == "pobj"]
        for noun in nouns:
            lemma = noun.lower_
            if lemma in ("war", "conflict", "fighting", "violence", "insurgency", "unrest", "hostilities") and \
                    not any(d.dep_ == "nummod" for d in noun.children):
                return True  # "the war has killed thousands"
            # "clashes have killed 250", "have been killed in armed clashes" (not "twin car bomb attacks")
            bare = all(d.lower_ in _STRETCH_MODIFIERS or d.ent_type_ == "NORP" for d in noun.children
                       if d.dep_ in ("det", "nummod", "poss", "amod", "compound"))
            if lemma in _CONFLICT_NOUNS and noun.tag_ == "NNS" and bare:
                return True
    return False
