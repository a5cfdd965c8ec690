"""Issue 14: an event never sits on a region word that lies in no country
("Asia", "Europe") when the article names a finer place
(``etl.events.without_bare_regions``)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from etl.pipeline import to_article
from etl.sources import RawDocument


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    from etl.pipeline import Pipeline

    return Pipeline()


def _events(text: str) -> list[Any]:
    article = to_article(RawDocument(origin="t.txt", text=text), published=date(2025, 3, 4))
    return list(_pipeline().extract(article).events)


def test_no_event_sits_on_a_continent_when_the_article_names_a_town() -> None:
    events = _events("Fighters clashed with troops across Asia, officials said. "
                     "A bomb exploded in a market in Kandahar on Monday, killing five people.")
    assert events
    assert all(event.location not in ("Asia",) and event.country for event in events)


def test_a_continent_is_still_a_place_when_nothing_finer_is_named() -> None:
    events = _events("Protests erupted across Europe on Monday after the verdict.")
    assert [(event.location, event.country) for event in events] == [("Europe", "")]
