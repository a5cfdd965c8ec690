"""Attributes, actors: ACLED-style names of who acted and who was hit, and
who the sentence attributes its facts to (``claimed_by``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.events.core import HARM_VERBS, Trigger, VIOLENT
from etl.events.syntax import (ancestors, country_code, governing_verb, nation_people, noun_chunks, recalled_scope,
                               relative_clause_of, sent_of, token_country)
from etl.spacy_model import span_text

GROUP_KEYS = sorted(lx.GROUP_ACTORS, key=len, reverse=True)


def names_group(words: Sequence[str]) -> bool:
    """Do the (lower-case) words name an armed group the lexicon knows ("the
    RSF", "boko haram")?"""
    spaced = " " + " ".join(words) + " "
    return any(f" {key} " in spaced for key in GROUP_KEYS)


# Titles and ranks that make a named person one of an armed side ("Hamas commander X", "Gen. Y")
_ARMED_TITLES = frozenset({"commander", "commanders", "general", "gen", "gen.", "colonel", "col", "col.", "major",
                           "captain", "lieutenant", "lt", "lt.", "sergeant", "sgt", "sgt.", "brigadier", "corporal",
                           "admiral", "marshal", "officer", "officers", "soldier", "fighter", "militant", "agent",
                           "guard", "bodyguard", "warlord", "kingpin", "gang", "cartel"})
_ARMED_PERSON_WORDS = lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS | _ARMED_TITLES
_NAMED_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Words of a killing done to one person (not "ambushed", "attacked": a fight told by its start)
_KILLING_LEMMAS = frozenset({"kill", "shoot", "dead", "gun", "assassinate", "stab", "murder", "slay"})


def named_person_hit(token: Token) -> bool:
    """Is the trigger's target one person named and no more ("Charlie Kirk, a
    conservative activist, was shot dead", "the activist has died after he was
    shot"), with no word of an armed side, rank or group?  ACLED codes such a
    killing as an attack on a civilian (the caller asks whether the text is
    about unrest, where whoever is shot is shot in the unrest)."""
    if token.lemma_.lower() not in _KILLING_LEMMAS:
        return False
    verb = token.head if token.dep_ in ("oprd", "acomp", "prt", "dobj") and token.head.i != token.i else token
    target = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if target is not None and target.lower_ in _NAMED_PRONOUNS and verb.dep_ in ("advcl", "conj"):
        # "X has died after he was shot": the pronoun stands for the subject it hangs on
        target = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if target is None or any(c.dep_ == "conj" for c in target.children) or not (
            _person(target) or any(c.dep_ == "appos" and _person(c) for c in target.children)):
        return False  # (one person by name: "the activist Maria Lopez" too)
    words = [t.lower_ for t in target.subtree]
    return not set(words) & _ARMED_PERSON_WORDS and not names_group(words)


def _person(token: Token) -> bool:
    """Is the word a person's name: in a PERSON entity, or a name the text
    gives a person elsewhere ("Adeyemi was shot dead" after "Grace Adeyemi")?"""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and any(e.label_ == "PERSON" and token.text in e.text.split()
                                         for e in token.doc.ents)


_SEVERAL_WORD_COUNTRY = re.compile(
    r" (" + "|".join(sorted((re.escape(n) for n in lx.COUNTRY_CODES if " " in n), key=len, reverse=True))
    + r")(?:['’]s)? ")


def actor_name(phrase: str, *, event_type: str, sub_event_type: str = "") -> str:
    """ACLED-style actor name for a noun phrase ("Pakistani soldiers" →
    "Military Forces of Pakistan"); "" when the phrase names no actor."""
    lowered = " " + " ".join(re.findall(r"[\w'’.-]+", phrase.lower())) + " "
    for key in GROUP_KEYS:
        if f" {key} " in lowered:
            return lx.GROUP_ACTORS[key]
    # "Turkish-backed factions": a group a state backs, not that state's forces
    backed = _BACKED.search(phrase) is not None
    phrase = _BACKED.sub(" ", phrase)
    lowered = _BACKED.sub(" ", lowered)
    # past the names, a hyphen joins words to be read apart ("an Afghan-international force")
    phrase = phrase.replace("-", " ")
    lowered = lowered.replace("-", " ")
    listed = lowered.split()
    words = set(listed)
    if listed and listed[-1] in _PLACE_WORDS:
        return ""  # "South Sudan’s Fangak county": a place, not a side
    # a name of several words first: "South Sudan", not "Sudan"
    several = _SEVERAL_WORD_COUNTRY.search(lowered)
    code = lx.COUNTRY_CODES[several.group(1)] if several else ""
    people = False  # "three Palestinians": a nation's people, not its state
    if not code:
        for word in re.findall(r"[\w'’.-]+", phrase):
            if code := country_code(word):
                people = nation_people(word)
                break
    country = lx.COUNTRY_NAMES.get(code, code)
    if words & lx.CIVILIAN_WORDS:
        return f"Civilians ({country})" if country else "Civilians"
    if words & lx.POLICE_WORDS:
        return f"Police Forces of {country}" if country else "Police Forces"
    if words & lx.MILITANT_WORDS:
        return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    if people and not words & (lx.MILITARY_WORDS | {"security"}):
        return f"Civilians ({country})"
    identity = words & _IDENTITY_GROUPS
    if identity and not words & lx.MILITARY_WORDS:
        # "Israeli settlers": a communal group of that country, not its army
        group = min(identity).capitalize()
        return f"{group} ({country})" if country else group
    if not country:
        # "security forces", "troops" with no nationality: a state's forces, whose
        # country the event's place gives (``with_country``)
        return "Unidentified Armed Group" if backed and not words & _STATE_PEOPLE else ""
    if event_type == lx.STRATEGIC and sub_event_type in ("Diplomacy", "Agreement"):
        return f"Government of {country}"
    return f"Military Forces of {country}"


_STATE_PEOPLE = frozenset({"army", "troops", "military"})
# "Turkish-backed", "Iran-aligned": whom a group is backed by (the state is not the actor)
_BACKED = re.compile(r"[\w.'’]+-(?:backed|sponsored|supported|aligned|allied)\b", re.I)
# Communal and identity groups that act in violence but are no state's forces (ACLED
# "Settlers (Israel)" style sides; herders, farmers and fishermen are civilian words,
# answered before)
_IDENTITY_GROUPS = frozenset({"settlers", "herdsmen", "tribesmen", "clansmen", "vigilantes"})


def state_forces_subject(token: Token) -> str:
    """"Military Forces" when the subject of the event's verb is a state's
    forces told without a nationality ("Security forces killed eight
    terrorists", "troops repulsed the attack"), else ""."""
    verbs = [token] if token.pos_ == "VERB" else subject_verbs(token)
    for verb in verbs[:1]:
        for child in verb.children:
            if child.dep_ == "nsubj":
                lowered = " " + " ".join(t.lower_ for t in child.subtree) + " "
                if set(lowered.split()) & _STATE_PEOPLE or " security forces " in lowered \
                        or " security personnel " in lowered:
                    return "Military Forces"
    return ""


def with_country(actor: str, country_name: str) -> str:
    """"Military Forces" or "Police Forces" told without a nationality, as
    the forces of the country the event is in."""
    if actor in ("Military Forces", "Police Forces") and country_name:
        return f"{actor} of {country_name}"
    return actor


_PLACE_PREPS = frozenset({"near", "in", "at", "along", "across"})
_TWO_SIDED = frozenset({"clash", "fighting", "fight", "battle", "skirmish", "war", "conflict", "hostility",
                        "exchange", "firefight", "gunfight", "encounter", "confrontation"})


def _phrase(token: Token) -> str:
    """The words of a noun phrase that can name a side: not its relative
    clauses, appositions, or places ("a military base near the Venezuelan
    border" is no Venezuelan base)."""
    skipped = {t.i for c in token.children
               if c.dep_ in ("relcl", "acl", "appos") or (c.dep_ == "prep" and c.lower_ in _PLACE_PREPS)
               for t in c.subtree}
    # written as in the text, so a hyphenated name stays one ("Tehreek-e-Taliban Pakistan")
    kept = "".join(t.text_with_ws if t.dep_ != "punct" or t.text == "-" else " "
                   for t in token.subtree if t.i not in skipped)
    return " ".join(kept.split())[:120]


def _teller_of_own(subject: Token, verb: Token) -> Token | None:
    """Who said it of their own ("Russia said its forces had captured the
    town", "Russian media reported that their troops had captured it"): the
    saying verb's subject, whom "its"/"their" stands for; else ``None``."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subject.children):
        return None
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lx.SAY_VERBS:
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)


def subject_verbs(token: Token) -> list[Token]:
    """The verbs whose subject may be the trigger's actor: the trigger's own
    verb, then up through non-finite and coordinated clauses ("offered its
    support in mediating", "launched …, striking")."""
    verbs: list[Token] = []
    current: Token | None = token if token.pos_ == "VERB" else governing_verb(token)
    while current is not None and len(verbs) < 4:
        verbs.append(current)
        if current.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj") and current.head.i != current.i:
            current = governing_verb(current)
        else:
            break
    return verbs


# what a group says when it disowns an attack: its subject is no side of it
_CONDEMNING_VERBS = frozenset({"condemn", "denounce", "deplore"})
_DISOWNING_VERBS = frozenset({"deny", "disown", "reject", "distance"}) | _CONDEMNING_VERBS


def find_actors(trigger: Trigger) -> tuple[str, str]:
    """actor1 (who acted) and actor2 (the target) in ACLED style."""
    token = trigger.token
    name = lambda t: actor_name(_phrase(t), event_type=trigger.event_type,  # noqa: E731
                                sub_event_type=trigger.sub_event_type)
    actor1 = actor2 = ""
    if token.pos_ == "NOUN":
        # "an Israeli drone strike", "U.S. airstrikes": the nationality of the act is its actor's
        actor1 = _nationality_actor(token, name)
    scope = recalled_scope(token) if trigger.background else None
    for verb in subject_verbs(token):
        if scope is not None and not scope[0] <= verb.i < scope[1]:
            break  # the verb of the report's event ("India launched strikes in retaliation for the attack")
        if verb.i != token.i and verb.lemma_.lower() in lx.SAY_VERBS | _CONDEMNING_VERBS:
            # who tells it ("Lebanon's health ministry said in a statement that two were killed"), or
            # condemns it ("Pakistan's Foreign Office strongly condemned the attack")
            break
        for child in verb.children:
            if child.i == token.i:
                continue
            if child.dep_ == "nsubj" and not actor1 and token not in list(child.subtree):
                teller = _teller_of_own(child, verb)
                actor1 = name(child) if teller is None else actor_name(
                    f"{_phrase(teller)} {_phrase(child)}", event_type=trigger.event_type,
                    sub_event_type=trigger.sub_event_type)
            elif child.dep_ == "agent" and not actor1:
                for obj in child.children:
                    actor1 = actor1 or name(obj)
            elif child.dep_ in ("dobj", "nsubjpass") and child.i != token.i and not actor2 \
                    and token not in list(child.subtree):
                actor2 = name(child)
        if actor1:
            break
    if not actor1:
        # "31 civilians were killed in Indian attacks on Bahawalpur": the nationality of the
        # act the killing was "in" is its actor's
        actor1 = next((found for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
                       for noun in prep.children if noun.dep_ == "pobj" and noun.lemma_.lower() in lx.NOUN_TRIGGERS
                       if (found := _nationality_actor(noun, name))), "")
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "with"):
            for obj in child.children:
                actor2 = actor2 or name(obj)
    if trigger.event_type in VIOLENT and (not actor1 or not actor2):
        actor1, actor2 = _sentence_actors(token, trigger, actor1, actor2)
    if trigger.event_type in VIOLENT and actor1.startswith("Civilians"):
        # civilians are the targets of violence, never its side ("a safe haven
        # for civilians fleeing violence … destroyed in the attack")
        actor1, actor2 = "", actor2 or actor1
    if actor2 == actor1:
        actor2 = ""
    return actor1, actor2


def _nationality_actor(noun: Token, name: Callable[[Token], str]) -> str:
    """The actor a nationality said of an event noun names ("Israeli strikes"),
    else "" (and "" for a fight, which has two sides: "the Pakistan-Afghanistan
    border clashes")."""
    if noun.lemma_.lower() in _TWO_SIDED:
        return ""
    return next((name(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
                 and token_country(c) and "-" not in c.text), "")


_PLACE_WORDS = frozenset({"border", "borders", "region", "area", "city", "town", "village", "province", "district",
                          "capital", "territory", "frontier", "side", "coast", "state", "county", "airspace",
                          "waters"})


def _with_owned(chunk: Span) -> str:
    """A chunk's words, with what it owns when the parser cut a possessive
    off ("Sudan" + "’s paramilitary Rapid Support Forces")."""
    doc = chunk.doc
    end = chunk.end
    if end < len(doc) and doc[end].lower_ in ("'s", "’s"):
        end += 1
        while end < len(doc) and doc[end].pos_ in ("ADJ", "PROPN", "NOUN"):
            end += 1
        return doc[chunk.start:end].text
    return chunk.text


_NOT_SIDES = frozenset({"war", "conflict", "crisis", "violence", "insurgency", "rebellion", "unrest"})


def _sentence_actors(token: Token, trigger: Trigger, actor1: str, actor2: str) -> tuple[str, str]:
    """Fill missing sides from the sentence's other noun phrases: a named
    group or subject acts; a phrase after "on/against/at" ("attacks on
    Pakistani posts") is the target."""
    sentence = sent_of(token)
    actors: list[str] = []
    targets: list[str] = []
    scope = recalled_scope(token) if trigger.background else None
    victims = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] \
        if token.pos_ == "VERB" and token.lemma_.lower() in HARM_VERBS else []
    setting = relative_clause_of(token, limit=3)
    if setting is not None and not any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in setting.children):
        setting = None
    for chunk in noun_chunks(sentence):
        if token in chunk:
            continue
        if setting is not None and not setting.left_edge.i <= chunk.root.i <= setting.right_edge.i:
            continue  # "Police officers guard the area where the senator was shot": who stands there now
        if scope is not None and not scope[0] <= chunk.start < scope[1]:
            continue  # "India struck … in retaliation for the attack in Pahalgam": not the attack's sides
        root = chunk.root
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in lx.SAY_VERBS or any(
                a.dep_ == "nsubj" and a.head.lemma_.lower() in lx.SAY_VERBS for a in ancestors(root, limit=4)):
            # "Lebanese officials said …", "Khaing Thukha, a spokesperson for the Arakan
            # Army, told the AP": who tells it, not who did it
            continue
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in _DISOWNING_VERBS:
            continue  # "The TTP denied involvement, while Jamaat-ul-Ahrar claimed the attack"
        if root.lemma_.lower() in _PLACE_WORDS or (
                root.ent_type_ in ("GPE", "LOC") and root.dep_ in ("pobj", "appos", "conj")):
            continue  # "near the Venezuelan border", "in Tibu, Colombia": a place, not a side
        if root.lemma_.lower() in _NOT_SIDES or root.lemma_.lower() in lx.NOUN_TRIGGERS:
            continue  # "tracking the Sudanese civil war": a war, not a side
        clause = relative_clause_of(root, limit=6)
        if clause is not None and not (clause.left_edge.i <= token.i <= clause.right_edge.i) and \
                clause.head.i != token.i and clause.head.ent_type_ not in ("DATE", "TIME") and \
                clause.head.lemma_.lower() not in lx.NOUN_TRIGGERS:
            continue  # "the RSF, which has been at war with the Sudanese army, attacked …": not the target
        if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.dep_ == "acl" and \
                root.head.head.head.i != token.i:
            continue  # "a township held by the Arakan Army": who holds a place, not a side of the attack
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in ("control", "hands") \
                and root.head.head.head.lower_ in ("under", "in"):
            continue  # "an area under the control of the Arakan Army", "in the hands of the rebels"
        found = actor_name(_with_owned(chunk), event_type=trigger.event_type)
        if not found:
            continue
        if any(v.left_edge.i <= root.i <= v.right_edge.i for v in victims):
            targets.append(found)  # "killed eight terrorists belonging to Fitna al Khawarij": the dead's group
            continue
        if (root.dep_ == "pobj" and root.head.lower_ in ("on", "against", "at", "including", "among")) or \
                (root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in HARM_VERBS):
            targets.append(found)
        else:
            actors.append(found)
    if not actor1:
        actor1 = next((a for a in actors if a != actor2), "")
    if not actor2:
        actor2 = next((a for a in [*targets, *actors] if a != actor1), "")
    return actor1, actor2


_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z(][\w’'.()-]*){0,4}|officials|police|sources|residents|locals)", re.I)


def find_claim(sentence: Span) -> str:
    """Who the sentence attributes its facts to ("ISPR said", "according to
    officials", "the Taliban claimed"); "" when it states them directly."""
    match = _ACCORDING.search(span_text(sentence))
    if match:
        return match.group(1).strip()
    for token in sentence:
        if token.lemma_.lower() in lx.SAY_VERBS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return " ".join(t.text for t in child.subtree if t.dep_ != "punct")[:80]
    return ""


def responsibility_claimant(sentences: Sequence[Span], index: int, *, event_type: str, window: int = 3) -> str:
    """The group a sentence at or right after ``index`` says claimed the
    attack ("The Pakistani Taliban claimed responsibility", "IS took credit
    for the bombing"), as an actor name; "" when none does."""
    for sentence in sentences[index:index + window + 1]:
        for token in sentence:
            if token.lemma_.lower() not in ("claim", "take", "accept") or token.pos_ != "VERB":
                continue
            if not any(c.dep_ == "dobj" and (c.lemma_.lower() in ("responsibility", "credit") or (
                    token.lemma_.lower() == "claim" and _violence_noun(c))) for c in token.children):
                continue
            for child in token.children:
                if child.dep_ != "nsubj":
                    continue
                # "a splinter faction, Jamaat-ul-Ahrar, claimed the attack": the name in apposition
                for side in (child, *(c for c in child.children if c.dep_ == "appos")):
                    name = actor_name(_phrase(side), event_type=event_type)
                    if name and not name.startswith(("Civilians", "Police", "Military")):
                        return name
    return ""


def _violence_noun(token: Token) -> bool:
    """"the attack", "the bombing": a noun of violence a group claims."""
    return lx.NOUN_TRIGGERS.get(token.lemma_.lower(), ("",))[0] in VIOLENT
