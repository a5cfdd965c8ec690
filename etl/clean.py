"""Text cleaning: normalise an article's text and cut web-page boilerplate.

The rules are general: they look for the markers that comment forms, "read
more" teasers and share bars leave at the end of scraped news pages, and cut
the text from the first such marker that sits in the last part of the article.
They never touch markup characters: an article that contains ``<script>`` keeps
it as text (the dashboard renders text, never markup).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Lines that start the trailing furniture of a news page.  Each is matched
# against a whole (stripped) line, case-insensitively.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        leave\s+a\s+(?:reply|comment)
      | post\s+a\s+comment
      | (?:\d+\s+)?comments?(?:\s*\(\d+\))?
      | please\s+enter\s+your\s+(?:comment|name|email).*
      | you\s+have\s+entered\s+an\s+incorrect\s+email.*
      | must\s+read
      | (?:also\s+)?read\s+(?:more|also|next)\b.*
      | related(?:\s+(?:articles?|posts?|stories|news|coverage))?
      | more\s+(?:from|on|stories|news)\b.*
      | (?:most\s+)?(?:popular|trending|latest)(?:\s+(?:news|stories|posts|now))?
      | you\s+(?:may|might)\s+(?:also\s+)?like.*
      | recommended(?:\s+for\s+you)?
      | share\s+(?:this|on)\b.*
      | follow\s+us\b.*
      | subscribe\b.*
      | sign\s+up\s+for\b.*
      | advertisement
      | copyright\b.*|©.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Markers are only believed in the tail: never cut more than this share of
# the article from a marker that sits early in the text.
_MIN_KEPT_SHARE = 0.4

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_LINE_BREAKS = re.compile(r"[\u2028\x85\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that only break words apart for the tokenizer: zero
# width space, word joiner, zero-width no-break space (a stray byte-order
# mark), soft hyphen.  Zero-width (non-)joiners stay: they shape scripts.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")


def normalise(text: str) -> str:
    """NFC, Unix newlines (also for U+2028/U+2029), no control characters, single spaces, at most one
    blank line between paragraphs, no leading/trailing whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode line and paragraph separators, NEL, vertical tab and form feed
    # break lines too (press releases pasted from PDFs carry U+2028).
    text = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def strip_boilerplate(text: str) -> str:
    """Cut the trailing furniture of a scraped page (comment forms, "Must
    Read" teasers, share bars) from the first marker line in the tail."""
    offset = 0
    for line in text.split("\n"):
        if (
            offset >= _MIN_KEPT_SHARE * len(text)
            and line.strip()
            and _BOILERPLATE_LINE.match(line.strip())
            and not _PROMO_BOX.match(line.strip())
        ):
            return text[:offset].rstrip()
        offset += len(line) + 1
    return text


# A newsletter's blurb boxed inside the story ("Subscribe to CNA's Morning Brief An automated curation of
# our top stories to start your day. ..."): a line of prose the page carries mid-story, which the story
# goes on after (a short "Subscribe" line still ends it)
_PROMO_BOX = re.compile(r"^(?:subscribe|sign\s+up)\b(?:\S*\s+){11,}", re.IGNORECASE)


def clean_text(text: str) -> str:
    """The text the ETL works on: normalised, boilerplate removed."""
    return strip_boilerplate(normalise(text))


def article_id_for(text: str) -> str:
    """sha256 of the cleaned text with whitespace collapsed, case folded and
    invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, byte-order marks, bidirectional marks) dropped, so the same
    article read twice (or with other line breaks, or with invisible
    characters sprinkled in) is one id."""
    if not text.isascii():  # (no ASCII character is a format character)
        dropped = {ord(c) for c in set(text) if not c.isascii() and unicodedata.category(c) == "Cf"}
        if dropped:
            text = text.translate(dict.fromkeys(dropped))
    key = " ".join(text.split()).casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
