"""Casualty figures: who was killed or injured, and how many.

``find_casualties`` reads one sentence and returns each reported figure with
its kind (killed or injured), low/best/high numbers, the victim phrase and its
offsets.  Numbers (digits, words, vague quantities, qualifiers) are found and
read by :mod:`etl.numbers`; a qualifier sets the range ("more than 200" → low
200, "up to 10" → high 10, "between 5 and 8" → 5..8), and the best estimate is
always the conservative end, as ACLED and UCDP code it.
Euphemisms count: "martyred", "embraced martyrdom", "laid down their lives",
"sent to hell" (Pakistan's military statements on militants killed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.numbers import BASE_NUMBER, NUMBER, QUAL, parse_number

_KILLED_PASSIVE = (
    r"(?:(?:who|were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|reportedly|allegedly|"
    r"also|all|later|each|said|reported|feared|believed|confirmed)\s+)*"
    r"(?P<verb>killed|dead|died|dies|die|slain|martyred|perished|executed|beheaded|lynched|"
    r"shot\s+dead|gunned\s+down|hacked\s+to\s+death|burnt\s+alive|burned\s+to\s+death|"
    r"lost\s+(?:their|his|her)\s+lives?|embraced\s+(?:shahadat|martyrdom)|"
    r"laid\s+down\s+(?:their|his|her)\s+lives?|succumbed|fell|were\s+martyred|sent\s+to\s+hell|"
    r"attain(?:ed)?\s+martyrdom|made\s+the\s+supreme\s+sacrifice|"
    r"eliminated|neutrali[sz]ed)"
)
_INJURED_PASSIVE = (
    r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|also|reportedly|"
    r"critically|seriously|severely|badly|slightly|all)\s+)*"
    r"(?P<verb>injured|wounded|hurt|sustained\s+(?:serious\s+)?injuries)"
)
_KILL_ACTIVE = (
    r"(?P<verb>killings?\s+of|kill(?:ed|ing|s)?|martyr(?:ed|ing|s)?|claim(?:ed|ing|s)?\s+the\s+lives\s+of|"
    r"left|leaves|leaving|shot\s+dead|gun(?:s|ned)?\s+down|eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|execut(?:ed|ing)|"
    r"death\s+of|deaths\s+of|bodies\s+of)"
)
_INJURE_ACTIVE = r"(?P<verb>injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?)"
# A victim word may sit in quotes ("six 'militants' killed", scare quotes).
_Q = "[\"'‘’“”]?"
_SCARE_QUOTES = re.compile(r"[\"“”‘]|(?<!\w)['’]|['’](?!\w)")
# "16 TTP (Pakistani Taliban) terrorists", "two jawans of the District Reserve Guard"
_VICTIM = (rf"(?P<victim>(?:{_Q}\(?[A-Za-z][\w'’.-]*\)?{_Q}\s+){{0,6}}?"
           rf"(?:of\s+the\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){{1,4}})?)")
_STOP = (r"(?:and|or|but|while|in|at|on|during|as|after|before|when|with|near|inside|"
         r"across|along|from|by|including|injur\w*|wound\w*|hurt\w*|kill\w*|who|which|that|"
         r"was|were|is|are|has|have|had|will|would)\b")
_VICTIM_AFTER = rf"(?P<victim>(?:\s+(?!{_STOP})(?:of\s+them\b|of\s+the\b|{_Q}[A-Za-z][\w'’-]*{_Q})){{0,4}})"

# "gunned down Nambala Keshav Rao alias Basavaraju and 26 other cadres": the one named and the others
# (also "killing Hezbollah's chief of staff Haytham Tabtabai along with four others", "killed
# militant commander Abu Bakr and three others": the name first or last)
_NAMED_AND_OTHERS = re.compile(
    rf"\b{_KILL_ACTIVE}\s+(?P<named>(?:(?:[A-Z][\w'’.-]*|alias|aka|bin|ibn|al|el|de),?\s+){{1,8}}?)"
    rf"(?:and|along\s+with|together\s+with|as\s+well\s+as)\s+{NUMBER}\s+"
    rf"(?P<victim>others?(?:\s+(?!{_STOP})[A-Za-z][\w'’-]*){{0,2}})", re.I)

_PRONOUN_PATTERN = re.compile(
    rf"\b(?:abduct|kidnap|seiz|offload|off-load|captur|took|dragg|pull|forc)\w*\s+(?:at\s+least\s+)?{NUMBER}\s+"
    rf"(?P<victim>[A-Za-z][\w'’-]*(?:\s+(?!(?:from|in|at|on|near|and|to|hostage)\b)[A-Za-z][\w'’-]*){{0,2}})"
    rf"\b[^.;]{{0,120}}?\b(?:(?P<verb>killed|executed|murdered|beheaded)\s+(?:all\s+of\s+)?them\b|"
    rf"(?:shot|gunned)\s+(?:all\s+of\s+)?them\s+(?:dead|down)\b)", re.I)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "abducted three labourers from a construction site and later killed them": the
    # people taken, then killed by a pronoun
    ("killed", _PRONOUN_PATTERN),
    # Active first: "killing more than 200 Taliban", "killed five policemen and
    # wounded 12 others", "left 5 dead".
    ("killed", re.compile(rf"\b{_KILL_ACTIVE}\s+(?:at\s+least\s+|as\s+many\s+as\s+|all\s+)?{NUMBER}{_VICTIM_AFTER}",
                          re.I)),
    ("injured", re.compile(rf"\b{_INJURE_ACTIVE}\s+{NUMBER}{_VICTIM_AFTER}", re.I)),
    # Passive: "23 Pakistani soldiers were killed", "Twenty-three soldiers
    # embraced martyrdom", "30 injured".
    ("killed", re.compile(rf"\b{NUMBER}\s+{_VICTIM}{_KILLED_PASSIVE}\b", re.I)),
    ("injured", re.compile(rf"\b{NUMBER}\s+{_VICTIM}{_INJURED_PASSIVE}\b", re.I)),
    # "the death toll rose to 12", "toll climbed to 40"
    ("killed", re.compile(
        rf"\b(?P<verb>(?:death\s+)?toll)\s+(?:[\w'’-]+,?\s+){{0,12}}?(?:rose|climbed|reached|reaches|stood|jumped|"
        rf"increased|is|was|has\s+risen|had\s+risen|rises|stands|hit|hits|crossed|touched)\s+(?:to\s+|at\s+)?{NUMBER}", re.I)),
    # "resulting in a death toll of at least 61 civilians"
    ("killed", re.compile(rf"\b(?P<verb>(?:death\s+)?toll)\s+of\s+(?:at\s+least\s+|as\s+many\s+as\s+)?{NUMBER}"
                          rf"{_VICTIM_AFTER}", re.I)),
    # "claiming over 53 lives", "took 12 lives"
    ("killed", re.compile(rf"\b(?P<verb>claim(?:ed|ing|s)?|took|taking|takes)\s+{NUMBER}\s+(?P<victim>)lives\b",
                          re.I)),
    # "12 deaths", "40 fatalities"
    ("killed", re.compile(rf"\b{NUMBER}\s+(?P<verb>deaths?|fatalities|bodies|dead\s+bodies)\b", re.I)),
    # "two more lives were lost", "12 lives lost"
    ("killed", re.compile(rf"\b{NUMBER}\s+(?:more\s+|other\s+)?(?P<victim>)lives\s+(?P<verb>(?:were\s+|have\s+been\s+"
                          rf"|had\s+been\s+|was\s+)?lost)\b", re.I)),
]

# One victim named without a number: "kills policeman", "killing a soldier",
# "a journalist was shot dead in ...".
_PERSON = (r"(?:policeman|soldier|civilian|militant|man|woman|child|boy|girl|officer|"
           r"constable|journalist|worker|teacher|student|leader|commander|insurgent|terrorist|"
           r"trooper|jawan|villager|cleric|politician|elder|person|guard|official|resident|"
           r"farmer|driver|shopkeeper|trader|lawyer|judge|doctor|activist|cop|tribesman|youth|"
           r"son|daughter|father|mother|brother|sister|wife|husband|uncle|nephew|niece|infant|baby|"
           r"vaccinator|nurse|medic|paramedic|reporter|photographer|cameraman|scholar|imam|"
           r"teenager|fighter|gunman|pilgrim|worshipper|priest|chief|councillor|councilor|"
           r"legislator|lawmaker|minister|mayor|businessman|contractor|labourer|laborer|"
           r"engineer|professor|sepoy|subedar|havildar|major|captain|lieutenant|colonel|sergeant|"
           r"national|passenger|"
           r"[a-z0-9]+[\s-]years?[\s-]old(?:\s+(?:boy|girl|child|man|woman|son|daughter))?)")
# "five Chinese engineers and their Pakistani driver were killed": a counted group and one
# more person, killed together
_GROUP_AND_ONE = re.compile(
    rf"\b{NUMBER}\s+(?P<victim>(?:[A-Za-z][\w'’-]*\s+){{0,4}}[A-Za-z][\w'’-]*)\s+and\s+"
    rf"(?:their|his|her|its)\s+(?:[A-Za-z][\w'’-]*\s+)?(?:{_PERSON})\s+{_KILLED_PASSIVE}\b", re.I)

_SINGLE_ACTIVE = re.compile(
    rf"\b(?P<verb>kill(?:ed|ing|s)?|shot\s+dead|gunned\s+down|martyr(?:ed|ing|s)?|behead(?:ed|ing|s)?|"
    rf"execut(?:ed|ing|es)|death\s+of)\s+"
    # (not a preposition first: "people killed in militant attacks" names no militant killed)
    rf"(?:(?P<n1>a|an|one)\s+)?(?!(?:in|at|on|by|during|near|from|with|for|after|before|since|over|across|along|"
    rf"inside|outside|amid|while|when)\s)(?P<victim>(?:[\w'’.-]+\s+){{0,3}}?{_PERSON})\b(?!\s*(?:'s|’s))", re.I)
_SINGLE_INJURED_ACTIVE = re.compile(
    rf"\b(?P<verb>injur(?:ed|ing|es)|wound(?:ed|ing|s))\s+"
    rf"(?:(?P<n1>a|an|one)\s+)?(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{_PERSON})\b(?!\s*(?:'s|’s))", re.I)
_SINGLE_PASSIVE = re.compile(
    rf"(?:\b(?P<n1>a|an|one)\s+|^|(?<=[:;,]\s))(?P<victim>(?:[\w'’.-]+\s+){{0,3}}?{_PERSON})"
    # an appositive name needs "was": "a boy, Ranjit Paswan, was shot dead"; so does the
    # victim's town: "an official in Herat was shot dead"
    rf"(?:,\s+(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]+,\s+(?=(?:was|had\s+been|has\s+been)\s)"
    rf"|\s+(?:in|from)\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){{0,2}}\s+"
    rf"(?=(?:was|had\s+been|has\s+been)\s)|\s+)"
    rf"(?P<aux>(?:(?:was|has\s+been|had\s+been|is|got|said|reported|reportedly|also|later|allegedly)\s+){{0,2}})"
    rf"(?P<verb>killed|shot\s+dead|gunned\s+down|martyred|dies|died|slain|beheaded)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|outside|inside|"
    rf"amid|following|and)\b))", re.I)
# A headline's bare singular victim: "Pakistan says soldier killed in Kashmir",
# "envoy summoned after man killed in LoC firing", "suspect militant killed".
# Only when no determiner or number comes before the noun ("the soldier
# killed" refers back; "two soldier killed" is a figure found above).
_BARE_PASSIVE = re.compile(
    rf"(?<![\w'’.-])(?<!\bthe\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)(?<!\bthis\s)"
    rf"(?<!\bthat\s)(?<!\bno\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bwhose\s)"
    rf"(?P<victim>{_PERSON})\s+(?P<aux>(?:was|has\s+been|had\s+been|is|got|reportedly)\s+)?"
    rf"(?P<verb>killed|shot\s+dead|gunned\s+down|martyred|slain|beheaded|dies|died)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|outside|inside|"
    rf"amid|following|and)\b))", re.I)
# One named soldier or policeman by rank: "Sepoy Muhammad Ali, 24, embraced shahadat",
# "Lance Naik Dinesh Kumar was killed" (ISPR and Indian Army style).
_RANKED_NAME = re.compile(
    r"\b(?P<victim>(?:Lance\s+|Naib\s+|Sub-)?(?:Sepoy|Naik|Havildar|Subedar|Sipahi|Constable|Captain|Major|"
    r"Lieutenant|Colonel|Sergeant|Corporal|Rifleman|Gunner|Trooper|Agniveer|Inspector|Lance\s+Naik)"
    r"(?:\s+[A-Z][\w'’.-]*){1,4})(?:\s*,\s*(?:aged\s+)?\d{1,2}\s*,|\s*\(\d{1,2}\))?\s+"
    r"(?P<verb>embraced\s+(?:shahadat|martyrdom)|(?:was\s+|were\s+)?martyred|was\s+(?:also\s+)?(?:killed|shot\s+dead)|"
    r"laid\s+down\s+(?:his|her)\s+life)\b")
_SINGLE_INJURED = re.compile(
    rf"(?:\b(?P<n1>a|an|one)\s+|^|(?<=[:;,]\s))(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{_PERSON})\s+"
    rf"(?P<aux>(?:was|has\s+been|had\s+been|is|got)\s+)?(?P<verb>injured|wounded|hurt)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|and)\b))", re.I)
# An earlier item of a list ending in a passive figure: "30 militants, 23
# soldiers killed" -- the text before "23 soldiers killed" ends in "30 militants,".
_LIST_ITEM = re.compile(rf"(?:^|(?<=[\s(]))(?:{NUMBER})\s+(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?"
                        rf"[A-Za-z][\w'’.-]*)\s*(?:,|\s+and)\s*$", re.I)

# One person opening such a list: "Senior army officer, five militants
# killed", "A soldier and two civilians were killed".  Only at the start of the
# sentence (or after a colon), where the list cannot be a prepositional object.
_SINGLE_LIST_ITEM = re.compile(
    rf"(?:^|(?<=:))\s*(?:(?P<n1>a|an|one)\s+)?(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?{_PERSON})"
    rf"\s*(?:,|\s+and)\s*$", re.I)

# Victims are a noun phrase: words read as them that open with a preposition are not
_PREPOSITION_FIRST = re.compile(r"(?:on|in|at|after|before|during|since|from|with|by|following)\s", re.I)
_TIME_PREPOSITION = re.compile(r"(?:after|before|during|since|following)\s", re.I)
_A_NUMBER = re.compile(rf"\b(?:{BASE_NUMBER})", re.I)
# "Eight soldiers and a civilian driver were killed", "two policemen, three militants and a
# passer-by were killed": counted groups listed before one verb, each a figure of its own
_GROUP = rf"(?:(?:at\s+least\s+)?(?:{BASE_NUMBER})|an?|one)\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}?[A-Za-z][\w'’-]*"
_LEADING_LIST = re.compile(
    rf"\b(?P<items>{_GROUP}(?:\s*,\s*{_GROUP})*,?\s+and\s+{_GROUP})\s+{_KILLED_PASSIVE}\b", re.I)
_GROUP_ITEM = re.compile(rf"(?P<n1>(?:at\s+least\s+)?(?:{BASE_NUMBER})|an?|one)\s+"
                         rf"(?P<victim>(?:[A-Za-z][\w'’-]*\s+){{0,2}}[A-Za-z][\w'’-]*)", re.I)
_GROUP_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


_NON_PERSON = re.compile(
    r"\b(?:sites?|jets?|aircraft|planes?|drones?|missiles?|rockets?|buildings?|houses?|homes?|"
    r"vehicles?|tanks?|posts?|years?|days?|hours?|minutes?|km|kilomet\w*|miles?|percent|%|"
    r"targets?|camps?|villages?|hideouts?|bunkers?|facilities|infrastructure|acres?|crore|"
    r"lakh|rupees|dollars?|million|billion|times|rounds?)\b", re.I)


# The victims' words begin with a verb of another fate: the number is its subject.
_OTHER_FATE = re.compile(
    r"^(?:have\s+|had\s+|were\s+|are\s+)?(?:fled|flee|fleeing|displaced|evacuated|trapped|stranded|missing|"
    r"arrested|detained|abducted|kidnapped|rescued|freed|released|returned|sheltering|besieged)\b", re.I)


# "no one was killed", "not one soldier died": the word "one" after a negation
_NO_ONE = re.compile(r"\b(?:no|not|none)\s+(?:one\s+)?(?:of\s+(?:the\s+)?)?$", re.I)
_NUMBER_GOES_ON = re.compile(r"(?:dozens?|hundreds?|thousands?|scores?)\b", re.I)


# Victims ending on a word for people ("displaced people", "a civilian driver", "jawans")
_PEOPLE_LAST = re.compile(rf"\b(?:{_PERSON}|people|persons|men|women|children|civilians|villagers|personnel|"
                          r"policemen|militants|terrorists|rebels|insurgents|fighters|jawans|troops|tribesmen)\w*\s*$",
                          re.I)


# "two policemen escorting a polio team", "three soldiers deployed at the post": people,
# then a participle phrase saying what they were doing (its nouns are no victims)
_PARTICIPLE_AFTER = re.compile(r"^(?P<head>(?:[\w'’.()-]+\s+){0,2}?[\w'’.()-]+?)\s+"
                               r"(?=(?:[a-z]+ing|deployed|stationed|posted|assigned|aboard|onboard)\b)")


def _people_doing(victims: str) -> str:
    """The people of a victim phrase that goes on with what they were doing
    ("policemen escorting a polio team" -> "policemen"), else ``victims``."""
    match = _PARTICIPLE_AFTER.match(victims)
    if match is None or not _PEOPLE_LAST.search(match.group("head")):
        return victims
    return match.group("head")


def _other_fate(victims: str) -> bool:
    """"fled Zamzam" (not "displaced people", "abducted farmers")."""
    return bool(_OTHER_FATE.search(victims)) and not _PEOPLE_LAST.search(victims)


@dataclass(frozen=True, slots=True)
class Casualty:
    """One reported casualty figure in a sentence (offsets into the sentence)."""

    kind: str  # "killed" | "injured"
    low: int
    best: int
    high: int | None
    victims: str
    start: int
    end: int
    text: str
    figure: str = ""  # the number as written: "more than 200"


# words that begin what is said of the victims after their noun ("terrorists belonging to …")
_AFTER_THE_NOUN = frozenset({"belonging", "affiliated", "linked", "of", "from", "in", "at", "on", "who", "which",
                             "that", "including", "during", "with"})


def victim_noun(casualty: Casualty) -> str:
    """The noun that names a figure's victims, lower-cased, before what
    describes them ("terrorists belonging to the" → "terrorists", "jawans of
    the District Reserve Guard" → "jawans"); "" when none is named."""
    words = casualty.victims.lower().split()
    cut = next((i for i, w in enumerate(words) if i and w in _AFTER_THE_NOUN), len(words))
    return words[cut - 1] if cut else ""


_VAGUE_FIGURE = re.compile(rf"^(?:{QUAL})?(?:dozens|scores|hundreds|thousands)(?:\s+of)?$", re.I)


def vague(casualty: Casualty) -> bool:
    """A vague multitude ("dozens", "scores", "hundreds of"): a range the
    text gives instead of a number, whose low end would be a guess; "a
    dozen", "a couple" are numbers, and "several" or "a few" are counted at
    their low end (at least two or three)."""
    figure = " ".join((casualty.figure or "").split())
    return bool(_VAGUE_FIGURE.match(figure)) and casualty.low != casualty.high


def _figure(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    first = parse_number(match.group("n1"))
    second = match.group("n2")
    if first is None and " and " in match.group("n1"):  # "between three and six"
        head, _, tail = match.group("n1").partition(" and ")
        first, second = parse_number(head), tail
    if first is None:
        return None
    low, high = first
    if second:
        parsed = parse_number(second)
        if parsed is None:
            return None
        if parsed[0] < low:  # "five or six" fine; "12 to 3" is not a range
            return None
        high = parsed[1]
    qual = " ".join((match.group("qual") or "").lower().split())
    if qual in ("more than", "over", "at least", "upwards of", "in excess of",
                "no fewer than", "no less than"):
        high = None if high == low else high
    elif qual in ("nearly", "almost", "up to", "as many as", "fewer than", "less than", "at most"):
        ceiling = high if high is not None else low
        low = 1 if qual in ("up to", "as many as", "at most") else max(1, ceiling - max(1, ceiling // 10))
        high = ceiling
        return low, ceiling, high
    if match.group(0).lower().rstrip().endswith("or more"):
        high = None
    return low, low, high


# Every pattern above needs one of these word beginnings (the verb or noun of
# the figure): a sentence without any cannot hold a figure, and most
# sentences of an article are skipped after this one search.
_CUE = re.compile(
    r"\b(?:kill|martyr|claim|left|leaving|shot|gun|eliminat|neutrali|death|bodies|injur|wound|hurt|"
    r"dead|die|slain|perish|execut|behead|lynch|hacked|burn|lost|embraced|laid|succumb|fell|toll|"
    r"fatalit|sustained|lives|hell)", re.I)


def find_casualties(sentence: str) -> list[Casualty]:
    """Every casualty figure in one sentence, in text order, without overlaps."""
    if _CUE.search(sentence) is None:
        return []
    # A written date ("2025-06-25", "25/06/2025") holds no head count: blank it
    # out (same length, so offsets stay those of the sentence).
    sentence = _WRITTEN_DATE.sub(lambda m: " " * len(m.group()), sentence)
    # Ages are no head counts: "22 civilians aged between 20 and 40 were shot dead".
    sentence = _AGES.sub(lambda m: " " * len(m.group()), sentence)
    # An aside between the victims and their verb ("53 people, including 14
    # children, were killed") names part of them: it is skipped, so the verb
    # finds its figure and the part is not a second toll.
    for _ in range(2):  # an aside may follow another ("— A and B — having fought, …")
        sentence = _ASIDE.sub(lambda m: " " * len(m.group()), sentence)
    found: list[Casualty] = []
    for kind, pattern in _PATTERNS:
        for match in _matches(pattern, sentence):
            start, end = match.span()
            if any(c.start < end and start < c.end for c in found):
                continue
            victims = _SCARE_QUOTES.sub("", match.groupdict().get("victim") or "").strip(" .,;:")
            if re.search(r"\b(?:and|or|but)$", victims):
                continue
            if match.groupdict().get("verb") and match.groupdict().get("victim") and \
                    match.start("verb") > match.start("victim"):
                victims = _people_doing(victims)  # (a passive figure: "two policemen escorting a team were")
            if victims and _NON_PERSON.search(victims):
                continue
            if victims and _other_fate(victims):
                continue  # "400,000 fled Zamzam, 300-400 killed": the number has a verb of its own
            if _NUMBER_GOES_ON.match(victims):
                continue  # "several dozen troops": the figure goes on past the word read as it
            if _PREPOSITION_FIRST.match(victims) and (_TIME_PREPOSITION.match(victims) or _A_NUMBER.search(victims)):
                # "the death toll rose to eight on Thursday after three more injured": no victims
                # (but "12 in Kathmandu were killed")
                continue
            if _BREAKDOWN.match(victims):
                continue  # "five of the victims had been shot dead": part of a toll told before
            if (match.groupdict().get("verb") or "").lower().startswith(("left", "leav")) and \
                    not _LEFT_DEAD.search(victims):
                continue  # "left 5 dead", not "left 260,000 civilians trapped" nor "left 21 injured"
            if _is_year_or_date(sentence, match) or _is_tally(sentence, start, end) or _is_age(sentence, match):
                continue
            if _NO_ONE.search(sentence[max(0, match.start("n1") - 16):match.start("n1")]):
                continue  # "no one was killed", "none of the 12 hostages died": nobody
            figure = _figure(match)
            if figure is None:
                continue
            low, best, high = figure
            if pattern is _PRONOUN_PATTERN:
                # "forced nine passengers off after checking their identity cards and shot them
                # dead": the people counted are the figure's words, not the clauses between
                start, end = match.start("n1"), match.end("victim")
            found.append(Casualty(kind, low, best, high, victims, start, end, match.group(0),
                                  _figure_text(sentence, match)))
            if pattern.pattern.startswith(r"\b" + NUMBER):
                found.extend(_list_items(sentence, start, kind=kind, taken=found))
                if victims.lower().startswith("other"):
                    found.extend(_one_before_others(sentence, start, kind=kind, taken=found))
            elif match.groupdict().get("verb") and match.start("verb") == start:
                found.extend(_list_after(sentence, end, kind=kind, taken=found))
    for match in _GROUP_AND_ONE.finditer(sentence):
        if _PEOPLE_LAST.search(match.group("victim")):
            found.extend(_figure_and_one(sentence, match, taken=found))
    for match in _NAMED_AND_OTHERS.finditer(sentence):
        named = match.group("named").split()
        if not named or not (named[0][0].isupper() or named[-1][0].isupper()):
            continue  # (not "killing five soldiers and two others")
        found.extend(_figure_and_one(sentence, match, taken=found))
    for kind, pattern in (("killed", _SINGLE_ACTIVE), ("killed", _SINGLE_PASSIVE), ("killed", _BARE_PASSIVE),
                          ("killed", _RANKED_NAME), ("injured", _SINGLE_INJURED_ACTIVE), ("injured", _SINGLE_INJURED)):
        for match in pattern.finditer(sentence):
            start, end = match.start(), match.end("verb")
            if any(c.start < end and start < c.end for c in found):
                continue
            victims = match.group("victim").strip()
            if _NO_ONE.search(sentence[max(0, match.start("victim") - 16):match.start("victim")]) or \
                    re.match(r"(?:no|not)\s+one\b", victims, re.I):
                continue  # "not one person was killed", "no one soldier died"
            if re.match(r"(?:the|his|her|their|its|this|that|whose|every|each|no)\b", victims, re.I) \
                    and pattern not in (_SINGLE_ACTIVE, _SINGLE_INJURED_ACTIVE):
                continue
            found.append(Casualty(kind, 1, 1, 1, victims, start, end, sentence[start:end],
                                  match.groupdict().get("n1") or "1"))
            if pattern in (_SINGLE_ACTIVE, _SINGLE_INJURED_ACTIVE):
                found.extend(_list_after(sentence, _name_end(sentence, match.end()), kind=kind, taken=found))
    for match in _LEADING_LIST.finditer(sentence):
        text, base = match.group("items"), match.start("items")
        bounds = [0, *(x for sep in _GROUP_SEPARATOR.finditer(text) for x in sep.span()), len(text)]
        items = [item for a, b in zip(bounds[::2], bounds[1::2])
                 if (item := _GROUP_ITEM.fullmatch(text, a, b)) is not None]
        if len(items) < 2 or any(c.kind == "killed" and c.start <= base < c.end for c in found):
            continue  # ("Two soldiers and three militants were killed": read already, item by item)
        if not all(_PEOPLE_LAST.search(m.group("victim")) for m in items):
            continue  # groups of people only ("two houses and a car were destroyed" is no toll)
        for item in items:
            number = re.sub(r"^at\s+least\s+", "", item.group("n1"), flags=re.I)
            parsed = (1, 1) if number.lower() in ("a", "an", "one") else parse_number(number)
            if parsed is None:
                continue
            start, end = base + item.start(), base + item.end()
            found = [c for c in found if not (c.start < end and start < c.end)]
            found.append(Casualty("killed", parsed[0], parsed[0], parsed[1], item.group("victim"), start, end,
                                  sentence[start:end], number))
    found.sort(key=lambda c: c.start)
    return found


def _figure_and_one(sentence: str, match: re.Match[str], *, taken: Sequence[Casualty]) -> list[Casualty]:
    """The match's figure and one more person killed ("five engineers and their
    driver", "Basavaraju and 26 other cadres"), unless read already."""
    start, end = match.span()
    figure = _figure(match)
    if figure is None or any(c.start < end and start < c.end for c in taken):
        return []
    low, best, high = figure
    return [Casualty("killed", low + 1, best + 1, None if high is None else high + 1, match.group("victim"),
                     start, end, match.group(0), _figure_text(sentence, match))]


_TALLY_AFTER = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:since|so\s+far|to\s+date|in\s+total|this\s+year|"
                          r"last\s+year|over\s+the\s+past|in\s+the\s+past|during\s+the\s+past)\b", re.I)


def _is_tally(sentence: str, start: int, end: int) -> bool:
    """A running total, not one event's toll: "one of more than 50 insurgents
    killed since January", "1,200 killed so far this year"."""
    if re.search(r"\bone\s+of\s+$", sentence[max(0, start - 8):start], re.I):
        return True
    return bool(_TALLY_AFTER.match(sentence[end:end + 40]))


# Victims joined without a number of their own ("460 patients and their
# companions were shot dead", "12 soldiers and policemen were martyred"): the
# figure counts both; a singular ("and a woman") or a number ("and two
# civilians") is not joined.
_JOINT_VICTIMS = re.compile(r"^[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?\s+and\s+"
                            r"(?:(?:their|his|her|its|other)\s+)?"
                            r"(?!(?:were|was|killed|injured|wounded|dead|among|others)\b)"
                            # "Taliban and affiliated terrorists": one more word before the noun
                            r"(?:(?!(?:were|was|killed|injured|wounded|dead|among|others|a|an|one|two|three|four|"
                            r"five|six|seven|eight|nine|ten|eleven|twelve|several|some|many|dozens|scores|hundreds)\b)"
                            r"[A-Za-z][\w'’-]*\s+)?"
                            r"[A-Za-z][\w'’-]*(?:s|men|people|children)$", re.I)


def _matches(pattern: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    """Like ``finditer``, but a match whose victim phrase runs over a verb or
    a conjunction ("Four policemen were killed and seven injured") is retried
    one word later, so "seven injured" is still found."""
    out: list[re.Match[str]] = []
    pos = 0
    while pos <= len(sentence):
        match = pattern.search(sentence, pos)
        if match is None:
            break
        victims = (match.groupdict().get("victim") or "")
        if re.search(r"\b(?:and|or|but|were|was|killed|injured|wounded|dead|among)\b", victims, re.I) and \
                not _JOINT_VICTIMS.match(victims.strip()):
            next_word = re.search(r"\s\S", sentence[match.start():])
            pos = match.start() + (next_word.end() - 1 if next_word else len(sentence))
            continue
        out.append(match)
        pos = max(match.end(), pos + 1)
    return out


_LIST_NEXT = re.compile(rf"^\s*(?:,\s*(?:and\s+|along\s+with\s+)?|\s+and\s+|\s+along\s+with\s+)"
                        rf"(?:{NUMBER})\s+(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?"
                        rf"(?:[A-Za-z][\w'’.-]*))(?=\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|during|and)\b))", re.I)


def _name_end(sentence: str, end: int) -> int:
    """Skip an appositive name after a victim ("the Taliban leader, Wali,")."""
    match = re.match(r",\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s*(?=,)", sentence[end:])
    return end + match.end() if match else end


# A place told after a figure, before the next figure of the list ("killed two
# people in Kyiv and two others in the Dnipropetrovsk region").
_PLACE_AFTER = re.compile(r"^\s+(?:in|at|near)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                          r"(?:\s+(?:region|province|district|area|city|town|village|state|oblast|governorate|camp))?")
_PLACED_VICTIM = re.compile(r"^(?:in|at|near)\s", re.I)


def _list_after(sentence: str, end: int, *, kind: str, taken: list[Casualty]) -> list[Casualty]:
    """Figures listed after an active figure: "kills three soldiers, 10
    militants"; "killed two people in Kyiv and two others in the
    Dnipropetrovsk region"; "killed five in Khan Younis and three in Rafah"."""
    items: list[Casualty] = []
    victim = ""
    while True:
        place = _PLACE_AFTER.match(sentence[end:])
        placed = place is not None
        match = _LIST_NEXT.search(sentence[end + place.end():] if place else sentence[end:])
        if match is not None and place is not None:
            end += place.end()
        if match is None or _NON_PERSON.search(match.group("victim")) or _other_fate(match.group("victim")):
            break
        after = sentence[end + match.end():]
        placed_next = _PLACE_AFTER.match(after) is not None
        if _PLACED_VICTIM.match(match.group("victim")) and placed:
            pass  # "five in Khan Younis and three in Rafah": the victims of the figure before
        elif re.match(r"(?:others?|more)$", match.group("victim"), re.I) and placed and placed_next:
            pass  # "two people in Kyiv and two others in the Dnipropetrovsk region"
        elif re.match(r"(?:(?:others?|more)$|injured|wounded|hurt)", match.group("victim"), re.I) or \
                re.search(r"\b(?:injured|wounded|hurt|arrested|detained|rescued|missing)\b", match.group("victim"), re.I):
            break  # "killed two militants and three others were injured": a new clause's figure
        figure = _figure(match)
        if figure is None:
            break
        start = end + match.start("n1") if not match.group("qual") else end + match.start("qual")
        stop = end + match.end()
        if any(c.start < stop and start < c.end for c in [*taken, *items]):
            break
        low, best, high = figure
        victim = (victim or "people") if _PLACED_VICTIM.match(match.group("victim")) else match.group("victim").strip()
        items.append(Casualty(kind, low, best, high, victim, start, stop,
                              sentence[start:stop], _figure_text(sentence[end:], match)))
        end = stop
    single = _SINGLE_NEXT.match(sentence[end:])
    if single is not None and not any(c.start < end + single.end() and end + single.start("n1") < c.end
                                      for c in [*taken, *items]):
        # "shot dead a polio worker and a police constable", "killed two teachers and a student"
        items.append(Casualty(kind, 1, 1, 1, single.group("victim").strip(), end + single.start("n1"),
                              end + single.end(), single.group(0).strip(), single.group("n1")))
    return items


# One more person joined to an active figure with no number of its own ("and a
# police constable", "and his son"); not one given a fate of its own ("and a
# woman was injured").
_SINGLE_NEXT = re.compile(
    rf"^\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with)\s+(?P<n1>a|an|one|his|her|their)\s+"
    rf"(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{_PERSON})\b(?!\s*(?:'s|’s))"
    rf"(?!\s+(?:(?:was|were|is|are|had|has|have|got)\b|(?:also\s+)?(?:injured|wounded|hurt|arrested|detained|"
    rf"rescued|missing)\b))", re.I)


def _list_items(sentence: str, start: int, *, kind: str, taken: list[Casualty]) -> list[Casualty]:
    """Figures listed before a passive figure that share its verb."""
    items: list[Casualty] = []
    end = start
    while True:
        match = _LIST_ITEM.search(sentence[:end])
        if match is None or _NON_PERSON.search(match.group("victim")) or _other_fate(match.group("victim")):
            break
        if any(c.start < match.end() and match.start() < c.end for c in [*taken, *items]):
            break
        figure = _figure(match)
        if figure is None or _is_year_or_date(sentence, match):
            break
        low, best, high = figure
        items.append(Casualty(kind, low, best, high, match.group("victim").strip(), match.start(),
                              match.end(), match.group(0), _figure_text(sentence, match)))
        end = match.start()
    single = _SINGLE_LIST_ITEM.search(sentence[:end])
    if single is not None and not any(c.start < single.end() and single.start() < c.end for c in [*taken, *items]):
        items.append(Casualty(kind, 1, 1, 1, single.group("victim").strip(), single.start("victim"),
                              single.end(), single.group(0).strip(), single.group("n1") or "1"))
    return items


def _one_before_others(sentence: str, start: int, *, kind: str, taken: list[Casualty]) -> list[Casualty]:
    """"An army officer and three other soldiers lost their lives": the one
    named before "N other …" is of the same toll (four, not three)."""
    match = _ONE_AND_OTHERS.search(sentence[:start])
    if match is None or any(c.start < match.end() and match.start() < c.end for c in taken):
        return []
    return [Casualty(kind, 1, 1, 1, match.group("victim").strip(), match.start("victim"), match.end(),
                     match.group(0).strip(), match.group("n1"))]


_ONE_AND_OTHERS = re.compile(
    rf"\b(?P<n1>a|an|one)\s+(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?{_PERSON})\s+and\s*$", re.I)


def _figure_text(sentence: str, match: re.Match[str]) -> str:
    start = match.start("qual") if match.group("qual") else match.start("n1")
    end = match.end("n2") if match.group("n2") else match.end("n1")
    tail = sentence[end:match.end()]
    if re.match(r"\s+or\s+more", tail):
        end += len(re.match(r"\s+or\s+more", tail).group(0))
    return sentence[start:end]


def _is_age(sentence: str, match: re.Match[str]) -> bool:
    """The number is an age, not a head count: "kills nine-year-old"."""
    return bool(re.match(r"[\s-]*(?:years?|months?)[\s-]*old\b", sentence[match.end("n1"):], re.I))


_ASIDE = re.compile(
    r"(?:(?<=\w),\s+(?:including|among\s+(?:them|whom)|mostly|most\s+of\s+them|many\s+of\s+them|"
    r"all\s+of\s+them)\b(?:(?!as\s+well\s+as|plus|along\s+with|besides)[^;.()\"“”]){1,100}?,|(?<=\w)\s+\([^()]{1,100}\)"
    # "two soldiers — Lance Naik A and Sepoy B — embraced martyrdom" (their names), "two
    # soldiers, having fought gallantly, embraced martyrdom" (what they did first)
    r"|(?<=\w)\s*[—–]\s*[^—–;.()]{1,100}?\s*[—–]|(?<=[\w—–]),?\s+having\s+[^,;.()—–]{1,60},)"
    r"(?=\s*(?:(?:who|were|was|have|has|had|are|is|been|reportedly|allegedly|all|also)\s+)*"
    r"(?:killed|dead|died|slain|martyred|injured|wounded|hurt|shot|executed|perished|embraced|laid\s+down|"
    r"lost\s+(?:their|his|her)\s+lives?)\b)", re.I)
# Victims counted among the dead already told: "five of the victims", "most of
# the dead", "two of those killed".
_BREAKDOWN = re.compile(r"of\s+those$|of\s+(?:the|those|these|whom)\s+(?:victims|dead|deceased|killed|fatalities|deaths|"
                        r"casualties|bodies)\b", re.I)
_WRITTEN_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b")
_AGES = re.compile(r"\b(?:aged|ages?)\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:and|to|-|–)\s*\d{1,3})?\b", re.I)
_LEFT_DEAD = re.compile(r"\b(?:dead|killed|lifeless)$", re.I)


def _is_year_or_date(sentence: str, match: re.Match[str]) -> bool:
    n1 = match.group("n1")
    if n1.isdigit() and len(n1) == 4 and 1900 <= int(n1) <= 2100:
        return True
    before = sentence[max(0, match.start("n1") - 12):match.start("n1")].lower()
    return bool(re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", before))


def named_with_others(casualty: Casualty) -> bool:
    """Is the figure one named person and the others killed with them ("killing
    Haytham Tabtabai along with four others": five, not four more)?"""
    return casualty.kind == "killed" and _NAMED_AND_OTHERS.fullmatch(casualty.text) is not None

