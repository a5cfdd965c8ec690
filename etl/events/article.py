"""Stage 3, article events: from the sentences of one article to its events.

Sentence by sentence, the triggers that pass :mod:`~etl.events.realis` are
typed (:mod:`~etl.events.classify`), placed, dated and given actors and tolls
(the attribute modules) as drafts; :mod:`~etl.events.happenings` groups the
drafts of one happening into one event.  Events the report recalls with a
date ("after a deadly raid on 13 June", "a day after the crackdown") are
drafts too, dated by themselves or from the report's event, with the
figures told nearest them.  Some mentions are folded in while drafting: an
event told again (:mod:`~etl.events.told_again`), and a sentence whose only trigger is the casualty verb
("Four policemen were killed") gives its toll to the event just reported.  A
text's first report cannot refer back, so there "15 dead after ambush" codes
the ambush, with the toll it gives.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from etl import lexicon as lx
from etl.casualties import Casualty
from etl.dates import DAY, MONTH, WEEK, weekday_pinned_date
from etl.datelines import filing_date
from etl.events.actors import find_actors, find_claim
from etl.events.captions import LINK_LINE, link_lists, photo_caption, story_end
from etl.events.classify import choose_sentence_events, refine_trigger
from etl.events.territory import TERRITORY_TAKEN
from etl.events.capitals import (LEGISLATURES, bare_capitals, capital_locative, capital_named, seat_locative,
                                 seats_of_government)
from etl.events.clauses import (dated_apart, own_figures, sequel_triggers, split_by_sequel, toll_at_own_town,
                                toll_clauses, tolled_apart)
from etl.events.core import HARM_VERBS, CountryLookup, Draft, Trigger, VIOLENT
from etl.events.deals import signed
from etl.events.event_dates import dates_told_later, day_outside, lead_date, resolve_event_date, sentence_date
from etl.events.facts import facts_of
from etl.events.mentions import find_triggers
from etl.events.realis import is_unreal
from etl.events.fallback_places import (
    arresting_country, country_in_name, country_wide, demonym_target, find_main_country, find_sole_country,
    focus_place, mediator_mention, scene_place, sentence_country, victims_country,
)
from etl.events.not_sites import (
    agency_credit, known_the_world_over, name_initials, names_a_thing, names_media, names_the_attacker,
)
from etl.events.place_scope import under
from etl.events.place_kinds import KIND_LEVEL, UNPLACED, PlaceCandidate, within
from etl.events.places import choose_places, mention_role, speaker_place, without_bare_regions
from etl.events.emit import emit_events
from etl.events.happenings import SITE_KM, group_mentions, same_or_near, type_by_headline, typed_only_by_victims
from etl.events.anaphora import TARGET_SITES, anaphoric, distinct_happening, reaction_frame, town_told_before
from etl.events.offsets import MONTH_OFFSET_DAYS, recalled_offset
from etl.events.eras import old_year, when_older_year
from etl.events.syntax import doc_sentences, in_subtree, recalled_scope
from etl.events.told_again import (as_told_before, chemical_told_later, during_event_told, refers_back,
                                   specify_previous, without_told_again)
from etl.events.tolls import (
    ANOTHER, attach_casualties, casualties_in, fits_event, only_casualty_verbs, own_act, restated_in, restated_toll,
    reconcile_claims, takes_casualties, toll_mention, victim_actor,
)
from etl.nlp import Analysis, Mention
from etl.spacy_model import doc_text, span_text
from etl.records import Article, Event
from geo.records import Place, Resolution

logger = logging.getLogger(__name__)


# A photo's caption ("In this photo provided by …, a damaged building is seen at the
# hospital hit by an air strike …, Thursday, Dec. 11"; "… in this screengrab"): it
# shows what the story tells, on the day the picture was taken.
_CAPTION = re.compile(r"\bthis (?:photo(?:graph)?|picture|image|screengrab|screen grab|handout(?: photo)?|"
                      r"file photo|video grab|still image|(?:aerial|satellite|drone) (?:view|image|photo))\b|"
                      r"\bphoto(?:graph)? (?:taken|provided|released) by\b", re.I)

# Events that happen somewhere in particular: with no place of their own they
# borrow the previous event's or the article's town.
PLACED = VIOLENT | {lx.PROTESTS}

def extract_events(
    analysis: Analysis,
    resolutions: Sequence[Resolution],
    *,
    article: Article,
    country_place: CountryLookup,
    capital_of: CountryLookup | None = None,
    keep_unplaced: bool = False,
) -> list[Event]:
    """Coded events of one article (see the module docstring).

    An event with no place at all is dropped (a map needs a place), unless
    ``keep_unplaced``: then it is kept with an empty location and no
    coordinates -- for scoring detection and typing on texts whose place
    names are masked."""
    doc = analysis.doc
    # "WASHINGTON, 13th December, 2025 (WAM) -- … killed today": the story's today is the day
    # its filing line names, a day before the page's date
    published = filing_date(doc_text(doc), published=article.published) or article.published
    if published is None:
        # No publication date: a day the text names with its weekday ("on
        # Monday afternoon (July 28)") stands in for it; else dates stay unknown.
        published = weekday_pinned_date(doc_text(doc), not_after=date.today())
        if published is not None:
            logger.info("%s: no publication date; dates resolved against %s, which the text names with "
                        "its weekday", article.article_id[:12], published.isoformat())
    by_sentence: dict[int, list[PlaceCandidate]] = {}
    dateline_start = analysis.dateline.start if analysis.dateline else -1
    # "a flag from the Japanese manga series", "brandishing Palestinian flags": an adjective
    # of a thing says nothing of where the story is
    resolutions = [r for r in resolutions if not (r.mention.label == "NORP" and names_a_thing(doc, r.mention))
                   and not names_media(doc, r.mention)]
    # countries named as whose strikes or forces they are ("in the United States airstrikes that
    # hit an oil port"): not where anything happened, nor where the story is
    attackers = {r.mention.start for r in resolutions
                 if r.place is not None and r.place.kind == "country" and names_the_attacker(doc, r.mention)}
    # countries the text names, by name, adjective or a clearly resolved place in them
    named_countries = {r.place.country for r in resolutions
                       if r.place is not None and r.status == "resolved" and r.place.country}
    for resolution in resolutions:
        mention = resolution.mention
        if resolution.status == "ambiguous" and resolution.place is not None and \
                resolution.place.country not in named_countries and named_countries and \
                not known_the_world_over(resolution):
            # "the Nuevo Amanecer neighborhood" (tagged "Nuevo") in a report on Ecuador: a reading
            # the resolver doubts, in a country the text never names, is no place of it
            continue
        capital, head = capital_named(doc, mention, resolution.place, capital_of)
        if capital is not None and head is not None:
            # "near Yemen's capital", "the Kenyan capital", "the capital of Sudan"
            by_sentence.setdefault(mention.sentence_index, []).append(
                PlaceCandidate(capital, mention, capital_locative(head), False, head.i))
            continue
        if mention.label == "NORP":
            continue  # "Pakistani troops": an adjective, never a site (see demonym_target)
        if mention.surface.lower() in LEGISLATURES:
            continue  # "a protest outside Congress": the seat of government (see seats_of_government)
        place = resolution.place if resolution.status in ("resolved", "ambiguous") else None
        if place is None:
            place = country_in_name(mention.surface, country_place)
        if place is None or mention.start == dateline_start or agency_credit(doc, mention) or \
                name_initials(doc, mention) or dateline_start <= mention.start < analysis.dateline_end:
            continue
        locative, excluded, chain = mention_role(doc, mention)
        if capital_of is not None and capital_of(place.country) == place and speaker_place(doc, mention):
            excluded = True  # "a security official in Islamabad said jets had struck": the state speaking
        by_sentence.setdefault(mention.sentence_index, []).append(
            PlaceCandidate(place, mention, locative, excluded or mention.start in attackers, chain))
    by_sentence = without_bare_regions(by_sentence)
    dateline_place = next((r.place for r in resolutions
                           if analysis.dateline and r.mention.start == dateline_start and r.place), None)
    # "talks in Doha mediated by Qatar and Turkey": a mediator is no party, its country not the story's
    mediators = {r.mention.start for r in resolutions if mediator_mention(doc, r.mention)}
    main_country = find_main_country([r for r in resolutions if r.mention.start not in attackers | mediators],
                                     dateline_place)
    fallback_country = main_country or find_main_country(resolutions, dateline_place, adjectives=True)
    sole_country = find_sole_country([c.place for cs in by_sentence.values() for c in cs
                                      if c.mention.start not in attackers], dateline_place, country_place)
    if sole_country is not None and main_country is None:
        # "Georgian police fired tear gas …" three times, "prompted Brussels to freeze …" once: a
        # text that names no country calls its own by the adjective more often than the other's places
        adjectives = Counter(r.place.country for r in resolutions if r.mention.label == "NORP" and r.place
                             is not None and r.place.kind == "country" and r.mention.start not in attackers)
        sites = sum(1 for cs in by_sentence.values() for c in cs if c.place.country == sole_country.country)
        if adjectives and max(adjectives.values()) > sites and \
                adjectives.most_common(1)[0][0] != sole_country.country:
            sole_country = None
    site_countries = {c.place.country for cs in by_sentence.values() for c in cs
                      if c.place.kind not in ("country", "region", "border") and c.place.country}
    # "Other strikes hit the capital as well", "protesters stormed parliament": where all the
    # report's sites are in one country, its capital; the seat of government of the country
    # the report is about, by name or adjective ("Georgian police"; not Brussels, named for the
    # EU), else of its sites' country
    site_capital = capital_of(next(iter(site_countries))) if len(site_countries) == 1 and capital_of else None
    seat = capital_of(fallback_country.country) if fallback_country is not None and capital_of else site_capital
    for capital, found in ((site_capital, bare_capitals), (seat, seats_of_government)):
        for mention in found(doc, article.article_id) if capital is not None else ():
            head = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            by_sentence.setdefault(mention.sentence_index, []).append(
                PlaceCandidate(capital, mention, seat_locative(head.root), False, head.root.i))

    place_tokens: set[int] = set()
    for mention in analysis.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand") if mention.label != "NORP" else None
        if span is not None:
            place_tokens.update(range(span.start, span.end))
    doc.user_data["sitrep_place_tokens"] = place_tokens  # for the objects of "seized", "recaptured" …
    drafts: list[Draft] = []
    violent_told, violent_checked = False, 0  # has a violent draft been made (drafts only grow)
    body_start = _body_start(doc_text(doc), analysis)
    all_sentences = doc_sentences(doc)
    listed_links = link_lists(doc_text(doc))
    end = story_end(doc_text(doc))
    captions = [photo_caption(s) for s in all_sentences]  # where each sentence's photo caption begins
    lead = lead_date([s for s, at in zip(all_sentences, captions) if not _CAPTION.search(span_text(s)) and at is None],
                     body_start=body_start, published=published)
    focus = focus_place(by_sentence, doc)
    for index, sentence in enumerate(all_sentences):
        if sentence.end_char <= body_start:
            continue  # headline and standfirst restate the body
        if sentence.start_char >= end:
            break  # "Reuters" signed the story off: the page's teasers of other stories follow
        if LINK_LINE.match(span_text(sentence)) or any(a <= sentence.start_char < b for a, b in listed_links):
            continue  # "ALSO READ: …", "Related: …": another article's headline
        if _CAPTION.search(span_text(sentence)):
            continue  # a photo's caption tells nothing new, and dates the picture
        found = [t for t in find_triggers(sentence, published=published) if t.token.idx >= body_start]
        caption_start = captions[index]
        if drafts and sum(t.event_type in VIOLENT and not t.background for t in found) > 1 and \
                not any(t.background for t in found):
            # "The attack came weeks after about 20 civilians were killed in an attack in October": the
            # attack told before, and another that the sentence tells
            found = [t for t in found if not (t.event_type in VIOLENT and anaphoric(t.token)
                                              and t.token.dep_ == "nsubj"
                                              and t.token.head.lemma_.lower() in _TIMING_VERBS)]
        # one violent event per sentence among those it reports, and one among those it recalls
        recalled = [t for t in found if t.background]
        triggers = [*choose_sentence_events(without_told_again([t for t in found if not t.background], drafts,
                                                                sentence_index=index), sentence),
                    *(replace(t, background=True) for t in choose_sentence_events(
                        recalled, _recalled_clause(recalled, sentence)))]
        sequels = sequel_triggers(triggers, by_sentence.get(index, []))
        # "attacks on a mosque in late September that killed 70 and a strike on a
        # shelter in mid-October that killed 60": event nouns dated apart are two events
        apart = [refine_trigger(t, sentence) for t in (*dated_apart(found, triggers, sentence, published=published),
                                                       *tolled_apart(found, triggers))]
        triggers = [*triggers, *apart, *sequels]
        chemical_told_later(drafts, sentence, sentence_index=index)
        for trigger in triggers:
            specify_previous(drafts, trigger, sentence_index=index)
        triggers = [as_told_before(drafts, t, sentence_index=index) for t in triggers]
        triggers = [t for t in triggers if not refers_back(drafts, t, sentence_index=index)
                    and not during_event_told(drafts, t, sentence_index=index)]
        casualties, claim = reconcile_claims(sentence, casualties_in(sentence, published=published))
        # "… killed four, the governor said, while Ukraine said Russia had fired hundreds of
        # drones and three people had died": the three are the toll of the act told beside
        casualties = [c for c in casualties if (act := own_act(sentence, c)) is None
                      or any(t.token.i == act.i for t in triggers)]
        recalled_figures: list[Casualty] = []
        if any(t.background for t in triggers):
            # what the sentence recalls takes the figures told nearest after it
            # ("comes two months after a raid on 13 June … killing 200"), or all
            # of them when the sentence reports nothing else ("the Aug. 7 attack
            # killed four")
            every = sorted({*casualties, *casualties_in(sentence, published=published, recalled=True)},
                           key=lambda c: c.start)
            takers = [t for t in triggers if takes_casualties(t)]
            if not any(not t.background for t in takers):
                recalled_figures = every
            else:
                recalled_figures = [c for c in every if _nearest(c, takers, sentence).background]
                casualties = [c for c in every if c not in recalled_figures]
        another = ANOTHER.search(span_text(sentence)) is not None
        own_sites = [c.place for c in by_sentence.get(index, []) if c.locative and not c.excluded]
        elsewhere = (lambda d: not any(same_or_near(p, q, near_km=SITE_KM) for p in own_sites for q in d.places)) \
            if own_sites else None
        restated = [(c, d) for c in casualties
                    if (d := restated_in(c, drafts, sentence_index=index, another=another,
                                         elsewhere=elsewhere)) is not None]
        casualties = [c for c in casualties if all(c is not r for r, _ in restated)]
        if triggers and casualties and only_casualty_verbs(triggers) and not by_sentence.get(index) \
                and not any(distinct_happening(t.token) for t in triggers) \
                and drafts and takes_casualties(drafts[-1].trigger) and index - drafts[-1].sentence_index <= 2 \
                and all(fits_event(drafts[-1], victim_actor(c)) for c in casualties if c.kind == "killed") \
                and not _other_day(sentence, triggers[0], drafts[-1], published=published):
            # (not "about 20 civilians were killed … in October" after November's attack)
            triggers = []  # "Four policemen were killed": the toll of the event just reported
        violent_told = violent_told or any(d.trigger.event_type in VIOLENT for d in drafts[violent_checked:])
        violent_checked = len(drafts)
        if not violent_told and (
                not triggers or (all(t.event_type in VIOLENT and not t.background for t in triggers)
                                 and not any(c.kind == "killed" for c in casualties))):
            # The first report of a text cannot refer back: "15 dead after
            # ambush on border post" reports the ambush, "after the death of
            # two civilians in cross-border firing" the firing and its toll
            # ("a rebuke following a missile and drone attack on Kyiv that killed at least
            # 12 people, in what has been described as the most intense assault": the attack)
            first, first_claim = reconcile_claims(sentence, casualties_in(sentence, published=published, recalled=True))
            if any(c.kind == "killed" for c in first):
                # (after crowds or arrests told first, a violent event is first reported unless
                # named as told: "three police officers died during an operation to clear
                # roadblocks", not "the attack on the shrine had killed nine")
                told = [t for t in find_triggers(sentence, published=published, recalled=True)
                        if t.token.idx >= body_start and t.event_type in VIOLENT]
                reported = choose_sentence_events(told, sentence) \
                    if not (drafts and any(anaphoric(t.token) for t in told)) else []
                if reported:
                    triggers, casualties, claim = reported, first, first_claim
            elif not triggers and any(t.lemma_.lower() in lx.HARMED_VERBS for t in sentence):
                triggers = choose_sentence_events(
                    [t for t in find_triggers(sentence, published=published, harm_reports=True)
                     if t.token.idx >= body_start], sentence)
        if not drafts and triggers and all(t.event_type == lx.STRATEGIC for t in triggers):
            # nor does it refer back to a crowd told with its place: "At least 25 people have been
            # arrested following the march in London yesterday" reports the march too (not "rounded
            # up suspects after the riot", nor "in anticipation of mass protests next week")
            crowd = [t for t in find_triggers(sentence, published=published, recalled=True)
                     if t.token.idx >= body_start and t.event_type in (lx.PROTESTS, lx.RIOTS) and not t.background
                     and _placed_here(t.token) and not is_unreal(t.token, published=published)]
            if crowd:
                triggers = [*triggers, *choose_sentence_events(crowd, sentence)]
        if not triggers and casualties:
            triggers = toll_at_own_town(drafts, casualties, sentence, by_sentence.get(index, []))
        if not triggers and casualties:
            attach_casualties(drafts, casualties, sentence=sentence, sentence_index=index, claim=claim)
            continue
        if triggers and old_year(sentence, published=published):
            triggers = [t for t in triggers if t.event_type not in VIOLENT]
        # "17 were killed in Kathmandu, while two others died in Sunsari": a toll
        # told in a clause of its own at a place of its own is another happening
        splits = toll_clauses(sentence, triggers, casualties, by_sentence.get(index, []))
        split_figures = [c for _, figures, _ in splits for c in figures]
        casualties = [c for c in casualties if c not in split_figures]
        split_places = {candidate.place.place_id for _, _, candidate in splits}
        here = [c for c in by_sentence.get(index, []) if c.place.place_id not in split_places]
        first_draft = len(drafts)
        # the places of a clause that recalls an earlier event are its places, not the report's
        recalled_spans = [scope for t in triggers if t.background and (scope := recalled_scope(t.token))]
        # "the biggest attack since April 2023, when 10 policemen were killed in Dantewada": the
        # places of a clause told of an older year are not this sentence's events
        recalled_spans += [(t.left_edge.i, t.right_edge.i + 1) for t in sentence
                           if t.dep_ == "relcl" and when_older_year(t, published=published)]
        for trigger in triggers:
            restates = None
            reaction = reaction_frame(trigger.token)
            is_sequel = trigger in sequels
            candidates = split_by_sequel(here, trigger.token, is_sequel=is_sequel)
            if not trigger.background and recalled_spans:
                candidates = [c for c in candidates if not _in_spans(doc, c.mention, recalled_spans)]
            if trigger.sub_event_type in ("Agreement", "Diplomacy") and anaphoric(trigger.token) and \
                    _in_a_phrase(trigger.token):
                # a deal told again in a phrase of another verb ("within hours of the truce,
                # explosions were heard in Srinagar"): only a place under its own word is its
                # venue (not so "the ceasefire meeting was hosted in Putrajaya")
                candidates = [c for c in candidates if under(doc, c.mention, trigger.token)]
            places, place_from = choose_places(sentence, trigger, candidates, own_clause=reaction)
            if not places and trigger.sub_event_type in TERRITORY_TAKEN and any(
                    c.dep_ == "dobj" and c.lower_ == "it" for c in trigger.token.children):
                # "Manbij has changed hands, most recently when Turkish-backed groups captured it":
                # the place "it" stands for, named before it in the sentence
                named = [c.place for c in candidates if c.mention.start < trigger.token.idx
                         and c.place.kind in ("populated_place", "admin1", "admin2", "site")]
                if named:
                    places, place_from = [named[-1]], "mention"
            if is_sequel and not places:
                continue
            if trigger.event_type in VIOLENT and anaphoric(trigger.token) and drafts and \
                    trigger.token.dep_ == "nsubj" and trigger.token.head.lemma_.lower() in _CAUSING_VERBS and \
                    not any(under(doc, c.mention, trigger.token) for c in candidates):
                continue  # "The attack triggered a military conflict between India and Pakistan in May": the
                # attack told before, and what it caused
            if not places and trigger.event_type in PLACED and country_wide(trigger.token):
                # "Ukraine said three people were killed in overnight attacks across the
                # country": the country the sentence names, not the town told before
                named = sentence_country(sentence, country_place, story_country=main_country)
                if named is not None:
                    places, place_from = [named], "mention"
            if not places and trigger.event_type in VIOLENT and _the_town_told(trigger.token):
                # "The city near the Russian border was also hit hours earlier": the town told before
                told = next((d.places[0] for d in reversed(drafts) if d.own_place and d.places
                             and d.places[0].kind in ("populated_place", "site")), None)
                if told is not None:
                    places, place_from = [told], "previous"
            if not places and trigger.sub_event_type == "Disrupted weapons use" and any(
                    t.pos_ == "NOUN" and town_told_before(t, words=TARGET_SITES) for t in sentence):
                # "security forces opened fire at a drone to prevent it from reaching the field": the
                # site told before, where its last event was placed
                told = next((d.places[0] for d in reversed(drafts) if d.own_place and d.places
                             and d.places[0].kind != "country"), None)
                if told is not None:
                    places, place_from = [told], "previous"
            if not places and trigger.event_type in VIOLENT and not (anaphoric(trigger.token) and any(
                    d.trigger.event_type in PLACED and d.own_place for d in drafts)):
                # (not "the incident resulted in injuries to ... US personnel" after an attack near
                # Palmyra: the incident told before, where it was told)
                target = demonym_target(trigger, country_place) or victims_country(casualties, country_place)
                if target is not None:
                    places, place_from = [target], "demonym"
            if not places and trigger.sub_event_type == "Diplomacy" and anaphoric(trigger.token) and any(
                    d.trigger.sub_event_type in ("Diplomacy", "Agreement") and d.own_place for d in drafts):
                continue  # "The talks followed clashes in October": the talks told before, told again
            if not places and dateline_place is not None and (
                    trigger.sub_event_type == "Diplomacy" or _here(trigger) or (
                        trigger.sub_event_type == "Agreement" and signed(trigger.token)
                        and sentence.start_char <= dateline_start < sentence.end_char)):
                # statements are made where the report was filed; "a special meeting
                # here" is there too, and so is a signing the datelined lead tells
                # ("KUALA LUMPUR, Oct 26 — ... signed the peace accord today")
                places, place_from = [dateline_place], "dateline"
            if not places and trigger.event_type in PLACED:
                # the event told before, or the one whose toll this sentence tells again ("an
                # officer and three other soldiers lost their lives in the assault")
                told = restated_toll(drafts, casualties) if trigger.event_type in VIOLENT else None
                # (not an event a sentence recalls beside the one it tells: "clashed near Chaman
                # on Saturday, days after airstrikes in Kabul. 23 soldiers were martyred")
                recent = [d for d in reversed(drafts)
                          if d.trigger.event_type in PLACED and index - d.sentence_index <= 2]
                told_now = {d.sentence_index for d in recent if not d.trigger.background}
                previous = drafts[told] if told is not None else next(
                    (d for d in recent if not (d.trigger.background and d.sentence_index in told_now)),
                    recent[0] if recent else None)
                if previous is not None and not _other_day(sentence, trigger, previous, published=published):
                    places, place_from = list(previous.places), "previous"
                    restates = previous if told is not None else None
                    # "Troops raided hideouts in Khyber Pakhtunkhwa. The first operation was
                    # conducted in Datta Khel. Eight militants were killed": the place a sentence
                    # since set the scene in, inside the one told before
                    scene = scene_place(by_sentence, index, sentences=all_sentences, body_start=body_start,
                                        after=previous.sentence_index)
                    if scene is not None and len(places) == 1 and within(scene, places[0]):
                        places, place_from = [scene], "refined"
            if not places and trigger.event_type in PLACED and _same_place(sentence):
                # "a woman was shot dead in the same district": the place of the last event told
                # with a place of its own, whatever its type
                prior = next((d for d in reversed(drafts) if d.own_place and d.places), None)
                if prior is not None:
                    places, place_from = list(prior.places), "previous"
            if not places and trigger.sub_event_type != "Diplomacy":
                scene = scene_place(by_sentence, index, sentences=all_sentences, body_start=body_start)
                if scene is not None and trigger.sub_event_type == "Agreement" and \
                        _deal_of_other_day(sentence, trigger, scene, drafts, published=published):
                    scene = None  # "The text of the agreement was finalized in March": not at August's signing
                if scene is not None:
                    places, place_from = [scene], "scene"
            if not places and (trigger.event_type in PLACED or trigger.sub_event_type in _FOCUS_PLACED) and \
                    focus is not None:
                # (arrests told with no place: where the article's events are, "Seven people were
                # arrested" after a prison riot in Machala; so is a second bomb "neutralized by police")
                places, place_from = [focus], "focus"
            if not places and trigger.sub_event_type == "Arrests":
                arresting = arresting_country(trigger, country_place)
                if arresting is not None:
                    places, place_from = [arresting], "demonym"
            if not places and trigger.sub_event_type == "Diplomacy" and not reaction:
                # "an expanded round of talks was held on Wednesday" after "negotiations in Sharm
                # El-Sheikh": talks with no venue of their own are held where the talks told were
                venue = next((d for d in reversed(drafts) if d.trigger.sub_event_type in ("Diplomacy", "Agreement")
                              and d.place_from == "locative" and d.places and d.places[0].kind != "country"), None)
                if venue is not None:
                    places, place_from = list(venue.places), "previous"
            if not places and trigger.sub_event_type == "Agreement" and anaphoric(trigger.token):
                # "The agreement came after …": the talks or deal told before, where they were
                # held (anaphoric talks told again were skipped above)
                told = next((d for d in reversed(drafts) if d.trigger.sub_event_type in ("Diplomacy", "Agreement")
                             and d.own_place), None)
                if told is not None and not _other_day(sentence, trigger, told, published=published):
                    places, place_from = list(told.places), "previous"
            if not places and trigger.sub_event_type == "Agreement" and focus is not None:
                # a ceasefire or deal with no venue: the place of the fighting it is
                # about, the town the article's events are in
                places, place_from = [focus], "context"
            if not places and trigger.event_type == lx.STRATEGIC and focus is not None and \
                    country_place(focus.country) is not None:
                # talks with no venue: the country the article's events are in
                places, place_from = [country_place(focus.country)], "context"
            if not places and trigger.event_type == lx.STRATEGIC and \
                    trigger.sub_event_type not in ("Agreement", "Diplomacy"):
                # (talks and deals sit with their parties, below)
                # "the rebels aired footage of shooting down an American drone" in a report of
                # strikes on Sanaa and Hodeida: the country the violence told is in, before the
                # country the article names most (the US, whose strikes they are)
                sites = Counter(d.places[0].country for d in drafts if d.own_place and d.places
                                and d.trigger.event_type in PLACED and d.places[0].country) or \
                    Counter(d.places[0].country for d in drafts if d.places and d.trigger.event_type in PLACED
                            and d.places[0].country)  # (else where the violence told was placed at all)
                site_country = country_place(sites.most_common(1)[0][0]) if sites else None
                if site_country is not None:
                    places, place_from = [site_country], "context"
            if not places and trigger.event_type == lx.STRATEGIC and main_country is not None:
                places, place_from = [main_country], "context"
            if not places and trigger.event_type in PLACED:
                # "gunmen stormed the community": the area the article's first event
                # was told at, rather than anywhere in the country
                site = next((d.places[0] for d in drafts if d.own_place and d.trigger.event_type in PLACED
                             and d.places[0].kind in ("admin1", "admin2", "populated_place", "site")), None)
                if site is not None and (sole_country is None or site.country == sole_country.country):
                    places, place_from = [site], "context"
            if not places and trigger.event_type in PLACED and sole_country is not None:
                places, place_from = [sole_country], "context"
            if not places and trigger.event_type in PLACED:
                # "The government of Madagascar imposed a curfew following protests": a country
                # the sentence names as no site of the event, before the words the lexicon knows
                # ("Madagascar's government ...": a possessor too, not an attacker's country)
                named = next((c.place for c in sorted(by_sentence.get(index, []), key=lambda c: c.mention.start)
                              if c.place.kind == "country" and c.mention.start not in attackers
                              and c.mention.label != "BORDER"),
                             None) or sentence_country(sentence, country_place, story_country=main_country)
                if named is not None:
                    places, place_from = [named], "context"
            if not places and trigger.event_type in PLACED and fallback_country is not None:
                # DESIGN §4: with no better place, the country at geo_precision 3
                places, place_from = [fallback_country], "context"
            if not places and keep_unplaced:
                places, place_from = [UNPLACED], "none"
            if not places:
                logger.debug("no place for %s in sentence %d", trigger.sub_event_type, index)
                continue
            date_value, precision, date_from, dated_by = resolve_event_date(sentence, trigger, drafts,
                                                                            published=published, lead=lead)
            caption = caption_start is not None and trigger.token.idx >= caption_start
            if date_from == "own" and precision == DAY and caption:
                date_from, precision = "report", WEEK  # the picture's day: the act on it or before it
            if date_from == "own" and published is not None and date_value is not None and \
                    date_value > published + timedelta(days=1):
                continue  # "a meeting of the border committee on Aug. 4": ahead of the report, not a happening
            offset = recalled_offset(trigger.token) if trigger.background and date_from != "own" else None
            if offset is not None:
                # "a day after one of the deadliest crackdowns": dated from the report's event
                base = next((d for d in reversed(drafts) if d.sentence_index == index and not d.trigger.background
                             and d.date_value is not None), None)
                # (with no event of the report's own here, the day the sentence gives: "India on
                # Wednesday suspended the treaty, a day after gunmen killed 26 people")
                anchor, anchor_precision = (base.date_value, base.date_precision) if base else (
                    day_outside(sentence, trigger.token, published=published) or published, DAY)
                source = base
                while source is not None and source.dated_by is not None and source.dated_by.date_value == anchor:
                    source = source.dated_by
                if source is not None and source is not base:
                    # the report's event dated by the sentences before ("One drone hit the airport, …
                    # two days after the base was first attacked"): that day, not a week around it
                    anchor_precision = source.date_precision
                if anchor is not None:
                    date_value, precision, date_from = anchor - timedelta(days=offset), anchor_precision, "own"
                    if MONTH_OFFSET_DAYS <= offset < 365:  # "two months after": the month only ("a year
                        # after" is an anniversary, to the day)
                        date_value, precision = date_value.replace(day=1), MONTH
            actor1, actor2 = find_actors(trigger)
            if trigger.event_type in (lx.REMOTE, lx.VAC) and actor1 and \
                    any(victim_actor(c) == actor1 for c in casualties if c.kind == "killed"):
                actor1, actor2 = "", actor1  # "Pak Army officer killed in IED blast": the victim's side
            draft = Draft(sentence, index, trigger, places, place_from, date_value, precision,
                          actor1, actor2, find_claim(sentence), date_from=date_from,
                          anaphor=anaphoric(trigger.token), reaction=reaction,
                          another=distinct_happening(trigger.token), restates=restates,
                          dated_by=dated_by if date_from == "previous" else None, caption=caption)
            if takes_casualties(trigger) and not is_sequel and not (
                    trigger.sub_event_type == "Abduction/forced disappearance" and any(
                        t.sub_event_type == "Attack" and t.token.lower_ in lx.REMAINS_WORDS for t in triggers)):
                # (the dead of "the bodies of 13 workers who were kidnapped" are the killing's)
                figures = recalled_figures if trigger.background else casualties
                if apart:
                    figures = own_figures(figures, trigger, [*triggers], sentence)
                if figures:
                    draft.tolls.append(toll_mention(sentence, figures, sentence_index=index, claim=claim))
                draft.claimed_by = claim or draft.claimed_by
                if not draft.actor2 and casualties:
                    draft.actor2 = victim_actor(casualties[0])
                    if draft.actor2 == draft.actor1:
                        draft.actor2 = ""
            drafts.append(draft)
        _localise_restated(restated, drafts[first_draft:], sentence, sentence_index=index)
        origin = next((d for d in drafts[first_draft:] if takes_casualties(d.trigger)), None)
        for verb, figures, candidate in splits if origin is not None else ():
            trigger = Trigger(verb, origin.trigger.event_type, origin.trigger.sub_event_type, origin.trigger.strong,
                              origin.trigger.background)
            split = Draft(sentence, index, trigger, [candidate.place], "locative", origin.date_value,
                          origin.date_precision, origin.actor1, victim_actor(figures[0]), origin.claimed_by,
                          date_from=origin.date_from, split_from=origin)
            split.tolls.append(toll_mention(sentence, figures, sentence_index=index, claim=claim))
            origin.split_off += sum(c.best for c in figures)
            drafts.append(split)
    if published is not None:
        # a mention dated to an older year ("a civil war that has raged since April 2023")
        # is dropped below; it must not take in the mentions told after it first
        drafts = [d for d in drafts if not (d.own_date and d.date_value.year < published.year - 1)]
    dates_told_later(drafts, all_sentences, published=published)
    happenings = group_mentions(drafts)
    untyped = typed_only_by_victims(happenings)
    if untyped is not None:  # (the headline is read only when a happening may take its weapon)
        headline = _headline_weapon([s for s in all_sentences if s.end_char <= body_start], published=published)
        if headline is not None:
            type_by_headline(untyped, *headline)
    if published is not None:
        # ANNOTATION: only events of the article's year or the year before are coded
        # ("the TTP ended its ceasefire in November 2022" told in 2025 is history)
        happenings = [h for h in happenings if h.dated().date_value is None
                      or h.dated().date_value.year >= published.year - 1]
    return emit_events(happenings, article=article)


def _localise_restated(restated: Sequence[tuple[Casualty, Draft]], new: Sequence[Draft], sentence: Span, *,
                       sentence_index: int) -> None:
    """"Missiles on Israel killed three.  …  Three people were killed in
    Beersheba": a toll told again at a place inside the one it was first told
    at (a country or province) moves to the report that places it."""
    for casualty, earlier in restated:
        if not earlier.places or KIND_LEVEL.get(earlier.places[0].kind, 4) < 3:
            continue
        here = next((d for d in new if takes_casualties(d.trigger) and d.own_place and len(d.places) == 1
                     and KIND_LEVEL.get(d.places[0].kind, 4) < 3
                     and d.places[0].country == earlier.places[0].country), None)
        if here is None:
            continue
        for i, toll in enumerate(earlier.tolls):
            kept = tuple(c for c in toll.casualties if (c.kind, c.best) != (casualty.kind, casualty.best))
            if len(kept) != len(toll.casualties):
                if kept:
                    earlier.tolls[i] = replace(toll, casualties=kept)
                else:
                    del earlier.tolls[i]
                here.tolls.append(toll_mention(sentence, [casualty], sentence_index=sentence_index))
                break


_SAME_PLACE_NOUNS = frozenset({"district", "area", "village", "town", "city", "province", "region", "locality",
                               "neighbourhood", "neighborhood", "place", "spot", "site"})


def _same_place(sentence: Span) -> bool:
    """Does the sentence place its event "in the same district" (or area,
    village, town ...) as one told before?"""
    return any(t.lower_ == "same" and t.head.lower_ in _SAME_PLACE_NOUNS and t.head.dep_ == "pobj"
               for t in sentence)


def _other_day(sentence: Span, trigger: Trigger, previous: Draft, *, published: date | None) -> bool:
    """Does the sentence date its event to a day of its own, other than the
    previous event's ("Missiles struck Tel Aviv on Thursday. It all started
    on Friday last week when Israel launched air strikes")?  Then it tells
    another happening, and the previous event's places are not its places."""
    own, reporting = sentence_date(sentence, trigger, published=published)
    if own is None or own.value is None or reporting or own.precision not in (DAY, MONTH):
        return False
    return _apart(own.value, own.precision, previous)


def _apart(value: date, precision: int, draft: Draft) -> bool:
    """Is a day (or a month, at month precision) another than the day or
    week a draft is dated to ("finalized in March" beside "signed on August
    8")?"""
    if draft.date_value is None or draft.date_precision not in (DAY, WEEK):
        return False
    if precision == MONTH:
        return (value.year, value.month) != (draft.date_value.year, draft.date_value.month)
    return abs((value - draft.date_value).days) > 1


# Verbs an event causes what follows with ("The attack triggered a conflict")
_CAUSING_VERBS = frozenset({"trigger", "spark", "prompt", "provoke", "cause", "lead", "unleash", "ignite", "fuel"})
# "The attack came weeks after 20 civilians were killed …": the attack told before, and when it was
_TIMING_VERBS = frozenset({"come", "follow"})


def _in_a_phrase(token: Token) -> bool:
    """Does the word hang on its clause's verb through a preposition ("within
    hours of the truce", "accused Pakistan of violating the agreement")?"""
    node = token
    for _ in range(6):
        if node.dep_ == "prep":
            return True
        if node.pos_ in ("VERB", "AUX") and node.i != token.i and node.dep_ not in ("pcomp", "acl"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _in_spans(doc: Doc, mention: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    """Does a place mention lie inside one of the token ranges?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(a <= span.start and span.end <= b for a, b in spans)


def _recalled_clause(triggers: Sequence[Trigger], sentence: Span) -> Span:
    """The clause that tells recalled events ("…, a year after deadly
    demonstrations culminated in the storming of parliament"), so that its own
    words type them, not those of the report's event; the sentence when the
    triggers do not share one such clause."""
    if not triggers:
        return sentence
    scope = recalled_scope(triggers[0].token)
    if scope is None or not all(scope[0] <= t.token.i < scope[1] for t in triggers):
        return sentence
    return sentence.doc[scope[0]:scope[1]]


def _here(trigger: Trigger) -> bool:
    """Does the trigger's clause say "here" (in a datelined report, the
    dateline's place): "agreed to a ceasefire, the prime minister said
    following a special meeting here"?"""
    sentence = trigger.token.sent
    return any(t.lower_ == "here" and t.dep_ == "advmod" for t in sentence)


def _the_town_told(token: Token) -> bool:
    """Is what the trigger hit "the city" or "the town" (one told before)?"""
    return token.pos_ == "VERB" and any(c.dep_ in ("nsubjpass", "dobj") and town_told_before(c) for c in token.children)


# Strategic events with no place of their own that sit where the article's events are
_FOCUS_PLACED = frozenset({"Arrests", "Disrupted weapons use"})


def _nearest(casualty: Casualty, triggers: Sequence[Trigger], sentence: Span) -> Trigger:
    """The trigger a figure belongs to: the innermost one whose phrase holds it
    ("attacked the village near al-Nahud, which they seized earlier this year,
    killing 32": the attack's), else the nearest one before it, else the nearest."""
    at = sentence.start_char + casualty.start
    span = sentence.doc.char_span(at, sentence.start_char + casualty.end, alignment_mode="expand")
    if span is not None:
        # (a trigger that is the subject of a verb holds what the verb does: "when a single
        # barrage killed 33 people")
        def phrase(t: Trigger) -> Token:
            head = t.token.head
            harm = t.token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in HARM_VERBS
            return head if harm else t.token

        holding = [t for t in triggers if in_subtree(span[0], phrase(t))]
        if holding:
            return min(holding, key=lambda t: phrase(t).right_edge.i - phrase(t).left_edge.i)
    return min(triggers, key=lambda t: (t.token.idx > at, abs(at - t.token.idx)))


_NAVIGATION = re.compile(r"^(?:[•·▪►»*]\s|.*\|\s*$)")


def _deal_of_other_day(sentence: Span, trigger: Trigger, scene: Place, drafts: Sequence[Draft], *,
                       published: date | None) -> bool:
    """Is a deal the sentence dates itself ("finalized in March 2025") of
    another day or month than the talks or deal told before at ``scene``
    (a deal with no venue of its own is not at another day's venue)?"""
    own, reporting = sentence_date(sentence, trigger, published=published)
    if own is None or own.value is None or reporting or own.precision not in (DAY, MONTH):
        return False
    return any(_apart(own.value, own.precision, d) for d in drafts
               if d.trigger.sub_event_type in ("Diplomacy", "Agreement") and scene in d.places)


def _headline_weapon(head: Sequence[Span], *,
                     published: date | None) -> tuple[tuple[str, str], set[int]] | None:
    """The one kind of remote violence the headline and standfirst name
    ("RSF drone strike on Sudan funeral kills 40 mourners"), with the
    killed figures they give; ``None`` when they name none, or several."""
    weapons: set[tuple[str, str]] = set()
    killed: set[int] = set()
    for sentence in head:
        for trigger in find_triggers(sentence, published=published, recalled=True):
            trigger = refine_trigger(trigger, sentence)
            if trigger.event_type == lx.REMOTE:
                weapons.add((trigger.event_type, trigger.sub_event_type))
        killed |= {c.best for c in facts_of(sentence, published=published).casualties if c.kind == "killed"}
    return (next(iter(weapons)), killed) if len(weapons) == 1 and killed else None


def _placed_here(token: Token) -> bool:
    """Is the event noun told with a place of its own ("the march in London")?"""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
        o.ent_type_ in ("GPE", "LOC", "FAC") for o in c.subtree) for c in token.children)


def _body_start(text: str, analysis: Analysis) -> int:
    """Where the report proper begins: at the dateline when there is one,
    else after a first line that looks like a headline (short, no final
    full stop)."""
    if analysis.dateline is not None:
        line_start = text.rfind("\n", 0, analysis.dateline.start) + 1
        return line_start
    # the headline, and the date and byline lines around it ("October 30, 2025 |
    # FDD's Long War Journal", repeated): short lines with no full stop before the
    # story, of which one only says what happened (a second is the standfirst)
    start, told, seen = 0, False, set()
    while (end := text.find("\n", start)) >= 0:
        line = text[start:end]
        key = line.strip()
        if key and key not in seen and not _NAVIGATION.match(key):
            # (a ticker or menu line of other stories, "• Cyclone Montha forms in Bay |", is passed over)
            if len(line) >= 200 or key.endswith((".", "!", "?", '"', "”")):
                break
            span = analysis.doc.char_span(start, start + len(line), alignment_mode="expand")
            says = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
            if says and told:
                break
            told = told or says
            seen.add(key)
        start = end + 1
    return start if start < len(text) else 0
