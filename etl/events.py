"""Event stage: from a parsed article and its resolved places to coded events.

Where this sits: after :mod:`etl.nlp` (parse, place mentions) and the geo
resolver; before the store.  It works sentence by sentence:

1. **Triggers.**  Words and phrases of :mod:`etl.lexicon` mapped to ACLED's
   event types.  A trigger is dropped when it only refers back to an earlier
   event ("following clashes", "in response to the attack"), when it is
   hypothetical, threatened, denied or negated, or when it recalls another
   year ("the 2019 attack").  A sentence about the *end* of fighting that
   names a ceasefire yields the Agreement only.
2. **Place.**  Where it happened: places governed by a locative preposition
   first, the finest level wins (town > district > border > province >
   country); several towns of the same rank split the event.  Possessives
   ("Moscow's readiness"), agents ("mediated by Qatar", "US-brokered") and
   sentence subjects ("Pakistan retaliated") are parties, not places.  The
   dateline is used only for statements (Diplomacy), never for violence.
3. **Date.**  The sentence's own date expression (not one inside a
   back-reference), else the date of the previous event in the article at a
   coarser precision, else the publication date within a week, else unknown.
4. **Casualties.**  Figures in the sentence; a sentence with figures but no
   trigger ("Twenty-three soldiers embraced martyrdom") adds them to the most
   recent event whose sides fit the victims.  One figure over several places
   is split so sums never double count; the reported wording is kept.
5. **Merge.**  One event per (type, place, date) per article.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty, find_casualties
from etl.dates import DAY, MONTH, UNKNOWN, WEEK, DateMention, find_dates
from etl.nlp import Analysis
from etl.records import Article, Event
from geo.records import Mention, Place, Resolution

logger = logging.getLogger(__name__)

CountryLookup = Callable[[str], "Place | None"]

_VIOLENT = {lx.BATTLES, lx.REMOTE, lx.VAC, lx.RIOTS}
_TYPE_PRIORITY = {lx.REMOTE: 0, lx.BATTLES: 1, lx.VAC: 2, lx.RIOTS: 3, lx.PROTESTS: 4, lx.STRATEGIC: 5}
_WEAK_VERBS = {"kill", "martyr", "destroy", "attack"}
# Verbs whose object is a target or victim (and, for places, a location).
_HARM_VERBS = {"kill", "martyr", "injure", "wound", "hit", "strike", "target", "pound", "shell",
               "bomb", "attack", "raid", "storm", "destroy", "abduct", "kidnap", "ambush"}
_KIND_LEVEL = {"site": 1, "populated_place": 1, "admin2": 2, "border": 2.5, "admin1": 3,
               "region": 3.5, "country": 4}
_GEO_PRECISION = {"site": 1, "populated_place": 1, "admin2": 2, "border": 3, "admin1": 3,
                  "region": 3, "country": 3}


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    event_type: str
    sub_event_type: str
    strong: bool


@dataclass
class _Draft:
    """An event being built (mutable until emitted)."""

    sentence: Span
    sentence_index: int
    trigger: Trigger
    places: list[Place]
    place_from: str  # "locative" | "mention" | "border" | "demonym" | "dateline" | "context" | "previous"
    date_value: date | None
    date_precision: int
    actor1: str = ""
    actor2: str = ""
    claimed_by: str = ""
    casualties: list[Casualty] = field(default_factory=list)


# --- helpers on the parse --------------------------------------------------

def _ancestors(token: Token, limit: int = 6) -> list[Token]:
    out: list[Token] = []
    current = token
    while current.head is not current and len(out) < limit:
        current = current.head
        out.append(current)
    return out


def is_background(token: Token) -> bool:
    """True when ``token`` sits inside a back-reference: the object of
    "following/after/amid/since …" or of "in response/retaliation to …"."""
    chain = [token, *_ancestors(token)]
    for node, parent in zip(chain, chain[1:]):
        if parent.lower_ in lx.BACKGROUND_PREPS and parent.dep_ in ("prep", "mark") and node.dep_ in ("pobj", "pcomp", "dobj"):
            return True
        if parent.lemma_.lower() in lx.BACKGROUND_NOUNS and parent.dep_ == "pobj":
            return True
        if parent.pos_ == "VERB" and parent.lower_ not in lx.BACKGROUND_PREPS and node.dep_ in ("nsubj", "dobj", "nsubjpass"):
            return False
    return False


def is_unreal(token: Token, *, published: date | None) -> bool:
    """Threatened, hypothetical, denied, negated or recalled from another year."""
    chain = [token, *_ancestors(token, limit=5)]
    for node in chain:
        if node.lemma_.lower() in lx.MODAL_HEADS:
            return True
        if node.pos_ in ("VERB", "AUX") or node is token:
            for child in node.children:
                if child.dep_ == "neg":
                    return True
                if child.dep_ == "aux" and child.lower_ in lx.MODAL_AUX:
                    return True
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return True
            # Climb through complement clauses ("denied carrying out the
            # attack", "threatened to strike"); stop at a finite clause.
            if node.pos_ in ("VERB", "AUX") and node is not token and node.dep_ not in ("xcomp", "ccomp", "pcomp"):
                break
    for child in token.children:
        if child.like_num and re.fullmatch(r"(19|20)\d\d", child.text):
            year = int(child.text)
            if published is None or year < published.year - 1:
                return True
    return False


def _lemma_text(sentence: Span) -> str:
    return " ".join(t.lemma_.lower() for t in sentence)


def find_triggers(sentence: Span, *, published: date | None) -> list[Trigger]:
    """Event triggers of one sentence after dropping back-references and
    unreal events."""
    found: list[Trigger] = []
    lower_words = [t.lower_ for t in sentence]
    lemmas = [t.lemma_.lower() for t in sentence]
    taken: set[int] = set()
    # Multi-word phrases (matched on words or lemmas).
    for phrase, (etype, subtype) in lx.PHRASE_TRIGGERS.items():
        words = phrase.split()
        n = len(words)
        for i in range(len(sentence) - n + 1):
            if lower_words[i:i + n] == words or lemmas[i:i + n] == words or \
                    [lemmas[j] for j in range(i, i + n)] == [w.rstrip("s") for w in words]:
                head = sentence[i + n - 1]
                found.append(Trigger(head, etype, subtype, True))
                taken.update(range(i, i + n))
    for i, token in enumerate(sentence):
        if i in taken:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ in ("NOUN", "PROPN") and lemma in lx.NOUN_TRIGGERS:
            etype, subtype = lx.NOUN_TRIGGERS[lemma]
            found.append(Trigger(token, etype, subtype, lemma not in ("attack", "operation", "exchange", "raid", "offensive", "talk", "assault")))
        elif token.pos_ == "VERB" and lemma in lx.VERB_TRIGGERS:
            etype, subtype = lx.VERB_TRIGGERS[lemma]
            found.append(Trigger(token, etype, subtype, lemma not in _WEAK_VERBS))
    kept: list[Trigger] = []
    sentence_words = set(lower_words)
    for trig in found:
        lemma = trig.token.lemma_.lower()
        if trig.event_type != lx.STRATEGIC or trig.sub_event_type not in ("Agreement",):
            if is_background(trig.token):
                continue
        if is_unreal(trig.token, published=published) and trig.sub_event_type != "Diplomacy":
            continue
        if lemma in lx.NEEDS_WEAPON and not _weapon_subtype(sentence_words):
            continue
        if lemma in ("operation", "exchange", "offensive", "talk") and not (sentence_words & lx.CONTEXT_WORDS):
            continue
        kept.append(trig)
    return kept


def _weapon_subtype(words: set[str]) -> tuple[str, str] | None:
    for vocabulary, etype, subtype in lx.WEAPON_SUBTYPES:
        if words & vocabulary:
            return etype, subtype
    return None


def choose_sentence_events(triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """One violent event per sentence (the most specific trigger) plus its
    non-violent events; a sentence about fighting ending yields the Agreement."""
    if not triggers:
        return []
    lemmas = {t.lemma_.lower() for t in sentence}
    agreements = [t for t in triggers if t.sub_event_type == "Agreement"]
    if agreements and lemmas & lx.ENDING_VERBS:
        return agreements[:1]
    violent = [t for t in triggers if t.event_type in _VIOLENT]
    others: dict[str, Trigger] = {}
    for t in triggers:
        if t.event_type not in _VIOLENT:
            others.setdefault(t.sub_event_type, t)
    chosen: list[Trigger] = []
    if violent:
        strong = [t for t in violent if t.strong] or violent
        strong.sort(key=lambda t: (_TYPE_PRIORITY[t.event_type], t.token.i))
        best = strong[0]
        chosen.append(_refine(best, sentence))
    chosen.extend(others.values())
    return chosen


def _refine(trigger: Trigger, sentence: Span) -> Trigger:
    """Refine a generic violent trigger by weapon words and by its target."""
    words = {t.lower_ for t in sentence}
    etype, subtype = trigger.event_type, trigger.sub_event_type
    generic = trigger.token.lemma_.lower() in ("attack", "kill", "martyr", "assault", "raid", "strike", "destroy")
    weapon = _weapon_subtype(words)
    if weapon and (generic or etype == lx.REMOTE) and subtype not in ("Suicide bomb",):
        if not (trigger.strong and etype == lx.REMOTE and trigger.token.lemma_.lower() not in ("strike", "destroy", "bomb")):
            etype, subtype = weapon
    if etype == lx.BATTLES and generic and not weapon:
        target_words = {t.lower_ for t in trigger.token.subtree} | {t.lower_ for t in sentence}
        if target_words & lx.CIVILIAN_WORDS and not target_words & (lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS):
            etype, subtype = lx.VAC, "Attack"
    return Trigger(trigger.token, etype, subtype, trigger.strong)


# --- actors ----------------------------------------------------------------

_GROUP_KEYS = sorted(lx.GROUP_ACTORS, key=len, reverse=True)


def actor_name(phrase: str, *, event_type: str, sub_event_type: str = "") -> str:
    """ACLED-style actor name for a noun phrase ("Pakistani soldiers" →
    "Military Forces of Pakistan"); "" when the phrase names no actor."""
    lowered = " " + " ".join(re.findall(r"[\w'’.-]+", phrase.lower())) + " "
    for key in _GROUP_KEYS:
        if f" {key} " in lowered:
            return lx.GROUP_ACTORS[key]
    words = set(lowered.split())
    code = ""
    for word in lowered.split():
        if word.strip("’'s") in lx.COUNTRY_CODES:
            code = lx.COUNTRY_CODES[word.strip("’'s")]
            break
    if not code:
        for name, iso in lx.COUNTRY_CODES.items():
            if " " in name and f" {name} " in lowered:
                code = iso
                break
    country = lx.COUNTRY_NAMES.get(code, code)
    if words & lx.CIVILIAN_WORDS:
        return f"Civilians ({country})" if country else "Civilians"
    if words & lx.POLICE_WORDS:
        return f"Police Forces of {country}" if country else "Police Forces"
    if words & lx.MILITANT_WORDS:
        return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    if not country:
        return ""
    if event_type == lx.STRATEGIC and sub_event_type in ("Diplomacy", "Agreement"):
        return f"Government of {country}"
    return f"Military Forces of {country}"


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(5):
        if current.pos_ in ("VERB", "AUX") and current is not token:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def _phrase(token: Token) -> str:
    return " ".join(t.text for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct"))[:120]


def _subject_verbs(token: Token) -> list[Token]:
    """The verbs whose subject may be the trigger's actor: the trigger's own
    verb, then up through non-finite and coordinated clauses ("offered its
    support in mediating", "launched …, striking")."""
    verbs: list[Token] = []
    current: Token | None = token if token.pos_ == "VERB" else _governing_verb(token)
    while current is not None and len(verbs) < 4:
        verbs.append(current)
        if current.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "prep", "pobj") and current.head is not current:
            current = _governing_verb(current)
        else:
            break
    return verbs


def find_actors(trigger: Trigger) -> tuple[str, str]:
    """actor1 (who acted) and actor2 (the target) in ACLED style."""
    token = trigger.token
    name = lambda t: actor_name(_phrase(t), event_type=trigger.event_type,  # noqa: E731
                                sub_event_type=trigger.sub_event_type)
    actor1 = actor2 = ""
    for verb in _subject_verbs(token):
        for child in verb.children:
            if child is token:
                continue
            if child.dep_ == "nsubj" and not actor1 and token not in list(child.subtree):
                actor1 = name(child)
            elif child.dep_ == "agent" and not actor1:
                for obj in child.children:
                    actor1 = actor1 or name(obj)
            elif child.dep_ in ("dobj", "nsubjpass") and child is not token and not actor2 \
                    and token not in list(child.subtree):
                actor2 = name(child)
        if actor1:
            break
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "with"):
            for obj in child.children:
                actor2 = actor2 or name(obj)
    if trigger.event_type in _VIOLENT and (not actor1 or not actor2):
        actor1, actor2 = _sentence_actors(token, trigger, actor1, actor2)
    if actor2 == actor1:
        actor2 = ""
    return actor1, actor2


def _sentence_actors(token: Token, trigger: Trigger, actor1: str, actor2: str) -> tuple[str, str]:
    """Fill missing sides from the sentence's other noun phrases: a named
    group or subject acts; a phrase after "on/against/at" ("attacks on
    Pakistani posts") is the target."""
    sentence = token.sent
    actors: list[str] = []
    targets: list[str] = []
    for chunk in sentence.noun_chunks:
        if token in chunk:
            continue
        found = actor_name(chunk.text, event_type=trigger.event_type)
        if not found:
            continue
        root = chunk.root
        if (root.dep_ == "pobj" and root.head.lower_ in ("on", "against", "at")) or \
                (root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in _HARM_VERBS):
            targets.append(found)
        else:
            actors.append(found)
    if not actor1:
        actor1 = next((a for a in actors if a != actor2), "")
    if not actor2:
        actor2 = next((a for a in [*targets, *actors] if a != actor1), "")
    return actor1, actor2


_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z(][\w’'.()-]*){0,4}|officials|police|sources|residents|locals)", re.I)


def find_claim(sentence: Span) -> str:
    """Who the sentence attributes its facts to ("ISPR said", "according to
    officials", "the Taliban claimed"); "" when it states them directly."""
    match = _ACCORDING.search(sentence.text)
    if match:
        return match.group(1).strip()
    for token in sentence:
        if token.lemma_.lower() in lx.SAY_VERBS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return " ".join(t.text for t in child.subtree if t.dep_ != "punct")[:80]
    return ""


# --- places ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _PlaceCandidate:
    place: Place
    mention: Mention
    locative: bool
    excluded: bool
    chain_root: int  # token index of the first conjunct (for "in Kabul and Kandahar")


def _mention_role(doc: Doc, mention: Mention) -> tuple[bool, bool, int]:
    """(locative, excluded, first-conjunct index) of a mention in the parse."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False, False, -1
    root = span.root
    excluded = False
    if root.dep_ == "poss" or any(t.dep_ == "case" for t in root.children) or \
            doc.text[mention.end:mention.end + 2] in ("’s", "'s"):
        excluded = True
    if root.dep_ == "nsubj":
        excluded = True
    for ancestor in [root, *_ancestors(root, limit=3)]:
        if ancestor.lemma_.lower() in lx.AGENT_VERBS:
            excluded = True
            break
    if root.head.dep_ == "agent" or (root.head.lower_ == "by" and root.dep_ == "pobj"):
        excluded = True
    first = root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    locative = (first.dep_ == "pobj" and first.head.lower_ in lx.LOCATIVE_PREPS) or \
        (first.dep_ in ("dobj", "nsubjpass") and first.head.lemma_.lower() in _HARM_VERBS)
    if first.dep_ == "nsubj" and first is not root:
        excluded = True
    return locative, excluded, first.i


def choose_places(
    sentence: Span,
    trigger: Trigger,
    candidates: Sequence[_PlaceCandidate],
) -> tuple[list[Place], str]:
    """The place(s) where the sentence's event happened."""
    usable = [c for c in candidates if not c.excluded]
    violent = trigger.event_type in _VIOLENT
    statement = trigger.sub_event_type in ("Diplomacy", "Agreement")
    pool = [c for c in usable if c.locative]
    source = "locative"
    if not pool and not statement:
        pool = [c for c in usable if c.place.kind != "country" or c.mention.label == "BORDER"]
        source = "mention"
    if not pool:
        return [], ""
    best_level = min(_KIND_LEVEL.get(c.place.kind, 3) for c in pool)
    top = [c for c in pool if _KIND_LEVEL.get(c.place.kind, 3) == best_level]
    distinct: dict[str, _PlaceCandidate] = {}
    for c in top:
        distinct.setdefault(c.place.place_id, c)
    chosen = list(distinct.values())
    if len(chosen) > 1 and not (violent and all(c.locative for c in chosen)):
        chosen.sort(key=lambda c: abs(c.mention.start - trigger.token.idx))
        chosen = chosen[:1]
    if violent and len(chosen) == 1 and chosen[0].chain_root >= 0:
        # Coordinated places ("hit Khost and Paktika") are each a site.
        chain = [c for c in pool if c.chain_root == chosen[0].chain_root]
        members: dict[str, _PlaceCandidate] = {}
        for c in sorted(chain, key=lambda c: c.mention.start):
            members.setdefault(c.place.place_id, c)
        if len(members) > 1:
            chosen = _drop_containing(list(members.values()))
    if chosen and chosen[0].place.kind == "border":
        source = "border"
    return [c.place for c in chosen], source


def _drop_containing(candidates: list[_PlaceCandidate]) -> list[_PlaceCandidate]:
    """Drop an admin area or country when a finer place inside it is also
    listed ("Parachinar and Kurram" is one site)."""
    kept = []
    for c in candidates:
        inside = [o for o in candidates if o is not c and _within(o.place, c.place)]
        if not inside:
            kept.append(c)
    return kept


def _within(inner: Place, outer: Place) -> bool:
    if _KIND_LEVEL.get(inner.kind, 3) >= _KIND_LEVEL.get(outer.kind, 3):
        return False
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "admin1":
        return inner.country == outer.country and inner.admin1 == outer.name
    if outer.kind == "admin2":
        return inner.country == outer.country and inner.admin2 == outer.name
    return False


def _demonym_target(trigger: Trigger, country_place: CountryLookup) -> Place | None:
    """The country of a demonym on the trigger's target ("Indian military
    sites", "Pakistani posts")."""
    token = trigger.token
    verb = token if token.pos_ == "VERB" else None
    objects: list[Token] = []
    if verb is not None:
        objects = [c for c in verb.children if c.dep_ in ("dobj",)]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "inside", "into", "in"):
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    for obj in objects:
        for t in obj.subtree:
            code = lx.COUNTRY_CODES.get(t.lower_.strip("’'s"))
            if code and t.dep_ in ("amod", "compound", "poss", "nmod"):
                place = country_place(code)
                if place is not None:
                    return place
    return None


# --- dates -----------------------------------------------------------------

def _sentence_date(sentence: Span, trigger: Trigger, *, published: date | None) -> DateMention | None:
    best: DateMention | None = None
    best_distance = 10**9
    doc = sentence.doc
    for mention in find_dates(sentence.text, published=published):
        if mention.kind == "year" or mention.value is None:
            continue
        start = sentence.start_char + mention.start
        span = doc.char_span(start, start + (mention.end - mention.start), alignment_mode="expand")
        if span is not None and is_background(span.root):
            continue
        distance = abs(start - trigger.token.idx)
        if distance < best_distance:
            best, best_distance = mention, distance
    return best


def _old_year(sentence: Span, *, published: date | None) -> bool:
    """The sentence dates itself only by a year well before publication."""
    mentions = find_dates(sentence.text, published=published)
    years = [m for m in mentions if m.kind == "year" and m.value is not None]
    others = [m for m in mentions if m.kind != "year"]
    if not years or others or published is None:
        return False
    return all(m.value.year < published.year - 1 for m in years if m.value is not None)


# --- casualties ------------------------------------------------------------

def _casualties_in(sentence: Span) -> list[Casualty]:
    doc = sentence.doc
    kept: list[Casualty] = []
    for casualty in find_casualties(sentence.text):
        start = sentence.start_char + casualty.start
        span = doc.char_span(start, sentence.start_char + casualty.end, alignment_mode="expand")
        if span is not None and any(is_background(t) for t in span if t.like_num or t.pos_ == "VERB"):
            continue
        if span is not None and any(is_unreal(t, published=None) for t in span if t.pos_ == "VERB"):
            continue
        kept.append(casualty)
    return kept


def _victim_actor(casualty: Casualty) -> str:
    return actor_name(casualty.victims, event_type=lx.BATTLES)


def _compatible(draft: _Draft, victims: str) -> bool:
    """Can these victims be casualties of this event?  One-sided violence
    (strikes, attacks on civilians) does not kill the attacker's own side."""
    if draft.trigger.event_type not in _VIOLENT:
        return False
    if not victims:
        return True
    if draft.trigger.event_type in (lx.REMOTE, lx.VAC) and draft.actor1 and draft.actor1 == victims:
        return False
    return True


# --- the stage -------------------------------------------------------------

def extract_events(
    analysis: Analysis,
    resolutions: Sequence[Resolution],
    *,
    article: Article,
    country_place: CountryLookup,
) -> list[Event]:
    """Coded events of one article (see the module docstring)."""
    doc = analysis.doc
    published = article.published
    by_sentence: dict[int, list[_PlaceCandidate]] = {}
    dateline_start = analysis.dateline.start if analysis.dateline else -1
    for resolution in resolutions:
        if resolution.place is None or resolution.status not in ("resolved", "ambiguous"):
            continue
        mention = resolution.mention
        if mention.start == dateline_start:
            continue
        locative, excluded, chain = _mention_role(doc, mention)
        by_sentence.setdefault(mention.sentence_index, []).append(
            _PlaceCandidate(resolution.place, mention, locative, excluded, chain))
    dateline_place = next((r.place for r in resolutions
                           if analysis.dateline and r.mention.start == dateline_start and r.place), None)
    main_country = _main_country(resolutions, dateline_place)

    drafts: list[_Draft] = []
    body_start = _body_start(doc.text, analysis)
    for index, sentence in enumerate(doc.sents):
        if sentence.end_char <= body_start:
            continue  # headline and standfirst restate the body
        found = [t for t in find_triggers(sentence, published=published) if t.token.idx >= body_start]
        triggers = choose_sentence_events(found, sentence)
        casualties = _casualties_in(sentence)
        if not triggers and casualties:
            _attach_casualties(drafts, casualties, sentence_index=index)
            continue
        if triggers and _old_year(sentence, published=published):
            triggers = [t for t in triggers if t.event_type not in _VIOLENT]
        for trigger in triggers:
            places, place_from = choose_places(sentence, trigger, by_sentence.get(index, []))
            if not places and trigger.event_type in _VIOLENT:
                target = _demonym_target(trigger, country_place)
                if target is not None:
                    places, place_from = [target], "demonym"
            if not places and trigger.sub_event_type == "Diplomacy" and dateline_place is not None:
                places, place_from = [dateline_place], "dateline"
            if not places and trigger.event_type == lx.STRATEGIC and main_country is not None:
                places, place_from = [main_country], "context"
            if not places and trigger.event_type in _VIOLENT:
                previous = next((d for d in reversed(drafts)
                                 if d.trigger.event_type in _VIOLENT and index - d.sentence_index <= 2), None)
                if previous is not None:
                    places, place_from = list(previous.places), "previous"
            if not places:
                logger.debug("no place for %s in sentence %d", trigger.sub_event_type, index)
                continue
            date_value, precision = _event_date(sentence, trigger, drafts, published=published)
            actor1, actor2 = find_actors(trigger)
            draft = _Draft(sentence, index, trigger, places, place_from, date_value, precision,
                           actor1, actor2, find_claim(sentence))
            if trigger.event_type in _VIOLENT:
                draft.casualties.extend(casualties)
                if not draft.actor2 and casualties:
                    draft.actor2 = _victim_actor(casualties[0])
                    if draft.actor2 == draft.actor1:
                        draft.actor2 = ""
            drafts.append(draft)
    return _emit(drafts, article=article)


def _body_start(text: str, analysis: Analysis) -> int:
    """Where the report proper begins: at the dateline when there is one,
    else after a first line that looks like a headline (short, no final
    full stop)."""
    if analysis.dateline is not None:
        line_start = text.rfind("\n", 0, analysis.dateline.start) + 1
        return line_start
    first_line = text.split("\n", 1)[0]
    if len(first_line) < 200 and not first_line.rstrip().endswith((".", "!", "?", '"', "”")) and "\n" in text:
        return len(first_line)
    return 0


def _main_country(resolutions: Sequence[Resolution], dateline: Place | None) -> Place | None:
    if dateline is not None and dateline.kind == "country":
        return dateline
    counts: Counter[str] = Counter()
    places: dict[str, Place] = {}
    for r in resolutions:
        if r.place is not None and r.place.kind == "country":
            counts[r.place.country] += 1
            places[r.place.country] = r.place
    if dateline is not None and dateline.country in places:
        return places[dateline.country]
    if not counts:
        return None
    return places[counts.most_common(1)[0][0]]


def _event_date(
    sentence: Span, trigger: Trigger, drafts: Sequence[_Draft], *, published: date | None,
) -> tuple[date | None, int]:
    own = _sentence_date(sentence, trigger, published=published)
    if own is not None and own.value is not None:
        return own.value, own.precision
    if drafts and drafts[-1].date_value is not None:
        previous = drafts[-1]
        return previous.date_value, WEEK if previous.date_precision == DAY else previous.date_precision
    if published is not None:
        return published, WEEK
    return None, UNKNOWN


def _attach_casualties(drafts: list[_Draft], casualties: Sequence[Casualty], *, sentence_index: int) -> None:
    for casualty in casualties:
        victims = _victim_actor(casualty)
        for draft in reversed(drafts):
            if sentence_index - draft.sentence_index > 3:
                break
            if _compatible(draft, victims):
                draft.casualties.append(casualty)
                if victims and not draft.actor2 and victims != draft.actor1:
                    draft.actor2 = victims
                break
        else:
            logger.debug("casualty figure %r matched no event", casualty.text)


def _split(total: int, parts: int, index: int) -> int:
    base, extra = divmod(total, parts)
    return base + (1 if index < extra else 0)


def event_id_for(article_id: str, event_type: str, place_id: str, when: date | None) -> str:
    key = f"{article_id}|{event_type}|{place_id}|{when.isoformat() if when else ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def cluster_id_for(event_type: str, place_id: str, when: date | None) -> str:
    """Same real-world event across articles: same type, place and date."""
    key = f"{event_type}|{place_id}|{when.isoformat() if when else ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _confidence(draft: _Draft, place: Place) -> float:
    score = 0.45
    score += 0.2 if draft.trigger.strong else 0.05
    score += {1: 0.15, 2: 0.1}.get(_GEO_PRECISION.get(place.kind, 3), 0.05)
    score += {DAY: 0.1, WEEK: 0.07, MONTH: 0.04}.get(draft.date_precision, 0.0)
    if draft.place_from in ("previous", "context", "demonym"):
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)


def _emit(drafts: Sequence[_Draft], *, article: Article) -> list[Event]:
    merged: dict[tuple[str, str, date | None], Event] = {}
    order: list[tuple[str, str, date | None]] = []
    for draft in drafts:
        n = len(draft.places)
        killed = [c for c in draft.casualties if c.kind == "killed"]
        injured = [c for c in draft.casualties if c.kind == "injured"]
        for i, place in enumerate(draft.places):
            best = sum(_split(c.best, n, i) for c in killed)
            low = sum(_split(c.low, n, i) for c in killed)
            highs = [c.high for c in killed]
            high = None if any(h is None for h in highs) else sum(_split(h or 0, n, i) for h in highs)
            if not killed:
                high = 0
            hurt = sum(_split(c.best, n, i) for c in injured)
            sentence = draft.sentence
            etype = draft.trigger.event_type
            country = place.country or _border_country(place, draft)
            key = (etype, place.place_id, draft.date_value)
            event = Event(
                event_id=event_id_for(article.article_id, etype, place.place_id, draft.date_value),
                article_id=article.article_id, event_date=draft.date_value,
                date_precision=draft.date_precision, event_type=etype,
                sub_event_type=draft.trigger.sub_event_type, actor1=draft.actor1,
                actor2=draft.actor2, country=country, admin1=place.admin1,
                admin2=place.admin2, location=place.name, latitude=place.lat,
                longitude=place.lon, geo_precision=_GEO_PRECISION.get(place.kind, 3),
                place_id=place.place_id, fatalities=best, fatalities_low=low,
                fatalities_high=high, injured=hurt, evidence=sentence.text.strip(),
                evidence_start=sentence.start_char, evidence_end=sentence.start_char + len(sentence.text.rstrip()),
                claimed_by=draft.claimed_by, confidence=_confidence(draft, place),
                cluster_id=cluster_id_for(etype, place.place_id, draft.date_value),
                source=article.source, url=article.url, published=article.published,
                fatalities_reported="; ".join(c.figure or c.text.strip() for c in killed),
            )
            if key in merged:
                merged[key] = _merge(merged[key], event)
            else:
                merged[key] = event
                order.append(key)
    return [merged[k] for k in order]


def _border_country(place: Place, draft: _Draft) -> str:
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


def _merge(first: Event, second: Event) -> Event:
    """Two mentions of one event in one article: keep the fuller record."""
    from dataclasses import replace

    keep, other = (first, second) if first.fatalities >= second.fatalities else (second, first)
    return replace(
        keep,
        date_precision=min(first.date_precision or 9, second.date_precision or 9) % 9,
        actor1=keep.actor1 or other.actor1, actor2=keep.actor2 or other.actor2,
        injured=max(first.injured, second.injured),
        claimed_by=keep.claimed_by or other.claimed_by,
        confidence=max(first.confidence, second.confidence),
        evidence=first.evidence if keep.fatalities == other.fatalities else keep.evidence,
        evidence_start=first.evidence_start if keep.fatalities == other.fatalities else keep.evidence_start,
        evidence_end=first.evidence_end if keep.fatalities == other.fatalities else keep.evidence_end,
    )
