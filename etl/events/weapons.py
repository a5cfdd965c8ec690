"""Attributes, type: the weapon a sentence names, which refines a generic
attack ("drones struck", "a tank strike", "an aerial assault").

Not the target's weapons ("destroying several helicopters", "targeting
chemical weapons facilities"), an anti-aircraft gun, an air force, a think
tank, nor the weapon of another attack the sentence refers back to or blames
("in retaliation for a gas attack").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.events.offsets import recalled_offset
from etl.events.realis import is_attributed, is_background
from etl.events.syntax import object_words

__all__ = ["weapon_named", "weapon_subtype", "weapon_words"]

_TARGETING_VERBS = frozenset({"destroy", "damage", "target", "down", "intercept", "seize", "capture"})


def weapon_words(sentence: Span, trigger: Token | None = None) -> set[str]:
    """The sentence's words that can name the weapon used: not the target
    ("destroying several helicopters", "targeting chemical weapons
    facilities"), an "anti-aircraft" gun, nor the weapon of another attack
    the sentence refers back to or blames ("in retaliation for a gas
    attack", "accused of a chlorine attack")."""
    words: set[str] = set()
    told_now = trigger is not None and recalled_offset(trigger) is None
    for t in sentence:
        if t.lower_ in _ALL_WEAPON_WORDS and (is_background(t) or is_attributed(t) or (
                told_now and recalled_offset(t) is not None)):
            continue  # (and "days after Pakistan carried out airstrikes in Kabul": an earlier event's)
        if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB" and t.head.lemma_.lower() in _TARGETING_VERBS:
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() == "exchange" or \
                t.dep_ == "dobj" and t.head.lemma_.lower() in lx.FIRE_EXCHANGE_VERBS:
            continue  # "killed in an exchange of bombs", "traded artillery fire": both sides fired, a battle
        if t.dep_ in ("compound", "amod") and t.head.dep_ in ("dobj", "nsubjpass") and \
                t.head.head.pos_ == "VERB" and t.head.head.lemma_.lower() in _TARGETING_VERBS:
            continue
        if t.i > sentence.start and sentence.doc[t.i - 1].lower_ in ("anti", "anti-", "-") and \
                sentence.doc[max(sentence.start, t.i - 2)].lower_ in ("anti", "anti-"):
            continue
        if t.lower_ == "air" and t.i + 1 < sentence.end and sentence.doc[t.i + 1].lower_ in _AIR_NOT_WEAPON:
            continue  # "the Burkina Faso air force", "fired missiles at three air bases": not a weapon used
        if t.lower_ == "air" and t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and t.i > sentence.start and \
                sentence.doc[t.i - 1].lower_ == "the":
            continue  # "a smell of smoke lingering in the air", "fired into the air": the sky, no weapon
        if t.lower_ in ("tank", "tanks") and not _tank_fired(t):
            continue  # "a think tank", "a fuel tank": a tank only fires in "a tank strike", "tanks shelled"
        words.add(t.lower_)
    return words


# "air" before these words names a service, a place or a shield, not an attack from the air
_AIR_NOT_WEAPON = frozenset({"force", "forces", "base", "bases", "station", "stations", "field", "fields",
                             "defence", "defense", "defences", "defenses", "space"})
_TANK_FIRE = frozenset({"strike", "strikes", "fire", "shell", "shells", "shelling", "round", "rounds", "attack",
                        "attacks"})


def _tank_fired(tank: Token) -> bool:
    """"A tank strike", "tank fire", "tanks shelled the town": a tank's gun."""
    following = tank.doc[tank.i + 1] if tank.i + 1 < len(tank.doc) else None
    if following is not None and following.lower_ in _TANK_FIRE and tank.dep_ in ("compound", "nmod", "amod"):
        return True
    return tank.dep_ == "nsubj" and tank.head.lemma_.lower() in ("fire", "shell", "strike", "hit", "pound")


_ALL_WEAPON_WORDS = frozenset().union(*(vocabulary for vocabulary, _, _ in lx.WEAPON_SUBTYPES))


def weapon_subtype(words: set[str]) -> tuple[str, str] | None:
    for vocabulary, etype, subtype in lx.WEAPON_SUBTYPES:
        if words & vocabulary:
            return etype, subtype
    return None


def weapon_named(noun: Token) -> tuple[str, str] | None:
    """The type a weapon word said of the noun itself gives ("aerial
    assault", "drone raid", "missile barrage"), or ``None``."""
    return weapon_subtype({c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")})


_IMITATION = frozenset({"toy", "replica", "fake", "imitation", "mock", "dummy", "plastic"})


def only_imitations(token: Token) -> bool:
    """Are the things found or seized all toys or replicas ("found toy
    rifles and a toy gun")?"""
    things = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [c for thing in things for c in thing.conjuncts]
    return bool(things) and all(any(c.lower_ in _IMITATION for c in thing.children if c.dep_ in ("amod", "compound"))
                                for thing in things)


def device_made_safe(token: Token) -> bool:
    """Is what was "neutralised" an explosive ("the second contained an
    explosive device that did not go off and was neutralised by the bomb
    squad"), not fighters?  Its object, or the noun its clause (or the clause
    it is joined to) describes."""
    if token.lemma_.lower() not in ("neutralise", "neutralize"):
        return False
    words = object_words(token)
    if token.dep_ == "conj" and token.head.pos_ == "VERB":
        words |= object_words(token.head)
    return bool(words & lx.EXPLOSIVE_WORDS) and not words & lx.KILLED_FIGHTERS
