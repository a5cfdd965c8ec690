"""Stage 1, mentions: the words and phrases of a sentence that name an event.

Triggers are words and phrases of :mod:`etl.lexicon` mapped to ACLED's event
types.  A word is kept only in its event sense: "March" the month, "struck a
discordant note", "the alarm went off", "a rocket-launching site", "went on
strike" (a labour protest), "the occupied city" (a state), "hackers attacked
the website" are no violent events.  Some verbs code an event only with the
right object ("seized weapons" → Disrupted weapons use, "seized the town" or
"seized Kunduz" → territory, "captured a commander" → Arrests, or an
abduction when an armed group takes him).  Shooting nouns ("Indian firing",
gunfire, "claims killing of eight") and "fire at/on" a target need an armed or
casualty word in the sentence; "the firing" told before is not a new one.
Whether a mention tells a happening at all is :mod:`etl.events.realis`'s
question; ``find_triggers`` asks it for every word found here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.dates import DAY_KINDS
from etl.events.classify import place_object, taken_unopposed, uncontested
from etl.events.weapons import weapon_subtype
from etl.events.core import Trigger, VIOLENT
from etl.events.crowds import CROWD_WORDS, riot_gear
from etl.events.deals import deal_ended, deal_people, existing_agreement, planned_or_denied, signed, whereabouts
from etl.events.event_dates import told_ongoing
from etl.events.facts import facts_of, writes_a_date
from etl.events.non_conflict import is_non_conflict, text_cues
from etl.events.anaphora import SITE_NOUNS, anaphoric
from etl.events.offsets import recalled_offset
from etl.events.realis import (
    CONTEMPORANEOUS, in_the_past, ongoing_since, recalled_date,
    recalled_earlier, drop_background_clauses, is_attributed, is_background, is_habitual,
    is_unreal, punished_for, purpose_of_movement, turned_violent, when_older_year, within_other_year,
)
from etl.events.tallies import counted_trend, in_period_toll, is_tallied_since, series_over_range, told_as_one
from etl.events.syntax import (
    after_read_as_conj, ancestors, governing_verb, has_object, in_subtree, object_heads, relative_clause_of, sent_of,
    target_words, token_table,
)

_WEAK_VERBS = {"kill", "martyr", "destroy", "attack", "hack", "stab", "beat", "bludgeon", "club", "stone"}


def _phrase_index() -> dict[str, list[tuple[list[str], list[str], str, str]]]:
    index: dict[str, list[tuple[list[str], list[str], str, str]]] = {}
    # a hyphenated word is three tokens to the parser ("sit-in": "sit", "-", "in"), so a
    # noun trigger written with a hyphen is a phrase
    hyphenated = {word: kind for word, kind in lx.NOUN_TRIGGERS.items() if "-" in word}
    for phrase, (etype, subtype) in {**lx.PHRASE_TRIGGERS, **hyphenated}.items():
        words = phrase.replace("-", " - ").split()
        singular = [w.rstrip("s") for w in words]
        for first in {words[0], singular[0]}:
            index.setdefault(first, []).append((words, singular, etype, subtype))
    return index


_PHRASES_BY_FIRST = _phrase_index()


# Words that offer an event only as a likeness of the one reported
_LIKENESS_WORDS = frozenset({"similar", "comparable", "such"})


def _one_of_a_class(token: Token) -> bool:
    """An event noun naming the class an event told as the subject is ranked
    in ("The attack represents one of the deadliest strikes by the jihadist
    group", "it was among the worst attacks"); not the event itself ("a day
    after one of the deadliest crackdowns in years")."""
    if token.pos_ != "NOUN" or token.dep_ != "pobj" or token.head.lower_ not in ("of", "among"):
        return False
    if not any(c.dep_ == "amod" and c.tag_ == "JJS" for c in token.children):
        return False
    ranked = token.head.head if token.head.lower_ == "of" and token.head.head.lower_ in ("one", "some") \
        else token.head
    verb = ranked.head
    return ranked.dep_ in ("attr", "dobj", "prep", "acomp") and verb.lemma_.lower() in _RANKING_VERBS and any(
        c.dep_ == "nsubj" for c in verb.children)


# Verbs that rank what their subject is ("The attack represents one of the deadliest …")
_RANKING_VERBS = frozenset({"be", "represent", "mark", "rank", "become", "remain", "constitute"})


_ATTEMPT_LEMMAS = frozenset({"seek", "try", "attempt"})


def _crowd_met_by_attempt(token: Token) -> bool:
    """"Police sought to disperse demonstrators protesting about lawmakers' pay":
    what the police tried may not have happened, the crowd did (the crowd noun or
    its participle, the object of a verb under "seek", "try", "attempt")."""
    crowd = token.head if token.dep_ in ("acl", "relcl") else token
    if crowd.lower_ not in CROWD_WORDS or crowd.dep_ != "dobj":
        return False
    verb = crowd.head
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ATTEMPT_LEMMAS


def _likened(token: Token) -> bool:
    """An event noun told as a likeness ("similar youth-led demonstrations
    this summer in Nepal", "inspired by similar protests in Asia"): other
    events named for comparison, not reported.  One with its own toll ("seven
    people were killed in a similar attack") is reported (the caller checks)."""
    return token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _LIKENESS_WORDS for c in token.children)


# fire traded between two sides: a clash, whatever words come between ("exchanged heavy fire")
_FIRE_NOUNS = frozenset({"fire", "gunfire", "shot", "shots", "salvo", "salvoes", "barrage", "blow", "blows"})


# What a breakdown of the dead is said of ("the deaths included five shootings")
_TOLL_NOUNS = frozenset({"death", "toll", "victim", "casualty", "fatality", "killing", "dead"})


# A vehicle driven into people ("plowed into a crowd", "rammed his car into shoppers")
_RAMMING_VERBS = frozenset({"plow", "plough", "ram", "drive", "slam", "smash", "barrel", "crash", "mow"})
_RAMMED_PEOPLE = frozenset({"crowd", "crowds", "people", "pedestrians", "shoppers", "revellers", "revelers",
                            "worshippers", "protesters", "marchers", "fans", "spectators", "partygoers",
                            "tourists", "passers-by", "bystanders", "mourners", "students", "children"})


def _rams_people(verb: Token) -> bool:
    """Is the verb a vehicle's drive "into" (or "through") people, or "down"
    on them ("mowed down pedestrians")?"""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("into", "through"):
            if any(c.dep_ == "pobj" and (c.lower_ in _RAMMED_PEOPLE or any(
                    g.dep_ == "prep" and g.lower_ == "of" and any(p.lower_ in _RAMMED_PEOPLE for p in g.children)
                    for g in c.children)) for c in prep.children):
                return True
    return verb.lemma_.lower() == "mow" and any(c.dep_ == "dobj" and c.lower_ in _RAMMED_PEOPLE
                                                for c in verb.children)


# What authorities do to gatherings before any is held ("banned street protests")
_FORBIDDING = frozenset({"ban", "prohibit", "outlaw", "forbid"})


def _setting_of_violence(token: Token) -> bool:
    """Is the talk the setting of violence told in the clause above it ("was
    shot while attending a meeting for mediation")?"""
    for node in (token, *ancestors(token, limit=5)):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in node.children):
            head = node.head
            return head.pos_ == "VERB" and lx.VERB_TRIGGERS.get(head.lemma_.lower(), ("",))[0] in VIOLENT
    return False


_MANY_WORDS = frozenset({"hundreds", "dozens", "scores", "thousands", "numerous", "many", "several", "countless"})


_STOPPING = frozenset({"thwart", "foil", "prevent", "avert"})


def _many_stopped(token: Token) -> bool:
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


_BLAST_NOUNS = frozenset({"explosion", "blast", "detonation", "bang"})
_FIGHT_NOUNS = frozenset({"clash", "fire", "gunfire", "firefight", "fighting", "battle", "shootout", "gunbattle"})


def _heard(token: Token) -> Token | None:
    """The verb "heard" when the noun (or the list it is in) is what was
    heard ("explosions were heard"), else ``None``."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.head if node.dep_ in ("nsubjpass", "dobj") and node.head.lemma_.lower() == "hear" else None


# Nouns of the people an act of a crowd is known by ("protester", "vigilante")
_CROWD_PEOPLE = frozenset({"protester", "protestor", "demonstrator", "rioter", "vigilante"})


def _crewed_aircraft_downed(token: Token) -> bool:
    """Is what "shot down" brought down a crewed aircraft ("a police Black
    Hawk helicopter was shot down", "shot down a fighter jet"), not a drone
    or missile?"""
    verb = token.head if token.dep_ == "prt" else token
    heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(h.lower_ in lx.MANNED_AIRCRAFT_WORDS and not any(
        w.lower_ in ("unmanned", "pilotless", "drone", "drones") for w in h.subtree) for h in heads)


def find_triggers(sentence: Span, *, published: date | None, recalled: bool = False,
                  harm_reports: bool = False) -> list[Trigger]:
    """Event triggers of one sentence after dropping back-references and
    unreal events.  For a text's first report, which refers to nothing
    before: with ``recalled`` back-references are kept ("15 dead after
    ambush"); with ``harm_reports`` those that only tell the victims' harm
    ("dozens were treated after a gas attack")."""
    found: list[Trigger] = []
    all_lower, all_lemmas, all_pos = token_table(sentence.doc)
    lower_words = all_lower[sentence.start:sentence.end]
    lemmas = all_lemmas[sentence.start:sentence.end]
    coarse = all_pos[sentence.start:sentence.end]
    taken: set[int] = set()
    matched: set[tuple[int, int, str]] = set()
    # Multi-word phrases (matched on words or lemmas), looked up by first word.
    for i in range(len(sentence)):
        options = _PHRASES_BY_FIRST.get(lower_words[i], ())
        if lemmas[i] != lower_words[i]:  # "have taken over": "taken …" phrases exist, "take over" is by lemma
            options = [*options, *_PHRASES_BY_FIRST.get(lemmas[i], ())]
        for words, singular, etype, subtype in options:
            n = len(words)
            if i + n > len(sentence) or (i, n, subtype) in matched:
                continue  # out of the sentence, or the same phrase found by word and by lemma
            if lower_words[i:i + n] == words or lemmas[i:i + n] == words or lemmas[i:i + n] == singular:
                found.append(Trigger(sentence[i + n - 1], etype, subtype, True))
                taken.update(range(i, i + n))
                matched.add((i, n, subtype))
    for i, lemma in enumerate(lemmas):
        if lemma in ("take", "hold") and coarse[i] == "VERB" and i not in taken and sentence[i].dep_ != "relcl":
            # (not "rescued 250 cadets who were held as hostages": who they were, told of a rescue)
            # "taking hundreds of passengers hostage", "held dozens hostage": the words apart
            for word in sentence[i].subtree:  # (the parse may hang "hostage" on the people taken)
                if word.lower_ in lx.CAPTIVE_WORDS and word.i - sentence.start not in taken and \
                        governing_verb(word) == sentence[i]:
                    found.append(Trigger(word, lx.VAC, "Abduction/forced disappearance", True))
                    taken.update({i, word.i - sentence.start})
    for i, lemma in enumerate(lemmas):
        if lemma in _RAMMING_VERBS and coarse[i] == "VERB" and i not in taken and _rams_people(sentence[i]):
            # "a truck plowed into a crowd on Bourbon Street": a vehicle driven into people
            found.append(Trigger(sentence[i], lx.VAC, "Attack", True))
            taken.add(i)
    for i, lemma in enumerate(lemmas):
        if lemma in lx.FIRE_EXCHANGE_VERBS and coarse[i] == "VERB" and i not in taken:
            # "exchanged heavy fire", "traded gunfire across the border": fire both ways is a clash
            for obj in sentence[i].children:
                if obj.dep_ == "dobj" and obj.lemma_.lower() in _FIRE_NOUNS and obj.i - sentence.start not in taken:
                    found.append(Trigger(obj, lx.BATTLES, "Armed clash", True))
                    taken.update({i, obj.i - sentence.start})
    for i, lemma in enumerate(lemmas):
        if i in taken:
            continue
        pos = coarse[i]
        if pos in ("VERB", "ADJ") and lemma in lx.NOUN_TRIGGERS and lemma not in lx.VERB_TRIGGERS and \
                sentence[i].dep_ in _NOMINAL_DEPS:
            # "U.S. airstrikes near …" tagged a verb, parsed as the subject; "in a massive
            # offensive targeting airbases" tagged an adjective, parsed as the object
            pos = "NOUN"
        if pos in ("NOUN", "PROPN") and lemma in lx.NOUN_TRIGGERS:
            etype, subtype = lx.NOUN_TRIGGERS[lemma]
            found.append(Trigger(sentence[i], etype, subtype, lemma not in ("attack", "operation", "exchange", "raid", "offensive", "talk", "assault")))
        elif pos == "VERB" and lemma in lx.VERB_TRIGGERS:
            etype, subtype = lx.VERB_TRIGGERS[lemma]
            found.append(Trigger(sentence[i], etype, subtype, lemma not in _WEAK_VERBS))
    kept: list[Trigger] = []
    sentence_words = set(lower_words)
    context_words = sentence_words | set(lemmas)  # "delegations held talks": the plural of a context word
    article_cues = text_cues(sentence.doc) if found else set()
    earlier: set[int] = set()  # events recalled from earlier days or weeks: kept as background
    told_back = set() if recalled else {t.token.i for t in found if _told_back(t, harm_reports=harm_reports)}
    # "In Kharkiv, rescue efforts continued after a Russian drone strike": when the
    # sentence tells nothing but what came after it, the event referred to is told here
    alone = bool(found) and all(t.token.i in told_back for t in found) and \
        all(_after_only(t.token) and not anaphoric(t.token) for t in found)
    for trig in found:
        lemma = trig.token.lemma_.lower()
        if trig.token.i in told_back:
            # "after a deadly raid on 13 June": an earlier event told with its date is
            # background news; undated ("following clashes") it only refers back
            if recalled_date(trig.token, published=published) is not None or \
                    recalled_offset(trig.token) is not None or alone:
                earlier.add(trig.token.i)
            else:
                continue
        if is_unreal(trig.token, published=published) and trig.sub_event_type != "Diplomacy" and \
                not _crowd_met_by_attempt(trig.token):
            continue
        if trig.sub_event_type in ("Diplomacy", "Agreement") and (planned_or_denied(trig.token)
                                                                   or whereabouts(trig.token)):
            continue  # "were scheduled to hold talks", "will not participate in negotiations"
        if in_the_past(trig.token) and not facts_of(sentence, published=published).dates:
            continue  # "have in the past held peace talks"
        if trig.sub_event_type == "Diplomacy" and _setting_of_violence(trig.token):
            continue  # "he was shot at a base while attending a meeting for mediation": where it happened
        if trig.sub_event_type in ("Agreement", "Diplomacy") and deal_people(trig.token):
            continue  # "the group's ceasefire negotiators": who would make a deal, none made
        if _one_of_a_class(trig.token):
            continue  # "one of the deadliest strikes by the group in recent months": a class, not this event
        if riot_gear(trig.token):
            continue  # "riot police", "riot gear": no riot
        if lemma in _BLAST_NOUNS and (heard := _heard(trig.token)) is not None and any(
                t.token.lemma_.lower() in _FIGHT_NOUNS and t.token.i != trig.token.i
                and in_subtree(t.token, heard) for t in found):
            continue  # "arms fire and explosions were heard as clashes rocked the capital": the fight's sound
        if lemma in _CROWD_PEOPLE and trig.token.dep_ in ("compound", "amod") and \
                trig.token.head.lemma_.lower() not in lx.NOUN_TRIGGERS and not any(
                    c.kind == "killed" for c in facts_of(sentence, published=published).casualties):
            continue  # "local vigilante groups launched a search operation": who, not an act
        if _in_words(trig.token, sentence_words):
            continue  # "the PTI launched a fierce attack on the government over inflation": words
        if lemma in ("strike", "hit") and trig.token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in lx.NOUN_TRIGGERS for c in trig.token.children):
            continue  # "the overnight attack struck the town of Ntoyo": the attack is the event told
        if _likened(trig.token) and not any(c.kind == "killed"
                                            for c in facts_of(sentence, published=published).casualties):
            continue  # "follows similar youth-led demonstrations in Nepal": others' events, for comparison
        if trig.sub_event_type == "Arrests" and trig.token.dep_ in ("relcl", "acl") and \
                trig.token.head.lemma_.lower() in _HELD_PEOPLE:
            continue  # "all the prisoners who were detained came out": who they are, not an arrest
        if lemma in lx.SIGNED_DOCUMENTS and not signed(trig.token):
            continue  # "a joint declaration condemning the attack": a statement, not a deal
        if trig.sub_event_type == "Agreement" and existing_agreement(trig.token):
            continue  # "violated a prior agreement", "the elements of the agreement"
        if trig.token.dep_ == "amod" and trig.token.tag_ in ("VBN", "VBD") and trig.event_type != lx.VAC:
            continue  # "burned-out cars", "the destroyed bridge": a state, not an event
        if ongoing_since(trig.token, published=published):
            continue  # "the RSF has been fighting the army since April 2023": the war, not an event
        if within_other_year(trig.token, published=published) or when_older_year(trig.token, published=published):
            # "last year's demonstrations", "since April 2023, when 10 policemen were killed", "the 2014
            # attack on the Army Public School in which 149 people were killed"
            continue
        if recalled_earlier(trig.token, published=published):
            if recalled_date(trig.token, published=published) is None:
                continue  # dated to an older year
            earlier.add(trig.token.i)
        if _place_history(trig.token):
            earlier.add(trig.token.i)  # "al-Nahud, which the paramilitaries seized earlier this year"
        if _generic_territory_held(trig.token):
            continue  # "raids in territory it has taken control of": where, not a takeover told
        if _actor_history(trig.token):
            continue  # "an armed group which has been accused of atrocities while fighting on both sides"
        if lemma in ("fight", "battle", "combat") and _FIRE_WORDS & {t.lower_ for t in trig.token.subtree}:
            continue  # "fire crews fighting to extinguish the blaze"
        if lemma == "capture" and object_heads(trig.token) & lx.NOT_CAPTURED:
            continue  # "footage captured the terrifying moment of impact"
        if lemma == "launch" and object_heads(trig.token) & {"campaign", "campaigns"}:
            continue  # "launched a sustained drone campaign": a series told by its strikes, not one
        if lemma == "engage" and _engaged_in_other(trig.token):
            continue  # "engaged them in talks"
        if lemma == "march" and _is_month(trig.token):
            continue  # "(March 10)", "on 5 March"
        if lemma == "march" and trig.token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and any(t.lower_ in _ARMED_PEOPLE for t in c.subtree) for c in trig.token.children):
            continue  # "rebels marched into the city": a troop movement, not a protest
        if lemma == "strike" and trig.token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lx.STRIKE_IDIOM_OBJECTS for c in trig.token.children):
            continue  # "struck a discordant note", "struck a deal"
        if trig.token.lower_ in ("off", "through") and not _bomb_subject(trig.token):
            continue  # "the alarm went off", "the storm tore through the town"
        if lemma in lx.NEEDS_WEAPON and trig.token.dep_ in ("amod", "compound"):
            continue  # "a rocket-launching site", "firing positions": a kind of thing, not an act
        if lemma == "fire" and trig.token.pos_ == "VERB" and any(
                w.lower_ in lx.CROWD_CONTROL_WORDS for c in trig.token.children if c.dep_ == "dobj" for w in c.subtree):
            continue  # "police fired tear gas shells at the crowd": the crowd's event, not an attack
        if lemma in lx.NEEDS_WEAPON and trig.token.pos_ == "VERB" and not weapon_subtype(sentence_words):
            if lemma == "destroy" and has_object(trig.token, lx.PROPERTY_WORDS):
                kept.append(Trigger(trig.token, lx.STRATEGIC, "Looting/property destruction", True))
            elif lemma == "fire" and (_fired_at(trig.token) or (
                    _nominal_gerund(trig.token) and (sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)):
                # "gunmen fired at a van", "Indian firing leaves one dead"
                kept.append(Trigger(trig.token, lx.BATTLES, "Armed clash", True))
            continue  # the verb, not the noun ending "opened fire"
        if lemma == "strike" and trig.token.pos_ == "NOUN" and _labour_strike(trig.token, sentence_words):
            kept.append(Trigger(trig.token, lx.PROTESTS, "Peaceful protest", True))
            continue
        if lemma in lx.STATIVE_VERBS and _participle(trig.token):
            continue  # "the occupied city", "areas occupied by the rebels": a state, not an event
        if is_habitual(trig.token) or punished_for(trig.token):
            continue
        if _many_stopped(trig.token):
            continue  # "forces had thwarted hundreds of attacks this year": a tally, no event
        if trig.event_type in VIOLENT and in_period_toll(trig.token, day_dated=_day_dated(sentence, published)):
            continue  # "clashes have killed nearly 250 people", "killed so far this year": a tally
        if (trig.event_type in (lx.PROTESTS, lx.RIOTS) or trig.sub_event_type == "Looting/property destruction") \
                and _counted_in_perfect(trig.token) and not writes_a_date(sentence):
            continue  # "20 protesters have been injured, while 40 police vehicles have been torched": a tally
        if trig.event_type in VIOLENT and trig.token.pos_ == "VERB" and is_tallied_since(sentence, at=trig.token):
            continue  # "since March 18, the toll includes 13,598 killed"
        if trig.sub_event_type == "Agreement" and deal_ended(trig.token):
            continue  # "the TTP ended its ceasefire", "the breakdown of the ceasefire"
        if trig.event_type in VIOLENT and (counted_trend(trig.token) or (
                trig.token.dep_ == "relcl" and counted_trend(trig.token.head))):
            continue  # "attacks surged by 42% in January", "2024 saw 856 attacks that killed 1,524"
        if (trig.event_type in VIOLENT or trig.sub_event_type == "Looting/property destruction") and \
                series_over_range(trig.token.head if trig.token.dep_ in ("amod", "compound") else trig.token,
                                  brief=told_as_one(sentence, facts_of(sentence, published=published).dates)):
            # "killed between October 5-8 in attacks across the locality", "have carried out a
            # series of violent looting raids"
            continue
        if trig.event_type in VIOLENT | {lx.PROTESTS} and purpose_of_movement(trig.token):
            continue
        if lemma in lx.PRISON_BREAK_LEMMAS and not sentence_words & lx.PRISON_WORDS:
            continue  # only a prison break: "the escape of thousands of inmates"
        if lemma in lx.DISPLACEMENT_LEMMAS and not _mass_displacement(trig.token):
            continue
        if lemma in ("attack", "assault", "strike", "hit", "target") and (
                sentence_words & lx.CYBER_WORDS or target_words(trig.token) & lx.CYBER_TARGETS):
            continue  # "hackers attacked the ministry's website"
        if is_non_conflict(trig, sentence_words) or \
                is_non_conflict(trig, sentence_words | article_cues, whole_text=True):
            continue
        if is_attributed(trig.token):
            continue
        frame_key = lemma if lemma in lx.OBJECT_FRAMES else _particle_head(trig.token) \
            if trig.token.lower_ in ("up", "out", "over", "control", "down") else ""
        if f"{frame_key} {trig.token.lower_}" in lx.OBJECT_FRAMES:
            frame_key = f"{frame_key} {trig.token.lower_}"  # "took over" needs a place, "took control" not
        if frame_key == "shot" and _crewed_aircraft_downed(trig.token):
            # "a police helicopter was shot down": a crewed aircraft downed is a fight; "by a
            # drone": the weapon that downed it types it
            verb = trig.token.head if trig.token.dep_ == "prt" else trig.token
            by = weapon_subtype({w.lower_ for c in verb.children if c.dep_ == "agent" for w in c.subtree})
            kept.append(Trigger(trig.token, *(by if by and by[0] == lx.REMOTE else (lx.BATTLES, "Armed clash")),
                                True))
            continue
        if frame_key in lx.OBJECT_FRAMES and not has_object(trig.token, lx.OBJECT_FRAMES[frame_key]) and not (
                lx.OBJECT_FRAMES[frame_key] & lx.TERRITORY_WORDS
                and (place_object(trig.token) or taken_unopposed(trig.token))):
            continue
        if trig.token.pos_ == "NOUN" and trig.token.dep_ == "dobj" and \
                trig.token.head.lemma_.lower() in ("include", "comprise") and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in _TOLL_NOUNS for c in trig.token.head.children):
            continue  # "the deaths verified by Wednesday included five shootings": how the dead died
        if lemma in lx.SHOOTING_NOUNS and trig.token.pos_ == "NOUN" and (
                not ((sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)
                or (not recalled and any((c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                                         or (c.dep_ == "poss" and c.ent_type_ == "DATE"
                                             and trig.token.dep_ == "pobj" and trig.token.head.lower_ == "of")
                                         for c in trig.token.children))):
            continue  # "the firing of the coach"; "no one was injured in the firing", "victims of Friday's
            # shooting" (told before)
        if lemma in ("fight", "battle", "vie") and trig.token.tag_ in ("VBP", "VBZ") and \
                not any(c.dep_ == "aux" for c in trig.token.children):
            continue  # "as various crime groups fight for control": what goes on, no event
        if lemma in ("enter", "control") and trig.token.pos_ == "VERB" and (
                not uncontested(sentence_words) or trig.token.tag_ in ("VBP", "VBZ")
                or not (has_object(trig.token, lx.TERRITORY_WORDS) or place_object(trig.token))):
            continue  # "troops entered the town" tells no transfer; "the rebels control the area" is a state
        if lemma in ("operation", "exchange", "offensive", "talk", "pact", "treaty", "meeting") and \
                not (context_words & lx.CONTEXT_WORDS):
            continue
        if lemma == "attack" and any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in lx.NOT_ARMED_ATTACKS
                                     for c in trig.token.children):
            continue  # "died of a heart attack", "a cyber attack on the ministry": no armed attack
        if lemma == "gun" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in trig.token.children):
            continue  # "gunned her down" is a shooting; "gunned the engine" is not
        if trig.event_type in (lx.PROTESTS, lx.RIOTS) and trig.token.pos_ == "NOUN" and \
                trig.token.dep_ in ("dobj", "nsubjpass") and trig.token.head.lemma_.lower() in _FORBIDDING:
            continue  # "the authorities banned street protests for four days": none held by the ban
        if lemma == "protest" and trig.token.pos_ == "NOUN" and (
                trig.token.dep_ == "dobj" and trig.token.head.lemma_.lower() in lx.DIPLOMATIC_PROTEST_VERBS
                or trig.token.dep_ == "compound" and trig.token.head.lemma_.lower() in ("note", "letter")):
            continue  # "lodged a strong protest with India", "handed over a protest note": diplomacy, no crowd
        if lemma == "operation" and any(c.dep_ in ("compound", "amod", "conj", "nmod") and c.lemma_.lower() in
                                        lx.SEARCH_AND_RESCUE for c in trig.token.subtree if c.i < trig.token.i):
            continue  # "troops carried out search operations after the attack", "a rescue operation": no fighting
        if lemma == "meeting" and _a_bodys_own_meeting(trig.token):
            continue  # "chaired a meeting of the National Security Committee": no talks between parties
        if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in trig.token.children):
            continue  # "their actions demonstrate a clear disregard": shows, not protests
        if trig.event_type in (lx.STRATEGIC, lx.PROTESTS) and _target_of_attack(trig.token):
            continue  # "the missile had targeted a meeting of commanders": the target, not an event
        if _any_kind(trig.token):
            continue  # "before any kind of negotiations", "no talks": none held
        if lemma in ("meet", "contact", "phone") and trig.token.pos_ == "VERB" and not _leaders_meet(trig.token):
            continue  # "met resistance", "met with families of the victims", "contact the police"
        if lemma == "resistance" and not _armed_resistance(trig.token, sentence_words):
            continue  # "the bill met resistance", "resistance groups", "met no resistance"
        if lemma == "defend" and not _died_defending(trig.token):
            continue  # "vowed to defend the city", "defended the decision"
        if lemma in ("unrest", "crackdown") and not sentence_words & _CROWD_CONTEXT:
            continue  # "political unrest" in general, not crowds in the streets
        kept.append(trig)
    # "the April 22 attack in Pahalgam, in which gunmen killed 26 men": what a relative clause
    # tells of an event recalled is recalled too
    earlier |= {t.token.i for t in kept if (clause := relative_clause_of(t.token, limit=3)) is not None
                and clause.head.i in earlier}
    kept = [replace(t, background=True) if t.token.i in earlier else t for t in kept]
    return drop_background_clauses(kept, sentence)


_CROWD_CONTEXT = frozenset({"protest", "protests", "protesters", "protestors", "demonstrators", "demonstration",
                            "demonstrations", "youths", "youth", "students", "curfew", "crowds", "rally", "rallies"})


def _counted_in_perfect(token: Token) -> bool:
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


_FIRE_WORDS = frozenset({"extinguish", "fire", "fires", "blaze", "blazes", "flames", "wildfire", "wildfires"})
_ARMED_PEOPLE = lx.MILITANT_WORDS | lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.TROOP_WORDS


def _leader(token: Token) -> bool:
    """A named person or a leader's title ("President Vladimir Putin", "his
    Congolese counterpart", "Hun Manet")."""
    return (token.ent_type_ == "PERSON" and token.pos_ == "PROPN") or token.lemma_.lower() in lx.LEADER_WORDS or \
        any(c.dep_ == "compound" and c.lower_ in lx.LEADER_WORDS for c in token.children)


# Bodies whose own meetings are no talks between parties ("a meeting of the federal cabinet")
_BODY_NOUNS = frozenset({"committee", "cabinet", "council", "commission", "assembly", "parliament", "board",
                         "commanders", "leadership", "party", "corps", "senate", "jirga", "shura", "apex"})


# Who convenes or presides over a meeting holds it with their own (a review, a cabinet)
_CONVENING_VERBS = frozenset({"chair", "preside", "convene", "summon"})
_INTERNAL_MEETINGS = frozenset({"security", "review", "cabinet", "emergency", "committee", "party", "core",
                                "internal", "departmental", "staff", "board", "apex", "corps"})


def _a_bodys_own_meeting(token: Token) -> bool:
    """A meeting "of" a body ("of the National Security Committee", "of the
    corps commanders") with no one "with" or "between" it: the body's own."""
    children = list(token.children)
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in children):
        return False
    if token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in _CONVENING_VERBS:
        return True  # "Amit Shah chaired a security review meeting": one side's own
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _INTERNAL_MEETINGS for c in children):
        return True  # "a cabinet meeting", "an emergency security meeting"
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and (g.lemma_.lower() in _BODY_NOUNS or any(w.lower_ in _BODY_NOUNS for w in g.subtree))
        for g in c.children) for c in children)


def _leaders_meet(token: Token) -> bool:
    """"Witkoff travelled to Russia to meet President Vladimir Putin", "Anwar
    contacted Puttan and Hun Manet", "Trump and Putin met": a leader on each
    side (the subject, or the subject of the verb it is the purpose of, and
    the object, the object of "with" or the subject's conjunct)."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ in ("xcomp", "advcl"):
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    others = [c for c in token.children if c.dep_ == "dobj"] + [
        g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"]
    others += [c for o in others for c in o.children if c.dep_ == "conj"]
    if not others and token.pos_ == "VERB":
        # "Trump and Putin met in Anchorage": the two sides are the subject
        others = [c for s in subjects for c in s.children if c.dep_ == "conj"]
    return any(_leader(s) for s in subjects) and any(_leader(o) for o in others)


def _armed_resistance(token: Token, sentence_words: set[str]) -> bool:
    """"They met strong resistance from the youths and security personnel":
    the object of meet/face/encounter, not negated, with armed people or
    attackers in the sentence."""
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in lx.RESISTANCE_VERBS:
        return False
    if any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "little", "any") for c in token.children) or \
            any(c.dep_ == "neg" for c in token.head.children):
        return False
    return bool(sentence_words & (_ARMED_PEOPLE | lx.ATTACK_OBJECTS | {"armed", "fierce", "stiff"}))


def _died_defending(token: Token) -> bool:
    """"Members of the military who died defending the town": defending
    told as the way they died."""
    head = token.head
    return token.dep_ in ("advcl", "xcomp", "acl", "pcomp") and head.lemma_.lower() in lx.DEFENDERS_DIED or (
        head.dep_ == "prep" and head.head.lemma_.lower() in lx.DEFENDERS_DIED)


_ATTACK_VERBS = frozenset({"target", "hit", "strike", "attack", "bomb", "shell", "raid", "storm"})


def _target_of_attack(token: Token) -> bool:
    """The object of an attack verb ("targeted a meeting", "struck a
    rally", "fired on a march"), directly or through "on/at"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "at", "upon") and head.dep_ == "prep":
        head = head.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return False
    return head.pos_ == "VERB" and head.lemma_.lower() in _ATTACK_VERBS


def _any_kind(token: Token) -> bool:
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


def _mass_displacement(token: Token) -> bool:
    """"Some 7,000 villagers have fled", "thousands of families were
    displaced": people in numbers leaving their homes, not armed men who
    fled a raid."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    words = [t for t in subject.subtree]
    if any(t.lower_ in _ARMED_PEOPLE for t in words):
        return False
    return any(t.like_num or t.lower_ in lx.DISPLACED_MASS for t in words)


def _bomb_subject(particle: Token) -> bool:
    """Is a bomb (or a bomber) the subject of "went off" / "ripped through"?"""
    verb = particle.head if particle.dep_ in ("prt", "prep") else particle
    return any(t.lower_ in lx.DETONATED for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in c.subtree)


def _engaged_in_other(token: Token) -> bool:
    """"Engaged them in talks", "engage with the elders": engaging in
    something other than fighting ("engaged them in a gun battle" is one)."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "with"):
            nouns = [c for c in prep.children if c.dep_ == "pobj"]
            if not any(lx.NOUN_TRIGGERS.get(n.lemma_.lower(), ("", ""))[0] in VIOLENT for n in nouns):
                return True
    return False


def _is_month(token: Token) -> bool:
    """"March" naming the month: part of a date, or next to a day number or year."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.ent_type_ == "DATE" or any(t.like_num for t in neighbours)


def _nominal_gerund(token: Token) -> bool:
    """An -ing verb used as a noun: "Indian firing", "the firing killed two"."""
    return token.tag_ == "VBG" and (token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or any(
        c.dep_ in ("amod", "det", "poss", "compound") for c in token.children))


def _fired_at(token: Token) -> bool:
    """The verb "fire" aimed at someone or something: "fired at a police
    van", "fire on the convoy", "fired upon protesters"."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")
               and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON") and g.ent_type_ not in ("DATE", "TIME")
                       for g in c.children)
               for c in token.children)


def _labour_strike(token: Token, words: set[str]) -> bool:
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


def _participle(token: Token) -> bool:
    """A verb used as an adjective: "the occupied city" (also when the parser
    makes it a clause of its own), "areas occupied by the rebels"."""
    if token.dep_ in ("amod", "acl"):
        return True
    doc = token.doc
    return token.tag_ in ("VBN", "VBD") and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


_HELD_PEOPLE = frozenset({"prisoner", "inmate", "detainee", "captive", "hostage"})


def _particle_head(token: Token) -> str:
    """The verb of a phrasal trigger ("took over", "setting up"), as the
    object frames know it: its own form when listed, else its lemma."""
    head = token.head
    return head.lower_ if head.lower_ in lx.OBJECT_FRAMES or f"{head.lower_} {token.lower_}" in lx.OBJECT_FRAMES \
        else head.lemma_.lower()


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


_EARLIER_WORDS = frozenset({"earlier", "previously", "already", "ago", "last", "since", "once", "formerly"})


def _place_history(token: Token) -> bool:
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


def _generic_territory_held(token: Token) -> bool:
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


def _actor_history(token: Token) -> bool:
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


def _day_dated(sentence: Span, published: date | None) -> bool:
    """Does the sentence date something to a day ("on Wednesday")?"""
    return any(d.kind in DAY_KINDS for d in facts_of(sentence, published=published).dates)


# What a politician attacks in words ("a fierce attack on the government over inflation")
_VERBAL_TARGETS = frozenset({"government", "opposition", "policy", "policies", "budget", "decision", "remarks",
                             "statement", "statements", "leadership", "minister", "premier", "party", "critics",
                             "judiciary", "establishment", "media"})


def _in_words(token: Token, sentence_words: set[str]) -> bool:
    """Is the attack one of words: on a government, a party or a policy, with
    nothing of harm or weapons in the sentence?"""
    if token.lemma_.lower() not in ("attack", "assault", "offensive") or token.pos_ != "NOUN":
        return False
    targets = {o.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
               for o in c.children if o.dep_ == "pobj"}
    return bool(targets) and targets <= _VERBAL_TARGETS and not sentence_words & _VIOLENCE_WORDS


# words that make an attack on a government more than words
_VIOLENCE_WORDS = frozenset({"killed", "killing", "dead", "died", "injured", "wounded", "gunmen", "militants",
                             "bomb", "blast", "explosion", "fire", "fired", "shot", "rocket", "rockets", "drone",
                             "drones", "missile", "missiles", "troops", "soldiers", "forces", "offices", "building",
                             "buildings", "convoy", "headquarters", "compound"})


def _after_only(token: Token) -> bool:
    """Is the event told as what came right before ("after", "following" a
    strike), not as a cause ("over the bombing", "in response to the
    attack", "amid clashes")?"""
    for node in [token, *ancestors(token, limit=6)]:
        if node.lower_ in ("after", "following") and node.dep_ in ("prep", "mark"):
            return True
        if node.lower_ in lx.BACKGROUND_PREPS or node.lemma_.lower() in lx.BACKGROUND_NOUNS:
            return False
    return False


def _told_back(trig: Trigger, *, harm_reports: bool) -> bool:
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
    # "arrested during a protest": the protest is happening, not recalled
    preps = lx.BACKGROUND_PREPS - CONTEMPORANEOUS if trig.event_type in (lx.PROTESTS, lx.RIOTS) \
        else lx.BACKGROUND_PREPS
    return is_background(trig.token, preps=preps, harm_reports=harm_reports) or _in_earlier_clause(trig.token)


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
