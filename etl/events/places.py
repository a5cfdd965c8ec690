"""Attributes, place: where an event happened.

Places governed by a locative preposition first, the finest level wins (town
> district > border > province > country); several towns of the same rank
split the event.  Possessives ("Moscow's readiness"), agents ("mediated by
Qatar", "US-brokered") and sentence subjects ("Pakistan retaliated") are
parties, not places; a place inside the trigger's own clause beats one
hanging on another verb ("at talks in Doha, officials said drones struck
Paktika"); which clause a name hangs in, seen from the event word, is
:mod:`~etl.events.place_scope`; a name written with the area that holds it ("Jenin, located in the
West Bank") is one place, :mod:`~etl.events.addresses`.  The dateline is used only for statements
(Diplomacy), never for violence.  Where an event with no place of its own in its sentence goes (the
scene set before, the victims' country, the article's country) is
:mod:`~etl.events.fallback_places`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx, toponyms
from etl.events.addresses import sites_in_places, without_address_areas, without_list_containers
from etl.events.core import HARM_VERBS, Trigger, VIOLENT
from etl.events.place_kinds import KIND_LEVEL, PlaceCandidate, within
from etl.events.place_scope import (
    TALKS, after_violence, at_a_visit, headed_for, in_a_description, in_a_series, in_clause, in_recalled_event,
    in_talks_clause, landmark, of_a_war, topic_of_talks, under, under_a_war, under_other_event, under_violence,
    where_a_way_leads, where_said,
)
from etl.events.anaphora import town_told_before
from etl.events.syntax import ancestors, bidden, told_as_coming
from etl.events.territory import fell_to_a_side
from etl.spacy_model import doc_text, span_text
from geo.records import Mention, Place
from geo.text_cues import airbase_lists

_TOWN_NOUNS = frozenset({"city", "town", "village", "port", "capital"})


def _names_the_area_of_a_named_town(root: Token) -> bool:
    """"the southern Gaza city of Rafah", "the Darfur town of Tawila": the
    name that describes the town ("Gaza") holds it; the town named after
    "of" is the place."""
    head = root.head
    return root.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in _TOWN_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for c in head.children)


def mention_role(doc: Doc, mention: Mention) -> tuple[bool, bool, int]:
    """(locative, excluded, first-conjunct index) of a mention in the parse."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False, False, -1
    root = span.root
    if _in_airbase_list(span):
        return True, False, -1  # "struck the Nur Khan, Murid and Rafiqui airbases", however parsed
    excluded = False
    # "in North Waziristan's Shawal area", "Khyber Pakhtunkhwa's Bannu district": a place
    # that holds the place it is said of is where that is (not "Pakistan's minister")
    container = (root.dep_ == "poss" and (root.head.lemma_.lower() in _CONTAINED_NOUNS
                                          or root.head.ent_type_ in ("GPE", "LOC", "FAC")
                                          or _named_site_in_slot(root.head) or _quarter_in_slot(root.head)
                                          or _site_in_slot(root.head))
                 ) or _holds_named_street(doc, span) or _names_the_area_of_a_named_town(root)
    if not container and (root.dep_ == "poss" or any(t.dep_ == "case" for t in root.children) or
                          (span.end < len(doc) and doc[span.end].text in ("’s", "'s", "’", "'"))):
        excluded = True
    if _far_reference(doc, span.start):
        excluded = True  # "Ramree, which is 340km northwest of Yangon": a bearing, not the site
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    if after[:1] == ["based"] or after == ["-", "based"]:
        excluded = True  # "the Port-au-Prince based rights group", "a London-based monitor": whose seat
    if root.dep_ == "compound" and root.head.lower_ in _COMBATANT_NOUNS:
        excluded = True  # "317 Fano fighters were killed", "Tigray forces": whose fighters, not where
    undergoes = _undergoes(root)
    if root.dep_ == "nsubj" and not undergoes:
        excluded = True
    below = root
    for ancestor in [root, *ancestors(root, limit=3)] if not undergoes else ():
        if ancestor.lemma_.lower() in lx.AGENT_VERBS:
            # (not "after talks in Doha mediated by Qatar": the place of what was mediated)
            excluded = not (ancestor is not root and below.dep_ in ("nsubj", "nsubjpass"))
            break
        below = ancestor
    if root.head.dep_ == "agent" or (root.head.lower_ == "by" and root.dep_ == "pobj"):
        excluded = True
    if _doers_home(root):
        excluded = True  # "a drone launched by the Houthi group in Yemen": where the doers are
    first = first_conjunct(root)
    locative = (first.dep_ == "pobj" and first.head.lower_ in lx.LOCATIVE_PREPS) or \
        (first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_.lower() in HARM_VERBS) or \
        _listed_in_place(first) or undergoes or _taken_in_relative_clause(root) or _names_the_part(first)
    if container or landmark(first):
        # a fallback: the place it holds, when known, is the finer one; so is the place a landmark
        # locates ("Bat Yam, a city near Tel Aviv", "the village of Kobe, about 30km from Gao")
        locative = False
    if first.dep_ == "pobj" and first.head.lower_ in ("near", "along") and \
            first.head.head.dep_ in ("nsubj", "nsubjpass") and town_told_before(first.head.head):
        # "The city near the Russian border was also hit": what lies near the town told before
        locative, excluded = False, True
    if first.dep_ == "dobj" and first.head.dep_ == "xcomp" and first.head.head.lemma_.lower() in _INTENT_VERBS:
        locative, excluded = False, True  # "militants who were preparing to attack Pakistan": not done
    if first.dep_ == "nsubj" and first is not root:
        excluded = True
    source = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "of" and \
        first.head.head.lemma_.lower() in _SURROUNDS and first.head.head.dep_ == "pobj" else first
    if source.dep_ == "pobj" and source.head.lower_ == "from" and (
            source.head.head.pos_ in ("NOUN", "PROPN") or source.head.head.lemma_.lower() in _MOVING_VERBS
            or (source.head.head.lemma_.lower() in _LAUNCH_VERBS and not _range_start(source.head))):
        # "mercenaries from Colombia, Chad and South Sudan", "hundreds of thousands of displaced
        # people have relocated from Khartoum", "drones launched from the areas of Orel and Kursk":
        # where people or weapons come from
        excluded = True
    if first.dep_ == "pobj" and first.head.lower_ in ("in", "out") and \
            first.head.head.lemma_.lower() in _BASED_VERBS and first.head.head.tag_ == "VBN":
        excluded = True  # "JNIM, an al-Qaeda affiliate based in Mali": where a group is, not where it struck
    if first.dep_ == "pobj" and first.head.lower_ in ("in", "at") and \
            first.head.head.lower_ in lx.GOVERNMENT_SEAT_NOUNS:
        excluded = True  # "distrust the authorities in Damascus": a government's seat
    if first.dep_ == "pobj" and first.head.lower_ == "of" and \
            first.head.head.lemma_.lower() in _TITLE_NOUNS:
        excluded = True  # "the Latin Patriarch of Jerusalem", "the Patriarchate of Jerusalem": a title
    if where_a_way_leads(first):
        # "a town on a trade highway to China", "along the highway to China's Yunnan province": where
        # a way leads
        locative, excluded = False, True
    if first.dep_ == "pobj" and first.head.lower_ in ("on", "against") and \
            first.head.head.lemma_.lower() in _LEVERAGE_NOUNS:
        # "urged allies to increase pressure on Moscow", "sanctions on Russia": a government
        # pressed, not a place struck
        locative, excluded = False, True
    return locative, excluded, first.i


def _range_start(from_: Token) -> bool:
    """Does "from X" open a range ("from Baramulla in the north to Bhuj in
    the west"): the places it spans, not where weapons came from?"""
    after = from_.right_edge.i + 1
    return (after < len(from_.doc) and from_.doc[after].lower_ == "to") or any(
        c.dep_ == "prep" and c.lower_ == "to" for c in (*from_.head.children, *from_.subtree))


# Verbs of an act intended, not done ("preparing to attack Pakistan", "plotting to strike Kabul")
_INTENT_VERBS = frozenset({"prepare", "plan", "plot", "try", "attempt", "seek", "intend", "want", "aim",
                           "threaten", "vow", "conspire"})
# People who tell news rather than undergo it
_SPEAKER_NOUNS = frozenset({"official", "source", "spokesman", "spokeswoman", "spokesperson", "correspondent",
                            "reporter", "journalist", "diplomat", "analyst"})


def speaker_place(doc: Doc, mention: Mention) -> bool:
    """Is the place where an official or source who tells is ("a security
    official in Islamabad said jets had struck", "according to sources in
    Kabul")?  The caller decides whether that rules it out (a capital's
    officials speak for the state; police in a town tell of their town)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    first = first_conjunct(span.root)
    if first.dep_ == "pobj" and first.head.lower_ in ("in", "from") and first.head.dep_ == "prep" and \
            first.head.head.lemma_.lower() in lx.SAY_VERBS and first.head.head.pos_ == "VERB":
        return True  # "In Kabul, Taliban spokesman Zabihullah Mujahid claimed that 58 soldiers …"
    return first.dep_ == "pobj" and first.head.lower_ in ("in", "at", "from") and _speaker(first.head.head)


def _speaker(noun: Token) -> bool:
    """Is ``noun`` an official or source who tells ("an official in Islamabad
    said", "sources in Kabul told Reuters"), not one who was harmed ("an
    official in Kabul was shot")?"""
    if noun.lemma_.lower() not in _SPEAKER_NOUNS or noun.dep_ in ("nsubjpass", "dobj") or \
            noun.head.lemma_.lower() in HARM_VERBS:
        return False
    return noun.dep_ != "pobj" or noun.head.head.lower_ == "according"  # "according to sources in Kabul"


# Titles and offices named after the place they serve ("the mayor of Kharkiv", "the
# Patriarch of Jerusalem"): whose office, not where
_TITLE_NOUNS = lx.LEADER_WORDS | frozenset({
    "mayor", "governor", "patriarch", "patriarchate", "archbishop", "bishop", "diocese", "archdiocese",
    "cardinal", "imam", "mufti", "rabbi", "sultan", "prince", "duke", "emirate", "caliph", "metropolitan"})
# What is put on a government, not a place ("pressure on Moscow", "sanctions against Russia")
_LEVERAGE_NOUNS = frozenset({"pressure", "sanction", "sanctions", "embargo", "tariff", "tariffs", "demand",
                             "call", "restriction", "curb", "ban", "influence", "leverage", "stance", "position"})


_DISTANCE = re.compile(r"(\d[\d,.]*)\s*(km|kilometres|kilometers|kilometre|kilometer|miles|mi)\b"
                       r"(?:\s+(?:\(\s*[\d,.]+\s*\w+\s*\)\s*)?(?:to\s+the\s+)?"
                       r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|northeast|"
                       r"northwest|southeast|southwest))?\s+(?:of|from)\s+(?:the\s+)?$", re.I)
_FAR_KM = 50.0
# A place said to lie in a direction from this one ("which is northwest of", "located south of")
_BEARING_DESCRIBED = re.compile(r"\b(?:is|are|lies|lie|located|situated|sits)\s+(?:just\s+|about\s+|some\s+)?"
                                r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                                r"(?:ern)?\s+of\s+(?:the\s+)?$", re.I)


def _far_reference(doc: Doc, start: int) -> bool:
    """Is the place the reference point of a distance beyond ``_FAR_KM``
    ("340km northwest of Yangon", "about 150 miles from the capital")?"""
    before = doc_text(doc)[max(0, doc[start].idx - 60):doc[start].idx]
    if _BEARING_DESCRIBED.search(before):
        return True  # "Guanajuato, which is northwest of Mexico City": where the other place lies
    match = _DISTANCE.search(before)
    if match is None:
        return False
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return False
    km = value * 1.609 if match.group(2).lower().startswith("mi") else value
    return km > _FAR_KM


# Nouns of armed men a name before them says whose they are ("Fano fighters")
_COMBATANT_NOUNS = lx.MILITANT_WORDS | frozenset({"militia", "militias", "militiamen", "forces", "group"})


# Verbs whose object is a place taken or struck: "the town of al-Nahud, which the
# paramilitaries seized earlier this year in West Kordofan province"
_TAKING_VERBS = frozenset({"seize", "capture", "take", "overrun", "recapture", "retake", "regain", "liberate",
                           "occupy", "storm", "besiege"})


def _taken_in_relative_clause(root: Token) -> bool:
    """Is the place what a relative clause on it tells was struck or taken
    ("al-Nahud, which the paramilitaries seized …", "Kyiv, which was hit
    overnight")?"""
    for clause in root.children:
        if clause.dep_ != "relcl":
            continue
        lemma = clause.lemma_.lower()
        if (lemma in HARM_VERBS or lemma in _TAKING_VERBS) and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that") for c in clause.children):
            return True
    return False


_MOVING_VERBS = frozenset({"relocate", "flee", "move", "come", "arrive", "return", "escape", "evacuate", "migrate",
                           "travel", "displace"})
# where weapons are launched from (not "launched drones at 26 locations, from Baramulla in the
# north to Bhuj in the west": the range they struck)
_LAUNCH_VERBS = frozenset({"launch", "fire"})
# "the areas of Orel", "the direction of Kursk": a place told by its surroundings
_SURROUNDS = frozenset({"area", "areas", "region", "regions", "direction", "directions", "vicinity", "territory"})
_BASED_VERBS = frozenset({"base", "headquarter", "operate"})


def _undergoes(root: Token) -> bool:
    """A place that is the subject of what it suffered: "Kyiv bore the brunt of
    the attack", "the town came under fire", "Sumy suffered heavy shelling",
    "Uvira fell to the rebels"."""
    if root.dep_ != "nsubj":
        return False
    verb = root.head
    lemma = verb.lemma_.lower()
    if lemma == "bear":
        return any(c.dep_ == "dobj" and c.lower_ == "brunt" for c in verb.children)
    if lemma == "come":
        return any(c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)
    if lemma == "fall":  # "Uvira fell to the rebels", "the town fell under their control"
        return fell_to_a_side(verb)
    return lemma in ("suffer", "endure", "sustain")


def without_bare_regions(by_sentence: dict[int, list[PlaceCandidate]]) -> dict[int, list[PlaceCandidate]]:
    """The place candidates per sentence without regions that lie in no
    country ("Asia", "Europe", "the Middle East") when the article names a
    finer place (a town, site or admin area): an event never sits on such
    a word then.  (A region of one country, "Kashmir" or "Waziristan",
    stays.)"""
    finer = any(c.place.kind in ("populated_place", "site", "admin2", "admin1")
                for candidates in by_sentence.values() for c in candidates)
    if not finer:
        return by_sentence
    return {index: [c for c in candidates if not (c.place.kind == "region" and not c.place.country)]
            for index, candidates in by_sentence.items()}


def _names_the_part(token: Token) -> bool:
    """"in the Uri sector", "in the Kurram belt": a name said of the word for
    a part of an area that stands where a place stands."""
    head = token.head
    return token.dep_ == "compound" and head.lemma_.lower() in _PART_NOUNS and head.dep_ == "pobj" and \
        head.head.lower_ in lx.LOCATIVE_PREPS


def _listed_in_place(token: Token) -> bool:
    """"Rallies in cities including Nairobi, Nakuru and Eldoret", "killed in
    the provinces of Surin, Ubon and Si Sa Ket": places listed after a
    place noun that is itself the object of "in/at"."""
    head = token.head
    if token.dep_ not in ("pobj", "dobj") or head.lower_ not in ("including", "like", "such", "of"):
        return False
    noun = head.head if head.lower_ != "such" else head.head.head
    if head.lower_ == "of" and noun.lemma_.lower() not in _PLACE_NOUNS:
        return False  # "in the provinces of Surin, Ubon and Si Sa Ket", not "in the heart of Kyiv"
    if head.lower_ != "of" and (noun.lemma_.lower() in HARM_VERBS or (
            noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in HARM_VERBS)):
        return True  # "struck nine sites in Pakistan, including Muridke and Kotli": the sites hit
    verb = toponyms.verb_listing_places(noun) if head.lower_ != "of" else None
    if verb is not None and verb.lemma_.lower() in HARM_VERBS:
        return True  # "struck nine sites ... under Operation Sindoor, including Bahawalpur"
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "pobj" and noun.head.lower_ in lx.LOCATIVE_PREPS


def _among_parties(doc: Doc, mention: Mention) -> bool:
    """Is the place one of those talks are held "between" or "among"?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    first = first_conjunct(span.root)
    return first.dep_ == "pobj" and first.head.lower_ in ("between", "among", "amongst")


def first_conjunct(root: Token) -> Token:
    """The token whose role a place name plays: through its place noun ("in
    Sunsari district", "the town of Gboko", "seven towns: Niono, …"), a listed
    name the parse split ("Nioro du Sahel"), and the conjuncts of a list, to
    the first item; a place noun in apposition to a listed place ("the
    capital Rabat, the main commercial city Casablanca, …, and the port city
    of Tangier") is an item of that list."""
    first = root
    for _ in range(8):
        before = first
        if first.dep_ in ("compound", "nmod") and first.head.lemma_.lower() in _PLACE_NOUNS:
            first = first.head  # ("Guma local government area": "Guma" hangs on "area")
        if first.dep_ == "compound" and first.head.pos_ == "PROPN" and first.head.dep_ == "conj":
            first = first.head
        if first.dep_ in ("nmod", "compound") and first.head.lemma_.lower() in _PLACE_NOUNS and \
                first.i + 1 < len(first.doc) and first.doc[first.i + 1].text == "," and first.i < first.head.i:
            first = first.head  # "in Mrauk-U, western Rakhine state" parsed as one noun: the town, then its state
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "appos" and first.head.lemma_.lower() in _PLACE_NOUNS:
            first = first.head
        elif first.dep_ == "appos" and first.lemma_.lower() in _PLACE_NOUNS and first.head.pos_ == "PROPN":
            first = first.head
        if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lemma_.lower() in _PLACE_NOUNS:
            first = first.head.head
        if first is before:
            break
    return first


_PLACE_NOUNS = frozenset({"province", "district", "city", "town", "village", "region", "state", "county",
                          "area", "governorate", "oblast", "territory", "township", "municipality", "commune"})
_CONTAINED_NOUNS = _PLACE_NOUNS | frozenset({"outskirts", "suburb", "suburbs", "tehsil", "valley", "capital"})
# Words for a part of a city, which name a place only where a place stands ("in
# Islamabad's G-11 sector", not "Pakistan's energy sector")
_QUARTER_NOUNS = frozenset({"sector", "neighbourhood", "neighborhood", "quarter", "locality", "colony", "ward"})
_PART_NOUNS = _PLACE_NOUNS | _QUARTER_NOUNS | frozenset({"belt", "tehsil", "valley"})


def choose_places(
    sentence: Span,
    trigger: Trigger,
    candidates: Sequence[PlaceCandidate],
    *,
    own_clause: bool = False,
) -> tuple[list[Place], str]:
    """The place(s) where the sentence's event happened.  With
    ``own_clause`` only a place in the trigger's own clause (a reaction to
    an event: "named no suspect in Islamabad, though the minister offered
    condolences to the victims of the attack" names no place of the attack)."""
    usable = [c for c in candidates if not c.excluded]
    # "arrested Duterte has left Manila and he will be turned over to the ICC in The Hague": where
    # something is still to happen is not where the event was
    usable = [c for c in usable if not _in_future_clause(sentence.doc, c.mention, trigger.token)
              and not in_a_series(sentence.doc, c.mention, trigger.token)
              and not in_a_description(sentence.doc, c.mention, trigger.token)]
    if trigger.event_type in VIOLENT:
        # "the attack coincided with the president's arrival in the Netherlands": where
        # someone went, not where the violence was; "launched just before Kinshasa and Kigali
        # signed a peace deal in Washington": where the talks were
        usable = [c for c in usable if not at_a_visit(sentence.doc, c.mention, trigger.token)
                  and not in_talks_clause(sentence.doc, c.mention, trigger.token)
                  and not where_said(sentence.doc, c.mention)
                  and not under_a_war(sentence.doc, c.mention, trigger.token)]
    # "the strike was a direct response to the April 22 attack in Pahalgam": the place of
    # an event recalled as the cause is that event's
    talks = trigger.sub_event_type in TALKS
    recalled = [c for c in usable if in_recalled_event(sentence.doc, c.mention, trigger.token, talks=talks)]
    if recalled and len(recalled) < len(usable):
        usable = [c for c in usable if c not in recalled]
    elif recalled:
        usable = []
    if talks:
        # "The talks came after Pakistani airstrikes in Paktika killed 10": the place a violent
        # event of the sentence governs is that event's, not where the talks were; "talks held
        # between Egyptian officials and senior U.S. envoys": the parties, not the venue
        usable = [c for c in usable if not after_violence(sentence.doc, c.mention, trigger.token)
                  and not of_a_war(sentence.doc, c.mention, trigger.token)
                  and not _among_parties(sentence.doc, c.mention)
                  and not (trigger.sub_event_type == "Diplomacy"
                           and topic_of_talks(sentence.doc, c.mention, trigger.token))]
    if trigger.event_type in (lx.PROTESTS, lx.RIOTS):
        # "protests, which have targeted the team over the devastating war in Gaza": what the
        # crowd protests about, not where it marched
        usable = [c for c in usable if not of_a_war(sentence.doc, c.mention, trigger.token)]
    violent = trigger.event_type in VIOLENT
    if violent or own_clause:
        # "At talks in Doha, officials said drones struck targets in Paktika":
        # a place inside the trigger's own clause beats one hanging elsewhere.
        own = [c for c in usable if in_clause(sentence.doc, c.mention, trigger.token)]
        if own or own_clause:
            usable = own
        # "the attack on Sumy followed a strike on the hometown of Kryvyi Rih": the
        # strike's own place is the one it governs, not its clause-mate's
        # (and "India struck nine sites in Pakistan in retaliation for the attack in
        # Pahalgam": a place another event noun governs is that event's)
        mine = [c for c in usable if under(sentence.doc, c.mention, trigger.token)
                and not under_other_event(sentence.doc, c.mention, trigger.token)]
        others = [c for c in usable if c not in mine]
        if mine and others and (own_clause or all(under_other_event(sentence.doc, c.mention, trigger.token)
                                                  for c in others)):
            # (and "the Patriarchate in Jerusalem condemned the strike at the church in Gaza
            # City": a reaction's own places are the reacting side's)
            usable = mine
        if trigger.token.pos_ == "NOUN":
            # "the capture of Al Fasher gives the RSF ... its administration in
            # Nyala": the place an event noun is "of" is where it happened
            objects = [c for c in usable if c.place.kind != "country"
                       and _object_of(sentence.doc, c.mention, trigger.token)]
            if objects:
                usable = objects
    if trigger.token.pos_ == "VERB" and trigger.sub_event_type in _TAKEN_TERRITORY:
        # "recaptured Kyaukme on October 1 … on the Mandalay-Lashio-Muse highway": the town
        # taken is where, not the road it lies on
        taken = [c for c in usable if c.place.kind != "country" and _taken(sentence.doc, c.mention, trigger.token)]
        if taken:
            usable = taken
    if trigger.event_type in (lx.PROTESTS, lx.RIOTS):
        # "trying to disperse their march towards Islamabad": where a crowd was heading,
        # not where it was
        usable = [c for c in usable if not headed_for(sentence.doc, c.mention)]
        # "protested in Srinagar against the killing of tourists in Pahalgam": where the
        # crowd was, not where what it protests happened
        causes = [c for c in usable if under_violence(sentence.doc, c.mention, trigger.token)]
        if causes and len(causes) < len(usable):
            usable = [c for c in usable if c not in causes]
    usable = sites_in_places(sentence.doc, usable)
    pool = [c for c in usable if c.locative]
    source = "locative"
    if not pool and not talks:
        pool = [c for c in usable if c.place.kind != "country" or c.mention.label == "BORDER"] or \
            [c for c in usable if c.place.kind == "country" and _owns_an_area(sentence.doc, c.mention)]
        source = "mention"
    if not pool:
        return [], ""
    pool = without_address_areas(sentence.doc, without_list_containers(sentence.doc, pool))
    best_level = min(KIND_LEVEL.get(c.place.kind, 3) for c in pool)
    top = [c for c in pool if KIND_LEVEL.get(c.place.kind, 3) == best_level]
    distinct: dict[str, PlaceCandidate] = {}
    for c in top:
        distinct.setdefault(c.place.place_id, c)
    chosen = list(distinct.values())
    crowd = trigger.event_type in (lx.PROTESTS, lx.RIOTS)
    # "demolished the houses of two suspects in Tral and Bijbehara": each town's houses
    damage = trigger.sub_event_type == "Looting/property destruction"
    if len(chosen) > 1 and not ((violent or crowd or damage) and all(c.locative for c in chosen)):
        chosen.sort(key=lambda c: abs(c.mention.start - trigger.token.idx))
        chosen = chosen[:1]
    if violent:
        # "strikes on four airbases: Belaya, Dyagilevo, Ivanovo Severny and Olenya": each base
        # listed is a site (the small model seldom parses such a list as one)
        chosen = _listed_airbases(sentence, chosen, [c for c in candidates if not c.excluded])
    if (violent or crowd or damage) and len(chosen) == 1 and chosen[0].chain_root >= 0:
        # Coordinated places ("hit Khost and Paktika", "protests spread to
        # Pokhara, Butwal and Damak") are each a site.
        chain = [c for c in pool if c.chain_root == chosen[0].chain_root]
        members: dict[str, PlaceCandidate] = {}
        for c in sorted(chain, key=lambda c: c.mention.start):
            members.setdefault(c.place.place_id, c)
        if len(members) > 1:
            chosen = _drop_containing(list(members.values()))
    if (violent or crowd) and chosen and (len(chosen) > 1 or chosen[0].chain_root >= 0 or chosen[0].locative):
        # "in Istanbul, Izmir and the capital Ankara": a list the text writes plainly, however
        # the small model parses it
        members = {c.place.place_id: c for c in chosen}
        # (its items however the parser hung them: "Qeshm island, Mallard, and Karaj" read as names)
        listable = [c for c in candidates if not c.excluded]
        for c in list(chosen):
            for other in _written_list(sentence.doc, c, listable):
                members.setdefault(other.place.place_id, other)
        # "the towns of Bahawalpur and Muridke in Pakistan's Punjab province, and Muzaffarabad
        # and Kotli in Pakistani Kashmir": the list goes on after the province that holds it
        # (however the parser reads its second half)
        for other in _located_list_sequel(sentence.doc, list(members.values()), candidates):
            members.setdefault(other.place.place_id, other)
        if len(members) > len(chosen):
            chosen = _drop_containing(sorted(members.values(), key=lambda c: c.mention.start))
    if chosen and chosen[0].place.kind == "border":
        source = "border"
    return [c.place for c in chosen], source


# What joins two items of a list of places as a text writes it ("Kharkiv, Odesa and Sumy",
# "Istanbul and the capital Ankara")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
                        r"(?:the\s+(?:capital|(?:port\s+)?city\s+of|town\s+of)\s+)?")
_LIST_AND = re.compile(r"\b(?:and|or)\b")
# Between two items of a list the gazetteer knows, words it may skip: a feature word after an
# item and items it does not know ("Isfahan, Qeshm island, Mallard, and Karaj")
_FEATURE_AFTER = r"(?:\s+(?:island|city|town|province|district|county))?"
_LIST_GAP = re.compile(_FEATURE_AFTER + r"(?:\s*,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?" + _FEATURE_AFTER + ")*"
                       + _LIST_JOIN.pattern)


def _owns_an_area(doc: Doc, mention: Mention) -> bool:
    """Is the country named as the owner of an area the text does not name
    ("Syria's coastal areas saw a massacre", "in Nigeria's northwest")?  The
    event is in that country, not at the town told before."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "poss" and (
        span.root.head.lemma_.lower() in _CONTAINED_NOUNS | _COMPASS_AREAS)


_COMPASS_AREAS = frozenset({"north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
                            "coast", "countryside", "interior", "heartland", "borderland", "borderlands"})


def _in_future_clause(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place in a clause of its own whose verb is told with a modal,
    as still to come or only possible ("he will be turned over ... in The
    Hague"), or as bidden or planned ("ordered the army to ramp up operations
    in Tulkarem"), not the trigger's?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((a for a in ancestors(span.root, limit=6) if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger.i or any(a.i == verb.i for a in ancestors(trigger, limit=6)):
        return False
    return any(c.dep_ == "aux" and c.lower_ in lx.MODAL_AUX for c in verb.children) or (
        # "as the president was expected in Washington for talks": where someone is awaited
        verb.lemma_.lower() in lx.AWAITED_VERBS and any(c.dep_ == "auxpass" for c in verb.children)) or (
        # "ordered the army to ramp up operations in the camps in Tulkarem": what is bidden or planned;
        # "to continue discussions in Oman next Wednesday": what is to come
        bidden(verb) or told_as_coming(verb))


def _written_list(doc: Doc, chosen: PlaceCandidate, pool: Sequence[PlaceCandidate]) -> list[PlaceCandidate]:
    """The places of the plain list ``chosen`` is an item of: neighbours in the
    text joined only by commas and "and" (the last two by "and" or "or", so an
    address, "Gulshan, Karachi", is no list), of its level (towns and
    districts together) and country."""
    text = doc_text(doc)
    level = KIND_LEVEL.get(chosen.place.kind, 3)
    # (towns and districts are items of one list: "Hamadan, Isfahan, Qeshm island, and Karaj")
    items = sorted((c for c in pool if (KIND_LEVEL.get(c.place.kind, 3) == level or max(
        level, KIND_LEVEL.get(c.place.kind, 3)) <= 2) and c.place.country == chosen.place.country),
        key=lambda c: c.mention.start)
    at = next((i for i, c in enumerate(items) if c is chosen), None)
    if at is None:
        return []
    first = last = at
    while first > 0 and _LIST_GAP.fullmatch(text, items[first - 1].mention.end, items[first].mention.start):
        first -= 1
    while last + 1 < len(items) and _LIST_GAP.fullmatch(text, items[last].mention.end, items[last + 1].mention.start):
        last += 1
    if last == first or not _LIST_AND.search(text, items[last - 1].mention.end, items[last].mention.start):
        return []
    members: dict[str, PlaceCandidate] = {}
    for c in items[first:last + 1]:
        members.setdefault(c.place.place_id, c)
    return list(members.values())


# After a list's last item: "in <the places that hold it>, and "
_LOCATED_THEN = re.compile(r"\s+in\s+(?P<where>[^,;.]{1,80}?)\s*,\s*and\s+")


def _located_list_sequel(doc: Doc, members: Sequence[PlaceCandidate],
                         candidates: Sequence[PlaceCandidate]) -> list[PlaceCandidate]:
    """The items of a list that goes on after the places holding its first
    part ("Bahawalpur and Muridke in Pakistan's Punjab province, and
    Muzaffarabad and Kotli in Pakistani Kashmir"): towns of the list's level and
    country named right after ", and ", joined among themselves as a plain
    list; ``[]`` when the text between is not only the first part's containers."""
    if len(members) < 2:
        return []
    text = doc_text(doc)
    last = max(members, key=lambda c: c.mention.start)
    match = _LOCATED_THEN.match(text, last.mention.end)
    if match is None:
        return []
    where = [c for c in candidates if match.start("where") <= c.mention.start < match.end("where")]
    if not where or not all(within(last.place, c.place) for c in where):
        return []
    level = KIND_LEVEL.get(last.place.kind, 3)
    items = sorted((c for c in candidates if c.mention.start >= match.end() and c.place.country == last.place.country
                    and KIND_LEVEL.get(c.place.kind, 3) == level), key=lambda c: c.mention.start)
    out: list[PlaceCandidate] = []
    at = match.end()
    for c in items:
        if c.mention.start != at:
            break
        out.append(c)
        join = _LIST_JOIN.match(text, c.mention.end)
        if join is None:
            break
        at = join.end()
    return out


def _in_airbase_list(span: Span) -> bool:
    """Is the name one of a list of air bases ("four airbases: Belaya, Olenya …")?"""
    sentence = span.sent
    at = sentence.start_char
    return any((span.start_char - at, span.end_char - at) in items
               for items, _ in airbase_lists(span_text(sentence)))


def _listed_airbases(sentence: Span, chosen: Sequence[PlaceCandidate],
                     usable: Sequence[PlaceCandidate]) -> list[PlaceCandidate]:
    """The places of a list of air bases a chosen place is named in ("three of
    its air bases: Nur Khan in Rawalpindi, Murid in Chakwal and Rafiqui"), one
    per base, in place of everything the list names (the towns that locate the
    bases are no sites of their own); the other chosen places stay."""
    at = sentence.start_char
    for items, end in airbase_lists(span_text(sentence)):
        spans = {(at + a, at + b) for a, b in items}
        if not any((c.mention.start, c.mention.end) in spans for c in chosen):
            continue
        bases = {c.place.place_id: c for c in sorted(usable, key=lambda c: c.mention.start)
                 if (c.mention.start, c.mention.end) in spans and c.place.kind == "site"}
        first = at + items[0][0]
        rest = [c for c in chosen if not first <= c.mention.start < at + end]
        return [*bases.values(), *(c for c in rest if c.place.place_id not in bases)]
    return list(chosen)


def _object_of(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place the object of the event noun's "of" ("the fall of Kabul")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = first_conjunct(span.root)  # "control of Goma and Bukavu": each is what was taken
    prep = root.head
    return (root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.i == trigger.i)


_TAKEN_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory",
                              "Non-violent transfer of territory"})


def _taken(doc: Doc, mention: Mention, verb: Token) -> bool:
    """Is the place what the verb took ("recaptured Kyaukme and Nawnghkio")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = first_conjunct(span.root)
    return root.dep_ == "dobj" and root.head.i == verb.i


def _doers_home(root: Token) -> bool:
    """Is the place said of the doers named by "by" ("launched by the Houthi
    group in Yemen"), not of an event ("killed by a strike in Kharkiv")?"""
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "from") or root.head.head.dep_ != "pobj":
        return False
    doers = root.head.head
    if doers.head.dep_ != "agent":
        return False
    launch = doers.head.head  # (not "an operation launched by Israeli forces in Jenin": where it was)
    return launch.lemma_.lower() in _LAUNCH_VERBS and launch.dep_ == "acl" and \
        launch.head.lower_ in lx.AERIAL_WEAPON_WORDS and (
            doers.lemma_.lower() in _DOER_BODIES | lx.MILITANT_WORDS or doers.ent_type_ in ("ORG", "NORP"))


# Nouns for a body of people that acts ("launched by the Houthi group in Yemen")
_DOER_BODIES = frozenset({"group", "militia", "movement", "organisation", "organization", "faction", "army",
                          "force", "forces", "regime", "government", "rebels", "fighters"})


def _quarter_in_slot(head: Token) -> bool:
    """"in Islamabad's G-11 sector", "at Delhi's Seelampur locality": a part
    of the possessive city, standing where a place stands."""
    return head.lemma_.lower() in _QUARTER_NOUNS and head.dep_ == "pobj" and head.head.lower_ in lx.LOCATIVE_PREPS


# Common nouns for a site in a town ("at Quetta's railway station"); not a
# country's embassy or a nation's history, which stand anywhere
_HELD_SITES = frozenset({
    "station", "airport", "market", "bazaar", "mosque", "church", "temple", "shrine", "hospital", "school",
    "college", "university", "jail", "prison", "cantonment", "stadium", "hotel", "court", "courthouse",
    "checkpoint", "checkpost", "camp", "base", "garrison", "bridge", "port", "highway", "road", "square",
    "hostel", "seminary", "madrasa", "madrassa", "mall", "restaurant", "cafe", "café", "headquarters",
    "compound", "complex", "neighbourhood", "neighborhood", "airbase", "terminal", "park", "graveyard",
})


def _site_in_slot(head: Token) -> bool:
    """"at Quetta's railway station", "attacked Kabul's main market": a site
    of the possessive town, standing where a place stands (not "Pakistan's
    army" nor "in Pakistan's history")."""
    if head.lemma_.lower() not in _HELD_SITES and head.lower_ not in _HELD_SITES:
        return False
    if head.dep_ == "pobj":
        return head.head.lower_ in lx.LOCATIVE_PREPS
    return head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in HARM_VERBS


# The last word of a named street, square or site ("Bourbon Street", "Tahrir Square")
_STREET_WORDS = frozenset({"street", "road", "avenue", "boulevard", "square", "bridge", "market", "bazaar",
                           "plaza", "highway", "lane", "park"})


def _holds_named_street(doc: Doc, span: Span) -> bool:
    """"New Orleans' famed Bourbon Street", "Cairo's Tahrir Square": the
    possessive place holds the named street or square after it, whatever
    the parse made of the apostrophe."""
    i = span.end
    if i >= len(doc) or doc[i].text not in ("’s", "'s", "’", "'"):
        return False
    i += 1
    while i < len(doc) and doc[i].is_lower and doc[i].pos_ == "ADJ":
        i += 1  # "famed", "iconic"
    start = i
    while i < len(doc) and doc[i].is_title:
        i += 1
    return i - start >= 2 and doc[i - 1].lower_ in _STREET_WORDS


def _named_site_in_slot(head: Token) -> bool:
    """"a shop in Karachi's Lyari", "in Quetta's Hazara Town", "in Peshawar's
    Qissa Khwani Bazaar": a name the possessive place holds, standing where a
    place stands, whatever the model calls it (not "Pakistan's prime minister")."""
    return head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.lower_ in lx.LOCATIVE_PREPS


def _drop_containing(candidates: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """Drop an admin area or country when a finer place inside it is also
    listed ("Parachinar and Kurram" is one site)."""
    kept = []
    for c in candidates:
        inside = [o for o in candidates if o is not c and within(o.place, c.place)]
        if not inside:
            kept.append(c)
    return kept
