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

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.events.territory import (
    TERRITORY_TAKEN, control_of_the_state, fell_to_a_side, names_forces, place_object, taken_from_a_side,
    taken_unopposed, uncontested,
)
from etl.events.weapons import device_made_safe, only_imitations, weapon_subtype
from etl.events.actors import names_group
from etl.events.core import Trigger, VIOLENT
from etl.events.crowds import CROWD_WORDS, riot_gear
from etl.events.deals import (agreed_to_keep_seeking, deal_ended, deal_people, existing_agreement, planned_or_denied,
                              signed, whereabouts)
from etl.events.facts import facts_of, told_weekday, writes_a_date
from etl.events.non_conflict import EXCHANGED_PEOPLE, is_non_conflict, left_over_from, raid_to_search, text_cues
from etl.events.anaphora import anaphoric, told_where
from etl.events.offsets import recalled_offset
from etl.events.quotes import chanted_or_written, scare_quoted
from etl.events.eras import (
    going_on_lately, in_the_past, kept_up_lately, long_gripped, ongoing_since, when_older_year, within_other_year,
    years_ago,
)
from etl.events.realis import (
    recalled_date, recalled_earlier, drop_background_clauses, is_attributed, is_habitual, is_unreal,
    punished_for, purpose_of_movement,
)
from etl.events.tallies import counted_trend, in_period_toll, is_tallied_since, series_over_range, told_as_one
from etl.events.surroundings import (
    ARMED_PEOPLE, BLAST_NOUNS, CROWD_CONTEXT, CROWD_PEOPLE, FIGHT_NOUNS, FIRE_WORDS, HELD_PEOPLE,
    NOMINAL_DEPS, a_bodys_own_meeting, actor_history, after_only, any_kind, armed_resistance, bomb_subject,
    known_for, held_people, lone_surrender,
    counted_in_perfect, crewed_aircraft_downed, dated_to_a_day, died_defending, engaged_in_other, fired_at,
    fought_thing, generic_territory_held, heard_verb, in_words, is_month, labour_strike, leaders_meet, many_stopped,
    mass_displacement, meeting_between_leaders, nominal_gerund, is_participle, particle_head, place_history,
    setting_of_violence, target_of_attack, refers_back,
)
from etl.events.syntax import (
    RANKING_VERBS, governing_verb, has_object, in_subtree, object_heads, object_words, relative_clause_of,
    series_of_it, target_words, token_table,
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
    return ranked.dep_ in ("attr", "dobj", "prep", "acomp") and verb.lemma_.lower() in RANKING_VERBS and any(
        c.dep_ == "nsubj" for c in verb.children)


def _met_people(token: Token) -> bool:
    """Is the encounter one between named people or office holders ("encounters
    between al-Shaibani and Israeli Minister Ron Dermer"): a meeting, no fight?"""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("between", "with"):
            side = next((c for c in prep.children if c.dep_ == "pobj"), None)
            return side is not None and (side.ent_type_ == "PERSON" or side.lower_ in lx.LEADER_WORDS) and \
                not any(t.lower_ in _ARMED_PEOPLE for t in prep.subtree)
    return False


# Who meets in a fight, not at a table ("an encounter with security forces")
_ARMED_PEOPLE = lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS | CROWD_WORDS


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
    if token.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.lower_ in _LIKENESS_WORDS for c in token.children):
        return False
    # (one told by a weekday of its own is the same story's earlier day: "it followed a similar
    # protest on Monday")
    return not told_weekday(token)


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


# What asks for an arrest without making one
_ARREST_ASKED = lx.BIDDING_HEADS | {"warrant", "request", "push"}


def _asks(head: Token) -> bool:
    """Is what a "for" hangs on a call for something ("a warrant for", "calls
    for", "renewed their calls for", "pressed for")?"""
    return head.lemma_.lower() in _ARREST_ASKED or (
        head.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in _ARREST_ASKED for c in head.children))
# What is left of weapons fired, found after an attack (no cache)
_FIRED_ORDNANCE = frozenset({"cluster", "remnants", "fragments", "debris", "shrapnel", "unexploded"})


_OPENING_VERBS = frozenset({"begin", "start", "commence", "open", "kick"})


def _opening_of(token: Token) -> bool:
    """Is the event what another one began with ("the assault on the prison
    commenced with a massive explosion", "the attack began with a car
    bomb")?"""
    if token.dep_ != "pobj" or token.head.lower_ != "with":
        return False
    verb = token.head.head
    if verb.lemma_.lower() not in _OPENING_VERBS:
        return False
    events = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "acl":
        events.append(verb.head)  # (however the parser hangs the verb on the noun)
    return any(e.lemma_.lower() in lx.NOUN_TRIGGERS and e.i != token.i for e in events)


def _functioning(token: Token) -> bool:
    """ "the operation of the diplomatic missions", "the operation of the
    airport": the working of a thing, not a security operation (which is "of"
    forces: "an operation of the security forces")."""
    owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj"]
    return bool(owners) and not any(names_forces(g) for g in owners)


# What "strikes" in a figure of speech ("tragedy struck", "disaster hit the town")
_MISFORTUNES = frozenset({"tragedy", "disaster", "calamity", "misfortune", "catastrophe", "grief", "panic",
                          "fear", "chaos", "horror", "terror", "sorrow"})


_PEACE_WORDS = frozenset({"peace", "ceasefire", "truce", "war"})


def _peace_text(doc: Doc) -> bool:
    """Does the text speak of war and peace (so its "talks" are between parties to a conflict)?"""
    told = doc.user_data.get("sitrep_peace_text")
    if told is None:
        told = doc.user_data["sitrep_peace_text"] = bool(set(token_table(doc)[0]) & _PEACE_WORDS)
    return told


# Verbs of being held, not of being taken ("is under house arrest", "died in detention")
_HELD_STATE = frozenset({"be", "remain", "stay", "die", "live", "languish", "spend"})


_PAGE_CHARS = 1000  # (a short text ending on a word is a headline or a line, not a page cut off)


def _cut_off(token: Token) -> bool:
    """Is the word the last of a text cut off mid-word ("... (seven, accord"):
    perhaps the start of a longer one?"""
    text = token.doc.text
    end = token.idx + len(token.text)
    return len(text) >= _PAGE_CHARS and token.text[-1:].isalpha() and not text[end:].strip()


# What groups fight over for as long as it lasts ("a battle for control")
_CONTESTED = frozenset({"control", "supremacy", "dominance", "territory", "turf", "influence"})


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
        if lemma == "take" and coarse[i] == "VERB" and i not in taken and taken_from_a_side(sentence[i]):
            # "the factions took the city from the SDF": ground taken from its holders
            found.append(Trigger(sentence[i], lx.BATTLES, "Government regains territory", True))
            taken.add(i)
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
                sentence[i].dep_ in NOMINAL_DEPS:
            # "U.S. airstrikes near …" tagged a verb, parsed as the subject; "in a massive
            # offensive targeting airbases" tagged an adjective, parsed as the object
            pos = "NOUN"
        if pos in ("NOUN", "PROPN") and lemma in lx.NOUN_TRIGGERS:
            etype, subtype = lx.NOUN_TRIGGERS[lemma]
            if lemma == "encounter" and _met_people(sentence[i]):
                etype, subtype = lx.STRATEGIC, "Diplomacy"
            found.append(Trigger(sentence[i], etype, subtype, lemma not in ("attack", "operation", "exchange", "raid", "offensive", "talk", "assault")))
        elif pos == "VERB" and lemma in lx.VERB_TRIGGERS:
            if lemma == "fall" and not fell_to_a_side(sentence[i]):
                continue  # "debris fell in nearby villages", "people fell to the ground"
            etype, subtype = lx.VERB_TRIGGERS[lemma]
            found.append(Trigger(sentence[i], etype, subtype, lemma not in _WEAK_VERBS))
    kept: list[Trigger] = []
    sentence_words = set(lower_words)
    context_words = sentence_words | set(lemmas)  # "delegations held talks": the plural of a context word
    article_cues = text_cues(sentence.doc) if found else set()
    earlier: set[int] = set()  # events recalled from earlier days or weeks: kept as background
    told_back = set() if recalled else {t.token.i for t in found if refers_back(t, harm_reports=harm_reports)}
    # "In Kharkiv, rescue efforts continued after a Russian drone strike": when the
    # sentence tells nothing but what came after it, the event referred to is told here
    alone = bool(found) and all(t.token.i in told_back for t in found) and \
        all(after_only(t.token) and not anaphoric(t.token) for t in found)
    for trig in found:
        lemma = trig.token.lemma_.lower()
        if trig.token.pos_ == "NOUN" and scare_quoted(trig.token):
            continue  # "transferred to a prison as part of a “kidnapping”": a party's word for what was told
        if chanted_or_written(trig.token):
            continue  # "banners with messages such as “Let's fight the arrogant regent”": a slogan
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
        if in_the_past(trig.token) and not facts_of(sentence, published=published).dates or years_ago(trig.token):
            continue  # "have in the past held peace talks", "fighting militants more than a decade ago"
        if trig.sub_event_type == "Diplomacy" and setting_of_violence(trig.token):
            continue  # "he was shot at a base while attending a meeting for mediation": where it happened
        if trig.sub_event_type in ("Agreement", "Diplomacy") and deal_people(trig.token):
            continue  # "the group's ceasefire negotiators": who would make a deal, none made
        if trig.sub_event_type in TERRITORY_TAKEN and control_of_the_state(trig.token):
            continue  # "claimed they had taken control of the country": a coup's claim, no ground taken
        if _one_of_a_class(trig.token) or series_of_it(trig.token):
            continue  # "one of the deadliest strikes by the group in recent months": a class, not this event
        if riot_gear(trig.token):
            continue  # "riot police", "riot gear": no riot
        if _opening_of(trig.token):
            continue  # "the assault commenced with a massive explosion": how the assault began, part of it
        if lemma == "operation" and _functioning(trig.token):
            continue  # "normalize the operation of our diplomatic missions": how something works
        if lemma in BLAST_NOUNS and (heard := heard_verb(trig.token)) is not None and any(
                t.token.lemma_.lower() in FIGHT_NOUNS and t.token.i != trig.token.i
                and in_subtree(t.token, heard) for t in found):
            continue  # "arms fire and explosions were heard as clashes rocked the capital": the fight's sound
        if lemma in CROWD_PEOPLE and trig.token.dep_ in ("compound", "amod") and \
                trig.token.head.lemma_.lower() not in lx.NOUN_TRIGGERS and not any(
                    c.kind == "killed" for c in facts_of(sentence, published=published).casualties):
            continue  # "local vigilante groups launched a search operation": who, not an act
        if in_words(trig.token, sentence_words):
            continue  # "the PTI launched a fierce attack on the government over inflation": words
        if fought_thing(trig.token):
            continue  # "the lawmaker fought back tears": no enemy fought
        if lemma in ("strike", "hit") and trig.token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in lx.NOUN_TRIGGERS for c in trig.token.children):
            continue  # "the overnight attack struck the town of Ntoyo": the attack is the event told
        if lemma in ("strike", "hit") and trig.token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in _MISFORTUNES for c in trig.token.children):
            continue  # "Tragedy struck in the early hours of Tuesday as gunmen stormed a mosque": a figure
        if _likened(trig.token) and not any(c.kind == "killed"
                                            for c in facts_of(sentence, published=published).casualties):
            continue  # "follows similar youth-led demonstrations in Nepal": others' events, for comparison
        if trig.sub_event_type == "Sexual violence" and sentence_words & {"alleged", "allegedly"} and \
                not sentence_words & (lx.ARMED_CUES | lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS) and \
                not names_group(lower_words):
            continue  # "after an alleged sexual assault of a girl in the area": a crime told, no armed side
        if trig.sub_event_type == "Arrests" and trig.token.pos_ == "NOUN" and (
                (trig.token.dep_ == "compound" and trig.token.head.lemma_.lower() in _ARREST_ASKED) or (
                    trig.token.dep_ == "pobj" and trig.token.head.lower_ == "for" and _asks(trig.token.head.head))):
            continue  # "an arrest warrant", "a warrant for his arrest", "calls for their arrest": not made
        if trig.sub_event_type == "Arrests" and trig.token.dep_ in ("relcl", "acl") and \
                trig.token.head.lemma_.lower() in HELD_PEOPLE:
            continue  # "all the prisoners who were detained came out": who they are, not an arrest
        if lemma in lx.SIGNED_DOCUMENTS and not signed(trig.token):
            continue  # "a joint declaration condemning the attack": a statement, not a deal
        if trig.sub_event_type == "Agreement" and existing_agreement(trig.token):
            continue  # "violated a prior agreement", "the elements of the agreement"
        if trig.token.dep_ == "amod" and trig.token.tag_ in ("VBN", "VBD") and trig.event_type != lx.VAC:
            continue  # "burned-out cars", "the destroyed bridge": a state, not an event
        if lemma == "strike" and trig.token.dep_ == "amod" and trig.token.tag_ == "VBG":
            continue  # "fired thousands of striking workers": workers on strike, no air strike
        if ongoing_since(trig.token, published=published) or long_gripped(trig.token) or \
                going_on_lately(trig.token, published=published) or \
                kept_up_lately(trig.token, published=published):
            continue  # "the RSF has been fighting the army since April 2023": the war, not an event
        if within_other_year(trig.token, published=published) or when_older_year(trig.token, published=published):
            # "last year's demonstrations", "since April 2023, when 10 policemen were killed", "the 2014
            # attack on the Army Public School in which 149 people were killed"
            continue
        if recalled_earlier(trig.token, published=published):
            if recalled_date(trig.token, published=published) is None:
                continue  # dated to an older year
            earlier.add(trig.token.i)
        if place_history(trig.token):
            earlier.add(trig.token.i)  # "al-Nahud, which the paramilitaries seized earlier this year"
        if generic_territory_held(trig.token):
            continue  # "raids in territory it has taken control of": where, not a takeover told
        if actor_history(trig.token):
            continue  # "an armed group which has been accused of atrocities while fighting on both sides"
        if lemma in ("fight", "battle", "combat") and FIRE_WORDS & {t.lower_ for t in trig.token.subtree}:
            continue  # "fire crews fighting to extinguish the blaze"
        if lemma == "capture" and object_heads(trig.token) & lx.NOT_CAPTURED:
            continue  # "footage captured the terrifying moment of impact"
        if lemma == "launch" and object_heads(trig.token) & {"campaign", "campaigns"}:
            continue  # "launched a sustained drone campaign": a series told by its strikes, not one
        if lemma == "engage" and engaged_in_other(trig.token):
            continue  # "engaged them in talks"
        if lemma == "march" and is_month(trig.token):
            continue  # "(March 10)", "on 5 March"
        if lemma == "march" and _no_protest_march(trig.token):
            continue  # "rebels marched into the city", "marched them into the bush": no protest
        if lemma == "strike" and trig.token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lx.STRIKE_IDIOM_OBJECTS for c in trig.token.children):
            continue  # "struck a discordant note", "struck a deal"
        if trig.token.lower_ in ("off", "through") and not bomb_subject(trig.token):
            continue  # "the alarm went off", "the storm tore through the town"
        if lemma in lx.NEEDS_WEAPON and trig.token.dep_ in ("amod", "compound"):
            continue  # "a rocket-launching site", "firing positions": a kind of thing, not an act
        if lemma == "fire" and trig.token.pos_ == "VERB" and any(
                w.lower_ in lx.CROWD_CONTROL_WORDS for c in trig.token.children if c.dep_ == "dobj" for w in c.subtree):
            continue  # "police fired tear gas shells at the crowd": the crowd's event, not an attack
        if lemma in lx.NEEDS_WEAPON and trig.token.pos_ == "VERB" and not weapon_subtype(sentence_words):
            if lemma == "destroy" and has_object(trig.token, lx.PROPERTY_WORDS):
                kept.append(Trigger(trig.token, lx.STRATEGIC, "Looting/property destruction", True))
            elif lemma == "fire" and (fired_at(trig.token) or (
                    nominal_gerund(trig.token) and (sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)):
                # "gunmen fired at a van", "Indian firing leaves one dead"
                kept.append(Trigger(trig.token, lx.BATTLES, "Armed clash", True))
            continue  # the verb, not the noun ending "opened fire"
        if lemma == "strike" and trig.token.pos_ in ("NOUN", "PROPN") and labour_strike(trig.token, sentence_words):
            kept.append(Trigger(trig.token, lx.PROTESTS, "Peaceful protest", True))
            continue
        if lemma in lx.STATIVE_VERBS and is_participle(trig.token):
            continue  # "the occupied city", "areas occupied by the rebels": a state, not an event
        if is_habitual(trig.token) or punished_for(trig.token):
            continue
        if many_stopped(trig.token):
            continue  # "forces had thwarted hundreds of attacks this year": a tally, no event
        if (trig.event_type in VIOLENT or trig.event_type == lx.PROTESTS) and \
                in_period_toll(trig.token, day_dated=dated_to_a_day(sentence, published)):
            continue  # "clashes have killed nearly 250 people", "killed so far this year", "since the elections,
            # over 360 people have died in protests": a tally
        if (trig.event_type in (lx.PROTESTS, lx.RIOTS) or trig.sub_event_type == "Looting/property destruction") \
                and counted_in_perfect(trig.token) and not writes_a_date(sentence):
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
        if lemma in lx.DISPLACEMENT_LEMMAS and not mass_displacement(trig.token):
            continue
        if lemma in ("attack", "assault", "strike", "hit", "target") and (
                sentence_words & lx.CYBER_WORDS or target_words(trig.token) & lx.CYBER_TARGETS):
            continue  # "hackers attacked the ministry's website"
        if is_non_conflict(trig, sentence_words) or \
                is_non_conflict(trig, sentence_words | article_cues, whole_text=True):
            continue
        if is_attributed(trig.token):
            continue
        frame_key = lemma if lemma in lx.OBJECT_FRAMES else particle_head(trig.token) \
            if trig.token.lower_ in ("up", "out", "over", "control", "down") else ""
        if f"{frame_key} {trig.token.lower_}" in lx.OBJECT_FRAMES:
            frame_key = f"{frame_key} {trig.token.lower_}"  # "took over" needs a place, "took control" not
        if frame_key == "shot" and crewed_aircraft_downed(trig.token):
            # "a police helicopter was shot down": a crewed aircraft downed is a fight; "by a
            # drone": the weapon that downed it types it
            verb = trig.token.head if trig.token.dep_ == "prt" else trig.token
            by = weapon_subtype({w.lower_ for c in verb.children if c.dep_ == "agent" for w in c.subtree})
            kept.append(Trigger(trig.token, *(by if by and by[0] == lx.REMOTE else (lx.BATTLES, "Armed clash")),
                                True))
            continue
        if trig.sub_event_type == "Disrupted weapons use" and lemma in ("find", "discover") and \
                object_words(trig.token) & _FIRED_ORDNANCE:
            continue  # "cluster munitions had been found in one area of the city": what was fired, no cache
        if trig.sub_event_type == "Disrupted weapons use" and only_imitations(trig.token):
            continue  # "the bomb squad found toy rifles and a toy gun near the mosque"
        if device_made_safe(trig.token):
            # "an explosive device that did not go off and was neutralized by the police bomb squad"
            kept.append(Trigger(trig.token, lx.STRATEGIC, "Disrupted weapons use", True))
            continue
        if frame_key in lx.OBJECT_FRAMES and not has_object(trig.token, lx.OBJECT_FRAMES[frame_key]) and not (
                lx.OBJECT_FRAMES[frame_key] & lx.TERRITORY_WORDS
                and (place_object(trig.token) or taken_unopposed(trig.token))):
            continue
        if trig.token.pos_ == "NOUN" and trig.token.dep_ == "dobj" and \
                trig.token.head.lemma_.lower() in ("include", "comprise") and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in _TOLL_NOUNS for c in trig.token.head.children):
            continue  # "the deaths verified by Wednesday included five shootings": how the dead died
        if lemma in lx.SHOOTING_NOUNS and trig.token.pos_ == "NOUN" and not told_where(trig.token) and (
                not ((sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)
                or (not recalled and any(
                    (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                    or (c.dep_ == "poss" and c.ent_type_ == "DATE"
                        and trig.token.dep_ == "pobj" and trig.token.head.lower_ == "of")
                    for c in trig.token.children))):
            continue  # "the firing of the coach"; "no one was injured in the firing", "victims of Friday's
            # shooting" (told before)
        if lemma in ("fight", "battle", "vie") and trig.token.tag_ in ("VBP", "VBZ") and \
                not any(c.dep_ == "aux" for c in trig.token.children):
            continue  # "as various crime groups fight for control": what goes on, no event
        if lemma in ("fight", "battle", "struggle") and trig.token.pos_ == "NOUN" and any(
                c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in _CONTESTED for g in c.children)
                for c in trig.token.children) and not writes_a_date(sentence):
            continue  # "as various crime groups battle for control" read as a noun: a contest going on
        if lemma in ("enter", "control") and trig.token.pos_ == "VERB" and (
                not uncontested(sentence_words) or trig.token.tag_ in ("VBP", "VBZ")
                or not (has_object(trig.token, lx.TERRITORY_WORDS) or place_object(trig.token))):
            continue  # "troops entered the town" tells no transfer; "the rebels control the area" is a state
        if _cut_off(trig.token):
            continue  # "(seven, accord" at the end of a cut-off page: a word cut short ("according")
        if trig.sub_event_type == "Arrests" and trig.token.pos_ == "NOUN" and trig.token.dep_ == "pobj" and \
                trig.token.head.lower_ in ("under", "in") and trig.token.head.head.lemma_.lower() in _HELD_STATE:
            continue  # "Machar, who is under house arrest", "remains in detention": a state (not "was placed
            # under house arrest", nor "an operation which resulted in several arrests")
        if agreed_to_keep_seeking(trig.token):
            continue  # "the teams had agreed to continue to speak to seek an agreement": no deal made
        if lemma == "exchange" and trig.event_type == lx.BATTLES and context_words & EXCHANGED_PEOPLE:
            continue  # "agreed on a new exchange that would see thousands of war prisoners released": no fire
        if lemma in ("operation", "exchange", "offensive", "talk", "discussion", "pact", "treaty", "meeting") and \
                not (context_words & lx.CONTEXT_WORDS) and \
                not (lemma == "meeting" and meeting_between_leaders(trig.token)) and \
                not (trig.token.lower_ == "talks" and _peace_text(sentence.doc)):
            # (a meeting between two leaders is talks, whatever the sentence's words; so are "the
            # high-stakes talks in Geneva" in a text about making peace)
            continue
        if lemma == "attack" and any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ in lx.NOT_ARMED_ATTACKS
                                     for c in trig.token.children):
            continue  # "died of a heart attack", "a cyber attack on the ministry": no armed attack
        if left_over_from(trig.token):
            continue  # "Debris from the strikes fell in nearby villages": where the debris fell, not a strike
        if lemma in ("raid", "storm") and raid_to_search(trig.token):
            continue  # "investigators raided a construction company": a search, no fight
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
        if trig.token.lower_ == "back" and trig.token.i + 1 < sentence.end and \
                trig.token.doc[trig.token.i + 1].lower_ in ("against", "on"):
            continue  # "pushed back against calls for premature peace deals": opposed, no ground taken
        if trig.sub_event_type == "Abduction/forced disappearance" and _rescued_captives(trig.token):
            continue  # "rescued kidnapped victims", "freed abducted students": a rescue, told of the captives
        if lemma == "meeting" and a_bodys_own_meeting(trig.token):
            continue  # "chaired a meeting of the National Security Committee": no talks between parties
        if lemma == "demonstrate" and any(c.dep_ in ("dobj", "ccomp") for c in trig.token.children):
            continue  # "their actions demonstrate a clear disregard": shows, not protests
        if trig.event_type in (lx.STRATEGIC, lx.PROTESTS) and target_of_attack(trig.token):
            continue  # "the missile had targeted a meeting of commanders": the target, not an event
        if any_kind(trig.token):
            continue  # "before any kind of negotiations", "no talks": none held
        if lemma in ("meet", "contact", "phone") and trig.token.pos_ == "VERB" and not leaders_meet(trig.token):
            continue  # "met resistance", "met with families of the victims", "contact the police"
        if lemma == "resistance" and not armed_resistance(trig.token, sentence_words):
            continue  # "the bill met resistance", "resistance groups", "met no resistance"
        if lemma == "defend" and not died_defending(trig.token):
            continue  # "vowed to defend the city", "defended the decision"
        if lone_surrender(trig.token):
            continue  # "the attacker, who surrendered when cornered by officers": no group's surrender
        if trig.token.pos_ == "NOUN" and known_for(trig.token):
            continue  # "Michoacan, an area long affected by violent clashes", "a symbol carried by protesters in
            # Nepal": what the place or thing is known for
        if trig.event_type in (lx.PROTESTS, lx.RIOTS) and held_people(trig.token):
            continue  # "the release of detained protesters": who they are, no protest
        if lemma in ("unrest", "crackdown") and not sentence_words & CROWD_CONTEXT:
            continue  # "political unrest" in general, not crowds in the streets
        kept.append(trig)
    # "the April 22 attack in Pahalgam, in which gunmen killed 26 men": what a relative clause
    # tells of an event recalled is recalled too
    earlier |= {t.token.i for t in kept if (clause := relative_clause_of(t.token, limit=3)) is not None
                and clause.head.i in earlier}
    # "since July 2024, when a single barrage killed 33 people": the subject of a recalled
    # killing is the weapon of that recalled event
    earlier |= {t.token.i for t in kept if t.token.dep_ in ("nsubj", "nsubjpass") and t.token.head.i in earlier
                and t.token.head.dep_ == "relcl"}
    kept = [replace(t, background=True) if t.token.i in earlier else t for t in kept]
    return drop_background_clauses(kept, sentence)


# Verbs of bringing captives home ("rescued kidnapped victims", "freed abducted students")
_FREEING = frozenset({"rescue", "free", "release", "liberate", "reunite", "recover"})


def _no_protest_march(verb: Token) -> bool:
    """A march that is no protest: troops moving ("rebels marched into the
    city", "a video of soldiers marching through the streets of Pokrovsk")
    or people led away ("marched them into the bush")."""
    if verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "nsubj" and any(t.lower_ in ARMED_PEOPLE for t in c.subtree) for c in verb.children):
        return True
    if verb.tag_ == "VBG" and verb.i > verb.sent.start and verb.nbor(-1).lower_ in ARMED_PEOPLE:
        return True
    return any(c.dep_ == "dobj" and (c.pos_ == "PRON" or c.ent_type_ == "PERSON"
                                     or c.lower_ in lx.CIVILIAN_WORDS | lx.CAPTIVE_WORDS) for c in verb.children)


def _rescued_captives(token: Token) -> bool:
    """Is the abduction word only an adjective of captives being freed
    ("rescued kidnapped victims", "the kidnapped pupils were released")?"""
    if token.dep_ != "amod" or token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    captives = token.head
    return captives.head.lemma_.lower() in _FREEING or any(
        c.dep_ == "amod" and c.lemma_.lower() in _FREEING for c in captives.children)

