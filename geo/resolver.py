"""Toponym resolution: pick one place per mention, using the article as context.

Pipeline position (after NER has produced ``Mention``s):

1. ``article_context``: which countries the article is about — country names
   and demonyms ("Pakistani", "Afghans") counted over the whole text.
2. Candidate retrieval: ``Gazetteer.lookup`` on the cleaned surface
   (possessive "'s" and a leading "the" removed); a capitalised demonym
   ("Russian", "Afghans") adds its country as a curated-strength candidate;
   a name with no match that ends in a generic feature word ("Colombo Port",
   "Nyanza Province") is looked up without it.
3. First ranking pass (``_rank``) without proximity.  Mentions whose winner is
   clear (margin >= ``ANCHOR_MARGIN``) and is a town, site or admin area become
   *anchors*.
4. Second pass with proximity to the anchors of the other mentions, then the
   status: "resolved", "ambiguous" (top two, more than ``SAME_PLACE_KM`` apart,
   within ``AMBIGUITY_MARGIN``), "not_found".  A name that only matched
   spelling variants or alternate names of small towns, whose best lies in a
   country the article never names (nor places clearly elsewhere in it) while
   it names others, is "not_found" ("Zharay" is no town in China in a report
   from Kandahar, "Bolan" no town in Antigua next to Balochistan).

Score of a candidate, in [0, 1]: a weighted mean of features, each in [0, 1]

=====================  ======  ==============================================
feature                weight  meaning
=====================  ======  ==============================================
name match             0.25    curated 1 > primary 0.8 > alternate 0.45; x0.7 variant
kind                   0.20    country 1, admin1/region/border .85, site .75,
                               admin2 .7, town .3 (+.15 national capital); a town
                               that is the seat of a same-named province
                               candidate nearby, with >= 10 % of its population,
                               takes the province's prior + .05 (Kabul,
                               Kandahar, Moscow: the city; Quebec: the
                               province); a national capital does so against
                               any same-named province ("Washington"); the
                               seat of a same-named district gets .45
size                   0.15    log10(population)/7, floored by kind
notability             0.10    number of names in the source (log scale)
article countries      0.15    mentions of the candidate's country / most
                               mentioned country; 0.5 for places in no country
proximity              0.15    exp(-d/300 km) to the nearest anchor (only when
                               the article has anchors)
"X in Y" / "X, Y"      0.20    1 when Y (a country, admin area or town) holds
                               the candidate, else 0 (only when there is a Y;
                               after a comma a town holds only what lies
                               within 50 km, and "X, Y" is no hint when the
                               comma separates list items)
list                   0.20    1 when the candidate lies in the country the
                               other items of its list share (only for items
                               of a list of three or more names)
=====================  ======  ==============================================

Context cues, read before ranking (``_cues``, with the text's words read by
:mod:`geo.text_cues`): a kind word next to the name
("Zhari district", "New York the state", "the city of Kandahar") replaces
the kind feature (the named kind 1, related kinds less, others 0.2) and the
seat rule; a chain of names joined by commas, "and", "or" is split into
addresses ("Springfield, Missouri": a comma joins X to Y only when Y, read
as the area it most likely names, holds an X, or when the pair is all there
is and Y is a country or an abbreviated state, "Aleppo, USA", "Holliday,
Mo.") and the rest is a list ("Alabama, California, Florida"), whose items
share the country that holds candidates of at least 3/4 of them; "X,
<country>" with no X in that country resolves to the country ("ambiguous").
A short all-capitals surface outside datelines and capitals lines is an
acronym ("BLA") and matches only curated and country names; a bare feature
word ("the Valley") matches only curated names.

then x0.8 when ``Boundaries`` says the point is not in the claimed country
(more than 10 km outside; logged at debug).  Features absent for a mention
(no anchors, no "in Y") are left out of the mean for all its candidates.

Border mentions ("Pakistan-Afghanistan border", "Afghan border", "border
between India and Pakistan", "Line of Control", "Durand Line") resolve to a
curated border place when the name is known, else to ``Boundaries.border`` of
the countries named in the surface; a single named country is paired with the
article's most mentioned country that shares a border with it.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.boundaries import Boundaries
from geo.gazetteer import Entry, Gazetteer, haversine_km
from geo.geocoders import (KIND_PRIOR, PRIMARY_NAME_SCORE, kind_score, name_match_score, notability_score,
                           prior_score, size_score)
from geo.initialisms import with_initialisms
from geo.name_forms import GENERIC_FEATURE_WORDS, lookup_name_forms
from geo.names import fold
from geo.records import Candidate, Mention, Place, Resolution, ResolutionStatus
from geo.text_cues import (
    AIRBASE_ENDINGS, ARTICLE_HINT, DEMONYM_KIND, DIVISION_AFTER, FRAME, HINT, IN_DIVISION, NO_CUES, OWNER, Cues,
    airbase_list_items,
    cued_kind_score, hint_word, is_acronym, kind_cue, locating, village_cue,
)
from geo.weak_matches import foreign_weak_match, quarter_elsewhere, weak

logger = logging.getLogger(__name__)

GEOCODER_NAME = "offline+context"
LOOKUP_LIMIT = 100
AMBIGUITY_MARGIN = 0.04
ANCHOR_MARGIN = 0.08
SAME_PLACE_KM = 60.0
SEAT_MAX_KM = 100.0
SEAT_MIN_SHARE = 0.1
SEAT_DWARF_RATIO = 10
ADMIN2_SEAT_BONUS = 0.15
BIG_CITY_POPULATION = 1_000_000
# a place the text calls a village is smaller than this ("the village of Kobe, about 30km from
# Gao" is not Kobe, Japan)
VILLAGE_MAX_POPULATION = 500_000
PROXIMITY_SCALE_KM = 300.0
HINT_TOWN_MAX_KM = 150.0
OUTSIDE_COUNTRY_FACTOR = 0.8
WEIGHTS = {"name": 0.25, "kind": 0.20, "size": 0.15, "notability": 0.10,
           "countries": 0.15, "proximity": 0.15, "hint": 0.20}
# Demonyms countryinfo lacks or spells differently; plural "-s" is handled in code.
EXTRA_DEMONYMS = {"afghan": "AFG", "saudi": "SAU", "emirati": "ARE", "turkish": "TUR",
                  "iranian": "IRN", "american": "USA", "british": "GBR", "indian": "IND",
                  "pakistani": "PAK", "russian": "RUS", "chinese": "CHN", "qatari": "QAT"}
# A feature word alone ("the Valley", "the Gulf", "the Coast") is a region the
# article has named in full elsewhere, never the town GeoNames has of that name.
BARE_FEATURE_WORDS = GENERIC_FEATURE_WORDS | frozenset({
    "gulf", "coast", "delta", "island", "islands", "peninsula", "desert", "mountains", "hills",
    "plains", "sea", "ocean", "river", "lake", "bay", "strait", "capital", "state", "border"})
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F.&'’-]*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_BORDER_WORDS = re.compile(r"\b(border|borders|frontier|boundary|line)\b", re.IGNORECASE)
# Between two names of a list: "A, B", "A and B", "A, B, and the C", "A/B".
_COMMA_SEPARATOR = re.compile(r"\s*,\s*")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:the\s+)?|(?:,\s*)?(?:and|or|&|/)\s*(?:the\s+)?)",
                             re.IGNORECASE)
LIST_MIN_SHARE = 0.75
_PLURAL_DIVISION = re.compile(r"\s+(?:districts|provinces|states|counties|regions|governorates|tehsils|"
                              r"municipalities|prefectures|departments)\b", re.I)
LIST_MIN_ITEMS = 3
CONTAINER_SCORE_MARGIN = 0.1
COMMA_TOWN_HINT_MAX_KM = 50.0


def _weak_outside(ranked: Sequence[_Scored], hint: Sequence[Entry] | None) -> bool:
    """Only weak matches, none inside the area the text puts the name in
    ("the Chatroo area of Kishtwar district": not Chatra, Jharkhand)."""
    return bool(hint) and bool(ranked) and all(
        weak(item.entry) and not any(_holds(h.place, item.entry.place) for h in hint or ()) for item in ranked)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the whole article says about where it is: country mention counts (ISO3 -> n)."""

    country_counts: dict[str, int]
    text: str = ""

    def country_share(self, iso3: str) -> float:
        """Mentions of ``iso3`` relative to the most mentioned country (0 when none)."""
        if not self.country_counts:
            return 0.0
        return self.country_counts.get(iso3, 0) / max(self.country_counts.values())

    def countries_by_count(self) -> list[str]:
        return [iso3 for iso3, _ in sorted(self.country_counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True, slots=True)
class _Scored:
    entry: Entry
    score: float
    reasons: tuple[str, ...]


def clean_surface(surface: str) -> str:
    """Strip possessive endings, a leading "the" and surrounding punctuation."""
    text = surface.strip().strip("\"“”‘’()[]{}:;,!?")
    text = _LEADING_THE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


class Resolver:
    """Resolves mentions to places with the gazetteer and article context."""

    def __init__(self, gazetteer: Gazetteer, *, boundaries: Boundaries | None = None) -> None:
        self._gazetteer = gazetteer
        self._boundaries = boundaries
        self._outside: dict[str, bool] = {}
        self._country_names = gazetteer.country_names()
        self._demonyms = {**gazetteer.demonyms(), **EXTRA_DEMONYMS}
        # Folded first words of every country name and demonym (plural too): a
        # cheap filter before the 1-4 word windows of ``article_context``.
        self._first_words = frozenset(
            [key.split()[0] for key in self._country_names if key]
            + [key.split()[0] for key in self._demonyms if key]
            + [key.split()[0] + "s" for key in self._demonyms if key])

    def demonyms(self) -> list[str]:
        """Every folded demonym the resolver maps to a country (the
        gazetteer's and ``EXTRA_DEMONYMS``)."""
        return list(self._demonyms)

    # ------------------------------------------------------------------ context

    def article_context(self, text: str) -> ArticleContext:
        """Count country names (1–4 word windows) and demonyms in ``text``."""
        counts: Counter[str] = Counter()
        words = _WORD.findall(text or "")
        first_words = self._first_words
        skip_until = 0
        for position in range(len(words)):
            if position < skip_until or fold(_POSSESSIVE.sub("", words[position])) not in first_words:
                continue
            for size in (4, 3, 2, 1):
                window = words[position:position + size]
                if len(window) < size:
                    continue
                iso3 = self._country_of_words(window)
                if iso3:
                    # "New Mexico", "New Jersey": a US state, not the country
                    if position == 0 or words[position - 1] != "New":
                        counts[iso3] += 1
                    skip_until = position + size
                    break
        return ArticleContext(country_counts=dict(counts), text=text or "")

    def _country_of_words(self, words: Sequence[str]) -> str | None:
        raw = " ".join(_POSSESSIVE.sub("", word) for word in words)
        key = fold(raw)
        if not key:
            return None
        # Short names ("US", "UK") count only when written in capitals, never "us".
        if len(key.replace(" ", "")) <= 3 and not raw.replace(".", "").isupper():
            return None
        iso3 = self._country_names.get(key)
        if iso3 is None and len(words) <= 2:
            iso3 = self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)
            if iso3 is not None and not raw[:1].isupper():
                return None
        return iso3

    # ------------------------------------------------------------------ public API

    def candidates(self, name: str, *, context: str = "", limit: int = 10) -> list[Candidate]:
        """Ranked candidates for ``name`` given free ``context`` text, read
        for country names only (no mentions needed).  To read a name in its
        text as ``sitrep extract`` does, resolve the text's mentions with
        :meth:`resolve` (``sitrep geocode`` does)."""
        article = self.article_context(context)
        scored = self._rank(clean_surface(name), article=article, anchors=(), hint=None)
        return [self._candidate(item) for item in scored[:limit]]

    def resolve(self, mentions: Sequence[Mention], *, text: str) -> list[Resolution]:
        """One Resolution per mention, same order."""
        article = self.article_context(text)
        try:
            cues = self._cues(mentions, text)
        except Exception:  # context cues are a refinement: never worth an article
            logger.exception("reading the context of %d mentions failed", len(mentions))
            cues = [NO_CUES] * len(mentions)
        cues = _owners_for_every_mention(mentions, cues)
        first: list[list[_Scored]] = []
        for mention, cue in zip(mentions, cues):
            try:
                first.append(self._rank(clean_surface(mention.surface), article=article,
                                        anchors=(), hint=self._hint_entries(mention, text, cues=cue)
                                        or self._frame_entries(mention, text), cues=cue))
            except Exception:  # one bad mention must not sink the article
                logger.exception("ranking failed for mention %r", mention.surface)
                first.append([])
        try:
            cues = self._with_list_countries(mentions, text, cues, first)
        except Exception:
            logger.exception("reading the lists of %d mentions failed", len(mentions))
        anchors = self._anchors(mentions, first)
        doubted = self._doubted_names(mentions, first, text, cues)
        resolutions = []
        for mention, ranked, cue in zip(mentions, first, cues):
            try:
                resolutions.append(self._resolve_one(mention, ranked, article=article,
                                                     anchors=anchors, text=text, cues=cue, doubted=doubted))
            except Exception:  # reported as status "failed", logged with its traceback
                logger.exception("resolution failed for mention %r", mention.surface)
                resolutions.append(Resolution(mention=mention, status="failed", place=None,
                                              candidates=()))
        return with_initialisms(resolutions)  # "LA" beside "Los Angeles" is the city

    # ------------------------------------------------------------------ context cues

    def _cues(self, mentions: Sequence[Mention], text: str) -> list[Cues]:
        """Per mention: the kind its neighbouring words name, whether "X, Y"
        may be read as X in Y, whether it is an acronym (see ``Cues``)."""
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        no_comma_hint: set[int] = set()
        for chain in self._chains(mentions, text, order):
            units = self._address_units(mentions, text, chain)
            if len(units) >= 2:  # a list: a comma separates items, it does not locate one in the next
                no_comma_hint.update(unit[-1] for unit in units)
        airbases = set(airbase_list_items(text))
        # a name the text once calls a village is that village wherever it recurs ("the village of
        # Kobe" ... "The attack at Kobe")
        villages = {fold(mention.surface) for mention in mentions if village_cue(text, mention)}
        cues = []
        for i, mention in enumerate(mentions):
            cues.append(Cues(kind=kind_cue(text, mention), comma_hint=i not in no_comma_hint,
                              airbase=(mention.start, mention.end) in airbases,
                              hint_is_comma=text[mention.end:mention.end + 3].lstrip(" ").startswith(","),
                              hint_is_in=text[mention.end:mention.end + 4] == " in ",
                              acronym=is_acronym(text, mention), owner_country=self._owner_country(text, mention),
                              village=fold(mention.surface) in villages))
        return cues

    def _owner_country(self, text: str, mention: Mention) -> str:
        """The country a possessive before the mention says it belongs to
        ("Peru's Congress", "South Sudan’s Fangak county", "Yemen’s western
        Hodeidah"): its ISO3 code, or ""."""
        match = OWNER.search(text, max(0, mention.start - 60), mention.start)
        if match is None:
            adjective = DEMONYM_KIND.search(text, max(0, mention.start - 60), mention.start)
            return (self._country_of_words([adjective.group(1)]) or "") if adjective else ""
        countries = [e.place for e in self._container_entries(match.group(1)) if e.place.kind == "country"]
        return countries[0].country if countries else ""

    @staticmethod
    def _chains(mentions: Sequence[Mention], text: str, order: list[int]) -> list[list[int]]:
        """Runs of mentions joined by list separators (comma, and, or, &, /)
        on one line, in text order; runs of one are left out."""
        chains: list[list[int]] = []
        current: list[int] = []
        previous: Mention | None = None
        for i in order:
            mention = mentions[i]
            between = " ".join(text[previous.end:mention.start].split()) if previous is not None else ""
            if previous is not None and previous.end <= mention.start and len(between) <= 12 and \
                    _LIST_SEPARATOR.fullmatch(" " + between + " "):
                current.append(i)
            else:
                if len(current) >= 2:
                    chains.append(current)
                current = [i]
            previous = mention
        if len(current) >= 2:
            chains.append(current)
        return chains

    def _address_units(self, mentions: Sequence[Mention], text: str, chain: list[int]) -> list[list[int]]:
        """Split a chain into addresses ("Springfield, Missouri", "Kabul,
        Afghanistan"): a plain comma joins X to the next name Y only when Y
        is an area that holds a place called X ("Alabama, California,
        Florida" and "Mexico, the US, and Canada" are lists)."""
        units = [[chain[0]]]
        pair = len(chain) == 2
        for a, b in zip(chain, chain[1:]):
            if _COMMA_SEPARATOR.fullmatch(text, mentions[a].end, mentions[b].start) and (self._contains(
                    mentions[b].surface, clean_surface(mentions[a].surface), pair=pair)
                    or self._unknown_in_division(mentions[a], mentions[b], text)):
                units[-1].append(b)
            else:
                units.append([b])
        return units

    def _unknown_in_division(self, inner: Mention, outer: Mention, text: str) -> bool:
        """"Nassir, Upper Nile state", "Brima Rashid, West Kordofan province": a name
        the gazetteer does not know, followed by an admin area written with the word
        for its division -- an address, not a list."""
        if not DIVISION_AFTER.match(text, outer.end) or any(
                not e.is_variant for e in self._lookup(clean_surface(inner.surface))):
            return False
        return any(c.kind in ("admin1", "admin2") for c in self._top_containers(clean_surface(outer.surface)))

    def _contains(self, outer: str, inner: str, *, pair: bool = False) -> bool:
        """Is ``outer``, read as the area it most likely names, the container
        of a place called ``inner``?  ("Springfield, Missouri", "Saint Louis,
        Mo."; but "California, Florida" is a list: the state of Florida holds
        no California, whatever a Brazilian Flórida may hold.)  ``pair``:
        the two names are all there is and ``outer`` is written as an address
        writes it, a country or an abbreviated state ("Aleppo, USA",
        "Holliday, Mo."): it then locates a finer name even when the
        gazetteer knows no such place there; a country name is never
        located so ("Syria, Iraq")."""
        containers = self._top_containers(clean_surface(outer))
        if not containers:
            return False
        entries = [e for e in self._lookup(inner) if not e.is_variant]
        if any(_holds(container, e.place) for container in containers for e in entries):
            return True
        if not pair or not locating(outer, containers):
            return False
        return not any(e.is_primary_name and (e.place.kind == "country" or (
            e.place.kind == "admin1" and all(c.kind != "country" for c in containers)))
            for e in entries)

    def _top_containers(self, name: str) -> list[Place]:
        """The areas a name most likely denotes as a container: its
        country, admin and region readings whose context-free score is
        within ``CONTAINER_SCORE_MARGIN`` of the best one's."""
        scored = [(prior_score(e)[0], e.place) for e in self._container_entries(name)
                  if e.place.kind in ("country", "admin1", "admin2", "region")]
        if not scored:
            return []
        best = max(score for score, _ in scored)
        return [place for score, place in scored if score >= best - CONTAINER_SCORE_MARGIN]

    def _container_entries(self, name: str) -> list[Entry]:
        """Places a hint word can name: primary and curated names, and for a
        short capitals word ("ON", "KP", "MO") the subdivision codes too."""
        entries = [e for e in self._gazetteer.lookup(name, limit=20)
                   if e.is_primary_name and not e.is_variant]
        if name.isupper() and len(name) <= 3:
            entries = [e for e in entries if e.is_curated or e.place.kind == "country"]
            entries += self._gazetteer.hint_code(name)
        return entries

    def _with_list_countries(self, mentions: Sequence[Mention], text: str, cues: list[Cues],
                             first: list[list[_Scored]]) -> list[Cues]:
        """The country each list shares (``_list_country``) on its items' cues."""
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        cues = list(cues)
        for chain in self._chains(mentions, text, order):
            units = self._address_units(mentions, text, chain)
            if len(units) < 2:
                continue
            # "London and Amsterdam": two names share nothing, unless a plural word for their
            # division follows ("in Poonch and Rajouri districts": two districts of one country)
            if len(units) < LIST_MIN_ITEMS and not _PLURAL_DIVISION.match(text, mentions[chain[-1]].end):
                continue
            heads = [unit[0] for unit in units if len(unit) == 1]  # an address has its own container
            country = _list_country([first[i] for i in heads])
            if country:
                for i in heads:
                    cues[i] = dataclasses.replace(cues[i], list_country=country)
        return cues

    # ------------------------------------------------------------------ stages

    def _resolve_one(self, mention: Mention, ranked_first: list[_Scored], *,
                     article: ArticleContext, anchors: list[tuple[str, Place]],
                     text: str, cues: Cues = NO_CUES,
                     doubted: Mapping[str, Entry | None] | None = None) -> Resolution:
        surface = clean_surface(mention.surface)
        is_border = mention.label == "BORDER" or (
            bool(_BORDER_WORDS.search(surface)) and not ranked_first)
        if is_border:
            border = self._border_resolution(mention, surface, article=article)
            if border is not None:
                return border
        own_key = fold(surface)
        other_anchors = tuple(place for key, place in anchors if key != own_key)
        hint = self._hint_entries(mention, text, cues=cues)
        # the area the sentence opens on ranks like a hint, but is no address: a name outside it
        # is still meant ("In Indian Kashmir, … Pakistan's army said")
        ranked = (self._rank(surface, article=article, anchors=other_anchors,
                             hint=hint or self._frame_entries(mention, text), cues=cues)
                  if ranked_first else [])
        if (cues.hint_is_comma or IN_DIVISION.match(text, mention.end)) and hint and mention.label != "BORDER" and all(
                weak(item.entry) and not any(_holds(h.place, item.entry.place) for h in hint) for item in ranked):
            # "in Nassir, Upper Nile state": a place the gazetteer does not know, in an area it does
            area = self._unknown_in_area(hint)
            if area is not None:
                return Resolution(mention=mention, status="ambiguous", place=area.place,
                                  candidates=(Candidate(place=area.place, score=0.5, geocoder=GEOCODER_NAME,
                                                        reasons=(f"a place in {area.place.name} the "
                                                                 "gazetteer does not know",), raw=area),))
        # a weak match in the country the text itself puts the name in ("Bint Jbeil, southern
        # Lebanon", "the southern Lebanese town of Bint Jbeil") is no foreign town, whatever
        # else the text's other names suggest
        placed_by_text = bool(ranked) and (cues.owner_country == ranked[0].entry.place.country or any(
            h.place.kind == "country" and h.place.country == ranked[0].entry.place.country for h in hint or ()))
        if not ranked or (not placed_by_text and foreign_weak_match(
                [item.entry for item in ranked], article.country_counts, anchors=other_anchors,
                division=bool(DIVISION_AFTER.match(text, mention.end)))):
            return Resolution(mention=mention, status="not_found", place=None, candidates=())
        if cues.kind == "quarter" and quarter_elsewhere([item.entry for item in ranked], other_anchors):
            # "the Shush neighborhood near Tehran's main Grand Bazaar": a quarter of a town the text is
            # about, not a town of that name elsewhere
            return Resolution(mention=mention, status="not_found", place=None, candidates=())
        doubted = doubted or {}
        outside_hint = _weak_outside(ranked, hint)
        if mention.label != "BORDER" and (outside_hint or (
                own_key in doubted and all(weak(item.entry) for item in ranked))):
            # "the Chatroo area of Jammu and Kashmir's Kishtwar district": a spelling variant of
            # a town outside the area the text puts the name in (Chatra, Jharkhand) is not meant,
            # there or anywhere else in the text ("in the Chatroo belt": the same area)
            area = self._unknown_in_area(hint or []) if outside_hint else doubted.get(own_key)
            if area is None:
                return Resolution(mention=mention, status="not_found", place=None, candidates=())
            return Resolution(mention=mention, status="ambiguous", place=area.place,
                              candidates=(Candidate(place=area.place, score=0.5, geocoder=GEOCODER_NAME,
                                                    reasons=(f"a place in {area.place.name} the "
                                                             "gazetteer does not know",), raw=area),))
        # "Aleppo, USA", "Blida in southern Lebanon" (the gazetteer knows only Algeria's Blida)
        in_country = cues.hint_is_in and any(h.place.kind == "country" for h in hint or ())
        outside = (self._outside_container(ranked, hint)
                   if (in_country or cues.hint_is_comma and hint and not ARTICLE_HINT.match(text, mention.end)
                       and locating(hint_word(mention, text), [h.place for h in hint])) else None)
        if outside is not None:
            return Resolution(mention=mention, status="ambiguous", place=outside.place,
                              candidates=(Candidate(place=outside.place, score=0.5, geocoder=GEOCODER_NAME,
                                                    reasons=(f"a place in {outside.place.name} the "
                                                             "gazetteer does not know",), raw=outside),))
        status = self._status(ranked)
        candidates = tuple(self._candidate(item) for item in ranked[:10])
        return Resolution(mention=mention, status=status, place=ranked[0].entry.place,
                          candidates=candidates)

    def _doubted_names(self, mentions: Sequence[Mention], ranked: Sequence[list[_Scored]], text: str,
                       cues: Sequence[Cues]) -> dict[str, Entry | None]:
        """Names the text places, somewhere, in an area that holds none of
        their weak matches (see ``_weak_outside``), with that area when it is
        one admin area: one name, one sense."""
        doubted: dict[str, Entry | None] = {}
        for mention, items, cue in zip(mentions, ranked, cues):
            if items and mention.label != "BORDER" and all(weak(item.entry) for item in items):
                try:
                    hint = self._hint_entries(mention, text, cues=cue)
                except Exception:  # a refinement: never worth the article
                    logger.exception("reading the hint of %r failed", mention.surface)
                    continue
                if hint and _weak_outside(items, hint):
                    key = fold(clean_surface(mention.surface))
                    if doubted.get(key) is None:
                        doubted[key] = self._unknown_in_area(hint)
        return doubted

    @staticmethod
    def _unknown_in_area(hint: list[Entry]) -> Entry | None:
        """The one admin area (province, district) an unknown name is placed
        in by "X, Y" (not a country: "Nassir, South Sudan" says too little)."""
        areas = {h.place.place_id: h for h in hint if h.place.kind in ("admin1", "admin2")}
        if len(areas) != 1 or any(h.place.kind == "populated_place" for h in hint):
            return None  # "X, Y" where Y is also a town: perhaps two items of a list
        return next(iter(areas.values()))

    @staticmethod
    def _outside_container(ranked: list[_Scored], hint: list[Entry] | None) -> Entry | None:
        """"Aleppo, USA": the text puts the name in an area (a country or
        admin area) where no candidate lies, so none of them is meant; the
        area itself is the best estimate of where the place is."""
        if not hint or ranked[0].entry.place.kind not in ("populated_place", "admin2", "site"):
            return None  # a region or province is no address's town ("Kashmir, Pakistan says")
        containers = [h for h in hint if h.place.kind in ("country", "admin1", "admin2")]
        if not containers or len({h.place.place_id for h in containers}) > 1:
            return None
        if any(_holds(h.place, item.entry.place) for h in hint for item in ranked):
            return None
        return containers[0]

    def _anchors(self, mentions: Sequence[Mention],
                 ranked: list[list[_Scored]]) -> list[tuple[str, Place]]:
        """Clearly resolved towns, sites and admin areas: (folded surface, place),
        each pair once (a name repeated through a long text is one anchor)."""
        anchors: dict[tuple[str, str], tuple[str, Place]] = {}
        for mention, items in zip(mentions, ranked):
            if not items or items[0].entry.place.kind in ("country", "border", "region"):
                continue
            if self._status(items, margin=ANCHOR_MARGIN) == "resolved":
                key = fold(clean_surface(mention.surface))
                anchors.setdefault((key, items[0].entry.place.place_id), (key, items[0].entry.place))
        return list(anchors.values())

    def _status(self, ranked: list[_Scored], *, margin: float = AMBIGUITY_MARGIN) -> ResolutionStatus:
        top = ranked[0]
        for other in ranked[1:]:
            if haversine_km(top.entry.place.lat, top.entry.place.lon,
                            other.entry.place.lat, other.entry.place.lon) <= SAME_PLACE_KM:
                continue  # the same place under another kind (city and its district)
            return "ambiguous" if top.score - other.score < margin else "resolved"
        return "resolved"

    def _hint_entries(self, mention: Mention, text: str, *, cues: Cues = NO_CUES) -> list[Entry] | None:
        """Places named right after the mention: "X in Y", "X, Y", "X near Y"
        ("X, Y" only when the comma does not separate two items of a list)."""
        if not text or mention.end > len(text):
            return None
        match = HINT.match(text[mention.end:mention.end + 80])
        if not match:
            return None
        is_comma = match.group(0).lstrip().startswith(",")
        if is_comma and not cues.comma_hint:
            return None
        words = match.group(1).split()
        owner = next((k for k, word in enumerate(words[:-1]) if word.endswith(("'s", "’s"))), None)
        if owner is not None:
            # "the Chatroo area of Jammu and Kashmir's Kishtwar district": the owned area is the finer
            words = words[owner + 1:]
        for size in range(len(words), 0, -1):  # longest known prefix ("Khyber Pakhtunkhwa")
            hint_name = clean_surface(" ".join(words[:size]))
            entries = [entry for entry in self._container_entries(hint_name)
                       if entry.place.kind in ("country", "admin1", "admin2", "populated_place", "region")]
            if not entries and size == len(words) and \
                    DIVISION_AFTER.match(text, mention.end + match.end(1)):
                # "in Masisi territory": the area under the name it is written with
                entries = [e for e in self._gazetteer.lookup(hint_name, limit=20)
                           if not e.is_variant and e.place.kind in ("admin1", "admin2")]
            named_division = DIVISION_AFTER.match(" " + " ".join(words[size:])) if size < len(words) else \
                DIVISION_AFTER.match(text, mention.end + match.end(1))
            if entries and named_division:
                # "Yelwata, Guma Local Government Area": the area, not a town of that name
                entries = [e for e in entries if e.place.kind in ("admin1", "admin2")] or entries
            if entries:
                return entries
        return None

    def _frame_entries(self, mention: Mention, text: str) -> list[Entry] | None:
        """The area the mention's sentence opens on ("In Indian Kashmir, …
        killed 10 in Poonch district": Poonch of Indian Kashmir when it has
        one), for a mention after it with no hint of its own."""
        window_start = max(0, mention.start - 300)
        frame = None
        for match in FRAME.finditer(text, window_start, mention.start):
            frame = match
        if frame is None or frame.end() > mention.start or re.search(r"[.!?]\s", text[frame.end():mention.start]):
            return None
        entries = [e for e in self._container_entries(clean_surface(frame.group(1)))
                   if e.place.kind in ("country", "admin1", "admin2", "region")]
        return entries or None

    def _demonym_entries(self, name: str) -> list[Entry]:
        """The country of a capitalised demonym ("Russian", "Afghans"), as a curated-name entry.

        Corpora and analysts place "Russian troops" and "the Turkish side" at
        the country; without this, "Russian" matches a town called Resen by
        spelling variant.
        """
        if not name[:1].isupper():
            return []
        key = fold(name)
        iso3 = self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)
        place = self._gazetteer.country(iso3) if iso3 else None
        if place is None:
            return []
        name_count = next((e.name_count for e in self._gazetteer.lookup(place.name, limit=20)
                           if e.place.place_id == place.place_id), 0)
        return [Entry(place=place, is_primary_name=True, is_curated=True, name_count=name_count)]

    def _lookup(self, name: str) -> list[Entry]:
        """Gazetteer entries for ``name``, or for a form of it the gazetteer
        knows (``geo.name_forms``)."""
        return lookup_name_forms(self._gazetteer, name, limit=LOOKUP_LIMIT)

    def _rank(self, name: str, *, article: ArticleContext, anchors: Sequence[Place],
              hint: list[Entry] | None, cues: Cues = NO_CUES) -> list[_Scored]:
        entries = self._lookup(name)
        if cues.airbase:
            # "strikes on four airbases: Belaya, ...": the air base, not the village of Belaya
            based = [e for ending in AIRBASE_ENDINGS for e in self._lookup(f"{name} {ending}")
                     if e.place.kind == "site" and not e.is_variant]
            entries = list({e.place.place_id: e for e in based}.values()) or entries
        demonym = self._demonym_entries(name)
        if demonym and not any(e.is_curated for e in entries):
            own = {e.place.place_id for e in demonym}
            entries = demonym + [e for e in entries if not e.is_variant and e.place.place_id not in own]
        if fold(name) in BARE_FEATURE_WORDS:  # "the Valley", "the Gulf": no town called Valley
            entries = [e for e in entries if e.is_curated]
        if cues.acronym:  # "BLA" is no town called Bla; "UK", "KP", "UAE" are curated names
            entries = [e for e in entries if e.is_curated or e.place.kind == "country"
                       or e.place.name.isupper()]
        if cues.village:
            entries = [e for e in entries if e.place.population < VILLAGE_MAX_POPULATION]
        if cues.owner_country:
            # "Peru's Congress": a place of Peru, not the town of Congress, Arizona; an area
            # two countries claim may still be meant ("India's Kashmir")
            inside = [e for e in entries if e.place.country == cues.owner_country]
            entries = inside or [e for e in entries if e.place.kind in ("region", "border")]
        if not entries:
            return []
        seat_priors = {} if cues.kind else self._seat_priors(entries)
        town_km = COMMA_TOWN_HINT_MAX_KM if cues.hint_is_comma else HINT_TOWN_MAX_KM
        weights = dict(WEIGHTS)
        if not anchors:
            weights.pop("proximity")
        if not hint:
            weights.pop("hint")
        if cues.list_country:
            weights["list"] = WEIGHTS["hint"]
        total_weight = sum(weights.values())
        scored = []
        for entry in entries:
            place = entry.place
            reasons: list[str] = []
            features = {
                # the seat of a same-named area, under an alternate name, is named as the area is
                "name": (name_match_score(entry) if place.place_id not in seat_priors or entry.is_primary_name
                         else max(name_match_score(entry), PRIMARY_NAME_SCORE)),
                "kind": (cued_kind_score(cues.kind, place.kind) if cues.kind
                         else seat_priors.get(place.place_id, kind_score(entry))),
                "size": size_score(entry),
                "notability": notability_score(entry),
                "countries": article.country_share(place.country) if place.country else 0.5,
            }
            reasons.append("curated name" if entry.is_curated else "primary name"
                           if entry.is_primary_name else "alternate name")
            if entry.is_variant:
                reasons.append("spelling variant")
            reasons.append(f"kind {place.kind}")
            if place.place_id in seat_priors:
                reasons.append("seat of the same-named area")
            if entry.is_capital:
                reasons.append("national capital")
            if place.population:
                reasons.append(f"population {place.population}")
            if place.country and features["countries"] > 0:
                reasons.append(f"country named in article ({place.country})")
            if "proximity" in weights:
                distance_km = min(haversine_km(place.lat, place.lon, a.lat, a.lon) for a in anchors)
                features["proximity"] = math.exp(-distance_km / PROXIMITY_SCALE_KM)
                reasons.append(f"{distance_km:.0f} km from other places of the article")
            if cues.kind:
                reasons.append(f"the text calls it a {cues.kind.replace('_', ' ')}")
            if "hint" in weights and hint:
                features["hint"] = 1.0 if any(_holds(h.place, place, town_km=town_km) for h in hint) else 0.0
                if features["hint"]:
                    reasons.append(f"in {hint[0].place.name} (\"X in Y\" / \"X, Y\")")
            if "list" in weights:
                features["list"] = 1.0 if place.country == cues.list_country else 0.0
                if features["list"]:
                    reasons.append(f"listed with other places in {cues.list_country}")
            score = sum(weights[key] * features[key] for key in weights) / total_weight
            if self._outside_claimed_country(place):
                score *= OUTSIDE_COUNTRY_FACTOR
                reasons.append("point outside the claimed country")
            scored.append(_Scored(entry=entry, score=round(min(1.0, max(0.0, score)), 4),
                                  reasons=tuple(reasons)))
        scored.sort(key=lambda item: (-item.score, -item.entry.place.population))
        return scored

    def _seat_priors(self, entries: list[Entry]) -> dict[str, float]:
        """Towns that are the seat of a same-named admin area among the candidates.

        "Kabul", "Kandahar", "Moscow", "Islamabad": the name denotes both a
        province and its capital; news means the city.  Such a town takes the
        area's kind prior plus 0.05.
        """
        areas = [e.place for e in entries if e.place.kind in ("admin1", "admin2") and e.is_primary_name]
        if not areas:
            return {}
        # Florida, Uruguay heads a department of 67,000 people; "Florida" is the
        # US state: a seat counts only when its province is not dwarfed by a
        # same-named province elsewhere.
        largest = max((a.population for a in areas if a.kind == "admin1"), default=0)
        areas = [a for a in areas if a.kind != "admin1" or a.population * SEAT_DWARF_RATIO >= largest]
        priors: dict[str, float] = {}
        for entry in entries:
            town = entry.place
            if town.kind != "populated_place":
                continue
            # "Jenin" is an alternate name of the town Janīn, in the governorate of Jenin: an
            # alternate spelling still names the seat of the area it lies in and shares (not a
            # shortening: "Oklahoma" is the state, not Oklahoma City)
            by_area_name = not (entry.is_primary_name or town.population >= BIG_CITY_POPULATION)
            for area in areas:
                if area.country != town.country or (by_area_name and (
                        fold(area.name) != fold(town.admin1) or len(area.name.split()) != len(town.name.split()))):
                    continue
                is_seat = (fold(area.name) in (fold(town.admin1), fold(town.admin2))
                           or haversine_km(area.lat, area.lon, town.lat, town.lon) <= SEAT_MAX_KM)
                # Quebec City is not what "Quebec" means: a seat counts only when
                # it is a sizeable part of its area.  A national capital
                # ("Washington") outranks a same-named province anywhere.
                if (is_seat and town.population >= SEAT_MIN_SHARE * area.population) or (
                        entry.is_capital and entry.is_primary_name):
                    # A district seat gets a modest lift only: thousands of towns
                    # head a same-named district ("Colombo", Paraná), few head a province.
                    prior = (KIND_PRIOR.get(area.kind, 0.0) + 0.05 if area.kind == "admin1"
                             or (entry.is_capital and entry.is_primary_name)
                             else KIND_PRIOR["populated_place"] + ADMIN2_SEAT_BONUS)
                    priors[town.place_id] = max(priors.get(town.place_id, 0.0), prior)
        return priors

    def _outside_claimed_country(self, place: Place) -> bool:
        """Memoised per place: a place's point and country never change."""
        known = self._outside.get(place.place_id)
        if known is None:
            known = self._outside[place.place_id] = self._check_outside(place)
        return known

    def _check_outside(self, place: Place) -> bool:
        if (self._boundaries is None or not place.country
                or place.kind not in ("populated_place", "admin1", "admin2", "site")
                or self._boundaries.geometry(place.country) is None):
            return False
        inside = self._boundaries.contains(place.country, place.lat, place.lon, tolerance_km=10)
        if not inside:
            logger.debug("%s (%s) at %.4f,%.4f lies outside %s", place.name, place.place_id,
                         place.lat, place.lon, place.country)
        return not inside

    def _candidate(self, item: _Scored) -> Candidate:
        return Candidate(place=item.entry.place, score=item.score, geocoder=GEOCODER_NAME,
                         reasons=item.reasons, raw=item.entry)

    # ------------------------------------------------------------------ borders

    def _border_resolution(self, mention: Mention, surface: str, *,
                           article: ArticleContext) -> Resolution | None:
        """A border mention: a known border name, else the countries named in it."""
        for entry in self._gazetteer.lookup(surface, limit=10):
            if entry.place.kind == "border" and not entry.is_variant:
                place = self._with_geometry(entry.place)
                return Resolution(mention=mention, status="resolved", place=place,
                                  candidates=(Candidate(place=place, score=1.0, geocoder=GEOCODER_NAME,
                                                        reasons=("known border name",), raw=entry),))
        named = self._countries_in(surface)
        partners = [iso3 for iso3 in article.countries_by_count() if iso3 not in named]
        status: ResolutionStatus = "resolved"
        pair: tuple[str, str] | None = None
        if len(named) >= 2:
            pair = (named[0], named[1])
        elif len(named) == 1:
            pair = next(((named[0], other) for other in partners
                         if self._border_place(named[0], other) is not None), None)
        else:
            counted = article.countries_by_count()
            pair = next(((a, b) for i, a in enumerate(counted) for b in counted[i + 1:]
                         if self._border_place(a, b) is not None), None)
            status = "ambiguous"
        if pair is None:
            return None
        place = self._border_place(*pair)
        if place is None:
            return None
        reasons = ("countries named in the mention",) if status == "resolved" else (
            "border of the article's most mentioned neighbouring countries",)
        return Resolution(mention=mention, status=status, place=place,
                          candidates=(Candidate(place=place, score=1.0 if status == "resolved" else 0.5,
                                                geocoder=GEOCODER_NAME, reasons=reasons),))

    def _countries_in(self, surface: str) -> list[str]:
        found: list[str] = []
        words = [word for part in re.split(r"[-–—/]", surface) for word in _WORD.findall(part)]
        position = 0
        while position < len(words):
            for size in (3, 2, 1):
                window = words[position:position + size]
                if len(window) == size:
                    iso3 = self._country_of_words(window)
                    if iso3:
                        if iso3 not in found:
                            found.append(iso3)
                        position += size
                        break
            else:
                position += 1
        return found

    def _border_place(self, iso3_a: str, iso3_b: str) -> Place | None:
        codes = sorted((iso3_a, iso3_b))
        place_id = f"border:{codes[0]}-{codes[1]}"
        curated = self._gazetteer.get(place_id)
        if self._boundaries is not None:
            derived = self._boundaries.border(iso3_a, iso3_b)
            if derived is None:
                return None
            return dataclasses.replace(curated, geometry=derived.geometry) if curated else derived
        return curated

    def _with_geometry(self, place: Place) -> Place:
        if place.geometry or self._boundaries is None or not place.place_id.startswith("border:"):
            return place
        codes = place.place_id.split(":", 1)[1].split("-")
        derived = self._boundaries.border(codes[0], codes[1]) if len(codes) == 2 else None
        return dataclasses.replace(place, geometry=derived.geometry) if derived else place


def _owners_for_every_mention(mentions: Sequence[Mention], cues: list[Cues]) -> list[Cues]:
    """One name, one sense: the country a text gives a name once ("near the
    central Syrian town of Palmyra") holds for its other mentions that give
    none ("on the outskirts of Palmyra"), unless the text gives the name two
    countries."""
    owners: dict[str, set[str]] = {}
    for mention, cue in zip(mentions, cues):
        if cue.owner_country:
            owners.setdefault(fold(clean_surface(mention.surface)), set()).add(cue.owner_country)
    if not owners:
        return cues
    out = []
    for mention, cue in zip(mentions, cues):
        owner = owners.get(fold(clean_surface(mention.surface)), set())
        out.append(dataclasses.replace(cue, owner_country=next(iter(owner)))
                   if not cue.owner_country and len(owner) == 1 else cue)
    return out


def _list_country(items: list[list[_Scored]]) -> str:
    """The country the items of a list share: the one holding a candidate of
    the most items (at least ``LIST_MIN_SHARE`` of those that are not
    countries themselves, and two), by total score; "" when none."""
    totals: dict[str, float] = {}
    coverage: Counter[str] = Counter()
    members = 0
    for ranked in items:
        if not ranked or ranked[0].entry.place.kind in ("country", "region", "border"):
            continue  # a country names itself
        members += 1
        best: dict[str, float] = {}
        for item in ranked:
            country = item.entry.place.country
            if country and country not in best:
                best[country] = item.score
        for country, score in best.items():
            totals[country] = totals.get(country, 0.0) + score
            coverage[country] += 1
    if members < 2 or not totals:
        return ""
    country = max(totals, key=lambda c: (coverage[c], totals[c]))
    return country if coverage[country] >= max(2, math.ceil(LIST_MIN_SHARE * members)) else ""


def _holds(container: Place, place: Place, *, town_km: float = HINT_TOWN_MAX_KM) -> bool:
    """Whether ``container`` (the Y of "X in Y") plausibly holds ``place``
    (a town Y: what lies within ``town_km``)."""
    if container.place_id == place.place_id or not place.country:
        return False
    if container.kind == "country":
        return container.country == place.country
    if container.country != place.country:
        return False
    if container.kind == "admin1":
        return fold(container.admin1 or container.name) == fold(place.admin1)
    if container.kind == "admin2":
        return fold(container.admin2 or container.name) == fold(place.admin2) or (
            haversine_km(container.lat, container.lon, place.lat, place.lon) <= HINT_TOWN_MAX_KM)
    return haversine_km(container.lat, container.lon, place.lat, place.lon) <= town_km
