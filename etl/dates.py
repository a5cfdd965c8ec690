"""Date expressions resolved against the article's publication date.

``find_dates`` scans a text for date expressions and resolves each one:
"on Wednesday", "late Tuesday", "yesterday", "October 12", "12 October 2025",
"in May", "last month", "earlier this month", "last week", "three days ago",
ISO dates.  Precision follows ACLED's time_precision: 1 day, 2 within a week,
3 month.  Durations ("four-day", "week-long", "for 50 years") are not dates.
A relative expression without a publication date resolves to nothing: the
caller must say the date is unknown, never fall back to today.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from etl import lexicon

DAY, WEEK, MONTH = 1, 2, 3
# Kinds of date expressions that name a day ("on Wednesday", "June 3"), not a stretch.
DAY_KINDS = frozenset({"iso", "month_day", "day_month", "weekday", "relative_day"})
UNKNOWN = 0


def borrowed_precision(precision: int) -> int:
    """The precision of a date borrowed from another sentence or event: a day
    is only near the happening's (week), coarser dates stay as they are."""
    return WEEK if precision == DAY else precision


_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
WEEKDAY_NAMES = frozenset(_WEEKDAYS)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3,
}

_MONTH_RE = (r"(?P<month>january|february|march|april|may|june|july|august|september|"
             r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_WEEKDAY_RE = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
# the year a day or month is told in: "12 October 2025", "June 25 last year", "April of last year"
_YEAR_PART = rf"(?:,?\s+(?:of\s+)?{_YEAR_RE}|\s+(?:of\s+)?(?P<yrel>last|this|next|previous)\s+year\b)"
_NUM_RE = r"(?P<num>\d+|a couple of|a few|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"

# Order matters: longer, more specific patterns first.  Each has a kind.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month_day", re.compile(
        rf"\b{_MONTH_RE}\s+{_DAY_RE}\b{_YEAR_PART}?(?!\s*(?:%|per|km|kilomet|miles?|people|dead|killed|soldiers))"
        # "the March 23 Movement" (M23), "the May 4th Movement": a name, not a day
        r"(?!(?:st|nd|rd|th)?\s+(?-i:Movement|Alliance|Brigades?|Front|Coalition|Revolution|Party)\b)",
        re.I)),
    ("day_month", re.compile(rf"\b{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}{_YEAR_PART}?\b", re.I)),
    ("weekday", re.compile(
        rf"\b(?P<mod>last|this|past|next|late|early|on|overnight\s+(?:into|to))?\s*{_WEEKDAY_RE}"
        r"(?:\s+(?P<part>night|morning|evening|afternoon))?(?P<lastweek>\s+(?:of\s+)?last\s+week)?\b", re.I)),
    ("relative_day", re.compile(
        r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
        r"earlier\s+today|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("weekend", re.compile(r"\b(?:(?:over|at|during)\s+the|(?P<wmod>this|last|past))\s+weekend\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM_RE}\s+(?P<unit>days?|weeks?|months?)\s+ago\b", re.I)),
    # "over the past three days": the day it began (ANNOTATION.md dates a night so)
    ("past_days", re.compile(rf"\b(?:(?:over|in|during|within)\s+the\s+(?:past|last)|over)\s+{_NUM_RE}\s+days\b",
                             re.I)),
    ("relative_period", re.compile(
        r"\b(?P<rel>(?:earlier\s+|later\s+|late\s+|early\s+)?(?:this|last|next|previous|past)"
        r"\s+(?P<unit>week|month))\b", re.I)),
    ("month_year", re.compile(rf"\b(?:(?P<part>early|mid|late)[\s-]+|(?:in|since|during|from|of)[\s-]+)?"
                              rf"{_MONTH_RE}{_YEAR_PART}?\b", re.I)),
    ("relative_year", re.compile(r"\b(?P<rel>(?:this|last|previous|past))\s+year\b(?!s)", re.I)),
    ("year", re.compile(rf"\b(?:in\s+)?{_YEAR_RE}\b(?!\s*(?:people|soldiers|troops|km|%))", re.I)),
]
_MONTH_YEAR = dict(_PATTERNS)["month_year"]

# A capitalised "May" is a month; a lowercase "may" is a modal verb unless a
# day or year follows or a preposition precedes ("in may" in lower-cased text).
_MODAL_MAY = re.compile(r"\bmay\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: offsets into the scanned text, the resolved date
    (first day of the period for week/month precision), and its precision.
    ``value`` is ``None`` when the expression cannot be resolved (a relative
    expression without a publication date).  ``kind`` "year" marks a bare year,
    which is too coarse to date an event but tells that a sentence recalls
    another year."""

    start: int
    end: int
    text: str
    value: date | None
    precision: int
    kind: str


PAST_DAYS_MAX = 7  # "over the past three days" dates a happening; "the past 30 days" a tally
FUTURE_DAYS = 14  # "talks on Aug. 4" in a July 29 report are ahead, not a year back


_MONTH_PARTS = {"early": 1, "mid": 11, "late": 21}


def _latest_on_or_before(month: int, day: int, published: date) -> date | None:
    """The date with this month/day nearest before (or on, or one day after)
    the publication date; a date up to ``FUTURE_DAYS`` after it is that date
    ahead ("a meeting on Aug. 4" in a July 29 report, "till March 15" on
    March 10), not the same day a year earlier."""
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= published + timedelta(days=FUTURE_DAYS):
            return candidate
    return None


def _month_before(month: int, published: date) -> date:
    year = published.year if month <= published.month else published.year - 1
    return date(year, month, 1)


def _counted(number: str) -> int:
    """The count of "three days ago", "over the past 3 days"."""
    return int(number) if number.isdigit() else _NUMBER_WORDS[" ".join(number.split())]


def _resolve(kind: str, match: re.Match[str], published: date | None) -> tuple[date | None, int]:
    groups = {k: (v.lower() if isinstance(v, str) else v) for k, v in match.groupdict().items()}
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("yrel"):  # "June 25 last year", "in March this year"
        if published is None:
            return None, UNKNOWN
        year = published.year + {"last": -1, "previous": -1, "next": 1}.get(groups["yrel"], 0)
    if kind == "iso":
        try:
            return date(int(groups["year"]), int(groups["mnum"]), int(groups["day"])), DAY
        except ValueError:
            return None, UNKNOWN
    if kind in ("month_day", "day_month"):
        month = _MONTHS[groups["month"].rstrip(".")]
        day = int(groups["day"])
        if year is not None:
            try:
                return date(year, month, day), DAY
            except ValueError:
                return None, UNKNOWN
        if published is None:
            return None, UNKNOWN
        return _latest_on_or_before(month, day, published), DAY
    if kind == "month_year":
        month = _MONTHS[groups["month"].rstrip(".")]
        if year is not None:
            first = date(year, month, 1)
        elif published is None:
            return None, UNKNOWN
        else:
            first = _month_before(month, published)
        part = (groups.get("part") or "").lower()
        if part:
            # "early/mid/late September": a third of the month, dated by its first day
            # at week precision (the nearest DESIGN has)
            return first.replace(day=_MONTH_PARTS[part]), WEEK
        return first, MONTH
    if kind == "year":
        return (date(year, 1, 1) if year else None), UNKNOWN
    if published is None:
        return None, UNKNOWN
    if kind == "weekday":
        target = _WEEKDAYS[groups["weekday"]]
        if groups.get("lastweek"):  # "on Friday last week": that day of the week before
            return published - timedelta(days=published.weekday() + 7 - target), DAY
        if groups.get("mod") == "next":  # "next Wednesday": the one ahead
            return published + timedelta(days=(target - published.weekday() - 1) % 7 + 1), DAY
        back = (published.weekday() - target) % 7
        if groups.get("mod") in ("last", "past") and back == 0:
            back = 7
        if (groups.get("mod") or "").startswith("overnight"):
            # "overnight into Thursday": a night is dated by the day it began (ANNOTATION.md)
            return published - timedelta(days=back + 1), DAY
        return published - timedelta(days=back), DAY
    if kind == "weekend":
        # "over the weekend": the Saturday of the latest weekend on or before the report,
        # at week precision (a weekend is two days)
        if groups.get("wmod") == "this" and published.weekday() < 5:
            return None, UNKNOWN  # "this weekend" told on a weekday: the one ahead
        back = (published.weekday() - 5) % 7
        if back == 0 and groups.get("wmod") in ("last", "past"):
            back = 7
        return published - timedelta(days=back), WEEK
    if kind == "relative_day":
        rel = " ".join(groups["rel"].split())
        back = {"the day before yesterday": 2, "yesterday": 1, "last night": 1}.get(rel, 0)
        return published - timedelta(days=back), DAY
    if kind == "ago":
        number = _counted(groups["num"])
        unit = groups["unit"].rstrip("s")
        if unit == "day":
            return published - timedelta(days=number), DAY
        if unit == "week":
            return published - timedelta(weeks=number), WEEK
        month_index = published.year * 12 + published.month - 1 - number
        return date(month_index // 12, month_index % 12 + 1, 1), MONTH
    if kind == "past_days":
        number = _counted(groups["num"])
        if not 2 <= number <= PAST_DAYS_MAX:
            return None, UNKNOWN  # ("over the past 90 days": a period's tally, no happening's day)
        return published - timedelta(days=number), DAY
    if kind == "relative_year":
        return date(published.year - (groups["rel"] != "this"), 1, 1), UNKNOWN
    if kind == "relative_period":
        rel = groups["rel"]
        unit = groups["unit"]
        if "next" in rel:
            return None, UNKNOWN
        past = any(w in rel for w in ("last", "previous", "past"))
        if unit == "week":
            start = published - timedelta(days=published.weekday())
            if past:
                start -= timedelta(weeks=1)
            return start, WEEK
        month_index = published.year * 12 + published.month - 1 - (1 if past else 0)
        return date(month_index // 12, month_index % 12 + 1, 1), MONTH
    return None, UNKNOWN


def _is_modal_may(text: str, match: re.Match[str]) -> bool:
    """True when a matched "May" is the modal verb, not the month."""
    month = match.groupdict().get("month")
    if not month or month.lower() != "may":
        return False
    start = match.start("month")
    token = text[start:start + 3]
    if token == "May":
        # Capitalised: a month unless it starts a sentence before a verb-ish word.
        before = text[max(0, start - 2):start]
        sentence_start = start == 0 or before.strip() in ("", ".", "!", "?", '"', "“")
        if sentence_start and not (match.groupdict().get("day") or match.groupdict().get("year")):
            after = text[match.end():match.end() + 12].lstrip().lower()
            return bool(re.match(r"(be|have|not|also|soon|well|still|only|never|even|[a-z]+ly\b)", after))
        return False
    # Lower-case "may": a month only with a day/year or after a preposition.
    if match.groupdict().get("day") or match.groupdict().get("year"):
        return False
    prefix = text[max(0, start - 10):start].lower()
    return not re.search(r"\b(in|since|during|from|of|early|mid|late)[\s-]+$", prefix)


def find_dates(text: str, *, published: date | None) -> list[DateMention]:
    """All date expressions in ``text`` (non-overlapping, in text order)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            # Trim a leading space left by optional prefixes.
            while start < end and text[start].isspace():
                start += 1
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "weekday" and not match.group("mod") and not text[match.start("weekday")].isupper():
                # lower-case bare weekday without "on/last/...": still a weekday
                pass
            if kind in ("month_year", "month_day", "day_month") and _is_modal_may(text, match):
                continue
            if kind == "year" and _is_duration_or_count(text, start, end):
                continue
            if kind == "month_year" and _is_bare_month(text, match):
                continue
            value, precision = _resolve(kind, match, published)
            taken.append((start, end))
            # "last year" names a year, like "2024": too coarse to date an event
            found.append(DateMention(start, end, text[start:end], value, precision,
                                     "year" if kind == "relative_year" else kind))
    found.sort(key=lambda d: d.start)
    return found


def _is_bare_month(text: str, match: re.Match[str]) -> bool:
    """A month name with neither a year nor a preposition ("Fayez Jan", "the
    March on Washington") is a name, not a date."""
    if match.groupdict().get("year") or match.groupdict().get("yrel"):
        return False
    month = match.group("month")
    if month.islower() and month in ("march", "may") and any(c.isupper() for c in text):
        return True  # "attempted to march on parliament": the verb, in a text that capitalises months
    matched = text[match.start():match.start("month")].strip().lower()
    if matched:  # "in", "since", "early", ...
        return False
    before = text[max(0, match.start() - 12):match.start()].lower()
    if re.search(r"\b(?:a|an|the)\s+$", before) and month[:1].isupper():
        # "a June attack on Nasser Hospital", "the March offensive": the month of the event it names
        after = re.match(r"\s+([a-z]+)", text[match.end():])
        if after is not None and after.group(1) in lexicon.NOUN_TRIGGERS:
            return False
    return not re.search(r"\b(?:of|last|this|next|until|till|by|before|after|through|between|and|to)\s+$", before)


def _is_duration_or_count(text: str, start: int, end: int) -> bool:
    after = text[end:end + 8].lower()
    return after.startswith(("-", " year", " day")) or text[max(0, start - 1):start] in ("$", "#")


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_WEEKDAY_WORD = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_PIN_YEARS_BACK = 10
# how near a weekday must be told to a day of the month to name the same day ("Monday afternoon (July 28)")
_PIN_WEEKDAY_CHARS = 24


# how long after a full date a day of the month told without its year may still be of that year
_LATER_DAY_DAYS = 62


def _one_year(days: Sequence[tuple[int, int]], years: set[int], *, named: set[int], weekdays: set[int],
              not_after: date) -> list[date]:
    """Days of the month told with no year, in a text that names years and
    weekdays elsewhere ("16 killed in June 25 memorial protests … the Finance
    Bill 2024 … killed on Wednesday"): all of one year, the one (a year
    named or the year after one) in which most of them fall on a weekday the
    text names; a year named before the year after it, then the later.  When
    no year fits more than half of them, the latest year named, if recent
    (within a year of ``not_after``) and the text tells two days or more;
    else no day."""
    def fits(year: int) -> int:
        count = 0
        for month, day in days:
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            count += value <= not_after and value.weekday() in weekdays
        return count

    if not days:
        return []
    best = max(years, key=lambda y: (fits(y), y in named, y))
    if 2 * fits(best) <= len(days):
        # weekdays that fit no more than half the days fall on them by chance ("On 27 January
        # M23 took Goma … 16 February … 19 March", a Tuesday told of other talks): the latest
        # year the text names, when it is recent
        best = max(named)
        if best < not_after.year - 1 or len(days) < 2:
            return []  # (not one day the text recalls, "on June 22, a suicide attack targeted a church")
    out = []
    for month, day in days:
        try:
            value = date(best, month, day)
        except ValueError:
            continue
        if value <= not_after:
            out.append(value)
    return out


# Words before a date on which something began: a day in the story's past, not its own
_STARTED_BEFORE = re.compile(r"\b(?:erupted|began|begun|started|broke\s+out|outbreak|since)\b[^.;]{0,20}$", re.I)


def weekday_pinned_date(text: str, *, not_after: date) -> date | None:
    """For a text with no publication date: the latest date it fixes, by
    naming a day of the month with its weekday ("on Monday afternoon (July
    28)", "on Wednesday … the June 25 protests"), which stands in for the
    publication date.  The year is the one in which that day falls on that
    weekday: with the weekday in the same sentence, the latest such year up
    to ``not_after`` (an article is never from the future); else among the
    years the text names and the years after them ("Finance Bill 2024",
    "last year's protests"), with a weekday anywhere in the text.  A date
    written in full ("on September 9, 2025", in a photo caption) pins itself.
    ``None`` when nothing pins a date."""
    named = {int(m.group("year")) for m in _PATTERNS[-1][1].finditer(text)
             if not _is_duration_or_count(text, m.start(), m.end())}
    years = {y for year in named for y in (year, year + 1) if y <= not_after.year}
    month_years = [int(m.group("year")) for m in _MONTH_YEAR.finditer(text) if m.group("year")
                   and not _is_modal_may(text, m)]
    dated_year = max(month_years) if month_years and max(month_years) >= not_after.year - 1 else None
    bounds = [m.start() for m in _SENTENCE_END.finditer(text)]

    def sentence_of(position: int) -> int:
        return sum(1 for b in bounds if b < position)

    weekdays: dict[int, set[int]] = {}
    told_at: list[tuple[int, int]] = []  # (position, weekday)
    for match in _WEEKDAY_WORD.finditer(text):
        weekdays.setdefault(sentence_of(match.start()), set()).add(_WEEKDAYS[match.group(1).lower()])
        told_at.append((match.start(), _WEEKDAYS[match.group(1).lower()]))
    anywhere = set().union(*weekdays.values()) if weekdays else set()
    pinned: list[date] = []
    unpinned: list[tuple[int, int]] = []  # days of the month told with no year and no weekday to pin them
    loose: list[tuple[int, int]] = []  # days of the month a weekday told elsewhere may pin
    for kind, pattern in _PATTERNS[1:3]:  # month_day, day_month
        for match in pattern.finditer(text):
            if _is_modal_may(text, match):
                continue
            month, day = _MONTHS[match.group("month").lower().rstrip(".")], int(match.group("day"))
            if match.group("year"):
                # written in full ("on September 9, 2025"): the text is of that day or later
                try:
                    value = date(int(match.group("year")), month, day)
                except ValueError:
                    continue
                if value <= not_after and not _STARTED_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                    # (not the day a war began, "The war erupted on April 15, 2023": history)
                    pinned.append(value)
                continue
            same = weekdays.get(sentence_of(match.start()), set())
            # the weekday next to the day ("on Monday afternoon (July 28)", "Tuesday, March 18"), not
            # another day of the sentence ("On Tuesday, the examiner said they were killed on 27 June")
            beside = {day for at, day in told_at if -_PIN_WEEKDAY_CHARS <= match.start() - at <= _PIN_WEEKDAY_CHARS
                      or 0 <= at - match.end() <= _PIN_WEEKDAY_CHARS}
            if same and not beside and not years:
                continue
            if years and same:
                # "on Tuesday March 18" pins the year by itself: the latest such year (not a year
                # the text recalls, "the first attempt on his life since 2014")
                candidates, wanted = sorted(years | set(range(not_after.year - _PIN_YEARS_BACK,
                                                                not_after.year + 1))), same
            elif years and not anywhere and dated_year is not None:
                # no weekday anywhere, and a month written with a recent year ("the text was
                # finalized in March 2025, ... signed on August 8"): that year, the latest the
                # text dates a month in
                candidates, wanted = [dated_year], set(range(7))
            elif years and anywhere:
                loose.append((month, day))  # a weekday told elsewhere: the text's one year decides
                continue
            else:  # (with years named and no weekday anywhere, no weekday pins the day either)
                candidates, wanted = list(range(not_after.year - _PIN_YEARS_BACK, not_after.year + 1)), same
            for year in reversed(candidates):
                try:
                    value = date(year, month, day)
                except ValueError:
                    break
                if value <= not_after and value.weekday() in wanted:
                    pinned.append(value)
                    break
            else:
                if not anywhere:
                    unpinned.append((month, day))
    pinned += _one_year(loose, years, named=named, weekdays=anywhere, not_after=not_after)
    if pinned:
        # "a strike in Sanaa on March 19, 2025" (a caption) and "struck the market overnight on
        # April 20": a day weeks later, which the text is of or after (not "December 6" beside
        # "on February 3, 2025": the December before)
        full = max(pinned)
        for month, day in unpinned:
            try:
                value = date(full.year, month, day)
            except ValueError:
                continue
            if full < value <= min(not_after, full + timedelta(days=_LATER_DAY_DAYS)):
                pinned.append(value)
    return max(pinned) if pinned else None
