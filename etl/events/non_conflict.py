"""Stage 2, realis, the part about what is not conflict at all: a violent
word in news about a disaster, an accident, ordinary crime or sport ("the
quake struck", "a gas cylinder exploded", "police arrested drug smugglers",
"the bowlers destroyed the batting line-up"), nor a search, a prisoner
exchange or the debris of a strike.  A disaster, accident or sport
named anywhere in a text with no armed actor covers all its sentences (see
:func:`text_cues`); a disaster that is the subject of the trigger's verb
covers it whatever else the sentence names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from etl import lexicon as lx
from etl.events.core import Trigger
from etl.events.facts import casualties_of
from etl.events.syntax import governing_verb, object_heads, sent_of, token_table


# A crowd throwing things ("threw stones, bottles and fireworks at police")
_THROWING = frozenset({"threw", "thrown", "throwing", "hurled", "hurling", "pelted", "pelting"})
_EXPLOSION_WORDS = frozenset({"exploded", "explosion", "explosions", "blast", "blasts", "explodes", "fire",
                              "blaze", "collapsed", "collapse", "crash", "crashed", "leak", "leakage"})


def is_non_conflict(trigger: Trigger, words: set[str], *, whole_text: bool = False) -> bool:
    """Disasters, accidents and ordinary crime that look violent: "the quake
    struck", "a gas cylinder exploded", "police arrested drug smugglers";
    never a protest, a mob's violence (often against a suspected thief), nor
    looting in a disaster's wake.
    With ``whole_text`` (``words`` then hold the cues of the whole text, which
    names no armed actor at all) deaths in an accident count too ("killed
    when their bus plunged …")."""
    armed = bool(words & lx.ARMED_CUES) or any(pair <= words for pair in lx.ARMED_PAIRS)
    if trigger.sub_event_type in ("Diplomacy", "Mob violence") or trigger.event_type == lx.PROTESTS:
        return False  # people protest, also about a flood; a mob lynches a suspected thief
    if trigger.token.lemma_.lower() in ("kill", "die") and trigger.token.pos_ == "VERB" and \
            mishap_toll(trigger.token):
        return True  # "the canopy of the railway station collapsed, killing 15 people"
    if words & lx.CRIME_WORDS and not armed and not _office_holder_held(trigger):
        return True
    if words & lx.SPORT_WORDS and not words & _STRONG_ARMED_CUES and not words & _HARM_WORDS:
        return True  # "the bowlers destroyed the Pakistani batting line-up", "the spin attack"
    if trigger.token.lemma_.lower() in lx.LOOTING_VERBS:
        return False  # "shops were looted during the flood": looting, whatever the setting
    if words & lx.DISASTER_WORDS and (not armed or _disaster_did_it(trigger.token)):
        return True  # (also "an earthquake struck ..., killing 800, the Taliban government said")
    if words & _THROWING and words & lx.POLICE_WORDS:
        return False  # "youths threw stones, bottles and fireworks" at the police: a crowd's violence, no mishap
    if words & lx.ACCIDENT_WORDS and not armed and \
            (trigger.event_type == lx.REMOTE or words & _EXPLOSION_WORDS
             or (whole_text and trigger.token.lemma_.lower() == "kill")):
        return True
    return False


def _office_holder_held(trigger: Trigger) -> bool:
    """Is the arrest one of a holder of office ("the former president was
    detained amid investigations into corruption")?  That is political,
    whatever the charge."""
    if trigger.sub_event_type != "Arrests":
        return False
    token = trigger.token
    held = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")] + \
        [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return any(w.lemma_.lower() in lx.OFFICE_WORDS for h in held for w in h.subtree)


def _disaster_did_it(token: Token) -> bool:
    """Is a disaster the subject of the trigger's verb, or of the verb it hangs
    on ("a magnitude 6.0 earthquake struck ..., killing more than 800",
    "floods killed 320"), or of a "when" clause on it ("800 were killed when
    an earthquake struck")?"""
    verb: Token | None = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    for _ in range(3):
        if verb is None:
            return False
        told = [verb, *(c for c in verb.children if c.dep_ == "conj")]  # "killed and 2,500 injured when …"
        if _disaster_subject(verb) or any(c.dep_ == "advcl" and _disaster_subject(c) for v in told for c in v.children):
            return True  # (or "800 people were killed when an earthquake struck …")
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


# Crime words are not taken from the rest of the text: reports of political
# violence often name a murder, a ransom or extortion.
_CONTEXT_CUES = lx.DISASTER_WORDS | lx.ACCIDENT_WORDS | lx.ARMED_CUES | _EXPLOSION_WORDS | lx.SPORT_WORDS
# armed cues a game's report uses too ("the spin attack", "attacked the bowling")
_STRONG_ARMED_CUES = lx.ARMED_CUES - {"attack", "attacks", "attacked", "attackers", "armed"}
_HARM_WORDS = frozenset({"killed", "dead", "died", "killing", "wounded", "injured", "shot", "bomb", "blast"})


def text_cues(doc: Doc) -> set[str]:
    """The disaster, accident and armed-conflict words of the whole
    text (one set intersection per document, cached): "The explosion
    occurred at the plant's warehouse" is the accident the previous sentence
    reported, "19 people were killed when their bus plunged …" the accident
    the next one names."""
    cues = doc.user_data.get("sitrep_context_cues")
    if cues is None:
        cues = set(token_table(doc)[0]) & _CONTEXT_CUES
        doc.user_data["sitrep_context_cues"] = cues
    return cues


# What kills in an accident when it is the killer: "the collapse of a gallery killed 15",
# "the canopy collapsed, killing 15 people"
_MISHAPS = frozenset({"collapse", "accident", "crash", "derailment", "stampede", "collision"})
_MISHAP_VERBS = frozenset({"collapse", "crash", "derail", "capsize", "overturn", "plunge", "cave"})


def mishap_toll(verb: Token) -> bool:
    """Were the dead killed by a disaster or an accident (the subject of the
    kill verb, or the verb the killing hangs on: "the concrete canopy
    collapsed, killing 15 people")?  Not a toll of political violence."""
    if _disaster_subject(verb) or any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _MISHAPS
                                      for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ in ("advcl", "xcomp", "conj") and head.i != verb.i and (
        head.lemma_.lower() in _MISHAP_VERBS or _disaster_subject(head))


def _disaster_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "agent") and {t.lower_ for t in c.subtree} & lx.DISASTER_WORDS
               for c in verb.children)


# Whom two sides hand over to each other ("a prisoner exchange", "the exchange of bodies")
EXCHANGED_PEOPLE = lx.CAPTIVE_WORDS | frozenset({"prisoner", "prisoners", "detainee", "detainees", "abductee",
                                                  "abductees", "pow", "pows", "bodies"})
# Who searches premises with a warrant ("investigators raided a construction company")
_INQUIRERS = frozenset({"investigator", "prosecutor", "inspector", "auditor", "regulator"})
# Premises police search ("police raided the office of the Sputnik news agency")
_SEARCHED = frozenset({"office", "offices", "headquarters", "premises", "home", "homes", "house", "houses",
                       "residence", "residences", "company", "firm", "bureau", "newsroom", "studio", "studios"})


def raid_to_search(token: Token) -> bool:
    """Is the raid one of investigators or prosecutors ("Investigators also
    raided a construction company", "a raid by prosecutors on his office"),
    or police or security forces raiding or storming an office or a home with
    no one harmed ("police raided the office of the Russian news agency
    Sputnik-Azerbaijan in Baku", "security forces stormed the UN agencies'
    offices"): a search, no fight?"""
    if token.pos_ == "VERB":
        verb = token.head if token.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in token.children) else token
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        places = object_heads(token)
    else:
        doers = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by"
                 for g in c.children if g.dep_ == "pobj"]
        doers += [c for c in token.children if c.dep_ in ("compound", "poss")]
        places = {g.lower_ for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "of")
                  for g in c.children if g.dep_ == "pobj"}
    if any(d.lemma_.lower() in _INQUIRERS for d in doers):
        return True
    return any(_policing(d) for d in doers) and bool(places & _SEARCHED) and \
        not casualties_of(sent_of(token))


def storms_premises(token: Token) -> bool:
    """Is the verb the storming of an office or a home ("stormed the offices
    of United Nations' agencies")?"""
    return token.lemma_.lower() == "storm" and bool(object_heads(token) & _SEARCHED)


_SECURITY_BODIES = frozenset({"force", "forces", "agent", "agents", "officer", "officers", "service", "services"})


def _policing(doer: Token) -> bool:
    """Is the doer the police or security forces ("police", "armed Houthi
    security forces", "security agents")?"""
    return doer.lower_ in lx.POLICE_WORDS or doer.lower_ in _SECURITY_BODIES and any(
        c.dep_ in ("compound", "amod") and c.lower_ == "security" for c in doer.children)


# What is left of a strike or a blast, which falls or drifts elsewhere ("debris from the strikes")
_LEFTOVERS = frozenset({"debris", "fragment", "shrapnel", "wreckage", "smoke", "remnant"})


def left_over_from(token: Token) -> bool:
    """Is the event noun what debris, fragments or smoke came from ("Debris
    from the strikes fell in nearby villages like Offa"): told for where
    they fell, not an event there?"""
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "from" and \
        token.head.head.lemma_.lower() in _LEFTOVERS
