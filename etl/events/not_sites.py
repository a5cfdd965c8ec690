"""Place mentions that say nothing of where the story happened: a country
named as whose strikes or forces they are ("US strikes", "US and allied
Syrian forces"), a nationality said of a thing ("Palestinian flags") or a
news medium ("French television network France 24"), capital initials that
begin a person's name ("KP Sharma Oli"), a news agency in a credit
("(Xinhua)"); and a doubted reading that is still meant, a city known the
world over ("talks in Geneva" in a report that names the United States
more).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from etl import lexicon as lx
from etl.events.fallback_places import MEDIA_NOUNS, adjective_of_a_thing
from geo.records import Mention, Resolution

# Nouns of an armed act or force a country's name says whose it is: "US strikes", "the United States
# airstrikes", "a U.S. strike on the Ras Isa fuel port"
_ARMED_NOUNS = frozenset({"strike", "strikes", "airstrike", "airstrikes", "air", "attack", "attacks", "bombing",
                           "bombings", "raid", "raids", "shelling", "offensive", "invasion", "missile", "missiles",
                           "drone", "drones", "bombardment", "incursion", "military", "forces", "troops", "warplanes",
                           "jets", "navy"})


def names_the_attacker(doc: Doc, mention: Mention) -> bool:
    """Does a country's name stand before a noun of its armed act or forces
    ("US strikes", "the United States airstrikes", "U.S. forces", "US and
    allied Syrian forces")?  It says whose they are, not where they were."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    if doc[span.end].lower_ in _ARMED_NOUNS:  # (whatever the tagger calls "airstrikes")
        return True
    if doc[span.end].lower_ != "and":
        return False
    # "fired at US and allied Syrian forces": the first of two owners of the forces
    for token in doc[span.end + 1:min(len(doc), span.end + 4)]:
        if token.lower_ in _TROOPS:
            return True
        if not (token.ent_type_ == "NORP" or token.lower_ in _ALLIED):
            return False
    return False


_ALLIED = frozenset({"allied", "partner", "coalition", "government", "local"})
_TROOPS = frozenset({"forces", "troops", "military", "army", "soldiers", "personnel"})


# A place named in this many languages or more is known the world over ("Geneva": 60 names)
WORLD_KNOWN_NAMES = 30
WORLD_KNOWN_RATIO = 3
WORLD_KNOWN_POPULATION = 100_000


def known_the_world_over(resolution: Resolution) -> bool:
    """Is the resolver's doubted first reading a place known the world over,
    named in many more languages than any other reading ("talks in Geneva"
    in a report that names the United States but not Switzerland: Geneva,
    not Geneva, Illinois)?"""
    counts = [getattr(c.raw, "name_count", 0) for c in resolution.candidates]
    if not counts or counts[0] < WORLD_KNOWN_NAMES or any(counts[0] < WORLD_KNOWN_RATIO * other
                                                          for other in counts[1:]):
        return False
    top = resolution.candidates[0]
    # a city, and none the text calls a district or a province ("the Dara district of Panjshir")
    return top.place.population >= WORLD_KNOWN_POPULATION and \
        not any(reason.startswith("the text calls it a") and not reason.endswith(top.place.kind.replace("_", " "))
                for reason in top.reasons)


def names_a_thing(doc: Doc, mention: Mention) -> bool:
    """Is the nationality adjective said of a thing ("Palestinian flags")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and adjective_of_a_thing(span.root)


def names_media(doc: Doc, mention: Mention) -> bool:
    """Is the name that of a news medium ("told French television network
    France 24")?  It is no place of the story."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and ((span.root.dep_ == "appos" and span.root.head.lower_ in MEDIA_NOUNS)
                                 or (span.start > 0 and doc[span.start - 1].lower_ in MEDIA_NOUNS))


def name_initials(doc: Doc, mention: Mention) -> bool:
    """Capital initials that begin a person's name ("KP Sharma Oli's house"):
    no place, though a province goes by those letters."""
    if not (mention.surface.isupper() and len(mention.surface) <= 3):
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    following = doc[span.end]
    return following.ent_type_ == "PERSON" and following.text[:1].isupper() and following.idx == mention.end + 1


def agency_credit(doc: Doc, mention: Mention) -> bool:
    """A news agency named in a credit ("PUTRAJAYA, July 28 (Xinhua) --",
    "(Bernama via Xinhua)", "via Anadolu"): no place, though a town of that
    name exists."""
    if mention.surface.lower() not in lx.NEWS_AGENCIES:
        return False
    text = doc.text
    before = text[max(0, mention.start - 40):mention.start]
    after = text[mention.end:mention.end + 40]
    in_parentheses = "(" in before and ")" not in before.rsplit("(", 1)[-1] and ")" in after.split("(", 1)[0]
    return in_parentheses or re.search(r"\bvia\s*$", before) is not None
