"""Numbers as news reports write them: digits ("23", "1,200"), words
("Twenty-three", "two dozen", "one hundred and five") and vague quantities
("dozens" 24..99, "scores" 40..99, "several" 3..9, "hundreds" 200..999),
with qualifiers ("more than", "up to", "between"): the regular expression
:data:`NUMBER` that finds them in a sentence and :func:`parse_number` that
reads one (``etl.casualties`` reads casualty figures with them, the tally
rules read counted happenings)."""

from __future__ import annotations

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
# Vague quantities: (low, high).
_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "several": (3, 9), "a few": (2, 5),
    "hundreds": (200, 999), "thousands": (2000, 9999), "a dozen": (12, 12),
    "a handful": (2, 5), "a couple": (2, 2), "a couple of": (2, 2), "a score of": (20, 20),
}

_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
_WORD_NUMBER = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_VAGUE_RE = r"dozens|scores|several|hundreds|thousands|a\s+dozen|a\s+handful|a\s+couple(?![\'’]s\b)(?:\s+of)?|a\s+few|a\s+score\s+of"
_BASE = rf"(?:(?:{_DIGITS}|{_WORD_NUMBER})(?:\s+dozen)?(?!\w)|{_VAGUE_RE})"  # not "hundred" of "hundreds"
BASE_NUMBER = _BASE  # one number, no named groups (for patterns that repeat it)
QUAL = (r"(?P<qual>more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|nearly|almost|"
        r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|about|around|approximately|some|"
        r"roughly|an\s+estimated|at\s+most|no\s+fewer\s+than|no\s+less\s+than)\s+")
NUMBER = (rf"(?:{QUAL})?(?:between\s+)?(?P<n1>{_BASE})"
          rf"(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{_BASE}))?(?:\s+or\s+more)?")


def parse_number(phrase: str) -> tuple[int, int | None] | None:
    """``(low, high)`` for a number phrase; ``high`` is ``None`` when open.

    >>> parse_number("Twenty-three")
    (23, 23)
    >>> parse_number("dozens")
    (24, 99)
    """
    p = " ".join(phrase.lower().replace("-", " ").split())
    if not p:
        return None
    if p in _VAGUE:
        return _VAGUE[p]
    p_compact = p.replace(",", "")
    dozen = 1
    if p_compact.endswith(" dozen"):
        dozen = 12
        p_compact = p_compact[: -len(" dozen")]
    if p_compact.isdigit():
        value = int(p_compact) * dozen
        return value, value
    total = 0
    current = 0
    previous = ""
    for word in p_compact.split():
        if word == "and":
            if previous not in ("hundred", "thousand"):
                return None  # "three and six" is a range, not 9
            previous = word
            continue
        previous = word
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    value = (total + current) * dozen
    return value, value
