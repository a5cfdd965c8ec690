"""Mentions of an event told before, or only reacted to: reactions,
ceremonies and analysis about an event ("condemned the attack", "funeral
prayers for those killed"), definite mentions of a known event ("the
attack", "amid the ceasefire"), and the words that set a happening apart
from those told before ("another attack", "in one village").  Split from
:mod:`etl.events.realis`, which asks whether a trigger happened at all."""

from __future__ import annotations

from spacy.tokens import Token

from etl import lexicon as lx
from etl.events.syntax import ancestors

# Verbs whose object is an event only reacted to, looked into or talked about
# ("condemned the attack", "visited the site of the blast", "described the
# strike as horrific"): the event, if real, is told elsewhere.
REACTION_VERBS = frozenset({
    "condemn", "denounce", "decry", "deplore", "mourn", "slam", "criticize", "criticise", "lament",
    "regret", "describe", "term", "label", "investigate", "probe", "discuss", "visit", "tour",
    "commemorate", "remember", "honour", "honor", "react", "respond", "hail", "praise", "welcome",
    "mark", "analyse", "analyze", "discuss", "debate",
})
# Verbs that name what was told ("called the attack a massacre")
_NAMING_VERBS = frozenset({"call", "name", "dub", "term", "label", "brand", "deem"})
# Nouns of reactions and ceremonies ("condolences to the victims of the
# attack", "funeral prayers for those killed").
REACTION_NOUNS = frozenset({
    "condemnation", "condolence", "condolences", "sympathy", "sympathies", "shock", "outrage", "grief",
    "mourning", "funeral", "funerals", "burial", "vigil", "prayer", "prayers", "memorial", "tribute",
    "investigation", "probe", "inquiry", "reaction", "reactions", "commemoration", "pattern",
})
_CONTENT_MARKS = frozenset({"that", "whether", "if"})


def reaction_frame(token: Token) -> bool:
    """Is the trigger what a reaction, a ceremony or an analysis is about
    ("I strongly condemn the terror attack", "funeral prayers were held for
    those killed in the attack", "the latest in a pattern of strikes"),
    rather than a report of it?  A reported clause ("appalled by reports
    that 460 patients were shot dead") still reports the event.  So is a
    name given to what the text tells ("called the attack a massacre of
    civilians")."""
    if token.dep_ == "oprd" and token.head.lemma_.lower() in _NAMING_VERBS:
        return True
    node = token
    for parent in ancestors(token, limit=7):
        if node.dep_ in ("ccomp", "advcl", "parataxis") or any(
                c.dep_ == "mark" and c.lower_ in _CONTENT_MARKS for c in node.children):
            return False  # a clause of its own: "said that …", "reports that …"
        lemma = parent.lemma_.lower()
        if parent.pos_ in ("NOUN", "PROPN") and (lemma in REACTION_NOUNS or parent.lower_ in REACTION_NOUNS):
            return True
        if parent.pos_ in ("VERB", "AUX"):
            if lemma in REACTION_VERBS and not (lemma == "slam" and any(
                    c.dep_ == "prep" and c.lower_ in ("into", "onto") for c in parent.children)):
                return True  # (not "rockets fired from Iran slammed into Kilis": a blow, not words)
            if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.lemma_.lower() in REACTION_NOUNS
                                                                 or c.lower_ in REACTION_NOUNS)
                   for c in parent.children):
                # "funeral prayers were held for those killed in the attack", "offered
                # condolences to the victims of the attack"
                return True
            if parent.dep_ not in ("xcomp", "acl", "relcl", "conj", "pcomp", "advcl"):
                return False
        node = parent
    return False


_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
_DISTINCT = frozenset({"another", "second", "third", "fourth", "separate", "fresh", "new", "further", "follow-up",
                       "subsequent", "renewed", "additional", "similar"})


_STREETS = frozenset({"street", "streets"})


def anaphoric(token: Token) -> bool:
    """A definite mention of an event ("the attack", "this strike", "their
    assault"): it names an event the text has told or assumes known.  Not
    "the" event of someone it names ("announced the arrest of Tyler
    Robinson"): the name makes it definite, the text may tell it first."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() in _STREETS:
        return False  # (the "streets" crowds took to or filled are no event told before)
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC]
    if dets == ["the"] and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and g.ent_type_ == "PERSON" for g in c.children) for c in token.children):
        return False
    return bool(dets)


def presupposed(token: Token) -> bool:
    """An event named as the setting of another ("despite a truce reached in
    November 2024", "amid the ceasefire"): the article's news is elsewhere."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in lx.SETTING_PREPS


TOWN_WORDS = frozenset({"city", "town", "village"})
# Sites a weapon is aimed at or kept from ("to prevent it from reaching the field")
TARGET_SITES = TOWN_WORDS | {"field", "base", "plant", "airport", "facility", "refinery", "site", "depot", "port",
                             "station"}


def town_told_before(noun: Token, *, words: frozenset[str] = TOWN_WORDS) -> bool:
    """"The city", "this town" (or another of ``words``: "the field"): a
    place the text has named before."""
    return noun.lemma_.lower() in words and any(d.dep_ == "det" and d.lower_ in ("the", "this")
                                                for d in noun.children)


# Words that open a sentence on another happening ("Separately, two Levies personnel were shot
# dead", "Simultaneously, suspected settlers attacked two villages")
_SET_APART = frozenset({"separately", "elsewhere", "simultaneously", "meanwhile"})


def distinct_happening(token: Token) -> bool:
    """"Another attack", "a second strike", "a follow-up drone attack",
    "fresh clashes", "killed in a separate attack": a happening other than
    those told before."""
    if _distinct_words(token):
        return True
    # "Separately, two Levies personnel were shot dead": a happening the sentence sets apart
    # first thing (not "rebels negotiating separately with the DRC": how they negotiate)
    verb = token if token.pos_ in ("VERB", "AUX") else token.head if token.dep_ in ("oprd", "acomp") else None
    if verb is not None and any(c.dep_ == "advmod" and c.lower_ in _SET_APART and c.i == c.sent.start
                                for c in [*verb.children, *verb.head.children]):
        return True
    # "two soldiers were killed in a separate attack": the happening a toll is told in
    if any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
            o.dep_ == "pobj" and o.pos_ == "NOUN" and _distinct_words(o) for o in c.children)
            for c in token.children):
        return True
    return site_apart(token)


_SPREAD_VERBS = frozenset({"spread", "expand", "extend", "widen", "reach"})


def spread_to(token: Token) -> bool:
    """Is the event told as spreading to places ("The unrest, which expanded
    to cities including Hamadan and Isfahan on Monday", "protests spread to
    Karaj")?  The places it reached are sites of their own, not the place of
    the happening told before."""
    verbs = [c for c in token.children if c.dep_ == "relcl"] + ([token.head] if token.dep_ == "nsubj" else [])
    return any(verb.lemma_.lower() in _SPREAD_VERBS and any(
        c.dep_ == "prep" and c.lower_ in ("to", "into") for c in verb.children) for verb in verbs)


def site_apart(token: Token) -> bool:
    """"In one village, more than 200 were killed", "raids of the other
    villages killed 38": a site told apart from those told before."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at", "of", "on") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in SITE_NOUNS and any(
            (d.dep_ in ("det", "nummod") and d.lower_ in ("one", "another")) or (d.dep_ == "amod" and d.lower_ == "other")
            for d in o.children) for o in c.children) for c in token.children)


SITE_NOUNS = frozenset({"village", "town", "city", "district", "area", "neighbourhood", "neighborhood", "camp",
                        "locality", "hamlet", "settlement", "market", "site"})


def _distinct_words(token: Token) -> bool:
    words = {c.lower_ for c in token.children if c.dep_ in ("det", "amod", "compound", "nummod", "advmod")}
    return bool(words & _DISTINCT) or any(c.dep_ == "compound" and c.lower_ == "follow" for c in token.children)


_WHERE_VERBS = frozenset({"happen", "occur", "unfold"})


def took_place(verb: Token) -> bool:
    """Is the verb "took place", "happened", "occurred" or "unfolded"?"""
    lemma = verb.lemma_.lower()
    return lemma in _WHERE_VERBS or (
        lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))


def told_where(token: Token) -> bool:
    """The event word is what "took place", "happened" or "occurred" at a
    place ("The shooting took place in Orebro, some 200 km west of
    Stockholm"), or what there was at a place: a sentence told to say where
    the event was, which places it even when the word refers back to it."""
    verb = token.head
    if token.dep_ == "attr" and verb.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in verb.children):
        # "There was a shooting at the church in south Minneapolis": what there was, and where
        return any(c.dep_ == "prep" and c.lower_ in _WHERE_PREPS for c in (*token.children, *verb.children))
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or not took_place(verb):
        return False
    return any(c.dep_ == "prep" and c.lower_ in _WHERE_PREPS for c in verb.children)


_WHERE_PREPS = frozenset({"in", "at", "near", "outside"})
