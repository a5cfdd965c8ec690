"""How long before the report's event a recalled one happened: "a day
after one of the deadliest crackdowns", "barely 48 hours after two
communities were attacked", "two months after the coup".  Split from
:mod:`etl.events.realis`."""

from __future__ import annotations

from spacy.tokens import Token

from etl.events.syntax import after_read_as_conj, ancestors

_OFFSET_DAYS = {"day": 1, "days": 1, "hour": 0, "hours": 0, "week": 7, "weeks": 7, "month": 30, "months": 30,
                "year": 365}
MONTH_OFFSET_DAYS = 28  # an offset of this many days or more dates to the month only ("two months after")
NEARLY = 0.9  # the share of an offset that "nearly" or "almost" leaves ("nearly a year": about 11 months)
# Prepositions that bound an offset ("under two weeks", "about a month", "over a year")
_BOUNDS = frozenset({"under", "about", "around", "over"})
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "several": 3, "few": 3}


def recalled_offset(token: Token) -> int | None:
    """How many days before the report's event a background event is told
    to have happened: "a day after one of the deadliest crackdowns",
    "barely 48 hours after two communities were attacked", "two days after
    the envoy travelled to Moscow".  ``None`` when not told so."""
    chain = [token, *ancestors(token, limit=7)]
    marks = [c for n in chain for c in n.children if c.dep_ == "mark" and c.lower_ == "after"]
    misread = after_read_as_conj(token)
    for node in [*chain, *marks, *([misread] if misread is not None else [])]:
        if node.lower_ not in ("after", "following") or node.dep_ not in ("prep", "mark"):
            continue
        # "a day after X": the unit modifies "after", or "after" hangs on the unit
        units = [c for c in node.children if c.dep_ == "npadvmod"]
        if node.head.lower_ in _OFFSET_DAYS and node.dep_ == "prep":
            units.append(node.head)
        if node.dep_ == "mark":  # "a year after protesters stormed …": the unit may hang on the verb
            units.extend(c for c in node.head.children if c.dep_ == "npadvmod" and c.i < node.i)
            # or on the main verb, right before the mark ("the blast came a day after militants attacked")
            units.extend(c for c in node.head.head.children if c.dep_ == "npadvmod" and c.right_edge.i == node.i - 1)
            # or in a bound right before it ("comes just under two weeks after 52 people were killed")
            units.extend(g for c in node.head.head.children if c.dep_ == "prep" and c.lower_ in _BOUNDS
                         and c.right_edge.i == node.i - 1 for g in c.children if g.dep_ == "pobj")
        for unit in units:
            if unit.lower_ not in _OFFSET_DAYS:
                continue
            count = next((c for c in unit.children if c.dep_ in ("nummod", "det", "amod")
                          and (c.like_num or c.lower_ in _NUMBER_WORDS)), None)
            if count is None and unit.lower_ in ("days", "weeks", "months"):
                return 3 * _OFFSET_DAYS[unit.lower_]  # "just weeks after": as "a few weeks after"
            if count is None:
                return None
            number = _NUMBER_WORDS.get(count.lower_)
            if number is None:
                try:
                    number = int(count.text.replace(",", ""))
                except ValueError:
                    return None
            if unit.lower_.startswith("hour"):
                # ("still retrieving bodies over 12 hours after the attack": the same day or the one
                # before, the text does not say which)
                return round(number / 24) or None
            if unit.lower_ == "year" and number != 1:
                return None  # events of older years are not coded
            days = number * _OFFSET_DAYS[unit.lower_]
            if any(c.lower_ in ("nearly", "almost") for c in [*unit.children, *count.children]) or \
                    (unit.dep_ == "pobj" and unit.head.lower_ == "under"):
                # "nearly a year after": somewhat less, and no anniversary to the day
                return max(1, round(days * NEARLY))
            return days
        return None
    return None
