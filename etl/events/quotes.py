"""Words in quotation marks that tell no event: a word quoted alone (a
“kidnapping”: someone's name for what happened) and what a crowd chanted or
wrote on its signs (banners reading “Fight the regent”, chanting “Death to the
dictator”)."""

from __future__ import annotations

import re

from spacy.tokens import Token

# A quotation and what it is ("…", "…", '…' is too often an apostrophe to pair)
_QUOTATION = re.compile(r"[“\"]([^”\"\n]{1,240})[”\"]")
# What was chanted or written, just before its quotation ("carried signs reading, “",
# "banners with messages such as “", "chanted “", "a sign that read, “")
_SLOGAN_BEFORE = re.compile(
    r"\b(?:chant\w*|shout\w*|slogans?|banners?|placards?|signs?|posters?|graffiti|messages?|read(?:ing|s)?)"
    r"(?:\s+(?:such as|like|that (?:read|said)|which (?:read|said)|saying|reading|including))?\s*[,:]?\s*$",
    re.I)
_SLOGAN_CUES = re.compile(r"\b(?:chant|shout|slogan|banner|placard|sign|poster|graffiti)", re.I)
_BEFORE_CHARS = 60
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*$")


def scare_quoted(token: Token) -> bool:
    """Is the word quoted alone (a “kidnapping”, a 'massacre'): someone's
    name for what happened, not a telling of it?"""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].is_quote and doc[token.i + 1].is_quote


def chanted_or_written(token: Token) -> bool:
    """Is the word inside a slogan a crowd chanted or carried ("banners
    with messages such as “Let's fight the arrogant regent”")?"""
    sentence = token.sent
    text = sentence.text
    at = token.idx - sentence.start_char
    first, last_end = 0, -1
    for quotation in _QUOTATION.finditer(text):
        if last_end < 0 or not _LIST_GAP.match(text[last_end:quotation.start()]):
            # (a quotation not the next of a list: "such as “Take down the Regent”, “Let's fight …”")
            first = quotation.start()
        last_end = quotation.end()
        if quotation.start(1) <= at < quotation.end(1):
            before = text[max(0, first - _BEFORE_CHARS):first]
            return bool(_SLOGAN_BEFORE.search(before)) and bool(_SLOGAN_CUES.search(before))
    return False
