"""Records shared by the event stages: a trigger (a word that names an
event, with its ACLED type) and the draft of an event being built from it,
plus the type groups every stage uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty
from geo.records import Place

CountryLookup = Callable[[str], "Place | None"]


VIOLENT = {lx.BATTLES, lx.REMOTE, lx.VAC, lx.RIOTS}
REPORT_DAYS = 3  # a report dates an event at most this many days before it


TYPE_PRIORITY = {lx.REMOTE: 0, lx.BATTLES: 1, lx.VAC: 2, lx.RIOTS: 3, lx.PROTESTS: 4, lx.STRATEGIC: 5}


# Verbs whose object is a target or victim (and, for places, a location).
HARM_VERBS = {"kill", "martyr", "injure", "wound", "hit", "strike", "target", "pound", "shell",
               "bomb", "attack", "raid", "storm", "destroy", "abduct", "kidnap", "ambush"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that names an event, with its ACLED type.  ``background``: an
    event the report recalls from earlier days or weeks ("after a deadly
    raid on 13 June", "the Aug. 7 attack"), coded with role background."""

    token: Token
    event_type: str
    sub_event_type: str
    strong: bool
    background: bool = False


@dataclass(frozen=True, slots=True)
class TollMention:
    """The casualty figures one sentence gives for an event.  ``additive``:
    victims on top of those told before ("killing one more person", "two
    others died", "six scientists were also killed"); ``update``: a figure
    that replaces those told before ("the toll rose to 19")."""

    sentence_index: int
    casualties: tuple[Casualty, ...]
    claim: str = ""
    additive: bool = False
    update: bool = False


# Where a draft's place and date come from.  Its own: the sentence names
# them; else they are borrowed (an earlier event, the lead, the article's
# country, the publication date) and only fill in.
# ("refined": the finer place a sentence since set the scene in, inside the place the
# event was told at: see ``etl.events.article``)
OWN_PLACES = frozenset({"locative", "mention", "border", "demonym", "dateline", "none", "refined"})


@dataclass
class Draft:
    """One mention of an event being built (mutable until emitted)."""

    sentence: Span
    sentence_index: int
    trigger: Trigger
    places: list[Place]
    # "locative" | "mention" | "border" | "demonym" | "dateline" | "context" | "previous" | "scene" | "refined"
    place_from: str
    date_value: date | None
    date_precision: int
    actor1: str = ""
    actor2: str = ""
    claimed_by: str = ""
    tolls: list[TollMention] = field(default_factory=list)
    date_from: str = "own"  # "own" | "previous" | "lead" | "published" | "none"
    anaphor: bool = False  # "the attack": names an event the text told or assumes known
    reaction: bool = False  # "condemned the attack": reacts to an event told elsewhere
    another: bool = False  # "another attack", "a second strike": a happening of its own
    split_from: "Draft | None" = None  # a toll told at a place of its own beside this draft's event
    restates: "Draft | None" = None  # the earlier draft whose toll this one tells again
    split_off: int = 0  # killed told at other places in this draft's sentence ("while two others died in …")
    dated_by: "Draft | None" = None  # the draft told before whose date this one borrowed (date_from "previous")
    caption: bool = False  # told in a photo's caption: dated by the picture, lends no date to what follows

    @property
    def casualties(self) -> list[Casualty]:
        return [c for toll in self.tolls for c in toll.casualties]

    @property
    def own_place(self) -> bool:
        return self.place_from in OWN_PLACES

    @property
    def own_date(self) -> bool:
        return self.date_from == "own" and self.date_value is not None
