"""Event stage: from a parsed article and its resolved places to coded events.

Where this sits: after :mod:`etl.nlp` (parse, place mentions) and the geo
resolver; before the store.  It works sentence by sentence:

1. **Triggers.**  Words and phrases of :mod:`etl.lexicon` mapped to ACLED's
   event types.  A trigger is dropped when it only refers back to an earlier
   event ("following clashes", "because of attacks", "in response to the
   attack"; also a clause "after …" or "since …" when the main clause
   reports an event of another type, not only a toll; and the reason for a
   punishment: "expelled diplomats for taking part in rallies"), when it is
   hypothetical, threatened, denied or negated, or when it recalls another
   year or a day weeks before the report ("the 2019 attack", "the Aug. 7
   attack" in a September report).  So is a trigger that profiles someone's
   record ("responsible for attacks", "he directs ambushes"), a claim of
   responsibility for an attack reported before, and a violent word in news
   about a disaster, an accident or ordinary crime that names no armed actor
   (and any "attack" on a website or by hackers)
   ("the quake struck", "a gas cylinder exploded"; an accident named
   anywhere in a text with no armed actor covers all its sentences), and an
   attack claimed, blamed, attributed or accused ("blamed the rebels for
   the bombing", "accused the army of shelling").  Some verbs code an
   event only with the right object ("seized weapons" → Disrupted weapons
   use, "seized the town" or "seized Kunduz" → territory, "captured a
   commander" → Arrests, or an abduction when an armed group takes him).
   Shooting nouns ("Indian firing", gunfire, "claims killing of eight") and
   "fire at/on" a target need an armed or casualty word in the sentence;
   "March" the month, "struck a discordant note" and "the firing" told
   before are not events.  A text's first report cannot refer back, so there
   "15 dead after ambush" codes the ambush, with the toll it gives.
2. **Typing** (ACLED's codebook).  Who takes a place decides Government
   regains vs Non-state actor overtakes territory (the taker's head noun); a
   place taken, entered or controlled after a withdrawal or without
   resistance ("met no resistance") changed hands without violence, and
   "seize it" there stands for the place; a withdrawal or troop movement
   alone is a Change to group/activity, and its aim ("sent troops to fight
   the rebels") is not an event.  A raid or operation that only reports
   seizures or arrests is coded by that outcome; an intercepted missile, or
   weapons found (also inside what was found: "a tunnel used to store
   rifles") or destroyed after clearing them, are Disrupted weapons use.
   People fleeing or displaced in numbers (not fighters) are Other, and the
   fighting that drove them out is its cause, not a new event; so is a mass
   grave found, not the killings it holds.  Weapon words (not the target's:
   "destroying helicopters", nor those of an attack referred back to or
   blamed: "in retaliation for a gas attack") refine a generic attack; an
   attack on civilians or civilian places is Violence against civilians;
   sexual violence is coded as such whatever else the sentence reports.  A
   sentence about a protest is one Protests/Riots event whatever violence it
   mentions: protesters' violence (attacking or beating someone, setting
   something on fire, pulling it down; not burning effigies or flags) makes a
   riot, force against them excessive force, arrests or dispersal an
   intervention.  A sentence about the *end* of fighting that names a
   ceasefire yields the Agreement only.  A later "the attack(s)" that names
   the weapon gives the attack just reported its sub-type, and a chemical
   agent named for its munitions ("the shells carried poison gas") makes it a
   Chemical weapon attack; told again within two sentences of a non-violent
   event (an interception, arrests), "the attack(s)" is not a new event.
3. **Place.**  Where it happened: places governed by a locative preposition
   first, the finest level wins (town > district > border > province >
   country); several towns of the same rank split the event.  Possessives
   ("Moscow's readiness"), agents ("mediated by Qatar", "US-brokered") and
   sentence subjects ("Pakistan retaliated") are parties, not places; a place
   inside the trigger's own clause beats one hanging on another verb ("at
   talks in Doha, officials said drones struck Paktika").  The dateline is
   used only for statements (Diplomacy), never for violence.  Violence with
   no place of its own falls back to the victims' country ("Pak Army
   officer killed") or the article's only country, at geo_precision 3.
4. **Date.**  The sentence's own date expression -- the one in the
   trigger's clause first; not a filing date in parentheses, not one inside a
   back-reference or dating another event ("the July 2 attack") -- else the date of the previous event in the article at a
   coarser precision, else the publication date within a week, else unknown.
5. **Casualties.**  Figures in the sentence; a sentence with figures but no
   trigger ("Twenty-three soldiers embraced martyrdom") adds them to the most
   recent event whose sides fit the victims; so does a sentence whose only
   trigger is the casualty verb ("Four policemen were killed").  A toll told
   again a few sentences on is counted once.  Conflicting tolls from
   different sources in one sentence keep the lower as best, the higher as
   high, and both sources in ``claimed_by``.  One figure over several places
   is split so sums never double count; the reported wording is kept.
6. **Merge.**  One event per (type, place, date) per article.
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty, find_casualties
from etl.dates import DAY, MONTH, UNKNOWN, WEEK, DateMention, find_dates
from etl.nlp import Analysis, doc_text, span_text
from etl.records import Article, Event
from geo.records import Mention, Place, Resolution

logger = logging.getLogger(__name__)

CountryLookup = Callable[[str], "Place | None"]

_VIOLENT = {lx.BATTLES, lx.REMOTE, lx.VAC, lx.RIOTS}
_TYPE_PRIORITY = {lx.REMOTE: 0, lx.BATTLES: 1, lx.VAC: 2, lx.RIOTS: 3, lx.PROTESTS: 4, lx.STRATEGIC: 5}
_WEAK_VERBS = {"kill", "martyr", "destroy", "attack", "hack", "stab", "beat", "bludgeon", "club", "stone"}
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
    place_from: str  # "locative" | "mention" | "border" | "demonym" | "dateline" | "context" | "previous" | "scene"
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


_CONTEMPORANEOUS = frozenset({"during", "amid", "amidst"})


def is_background(token: Token, *, preps: frozenset[str] = lx.BACKGROUND_PREPS,
                  harm_reports: bool = True) -> bool:
    """True when ``token`` sits inside a back-reference: the object of
    "following/after/amid/since …" (unless, with ``harm_reports``, the
    sentence only tells its victims' harm: "dozens were treated after a gas
    attack") or of "in response/retaliation to …"."""
    chain = [token, *_ancestors(token)]
    for node, parent in zip(chain, chain[1:]):
        if parent.lower_ in preps and parent.dep_ in ("prep", "mark") and node.dep_ in ("pobj", "pcomp", "dobj"):
            # "were treated after a gas attack": the harm told is this attack's, not a later event's
            return not harm_reports or parent.head.lemma_.lower() not in lx.HARMED_VERBS
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
            # attack", "threatened to strike") and a noun's "to" clause
            # ("waiting for the order to launch the assault"); stop at a finite clause.
            if node.pos_ in ("VERB", "AUX") and node is not token and node.dep_ not in ("xcomp", "ccomp", "pcomp") \
                    and not (node.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children)):
                break
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in lx.UNREAL_MODIFIERS:
            return True
        if child.like_num and re.fullmatch(r"(19|20)\d\d", child.text):
            year = int(child.text)
            if published is None or year < published.year - 1:
                return True
        if _dated_earlier(child, published=published):
            return True
        if child.dep_ == "nsubj" and token.pos_ == "VERB" and \
                any(_dated_earlier(c, published=published) for c in child.children):
            return True  # "the Aug. 7 attack killed four": the recalled attack's toll
    return False


RECALLED_AFTER_DAYS = 3


def _dated_earlier(child: Token, *, published: date | None) -> bool:
    """A date before an event noun that puts it well before the report: "the
    Aug. 7 attack", "the May 11 insider attack" in a September release are
    recalled, not new; "the Monday attack" is news."""
    if published is None or child.i >= child.head.i or child.ent_type_ != "DATE" \
            or child.dep_ not in ("nmod", "compound", "npadvmod", "amod", "nummod"):
        return False
    doc = child.doc
    start = end = child.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # back to the entity's first token ("B")
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    found = find_dates(span_text(doc[start:end + 1]), published=published)
    return bool(found) and found[0].value is not None and (published - found[0].value).days > RECALLED_AFTER_DAYS


def is_habitual(token: Token) -> bool:
    """A violent noun that describes someone's record or trade ("responsible
    for attacks", "involved in IED attacks", "engaged in kidnapping", "he
    directs ambushes", "the leader coordinated suicide bomb attacks"), not a
    new event."""
    if token.tag_ == "VB" and any(a.lower_ in lx.RECORD_HEADS or a.lemma_.lower() in lx.RECORD_HEADS
                                  for a in _ancestors(token, limit=2)):
        return True  # "he is known to kidnap those who …", "suspected to plant bombs"
    if token.pos_ not in ("NOUN", "PROPN") and token.tag_ != "VBG":
        return False
    bare_plural = token.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss") for c in token.children)
    if bare_plural and any(t.lemma_.lower() in lx.RECORD_HEADS for t in sent_of(token) if t.i < token.i):
        return True
    below = token
    for node in _ancestors(token, limit=5):
        lemma = node.lemma_.lower()
        if lemma in lx.RECORD_HEADS:
            return True
        if lemma == "engage" and below.lower_ == "in":
            return True  # "members engaged in kidnapping" (not "troops engaged the militants")
        below = node
        if lemma in lx.HABITUAL_HEADS and node.tag_ in ("VBZ", "VBP"):
            return True
        if lemma in lx.PROFILE_HEADS and bare_plural:
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "ccomp", "pcomp", "acl", "advcl",
                                                              "relcl", "conj"):
            break
    return False


_EXPLOSION_WORDS = frozenset({"exploded", "explosion", "explosions", "blast", "blasts", "explodes", "fire",
                              "blaze", "collapsed", "collapse", "crash", "crashed", "leak", "leakage"})


def is_non_conflict(trigger: Trigger, words: set[str], *, whole_text: bool = False) -> bool:
    """Disasters, accidents and ordinary crime that look violent: "the quake
    struck", "a gas cylinder exploded", "police arrested drug smugglers";
    never a protest, a mob's violence (often against a suspected thief), nor
    looting in a disaster's wake.
    With ``whole_text`` (``words`` then hold the cues of the whole text, which
    names no armed actor at all) deaths in an accident count too ("killed
    when their bus plunged …")."""
    armed = bool(words & lx.ARMED_CUES) or any(pair <= words for pair in lx.ARMED_PAIRS)
    if trigger.sub_event_type in ("Diplomacy", "Mob violence") or trigger.event_type == lx.PROTESTS:
        return False  # people protest, also about a flood; a mob lynches a suspected thief
    if words & lx.CRIME_WORDS and not armed:
        return True
    if trigger.token.lemma_.lower() in lx.LOOTING_VERBS:
        return False  # "shops were looted during the flood": looting, whatever the setting
    if words & lx.DISASTER_WORDS and not armed:
        return True
    if words & lx.ACCIDENT_WORDS and not armed and \
            (trigger.event_type == lx.REMOTE or words & _EXPLOSION_WORDS
             or (whole_text and trigger.token.lemma_.lower() == "kill")):
        return True
    return False


# Crime words are not taken from the rest of the text: reports of political
# violence often name a murder, a ransom or extortion.
_CONTEXT_CUES = lx.DISASTER_WORDS | lx.ACCIDENT_WORDS | lx.ARMED_CUES | _EXPLOSION_WORDS


def _article_cues(doc: Doc) -> set[str]:
    """The disaster, accident and armed-conflict words of the whole
    text (one set intersection per document, cached): "The explosion
    occurred at the plant's warehouse" is the accident the previous sentence
    reported, "19 people were killed when their bus plunged …" the accident
    the next one names."""
    cues = doc.user_data.get("sitrep_context_cues")
    if cues is None:
        cues = set(_token_table(doc)[0]) & _CONTEXT_CUES
        doc.user_data["sitrep_context_cues"] = cues
    return cues


def _object_words(token: Token) -> set[str]:
    """Words that can be a verb's object: the few words after it, its object
    ("found a tunnel the rebels used to store rifles"), its passive subject
    ("a cache of arms was found"), and the noun a participle or relative
    clause describes ("a stash of shells found near the river", "the rifles
    the troops seized")."""
    sentence = sent_of(token)
    window = list(sentence.doc[token.i + 1:min(sentence.end, token.i + 9)])
    for child in token.children:
        if child.dep_ in ("nsubjpass", "dobj"):
            window.extend(child.subtree)
    if token.dep_ == "acl":
        window.extend(sentence.doc[max(sentence.start, token.i - 8):token.i])
    elif token.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in token.children):
        window.extend(t for t in token.head.subtree if t.i < token.i)
    return {t.lower_ for t in window}


def _object_heads(token: Token) -> set[str]:
    """The nouns of a verb's object (or passive subject) and their
    conjuncts: "seized rifles, a launcher and rounds of ammunition"."""
    heads: list[Token] = []
    stack = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    while stack:
        noun = stack.pop()
        heads.append(noun)
        stack.extend(c for c in noun.children if c.dep_ in ("conj", "appos"))
    return {t.lower_ for t in heads}


def _has_object(token: Token, words: frozenset[str]) -> bool:
    """Does a word of ``words`` name the trigger's object (``_object_words``)?"""
    return bool(_object_words(token) & words)


def _target_words(token: Token) -> set[str]:
    """Words of the trigger's target: its object or passive subject, the
    object of "on/against/at", else the few words after it up to a clause
    break."""
    words: set[str] = set()
    heads = [token]
    if token.head is not token and token.dep_ in ("dobj", "compound", "pobj"):
        heads.append(token.head)  # "opened fire on X": the preposition hangs on "opened"
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
                words.update(t.lower_ for t in child.subtree)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "upon", "into"):
                words.update(t.lower_ for t in child.subtree)
    if not words:
        for t in token.doc[token.i + 1:min(sent_of(token).end, token.i + 7)]:
            if t.is_punct or t.pos_ in ("VERB", "CCONJ", "SCONJ"):
                break
            words.add(t.lower_)
    return words


def _phrase_index() -> dict[str, list[tuple[list[str], list[str], str, str]]]:
    index: dict[str, list[tuple[list[str], list[str], str, str]]] = {}
    for phrase, (etype, subtype) in lx.PHRASE_TRIGGERS.items():
        words = phrase.split()
        singular = [w.rstrip("s") for w in words]
        for first in {words[0], singular[0]}:
            index.setdefault(first, []).append((words, singular, etype, subtype))
    return index


_PHRASES_BY_FIRST = _phrase_index()


def _noun_chunks(sentence: Span) -> list[Span]:
    """The sentence's noun chunks; the doc's chunks are computed once and
    cached (``Span.noun_chunks`` walks the whole document on every call)."""
    doc = sentence.doc
    cached = doc.user_data.get("sitrep_noun_chunks")
    if cached is None:
        chunks = list(doc.noun_chunks)
        cached = (chunks, [c.start for c in chunks])
        doc.user_data["sitrep_noun_chunks"] = cached
    chunks, starts = cached
    found: list[Span] = []
    for i in range(bisect_left(starts, sentence.start), len(chunks)):
        if chunks[i].start >= sentence.end:
            break
        if chunks[i].end <= sentence.end:
            found.append(chunks[i])
    return found


def _sentences(doc: Doc) -> list[Span]:
    if doc.user_data.get("sitrep_sentences") is None and len(doc):
        sent_of(doc[0])
    return doc.user_data["sitrep_sentences"][0] if len(doc) else []


def sent_of(token: Token) -> Span:
    """``sent_of(token)`` without re-walking the document each time (spaCy's
    property scans every sentence); cached on the doc."""
    doc = token.doc
    cache = doc.user_data.get("sitrep_sentences")
    if cache is None:
        sentences = list(doc.sents)
        owner = [0] * len(doc)
        for k, sentence in enumerate(sentences):
            for i in range(sentence.start, sentence.end):
                owner[i] = k
        cache = (sentences, owner)
        doc.user_data["sitrep_sentences"] = cache
    sentences, owner = cache
    return sentences[owner[token.i]]


def _token_table(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Lower-cased words, lower-cased lemmas and coarse POS of every token,
    read once per doc from its arrays (building a ``Token`` per word per
    sentence visit costs more than the trigger search itself); cached."""
    table = doc.user_data.get("sitrep_token_table")
    if table is None:
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, LEMMA, POS]).tolist() if len(doc) else []
        table = ([strings[lower] for lower, _, _ in rows],
                 [strings[lemma].lower() for _, lemma, _ in rows],
                 [strings[pos] for _, _, pos in rows])
        doc.user_data["sitrep_token_table"] = table
    return table


def find_triggers(sentence: Span, *, published: date | None, recalled: bool = False,
                  harm_reports: bool = False) -> list[Trigger]:
    """Event triggers of one sentence after dropping back-references and
    unreal events.  For a text's first report, which refers to nothing
    before: with ``recalled`` back-references are kept ("15 dead after
    ambush"); with ``harm_reports`` those that only tell the victims' harm
    ("dozens were treated after a gas attack")."""
    found: list[Trigger] = []
    all_lower, all_lemmas, all_pos = _token_table(sentence.doc)
    lower_words = all_lower[sentence.start:sentence.end]
    lemmas = all_lemmas[sentence.start:sentence.end]
    coarse = all_pos[sentence.start:sentence.end]
    taken: set[int] = set()
    matched: set[tuple[int, int, str]] = set()
    # Multi-word phrases (matched on words or lemmas), looked up by first word.
    for i in range(len(sentence)):
        options = _PHRASES_BY_FIRST.get(lower_words[i], ())
        if lemmas[i] != lower_words[i]:  # "have taken over": "taken …" phrases exist, "take over" is by lemma
            options = [*options, *_PHRASES_BY_FIRST.get(lemmas[i], ())]
        for words, singular, etype, subtype in options:
            n = len(words)
            if i + n > len(sentence) or (i, n, subtype) in matched:
                continue  # out of the sentence, or the same phrase found by word and by lemma
            if lower_words[i:i + n] == words or lemmas[i:i + n] == words or lemmas[i:i + n] == singular:
                found.append(Trigger(sentence[i + n - 1], etype, subtype, True))
                taken.update(range(i, i + n))
                matched.add((i, n, subtype))
    for i, lemma in enumerate(lemmas):
        if i in taken:
            continue
        pos = coarse[i]
        if pos in ("NOUN", "PROPN") and lemma in lx.NOUN_TRIGGERS:
            etype, subtype = lx.NOUN_TRIGGERS[lemma]
            found.append(Trigger(sentence[i], etype, subtype, lemma not in ("attack", "operation", "exchange", "raid", "offensive", "talk", "assault")))
        elif pos == "VERB" and lemma in lx.VERB_TRIGGERS:
            etype, subtype = lx.VERB_TRIGGERS[lemma]
            found.append(Trigger(sentence[i], etype, subtype, lemma not in _WEAK_VERBS))
    kept: list[Trigger] = []
    sentence_words = set(lower_words)
    article_cues = _article_cues(sentence.doc) if found else set()
    for trig in found:
        lemma = trig.token.lemma_.lower()
        if trig.event_type != lx.STRATEGIC or trig.sub_event_type not in ("Agreement",):
            # "arrested during a protest": the protest is happening, not recalled
            preps = lx.BACKGROUND_PREPS - _CONTEMPORANEOUS if trig.event_type in (lx.PROTESTS, lx.RIOTS) \
                else lx.BACKGROUND_PREPS
            if not recalled and is_background(trig.token, preps=preps, harm_reports=harm_reports):
                continue
        if is_unreal(trig.token, published=published) and trig.sub_event_type != "Diplomacy":
            continue
        if lemma == "march" and _is_month(trig.token):
            continue  # "(March 10)", "on 5 March"
        if lemma == "strike" and trig.token.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in lx.STRIKE_IDIOM_OBJECTS for c in trig.token.children):
            continue  # "struck a discordant note", "struck a deal"
        if trig.token.lower_ in ("off", "through") and not _bomb_subject(trig.token):
            continue  # "the alarm went off", "the storm tore through the town"
        if lemma in lx.NEEDS_WEAPON and trig.token.dep_ in ("amod", "compound"):
            continue  # "a rocket-launching site", "firing positions": a kind of thing, not an act
        if lemma in lx.NEEDS_WEAPON and trig.token.pos_ == "VERB" and not _weapon_subtype(sentence_words):
            if lemma == "destroy" and _has_object(trig.token, lx.PROPERTY_WORDS):
                kept.append(Trigger(trig.token, lx.STRATEGIC, "Looting/property destruction", True))
            elif lemma == "fire" and (_fired_at(trig.token) or (
                    _nominal_gerund(trig.token) and (sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)):
                # "gunmen fired at a van", "Indian firing leaves one dead"
                kept.append(Trigger(trig.token, lx.BATTLES, "Armed clash", True))
            continue  # the verb, not the noun ending "opened fire"
        if lemma == "strike" and trig.token.pos_ == "NOUN" and _labour_strike(trig.token, sentence_words):
            kept.append(Trigger(trig.token, lx.PROTESTS, "Peaceful protest", True))
            continue
        if lemma in lx.STATIVE_VERBS and _participle(trig.token):
            continue  # "the occupied city", "areas occupied by the rebels": a state, not an event
        if is_habitual(trig.token) or _punished_for(trig.token):
            continue
        if trig.event_type in _VIOLENT | {lx.PROTESTS} and _purpose_of_movement(trig.token):
            continue
        if lemma in ("flee", "displace") and not _mass_displacement(trig.token):
            continue
        if lemma in ("attack", "assault", "strike", "hit", "target") and (
                sentence_words & lx.CYBER_WORDS or _target_words(trig.token) & lx.CYBER_TARGETS):
            continue  # "hackers attacked the ministry's website"
        if is_non_conflict(trig, sentence_words) or \
                is_non_conflict(trig, sentence_words | article_cues, whole_text=True):
            continue
        if _attributed(trig.token):
            continue
        frame_key = lemma if lemma in lx.OBJECT_FRAMES else trig.token.head.lower_ \
            if trig.token.lower_ in ("up", "out", "over", "control", "down") else ""
        if f"{frame_key} {trig.token.lower_}" in lx.OBJECT_FRAMES:
            frame_key = f"{frame_key} {trig.token.lower_}"  # "took over" needs a place, "took control" not
        if frame_key in lx.OBJECT_FRAMES and not _has_object(trig.token, lx.OBJECT_FRAMES[frame_key]) and not (
                lx.OBJECT_FRAMES[frame_key] & lx.TERRITORY_WORDS
                and (_place_object(trig.token) or _taken_unopposed(trig.token))):
            continue
        if lemma in lx.SHOOTING_NOUNS and trig.token.pos_ == "NOUN" and (
                not ((sentence_words - {trig.token.lower_}) & lx.SHOOTING_CONTEXT)
                or (not recalled and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                         for c in trig.token.children))):
            continue  # "the firing of the coach"; "no one was injured in the firing" (told before)
        if lemma in ("enter", "control") and trig.token.pos_ == "VERB" and (
                not _uncontested(sentence_words) or trig.token.tag_ in ("VBP", "VBZ")
                or not (_has_object(trig.token, lx.TERRITORY_WORDS) or _place_object(trig.token))):
            continue  # "troops entered the town" tells no transfer; "the rebels control the area" is a state
        if lemma in ("operation", "exchange", "offensive", "talk", "pact", "treaty") and \
                not (sentence_words & lx.CONTEXT_WORDS):
            continue
        kept.append(trig)
    return _drop_background_clauses(kept, sentence)


_EARLIER_MARKS = frozenset({"after", "following", "since", "before"})


def _drop_background_clauses(triggers: list[Trigger], sentence: Span) -> list[Trigger]:
    """"A day after police detained protesters, the opposition said two of
    its leaders were abducted": a clause dated by another event ("after
    …", "since …") tells that event as background when the main clause
    reports an event of another type.  A toll ("six were killed after
    troops opened fire") and an event that grew out of the earlier one (a
    riot after a lynching) are the same event."""
    background = {t.i for m in sentence if m.dep_ == "mark" and m.lower_ in _EARLIER_MARKS
                  and m.head.dep_ == "advcl" for t in m.head.subtree}
    main = {t.event_type for t in triggers if t.token.i not in background and t.sub_event_type != "Diplomacy"
            and not (t.token.lemma_.lower() in ("kill", "martyr") and t.token.pos_ == "VERB")}
    if not background or not main:
        return triggers
    return [t for t in triggers if t.token.i not in background or t.event_type in main]


_MOVEMENT_VERBS = frozenset(lemma for lemma, (_, subtype) in lx.VERB_TRIGGERS.items()
                            if subtype == "Change to group/activity" and lemma not in ("withdraw", "retreat", "defect"))


def _purpose_of_movement(token: Token) -> bool:
    """The aim of a troop movement, not an event: "sent two battalions to
    fight the rebels", "mobilising fighters for attacking the district",
    "mobilising supporters to protest" (the movement is the news, a Change
    to group/activity)."""
    node = token.head if token.dep_ == "dobj" and token.head.pos_ == "VERB" else token  # "to launch an attack"
    if node.dep_ in ("pcomp", "pobj") and node.head.lower_ == "for":
        verb = node.head.head
    elif node.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
        verb = node.head
    else:
        return False
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _MOVEMENT_VERBS


_ARMED_PEOPLE = lx.MILITANT_WORDS | lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.TROOP_WORDS


def _punished_for(token: Token) -> bool:
    """The reason for a punishment or sanction, told before: "expelled
    three diplomats for taking part in rallies", "sentenced to death for
    the bombing"."""
    for node in _ancestors(token, limit=5):
        if node.lower_ == "for" and node.dep_ == "prep" and node.head.lemma_.lower() in lx.PUNISH_VERBS:
            return True
    return False


def _mass_displacement(token: Token) -> bool:
    """"Some 7,000 villagers have fled", "thousands of families were
    displaced": people in numbers leaving their homes, not armed men who
    fled a raid."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    words = [t for t in subject.subtree]
    if any(t.lower_ in _ARMED_PEOPLE for t in words):
        return False
    return any(t.like_num or t.lower_ in lx.DISPLACED_MASS for t in words)


def _bomb_subject(particle: Token) -> bool:
    """Is a bomb (or a bomber) the subject of "went off" / "ripped through"?"""
    verb = particle.head if particle.dep_ in ("prt", "prep") else particle
    return any(t.lower_ in lx.DETONATED for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
               for t in c.subtree)


def _is_month(token: Token) -> bool:
    """"March" naming the month: part of a date, or next to a day number or year."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return token.ent_type_ == "DATE" or any(t.like_num for t in neighbours)


def _nominal_gerund(token: Token) -> bool:
    """An -ing verb used as a noun: "Indian firing", "the firing killed two"."""
    return token.tag_ == "VBG" and (token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") or any(
        c.dep_ in ("amod", "det", "poss", "compound") for c in token.children))


def _fired_at(token: Token) -> bool:
    """The verb "fire" aimed at someone or something: "fired at a police
    van", "fire on the convoy", "fired upon protesters"."""
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")
               and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON") and g.ent_type_ not in ("DATE", "TIME")
                       for g in c.children)
               for c in token.children)


def _labour_strike(token: Token, words: set[str]) -> bool:
    """"Went on strike", "a general strike", "teachers staged a strike over
    pay": a labour protest, unless weapons are named."""
    if _weapon_subtype(words) or words & {"killed", "killing", "targeted", "targeting", "hit"}:
        return False
    if token.head.lower_ == "on" and token.dep_ == "pobj":
        return True
    if any(c.lower_ in lx.LABOUR_STRIKE_WORDS for c in token.children if c.dep_ in ("amod", "compound", "poss")):
        return True
    return bool(words & lx.LABOUR_STRIKE_WORDS)


def _attributed(token: Token) -> bool:
    """An attack reported before and now claimed, blamed or attributed:
    "claimed responsibility for the attack", "takes credit for the bomb that
    killed …" ("for" on the verb), "blamed the rebels for the bombing"."""
    below = token
    for a in _ancestors(token, limit=4):
        lemma = a.lemma_.lower()
        if lemma in lx.CLAIM_NOUNS or (lemma in lx.BLAME_VERBS and below.dep_ in ("dobj", "prep")):
            return True
        below = a
        if a.lower_ == "for" and any(c.dep_ == "dobj" and c.lemma_.lower() in lx.CLAIM_NOUNS for c in a.head.children):
            return True
    return False


def _participle(token: Token) -> bool:
    """A verb used as an adjective: "the occupied city" (also when the parser
    makes it a clause of its own), "areas occupied by the rebels"."""
    if token.dep_ in ("amod", "acl"):
        return True
    doc = token.doc
    return token.tag_ in ("VBN", "VBD") and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


_TARGETING_VERBS = frozenset({"destroy", "damage", "target", "down", "intercept", "seize", "capture"})


def _weapon_words(sentence: Span) -> set[str]:
    """The sentence's words that can name the weapon used: not the target
    ("destroying several helicopters", "targeting chemical weapons
    facilities"), an "anti-aircraft" gun, nor the weapon of another attack
    the sentence refers back to or blames ("in retaliation for a gas
    attack", "accused of a chlorine attack")."""
    words: set[str] = set()
    for t in sentence:
        if t.lower_ in _ALL_WEAPON_WORDS and (is_background(t) or _attributed(t)):
            continue
        if t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB" and t.head.lemma_.lower() in _TARGETING_VERBS:
            continue
        if t.dep_ in ("compound", "amod") and t.head.dep_ in ("dobj", "nsubjpass") and \
                t.head.head.pos_ == "VERB" and t.head.head.lemma_.lower() in _TARGETING_VERBS:
            continue
        if t.i > sentence.start and sentence.doc[t.i - 1].lower_ in ("anti", "anti-", "-") and \
                sentence.doc[max(sentence.start, t.i - 2)].lower_ in ("anti", "anti-"):
            continue
        words.add(t.lower_)
    return words


_ALL_WEAPON_WORDS = frozenset().union(*(vocabulary for vocabulary, _, _ in lx.WEAPON_SUBTYPES))


def _weapon_subtype(words: set[str]) -> tuple[str, str] | None:
    for vocabulary, etype, subtype in lx.WEAPON_SUBTYPES:
        if words & vocabulary:
            return etype, subtype
    return None


def choose_sentence_events(triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """One violent event per sentence (the most specific trigger) plus its
    non-violent events; a sentence about fighting ending yields the Agreement
    (after a territory handed over under it)."""
    if not triggers:
        return []
    lemmas = {t.lemma_.lower() for t in sentence}
    agreements = [t for t in triggers if t.sub_event_type == "Agreement"]
    if agreements and lemmas & lx.ENDING_VERBS:
        # "territory was handed over as part of a deal ending the fighting": the handover is the event
        transfers = [t for t in triggers if t.sub_event_type == "Non-violent transfer of territory"]
        return [*transfers[:1], *agreements[:1]]
    triggers = [_object_subtype(t) for t in triggers]
    # "thousands were displaced by fighting": the fighting is the cause told, the displacement the news
    causes = {w.i for t in triggers if t.sub_event_type == "Other" for c in t.token.children
              if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from") for w in c.subtree}
    triggers = [t for t in triggers if t.token.i not in causes]
    if any(t.sub_event_type == "Other" and t.token.lemma_.lower() not in ("flee", "displace") for t in triggers):
        # "a mass grave holds the bodies of villagers killed by the militia": old killings, found now
        triggers = [t for t in triggers if t.event_type not in _VIOLENT]
    if _bombed_gathering(triggers, sentence):
        # "blast near a poll rally": the bombing is the event, the rally its target
        triggers = [t for t in triggers if t.event_type not in (lx.PROTESTS, lx.RIOTS)]
    protest = _protest_event(triggers, sentence)
    if protest is not None:
        return [protest, *[t for t in triggers if t.event_type == lx.STRATEGIC
                           and t.sub_event_type not in ("Arrests", "Looting/property destruction")]]
    violent = _drop_outcome_operations([t for t in triggers if t.event_type in _VIOLENT], triggers, sentence)
    others: dict[str, Trigger] = {}
    for t in triggers:
        if t.event_type not in _VIOLENT:
            others.setdefault(t.sub_event_type, t)
    chosen: list[Trigger] = []
    if violent:
        # Sexual violence is coded as such whatever other harm the sentence
        # reports ("raped, beat and assaulted civilians").
        strong = [t for t in violent if t.sub_event_type == "Sexual violence"] or \
            [t for t in violent if t.strong] or violent
        strong.sort(key=lambda t: (_TYPE_PRIORITY[t.event_type], t.token.i))
        best = strong[0]
        chosen.append(_refine(best, sentence, violent))
    transfer = any(t.sub_event_type == "Non-violent transfer of territory" for t in chosen)
    chosen.extend(t for t in others.values() if not (transfer and t.sub_event_type == "Change to group/activity"))
    return chosen


_HARM_WORDS = frozenset({"killed", "killing", "kills", "injured", "injuring", "wounded", "wounding", "dead",
                         "died", "casualties"})
_INTERCEPTIONS = frozenset({"intercept", "down"})
_DISPOSAL_VERBS = frozenset({"destroy", "detonate", "explode", "burn"})


def _drop_outcome_operations(violent: list[Trigger], triggers: Sequence[Trigger], sentence: Span) -> list[Trigger]:
    """Violence that a sentence reports only as the setting of a non-violent
    outcome: a raid or operation that seized weapons or made arrests, with no
    fighting of its own ("rifles were seized in a joint operation"), the
    missile or drone that air defences intercepted (Disrupted weapons use),
    and a generic attack that only looted or burned property."""
    if not violent:
        return violent
    # "looted many houses … in a targeted attack", "attacked them, looted shops and set them on
    # fire": with no one killed or hurt, the generic attack is the looting or destruction itself
    if any(t.sub_event_type == "Looting/property destruction" for t in triggers) and \
            all(not t.strong for t in violent) and not {t.lower_ for t in sentence} & _HARM_WORDS:
        return []
    outcomes = [t for t in triggers if t.sub_event_type in ("Disrupted weapons use", "Arrests")]
    if not outcomes:
        return violent
    # "cleared 500 landmines", "an IED was defused": the weapon named as the object is not used
    objects = {w.i for t in outcomes if t.sub_event_type == "Disrupted weapons use" for c in t.token.children
               if c.dep_ in ("dobj", "nsubjpass") for w in c.subtree}
    # "cleared the mines and destroyed them", "defused and detonated the bombs": disposal, not use
    disposal = {c.i for t in outcomes if t.sub_event_type == "Disrupted weapons use" for c in t.token.children
                if c.dep_ == "conj" and c.lemma_.lower() in _DISPOSAL_VERBS}
    violent = [t for t in violent if t.token.i not in objects | disposal]
    if all(t.token.lemma_.lower() in lx.OPERATION_WORDS for t in violent):
        return []
    if any(t.token.lemma_.lower() in _INTERCEPTIONS for t in outcomes if t.sub_event_type == "Disrupted weapons use") \
            and not {t.lower_ for t in sentence} & _HARM_WORDS:
        return [t for t in violent if t.event_type != lx.REMOTE]
    return violent


_TERRITORY_TAKEN = ("Government regains territory", "Non-state actor overtakes territory")


def _taker(token: Token) -> Token | None:
    """The subject (or passive agent) of the verb that takes a place; a
    pronoun subject of a reported clause stands for the reporter's subject
    ("the army confirmed it regained the town")."""
    for verb in _subject_verbs(token):
        current: Token | None = verb
        for _ in range(3):
            if current is None:
                break
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            if subject is None:
                agent = next((c for c in current.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subject is not None and subject.pos_ != "PRON":
                return subject
            if current.dep_ not in ("ccomp", "conj", "xcomp") or current.head is current:
                break
            current = current.head
    return None


def _state_taker(token: Token) -> bool | None:
    """True when state forces take the place, False for anyone else, None
    when the text does not say (by the head noun of the taker)."""
    taker = _taker(token)
    if taker is None:
        return None
    appositive = next((c for c in taker.children if c.dep_ == "appos"), None)
    if appositive is not None and taker.lower_ not in lx.STATE_HEADS | lx.NON_STATE_WORDS:
        taker = appositive  # "Provinces, army units, …": the apposition names the taker
    modifiers = {t.lower_ for t in taker.subtree
                 if t.i < taker.i or t is taker or t.dep_ in ("compound", "amod", "poss", "nmod")}
    modifiers -= {t.lower_ for c in taker.children if c.dep_ in ("conj", "cc", "relcl", "acl", "prep")
                  for t in c.subtree}
    phrase = " ".join(sorted(modifiers))
    if modifiers & lx.NON_STATE_WORDS or any(f" {key} " in f" {phrase} " for key in _GROUP_KEYS if " " not in key):
        return False
    if taker.lower_ in lx.STATE_HEADS:
        return True
    return None


def _territory_side(trigger: Trigger) -> Trigger:
    """Who took the place: state forces regain territory, anyone else
    overtakes it ("Taliban fighters recaptured the district"); taken after
    the other side withdrew, or without a fight, it changed hands without
    violence."""
    if trigger.sub_event_type not in _TERRITORY_TAKEN:
        return trigger
    if _uncontested({t.lower_ for t in sent_of(trigger.token)}):
        return Trigger(trigger.token, lx.STRATEGIC, "Non-violent transfer of territory", trigger.strong)
    state = _state_taker(trigger.token)
    if state is None:
        actor1, _ = find_actors(trigger)
        state = actor1.startswith(("Military Forces", "Police Forces", "Government")) or not actor1
    subtype = "Government regains territory" if state else "Non-state actor overtakes territory"
    return Trigger(trigger.token, trigger.event_type, subtype, trigger.strong)


def _uncontested(words: set[str]) -> bool:
    """Did the place change hands without a fight?  "Without resistance",
    "met no resistance", or after the other side withdrew with no fighting
    told."""
    if "without" in words and words & lx.UNCONTESTED_WORDS:
        return True
    if words & lx.NO_WORDS and "resistance" in words:
        return True
    return bool(words & lx.WITHDRAWAL_WORDS) and not words & lx.FIGHTING_WORDS


def _taken_unopposed(token: Token) -> bool:
    """"Allowing the rebels to seize it without resistance": a pronoun object
    of a verb that takes places, where the place changed hands without a
    fight, stands for that place."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "it" for c in token.children) and \
        _uncontested({t.lower_ for t in sent_of(token)})


_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _place_object(token: Token) -> bool:
    """Is the verb's object (or passive subject) a named place ("seized
    Kunduz", "Aleppo was recaptured")?  A place is a place mention of the
    analysis (see ``extract_events``) or a GPE/LOC/FAC entity."""
    sentence = sent_of(token)
    places = sentence.doc.user_data.get("sitrep_place_tokens", ())

    def is_place(t: Token) -> bool:
        return t.i in places or t.ent_type_ in _PLACE_ENTITIES

    for t in sentence.doc[token.i + 1:min(sentence.end, token.i + 6)]:
        if is_place(t):
            return True
        if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ", "ADP"):
            break
    return any(is_place(t) for c in token.children if c.dep_ == "nsubjpass" for t in c.subtree)


def _object_subtype(trigger: Trigger) -> Trigger:
    """Verbs whose object decides the event: "seized the town" (territory),
    "seized weapons" (disrupted weapons use), "captured a commander" (arrest)."""
    lemma = trigger.token.lemma_.lower()
    if lemma == "destroy" and _has_object(trigger.token, lx.WEAPON_CACHE_WORDS | {"devices", "device"}):
        return Trigger(trigger.token, lx.STRATEGIC, "Disrupted weapons use", True)
    if trigger.sub_event_type == "Arrests" and lemma not in ("seize", "capture", "take", "recover"):
        if _state_taker(trigger.token) is False:
            return Trigger(trigger.token, lx.VAC, "Abduction/forced disappearance", True)  # "the Taliban detained …"
        return trigger
    if lemma not in ("seize", "capture", "take", "recover"):
        return trigger
    window = _object_words(trigger.token)
    heads = _object_heads(trigger.token)  # "seized rifles in a town north of the capital": rifles
    if (heads & lx.WEAPON_CACHE_WORDS and not heads & lx.TERRITORY_WORDS) or \
            (window & lx.WEAPON_CACHE_WORDS and not window & lx.TERRITORY_WORDS):
        return Trigger(trigger.token, lx.STRATEGIC, "Disrupted weapons use", True)
    if window & lx.TERRITORY_WORDS or (lemma != "take" and _place_object(trigger.token)) or \
            _taken_unopposed(trigger.token):
        return _territory_side(Trigger(trigger.token, lx.BATTLES, "Government regains territory", True))
    if _state_taker(trigger.token) is False:
        # ACLED's arrests are by state authorities; armed groups taking
        # people abduct them ("militants captured two soldiers")
        return Trigger(trigger.token, lx.VAC, "Abduction/forced disappearance", True)
    return Trigger(trigger.token, lx.STRATEGIC, "Arrests", True)


_RIOT_WORDS = frozenset({"clashes", "clash", "scuffles", "scuffle", "projectiles", "thrown", "threw",
                         "throwing", "petrol", "molotov", "barricades", "burning", "burned", "burnt",
                         "arson", "smashed", "vandalism", "rampage", "looting",
                         "stone", "stones", "stone-throwing", "stone-pelting", "rioters", "riot", "riots",
                         "rioting", "violent", "violence", "vandalised", "vandalized", "hurled", "pelted",
                         "torched", "ransacked", "looted", "clashed", "clashing", "fought", "stormed",
                         "storming", "broke", "smashing", "pelting", "hurling", "rocks", "bottles", "ablaze",
                         "blocked", "blocking", "blockade", "blockaded", "barricaded", "roadblocks", "tyres",
                         "tires", "damaged", "damaging", "tore", "torn"})
_INTERVENTION_WORDS = frozenset({"tear", "teargas", "dispersed", "disperse", "arrested", "detained", "baton",
                                 "batons", "cannon", "lathi", "lathicharge", "rubber", "pellets", "arrests",
                                 "detentions", "chase", "chased", "pepper", "pepper-sprayed", "kettled"})
_FORCE_WORDS = frozenset({"killed", "shot", "live", "bullets", "killing", "beat", "beaten", "opened",
                          "excessive", "suppressed", "suppress", "violently", "brutally", "injuries", "injured",
                          "wounded", "wounding", "crackdown", "died", "dead", "attacks", "attacked"})
_PEACEFUL_WORDS = frozenset({"peaceful", "non-violent", "nonviolent", "unarmed"})
_PROTEST_WORDS = frozenset({"protest", "protests", "protesters", "protestors", "demonstrators",
                            "demonstration", "demonstrations", "rally", "rallies", "marchers", "sit-in",
                            "agitation", "marches"})
_RIOT_GEAR_HEADS = frozenset({"police", "policemen", "gear", "squad", "shields", "control", "unit", "units",
                              "officers", "troops", "vehicle", "vehicles"})


def _riot_gear(token: Token) -> bool:
    """"riot police", "riot gear": not a riot."""
    doc = token.doc
    return token.lower_ == "riot" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _RIOT_GEAR_HEADS


def _protesters_words(sentence: Span) -> set[str]:
    """The sentence's words, less those that only name a cause or an earlier
    event ("a protest against police violence", "after the killing of five
    students"), deny violence ("non-violent") or name riot police ("riot
    police")."""
    lower = _token_table(sentence.doc)[0]
    words = set(lower[sentence.start:sentence.end])
    for i in range(sentence.start, sentence.end):
        if lower[i] not in _RIOT_WORDS and lower[i] not in _FORCE_WORDS:
            continue  # only violence words are checked token by token
        t = sentence.doc[i]
        if _riot_gear(t):
            words.discard(lower[i])
        elif i > sentence.start and (lower[i - 1] in ("non", "non-") or (
                lower[i - 1] == "-" and i - 1 > sentence.start and lower[i - 2] == "non")):
            words.discard(lower[i])
            words.add("non-" + lower[i])  # "non - violent" as three tokens
        elif any(a.lower_ in _CAUSE_PREPS and a.dep_ == "prep" for a in _ancestors(t, limit=4)):
            words.discard(lower[i])
        elif lower[i] in _BURN_WORDS and _object_words(t) & _SYMBOLS:
            words.discard(lower[i])  # burning effigies or flags is a symbolic act, not violence (ACLED)
    if _protesters_violent(sentence):
        words.add("riot")
    return words


_BURN_WORDS = frozenset({"burning", "burned", "burnt", "torched"})
_SYMBOLS = frozenset({"effigy", "effigies", "flag", "flags", "poster", "posters", "copies", "portrait", "portraits",
                      "pictures", "photos", "photographs"})
_PROTESTER_HEADS = frozenset({"protesters", "protestors", "demonstrators", "rioters", "students", "crowd", "crowds",
                              "supporters", "activists", "mob"})


def _protesters_violent(sentence: Span) -> bool:
    """Protesters who attack, beat or injure someone, set something on fire
    or pull it down ("protesters attacked police officers", "demonstrators
    set cars on fire", "pulled down the barriers"): ACLED's violent
    demonstration."""
    for t in sentence:
        lemma = t.lemma_.lower()
        if lemma == "set" and any(c.lower_ == "fire" or (c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children))
                                  for c in t.children):
            return True
        if lemma in ("pull", "tear", "knock") and any(c.dep_ == "prt" and c.lower_ == "down" for c in t.children):
            return True  # "pulled down the walls", "tore down the fences"
        if lemma in ("attack", "assault", "beat", "injure", "damage") and t.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.lower_ in _PROTESTER_HEADS for c in t.children):
            return True
    return False


# Prepositions whose object is the protest's cause or what came before it:
# "a protest against police violence", "protests after the killing of five
# students" (the killing is not force used against the protest).
_CAUSE_PREPS = frozenset({"against", "over", "about", "condemning"}) | (lx.BACKGROUND_PREPS - _CONTEMPORANEOUS)


_BOMBINGS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})
_BOMB_WORDS = frozenset({"bomb", "blast", "explosion", "explode", "bomber", "ied"})


def _bombed_gathering(triggers: Sequence[Trigger], sentence: Span) -> bool:
    """A bomb went off at a protest or rally that the protesters did not
    throw: a bombing trigger or bomb word, and no riot words ("hurled petrol
    bombs")."""
    if not any(t.event_type in (lx.PROTESTS, lx.RIOTS) for t in triggers):
        return False
    lemmas = {t.lemma_.lower() for t in sentence}
    bombed = any(t.sub_event_type in _BOMBINGS for t in triggers) or bool(lemmas & _BOMB_WORDS)
    return bombed and not (_protesters_words(sentence) & _RIOT_WORDS or lemmas & _THROW_LEMMAS)


_THROW_LEMMAS = frozenset({"throw", "hurl", "lob", "petrol", "molotov"})


def _protest_event(triggers: Sequence[Trigger], sentence: Span) -> Trigger | None:
    """A sentence about a protest is one Protests or Riots event, whatever
    violence it reports (ACLED): protesters' violence or destruction makes a
    riot, even when force is used against them; force against (peaceful)
    protesters, or their dispersal or arrest, is coded as the protest's
    sub-type."""
    candidates = [t for t in triggers if t.event_type in (lx.PROTESTS, lx.RIOTS) and not _riot_gear(t.token)]
    if not candidates:
        return None
    words = _protesters_words(sentence)
    if not words & (_PROTEST_WORDS | {"protester", "mob", "riot", "rioters"}):
        return None
    mob = next((t for t in candidates if t.sub_event_type == "Mob violence"), None)
    if mob is not None:
        return mob
    protest = candidates[0]
    peaceful = bool(words & _PEACEFUL_WORDS)
    security = words & (lx.POLICE_WORDS | lx.MILITARY_WORDS | {"security", "officers", "officer", "authorities"})
    destruction = any(t.sub_event_type == "Looting/property destruction" for t in triggers)
    # Protesters called peaceful are not rioters ("police clashed with peaceful
    # protesters"); "some rallied peacefully, others clashed" describes a riot.
    if (words & _RIOT_WORDS or destruction) and not peaceful:
        return Trigger(protest.token, lx.RIOTS, "Violent demonstration", True)
    force = words & _FORCE_WORDS
    if (security and force - {"attacks", "attacked"}) or (peaceful and force):
        return Trigger(protest.token, lx.PROTESTS, "Excessive force against protesters", True)
    if words & _INTERVENTION_WORDS:
        return Trigger(protest.token, lx.PROTESTS, "Protest with intervention", True)
    return Trigger(protest.token, lx.PROTESTS, "Peaceful protest", True)


# Triggers that name their own weapon ("pounded" and "bombardment" do not:
# jets pound, artillery pounds).
_SPECIFIC_REMOTE = frozenset({"airstrike", "shelling", "barrage", "ied", "shell", "chlorine", "sarin"})


def _refine(trigger: Trigger, sentence: Span, violent: Sequence[Trigger] = ()) -> Trigger:
    """Refine a generic violent trigger by weapon words and by its target."""
    trigger = _territory_side(trigger)
    etype, subtype = trigger.event_type, trigger.sub_event_type
    lemma = trigger.token.lemma_.lower()
    generic = lemma in ("attack", "kill", "martyr", "assault", "raid", "strike", "destroy", "shoot", "fire",
                        "hit", "launch")
    weapon = _weapon_subtype(_weapon_words(sentence))
    if weapon and (generic or etype == lx.REMOTE) and subtype not in ("Suicide bomb", "Chemical weapon") \
            and lemma not in _SPECIFIC_REMOTE:
        if not (etype == lx.REMOTE and lemma in ("strike", "bomb") and trigger.strong
                and weapon[1] == "Remote explosive/landmine/IED"):
            etype, subtype = weapon
    if etype == lx.BATTLES and subtype == "Armed clash" and lemma not in ("clash", "fight", "fighting", "battle",
                                                                         "gunfight", "firefight", "skirmish",
                                                                         "exchange", "crossfire", "gunbattle",
                                                                         "encounter", "shootout"):
        victims = _target_words(trigger.token)
        armed_targets = lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS | {"security", "officers",
                                                                                    "checkpoint", "convoy"}
        civilian = lx.CIVILIAN_WORDS | lx.CIVILIAN_SITES
        if not victims & (civilian | armed_targets):
            # "gunmen opened fire on the vehicle …, killing four women": the
            # sentence's other harm verbs name the victims
            for other in violent:
                if other is not trigger and other.token.lemma_.lower() in _HARM_VERBS:
                    victims |= _target_words(other.token)
        if victims & civilian and not victims & armed_targets:
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
    sentence = sent_of(token)
    actors: list[str] = []
    targets: list[str] = []
    for chunk in _noun_chunks(sentence):
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
    match = _ACCORDING.search(span_text(sentence))
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
            (span.end < len(doc) and doc[span.end].text in ("’s", "'s", "’", "'")):
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


def without_bare_regions(by_sentence: dict[int, list[_PlaceCandidate]]) -> dict[int, list[_PlaceCandidate]]:
    """The place candidates per sentence without regions that lie in no
    country ("Asia", "Europe", "the Middle East") when the article names a
    finer place (a town, site or admin area): an event never sits on such
    a word then.  (A region of one country, "Kashmir" or "Waziristan",
    stays.)  Kept apart from ``choose_places`` on purpose: it is the geo
    helper's one change here (issue 14)."""
    finer = any(c.place.kind in ("populated_place", "site", "admin2", "admin1")
                for candidates in by_sentence.values() for c in candidates)
    if not finer:
        return by_sentence
    return {index: [c for c in candidates if not (c.place.kind == "region" and not c.place.country)]
            for index, candidates in by_sentence.items()}


def choose_places(
    sentence: Span,
    trigger: Trigger,
    candidates: Sequence[_PlaceCandidate],
) -> tuple[list[Place], str]:
    """The place(s) where the sentence's event happened."""
    usable = [c for c in candidates if not c.excluded]
    violent = trigger.event_type in _VIOLENT
    if violent:
        # "At talks in Doha, officials said drones struck targets in Paktika":
        # a place inside the trigger's own clause beats one hanging elsewhere.
        own = [c for c in usable if _in_clause(sentence.doc, c.mention, trigger.token)]
        if own:
            usable = own
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


def _in_clause(doc: Doc, mention: Mention, trigger: Token) -> bool:
    """Is the place governed by the trigger or the trigger's verb, before
    any other verb intervenes?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
    wanted = {trigger.i} | ({verb.i} if verb is not None else set())
    for node in _ancestors(span.root, limit=6):
        if node.i in wanted:
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep" and node.lower_ not in ("including", "includes"):
            return False
    return False


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


def _victims_country(casualties: Sequence[Casualty], country_place: CountryLookup) -> Place | None:
    """The country of the victims when the text names it ("Pak Army officer
    killed in IED blast", "two Pakistani soldiers died")."""
    words = [word for casualty in casualties for word in re.findall(r"[\w.]+", casualty.victims)]
    return _first_country(words, country_place)


def _first_country(words: Iterable[str], country_place: CountryLookup) -> Place | None:
    """The country of the first word that names one ("Pak", "Pakistani",
    "Afghans"; "US" only in capitals, never the pronoun)."""
    for word in words:
        key = word.lower()
        if key == "us" and word not in ("US", "U.S."):
            continue
        code = lx.COUNTRY_CODES.get(key)
        place = country_place(code) if code else None
        if place is not None:
            return place
    return None


def _demonym_target(trigger: Trigger, country_place: CountryLookup) -> Place | None:
    """The country of a demonym on the trigger's target ("Indian military
    sites", "Pakistani posts")."""
    token = trigger.token
    verb = token if token.pos_ == "VERB" else None
    objects: list[Token] = []
    if verb is not None:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
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


def _scene_place(by_sentence: dict[int, list[_PlaceCandidate]], index: int, *,
                 sentences: Sequence[Span], body_start: int) -> Place | None:
    """The place the previous sentence or the one before set the scene in,
    within the same paragraph: "In Kunduz last night, a security force
    searched a compound.  During the search the force detained one suspected
    insurgent." -- the finest place named there as the object of "in/at/near"
    (the nearest one on a tie), never a country."""
    for back in (1, 2):
        j = index - back
        if j < 0 or sentences[j].end_char <= body_start:
            return None
        between = doc_text(sentences[j].doc)[sentences[j].start_char:sentences[index].start_char]
        if "\n\n" in between:
            return None  # another paragraph
        pool = [c for c in by_sentence.get(j, []) if c.locative and not c.excluded and c.place.kind != "country"
                and _sets_scene(sentences[j].doc, c.mention)]
        if pool:
            best = min(_KIND_LEVEL.get(c.place.kind, 3) for c in pool)
            return [c for c in pool if _KIND_LEVEL.get(c.place.kind, 3) == best][-1].place
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
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        return True
    lemma = head.lemma_.lower()
    return lemma in lx.NOUN_TRIGGERS and lx.NOUN_TRIGGERS[lemma][1] not in ("Diplomacy", "Agreement")


def _sentence_country(sentence: Span, country_place: CountryLookup) -> Place | None:
    """The first country the sentence names by a word the place finder does
    not take as a place ("Pak forces kill 13 militants"): a country-level
    place for a violent event that has nothing better."""
    return _first_country((token.text for token in sentence), country_place)


# --- dates -----------------------------------------------------------------

def _sentence_date(sentence: Span, trigger: Trigger, *, published: date | None) -> DateMention | None:
    """The date expression of the trigger's own clause, else the nearest one.
    A date in parentheses ("KABUL, Afghanistan (May 30, 2011)") is a filing
    date, not the event's; so is a date inside a back-reference."""
    best: DateMention | None = None
    best_rank: tuple[int, int, int] = (9, 9, 10**9)
    doc = sentence.doc
    text = span_text(sentence)
    clause = {trigger.token.i}
    verb = trigger.token if trigger.token.pos_ in ("VERB", "AUX") else _governing_verb(trigger.token)
    if verb is not None:
        clause.add(verb.i)
    for mention in find_dates(text, published=published):
        if mention.kind == "year" or mention.value is None:
            continue
        start = sentence.start_char + mention.start
        span = doc.char_span(start, start + (mention.end - mention.start), alignment_mode="expand")
        # "during an operation Monday" dates the event itself
        if span is not None and is_background(span.root, preps=lx.BACKGROUND_PREPS - _CONTEMPORANEOUS):
            continue
        if span is not None and _dates_other_event(span, trigger.token):
            continue  # "the July 2 attack": the date of an event referred to
        before = text[:mention.start].rstrip()
        after = text[mention.end:].lstrip()
        parenthesised = int(before.endswith("(") and after.startswith(")"))
        attached = 0
        if span is not None:
            heads = {t.i for t in [span.root, *_ancestors(span.root, limit=4)]}
            attached = 0 if heads & clause else 1
        rank = (parenthesised, attached, abs(start - trigger.token.idx))
        if rank < best_rank:
            best, best_rank = mention, rank
    return best


def _dates_other_event(span: Span, trigger: Token) -> bool:
    """The date modifies an event noun other than the trigger ("connected to
    the July 2 attack", "responsible for Tuesday's attack")."""
    head = span.root.head
    return (span.root.dep_ in ("compound", "nmod", "amod", "poss") and head.i != trigger.i
            and head.pos_ == "NOUN" and head.lemma_.lower() in lx.NOUN_TRIGGERS and trigger.i not in
            {t.i for t in head.subtree})


def _old_year(sentence: Span, *, published: date | None) -> bool:
    """The sentence dates itself only by a year well before publication."""
    mentions = find_dates(span_text(sentence), published=published)
    years = [m for m in mentions if m.kind == "year" and m.value is not None]
    others = [m for m in mentions if m.kind != "year"]
    if not years or others or published is None:
        return False
    return all(m.value.year < published.year - 1 for m in years if m.value is not None)


# --- casualties ------------------------------------------------------------

def _casualties_in(sentence: Span, *, recalled: bool = False) -> list[Casualty]:
    """The sentence's casualty figures, without those of a back-reference
    ("after the attack that killed 12") unless ``recalled`` (a text's first
    report) or of an unreal clause."""
    doc = sentence.doc
    kept: list[Casualty] = []
    for casualty in find_casualties(span_text(sentence)):
        start = sentence.start_char + casualty.start
        span = doc.char_span(start, sentence.start_char + casualty.end, alignment_mode="expand")
        # Words of the victim phrase ("3 wanted terrorists") are not the verb
        # the figure hangs on, even when the parser reads them as verbs.
        at = casualty.text.rfind(casualty.victims) if casualty.victims else -1
        victim_chars = range(start + at, start + at + len(casualty.victims)) if at >= 0 else range(0)
        words = [t for t in span if t.idx not in victim_chars] if span is not None else []
        if not recalled and any(is_background(t) for t in words if t.like_num or t.pos_ == "VERB"):
            continue
        if any(is_unreal(t, published=None) for t in words if t.pos_ == "VERB"):
            continue
        kept.append(casualty)
    return kept


def _victim_actor(casualty: Casualty) -> str:
    return actor_name(casualty.victims, event_type=lx.BATTLES)


def _takes_casualties(trigger: Trigger) -> bool:
    """Violent events, and force used against protesters (ACLED records its
    fatalities: "police opened fire on protesters, killing two")."""
    return trigger.event_type in _VIOLENT or trigger.sub_event_type == "Excessive force against protesters"


def _compatible(draft: _Draft, victims: str) -> bool:
    """Can these victims be casualties of this event?  One-sided violence
    (strikes, attacks on civilians) does not kill the attacker's own side."""
    if not _takes_casualties(draft.trigger):
        return False
    if not victims:
        return True
    if draft.trigger.event_type in (lx.REMOTE, lx.VAC) and draft.actor1 and draft.actor1 == victims:
        return False
    return True


_ANAPHORIC_DETS = frozenset({"the", "this", "these", "that", "those", "both"})
_GENERIC_ATTACKS = frozenset({"attack", "assault", "raid", "kill", "strike", "operation", "offensive"})


def _specify_previous(drafts: Sequence[_Draft], trigger: Trigger, *, sentence_index: int) -> None:
    """"Attacks were launched in 11 places. The attacks, mostly with
    grenades, …": a definite mention of the attack just reported that names
    the weapon gives that event its sub-type (the two then merge)."""
    token = trigger.token
    if trigger.event_type != lx.REMOTE or token.pos_ != "NOUN" or \
            not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in token.children):
        return
    previous = next((d for d in reversed(drafts) if d.trigger.event_type in _VIOLENT
                     and sentence_index - d.sentence_index <= 2), None)
    if previous is None or previous.sentence_index == sentence_index:
        return
    old = previous.trigger
    if (old.event_type, old.sub_event_type) == (lx.BATTLES, "Armed clash") and \
            old.token.lemma_.lower() in _GENERIC_ATTACKS:
        previous.trigger = Trigger(old.token, trigger.event_type, trigger.sub_event_type, old.strong)


_CHEMICAL_WORDS = next(vocabulary for vocabulary, _, subtype in lx.WEAPON_SUBTYPES if subtype == "Chemical weapon")
_MUNITIONS = lx.AERIAL_WEAPON_WORDS | {"shell", "bomb", "bombs", "attack", "attacks", "strike", "strikes"}


def _chemical_told_later(drafts: Sequence[_Draft], sentence: Span, *, sentence_index: int) -> None:
    """"Rebels fired shells into the city.  Residents suspect the shells
    carried poisonous gas": a chemical agent named for the munitions of the
    attack just reported ("the shells", "the attack") makes it a Chemical
    weapon attack (ACLED: any use of chemical agents)."""
    words = {t.lower_ for t in sentence}
    if not words & _CHEMICAL_WORDS or "tear" in words:
        return
    if not any(t.lower_ in _MUNITIONS and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in t.children)
               for t in sentence):
        return
    previous = next((d for d in reversed(drafts) if d.trigger.event_type in (lx.REMOTE, lx.BATTLES)
                     and 0 < sentence_index - d.sentence_index <= 2), None)
    if previous is not None:
        old = previous.trigger
        previous.trigger = Trigger(old.token, lx.REMOTE, "Chemical weapon", old.strong)


# Not "the operation": after arrests, the operation is where a toll is told.
_TOLD_AGAIN = frozenset({"attack", "assault", "raid", "strike"})


def _refers_back(drafts: Sequence[_Draft], trigger: Trigger, *, sentence_index: int) -> bool:
    """"Air defences intercepted the missiles.  The attacks were launched
    from the sea": a definite "the attack(s)" (the trigger, or what it
    launched or carried out) in one of the two sentences after a
    non-violent event is told again, not a new attack."""
    token = trigger.token
    nouns = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    if not any(n.pos_ == "NOUN" and n.lemma_.lower() in _TOLD_AGAIN
               and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC_DETS for c in n.children) for n in nouns):
        return False
    previous = next((d for d in reversed(drafts) if 0 < sentence_index - d.sentence_index <= 2
                     and d.trigger.sub_event_type != "Diplomacy"), None)
    # after a violent event the mention merges with it (and brings its toll): only
    # after a non-violent one would it become a new, violent main event
    return previous is not None and previous.trigger.event_type not in _VIOLENT


# --- the stage -------------------------------------------------------------

def extract_events(
    analysis: Analysis,
    resolutions: Sequence[Resolution],
    *,
    article: Article,
    country_place: CountryLookup,
    keep_unplaced: bool = False,
) -> list[Event]:
    """Coded events of one article (see the module docstring).

    An event with no place at all is dropped (a map needs a place), unless
    ``keep_unplaced``: then it is kept with an empty location and no
    coordinates -- for scoring detection and typing on texts whose place
    names are masked."""
    doc = analysis.doc
    published = article.published
    by_sentence: dict[int, list[_PlaceCandidate]] = {}
    dateline_start = analysis.dateline.start if analysis.dateline else -1
    for resolution in resolutions:
        mention = resolution.mention
        if mention.label == "NORP":
            continue  # "Pakistani troops": an adjective, never a site (see _demonym_target)
        place = resolution.place if resolution.status in ("resolved", "ambiguous") else None
        if place is None:
            place = _country_in_name(mention.surface, country_place)
        if place is None or mention.start == dateline_start:
            continue
        locative, excluded, chain = _mention_role(doc, mention)
        by_sentence.setdefault(mention.sentence_index, []).append(
            _PlaceCandidate(place, mention, locative, excluded, chain))
    by_sentence = without_bare_regions(by_sentence)
    dateline_place = next((r.place for r in resolutions
                           if analysis.dateline and r.mention.start == dateline_start and r.place), None)
    main_country = _main_country(resolutions, dateline_place)
    fallback_country = main_country or _main_country(resolutions, dateline_place, adjectives=True)
    sole_country = _sole_country([c.place for cs in by_sentence.values() for c in cs], dateline_place,
                                 country_place)

    place_tokens: set[int] = set()
    for mention in analysis.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention.label != "NORP" else None
        if span is not None:
            place_tokens.update(range(span.start, span.end))
    doc.user_data["sitrep_place_tokens"] = place_tokens  # for the objects of "seized", "recaptured" …
    drafts: list[_Draft] = []
    body_start = _body_start(doc_text(doc), analysis)
    all_sentences = _sentences(doc)
    lead = _lead_date(all_sentences, body_start=body_start, published=published)
    for index, sentence in enumerate(all_sentences):
        if sentence.end_char <= body_start:
            continue  # headline and standfirst restate the body
        found = [t for t in find_triggers(sentence, published=published) if t.token.idx >= body_start]
        triggers = choose_sentence_events(found, sentence)
        _chemical_told_later(drafts, sentence, sentence_index=index)
        for trigger in triggers:
            _specify_previous(drafts, trigger, sentence_index=index)
        triggers = [t for t in triggers if not _refers_back(drafts, t, sentence_index=index)]
        casualties, claim = reconcile_claims(sentence, _casualties_in(sentence))
        another = _ANOTHER.search(span_text(sentence)) is not None
        casualties = [c for c in casualties if not _restated(c, drafts, sentence_index=index, another=another)]
        if triggers and casualties and _only_casualty_verbs(triggers) and not by_sentence.get(index) \
                and drafts and drafts[-1].trigger.event_type in _VIOLENT and index - drafts[-1].sentence_index <= 2 \
                and all(_compatible(drafts[-1], _victim_actor(c)) for c in casualties if c.kind == "killed"):
            triggers = []  # "Four policemen were killed": the toll of the event just reported
        if not triggers and not drafts:
            # The first report of a text cannot refer back: "15 dead after
            # ambush on border post" reports the ambush, "after the death of
            # two civilians in cross-border firing" the firing and its toll.
            first, first_claim = reconcile_claims(sentence, _casualties_in(sentence, recalled=True))
            if any(c.kind == "killed" for c in first):
                triggers = choose_sentence_events(
                    [t for t in find_triggers(sentence, published=published, recalled=True)
                     if t.token.idx >= body_start and t.event_type in _VIOLENT], sentence)
                if triggers:
                    casualties, claim = first, first_claim
            elif any(t.lemma_.lower() in lx.HARMED_VERBS for t in sentence):
                triggers = choose_sentence_events(
                    [t for t in find_triggers(sentence, published=published, harm_reports=True)
                     if t.token.idx >= body_start], sentence)
        if not triggers and casualties:
            _attach_casualties(drafts, casualties, sentence_index=index, claim=claim)
            continue
        if triggers and _old_year(sentence, published=published):
            triggers = [t for t in triggers if t.event_type not in _VIOLENT]
        for trigger in triggers:
            places, place_from = choose_places(sentence, trigger, by_sentence.get(index, []))
            if not places and trigger.event_type in _VIOLENT:
                target = _demonym_target(trigger, country_place) or _victims_country(casualties, country_place)
                if target is not None:
                    places, place_from = [target], "demonym"
            if not places and trigger.sub_event_type == "Diplomacy" and dateline_place is not None:
                places, place_from = [dateline_place], "dateline"
            if not places and trigger.event_type in _VIOLENT:
                previous = next((d for d in reversed(drafts)
                                 if d.trigger.event_type in _VIOLENT and index - d.sentence_index <= 2), None)
                if previous is not None:
                    places, place_from = list(previous.places), "previous"
            if not places and trigger.sub_event_type != "Diplomacy":
                scene = _scene_place(by_sentence, index, sentences=all_sentences, body_start=body_start)
                if scene is not None:
                    places, place_from = [scene], "scene"
            if not places and trigger.event_type == lx.STRATEGIC and main_country is not None:
                places, place_from = [main_country], "context"
            if not places and trigger.event_type in _VIOLENT and sole_country is not None:
                places, place_from = [sole_country], "context"
            if not places and trigger.event_type in _VIOLENT:
                named = _sentence_country(sentence, country_place)
                if named is not None:
                    places, place_from = [named], "context"
            if not places and trigger.event_type in _VIOLENT and fallback_country is not None:
                # DESIGN §4: with no better place, the country at geo_precision 3
                places, place_from = [fallback_country], "context"
            if not places and keep_unplaced:
                places, place_from = [UNPLACED], "none"
            if not places:
                logger.debug("no place for %s in sentence %d", trigger.sub_event_type, index)
                continue
            date_value, precision = _event_date(sentence, trigger, drafts, published=published, lead=lead)
            actor1, actor2 = find_actors(trigger)
            if trigger.event_type in (lx.REMOTE, lx.VAC) and actor1 and \
                    any(_victim_actor(c) == actor1 for c in casualties if c.kind == "killed"):
                actor1, actor2 = "", actor1  # "Pak Army officer killed in IED blast": the victim's side
            draft = _Draft(sentence, index, trigger, places, place_from, date_value, precision,
                           actor1, actor2, find_claim(sentence))
            if _takes_casualties(trigger):
                draft.casualties.extend(casualties)
                draft.claimed_by = claim or draft.claimed_by
                if not draft.actor2 and casualties:
                    draft.actor2 = _victim_actor(casualties[0])
                    if draft.actor2 == draft.actor1:
                        draft.actor2 = ""
            drafts.append(draft)
    return _emit(drafts, article=article)


UNPLACED = Place(place_id="", name="", kind="country", country="", lat=0.0, lon=0.0)
_COUNTRY_IN_NAME = re.compile(r"\b(" + "|".join(sorted((re.escape(k) for k in lx.COUNTRY_CODES if len(k) > 3),
                                                       key=len, reverse=True)) + r")\b", re.I)


def _country_in_name(surface: str, country_place: CountryLookup) -> Place | None:
    """The country inside a name the gazetteer does not know ("NW Pakistan",
    "northern Afghanistan", "Pakistani Kashmir"): a country-level place."""
    match = _COUNTRY_IN_NAME.search(surface)
    if match is None:
        return None
    return country_place(lx.COUNTRY_CODES[match.group(1).lower()])


def _sole_country(places: Sequence[Place], dateline: Place | None,
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


def _main_country(resolutions: Sequence[Resolution], dateline: Place | None, *,
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


def _lead_date(sentences: Sequence[Span], *, body_start: int, published: date | None) -> DateMention | None:
    """The date the report's lead gives ("... in Khost province yesterday."):
    the first date expression of the first two sentences of the body that
    have a verb, outside parentheses (a filing date).  A later sentence that tells more of the
    story without a date of its own happened then, not on the publication day."""
    # Letterhead lines before the story ("Operational Update May 20, 2011",
    # "For Immediate Release") have no verb: they date the release, not the event.
    body = [s for s in sentences if s.end_char > body_start and any(t.pos_ in ("VERB", "AUX") for t in s)][:2]
    for sentence in body:
        text = span_text(sentence)
        for mention in find_dates(text, published=published):
            if mention.kind == "year" or mention.value is None:
                continue
            if text[:mention.start].rstrip().endswith("(") and text[mention.end:].lstrip().startswith(")"):
                continue
            return mention
    return None


def _event_date(
    sentence: Span, trigger: Trigger, drafts: Sequence[_Draft], *, published: date | None,
    lead: DateMention | None = None,
) -> tuple[date | None, int]:
    own = _sentence_date(sentence, trigger, published=published)
    if own is not None and own.value is not None:
        return own.value, own.precision
    if drafts and drafts[-1].date_value is not None:
        previous = drafts[-1]
        return previous.date_value, WEEK if previous.date_precision == DAY else previous.date_precision
    if lead is not None and lead.value is not None:
        return lead.value, WEEK if lead.precision == DAY else lead.precision
    if published is not None:
        return published, WEEK
    return None, UNKNOWN


def _restated(casualty: Casualty, drafts: Sequence[_Draft], *, sentence_index: int,
              another: bool = False) -> bool:
    """The same toll told again a few sentences on ("killed several
    insurgents ... The team responded with air support, killing several
    insurgents"): one toll, not two."""
    victims = _victim_actor(casualty)
    for draft in reversed(drafts):
        if sentence_index - draft.sentence_index > 4:
            break
        for seen in draft.casualties:
            seen_victims = _victim_actor(seen)
            # "killing two" after "killed two armed insurgents": the same two
            same_victims = seen_victims == victims or (not casualty.victims.strip() and not another)
            if seen.kind == casualty.kind and seen.best == casualty.best and same_victims \
                    and (seen.figure or seen.text).lower() == (casualty.figure or casualty.text).lower():
                return True
    return False


_ANOTHER = re.compile(r"\b(?:another|separate|second|third|also|earlier|later|meanwhile|elsewhere)\b", re.I)


def _only_casualty_verbs(triggers: Sequence[Trigger]) -> bool:
    """The sentence's only 'event' words are casualty verbs ("were killed",
    "martyred"): it reports a toll, not a new event."""
    return all(t.token.lemma_.lower() in ("kill", "martyr") and t.token.pos_ == "VERB" for t in triggers)


def _claimant(sentence: Span, casualty: Casualty) -> str:
    """Who states this figure: the subject of the say-verb whose clause holds it."""
    doc = sentence.doc
    span = doc.char_span(sentence.start_char + casualty.start, sentence.start_char + casualty.end,
                         alignment_mode="expand")
    if span is None:
        return ""
    for node in [span.root, *_ancestors(span.root, limit=6)]:
        if node.lemma_.lower() in lx.SAY_VERBS and node.pos_ == "VERB":
            for child in node.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return " ".join(t.text for t in child.subtree if t.dep_ != "punct")[:80]
            return ""
    return ""


def reconcile_claims(sentence: Span, casualties: list[Casualty]) -> tuple[list[Casualty], str]:
    """Conflicting death tolls claimed by different sources in one sentence
    ("The ISPR said 30 were killed, while the Taliban said 12") become one
    figure: the lower as best, the higher as high, each source named in
    ``claimed_by``.  Returns the casualties and the claim ("" if none)."""
    killed = [c for c in casualties if c.kind == "killed"]
    if len(killed) < 2:
        return casualties, ""
    sources = [_claimant(sentence, c) for c in killed]
    if len({s for s in sources if s}) < 2 or not all(sources):
        return casualties, ""
    lowest = min(killed, key=lambda c: c.best)
    highest = max((c.high if c.high is not None else c.best) for c in killed)
    figure = "; ".join(f"{c.figure or c.text.strip()} ({source})" for c, source in zip(killed, sources))
    merged = Casualty("killed", min(c.low for c in killed), lowest.best, highest, lowest.victims,
                      lowest.start, lowest.end, lowest.text, figure)
    others = [c for c in casualties if c.kind != "killed"]
    return sorted([merged, *others], key=lambda c: c.start), "; ".join(dict.fromkeys(sources))


def _attach_casualties(drafts: list[_Draft], casualties: Sequence[Casualty], *, sentence_index: int,
                       claim: str = "") -> None:
    for casualty in casualties:
        victims = _victim_actor(casualty)
        for draft in reversed(drafts):
            if sentence_index - draft.sentence_index > 3:
                break
            if _compatible(draft, victims):
                draft.casualties.append(casualty)
                if claim and casualty.kind == "killed":
                    draft.claimed_by = claim
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
    if draft.place_from in ("previous", "context", "demonym", "scene"):
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
                admin2=place.admin2, location=place.name,
                latitude=None if place is UNPLACED else place.lat,
                longitude=None if place is UNPLACED else place.lon, geo_precision=_GEO_PRECISION.get(place.kind, 3),
                place_id=place.place_id, fatalities=best, fatalities_low=low,
                fatalities_high=high, injured=hurt, evidence=span_text(sentence).strip(),
                evidence_start=sentence.start_char, evidence_end=sentence.start_char + len(span_text(sentence).rstrip()),
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
