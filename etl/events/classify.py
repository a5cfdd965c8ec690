"""Attributes, type: the ACLED type and sub-type of a sentence's events.

Who takes a place, and whether by force, is read in
:mod:`~etl.events.territory`; a withdrawal or troop movement alone is a
Change to group/activity.  A raid or operation that
only reports seizures or arrests is coded by that outcome; an intercepted
missile, or weapons found (also inside what was found: "a tunnel used to
store rifles") or destroyed after clearing them, are Disrupted weapons use.
People fleeing or displaced in numbers (not fighters) are Other, and the
fighting that drove them out is its cause, not a new event; so is a mass
grave found, not the killings it holds.  Weapon words (not the target's:
"destroying helicopters", nor those of an attack referred back to or blamed:
"in retaliation for a gas attack") refine a generic attack; an attack on
civilians or civilian places is Violence against civilians; sexual violence
is coded as such whatever else the sentence reports.  A sentence about a
protest is one Protests/Riots event whatever violence it mentions
(:mod:`~etl.events.crowds`).  A
sentence about the *end* of fighting that names a ceasefire yields the
Agreement only.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.events.actors import named_person_hit
from etl.events.facts import casualties_of
from etl.events.non_conflict import storms_premises
from etl.events.core import HARM_VERBS, TYPE_PRIORITY, Trigger, VIOLENT
from etl.events.crowds import (CROWD_WORDS, bombed_gathering, crowd_destruction, force_on_crowd, protest_event,
                               street_clash, unrest_text)
from etl.events.deals import signed
from etl.events.syntax import (
    governing_verb, has_object, nation_people, object_heads, object_words, target_words,
)
from etl.events.territory import (
    place_object, police_taker, state_taker, taken_from_a_side, taken_unopposed, territory_side,
)
from etl.events.weapons import device_made_safe, weapon_named, weapon_subtype, weapon_words


def choose_sentence_events(triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """One violent event per sentence (the most specific trigger) plus its
    non-violent events; a sentence about fighting ending yields the Agreement
    (after a territory handed over under it)."""
    if not triggers:
        return []
    lemmas = {t.lemma_.lower() for t in sentence}
    # the deal signed first ("signed a declaration … that commits them to a permanent ceasefire")
    agreements = sorted((t for t in triggers if t.sub_event_type == "Agreement"), key=lambda t: not signed(t.token))
    if agreements and lemmas & lx.ENDING_VERBS:
        # "territory was handed over as part of a deal ending the fighting": the handover is the event
        transfers = [t for t in triggers if t.sub_event_type == "Non-violent transfer of territory"]
        # (the main clause's own violence is news besides: "India struck nine sites on May 7,
        # leading to four days of clashes that ended with a ceasefire on May 10")
        struck = [t for t in triggers if t.event_type in VIOLENT and t.token.dep_ == "ROOT" and t.token.pos_ == "VERB"]
        return [*transfers[:1], *agreements[:1], *(_refine(t, sentence, struck) for t in struck[:1])]
    triggers = [typed for typed in map(_object_subtype, triggers) if typed is not None]
    # "thousands were displaced by fighting": the fighting is the cause told, the displacement the news
    causes = {w.i for t in triggers if t.sub_event_type == "Other" for c in t.token.children
              if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from") for w in c.subtree}
    triggers = [t for t in triggers if t.token.i not in causes]
    if any(t.sub_event_type == "Other" and t.token.lemma_.lower() not in lx.DISPLACEMENT_LEMMAS | lx.PRISON_BREAK_LEMMAS
           for t in triggers):
        # "a mass grave holds the bodies of villagers killed by the militia": old killings, found now
        triggers = [t for t in triggers if t.event_type not in VIOLENT]
    if bombed_gathering(triggers, sentence):
        # "blast near a poll rally": the bombing is the event, the rally its target
        triggers = [t for t in triggers if t.event_type not in (lx.PROTESTS, lx.RIOTS)]
    triggers = [street_clash(crowd_destruction(force_on_crowd(_hand_blow(_crowd_blow(t, sentence), sentence),
                                                              sentence)), sentence)
                for t in triggers]
    protest = protest_event(triggers, sentence)
    if protest is not None:
        return [protest, *[t for t in triggers if t.event_type == lx.STRATEGIC
                           and t.sub_event_type not in ("Arrests", "Looting/property destruction")]]
    violent = _drop_outcome_operations([t for t in triggers if t.event_type in VIOLENT], triggers, sentence)
    # (not "neutralized other IEDs": weapons made safe, no one harmed)
    harm = any(t.lower_ in _HARM_WORDS and not (t.lower_ in ("neutralized", "neutralised") and (any(
        c.dep_ == "dobj" and c.lower_ in lx.WEAPON_CACHE_WORDS for c in t.children) or device_made_safe(t)))
               for t in sentence)
    others: dict[str, Trigger] = {}
    for t in triggers:
        if t.event_type not in VIOLENT:
            if harm and t.sub_event_type == "Disrupted weapons use" and t.token.lemma_.lower() not in _INTERCEPTIONS:
                # "killed five militants and recovered weapons", "weapons were recovered from the
                # killed militants", "thwarted an attack" in which six died: the fight's spoils or
                # outcome, not a weapon kept from use
                continue
            if t.sub_event_type == "Arrests" and any(c.dep_ == "auxpass" for c in t.token.children) and any(
                    v.token.lemma_.lower() in _KILLED_AFTER_ARREST and (
                        (v.token.dep_ in ("conj", "advcl") and v.token.head.i == t.token.i) or
                        (t.token.dep_ in ("conj", "advcl") and t.token.head.i == v.token.i)) for v in violent):
                continue  # "the men were arrested, then executed by M23 elements": the killing told
            if t.sub_event_type == "Looting/property destruction" and _during_an_event(t.token):
                continue  # "destroyed more than 20 houses during the rampage": part of the attack told
            if t.sub_event_type == "Looting/property destruction" and violent and (
                    _means_of_killing(t.token) or any(t.token.head.i == v.token.i and (
                        t.token.dep_ in ("compound", "amod") or (t.token.dep_ == "advcl" and t.token.tag_ == "VBG"))
                        for v in violent)
                    or any(v.token.i == t.token.i + 1 and v.token.head.i == t.token.i for v in violent)):
                # ("Looting raids" read as a verb and its object; "set fire to houses" as the
                # attack's participle: "struck the community, burning down over 20 houses")
                # "killed via arson or gunshot", "looting raids … killed 38": how they were
                # killed, what the raid was, not a separate event
                continue
            others.setdefault(t.sub_event_type, t)
    if "Agreement" in others:
        # "announced a new agreement mediated by Arab and American parties": the talks
        # told with the deal they made are the deal
        others.pop("Diplomacy", None)
    chosen: list[Trigger] = []
    if violent:
        # Sexual violence is coded as such whatever other harm the sentence
        # reports ("raped, beat and assaulted civilians").
        strong = [t for t in violent if t.sub_event_type == "Sexual violence"] or \
            [t for t in violent if t.strong] or violent
        strong.sort(key=lambda t: (TYPE_PRIORITY[t.event_type], t.token.i))
        best = strong[0]
        landing = _where_it_landed(best, violent)
        if landing is not None:
            # "A drone launched by the Houthis in Yemen exploded in Eilat": the blast where
            # it fell is the event (and its place), of the launch's sub-type
            best = Trigger(landing.token, best.event_type, best.sub_event_type, best.strong)
        chosen.append(_refine(best, sentence, violent))
        remains = _dead_of_the_taken(chosen[-1])
        if remains is not None:
            # "the bodies of the 13 workers who were kidnapped last week": the abduction told,
            # and the killing its victims' bodies show
            chosen.insert(len(chosen) - 1, Trigger(remains, lx.VAC, "Attack", True))
    transfer = any(t.sub_event_type == "Non-violent transfer of territory" for t in chosen)
    chosen.extend(t for t in others.values() if not (transfer and t.sub_event_type == "Change to group/activity"))
    return chosen


def _dead_of_the_taken(trigger: Trigger) -> Token | None:
    """The word for the dead ("bodies", "remains") that an abduction's
    victims are ("the bodies of the 13 workers who were kidnapped", "13
    bodies belonging to mine workers who were abducted"): the abduction in a
    clause on the people whose bodies the sentence tells."""
    token = trigger.token
    if trigger.sub_event_type != "Abduction/forced disappearance" or token.dep_ not in ("relcl", "acl"):
        return None
    word = token.head
    for _ in range(4):
        if word.lemma_.lower() in lx.REMAINS_WORDS or word.lower_ in lx.REMAINS_WORDS:
            return word
        if word.dep_ not in ("pobj", "prep", "acl", "dobj") or word.head.i == word.i:
            return None
        word = word.head
    return None


def _where_it_landed(trigger: Trigger, violent: Sequence[Trigger]) -> Trigger | None:
    """The verb a launched weapon is the subject of ("a drone launched in
    Yemen exploded in Eilat", "a missile fired from Lebanon hit Haifa"),
    when it tells an event of its own."""
    token = trigger.token
    if token.dep_ != "acl" or token.tag_ != "VBN" or token.lemma_.lower() not in ("launch", "fire"):
        return None
    weapon = token.head
    if weapon.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return next((v for v in violent if v.token.i == weapon.head.i), None)


_KILLED_AFTER_ARREST = frozenset({"execute", "kill", "murder", "torture", "shoot"})


def refine_trigger(trigger: Trigger, sentence: Span) -> Trigger:
    """A trigger chosen outside the one-event choice (an event noun dated
    apart) typed as that choice types its event: by the weapons the sentence
    names and by its target ("attacks on a mosque in late September" in a
    sentence about drone operations are drone strikes)."""
    return _refine(trigger, sentence, [trigger])


def _during_an_event(token: Token) -> bool:
    """Is the act told as happening during an event ("during the rampage",
    "during the attack", "were set ablaze during the attack")?"""
    verbs = [token, token.head] if token.dep_ in ("advmod", "prt", "acomp", "oprd", "dobj") else [token]
    return any(c.dep_ == "prep" and c.lower_ == "during" and any(
        g.dep_ == "pobj" and (g.lemma_.lower() in lx.NOUN_TRIGGERS or g.lemma_.lower() == "rampage")
        for g in c.children) for verb in verbs for c in verb.children)


def _means_of_killing(token: Token) -> bool:
    """Is the event noun the means of a killing ("killed via arson", "killed
    by burning", "killed with arson or gunfire")?"""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in ("via", "by", "with", "through") and \
        head.head.head.lemma_.lower() in HARM_VERBS


_HARM_WORDS = frozenset({"killed", "killing", "kills", "injured", "injuring", "wounded", "wounding", "dead",
                         "died", "casualties", "fatalities", "deaths", "injuries", "lives", "losses", "neutralized",
                         "neutralised", "toll"})  # ("the death toll from the attack")


_INTERCEPTIONS = frozenset({"intercept", "down"})


_DISPOSAL_VERBS = frozenset({"destroy", "detonate", "explode", "burn"})


def _drop_outcome_operations(violent: list[Trigger], triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """Violence that a sentence reports only as the setting of a non-violent
    outcome: a raid or operation that seized weapons or made arrests, with no
    fighting of its own ("rifles were seized in a joint operation"), the
    missile or drone that air defences intercepted (Disrupted weapons use),
    and a generic attack that only looted or burned property."""
    if not violent:
        return violent
    # "looted many houses … in a targeted attack", "attacked them, looted shops and set them on
    # fire": with no one killed or hurt, the generic attack is the looting or destruction itself
    if any(t.sub_event_type == "Looting/property destruction" for t in triggers) and \
            all(not t.strong for t in violent) and not {t.lower_ for t in sentence} & _HARM_WORDS:
        return []
    outcomes = [t for t in triggers if t.sub_event_type in ("Disrupted weapons use", "Arrests")]
    if not outcomes:
        return violent
    # "cleared 500 landmines", "an IED was defused": the weapon named as the object is not used
    # (and "found and neutralized other IEDs": the object of the verb joined to it)
    holders = [v for t in outcomes if t.sub_event_type == "Disrupted weapons use"
               for v in (t.token, *(c for c in t.token.children if c.dep_ == "conj" and c.pos_ == "VERB"))]
    objects = {w.i for v in holders for c in v.children if c.dep_ in ("dobj", "nsubjpass") for w in c.subtree}
    # "cleared the mines and destroyed them", "defused and detonated the bombs": disposal, not use
    disposal = {c.i for t in outcomes if t.sub_event_type == "Disrupted weapons use" for c in t.token.children
                if c.dep_ == "conj" and c.lemma_.lower() in _DISPOSAL_VERBS}
    violent = [t for t in violent if t.token.i not in objects | disposal]
    if all(t.token.lemma_.lower() in lx.OPERATION_WORDS or storms_premises(t.token) for t in violent):
        return []  # "detained in overnight raids", "stormed the UN offices, detaining staff": the arrests
    if any(t.token.lemma_.lower() in _INTERCEPTIONS for t in outcomes if t.sub_event_type == "Disrupted weapons use") \
            and not {t.lower_ for t in sentence} & _HARM_WORDS:
        return [t for t in violent if t.event_type != lx.REMOTE]
    return violent


def _escorts(sentence: Span) -> set[str]:
    """The words of an escort that guards a convoy ("a military-escorted
    convoy", "a convoy escorted by soldiers")."""
    return {w.lower_ for t in sentence if t.lemma_.lower() == "escort" and t.tag_ == "VBN"
            and t.head.lemma_.lower() == "convoy" for w in t.subtree if w.i != t.i}


_PEOPLE = frozenset({"people", "persons", "person", "civilians", "civilian", "villagers", "residents", "children",
                     "women", "men", "man", "woman", "child", "victims", "families", "worshippers"})


_CROWDS = frozenset({"protesters", "protestors", "demonstrators", "crowd", "crowds", "protest", "protests",
                     "rally", "rallies", "demonstration", "demonstrations", "gathering", "mob", "mobs", "march",
                     "marchers", "students", "people", "supporters", "youths", "workers", "sit-in", "them"})


_CUSTODIANS = lx.POLICE_WORDS | {"officers", "authorities", "investigators", "agents", "marshals", "fbi"}


def _gave_self_up(token: Token) -> bool:
    """Did one person give himself up to the police ("He surrendered to
    police", "the suspect surrendered to authorities")?  Not a force's
    surrender ("the garrison surrendered to the rebels")."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    alone = any(c.lower_ in ("he", "she") or c.ent_type_ == "PERSON" or
                (c.tag_ == "NN" and c.lemma_.lower() in ("suspect", "gunman", "shooter", "man", "woman", "attacker"))
                for c in subjects)
    return alone and any(c.dep_ == "prep" and c.lower_ == "to" and any(
        o.dep_ == "pobj" and o.lower_ in _CUSTODIANS for o in c.children) for c in token.children)


def _object_subtype(trigger: Trigger) -> Trigger | None:
    """Verbs whose object decides the event: "seized the town" (territory),
    "seized weapons" (disrupted weapons use), "captured a commander" (arrest)."""
    lemma = trigger.token.lemma_.lower()
    if lemma == "disperse" and not (object_words(trigger.token) | object_heads(trigger.token)) & _CROWDS:
        return None  # "attacked eight localities to disperse the air force": no crowd, no protest
    if trigger.sub_event_type == "Looting/property destruction" and object_heads(trigger.token) & _PEOPLE:
        # "they killed and burnt people in the houses": people burnt are killed, not property
        return Trigger(trigger.token, lx.VAC, "Attack", True)
    if lemma == "surrender" and trigger.sub_event_type == "Agreement" and _gave_self_up(trigger.token):
        # "He surrendered to police, crawling out to officers in the woods": taken into custody
        return Trigger(trigger.token, lx.STRATEGIC, "Arrests", True)
    if lemma == "destroy" and has_object(trigger.token, lx.WEAPON_CACHE_WORDS | {"devices", "device"}):
        return Trigger(trigger.token, lx.STRATEGIC, "Disrupted weapons use", True)
    if trigger.sub_event_type == "Abduction/forced disappearance" and lemma in ("kidnap", "abduct") and \
            police_taker(trigger.token):
        # "police had 'illegally kidnapped' the former president": a party's word for his arrest
        return Trigger(trigger.token, lx.STRATEGIC, "Arrests", True)
    if trigger.sub_event_type == "Arrests" and lemma not in ("seize", "capture", "take", "recover"):
        if state_taker(trigger.token) is False:
            return Trigger(trigger.token, lx.VAC, "Abduction/forced disappearance", True)  # "the Taliban detained …"
        return trigger
    if lemma not in ("seize", "capture", "take", "recover"):
        return trigger
    window = object_words(trigger.token)
    heads = object_heads(trigger.token)  # "seized rifles in a town north of the capital": rifles
    token = trigger.token
    if lemma in ("recover", "take") and (heads | {c.lower_ for c in token.children if c.dep_ in ("nsubjpass", "dobj")}
                                         | {t.lower_ for t in token.doc[max(token.sent.start, token.i - 3):token.i]}
                                         ) & lx.REMAINS_WORDS:
        return None  # "more bodies were recovered from the site": the dead found, no event
    if lemma in ("seize", "capture") and heads & lx.CARRIER_WORDS and not heads & lx.WEAPON_CACHE_WORDS and \
            state_taker(trigger.token) is False:
        # "BLA militants seized the Jaffar Express": a hijacking, its passengers held
        return Trigger(trigger.token, lx.VAC, "Abduction/forced disappearance", True)
    if (heads & lx.WEAPON_CACHE_WORDS and not heads & lx.TERRITORY_WORDS) or \
            (window & lx.WEAPON_CACHE_WORDS and not window & lx.TERRITORY_WORDS):
        if state_taker(trigger.token) is False:
            return None  # weapons an armed group took in its attack: part of the attack, no event
        return Trigger(trigger.token, lx.STRATEGIC, "Disrupted weapons use", True)
    if window & lx.TERRITORY_WORDS or taken_from_a_side(token) or (lemma != "take" and place_object(token)) or \
            taken_unopposed(trigger.token):
        return territory_side(Trigger(trigger.token, lx.BATTLES, "Government regains territory", True))
    if state_taker(trigger.token) is False:
        # ACLED's arrests are by state authorities; armed groups taking
        # people abduct them ("militants captured two soldiers")
        return Trigger(trigger.token, lx.VAC, "Abduction/forced disappearance", True)
    return Trigger(trigger.token, lx.STRATEGIC, "Arrests", True)




# Words of shooting (not "guns": "anti-aircraft guns" are heavy weapons).
_GUNFIRE = frozenset({"gunfire", "gunshots", "rifles", "firearms", "bullets", "gunmen", "shooting"})


def _with_gunfire(token: Token, sentence: Span) -> bool:
    """Does the attack's own phrase or sentence tell of shooting beside its
    explosives ("a barrage of bombs and gunfire", "attacked with grenades and
    rifles")?"""
    words = {t.lower_ for t in token.subtree} | {t.lower_ for t in sentence if t.head.i == token.head.i}
    return bool(words & _GUNFIRE) or "opened fire" in sentence.text.lower()


# Triggers that name their own weapon ("pounded" and "bombardment" do not:
# jets pound, artillery pounds).
_SPECIFIC_REMOTE = frozenset({"airstrike", "shelling", "barrage", "ied", "shell", "chlorine", "sarin"})


def _armed_subject(token: Token) -> bool:
    """Is the verb's subject an armed group or force ("gunmen", "troops")?"""
    verb = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "nsubj" and {t.lower_ for t in c.subtree} & (lx.MILITANT_WORDS | lx.MILITARY_WORDS)
               for c in verb.children)


# People on foot who carry arms without being named a group ("armed men", "bandits")
_ARMED_PEOPLE_HEADS = frozenset({"men", "man", "individuals", "persons", "people", "youths"})
_RAIDERS = frozenset({"bandits", "kidnappers", "herdsmen", "raiders"})


def _militant_subject(token: Token) -> bool:
    """Is the verb's subject a non-state armed group ("gunmen", "terrorists",
    "armed men", "bandits")?"""
    for c in token.children:
        if c.dep_ != "nsubj":
            continue
        words = {t.lower_ for t in c.subtree}
        if words & (lx.MILITANT_WORDS | _RAIDERS) or (c.lower_ in _ARMED_PEOPLE_HEADS and "armed" in words):
            return True
    return False


def _crowd_blow(trigger: Trigger, sentence: Span) -> Trigger:
    """"Protesters began to strike the metal barriers", "young people taking
    part in the march … hit the gates": a crowd's blows, its riot, not an air
    strike (no weapon named)."""
    token = trigger.token
    if not _bare_blow(trigger, sentence) or not _crowd_subject(_subject_bearer(token)):
        return trigger
    return Trigger(token, lx.RIOTS, "Violent demonstration", trigger.strong)


def _hand_blow(trigger: Trigger, sentence: Span) -> Trigger:
    """"They were struck with a blunt object", "hit with iron rods": a
    beating by hand, an attack on the victims, not an air strike; so is one
    "struck by nine bullets" (a shooting), and one a road vehicle dealt ("an
    SUV struck festival-goers", "hit by a truck": a ramming)."""
    token = trigger.token
    if not _bare_blow(trigger, sentence):
        return trigger
    by_hand = any(c.dep_ in ("prep", "agent") and c.lower_ in ("with", "by") and any(
        o.dep_ == "pobj" and (o.lemma_.lower() in lx.HAND_WEAPONS or o.lower_ in _GUNFIRE
                              or (c.lower_ == "by" and o.lower_ in lx.ROAD_VEHICLES))
        for o in c.children) for c in token.children)
    driven = any(c.dep_ == "nsubj" and c.lower_ in lx.ROAD_VEHICLES for c in token.children)
    if not (by_hand or driven):
        return trigger
    return Trigger(token, lx.VAC, "Attack", trigger.strong, trigger.background)


def _bare_blow(trigger: Trigger, sentence: Span) -> bool:
    """A "strike" or "hit" verb typed a remote strike though the sentence
    names no weapon: whose blow it was decides its type."""
    token = trigger.token
    return trigger.event_type == lx.REMOTE and token.lemma_.lower() in ("strike", "hit") and \
        token.pos_ == "VERB" and not weapon_subtype(weapon_words(sentence, token))


def _subject_bearer(verb: Token) -> Token:
    """The verb whose subject is ``verb``'s: itself, or up through "began to
    strike" and "arrived … and began" to the verb that has one."""
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.dep_ not in ("xcomp", "conj"):
            return verb
        verb = verb.head
    return verb


def _crowd_subject(token: Token) -> bool:
    """Is the verb's subject a crowd of protesters ("protesters stormed …")?"""
    if token.pos_ != "VERB":
        return False
    return any(c.dep_ == "nsubj" and (c.lower_ in CROWD_WORDS or _in_a_march(c))
               for c in token.children)


_MARCH_NOUNS = frozenset({"march", "protest", "protests", "rally", "demonstration", "demonstrations"})


def _in_a_march(subject: Token) -> bool:
    """"Young people participating in the march", "those taking part in the
    protest": a crowd named by the march it is in."""
    return any(c.dep_ in ("acl", "relcl") and any(t.lower_ in _MARCH_NOUNS for t in c.subtree)
               for c in subject.children)


_GROUND_PUSH = frozenset({"push", "offensive", "assault", "raid", "incursion", "advance", "counteroffensive",
                          "counter-offensive", "ground"})


_ARMED_GROUP_WORDS = lx.MILITANT_WORDS | frozenset({"gang", "gangs", "cartel", "cartels", "militia", "militias",
                                                    "criminal", "traffickers", "group"})
_OPERATION_WORDS = frozenset({"operation", "raid", "offensive", "crackdown", "assault", "campaign", "sweep"})


def _against_armed(sentence: Span) -> bool:
    """Does the sentence tell an operation, raid or offensive against an
    armed group ("a security operation against the Comando Vermelho criminal
    group")?"""
    return any(t.dep_ == "prep" and t.lower_ == "against" and t.head.lemma_.lower() in _OPERATION_WORDS
               and {w.lower_ for c in t.children for w in c.subtree} & _ARMED_GROUP_WORDS for t in sentence)


def _armed_among_dead(sentence: Span, armed: frozenset[str] | set[str]) -> bool:
    """Does an aside on the dead name armed men among them ("at least 132
    people, four of whom were police officers")?
    Then they fell on both sides of a fight, not in an attack on civilians."""
    for token in sentence:
        if token.lower_ == "whom" and token.head.lower_ == "of":
            verb = token.head.head.head if token.head.head.dep_ == "nsubj" else token.head.head
            clause = {t.lower_ for t in verb.subtree} if verb is not None else set()
            if clause & armed:
                return True
    return False


# Words of harm whose object or "on" phrase names whom it hit
_AIMED_HARM = frozenset(HARM_VERBS | {"fire", "shoot"})


# What stopping them is told by ("was prevented from doing so", "was intercepted")
_STOPPED = frozenset({"prevent", "thwart", "foil", "repel", "intercept", "stop", "block"})


def _weapon_stopped(token: Token, sentence: Span) -> bool:
    """Fire at a drone or missile in flight ("security forces opened fire at a
    drone to prevent it from reaching the field"), or a drone that "tried to
    attack" and was stopped: weapons use disrupted (ACLED), not a strike."""
    lemma = token.lemma_.lower()
    if lemma == "fire":
        verb = token.head if token.dep_ == "dobj" else token
        return any(c.dep_ == "prep" and c.lower_ in ("at", "on") and any(
            g.dep_ == "pobj" and g.lower_ in lx.AERIAL_WEAPON_WORDS for g in c.children)
            for c in [*token.children, *verb.children])
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in ("try", "attempt") and any(
        c.dep_ == "nsubj" and c.lower_ in lx.AERIAL_WEAPON_WORDS for c in token.head.children) and any(
        t.lemma_.lower() in _STOPPED for t in sentence if t.i > token.i)


def _refine(trigger: Trigger, sentence: Span, violent: Sequence[Trigger] = ()) -> Trigger:
    """Refine a generic violent trigger by weapon words and by its target."""
    trigger = territory_side(trigger)
    if trigger.event_type in (lx.REMOTE, lx.BATTLES) and _weapon_stopped(trigger.token, sentence):
        return Trigger(trigger.token, lx.STRATEGIC, "Disrupted weapons use", trigger.strong)
    etype, subtype = trigger.event_type, trigger.sub_event_type
    lemma = trigger.token.lemma_.lower()
    if etype == lx.BATTLES and _crowd_subject(trigger.token):
        # "protesters stormed the parliament", "a mob attacked the police post": the crowd's violence
        return Trigger(trigger.token, lx.RIOTS, "Violent demonstration", trigger.strong)
    if etype == lx.RIOTS and _armed_subject(trigger.token):
        # "gunmen stormed the community": an armed attack, not a riot
        targets = target_words(trigger.token)
        civilian = targets & (lx.CIVILIAN_WORDS | lx.CIVILIAN_SITES | {"community", "communities"})
        etype, subtype = (lx.VAC, "Attack") if civilian else (lx.BATTLES, "Armed clash")
    if etype == lx.REMOTE and lemma == "launch" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _GROUND_PUSH and not weapon_named(c)
            for c in trigger.token.children):
        # "launched a push employing infantry, armored vehicles, artillery and drones": a ground battle
        return Trigger(trigger.token, lx.BATTLES, "Armed clash", trigger.strong)
    # (not a ground assault, raid or offensive: its artillery and drones support a battle)
    generic = lemma in ("attack", "kill", "martyr", "strike", "destroy", "shoot", "fire", "hit", "launch")
    weapon = weapon_subtype(weapon_words(sentence, trigger.token))
    named = weapon_named(trigger.token) if lemma in ("assault", "offensive", "raid", "barrage") else None
    if named is not None:
        # "its biggest aerial assault on Kyiv", "a drone raid": the weapon says what it was
        generic, weapon = True, named
    if weapon and (generic or etype == lx.REMOTE) and subtype not in ("Suicide bomb", "Chemical weapon") \
            and lemma not in _SPECIFIC_REMOTE:
        if not (etype == lx.REMOTE and lemma in ("strike", "bomb") and trigger.strong
                and weapon[1] == "Remote explosive/landmine/IED"):
            etype, subtype = weapon
    if etype == lx.REMOTE and subtype in ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                          "Grenade") \
            and lemma in ("barrage", "attack", "assault", "raid", "throw", "hurl", "lob") and \
            _with_gunfire(trigger.token, sentence):
        # "attackers unleashed a barrage of bombs and gunfire, killing two defence volunteers":
        # attackers on the ground, shooting as well as bombing, fight a battle (ACLED)
        etype, subtype = lx.BATTLES, "Armed clash"
    if not weapon and etype == lx.REMOTE and lemma in ("strike", "hit") and trigger.token.pos_ == "VERB" and \
            _militant_subject(trigger.token):
        # "suspected Boko Haram terrorists struck the community": a raid on the ground, no weapon told
        etype, subtype = lx.BATTLES, "Armed clash"
    if etype == lx.BATTLES and subtype == "Armed clash" and lemma not in ("clash", "fight", "fighting", "battle",
                                                                         "gunfight", "firefight", "skirmish",
                                                                         "exchange", "crossfire", "gunbattle",
                                                                         "encounter", "shootout",
                                                                         # armed resistance ("died
                                                                         # defending the village")
                                                                         *lx.RESISTANCE_LEMMAS):
        victims = target_words(trigger.token)
        armed_targets = lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS | {"security", "officers",
                                                                                    "checkpoint", "convoy"}
        civilian = lx.CIVILIAN_WORDS | lx.CIVILIAN_SITES | {"community", "communities"}
        if not victims & (civilian | armed_targets):
            # "gunmen opened fire on the vehicle …, killing four women": the
            # sentence's other harm verbs name the victims (and "stormed the area and opened fire
            # on unsuspecting residents": whom the fire was aimed at)
            for other in violent:
                if other is not trigger and other.token.lemma_.lower() in _AIMED_HARM:
                    victims |= target_words(other.token)
        if not victims & (civilian | armed_targets) and victims & {"them", "those"}:
            # "forced passengers off a bus and shot dead nine of them": whom the pronoun stands for,
            # the object of the verb it is coordinated with
            own = trigger.token if trigger.token.pos_ == "VERB" else governing_verb(trigger.token)
            for verb in own.conjuncts if own is not None else ():
                victims |= {t.lower_ for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        if not victims & (civilian | armed_targets):
            # "gunmen opened fire inside a pool hall": where they fired, when it is a venue
            verb = trigger.token.head if trigger.token.dep_ == "dobj" else trigger.token
            victims |= {t.lower_ for c in verb.children if c.dep_ == "prep" and c.lower_ in ("inside", "in")
                        for t in c.subtree} & lx.CIVILIAN_SITES
        if not victims & (civilian | armed_targets):
            # "100 persons were feared killed by gunmen", "460 patients were shot
            # dead": the toll's victims are the target
            victims |= {w.lower() for c in casualties_of(sentence) if c.kind == "killed" for w in c.victims.split()}
        if "convoy" in victims and victims & civilian and not victims & (armed_targets - {"convoy"}):
            victims = victims - {"convoy"}  # "a convoy of passenger vehicles": whose convoy its vehicles say
        escorts = _escorts(sentence)
        if escorts:
            # "an ambush of a military-escorted convoy": the escort guards the convoy, it is not it; the
            # convoy's people are who was attacked, and the dead say who they were
            victims = victims - escorts - {"convoy"}
            if not victims & (civilian | armed_targets):
                victims |= {w.lower() for c in casualties_of(sentence) if c.kind == "killed" for w in c.victims.split()}
        # "militants ambushed their vehicle, killing two Assam Rifles personnel": the dead say
        # who was attacked when the target is a thing anyone rides in or lives in
        dead = {w.lower() for c in casualties_of(sentence) if c.kind == "killed" for w in c.victims.split()}
        # "three Palestinians"; "Charlie Kirk, a conservative activist, was shot dead" (not in a
        # text about unrest, where whoever is shot is shot in the unrest)
        civilian_victims = bool(victims & civilian) or any(nation_people(w) for w in victims) \
            or (not victims & armed_targets and not unrest_text(sentence.doc) and named_person_hit(trigger.token))
        if civilian_victims and victims & civilian <= lx.ANY_SIDE_VICTIMS and _against_armed(sentence):
            # "64 people were killed … in a security operation against the Comando Vermelho
            # gang": "people" who fell in a fight with an armed group
            civilian_victims = False
        if civilian_victims and not victims & armed_targets and not dead & (armed_targets | {"jawans", "jawan"}) \
                and not _armed_among_dead(sentence, armed_targets):
            etype, subtype = lx.VAC, "Attack"
    return Trigger(trigger.token, etype, subtype, trigger.strong)
