"""Attributes, type: who took a place, and was it taken by force.

Who takes a place decides Government regains vs Non-state actor overtakes
territory (the taker's head noun, or its apposition: "the White Army, a
militia loyal to Machar"); a place taken, entered or controlled after a
withdrawal or without resistance ("met no resistance") changed hands
without violence, and "seize it" there stands for the place.  Ground taken
"from" a named side ("took the city from the SDF") is territory taken, and a
verb whose object is a named place takes that place.  Control of the country
or the government (a coup's claim) is no ground taken.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl import lexicon as lx
from etl.events.actors import GROUP_KEYS, find_actors, subject_verbs
from etl.events.core import Trigger
from etl.events.syntax import sent_of

TERRITORY_TAKEN = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _taker(token: Token) -> Token | None:
    """The subject (or passive agent) of the verb that takes a place; a
    pronoun subject of a reported clause stands for the reporter's subject
    ("the army confirmed it regained the town")."""
    for verb in subject_verbs(token):
        current: Token | None = verb
        for _ in range(3):
            if current is None:
                break
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            if subject is None:
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subject is not None and subject.pos_ != "PRON":
                return subject
            if subject is not None and subject.lower_ in ("it", "they"):
                # "the army recaptured it …, in the offensive that saw it retake Khartoum": the
                # subject told before it in the sentence
                told = [t for t in sent_of(subject) if t.i < subject.i and t.dep_ == "nsubj"
                        and t.pos_ in ("NOUN", "PROPN")]
                if told:
                    return told[-1]
            if subject is None and current.dep_ == "ccomp" and \
                    any(c.dep_ == "nsubjpass" for c in current.children):
                break  # "the party announced that its leader has been arrested": by whom, not told
            if subject is None and current.dep_ == "conj" and any(c.dep_ == "auxpass" for c in current.children):
                return None  # "the leader identified himself and was detained": the subject is who was taken
            if current.dep_ not in ("ccomp", "conj", "xcomp") or current.head.i == current.i:
                break
            current = current.head
    return None


def state_taker(token: Token) -> bool | None:
    """True when state forces take the place, False for anyone else, None
    when the text does not say (by the head noun of the taker)."""
    taker = _taker(token)
    if taker is None:
        return None
    appositive = next((c for c in taker.children if c.dep_ == "appos"), None)
    if appositive is not None and appositive.lower_ in lx.NON_STATE_WORDS:
        return False  # "the White Army, a militia loyal to Machar": what the apposition calls it
    if appositive is not None and taker.lower_ not in lx.STATE_HEADS | lx.NON_STATE_WORDS:
        taker = appositive  # "Provinces, army units, …": the apposition names the taker
    left = {t.i for c in taker.children if c.dep_ in ("conj", "cc", "relcl", "acl", "prep") for t in c.subtree}
    modifiers = {t.lower_ for t in taker.subtree
                 if t.i < taker.i or t is taker or t.dep_ in ("compound", "amod", "poss", "nmod")}
    modifiers -= {taker.doc[i].lower_ for i in left}
    phrase = " ".join(sorted(modifiers))
    written = " ".join(t.lower_ for t in taker.subtree if t.i not in left)  # in order: "the rapid support forces"
    named = [key for key in GROUP_KEYS if (" " not in key and f" {key} " in f" {phrase} ")
             or (" " in key and f" {key} " in f" {written} ")]
    state = [key for key in named if lx.GROUP_ACTORS[key].startswith(("Military Forces", "Police Forces"))]
    if modifiers & lx.NON_STATE_WORDS or len(state) < len(named):
        return False
    if taker.lower_ in lx.STATE_HEADS or state:
        return True  # (and "the SAF", "the FARDC": a state's forces by name)
    return None


def police_taker(token: Token) -> bool:
    """Is the one who takes (or holds) people the police ("police had
    'illegally kidnapped' the former president")?"""
    taker = _taker(token)
    return taker is not None and taker.lower_ in lx.POLICE_WORDS


def territory_side(trigger: Trigger) -> Trigger:
    """Who took the place: state forces regain territory, anyone else
    overtakes it ("Taliban fighters recaptured the district"); taken after
    the other side withdrew, or without a fight, it changed hands without
    violence."""
    if trigger.sub_event_type not in TERRITORY_TAKEN:
        return trigger
    if uncontested({t.lower_ for t in sent_of(trigger.token)}):
        return Trigger(trigger.token, lx.STRATEGIC, "Non-violent transfer of territory", trigger.strong)
    state = state_taker(trigger.token)
    if state is None:
        actor1, _ = find_actors(trigger)
        state = actor1.startswith(("Military Forces", "Police Forces", "Government")) or not actor1
    subtype = "Government regains territory" if state else "Non-state actor overtakes territory"
    return Trigger(trigger.token, trigger.event_type, subtype, trigger.strong)


def uncontested(words: set[str]) -> bool:
    """Did the place change hands without a fight?  "Without resistance",
    "met no resistance", or after the other side withdrew with no fighting
    told."""
    if "without" in words and words & lx.UNCONTESTED_WORDS:
        return True
    if words & lx.NO_WORDS and "resistance" in words:
        return True
    return bool(words & lx.WITHDRAWAL_WORDS) and not words & lx.FIGHTING_WORDS and \
        not words & {"forcing", "forced"}  # "seizes the city, forcing a withdrawal": taken by force


def taken_unopposed(token: Token) -> bool:
    """"Allowing the rebels to seize it without resistance": a pronoun object
    of a verb that takes places, where the place changed hands without a
    fight, stands for that place."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "it" for c in token.children) and \
        uncontested({t.lower_ for t in sent_of(token)})


_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def taken_from_a_side(verb: Token) -> bool:
    """ "took the city from the SDF", "captured it from the US-backed SDF",
    "took Manbij from Kurdish forces": ground (a territory word, a place or
    "it") taken "from" its holders."""
    if verb.lemma_.lower() not in ("take", "capture", "seize", "wrest"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    holders = [g for c in [*verb.children, *(p for o in objects for p in o.children)]  # (also "the city … from")
               if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
    return bool(objects) and bool(holders) and any(
        o.lower_ in lx.TERRITORY_WORDS or o.lower_ == "it" or o.ent_type_ in _PLACE_ENTITIES for o in objects) and \
        any(names_forces(h) or h.text.isupper() for h in holders)


def names_forces(noun: Token) -> bool:
    """Does the noun name an armed or organised side ("the SDF", "Kurdish
    forces", "the security forces")?"""
    return noun.ent_type_ in ("ORG", "NORP") or any(t.lower_ in lx.TROOP_WORDS for t in noun.subtree)


# How a place falls to a side ("fell to the rebels", "fell under their control", "fell into their hands")
_FALLEN_TO = frozenset({"to", "under", "into"})


# Who a place falls to ("fell to the rebels", "fell to Russian forces")
_SIDES = lx.MILITANT_WORDS | {"forces", "troops", "army", "militia", "militias", "group"}


def fell_to_a_side(token: Token) -> bool:
    """Does the verb "fall" tell a place taken: it fell to someone ("fell to
    the rebels"), under someone's control or into someone's hands; not what
    fell to the ground, in a village or to a level ("debris fell in nearby
    villages", "prices fell to their lowest")?"""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in _FALLEN_TO:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ == "to" and (obj.ent_type_ in ("NORP", "ORG") or obj.lower_ in _SIDES):
                return True
            if prep.lower_ in ("under", "into") and obj.lemma_.lower() in ("control", "hand", "grip"):
                return True
    return False


def place_object(token: Token) -> bool:
    """Is the verb's object (or passive subject) a named place ("seized
    Kunduz", "Aleppo was recaptured")?  A place is a place mention of the
    analysis (see ``extract_events``) or a GPE/LOC/FAC entity."""
    sentence = sent_of(token)
    places = sentence.doc.user_data.get("sitrep_place_tokens", ())

    def is_place(t: Token) -> bool:
        return t.i in places or t.ent_type_ in _PLACE_ENTITIES

    for t in sentence.doc[token.i + 1:min(sentence.end, token.i + 6)]:
        if is_place(t):
            return True
        if token.pos_ == "NOUN" and t.i == token.i + 1 and t.lower_ == "of":
            continue  # "the capture of El-Fasher"
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "ADP"):
            break
    if any(is_place(t) for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree):
        return True
    if token.lemma_.lower() == "fall" and fell_to_a_side(token) and \
            any(c.dep_ == "nsubj" and is_place(c) for c in token.children):
        return True  # "Bukavu fell to the M23", "the town fell under the control of the rebels"
    # "capturing Walikale, a key mining hub in North Kivu province": a name the model did not
    # see as a place, told as one by its apposition
    return any(a.dep_ == "appos" and (a.lower_ in lx.TERRITORY_WORDS or any(
        t.dep_ == "pobj" and t.head.lower_ == "in" and is_place(t) for t in a.subtree))
        for c in token.children if c.dep_ == "dobj" for a in c.children)


# What a coup or a government takes or keeps control of that is no ground
_STATE_HELD = frozenset({"country", "government", "state", "power", "situation", "institutions", "nation",
                         "administration", "presidency"})


def control_of_the_state(token: Token) -> bool:
    """"Taken control of the country", "seized control of the government":
    control of a state, not of ground; "is regaining control" of nothing
    named: what is going on, no ground taken."""
    control = token if token.lemma_.lower() == "control" else next(
        (c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() == "control"), None)
    if control is None:
        return False
    held = [g for c in control.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
            if g.dep_ == "pobj"]
    if not held:
        # "The regular army is regaining control": going on, of nothing the text names
        verb = token if token.pos_ == "VERB" else token.head
        return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are") for c in verb.children)
    return all(g.lemma_.lower() in _STATE_HELD and g.ent_type_ not in ("GPE", "LOC") for g in held)
