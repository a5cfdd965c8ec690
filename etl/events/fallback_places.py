"""Attributes, place, when the sentence gives none: where an event with no
place of its own is put.  The scene the previous sentences set ("In Kunduz
last night, a security force searched a compound.  During the search ...");
the victims' country ("Pak Army officer killed") or the one a weapon's
nationality hits ("Israeli strikes"); the country a sentence names for a
nationwide event; the article's main or only country (never a mediator's:
"talks mediated by Qatar"), and the town most of its events are in.  Border
events are coded to the side they hit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty
from etl.events.core import CountryLookup, Draft, Trigger
from etl.events.place_kinds import KIND_LEVEL, PlaceCandidate
from etl.events.places import first_conjunct
from etl.events.syntax import ancestors, country_code, governing_verb, token_country
from etl.spacy_model import doc_text
from geo.records import Mention, Place, Resolution


def victims_country(casualties: Sequence[Casualty], country_place: CountryLookup) -> Place | None:
    """The country of the victims when the text names it ("Pak Army officer
    killed in IED blast", "two Pakistani soldiers died")."""
    words = [word for casualty in casualties for word in re.findall(r"[\w.]+", casualty.victims)]
    return _first_country(words, country_place)


def _first_country(words: Iterable[str], country_place: CountryLookup) -> Place | None:
    """The country of the first word that names one ("Pak", "Pakistani",
    "Afghans"; "US" only in capitals, never the pronoun)."""
    words = list(words)
    for i, word in enumerate(words):
        # "South Sudanese soldiers": a country word read with the one before it
        code = country_code(f"{word} {words[i + 1]}") if i + 1 < len(words) and country_code(words[i + 1]) else ""
        code = code or country_code(word)
        place = country_place(code) if code else None
        if place is not None:
            return place
    return None


_CRAFT_WORDS = lx.AERIAL_WEAPON_WORDS | frozenset({
    "aircraft", "jet", "jets", "plane", "planes", "warplane", "warplanes", "helicopter", "helicopters"})


_AIM_VERBS = frozenset({"target", "hit", "strike", "attack", "bomb", "pound"})


def demonym_target(trigger: Trigger, country_place: CountryLookup) -> Place | None:
    """The country of a demonym on the trigger's target ("Indian military
    sites", "Pakistani posts"), or on a clash's other side ("a skirmish with
    the Afghan Taliban")."""
    token = trigger.token
    verb = token if token.pos_ == "VERB" else None
    objects: list[Token] = []
    heads = [token]
    if verb is not None:
        # also a verb it shares its subject with ("launched an operation and
        # launched air strikes on Iranian sites")
        heads += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                  and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        objects = [c for v in heads for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    # "launched its largest drone assault, targeting Russian bomber airbases": what the
    # participle of aim hung on the trigger or its verb hit
    aims = [c for h in (token, token.head) for c in h.children
            if c.dep_ in ("advcl", "acl", "xcomp") and c.tag_ == "VBG" and c.lemma_.lower() in _AIM_VERBS]
    objects += [c for v in aims for c in v.children if c.dep_ == "dobj"]
    # a clash "with the Afghan Taliban": the other side's country, when nothing else places it
    preps = ("on", "against", "inside", "into", "in", "with") if trigger.event_type == lx.BATTLES else \
        ("on", "against", "inside", "into", "in")
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                objects.extend(c for c in child.children if c.dep_ == "pobj")
    for obj in objects:
        if obj.lower_ in _CRAFT_WORDS:
            continue  # "shot down an American drone": whose weapon, not where
        # "killed in Israeli attacks": whose attacks, not where; "launched airstrikes on
        # Cambodian military targets": where they hit
        words = [t for p in obj.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "inside", "into")
                 for t in p.subtree] if obj.lemma_.lower() in lx.NOUN_TRIGGERS else obj.subtree
        target_prep = obj.lemma_.lower() in lx.NOUN_TRIGGERS  # (its "on"/"against" phrase, read above)
        for t in words:
            preps = _prepositions_above(t, obj)
            if any(p.lower_ in ("near", "along", "outside") for p in preps):
                continue  # "The city near the Russian border was hit": where the target lies, not whose
            if t.head.lower_ not in _LAND_WORDS and any(not (target_prep and p.head.i == obj.i) for p in preps):
                # "into a crowd at the Filipino heritage festival": the crowd's festival, not its land
                # (but "in the Palestinian enclave" is land)
                continue
            code = token_country(t)
            if code and t.dep_ in ("amod", "compound", "poss", "nmod"):
                place = country_place(code)
                if place is not None:
                    return place
    return None


_LAND_WORDS = lx.TERRITORY_WORDS | frozenset({"enclave", "land", "soil", "side", "border", "state", "country"})


def _prepositions_above(token: Token, top: Token) -> list[Token]:
    """The prepositions on the way up from ``token`` to ``top``, whose
    phrases hold the word."""
    preps = []
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ == "prep":
            preps.append(node)
        node = node.head
    return preps


def arresting_country(trigger: Trigger, country_place: CountryLookup) -> Place | None:
    """The country whose authorities make an arrest told with no place
    ("Armenian authorities arrested a cleric", "the arrest of two men by
    Turkish police"): the demonym or possessor of the one who arrests."""
    token = trigger.token
    agents = [c for c in token.children if c.dep_ in ("nsubj", "poss")] if token.pos_ == "VERB" else []
    agents += [t for p in token.children if p.dep_ in ("agent", "prep") and p.lower_ == "by"
               for t in p.children if t.dep_ == "pobj"]
    for agent in agents:
        for t in (agent, *(c for c in agent.children if c.dep_ in ("amod", "compound", "poss", "nmod"))):
            code = token_country(t)
            place = country_place(code) if code else None
            if place is not None:
                return place
    return None


def scene_place(by_sentence: dict[int, list[PlaceCandidate]], index: int, *,
                 sentences: Sequence[Span], body_start: int, after: int = -1) -> Place | None:
    """The place the previous sentence or the one before set the scene in,
    within the same paragraph: "In Kunduz last night, a security force
    searched a compound.  During the search the force detained one suspected
    insurgent." -- the finest place named there as the object of "in/at/near"
    (the nearest one on a tie), never a country.  ``after``: only sentences
    after this one."""
    for back in (1, 2):
        j = index - back
        if j <= after or sentences[j].end_char <= body_start:
            return None
        between = doc_text(sentences[j].doc)[sentences[j].start_char:sentences[index].start_char]
        if "\n\n" in between:
            return None  # another paragraph
        pool = [c for c in by_sentence.get(j, []) if c.locative and not c.excluded and c.place.kind != "country"
                and _sets_scene(sentences[j].doc, c.mention)]
        if pool:
            best = min(KIND_LEVEL.get(c.place.kind, 3) for c in pool)
            return [c for c in pool if KIND_LEVEL.get(c.place.kind, 3) == best][-1].place
    return None


def _sets_scene(doc: Doc, mention: Mention) -> bool:
    """Does "in/at/near <place>" locate an action (a verb or an event noun:
    "In Kunduz, a force searched", "a raid in Kunduz") rather than a person or
    a body ("officials in Islamabad said", "talks in Doha")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    prep = span.root.head
    if prep.dep_ != "prep" and span.root.dep_ != "pobj":
        return True  # the object of a harm verb ("struck Kunduz")
    if prep.lower_ == "from":
        return False  # "Originally from Westport, Ireland, she has been a missionary in Haiti": whence, no scene
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        return True
    lemma = head.lemma_.lower()
    return lemma in lx.NOUN_TRIGGERS and lx.NOUN_TRIGGERS[lemma][1] not in ("Diplomacy", "Agreement")


# News media: "French news outlet Jeune Afrique", "French television network France 24"
MEDIA_NOUNS = frozenset({"newspaper", "newspapers", "channel", "broadcaster", "television", "tv", "outlet", "outlets",
                         "network", "networks", "daily", "magazine", "radio", "website", "tabloid", "media",
                         "publication"})
# Things a nationality adjective may describe that are no people and no place:
# flags, works, media, goods ("the Japanese manga series", "Palestinian flags")
_THING_NOUNS = MEDIA_NOUNS | frozenset({
    "flag", "flags", "banner", "banners", "pennant", "pennants", "colours", "colors", "manga", "anime", "series",
    "film", "films", "movie", "movies", "song", "songs", "music", "band", "cuisine", "food", "dish", "brand",
    "brands", "language", "car", "cars", "goods",
    "products", "product", "style", "novel", "book", "game", "games", "artist", "singer", "actor", "actress",
    "club", "team", "league", "football", "cricket", "rapper",
    # a sea named for a land ("the Indian Ocean island of Madagascar", "the Arabian Sea")
    "ocean", "sea", "gulf", "bay", "strait", "straits"})


def adjective_of_a_thing(token: Token) -> bool:
    """Is the word a nationality said of a thing ("brandishing Palestinian
    flags", "a flag from the Japanese manga series")?  It says nothing of
    where the story is."""
    return token.dep_ in ("amod", "compound", "nmod") and token.head.lower_ in _THING_NOUNS


def sentence_country(sentence: Span, country_place: CountryLookup, *,
                     story_country: Place | None = None) -> Place | None:
    """The first country the sentence names by a word the place finder does
    not take as a place ("Pak forces kill 13 militants"): a country-level
    place for a violent event that has nothing better.  The nationality of a
    strike ("a U.S. strike on the Ras Isa fuel port") only when the story is
    in no other country (``story_country``): whose, not where."""
    named = _first_country((token.text for token in sentence if not _strike_nationality(token)
                            and not adjective_of_a_thing(token)), country_place)
    if named is not None:
        return named
    striker = _first_country((token.text for token in sentence if not adjective_of_a_thing(token)), country_place)
    if striker is not None and story_country is not None and striker.country != story_country.country:
        return None
    return striker


def country_wide(trigger: Token) -> bool:
    """Is the event told as happening all over a country ("killed in
    overnight attacks across the country", "nationwide protests", "strikes
    throughout the nation")?"""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    for node in {trigger, verb} - {None}:
        if any(c.lower_ == "nationwide" and c.dep_ in ("amod", "advmod") for c in node.children):
            return True
        for token in node.subtree:
            if token.dep_ == "pobj" and token.lower_ in ("country", "nation") and token.head.lower_ in (
                    "across", "throughout") and not any(a.pos_ in ("VERB", "AUX") for a in _between(token, node)):
                return True
    return False


def _between(token: Token, top: Token) -> list[Token]:
    """The words on the way up from ``token`` to ``top`` (neither included)."""
    out = []
    for node in ancestors(token, limit=12):
        if node.i == top.i:
            return out
        out.append(node)
    return out


def _strike_nationality(token: Token) -> bool:
    head = token.head
    while token.dep_ == "compound" and head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "U.S. drone strike"
    return token.dep_ in ("compound", "amod", "nmod", "poss") and head.pos_ == "NOUN" and \
        lx.NOUN_TRIGGERS.get(head.lemma_.lower(), ("",))[0] == lx.REMOTE


_COUNTRY_IN_NAME = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in lx.COUNTRY_CODES if len(k) > 3),
                                                       key=len, reverse=True)) + r")\b", re.I)


_WATER_NAME = re.compile(r"\b(?:ocean|seas?|gulf|bay|straits?)\b", re.I)


def country_in_name(surface: str, country_place: CountryLookup) -> Place | None:
    """The country inside a name the gazetteer does not know ("NW Pakistan",
    "northern Afghanistan", "Pakistani Kashmir"): a country-level place.
    Not a sea's name ("the Indian Ocean", "the Arabian Sea", "the Gulf of
    Mexico"): water, no country's land."""
    match = _COUNTRY_IN_NAME.search(surface)
    if match is None or _WATER_NAME.search(surface):
        return None
    return country_place(lx.COUNTRY_CODES[match.group(1).lower()])


def find_sole_country(places: Sequence[Place], dateline: Place | None,
                  country_place: CountryLookup) -> Place | None:
    """The country an article is about when it can be nothing else: every
    place it names (and the dateline) lies in one country.  Violence with no
    place of its own is coded there at country precision."""
    countries = {p.country for p in places if p.country}
    if dateline is not None and dateline.country:
        countries.add(dateline.country)
    if len(countries) != 1:
        return None
    return country_place(countries.pop())


# verbs of a third party's part in talks ("mediated by Qatar", "hosted by Turkey")
_MEDIATING = frozenset({"mediate", "broker", "host", "facilitate", "sponsor"})


def mediator_mention(doc: Doc, mention: Mention) -> bool:
    """Is the place named as who mediated or hosted talks ("mediated by
    Qatar and Turkey")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    first = first_conjunct(span.root)
    return first.dep_ == "pobj" and first.head.lower_ == "by" and first.head.head.lemma_.lower() in _MEDIATING


def find_main_country(resolutions: Sequence[Resolution], dateline: Place | None, *,
                  adjectives: bool = False) -> Place | None:
    """The country the article names most often (the dateline's, if it names
    it at all).  ``adjectives``: count only nationality adjectives ("Pakistani
    tribal areas"), the last resort for a violent event with no place."""
    if dateline is not None and dateline.kind == "country":
        return dateline
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for r in resolutions:
        if r.place is not None and r.place.kind == "country" and (r.mention.label == "NORP") == adjectives:
            counts[r.place.country] += 1
            places[r.place.country] = r.place
    if dateline is not None and dateline.country in places:
        return places[dateline.country]
    if not counts:
        return None
    return places[counts.most_common(1)[0][0]]


def border_country(place: Place, draft: Draft) -> str:
    """A border event is coded to the side it hit: the target's country when
    the text names it (actor2 "… of Pakistan", "Pakistani posts"), else the
    first of the two countries."""
    if not place.place_id.startswith("border:"):
        return ""
    codes = place.place_id.split(":", 1)[1].split("-")
    for actor in (draft.actor2, draft.actor1):
        for code in codes:
            name = lx.COUNTRY_NAMES.get(code, code)
            if actor and name in actor:
                return code
    return codes[0] if codes else ""


_TOWN_KINDS = frozenset({"populated_place", "site", "admin2"})


_REFUGE_WORDS = frozenset({"evacuation", "evacuate", "flee", "relocate", "relocation", "take", "move",
                           "escape", "evacuee", "refuge", "shelter", "transfer"})


def _refuge(token: Token) -> bool:
    """Where people go to be safe ("calls for evacuation to Makurdi", "take us
    to Makurdi", "fled to Chad"): not where the violence is."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("to", "towards", "toward") and \
        prep.head.lemma_.lower() in _REFUGE_WORDS


def focus_place(by_sentence: dict[int, list[PlaceCandidate]], doc: Doc) -> Place | None:
    """The town the article is about: the town-level place it names most
    often (at least twice, more often than any other; not a possessor, an
    agent or where people go: "calls for evacuation to Makurdi").  Violence
    the text tells without a place of its own ("RSF personnel stormed the
    division headquarters") happened there rather than somewhere in the
    country."""
    counts: dict[str, int] = {}
    first: dict[str, Place] = {}
    for index in sorted(by_sentence):
        for c in by_sentence[index]:
            if c.excluded or c.place.kind not in _TOWN_KINDS:
                continue
            if 0 <= c.chain_root < len(doc) and _refuge(doc[c.chain_root]):
                continue
            counts[c.place.place_id] = counts.get(c.place.place_id, 0) + 1
            first.setdefault(c.place.place_id, c.place)
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return first[ranked[0][0]]
