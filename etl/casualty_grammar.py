"""The grammar of casualty phrases: regular-expression pieces and patterns
for figures ("23 Pakistani soldiers were killed", "killing more than 200"),
single victims ("a journalist was shot dead", "Sepoy X embraced shahadat"),
counted groups and the words that rule a reading out.  :mod:`etl.casualties`
reads sentences with them."""

from __future__ import annotations

import re

from etl.numbers import BASE_NUMBER, NUMBER

KILLED_PASSIVE = (
    r"(?:(?:who|were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|reportedly|allegedly|"
    r"also|all|later|each|said|reported|feared|believed|confirmed)\s+)*"
    r"(?P<verb>killed|dead|died|dies|die|slain|martyred|perished|executed|beheaded|lynched|"
    r"massacred|murdered|slaughtered|shot\s+dead|gunned\s+down|hacked\s+to\s+death|burnt\s+alive|burned\s+to\s+death|"
    r"lost\s+(?:their|his|her)\s+lives?|embraced\s+(?:shahadat|martyrdom)|"
    r"laid\s+down\s+(?:their|his|her)\s+lives?|succumbed|fell|were\s+martyred|sent\s+to\s+hell|"
    r"attain(?:ed)?\s+martyrdom|made\s+the\s+supreme\s+sacrifice|"
    r"eliminated|neutrali[sz]ed)"
)
INJURED_PASSIVE = (
    r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|also|reportedly|"
    r"critically|seriously|severely|badly|slightly|all)\s+)*"
    r"(?P<verb>injured|wounded|hurt|sustained\s+(?:serious\s+)?injuries)"
)
# Whom a side "lost": people, not tanks, homes or ground
LOST_PEOPLE = (r"(?:people|persons|men|women|children|residents|villagers|members|soldiers|officers|policemen|"
               r"colleagues|comrades|relatives|worshippers|students|civilians)")
KILL_ACTIVE = (
    r"(?P<verb>killings?\s+of|executions?\s+of|massacres?\s+of|(?<!attempted )murders?\s+of|kill(?:ed|ing|s)?|"
    r"martyr(?:ed|ing|s)?|"
    r"claim(?:ed|ing|s)?\s+the\s+lives\s+of|"
    r"left|leaves|leaving|shot\s+dead|gun(?:s|ned)?\s+down|eliminat(?:ed|ing)|neutrali[sz](?:ed|ing)|execut(?:ed|ing)|"
    r"death\s+of|deaths\s+of|bodies\s+of)"
)
INJURE_ACTIVE = r"(?P<verb>injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?)"
# A victim word may sit in quotes ("six 'militants' killed", scare quotes).
QUOTE = "[\"'‘’“”]?"
SCARE_QUOTES = re.compile(r"[\"“”‘]|(?<!\w)['’]|['’](?!\w)")
# "16 TTP (Pakistani Taliban) terrorists", "two jawans of the District Reserve Guard"
VICTIM = (rf"(?P<victim>(?:{QUOTE}\(?[A-Za-z][\w'’.-]*\)?{QUOTE}\s+){{0,6}}?"
           rf"(?:of\s+the\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){{1,4}})?)")
VICTIM_STOP = (r"(?:and|or|but|while|in|at|on|during|as|after|before|when|with|near|inside|"
         r"across|along|from|by|including|injur\w*|wound\w*|hurt\w*|kill\w*|who|which|that|"
         r"was|were|is|are|has|have|had|will|would)\b")
# (an initialism with its dots is one word: "two U.S. Army soldiers")
_INITIALISM = r"(?-i:[A-Z])\.(?:(?-i:[A-Z])\.)+"
VICTIM_AFTER = (rf"(?P<victim>(?:\s+(?!{VICTIM_STOP})(?:of\s+them\b|of\s+the\b|{QUOTE}(?:{_INITIALISM}|"
                rf"[A-Za-z][\w'’-]*){QUOTE})){{0,4}})")

# "gunned down Nambala Keshav Rao alias Basavaraju and 26 other cadres": the one named and the others
# (also "killing Hezbollah's chief of staff Haytham Tabtabai along with four others", "killed
# militant commander Abu Bakr and three others": the name first or last)
NAMED_AND_OTHERS = re.compile(
    rf"\b{KILL_ACTIVE}\s+(?P<named>(?:(?:[A-Z][\w'’.-]*|alias|aka|bin|ibn|al|el|de),?\s+){{1,8}}?)"
    rf"(?:and|along\s+with|together\s+with|as\s+well\s+as)\s+{NUMBER}\s+"
    rf"(?P<victim>others?(?:\s+(?!{VICTIM_STOP})[A-Za-z][\w'’-]*){{0,2}})", re.I)
# "Photojournalist Ismail Abu Hatab was killed along with 23 others": the one named and the others
NAMED_KILLED_WITH_OTHERS = re.compile(
    rf"(?P<named>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){{0,4}}|\b(?:the|a|an)\s+[\w'’-]+(?:\s+[\w'’-]+)?)"
    rf"\s+(?:was|has\s+been|had\s+been)\s+"
    rf"(?:killed|shot\s+dead|martyred)\s+(?:along|together)\s+with\s+{NUMBER}\s+"
    rf"(?P<victim>others?(?:\s+(?!{VICTIM_STOP})[A-Za-z][\w'’-]*){{0,2}})", re.I)

PRONOUN_PATTERN = re.compile(
    rf"\b(?:abduct|kidnap|seiz|offload|off-load|captur|took|dragg|pull|forc)\w*\s+(?:at\s+least\s+)?{NUMBER}\s+"
    rf"(?P<victim>[A-Za-z][\w'’-]*(?:\s+(?!(?:from|in|at|on|near|and|to|hostage)\b)[A-Za-z][\w'’-]*){{0,2}})"
    rf"\b[^.;]{{0,120}}?\b(?:(?P<verb>killed|executed|murdered|beheaded)\s+(?:all\s+of\s+)?them\b|"
    rf"(?:shot|gunned)\s+(?:all\s+of\s+)?them\s+(?:dead|down)\b)", re.I)
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "abducted three labourers from a construction site and later killed them": the
    # people taken, then killed by a pronoun
    ("killed", PRONOUN_PATTERN),
    # Active first: "killing more than 200 Taliban", "killed five policemen and
    # wounded 12 others", "left 5 dead".
    # (whose they were first: "killed his three sons", "killed a couple's nine children")
    ("killed", re.compile(rf"\b{KILL_ACTIVE}\s+(?:(?:his|her|their|(?:(?:the|a|an)\s+)?[\w-]+['’]s)\s+)?"
                          rf"(?:at\s+least\s+|as\s+many\s+as\s+|all\s+)?{NUMBER}{VICTIM_AFTER}", re.I)),
    # "recover the bodies of the 13 workers", "the deaths of the two soldiers": the dead of a
    # noun of death, however definite
    ("killed", re.compile(rf"\b(?P<verb>bodies\s+of|deaths?\s+of|killings?\s+of|murders?\s+of|massacres?\s+of)"
                          rf"\s+the\s+{NUMBER}{VICTIM_AFTER}", re.I)),
    ("injured", re.compile(rf"\b{INJURE_ACTIVE}\s+{NUMBER}{VICTIM_AFTER}", re.I)),
    # Passive: "23 Pakistani soldiers were killed", "Twenty-three soldiers
    # embraced martyrdom", "30 injured".
    ("killed", re.compile(rf"\b{NUMBER}\s+{VICTIM}{KILLED_PASSIVE}\b", re.I)),
    ("injured", re.compile(rf"\b{NUMBER}\s+{VICTIM}{INJURED_PASSIVE}\b", re.I)),
    # "the death toll rose to 12", "toll climbed to 40"
    ("killed", re.compile(
        rf"\b(?P<verb>(?:death\s+)?toll)\s+(?:[\w'’-]+,?\s+){{0,24}}?(?:rose|climbed|reached|reaches|stood|jumped|"
        rf"increased|is|was|has\s+risen|had\s+risen|rises|stands|hit|hits|crossed|touched)\s+(?:to\s+|at\s+)?{NUMBER}", re.I)),
    # "raising the death toll to 31", "bringing the toll to 40"
    ("killed", re.compile(
        rf"\b(?:rais(?:ing|ed|es)|bring(?:ing|s)?|brought|push(?:ing|ed|es)|tak(?:ing|es))\s+the\s+"
        rf"(?:overall\s+|total\s+)?(?P<verb>(?:death\s+)?toll)\s+(?:to|at)\s+{NUMBER}", re.I)),
    # "resulting in a death toll of at least 61 civilians"
    ("killed", re.compile(rf"\b(?P<verb>(?:death\s+)?toll)\s+of\s+(?:at\s+least\s+|as\s+many\s+as\s+)?{NUMBER}"
                          rf"{VICTIM_AFTER}", re.I)),
    # "claiming over 53 lives", "took 12 lives"
    ("killed", re.compile(rf"\b(?P<verb>claim(?:ed|ing|s)?|took|taking|takes)\s+{NUMBER}\s+(?P<victim>)lives\b",
                          re.I)),
    # "12 deaths", "40 fatalities"
    ("killed", re.compile(rf"\b{NUMBER}\s+(?P<verb>deaths?|fatalities|bodies|dead\s+bodies)\b", re.I)),
    # "We lost thirty-six people on the spot": a community's or a unit's dead, told by its own
    ("killed", re.compile(rf"\b(?P<verb>lost|los(?:e|es|ing))\s+(?:at\s+least\s+|over\s+|more\s+than\s+)?{NUMBER}\s+"
                          rf"(?P<victim>(?:[A-Za-z][\w'’-]*\s+)?{LOST_PEOPLE})\b", re.I)),
    # "two more lives were lost", "12 lives lost"
    ("killed", re.compile(rf"\b{NUMBER}\s+(?:more\s+|other\s+)?(?P<victim>)lives\s+(?P<verb>(?:were\s+|have\s+been\s+"
                          rf"|had\s+been\s+|was\s+)?lost)\b", re.I)),
]

# One victim named without a number: "kills policeman", "killing a soldier",
# "a journalist was shot dead in ...".
PERSON = (r"(?:policeman|soldier|civilian|militant|man|woman|child|boy|girl|officer|"
           r"constable|journalist|worker|teacher|student|leader|commander|insurgent|terrorist|"
           r"trooper|jawan|villager|cleric|politician|elder|person|guard|official|resident|"
           r"farmer|driver|shopkeeper|trader|lawyer|judge|doctor|activist|cop|tribesman|youth|"
           r"son|daughter|father|mother|brother|sister|wife|husband|uncle|nephew|niece|infant|baby|"
           r"vaccinator|nurse|medic|paramedic|reporter|photographer|cameraman|scholar|imam|"
           r"teenager|fighter|gunman|pilgrim|worshipper|priest|chief|councillor|councilor|"
           r"legislator|lawmaker|minister|mayor|businessman|contractor|labourer|laborer|"
           r"engineer|professor|sepoy|subedar|havildar|major|captain|lieutenant|colonel|sergeant|general|admiral|brigadier|"
           r"national|passenger|principal|headmaster|headteacher|headman|head|chairman|governor|"
           r"commissioner|spokesman|administrator|inspector|deputy|secretary|member|"
           r"interpreter|translator|employee|staffer|volunteer|pastor|monk|bishop|rabbi|tourist|pilot|sailor|"
           r"fisherman|herder|miner|"
           r"[a-z0-9]+[\s-]years?[\s-]old(?:\s+(?:boy|girl|child|man|woman|son|daughter))?)")
# "five Chinese engineers and their Pakistani driver were killed": a counted group and one
# more person, killed together
GROUP_AND_ONE = re.compile(
    rf"\b{NUMBER}\s+(?P<victim>(?:[A-Za-z][\w'’-]*\s+){{0,4}}[A-Za-z][\w'’-]*)\s+and\s+"
    rf"(?:their|his|her|its)\s+(?:[A-Za-z][\w'’-]*\s+)?(?:{PERSON})\s+{KILLED_PASSIVE}\b", re.I)

SINGLE_ACTIVE = re.compile(
    rf"\b(?P<verb>kill(?:ed|ing|s)?|shot\s+dead|gunned\s+down|martyr(?:ed|ing|s)?|behead(?:ed|ing|s)?|"
    rf"execut(?:ed|ing|es)|death\s+of)\s+"
    # (not a preposition first: "people killed in militant attacks" names no militant killed)
    rf"(?:(?P<n1>a|an|one)\s+)?(?!(?:in|at|on|by|during|near|from|with|for|after|before|since|over|across|along|"
    rf"inside|outside|amid|while|when)\s)(?P<victim>(?:[\w'’.-]+\s+){{0,3}}?{PERSON})\b(?!\s*(?:'s|’s))", re.I)
SINGLE_INJURED_ACTIVE = re.compile(
    rf"\b(?P<verb>injur(?:ed|ing|es)|wound(?:ed|ing|s))\s+"
    rf"(?:(?P<n1>a|an|one)\s+)?(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{PERSON})\b(?!\s*(?:'s|’s))", re.I)
SINGLE_PASSIVE = re.compile(
    rf"(?:\b(?P<n1>a|an|one)\s+|^|(?<=[:;,]\s))(?P<victim>(?:[\w'’.-]+\s+){{0,3}}?{PERSON})"
    # an appositive name needs "was": "a boy, Ranjit Paswan, was shot dead"; so does the
    # victim's town: "an official in Herat was shot dead"
    rf"(?:,\s+(?:[\w'’.-]+\s+){{0,3}}[\w'’.-]+,\s+(?=(?:was|had\s+been|has\s+been)\s)"
    rf"|\s+(?:in|from)\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){{0,2}}\s+"
    rf"(?=(?:was|had\s+been|has\s+been)\s)|\s+)"
    rf"(?P<aux>(?:(?:was|has\s+been|had\s+been|is|got|said|reported|reportedly|also|later|allegedly|"
    rf"ha[sd](?=\s+died\b))\s+){{0,2}})"
    rf"(?P<verb>killed|shot\s+dead|gunned\s+down|martyred|dies|died|slain|beheaded)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|outside|inside|"
    rf"amid|following|and)\b))", re.I)
# A headline's bare singular victim: "Pakistan says soldier killed in Kashmir",
# "envoy summoned after man killed in LoC firing", "suspect militant killed".
# Only when no determiner or number comes before the noun ("the soldier
# killed" refers back; "two soldier killed" is a figure found above).
BARE_PASSIVE = re.compile(
    rf"(?<![\w'’.-])(?<!\bthe\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)(?<!\bthis\s)"
    rf"(?<!\bthat\s)(?<!\bno\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bwhose\s)"
    rf"(?P<victim>{PERSON})\s+(?P<aux>(?:was|has\s+been|had\s+been|is|got|reportedly|ha[sd](?=\s+died\b))\s+)?"
    rf"(?P<verb>killed|shot\s+dead|gunned\s+down|martyred|slain|beheaded|dies|died)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|outside|inside|"
    rf"amid|following|and)\b))", re.I)
# One named soldier or policeman by rank: "Sepoy Muhammad Ali, 24, embraced shahadat",
# "Lance Naik Dinesh Kumar was killed" (ISPR and Indian Army style).
RANKED_NAME = re.compile(
    r"\b(?P<victim>(?:Lance\s+|Naib\s+|Sub-)?(?:Sepoy|Naik|Havildar|Subedar|Sipahi|Constable|Captain|Major|"
    r"Lieutenant|Colonel|Sergeant|Corporal|Rifleman|Gunner|Trooper|Agniveer|Inspector|Lance\s+Naik)"
    r"(?:\s+[A-Z][\w'’.-]*){1,4})(?:\s*,\s*(?:aged\s+)?\d{1,2}\s*,|\s*\(\d{1,2}\))?\s+"
    r"(?P<verb>embraced\s+(?:shahadat|martyrdom)|(?:was\s+|were\s+)?martyred|was\s+(?:also\s+)?(?:killed|shot\s+dead)|"
    r"laid\s+down\s+(?:his|her)\s+life)\b")
SINGLE_INJURED = re.compile(
    rf"(?:\b(?P<n1>a|an|one)\s+|^|(?<=[:;,]\s))(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{PERSON})\s+"
    rf"(?P<aux>(?:was|has\s+been|had\s+been|is|got)\s+)?(?P<verb>injured|wounded|hurt)\b"
    rf"(?P<after>\s*(?:$|[,.;:]|\s(?:in|at|near|on|as|after|while|by|during|when|and)\b))", re.I)
# An earlier item of a list ending in a passive figure: "30 militants, 23
# soldiers killed" -- the text before "23 soldiers killed" ends in "30 militants,".
LIST_ITEM = re.compile(rf"(?:^|(?<=[\s(]))(?:{NUMBER})\s+(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?"
                        rf"[A-Za-z][\w'’.-]*)\s*(?:,|\s+and)\s*$", re.I)

# One person opening such a list: "Senior army officer, five militants
# killed", "A soldier and two civilians were killed".  Only at the start of the
# sentence (or after a colon), where the list cannot be a prepositional object.
SINGLE_LIST_ITEM = re.compile(
    rf"(?:^|(?<=:))\s*(?:(?P<n1>a|an|one)\s+)?(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?{PERSON})"
    rf"\s*(?:,|\s+and)\s*$", re.I)

# Victims are a noun phrase: words read as them that open with a preposition are not
PREPOSITION_FIRST = re.compile(r"(?:on|in|at|after|before|during|since|from|with|by|following)\s", re.I)
TIME_PREPOSITION = re.compile(r"(?:after|before|during|since|following)\s", re.I)
A_NUMBER = re.compile(rf"\b(?:{BASE_NUMBER})", re.I)
# "Eight soldiers and a civilian driver were killed", "two policemen, three militants and a
# passer-by were killed": counted groups listed before one verb, each a figure of its own
GROUP = rf"(?:(?:at\s+least\s+)?(?:{BASE_NUMBER})|an?|one)\s+(?:[A-Za-z][\w'’-]*\s+){{0,2}}?[A-Za-z][\w'’-]*"
LEADING_LIST = re.compile(
    rf"\b(?P<items>{GROUP}(?:\s*,\s*{GROUP})*,?\s+and\s+{GROUP})\s+{KILLED_PASSIVE}\b", re.I)
GROUP_ITEM = re.compile(rf"(?P<n1>(?:at\s+least\s+)?(?:{BASE_NUMBER})|an?|one)\s+"
                         rf"(?P<victim>(?:[A-Za-z][\w'’-]*\s+){{0,2}}[A-Za-z][\w'’-]*)", re.I)
GROUP_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


NON_PERSON = re.compile(
    r"\b(?:sites?|jets?|aircraft|planes?|drones?|missiles?|rockets?|buildings?|houses?|homes?|"
    r"vehicles?|tanks?|posts?|years?|months?|weeks?|days?|nights?|hours?|minutes?|decades?|km|kilomet\w*|"
    r"miles?|percent|%|"
    r"targets?|camps?|villages?|hideouts?|bunkers?|facilities|infrastructure|acres?|crore|"
    r"lakh|rupees|dollars?|million|billion|times|rounds?)\b", re.I)


# The victims' words begin with a verb of another fate: the number is its subject.
OTHER_FATE = re.compile(
    r"^(?:have\s+|had\s+|were\s+|are\s+)?(?:fled|flee|fleeing|displaced|evacuated|trapped|stranded|missing|"
    r"arrested|detained|abducted|kidnapped|rescued|freed|released|returned|sheltering|besieged)\b", re.I)


# "no one was killed", "not one soldier died": the word "one" after a negation
NO_ONE = re.compile(r"\b(?:no|not|none)\s+(?:one\s+)?(?:of\s+(?:the\s+)?)?$", re.I)
NUMBER_GOES_ON = re.compile(r"(?:dozens?|hundreds?|thousands?|scores?)\b", re.I)


# Victims ending on a word for people ("displaced people", "a civilian driver", "jawans")
PEOPLE_LAST = re.compile(rf"\b(?:{PERSON}|people|persons|men|women|children|civilians|villagers|personnel|"
                          r"policemen|militants|terrorists|rebels|insurgents|fighters|jawans|troops|tribesmen)\w*\s*$",
                          re.I)


# "two policemen escorting a polio team", "three soldiers deployed at the post": people,
# then a participle phrase saying what they were doing (its nouns are no victims)
PARTICIPLE_AFTER = re.compile(r"^(?P<head>(?:[\w'’.()-]+\s+){0,2}?[\w'’.()-]+?)\s+"
                               r"(?=(?:[a-z]+ing|deployed|stationed|posted|assigned|aboard|onboard)\b)")
