"""Mentions of an event told again in the sentences after it: a definite
"the attacks" that names the weapon gives the attack its sub-type, a
chemical agent named for the munitions makes it a Chemical weapon attack,
the event told again gives way to a new one of another type in its
sentence, and "the attack(s)" after a non-violent event is no new event."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.events.territory import TERRITORY_TAKEN
from etl.events.core import HARM_VERBS, Draft, Trigger, VIOLENT
from etl.events.anaphora import anaphoric


_ANAPHORIC_DETS = frozenset({"the", "this", "these", "that", "those", "both"})


_BARE_REFERENCES = frozenset({"strike", "bombing"})


def bare_reference(token: Token, sentence: Span) -> bool:
    """A definite "the strike" or "the bombing" in a sentence that names no
    weapon ("Twenty were injured in the strike", "The bombing caused a huge
    fire") refers back to the attack told: it does not make that attack an
    air strike, nor an air strike a planted bomb (bombs fall from aircraft
    as well)."""
    if token.lemma_.lower() not in _BARE_REFERENCES or token.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return False
    words = {t.lower_ for t in sentence if t.i != token.i}
    return not any(words & vocabulary for vocabulary, _, _ in lx.WEAPON_SUBTYPES)


_GENERIC_ATTACKS = frozenset({"attack", "assault", "raid", "kill", "strike", "operation", "offensive"})


def specify_previous(drafts: Sequence[Draft], trigger: Trigger, *, sentence_index: int) -> None:
    """"Attacks were launched in 11 places. The attacks, mostly with
    grenades, …": a definite mention of the attack just reported that names
    the weapon gives that event its sub-type (the two then merge)."""
    token = trigger.token
    if trigger.event_type != lx.REMOTE or token.pos_ != "NOUN" or \
            not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in token.children) or \
            bare_reference(token, token.sent):
        return
    previous = next((d for d in reversed(drafts) if d.trigger.event_type in VIOLENT
                     and sentence_index - d.sentence_index <= 2), None)
    if previous is None or previous.sentence_index == sentence_index:
        return
    old = previous.trigger
    if (old.event_type, old.sub_event_type) == (lx.BATTLES, "Armed clash") and \
            old.token.lemma_.lower() in _GENERIC_ATTACKS:
        previous.trigger = Trigger(old.token, trigger.event_type, trigger.sub_event_type, old.strong)


# what a violent event told just before is called when told again
_TOLD_AGAIN_NOUNS = frozenset({"attack", "assault", "attempt"})


def as_told_before(drafts: Sequence[Draft], trigger: Trigger, *, sentence_index: int) -> Trigger:
    """"At least 40 civilians were killed in an airstrike … The attack
    reportedly occurred in the village of X on Wednesday": a definite
    "the attack", "the assault" or "the assassination attempt", with no weapon of its own, in one of the
    two sentences after a violent event of another type is that event told
    again, and takes its type (the two then merge, the place and day told
    here with them)."""
    token = trigger.token
    if (trigger.event_type, trigger.sub_event_type) not in ((lx.BATTLES, "Armed clash"), (lx.VAC, "Attack")):
        return trigger
    if trigger.background:
        return trigger  # "The strikes followed the April 22 attack in Pahalgam": an earlier happening recalled
    # the noun itself, or what a harm verb says it did ("The attack killed five people")
    nouns = [token] if token.pos_ == "NOUN" else \
        [c for c in token.children if c.dep_ == "nsubj"] if token.lemma_.lower() in HARM_VERBS else []
    # ("the cowardly assassination attempt": the article and the head noun may be the compound's)
    nouns += [n.head for n in nouns if n.dep_ == "compound" and n.head.lemma_.lower() == "attempt"]
    if not any(n.pos_ == "NOUN" and n.lemma_.lower() in _TOLD_AGAIN_NOUNS and n.tag_ == "NN" and
               any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in n.children) for n in nouns):
        return trigger
    previous = next((d for d in reversed(drafts) if 0 < sentence_index - d.sentence_index <= 2
                     and not d.trigger.background), None)
    if previous is None or previous.trigger.event_type not in VIOLENT or previous.trigger.event_type == lx.BATTLES:
        return trigger
    return Trigger(token, previous.trigger.event_type, previous.trigger.sub_event_type, trigger.strong,
                   trigger.background)


_CHEMICAL_WORDS = next(vocabulary for vocabulary, _, subtype in lx.WEAPON_SUBTYPES if subtype == "Chemical weapon")


_MUNITIONS = lx.AERIAL_WEAPON_WORDS | {"shell", "bomb", "bombs", "attack", "attacks", "strike", "strikes"}


def chemical_told_later(drafts: Sequence[Draft], sentence: Span, *, sentence_index: int) -> None:
    """"Rebels fired shells into the city.  Residents suspect the shells
    carried poisonous gas": a chemical agent named for the munitions of the
    attack just reported ("the shells", "the attack") makes it a Chemical
    weapon attack (ACLED: any use of chemical agents)."""
    words = {t.lower_ for t in sentence}
    if not words & _CHEMICAL_WORDS or "tear" in words:
        return
    if not any(t.lower_ in _MUNITIONS and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in t.children)
               for t in sentence):
        return
    previous = next((d for d in reversed(drafts) if d.trigger.event_type in (lx.REMOTE, lx.BATTLES)
                     and 0 < sentence_index - d.sentence_index <= 2), None)
    if previous is not None:
        old = previous.trigger
        previous.trigger = Trigger(old.token, lx.REMOTE, "Chemical weapon", old.strong)


# Not "the operation": after arrests, the operation is where a toll is told.
_TOLD_AGAIN = frozenset({"attack", "assault", "raid", "strike"})


def without_told_again(triggers: list[Trigger], drafts: Sequence[Draft], *, sentence_index: int) -> list[Trigger]:
    """"Israel's bombing of the ministry comes amid ongoing clashes in
    Sweida": a definite mention of the violent event the previous sentence
    told ("the strike", "Israel's bombing") gives way to a new violent event
    of another type in the sentence, so that one is not lost to
    one-violent-event-per-sentence."""
    told: set[str] = set()
    for d in reversed(drafts):  # the drafts are in text order: only the last ones can be that recent
        if sentence_index - d.sentence_index > 1:
            break
        if d.sentence_index < sentence_index:
            told.add(d.trigger.event_type)
    again = [t for t in triggers if t.event_type in VIOLENT and t.event_type in told and _definite(t.token)]
    # a new event of another type; one of the same type elaborates the one told
    # again ("the strike on the hospital was part of a wider barrage")
    if not again:
        return triggers
    other_types = VIOLENT - {t.event_type for t in again}
    fresh = [t for t in triggers if t not in again]
    told = {t.token.i for t in again}
    # (not "the strike … killed five people": what the event told again did)
    return fresh if any(t.event_type in other_types and not _definite(t.token) and
                        not any(c.dep_ == "nsubj" and c.i in told for c in t.token.children)
                        for t in fresh) else triggers


def _definite(token: Token) -> bool:
    """"The strike", "this attack", "Israel's bombing": an event told before."""
    return anaphoric(token) or (token.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.pos_ == "PROPN" and any(g.dep_ == "case" for g in c.children)
        for c in token.children))


def refers_back(drafts: Sequence[Draft], trigger: Trigger, *, sentence_index: int) -> bool:
    """"Air defences intercepted the missiles.  The attacks were launched
    from the sea": a definite "the attack(s)" (the trigger, or what it
    launched or carried out) in one of the two sentences after a
    non-violent event is told again, not a new attack."""
    token = trigger.token
    nouns = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    if not any(n.pos_ == "NOUN" and n.lemma_.lower() in _TOLD_AGAIN
               and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in n.children) for n in nouns):
        return False
    previous = next((d for d in reversed(drafts) if 0 < sentence_index - d.sentence_index <= 2
                     and d.trigger.sub_event_type != "Diplomacy"), None)
    # after a violent event the mention merges with it (and brings its toll): only
    # after a non-violent one would it become a new, violent main event
    return previous is not None and previous.trigger.event_type not in VIOLENT


def during_event_told(drafts: Sequence[Draft], trigger: Trigger, *, sentence_index: int) -> bool:
    """"A riot broke out in the prison.  Explosions and gunfire took place
    during the riots": violence told as happening during an event just told
    ("during the riots", "during the attack") is part of it, not another
    happening (its toll, if any, is that event's)."""
    token = trigger.token
    if trigger.event_type not in VIOLENT or trigger.sub_event_type in TERRITORY_TAKEN:
        return False  # ("seizing control of an army base during the attack": what the attack won)
    holders = {token.i, token.sent.root.i, *(a.i for a in token.ancestors)}
    for prep in token.sent:
        if prep.dep_ != "prep" or prep.lower_ != "during" or prep.head.i not in holders:
            continue
        for noun in prep.children:
            kind = lx.NOUN_TRIGGERS.get(noun.lemma_.lower())
            if noun.dep_ != "pobj" or not any(
                    c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC_DETS | {"its", "their"} for c in noun.children):
                continue
            if kind is None and noun.lemma_.lower() == "incident" and any(
                    d.sentence_index < sentence_index and d.trigger.event_type in VIOLENT for d in drafts):
                return True  # "During the incident the father was shot by police": the attack told
            if kind is None or kind[0] == trigger.event_type:
                continue
            if any(d.sentence_index < sentence_index and d.trigger.event_type == kind[0] for d in drafts):
                return True  # ("the riots": the ones the article told)
    return False

