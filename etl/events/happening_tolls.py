"""Stage 3b, tolls of happenings: the figures a happening reports.

A happening (:mod:`~etl.events.happenings`) takes the toll of its best
mention, never a sum over mentions: the latest update ("the toll rose to 19")
if any, else the first figure given, unless that first figure was a rival
claim, a sum over places or happenings, or a bound a later figure makes exact;
figures told as additional victims ("killing one more person") add to it, each
once, and each side's dead are counted once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from etl import lexicon as lx
from etl.casualties import Casualty, few, vague, victim_noun
from etl.events.core import Draft, TollMention
from etl.events.happenings import Happening, Mention
from etl.events.syntax import doc_sentences


@dataclass(frozen=True, slots=True)
class Toll:
    """Figures of a happening from one toll mention (``part`` of ``parts``
    when the figure was reported over several places)."""

    killed: tuple[Casualty, ...]
    injured: tuple[Casualty, ...]
    part: int
    parts: int
    claim: str
    evidence: Draft | None  # the mention whose figure was taken


def _killed_best(toll: TollMention) -> int:
    return max((c.best for c in toll.casualties if c.kind == "killed"), default=0)


def happening_toll(happening: Happening, *, others_killed: int = 0, parts_killed: int = 0) -> list[Toll]:
    """The toll of the happening: its best mention's figures (the latest
    update, the highest of several killed figures updated, else the first
    figure given) plus figures told as additional
    victims.  One toll mention per sentence.  ``others_killed``: the dead of
    the article's other happenings of that day; a first figure that is a later
    one of this happening plus those ("at least four dead" across the regions,
    then "two people" here and two there) was their sum.  ``parts_killed``: the
    dead of two or more happenings told after this one within a few days; a
    single first figure that about equals them ("almost 300", then 200, 38
    and 46) summed them up, and is no toll of its own."""
    told_by: dict[int, int] = {}  # sentence -> the draft whose tolls stand for it
    tolls: list[tuple[TollMention, Mention]] = []
    for mention in sorted(happening.mentions, key=lambda m: m.draft.sentence_index):
        for toll in mention.draft.tolls:
            # two drafts of one sentence tell its figures twice; one draft's two tolls
            # ("four people were killed …, adding that one person was injured") are both
            if told_by.setdefault(toll.sentence_index, id(mention.draft)) != id(mention.draft):
                continue
            tolls.append((toll, mention))
    tolls.sort(key=lambda pair: pair[0].sentence_index)
    chosen: list[Toll] = []
    for kind in ("killed", "injured"):
        with_figure = [(t, m) for t, m in tolls if any(c.kind == kind for c in t.casualties)]
        base = [(t, m) for t, m in with_figure if not t.additive]
        updates = [(t, m) for t, m in base if t.update]
        if kind == "killed" and len(updates) > 1:
            # a toll only rises: "UPDATE: the toll has risen to 14" on top of a page that still
            # tells "has risen to five" below is 14, whichever the text tells last
            top = max(_killed_best(t) for t, _ in updates)
            updates = [pair for pair in updates if _killed_best(pair[0]) == top]
        best = updates[-1:] or base[:1]
        if kind == "killed" and not updates:
            best = _best_killed(base, best, others_killed=others_killed, parts_killed=parts_killed)
        extra: list[tuple[TollMention, Mention]] = []
        for t, m in with_figure:  # additional victims, each group once ("killing one more" told twice)
            if t.additive and not any(_same_figures(t, e, kind) for e, _ in extra):
                extra.append((t, m))
        if kind == "killed" and best:
            # "four terrorists were killed" and "two soldiers embraced martyrdom" in the same
            # fight: each side's dead once (ACLED counts attackers too)
            # ("all 33 attackers" and "21 hostages and four soldiers": sides none counted yet)
            sides = _sides(best[0][0]).union(*(_sides(t) for t, _ in extra))
            known = all(_sides(t) for t in [best[0][0], *(t for t, _ in extra)])
            for t, m in base:
                told = _sides(t)
                if told and known and not told & sides and (t, m) not in best \
                        and not _disputed_between(best[0][0], t, m.draft):
                    extra.append((t, m))
                    sides |= told
                elif told == {"armed"} and not known and not told & sides and _victims(best[0][0]) in lx.ANY_SIDE_VICTIMS \
                        and (t, m) not in best and (t, m) not in extra and not any(vague(c) for c in t.casualties) \
                        and not _disputed_between(best[0][0], t, m.draft):
                    # "ten people, including two FC personnel, were martyred", then "all six
                    # terrorists were killed": the people are the attack's victims, the attackers apart
                    extra.append((t, m))
                    sides |= told
        picked = [*best, *extra]
        lower = _lower_per_side(best[0][0], base) if kind == "killed" and best and not updates else {}
        for toll, mention in picked:
            figures = tuple(lower.get(id(c), c) for c in toll.casualties if c.kind == kind)
            chosen.append(Toll(figures if kind == "killed" else (), figures if kind == "injured" else (),
                               mention.part, mention.parts, toll.claim, mention.draft))
    return chosen


def _best_killed(base: Sequence[tuple[TollMention, Mention]], best: list[tuple[TollMention, Mention]], *,
                 others_killed: int, parts_killed: int) -> list[tuple[TollMention, Mention]]:
    """The death toll among the happening's figures when none is told as an
    update: by default the first (``best``); a later one when the first was a
    rival claim, a sum over places or happenings, or a bound it makes exact;
    none when the first only summed up the happenings told after it (see
    :func:`happening_toll`)."""
    first = _killed(base[0][0]) if base else 0
    if len(base) > 1 and best == base[:1]:
        # the same victims counted differently by two sources ("killed over 200
        # soldiers", "the earlier claim was of killing 60 soldiers"): the lower (ACLED)
        victims = _victims(base[0][0])
        rivals = [(t, m) for t, m in base if victims and _victims(t) == victims and _claimed(m.draft, t)]
        if len(rivals) < 2 and victims:
            # "killed 19 Taliban fighters, Pakistani officials said. The Taliban said nine of its
            # fighters were killed": the same dead told by two sides, each its own figure
            first_speakers = _speakers(base[0][1].draft, base[0][0])
            rivals = [base[0], *((t, m) for t, m in base[1:] if _victims(t) == victims and first_speakers
                                 and (told := _speakers(m.draft, t)) and not told & first_speakers)]
        if len(rivals) > 1 and not spans_sites(base[0][1].draft.sentence):
            # (a figure over several sites, then one site's: a part, not a rival count)
            best = [min(rivals, key=lambda pair: (_killed(pair[0]), pair[0].sentence_index))]
    if len(base) > 1:
        # "At least 19 were killed" in the lead, then "17 were killed in Kathmandu, while
        # two others died in Sunsari": the first figure was the sum over places
        best = next(([(t, m)] for t, m in base[1:] if m.draft.split_off
                     and _killed(t) + m.draft.split_off == first), best)
    if len(base) > 1 and best == base[:1]:
        best = next(([(t, m)] for t, m in base[1:] if _refines(t, base[0][0])), best)
    if len(base) == 1 and parts_killed and 0.85 * first <= parts_killed <= 1.1 * first:
        return []
    if len(base) > 1 and best == base[:1] and others_killed:
        best = next(([(t, m)] for t, m in base[1:] if 0 < _killed(t) and _killed(t) + others_killed == first),
                    best)
    return best


# Counted sites a figure may span: "struck nine sites", "attacks on several villages"
_SITE_NOUNS = frozenset({"sites", "locations", "places", "targets", "villages", "towns", "cities", "areas",
                         "districts", "camps", "positions", "bases", "facilities"})
_SOME = frozenset({"several", "multiple", "various", "numerous"})


def spans_sites(sentence: Span) -> bool:
    """Does the sentence tell of several counted sites ("India said it
    struck nine sites …, and Pakistan said 26 people were killed", "drones
    struck several villages")?  A figure it gives is the sum over them."""
    return any(t.lower_ in _SITE_NOUNS and any(c.dep_ in ("nummod", "amod") and (c.like_num or c.lower_ in _SOME)
                                               for c in t.children) for t in sentence)


def _lower_per_side(best: TollMention, base: Sequence[tuple[TollMention, Mention]]) -> dict[int, Casualty]:
    """A toll that counts both sides' dead ("23 soldiers were killed and more
    than 200 Taliban fighters died"), where a later report gives one side's
    dead lower ("the Taliban said nine of its fighters were killed"): the
    lower figure of that side, as ANNOTATION codes conflicting figures
    (keyed by the id of the figure it replaces)."""
    killed = [c for c in best.casualties if c.kind == "killed"]
    sides = {_casualty_side(c) for c in killed}
    if len(killed) < 2 or len(sides) < 2 or "" in sides:
        return {}
    out: dict[int, Casualty] = {}
    for toll, _ in base:
        if toll is best:
            continue
        figures = [c for c in toll.casualties if c.kind == "killed"]
        if len(figures) != 1:
            continue
        side = _casualty_side(figures[0])
        for c in killed:
            if _casualty_side(c) == side and figures[0].best < out.get(id(c), c).best:
                out[id(c)] = figures[0]
    return out


_DISPUTE_LEMMAS = frozenset({"contradict", "dispute", "deny", "refute", "reject"})


def _disputed_between(best: TollMention, other: TollMention, draft: Draft) -> bool:
    """Does the text dispute the best toll before (or where) it tells the
    other side's dead ("the rebels' spokesman contradicted the tally …; another
    said 602 soldiers were killed")?  Then that figure is the other party's
    rival claim, not more dead of the same fight."""
    sentences = doc_sentences(draft.sentence.doc)
    low, high = sorted((best.sentence_index, other.sentence_index))
    return any(t.lemma_.lower() in _DISPUTE_LEMMAS for s in sentences[low + 1:high + 1] for t in s)


_CLAIM_WORDS = frozenset({"claim", "claims", "claimed", "claiming"})


def _speakers(draft: Draft, toll: TollMention) -> frozenset[str]:
    """The words of whoever the toll's sentence says said it ("Pakistani
    security officials said" -> {"pakistani", "security", "officials"}), minus
    articles; empty when no one is said to have said it."""
    sentences = doc_sentences(draft.sentence.doc)
    if not 0 <= toll.sentence_index < len(sentences):
        return frozenset()
    return frozenset(w.lower_ for t in sentences[toll.sentence_index] if t.lemma_.lower() in lx.SAY_VERBS
                     for c in t.children if c.dep_ == "nsubj" for w in c.subtree
                     if w.is_alpha and w.lower_ not in ("the", "a", "an", "its", "their"))


def _claimed(draft: Draft, toll: TollMention) -> bool:
    """Is the figure a claim ("JNIM claimed it killed over 200 soldiers")?
    Claims that disagree are rivals, not a toll that grew."""
    sentences = doc_sentences(draft.sentence.doc)
    if toll.claim:
        return True
    if not 0 <= toll.sentence_index < len(sentences):
        return False
    return any(t.lower_ in _CLAIM_WORDS for t in sentences[toll.sentence_index])


def _victims(toll: TollMention) -> str:
    """The noun that names the toll's dead, when it names one ("over 200
    soldiers" → "soldier"), else ""."""
    names = {victim_noun(c).rstrip("s") for c in toll.casualties if c.kind == "killed" and c.victims.strip()}
    return names.pop() if len(names) == 1 else ""


_STATE_VICTIMS = frozenset({"troopers", "jawans", "jawan", "commandos", "paramilitaries", "guards", "sepoys",
                            "policeman", "officers", "officer", "servicemen"})


# Members of an insurgency named by its movement ("27 Maoists", "Naxal cadres")
_REBEL_MEMBERS = frozenset({"maoists", "maoist", "naxals", "naxal", "naxalites", "naxalite", "cadres"})


def _side(toll: TollMention) -> str:
    """Whose dead a toll mention counts, when all its figures name one side:
    "armed" (militants, attackers), "state" (soldiers, police), "civilian";
    else "" ("people", a mix, no noun)."""
    sides = _sides(toll)
    return next(iter(sides)) if len(sides) == 1 else ""


def _sides(toll: TollMention) -> frozenset[str]:
    """The sides whose dead a toll mention counts ("21 hostages and four
    soldiers": civilian and state); empty when a figure names none."""
    sides = [_casualty_side(c) for c in toll.casualties if c.kind == "killed"]
    return frozenset(sides) if sides and all(sides) else frozenset()


def _casualty_side(casualty: Casualty) -> str:
    """"armed", "state", "civilian" or "" for one figure's victims."""
    noun = victim_noun(casualty)
    if noun in lx.MILITANT_WORDS or noun in _REBEL_MEMBERS or noun in lx.LONE_ATTACKERS:
        return "armed"
    if noun in lx.MILITARY_WORDS or noun in lx.POLICE_WORDS or noun in _STATE_VICTIMS:
        return "state"
    if (noun in lx.CIVILIAN_WORDS or noun in lx.CAPTIVE_WORDS) and noun not in lx.ANY_SIDE_VICTIMS:
        return "civilian"
    return ""


def _refines(toll: TollMention, first: TollMention) -> bool:
    """Does ``toll`` give the exact figure ``first`` only bounded ("more than
    20 civilians were killed" in the lead, "22 people were killed" in the
    body; "dozens" and then "36")?  Same victims or unnamed ones."""
    bounds = [c for c in first.casualties if c.kind == "killed"]
    exact = [c for c in toll.casualties if c.kind == "killed"]
    if len(bounds) != 1 or len(exact) != 1:
        return False
    bound, figure = bounds[0], exact[0]
    named = {_victims(toll), _victims(first)} - {"", "people", "person"}
    if figure.low != figure.high or (len(named) > 1 and _side(toll) != _side(first)):
        return False
    if bound.high is None:  # "at least 20", "more than 20"
        return bound.low <= figure.best <= bound.low * 1.5 + 2
    if few(bound):
        # "Several people were killed in an airstrike", then "16 people were killed": the
        # few of the lead is a guess at a number the body gives
        return bound.low <= figure.best
    return bound.low < bound.high and bound.low <= figure.best <= bound.high  # "dozens"


def _killed(toll: TollMention) -> int:
    return sum(c.best for c in toll.casualties if c.kind == "killed")


def _same_figures(a: TollMention, b: TollMention, kind: str) -> bool:
    return sorted(c.best for c in a.casualties if c.kind == kind) == \
        sorted(c.best for c in b.casualties if c.kind == kind)
