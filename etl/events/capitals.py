"""Capitals a text names without their name: "Yemen's capital", "the Kenyan
capital", "the capital of Sudan", and the bare "the capital" of a report whose
sites are all in one country, and its seat of government ("stormed
parliament", "the presidential palace").  Each is the capital city of the country
(``Gazetteer.capital``); these helpers find the words and say whether the
capital is where something happened."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from etl import lexicon as lx
from etl.events.core import CountryLookup, HARM_VERBS
from etl.events.syntax import doc_sentences
from etl.nlp import Mention
from geo.records import Place


def _capital_head(doc: Doc, mention: Mention) -> Token | None:
    """The word "capital" a country name or adjective is said of ("Yemen's
    capital", "the Kenyan capital", "the capital of Sudan"), or ``None``."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.dep_ in ("poss", "amod", "compound") and root.head.lemma_.lower() == "capital":
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() == "capital":
        return root.head.head
    if root.dep_ in ("poss", "amod", "compound") and _legislature(root.head) and seat_locative(root.head):
        return root.head  # "outside Kenya's parliament", "in front of the Greek parliament building"
    return None


def _legislature(token: Token) -> bool:
    """"parliament", or a building named by it ("the parliament building")."""
    return token.lower_ in LEGISLATURES or (token.lower_ in ("building", "buildings", "house") and any(
        c.dep_ == "compound" and c.lower_ in LEGISLATURES for c in token.children))


def capital_named(doc: Doc, mention: Mention, place: Place | None,
                   capital_of: CountryLookup | None) -> tuple[Place | None, Token | None]:
    """The capital city a mention of its country names, and the word
    "capital" (see :func:`_capital_head`); ``(None, None)`` when it names none."""
    if capital_of is None or place is None or place.kind != "country":
        return None, None
    head = _capital_head(doc, mention)
    return (capital_of(place.country), head) if head is not None else (None, None)


def bare_capitals(doc: Doc, article_id: str) -> list[Mention]:
    """The words "the capital" that name no country and no city of their own
    ("Other strikes hit the capital as well"; not "the capital, Sanaa",
    "Yemen's capital", "the capital of Sudan", "the capital city Kyiv")."""
    out: list[Mention] = []
    sentence_of = {s.start: i for i, s in enumerate(doc_sentences(doc))}
    for token in doc:
        if token.lower_ != "capital" or token.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(c.dep_ in ("poss", "amod", "compound", "appos", "prep", "nmod") and (c.ent_type_ or c.pos_ == "PROPN"
               or c.lower_ == "of") for c in token.children) or token.i + 1 < len(doc) and doc[token.i + 1].lower_ in (
               ",", "city") and token.i + 2 < len(doc) and doc[token.i + 2].ent_type_:
            continue
        if capital_locative(token):
            out.append(_word_mention(token, article_id, sentence_of))
    return out


def _word_mention(token: Token, article_id: str, sentence_of: dict[int, int]) -> Mention:
    """A place mention of one word that names no place by itself ("the
    capital", "parliament")."""
    return Mention(article_id=article_id, start=token.idx, end=token.idx + len(token.text), surface=token.text,
                   sentence_index=sentence_of.get(token.sent.start, 0), label="GPE")


# A legislature named alone ("stormed parliament", "a protest outside Congress"), which a
# small town may be called after: its seat, never that town
LEGISLATURES = frozenset({"parliament", "congress"})


def _seat_word(token: Token) -> bool:
    """"parliament", "Congress", "the presidential palace": a seat of
    government the text names without its city ("a party congress" is a
    meeting)."""
    lower = token.lower_
    if lower in LEGISLATURES and (lower != "congress" or token.text == "Congress"):
        return not any(c.dep_ in ("poss", "compound", "amod") and (c.ent_type_ or c.pos_ == "PROPN")
                       for c in token.children)  # "Kenya's parliament" is the same; "Punjab's parliament" is not
    return lower == "palace" and any(c.lower_ == "presidential" for c in token.children)


def seats_of_government(doc: Doc, article_id: str) -> list[Mention]:
    """Where a text says something happened at its country's seat of
    government without naming the city ("protesters stormed parliament",
    "the convoy left the grounds of the presidential palace"): in the
    capital, as with :func:`bare_capitals`."""
    sentence_of = {s.start: i for i, s in enumerate(doc_sentences(doc))}
    return [_word_mention(token, article_id, sentence_of) for token in doc
            if _seat_word(token) and seat_locative(token)]


def seat_locative(head: Token) -> bool:
    """Is "the capital" or "parliament" where it happened ("strikes on the
    capital", "the storming of parliament", "the grounds of the presidential
    palace", "marched toward the presidential palace and tried to enter it")?"""
    return capital_locative(head) or (head.dep_ == "pobj" and head.head.lower_ == "of"
                                      and head.head.head.pos_ == "NOUN") or \
        (head.dep_ == "pobj" and head.head.lower_ in ("toward", "towards")) or \
        (head.dep_ == "dobj" and head.head.lemma_.lower() in _ENTERED)


# what a crowd does to a seat of government ("tried to enter the presidential palace")
_ENTERED = frozenset({"enter", "breach", "surround", "besiege", "occupy"})


def capital_locative(head: Token) -> bool:
    """Is "the capital" where it happened ("strikes near Yemen's capital",
    "outside a court in the capital's G-11 sector")?"""
    if head.dep_ == "poss" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i:
        head = head.head  # the capital's part: where the part is
    return (head.dep_ == "pobj" and head.head.lower_ in lx.LOCATIVE_PREPS) or \
        (head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in HARM_VERBS)
