"""The filter state and its URL form (dashboard.filters)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.data import FilterError
from dashboard.filters import (
    Filters,
    FilterValues,
    filters_from_query,
    filters_from_values,
    filters_to_query,
    merge_click,
    previous_period,
    to_event_filter,
    values_from_filters,
)
from etl.store import EventFilter

FULL = Filters(countries=("AFG", "PAK"), since=date(2025, 10, 1), until=date(2025, 10, 31),
               event_types=("Battles",), sub_event_types=("Armed clash",), actors=("Taliban",),
               locations=("Kabul",), sources=("Dawn", "Pakistan Today"), min_fatalities=5,
               text="border & <b>", bucket="month")


def test_filters_round_trip_through_the_query_string() -> None:
    search = filters_to_query(FULL)
    assert search.startswith("?country=AFG&country=PAK&type=Battles")
    assert filters_from_query(search) == FULL
    assert filters_from_query(search.lstrip("?")) == FULL


def test_defaults_give_an_empty_query_string() -> None:
    assert filters_to_query(Filters()) == ""
    assert filters_from_query("") == Filters()
    assert filters_from_query(None) == Filters()
    assert filters_from_query("?unknown=1&bucket=week") == Filters()


@pytest.mark.parametrize("search", ["?from=2025-13-01", "?from=2025-11-01&to=2025-10-01",
                                    "?minfat=many", "?minfat=-3", "?bucket=year"])
def test_malformed_queries_raise_filter_error(search: str) -> None:
    with pytest.raises(FilterError):
        filters_from_query(search)


def test_component_values_round_trip() -> None:
    values = values_from_filters(FULL)
    assert values.start_date == "2025-10-01"
    assert filters_from_values(values) == FULL
    assert filters_from_values(values.as_tuple()) == FULL
    assert filters_from_values(FilterValues(countries=None, text="  ", min_fatalities=0)) == Filters()  # type: ignore[arg-type]


def test_to_event_filter_carries_every_field_and_the_box() -> None:
    flt = to_event_filter(FULL, bbox=[60, 30, 70, 35])
    assert flt.countries == ("AFG", "PAK") and flt.min_fatalities == 5
    assert flt.bbox == (60.0, 30.0, 70.0, 35.0)
    assert flt.text == "border & <b>"
    assert to_event_filter(Filters()) == EventFilter()
    assert to_event_filter(FULL, since=None).since is None


def test_previous_period_has_the_same_length() -> None:
    assert previous_period(date(2025, 10, 1), date(2025, 10, 31)) == (date(2025, 8, 31), date(2025, 9, 30))
    assert previous_period(date(2025, 5, 10), date(2025, 5, 10)) == (date(2025, 5, 9), date(2025, 5, 9))


def test_merge_click_toggles() -> None:
    once = merge_click(Filters(), event_types=("Battles",))
    assert once.event_types == ("Battles",)
    assert merge_click(once, event_types=("Battles",)).event_types == ()
    assert merge_click(Filters(), locations=("Kabul",)).locations == ("Kabul",)
    assert merge_click(FULL) == FULL
    assert merge_click(Filters(), actors=("Taliban",)).actors == ("Taliban",)
