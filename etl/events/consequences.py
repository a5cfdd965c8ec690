"""Happenings that are part of another: what violence told in the same
article brings about or is made of -- troops moved, people fleeing, property
destroyed, arrests in unrest -- is no event of its own (ACLED codes it with
the violence).  ``places_fit`` is the grouping's test of whether a mention
fits a happening's places (:func:`etl.events.happenings._places_fit`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from etl import lexicon as lx
from etl.events.core import HARM_VERBS, REPORT_DAYS, VIOLENT, Draft
from etl.events.crowds import UNREST_WORDS, unrest_text
from etl.events.facts import casualties_of
from etl.events.syntax import ancestors

if TYPE_CHECKING:
    from etl.events.happenings import Happening, Mention

    PlacesFit = Callable[[Mention, Happening], bool]


# Weapons taken: the spoils of a raid or fight told beside them.
_SEIZURES = frozenset({"seize", "seizure", "confiscate", "confiscation", "recover", "recovery", "haul"})
# Non-violent developments that an armed happening brings about or is made of:
# troops sent, withdrawn or retreating, people fleeing (property destroyed: see
# _damage_of_violence).
_CONSEQUENCES = frozenset({"Change to group/activity", "Other"})


def consequence_of_violence(happening: Happening, happenings: Sequence[Happening], *, places_fit: PlacesFit) -> bool:
    """Is the happening a troop movement, a flight or weapons seized, told
    around a violent happening of the article, in its country and within a
    few days ("the army has withdrawn from El Fasher after the city's
    capture", "26,000 people have fled the fighting", "authorities seized 31
    rifles"), property destroyed in the violence, or arrests in the unrest?
    ACLED codes these as part of the violence, not as events of their own."""
    if happening.event_type != lx.STRATEGIC or any(m.draft.trigger.event_type != lx.STRATEGIC
                                                   for m in happening.mentions):
        return False
    if happening.sub_event_type == "Looting/property destruction":
        return _damage_of_violence(happening, happenings, places_fit=places_fit)
    if happening.sub_event_type == "Arrests":
        if all(_arrests_in_violence(m.draft) for m in happening.mentions):
            return True
        if any(_names_whom(m.draft) or _beside_killing(m.draft) for m in happening.mentions):
            return False
        return _told_beside(happening, happenings, places_fit=places_fit, types=_UNREST_OR_VIOLENT,
                            counts=_more_than_an_operation)
    if happening.sub_event_type == "Disrupted weapons use":
        # "Authorities seized 31 rifles" after the raid that killed 64: its spoils (a
        # shoot-down or a bomb defused is a happening of its own)
        if any(m.draft.trigger.token.lemma_.lower() not in _SEIZURES for m in happening.mentions):
            return False
    elif happening.sub_event_type not in _CONSEQUENCES:
        return False
    if happening.sub_event_type == "Other" and any(m.draft.trigger.token.lemma_.lower() not in lx.DISPLACEMENT_LEMMAS
                                                   for m in happening.mentions):
        return False  # a prison break in the fighting is news of its own
    return _told_beside(happening, happenings, places_fit=places_fit, types=VIOLENT)


def _told_beside(happening: Happening, happenings: Sequence[Happening], *, places_fit: PlacesFit,
                 types: Collection[str], counts: Callable[[Happening], bool] = lambda h: True) -> bool:
    """Is another happening of ``types`` (that ``counts``) told in the
    article at the happening's place, within a few days of it?"""
    when = happening.dated().date_value
    return any(other is not happening and other.event_type in types and counts(other)
               and places_fit(happening.anchor, other) and _days_fit(when, other) for other in happenings)


# the unrest a sentence tells beside arrests: a text's unrest words, and its violence
# (and the police's means against a crowd: "fired tear gas ..., arresting dozens")
_UNREST_HERE = UNREST_WORDS | frozenset({"rioting", "clashes", "violence", "gathering", "gas", "teargas", "baton",
                                         "lathi"})
_BEFORE_OR_AFTER = frozenset({"after", "following", "before", "ahead", "since", "anticipation"})


def _arrests_in_violence(draft: Draft) -> bool:
    """Arrests told in a sentence that tells the unrest they were part of
    ("dispersed the gathering, and six settlers were arrested", "the
    officer, who was attacked by the crowd, has been detained"), or, in a
    text about protests or unrest, its dead or hurt ("At least five people
    have been killed and more than 1,200 arrested"): part of that event, as
    ACLED codes them, not an event of their own.  Not unrest told as what
    came before or is to come ("rounded up suspects after the riot", "in
    anticipation of mass protests next week"), nor soldiers who "arrested 12
    suspected militants and killed two others"."""
    sentence = draft.sentence
    if any(c.dep_ == "prep" and c.lower_ == "during" and any(
            o.dep_ == "pobj" and _violence_noun(o) and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that")
                                                           for d in o.children)
            for o in c.children) for c in draft.trigger.token.children):
        return True  # "five suspects were arrested during the incident": the violence told
                     # (not "during the search the force detained one suspected insurgent")
    if any(t.lower_ in _UNREST_HERE and not any(a.lower_ in _BEFORE_OR_AFTER or any(
            m.dep_ == "mark" and m.lower_ in _BEFORE_OR_AFTER for m in a.children) for a in ancestors(t, limit=3))
           for t in sentence):
        return True
    return unrest_text(sentence.doc) and any(c.kind in ("killed", "injured") for c in casualties_of(sentence))


# what arrests of people no text names are part of, told in the same article
_UNREST_OR_VIOLENT = VIOLENT | {lx.PROTESTS}
# security operations that may be nothing but the arrests they made
_OPERATIONS = frozenset({"operation", "raid", "search", "sweep", "crackdown", "patrol"})
# who is arrested: the object of "arrested", the subject of "were arrested"
_ARRESTED = frozenset({"dobj", "nsubjpass", "nsubj", "appos", "attr"})


def _violence_noun(token: Token) -> bool:
    """"the incident", "the attack", "the clashes", "the riot": a noun for
    violence or unrest."""
    lower = token.lower_
    if token.lemma_.lower() in _OPERATIONS:
        return False  # "during the operation, the force detained two suspects": the arrests are the operation
    return lower == "incident" or lower in _UNREST_HERE or \
        lx.NOUN_TRIGGERS.get(token.lemma_.lower(), ("",))[0] in _UNREST_OR_VIOLENT


def _more_than_an_operation(happening: Happening) -> bool:
    """Is the happening told as more than a security operation ("conducted an
    operation targeting a Taliban leader", whose arrests are the event): a
    word of violence, or someone killed or hurt?"""
    return any(m.draft.trigger.token.lemma_.lower() not in _OPERATIONS or m.draft.casualties
               for m in happening.mentions)


def _names_whom(draft: Draft) -> bool:
    """Does the mention name whom it arrests ("placed Riek Machar under house
    arrest", "officer Luis Magallanes had been detained", "Machar's arrest", "the
    arrest of Tyler Robinson")?
    Not "1,214 people had been arrested", "arresting 81 suspects", "two of
    those arrested": people no one names, whose arrest is part of the unrest
    or the raid the article tells (ACLED codes a mass arrest at a
    demonstration or in an operation with that event; an arrest of its own is
    of someone named)."""
    token = draft.trigger.token
    people = [c for c in token.children if c.dep_ in _ARRESTED or c.dep_ == "poss"]
    if token.pos_ == "NOUN":
        # "announced the arrest of Tyler Robinson"
        people += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]
    if token.dep_ in ("acl", "relcl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        people.append(token.head)
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        # "placed Riek Machar under house arrest", "Machar, who is under house arrest"
        verb = token.head.head
        people += [c for c in verb.children if c.dep_ in _ARRESTED]
        if verb.dep_ == "relcl":
            people.append(verb.head)
    for person in people:
        words = list(person.subtree)
        if any(w.ent_type_ == "PERSON" or (w.pos_ == "PROPN" and w.ent_type_ != "NORP") for w in words):
            return True  # (not "five Israeli suspects": people of a nationality)
        if any(w.lemma_.lower() in lx.OFFICE_WORDS for w in words):
            return True  # "the president's army staff and a number of ministers": holders of office
    return False


def _beside_killing(draft: Draft) -> bool:
    """Is the arrest one of two acts of the same people, the other a killing
    ("Soldiers arrested 12 suspected militants and killed two others")?
    Then it is an act of its own, not a part of the violence."""
    token = draft.trigger.token
    return any(c.lemma_.lower() in HARM_VERBS for c in token.conjuncts)


def _damage_of_violence(happening: Happening, happenings: Sequence[Happening], *, places_fit: PlacesFit) -> bool:
    """"The bombing caused a huge fire that burned down 500 houses", "the
    gang stormed the city, set fire to homes and raided the prison",
    "Three were killed in a settler attack on Kafr Malik … settlers burned
    vehicles and houses in the town": property destroyed, in every sentence
    that tells it, at the place of a violent happening told by then (within a
    few days of it in the same sentence, a day in another) is the damage that
    violence did (ACLED codes looting and destruction as events of their own
    only without other violence).  Not a further act told as one ("They also
    set ablaze two vehicles", "the Maoists then set ablaze a number of
    homes"), which SATP codes beside the attack."""
    when = happening.dated().date_value
    for mention in happening.mentions:
        index = mention.draft.sentence_index
        if _further_act(mention.draft):
            return False
        if not any(other is not happening and other.event_type in VIOLENT and places_fit(mention, other)
                   and other.mentions[0].draft.sentence_index <= index
                   and _days_fit(when, other, days=REPORT_DAYS if any(
                       m.draft.sentence_index == index for m in other.mentions) else 1)
                   for other in happenings):
            return False
    return True


# adverbs that tell an act as one more beside those told
_FURTHER = frozenset({"also", "then", "later", "additionally", "subsequently"})


def _further_act(draft: Draft) -> bool:
    """"They also set ablaze two vehicles": the destruction told as an act of
    its own after the violence."""
    token = draft.trigger.token
    verb = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "advmod" and c.lower_ in _FURTHER for c in verb.children)


def _days_fit(when: date | None, happening: Happening, *, days: int = REPORT_DAYS) -> bool:
    other = happening.dated().date_value
    return when is None or other is None or abs((when - other).days) <= days

