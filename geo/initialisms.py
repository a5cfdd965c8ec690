"""Initialisms of places the text names in full: "LA city firefighters" in
a report on protests in Los Angeles is Los Angeles, not Louisiana, whose
postal code the gazetteer also knows.  A short all-capitals surface whose
letters are the initials of a place named in full in the same text takes
that place's reading.  Plain functions of the resolutions; no gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geo.records import Resolution

_WORD = re.compile(r"[A-Za-z]+")


def initials(surface: str) -> str:
    """The capital initials of a name of two words or more ("Los Angeles" ->
    "LA", "New York City" -> "NYC"), or ""."""
    words = _WORD.findall(surface)
    if len(words) < 2 or not all(w[0].isupper() and len(w) > 1 and not w.isupper() for w in words):
        return ""  # (not "L.A." itself)
    return "".join(w[0] for w in words)


def _initialism(surface: str) -> str:
    """The letters of a short all-capitals surface ("LA", "N.Y.C."), or ""."""
    letters = surface.replace(".", "")
    return letters if 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper() else ""


def with_initialisms(resolutions: Sequence[Resolution]) -> list[Resolution]:
    """The resolutions with each initialism of a place the text names in
    full read as that place."""
    full = {key: r for r in resolutions if r.place is not None and r.status == "resolved"
            and (key := initials(r.mention.surface))}
    out = []
    for resolution in resolutions:
        named = full.get(_initialism(resolution.mention.surface))
        if named is not None and named.place != resolution.place:
            resolution = replace(resolution, status=named.status, place=named.place, candidates=named.candidates)
        out.append(resolution)
    return out
