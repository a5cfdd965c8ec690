"""Stage 2, realis: does a mention tell something that happened, now?

A trigger is dropped when it only refers back to an earlier event
("following clashes", "because of attacks", "in response to the attack";
also a clause "after …" or "since …" when the main clause reports an event
of another type, not only a toll; and the reason for a punishment: "expelled
diplomats for taking part in rallies"), when it is hypothetical, threatened,
denied or negated, or when it recalls another year or a day weeks before the
report ("the 2019 attack", "the Aug. 7 attack" in a September report).  So is
a trigger that profiles someone's record ("responsible for attacks", "he
directs ambushes"), a claim of responsibility for an attack reported before,
and an attack claimed, blamed, attributed or accused ("blamed the rebels for
the bombing", "accused the army of shelling").  A violent word in news about a
disaster, an accident, ordinary crime or sport is told apart in
:mod:`etl.events.non_conflict`.  The aim of a troop movement ("sent troops to
fight the rebels") is not an event either.  Running totals and trends are in
:mod:`etl.events.tallies`, reactions and definite mentions of an event told
before in :mod:`etl.events.anaphora`, recalled offsets in :mod:`etl.events.offsets`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.events.core import HARM_VERBS, Trigger
from etl.events.facts import facts_of, writes_a_date
from etl.events.syntax import ancestors, bidden, governing_verb, in_subtree, not_chosen, sent_of, tolls_itself

CONTEMPORANEOUS = frozenset({"during", "amid", "amidst"})


def is_background(token: Token, *, preps: frozenset[str] = lx.BACKGROUND_PREPS,
                  harm_reports: bool = True) -> bool:
    """True when ``token`` sits inside a back-reference: the object of
    "following/after/amid/since …" (unless, with ``harm_reports``, the
    sentence only tells its victims' harm: "dozens were treated after a gas
    attack") or of "in response/retaliation to …"."""
    chain = [token, *ancestors(token)]
    for node, parent in zip(chain, chain[1:]):
        if parent.lower_ in preps and parent.dep_ in ("prep", "mark") and node.dep_ in ("pobj", "pcomp", "dobj"):
            # "were treated after a gas attack": the harm told is this attack's, not a later event's
            if _arrests_aftermath(node, parent):
                return False
            return not harm_reports or parent.head.lemma_.lower() not in lx.HARMED_VERBS
        if parent.lemma_.lower() in lx.BACKGROUND_NOUNS and parent.dep_ in ("pobj", "dobj"):
            return True  # "in response to the attack", "to mark the anniversary of the crash"
        if bereaved_of(node, parent):
            return True
        if parent.pos_ == "VERB" and parent.lower_ not in lx.BACKGROUND_PREPS and node.dep_ in ("nsubj", "dobj", "nsubjpass"):
            return False
    return False


def bereaved_of(node: Token, parent: Token) -> bool:
    """Is ``node`` the victims whose kin ``parent`` ("of") names ("led by
    relatives of the 57 people killed", "families of those killed")?  Not a
    family's size ("a family of five was killed")."""
    return parent.lower_ == "of" and node.dep_ == "pobj" and node.pos_ != "NUM" and \
        parent.head.lower_ in lx.BEREAVED_NOUNS and parent.head.pos_ in ("NOUN", "PROPN")


def _in_time_clause(below: Sequence[Token]) -> bool:
    """Is the way up to a head through a clause of time ("India suspended
    the treaty, a day after gunmen killed 26": the killing is no suspended
    act, "vowed to retaliate after militants killed five")?"""
    return any(node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in node.children)
               for node in below)


def _arrests_aftermath(event: Token, prep: Token) -> bool:
    """"Police arrested 200 workers after clashes in Muridke on Monday, in
    which a police officer was killed": arrests told as the aftermath of an
    event given a day of its own tell that event, not refer back to it."""
    if prep.lower_ != "after" or lx.VERB_TRIGGERS.get(prep.head.lemma_.lower(), ("", ""))[1] != "Arrests":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(o.ent_type_ == "DATE" for o in c.children)
               for c in event.children)


# How far up the parse a word of intent, doubt or denial still governs an event
# ("would not be able to reclaim Crimea or enter NATO as part of a peace deal")
UNREAL_REACH = 7


def is_unreal(token: Token, *, published: date | None) -> bool:
    """Threatened, hypothetical, denied, negated or recalled from another
    year (more than a year before the report).  An event recalled from
    earlier weeks is real: see :func:`recalled_date`."""
    verb = token.head if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB" else token
    willed = verb.head.lemma_.lower() in _WILLED_NOUNS or (verb.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _WILLED_NOUNS for c in verb.head.children))
    if verb.dep_ in ("acl", "advcl") and willed and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        # "gives the order to fire on hospitals", "a plan to attack the city", "has received
        # authorization to execute strikes"
        return True
    if token.dep_ == "dobj" and verb.dep_ in ("advcl", "xcomp") and verb.lemma_.lower() in ("take", "bring") and \
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return True  # "develops long-range drones to take the battle to Russia": what it is for
    if verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_.lower() in _MEANS_VERBS and \
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return True  # "acquired the means necessary to commit a terrorist attack": what the means are for
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and \
            verb.head.tag_ == "VBN" and verb.head.dep_ == "acl" and \
            lx.VERB_TRIGGERS.get(verb.lemma_.lower(), ("", ""))[0] in (lx.BATTLES, lx.REMOTE, lx.VAC):
        # "volunteer militias established after the coup to fight the military": what a
        # group was formed for, not a fight
        return True
    chain = [token, *ancestors(token, limit=UNREAL_REACH)]
    own_auxiliary = any(c.dep_ in ("aux", "auxpass") for c in token.children)
    for n, node in enumerate(chain):
        lemma = node.lemma_.lower()
        if n == 1 and token.dep_ == "dobj" and token.pos_ == "NOUN" and lemma in _INQUIRY_VERBS:
            break  # "should investigate the apparent executions": what is to be looked into was done
        if lemma == "fear" and any(c.dep_ == "auxpass" for c in node.children):
            continue  # "100 were feared killed": a hedged report, not a fear of what may come
        if lemma in lx.MODAL_HEADS and not _in_time_clause(chain[:n]):
            return True
        if node.pos_ == "ADP" and any(c.dep_ == "neg" for c in node.children):
            return True  # "ready for defense, but not for attack"
        if node.pos_ == "AUX" and node.i != token.i and any(
                c.dep_ == "acomp" and c.lemma_.lower() in lx.MODAL_HEADS for c in node.children):
            return True  # "we are ready for …", the event hanging on the copula
        if not_chosen(node):
            return True  # "chose to fight instead of negotiating": the choice not made
        if n and node.dep_ in ("acl", "advcl") and node.head.lemma_.lower() in _WILLED_NOUNS and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return True  # "in an effort to narrow differences and develop an agreement": what it is for
        if lemma in ("call", "appeal", "push", "press") and any(
                c.dep_ == "prep" and c.lower_ == "for" for c in node.children) and node.i != token.i and \
                not (chain[n - 1].dep_ == "advcl" and chain[n - 1].pos_ == "VERB"):
            return True  # "calling for a ceasefire", "pressed for talks": a demand (not "defied calls for a
            # ceasefire, instead capturing Walikale": a clause of its own hung on the misread "calls")
        if bidden(node):
            return True  # "called on the PKK to lay down their arms", "asked them to attack": a demand; "the
            # bombs were timed to explode at rush hour": what was meant
        if node.dep_ == "ccomp" and node.tag_ in ("VB", "VBP") and node.head.lemma_.lower() in _MANDATIVE_VERBS \
                and not any(c.dep_ in ("prep", "pobj", "npadvmod", "advcl") for c in chain[:n]):
            return True  # "demanding they surrender or face aerial bombardment": what was demanded (not
            # "demanded he quit, a day after one of the deadliest crackdowns": when it was demanded)
        if node.dep_ == "xcomp" and node.head.lower_ in _SCHEDULED and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return True  # "negotiators are set to meet on Monday", "due to sign": what is still to come
        if node.dep_ == "xcomp" and any(c.lower_ == "yet" for c in node.head.children) and any(
                c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            return True  # "the last town it had yet to capture": not captured
        if node.pos_ == "ADP" and node.lower_ == "without" and node.i != token.i:
            return True  # "the meeting concluded without an agreement"
        if node.pos_ in ("VERB", "AUX") and _inverted_condition(node):
            return True  # "had they mentioned a ceasefire, it would have …": what did not happen
        if node.pos_ in ("VERB", "AUX") or node.i == token.i:
            for child in node.children:
                if child.dep_ == "neg" and not (n == 1 and token.dep_ == "conj" and own_auxiliary):
                    return True  # (not "did not go off and was neutralized": the second verb has its own)
                if child.dep_ in ("nsubj", "nsubjpass") and node.i == token.i and node.pos_ == "VERB" and (
                        child.lower_ in ("nobody", "none") or any(
                            c.dep_ in ("det", "neg") and c.lower_ == "no" and not _bounds_a_figure(c)
                            for c in child.children)):
                    return True  # "no prisoners escaped", "nobody was arrested": none did
                if child.dep_ == "aux" and child.lower_ in lx.MODAL_AUX:
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return True
            # Climb through complement clauses ("denied carrying out the
            # attack", "threatened to strike") and a noun's "to" clause
            # ("waiting for the order to launch the assault"); stop at a finite clause.
            if node.pos_ in ("VERB", "AUX") and node.i != token.i and node.dep_ not in ("xcomp", "ccomp", "pcomp") \
                    and not (node.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)) \
                    and not (node.dep_ == "conj" and node.tag_ == "VB") \
                    and not (node.dep_ == "conj" and node.head.dep_ == "ccomp" and node.tag_ in ("VB", "VBP")
                             and node.head.head.lemma_.lower() in _MANDATIVE_VERBS):
                # ("to narrow … and develop a deal", "demanding they surrender or face bombardment")
                break
    # "signed the much-anticipated agreement": what was expected happened
    # ("the highly anticipated meeting concluded on Friday": so did what was anticipated)
    done = token.dep_ in ("dobj", "nsubjpass", "nsubj") and token.head.tag_ == "VBD"
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in lx.UNREAL_MODIFIERS and not done:
            return True
        if child.like_num and re.fullmatch(r"(19|20)\d\d", child.text):
            year = int(child.text)
            if published is None or year < published.year - 1:
                return True
    return False


def _bounds_a_figure(no: Token) -> bool:
    """"No fewer than forty residents", "no less than 12 people": a bound on
    the figure, not "none"."""
    nxt = no.doc[no.i + 1] if no.i + 1 < len(no.doc) else None
    return nxt is not None and nxt.lower_ in ("fewer", "less", "more")


# Verbs whose object is a thing done, whatever the modal before them ("the government should
# investigate the apparent executions", "must condemn the massacre")
_INQUIRY_VERBS = frozenset({"investigate", "probe", "examine", "condemn", "denounce", "document"})
# Participles and adjectives of a plan fixed for later ("set to meet", "due to sign")
_SCHEDULED = frozenset({"set", "due", "scheduled", "slated", "poised"})
# Verbs whose "that" clause (a bare or present verb) is what someone wants done ("demanded they surrender")
_MANDATIVE_VERBS = frozenset({"demand", "insist", "urge", "order", "ask", "require", "recommend", "propose"})


def _inverted_condition(verb: Token) -> bool:
    """"Had they mentioned …", "were it to collapse": a condition written
    with the auxiliary before the subject, in a clause hung on another."""
    if verb.dep_ not in ("advcl", "ccomp"):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return subject is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should") and c.i < subject.i
        and c.i == verb.left_edge.i for c in verb.children)


# Nouns whose "to" clause is willed, not done.
_WILLED_NOUNS = frozenset({"order", "plan", "threat", "intention", "intent", "call", "decision", "permission",
                           "authorization", "authorisation", "right", "mandate", "readiness", "vow", "pledge",
                           "promise", "effort", "bid"})


# Getting the means for an act: what they are got "to" do has not happened ("acquired the
# tools necessary to commit a terrorist attack", "stockpiled weapons to attack the capital").
_MEANS_VERBS = frozenset({"acquire", "obtain", "buy", "purchase", "procure", "gather", "stockpile", "amass",
                          "smuggle", "equip", "collect"})


RECALLED_AFTER_DAYS = 3


def recalled_date(token: Token, *, published: date | None) -> date | None:
    """The date of an event the report recalls from earlier days or weeks
    (not from an older year): "the Aug. 7 attack" or "the Aug. 7 attack
    killed four" in a September report, "after a deadly raid on 13 June"
    in August.  ``None`` when the trigger is not dated so, or dated to
    another year."""
    if published is None:
        return None
    found: date | None = None
    # "the April 22 massacre in which 26 tourists were killed": the date of the noun the
    # relative clause tells of
    owners = [token, token.head] if token.dep_ == "relcl" and token.head.pos_ == "NOUN" else [token]
    for child in (c for owner in owners for c in owner.children if c.i != token.i):
        found = found or _earlier_date(child, published=published)
        if child.dep_ == "nsubj" and token.pos_ == "VERB":
            for c in child.children:
                found = found or _earlier_date(c, published=published)
    if found is None:
        sentence = sent_of(token)
        subtree = list(token.subtree)
        facts = facts_of(sentence, published=published)
        for mention in facts.dates_within(subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)):
            if mention.kind != "year" and mention.value is not None and \
                    (published - mention.value).days > RECALLED_AFTER_DAYS:
                found = mention.value
                break
    if found is None:
        head = when_date_head(token)
        if head is not None:
            found = dated_value(head, published=published)
    if found is None or found.year < published.year - 1:
        return None
    return found


def when_date_head(token: Token) -> Token | None:
    """The date a clause hangs on as its relative clause: "since May 28,
    when the two armies clashed, killing a soldier" (the clash's date),
    else ``None``."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head if token.head.pos_ in ("VERB", "AUX") else None
    when = False  # "in January, when the rebels advanced and seized Goma": "when" on either verb
    for _ in range(3):
        if verb is None:
            return None
        when = when or any(c.lower_ == "when" for c in verb.children)
        if verb.dep_ in ("relcl", "advcl") and verb.head.ent_type_ == "DATE" and when:
            return verb.head
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _earlier_date(child: Token, *, published: date) -> date | None:
    return dated_value(child, published=published) if _dated_earlier(child, published=published) else None


def dated_value(child: Token, *, published: date) -> date | None:
    """The date the date entity holding ``child`` writes, or ``None``."""
    doc = child.doc
    start = end = child.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    entity = doc[start:end + 1]
    found = facts_of(sent_of(child), published=published).dates_within(entity.start_char, entity.end_char)
    return found[0].value if found else None


def recalled_earlier(token: Token, *, published: date | None) -> bool:
    """"The Aug. 7 attack", "the Aug. 7 attack killed four": a date before
    the event noun puts it well before the report."""
    if published is None:
        return False
    return any(_dated_earlier(child, published=published) for child in token.children) or (
        token.pos_ == "VERB" and any(_dated_earlier(c, published=published) for child in token.children
                                     if child.dep_ == "nsubj" for c in child.children))


def _dated_earlier(child: Token, *, published: date | None) -> bool:
    """A date before an event noun that puts it well before the report: "the
    Aug. 7 attack", "the May 11 insider attack" in a September release are
    recalled, not new; "the Monday attack" is news."""
    if published is None or child.i >= child.head.i or child.ent_type_ != "DATE" \
            or child.dep_ not in ("nmod", "compound", "npadvmod", "amod", "nummod"):
        return False
    doc = child.doc
    start = end = child.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # back to the entity's first token ("B")
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    entity = doc[start:end + 1]
    found = facts_of(sent_of(child), published=published).dates_within(entity.start_char, entity.end_char)
    return bool(found) and found[0].value is not None and (published - found[0].value).days > RECALLED_AFTER_DAYS


# What makes a plural event noun a pattern, not a happening ("regular clashes").
_HABITUAL_ADVERBS = frozenset({"repeatedly", "regularly", "routinely", "frequently", "often", "constantly",
                               "habitually", "persistently"})
_HABITUAL_MODIFIERS = frozenset({"regular", "frequent", "routine", "daily", "nightly", "weekly", "constant",
                                 "recurring", "recurrent", "periodic", "occasional", "near-daily", "recent", "repeated"})


# Violence told as going on ("continued clashes"), in the present tense: a state of things
_GOING_ON = frozenset({"continued", "continuing", "ongoing", "persistent", "sporadic", "intermittent"})


# What a side fights for when "fight" names a cause, not a battle ("rebels continuing to
# fight for independence")
_STRUGGLE_AIMS = frozenset({"independence", "autonomy", "freedom", "liberation", "self-determination",
                            "sovereignty", "rights", "justice", "democracy", "equality", "recognition",
                            "secession", "statehood", "survival"})
# A time noun that "every" or "each" makes a recurrence ("every evening", "each week")
_RECURRING_TIMES = frozenset({"day", "night", "evening", "morning", "afternoon", "week", "weekend", "month",
                              "year", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday",
                              "thursday"})


def _recurring(verb: Token) -> bool:
    """A verb told with "every evening", "each Friday": a pattern, not a day."""
    return any(c.lower_ in _RECURRING_TIMES and any(d.dep_ == "det" and d.lower_ in ("every", "each")
                                                    for d in c.children)
               for c in verb.children if c.dep_ in ("npadvmod", "advmod", "obl", "dobj"))


def _since_perfect(verb: Token) -> bool:
    """A verb in the perfect told with "since" ("have reported … since the
    coup"): what has gone on over a stretch of time."""
    return verb.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in verb.children) and \
        any(c.lower_ == "since" and c.dep_ in ("prep", "mark") for c in verb.children)


def _struggle(token: Token) -> bool:
    """ "fight for independence": a cause fought for over years, not one battle."""
    return token.lemma_.lower() in ("fight", "struggle") and any(
        c.dep_ == "prep" and c.lower_ == "for" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in _STRUGGLE_AIMS for p in c.children)
        for c in token.children)


def _same_verb(a: Token, b: Token) -> bool:
    verb_a, verb_b = governing_verb(a), governing_verb(b)
    return (verb_a.i if verb_a is not None else -1) == (verb_b.i if verb_b is not None else -1)


# Nouns of someone's record: what is told "of" them is a pattern, not an event
_RECORD_NOUNS = frozenset({"history", "record", "pattern", "habit", "practice", "tradition"})


def is_habitual(token: Token) -> bool:
    """A violent noun that describes someone's record or trade ("responsible
    for attacks", "involved in IED attacks", "engaged in kidnapping", "he
    directs ambushes", "the leader coordinated suicide bomb attacks"), not a
    new event."""
    if token.tag_ == "VB" and any(a.lower_ in lx.RECORD_HEADS or a.lemma_.lower() in lx.RECORD_HEADS
                                  for a in ancestors(token, limit=2)):
        return True  # "he is known to kidnap those who …", "suspected to plant bombs"
    if token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in token.children) \
            and not writes_a_date(sent_of(token)):
        return True  # "repeatedly launching missiles and drones toward Israeli territory", no day told
    if _struggle(token):
        return True  # "rebel groups continuing to fight for independence"
    if any(a.lemma_.lower() in _RECORD_NOUNS and a.pos_ == "NOUN" and any(
            c.dep_ == "prep" and c.lower_ == "of" and in_subtree(token, c) for c in a.children)
            for a in ancestors(token, limit=5)):
        return True  # "criminals have a history of planting landmines and attacking security forces"
    if token.tag_ == "VB" and token.dep_ == "xcomp" and token.head.lemma_.lower() == "continue" and \
            token.head.tag_ in ("VBZ", "VBP") and token.lemma_.lower() in HARM_VERBS | {"attack", "strike"} and \
            not any(t.ent_type_ == "DATE" for t in token.head.subtree):
        return True  # "Russia continues to deliberately kill civilians": what goes on, no day told
    if token.tag_ == "NNS" and token.dep_ in ("dobj", "conj") and not any(
            c.dep_ in ("det", "nummod", "poss") for c in token.children) and _since_perfect(
                token.head if token.dep_ == "dobj" else token.head.head):
        return True  # "Since Assad's ouster in 2024, monitors have reported kidnappings and killings": a record
    if token.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("through", "throughout") and any(
            g.dep_ == "pobj" and g.ent_type_ == "DATE" for g in c.children) for c in token.children):
        return True  # "Through July, Russia launched a record 6,443 drones": a period's total
    if token.pos_ in ("VERB", "AUX") and _recurring(token):
        return True  # "protesters have blocked the central avenue every evening"
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj") \
            and token.head.pos_ == "VERB" and _recurring(token.head):
        return True  # "protesters have blocked the avenue every evening": the doers of a pattern
    if token.tag_ == "VBG" and token.lemma_.lower() == "fight" and not writes_a_date(sent_of(token)) and (
            (token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"))
            or (token.dep_ == "advcl" and token.head.lemma_.lower() in ("be", "become", "remain"))):
        return True  # "a militia fighting for regional autonomy", "has become a foe, fighting alongside …"
    if token.pos_ not in ("NOUN", "PROPN") and token.tag_ != "VBG":
        return False
    if token.tag_ == "NNS" and token.dep_ == "pobj" and token.head.lower_ == "of" and any(
            c.dep_ == "amod" and c.lower_ in _HABITUAL_MODIFIERS for c in token.head.head.children):
        return True  # "Konduga has been a frequent target of suicide bombings": what a place often suffers
    if token.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in _HABITUAL_MODIFIERS for c in token.children) \
            and not (token.dep_ == "pobj" and token.head.lower_ == "during"):
        # (not "seven people have been killed during recent anti-government protests": the
        # happenings the toll is told of)
        return True  # "a battleground, with regular clashes between the junta and resistance groups"
    if token.tag_ == "NNS" and token.dep_ == "dobj" and token.head.tag_ in ("VBZ", "VBP") and any(
            c.dep_ == "amod" and c.lower_ in _GOING_ON for c in token.children):
        return True  # "the city sees continued clashes between the factions": what goes on there
    if token.tag_ == "NNS" and token.dep_ == "pobj" and token.head.lower_ == "for" and any(
            t.lower_ in ("months", "years", "weeks", "decades") and t.head.lower_ in ("for", "over")
            and t.i < token.i for t in token.head.head.subtree):
        return True  # "a gathering point for months for Houthi demonstrations": what a place is for
    bare_plural = token.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss") for c in token.children)
    if bare_plural and any(t.lemma_.lower() in lx.RECORD_HEADS and (
            t.pos_ != "NOUN" or _same_verb(t, token)) and not (token.head.i == t.i and _event_involves(t, token))
            for t in sent_of(token) if t.i < token.i):
        # (a noun "suspects" only under its own verb, "arrested three suspects in bombings";
        # not "arresting 81 suspects and sparking shootouts")
        return True
    below = token
    for node in ancestors(token, limit=5):
        lemma = node.lemma_.lower()
        if lemma in lx.RECORD_HEADS and not _event_involves(node, below):
            return True
        if lemma == "engage" and below.lower_ == "in":
            return True  # "members engaged in kidnapping" (not "troops engaged the militants")
        below = node
        if lemma in lx.HABITUAL_HEADS and node.tag_ in ("VBZ", "VBP"):
            return True
        if lemma in lx.PROFILE_HEADS and bare_plural:
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "advcl",
                                                              "relcl", "conj"):
            break
    return False


def _event_involves(verb: Token, below: Token) -> bool:
    """"The operation involved drone strikes on four airbases": what an event
    told consisted of (not "a man involved in IED attacks", a person's record)."""
    return verb.lemma_.lower() == "involve" and verb.pos_ == "VERB" and below.dep_ == "dobj" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lx.NOUN_TRIGGERS for c in verb.children)


_EARLIER_MARKS = frozenset({"after", "following", "since", "before"})


_BEFORE_MARKS = _EARLIER_MARKS - {"before"}
_TIME_MARKS = _EARLIER_MARKS | {"when"}  # (not "while": often "although")
_HARM_TOLD = lx.HARMED_VERBS | {"martyr"}


def told_in_earlier_clause(token: Token, trigger: Token) -> bool:
    """Is ``token`` inside a clause that tells what came before the trigger
    and does not hold it ("The clashes erupted after Pakistan carried out
    airstrikes in Kabul on Thursday": Kabul and Thursday are the airstrikes')?
    Not a clause hung on a verb of harm, which tells that harm ("nine
    passengers were martyred after gunmen offloaded them ... late on
    Thursday")."""
    return _earlier_clause_of(ancestors(token, limit=5), trigger)


def told_before(event: Token, trigger: Token) -> bool:
    """Is the event word ``event`` (or the clause it heads) told as what came
    before ``trigger`` ("the attack occurred five days after armed men struck
    a school": the striking came before the attack)?"""
    return _earlier_clause_of([event, *ancestors(event, limit=5)], trigger)


def _earlier_clause_of(nodes: list[Token], trigger: Token) -> bool:
    for node in nodes:
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in _BEFORE_MARKS
                                                for c in node.children):
            return not in_subtree(trigger, node) and node.head.lemma_.lower() not in _HARM_TOLD
    return False


# What a crowd's event turned into: "culminated in", "descended into", "escalated into"
OUTCOME_VERBS = frozenset({"culminate", "descend", "escalate", "degenerate", "spiral", "devolve", "turn"})
_VIOLENT_OUTCOMES = frozenset({"violent", "deadly", "bloody", "violence", "clash", "clashes", "riot", "riots",
                               "chaos", "unrest", "bloodshed", "mayhem"})


def turned_violent(token: Token) -> bool:
    """Is the crowd's event said to have turned violent ("after a taxi strike
    over fuel prices turned violent", "protests that descended into
    clashes")?  Then the violence the sentence tells is that event's, not
    something that came after it."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_.lower() not in OUTCOME_VERBS:
        return False
    verb = token.head
    return any((c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in _VIOLENT_OUTCOMES) or
               (c.dep_ == "prep" and c.lower_ in ("into", "in") and any(
                   g.dep_ == "pobj" and g.lower_ in _VIOLENT_OUTCOMES for g in c.children))
               for c in verb.children)


def drop_background_clauses(triggers: list[Trigger], sentence: Span) -> list[Trigger]:
    """"A day after police detained protesters, the opposition said two of
    its leaders were abducted": a clause dated by another event ("after
    …", "since …") tells that event as background when the main clause
    reports an event of another type.  A toll ("six were killed after
    troops opened fire") and an event that grew out of the earlier one (a
    riot after a lynching; "killed after a taxi strike turned violent") are
    the same event."""
    background = {t.i for m in sentence if m.dep_ == "mark" and m.lower_ in _EARLIER_MARKS
                  and m.head.dep_ == "advcl" for t in m.head.subtree}
    main = {t.event_type for t in triggers if t.token.i not in background and t.sub_event_type != "Diplomacy"
            and not t.background
            and not (t.token.lemma_.lower() in ("kill", "martyr") and t.token.pos_ == "VERB")}
    if not background or not main:
        return triggers
    return [t for t in triggers if t.token.i not in background or t.event_type in main or t.background
            or (t.event_type in (lx.PROTESTS, lx.RIOTS) and turned_violent(t.token)) or tolls_itself(t.token)]


_MOVEMENT_VERBS = frozenset(lemma for lemma, (_, subtype) in lx.VERB_TRIGGERS.items()
                            if subtype == "Change to group/activity" and lemma not in ("withdraw", "retreat", "defect"))


def purpose_of_movement(token: Token) -> bool:
    """The aim of a troop movement, not an event: "sent two battalions to
    fight the rebels", "mobilising fighters for attacking the district",
    "mobilising supporters to protest" (the movement is the news, a Change
    to group/activity)."""
    node = token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else token  # "to launch an attack"
    if node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "for":
        verb = node.head.head
    elif node.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
        verb = node.head
    else:
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _MOVEMENT_VERBS


def punished_for(token: Token) -> bool:
    """The reason for a punishment or sanction, told before: "expelled
    three diplomats for taking part in rallies", "sentenced to death for
    the bombing"."""
    for node in ancestors(token, limit=5):
        if node.lower_ == "for" and node.dep_ == "prep" and node.head.lemma_.lower() in lx.PUNISH_VERBS:
            return True
        if node.lower_ == "with" and node.dep_ == "prep" and node.head.lemma_.lower() == "charge" and \
                node.head.tag_ == "VBN":
            return True  # "the boys had appeared in court charged with attempted rape": the charge
    return False


def is_attributed(token: Token) -> bool:
    """An attack reported before and now claimed, blamed or attributed:
    "claimed responsibility for the attack", "takes credit for the bomb that
    killed …" ("for" on the verb), "blamed the rebels for the bombing"."""
    below = token
    for a in ancestors(token, limit=4):
        lemma = a.lemma_.lower()
        if lemma in lx.CLAIM_NOUNS or (lemma in lx.BLAME_VERBS and below.dep_ in ("dobj", "prep")):
            return True
        below = a
        if a.lower_ == "for" and any(c.dep_ == "dobj" and c.lemma_.lower() in lx.CLAIM_NOUNS for c in a.head.children):
            return True
    return False
