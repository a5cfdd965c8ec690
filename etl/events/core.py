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


TYPE_PRIORITY = {lx.REMOTE: 0, lx.BATTLES: 1, lx.VAC: 2, lx.RIOTS: 3, lx.PROTESTS: 4, lx.STRATEGIC: 5}


# Verbs whose object is a target or victim (and, for places, a location).
HARM_VERBS = {"kill", "martyr", "injure", "wound", "hit", "strike", "target", "pound", "shell",
               "bomb", "attack", "raid", "storm", "destroy", "abduct", "kidnap", "ambush"}


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    event_type: str
    sub_event_type: str
    strong: bool


@dataclass
class Draft:
    """An event being built (mutable until emitted)."""

    sentence: Span
    sentence_index: int
    trigger: Trigger
    places: list[Place]
    place_from: str  # "locative" | "mention" | "border" | "demonym" | "dateline" | "context" | "previous" | "scene"
    date_value: date | None
    date_precision: int
    actor1: str = ""
    actor2: str = ""
    claimed_by: str = ""
    casualties: list[Casualty] = field(default_factory=list)
