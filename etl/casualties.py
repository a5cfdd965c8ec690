"""Casualty figures: who was killed or injured, and how many.

``find_casualties`` reads one sentence and returns each reported figure with
its kind (killed or injured), low/best/high numbers, the victim phrase and its
offsets.  Numbers (digits, words, vague quantities, qualifiers) are found and
read by :mod:`etl.numbers`; a qualifier sets the range ("more than 200" → low
200, "up to 10" → high 10, "between 5 and 8" → 5..8), and the best estimate is
always the conservative end, as ACLED and UCDP code it.
Euphemisms count: "martyred", "embraced martyrdom", "laid down their lives",
"sent to hell" (Pakistan's military statements on militants killed).
The phrases themselves are :mod:`etl.casualty_grammar`'s patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl import lexicon as lx
from etl.casualty_grammar import (
    A_NUMBER, BARE_PASSIVE, GROUP_AND_ONE, GROUP_ITEM, GROUP_SEPARATOR, LEADING_LIST, LIST_ITEM, NAMED_AND_OTHERS,
    NAMED_KILLED_WITH_OTHERS, NON_PERSON, NO_ONE, NUMBER_GOES_ON, OTHER_FATE, PARTICIPLE_AFTER, PATTERNS, PEOPLE_LAST, PERSON,
    PREPOSITION_FIRST, PRONOUN_PATTERN, RANKED_NAME, SCARE_QUOTES, SINGLE_ACTIVE, SINGLE_INJURED,
    SINGLE_INJURED_ACTIVE, SINGLE_LIST_ITEM, SINGLE_PASSIVE, TIME_PREPOSITION,
)
from etl.numbers import NUMBER, QUAL, parse_number


def _people_doing(victims: str) -> str:
    """The people of a victim phrase that goes on with what they were doing
    ("policemen escorting a polio team" -> "policemen"), else ``victims``."""
    match = PARTICIPLE_AFTER.match(victims)
    if match is None or not PEOPLE_LAST.search(match.group("head")):
        return victims
    return match.group("head")


def _other_fate(victims: str) -> bool:
    """"fled Zamzam" (not "displaced people", "abducted farmers")."""
    return bool(OTHER_FATE.search(victims)) and not PEOPLE_LAST.search(victims)


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


_FEW_FIGURE = re.compile(rf"^(?:{QUAL})?(?:several|a\s+few|a\s+handful)$", re.I)


def few(casualty: Casualty) -> bool:
    """A few of no told number ("several", "a few", "a handful"): counted at
    its low end, a guess a figure told later makes exact."""
    return bool(_FEW_FIGURE.match(" ".join((casualty.figure or "").split())))


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
    r"fatalit|sustained|lives|life\b|hell|massacr|murder|slaughter)", re.I)


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
    # "11 civilians, as well as one soldier, were killed": two figures, as with "and"
    sentence = _AS_WELL_AS.sub(lambda m: f" and {m.group(1)}".ljust(len(m.group())), sentence)
    found: list[Casualty] = []
    for kind, pattern in PATTERNS:
        for match in _matches(pattern, sentence):
            start, end = match.span()
            if any(c.start < end and start < c.end for c in found):
                continue
            victims = SCARE_QUOTES.sub("", match.groupdict().get("victim") or "").strip(" .,;:")
            if re.search(r"\b(?:and|or|but)$", victims):
                continue
            if match.groupdict().get("verb") and match.groupdict().get("victim") and \
                    match.start("verb") > match.start("victim"):
                victims = _people_doing(victims)  # (a passive figure: "two policemen escorting a team were")
            if victims and NON_PERSON.search(victims):
                continue
            if victims and _other_fate(victims):
                continue  # "400,000 fled Zamzam, 300-400 killed": the number has a verb of its own
            if NUMBER_GOES_ON.match(victims):
                continue  # "several dozen troops": the figure goes on past the word read as it
            if PREPOSITION_FIRST.match(victims) and (TIME_PREPOSITION.match(victims) or A_NUMBER.search(victims)):
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
            if NO_ONE.search(sentence[max(0, match.start("n1") - 16):match.start("n1")]):
                continue  # "no one was killed", "none of the 12 hostages died": nobody
            figure = _figure(match)
            if figure is None:
                continue
            low, best, high = figure
            if pattern is PRONOUN_PATTERN:
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
    for match in GROUP_AND_ONE.finditer(sentence):
        if PEOPLE_LAST.search(match.group("victim")):
            found.extend(_figure_and_one(sentence, match, taken=found))
    for match in NAMED_AND_OTHERS.finditer(sentence):
        named = match.group("named").split()
        if not named or not (named[0][0].isupper() or named[-1][0].isupper()):
            continue  # (not "killing five soldiers and two others")
        found.extend(_figure_and_one(sentence, match, taken=found))
    for match in NAMED_KILLED_WITH_OTHERS.finditer(sentence):
        found.extend(_figure_and_one(sentence, match, taken=found))
    for kind, pattern in (("killed", SINGLE_ACTIVE), ("killed", SINGLE_PASSIVE), ("killed", BARE_PASSIVE),
                          ("killed", RANKED_NAME), ("injured", SINGLE_INJURED_ACTIVE), ("injured", SINGLE_INJURED)):
        for match in pattern.finditer(sentence):
            start, end = match.start(), match.end("verb")
            if any(c.start < end and start < c.end for c in found):
                continue
            victims = match.group("victim").strip()
            if NO_ONE.search(sentence[max(0, match.start("victim") - 16):match.start("victim")]) or \
                    re.match(r"(?:no|not)\s+one\b", victims, re.I):
                continue  # "not one person was killed", "no one soldier died"
            if re.match(r"(?:the|his|her|their|its|this|that|whose|every|each|no)\b", victims, re.I) \
                    and pattern not in (SINGLE_ACTIVE, SINGLE_INJURED_ACTIVE):
                continue
            found.append(Casualty(kind, 1, 1, 1, victims, start, end, sentence[start:end],
                                  match.groupdict().get("n1") or "1"))
            if pattern in (SINGLE_ACTIVE, SINGLE_INJURED_ACTIVE):
                found.extend(_list_after(sentence, _name_end(sentence, match.end()), kind=kind, taken=found))
    if not _COUNTED_IN.search(sentence):
        for match in _ATTACKER_DEAD.finditer(sentence):
            start, end = match.span("victim")
            if any(c.start < end and start < c.end for c in found) or (
                    match.group("reflexive") is None and (_CLAUSE_BREAK.search(match.group("gap"))
                                                          or len(match.group("gap")) > _CLAUSE_GAP_CHARS)):
                continue
            found.append(Casualty("killed", 1, 1, 1, match.group("victim"), start, end, sentence[start:end], "1"))
    for match in LEADING_LIST.finditer(sentence):
        text, base = match.group("items"), match.start("items")
        bounds = [0, *(x for sep in GROUP_SEPARATOR.finditer(text) for x in sep.span()), len(text)]
        items = [item for a, b in zip(bounds[::2], bounds[1::2])
                 if (item := GROUP_ITEM.fullmatch(text, a, b)) is not None]
        if len(items) < 2 or any(c.kind == "killed" and c.start <= base < c.end for c in found):
            continue  # ("Two soldiers and three militants were killed": read already, item by item)
        if not all(PEOPLE_LAST.search(m.group("victim")) for m in items):
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


# The attacker's own death, one more dead (ACLED counts attackers): "a gunman killed two children
# before turning the gun on himself", "The suspected gunman is dead from a self-inflicted gunshot
# wound", "the shooter later took his own life" (a reflexive verb is the attacker's whatever comes
# between; "died", "was killed" only with no other clause between)
_ATTACKER_DEAD = re.compile(
    r"\b(?:the|a|an)\s+(?:(?:suspected|lone|alleged|masked|armed)\s+)?"
    rf"(?P<victim>{'|'.join(sorted(lx.LONE_ATTACKERS))})\b(?P<gap>[^.;:!?]{{0,120}}?)\b"
    r"(?:(?P<reflexive>(?:killed|shot)\s+(?:him|her)self|took\s+(?:his|her)\s+own\s+life|"
    r"turn(?:ed|ing)\s+the\s+(?:gun|weapon|rifle|pistol)\s+on\s+(?:him|her)self|blew\s+(?:him|her)self\s+up)|"
    r"(?:died|(?:is|was)\s+(?:found\s+)?dead|was\s+(?:shot\s+dead|killed))\b)", re.I)
_CLAUSE_BREAK = re.compile(r"\b(?:and|while|but|after|before|when|who|which)\b|[,—–]", re.I)
_CLAUSE_GAP_CHARS = 40  # ("the gunman ... died" with more between is another clause's)
# ("ten people dead, including himself", "the fatalities include the gunman who took his own life": counted)
_COUNTED_IN = re.compile(r"\binclud(?:e|es|ed|ing)\b|\bamong\b", re.I)


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
        if match is None or NON_PERSON.search(match.group("victim")) or _other_fate(match.group("victim")):
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
    rf"(?P<victim>(?:[\w'’.-]+\s+){{0,2}}?{PERSON})\b(?!\s*(?:'s|’s))"
    rf"(?!\s+(?:(?:was|were|is|are|had|has|have|got)\b|(?:also\s+)?(?:injured|wounded|hurt|arrested|detained|"
    rf"rescued|missing)\b))", re.I)


def _list_items(sentence: str, start: int, *, kind: str, taken: list[Casualty]) -> list[Casualty]:
    """Figures listed before a passive figure that share its verb."""
    items: list[Casualty] = []
    end = start
    while True:
        match = LIST_ITEM.search(sentence[:end])
        if match is None or NON_PERSON.search(match.group("victim")) or _other_fate(match.group("victim")):
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
    single = SINGLE_LIST_ITEM.search(sentence[:end])
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
    rf"\b(?P<n1>a|an|one)\s+(?P<victim>(?:[A-Za-z][\w'’.-]*\s+){{0,2}}?{PERSON})\s+and\s*$", re.I)


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
    r"(?=\s*as\s+well\s+as\b|\s*(?:(?:who|were|was|have|has|had|are|is|been|reportedly|allegedly|all|also)\s+)*"
    r"(?:killed|dead|died|slain|martyred|injured|wounded|hurt|shot|executed|perished|embraced|laid\s+down|"
    r"lost\s+(?:their|his|her)\s+lives?)\b)", re.I)
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+([^,;.()]{1,60}?),(?=\s*(?:were|was|have|has|had|are)\b)", re.I)
# Victims counted among the dead already told: "five of the victims", "most of
# the dead", "two of those killed".
_BREAKDOWN = re.compile(r"of\s+those$|of\s+(?:the|those|these|whom)\s+(?:victims|dead|deceased|killed|fatalities|deaths|"
                        r"casualties|bodies)\b", re.I)
_WRITTEN_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b")
_AGES = re.compile(r"\b(?:aged|ages?)\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:and|to|-|–)\s*\d{1,3})?\b", re.I)
_LEFT_DEAD = re.compile(r"\b(?:dead|killed|lifeless)$", re.I)


_MONTH_FIRST = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?")


def _is_year_or_date(sentence: str, match: re.Match[str]) -> bool:
    n1 = match.group("n1")
    if n1.isdigit() and len(n1) == 4 and 1900 <= int(n1) <= 2100:
        return True
    before = sentence[max(0, match.start("n1") - 12):match.start("n1")].lower()
    if _MONTH_FIRST.match((match.groupdict().get("victim") or "").strip()):
        return True  # "On Tuesday, 3 June, at least 27 … were killed": a day, not three dead
    return bool(re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", before))


def named_with_others(casualty: Casualty) -> bool:
    """Is the figure one named person and the others killed with them ("killing
    Haytham Tabtabai along with four others": five, not four more)?"""
    return casualty.kind == "killed" and (NAMED_AND_OTHERS.fullmatch(casualty.text) is not None
                                          or NAMED_KILLED_WITH_OTHERS.fullmatch(casualty.text) is not None)

