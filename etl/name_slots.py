"""Where the parse says place: names the small model did not tag as places,
found by the words and slots around them ("in Datta Khel village", "Gnagna
province", "near Pahalgam", "the city of Sumy", "the capital Rabat"), and a
name read as a place wherever the text writes it again (``named_again``).
Plain functions over a parsed ``Doc``; :class:`etl.nlp.Analyzer` calls them."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Span

from etl import toponyms
from etl.spacy_model import doc_text


def names_division(ent: Span) -> bool:
    """A name the model calls a person or an organisation, followed by the
    word for the division it names ("in eastern Gnagna province", "Kurram
    district"), or its possessor in a place phrase ("in Kurram's Shalozan
    area"): a place."""
    doc = ent.doc
    words = [t.lower_ for t in ent]
    if 2 <= len(words) <= 5 and words[0] not in _LGA_WORDS and ent[0].is_title and (
            words[-1] in toponyms.DIVISION_NOUNS - {"region"} or words[-3:] == ["local", "government", "area"]):
        # the division word inside the name: "Guma Local Government Area", "Bokkos LGA"
        return True
    if ent.end >= len(doc) or len(ent) > 3:
        return False
    after = doc[ent.end]
    if not all(t.is_title or t.is_upper for t in ent):
        return False
    if after.lower_ in ("'s", "’s") and ent.root.dep_ == "poss":
        # "in Kurram's Shalozan area": the possessor of a place noun that is where something is
        held = ent.root.head
        return held.lower_ in toponyms.DIVISION_NOUNS | _HELD_PARTS and held.dep_ == "pobj" \
            and held.head.lower_ in ("in", "near", "at")
    if ent.root.dep_ not in ("compound", "nmod") or ent.root.head.i < after.i or ent.root.head.i - after.i > 2 or \
            any(t.dep_ != "amod" for t in doc[after.i:ent.root.head.i]):
        return False
    # "in the Khan Younis area": a name before the word for a part of a
    # place, where something is ("the Bajaur tribal district": a word may describe it)
    # ("strikes in Sokoto state, Nigeria": "state", a word of other senses, only where something is)
    division = ent.root.head
    return division.lower_ in toponyms.DIVISION_NOUNS or (
        division.lower_ in toponyms.AREA_NOUNS | {"state"} and division.dep_ == "pobj"
        and division.head.lower_ in toponyms.LOCATIVE_PREPS)


_LGA_WORDS = frozenset({"local", "government", "area", "the"})
# Parts of a district its name holds ("in Kupwara's Machil sector", "in Bajaur's Mamund area")
_HELD_PARTS = frozenset({"area", "valley", "sector", "belt", "forest", "forests", "outskirts", "hills"})



# The words after a settlement's name ("Pahalgam town", "Datta Khel village").
_SETTLEMENT_WORDS = frozenset({"town", "village", "city", "tehsil", "district", "valley", "subdivision", "territory",
                               "county", "township", "municipality", "commune", "governorate"})


# "Guma Local Government Area", "Guma local government area", "Bokkos LGA": Nigeria's districts,
# named before the words
_LGA_NAME = re.compile(r"\b([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?) "
                       r"(?:[Ll]ocal [Gg]overnment [Aa]rea|[Ll]ocal [Gg]overnment|LGA)\b")


def named_settlements(doc: Doc, taken: Collection[int]) -> list[tuple[int, int, str]]:
    """Title-case proper nouns (outside any entity) compounded with a
    settlement noun ("Pahalgam town", "Datta Khel village"), named after
    "the city/town/village of" ("in the city of En Nahud"), or named before
    the words for a local government area."""
    spans = []
    text = doc_text(doc)
    for match in _LGA_NAME.finditer(text) if "LGA" in text or "ocal" in text else ():
        span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        # (also inside an organisation's name: "Bassa Local Government Area of Plateau State" read as one)
        if span is not None and not any(t.i in taken and t.ent_type_ != "ORG" for t in span) and \
                span[0].lower_ not in ("the", "a"):
            spans.append((match.start(1), match.end(1), "GPE"))
    for token in doc:
        head = token.head
        if token.dep_ != "compound" or head.lemma_.lower() not in _SETTLEMENT_WORDS or head.i != token.i + 1:
            continue
        start = token.i
        while start - 1 >= 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == head.i:
            start -= 1
        words = doc[start:token.i + 1]
        if any(t.i in taken and t.ent_type_ != "NORP" for t in words) or \
                not all(t.pos_ == "PROPN" and t.is_title for t in words):
            # (a name the model calls a nationality, "Masisi territory", is still the territory's)
            continue
        if _name_goes_on_before(doc, words.start):
            continue  # "Nad ‘Ali district", "Sar-e Pul": only the end of a longer name
        spans.append((words.start_char, words.end_char, "GPE"))
    for token in doc:
        head = token.head
        if token.dep_ != "pobj" or head.lower_ != "of" or head.head.lemma_.lower() not in _SETTLEMENT_WORDS or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in head.head.children):
            continue
        start = token.i
        while start - 1 > head.i and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start:token.i + 1]
        if start != head.i + 1 or any(t.i in taken for t in words) or \
                not all(t.pos_ == "PROPN" and t.is_title for t in words):
            continue
        spans.append((words.start_char, words.end_char, "GPE"))
    return spans


def towns_in_place_slots(doc: Doc, taken: Collection[int], names: Collection[str],
                          person_words: Collection[str]) -> list[tuple[int, int, str]]:
    """Title-case proper nouns outside any entity that are the object of
    "in/near/at/outside" ("near Pahalgam", "in Mir Ali") and name a town of
    the gazetteer."""
    spans = []
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in _TOWN_SLOT_PREPS or token.pos_ != "PROPN" or \
                not token.is_title or token.i in taken:
            continue
        start = token.i
        while start - 1 >= 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i and \
                doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
            start -= 1
        words = doc[start:token.i + 1]
        if any(t.i in taken for t in words) or all(t.lower_ in person_words for t in words) or \
                (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            continue
        if words.text.lower() in names:
            spans.append((words.start_char, words.end_char, "GPE"))
    return spans


_TOWN_SLOT_PREPS = frozenset({"in", "near", "at", "outside"})


# Settlement nouns said of a name that follows them ("the capital Rabat", "tourist hub Marrakech")
_DESCRIBED_SETTLEMENTS = toponyms.SETTLEMENT_NOUNS


def described_settlement(ent: Span) -> bool:
    """A name the settlement noun before it describes ("the capital Rabat",
    "tourist hub Marrakech", "the port city Tangier"), whatever the model
    called it; or the name a place noun is "of" ("the island of Mauritius");
    or a name a settlement noun stands beside ("Bukavu, the capital of the
    South Kivu province", "Tora, a village in North Darfur")."""
    if any(c.dep_ == "appos" and c.i >= ent.end and c.lemma_.lower() in _DESCRIBED_SETTLEMENTS
           for c in ent.root.children):
        return True
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    if before.lower_ == "of" and ent.root.dep_ == "pobj" and ent.root.head.i == before.i:
        # "the city of Ternopil", "the Indian Ocean island of Mauritius"
        return before.head.lemma_.lower() in _DESCRIBED_SETTLEMENTS | {"island"}
    return before.dep_ == "compound" and before.lemma_.lower() in _DESCRIBED_SETTLEMENTS and \
        before.head.i in range(ent.start, ent.end)


def _name_goes_on_before(doc: Doc, start: int) -> bool:
    """Does the name beginning at token ``start`` begin earlier ("Nad ‘Ali",
    "Sar-e Pul", "Kash Rod")?  A possessive before it ("Kashmir's") ends
    another name."""
    if start == 0:
        return False
    before = doc[start - 1]
    if not before.whitespace_ or before.text in ("-", "‘", "’", "'") or "-" in before.text:
        return True
    if before.tag_ == "POS":
        return False
    return before.pos_ == "PROPN" or (before.i >= 1 and doc[before.i - 1].text == "-")


def is_locative_object(ent: Span) -> bool:
    """A one- or two-word name that is the object of "in/near/at …" or names
    a settlement ("the city of Sumy") and is not a possessor: almost always
    a place the model did not know."""
    root = ent.root
    head = root.head
    if len(ent) <= 2 and root.dep_ == "appos" and head.lemma_.lower() in toponyms.SETTLEMENT_NOUNS and \
            all(t.is_title or t.is_upper for t in ent):
        return True  # "the rebel-held capital, Sanaa", "the border town, Chaman"
    inner = ent[1:-1]
    joined = {t.i for t in inner if t.lower_ in _NAME_PARTICLES}  # "Santo Domingo de los Tsachilas"
    return (
        len([t for t in ent if t.text != "-" and t.lower_ not in _ARTICLES and t.i not in joined])
        <= (3 if joined else 2)
        and root.dep_ == "pobj"
        and (head.lower_ in toponyms.LOCATIVE_PREPS
             or (head.lower_ == "of" and head.head.lemma_.lower() in toponyms.SETTLEMENT_NOUNS)
             # "in the outskirts of Manbij", "struck the centre of Kramatorsk": a part of a town,
             # where something happened
             or (head.lower_ == "of" and head.head.lower_ in _TOWN_PARTS and (
                 (head.head.dep_ == "pobj" and head.head.head.lower_ in toponyms.LOCATIVE_PREPS)
                 or head.head.dep_ in ("dobj", "nsubjpass"))))
        and not any(child.dep_ == "case" for child in root.children)
        and all(t.is_title or t.is_upper or t.text == "-" or t.i in joined or (t.lower_ in _ARTICLES and t.i < root.i)
                or (t.i > ent.start and ent.doc[t.i - 1].text == "-")  # "in Bani-bangou"
                for t in ent)
    )


# Parts of a town named "of" it ("the outskirts of Manbij", "the centre of Izium")
_TOWN_PARTS = frozenset({"outskirts", "outskirt", "suburbs", "suburb", "centre", "center", "heart", "edge",
                         "periphery", "vicinity", "environs", "countryside"})


# Lower-case words inside Romance place names ("Santo Domingo de los Tsachilas", "Nioro du Sahel").
_NAME_PARTICLES = frozenset({"de", "del", "la", "las", "los", "do", "da", "dos", "das", "du", "des", "di"})


# Arabic articles written in lower case before a place's name ("the key town of al-Nahud").
_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az"})




# Titles of an area's head written after the area's name ("Zaporizhzhia Gov. Ivan Fedorov",
# "Kharkiv Governor Oleh Syniehubov", "Kyiv Mayor Vitali Klitschko")
_AREA_HEADS = frozenset({"gov.", "gov", "governor", "mayor"})


def names_office_area(ent: Span) -> bool:
    """A one- or two-word name right before the title of its head
    ("Zaporizhzhia Gov. Ivan Fedorov"): the area the official runs."""
    doc = ent.doc
    return len(ent) <= 2 and ent.end < len(doc) and doc[ent.end].lower_ in _AREA_HEADS and \
        all(t.is_title for t in ent)


def named_again(doc: Doc, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One sense per article, for names of two words or more: each other
    place in the text where a name it reads as a place is written again
    ("in the city of En Nahud", then "seized the En Nahud prison", "east of
    En Nahud", where the model saw no name or half of one), unless a
    longer name the model read holds it ("the New York Times")."""
    text = doc_text(doc)
    names = {text[s:e] for s, e, label in spans if label in ("GPE", "LOC") and " " in text[s:e].strip()
             and all(word[:1].isupper() for word in text[s:e].split())}
    taken = [(s, e) for s, e, _ in spans]
    # a longer name the model read that holds it ("the New York Times", "Mohammed Gaza")
    holders = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ not in ("GPE", "LOC")]
    found = []
    for name in sorted(names):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            a, b = match.span()
            if any(s < b and a < e for s, e in taken) or any(s <= a and b <= e and (s, e) != (a, b)
                                                            for s, e in holders):
                continue
            found.append((a, b, "GPE"))
    return found
