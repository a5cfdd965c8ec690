"""Stage 3c, events: the article's happenings as event records.

One event per (type, place, date): the happenings there, their tolls added
(a site told apart at the same place keeps an id of its own); a happening
whose only figure summed up the happenings told next is none.  Each event
takes its happening's most specific place and date, the type of its anchor
mention, the toll of its best mention (:mod:`~etl.events.happening_tolls`),
actors, the evidence sentence, a confidence and the role (main or
background).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from etl import lexicon as lx
from etl.casualties import Casualty, vague
from etl.dates import DAY, MONTH, WEEK
from etl.events.actors import responsibility_claimant, state_forces_subject, with_country
from etl.events.core import REPORT_DAYS, Draft, VIOLENT
from etl.events.happening_tolls import happening_toll, spans_sites
from etl.events.happenings import Happening, role_of, same_or_near, weekday_news
from etl.events.fallback_places import border_country
from etl.events.place_kinds import GEO_PRECISION, UNPLACED
from etl.events.anaphora import presupposed, site_apart
from etl.events.quotes import scare_quoted
from etl.events.syntax import doc_sentences
from etl.events.tolls import split_share
from etl.records import Article, Event
from etl.spacy_model import span_text
from geo.records import Place


def event_id_for(article_id: str, event_type: str, place_id: str, when: date | None, *, part: str = "") -> str:
    key = f"{article_id}|{event_type}|{place_id}|{when.isoformat() if when else ''}" + (f"|{part}" if part else "")
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _confidence(draft: Draft, place: Place) -> float:
    score = 0.45
    score += 0.2 if draft.trigger.strong else 0.05
    score += {1: 0.15, 2: 0.1}.get(GEO_PRECISION.get(place.kind, 3), 0.05)
    score += {DAY: 0.1, WEEK: 0.07, MONTH: 0.04}.get(draft.date_precision, 0.0)
    if draft.place_from in ("previous", "context", "demonym", "scene", "focus"):
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)


# The dead of a recalled event known only by its month or year from which the figure is a
# period's count ("in July, where more than 1,400 people were killed")
PERIOD_TOLL_MIN = 100


def emit_events(happenings: Sequence[Happening], *, article: Article) -> list[Event]:
    """One event per (type, place, date): the happenings there, their tolls added."""
    lead = next((h.dated().date_value for h in happenings if h.dated().date_value is not None
                 and not all(m.draft.trigger.background or presupposed(m.draft.trigger.token) for m in h.mentions)),
                None)
    events: dict[tuple[str, str, date | None, int], Event] = {}
    weekday_lead = article.published is None and weekday_news(happenings)
    roles = [role_of(h, lead, weekday_lead=weekday_lead) for h in happenings]
    killed = [sum(c.best for t in happening_toll(h) for c in t.killed if not vague(c))
              if h.event_type in VIOLENT and role == "main" else 0 for h, role in zip(happenings, roles)]
    for i, (happening, role) in enumerate(zip(happenings, roles)):
        day = happening.dated().date_value
        others = sum(k for h, k in zip(happenings, killed) if h is not happening and k and h.dated().date_value == day)
        # the deadly happenings told after this one within a few days: their dead may be
        # what its first figure summed up ("almost 300 killed in attacks that began on
        # Saturday", then 200 in one village, 38 in the others, 46 the next day)
        parts = [k for h, k in zip(happenings[i + 1:], killed[i + 1:]) if k and day is not None
                 and h.dated().date_value is not None and 0 <= (h.dated().date_value - day).days <= REPORT_DAYS
                 and same_or_near(h.place, happening.place)]
        # "In one village, 200 were killed … raids of the other villages killed 38": sites
        # told apart stay apart where the gazetteer puts both at the town around them
        apart = i if any(site_apart(m.draft.trigger.token) for m in happening.mentions) else -1
        event = _event(happening, article=article, role=role, others_killed=others,
                       parts_killed=sum(parts) if len(parts) >= 2 else 0, site_apart=apart >= 0)
        if killed[i] and not event.fatalities and len(parts) >= 2:
            continue  # its only figure summed up the happenings told next: they are the events
        told_apart = _site_tolls(happening, happenings[i + 1:], killed[i + 1:])
        if told_apart and event.fatalities == killed[i] and told_apart < killed[i]:
            # "struck nine sites …, 26 people were killed", then "13 were killed in Bahawalpur":
            # the sites told apart keep their dead, the first figure the rest (counted once)
            event = replace(event, fatalities=killed[i] - told_apart,
                            fatalities_low=max(0, (event.fatalities_low or 0) - told_apart),
                            fatalities_high=None if event.fatalities_high is None
                            else max(0, event.fatalities_high - told_apart),
                            fatalities_reported=f"{event.fatalities_reported} over all sites, "
                                                f"less {told_apart} told at their own")
        twin = next((h for h, k in zip(happenings[:i], killed[:i]) if killed[i] >= 2 and k == killed[i]
                     and h.event_type != happening.event_type and day is not None
                     and h.dated().date_value == day and same_or_near(h.place, happening.place)
                     # (not "four killed in clashes" in the country, then "leaving four dead" in Douala)
                     and GEO_PRECISION.get(h.place.kind, 3) <= GEO_PRECISION.get(happening.place.kind, 3)), None)
        if twin is not None and event.fatalities == killed[i]:
            # "300 killed in attack" on the camp, then the camp "seized … in an attack that left at
            # least 300 people dead": one toll told of two happenings, counted with the first
            event = replace(event, fatalities=0, fatalities_low=0, fatalities_high=None,
                            fatalities_reported=f"{event.fatalities_reported} (counted with the "
                                                f"{twin.event_type.lower()} told before)")
        if role == "background" and event.date_precision >= MONTH and event.fatalities >= PERIOD_TOLL_MIN:
            # "deadly sectarian clashes in Sweida province in July, where more than 1,400 people were
            # killed": a recalled fight known only by its month whose count is that of weeks of
            # fighting or an inquiry's tally, not one happening's (no coded background event has one)
            event = replace(event, fatalities=0, fatalities_low=0, fatalities_high=None,
                            fatalities_reported=f"{event.fatalities_reported} (a count over a month or more, "
                                                "not one happening's)")
        key = (event.event_type, event.place_id, event.event_date, apart)
        events[key] = _add(events[key], event) if key in events else event
    for key in [k for k in events if k[3] < 0 and not events[k].fatalities]:
        # "the RSF attacked several villages around Bara on Saturday" with no toll, then the
        # villages told apart: the sites are the events, the umbrella is told in them
        site = next((k for k in events if k[:3] == key[:3] and k[3] >= 0), None)
        if site is not None:
            events[site] = _add(events[site], events.pop(key))
    return list(events.values())


def _over_sites(happening: Happening) -> bool:
    """Does a sentence that gives the happening a toll tell it over several
    counted sites (see :func:`~etl.events.happening_tolls.spans_sites`)?"""
    return any(spans_sites(m.draft.sentence) for m in happening.mentions if m.draft.tolls)


def _site_tolls(happening: Happening, later: Sequence[Happening], killed: Sequence[int]) -> int:
    """The dead of the sites a figure over several sites covers that the
    text tells apart after it: happenings of its sub-type, day and country at
    other places, with a toll (0 when the figure spans no counted sites)."""
    day = happening.dated().date_value
    if day is None or not happening.place.country or not _over_sites(happening):
        return 0
    return sum(k for h, k in zip(later, killed) if k and h.sub_event_type == happening.sub_event_type
               and h.dated().date_value == day and h.place.country == happening.place.country
               and h.place.place_id != happening.place.place_id)


_ANYONE = frozenset({"people", "person", "persons", "man", "woman", "men", "women", "family", "families"})


def _civilian_dead(casualty: Casualty) -> bool:
    """Are a figure's dead named as civilians ("61 civilians", "12 villagers"; not
    "63 people", who may include soldiers)?"""
    words = {w.lower() for w in casualty.victims.split()}
    armed = lx.MILITARY_WORDS | lx.POLICE_WORDS | lx.MILITANT_WORDS
    return bool(words & (lx.CIVILIAN_WORDS - _ANYONE)) and not words & armed


_ARMED_SIDES = lx.MILITARY_WORDS | lx.POLICE_WORDS | frozenset({"security", "troops", "army", "forces", "fighters",
                                                             "combatants"})


def _people_only(happening: Happening, killed: Sequence[Casualty]) -> bool:
    """"Herders attacked the town on Sunday night.  At least 40 people were
    killed": "people" killed by an attack whose sentences name no soldiers,
    police or other armed side but the attackers are civilians; "more than
    100 people, mostly soldiers" are not."""
    if not all({w.lower() for w in c.victims.split()} & _ANYONE for c in killed):
        return False
    return not any({t.lower_ for t in m.draft.sentence} & _ARMED_SIDES for m in happening.mentions)


_GROUND_WORDS = frozenset({"troops", "soldiers", "ground", "raid", "raided", "incursion", "clash", "clashes",
                           "clashed", "fighting", "fought", "battle", "stormed", "infantry", "tanks", "border",
                           "gunmen", "ambush", "ambushed", "invasion", "invaded", "advance", "advanced",
                           # fire both ways across a line ("a fierce exchange of fire along the LoC")
                           "exchange", "exchanged", "gunfight", "firefight", "encounter", "skirmish", "skirmishes",
                           "sniper", "infiltration", "frontier", "loc"})


def _from_abroad(happening: Happening, actor1: str, country_name: str) -> bool:
    """Is the attack told by no weapon a foreign state's forces' attack in
    the event's country, with nothing in its sentences of a fight on the
    ground (troops, a raid, clashes, the border)?"""
    if not _foreign_forces(actor1, country_name):
        return False
    return not any({t.lower_ for t in m.draft.sentence} & _GROUND_WORDS for m in happening.mentions)


# Verbs of ground taken back, which a state does at home ("its troops regained control over Sudzha")
_TAKEN_BACK = frozenset({"regain", "recapture", "retake", "reclaim", "liberate", "recover"})


def _foreign_forces(actor1: str, country_name: str) -> bool:
    """Are the event's doers another state's military forces than those of
    the country it is in?"""
    prefix = "Military Forces of "
    return bool(country_name) and actor1.startswith(prefix) and not actor1[len(prefix):].startswith(country_name)


def _event(happening: Happening, *, article: Article, role: str, others_killed: int = 0,
           parts_killed: int = 0, site_apart: bool = False) -> Event:
    anchor = happening.anchor
    place = happening.place
    dated = happening.dated()
    tolls = happening_toll(happening, others_killed=others_killed, parts_killed=parts_killed)
    killed = [(c, t) for t in tolls for c in t.killed]
    # "dozens of soldiers were killed": a range, not a number (DESIGN §4) -- it
    # widens the high end and adds nothing to the count
    best = sum(split_share(c.best, t.parts, t.part) for c, t in killed if not vague(c))
    low = sum(split_share(c.low, t.parts, t.part) for c, t in killed if not vague(c))
    highs = [c.high for c, _ in killed]
    high = 0 if not killed else None if any(h is None for h in highs) else \
        sum(split_share(c.high or 0, t.parts, t.part) for c, t in killed)
    hurt = sum(split_share(c.best, t.parts, t.part) for t in tolls for c in t.injured)
    drafts = [m.draft for m in happening.mentions]
    evidence = next((t.evidence for t in tolls if t.killed), None) or anchor.draft
    sentence = evidence.sentence
    text = span_text(sentence)
    etype = happening.event_type  # the anchor's, or the type its sibling places took
    subtype = happening.sub_event_type
    # ("shot dead" names a killing, not who fought: typed Armed clash for want of evidence too)
    shot_dead = all(m.draft.trigger.token.lower_ == "dead" for m in happening.mentions
                    if m.draft.trigger.event_type in VIOLENT)
    default_clash = (happening.all_default_typed or shot_dead) and (etype, subtype) == (lx.BATTLES, "Armed clash")
    if default_clash and killed and (
            all(_civilian_dead(c) for c, _ in killed) or _people_only(happening, [c for c, _ in killed])):
        # "a harrowing attack claimed by the ADF … resulting in a death toll of at least 61
        # civilians": an attack told by no weapon and no target is typed by whom it killed
        etype, subtype = lx.VAC, "Attack"
    actor1 = next((d.actor1 for d in [anchor.draft, *drafts] if d.actor1), "")
    if (not actor1 or actor1.startswith("Unidentified Armed Group")) and etype in VIOLENT:
        # "… a suicide bomber rammed a convoy. The Pakistani Taliban claimed responsibility."
        # (the group that claims it names the "militants" and "gunmen" the report told of)
        actor1 = responsibility_claimant(doc_sentences(sentence.doc), min(d.sentence_index for d in drafts),
                                         event_type=etype) or actor1
    actor2 = next((d.actor2 for d in [anchor.draft, *drafts] if d.actor2 and d.actor2 != actor1), "")
    if not actor1 and etype in VIOLENT:
        # (the anchor's verb first, then any mention's: "Security forces gunned down 27 Maoists")
        actor1 = next((found for d in [anchor.draft, *drafts]
                       if (found := state_forces_subject(d.trigger.token))), "")
    country_name = lx.COUNTRY_NAMES.get(place.country, "") if place.country else ""
    actor1, actor2 = with_country(actor1, country_name), with_country(actor2, country_name)
    if default_clash and _from_abroad(happening, actor1, country_name):
        # "Israel in July attacked the main Syrian military compounds", "31 civilians were killed
        # in Indian attacks on Bahawalpur": a state's forces attacking in another country with
        # no ground fight told strike from the air, whoever died
        etype, subtype = lx.REMOTE, "Air/drone strike"
    if subtype == "Government regains territory" and _foreign_forces(actor1, country_name) and \
            not {t.lemma_.lower() for t in (anchor.draft.trigger.token, anchor.draft.trigger.token.head)
                 if not scare_quoted(t)} & _TAKEN_BACK:
        # "Russian forces have captured the eastern Ukrainian city of Pokrovsk": a state's forces taking
        # ground in another country overtake it as a non-state actor does (ACLED's convention); so do
        # forces that "liberated" it in quotation marks (the party's word, not the report's)
        subtype = "Non-state actor overtakes territory"
    claim = next((t.claim for t in tolls if t.killed and t.claim), "") or evidence.claimed_by or next(
        (d.claimed_by for d in drafts if d.claimed_by), "")
    # a site told apart at the same place as another has an id of its own (where it is told)
    event_id = event_id_for(article.article_id, etype, place.place_id, dated.date_value,
                            part=str(anchor.draft.sentence.start_char) if site_apart else "")
    return Event(
        event_id=event_id, article_id=article.article_id, event_date=dated.date_value,
        date_precision=dated.date_precision, event_type=etype,
        sub_event_type=subtype, actor1=actor1, actor2=actor2,
        country=place.country or border_country(place, anchor.draft), admin1=place.admin1,
        admin2=place.admin2, location=place.name,
        latitude=None if place is UNPLACED else place.lat,
        longitude=None if place is UNPLACED else place.lon, geo_precision=GEO_PRECISION.get(place.kind, 3),
        place_id=place.place_id, fatalities=best, fatalities_low=low,
        fatalities_high=high, injured=hurt, evidence=text.strip(),
        evidence_start=sentence.start_char, evidence_end=sentence.start_char + len(text.rstrip()),
        claimed_by=claim, confidence=max(_confidence(m.draft, m.place) for m in happening.mentions),
        incident_id=event_id, role=role,
        source=article.source, url=article.url, published=article.published,
        fatalities_reported="; ".join(c.figure or c.text.strip() for c, _ in killed),
    )


def _add(first: Event, second: Event) -> Event:
    """Two happenings of one (type, place, date) in one article: one event
    whose toll is theirs added (a strike and a follow-up drone attack on one
    town that day)."""
    high = None if first.fatalities_high is None or second.fatalities_high is None else \
        first.fatalities_high + second.fatalities_high
    reported = "; ".join(r for r in (first.fatalities_reported, second.fatalities_reported) if r)
    keep = first if first.fatalities >= second.fatalities else second
    return replace(
        keep, date_precision=min(first.date_precision or 9, second.date_precision or 9) % 9,
        actor1=first.actor1 or second.actor1, actor2=first.actor2 or second.actor2,
        fatalities=first.fatalities + second.fatalities, fatalities_low=first.fatalities_low + second.fatalities_low,
        fatalities_high=high, injured=first.injured + second.injured,
        claimed_by=keep.claimed_by or first.claimed_by or second.claimed_by,
        confidence=max(first.confidence, second.confidence), fatalities_reported=reported,
        role="main" if "main" in (first.role, second.role) else "background",
        sub_event_type=first.sub_event_type,
    )
