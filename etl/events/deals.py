"""Talks and deals: whether a mention of one tells it being made now.

Pipeline position: a realis check of :func:`etl.events.mentions.find_triggers`
for Diplomacy and Agreement triggers, split from :mod:`etl.events.realis`.  A
deal that ends or breaks, one that is planned, attempted or denied, and one
referred to as already in force are no event; talks a leader arrives for are
not yet held.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl import lexicon as lx
from etl.events.syntax import ancestors, clause_verb, not_chosen, told_as_coming


# Verbs and nouns that end a deal ("ended its ceasefire", "the truce collapsed",
# "the breakdown of the ceasefire", "violated the ceasefire")
_DEAL_ENDING_VERBS = frozenset({"end", "break", "violate", "abandon", "scrap", "collapse", "breach", "annul",
                                "cancel", "suspend", "terminate", "withdraw", "abrogate", "renege", "unravel"})
_DEAL_ENDING_NOUNS = frozenset({"breakdown", "collapse", "end", "violation", "violations", "breach", "breaches",
                                "termination", "suspension", "cancellation"})


def deal_ended(token: Token) -> bool:
    """Is the deal noun told as ending or broken, not made ("the TTP ended its
    ceasefire", "the truce collapsed", "the breakdown of the ceasefire",
    "TTP's ceasefire collapse")?  That is no agreement."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _DEAL_ENDING_VERBS:
        return True
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() == "call" and any(
            c.dep_ == "prt" and c.lower_ == "off" for c in head.children):
        return True  # "the TTP called off its ceasefire"
    if token.dep_ == "nsubj" and head.lemma_.lower() in _DEAL_ENDING_VERBS | {"fail", "expire", "lapse"} and \
            not any(c.dep_ == "dobj" for c in head.children):
        return True  # "the truce collapsed" (not "a truce ended the fighting")
    if token.dep_ == "pobj" and head.lower_ in ("of", "from", "on") and (
            head.head.lemma_.lower() in _DEAL_ENDING_NOUNS | _DEAL_ENDING_VERBS):
        return True  # "the breakdown of the ceasefire", "withdrew from the deal"
    if token.dep_ == "compound" and head.lemma_.lower() in _DEAL_ENDING_NOUNS:
        return True  # "the ceasefire collapse"
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is not None and after.lower_ in ("collapse", "breakdown", "violation", "violations", "breach"):
        return True  # "TTP's ceasefire collapse" (however it is parsed)
    return any(c.dep_ == "compound" and c.lemma_.lower() in _DEAL_ENDING_NOUNS for c in token.children)


_PLANNED = frozenset({"schedule", "plan", "expect", "due", "set", "slate", "propose", "intend", "prepare",
                      "attempt", "try", "strive", "hope", "aim", "seek", "push", "work", "undermine", "derail",
                      "jeopardize", "jeopardise", "sabotage", "stall", "complicate", "support", "back", "endorse",
                      "avoid", "evade", "refuse", "urge", "demand"})


# Forms of the words that ask for a deal (see _PLANNED), read as words where a title-case
# headline leaves no verb to parse ("Trump Urges Ceasefire")
_URGING = frozenset({"urge", "urges", "urged", "urging", "demand", "demands", "demanded", "demanding"})


_AIMS = frozenset({"effort", "bid", "attempt", "push", "hope", "plan", "proposal", "call", "aim", "goal", "demand",
                   "draft"})


# Nouns of talks put off ("announced a four-year delay in negotiations")
_HELD_OFF = frozenset({"delay", "postponement", "suspension", "freeze", "halt", "pause"})
_STUCK = frozenset({"stall", "stalled", "deadlock", "deadlocked", "frozen", "stuck", "suspended"})
# What talks told as a process do when none is held ("talks stalled", "the dialogue is suspended")
_STALLING = frozenset({"stall", "collapse", "fail", "falter", "founder", "suspend", "freeze", "halt"})


def _stalled(token: Token) -> bool:
    """Are the talks the subject of their stalling, failing, suspension or
    breakdown ("talks to end the war have failed to make progress", "peace
    talks fell apart in April")?  A process told, no talks held."""
    noun = token.head if token.dep_ == "compound" else token
    if any(c.dep_ == "acl" and c.lemma_.lower() in _STALLING and not any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in noun.children):
        return True  # "previous negotiations ... stalled in May", read as a participle (not "an
        # agreement to halt violence": what the deal is for)
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    return lemma in _STALLING or (lemma in ("fall", "break") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("apart", "down") for c in verb.children))


_ARRIVALS = frozenset({"arrival", "arrive", "travel", "trip", "fly", "head", "visit", "come", "go", "land"})
# Verbs after which "to ..." tells what was done ("managed to reach a deal", "met in Doha to
# sign a peace agreement", "travelled to Washington to sign the accord")
_ACHIEVED = _ARRIVALS | {"manage", "succeed", "agree", "decide", "move", "vote", "meet", "gather", "convene", "sit"}


# Going from or to a place ("was returning to London from a meeting in Denmark")
_RETURNS = frozenset({"return", "fly", "come", "leave", "rush", "hurry", "head", "cut"})


def whereabouts(token: Token) -> bool:
    """Talks told only as where someone was when the news broke ("Starmer,
    who was attending a European summit in Copenhagen, said he was returning
    to London", "returning to Britain from a meeting in Denmark"): no event."""
    if token.dep_ == "pobj" and token.head.lower_ == "from" and token.head.head.lemma_.lower() in _RETURNS:
        return True
    verb = token.head if token.dep_ == "dobj" else None
    return verb is not None and verb.lemma_.lower() == "attend" and (
        verb.dep_ == "relcl" or verb.tag_ == "VBG" and any(c.dep_ == "aux" for c in verb.children)
        or any(c.dep_ == "mark" and c.lower_ in ("while", "when") for c in verb.children))


def agreed_to_keep_seeking(token: Token) -> bool:
    """Did the sides only agree to go on talking or to seek a deal ("the teams
    had agreed to continue to speak to seek an agreement")?  No deal is made."""
    if token.lemma_.lower() != "agree":
        return False
    node = next((c for c in token.children if c.dep_ == "xcomp"), None)
    while node is not None:
        if node.lemma_.lower() in _PLANNED | _GOING_ON:
            return True
        node = next((c for c in node.children if c.dep_ in ("xcomp", "advcl")), None)
    return False


# Verbs of talks going on ("agreed to continue talks")
_GOING_ON = frozenset({"continue", "keep", "pursue"})


def planned_or_denied(token: Token) -> bool:
    """Talks or a deal that are planned, attempted, negated, conditional or
    only talked about ("were scheduled to hold a sixth round of
    negotiations", "will not participate in the talks", "attempting to
    mediate a peace deal", "undermined Washington-led peace talks"); an
    offer to mediate is itself diplomacy (see ``is_unreal``)."""
    if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.lemma_.lower() in _ARRIVALS:
        return True  # "Zelensky's arrival in the Netherlands for a NATO summit": what he came for
    if told_as_coming(clause_verb(token)):
        return True  # "agreeing to continue discussions at the expert level in Oman next Wednesday"
    if token.dep_ in ("compound", "amod") and not_chosen(token.head):
        return True  # "instead of the negotiating table"
    if lx.NOUN_TRIGGERS.get(token.lemma_.lower(), ("", ""))[1] == "Diplomacy" and any(
            c.dep_ == "amod" and (c.lower_ in lx.UNREAL_MODIFIERS or c.lemma_.lower() in _PLANNED)
            for c in token.children):
        # "a potential bilateral meeting", "a proposed trilateral meeting" (not "agreed to a
        # US-proposed ceasefire": a deal proposed and accepted is made)
        return True
    if token.i > 0 and token.doc[token.i - 1].lower_ in _URGING:
        return True  # "Trump Urges Ceasefire" (a headline the parser reads as a name)
    if _stalled(token):
        return True  # "talks to end the war have failed to make progress", "the dialogue process is suspended"
    for node in [token, *ancestors(token, limit=4)]:
        if node.lemma_.lower() in _PLANNED and node.pos_ in ("VERB", "ADJ"):
            return True
        if node.i != token.i and node.pos_ == "VERB" and node.tag_ == "VB" and node.dep_ in ("advcl", "xcomp") and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) and \
                node.head.lemma_.lower() not in _ACHIEVED:
            return True  # "applying a lot of pressure on Russia and Ukraine to finalize a peace agreement"
        if node.i != token.i and node.lemma_.lower() in _AIMS | _HELD_OFF and node.pos_ == "NOUN":
            return True  # "a meeting in an effort to reach a ceasefire agreement", "a delay in negotiations"
        if not_chosen(node):
            return True  # "chooses ballistics instead of the negotiating table": the choice not made
        if node.pos_ in ("VERB", "AUX"):
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in lx.MODAL_AUX):
                    return True
                if child.dep_ in ("acomp", "xcomp", "oprd") and (child.lemma_.lower() in _STUCK
                                                                 or child.lower_ in _STUCK):
                    return True  # "diplomatic negotiations remain stalled": a state, no talks held
                if node.lemma_.lower() == "be" and child.dep_ == "xcomp" and any(
                        g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                    return True  # "a final peace deal is to be signed by August 18": still to come
            if node.dep_ not in ("xcomp", "pcomp", "acl") and not (node.dep_ == "conj" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
                break  # (an infinitive joined to another, "to lay down their arms and to commit to dialogue",
                # is what that one is)
    return False


_EXISTING = frozenset({"prior", "previous", "earlier", "existing", "old", "current"})
_PARTS_OF = frozenset({"element", "term", "condition", "clause", "provision", "implementation",
                       "violation", "breach", "framework", "spirit"})
# Verbs that make a deal ("the agreement, which was initialed on June 18").
_MAKING = frozenset({"sign", "initial", "initialle", "initialled", "initialed", "reach", "conclude", "broker",
                     "strike", "seal", "agree", "announce"})
# What watches over a deal in force ("the ceasefire monitoring process", "the truce mechanism")
_WATCHING_NOUNS = frozenset({"process", "mechanism", "monitoring", "monitor", "committee", "commission", "regime"})
_KEEPING = frozenset({"violate", "breach", "break", "implement", "respect", "honour", "honor", "uphold",
                      "abide", "observe", "enforce", "monitor", "build"})


def signed(token: Token) -> bool:
    """Is the document told as signed or initialled ("signed a declaration of
    principles", "the memorandum was signed on Saturday")?"""
    made = _MAKING - {"announce", "agree"}
    # (also told by a participle: "a declaration signed on August 8")
    return (token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in made) or any(
        (c.dep_ == "acl" and c.tag_ == "VBN" or c.dep_ == "relcl" and any(g.dep_ == "auxpass" for g in c.children))
        and c.lemma_.lower() in made and not any(g.dep_ == "aux" for g in c.children)
        for c in token.children)  # (or "the charter, which was signed in Nairobi"; not "a deal to be signed")


def existing_agreement(token: Token) -> bool:
    """A deal referred to, not made now ("violated a prior agreement",
    "one of the elements of the agreement", "urged both sides to implement
    the ceasefire", "builds on the declaration"): an agreement noun that is
    said to exist already, a part of one, or what someone keeps or breaks."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "amod" and c.lower_ in _EXISTING for c in token.children):
        return True
    if token.dep_ == "compound" and token.head.lemma_.lower() in _WATCHING_NOUNS:
        return True  # "the ongoing ceasefire monitoring process", "the truce mechanism": the deal in force
    if any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _MAKING for c in token.subtree):
        # "the elements of the agreement, which was initialed on June 18": its making told (also
        # "a truce in Lebanon reached in November 2024", the participle hung on the place)
        return False
    node = token
    for _ in range(3):
        head = node.head
        if head.i == node.i:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return head.lemma_.lower() in _KEEPING
        if head.lower_ == "of" and head.head.lemma_.lower() in _PARTS_OF:
            return True
        if head.lower_ in lx.SETTING_PREPS and node.dep_ == "pobj" and head.head.lemma_.lower() not in _MAKING:
            return True  # "despite a purported ceasefire", "amid a fragile truce": a deal in force
        node = head
    return False


# The people of talks or a deal an agreement noun may name ("ceasefire negotiators")
_DEAL_PEOPLE = frozenset({"negotiator", "envoy", "mediator", "delegation", "delegate", "team", "monitor"})


def deal_people(token: Token) -> bool:
    """An agreement noun that only names the people of a deal ("the group's
    ceasefire negotiators"); a plan ("a truce proposal") is an aim, see
    :func:`planned_or_denied`."""
    return token.dep_ == "compound" and token.head.lemma_.lower() in _DEAL_PEOPLE
