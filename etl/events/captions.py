"""Stage 3, article events, the part about a page's furniture: a wire
photo's caption ("People gather around a crater at the site of a strike in
Sanaa, Yemen April 21, 2025. (REUTERS)") dates the picture, not the story
(what it shows happened on that day or before it); a line or a list that
points to another article ("ALSO READ: …", "More To Read" and its items),
and whatever follows the wire's sign-off ("Reuters"), tell other stories.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from etl.spacy_model import doc_text, span_text

__all__ = ["LINK_LINE", "link_lists", "photo_caption", "story_end"]

# A wire photo's caption, written in the present with the day the picture was taken at
# its end and the credit after it ("People gather around a crater at the site of a
# strike in Sanaa, Yemen April 21, 2025. (REUTERS)", "... on March 19, 2025. Khaled
# Abdullah/Reuters"): the act it shows was on that day or before it.
_DAY_MONTH = (r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+[0-3]?\d|\b[0-3]?\d\s+"
              r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?),?\s+(?:19|20)\d\d")
_FULL_DATE_END = re.compile(_DAY_MONTH + r"\.?\s*(?P<credit>.*)$", re.I)
_FULL_DATE = re.compile(_DAY_MONTH + r"\b", re.I)
_PHOTO_CREDIT = re.compile(r"^(?:\([^()]*\b(?:reuters|afp|ap|epa|getty|anadolu|xinhua|photo)\b[^()]*\)|"
                           r"(?:reuters|afp|epa)/\S.*|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*/\s*"
                           r"(?:reuters|afp|ap|epa|getty images|anadolu)\b.*)$", re.I)
_BRACKETED_CREDIT = re.compile(r"\([^()]*\b(?:reuters|afp|ap photo|epa|getty images|anadolu|xinhua)\b[^()]*\)\s*$",
                               re.I)
# a credit told by its label after the caption, on its line ("Photograph: Niall Carson/PA Wire")
_CREDIT_LABEL = re.compile(r"^\W{0,3}\s*(?:photograph|photo|picture|image|photo credit)s?\s*:\s*\S", re.I)


def photo_caption(sentence: Span) -> int | None:
    """Where a wire photo's caption begins in the sentence (``None`` when it
    holds none): the sentence's last line, which ends with a full date, then
    a photo credit or nothing, and is told in the present (or has the
    credit); a dated line that ends on an agency's credit in brackets; or a
    sentence a labelled credit follows on its line.  (A headline with no
    full stop may run into the caption.)"""
    text = doc_text(sentence.doc)
    end = sentence.start_char + len(span_text(sentence).rstrip())
    start = max(sentence.start_char, text.rfind("\n", 0, end) + 1)
    line_end = text.find("\n", end)
    rest = text[start:line_end if line_end >= 0 else len(text)].rstrip()
    if _CREDIT_LABEL.match(text[end:line_end if line_end >= 0 else len(text)]):
        return start  # "... flared outside the Dublin hotel. Photograph: Niall Carson/PA Wire"
    bracketed = _BRACKETED_CREDIT.search(rest)
    if bracketed is not None and _FULL_DATE.search(rest, 0, bracketed.start()):
        # "... are seen in the town at dawn on July 24, 2025, in Chasiv Yar, Ukraine. (Kostiantyn
        # Liberov/Libkos/Getty Images)": a dated line that ends on a photo agency's credit in brackets
        return start
    ending = _FULL_DATE_END.search(rest)
    if ending is None:
        return None
    credit = ending.group("credit").strip()
    if credit and not _PHOTO_CREDIT.match(credit):
        return None
    line = sentence.doc.char_span(start, end, alignment_mode="expand")
    present = line is not None and any(t.tag_ in ("VBZ", "VBP") and t.dep_ == "ROOT" for t in line)
    return start if credit or present else None


# A line that points to another article ("ALSO READ: Washington talks start June 15").
_LINK_WORDS = (r"(?:also\s+read|read\s+also|read\s+more|more\s+to\s+read|further\s+reading|"
               r"related(?:\s+(?:stories|articles|news))?|"
               r"see\s+also|more\s+on\s+this(?:\s+story)?|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|"
               r"more\s+stories|trending(?:\s+now)?)")
LINK_LINE = re.compile(rf"\s*{_LINK_WORDS}\b\s*[:|-]", re.I)

# The same words as a heading over a list of other articles ("More To Read" then "- Eight
# killed in …" lines)
_LINK_LIST_HEAD = re.compile(rf"^[ \t]*{_LINK_WORDS}[ \t]*:?[ \t]*$", re.I | re.M)
_LIST_ITEM_LINE = re.compile(r"[ \t]*[-•*–][ \t]+\S[^\n]*(?:\n|$)")


def link_lists(text: str) -> list[tuple[int, int]]:
    """The character spans of lists of other articles' headlines under a
    heading of their own ("More To Read" and its "- …" lines)."""
    spans: list[tuple[int, int]] = []
    for head in _LINK_LIST_HEAD.finditer(text):
        pos = head.end() + 1 if text[head.end():head.end() + 1] == "\n" else head.end()
        start = pos
        while (item := _LIST_ITEM_LINE.match(text, pos)) is not None and item.end() > pos:
            pos = item.end()
        if pos > start:
            spans.append((head.start(), pos))
    return spans


# A line that signs off a wire story ("Reuters", "(AFP)", "— Associated Press", "(With inputs from
# agencies)"): what follows on the page is another story's teaser
_SIGN_OFF = re.compile(r"^[ \t]*[-—–(]*[ \t]*(?:Reuters|AFP|AP|Associated\s+Press|Agence\s+France[- ]Presse|"
                       r"Bloomberg|dpa|Xinhua|Anadolu(?:\s+Agency)?|With\s+inputs\s+from\s+agencies)[ \t]*[.)]*[ \t]*$",
                       re.M)
_SIGN_OFF_MIN_SHARE = 0.4


def story_end(text: str) -> int:
    """Where the story ends: the start of the line that signs it off, in the
    last part of the page, with more text after it; else the text's length."""
    for line in _SIGN_OFF.finditer(text):
        if line.start() >= _SIGN_OFF_MIN_SHARE * len(text) and text[line.end():].strip():
            return line.start()
    return len(text)
