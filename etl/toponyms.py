"""Toponym spans: where a place name starts and ends in the text.

Pipeline position: inside ``etl.nlp.Analyzer.analyse_doc``, between the
statistical entities and the chosen mentions.  spaCy's small English model
finds most place names but often cuts them wrongly for geoparsing; these
plain functions correct the span of one candidate, given the set of known
place names (lower-cased, as the gazetteer's phrase matcher holds them):

* ``trim_entity``: drop a leading "the" and leading direction words ("north
  west London" is London; "northwest Pakistan", a known name, stays whole), trailing punctuation and possessives, and a
  trailing feature word ("Zorbakhel village", "Kandahar province") — but keep
  what belongs to the name: the period of an abbreviation ("U.S.", "Va.",
  "D.C.") and "City"/"Town" of a name that has it ("New York City", "Cape
  Town").
* ``widest_known``: the longest known place name that covers a span ("San" of
  "San Marcos", "Gilgit" of "Gilgit-Baltistan", "Nur Khan" of "Nur Khan air
  base").
* ``is_person_name_token``: a one-word gazetteer hit that is a word of a
  person named in the same article ("Modi" after "Narendra Modi").
* ``query_text`` / ``query_mention``: where ``sitrep geocode NAME --context
  TEXT`` reads the name, so that it takes the same analysis and resolution
  as ``sitrep extract`` on that text.
* ``entity_pieces``, ``in_place_slot``, ``is_struck_object``,
  ``is_listed_place``: model entities that hold several places ("Yelwata
  near Makurdi", "Kharkiv, Odesa") or that the syntax says are places
  whatever label the model gave ("missiles struck Bahawalpur").
* ``is_place_adjective``: a nationality adjective that names a country
  ("Pakistani troops", "the Afghan side"): an adjectival toponym in the
  GeoWebNews taxonomy (its "literal modifier").  It is a country-level place
  reference, never an event's site (``etl.events`` skips country places that
  are not the object of "in/at/near").
* ``stance_or_epithet``: a name that is a stance ("pro-Gaza slogans") or a
  region naming a country told elsewhere ("the Sahel nation"): no place.
* ``named_body``, ``river_of_country``: a name written with the word for the
  body it names ("the Morena party") or a country's name before "river" ("the
  Niger river"): no place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence

from spacy.tokens import Doc, Span, Token

from geo.names import fold
from geo.records import Mention

# "north west London", "downtown Kabul", "rural Sindh": words before a name
# that locate within it rather than name it.
_LEADING_DIRECTIONS = re.compile(
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-west|north-east|south-west|south-east|northwest|northeast|southwest|southeast|"
    r"downtown|rural|urban|upper|lower)\s+)+")
_TRAILING_FEATURE = re.compile(
    r"\s+(?:village|town|city|district|province|tehsil|area|region|valley|sector|camp)$", re.I)
# Longer than any gazetteer name: a match starting further back cannot cover a span.
MAX_NAME_CHARS = 300
# Feature words that are part of many names ("New York City", "Cape Town",
# "Pakistan's tribal area"); an admin word ("Kandahar province", "Zhari
# district") is cut even when the gazetteer lists the long form, so the name
# resolves as the event stage expects.
_NAME_PART_FEATURES = frozenset({"city", "town", "area", "region"})
# "U.S", "D.C", "N.J" (the final period was cut off as punctuation).
_DOTTED_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.)+[A-Za-z]$")
_TRAILING_PUNCTUATION = " .,;:’'\"”)"
ADJECTIVE_DEPS = frozenset({"amod", "compound"})


# Words for an administrative division said after its name ("Kurram district").
DIVISION_NOUNS = frozenset({"province", "district", "governorate", "county", "oblast", "raion", "region",
                            "prefecture", "tehsil", "lga"})
# lower-case words closing an entity before the word for its division: description, not
# name ("the Bajaur tribal district")
_DIVISION_WORDS = DIVISION_NOUNS | {"agency", "state", "division", "territory"}
_TRAILING_LOWER_WORDS = re.compile(r"(?:\s+[a-z][a-z-]*)+$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


def trim_entity(text: str, start: int, end: int, *, known_names: Collection[str],
                countries: Collection[str] = ()) -> tuple[int, int]:
    """The place-name part of the entity ``text[start:end]`` (see module doc).

    ``known_names``: lower-cased place names ("va.", "new york city");
    ``countries``: lower-cased country names.
    Returns ``(start, end)``; ``end <= start`` means nothing is left.
    """
    if text[start:end].lower().startswith("the "):
        start += 4
    leading = _LEADING_DIRECTIONS.match(text, start, end)
    if leading and leading.end() < end and text[leading.end()].isupper() and not (
            text[leading.end():end].rstrip(_TRAILING_PUNCTUATION).lower() in countries
            and text[start:end].rstrip(_TRAILING_PUNCTUATION).lower() in known_names):
        start = leading.end()  # ... unless a country's part is a known name ("northwest Pakistan")
    while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
        end -= 1
    if end < len(text) and text[end] == "." and end > start and (
            _DOTTED_ABBREVIATION.search(text[start:end])
            or text[start:end + 1].lower() in known_names):
        end += 1
    if text[start:end].endswith(("’s", "'s")):
        end -= 2
    tail = _TRAILING_LOWER_WORDS.search(text, start, end)
    if tail and tail.start() > start and text[start].isupper() and (
            tail.group(0).split()[-1] in _DIVISION_WORDS
            or ((after := _NEXT_WORD.match(text, end)) is not None and after.group(1).lower() in _DIVISION_WORDS)):
        end = tail.start()  # "Bajaur tribal" (district): a word that describes the division, not its name
    feature = _TRAILING_FEATURE.search(text, start, end)
    if feature and feature.start() > start and not (
            feature.group(0).strip().lower() in _NAME_PART_FEATURES
            and text[start:end].lower() in known_names):
        end = feature.start()
    return start, end


def widest_known(start: int, end: int, matches: Sequence[tuple[int, int]], *, text: str,
                 directions: bool = False) -> tuple[int, int]:
    """The longest capitalised known-name match (``(start, end)`` character
    spans from the gazetteer phrase matcher, in text order) that covers
    ``[start, end)``, or,
    with ``directions`` (the span is a country), one that only adds direction
    words before it ("northwest Pakistan", a province; but "east London" stays
    London); the span itself when there is none."""
    best = (start, end)
    # ``matches`` are in text order: only those starting a name's length
    # before the span can cover it.
    first = bisect_left(matches, start - MAX_NAME_CHARS, key=lambda m: m[0])
    last = bisect_right(matches, start, key=lambda m: m[0])
    for match_start, match_end in matches[first:last]:
        if (match_start <= start and match_end >= end
                and match_end - match_start > best[1] - best[0]
                and (text[match_start:match_start + 1].isupper()
                     or (directions and _LEADING_DIRECTIONS.fullmatch(text, match_start, start)))):
            best = (match_start, match_end)
    return best


def person_name_words(entities: Iterable[Span]) -> frozenset[str]:
    """Lower-cased words of the multi-word PERSON entities of an article, and
    of the multi-word names a title marks as a person's whatever the model
    called them ("opposition leader María Corina Machado", "Lukashenko's
    adviser, Natalia Eismont")."""
    return frozenset(token.lower_ for ent in entities
                     if len(ent) >= 2 and (ent.label_ == "PERSON" or ent.label_ == "ORG" and _titled(ent))
                     for token in ent)


# A person's titles: a name beside one of them is a person's
PERSON_TITLES = frozenset({"president", "minister", "premier", "leader", "chancellor", "ambassador", "chairman",
                           "governor", "mayor", "senator", "lawmaker", "spokesman", "spokeswoman", "spokesperson",
                           "commander", "adviser", "advisor", "candidate", "activist", "journalist", "opposition"})


def _titled(ent: Span) -> bool:
    """A title before the name ("opposition leader María Corina Machado") or
    the name set beside a title ("the opposition leader, María Corina
    Machado"): a person, not a body."""
    root = ent.root
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (before is not None and before.lower_ in PERSON_TITLES and before.head.i in range(ent.start, ent.end)) \
        or (root.dep_ == "appos" and root.head.lower_ in PERSON_TITLES)


def is_person_name_token(span: Span, person_words: Collection[str]) -> bool:
    """A one-token gazetteer hit that is a word of a person named in the
    article ("Modi", "Buhari", "Salah" after their full names), or the first
    name of a person the model found without it ("Wai" of "Wai Hun Aung",
    where the model's person is "Hun Aung")."""
    if len(span) != 1:
        return False
    token = span[0]
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return span.text.lower() in person_words or (
        following is not None and following.ent_type_ == "PERSON" and following.ent_iob_ == "B"
        and token.dep_ == "compound" and token.head.ent_type_ == "PERSON")


def is_place_adjective(ent: Span, demonyms: Collection[str]) -> bool:
    """A NORP entity used as a modifier whose text names a country
    ("Pakistani troops", "Afghan side"); ``demonyms``: folded adjectives
    (and plural forms are not modifiers, so they are not looked at)."""
    return (ent.label_ == "NORP" and ent.root.dep_ in ADJECTIVE_DEPS
            and ent.text[:1].isupper() and fold(ent.text) in demonyms)


_KIND_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "port", "capital", "state"})


def demonym_and_kind(name: str, demonyms: Collection[str]) -> bool:
    """"A Spanish town has been rocked by violence": a country's adjective
    and a lowercase word for a kind of place describe a place, they are not
    its name (Spanish Town is in Jamaica; "Gaza city" starts with a name)."""
    words = name.split()
    return len(words) == 2 and words[0][:1].isupper() and fold(words[0]) in demonyms and \
        words[1].islower() and words[1] in _KIND_NOUNS


def demonym_keys(demonyms: Iterable[str]) -> frozenset[str]:
    """Folded demonyms as ``is_place_adjective`` wants them."""
    return frozenset(key for key in (fold(d) for d in demonyms) if key)


# --- a geocoder query read as text ---------------------------------------------

def query_text(name: str, context: str = "") -> tuple[str, int, int]:
    """The text in which ``sitrep geocode NAME --context TEXT`` reads a name,
    and the name's ``(start, end)`` in it: the context itself when it holds
    the name (its first occurrence as a whole word), else the name as a
    paragraph of its own before the context, else the name alone ("Springfield,
    Missouri" is read as the text it is)."""
    name = name.strip()
    if context.strip():
        match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", context, re.IGNORECASE) if name else None
        if match:
            return context, match.start(), match.end()
        return f"{name}\n\n{context}", 0, len(name)
    return name, 0, len(name)


def query_mention(mentions: Sequence[Mention], text: str, start: int, end: int, *,
                  article_id: str) -> tuple[Mention, bool]:
    """The mention a query stands for: the first place mention inside its
    span ``[start, end)`` (the head of "Springfield, Missouri"), else a
    mention made of the span up to its first comma (a name the recogniser
    did not take).  The flag says whether the mention was made."""
    for mention in mentions:
        if mention.start < end and mention.end > start:
            return mention, False
    head_end = text.find(",", start, end)
    head_end = end if head_end < 0 else head_end
    while head_end > start and text[head_end - 1].isspace():
        head_end -= 1
    return Mention(article_id=article_id, start=start, end=head_end, surface=text[start:head_end],
                   sentence_index=0, label="GPE"), True


# --- names that are not places ---------------------------------------------------

# Prepositions that put a name in a place role ("in Zorbakhel", "from Quetta").
SUPPORT_PREPS = frozenset({
    "in", "at", "near", "from", "to", "outside", "inside", "across", "around", "into", "toward",
    "towards", "via", "through", "throughout", "between", "within", "off", "beyond", "of", "on",
    "along", "over", "past", "for", "by", "en", "under", "behind", "beside", "opposite", "below",
    "above", "north", "south", "east", "west", "beyond", "against", "upon", "about"})
# Dependencies of a name that modifies or is coordinated with another noun
# ("Kandahar city", "the Quetta police", "Kabul and Kandahar", "Kabul, the capital").
SUPPORT_DEPS = frozenset({"compound", "nmod", "conj", "appos", "npadvmod", "dobj", "pobj", "poss"})
ACRONYM_MAX_LETTERS = 5
_DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "upper", "lower", "central", "greater",
                              "northern", "southern", "eastern", "western", "new", "old"})
# Words after a name that make it part of a street's or a hotel's name.
_STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Dr\.|Way|Place|"
    r"Terrace|Crescent|Hotel|Inn|Motel)\b")
_FACILITY_BEFORE = re.compile(r"\b(?:Hotel|Motel|Restaurant|Cafe|Café|Club|Bar)\s+$")
# What follows the place of a dateline: ", Jul 3 (PTI)", ", Pakistan (Reuters) -".
_DATELINE_REST = re.compile(
    r",\s*(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}\b|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*(?:\(|—|–|-|:))")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*&\s*)")


# Nouns that say a name is a settlement ("the port city Tangier", "Uvira, a city in South Kivu")
SETTLEMENT_NOUNS = frozenset({"capital", "city", "town", "village", "hub", "port"})


def has_place_support(span: Span, *, lowercase_doc: bool = False, parsed: str | None = None) -> bool:
    """Does the text use a gazetteer word as a place?  The model did not
    tag it, so its syntax must: the object of a place preposition ("in
    Zorbakhel"), a modifier or conjunct of another noun ("Kandahar police",
    "Kabul and Kandahar"), an object ("struck Kandahar"), a dateline, or a
    name of several words ("Dera Ismail Khan").  A lone subject ("Anju
    said") or an appositive head ("Anju, a teacher") is not a place.  In a
    lower-case text the word must also be no inflected common word ("carrying
    swords"): a plural or verb form, or a word tagged verb or adjective.
    ``parsed``: ``span.doc.text``, when the caller has it (``Doc.text``
    joins every token's text again on each use)."""
    if len(span) > 1 and not lowercase_doc:
        return True
    root = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.dep_ == "compound" and before.head.i == root.i and before.is_alpha \
            and not before.is_upper and before.lower_ not in _DIRECTION_WORDS:
        return False  # the last word of a longer name ("lok sabha", "vidhan sabha")
    if lowercase_doc and (root.pos_ in ("VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "PRON")
                          or root.lemma_.lower() != root.lower_):
        return False
    text = span.doc.text if parsed is None else parsed
    if span.start_char == 0 or text[span.start_char - 1] == "\n":
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and (nxt.text in (":", "(", "—", "–", "-") or (
                nxt.text == "," and (span.text.isupper() or _DATELINE_REST.match(
                    text, span.end_char, span.end_char + 60)))):
            return True  # a dateline ("QUETTA:", "PESHAWAR, Pakistan —", "Peshawar, Jul 3 (PTI)")
    if root.dep_ == "pobj" and root.head.lower_ in SUPPORT_PREPS:
        return True
    if root.dep_ in SUPPORT_DEPS and root.dep_ not in ("pobj",):
        if root.dep_ == "appos" or root.dep_ == "conj":
            return root.head.ent_type_ in ("GPE", "LOC", "FAC") or root.head.pos_ == "PROPN"
        return True
    if any(child.dep_ == "appos" and child.i >= span.end and child.lemma_.lower() in SETTLEMENT_NOUNS
           for child in root.children):
        return True  # "Uvira, a city in South Kivu province, fell to the rebels"
    return any(child.dep_ in ("conj", "appos") and (child.ent_type_ in ("GPE", "LOC") or child.pos_ == "PROPN")
               for child in root.children) and root.dep_ not in ("nsubj", "nsubjpass")


def is_acronym(text: str, start: int, end: int, *, known: Collection[str]) -> bool:
    """``text[start:end]`` is a short all-capitals word ("BLA", "OAS",
    "PTI") that is no known place abbreviation (``known``: lower-cased
    "uk", "uae", "kp", folded), outside a dateline, an address ("Arlington,
    VA") and a line or phrase written in capitals: the name of a group,
    party or body, not a place."""
    surface = text[start:end]
    letters = [ch for ch in surface if ch.isalpha()]
    if not 2 <= len(letters) <= ACRONYM_MAX_LETTERS or not all(ch.isupper() for ch in letters):
        return False
    if fold(surface) in known or surface.lower() in known:
        return False
    if re.search(r"[A-Z][\w.'’-]*,\s*$", text[max(0, start - 40):start]):
        return False  # the region of an address ("Arlington, VA", "London, ON")
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if start == line_start and text[end:end + 2].lstrip()[:1] in (":", ",", "(", "—", "–", "-"):
        return False  # a dateline ("DOHA:")
    line_letters = [ch for ch in line if ch.isalpha()]
    if sum(ch.isupper() for ch in line_letters) >= 0.6 * len(line_letters):
        return False  # a line in capitals
    neighbours = [w.strip(".,:;!?\"'()") for w in text[max(0, start - 30):start].split()[-1:]
                  + text[end:end + 30].split()[:1]]
    return not any(len(w) >= 2 and w.isalpha() and w.isupper() for w in neighbours)


def in_facility_name(text: str, start: int, end: int) -> bool:
    """A place name inside a street's or hotel's name ("West Georgia
    Street", "Hotel Georgia"): such names are given for distant places."""
    return bool(_STREET_AFTER.match(text, end, min(len(text), end + 12))
                or _FACILITY_BEFORE.search(text[max(0, start - 12):start]))


# Last words of a site named after the town it is in ("Bannu Cantonment",
# "Quetta Railway Station", "Peshawar Central Jail"); not a bank, party or club
# named after a town, which may stand anywhere ("Kabul Bank" in Kunduz)
_TOWN_SITE_WORDS = frozenset({"cantonment", "cantt", "airport", "bazaar", "jail", "prison", "station", "checkpost",
                              "garrison", "stadium", "court"})


# Sites named before the town they are in ("Cadet College Wana", "Army Public School Peshawar")
_SITE_BEFORE_TOWN = frozenset({"college", "school", "cantonment", "cantt", "jail", "prison", "hospital", "camp",
                               "academy", "university", "airport", "garrison"})


def town_of_site(ent: Span, towns: Collection[str]) -> tuple[int, int] | None:
    """The town's name in a site named after it ("the Bannu Cantonment",
    "the Cadet College Wana"): its character span, or ``None``."""
    words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    if 3 <= len(words) <= 5 and words[-2].lower_ in _SITE_BEFORE_TOWN and words[-1].is_title and \
            fold(words[-1].text) in towns:
        return words[-1].idx, words[-1].idx + len(words[-1].text)
    if not 2 <= len(words) <= 5 or words[-1].lower_ not in _TOWN_SITE_WORDS:
        return None
    name = words[:-1]
    if not all(t.is_title or t.is_upper for t in name):
        return None
    # the town, then words that say which of its sites ("Quetta Railway Station", "Peshawar
    # Central Jail", "Islamabad High Court", "the Seoul Western District Court"; not "King
    # Abdulaziz International Airport", named after a man)
    for size in range(len(name), 0, -1):
        if all(t.lower_ in _SITE_KINDS for t in name[size:]) and \
                fold(ent.doc[name[0].i:name[size - 1].i + 1].text) in towns:
            return name[0].idx, name[size - 1].idx + len(name[size - 1].text)
    return None


# Words between a town and its site's word that say which site ("Peshawar Central Jail")
_SITE_KINDS = frozenset({"railway", "police", "central", "district", "international", "cricket", "high", "city",
                         "main", "civil", "bus", "metro", "session", "sessions", "northern", "southern", "eastern",
                         "western", "north", "south", "east", "west"})


def listed_places(candidates: Sequence[tuple[int, int]], places: Sequence[tuple[int, int]], *,
                  text: str) -> list[tuple[int, int]]:
    """The ``candidates`` (known place names the model tagged as a person
    or organisation) that stand in a list with place mentions ``places``:
    joined to one by a comma, "and" or "or", directly or through other such
    candidates ("London, Manchester, Haverhill")."""
    taken: list[tuple[int, int]] = []
    anchors = sorted(places)
    pending = sorted(candidates)
    changed = True
    while changed and pending:
        changed = False
        for candidate in list(pending):
            for other in anchors:
                first, second = sorted((candidate, other))
                if second[0] - first[1] <= 8 and _LIST_JOIN.fullmatch(text, first[1], second[0]):
                    taken.append(candidate)
                    anchors.append(candidate)
                    pending.remove(candidate)
                    changed = True
                    break
    return sorted(taken)


# --------------------------------------------------------------------------- entities that are places

# Prepositions whose object is where something is ("in Kabul", "near Quetta").
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "from"})
# Words that join two places the model may read as one name ("Yelwata near Makurdi").
PLACE_JOINERS = frozenset({"near", "outside", "’s", "'s"})  # "South Kivu’s Kabare": two places
# Words that join the items of a list the model may read as one name ("Kharkiv, Odesa").
LIST_WORDS = frozenset({",", "and", "&"})
# Verbs whose object is a place taken or hit: people are not shelled or besieged as places are.
_PLACE_TAKING_VERBS = frozenset({"strike", "shell", "bomb", "pound", "bombard", "overrun", "recapture", "retake",
                                 "besiege", "encircle", "liberate", "raze"})
_PLACE_SLOT_VERBS = _PLACE_TAKING_VERBS | {"hit", "attack", "target"}
# Nouns for a settlement or an area whose "of" or apposition names it ("the city of Sumy",
# "the border town, Chaman"), and for parts of a town ("the outskirts of Khan Younis")
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "province", "district", "region", "state",
                              "county", "capital", "port", "municipality", "governorate", "oblast",
                              "hometown", "birthplace", "settlement"})
AREA_NOUNS = frozenset({"area", "camp", "neighbourhood", "neighborhood", "outskirts", "suburb", "suburbs"})
_PART_OF_TOWN = SETTLEMENT_NOUNS | AREA_NOUNS | {"centre", "center", "heart", "edge"}
# Verbs that take a town or a person: the object is a place only when the gazetteer knows the name
_CAPTURE_VERBS = frozenset({"capture", "seize", "take"})
# Weapons and strikes as the subject of "hit", "attack", "target" (lemmas)
_STRIKING_THINGS = frozenset({"missile", "rocket", "drone", "shell", "strike", "airstrike", "bomb", "attack",
                              "warplane", "jet", "shelling", "barrage", "bombardment", "projectile", "uav"})
# Nouns for places a list after "including" or "like" names ("neighbourhoods …, including Holon").
_LISTED_PLACE_NOUNS = frozenset({
    "neighbourhood", "neighborhood", "area", "town", "city", "village", "district", "province", "region",
    "site", "target", "location", "place", "suburb", "settlement", "locality", "county", "state", "camp",
    "base", "port", "hub"})


def entity_pieces(ent: Span, separators: Collection[str]) -> list[tuple[int, int]]:
    """The character spans of the pieces of an entity cut at its separator
    words: "Yelwata near Makurdi" at ``PLACE_JOINERS`` is two places,
    "Kharkiv, Odesa" at ``LIST_WORDS`` two items; one span when there is no cut."""
    out: list[tuple[int, int]] = []
    start = end = -1
    for token in ent:
        if token.lower_ in separators:
            if start >= 0:
                out.append((start, end))
            start = -1
            continue
        if start < 0:
            start = token.idx
        end = token.idx + len(token.text)
    if start >= 0:
        out.append((start, end))
    return out


def in_place_slot(ent: Span) -> bool:
    """Does the entity stand where a place stands: the object of "in/near/at
    …" or of a strike or capture ("hit Kharkiv, Odesa and Dnipro")?"""
    root, head = ent.root, ent.root.head
    return (root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS) or (
        root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _PLACE_SLOT_VERBS)


_ATTACK_NOUNS = frozenset({"strike", "airstrike", "attack", "raid", "shelling", "bombing", "bombardment",
                           "assault", "offensive", "incursion"})


def is_struck_object(ent: Span) -> bool:
    """A one- or two-word name that a strike, shelling or capture takes as
    its object ("missiles struck Bahawalpur", "the rebels overran Bukavu",
    "captured Goma", "seized control of Goma and Bukavu", "US strikes on
    Sanaa"): a known place name there is the place, whatever the model says."""
    root = ent.root
    if len(ent) > 2 or not all(t.is_title or t.is_upper for t in ent) or \
            any(child.dep_ == "case" for child in root.children):
        return False
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "seized Goma and Bukavu": the list's first name takes the slot
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PART_OF_TOWN:
        root = root.head.head  # "shelled the outskirts of Khan Younis", "seized the town of Uvira"
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in _PLACE_TAKING_VERBS | _CAPTURE_VERBS:
        return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _PLACE_SLOT_VERBS and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in _STRIKING_THINGS for c in root.head.children):
        return True  # "Russian drones hit Kharkiv overnight": what weapons hit (not "hit a man")
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() == "control":
        return True  # "seized control of Goma"
    # "US strikes on Sanaa", "the attack against Kharkiv": the object of an attack noun
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in ("on", "against") and prep.head.lemma_.lower() in _ATTACK_NOUNS


def is_listed_place(ent: Span) -> bool:
    """A one- or two-word name listed after "including" or "like" on a noun
    for places or on a place ("neighbourhoods in Tel Aviv, including Holon
    and Ramat Gan", "several towns like Kotli"), in apposition to such a noun,
    or after a place in a list."""
    if len(ent) > 2 or not all(t.is_title or t.is_upper for t in ent):
        return False
    first = ent.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ == "appos" and first.head.lemma_.lower() in _LISTED_PLACE_NOUNS:
        return True  # "targeted seven towns: Niono, Molodo, Sandaré"
    if first.i != ent.root.i and first.ent_type_ in ("GPE", "LOC") and ent.label_ != "ORG":
        return True  # "Niono, Molodo and Kayes" ("Molodo" read as a product; not "Israel and Hamas")
    if first.dep_ != "pobj" or first.head.lower_ not in ("including", "like"):
        return False
    holder = first.head.head
    return holder.lemma_.lower() in _LISTED_PLACE_NOUNS or holder.ent_type_ in ("GPE", "LOC") or \
        verb_listing_places(holder) is not None


def verb_listing_places(holder: Token) -> Token | None:
    """"Indian forces struck nine sites in Pakistan early Wednesday under
    Operation Sindoor, including Bahawalpur and Muridke": the list the parse
    hung on the nearest noun ("Sindoor") lists the sites the verb took as its
    object; that verb, else ``None``."""
    node = holder
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    listing = node.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in _LISTED_PLACE_NOUNS
                                          for c in node.children)
    return node if listing else None


# "chanting pro-Gaza slogans", "anti-Kremlin protesters": a stance, not a place
_STANCE_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑–]$", re.I)
# "the Sahel nation", "the Gulf country": a region naming a country told elsewhere
_EPITHET = re.compile(r"\s+(?:nation|country)\b")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def stance_or_epithet(text: str, start: int, end: int) -> bool:
    """Is the name at ``start:end`` a stance ("pro-Gaza") or a region naming
    a country ("the Sahel nation")?  (Only the few characters before the name
    are searched.)"""
    before = max(0, start - 8)
    return bool(_STANCE_BEFORE.search(text, before, start)) or \
        bool(_EPITHET.match(text, end) and _THE_BEFORE.search(text, before, start))


# Nouns that make the name beside them a body's ("the Morena party", "the group Bayan")
_BODY_AFTER = frozenset({"party", "movement", "alliance", "coalition", "bloc", "cartel", "faction"})
_BODY_BEFORE = frozenset({"party", "movement", "group", "alliance", "coalition", "bloc", "cartel", "faction"})


def named_body(doc: Doc, span: tuple[int, int, str]) -> bool:
    """A name written with the word for the body it names, right after it
    ("Sheinbaum's Morena party") or right before ("the progressive group
    Bayan"): the body, not the town that shares its name."""
    start, end, label = span
    if label == "BORDER":
        return False
    tokens = doc.char_span(start, end, alignment_mode="expand")
    if tokens is None or len(tokens) > 3:
        return False
    after = doc[tokens.end].lower_ if tokens.end < len(doc) else ""
    before = doc[tokens.start - 1].lower_ if tokens.start > 0 else ""
    return after in _BODY_AFTER or before in _BODY_BEFORE or _heads_a_body_name(doc, tokens.end)


def river_of_country(doc: Doc, span: tuple[int, int, str], *, countries: frozenset[str]) -> bool:
    """A country's name written before "river" ("on the banks of the Niger
    river", "the Congo River"): the river, which runs through other
    countries too, not the country."""
    start, end, _ = span
    tokens = doc.char_span(start, end, alignment_mode="expand")
    return tokens is not None and tokens.end < len(doc) and doc[tokens.end].lower_ in ("river", "rivers") and \
        tokens.text.lower().removeprefix("the ") in countries


# Last words of an organisation's name written in capitals after a place ("the Jammu
# Kashmir Joint Awami Action Committee", "Balochistan National Party")
_BODY_NAME_ENDS = _BODY_AFTER | frozenset({"committee", "council", "front", "association", "union", "federation",
                                           "league", "forum", "organisation", "organization", "society", "assembly",
                                           "congress", "conference", "jirga"})


def _heads_a_body_name(doc: Doc, end: int) -> bool:
    """Do capitalised words after the place (two to six) end in the word for a body?"""
    words = []
    for token in doc[end:end + 6]:
        if not (token.is_alpha and (token.is_title or token.is_upper)):
            break
        words.append(token)
    if [t.lower_ for t in words[:2]] == ["local", "government"]:
        return False  # "Gidan Goga district of Maradun Local Government Council": Nigeria's district
    return len(words) >= 2 and words[-1].lower_ in _BODY_NAME_ENDS
