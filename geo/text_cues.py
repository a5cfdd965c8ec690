"""What the words around a place name say, read before the resolver ranks
its candidates (:mod:`geo.resolver`): the Y of "X in Y" / "X, Y" / "X near
Y" (a direction word allowed: "in southern Lebanon"), a kind word next to
the name ("Zhari district", "the city of Kandahar"), an owner ("Yemen's
western Hodeidah"), and whether the surface is an acronym ("BLA").  Regular expressions and plain functions of the text;
no gazetteer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.records import Mention, Place

# a proper name with a possessive right before a mention, with at most two words between that
# describe a place ("Yemen's western Hodeidah", "Sudan's besieged city of"), not "Russia's
# ambassador to Turkey"
OWNER = re.compile(r"\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2})(?:'s|’s) (?:(?:(?:north|south)?(?:east|west)?"
                   r"(?:ern)?|north|south|central|restive|coastal|remote|rural|volatile|embattled|besieged|"
                   r"capital|port|city|town|oil|fuel|main|largest|of|"
                   # ("Syria's Druze-majority Sweida", "Sudan's war-torn Darfur": a hyphened modifier)
                   r"[A-Za-z]+-[a-z]+) ){0,2}$")
# a nationality adjective before the kind of place and "of" ("the ancient central Syrian town of
# Palmyra", "the Ukrainian city of Kharkiv"): the country it is in (not "the Russian-held town of",
# which says who holds it)
DEMONYM_KIND = re.compile(r"\b([A-Z][a-z]+) (?:(?:ancient|historic|central|coastal|border|frontline|northern|southern|"
                          r"eastern|western|(?:north|south)-?(?:east|west)ern|port|capital|desert|mountain|"
                          r"oil|industrial) ){0,2}(?:city|town|village|port|region|province|district|oblast|"
                          r"governorate|state) of (?:the )?$")
# a word for a part of an area between a name and its container: "the Chatroo area of Kishtwar
# district", "Spin Tangi village in North Waziristan", "the Bauni forest area of Tangaza"
_LOCALITY = (r"(?:(?:forest\s+|border\s+|rural\s+)?"
             r"(?:area|areas|locality|village|town|belt|valley|tehsil|sector|district|county|"
             r"(?i:local\s+government\s+area|lga))\s+)?")
HINT = re.compile(rf"^\s*{_LOCALITY}(?:,|\bin\b|\bnear\b|\bof\b)\s*(?:the\s+)?"
                  r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?"
                  r"((?:[A-Z][\w'’&.-]*)(?:\s+(?:and\s+)?[A-Z][\w'’&.-]*){0,3})")
# A sentence that opens on the area it is told in: "In Indian Kashmir, shelling killed 10 in
# Poonch district", "In Pakistan's Khyber Pakhtunkhwa province, …" (the name is group 1)
FRAME = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)|(?<=\n))\s*In\s+(?:the\s+)?"
                   r"(?:[A-Z][\w.-]*(?:'s|’s)\s+)?((?:[A-Z][\w'’.-]*)(?:\s+(?:and\s+)?[A-Z][\w'’.-]*){0,3})"
                   r"(?:\s+(?:province|state|region|district|territory))?\s*,")
# "Mahanga in Masisi territory": in an area named with the word for its division
_DIVISION_WORDS = (r"(?:state|province|district|county|region|governorate|territory|oblast|department|prefecture"
                   r"|LGA|Local Government Area|local government area)")
IN_DIVISION = re.compile(rf"\s+(?:in|{_LOCALITY}(?:in|of))\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}\s+{_DIVISION_WORDS}\b")
# "Kinshasa, the UN, and …": a name after "the" is no address part ("Aleppo, USA" is)
ARTICLE_HINT = re.compile(r"\s*,\s*the\s", re.IGNORECASE)
# Words next to a name that say which kind of place it is: "New York State",
# "Zhari district", "Kabul city", "the state of Florida", "New York the state".
CUE_KINDS: dict[str, str] = {
    **dict.fromkeys(("state", "province", "governorate", "region", "oblast", "prefecture",
                     "department", "emirate"), "admin1"),
    # LGA: a Nigerian local government area; raion/rayon: a district of Ukraine, Russia, Belarus
    **dict.fromkeys(("county", "district", "tehsil", "agency", "division", "municipality", "lga", "raion",
                     "rayon"), "admin2"),
    **dict.fromkeys(("city", "town", "village", "township"), "populated_place"),
}
_CUE_WORDS = "|".join(CUE_KINDS)
_CUE_AFTER = re.compile(rf"(?:\s+|\s*,\s+the\s+|\s+the\s+)(?P<word>{_CUE_WORDS})\b(?!-)", re.IGNORECASE)
_CUE_BEFORE = re.compile(rf"\b(?P<word>{_CUE_WORDS})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# The kind feature of a candidate when the text names the kind (see ``cued_kind_score``).
CUED_KIND_SCORE: dict[str, dict[str, float]] = {
    "admin1": {"admin1": 1.0, "admin2": 0.85, "region": 0.85, "country": 0.6},
    "admin2": {"admin2": 1.0, "admin1": 0.8, "region": 0.7, "country": 0.5},
    "populated_place": {"populated_place": 1.0, "site": 0.6, "country": 0.3},
    # "in northern Potosí": a part of an area, more often than of a town of the name
    "area": {"admin1": 1.0, "admin2": 0.9, "region": 0.9, "country": 1.0, "populated_place": 0.5},
    # "the Daraj neighbourhood": a part of a town (GeoNames lists some as places)
    "quarter": {"site": 1.0, "populated_place": 0.8},
}
# A word after a name for a part of a town ("the Shush neighborhood near the Grand Bazaar")
_QUARTER_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarters?)\b", re.IGNORECASE)
# "the village of Kobe", "Kobe village", "a village called Kobe": a small place, never a city
# (not "villages of Zamfara": villages in Zamfara)
_VILLAGE_BEFORE = re.compile(r"\bvillage\s+(?:of|called|named)\s+(?:the\s+)?$", re.IGNORECASE)
_VILLAGE_AFTER = re.compile(r"\s+village\b(?!-)", re.IGNORECASE)
CUED_OTHER_KIND_SCORE = 0.2
_PART_BEFORE = re.compile(r"\b(?i:in|across|of)\s+(?:north|south|east|west)(?:-?(?:east|west))?ern\s+$")
DIVISION_AFTER = re.compile(rf"\s+{_DIVISION_WORDS}\b", re.I)
ACRONYM_MAX_LETTERS = 5


@dataclass(frozen=True, slots=True)
class Cues:
    """What the text around one mention says, read before ranking.

    ``kind``: the kind a neighbouring word names ("province", "city"), or "".
    ``comma_hint``: "X, Y" may be read as X in Y (not when the comma separates
    two items of a list); ``hint_is_comma``: a comma follows the mention (a
    town Y then holds only what lies within the resolver's ``COMMA_TOWN_HINT_MAX_KM``:
    "Gulshan, Karachi").  ``list_country``: the country the other items of
    the mention's list share ("" when it is in no list or they share none).
    ``acronym``: the surface is a short all-capitals word outside a dateline
    or an all-capitals line ("BLA", "OAS"): only a curated or country name,
    or a place whose own name is in capitals, can be meant.  ``hint_is_in``:
    "in" follows the mention ("Blida in southern Lebanon": a place of that
    country, if the Y is one).  ``airbase``: the mention is an item of a list
    of air bases ("four airbases: Belaya, Dyagilevo and Olenya"): "X Air Base".
    """

    kind: str = ""
    comma_hint: bool = True
    hint_is_comma: bool = False
    hint_is_in: bool = False
    list_country: str = ""
    owner_country: str = ""
    acronym: bool = False
    airbase: bool = False
    village: bool = False


NO_CUES = Cues()


def hint_word(mention: Mention, text: str) -> str:
    """The words of "X, Y" / "X in Y" after the mention (its Y), or ""."""
    match = HINT.match(text[mention.end:mention.end + 80]) if text and mention.end <= len(text) else None
    return match.group(1) if match else ""


def locating(word: str, containers: Sequence[Place]) -> bool:
    """Does the Y of "X, Y" read as an address part: a country, or a state
    written as an address abbreviates it ("Mo.", "Va.", "ON", "KP")?"""
    word = word.strip()
    if any(place.kind == "country" for place in containers):
        return True
    letters = word.replace(".", "")
    return any(place.kind == "admin1" for place in containers) and (
        "." in word or (letters.isupper() and len(letters) <= 3))


def kind_cue(text: str, mention: Mention) -> str:
    """The kind of place the words next to the mention name ("Zhari
    district", "New York the state", "the city of Kandahar"), or ""."""
    if not text or mention.end > len(text) or mention.start < 0:
        return ""
    after = _CUE_AFTER.match(text, mention.end, min(len(text), mention.end + 24))
    if after:
        return CUE_KINDS[after.group("word").lower()]
    if _QUARTER_AFTER.match(text, mention.end, min(len(text), mention.end + 24)):
        return "quarter"
    before = _CUE_BEFORE.search(text[max(0, mention.start - 30):mention.start])
    if before:
        return CUE_KINDS[before.group("word").lower()]
    return "area" if _PART_BEFORE.search(text, max(0, mention.start - 16), mention.start) else ""


def village_cue(text: str, mention: Mention) -> bool:
    """Does the text call the mention a village ("the village of Kobe",
    "Kobe village")?"""
    if not text or mention.end > len(text) or mention.start < 0:
        return False
    return bool(_VILLAGE_AFTER.match(text, mention.end, min(len(text), mention.end + 12))
                or _VILLAGE_BEFORE.search(text[max(0, mention.start - 24):mention.start]))


def cued_kind_score(cue: str, kind: str) -> float:
    """The kind feature when the text names the kind: the named kind 1,
    related kinds less, the rest ``CUED_OTHER_KIND_SCORE``."""
    return CUED_KIND_SCORE.get(cue, {}).get(kind, CUED_OTHER_KIND_SCORE)


def is_acronym(text: str, mention: Mention) -> bool:
    """A short all-capitals surface ("BLA", "OAS") that is not a dateline
    ("DOHA:") or part of a line written in capitals."""
    letters = [ch for ch in mention.surface if ch.isalpha()]
    if not 2 <= len(letters) <= ACRONYM_MAX_LETTERS or not all(ch.isupper() for ch in letters):
        return False
    if not text or mention.end > len(text):
        return True
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if mention.start == line_start and \
            text[mention.end:mention.end + 2].lstrip()[:1] in (":", ",", "(", "—", "–", "-"):
        return False  # a dateline
    line_letters = [ch for ch in line if ch.isalpha()]
    if sum(ch.isupper() for ch in line_letters) >= 0.6 * len(line_letters):
        return False  # a line in capitals
    before = text[max(0, mention.start - 30):mention.start].split()
    after = text[mention.end:mention.end + 30].split()
    neighbours = [w.strip(".,:;!?\"'()") for w in before[-1:] + after[:1]]
    return not any(len(w) >= 2 and w.isalpha() and w.isupper() for w in neighbours)  # "MARINE ENERGY WALES"


# Air bases named in a list under the plural word ("strikes on four airbases: Belaya,
# Dyagilevo and Olenya", "the airbases hit were Belaya (Irkutsk), Olenya (Murmansk)", "the
# Nur Khan, Murid and Rafiqui airbases"): each item is "X Air Base", whose bare stem is
# otherwise no name of its own (a person, a village).
AIRBASE_ENDINGS = ("Air Base", "Airbase", "Air Force Station", "Airfield")
_AIRBASES = r"(?:air\s*bases|airbases|air\s+force\s+stations|airfields|air\s+stations)"
_ITEM = re.compile(r"(?!(?:The|These|Those|This|That|Its|Their|Both|All|Some|Several|Many|Two|Three|Four|Five|Six"
                   r"|Seven|Eight|Nine|Ten)\b)[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}")
_NOTE = re.compile(r"\s*\([^()\n]{0,80}\)")
# where a listed base is ("Murid in Chakwal", "Rafiqui in Shorkot district of Jhang")
_ITEM_PLACE = re.compile(r"\s+(?:in|near|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}"
                         r"(?:\s+(?:district|province|region|city)(?:\s+of\s+[A-Z][\w’'-]*)?)?")
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_OPENS = re.compile(
    rf"\b{_AIRBASES}\b[^.;:\n]{{0,40}}?"
    r"(?::|\s(?:were|are|including|include|includes|such\s+as|namely|at)\s|\s?[—–]\s?)\s*", re.IGNORECASE)
_ANY_AIRBASES = re.compile(_AIRBASES, re.IGNORECASE)
_LIST_CLOSES = re.compile(rf"\s+{_AIRBASES}\b", re.IGNORECASE)
_LIST_START = re.compile(r"(?:^|[.;:!?\n]|\b(?:the|on|at|struck|hit|targeted|attacked|including)\s)\s*$",
                         re.IGNORECASE)


def _items_from(text: str, at: int) -> tuple[list[tuple[int, int]], int]:
    """The capitalised names listed from ``at`` ("Belaya (Irkutsk), Olenya and
    Ivanovo"), each without its note in parentheses, and where the list ends."""
    items: list[tuple[int, int]] = []
    while True:
        item = _ITEM.match(text, at)
        if item is None:
            break
        items.append(item.span())
        at = item.end()
        for tail in (_NOTE, _ITEM_PLACE):
            found = tail.match(text, at)
            if found is not None:
                at = found.end()
        separator = _ITEM_SEPARATOR.match(text, at)
        if separator is None or _ITEM.match(text, separator.end()) is None:
            break
        at = separator.end()
    return items, at


AirbaseList = tuple[tuple[tuple[int, int], ...], int]


def airbase_lists(text: str) -> tuple[AirbaseList, ...]:
    """The lists of names a text gives as air bases (see ``AIRBASE_ENDINGS``):
    per list, the spans of its names and where the list ends (after the
    last name's note or place: "Rafiqui in Shorkot district of Jhang")."""
    return _airbase_lists(text) if _ANY_AIRBASES.search(text) else ()


@functools.lru_cache(maxsize=16)
def _airbase_lists(text: str) -> tuple[AirbaseList, ...]:
    # (cached: the analyser, the resolver and the event stage ask of the same texts in turn)
    lists: list[AirbaseList] = []
    for opening in _LIST_OPENS.finditer(text):
        items, end = _items_from(text, opening.end())
        if items and not DIVISION_AFTER.match(text, end):  # "airbases in the Murmansk and Amur regions"
            lists.append((tuple(items), end))
    for closing in _LIST_CLOSES.finditer(text):
        # the list that ends right before the word: scan back to where it starts
        before = text[max(0, closing.start() - 160):closing.start()]
        base = closing.start() - len(before)
        for start in (m.start() for m in _ITEM.finditer(before)):
            if not _LIST_START.search(before[:start]):
                continue
            items, end = _items_from(text, base + start)
            if items and end == closing.start():
                lists.append((tuple(items), end))
                break
    return tuple(lists)


def airbase_list_items(text: str) -> list[tuple[int, int]]:
    """Spans of the names a text lists as air bases."""
    return sorted({item for items, _ in airbase_lists(text) for item in items})
