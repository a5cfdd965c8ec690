"""Attributes, type, for crowds: a sentence about a protest is one Protests
or Riots event whatever violence it reports (ACLED).

Protesters' own violence or destruction (attacking or beating someone,
setting something on fire, pulling it down, storming a building; not burning
effigies or flags) makes a riot, even when force is used against them; force
against peaceful protesters, or police firing on a crowd however it is worded,
is excessive force; arrests or dispersal an intervention.  Looting and burning
by a crowd is a riot.  Words that only name the protest's cause ("a protest
against police violence") or an earlier crowd's act ("a year after
demonstrators stormed the parliament") do not type it.  A bomb at a rally is
the bombing, not the rally.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.events.actors import names_group
from etl.events.core import Trigger
from etl.events.offsets import recalled_offset
from etl.events.realis import CONTEMPORANEOUS, OUTCOME_VERBS, is_background, turned_violent
from etl.events.syntax import ancestors, governing_verb, object_words, sent_of, token_table


_RIOT_WORDS = frozenset({"clashes", "clash", "scuffles", "scuffle", "projectiles", "thrown", "threw",
                         "throwing", "petrol", "molotov", "barricades", "burning", "burned", "burnt",
                         "arson", "smashed", "vandalism", "rampage", "looting",
                         "stone", "stones", "stone-throwing", "stone-pelting", "rioters", "riot", "riots",
                         "rioting", "violent", "violence", "vandalised", "vandalized", "hurled", "pelted",
                         "torched", "ransacked", "looted", "clashed", "clashing", "fought", "stormed",
                         "storming", "broke", "smashing", "pelting", "hurling", "rocks", "bottles", "ablaze",
                         "blocked", "blocking", "blockade", "blockaded", "barricaded", "roadblocks", "tyres",
                         "tires", "damaged", "damaging", "tore", "torn"})


_INTERVENTION_WORDS = frozenset({"tear", "teargas", "dispersed", "disperse", "arrested", "detained", "baton",
                                 "batons", "cannon", "lathi", "lathicharge", "rubber", "pellets", "arrests",
                                 "detentions", "chase", "chased", "pepper", "pepper-sprayed", "kettled"})


_FORCE_WORDS = frozenset({"killed", "shot", "live", "bullets", "killing", "beat", "beaten", "opened",
                          "excessive", "suppressed", "suppress", "violently", "brutally", "injuries", "injured",
                          "wounded", "wounding", "crackdown", "died", "dead", "attacks", "attacked"})


_CLASH_WORDS = frozenset({"clash", "clashes", "clashed", "clashing", "violent", "violence", "scuffle", "scuffles"})
_DEATH_WORDS = frozenset({"killed", "killing", "died", "dead", "deaths", "death"})
_PEACEFUL_WORDS = frozenset({"peaceful", "non-violent", "nonviolent", "unarmed"})


_PROTEST_WORDS = frozenset({"protest", "protests", "protesters", "protestors", "demonstrators",
                            "demonstration", "demonstrations", "rally", "rallies", "marchers", "sit-in",
                            "agitation", "marches", "unrest"})


_RIOT_GEAR_HEADS = frozenset({"police", "policemen", "gear", "squad", "shields", "control", "unit", "units",
                              "officers", "troops", "vehicle", "vehicles"})


def riot_gear(token: Token) -> bool:
    """"riot police", "riot gear": not a riot; "a police picket": a post,
    not a protest."""
    doc = token.doc
    if token.lemma_.lower() == "picket" and token.pos_ == "NOUN":
        return any(c.dep_ in ("compound", "amod") and c.lower_ in _PICKET_KEEPERS for c in token.children)
    return token.lower_ == "riot" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _RIOT_GEAR_HEADS


# Who keeps a picket that is a post ("a police picket", "an army picket")
_PICKET_KEEPERS = lx.POLICE_WORDS | lx.MILITARY_WORDS | frozenset({"security", "checkpost", "border", "levies",
                                                                  "fc", "frontier"})


_SECURITY_DOERS = lx.POLICE_WORDS | lx.MILITARY_WORDS | frozenset({"security", "officers", "authorities"})
# Nouns of a crowd in the street (not "students" or "supporters", who may only be named)
CROWD_WORDS = frozenset({"protesters", "protestors", "demonstrators", "rioters", "crowd", "crowds", "mob"})
# Heads of the subject of protesters' own acts ("protesters attacked police officers")
_PROTESTER_HEADS = CROWD_WORDS | {"students", "supporters", "activists"}


def force_on_crowd(trigger: Trigger, sentence: Span) -> Trigger:
    """Police or troops firing on, beating or killing protesters are the
    protest's event, however it is worded ("police opened fire to prevent
    protesters from storming a police station"): a crowd's event for
    :func:`protest_event` to type (a riot when the crowd was violent), not an
    attack on civilians or a clash."""
    if trigger.event_type not in (lx.BATTLES, lx.VAC) or trigger.sub_event_type not in ("Armed clash", "Attack"):
        return trigger
    verb = trigger.token if trigger.token.pos_ == "VERB" else governing_verb(trigger.token)
    if verb is None:
        return trigger
    doers = {t.lower_ for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    words = {t.lower_ for t in sentence}
    if not doers & _SECURITY_DOERS or not words & CROWD_WORDS:
        return trigger
    if words & _AID_WORDS and not words & _PROTEST_WORDS:
        return trigger  # "opened fire on the crowd, which was gathered to receive aid": no protest
    return Trigger(trigger.token, lx.PROTESTS, "Excessive force against protesters", trigger.strong)


# A crowd gathered for aid, not to protest
_AID_WORDS = frozenset({"aid", "food", "distribution", "rations", "relief", "humanitarian"})


# Who, doing damage, is a crowd: "protesters", "rioters", "youths", "groups of young men"
_CROWD_DOERS = CROWD_WORDS | {"mobs", "youths", "young"}


# Words of a text about crowds in the streets: looting it tells without naming the
# looters is theirs.
UNREST_WORDS = CROWD_WORDS | frozenset({"protest", "protests", "protesting", "riot", "riots", "rioting", "unrest",
                                        "strikers", "demonstration", "demonstrations", "protestor", "protester"})
# Doers whose looting or burning is no crowd's
_ARMED_DOERS = lx.MILITANT_WORDS | lx.MILITARY_WORDS | {"armed"}


def unrest_text(doc: Doc) -> bool:
    """Does the text speak of protests, riots or unrest anywhere?"""
    found = doc.user_data.get("sitrep_unrest")
    if found is None:
        found = bool(set(token_table(doc)[0]) & UNREST_WORDS)
        doc.user_data["sitrep_unrest"] = found
    return found


# Bombs a crowd makes and throws
_FIREBOMB_WORDS = frozenset({"petrol", "molotov", "molotovs", "firebomb", "firebombs", "fire-bombs", "cocktails"})


# What a crowd throws by hand besides its firebombs
_THROWN_WORDS = frozenset({"stones", "rocks", "bricks", "masonry", "bottles", "fireworks"})


def crowd_destruction(trigger: Trigger) -> Trigger:
    """Looting and burning by a crowd ("groups of young men hurled stones at
    police, looted shops and torched police vehicles") and its petrol bombs
    ("masked youths threw petrol bombs") are a riot, not property
    destruction or a grenade attack by an armed group; so is looting told with no
    looter ("a second day of looting", "shops were looted") in a text about
    protests or unrest, when the sentence names no armed group or army."""
    # (and, in a text about protests or riots, what a crowd throws by hand: "masked men threw
    # missiles and fireworks at gardaí")
    firebombs = trigger.sub_event_type == "Grenade" and trigger.token.pos_ == "VERB" and \
        bool(object_words(trigger.token) & (_FIREBOMB_WORDS | (
            _THROWN_WORDS | {"missiles", "projectiles"} if unrest_text(trigger.token.doc) else set())))
    act = trigger.token.head if trigger.token.dep_ == "dobj" else trigger.token  # "launched an attack"
    if trigger.event_type in (lx.BATTLES, lx.REMOTE) and act.pos_ == "VERB" and any(
            c.dep_ == "nsubj" and c.lower_ in _CROWD_DOERS for c in act.children) and \
            {t.lower_ for t in act.subtree} & (_FIREBOMB_WORDS | _THROWN_WORDS):
        # "a crowd launched an attack on officers by hurling petrol bombs": the crowd's own act
        return Trigger(trigger.token, lx.RIOTS, "Violent demonstration", trigger.strong)
    if trigger.sub_event_type != "Looting/property destruction" and not firebombs:
        return trigger
    if trigger.token.lemma_.lower() in ("loot", "looting") and unrest_text(trigger.token.doc) and (
            trigger.token.pos_ != "VERB" or not any(c.dep_ == "nsubj" for c in trigger.token.children)):
        if not {t.lower_ for t in sent_of(trigger.token)} & _ARMED_DOERS:
            return Trigger(trigger.token, lx.RIOTS, "Violent demonstration", trigger.strong)
    if trigger.token.pos_ != "VERB":
        return trigger
    verb = trigger.token
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "hurled stones, looted shops, and torched vehicles": the first verb's subject
    if verb.dep_ == "acl":
        # "petrol bombs thrown at police": the participle's doer is its agent, if any, never the
        # sentence's subject (the police came under attack)
        subjects = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    else:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] or \
            [t for t in sent_of(verb) if t.dep_ == "nsubj"]  # a misparse that leaves the verb no subject
    doers = {t.lower_ for c in subjects for t in c.subtree}
    # (petrol bombs hurled in a text about protests are the crowd's, whoever threw them)
    armed = doers & _ARMED_DOERS - ({"attackers", "assailants"} if firebombs else set())
    if not (doers & _CROWD_DOERS or firebombs and unrest_text(verb.doc)) or armed:
        return trigger
    return Trigger(trigger.token, lx.RIOTS, "Violent demonstration", trigger.strong)


# Words of fighting that say nothing of who fought: "clashes", "fighting", "violent confrontations"
_FIGHT_LEMMAS = frozenset({"clash", "fight", "fighting", "skirmish", "confrontation", "scuffle", "brawl",
                           "violence"})
# Who makes a fight a battle: an army or an armed group (police facing a crowd do not)
_ARMED_SIDES = lx.MILITANT_WORDS | (lx.MILITARY_WORDS - {"forces", "force", "security forces", "personnel"}) | {
    "armed", "militia", "militias", "militiamen", "gangs", "gang", "factions", "faction", "tribesmen",
    "paramilitary", "paramilitaries", "separatists", "combatants", "soldiers"}


# Who fights in the street: a crowd, youths, bands, supporters
_STREET_SIDES = _CROWD_DOERS | frozenset({"bands", "groups", "supporters", "residents", "migrants", "fans",
                                          "locals", "villagers", "police"})


def _by_crowd(token: Token) -> bool:
    """An attack by a crowd ("attacked by the crowd"), or a storming by
    supporters or protesters ("supporters of the president stormed the
    court")."""
    lemma = token.lemma_.lower()
    doers = _CROWD_DOERS | _PROTESTER_HEADS if lemma in ("storm", "clash") else _CROWD_DOERS
    if lemma == "clash" and not any(c.dep_ == "prep" and c.lower_ == "with" and any(
            w.lower_ in lx.POLICE_WORDS | {"enforcement"} for g in c.children for w in g.subtree)
                                    for c in token.children):
        return False  # (supporters clashing "with law enforcement": the crowd met by police)
    return lemma in ("attack", "assault", "beat", "storm", "clash") and any(
        c.dep_ in ("nsubj", "agent") and {t.lower_ for t in c.subtree} & doers for c in token.children)


def street_clash(trigger: Trigger, sentence: Span) -> Trigger:
    """Clashes in a text about protests, riots or unrest between sides of
    the street (a crowd, youths, bands, supporters, the police) that name no
    army and no armed group ("violence continued into Saturday night, with
    reports of clashes with police", "roaming bands clashed with nationalist
    groups"), and an attack by a crowd ("the officer, who was attacked by
    the crowd"), are the crowd's riot, not a battle: ACLED's Battles are
    fought by organised armed sides, and police meeting a violent crowd is a
    riot ("supporters of the president stormed the court" too).  Deaths told
    with no act of the crowd's stay for the happening's other mentions to
    type (force against a crowd, :func:`protest_event`)."""
    if (trigger.event_type, trigger.sub_event_type) != (lx.BATTLES, "Armed clash"):
        return trigger
    token = trigger.token
    lemma = token.lemma_.lower()
    by_crowd = _by_crowd(token)
    if not by_crowd and (lemma not in _FIGHT_LEMMAS or not (unrest_text(token.doc) or any(
            _by_crowd(t) for t in sentence if t.lemma_.lower() == "storm"))):
        return trigger
    listed = [t.lower_ for t in sentence]
    words = set(listed)
    if not by_crowd and not words & _STREET_SIDES:
        return trigger
    if words & _ARMED_SIDES or names_group(listed):
        return trigger
    if not by_crowd and words & _DEATH_WORDS and not words & (_RIOT_WORDS - _CLASH_WORDS):
        return trigger  # "17 people were killed in various clashes"
    return Trigger(token, lx.RIOTS, "Violent demonstration", trigger.strong)


def _protesters_words(sentence: Span, anchor: Token | None = None) -> set[str]:
    """The sentence's words, less those that only name a cause or an earlier
    event ("a protest against police violence", "after the killing of five
    students"), deny violence ("non-violent") or name riot police ("riot
    police")."""
    lower = token_table(sentence.doc)[0]
    words = set(lower[sentence.start:sentence.end])
    # a clause that tells an earlier happening ("… a year after demonstrators stormed the
    # parliament"; not "police fired tear gas after protesters threw stones": that crowd's own act)
    earlier = {d.i for m in sentence for d in _earlier_clause(m)}
    for i in range(sentence.start, sentence.end):
        if lower[i] not in _RIOT_WORDS and lower[i] not in _FORCE_WORDS:
            continue  # only violence words are checked token by token
        t = sentence.doc[i]
        if i in earlier and anchor is not None and anchor.i not in earlier:
            words.discard(lower[i])  # the crowd told now did not do what the one before did
        elif riot_gear(t):
            words.discard(lower[i])
        elif i > sentence.start and (lower[i - 1] in ("non", "non-") or (
                lower[i - 1] == "-" and i - 1 > sentence.start and lower[i - 2] == "non")):
            words.discard(lower[i])
            words.add("non-" + lower[i])  # "non - violent" as three tokens
        elif _under_cause(t) or is_background(t, preps=frozenset()) or _of_recalled_noun(t):
            words.discard(lower[i])  # (or in memory of the dead, or the dead whose kin marched)
        elif lower[i] in _BURN_WORDS and object_words(t) & _SYMBOLS:
            words.discard(lower[i])  # burning effigies or flags is a symbolic act, not violence (ACLED)
    if _protesters_violent(sentence):
        words.add("riot")
    return words


def _of_recalled_noun(token: Token) -> bool:
    """Is the word in a clause that describes a happening the sentence only
    recalls ("to mark the anniversary of the train crash which left 57 people
    dead")?"""
    verb = token if token.pos_ == "VERB" else governing_verb(token)
    return verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i and \
        is_background(verb.head, preps=frozenset())


def _under_cause(token: Token) -> bool:
    """Does the word only name the protest's cause ("a protest against police
    violence")?  Not when it is what the protest came to ("demonstrations
    against a tax bill culminated in the storming of parliament", which the
    parser may hang on the bill): an outcome verb on the way up keeps it."""
    for node in ancestors(token, limit=4):
        if node.lemma_.lower() in OUTCOME_VERBS:
            return False
        if node.lower_ in _CAUSE_PREPS and node.dep_ == "prep":
            return True
    return False


def _earlier_clause(token: Token) -> list[Token]:
    """The clause an "after" of a told time span introduces ("a year after
    demonstrators stormed the parliament", "a year after deadly demonstrations
    culminated in the storming of parliament"), or nothing."""
    if token.lower_ not in ("after", "before", "since") or token.head.i == token.i:
        return []
    if token.dep_ == "mark":
        return list(token.head.subtree) if recalled_offset(token.head) is not None else []
    objects = [c for c in token.children if c.dep_ == "pobj"] if token.dep_ == "prep" else []
    return list(token.subtree) if objects and recalled_offset(objects[0]) is not None else []


_BURN_WORDS = frozenset({"burning", "burned", "burnt", "torched"})


_SYMBOLS = frozenset({"effigy", "effigies", "flag", "flags", "poster", "posters", "copies", "portrait", "portraits",
                      "pictures", "photos", "photographs"})


def _protesters_violent(sentence: Span) -> bool:
    """Protesters who attack, beat or injure someone, set something on fire
    or pull it down ("protesters attacked police officers", "demonstrators
    set cars on fire", "pulled down the barriers", "opened fire on
    officers"): ACLED's violent
    demonstration."""
    for t in sentence:
        lemma = t.lemma_.lower()
        if lemma == "set" and any(c.lower_ == "fire" or (c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children))
                                  for c in t.children):
            return True
        if lemma in ("pull", "tear", "knock") and any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children):
            return True  # "pulled down the walls", "tore down the fences"
        if lemma in ("attack", "assault", "beat", "injure", "damage", "shoot") and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in _PROTESTER_HEADS for c in t.children):
            return True
        if lemma in ("open", "fire") and t.pos_ == "VERB" and (lemma == "fire" or any(
                c.dep_ == "dobj" and c.lower_ == "fire" for c in t.children)) and any(
                c.dep_ == "nsubj" and c.lower_ in _PROTESTER_HEADS for c in t.children):
            return True  # "the protesters opened fire on officers": the crowd's own shooting
    return False


# Prepositions whose object is the protest's cause or what came before it:
# "a protest against police violence", "protests after the killing of five
# students" (the killing is not force used against the protest).
_CAUSE_PREPS = frozenset({"against", "over", "about", "condemning"}) | (lx.BACKGROUND_PREPS - CONTEMPORANEOUS)


_BOMBINGS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})


_BOMB_WORDS = frozenset({"bomb", "blast", "explosion", "explode", "bomber", "ied"})


def bombed_gathering(triggers: Sequence[Trigger], sentence: Span) -> bool:
    """A bomb went off at a protest or rally that the protesters did not
    throw: a bombing trigger or bomb word, and no riot words ("hurled petrol
    bombs")."""
    if not any(t.event_type in (lx.PROTESTS, lx.RIOTS) for t in triggers):
        return False
    lemmas = {t.lemma_.lower() for t in sentence}
    bombed = any(t.sub_event_type in _BOMBINGS for t in triggers) or bool(lemmas & _BOMB_WORDS)
    return bombed and not (_protesters_words(sentence) & _RIOT_WORDS or lemmas & _THROW_LEMMAS)


_THROW_LEMMAS = frozenset({"throw", "hurl", "lob", "petrol", "molotov"})


_HURT_WORDS = frozenset({"injured", "wounded", "hurt", "hospitalised", "hospitalized"})
_OFFICER_WORDS = lx.POLICE_WORDS | {"officers", "officer", "agents"}


# What one suffers or sustains when hurt ("sustained cuts and grazes", "suffered injuries")
_INJURY_NOUNS = frozenset({"injury", "wound", "cut", "graze", "burn", "fracture", "bruise"})


def _police_hurt(sentence: Span) -> bool:
    """Are police officers among those the sentence says were hurt ("100
    police officers and 20 protesters were injured", "injuring dozens of
    officers")?"""
    for token in sentence:
        if token.lemma_.lower() in ("suffer", "sustain") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _INJURY_NOUNS for c in token.children):
            hurt = [c for c in token.children if c.dep_ == "nsubj"]  # "eight officers sustained cuts"
        elif token.lower_ not in _HURT_WORDS:
            continue
        else:
            hurt = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
        if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
            hurt.append(token.head)  # "injured officers", "officers injured in the clashes"
        for who in hurt:
            names = {who.lower_} | {c.lower_ for c in who.conjuncts} | {
                t.lower_ for t in who.subtree if t.dep_ in ("pobj", "compound", "conj")}
            if names & _OFFICER_WORDS:
                return True
    return False


def protest_event(triggers: Sequence[Trigger], sentence: Span) -> Trigger | None:
    """A sentence about a protest is one Protests or Riots event, whatever
    violence it reports (ACLED): protesters' violence or destruction makes a
    riot, even when force is used against them; force against (peaceful)
    protesters, or their dispersal or arrest, is coded as the protest's
    sub-type."""
    candidates = [t for t in triggers if t.event_type in (lx.PROTESTS, lx.RIOTS) and not riot_gear(t.token)]
    if not candidates:
        return None
    words = _protesters_words(sentence, candidates[0].token)
    if not words & (_PROTEST_WORDS | {"protester", "mob", "riot", "rioters"}) and \
            not any(t.token.lemma_.lower() == "crackdown" or turned_violent(t.token) for t in candidates) and \
            not (any(t.event_type == lx.RIOTS for t in candidates) and all(
                t.event_type in (lx.PROTESTS, lx.RIOTS, lx.STRATEGIC) for t in triggers)):
        # (a crackdown is on a crowd: "after one of the deadliest crackdowns in years"; a
        # strike that turned violent was a crowd's: "after a taxi strike turned violent"; so is
        # a crowd's violence told with nothing else violent: "attackers hurled petrol bombs,
        # prompting riot police to fire teargas")
        return None
    mob = next((t for t in candidates if t.sub_event_type == "Mob violence"), None)
    if mob is not None:
        return mob
    crackdown = next((t for t in candidates if t.token.lemma_.lower() == "crackdown"), None)
    protest = candidates[0]
    peaceful = bool(words & _PEACEFUL_WORDS)
    destruction = any(t.sub_event_type == "Looting/property destruction" for t in triggers)
    # a crowd's act already read as rioting ("protesters began to strike the barriers")
    destruction = destruction or any(t.event_type == lx.RIOTS and t.sub_event_type == "Violent demonstration"
                                     for t in candidates)
    if crackdown is not None and not (destruction or _protesters_violent(sentence) or (
            crackdown is not protest and (words - {"crackdown"}) & _RIOT_WORDS and not peaceful)):
        # force against a crowd, whatever it was told to have done, unless the sentence tells the
        # crowd's own violence ("protesters smashed windows, prompting a police crackdown": a riot)
        return crackdown
    security = words & (lx.POLICE_WORDS | lx.MILITARY_WORDS | {"security", "officers", "officer", "authorities"})
    # Protesters called peaceful are not rioters ("police clashed with peaceful
    # protesters"); "some rallied peacefully, others clashed" describes a riot.
    force = words & _FORCE_WORDS
    if "rubber" in words:
        force -= {"bullets"}  # rubber bullets disperse a crowd: intervention, not force that kills
    # "police clashed with demonstrators, killing 10": lethal force, not the crowd's violence
    lethal = bool(security and force & _DEATH_WORDS) and not words & {"riot", "rioters"} and \
        not destruction and (words & _RIOT_WORDS) <= _CLASH_WORDS
    if (words & _RIOT_WORDS or destruction or turned_violent(protest.token)) and not peaceful and not lethal:
        return Trigger(protest.token, lx.RIOTS, "Violent demonstration", True)
    if not peaceful and not force & _DEATH_WORDS and _police_hurt(sentence):
        # "100 police officers and 20 protesters were injured": officers hurt at a protest
        # were hurt by the crowd, a riot (ACLED), whatever force met it
        return Trigger(protest.token, lx.RIOTS, "Violent demonstration", True)
    # people killed at a protest that was no riot: lethal force against it
    if (security and force - {"attacks", "attacked"}) or (peaceful and force) or force & _DEATH_WORDS:
        return Trigger(protest.token, lx.PROTESTS, "Excessive force against protesters", True)
    if words & _INTERVENTION_WORDS:
        return Trigger(protest.token, lx.PROTESTS, "Protest with intervention", True)
    return Trigger(protest.token, lx.PROTESTS, "Peaceful protest", True)
