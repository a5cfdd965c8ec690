"""Name normalisation shared by the gazetteer index and its lookups.

Two keys are computed for every name:

``fold(name)``
    Accent-folded, case-folded, punctuation-tolerant form: "Kandahār" ->
    "kandahar", "U.S." -> "us", "J&K" -> "j and k", "Dera Ismail-Khan" ->
    "dera ismail khan".  Only names whose folded form is plain Latin
    ([a-z0-9 ]) are indexed; anything else folds to "" (Urdu, Dari, Cyrillic…
    names are out of scope for the English-language pipeline).

``variant_key(folded)``
    A deliberately modest transliteration key for spelling variants of
    South/Central Asian names romanised from Perso-Arabic script: "y" -> "i",
    "ou"/"oo" -> "u", "ee" -> "i", "q" -> "k", doubled letters collapsed, and
    every vowel after the first letter of a word treated as the same vowel.
    "Peshawer" and "Peshawar", "Khyber Pakhtoonkhwa" and "Khyber Pakhtunkhwa",
    "Khaibar" and "Khyber" share a key, and so do the Arabic article's two
    romanisations, "Al Fasher" and "El Fasher" (the word "el" is read as "al").  Only primary and curated names are
    indexed by this key (GeoNames alternates are spelling variants already);
    variant matches are used only when no exact folded match exists (see
    ``Gazetteer.lookup``), and the resolver scores them lower.  ``tests/bench/bench_gazetteer.py`` reports how much the
    key merges (mean places per key).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose into ASCII + combining marks.
_SPECIAL_LETTERS = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
    "þ": "th", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ı": "i", "ħ": "h", "ŧ": "t",
})
# Characters that vanish (apostrophes, ayn/hamza signs, dots of abbreviations).
_DROPPED = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u0060.]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LATIN_FOLDED = re.compile(r"[0-9a-z]+(?: [0-9a-z]+)*")
_VOWELS_RUN = re.compile(r"(?<=[a-z])[aeiou]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# The Arabic article, romanised "el" as often as "al" ("El Fasher", "Al Fasher"),
# and written assimilated to a following sun letter ("An Nuhud" for "al-Nahud",
# "Ash Shifa", "Ar Raqqa").
_ARABIC_ARTICLE = re.compile(r"\bel\b|\ba(?=(sh|th|dh|[tdrzsn]) \1)[a-z]{1,2}\b")
MAX_NAME_CHARS = 200


@functools.lru_cache(maxsize=1 << 17)
def fold(name: str) -> str:
    """Folded key of ``name``; "" when it is empty, too long or not Latin script.

    Memoised: the resolver folds every word of every article (a few thousand
    distinct words), and ASCII text skips the Unicode decomposition."""
    if not name or len(name) > MAX_NAME_CHARS:
        return ""
    if name.isascii():
        text = name
    else:
        text = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROPPED.sub("", text.casefold()).replace("&", " and ")
    if not text.isascii():
        return ""
    folded = _NON_ALNUM.sub(" ", text).strip()
    return folded if _LATIN_FOLDED.fullmatch(folded) else ""


def unaccented(name: str) -> str:
    """``name`` as a text without diacritics writes it ("Mocímboa da Praia" ->
    "Mocimboa da Praia", "Łódź" -> "Lodz"): case, spaces and punctuation
    kept; "" when the result is not ASCII (another script)."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", "".join(
        ch.translate(_SPECIAL_LETTERS).capitalize() if ch.isupper() else ch.translate(_SPECIAL_LETTERS)
        for ch in name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text if text.isascii() else ""


def variant_key(folded: str) -> str:
    """Looser transliteration key of an already folded name ("" stays "")."""
    if not folded:
        return ""
    text = _ARABIC_ARTICLE.sub("al", folded).replace("y", "i").replace("q", "k")
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    text = _DOUBLED.sub(r"\1", text)
    text = _VOWELS_RUN.sub("a", text)
    return text.replace(" ", "")
