"""What the clauses of one sentence tell apart from its chosen event.

The article stage keeps one violent event per sentence (``classify.choose_sentence_events``);
some sentences tell more than one happening in clauses of their own:

* the same act again at another place and time ("seized Goma in January,
  followed by Bukavu in February"): :func:`sequel_triggers`, :func:`split_by_sequel`;
* event nouns dated apart ("attacks on a mosque in late September that killed
  70 and a strike in mid-October that killed 60"): :func:`dated_apart`,
  :func:`own_figures`;
* a toll told at a place of its own ("17 were killed in Kathmandu, while two
  others died in Sunsari"): :func:`toll_clauses`; and, with no event word at
  all, at a town of its own after the event just told: :func:`toll_at_own_town`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from etl.casualties import Casualty
from etl.dates import DateMention
from etl.events.core import Draft, Trigger, VIOLENT
from etl.events.facts import facts_of
from etl.events.happenings import SITE_KM, same_or_near
from etl.events.place_kinds import PlaceCandidate
from etl.events.syntax import in_subtree, sequel, tolls_itself
from etl.events.tolls import ANOTHER, restated_toll, takes_casualties
from etl.spacy_model import span_text


_CLAUSE_EDGES = frozenset({"conj", "advcl", "ccomp", "parataxis", "relcl", "ROOT"})


def sequel_triggers(triggers: Sequence[Trigger], candidates: Sequence[PlaceCandidate]) -> list[Trigger]:
    """The same act told again at another place and time in a "followed by"
    clause ("the rebels seized Goma in January, followed by Bukavu in
    February"): a trigger of its own on the clause's participle, when a place
    lies in it."""
    out: list[Trigger] = []
    for trigger in triggers:
        later = sequel(trigger.token)
        if later is not None and any(_mention_in(c, later) for c in candidates):
            out.append(Trigger(later, trigger.event_type, trigger.sub_event_type, trigger.strong, trigger.background))
    return out


def toll_at_own_town(drafts: Sequence[Draft], casualties: Sequence[Casualty], sentence: Span,
                      candidates: Sequence[PlaceCandidate]) -> list[Trigger]:
    """"In Samar, near the regional capital, two more lives were lost": a toll
    with no event word, told at a town of its own beyond ``SITE_KM`` of the
    event just told, is a happening there of the same kind (its trigger the
    toll's last word); so is one told as separate at a district of its own ("In
    a separate engagement in Lakki Marwat, two soldiers embraced martyrdom");
    ``[]`` when the toll belongs to that event."""
    if not drafts or not takes_casualties(drafts[-1].trigger):
        return []
    separate = ANOTHER.search(span_text(sentence)) is not None
    told = restated_toll(drafts, casualties)
    if told is not None and not separate and any(
            c.locative and any(same_or_near(c.place, p, near_km=SITE_KM) for p in drafts[told].places)
            for c in candidates):
        return []  # "… were hit in Ternopil, leaving 26 dead": the toll of the strike told there, again
    kinds = ("populated_place", "admin2") if separate else ("populated_place",)
    killed = next((c for c in casualties if c.kind == "killed"), None)
    if killed is None or not any(
            c.locative and c.place.kind in kinds
            and not any(same_or_near(c.place, p, near_km=SITE_KM) for p in drafts[-1].places) for c in candidates):
        return []
    span = sentence.doc.char_span(sentence.start_char + killed.start, sentence.start_char + killed.end,
                                  alignment_mode="expand")
    if span is None:
        return []
    last = drafts[-1].trigger
    return [Trigger(span[-1], last.event_type, last.sub_event_type, False, last.background)]


def dated_apart(found: Sequence[Trigger], chosen: Sequence[Trigger], sentence: Span, *,
                 published: date | None) -> list[Trigger]:
    """Violent event nouns of the sentence left out by the one-event choice
    that carry a date of their own different from every chosen violent
    trigger's own date ("attacks on a mosque in late September … and a
    strike on a shelter in mid-October"): each is an event."""
    violent = [t for t in chosen if t.event_type in VIOLENT]
    if not violent:
        return []
    taken = {t.token.i for t in chosen}
    nouns = [t for t in found if t.token.i not in taken and t.event_type in VIOLENT and t.token.pos_ == "NOUN"]
    if not nouns:
        return []
    dates = [d for d in facts_of(sentence, published=published).dates if d.value is not None and d.kind != "year"]
    every = [*violent, *nouns]
    own = {t.token.i: _own_dates(t, every, dates, sentence) for t in every}
    chosen_dates = [own[t.token.i] for t in violent]
    if not all(chosen_dates):
        return []
    out: list[Trigger] = []
    for noun in nouns:
        mine = own[noun.token.i]
        if mine and all(not (mine & other) for other in chosen_dates) and \
                all(not (mine & own[t.token.i]) for t in out):
            out.append(noun)
    return out


def tolled_apart(found: Sequence[Trigger], chosen: Sequence[Trigger]) -> list[Trigger]:
    """Violent event nouns left out by the one-event choice that are the
    subject of a toll of their own ("Thailand launched air strikes after
    clashes killed one Thai soldier"): each is an event, with that toll."""
    if not any(t.event_type in VIOLENT for t in chosen):
        return []
    taken = {t.token.i for t in chosen}
    return [t for t in found if t.token.i not in taken and t.event_type in VIOLENT and tolls_itself(t.token)]


def _own_dates(trigger: Trigger, triggers: Sequence[Trigger], dates: Sequence[DateMention],
               sentence: Span) -> set[tuple[date, int]]:
    """The dates inside the trigger's phrase and not inside another trigger's phrase nested in it."""
    token = trigger.token
    if token.pos_ != "NOUN":
        return set()
    inner = [t.token for t in triggers if t.token.i != token.i and in_subtree(t.token, token)]
    out: set[tuple[date, int]] = set()
    for mention in dates:
        start = sentence.start_char + mention.start
        if not token.left_edge.idx <= start < token.right_edge.idx + len(token.right_edge):
            continue
        if any(t.left_edge.idx <= start < t.right_edge.idx + len(t.right_edge) for t in inner):
            continue
        out.add((mention.value, mention.precision))
    return out


def own_figures(figures: Sequence[Casualty], trigger: Trigger, triggers: Sequence[Trigger],
                 sentence: Span) -> list[Casualty]:
    """The figures told inside the trigger's phrase ("attacks … that killed 70"),
    or, for a trigger whose phrase holds none, those outside every trigger's phrase."""
    def inside(casualty: Casualty, token: Token) -> bool:
        start = sentence.start_char + casualty.start
        phrase = token.head if tolls_itself(token) else token  # "clashes killed one soldier"
        return token.pos_ == "NOUN" and phrase.left_edge.idx <= start < phrase.right_edge.idx + len(phrase.right_edge)
    own = [c for c in figures if inside(c, trigger.token)
           and not any(t.token.i != trigger.token.i and in_subtree(t.token, trigger.token) and inside(c, t.token)
                       for t in triggers)]
    if own:
        return own
    return [c for c in figures if not any(inside(c, t.token) for t in triggers if t.event_type in VIOLENT)]


def _mention_in(candidate: PlaceCandidate, root: Token) -> bool:
    span = root.doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
    return span is not None and in_subtree(span.root, root)


def split_by_sequel(candidates: Sequence[PlaceCandidate], token: Token, *,
                     is_sequel: bool) -> list[PlaceCandidate]:
    """A sequel's places are those of its clause; the first act's are the others."""
    if is_sequel:
        return [c for c in candidates if _mention_in(c, token)]
    later = sequel(token)
    return list(candidates) if later is None else [c for c in candidates if not _mention_in(c, later)]


def _clause_root(token: Token) -> Token:
    """The verb heading the clause a token is in."""
    node = token
    for _ in range(10):
        if node.dep_ in _CLAUSE_EDGES or node.head.i == node.i:
            return node
        node = node.head
    return node


def toll_clauses(sentence: Span, triggers: Sequence[Trigger], casualties: Sequence[Casualty],
                  candidates: Sequence[PlaceCandidate]) -> list[tuple[Token, list[Casualty], PlaceCandidate]]:
    """Death tolls told in a clause of their own, at a place of their own,
    beside the sentence's event ("17 people were killed in Kathmandu, while
    two others died in Sunsari district"; "three soldiers were martyred in
    North Waziristan, while two policemen were killed in Bannu"): each is a
    happening of the same kind at that place.  Returns (the clause's verb,
    its figures, its place)."""
    takers = [t for t in triggers if takes_casualties(t)]
    if len(takers) != 1 or len(casualties) < 2:
        return []
    doc = sentence.doc
    main_root = _clause_root(takers[0].token)
    by_root: dict[int, list[Casualty]] = {}
    verbs: dict[int, Token] = {}
    for casualty in casualties:
        if casualty.kind != "killed":
            continue
        span = doc.char_span(sentence.start_char + casualty.start, sentence.start_char + casualty.end,
                             alignment_mode="expand")
        verb = next((t for t in span if t.pos_ == "VERB"), None) if span is not None else None
        if verb is None:
            listed = _listed_toll(span) if span is not None else None
            if listed is not None:
                by_root.setdefault(listed.i, []).append(casualty)
                verbs[listed.i] = listed
            continue
        root = _clause_root(verb)
        if root.i == main_root.i or root.dep_ not in ("conj", "advcl") or \
                _clause_root(root.head).i != main_root.i:
            continue
        by_root.setdefault(root.i, []).append(casualty)
        verbs[root.i] = root
    if not by_root:
        return []
    split_nodes = list(verbs.values())
    main_places = {c.place.place_id for c in candidates if c.locative and _in_clause_of(doc, c, main_root)
                   and not any(_mention_in(c, node) for node in split_nodes if node.pos_ != "VERB")}
    if not main_places:
        return []
    out: list[tuple[Token, list[Casualty], PlaceCandidate]] = []
    for i, figures in by_root.items():
        node = verbs[i]
        own = [c for c in candidates if c.locative and (
            _in_clause_of(doc, c, node) if node.pos_ == "VERB" else _mention_in(c, node))]
        distinct = {c.place.place_id: c for c in own}
        if len(distinct) == 1 and not set(distinct) & main_places:
            out.append((node, figures, next(iter(distinct.values()))))
    return out


def _listed_toll(span: Span) -> Token | None:
    """The conjunct that tells a toll at a place of its own inside the
    event's clause ("killed two people in Kyiv and two others in the
    Dnipropetrovsk region"; "killed five in Khan Younis and three in
    Rafah"): the conjunct's word, when it has an "in/at/near" of its own."""
    node = span.root
    if node.dep_ != "conj" and node.head.dep_ == "conj" and node.dep_ == "nummod":
        node = node.head
    if node.dep_ != "conj" or node.pos_ not in ("NOUN", "NUM", "PRON"):
        return None
    if not any(c.dep_ == "prep" and c.lower_ in ("in", "at", "near") for c in node.children):
        return None
    return node


def _in_clause_of(doc: Doc, candidate: PlaceCandidate, root: Token) -> bool:
    span = doc.char_span(candidate.mention.start, candidate.mention.end, alignment_mode="expand")
    return span is not None and _clause_root(span.root).i == root.i
