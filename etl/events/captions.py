"""Stage 3, article events, the part about wire photos' captions: a line
that shows a picture ("People gather around a crater at the site of a
strike in Sanaa, Yemen April 21, 2025. (REUTERS)") dates the picture, not
the story; what it shows happened on that day or before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from etl.spacy_model import doc_text, span_text

__all__ = ["photo_caption"]

# A wire photo's caption, written in the present with the day the picture was taken at
# its end and the credit after it ("People gather around a crater at the site of a
# strike in Sanaa, Yemen April 21, 2025. (REUTERS)", "... on March 19, 2025. Khaled
# Abdullah/Reuters"): the act it shows was on that day or before it.
_FULL_DATE_END = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+[0-3]?\d|\b[0-3]?\d\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?),?\s+(?:19|20)\d\d\.?\s*(?P<credit>.*)$",
    re.I)
_PHOTO_CREDIT = re.compile(r"^(?:\([^()]*\b(?:reuters|afp|ap|epa|getty|anadolu|xinhua|photo)\b[^()]*\)|"
                           r"(?:reuters|afp|epa)/\S.*|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*/\s*"
                           r"(?:reuters|afp|ap|epa|getty images|anadolu)\b.*)$", re.I)
# a credit told by its label after the caption, on its line ("Photograph: Niall Carson/PA Wire")
_CREDIT_LABEL = re.compile(r"^\W{0,3}\s*(?:photograph|photo|picture|image|photo credit)s?\s*:\s*\S", re.I)


def photo_caption(sentence: Span) -> int | None:
    """Where a wire photo's caption begins in the sentence (``None`` when it
    holds none): the sentence's last line, which ends with a full date, then
    a photo credit or nothing, and is told in the present (or has the
    credit); or a sentence a labelled credit follows on its line.  (A
    headline with no full stop may run into the caption.)"""
    text = doc_text(sentence.doc)
    end = sentence.start_char + len(span_text(sentence).rstrip())
    start = max(sentence.start_char, text.rfind("\n", 0, end) + 1)
    line_end = text.find("\n", end)
    rest = text[start:line_end if line_end >= 0 else len(text)].rstrip()
    if _CREDIT_LABEL.match(text[end:line_end if line_end >= 0 else len(text)]):
        return start  # "... flared outside the Dublin hotel. Photograph: Niall Carson/PA Wire"
    ending = _FULL_DATE_END.search(rest)
    if ending is None:
        return None
    credit = ending.group("credit").strip()
    if credit and not _PHOTO_CREDIT.match(credit):
        return None
    line = sentence.doc.char_span(start, end, alignment_mode="expand")
    present = line is not None and any(t.tag_ in ("VBZ", "VBP") and t.dep_ == "ROOT" for t in line)
    return start if credit or present else None
