from datetime import date

import pytest

from etl.dates import DAY, MONTH, UNKNOWN, WEEK, find_dates, weekday_pinned_date

PUBLISHED = date(2025, 11, 20)  # a Thursday


def one(text: str, published: date | None = PUBLISHED):
    found = [d for d in find_dates(text, published=published) if d.kind != "year"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Russia on Wednesday offered support", date(2025, 11, 19), DAY),
        ("the blast late Tuesday night", date(2025, 11, 18), DAY),
        ("on Thursday, police said", date(2025, 11, 20), DAY),
        ("last Thursday", date(2025, 11, 13), DAY),
        ("yesterday", date(2025, 11, 19), DAY),
        ("three days ago", date(2025, 11, 17), DAY),
        ("clashes erupted on October 12, when", date(2025, 10, 12), DAY),
        ("on 12 October", date(2025, 10, 12), DAY),
        ("on December 30", date(2024, 12, 30), DAY),  # not a future date
        ("on 5 March 2024", date(2024, 3, 5), DAY),
        ("2025-10-12", date(2025, 10, 12), DAY),
        ("the war in May", date(2025, 5, 1), MONTH),
        ("a skirmish last month", date(2025, 10, 1), MONTH),
        ("Earlier this month, the FO said", date(2025, 11, 1), MONTH),
        ("last week", date(2025, 11, 10), WEEK),
        ("in December", date(2024, 12, 1), MONTH),
        ("attacks on a mosque in late September", date(2025, 9, 21), WEEK),
        ("a strike in mid-October", date(2025, 10, 11), WEEK),
        ("in early March 2024", date(2024, 3, 1), WEEK),
        # a day or month told with the year it fell in, relative to the report
        ("parliament was stormed on June 25 last year", date(2024, 6, 25), DAY),
        ("on 12 March this year", date(2025, 3, 12), DAY),
        ("in June last year", date(2024, 6, 1), MONTH),
        ("in late June last year", date(2024, 6, 21), WEEK),
        # a night is dated by the day it began
        ("airstrikes in Yemen overnight into Thursday killed", date(2025, 11, 19), DAY),
        ("shelling overnight to Sunday", date(2025, 11, 15), DAY),
        ("Over the weekend, Israel had launched strikes", date(2025, 11, 15), WEEK),
        ("protests last weekend", date(2025, 11, 15), WEEK),
    ],
)
def test_resolves_against_publication_date(text, expected, precision):
    mention = one(text)
    assert mention.value == expected
    assert mention.precision == precision


def test_durations_and_modal_may_are_not_dates():
    assert find_dates("the four-day war lasted for 50 years", published=PUBLISHED) == []
    assert find_dates("It may rain. He may come.", published=PUBLISHED) == []


def test_bare_year_is_marked_as_year():
    (mention,) = find_dates("the 2019 Pulwama attack", published=PUBLISHED)
    assert mention.kind == "year" and mention.value == date(2019, 1, 1)


def test_relative_dates_without_publication_date_stay_unknown():
    mention = one("on Wednesday", published=None)
    assert mention.value is None and mention.precision == UNKNOWN
    assert one("October 12", published=None).value is None
    assert one("12 October 2025", published=None).value == date(2025, 10, 12)


def test_offsets_point_at_the_expression():
    text = "Militants attacked a post on Sunday night in Bajaur."
    mention = one(text)
    assert text[mention.start:mention.end] == mention.text
    assert mention.value == date(2025, 11, 16)


# --- a text with no publication date --------------------------------------------------


def test_a_weekday_named_with_its_date_fixes_the_year():
    text = "The two leaders met in Putrajaya on Monday afternoon (July 28) to agree a ceasefire."
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 7, 28)
    # the latest such year not after the bound: July 28 was also a Monday in 2014
    assert weekday_pinned_date(text, not_after=date(2024, 12, 31)) == date(2014, 7, 28)


def test_a_weekday_in_the_dates_sentence_outranks_a_year_the_text_recalls():
    # March 18 was a Tuesday in 2014 too, the year the text recalls
    text = ("Al-Shabaab bombed the president's convoy in Mogadishu on Tuesday March 18. It was the first "
            "attempt on his life since 2014, when the group bombed a hotel where he spoke.")
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 3, 18)


def test_a_year_named_in_the_text_and_a_weekday_elsewhere_fix_the_date():
    text = ("16 killed in June 25 memorial protests\n"
            "The protests marked the anniversary of last year's protests over the Finance Bill 2024.\n"
            "Sixteen people were killed across the country on Wednesday, rights groups said.")
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 6, 25)


def test_a_date_written_in_full_stands_in_for_the_publication_date():
    text = ("Israeli strikes in Doha kill Hamas negotiator's son\n"
            "This frame grab shows smoke billowing after explosions in Doha on September 9, 2025.\n"
            "The strikes came as Hamas leaders met to discuss a ceasefire proposal made on August 18, 2025.")
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 9, 9)
    # never a date after the bound
    assert weekday_pinned_date(text, not_after=date(2025, 9, 1)) == date(2025, 8, 18)


def test_with_no_weekday_anywhere_a_recent_year_dating_a_month_dates_the_day():
    text = ("The two states signed the accord on May 9 in Nairobi. Its text was agreed in January 2025, "
            "after talks that began in 2023.")
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) == date(2025, 5, 9)
    # an old year dates no day: the page may be of any later year
    text = "The two states signed the accord on May 9 in Nairobi. Its text was agreed in January 2019."
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) is None


@pytest.mark.parametrize("text", [
    "Police said 12 people were arrested after the protest on July 28.",   # no weekday
    "On Monday, police said 12 people were arrested.\nThe march was held on July 29.",  # not the same sentence
    # another day of the same sentence: the day of the saying, not of the killing
    "On Tuesday, the examiner said the two brothers had been killed in custody in Perm on 27 June.",
    "Talks are planned for next week.",
])
def test_nothing_pins_a_date(text):
    assert weekday_pinned_date(text, not_after=date(2026, 12, 3)) is None


def test_a_day_just_ahead_of_the_report_is_ahead_not_a_year_back():
    published = date(2025, 7, 29)
    assert one("a meeting on Aug. 4", published=published).value == date(2025, 8, 4)
    assert one("on July 30", published=published).value == date(2025, 7, 30)
    assert one("on September 20", published=published).value == date(2024, 9, 20)  # weeks ahead: last year's


@pytest.mark.parametrize("text, expected", [
    ("the government signed a declaration with the March 23 Movement (M23)", []),
    ("students of the May 4th Movement marched", []),
    ("on March 23 Israel struck the port", [date(2025, 3, 23)]),
])
def test_a_movement_named_after_a_day_is_no_date(text, expected):
    assert [d.value for d in find_dates(text, published=date(2025, 7, 19))] == expected
