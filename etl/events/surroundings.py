"""What a trigger's surroundings say of it: the readers ``find_triggers``
(:mod:`etl.events.mentions`) asks before it keeps a word as an event.

Each answers one question about the words around a trigger: is it a count of
acts stopped ("thwarted hundreds of attacks"), the sound of a fight ("explosions
were heard as clashes rocked the capital"), the setting of violence ("shot while
attending a meeting"), a crewed aircraft downed, a tally in the perfect, a
body's own meeting, a leader's visit, the history of a place or an actor, a
labour strike, the month "March" ...  They read the parse only; whether a
mention tells a happening at all is :mod:`etl.events.realis`'s question.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.dates import DAY_KINDS
from etl.events.weapons import weapon_subtype
from etl.events.core import HARM_VERBS, Trigger, VIOLENT
from etl.events.event_dates import told_ongoing
from etl.events.facts import facts_of
from etl.toponyms import person_name_words
from etl.events.anaphora import SITE_NOUNS
from etl.events.offsets import recalled_offset
from etl.events.realis import CONTEMPORANEOUS, is_background, turned_violent
from etl.events.syntax import after_read_as_conj, ancestors, relative_clause_of, sent_of


def setting_of_violence(token: Token) -> bool:
    """Is the talk the setting of violence told in the clause above it ("was
    shot while attending a meeting for mediation")?"""
    for node in (token, *ancestors(token, limit=5)):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in node.children):
            head = node.head
            return head.pos_ == "VERB" and lx.VERB_TRIGGERS.get(head.lemma_.lower(), ("",))[0] in VIOLENT
    return False


_MANY_WORDS = frozenset({"hundreds", "dozens", "scores", "thousands", "numerous", "many", "several", "countless"})


_STOPPING = frozenset({"thwart", "foil", "prevent", "avert"})


def many_stopped(token: Token) -> bool:
    """Is the word "thwarted" told of many acts, or one of those acts
    ("thwarted hundreds of attacks", "foiled numerous plots")?  A tally of
    acts stopped, not one act."""
    verb = token
    while verb.lemma_.lower() not in _STOPPING and verb.head.i != verb.i and verb.dep_ in ("pobj", "prep", "dobj"):
        verb = verb.head
    if verb.lemma_.lower() not in _STOPPING:
        return False
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        if obj.lower_ in _MANY_WORDS or (obj.tag_ == "NNS" and any(
                d.dep_ == "amod" and d.lower_ in _MANY_WORDS for d in obj.children)):
            return True
    return False


BLAST_NOUNS = frozenset({"explosion", "blast", "detonation", "bang"})
FIGHT_NOUNS = frozenset({"clash", "fire", "gunfire", "firefight", "fighting", "battle", "shootout", "gunbattle"})


def heard_verb(token: Token) -> Token | None:
    """The verb "heard" when the noun (or the list it is in) is what was
    heard ("explosions were heard"), else ``None``."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.head if node.dep_ in ("nsubjpass", "dobj") and node.head.lemma_.lower() == "hear" else None


# Nouns of the people an act of a crowd is known by ("protester", "vigilante")
CROWD_PEOPLE = frozenset({"protester", "protestor", "demonstrator", "rioter", "vigilante"})


def crewed_aircraft_downed(token: Token) -> bool:
    """Is what "shot down" brought down a crewed aircraft ("a police Black
    Hawk helicopter was shot down", "shot down a fighter jet"), not a drone
    or missile?"""
    verb = token.head if token.dep_ == "prt" else token
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lower_ in lx.MANNED_AIRCRAFT_WORDS and not any(
        w.lower_ in ("unmanned", "pilotless", "drone", "drones") for w in h.subtree) for h in heads)


CROWD_CONTEXT = frozenset({"protest", "protests", "protesters", "protestors", "demonstrators", "demonstration",
                            "demonstrations", "youths", "youth", "students", "curfew", "crowds", "rally", "rallies"})


def counted_in_perfect(token: Token) -> bool:
    """Is the word a counted subject of a passive perfect ("20 protesters
    have been injured") or such a verb with a counted subject ("40 vehicles
    have been torched")?  Numbers told so, with no day, are a running tally."""
    node = token
    while node.pos_ != "VERB" and node.dep_ == "conj":  # "260 officers and 20 protesters": the first conjunct
        node = node.head
    verb = node if node.pos_ == "VERB" else node.head if node.dep_ == "nsubjpass" else None
    if verb is None or verb.pos_ != "VERB":
        return False
    perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children) and \
        any(c.dep_ == "auxpass" for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    counted = any(any(g.dep_ == "nummod" for g in subject.children) for subject in subjects)
    return perfect and counted


FIRE_WORDS = frozenset({"extinguish", "fire", "fires", "blaze", "blazes", "flames", "wildfire", "wildfires"})
ARMED_PEOPLE = lx.MILITANT_WORDS | lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.TROOP_WORDS


def _leader(token: Token) -> bool:
    """A named person or a leader's title ("President Vladimir Putin", "his
    Congolese counterpart", "Hun Manet")."""
    return (token.ent_type_ == "PERSON" and token.pos_ == "PROPN") or token.lemma_.lower() in lx.LEADER_WORDS or \
        any(c.dep_ == "compound" and c.lower_ in lx.LEADER_WORDS for c in token.children) or \
        any(c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.pos_ == "PROPN" for c in token.children) or \
        token.pos_ == "PROPN" and token.lower_ in person_name_words(token.doc.ents)
    # ("his main political rival, Venâncio Mondlane": a person named beside the noun; "Mondlane",
    # named in full elsewhere in the article)


# Bodies whose own meetings are no talks between parties ("a meeting of the federal cabinet")
_BODY_NOUNS = frozenset({"committee", "cabinet", "council", "commission", "assembly", "parliament", "board",
                         "commanders", "leadership", "party", "corps", "senate", "jirga", "shura", "apex"})


# Who convenes or presides over a meeting holds it with their own (a review, a cabinet)
_CONVENING_VERBS = frozenset({"chair", "preside", "convene", "summon"})
_INTERNAL_MEETINGS = frozenset({"security", "review", "cabinet", "emergency", "committee", "party", "core",
                                "internal", "departmental", "staff", "board", "apex", "corps"})


# Nouns of a place a participle describes ("an area long affected by violent clashes")
_PLACE_NOUNS = SITE_NOUNS | {"region", "zone", "state", "country", "province", "territory", "part", "corridor",
                             "belt"}
# What is done to people held ("the release of detained protesters")
_HELD_VERBS = frozenset({"detain", "jail", "imprison", "arrest", "hold"})


# One person who may give himself up to police: no armed group's surrender
_LONE_DOERS = lx.LONE_ATTACKERS | {"suspect", "perpetrator", "man", "woman", "hijacker", "teenager", "boy", "driver"}


def lone_surrender(token: Token) -> bool:
    """"The attacker, who surrendered when cornered by officers": a clause
    describing how one person's attack ended, not an armed group's surrender
    (an Agreement), nor news of its own (a suspect who "surrendered to
    police on Sunday" is an arrest, see ``etl.events.classify``)."""
    if token.lemma_.lower() != "surrender" or token.pos_ != "VERB" or token.dep_ != "relcl":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
        return False
    return any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in token.children) and \
        token.head.tag_ == "NN" and token.head.lemma_.lower() in _LONE_DOERS


# People a participle may tell something done to ("residents displaced by the clashes")
_PEOPLE_NOUNS = frozenset({"people", "person", "man", "woman", "child", "children", "resident", "civilian",
                           "family", "worker", "student", "soldier", "officer", "victim", "villager"})


def known_for(token: Token) -> bool:
    """An event noun by which a participle describes a place ("Michoacan, an
    area long affected by violent clashes among cartels", "a region plagued by
    violence") or a thing ("a symbol of defiance carried by protesters in
    Nepal"): what it is known for, no event told."""
    by = token.head
    if token.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent":
        return False
    verb = by.head
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "amod"):
        return False
    if verb.head.lemma_.lower() in _PLACE_NOUNS:
        return True
    # "the flag, a symbol of defiance carried by Gen Z protesters in Nepal": a thing described by
    # who uses it (not "a convoy attacked by gunmen", "a man killed by protesters", "marches
    # organised by students": the act, or an event noun, is the news)
    noun = verb.head
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in lx.NOUN_TRIGGERS and \
        verb.lemma_.lower() not in lx.VERB_TRIGGERS and verb.lemma_.lower() not in HARM_VERBS and \
        noun.lemma_.lower() not in _PEOPLE_NOUNS


def held_people(token: Token) -> bool:
    """Crowd people named by their being held ("the release of detained
    protesters"): who they are, no protest told."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and any(
        c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in _HELD_VERBS for c in token.children)


def a_bodys_own_meeting(token: Token) -> bool:
    """A meeting "of" a body ("of the National Security Committee", "of the
    corps commanders") with no one "with" or "between" it: the body's own."""
    children = list(token.children)
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in children):
        return False
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in _CONVENING_VERBS:
        return True  # "Amit Shah chaired a security review meeting": one side's own
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _INTERNAL_MEETINGS for c in children):
        return True  # "a cabinet meeting", "an emergency security meeting"
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_.lower() in ("hold", "have") and not any(
            c.dep_ == "prep" and c.lower_ in ("with", "between") for c in verb.children) and any(
            c.dep_ == "nsubj" and {t.lower_ for t in c.subtree} & (_BODY_NOUNS | ARMED_PEOPLE) for c in verb.children):
        return True  # "the military and police leadership were holding a meeting": their own
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and (g.lemma_.lower() in _BODY_NOUNS or any(w.lower_ in _BODY_NOUNS for w in g.subtree))
        for g in c.children) for c in children)


def leaders_meet(token: Token) -> bool:
    """"Witkoff travelled to Russia to meet President Vladimir Putin", "Anwar
    contacted Puttan and Hun Manet", "Trump and Putin met": a leader on each
    side (the subject, or the subject of the verb it is the purpose of, and
    the object, the object of "with" or the subject's conjunct)."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl" and any(s.tag_ in ("WP", "WDT") for s in subjects):
        subjects = [token.head]  # "Mondlane, who met Chapo in Maputo": the relative pronoun's noun
    if not subjects and token.dep_ in ("xcomp", "advcl"):
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    others = [c for c in token.children if c.dep_ == "dobj"] + [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    others += [c for o in others for c in o.children if c.dep_ == "conj"]
    if not others and token.pos_ == "VERB":
        # "Trump and Putin met in Anchorage": the two sides are the subject
        others = [c for s in subjects for c in s.children if c.dep_ == "conj"]
        if any(_both_sides(s) for s in subjects):
            return True  # "Sudanese and Chadian envoys met", "the two leaders met"
    return any(_leader(s) for s in subjects) and any(_leader(o) for o in others)


def _both_sides(subject: Token) -> bool:
    """Leaders of two sides in one plural subject: "Sudanese and Chadian
    envoys", "the two presidents", "foreign ministers of Egypt and Jordan"."""
    if subject.tag_ != "NNS" or subject.lemma_.lower() not in lx.LEADER_WORDS:
        return False
    return any((c.dep_ == "amod" and any(g.dep_ == "conj" for g in c.children))
               or (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ == "det" and c.lower_ == "both")
               or (c.dep_ == "prep" and c.lower_ in ("of", "from") and any(
                   g.dep_ == "pobj" and any(x.dep_ == "conj" for x in g.children) for g in c.children))
               for c in subject.children)


def meeting_between_leaders(token: Token) -> bool:
    """"a July meeting between Ilham Aliyev and Nikol Pashinyan": a meeting
    "between" two named leaders (or leaders' titles) is talks."""
    return any(c.dep_ == "prep" and c.lower_ == "between" and any(
        g.dep_ == "pobj" and _leader(g) and any(_leader(o) for o in _second_party(g)) for g in c.children)
        for c in token.children)


def _second_party(first: Token) -> list[Token]:
    """The other side of "between X and Y": X's conjuncts, and a name set
    after them that the parse hung on X ("between President Hichilema and his
    rival, Joseph Mwale")."""
    conjuncts = list(first.conjuncts)
    return conjuncts + [a for a in first.children if a.dep_ == "appos" and any(c.i < a.i for c in conjuncts)]


def armed_resistance(token: Token, sentence_words: set[str]) -> bool:
    """"They met strong resistance from the youths and security personnel":
    the object of meet/face/encounter, not negated, with armed people or
    attackers in the sentence."""
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in lx.RESISTANCE_VERBS:
        return False
    if any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "little", "any") for c in token.children) or \
            any(c.dep_ == "neg" for c in token.head.children):
        return False
    return bool(sentence_words & (ARMED_PEOPLE | lx.ATTACK_OBJECTS | {"armed", "fierce", "stiff"}))


def died_defending(token: Token) -> bool:
    """"Members of the military who died defending the town": defending
    told as the way they died."""
    head = token.head
    return token.dep_ in ("advcl", "xcomp", "acl", "pcomp") and head.lemma_.lower() in lx.DEFENDERS_DIED or (
        head.dep_ == "prep" and head.head.lemma_.lower() in lx.DEFENDERS_DIED)


_ATTACK_VERBS = frozenset({"target", "hit", "strike", "attack", "bomb", "shell", "raid", "storm"})


def target_of_attack(token: Token) -> bool:
    """The object of an attack verb ("targeted a meeting", "struck a
    rally", "fired on a march"), directly or through "on/at"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "at", "upon") and head.dep_ == "prep":
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in _ATTACK_VERBS


def any_kind(token: Token) -> bool:
    """An event noun under "any" or "no" ("any negotiations", "any kind of
    talks", "no attack"), or an act that is "any attempt" ("prohibits any
    attempt to seize new positions"): none held."""
    if token.pos_ == "VERB" and token.dep_ in ("acl", "xcomp") and token.head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("any", "no") for c in token.head.children):
        return True
    node = token
    for _ in range(4):
        if node.pos_ not in ("NOUN", "PROPN"):
            return False
        if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in node.children):
            return True
        if node.dep_ != "pobj" or node.head.lower_ != "of":
            return False
        node = node.head.head
    return False


def mass_displacement(token: Token) -> bool:
    """"Some 7,000 villagers have fled", "thousands of families were
    displaced": people in numbers leaving their homes, not armed men who
    fled a raid."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    words = [t for t in subject.subtree]
    if any(t.lower_ in ARMED_PEOPLE for t in words):
        return False
    return any(t.like_num or t.lower_ in lx.DISPLACED_MASS for t in words)


def bomb_subject(particle: Token) -> bool:
    """Is a bomb (or a bomber) the subject of "went off" / "ripped through"?"""
    verb = particle.head if particle.dep_ in ("prt", "prep") else particle
    return any(t.lower_ in lx.DETONATED for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in c.subtree)


def engaged_in_other(token: Token) -> bool:
    """"Engaged them in talks", "engage with the elders": engaging in
    something other than fighting ("engaged them in a gun battle" is one)."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "with"):
            nouns = [c for c in prep.children if c.dep_ == "pobj"]
            if not any(lx.NOUN_TRIGGERS.get(n.lemma_.lower(), ("", ""))[0] in VIOLENT for n in nouns):
                return True
    return False


def is_month(token: Token) -> bool:
    """"March" naming the month: part of a date, or next to a day number or year."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.ent_type_ == "DATE" or any(t.like_num for t in neighbours)


def nominal_gerund(token: Token) -> bool:
    """An -ing verb used as a noun: "Indian firing", "the firing killed two"."""
    return token.tag_ == "VBG" and (token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or any(
        c.dep_ in ("amod", "det", "poss", "compound") for c in token.children))


def fired_at(token: Token) -> bool:
    """The verb "fire" aimed at someone or something: "fired at a police
    van", "fire on the convoy", "fired upon protesters"."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")
               and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON") and g.ent_type_ not in ("DATE", "TIME")
                       for g in c.children)
               for c in token.children)


def labour_strike(token: Token, words: set[str]) -> bool:
    """"Went on strike", "a general strike", "teachers staged a strike over
    pay": a labour protest, unless weapons are named (a strike named by its
    strikers, "a taxi strike", is one even when people were killed in the
    unrest it led to)."""
    if any(c.lower_ in lx.LABOUR_STRIKE_WORDS for c in token.children if c.dep_ in ("amod", "compound", "poss")):
        return True
    if weapon_subtype(words) or words & {"killed", "killing", "targeted", "targeting", "hit"}:
        return False
    if token.head.lower_ == "on" and token.dep_ == "pobj":
        return True
    if any(c.ent_type_ in ("NORP", "GPE") or c.lower_ in lx.NEWS_AGENCIES
           for c in token.children if c.dep_ in ("amod", "compound", "poss")) or \
            any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children):
        return False  # "the Russian strike", "a strike on the city": an attack
    if token.head.lemma_.lower() in ("launch", "conduct", "carry") and token.dep_ == "dobj" and not any(
            c.dep_ == "nsubj" and c.lower_ in lx.LABOUR_STRIKE_WORDS for c in token.head.children):
        # "India launched 24 strikes": attacks are launched, labour strikes called (unless
        # strikers launch them: "drivers launched a three-day strike")
        return False
    # the labour words of the sentence outside names and titles ("the National Security
    # Council", "Lieutenant General Ahmed Sharif Chaudhry")
    sentence = sent_of(token)
    return any(t.lower_ in lx.LABOUR_STRIKE_WORDS and not t.ent_type_ and not (t.is_title and t.i > sentence.start)
               for t in sentence)


def is_participle(token: Token) -> bool:
    """A verb used as an adjective: "the occupied city" (also when the parser
    makes it a clause of its own), "areas occupied by the rebels"."""
    if token.dep_ in ("amod", "acl"):
        return True
    doc = token.doc
    return token.tag_ in ("VBN", "VBD") and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


HELD_PEOPLE = frozenset({"prisoner", "inmate", "detainee", "captive", "hostage"})


def particle_head(token: Token) -> str:
    """The verb of a phrasal trigger ("took over", "setting up"), as the
    object frames know it: its own form when listed, else its lemma."""
    head = token.head
    return head.lower_ if head.lower_ in lx.OBJECT_FRAMES or f"{head.lower_} {token.lower_}" in lx.OBJECT_FRAMES \
        else head.lemma_.lower()


NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


_EARLIER_WORDS = frozenset({"earlier", "previously", "already", "ago", "last", "since", "once", "formerly"})


def place_history(token: Token) -> bool:
    """A verb in a relative clause on a place, told with a time of its own ("the
    town of al-Nahud, which the paramilitaries seized earlier this year", "Goma,
    which the rebels took in January"): the place's history, not the news."""
    head = token.head
    if token.pos_ != "VERB" or token.dep_ != "relcl":
        return False
    if not (head.ent_type_ in ("GPE", "LOC", "FAC") or head.pos_ == "PROPN" or head.lemma_.lower() in _PLACE_HEADS):
        return False
    return any(t.lower_ in _EARLIER_WORDS or (t.ent_type_ == "DATE" and not t.lower_ in ("today", "tonight"))
               for t in token.subtree if t.i != token.i)


_PLACE_HEADS = SITE_NOUNS | {"province", "region", "base"}


def _perfect(verb: Token) -> bool:
    """Told in the perfect ("has taken", "has been accused")?"""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in verb.children)


_GENERIC_TERRITORY = frozenset({"territory", "territories", "area", "areas", "region", "regions", "land", "lands"})


def generic_territory_held(token: Token) -> bool:
    """"Raids in territory it has taken control of", "areas they have
    seized": a relative clause in the perfect on an unnamed stretch of land
    says which land, not that it changed hands now."""
    clause = relative_clause_of(token, limit=1)
    if clause is None or any(t.ent_type_ in ("DATE", "TIME") for t in clause.subtree):
        return False
    # the noun it hangs on, or the one just before it (a clause misattached further up)
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else clause.head
    return bool({clause.head.lemma_.lower(), before.lemma_.lower()} & _GENERIC_TERRITORY) and _perfect(clause)


_ACTOR_HEADS = lx.MILITARY_WORDS | lx.MILITANT_WORDS | frozenset({
    "group", "groups", "forces", "force", "militia", "militias", "faction", "factions", "movement", "coalition",
    "gang", "gangs", "organisation", "organization", "paramilitary", "paramilitaries", "commander", "leader"})
_CHARACTERISING = frozenset({"accuse", "know", "blame", "suspect", "link", "tie"})


def actor_history(token: Token) -> bool:
    """A trigger in a relative clause that describes an armed group by its
    record ("an armed group which has been accused of atrocities while
    fighting on both sides", "a militia that has fought the army for
    years"): who the group is, not a happening."""
    clause = relative_clause_of(token, limit=3)
    if clause is None:
        return False
    head = clause.head
    if head.lower_ not in _ACTOR_HEADS and head.ent_type_ not in ("ORG", "NORP"):
        return False
    if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in clause.subtree):
        return False  # "which has killed 50 people in El Fasher since Monday": news told in it
    return _perfect(clause) or clause.lemma_.lower() in _CHARACTERISING


def dated_to_a_day(sentence: Span, published: date | None) -> bool:
    """Does the sentence date something to a day ("on Wednesday")?"""
    return any(d.kind in DAY_KINDS for d in facts_of(sentence, published=published).dates)


# What a politician attacks in words ("a fierce attack on the government over inflation")
_VERBAL_TARGETS = frozenset({"government", "opposition", "policy", "policies", "budget", "decision", "remarks",
                             "statement", "statements", "leadership", "minister", "premier", "party", "critics",
                             "judiciary", "establishment", "media"})


def in_words(token: Token, sentence_words: set[str]) -> bool:
    """Is the attack one of words: on a government, a party or a policy, with
    nothing of harm or weapons in the sentence?"""
    if token.lemma_.lower() not in ("attack", "assault", "offensive") or token.pos_ != "NOUN":
        return False
    targets = {o.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
               for o in c.children if o.dep_ == "pobj"}
    return bool(targets) and targets <= _VERBAL_TARGETS and not sentence_words & _VIOLENCE_WORDS


def fought_thing(token: Token) -> bool:
    """Is the fight one against no enemy: "fought back tears", "battled
    the blaze", "combating corruption"?"""
    if token.lemma_.lower() not in _FIGHT_VERBS or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in _THINGS_FOUGHT for o in objects)


_FIGHT_VERBS = frozenset({"fight", "battle", "combat", "struggle", "tackle"})
# what is fought that is no enemy: feelings, fire, disease, want, crime and ideas
_THINGS_FOUGHT = frozenset({
    "tear", "tears", "emotion", "emotions", "urge", "fear", "fire", "fires", "blaze", "flame", "flames",
    "wildfire", "wildfires", "disease", "illness", "cancer", "virus", "pandemic", "epidemic", "poverty",
    "hunger", "famine", "inflation", "addiction", "corruption", "crime", "impunity", "misinformation",
    "disinformation", "extremism", "terrorism", "radicalisation", "radicalization", "climate"})


# words that make an attack on a government more than words
_VIOLENCE_WORDS = frozenset({"killed", "killing", "dead", "died", "injured", "wounded", "gunmen", "militants",
                             "bomb", "blast", "explosion", "fire", "fired", "shot", "rocket", "rockets", "drone",
                             "drones", "missile", "missiles", "troops", "soldiers", "forces", "offices", "building",
                             "buildings", "convoy", "headquarters", "compound"})


def after_only(token: Token) -> bool:
    """Is the event told as what came right before ("after", "following" a
    strike), not as a cause ("over the bombing", "in response to the
    attack", "amid clashes")?"""
    for node in [token, *ancestors(token, limit=6)]:
        if node.lower_ in ("after", "following") and node.dep_ in ("prep", "mark"):
            return True
        if node.lower_ in lx.BACKGROUND_PREPS or node.lemma_.lower() in lx.BACKGROUND_NOUNS:
            return False
    return False


def refers_back(trig: Trigger, *, harm_reports: bool) -> bool:
    """Is the trigger told as what came before ("after a raid", "in
    response to the attack", "came 48 hours after …")?  Not an Agreement
    ("after the ceasefire deal"), nor a protest during which something happened."""
    if trig.event_type == lx.STRATEGIC and trig.sub_event_type == "Agreement":
        return False
    if told_ongoing(trig.token):
        return False  # "comes amid ongoing clashes in Sweida": going on as the report is written
    if (trig.event_type in (lx.PROTESTS, lx.RIOTS) or trig.token.lemma_.lower() == "strike") and \
            turned_violent(trig.token):
        return False  # "killed after a taxi strike turned violent": the strike is where they died
    # "arrested during a protest", "agreed to work on a path to peace during talks in Riyadh": the
    # protest or the talks are happening, not recalled
    happening = trig.event_type in (lx.PROTESTS, lx.RIOTS) or (
        trig.sub_event_type == "Diplomacy" and _venue_told(trig.token))
    preps = lx.BACKGROUND_PREPS - CONTEMPORANEOUS if happening else lx.BACKGROUND_PREPS
    return is_background(trig.token, preps=preps, harm_reports=harm_reports) or _in_earlier_clause(trig.token)


def _venue_told(token: Token) -> bool:
    """Are the talks told with where they were held ("talks in Saudi Arabia",
    "talks held in Riyadh"), not only named ("during the NATO summit")?"""
    heads = [token, *(c for c in token.children if c.dep_ == "acl")]
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.children)
        for h in heads for c in h.children)


def _in_earlier_clause(token: Token) -> bool:
    """Is the trigger in a clause that tells an earlier event ("came barely
    48 hours after two communities were attacked") and carries a date or an
    offset of its own?  Without them the clause is left to
    ``drop_background_clauses``."""
    if after_read_as_conj(token) is not None:
        return recalled_offset(token) is not None
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") for c in node.children) \
                and node.dep_ in ("advcl", "conj"):
            return recalled_offset(token) is not None
        if node.head.i == node.i:
            return False
        node = node.head
    return False
