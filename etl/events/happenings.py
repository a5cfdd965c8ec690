"""Stage 3b, happenings: the mentions of one article that tell one happening.

A news article tells its story several times: headline, lead, quotes, a
recap further down, a reaction that names it again.  Each mention becomes a
draft (:mod:`~etl.events.article`); here the drafts of one happening are
grouped, in text order, each joining the most recent happening it can be:

* the same type (for Strategic developments, the same sub-type; two
  weapons named -- a missile strike and a drone attack -- are two
  happenings); or another type when the mention is a generic word typed a
  clash for want of evidence ("the attack"), a toll report ("three people
  were killed in Beersheba"), police violence at a crowd, or a strike and
  the attack on civilians it was with the same target ("attacked a
  displacement shelter" and "a drone attack struck a shelter"); a protest
  and a riot of one crowd; never a battle and a massacre, nor the target
  hitting back ("the policemen returned fire");
* places that can be the same: when both mentions name their own place, the
  same place, one inside the other, or within :data:`NEAR_KM`; a mention
  whose place is borrowed (from the previous sentence, the scene, the
  article's town or country) fits any place in that country;
* dates that can be the same, with every date the happening's mentions give:
  two own dates the same day (or one inside the other's week or month), the
  day of a report ("the ministry on Thursday said …") within
  :data:`~etl.events.core.REPORT_DAYS`; a borrowed date fits any, but a
  mention with a borrowed place and a date of its own joins only on its day
  (:mod:`~etl.events.happening_dates`);
* not told as another happening ("another attack", "a second strike", "a
  follow-up drone attack": never the first happening of its type).

A definite mention ("the protests") starts a happening only with a place, a
date or a toll of its own; a reaction ("condemned the attack", "funeral
prayers for those killed", "a pattern of strikes") only with the place the
event happened at and a date or a toll.  A mention is compared with the
:data:`RECENT_HAPPENINGS` happenings told most recently, and a happening
keeps what the comparison needs up to date, so a long text costs time in
proportion to its mentions.

A happening takes its most specific place and date, the type of its most
specific mention (lethal force first for a crowd), and the toll of its best
mention, never a sum over mentions (:mod:`~etl.events.happening_tolls`).  Happenings of one (type, place, date) are one event whose
toll is their sum.  Its role is background when every mention recalls it
("after a deadly raid on 13 June") or it is dated before the article's
first-told happening, else main.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Token

from etl import lexicon as lx
from etl.dates import DAY, MONTH, WEEK, borrowed_precision
from etl.events.anaphora import spread_to
from etl.events.consequences import consequence_of_violence
from etl.events.core import VIOLENT, Draft
from etl.events.crowds import CROWD_WORDS
from etl.events.happening_dates import (
    EARLIER_THIS, date_source, dates_fit, first_source, killed_figures, weekday_only,
)
from etl.events.place_kinds import KIND_LEVEL, UNPLACED, within
from etl.events.syntax import governing_verb, target_words
from etl.events.realis import told_before
from etl.events.territory import TERRITORY_TAKEN, place_object
from etl.events.told_again import bare_reference
from etl.spacy_model import span_text
from geo.records import Place

NEAR_KM = 30.0
SITE_KM = 10.0  # two towns each with a toll of its own: two happenings beyond this
RECENT_HAPPENINGS = 60  # a mention is compared with this many most recently told happenings
# One crowd told as a protest and as a riot: lethal force against it types it
# first, then the protesters' violence.
_CROWD_RANK = {"Excessive force against protesters": 0, "Violent demonstration": 1, "Mob violence": 1,
               "Protest with intervention": 2, "Peaceful protest": 3}
# Trigger words that name violence without saying what kind: a mention with
# such a word may tell the same happening as a more specific one of another
# violent type.
GENERIC_WORDS = frozenset({"attack", "assault", "raid", "kill", "strike", "hit", "target", "violence",
                           "massacre", "killing", "operation", "offensive", "fire", "shoot", "destroy",
                           "martyr", "die", "death", "incident", "shooting",
                           "down"})  # "gunned down", "a helicopter was shot down"


# "returned fire", "exchanged fire", "traded fire": two sides fired
_FIRE_RETURNED = lx.FIRE_EXCHANGE_VERBS | {"return"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One draft at one of its places (``part``/``parts``: the share of a
    figure reported over several places)."""

    draft: Draft
    place: Place
    part: int
    parts: int

    @property
    def generic(self) -> bool:
        token = self.draft.trigger.token
        if token.lemma_.lower() == "fire" and token.head.lemma_.lower() in _FIRE_RETURNED:
            return False  # "returned fire", "exchanged fire": an armed clash
        return token.lemma_.lower() in GENERIC_WORDS

    @property
    def default_typed(self) -> bool:
        """A generic word typed Armed clash for want of evidence ("the
        attack" with no weapon and no victims named): it takes the type of
        the happening it tells."""
        trigger = self.draft.trigger
        return self.generic and (trigger.event_type, trigger.sub_event_type) == (lx.BATTLES, "Armed clash")


def _crowd_rank(m: Mention) -> float:
    """Lethal force against a crowd types it before the crowd's own
    violence, unless the deaths are told as the outcome of that violence
    ("demonstrators attacked police stations, leaving four people dead"):
    then it was a riot the police met (ACLED keeps Excessive force for
    force used on peaceful protesters)."""
    subtype = m.draft.trigger.sub_event_type
    token = m.draft.trigger.token
    crowd_acts = (token.dep_ == "nsubj" and token.lower_ in CROWD_WORDS and token.head.pos_ == "VERB") or (
        token.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ in CROWD_WORDS for c in token.children))
    if subtype == "Violent demonstration" and crowd_acts and killed_figures(m.draft) - {0}:
        return -1
    return _CROWD_RANK.get(subtype, 4)


def _anchor_key(m: Mention) -> tuple[int, bool, float, bool, float, int]:
    # a bare "the strikes" told at places of its own ("The strikes hit Bahawalpur, Muridke
    # and Kotli") still names remote violence: it types a happening before a generic word
    # typed by its victims ("26 people were killed"), though after any mention that names
    # the weapon; a bare reference back ("ten were injured in the strike") types nothing
    victims = _told_by_victims(m)
    bare = _bare_strike(m)
    weakest = m.default_typed or _only_claimed(m) or _sideless_toll(m) or (bare and not m.draft.own_place) or \
        m.draft.trigger.sub_event_type == "Looting/property destruction" or \
        _graves_of_the_victims(m.draft)  # (the burning an attack did, the graves its victims were found in)
    return (2 if weakest else 1 if bare or victims else 0, victims,
            _crowd_rank(m),
            not m.draft.own_place, KIND_LEVEL.get(m.place.kind, 3), m.draft.sentence_index)


def _sideless_toll(m: Mention) -> bool:
    """"Many were shot dead", naming no side: typed a clash for want of
    evidence, it does not type the happening it joins."""
    trigger = m.draft.trigger
    return (trigger.event_type, trigger.sub_event_type) == (lx.BATTLES, "Armed clash") and \
        not m.draft.actor1 and not m.draft.actor2 and _agentless_toll(m)


def _only_claimed(m: Mention) -> bool:
    """"The BLA had claimed to have killed 50 passengers": what a party
    claims it did does not type the happening told as fact."""
    token = m.draft.trigger.token
    return token.dep_ in ("xcomp", "ccomp") and token.head.lemma_.lower() == "claim"


def _bare_strike(m: Mention) -> bool:
    """"Twenty were injured in the strike" after terrorists opened fire: a
    bare reference back does not type the attack (see
    :func:`~etl.events.told_again.bare_reference`)."""
    return m.draft.trigger.event_type == lx.REMOTE and bare_reference(m.draft.trigger.token, m.draft.sentence)


# the weapons that tell a strike from the air from shelling or a missile (lexicon.WEAPON_SUBTYPES)
_STRIKE_WEAPONS = {subtype: vocabulary for vocabulary, _, subtype in lx.WEAPON_SUBTYPES
                   if subtype in ("Air/drone strike", "Shelling/artillery/missile attack")}


def _weapon_told(m: Mention) -> bool:
    """Is the mention told with one kind of weapon ("drone strike", "65
    striking drones", "a missile struck", "attacked Ukraine with 60 drones",
    "launched a missile strike", "the missile"; not "missile and drone
    attacks", nor "the explosion")?"""
    token = m.draft.trigger.token
    words = [token]
    words += [token.head] if token.dep_ in ("amod", "compound", "acl") else []  # ("drones launched from …")
    words += [c for c in token.children if c.dep_ in ("compound", "amod", "nsubj")]
    words += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "by") for g in c.children
              if g.dep_ == "pobj"]
    words += [g for c in token.children if c.dep_ == "dobj" for g in (c, *c.children)
              if g.dep_ in ("dobj", "compound")]  # "launched a ballistic missile strike"
    words += [c for w in [*words, token] for c in w.conjuncts]  # (however "missile and drone attacks" parses)
    kinds = {subtype for w in words for subtype, vocabulary in _STRIKE_WEAPONS.items() if w.lower_ in vocabulary}
    return len(kinds) == 1


def _told_by_victims(m: Mention) -> bool:
    """A generic word typed an attack on civilians by its victims ("53
    people were killed when the RSF attacked a shelter"): when the same
    happening is told with its weapon ("the shelling and drone attack"), the
    weapon types it, as ACLED codes remote violence against civilians as
    Explosions/Remote violence."""
    trigger = m.draft.trigger
    return trigger.event_type == lx.VAC and trigger.sub_event_type == "Attack" and m.generic


class Happening:
    """The mentions of one happening, with what the grouping asks of them
    kept up to date as mentions join (so a long article costs time in
    proportion to its mentions, not their square)."""

    def __init__(self, first: Mention) -> None:
        self.mentions: list[Mention] = []
        self.typed_as: tuple[str, str] | None = None  # a type taken from the same mention's other places
        self.anchor: Mention = first  # the mention that types the happening (see ``_anchor_key``)
        self.drafts: set[int] = set()
        self.all_default_typed = True
        self.all_generic = True
        self.all_crowd_clash = True
        self.own_places: dict[str, Place] = {}  # distinct places the mentions name as their own
        self.dates: set[tuple[object, int, str]] = set()  # distinct own or reported dates
        self.actor2s: set[str] = set()
        self.killed_figures: set[int] = set()  # the killed figures its mentions give
        self.lemmas: set[str] = set()  # the words of the sentences that tell it (see ``_home``)
        # the violent types its mentions give (not those typed for want of evidence):
        # subtypes, and whether a generic word gave the type
        self.kinds: dict[str, tuple[set[str], bool]] = {}
        self._place: Mention = first
        self._dated: Draft = first.draft
        self.add(first)

    def add(self, mention: Mention) -> None:
        draft = mention.draft
        self.mentions.append(mention)
        self.drafts.add(id(draft))
        if _anchor_key(mention) < _anchor_key(self.anchor):
            self.anchor = mention
        self.all_default_typed &= mention.default_typed
        self.all_generic &= mention.generic
        self.all_crowd_clash &= _crowd_clash(mention)
        if draft.actor2:
            self.actor2s.add(draft.actor2)
        self.killed_figures |= killed_figures(draft)
        self.lemmas.update(t.lemma_.lower() for t in draft.sentence)
        if draft.trigger.event_type in VIOLENT and not mention.default_typed:
            subtypes, generic = self.kinds.get(draft.trigger.event_type, (set(), False))
            subtypes.add(draft.trigger.sub_event_type)
            self.kinds[draft.trigger.event_type] = (subtypes, generic or mention.generic)
        if draft.own_place:
            self.own_places.setdefault(mention.place.place_id, mention.place)
        if draft.date_value is not None and (draft.own_date or draft.date_from == "report"):
            self.dates.add((draft.date_value, draft.date_precision, date_source(draft)))
        current = self._place
        if _place_key(mention) < _place_key(current):
            self._place = mention
        self._dated = _better_dated(self._dated, draft)

    @property
    def last_index(self) -> int:
        return self.mentions[-1].draft.sentence_index

    @property
    def event_type(self) -> str:
        return self.typed_as[0] if self.typed_as else self.anchor.draft.trigger.event_type

    @property
    def sub_event_type(self) -> str:
        return self.typed_as[1] if self.typed_as else self.anchor.draft.trigger.sub_event_type

    @property
    def place(self) -> Place:
        """The finest place a mention names as its own, else the first borrowed one."""
        return self._place.place

    @property
    def own_place(self) -> bool:
        return bool(self.own_places)

    def redate(self, other: Draft) -> None:
        """Take the date of ``other`` (another happening's), as borrowed."""
        self._dated = replace(self._dated, date_value=other.date_value,
                              date_precision=borrowed_precision(other.date_precision))

    def dated(self) -> Draft:
        """The draft that dates the happening: its own date at the finest
        precision, else the day of a report of it, else the first date
        borrowed from another sentence, else the first."""
        return self._dated


def _place_key(mention: Mention) -> tuple[bool, int, bool, int]:
    """Which mention places a happening (smaller first): its own place before
    a borrowed one, then the finer; a country is no better than a borrowed
    place ("Israel attacked Syrian compounds" does not move the clashes told
    in Sweida to Syria), but a country named as the venue beats one the
    article's context gave ("talks in Saudi Arabia" after a meeting placed in
    the United States for want of a venue)."""
    draft = mention.draft
    own = draft.own_place and mention.place.kind != "country"
    return (not own, KIND_LEVEL.get(mention.place.kind, 3), not draft.own_place, draft.sentence_index)


def _better_dated(current: Draft, new: Draft) -> Draft:
    def rank(d: Draft) -> tuple[int, int, int]:
        # (a day borrowed from the sentences before, or the lead's, before the publication's alone; a
        # month borrowed is no better than the publication's week: the first of them dates it)
        borrowed_day = d.date_precision == WEEK and first_source(d) != "published"
        return (0 if d.own_date else 1 if d.date_from == "report" else 2 if borrowed_day else 3,
                (d.date_precision or 9) if d.own_date else 0, d.sentence_index)
    return new if rank(new) < rank(current) else current


# --------------------------------------------------------------------------- grouping


def group_mentions(drafts: Sequence[Draft]) -> list[Happening]:
    """The happenings the drafts of one article tell, in order of first mention."""
    happenings: list[Happening] = []
    for draft in drafts:
        for i, place in enumerate(draft.places):
            mention = Mention(draft, place, i, len(draft.places))
            home = _home(mention, happenings)
            if home is not None:
                home.add(mention)
            elif _may_start(mention):
                happenings.append(Happening(mention))
    happenings = _pictures_told(happenings)
    _borrowed_dates(happenings)
    _type_siblings(happenings)
    _type_splits(happenings)
    _type_tolls(happenings)
    _type_anaphors(happenings)
    happenings = _rally_apart(happenings)
    return [h for h in happenings if not consequence_of_violence(h, happenings, places_fit=_places_fit)]


def _pictures_told(happenings: list[Happening]) -> list[Happening]:
    """A photo's caption shows what the story tells: a happening told only
    in captions ("Protesters throw fireworks at gardai near the hotel on
    Wednesday night. Photograph: ...") is the happening of the story that
    fits it on the picture's day, when one does (not a strike of March
    pictured in a report of April's, nor the looting of the strike's first
    day in a report of the second day's riots)."""
    out = list(happenings)
    for happening in happenings:
        if not all(m.draft.caption for m in happening.mentions):
            continue
        days = {m.draft.date_value for m in happening.mentions}
        told = next((h for h in out if h is not happening and not all(m.draft.caption for m in h.mentions)
                     and days & {m.draft.date_value for m in h.mentions}
                     and all(_fits(m, h) for m in happening.mentions)), None)
        if told is not None:
            for mention in happening.mentions:
                told.add(mention)
            out.remove(happening)
    return out


# A crowd of tens of thousands or more ("hundreds of thousands of citizens protested", "a rally
# of 110,000 people"): a mass rally, news of its own
_CROWD_SIZE = re.compile(r"\b(?:hundreds\s+of\s+thousands|tens\s+of\s+thousands|[1-9]\d{1,2},\d{3}|[1-9]\d{4,})\s+"
                         r"(?:of\s+)?(?:people|protesters|protestors|demonstrators|citizens|marchers|supporters|"
                         r"students|residents)\b", re.I)


def _rally_apart(happenings: list[Happening]) -> list[Happening]:
    """"Hundreds of thousands protested in Belgrade" and "fights broke out
    between protesters and the police": a rally told as such and the
    clashes told of it are two events of two types (a peaceful protest and a
    violent demonstration), not one riot.  The rally's mentions are those
    typed a peaceful protest that tell no one killed, the first of the
    happening's, one of them telling a crowd of tens of thousands or more
    (not "taxi drivers launched a strike", which "turned violent", nor
    "more than 1,000 students protested" before they stormed parliament:
    the riot's start)."""
    out: list[Happening] = []
    for happening in happenings:
        rally = [m for m in happening.mentions if m.draft.trigger.sub_event_type == "Peaceful protest"
                 and not killed_figures(m.draft) - {0}]
        rest = [m for m in happening.mentions if m not in rally]
        if happening.sub_event_type != "Violent demonstration" or not rally or not rest or \
                happening.mentions[0] is not rally[0] or \
                not any(_CROWD_SIZE.search(span_text(m.draft.sentence)) for m in rally):
            out.append(happening)
            continue
        for part in sorted((rally, rest), key=lambda ms: ms[0].draft.sentence_index):
            split = Happening(part[0])
            for mention in part[1:]:
                split.add(mention)
            out.append(split)
    return out


def _borrowed_dates(happenings: Sequence[Happening]) -> None:
    """A happening dated only by the sentence told before it takes the date
    that sentence's happening was given in the end: "59 were killed, the
    governor said on Sunday.  Among them were soldiers who died defending
    the town.  The attack occurred on Friday" -- the defenders' fight is of
    Friday, not of the day the governor spoke."""
    home_of = {draft_id: h for h in happenings for draft_id in h.drafts}
    for happening in happenings:
        dated = happening.dated()
        source = dated.dated_by
        if dated.date_from != "previous" or source is None:
            continue
        home = home_of.get(id(source))
        better = home.dated() if home is not None and home is not happening else None
        if better is None or better is source or better.date_value is None or not better.own_date:
            continue
        happening.redate(better)


def typed_only_by_victims(happenings: Sequence[Happening]) -> Happening | None:
    """The story's first happening told as news, when every mention of it
    was typed an attack on civilians by its victims ("an attack on a funeral
    killed 40 people"): the one a weapon the headline names may type
    (:func:`type_by_headline`); not "the April 22 attack in Pahalgam killed
    26", recalled under "India strikes nine sites, Pakistan says 26 civilians
    killed"."""
    first = next((h for h in happenings if not all(m.draft.trigger.background for m in h.mentions)), None)
    if first is None or first.typed_as is not None or not all(_told_by_victims(m) for m in first.mentions):
        return None
    return first


def type_by_headline(happening: Happening, weapon: tuple[str, str], killed: set[int]) -> None:
    """"RSF drone strike on Sudan funeral kills 40 mourners" over a body that
    says only "an attack on a funeral killed 40 people": the weapon the
    headline names types the happening whose toll it gives."""
    if happening.killed_figures & killed:
        happening.typed_as = weapon


def _type_splits(happenings: Sequence[Happening]) -> None:
    """"17 were killed in clashes in Kathmandu, while two others died in
    Sunsari": the toll told at another place is a happening of the same kind
    as the one it was told beside (the crackdown the clashes belong to)."""
    home = {id(m.draft): h for h in happenings for m in h.mentions}
    for happening in happenings:
        if not all(m.draft.split_from is not None for m in happening.mentions):
            continue
        origins = {id(home[id(m.draft.split_from)]): home[id(m.draft.split_from)] for m in happening.mentions
                   if id(m.draft.split_from) in home}
        if len(origins) == 1:
            origin = next(iter(origins.values()))
            if origin is not happening:
                happening.typed_as = (origin.event_type, origin.sub_event_type)


def _type_siblings(happenings: Sequence[Happening]) -> None:
    """"Attacks took place on its Fordo, Isfahan and Natanz sites": when one
    of the places joined a happening of a known type (the US air strikes),
    the others, typed a clash for want of evidence, are strikes too; so are
    the other places of a toll that names no killer ("26 civilians were
    killed in the Indian strikes, including in Muzaffarabad and Bahawalpur")."""
    home = {(id(m.draft), m.part): h for h in happenings for m in h.mentions}
    for happening in happenings:
        anchor = happening.anchor
        if not (anchor.default_typed or (anchor.parts > 1 and _agentless_toll(anchor))):
            # (nor a toll that names no killer: "26 were killed in the strikes, in A and B"; a
            # mention that does not type the happening, "Kyiv claims to have hit 41 aircraft",
            # leaves it untyped)
            continue
        for mention in happening.mentions:
            for part in range(mention.parts):
                other = home.get((id(mention.draft), part))
                if other is not None and other is not happening and not other.anchor.default_typed \
                        and other.event_type in VIOLENT:
                    happening.typed_as = (other.event_type, other.sub_event_type)
                    break
            if happening.typed_as:
                break


def _type_tolls(happenings: Sequence[Happening]) -> None:
    """"Israeli strikes hit several areas on Wednesday … In the Khan Younis
    area, thirteen people were killed": a happening told only by a toll ("were
    killed", "died", no killer named) is of the kind of the violent happening
    told just before it on the same day."""
    for i, happening in enumerate(happenings):
        if happening.typed_as or not all(_agentless_toll(m) for m in happening.mentions):
            continue
        before = _violent_before(happenings, i)
        if before is None:
            continue
        if any(_cause_named(m) for m in happening.mentions) and not (
                before.event_type == lx.REMOTE and all(_generic_cause(m) for m in happening.mentions)):
            # "killed in a separate attack" names its own cause; in a missile or drone
            # article a generic one ("three more were killed in separate Russian
            # attacks") is of the weapons told
            continue
        happening.typed_as = (before.event_type, before.sub_event_type)


def _violent_before(happenings: Sequence[Happening], i: int) -> Happening | None:
    """The violent happening told just before the i-th, when both are dated
    and at most a day apart."""
    before = next((h for h in reversed(happenings[:i]) if h.event_type in VIOLENT), None)
    if before is None:
        return None
    when, other = happenings[i].dated().date_value, before.dated().date_value
    return before if when is not None and other is not None and abs((when - other).days) <= 1 else None


def _type_anaphors(happenings: Sequence[Happening]) -> None:
    """"65 drones attacked Ukraine … The enemy's attack affected the Sumy and
    Cherkasy regions": a definite generic word typed a clash for want of
    evidence, told at places of its own, is of the kind of the violent
    happening told just before it on the same day."""
    for i, happening in enumerate(happenings):
        if happening.typed_as or not happening.all_default_typed or \
                not any(m.draft.anaphor for m in happening.mentions):
            continue
        before = _violent_before(happenings, i)
        if before is not None and not before.all_default_typed:
            happening.typed_as = (before.event_type, before.sub_event_type)


def _cause_named(mention: Mention) -> bool:
    """Does the toll name what killed ("killed in a separate attack") or say
    it is another happening?"""
    token = mention.draft.trigger.token
    return mention.draft.another or any(
        g.lemma_.lower() in lx.NOUN_TRIGGERS for c in token.children if c.dep_ == "prep"
        for g in c.children if g.dep_ == "pobj")


def _generic_cause(mention: Mention) -> bool:
    """Is every cause the toll names a generic word ("in separate attacks")?"""
    token = mention.draft.trigger.token
    causes = [g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children
              if g.dep_ == "pobj" and g.lemma_.lower() in lx.NOUN_TRIGGERS]
    return all(cause in GENERIC_WORDS for cause in causes)


def _home(mention: Mention, happenings: Sequence[Happening]) -> Happening | None:
    # the happenings told most recently (a bound on very long texts)
    recent = sorted(happenings, key=lambda h: h.last_index)[-RECENT_HAPPENINGS:] \
        if len(happenings) > RECENT_HAPPENINGS else happenings
    fitting = [h for h in recent if _fits(mention, h)]
    if mention.draft.another:
        # "another attack", "a follow-up drone attack": not the first happening
        # of its type told, or, when none is, of the violent ones: "soldiers were
        # killed in a separate attack" after a massacre (a later one may be the
        # same, told again)
        etype = mention.draft.trigger.event_type
        first = next((h for h in happenings if h.event_type == etype), None)
        if first is None and etype in VIOLENT:
            first = next((h for h in happenings if h.event_type in VIOLENT), None)
        fitting = [h for h in fitting if h is not first]
    if spread_to(mention.draft.trigger.token) and mention.draft.own_place:
        # "the unrest, which expanded to cities including Hamadan": new sites, not a refinement
        fitting = [h for h in fitting if mention.place.place_id in h.own_places]
    if mention.draft.place_from == "previous":
        # "two soldiers were killed in a separate attack in Guma.  … the police tried
        # to engage them": a mention placed by the sentence before it goes on with that
        # sentence's story, not with a happening told as separate at another place
        fitting = [h for h in fitting if mention.place.place_id in h.own_places
                   or not any(m.draft.another for m in h.mentions)]
    if not fitting:
        return None
    if mention.draft.restates is not None:
        # "… three other soldiers lost their lives in the assault": the event whose toll it repeats
        told = [h for h in fitting if id(mention.draft.restates) in h.drafts]
        if told:
            return told[0]
    if (mention.draft.anaphor or mention.default_typed) and len(fitting) > 1:
        # "The attack, which occurred on Friday": the happening told with that word
        # ("a community attacked by herdsmen"), not the fight told since
        lemma = mention.draft.trigger.token.lemma_.lower()
        fitting = [h for h in fitting if lemma in h.lemmas] or fitting
    # the most recent one; among those told as recently, the one told at this very
    # place ("explosions near Tel Aviv and Beersheba.  Three were killed in
    # Beersheba"), then the same type
    return max(fitting, key=lambda h: (h.last_index, mention.place.place_id in h.own_places,
                                       h.event_type == mention.draft.trigger.event_type))


_VAGUE_TARGETS = frozenset({"people", "civilians", "area", "areas", "city", "town", "village", "forces",
                            "country", "region", "province", "district", "state"})


def _targets(mention: Mention) -> set[str]:
    """The nouns a mention names as its target (its object, the object of
    "on/against/at", or the object of the verb it is the subject of:
    "a drone attack struck a shelter")."""
    token = mention.draft.trigger.token
    words = set(target_words(token))
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        words |= target_words(token.head)
    for noun in (g for c in token.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                 for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in lx.NOUN_TRIGGERS):
        words |= set(target_words(noun))  # "killed in an attack on a tent": the attack's target
    doc = token.doc
    nouns = {t.lemma_.lower() for t in doc[max(0, token.i - 12):token.i + 16] if t.lower_ in words
             and t.pos_ in ("NOUN", "PROPN")}
    return nouns - _VAGUE_TARGETS


def _crowd_clash(mention: Mention) -> bool:
    """"Clashes", firing or killing with no armed group or army named
    ("police fired tear gas … witnesses reported live gunfire", "most were
    killed by police"): police and a crowd."""
    trigger = mention.draft.trigger
    if trigger.event_type != lx.BATTLES or trigger.token.lemma_.lower() not in _CROWD_VIOLENCE:
        return False
    words = {t.lower_ for t in mention.draft.sentence}
    return not words & (lx.MILITANT_WORDS | lx.MILITARY_WORDS)


_CROWD_VIOLENCE = frozenset({"clash", "fire", "shoot", "kill", "gunfire", "firing", "die", "dead"})


def _toll_report(mention: Mention) -> bool:
    """"Three people were killed in Beersheba", "two others died", "many
    were shot dead": a toll told of whatever happening killed them."""
    token = mention.draft.trigger.token
    if token.lower_ == "dead" and token.dep_ in ("oprd", "acomp", "advmod") and token.head.lemma_.lower() == "shoot":
        token = token.head  # "many were shot dead"
    lemma = token.lemma_.lower()
    if lemma == "kill" and token.dep_ == "acl" and token.tag_ == "VBN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "those", "these") for c in token.head.children):
        return True  # "the three children killed were named …": the dead told before, told again
    return token.pos_ == "VERB" and (lemma == "die" or (lemma in ("kill", "martyr", "shoot") and any(
        c.dep_ == "nsubjpass" for c in token.children) and (lemma != "shoot" or any(
            c.lower_ == "dead" for c in token.children))) or (lemma == "lose" and any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() == "life" for c in token.children)))


def _agentless_toll(mention: Mention) -> bool:
    """"Israel's ambulance service said three people were killed in Beersheba":
    a toll that names no killer (its actor is a guess from the sentence)."""
    token = mention.draft.trigger.token
    # (the agent of "shot dead by gunmen" hangs on "shot")
    verbs = [token, token.head] if token.dep_ in ("oprd", "acomp", "advmod") else [token]
    return _toll_report(mention) and not any(c.dep_ == "agent" for v in verbs for c in v.children)


def _may_start(mention: Mention) -> bool:
    """A reaction ("condemned the attack") starts a happening only when it
    names the place and gives a date or a toll of its own; a definite
    mention ("the protests") when it gives any of them."""
    draft = mention.draft
    toll = any(c.kind == "killed" for c in draft.casualties)
    # a place of its own here is one the event happened at ("the attack in
    # Sumy"), not any place the sentence names ("named Moscow as the perpetrator")
    located = draft.place_from in ("locative", "border", "none") or (
        # "announced the fall of Velyka Novosilka": the place taken is where it happened
        draft.trigger.sub_event_type in TERRITORY_TAKEN and place_object(draft.trigger.token))
    if located and spread_to(draft.trigger.token):
        return True  # "the unrest, which expanded to cities including Hamadan": news at new sites
    if draft.reaction:
        # (or with both: "should investigate the executions of 22 men on May 12 in [a town
        # no gazetteer knows]")
        return (located and (draft.own_date or toll)) or (draft.own_date and toll)
    if draft.anaphor:
        return located or draft.own_date or toll
    return True


def _fits(mention: Mention, happening: Happening) -> bool:
    draft = mention.draft
    if id(draft) in happening.drafts:
        return False  # one draft's places are distinct sites
    if draft.split_from is not None and id(draft.split_from) in happening.drafts:
        return False  # "…, while two others died in Sunsari": told as another place's toll
    if draft.trigger.background and any(
            m.draft.sentence_index == draft.sentence_index and not m.draft.trigger.background
            and told_before(draft.trigger.token, m.draft.trigger.token) for m in happening.mentions):
        return False  # "the attack occurred five days after armed men struck a school": an earlier one
    if not _types_fit(mention, happening):
        return False
    if not _places_fit(mention, happening):
        return False
    return dates_fit(draft, happening)


_FOUND_DEAD = frozenset({"victims", "bodies", "corpses", "remains"})


def _graves_of_the_victims(draft: Draft) -> bool:
    """Is the draft a mass grave where the dead told before were found ("The
    victims, all men, were taken from a market and later found buried in two
    mass graves"): "the victims", "the bodies" or "their bodies" named in its
    sentence?"""
    token = draft.trigger.token
    return draft.trigger.sub_event_type == "Other" and token.lower_ in ("grave", "graves") and any(
        t.lower_ in _FOUND_DEAD and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "their", "these")
                                        for c in t.children) for t in draft.sentence)


def _types_fit(mention: Mention, happening: Happening) -> bool:
    draft = mention.draft
    etype, subtype = draft.trigger.event_type, draft.trigger.sub_event_type
    if {etype, happening.event_type} <= {lx.PROTESTS, lx.RIOTS}:
        return True  # "violent protests" and "the protests": one crowd
    if _crowd_clash(mention) and happening.event_type in (lx.PROTESTS, lx.RIOTS):
        return True  # "17 were killed in clashes" in the protests told before
    if _toll_report(mention) and happening.sub_event_type == "Excessive force against protesters":
        return True  # "at least 19 people were killed": the toll of the crackdown told before
    if etype in (lx.PROTESTS, lx.RIOTS) and happening.all_crowd_clash:
        return True
    if lx.RIOTS in (etype, happening.event_type) and \
            "Looting/property destruction" in (subtype, happening.sub_event_type):
        return True  # "protesters set the parliament ablaze" and "hundreds torched the main building"
    if happening.event_type == lx.PROTESTS and subtype == "Looting/property destruction" and not draft.actor1 \
            and not draft.own_place:
        return True  # "many polling stations were set ablaze" in a report of the protests: in the unrest
    if subtype == "Looting/property destruction" and happening.event_type in VIOLENT and _by_attackers(draft):
        return True  # "victims were hacked to death, while the attackers set fire to the church hall": the attack
    if happening.event_type in VIOLENT and _graves_of_the_victims(draft):
        return True  # "the victims … were later found buried in two mass graves": the killing's dead found
    if etype == happening.event_type:
        if etype == lx.STRATEGIC:
            if {subtype, happening.sub_event_type} == {"Diplomacy", "Agreement"} and (
                    not draft.own_place or (draft.places and draft.places[0].kind == "country")) and \
                    not _other_day(draft, happening):
                return True  # "after the meeting, both countries agreed to exchange prisoners": the talks' deal
                # (not talks held "on Wednesday" before a deal told of Thursday: two events)
            return subtype == happening.sub_event_type
        if etype == lx.VAC and "Sexual violence" in (subtype, happening.sub_event_type) and \
                subtype != happening.sub_event_type and (killed_figures(draft) or happening.killed_figures) - {0} and \
                all(m.draft.sentence_index != draft.sentence_index for m in happening.mentions):
            # "40 civilians were killed in an attack on a funeral" and, paragraphs on, "abuse,
            # including rape, at the hands of the RSF": rape told apart from a killing is another act
            return False
        # two weapons named: a missile strike and a drone attack are two happenings (so are
        # "65 striking drones" and a missile strike)
        return subtype == happening.sub_event_type or ((mention.generic or happening.anchor.generic) and not (
            _weapon_told(mention) and _weapon_told(happening.anchor)))
    if etype in VIOLENT and happening.event_type in VIOLENT:
        if (_told_event_went(draft) or (_doers_told_before(draft) and happening.anchor.generic)) and \
                not draft.own_date and subtype not in _FROM_AFAR and \
                happening.last_index >= draft.sentence_index - _DOERS_REACH:
            # "A deadly terrorist attack rocked Zahedan ... The assailants stormed the courthouse ...
            # Security forces responded, engaging the attackers": what the attackers just told did, or
            # what was done to them, is that happening, whatever its type (not strikes from the
            # air on "the fleeing terrorists" after the attack); so is what a clause on "the attack"
            # tells of it ("the attack was staged around 6 pm, with five gunmen storming the building")
            return True
        if draft.actor1 and draft.actor1 in happening.actor2s and not _agentless_toll(mention):
            return False  # the target hits back ("the policemen returned fire"): another happening
        if etype in happening.kinds:
            # the type of another of its mentions ("killed when the RSF attacked a
            # shelter", typed by the drone attack told next, and "60 were killed in
            # a massacre")
            subtypes, generic = happening.kinds[etype]
            if subtype in subtypes or mention.generic or generic:
                return True
        # "the attack" typed a clash for want of evidence tells the happening
        # whatever its type; a strike is also an attack on the civilians it
        # hit ("attacked a shelter" and "the drone attack"); a mention that
        # names neither place, date nor toll ("among the victims …") is
        # absorbed.  A battle and a massacre are two happenings.
        if mention.default_typed or happening.all_default_typed or _toll_report(mention):
            return True
        if {etype, happening.event_type} == {lx.REMOTE, lx.VAC}:
            civilian = mention if etype == lx.VAC else happening.anchor
            strike = happening.anchor if etype == lx.VAC else mention
            if civilian.generic and (_targets(civilian) & _targets(strike) or strike.draft.anaphor):
                # "attacked a displacement shelter" and "a drone attack struck a shelter";
                # "… were killed when the militia attacked a camp" and "the drone attack"
                return True
        return mention.generic and not draft.own_place and not draft.own_date and \
            not any(c.kind == "killed" for c in draft.casualties)
    return False


_BLAST_LEMMAS = frozenset({"explode", "detonate", "blow"})
_FROM_AFAR = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
# sentences back "the assailants" may point to the happening told
_DOERS_REACH = 4
_DOERS = frozenset({"assailants", "attackers", "gunmen", "terrorists", "militants", "bombers", "raiders",
                    "assailant", "attacker", "gunman", "shooter", "bomber"})


def _doers_told_before(draft: Draft) -> bool:
    """Is the mention's doer, or the one it is done to, named as the
    attackers of a happening told before ("The assailants stormed the
    courthouse", "one attacker managed to hurl a grenade", "security forces
    responded, killing all three assailants")?"""
    token = draft.trigger.token
    verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    for _ in range(2):
        if verb is None:
            return False
        if any(c.dep_ == "dobj" and _told_attackers(c) for c in verb.children):
            return True
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return _told_attackers(subject)
        verb = verb.head if verb.dep_ in ("xcomp", "conj") else None
    return False


def _told_event_went(draft: Draft) -> bool:
    """Is the mention told in a clause that hangs on the happening told
    before, named again as the subject ("the attack was staged around 6
    pm, with more than five gunmen storming the building")?"""
    token = draft.trigger.token
    if token.tag_ != "VBG":
        return False
    verb = token.head.head if token.dep_ == "pcomp" and token.head.lower_ == "with" else \
        token.head if token.dep_ == "advcl" else None
    return verb is not None and verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in GENERIC_WORDS
        and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
        for c in verb.children)


def _told_attackers(token: Token) -> bool:
    """"The assailants", "one attacker", "all three gunmen"."""
    return token.lower_ in _DOERS and any(
        c.dep_ in ("det", "nummod", "predet") and c.lower_ in ("the", "one", "both", "all") for c in token.children)


def _by_attackers(draft: Draft) -> bool:
    """Is the destruction told as done by the attackers of a violent event
    ("the attackers also set fire to the church hall", "the assailants
    burnt homes")?"""
    token = draft.trigger.token
    verb = token if token.pos_ in ("VERB", "AUX") else governing_verb(token)
    if verb is None:
        return False
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    return any(w.lower_ in lx.MILITANT_WORDS for c in doers for w in (c, *(g for g in c.children if g.dep_ == "pobj")))


def _other_day(draft: Draft, happening: Happening) -> bool:
    """Does the draft tell a day of its own that is none of the happening's
    own days (or the happening has none)?"""
    if not (draft.own_date and draft.date_precision == DAY and draft.date_value is not None):
        return False
    return draft.date_value not in {value for value, precision, source in happening.dates
                                    if precision == DAY and source != "report"}


def _places_fit(mention: Mention, happening: Happening) -> bool:
    draft = mention.draft
    if draft.trigger.sub_event_type in ("Diplomacy", "Agreement") and \
            happening.sub_event_type in ("Diplomacy", "Agreement") and (
                draft.place_from == "context" or all(m.draft.place_from == "context" for m in happening.mentions)):
        # talks or a deal placed only by a party's country or the fighting it is about: wherever
        # the talks told were (and the venue told later of a deal told first without one)
        return True
    if not draft.own_place or not happening.own_place:
        other = happening.place
        if draft.own_place and draft.place_from == "locative" and other.kind != "country" and \
                other is not UNPLACED:
            # "a woman was also killed on the Nasarawa side" after a fight placed by the
            # sentence before it in Benue: a toll at a place of its own meets the place
            # the happening was told at
            return same_or_near(mention.place, other)
        return not mention.place.country or not other.country or mention.place.country == other.country
    # "In the Khan Younis area, thirteen people were killed" after a strike in Gaza
    # City: a toll told at a town of its own is that town's happening, unless the
    # two are one place (a town and its quarter, a few km apart)
    own_toll = draft.place_from == "locative" and any(c.kind == "killed" for c in draft.casualties)
    near_km = SITE_KM if own_toll and mention.place.kind == "populated_place" else NEAR_KM
    places = list(happening.own_places.values())
    if own_toll:
        # a toll at a place of its own is compared with the happening's finest places: "two
        # killed in the Dnipropetrovsk region" is not the Kyiv strike of a lead told "in Ukraine"
        finest = min(KIND_LEVEL.get(p.kind, 3) for p in places)
        places = [p for p in places if KIND_LEVEL.get(p.kind, 3) == finest]
        if any(t.additive for t in draft.tolls) and KIND_LEVEL.get(mention.place.kind, 3) < finest and \
                not (draft.trigger.token.lemma_.lower() in _BLAST_LEMMAS and draft.trigger.token.pos_ == "VERB"):
            # "17 killed in the Dnipropetrovsk region … In Samar, two more lives were lost":
            # more dead at a town of a happening told only by its region are another site's (not
            # "a vehicle exploded on a central avenue in Coahuayana ... two other people died":
            # the blast told again at its town, with the rest of its dead)
            return False
    return any(same_or_near(mention.place, place, near_km=max(near_km, city_extent_km(place)) if own_toll else near_km)
               for place in places)


# A city of a million people or more spreads beyond SITE_KM: its districts ("three deaths in
# Darnytsia district", 13 km from the centre of Kyiv) and the towns it has grown into
# (Balashikha, 21 km from the centre of Moscow) are the city, up to this far
CITY_MIN_POPULATION = 1_000_000
CITY_MAX_EXTENT_KM = 25.0


def city_extent_km(place: Place) -> float:
    """How far from its point a big city's own districts lie (the square
    root of its population over 100, in km: Kyiv, 2.9 million, 17 km;
    capped at 25 km); 0 for any other place."""
    if place.kind != "populated_place" or place.population < CITY_MIN_POPULATION:
        return 0.0
    return min(CITY_MAX_EXTENT_KM, math.sqrt(place.population) / 100.0)


def same_or_near(a: Place, b: Place, *, near_km: float = NEAR_KM) -> bool:
    """The same place, one inside the other, or two sites within ``near_km``."""
    if a.place_id == b.place_id:
        return True
    if within(a, b) or within(b, a):
        return True
    if a.kind in ("country", "border", "region", "admin1") or b.kind in ("country", "border", "region", "admin1"):
        return False
    return distance_km(a, b) <= near_km


def distance_km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def weekday_news(happenings: Sequence[Happening]) -> bool:
    """Is the first happening an undated page tells as news told by a weekday
    it cannot pin ("was killed on Monday")?  Then a happening dated by its
    month ("In Nov. 2023, …") is history, whatever its date."""
    first = next((h for h in happenings if not all(m.draft.trigger.background for m in h.mentions)), None)
    return first is not None and first.dated().date_value is None and any(weekday_only(m.draft)
                                                                         for m in first.mentions)


def role_of(happening: Happening, lead: date | None, *, weekday_lead: bool = False) -> str:
    """``main`` for what the article is about, ``background`` for what it
    recalls: a happening told only as recalled ("after a raid on 13 June")
    or dated before the article's first-told one (or, with ``weekday_lead``,
    dated by a month at all)."""
    if all(m.draft.trigger.background for m in happening.mentions):
        return "background"
    dated = happening.dated()
    if weekday_lead and dated.date_value is not None and dated.date_precision >= MONTH:
        return "background"
    if lead is None or dated.date_value is None:
        return "main"
    value = dated.date_value
    if dated.date_precision == MONTH:
        if (value.year, value.month) == (lead.year, lead.month) and lead.day > 1 and all(
                EARLIER_THIS.search(span_text(m.draft.sentence)) for m in happening.mentions):
            return "background"  # "Earlier this month, a suicide bomber killed 15 …": before the news
        return "background" if (value.year, value.month) < (lead.year, lead.month) else "main"
    return "background" if value < lead - timedelta(days=0 if dated.date_precision == DAY else 6) else "main"
