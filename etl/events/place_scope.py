"""Whose place a name in a sentence is, seen from the event word it may
place: the trigger's own clause (:func:`in_clause`, :func:`under`), another
event the sentence recalls as a cause (:func:`in_recalled_event`) or names
beside it (:func:`under_other_event`, :func:`under_violence`) or before it
(:func:`after_violence`), the venue of
talks told in a clause of their own (:func:`in_talks_clause`), where someone
went (:func:`at_a_visit`) or was heading (:func:`headed_for`), who told it
(:func:`where_said`), where a way leads (:func:`where_a_way_leads`) or a
name that locates another (:func:`landmark`).  Plain tests of the parse,
used by :func:`etl.events.places.choose_places` and
:func:`etl.events.places.mention_role`."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from etl import lexicon as lx
from etl.events.core import HARM_VERBS, VIOLENT
from etl.events.deals import whereabouts
from etl.events.realis import told_in_earlier_clause
from etl.events.surroundings import known_for
from etl.events.syntax import ancestors, governing_verb, series_of_it
from geo.records import Mention

# going somewhere: where a train, a bus or a traveller was bound is not where violence hit
_JOURNEY_VERBS = frozenset({"travel", "head", "ply", "bind", "go", "carry", "run", "ferry", "transport", "evacuate",
                            "commute"})


def under(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Does the trigger govern the place (the place lies in its subtree)?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(node.i == trigger.i for node in ancestors(span.root, limit=6))


# An event told as what came before and caused the trigger's ("during an operation in
# X" is the trigger's own setting)
_CAUSE_PREPS = frozenset({"following", "after", "since", "despite"})


TALKS = frozenset({"Diplomacy", "Agreement"})
# verbs that tell the trigger as coming after another event (its object)
_FOLLOWING_VERBS = frozenset({"follow", "succeed"})


def in_recalled_event(doc: Doc, mention: Mention, trigger: Token, *, talks: bool = False) -> bool:
    """Is the place governed by another event noun that the sentence recalls
    as a cause ("in response to the attack in Pahalgam", "following clashes in
    Sweida"), not by the trigger?  (Talks a deal or talks follow are where
    they were made: ``talks``.)"""
    if trigger.lemma_.lower() in lx.HARMED_VERBS:
        return False  # "the number killed after the missile strike on Kryvyi Rih": its own toll
    node = _governing_event(doc, mention, trigger, limit=5)
    if node is not None and node.dep_ == "dobj" and node.head.lemma_.lower() in _FOLLOWING_VERBS and \
            any(c.dep_ == "nsubj" and c.i == trigger.i for c in node.head.children):
        return True  # "The strikes followed the April 22 attack in Pahalgam": what came before
    if node is not None and not talks and told_in_earlier_clause(node, trigger):
        # "The shelling began hours after India carried out strikes on nine sites in Pakistan":
        # the places of the clause that tells what came before are that event's
        return True
    if node is None and not talks:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        # "The clashes came after explosions were heard in Kabul": a clause that tells an
        # event before the trigger (not "soon after the convoy left the palace, the motorcade
        # was rocked by a blast": where it began)
        return span is not None and told_in_earlier_clause(span.root, trigger) and any(
            t.lemma_.lower() in lx.NOUN_TRIGGERS or t.lemma_.lower() in lx.VERB_TRIGGERS
            for t in _clause_words(span.root))
    if node is None or node.dep_ != "pobj":
        return False
    if talks and lx.NOUN_TRIGGERS.get(node.lemma_.lower(), ("", ""))[1] in TALKS:
        return False  # "agreed to a ceasefire after talks in Doha": the talks that made it, its venue
    prep = node.head
    return prep.lower_ in _CAUSE_PREPS or (
        prep.lower_ in ("to", "for", "of") and prep.head.lemma_.lower() in lx.BACKGROUND_NOUNS)


def _clause_words(token: Token) -> list[Token]:
    """The words of the nearest clause above ``token`` (its verb's subtree)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return list(node.subtree)


# Nouns of someone's going somewhere: the place "in/to/at" them is theirs.
_VISIT_NOUNS = frozenset({"arrival", "visit", "trip", "tour", "summit", "speech", "stay", "return", "departure",
                          "journey", "stopover", "address"})


def at_a_visit(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place where a visit, trip or summit is ("arrival in the
    Netherlands", "a visit to Kyiv"), not under the trigger itself, or where
    a journey went ("travelling from Quetta to Peshawar")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "to" and (prep.head.lemma_.lower() in _JOURNEY_VERBS or (
            prep.head.lower_ == "from" and prep.head.dep_ == "prep")):
        # "the train was travelling from Quetta to Peshawar when militants blew up the track",
        # "a bus carrying residents evacuating to Sumy",
        # "the train, carrying 400 passengers from Quetta to Peshawar": a route's end
        return True
    if root.dep_ == "pobj" and prep.lower_ in ("in", "at") and prep.head.i != trigger.i and whereabouts(prep.head):
        return True  # "returning to Britain from a meeting in Denmark": where the speaker was
    return root.dep_ == "pobj" and prep.lower_ in ("in", "to", "at") and prep.head.lemma_.lower() in _VISIT_NOUNS \
        and prep.head.i != trigger.i


_CLAUSE_DEPS = frozenset({"advcl", "conj", "relcl", "ccomp", "acl", "xcomp"})


def in_talks_clause(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place where talks or a deal were ("just before Kinshasa and
    Kigali signed a peace deal in Washington"): the event word nearest above
    it tells talks, and the trigger governs it only through a clause of its
    own (not "attacked a peace meeting in Bannu", the attack's target)?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    nearest = ""  # the sub-type the event word nearest above the place tells
    through_clause = False
    for node in ancestors(span.root, limit=8):
        if node.i == trigger.i:
            return through_clause
        if not nearest and node.pos_ in ("NOUN", "VERB") and (nearest := _subtype_of(node)) and \
                node.pos_ == "NOUN" and nearest != "Diplomacy":
            return False  # "violated the ceasefire along the LoC in Poonch": a deal is no venue by itself
        through_clause = through_clause or (nearest in TALKS and node.pos_ == "VERB" and node.dep_ in _CLAUSE_DEPS)
    return nearest in TALKS


# What a party signs or reaches ("signed a peace deal in Washington")
_DEAL_NOUNS = frozenset({"deal", "agreement", "accord", "treaty", "pact", "ceasefire", "truce", "memorandum"})


def _subtype_of(word: Token) -> str:
    """The sub-type the event word tells; a verb with no type of its own tells
    its object's ("signed a peace deal", "held talks")."""
    table = lx.NOUN_TRIGGERS if word.pos_ == "NOUN" else lx.VERB_TRIGGERS
    if word.pos_ == "VERB" and word.lemma_.lower() not in table:
        return next(("Agreement" if c.lemma_.lower() in _DEAL_NOUNS else lx.NOUN_TRIGGERS[c.lemma_.lower()][1]
                     for c in word.children if c.dep_ == "dobj" and (
                         c.lemma_.lower() in lx.NOUN_TRIGGERS or c.lemma_.lower() in _DEAL_NOUNS)), "")
    return table.get(word.lemma_.lower(), ("", ""))[1]


def headed_for(doc: Doc, mention: Mention) -> bool:
    """Is the place only where someone was heading ("a march towards
    Islamabad")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in ("towards", "toward")


# Verbs of speaking whose place is where words were said ("his spokesman told reporters in New York")
_SPEAKING_VERBS = frozenset({"say", "tell", "speak", "announce", "state", "add", "brief"})
# Verbs of telling that say to whom ("confirmed the attack to The PUNCH")
_TELLING_VERBS = frozenset({"confirm", "explain", "disclose", "reveal", "describe", "narrate", "recount"})


def where_said(doc: Doc, mention: Mention) -> bool:
    """Is the place only where someone spoke ("the UN chief is alarmed by
    reports of the strike, his spokesman told reporters in New York", "a
    youth leader confirmed the attack to The PUNCH in Jos"), or who spoke
    ("according to France 24")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None and _a_source(span.root):
        return True
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    if prep.lower_ not in ("in", "at", "from"):
        return False
    holder = prep.head
    if holder.pos_ == "VERB" and holder.lemma_.lower() in _SPEAKING_VERBS:
        return True
    # "confirmed the attack to The PUNCH in Jos": where words were said to someone, however the
    # parse hangs the phrases (on the verb or on its object)
    verb = holder if holder.pos_ == "VERB" else holder.head if holder.dep_ == "dobj" else None
    return verb is not None and verb.lemma_.lower() in _TELLING_VERBS and any(
        c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i < prep.i
        for c in (*verb.children, *holder.children))


def _a_source(word: Token) -> bool:
    """Is the word who tells ("according to Associated Press and France 24",
    "according to Israel"), not a place of what is told?"""
    while word.dep_ == "conj":
        word = word.head
    return word.dep_ == "pobj" and word.head.lower_ == "to" and word.head.head.lower_ == "according"


# Ways that lead somewhere ("a highway to China", "the route to the border")
_WAYS = frozenset({"highway", "road", "route", "motorway", "railway", "railroad", "corridor", "pipeline", "gateway",
                   "crossing", "bridge", "border", "trail", "path", "flight", "link", "access"})


def where_a_way_leads(word: Token) -> bool:
    """Is the place (or the place it is of) the end of a way ("a highway to
    China", "the highway to China's Yunnan province"), however the parser
    hangs the "to"?"""
    for node in [word, *ancestors(word, limit=2)]:
        if node.dep_ == "pobj" and node.head.lower_ in ("to", "towards", "toward"):
            prep = node.head
            return prep.head.lemma_.lower() in _WAYS or (prep.i > 0 and prep.doc[prep.i - 1].lemma_.lower() in _WAYS)
        if node.dep_ not in ("poss", "compound", "pobj"):
            return False
    return False


_LANDMARK_PREPS = frozenset({"near", "from", "outside", "off", "beyond"})


def landmark(word: Token) -> bool:
    """Is the place named to locate another ("Bat Yam, a city near Tel Aviv",
    "Kobe, a village 30km from Gao"): the object of "near"/"from" under a
    noun in apposition to a name?"""
    if word.dep_ != "pobj" or word.head.lower_ not in _LANDMARK_PREPS:
        return False
    holder = word.head.head
    return holder.pos_ == "NOUN" and holder.dep_ == "appos" and holder.head.pos_ == "PROPN"


def under_other_event(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place governed by another event noun of the sentence ("the
    attack on Sumy")?"""
    return _governing_event(doc, mention, trigger, limit=4) is not None


# Nouns of a war or campaign as a whole ("Moscow's military offensive in Ukraine")
_CAMPAIGN_NOUNS = lx.WAR_NOUNS | {"offensive", "invasion", "campaign"}


def under_a_war(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place where a war or campaign as a whole is ("attacks on
    Russians linked to Moscow's military offensive in Ukraine"), not where
    the trigger's event was?"""
    event = _governing_event(doc, mention, trigger, limit=4)
    return event is not None and event.lemma_.lower() in _CAMPAIGN_NOUNS and event.lemma_ != trigger.lemma_


_WAR_NOUNS = frozenset({"war", "conflict"})


def of_a_war(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place that of a war told beside the trigger ("a truce between
    Lebanon and Israel took effect …, following a year of conflict sparked
    by Israel's war on Gaza")?  It is no venue of the talks or the deal."""
    return _held_by(doc, mention, trigger, lambda node: node.pos_ == "NOUN" and node.lemma_.lower() in _WAR_NOUNS,
                    limit=4)


def _held_by(doc: Doc, mention: Mention, trigger: Token, holder: Callable[[Token], bool], *, limit: int) -> bool:
    """Does a word ``holder`` accepts govern the place, below the trigger
    (among its first ``limit`` ancestors, none of them the trigger)?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    for node in ancestors(span.root, limit=limit):
        if node.i == trigger.i:
            return False
        if holder(node):
            return True
    return False


def under_violence(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place governed by a noun of violence other than the trigger
    ("against the killing of tourists in Pahalgam")?"""
    event = _governing_event(doc, mention, trigger, limit=4)
    return event is not None and lx.NOUN_TRIGGERS.get(event.lemma_.lower(), ("",))[0] in VIOLENT


def after_violence(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place governed by a noun of violence told as what came before
    the trigger ("The talks came after Pakistani airstrikes in Paktika
    killed 10"), not as what the trigger is about ("a ceasefire ended the
    fighting in Sweida")?"""
    event = _governing_event(doc, mention, trigger, limit=4)
    if event is None or lx.NOUN_TRIGGERS.get(event.lemma_.lower(), ("",))[0] not in VIOLENT:
        return False
    for node in [event, *ancestors(event, limit=4)]:
        if node.i == trigger.i:
            return False
        if any(c.dep_ in ("mark", "prep") and c.lower_ in _CAUSE_PREPS for c in node.children) or (
                node.dep_ in ("pobj", "pcomp") and node.head.lower_ in _CAUSE_PREPS):
            return True
    return False


def _governing_event(doc: Doc, mention: Mention, trigger: Token, *, limit: int) -> Token | None:
    """The nearest event noun above the place, if it comes before the trigger."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    for node in ancestors(span.root, limit=limit):
        if node.i == trigger.i:
            return None
        if node.pos_ == "NOUN" and node.lemma_.lower() in lx.NOUN_TRIGGERS:
            if node.dep_ == "dobj" and node.head.i == trigger.i:
                return None  # "repelled an attack on a college in Wana": the trigger's own happening
            return node
    return None


def in_clause(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place governed by the trigger or the trigger's verb, before
    any other verb intervenes?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    wanted = {trigger.i} | ({verb.i} if verb is not None else set())
    harmed = _harm_told_of(trigger)
    if harmed is not None:
        wanted.add(harmed.i)  # "shelling across the Line of Control killed 12 civilians in Poonch"
    if verb is not None and verb.dep_ == "relcl" and span.start <= verb.head.i < span.end:
        return True  # "al-Nahud, which the paramilitaries seized": the clause is on the place
    for node in ancestors(span.root, limit=14):  # (a long chain of nouns and prepositions is one phrase)
        if node.i in wanted:
            return True
        if node.tag_ == "VBG" and node.dep_ == "advcl" and node.head.i in wanted:
            continue  # "launched attacks on Iran, targeting a reactor in Arak": the same action
        if node.dep_ == "acl" and node.tag_ == "VBN" and node.head.pos_ in ("NOUN", "PROPN"):
            continue  # "an attack carried out by ADF rebels in Komanda": the event noun's own participle,
            # or one said of a noun of its phrase ("an assailant affiliated with ISIS near Palmyra")
        if node.dep_ == "relcl" and (node.head.i == trigger.i or _where_held(node)):
            continue  # "a drone strike that targeted a funeral that was taking place outside el-Obeid":
            # the event noun's own clause, and where what it struck was held
        if node.pos_ == "VERB" and node.dep_ in ("xcomp", "conj") and node.head.i in wanted and \
                node.lemma_.lower() in _HARM_LEMMAS:
            continue  # "shelling across the Line of Control killed 10 civilians in Poonch", parsed
            # with "shelling" as a verb: what the shelling did
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep" and node.lower_ not in ("including", "includes"):
            return False
    return False


_HARM_LEMMAS = lx.HARMED_VERBS | HARM_VERBS


def _where_held(verb: Token) -> bool:
    """A relative clause that says where a gathering was ("a funeral that
    was taking place outside el-Obeid", "a wedding that was held in ...")."""
    lemma = verb.lemma_.lower()
    return (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)) or \
        (lemma == "hold" and any(c.dep_ == "auxpass" for c in verb.children))


def _harm_told_of(trigger: Token) -> Token | None:
    """The verb of harm an event word is the subject of ("Pakistani shelling
    across the Line of Control killed 12 civilians in Poonch", "Indian firing
    ... killed five civilians in Kotli"): what it did, in the same clause, even
    when the parser reads the "-ing" word as a verb of its own or hangs it on
    its adjective ("Pakistani" <- "shelling")."""
    node = trigger
    if node.dep_ == "acl" and node.head.dep_ in ("nsubj", "nsubjpass"):
        node = node.head
    if node.dep_ in ("nsubj", "csubj") and node.head.lemma_.lower() in _HARM_LEMMAS:
        return node.head
    return None


# Verbs and prepositions that say what talks were about or for ("the talks focused on security along the
# border", "efforts aimed at enhancing stability in Syria")
_TOPIC_VERBS = frozenset({"focus", "center", "centre", "address", "discuss", "cover", "concern", "revolve",
                          "tackle", "examine", "review", "aim"})
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
_VENUE_PREPS = frozenset({"in", "at", "near", "inside"})


def topic_of_talks(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place part of what talks were about ("the talks focused on
    security arrangements along the Israeli-Syrian border", "met to discuss
    the ceasefire in Sweida", "talks about the fighting in Gaza"), not where
    they were held ("met in Paris to discuss …")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for parent in ancestors(span.root, limit=8):
        if parent.i == trigger.i:
            # "talks on the border": the border may be the venue; "talks on security along the border" is a topic
            return node.dep_ == "prep" and node.lower_ in _TOPIC_PREPS and not span.root.head.i == node.i
        if parent.pos_ in ("VERB", "AUX") and parent.lemma_.lower() in _TOPIC_VERBS:
            # ("aimed at": what the aim is, no venue)
            return not (node.dep_ == "prep" and node.lower_ in _VENUE_PREPS
                        and not (parent.lemma_.lower() == "aim" and node.lower_ == "at"))
        node = parent
    return False


def in_a_description(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place inside what describes a thing by its users ("a pirate
    flag, a symbol of defiance carried by young protesters in Nepal and
    Kenya, as they faced tear gas"): where they are, not the event's place?"""
    return _held_by(doc, mention, trigger, lambda node: node.lemma_.lower() in lx.NOUN_TRIGGERS and known_for(node),
                    limit=4)  # (an event's doers or its noun, not "a township held by the Arakan Army in Rakhine")


def in_a_series(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place one of the run of events the trigger's event is told to
    belong to ("the air strike is the latest in a series of assaults on
    markets in South Kordofan"), not the event's own?"""
    return _held_by(doc, mention, trigger, series_of_it, limit=6)
