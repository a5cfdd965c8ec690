"""Attributes, toll: the casualty figures of an event.

Figures in the sentence; a sentence with figures but no trigger
("Twenty-three soldiers embraced martyrdom") adds them to the most recent
event whose sides fit the victims.  A toll told again a few sentences on is
counted once.  Conflicting tolls from different sources in one sentence keep
the lower as best, the higher as high, and both sources in ``claimed_by``.
One figure over several places is split so sums never double count.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty, named_with_others, victim_noun
from etl.dates import DAY_KINDS
from etl.events.actors import actor_name
from etl.events.core import Draft, TollMention, Trigger, VIOLENT
from etl.events.facts import facts_of
from etl.events.non_conflict import mishap_toll
from etl.events.eras import when_older_year, within_other_year
from etl.events.realis import is_background, is_unreal
from etl.events.tallies import is_period_toll, is_tallied_since, summed_over_happenings, told_as_one
from etl.events.syntax import ancestors, doc_sentences, governing_verb
from etl.spacy_model import span_text

logger = logging.getLogger(__name__)

def casualties_in(sentence: Span, *, published: date | None, recalled: bool = False) -> list[Casualty]:
    """The sentence's casualty figures, without those of a back-reference
    ("after the attack that killed 12") unless ``recalled`` (a text's first
    report) or of an unreal clause, and without running totals -- also a
    figure the text tells as a running total elsewhere ("among 321 killed" in
    the standfirst, "at least 321 people have been killed in armed clashes" in
    the body)."""
    doc = sentence.doc
    kept: list[Casualty] = []
    facts = facts_of(sentence, published=published)
    day_dated = any(d.kind in DAY_KINDS for d in facts.dates) if facts.casualties else False
    brief = told_as_one(sentence, facts.dates) if facts.casualties else False
    tallies = _tally_figures(doc, published=published) if facts.casualties else set()
    for casualty in facts.casualties:
        words, verb = _figure_words(sentence, casualty)
        if not recalled and any(is_background(t) for t in words if t.like_num or t.pos_ == "VERB"):
            continue
        if any(is_unreal(t, published=None) for t in words if t.pos_ == "VERB"):
            continue
        if casualty.kind == "killed" and verb is not None and is_period_toll(verb, day_dated=day_dated):
            continue  # "since the war began, 639 people have been killed": a tally, no event's toll
        if casualty.kind == "killed" and is_tallied_since(sentence, at=verb if verb is not None else (
                words[0] if words else None)):
            continue  # "the toll includes 13,598 killed" since a date, however the sentence parses
        if casualty.kind == "killed" and verb is not None and summed_over_happenings(verb, brief=brief):
            continue  # "killed 15 … during three separate engagements": each has its own toll
        if casualty.kind == "killed" and casualty.best >= _ECHO_MIN and casualty.best in tallies and \
                not _finite(verb):
            continue  # "are among 321 killed": the figure told as a running total elsewhere in the text
        if verb is not None and (within_other_year(verb, published=published)
                                 or when_older_year(verb, published=published)):
            continue  # "last year's demonstrations, in which more than 60 people died", "since April 2023, when
            # 10 policemen were killed"
        if casualty.kind == "killed" and verb is not None and mishap_toll(verb):
            continue  # "where the collapse of a gallery killed 15 people": an accident's dead
        if casualty.kind == "killed" and _ONGOING_TOLL.search(casualty.text):
            continue  # "the death toll from ongoing clashes in Sahnaya has risen to 11": a running total
        if casualty.kind == "killed" and _handed_over(words):
            continue  # "after Hamas returned the bodies of four hostages": a handover, no one killed there
        if casualty.kind == "killed" and casualty.best >= WAR_SCALE_DEAD:
            continue  # "the civil war, which claimed 400,000 lives": a war's toll, however told
        kept.append(casualty)
    if any(t.lemma_ in _NAMED_DEATH_LEMMAS for t in sentence):
        kept.extend(_named_dead(sentence, covered=facts.casualties, published=published))
        kept.sort(key=lambda c: c.start)
    return _without_breakdown(span_text(sentence), kept)


# The toll of violence still going on ("the death toll from ongoing clashes")
_ONGOING_TOLL = re.compile(r"\btoll\s+(?:from|of|in)\s+(?:the\s+)?(?:ongoing|continuing|continued)\b", re.I)
# What opens the parts of a toll just told ("over 180 were killed, with at least 60 shot
# on the first day and 50 more killed on the second"), and words that add to it instead
_PARTS_MARK = re.compile(r",\s+(?:with|including|among\s+(?:them|whom)|of\s+whom)\b", re.I)
_ADDED = re.compile(r"\b(?:also|additional|another|besides|plus|as\s+well\s+as|in\s+addition)\b", re.I)


def _without_breakdown(text: str, casualties: list[Casualty]) -> list[Casualty]:
    """The figures without those told as parts of the toll before them in
    the sentence, when they add up to no more than it: one toll of 180, not
    180 + 60 + 50."""
    killed = [c for c in casualties if c.kind == "killed"]
    if len(killed) < 2:
        return casualties
    total, parts = killed[0], killed[1:]
    between = text[total.end:parts[0].start]
    told = text[total.end:parts[-1].end]
    if not _PARTS_MARK.search(between) or _ADDED.search(told) or sum(c.best for c in parts) > total.best:
        return casualties
    return [c for c in casualties if all(c is not p for p in parts)]


_NAMED_DEATH_VERBS = frozenset({"kill", "martyr", "assassinate"})
# Verbs that tell a death with the word after them: "was shot dead", "was gunned down"
_NAMED_DEATH_PHRASES = {"shoot": ("dead",), "gun": ("down",), "stab": ("death", "dead")}
_NAMED_DEATH_LEMMAS = _NAMED_DEATH_VERBS | frozenset(_NAMED_DEATH_PHRASES) | {"die"}
# No single happening ACLED codes kills this many: a figure this large counts a war or a
# campaign, whatever the parse says it is the toll of.
WAR_SCALE_DEAD = 10_000



def _named_dead(sentence: Span, *, covered: Sequence[Casualty], published: date | None) -> list[Casualty]:
    """People killed by name, with no figure ("the army chief, Mohammad
    Bagheri and Hossein Salami, were killed", "Charlie Kirk was shot dead",
    "the activist has died after he was shot"): one death for each person
    named as the subject of a passive killing verb or of "died", or as the
    object of an active one ("the gunman killed Kirk with a single shot")."""
    out: list[Casualty] = []
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        if _tells_named_death(verb):
            named = next((c for c in verb.children if c.dep_ == ("nsubj" if verb.lemma_ == "die" else "nsubjpass")),
                         None)
        elif verb.lemma_.lower() in _NAMED_DEATH_VERBS:
            named = next((c for c in verb.children if c.dep_ == "dobj"), None)
        else:
            continue
        if named is None or is_unreal(verb, published=None) or is_background(verb) or \
                within_other_year(verb, published=published):
            continue
        tokens = list(named.subtree)
        if any(t.like_num for t in tokens):
            continue  # a figure tells how many
        first, last = tokens[0].i, tokens[-1].i
        people = [e for e in sentence.ents if e.label_ == "PERSON" and first <= e.start and e.end - 1 <= last
                  and (e.root.i == named.i or e.root.dep_ in ("appos", "conj"))]
        if not people:
            continue
        # (from the name to the verb; for an active verb's object, from the verb to the name)
        told = (sentence.doc[first], verb) if named.i < verb.i else (verb, sentence.doc[last])
        start = told[0].idx - sentence.start_char
        end = told[1].idx + len(told[1].text) - sentence.start_char
        if any(c.start < end and start < c.end for c in covered):
            continue
        n = len(people)
        text = sentence.text[start:end]
        out.append(Casualty("killed", n, n, n, ", ".join(e.text for e in people), start, end, text, str(n)))
    return out


def _tells_named_death(verb: Token) -> bool:
    """Does the verb tell its subject's death: a passive killing verb ("was
    killed", "was shot dead", "was gunned down") or "died"?"""
    lemma = verb.lemma_.lower()
    if lemma == "die":
        return not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if lemma in _NAMED_DEATH_VERBS:
        return True
    words = _NAMED_DEATH_PHRASES.get(lemma, ())
    return any(c.lower_ in words or (c.dep_ == "prep" and any(g.lower_ in words for g in c.children))
               for c in verb.children)


_ECHO_MIN = 20  # smaller figures recur by chance


def _finite(verb: Token | None) -> bool:
    """A clause of its own ("53 people were killed when …"), not a bare
    participle ("among 321 killed") that only names the figure."""
    return verb is not None and (verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _figure_words(sentence: Span, casualty: Casualty) -> tuple[list[Token], Token | None]:
    """The tokens of a figure's phrase outside its victim words, and the verb it hangs on."""
    doc = sentence.doc
    start = sentence.start_char + casualty.start
    span = doc.char_span(start, sentence.start_char + casualty.end, alignment_mode="expand")
    # Words of the victim phrase ("3 wanted terrorists") are not the verb
    # the figure hangs on, even when the parser reads them as verbs.
    at = casualty.text.rfind(casualty.victims) if casualty.victims else -1
    victim_chars = range(start + at, start + at + len(casualty.victims)) if at >= 0 else range(0)
    words = [t for t in span if t.idx not in victim_chars] if span is not None else []
    verb = next((t for t in words if t.pos_ == "VERB"), None) or next(
        (t for t in words if t.pos_ == "AUX"), None) or (governing_verb(span.root) if span is not None else None)
    return words, verb


_HANDING_OVER = frozenset({"return", "hand", "repatriate", "release", "exchange", "swap"})


def _handed_over(words: Sequence[Token]) -> bool:
    """Are the dead of the figure bodies handed over or returned ("Hamas
    returned the bodies of four hostages"): no toll of what the sentence
    tells?"""
    return any(t.lower_ in lx.REMAINS_WORDS and t.dep_ in ("dobj", "nsubjpass")
               and t.head.lemma_.lower() in _HANDING_OVER for t in words)


def _tally_figures(doc: Doc, *, published: date | None) -> set[int]:
    """The death figures the text tells as running totals (cached on the doc)."""
    cache: dict[date | None, set[int]] = doc.user_data.setdefault("sitrep_tally_figures", {})
    if published in cache:
        return cache[published]
    found: set[int] = set()
    for sentence in doc_sentences(doc):
        facts = facts_of(sentence, published=published)
        if not facts.casualties:
            continue
        day_dated = any(d.kind in DAY_KINDS for d in facts.dates)
        for casualty in facts.casualties:
            if casualty.kind != "killed" or casualty.best < _ECHO_MIN:
                continue
            _, verb = _figure_words(sentence, casualty)
            if verb is not None and is_period_toll(verb, day_dated=day_dated):
                found.add(casualty.best)
    cache[published] = found
    return found


def victim_actor(casualty: Casualty) -> str:
    return actor_name(casualty.victims, event_type=lx.BATTLES)


def takes_casualties(trigger: Trigger) -> bool:
    """Violent events, and force used against protesters (ACLED records its
    fatalities: "police opened fire on protesters, killing two")."""
    return trigger.event_type in VIOLENT or trigger.sub_event_type == "Excessive force against protesters"


def fits_event(draft: Draft, victims: str) -> bool:
    """Can these victims be casualties of this event?  One-sided violence
    (strikes, attacks on civilians) does not kill the attacker's own side."""
    if not takes_casualties(draft.trigger):
        return False
    if not victims:
        return True
    if draft.trigger.event_type in (lx.REMOTE, lx.VAC) and draft.actor1 and draft.actor1 == victims:
        return False
    return True


def restated_in(casualty: Casualty, drafts: Sequence[Draft], *, sentence_index: int,
                another: bool = False, elsewhere: Callable[[Draft], bool] | None = None) -> Draft | None:
    """The draft whose toll the casualty tells again, or ``None``: the same
    toll told again a few sentences on ("killed several insurgents ... The team
    responded with air support, killing several insurgents") is one toll, not
    two.  ``elsewhere(draft)``: the sentence tells its toll at a place apart
    from the draft's ("two killed in Kyiv … In the Dnipropetrovsk region, two
    people were killed"), so it is not that draft's toll again."""
    victims = victim_actor(casualty)
    for draft in reversed(drafts):
        if sentence_index - draft.sentence_index > 4:
            break
        if elsewhere is not None and elsewhere(draft):
            continue
        for seen in draft.casualties:
            seen_victims = victim_actor(seen)
            # "killing two" after "killed two armed insurgents": the same two
            # ("killed all 16 of them": the ones told before)
            same_victims = seen_victims == victims or (not casualty.victims.strip() and not another) or \
                casualty.victims.strip().lower() in _BACK_REFERENCES
            if seen.kind == casualty.kind and seen.best == casualty.best and same_victims \
                    and (seen.figure or seen.text).lower() == (casualty.figure or casualty.text).lower():
                return draft
    return None


# victims told by a pronoun: the ones a figure before named
_BACK_REFERENCES = frozenset({"them", "of them", "of those", "of these"})


ANOTHER = re.compile(r"\b(?:another|separate|second|third|also|earlier|later|meanwhile|elsewhere)\b", re.I)


def only_casualty_verbs(triggers: Sequence[Trigger]) -> bool:
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
    for node in [span.root, *ancestors(span.root, limit=6)]:
        if node.lemma_.lower() in lx.SAY_VERBS and node.pos_ == "VERB":
            for child in node.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    return " ".join(t.text for t in child.subtree if t.dep_ != "punct")[:80]
            return ""
    return ""


def own_act(sentence: Span, casualty: Casualty) -> Token | None:
    """The act a reported figure is told as the outcome of, in the clause of
    a verb of saying ("Ukraine said Russia had fired hundreds of drones and
    three people had died": "fired"), else ``None``.  The figure is that
    act's toll, not a rival count of another happening's."""
    doc = sentence.doc
    span = doc.char_span(sentence.start_char + casualty.start, sentence.start_char + casualty.end,
                         alignment_mode="expand")
    if span is None:
        return None
    node, act = span.root, None
    verb = node if node.pos_ == "VERB" else node.head
    if any(c.dep_ == "dobj" and span.start <= c.i < span.end for c in verb.children):
        return None  # "arrested and killed around two dozen civilians": the victims of the doers' own act
    for parent in ancestors(span.root, limit=6):
        if parent.lemma_.lower() in lx.SAY_VERBS and parent.pos_ == "VERB":
            return act
        if act is None and node.dep_ == "conj" and parent.pos_ == "VERB" and \
                parent.lemma_.lower() in lx.VERB_TRIGGERS and parent.lemma_.lower() not in lx.HARMED_VERBS:
            act = parent
        node = parent
    return None


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
    if any(own_act(sentence, c) is not None for c in killed):
        return casualties, ""  # two happenings' tolls, each told by its own source
    lowest = min(killed, key=lambda c: c.best)
    highest = max((c.high if c.high is not None else c.best) for c in killed)
    figure = "; ".join(f"{c.figure or c.text.strip()} ({source})" for c, source in zip(killed, sources))
    merged = Casualty("killed", min(c.low for c in killed), lowest.best, highest, lowest.victims,
                      lowest.start, lowest.end, lowest.text, figure)
    others = [c for c in casualties if c.kind != "killed"]
    return sorted([merged, *others], key=lambda c: c.start), "; ".join(dict.fromkeys(sources))


def attach_casualties(drafts: list[Draft], casualties: Sequence[Casualty], *, sentence: Span, sentence_index: int,
                      claim: str = "") -> None:
    """A sentence with figures and no event of its own ("Four policemen were
    killed") tells the toll of the most recent event whose sides fit the
    victims (within three sentences): one toll mention of that event."""
    restated = restated_toll(drafts, casualties)
    if restated is not None:
        # "Four soldiers … were killed" in the lead, "an officer and three other soldiers lost
        # their lives" in the body: the same toll told again, of the same event
        drafts[restated].tolls.append(toll_mention(sentence, casualties, sentence_index=sentence_index, claim=claim))
        return
    given: dict[int, list[Casualty]] = {}
    claimed = bool(claim) or any(t.lemma_.lower() == "claim" and t.pos_ == "VERB" for t in sentence)
    updating = _UPDATE.search(span_text(sentence)) is not None
    for casualty in casualties:
        # "The death toll rose to eight on Thursday": an update reaches back to the event whose
        # toll it updates, however far the text has gone on
        reach = _UPDATE_REACH if updating and "toll" in casualty.text.lower() else 3
        victims = victim_actor(casualty)
        rival = _claim_rivalling(drafts, casualty, sentence_index=sentence_index) if claimed else None
        if rival is not None:
            # "the BLA had claimed to have killed 50 passengers" after "21 passengers ... were
            # killed": a rival figure for the same dead, of the event that told them
            given.setdefault(rival, []).append(casualty)
            continue
        for k in range(len(drafts) - 1, -1, -1):
            draft = drafts[k]
            if sentence_index - draft.sentence_index > reach:
                break
            if reach > 3 and not any(c.kind == "killed" for c in draft.casualties):
                continue  # (an update is of a toll told before)
            if fits_event(draft, victims):
                given.setdefault(k, []).append(casualty)
                if claim and casualty.kind == "killed":
                    draft.claimed_by = claim
                if victims and not draft.actor2 and victims != draft.actor1:
                    draft.actor2 = victims
                break
        else:
            logger.debug("casualty figure %r matched no event", casualty.text)
    for k, found in given.items():
        drafts[k].tolls.append(toll_mention(sentence, found, sentence_index=sentence_index, claim=claim))


# How many sentences back a toll update may reach for the toll it updates
_UPDATE_REACH = 12


def _claim_rivalling(drafts: Sequence[Draft], casualty: Casualty, *, sentence_index: int) -> int | None:
    """The index of the draft (within four sentences) whose killed figure names
    the same dead as a claimed figure ("passengers"), if any."""
    noun = victim_noun(casualty).rstrip("s")
    if casualty.kind != "killed" or not noun.isalpha():
        return None
    for k in range(len(drafts) - 1, -1, -1):
        if sentence_index - drafts[k].sentence_index > 4:
            break
        if any(c.kind == "killed" and c.best != casualty.best and victim_noun(c).rstrip("s") == noun
               for toll in drafts[k].tolls for c in toll.casualties):
            return k
    return None


def restated_toll(drafts: Sequence[Draft], casualties: Sequence[Casualty]) -> int | None:
    """The index of the latest draft that already holds this killed figure
    for these victims (the same toll told again), if any."""
    killed = [c for c in casualties if c.kind == "killed"]
    if not killed:
        return None
    # (victims unnamed, "four others", are whoever the figure beside them names)
    total, victims = sum(c.best for c in killed), {victim_actor(c) for c in killed} - {""}
    for k in range(len(drafts) - 1, -1, -1):
        for toll in drafts[k].tolls:
            told = [c for c in toll.casualties if c.kind == "killed"]
            told_victims = {victim_actor(c) for c in told} - {""}
            if told and sum(c.best for c in told) == total and (
                    told_victims == victims or not victims or not told_victims):
                return k  # (or the same figure told again with no victims named: "leaving 26 dead";
                # "we lost thirty-six people, and four others later died" after "forty residents")
    return None


_UPDATE = re.compile(r"\b(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|hit|mounted)\s+to\b|"
                     r"\bbringing\s+the\s+(?:death\s+)?(?:toll|total|number)", re.I)
# "one more person", "two others", "an additional soldier" (not "more than 200")
_MORE = re.compile(r"\bmore\b(?!\s+than)|\b(?:others?|additional|further)\b", re.I)


def toll_mention(sentence: Span, casualties: Sequence[Casualty], *, sentence_index: int,
                 claim: str = "") -> TollMention:
    """The figures one sentence gives for an event, one figure per victim
    group: "killing nine" and "9 killed" in one sentence are nine.  Flags a
    toll that adds victims ("one more", "two others", "were also killed")
    and one that updates those told before ("the toll rose to 19")."""
    kept: list[Casualty] = []
    for casualty in casualties:
        victims = victim_actor(casualty)
        if any(c.kind == casualty.kind and c.best == casualty.best
               and (not c.victims or not casualty.victims or victim_actor(c) == victims) for c in kept):
            continue
        kept.append(casualty)
    killed = [c for c in kept if c.kind == "killed"]
    text = span_text(sentence)
    # additional victims only when every figure is told as such ("killing one more"); "17 in
    # Kathmandu, while two others died in Sunsari" breaks down a toll told before
    additive = bool(killed) and all((_MORE.search(c.text) and not named_with_others(c)) or _also(sentence, c)
                                    for c in killed)
    update = any("toll" in c.text.lower() or _UPDATE.search(text[max(0, c.start - 40):c.end + 10]) for c in killed)
    return TollMention(sentence_index, tuple(kept), claim, additive and not update, update)


def _also(sentence: Span, casualty: Casualty) -> bool:
    """"Six scientists were also killed": the figure's verb says "also"."""
    doc = sentence.doc
    span = doc.char_span(sentence.start_char + casualty.start, sentence.start_char + casualty.end,
                         alignment_mode="expand")
    if span is None:
        return False
    return any(c.dep_ == "advmod" and c.lower_ in ("also", "additionally") for t in span if t.pos_ in ("VERB", "AUX")
               for c in t.children)


def split_share(total: int, parts: int, index: int) -> int:
    base, extra = divmod(total, parts)
    return base + (1 if index < extra else 0)
